//! Progress against the target path: where a metric's latest figure stands
//! against the straight line from its baseline at launch to its target at
//! its deadline. One judgement, [`judge`], used by `status`, its JSON, the
//! evaluation pack and the weekly update. Pure.
//!
//! An in-season figure read against an end-of-season target shows little
//! progress even when the campaign is doing well; reading it against where
//! the path says the figure should be by that date does not.

use serde::Serialize;

use crate::model::Date;
use crate::model::evaluation::{Direction, Metric};

/// How close to the path counts as on it: this share of the distance from
/// the baseline to the target, either side of the path.
pub const TOLERANCE: f64 = 0.10;

/// Where the latest figure stands against the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// Further towards the target than the path asks by that date.
    Ahead,
    /// Within the tolerance of the path.
    OnTrack,
    /// Short of the path by more than the tolerance.
    Behind,
    /// A path, but no figure recorded yet.
    NoFigures,
    /// No path to judge against: the baseline, the target or the dates are
    /// missing.
    NoPath,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Ahead => "ahead",
            Position::OnTrack => "on-track",
            Position::Behind => "behind",
            Position::NoFigures => "no-figures",
            Position::NoPath => "no-path",
        }
    }

    pub fn parse(key: &str) -> Option<Position> {
        [
            Position::Ahead,
            Position::OnTrack,
            Position::Behind,
            Position::NoFigures,
            Position::NoPath,
        ]
        .into_iter()
        .find(|p| p.as_str() == key)
    }
}

/// The straight line from the baseline at `start` to the target at `end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetPath {
    pub start: Date,
    pub baseline: f64,
    pub end: Date,
    pub target: f64,
    /// +1 when success means going up, -1 when it means going down.
    sense: f64,
}

impl TargetPath {
    /// The path of `m` from `start` (the launch) to `end` (its deadline),
    /// when it has a baseline and a target.
    pub fn of(m: &Metric, start: Option<Date>, end: Option<Date>) -> Option<TargetPath> {
        let (baseline, target) = (m.baseline?, m.target?);
        let sense = if target > baseline {
            1.0
        } else if target < baseline || m.direction == Some(Direction::Decrease) {
            -1.0
        } else {
            1.0
        };
        Some(TargetPath {
            start: start?,
            baseline,
            end: end?,
            target,
            sense,
        })
    }

    /// Where the path stands on `day`: the baseline before the start, the
    /// target from the deadline on, a straight line between.
    pub fn value_at(&self, day: Date) -> f64 {
        if day <= self.start {
            return self.baseline;
        }
        if day >= self.end {
            return self.target;
        }
        let total = days_between(self.start, self.end);
        if total <= 0.0 {
            return self.target;
        }
        let gone = days_between(self.start, day);
        self.baseline + (self.target - self.baseline) * gone / total
    }

    /// How far either side of the path still counts as on it.
    pub fn tolerance(&self) -> f64 {
        (self.target - self.baseline).abs() * TOLERANCE
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> f64 {
    a.0.until((jiff::Unit::Day, b.0))
        .map_or(0.0, |span| f64::from(span.get_days()))
}

/// The judgement of one metric on one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    pub position: Position,
    /// Where the path stands on the latest figure's date.
    pub expected: Option<f64>,
}

/// Judge the latest figure (`value` taken on `day`) against `path`.
pub fn judge(path: Option<&TargetPath>, latest: Option<(Date, f64)>) -> Judgement {
    let Some(path) = path else {
        return Judgement {
            position: Position::NoPath,
            expected: None,
        };
    };
    let Some((day, value)) = latest else {
        return Judgement {
            position: Position::NoFigures,
            expected: None,
        };
    };
    let expected = path.value_at(day);
    // Positive when the figure is further along than the path.
    let lead = (value - expected) * path.sense;
    let slack = path.tolerance() + 1e-9;
    let position = if lead > slack {
        Position::Ahead
    } else if lead < -slack {
        Position::Behind
    } else {
        Position::OnTrack
    };
    Judgement {
        position,
        expected: Some(expected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).expect("a test date")
    }

    fn metric(baseline: f64, target: f64) -> Metric {
        Metric {
            baseline: Some(baseline),
            target: Some(target),
            ..Metric::default()
        }
    }

    /// 100 days from launch to deadline, so the path moves 1% a day.
    fn path(baseline: f64, target: f64) -> TargetPath {
        TargetPath::of(
            &metric(baseline, target),
            Some(day("2026-01-01")),
            Some(day("2026-04-11")),
        )
        .expect("a path")
    }

    fn at(p: &TargetPath, d: &str, v: f64) -> Position {
        judge(Some(p), Some((day(d), v))).position
    }

    #[test]
    fn an_increasing_target_is_judged_against_the_path_not_the_end() {
        let p = path(30.0, 40.0);
        // Half way through the path expects 35.
        assert_eq!(p.value_at(day("2026-02-20")), 35.0);
        assert_eq!(at(&p, "2026-02-20", 35.0), Position::OnTrack);
        assert_eq!(at(&p, "2026-02-20", 36.0), Position::OnTrack);
        assert_eq!(at(&p, "2026-02-20", 36.5), Position::Ahead);
        assert_eq!(at(&p, "2026-02-20", 33.5), Position::Behind);
    }

    #[test]
    fn a_decreasing_target_is_ahead_when_lower() {
        let p = path(200.0, 100.0);
        assert_eq!(p.value_at(day("2026-02-20")), 150.0);
        assert_eq!(at(&p, "2026-02-20", 130.0), Position::Ahead);
        assert_eq!(at(&p, "2026-02-20", 170.0), Position::Behind);
        assert_eq!(at(&p, "2026-02-20", 155.0), Position::OnTrack);
    }

    #[test]
    fn a_figure_on_the_line_or_at_the_edge_of_the_tolerance_is_on_track() {
        let p = path(0.0, 100.0);
        assert_eq!(at(&p, "2026-01-31", 30.0), Position::OnTrack);
        assert_eq!(at(&p, "2026-01-31", 40.0), Position::OnTrack);
        assert_eq!(at(&p, "2026-01-31", 20.0), Position::OnTrack);
        assert_eq!(at(&p, "2026-01-31", 19.0), Position::Behind);
    }

    #[test]
    fn without_figures_or_a_path_there_is_nothing_to_judge() {
        let p = path(30.0, 40.0);
        assert_eq!(judge(Some(&p), None).position, Position::NoFigures);
        assert_eq!(
            judge(None, Some((day("2026-02-01"), 1.0))).position,
            Position::NoPath
        );
        let no_baseline = Metric {
            target: Some(40.0),
            ..Metric::default()
        };
        let dates = (Some(day("2026-01-01")), Some(day("2026-04-11")));
        assert!(TargetPath::of(&no_baseline, dates.0, dates.1).is_none());
        assert!(TargetPath::of(&metric(1.0, 2.0), None, dates.1).is_none());
    }

    #[test]
    fn past_the_deadline_the_path_is_the_target_and_before_launch_the_baseline() {
        let p = path(30.0, 40.0);
        assert_eq!(p.value_at(day("2026-06-01")), 40.0);
        assert_eq!(at(&p, "2026-06-01", 38.0), Position::Behind);
        assert_eq!(at(&p, "2026-06-01", 39.5), Position::OnTrack);
        assert_eq!(p.value_at(day("2025-12-01")), 30.0);
        assert_eq!(at(&p, "2025-12-01", 30.0), Position::OnTrack);
    }

    #[test]
    fn a_flat_target_uses_the_direction() {
        let mut m = metric(10.0, 10.0);
        m.direction = Some(Direction::Decrease);
        let p =
            TargetPath::of(&m, Some(day("2026-01-01")), Some(day("2026-02-01"))).expect("a path");
        assert_eq!(at(&p, "2026-01-15", 9.0), Position::Ahead);
        assert_eq!(at(&p, "2026-01-15", 11.0), Position::Behind);
        assert_eq!(at(&p, "2026-01-15", 10.0), Position::OnTrack);
    }
}
