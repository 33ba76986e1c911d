#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/partnership-evaluation-missing.md"))]

use super::evaluation_anchor;
use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let deep = campaign
        .partners_at()
        .any(|p| p.level.is_some_and(|l| l >= CollabLevel::CoOperation));
    let has_partnership = campaign.partnership_at().next().is_some();
    if !deep || has_partnership {
        return;
    }
    let at = evaluation_anchor(campaign, "partnership").unwrap_or_else(|| {
        let cfg = campaign.config.located();
        cfg.at_span(cfg.key_span_of("campaign").unwrap_or(cfg.root.span))
    });
    cx.report(
        Rule::PartnershipEvaluationMissing,
        at,
        "partners work at co-operation or collaboration level, but the partnership itself is not evaluated",
    )
    .help("add `partnership:` outcomes (working-together, difference-to-each-other, difference-to-my-org, difference-to-people) to evaluation.yaml");
}
