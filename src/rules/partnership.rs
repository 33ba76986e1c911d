//! Partnership rules: named people behind every partner, what each brings
//! and gains, written confirmation, early engagement, a complete initial
//! partnering meeting, co-design at collaboration level, and actions done
//! on time.

use super::{Context, Family, Rule, emit, rule};
use crate::campaign::Campaign;
use crate::diagnostic::{Finding, Level};
use crate::model::config::RuleLevel;
use crate::model::meeting::{ActionStatus, MeetingType, Topic};
use crate::model::partners::CollabLevel;
use crate::yaml::Seg::{Index as I, Key as K};

pub const PARTNER_WITHOUT_LEAD: &str = "partner-without-lead";
pub const PARTNER_WITHOUT_SIGN_OFF: &str = "partner-without-sign-off";
pub const SINGLE_POINT_OF_CONTACT: &str = "single-point-of-contact";
pub const NO_SENIOR_SPONSOR: &str = "no-senior-sponsor";
pub const PARTNER_WITHOUT_GAINS: &str = "partner-without-gains";
pub const PARTNER_OFFERS_NOTHING: &str = "partner-offers-nothing";
pub const UNCONFIRMED_PARTNER: &str = "unconfirmed-partner";
pub const LATE_ENGAGEMENT: &str = "late-engagement";
pub const INITIAL_MEETING_INCOMPLETE: &str = "initial-meeting-incomplete";
pub const COLLABORATION_NOT_CO_DESIGNED: &str = "collaboration-not-co-designed";
pub const OVERDUE_ACTION: &str = "overdue-action";

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

pub const RULES: &[Rule] = &[
    rule(
        Family::Partnership,
        PARTNER_WITHOUT_LEAD,
        RuleLevel::Deny,
        "a partner with no project lead",
        "Reports a partner with no `lead` contact (an error by default).\n\n\
Why: a partner is only as reachable as the person who answers for it. Without a named project \
lead nobody knows who to brief, who to chase for an action, or who to thank.\n\n\
Fix: name the partner's project lead.\n\n\
Bad:\n\n    - id: lfrs\n      name: Lancashire Fire and Rescue Service\n\n\
Good:\n\n    - id: lfrs\n      name: Lancashire Fire and Rescue Service\n      lead: { name: \
Priya Shah, role: Head of communications }\n",
    ),
    rule(
        Family::Partnership,
        PARTNER_WITHOUT_SIGN_OFF,
        RuleLevel::Warn,
        "a partner with no named sign-off",
        "Warns when a partner has no `sign_off` contact.\n\n\
Why: joint content has to clear every partner's approval route. Knowing who signs off, and \
agreeing it at the first meeting, is what stops launch slipping while a draft waits in an \
unknown inbox.\n\n\
Fix: name who signs off the partner's part.\n\n\
Good:\n\n    sign_off: { name: Director of Communications, role: Director }\n",
    ),
    rule(
        Family::Partnership,
        SINGLE_POINT_OF_CONTACT,
        RuleLevel::Warn,
        "a partner with no deputy: the link breaks when one person moves on",
        "Warns when a partner has no `deputy`.\n\n\
Why: campaigns run for months and people go on leave, change jobs or get pulled onto other \
work. With a single contact the relationship, and everything agreed through it, goes with them.\n\n\
Fix: name a deputy and copy them into the catch-ups.\n\n\
Good:\n\n    deputy: { name: Jo Reid, role: Senior campaign officer }\n",
    ),
    rule(
        Family::Partnership,
        NO_SENIOR_SPONSOR,
        RuleLevel::Warn,
        "a partner at `co-operation` or `collaboration` with no sponsor",
        "Warns when a partner working at `co-operation` or `collaboration` level has no \
`sponsor`.\n\n\
Why: at these levels the partner commits staff, money or channels. That commitment needs a \
senior backer who makes sure the intention to collaborate is known across the organisation, not \
only in its communications team.\n\n\
Fix: name the senior sponsor.\n\n\
Good:\n\n    sponsor: { name: Deputy Chief Fire Officer, role: Senior sponsor }\n",
    ),
    rule(
        Family::Partnership,
        PARTNER_WITHOUT_GAINS,
        RuleLevel::Warn,
        "a partner whose benefit from taking part is not written down",
        "Warns when a partner has no `gains`.\n\n\
Why: collaboration works where it is mutually beneficial. Writing down what each partner gets \
(insight, reach, materials, a link to national messaging) is how you check the deal is fair and \
how you keep partners engaged when their own priorities compete.\n\n\
Fix: write what the partner gains, in its own words.\n\n\
Good:\n\n    gains: [\"National campaign assets and insight for our winter safety push\"]\n",
    ),
    rule(
        Family::Partnership,
        PARTNER_OFFERS_NOTHING,
        RuleLevel::Warn,
        "a partner above `information-sharing` that offers nothing",
        "Warns when a partner at `participation` level or above lists no `offers`.\n\n\
Why: working out early what each partner can contribute decides the right level of partnering. \
A partner that takes part but offers nothing on paper leaves the joint team guessing which \
channels, staff or assets it can count on.\n\n\
Fix: list what the partner brings.\n\n\
Good:\n\n    offers: [owned-channels, local-pilots, case-studies]\n",
    ),
    rule(
        Family::Partnership,
        UNCONFIRMED_PARTNER,
        RuleLevel::Warn,
        "a partner with no written confirmation; an error from launch day on",
        "Warns when a partner has no `confirmed` date, and reports an error once the launch date \
(from collab.toml, compared with `--today`) has been reached.\n\n\
Why: a verbal yes is not a commitment. Written confirmation is what makes the partner's \
organisation, not just its communications officer, stand behind the campaign; launching with \
unconfirmed partners risks channels and assets that never arrive.\n\n\
Fix: get written confirmation and record its date.\n\n\
Good:\n\n    confirmed: 2026-09-30\n",
    ),
    rule(
        Family::Partnership,
        LATE_ENGAGEMENT,
        RuleLevel::Warn,
        "no initial partnering meeting, or one held less than `engagement_weeks` before launch",
        "Warns when there is no `initial-partnering` meeting, or when it is held less than \
`[lint.options] engagement_weeks` (8 by default) before launch.\n\n\
Why: partners, especially local ones, build campaigns into plans made months ahead. Approached \
late they can only join at the lightest level, if at all, and co-design is impossible.\n\n\
Fix: hold the initial partnering meeting earlier, or move the launch.\n\n\
Bad (launch 2026-12-01):\n\n    date: 2026-11-20T10:00\n\n\
Good:\n\n    date: 2026-09-08T10:00\n",
    ),
    rule(
        Family::Partnership,
        INITIAL_MEETING_INCOMPLETE,
        RuleLevel::Warn,
        "an initial partnering meeting whose agenda leaves out any of the seven topics",
        "Warns when an `initial-partnering` meeting's agenda leaves out any of: introductions, \
objectives, timescales, resources, evaluation, sign-off, liaison.\n\n\
Why: the first meeting is where every issue must be settled: who is who, shared objectives, \
dates, what each brings, how success is measured, approval routes and how partners keep in \
touch. A topic left out comes back later as a dispute.\n\n\
Fix: add the missing topics to the agenda.\n\n\
Good:\n\n    agenda:\n      - { topic: introductions, minutes: 20 }\n      - { topic: objectives, \
minutes: 20 }\n      - { topic: timescales, minutes: 15 }\n      - { topic: resources, minutes: \
20 }\n      - { topic: evaluation, minutes: 15 }\n      - { topic: sign-off, minutes: 15 }\n      \
- { topic: liaison, minutes: 15 }\n",
    ),
    rule(
        Family::Partnership,
        COLLABORATION_NOT_CO_DESIGNED,
        RuleLevel::Warn,
        "a partner at `collaboration` that missed the initial partnering meeting or owns no objective",
        "Warns when a partner at `collaboration` level is not among the initial partnering \
meeting's attendees (or its chair), or owns no objective.\n\n\
Why: collaboration means designing and delivering the campaign together from the start. A \
partner that was not in the room when it was shaped, or that answers for no objective, is really \
co-operating, and the plan should say so.\n\n\
Fix: involve the partner from the first meeting and give it an objective, or record its real \
level.\n\n\
Good:\n\n    attendees:\n      - { partner: lfrs, name: Priya Shah }\n    # and in plan.yaml\n    \
- { id: lancs-visits, owner: lfrs, statement: ... }\n",
    ),
    rule(
        Family::Partnership,
        OVERDUE_ACTION,
        RuleLevel::Warn,
        "an open action past its due date",
        "Warns when an action is still `open` after its `due` date (compared with `--today`).\n\n\
Why: actions from partnering meetings are the joint team's promises to each other. Overdue \
ones that nobody chases erode trust between partners faster than anything else.\n\n\
Fix: do it and mark it `status: done`, drop it with `status: dropped`, or agree a new date.\n\n\
Bad (today 2026-11-24):\n\n    - { id: share-insight, action: Share survey, due: 2026-10-08, \
status: open }\n\n\
Good:\n\n    - { id: share-insight, action: Share survey, due: 2026-10-08, status: done }\n",
    ),
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
