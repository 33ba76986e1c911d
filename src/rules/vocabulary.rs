//! Reading objectives and metric names by the stages of the GCS evaluation
//! framework. The words themselves are data, in `vocabulary.toml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::evaluation::Stage;

#[derive(Debug, Default, Deserialize)]
struct Data {
    stage: Vec<StageWords>,
    activity_verbs: Words,
    weak_verbs: Words,
    people_words: Words,
    change_verbs: Words,
    measure_words: Words,
    common_acronyms: Words,
    /// Everyday word -> the values it may stand for, first allowed wins.
    synonyms: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct StageWords {
    stage: Stage,
    phrases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Words {
    phrases: Vec<String>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        // The file is compiled in and covered by tests, so a parse failure
        // can only be a broken build; fall back to no vocabulary rather than
        // crash on user input.
        toml::from_str(include_str!("vocabulary.toml")).unwrap_or_default()
    })
}

/// Every stage phrase, longest first, sorted once.
fn phrases_longest_first() -> &'static [(Stage, &'static str)] {
    static SORTED: OnceLock<Vec<(Stage, &'static str)>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut all: Vec<(Stage, &'static str)> = data()
            .stage
            .iter()
            .flat_map(|s| s.phrases.iter().map(move |p| (s.stage, p.as_str())))
            .collect();
        all.sort_by_key(|(_, p)| std::cmp::Reverse(p.trim().len()));
        all
    })
}

/// Normalise text for matching: lower case, one space between words,
/// padded with a space at each end so boundary phrases match at the edges.
fn normalise(text: &str) -> String {
    let mut out = String::from(" ");
    for word in text
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"'))
        .filter(|w| !w.is_empty())
    {
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// The phrases of each stage found in `text`, longest first, without
/// counting a phrase that lies inside a longer one already found.
pub fn hits(text: &str) -> Vec<(Stage, &'static str)> {
    let mut found = located_hits(text);
    found.sort_by_key(|(at, _, _)| *at);
    found.into_iter().map(|(_, s, p)| (s, p)).collect()
}

/// [`hits`] with the byte position of each phrase in the normalised text.
/// Longer phrases win: each phrase counts once, at its first occurrence that
/// starts a word (unless the phrase itself starts with a space) and does not
/// overlap a longer phrase already found.
fn located_hits(text: &str) -> Vec<(usize, Stage, &'static str)> {
    let norm = normalise(text);
    let all = phrases_longest_first();
    let Some(matcher) = matcher() else {
        return Vec::new();
    };
    // Every occurrence of every phrase, in one pass over the text.
    let mut candidates: Vec<(usize, usize)> = matcher
        .find_overlapping_iter(norm.as_str())
        .map(|m| (m.pattern().as_usize(), m.start()))
        .collect();
    // `all` is sorted longest first, so pattern order is priority order.
    candidates.sort_unstable();
    let mut taken = vec![false; norm.len()];
    let mut used = vec![false; all.len()];
    let mut found = Vec::new();
    for (index, start) in candidates {
        if used[index] {
            continue;
        }
        let (stage, phrase) = all[index];
        let end = start + phrase.len();
        let word_start = phrase.starts_with(' ')
            || start == 0
            || !norm.as_bytes()[start - 1].is_ascii_alphanumeric();
        if !word_start || taken[start..end].iter().any(|t| *t) {
            continue;
        }
        taken[start..end].iter_mut().for_each(|t| *t = true);
        used[index] = true;
        found.push((start, stage, phrase));
    }
    found
}

fn matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static MATCHER: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    MATCHER
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new(phrases_longest_first().iter().map(|(_, p)| *p)).ok()
        })
        .as_ref()
}

/// How many phrases of each stage a text holds.
pub fn stage_counts(text: &str) -> [usize; 5] {
    let mut counts = [0; 5];
    for (stage, _) in hits(text) {
        counts[stage as usize] += 1;
    }
    counts
}

/// The stage a metric name reads as: the stage with most phrases in it,
/// and on a tie the one named first (the head of "click-through rate on
/// paid adverts" is the click-through rate).
pub fn stage_of(name: &str) -> Option<Stage> {
    let counts = stage_counts(name);
    let best = *counts.iter().max()?;
    if best == 0 {
        return None;
    }
    hits(name)
        .into_iter()
        .map(|(s, _)| s)
        .find(|s| counts[*s as usize] == best)
}

/// The stage a metric's name suggests when it is filed under another one:
/// the name reads clearly as that stage and has no word of its own stage.
pub fn suspect_stage(name: &str, filed: Stage) -> Option<Stage> {
    let reads_as = stage_of(name)?;
    (reads_as != filed && stage_counts(name)[filed as usize] == 0).then_some(reads_as)
}

/// Why an objective reads as counting outputs rather than a change in what
/// people think or do: the output words it uses. `None` when it reads as an
/// outcome (or gives no clue either way).
pub fn output_objective(statement: &str) -> Option<Vec<&'static str>> {
    let found = hits(statement);
    let outputs: Vec<&'static str> = found
        .iter()
        .filter(|(s, _)| matches!(s, Stage::Output | Stage::Input))
        .map(|(_, p)| p.trim())
        .collect();
    let changes = found
        .iter()
        .any(|(s, _)| matches!(s, Stage::Outcome | Stage::Impact));
    let norm = normalise(statement);
    let opens_with = |list: &'static [String]| {
        list.iter().find(|v| {
            norm.trim_start()
                .strip_prefix(v.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
        })
    };
    let strong = opens_with(&data().activity_verbs.phrases);
    let weak = opens_with(&data().weak_verbs.phrases);
    match (strong, weak) {
        // "Publish 40 posts about alarm testing": an activity verb and an
        // output say what is counted, whatever the topic.
        (Some(_), _) if !outputs.is_empty() => Some(outputs),
        _ if changes => None,
        _ if !outputs.is_empty() => Some(outputs),
        (Some(verb), _) | (None, Some(verb)) => Some(vec![verb.as_str()]),
        (None, None) => None,
    }
}

/// What an outcome statement leaves out of who changes, what changes and
/// how the change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Missing {
    pub who: bool,
    pub what: bool,
    pub how: bool,
}

impl Missing {
    /// Whether any of the three is missing.
    pub fn any(self) -> bool {
        self.who || self.what || self.how
    }
}

/// Whether normalised text holds a phrase of the word lists: whole words,
/// the last one perhaps plural, or any word starting with a phrase that
/// ends in `*`.
fn has_phrase(norm: &str, phrase: &str) -> bool {
    let p = phrase.trim().to_lowercase();
    match p.strip_suffix('*') {
        Some(stem) => norm.contains(&format!(" {stem}")),
        None => ["", "s", "es"]
            .iter()
            .any(|plural| norm.contains(&format!(" {p}{plural} "))),
    }
}

fn has_any(norm: &str, words: &Words) -> bool {
    words.phrases.iter().any(|p| has_phrase(norm, p))
}

/// Which of who, what and how `statement` leaves out. `audiences` are the
/// campaign's audiences by id and description (either named counts as
/// "who"); `measured` says the measure is given elsewhere (a partnership
/// outcome's indicators).
pub fn who_what_how(statement: &str, audiences: &[&str], measured: bool) -> Missing {
    let norm = normalise(statement);
    let names_audience = audiences.iter().any(|a| {
        let a = normalise(&a.replace('-', " "));
        a.trim().len() > 2 && norm.contains(a.as_str())
    });
    Missing {
        who: !names_audience && !has_any(&norm, &data().people_words),
        what: !has_any(&norm, &data().change_verbs),
        how: !measured
            && !statement.chars().any(|c| c.is_ascii_digit() || c == '%')
            && !has_any(&norm, &data().measure_words),
    }
}

/// Whether partners can be expected to know an acronym without it being
/// spelt out (`UK`, `NHS`, `GP`): the `common_acronyms` list.
pub fn common_acronym(word: &str) -> bool {
    data().common_acronyms.phrases.iter().any(|p| p == word)
}

/// A value name as the synonyms table compares it: lower case, without
/// spaces, `-` or `_`.
fn fold_value(s: &str) -> String {
    s.trim().to_lowercase().replace(['-', ' ', '_'], "")
}

/// The value an everyday word stands for, among the values a field allows:
/// `charity` is `voluntary-community` when that is allowed. `None` when the
/// table has no entry for the word or none of its values is allowed here.
pub fn synonym<'v>(word: &str, allowed: &[&'v str]) -> Option<&'v str> {
    static FOLDED: OnceLock<BTreeMap<String, &'static [String]>> = OnceLock::new();
    let table = FOLDED.get_or_init(|| {
        data()
            .synonyms
            .iter()
            .map(|(from, to)| (fold_value(from), to.as_slice()))
            .collect()
    });
    let values = table.get(&fold_value(word))?;
    values
        .iter()
        .find_map(|v| allowed.iter().copied().find(|a| *a == v.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_what_how_finds_the_missing_parts() {
        let audiences = ["older-living-alone", "People over 65 living alone."];
        let all = Missing::default();
        for good in [
            "Older residents test their smoke alarms more often: from 31% to 45% by February.",
            "Increase the number of over-65s who book a safety check from 310 to 500 a month.",
            "More people over 65 living alone book a safety check each month.",
            "Partners rated how well they knew who was doing what at 4 out of 5.",
        ] {
            assert_eq!(who_what_how(good, &audiences, false), all, "{good}");
        }
        let check = |s: &str| who_what_how(s, &audiences, false);
        assert!(check("Increase bookings by 20%.").who);
        assert!(check("Older residents and their smoke alarms: 45% by February.").what);
        assert!(check("Older residents test their smoke alarms.").how);
        assert!(!who_what_how("Partners knew who was doing what.", &[], true).any());
        let vague = check("A good winter.");
        assert!(vague.who && vague.what && vague.how);
    }

    #[test]
    fn everyday_words_stand_for_allowed_values() {
        let sectors = ["local-authority", "voluntary-community", "nhs", "other"];
        assert_eq!(synonym("charity", &sectors), Some("voluntary-community"));
        assert_eq!(synonym("Council", &sectors), Some("local-authority"));
        assert_eq!(
            synonym("purdah", &["pre-election", "recess"]),
            Some("pre-election")
        );
        assert_eq!(
            synonym("in progress", &["open", "done", "dropped"]),
            Some("open")
        );
        assert_eq!(
            synonym("in-progress", &["open", "done", "dropped"]),
            Some("open")
        );
        assert_eq!(
            synonym("closed", &["open", "done", "dropped"]),
            Some("done")
        );
        assert_eq!(
            synonym("cooperation", &["participation", "co-operation"]),
            Some("co-operation")
        );
        // A word whose values this field does not allow suggests nothing.
        assert_eq!(synonym("purdah", &sectors), None);
        assert_eq!(synonym("nonsense", &sectors), None);
    }

    /// Every value the synonyms table names is a value of some enum.
    #[test]
    fn every_synonym_names_a_real_value() {
        let schemas = crate::schema::schemas();
        let all: String = schemas
            .files()
            .into_iter()
            .map(|(_, s)| s.to_string())
            .collect();
        assert!(!data().synonyms.is_empty());
        for (from, to) in &data().synonyms {
            for v in to {
                assert!(all.contains(&format!("\"{v}\"")), "{from} -> {v}");
            }
        }
    }

    const GOOD_OBJECTIVES: &[&str] = &[
        "Increase the share of over-65s who test their smoke alarm monthly from 31% to 45% by February 2027.",
        "Reduce accidental dwelling fires among over-65s in Lancashire by 10% by March 2027.",
        "Increase the number of home fire safety visits booked by older residents from 400 to 900 a month.",
        "Raise the proportion of drivers who say drink-driving is never acceptable from 70% to 80%.",
        "Cut the number of people killed or seriously injured on county roads by 5% this winter.",
        "Increase flu vaccine uptake among eligible over-65s from 72% to 80% by January.",
        "More residents say they feel safe in the town centre at night: from 54% to 65% by June 2027.",
        "Double the number of young people who know how to report knife crime anonymously.",
        "Reduce anti-social behaviour incidents in the town centre by 15% by summer 2027.",
        "Increase the percentage of households recycling food waste every week from 38% to 50%.",
        "Get 2,000 more residents to register to vote before the deadline.",
        "Increase trust in the police among 16 to 24 year olds from 45% to 55%.",
        "Halve the number of calls to 999 that are not emergencies by April 2027.",
        "Increase the proportion of parents who check their child's car seat fitting from 20% to 35%.",
        "Fewer deaths from accidental house fires in Lancashire this winter than in any of the last five.",
        "Increase take-up of free home safety visits among people living alone from 5% to 12%.",
        "Reduce losses to scams reported by older people by 25% by 2027.",
        "Increase the share of smokers in the borough who make a quit attempt from 30% to 40%.",
        "Improve residents' satisfaction with how the council keeps them informed from 55% to 65%.",
        "Get 1,500 more older people to book a free home fire safety check by March 2027.",
        "Make sure 90% of over-65s in Lancashire have a working smoke alarm by March 2027.",
        "Reach 45% of over-65s testing their smoke alarm monthly by February 2027.",
        "Increase the number of carers who apply for respite support by a third by October.",
        "Reduce hospital admissions for falls among over-80s by 8% over the winter.",
    ];

    const BAD_OBJECTIVES: &[&str] = &[
        "Distribute 50,000 leaflets to households in Preston by December.",
        "Publish 40 social media posts about alarm testing during the campaign.",
        "Hold 12 community events across the county.",
        "Issue six press releases before launch.",
        "Reach 2 million people on Facebook.",
        "Achieve 5 million impressions on paid social.",
        "Send a newsletter to all council tenants each month.",
        "Deliver 30 school assemblies on road safety.",
        "Run a radio advertising campaign in January.",
        "Put up posters in every GP surgery in Lancashire.",
        "Produce three videos for YouTube.",
        "Secure coverage in 20 local newspapers.",
        "Launch a campaign website by 1 December.",
        "Tweet every day during the festive period.",
        "Train 100 frontline staff to give out the safety message.",
        "Generate 10,000 page views on the campaign microsite.",
        "Place adverts on 50 buses in the city centre.",
        "Attend 10 community fairs with a stand.",
        "Get 500 retweets of campaign content.",
        "Mail 20,000 postcards to over-65s.",
        "Increase the number of leaflets distributed from 10,000 to 50,000.",
        "Spend the full media budget by the end of January.",
        "Increase the number of people who see the campaign from 1 million to 3 million.",
        "Send 20,000 text reminders so that more over-65s test their alarm.",
    ];

    #[test]
    fn good_objectives_are_not_flagged() {
        for s in GOOD_OBJECTIVES {
            assert_eq!(output_objective(s), None, "flagged a good objective: {s}");
        }
    }

    #[test]
    fn output_objectives_are_flagged() {
        for s in BAD_OBJECTIVES {
            assert!(
                output_objective(s).is_some(),
                "missed an output objective: {s}"
            );
        }
    }

    const METRICS: &[(&str, Stage)] = &[
        ("Paid social impressions", Stage::Output),
        ("People reached through partner channels", Stage::Output),
        ("Leaflets distributed", Stage::Output),
        ("Press releases issued", Stage::Output),
        ("Media coverage in regional outlets", Stage::Output),
        ("Events held in libraries", Stage::Output),
        ("Partnerships secured", Stage::Output),
        ("Video views on YouTube", Stage::Output),
        ("Prompted awareness of the campaign", Stage::Outtake),
        ("Message recall among over-65s", Stage::Outtake),
        ("Click-through rate on paid adverts", Stage::Outtake),
        ("Downloads of the safety checklist", Stage::Outtake),
        ("Enquiry calls to the helpline", Stage::Outtake),
        ("Sentiment of comments on posts", Stage::Outtake),
        ("Over-65s who test their alarm monthly", Stage::Outcome),
        ("Home safety visits booked", Stage::Outcome),
        ("Flu vaccine uptake among over-65s", Stage::Outcome),
        ("Residents who say they feel safe at night", Stage::Outcome),
        ("Registrations for the warm homes scheme", Stage::Outcome),
        ("Accidental dwelling fire deaths", Stage::Impact),
        ("Hospital admissions after falls", Stage::Impact),
        ("Cost savings to the fire service", Stage::Impact),
        ("Campaign return on investment", Stage::Impact),
        ("Media spend", Stage::Input),
        ("Staff time on the campaign", Stage::Input),
    ];

    #[test]
    fn metric_names_read_as_their_stage() {
        for (name, stage) in METRICS {
            assert_eq!(stage_of(name), Some(*stage), "{name}");
        }
    }

    /// Metrics filed under the right stage, in the words teams use.
    const WELL_FILED: &[(&str, Stage)] = &[
        ("Paid social impressions", Stage::Output),
        ("Leaflets distributed to older households", Stage::Output),
        ("Regional press coverage", Stage::Output),
        (
            "Partnerships secured with housing associations",
            Stage::Output,
        ),
        ("Prompted awareness of the campaign", Stage::Outtake),
        ("Campaign message recall", Stage::Outtake),
        ("Click-throughs to the booking page", Stage::Outtake),
        ("Helpline enquiry calls", Stage::Outtake),
        (
            "Over-65s who test their smoke alarm monthly",
            Stage::Outcome,
        ),
        ("Home fire safety visits booked", Stage::Outcome),
        ("Flu vaccine uptake in over-65s", Stage::Outcome),
        ("Households recycling food waste weekly", Stage::Outcome),
        ("Visits booked after seeing the advert", Stage::Outcome),
        ("Accidental dwelling fire deaths", Stage::Impact),
        ("Hospital admissions after falls at home", Stage::Impact),
        ("Return on investment", Stage::Impact),
        ("Recorded anti-social behaviour incidents", Stage::Impact),
        ("Media spend", Stage::Input),
        ("Staff time across partners", Stage::Input),
        ("Progress against plan", Stage::Outcome),
        ("Wave 3 tracking results", Stage::Outtake),
    ];

    /// Metrics filed under a stage their name does not belong to.
    const MISFILED: &[(&str, Stage, Stage)] = &[
        ("Paid social impressions", Stage::Outcome, Stage::Output),
        ("People reached on Facebook", Stage::Outcome, Stage::Output),
        ("Leaflets distributed", Stage::Impact, Stage::Output),
        ("Press releases issued", Stage::Outtake, Stage::Output),
        ("Regional press coverage", Stage::Outcome, Stage::Output),
        ("Video views", Stage::Outcome, Stage::Output),
        ("Events held in libraries", Stage::Outcome, Stage::Output),
        (
            "Prompted awareness of the campaign",
            Stage::Outcome,
            Stage::Outtake,
        ),
        ("Message recall", Stage::Impact, Stage::Outtake),
        ("Click-through rate", Stage::Outcome, Stage::Outtake),
        (
            "Likes and shares on campaign posts",
            Stage::Outcome,
            Stage::Outtake,
        ),
        (
            "Downloads of the safety checklist",
            Stage::Impact,
            Stage::Outtake,
        ),
        ("Sentiment of comments", Stage::Outcome, Stage::Outtake),
        ("Time on site", Stage::Outcome, Stage::Outtake),
        ("Flu vaccine uptake", Stage::Output, Stage::Outcome),
        ("Home safety visits booked", Stage::Output, Stage::Outcome),
        (
            "Accidental dwelling fire deaths",
            Stage::Outcome,
            Stage::Impact,
        ),
        ("Cost savings to the NHS", Stage::Outcome, Stage::Impact),
        (
            "Campaign return on investment",
            Stage::Output,
            Stage::Impact,
        ),
        ("Media spend", Stage::Output, Stage::Input),
        (
            "Hospital admissions after falls",
            Stage::Outtake,
            Stage::Impact,
        ),
    ];

    #[test]
    fn well_filed_metrics_are_not_suspect() {
        for (name, stage) in WELL_FILED {
            assert_eq!(suspect_stage(name, *stage), None, "{name} as {stage:?}");
        }
    }

    #[test]
    fn misfiled_metrics_are_suspect_with_the_right_stage() {
        for (name, filed, right) in MISFILED {
            assert_eq!(
                suspect_stage(name, *filed),
                Some(*right),
                "{name} as {filed:?}"
            );
        }
    }

    #[test]
    fn vague_names_give_no_stage() {
        assert_eq!(stage_of("Progress"), None);
        assert_eq!(stage_of("Wave 2 results"), None);
    }
}
