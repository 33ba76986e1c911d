#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/partner-without-sign-off.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for p in cx.campaign.partners_at() {
        if p.sign_off.is_none() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::PartnerWithoutSignOff,
                p.at(),
                format!("{name} has no named sign-off"),
            )
            .help("add `sign_off: { name: …, role: … }`");
        }
    }
}
