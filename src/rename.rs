//! Renaming an id across a campaign: the definition's `id:` and every
//! reference to it, in every file (`collab.toml`'s `lead` included). The
//! answer is a list of byte edits per file; every other byte stays as it
//! is. Pure: the `rename` command and the language server apply the edits.

use std::sync::Arc;

use crate::campaign::{Campaign, Fields, Located};
use crate::diagnostic::SourceFile;
use crate::edit::{Splice, YValue};
use crate::error::{Error, Lookup};
use crate::source::{SourceText, Span};
use crate::yaml::{Node, Value};

/// The kinds of id that can be renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Partner,
    Metric,
    Objective,
    Audience,
    Channel,
    Activity,
    Meeting,
}

impl IdKind {
    pub const ALL: [IdKind; 7] = [
        IdKind::Partner,
        IdKind::Metric,
        IdKind::Objective,
        IdKind::Audience,
        IdKind::Channel,
        IdKind::Activity,
        IdKind::Meeting,
    ];

    /// The word for one of these, as messages use it.
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Partner => "partner",
            IdKind::Metric => "metric",
            IdKind::Objective => "objective",
            IdKind::Audience => "audience",
            IdKind::Channel => "channel",
            IdKind::Activity => "activity",
            IdKind::Meeting => "meeting",
        }
    }
}

/// The edits a rename makes to one file.
#[derive(Debug, Clone)]
pub struct FileEdit {
    pub file: Arc<SourceFile>,
    /// In file order, none overlapping.
    pub splices: Vec<Splice>,
}

impl FileEdit {
    /// The file's text with the edits made.
    pub fn apply(&self) -> String {
        let text = self.file.source.text();
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        for s in &self.splices {
            out.push_str(&text[from..s.span.start]);
            out.push_str(&s.text);
            from = s.span.end;
        }
        out.push_str(&text[from..]);
        out
    }
}

/// A node holding an id, and the file it is in.
pub type Place<'a> = (&'a Arc<SourceFile>, &'a Node);

/// The edits that rename the `kind` id `old` to `new` in `campaign`, one
/// entry per file that changes, in the campaign's file order. Refused when
/// `new` is not kebab-case or already names a `kind`, when no `kind` is
/// called `old`, when an occurrence is written through a YAML alias, or
/// when a file of the campaign could not be read (it may hold references).
pub fn rename(
    campaign: &Campaign,
    kind: IdKind,
    old: &str,
    new: &str,
) -> Result<Vec<FileEdit>, Error> {
    if campaign.incomplete {
        return Err(Error::RenameIncomplete);
    }
    if !is_id(new) {
        return Err(Error::BadId {
            flag: "NEW",
            id: new.to_string(),
        });
    }
    let defined = definitions(campaign, kind);
    let ids: Vec<&str> = defined.iter().filter_map(|(_, n)| n.as_str()).collect();
    if !ids.contains(&old) {
        return Err(Error::not_found(Lookup::Id(kind.noun()), old, ids));
    }
    if ids.contains(&new) {
        return Err(Error::IdTaken {
            what: kind.noun(),
            id: new.to_string(),
        });
    }
    edits(campaign, &occurrences(campaign, kind, old), old, new)
}

/// One place an id is written: an item's `id:` or a reference to one.
#[derive(Debug, Clone)]
pub struct Occurrence<'a> {
    pub file: &'a Arc<SourceFile>,
    /// The id's bytes, quotes included.
    pub span: Span,
    pub id: &'a str,
    /// Whether this is the item's own `id:`.
    pub definition: bool,
}

/// Every place an id of `kind` is written (whatever the id), definitions
/// first. Ids written as something other than a plain scalar are left out.
pub fn places(campaign: &Campaign, kind: IdKind) -> Vec<Occurrence<'_>> {
    let defined = definitions(campaign, kind).into_iter().map(|p| (p, true));
    let referred = references(campaign, kind).into_iter().map(|p| (p, false));
    defined
        .chain(referred)
        .filter_map(|((file, node), definition)| {
            node.as_scalar()?;
            Some(Occurrence {
                file,
                span: node.span,
                id: node.as_str()?,
                definition,
            })
        })
        .collect()
}

/// Every place the `kind` id `id` is written: its definition (or, when
/// the id is defined twice, each of them) and every reference to it.
pub fn occurrences<'a>(campaign: &'a Campaign, kind: IdKind, id: &str) -> Vec<Occurrence<'a>> {
    let mut out = places(campaign, kind);
    out.retain(|o| o.id == id);
    out
}

/// Whether `id` is kebab-case: lower-case letters, digits and hyphens,
/// starting with a letter or digit.
pub fn is_id(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The `id` node of every item of `kind`.
pub fn definitions(campaign: &Campaign, kind: IdKind) -> Vec<Place<'_>> {
    let mut out = Vec::new();
    match kind {
        IdKind::Partner => campaign
            .partners_at()
            .for_each(|p| field(&mut out, &p, "id")),
        IdKind::Channel => {
            for p in campaign.partners_at() {
                for ch in p.items("channels", &p.value.channels) {
                    field(&mut out, &ch, "id");
                }
            }
        }
        IdKind::Metric => campaign
            .metrics_at()
            .for_each(|m| field(&mut out, &m, "id")),
        IdKind::Meeting => campaign
            .meetings_at()
            .for_each(|m| field(&mut out, &m, "id")),
        IdKind::Objective | IdKind::Audience | IdKind::Activity => {
            for plan in campaign.plans_at() {
                match kind {
                    IdKind::Objective => plan
                        .objectives()
                        .iter()
                        .for_each(|o| field(&mut out, o, "id")),
                    IdKind::Audience => plan
                        .audiences()
                        .iter()
                        .for_each(|a| field(&mut out, a, "id")),
                    _ => plan
                        .activities()
                        .iter()
                        .for_each(|a| field(&mut out, a, "id")),
                }
            }
        }
    }
    out
}

/// Every node that may refer to an id of `kind` (whatever id it names).
/// The same fields `unknown-reference` checks.
pub fn references(campaign: &Campaign, kind: IdKind) -> Vec<Place<'_>> {
    let mut out = Vec::new();
    match kind {
        IdKind::Partner => partner_references(campaign, &mut out),
        IdKind::Metric => {
            for plan in campaign.plans_at() {
                plan.objectives()
                    .iter()
                    .for_each(|o| list(&mut out, o, "metrics"));
                if let Some(s) = plan.scoring() {
                    list(&mut out, &s, "metrics");
                }
            }
        }
        IdKind::Objective => campaign
            .metrics_at()
            .for_each(|m| field(&mut out, &m, "objective")),
        IdKind::Audience | IdKind::Channel => journey_references(campaign, kind, &mut out),
        // Nothing refers to an activity or a meeting by its id.
        IdKind::Activity | IdKind::Meeting => {}
    }
    out
}

fn partner_references<'a>(campaign: &'a Campaign, out: &mut Vec<Place<'a>>) {
    field(out, &campaign.config.info(), "lead");
    field(out, &campaign.config.info(), "coordinator");
    for plan in campaign.plans_at() {
        plan.objectives()
            .iter()
            .for_each(|o| field(out, o, "owner"));
        plan.activities()
            .iter()
            .for_each(|a| field(out, a, "owner"));
        plan.assets().iter().for_each(|a| field(out, a, "owner"));
        if let Some(i) = plan.implementation()
            && let Some(u) = &i.value.updates
        {
            field(out, &i.child("updates", u), "chair");
        }
    }
    for (_, r) in campaign.risks() {
        field(out, &r, "owner");
    }
    for m in campaign.metrics_at() {
        field(out, &m, "owner");
    }
    for p in campaign.partnership_at() {
        field(out, &p, "collects");
    }
    for c in campaign.charters_at() {
        for key in ["leadership", "drivers"] {
            out.extend(c.map_keys(key).into_iter().map(|n| (c.file, n)));
        }
    }
    for m in campaign.meetings_at() {
        field(out, &m, "chair");
        for a in m.items("attendees", &m.value.attendees) {
            field(out, &a, "partner");
        }
        for a in m.items("actions", &m.value.actions) {
            field(out, &a, "owner");
        }
    }
}

/// Audience and channel references: the strategy and the activities.
fn journey_references<'a>(campaign: &'a Campaign, kind: IdKind, out: &mut Vec<Place<'a>>) {
    for plan in campaign.plans_at() {
        if let Some(s) = plan.strategy() {
            if kind == IdKind::Channel {
                list(out, &s, "channels");
            }
            for stage in s.items("journey", &s.value.journey) {
                if kind == IdKind::Audience {
                    list(out, &stage, "audiences");
                    continue;
                }
                for tp in stage.items("touchpoints", &stage.value.touchpoints) {
                    field(out, &tp, "channel");
                }
            }
        }
        if kind == IdKind::Channel {
            plan.activities()
                .iter()
                .for_each(|a| field(out, a, "channel"));
        }
    }
}

/// The value node of `name`, when the item has it.
fn field<'a, T: Fields>(out: &mut Vec<Place<'a>>, item: &Located<'a, T>, name: &str) {
    if let Some(node) = item.value_of(name) {
        out.push((item.file, node));
    }
}

/// Each item of the list under `name`.
fn list<'a, T: Fields>(out: &mut Vec<Place<'a>>, item: &Located<'a, T>, name: &str) {
    if let Some(Node {
        value: Value::Seq(items),
        ..
    }) = item.value_of(name)
    {
        out.extend(items.iter().map(|n| (item.file, n)));
    }
}

/// Group the places by file (in the campaign's order) and make the edits.
fn edits(
    campaign: &Campaign,
    places: &[Occurrence<'_>],
    old: &str,
    new: &str,
) -> Result<Vec<FileEdit>, Error> {
    let mut files: Vec<&Arc<SourceFile>> = vec![&campaign.config.file];
    for d in &campaign.documents {
        if !files.iter().any(|f| Arc::ptr_eq(f, &d.file)) {
            files.push(&d.file);
        }
    }
    let mut out = Vec::new();
    for file in files {
        let mut spans: Vec<Span> = places
            .iter()
            .filter(|o| Arc::ptr_eq(o.file, file))
            .map(|o| o.span)
            .collect();
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        if spans.is_empty() {
            continue;
        }
        let is_config = Arc::ptr_eq(file, &campaign.config.file);
        out.push(file_edit(file, &spans, is_config, old, new)?);
    }
    Ok(out)
}

/// The edits to one file: each span's bytes replaced by `new`, written in
/// the same quotes when the old id was quoted.
fn file_edit(
    file: &Arc<SourceFile>,
    spans: &[Span],
    is_config: bool,
    old: &str,
    new: &str,
) -> Result<FileEdit, Error> {
    let text = file.source.text();
    let shared = if is_config {
        Vec::new()
    } else {
        shared_spans(text)
    };
    let mut splices = Vec::new();
    for &span in spans {
        if shared
            .iter()
            .any(|s| s.start <= span.start && span.end <= s.end)
        {
            return Err(Error::RenameShared {
                file: file.rel.clone(),
                line: file.source.line_col(span.start).line,
                id: old.to_string(),
            });
        }
        let written = text.get(span.start..span.end).unwrap_or_default();
        let replacement = match written.chars().next() {
            Some(q @ ('"' | '\'')) if written.len() >= 2 && written.ends_with(q) => {
                format!("{q}{new}{q}")
            }
            _ => YValue::text(new).inline(),
        };
        splices.push(Splice {
            span,
            text: replacement,
        });
    }
    Ok(FileEdit {
        file: Arc::clone(file),
        splices,
    })
}

/// The spans of a YAML text that share their content with another place:
/// aliases and the anchored nodes they repeat. Nodes read through an alias
/// keep the spans of the anchored node, so a span inside one of these is
/// one place showing in several.
fn shared_spans(text: &str) -> Vec<Span> {
    let parsed = crate::yaml::parse(&SourceText::new(text.to_string()));
    parsed
        .docs
        .iter()
        .flat_map(|d| d.shared.iter().map(|s| s.span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const CONFIG: &str =
        "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\nlead = \"ho\"\n";

    fn renamed(
        files: &[(&str, &str)],
        kind: IdKind,
        old: &str,
        new: &str,
    ) -> Result<Vec<(String, String)>, Error> {
        let ws = crate::load::campaign_from_texts(Path::new("/campaign"), CONFIG, files);
        let edits = rename(&ws.campaigns[0], kind, old, new)?;
        Ok(edits
            .iter()
            .map(|e| (e.file.rel.clone(), e.apply()))
            .collect())
    }

    const PARTNERS: &str = "kind: partners\npartners:\n  - id: ho\n    name: Home Office\n  - { id: 'fire', name: Fire }\n";

    #[test]
    fn a_risk_owner_follows_its_partner() {
        let plan = "kind: plan\nrisks:\n  - { id: r1, description: D, owner: ho }\n";
        let out = renamed(
            &[("partners.yaml", PARTNERS), ("plan.yaml", plan)],
            IdKind::Partner,
            "ho",
            "home-office",
        )
        .unwrap();
        let plan_out = out.iter().find(|(f, _)| f == "plan.yaml").unwrap();
        assert_eq!(
            plan_out.1,
            plan.replace("owner: ho ", "owner: home-office ")
        );
    }

    #[test]
    fn a_partner_is_renamed_in_its_definition_and_the_lead() {
        let out = renamed(
            &[("partners.yaml", PARTNERS)],
            IdKind::Partner,
            "ho",
            "home-office",
        )
        .unwrap();
        assert_eq!(out[0].0, "collab.toml");
        assert!(
            out[0].1.contains("lead = \"home-office\"\n"),
            "{}",
            out[0].1
        );
        assert_eq!(out[1].1, PARTNERS.replace("id: ho\n", "id: home-office\n"));
    }

    #[test]
    fn a_partner_is_renamed_in_the_charters_leadership_and_drivers() {
        let charter =
            "kind: charter\nleadership: { ho: Priya Lomax }\ndrivers:\n  ho: Fewer fires\n";
        let out = renamed(
            &[("partners.yaml", PARTNERS), ("charter.yaml", charter)],
            IdKind::Partner,
            "ho",
            "home-office",
        )
        .unwrap();
        let charter_out = out.iter().find(|(f, _)| f == "charter.yaml").unwrap();
        assert_eq!(charter_out.1, charter.replace("ho:", "home-office:"));
    }

    #[test]
    fn quotes_are_kept_and_a_new_id_yaml_would_misread_is_quoted() {
        let out = renamed(
            &[("partners.yaml", PARTNERS)],
            IdKind::Partner,
            "fire",
            "lfrs",
        )
        .unwrap();
        assert!(
            out[0].1.contains("{ id: 'lfrs', name: Fire }"),
            "{}",
            out[0].1
        );
        let out = renamed(
            &[("partners.yaml", PARTNERS)],
            IdKind::Partner,
            "ho",
            "2026",
        )
        .unwrap();
        assert!(out[1].1.contains("id: \"2026\"\n"), "{}", out[1].1);
    }

    #[test]
    fn refusals() {
        let files = [("partners.yaml", PARTNERS)];
        let bad = renamed(&files, IdKind::Partner, "ho", "Home");
        assert!(matches!(bad, Err(Error::BadId { .. })));
        let missing = renamed(&files, IdKind::Partner, "hx", "new");
        assert!(matches!(
            missing,
            Err(Error::NotFound {
                suggestion: Some(_),
                ..
            })
        ));
        let taken = renamed(&files, IdKind::Partner, "ho", "fire");
        assert!(matches!(taken, Err(Error::IdTaken { .. })));
    }

    #[test]
    fn a_reference_through_an_alias_is_refused() {
        let meeting = "kind: meeting\nid: m1\ntype: other\ndate: 2026-10-01T10:00\nchair: &c ho\nattendees:\n  - { partner: *c }\n";
        let files = [("partners.yaml", PARTNERS), ("meetings/m1.yaml", meeting)];
        let out = renamed(&files, IdKind::Partner, "ho", "home-office");
        assert!(
            matches!(out, Err(Error::RenameShared { line: 5, .. })),
            "{out:?}"
        );
    }
}
