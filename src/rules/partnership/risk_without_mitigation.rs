#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/risk-without-mitigation.md"))]

use super::barrier_signs::evidence_for;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    for (_, r) in campaign.risks() {
        let written = r
            .mitigation
            .as_deref()
            .is_some_and(|m| !m.trim().is_empty());
        if written {
            continue;
        }
        let name = named("risk", r.id.as_ref());
        let mut help = "add `mitigation:` saying what the partners will do to make it less likely or less harmful".to_string();
        if let Some(seen) = r.barrier.and_then(|b| evidence_for(campaign, b)) {
            help.push_str(&format!(". The files already show it: {seen}"));
        }
        let at = match r.value_of("mitigation") {
            Some(_) => r.at_field("mitigation"),
            None => r.at(),
        };
        cx.report(
            Rule::RiskWithoutMitigation,
            at,
            format!("{name} says nothing about how it is handled"),
        )
        .help(help);
    }
}
