//! The chart in a terminal: block characters, or plain ASCII.

use unicode_width::UnicodeWidthStr;

use super::{Gantt, Row, truncate};
use crate::model::Date;

/// The characters one style draws with.
struct Glyphs {
    full: char,
    half: char,
    milestone: char,
    meeting: char,
    blackout: char,
    launch: char,
    today: char,
}

const UNICODE: Glyphs = Glyphs {
    full: '█',
    half: '▌',
    milestone: '◆',
    meeting: '●',
    blackout: '░',
    launch: '│',
    today: '┆',
};

const ASCII: Glyphs = Glyphs {
    full: '#',
    half: '=',
    milestone: '*',
    meeting: 'o',
    blackout: '.',
    launch: '|',
    today: ':',
};

/// Narrowest chart area drawn, in columns.
const MIN_CHART: usize = 10;

/// The chart in `width` columns (no line is wider), with block
/// characters or, when `ascii`, plain ASCII.
pub fn terminal(g: &Gantt, width: usize, ascii: bool) -> String {
    let glyphs = if ascii { &ASCII } else { &UNICODE };
    let width = width.max(MIN_CHART + 8);
    let mut out = String::new();
    let title = match (g.months.first(), g.months.last()) {
        (Some(a), Some(b)) => format!("Timeline of {}, {} to {}", g.campaign, a.label, b.label),
        _ => format!("Timeline of {}", g.campaign),
    };
    out.push_str(&truncate(&title, width, ascii));
    out.push('\n');
    if g.range.is_none() {
        out.push_str(&truncate(&g.summary(), width, ascii));
        out.push_str("\n\n");
        return out;
    }
    let rows = g.rows();
    let longest = rows
        .iter()
        .map(|r| label(r, glyphs).width())
        .max()
        .unwrap_or(0);
    let label_width = longest.clamp(8, (width * 2 / 5).max(8));
    let chart = width.saturating_sub(label_width + 1).max(MIN_CHART);
    let label_width = width - chart - 1;
    let line = |label: &str, cells: String| {
        let text = truncate(label, label_width, ascii);
        let pad = label_width.saturating_sub(text.width());
        let joined = format!("{text}{} {cells}", " ".repeat(pad));
        format!("{}\n", joined.trim_end())
    };
    out.push_str(&line("", month_line(g, chart)));
    for row in &rows {
        out.push_str(&line(&label(row, glyphs), cells(g, row, chart, glyphs)));
    }
    out.push_str(&key(g, glyphs, width));
    out.push('\n');
    out
}

/// The label of a row: group names flush left, the rest indented.
fn label(row: &Row<'_>, glyphs: &Glyphs) -> String {
    match row {
        Row::Group(g) => g.name.clone(),
        Row::Bar(b) => format!("  {}", b.name),
        Row::Milestone(m) => format!("{} {}", glyphs.milestone, m.title),
        Row::Meeting(m) => format!("{} {}", glyphs.meeting, m.title),
        Row::Blackout(w) => format!("{} {}", glyphs.blackout, w.title),
    }
}

/// Month names placed at the column each month starts: "Jan 2026" when
/// every month has room for it, else "Jan", leaving out a month whose name
/// would run into the one before.
fn month_line(g: &Gantt, chart: usize) -> String {
    let starts: Vec<usize> = g.months.iter().map(|m| g.column(m.start, chart)).collect();
    let place = |long: bool| {
        let mut cells = vec![' '; chart];
        let mut free = 0;
        let mut all = true;
        for (m, &at) in g.months.iter().zip(&starts) {
            let text = if long { &m.label } else { &m.short };
            let n = text.chars().count();
            if at < free || at + n > chart {
                all = false;
                continue;
            }
            for (k, c) in text.chars().enumerate() {
                cells[at + k] = c;
            }
            free = at + n + 1;
        }
        (all, cells.into_iter().collect::<String>())
    };
    match place(true) {
        (true, line) => line,
        _ => place(false).1,
    }
}

/// The chart cells of one row, over the blackout shading and the launch
/// and today lines.
fn cells(g: &Gantt, row: &Row<'_>, chart: usize, glyphs: &Glyphs) -> String {
    let mut cells = vec![' '; chart];
    for w in &g.blackouts {
        let (a, b) = (g.column(w.start, chart), g.column(w.end, chart));
        cells[a..=b.max(a)].fill(glyphs.blackout);
    }
    if let Some(l) = g.launch.filter(|d| g.shows(*d)) {
        cells[g.column(l, chart)] = glyphs.launch;
    }
    if g.shows(g.today) {
        cells[g.column(g.today, chart)] = glyphs.today;
    }
    match row {
        Row::Group(_) => {}
        Row::Bar(b) => match b.days() {
            Some((start, end)) => bar(g, start, end, chart, glyphs, &mut cells),
            None => return "(no dates)".chars().take(chart).collect(),
        },
        Row::Milestone(m) => cells[g.column(m.date, chart)] = glyphs.milestone,
        Row::Meeting(m) => cells[g.column(m.date, chart)] = glyphs.meeting,
        Row::Blackout(w) => bar(g, w.start, w.end, chart, glyphs, &mut cells),
    }
    cells.into_iter().collect()
}

/// Fill the cells from `start` to the end of `end`: whole cells with the
/// full block, a last cell the bar covers half of or less with the half
/// block.
fn bar(g: &Gantt, start: Date, end: Date, chart: usize, glyphs: &Glyphs, cells: &mut [char]) {
    let days = g.days();
    let first = g.column(start, chart);
    let reach = (g.offset(end) + 1).clamp(1, days) * chart as i64;
    let (whole, rest) = ((reach / days) as usize, reach % days);
    let whole = whole.min(chart);
    for c in cells.iter_mut().take(whole).skip(first) {
        *c = glyphs.full;
    }
    if rest > 0 && whole < chart {
        cells[whole] = if rest * 2 <= days && whole > first {
            glyphs.half
        } else {
            glyphs.full
        };
    } else if whole <= first {
        cells[first] = glyphs.full;
    }
}

/// What the characters mean, wrapped to `width`.
fn key(g: &Gantt, glyphs: &Glyphs, width: usize) -> String {
    let mut items = vec![
        format!("{} activity", glyphs.full),
        format!("{} milestone", glyphs.milestone),
        format!("{} meeting", glyphs.meeting),
        format!("{} blackout", glyphs.blackout),
    ];
    if let Some(l) = g.launch.filter(|d| g.shows(*d)) {
        items.push(format!("{} launch {l}", glyphs.launch));
    }
    if g.shows(g.today) {
        items.push(format!("{} today {}", glyphs.today, g.today));
    }
    let mut out = String::new();
    let mut line = String::from("Key:");
    for item in items {
        if line.width() + 2 + item.width() > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from("    ");
        } else {
            line.push_str("  ");
        }
        line.push_str(&item);
    }
    out.push_str(&line);
    out.push('\n');
    out
}
