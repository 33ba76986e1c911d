//! `who`: people ranked by how well each of their campaigns answers the
//! query. A person's score is that of their best matching campaign (the
//! match, that campaign's recency and their role in it), plus a small,
//! bounded bonus for further matching campaigns; campaigns that do not
//! match add nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use bm25::{Embedder, EmbedderBuilder, Language, Scorer, Tokenizer};
use serde::Serialize;

use super::{CampaignEntry, Index, Involvement, Person, phase, recency, region_fit};
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
    pub person: &'a Person,
    pub reasons: Vec<String>,
}

/// How much a role counts: the lead is the first person to call.
fn role_weight(as_: &str) -> f64 {
    match as_ {
        "lead" => 1.0,
        "deputy" => 0.8,
        _ => 0.6,
    }
}

/// What a near-miss spelling is worth next to the word itself.
const NEAR_MISS: f64 = 0.5;
/// The most further matching campaigns can add, as a share of the best.
const MAX_BONUS: f64 = 0.2;
/// What each further matching campaign adds, as a share of the best.
const BONUS_EACH: f64 = 0.05;
/// How many matching campaigns a result names.
const SHOWN: usize = 3;

fn norm(s: &str) -> String {
    s.to_lowercase().replace([' ', '_'], "-")
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
    let by_id: BTreeMap<&str, &CampaignEntry> =
        index.campaigns.iter().map(|c| (c.id.as_str(), c)).collect();
    let places = index.places();
    let text = TextHits::search(index, &by_id, &q.text);
    let mut hits = Vec::new();
    for (pi, person) in index.people.iter().enumerate() {
        let mut found: Vec<Found> = person
            .campaigns
            .iter()
            .enumerate()
            .filter_map(|(ii, inv)| {
                let c = by_id.get(inv.campaign.as_str())?;
                let ctx = Context {
                    q,
                    places: &places,
                    text: text.as_ref(),
                    today,
                };
                campaign_match(&ctx, inv, c, (pi, ii))
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        found.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.campaign.id.cmp(&b.campaign.id))
        });
        hits.push(hit(person, &found, today));
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.person.name.cmp(&b.person.name))
    });
    hits
}

/// A person's result from their matching campaigns, best first.
fn hit<'a>(person: &'a Person, found: &[Found], today: &str) -> Hit<'a> {
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
    }
}

/// What every campaign is matched against.
struct Context<'q> {
    q: &'q Query,
    places: &'q Regions,
    text: Option<&'q TextHits>,
    today: &'q str,
}

/// Whether one campaign of a person answers the query, and how well: every
/// filter must hold in this campaign (not across all of them), and free
/// text, when given, must match this campaign or the person's entry in it.
fn campaign_match<'a>(
    ctx: &Context,
    inv: &'a Involvement,
    c: &'a CampaignEntry,
    doc: (usize, usize),
) -> Option<Found<'a>> {
    let q = ctx.q;
    if !q.roles.is_empty() && !q.roles.iter().any(|r| norm(r) == inv.as_) {
        return None;
    }
    let (mut strength, mut what) = filters(q, inv, c)?;
    if !q.regions.is_empty() {
        let have = if inv.regions.is_empty() {
            &c.regions
        } else {
            &inv.regions
        };
        let (fit, why) = region_fit(ctx.places, have, &q.regions)?;
        strength += 2.0 * fit;
        what.extend(why);
    }
    if let Some(text) = ctx.text {
        let (score, why) = text.found.get(&doc)?;
        strength += score;
        what.extend(why.iter().cloned());
    }
    if strength == 0.0 {
        strength = 1.0;
    }
    Some(Found {
        score: strength * recency(c, ctx.today) * role_weight(&inv.as_),
        inv,
        campaign: c,
        what,
    })
}

/// The tag, offer, sector and priority filters in one campaign: their
/// strength and what matched, or `None` when one fails.
fn filters(q: &Query, inv: &Involvement, c: &CampaignEntry) -> Option<(f64, Vec<String>)> {
    let find = |list: &[String], want: &str| list.iter().find(|x| norm(x) == norm(want)).cloned();
    let mut strength = 0.0;
    let mut what = Vec::new();
    for t in &q.tags {
        let tag = find(&inv.tags, t)?;
        strength += 3.0;
        what.push(format!("tagged `{tag}`"));
    }
    for o in &q.offers {
        let offer = find(&inv.offers, o)?;
        strength += 2.0;
        what.push(format!("offers `{offer}`"));
    }
    if !q.sectors.is_empty() {
        let sector = inv.sector.as_deref()?;
        let fits = |s: &String| norm(sector) == norm(&label(s)) || norm(sector) == norm(s);
        if !q.sectors.iter().any(fits) {
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

/// What one of a person's campaigns says, with their entry in it, as one
/// document for free-text search.
fn document(person: &Person, inv: &Involvement, c: &CampaignEntry) -> String {
    let mut parts: Vec<&str> = vec![&c.name, &inv.partner, &person.name, &inv.text];
    parts.extend(person.role.as_deref());
    parts.extend(inv.sector.as_deref());
    for list in [
        &c.audiences,
        &c.objectives,
        &inv.tags,
        &inv.offers,
        &inv.regions,
    ] {
        parts.extend(list.iter().map(String::as_str));
    }
    parts.join(" \n ")
}

/// Free-text matches, per (person, campaign) document: BM25 with English
/// stemming, and near-miss spellings worth [`NEAR_MISS`] of the word.
struct TextHits {
    found: HashMap<(usize, usize), (f64, Vec<String>)>,
}

impl TextHits {
    /// `None` when there is no free text to search for.
    fn search(
        index: &Index,
        by_id: &BTreeMap<&str, &CampaignEntry>,
        text: &[String],
    ) -> Option<TextHits> {
        let asked = text.join(" ").to_lowercase();
        if asked.trim().is_empty() {
            return None;
        }
        let mut docs: Vec<((usize, usize), String)> = Vec::new();
        for (pi, person) in index.people.iter().enumerate() {
            for (ii, inv) in person.campaigns.iter().enumerate() {
                if let Some(c) = by_id.get(inv.campaign.as_str()) {
                    docs.push(((pi, ii), document(person, inv, c)));
                }
            }
        }
        Some(TextHits {
            found: Bm25::new(&docs).answer(&asked),
        })
    }
}

/// A BM25 index of the documents, and the words they use.
struct Bm25<'d> {
    docs: &'d [((usize, usize), String)],
    tokenizer: bm25::DefaultTokenizer,
    embedder: Embedder,
    scorer: Scorer<usize>,
    stems: BTreeSet<String>,
    /// Each document's stems, to say which words it matched.
    doc_stems: Vec<HashSet<String>>,
    words: BTreeSet<String>,
}

impl<'d> Bm25<'d> {
    fn new(docs: &'d [((usize, usize), String)]) -> Bm25<'d> {
        let corpus: Vec<&str> = docs.iter().map(|(_, d)| d.as_str()).collect();
        let embedder: Embedder =
            EmbedderBuilder::with_fit_to_corpus(Language::English, &corpus).build();
        let tokenizer = bm25::DefaultTokenizer::new(Language::English);
        let mut scorer = Scorer::new();
        let mut stems = BTreeSet::new();
        let mut doc_stems = Vec::with_capacity(docs.len());
        let mut words = BTreeSet::new();
        for (k, (_, d)) in docs.iter().enumerate() {
            scorer.upsert(&k, embedder.embed(d));
            let mine: HashSet<String> = tokenizer.tokenize(d).into_iter().collect();
            stems.extend(mine.iter().cloned());
            doc_stems.push(mine);
            words.extend(plain_words(d, 4));
        }
        Bm25 {
            docs,
            tokenizer,
            embedder,
            scorer,
            stems,
            doc_stems,
            words,
        }
    }

    /// The score of every matching document and why it matched.
    fn answer(&self, asked: &str) -> HashMap<(usize, usize), (f64, Vec<String>)> {
        let mut exact: Vec<String> = Vec::new();
        let mut near: Vec<(String, String)> = Vec::new();
        for w in plain_words(asked, 1) {
            let stems = self.tokenizer.tokenize(&w);
            if stems.is_empty() {
                continue;
            }
            if stems.iter().all(|s| self.stems.contains(s)) {
                exact.push(w);
            } else if w.chars().count() >= 4 {
                near.extend(self.closest(&w).into_iter().map(|v| (w.clone(), v)));
            }
        }
        let mut scores: HashMap<usize, f64> = HashMap::new();
        let near_words: Vec<String> = near.iter().map(|(_, v)| v.clone()).collect();
        for (words, weight) in [(&exact, 1.0), (&near_words, NEAR_MISS)] {
            if words.is_empty() {
                continue;
            }
            for m in self.scorer.matches(&self.embedder.embed(&words.join(" "))) {
                *scores.entry(m.id).or_default() += weight * f64::from(m.score);
            }
        }
        let stemmed: HashMap<&str, Vec<String>> = exact
            .iter()
            .chain(near_words.iter())
            .map(|w| (w.as_str(), self.tokenizer.tokenize(w)))
            .collect();
        scores
            .into_iter()
            .map(|(k, score)| {
                let why = self.why(k, &stemmed, &exact, &near);
                (self.docs[k].0, (score, why))
            })
            .collect()
    }

    /// The words of the query a document has, and the near-misses read as
    /// words it has.
    fn why(
        &self,
        k: usize,
        stemmed: &HashMap<&str, Vec<String>>,
        exact: &[String],
        near: &[(String, String)],
    ) -> Vec<String> {
        let has = &self.doc_stems[k];
        let has_word = |w: &str| {
            stemmed
                .get(w)
                .is_some_and(|st| !st.is_empty() && st.iter().all(|s| has.contains(s)))
        };
        let mut why = Vec::new();
        let quoted: Vec<String> = exact
            .iter()
            .filter(|w| has_word(w))
            .map(|w| format!("“{w}”"))
            .collect();
        if !quoted.is_empty() {
            why.push(format!("mentions {}", quoted.join(", ")));
        }
        for (asked, read) in near.iter().filter(|(_, v)| has_word(v)) {
            why.push(format!("mentions “{read}” (for “{asked}”)"));
        }
        why
    }

    /// The words the documents use that are closest to a word they do not
    /// use, within one edit (two for words of seven letters or more).
    fn closest(&self, w: &str) -> Vec<String> {
        let most = if w.chars().count() >= 7 { 2 } else { 1 };
        let mut best: Vec<(usize, &String)> = self
            .words
            .iter()
            .filter(|v| v.len().abs_diff(w.len()) <= most)
            .map(|v| (strsim::damerau_levenshtein(w, v), v))
            .filter(|(d, _)| *d <= most)
            .collect();
        let Some(min) = best.iter().map(|(d, _)| *d).min() else {
            return Vec::new();
        };
        best.retain(|(d, _)| *d == min);
        best.into_iter().take(3).map(|(_, v)| v.clone()).collect()
    }
}

/// Lower-case words of `min` letters or more.
fn plain_words(text: &str, min: usize) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= min)
        .map(str::to_string)
        .collect()
}
