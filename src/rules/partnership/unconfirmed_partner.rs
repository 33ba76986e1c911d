#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/unconfirmed-partner.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let launch = campaign.settings().campaign().launch;
    // From launch day on, an unconfirmed partner is an error.
    let launched = launch.is_some_and(|l| cx.today() >= l);
    for p in campaign.partners_at() {
        if p.confirmed.is_some() {
            continue;
        }
        let name = named("partner", p.id.as_ref());
        let message = if launched {
            format!("{name} has not confirmed in writing, and the campaign has launched")
        } else {
            format!("{name} has not confirmed in writing")
        };
        let reported = cx
            .report(Rule::UnconfirmedPartner, p.at(), message)
            .help("record the date of written confirmation as `confirmed: YYYY-MM-DD`");
        if launched {
            reported.error();
        }
    }
}
