//! Meetings in date order, each with its timed agenda, its actions and the
//! open actions carried in from earlier meetings.

use jiff::tz::TimeZone;

use super::names::Names;
use super::text::date;
use super::{ActionView, AgendaItemView, AttendeeView, MeetingView, clock};
use crate::campaign::Campaign;
use crate::model::Date;
use crate::model::meeting::{Action, ActionStatus, Meeting, MeetingType, Topic};

/// The meetings part of the view.
pub struct Meetings {
    pub meetings: Vec<MeetingView>,
    /// Every open action of every meeting, by due date then id.
    pub open_actions: Vec<ActionView>,
}

pub fn views(campaign: &Campaign, today: Date, names: &Names<'_>) -> Meetings {
    let meetings = campaign.meetings_by_date();
    let zone = clock::zone(campaign.settings().campaign().timezone());
    let views: Vec<MeetingView> = meetings
        .iter()
        .map(|m| view(m, &meetings, today, names, zone.as_ref()))
        .collect();
    let open_actions = campaign
        .open_actions()
        .into_iter()
        .map(|(m, a)| action_view(a, m, today, names))
        .collect();
    Meetings {
        meetings: views,
        open_actions,
    }
}

fn view(
    m: &Meeting,
    all: &[&Meeting],
    today: Date,
    names: &Names<'_>,
    zone: Option<&TimeZone>,
) -> MeetingView {
    let action = |a: &Action, of: &Meeting| action_view(a, of, today, names);
    let mut carried: Vec<(&Meeting, &Action)> = all
        .iter()
        .filter(|earlier| earlier.date < m.date)
        .flat_map(|earlier| {
            earlier
                .actions
                .iter()
                .filter(|a| a.status.unwrap_or_default() == ActionStatus::Open)
                .map(move |a| (*earlier, a))
        })
        .collect();
    carried.sort_by_key(|(_, a)| due_order(a));
    let carried = carried.into_iter().map(|(of, a)| action(a, of)).collect();
    let end_time = match (m.date, m.duration) {
        (Some(d), Some(mins)) => {
            clock::add_minutes(d.0, i64::from(mins), zone).map(|t| t.strftime("%H:%M").to_string())
        }
        _ => None,
    };
    MeetingView {
        id: m.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        kind: m.kind.map(|k| k.as_str().to_string()),
        type_label: m.kind.map(MeetingType::label),
        title: title(m),
        date: m.date.map(|d| d.to_string()),
        day: m.date.map(|d| d.0.strftime("%A %-d %B %Y").to_string()),
        time: m.date.map(|d| d.0.strftime("%H:%M").to_string()),
        end_time,
        duration: m.duration,
        location: m.location.clone(),
        chair: m.chair.as_ref().map(|c| c.to_string()),
        chair_name: names.partner(m.chair.as_ref()),
        held: m.date.is_some_and(|d| d.date() <= today),
        attendees: m
            .attendees
            .iter()
            .map(|a| AttendeeView {
                partner: a.partner.as_ref().map(|p| p.to_string()),
                partner_name: names.partner(a.partner.as_ref()),
                name: a.name.clone(),
                role: a.role.clone(),
            })
            .collect(),
        agenda: agenda(m, zone),
        decisions: m.decisions.clone(),
        actions: m.actions.iter().map(|a| action(a, m)).collect(),
        carried_actions: carried,
        notes: m.notes.clone(),
    }
}

/// The order of an agenda's open actions: soonest due first, those with
/// no due date last, then by id.
fn due_order(a: &Action) -> (bool, Option<Date>, &str) {
    let id = a.id.as_ref().map_or("", |i| i.as_str());
    (a.due.is_none(), a.due, id)
}

pub(super) fn action_view(a: &Action, m: &Meeting, today: Date, names: &Names<'_>) -> ActionView {
    let status = a.status.unwrap_or_default();
    ActionView {
        id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        action: a.action.clone().unwrap_or_default(),
        owner: a.owner.as_ref().map(|o| o.to_string()),
        owner_name: names.partner(a.owner.as_ref()),
        due: date(a.due),
        status: status.as_str().to_string(),
        overdue: status == ActionStatus::Open && a.due.is_some_and(|d| d < today),
        meeting: m.id.as_ref().map(|i| i.to_string()),
        meeting_title: Some(title(m)),
    }
}

/// A meeting's agenda, each item with the wall-clock time it starts: the
/// meeting's start plus the minutes of the items before it.
fn agenda(m: &Meeting, zone: Option<&TimeZone>) -> Vec<AgendaItemView> {
    let mut elapsed: Option<i64> = Some(0);
    m.agenda
        .iter()
        .map(|item| {
            let start = m
                .date
                .zip(elapsed)
                .and_then(|(d, mins)| clock::add_minutes(d.0, mins, zone))
                .map(|t| t.strftime("%H:%M").to_string());
            if let Some(mins) = item.minutes {
                elapsed = elapsed.and_then(|e| e.checked_add(i64::from(mins)));
            }
            let topic = item.topic;
            AgendaItemView {
                topic: topic.map(|t| t.as_str().to_string()),
                title: item
                    .title
                    .clone()
                    .unwrap_or_else(|| topic.map(Topic::label).unwrap_or_default()),
                minutes: item.minutes,
                start,
                prompts: topic.map(|t| topic_prompts(t, m.kind)).unwrap_or_default(),
                notes: item.notes.clone(),
            }
        })
        .collect()
}

/// The meeting's title, or its type's ("Catch-up meeting").
pub fn title(m: &Meeting) -> String {
    m.title.clone().unwrap_or_else(|| {
        m.kind
            .map(|k| format!("{} meeting", k.label()))
            .unwrap_or_else(|| "Meeting".into())
    })
}

/// What each agenda topic should settle.
pub fn topic_prompts(topic: Topic, meeting: Option<MeetingType>) -> Vec<String> {
    let initial = meeting == Some(MeetingType::InitialPartnering);
    let lines: &[&str] = match topic {
        Topic::Introductions if initial => &[
            "Who is who, and who leads for each organisation",
            "Each partner's own priorities, pressures and limits (pre-election rules, capacity)",
            "Why each partner is here and what it hopes to get from the campaign",
        ],
        Topic::Objectives if initial => &[
            "The shared aim in one sentence",
            "National and local objectives: whose behaviour changes, from what to what, by when",
            "Who owns each objective",
        ],
        Topic::Timescales if initial => &[
            "Launch date and the campaign's start and end",
            "Approval and submission deadlines that come before launch",
            "Blackout windows and partners' busy periods",
        ],
        Topic::Resources if initial => &[
            "What each partner brings: people, money, channels, assets, insight",
            "What each partner needs back, and any joint funding or media buying",
            "Whether there are enough people to recruit, brief and support partners",
        ],
        Topic::Evaluation if initial => &[
            "Metrics at output, out-take and outcome, with baselines and targets",
            "Who collects which figures, how often, and how results are shared",
            "How the partnership itself will be judged",
        ],
        Topic::SignOff if initial => &[
            "Each partner's approval route and how long it takes",
            "Who signs off joint content, and whether one campaign identity is used",
        ],
        Topic::Liaison if initial => &[
            "Named leads and deputies for every partner",
            "The catch-up rhythm and who chairs",
            "Where shared files and the partner pack live",
        ],
        Topic::Review => &[
            "Results against national and local objectives",
            "What worked, for whom, and what did not",
        ],
        Topic::Lessons => &[
            "What to keep, change or drop next time",
            "Successful local activity worth using in other areas",
        ],
        Topic::Thanks => &["Recognise and thank every partner for its contribution"],
        Topic::Introductions => &["Introduce anyone new to the joint team"],
        Topic::Objectives => &["Progress against each objective"],
        Topic::Timescales => &["Changes to dates, milestones and blackout windows"],
        Topic::Resources => &["Resources needed or freed up since the last meeting"],
        Topic::Evaluation => &["Latest figures against target, and what they suggest"],
        Topic::SignOff => &["Content waiting for approval"],
        Topic::Liaison => &["Changes of contact, and news to share across partners"],
        Topic::Other => &[],
    };
    lines.iter().map(|s| s.to_string()).collect()
}
