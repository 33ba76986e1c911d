//! Labels for the kebab-case values campaign files use (`fire-and-rescue`,
//! `north-west`, `economic-security`): the one place that says how each is
//! shown to readers. The views, `status`, the calendar and the templates
//! (through the `label` filter) all ask here.
//!
//! Every model enum gets its one display name here, as a `label()` method
//! (`Sector::Nhs.label()` is "NHS"), made from its key and the tables
//! below; nothing else spells a display name out.
//!
//! Only a value written as a kebab-case token is labelled. Anything else
//! (`Greater Manchester, Bolton`, `COM-B model`) is free text and is shown
//! exactly as written, hyphens and all.

use crate::model::config::{BlackoutKind, RuleLevel};
use crate::model::evaluation::{Dimension, Direction, Discipline, Frequency, Stage, Unit};
use crate::model::meeting::{ActionStatus, MeetingType, Topic};
use crate::model::partners::{ChannelType, CollabLevel, Form, Offer, Sector};
use crate::model::plan::{AssetKind, Cadence, MilestoneType};
use crate::model::risk::{Barrier, RiskLevel};
use crate::model::{Priority, Tier};

/// What kind of value is being labelled, where the same word reads
/// differently by kind (`end` is "At the end" as a frequency, `east` is a
/// region or the EAST model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any enum value: sectors, levels, offers, priorities, stages, topics…
    Value,
    /// An area: a built-in region or nation, or a local area of the user's.
    Region,
    /// A behaviour-change model named in `strategy.theories`.
    Theory,
    /// How often a metric is collected.
    Frequency,
}

impl Kind {
    /// The names templates use: `{{ r | label("region") }}`.
    pub const NAMES: [&'static str; 4] = ["value", "region", "theory", "frequency"];

    pub fn parse(name: &str) -> Option<Kind> {
        match name {
            "value" => Some(Kind::Value),
            "region" => Some(Kind::Region),
            "theory" => Some(Kind::Theory),
            "frequency" => Some(Kind::Frequency),
            _ => None,
        }
    }
}

/// Values whose label is not their words in sentence case.
const VALUES: &[(&str, &str)] = &[
    ("nhs", "NHS"),
    ("co-operation", "Co-operation"),
    ("sign-off", "Sign-off"),
    ("catch-up", "Catch-up"),
    ("outtake", "Out-take"),
    ("chief-exec-submission", "Chief executive submission"),
    ("difference-to-my-org", "Difference to my organisation"),
    ("pre-election", "Pre-election period"),
    ("voluntary-community", "Voluntary and community"),
    ("arms-length-body", "Arm's-length body"),
    ("contract-based-alliance", "Contract-based alliance"),
    (
        "territorial-attitudes",
        "Territorial or competitive attitudes",
    ),
    ("no-relationships", "No existing relationships"),
    ("short-term-focus", "Focus on short-term delivery"),
    ("hard-to-find-people", "Hard to find the right people"),
    (
        "unclear-responsibility",
        "Unclear responsibility for outcomes",
    ),
    ("unclear-benefits", "Unclear benefits to each partner"),
    ("data-security", "Changes in data security"),
    (
        "personal-objectives",
        "Personal rather than shared objectives",
    ),
    ("senior-churn", "Churn in senior posts"),
    ("sign-off-obstacles", "Sign-off obstacles"),
    ("risk-averse-culture", "Risk-averse culture"),
    (
        "economic-security",
        "Economic security at every stage of life",
    ),
    ("national-security", "Keeping the country safe"),
    ("extending-opportunity", "Extending opportunity"),
    (
        "smooth-running-public-services",
        "Smooth-running public services",
    ),
    ("economic-prosperity", "Local economic prosperity"),
    (
        "healthier-safer-communities",
        "Healthier, safer communities",
    ),
    ("local-environments", "Protecting local environments"),
    (
        "engagement-co-production",
        "Engaging people in shaping local services",
    ),
];

/// Behaviour-change models known by their acronym.
const THEORIES: &[(&str, &str)] = &[
    ("com-b", "COM-B"),
    ("east", "EAST"),
    ("mindspace", "MINDSPACE"),
    ("4e", "4E"),
    ("tpb", "Theory of planned behaviour"),
    ("social-norms", "Social norms"),
    ("nudge", "Nudge"),
];

/// Words a place name keeps in lower case: "Yorkshire and the Humber".
const SMALL_WORDS: &[&str] = &[
    "and", "at", "by", "in", "of", "on", "the", "under", "upon", "with",
];

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// A kebab-case token: lower-case letters and digits in words joined by
/// single hyphens.
pub fn is_kebab(value: &str) -> bool {
    !value.is_empty()
        && value.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// "fire-and-rescue" → "Fire and rescue"; "nhs" → "NHS"; free text as
/// written.
pub fn label(value: &str) -> String {
    if let Some(known) = lookup(VALUES, value) {
        return known.to_string();
    }
    if !is_kebab(value) {
        return value.to_string();
    }
    let spaced = value.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of `value` read as a value of `kind`.
pub fn label_as(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Value => label(value),
        Kind::Region => region(value),
        // Theories are the partnership's own words: a model collab does not
        // know is shown as written, hyphens and all.
        Kind::Theory => lookup(THEORIES, &value.to_lowercase())
            .map_or_else(|| value.to_string(), str::to_string),
        Kind::Frequency if value == "end" => "At the end".to_string(),
        Kind::Frequency => label(value),
    }
}

/// "north-west" → "North West" and "yorkshire" → "Yorkshire and the
/// Humber" (the built-in places of [`crate::model::region`]);
/// "greater-manchester" → "Greater Manchester"; "Greater Manchester,
/// Bolton" as written. A campaign's declared names are put in the view.
fn region(value: &str) -> String {
    if let Some(known) = crate::model::region::built_in_name(value) {
        return known.to_string();
    }
    if !is_kebab(value) {
        return value.to_string();
    }
    value
        .split('-')
        .enumerate()
        .map(|(i, word)| {
            if i > 0 && SMALL_WORDS.contains(&word) {
                word.to_string()
            } else {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Gives each listed model enum its `label()`: the label of its key.
macro_rules! labelled {
    ($($ty:ty),+ $(,)?) => {
        $(impl $ty {
            /// The value's name for readers ("fire-and-rescue" → "Fire and rescue").
            pub fn label(self) -> String {
                label(self.as_str())
            }
        })+
    };
}

labelled!(Tier, Priority, BlackoutKind, RuleLevel);
labelled!(Stage, Discipline, Frequency, Unit, Direction, Dimension);
labelled!(MeetingType, Topic, ActionStatus);
labelled!(Sector, CollabLevel, Form, Offer, ChannelType);
labelled!(Cadence, MilestoneType, AssetKind);
labelled!(Barrier, RiskLevel);

impl super::progress::Position {
    /// How the judgement against the target path reads.
    pub fn label(self) -> &'static str {
        use super::progress::Position::*;
        match self {
            Ahead => "Ahead",
            OnTrack => "On track",
            Behind => "Behind",
            NoFigures => "No figures yet",
            NoPath => "No target path",
        }
    }

    /// The arrow `status` shows beside the judgement: Unicode, or ASCII
    /// for a pipe or a log.
    pub fn arrow(self, unicode: bool) -> &'static str {
        use super::progress::Position::*;
        match (self, unicode) {
            (Ahead, true) => "↑",
            (OnTrack, true) => "→",
            (Behind, true) => "↓",
            (Ahead, false) => "^",
            (OnTrack, false) => "->",
            (Behind, false) => "v",
            (NoFigures | NoPath, _) => "",
        }
    }
}

impl CollabLevel {
    /// What the level means, as a phrase to follow its label:
    /// "Participation: passes on campaign content…".
    pub fn description(self) -> &'static str {
        match self {
            CollabLevel::InformationSharing => "shares insight or data; no joint activity",
            CollabLevel::Participation => "passes on campaign content through its own channels",
            CollabLevel::CoOperation => {
                "works towards the shared goal, making content to the campaign's brief"
            }
            CollabLevel::Collaboration => "plans and delivers the campaign jointly, from the start",
        }
    }
}

impl Stage {
    /// What the stage measures, in a sentence.
    pub fn description(self) -> &'static str {
        match self {
            Stage::Input => "What went in: people, money, planning",
            Stage::Output => "What was done and who it reached",
            Stage::Outtake => {
                "What the audience took from it: awareness, understanding, engagement"
            }
            Stage::Outcome => "What changed in what people think or do",
            Stage::Impact => "The difference to organisations' goals and to the public",
        }
    }
}

impl Frequency {
    /// How often, as a reader reads it ("At the end" for `end`).
    pub fn label_as_frequency(self) -> String {
        label_as(Kind::Frequency, self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_words() {
        assert_eq!(label("fire-and-rescue"), "Fire and rescue");
        assert_eq!(label("nhs"), "NHS");
        assert_eq!(label("voluntary-community"), "Voluntary and community");
        assert_eq!(
            label("economic-security"),
            "Economic security at every stage of life"
        );
        assert_eq!(label(""), "");
    }

    #[test]
    fn free_text_keeps_its_hyphens() {
        assert_eq!(label("COM-B"), "COM-B");
        assert_eq!(label("COM-B model"), "COM-B model");
        assert_eq!(label("Stages-of-change"), "Stages-of-change");
        assert_eq!(label_as(Kind::Theory, "COM-B"), "COM-B");
        assert_eq!(label_as(Kind::Theory, "com-b"), "COM-B");
        assert_eq!(label_as(Kind::Theory, "social-norms"), "Social norms");
        assert_eq!(label_as(Kind::Theory, "COM-B model"), "COM-B model");
        assert_eq!(label_as(Kind::Theory, "self-referral"), "self-referral");
    }

    #[test]
    fn any_region_has_a_label() {
        assert_eq!(label_as(Kind::Region, "north-west"), "North West");
        assert_eq!(label_as(Kind::Region, "North-West"), "North West");
        assert_eq!(
            label_as(Kind::Region, "greater-manchester"),
            "Greater Manchester"
        );
        assert_eq!(
            label_as(Kind::Region, "Greater Manchester"),
            "Greater Manchester"
        );
        assert_eq!(
            label_as(Kind::Region, "Greater Manchester, Bolton"),
            "Greater Manchester, Bolton"
        );
        assert_eq!(
            label_as(Kind::Region, "newcastle-upon-tyne"),
            "Newcastle upon Tyne"
        );
        assert_eq!(
            label_as(Kind::Region, "blackburn-with-darwen"),
            "Blackburn with Darwen"
        );
        assert_eq!(label_as(Kind::Region, "Lancashire"), "Lancashire");
        assert_eq!(label_as(Kind::Region, "Île-de-France"), "Île-de-France");
    }

    #[test]
    fn the_same_word_reads_by_kind() {
        assert_eq!(label_as(Kind::Frequency, "end"), "At the end");
        assert_eq!(label("end"), "End");
        assert_eq!(label_as(Kind::Theory, "east"), "EAST");
        assert_eq!(label_as(Kind::Region, "east"), "East of England");
        assert_eq!(
            label_as(Kind::Region, "yorkshire"),
            "Yorkshire and the Humber"
        );
    }

    fn all<T: Copy>(values: &[T], label: fn(T) -> String) -> Vec<String> {
        values.iter().map(|v| label(*v)).collect()
    }

    #[test]
    fn every_partner_and_priority_value_has_a_label() {
        assert_eq!(
            all(Sector::ALL, Sector::label),
            [
                "Central government",
                "Arm's-length body",
                "Local authority",
                "Police",
                "Fire and rescue",
                "NHS",
                "Voluntary and community",
                "Private",
                "Other",
            ]
        );
        assert_eq!(
            all(CollabLevel::ALL, CollabLevel::label),
            [
                "Information sharing",
                "Participation",
                "Co-operation",
                "Collaboration"
            ]
        );
        assert_eq!(
            all(Priority::ALL, Priority::label),
            [
                "Economic security at every stage of life",
                "Keeping the country safe",
                "Extending opportunity",
                "Smooth-running public services",
                "Local economic prosperity",
                "Healthier, safer communities",
                "Protecting local environments",
                "Engaging people in shaping local services",
            ]
        );
    }

    #[test]
    fn every_meeting_and_plan_value_has_a_label() {
        assert_eq!(
            all(Topic::ALL, Topic::label),
            [
                "Introductions",
                "Objectives",
                "Timescales",
                "Resources",
                "Evaluation",
                "Sign-off",
                "Liaison",
                "Review",
                "Lessons",
                "Thanks",
                "Other",
            ]
        );
        assert_eq!(
            all(Stage::ALL, Stage::label),
            ["Input", "Output", "Out-take", "Outcome", "Impact"]
        );
        assert_eq!(
            all(MeetingType::ALL, MeetingType::label),
            [
                "Initial partnering",
                "Catch-up",
                "Agency briefing",
                "Final review",
                "Other"
            ]
        );
        assert_eq!(
            all(MilestoneType::ALL, MilestoneType::label),
            [
                "Budget approval",
                "Ministerial submission",
                "Chief executive submission",
                "Launch",
                "Review",
                "End",
                "Other",
            ]
        );
    }

    #[test]
    fn every_other_value_has_a_label() {
        assert_eq!(
            all(Dimension::ALL, Dimension::label),
            [
                "Working together",
                "Difference to each other",
                "Difference to my organisation",
                "Difference to people",
            ]
        );
        assert_eq!(
            all(Offer::ALL, Offer::label)[..3],
            ["Audience insight", "Evaluation", "Joint media buying"]
        );
        assert_eq!(all(Form::ALL, Form::label)[1], "Contract-based alliance");
        assert_eq!(
            all(BlackoutKind::ALL, BlackoutKind::label)[0],
            "Pre-election period"
        );
        assert_eq!(
            all(ActionStatus::ALL, ActionStatus::label),
            ["Open", "Done", "Dropped"]
        );
        assert_eq!(all(Tier::ALL, Tier::label), ["National", "Local"]);
        assert_eq!(
            all(RiskLevel::ALL, RiskLevel::label),
            ["Low", "Medium", "High"]
        );
        assert_eq!(
            all(Barrier::ALL, Barrier::label),
            [
                "Territorial or competitive attitudes",
                "Unequal funding",
                "Unequal resourcing",
                "No existing relationships",
                "Focus on short-term delivery",
                "Hard to find the right people",
                "Unclear responsibility for outcomes",
                "Unclear benefits to each partner",
                "Changes in data security",
                "Sign-off obstacles",
                "Personal rather than shared objectives",
                "Risk-averse culture",
                "Jargon",
                "Churn in senior posts",
                "Other",
            ]
        );
        assert_eq!(Frequency::End.label_as_frequency(), "At the end");
        assert_eq!(Frequency::Weekly.label_as_frequency(), "Weekly");
        // Every value of the rest reads as its key in sentence case.
        for (values, keys) in [
            (all(Discipline::ALL, Discipline::label), Discipline::KEYS),
            (all(Unit::ALL, Unit::label), Unit::KEYS),
            (all(Direction::ALL, Direction::label), Direction::KEYS),
            (all(ChannelType::ALL, ChannelType::label), ChannelType::KEYS),
            (all(Cadence::ALL, Cadence::label), Cadence::KEYS),
            (all(RuleLevel::ALL, RuleLevel::label), RuleLevel::KEYS),
        ] {
            for (l, k) in values.iter().zip(keys) {
                assert!(l.eq_ignore_ascii_case(k), "{l} for {k}");
            }
        }
        for level in CollabLevel::ALL {
            assert!(!level.description().is_empty());
        }
    }
}
