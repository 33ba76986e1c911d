#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/activity-without-owner.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let Some(plan) = cx.campaign.plan_at() else {
        return;
    };
    for a in plan.activities() {
        if a.owner.is_none() {
            let name = named("activity", a.id.as_ref());
            cx.report(
                Rule::ActivityWithoutOwner,
                a.at(),
                format!("{name} has no owner"),
            )
            .help("add `owner:` with the id of the partner who delivers it");
        }
    }
}
