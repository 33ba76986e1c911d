//! `kind: evaluation`: the evaluation framework and the partnership outcomes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FormatVersion, Id, Tier};

/// The evaluation document: metrics by stage, and whether the partnership worked.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationDoc {
    pub version: Option<FormatVersion>,
    /// What will be measured, at each stage from inputs to impact.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// How the partners will judge whether working together was worth it.
    #[serde(default)]
    pub partnership: Vec<PartnershipOutcome>,
}

/// One measure in the evaluation framework.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// Kebab-case id that objectives and the plan use to name this metric.
    #[schemars(required)]
    pub id: Option<Id>,
    /// What is measured, in plain words.
    #[schemars(required)]
    pub name: Option<String>,
    /// The evaluation stage: input, output, outtake, outcome or impact.
    #[schemars(required)]
    pub stage: Option<Stage>,
    /// The kind of work the metric belongs to.
    pub discipline: Option<Discipline>,
    /// National or local measure.
    pub level: Option<Tier>,
    /// The objective this metric shows progress on.
    pub objective: Option<Id>,
    /// The partner who collects the figures.
    pub owner: Option<Id>,
    /// How the figures are collected, e.g. "Tracking survey".
    pub method: Option<String>,
    /// How often a new figure is recorded.
    pub frequency: Option<Frequency>,
    /// The unit of the figures.
    pub unit: Option<Unit>,
    /// Whether success means the figure goes up or down.
    pub direction: Option<Direction>,
    /// The figure before the campaign.
    pub baseline: Option<f64>,
    /// The figure the campaign aims for.
    pub target: Option<f64>,
    /// Figures recorded as the campaign runs.
    #[serde(default)]
    pub actuals: Vec<Actual>,
}

/// A recorded figure.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// When the figure was taken.
    pub date: Option<Date>,
    /// The figure.
    pub value: Option<f64>,
    /// Where it came from or what affected it.
    pub note: Option<String>,
}

/// Stages of the GCS evaluation framework.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// What went in: staff, money, planning.
    Input,
    /// What was done and who it reached.
    Output,
    /// What the audience took from it: awareness, recall, engagement.
    Outtake,
    /// What changed in what people think or do.
    Outcome,
    /// The difference to the organisation's goals.
    Impact,
}

keyed!(Stage {
    Input => "input",
    Output => "output",
    Outtake => "outtake",
    Outcome => "outcome",
    Impact => "impact",
});

/// Kinds of communication work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Discipline {
    Marketing,
    Digital,
    Media,
    Partnership,
}

keyed!(Discipline {
    Marketing => "marketing",
    Digital => "digital",
    Media => "media",
    Partnership => "partnership",
});

/// How often a figure is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    Weekly,
    Fortnightly,
    Monthly,
    Quarterly,
    Once,
    End,
}

keyed!(Frequency {
    Weekly => "weekly",
    Fortnightly => "fortnightly",
    Monthly => "monthly",
    Quarterly => "quarterly",
    Once => "once",
    End => "end",
});

/// Units of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Percent,
    Count,
    Pounds,
    Ratio,
}

keyed!(Unit {
    Percent => "percent",
    Count => "count",
    Pounds => "pounds",
    Ratio => "ratio",
});

/// Which way a metric should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Increase,
    Decrease,
}

keyed!(Direction {
    Increase => "increase",
    Decrease => "decrease",
});

/// One thing the partners want the partnership itself to achieve.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnershipOutcome {
    /// Which side of the partnership this outcome is about.
    #[schemars(required)]
    pub dimension: Option<Dimension>,
    /// What good looks like, in a sentence.
    #[schemars(required)]
    pub outcome: Option<String>,
    /// Signs that the outcome has been reached.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// How those signs will be gathered.
    #[serde(default)]
    pub methods: Vec<String>,
    /// The partner who gathers the evidence.
    pub collects: Option<Id>,
    /// When it is gathered.
    pub when: Option<String>,
}

/// The four questions of partnership evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// How well the partners worked together.
    WorkingTogether,
    /// The difference the partners made to each other.
    DifferenceToEachOther,
    /// The difference to my organisation.
    DifferenceToMyOrg,
    /// The difference to the people the campaign serves.
    DifferenceToPeople,
}

keyed!(Dimension {
    WorkingTogether => "working-together",
    DifferenceToEachOther => "difference-to-each-other",
    DifferenceToMyOrg => "difference-to-my-org",
    DifferenceToPeople => "difference-to-people",
});
