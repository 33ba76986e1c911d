#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/evaluation-stage-gap.md"))]

use super::evaluation_anchor;
use crate::model::evaluation::Stage;
use crate::rule::Rule;
use crate::rules::RuleContext;

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let Some(at) = evaluation_anchor(campaign, "metrics") else {
        return;
    };
    for stage in [Stage::Output, Stage::Outtake, Stage::Outcome] {
        if !campaign.metrics_at().any(|m| m.stage == Some(stage)) {
            cx.report(
                Rule::EvaluationStageGap,
                at,
                format!("no metric measures the `{}` stage", stage.as_str()),
            )
            .help(stage_hint(stage));
        }
    }
}

fn stage_hint(stage: Stage) -> &'static str {
    match stage {
        Stage::Output => {
            "add a measure of what was done and reached, e.g. reach, impressions or events held"
        }
        Stage::Outtake => {
            "add a measure of what the audience took from it, e.g. awareness, recall or click-throughs"
        }
        Stage::Outcome => {
            "add a measure of what changed, e.g. the share of people who now do the thing you asked"
        }
        Stage::Input | Stage::Impact => "add a metric at this stage",
    }
}
