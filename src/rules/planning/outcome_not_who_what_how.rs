#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/outcome-not-who-what-how.md"))]

use crate::rule::Rule;
use crate::rules::RuleContext;
use crate::rules::vocabulary::{self, Missing};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let plan = cx.campaign.plan_at();
    let audiences: Vec<&str> = plan
        .iter()
        .flat_map(|p| p.audiences())
        .flat_map(|a| {
            let a = a.value;
            a.id.iter()
                .map(|id| id.as_str())
                .chain(a.description.as_deref())
        })
        .collect();
    for o in plan.iter().flat_map(|p| p.objectives()) {
        let Some(statement) = o.value.statement.as_deref() else {
            continue;
        };
        let missing = vocabulary::who_what_how(statement, &audiences, false);
        if missing.any() {
            let at = o.at_field("statement");
            cx.report(
                Rule::OutcomeNotWhoWhatHow,
                at,
                message("objective", missing),
            )
            .help(HELP);
        }
    }
    for p in cx.campaign.partnership_at() {
        let Some(outcome) = p.value.outcome.as_deref() else {
            continue;
        };
        let measured = !p.value.indicators.is_empty();
        let missing = vocabulary::who_what_how(outcome, &audiences, measured);
        if missing.any() {
            let at = p.at_field("outcome");
            cx.report(
                Rule::OutcomeNotWhoWhatHow,
                at,
                message("partnership outcome", missing),
            )
            .help(HELP);
        }
    }
}

/// "this objective does not say who changes or how": the missing parts.
fn message(what: &str, missing: Missing) -> String {
    let parts: Vec<&str> = [
        (missing.who, "who changes"),
        (missing.what, "what changes"),
        (missing.how, "how the change is measured"),
    ]
    .iter()
    .filter(|(gone, _)| *gone)
    .map(|(_, part)| *part)
    .collect();
    let list = match parts.as_slice() {
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        [] => String::new(),
    };
    format!("this {what} does not say {list}")
}

const HELP: &str = "name the people (an audience, or a word such as residents), the change in what \
     they do, know or feel, and how much: for example \"older residents test their alarms more \
     often: from 31% to 45%\"";
