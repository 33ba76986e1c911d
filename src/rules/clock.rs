//! Rules about local times and the campaign's timezone.

use super::{Rule, emit};
use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::view::clock;
use crate::yaml::Seg::Key as K;

pub const TIME_IN_CLOCK_CHANGE_GAP: Rule = Rule::NonexistentLocalTime;

/// Report each meeting whose start falls in a clock-change gap.
pub fn check(campaign: &Campaign, out: &mut Vec<Finding>) {
    let name = campaign.settings().campaign().timezone();
    let Some(zone) = clock::zone(name) else {
        return;
    };
    for (doc, meeting) in campaign.meetings() {
        let Some(at) = meeting.date else {
            continue;
        };
        let Some(gap) = clock::gap(at.0, &zone) else {
            continue;
        };
        let read_as = gap.read_as.strftime("%H:%M");
        out.push(
            emit(
                TIME_IN_CLOCK_CHANGE_GAP,
                &doc.file,
                doc.span(&[K("date")]),
                format!(
                    "{} does not exist in {name}: the clocks go forward {} then",
                    at.0.strftime("%H:%M on %Y-%m-%d"),
                    how_long(gap.minutes)
                ),
            )
            .with_label(format!("calendars will show {read_as}"))
            .with_help(format!(
                "choose a time outside the clock change, such as {read_as}"
            )),
        );
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
