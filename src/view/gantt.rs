//! The timeline as a Gantt chart: one layout model, two renderers.
//!
//! [`Gantt`] holds what the chart shows, with typed dates: the months it
//! spans, activities as bars grouped by owner, milestones and meetings as
//! markers, blackout windows as shaded spans, and the launch and today
//! lines. [`svg`] draws it for the HTML packs and [`terminal`] with block
//! characters for `collab status --timeline`. Both place things through
//! the same arithmetic ([`Gantt::offset`]), so the two agree. Pure.

use jiff::ToSpan;
use serde::{Deserialize, Serialize};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::meetings;
use super::names::Names;
use crate::campaign::Campaign;
use crate::model::Date;
use crate::model::plan::{Activity, MilestoneType};

mod draw_svg;
mod draw_text;

pub use draw_svg::svg;
pub use draw_text::terminal;

/// The chart of one campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gantt {
    /// The campaign's name, for the chart's title.
    pub campaign: String,
    pub today: Date,
    /// The campaign's first day, launch and last day, from collab.toml.
    pub start: Option<Date>,
    pub launch: Option<Date>,
    pub end: Option<Date>,
    /// The first and last day drawn: whole months. `None` when nothing
    /// has a date.
    pub range: Option<Range>,
    /// The months of the range, in order.
    pub months: Vec<Month>,
    /// Activities grouped by owner, groups in the partners' order.
    pub groups: Vec<Group>,
    pub milestones: Vec<Marker>,
    pub meetings: Vec<Marker>,
    pub blackouts: Vec<Window>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    /// The first day of the month.
    pub start: Date,
    /// "Jan 2026".
    pub label: String,
    /// "Jan".
    pub short: String,
}

/// The activities of one owner (or one channel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The owner's partner id (or the channel's id); `None` for activities
    /// with no owner (or no channel).
    pub key: Option<String>,
    /// The partner's (or channel's) name, its id when it has none, or
    /// "No owner named" ("No channel named").
    pub name: String,
    pub bars: Vec<Bar>,
}

/// One activity. A bar with only one of its dates is one day long; one
/// with neither is listed but not drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub id: String,
    pub name: String,
    pub channel: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Bar {
    /// The first and last day drawn, when the activity has a date.
    pub fn days(&self) -> Option<(Date, Date)> {
        let start = self.start.or(self.end)?;
        let end = self.end.or(self.start)?.max(start);
        Some((start, end))
    }
}

/// A milestone or meeting on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub date: Date,
    pub title: String,
    /// The milestone's type, for milestones.
    pub kind: Option<MilestoneType>,
}

/// A blackout window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub title: String,
    pub start: Date,
    pub end: Date,
}

/// One line of the chart, top to bottom, as both renderers draw it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Row<'a> {
    Group(&'a Group),
    Bar(&'a Bar),
    Milestone(&'a Marker),
    Meeting(&'a Marker),
    Blackout(&'a Window),
}

/// The name shown for activities without an owner.
pub const NO_OWNER: &str = "No owner named";
/// The name shown for activities without a channel.
pub const NO_CHANNEL: &str = "No channel named";

/// What the bars are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// The partner who runs each activity.
    #[default]
    Owner,
    /// The partner channel each activity uses.
    Channel,
}

/// Build the chart of `campaign` as it stands on `today`, bars grouped by
/// owner.
pub fn build(campaign: &Campaign, today: Date) -> Gantt {
    build_by(campaign, today, GroupBy::Owner)
}

/// Build the chart with the bars grouped `by` owner or channel.
pub fn build_by(campaign: &Campaign, today: Date, by: GroupBy) -> Gantt {
    let info = campaign.settings().campaign();
    let names = Names::of(campaign);
    let plan = campaign.plan().map(|(_, p)| p);
    let activities = plan.map(|p| p.activities()).unwrap_or_default();
    // Groups come in the order partners.yaml lists the partners (or
    // their channels).
    let order: Vec<String> = campaign
        .partners()
        .flat_map(|(_, _, p)| match by {
            GroupBy::Owner => p.id.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
            GroupBy::Channel => p
                .channels
                .iter()
                .filter_map(|c| c.id.as_ref().map(|i| i.to_string()))
                .collect(),
        })
        .collect();
    let mut milestones: Vec<Marker> = plan
        .map(|p| p.milestones())
        .unwrap_or_default()
        .iter()
        .filter_map(|m| {
            Some(Marker {
                date: m.date?,
                title: m.name.clone().unwrap_or_default(),
                kind: m.kind,
            })
        })
        .collect();
    milestones.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
    let meetings = campaign
        .meetings_by_date()
        .into_iter()
        .filter_map(|m| {
            Some(Marker {
                date: m.date?.date(),
                title: meetings::title(m),
                kind: None,
            })
        })
        .collect();
    let mut blackouts: Vec<Window> = campaign
        .settings()
        .blackout
        .iter()
        .filter_map(|b| {
            let start = b.start?;
            Some(Window {
                title: b.name.clone().unwrap_or_else(|| "Blackout window".into()),
                start,
                end: b.end.unwrap_or(start).max(start),
            })
        })
        .collect();
    blackouts.sort_by(|a, b| (a.start, a.end, &a.title).cmp(&(b.start, b.end, &b.title)));
    let mut gantt = Gantt {
        campaign: info.name.clone().unwrap_or_default(),
        today,
        start: info.start,
        launch: info.launch,
        end: info.end,
        range: None,
        months: Vec::new(),
        groups: groups(activities, &names, &order, by),
        milestones,
        meetings,
        blackouts,
    };
    gantt.fit();
    gantt
}

/// Activities by owner (or channel): in `order`, then the ones not in it
/// by id, then activities with none. Within a group, by start, end and
/// id; activities without dates last.
pub fn groups(
    activities: &[Activity],
    names: &Names<'_>,
    order: &[String],
    by: GroupBy,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for a in activities {
        let id = match by {
            GroupBy::Owner => a.owner.as_ref(),
            GroupBy::Channel => a.channel.as_ref(),
        };
        let key = id.map(|o| o.to_string());
        let bar = Bar {
            id: a.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            name: a.name.clone().unwrap_or_default(),
            channel: names.channel(a.channel.as_ref()),
            start: a.start,
            end: a.end,
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.bars.push(bar),
            None => groups.push(Group {
                name: match by {
                    GroupBy::Owner => names.partner(id),
                    GroupBy::Channel => names.channel(id),
                }
                .or_else(|| key.clone())
                .unwrap_or_else(|| match by {
                    GroupBy::Owner => NO_OWNER.to_string(),
                    GroupBy::Channel => NO_CHANNEL.to_string(),
                }),
                key,
                bars: vec![bar],
            }),
        }
    }
    let rank = |g: &Group| match &g.key {
        None => (2, usize::MAX, String::new()),
        Some(o) => match order.iter().position(|p| p == o) {
            Some(i) => (0, i, String::new()),
            None => (1, 0, o.clone()),
        },
    };
    groups.sort_by_key(rank);
    for g in &mut groups {
        g.bars.sort_by(|a, b| bar_key(a).cmp(&bar_key(b)));
    }
    groups
}

fn bar_key(b: &Bar) -> (bool, Option<(Date, Date)>, &str) {
    let days = b.days();
    (days.is_none(), days, b.id.as_str())
}

impl Gantt {
    /// The chart a reader outside the joint team may see: no meetings,
    /// and milestones of the public kinds only (as in the partner pack).
    pub fn public(&self) -> Gantt {
        let mut public = Gantt {
            meetings: Vec::new(),
            milestones: self
                .milestones
                .iter()
                .filter(|m| super::public::is_public_milestone(m.kind.map(|k| k.as_str())))
                .cloned()
                .collect(),
            ..self.clone()
        };
        public.fit();
        public
    }

    /// Every date the chart shows, besides today.
    fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        let bars = self
            .groups
            .iter()
            .flat_map(|g| &g.bars)
            .filter_map(Bar::days)
            .flat_map(|(a, b)| [a, b]);
        let markers = self.milestones.iter().chain(&self.meetings).map(|m| m.date);
        let windows = self.blackouts.iter().flat_map(|w| [w.start, w.end]);
        let campaign = [self.start, self.launch, self.end].into_iter().flatten();
        bars.chain(markers).chain(windows).chain(campaign)
    }

    /// Set the range and months to cover every date shown.
    fn fit(&mut self) {
        let all: Vec<Date> = self.dates().collect();
        self.range = match (all.iter().min(), all.iter().max()) {
            (Some(&first), Some(&last)) => Some(Range {
                start: Date(first.0.first_of_month()),
                end: Date(last.0.last_of_month()),
            }),
            _ => None,
        };
        self.months = self.range.map(months).unwrap_or_default();
    }

    /// Days in the range, at least 1.
    pub fn days(&self) -> i64 {
        self.range
            .map_or(1, |r| days_between(r.start, r.end) + 1)
            .max(1)
    }

    /// Days from the start of the range to `date` (negative before it).
    pub fn offset(&self, date: Date) -> i64 {
        self.range.map_or(0, |r| days_between(r.start, date))
    }

    /// Whether `date` falls inside the range.
    pub fn shows(&self, date: Date) -> bool {
        self.range.is_some_and(|r| r.start <= date && date <= r.end)
    }

    /// The column of `date` on a chart `width` columns wide: the cell
    /// holding the start of that day, clamped to the chart.
    pub fn column(&self, date: Date, width: usize) -> usize {
        let width = width.max(1) as i64;
        let at = self.offset(date).clamp(0, self.days() - 1);
        ((at * width) / self.days()).clamp(0, width - 1) as usize
    }

    /// The rows, top to bottom: each group's heading and bars, then the
    /// milestones, meetings and blackout windows.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows = Vec::new();
        for g in &self.groups {
            rows.push(Row::Group(g));
            rows.extend(g.bars.iter().map(Row::Bar));
        }
        rows.extend(self.milestones.iter().map(Row::Milestone));
        rows.extend(self.meetings.iter().map(Row::Meeting));
        rows.extend(self.blackouts.iter().map(Row::Blackout));
        rows
    }

    /// How many activities the chart lists.
    pub fn activity_count(&self) -> usize {
        self.groups.iter().map(|g| g.bars.len()).sum()
    }

    /// One sentence saying what the chart shows, for its description.
    pub fn summary(&self) -> String {
        let Some(r) = self.range else {
            return "Nothing on the timeline has a date yet.".to_string();
        };
        let first = self.months.first().map_or("", |m| m.label.as_str());
        let last = self.months.last().map_or("", |m| m.label.as_str());
        let mut s = format!(
            "Gantt chart from {first} to {last}: {}, {}, {}, {}.",
            count(self.activity_count(), "activity", "activities"),
            count(self.milestones.len(), "milestone", "milestones"),
            count(self.meetings.len(), "meeting", "meetings"),
            count(self.blackouts.len(), "blackout window", "blackout windows"),
        );
        if let Some(l) = self.launch {
            s.push_str(&format!(" Launch: {l}."));
        }
        if r.start <= self.today && self.today <= r.end {
            s.push_str(&format!(" Today: {}.", self.today));
        }
        s
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn days_between(a: Date, b: Date) -> i64 {
    // A civil date's `until` counts in days by default.
    a.0.until(b.0).map_or(0, |s| i64::from(s.get_days()))
}

/// The months from the range's first to its last.
fn months(r: Range) -> Vec<Month> {
    let mut out = Vec::new();
    let mut at = r.start.0.first_of_month();
    while at <= r.end.0 {
        out.push(Month {
            start: Date(at),
            label: at.strftime("%b %Y").to_string(),
            short: at.strftime("%b").to_string(),
        });
        match at.checked_add(1.month()) {
            Ok(next) => at = next,
            Err(_) => break,
        }
    }
    out
}

/// `text` cut to `width` columns, ending in `…` (or `...` when `ascii`)
/// when it was longer.
pub fn truncate(text: &str, width: usize, ascii: bool) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let ellipsis = if ascii { "..." } else { "…" };
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used > room {
            break;
        }
        out.push(c);
    }
    if width >= ellipsis.width() {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests;
