#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/no-sign-off-route.md"))]

use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    // A campaign works at collaboration level when any partner does: the
    // partners then make local versions of the materials together.
    let collaborating = campaign
        .partners_at()
        .any(|p| p.level == Some(CollabLevel::Collaboration));
    if !collaborating {
        return;
    }
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    if plan.local_sign_off().is_some() {
        return;
    }
    let at = match plan.protocols() {
        Some(protocols) => protocols.at_field("local_sign_off"),
        None => plan.at_span(plan.kind_span()),
    };
    cx.report(
        Rule::NoSignOffRoute,
        at,
        "partners work at collaboration level, but the plan does not say who signs off local versions of the materials",
    )
    .help("add `protocols: { local_sign_off: … }` to the plan: who approves a partner's local version, and how fast");
}
