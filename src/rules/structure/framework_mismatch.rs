#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/framework-mismatch.md"))]

use crate::campaign::Located;
use crate::model::Framework;
use crate::model::plan::Plan;
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
    let wrong: &[(&str, &str)] = match fw {
        Framework::Oasis => &[("research", "audience"), ("evaluation", "scoring")],
        Framework::Rosie => &[("audience", "research"), ("scoring", "evaluation")],
    };
    let other = match fw {
        Framework::Oasis => "ROSIE",
        Framework::Rosie => "OASIS",
    };
    for (bad, good) in wrong {
        if let Some(span) = plan.key_span_of(bad) {
            cx.report(
                Rule::FrameworkMismatch,
                plan.at_span(span),
                format!(
                    "`{bad}` is the {other} name for this section, but this is a{} {} plan",
                    if fw == Framework::Oasis { "n" } else { "" },
                    fw.as_str().to_uppercase()
                ),
            )
            .help(format!("rename it to `{good}`"));
        }
    }
}
