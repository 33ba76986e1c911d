#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/missing-national-objectives.md"))]

use super::objectives_anchor;
use crate::model::Tier;
use crate::model::partners::Sector;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let has_central = campaign
        .partners_at()
        .any(|p| p.sector == Some(Sector::CentralGovernment));
    let has_national_objective = plan
        .objective_items()
        .iter()
        .any(|o| o.level == Some(Tier::National));
    if has_central && !has_national_objective {
        cx.report(
            Rule::MissingNationalObjectives,
            objectives_anchor(&plan),
            "a central-government partner takes part, but no objective is marked `level: national`",
        )
        .help("add the national objective the department answers for, marked `level: national`");
    }
}
