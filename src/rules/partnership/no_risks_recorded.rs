#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/no-risks-recorded.md"))]

use super::barrier_signs::signs;
use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    // As for `no-sign-off-route`: the campaign works at collaboration
    // level when any partner does.
    let collaborating = campaign
        .partners_at()
        .any(|p| p.level == Some(CollabLevel::Collaboration));
    if !collaborating || !campaign.risks().is_empty() {
        return;
    }
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let mut help = "add a `risks:` list to the plan: for each, the barrier, what could happen, how likely and how harmful, an owner and a mitigation".to_string();
    let found: Vec<String> = signs(campaign)
        .into_iter()
        .map(|s| format!("`{}`: {}", s.barrier.as_str(), s.evidence))
        .collect();
    if !found.is_empty() {
        help.push_str(&format!(
            ". The files already show signs of known barriers: {}",
            found.join("; ")
        ));
    }
    cx.report(
        Rule::NoRisksRecorded,
        plan.at_span(plan.kind_span()),
        "partners work at collaboration level, but no risks to the partnership are recorded",
    )
    .help(help);
}
