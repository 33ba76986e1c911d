#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/framework-mismatch.md"))]

use crate::campaign::Located;
use crate::model::Framework;
use crate::model::plan::{Plan, Section};
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let info = campaign.config.info();
    let configured = info.framework;
    for plan in campaign.plans_at() {
        if let (Some(mine), Some(theirs)) = (plan.framework, configured)
            && mine != theirs
        {
            cx.report(
                Rule::FrameworkMismatch,
                plan.at_field("framework"),
                format!("the plan says `{mine}` but collab.toml says `{theirs}`"),
            )
            .related(info.at_field("framework"), format!("`{theirs}` here"));
        }
        if let Some(fw) = plan.framework.or(configured) {
            other_framework_sections(cx, &plan, fw);
        }
    }
}

/// Sections named the way the other framework names them.
fn other_framework_sections(cx: &mut RuleContext<'_>, plan: &Located<'_, Plan>, fw: Framework) {
    let other = match fw {
        Framework::Oasis => Framework::Rosie,
        Framework::Rosie => Framework::Oasis,
    };
    for section in Section::ALL {
        let Some((oasis, rosie)) = section.renamed() else {
            continue;
        };
        let (bad, good) = match fw {
            Framework::Oasis => (rosie, oasis),
            Framework::Rosie => (oasis, rosie),
        };
        if let Some(span) = plan.key_span_of(bad) {
            cx.report(
                Rule::FrameworkMismatch,
                plan.at_span(span),
                format!(
                    "`{bad}` is the {} name for this section, but this is a{} {} plan",
                    other.label(),
                    if fw == Framework::Oasis { "n" } else { "" },
                    fw.label()
                ),
            )
            .help(format!("rename it to `{good}`"));
        }
    }
}
