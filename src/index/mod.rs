//! The workspace index: every campaign, organisation and person below a
//! folder, built once from the loaded campaigns, for `who`, `overlaps` and
//! the directory page. Pure: built from campaigns in memory; caching it on
//! disk is the command's business.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::model::partners::{Partner, Sector};
use crate::model::region::{RegionDecl, Regions};
use crate::model::{Contact, Date};
mod overlaps;
mod text;
mod who;
pub use overlaps::{Overlap, clusters, overlaps};
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
/// `year_ago` is [`year_before`] today.
pub fn recency(c: &CampaignEntry, today: &str, year_ago: &str) -> f64 {
    match phase(c, today) {
        "live" | "planning" => 1.5,
        _ => {
            let end = c.end.as_deref().unwrap_or("");
            if end >= year_ago { 1.2 } else { 1.0 }
        }
    }
}

/// The same day a year before `today` (both `YYYY-MM-DD`).
pub fn year_before(today: &str) -> String {
    today
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .map(|y| format!("{}{}", y - 1, &today[4..]))
        .unwrap_or_default()
}

/// The places asked for (`--region`) that collab does not know (neither
/// built in nor declared) and no campaign or partner entry names, each
/// with the closest name it does know: they can match no one.
pub fn unknown_places(index: &Index, asked: &[String]) -> Vec<(String, Option<String>)> {
    let vocab = index.places();
    let named = |key: &str| {
        index.campaigns.iter().any(|c| {
            c.regions.iter().any(|r| vocab.key(r) == key)
                || c.members
                    .iter()
                    .any(|m| m.regions.iter().any(|r| vocab.key(r) == key))
        })
    };
    asked
        .iter()
        .filter(|r| vocab.canonical(r).is_none() && !named(&vocab.key(r)))
        .map(|r| {
            let near = crate::diagnostic::closest(r, vocab.all_names()).map(str::to_string);
            (r.clone(), near)
        })
        .collect()
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
