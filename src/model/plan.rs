//! `kind: plan`: the campaign plan in OASIS or ROSIE form.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::evaluation::Metric;
use super::risk::Risk;
use super::{Date, FormatVersion, Framework, Id, Priority, Tier};

/// The five sections of a plan, by what they hold. OASIS and ROSIE have
/// the same five; two of them go by other names in ROSIE, and the first
/// two come in the other order. This is the one place that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Objectives,
    /// OASIS `audience`, ROSIE `research`.
    Audience,
    Strategy,
    Implementation,
    /// OASIS `scoring`, ROSIE `evaluation`.
    Scoring,
}

impl Section {
    /// The five sections in OASIS order.
    pub const ALL: [Section; 5] = [
        Section::Objectives,
        Section::Audience,
        Section::Strategy,
        Section::Implementation,
        Section::Scoring,
    ];

    /// The five sections in `framework`'s order.
    pub fn in_order(framework: Framework) -> [Section; 5] {
        let mut all = Section::ALL;
        all.sort_by_key(|s| s.rank(framework));
        all
    }

    /// The section a top-level plan key names, in either framework.
    pub fn of_key(key: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| s.key(Framework::Oasis) == key || s.key(Framework::Rosie) == key)
    }

    /// The key `framework` uses for the section in `plan.yaml`.
    pub fn key(self, framework: Framework) -> &'static str {
        match (self, framework) {
            (Section::Objectives, _) => "objectives",
            (Section::Audience, Framework::Oasis) => "audience",
            (Section::Audience, Framework::Rosie) => "research",
            (Section::Strategy, _) => "strategy",
            (Section::Implementation, _) => "implementation",
            (Section::Scoring, Framework::Oasis) => "scoring",
            (Section::Scoring, Framework::Rosie) => "evaluation",
        }
    }

    /// The key the other framework uses for the same section, when it
    /// differs: `audience` ⇄ `research`, `scoring` ⇄ `evaluation`.
    pub fn renamed(self) -> Option<(&'static str, &'static str)> {
        let (oasis, rosie) = (self.key(Framework::Oasis), self.key(Framework::Rosie));
        (oasis != rosie).then_some((oasis, rosie))
    }

    /// The heading readers see ("Audience insight", "Research", …).
    pub fn title(self, framework: Framework) -> &'static str {
        match (self, framework) {
            (Section::Objectives, _) => "Objectives",
            (Section::Audience, Framework::Oasis) => "Audience insight",
            (Section::Audience, Framework::Rosie) => "Research",
            (Section::Strategy, _) => "Strategy",
            (Section::Implementation, _) => "Implementation",
            (Section::Scoring, Framework::Oasis) => "Scoring",
            (Section::Scoring, Framework::Rosie) => "Evaluation",
        }
    }

    /// The section's letter in the framework's acronym.
    pub fn letter(self, framework: Framework) -> char {
        self.title(framework).chars().next().unwrap_or('?')
    }

    /// Where the section comes in `framework`'s order, from 0.
    pub fn rank(self, framework: Framework) -> usize {
        match (self, framework) {
            (Section::Objectives, Framework::Oasis) | (Section::Audience, Framework::Rosie) => 0,
            (Section::Audience, Framework::Oasis) | (Section::Objectives, Framework::Rosie) => 1,
            (Section::Strategy, _) => 2,
            (Section::Implementation, _) => 3,
            (Section::Scoring, _) => 4,
        }
    }
}

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
    /// Materials partners can use (creative, toolkits, press releases…) and where to get them.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// The campaign's logo and the rules for using the brand.
    pub brand: Option<Brand>,
    /// How the partnership handles the media, local sign-off and data sharing.
    pub protocols: Option<Protocols>,
    /// Acronyms and what they stand for, e.g. `ICB: Integrated Care Board`.
    /// The packs print them; text partners read may then use them freely.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub glossary: BTreeMap<String, String>,
    /// What could get in the way of the partners working together, each
    /// with its barrier, likelihood, impact, owner and mitigation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
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
        let framework = if self.audience.is_some() {
            Framework::Oasis
        } else {
            Framework::Rosie
        };
        Section::Audience.key(framework)
    }

    /// The measurement section, whatever the framework calls it.
    pub fn scoring(&self) -> Option<&Scoring> {
        self.scoring.as_ref().or(self.evaluation.as_ref())
    }

    pub fn scoring_key(&self) -> &'static str {
        let framework = if self.scoring.is_some() {
            Framework::Oasis
        } else {
            Framework::Rosie
        };
        Section::Scoring.key(framework)
    }

    /// Which of the five sections the plan has something in, in
    /// `framework`'s order.
    pub fn sections_present(&self, framework: Framework) -> [(Section, bool); 5] {
        framework.sections().map(|s| {
            let present = match s {
                Section::Objectives => !self.objective_items().is_empty(),
                Section::Audience => !self.audiences().is_empty(),
                Section::Strategy => self.strategy.is_some(),
                Section::Implementation => self.implementation.is_some(),
                Section::Scoring => self.scoring().is_some(),
            };
            (s, present)
        })
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

    /// `protocols.local_sign_off`, when the plan says how local versions are signed off.
    pub fn local_sign_off(&self) -> Option<&str> {
        self.protocols
            .as_ref()
            .and_then(|p| p.local_sign_off.as_deref())
            .filter(|s| !s.trim().is_empty())
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

impl Objective {
    /// Whether `metric` measures this objective: the metric names it as its
    /// `objective`, or the objective lists the metric under `metrics`.
    pub fn measured_by(&self, metric: &Metric) -> bool {
        let named = self.id.is_some() && metric.objective == self.id;
        named || metric.id.as_ref().is_some_and(|m| self.metrics.contains(m))
    }
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
    /// `publicity` (the default), `service` or `internal`: only publicity
    /// is restricted in a pre-election window.
    pub kind: Option<ActivityKind>,
    /// When and why the activity was changed on the evidence.
    pub changed: Option<Change>,
}

impl Activity {
    /// The activity's kind; publicity when the file does not say.
    pub fn kind(&self) -> ActivityKind {
        self.kind.unwrap_or_default()
    }
}

/// What an activity is for, as far as pre-election rules go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActivityKind {
    /// Promotes the campaign or its partners: adverts, press, events.
    #[default]
    Publicity,
    /// Delivers a service people use, such as a clinic or safety visits.
    Service,
    /// Work inside the partners that the public does not see.
    Internal,
}

keyed!(ActivityKind {
    Publicity => "publicity",
    Service => "service",
    Internal => "internal",
});

/// A change made to an activity on the evidence.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When the change was made.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Why, in a sentence.
    #[schemars(required)]
    pub reason: Option<String>,
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

keyed!(MilestoneType {
    BudgetApproval => "budget-approval",
    MinisterialSubmission => "ministerial-submission",
    ChiefExecSubmission => "chief-exec-submission",
    Launch => "launch",
    Review => "review",
    End => "end",
    Other => "other",
});

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

keyed!(Cadence {
    Weekly => "weekly",
    Fortnightly => "fortnightly",
    Monthly => "monthly",
});

/// A material partners can use, and where to get it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Kebab-case id.
    #[schemars(required)]
    pub id: Option<Id>,
    /// What it is, e.g. "Radio advert".
    #[schemars(required)]
    pub name: Option<String>,
    /// What sort of material it is.
    pub kind: Option<AssetKind>,
    /// Where to get it: a web address or a place, e.g. a shared drive folder.
    #[serde(rename = "where")]
    pub location: Option<String>,
    /// Id of the partner who provides it.
    pub owner: Option<Id>,
    /// The day it is ready to use.
    pub available: Option<Date>,
}

/// Kinds of asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssetKind {
    Creative,
    Toolkit,
    PressRelease,
    Social,
    Print,
    Video,
    Data,
    Other,
}

keyed!(AssetKind {
    Creative => "creative",
    Toolkit => "toolkit",
    PressRelease => "press-release",
    Social => "social",
    Print => "print",
    Video => "video",
    Data => "data",
    Other => "other",
});

/// The campaign's brand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// How the logo is used, or where to find it.
    pub logo: Option<String>,
    /// Rules partners follow when they use the brand.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// How the partnership works with the media, signs off local versions and shares data (free text).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Protocols {
    /// Who answers the press, and how enquiries are passed on.
    pub media: Option<String>,
    /// Who signs off local versions of campaign materials, and how fast.
    pub local_sign_off: Option<String>,
    /// What data partners share with each other, and how.
    pub data_sharing: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(framework: Framework) -> Vec<&'static str> {
        framework
            .sections()
            .iter()
            .map(|s| s.key(framework))
            .collect()
    }

    #[test]
    fn each_framework_has_its_sections_in_its_order() {
        assert_eq!(
            keys(Framework::Oasis),
            [
                "objectives",
                "audience",
                "strategy",
                "implementation",
                "scoring"
            ]
        );
        assert_eq!(
            keys(Framework::Rosie),
            [
                "research",
                "objectives",
                "strategy",
                "implementation",
                "evaluation"
            ]
        );
        let letters =
            |fw: Framework| -> String { fw.sections().iter().map(|s| s.letter(fw)).collect() };
        assert_eq!(letters(Framework::Oasis), "OASIS");
        assert_eq!(letters(Framework::Rosie), "ROSIE");
    }

    #[test]
    fn a_key_names_its_section_in_either_framework() {
        assert_eq!(Section::of_key("research"), Some(Section::Audience));
        assert_eq!(Section::of_key("audience"), Some(Section::Audience));
        assert_eq!(Section::of_key("evaluation"), Some(Section::Scoring));
        assert_eq!(Section::of_key("title"), None);
        let renamed: Vec<_> = Section::ALL.iter().filter_map(|s| s.renamed()).collect();
        assert_eq!(
            renamed,
            [("audience", "research"), ("scoring", "evaluation")]
        );
    }

    #[test]
    fn an_objective_is_measured_by_metrics_either_way_round() {
        let id = |s: &str| Some(Id(s.to_string()));
        let objective = Objective {
            id: id("o1"),
            metrics: vec![Id("listed".into())],
            ..Objective::default()
        };
        let metric = |mid: &str, objective: Option<Id>| Metric {
            id: id(mid),
            objective,
            ..Metric::default()
        };
        assert!(objective.measured_by(&metric("listed", None)));
        assert!(objective.measured_by(&metric("other", id("o1"))));
        assert!(!objective.measured_by(&metric("other", id("o2"))));
        let no_id = Objective::default();
        assert!(!no_id.measured_by(&metric("other", None)));
    }
}
