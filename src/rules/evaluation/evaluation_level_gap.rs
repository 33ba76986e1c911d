#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/evaluation-level-gap.md"))]

use super::evaluation_anchor;
use crate::model::Tier;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let objectives = plan.objective_items();
    let national = objectives.iter().any(|o| o.level == Some(Tier::National));
    let local = objectives.iter().any(|o| o.level == Some(Tier::Local));
    if !(national && local) {
        return;
    }
    let levels: Vec<Tier> = campaign.metrics_at().filter_map(|m| m.level).collect();
    let has = |t| levels.contains(&t);
    let missing = match (has(Tier::National), has(Tier::Local)) {
        (true, false) => Tier::Local,
        (false, true) => Tier::National,
        _ => return,
    }
    .as_str();
    if let Some(at) = evaluation_anchor(campaign, "metrics") {
        cx.report(
            Rule::EvaluationLevelGap,
            at,
            format!(
                "the plan has national and local objectives, but no metric is at `level: {missing}`"
            ),
        )
        .help(format!(
            "add metrics that measure the {missing} objectives, with `level: {missing}`"
        ));
    }
}
