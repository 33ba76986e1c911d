#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/missing-local-objectives.md"))]

use super::{has_local_partner, objectives_anchor};
use crate::model::Tier;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let has_local_objective = plan
        .objective_items()
        .iter()
        .any(|o| o.level == Some(Tier::Local));
    if has_local_partner(campaign) && !has_local_objective {
        cx.report(
            Rule::MissingLocalObjectives,
            objectives_anchor(&plan),
            "local partners take part, but no objective is marked `level: local`",
        )
        .help("agree a local objective with the local partners and mark it `level: local`");
    }
}
