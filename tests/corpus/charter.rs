//! The v1.1 partnership charter (`kind: charter`, one per campaign) and
//! the plan's `glossary`: every field now and then, with the same hostile
//! text as the rest and hyphen probes where a pack shows the field.

use super::emit::Y;
use super::generate::Gen;
use super::text;

type Entries = Vec<(&'static str, Y)>;

/// Acronyms a glossary explains; all of them read back as plain keys.
const ACRONYMS: &[&str] = &[
    "ICB", "LFRS", "NHS", "A&E", "DfE", "HMRC", "GCS", "ÖPNV", "B2B", "CCG", "ONS",
];

/// An id as a map key. The writer's keys are `&'static str`, so the few
/// partner ids used as keys are leaked: a test process, a few bytes each.
fn key(id: &str) -> &'static str {
    Box::leak(id.to_string().into_boxed_str())
}

// kind: charter
impl Gen<'_> {
    /// A charter in most campaigns, each field present at random.
    pub(crate) fn charter(&mut self) -> Option<Entries> {
        if !self.chance(0.6) {
            return None;
        }
        // The briefing shows these, and the evaluation pack reads them back
        // under their partnership principle.
        const BOTH: &[&str] = &["briefing", "evaluation"];
        let mut m: Entries = Vec::new();
        let purpose = self.probed("charter purpose", BOTH);
        self.optional_probe(&mut m, "purpose", 0.8, purpose);
        if self.chance(0.7) {
            let lines = self.charter_lines();
            m.push(("expectations", lines));
        }
        let decisions = self.probed("charter decisions", BOTH);
        self.optional_probe(&mut m, "decisions", 0.7, decisions);
        if self.chance(0.7) {
            let champions = self.by_partner(|g| text::person(g.dice, g.opts.text), None);
            m.push(("leadership", champions));
        }
        if self.chance(0.7) {
            let lines = self.charter_lines();
            m.push(("sharing", lines));
        }
        if self.chance(0.5) {
            let learning = self.probed("charter learning", BOTH);
            self.optional_probe(&mut m, "learning", 1.0, learning);
        } else {
            let learning = Y::text(text::paragraphs(self.dice, self.opts.text));
            self.optional(&mut m, "learning", 0.5, learning);
        }
        if self.chance(0.7) {
            let drivers = self.by_partner(|g| g.text(3, 15), Some("charter driver"));
            m.push(("drivers", drivers));
        }
        if self.chance(0.4) {
            let risks = self.risk_list("charter-risk");
            m.push(("risks", risks));
        }
        self.shuffle_tail(&mut m, 0);
        Some(m)
    }

    /// A list of short texts, now and then empty.
    fn charter_lines(&mut self) -> Y {
        let lines: Vec<String> = (0..self.dice.range(0, 4))
            .map(|_| self.text(2, 16))
            .collect();
        Y::texts(&lines)
    }

    /// A map keyed by partner id: every partner now and then, else some of
    /// them (partner-without-drivers is a warning, so either is valid).
    /// With `probe`, the first value now and then carries a hyphen probe
    /// for the briefing's champions and drivers table.
    fn by_partner(
        &mut self,
        mut value: impl FnMut(&mut Self) -> String,
        probe: Option<&'static str>,
    ) -> Y {
        let partners = self.ids.partners.clone();
        let chosen = if self.chance(0.4) {
            partners
        } else {
            self.dice.some(&partners, 5)
        };
        let mut m: Entries = Vec::new();
        for (i, id) in chosen.iter().enumerate() {
            let text = match probe {
                Some(field) if i == 0 && self.chance(0.5) => {
                    let (text, p) = self.probed(field, &["briefing"]);
                    self.facts.probes.push(p);
                    text
                }
                _ => value(self),
            };
            m.push((key(id), Y::text(text)));
        }
        Y::Map(m)
    }
}

// kind: plan, glossary
impl Gen<'_> {
    /// The plan's `glossary` (acronym to meaning), which the briefing and
    /// the partner pack print.
    pub(crate) fn glossary(&mut self) -> Y {
        let terms = self.dice.some(ACRONYMS, 5);
        let mut m: Entries = Vec::new();
        for (i, term) in terms.into_iter().enumerate() {
            let meaning = if i == 0 && self.chance(0.5) {
                let (text, p) = self.probed("glossary meaning", &["briefing", "partner"]);
                self.facts.probes.push(p);
                text
            } else {
                self.text(2, 10)
            };
            m.push((term, Y::text(meaning)));
        }
        Y::Map(m)
    }
}
