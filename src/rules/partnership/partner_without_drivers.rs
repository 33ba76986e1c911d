#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/partner-without-drivers.md"))]

use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    // Without a charter `no-charter` speaks for the partnership.
    let Some(charter) = cx.campaign.charter() else {
        return;
    };
    for p in cx.campaign.partners_at() {
        if p.level != Some(CollabLevel::Collaboration) {
            continue;
        }
        let Some(id) = p.id.as_ref() else {
            continue;
        };
        let written = charter
            .drivers
            .get(id)
            .is_some_and(|d| !d.trim().is_empty());
        if !written {
            let name = named("partner", Some(id));
            cx.report(
                Rule::PartnerWithoutDrivers,
                p.at(),
                format!("{name} works at collaboration level, but the charter does not say why it is in the partnership"),
            )
            .help(format!("add `{id}: …` under the charter's `drivers`: what this partner needs from the campaign"));
        }
    }
}
