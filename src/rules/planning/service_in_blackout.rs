#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/service-in-blackout.md"))]

use super::activity_in_blackout::{activity_dates, activity_span, windows};
use crate::model::config::BlackoutKind;
use crate::model::plan::ActivityKind;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

/// A `service` activity on any day of a pre-election window: the service
/// may go on, but nothing about it should favour a party or candidate.
pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let windows = windows(&campaign.config.blackouts());
    let pre_election: Vec<_> = windows
        .iter()
        .filter(|w| w.kind == Some(BlackoutKind::PreElection))
        .collect();
    for a in plan.activities() {
        if a.kind() != ActivityKind::Service {
            continue;
        }
        let Some((from, to)) = activity_dates(&a) else {
            continue;
        };
        if let Some(w) = pre_election.iter().find(|w| w.overlaps(from, to)) {
            let name = named("service", a.id.as_ref());
            cx.report(
                Rule::ServiceInBlackout,
                a.at_span(activity_span(&a)),
                format!(
                    "{name} ({from} to {to}) runs during {}: it may go on, but must stay neutral",
                    w.label
                ),
            )
            .related(w.at, "the pre-election window")
            .help(
                "keep the service running but drop new publicity for it, and keep \
                 councillors and candidates out of any photographs or quotes",
            );
        }
    }
}
