//! The weekly update: what changed since a date, for the partners. Pure.
//!
//! It goes to every partner, so it holds what a partner may read: figures
//! and judgements (not figures in pounds, which are budgets), actions
//! with their owners' organisations, dates, and thanks. No contact
//! details, notes or budgets; the renderer also scrubs anything shaped
//! like an e-mail address or phone number from its text.

use serde::Serialize;

use super::meetings::action_view;
use super::metrics::{judgement, latest, path_figure, target_path};
use super::names::Names;
use super::public::is_public_milestone;
use super::text::long_date;
use super::text::with_unit;
use super::timeline::{self, EntryKind};
use super::{ActionView, TimelineEntry};
use crate::campaign::Campaign;
use crate::model::Date;
use crate::model::evaluation::{Metric, Unit};
use crate::model::meeting::{ActionStatus, MeetingType};

/// How far ahead "due soon" and "next dates" look, in days.
pub const AHEAD_DAYS: i64 = 14;
/// How many next dates the update lists at most.
const NEXT_DATES: usize = 6;

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// The first day the update covers (`YYYY-MM-DD`).
    pub since: String,
    /// Why it starts then: "the last catch-up meeting, on 13 November
    /// 2026", "seven days before today" or "the date asked for".
    pub since_reason: String,
    pub today: String,
    /// Figures dated from `since` to today, by date then metric.
    pub figures: Vec<FigureView>,
    /// Every metric (not in pounds) against its target path.
    pub positions: Vec<PositionView>,
    pub done: Vec<ActionView>,
    pub overdue: Vec<ActionView>,
    pub due_soon: Vec<ActionView>,
    pub next_dates: Vec<TimelineEntry>,
    /// Partners whose figures moved furthest towards target, most first.
    pub thanks: Vec<ThanksView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub metric: String,
    pub metric_name: String,
    pub value_text: String,
    pub date: String,
    /// The organisation that collects the metric.
    pub collected_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PositionView {
    pub metric: String,
    pub metric_name: String,
    pub position: String,
    pub position_label: String,
    pub latest_text: Option<String>,
    pub latest_date: Option<String>,
    pub expected_text: Option<String>,
    pub target_text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThanksView {
    pub partner: String,
    pub name: String,
    /// The metrics that moved, by name.
    pub metrics: Vec<String>,
    /// How far they moved towards target since `since`, in percentage
    /// points of the baseline-to-target distance, summed over the metrics.
    pub moved: u32,
}

/// Where the update starts when no date is asked for: the day of the
/// last catch-up meeting held by `today`, else seven days before today.
pub fn default_since(campaign: &Campaign, today: Date) -> (Date, String) {
    let catch_up = campaign
        .meetings_by_date()
        .into_iter()
        .filter(|m| m.kind == Some(MeetingType::CatchUp))
        .filter_map(|m| m.date.map(|d| d.date()))
        .filter(|d| *d <= today)
        .max();
    match catch_up {
        Some(d) => (
            d,
            format!(
                "the last catch-up meeting, on {}",
                long_date(&d.to_string())
            ),
        ),
        None => (
            Date(today.0.saturating_sub(jiff::Span::new().days(7))),
            "seven days before today".to_string(),
        ),
    }
}

/// The update for the days from `since` to `today`.
pub fn build(campaign: &Campaign, today: Date, since: Date, since_reason: String) -> UpdateView {
    let names = Names::of(campaign);
    let metrics: Vec<&Metric> = campaign
        .metrics()
        .map(|(_, _, m)| m)
        .filter(|m| m.unit != Some(Unit::Pounds))
        .collect();
    let (done, overdue, due_soon) = actions(campaign, today, since, &names);
    UpdateView {
        since: since.to_string(),
        since_reason,
        today: today.to_string(),
        figures: figures(&metrics, today, since, &names),
        positions: metrics
            .iter()
            .map(|m| position(campaign, m, today))
            .collect(),
        done,
        overdue,
        due_soon,
        next_dates: next_dates(campaign, today),
        thanks: thanks(campaign, &metrics, since, &names),
    }
}

fn id_of(m: &Metric) -> String {
    m.id.as_ref().map(|i| i.to_string()).unwrap_or_default()
}

fn figures(metrics: &[&Metric], today: Date, since: Date, names: &Names<'_>) -> Vec<FigureView> {
    let mut out: Vec<(Date, FigureView)> = metrics
        .iter()
        .flat_map(|m| m.actuals.iter().map(move |a| (m, a)))
        .filter_map(|(m, a)| {
            let (d, v) = (a.date?, a.value?);
            (d >= since && d <= today).then(|| {
                let view = FigureView {
                    metric: id_of(m),
                    metric_name: m.name.clone().unwrap_or_default(),
                    value_text: with_unit(v, m.unit),
                    date: d.to_string(),
                    collected_by: names.partner(m.owner.as_ref()),
                };
                (d, view)
            })
        })
        .collect();
    out.sort_by(|a, b| (a.0, &a.1.metric).cmp(&(b.0, &b.1.metric)));
    out.into_iter().map(|(_, f)| f).collect()
}

fn position(campaign: &Campaign, m: &Metric, today: Date) -> PositionView {
    let path = target_path(campaign, m);
    let judged = judgement(m, path.as_ref(), today);
    let last = latest(&m.actuals);
    PositionView {
        metric: id_of(m),
        metric_name: m.name.clone().unwrap_or_default(),
        position: judged.position.as_str().to_string(),
        position_label: judged.position.label().to_string(),
        latest_text: last.and_then(|a| a.value).map(|v| with_unit(v, m.unit)),
        latest_date: last.and_then(|a| a.date).map(|d| d.to_string()),
        expected_text: judged.expected.map(|v| path_figure(m, v)),
        target_text: m.target.map(|t| with_unit(t, m.unit)),
    }
}

type Actions = (Vec<ActionView>, Vec<ActionView>, Vec<ActionView>);

/// Actions done in the period (marked done and due from `since` to
/// today), open and overdue, and open and due in the next fortnight.
fn actions(campaign: &Campaign, today: Date, since: Date, names: &Names<'_>) -> Actions {
    let soon = Date(today.0.saturating_add(jiff::Span::new().days(AHEAD_DAYS)));
    let mut all: Vec<_> = campaign
        .meetings_by_date()
        .into_iter()
        .flat_map(|m| m.actions.iter().map(move |a| (m, a)))
        .collect();
    all.sort_by(|(_, a), (_, b)| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let (mut done, mut overdue, mut due_soon) = (Vec::new(), Vec::new(), Vec::new());
    for (m, a) in all {
        let view = || action_view(a, m, today, names);
        match (a.status.unwrap_or_default(), a.due) {
            (ActionStatus::Done, Some(d)) if d >= since && d <= today => done.push(view()),
            (ActionStatus::Open, Some(d)) if d < today => overdue.push(view()),
            (ActionStatus::Open, Some(d)) if d <= soon => due_soon.push(view()),
            _ => {}
        }
    }
    (done, overdue, due_soon)
}

/// The next milestones (the launch among them), meetings and blackout
/// windows from today (a window still running included), soonest first.
/// Approvals and submissions are left out, as in the partner pack, and a
/// meeting shows no time or place.
fn next_dates(campaign: &Campaign, today: Date) -> Vec<TimelineEntry> {
    let private: Vec<(Option<Date>, Option<&str>)> = campaign
        .plan()
        .map(|(_, p)| p.milestones())
        .unwrap_or_default()
        .iter()
        .filter(|m| !is_public_milestone(m.kind.map(|k| k.as_str())))
        .map(|m| (m.date, m.name.as_deref()))
        .collect();
    timeline::dated(campaign)
        .into_iter()
        .filter(|e| e.end.unwrap_or(e.date) >= today)
        .filter(|e| {
            e.kind != EntryKind::Milestone
                || !private.contains(&(Some(e.date), Some(e.title.as_str())))
        })
        .take(NEXT_DATES)
        .map(|mut e| {
            if e.kind == EntryKind::Meeting {
                e.detail = None;
            }
            e.view()
        })
        .collect()
}

/// How far `m` moved towards its target from the last figure before
/// `since` (or the baseline) to its latest figure, as a share of the
/// baseline-to-target distance; `None` without a figure since.
fn movement(m: &Metric, since: Date) -> Option<f64> {
    let (baseline, target) = (m.baseline?, m.target?);
    let span = target - baseline;
    if span.abs() < f64::EPSILON {
        return None;
    }
    let last = latest(&m.actuals)?;
    if last.date? < since {
        return None;
    }
    let before = m
        .actuals
        .iter()
        .filter(|a| a.date.is_some_and(|d| d < since))
        .filter(|a| a.value.is_some())
        .max_by_key(|a| a.date)
        .and_then(|a| a.value)
        .unwrap_or(baseline);
    Some((last.value? - before) / span)
}

fn thanks(
    campaign: &Campaign,
    metrics: &[&Metric],
    since: Date,
    names: &Names<'_>,
) -> Vec<ThanksView> {
    let mut out: Vec<ThanksView> = campaign
        .partners()
        .filter_map(|(_, _, p)| {
            let pid = p.id.as_ref()?;
            let mut moved = 0.0;
            let mut which = Vec::new();
            for m in metrics.iter().filter(|m| m.owner.as_ref() == Some(pid)) {
                if let Some(share) = movement(m, since).filter(|s| *s > 0.0) {
                    moved += share;
                    which.push(m.name.clone().unwrap_or_else(|| id_of(m)));
                }
            }
            let points = (moved * 100.0).round();
            (points >= 1.0).then(|| ThanksView {
                partner: pid.to_string(),
                name: names.partner(Some(pid)).unwrap_or_else(|| pid.to_string()),
                metrics: which,
                moved: points as u32,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.moved
            .cmp(&a.moved)
            .then_with(|| a.partner.cmp(&b.partner))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluation::Actual;

    fn day(s: &str) -> Date {
        Date::parse(s).expect("a test date")
    }

    fn figure(d: &str, v: f64) -> Actual {
        Actual {
            date: Some(day(d)),
            value: Some(v),
            ..Actual::default()
        }
    }

    #[test]
    fn movement_counts_from_the_last_figure_before_the_period() {
        let m = Metric {
            baseline: Some(100.0),
            target: Some(200.0),
            actuals: vec![figure("2026-01-01", 120.0), figure("2026-01-10", 150.0)],
            ..Metric::default()
        };
        assert_eq!(movement(&m, day("2026-01-05")), Some(0.3));
        // Nothing since: nothing to thank for.
        assert_eq!(movement(&m, day("2026-01-11")), None);
        // Everything since: from the baseline.
        assert_eq!(movement(&m, day("2025-12-01")), Some(0.5));
    }

    #[test]
    fn a_falling_target_moves_forward_when_the_figure_falls() {
        let m = Metric {
            baseline: Some(20.0),
            target: Some(10.0),
            actuals: vec![figure("2026-01-10", 15.0)],
            ..Metric::default()
        };
        assert_eq!(movement(&m, day("2026-01-01")), Some(0.5));
    }
}
