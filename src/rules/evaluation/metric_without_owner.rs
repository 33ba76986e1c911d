#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/metric-without-owner.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for m in cx.campaign.metrics_at() {
        if m.owner.is_none() {
            let name = named("metric", m.id.as_ref());
            cx.report(
                Rule::MetricWithoutOwner,
                m.at(),
                format!("{name} has no owner"),
            )
            .help("add `owner:` with the id of the partner who collects it");
        }
    }
}
