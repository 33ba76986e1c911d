//! The rule catalogue. Each family of rules lives in its own file with its
//! explanations beside its checks. Rules are pure: they read a loaded
//! campaign and return findings.

pub mod clock;
pub mod evaluation;
pub mod housekeeping;
pub mod output;
pub mod partnership;
pub mod planning;
pub mod structure;
pub mod vocabulary;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::campaign::Campaign;
use crate::diagnostic::{Finding, Level, SourceFile};
use crate::model::Date;
use crate::model::config::RuleLevel;
use crate::source::Span;

pub use crate::rule::{Family, Rule, catalogue};

/// A finding of rule `id` at its default level.
pub fn emit(id: Rule, file: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> Finding {
    let level = id.default_level().to_level().unwrap_or(Level::Warning);
    Finding::new(id, level, file, span, message)
}

/// What date-dependent and tunable rules need to know.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Today, in the campaign's timezone (or `--today`).
    pub today: Date,
    /// `[lint.options] engagement_weeks`.
    pub engagement_weeks: u32,
}

impl Context {
    pub fn for_campaign(campaign: &Campaign, today: Date) -> Self {
        Context {
            today,
            engagement_weeks: campaign
                .settings()
                .lint
                .as_ref()
                .and_then(|l| l.options.as_ref())
                .and_then(|o| o.engagement_weeks)
                .unwrap_or(8),
        }
    }
}

/// The level each rule has in a campaign: its default, or what `[lint]`
/// says. Structure rules are always errors.
pub fn levels_in_force(campaign: Option<&Campaign>) -> BTreeMap<Rule, RuleLevel> {
    let configured = campaign
        .and_then(|c| c.settings().lint.as_ref())
        .map(|l| &l.levels);
    catalogue()
        .map(|r| {
            let level = if r.is_structure() {
                RuleLevel::Deny
            } else {
                configured
                    .and_then(|c| c.get(r.id))
                    .copied()
                    .unwrap_or(r.default)
            };
            (r.rule, level)
        })
        .collect()
}

/// Run every campaign-wide check, then apply allow comments and the levels
/// set in `[lint]`.
pub fn check_campaign(campaign: &Campaign, ctx: &Context, findings: &mut Vec<Finding>) {
    let mut found = Vec::new();
    structure::check_campaign(campaign, &mut found);
    planning::check(campaign, ctx, &mut found);
    clock::check(campaign, &mut found);
    partnership::check(campaign, ctx, &mut found);
    evaluation::check(campaign, ctx, &mut found);

    let mut files: Vec<&Arc<SourceFile>> = std::iter::once(&campaign.config.file)
        .chain(campaign.documents.iter().map(|d| &d.file))
        .collect();
    files.dedup_by(|a, b| a.path == b.path);
    let mut allows: Vec<housekeeping::Allow> =
        files.into_iter().flat_map(housekeeping::scan).collect();
    // Each file's documents in text order, so the one a finding lies in
    // is found by binary search.
    let mut by_file: HashMap<&std::path::Path, Vec<&crate::campaign::Document>> = HashMap::new();
    for doc in &campaign.documents {
        by_file
            .entry(doc.file.path.as_path())
            .or_default()
            .push(doc);
    }
    housekeeping::apply(&mut allows, &mut found, |f| {
        let at = f.span.start;
        let docs = by_file
            .get(f.file.path.as_path())
            .map_or(&[][..], Vec::as_slice);
        let k = docs.partition_point(|d| d.root.span.start <= at);
        let mut starts = Vec::new();
        if let Some(doc) = k.checked_sub(1).map(|k| docs[k]) {
            housekeeping::item_starts(&doc.root, at, &mut starts);
        }
        starts
            .into_iter()
            .map(|at| f.file.source.line_col(at).line)
            .collect()
    });
    found.extend(housekeeping::unused(&allows));

    let configured = campaign.settings().lint.as_ref().map(|l| &l.levels);
    for mut f in found {
        let rule = f.rule;
        if rule.is_structure() {
            findings.push(f);
            continue;
        }
        match configured.and_then(|c| c.get(rule.id())) {
            Some(RuleLevel::Allow) => continue,
            Some(RuleLevel::Deny) => f.level = Level::Error,
            // `warn` lowers a rule that is an error by default; a warning
            // rule that raised its own level (unconfirmed-partner at
            // launch) keeps it, as does a rule with no level set.
            Some(RuleLevel::Warn) if rule.default_level() == RuleLevel::Deny => {
                f.level = Level::Warning
            }
            _ => {}
        }
        findings.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[lint] rule = "warn"` makes a rule that is an error by default a
    /// warning (it used to stay an error, while `collab rules` said warn).
    #[test]
    fn warn_turns_a_deny_rule_into_a_warning() {
        let config = "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\n\n\
                      [lint]\nmetric-without-owner = \"warn\"\n";
        let plan = "kind: plan\nframework: oasis\ntitle: T\n---\n\
                    kind: evaluation\nmetrics:\n  - { id: m, name: Reach, stage: output }\n";
        let ws = crate::load::campaign_from_texts(
            std::path::Path::new("/campaign"),
            config,
            &[("campaign.yaml", plan)],
        );
        let campaign = &ws.campaigns[0];
        let today = crate::model::Date::parse("2026-11-24").expect("a date");
        let mut findings = Vec::new();
        check_campaign(
            campaign,
            &Context::for_campaign(campaign, today),
            &mut findings,
        );
        let levels: Vec<Level> = findings
            .iter()
            .filter(|f| f.rule == Rule::MetricWithoutOwner)
            .map(|f| f.level)
            .collect();
        assert_eq!(levels, vec![Level::Warning]);
    }
}
