#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/action-without-owner.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

use super::open_actions_at;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for a in open_actions_at(cx.campaign) {
        if a.owner.is_none() {
            let name = named("action", a.id.as_ref());
            cx.report(
                Rule::ActionWithoutOwner,
                a.at(),
                format!("{name} is open but has no owner"),
            )
            .help("name the partner who will do it with `owner:` (or `collab action edit ID --owner PARTNER`)");
        }
    }
}
