//! Hover: what the id under the cursor points at. Pure: a loaded campaign,
//! a file and a byte offset in; Markdown and the span it covers out.

use std::path::Path;

use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::model::evaluation::Metric;
use crate::model::partners::Partner;
use crate::rename::{self, IdKind};
use crate::rule::Rule;
use crate::source::Span;

use super::keydoc;

/// The kinds of id whose references get a summary.
const KINDS: [IdKind; 3] = [IdKind::Partner, IdKind::Metric, IdKind::Channel];

/// What to show on hovering at byte `offset` of `file`, and the span it
/// is about: a summary of the id referred to there, then the explanation
/// of each rule with a finding there; `None` when there is nothing.
pub fn hover(
    campaign: &Campaign,
    file: &Path,
    offset: usize,
    findings: &[Finding],
) -> Option<(Span, String)> {
    let mut span = None;
    let mut parts = Vec::new();
    if let Some((at, text)) = reference(campaign, file, offset) {
        span = Some(at);
        parts.push(text);
    }
    let mut rules: Vec<Rule> = Vec::new();
    let here = findings
        .iter()
        .filter(|f| f.file.path == file && f.span.start <= offset && offset <= f.span.end);
    for f in here {
        span.get_or_insert(f.span);
        if !rules.contains(&f.rule) {
            rules.push(f.rule);
            parts.push(format!("`{}`: {}", f.rule.id(), f.rule.explanation()));
        }
    }
    let doc = campaign
        .documents
        .iter()
        .find(|d| d.file.path == file && d.root.span.start <= offset && offset <= d.root.span.end);
    if let Some((at, text)) = doc.and_then(|d| keydoc::key_doc(d, offset)) {
        span.get_or_insert(at);
        parts.push(text);
    }
    Some((span?, parts.join("\n\n---\n\n")))
}

/// The summary of the id referred to at `offset`, and its span.
fn reference(campaign: &Campaign, file: &Path, offset: usize) -> Option<(Span, String)> {
    KINDS.iter().find_map(|&kind| {
        let (span, id) = reference_at(campaign, kind, file, offset)?;
        let text = match kind {
            IdKind::Partner => describe_partner(campaign, id),
            IdKind::Metric => describe_metric(campaign, id),
            _ => describe_channel(campaign, id),
        };
        Some((span, text))
    })
}

/// The reference to a `kind` id that covers `offset`, and the id.
fn reference_at<'a>(
    campaign: &'a Campaign,
    kind: IdKind,
    file: &Path,
    offset: usize,
) -> Option<(Span, &'a str)> {
    rename::references(campaign, kind)
        .into_iter()
        .filter(|(f, _)| f.path == file)
        .find(|(_, n)| n.span.start <= offset && offset <= n.span.end)
        .and_then(|(_, n)| Some((n.span, n.as_str()?)))
}

fn describe_partner(campaign: &Campaign, id: &str) -> String {
    let found = campaign
        .partners_at()
        .find(|p| p.value.id.as_ref().is_some_and(|i| i.as_str() == id));
    let Some(p) = found else {
        return format!("No partner has the id `{id}`.");
    };
    let p: &Partner = p.value;
    let mut out = format!("**{}** (partner `{id}`)", p.name.as_deref().unwrap_or(id));
    if let Some(level) = p.level {
        out.push_str(&format!("\n\nLevel: {}", level.label()));
    }
    if let Some(lead) = &p.lead {
        let who = [lead.name.as_deref(), lead.role.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        if !who.is_empty() {
            out.push_str(&format!("\n\nLead: {who}"));
        }
    }
    out
}

fn describe_metric(campaign: &Campaign, id: &str) -> String {
    let found = campaign
        .metrics_at()
        .find(|m| m.value.id.as_ref().is_some_and(|i| i.as_str() == id));
    let Some(m) = found else {
        return format!("No metric has the id `{id}`.");
    };
    let m: &Metric = m.value;
    let mut out = format!("**{}** (metric `{id}`)", m.name.as_deref().unwrap_or(id));
    if let Some(stage) = m.stage {
        out.push_str(&format!("\n\nStage: {}", stage.label()));
    }
    let figure = |v: Option<f64>| v.map_or_else(|| "not given".to_string(), |v| v.to_string());
    out.push_str(&format!(
        "\n\nBaseline: {} · target: {}",
        figure(m.baseline),
        figure(m.target)
    ));
    let latest = m
        .actuals
        .iter()
        .filter(|a| a.value.is_some())
        .max_by_key(|a| a.date);
    match latest {
        Some(a) => {
            let when = a.date.map(|d| format!(" on {d}")).unwrap_or_default();
            out.push_str(&format!("\n\nLatest figure: {}{when}", figure(a.value)));
        }
        None => out.push_str("\n\nNo figures recorded yet."),
    }
    out
}

fn describe_channel(campaign: &Campaign, id: &str) -> String {
    for p in campaign.partners_at() {
        let channel = p
            .value
            .channels
            .iter()
            .find(|c| c.id.as_ref().is_some_and(|i| i.as_str() == id));
        if let Some(c) = channel {
            let owner = p.value.name.as_deref().unwrap_or("a partner");
            let name = c.name.as_deref().unwrap_or(id);
            let mut out = format!("**{name}** (channel `{id}`), run by {owner}");
            if let Some(kind) = c.kind {
                out.push_str(&format!("\n\nType: {}", kind.label()));
            }
            return out;
        }
    }
    format!("No partner has a channel with the id `{id}`.")
}
