//! `overlaps`: pairs of campaigns that could join forces, scored on shared
//! priorities, places, tags, audiences and overlapping dates, with the
//! reasons in words; and the clusters those pairs join. Pure.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    priorities: Set,
    places: Vec<Place>,
    tags: Set,
    audiences: Vec<Audience>,
    /// The same number for campaigns alike in all but their dates.
    profile: u32,
}

/// An audience's words as numbers, and a number for the whole set (the
/// same for audiences in the same words).
struct Audience {
    set: u32,
    words: Set,
}

/// Numbers as a sorted list and, while they are small, as bits too: what
/// two sets share is then counted a word of 64 at a time, without the
/// branches of walking two lists.
struct Set {
    ids: Vec<u32>,
    bits: Vec<u64>,
}

/// Sets of numbers up to this are kept as bits too (512 bytes each).
const BITS_UP_TO: u32 = 4096;

impl Set {
    fn new(ids: Vec<u32>) -> Set {
        let bits = match ids.last() {
            Some(&most) if most < BITS_UP_TO => {
                let mut bits = vec![0u64; most as usize / 64 + 1];
                for &i in &ids {
                    bits[i as usize / 64] |= 1 << (i % 64);
                }
                bits
            }
            _ => Vec::new(),
        };
        Set { ids, bits }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    /// How many numbers two sets share.
    fn common(&self, other: &Set) -> usize {
        if self.bits.is_empty() || other.bits.is_empty() {
            return common(&self.ids, &other.ids);
        }
        let shared = self
            .bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| (a & b).count_ones());
        shared.sum::<u32>() as usize
    }
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

/// What numbers words, labels and audiences' word sets are given.
#[derive(Default)]
struct Numbers {
    words: Interner,
    labels: Interner,
    sets: BTreeMap<Vec<u32>, u32>,
    profiles: HashMap<Profile, u32>,
}

/// What a campaign's pairs score on, but for its dates.
type Profile = (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>);

fn prepare(c: &CampaignEntry, vocab: &Regions, numbers: &mut Numbers) -> Prepared {
    let start = c
        .launch
        .as_deref()
        .or(c.start.as_deref())
        .and_then(Date::parse);
    let end = c.end.as_deref().and_then(Date::parse);
    let labelled = |prefix: &str, list: &[String]| -> Vec<String> {
        list.iter().map(|x| format!("{prefix}:{x}")).collect()
    };
    let labels = &mut numbers.labels;
    let priorities = Set::new(labels.ids(labelled("p", &c.priorities).iter().map(String::as_str)));
    let tags = Set::new(labels.ids(labelled("t", &c.tags).iter().map(String::as_str)));
    let places = places(c, vocab, labels);
    let audiences: Vec<Audience> = c
        .audiences
        .iter()
        .map(|a| {
            let words = numbers.words.ids(words(a).iter().map(String::as_str));
            let next = numbers.sets.len() as u32;
            let set = *numbers.sets.entry(words.clone()).or_insert(next);
            Audience {
                set,
                words: Set::new(words),
            }
        })
        .collect();
    let key = (
        priorities.ids.clone(),
        tags.ids.clone(),
        places.iter().map(|p| p.key).collect(),
        audiences.iter().map(|a| a.set).collect(),
    );
    let next = numbers.profiles.len() as u32;
    let profile = *numbers.profiles.entry(key).or_insert(next);
    Prepared {
        window: start
            .zip(end)
            .filter(|(s, e)| s <= e)
            .map(|(s, e)| (day_number(s), day_number(e))),
        priorities,
        places,
        tags,
        audiences,
        profile,
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

fn jaccard(a: &Set, b: &Set) -> f64 {
    let inter = a.common(b) as f64;
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

/// Where a pair stands among pairs of the same score: by the two
/// campaigns' places in order of id.
type Tie = (u32, u32);

/// Pairs of campaigns that share priorities, audiences, regions or tags and
/// run at overlapping dates, best first: at most `limit` of them, and only
/// those involving campaign `only` when given. The rows of pairs are shared
/// among threads, each keeping its best `limit`; a pair whose cheap terms
/// and the most its other terms could add cannot beat the worst pair kept
/// is not scored further.
pub fn overlaps(index: &Index, only: Option<&str>, limit: usize) -> Vec<Overlap> {
    overlaps_with(index, only, limit, AHEAD)
}

/// How many profiles (campaigns alike in all but dates) the pairs of
/// which are scored ahead, once per pair of profiles; with more, each pair
/// of campaigns is scored as it comes.
const AHEAD: usize = 256;

fn overlaps_with(index: &Index, only: Option<&str>, limit: usize, ahead: usize) -> Vec<Overlap> {
    let mut numbers = Numbers::default();
    let vocab = index.places();
    let all = &index.campaigns;
    let prepared: Vec<Prepared> = all
        .iter()
        .map(|c| prepare(c, &vocab, &mut numbers))
        .collect();
    let table = Table::new(&prepared, numbers.profiles.len(), ahead);
    let rank = ranks(all);
    let wanted: Vec<bool> = all
        .iter()
        .map(|c| only.is_none_or(|id| c.id == id))
        .collect();
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
            || Best::new(limit),
            |mut best, r| {
                let (_, end, a) = rows[r];
                for &(_, _, b) in rows[r + 1..].iter().take_while(|x| x.0 <= end) {
                    let (i, j) = (a.min(b), a.max(b));
                    if !wanted[i] && !wanted[j] {
                        continue;
                    }
                    let tie = (rank[i].min(rank[j]), rank[i].max(rank[j]));
                    if let Some(c) = candidate(&prepared, &table, (i, j), (&best, tie)) {
                        best.push(c, tie);
                    }
                }
                best
            },
        )
        .reduce(|| Best::new(limit), Best::join);
    best.finish()
        .into_iter()
        .map(|(c, _)| explain(index, &vocab, &c))
        .collect()
}

/// Each campaign's place in order of id (then of folder order).
fn ranks(all: &[CampaignEntry]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&x, &y| (all[x].id.as_str(), x).cmp(&(all[y].id.as_str(), y)));
    let mut rank = vec![0; all.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    rank
}

/// The best `limit` candidates seen so far, and the worst of them once
/// there are that many: a new one must beat it.
struct Best {
    limit: usize,
    kept: Vec<(Candidate, Tie)>,
    worst: Option<(f64, Tie)>,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            kept: Vec::new(),
            worst: (limit == 0).then_some((f64::INFINITY, (0, 0))),
        }
    }

    /// Whether a pair of this score and tie would rank above the worst kept.
    fn beaten_by(&self, score: f64, tie: Tie) -> bool {
        self.worst
            .is_none_or(|(s, t)| score > s || (score == s && tie < t))
    }

    /// Whether a pair that scores at most `most` before rounding (to
    /// hundredths) could beat the worst kept: not when it scores less,
    /// nor when it can at best round to the same score but comes later.
    fn may_take(&self, most: f64, tie: Tie) -> bool {
        self.worst
            .is_none_or(|(s, t)| most + 0.01 >= s && (most >= s + 0.001 || tie < t))
    }

    fn push(&mut self, c: Candidate, tie: Tie) {
        if !self.beaten_by(c.score, tie) {
            return;
        }
        self.kept.push((c, tie));
        if self.kept.len() >= self.limit.saturating_mul(2).saturating_add(64) {
            self.trim();
        }
    }

    fn join(mut self, other: Best) -> Best {
        self.kept.extend(other.kept);
        self.trim();
        self
    }

    /// Keep the best `limit`, best first: by score, then by the two ids.
    fn trim(&mut self) {
        self.kept
            .sort_by(|(x, tx), (y, ty)| y.score.total_cmp(&x.score).then_with(|| tx.cmp(ty)));
        self.kept.truncate(self.limit);
        if self.kept.len() == self.limit
            && let Some((last, tie)) = self.kept.last()
        {
            self.worst = Some((last.score, *tie));
        }
    }

    fn finish(mut self) -> Vec<(Candidate, Tie)> {
        self.trim();
        self.kept
    }
}

/// What a pair scores but for its dates: its shared priorities, tags,
/// places and closest audiences, and which audiences those are.
#[derive(Clone, Copy)]
struct Shared {
    score: f64,
    audience: Option<(usize, usize)>,
}

/// Two campaigns' cheap terms: priorities, tags and places.
fn cheap(pa: &Prepared, pb: &Prepared) -> f64 {
    2.0 * pa.priorities.common(&pb.priorities) as f64
        + pa.tags.common(&pb.tags) as f64
        + place_score(&pa.places, &pb.places)
}

/// The cheap terms with the closest audiences added.
fn shared_with_audiences(pa: &Prepared, pb: &Prepared, cheap: f64) -> Shared {
    let (best, audience) = closest_audiences(pa, pb);
    if best >= 0.3 {
        Shared {
            score: cheap + AUDIENCE_WEIGHT * best,
            audience,
        }
    } else {
        Shared {
            score: cheap,
            audience: None,
        }
    }
}

/// [`Shared`] for every pair of profiles, when there are few: campaigns
/// made from one template (a national campaign that many areas run)
/// differ only in their dates, so their pairs are scored once.
struct Table {
    profiles: usize,
    shared: Vec<Shared>,
}

impl Table {
    fn new(prepared: &[Prepared], profiles: usize, ahead: usize) -> Table {
        if profiles > ahead {
            return Table {
                profiles: 0,
                shared: Vec::new(),
            };
        }
        let mut first: Vec<Option<&Prepared>> = vec![None; profiles];
        for p in prepared {
            first[p.profile as usize].get_or_insert(p);
        }
        let first: Vec<&Prepared> = first.into_iter().flatten().collect();
        let shared = first
            .iter()
            .flat_map(|pa| {
                first
                    .iter()
                    .map(|pb| shared_with_audiences(pa, pb, cheap(pa, pb)))
            })
            .collect();
        Table { profiles, shared }
    }

    fn get(&self, pa: &Prepared, pb: &Prepared) -> Option<Shared> {
        let (a, b) = (pa.profile as usize, pb.profile as usize);
        (a < self.profiles && b < self.profiles).then(|| self.shared[a * self.profiles + b])
    }
}

/// Campaigns `i` and `j` as a candidate pair, scored, when their dates
/// overlap and they share something; `None` too when they cannot beat the
/// worst pair `best` keeps (the pair's place among equal scores `tie`).
fn candidate(
    prepared: &[Prepared],
    table: &Table,
    (i, j): (usize, usize),
    (best, tie): (&Best, Tie),
) -> Option<Candidate> {
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
    let shared = match table.get(pa, pb) {
        Some(known) => known,
        None => {
            let cheap = cheap(pa, pb);
            // The most audiences could add (two in the same words).
            if !best.may_take(cheap + AUDIENCE_WEIGHT + time, tie) {
                return None;
            }
            shared_with_audiences(pa, pb, cheap)
        }
    };
    if shared.score == 0.0 {
        return None;
    }
    let score = ((shared.score + time) * 100.0).round() / 100.0;
    best.beaten_by(score, tie).then_some(Candidate {
        score,
        i,
        j,
        days,
        audience: shared.audience,
    })
}

/// What two audiences in exactly the same words add to a pair's score.
const AUDIENCE_WEIGHT: f64 = 4.0;

/// The most alike audiences of two campaigns (by shared words) and how
/// alike they are: the first two in the same words when there are such.
fn closest_audiences(pa: &Prepared, pb: &Prepared) -> (f64, Option<(usize, usize)>) {
    for (ai, aw) in pa.audiences.iter().enumerate() {
        for (bi, bw) in pb.audiences.iter().enumerate() {
            if aw.set == bw.set && aw.words.len() > 0 {
                return (1.0, Some((ai, bi)));
            }
        }
    }
    let mut audience = None;
    let mut best = 0.0;
    for (ai, aw) in pa.audiences.iter().enumerate() {
        for (bi, bw) in pb.audiences.iter().enumerate() {
            let sim = jaccard(&aw.words, &bw.words);
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
    fn copies_of_one_template_score_as_when_each_pair_is_scored() {
        let mut index = spread(30);
        let copies: Vec<CampaignEntry> = (0..4)
            .flat_map(|k| {
                index.campaigns.iter().map(move |c| CampaignEntry {
                    id: format!("{}-{k}", c.id),
                    launch: c
                        .launch
                        .as_ref()
                        .map(|l| l.replace("-01", &format!("-0{}", k + 1))),
                    ..c.clone()
                })
            })
            .collect();
        index.campaigns = copies;
        let key = |o: &Overlap| (o.a.clone(), o.b.clone(), o.score, o.reasons.clone());
        for limit in [1, 20, usize::MAX] {
            let each: Vec<_> = overlaps_with(&index, None, limit, 0)
                .iter()
                .map(key)
                .collect();
            let ahead: Vec<_> = overlaps(&index, None, limit).iter().map(key).collect();
            assert!(!each.is_empty());
            assert_eq!(each, ahead, "limit {limit}");
        }
    }

    #[test]
    fn the_best_few_overlaps_are_the_head_of_them_all() {
        let index = spread(120);
        let all = overlaps(&index, None, usize::MAX);
        let key = |o: &Overlap| (o.a.clone(), o.b.clone(), o.score, o.reasons.clone());
        assert!(all.len() > 1000, "{}", all.len());
        for limit in [0, 1, 5, 20, 200] {
            let head: Vec<_> = all.iter().take(limit).map(key).collect();
            for ahead in [0, AHEAD] {
                let few: Vec<_> = overlaps_with(&index, None, limit, ahead)
                    .iter()
                    .map(key)
                    .collect();
                assert_eq!(few, head, "limit {limit}, ahead {ahead}");
            }
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
