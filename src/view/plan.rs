//! The plan part of the view: sections in the framework's order, then
//! what each section holds.

use super::names::Names;
use super::text::date;
use super::{
    ActivityView, AssetView, AudienceView, BrandView, ChannelView, JourneyView, MilestoneView,
    ObjectiveView, PartnerView, PlanView, ProtocolsView, SectionView, TouchpointView,
};
use crate::model::Framework;
use crate::model::plan::{
    Activity, Asset, Audience, JourneyStage, Milestone, Objective, Plan, Strategy,
};

pub fn view(
    p: &Plan,
    framework: Framework,
    names: &Names<'_>,
    partners: &[PartnerView],
) -> PlanView {
    let strategy = p.strategy.as_ref();
    let updates = p.implementation.as_ref().and_then(|i| i.updates.as_ref());
    let scoring = p.scoring();
    let mut plan = PlanView {
        title: p.title.clone(),
        summary: p.summary.clone(),
        sections: sections(framework),
        aim: p.objectives.as_ref().and_then(|o| o.aim.clone()),
        objectives: p
            .objective_items()
            .iter()
            .map(|o| objective(o, names))
            .collect(),
        audiences: p.audiences().iter().map(audience).collect(),
        activities: p.activities().iter().map(|a| activity(a, names)).collect(),
        milestones: milestones(p.milestones()),
        updates: updates
            .and_then(|u| u.cadence)
            .map(|c| c.as_str().to_string()),
        updates_chair: updates.and_then(|u| names.partner(u.chair.as_ref())),
        scoring_approach: scoring.and_then(|s| s.approach.clone()),
        scoring_metrics: scoring
            .map(|s| s.metrics.iter().map(|m| m.to_string()).collect())
            .unwrap_or_default(),
        assets: p.assets.iter().map(|a| asset(a, names)).collect(),
        brand: p.brand.as_ref().map(|b| BrandView {
            logo: b.logo.clone(),
            rules: b.rules.clone(),
        }),
        protocols: p
            .protocols
            .as_ref()
            .map(|r| ProtocolsView {
                media: r.media.clone(),
                local_sign_off: r.local_sign_off.clone(),
                data_sharing: r.data_sharing.clone(),
            })
            .unwrap_or_default(),
        glossary: super::glossary::entries(&p.glossary),
        ..PlanView::default()
    };
    if let Some(s) = strategy {
        add_strategy(&mut plan, s, names, partners);
    }
    plan
}

fn add_strategy(plan: &mut PlanView, s: &Strategy, names: &Names<'_>, partners: &[PartnerView]) {
    plan.proposition = s.proposition.clone();
    plan.messages = s.messages.clone();
    plan.theories = s.theories.clone();
    plan.channels = s
        .channels
        .iter()
        .map(|c| channel(c.as_str(), partners))
        .collect();
    plan.journey = s.journey.iter().map(|j| journey(j, names)).collect();
    plan.pilot = s.pilot.clone();
}

/// The framework's five sections, in its order.
pub fn sections(framework: Framework) -> Vec<SectionView> {
    framework
        .sections()
        .iter()
        .map(|s| SectionView {
            key: s.key(framework).to_string(),
            title: s.title(framework).to_string(),
            letter: s.letter(framework).to_string(),
        })
        .collect()
}

fn objective(o: &Objective, names: &Names<'_>) -> ObjectiveView {
    ObjectiveView {
        id: o.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        level: o.level.map(|l| l.as_str().to_string()),
        statement: o.statement.clone().unwrap_or_default(),
        owner: o.owner.as_ref().map(|i| i.to_string()),
        owner_name: names.partner(o.owner.as_ref()),
        priorities: o
            .priorities
            .iter()
            .map(|p| p.as_str().to_string())
            .collect(),
        metrics: o.metrics.iter().map(|m| m.to_string()).collect(),
        by: date(o.by),
    }
}

fn audience(a: &Audience) -> AudienceView {
    AudienceView {
        id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        description: a.description.clone().unwrap_or_default(),
        insight: a.insight.clone(),
        sources: a.sources.clone(),
        level: a.level.map(|l| l.as_str().to_string()),
    }
}

/// A channel the strategy names: the partner's channel with that id, or
/// just the id when no partner has it.
fn channel(id: &str, partners: &[PartnerView]) -> ChannelView {
    partners
        .iter()
        .flat_map(|p| &p.channels)
        .find(|pc| pc.id.as_deref() == Some(id))
        .cloned()
        .unwrap_or(ChannelView {
            id: Some(id.to_string()),
            name: None,
            kind: None,
            reach: None,
            partner: None,
            partner_name: None,
        })
}

fn journey(j: &JourneyStage, names: &Names<'_>) -> JourneyView {
    JourneyView {
        stage: j.stage.clone(),
        audiences: j.audiences.iter().map(|a| a.to_string()).collect(),
        touchpoints: j
            .touchpoints
            .iter()
            .map(|t| TouchpointView {
                name: t.name.clone(),
                level: t.level.map(|l| l.as_str().to_string()),
                channel: t.channel.as_ref().map(|c| c.to_string()),
                channel_name: names.channel(t.channel.as_ref()),
            })
            .collect(),
        call_to_action: j.call_to_action.clone(),
    }
}

fn activity(a: &Activity, names: &Names<'_>) -> ActivityView {
    ActivityView {
        id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: a.name.clone().unwrap_or_default(),
        owner: a.owner.as_ref().map(|i| i.to_string()),
        owner_name: names.partner(a.owner.as_ref()),
        channel: a.channel.as_ref().map(|i| i.to_string()),
        channel_name: names.channel(a.channel.as_ref()),
        start: date(a.start),
        end: date(a.end),
        budget: a.budget,
    }
}

/// Milestones in date order (undated first), then by id.
fn milestones(list: &[Milestone]) -> Vec<MilestoneView> {
    let mut ms: Vec<MilestoneView> = list
        .iter()
        .map(|m| MilestoneView {
            id: m.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            name: m.name.clone().unwrap_or_default(),
            date: date(m.date),
            kind: m.kind.map(|k| k.as_str().to_string()),
            type_label: m.kind.map(|k| k.label()),
        })
        .collect();
    ms.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    ms
}

fn asset(a: &Asset, names: &Names<'_>) -> AssetView {
    let location = a.location.as_ref().map(|w| w.trim().to_string());
    AssetView {
        id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: a.name.clone().unwrap_or_default(),
        kind: a.kind.map(|k| k.as_str().to_string()),
        kind_label: a.kind.map(|k| k.label()),
        is_link: location.as_deref().is_some_and(is_web_address),
        location,
        owner: a.owner.as_ref().map(|o| o.to_string()),
        owner_name: names.partner(a.owner.as_ref()),
        available: date(a.available),
    }
}

/// Whether `text` is a web address a pack may link to: `https://` or
/// `http://` and no spaces.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && text.len() > "https://".len()
        && !text.chars().any(char::is_whitespace)
}
