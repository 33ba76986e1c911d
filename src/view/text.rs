//! How the view writes numbers and dates for readers: the one place a
//! typed value becomes text.

use crate::model::Date;
use crate::model::evaluation::Unit;

/// A number as people write it: "31", "2.5", "1,200".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let digits = format!("{}", n.abs() as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0.0 { format!("-{out}") } else { out }
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A figure in its unit: "45%", "£2,000", "1,200".
pub fn with_unit(n: f64, unit: Option<Unit>) -> String {
    match unit {
        Some(Unit::Percent) => format!("{}%", number(n)),
        Some(Unit::Pounds) => format!("£{}", number(n)),
        _ => number(n),
    }
}

/// A date as the view shows it: `YYYY-MM-DD`.
pub fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A date as readers write it: "2026-03-05" (or a date and time) → "5
/// March 2026". Text that does not start with a date is given back as it
/// is.
pub fn long_date(text: &str) -> String {
    text.get(..10).and_then(Date::parse).map_or_else(
        || text.to_string(),
        |d| d.0.strftime("%-d %B %Y").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(1200.0), "1,200");
        assert_eq!(number(31.0), "31");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-1234567.0), "-1,234,567");
        assert_eq!(with_unit(45.0, Some(Unit::Percent)), "45%");
        assert_eq!(with_unit(2000.0, Some(Unit::Pounds)), "£2,000");
        assert_eq!(with_unit(2000.0, Some(Unit::Count)), "2,000");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(long_date("2026-03-05"), "5 March 2026");
        assert_eq!(long_date("2026-11-24T18:30"), "24 November 2026");
        assert_eq!(long_date("soon"), "soon");
        assert_eq!(long_date("2026-13-01"), "2026-13-01");
    }
}
