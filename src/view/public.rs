//! The public view: what the partner pack may show. The partner pack is
//! made to be passed on and published, so its templates (the built-in ones
//! and a campaign's own) see this view, never the campaign view.
//!
//! It is an allow-list: each type here is built from the campaign view by
//! copying, one by one, the fields a reader outside the joint team may
//! see. A field added to the campaign view stays out of the partner pack
//! until someone adds it here on purpose. Left out on purpose: e-mail
//! addresses and phone numbers, budgets, every kind of note, metrics and
//! their figures, meetings and actions, the route map, and milestones of
//! the internal kinds (approvals and submissions). The one e-mail address
//! kept is the campaign's shared mailbox (`[campaign] contact`); assets,
//! brand rules and protocols are there for partners to act on.
//!
//! Field names are the same as in the campaign view, so a template written
//! for one reads the other.

use serde::Serialize;

use super::gantt::Gantt;

use super::{
    ActivityView, AssetView, AudienceView, BlackoutView, BrandView, CampaignView, ChannelView,
    ContactView, JourneyView, MilestoneView, ObjectiveView, PartnerView, PlanView, ProtocolsView,
    SectionView, Summary, TouchpointView,
};

/// Everything the partner pack sees.
#[derive(Debug, Clone, Serialize)]
pub struct PublicView {
    pub today: String,
    pub campaign: PublicCampaign,
    pub plan: PublicPlan,
    pub partners: Vec<PublicPartner>,
    /// Quiet periods, when no campaign content goes out.
    pub blackouts: Vec<PublicBlackout>,
    /// The timeline chart without meetings or internal milestones.
    pub gantt: Gantt,
}

impl PublicView {
    /// The public part of `view`.
    pub fn new(view: &CampaignView) -> PublicView {
        PublicView {
            today: view.today.clone(),
            campaign: PublicCampaign::new(&view.campaign),
            plan: PublicPlan::new(&view.plan),
            partners: view.partners.iter().map(PublicPartner::new).collect(),
            blackouts: view.blackouts.iter().map(PublicBlackout::new).collect(),
            gantt: view.gantt.public(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicCampaign {
    pub id: String,
    pub name: String,
    pub framework: String,
    pub framework_label: String,
    pub classification: String,
    pub lead: Option<String>,
    pub lead_name: Option<String>,
    pub start: Option<String>,
    pub launch: Option<String>,
    pub end: Option<String>,
    pub timezone: String,
    pub priorities: Vec<String>,
    pub regions: Vec<String>,
    /// The shared mailbox: the one e-mail address a public pack shows.
    pub contact: Option<String>,
}

impl PublicCampaign {
    fn new(c: &Summary) -> PublicCampaign {
        PublicCampaign {
            id: c.id.clone(),
            name: c.name.clone(),
            framework: c.framework.clone(),
            framework_label: c.framework_label.clone(),
            classification: c.classification.clone(),
            lead: c.lead.clone(),
            lead_name: c.lead_name.clone(),
            start: c.start.clone(),
            launch: c.launch.clone(),
            end: c.end.clone(),
            timezone: c.timezone.clone(),
            priorities: c.priorities.clone(),
            regions: c.regions.clone(),
            contact: c.contact.clone(),
        }
    }
}

/// The plan as partners read it: what the campaign says, to whom, where
/// and when. No research sources, budgets or scoring.
#[derive(Debug, Clone, Serialize)]
pub struct PublicPlan {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub sections: Vec<PublicSection>,
    pub aim: Option<String>,
    pub objectives: Vec<PublicObjective>,
    pub audiences: Vec<PublicAudience>,
    pub proposition: Option<String>,
    pub messages: Vec<String>,
    pub channels: Vec<PublicChannel>,
    pub journey: Vec<PublicJourney>,
    pub activities: Vec<PublicActivity>,
    /// Milestones of the public kinds only.
    pub milestones: Vec<PublicMilestone>,
    pub assets: Vec<PublicAsset>,
    pub brand: Option<PublicBrand>,
    pub protocols: PublicProtocols,
    /// Acronyms and what they stand for: partners pass the pack on.
    pub glossary: Vec<super::glossary::GlossaryEntry>,
}

impl PublicPlan {
    fn new(p: &PlanView) -> PublicPlan {
        PublicPlan {
            title: p.title.clone(),
            summary: p.summary.clone(),
            sections: p.sections.iter().map(PublicSection::new).collect(),
            aim: p.aim.clone(),
            objectives: p.objectives.iter().map(PublicObjective::new).collect(),
            audiences: p.audiences.iter().map(PublicAudience::new).collect(),
            proposition: p.proposition.clone(),
            messages: p.messages.clone(),
            channels: p.channels.iter().map(PublicChannel::new).collect(),
            journey: p.journey.iter().map(PublicJourney::new).collect(),
            activities: p.activities.iter().map(PublicActivity::new).collect(),
            milestones: p
                .milestones
                .iter()
                .filter(|m| is_public_milestone(m.kind.as_deref()))
                .map(PublicMilestone::new)
                .collect(),
            assets: p.assets.iter().map(PublicAsset::new).collect(),
            brand: p.brand.as_ref().map(PublicBrand::new),
            protocols: PublicProtocols::new(&p.protocols),
            glossary: p.glossary.clone(),
        }
    }
}

/// A material partners can use, and where to get it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAsset {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    #[serde(rename = "where")]
    pub location: Option<String>,
    pub is_link: bool,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub available: Option<String>,
}

impl PublicAsset {
    fn new(a: &AssetView) -> PublicAsset {
        PublicAsset {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            kind_label: a.kind_label.clone(),
            location: a.location.clone(),
            is_link: a.is_link,
            owner: a.owner.clone(),
            owner_name: a.owner_name.clone(),
            available: a.available.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicBrand {
    pub logo: Option<String>,
    pub rules: Vec<String>,
}

impl PublicBrand {
    fn new(b: &BrandView) -> PublicBrand {
        PublicBrand {
            logo: b.logo.clone(),
            rules: b.rules.clone(),
        }
    }
}

/// How the partnership handles the media, local sign-off and data.
#[derive(Debug, Clone, Serialize)]
pub struct PublicProtocols {
    pub media: Option<String>,
    pub local_sign_off: Option<String>,
    pub data_sharing: Option<String>,
}

impl PublicProtocols {
    fn new(p: &ProtocolsView) -> PublicProtocols {
        PublicProtocols {
            media: p.media.clone(),
            local_sign_off: p.local_sign_off.clone(),
            data_sharing: p.data_sharing.clone(),
        }
    }
}

/// Launches, reviews, the end and other milestones are public; approvals
/// and submissions are the joint team's business.
pub(super) fn is_public_milestone(kind: Option<&str>) -> bool {
    matches!(kind, None | Some("launch" | "review" | "end" | "other"))
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicSection {
    pub key: String,
    pub title: String,
    pub letter: String,
}

impl PublicSection {
    fn new(s: &SectionView) -> PublicSection {
        PublicSection {
            key: s.key.clone(),
            title: s.title.clone(),
            letter: s.letter.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicObjective {
    pub id: String,
    pub level: Option<String>,
    pub statement: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub priorities: Vec<String>,
    pub by: Option<String>,
}

impl PublicObjective {
    fn new(o: &ObjectiveView) -> PublicObjective {
        PublicObjective {
            id: o.id.clone(),
            level: o.level.clone(),
            statement: o.statement.clone(),
            owner: o.owner.clone(),
            owner_name: o.owner_name.clone(),
            priorities: o.priorities.clone(),
            by: o.by.clone(),
        }
    }
}

/// Who the campaign is for; the insight and its sources stay internal.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAudience {
    pub id: String,
    pub description: String,
    pub level: Option<String>,
}

impl PublicAudience {
    fn new(a: &AudienceView) -> PublicAudience {
        PublicAudience {
            id: a.id.clone(),
            description: a.description.clone(),
            level: a.level.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicChannel {
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub partner: Option<String>,
    pub partner_name: Option<String>,
}

impl PublicChannel {
    fn new(c: &ChannelView) -> PublicChannel {
        PublicChannel {
            id: c.id.clone(),
            name: c.name.clone(),
            kind: c.kind.clone(),
            partner: c.partner.clone(),
            partner_name: c.partner_name.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicJourney {
    pub stage: Option<String>,
    pub audiences: Vec<String>,
    pub touchpoints: Vec<PublicTouchpoint>,
    pub call_to_action: Option<String>,
}

impl PublicJourney {
    fn new(j: &JourneyView) -> PublicJourney {
        PublicJourney {
            stage: j.stage.clone(),
            audiences: j.audiences.clone(),
            touchpoints: j.touchpoints.iter().map(PublicTouchpoint::new).collect(),
            call_to_action: j.call_to_action.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicTouchpoint {
    pub name: Option<String>,
    pub level: Option<String>,
    pub channel: Option<String>,
    pub channel_name: Option<String>,
}

impl PublicTouchpoint {
    fn new(t: &TouchpointView) -> PublicTouchpoint {
        PublicTouchpoint {
            name: t.name.clone(),
            level: t.level.clone(),
            channel: t.channel.clone(),
            channel_name: t.channel_name.clone(),
        }
    }
}

/// An activity, without its budget.
#[derive(Debug, Clone, Serialize)]
pub struct PublicActivity {
    pub id: String,
    pub name: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub channel: Option<String>,
    pub channel_name: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl PublicActivity {
    fn new(a: &ActivityView) -> PublicActivity {
        PublicActivity {
            id: a.id.clone(),
            name: a.name.clone(),
            owner: a.owner.clone(),
            owner_name: a.owner_name.clone(),
            channel: a.channel.clone(),
            channel_name: a.channel_name.clone(),
            start: a.start.clone(),
            end: a.end.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicMilestone {
    pub id: String,
    pub name: String,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub type_label: Option<String>,
}

impl PublicMilestone {
    fn new(m: &MilestoneView) -> PublicMilestone {
        PublicMilestone {
            id: m.id.clone(),
            name: m.name.clone(),
            date: m.date.clone(),
            kind: m.kind.clone(),
            type_label: m.type_label.clone(),
        }
    }
}

/// A partner organisation: who it is, how it takes part and what it
/// brings. What it hopes to gain, its tags and its notes stay internal.
#[derive(Debug, Clone, Serialize)]
pub struct PublicPartner {
    pub id: String,
    pub name: String,
    pub sector: Option<String>,
    pub sector_label: Option<String>,
    pub level: Option<String>,
    pub level_label: Option<String>,
    pub level_description: Option<String>,
    pub form: Option<String>,
    pub regions: Vec<String>,
    pub lead: Option<PublicContact>,
    pub deputy: Option<PublicContact>,
    pub sign_off: Option<PublicContact>,
    pub sponsor: Option<PublicContact>,
    pub offers: Vec<String>,
    pub offer_labels: Vec<String>,
    pub channels: Vec<PublicChannel>,
}

impl PublicPartner {
    fn new(p: &PartnerView) -> PublicPartner {
        let contact = |c: &Option<ContactView>| c.as_ref().map(PublicContact::new);
        PublicPartner {
            id: p.id.clone(),
            name: p.name.clone(),
            sector: p.sector.clone(),
            sector_label: p.sector_label.clone(),
            level: p.level.clone(),
            level_label: p.level_label.clone(),
            level_description: p.level_description.clone(),
            form: p.form.clone(),
            regions: p.regions.clone(),
            lead: contact(&p.lead),
            deputy: contact(&p.deputy),
            sign_off: contact(&p.sign_off),
            sponsor: contact(&p.sponsor),
            offers: p.offers.clone(),
            offer_labels: p.offer_labels.clone(),
            channels: p.channels.iter().map(PublicChannel::new).collect(),
        }
    }
}

/// A named contact: name and role, never an e-mail address or phone.
#[derive(Debug, Clone, Serialize)]
pub struct PublicContact {
    pub name: Option<String>,
    pub role: Option<String>,
}

impl PublicContact {
    fn new(c: &ContactView) -> PublicContact {
        PublicContact {
            name: c.name.clone(),
            role: c.role.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicBlackout {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl PublicBlackout {
    fn new(b: &BlackoutView) -> PublicBlackout {
        PublicBlackout {
            name: b.name.clone(),
            kind: b.kind.clone(),
            start: b.start.clone(),
            end: b.end.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_milestone_kinds_are_kept() {
        for kind in [
            None,
            Some("launch"),
            Some("review"),
            Some("end"),
            Some("other"),
        ] {
            assert!(is_public_milestone(kind), "{kind:?}");
        }
        for kind in [
            "budget-approval",
            "ministerial-submission",
            "chief-exec-submission",
        ] {
            assert!(!is_public_milestone(Some(kind)), "{kind}");
        }
    }
}
