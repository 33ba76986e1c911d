#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/multiple-plans.md"))]

use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let mut plans = cx.campaign.plans_at();
    let Some(first) = plans.next() else {
        return;
    };
    for extra in plans {
        cx.report(
            Rule::MultiplePlans,
            extra.at_span(extra.kind_span()),
            "this campaign already has a plan",
        )
        .related(first.at_span(first.kind_span()), "the first plan")
        .help("keep one plan per campaign: merge them, or give the second its own campaign folder");
    }
}
