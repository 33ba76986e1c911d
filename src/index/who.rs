//! `who`: people ranked by how well each of their campaigns answers the
//! query. A person's score is that of their best matching campaign (the
//! match, that campaign's recency and their role in it), plus a small,
//! bounded bonus for further matching campaigns; campaigns that do not
//! match add nothing.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::text::{TextHits, TextIndex};
use super::{
    CampaignEntry, Index, Involvement, Member, Person, phase, recency, region_fit, year_before,
};
use crate::model::region::Regions;
use crate::view::label;

/// A search for people.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: Vec<String>,
    pub tags: Vec<String>,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub offers: Vec<String>,
    pub priorities: Vec<String>,
    /// `lead`, `deputy`, `sign-off` or `sponsor`: any of them.
    pub roles: Vec<String>,
}

/// A person with their score and why.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub score: f64,
    #[serde(serialize_with = "shown_person")]
    pub person: &'a Person,
    pub reasons: Vec<String>,
    /// The campaigns that matched, best first: each one's id and the
    /// person's role there (the JSON has them in `reasons`).
    #[serde(skip)]
    pub matched: Vec<(&'a str, &'a str)>,
}

/// A person as a result shows them: their campaigns say where they are
/// and as what, without the places of the partner entries in the index.
fn shown_person<S: serde::Serializer>(p: &&Person, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Shown<'a> {
        campaign: &'a str,
        #[serde(rename = "as")]
        as_: &'a str,
        partner: &'a str,
    }
    #[derive(Serialize)]
    struct View<'a> {
        name: &'a str,
        role: Option<&'a str>,
        email: Option<&'a str>,
        phone: Option<&'a str>,
        organisation: &'a str,
        organisation_id: &'a str,
        sector: Option<&'a str>,
        regions: &'a [String],
        tags: &'a [String],
        offers: &'a [String],
        campaigns: Vec<Shown<'a>>,
    }
    let campaigns = p
        .campaigns
        .iter()
        .map(|i| Shown {
            campaign: &i.campaign,
            as_: &i.as_,
            partner: &i.partner,
        })
        .collect();
    View {
        name: &p.name,
        role: p.role.as_deref(),
        email: p.email.as_deref(),
        phone: p.phone.as_deref(),
        organisation: &p.organisation,
        organisation_id: &p.organisation_id,
        sector: p.sector.as_deref(),
        regions: &p.regions,
        tags: &p.tags,
        offers: &p.offers,
        campaigns,
    }
    .serialize(s)
}

/// How much a role counts: the lead is the first person to call.
fn role_weight(as_: &str) -> f64 {
    match as_ {
        "lead" => 1.0,
        "deputy" => 0.8,
        _ => 0.6,
    }
}

/// The most further matching campaigns can add, as a share of the best.
const MAX_BONUS: f64 = 0.2;
/// What each further matching campaign adds, as a share of the best.
const BONUS_EACH: f64 = 0.05;
/// How many matching campaigns a result names.
const SHOWN: usize = 3;

/// A label as compared: lower case, with spaces and underscores as
/// hyphens.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
}

/// Whether two labels are the same once folded; allocates nothing, as it
/// runs for every label of every matching campaign.
fn same_label(a: &str, b: &str) -> bool {
    a == b || folded(a).eq(folded(b))
}

/// One of a person's campaigns that answers the query.
struct Found<'a> {
    score: f64,
    inv: &'a Involvement,
    campaign: &'a CampaignEntry,
    what: Vec<String>,
}

impl Found<'_> {
    /// "lead of Winter Fire Safety (2026), tagged `fire-safety`".
    fn reason(&self, today: &str) -> String {
        let c = self.campaign;
        let name = if c.name.is_empty() { &c.id } else { &c.name };
        let year = [&c.launch, &c.start, &c.end]
            .into_iter()
            .flatten()
            .find_map(|d| d.get(..4))
            .map(|y| format!(" ({y})"))
            .unwrap_or_default();
        let what = if self.what.is_empty() {
            match phase(c, today) {
                "live" => "live now".to_string(),
                "planning" => "being planned".to_string(),
                _ => "ended".to_string(),
            }
        } else {
            self.what.join(", ")
        };
        format!("{} of {name}{year}, {what}", self.inv.as_)
    }
}

/// People matching a query, best first.
pub fn who<'a>(index: &'a Index, q: &Query, today: &str) -> Vec<Hit<'a>> {
    let by_id: HashMap<&str, (usize, &CampaignEntry)> = index
        .campaigns
        .iter()
        .enumerate()
        .map(|(k, c)| (c.id.as_str(), (k, c)))
        .collect();
    let places = index.places();
    let built;
    let text = match &index.text {
        Some(t) if t.fits(index) => t,
        _ if q.text.iter().all(|t| t.trim().is_empty()) => &TextIndex::default(),
        _ => {
            built = TextIndex::build(index);
            &built
        }
    };
    let ctx = Context {
        q,
        sectors: q.sectors.iter().map(|s| (label(s), s.as_str())).collect(),
        places: &places,
        fits: region_fits(index, &places, &q.regions),
        text: TextHits::search(text, &q.text),
        today,
        year_ago: year_before(today),
    };
    let mut hits: Vec<Hit> = index
        .people
        .par_iter()
        .enumerate()
        .filter_map(|(pi, person)| {
            let mut found: Vec<Found> = person
                .campaigns
                .iter()
                .filter_map(|inv| {
                    let &(ci, c) = by_id.get(inv.campaign.as_str())?;
                    let m = c.members.get(inv.member)?;
                    campaign_match(&ctx, inv, (c, m), (pi, ci))
                })
                .collect();
            found.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.campaign.id.cmp(&b.campaign.id))
            });
            (!found.is_empty()).then(|| hit(person, &found, today))
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.person.name.cmp(&b.person.name))
    });
    hits
}

/// A person's result from their matching campaigns, best first.
fn hit<'a>(person: &'a Person, found: &[Found<'a>], today: &str) -> Hit<'a> {
    let best = found[0].score;
    let further = (found.len() - 1) as f64;
    let score = best * (1.0 + (BONUS_EACH * further).min(MAX_BONUS));
    let mut reasons: Vec<String> = found.iter().take(SHOWN).map(|f| f.reason(today)).collect();
    if found.len() > SHOWN {
        reasons.push(format!(
            "and {} more matching campaign(s)",
            found.len() - SHOWN
        ));
    }
    debug_assert!(!reasons.is_empty(), "a result without a reason");
    Hit {
        score: (score * 1000.0).round() / 1000.0,
        person,
        reasons,
        matched: found
            .iter()
            .map(|f| (f.campaign.id.as_str(), f.inv.as_.as_str()))
            .collect(),
    }
}

/// What every campaign is matched against, with what can be worked out
/// once per query.
struct Context<'q> {
    q: &'q Query,
    /// Each `--sector` asked for: its label, and as given.
    sectors: Vec<(String, &'q str)>,
    places: &'q Regions,
    /// How each list of places in the index answers `--region`.
    fits: RegionFits<'q>,
    text: Option<TextHits<'q>>,
    today: &'q str,
    year_ago: String,
}

/// How well each distinct list of places answers `--region` (see
/// [`region_fit`]), worked out once per list rather than per person.
type RegionFits<'a> = HashMap<&'a [String], Option<(f64, Vec<String>)>>;

fn region_fits<'a>(index: &'a Index, places: &Regions, wanted: &[String]) -> RegionFits<'a> {
    let mut fits = RegionFits::new();
    if wanted.is_empty() {
        return fits;
    }
    let lists = index.campaigns.iter().flat_map(|c| {
        std::iter::once(c.regions.as_slice()).chain(c.members.iter().map(|m| m.regions.as_slice()))
    });
    for have in lists {
        fits.entry(have)
            .or_insert_with(|| region_fit(places, have, wanted));
    }
    fits
}

/// Whether one campaign of a person answers the query, and how well: every
/// filter must hold in this campaign (not across all of them), and free
/// text, when given, must match this campaign or the person's entry in it.
fn campaign_match<'a>(
    ctx: &Context,
    inv: &'a Involvement,
    (c, m): (&'a CampaignEntry, &Member),
    (person, campaign): (usize, usize),
) -> Option<Found<'a>> {
    let q = ctx.q;
    if !q.roles.is_empty() && !q.roles.iter().any(|r| same_label(r, &inv.as_)) {
        return None;
    }
    let (mut strength, mut what) = filters(ctx, m, c)?;
    if !q.regions.is_empty() {
        let have = if m.regions.is_empty() {
            &c.regions
        } else {
            &m.regions
        };
        let (fit, why) = match ctx.fits.get(have.as_slice()) {
            Some(known) => known.clone()?,
            None => region_fit(ctx.places, have, &q.regions)?,
        };
        strength += 2.0 * fit;
        what.extend(why);
    }
    if let Some(text) = &ctx.text {
        let (score, why) = text.get(person, campaign, inv.member)?;
        strength += score;
        what.extend(why);
    }
    if strength == 0.0 {
        strength = 1.0;
    }
    Some(Found {
        score: strength * recency(c, ctx.today, &ctx.year_ago) * role_weight(&inv.as_),
        inv,
        campaign: c,
        what,
    })
}

/// The tag, offer, sector and priority filters in one campaign: their
/// strength and what matched, or `None` when one fails.
fn filters(ctx: &Context, m: &Member, c: &CampaignEntry) -> Option<(f64, Vec<String>)> {
    let q = ctx.q;
    let find = |list: &[String], want: &str| list.iter().find(|x| same_label(x, want)).cloned();
    let mut strength = 0.0;
    let mut what = Vec::new();
    for t in &q.tags {
        let tag = find(&m.tags, t)?;
        strength += 3.0;
        what.push(format!("tagged `{tag}`"));
    }
    for o in &q.offers {
        let offer = find(&m.offers, o)?;
        strength += 2.0;
        what.push(format!("offers `{offer}`"));
    }
    if !q.sectors.is_empty() {
        let sector = m.sector.as_deref()?;
        let fits = |(l, s): &(String, &str)| same_label(sector, l) || same_label(sector, s);
        if !ctx.sectors.iter().any(fits) {
            return None;
        }
        strength += 1.0;
        what.push(format!("in the {} sector", sector.to_lowercase()));
    }
    for p in &q.priorities {
        let priority = find(&c.priorities, p)?;
        strength += 2.0;
        what.push(format!("serves priority `{priority}`"));
    }
    Some((strength, what))
}
