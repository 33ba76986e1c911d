#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/collaboration-not-co-designed.md"))]

use super::initial_meetings;
use crate::model::partners::CollabLevel;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let initial = initial_meetings(campaign);
    for p in campaign.partners_at() {
        if p.level != Some(CollabLevel::Collaboration) {
            continue;
        }
        let Some(id) = &p.id else { continue };
        let attended = initial.iter().any(|m| {
            m.chair.as_ref() == Some(id)
                || m.attendees.iter().any(|a| a.partner.as_ref() == Some(id))
        });
        let owns = campaign.plan_at().is_some_and(|plan| {
            plan.objective_items()
                .iter()
                .any(|o| o.owner.as_ref() == Some(id))
        });
        let mut gaps = Vec::new();
        if !attended {
            gaps.push("was not at the initial partnering meeting");
        }
        if !owns {
            gaps.push("owns no objective");
        }
        if !gaps.is_empty() {
            let name = named("partner", p.id.as_ref());
            cx.report(
                Rule::CollaborationNotCoDesigned,
                p.at_field("level"),
                format!("{name} is at collaboration level but {}", gaps.join(" and ")),
            )
            .help("involve the partner from the first meeting and give it an objective, or record its real level");
        }
    }
}
