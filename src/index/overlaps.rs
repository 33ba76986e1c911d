//! `overlaps`: pairs of campaigns that could join forces, scored on shared
//! priorities, places, tags, audiences and overlapping dates, with the
//! reasons in words; and the clusters those pairs join. Pure.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::{CampaignEntry, Index, words};
use crate::model::Date;
use crate::model::region::Regions;

/// Two campaigns that could join forces, with the reasons.
#[derive(Debug, Clone, Serialize)]
pub struct Overlap {
    pub a: String,
    pub b: String,
    pub score: f64,
    /// Each term of the score, in words.
    pub reasons: Vec<String>,
    pub overlap_days: i64,
}

/// What `overlaps` compares, worked out once per campaign, with words
/// turned into numbers so comparing two campaigns is cheap.
struct Prepared {
    /// Launch (or start) and end, as days since 1970.
    window: Option<(i32, i32)>,
    priorities: Vec<u32>,
    places: Vec<Place>,
    tags: Vec<u32>,
    audiences: Vec<Vec<u32>>,
}

#[derive(Default)]
struct Interner(BTreeMap<String, u32>);

impl Interner {
    fn ids<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) -> Vec<u32> {
        let mut out: Vec<u32> = items
            .into_iter()
            .map(|w| {
                let next = self.0.len() as u32;
                *self.0.entry(w.to_string()).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A campaign's place, as a number, with the places it lies within and
/// what sharing each of those is worth.
struct Place {
    key: u32,
    within: Vec<(u32, f64)>,
}

/// A campaign's places, turned into numbers.
fn places(c: &CampaignEntry, vocab: &Regions, labels: &mut Interner) -> Vec<Place> {
    let mut id = |k: &str| labels.ids([format!("r:{k}").as_str()])[0];
    c.regions
        .iter()
        .map(|r| Place {
            key: id(&vocab.key(r)),
            within: vocab
                .ancestors(r)
                .iter()
                .map(|a| (id(a), vocab.within_weight(a)))
                .collect(),
        })
        .collect()
}

/// What two campaigns' places are worth together: the same place scores
/// most, one inside the other less, and inside a whole nation least.
fn place_score(a: &[Place], b: &[Place]) -> f64 {
    let mut score = 0.0;
    for x in a {
        for y in b {
            let inside = |inner: &Place, outer: u32| {
                inner
                    .within
                    .iter()
                    .find(|(k, _)| *k == outer)
                    .map(|(_, w)| *w)
            };
            score += if x.key == y.key {
                crate::model::region::SAME_WEIGHT
            } else {
                inside(y, x.key).or_else(|| inside(x, y.key)).unwrap_or(0.0)
            };
        }
    }
    score
}

fn prepare(
    c: &CampaignEntry,
    vocab: &Regions,
    words_in: &mut Interner,
    labels: &mut Interner,
) -> Prepared {
    let start = c
        .launch
        .as_deref()
        .or(c.start.as_deref())
        .and_then(Date::parse);
    let end = c.end.as_deref().and_then(Date::parse);
    Prepared {
        window: start
            .zip(end)
            .filter(|(s, e)| s <= e)
            .map(|(s, e)| (day_number(s), day_number(e))),
        priorities: labels.ids(
            c.priorities
                .iter()
                .map(|p| format!("p:{p}"))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ),
        places: places(c, vocab, labels),
        tags: labels.ids(
            c.tags
                .iter()
                .map(|p| format!("t:{p}"))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ),
        audiences: c
            .audiences
            .iter()
            .map(|a| {
                let w = words(a);
                words_in.ids(w.iter().map(String::as_str))
            })
            .collect(),
    }
}

/// Days since 1 January 1970.
fn day_number(d: Date) -> i32 {
    (d.0 - jiff::civil::date(1970, 1, 1)).get_days()
}

/// How many values two sorted lists share.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let inter = common(a, b) as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    if union == 0.0 { 0.0 } else { inter / union }
}

fn shared(x: &[String], y: &[String]) -> Vec<String> {
    x.iter().filter(|v| y.contains(v)).cloned().collect()
}

/// One candidate pair before it is explained.
struct Candidate {
    score: f64,
    i: usize,
    j: usize,
    days: i64,
    audience: Option<(usize, usize)>,
}

/// Pairs of campaigns that share priorities, audiences, regions or tags and
/// run at overlapping dates, best first: at most `limit` of them, and only
/// those involving campaign `only` when given. The rows of pairs are shared
/// among threads, each keeping its best `limit`; a pair whose cheap terms
/// and the most its other terms could add cannot reach the worst pair kept
/// is not scored further.
pub fn overlaps(index: &Index, only: Option<&str>, limit: usize) -> Vec<Overlap> {
    let mut words_in = Interner::default();
    let mut labels = Interner::default();
    let vocab = index.places();
    let prepared: Vec<Prepared> = index
        .campaigns
        .iter()
        .map(|c| prepare(c, &vocab, &mut words_in, &mut labels))
        .collect();
    let all = &index.campaigns;
    // Rows in order of start, so each row stops at the first campaign that
    // starts after it ends.
    let mut rows: Vec<(i32, i32, usize)> = prepared
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.window.map(|(s, e)| (s, e, i)))
        .collect();
    rows.sort_unstable();
    let best = (0..rows.len())
        .into_par_iter()
        .fold(
            || Best::new(all, limit),
            |mut best, r| {
                let (_, end, a) = rows[r];
                for &(start, _, b) in rows[r + 1..].iter().take_while(|x| x.0 <= end) {
                    let (i, j) = (a.min(b), a.max(b));
                    if only.is_some_and(|id| all[i].id != id && all[j].id != id) {
                        continue;
                    }
                    debug_assert!(start <= end);
                    if let Some(c) = candidate(&prepared, i, j, best.floor) {
                        best.push(c);
                    }
                }
                best
            },
        )
        .reduce(|| Best::new(all, limit), Best::join);
    best.finish()
        .into_iter()
        .map(|c| explain(index, &vocab, &c))
        .collect()
}

/// The best `limit` candidates seen so far, and the score a new one must
/// reach once there are that many.
struct Best<'a> {
    campaigns: &'a [CampaignEntry],
    limit: usize,
    kept: Vec<Candidate>,
    floor: f64,
}

impl<'a> Best<'a> {
    fn new(campaigns: &'a [CampaignEntry], limit: usize) -> Best<'a> {
        Best {
            campaigns,
            limit,
            kept: Vec::new(),
            floor: if limit == 0 { f64::INFINITY } else { 0.0 },
        }
    }

    fn push(&mut self, c: Candidate) {
        self.kept.push(c);
        if self.kept.len() >= self.limit.saturating_mul(2).saturating_add(64) {
            self.trim();
        }
    }

    fn join(mut self, other: Best<'a>) -> Best<'a> {
        self.kept.extend(other.kept);
        self.trim();
        self
    }

    /// Keep the best `limit`, best first: by score, then by the two ids.
    fn trim(&mut self) {
        let id = |k: usize| self.campaigns[k].id.as_str();
        self.kept.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| (id(x.i), id(x.j), x.i, x.j).cmp(&(id(y.i), id(y.j), y.i, y.j)))
        });
        self.kept.truncate(self.limit);
        if self.kept.len() == self.limit
            && let Some(last) = self.kept.last()
        {
            self.floor = self.floor.max(last.score);
        }
    }

    fn finish(mut self) -> Vec<Candidate> {
        self.trim();
        self.kept
    }
}

/// Campaigns `i` and `j` as a candidate pair, scored, when their dates
/// overlap and they share something; `None` too when they cannot score
/// `floor`.
fn candidate(prepared: &[Prepared], i: usize, j: usize, floor: f64) -> Option<Candidate> {
    let (pa, pb) = (&prepared[i], &prepared[j]);
    let (a0, a1) = pa.window?;
    let (b0, b1) = pb.window?;
    let start = a0.max(b0);
    let end = a1.min(b1);
    if start > end {
        return None;
    }
    let days = i64::from(end - start) + 1;
    let time = (days as f64 / 28.0).min(3.0);
    let mut score =
        2.0 * common(&pa.priorities, &pb.priorities) as f64 + common(&pa.tags, &pb.tags) as f64;
    // The most places and audiences could add: every pair of places the
    // same, and two audiences in the same words.
    let most = crate::model::region::SAME_WEIGHT * (pa.places.len() * pb.places.len()) as f64
        + AUDIENCE_WEIGHT;
    if score + most + time + 0.01 < floor {
        return None;
    }
    score += place_score(&pa.places, &pb.places);
    let (best, mut audience) = closest_audiences(pa, pb);
    if best >= 0.3 {
        score += AUDIENCE_WEIGHT * best;
    } else {
        audience = None;
    }
    if score == 0.0 {
        return None;
    }
    score += time;
    Some(Candidate {
        score: (score * 100.0).round() / 100.0,
        i,
        j,
        days,
        audience,
    })
}

/// What two audiences in exactly the same words add to a pair's score.
const AUDIENCE_WEIGHT: f64 = 4.0;

/// The most alike audiences of two campaigns (by shared words) and how
/// alike they are.
fn closest_audiences(pa: &Prepared, pb: &Prepared) -> (f64, Option<(usize, usize)>) {
    let mut audience = None;
    let mut best = 0.0;
    for (ai, aw) in pa.audiences.iter().enumerate() {
        for (bi, bw) in pb.audiences.iter().enumerate() {
            let sim = jaccard(aw, bw);
            if sim > best {
                best = sim;
                audience = Some((ai, bi));
            }
        }
    }
    (best, audience)
}

/// A chosen pair with the reasons, in words.
fn explain(index: &Index, vocab: &Regions, c: &Candidate) -> Overlap {
    let (a, b) = (&index.campaigns[c.i], &index.campaigns[c.j]);
    let mut reasons = Vec::new();
    let prio = shared(&a.priorities, &b.priorities);
    if !prio.is_empty() {
        reasons.push(format!("shared priority {}", prio.join(", ")));
    }
    let places = vocab.links(&a.regions, &b.regions);
    if !places.is_empty() {
        let words: Vec<String> = places.iter().map(|l| vocab.describe(l)).collect();
        reasons.push(words.join("; "));
    }
    let tags = shared(&a.tags, &b.tags);
    if !tags.is_empty() {
        reasons.push(format!("shared tags {}", tags.join(", ")));
    }
    if let Some((ai, bi)) = c.audience {
        let aw: BTreeSet<String> = words(&a.audiences[ai]).into_iter().collect();
        let bw: BTreeSet<String> = words(&b.audiences[bi]).into_iter().collect();
        let both: Vec<&str> = aw.intersection(&bw).map(String::as_str).collect();
        reasons.push(format!("both target {}", both.join(" ")));
    }
    let weeks = c.days / 7;
    reasons.push(if weeks >= 1 {
        format!("{weeks} weeks overlap")
    } else {
        format!("{} days overlap", c.days)
    });
    Overlap {
        a: a.id.clone(),
        b: b.id.clone(),
        score: c.score,
        reasons,
        overlap_days: c.days,
    }
}

/// Groups of three or more campaigns linked by overlapping pairs: each
/// cluster is a set of campaigns any two of which are joined through a chain
/// of the given pairs. Sorted by size, then by id.
pub fn clusters(pairs: &[Overlap]) -> Vec<Vec<String>> {
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for p in pairs {
        let hits: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.contains(&p.a) || g.contains(&p.b))
            .map(|(i, _)| i)
            .collect();
        let mut merged: BTreeSet<String> = [p.a.clone(), p.b.clone()].into_iter().collect();
        for i in hits.iter().rev() {
            merged.extend(groups.remove(*i));
        }
        groups.push(merged);
    }
    let mut out: Vec<Vec<String>> = groups
        .into_iter()
        .filter(|g| g.len() >= 3)
        .map(|g| g.into_iter().collect())
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_join_chains_of_pairs() {
        let pair = |a: &str, b: &str| Overlap {
            a: a.into(),
            b: b.into(),
            score: 1.0,
            reasons: vec![],
            overlap_days: 1,
        };
        let found = clusters(&[
            pair("a", "b"),
            pair("c", "d"),
            pair("b", "c"),
            pair("x", "y"),
        ]);
        assert_eq!(found, vec![vec!["a", "b", "c", "d"]]);
    }

    /// Campaigns with a spread of priorities, places, tags, audiences and
    /// dates, from a fixed seed.
    fn spread(n: usize) -> Index {
        let mut seed: u64 = 2026;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % m
        };
        let pick = |k: u64, from: &[&str]| from[k as usize % from.len()].to_string();
        let places = ["north-west", "london", "england", "uk", "wales", "leeds"];
        let words = ["older", "people", "carers", "young", "drivers", "renters"];
        let campaigns = (0..n)
            .map(|i| CampaignEntry {
                id: format!("c{i:03}"),
                launch: Some(format!("2026-{:02}-01", 1 + next(12))),
                end: Some(format!("2027-{:02}-28", 1 + next(12))),
                priorities: vec![pick(next(4), &["a", "b", "c", "d"])],
                regions: vec![pick(next(6), &places)],
                tags: (0..next(4)).map(|_| pick(next(8), &words)).collect(),
                audiences: vec![format!(
                    "{} {} {}",
                    pick(next(6), &words),
                    pick(next(6), &words),
                    pick(next(6), &words)
                )],
                ..CampaignEntry::default()
            })
            .collect();
        Index {
            campaigns,
            ..Index::default()
        }
    }

    #[test]
    fn the_best_few_overlaps_are_the_head_of_them_all() {
        let index = spread(120);
        let all = overlaps(&index, None, usize::MAX);
        let key = |o: &Overlap| (o.a.clone(), o.b.clone(), o.score, o.reasons.clone());
        assert!(all.len() > 1000, "{}", all.len());
        for limit in [0, 1, 5, 20, 200] {
            let few: Vec<_> = overlaps(&index, None, limit).iter().map(key).collect();
            let head: Vec<_> = all.iter().take(limit).map(key).collect();
            assert_eq!(few, head, "limit {limit}");
        }
        let one: Vec<_> = overlaps(&index, Some("c007"), 10).iter().map(key).collect();
        let head: Vec<_> = all
            .iter()
            .filter(|o| o.a == "c007" || o.b == "c007")
            .take(10)
            .map(key)
            .collect();
        assert_eq!(one, head);
    }
}
