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
    // Each statement with where it is, what it is, and whether indicators
    // already measure it.
    let mut statements = Vec::new();
    for o in plan.iter().flat_map(|p| p.objectives()) {
        if let Some(text) = o.value.statement.as_deref() {
            statements.push((o.at_field("statement"), "objective", text, false));
        }
    }
    for p in cx.campaign.partnership_at() {
        if let Some(text) = p.value.outcome.as_deref() {
            let measured = !p.value.indicators.is_empty();
            statements.push((p.at_field("outcome"), "partnership outcome", text, measured));
        }
    }
    for (at, what, text, measured) in statements {
        let missing = vocabulary::who_what_how(text, &audiences, measured);
        if missing.any() {
            cx.report(Rule::OutcomeNotWhoWhatHow, at, message(what, missing))
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
