//! Writing a [`Table`] as csv or xlsx bytes. The xlsx has a frozen header
//! row, column widths, real dates, a drop-down list on each enum column, and
//! a fixed creation date so the same campaign gives the same bytes.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use super::{Cell, Table};
use crate::model::Date;

/// The table as csv text (header row first).
pub fn csv(table: &Table) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = table.columns.iter().map(|c| c.header).collect();
    w.write_record(&header).map_err(|e| e.to_string())?;
    for row in &table.rows {
        w.write_record(row.iter().map(Cell::shown))
            .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let (y, m, day) = (d.0.year(), d.0.month(), d.0.day());
    ExcelDateTime::from_ymd(y as u16, m as u8, day as u8)
}

/// The table as an xlsx workbook of one sheet; `created` is the date the
/// document properties give (today, so the bytes do not change within a day
/// or with `--today`).
pub fn xlsx(table: &Table, created: Date) -> Result<Vec<u8>, String> {
    build(table, created).map_err(|e| e.to_string())
}

fn build(table: &Table, created: Date) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let props = DocProperties::new()
        .set_title(table.name)
        .set_creation_datetime(&excel_date(created)?);
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name(table.name)?;
    lay_out(sheet, table)?;
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, r, c as u16, cell)?;
        }
    }
    book.save_to_buffer()
}

/// Header row, frozen; widths; drop-down lists on enum columns.
fn lay_out(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let last = u32::try_from(table.rows.len().max(1) + 200).unwrap_or(u32::MAX - 1);
    for (c, col) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, col.header, &bold)?;
        sheet.set_column_width(c, col.width)?;
        if !col.choices.is_empty() {
            // Excel limits a written-out list to 255 characters; a longer
            // one (sectors) goes without a drop-down rather than fail.
            if let Ok(list) = DataValidation::new().allow_list_strings(&col.choices) {
                sheet.add_data_validation(1, c, last, c, &list)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_cell(sheet: &mut Worksheet, r: u32, c: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(r, c, s)?;
        }
        Cell::Number(n) => {
            sheet.write_number(r, c, *n)?;
        }
        Cell::Date(d) => {
            let format = Format::new().set_num_format("yyyy-mm-dd");
            sheet.write_datetime_with_format(r, c, excel_date(*d)?, &format)?;
        }
    }
    Ok(())
}
