#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/charter-incomplete.md"))]

use crate::model::charter::Principle;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let Some(charter) = cx.campaign.charter_at() else {
        return;
    };
    for principle in charter.missing_principles() {
        let fields = principle.fields();
        // Point at the first field that is there but empty, or else at
        // the charter's `kind`.
        let span = fields
            .iter()
            .find_map(|f| charter.value_of(f))
            .map_or_else(|| charter.kind_span(), |n| n.span);
        let keys: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        cx.report(
            Rule::CharterIncomplete,
            charter.at_span(span),
            format!(
                "the charter says nothing for the principle \"{}\"",
                principle.title()
            ),
        )
        .help(help(principle, &keys.join(" or ")));
    }
}

fn help(principle: Principle, keys: &str) -> String {
    let what = match principle {
        Principle::ClearPurpose => "why the partners work together",
        Principle::ClearExpectations => "what each partner may expect of the others",
        Principle::OpennessAndSharing => "what the partners share openly",
        Principle::EffectiveLeadership => "each partner's champion",
        Principle::Accountability => "how and where decisions are made",
        Principle::LearningTogether => "how the partners will learn together",
    };
    format!("write {what} under {keys}")
}
