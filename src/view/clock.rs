//! Wall-clock arithmetic in the campaign's timezone: the one way collab
//! works out when something ends or starts, used by the view (agenda item
//! times, a meeting's end), `status` and the calendar alike.
//!
//! Minutes are real elapsed time: a meeting across the night the clocks
//! change ends at the local time a clock on the wall would show. A local
//! time that does not exist (skipped when the clocks go forward) is read as
//! RFC 5545 and jiff's "compatible" rule read it: with the offset in force
//! before the change, so 01:30 in a gap from 01:00 to 02:00 is 02:30.

use jiff::Span;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

/// The campaign's timezone, or `None` for a name the database does not
/// know (then times are plain wall-clock times with no changes).
pub fn zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok()
}

/// The wall-clock time `minutes` after `start` in `zone`. No minutes
/// after a start is the start as written, even one in a gap.
pub fn add_minutes(start: DateTime, minutes: i64, zone: Option<&TimeZone>) -> Option<DateTime> {
    if minutes == 0 {
        return Some(start);
    }
    let span = Span::new().try_minutes(minutes).ok()?;
    match zone {
        Some(tz) => tz
            .to_zoned_datetime(start)
            .ok()?
            .checked_add(span)
            .ok()
            .map(|z| z.datetime()),
        None => start.checked_add(span).ok(),
    }
}

/// A local time the clocks skip in `zone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// How far the clocks go forward, in minutes.
    pub minutes: i64,
    /// The time calendars read it as.
    pub read_as: DateTime,
}

/// Whether `at` is a local time that does not exist in `zone`, because the
/// clocks go forward across it.
pub fn gap(at: DateTime, zone: &TimeZone) -> Option<Gap> {
    let ambiguous = zone.to_ambiguous_zoned_datetime(at);
    let AmbiguousOffset::Gap { before, after } = ambiguous.offset() else {
        return None;
    };
    let minutes = i64::from(after.seconds() - before.seconds()) / 60;
    let read_as = ambiguous.compatible().ok()?.datetime();
    Some(Gap { minutes, read_as })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn london() -> TimeZone {
        zone("Europe/London").expect("the bundled database knows London")
    }

    #[test]
    fn minutes_across_the_autumn_change_are_real_time() {
        // BST ends at 02:00 BST on 25 October 2026: the clocks go back to
        // 01:00. Three hours from 00:30 BST is 02:30 GMT.
        let start = date(2026, 10, 25).at(0, 30, 0, 0);
        let end = add_minutes(start, 180, Some(&london()));
        assert_eq!(end, Some(date(2026, 10, 25).at(2, 30, 0, 0)));
        // Without a zone the wall clock simply runs on.
        assert_eq!(
            add_minutes(start, 180, None),
            Some(date(2026, 10, 25).at(3, 30, 0, 0))
        );
    }

    #[test]
    fn minutes_across_the_spring_change_are_real_time() {
        let start = date(2027, 3, 28).at(0, 30, 0, 0);
        let end = add_minutes(start, 60, Some(&london()));
        assert_eq!(end, Some(date(2027, 3, 28).at(2, 30, 0, 0)));
    }

    #[test]
    fn a_skipped_time_is_a_gap() {
        let tz = london();
        let at = date(2027, 3, 28).at(1, 30, 0, 0);
        assert_eq!(
            gap(at, &tz),
            Some(Gap {
                minutes: 60,
                read_as: date(2027, 3, 28).at(2, 30, 0, 0),
            })
        );
        assert_eq!(gap(date(2027, 3, 28).at(2, 0, 0, 0), &tz), None);
        assert_eq!(gap(date(2027, 3, 28).at(0, 59, 0, 0), &tz), None);
        // The repeated hour in autumn exists (twice): not a gap.
        assert_eq!(gap(date(2026, 10, 25).at(1, 30, 0, 0), &tz), None);
    }

    #[test]
    fn huge_durations_give_none_not_a_panic() {
        let start = date(2026, 1, 1).at(9, 0, 0, 0);
        assert_eq!(add_minutes(start, i64::MAX, Some(&london())), None);
        assert_eq!(add_minutes(start, i64::from(u32::MAX), None), None);
    }
}
