#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/metric-stage-suspect.md"))]

use crate::rule::Rule;
use crate::rules::{RuleContext, named, vocabulary};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for m in cx.campaign.metrics_at() {
        let (Some(stage), Some(text)) = (m.stage, &m.name) else {
            continue;
        };
        let Some(reads_as) = vocabulary::suspect_stage(text, stage) else {
            continue;
        };
        let name = named("metric", m.id.as_ref());
        cx.report(
            Rule::MetricStageSuspect,
            m.at_field("stage"),
            format!(
                "{name} is filed as `{}`, but “{text}” reads as an {} measure",
                stage.as_str(),
                reads_as.as_str()
            ),
        )
        .label(format!("the name suggests `{}`", reads_as.as_str()))
        .help(format!(
            "the GCS evaluation framework puts measures like this at `{}`: change `stage`, or rename the metric",
            reads_as.as_str()
        ));
    }
}
