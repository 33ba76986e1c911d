//! The workspace index: every campaign, organisation and person below a
//! folder, built once from the loaded campaigns, for `who`, `overlaps` and
//! the directory page. Pure: built from campaigns in memory; caching it on
//! disk is the command's business.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::model::partners::{Partner, Sector};
use crate::model::region::{RegionDecl, Regions};
use crate::model::{Contact, Date};
mod text;
mod who;
pub use text::TextIndex;
pub use who::{Hit, Query, who};

/// Everything `who` and `overlaps` search.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Index {
    pub campaigns: Vec<CampaignEntry>,
    pub people: Vec<Person>,
    /// Every campaign's `[[region]]` declarations, sorted, without repeats.
    #[serde(default)]
    pub regions: Vec<RegionDecl>,
    /// The documents weighted for free-text search, when worked out (the
    /// cache keeps them; `who` works them out when they are missing).
    #[serde(default)]
    pub text: Option<TextIndex>,
}

impl Index {
    /// The places the whole workspace knows: built in and declared.
    pub fn places(&self) -> Regions {
        Regions::declare(&self.regions).0
    }
}

/// One campaign, as far as cross-campaign questions need it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CampaignEntry {
    pub id: String,
    pub name: String,
    /// Folder, as shown to the user.
    pub folder: String,
    pub framework: String,
    pub lead: Option<String>,
    pub lead_name: Option<String>,
    pub start: Option<String>,
    pub launch: Option<String>,
    pub end: Option<String>,
    pub priorities: Vec<String>,
    pub regions: Vec<String>,
    /// Tags of the campaign's partners.
    pub tags: Vec<String>,
    pub audiences: Vec<String>,
    pub objectives: Vec<String>,
    /// Partner organisation names.
    pub partners: Vec<String>,
    /// Each partner's entry, in the order of the partners file.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Errors found when it was loaded (it is indexed from what loaded).
    pub errors: usize,
}

/// A person named as a lead, deputy, sign-off or sponsor.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: String,
    pub organisation_id: String,
    pub sector: Option<String>,
    pub regions: Vec<String>,
    pub tags: Vec<String>,
    pub offers: Vec<String>,
    /// The campaigns the person works on, and as what.
    pub campaigns: Vec<Involvement>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Involvement {
    pub campaign: String,
    /// `lead`, `deputy`, `sign-off` or `sponsor`.
    #[serde(rename = "as")]
    pub as_: String,
    /// The name of the partner the person is there for.
    #[serde(default)]
    pub partner: String,
    /// Where that partner's entry is in the campaign's `members`.
    #[serde(default)]
    pub member: usize,
}

/// A partner of one campaign as the finder reads it: what its entry there
/// says (its name, tags, offers, sector and places, and what it gains as
/// free text; never its internal notes). Kept once per campaign, and
/// found from each person's [`Involvement`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub tags: Vec<String>,
    pub offers: Vec<String>,
    pub sector: Option<String>,
    pub regions: Vec<String>,
    pub text: String,
}

impl Member {
    fn new(p: &Partner) -> Member {
        Member {
            id: p.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            name: p.name.clone().unwrap_or_default(),
            tags: p.tags.clone(),
            offers: p.offers.iter().map(|o| o.as_str().to_string()).collect(),
            sector: p.sector.map(Sector::label),
            regions: p.regions.clone(),
            text: p.gains.join(" "),
        }
    }
}

impl Index {
    /// The partner entry a person's involvement points at, when the
    /// campaign is in the index.
    pub fn member<'a>(&self, c: &'a CampaignEntry, inv: &Involvement) -> Option<&'a Member> {
        c.members.get(inv.member)
    }
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Build the index of some loaded campaigns. `errors[i]` is the number of
/// errors found in campaign `i`.
pub fn build(campaigns: &[(&Campaign, String, usize)]) -> Index {
    let mut entries = Vec::new();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut regions = Vec::new();
    for (campaign, folder, errors) in campaigns {
        regions.extend(campaign.settings().region.iter().cloned());
        let partners: Vec<&Partner> = campaign.partners().map(|(_, _, p)| p).collect();
        let entry = campaign_entry(campaign, folder, *errors, &partners);
        for (k, p) in partners.iter().enumerate() {
            add_contacts(&mut people, &entry.id, p, k);
        }
        entries.push(entry);
    }
    finish(entries, people, regions)
}

/// A campaign's entry, from its settings, plan and partners.
fn campaign_entry(
    campaign: &Campaign,
    folder: &str,
    errors: usize,
    partners: &[&Partner],
) -> CampaignEntry {
    let info = campaign.settings().campaign();
    let id = info
        .id
        .as_ref()
        .map(|i| i.to_string())
        .unwrap_or_else(|| folder.to_string());
    let plan = campaign.plan().map(|(_, p)| p);
    let mut tags: BTreeSet<String> = BTreeSet::new();
    for p in partners {
        tags.extend(p.tags.iter().cloned());
    }
    let lead_name = info.lead.as_ref().and_then(|l| {
        partners
            .iter()
            .find(|p| p.id.as_ref() == Some(l))
            .and_then(|p| p.name.clone())
    });
    CampaignEntry {
        id,
        name: info.name.clone().unwrap_or_default(),
        folder: folder.to_string(),
        framework: info.framework.map(|f| f.to_string()).unwrap_or_default(),
        lead: info.lead.as_ref().map(|l| l.to_string()),
        lead_name,
        start: date(info.start),
        launch: date(info.launch),
        end: date(info.end),
        priorities: info
            .priorities
            .iter()
            .map(|p| p.as_str().to_string())
            .collect(),
        regions: info.regions.clone(),
        tags: tags.into_iter().collect(),
        audiences: plan
            .map(|p| {
                p.audiences()
                    .iter()
                    .filter_map(|a| a.description.clone())
                    .collect()
            })
            .unwrap_or_default(),
        objectives: plan
            .map(|p| {
                p.objective_items()
                    .iter()
                    .filter_map(|o| o.statement.clone())
                    .collect()
            })
            .unwrap_or_default(),
        partners: partners.iter().filter_map(|p| p.name.clone()).collect(),
        members: partners.iter().map(|p| Member::new(p)).collect(),
        errors,
    }
}

/// Add the people a partner names (lead, deputy, sign-off, sponsor) to
/// `people`, merging records of the same person, as working on campaign
/// `id`, where `p` is the campaign's partner number `member`.
fn add_contacts(people: &mut BTreeMap<String, Person>, id: &str, p: &Partner, member: usize) {
    let contacts: [(&str, Option<&Contact>); 4] = [
        ("lead", p.lead.as_ref()),
        ("deputy", p.deputy.as_ref()),
        ("sign-off", p.sign_off.as_ref()),
        ("sponsor", p.sponsor.as_ref()),
    ];
    let organisation = p.name.clone().unwrap_or_default();
    for (as_, contact) in contacts {
        let Some(c) = contact else { continue };
        let Some(name) = c.name.clone().filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        let email = c.email.as_ref().map(|e| e.0.clone());
        let key = person_key(&Person {
            name: name.clone(),
            email: email.clone(),
            organisation: organisation.clone(),
            ..Person::default()
        });
        let person = people.entry(key).or_insert_with(|| Person {
            name: name.clone(),
            role: c.role.clone(),
            email: email.clone(),
            phone: c.phone.clone(),
            organisation: organisation.clone(),
            organisation_id: p.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            sector: p.sector.map(Sector::label),
            ..Person::default()
        });
        merge_contact(person, p, c);
        let inv = Involvement {
            campaign: id.to_string(),
            as_: as_.to_string(),
            partner: organisation.clone(),
            member,
        };
        if !person.campaigns.contains(&inv) {
            person.campaigns.push(inv);
        }
    }
}

/// Fill what a person's record lacks from another mention of them: role
/// and phone when missing, and the partner's regions, tags and offers.
fn merge_contact(person: &mut Person, p: &Partner, c: &Contact) {
    if person.role.is_none() {
        person.role = c.role.clone();
    }
    if person.phone.is_none() {
        person.phone = c.phone.clone();
    }
    for r in &p.regions {
        if !person.regions.contains(r) {
            person.regions.push(r.clone());
        }
    }
    for t in &p.tags {
        if !person.tags.contains(t) {
            person.tags.push(t.clone());
        }
    }
    for o in &p.offers {
        let o = o.as_str().to_string();
        if !person.offers.contains(&o) {
            person.offers.push(o);
        }
    }
}

/// The key two records of a person are merged on: the e-mail address, or
/// failing that the name and organisation.
pub fn person_key(p: &Person) -> String {
    match &p.email {
        Some(e) => format!("e:{}", e.to_lowercase()),
        None => format!(
            "n:{}|{}",
            p.name.trim().to_lowercase(),
            p.organisation.trim().to_lowercase()
        ),
    }
}

/// Join indexes built from parts of a workspace, given in the order of
/// their campaigns, into the index [`build`] would give for all of them at
/// once: people are merged by the same key, the first record of a person
/// wins, and what later records add (a role or phone the first lacked,
/// regions, tags, offers, campaigns) is kept.
pub fn merge(parts: Vec<Index>) -> Index {
    let mut entries = Vec::new();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut regions = Vec::new();
    for part in parts {
        entries.extend(part.campaigns);
        regions.extend(part.regions);
        for p in part.people {
            match people.entry(person_key(&p)) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(p);
                }
                std::collections::btree_map::Entry::Occupied(o) => {
                    let q = o.into_mut();
                    if q.role.is_none() {
                        q.role = p.role;
                    }
                    if q.phone.is_none() {
                        q.phone = p.phone;
                    }
                    for (into, from) in [
                        (&mut q.regions, p.regions),
                        (&mut q.tags, p.tags),
                        (&mut q.offers, p.offers),
                    ] {
                        for x in from {
                            if !into.contains(&x) {
                                into.push(x);
                            }
                        }
                    }
                    // Repeats go when `finish` sorts them.
                    q.campaigns.extend(p.campaigns);
                }
            }
        }
    }
    finish(entries, people, regions)
}

/// Sort everything so the index is the same whatever order it was built in.
fn finish(
    mut entries: Vec<CampaignEntry>,
    people: BTreeMap<String, Person>,
    mut regions: Vec<RegionDecl>,
) -> Index {
    regions.sort();
    regions.dedup();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let mut people: Vec<Person> = people.into_values().collect();
    for p in &mut people {
        p.campaigns.sort();
        p.campaigns.dedup();
        p.regions.sort();
        p.tags.sort();
        p.offers.sort();
    }
    people.sort_by(|a, b| (&a.name, &a.organisation).cmp(&(&b.name, &b.organisation)));
    Index {
        campaigns: entries,
        people,
        regions,
        text: None,
    }
}

/// Lower-case words of three letters or more, with a plural `s` taken off,
/// split on anything that is not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(|w| {
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Where a campaign stands on `today`: `planning`, `live`, `ended`.
pub fn phase(c: &CampaignEntry, today: &str) -> &'static str {
    let launch = c.launch.as_deref().or(c.start.as_deref());
    match (launch, c.end.as_deref()) {
        (_, Some(end)) if end < today => "ended",
        (Some(l), _) if l <= today => "live",
        _ => "planning",
    }
}

/// How much a campaign's date counts for relevance: live and recent
/// campaigns more than old ones.
pub fn recency(c: &CampaignEntry, today: &str) -> f64 {
    match phase(c, today) {
        "live" | "planning" => 1.5,
        _ => {
            let end = c.end.as_deref().unwrap_or("");
            let year_ago = today
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
                .map(|y| format!("{}{}", y - 1, &today[4..]))
                .unwrap_or_default();
            if end >= year_ago.as_str() { 1.2 } else { 1.0 }
        }
    }
}

/// How well a person's places answer `--region`: a factor for the score
/// (1 for a place that is, or lies within, each one asked for; less for an
/// organisation covering a larger area that contains it, least for a whole
/// nation) and the reasons, or `None` when a place asked for is not met.
pub fn region_fit(
    vocab: &Regions,
    have: &[String],
    wanted: &[String],
) -> Option<(f64, Vec<String>)> {
    let mut fit = 1.0_f64;
    let mut reasons = Vec::new();
    for w in wanted {
        let want = vocab.key(w);
        let best = have
            .iter()
            .filter_map(|h| vocab.link(h, w))
            .map(|l| {
                let factor = if l.outer == want {
                    1.0
                } else {
                    l.weight / crate::model::region::SAME_WEIGHT
                };
                (factor, l)
            })
            .max_by(|x, y| x.0.total_cmp(&y.0))?;
        let (factor, l) = best;
        fit = fit.min(factor);
        reasons.push(if l.same() {
            format!("works in {}", vocab.name(&l.inner))
        } else if l.outer == want {
            format!(
                "works in {}, which is within {}",
                vocab.name(&l.inner),
                vocab.name(&l.outer)
            )
        } else {
            format!(
                "covers all of {}, which includes {}",
                vocab.name(&l.outer),
                vocab.name(&l.inner)
            )
        });
    }
    Some((fit, reasons))
}

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
    fn words_drop_plurals_and_short_words() {
        assert_eq!(
            words("Older people's fire-safety checks"),
            ["older", "people", "fire", "safety", "check"]
        );
    }

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

    #[test]
    fn phases() {
        let c = CampaignEntry {
            launch: Some("2026-12-01".into()),
            end: Some("2027-02-28".into()),
            ..CampaignEntry::default()
        };
        assert_eq!(phase(&c, "2026-11-24"), "planning");
        assert_eq!(phase(&c, "2026-12-01"), "live");
        assert_eq!(phase(&c, "2027-03-01"), "ended");
    }
}
