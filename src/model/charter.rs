//! `kind: charter`: what the partners agree about working together, one
//! per campaign, and the six partnership principles it shows.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{FormatVersion, Id};

/// The partnership charter: why the partners work together and how.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charter {
    pub version: Option<FormatVersion>,
    /// Why the partners work together: what they can do jointly that none
    /// of them could do alone.
    pub purpose: Option<String>,
    /// What each partner may expect of the others, and how those
    /// expectations are kept to.
    #[serde(default)]
    pub expectations: Vec<String>,
    /// How and where decisions are made, and who answers for what.
    pub decisions: Option<String>,
    /// Each partner's collaborative champion, by partner id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub leadership: BTreeMap<Id, String>,
    /// What the partners share openly: insight, data, evaluation.
    #[serde(default)]
    pub sharing: Vec<String>,
    /// How the partners learn together: review points, retrospectives.
    pub learning: Option<String>,
    /// Why each partner is in the campaign, by partner id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub drivers: BTreeMap<Id, String>,
    /// Risks to the partnership, from the barriers partners meet (they
    /// may sit here or in the plan).
    #[serde(default)]
    pub risks: Vec<super::risk::Risk>,
}

/// The six partnership principles of the GCS evaluation workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Principle {
    /// The partners know why they are working together.
    ClearPurpose,
    /// Each knows what to expect of the others, and how that is managed.
    ClearExpectations,
    /// The partners are open with each other and share what they have.
    OpennessAndSharing,
    /// Leadership is effective and supported in every partner.
    EffectiveLeadership,
    /// It is clear how and where decisions are made and who answers for what.
    Accountability,
    /// The partners take chances to learn and grow together.
    LearningTogether,
}

keyed!(Principle {
    ClearPurpose => "clear-purpose",
    ClearExpectations => "clear-expectations",
    OpennessAndSharing => "openness-and-sharing",
    EffectiveLeadership => "effective-leadership",
    Accountability => "accountability",
    LearningTogether => "learning-together",
});

/// Each principle with the charter fields that show it: the one home of
/// this mapping (rules, packs and docs read it from here).
pub const PRINCIPLES: &[(Principle, &[&str])] = &[
    (Principle::ClearPurpose, &["purpose"]),
    (Principle::ClearExpectations, &["expectations"]),
    (Principle::OpennessAndSharing, &["sharing"]),
    (Principle::EffectiveLeadership, &["leadership"]),
    (Principle::Accountability, &["decisions"]),
    (Principle::LearningTogether, &["learning"]),
];

impl Principle {
    /// The charter fields that show this principle.
    pub fn fields(self) -> &'static [&'static str] {
        PRINCIPLES
            .iter()
            .find(|(p, _)| *p == self)
            .map_or(&[], |(_, f)| f)
    }

    /// The principle as the workshop puts it, in a short phrase.
    pub fn title(self) -> &'static str {
        match self {
            Principle::ClearPurpose => "A clear purpose",
            Principle::ClearExpectations => "Clear expectations",
            Principle::OpennessAndSharing => "Openness and sharing",
            Principle::EffectiveLeadership => "Effective leadership",
            Principle::Accountability => "Accountability: how and where decisions are made",
            Principle::LearningTogether => "Learning and growing together",
        }
    }
}

impl Charter {
    /// Whether `field` holds something (text that is not blank, a list or
    /// map with an entry). An unknown field name holds nothing.
    pub fn has(&self, field: &str) -> bool {
        let text = |t: &Option<String>| t.as_deref().is_some_and(|s| !s.trim().is_empty());
        let list = |l: &[String]| l.iter().any(|s| !s.trim().is_empty());
        let map = |m: &BTreeMap<Id, String>| m.values().any(|s| !s.trim().is_empty());
        match field {
            "purpose" => text(&self.purpose),
            "expectations" => list(&self.expectations),
            "decisions" => text(&self.decisions),
            "leadership" => map(&self.leadership),
            "sharing" => list(&self.sharing),
            "learning" => text(&self.learning),
            "drivers" => map(&self.drivers),
            _ => false,
        }
    }

    /// The principles none of whose fields hold anything, in order.
    pub fn missing_principles(&self) -> Vec<Principle> {
        PRINCIPLES
            .iter()
            .filter(|(_, fields)| !fields.iter().any(|f| self.has(f)))
            .map(|(p, _)| *p)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_principle_has_a_field_and_every_field_is_the_charters() {
        assert_eq!(PRINCIPLES.len(), Principle::ALL.len());
        let charter_keys: &[&str] = <Charter as crate::campaign::Fields>::KEYS;
        for p in Principle::ALL {
            assert!(!p.fields().is_empty(), "{p:?}");
            for f in p.fields() {
                assert!(charter_keys.contains(f), "{f}");
            }
        }
    }

    #[test]
    fn blank_fields_leave_their_principle_missing() {
        let charter = Charter {
            purpose: Some("  ".into()),
            expectations: vec!["Creative five days ahead".into()],
            ..Charter::default()
        };
        let missing = charter.missing_principles();
        assert!(missing.contains(&Principle::ClearPurpose));
        assert!(!missing.contains(&Principle::ClearExpectations));
        assert_eq!(missing.len(), 5);
    }
}
