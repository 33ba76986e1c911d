#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/milestone-after-launch.md"))]

use crate::model::plan::MilestoneType;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let info = campaign.config.info();
    let Some(launch) = info.launch else {
        return;
    };
    for m in plan.milestones() {
        let gating = matches!(
            m.kind,
            Some(
                MilestoneType::BudgetApproval
                    | MilestoneType::MinisterialSubmission
                    | MilestoneType::ChiefExecSubmission
            )
        );
        if let (true, Some(date)) = (gating, m.date)
            && date > launch
        {
            let name = named("milestone", m.id.as_ref());
            cx.report(
                Rule::MilestoneAfterLaunch,
                m.at_field("date"),
                format!("{name} is dated {date}, after launch on {launch}"),
            )
            .related(info.at_field("launch"), "launch")
            .help("approvals and submissions must come before launch: move it, or move the launch");
        }
    }
}
