//! Spreadsheets in and out: `collab export` lays a campaign's lists out as
//! tables ([`tables`]) and writes them as csv or xlsx ([`out`]);
//! `collab import` reads a sheet ([`read`]) and plans the edits it asks
//! for ([`import`]), reading figures with [`figure::parse_figure`]. All
//! pure: the commands do the reading and writing of files.

pub mod figure;
pub mod import;
pub mod out;
pub mod read;
pub mod tables;

use crate::model::Date;

/// One cell of a sheet, typed so xlsx can hold real numbers and dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
}

impl Cell {
    /// Text, or nothing when `value` is `None`.
    pub fn text(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }

    /// The cell as a person reads it (csv writes this).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// One column: its header, width in characters and, for enum columns, the
/// labels a cell may hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: &'static str,
    pub width: f64,
    pub choices: Vec<String>,
}

impl Column {
    pub fn new(header: &'static str, width: f64) -> Column {
        Column {
            header,
            width,
            choices: Vec::new(),
        }
    }

    pub fn choosing(header: &'static str, width: f64, choices: Vec<String>) -> Column {
        Column {
            header,
            width,
            choices,
        }
    }
}

/// A table to export: a sheet name, its columns and one row per item.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// The spreadsheet formats collab reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// The format a file name's extension names, if any.
    pub fn from_path(path: &std::path::Path) -> Option<SheetFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(SheetFormat::Csv),
            "xlsx" => Some(SheetFormat::Xlsx),
            _ => None,
        }
    }
}
