//! Campaign planning rules: objectives that are outcomes and measurable,
//! national and local objectives where the partners call for them, audience
//! insight, local touchpoints, owned activities, milestones in time,
//! blackout windows, an update rhythm and meeting times that exist.

pub mod activity_in_blackout;
pub mod activity_without_owner;
pub mod audience_without_insight;
pub mod journey_without_local_touchpoint;
pub mod milestone_after_launch;
pub mod missing_local_objectives;
pub mod missing_national_objectives;
pub mod no_update_rhythm;
pub mod nonexistent_local_time;
pub mod objective_not_measurable;
pub mod objective_not_outcome;
pub mod outcome_not_who_what_how;
pub mod service_in_blackout;
pub mod unexplained_acronym;
pub mod unknown_region;

use crate::campaign::{At, Campaign, Located};
use crate::model::partners::Sector;
use crate::model::plan::Plan;

/// Whether a local partner (council, police, fire, NHS, voluntary) takes part.
fn has_local_partner(campaign: &Campaign) -> bool {
    campaign
        .partners_at()
        .any(|p| p.sector.is_some_and(Sector::is_local))
}

/// Where a finding about the objectives as a whole points: the
/// `objectives` key, or the plan's `kind`.
fn objectives_anchor<'a>(plan: &Located<'a, Plan>) -> At<'a> {
    plan.at_span(
        plan.key_span_of("objectives")
            .unwrap_or_else(|| plan.kind_span()),
    )
}
