//! The geometry of a metric's trend chart: the figures over time, the
//! baseline and target as horizontal lines, and the target path. The
//! template only lays the SVG out from these numbers, which are text with
//! one decimal place so a re-render is byte-identical. Pure.

use serde::Serialize;

use super::progress::{TargetPath, days_between};
use crate::model::Date;

/// The whole chart, in SVG user units.
const WIDTH: f64 = 424.0;
const HEIGHT: f64 = 180.0;
/// The plot area inside it: room on the left for the scale, on the right
/// for the line labels, below for the dates.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 304.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 150.0;

/// One metric's chart, ready to lay out.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub width: String,
    pub height: String,
    pub left: String,
    pub right: String,
    pub top: String,
    pub bottom: String,
    /// Where the baseline and target labels start, right of the plot.
    pub label_x: String,
    /// The accessible name.
    pub title: String,
    /// The judgement and the latest figure, in a sentence or two.
    pub desc: String,
    /// `x,y x,y …` for the line through the figures.
    pub line: String,
    pub points: Vec<PointView>,
    /// The baseline and the target.
    pub levels: Vec<LevelView>,
    pub path: Option<SegmentView>,
    /// Dates along the bottom.
    pub dates: Vec<TickView>,
    /// The lowest and highest figures on the scale.
    pub scale: Vec<TickView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    pub x: String,
    pub y: String,
    /// "36% on 31 December 2026".
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    /// `baseline` or `target`.
    pub kind: String,
    pub y: String,
    /// Where the label's baseline sits, nudged apart when the two lines
    /// are close.
    pub label_y: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TickView {
    pub x: String,
    pub y: String,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: String,
}

/// What goes into a chart.
pub struct ChartInput<'a> {
    pub title: String,
    pub desc: String,
    /// Dated figures, oldest first.
    pub figures: &'a [(Date, f64, String)],
    pub path: Option<&'a TargetPath>,
    pub baseline: Option<(f64, String)>,
    pub target: Option<(f64, String)>,
    /// The lowest and highest figures, written in the metric's unit.
    pub fmt: &'a dyn Fn(f64) -> String,
}

/// One decimal place, never "-0.0".
fn n(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0 + 0.0)
}

/// A short date for the axis: "1 Dec 2026".
fn short(d: Date) -> String {
    d.0.strftime("%-d %b %Y").to_string()
}

/// The chart, or `None` when there is nothing dated to draw.
pub fn chart(input: &ChartInput<'_>) -> Option<ChartView> {
    let mut days: Vec<Date> = input.figures.iter().map(|f| f.0).collect();
    if let Some(p) = input.path {
        days.extend([p.start, p.end]);
    }
    let (first, last) = (*days.iter().min()?, *days.iter().max()?);
    let span = days_between(first, last).max(1.0);
    let x = |d: Date| LEFT + (RIGHT - LEFT) * days_between(first, d) / span;
    let mut values: Vec<f64> = input.figures.iter().map(|f| f.1).collect();
    values.extend(input.baseline.iter().map(|b| b.0));
    values.extend(input.target.iter().map(|t| t.0));
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = if hi > lo { (hi - lo) * 0.1 } else { 1.0 };
    let (lo, hi) = (lo - pad, hi + pad);
    let y = |v: f64| BOTTOM - (BOTTOM - TOP) * (v - lo) / (hi - lo);
    let points: Vec<PointView> = input
        .figures
        .iter()
        .map(|(d, v, label)| PointView {
            x: n(x(*d)),
            y: n(y(*v)),
            label: label.clone(),
        })
        .collect();
    Some(ChartView {
        width: format!("{WIDTH:.0}"),
        height: format!("{HEIGHT:.0}"),
        left: n(LEFT),
        right: n(RIGHT),
        top: n(TOP),
        bottom: n(BOTTOM),
        label_x: n(RIGHT + 6.0),
        title: input.title.clone(),
        desc: input.desc.clone(),
        line: points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" "),
        points,
        levels: levels(input, &y),
        path: input.path.map(|p| SegmentView {
            x1: n(x(p.start)),
            y1: n(y(p.baseline)),
            x2: n(x(p.end)),
            y2: n(y(p.target)),
        }),
        dates: dates(first, last),
        scale: scale(lo + pad, hi - pad, &y, input.fmt),
    })
}

fn levels(input: &ChartInput<'_>, y: &dyn Fn(f64) -> f64) -> Vec<LevelView> {
    let mut out: Vec<LevelView> = [("baseline", &input.baseline), ("target", &input.target)]
        .into_iter()
        .filter_map(|(kind, level)| {
            level.as_ref().map(|(v, text)| LevelView {
                kind: kind.to_string(),
                y: n(y(*v)),
                label_y: n(y(*v) + 4.0),
                label: text.clone(),
            })
        })
        .collect();
    // Keep the two labels at least a line apart.
    if let [a, b] = out.as_mut_slice() {
        let (ya, yb) = (y_of(&a.y), y_of(&b.y));
        if (ya - yb).abs() < 14.0 {
            let mid = (ya + yb) / 2.0;
            let (up, down) = if ya <= yb { (a, b) } else { (b, a) };
            up.label_y = n(mid - 7.0 + 4.0);
            down.label_y = n(mid + 7.0 + 4.0);
        }
    }
    out
}

fn y_of(s: &str) -> f64 {
    s.parse().unwrap_or(0.0)
}

fn dates(first: Date, last: Date) -> Vec<TickView> {
    let tick = |d: Date, x: f64, anchor: &str| TickView {
        x: n(x),
        y: n(BOTTOM + 18.0),
        text: short(d),
        anchor: anchor.to_string(),
    };
    if first == last {
        return vec![tick(first, LEFT, "start")];
    }
    vec![tick(first, LEFT, "start"), tick(last, RIGHT, "end")]
}

fn scale(lo: f64, hi: f64, y: &dyn Fn(f64) -> f64, fmt: &dyn Fn(f64) -> String) -> Vec<TickView> {
    let tick = |v: f64| TickView {
        x: n(LEFT - 6.0),
        y: n(y(v) + 4.0),
        text: fmt(v),
        anchor: "end".to_string(),
    };
    if hi > lo {
        vec![tick(lo), tick(hi)]
    } else {
        vec![tick(lo)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).expect("a test date")
    }

    #[test]
    fn the_chart_spans_the_path_and_the_figures_with_fixed_precision() {
        let m = crate::model::evaluation::Metric {
            baseline: Some(30.0),
            target: Some(40.0),
            ..Default::default()
        };
        let path = TargetPath::of(&m, Some(day("2026-01-01")), Some(day("2026-04-11")));
        let figures = vec![(
            day("2026-02-20"),
            35.0,
            "35 on 20 February 2026".to_string(),
        )];
        let fmt = |v: f64| format!("{v}");
        let c = chart(&ChartInput {
            title: "t".into(),
            desc: "d".into(),
            figures: &figures,
            path: path.as_ref(),
            baseline: Some((30.0, "Baseline 30".into())),
            target: Some((40.0, "Target 40".into())),
            fmt: &fmt,
        })
        .expect("a chart");
        // Half way along and half way up.
        assert_eq!(
            (c.points[0].x.as_str(), c.points[0].y.as_str()),
            ("184.0", "81.0")
        );
        let p = c.path.expect("a path");
        assert_eq!((p.x1.as_str(), p.x2.as_str()), ("64.0", "304.0"));
        assert_eq!(c.dates[1].text, "11 Apr 2026");
        assert_eq!(c.levels.len(), 2);
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        let fmt = |v: f64| format!("{v}");
        let c = chart(&ChartInput {
            title: "t".into(),
            desc: "d".into(),
            figures: &[],
            path: None,
            baseline: None,
            target: None,
            fmt: &fmt,
        });
        assert!(c.is_none());
    }
}
