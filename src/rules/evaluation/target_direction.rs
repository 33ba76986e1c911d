#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/target-direction.md"))]

use crate::model::evaluation::Direction;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for m in cx.campaign.metrics_at() {
        let (Some(dir), Some(base), Some(target)) = (m.direction, m.baseline, m.target) else {
            continue;
        };
        let (wrong, word) = match dir {
            Direction::Increase => (target < base, "increase"),
            Direction::Decrease => (target > base, "decrease"),
        };
        if wrong {
            let name = named("metric", m.id.as_ref());
            cx.report(
                Rule::TargetDirection,
                m.at_field("target"),
                format!("{name} should {word}, but its target ({target}) is on the wrong side of its baseline ({base})"),
            )
            .related(m.at_field("baseline"), "baseline")
            .help("correct the numbers, or the `direction`");
        }
    }
}
