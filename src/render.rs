//! Turning a campaign view into briefing packs with minijinja templates.
//! Pure: the user's template overrides come in as a map, and the packs go
//! out as (file name, text) pairs for the command to write.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, ErrorKind, Template, UndefinedBehavior, Value};
use serde::Serialize;

use crate::index::{self, Index};
use crate::view::labels::{self, Kind};
use crate::view::public::PublicView;
use crate::view::update::UpdateView;
use crate::view::your_part;
use crate::view::{CampaignView, MeetingView};

/// Fuel for one file when the data rendered is small. minijinja's fuel
/// counts each instruction and every 64 bytes of data a template makes
/// (strings joined, output written), so it bounds both endless loops and
/// runaway memory, whoever wrote the template. The built-in briefing pack
/// of an example campaign uses about 12,000.
pub const BASE_FUEL: u64 = 1_000_000;
/// Fuel added for each byte of the data rendered (as JSON), so a large
/// campaign gets room for its long lists. The built-in packs use about a
/// quarter of a unit per byte.
pub const FUEL_PER_BYTE: u64 = 8;
/// The most output one file may have at [`BASE_FUEL`]; it grows with the
/// fuel, by one byte for each two units of fuel added (so by four bytes
/// for each byte of data; the built-in packs write about one).
pub const BASE_OUTPUT: usize = 8 << 20;

/// The fuel for rendering data of `bytes` bytes as JSON.
pub fn fuel_for(bytes: usize) -> u64 {
    BASE_FUEL.saturating_add(FUEL_PER_BYTE.saturating_mul(bytes as u64))
}

/// The most bytes one file may have when rendered with `fuel`.
fn output_limit(fuel: u64) -> usize {
    let extra = usize::try_from(fuel.saturating_sub(BASE_FUEL) / 2).unwrap_or(usize::MAX);
    BASE_OUTPUT.saturating_add(extra)
}

/// The built-in templates, by file name. A campaign's `templates/` folder
/// overrides any of them by the same name.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "layout.html.j2",
        include_str!("../templates/packs/layout.html.j2"),
    ),
    (
        "briefing.html.j2",
        include_str!("../templates/packs/briefing.html.j2"),
    ),
    (
        "briefing.md.j2",
        include_str!("../templates/packs/briefing.md.j2"),
    ),
    (
        "partner.html.j2",
        include_str!("../templates/packs/partner.html.j2"),
    ),
    (
        "partner.md.j2",
        include_str!("../templates/packs/partner.md.j2"),
    ),
    (
        "your-part.html.j2",
        include_str!("../templates/packs/your-part.html.j2"),
    ),
    (
        "your-part.md.j2",
        include_str!("../templates/packs/your-part.md.j2"),
    ),
    (
        "agenda.html.j2",
        include_str!("../templates/packs/agenda.html.j2"),
    ),
    (
        "agenda.md.j2",
        include_str!("../templates/packs/agenda.md.j2"),
    ),
    (
        "evaluation.html.j2",
        include_str!("../templates/packs/evaluation.html.j2"),
    ),
    (
        "evaluation.md.j2",
        include_str!("../templates/packs/evaluation.md.j2"),
    ),
    (
        "_timeline.html.j2",
        include_str!("../templates/packs/_timeline.html.j2"),
    ),
    (
        "update.html.j2",
        include_str!("../templates/packs/update.html.j2"),
    ),
    (
        "update.md.j2",
        include_str!("../templates/packs/update.md.j2"),
    ),
    (
        "directory.html.j2",
        include_str!("../templates/directory/directory.html.j2"),
    ),
    (
        "directory.md.j2",
        include_str!("../templates/directory/directory.md.j2"),
    ),
];

/// The kinds of pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pack {
    Briefing,
    Partner,
    Agenda,
    Evaluation,
    /// One "your part" pack per partner.
    Partners,
    Update,
}

impl Pack {
    pub const ALL: [Pack; 6] = [
        Pack::Briefing,
        Pack::Partner,
        Pack::Agenda,
        Pack::Evaluation,
        Pack::Partners,
        Pack::Update,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Pack::Briefing => "briefing",
            Pack::Partner => "partner",
            Pack::Agenda => "agenda",
            Pack::Evaluation => "evaluation",
            Pack::Partners => "partners",
            Pack::Update => "update",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pack::Briefing => "Briefing pack",
            Pack::Partner => "Partner and stakeholder pack",
            Pack::Agenda => "Agenda",
            Pack::Evaluation => "Evaluation framework",
            Pack::Partners => "Your part",
            Pack::Update => "Weekly update",
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

/// A template problem, with the template's name and line.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn describe(e: &minijinja::Error) -> String {
    if e.kind() == ErrorKind::OutOfFuel {
        let at = match (e.name(), e.line()) {
            (Some(name), Some(line)) => format!("template {name}, line {line}"),
            (Some(name), None) => format!("template {name}"),
            _ => "a template".to_string(),
        };
        return format!(
            "{at}: stopped: it does far more work than any pack needs \
             (a loop or recursion that runs away, or text that keeps growing)"
        );
    }
    let mut msg = match (e.name(), e.line()) {
        (Some(name), Some(line)) => format!("template {name}, line {line}: {}", e.kind()),
        (Some(name), None) => format!("template {name}: {}", e.kind()),
        _ => e.kind().to_string(),
    };
    if let Some(detail) = e.detail() {
        msg.push_str(": ");
        msg.push_str(detail);
    }
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        msg.push_str(&format!("\n  caused by: {inner}"));
        source = inner.source();
    }
    msg
}

/// Escape text for inline Markdown: no raw HTML, no accidental tables.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Build the template environment: the user's templates win over the
/// built-in ones of the same name, because every lookup goes through one
/// loader that asks the user's map first.
///
/// Every render is bounded by the fuel for small data ([`BASE_FUEL`]); a
/// command rendering a whole campaign uses [`environment_with_fuel`].
pub fn environment(user: BTreeMap<String, String>) -> Environment<'static> {
    environment_with_fuel(user, BASE_FUEL)
}

/// [`environment`] with the fuel each render may use (see [`fuel_for`]).
pub fn environment_with_fuel(user: BTreeMap<String, String>, fuel: u64) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(fuel));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = SyntaxConfig::builder().keep_trailing_newline(true).build() {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(|name| {
        if name.contains(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    let user = Arc::new(user);
    env.set_loader(move |name| {
        if let Some(text) = user.get(name) {
            return Ok(Some(text.clone()));
        }
        Ok(BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string()))
    });
    env.add_filter("md", |s: String| md_escape(&s));
    env.add_filter("number", |n: f64| crate::view::number(n));
    env.add_filter("label", label_filter);
    env.add_filter("long_date", |s: String| crate::view::text::long_date(&s));
    env.add_filter("gantt_svg", gantt_svg_filter);
    env
}

/// `{{ view.gantt | gantt_svg }}`: the timeline chart as inline SVG, drawn
/// in Rust from the chart model the template was given.
fn gantt_svg_filter(value: Value) -> Result<Value, minijinja::Error> {
    let gantt = serde_json::to_value(&value)
        .and_then(serde_json::from_value::<crate::view::gantt::Gantt>)
        .map_err(|e| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("gantt_svg needs a timeline chart (view.gantt): {e}"),
            )
        })?;
    Ok(Value::from_safe_string(crate::view::gantt::svg(&gantt)))
}

/// `{{ value | label }}`, or `{{ value | label("region") }}` for a kind of
/// value whose words read differently (see [`labels::Kind`]).
fn label_filter(value: String, kind: Option<String>) -> Result<String, minijinja::Error> {
    let kind = match kind.as_deref() {
        None => Kind::Value,
        Some(name) => Kind::parse(name).ok_or_else(|| {
            minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "`label` does not know the kind `{name}`; it knows {}",
                    Kind::NAMES.join(", ")
                ),
            )
        })?,
    };
    Ok(labels::label_as(kind, &value))
}

/// A writer that refuses to grow past a size.
struct Capped {
    text: Vec<u8>,
    limit: usize,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.text.len().saturating_add(buf.len()) > self.limit {
            self.over = true;
            return Err(std::io::Error::other("output limit reached"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Render `template` with `ctx` within the environment's fuel and the
/// output limit that goes with it: running out of either is an error
/// naming the template.
fn render_within(
    env: &Environment<'_>,
    template: &Template<'_, '_>,
    ctx: Value,
) -> Result<String, RenderError> {
    let limit = output_limit(env.fuel().unwrap_or(BASE_FUEL));
    let mut out = Capped {
        text: Vec::new(),
        limit,
        over: false,
    };
    let result = template.render_captured_to(ctx, &mut out);
    if out.over {
        return Err(RenderError(format!(
            "template {}: stopped: its output passed {} MB, more than any pack needs",
            template.name(),
            limit >> 20
        )));
    }
    result.map_err(|e| RenderError(describe(&e)))?;
    let mut text = String::from_utf8(out.text).map_err(|_| {
        RenderError(format!(
            "template {}: the output is not UTF-8 text",
            template.name()
        ))
    })?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

#[derive(Serialize)]
struct Context<'a> {
    view: &'a Value,
    pack: &'static str,
    title: &'static str,
    format: &'static str,
    meeting: Option<&'a MeetingView>,
    generator: &'static str,
}

/// Render one pack in one format. Agenda packs give one file per meeting
/// (or only `meeting` when given).
pub fn render(
    env: &Environment<'static>,
    view: &CampaignView,
    pack: Pack,
    format: Format,
    meeting: Option<&str>,
) -> Result<Vec<(String, String)>, RenderError> {
    if pack == Pack::Partners {
        return render_your_part(env, view, format, None);
    }
    let data = match pack {
        Pack::Partner | Pack::Update => public_view(view),
        _ => Value::from(Serde(view)),
    };
    let name = format!("{}.{}.j2", pack.as_str(), format.extension());
    let template = env
        .get_template(&name)
        .map_err(|e| RenderError(describe(&e)))?;
    let run = |meeting: Option<&MeetingView>| -> Result<String, RenderError> {
        let ctx = Context {
            view: &data,
            pack: pack.as_str(),
            title: pack.title(),
            format: format.extension(),
            meeting,
            generator: concat!("collab ", env!("CARGO_PKG_VERSION")),
        };
        render_within(env, &template, Value::from(Serde(&ctx)))
    };
    match pack {
        Pack::Agenda => {
            let mut out = Vec::new();
            for m in view
                .meetings
                .iter()
                .filter(|m| meeting.is_none_or(|id| m.id == id))
            {
                out.push((
                    format!("agenda-{}.{}", m.id, format.extension()),
                    run(Some(m))?,
                ));
            }
            Ok(out)
        }
        _ => Ok(vec![(
            format!("{}.{}", pack.as_str(), format.extension()),
            run(None)?,
        )]),
    }
}

#[derive(Serialize)]
struct UpdateContext<'a> {
    view: &'a Value,
    update: &'a Value,
    pack: &'static str,
    title: &'static str,
    format: &'static str,
    generator: &'static str,
}

/// Render the weekly update in one format. Like the partner pack it sees
/// the public view only, and its own data with anything shaped like an
/// e-mail address or phone number scrubbed.
pub fn render_update(
    env: &Environment<'static>,
    view: &CampaignView,
    update: &UpdateView,
    format: Format,
) -> Result<(String, String), RenderError> {
    let data = public_view(view);
    let mut json = serde_json::to_value(update).unwrap_or_default();
    scrub(&mut json);
    let update = Value::from(Serde(&json));
    let name = format!("update.{}.j2", format.extension());
    let template = env
        .get_template(&name)
        .map_err(|e| RenderError(describe(&e)))?;
    let ctx = UpdateContext {
        view: &data,
        update: &update,
        pack: Pack::Update.as_str(),
        title: Pack::Update.title(),
        format: format.extension(),
        generator: concat!("collab ", env!("CARGO_PKG_VERSION")),
    };
    let text = render_within(env, &template, Value::from(Serde(&ctx)))?;
    Ok((format!("update.{}", format.extension()), text))
}

/// Render the "your part" pack of every partner, or of `partner` only
/// (which must be a partner's id), as `your-part-<id>.<ext>`.
pub fn render_your_part(
    env: &Environment<'static>,
    view: &CampaignView,
    format: Format,
    partner: Option<&str>,
) -> Result<Vec<(String, String)>, RenderError> {
    let name = format!("your-part.{}.j2", format.extension());
    let template = env
        .get_template(&name)
        .map_err(|e| RenderError(describe(&e)))?;
    let packs = match partner {
        Some(id) => your_part::for_partner(view, id).into_iter().collect(),
        None => your_part::all(view),
    };
    let mut out = Vec::new();
    for pack in packs {
        let data = public_json(&pack, view.campaign.contact.as_deref());
        let ctx = Context {
            view: &data,
            pack: Pack::Partners.as_str(),
            title: Pack::Partners.title(),
            format: format.extension(),
            meeting: None,
            generator: concat!("collab ", env!("CARGO_PKG_VERSION")),
        };
        let text = render_within(env, &template, Value::from(Serde(&ctx)))?;
        out.push((
            format!("your-part-{}.{}", pack.partner.id, format.extension()),
            text,
        ));
    }
    Ok(out)
}

/// What the workspace directory is rendered for.
#[derive(Debug, Clone, Copy)]
pub struct DirectoryOptions<'a> {
    /// `YYYY-MM-DD`: decides whether each campaign is in planning, live or
    /// ended, and dates the page.
    pub today: &'a str,
    /// The marking at the top and bottom of the page.
    pub classification: &'a str,
    /// Leave out e-mail addresses and phone numbers.
    pub public: bool,
}

/// One campaign as the directory lists it.
#[derive(Debug, Serialize)]
struct DirectoryCampaign<'a> {
    id: &'a str,
    name: &'a str,
    folder: &'a str,
    /// `planning`, `live` or `ended`.
    status: &'static str,
    start: Option<&'a str>,
    launch: Option<&'a str>,
    end: Option<&'a str>,
    lead: Option<&'a str>,
    lead_name: Option<&'a str>,
    /// The named leads of the lead organisation.
    lead_people: Vec<DirectoryContact<'a>>,
    partners: &'a [String],
    priorities: &'a [String],
    /// Declared areas by their declared names.
    regions: Vec<String>,
    errors: usize,
}

#[derive(Debug, Serialize)]
struct DirectoryContact<'a> {
    name: &'a str,
    role: Option<&'a str>,
}

/// One person as the directory lists them.
#[derive(Debug, Serialize)]
struct DirectoryPerson<'a> {
    name: &'a str,
    role: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    organisation: &'a str,
    sector: Option<&'a str>,
    /// Declared areas by their declared names.
    regions: Vec<String>,
    tags: &'a [String],
    offers: &'a [String],
    campaigns: Vec<DirectoryInvolvement<'a>>,
    /// Lower-case words the page's search box matches against.
    search: String,
}

#[derive(Debug, Serialize)]
struct DirectoryInvolvement<'a> {
    id: &'a str,
    name: &'a str,
    /// `lead`, `deputy`, `sign-off` or `sponsor`.
    part: &'a str,
}

#[derive(Debug, Serialize)]
struct DirectoryOverlap<'a> {
    a: &'a str,
    a_name: &'a str,
    b: &'a str,
    b_name: &'a str,
    score: f64,
    reasons: Vec<String>,
    overlap_days: i64,
}

#[derive(Debug, Serialize)]
struct DirectoryContext<'a> {
    title: &'static str,
    format: &'static str,
    generator: &'static str,
    today: &'a str,
    classification: &'a str,
    public: bool,
    campaigns: Vec<DirectoryCampaign<'a>>,
    people: Vec<DirectoryPerson<'a>>,
    overlaps: Vec<DirectoryOverlap<'a>>,
}

/// The text a person's row is found by: name, role, organisation, sector,
/// tags, regions (ids and names), offers and the campaigns they work on,
/// lower-cased.
fn search_text(
    person: &index::Person,
    region_names: &[String],
    campaigns: &[DirectoryInvolvement<'_>],
) -> String {
    let mut parts: Vec<&str> = vec![&person.name, &person.organisation];
    parts.extend(person.role.as_deref());
    parts.extend(person.sector.as_deref());
    parts.extend(person.tags.iter().map(String::as_str));
    parts.extend(person.regions.iter().map(String::as_str));
    parts.extend(region_names.iter().map(String::as_str));
    parts.extend(person.offers.iter().map(String::as_str));
    for c in campaigns {
        parts.push(c.id);
        parts.push(c.name);
        parts.push(c.part);
    }
    parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Render the directory of a workspace: every campaign with where it
/// stands on `today`, every person with the campaigns they work on, and
/// the pairs of campaigns that could join forces. Returns the file name
/// and the text.
pub fn render_directory(
    env: &Environment<'static>,
    index: &Index,
    options: DirectoryOptions<'_>,
    format: Format,
) -> Result<(String, String), RenderError> {
    let names = campaign_names(index);
    let pairs = index::overlaps(index, None, 50);
    let ctx = DirectoryContext {
        title: "Campaign directory",
        format: format.extension(),
        generator: concat!("collab ", env!("CARGO_PKG_VERSION")),
        today: options.today,
        classification: options.classification,
        public: options.public,
        campaigns: directory_campaigns(index, &names, options.today),
        people: directory_people(index, &names, options.public),
        overlaps: directory_overlaps(&pairs, &names),
    };
    let mut json = serde_json::to_value(&ctx)
        .map_err(|e| RenderError(format!("could not prepare the directory: {e}")))?;
    if options.public {
        scrub(&mut json);
    }
    let name = format!("directory.{}.j2", format.extension());
    let template = env
        .get_template(&name)
        .map_err(|e| RenderError(describe(&e)))?;
    let text = render_within(env, &template, Value::from(Serde(&json)))?;
    Ok((format!("directory.{}", format.extension()), text))
}

/// Each campaign's name by id; a campaign without a name goes by its id.
type Names<'a> = BTreeMap<&'a str, &'a str>;

fn campaign_names(index: &Index) -> Names<'_> {
    index
        .campaigns
        .iter()
        .map(|c| {
            let name = if c.name.trim().is_empty() {
                c.id.as_str()
            } else {
                c.name.as_str()
            };
            (c.id.as_str(), name)
        })
        .collect()
}

fn name_of<'a>(names: &Names<'a>, id: &'a str) -> &'a str {
    names.get(id).copied().unwrap_or(id)
}

/// Every campaign with where it stands on `today`.
fn directory_campaigns<'a>(
    index: &'a Index,
    names: &Names<'a>,
    today: &str,
) -> Vec<DirectoryCampaign<'a>> {
    let places = index.places();
    index
        .campaigns
        .iter()
        .map(|c| DirectoryCampaign {
            id: &c.id,
            name: name_of(names, &c.id),
            folder: &c.folder,
            status: index::phase(c, today),
            start: c.start.as_deref(),
            launch: c.launch.as_deref(),
            end: c.end.as_deref(),
            lead: c.lead.as_deref(),
            lead_name: c.lead_name.as_deref(),
            lead_people: lead_people(index, c),
            partners: &c.partners,
            priorities: &c.priorities,
            regions: places.shown(&c.regions),
            errors: c.errors,
        })
        .collect()
}

/// The named leads of a campaign's lead organisation.
fn lead_people<'a>(index: &'a Index, c: &index::CampaignEntry) -> Vec<DirectoryContact<'a>> {
    index
        .people
        .iter()
        .filter(|p| {
            c.lead.as_deref() == Some(p.organisation_id.as_str())
                && p.campaigns
                    .iter()
                    .any(|i| i.campaign == c.id && i.as_ == "lead")
        })
        .map(|p| DirectoryContact {
            name: &p.name,
            role: p.role.as_deref(),
        })
        .collect()
}

/// Every person with the campaigns they work on; no e-mail address or
/// phone number when the directory is public.
fn directory_people<'a>(
    index: &'a Index,
    names: &Names<'a>,
    public: bool,
) -> Vec<DirectoryPerson<'a>> {
    let places = index.places();
    index
        .people
        .iter()
        .map(|p| {
            let region_names: Vec<String> = p.regions.iter().map(|r| places.name(r)).collect();
            let involvements: Vec<DirectoryInvolvement> = p
                .campaigns
                .iter()
                .map(|i| DirectoryInvolvement {
                    id: &i.campaign,
                    name: name_of(names, &i.campaign),
                    part: &i.as_,
                })
                .collect();
            DirectoryPerson {
                name: &p.name,
                role: p.role.as_deref(),
                email: p.email.as_deref().filter(|_| !public),
                phone: p.phone.as_deref().filter(|_| !public),
                organisation: &p.organisation,
                sector: p.sector.as_deref(),
                regions: places.shown(&p.regions),
                tags: &p.tags,
                offers: &p.offers,
                search: search_text(p, &region_names, &involvements),
                campaigns: involvements,
            }
        })
        .collect()
}

/// The pairs of campaigns that could join forces.
fn directory_overlaps<'a>(
    pairs: &'a [index::Overlap],
    names: &Names<'a>,
) -> Vec<DirectoryOverlap<'a>> {
    pairs
        .iter()
        .map(|o| DirectoryOverlap {
            a: &o.a,
            a_name: name_of(names, &o.a),
            b: &o.b,
            b_name: name_of(names, &o.b),
            score: o.score,
            reasons: o.reasons.clone(),
            overlap_days: o.overlap_days,
        })
        .collect()
}

/// The data the public partner pack sees: the [`PublicView`], which holds
/// only what a partner may read (no e-mail addresses, phone numbers,
/// budgets, notes or figures), with anything shaped like an e-mail address
/// or phone number in its free text removed too.
pub fn public_view(view: &CampaignView) -> Value {
    public_json(&PublicView::new(view), view.campaign.contact.as_deref())
}

/// A public view as template data: anything shaped like an e-mail address
/// or phone number removed, then the campaign's shared mailbox (`contact`,
/// checked to be an e-mail address when loaded) put back where the view
/// holds it, the one address a public pack may show.
fn public_json<T: Serialize>(public: &T, mailbox: Option<&str>) -> Value {
    let mut json = serde_json::to_value(public).unwrap_or_default();
    scrub(&mut json);
    if let Some(mailbox) = mailbox {
        for path in ["/campaign/contact", "/contact/mailbox"] {
            if let Some(slot) = json.pointer_mut(path)
                && slot.is_string()
            {
                *slot = serde_json::Value::String(mailbox.to_string());
            }
        }
    }
    Value::from(Serde(&json))
}

fn scrub(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if looks_personal(s) => *s = scrub_text(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
        serde_json::Value::Object(map) => map.values_mut().for_each(scrub),
        _ => {}
    }
}

fn looks_personal(s: &str) -> bool {
    s.contains('@') || s.chars().filter(char::is_ascii_digit).count() >= 9
}

/// Replace e-mail addresses and phone numbers in free text.
pub fn scrub_text(s: &str) -> String {
    use std::sync::OnceLock;
    static EMAIL: OnceLock<Option<regex::Regex>> = OnceLock::new();
    static PHONE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let email = EMAIL.get_or_init(|| regex::Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").ok());
    let phone =
        PHONE.get_or_init(|| regex::Regex::new(r"(\+44\s?\(?0?\)?|\b0)\d[\d\s-]{7,12}\d\b").ok());
    let mut out = s.to_string();
    if let Some(re) = email {
        out = re.replace_all(&out, "[e-mail removed]").into_owned();
    }
    if let Some(re) = phone {
        out = re.replace_all(&out, "[phone removed]").into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_scrubbed_from_text() {
        assert_eq!(
            scrub_text("Call Sam on 020 7946 0000 or sam.patel@example.gov.uk"),
            "Call Sam on [phone removed] or [e-mail removed]"
        );
        assert_eq!(scrub_text("+44 20 7946 0000"), "[phone removed]");
        assert_eq!(
            scrub_text("Reach 1,200,000 people"),
            "Reach 1,200,000 people"
        );
    }

    #[test]
    fn markdown_escaping_leaves_no_html() {
        assert_eq!(
            md_escape("<script>alert(1)</script> | *x*"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*"
        );
    }

    #[test]
    fn the_public_directory_has_no_contact_details() {
        let index = Index {
            campaigns: vec![index::CampaignEntry {
                id: "c".into(),
                name: "Campaign".into(),
                lead: Some("org".into()),
                launch: Some("2026-12-01".into()),
                ..index::CampaignEntry::default()
            }],
            people: vec![index::Person {
                name: "Sam Patel".into(),
                role: Some("Officer (call 020 7946 0000)".into()),
                email: Some("sam.patel@example.gov.uk".into()),
                phone: Some("020 7946 0001".into()),
                organisation: "Org".into(),
                organisation_id: "org".into(),
                campaigns: vec![index::Involvement {
                    campaign: "c".into(),
                    as_: "lead".into(),
                    ..index::Involvement::default()
                }],
                ..index::Person::default()
            }],
            ..Index::default()
        };
        let env = environment(BTreeMap::new());
        for format in [Format::Html, Format::Markdown] {
            let options = DirectoryOptions {
                today: "2026-11-24",
                classification: "OFFICIAL",
                public: true,
            };
            let (name, text) = render_directory(&env, &index, options, format).unwrap();
            assert_eq!(name, format!("directory.{}", format.extension()));
            assert!(text.contains("Sam Patel"), "{text}");
            assert!(!text.contains("@example"), "{text}");
            assert!(!text.contains("7946"), "{text}");
            let internal = DirectoryOptions {
                public: false,
                ..options
            };
            let (_, text) = render_directory(&env, &index, internal, format).unwrap();
            assert!(text.contains("sam.patel@example.gov.uk"), "{text}");
        }
    }

    #[test]
    fn user_templates_override_built_ins() {
        let mut user = BTreeMap::new();
        user.insert("briefing.md.j2".to_string(), "mine\n".to_string());
        let env = environment(user);
        let t = env.get_template("briefing.md.j2").unwrap();
        assert_eq!(t.render(()).unwrap(), "mine\n");
    }
}
