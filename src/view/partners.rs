//! The campaign summary and the partners, each with what it brings.

use super::names::Names;
use super::text::date;
use super::{ChannelView, ContactView, PartnerView, Summary};
use crate::campaign::Campaign;
use crate::model::partners::{Channel, Partner, Sector};
use crate::model::region::Regions;
use crate::model::{Contact, Framework};

/// The `campaign` part of the view: collab.toml's `[campaign]` table.
pub fn summary(campaign: &Campaign, framework: Framework, names: &Names<'_>) -> Summary {
    let info = campaign.settings().campaign();
    Summary {
        id: info.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: info.name.clone().unwrap_or_default(),
        framework: framework.as_str().to_string(),
        framework_label: framework.label().to_string(),
        classification: info.classification().as_str().to_string(),
        lead: info.lead.as_ref().map(|l| l.to_string()),
        lead_name: names.partner(info.lead.as_ref()),
        start: date(info.start),
        launch: date(info.launch),
        end: date(info.end),
        timezone: info.timezone().to_string(),
        priorities: info.priorities.iter().map(|p| p.as_str().into()).collect(),
        regions: declared(campaign).shown(&info.regions),
        contact: info.contact.as_ref().map(|c| c.0.clone()),
    }
}

/// Every partner, in the order the partner files list them.
pub fn views(campaign: &Campaign) -> Vec<PartnerView> {
    let regions = declared(campaign);
    campaign
        .partners()
        .map(|(_, _, p)| view(p, &regions))
        .collect()
}

/// The places the campaign declares in `[[region]]`, beside the built-in ones.
fn declared(campaign: &Campaign) -> Regions {
    Regions::declare(&campaign.settings().region).0
}

fn view(p: &Partner, regions: &Regions) -> PartnerView {
    PartnerView {
        id: p.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: p.name.clone().unwrap_or_default(),
        sector: p.sector.map(|s| s.as_str().to_string()),
        sector_label: p.sector.map(Sector::label),
        level: p.level.map(|l| l.as_str().to_string()),
        level_label: p.level.map(|l| l.label()),
        level_description: p.level.map(|l| l.description().to_string()),
        form: p.form.map(|f| f.as_str().to_string()),
        regions: regions.shown(&p.regions),
        lead: contact(p.lead.as_ref()),
        deputy: contact(p.deputy.as_ref()),
        sign_off: contact(p.sign_off.as_ref()),
        sponsor: contact(p.sponsor.as_ref()),
        confirmed: date(p.confirmed),
        offers: p.offers.iter().map(|o| o.as_str().to_string()).collect(),
        offer_labels: p.offers.iter().map(|o| o.label()).collect(),
        gains: p.gains.clone(),
        channels: p.channels.iter().map(|c| channel(p, c)).collect(),
        tags: p.tags.clone(),
        notes: p.notes.clone(),
    }
}

fn channel(p: &Partner, c: &Channel) -> ChannelView {
    ChannelView {
        id: c.id.as_ref().map(|i| i.to_string()),
        name: c.name.clone(),
        kind: c.kind.map(|k| k.as_str().to_string()),
        reach: c.reach,
        partner: p.id.as_ref().map(|i| i.to_string()),
        partner_name: p.name.clone(),
    }
}

fn contact(c: Option<&Contact>) -> Option<ContactView> {
    c.map(|c| ContactView {
        name: c.name.clone(),
        role: c.role.clone(),
        email: c.email.as_ref().map(|e| e.0.clone()),
        phone: c.phone.clone(),
    })
}
