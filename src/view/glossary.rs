//! The plan's glossary as the packs print it: each acronym with what it
//! stands for, in alphabetical order (the order `glossary` is kept in).

use std::collections::BTreeMap;

use serde::Serialize;

/// One acronym and what it stands for.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
}

/// The glossary's entries, sorted by term, leaving out any without a
/// meaning.
pub fn entries(glossary: &BTreeMap<String, String>) -> Vec<GlossaryEntry> {
    glossary
        .iter()
        .filter(|(term, meaning)| !term.trim().is_empty() && !meaning.trim().is_empty())
        .map(|(term, meaning)| GlossaryEntry {
            term: term.trim().to_string(),
            meaning: meaning.trim().to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_sorted_and_blank_ones_left_out() {
        let glossary = BTreeMap::from([
            (
                "LFRS".to_string(),
                "Lancashire Fire and Rescue Service".to_string(),
            ),
            ("ICB".to_string(), " Integrated Care Board ".to_string()),
            ("XX".to_string(), " ".to_string()),
        ]);
        let got = entries(&glossary);
        let terms: Vec<&str> = got.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["ICB", "LFRS"]);
        assert_eq!(got[0].meaning, "Integrated Care Board");
    }
}
