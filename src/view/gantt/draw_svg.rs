//! The chart as SVG text, for the HTML packs. Deterministic: numbers are
//! written with one decimal place, things in the model's order, and every
//! piece of text is escaped. Colours are fallbacks: the packs' style sheet
//! restyles the classes, and in forced-colours mode uses system colours;
//! shapes tell the kinds apart without colour (bars, diamonds, rings,
//! hatching, a solid launch line and a dashed today line).

use std::fmt::Write;

use super::{Gantt, Row, truncate};
use crate::model::Date;
use crate::xml::attr;

const WIDTH: f64 = 960.0;
const LABEL_X: f64 = 8.0;
const CHART_X: f64 = 250.0;
const CHART_W: f64 = 700.0;
const HEADER: f64 = 28.0;
const ROW: f64 = 22.0;
const FOOTER: f64 = 44.0;
/// Longest row label drawn, in characters; the table has the full text.
const LABEL_CHARS: usize = 36;

/// The chart as an `<svg>` element, ready to put inline in HTML.
pub fn svg(g: &Gantt) -> String {
    let rows = g.rows();
    let height = HEADER + ROW * rows.len() as f64 + FOOTER;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gantt\" role=\"img\" \
         aria-labelledby=\"gantt-title gantt-desc\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" \
         width=\"{WIDTH:.0}\" height=\"{height:.0}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let _ = writeln!(
        s,
        "<title id=\"gantt-title\">Timeline of {}</title>",
        attr(&g.campaign)
    );
    let _ = writeln!(
        s,
        "<desc id=\"gantt-desc\">{} The table after the chart gives the same facts.</desc>",
        attr(&g.summary())
    );
    s.push_str(
        "<defs><pattern id=\"gantt-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><line class=\"gantt-hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" \
         y2=\"6\" stroke=\"#505a5f\" stroke-width=\"2\"/></pattern></defs>\n",
    );
    if g.range.is_some() {
        let bottom = HEADER + ROW * rows.len() as f64;
        shading(&mut s, g, bottom);
        months(&mut s, g, bottom);
        for (i, row) in rows.iter().enumerate() {
            draw_row(&mut s, g, row, HEADER + ROW * i as f64);
        }
        lines(&mut s, g, bottom);
    } else {
        let _ = writeln!(
            s,
            "<text class=\"gantt-text\" x=\"{LABEL_X:.1}\" y=\"{:.1}\" fill=\"currentColor\">{}</text>",
            HEADER,
            attr(&g.summary())
        );
    }
    s.push_str("</svg>");
    s
}

/// The x of the start of `date`.
fn x(g: &Gantt, date: Date) -> f64 {
    let at = g.offset(date).clamp(0, g.days()) as f64;
    round(CHART_X + CHART_W * at / g.days() as f64)
}

/// The x of the end of `date`.
fn x_end(g: &Gantt, date: Date) -> f64 {
    let at = (g.offset(date) + 1).clamp(0, g.days()) as f64;
    round(CHART_X + CHART_W * at / g.days() as f64)
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Blackout windows, hatched from top to bottom of the chart.
fn shading(s: &mut String, g: &Gantt, bottom: f64) {
    for w in &g.blackouts {
        let (a, b) = (x(g, w.start), x_end(g, w.end));
        let _ = writeln!(
            s,
            "<rect class=\"gantt-shade\" x=\"{a:.1}\" y=\"{HEADER:.1}\" width=\"{:.1}\" \
             height=\"{:.1}\" fill=\"url(#gantt-hatch)\" opacity=\"0.35\"/>",
            b - a,
            bottom - HEADER
        );
    }
}

/// Month names along the top, with a grid line at each month's start.
/// Every month has its line while they are at least 10 units apart, and
/// its name while they are 70 apart; otherwise every second, third, …, so
/// a range of decades still draws a bounded number of lines.
fn months(s: &mut String, g: &Gantt, bottom: f64) {
    let per_month = CHART_W / g.months.len().max(1) as f64;
    let every = |gap: f64| (gap / per_month).ceil().max(1.0) as usize;
    let (line_step, name_step) = (every(10.0), every(70.0));
    for (i, m) in g.months.iter().enumerate() {
        let at = x(g, m.start);
        if i % line_step == 0 {
            let _ = writeln!(
                s,
                "<line class=\"gantt-grid\" x1=\"{at:.1}\" y1=\"{:.1}\" x2=\"{at:.1}\" \
                 y2=\"{bottom:.1}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>",
                HEADER - 8.0
            );
        }
        if i % name_step == 0 {
            let _ = writeln!(
                s,
                "<text class=\"gantt-text\" x=\"{:.1}\" y=\"{:.1}\" fill=\"currentColor\">{}</text>",
                at + 3.0,
                HEADER - 10.0,
                attr(&m.label)
            );
        }
    }
}

/// One row: its label on the left and its shape on the chart.
fn draw_row(s: &mut String, g: &Gantt, row: &Row<'_>, top: f64) {
    let base = top + 15.0;
    let (text, weight) = match row {
        Row::Group(gr) => (gr.name.clone(), " font-weight=\"bold\""),
        Row::Bar(b) => (format!("  {}", b.name), ""),
        Row::Milestone(m) => (format!("Milestone: {}", m.title), ""),
        Row::Meeting(m) => (format!("Meeting: {}", m.title), ""),
        Row::Blackout(w) => (format!("Blackout: {}", w.title), ""),
    };
    let _ = writeln!(
        s,
        "<text class=\"gantt-text\" x=\"{:.1}\" y=\"{base:.1}\" fill=\"currentColor\"{weight} \
         xml:space=\"preserve\">{}</text>",
        LABEL_X,
        attr(&truncate(&text, LABEL_CHARS, false))
    );
    match row {
        Row::Group(_) => {}
        Row::Bar(b) => match b.days() {
            Some((a, e)) => rect(s, "gantt-bar", x(g, a), x_end(g, e), top, "#1d70b8"),
            None => {
                let _ = writeln!(
                    s,
                    "<text class=\"gantt-text\" x=\"{CHART_X:.1}\" y=\"{base:.1}\" \
                     fill=\"currentColor\" font-style=\"italic\">No dates set</text>"
                );
            }
        },
        Row::Milestone(m) => diamond(s, x(g, m.date), top + ROW / 2.0),
        Row::Meeting(m) => {
            let cx = round((x(g, m.date) + x_end(g, m.date)) / 2.0);
            let _ = writeln!(
                s,
                "<circle class=\"gantt-meeting\" cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"5.0\" \
                 fill=\"#ffffff\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>",
                top + ROW / 2.0
            );
        }
        Row::Blackout(w) => rect(
            s,
            "gantt-blackout",
            x(g, w.start),
            x_end(g, w.end),
            top,
            "url(#gantt-hatch)",
        ),
    }
}

fn rect(s: &mut String, class: &str, a: f64, b: f64, top: f64, fill: &str) {
    let _ = writeln!(
        s,
        "<rect class=\"{class}\" x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12.0\" \
         fill=\"{fill}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>",
        top + 5.0,
        (b - a).max(2.0)
    );
}

fn diamond(s: &mut String, cx: f64, cy: f64) {
    let r = 6.0;
    let _ = writeln!(
        s,
        "<polygon class=\"gantt-milestone\" points=\"{cx:.1},{:.1} {:.1},{cy:.1} {cx:.1},{:.1} \
         {:.1},{cy:.1}\" fill=\"#0b0c0c\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>",
        cy - r,
        cx + r,
        cy + r,
        cx - r
    );
}

/// The launch line (solid) and the today line (dashed), labelled below
/// the chart.
fn lines(s: &mut String, g: &Gantt, bottom: f64) {
    let marks = [
        (g.launch, "gantt-launch", "", "Launch", 16.0),
        (
            Some(g.today),
            "gantt-today",
            " stroke-dasharray=\"4 3\"",
            "Today",
            34.0,
        ),
    ];
    for (date, class, dash, name, below) in marks {
        let Some(d) = date.filter(|d| g.shows(*d)) else {
            continue;
        };
        let at = x(g, d);
        let _ = writeln!(
            s,
            "<line class=\"{class}\" x1=\"{at:.1}\" y1=\"{:.1}\" x2=\"{at:.1}\" y2=\"{:.1}\" \
             stroke=\"#0b0c0c\" stroke-width=\"2\"{dash}/>",
            HEADER - 4.0,
            bottom + below - 12.0
        );
        // Labels right of the line, or left of it in the chart's right half.
        let (tx, anchor) = if at > CHART_X + CHART_W / 2.0 {
            (at - 4.0, "end")
        } else {
            (at + 4.0, "start")
        };
        let _ = writeln!(
            s,
            "<text class=\"gantt-text\" x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" \
             fill=\"currentColor\">{name} {d}</text>",
            bottom + below
        );
    }
}
