//! Risks to the partnership: what could go wrong in working together, read
//! against the barriers the 2008 cross-government survey found people
//! actually meet. A risk list sits in the plan (and, later, the charter);
//! [`crate::campaign::Campaign::risks`] gathers them from wherever they sit.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id};

/// One risk to the partnership, with who watches it and what is done about it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Kebab-case id, unique among the campaign's risks.
    #[schemars(required)]
    pub id: Option<Id>,
    /// Which known barrier to working together this risk is an example of, or `other`.
    pub barrier: Option<Barrier>,
    /// What could happen, and what it would do to the campaign.
    #[schemars(required)]
    pub description: Option<String>,
    /// How likely it is to happen: low, medium or high.
    pub likelihood: Option<RiskLevel>,
    /// How much harm it would do if it happened: low, medium or high.
    pub impact: Option<RiskLevel>,
    /// Id of the partner who keeps an eye on the risk and acts on it.
    pub owner: Option<Id>,
    /// What the partners are doing to make it less likely or less harmful.
    pub mitigation: Option<String>,
    /// The day the risk is next looked at again.
    pub review: Option<Date>,
}

/// The barriers to working across organisations that the 2008
/// cross-government survey asked people to rank, and `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Barrier {
    /// Partners guard their own ground or compete rather than share.
    TerritorialAttitudes,
    /// One partner ends up paying for most of the joint work.
    UnequalFunding,
    /// One partner ends up putting in most of the people and time.
    UnequalResourcing,
    /// The partners have no working relationships to build on yet.
    NoRelationships,
    /// Short-term deadlines crowd out the longer joint effort.
    ShortTermFocus,
    /// It is hard to find the right people to work with in each organisation.
    HardToFindPeople,
    /// Nobody is sure who answers for the results.
    UnclearResponsibility,
    /// What each partner gets out of it is not clear.
    UnclearBenefits,
    /// Changes to data security rules get in the way of sharing.
    DataSecurity,
    /// Getting approval to work together is slow or blocked.
    SignOffObstacles,
    /// People are judged on their own targets, not the shared ones.
    PersonalObjectives,
    /// Fear of getting it wrong stops partners trying new things together.
    RiskAverseCulture,
    /// Jargon and acronyms that the other partners do not follow.
    Jargon,
    /// Ministers or senior people move on and the direction changes with them.
    SeniorChurn,
    /// A barrier not on the survey's list.
    Other,
}

keyed!(Barrier {
    TerritorialAttitudes => "territorial-attitudes",
    UnequalFunding => "unequal-funding",
    UnequalResourcing => "unequal-resourcing",
    NoRelationships => "no-relationships",
    ShortTermFocus => "short-term-focus",
    HardToFindPeople => "hard-to-find-people",
    UnclearResponsibility => "unclear-responsibility",
    UnclearBenefits => "unclear-benefits",
    DataSecurity => "data-security",
    SignOffObstacles => "sign-off-obstacles",
    PersonalObjectives => "personal-objectives",
    RiskAverseCulture => "risk-averse-culture",
    Jargon => "jargon",
    SeniorChurn => "senior-churn",
    Other => "other",
});

/// How likely a risk is, or how much harm it would do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

keyed!(RiskLevel {
    Low => "low",
    Medium => "medium",
    High => "high",
});
