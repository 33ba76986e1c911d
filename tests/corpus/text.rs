//! Random choices and the text that goes into generated campaigns: plain
//! English, hyphenated words, Welsh, Irish and other accented text,
//! Arabic and Hebrew, emoji, characters that mean something to YAML,
//! HTML or Markdown, and now and then a very long paragraph.

use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// A seeded source of choices. The same seed gives the same campaigns on
/// every machine (proptest's ChaCha generator is portable).
pub struct Dice(TestRng);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        let mut bytes = [0u8; 32];
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let word = seed ^ (0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(i as u64 + 1));
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        Dice(TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p.clamp(0.0, 1.0))
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        self.0.random_range(lo..=hi)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    /// Up to `max` distinct items, in their original order.
    pub fn some<T: Clone>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let want = self.range(0, max.min(items.len()));
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < want {
            let i = self.range(0, items.len() - 1);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }

    /// Mostly small numbers, now and then a big one.
    pub fn count(&mut self, small: usize, big: usize) -> usize {
        if self.chance(0.1) {
            self.range(small, big)
        } else {
            self.range(0, small)
        }
    }
}

const WORDS: &[&str] = &[
    "safety",
    "winter",
    "older",
    "residents",
    "alarm",
    "check",
    "council",
    "service",
    "visit",
    "local",
    "people",
    "homes",
    "trust",
    "test",
    "monthly",
    "partners",
    "booking",
    "survey",
    "families",
    "young",
    "carers",
    "health",
    "street",
    "night",
    "advice",
    "support",
    "campaign",
    "reach",
    "awareness",
    "change",
    "the",
    "and",
    "of",
    "in",
    "for",
    "with",
    "to",
    "a",
    "their",
    "1984",
    "2026",
    "45%",
    "true",
    "no",
    "yes",
    "on",
    "null-ish",
];

/// Hyphenated words. Those in [`PROBES`] are also used as markers that
/// must reach the packs with their hyphens.
const HYPHENATED: &[&str] = &[
    "COM-B",
    "co-production",
    "well-being",
    "Stoke-on-Trent",
    "face-to-face",
    "non-smokers",
    "long-term",
    "e-mail",
    "Weston-super-Mare",
    "self-referral",
    "after-care",
    "GP-led",
    "—",
    "-",
    "x-ray",
];

/// Hyphenated markers (letters and hyphens only, so no format escapes them).
pub const PROBES: &[&str] = &[
    "COM-B",
    "co-production",
    "well-being",
    "Stoke-on-Trent",
    "face-to-face",
    "non-smokers",
    "Weston-super-Mare",
    "self-referral",
];

const UNICODE: &[&str] = &[
    "Llywodraeth Cymru",
    "Ŵyl",
    "Sláinte",
    "Dùn Èideann",
    "café",
    "naïve",
    "Zoë",
    "Łódź",
    "Ελλάδα",
    "Кириллица",
    "火災安全",
    "🔥",
    "🚒",
    "👩🏽‍🚒",
    "e\u{301}te\u{301}",
    "£2,000",
    "½",
];

const RIGHT_TO_LEFT: &[&str] = &[
    "سلامة الحرائق في المنزل",
    "مجلس المدينة",
    "٢٠٢٦",
    "בטיחות אש",
    "עיריית חיפה",
    "\u{200f}שלום\u{200f}",
];

/// Characters that mean something to YAML, TOML, HTML, Markdown or Jinja.
const AWKWARD: &[&str] = &[
    "&",
    "<b>not bold</b>",
    "*stars*",
    "_under_",
    "`tick`",
    "[link](x)",
    "| pipe",
    "#hash",
    "{{ jinja }}",
    "{% raw %}",
    "50%",
    "\"quoted\"",
    "it's",
    "O'Neill",
    "C:\\path",
    "a: b",
    "x #y",
    "- dash",
    "? query",
    "!tag",
    "@handle",
    "key:",
    "[list]",
    "{map}",
    "'single'",
    "~",
    "%percent",
    "a\\nb",
    "tab\\t",
];

/// Which kinds of text the generator may use.
#[derive(Clone, Copy)]
pub struct TextOptions {
    pub unicode: bool,
    pub long: bool,
}

/// One word or phrase of free text.
fn token(dice: &mut Dice, opts: TextOptions) -> String {
    let roll = dice.range(0, 99);
    let pool = match roll {
        0..=59 => WORDS,
        60..=71 => HYPHENATED,
        72..=81 if opts.unicode => UNICODE,
        82..=89 if opts.unicode => RIGHT_TO_LEFT,
        90..=99 => AWKWARD,
        _ => WORDS,
    };
    dice.pick(pool).to_string()
}

/// Free text of `lo..=hi` words; rarely a very long paragraph.
pub fn text(dice: &mut Dice, opts: TextOptions, lo: usize, hi: usize) -> String {
    let n = if opts.long && dice.chance(0.02) {
        dice.range(400, 1500)
    } else {
        dice.range(lo.max(1), hi.max(lo).max(1))
    };
    let mut words: Vec<String> = (0..n).map(|_| token(dice, opts)).collect();
    // A capital at the start, as people write.
    if let Some(first) = words.first_mut() {
        let mut cs = first.chars();
        if let Some(c) = cs.next() {
            *first = c.to_uppercase().chain(cs).collect();
        }
    }
    words.join(" ")
}

/// Text of several paragraphs (for notes and summaries).
pub fn paragraphs(dice: &mut Dice, opts: TextOptions) -> String {
    let n = dice.range(1, 3);
    let paras: Vec<String> = (0..n).map(|_| text(dice, opts, 4, 30)).collect();
    paras.join(if dice.chance(0.5) { "\n\n" } else { "\n" })
}

/// A person's name.
pub fn person(dice: &mut Dice, opts: TextOptions) -> String {
    const FIRST: &[&str] = &[
        "Sam", "Priya", "Gareth", "Aoife", "Siôn", "Zoë", "Mohammed", "Jo",
    ];
    const LAST: &[&str] = &[
        "Patel",
        "Holt",
        "Ní Bhriain",
        "O'Neill",
        "Smith-Jones",
        "Khan",
    ];
    const OTHER: &[&str] = &["محمد الأحمد", "דנה כהן", "李华", "Dr Anne-Marie Öztürk"];
    if opts.unicode && dice.chance(0.15) {
        return dice.pick(OTHER).to_string();
    }
    format!("{} {}", dice.pick(FIRST), dice.pick(LAST))
}

/// A kebab-case word for ids: plain, with digits, or odd but valid
/// (`2026`, `a--b`, `trailing-`).
pub fn slug_word(dice: &mut Dice) -> String {
    const BASE: &[&str] = &[
        "fire",
        "council",
        "nhs",
        "police",
        "radio",
        "survey",
        "pilot",
        "launch",
        "review",
        "older",
        "carers",
        "web",
        "press",
        "bookings",
        "reach",
        "2026",
        "x",
        "a--b",
        "trailing-",
        "co-op",
        "0",
    ];
    dice.pick(BASE).to_string()
}

/// A free-text region: a county, a city, a combined authority, or one in
/// another script.
pub const FREE_REGIONS: &[&str] = &[
    "Greater Manchester",
    "Greater Manchester, Bolton",
    "Lancashire",
    "Cornwall",
    "Leeds",
    "Stoke-on-Trent",
    "West Yorkshire Combined Authority",
    "Bro Morgannwg",
    "Highland",
    "Belfast",
    "المدينة",
    "tees-valley",
    "Isle of Wight",
];

/// Regions the pack templates know by name, and their aliases.
pub const KNOWN_REGIONS: &[&str] = &[
    "uk",
    "england",
    "scotland",
    "wales",
    "northern-ireland",
    "north-east",
    "north-west",
    "yorkshire-and-the-humber",
    "east-midlands",
    "west-midlands",
    "east-of-england",
    "london",
    "south-east",
    "south-west",
    "united-kingdom",
    "great-britain",
];
