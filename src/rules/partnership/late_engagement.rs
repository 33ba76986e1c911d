#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/late-engagement.md"))]

use super::initial_meetings;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let initial = initial_meetings(campaign);
    let cfg = campaign.config.located();
    if initial.is_empty() {
        if !campaign.documents.is_empty() {
            let span = cfg.key_span_of("campaign").unwrap_or(cfg.root.span);
            cx.report(
                Rule::LateEngagement,
                cfg.at_span(span),
                "there is no initial partnering meeting",
            )
            .help("add a meeting with `type: initial-partnering`, held well before launch");
        }
        return;
    }
    let info = campaign.config.info();
    let Some(launch) = info.launch else {
        return;
    };
    let weeks = cx.options.engagement_weeks;
    let earliest = initial
        .iter()
        .filter_map(|m| Some((m, m.date?)))
        .min_by_key(|(_, date)| *date);
    let Some((meeting, date)) = earliest else {
        return;
    };
    let days = (launch.0 - date.date().0).get_days();
    let needed = i32::try_from(weeks)
        .unwrap_or(i32::MAX / 7)
        .saturating_mul(7);
    if days < needed {
        cx.report(
            Rule::LateEngagement,
            meeting.at_field("date"),
            describe_gap(days, weeks),
        )
        .related(info.at_field("launch"), "launch")
        .help("hold the meeting earlier, or move the launch");
    }
}

fn describe_gap(days: i32, weeks: u32) -> String {
    let gap = if days < 0 {
        return format!(
            "the initial partnering meeting is {} days after launch; partners need it at least {weeks} weeks before",
            -days
        );
    } else if days % 7 == 0 {
        format!("{} weeks", days / 7)
    } else {
        format!("{days} days")
    };
    format!(
        "the initial partnering meeting is only {gap} before launch; partners need at least {weeks} weeks"
    )
}
