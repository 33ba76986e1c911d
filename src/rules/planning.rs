//! Campaign planning rules: objectives that are outcomes and measurable,
//! national and local objectives where the partners call for them, audience
//! insight, local touchpoints, owned activities, milestones in time,
//! blackout windows and an update rhythm.

use super::{Context, Rule, emit, vocabulary};
use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::model::config::Blackout;
use crate::model::partners::Sector;
use crate::model::plan::MilestoneType;
use crate::model::{Date, Tier};
use crate::source::Span;
use crate::yaml::Seg::{Index as I, Key as K};

pub const OBJECTIVE_NOT_OUTCOME: Rule = Rule::ObjectiveNotOutcome;
pub const OBJECTIVE_NOT_MEASURABLE: Rule = Rule::ObjectiveNotMeasurable;
pub const MISSING_LOCAL_OBJECTIVES: Rule = Rule::MissingLocalObjectives;
pub const MISSING_NATIONAL_OBJECTIVES: Rule = Rule::MissingNationalObjectives;
pub const AUDIENCE_WITHOUT_INSIGHT: Rule = Rule::AudienceWithoutInsight;
pub const JOURNEY_WITHOUT_LOCAL_TOUCHPOINT: Rule = Rule::JourneyWithoutLocalTouchpoint;
pub const ACTIVITY_WITHOUT_OWNER: Rule = Rule::ActivityWithoutOwner;
pub const MILESTONE_AFTER_LAUNCH: Rule = Rule::MilestoneAfterLaunch;
pub const ACTIVITY_IN_BLACKOUT: Rule = Rule::ActivityInBlackout;
pub const NO_UPDATE_RHYTHM: Rule = Rule::NoUpdateRhythm;

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
