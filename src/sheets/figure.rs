//! Reading a figure as people write it in a spreadsheet or on the command
//! line: `68.2%`, `1,250`, `£12,500`, checked against the metric's unit.

use crate::model::evaluation::Unit;

/// The number in `text`, read according to `unit`: a `%` is allowed only
/// for a percentage, a `£` only for pounds; thousands may be separated by
/// commas (`1,250`) and spaces are ignored. The reason is given when the
/// text is not a figure.
pub fn parse_figure(text: &str, unit: Option<Unit>) -> Result<f64, String> {
    let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err("there is no figure".into());
    }
    if let Some(rest) = s.strip_suffix('%') {
        if !matches!(unit, Some(Unit::Percent) | None) {
            return Err(format!(
                "`{text}` is a percentage, but the metric counts {}",
                unit_words(unit)
            ));
        }
        s = rest.to_string();
    }
    let negative = s.starts_with('-');
    let body = s.trim_start_matches('-');
    let body = match body.strip_prefix('£') {
        Some(rest) if matches!(unit, Some(Unit::Pounds) | None) => rest,
        Some(_) => {
            return Err(format!(
                "`{text}` is in pounds, but the metric counts {}",
                unit_words(unit)
            ));
        }
        None => body,
    };
    if !thousands_ok(body) {
        return Err(format!("`{text}` is not a number"));
    }
    let digits = body.replace(',', "");
    let n: f64 = digits
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite())
        .ok_or_else(|| format!("`{text}` is not a number"))?;
    Ok(if negative { -n } else { n })
}

/// Commas, if any, group the whole part in threes: `1,250`, not `1,25`.
fn thousands_ok(body: &str) -> bool {
    let whole = body.split('.').next().unwrap_or_default();
    if !whole.contains(',') {
        return !body.contains(',');
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3)
        && !body[whole.len()..].contains(',')
}

fn unit_words(unit: Option<Unit>) -> &'static str {
    match unit {
        Some(Unit::Percent) => "a percentage",
        Some(Unit::Pounds) => "pounds",
        Some(Unit::Ratio) => "a ratio",
        Some(Unit::Count) | None => "a count",
    }
}

#[cfg(test)]
mod tests {
    use super::parse_figure;
    use crate::model::evaluation::Unit;

    #[test]
    fn reads_figures_by_unit() {
        assert_eq!(parse_figure("68.2%", Some(Unit::Percent)), Ok(68.2));
        assert_eq!(parse_figure("1,250", Some(Unit::Count)), Ok(1250.0));
        assert_eq!(parse_figure("£12,500", Some(Unit::Pounds)), Ok(12500.0));
        assert_eq!(parse_figure(" 42 ", None), Ok(42.0));
        assert_eq!(parse_figure("-£3.50", Some(Unit::Pounds)), Ok(-3.5));
    }

    #[test]
    fn refuses_what_the_unit_does_not_allow() {
        assert!(parse_figure("68%", Some(Unit::Count)).is_err());
        assert!(parse_figure("£5", Some(Unit::Percent)).is_err());
        assert!(parse_figure("1,25", Some(Unit::Count)).is_err());
        assert!(parse_figure("lots", None).is_err());
        assert!(parse_figure("", None).is_err());
        assert!(parse_figure("inf", None).is_err());
    }
}
