//! The campaign model: one module per document kind, plus the types they
//! share. These types are the single source of truth for the JSON Schema
//! that editors use and that the loader checks documents against.
//!
//! Every field is optional in Rust so that a half-written plan still loads;
//! the keys FORMAT.md requires are marked `#[schemars(required)]`, so the
//! schema (and with it `missing-field`) knows them.

/// Gives a unit enum the list of its values and the key campaign files
/// write for each one. The keys are the words serde reads and writes (the
/// enum's `rename_all`); `tests::keys_are_the_serde_words` checks that every
/// key agrees, so a display name is never made by a serde round trip.
macro_rules! keyed {
    ($ty:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order the type declares them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// Every key, in the same order as `ALL`.
            pub const KEYS: &'static [&'static str] = &[$($key),+];

            /// The key campaign files write for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $key),+
                }
            }

            /// The value a key names.
            pub fn parse(key: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == key)
            }
        }
    };
}

pub mod charter;
pub mod config;
pub mod evaluation;
pub mod meeting;
pub mod partners;
pub mod plan;
pub mod region;
pub mod risk;
pub mod routemap;

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

pub use charter::Charter;
pub use config::Config;
pub use evaluation::EvaluationDoc;
pub use meeting::Meeting;
pub use partners::PartnersDoc;
pub use plan::Plan;

/// The pattern every id must match.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// The document kinds collab knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Partners,
    Plan,
    Evaluation,
    Meeting,
    Charter,
}

keyed!(Kind {
    Partners => "partners",
    Plan => "plan",
    Evaluation => "evaluation",
    Meeting => "meeting",
    Charter => "charter",
});

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The typed body of one document.
#[derive(Debug, Clone)]
pub enum Body {
    Partners(PartnersDoc),
    Plan(Box<Plan>),
    Evaluation(EvaluationDoc),
    Meeting(Box<Meeting>),
    Charter(Box<Charter>),
}

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::Partners(_) => Kind::Partners,
            Body::Plan(_) => Kind::Plan,
            Body::Evaluation(_) => Kind::Evaluation,
            Body::Meeting(_) => Kind::Meeting,
            Body::Charter(_) => Kind::Charter,
        }
    }
}

/// A kebab-case identifier such as `home-office`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
        })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// Parse the one spelling the format allows.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shaped {
            return None;
        }
        s.parse::<jiff::civil::Date>().ok().map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date")))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

/// A local date and time written `YYYY-MM-DDTHH:MM`, in the campaign's timezone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub jiff::civil::DateTime);

impl DateTime {
    /// Parse `YYYY-MM-DDTHH:MM` (seconds allowed, a space in place of `T` too).
    pub fn parse(s: &str) -> Option<DateTime> {
        let (date, time) = s.split_once(['T', ' '])?;
        let date = Date::parse(date)?;
        let t = time.as_bytes();
        let shaped = (t.len() == 5 || (t.len() == 8 && t[5] == b':'))
            && t[2] == b':'
            && t.iter()
                .enumerate()
                .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit());
        if !shaped {
            return None;
        }
        let time = time.parse::<jiff::civil::Time>().ok()?;
        Some(DateTime(date.0.to_datetime(time)))
    }

    pub fn date(&self) -> Date {
        Date(self.0.date())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.strftime("%Y-%m-%dT%H:%M"))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date and time")))
    }
}

impl Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for DateTime {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "collab-date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?$",
        })
    }
}

/// An e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(pub String);

impl Email {
    /// A plain shape check: one `@`, something before it, a dotted domain after.
    pub fn is_valid(s: &str) -> bool {
        let Some((local, domain)) = s.split_once('@') else {
            return false;
        };
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.chars().any(char::is_whitespace)
    }
}

impl JsonSchema for Email {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Email".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "email",
        })
    }
}

/// The format version a document is written to. Only 1 exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FormatVersion(pub u32);

impl JsonSchema for FormatVersion {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "FormatVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Version of the collab file format this document is written to. Only 1 exists; leave it out to mean 1.",
            "type": "integer",
            "enum": [1],
        })
    }
}

/// Whether something works at national or local level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    National,
    Local,
}

/// The planning framework a plan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// Objectives, Audience insight, Strategy, Implementation, Scoring.
    Oasis,
    /// Research, Objectives, Strategy, Implementation, Evaluation: the council equivalent.
    Rosie,
}

keyed!(Framework {
    Oasis => "oasis",
    Rosie => "rosie",
});

impl Framework {
    /// The framework's name as people write it: `OASIS` or `ROSIE`.
    pub fn label(self) -> &'static str {
        match self {
            Framework::Oasis => "OASIS",
            Framework::Rosie => "ROSIE",
        }
    }

    /// The plan's five sections in this framework's order.
    pub fn sections(self) -> [plan::Section; 5] {
        plan::Section::in_order(self)
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

keyed!(Tier {
    National => "national",
    Local => "local",
});

/// Shared priorities: the four national GCS priorities and the four common
/// aims of local public services.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    EconomicSecurity,
    NationalSecurity,
    ExtendingOpportunity,
    SmoothRunningPublicServices,
    EconomicProsperity,
    HealthierSaferCommunities,
    LocalEnvironments,
    EngagementCoProduction,
}

keyed!(Priority {
    EconomicSecurity => "economic-security",
    NationalSecurity => "national-security",
    ExtendingOpportunity => "extending-opportunity",
    SmoothRunningPublicServices => "smooth-running-public-services",
    EconomicProsperity => "economic-prosperity",
    HealthierSaferCommunities => "healthier-safer-communities",
    LocalEnvironments => "local-environments",
    EngagementCoProduction => "engagement-co-production",
});

/// A named person or post in a partner organisation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person's name, or the post when the name is not known yet.
    pub name: Option<String>,
    /// Their job title or role in the campaign.
    pub role: Option<String>,
    /// Work e-mail. Never printed in the public partner pack.
    pub email: Option<Email>,
    /// Work phone number, quoted. Never printed in the public partner pack.
    pub phone: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::config::{BlackoutKind, Classification, RuleLevel};
    use super::evaluation::{Dimension, Direction, Discipline, Frequency, Stage, Unit};
    use super::meeting::{ActionStatus, MeetingType, Topic};
    use super::partners::{ChannelType, CollabLevel, Form, Offer, ProspectStatus, Sector};
    use super::plan::{ActivityKind, AssetKind, Cadence, MilestoneType};
    use super::risk::{Barrier, RiskLevel};
    use super::routemap::{Phase, Source, Step, StepState};
    use super::*;

    fn agree<T: Serialize + Copy + PartialEq + fmt::Debug>(
        all: &[T],
        keys: &[&str],
        key: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        assert_eq!(all.len(), keys.len());
        for (value, k) in all.iter().zip(keys) {
            let serde = serde_json::to_value(value).expect("a unit variant serialises");
            assert_eq!(serde.as_str(), Some(*k), "{value:?}");
            assert_eq!(key(*value), *k);
            assert_eq!(parse(k), Some(*value));
        }
    }

    macro_rules! check {
        ($($ty:ty),+) => {
            $(agree(<$ty>::ALL, <$ty>::KEYS, <$ty>::as_str, <$ty>::parse);)+
        };
    }

    #[test]
    fn keys_are_the_serde_words() {
        check!(
            Tier,
            Framework,
            Priority,
            Classification,
            RuleLevel,
            BlackoutKind
        );
        check!(Stage, Discipline, Frequency, Unit, Direction, Dimension);
        check!(MeetingType, Topic, ActionStatus);
        check!(
            Sector,
            CollabLevel,
            Form,
            Offer,
            ChannelType,
            ProspectStatus
        );
        check!(Cadence, MilestoneType, AssetKind, ActivityKind);
        check!(super::charter::Principle);
        check!(Barrier, RiskLevel);
        check!(Phase, Step, StepState, Source);
    }
}
