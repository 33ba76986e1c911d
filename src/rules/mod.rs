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

/// Rule ids, so every producer names a rule the same way.
pub mod ids {
    pub const YAML_SYNTAX: &str = "yaml-syntax";
    pub const TOML_SYNTAX: &str = "toml-syntax";
    pub const DUPLICATE_KEY: &str = "duplicate-key";
    pub const UNKNOWN_KIND: &str = "unknown-kind";
    pub const UNKNOWN_FIELD: &str = "unknown-field";
    pub const INVALID_VALUE: &str = "invalid-value";
    pub const MISSING_FIELD: &str = "missing-field";
    pub const DUPLICATE_ID: &str = "duplicate-id";
    pub const UNKNOWN_REFERENCE: &str = "unknown-reference";
    pub const MISSING_PLAN: &str = "missing-plan";
    pub const MULTIPLE_PLANS: &str = "multiple-plans";
    pub const FRAMEWORK_MISMATCH: &str = "framework-mismatch";
    pub const DATE_ORDER: &str = "date-order";
}

/// The families rules are grouped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Structure,
    Planning,
    Partnership,
    Evaluation,
    Housekeeping,
    Output,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Structure => "structure",
            Family::Planning => "planning",
            Family::Partnership => "partnership",
            Family::Evaluation => "evaluation",
            Family::Housekeeping => "housekeeping",
            Family::Output => "output",
        }
    }
}

/// One rule: its id, default level and the explanation `collab explain` prints.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub family: Family,
    pub default: RuleLevel,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Why it matters and how to fix it, with a bad/good example.
    pub explanation: &'static str,
}

/// Build a catalogue entry.
pub const fn rule(
    family: Family,
    id: &'static str,
    default: RuleLevel,
    summary: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule {
        id,
        family,
        default,
        summary,
        explanation,
    }
}

impl Rule {
    /// Structure rules are always errors and cannot be allowed.
    pub fn is_structure(&self) -> bool {
        self.family == Family::Structure
    }
}

/// Every rule collab knows, in catalogue order.
pub fn catalogue() -> impl Iterator<Item = &'static Rule> {
    structure::RULES
        .iter()
        .chain(planning::RULES)
        .chain(clock::RULES)
        .chain(partnership::RULES)
        .chain(evaluation::RULES)
        .chain(housekeeping::RULES)
        .chain(output::RULES)
}

impl RuleLevel {
    /// The finding level a rule level gives, or `None` for `allow`.
    pub fn to_level(self) -> Option<Level> {
        match self {
            RuleLevel::Allow => None,
            RuleLevel::Warn => Some(Level::Warning),
            RuleLevel::Deny => Some(Level::Error),
        }
    }
}

/// A finding of rule `id` at its default level.
pub fn emit(
    id: &'static str,
    file: &Arc<SourceFile>,
    span: Span,
    message: impl Into<String>,
) -> Finding {
    let level = find(id)
        .and_then(|r| r.default.to_level())
        .unwrap_or(Level::Warning);
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
pub fn levels_in_force(campaign: Option<&Campaign>) -> BTreeMap<&'static str, RuleLevel> {
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
            (r.id, level)
        })
        .collect()
}

/// Look a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    catalogue().find(|r| r.id == id)
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
        let rule = find(f.rule);
        if rule.is_none_or(Rule::is_structure) {
            findings.push(f);
            continue;
        }
        match configured.and_then(|c| c.get(f.rule)) {
            Some(RuleLevel::Allow) => continue,
            Some(RuleLevel::Deny) => f.level = Level::Error,
            // `warn` lowers a rule that is an error by default; a warning
            // rule that raised its own level (unconfirmed-partner at
            // launch) keeps it, as does a rule with no level set.
            Some(RuleLevel::Warn) if rule.is_some_and(|r| r.default == RuleLevel::Deny) => {
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

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in catalogue() {
            assert!(seen.insert(rule.id), "duplicate rule {}", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.id
            );
            assert!(!rule.explanation.is_empty());
        }
    }

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
            .filter(|f| f.rule == "metric-without-owner")
            .map(|f| f.level)
            .collect();
        assert_eq!(levels, vec![Level::Warning]);
    }
}
