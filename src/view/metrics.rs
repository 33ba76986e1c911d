//! Metrics against target, and the evaluation framework by stage.

use super::names::Names;
use super::text::{date, with_unit};
use super::{ActualView, EvaluationView, MetricView, PartnershipView, StageView};
use crate::campaign::Campaign;
use crate::model::Body;
use crate::model::evaluation::{Actual, Metric, PartnershipOutcome, Stage};

/// The stages every campaign should measure at.
const CORE: [Stage; 3] = [Stage::Output, Stage::Outtake, Stage::Outcome];

pub fn views(campaign: &Campaign, names: &Names<'_>) -> Vec<MetricView> {
    campaign.metrics().map(|(_, _, m)| view(m, names)).collect()
}

/// The latest figure of a metric: the dated actual with a value, latest
/// date last.
pub fn latest(actuals: &[Actual]) -> Option<&Actual> {
    actuals
        .iter()
        .filter(|a| a.value.is_some())
        .max_by_key(|a| a.date)
}

/// Share of the way from baseline to target, 0 to 100.
fn progress(m: &Metric, latest: Option<f64>) -> Option<u32> {
    match (m.baseline, m.target, latest) {
        (Some(b), Some(t), Some(v)) if (t - b).abs() > f64::EPSILON => {
            let share = ((v - b) / (t - b)).clamp(0.0, 1.0);
            Some((share * 100.0).round() as u32)
        }
        _ => None,
    }
}

fn view(m: &Metric, names: &Names<'_>) -> MetricView {
    let unit = m.unit;
    let last = latest(&m.actuals);
    let value = last.and_then(|a| a.value);
    let mut actuals: Vec<&Actual> = m.actuals.iter().collect();
    actuals.sort_by_key(|a| a.date);
    MetricView {
        id: m.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
        name: m.name.clone().unwrap_or_default(),
        stage: m.stage.map(|s| s.as_str().to_string()),
        stage_label: m.stage.map(Stage::label),
        discipline: m.discipline.map(|d| d.as_str().to_string()),
        level: m.level.map(|l| l.as_str().to_string()),
        objective: m.objective.as_ref().map(|i| i.to_string()),
        owner: m.owner.as_ref().map(|i| i.to_string()),
        owner_name: names.partner(m.owner.as_ref()),
        method: m.method.clone(),
        frequency: m.frequency.map(|f| f.as_str().to_string()),
        unit: unit.map(|u| u.as_str().to_string()),
        direction: m.direction.map(|d| d.as_str().to_string()),
        baseline: m.baseline,
        target: m.target,
        latest: value,
        latest_date: last.and_then(|a| date(a.date)),
        latest_note: last.and_then(|a| a.note.clone()),
        actuals: actuals
            .iter()
            .map(|a| ActualView {
                date: date(a.date),
                value: a.value,
                text: a.value.map(|v| with_unit(v, unit)),
                note: a.note.clone(),
            })
            .collect(),
        progress: progress(m, value),
        baseline_text: m.baseline.map(|v| with_unit(v, unit)),
        target_text: m.target.map(|v| with_unit(v, unit)),
        latest_text: value.map(|v| with_unit(v, unit)),
    }
}

pub fn evaluation(campaign: &Campaign, names: &Names<'_>) -> EvaluationView {
    let metrics: Vec<&Metric> = campaign.metrics().map(|(_, _, m)| m).collect();
    let measured = |s: Stage| metrics.iter().any(|m| m.stage == Some(s));
    let keys = |keep: bool| -> Vec<String> {
        CORE.iter()
            .filter(|s| measured(**s) == keep)
            .map(|s| s.as_str().to_string())
            .collect()
    };
    EvaluationView {
        stages: Stage::ALL.iter().map(|s| stage(*s, &metrics)).collect(),
        partnership: campaign
            .documents
            .iter()
            .flat_map(|d| match &d.body {
                Body::Evaluation(e) => e.partnership.as_slice(),
                _ => &[],
            })
            .map(|p| partnership(p, names))
            .collect(),
        covered: keys(true),
        missing: keys(false),
    }
}

fn stage(s: Stage, metrics: &[&Metric]) -> StageView {
    StageView {
        stage: s.as_str().to_string(),
        title: s.label(),
        description: s.description().to_string(),
        metrics: metrics
            .iter()
            .filter(|m| m.stage == Some(s))
            .filter_map(|m| m.id.as_ref().map(|i| i.to_string()))
            .collect(),
    }
}

fn partnership(p: &PartnershipOutcome, names: &Names<'_>) -> PartnershipView {
    PartnershipView {
        dimension: p.dimension.map(|d| d.as_str().to_string()),
        dimension_label: p.dimension.map(|d| d.label()),
        outcome: p.outcome.clone().unwrap_or_default(),
        indicators: p.indicators.clone(),
        methods: p.methods.clone(),
        collects: p.collects.as_ref().map(|c| c.to_string()),
        collects_name: names.partner(p.collects.as_ref()),
        when: p.when.clone(),
    }
}
