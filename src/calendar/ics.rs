//! RFC 5545 text: content lines folded at 75 octets, escaped values, date
//! and offset forms, and the VTIMEZONE of a zone.

use std::fmt::Write as _;

use jiff::civil;
use jiff::tz::{Offset, TimeZone, TimeZoneTransition};
use jiff::{SignedDuration, Timestamp};

/// The longest a content line may be, in octets, not counting its CRLF.
const LINE_LIMIT: usize = 75;

/// A VTIMEZONE for `tz` that is right for every instant in the years
/// `first..=last`: the observance in force when `first` begins, then every
/// transition up to the end of `last`, each written out as its own
/// STANDARD or DAYLIGHT block.
pub(super) fn vtimezone(out: &mut Lines, tzid: &str, tz: &TimeZone, first: i16, last: i16) {
    out.raw("BEGIN:VTIMEZONE");
    out.prop("TZID", &[], &escape_text(tzid));
    let begin = year_start(tz, first);
    let finish = last
        .checked_add(1)
        .and_then(|y| year_start(tz, y))
        .unwrap_or(Timestamp::MAX);
    let mut wrote = false;
    if let Some(begin) = begin {
        for t in transitions(tz, begin, finish) {
            observance(out, tz, &t);
            wrote = true;
        }
    }
    if !wrote {
        // A zone that has never changed its clocks (UTC, a fixed offset):
        // any instant gives its one offset.
        fixed_observance(out, tz, begin.unwrap_or(Timestamp::UNIX_EPOCH));
    }
    out.raw("END:VTIMEZONE");
}

/// The transition in force at `begin`, then every later one before
/// `finish`.
fn transitions(tz: &TimeZone, begin: Timestamp, finish: Timestamp) -> Vec<TimeZoneTransition<'_>> {
    let just_after = begin
        .checked_add(SignedDuration::from_secs(1))
        .unwrap_or(begin);
    let in_force = tz.preceding(just_after).next();
    let later = tz
        .following(just_after)
        .take_while(|t| t.timestamp() < finish);
    in_force.into_iter().chain(later).collect()
}

/// One STANDARD or DAYLIGHT block: the clocks change at `t`.
fn observance(out: &mut Lines, tz: &TimeZone, t: &TimeZoneTransition<'_>) {
    let from = t
        .timestamp()
        .checked_sub(SignedDuration::from_secs(1))
        .map_or(t.offset(), |before| tz.to_offset(before));
    let block = if t.dst().is_dst() {
        "DAYLIGHT"
    } else {
        "STANDARD"
    };
    out.raw(&format!("BEGIN:{block}"));
    out.prop(
        "DTSTART",
        &[],
        &ics_datetime(from.to_datetime(t.timestamp())),
    );
    out.prop("TZOFFSETFROM", &[], &ics_offset(from));
    out.prop("TZOFFSETTO", &[], &ics_offset(t.offset()));
    if !t.abbreviation().is_empty() {
        out.prop("TZNAME", &[], &escape_text(t.abbreviation()));
    }
    out.raw(&format!("END:{block}"));
}

/// The one STANDARD block of a zone whose offset never changes. RFC 5545
/// wants a DTSTART for every observance; the start of 1970 stands for
/// "always" (it is no event's date).
fn fixed_observance(out: &mut Lines, tz: &TimeZone, at: Timestamp) {
    let info = tz.to_offset_info(at);
    out.raw("BEGIN:STANDARD");
    out.raw("DTSTART:19700101T000000");
    out.prop("TZOFFSETFROM", &[], &ics_offset(info.offset()));
    out.prop("TZOFFSETTO", &[], &ics_offset(info.offset()));
    if !info.abbreviation().is_empty() {
        out.prop("TZNAME", &[], &escape_text(info.abbreviation()));
    }
    out.raw("END:STANDARD");
}

/// The instant `year` begins in `tz`.
fn year_start(tz: &TimeZone, year: i16) -> Option<Timestamp> {
    let day = civil::Date::new(year, 1, 1).ok()?;
    day.to_zoned_datetime(tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

/// `20261001`.
pub(super) fn ics_date(d: civil::Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// `20261001T100000`.
pub(super) fn ics_datetime(dt: civil::DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// A UTC-OFFSET value: `+0100`, `-0500`, `-001915` when seconds matter.
fn ics_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let abs = total.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// A TEXT value with backslash, semicolon, comma and line breaks escaped.
/// Other control characters, which TEXT may not hold, are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF and a lone CR are each one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, quoted when it holds a character that would end it.
fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// One content line folded to [`LINE_LIMIT`] octets per physical line, with
/// CRLF after each. Continuation lines start with a space, which counts
/// towards their length. Folds fall between characters, never inside one,
/// and never between a backslash and the character it escapes (RFC 5545
/// allows that, but some readers stumble on it).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut used = 0;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        // A backslash travels with the character after it.
        let unit_len = match rest[c.len_utf8()..].chars().next() {
            Some(next) if c == '\\' => c.len_utf8() + next.len_utf8(),
            _ => c.len_utf8(),
        };
        let (unit, after) = rest.split_at(unit_len);
        if used + unit.len() > LINE_LIMIT && used > 1 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push_str(unit);
        used += unit.len();
        rest = after;
    }
    out.push_str("\r\n");
    out
}

/// The calendar text as it is built.
#[derive(Default)]
pub(super) struct Lines {
    pub(super) text: String,
}

impl Lines {
    /// A line whose value needs no escaping.
    pub(super) fn raw(&mut self, line: &str) {
        self.text.push_str(&fold(line));
    }

    /// `NAME;PARAM=value:VALUE`; `value` must already be escaped.
    pub(super) fn prop(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = name.to_string();
        for (key, v) in params {
            let _ = write!(line, ";{key}={}", param_value(v));
        }
        line.push(':');
        line.push_str(value);
        self.raw(&line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The physical lines of some calendar text, without their CRLF.
    fn physical(text: &str) -> Vec<&str> {
        text.split_terminator("\r\n").collect()
    }

    /// Folds `line`, checking that no physical line is over 75 octets and
    /// that unfolding gives the line back.
    fn fold_within_75(line: &str) -> String {
        let folded = fold(line);
        for l in physical(&folded) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        folded
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:Launch"), "SUMMARY:Launch\r\n");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = format!("DESCRIPTION:{}", "a".repeat(200));
        let folded = fold_within_75(&line);
        let lines = physical(&folded);
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
    }

    #[test]
    fn folds_never_split_a_character() {
        // "é" is two octets and "🔥" four: a naive fold at 75 would cut them.
        for filler in 0..8 {
            let line = format!("SUMMARY:{}{}", "x".repeat(filler), "é🔥".repeat(40));
            for l in physical(&fold_within_75(&line)) {
                // Each physical line is valid UTF-8 on its own.
                assert!(std::str::from_utf8(l.as_bytes()).is_ok());
            }
        }
    }

    #[test]
    fn folds_keep_escapes_whole() {
        for filler in 0..4 {
            let line = format!("DESCRIPTION:{}{}", "x".repeat(filler), "\\n".repeat(60));
            for l in physical(&fold_within_75(&line)) {
                assert!(!l.ends_with('\\'), "{l}");
            }
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng"
        );
        assert_eq!(escape_text("bell\u{7}less"), "bellless");
        assert_eq!(
            escape_text("Test it. Trust it: £5"),
            "Test it. Trust it: £5"
        );
    }

    #[test]
    fn parameters_with_separators_are_quoted() {
        assert_eq!(param_value("Europe/London"), "Europe/London");
        assert_eq!(param_value("Odd:zone"), "\"Odd:zone\"");
    }

    #[test]
    fn offsets_are_written_as_utc_offsets() {
        assert_eq!(ics_offset(jiff::tz::offset(1)), "+0100");
        assert_eq!(ics_offset(jiff::tz::offset(-5)), "-0500");
        assert_eq!(ics_offset(Offset::UTC), "+0000");
        let lmt = Offset::from_seconds(-75).unwrap_or(Offset::UTC);
        assert_eq!(ics_offset(lmt), "-000115");
    }
}
