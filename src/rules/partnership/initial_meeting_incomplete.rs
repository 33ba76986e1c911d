#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/initial-meeting-incomplete.md"))]

use super::initial_meetings;
use crate::model::meeting::Topic;
use crate::rule::Rule;
use crate::rules::RuleContext;

/// The seven topics an initial partnering meeting settles.
pub const INITIAL_TOPICS: [Topic; 7] = [
    Topic::Introductions,
    Topic::Objectives,
    Topic::Timescales,
    Topic::Resources,
    Topic::Evaluation,
    Topic::SignOff,
    Topic::Liaison,
];

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for m in initial_meetings(cx.campaign) {
        let have: Vec<Topic> = m.agenda.iter().filter_map(|a| a.topic).collect();
        let missing: Vec<&str> = INITIAL_TOPICS
            .iter()
            .filter(|t| !have.contains(t))
            .map(|t| t.as_str())
            .collect();
        if !missing.is_empty() {
            let span = m.key_span_of("agenda").unwrap_or_else(|| m.span_of("type"));
            cx.report(
                Rule::InitialMeetingIncomplete,
                m.at_span(span),
                format!("the initial partnering agenda leaves out {}", missing.join(", ")),
            )
            .help("an initial partnering meeting covers introductions, objectives, timescales, resources, evaluation, sign-off and liaison");
        }
    }
}
