//! The tables `collab export` writes, built from a loaded campaign: one row
//! per item, ids kept in a column, enum values as their labels.

use super::{Cell, Column, Table};
use crate::campaign::Campaign;
use crate::model::Id;
use crate::model::evaluation::{Metric, Stage, Unit};
use crate::model::meeting::ActionStatus;
use crate::model::partners::{CollabLevel, Sector};

/// The lists `collab export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Actions,
    Metrics,
    Partners,
    Timeline,
}

/// The table of `what` for a campaign.
pub fn table(campaign: &Campaign, what: What) -> Table {
    match what {
        What::Actions => actions(campaign),
        What::Metrics => metrics(campaign),
        What::Partners => partners(campaign),
        What::Timeline => timeline(campaign),
    }
}

fn id(v: &Option<Id>) -> Cell {
    Cell::text(v.as_ref().map(|i| i.as_str()))
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> String) -> Vec<String> {
    all.iter().map(|v| label(*v)).collect()
}

/// The header of the actions table, also read back by `import actions`.
pub const ACTION_HEADERS: [&str; 6] = ["Action id", "Action", "Owner", "Due", "Status", "Meeting"];

fn actions(campaign: &Campaign) -> Table {
    let widths = [24.0, 50.0, 22.0, 12.0, 12.0, 30.0];
    let columns = ACTION_HEADERS
        .iter()
        .zip(widths)
        .map(|(h, w)| match *h {
            "Status" => Column::choosing(h, w, labels(ActionStatus::ALL, ActionStatus::label)),
            _ => Column::new(h, w),
        })
        .collect();
    let mut rows = Vec::new();
    for m in campaign.meetings_by_date() {
        for a in &m.actions {
            rows.push(vec![
                id(&a.id),
                Cell::text(a.action.clone()),
                id(&a.owner),
                a.due.map_or(Cell::Empty, Cell::Date),
                Cell::text(a.status.map(ActionStatus::label)),
                id(&m.id),
            ]);
        }
    }
    Table {
        name: "Actions",
        columns,
        rows,
    }
}

fn metric_cells(m: &Metric) -> Vec<Cell> {
    let number = |n: Option<f64>| n.map_or(Cell::Empty, Cell::Number);
    vec![
        id(&m.id),
        Cell::text(m.name.clone()),
        Cell::text(m.stage.map(Stage::label)),
        Cell::text(m.unit.map(Unit::label)),
        number(m.baseline),
        number(m.target),
    ]
}

fn metrics(campaign: &Campaign) -> Table {
    let columns = vec![
        Column::new("Metric", 24.0),
        Column::new("Name", 50.0),
        Column::choosing("Stage", 12.0, labels(Stage::ALL, Stage::label)),
        Column::choosing("Unit", 10.0, labels(Unit::ALL, Unit::label)),
        Column::new("Baseline", 10.0),
        Column::new("Target", 10.0),
        Column::new("Date", 12.0),
        Column::new("Value", 12.0),
        Column::new("Note", 40.0),
    ];
    let mut rows = Vec::new();
    for (_, _, m) in campaign.metrics() {
        if m.actuals.is_empty() {
            let mut row = metric_cells(m);
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
            rows.push(row);
        }
        for a in &m.actuals {
            let mut row = metric_cells(m);
            row.push(a.date.map_or(Cell::Empty, Cell::Date));
            row.push(a.value.map_or(Cell::Empty, Cell::Number));
            row.push(Cell::text(a.note.clone()));
            rows.push(row);
        }
    }
    Table {
        name: "Metrics",
        columns,
        rows,
    }
}

fn regions(regions: &[String]) -> String {
    let shown: Vec<String> = regions
        .iter()
        .map(|r| crate::view::labels::label_as(crate::view::labels::Kind::Region, r))
        .collect();
    shown.join(", ")
}

fn partners(campaign: &Campaign) -> Table {
    let columns = vec![
        Column::new("Partner", 24.0),
        Column::new("Name", 40.0),
        Column::choosing("Sector", 22.0, labels(Sector::ALL, Sector::label)),
        Column::choosing("Level", 20.0, labels(CollabLevel::ALL, CollabLevel::label)),
        Column::new("Regions", 30.0),
        Column::new("Lead", 24.0),
        Column::new("Lead e-mail", 30.0),
        Column::new("Confirmed", 12.0),
        Column::new("Offers", 40.0),
    ];
    let rows = campaign
        .partners()
        .map(|(_, _, p)| {
            let lead = p.lead.as_ref();
            vec![
                id(&p.id),
                Cell::text(p.name.clone()),
                Cell::text(p.sector.map(Sector::label)),
                Cell::text(p.level.map(CollabLevel::label)),
                Cell::Text(regions(&p.regions)),
                Cell::text(lead.and_then(|c| c.name.clone())),
                Cell::text(lead.and_then(|c| c.email.as_ref().map(|e| e.0.clone()))),
                p.confirmed.map_or(Cell::Empty, Cell::Date),
                Cell::Text(
                    p.offers
                        .iter()
                        .map(|o| o.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]
        })
        .collect();
    Table {
        name: "Partners",
        columns,
        rows,
    }
}

fn timeline(campaign: &Campaign) -> Table {
    let columns = vec![
        Column::new("Date", 12.0),
        Column::new("End", 12.0),
        Column::new("Kind", 12.0),
        Column::new("Title", 50.0),
        Column::new("Detail", 40.0),
    ];
    let rows = crate::view::timeline::dated(campaign)
        .into_iter()
        .map(|e| {
            vec![
                Cell::Date(e.date),
                e.end.map_or(Cell::Empty, Cell::Date),
                Cell::Text(crate::view::label(e.kind.as_str())),
                Cell::Text(e.title),
                Cell::text(e.detail),
            ]
        })
        .collect();
    Table {
        name: "Timeline",
        columns,
        rows,
    }
}
