#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/nonexistent-local-time.md"))]

use crate::rule::Rule;
use crate::rules::RuleContext;
use crate::view::clock;

/// Report each meeting whose start falls in a clock-change gap.
pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let name = campaign.settings().campaign().timezone();
    let Some(zone) = clock::zone(name) else {
        return;
    };
    for meeting in campaign.meetings_at() {
        let Some(at) = meeting.date else {
            continue;
        };
        let Some(gap) = clock::gap(at.0, &zone) else {
            continue;
        };
        let read_as = gap.read_as.strftime("%H:%M");
        cx.report(
            Rule::NonexistentLocalTime,
            meeting.at_field("date"),
            format!(
                "{} does not exist in {name}: the clocks go forward {} then",
                at.0.strftime("%H:%M on %Y-%m-%d"),
                how_long(gap.minutes)
            ),
        )
        .label(format!("calendars will show {read_as}"))
        .help(format!(
            "choose a time outside the clock change, such as {read_as}"
        ));
    }
}

/// "an hour", "2 hours", "30 minutes".
fn how_long(minutes: i64) -> String {
    match minutes {
        60 => "an hour".to_string(),
        m if m % 60 == 0 => format!("{} hours", m / 60),
        m => format!("{m} minutes"),
    }
}
