//! Rules about local times and the campaign's timezone.

use super::{Family, Rule, emit, rule};
use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::model::config::RuleLevel;
use crate::view::clock;
use crate::yaml::Seg::Key as K;

pub const TIME_IN_CLOCK_CHANGE_GAP: &str = "nonexistent-local-time";

pub const RULES: &[Rule] = &[rule(
    Family::Planning,
    TIME_IN_CLOCK_CHANGE_GAP,
    RuleLevel::Warn,
    "a meeting at a local time that does not exist, skipped when the clocks go forward",
    "Warns when a meeting's `date` names a local time the clocks skip in the campaign's \
timezone: in Europe/London, 01:00 to 01:59 on the last Sunday of March.\n\n\
Why: nobody can meet at a time that never happens. Calendars read such a time with the offset \
in force before the change, so the invitation shows an hour later than the file says, and \
partners may turn up at different times.\n\n\
Fix: pick a time outside the change, usually the time the calendar shows.\n\n\
Bad (Europe/London):\n\n    date: 2027-03-28T01:30\n\n\
Good:\n\n    date: 2027-03-28T02:30\n",
)];

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
