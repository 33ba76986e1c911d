#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/missing-plan.md"))]

use crate::rule::Rule;
use crate::rules::RuleContext;
use crate::source::Span;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    if campaign.plan_at().is_some() {
        return;
    }
    let cfg = campaign.config.located();
    let span = cfg.key_span_of("campaign").unwrap_or(Span::empty(0));
    cx.report(
        Rule::MissingPlan,
        cfg.at_span(span),
        "this campaign has no plan",
    )
    .help("add a plan.yaml with `kind: plan` (`collab init` shows the shape)");
}
