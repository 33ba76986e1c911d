//! The campaign view: everything `status` shows and `render` prints,
//! derived once from a loaded campaign. Pure: the few facts that need the
//! disk (has a partner pack been rendered?) come in as arguments.
//!
//! Field names here are the template contract: user templates in a
//! campaign's `templates/` folder see exactly this structure.

use serde::Serialize;

use crate::campaign::Campaign;
use crate::model::config::{Classification, RouteState};
use crate::model::evaluation::{Actual, Direction, Metric, Stage};
use crate::model::meeting::{ActionStatus, MeetingType, Topic};
use crate::model::partners::{CollabLevel, Partner};
use crate::model::plan::{Audience, Plan};
use crate::model::{Contact, Date, Framework, Tier};
use crate::rules::partnership::topic_name;

pub mod clock;
pub mod labels;
pub mod public;

pub use labels::label;

/// Everything about one campaign that packs and `status` show.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignView {
    pub today: String,
    pub campaign: Summary,
    pub plan: PlanView,
    pub partners: Vec<PartnerView>,
    pub routemap: Vec<PhaseView>,
    pub timeline: Vec<TimelineEntry>,
    pub upcoming: Vec<TimelineEntry>,
    pub blackouts: Vec<BlackoutView>,
    pub meetings: Vec<MeetingView>,
    pub open_actions: Vec<ActionView>,
    pub metrics: Vec<MetricView>,
    pub evaluation: EvaluationView,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub framework: String,
    /// "OASIS" or "ROSIE".
    pub framework_label: String,
    pub classification: String,
    pub lead: Option<String>,
    pub lead_name: Option<String>,
    pub start: Option<String>,
    pub launch: Option<String>,
    pub end: Option<String>,
    pub timezone: String,
    pub priorities: Vec<String>,
    pub regions: Vec<String>,
}

/// One section of the plan, in the framework's order.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The key used in plan.yaml (`audience`, `research`, …).
    pub key: String,
    /// The heading for readers ("Audience insight", "Research", …).
    pub title: String,
    /// The letter of the framework's acronym.
    pub letter: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct PlanView {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub sections: Vec<SectionView>,
    pub aim: Option<String>,
    pub objectives: Vec<ObjectiveView>,
    pub audiences: Vec<AudienceView>,
    pub proposition: Option<String>,
    pub messages: Vec<String>,
    pub theories: Vec<String>,
    pub channels: Vec<ChannelView>,
    pub journey: Vec<JourneyView>,
    pub pilot: Option<String>,
    pub activities: Vec<ActivityView>,
    pub milestones: Vec<MilestoneView>,
    pub updates: Option<String>,
    pub updates_chair: Option<String>,
    pub scoring_approach: Option<String>,
    pub scoring_metrics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    pub id: String,
    pub level: Option<String>,
    pub statement: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub priorities: Vec<String>,
    pub metrics: Vec<String>,
    pub by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceView {
    pub id: String,
    pub description: String,
    pub insight: Option<String>,
    pub sources: Vec<String>,
    pub level: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JourneyView {
    pub stage: Option<String>,
    pub audiences: Vec<String>,
    pub touchpoints: Vec<TouchpointView>,
    pub call_to_action: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TouchpointView {
    pub name: Option<String>,
    pub level: Option<String>,
    pub channel: Option<String>,
    pub channel_name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    pub id: String,
    pub name: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub channel: Option<String>,
    pub channel_name: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Pounds. Left out of the public partner pack.
    pub budget: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneView {
    pub id: String,
    pub name: String,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub type_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub role: Option<String>,
    /// Left out of the public partner pack.
    pub email: Option<String>,
    /// Left out of the public partner pack.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelView {
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub reach: Option<u64>,
    pub partner: Option<String>,
    pub partner_name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerView {
    pub id: String,
    pub name: String,
    pub sector: Option<String>,
    pub sector_label: Option<String>,
    pub level: Option<String>,
    pub level_label: Option<String>,
    /// What the level of collaboration means, as a phrase in lower case.
    pub level_description: Option<String>,
    pub form: Option<String>,
    pub regions: Vec<String>,
    pub lead: Option<ContactView>,
    pub deputy: Option<ContactView>,
    pub sign_off: Option<ContactView>,
    pub sponsor: Option<ContactView>,
    pub confirmed: Option<String>,
    pub offers: Vec<String>,
    pub offer_labels: Vec<String>,
    pub gains: Vec<String>,
    pub channels: Vec<ChannelView>,
    pub tags: Vec<String>,
    /// Left out of the public partner pack.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    pub id: String,
    pub title: String,
    pub steps: Vec<StepView>,
    pub done: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub id: String,
    pub title: String,
    /// `done`, `due` or `not-started`.
    pub state: String,
    pub state_label: String,
    /// What decided the state.
    pub evidence: String,
    /// `files` when read from the campaign's files, `recorded` when from
    /// `[routemap]` in collab.toml.
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: String,
    pub end: Option<String>,
    /// `milestone`, `meeting`, `blackout`, `activity`, `action`.
    pub kind: String,
    pub title: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlackoutView {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub type_label: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub day: Option<String>,
    pub time: Option<String>,
    pub end_time: Option<String>,
    pub duration: Option<u32>,
    pub location: Option<String>,
    pub chair: Option<String>,
    pub chair_name: Option<String>,
    pub held: bool,
    pub attendees: Vec<AttendeeView>,
    pub agenda: Vec<AgendaItemView>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionView>,
    /// Open actions from earlier meetings, to review.
    pub carried_actions: Vec<ActionView>,
    /// Left out of the public partner pack.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendeeView {
    pub partner: Option<String>,
    pub partner_name: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItemView {
    pub topic: Option<String>,
    pub title: String,
    pub minutes: Option<u32>,
    /// Start time, HH:MM.
    pub start: Option<String>,
    /// What the item should settle.
    pub prompts: Vec<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub action: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub due: Option<String>,
    pub status: String,
    pub overdue: bool,
    pub meeting: Option<String>,
    pub meeting_title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricView {
    pub id: String,
    pub name: String,
    pub stage: Option<String>,
    pub stage_label: Option<String>,
    pub discipline: Option<String>,
    pub level: Option<String>,
    pub objective: Option<String>,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub method: Option<String>,
    pub frequency: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub latest: Option<f64>,
    pub latest_date: Option<String>,
    pub latest_note: Option<String>,
    pub actuals: Vec<ActualView>,
    /// Share of the way from baseline to target, 0 to 100, when known.
    pub progress: Option<u32>,
    /// "31%", "1,200", "£2,000".
    pub baseline_text: Option<String>,
    pub target_text: Option<String>,
    pub latest_text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActualView {
    pub date: Option<String>,
    pub value: Option<f64>,
    pub text: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    pub stages: Vec<StageView>,
    pub partnership: Vec<PartnershipView>,
    /// Stages with at least one metric, of output, outtake, outcome.
    pub covered: Vec<String>,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    pub stage: String,
    pub title: String,
    pub description: String,
    pub metrics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnershipView {
    pub dimension: Option<String>,
    pub dimension_label: Option<String>,
    pub outcome: String,
    pub indicators: Vec<String>,
    pub methods: Vec<String>,
    pub collects: Option<String>,
    pub collects_name: Option<String>,
    pub when: Option<String>,
}

/// Facts from outside the campaign's files.
#[derive(Debug, Clone, Copy, Default)]
pub struct Outside {
    /// A partner pack already exists in the output folder.
    pub partner_pack_rendered: bool,
}

fn kebab<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn opt_kebab<T: Serialize>(value: Option<&T>) -> Option<String> {
    value.map(kebab)
}

fn contact(c: Option<&Contact>) -> Option<ContactView> {
    c.map(|c| ContactView {
        name: c.name.clone(),
        role: c.role.clone(),
        email: c.email.as_ref().map(|e| e.0.clone()),
        phone: c.phone.clone(),
    })
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A number as people write it: "31", "2.5", "1,200".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let digits = format!("{}", n.abs() as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0.0 { format!("-{out}") } else { out }
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn with_unit(n: f64, unit: Option<&str>) -> String {
    match unit {
        Some("percent") => format!("{}%", number(n)),
        Some("pounds") => format!("£{}", number(n)),
        _ => number(n),
    }
}

struct Names<'a> {
    partners: Vec<(&'a str, &'a str)>,
    channels: Vec<(String, String, String)>,
}

impl Names<'_> {
    fn partner(&self, id: Option<&str>) -> Option<String> {
        let id = id?;
        self.partners
            .iter()
            .find(|(pid, _)| *pid == id)
            .map(|(_, n)| n.to_string())
    }

    fn channel(&self, id: Option<&str>) -> Option<String> {
        let id = id?;
        self.channels
            .iter()
            .find(|(cid, _, _)| cid == id)
            .map(|(_, n, _)| n.clone())
    }
}

fn sections(framework: Framework) -> Vec<SectionView> {
    let list: &[(&str, &str, &str)] = match framework {
        Framework::Oasis => &[
            ("objectives", "Objectives", "O"),
            ("audience", "Audience insight", "A"),
            ("strategy", "Strategy", "S"),
            ("implementation", "Implementation", "I"),
            ("scoring", "Scoring", "S"),
        ],
        Framework::Rosie => &[
            ("research", "Research", "R"),
            ("objectives", "Objectives", "O"),
            ("strategy", "Strategy", "S"),
            ("implementation", "Implementation", "I"),
            ("evaluation", "Evaluation", "E"),
        ],
    };
    list.iter()
        .map(|(key, title, letter)| SectionView {
            key: key.to_string(),
            title: title.to_string(),
            letter: letter.to_string(),
        })
        .collect()
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

/// Build the view of a campaign as it stands on `today`.
pub fn build(campaign: &Campaign, today: Date, outside: Outside) -> CampaignView {
    let settings = campaign.settings();
    let info = settings.campaign();
    let partners: Vec<&Partner> = campaign.partners().map(|(_, _, p)| p).collect();
    let names = Names {
        partners: partners
            .iter()
            .filter_map(|p| Some((p.id.as_ref()?.as_str(), p.name.as_deref()?)))
            .collect(),
        channels: partners
            .iter()
            .flat_map(|p| {
                p.channels.iter().filter_map(move |c| {
                    Some((
                        c.id.as_ref()?.to_string(),
                        c.name.clone().unwrap_or_else(|| {
                            c.id.as_ref().map(|i| i.to_string()).unwrap_or_default()
                        }),
                        p.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                    ))
                })
            })
            .collect(),
    };
    let plan = campaign.plan().map(|(_, p)| p);
    let framework = plan
        .and_then(|p| p.framework)
        .or(info.framework)
        .unwrap_or(Framework::Oasis);

    let summary = Summary {
        id: info.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: info.name.clone().unwrap_or_default(),
        framework: framework.as_str().to_string(),
        framework_label: framework.as_str().to_uppercase(),
        classification: match info.classification() {
            Classification::Official => "OFFICIAL".into(),
            Classification::OfficialSensitive => "OFFICIAL-SENSITIVE".into(),
        },
        lead: info.lead.as_ref().map(|l| l.to_string()),
        lead_name: names.partner(info.lead.as_ref().map(|l| l.as_str())),
        start: date(info.start),
        launch: date(info.launch),
        end: date(info.end),
        timezone: info.timezone().to_string(),
        priorities: info.priorities.iter().map(kebab).collect(),
        regions: info.regions.clone(),
    };

    let partner_views: Vec<PartnerView> = partners
        .iter()
        .map(|p| PartnerView {
            id: p.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            name: p.name.clone().unwrap_or_default(),
            sector: opt_kebab(p.sector.as_ref()),
            sector_label: opt_kebab(p.sector.as_ref()).map(|s| label(&s)),
            level: opt_kebab(p.level.as_ref()),
            level_label: opt_kebab(p.level.as_ref()).map(|s| label(&s)),
            level_description: opt_kebab(p.level.as_ref())
                .and_then(|s| labels::level_description(&s))
                .map(str::to_string),
            form: opt_kebab(p.form.as_ref()),
            regions: p.regions.clone(),
            lead: contact(p.lead.as_ref()),
            deputy: contact(p.deputy.as_ref()),
            sign_off: contact(p.sign_off.as_ref()),
            sponsor: contact(p.sponsor.as_ref()),
            confirmed: date(p.confirmed),
            offers: p.offers.iter().map(kebab).collect(),
            offer_labels: p.offers.iter().map(|o| label(&kebab(o))).collect(),
            gains: p.gains.clone(),
            channels: p
                .channels
                .iter()
                .map(|c| ChannelView {
                    id: c.id.as_ref().map(|i| i.to_string()),
                    name: c.name.clone(),
                    kind: opt_kebab(c.kind.as_ref()),
                    reach: c.reach,
                    partner: p.id.as_ref().map(|i| i.to_string()),
                    partner_name: p.name.clone(),
                })
                .collect(),
            tags: p.tags.clone(),
            notes: p.notes.clone(),
        })
        .collect();

    let plan_view = plan.map_or_else(PlanView::default, |p| {
        plan_view(p, framework, &names, &partner_views)
    });

    // Meetings, in date order.
    let mut meetings: Vec<_> = campaign.meetings().map(|(_, m)| m).collect();
    meetings.sort_by_key(|m| (m.date, m.id.clone()));
    let action_view = |a: &crate::model::meeting::Action, m: &crate::model::meeting::Meeting| {
        let status = a.status.unwrap_or_default();
        ActionView {
            id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            action: a.action.clone().unwrap_or_default(),
            owner: a.owner.as_ref().map(|o| o.to_string()),
            owner_name: names.partner(a.owner.as_ref().map(|o| o.as_str())),
            due: date(a.due),
            status: kebab(&status),
            overdue: status == ActionStatus::Open && a.due.is_some_and(|d| d < today),
            meeting: m.id.as_ref().map(|i| i.to_string()),
            meeting_title: Some(meeting_title(m)),
        }
    };
    let zone = clock::zone(info.timezone());
    let mut open_actions = Vec::new();
    let mut meeting_views = Vec::new();
    for m in &meetings {
        let carried: Vec<ActionView> = meetings
            .iter()
            .filter(|earlier| earlier.date < m.date)
            .flat_map(|earlier| {
                earlier
                    .actions
                    .iter()
                    .filter(|a| a.status.unwrap_or_default() == ActionStatus::Open)
                    .map(|a| action_view(a, earlier))
            })
            .collect();
        let agenda = agenda_view(m, zone.as_ref());
        let end_time = match (m.date, m.duration) {
            (Some(d), Some(mins)) => clock::add_minutes(d.0, i64::from(mins), zone.as_ref())
                .map(|t| t.strftime("%H:%M").to_string()),
            _ => None,
        };
        let actions: Vec<ActionView> = m.actions.iter().map(|a| action_view(a, m)).collect();
        open_actions.extend(actions.iter().filter(|a| a.status == "open").cloned());
        meeting_views.push(MeetingView {
            id: m.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            kind: opt_kebab(m.kind.as_ref()),
            type_label: opt_kebab(m.kind.as_ref()).map(|k| label(&k)),
            title: meeting_title(m),
            date: m.date.map(|d| d.to_string()),
            day: m.date.map(|d| d.0.strftime("%A %-d %B %Y").to_string()),
            time: m.date.map(|d| d.0.strftime("%H:%M").to_string()),
            end_time,
            duration: m.duration,
            location: m.location.clone(),
            chair: m.chair.as_ref().map(|c| c.to_string()),
            chair_name: names.partner(m.chair.as_ref().map(|c| c.as_str())),
            held: m.date.is_some_and(|d| d.date() <= today),
            attendees: m
                .attendees
                .iter()
                .map(|a| AttendeeView {
                    partner: a.partner.as_ref().map(|p| p.to_string()),
                    partner_name: names.partner(a.partner.as_ref().map(|p| p.as_str())),
                    name: a.name.clone(),
                    role: a.role.clone(),
                })
                .collect(),
            agenda,
            decisions: m.decisions.clone(),
            actions,
            carried_actions: carried,
            notes: m.notes.clone(),
        });
    }
    open_actions.sort_by(|a, b| (&a.due, &a.id).cmp(&(&b.due, &b.id)));

    // Timeline.
    let mut timeline = Vec::new();
    for m in &plan_view.milestones {
        if let Some(d) = &m.date {
            timeline.push(TimelineEntry {
                date: d.clone(),
                end: None,
                kind: "milestone".into(),
                title: m.name.clone(),
                detail: m.type_label.clone(),
            });
        }
    }
    for m in &meeting_views {
        if let Some(d) = &m.date {
            timeline.push(TimelineEntry {
                date: d[..10].to_string(),
                end: None,
                kind: "meeting".into(),
                title: m.title.clone(),
                detail: m.time.clone().map(|t| match &m.location {
                    Some(l) => format!("{t}, {l}"),
                    None => t,
                }),
            });
        }
    }
    let blackouts: Vec<BlackoutView> = settings
        .blackout
        .iter()
        .map(|b| BlackoutView {
            name: b.name.clone(),
            kind: opt_kebab(b.kind.as_ref()),
            start: date(b.start),
            end: date(b.end),
        })
        .collect();
    for b in &blackouts {
        if let Some(s) = &b.start {
            timeline.push(TimelineEntry {
                date: s.clone(),
                end: b.end.clone(),
                kind: "blackout".into(),
                title: b.name.clone().unwrap_or_else(|| "Blackout window".into()),
                detail: b.kind.as_deref().map(label),
            });
        }
    }
    timeline.sort_by(|a, b| (&a.date, &a.kind, &a.title).cmp(&(&b.date, &b.kind, &b.title)));
    let today_text = today.to_string();
    let upcoming: Vec<TimelineEntry> = timeline
        .iter()
        .filter(|e| e.end.as_deref().unwrap_or(&e.date) >= today_text.as_str())
        .take(8)
        .cloned()
        .collect();

    // Metrics.
    let metrics: Vec<&Metric> = campaign.metrics().map(|(_, _, m)| m).collect();
    let metric_views: Vec<MetricView> = metrics.iter().map(|m| metric_view(m, &names)).collect();
    let core = [Stage::Output, Stage::Outtake, Stage::Outcome];
    let evaluation = EvaluationView {
        stages: Stage::ALL
            .iter()
            .map(|s| StageView {
                stage: s.as_str().to_string(),
                title: label(s.as_str()),
                description: stage_description(*s).to_string(),
                metrics: metrics
                    .iter()
                    .filter(|m| m.stage == Some(*s))
                    .filter_map(|m| m.id.as_ref().map(|i| i.to_string()))
                    .collect(),
            })
            .collect(),
        partnership: campaign
            .documents
            .iter()
            .flat_map(|d| match &d.body {
                crate::model::Body::Evaluation(e) => e.partnership.clone(),
                _ => Vec::new(),
            })
            .map(|p| PartnershipView {
                dimension: opt_kebab(p.dimension.as_ref()),
                dimension_label: opt_kebab(p.dimension.as_ref()).map(|d| label(&d)),
                outcome: p.outcome.clone().unwrap_or_default(),
                indicators: p.indicators.clone(),
                methods: p.methods.clone(),
                collects: p.collects.as_ref().map(|c| c.to_string()),
                collects_name: names.partner(p.collects.as_ref().map(|c| c.as_str())),
                when: p.when.clone(),
            })
            .collect(),
        covered: core
            .iter()
            .filter(|s| metrics.iter().any(|m| m.stage == Some(**s)))
            .map(|s| s.as_str().to_string())
            .collect(),
        missing: core
            .iter()
            .filter(|s| !metrics.iter().any(|m| m.stage == Some(**s)))
            .map(|s| s.as_str().to_string())
            .collect(),
    };

    let routemap = routemap(campaign, plan, &meetings, &metrics, today, outside);

    CampaignView {
        today: today_text,
        campaign: summary,
        plan: plan_view,
        partners: partner_views,
        routemap,
        timeline,
        upcoming,
        blackouts,
        meetings: meeting_views,
        open_actions,
        metrics: metric_views,
        evaluation,
    }
}

/// A meeting's agenda, each item with the wall-clock time it starts: the
/// meeting's start plus the minutes of the items before it.
fn agenda_view(
    m: &crate::model::meeting::Meeting,
    zone: Option<&jiff::tz::TimeZone>,
) -> Vec<AgendaItemView> {
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
                topic: topic.map(|t| topic_name(t).to_string()),
                title: item
                    .title
                    .clone()
                    .unwrap_or_else(|| topic.map(|t| label(topic_name(t))).unwrap_or_default()),
                minutes: item.minutes,
                start,
                prompts: topic.map(|t| topic_prompts(t, m.kind)).unwrap_or_default(),
                notes: item.notes.clone(),
            }
        })
        .collect()
}

fn meeting_title(m: &crate::model::meeting::Meeting) -> String {
    m.title.clone().unwrap_or_else(|| {
        m.kind
            .map(|k| format!("{} meeting", label(&kebab(&k))))
            .unwrap_or_else(|| "Meeting".into())
    })
}

fn stage_description(s: Stage) -> &'static str {
    match s {
        Stage::Input => "What went in: people, money, planning",
        Stage::Output => "What was done and who it reached",
        Stage::Outtake => "What the audience took from it: awareness, understanding, engagement",
        Stage::Outcome => "What changed in what people think or do",
        Stage::Impact => "The difference to organisations' goals and to the public",
    }
}

fn plan_view(
    p: &Plan,
    framework: Framework,
    names: &Names<'_>,
    partners: &[PartnerView],
) -> PlanView {
    let audience = |a: &Audience| AudienceView {
        id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        description: a.description.clone().unwrap_or_default(),
        insight: a.insight.clone(),
        sources: a.sources.clone(),
        level: opt_kebab(a.level.as_ref()),
    };
    let strategy = p.strategy.as_ref();
    let updates = p.implementation.as_ref().and_then(|i| i.updates.as_ref());
    let scoring = p.scoring();
    PlanView {
        title: p.title.clone(),
        summary: p.summary.clone(),
        sections: sections(framework),
        aim: p.objectives.as_ref().and_then(|o| o.aim.clone()),
        objectives: p
            .objective_items()
            .iter()
            .map(|o| ObjectiveView {
                id: o.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                level: opt_kebab(o.level.as_ref()),
                statement: o.statement.clone().unwrap_or_default(),
                owner: o.owner.as_ref().map(|i| i.to_string()),
                owner_name: names.partner(o.owner.as_ref().map(|i| i.as_str())),
                priorities: o.priorities.iter().map(kebab).collect(),
                metrics: o.metrics.iter().map(|m| m.to_string()).collect(),
                by: date(o.by),
            })
            .collect(),
        audiences: p.audiences().iter().map(audience).collect(),
        proposition: strategy.and_then(|s| s.proposition.clone()),
        messages: strategy.map(|s| s.messages.clone()).unwrap_or_default(),
        theories: strategy.map(|s| s.theories.clone()).unwrap_or_default(),
        channels: strategy
            .map(|s| {
                s.channels
                    .iter()
                    .map(|c| {
                        partners
                            .iter()
                            .flat_map(|p| &p.channels)
                            .find(|pc| pc.id.as_deref() == Some(c.as_str()))
                            .cloned()
                            .unwrap_or(ChannelView {
                                id: Some(c.to_string()),
                                name: None,
                                kind: None,
                                reach: None,
                                partner: None,
                                partner_name: None,
                            })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        journey: strategy
            .map(|s| {
                s.journey
                    .iter()
                    .map(|j| JourneyView {
                        stage: j.stage.clone(),
                        audiences: j.audiences.iter().map(|a| a.to_string()).collect(),
                        touchpoints: j
                            .touchpoints
                            .iter()
                            .map(|t| TouchpointView {
                                name: t.name.clone(),
                                level: opt_kebab(t.level.as_ref()),
                                channel: t.channel.as_ref().map(|c| c.to_string()),
                                channel_name: names.channel(t.channel.as_ref().map(|c| c.as_str())),
                            })
                            .collect(),
                        call_to_action: j.call_to_action.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        pilot: strategy.and_then(|s| s.pilot.clone()),
        activities: p
            .activities()
            .iter()
            .map(|a| ActivityView {
                id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                name: a.name.clone().unwrap_or_default(),
                owner: a.owner.as_ref().map(|i| i.to_string()),
                owner_name: names.partner(a.owner.as_ref().map(|i| i.as_str())),
                channel: a.channel.as_ref().map(|i| i.to_string()),
                channel_name: names.channel(a.channel.as_ref().map(|i| i.as_str())),
                start: date(a.start),
                end: date(a.end),
                budget: a.budget,
            })
            .collect(),
        milestones: {
            let mut ms: Vec<MilestoneView> = p
                .milestones()
                .iter()
                .map(|m| MilestoneView {
                    id: m.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                    name: m.name.clone().unwrap_or_default(),
                    date: date(m.date),
                    kind: opt_kebab(m.kind.as_ref()),
                    type_label: opt_kebab(m.kind.as_ref()).map(|k| label(&k)),
                })
                .collect();
            ms.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
            ms
        },
        updates: updates.and_then(|u| opt_kebab(u.cadence.as_ref())),
        updates_chair: updates.and_then(|u| names.partner(u.chair.as_ref().map(|c| c.as_str()))),
        scoring_approach: scoring.and_then(|s| s.approach.clone()),
        scoring_metrics: scoring
            .map(|s| s.metrics.iter().map(|m| m.to_string()).collect())
            .unwrap_or_default(),
    }
}

fn latest(actuals: &[Actual]) -> Option<&Actual> {
    actuals
        .iter()
        .filter(|a| a.value.is_some())
        .max_by_key(|a| a.date)
}

fn metric_view(m: &Metric, names: &Names<'_>) -> MetricView {
    let unit = opt_kebab(m.unit.as_ref());
    let last = latest(&m.actuals);
    let progress = match (m.baseline, m.target, last.and_then(|a| a.value)) {
        (Some(b), Some(t), Some(v)) if (t - b).abs() > f64::EPSILON => {
            let share = ((v - b) / (t - b)).clamp(0.0, 1.0);
            Some((share * 100.0).round() as u32)
        }
        _ => None,
    };
    let mut actuals: Vec<&Actual> = m.actuals.iter().collect();
    actuals.sort_by_key(|a| a.date);
    MetricView {
        id: m.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: m.name.clone().unwrap_or_default(),
        stage: opt_kebab(m.stage.as_ref()),
        stage_label: m.stage.map(|s| label(s.as_str())),
        discipline: opt_kebab(m.discipline.as_ref()),
        level: opt_kebab(m.level.as_ref()),
        objective: m.objective.as_ref().map(|i| i.to_string()),
        owner: m.owner.as_ref().map(|i| i.to_string()),
        owner_name: names.partner(m.owner.as_ref().map(|i| i.as_str())),
        method: m.method.clone(),
        frequency: opt_kebab(m.frequency.as_ref()),
        unit: unit.clone(),
        direction: opt_kebab(m.direction.as_ref()),
        baseline: m.baseline,
        target: m.target,
        latest: last.and_then(|a| a.value),
        latest_date: last.and_then(|a| date(a.date)),
        latest_note: last.and_then(|a| a.note.clone()),
        actuals: actuals
            .iter()
            .map(|a| ActualView {
                date: date(a.date),
                value: a.value,
                text: a.value.map(|v| with_unit(v, unit.as_deref())),
                note: a.note.clone(),
            })
            .collect(),
        progress,
        baseline_text: m.baseline.map(|v| with_unit(v, unit.as_deref())),
        target_text: m.target.map(|v| with_unit(v, unit.as_deref())),
        latest_text: last
            .and_then(|a| a.value)
            .map(|v| with_unit(v, unit.as_deref())),
    }
}

struct Step {
    state: &'static str,
    evidence: String,
}

fn step(state: &'static str, evidence: impl Into<String>) -> Step {
    Step {
        state,
        evidence: evidence.into(),
    }
}

/// Done / due / not started for "n of m, missing: …" evidence.
fn share(what: &str, done: &[&str], missing: &[&str]) -> Step {
    let total = done.len() + missing.len();
    if total == 0 {
        return step("not-started", format!("{what}: no partners yet"));
    }
    let state = if missing.is_empty() {
        "done"
    } else if done.is_empty() {
        "not-started"
    } else {
        "due"
    };
    let mut evidence = format!("{what}: {} of {total} partners", done.len());
    if !missing.is_empty() {
        evidence.push_str(&format!("; missing: {}", missing.join(", ")));
    }
    step(state, evidence)
}

fn routemap(
    campaign: &Campaign,
    plan: Option<&Plan>,
    meetings: &[&crate::model::meeting::Meeting],
    metrics: &[&Metric],
    today: Date,
    outside: Outside,
) -> Vec<PhaseView> {
    let settings = campaign.settings();
    let info = settings.campaign();
    let recorded = settings.routemap.clone().unwrap_or_default();
    let partners: Vec<&Partner> = campaign.partners().map(|(_, _, p)| p).collect();
    let of_type = |t: MeetingType| -> Vec<&crate::model::meeting::Meeting> {
        meetings
            .iter()
            .copied()
            .filter(|m| m.kind == Some(t))
            .collect()
    };
    let held = |list: &[&crate::model::meeting::Meeting]| {
        list.iter()
            .filter_map(|m| m.date)
            .filter(|d| d.date() <= today)
            .min()
    };
    let scheduled = |list: &[&crate::model::meeting::Meeting]| {
        list.iter()
            .filter_map(|m| m.date)
            .filter(|d| d.date() > today)
            .min()
    };
    let meeting_step = |t: MeetingType, what: &str| {
        let list = of_type(t);
        match (held(&list), scheduled(&list)) {
            (Some(d), _) => step("done", format!("{what} held on {}", d.date())),
            (None, Some(d)) => step("due", format!("{what} planned for {}", d.date())),
            (None, None) => step("not-started", format!("no {what} in the meeting files")),
        }
    };
    let only_recorded = |_: &str| {
        step(
            "not-started",
            "record it in collab.toml under [routemap] when done",
        )
    };

    let evidence = |id: &str| -> Step {
        match id {
            "offers-and-asks" => {
                let (done, missing): (Vec<_>, Vec<_>) = partners
                    .iter()
                    .partition(|p| !p.offers.is_empty() && !p.gains.is_empty());
                let d: Vec<&str> = done.iter().map(pid).collect();
                let m: Vec<&str> = missing.iter().map(pid).collect();
                share("offers and gains written down", &d, &m)
            }
            "partner-staffing" => {
                if partners.len() < 6 {
                    step(
                        "done",
                        format!("not needed for {} partners", partners.len()),
                    )
                } else {
                    step(
                        "due",
                        format!(
                            "{} partners: record the staff who recruit and support them",
                            partners.len()
                        ),
                    )
                }
            }
            "oasis-summary" => match plan {
                None => step("not-started", "no plan yet"),
                Some(p) => {
                    let fw = p.framework.or(info.framework).unwrap_or(Framework::Oasis);
                    let have = [
                        ("objectives", !p.objective_items().is_empty()),
                        (
                            if fw == Framework::Rosie {
                                "research"
                            } else {
                                "audience"
                            },
                            !p.audiences().is_empty(),
                        ),
                        ("strategy", p.strategy.is_some()),
                        ("implementation", p.implementation.is_some()),
                        (
                            if fw == Framework::Rosie {
                                "evaluation"
                            } else {
                                "scoring"
                            },
                            p.scoring().is_some(),
                        ),
                    ];
                    let missing: Vec<&str> =
                        have.iter().filter(|(_, ok)| !ok).map(|(k, _)| *k).collect();
                    if missing.is_empty() {
                        step(
                            "done",
                            format!("{} plan has all five sections", fw.as_str().to_uppercase()),
                        )
                    } else {
                        step(
                            "due",
                            format!(
                                "plan has {} of 5 sections; missing: {}",
                                5 - missing.len(),
                                missing.join(", ")
                            ),
                        )
                    }
                }
            },
            "briefing-meeting" => {
                meeting_step(MeetingType::InitialPartnering, "initial partnering meeting")
            }
            "written-confirmation" => {
                let (done, missing): (Vec<_>, Vec<_>) =
                    partners.iter().partition(|p| p.confirmed.is_some());
                let d: Vec<&str> = done.iter().map(pid).collect();
                let m: Vec<&str> = missing.iter().map(pid).collect();
                share("written confirmation", &d, &m)
            }
            "regular-catch-ups" => {
                let cadence = plan
                    .and_then(|p| p.implementation.as_ref())
                    .and_then(|i| i.updates.as_ref())
                    .and_then(|u| u.cadence);
                let catch_ups = of_type(MeetingType::CatchUp);
                let held_count = catch_ups
                    .iter()
                    .filter(|m| m.date.is_some_and(|d| d.date() <= today))
                    .count();
                let rhythm = cadence.map(|c| kebab(&c));
                match (rhythm, held_count) {
                    (Some(r), n) if n > 0 => step(
                        "done",
                        format!("{r} updates agreed; {n} catch-up meeting(s) held"),
                    ),
                    (Some(r), _) => {
                        step("due", format!("{r} updates agreed; no catch-up held yet"))
                    }
                    (None, n) if n > 0 => step(
                        "due",
                        format!("{n} catch-up meeting(s) held, but no update rhythm in the plan"),
                    ),
                    (None, _) => step("not-started", "no update rhythm and no catch-up meetings"),
                }
            }
            "unifying-logo" => {
                let decided = meetings
                    .iter()
                    .flat_map(|m| &m.decisions)
                    .find(|d| d.to_lowercase().contains("logo"));
                match decided {
                    Some(d) => step("done", format!("decision: {d}")),
                    None => only_recorded(id),
                }
            }
            "partner-pack" => {
                if outside.partner_pack_rendered {
                    step("done", "partner pack rendered")
                } else {
                    step(
                        "not-started",
                        "no partner pack rendered yet (`collab render --pack partner`)",
                    )
                }
            }
            "capture-metrics" => {
                let with: Vec<&&Metric> =
                    metrics.iter().filter(|m| !m.actuals.is_empty()).collect();
                let total = metrics.len();
                if total == 0 {
                    step("not-started", "no metrics yet")
                } else if with.len() == total {
                    step("done", format!("figures recorded for all {total} metrics"))
                } else if with.is_empty() {
                    step(
                        "not-started",
                        format!("no figures recorded yet for {total} metrics"),
                    )
                } else {
                    let missing: Vec<&str> = metrics
                        .iter()
                        .filter(|m| m.actuals.is_empty())
                        .filter_map(|m| m.id.as_ref().map(|i| i.as_str()))
                        .collect();
                    step(
                        "due",
                        format!(
                            "figures recorded for {} of {total} metrics; none yet for {}",
                            with.len(),
                            missing.join(", ")
                        ),
                    )
                }
            }
            "final-evaluation" => {
                let end = info.end;
                let objectives = plan.map(|p| p.objective_items()).unwrap_or_default();
                if objectives.is_empty() {
                    return step("not-started", "no objectives to evaluate");
                }
                let mut pending = Vec::new();
                for o in objectives {
                    let Some(oid) = &o.id else { continue };
                    let deadline = o.by.or(end);
                    let linked: Vec<&&Metric> = metrics
                        .iter()
                        .filter(|m| {
                            m.objective.as_ref() == Some(oid)
                                || m.id.as_ref().is_some_and(|i| o.metrics.contains(i))
                        })
                        .collect();
                    let final_figure = !linked.is_empty()
                        && linked.iter().all(|m| {
                            latest(&m.actuals)
                                .and_then(|a| a.date)
                                .is_some_and(|d| deadline.is_none_or(|dl| d >= dl))
                        });
                    if !final_figure {
                        pending.push(oid.as_str());
                    }
                }
                if pending.is_empty() {
                    step("done", "every objective's metrics have a final figure")
                } else if end.is_some_and(|e| today > e) {
                    step(
                        "due",
                        format!(
                            "campaign has ended; no final figures yet for {}",
                            pending.join(", ")
                        ),
                    )
                } else {
                    step(
                        "not-started",
                        format!(
                            "final figures come after the campaign ends{}",
                            end.map(|e| format!(" ({e})")).unwrap_or_default()
                        ),
                    )
                }
            }
            "final-meeting" => meeting_step(MeetingType::FinalReview, "final review meeting"),
            other => only_recorded(other),
        }
    };

    type Steps<'s> = &'s [(&'s str, &'s str)];
    let phases: [(&str, &str, Steps); 3] = [
        (
            "preparation",
            "Preparation",
            &[
                (
                    "review-plan",
                    "Review the year-ahead plan for shared campaigns",
                ),
                (
                    "stakeholder-analysis",
                    "Stakeholder analysis to find partners",
                ),
                ("offers-and-asks", "What each partner offers and asks"),
                (
                    "partner-staffing",
                    "Staff to recruit and support many partners",
                ),
                (
                    "oasis-summary",
                    "Campaign summarised in OASIS (or ROSIE) form",
                ),
            ],
        ),
        (
            "implementation",
            "Implementation",
            &[
                ("briefing-meeting", "Briefing meeting with partners"),
                (
                    "written-confirmation",
                    "Written confirmation from every partner",
                ),
                ("regular-catch-ups", "Regular catch-ups"),
                (
                    "unifying-logo",
                    "A unifying campaign logo, or a decision not to",
                ),
                ("partner-pack", "Partner and stakeholder pack"),
            ],
        ),
        (
            "evaluation",
            "Evaluation",
            &[
                ("capture-metrics", "Metrics captured and shared weekly"),
                ("adjust-activity", "Activity adjusted on the evidence"),
                (
                    "final-evaluation",
                    "Final evaluation against local and national objectives",
                ),
                ("final-meeting", "Final meeting: review, lessons and thanks"),
            ],
        ),
    ];
    phases
        .iter()
        .map(|(id, title, steps)| {
            let steps: Vec<StepView> = steps
                .iter()
                .map(|(sid, stitle)| {
                    let (s, source) = match recorded.get(*sid) {
                        Some(RouteState::Date(d)) => {
                            (step("done", format!("recorded as done on {d}")), "recorded")
                        }
                        Some(RouteState::Word(w)) if w == "done" => {
                            (step("done", "recorded as done"), "recorded")
                        }
                        _ => (evidence(sid), "files"),
                    };
                    StepView {
                        id: sid.to_string(),
                        title: stitle.to_string(),
                        state: s.state.to_string(),
                        state_label: match s.state {
                            "done" => "Done",
                            "due" => "Due",
                            _ => "Not started",
                        }
                        .to_string(),
                        evidence: s.evidence,
                        source: source.to_string(),
                    }
                })
                .collect();
            PhaseView {
                id: id.to_string(),
                title: title.to_string(),
                done: steps.iter().filter(|s| s.state == "done").count(),
                steps,
            }
        })
        .collect()
}

fn pid<'a>(p: &&'a Partner) -> &'a str {
    p.id.as_ref().map_or("?", |i| i.as_str())
}

/// Partner levels from most to least involved, for sorting.
pub fn level_rank(level: Option<&str>) -> u8 {
    match level {
        Some("collaboration") => 0,
        Some("co-operation") => 1,
        Some("participation") => 2,
        Some("information-sharing") => 3,
        _ => 4,
    }
}

/// Keep unused imports honest.
const _: Option<(Direction, Tier, CollabLevel)> = None;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_labels() {
        assert_eq!(number(1200.0), "1,200");
        assert_eq!(number(31.0), "31");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-1234567.0), "-1,234,567");
        assert_eq!(with_unit(45.0, Some("percent")), "45%");
        assert_eq!(with_unit(2000.0, Some("pounds")), "£2,000");
    }
}
