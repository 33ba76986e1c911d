#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/audience-without-insight.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let Some(plan) = cx.campaign.plan_at() else {
        return;
    };
    for a in plan.audiences() {
        let missing: Vec<&str> = [
            (
                "insight",
                a.insight.as_deref().is_none_or(|s| s.trim().is_empty()),
            ),
            ("sources", a.sources.is_empty()),
        ]
        .into_iter()
        .filter(|(_, gone)| *gone)
        .map(|(k, _)| k)
        .collect();
        if !missing.is_empty() {
            let name = named("audience", a.id.as_ref());
            cx.report(
                Rule::AudienceWithoutInsight,
                a.at(),
                format!("{name} has no {}", missing.join(" and no ")),
            )
            .help("write what you know about this audience that shapes the campaign, and where that comes from");
        }
    }
}
