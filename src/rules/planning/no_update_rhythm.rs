#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/no-update-rhythm.md"))]

use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let Some(plan) = cx.campaign.plan_at() else {
        return;
    };
    let implementation = plan.implementation();
    let has_rhythm = implementation
        .as_ref()
        .and_then(|i| i.updates.as_ref())
        .is_some_and(|u| u.cadence.is_some());
    if has_rhythm {
        return;
    }
    let span = implementation
        .and_then(|i| i.key_span_of("updates"))
        .or_else(|| plan.key_span_of("implementation"))
        .unwrap_or_else(|| plan.kind_span());
    cx.report(
        Rule::NoUpdateRhythm,
        plan.at_span(span),
        "the plan sets no rhythm for progress updates",
    )
    .help("add `updates: { cadence: weekly, chair: <partner id> }` under `implementation`");
}
