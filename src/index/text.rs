//! Free-text search for `who`, over three kinds of document: each
//! campaign (its name, audiences and objectives), each partner's entry in
//! a campaign (name, sector, what it gains, tags, offers, places) and each
//! person (name and job title). Each kind is scored with BM25 (the `bm25`
//! crate, English stemming) against its own kind, and a person's match in
//! one campaign is the sum of the three: the campaign, their partner there,
//! and themselves (BM25 summed over fields, as search engines score a query
//! across several fields). The documents' BM25 weights are worked out once,
//! when `collab index` writes its cache, so a query only hashes its own
//! words. Near-miss spellings are read as the closest words the documents
//! use, for [`NEAR_MISS`] of a word's worth.

use std::collections::{BTreeSet, HashMap};

use bm25::{
    Embedder, EmbedderBuilder, Embedding, Language, Scorer, TokenEmbedder, TokenEmbedding,
    Tokenizer,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{CampaignEntry, Index, Member, Person};

/// What a near-miss spelling is worth next to the word itself.
const NEAR_MISS: f64 = 0.5;
/// What a person's own document (name and job title) counts for next to
/// their campaign's and their partner's: a title is a few words, so BM25
/// gives each of them a large weight, and one word in a title should not
/// outweigh a campaign about the subject.
const PERSON_WEIGHT: f64 = 0.5;

/// One document's BM25 weights: a hashed stem and its weight, per word.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Doc(pub Vec<(u32, f32)>);

impl Doc {
    fn has(&self, token: u32) -> bool {
        self.0.binary_search_by_key(&token, |x| x.0).is_ok()
    }
}

/// The documents of a workspace, weighted for BM25.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TextIndex {
    /// One per campaign of the index, in its order.
    pub campaigns: Vec<Doc>,
    /// Each campaign's partner entries, in the order of its `members`.
    pub members: Vec<Vec<Doc>>,
    /// One per person of the index, in its order.
    pub people: Vec<Doc>,
    /// Every word of four letters or more the documents use, sorted: what a
    /// word they do not use may be a misspelling of.
    pub words: Vec<String>,
    /// Every stem the documents use, hashed and sorted.
    pub tokens: Vec<u32>,
}

fn campaign_text(c: &CampaignEntry) -> String {
    let mut parts = vec![c.name.as_str()];
    parts.extend(c.audiences.iter().map(String::as_str));
    parts.extend(c.objectives.iter().map(String::as_str));
    parts.join(" \n ")
}

fn member_text(m: &Member) -> String {
    let mut parts = vec![m.name.as_str(), m.text.as_str()];
    parts.extend(m.sector.as_deref());
    for list in [&m.tags, &m.offers, &m.regions] {
        parts.extend(list.iter().map(String::as_str));
    }
    parts.join(" \n ")
}

fn person_text(p: &Person) -> String {
    let mut parts = vec![p.name.as_str()];
    parts.extend(p.role.as_deref());
    parts.join(" \n ")
}

fn tokenizer() -> bm25::DefaultTokenizer {
    bm25::DefaultTokenizer::new(Language::English)
}

fn hash(stem: &str) -> u32 {
    <u32 as TokenEmbedder>::embed(stem)
}

/// BM25 weights for one kind of document, fitted to those documents.
fn weigh(texts: &[String]) -> Vec<Doc> {
    let corpus: Vec<&str> = texts.iter().map(String::as_str).collect();
    let embedder: Embedder =
        EmbedderBuilder::with_fit_to_corpus(Language::English, &corpus).build();
    texts
        .par_iter()
        .map(|t| {
            // A word used twice has two equal entries; scoring reads one.
            let mut d: Vec<(u32, f32)> = embedder
                .embed(t)
                .iter()
                .map(|x| (x.index, x.value))
                .collect();
            d.sort_by_key(|x| x.0);
            d.dedup_by_key(|x| x.0);
            Doc(d)
        })
        .collect()
}

impl TextIndex {
    /// Weigh every document of `index`, one kind at a time (each kind's
    /// texts are dropped once weighed).
    pub fn build(index: &Index) -> TextIndex {
        let mut words = BTreeSet::new();
        let mut kind = |texts: Vec<String>| {
            for t in &texts {
                words.extend(plain_words(t, 4));
            }
            weigh(&texts)
        };
        let campaigns = kind(index.campaigns.iter().map(campaign_text).collect());
        let people = kind(index.people.iter().map(person_text).collect());
        let flat = kind(
            index
                .campaigns
                .iter()
                .flat_map(|c| c.members.iter().map(member_text))
                .collect(),
        );
        let mut flat = flat.into_iter();
        let members = index
            .campaigns
            .iter()
            .map(|c| flat.by_ref().take(c.members.len()).collect())
            .collect();
        let mut text = TextIndex {
            campaigns,
            members,
            people,
            words: words.into_iter().collect(),
            tokens: Vec::new(),
        };
        text.tokens = text.all_tokens();
        text
    }

    fn all_tokens(&self) -> Vec<u32> {
        let docs = self
            .campaigns
            .iter()
            .chain(self.members.iter().flatten())
            .chain(&self.people);
        let mut tokens: Vec<u32> = docs.flat_map(|d| d.0.iter().map(|(t, _)| *t)).collect();
        tokens.sort_unstable();
        tokens.dedup();
        tokens
    }

    /// Whether it was built for this index (same numbers of things).
    pub fn fits(&self, index: &Index) -> bool {
        self.campaigns.len() == index.campaigns.len()
            && self.people.len() == index.people.len()
            && self
                .members
                .iter()
                .zip(&index.campaigns)
                .all(|(m, c)| m.len() == c.members.len())
    }

    /// The closest words the documents use to `w`, a word they do not use:
    /// within one edit (two for words of seven letters or more).
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

/// A query's words: those the documents use, and near misses read as
/// words they use (asked, read).
struct Asked {
    exact: Vec<String>,
    near: Vec<(String, String)>,
    /// Each word's hashed stems.
    stems: HashMap<String, Vec<u32>>,
}

impl Asked {
    fn new(text: &TextIndex, asked: &str) -> Asked {
        let tok = tokenizer();
        let mut stems = HashMap::new();
        let mut exact = Vec::new();
        let mut near = Vec::new();
        let remember = |w: &str, stems: &mut HashMap<String, Vec<u32>>| {
            let hashed: Vec<u32> = tok.tokenize(w).iter().map(|s| hash(s)).collect();
            stems.insert(w.to_string(), hashed.clone());
            hashed
        };
        for w in plain_words(asked, 1) {
            let hashed = remember(&w, &mut stems);
            if hashed.is_empty() {
                continue;
            }
            if hashed.iter().all(|h| text.tokens.binary_search(h).is_ok()) {
                exact.push(w);
            } else if w.chars().count() >= 4 {
                for v in text.closest(&w) {
                    remember(&v, &mut stems);
                    near.push((w.clone(), v));
                }
            }
        }
        Asked { exact, near, stems }
    }

    /// The words of the query a document has, and the near-misses read as
    /// words it has.
    fn why(&self, docs: &[&Doc]) -> Vec<String> {
        let has = |w: &str| {
            self.stems.get(w).is_some_and(|st| {
                !st.is_empty() && st.iter().all(|s| docs.iter().any(|d| d.has(*s)))
            })
        };
        let mut why = Vec::new();
        let quoted: Vec<String> = self
            .exact
            .iter()
            .filter(|w| has(w))
            .map(|w| format!("“{w}”"))
            .collect();
        if !quoted.is_empty() {
            why.push(format!("mentions {}", quoted.join(", ")));
        }
        for (asked, read) in self.near.iter().filter(|(_, v)| has(v)) {
            why.push(format!("mentions “{read}” (for “{asked}”)"));
        }
        why
    }

    /// The query as hashed stems: the words, then the near misses.
    fn embeddings(&self) -> [(Embedding, f64); 2] {
        let embed = |words: Vec<&String>| {
            Embedding(
                words
                    .iter()
                    .flat_map(|w| self.stems.get(*w).into_iter().flatten())
                    .map(|&index| TokenEmbedding { index, value: 1.0 })
                    .collect(),
            )
        };
        [
            (embed(self.exact.iter().collect()), 1.0),
            (embed(self.near.iter().map(|(_, v)| v).collect()), NEAR_MISS),
        ]
    }
}

/// The scores of one kind of document for a query, by document number.
/// Every document counts towards the scorer's number of documents, but
/// only the query's words are given: BM25 reads no other word of a
/// document, so the scores are those of the whole documents, without
/// building the scorer's index of every word for each query.
fn scores(docs: &[&Doc], asked: &Asked) -> HashMap<usize, f64> {
    let queries = asked.embeddings();
    let mut wanted: Vec<u32> = queries
        .iter()
        .flat_map(|(q, _)| q.iter().map(|t| t.index))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut scorer: Scorer<usize> = Scorer::new();
    for (k, d) in docs.iter().enumerate() {
        let e =
            d.0.iter()
                .filter(|(index, _)| wanted.binary_search(index).is_ok())
                .map(|&(index, value)| TokenEmbedding { index, value });
        scorer.upsert(&k, Embedding(e.collect()));
    }
    let mut out: HashMap<usize, f64> = HashMap::new();
    for (q, weight) in queries {
        if q.is_empty() {
            continue;
        }
        for m in scorer.matches(&q) {
            *out.entry(m.id).or_default() += weight * f64::from(m.score);
        }
    }
    out
}

/// A free-text query's matches: the score of each campaign, partner entry
/// and person, to be summed for each person in each of their campaigns.
pub struct TextHits<'t> {
    text: &'t TextIndex,
    asked: Asked,
    campaigns: HashMap<usize, f64>,
    /// By (campaign, member).
    members: HashMap<(usize, usize), f64>,
    people: HashMap<usize, f64>,
}

impl<'t> TextHits<'t> {
    /// `None` when there is no free text to search for.
    pub fn search(text: &'t TextIndex, words: &[String]) -> Option<TextHits<'t>> {
        let asked = words.join(" ").to_lowercase();
        if asked.trim().is_empty() {
            return None;
        }
        let asked = Asked::new(text, &asked);
        let flat: Vec<(usize, usize)> = text
            .members
            .iter()
            .enumerate()
            .flat_map(|(c, ms)| (0..ms.len()).map(move |m| (c, m)))
            .collect();
        let member_docs: Vec<&Doc> = text.members.iter().flatten().collect();
        let campaign_docs: Vec<&Doc> = text.campaigns.iter().collect();
        let people_docs: Vec<&Doc> = text.people.iter().collect();
        // The three kinds are scored apart, so at once.
        let (members, (campaigns, people)) = rayon::join(
            || scores(&member_docs, &asked),
            || {
                rayon::join(
                    || scores(&campaign_docs, &asked),
                    || scores(&people_docs, &asked),
                )
            },
        );
        let members = members.into_iter().map(|(k, s)| (flat[k], s)).collect();
        Some(TextHits {
            campaigns,
            people,
            members,
            text,
            asked,
        })
    }

    /// How well person `person`, there for partner `member` of campaign
    /// `campaign`, matches, and the words that matched; `None` for no match.
    pub fn get(&self, person: usize, campaign: usize, member: usize) -> Option<(f64, Vec<String>)> {
        let get = |m: &HashMap<_, f64>, k| m.get(&k).copied().unwrap_or(0.0);
        let score = get(&self.campaigns, campaign)
            + self
                .members
                .get(&(campaign, member))
                .copied()
                .unwrap_or(0.0)
            + PERSON_WEIGHT * get(&self.people, person);
        if score <= 0.0 {
            return None;
        }
        let t = self.text;
        let docs: Vec<&Doc> = [
            t.campaigns.get(campaign),
            t.members.get(campaign).and_then(|m| m.get(member)),
            t.people.get(person),
        ]
        .into_iter()
        .flatten()
        .collect();
        Some((score, self.asked.why(&docs)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        let member = |name: &str, text: &str| Member {
            name: name.into(),
            text: text.into(),
            ..Member::default()
        };
        let campaign = |id: &str, name: &str, audience: &str, members| CampaignEntry {
            id: id.into(),
            name: name.into(),
            audiences: vec![audience.into()],
            members,
            ..CampaignEntry::default()
        };
        let person = |name: &str, role: &str| Person {
            name: name.into(),
            role: Some(role.into()),
            ..Person::default()
        };
        Index {
            campaigns: vec![
                campaign(
                    "fire",
                    "Winter fire safety",
                    "Older people living alone",
                    vec![member("Fire service", "More safety checks booked")],
                ),
                campaign(
                    "roads",
                    "Safer roads",
                    "Young drivers",
                    vec![member("Police", "Fewer crashes"), member("Council", "")],
                ),
            ],
            people: vec![person("Ada Lane", "Road safety officer")],
            ..Index::default()
        }
    }

    #[test]
    fn each_kind_of_document_counts_and_says_why() {
        let index = index();
        let text = TextIndex::build(&index);
        assert!(text.fits(&index));
        let hits = TextHits::search(&text, &["older".into(), "drivers".into()]).unwrap();
        let (fire, why) = hits.get(0, 0, 0).unwrap();
        assert!(fire > 0.0);
        assert_eq!(why, ["mentions “older”"]);
        let (roads, why) = hits.get(0, 1, 1).unwrap();
        assert!(roads > 0.0);
        assert_eq!(why, ["mentions “drivers”"]);
        let police = TextHits::search(&text, &["crashes".into()]).unwrap();
        assert!(police.get(0, 1, 0).is_some());
        assert!(police.get(0, 1, 1).is_none(), "the council did not say it");
    }

    #[test]
    fn a_near_miss_is_read_as_the_word_at_half_weight() {
        let text = TextIndex::build(&index());
        let exact = TextHits::search(&text, &["drivers".into()]).unwrap();
        let near = TextHits::search(&text, &["drivrs".into()]).unwrap();
        let (e, _) = exact.get(0, 1, 0).unwrap();
        let (n, why) = near.get(0, 1, 0).unwrap();
        assert!((n - e * NEAR_MISS).abs() < 1e-9, "{n} {e}");
        assert_eq!(why, ["mentions “drivers” (for “drivrs”)"]);
        assert!(TextHits::search(&text, &[" ".into()]).is_none());
    }
}
