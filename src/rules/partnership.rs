//! Partnership rules: named people behind every partner, what each brings
//! and gains, written confirmation, early engagement, a complete initial
//! partnering meeting, co-design at collaboration level, and actions done
//! on time.

use super::{Context, Rule, emit};
use crate::campaign::Campaign;
use crate::diagnostic::{Finding, Level};
use crate::model::meeting::{ActionStatus, MeetingType, Topic};
use crate::model::partners::CollabLevel;
use crate::yaml::Seg::{Index as I, Key as K};

pub const PARTNER_WITHOUT_LEAD: Rule = Rule::PartnerWithoutLead;
pub const PARTNER_WITHOUT_SIGN_OFF: Rule = Rule::PartnerWithoutSignOff;
pub const SINGLE_POINT_OF_CONTACT: Rule = Rule::SinglePointOfContact;
pub const NO_SENIOR_SPONSOR: Rule = Rule::NoSeniorSponsor;
pub const PARTNER_WITHOUT_GAINS: Rule = Rule::PartnerWithoutGains;
pub const PARTNER_OFFERS_NOTHING: Rule = Rule::PartnerOffersNothing;
pub const UNCONFIRMED_PARTNER: Rule = Rule::UnconfirmedPartner;
pub const LATE_ENGAGEMENT: Rule = Rule::LateEngagement;
pub const INITIAL_MEETING_INCOMPLETE: Rule = Rule::InitialMeetingIncomplete;
pub const COLLABORATION_NOT_CO_DESIGNED: Rule = Rule::CollaborationNotCoDesigned;
pub const OVERDUE_ACTION: Rule = Rule::OverdueAction;

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

pub fn check(campaign: &Campaign, ctx: &Context, out: &mut Vec<Finding>) {
    let info = campaign.settings().campaign();
    let launch = info.launch;
    let initial: Vec<_> = campaign
        .meetings()
        .filter(|(_, m)| m.kind == Some(MeetingType::InitialPartnering))
        .collect();

    for (doc, i, p) in campaign.partners() {
        let at = doc.span(&[K("partners"), I(i)]);
        let name =
            p.id.as_ref()
                .map_or("this partner".to_string(), |id| format!("partner `{id}`"));
        let level = p.level;
        let mut push = |rule, message: String, help: &str| {
            out.push(emit(rule, &doc.file, at, message).with_help(help.to_string()));
        };
        if p.lead.is_none() {
            push(
                PARTNER_WITHOUT_LEAD,
                format!("{name} has no project lead"),
                "add `lead: { name: …, role: … }`",
            );
        }
        if p.sign_off.is_none() {
            push(
                PARTNER_WITHOUT_SIGN_OFF,
                format!("{name} has no named sign-off"),
                "add `sign_off: { name: …, role: … }`",
            );
        }
        if p.deputy.is_none() {
            push(
                SINGLE_POINT_OF_CONTACT,
                format!("{name} has only one contact: no deputy"),
                "add `deputy: { name: …, role: … }`",
            );
        }
        if level.is_some_and(|l| l >= CollabLevel::CoOperation) && p.sponsor.is_none() {
            push(
                NO_SENIOR_SPONSOR,
                format!(
                    "{name} works at {} level but has no senior sponsor",
                    level_name(level)
                ),
                "add `sponsor: { name: …, role: … }`",
            );
        }
        if p.gains.is_empty() {
            push(
                PARTNER_WITHOUT_GAINS,
                format!("{name} has no `gains`: what it gets from taking part is not written down"),
                "add `gains:` with what the partner gets out of the campaign",
            );
        }
        if level.is_some_and(|l| l > CollabLevel::InformationSharing) && p.offers.is_empty() {
            push(
                PARTNER_OFFERS_NOTHING,
                format!(
                    "{name} works at {} level but offers nothing",
                    level_name(level)
                ),
                "add `offers:` with what the partner brings (owned-channels, staff, …)",
            );
        }
        if p.confirmed.is_none() {
            let launched = launch.is_some_and(|l| ctx.today >= l);
            let mut f = emit(
                UNCONFIRMED_PARTNER,
                &doc.file,
                at,
                if launched {
                    format!("{name} has not confirmed in writing, and the campaign has launched")
                } else {
                    format!("{name} has not confirmed in writing")
                },
            )
            .with_help("record the date of written confirmation as `confirmed: YYYY-MM-DD`");
            if launched {
                f.level = Level::Error;
            }
            out.push(f);
        }
        if level == Some(CollabLevel::Collaboration)
            && let Some(id) = &p.id
        {
            let attended = initial.iter().any(|(_, m)| {
                m.chair.as_ref() == Some(id)
                    || m.attendees.iter().any(|a| a.partner.as_ref() == Some(id))
            });
            let owns = campaign.plan().is_some_and(|(_, plan)| {
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
                out.push(
                    emit(
                        COLLABORATION_NOT_CO_DESIGNED,
                        &doc.file,
                        doc.span(&[K("partners"), I(i), K("level")]),
                        format!("{name} is at collaboration level but {}", gaps.join(" and ")),
                    )
                    .with_help("involve the partner from the first meeting and give it an objective, or record its real level"),
                );
            }
        }
    }

    let cfg = &campaign.config;
    if initial.is_empty() {
        if !campaign.documents.is_empty() {
            let span = cfg
                .root
                .key_span_at(&[K("campaign")])
                .unwrap_or_else(|| cfg.span(&[]));
            out.push(
                emit(
                    LATE_ENGAGEMENT,
                    &cfg.file,
                    span,
                    "there is no initial partnering meeting",
                )
                .with_help(
                    "add a meeting with `type: initial-partnering`, held well before launch",
                ),
            );
        }
    } else if let Some(launch) = launch {
        let weeks = ctx.engagement_weeks;
        let earliest = initial
            .iter()
            .filter_map(|(d, m)| Some((*d, m.date?)))
            .min_by_key(|(_, date)| *date);
        if let Some((doc, date)) = earliest {
            let gap = launch.0 - date.date().0;
            let days = gap.get_days();
            let needed = i32::try_from(weeks)
                .unwrap_or(i32::MAX / 7)
                .saturating_mul(7);
            if days < needed {
                out.push(
                    emit(
                        LATE_ENGAGEMENT,
                        &doc.file,
                        doc.span(&[K("date")]),
                        describe_gap(days, weeks),
                    )
                    .with_related(&cfg.file, cfg.span(&[K("campaign"), K("launch")]), "launch")
                    .with_help("hold the meeting earlier, or move the launch"),
                );
            }
        }
    }

    for (doc, m) in &initial {
        let have: Vec<Topic> = m.agenda.iter().filter_map(|a| a.topic).collect();
        let missing: Vec<&str> = INITIAL_TOPICS
            .iter()
            .filter(|t| !have.contains(t))
            .map(|t| topic_name(*t))
            .collect();
        if !missing.is_empty() {
            let span = doc
                .root
                .key_span_at(&[K("agenda")])
                .unwrap_or_else(|| doc.span(&[K("type")]));
            out.push(
                emit(
                    INITIAL_MEETING_INCOMPLETE,
                    &doc.file,
                    span,
                    format!("the initial partnering agenda leaves out {}", missing.join(", ")),
                )
                .with_help("an initial partnering meeting covers introductions, objectives, timescales, resources, evaluation, sign-off and liaison"),
            );
        }
    }

    for (doc, m) in campaign.meetings() {
        for (i, a) in m.actions.iter().enumerate() {
            let open = a.status.unwrap_or_default() == ActionStatus::Open;
            if let (true, Some(due)) = (open, a.due)
                && due < ctx.today
            {
                let name =
                    a.id.as_ref()
                        .map_or("this action".into(), |id| format!("action `{id}`"));
                out.push(
                    emit(
                        OVERDUE_ACTION,
                        &doc.file,
                        doc.span(&[K("actions"), I(i), K("due")]),
                        format!("{name} was due on {due} and is still open"),
                    )
                    .with_help(
                        "mark it `status: done` or `status: dropped`, or agree a new `due` date",
                    ),
                );
            }
        }
    }
}

fn level_name(level: Option<CollabLevel>) -> &'static str {
    match level {
        Some(CollabLevel::InformationSharing) => "information-sharing",
        Some(CollabLevel::Participation) => "participation",
        Some(CollabLevel::CoOperation) => "co-operation",
        Some(CollabLevel::Collaboration) => "collaboration",
        None => "an unknown",
    }
}

pub fn topic_name(t: Topic) -> &'static str {
    match t {
        Topic::Introductions => "introductions",
        Topic::Objectives => "objectives",
        Topic::Timescales => "timescales",
        Topic::Resources => "resources",
        Topic::Evaluation => "evaluation",
        Topic::SignOff => "sign-off",
        Topic::Liaison => "liaison",
        Topic::Review => "review",
        Topic::Lessons => "lessons",
        Topic::Thanks => "thanks",
        Topic::Other => "other",
    }
}

fn describe_gap(days: i32, weeks: u32) -> String {
    let gap = if days < 0 {
        return format!(
            "the initial partnering meeting is {} days after launch; partners need it at least {weeks} weeks before",
            -days
        );
    } else if days % 7 == 0 {
        format!("{} weeks", days / 7)
    } else {
        format!("{days} days")
    };
    format!(
        "the initial partnering meeting is only {gap} before launch; partners need at least {weeks} weeks"
    )
}
