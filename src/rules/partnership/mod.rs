//! Partnership rules: named people behind every partner, what each brings
//! and gains, written confirmation, early engagement, a complete initial
//! partnering meeting, co-design and a sign-off route for local versions
//! at collaboration level, risks with owners and mitigations, actions
//! done on time, and a partnership charter that covers the six
//! partnership principles.

pub mod action_without_due_date;
pub mod action_without_owner;
pub mod barrier_signs;
pub mod charter_incomplete;
pub mod collaboration_not_co_designed;
pub mod initial_meeting_incomplete;
pub mod late_engagement;
pub mod no_charter;
pub mod no_risks_recorded;
pub mod no_senior_sponsor;
pub mod no_sign_off_route;
pub mod overdue_action;
pub mod partner_offers_nothing;
pub mod partner_without_drivers;
pub mod partner_without_gains;
pub mod partner_without_lead;
pub mod partner_without_sign_off;
pub mod risk_without_mitigation;
pub mod risk_without_owner;
pub mod single_point_of_contact;
pub mod unconfirmed_partner;

pub use initial_meeting_incomplete::INITIAL_TOPICS;

use crate::campaign::{Campaign, Located};
use crate::model::meeting::{Action, ActionStatus, Meeting, MeetingType};

/// The initial partnering meetings, in document order.
fn initial_meetings(campaign: &Campaign) -> Vec<Located<'_, Meeting>> {
    campaign
        .meetings_at()
        .filter(|m| m.kind == Some(MeetingType::InitialPartnering))
        .collect()
}

/// The open actions (no `status`, or `status: open`) of every meeting, in
/// document order, each with its own node.
fn open_actions_at(campaign: &Campaign) -> Vec<Located<'_, Action>> {
    campaign
        .meetings_at()
        .flat_map(|m| m.items("actions", &m.value.actions))
        .filter(|a| a.status.unwrap_or_default() == ActionStatus::Open)
        .collect()
}
