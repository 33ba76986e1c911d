//! Places and the places they lie within: the built-in UK, its nations and
//! the nine English regions (with the aliases people write for them), and
//! the local areas a campaign declares in `[[region]]` tables of
//! `collab.toml`. Pure: one [`Regions`] answers what a name means
//! ([`Regions::canonical`]), what it is called ([`Regions::name`]), what it
//! lies within ([`Regions::ancestors`]) and whether one place contains
//! another ([`Regions::contains`]).

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A `[[region]]` table: a local area placed in a built-in region or in
/// another declared area.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct RegionDecl {
    /// Kebab-case id campaigns and partners write in `regions`, e.g. `leeds`.
    #[schemars(required)]
    pub id: Option<String>,
    /// The area's name as readers see it, e.g. "Leeds".
    pub name: Option<String>,
    /// The region, nation or declared area it lies within, e.g. `yorkshire-and-the-humber`.
    #[schemars(required)]
    pub within: Option<String>,
}

/// The built-in places: id, display name, the place it lies within.
pub const BUILT_IN: &[(&str, &str, Option<&str>)] = &[
    ("uk", "United Kingdom", None),
    ("great-britain", "Great Britain", Some("uk")),
    ("england", "England", Some("great-britain")),
    ("scotland", "Scotland", Some("great-britain")),
    ("wales", "Wales", Some("great-britain")),
    ("northern-ireland", "Northern Ireland", Some("uk")),
    ("north-east", "North East", Some("england")),
    ("north-west", "North West", Some("england")),
    (
        "yorkshire-and-the-humber",
        "Yorkshire and the Humber",
        Some("england"),
    ),
    ("east-midlands", "East Midlands", Some("england")),
    ("west-midlands", "West Midlands", Some("england")),
    ("east-of-england", "East of England", Some("england")),
    ("london", "London", Some("england")),
    ("south-east", "South East", Some("england")),
    ("south-west", "South West", Some("england")),
];

/// Other names for built-in places: alias, the id it stands for.
pub const ALIASES: &[(&str, &str)] = &[
    ("united-kingdom", "uk"),
    ("britain", "great-britain"),
    ("gb", "great-britain"),
    ("cymru", "wales"),
    ("north-east-england", "north-east"),
    ("north-west-england", "north-west"),
    ("yorkshire", "yorkshire-and-the-humber"),
    ("yorkshire-and-humber", "yorkshire-and-the-humber"),
    ("yorkshire-humber", "yorkshire-and-the-humber"),
    ("east", "east-of-england"),
    ("east-england", "east-of-england"),
    ("eastern", "east-of-england"),
    ("greater-london", "london"),
    ("south-east-england", "south-east"),
    ("south-west-england", "south-west"),
];

/// How far up a chain of `within` is followed: deeper is taken as a loop.
const MAX_DEPTH: usize = 32;

/// "North West", " north_west " → "north-west": how a region is compared.
pub fn normalise(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .replace("-&-", "-and-")
}

/// A built-in id for a name or alias.
pub fn built_in(name: &str) -> Option<&'static str> {
    let key = normalise(name);
    BUILT_IN
        .iter()
        .map(|(id, _, _)| *id)
        .find(|id| *id == key)
        .or_else(|| ALIASES.iter().find(|(a, _)| *a == key).map(|(_, id)| *id))
}

/// The display name of a built-in place (or alias).
pub fn built_in_name(name: &str) -> Option<&'static str> {
    let id = built_in(name)?;
    BUILT_IN.iter().find(|(i, ..)| *i == id).map(|(_, n, _)| *n)
}

/// A declared area, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Local {
    name: Option<String>,
    /// The canonical id it lies within, when that is known.
    within: Option<String>,
}

/// What is wrong with the declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `within` names no built-in or declared place (index of the table).
    UnknownWithin { index: usize, within: String },
    /// Following `within` from this table comes back to it.
    Cycle { index: usize, path: Vec<String> },
}

/// The vocabulary of places: the built-in ones and the declared ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regions {
    declared: BTreeMap<String, Local>,
}

impl Regions {
    /// The built-in places only.
    pub fn built_in() -> Regions {
        Regions::default()
    }

    /// The built-in places and `decls`, with what is wrong with them. A
    /// declaration with no id, or with a built-in id, is left out; where
    /// several declare one id, the one whose (name, within) sorts first
    /// wins, so the order they are given in does not matter.
    pub fn declare<'d>(decls: impl IntoIterator<Item = &'d RegionDecl>) -> (Regions, Vec<Problem>) {
        let decls: Vec<&RegionDecl> = decls.into_iter().collect();
        let mut chosen: BTreeMap<String, (&RegionDecl, usize)> = BTreeMap::new();
        for (index, d) in decls.iter().enumerate() {
            let Some(id) = d.id.as_deref().map(normalise).filter(|i| !i.is_empty()) else {
                continue;
            };
            if built_in(&id).is_some() {
                continue;
            }
            let key = |d: &RegionDecl| (d.name.clone(), d.within.clone());
            match chosen.get(&id) {
                Some((old, _)) if key(old) <= key(d) => {}
                _ => {
                    chosen.insert(id, (d, index));
                }
            }
        }
        let ids: BTreeSet<String> = chosen.keys().cloned().collect();
        let mut regions = Regions::default();
        let mut problems = Vec::new();
        for (id, (d, index)) in &chosen {
            let within = d.within.as_deref().and_then(|w| {
                let key = normalise(w);
                let found = built_in(&key)
                    .map(str::to_string)
                    .or_else(|| ids.contains(&key).then_some(key));
                if found.is_none() {
                    problems.push(Problem::UnknownWithin {
                        index: *index,
                        within: w.to_string(),
                    });
                }
                found
            });
            let local = Local {
                name: d.name.clone().filter(|n| !n.trim().is_empty()),
                within,
            };
            regions.declared.insert(id.clone(), local);
        }
        regions.break_cycles(&chosen, &mut problems);
        (regions, problems)
    }

    /// Report each loop of `within` once and cut it, so every chain ends.
    fn break_cycles(
        &mut self,
        chosen: &BTreeMap<String, (&RegionDecl, usize)>,
        problems: &mut Vec<Problem>,
    ) {
        for (id, (_, index)) in chosen {
            let mut path = vec![id.clone()];
            let mut at = id.clone();
            while let Some(next) = self.declared.get(&at).and_then(|l| l.within.clone()) {
                if next == *id {
                    path.push(next);
                    problems.push(Problem::Cycle {
                        index: *index,
                        path,
                    });
                    if let Some(l) = self.declared.get_mut(id) {
                        l.within = None;
                    }
                    break;
                }
                if path.contains(&next) || path.len() > MAX_DEPTH {
                    break;
                }
                path.push(next.clone());
                at = next;
            }
        }
    }

    /// The canonical id of a name, alias or declared id, or `None` for a
    /// place that is neither built in nor declared.
    pub fn canonical(&self, name: &str) -> Option<String> {
        if let Some(id) = built_in(name) {
            return Some(id.to_string());
        }
        let key = normalise(name);
        self.declared.contains_key(&key).then_some(key)
    }

    /// Whether a place is built in or declared.
    pub fn knows(&self, name: &str) -> bool {
        self.canonical(name).is_some()
    }

    /// The place's name for readers: the declared or built-in name, or the
    /// text as written when it is neither (or declared without a name).
    pub fn name(&self, name: &str) -> String {
        if let Some(n) = built_in_name(name) {
            return n.to_string();
        }
        self.declared
            .get(&normalise(name))
            .and_then(|l| l.name.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// The place a region lies directly within.
    pub fn parent(&self, id: &str) -> Option<String> {
        let id = self.canonical(id)?;
        match self.declared.get(&id) {
            Some(l) => l.within.clone(),
            None => BUILT_IN
                .iter()
                .find(|(i, ..)| *i == id)
                .and_then(|(_, _, w)| w.map(str::to_string)),
        }
    }

    /// Every place a region lies within, nearest first (`leeds` →
    /// `yorkshire-and-the-humber`, `england`, `great-britain`, `uk`).
    pub fn ancestors(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut at = name.to_string();
        while let Some(p) = self.parent(&at) {
            if out.contains(&p) || out.len() > MAX_DEPTH {
                break;
            }
            out.push(p.clone());
            at = p;
        }
        out
    }

    /// Whether place `a` contains place `b` (every place contains itself).
    /// Places that are neither built in nor declared contain only what is
    /// written the same way.
    pub fn contains(&self, a: &str, b: &str) -> bool {
        let (ka, kb) = (self.key(a), self.key(b));
        ka == kb || self.ancestors(&kb).contains(&ka)
    }

    /// The canonical id, or the normalised text of an unknown place.
    pub fn key(&self, name: &str) -> String {
        self.canonical(name).unwrap_or_else(|| normalise(name))
    }

    /// Every built-in id, alias and declared id: what "did you mean" picks from.
    pub fn all_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = BUILT_IN.iter().map(|(i, ..)| *i).collect();
        names.extend(ALIASES.iter().map(|(a, _)| *a));
        names.extend(self.declared.keys().map(String::as_str));
        names
    }

    /// Regions as the packs and the directory show them: a declared area by
    /// its declared name; a built-in place or free text as written, for the
    /// `label("region")` filter to name.
    pub fn shown(&self, list: &[String]) -> Vec<String> {
        list.iter()
            .map(|r| match self.canonical(r) {
                Some(_) if built_in(r).is_none() => self.name(r),
                _ => r.clone(),
            })
            .collect()
    }

    /// Whether a place is a nation, Great Britain or the UK: a campaign
    /// there overlaps others only loosely.
    pub fn is_national(&self, name: &str) -> bool {
        matches!(
            self.key(name).as_str(),
            "uk" | "great-britain" | "england" | "scotland" | "wales" | "northern-ireland"
        )
    }
}

/// What sharing a place is worth to `overlaps` and `who`: the same place…
pub const SAME_WEIGHT: f64 = 2.0;
/// …one place inside a local area or English region…
pub const WITHIN_WEIGHT: f64 = 1.0;
/// …one place inside a nation, Great Britain or the UK.
pub const WITHIN_NATION_WEIGHT: f64 = 0.5;

/// How two places meet: the same place, or `inner` lying within `outer`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub inner: String,
    pub outer: String,
    pub weight: f64,
}

impl Link {
    pub fn same(&self) -> bool {
        self.inner == self.outer
    }
}

impl Regions {
    /// What sharing `outer`, which contains another place, is worth.
    pub fn within_weight(&self, outer: &str) -> f64 {
        if self.is_national(outer) {
            WITHIN_NATION_WEIGHT
        } else {
            WITHIN_WEIGHT
        }
    }

    /// How places `a` and `b` meet, either way round, if they do.
    pub fn link(&self, a: &str, b: &str) -> Option<Link> {
        let (ka, kb) = (self.key(a), self.key(b));
        let (inner, outer) = if ka == kb {
            return Some(Link {
                inner: ka.clone(),
                outer: ka,
                weight: SAME_WEIGHT,
            });
        } else if self.ancestors(&kb).contains(&ka) {
            (kb, ka)
        } else if self.ancestors(&ka).contains(&kb) {
            (ka, kb)
        } else {
            return None;
        };
        let weight = self.within_weight(&outer);
        Some(Link {
            inner,
            outer,
            weight,
        })
    }

    /// The link in words: "both in Leeds", "Leeds is within Yorkshire and
    /// the Humber".
    pub fn describe(&self, link: &Link) -> String {
        if link.same() {
            format!("both in {}", self.name(&link.inner))
        } else {
            format!(
                "{} is within {}",
                self.name(&link.inner),
                self.name(&link.outer)
            )
        }
    }

    /// Every way two lists of places meet, the closest first.
    pub fn links(&self, a: &[String], b: &[String]) -> Vec<Link> {
        let mut out: Vec<Link> = Vec::new();
        for x in a {
            for y in b {
                if let Some(l) = self.link(x, y)
                    && !out.contains(&l)
                {
                    out.push(l);
                }
            }
        }
        out.sort_by(|p, q| q.weight.total_cmp(&p.weight));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(id: &str, name: &str, within: &str) -> RegionDecl {
        RegionDecl {
            id: Some(id.into()),
            name: Some(name.into()),
            within: Some(within.into()),
        }
    }

    #[test]
    fn aliases_and_spellings_name_the_built_in_regions() {
        let r = Regions::built_in();
        assert_eq!(
            r.canonical("yorkshire").as_deref(),
            Some("yorkshire-and-the-humber")
        );
        assert_eq!(r.canonical("East").as_deref(), Some("east-of-england"));
        assert_eq!(r.canonical("United Kingdom").as_deref(), Some("uk"));
        assert_eq!(
            r.canonical("north_east_england").as_deref(),
            Some("north-east")
        );
        assert_eq!(
            r.canonical("Yorkshire & the Humber").as_deref(),
            Some("yorkshire-and-the-humber")
        );
        assert_eq!(r.canonical("leeds"), None);
        assert_eq!(r.name("yorkshire"), "Yorkshire and the Humber");
        // Every alias points at a built-in id.
        for (alias, id) in ALIASES {
            assert!(BUILT_IN.iter().any(|(i, ..)| i == id), "{alias}");
        }
    }

    #[test]
    fn declared_areas_sit_inside_the_built_in_ones() {
        let decls = [
            decl("leeds", "Leeds", "yorkshire"),
            decl("headingley", "Headingley", "leeds"),
        ];
        let (r, problems) = Regions::declare(&decls);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(r.name("leeds"), "Leeds");
        assert_eq!(
            r.ancestors("headingley"),
            [
                "leeds",
                "yorkshire-and-the-humber",
                "england",
                "great-britain",
                "uk"
            ]
        );
        assert!(r.contains("yorkshire", "headingley"));
        assert!(r.contains("uk", "leeds"));
        assert!(r.contains("leeds", "leeds"));
        assert!(!r.contains("leeds", "yorkshire"));
        assert!(!r.contains("scotland", "leeds"));
        assert!(!r.contains("north-west", "Greater Manchester, Bolton"));
        assert!(r.is_national("england") && !r.is_national("leeds"));
    }

    #[test]
    fn unknown_parents_and_loops_are_problems_not_panics() {
        let decls = [
            decl("a", "A", "b"),
            decl("b", "B", "a"),
            decl("c", "C", "atlantis"),
        ];
        let (r, problems) = Regions::declare(&decls);
        assert!(problems.contains(&Problem::UnknownWithin {
            index: 2,
            within: "atlantis".into()
        }));
        assert!(problems.iter().any(|p| matches!(p, Problem::Cycle { .. })));
        // Chains end even so.
        assert!(r.ancestors("a").len() <= 2);
        assert!(r.knows("c") && r.ancestors("c").is_empty());
    }

    #[test]
    fn links_say_how_two_places_meet_and_weigh_less_for_nations() {
        let (r, _) = Regions::declare(&[decl("leeds", "Leeds", "yorkshire")]);
        let l = r.link("yorkshire-and-the-humber", "leeds").unwrap();
        assert_eq!(r.describe(&l), "Leeds is within Yorkshire and the Humber");
        assert_eq!(l.weight, WITHIN_WEIGHT);
        let national = r.link("leeds", "England").unwrap();
        assert_eq!(national.weight, WITHIN_NATION_WEIGHT);
        let same = r.link("Leeds", "leeds").unwrap();
        assert_eq!(r.describe(&same), "both in Leeds");
        assert!(same.weight > l.weight && l.weight > national.weight);
        assert_eq!(r.link("leeds", "north-west"), None);
        let links = r.links(&["uk".into(), "leeds".into()], &["leeds".into()]);
        assert_eq!(links.len(), 2);
        assert!(links[0].same());
    }

    #[test]
    fn conflicting_declarations_pick_the_same_one_in_any_order() {
        let one = decl("leeds", "Leeds", "yorkshire");
        let two = decl("leeds", "City of Leeds", "yorkshire");
        let (a, _) = Regions::declare([&one, &two]);
        let (b, _) = Regions::declare([&two, &one]);
        assert_eq!(a, b);
        assert_eq!(a.name("leeds"), "City of Leeds");
    }
}
