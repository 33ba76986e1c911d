//! Reading a sheet (csv, or the first worksheet of an xlsx workbook) into
//! rows of [`Cell`]s, the header row first.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Cell, SheetFormat};
use crate::model::Date;

/// The rows of a sheet given as bytes.
pub fn rows(bytes: &[u8], format: SheetFormat) -> Result<Vec<Vec<Cell>>, String> {
    match format {
        SheetFormat::Csv => csv_rows(bytes),
        SheetFormat::Xlsx => xlsx_rows(bytes),
    }
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("not readable as csv: {e}"))?;
        out.push(record.iter().map(text_cell).collect());
    }
    Ok(out)
}

fn text_cell(s: &str) -> Cell {
    let s = s.trim();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, String> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not readable as xlsx: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no worksheet")?
        .map_err(|e| format!("not readable as xlsx: {e}"))?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(data_cell).collect())
        .collect())
}

/// Excel counts days from 1899-12-30 (after its 1900 leap-year slip).
fn serial_date(serial: f64) -> Option<Date> {
    let base = jiff::civil::date(1899, 12, 30);
    let days = serial.floor();
    if !(1.0..3_000_000.0).contains(&days) {
        return None;
    }
    base.checked_add(jiff::Span::new().days(days as i64))
        .ok()
        .map(Date)
}

fn data_cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => serial_date(dt.as_f64())
            .map(Cell::Date)
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(s) => Date::parse(s.get(..10).unwrap_or(s))
            .map(Cell::Date)
            .unwrap_or_else(|| text_cell(s)),
        Data::DurationIso(s) => text_cell(s),
    }
}

/// A date from a cell: a date cell, or text such as `2026-11-24` or the
/// British `24/11/2026`.
pub fn cell_date(cell: &Cell) -> Option<Date> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Text(s) => Date::parse(s).or_else(|| british_date(s)),
        Cell::Number(_) | Cell::Empty => None,
    }
}

fn british_date(s: &str) -> Option<Date> {
    let mut parts = s.split('/');
    let d: i8 = parts.next()?.trim().parse().ok()?;
    let m: i8 = parts.next()?.trim().parse().ok()?;
    let y: i16 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() || y < 1000 {
        return None;
    }
    jiff::civil::Date::new(y, m, d).ok().map(Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_cells() {
        let want = Date::parse("2026-11-24");
        assert_eq!(cell_date(&Cell::Text("24/11/2026".into())), want);
        assert_eq!(cell_date(&Cell::Text("2026-11-24".into())), want);
        assert_eq!(serial_date(46350.0), want);
        assert_eq!(cell_date(&Cell::Text("31/02/2026".into())), None);
    }
}
