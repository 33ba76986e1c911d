#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/risk-without-owner.md"))]

use super::barrier_signs::evidence_for;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    for (_, r) in campaign.risks() {
        if r.owner.is_some() {
            continue;
        }
        let name = named("risk", r.id.as_ref());
        let mut help =
            "add `owner:` with the id of the partner who watches this risk and acts when it grows"
                .to_string();
        if let Some(seen) = r.barrier.and_then(|b| evidence_for(campaign, b)) {
            help.push_str(&format!(". The files already show it: {seen}"));
        }
        cx.report(
            Rule::RiskWithoutOwner,
            r.at(),
            format!("{name} has no owner"),
        )
        .help(help);
    }
}
