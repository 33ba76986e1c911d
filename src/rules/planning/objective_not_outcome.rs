#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/objective-not-outcome.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, vocabulary};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let Some(plan) = cx.campaign.plan_at() else {
        return;
    };
    for o in plan.objectives() {
        let Some(statement) = &o.statement else {
            continue;
        };
        if let Some(words) = vocabulary::output_objective(statement) {
            cx.report(
                Rule::ObjectiveNotOutcome,
                o.at_field("statement"),
                "this objective counts outputs, not a change in what people think or do",
            )
            .label(format!("reads as activity: {}", words.join(", ")))
            .help(
                "say whose behaviour or attitude changes, from what to what, by when; \
                 keep the outputs as `output` metrics in evaluation.yaml",
            );
        }
    }
}
