#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/partner-without-gains.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for p in cx.campaign.partners_at() {
        if p.gains.is_empty() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::PartnerWithoutGains,
                p.at(),
                format!("{name} has no `gains`: what it gets from taking part is not written down"),
            )
            .help("add `gains:` with what the partner gets out of the campaign");
        }
    }
}
