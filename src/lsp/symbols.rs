//! Document symbols: an outline of one file of a campaign (partners,
//! objectives, audiences, activities, milestones, metrics, agenda items and
//! actions), one group per list with its items inside. Pure.

use std::path::Path;
use std::sync::Arc;

use lsp_types::{DocumentSymbol, SymbolKind};

use crate::campaign::{Campaign, Fields, Located};
use crate::diagnostic::SourceFile;
use crate::model::Id;
use crate::source::Span;

use super::diagnostics::range;

/// One entry of the outline before it becomes a `DocumentSymbol`.
struct Item {
    name: String,
    detail: Option<String>,
    span: Span,
    select: Span,
}

/// An item from its located value: named by its id, else by `label`.
fn item<T: Fields>(l: &Located<'_, T>, id: Option<&Id>, label: Option<&str>) -> Item {
    let name = id
        .map(|i| i.as_str().to_string())
        .or_else(|| label.map(str::to_string))
        .unwrap_or_else(|| "(no id)".to_string());
    let select = if id.is_some() {
        l.span_of("id")
    } else {
        l.node.span
    };
    Item {
        name,
        detail: label.filter(|_| id.is_some()).map(str::to_string),
        span: l.node.span,
        select,
    }
}

/// The items of a list, each named by `names` (its id and its label).
fn list<'a, T: Fields + 'a>(
    located: impl IntoIterator<Item = Located<'a, T>>,
    names: impl Fn(&'a T) -> (Option<&'a Id>, Option<String>),
) -> Vec<Item> {
    located
        .into_iter()
        .map(|l| {
            let (id, label) = names(l.value);
            item(&l, id, label.as_deref())
        })
        .collect()
}

/// The outline of `file`, empty when it is not a document of `campaign`.
pub fn symbols(campaign: &Campaign, file: &Path) -> Vec<DocumentSymbol> {
    let Some(doc) = campaign.documents.iter().find(|d| d.file.path == file) else {
        return Vec::new();
    };
    let text = doc.file.source.text();
    let ours = |f: &Arc<SourceFile>| f.path == file;
    let mut groups: Vec<(&str, SymbolKind, Vec<Item>)> = Vec::new();
    let partners = campaign.partners_at().filter(|p| ours(p.file));
    let partners = list(partners, |p| (p.id.as_ref(), p.name.clone()));
    groups.push(("partners", SymbolKind::CLASS, partners));
    for plan in campaign.plans_at().filter(|p| ours(p.file)) {
        let objectives = list(plan.objectives(), |o| (o.id.as_ref(), o.statement.clone()));
        groups.push(("objectives", SymbolKind::OBJECT, objectives));
        let audiences = list(plan.audiences(), |a| (a.id.as_ref(), a.description.clone()));
        groups.push(("audiences", SymbolKind::INTERFACE, audiences));
        let activities = list(plan.activities(), |a| (a.id.as_ref(), a.name.clone()));
        groups.push(("activities", SymbolKind::EVENT, activities));
        let milestones = list(plan.milestones(), |m| (m.id.as_ref(), m.name.clone()));
        groups.push(("milestones", SymbolKind::EVENT, milestones));
    }
    let metrics = campaign.metrics_at().filter(|m| ours(m.file));
    let metrics = list(metrics, |m| (m.id.as_ref(), m.name.clone()));
    groups.push(("metrics", SymbolKind::NUMBER, metrics));
    for m in campaign.meetings_at().filter(|m| ours(m.file)) {
        let agenda = list(m.items("agenda", &m.value.agenda), |a| {
            let topic = a.topic.map(|t| t.label());
            (None, a.title.clone().or(topic))
        });
        groups.push(("agenda", SymbolKind::FIELD, agenda));
        let actions = list(m.items("actions", &m.value.actions), |a| {
            (a.id.as_ref(), a.action.clone())
        });
        groups.push(("actions", SymbolKind::FUNCTION, actions));
    }
    groups
        .into_iter()
        .filter(|(_, _, items)| !items.is_empty())
        .map(|(name, kind, items)| group(text, name, kind, items))
        .collect()
}

/// A group symbol spanning its items, with them as its children.
#[allow(deprecated)] // `deprecated` is a required field of DocumentSymbol
fn group(text: &str, name: &str, kind: SymbolKind, items: Vec<Item>) -> DocumentSymbol {
    let start = items.iter().map(|i| i.span.start).min().unwrap_or(0);
    let end = items.iter().map(|i| i.span.end).max().unwrap_or(start);
    let children = items
        .into_iter()
        .map(|i| DocumentSymbol {
            name: i.name,
            detail: i.detail,
            kind,
            tags: None,
            deprecated: None,
            range: range(text, i.span),
            selection_range: range(text, i.select),
            children: None,
        })
        .collect();
    let whole = range(text, Span::new(start, end));
    DocumentSymbol {
        name: name.to_string(),
        detail: None,
        kind: SymbolKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range: whole,
        selection_range: whole,
        children: Some(children),
    }
}
