//! Evaluation rules: owned metrics at every stage and level, metric names
//! that match their stage, outcome metrics for every objective, targets on
//! the right side of the baseline, and an evaluation of the partnership.

pub mod evaluation_level_gap;
pub mod evaluation_stage_gap;
pub mod metric_stage_suspect;
pub mod metric_without_owner;
pub mod objective_without_outcome_metric;
pub mod partnership_evaluation_missing;
pub mod target_direction;

use crate::campaign::{At, Campaign};

/// Where a finding about the evaluation as a whole points: the `key` of
/// the first evaluation document, or its `kind`.
fn evaluation_anchor<'c>(campaign: &'c Campaign, key: &str) -> Option<At<'c>> {
    let doc = campaign.evaluations_at().next()?;
    Some(doc.at_span(doc.key_span_of(key).unwrap_or_else(|| doc.kind_span())))
}
