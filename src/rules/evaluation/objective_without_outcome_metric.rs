#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/objective-without-outcome-metric.md"))]

use crate::model::evaluation::Stage;
use crate::rule::Rule;
use crate::rules::{RuleContext, measured_objectives};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for (o, id, linked) in measured_objectives(cx.campaign) {
        if !linked.is_empty()
            && !linked
                .iter()
                .any(|m| matches!(m.stage, Some(Stage::Outcome | Stage::Impact)))
        {
            cx.report(
                Rule::ObjectiveWithoutOutcomeMetric,
                o.at(),
                format!("objective `{id}` has no metric at `outcome` or `impact`"),
            )
            .help("link a metric that measures the change itself (stage `outcome` or `impact`)");
        }
    }
}
