//! Evaluation rules: owned metrics at every stage and level, metric names
//! that match their stage, outcome metrics for every objective, targets on
//! the right side of the baseline, and an evaluation of the partnership.

use super::{Context, Family, Rule, emit, rule, vocabulary};
use crate::campaign::{Campaign, Document};
use crate::diagnostic::Finding;
use crate::model::config::RuleLevel;
use crate::model::evaluation::{Direction, Stage};
use crate::model::partners::CollabLevel;
use crate::model::{Kind, Tier};
use crate::source::Span;
use crate::yaml::Seg::{Index as I, Key as K};

pub const METRIC_WITHOUT_OWNER: &str = "metric-without-owner";
pub const EVALUATION_STAGE_GAP: &str = "evaluation-stage-gap";
pub const EVALUATION_LEVEL_GAP: &str = "evaluation-level-gap";
pub const METRIC_STAGE_SUSPECT: &str = "metric-stage-suspect";
pub const OBJECTIVE_WITHOUT_OUTCOME_METRIC: &str = "objective-without-outcome-metric";
pub const TARGET_DIRECTION: &str = "target-direction";
pub const PARTNERSHIP_EVALUATION_MISSING: &str = "partnership-evaluation-missing";

pub const RULES: &[Rule] = &[
    rule(
        Family::Evaluation,
        METRIC_WITHOUT_OWNER,
        RuleLevel::Deny,
        "a metric nobody is responsible for collecting",
        "Reports a metric with no `owner` (an error by default).\n\n\
Why: figures that everyone expects someone else to collect are not collected. Weekly progress \
updates and the final evaluation depend on each partner knowing which figures are theirs.\n\n\
Fix: name the partner who collects the metric.\n\n\
Bad:\n\n    - { id: visit-bookings, name: Home safety visits booked, stage: outcome }\n\n\
Good:\n\n    - { id: visit-bookings, name: Home safety visits booked, stage: outcome, owner: lfrs }\n",
    ),
    rule(
        Family::Evaluation,
        EVALUATION_STAGE_GAP,
        RuleLevel::Warn,
        "no metric at one of output, outtake or outcome",
        "Warns when the evaluation has no metric at `output`, at `outtake` or at `outcome` (one \
finding for each missing stage).\n\n\
Why: the GCS evaluation framework asks for measures of outputs (what was done and reached), \
out-takes (what the audience took from it) and outcomes (what changed). Missing a stage leaves a \
gap in the story: you cannot tell whether a disappointing result came from poor reach or a \
message that did not land.\n\n\
Fix: add a metric at the missing stage.\n\n\
Good:\n\n    - { id: reach, name: Paid social reach, stage: output, owner: home-office }\n    - \
{ id: recall, name: Prompted campaign recall, stage: outtake, owner: home-office }\n    - { id: \
alarm-testing, name: Over-65s who test their alarm monthly, stage: outcome, owner: home-office }\n",
    ),
    rule(
        Family::Evaluation,
        EVALUATION_LEVEL_GAP,
        RuleLevel::Warn,
        "national and local objectives, but metrics at one level only",
        "Warns when the plan has both national and local objectives but every metric that \
gives a `level` is at the same one.\n\n\
Why: the final evaluation has to be made against both the local and the national objectives and \
shared with all partners. Measuring one level only means half the partners cannot show what \
the campaign did for them.\n\n\
Fix: add metrics for the missing level, and mark each metric's `level`.\n\n\
Good:\n\n    - { id: national-testing, name: Adults in England who test their alarm, stage: \
outcome, level: national, owner: home-office }\n    - { id: lancs-bookings, name: Home safety \
visits booked in Lancashire, stage: outcome, level: local, owner: lfrs }\n",
    ),
    rule(
        Family::Evaluation,
        METRIC_STAGE_SUSPECT,
        RuleLevel::Warn,
        "a metric whose name belongs to another stage; help names the stage the GCS framework puts it in",
        "Reads each metric's `name` and warns when it describes a different stage from its \
`stage`: impressions or reach filed as an outcome, awareness filed as impact, and so on. The \
help names the stage the GCS evaluation framework puts such a measure in.\n\n\
Why: the stages are how partners compare results. Counting reach as an outcome makes a \
campaign look successful when nothing has changed, and hides the measure the plan actually \
needs.\n\n\
Fix: correct the `stage`, or rename the metric if the name is misleading.\n\n\
Bad:\n\n    - { id: impressions, name: Paid social impressions, stage: outcome }\n\n\
Good:\n\n    - { id: impressions, name: Paid social impressions, stage: output }\n",
    ),
    rule(
        Family::Evaluation,
        OBJECTIVE_WITHOUT_OUTCOME_METRIC,
        RuleLevel::Warn,
        "an objective none of whose metrics is at `outcome` or `impact`",
        "Warns when an objective has linked metrics but none of them is at stage `outcome` or \
`impact`.\n\n\
Why: an objective is a change in what people think or do; if its only measures are outputs \
or out-takes, the campaign can report activity but never whether the objective was met.\n\n\
Fix: link a metric that measures the change itself.\n\n\
Bad:\n\n    metrics: [leaflets-sent, web-visits]\n\n\
Good:\n\n    metrics: [leaflets-sent, web-visits, alarm-testing]   # alarm-testing: stage outcome\n",
    ),
    rule(
        Family::Evaluation,
        TARGET_DIRECTION,
        RuleLevel::Warn,
        "a target on the wrong side of the baseline for its `direction`",
        "Warns when a metric's `target` is below its `baseline` although `direction` is \
`increase`, or above it although `direction` is `decrease`.\n\n\
Why: a target on the wrong side is almost always a typo or a swapped pair of numbers, and it \
would turn the progress bars in every partner's pack upside down.\n\n\
Fix: correct the numbers or the direction.\n\n\
Bad:\n\n    { direction: increase, baseline: 45, target: 31 }\n\n\
Good:\n\n    { direction: increase, baseline: 31, target: 45 }\n",
    ),
    rule(
        Family::Evaluation,
        PARTNERSHIP_EVALUATION_MISSING,
        RuleLevel::Warn,
        "level `co-operation` or above, but no `partnership` outcomes",
        "Warns when any partner works at `co-operation` or `collaboration` level but the \
evaluation has no `partnership` outcomes.\n\n\
Why: a deep partnership costs time and goodwill. Judging it only by campaign results misses \
whether working together was worth it: how well partners worked together, what difference they \
made to each other and to their own organisations, and to the people they serve. Those lessons \
are what the next joint campaign is built on.\n\n\
Fix: add partnership outcomes with indicators and a way to collect them.\n\n\
Good:\n\n    partnership:\n      - dimension: working-together\n        outcome: Partners felt \
valued and roles were clear.\n        methods: [End-of-campaign partner survey]\n        \
collects: home-office\n",
    ),
];

fn evaluation_anchor<'c>(campaign: &'c Campaign, key: &str) -> Option<(&'c Document, Span)> {
    let doc = campaign.docs(Kind::Evaluation).next()?;
    let span = doc
        .root
        .key_span_at(&[K(key)])
        .unwrap_or_else(|| doc.span(&[K("kind")]));
    Some((doc, span))
}

pub fn check(campaign: &Campaign, _ctx: &Context, out: &mut Vec<Finding>) {
    let metrics: Vec<_> = campaign.metrics().collect();

    for (doc, i, m) in &metrics {
        let at = doc.span(&[K("metrics"), I(*i)]);
        let name =
            m.id.as_ref()
                .map_or("this metric".into(), |id| format!("metric `{id}`"));
        if m.owner.is_none() {
            out.push(
                emit(
                    METRIC_WITHOUT_OWNER,
                    &doc.file,
                    at,
                    format!("{name} has no owner"),
                )
                .with_help("add `owner:` with the id of the partner who collects it"),
            );
        }
        if let (Some(stage), Some(text)) = (m.stage, &m.name)
            && let Some(reads_as) = vocabulary::suspect_stage(text, stage)
        {
            out.push(
                emit(
                    METRIC_STAGE_SUSPECT,
                    &doc.file,
                    doc.span(&[K("metrics"), I(*i), K("stage")]),
                    format!(
                        "{name} is filed as `{}`, but “{text}” reads as an {} measure",
                        stage.as_str(),
                        reads_as.as_str()
                    ),
                )
                .with_label(format!("the name suggests `{}`", reads_as.as_str()))
                .with_help(format!(
                    "the GCS evaluation framework puts measures like this at `{}`: change `stage`, or rename the metric",
                    reads_as.as_str()
                )),
            );
        }
        if let (Some(dir), Some(base), Some(target)) = (m.direction, m.baseline, m.target) {
            let wrong = match dir {
                Direction::Increase => target < base,
                Direction::Decrease => target > base,
            };
            if wrong {
                let word = match dir {
                    Direction::Increase => "increase",
                    Direction::Decrease => "decrease",
                };
                out.push(
                    emit(
                        TARGET_DIRECTION,
                        &doc.file,
                        doc.span(&[K("metrics"), I(*i), K("target")]),
                        format!("{name} should {word}, but its target ({target}) is on the wrong side of its baseline ({base})"),
                    )
                    .with_related(&doc.file, doc.span(&[K("metrics"), I(*i), K("baseline")]), "baseline")
                    .with_help("correct the numbers, or the `direction`"),
                );
            }
        }
    }

    if let Some((doc, span)) = evaluation_anchor(campaign, "metrics") {
        for stage in [Stage::Output, Stage::Outtake, Stage::Outcome] {
            if !metrics.iter().any(|(_, _, m)| m.stage == Some(stage)) {
                out.push(
                    emit(
                        EVALUATION_STAGE_GAP,
                        &doc.file,
                        span,
                        format!("no metric measures the `{}` stage", stage.as_str()),
                    )
                    .with_help(stage_hint(stage)),
                );
            }
        }
    }

    if let Some((_, plan)) = campaign.plan() {
        let objectives = plan.objective_items();
        let national = objectives.iter().any(|o| o.level == Some(Tier::National));
        let local = objectives.iter().any(|o| o.level == Some(Tier::Local));
        if national && local {
            let levels: Vec<Tier> = metrics.iter().filter_map(|(_, _, m)| m.level).collect();
            let has = |t| levels.contains(&t);
            let missing = match (has(Tier::National), has(Tier::Local)) {
                (true, false) => Some("local"),
                (false, true) => Some("national"),
                _ => None,
            };
            if let (Some(missing), Some((doc, span))) =
                (missing, evaluation_anchor(campaign, "metrics"))
            {
                out.push(
                    emit(
                        EVALUATION_LEVEL_GAP,
                        &doc.file,
                        span,
                        format!("the plan has national and local objectives, but no metric is at `level: {missing}`"),
                    )
                    .with_help(format!("add metrics that measure the {missing} objectives, with `level: {missing}`")),
                );
            }
        }

        if let Some((pdoc, _)) = campaign.plan() {
            for (i, o) in objectives.iter().enumerate() {
                let Some(id) = &o.id else { continue };
                let linked: Vec<_> = metrics
                    .iter()
                    .filter(|(_, _, m)| {
                        m.objective.as_ref() == Some(id)
                            || m.id.as_ref().is_some_and(|mid| o.metrics.contains(mid))
                    })
                    .collect();
                if !linked.is_empty()
                    && !linked
                        .iter()
                        .any(|(_, _, m)| matches!(m.stage, Some(Stage::Outcome | Stage::Impact)))
                {
                    out.push(
                        emit(
                            OBJECTIVE_WITHOUT_OUTCOME_METRIC,
                            &pdoc.file,
                            pdoc.span(&[K("objectives"), K("items"), I(i)]),
                            format!("objective `{id}` has no metric at `outcome` or `impact`"),
                        )
                        .with_help("link a metric that measures the change itself (stage `outcome` or `impact`)"),
                    );
                }
            }
        }
    }

    let deep = campaign
        .partners()
        .any(|(_, _, p)| p.level.is_some_and(|l| l >= CollabLevel::CoOperation));
    let has_partnership = campaign.documents.iter().any(|d| match &d.body {
        crate::model::Body::Evaluation(e) => !e.partnership.is_empty(),
        _ => false,
    });
    if deep && !has_partnership {
        let (file, span) = match evaluation_anchor(campaign, "partnership") {
            Some((doc, span)) => (doc.file.clone(), span),
            None => {
                let cfg = &campaign.config;
                (
                    cfg.file.clone(),
                    cfg.root
                        .key_span_at(&[K("campaign")])
                        .unwrap_or_else(|| cfg.span(&[])),
                )
            }
        };
        out.push(
            emit(
                PARTNERSHIP_EVALUATION_MISSING,
                &file,
                span,
                "partners work at co-operation or collaboration level, but the partnership itself is not evaluated",
            )
            .with_help("add `partnership:` outcomes (working-together, difference-to-each-other, difference-to-my-org, difference-to-people) to evaluation.yaml"),
        );
    }
}

fn stage_hint(stage: Stage) -> &'static str {
    match stage {
        Stage::Output => {
            "add a measure of what was done and reached, e.g. reach, impressions or events held"
        }
        Stage::Outtake => {
            "add a measure of what the audience took from it, e.g. awareness, recall or click-throughs"
        }
        Stage::Outcome => {
            "add a measure of what changed, e.g. the share of people who now do the thing you asked"
        }
        Stage::Input | Stage::Impact => "add a metric at this stage",
    }
}
