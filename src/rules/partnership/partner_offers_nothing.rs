#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/partner-offers-nothing.md"))]

use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for p in cx.campaign.partners_at() {
        if p.level.is_some_and(|l| l > CollabLevel::InformationSharing) && p.offers.is_empty() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::PartnerOffersNothing,
                p.at(),
                format!(
                    "{name} works at {} level but offers nothing",
                    p.level.map_or("an unknown", CollabLevel::as_str)
                ),
            )
            .help("add `offers:` with what the partner brings (owned-channels, staff, …)");
        }
    }
}
