#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/no-charter.md"))]

use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    if cx.campaign.incomplete || cx.campaign.charter_at().is_some() {
        return;
    }
    let Some(partner) = cx
        .campaign
        .partners_at()
        .filter(|p| p.level.is_some_and(|l| l >= CollabLevel::CoOperation))
        .max_by_key(|p| p.level)
    else {
        return;
    };
    let level = partner.level.map_or("an unknown", CollabLevel::as_str);
    let name = named("partner", partner.id.as_ref());
    cx.report(
        Rule::NoCharter,
        partner.at_field("level"),
        format!("{name} works at {level} level, but the campaign has no partnership charter"),
    )
    .help("add `charter.yaml` with `kind: charter`: the purpose, expectations, decisions, leadership, sharing and learning the partners agree (`collab init` writes a starting point)");
}
