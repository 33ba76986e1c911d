#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/missing-field.md"))]

//!
//! The schema check reports most missing keys while loading; here is the
//! one it cannot express: an agenda item on topic `other` needs a title.

use crate::campaign::{Document, Located};
use crate::diagnostic::Finding;
use crate::model::meeting::{AgendaItem, Topic};
use crate::rule::Rule;
use crate::rules::RuleContext;

const MESSAGE: &str = "an agenda item with topic `other` needs a `title`";
const HELP: &str = "add `title:` saying what the item is about";

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    for doc in &cx.campaign.documents {
        for item in untitled(doc) {
            cx.report(Rule::MissingField, item.at(), MESSAGE).help(HELP);
        }
    }
}

/// The same check on a document outside any campaign.
pub fn check_document(doc: &Document, out: &mut Vec<Finding>) {
    for item in untitled(doc) {
        out.push(
            Finding::error(Rule::MissingField, item.file, item.node.span, MESSAGE).with_help(HELP),
        );
    }
}

fn untitled(doc: &Document) -> Vec<Located<'_, AgendaItem>> {
    let Some(meeting) = doc.meeting_at() else {
        return Vec::new();
    };
    meeting
        .items("agenda", &meeting.value.agenda)
        .into_iter()
        .filter(|i| i.topic == Some(Topic::Other) && i.title.is_none())
        .collect()
}
