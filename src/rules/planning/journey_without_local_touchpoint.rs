#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/journey-without-local-touchpoint.md"))]

use super::has_local_partner;
use crate::model::Tier;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    if !has_local_partner(campaign) {
        return;
    }
    let local_touchpoint = plan.strategy.as_ref().is_some_and(|s| {
        s.journey
            .iter()
            .flat_map(|j| &j.touchpoints)
            .any(|t| t.level == Some(Tier::Local))
    });
    if local_touchpoint {
        return;
    }
    let span = plan
        .strategy()
        .and_then(|s| s.key_span_of("journey"))
        .or_else(|| plan.key_span_of("strategy"))
        .unwrap_or_else(|| plan.kind_span());
    cx.report(
        Rule::JourneyWithoutLocalTouchpoint,
        plan.at_span(span),
        "local partners take part, but no journey touchpoint is at `level: local`",
    )
    .help("add the places local partners meet the audience (surgeries, home visits, local media) with `level: local`");
}
