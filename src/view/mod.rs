//! The campaign view: everything `status` shows and `render` prints,
//! derived once from a loaded campaign. Pure: the few facts that need the
//! disk (has a partner pack been rendered?) come in as arguments.
//!
//! Field names here are the template contract: user templates in a
//! campaign's `templates/` folder see exactly this structure. The work of
//! deriving it lives in one module per part (`plan`, `partners`,
//! `meetings`, `timeline`, `metrics`, `routemap`); this module holds the
//! types and puts the parts together.

use serde::Serialize;

use crate::campaign::Campaign;
use crate::model::routemap::{Phase, Source, Step, StepState};
use crate::model::{Date, Framework};

pub mod action_log;
mod chart;
pub mod charter;
pub mod clock;
pub mod gantt;
pub mod glossary;
pub mod labels;
mod meetings;
mod metrics;
mod names;
mod partners;
mod plan;
pub mod progress;
pub mod public;
pub mod risks;
pub mod routemap;
pub mod status;
pub mod text;
pub mod timeline;
pub mod update;
pub mod your_part;

pub use labels::label;
pub use meetings::topic_prompts;
pub use text::number;

use names::Names;

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
    /// The partnership charter, when the campaign has one.
    pub charter: Option<charter::CharterView>,
    /// Every recorded risk, highest impact first (see [`risks`]).
    pub risks: Vec<risks::RiskView>,
    /// The timeline as a Gantt chart (see [`gantt`]).
    pub gantt: gantt::Gantt,
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
    /// The campaign's shared mailbox: the one e-mail address public packs show.
    pub contact: Option<String>,
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
    pub assets: Vec<AssetView>,
    pub brand: Option<BrandView>,
    pub protocols: ProtocolsView,
    /// Acronyms and what they stand for, sorted.
    pub glossary: Vec<glossary::GlossaryEntry>,
}

/// A material partners can use, and where to get it.
#[derive(Debug, Clone, Serialize)]
pub struct AssetView {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    /// Where to get it: a web address or a place.
    #[serde(rename = "where")]
    pub location: Option<String>,
    /// Whether `where` is a web address (to lay it out as a link).
    pub is_link: bool,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub available: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrandView {
    pub logo: Option<String>,
    pub rules: Vec<String>,
}

/// The partnership's protocols, free text.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ProtocolsView {
    pub media: Option<String>,
    pub local_sign_off: Option<String>,
    pub data_sharing: Option<String>,
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
    pub id: Phase,
    pub title: String,
    pub steps: Vec<StepView>,
    pub done: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub id: Step,
    pub title: String,
    /// `done`, `due` or `not-started`.
    pub state: StepState,
    pub state_label: String,
    /// What decided the state.
    pub evidence: String,
    /// `files` when read from the campaign's files, `recorded` when from
    /// `[routemap]` in collab.toml.
    pub source: Source,
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

impl ActionView {
    /// The due date as the tables show it: with OVERDUE when it has
    /// passed, a dash when there is none.
    pub fn due_label(&self) -> String {
        match (&self.due, self.overdue) {
            (Some(d), true) => format!("{d} OVERDUE"),
            (Some(d), false) => d.clone(),
            (None, _) => "–".into(),
        }
    }
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
    /// Where the latest figure stands against the target path: `ahead`,
    /// `on-track`, `behind`, `no-figures` or `no-path`.
    pub position: String,
    pub position_label: String,
    /// Where the target path stands on the latest figure's date.
    pub expected_text: Option<String>,
    /// The path runs from the baseline on `path_start` (the launch) to the
    /// target on `path_end` (the metric's deadline).
    pub path_start: Option<String>,
    pub path_end: Option<String>,
    /// The trend chart's geometry, when there is anything dated to draw.
    pub chart: Option<chart::ChartView>,
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
    /// The latest day a weekly update was rendered for, on or before
    /// today, from the campaign's `.collab/updates.log`.
    pub last_update: Option<Date>,
}

/// Build the view of a campaign as it stands on `today`.
pub fn build(campaign: &Campaign, today: Date, outside: Outside) -> CampaignView {
    let info = campaign.settings().campaign();
    let names = Names::of(campaign);
    let plan = campaign.plan().map(|(_, p)| p);
    let framework = plan
        .and_then(|p| p.framework)
        .or(info.framework)
        .unwrap_or(Framework::Oasis);
    let partners = partners::views(campaign);
    let plan_view = plan.map_or_else(PlanView::default, |p| {
        plan::view(p, framework, &names, &partners)
    });
    let meetings = meetings::views(campaign, today, &names);
    let dated = timeline::dated(campaign);
    CampaignView {
        today: today.to_string(),
        campaign: partners::summary(campaign, framework, &names),
        upcoming: timeline::upcoming(&dated, today),
        routemap: routemap::phases(campaign, today, outside),
        plan: plan_view,
        partners,
        timeline: timeline::entries(&dated),
        blackouts: timeline::blackouts(campaign),
        meetings: meetings.meetings,
        open_actions: meetings.open_actions,
        metrics: metrics::views(campaign, &names, today),
        evaluation: metrics::evaluation(campaign, &names),
        charter: charter::view(campaign, &names),
        risks: risks::views(campaign, &names),
        gantt: gantt::build(campaign, today),
    }
}
