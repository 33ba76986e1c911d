#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/duplicate-id.md"))]

use super::defined::Defined;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let defined = Defined::collect(cx.campaign);
    for d in &defined.duplicates {
        let (what, id) = (d.what, d.id);
        cx.report(
            Rule::DuplicateId,
            d.at,
            format!("{what} id `{id}` is used twice"),
        )
        .label("second definition")
        .related(d.first, "first defined here")
        .help(format!("give each {what} its own id"));
    }
}
