//! The action log: every action of a campaign's meetings, filtered and
//! sorted by due date then id, as a table, JSON or CSV. Pure: the command
//! loads the campaign and prints what this returns.

use comfy_table::Table;

use super::ActionView;
use super::meetings::action_view;
use super::names::Names;
use super::status::{Screen, or_dash, table};
use crate::campaign::Campaign;
use crate::model::Date;

/// Which actions to keep, by where they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every action, whatever its status.
    #[default]
    All,
    /// Open actions.
    Open,
    /// Open actions whose due date has passed.
    Overdue,
    /// Open actions due within this many days of today, overdue ones
    /// included (they are still to do).
    DueWithin(u32),
}

/// What `collab action list` asks for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Only actions owned by this partner id.
    pub owner: Option<String>,
    pub filter: Filter,
}

/// The actions of `campaign` that match `query`, sorted by due date (those
/// without one last) then id.
pub fn list(campaign: &Campaign, today: Date, query: &Query) -> Vec<ActionView> {
    let names = Names::of(campaign);
    let mut rows: Vec<(Option<Date>, ActionView)> = campaign
        .meetings()
        .flat_map(|(_, m)| m.actions.iter().map(move |a| (a, m)))
        .filter(|(a, _)| {
            query
                .owner
                .as_deref()
                .is_none_or(|o| a.owner.as_ref().is_some_and(|x| x.as_str() == o))
        })
        .filter(|(a, _)| keeps(query.filter, a, today))
        .map(|(a, m)| (a.due, action_view(a, m, today, &names)))
        .collect();
    rows.sort_by(|(da, a), (db, b)| {
        (da.is_none(), da.map(|d| d.0), &a.id).cmp(&(db.is_none(), db.map(|d| d.0), &b.id))
    });
    rows.into_iter().map(|(_, v)| v).collect()
}

fn keeps(filter: Filter, a: &crate::model::meeting::Action, today: Date) -> bool {
    use crate::model::meeting::ActionStatus;
    let open = a.status.unwrap_or_default() == ActionStatus::Open;
    match filter {
        Filter::All => true,
        Filter::Open => open,
        Filter::Overdue => open && a.due.is_some_and(|d| d.0 < today.0),
        Filter::DueWithin(days) => {
            let until = today.0.checked_add(jiff::Span::new().days(i64::from(days)));
            open && a.due.is_some_and(|d| until.is_ok_and(|u| d.0 <= u))
        }
    }
}

/// The actions as a table, or a line saying there are none.
pub fn human(actions: &[ActionView], screen: Screen) -> String {
    if actions.is_empty() {
        return "No actions match.\n".to_string();
    }
    let mut t: Table = table(
        screen,
        &["Due", "Id", "Action", "Owner", "Status", "Meeting"],
    );
    for a in actions {
        t.add_row(vec![
            a.due_label(),
            a.id.clone(),
            a.action.clone(),
            or_dash(a.owner_name.as_deref().or(a.owner.as_deref())),
            a.status.clone(),
            or_dash(a.meeting_title.as_deref().or(a.meeting.as_deref())),
        ]);
    }
    format!("{t}\n")
}

/// The actions as a pretty-printed JSON array.
pub fn json(actions: &[ActionView]) -> String {
    let mut s = serde_json::to_string_pretty(actions).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// The actions as CSV with a header row.
pub fn csv(actions: &[ActionView]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id", "action", "owner", "due", "status", "overdue", "meeting",
    ])
    .map_err(|e| e.to_string())?;
    for a in actions {
        w.write_record([
            a.id.as_str(),
            a.action.as_str(),
            a.owner.as_deref().unwrap_or(""),
            a.due.as_deref().unwrap_or(""),
            a.status.as_str(),
            if a.overdue { "true" } else { "false" },
            a.meeting.as_deref().unwrap_or(""),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
