//! Metrics against target, and the evaluation framework by stage.

use super::chart::{self, ChartInput, ChartView};
use super::names::Names;
use super::progress::{Judgement, TargetPath, judge};
use super::text::{date, long_date, with_unit};
use super::{ActualView, EvaluationView, MetricView, PartnershipView, StageView};
use crate::campaign::Campaign;
use crate::model::evaluation::{Actual, Metric, PartnershipOutcome, Stage};
use crate::model::{Body, Date};

/// The stages every campaign should measure at.
const CORE: [Stage; 3] = [Stage::Output, Stage::Outtake, Stage::Outcome];

pub fn views(campaign: &Campaign, names: &Names<'_>, today: Date) -> Vec<MetricView> {
    campaign
        .metrics()
        .map(|(_, _, m)| {
            let path = target_path(campaign, m);
            view(m, names, path.as_ref(), today)
        })
        .collect()
}

/// A metric's deadline: the earliest `by` of the objectives it measures,
/// else the campaign's end.
pub fn deadline(campaign: &Campaign, m: &Metric) -> Option<Date> {
    let by = campaign.plan().and_then(|(_, p)| {
        p.objective_items()
            .iter()
            .filter(|o| o.measured_by(m))
            .filter_map(|o| o.by)
            .min()
    });
    by.or(campaign.settings().campaign().end)
}

/// A metric's target path: from its baseline at launch (or, with no
/// launch date, the campaign's start) to its target at its deadline.
pub fn target_path(campaign: &Campaign, m: &Metric) -> Option<TargetPath> {
    let info = campaign.settings().campaign();
    TargetPath::of(m, info.launch.or(info.start), deadline(campaign, m))
}

/// The latest figure as judged: an undated figure is read as today's.
pub fn judgement(m: &Metric, path: Option<&TargetPath>, today: Date) -> Judgement {
    let last = latest(&m.actuals).and_then(|a| a.value.map(|v| (a.date.unwrap_or(today), v)));
    judge(path, last)
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

fn view(m: &Metric, names: &Names<'_>, path: Option<&TargetPath>, today: Date) -> MetricView {
    let unit = m.unit;
    let judged = judgement(m, path, today);
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
        position: judged.position.as_str().to_string(),
        position_label: judged.position.label().to_string(),
        expected_text: judged.expected.map(|v| path_figure(m, v)),
        path_start: path.map(|p| p.start.to_string()),
        path_end: path.map(|p| p.end.to_string()),
        chart: trend(m, path, &judged),
    }
}

/// Two decimal places, so a path value prints the same on every machine.
fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// A point on the path as readers see it: whole numbers, or one decimal
/// place when the baseline and target are less than 20 apart.
pub fn path_figure(m: &Metric, v: f64) -> String {
    let span = match (m.baseline, m.target) {
        (Some(b), Some(t)) => (t - b).abs(),
        _ => 0.0,
    };
    let v = if span >= 20.0 {
        v.round()
    } else {
        (v * 10.0).round() / 10.0
    };
    with_unit(v + 0.0, m.unit)
}

/// "On track: the latest figure, 36% on 31 December 2026, against 35% on
/// the target path by then."
pub fn sentence(m: &Metric, judged: &Judgement) -> String {
    let unit = m.unit;
    let last = latest(&m.actuals);
    let figure = last.and_then(|a| a.value).map(|v| with_unit(v, unit));
    let when = last
        .and_then(|a| a.date)
        .map(|d| format!(" on {}", long_date(&d.to_string())))
        .unwrap_or_default();
    let mut s = judged.position.label().to_string();
    match (figure, judged.expected) {
        (Some(f), Some(e)) => s.push_str(&format!(
            ": the latest figure, {f}{when}, against {} on the target path by then.",
            path_figure(m, e)
        )),
        (Some(f), None) => s.push_str(&format!(": the latest figure is {f}{when}.")),
        (None, _) => s.push('.'),
    }
    s
}

fn trend(m: &Metric, path: Option<&TargetPath>, judged: &Judgement) -> Option<ChartView> {
    let unit = m.unit;
    let mut figures: Vec<(Date, f64, String)> = m
        .actuals
        .iter()
        .filter_map(|a| {
            let (d, v) = (a.date?, a.value?);
            let label = format!("{} on {}", with_unit(v, unit), long_date(&d.to_string()));
            Some((d, v, label))
        })
        .collect();
    figures.sort_by_key(|f| f.0);
    let name = m.name.clone().unwrap_or_default();
    let mut desc = sentence(m, judged);
    if let (Some(b), Some(t), Some(p)) = (m.baseline, m.target, path) {
        desc.push_str(&format!(
            " Baseline {} at {}; target {} by {}.",
            with_unit(b, unit),
            long_date(&p.start.to_string()),
            with_unit(t, unit),
            long_date(&p.end.to_string())
        ));
    }
    let fmt = move |v: f64| with_unit(round(v), unit);
    chart::chart(&ChartInput {
        title: format!("Trend: {name}"),
        desc,
        figures: &figures,
        path,
        baseline: m
            .baseline
            .map(|b| (b, format!("Baseline {}", with_unit(b, unit)))),
        target: m
            .target
            .map(|t| (t, format!("Target {}", with_unit(t, unit)))),
        fmt: &fmt,
    })
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
