#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/no-senior-sponsor.md"))]

use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for p in cx.campaign.partners_at() {
        if p.level.is_some_and(|l| l >= CollabLevel::CoOperation) && p.sponsor.is_none() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::NoSeniorSponsor,
                p.at(),
                format!(
                    "{name} works at {} level but has no senior sponsor",
                    p.level.map_or("an unknown", CollabLevel::as_str)
                ),
            )
            .help("add `sponsor: { name: …, role: … }`");
        }
    }
}
