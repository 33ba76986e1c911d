#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/date-order.md"))]

//!
//! The campaign's own dates and the blackout windows are checked while
//! loading `collab.toml` (see [`super::config`]); the activities here.

use crate::campaign::Located;
use crate::model::Date;
use crate::model::plan::Activity;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for plan in cx.campaign.plans_at() {
        for a in plan.activities() {
            activity(cx, &a);
        }
    }
}

fn activity(cx: &mut RuleContext<'_>, a: &Located<'_, Activity>) {
    let info = cx.campaign.config.info();
    let name = named("activity", a.id.as_ref());
    if let (Some(start), Some(end)) = (a.start, a.end)
        && end < start
    {
        cx.report(
            Rule::DateOrder,
            a.at_field("end"),
            format!("{name} ends ({end}) before it starts ({start})"),
        )
        .related(a.at_field("start"), "starts here");
        return;
    }
    let first: Option<(Date, &str)> = a.start.map(|d| (d, "start")).or(a.end.map(|d| (d, "end")));
    let last: Option<(Date, &str)> = a.end.map(|d| (d, "end")).or(a.start.map(|d| (d, "start")));
    if let (Some((first, key)), Some(begin)) = (first, info.start)
        && first < begin
    {
        cx.report(
            Rule::DateOrder,
            a.at_field(key),
            format!("{name} starts on {first}, before the campaign starts ({begin})"),
        )
        .related(info.at_field("start"), "the campaign starts here")
        .help("move the activity, or the campaign's start in collab.toml");
    }
    if let (Some((last, key)), Some(finish)) = (last, info.end)
        && last > finish
    {
        cx.report(
            Rule::DateOrder,
            a.at_field(key),
            format!("{name} runs to {last}, after the campaign ends ({finish})"),
        )
        .related(info.at_field("end"), "the campaign ends here")
        .help("move the activity, or the campaign's end in collab.toml");
    }
}
