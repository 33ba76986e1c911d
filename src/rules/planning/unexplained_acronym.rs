#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/unexplained-acronym.md"))]

use std::collections::BTreeMap;

use crate::rule::Rule;
use crate::rules::{RuleContext, vocabulary};
use crate::source::Span;
use crate::yaml::Node;

/// The plan's text that partners read (the briefing and partner packs
/// print it), as key paths from the plan's root; `*` is every item of a
/// list.
const FIELDS: &[&[&str]] = &[
    &["title"],
    &["summary"],
    &["objectives", "aim"],
    &["objectives", "items", "*", "statement"],
    &["audience", "*", "description"],
    &["research", "*", "description"],
    &["strategy", "proposition"],
    &["strategy", "messages", "*"],
    &["strategy", "journey", "*", "call_to_action"],
    &["brand", "logo"],
    &["brand", "rules", "*"],
    &["protocols", "media"],
    &["protocols", "local_sign_off"],
    &["protocols", "data_sharing"],
];

/// Small words left out when initials are matched to an acronym.
const SMALL_WORDS: &[&str] = &["and", "of", "the", "for", "in", "on", "to", "&", "a"];

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let Some(plan) = cx.campaign.plan_at() else {
        return;
    };
    let glossary = &plan.value.glossary;
    let source = plan.file.source.text();
    let mut nodes = Vec::new();
    for path in FIELDS {
        scalars(plan.node, path, &mut nodes);
    }
    for node in nodes {
        let Some(text) = node.as_str() else {
            continue;
        };
        for word in unexplained(text, glossary) {
            let span = narrow(source, node.span, word);
            cx.report(
                Rule::UnexplainedAcronym,
                plan.at_span(span),
                format!("`{word}` is not explained for partners who may not know it"),
            )
            .label("spell it out here or add it to the glossary")
            .help(format!(
                "write the words first with `{word}` in brackets the first time it is used, \
                 or add it to the plan's `glossary:` (`glossary: {{ {word}: ... }}`)"
            ));
        }
    }
}

/// Every scalar at `path` below `node`.
fn scalars<'n>(node: &'n Node, path: &[&str], out: &mut Vec<&'n Node>) {
    let Some((first, rest)) = path.split_first() else {
        out.push(node);
        return;
    };
    if *first == "*" {
        if let crate::yaml::Value::Seq(items) = &node.value {
            items.iter().for_each(|item| scalars(item, rest, out));
        }
    } else if let Some(child) = node.get(first) {
        scalars(child, rest, out);
    }
}

/// The acronyms of `text` that are not common, not in the glossary and not
/// spelt out where they are first used, each once, as first written.
pub fn unexplained<'t>(text: &'t str, glossary: &BTreeMap<String, String>) -> Vec<&'t str> {
    let mut seen: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    for (at, word) in words(text) {
        let Some(stem) = acronym(word) else {
            continue;
        };
        if seen.contains(&stem) {
            continue;
        }
        seen.push(stem);
        let known = vocabulary::common_acronym(word)
            || vocabulary::common_acronym(stem)
            || glossary.contains_key(word)
            || glossary.contains_key(stem);
        if !known && !expanded(text, at, word, stem) {
            found.push(word);
        }
    }
    found
}

/// The words of a text with their byte offsets: runs of letters, digits,
/// `&` and `-` (so `COM-B` is one word, and not an acronym).
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '&' || c == '-';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

/// The acronym a word is, without a plural `s`: two or more capitals (and
/// `&`), then perhaps digits. `None` for other words.
fn acronym(word: &str) -> Option<&str> {
    let stem = match word.strip_suffix('s') {
        Some(s) if s.len() >= 2 => s,
        _ => word,
    };
    let letters = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    let capitals = letters.chars().filter(char::is_ascii_uppercase).count();
    let all_capitals = letters.chars().all(|c| c.is_ascii_uppercase() || c == '&');
    let starts = letters.starts_with(|c: char| c.is_ascii_uppercase());
    (capitals >= 2 && all_capitals && starts).then_some(stem)
}

/// Whether the use at `at` is spelt out: "Integrated Care Board (ICB)" or
/// "ICB (Integrated Care Board)", the initials of the words matching the
/// acronym's letters.
fn expanded(text: &str, at: usize, word: &str, stem: &str) -> bool {
    let letters: String = stem
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let before = text[..at].trim_end();
    let after = text[at + word.len()..].trim_start();
    if let Some(inside) = after
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map(|(inside, _)| inside)
    {
        return initials(inside.split_whitespace()) == letters;
    }
    if before.ends_with('(') && after.starts_with(')') {
        let head = before.trim_end_matches('(');
        let mut taken: Vec<&str> = Vec::new();
        for w in head.split_whitespace().rev() {
            if initials(taken.iter().rev().copied()).len() >= letters.len() {
                break;
            }
            taken.push(w);
        }
        return initials(taken.iter().rev().copied()) == letters;
    }
    false
}

/// The first letters of the words that are not small words, lower case.
fn initials<'w>(words: impl Iterator<Item = &'w str>) -> String {
    words
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The span of the acronym's first use in the source, when the scalar's
/// text is written there as it reads; the whole scalar otherwise.
fn narrow(source: &str, span: Span, word: &str) -> Span {
    let Some(written) = source.get(span.start..span.end) else {
        return span;
    };
    let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-'));
    let found = written.match_indices(word).find(|(i, _)| {
        edge(written[..*i].chars().next_back()) && edge(written[i + word.len()..].chars().next())
    });
    match found {
        Some((i, _)) => Span {
            start: span.start + i,
            end: span.start + i + word.len(),
        },
        None => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<&str> {
        let glossary = BTreeMap::from([("ICB".to_string(), "Integrated Care Board".to_string())]);
        unexplained(text, &glossary)
    }

    #[test]
    fn acronyms_need_a_glossary_entry_or_the_words() {
        assert_eq!(check("Ask the LFRS team."), ["LFRS"]);
        assert_eq!(check("Ask the ICB and the ICBs."), Vec::<&str>::new());
        assert_eq!(
            check("Ask your GP or the NHS, in the UK."),
            Vec::<&str>::new()
        );
        assert_eq!(
            check("Lancashire Fire and Rescue Service (LFRS) visits; the LFRS team."),
            Vec::<&str>::new()
        );
        assert_eq!(
            check("LFRS (Lancashire Fire and Rescue Service) visits."),
            Vec::<&str>::new()
        );
        assert_eq!(check("LFRS (the fire service) visits."), ["LFRS"]);
        assert_eq!(check("The BIDs and the BID board."), ["BIDs"]);
        assert_eq!(
            check("Use COM-B and A2 sizes, Mr Smith, in 2027."),
            Vec::<&str>::new()
        );
        assert_eq!(check("The CSP2 group."), ["CSP2"]);
    }

    #[test]
    fn the_span_narrows_to_the_word() {
        let source = "summary: The LFRS and LFRS team.\n";
        let span = Span { start: 9, end: 33 };
        let got = narrow(source, span, "LFRS");
        assert_eq!(&source[got.start..got.end], "LFRS");
        assert_eq!(got.start, 13);
    }
}
