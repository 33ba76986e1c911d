//! Campaign planning rules: objectives that are outcomes and measurable,
//! national and local objectives where the partners call for them, audience
//! insight, local touchpoints, owned activities, milestones in time,
//! blackout windows and an update rhythm.

use super::{Context, Family, Rule, emit, rule, vocabulary};
use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::model::config::{Blackout, RuleLevel};
use crate::model::partners::Sector;
use crate::model::plan::MilestoneType;
use crate::model::{Date, Tier};
use crate::source::Span;
use crate::yaml::Seg::{Index as I, Key as K};

pub const OBJECTIVE_NOT_OUTCOME: &str = "objective-not-outcome";
pub const OBJECTIVE_NOT_MEASURABLE: &str = "objective-not-measurable";
pub const MISSING_LOCAL_OBJECTIVES: &str = "missing-local-objectives";
pub const MISSING_NATIONAL_OBJECTIVES: &str = "missing-national-objectives";
pub const AUDIENCE_WITHOUT_INSIGHT: &str = "audience-without-insight";
pub const JOURNEY_WITHOUT_LOCAL_TOUCHPOINT: &str = "journey-without-local-touchpoint";
pub const ACTIVITY_WITHOUT_OWNER: &str = "activity-without-owner";
pub const MILESTONE_AFTER_LAUNCH: &str = "milestone-after-launch";
pub const ACTIVITY_IN_BLACKOUT: &str = "activity-in-blackout";
pub const NO_UPDATE_RHYTHM: &str = "no-update-rhythm";

pub const RULES: &[Rule] = &[
    rule(
        Family::Planning,
        OBJECTIVE_NOT_OUTCOME,
        RuleLevel::Warn,
        "an objective that counts outputs instead of a change in what people think or do",
        "Reads each objective's `statement` and warns when what it counts is activity or \
exposure (leaflets sent, posts published, events held, impressions) rather than a change in what \
people know, feel or do.\n\n\
Why: the evaluation framework runs from inputs and outputs through out-takes to outcomes and \
impact. Partners sign up to a joint campaign for the outcome; an objective that counts outputs \
can be met in full while nothing changes for the public, and it gives local partners nothing to \
report against.\n\n\
Fix: say whose behaviour or attitude changes, from what to what, by when. Keep the outputs as \
metrics in evaluation.yaml at stage `output`.\n\n\
Bad:\n\n    statement: Distribute 50,000 leaflets to older households by December.\n\n\
Good:\n\n    statement: Increase the share of over-65s who test their smoke alarm monthly from 31% \
to 45% by February 2027.\n",
    ),
    rule(
        Family::Planning,
        OBJECTIVE_NOT_MEASURABLE,
        RuleLevel::Warn,
        "an objective with no linked metric that has both a baseline and a target",
        "Warns when no metric linked to an objective (listed in its `metrics`, or naming it in \
the metric's `objective`) has both a `baseline` and a `target`.\n\n\
Why: without a starting figure and a figure to reach, nobody can say at the final review \
whether the objective was met, and national and local partners will each judge success their \
own way. The objective's deadline is its `by` date, or the campaign's end.\n\n\
Fix: link a metric and give it a baseline and a target.\n\n\
Bad:\n\n    - id: more-working-alarms\n      statement: Increase monthly alarm testing among \
over-65s.\n\n\
Good:\n\n    - id: more-working-alarms\n      statement: Increase monthly alarm testing among \
over-65s from 31% to 45%.\n      metrics: [alarm-testing]   # baseline: 31, target: 45\n",
    ),
    rule(
        Family::Planning,
        MISSING_LOCAL_OBJECTIVES,
        RuleLevel::Warn,
        "local partners (council, police, fire, NHS, voluntary) but no `level: local` objective",
        "Warns when the campaign has local partners but none of its objectives is marked \
`level: local`.\n\n\
Why: local organisations join a national campaign to deliver their own priorities. If the plan \
has only national objectives, local partners have nothing of their own to measure, report or \
be thanked for, and their commitment fades.\n\n\
Fix: agree at least one local objective with the local partners and mark it `level: local`.\n\n\
Good:\n\n    - id: lancs-visits\n      level: local\n      owner: lfrs\n      statement: Double \
the home fire safety visits booked by Lancashire residents over 65 by March 2027.\n",
    ),
    rule(
        Family::Planning,
        MISSING_NATIONAL_OBJECTIVES,
        RuleLevel::Warn,
        "a central-government partner but no `level: national` objective",
        "Warns when a central-government partner takes part but no objective is marked \
`level: national`.\n\n\
Why: a department joins to move a national priority; the local layer reinforces it. Without a \
national objective the department cannot show what the partnership did for its own goals, and \
the national and local evaluation cannot be compared.\n\n\
Fix: add the national objective the department is accountable for, marked `level: national`.\n\n\
Good:\n\n    - id: fewer-fire-deaths\n      level: national\n      owner: home-office\n      \
statement: Reduce accidental dwelling fire deaths among over-65s in England by 10% by 2028.\n",
    ),
    rule(
        Family::Planning,
        AUDIENCE_WITHOUT_INSIGHT,
        RuleLevel::Warn,
        "an audience with no `insight` or no `sources`",
        "Warns when an audience has no `insight`, or no `sources` for it.\n\n\
Why: pooling insight is one of the main gains of working together: departments bring national \
research, local partners know their neighbourhoods. An audience without insight is a guess, and \
an insight without a source cannot be checked or reused by the next campaign.\n\n\
Fix: write what you know about the audience that shapes the campaign, and where it comes \
from.\n\n\
Bad:\n\n    - id: older-living-alone\n      description: People over 65 living alone.\n\n\
Good:\n\n    - id: older-living-alone\n      description: People over 65 living alone.\n      \
insight: Trust fire officers and GPs far more than national adverts.\n      sources: \
[\"Tracking survey wave 3\"]\n",
    ),
    rule(
        Family::Planning,
        JOURNEY_WITHOUT_LOCAL_TOUCHPOINT,
        RuleLevel::Warn,
        "local partners, yet no journey touchpoint at `level: local`",
        "Warns when local partners take part but no touchpoint in `strategy.journey` is marked \
`level: local`.\n\n\
Why: the point of bringing in local partners is to carry the message through trusted local \
voices (a fire officer at the door, a poster in the GP surgery). If the journey has no local \
touchpoint, the plan does not use what they bring.\n\n\
Fix: add the places where local partners meet the audience, marked `level: local`.\n\n\
Good:\n\n    touchpoints:\n      - { name: GP surgery posters, level: local, channel: \
nhs-surgeries }\n",
    ),
    rule(
        Family::Planning,
        ACTIVITY_WITHOUT_OWNER,
        RuleLevel::Deny,
        "an activity nobody owns",
        "Reports an activity with no `owner` (an error by default).\n\n\
Why: in a joint campaign every partner assumes someone else is doing the unowned task. An \
activity with no owning partner is the one that does not happen.\n\n\
Fix: name the partner who delivers it.\n\n\
Bad:\n\n    - { id: launch-press, name: Launch press event }\n\n\
Good:\n\n    - { id: launch-press, name: Launch press event, owner: lfrs }\n",
    ),
    rule(
        Family::Planning,
        MILESTONE_AFTER_LAUNCH,
        RuleLevel::Warn,
        "a budget approval or ministerial / chief executive submission dated after launch",
        "Warns when a `budget-approval`, `ministerial-submission` or `chief-exec-submission` \
milestone falls after the launch date.\n\n\
Why: approvals and sign-offs gate the campaign. Dated after launch, they mean the campaign \
would go live unfunded or unapproved, or that the launch date is not real. Partners plan their \
own resources around these dates.\n\n\
Fix: move the approval before launch, or move the launch.\n\n\
Bad (launch 2026-12-01):\n\n    - { id: budget-ok, name: Budget approval, date: 2026-12-10, \
type: budget-approval }\n\n\
Good:\n\n    - { id: budget-ok, name: Budget approval, date: 2026-10-10, type: budget-approval }\n",
    ),
    rule(
        Family::Planning,
        ACTIVITY_IN_BLACKOUT,
        RuleLevel::Warn,
        "launch, a meeting, or an activity whose dates overlap a `[[blackout]]` window",
        "Warns when the launch date, a meeting, or any day of an activity falls inside a \
`[[blackout]]` window from collab.toml (pre-election periods, recess, other quiet times), even \
partly.\n\n\
Why: public bodies face restrictions on publicity in pre-election periods and some partners \
cannot take part at all; a launch or activity in such a window is likely to be pulled at short \
notice, leaving partners with wasted work.\n\n\
Fix: move the activity out of the window, or shorten it. The window is labelled in \
collab.toml.\n\n\
Bad (blackout 2027-03-25..2027-05-06):\n\n    - { id: spring-push, name: Spring push, start: \
2027-04-01, end: 2027-04-30 }\n\n\
Good:\n\n    - { id: spring-push, name: Spring push, start: 2027-05-10, end: 2027-06-07 }\n",
    ),
    rule(
        Family::Planning,
        NO_UPDATE_RHYTHM,
        RuleLevel::Warn,
        "no `implementation.updates` cadence",
        "Warns when the plan sets no `implementation.updates.cadence`.\n\n\
Why: regular catch-ups keep partners in step, surface problems early and give local partners \
the chance to share results. Without an agreed rhythm, updates happen only when something has \
gone wrong.\n\n\
Fix: agree how often progress is shared and who chairs.\n\n\
Good:\n\n    implementation:\n      updates: { cadence: weekly, chair: home-office }\n",
    ),
];

pub fn check(campaign: &Campaign, ctx: &Context, out: &mut Vec<Finding>) {
    let Some((doc, plan)) = campaign.plan() else {
        return;
    };
    let partners: Vec<_> = campaign.partners().collect();
    let has_local = partners
        .iter()
        .any(|(_, _, p)| p.sector.is_some_and(Sector::is_local));
    let has_central = partners
        .iter()
        .any(|(_, _, p)| p.sector == Some(Sector::CentralGovernment));
    let objectives = plan.objective_items();
    let objectives_span = doc
        .root
        .key_span_at(&[K("objectives")])
        .unwrap_or_else(|| doc.span(&[K("kind")]));

    for (i, o) in objectives.iter().enumerate() {
        let path = [K("objectives"), K("items"), I(i)];
        if let Some(statement) = &o.statement
            && let Some(words) = vocabulary::output_objective(statement)
        {
            out.push(
                emit(
                    OBJECTIVE_NOT_OUTCOME,
                    &doc.file,
                    doc.span(&[path[0], path[1], path[2], K("statement")]),
                    "this objective counts outputs, not a change in what people think or do",
                )
                .with_label(format!("reads as activity: {}", words.join(", ")))
                .with_help(
                    "say whose behaviour or attitude changes, from what to what, by when; \
                     keep the outputs as `output` metrics in evaluation.yaml",
                ),
            );
        }
        let Some(id) = &o.id else { continue };
        let linked: Vec<_> = campaign
            .metrics()
            .filter(|(_, _, m)| {
                m.objective.as_ref() == Some(id)
                    || m.id.as_ref().is_some_and(|mid| o.metrics.contains(mid))
            })
            .collect();
        if !linked
            .iter()
            .any(|(_, _, m)| m.baseline.is_some() && m.target.is_some())
        {
            let deadline =
                o.by.or(campaign.settings().campaign().end)
                    .map(|d| format!(" by {d}"))
                    .unwrap_or_default();
            let span = if o.metrics.is_empty() {
                doc.span(&[path[0], path[1], path[2], K("id")])
            } else {
                doc.key_span(&[path[0], path[1], path[2], K("metrics")])
            };
            out.push(
                emit(
                    OBJECTIVE_NOT_MEASURABLE,
                    &doc.file,
                    span,
                    format!(
                        "objective `{id}` has no metric with a baseline and a target, so nobody can tell whether it is met{deadline}"
                    ),
                )
                .with_help(if linked.is_empty() {
                    "link a metric: list its id under `metrics`, or set the metric's `objective`".to_string()
                } else {
                    "give a linked metric both a `baseline` and a `target`".to_string()
                }),
            );
        }
    }
    if has_local && !objectives.iter().any(|o| o.level == Some(Tier::Local)) {
        out.push(
            emit(
                MISSING_LOCAL_OBJECTIVES,
                &doc.file,
                objectives_span,
                "local partners take part, but no objective is marked `level: local`",
            )
            .with_help(
                "agree a local objective with the local partners and mark it `level: local`",
            ),
        );
    }
    if has_central && !objectives.iter().any(|o| o.level == Some(Tier::National)) {
        out.push(
            emit(
                MISSING_NATIONAL_OBJECTIVES,
                &doc.file,
                objectives_span,
                "a central-government partner takes part, but no objective is marked `level: national`",
            )
            .with_help("add the national objective the department answers for, marked `level: national`"),
        );
    }

    let key = plan.audience_key();
    for (i, a) in plan.audiences().iter().enumerate() {
        let missing: Vec<&str> = [
            (
                "insight",
                a.insight.as_deref().is_none_or(|s| s.trim().is_empty()),
            ),
            ("sources", a.sources.is_empty()),
        ]
        .into_iter()
        .filter(|(_, gone)| *gone)
        .map(|(k, _)| k)
        .collect();
        if !missing.is_empty() {
            let name =
                a.id.as_ref()
                    .map_or("this audience".into(), |id| format!("audience `{id}`"));
            out.push(
                emit(
                    AUDIENCE_WITHOUT_INSIGHT,
                    &doc.file,
                    doc.span(&[K(key), I(i)]),
                    format!("{name} has no {}", missing.join(" and no ")),
                )
                .with_help("write what you know about this audience that shapes the campaign, and where that comes from"),
            );
        }
    }

    if has_local {
        let local_touchpoint = plan.strategy.as_ref().is_some_and(|s| {
            s.journey
                .iter()
                .flat_map(|j| &j.touchpoints)
                .any(|t| t.level == Some(Tier::Local))
        });
        if !local_touchpoint {
            let span = doc
                .root
                .key_span_at(&[K("strategy"), K("journey")])
                .or_else(|| doc.root.key_span_at(&[K("strategy")]))
                .unwrap_or_else(|| doc.span(&[K("kind")]));
            out.push(
                emit(
                    JOURNEY_WITHOUT_LOCAL_TOUCHPOINT,
                    &doc.file,
                    span,
                    "local partners take part, but no journey touchpoint is at `level: local`",
                )
                .with_help("add the places local partners meet the audience (surgeries, home visits, local media) with `level: local`"),
            );
        }
    }

    for (i, a) in plan.activities().iter().enumerate() {
        if a.owner.is_none() {
            let name =
                a.id.as_ref()
                    .map_or("this activity".into(), |id| format!("activity `{id}`"));
            out.push(
                emit(
                    ACTIVITY_WITHOUT_OWNER,
                    &doc.file,
                    doc.span(&[K("implementation"), K("activities"), I(i)]),
                    format!("{name} has no owner"),
                )
                .with_help("add `owner:` with the id of the partner who delivers it"),
            );
        }
    }

    let cfg = &campaign.config;
    let launch = campaign.settings().campaign().launch;
    if let Some(launch) = launch {
        for (i, m) in plan.milestones().iter().enumerate() {
            let gating = matches!(
                m.kind,
                Some(
                    MilestoneType::BudgetApproval
                        | MilestoneType::MinisterialSubmission
                        | MilestoneType::ChiefExecSubmission
                )
            );
            if let (true, Some(date)) = (gating, m.date)
                && date > launch
            {
                let name =
                    m.id.as_ref()
                        .map_or("this milestone".into(), |id| format!("milestone `{id}`"));
                out.push(
                    emit(
                        MILESTONE_AFTER_LAUNCH,
                        &doc.file,
                        doc.span(&[K("implementation"), K("milestones"), I(i), K("date")]),
                        format!("{name} is dated {date}, after launch on {launch}"),
                    )
                    .with_related(&cfg.file, cfg.span(&[K("campaign"), K("launch")]), "launch")
                    .with_help("approvals and submissions must come before launch: move it, or move the launch"),
                );
            }
        }
    }

    // Blackout windows.
    let windows: Vec<(usize, &Blackout, Date, Date)> = campaign
        .settings()
        .blackout
        .iter()
        .enumerate()
        .filter_map(|(i, b)| Some((i, b, b.start?, b.end?)))
        .collect();
    let overlapping = |from: Date, to: Date| {
        windows
            .iter()
            .find(|(_, _, s, e)| from <= *e && to >= *s)
            .copied()
    };
    let window_label = |b: &Blackout, s: Date, e: Date| {
        format!(
            "{} ({s} to {e})",
            b.name.as_deref().unwrap_or("blackout window")
        )
    };
    let window_span = |i: usize| cfg.span(&[K("blackout"), I(i)]);
    if let Some(launch) = launch
        && let Some((wi, b, s, e)) = overlapping(launch, launch)
    {
        out.push(
            emit(
                ACTIVITY_IN_BLACKOUT,
                &cfg.file,
                cfg.span(&[K("campaign"), K("launch")]),
                format!("launch on {launch} falls in {}", window_label(b, s, e)),
            )
            .with_related(&cfg.file, window_span(wi), "the blackout window")
            .with_help("move the launch out of the window"),
        );
    }
    for (i, a) in plan.activities().iter().enumerate() {
        let Some(from) = a.start.or(a.end) else {
            continue;
        };
        let to = a.end.or(a.start).unwrap_or(from);
        if let Some((wi, b, s, e)) = overlapping(from, to.max(from)) {
            let base = [K("implementation"), K("activities"), I(i)];
            let start = doc.span(&[
                base[0],
                base[1],
                base[2],
                K(if a.start.is_some() { "start" } else { "end" }),
            ]);
            let end = doc.span(&[
                base[0],
                base[1],
                base[2],
                K(if a.end.is_some() { "end" } else { "start" }),
            ]);
            let span = if start.end <= end.start && same_line(&doc.file.source, start, end) {
                Span::new(start.start, end.end)
            } else {
                start
            };
            let name =
                a.id.as_ref()
                    .map_or("this activity".into(), |id| format!("activity `{id}`"));
            out.push(
                emit(
                    ACTIVITY_IN_BLACKOUT,
                    &doc.file,
                    span,
                    format!("{name} ({from} to {to}) overlaps {}", window_label(b, s, e)),
                )
                .with_related(&cfg.file, window_span(wi), "the blackout window")
                .with_help("move or shorten the activity so no day of it falls in the window"),
            );
        }
    }
    for (mdoc, meeting) in campaign.meetings() {
        let Some(date) = meeting.date.map(|d| d.date()) else {
            continue;
        };
        if let Some((wi, b, s, e)) = overlapping(date, date) {
            let name = meeting
                .id
                .as_ref()
                .map_or("this meeting".into(), |id| format!("meeting `{id}`"));
            out.push(
                emit(
                    ACTIVITY_IN_BLACKOUT,
                    &mdoc.file,
                    mdoc.span(&[K("date")]),
                    format!("{name} on {date} falls in {}", window_label(b, s, e)),
                )
                .with_related(&cfg.file, window_span(wi), "the blackout window")
                .with_help("move the meeting out of the window"),
            );
        }
    }

    let has_rhythm = plan
        .implementation
        .as_ref()
        .and_then(|i| i.updates.as_ref())
        .is_some_and(|u| u.cadence.is_some());
    if !has_rhythm {
        let span = doc
            .root
            .key_span_at(&[K("implementation"), K("updates")])
            .or_else(|| doc.root.key_span_at(&[K("implementation")]))
            .unwrap_or_else(|| doc.span(&[K("kind")]));
        out.push(
            emit(
                NO_UPDATE_RHYTHM,
                &doc.file,
                span,
                "the plan sets no rhythm for progress updates",
            )
            .with_help(
                "add `updates: { cadence: weekly, chair: <partner id> }` under `implementation`",
            ),
        );
    }
    let _ = ctx;
}

fn same_line(src: &crate::source::SourceText, a: Span, b: Span) -> bool {
    src.line_col(a.start).line == src.line_col(b.end).line
}
