//! The ids a campaign defines, by kind, with where each is first defined:
//! what `duplicate-id` and `unknown-reference` both read.

use std::collections::BTreeMap;

use crate::campaign::{At, Campaign, Fields, Located};
use crate::model::Id;

/// Ids of one kind, first definition kept.
pub type Ids<'a> = BTreeMap<&'a str, At<'a>>;

/// A second definition of an id.
pub struct Duplicate<'a> {
    pub what: &'static str,
    pub id: &'a str,
    pub at: At<'a>,
    pub first: At<'a>,
}

/// Ids defined in a campaign, by kind, and the ones defined twice.
#[derive(Default)]
pub struct Defined<'a> {
    pub partners: Ids<'a>,
    pub channels: Ids<'a>,
    pub objectives: Ids<'a>,
    pub audiences: Ids<'a>,
    pub activities: Ids<'a>,
    pub milestones: Ids<'a>,
    pub metrics: Ids<'a>,
    pub meetings: Ids<'a>,
    pub actions: Ids<'a>,
    pub risks: Ids<'a>,
    pub duplicates: Vec<Duplicate<'a>>,
}

/// Something with an optional id.
pub trait HasId {
    fn id(&self) -> Option<&Id>;
}

macro_rules! has_id {
    ($($ty:ty),*) => {
        $(impl HasId for $ty {
            fn id(&self) -> Option<&Id> {
                self.id.as_ref()
            }
        })*
    };
}

use crate::model::evaluation::Metric;
use crate::model::meeting::{Action, Meeting};
use crate::model::partners::{Channel, Partner};
use crate::model::plan::{Activity, Audience, Milestone, Objective};
use crate::model::risk::Risk;

has_id!(
    Partner, Channel, Objective, Audience, Activity, Milestone, Metric, Meeting, Action, Risk
);

impl<'a> Defined<'a> {
    pub fn collect(campaign: &'a Campaign) -> Self {
        let mut d = Defined::default();
        let dups = &mut d.duplicates;
        for p in campaign.partners_at() {
            define(&mut d.partners, dups, "partner", &p);
            for ch in p.items("channels", &p.value.channels) {
                define(&mut d.channels, dups, "channel", &ch);
            }
        }
        for plan in campaign.plans_at() {
            for o in plan.objectives() {
                define(&mut d.objectives, dups, "objective", &o);
            }
            for a in plan.audiences() {
                define(&mut d.audiences, dups, "audience", &a);
            }
            for a in plan.activities() {
                define(&mut d.activities, dups, "activity", &a);
            }
            for m in plan.milestones() {
                define(&mut d.milestones, dups, "milestone", &m);
            }
        }
        for (_, r) in campaign.risks() {
            define(&mut d.risks, dups, "risk", &r);
        }
        for m in campaign.metrics_at() {
            define(&mut d.metrics, dups, "metric", &m);
        }
        for m in campaign.meetings_at() {
            define(&mut d.meetings, dups, "meeting", &m);
            for a in m.items("actions", &m.value.actions) {
                define(&mut d.actions, dups, "action", &a);
            }
        }
        d
    }
}

/// Add `item`'s id to `set`, or note it as a duplicate.
fn define<'a, T: HasId + Fields>(
    set: &mut Ids<'a>,
    duplicates: &mut Vec<Duplicate<'a>>,
    what: &'static str,
    item: &Located<'a, T>,
) {
    let Some(id) = item.value.id() else {
        return;
    };
    let at = item.at_field("id");
    match set.get(id.as_str()) {
        Some(first) => duplicates.push(Duplicate {
            what,
            id: id.as_str(),
            at,
            first: *first,
        }),
        None => {
            set.insert(id.as_str(), at);
        }
    }
}
