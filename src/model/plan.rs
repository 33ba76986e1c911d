//! `kind: plan`: the campaign plan in OASIS or ROSIE form.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FormatVersion, Framework, Id, Priority, Tier};

/// The campaign plan. OASIS and ROSIE hold the same content: OASIS calls two
/// of the sections `audience` and `scoring`, ROSIE calls them `research` and
/// `evaluation`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub version: Option<FormatVersion>,
    /// The framework the plan is written in; must match `collab.toml`.
    #[schemars(required)]
    pub framework: Option<Framework>,
    /// The campaign's title as partners will see it.
    #[schemars(required)]
    pub title: Option<String>,
    /// One paragraph anyone in any partner organisation can read.
    pub summary: Option<String>,
    /// The aim and the objectives: changes in what people think or do.
    pub objectives: Option<Objectives>,
    /// OASIS: who the campaign is for and the insight behind each audience.
    pub audience: Option<Vec<Audience>>,
    /// ROSIE: who the campaign is for and the research behind each audience.
    pub research: Option<Vec<Audience>>,
    /// Proposition, messages, channels and the audience journey.
    pub strategy: Option<Strategy>,
    /// Activities, milestones and how often the joint team meets.
    pub implementation: Option<Implementation>,
    /// OASIS: how success will be measured.
    pub scoring: Option<Scoring>,
    /// ROSIE: how success will be measured.
    pub evaluation: Option<Scoring>,
}

impl Plan {
    /// The audience section, whatever the framework calls it.
    pub fn audiences(&self) -> &[Audience] {
        self.audience
            .as_deref()
            .or(self.research.as_deref())
            .unwrap_or_default()
    }

    /// The name of the audience section actually used, for paths.
    pub fn audience_key(&self) -> &'static str {
        if self.audience.is_some() {
            "audience"
        } else {
            "research"
        }
    }

    /// The measurement section, whatever the framework calls it.
    pub fn scoring(&self) -> Option<&Scoring> {
        self.scoring.as_ref().or(self.evaluation.as_ref())
    }

    pub fn scoring_key(&self) -> &'static str {
        if self.scoring.is_some() {
            "scoring"
        } else {
            "evaluation"
        }
    }

    pub fn objective_items(&self) -> &[Objective] {
        self.objectives
            .as_ref()
            .map(|o| o.items.as_slice())
            .unwrap_or_default()
    }

    pub fn activities(&self) -> &[Activity] {
        self.implementation
            .as_ref()
            .map(|i| i.activities.as_slice())
            .unwrap_or_default()
    }

    pub fn milestones(&self) -> &[Milestone] {
        self.implementation
            .as_ref()
            .map(|i| i.milestones.as_slice())
            .unwrap_or_default()
    }
}

/// The aim and the objectives.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    /// The one change the whole campaign is for.
    pub aim: Option<String>,
    /// Specific, measurable objectives, national and local.
    #[serde(default)]
    pub items: Vec<Objective>,
}

/// One objective.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Kebab-case id metrics use to name this objective.
    #[schemars(required)]
    pub id: Option<Id>,
    /// National or local objective.
    pub level: Option<Tier>,
    /// The change in what people think or do, with a number and a deadline.
    #[schemars(required)]
    pub statement: Option<String>,
    /// The partner who answers for this objective.
    pub owner: Option<Id>,
    /// Shared priorities this objective serves.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Ids of the evaluation metrics that show progress on it.
    #[serde(default)]
    pub metrics: Vec<Id>,
    /// Deadline; the campaign's end date when left out.
    pub by: Option<Date>,
}

/// One audience and the insight behind it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// Kebab-case id the journey uses to name this audience.
    #[schemars(required)]
    pub id: Option<Id>,
    /// Who they are.
    #[schemars(required)]
    pub description: Option<String>,
    /// What is known about them that shapes the campaign.
    pub insight: Option<String>,
    /// Where that insight comes from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Reached nationally or locally.
    pub level: Option<Tier>,
}

/// The strategy.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// The single idea the campaign puts to its audience.
    pub proposition: Option<String>,
    /// The key messages.
    #[serde(default)]
    pub messages: Vec<String>,
    /// Behaviour change models the strategy draws on, e.g. `com-b`.
    #[serde(default)]
    pub theories: Vec<String>,
    /// Ids of partner channels the campaign will use.
    #[serde(default)]
    pub channels: Vec<Id>,
    /// The audience journey, stage by stage.
    #[serde(default)]
    pub journey: Vec<JourneyStage>,
    /// How the campaign will be tested small before it goes wide.
    pub pilot: Option<String>,
}

/// One stage of the audience journey.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JourneyStage {
    /// The stage, e.g. awareness, consideration, action.
    pub stage: Option<String>,
    /// Ids of the audiences at this stage.
    #[serde(default)]
    pub audiences: Vec<Id>,
    /// Where the audience meets the campaign at this stage.
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    /// What the audience is asked to do.
    pub call_to_action: Option<String>,
}

/// A place where the audience meets the campaign.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    /// What it is, e.g. "GP surgery posters".
    pub name: Option<String>,
    /// National or local touchpoint.
    pub level: Option<Tier>,
    /// Id of the partner channel it runs through.
    pub channel: Option<Id>,
}

/// Implementation: activities, milestones and the meeting rhythm.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Implementation {
    /// What will be done, by whom, when.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Key dates: approvals, submissions, launch, reviews.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// How often the joint team catches up, and who chairs.
    pub updates: Option<Updates>,
}

/// One activity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Kebab-case id.
    #[schemars(required)]
    pub id: Option<Id>,
    /// What the activity is.
    #[schemars(required)]
    pub name: Option<String>,
    /// The partner who delivers it.
    pub owner: Option<Id>,
    /// Id of the partner channel it uses.
    pub channel: Option<Id>,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Cost in pounds. Never printed in the public partner pack.
    pub budget: Option<f64>,
}

/// One milestone.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Kebab-case id.
    #[schemars(required)]
    pub id: Option<Id>,
    /// What happens.
    #[schemars(required)]
    pub name: Option<String>,
    /// When.
    #[schemars(required)]
    pub date: Option<Date>,
    /// What kind of milestone it is.
    #[serde(rename = "type")]
    #[schemars(required)]
    pub kind: Option<MilestoneType>,
}

/// Kinds of milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneType {
    BudgetApproval,
    MinisterialSubmission,
    ChiefExecSubmission,
    Launch,
    Review,
    End,
    Other,
}

/// The joint team's meeting rhythm.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Updates {
    /// How often progress is shared.
    pub cadence: Option<Cadence>,
    /// The partner who chairs the catch-ups.
    pub chair: Option<Id>,
}

/// How often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Weekly,
    Fortnightly,
    Monthly,
}

/// How success will be measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// The approach in a sentence or two.
    pub approach: Option<String>,
    /// Ids of the evaluation metrics that matter most.
    #[serde(default)]
    pub metrics: Vec<Id>,
}
