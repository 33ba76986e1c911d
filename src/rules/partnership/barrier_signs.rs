//! Signs in the campaign's own files that one of the known barriers to
//! working together is already there. The risk rules quote them in their
//! help, so a finding about a missing risk, owner or mitigation points at
//! evidence the partners can check for themselves.

use std::collections::BTreeSet;

use crate::campaign::Campaign;
use crate::model::risk::Barrier;

/// A barrier and what in the files shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sign {
    pub barrier: Barrier,
    pub evidence: String,
}

/// Every sign the files show, in a fixed order: senior churn per partner
/// (in file order), then unequal funding.
pub fn signs(campaign: &Campaign) -> Vec<Sign> {
    let mut out = senior_churn(campaign);
    out.extend(unequal_funding(campaign));
    out
}

/// The signs of one barrier, joined into a sentence for a help text.
pub fn evidence_for(campaign: &Campaign, barrier: Barrier) -> Option<String> {
    let found: Vec<String> = signs(campaign)
        .into_iter()
        .filter(|s| s.barrier == barrier)
        .map(|s| s.evidence)
        .collect();
    (!found.is_empty()).then(|| found.join("; "))
}

/// A partner with neither a deputy nor a sponsor hangs on one person: when
/// they move on, nobody inside carries the campaign.
fn senior_churn(campaign: &Campaign) -> Vec<Sign> {
    campaign
        .partners_at()
        .filter(|p| p.deputy.is_none() && p.sponsor.is_none())
        .map(|p| Sign {
            barrier: Barrier::SeniorChurn,
            evidence: format!(
                "{} has no deputy and no senior sponsor, so it rests on one person",
                crate::rules::named("partner", p.id.as_ref())
            ),
        })
        .collect()
}

/// Budgets held by one partner only, when there are several partners: the
/// others put in no money.
fn unequal_funding(campaign: &Campaign) -> Option<Sign> {
    let partners = campaign.partners_at().count();
    let payers: BTreeSet<&str> = campaign
        .plans_at()
        .flat_map(|p| p.value.activities())
        .filter(|a| a.budget.is_some_and(|b| b > 0.0))
        .filter_map(|a| a.owner.as_ref().map(|o| o.as_str()))
        .collect();
    let only = match payers.iter().collect::<Vec<_>>().as_slice() {
        [one] if partners > 1 => **one,
        _ => return None,
    };
    Some(Sign {
        barrier: Barrier::UnequalFunding,
        evidence: format!(
            "every budgeted activity is held by `{only}`, so the other partners put in no money"
        ),
    })
}
