//! Planning an import: every row of a sheet becomes an edit (a new figure,
//! a changed or new action) or a refusal with its row number and reason.
//! Nothing here writes; the command applies the plan only when nothing was
//! refused.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::Cell;
use super::figure::parse_figure;
use super::read::cell_date;
use crate::campaign::{Campaign, Document};
use crate::edit::YValue;
use crate::model::Date;
use crate::model::meeting::ActionStatus;

/// One step of a path into a YAML document, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// What to do at a path.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Append a mapping to the list at the path.
    Append(Vec<(String, YValue)>),
    /// Set the scalar at the path.
    Set(YValue),
}

/// One edit to one document, with the line that tells the user about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub file: PathBuf,
    pub doc: usize,
    pub path: Vec<Step>,
    pub op: Op,
    pub says: String,
}

/// What an import will do.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: Vec<Edit>,
    /// Rows already recorded, or asking for no change: left out.
    pub unchanged: Vec<usize>,
    /// Rows that cannot be placed: `row N: reason`.
    pub refused: Vec<String>,
}

/// Which column holds each field, from a header row matched
/// case-insensitively against each field's accepted names.
struct Columns(HashMap<&'static str, usize>);

impl Columns {
    fn find(header: &[Cell], fields: &[(&'static str, &[&str])]) -> Columns {
        let mut map = HashMap::new();
        for (i, cell) in header.iter().enumerate() {
            let name = cell.shown().trim().to_lowercase();
            if let Some((field, _)) = fields
                .iter()
                .find(|(_, names)| names.contains(&name.as_str()))
            {
                map.entry(*field).or_insert(i);
            }
        }
        Columns(map)
    }

    fn get<'r>(&self, row: &'r [Cell], field: &str) -> &'r Cell {
        self.0
            .get(field)
            .and_then(|&i| row.get(i))
            .unwrap_or(&Cell::Empty)
    }

    fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }
}

const ACTUAL_FIELDS: &[(&str, &[&str])] = &[
    ("metric", &["metric", "metric id", "id"]),
    ("name", &["name", "metric name"]),
    ("date", &["date"]),
    ("value", &["value", "figure", "actual"]),
    ("note", &["note", "notes"]),
];

fn file_of(doc: &Document) -> PathBuf {
    doc.file.path.clone()
}

/// Plan new `actuals` entries from rows of metric, date, value and note.
pub fn actuals(campaign: &Campaign, rows: &[Vec<Cell>]) -> Plan {
    let mut plan = Plan::default();
    let Some((header, body)) = rows.split_first() else {
        plan.refused.push("the sheet is empty".into());
        return plan;
    };
    let cols = Columns::find(header, ACTUAL_FIELDS);
    for need in ["date", "value"] {
        if !cols.has(need) {
            plan.refused
                .push(format!("row 1: no `{need}` column in the header"));
        }
    }
    if !cols.has("metric") && !cols.has("name") {
        plan.refused
            .push("row 1: no `metric` column in the header".into());
    }
    if !plan.refused.is_empty() {
        return plan;
    }
    let mut seen: HashSet<(String, Date, u64)> = campaign
        .metrics()
        .flat_map(|(_, _, m)| {
            let id = m.id.as_ref().map(|i| i.to_string()).unwrap_or_default();
            m.actuals
                .iter()
                .filter_map(move |a| Some((id.clone(), a.date?, a.value?.to_bits())))
        })
        .collect();
    for (n, row) in body.iter().enumerate() {
        let number = n + 2;
        match actual_row(campaign, &cols, row) {
            Ok(None) => {}
            Ok(Some((key, edit))) => {
                if seen.insert(key) {
                    plan.edits.push(edit);
                } else {
                    plan.unchanged.push(number);
                }
            }
            Err(why) => plan.refused.push(format!("row {number}: {why}")),
        }
    }
    plan
}

type Keyed = (String, Date, u64);

fn actual_row(
    campaign: &Campaign,
    cols: &Columns,
    row: &[Cell],
) -> Result<Option<(Keyed, Edit)>, String> {
    let (metric_cell, name_cell) = (cols.get(row, "metric"), cols.get(row, "name"));
    let (date_cell, value_cell) = (cols.get(row, "date"), cols.get(row, "value"));
    if *date_cell == Cell::Empty && *value_cell == Cell::Empty {
        // A blank row, or a metric the export listed with no figures yet.
        return Ok(None);
    }
    let wanted = match metric_cell {
        Cell::Empty => name_cell.shown(),
        cell => cell.shown(),
    };
    if wanted.trim().is_empty() {
        return Err("no metric named".into());
    }
    let (doc, i, m) = campaign
        .metrics()
        .find(|(_, _, m)| m.id.as_ref().is_some_and(|id| id.as_str() == wanted.trim()))
        .or_else(|| {
            campaign.metrics().find(|(_, _, m)| {
                m.name
                    .as_ref()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
        })
        .ok_or_else(|| format!("no metric `{wanted}` in this campaign"))?;
    let id = m.id.as_ref().map(|i| i.to_string()).unwrap_or_default();
    let date = cell_date(date_cell)
        .ok_or_else(|| format!("`{}` is not a date (write 2026-11-24)", date_cell.shown()))?;
    let value = match value_cell {
        Cell::Number(n) => *n,
        Cell::Date(_) => return Err("the value is a date, not a figure".into()),
        other => parse_figure(&other.shown(), m.unit)?,
    };
    let mut item = vec![
        ("date".to_string(), YValue::plain(date)),
        ("value".to_string(), figure(value)),
    ];
    let note = cols.get(row, "note").shown();
    if !note.trim().is_empty() {
        item.push(("note".to_string(), YValue::text(note.trim())));
    }
    let edit = Edit {
        file: file_of(doc),
        doc: doc.index,
        path: vec![Step::Key("metrics"), Step::Index(i), Step::Key("actuals")],
        op: Op::Append(item),
        says: format!("add {} for `{id}` on {date}", crate::view::number(value)),
    };
    Ok(Some(((id, date, value.to_bits()), edit)))
}

/// A figure as YAML writes it: whole numbers without a decimal point.
pub fn figure(n: f64) -> YValue {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        YValue::plain(n as i64)
    } else {
        YValue::plain(n)
    }
}

const ACTION_FIELDS: &[(&str, &[&str])] = &[
    ("id", &["action id", "id"]),
    ("action", &["action", "text"]),
    ("owner", &["owner"]),
    ("due", &["due", "due date"]),
    ("status", &["status"]),
    ("meeting", &["meeting", "meeting id"]),
];

/// Plan changes to existing actions (status, owner, due) and new actions.
pub fn actions(campaign: &Campaign, rows: &[Vec<Cell>]) -> Plan {
    let mut plan = Plan::default();
    let Some((header, body)) = rows.split_first() else {
        plan.refused.push("the sheet is empty".into());
        return plan;
    };
    let cols = Columns::find(header, ACTION_FIELDS);
    if !cols.has("id") && !cols.has("action") {
        plan.refused
            .push("row 1: no `action id` or `action` column in the header".into());
        return plan;
    }
    let mut taken: HashSet<String> = action_ids(campaign).into_iter().collect();
    for (n, row) in body.iter().enumerate() {
        let number = n + 2;
        match action_row(campaign, &cols, row, &mut taken) {
            Ok(edits) if edits.is_empty() => {
                if row.iter().any(|c| *c != Cell::Empty) {
                    plan.unchanged.push(number);
                }
            }
            Ok(edits) => plan.edits.extend(edits),
            Err(why) => plan.refused.push(format!("row {number}: {why}")),
        }
    }
    plan
}

fn action_ids(campaign: &Campaign) -> Vec<String> {
    campaign
        .meetings()
        .flat_map(|(_, m)| {
            m.actions
                .iter()
                .filter_map(|a| a.id.as_ref().map(|i| i.to_string()))
        })
        .collect()
}

/// The fields a row gives, checked: owner a partner id, due a date, status
/// a status key or label.
struct ActionCells {
    owner: Option<String>,
    due: Option<Date>,
    status: Option<ActionStatus>,
}

fn action_cells(campaign: &Campaign, cols: &Columns, row: &[Cell]) -> Result<ActionCells, String> {
    let owner = match cols.get(row, "owner") {
        Cell::Empty => None,
        cell => {
            let o = cell.shown();
            if !campaign
                .partners()
                .any(|(_, _, p)| p.id.as_ref().is_some_and(|i| i.as_str() == o))
            {
                return Err(format!("owner `{o}` is not a partner id"));
            }
            Some(o)
        }
    };
    let due = match cols.get(row, "due") {
        Cell::Empty => None,
        cell => {
            Some(cell_date(cell).ok_or_else(|| format!("due `{}` is not a date", cell.shown()))?)
        }
    };
    let status =
        match cols.get(row, "status") {
            Cell::Empty => None,
            cell => {
                let s = cell.shown().trim().to_lowercase();
                let found = ActionStatus::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s || v.label().to_lowercase() == s);
                Some(found.ok_or_else(|| {
                    format!("status `{}` is not open, done or dropped", cell.shown())
                })?)
            }
        };
    Ok(ActionCells { owner, due, status })
}

fn action_row(
    campaign: &Campaign,
    cols: &Columns,
    row: &[Cell],
    taken: &mut HashSet<String>,
) -> Result<Vec<Edit>, String> {
    if row.iter().all(|c| *c == Cell::Empty) {
        return Ok(Vec::new());
    }
    let cells = action_cells(campaign, cols, row)?;
    let id = cols.get(row, "id").shown().trim().to_string();
    let existing = campaign.meetings().find_map(|(doc, m)| {
        let i = m
            .actions
            .iter()
            .position(|a| a.id.as_ref().is_some_and(|x| x.as_str() == id))?;
        Some((doc, &m.actions[i], i))
    });
    match existing {
        Some((doc, action, i)) if !id.is_empty() => Ok(changes(doc, action, i, &id, &cells)),
        _ => new_action(campaign, cols, row, id, cells, taken).map(|e| vec![e]),
    }
}

fn changes(
    doc: &Document,
    a: &crate::model::meeting::Action,
    i: usize,
    id: &str,
    cells: &ActionCells,
) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut set = |key: &'static str, value: String| {
        out.push(Edit {
            file: file_of(doc),
            doc: doc.index,
            path: vec![Step::Key("actions"), Step::Index(i), Step::Key(key)],
            op: Op::Set(YValue::plain(&value)),
            says: format!("set {key} of action `{id}` to {value}"),
        });
    };
    if let Some(o) = &cells.owner
        && a.owner.as_ref().is_none_or(|x| x.as_str() != o)
    {
        set("owner", o.clone());
    }
    if let Some(d) = cells.due
        && a.due != Some(d)
    {
        set("due", d.to_string());
    }
    if let Some(s) = cells.status
        && a.status.unwrap_or_default() != s
    {
        set("status", s.as_str().to_string());
    }
    out
}

fn new_action(
    campaign: &Campaign,
    cols: &Columns,
    row: &[Cell],
    id: String,
    cells: ActionCells,
    taken: &mut HashSet<String>,
) -> Result<Edit, String> {
    let text = cols.get(row, "action").shown();
    if text.trim().is_empty() {
        return Err(format!(
            "no action `{id}` in this campaign, and no action text to add one"
        ));
    }
    let meeting = cols.get(row, "meeting").shown();
    let doc = campaign
        .meetings()
        .find(|(_, m)| m.id.as_ref().is_some_and(|i| i.as_str() == meeting.trim()))
        .map(|(d, _)| d)
        .ok_or_else(|| match meeting.trim() {
            "" => "a new action needs the id of its meeting".to_string(),
            m => format!("no meeting `{m}` in this campaign"),
        })?;
    let id = if id.is_empty() {
        fresh_id(&text, taken)
    } else {
        id
    };
    if !taken.insert(id.clone()) {
        return Err(format!("action `{id}` appears twice"));
    }
    let mut item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("action".to_string(), YValue::text(text.trim())),
    ];
    if let Some(o) = cells.owner {
        item.push(("owner".into(), YValue::plain(o)));
    }
    if let Some(d) = cells.due {
        item.push(("due".into(), YValue::plain(d)));
    }
    let status = cells.status.unwrap_or_default();
    item.push(("status".into(), YValue::plain(status.as_str())));
    Ok(Edit {
        file: file_of(doc),
        doc: doc.index,
        path: vec![Step::Key("actions")],
        op: Op::Append(item),
        says: format!("add action `{id}` to meeting `{}`", meeting.trim()),
    })
}

fn fresh_id(text: &str, taken: &HashSet<String>) -> String {
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    let base = crate::check::slug(&words.join(" "));
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
