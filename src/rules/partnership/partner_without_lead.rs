#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/partner-without-lead.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for p in cx.campaign.partners_at() {
        if p.lead.is_none() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::PartnerWithoutLead,
                p.at(),
                format!("{name} has no project lead"),
            )
            .help("add `lead: { name: …, role: … }`");
        }
    }
}
