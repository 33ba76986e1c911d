//! The rule registry: every rule collab knows, as one enum generated from
//! one table. Pure data, no checks: the checks live in `src/rules/<family>/`,
//! one file per rule, and each rule's explanation is a Markdown file,
//! `docs/rules/<id>.md`, that both `collab explain` and the rule's own doc
//! comment include.
//!
//! Adding a rule is one line in the table below, its `docs/rules/<id>.md`
//! and its file under `src/rules/`.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::diagnostic::Level;
use crate::model::config::RuleLevel;

/// The families rules are grouped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// What the registry knows about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    pub rule: Rule,
    pub id: &'static str,
    pub family: Family,
    pub default: RuleLevel,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Why it matters and how to fix it, with a bad/good example
    /// (`docs/rules/<id>.md`).
    pub explanation: &'static str,
    /// Whether collab can fix what it finds.
    pub fix: bool,
}

/// One table, read by `macro_rules!`: variant = "id", family, default
/// level, fix, summary. The order is the catalogue order `collab rules`,
/// SARIF and the reference page use.
macro_rules! registry {
    ($($variant:ident = $id:literal, $family:ident, $level:ident, fix: $fix:literal, $summary:literal;)*) => {
        /// A rule. Findings carry one; outputs print its [`Rule::id`].
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule an id names.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id {
                    $($id => Some(Rule::$variant),)*
                    _ => None,
                }
            }
        }

        static CATALOGUE: &[RuleInfo] = &[$(RuleInfo {
            rule: Rule::$variant,
            id: $id,
            family: Family::$family,
            default: RuleLevel::$level,
            summary: $summary,
            explanation: include_str!(concat!("../docs/rules/", $id, ".md")),
            fix: $fix,
        },)*];
    };
}

registry! {
    YamlSyntax = "yaml-syntax", Structure, Deny, fix: false,
        "text that is not YAML, with the parser's position";
    TomlSyntax = "toml-syntax", Structure, Deny, fix: false,
        "a collab.toml that is not valid TOML";
    DuplicateKey = "duplicate-key", Structure, Deny, fix: false,
        "the same key twice in one mapping";
    UnknownKind = "unknown-kind", Structure, Deny, fix: false,
        "a `kind` collab does not know";
    UnknownField = "unknown-field", Structure, Deny, fix: true,
        "a key the format does not define; help names the closest valid key";
    InvalidValue = "invalid-value", Structure, Deny, fix: true,
        "wrong type, or a value outside an enum, a malformed id, date or e-mail";
    MissingField = "missing-field", Structure, Deny, fix: true,
        "a required key absent (span: the mapping that lacks it)";
    DuplicateId = "duplicate-id", Structure, Deny, fix: false,
        "two items of one kind sharing an id (both places labelled)";
    UnknownReference = "unknown-reference", Structure, Deny, fix: true,
        "an owner, partner, metric, objective, audience or channel id that names nothing";
    MissingPlan = "missing-plan", Structure, Deny, fix: false,
        "a campaign with no plan";
    MultiplePlans = "multiple-plans", Structure, Deny, fix: false,
        "more than one plan in a campaign";
    MultipleCharters = "multiple-charters", Structure, Deny, fix: false,
        "more than one charter in a campaign";
    FrameworkMismatch = "framework-mismatch", Structure, Deny, fix: false,
        "plan `framework` differs from collab.toml, or one framework's section names in the other's plan";
    DateOrder = "date-order", Structure, Deny, fix: false,
        "an end before its start; an activity outside the campaign's start..end";
    ObjectiveNotOutcome = "objective-not-outcome", Planning, Warn, fix: false,
        "an objective that counts outputs instead of a change in what people think or do";
    OutcomeNotWhoWhatHow = "outcome-not-who-what-how", Planning, Warn, fix: false,
        "an objective or partnership outcome that does not say who changes, what changes and how";
    UnexplainedAcronym = "unexplained-acronym", Planning, Warn, fix: false,
        "an acronym in partner-facing text that the plan's `glossary` does not define and the text does not expand at first use";
    ObjectiveNotMeasurable = "objective-not-measurable", Planning, Warn, fix: false,
        "an objective with no linked metric that has both a baseline and a target";
    MissingLocalObjectives = "missing-local-objectives", Planning, Warn, fix: false,
        "local partners (council, police, fire, NHS, voluntary) but no `level: local` objective";
    MissingNationalObjectives = "missing-national-objectives", Planning, Warn, fix: false,
        "a central-government partner but no `level: national` objective";
    AudienceWithoutInsight = "audience-without-insight", Planning, Warn, fix: false,
        "an audience with no `insight` or no `sources`";
    JourneyWithoutLocalTouchpoint = "journey-without-local-touchpoint", Planning, Warn, fix: false,
        "local partners, yet no journey touchpoint at `level: local`";
    ActivityWithoutOwner = "activity-without-owner", Planning, Deny, fix: false,
        "an activity nobody owns";
    MilestoneAfterLaunch = "milestone-after-launch", Planning, Warn, fix: false,
        "a budget approval or ministerial / chief executive submission dated after launch";
    ActivityInBlackout = "activity-in-blackout", Planning, Warn, fix: false,
        "the launch, a launch milestone or a publicity activity whose dates overlap a `[[blackout]]` window; meetings never";
    ServiceInBlackout = "service-in-blackout", Planning, Warn, fix: false,
        "a `service` activity running in a pre-election window: advice to keep it neutral";
    NoUpdateRhythm = "no-update-rhythm", Planning, Warn, fix: false,
        "no `implementation.updates` cadence";
    NonexistentLocalTime = "nonexistent-local-time", Planning, Warn, fix: false,
        "a meeting at a local time that does not exist, skipped when the clocks go forward";
    UnknownRegion = "unknown-region", Planning, Warn, fix: true,
        "a region that is neither built in (UK, nations, English regions, their aliases) nor declared in `[[region]]`";
    PartnerWithoutLead = "partner-without-lead", Partnership, Deny, fix: false,
        "a partner with no project lead";
    PartnerWithoutSignOff = "partner-without-sign-off", Partnership, Warn, fix: false,
        "a partner with no named sign-off";
    SinglePointOfContact = "single-point-of-contact", Partnership, Warn, fix: false,
        "a partner with no deputy: the link breaks when one person moves on";
    NoSeniorSponsor = "no-senior-sponsor", Partnership, Warn, fix: false,
        "a partner at `co-operation` or `collaboration` with no sponsor";
    PartnerWithoutGains = "partner-without-gains", Partnership, Warn, fix: false,
        "a partner whose benefit from taking part is not written down";
    PartnerOffersNothing = "partner-offers-nothing", Partnership, Warn, fix: false,
        "a partner above `information-sharing` that offers nothing";
    UnconfirmedPartner = "unconfirmed-partner", Partnership, Warn, fix: false,
        "a partner with no written confirmation; an error from launch day on";
    LateEngagement = "late-engagement", Partnership, Warn, fix: false,
        "no initial partnering meeting, or one held less than `engagement_weeks` before launch";
    InitialMeetingIncomplete = "initial-meeting-incomplete", Partnership, Warn, fix: false,
        "an initial partnering meeting whose agenda leaves out any of the seven topics";
    CollaborationNotCoDesigned = "collaboration-not-co-designed", Partnership, Warn, fix: false,
        "a partner at `collaboration` that missed the initial partnering meeting or owns no objective";
    NoSignOffRoute = "no-sign-off-route", Partnership, Warn, fix: false,
        "a `collaboration`-level campaign with no `protocols.local_sign_off`";
    NoCharter = "no-charter", Partnership, Warn, fix: false,
        "a campaign with a partner at `co-operation` or `collaboration` and no `kind: charter` document";
    CharterIncomplete = "charter-incomplete", Partnership, Warn, fix: false,
        "a charter that leaves out the fields one of the six partnership principles needs; the message names the principle";
    PartnerWithoutDrivers = "partner-without-drivers", Partnership, Warn, fix: false,
        "a partner at `collaboration` with no entry under the charter's `drivers`";
    RiskWithoutOwner = "risk-without-owner", Partnership, Warn, fix: false,
        "a risk with no `owner`";
    RiskWithoutMitigation = "risk-without-mitigation", Partnership, Warn, fix: false,
        "a risk with no `mitigation`";
    NoRisksRecorded = "no-risks-recorded", Partnership, Allow, fix: false,
        "a `collaboration`-level campaign with no risks recorded (off unless `[lint]` turns it on)";
    OverdueAction = "overdue-action", Partnership, Warn, fix: false,
        "an open action past its due date";
    ActionWithoutOwner = "action-without-owner", Partnership, Warn, fix: false,
        "an open action that names no owner";
    ActionWithoutDueDate = "action-without-due-date", Partnership, Warn, fix: false,
        "an open action with no due date";
    MetricWithoutOwner = "metric-without-owner", Evaluation, Deny, fix: false,
        "a metric nobody is responsible for collecting";
    EvaluationStageGap = "evaluation-stage-gap", Evaluation, Warn, fix: false,
        "no metric at one of output, outtake or outcome";
    EvaluationLevelGap = "evaluation-level-gap", Evaluation, Warn, fix: false,
        "national and local objectives, but metrics at one level only";
    MetricStageSuspect = "metric-stage-suspect", Evaluation, Warn, fix: false,
        "a metric whose name belongs to another stage; help names the stage the GCS framework puts it in";
    ObjectiveWithoutOutcomeMetric = "objective-without-outcome-metric", Evaluation, Warn, fix: false,
        "an objective none of whose metrics is at `outcome` or `impact`";
    TargetDirection = "target-direction", Evaluation, Warn, fix: false,
        "a target on the wrong side of the baseline for its `direction`";
    PartnershipEvaluationMissing = "partnership-evaluation-missing", Evaluation, Warn, fix: false,
        "level `co-operation` or above, but no `partnership` outcomes";
    UnusedAllow = "unused-allow", Housekeeping, Warn, fix: false,
        "a `# collab: allow(...)` comment that silences nothing, or names no rule";
    SensitivePublicPack = "sensitive-public-pack", Output, Deny, fix: false,
        "rendering the public partner pack of an `OFFICIAL-SENSITIVE` campaign";
}

/// Every rule's entry, in catalogue order.
pub fn catalogue() -> impl Iterator<Item = &'static RuleInfo> {
    CATALOGUE.iter()
}

impl Rule {
    /// The rule's entry in the registry.
    pub fn info(self) -> &'static RuleInfo {
        &CATALOGUE[self as usize]
    }

    /// The kebab-case id written in `[lint]`, allow comments and outputs.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The id in PascalCase (`partner-without-lead` is
    /// `PartnerWithoutLead`): SARIF's readable rule `name`, which must
    /// differ from the id.
    pub fn name(self) -> String {
        self.id()
            .split('-')
            .flat_map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase())
                    .into_iter()
                    .chain(chars)
            })
            .collect()
    }

    pub fn family(self) -> Family {
        self.info().family
    }

    /// The level before `[lint]` changes it.
    pub fn default_level(self) -> RuleLevel {
        self.info().default
    }

    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    pub fn explanation(self) -> &'static str {
        self.info().explanation
    }

    pub fn has_fix(self) -> bool {
        self.info().fix
    }

    /// Structure rules are always errors and cannot be allowed.
    pub fn is_structure(self) -> bool {
        self.family() == Family::Structure
    }

    /// The rule whose id is nearest a misspelt one, for "did you mean".
    pub fn closest(word: &str) -> Option<Rule> {
        crate::diagnostic::closest(word, Rule::ALL.iter().map(|r| r.id())).and_then(Rule::from_id)
    }
}

impl RuleInfo {
    /// Structure rules are always errors and cannot be allowed.
    pub fn is_structure(&self) -> bool {
        self.rule.is_structure()
    }
}

/// An id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule `{}`", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<Rule, UnknownRule> {
        Rule::from_id(id).ok_or_else(|| UnknownRule(id.to_string()))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
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

/// A promise `collab explain` describes that is not a rule: nothing
/// reports it and it has no level.
#[derive(Debug)]
pub struct Guarantee {
    pub id: &'static str,
    /// The whole text `collab explain` prints.
    pub explanation: &'static str,
}

/// The guarantees, by id. [`crate::render::public_view`] keeps the one
/// there is.
pub const GUARANTEES: &[Guarantee] = &[Guarantee {
    id: "personal-data-in-public-pack",
    explanation: include_str!("../docs/rules/personal-data-in-public-pack.md"),
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_id_in_pascal_case() {
        assert_eq!(Rule::PartnerWithoutLead.name(), "PartnerWithoutLead");
        assert_eq!(Rule::YamlSyntax.name(), "YamlSyntax");
        for &rule in Rule::ALL {
            assert_eq!(format!("{rule:?}"), rule.name());
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for (i, &rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(rule as usize, i);
            assert_eq!(rule.info().rule, rule);
            let id = rule.id();
            assert!(seen.insert(id), "duplicate rule {id}");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
            assert_eq!(id.parse::<Rule>(), Ok(rule));
            assert_eq!(rule.to_string(), id);
            assert_eq!(serde_json::json!(rule), serde_json::json!(id));
            assert!(!rule.explanation().is_empty());
        }
        assert_eq!(
            "no-such-rule".parse::<Rule>(),
            Err(UnknownRule("no-such-rule".into()))
        );
        assert!(GUARANTEES.iter().all(|g| Rule::from_id(g.id).is_none()));
    }

    /// Every `.rs` file under `dir`.
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Rule ids are written once, in the table above: everywhere else in
    /// `src/` names a rule as `Rule::X`.
    #[test]
    fn no_rule_id_is_written_as_a_string_outside_the_registry() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        assert!(files.len() > 20, "no sources found in {}", src.display());
        let ids: Vec<&str> = Rule::ALL
            .iter()
            .map(|r| r.id())
            .chain(GUARANTEES.iter().map(|g| g.id))
            .collect();
        let mut found = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("src/rule.rs")) {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            for id in &ids {
                if text.contains(&format!("\"{id}\"")) {
                    found.push(format!("{}: \"{id}\"", file.display()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "rule ids written as strings:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn a_slip_finds_the_rule_meant() {
        assert_eq!(
            Rule::closest("partner-without-led"),
            Some(Rule::PartnerWithoutLead)
        );
    }
}
