//! The rule catalogue. Each family of rules lives in its own file with its
//! explanations beside its checks. Rules are pure: they read a loaded
//! campaign and return findings.

pub mod structure;

use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::model::config::RuleLevel;

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

impl Rule {
    /// Structure rules are always errors and cannot be allowed.
    pub fn is_structure(&self) -> bool {
        self.family == Family::Structure
    }
}

/// Every rule collab knows, in catalogue order.
pub fn catalogue() -> impl Iterator<Item = &'static Rule> {
    structure::RULES.iter()
}

/// Rule ids of the format's rule set whose checks are not built yet: a
/// `[lint]` entry naming one is accepted, not reported as unknown.
pub const PLANNED: &[&str] = &[
    "objective-not-outcome",
    "objective-not-measurable",
    "missing-local-objectives",
    "missing-national-objectives",
    "audience-without-insight",
    "journey-without-local-touchpoint",
    "activity-without-owner",
    "milestone-after-launch",
    "activity-in-blackout",
    "no-update-rhythm",
    "partner-without-lead",
    "partner-without-sign-off",
    "single-point-of-contact",
    "no-senior-sponsor",
    "partner-without-gains",
    "partner-offers-nothing",
    "unconfirmed-partner",
    "late-engagement",
    "initial-meeting-incomplete",
    "collaboration-not-co-designed",
    "overdue-action",
    "metric-without-owner",
    "evaluation-stage-gap",
    "evaluation-level-gap",
    "metric-stage-suspect",
    "objective-without-outcome-metric",
    "target-direction",
    "partnership-evaluation-missing",
    "unused-allow",
    "sensitive-public-pack",
];

/// Look a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    catalogue().find(|r| r.id == id)
}

/// Run every campaign-wide check.
pub fn check_campaign(campaign: &Campaign, findings: &mut Vec<Finding>) {
    structure::check_campaign(campaign, findings);
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
}
