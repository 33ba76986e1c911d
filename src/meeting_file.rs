//! The file `collab new meeting` writes: a meeting document with every
//! partner invited, the agenda its type needs and, when actions are still
//! open from earlier meetings, an item to review them (the agenda pack
//! lists them when it is rendered). It reads the typed model, and every value goes
//! through the YAML emitter of [`crate::edit`], so text that needs quotes
//! gets them. Pure: campaign in, text out.

use crate::campaign::Campaign;
use crate::edit::{YValue, comment_line, entry_line, list_item_line};
use crate::model::DateTime;
use crate::model::meeting::{Action, Meeting, MeetingType, Topic};

/// What `collab new meeting` was asked for.
#[derive(Debug, Clone)]
pub struct MeetingRequest {
    pub kind: MeetingType,
    pub start: DateTime,
    /// Default: `DATE-TYPE`.
    pub id: Option<String>,
    /// Default: from the type and the date.
    pub title: Option<String>,
    pub location: Option<String>,
    /// Default: the campaign's lead partner.
    pub chair: Option<String>,
    /// Default: the agenda's minutes.
    pub duration: Option<u32>,
}

/// One item of the agenda a type of meeting needs.
#[derive(Debug, Clone, Copy)]
struct Item {
    topic: Topic,
    title: Option<&'static str>,
    minutes: u32,
}

const fn item(topic: Topic, title: Option<&'static str>, minutes: u32) -> Item {
    Item {
        topic,
        title,
        minutes,
    }
}

const INITIAL_PARTNERING: &[Item] = &[
    item(Topic::Introductions, None, 20),
    item(Topic::Objectives, None, 20),
    item(Topic::Timescales, None, 15),
    item(Topic::Resources, None, 20),
    item(Topic::Evaluation, None, 15),
    item(Topic::SignOff, None, 15),
    item(Topic::Liaison, None, 15),
];

const CATCH_UP: &[Item] = &[
    item(Topic::Evaluation, Some("Latest figures against target"), 15),
    item(Topic::Timescales, Some("Dates and milestones ahead"), 10),
    item(
        Topic::Resources,
        Some("What partners need or can offer"),
        10,
    ),
    item(Topic::Liaison, Some("News from partners"), 10),
];

const AGENCY_BRIEFING: &[Item] = &[
    item(Topic::Introductions, None, 10),
    item(
        Topic::Objectives,
        Some("Objectives and audience insight"),
        20,
    ),
    item(Topic::Resources, Some("Budget, channels and assets"), 15),
    item(Topic::Timescales, None, 10),
    item(Topic::SignOff, Some("Approval routes for creative"), 10),
];

const FINAL_REVIEW: &[Item] = &[
    item(
        Topic::Review,
        Some("Results against national and local objectives"),
        30,
    ),
    item(Topic::Review, Some(CHARTER_READ_BACK), 15),
    item(Topic::Lessons, None, 20),
    item(Topic::Thanks, Some("Thanks to every partner"), 10),
];

/// The final review's item on the charter, left out when the campaign
/// has none.
const CHARTER_READ_BACK: &str = "The charter read back: did we do what we said?";

const OTHER: &[Item] = &[item(Topic::Other, Some("Agenda to be agreed"), 30)];

/// The agenda a type of meeting needs in this campaign.
fn agenda_for(kind: MeetingType, campaign: &Campaign) -> Vec<Item> {
    let has_charter = campaign.charter().is_some();
    items_for(kind)
        .iter()
        .filter(|i| has_charter || i.title != Some(CHARTER_READ_BACK))
        .copied()
        .collect()
}

/// The agenda each type of meeting needs.
fn items_for(kind: MeetingType) -> &'static [Item] {
    match kind {
        MeetingType::InitialPartnering => INITIAL_PARTNERING,
        MeetingType::CatchUp => CATCH_UP,
        MeetingType::AgencyBriefing => AGENCY_BRIEFING,
        MeetingType::FinalReview => FINAL_REVIEW,
        MeetingType::Other => OTHER,
    }
}

/// Where the meeting goes, from the campaign folder:
/// `meetings/DATE-TYPE.yaml`.
pub fn file_name(kind: MeetingType, start: DateTime) -> String {
    format!("meetings/{}-{}.yaml", start.date(), kind.as_str())
}

/// The text of the new meeting's file.
pub fn meeting_text(campaign: &Campaign, req: &MeetingRequest) -> String {
    let kind = req.kind.as_str();
    let label = req.kind.label();
    let agenda = agenda_for(req.kind, campaign);
    let open = campaign.open_actions();
    let minutes: u32 = agenda.iter().map(|i| i.minutes).sum();
    let review = if open.is_empty() { 0 } else { 10 };
    let id = req
        .id
        .clone()
        .unwrap_or_else(|| format!("{}-{kind}", req.start.date()));
    let title = req
        .title
        .clone()
        .unwrap_or_else(|| format!("{label} meeting, {}", req.start.0.strftime("%-d %B %Y")));
    let chair = (req.chair.clone()).or_else(|| {
        let lead = campaign.settings().campaign().lead.as_ref();
        lead.map(|l| l.to_string())
    });
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=../.collab/schema/meeting.json\n");
    out.push_str(&comment_line(
        0,
        &format!("{label} meeting, written by `collab new meeting`. Record decisions and"),
    ));
    out.push_str(&comment_line(
        0,
        &format!("actions here as the meeting goes (`collab action add --meeting {id} ...`)."),
    ));
    let mut head = vec![
        ("kind", YValue::plain("meeting")),
        ("id", YValue::text(&id)),
        ("type", YValue::plain(kind)),
        ("title", YValue::text(title)),
        ("date", YValue::plain(req.start)),
        (
            "duration",
            YValue::plain(req.duration.unwrap_or(minutes + review)),
        ),
    ];
    head.extend(req.location.as_ref().map(|l| ("location", YValue::text(l))));
    head.extend(chair.map(|c| ("chair", YValue::text(c))));
    for (key, value) in &head {
        out.push_str(&entry_line(key, value));
    }
    out.push_str(&attendees(campaign));
    out.push_str(&agenda_lines(&agenda, &open));
    out.push_str(&entry_line("decisions", &YValue::List(Vec::new())));
    out.push_str(&entry_line("actions", &YValue::List(Vec::new())));
    out
}

/// Every partner, invited: `attendees:` and one line each.
fn attendees(campaign: &Campaign) -> String {
    let mut out = comment_line(
        0,
        "Every partner is invited; remove anyone who sends apologies.",
    );
    let partners: Vec<YValue> = campaign
        .partners()
        .map(|(_, _, p)| {
            let id = p.id.as_ref().map(|i| i.to_string()).unwrap_or_default();
            let mut entry = vec![("partner".to_string(), YValue::text(id))];
            let name = p.lead.as_ref().and_then(|l| l.name.clone());
            entry.extend(name.map(|n| ("name".to_string(), YValue::text(n))));
            YValue::Map(entry)
        })
        .collect();
    if partners.is_empty() {
        out.push_str(&entry_line("attendees", &YValue::List(Vec::new())));
    } else {
        out.push_str("attendees:\n");
        for p in &partners {
            out.push_str(&list_item_line(2, p));
        }
    }
    out
}

/// `agenda:`: a review of the open actions when there are any, then the
/// items of the meeting's type. The actions themselves are not copied in:
/// they would go stale as soon as one is done, so the agenda pack lists
/// the ones still open each time it is rendered.
fn agenda_lines(agenda: &[Item], open: &[(&Meeting, &Action)]) -> String {
    let mut out = String::from("agenda:\n");
    let map = |entries: Vec<(&str, YValue)>| {
        YValue::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    };
    if !open.is_empty() {
        out.push_str(&comment_line(
            2,
            "The agenda pack (`collab render --pack agenda`) lists the actions",
        ));
        out.push_str(&comment_line(
            2,
            "still open from earlier meetings, read afresh each time it is made.",
        ));
        let review = map(vec![
            ("topic", YValue::plain(Topic::Review.as_str())),
            ("title", YValue::text("Actions from earlier meetings")),
            ("minutes", YValue::plain(10)),
        ]);
        out.push_str(&list_item_line(2, &review));
    }
    for i in agenda {
        let mut entries = vec![("topic", YValue::plain(i.topic.as_str()))];
        entries.extend(i.title.map(|t| ("title", YValue::text(t))));
        entries.push(("minutes", YValue::plain(i.minutes)));
        out.push_str(&list_item_line(2, &map(entries)));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::campaign_from_texts;
    use crate::yaml::{Seg, Value};

    const CONFIG: &str = "[campaign]\nid = \"c\"\nname = \"C\"\nlead = \"home-office\"\n";

    fn campaign(files: &[(&str, &str)]) -> Campaign {
        let ws = campaign_from_texts(Path::new("/c"), CONFIG, files);
        ws.campaigns.into_iter().next().expect("the campaign loads")
    }

    fn request(title: &str, location: &str, chair: &str) -> MeetingRequest {
        MeetingRequest {
            kind: MeetingType::CatchUp,
            start: DateTime::parse("2026-12-08T10:00").expect("a date and time"),
            id: None,
            title: Some(title.to_string()),
            location: Some(location.to_string()),
            chair: Some(chair.to_string()),
            duration: None,
        }
    }

    /// The text of a key of the written file, read back with collab's own
    /// YAML parser.
    fn read_back(text: &str, key: &str) -> String {
        let parsed = crate::yaml::parse(&crate::source::SourceText::new(text.to_string()));
        assert!(parsed.error.is_none(), "not valid YAML: {text}");
        let node = parsed.docs[0]
            .root
            .at(&[Seg::Key(key)])
            .expect("the key is there");
        match &node.value {
            Value::Scalar(s) => {
                assert!(
                    matches!(s.resolve(), crate::yaml::Resolved::Str(_)),
                    "{key} reads back as a string: {text}"
                );
                s.text.clone()
            }
            other => panic!("{key} is not a scalar: {other:?}"),
        }
    }

    #[test]
    fn the_final_review_reads_the_charter_back_only_when_there_is_one() {
        let review = MeetingRequest {
            kind: MeetingType::FinalReview,
            ..request("Review", "Room 1", "Chair")
        };
        let without = meeting_text(&campaign(&[]), &review);
        assert!(!without.contains(CHARTER_READ_BACK), "{without}");
        let charter = "kind: charter\npurpose: Fewer fires at home this winter\n";
        let with = meeting_text(&campaign(&[("charter.yaml", charter)]), &review);
        assert!(with.contains(CHARTER_READ_BACK), "{with}");
    }

    #[test]
    fn values_that_need_quotes_read_back_as_written() {
        let c = campaign(&[]);
        for value in [
            "Review: week 2",
            "#1 priority",
            "Room 4 # upstairs",
            "*starred",
            "&anchor",
            "yes",
            "No",
            "null",
            "~",
            "1.0",
            "12",
            "0x1F",
            ".inf",
            "2026-12-08",
            "- dash",
            "? question",
            ": colon",
            "ends with colon:",
            "[brackets]",
            "{braces}",
            "a, b",
            "\"quoted\"",
            "it's",
            " leading space",
            "trailing space ",
            "back\\slash",
            "@at",
            "`tick",
            "!tag",
            "%percent",
            "|pipe",
            ">fold",
        ] {
            let text = meeting_text(&c, &request(value, value, value));
            for key in ["title", "location", "chair"] {
                assert_eq!(read_back(&text, key), value, "{key} in:\n{text}");
            }
        }
    }
}
