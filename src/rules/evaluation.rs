//! Evaluation rules: owned metrics at every stage and level, metric names
//! that match their stage, outcome metrics for every objective, targets on
//! the right side of the baseline, and an evaluation of the partnership.

use super::{Context, Rule, emit, vocabulary};
use crate::campaign::{Campaign, Document};
use crate::diagnostic::Finding;
use crate::model::evaluation::{Direction, Stage};
use crate::model::partners::CollabLevel;
use crate::model::{Kind, Tier};
use crate::source::Span;
use crate::yaml::Seg::{Index as I, Key as K};

pub const METRIC_WITHOUT_OWNER: Rule = Rule::MetricWithoutOwner;
pub const EVALUATION_STAGE_GAP: Rule = Rule::EvaluationStageGap;
pub const EVALUATION_LEVEL_GAP: Rule = Rule::EvaluationLevelGap;
pub const METRIC_STAGE_SUSPECT: Rule = Rule::MetricStageSuspect;
pub const OBJECTIVE_WITHOUT_OUTCOME_METRIC: Rule = Rule::ObjectiveWithoutOutcomeMetric;
pub const TARGET_DIRECTION: Rule = Rule::TargetDirection;
pub const PARTNERSHIP_EVALUATION_MISSING: Rule = Rule::PartnershipEvaluationMissing;

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
