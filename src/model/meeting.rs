//! `kind: meeting`: partnering meetings with their agenda, decisions and actions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, DateTime, FormatVersion, Id};

/// One meeting of the joint team.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub version: Option<FormatVersion>,
    /// Kebab-case id.
    #[schemars(required)]
    pub id: Option<Id>,
    /// What kind of meeting this is.
    #[serde(rename = "type")]
    #[schemars(required)]
    pub kind: Option<MeetingType>,
    /// The meeting's title.
    pub title: Option<String>,
    /// Start, as `YYYY-MM-DDTHH:MM` in the campaign's timezone.
    #[schemars(required)]
    pub date: Option<DateTime>,
    /// Length in minutes.
    pub duration: Option<u32>,
    /// Where, including any video link arrangements.
    pub location: Option<String>,
    /// The partner who chairs.
    pub chair: Option<Id>,
    /// Who is invited or came.
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// The agenda in order.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// What was agreed.
    #[serde(default)]
    pub decisions: Vec<String>,
    /// Who will do what by when.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Internal notes. Never printed in the public partner pack.
    pub notes: Option<String>,
    /// Local successes acknowledged at the meeting, one line each, such as
    /// "Preston volunteers: 400 safety checks booked in November".
    #[serde(default)]
    pub thanks: Vec<String>,
}

/// The length assumed for a meeting with no `duration` and no timed agenda.
pub const DEFAULT_MEETING_MINUTES: u64 = 60;

impl Meeting {
    /// How long the meeting lasts, in minutes: its `duration`, else the sum
    /// of its agenda items' `minutes` (when that is more than none), else
    /// one hour.
    pub fn length_minutes(&self) -> u64 {
        if let Some(mins) = self.duration {
            return u64::from(mins);
        }
        let agenda: u64 = self
            .agenda
            .iter()
            .filter_map(|item| item.minutes)
            .map(u64::from)
            .sum();
        if agenda > 0 {
            agenda
        } else {
            DEFAULT_MEETING_MINUTES
        }
    }
}

/// Kinds of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingType {
    /// The first meeting of all partners, before the campaign is fixed.
    InitialPartnering,
    /// A regular progress meeting.
    CatchUp,
    /// A briefing of the creative or media agency.
    AgencyBriefing,
    /// The closing review: results, lessons and thanks.
    FinalReview,
    Other,
}

keyed!(MeetingType {
    InitialPartnering => "initial-partnering",
    CatchUp => "catch-up",
    AgencyBriefing => "agency-briefing",
    FinalReview => "final-review",
    Other => "other",
});

/// Someone at the meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    /// Id of the partner they represent.
    pub partner: Option<Id>,
    /// Their name.
    pub name: Option<String>,
    /// Their role.
    pub role: Option<String>,
}

/// One agenda item.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// The topic; `other` needs a `title`.
    #[schemars(required)]
    pub topic: Option<Topic>,
    /// A title for the item; required when the topic is `other`.
    pub title: Option<String>,
    /// Time set aside, in minutes.
    pub minutes: Option<u32>,
    /// What the item should settle.
    pub notes: Option<String>,
}

/// Agenda topics.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    Introductions,
    Objectives,
    Timescales,
    Resources,
    Evaluation,
    SignOff,
    Liaison,
    Review,
    Lessons,
    Thanks,
    Other,
}

keyed!(Topic {
    Introductions => "introductions",
    Objectives => "objectives",
    Timescales => "timescales",
    Resources => "resources",
    Evaluation => "evaluation",
    SignOff => "sign-off",
    Liaison => "liaison",
    Review => "review",
    Lessons => "lessons",
    Thanks => "thanks",
    Other => "other",
});

/// One action from a meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Kebab-case id, unique across the campaign's meetings.
    #[schemars(required)]
    pub id: Option<Id>,
    /// What is to be done.
    #[schemars(required)]
    pub action: Option<String>,
    /// The partner who does it.
    pub owner: Option<Id>,
    /// When it is due.
    pub due: Option<Date>,
    /// Open until done or dropped.
    pub status: Option<ActionStatus>,
    /// The day it was marked done.
    pub done: Option<Date>,
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

keyed!(ActionStatus {
    Open => "open",
    Done => "done",
    Dropped => "dropped",
});

#[cfg(test)]
mod length_tests {
    use super::{AgendaItem, Meeting};

    fn item(minutes: Option<u32>) -> AgendaItem {
        AgendaItem {
            minutes,
            ..AgendaItem::default()
        }
    }

    #[test]
    fn length_is_the_duration_else_the_agenda_else_an_hour() {
        let agenda = vec![item(Some(20)), item(None), item(Some(25))];
        let timed = Meeting {
            duration: Some(90),
            agenda: agenda.clone(),
            ..Meeting::default()
        };
        assert_eq!(timed.length_minutes(), 90);
        let by_agenda = Meeting {
            agenda,
            ..Meeting::default()
        };
        assert_eq!(by_agenda.length_minutes(), 45);
        let untimed = Meeting {
            agenda: vec![item(None)],
            ..Meeting::default()
        };
        assert_eq!(untimed.length_minutes(), 60);
        assert_eq!(Meeting::default().length_minutes(), 60);
    }
}
