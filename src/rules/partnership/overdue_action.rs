#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/overdue-action.md"))]

use crate::model::meeting::ActionStatus;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let today = cx.today();
    for meeting in cx.campaign.meetings_at() {
        for a in meeting.items("actions", &meeting.value.actions) {
            let open = a.status.unwrap_or_default() == ActionStatus::Open;
            if let (true, Some(due)) = (open, a.due)
                && due < today
            {
                let name = named("action", a.id.as_ref());
                cx.report(
                    Rule::OverdueAction,
                    a.at_field("due"),
                    format!("{name} was due on {due} and is still open"),
                )
                .help("mark it `status: done` or `status: dropped`, or agree a new `due` date");
            }
        }
    }
}
