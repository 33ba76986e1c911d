#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/objective-not-measurable.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, measured_objectives};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    for (o, id, linked) in measured_objectives(campaign) {
        if linked
            .iter()
            .any(|m| m.baseline.is_some() && m.target.is_some())
        {
            continue;
        }
        let deadline =
            o.by.or(campaign.settings().campaign().end)
                .map(|d| format!(" by {d}"))
                .unwrap_or_default();
        let span = if o.metrics.is_empty() {
            o.span_of("id")
        } else {
            o.key_span_of("metrics")
                .unwrap_or_else(|| o.span_of("metrics"))
        };
        cx.report(
            Rule::ObjectiveNotMeasurable,
            o.at_span(span),
            format!(
                "objective `{id}` has no metric with a baseline and a target, so nobody can tell whether it is met{deadline}"
            ),
        )
        .help(if linked.is_empty() {
            "link a metric: list its id under `metrics`, or set the metric's `objective`"
        } else {
            "give a linked metric both a `baseline` and a `target`"
        });
    }
}
