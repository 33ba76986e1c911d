//! Housekeeping: in-place allow comments (`# collab: allow(rule-id) reason`)
//! and the rule that reports the ones that silence nothing.

pub mod allow;
pub mod unused_allow;

pub use allow::{Allow, AllowEntry, CommentLines, apply, item_starts, scan};
