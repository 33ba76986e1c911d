#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/action-without-due-date.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

use super::open_actions_at;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for a in open_actions_at(cx.campaign) {
        if a.due.is_none() {
            let name = named("action", a.id.as_ref());
            cx.report(
                Rule::ActionWithoutDueDate,
                a.at(),
                format!("{name} is open but has no due date"),
            )
            .help("agree a date with its owner and add `due:` (or `collab action edit ID --due DATE`)");
        }
    }
}
