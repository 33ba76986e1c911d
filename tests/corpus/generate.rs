//! The campaign generator: every field of FORMAT.md v1 and v1.1 that the
//! model reads (the charter, glossary, risks, prospects and the rest
//! included), with arbitrary valid values, ids that match the pattern and
//! references that resolve.
//!
//! A campaign is built as data first ([`Y`] trees and a TOML text), then
//! laid out at random by [`emit`](super::emit) and spread over files.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;

use super::emit::{Layout, Writer, Y, toml_string};
use super::text::{self, Dice, PROBES, TextOptions};

/// What the generator may produce. [`Options::all`] turns everything on.
#[derive(Clone, Copy)]
pub struct Options {
    pub text: TextOptions,
    pub layout: Layout,
    /// Regions outside the sixteen the pack templates know.
    pub free_regions: bool,
    /// Meetings on the nights the clocks change.
    pub clock_changes: bool,
}

impl Options {
    pub fn all() -> Options {
        Options {
            text: TextOptions {
                unicode: true,
                long: true,
            },
            layout: Layout {
                trailing_comments: true,
                flow: 0.35,
            },
            free_regions: true,
            clock_changes: true,
        }
    }
}

/// A hyphenated word placed in a field, and the packs that must show it.
#[derive(Clone, Debug)]
pub struct Probe {
    pub field: &'static str,
    pub word: String,
    pub packs: &'static [&'static str],
}

/// What the checks need to know about a generated campaign.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub id: String,
    pub framework: &'static str,
    /// The plan's file, relative to the campaign folder.
    pub plan_file: String,
    pub out_dir: String,
    /// Some region is outside the sixteen the templates know.
    pub free_region: bool,
    /// The partner pack is held back (OFFICIAL-SENSITIVE, rule not allowed).
    pub partner_pack_blocked: bool,
    /// … and `render --pack all` exits 1 for it (the rule is not `warn`).
    pub partner_pack_refused: bool,
    /// Values may carry trailing comments.
    pub comments: bool,
    /// `[lint]` sets some rule to `deny`, so the campaign may not validate.
    pub denies: bool,
    pub probes: Vec<Probe>,
    pub metrics: Vec<String>,
    pub open_actions: Vec<String>,
    /// The campaign's name in collab.toml.
    pub name: String,
    /// Events the calendar should hold: milestones, meetings, blackout
    /// windows and open actions with a due date.
    pub events: usize,
}

/// A generated campaign: its folder name and files.
pub struct Generated {
    pub folder: String,
    pub files: Vec<(String, String)>,
    pub facts: Facts,
}

const TODAY: &str = "2026-11-24";

const SECTORS: &[&str] = &[
    "central-government",
    "arms-length-body",
    "local-authority",
    "police",
    "fire-and-rescue",
    "nhs",
    "voluntary-community",
    "private",
    "other",
];
const LEVELS: &[&str] = &[
    "information-sharing",
    "participation",
    "co-operation",
    "collaboration",
];
const FORMS: &[&str] = &[
    "informal-alliance",
    "contract-based-alliance",
    "joint-venture",
    "group-structure",
    "merger",
];
const OFFERS: &[&str] = &[
    "audience-insight",
    "evaluation",
    "joint-media-buying",
    "campaign-assets",
    "owned-channels",
    "case-studies",
    "local-pilots",
    "skills-transfer",
    "internal-channels",
    "funding",
    "staff",
];
pub(crate) const PRIORITIES: &[&str] = &[
    "economic-security",
    "national-security",
    "extending-opportunity",
    "smooth-running-public-services",
    "economic-prosperity",
    "healthier-safer-communities",
    "local-environments",
    "engagement-co-production",
];
const TIMEZONES: &[&str] = &[
    "Europe/London",
    "Europe/London",
    "Europe/London",
    "Europe/Dublin",
    "America/St_Johns",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "UTC",
];
/// Rules whose level `[lint]` may set (no structure rules).
const RULES: &[&str] = &[
    "objective-not-outcome",
    "objective-not-measurable",
    "missing-local-objectives",
    "missing-national-objectives",
    "audience-without-insight",
    "journey-without-local-touchpoint",
    "activity-without-owner",
    "milestone-after-launch",
    "activity-in-blackout",
    "no-update-rhythm",
    "partner-without-lead",
    "partner-without-sign-off",
    "single-point-of-contact",
    "no-senior-sponsor",
    "partner-without-gains",
    "partner-offers-nothing",
    "unconfirmed-partner",
    "late-engagement",
    "initial-meeting-incomplete",
    "collaboration-not-co-designed",
    "overdue-action",
    "metric-without-owner",
    "evaluation-stage-gap",
    "evaluation-level-gap",
    "metric-stage-suspect",
    "objective-without-outcome-metric",
    "target-direction",
    "partnership-evaluation-missing",
    "unused-allow",
    "outcome-not-who-what-how",
    "unexplained-acronym",
    "service-in-blackout",
    "no-sign-off-route",
    "no-charter",
    "charter-incomplete",
    "partner-without-drivers",
    "risk-without-owner",
    "risk-without-mitigation",
    "no-risks-recorded",
    "action-without-owner",
    "action-without-due-date",
];
const ROUTE_STEPS: &[&str] = &[
    "review-plan",
    "stakeholder-analysis",
    "offers-and-asks",
    "partner-staffing",
    "oasis-summary",
    "briefing-meeting",
    "written-confirmation",
    "regular-catch-ups",
    "unifying-logo",
    "partner-pack",
    "capture-metrics",
    "adjust-activity",
    "final-evaluation",
    "final-meeting",
];

/// Ids made so far, by kind.
#[derive(Default)]
pub(crate) struct Ids {
    pub(crate) partners: Vec<String>,
    pub(crate) channels: Vec<String>,
    pub(crate) objectives: Vec<String>,
    pub(crate) audiences: Vec<String>,
    pub(crate) metrics: Vec<String>,
    pub(crate) actions: Vec<String>,
    pub(crate) activities: Vec<String>,
    pub(crate) milestones: Vec<String>,
    /// Every id of every kind, so a new id sometimes reuses another kind's.
    pub(crate) all: BTreeSet<String>,
}

/// The generator's state for one campaign.
pub struct Gen<'d> {
    pub(crate) dice: &'d mut Dice,
    pub(crate) opts: Options,
    pub(crate) case: usize,
    pub(crate) today: Date,
    pub(crate) start: Option<Date>,
    pub(crate) launch: Option<Date>,
    pub(crate) end: Option<Date>,
    pub(crate) timezone: Option<&'static str>,
    /// Rules `[lint]` sets to allow or warn, so their conditions may occur.
    pub(crate) relaxed: BTreeSet<&'static str>,
    /// This campaign names regions outside the built-in ones.
    pub(crate) free_regions: bool,
    pub(crate) lint: Vec<(&'static str, &'static str)>,
    pub(crate) ids: Ids,
    pub(crate) facts: Facts,
}

pub fn generate(dice: &mut Dice, opts: Options, case: usize) -> Generated {
    let mut g = Gen::new(dice, opts, case);
    g.facts.comments = opts.layout.trailing_comments;
    g.choose_settings();
    let partners = g.partners();
    g.plan_ids();
    let plan = g.plan();
    let evaluation = g.evaluation();
    let meetings = g.meetings();
    let charter = g.charter();
    let config = g.config();
    let mut files = g.lay_out(config, partners, plan, evaluation, meetings);
    if let Some(charter) = charter {
        let text = g.doc("charter", charter, true);
        let file = *g.dice.pick(&["charter.yaml", "docs/charter.yml"]);
        files.push((file.to_string(), text));
    }
    let folder = g.folder_name();
    Generated {
        folder,
        files,
        facts: g.facts,
    }
}

pub(crate) fn date(s: &str) -> Date {
    s.parse().expect("a valid date literal")
}

impl<'d> Gen<'d> {
    fn new(dice: &'d mut Dice, opts: Options, case: usize) -> Gen<'d> {
        Gen {
            dice,
            opts,
            case,
            today: date(TODAY),
            start: None,
            launch: None,
            end: None,
            timezone: None,
            relaxed: BTreeSet::new(),
            free_regions: false,
            lint: Vec::new(),
            ids: Ids::default(),
            facts: Facts::default(),
        }
    }

    pub(crate) fn text(&mut self, lo: usize, hi: usize) -> String {
        text::text(self.dice, self.opts.text, lo, hi)
    }

    /// Text with a hyphenated marker in it that `packs` must show. The
    /// caller keeps the probe only if the text is written.
    pub(crate) fn probed(
        &mut self,
        field: &'static str,
        packs: &'static [&'static str],
    ) -> (String, Probe) {
        let word = self.dice.pick(PROBES).to_string();
        let base = self.text(1, 8);
        let mut words: Vec<&str> = base.split(' ').collect();
        let at = self.dice.range(0, words.len());
        words.insert(at, &word);
        let out = words.join(" ");
        (out, Probe { field, word, packs })
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.dice.chance(p)
    }

    pub(crate) fn day(&mut self, from: Date, days: usize) -> Date {
        from.checked_add((self.dice.range(0, days) as i64).days())
            .unwrap_or(from)
    }

    /// A date inside the campaign's window, when it has one.
    pub(crate) fn day_inside(&mut self) -> Date {
        let hi = self.end.unwrap_or_else(|| {
            self.start
                .unwrap_or(date("2026-06-01"))
                .saturating_add(400.days())
        });
        let lo = self
            .start
            .unwrap_or_else(|| hi.saturating_sub(400.days()))
            .min(hi);
        let span = (hi - lo).get_days().max(0) as usize;
        self.day(lo, span)
    }

    pub(crate) fn fresh_id(&mut self, hint: &str, taken: &[String]) -> String {
        if self.chance(0.08)
            && let Some(other) = self.ids.all.iter().find(|id| !taken.contains(id)).cloned()
        {
            return other;
        }
        loop {
            let word = text::slug_word(self.dice);
            let n = self.dice.range(0, 999);
            let id = match self.dice.range(0, 3) {
                0 => format!("{word}-{hint}"),
                1 => format!("{hint}-{word}-{n}"),
                2 => format!("{n}{word}"),
                _ => format!("{hint}{n}"),
            };
            if !taken.contains(&id) {
                self.ids.all.insert(id.clone());
                return id;
            }
        }
    }

    fn folder_name(&mut self) -> String {
        let names = [
            "campaign",
            "Winter campaign 2026",
            "ymgyrch-café",
            "حملة",
            "x",
        ];
        format!("{}-{}", self.dice.pick(&names), self.case)
    }
}

// Settings: dates, framework, classification, rule levels.
impl Gen<'_> {
    fn choose_settings(&mut self) {
        // Not every campaign, so a crash on such regions does not hide the rest.
        self.free_regions = self.opts.free_regions && self.chance(0.4);
        let start = self.day(date("2026-01-05"), 420);
        let launch = self.day(start, 160);
        let end = self.day(launch, 300);
        self.start = self.chance(0.9).then_some(start);
        self.launch = self.chance(0.9).then_some(launch);
        self.end = self.chance(0.9).then_some(end);
        self.timezone = self.chance(0.85).then(|| *self.dice.pick(TIMEZONES));
        self.facts.framework = if self.chance(0.5) { "oasis" } else { "rosie" };
        self.facts.id = format!("corpus-{}-{}", self.case, text::slug_word(self.dice));
        for _ in 0..self.dice.range(0, 5) {
            let rule = *self.dice.pick(RULES);
            if self.lint.iter().any(|(r, _)| *r == rule) {
                continue;
            }
            let level = match self.dice.range(0, 39) {
                0 => {
                    self.facts.denies = true;
                    "deny"
                }
                1..=19 => "warn",
                _ => "allow",
            };
            // `warn` leaves unconfirmed-partner an error from launch day on.
            if level == "allow" || (level == "warn" && rule != "unconfirmed-partner") {
                self.relaxed.insert(rule);
            }
            self.lint.push((rule, level));
        }
    }

    pub(crate) fn may_skip(&mut self, rule: &str) -> bool {
        self.relaxed.contains(rule) && self.chance(0.3)
    }

    pub(crate) fn launched(&self) -> bool {
        self.launch.is_some_and(|l| l <= self.today)
    }
}

// kind: partners
impl Gen<'_> {
    fn partners(&mut self) -> Vec<Y> {
        let n = if self.chance(0.15) {
            self.dice.range(12, 40)
        } else {
            self.dice.range(1, 7)
        };
        for _ in 0..n {
            let taken = self.ids.partners.clone();
            let id = self.fresh_id("org", &taken);
            self.ids.partners.push(id);
        }
        (0..n).map(|i| self.partner(i)).collect()
    }

    fn partner(&mut self, i: usize) -> Y {
        let id = self.ids.partners[i].clone();
        let name = if i == 0 && self.chance(0.5) {
            let (name, probe) = self.probed("partner name", &["briefing", "partner"]);
            self.facts.probes.push(probe);
            name
        } else {
            self.text(1, 6)
        };
        let mut m = vec![
            ("id", Y::word(id)),
            ("name", Y::text(name)),
            ("sector", Y::word(*self.dice.pick(SECTORS))),
            ("level", Y::word(*self.dice.pick(LEVELS))),
        ];
        let regions = self.regions();
        m.push(("regions", Y::texts(&regions)));
        if self.chance(0.6) {
            m.push(("form", Y::word(*self.dice.pick(FORMS))));
        }
        if !self.may_skip("partner-without-lead") {
            m.push(("lead", self.contact()));
        }
        for role in ["deputy", "sign_off", "sponsor"] {
            match self.dice.range(0, 9) {
                0 => m.push((role, Y::Null)),
                1..=6 => m.push((role, self.contact())),
                _ => {}
            }
        }
        let must_confirm = self.launched() && !self.relaxed.contains("unconfirmed-partner");
        if must_confirm || self.chance(0.7) {
            let day = self.day(date("2026-01-01"), 500);
            m.push(("confirmed", Y::word(day.to_string())));
        }
        self.partner_lists(&mut m);
        if self.chance(0.3) {
            m.push((
                "notes",
                Y::text(text::paragraphs(self.dice, self.opts.text)),
            ));
        }
        self.shuffle_tail(&mut m, 2);
        Y::Map(m)
    }

    fn partner_lists(&mut self, m: &mut Vec<(&'static str, Y)>) {
        let offers = self.dice.some(OFFERS, 6);
        m.push(("offers", Y::words(&offers)));
        let gains: Vec<String> = (0..self.dice.range(0, 3))
            .map(|_| self.text(3, 15))
            .collect();
        m.push(("gains", Y::texts(&gains)));
        let channels: Vec<Y> = (0..self.dice.range(0, 3)).map(|_| self.channel()).collect();
        if !channels.is_empty() || self.chance(0.3) {
            m.push(("channels", Y::Seq(channels)));
        }
        if self.chance(0.6) {
            let tags: Vec<String> = (0..self.dice.range(0, 4))
                .map(|_| match self.dice.range(0, 2) {
                    0 => text::slug_word(self.dice),
                    1 => "fire-safety".to_string(),
                    _ => self.text(1, 2),
                })
                .collect();
            m.push(("tags", Y::texts(&tags)));
        }
    }

    /// Organisations weighed up in the stakeholder analysis (v1.1).
    fn prospects(&mut self) -> Y {
        const STATUSES: &[&str] = &["considered", "approached", "declined", "confirmed"];
        let items = (0..self.dice.range(0, 4))
            .map(|_| {
                let mut m = vec![("name", Y::text(self.text(1, 6)))];
                if self.chance(0.7) {
                    m.push(("sector", Y::word(*self.dice.pick(SECTORS))));
                }
                m.push(("status", Y::word(*self.dice.pick(STATUSES))));
                if self.chance(0.5) {
                    m.push(("note", Y::text(self.text(2, 15))));
                }
                self.shuffle_tail(&mut m, 0);
                Y::Map(m)
            })
            .collect();
        Y::Seq(items)
    }

    fn channel(&mut self) -> Y {
        let taken = self.ids.channels.clone();
        let id = self.fresh_id("ch", &taken);
        self.ids.channels.push(id.clone());
        let mut m = vec![("id", Y::word(id)), ("name", Y::text(self.text(1, 6)))];
        if self.chance(0.8) {
            let kind = *self.dice.pick(&["owned", "earned", "paid", "shared"]);
            m.push(("type", Y::word(kind)));
        }
        if self.chance(0.7) {
            let reach = match self.dice.range(0, 3) {
                0 => 0,
                1 => self.dice.range(1, 999),
                _ => self.dice.range(1000, 9_000_000),
            };
            m.push(("reach", Y::num(reach)));
        }
        Y::Map(m)
    }

    pub(crate) fn regions(&mut self) -> Vec<String> {
        let n = self.dice.range(0, 3);
        (0..n)
            .map(|_| {
                if self.free_regions && self.chance(0.3) {
                    self.facts.free_region = true;
                    text::FREE_REGIONS[self.dice.range(0, text::FREE_REGIONS.len() - 1)].to_string()
                } else {
                    self.dice.pick(text::KNOWN_REGIONS).to_string()
                }
            })
            .collect()
    }

    fn contact(&mut self) -> Y {
        let mut m = Vec::new();
        if self.chance(0.9) {
            m.push(("name", Y::text(text::person(self.dice, self.opts.text))));
        }
        if self.chance(0.8) {
            m.push(("role", Y::text(self.text(1, 5))));
        }
        if self.chance(0.7) {
            let emails = [
                "sam.patel@example.gov.uk",
                "o'neill+campaign@example.org.uk",
                "zoë@enghraifft.cymru",
                "a@b.co",
                "INFO@EXAMPLE.NHS.UK",
            ];
            m.push(("email", Y::word(*self.dice.pick(&emails))));
        }
        if self.chance(0.5) {
            let phones = [
                "020 7946 0000",
                "+44 20 7946 0000",
                "02079460000",
                "0800 123 4567 ext. 2",
            ];
            m.push(("phone", Y::text(*self.dice.pick(&phones))));
        }
        Y::Map(m)
    }

    /// Move a few entries after the first `keep` to other places: key order is free.
    pub(crate) fn shuffle_tail(&mut self, m: &mut [(&'static str, Y)], keep: usize) {
        if m.len() <= keep + 1 || !self.chance(0.3) {
            return;
        }
        for _ in 0..3 {
            let a = self.dice.range(keep, m.len() - 1);
            let b = self.dice.range(keep, m.len() - 1);
            m.swap(a, b);
        }
    }
}

// collab.toml
impl Gen<'_> {
    pub(crate) fn config(&mut self) -> String {
        let mut out = String::new();
        if self.chance(0.5) {
            out.push_str("# Generated campaign: every value is made up.\n\n");
        }
        if self.chance(0.4) {
            out.push_str("exclude = [\"drafts/**\", \"*.bak.yaml\"]\n\n");
        }
        out.push_str("[campaign]\n");
        self.campaign_table(&mut out);
        self.render_table(&mut out);
        self.lint_tables(&mut out);
        self.routemap_table(&mut out);
        for _ in 0..self.dice.range(0, 3) {
            self.blackout(&mut out);
        }
        for _ in 0..self.dice.range(0, 2) {
            self.region(&mut out);
        }
        out
    }

    /// A `[[region]]` table: a local area within a built-in region, or
    /// (now and then) within another local area, itself or a place that
    /// is not declared.
    fn region(&mut self, out: &mut String) {
        out.push_str("\n[[region]]\n");
        let (id, name) = *self.dice.pick(&[
            ("leeds", "Leeds"),
            ("cornwall", "Cornwall"),
            ("stoke-on-trent", "Stoke-on-Trent"),
            ("Greater Manchester", "Greater Manchester"),
        ]);
        let v = self.toml_str(id);
        self.toml_line(out, "id", v);
        if self.chance(0.8) {
            let v = self.toml_str(name);
            self.toml_line(out, "name", v);
        }
        let within = if self.chance(0.8) {
            *self.dice.pick(text::KNOWN_REGIONS)
        } else {
            *self.dice.pick(&["leeds", "cornwall", "atlantis"])
        };
        let v = self.toml_str(within);
        self.toml_line(out, "within", v);
    }

    fn toml_line(&mut self, out: &mut String, key: &str, value: String) {
        out.push_str(&format!("{key} = {value}"));
        if self.opts.layout.trailing_comments && self.chance(0.1) {
            out.push_str("   # agreed at the first meeting");
        }
        out.push('\n');
    }

    fn toml_str(&mut self, s: &str) -> String {
        toml_string(self.dice, s)
    }

    fn toml_date(&mut self, d: Date) -> String {
        if self.chance(0.8) {
            d.to_string()
        } else {
            format!("\"{d}\"")
        }
    }

    fn toml_list(&mut self, items: &[String]) -> String {
        let parts: Vec<String> = items.iter().map(|s| self.toml_str(s)).collect();
        if parts.len() > 1 && self.chance(0.2) {
            format!("[\n  {},\n]", parts.join(",\n  "))
        } else {
            format!("[{}]", parts.join(", "))
        }
    }

    fn campaign_table(&mut self, out: &mut String) {
        let id = self.facts.id.clone();
        let v = self.toml_str(&id);
        self.toml_line(out, "id", v);
        let name = self.text(1, 8);
        let v = self.toml_str(&name);
        self.toml_line(out, "name", v);
        self.facts.name = name;
        let fw = self.toml_str(self.facts.framework);
        self.toml_line(out, "framework", fw);
        if self.chance(0.8) {
            let lead = self.dice.pick(&self.ids.partners).clone();
            let v = self.toml_str(&lead);
            self.toml_line(out, "lead", v);
        }
        self.classification(out);
        for (key, day) in [
            ("start", self.start),
            ("launch", self.launch),
            ("end", self.end),
        ] {
            if let Some(d) = day {
                let v = self.toml_date(d);
                self.toml_line(out, key, v);
            }
        }
        if let Some(tz) = self.timezone {
            let v = self.toml_str(tz);
            self.toml_line(out, "timezone", v);
        }
        let priorities: Vec<String> = self
            .dice
            .some(PRIORITIES, 3)
            .iter()
            .map(|s| s.to_string())
            .collect();
        let v = self.toml_list(&priorities);
        self.toml_line(out, "priorities", v);
        let regions = self.regions();
        let v = self.toml_list(&regions);
        self.toml_line(out, "regions", v);
        if self.chance(0.5) {
            let v = self.toml_str("campaign-team@example.gov.uk");
            self.toml_line(out, "contact", v);
        }
        if self.chance(0.3) {
            let coordinator = self.dice.pick(&self.ids.partners).clone();
            let v = self.toml_str(&coordinator);
            self.toml_line(out, "coordinator", v);
        }
    }

    fn classification(&mut self, out: &mut String) {
        if !self.chance(0.5) {
            return;
        }
        let sensitive = self.chance(0.3);
        let value = if sensitive {
            "OFFICIAL-SENSITIVE"
        } else {
            "OFFICIAL"
        };
        let v = self.toml_str(value);
        self.toml_line(out, "classification", v);
        if sensitive {
            let level = *self.dice.pick(&["", "allow", "warn", "deny"]);
            if !level.is_empty() {
                self.lint.push(("sensitive-public-pack", level));
            }
            // Held back unless allowed; a refusal (exit 1) unless warn.
            self.facts.partner_pack_blocked = level != "allow";
            self.facts.partner_pack_refused = matches!(level, "" | "deny");
        }
    }

    fn render_table(&mut self, out: &mut String) {
        let out_dir = *self
            .dice
            .pick(&["dist", "dist", "packs", "out/site", "build-ñ", ""]);
        self.facts.out_dir = if out_dir.is_empty() { "dist" } else { out_dir }.to_string();
        let templates = self.chance(0.2);
        if out_dir.is_empty() && !templates {
            return;
        }
        out.push_str("\n[render]\n");
        if !out_dir.is_empty() {
            let v = self.toml_str(out_dir);
            self.toml_line(out, "out_dir", v);
        }
        if templates {
            let v = self.toml_str("templates");
            self.toml_line(out, "templates", v);
        }
    }

    fn lint_tables(&mut self, out: &mut String) {
        let weeks = self.chance(0.4).then(|| self.dice.range(0, 26));
        if self.lint.is_empty() && weeks.is_none() {
            return;
        }
        out.push_str("\n[lint]\n");
        for (rule, level) in self.lint.clone() {
            let v = self.toml_str(level);
            self.toml_line(out, rule, v);
        }
        if let Some(w) = weeks {
            if self.chance(0.5) {
                out.push_str(&format!("options = {{ engagement_weeks = {w} }}\n"));
            } else {
                out.push_str(&format!("\n[lint.options]\nengagement_weeks = {w}\n"));
            }
        }
    }

    fn routemap_table(&mut self, out: &mut String) {
        let steps = self.dice.some(ROUTE_STEPS, 5);
        if steps.is_empty() {
            return;
        }
        out.push_str("\n[routemap]\n");
        for step in steps {
            let v = if self.chance(0.5) {
                "\"done\"".to_string()
            } else {
                let d = self.day(date("2026-01-01"), 400);
                self.toml_date(d)
            };
            self.toml_line(out, step, v);
        }
    }

    fn blackout(&mut self, out: &mut String) {
        self.facts.events += 1;
        out.push_str("\n[[blackout]]\n");
        let name = self.text(1, 8);
        let v = self.toml_str(&name);
        self.toml_line(out, "name", v);
        if self.chance(0.8) {
            let kind = *self.dice.pick(&["pre-election", "recess", "other"]);
            let v = self.toml_str(kind);
            self.toml_line(out, "kind", v);
        }
        let first = self.day_inside();
        let last = self.day(first, 40);
        let v = self.toml_date(first);
        self.toml_line(out, "start", v);
        let v = self.toml_date(last);
        self.toml_line(out, "end", v);
    }
}

// Files
impl Gen<'_> {
    /// Write each document's text and spread the documents over files.
    pub(crate) fn lay_out(
        &mut self,
        config: String,
        partners: Vec<Y>,
        plan: Vec<(&'static str, Y)>,
        evaluation: Option<Vec<(&'static str, Y)>>,
        meetings: Vec<Vec<(&'static str, Y)>>,
    ) -> Vec<(String, String)> {
        let mut files = vec![("collab.toml".to_string(), config)];
        self.partner_files(&mut files, partners);
        let plan_text = self.doc("plan", plan, false);
        let eval_text = evaluation.map(|e| self.doc("evaluation", e, true));
        let plan_file =
            *self
                .dice
                .pick(&["plan.yaml", "plan.yml", "docs/plan.yaml", "campaign.yaml"]);
        self.facts.plan_file = plan_file.to_string();
        match (plan_file, eval_text) {
            ("campaign.yaml", Some(e)) if self.chance(0.5) => {
                files.push((plan_file.into(), format!("{e}---\n{plan_text}")));
            }
            ("campaign.yaml", Some(e)) => {
                // An explicit document end (`...`) before the next one.
                files.push((plan_file.into(), format!("---\n{plan_text}...\n---\n{e}")));
            }
            (_, e) => {
                files.push((plan_file.into(), plan_text));
                if let Some(e) = e {
                    files.push(("evaluation.yaml".into(), e));
                }
            }
        }
        self.meeting_files(&mut files, meetings);
        self.extra_files(&mut files);
        files
    }

    fn partner_files(&mut self, files: &mut Vec<(String, String)>, partners: Vec<Y>) {
        let split = partners.len() > 1 && self.chance(0.2);
        if !split {
            let mut doc = vec![("partners", Y::Seq(partners))];
            if self.chance(0.4) {
                doc.push(("prospects", self.prospects()));
            }
            let text = self.doc("partners", doc, true);
            files.push(("partners.yaml".into(), text));
            return;
        }
        let mut first = partners;
        let second = first.split_off(first.len() / 2);
        let a = self.doc("partners", vec![("partners", Y::Seq(first))], true);
        let b = self.doc("partners", vec![("partners", Y::Seq(second))], true);
        if self.chance(0.5) {
            files.push(("partners.yaml".into(), format!("{a}---\n{b}")));
        } else {
            files.push(("partners/national.yaml".into(), a));
            files.push(("partners/local.yml".into(), b));
        }
    }

    fn meeting_files(
        &mut self,
        files: &mut Vec<(String, String)>,
        meetings: Vec<Vec<(&'static str, Y)>>,
    ) {
        let together = meetings.len() > 1 && self.chance(0.2);
        let mut texts = Vec::new();
        for m in meetings {
            let id = match m.first() {
                Some((_, Y::Word(id))) => id.clone(),
                _ => "meeting".to_string(),
            };
            texts.push((id, self.doc("meeting", m, true)));
        }
        if together {
            let joined: Vec<String> = texts.into_iter().map(|(_, t)| t).collect();
            files.push(("meetings.yaml".into(), joined.join("---\n")));
            return;
        }
        for (id, text) in texts {
            let ext = if self.chance(0.2) { "yml" } else { "yaml" };
            files.push((format!("meetings/{id}.{ext}"), text));
        }
    }

    /// Files collab must skip or ignore.
    fn extra_files(&mut self, files: &mut Vec<(String, String)>) {
        let broken = "kind: plan\ntitle: [unclosed\n".to_string();
        if files[0].1.contains("drafts/**") {
            files.push(("drafts/old-plan.yaml".into(), broken.clone()));
        }
        if self.chance(0.3) {
            files.push((".hidden/plan.yaml".into(), broken.clone()));
            files.push((
                "notes/not-ours.yaml".into(),
                "title: not a campaign file\nlist: [1, 2]\n".into(),
            ));
            let out_dir = self.facts.out_dir.clone();
            files.push((format!("{out_dir}/stale.yaml"), broken));
        }
    }

    /// One document's text, in block style (or, when `flow_ok`, now and
    /// then one flow mapping).
    pub(crate) fn doc(
        &mut self,
        kind: &'static str,
        mut entries: Vec<(&'static str, Y)>,
        flow_ok: bool,
    ) -> String {
        let at = if self.chance(0.8) {
            0
        } else {
            self.dice.range(0, entries.len())
        };
        entries.insert(at, ("kind", Y::word(kind)));
        if self.chance(0.4) {
            entries.insert(0, ("version", Y::num(1)));
        }
        let mut header = String::new();
        if self.chance(0.3) {
            header.push_str(&format!(
                "# yaml-language-server: $schema=.collab/schema/{kind}.json\n"
            ));
        }
        if self.chance(0.3) {
            header.push_str("# Written by the corpus generator.\n\n");
        }
        let layout = self.opts.layout;
        let flow = flow_ok && self.chance(0.05);
        let mut w = Writer::new(self.dice, layout);
        w.raw(&header);
        if flow {
            w.flow_document(&Y::Map(entries));
        } else {
            w.document(&entries);
        }
        w.finish()
    }
}
