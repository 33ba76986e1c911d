#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/multiple-charters.md"))]

use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let mut charters = cx.campaign.charters_at();
    let Some(first) = charters.next() else {
        return;
    };
    for extra in charters {
        cx.report(
            Rule::MultipleCharters,
            extra.at_span(extra.kind_span()),
            "this campaign already has a charter",
        )
        .related(first.at_span(first.kind_span()), "the first charter")
        .help(
            "keep one charter per campaign: the partners agree one set of terms, so merge the two",
        );
    }
}
