//! `collab export` and `collab import`: spreadsheets out and in, run on
//! copies of the shipped examples.

mod common;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::run_in as run;
use common::{errors, example_copy, validate_json};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const TABLES: [(&str, &str, &str); 4] = [
    ("actions", "Action id", "venue-sign-up"),
    ("metrics", "Metric", "campaign-recall"),
    ("partners", "Partner", "northshire-police"),
    (
        "timeline",
        "Date",
        "Safer Streets initial partnering meeting",
    ),
];

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn evaluation(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("evaluation.yaml")).unwrap()
}

fn first_sheet(path: &Path) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    book.worksheet_range_at(0).unwrap().unwrap()
}

fn zipped(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn export_each_table_as_csv() {
    let tmp = example_copy("safer-streets");
    for (what, header, id) in TABLES {
        let out = run(tmp.path(), &["export", what]);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(header), "{what}: {text}");
        assert!(text.contains(id), "{what}: no {id} in\n{text}");
    }
    let out = run(tmp.path(), &["export", "actions"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(",2026-07-31,Done,initial-partnering"),
        "{text}"
    );
}

#[test]
fn export_each_table_as_xlsx() {
    let tmp = example_copy("safer-streets");
    for (what, header, id) in TABLES {
        let file = tmp.path().join(format!("{what}.xlsx"));
        let out = run(
            tmp.path(),
            &["export", what, "--out", &format!("{what}.xlsx")],
        );
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        let range = first_sheet(&file);
        assert_eq!(
            range.get((0, 0)),
            Some(&Data::String(header.into())),
            "{what}"
        );
        let cells: Vec<String> = range.used_cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(cells.iter().any(|c| c == id), "{what}: no {id}");
        let sheet = zipped(&file, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(r#"state="frozen""#),
            "{what}: header row not frozen"
        );
    }
    // Dates are real dates, and the status column offers only the statuses.
    let range = first_sheet(&tmp.path().join("actions.xlsx"));
    assert!(
        matches!(range.get((1, 3)), Some(Data::DateTime(_))),
        "{:?}",
        range.get((1, 3))
    );
    let sheet = zipped(&tmp.path().join("actions.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dataValidation type=\"list\""), "{sheet}");
    assert!(sheet.contains("\"Open,Done,Dropped\""), "{sheet}");
}

#[test]
fn xlsx_export_is_the_same_bytes_each_time() {
    let tmp = example_copy("safer-streets");
    let a = run(tmp.path(), &["export", "metrics", "--format", "xlsx"]);
    let b = run(tmp.path(), &["export", "metrics", "--format", "xlsx"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(a.stdout.starts_with(b"PK"));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn import_actuals_from_csv_with_written_figures() {
    let tmp = example_copy("safer-streets");
    let sheet = tmp.path().join("figures.csv");
    std::fs::write(
        &sheet,
        "metric,DATE,Value,Note\n\
         campaign-recall,24/11/2026,68.2%,November wave\n\
         Partner staff hours committed to the campaign,2026-11-24,\"1,250\",\n",
    )
    .unwrap();
    let dry = run(
        tmp.path(),
        &["import", "actuals", "figures.csv", "--dry-run"],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("add 68.2 for `campaign-recall`"));
    let before = evaluation(tmp.path());
    let out = run(tmp.path(), &["import", "actuals", "figures.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = evaluation(tmp.path());
    assert!(
        after.contains("- { date: 2026-11-24, value: 68.2, note: November wave }"),
        "{after}"
    );
    assert!(
        after.contains("- { date: 2026-11-24, value: 1250 }"),
        "{after}"
    );
    assert_eq!(after.lines().count(), before.lines().count() + 2);
    let (_, report) = validate_json(tmp.path(), &[]);
    assert!(errors(&report).is_empty(), "{report}");
    // The same sheet again adds nothing.
    let again = run(tmp.path(), &["import", "actuals", "figures.csv"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(evaluation(tmp.path()), after);
    assert!(
        stderr(&again).contains("already recorded"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_bad_row_is_refused_with_its_number_and_nothing_is_written() {
    let tmp = example_copy("safer-streets");
    std::fs::write(
        tmp.path().join("figures.csv"),
        "Metric,Date,Value,Note\n\
         campaign-recall,2026-11-24,31,\n\
         campaign-recall,2026-11-25,lots,\n\
         no-such-metric,2026-11-24,5,\n\
         staff-hours,2026-11-24,12%,\n",
    )
    .unwrap();
    let before = evaluation(tmp.path());
    let out = run(tmp.path(), &["import", "actuals", "figures.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("row 3: `lots` is not a number"), "{err}");
    assert!(err.contains("row 4: no metric `no-such-metric`"), "{err}");
    assert!(err.contains("row 5: `12%` is a percentage"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(evaluation(tmp.path()), before);
}

#[test]
fn round_trip_export_edit_in_a_spreadsheet_import() {
    let tmp = example_copy("safer-streets");
    let out = run(tmp.path(), &["export", "metrics", "--out", "metrics.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Copy the sheet into a new workbook, as a spreadsheet saves it, with
    // one more figure: a real date and a typed number.
    let range = first_sheet(&tmp.path().join("metrics.xlsx"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    sheet.write_number(r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    sheet.write_number(r, c, *i as f64).unwrap();
                }
                Data::DateTime(d) => {
                    let when = ExcelDateTime::from_serial_datetime(d.as_f64()).unwrap();
                    sheet.write_datetime_with_format(r, c, when, &date).unwrap();
                }
                _ => {}
            }
        }
    }
    let last = range.height() as u32;
    sheet.write_string(last, 0, "venue-briefings").unwrap();
    let when = ExcelDateTime::from_ymd(2026, 11, 23).unwrap();
    sheet
        .write_datetime_with_format(last, 6, when, &date)
        .unwrap();
    sheet.write_number(last, 7, 77.0).unwrap();
    sheet
        .write_string(last, 8, "From the sign-in sheets")
        .unwrap();
    book.save(tmp.path().join("edited.xlsx")).unwrap();

    let out = run(tmp.path(), &["import", "actuals", "edited.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "only the new figure: {stdout}");
    let after = evaluation(tmp.path());
    assert!(
        after.contains("- { date: 2026-11-23, value: 77, note: From the sign-in sheets }"),
        "{after}"
    );
    let (_, report) = validate_json(tmp.path(), &[]);
    assert!(errors(&report).is_empty(), "{report}");
}

#[test]
fn import_actions_changes_and_adds() {
    let tmp = example_copy("safer-streets");
    let out = run(tmp.path(), &["export", "actions", "--out", "actions.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(tmp.path().join("actions.csv")).unwrap();
    let edited = text.replace(
        "kingsmere-council,2026-11-25,Open,",
        "kingsmere-council,2026-11-27,done,",
    ) + ",Book the room for the final review,safe-nights,2027-01-05,Open,catch-up-november\n";
    assert!(edited.contains("2026-11-27,done"), "the sheet changed");
    std::fs::write(tmp.path().join("actions.csv"), &edited).unwrap();
    let out = run(tmp.path(), &["import", "actions", "actions.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("set due of action `party-season-creative` to 2026-11-27"),
        "{stdout}"
    );
    assert!(
        stdout.contains("set status of action `party-season-creative` to done"),
        "{stdout}"
    );
    assert!(
        stdout.contains("add action `book-the-room-for`"),
        "{stdout}"
    );
    let meeting =
        std::fs::read_to_string(tmp.path().join("meetings/catch-up-2026-11-18.yaml")).unwrap();
    assert!(
        meeting.contains("due: 2026-11-27, status: done }"),
        "{meeting}"
    );
    assert!(
        meeting.contains("Book the room for the final review"),
        "{meeting}"
    );
    let (_, report) = validate_json(tmp.path(), &[]);
    assert!(errors(&report).is_empty(), "{report}");
}

#[test]
fn import_actions_refuses_an_unknown_owner_and_writes_nothing() {
    let tmp = example_copy("safer-streets");
    let meetings = tmp.path().join("meetings/catch-up-2026-11-18.yaml");
    let before = std::fs::read_to_string(&meetings).unwrap();
    std::fs::write(
        tmp.path().join("a.csv"),
        "Action id,Owner,Status\nparty-season-creative,,Done\ndoor-staff-refresher,nobody,\n",
    )
    .unwrap();
    let out = run(tmp.path(), &["import", "actions", "a.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("row 3: owner `nobody` is not a partner id"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&meetings).unwrap(), before);
}
