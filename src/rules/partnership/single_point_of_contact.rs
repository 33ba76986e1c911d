#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/single-point-of-contact.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for p in cx.campaign.partners_at() {
        if p.deputy.is_none() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::SinglePointOfContact,
                p.at(),
                format!("{name} has only one contact: no deputy"),
            )
            .help("add `deputy: { name: …, role: … }`");
        }
    }
}
