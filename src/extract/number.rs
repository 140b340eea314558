//! Numbers, money, percentages, quantities and ordinals, with hedges resolved to intervals.
//!
//! Extraction runs in three steps over one sentence:
//!
//! 1. **Atoms.** One regex ([`ATOM`]) finds each stated number — digits ("1,234.5"), words
//!    ("two hundred and fifty", "a dozen", "one and a half million") or a share ("a quarter",
//!    "two-thirds", "one in five") — with what is glued to it: a currency before ("$", "US$", "€",
//!    "USD "), a scale after ("million", "bn", "k"), a percent sign or word, a currency name
//!    ("tenge", "euros"). Each atom is then checked against its neighbourhood: digits glued to
//!    letters ("COVID-19", "A320", "9am"), list and version punctuation ("1,2,3", "3.2.1"), clock
//!    times, leading zeros, labels ("page 12", "Flight 370", "Windows 11"), street addresses and
//!    ZIP codes are not figures, and are dropped (phone numbers are masked before, see
//!    [`PHONE`]).
//! 2. **Ranges.** Adjacent atoms joined by "-", "to", "or" or ("between") "and" become one range;
//!    the scale, currency and percent of one end apply to the other ("3 to 5 million", "$3-5
//!    billion", "10-15%"). Pairs that read as scores ("won 3-1") or phone numbers are dropped;
//!    "from 3% to 5%" after a verb is a change, so two values.
//! 3. **Values.** The hedge before ("more than", "almost", …) or after ("or more", "+") gives the
//!    bound and interval; money, percent, percentage points, a quantity with its counted noun or
//!    unit ("600 American companies" → company, "30km" → km), or a bare number.
//!
//! Ordinals and ranks ("50th", "first", "second-largest", "the largest investor") come last.
//! Every look-around is a bounded window, so the whole is linear in the sentence.

use super::build_regex;
use super::gate::Gates;
use super::pattern::{ascii_space, ascii_word, set_group, space_then_word, Regex};
use super::{head, tail, Amount, Bound, Mention, Taken, Value, WordSet};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A hedge word before a number, as it bounds the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hedge {
    None,
    About,
    Below,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
}

impl Hedge {
    pub(crate) fn parse(s: &str) -> Hedge {
        // Lower case, trimmed, one space between words: written so already (most hedges), or
        // made so.
        let b = s.as_bytes();
        let plain = b.first() != Some(&b' ')
            && b.last() != Some(&b' ')
            && !s.contains("  ")
            && b.iter().all(|&c| {
                c.is_ascii()
                    && !c.is_ascii_uppercase()
                    && (c == b' ' || !c.is_ascii_whitespace())
                    && c != 0x0B
            });
        let made;
        let s = if plain {
            s
        } else {
            let lower = s.trim().to_ascii_lowercase();
            made = lower.split_whitespace().collect::<Vec<_>>().join(" ");
            made.as_str()
        };
        // Each kind's hedges, the kinds parted by "#" in the order of `KINDS`: one search for
        // all (less code than a `match` of as many strings).
        const HEDGES: &str = "|more than|over|above|upwards of|upward of|in excess of|greater than\
            |higher than|north of|plus|+|>|exceed|exceeds|exceeded|exceeding|topped|tops|topping\
            |surpassed|surpasses|surpassing|#\
            |at least|no fewer than|no less than|not less than|not fewer than|a minimum of\
            |at minimum|at a minimum|as few as|as little as|as low as|or more|or higher|or above\
            |or over|>=|≥|#\
            |almost|nearly|close to|shy of|short of|approaching|nearing|not quite|barely|hardly\
            |scarcely|#\
            |about|around|roughly|some|approximately|approx.|approx|~|≈|an estimated|estimated\
            |an approximate|circa|c.|ca.|or so|odd|more or less|#\
            |less than|fewer than|under|below|lower than|not even|<|#\
            |up to|at most|no more than|not more than|a maximum of|at maximum|at a maximum\
            |as many as|as much as|as high as|or less|or fewer|or under|or below|not exceed\
            |not exceeding|not to exceed|never exceeded|never exceeds|<=|≤|";
        // "barely 20 people" (Below): 20 or a little short of it (not "anything up to 20").
        const KINDS: [Hedge; 6] = [
            Hedge::MoreThan,
            Hedge::AtLeast,
            Hedge::Below,
            Hedge::About,
            Hedge::LessThan,
            Hedge::AtMost,
        ];
        match super::listed_group(HEDGES, s) {
            Some(kind) => KINDS[kind],
            // "well over", "just under", "a bit less than": a degree and a comparison.
            None => degree_hedge(s).unwrap_or(Hedge::None),
        }
    }

    /// The interval this hedge gives `v`, stated to `precision`.
    pub(crate) fn apply(self, v: f64, precision: f64) -> Amount {
        let mut a = Amount::exact(v, precision);
        let ordered = |x: f64, y: f64| (Some(x.min(y)), Some(x.max(y)));
        match self {
            Hedge::None => {}
            Hedge::About => {
                a.bound = Bound::About;
                (a.low, a.high) = ordered(v * 0.925, v * 1.075);
            }
            Hedge::Below => {
                a.bound = Bound::About;
                a.below_near = true;
                (a.low, a.high) = ordered(v * 0.85, v);
            }
            Hedge::MoreThan => {
                a.bound = Bound::MoreThan;
                a.high = None;
            }
            Hedge::AtLeast => {
                a.bound = Bound::AtLeast;
                a.high = None;
            }
            Hedge::LessThan => {
                a.bound = Bound::LessThan;
                a.low = None;
            }
            Hedge::AtMost => {
                a.bound = Bound::AtMost;
                a.low = None;
            }
        }
        a
    }
}

/// Number words: units and tens (a number in words is a run of these and of [`SCALE_WORDS`]).
pub(crate) const UNIT_WORDS: &str = r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
/// Multipliers in a number in words.
pub(crate) const SCALE_WORDS: &str = r"hundred|thousand|million|billion|trillion|dozen";

/// A number in words, as a regex (validated and cut to its longest sensible prefix by
/// [`parse_word_number_prefix`]): "twenty-one", "two hundred and fifty", "a dozen", "one and a
/// half million", "half a million". "and" goes on only after a multiplier ("hundred and
/// fifty") or before "a half": "two and three billion" is two numbers (the match does not
/// swallow the second, which the prefix would then cut off; a match that ends in "and" is cut
/// to the number before it).
pub(crate) static WORDS: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:a|one)\s+(?:{SCALE_WORDS})(?:\s+and)?|half\s+an?\s+(?:million|billion|trillion|dozen)|{UNIT_WORDS})(?:[\s-]+(?:{UNIT_WORDS}|(?:{SCALE_WORDS})(?:\s+and)?|and\s+a\s+half))*"
    )
});

const FRACTION: &str = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)|half|(?:one|two|three|four|five|six|seven|eight|nine|[0-9]{1,2})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|[0-9]{1,3})";

/// A currency before a number, and a space after it: "USD 12 million", and "€ 20 million" or
/// "US$ 4.5 billion" as pasted text has them.
const CUR_PREFIX: &str = r"(?:US\$|U\.S\.\s?\$|A\$|AU\$|C\$|CA\$|HK\$|NZ\$|S\$|R\$|\$|€|£|¥|₸|₹|₽|₩|₺|(?-i:USD|EUR|GBP|JPY|KZT|CNY|RMB|RUB|INR|CHF|AUD|CAD|AED|SAR|HKD|SGD|NZD|BRL|TRY|KRW))\s?";

/// A scale word right after a number ("5 million", "5bn"), in [`ATOM`].
/// The plurals ("$4.5 billions", "2 millions euros") are read as the singulars.
const SCALE_AFTER: &str = r"thousands?|millions?|billions?|trillions?|bn|bln|mn|mln|tn|trn|m|k|b";

/// Percent words after a number, in [`ATOM`].
const PCT_AFTER: &str = r"%|percent(?-u:\b)|per\s*cent(?-u:\b)|pct(?-u:\b)|pc(?-u:\b)|percentage[\s-]points?(?-u:\b)|basis\s+points?(?-u:\b)|bps(?-u:\b)";

const CUR_NAME: &str = r"(?:(?:U\.S\.|US|American|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand|Taiwan)\s+)?dollars?|euros?|(?:British\s+)?pounds?(?:\s+sterling)?|sterling|yen|(?:Chinese\s+)?yuan|renminbi|tenge|rubles?|roubles?|(?:Indian\s+)?rupees?|(?:Swiss\s+)?francs?|cents?|dirhams?|riyals?|lira|(?-i:USD|EUR|GBP|JPY|KZT|CNY|RUB|INR|CHF|AUD|CAD|AED|SAR|HKD|SGD|NZD|BRL|TRY|KRW)";

/// One stated number with what is glued to it.
static ATOM: LazyLock<Regex> = LazyLock::new(|| {
    build_regex(&atom_src())
        .expect("number regex")
        .with_shortcut(atom_at_digit)
});
/// [`ATOM`]'s groups by number, what `Captures::get` takes (a name costs a search of the
/// pattern's names, and a number reads about 15 of them); the test `atom_groups_are_numbered`
/// checks them against the names.
mod atom_group {
    pub const CUR: usize = 1;
    pub const HALFW: usize = 2;
    pub const FRAC: usize = 3;
    pub const NUM: usize = 4;
    pub const WORDS: usize = 5;
    pub const SP: usize = 6;
    pub const SCALE: usize = 7;
    pub const PCT: usize = 8;
    pub const CURNAME: usize = 9;
}

/// The source of [`ATOM`]. A number (`num`) is one of: digits in groups of three after commas,
/// then a decimal point ("1,500,000.25"); two or more groups after dots, then a decimal comma
/// ("1.500.000,50"); groups of three after spaces, then a decimal point or
/// comma ([`plain_number`]): two or more groups ("1 500 000"), one after a space outside ASCII
/// ("12 000" with a no-break or thin space, [`WIDE_SPACES`]), or one that starts with 0 ("12
/// 000"; "5 100" is two numbers); a decimal comma ("8,5%", kept only with a percent, scale or
/// currency: `read_atom`); else a run of digits with a decimal point or not.
fn atom_src() -> String {
    format!(
        r"(?xi)
        (?P<cur>{CUR_PREFIX})?
        (?:
            (?-u:\b)(?P<halfw>half\s+an?\s+(?:million|billion|trillion|dozen))(?-u:\b)
          | (?-u:\b)(?P<frac>{FRACTION})(?-u:\b)
          | (?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?
            | [0-9]{{1,3}}(?:\.[0-9]{{3}}){{2,}}(?-u:\b)(?:,[0-9]+)?
            | [0-9]{{1,3}}(?:(?:(?-x:[ {wide}])[0-9]{{3}}){{2,}}|(?-x:[{wide}])[0-9]{{3}}|\ 0[0-9]{{2}})
              (?-u:\b)(?:[.,][0-9]+)?
            | [0-9]{{1,3}},[0-9]{{1,2}}(?-u:\b)
            | [0-9]+(?:\.[0-9]+)?|\.[0-9]+)
          | (?-u:\b)(?P<words>{words})(?-u:\b)
        )
        (?:(?P<sp>\s*)(?P<scale>{SCALE_AFTER})(?-u:\b))?
        (?:\s*(?P<pct>{PCT_AFTER}))?
        (?:\s+(?P<curname>{CUR_NAME})(?-u:\b))?
        ",
        words = *WORDS,
        wide = WIDE_SPACES,
    )
}

/// The spaces outside ASCII that group a number's digits: no-break, narrow no-break, thin.
const WIDE_SPACES: &str = "\u{a0}\u{202f}\u{2009}";

/// [`ATOM`]'s match at a digit or a currency sign right before one, where most of its matches
/// start ("2,000", "2024", "12.5%", "$4.5 billion", "30 percent"), found without the engine for
/// what follows a number most often: nothing that goes on it, "%", a scale word ("million",
/// "bn"), "percent" or "percentage points". `false` (the engine decides) where [`atom_src`]
/// could match something else: a fraction ("1 in 5"), a currency word or another percent word
/// ([`TAIL_WORDS`]) where the shortcut does not follow it, or a char outside ASCII after the
/// number or after a word it looks at (a space outside ASCII, or a letter that folds to an ASCII
/// one, such as the Kelvin sign for "k"). At a digit the currency prefix, "half …" and the words
/// cannot match (at a sign, only that sign of the prefix can), and the number is the first of
/// `num`'s branches that fits: digits in groups of three ("1,234,567", its first group of one to
/// three digits), else a run of digits, either with a decimal part. A scale or percent word is
/// matched whole (each of the pattern's is followed by a word boundary), and after it only what
/// cannot go on the match is answered here. The test `atom_shortcut_agrees_with_the_engine`
/// compares both.
fn atom_at_digit(hay: &[u8], p: usize, slots: &mut [usize]) -> bool {
    use atom_group::{CUR, NUM, PCT, SCALE, SP};
    let byte = |i: usize| hay.get(i).copied().unwrap_or(0);
    let digits_from = |mut i: usize| {
        while byte(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    // A sign of `CUR_PREFIX` that is one char: the only prefix that can match at it.
    let sign = match hay.get(p..).unwrap_or_default() {
        [b'$', ..] => 1,
        [0xC2, 0xA3 | 0xA5, ..] => 2, // £ ¥
        [0xE2, 0x82, 0xAC | 0xB8 | 0xB9 | 0xBD | 0xA9 | 0xBA, ..] => 3, // € ₸ ₹ ₽ ₩ ₺
        _ => 0,
    };
    let first = p + sign;
    let num_end = digits_from(first);
    let run = num_end - first;
    if run == 0 {
        return false;
    }
    let mut end = num_end;
    if run <= 3 {
        while byte(end) == b',' && digits_from(end + 1) >= end + 4 {
            end += 4;
        }
    }
    // A decimal comma ("8,5") or groups after a space ("12 000"): left to the engine.
    if run <= 3
        && end == num_end
        && matches!(byte(end), b',' | b' ')
        && byte(end + 1).is_ascii_digit()
    {
        return false;
    }
    if byte(end) == b'.' && byte(end + 1).is_ascii_digit() {
        end = digits_from(end + 1);
        if byte(end) == b'.' && byte(end + 1).is_ascii_digit() {
            return false; // groups after dots ("1.500.000"): the engine's
        }
    }
    // The white space and the word after `from`: where the word starts and ends, the word in
    // lower case when it has 12 bytes or fewer (else zeros), and its length; `None` at a char
    // outside ASCII (a space of Unicode's, or a letter that folds to ASCII).
    let word_after = |from: usize| {
        let (at, word_end) = space_then_word(hay, from);
        if byte(at) >= 0x80 || byte(word_end) >= 0x80 {
            return None;
        }
        let mut lower = [0u8; 12];
        let len = word_end - at;
        if len <= lower.len() {
            lower[..len].copy_from_slice(&hay[at..word_end]);
            lower[..len].make_ascii_lowercase();
        }
        Some((at, word_end, lower, len))
    };
    // Whether a word of `TAIL_WORDS` (or "U.S.") is what the engine could go on with.
    let goes_on = |word: &[u8], word_end: usize| {
        let len = word.len();
        (word == b"u" && byte(word_end) == b'.')
            || TAIL_WORDS
                .get(len)
                .is_some_and(|l| l.as_bytes().chunks(len.max(1)).any(|w| w == word))
    };
    let Some((at, word_end, lower, len)) = word_after(end) else {
        return false;
    };
    let word = &lower[..len.min(12)];
    let long = len > 12;
    // The groups past the number: `sp` and `scale`, `pct`, each (start, end); where the match ends.
    let mut scale = None;
    let mut pct = None;
    let mut last = end;
    if byte(at) == b'%' {
        pct = Some((at, at + 1));
        last = at + 1;
    } else if !long {
        if run <= 2 && end == num_end && at > end && (word == b"in" || word == b"out") {
            return false; // a fraction ("1 in 5")
        }
        // The words of `SCALE_AFTER`.
        if matches!(
            word,
            b"thousand"
                | b"million"
                | b"billion"
                | b"trillion"
                | b"thousands"
                | b"millions"
                | b"billions"
                | b"trillions"
                | b"bn"
                | b"bln"
                | b"mn"
                | b"mln"
                | b"tn"
                | b"trn"
                | b"m"
                | b"k"
                | b"b"
        ) {
            scale = Some((end, at, word_end));
            last = word_end;
        } else if matches!(word, b"percent" | b"pct" | b"pc" | b"bps") {
            pct = Some((at, word_end));
            last = word_end;
        } else if word == b"percentage" {
            // "percentage[\s-]points?": one separator, then "point" or "points" as a word.
            if !(ascii_space(byte(word_end)) || byte(word_end) == b'-') {
                return false;
            }
            let (from, to) = (word_end + 1, space_then_word(hay, word_end + 1).1);
            let points = &hay[from..to];
            if byte(to) >= 0x80
                || !(points.eq_ignore_ascii_case(b"point")
                    || points.eq_ignore_ascii_case(b"points"))
            {
                return false;
            }
            pct = Some((at, to));
            last = to;
        } else if goes_on(word, word_end) {
            return false;
        }
    }
    if last > end {
        // What could go on after the scale or percent word: left to the engine.
        let Some((at, word_end, lower, len)) = word_after(last) else {
            return false;
        };
        if byte(at) == b'%' || (len <= 12 && goes_on(&lower[..len], word_end)) {
            return false;
        }
    }
    let mut set = |g: usize, span: (usize, usize)| set_group(slots, g, span);
    set(0, (p, last));
    if sign > 0 {
        set(CUR, (p, first));
    }
    set(NUM, (first, end));
    if let Some((sp, at, word_end)) = scale {
        set(SP, (sp, at));
        set(SCALE, (at, word_end));
    }
    if let Some(span) = pct {
        set(PCT, span);
    }
    true
}

/// The first words of what can go on a number in [`ATOM`] ([`SCALE_AFTER`], [`PCT_AFTER`],
/// [`CUR_NAME`]), in lower case, by length (`TAIL_WORDS[n]` holds the words of `n` letters one
/// after another): after one of them [`atom_at_digit`] leaves the match to the engine. The test
/// `atom_shortcut_agrees_with_the_engine` puts every word of those patterns after numbers, so a
/// word added there and not here fails it.
const TAIL_WORDS: [&str; 11] = [
    "",
    "bkm",
    "bnmnpctnus",
    "aedaudblnbpsbrlcadchfcnyeurgbphkdinrjpykrwkztmlnnewnzdpctperrubsarsgdtrntryusdyen",
    "centeurohonglirayuan",
    "basiscentseurosfrancpoundriyalrublerupeeswisstenge",
    "dirhamdollarfrancsindianpoundsriyalsroublerublesrupeestaiwan",
    "billionbritishchinesedirhamsdollarsmillionpercentroubles",
    "americanbillionscanadianmillionsrenminbisterlingthousandtrillion",
    "singaporethousandstrillions",
    "australianpercentage",
];

/// A hedge right before a number (matched against a short window ending at the number): the
/// engine's form of [`hedge_before`], which uses it for a window with a char outside ASCII.
static HEDGE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&hedge_before_src()).expect("hedge regex"));

/// The hedges a number can follow, each as words with one space between them (the text may
/// have any white space there): "well over", "more than", "approx.", "~".
fn hedge_phrases() -> Vec<String> {
    let mut phrases = Vec::new();
    for a in HEDGE_DEGREES {
        for b in HEDGE_DEGREED {
            phrases.push(format!("{a} {b}"));
        }
    }
    phrases.extend(super::words(HEDGE_OTHERS).map(String::from));
    phrases
}

/// The hedge of a word of degree and a comparison ("far below", "a bit above", "well short
/// of"), written plainly: above is more than (by a little or by far); below by far ("well",
/// "far") is less than, and by a little is below and near. The one rule for every such hedge
/// ([`HEDGE_DEGREES`] × [`HEDGE_DEGREED`]); [`Hedge::parse`] lists only the others.
fn degree_hedge(s: &str) -> Option<Hedge> {
    let (degree, rest) = HEDGE_DEGREES
        .iter()
        .find_map(|d| Some((*d, s.strip_prefix(d)?.strip_prefix(' ')?)))?;
    match rest {
        "over" | "above" | "more than" => Some(Hedge::MoreThan),
        "under" | "below" | "less than" | "fewer than" | "short of" | "shy of" => {
            Some(if matches!(degree, "well" | "far") {
                Hedge::LessThan
            } else {
                Hedge::Below
            })
        }
        _ => None,
    }
}

/// Words of degree before [`HEDGE_DEGREED`] ("well over", "a little less than").
const HEDGE_DEGREES: [&str; 6] = ["well", "far", "just", "slightly", "a little", "a bit"];
/// The hedges that take one of [`HEDGE_DEGREES`].
const HEDGE_DEGREED: [&str; 9] = [
    "over",
    "above",
    "under",
    "below",
    "more than",
    "less than",
    "fewer than",
    "short of",
    "shy of",
];
/// The other hedges.
const HEDGE_OTHERS: &str = super::packed![
    "more or less",
    "more than",
    "greater than",
    "higher than",
    "lower than",
    "north of",
    "upwards of",
    "in excess of",
    "at least",
    "no fewer than",
    "no less than",
    "not less than",
    "a minimum of",
    "almost",
    "nearly",
    "close to",
    "approaching",
    "nearing",
    "shy of",
    "short of",
    "not quite",
    "about",
    "around",
    "roughly",
    "some",
    "approximately",
    "approx.",
    "approx",
    "an estimated",
    "estimated",
    "an approximate",
    "circa",
    "c.",
    "~",
    "less than",
    "fewer than",
    "under",
    "below",
    "over",
    "above",
    "up to",
    "at most",
    "no more than",
    "not more than",
    "a maximum of",
    "as many as",
    "as much as",
    "as high as",
    "as few as",
    "as little as",
    "as low as",
    "upward of",
    "exceed",
    "exceeds",
    "exceeded",
    "exceeding",
    "topped",
    "tops",
    "topping",
    "surpassed",
    "surpasses",
    "surpassing",
    "not exceed",
    "not exceeding",
    "not to exceed",
    "never exceeded",
    "never exceeds",
    "not fewer than",
    "at minimum",
    "at a minimum",
    "at maximum",
    "at a maximum",
    "not even",
    "barely",
    "hardly",
    "scarcely",
    "ca.",
    "<",
    ">",
    "<=",
    ">=",
    "≤",
    "≥",
    "≈",
];

/// The source of [`HEDGE_BEFORE`]: a hedge of [`hedge_phrases`] after a char that is not a
/// word's (or at the start), then only white space.
fn hedge_before_src() -> String {
    let alternatives = |list: &[&str]| -> String {
        let list: Vec<String> = list
            .iter()
            .map(|p| p.replace('.', r"\.").replace(' ', r"\s+"))
            .collect();
        list.join("|")
    };
    format!(
        r"(?i)(?:^|[^\w])(?P<h>(?:{})\s+(?:{})|{})\s*$",
        alternatives(&HEDGE_DEGREES),
        alternatives(&HEDGE_DEGREED),
        alternatives(&super::words(HEDGE_OTHERS).collect::<Vec<_>>())
    )
}

/// [`hedge_phrases`] as a tree of words read backwards: node 0 is the root; a node's children
/// are the words that can come before its word; `true` where a hedge starts with its word.
struct HedgeTree {
    nodes: Vec<HedgeNode>,
}

/// A node of [`HedgeTree`]: its word, its children, whether a hedge starts there, and a bit
/// per [`HedgeTree::key`] of its children (most words before a number are no hedge's, and the
/// root has some 80 children: one bit test turns nearly all of them away).
type HedgeNode = (Box<[u8]>, Vec<u32>, bool, u64);

impl HedgeTree {
    fn new() -> HedgeTree {
        let mut nodes: Vec<HedgeNode> = vec![(Box::default(), Vec::new(), false, 0)];
        for p in hedge_phrases() {
            let mut at = 0;
            for word in p.split(' ').rev() {
                at = match HedgeTree::child(&nodes, at, word.as_bytes()) {
                    Some(c) => c,
                    None => {
                        nodes.push((word.as_bytes().into(), Vec::new(), false, 0));
                        let c = nodes.len() - 1;
                        nodes[at].1.push(c as u32);
                        nodes[at].3 |= HedgeTree::key(word.as_bytes());
                        c
                    }
                };
            }
            nodes[at].2 = true;
        }
        HedgeTree { nodes }
    }

    /// A word's bit in a node's mask: of its length and its first and last bytes.
    fn key(word: &[u8]) -> u64 {
        let (first, last) = (word.first().copied(), word.last().copied());
        let h = word.len() * 7 + first.unwrap_or(0) as usize * 3 + last.unwrap_or(0) as usize;
        1 << (h % 64)
    }

    /// The child of `node` with `word` (in lower case).
    fn child(nodes: &[HedgeNode], node: usize, word: &[u8]) -> Option<usize> {
        if nodes[node].3 & HedgeTree::key(word) == 0 {
            return None;
        }
        // The length and first byte first: most children differ there.
        nodes[node].1.iter().map(|&c| c as usize).find(|&c| {
            let w = &nodes[c].0;
            w.len() == word.len() && w.first() == word.first() && **w == *word
        })
    }
}

static HEDGE_TREE: LazyLock<HedgeTree> = LazyLock::new(HedgeTree::new);

/// The span of the hedge that `window` ends with (white space after it allowed), what
/// [`HEDGE_BEFORE`]'s group `h` gives: the longest of [`hedge_phrases`] that ends the window and
/// starts it or follows a char that is not a word's. An ASCII window (nearly all) is read here,
/// from its last word back; another goes to the engine.
pub(crate) fn hedge_before(window: &str) -> Option<(usize, usize)> {
    let w = window.as_bytes();
    if !w.is_ascii() {
        let h = HEDGE_BEFORE.captures(window)?.get(1)?;
        return Some((h.start(), h.end()));
    }
    let mut end = w.len();
    while end > 0 && ascii_space(w[end - 1]) {
        end -= 1;
    }
    // The last word: letters, or letters and a ".", or a "~", "<", ">", "<=" or ">=".
    let mut start = end;
    if start > 1 && w[start - 1] == b'=' && matches!(w[start - 2], b'<' | b'>') {
        start -= 2;
    } else if start > 0 && matches!(w[start - 1], b'<' | b'>') {
        start -= 1;
    } else {
        if start > 0 && matches!(w[start - 1], b'.' | b'~') {
            start -= 1;
        }
        if w.get(start) != Some(&b'~') {
            while start > 0 && w[start - 1].is_ascii_alphabetic() {
                start -= 1;
            }
        }
    }
    // Back from the last word through the tree, word by word, white space between each two; the
    // furthest start of a hedge that follows a char that is not a word's (or starts the window).
    let tree = &*HEDGE_TREE;
    let (mut node, mut from, mut to) = (0, start, end);
    let mut best = None;
    loop {
        let word = &w[from..to];
        if word.is_empty() || word.len() > 16 {
            break;
        }
        let mut lower = [0u8; 16];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        let Some(next) = HedgeTree::child(&tree.nodes, node, lower) else {
            break;
        };
        node = next;
        if tree.nodes[node].2 && (from == 0 || !ascii_word(w[from - 1])) {
            best = Some(from);
        }
        // The word before: white space, then letters.
        to = from;
        while to > 0 && ascii_space(w[to - 1]) {
            to -= 1;
        }
        if to == from {
            break;
        }
        from = to;
        while from > 0 && w[from - 1].is_ascii_alphabetic() {
            from -= 1;
        }
    }
    best.map(|at| (at, end))
}

/// "between" / "from" right before a number.
static BETWEEN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&between_before_src()).expect("between regex"));
/// The source of [`BETWEEN_BEFORE`].
fn between_before_src() -> String {
    r"(?i)(?:^|[^\w])(?P<rng>(?:rang(?:e|es|ed|ing)|anywhere|somewhere|vary|varies|varied|varying)\s+)?(?P<b>between|from)\s+$".to_string()
}

/// A sign word before a number: "minus 3%", "negative 0.2 percent".
static MINUS_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&minus_before_src()).expect("minus regex"));
/// The source of [`MINUS_BEFORE`].
fn minus_before_src() -> String {
    r"(?i)(?:^|[^\w])(?P<m>minus|negative)\s+$".to_string()
}

/// A US state code before a five-digit number: a ZIP code ("Washington, DC 20500").
static ZIP_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&zip_before_src()).expect("zip regex"));
/// The source of [`ZIP_BEFORE`].
fn zip_before_src() -> String {
    r"(?:^|[^\w])[A-Z]{2}\s$".to_string()
}

/// A hedge right after a number: "600 or more", "600+", "600-odd".
static HEDGE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&hedge_after_src()).expect("hedge-after regex"));
/// The source of [`HEDGE_AFTER`].
fn hedge_after_src() -> String {
    r"(?i)^(?:\s+(?P<or>or\s+(?:more|so|fewer|less|above|higher|over|under|below))(?-u:\b)|(?P<plus>\+)|-(?P<word>plus|odd)(?-u:\b))".to_string()
}

/// Labels before a number that make it an identifier, not a figure: "page 12", "Flight 370".
static LABEL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&label_before_src()).expect("label regex"));
/// The source of [`LABEL_BEFORE`].
fn label_before_src() -> String {
    r"(?x)(?:^|[^\w])(?:
          (?i:page|pages|p\.|pp\.|chapter|ch\.|section|sec\.|§|article|art\.|clause|paragraph
            |para\.|version|ver\.|v\.|no\.|nos\.|\#|room|rm\.|suite|ste\.|apt\.|apartment|flight
            |resolution|episode|ep\.|vol\.|edition|fig\.|figure|verse|mk\.|ext\.|extension|tel\.
            |telephone|phone|fax|zip|postcode|amendment|windows|android|ios|iphone|ipad|macos
            |python|java|galaxy|pixel|xbox|playstation|boeing|airbus|covid|sars|rank|ranked
            |ranking|top|grade|phase|category|type|level|stage|round|seat|pin)
        | Route|Highway|Interstate|Season|Platform|Gate|Exit|Terminal|Channel|Model|Series|Release
        | Ward|District|Precinct|Day|Week|Game|Part|Act|Title|Step|Row|Table|Item|Box|Code
        | Number|Class|Book|Chapter|Lot|Unit|Bus|Line|Track|Floor|Pier|Dock|Block
        )\s*$"
        .to_string()
}

/// A street after a number: "1600 Pennsylvania Avenue", "10 Downing Street".
pub(crate) static ADDRESS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&address_after_src()).expect("address regex"));
/// The source of [`ADDRESS_AFTER`].
fn address_after_src() -> String {
    r"^\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct|Terrace|Highway|Hwy|Parkway|Pkwy|Plaza|Circle|Embankment|Prospect|Crescent|Close)(?-u:\b)".to_string()
}

/// A time of day after a number: "3 p.m.", "10.30am", "1400 GMT".
static CLOCK_AFTER: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&clock_after_src()).expect("clock regex"));
/// The source of [`CLOCK_AFTER`].
fn clock_after_src() -> String {
    r"(?i)^\s*(?:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)|hrs(?-u:\b)|h(?-u:\b)|gmt(?-u:\b)|utc(?-u:\b)|cet(?-u:\b)|est(?-u:\b)|edt(?-u:\b)|bst(?-u:\b)|o'clock|o’clock|local\s+time)".to_string()
}

/// Phone numbers, masked before numbers are read: "+1 202-555-0143", "(202) 555-0143".
pub(crate) static PHONE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&phone_src()).expect("phone regex"));
/// The source of [`PHONE`].
fn phone_src() -> String {
    r"(?x)
          \+[0-9]{1,3}(?:[\s.-]?\(?[0-9]{1,5}\)?){2,6}
        | (?:(?-u:\b)1[\s.-])?(?:\([0-9]{3}\)\s?|(?-u:\b)[0-9]{3}[\s.-])[0-9]{3}[\s.-][0-9]{4}(?-u:\b)
        ".to_string()
}

/// Words that say a dash between two small numbers is a score, not a range.
static SPORT: LazyLock<Regex> = LazyLock::new(|| build_regex(&sport_src()).expect("sport regex"));
/// The source of [`SPORT`].
fn sport_src() -> String {
    r"(?i)(?-u:\b)(?:won|win|wins|winning|beat|beats|beaten|defeated|defeat|defeats|lost|lose|loses|drew|draw|draws|victory|victories|scored?|scoreline|match|game|final|semi-?final|league|cup|goals?|half-?time|innings|tied|clinched|thrashed|routed|edged|stunned|rout|season)(?-u:\b)".to_string()
}

/// Words that say a "555-0143" is a phone number.
static PHONE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&phone_words_src()).expect("phone-words regex"));
/// The source of [`PHONE_WORDS`].
fn phone_words_src() -> String {
    r"(?i)(?-u:\b)(?:call|calls|phone|tel|telephone|hotline|helpline|dial|fax|contact|text)(?-u:\b)"
        .to_string()
}

static ORDINALS: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&ordinals_src()).expect("ordinal regex"));
/// The source of [`ORDINALS`].
fn ordinals_src() -> String {
    r"(?xi)
          (?-u:\b)(?P<n>[0-9]+)(?P<suf>st|nd|rd|th)(?:[\s-]+(?P<nsup>largest|biggest))?(?-u:\b)
        | (?-u:\b)(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|hundredth)(?:[\s-]+(?P<wsup>largest|biggest))?(?-u:\b)
        | (?-u:\b)(?P<sup>largest|biggest)(?-u:\b)
        | (?-u:\b)(?P<inf>smallest|lowest)(?-u:\b)
        | (?-u:\b)(?-i:No\.)\s?(?P<no>[0-9]{1,2})(?-u:\b)
        ".to_string()
}

const ORDINAL_WORDS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

fn ordinal_word_value(w: &str) -> Option<i64> {
    let w = w.to_ascii_lowercase();
    if let Some(i) = ORDINAL_WORDS.iter().position(|x| *x == w) {
        return Some(i as i64 + 1);
    }
    Some(match w.as_str() {
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "hundredth" => 100,
        _ => return None,
    })
}

/// A number in words: "two hundred and fifty" → 250, "twenty-one" → 21.
pub(crate) fn parse_word_number(s: &str) -> Option<f64> {
    match parse_word_number_prefix(s) {
        Some((v, len)) if len == s.trim_end().len() => Some(v),
        _ => None,
    }
}

/// The longest prefix of `s` that reads as one number in words, as (value, byte length).
///
/// Grammar: units and tens combine ("twenty-one"; not "two three"); "hundred", "dozen" and
/// the scale words multiply; "and" may follow a multiplier ("two hundred and fifty") or come
/// before "a half" ("one and a half million"); "a" only opens "a hundred", "a million", …;
/// "half a million" halves the scale.
pub(crate) fn parse_word_number_prefix(s: &str) -> Option<(f64, usize)> {
    #[derive(PartialEq, Clone, Copy)]
    enum Prev {
        Start,
        Unit,     // 1–9
        Teen,     // 10–19, zero
        Tens,     // 20–90
        Mult,     // hundred, dozen
        Scale,    // thousand, million, …
        And,      // "and" after a multiplier: a unit or tens follows
        AndHalf,  // "and" after a unit: "a half" follows
        A,        // "a" opening "a hundred"
        AHalf,    // "a" in "and a half"
        HalfOpen, // "half" opening "half a million"
        HalfA,    // "a" in "half a million"
        Half,     // "and a half" done
    }
    let bytes = s.as_bytes();
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let mut prev = Prev::Start;
    let mut best = None;
    let mut i = 0;
    loop {
        let ws = i;
        while i < s.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if ws == i {
            break;
        }
        let w = s[ws..i].to_ascii_lowercase();
        let small = match w.as_str() {
            "zero" => Some(0.0),
            "one" => Some(1.0),
            "two" => Some(2.0),
            "three" => Some(3.0),
            "four" => Some(4.0),
            "five" => Some(5.0),
            "six" => Some(6.0),
            "seven" => Some(7.0),
            "eight" => Some(8.0),
            "nine" => Some(9.0),
            "ten" => Some(10.0),
            "eleven" => Some(11.0),
            "twelve" => Some(12.0),
            "thirteen" => Some(13.0),
            "fourteen" => Some(14.0),
            "fifteen" => Some(15.0),
            "sixteen" => Some(16.0),
            "seventeen" => Some(17.0),
            "eighteen" => Some(18.0),
            "nineteen" => Some(19.0),
            "twenty" => Some(20.0),
            "thirty" => Some(30.0),
            "forty" => Some(40.0),
            "fifty" => Some(50.0),
            "sixty" => Some(60.0),
            "seventy" => Some(70.0),
            "eighty" => Some(80.0),
            "ninety" => Some(90.0),
            _ => None,
        };
        let next = if let Some(v) = small {
            let kind = if v >= 20.0 {
                Prev::Tens
            } else if v >= 10.0 || v == 0.0 {
                Prev::Teen
            } else {
                Prev::Unit
            };
            let ok = match prev {
                Prev::Start | Prev::Mult | Prev::Scale | Prev::And => true,
                Prev::Tens => kind == Prev::Unit,
                _ => false,
            };
            if !ok {
                break;
            }
            current += v;
            kind
        } else {
            let scale = match w.as_str() {
                "hundred" => Some(100.0),
                "dozen" => Some(12.0),
                "thousand" => Some(1e3),
                "million" => Some(1e6),
                "billion" => Some(1e9),
                "trillion" => Some(1e12),
                _ => None,
            };
            match (w.as_str(), scale, prev) {
                ("a" | "an", _, Prev::Start) => Prev::A,
                ("a" | "an", _, Prev::AndHalf) => Prev::AHalf,
                ("a" | "an", _, Prev::HalfOpen) => Prev::HalfA,
                ("half", _, Prev::Start) => Prev::HalfOpen,
                ("half", _, Prev::AHalf) => {
                    current += 0.5;
                    Prev::Half
                }
                ("and", _, Prev::Mult | Prev::Scale) => Prev::And,
                ("and", _, Prev::Unit | Prev::Teen | Prev::Tens) => Prev::AndHalf,
                (_, Some(m), p) if m < 1e3 => {
                    // hundred, dozen: multiply the units before them.
                    let base = match p {
                        Prev::Unit | Prev::Teen | Prev::Tens => current,
                        Prev::A => 1.0,
                        Prev::HalfA => 0.5,
                        _ => break,
                    };
                    current = base * m;
                    Prev::Mult
                }
                (_, Some(m), p) => {
                    let base = match p {
                        Prev::Unit | Prev::Teen | Prev::Tens | Prev::Mult | Prev::Half => current,
                        Prev::A => 1.0,
                        Prev::HalfA => 0.5,
                        _ => break,
                    };
                    total += base * m;
                    current = 0.0;
                    Prev::Scale
                }
                _ => break,
            }
        };
        prev = next;
        if matches!(
            prev,
            Prev::Unit | Prev::Teen | Prev::Tens | Prev::Mult | Prev::Scale | Prev::Half
        ) {
            best = Some((total + current, i));
        }
        // Separators: white space or a hyphen.
        let sep = i;
        while i < s.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'-') {
            i += 1;
        }
        if sep == i {
            break;
        }
    }
    best
}

/// A number of [`ATOM`]'s `num` as plain digits with a decimal point: "1,500,000", "1 500 000"
/// and "1.500.000" are "1500000"; the comma of "8,5", "1 500,25" or "1.500,25" (groups after
/// spaces or dots) is a decimal point.
fn plain_number(s: &str) -> Cow<'_, str> {
    // Dots, commas, and anything else (a space): in one pass.
    let (mut dots, mut commas, mut spaced) = (0, false, false);
    for b in s.bytes() {
        match b {
            b'.' => dots += 1,
            b',' => commas = true,
            b'0'..=b'9' => {}
            _ => spaced = true,
        }
    }
    let dotted = dots > 1;
    if !dotted && !commas && !spaced {
        return Cow::Borrowed(s);
    }
    let decimal_comma = spaced || dotted || s.rsplit_once(',').is_some_and(|(_, f)| f.len() < 3);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' => out.push(c),
            '.' if !dotted => out.push(c),
            ',' if decimal_comma => out.push('.'),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// The place of the last significant digit of a plain number (see [`plain_number`]): 100 for
/// "600", 0.1 for "1.1", 1000 for "2000".
fn precision_of(s: &str) -> f64 {
    if let Some((_, frac)) = s.split_once('.') {
        return 10f64.powi(-(frac.len() as i32));
    }
    let zeros = s.bytes().rev().take_while(|&b| b == b'0').count();
    if zeros == s.len() {
        1.0
    } else {
        10f64.powi(zeros as i32)
    }
}

/// The precision of a whole number given as a value (for numbers in words).
fn precision_of_value(v: f64) -> f64 {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return (v.abs() / 10.0).max(1e-9);
    }
    precision_of(&format!("{}", v as i64))
}

fn scale_of(s: &str) -> f64 {
    match s.to_ascii_lowercase().as_str() {
        "thousand" | "thousands" | "k" => 1e3,
        "million" | "millions" | "m" | "mn" | "mln" => 1e6,
        "billion" | "billions" | "bn" | "bln" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        _ => 1.0,
    }
}

/// A share as a percentage: "a quarter" → 25, "two-thirds" → 66.7, "one in five" → 20.
fn fraction_value(s: &str) -> Option<f64> {
    let s = s.to_ascii_lowercase().replace('-', " ");
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s == "half" {
        return Some(50.0);
    }
    let (a, b) = if let Some((a, b)) = s.split_once(" out of ") {
        (
            a.to_string(),
            super::trim_start_str(b, "every ").to_string(),
        )
    } else if let Some((a, b)) = s.split_once(" in ") {
        (
            a.to_string(),
            super::trim_start_str(b, "every ").to_string(),
        )
    } else {
        let (a, b) = s.split_once(' ')?;
        let den = match b.trim_end_matches('s') {
            "half" | "halve" => 2.0,
            "third" => 3.0,
            "quarter" | "fourth" => 4.0,
            "fifth" => 5.0,
            "sixth" => 6.0,
            "seventh" => 7.0,
            "eighth" => 8.0,
            "ninth" => 9.0,
            "tenth" => 10.0,
            _ => return None,
        };
        let num = if a == "a" { 1.0 } else { parse_word_number(a)? };
        return (num < den).then_some(100.0 * num / den);
    };
    let num = crate::float::parse(&a).or_else(|| parse_word_number(&a))?;
    let den = match b.as_str() {
        "hundred" => 100.0,
        _ => crate::float::parse(&b).or_else(|| parse_word_number(&b))?,
    };
    (den > 1.0 && num >= 1.0 && num < den).then_some(100.0 * num / den)
}

fn currency_code(symbol: &str) -> &'static str {
    // The commonest, without the work below.
    match symbol.trim_end() {
        "$" => return "USD",
        "€" => return "EUR",
        "£" => return "GBP",
        _ => {}
    }
    let s = symbol.trim().to_ascii_lowercase();
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let last = s.rsplit(' ').next().unwrap_or("");
    // A sign or code ("u.s. $" as "u.s.$"), else the last word of a name ("British pounds"):
    // found as a word of the table, whose line starts with the code.
    let code = |key: &str| {
        let table = CURRENCIES.as_bytes();
        if key.is_empty() {
            return None;
        }
        CURRENCIES.match_indices(key).find_map(|(at, _)| {
            let end = at + key.len();
            (at > 0 && table[at - 1] == b' ' && matches!(table.get(end), Some(b' ' | b'\n'))).then(
                || {
                    let line = CURRENCIES[..at].rfind('\n').map_or(0, |i| i + 1);
                    &CURRENCIES[line..line + 3]
                },
            )
        })
    };
    let compact = if s.contains(' ') {
        Cow::Owned(s.replace(' ', ""))
    } else {
        Cow::Borrowed(s.as_str())
    };
    if let Some(code) = code(&compact) {
        return code;
    }
    if last.starts_with("dollar") {
        return if s.starts_with("australian") {
            "AUD"
        } else if s.starts_with("canadian") {
            "CAD"
        } else if s.starts_with("hong kong") {
            "HKD"
        } else if s.starts_with("singapore") {
            "SGD"
        } else if s.starts_with("new zealand") {
            "NZD"
        } else if s.starts_with("taiwan") {
            "TWD"
        } else {
            "USD"
        };
    }
    code(last).unwrap_or("USD")
}

/// Each currency's ISO code (three letters), then its signs, codes and the last words of its
/// names, in lower case, one space apart, for [`currency_code`] (a table: the wasm is smaller
/// than with a `match`).
const CURRENCIES: &str = super::packed!(
    "USD $ us$ u.s.$ usd cent cents",
    "AUD a$ au$ aud",
    "CAD c$ ca$ cad",
    "HKD hk$ hkd",
    "NZD nz$ nzd",
    "SGD s$ sgd",
    "BRL r$ brl",
    "EUR € eur euro euros",
    "GBP £ gbp pound pounds sterling",
    "JPY ¥ jpy yen",
    "KZT ₸ kzt tenge",
    "INR ₹ inr rupee rupees",
    "RUB ₽ rub ruble rubles rouble roubles",
    "KRW ₩ krw",
    "TRY ₺ try lira",
    "CNY cny rmb yuan renminbi",
    "CHF chf franc francs",
    "AED aed dirham dirhams",
    "SAR sar riyal riyals",
);

/// Words that end a counted-noun search: function words and common verbs.
fn is_stop(w: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(STOP_WORDS));
    SET.contains(w)
}

/// The words of [`is_stop`].
const STOP_WORDS: &str = super::packed![
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "and",
    "or",
    "nor",
    "the",
    "a",
    "an",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "from",
    "by",
    "with",
    "without",
    "than",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "per",
    "each",
    "more",
    "less",
    "fewer",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "since",
    "into",
    "onto",
    "across",
    "over",
    "under",
    "about",
    "after",
    "before",
    "during",
    "between",
    "among",
    "against",
    "through",
    "while",
    "when",
    "where",
    "but",
    "if",
    "so",
    "up",
    "down",
    "out",
    "off",
    "also",
    "still",
    "now",
    "then",
    "ago",
    "earlier",
    "later",
    "globally",
    "worldwide",
    "percent",
    "cent",
    "times",
    "operate",
    "work",
    "live",
    "do",
    "did",
    "does",
    "not",
    "no",
    "all",
    "some",
    "other",
    "others",
    "such",
    "only",
    "just",
    "it",
    "they",
    "them",
    "we",
    "he",
    "she",
    "you",
    "i",
    "said",
    "says",
    "say",
    "according",
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "week",
    "weeks",
    "decade",
    "decades",
    "hour",
    "hours",
    "minute",
    "minutes",
    "strong",
    "plus",
    "odd",
    "apiece",
    "respectively",
    "alone",
    "too",
    "either",
    "both",
    "there",
    "here",
    "what",
    "how",
    "why",
    "yet",
    "again",
    "ever",
    "already",
    "last",
    "next",
    "away",
    "back",
    "far",
    "long",
    "high",
    "low",
    "higher",
    "lower",
    "died",
    "remain",
    "remained",
    "left",
    "went",
    "came",
    "took",
    "got",
    "became",
    "signed",
    "joined",
    "voted",
    "attended",
    "included",
];

/// Adjectives that may stand between a number and its counted noun ("2,000 new jobs").
fn is_adjective(w: &str) -> bool {
    matches!(
        w,
        "new"
            | "additional"
            | "extra"
            | "foreign"
            | "local"
            | "small"
            | "large"
            | "big"
            | "major"
            | "young"
            | "former"
            | "current"
            | "active"
            | "full-time"
            | "part-time"
            | "civilian"
            | "private"
            | "public"
            | "state-owned"
            | "existing"
            | "separate"
            | "different"
            | "eligible"
            | "undocumented"
            | "unemployed"
            | "elderly"
            | "skilled"
            | "permanent"
            | "temporary"
            | "top"
            | "key"
            | "leading"
            | "senior"
            | "junior"
            | "female"
            | "male"
            | "retired"
            | "wounded"
            | "injured"
            | "missing"
            | "dead"
            | "armed"
            | "registered"
            | "licensed"
            | "displaced"
            | "confirmed"
            | "suspected"
            | "known"
            | "independent"
            | "remaining"
            | "total"
            | "daily"
            | "annual"
            | "monthly"
            | "weekly"
            | "fresh"
            | "old"
            | "young-"
            | "rural"
            | "urban"
            | "domestic"
            | "regional"
            | "national"
            | "international"
            | "federal"
            | "military"
            | "medical"
            | "electric"
            | "nuclear"
            | "solar"
    ) || ["al", "ic", "ive", "ous", "ful", "ish", "ary", "ian"]
        .iter()
        .any(|s| w.len() > s.len() + 3 && w.ends_with(s))
}

/// The SI symbol or unit noun for a unit word: "kilometres" → km, "MW" → MW.
fn unit_symbol(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer" | "kms" => "km",
        "m" | "metres" | "meters" | "metre" | "meter" => "m",
        "cm" | "centimetres" | "centimeters" => "cm",
        "mm" | "millimetres" | "millimeters" => "mm",
        "kg" | "kilograms" | "kilogrammes" | "kilogram" | "kilos" | "kgs" => "kg",
        "g" | "grams" | "grammes" => "g",
        "mg" | "milligrams" => "mg",
        "t" | "tonnes" | "tonne" | "tons" | "ton" => "t",
        "MW" | "mw" | "megawatts" | "megawatt" => "MW",
        "GW" | "gw" | "gigawatts" | "gigawatt" => "GW",
        "kW" | "kw" | "kilowatts" | "kilowatt" => "kW",
        "kWh" | "kwh" => "kWh",
        "MWh" | "mwh" => "MWh",
        "GWh" | "gwh" => "GWh",
        "TWh" | "twh" => "TWh",
        "mph" => "mph",
        "kph" | "km/h" => "km/h",
        "ha" | "hectares" | "hectare" => "ha",
        "km2" | "km²" => "km²",
        "mi" | "miles" | "mile" => "mile",
        "ft" | "feet" | "foot" => "ft",
        "lb" | "lbs" => "lb",
        "bpd" => "bpd",
        _ => return None,
    })
}

/// Singular, lower-case form of a counted noun: "companies" → "company", "people" → "person".
pub fn singular(w: &str) -> String {
    singular_of(w).into_owned()
}

/// [`singular`], borrowed from `w` where it is a slice of it (a lower-case word: most).
pub fn singular_of(w: &str) -> Cow<'_, str> {
    let w = super::lowered(w);
    let fixed = match &*w {
        "people" => Some("person"),
        "children" => Some("child"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "kilometres" | "kilometers" => Some("km"),
        "lives" => Some("life"),
        "wives" => Some("wife"),
        "knives" => Some("knife"),
        "mice" => Some("mouse"),
        "teeth" => Some("tooth"),
        "feet" => Some("foot"),
        "geese" => Some("goose"),
        "analyses" => Some("analysis"),
        "crises" => Some("crisis"),
        "theses" => Some("thesis"),
        "indices" => Some("index"),
        "police" | "staff" | "series" | "species" | "news" | "aircraft" | "sheep" | "fish" => {
            return w
        }
        _ => None,
    };
    if let Some(fixed) = fixed {
        return Cow::Borrowed(fixed);
    }
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() > 1 {
            return Cow::Owned(format!("{stem}y"));
        }
    }
    // The word less its last `n` bytes (ASCII letters).
    fn cut(w: Cow<'_, str>, n: usize) -> Cow<'_, str> {
        match w {
            Cow::Borrowed(b) => Cow::Borrowed(&b[..b.len() - n]),
            Cow::Owned(mut o) => {
                o.truncate(o.len() - n);
                Cow::Owned(o)
            }
        }
    }
    for suf in ["sses", "shes", "ches", "xes", "zes"] {
        if w.ends_with(suf) {
            return cut(w, 2);
        }
    }
    if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > 3
    {
        return cut(w, 1);
    }
    w
}

/// The counted noun or unit after a number: skips up to three capitalised qualifiers ("600
/// American companies") and up to two adjectives ("2,000 new jobs"), and takes the next
/// lower-case word unless it is a function word or a verb. A unit may be glued ("30km") or
/// hyphenated ("a 30-km stretch").
pub(crate) fn counted_noun(rest: &str) -> Option<String> {
    let rest = head(rest, 160);
    if let Some(glued) = rest.strip_prefix('-').or_else(|| {
        rest.starts_with(|c: char| c.is_alphabetic())
            .then_some(rest)
    }) {
        // "600km", "30-km", "5-member": only a unit, or a hyphenated noun, counts.
        let word = super::prefix_while(glued, |c| c.is_alphanumeric() || c == '/' || c == '²');
        let word = word.trim_end_matches('/');
        if let Some(u) = unit_symbol(word) {
            return Some(u.to_string());
        }
        if rest.starts_with('-') {
            let lower = super::lowered(word);
            let next = glued[word.len()..].chars().next();
            if !lower.is_empty()
                && lower.chars().all(|c| c.is_alphabetic())
                && !is_stop(&lower)
                && next != Some('-')
            {
                return Some(singular(&lower));
            }
        }
        return None;
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut words = [""; 8];
    let mut n = 0;
    for w in rest.split_whitespace().take(8) {
        words[n] = w;
        n += 1;
    }
    let words = &words[..n];
    // Two-word units.
    if words.len() >= 2 {
        let (first, second) = (
            super::lowered(words[0]),
            super::lowered(words[1].trim_end_matches([',', '.', ';', ':'])),
        );
        match (&*first, &*second) {
            ("square", "kilometres" | "kilometers" | "km") | ("sq", "km") => {
                return Some("km²".into())
            }
            ("metric", "tons" | "tonnes") => return Some("t".into()),
            ("percentage", "points" | "point") => return Some("percentage point".into()),
            _ => {}
        }
    }
    let mut skipped_caps = 0;
    let mut skipped_adj = 0;
    let mut k = 0;
    while k < words.len() {
        let raw = words[k];
        let w = super::prefix_while(raw, |c| {
            c.is_alphabetic() || c == '-' || c == '/' || c == '²'
        });
        let w = w.trim_end_matches(['-', '/']);
        if w.is_empty() {
            return None;
        }
        let ends_phrase = raw.len() > w.len();
        if let Some(u) = unit_symbol(w).filter(|_| k == 0) {
            return Some(u.to_string());
        }
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
        if cap {
            skipped_caps += 1;
            if skipped_caps > 3 || ends_phrase {
                return None;
            }
            k += 1;
            continue;
        }
        let lower = super::lowered(w);
        if is_stop(&lower) || lower.ends_with("ly") || lower.len() < 2 {
            return None;
        }
        let next_is_noun = !ends_phrase
            && words.get(k + 1).is_some_and(|n| {
                let n = super::prefix_while(n, |c| c.is_alphabetic() || c == '-');
                n.len() >= 2
                    && n.chars().next().is_some_and(char::is_lowercase)
                    && !is_stop(n)
                    && !n.ends_with("ly")
            });
        // An adjective before the noun: a known one, a participle, or a word without a plural
        // ending before one with it ("300 vacant flats").
        let next_plural = next_is_noun
            && words.get(k + 1).is_some_and(|n| {
                let n = n.trim_end_matches(|c: char| !c.is_alphabetic());
                n == "people" || (n.ends_with('s') && !n.ends_with("ss") && n.len() > 3)
            });
        // "people", "children": plural nouns without an -s, never adjectives ("30 million
        // people ranks 50th" counts people).
        let singular_form = (!lower.ends_with('s') || lower.ends_with("ss"))
            && !matches!(&*lower, "people" | "children" | "men" | "women");
        if skipped_adj < 2
            && next_is_noun
            && (is_adjective(&lower) || lower.ends_with("ed") || (next_plural && singular_form))
        {
            skipped_adj += 1;
            k += 1;
            continue;
        }
        // A past tense right after a number is a verb ("600 died"), not a noun.
        if lower.ends_with("ed") && !lower.ends_with("eed") && !next_is_noun {
            return None;
        }
        return Some(singular(&lower));
    }
    None
}

/// What a rank ranks: the next noun ("first Asian country" → country), or the measure after
/// "in" ("50th globally in total GDP" → gdp, "60th in the 2023 Human Development Index" → index).
fn ranked_noun(rest: &str) -> Option<String> {
    // A unit of time is ranked too ("a fifth consecutive month", "the second year"), though a
    // count of it is a duration, not a quantity ([`is_stop`]).
    let is_stop = |w: &str| {
        is_stop(w)
            && !matches!(
                w.strip_suffix('s').unwrap_or(w),
                "year" | "month" | "week" | "day" | "decade" | "hour"
            )
    };
    let rest = head(rest, 200);
    // Words up to the first punctuation mark: "a third term; one …" ranks a term.
    let mut words: Vec<String> = Vec::new();
    for w in rest.split_whitespace().take(7) {
        let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if t.is_empty() {
            break;
        }
        words.push(t.to_string());
        if w.ends_with([',', '.', ';', ':', ')', '!', '?']) {
            break;
        }
    }
    // A punctuation mark right after the ordinal ends it: "came first, ahead of …".
    if rest.starts_with([',', '.', ';', ':', ')']) {
        return None;
    }
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_lowercase();
        if w == "in"
            || w == "globally"
            || w == "worldwide"
            || w == "the"
            || w == "world"
            || w.chars().all(|c| c.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        if w.chars().next().is_some_and(|c| c.is_alphabetic()) && !is_stop(&w) {
            // Skip qualifiers: the ranked noun is the last word of a run before a function word.
            let mut j = i;
            while j + 1 < words.len()
                && !is_stop(&words[j + 1].to_lowercase())
                && words[j + 1]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic())
                && j < i + 3
            {
                j += 1;
            }
            return Some(singular(&words[j]));
        }
        return None;
    }
    None
}

/// How a percent sign or word reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pct {
    None,
    Percent,
    Points,
    Basis,
}

/// One stated number, before ranges and hedges are resolved.
#[derive(Debug, Clone)]
struct Atom {
    /// Span of the atom (currency to currency name).
    start: usize,
    end: usize,
    /// The number as stated, before its scale.
    value: f64,
    precision: f64,
    scale: Option<f64>,
    currency: Option<&'static str>,
    pct: Pct,
    frac: bool,
    /// "50 cents": the value is in hundredths.
    cents: bool,
    /// A hedge after the number ("or more").
    post: Hedge,
    /// Not a figure (a label, a version, a clock time), but kept to pair with a neighbour.
    skip: bool,
    /// A number in words ("three", "ten thousand"): its words are `sent[core.0..core.1]`.
    words: bool,
    core: (usize, usize),
    /// A glued "m" or "b" not read as a scale ("7m" alone reads as metres), with where the atom
    /// ends with it: the scale of a money range's upper end ("$5-7m").
    weak_scale: Option<(f64, usize)>,
}

impl Atom {
    fn scaled(&self) -> (f64, f64) {
        let s = self.scale.unwrap_or(1.0) * if self.cents { 0.01 } else { 1.0 };
        (self.value * s, self.precision * s)
    }
}

/// After a share: "a percent", "of a percent", "a percentage point" ("half a percent",
/// "one-tenth of a percent"), as (points, length in bytes).
fn of_a_percent(rest: &str) -> Option<(bool, usize)> {
    let r = head(rest, 40);
    if !r.trim_start().starts_with(['a', 'o', 'A', 'O']) {
        return None;
    }
    let b = r.as_bytes();
    let mut i = 0;
    let word = |i: &mut usize| -> Option<String> {
        let from = *i;
        while *i < b.len() && ascii_space(b[*i]) {
            *i += 1;
        }
        if *i == from {
            return None;
        }
        let at = *i;
        while *i < b.len() && b[*i].is_ascii_alphabetic() {
            *i += 1;
        }
        Some(r[at..*i].to_ascii_lowercase())
    };
    let mut w = word(&mut i)?;
    if w == "of" {
        w = word(&mut i)?;
    }
    if w != "a" {
        return None;
    }
    let points = match word(&mut i)?.as_str() {
        "percent" => false,
        "per" if word(&mut i)? == "cent" => false,
        "percentage" if word(&mut i)?.starts_with("point") => true,
        _ => return None,
    };
    let after = r[i..].chars().next();
    (!after.is_some_and(|c| c.is_alphanumeric() || c == '_')).then_some((points, i))
}

/// Plurals after "100 m" that are races or lengths, not a count in millions ("the 100m
/// hurdles", "400 m heats").
fn length_plural(after: &str) -> bool {
    const WORDS: &[&str] = &[
        "hurdles",
        "heats",
        "finals",
        "semifinals",
        "races",
        "relays",
        "sprints",
        "laps",
        "lengths",
        "runners",
        "sprinters",
        "swimmers",
        "records",
        "medals",
        "events",
        "intervals",
        "metres",
        "meters",
    ];
    let next = super::prefix_while(after.trim_start(), |c| c.is_ascii_alphabetic());
    WORDS.iter().any(|w| next.eq_ignore_ascii_case(w))
}

/// Whether a glued "m" with nothing counted after it is a million: the number ends a phrase
/// (no word after it but a preposition or conjunction, and no length word: "30m high") and a
/// count or money word comes shortly before ("The population is 20.3m.", "Its budget reached
/// 45m in 2024").
fn million_context(sent: &str, lead: usize, scale_end: usize) -> bool {
    let next = super::prefix_while(sent[scale_end..].trim_start(), |c| c.is_ascii_alphabetic())
        .to_ascii_lowercase();
    if !(next.is_empty()
        || matches!(
            next.as_str(),
            "in" | "on"
                | "at"
                | "and"
                | "or"
                | "but"
                | "by"
                | "last"
                | "this"
                | "next"
                | "a"
                | "per"
                | "as"
                | "after"
                | "before"
                | "since"
                | "than"
                | "according"
        ))
    {
        return false;
    }
    tail(&sent[..lead], 48)
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| super::words(COUNT_WORDS).any(|c| w.eq_ignore_ascii_case(c)))
}

/// Words before a glued "m" that make it a million ([`million_context`]).
const COUNT_WORDS: &str = super::packed![
    "population",
    "people",
    "residents",
    "inhabitants",
    "citizens",
    "users",
    "subscribers",
    "customers",
    "viewers",
    "visitors",
    "tourists",
    "voters",
    "members",
    "followers",
    "downloads",
    "passengers",
    "workers",
    "employees",
    "refugees",
    "migrants",
    "cases",
    "doses",
    "sales",
    "revenue",
    "revenues",
    "budget",
    "profit",
    "profits",
    "cost",
    "costs",
    "funding",
    "worth",
    "valued",
    "debt",
    "debts",
    "turnover",
    "losses",
    "spending",
    "investment",
    "audience",
];

/// A one-sided hedge after a number and its counted noun that ends the phrase: "2,000 troops
/// at least.", "500 people at most", "50 people or more" (`h` starts at the number's end). Up
/// to two words stand between ("800 American workers or more").
fn hedge_after_noun(h: &str) -> Hedge {
    let b = h.as_bytes();
    let mut i = 0;
    for _ in 0..3 {
        if b.get(i) != Some(&b' ') {
            return Hedge::None;
        }
        i += 1;
        let from = i;
        while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'-') {
            i += 1;
        }
        let w = &h[from..i];
        if w == "at" || w == "or" {
            if b.get(i) != Some(&b' ') {
                return Hedge::None;
            }
            let from = i + 1;
            let mut j = from;
            while j < b.len() && b[j].is_ascii_lowercase() {
                j += 1;
            }
            // The hedge ends the phrase: a mark after it, or the end of the sentence.
            let ends = match b.get(j) {
                None => true,
                Some(c) => {
                    matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'"')
                        || h[j..].starts_with('\u{201d}')
                }
            };
            return match (w, &h[from..j]) {
                _ if !ends => Hedge::None,
                ("at", "least") | ("or", "more") => Hedge::AtLeast,
                ("at", "most") | ("or", "fewer" | "less") => Hedge::AtMost,
                _ => Hedge::None,
            };
        }
        // A noun (or "of us": "20 of us at most"), not a mark or a name.
        if w.len() < 2 {
            return Hedge::None;
        }
        // "2,000 troops, at least."
        if b.get(i) == Some(&b',') {
            i += 1;
        }
    }
    Hedge::None
}

/// Whether `s` ends with a short scale glued to a number ("$5m", "10bn", "50k"): a hyphen after
/// it joins a range ("$5m-7m"), not a name and a number ("COVID-19").
fn scale_suffix_before(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word = &s[s.len() - letters..];
    letters > 0
        && b.len() > letters
        && b[b.len() - letters - 1].is_ascii_digit()
        && ["m", "bn", "b", "k", "mn", "mln", "bln", "tn", "trn"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// The last character of `s` that is not white space.
fn last_before(s: &str) -> Option<char> {
    s.trim_end().chars().next_back()
}

/// The first character of `s` that is not white space.
fn first_after(s: &str) -> Option<char> {
    s.trim_start().chars().next()
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The number itself in an [`ATOM`] match: its digits, fraction or number words.
fn atom_core<'h>(c: &super::pattern::Captures<'_, 'h>) -> Option<super::pattern::Match<'h>> {
    use atom_group as g;
    c.get(g::NUM)
        .or_else(|| c.get(g::FRAC))
        .or_else(|| c.get(g::WORDS))
        .or_else(|| c.get(g::HALFW))
}

/// Reads one atom from a regex match; `None` when it is not a number at all.
fn read_atom(sent: &str, c: &super::pattern::Captures, sentence_start: usize) -> Option<Atom> {
    use atom_group as g;
    let whole = c.get(0)?;
    let cur = c.get(g::CUR);
    let mut end = whole.end();
    let mut skip = false;
    let core = atom_core(c)?;
    let (core_s, mut core_e) = (core.start(), core.end());
    let lead = cur.map(|m| m.start()).unwrap_or(core_s);
    let before = char_before(sent, lead);
    let before2 = before.and_then(|b| char_before(sent, lead - b.len_utf8()));
    let mut start = lead;
    let mut negative = false;
    let (mut value, mut precision, mut frac) = (0.0, 1.0, false);
    let mut drop_suffixes = false;
    let (mut words, mut points, mut weak_scale) = (false, false, None);
    let mut compound_cur = None;

    if let Some(n) = c.get(g::NUM) {
        let text = n.as_str();
        let plain = plain_number(text);
        value = crate::float::parse(&plain)?;
        precision = precision_of(&plain);
        match before {
            Some(b) if b.is_alphanumeric() || b == '_' => skip = true,
            Some('.' | ',' | '/' | ':' | '\\') if before2.is_some_and(|d| d.is_ascii_digit()) => {
                skip = true
            }
            // "COVID-19", "Su-27": not after a scale glued to a number ("$5m-7m"), nor before a
            // currency sign ("£45m-£50m").
            Some('-' | '–' | '‐')
                if cur.is_none()
                    && before2.is_some_and(|d| d.is_alphabetic())
                    && !scale_suffix_before(&sent[..lead - before.map_or(0, char::len_utf8)]) =>
            {
                skip = true
            }
            Some('#' | '@' | '/' | '$' | '&' | '=') => skip = true,
            // "-12%", "−$3.2 billion", "-€500 million".
            Some('-' | '−') if !before2.is_some_and(|d| d.is_alphanumeric()) => {
                negative = true;
                start -= before.map_or(0, char::len_utf8);
            }
            _ => {}
        }
        if cur.is_some() && before == Some('$') {
            skip = true; // "$$$5"
        }
        let after = &sent[core_e..];
        let mut ch = after.chars();
        if let (Some(p), Some(d)) = (ch.next(), ch.next()) {
            if matches!(p, '.' | ',' | ':' | '/') && d.is_ascii_digit() {
                skip = true; // "1,2,3", "3.2.1", "06:06", "24/7"
            }
        }
        if text.len() > 1 && text.starts_with('0') && text.as_bytes()[1].is_ascii_digit() {
            skip = true; // "06", "0600": codes and clock times
        }
        // "1st", "2nd", "3rd", "4th" (and "1ST"): not when a letter or digit follows.
        let b = after.as_bytes();
        let ordinal_suffix = b.len() >= 2
            && matches!(
                [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()],
                [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h']
            )
            && !b.get(2).is_some_and(u8::is_ascii_alphanumeric);
        if ordinal_suffix {
            return None; // an ordinal, read below
        }
        // One group of three after a dot: a thousands dot (European) or a decimal point.
        let one_group = text
            .split_once('.')
            .is_some_and(|(int, frac)| int.len() <= 3 && frac.len() == 3 && !text.starts_with('0'));
        let figure = c.get(g::SCALE).is_none() && c.get(g::PCT).is_none();
        // "€1.200 per square metre", "1.200 euros": 1,200 or a price to the tenth of a cent
        // ("$3.459 a gallon"), not told apart: not read.
        if figure && one_group && (cur.is_some() || c.get(g::CURNAME).is_some()) {
            skip = true;
        }
        if figure && c.get(g::CURNAME).is_none() {
            // A decimal comma only with what makes it a figure ("8,5%", "€3,5 billion"; "1,2
            // and 3" is no number).
            if cur.is_none() && plain.len() == text.len() && text.contains(',') {
                skip = true;
            }
            // "1.200 workers": a thousands dot (European) or 1.2 of a worker, which no count
            // is; not read either way. A measure stays a decimal ("1.250 km"). Three dots or
            // more without a currency: an address ("192.168.100.200").
            if cur.is_none()
                && text.len() >= 5
                && (text.bytes().filter(|&b| b == b'.').count() > 2
                    || one_group
                        && counted_noun(&sent[end..]).is_some_and(|u| unit_symbol(&u).is_none()))
            {
                skip = true;
            }
            // Letters glued to the digits: a unit ("30km") or not a figure ("9am", "5G", "80s").
            if let Some(x) = char_at(sent, end) {
                if x.is_alphabetic() {
                    let word = super::prefix_while(&sent[end..], |c| {
                        c.is_alphanumeric() || c == '/' || c == '²'
                    });
                    if unit_symbol(word.trim_end_matches('/')).is_none() {
                        skip = true;
                    }
                }
            }
        }
        if first_after(&sent[end..]).is_some_and(|c| "aApPhHgGuUcCeEbBoOlL".contains(c))
            && CLOCK_AFTER.is_match(head(&sent[end..], 16))
        {
            skip = true;
        }
        let window = tail(&sent[..lead], 12);
        let t = window.as_bytes();
        let t = &t[..t.len() - t.iter().rev().take_while(|b| ascii_space(**b)).count()];
        let sign_word = |w: &[u8]| {
            t.last()
                .is_some_and(|c| c.to_ascii_lowercase() == w[w.len() - 1])
                && t.len() >= w.len()
                && t[t.len() - w.len()..].eq_ignore_ascii_case(w)
        };
        if let Some(m) = (sign_word(b"minus") || sign_word(b"negative"))
            .then(|| MINUS_BEFORE.captures(window))
            .flatten()
            .and_then(|c| c.name("m"))
        {
            negative = true;
            start = lead - window.len() + m.start();
        }
    } else if let Some(f) = c.get(g::FRAC) {
        let v = fraction_value(f.as_str())?;
        if !share_context(sent, f.start(), f.end(), f.as_str()) {
            return None;
        }
        value = v;
        precision = 5.0;
        frac = true;
        // "half a percent", "one-tenth of a percent": a share of one percent (or point).
        if let Some((pts, len)) = of_a_percent(&sent[f.end()..]) {
            value = v / 100.0;
            precision = 0.05;
            end = f.end() + len;
            drop_suffixes = true;
            if pts {
                frac = false;
                points = true;
            }
        }
    } else if let Some(w) = c.get(g::WORDS).or_else(|| c.get(g::HALFW)) {
        words = true;
        let (v, len) = parse_word_number_prefix(w.as_str())?;
        if len < w.as_str().len() {
            core_e = w.start() + len;
            end = core_e;
            drop_suffixes = true;
        }
        // A lone "one" is rarely a figure ("one of the…"); "zero" neither.
        if v <= 1.0 && (drop_suffixes || c.get(g::SCALE).is_none()) {
            return None;
        }
        value = v;
        precision = precision_of_value(v);
        // A capitalised number word inside a sentence is part of a name ("the Big Three").
        let first_upper = w.as_str().starts_with(|c: char| c.is_uppercase());
        let at_start = sent[sentence_start..w.start()]
            .chars()
            .all(|c| !c.is_alphanumeric());
        if first_upper && !at_start {
            return None;
        }
    }
    // Scale: "m", "k" and "b" only glued to the digits, and "m"/"b" only for money or a plural.
    let mut scale = None;
    if let (Some(s), false) = (c.get(g::SCALE), drop_suffixes) {
        let spaced = c.get(g::SP).is_some_and(|m| !m.as_str().is_empty());
        let lower = s.as_str().to_ascii_lowercase();
        let short = matches!(lower.as_str(), "m" | "k" | "b");
        let plural_next = {
            let next: String = sent[s.end()..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            next == "people" || (next.len() > 3 && next.ends_with('s') && !is_stop(&next))
        };
        let money = cur.is_some() || c.get(g::CURNAME).is_some();
        // "m" is a million for money, before a plural ("5m people", "10 m people": not "the
        // 100m hurdles"), and glued to a count at the end of a phrase ("The population is
        // 20.3m."); else metres ("a 30 m tower", "a 5m wall").
        let ok = match lower.as_str() {
            _ if !short => true,
            "k" => !spaced,
            "m" => {
                money
                    || (plural_next && !length_plural(&sent[s.end()..]))
                    || (!spaced && million_context(sent, lead, s.end()))
            }
            _ => !spaced && money,
        };
        if ok {
            scale = Some(scale_of(&lower));
        } else {
            // Not a scale: the atom ends at the number ("5 m", "a 5m wall" reads as metres).
            if !spaced && lower != "k" {
                weak_scale = Some((scale_of(&lower), s.end()));
            }
            end = core_e;
            drop_suffixes = true;
            if lower == "b" && !spaced {
                skip = true;
            }
        }
    } else if c.get(g::NUM).is_some()
        && c.get(g::PCT).is_none()
        && c.get(g::CURNAME).is_none()
        && sent[end..].starts_with('-')
    {
        // A compound adjective: "$5-million grant", "a 10-million-tonne terminal".
        let word = super::prefix_while(&sent[end + 1..], |c| c.is_ascii_alphabetic());
        let lower = word.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "thousand" | "million" | "billion" | "trillion"
        ) && !sent[end + 1 + word.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            scale = Some(scale_of(&lower));
            end += 1 + word.len();
            // "a 20-million-dollar contract"
            if let Some(rest) = sent[end..].strip_prefix('-') {
                let name = super::prefix_while(rest, |c| c.is_ascii_alphabetic());
                let lower = name.to_ascii_lowercase();
                if matches!(
                    lower.as_str(),
                    "dollar"
                        | "euro"
                        | "pound"
                        | "sterling"
                        | "yen"
                        | "yuan"
                        | "tenge"
                        | "rouble"
                        | "ruble"
                        | "rupee"
                ) && !rest[name.len()..].starts_with(|c: char| c.is_alphanumeric())
                {
                    compound_cur = Some(currency_code(&lower));
                    end += 1 + name.len();
                }
            }
        }
    }
    let pct = match c.get(g::PCT).filter(|_| !drop_suffixes) {
        None if points => Pct::Points,
        None => Pct::None,
        Some(p) => {
            let p = p.as_str().to_ascii_lowercase();
            if p.starts_with("percentage") {
                Pct::Points
            } else if p.starts_with("basis") || p == "bps" {
                Pct::Basis
            } else {
                Pct::Percent
            }
        }
    };
    let mut currency = cur.map(|m| currency_code(m.as_str())).or(compound_cur);
    let mut cents = false;
    if let Some(name) = c.get(g::CURNAME).filter(|_| !drop_suffixes) {
        let lower = name.as_str().to_ascii_lowercase();
        if lower.starts_with("pound") && !lower.contains("sterling") && scale.is_none() {
            // "300 pounds" is a weight; "£300" or "5 million pounds" is money.
            end = name.start();
            end -= sent[..end].len() - sent[..end].trim_end().len();
        } else {
            if lower.starts_with("cent") {
                cents = currency.is_none();
            }
            currency = currency.or(Some(currency_code(&lower)));
        }
    }
    let mut post = Hedge::None;
    let after_end = &sent[end..];
    let maybe_post = after_end.starts_with(['+', '-']) || after_end.starts_with(" or ");
    if let Some(h) = maybe_post
        .then(|| HEDGE_AFTER.captures(head(after_end, 24)))
        .flatten()
    {
        let whole_h = h.get(0).expect("match");
        post = if let Some(o) = h.name("or") {
            Hedge::parse(o.as_str())
        } else if h.name("plus").is_some() {
            Hedge::MoreThan
        } else {
            Hedge::parse(h.name("word").map_or("", |m| m.as_str()))
        };
        if post != Hedge::None {
            end += whole_h.end();
        }
    }
    if c.get(g::NUM).is_some() {
        if last_before(&sent[..lead]).is_some_and(|c| c.is_alphabetic() || "#.§".contains(c))
            && LABEL_BEFORE.is_match(tail(&sent[..lead], 24))
        {
            skip = true;
        }
        if sent[core_e..].starts_with(' ')
            && first_after(&sent[core_e..]).is_some_and(|c| c.is_ascii_uppercase())
            && ADDRESS_AFTER.is_match(head(&sent[core_e..], 80))
        {
            skip = true;
        }
        // A ZIP code after a state: "Washington, DC 20500".
        if core.as_str().len() == 5 && ZIP_BEFORE.is_match(tail(&sent[..lead], 6)) {
            skip = true;
        }
    }
    if negative {
        value = -value;
    }
    Some(Atom {
        start,
        end,
        value,
        precision,
        scale,
        currency,
        pct,
        frac,
        cents,
        post,
        skip,
        words,
        core: (core_s, core_e),
        weak_scale,
    })
}

/// Words after "a third", "a fifth" that make it an ordinal ("for a third day").
const ORDINAL_NOUNS: &str = super::packed![
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "night",
    "nights",
    "session",
    "sessions",
    "quarter",
    "consecutive",
    "successive",
    "straight",
    "time",
    "round",
    "term",
    "season",
];

/// Whether a share word reads as a share here: "a third of the budget", "cut by half", "half
/// the staff" — not "a third term", "the second half", "a quarter century".
fn share_context(sent: &str, start: usize, end: usize, text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains(" in ") || lower.contains(" out of ") {
        return true;
    }
    let prev: String = tail(&sent[..start], 24)
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    if lower == "half"
        && matches!(
            prev.as_str(),
            "first" | "second" | "latter" | "former" | "other" | "back" | "and" | "a" | "one"
        )
    {
        return false;
    }
    if sent[end..].starts_with('-') {
        return false; // "half-time", "a third-party"
    }
    let rest = head(&sent[end..], 40);
    let rest_trim = rest.trim_start();
    if rest_trim.is_empty() || rest_trim.starts_with([',', '.', ';', ':', ')', '!', '?', '—', '–'])
    {
        return true;
    }
    let next: String = rest_trim
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    // "for a third day", "a fifth straight week", "a third time": an ordinal ("cut by a fifth
    // year on year" stays a share).
    if prev != "by" && super::words(ORDINAL_NOUNS).any(|n| n == next) {
        return false;
    }
    match next.as_str() {
        "of" => {
            let after_of: Vec<String> = rest_trim
                .split_whitespace()
                .skip(1)
                .take(2)
                .map(|w| w.to_ascii_lowercase())
                .collect();
            !(after_of.len() == 2
                && matches!(after_of[0].as_str(), "a" | "an")
                && matches!(
                    after_of[1].trim_end_matches([',', '.']),
                    "century" | "hour" | "mile" | "minute" | "second" | "day" | "point"
                ))
        }
        "the" | "its" | "their" | "his" | "her" | "our" | "all" | "those" | "these" | "that"
        | "what" | "this" | "them" | "us" | "majority" | "stake" | "share" | "shares" | "cut"
        | "drop" | "decline" | "increase" | "rise" | "fall" | "reduction" | "discount"
        | "again" | "as" | "in" | "since" | "from" | "to" | "and" | "or" | "than" | "by" => true,
        // A function word after the share ends the phrase: "cut by a fifth during …".
        w if is_stop(w) => true,
        _ => {
            // Another word after a share makes it an ordinal or a compound ("a third term").
            lower == "half" && prev == "by"
        }
    }
}

/// How the gap between two atoms joins them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Dash,
    To,
    And,
    Or,
}

fn join_of(gap: &str) -> Option<Join> {
    if gap.len() > 8 {
        return None;
    }
    match gap.trim().to_ascii_lowercase().as_str() {
        "-" | "–" | "—" | "‐" => Some(Join::Dash),
        "to" => Some(Join::To),
        "and" => Some(Join::And),
        "or" => Some(Join::Or),
        _ => None,
    }
}

/// Appends the numeric mentions of one sentence (relative offsets), skipping spans taken by
/// dates and durations.
pub(super) fn extract(
    sent: &str,
    mut spans: Vec<(usize, usize)>,
    gates: Gates,
    out: &mut Vec<Mention>,
) {
    if gates.phone() {
        spans.extend(PHONE.find_iter(sent).map(|m| (m.start(), m.end())));
    }
    let taken_spans = Taken::new(spans);
    let sentence_start = sent.len() - sent.trim_start().len();

    let mut atoms: Vec<Atom> = Vec::new();
    for c in ATOM.captures_iter(sent) {
        let core = atom_core(&c).expect("core");
        if taken_spans.hits(core.start(), core.end()) {
            continue;
        }
        let Some(mut atom) = read_atom(sent, &c, sentence_start) else {
            continue;
        };
        if taken_spans.hits(atom.start, atom.end) {
            // A date took a part (the scale word or currency name cannot be a date, so this is
            // e.g. "in 2020 5 million"): keep the number alone.
            atom.end = core.end().min(atom.end);
            if taken_spans.hits(atom.start, atom.end) {
                continue;
            }
        }
        atoms.push(atom);
    }
    merge_share_of_scale(sent, &mut atoms);
    // "The army has 2,000 troops at least.", "800 workers or more, the union said": a hedge
    // after a number's noun, before a mark or the sentence's end.
    for a in atoms.iter_mut().filter(|a| a.post == Hedge::None) {
        a.post = hedge_after_noun(&sent[a.end..]);
    }

    let sport = std::cell::OnceCell::new();
    let phoneish = std::cell::OnceCell::new();
    let mut i = 0;
    while i < atoms.len() {
        let a = &atoms[i];
        let window = tail(&sent[..a.start], 48);
        let win_off = a.start - window.len();
        let last = last_before(window);
        let between = matches!(last, Some('n' | 'N' | 'm' | 'M'))
            .then(|| BETWEEN_BEFORE.captures(window))
            .flatten();
        let between_word = between
            .as_ref()
            .and_then(|b| b.name("b"))
            .map(|b| b.as_str().to_ascii_lowercase());
        let ranging = between.as_ref().is_some_and(|b| b.name("rng").is_some());
        let hedge_window = match &between {
            Some(b) => &window[..b.name("rng").or_else(|| b.name("b")).expect("b").start()],
            None => window,
        };
        let hedge_match = last_before(hedge_window)
            .is_some_and(|c| {
                c.is_alphabetic() || matches!(c, '~' | '.' | '<' | '>' | '=' | '≤' | '≥' | '≈')
            })
            .then(|| hedge_before(hedge_window))
            .flatten();
        let hedge = hedge_match
            .map(|h| Hedge::parse(&hedge_window[h.0..h.1]))
            .unwrap_or(Hedge::None);
        let hedge_start = hedge_match.map(|h| win_off + h.0);

        if let Some(b) = atoms.get(i + 1) {
            if let Some(join) = join_of(&sent[a.end..b.start]) {
                let small_ints = a.scale.is_none()
                    && b.scale.is_none()
                    && a.currency.is_none()
                    && b.currency.is_none()
                    && a.pct == Pct::None
                    && b.pct == Pct::None
                    && !a.frac
                    && !b.frac
                    && a.value.fract() == 0.0
                    && b.value.fract() == 0.0;
                let scoreish = join == Join::Dash
                    && small_ints
                    && a.value.abs() <= 30.0
                    && b.value.abs() <= 30.0
                    && *sport.get_or_init(|| SPORT.is_match(sent));
                let phone = join == Join::Dash
                    && small_ints
                    && (100.0..1000.0).contains(&a.value)
                    && (1000.0..10000.0).contains(&b.value)
                    && *phoneish.get_or_init(|| PHONE_WORDS.is_match(sent));
                if a.skip || b.skip || scoreish || phone {
                    i += 2;
                    continue;
                }
                // A percent then an amount ("rose 20% to $5 billion", "fell 3.5% to 1.2 million
                // cars"), or a change then a new level after a verb of change ("rose by 12 to
                // 47", "Support rose 5% to 45%"): two values, not a range; the level's scale,
                // currency or percent does not go to a percent before it.
                let pct_to_level = (a.pct != Pct::None || a.frac)
                    && b.pct == Pct::None
                    && !b.frac
                    && match join {
                        Join::To | Join::Or => true,
                        Join::Dash | Join::And => b.currency.is_some() || b.scale.is_some(),
                    };
                // A range's ends are within a factor of two or so ("rose 5 to 10 percent",
                // "rose three to four times"); a new level is further from the change.
                let change_to_level = join == Join::To
                    && between_word.is_none()
                    && a.scaled().0 > 0.0
                    && b.scaled().0 > 2.0 * a.scaled().0
                    && !times_after(&sent[b.end..])
                    && change_before(sent, hedge_start.unwrap_or(a.start));
                if pct_to_level || change_to_level {
                    if a.pct == Pct::None && !a.frac {
                        atoms[i] = change_takes_level(&atoms[i], &atoms[i + 1]);
                    }
                    emit_single(sent, &atoms[i], hedge, hedge_start, out);
                    i += 1;
                    continue;
                }
                // The scale, currency and percent of one end apply to the other.
                let mut a2 = a.clone();
                let mut b2 = b.clone();
                // "$5-7m", "$5m-7m": a glued "m" ends a money range.
                if b2.scale.is_none()
                    && join == Join::Dash
                    && (a2.currency.is_some() || b2.currency.is_some() || a2.scale.is_some())
                {
                    if let Some((scale, end)) = b2.weak_scale {
                        b2.scale = Some(scale);
                        b2.end = end;
                    }
                }
                // "Two to three million", "Three to four hundred": the lower end in words
                // takes the multiplier of the upper one.
                if a2.words && b2.words && a2.scale.is_none() && b2.scale.is_none() {
                    if let Some(m) = word_range_multiplier(sent, &a2, &b2) {
                        a2.value *= m;
                        a2.precision *= m;
                    }
                }
                if a2.scale.is_none() && b2.scale.is_some() && a2.value.abs() < 1000.0 {
                    a2.scale = b2.scale;
                }
                if b2.scale.is_none() && a2.scale.is_some() && join == Join::Dash {
                    b2.scale = a2.scale;
                }
                let compatible =
                    (a2.currency.is_none() || b2.currency.is_none() || a2.currency == b2.currency)
                        && (a2.pct == Pct::None || b2.pct == Pct::None || a2.pct == b2.pct)
                        && a2.frac == b2.frac;
                if compatible {
                    let cur = a2.currency.or(b2.currency);
                    let pct = if a2.pct == Pct::None { b2.pct } else { a2.pct };
                    a2.currency = cur;
                    b2.currency = cur;
                    a2.pct = pct;
                    b2.pct = pct;
                }
                let (lo, pa) = a2.scaled();
                let (hi, pb) = b2.scaled();
                let is_range = compatible
                    && lo < hi
                    && match join {
                        Join::Dash => between_word.is_some() || hi < lo.abs().max(1.0) * 100.0,
                        Join::To => between_word.as_deref() != Some("from") || ranging,
                        Join::And => between_word.as_deref() == Some("between"),
                        Join::Or => true,
                    };
                if is_range {
                    let start = match (&between, hedge_start) {
                        (Some(bw), _) if between_word.as_deref() == Some("between") => {
                            win_off + bw.name("b").expect("b").start()
                        }
                        (_, Some(h)) => h,
                        _ => a.start,
                    };
                    let precision = pa.min(pb);
                    let amount = Amount {
                        value: (lo + hi) / 2.0,
                        low: Some(lo),
                        high: Some(hi),
                        bound: Bound::Range,
                        precision: if precision > 0.0 { precision } else { 1.0 },
                        below_near: false,
                    };
                    let end = b2.end;
                    let value = make_value(sent, &b2, amount, end);
                    out.push(Mention {
                        start,
                        end,
                        sentence: 0,
                        value,
                    });
                    i += 2;
                    continue;
                }
                if join == Join::Dash {
                    // "3-1", "50-50", "2019-18": not a range and not two figures.
                    i += 2;
                    continue;
                }
                // Two values ("rose from 3 to 5 million"): the first takes the second's scale.
                if compatible && join == Join::To {
                    atoms[i] = a2;
                }
            }
        }
        emit_single(sent, &atoms[i], hedge, hedge_start, out);
        i += 1;
    }
    if gates.ordinals() {
        find_ordinals(sent, &taken_spans, out);
    }
    if gates.multiples() {
        find_multiples(sent, &taken_spans, out);
    }
}

/// Appends the mention of one atom alone (not a range), with the hedge before it or, without
/// one, the hedge after it.
#[inline]
fn emit_single(
    sent: &str,
    a: &Atom,
    hedge: Hedge,
    hedge_start: Option<usize>,
    out: &mut Vec<Mention>,
) {
    if a.skip {
        return;
    }
    let h = if hedge != Hedge::None { hedge } else { a.post };
    let (v, p) = a.scaled();
    let amount = h.apply(v, p);
    let start = hedge_start.unwrap_or(a.start);
    let value = make_value(sent, a, amount, a.end);
    out.push(Mention {
        start,
        end: a.end,
        sentence: 0,
        value,
    });
}

/// A change before its new level ("rose by 5 to $85", "grew by 2 to 12 million", "was cut by
/// 0.5 to 14.75 percent"): the change takes the level's currency, its scale (a change under
/// 1,000 before a scaled level) and, before a percent, reads as percentage points.
fn change_takes_level(a: &Atom, b: &Atom) -> Atom {
    let mut a = a.clone();
    if a.currency.is_none() && a.pct == Pct::None && !a.frac {
        a.currency = b.currency;
    }
    if a.scale.is_none() && b.scale.is_some() && a.value.abs() < 1000.0 {
        a.scale = b.scale;
    }
    if a.pct == Pct::None && a.currency.is_none() && !a.frac {
        a.pct = match b.pct {
            Pct::Percent | Pct::Points => Pct::Points,
            p => p,
        };
    }
    a
}

/// "times" or "-fold" after a number: "rose 5 to 10 times" is a range of multiples.
fn times_after(rest: &str) -> bool {
    let r = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '-');
    let w = super::prefix_while(r, |c| c.is_ascii_alphabetic());
    w.eq_ignore_ascii_case("times") || w.eq_ignore_ascii_case("fold")
}

/// Verbs of change that report a change, then the new level, before "X to Y" ("rose 5% to
/// 45%", "rose by 12 to 47", "was cut by 0.5 to 14.75 percent"): past tense, participle, and
/// the present of headlines ("rises"). The plain verb is left out: "expected to rise 3% to 5%"
/// and "will grow by 2 to 3 percent" give a range.
const CHANGE_VERBS: &str = super::packed![
    "rose",
    "rises",
    "risen",
    "fell",
    "falls",
    "fallen",
    "grew",
    "grows",
    "grown",
    "jumped",
    "jumps",
    "climbed",
    "climbs",
    "dropped",
    "drops",
    "declined",
    "declines",
    "increased",
    "increases",
    "decreased",
    "decreases",
    "gained",
    "gains",
    "slid",
    "slides",
    "slipped",
    "slips",
    "surged",
    "surges",
    "soared",
    "soars",
    "tumbled",
    "tumbles",
    "plunged",
    "plunges",
    "plummeted",
    "plummets",
    "sank",
    "sinks",
    "sunk",
    "dipped",
    "dips",
    "edged",
    "advanced",
    "advances",
    "retreated",
    "rallied",
    "slumped",
    "slumps",
    "expanded",
    "expands",
    "shrank",
    "shrunk",
    "shrinks",
    "contracted",
    "added",
    "adds",
    "shed",
    "sheds",
    "cut",
    "cuts",
    "raised",
    "raises",
    "lowered",
    "lowers",
    "reduced",
    "reduces",
    "boosted",
    "trimmed",
    "slashed",
    "hiked",
    "widened",
    "narrowed",
    "rebounded",
    "recovered",
    "eased",
    "eases",
    "spiked",
    "leapt",
    "leaped",
    "ticked",
    "inched",
    "moved",
    "went",
];

/// Whether a verb of change ([`CHANGE_VERBS`]) comes right before `pos` (the number or its
/// hedge), through "by" (and up to three words of its object: "cut its base rate by"), an
/// adverb ("sharply") and "up"/"down"/"higher"/"lower" ("edged up"); not after a modal, "to"
/// or "be" ("could be cut by 0.5 to 1 point").
fn change_before(sent: &str, pos: usize) -> bool {
    let window = tail(&sent[..pos], 48);
    if !window.ends_with(|c: char| c.is_whitespace()) {
        return false;
    }
    let mut words = window
        .split_whitespace()
        .rev()
        .map(|w| w.to_ascii_lowercase());
    let mut w = words.next().unwrap_or_default();
    // After "by", the verb may have its object between ("cut its base rate by 0.25 to").
    let mut reach = 1;
    if w == "by" {
        w = words.next().unwrap_or_default();
        reach = 4;
    }
    if matches!(w.as_str(), "up" | "down" | "higher" | "lower") {
        w = words.next().unwrap_or_default();
    }
    if w.len() > 4 && w.ends_with("ly") && w.bytes().all(|b| b.is_ascii_alphabetic()) {
        w = words.next().unwrap_or_default();
    }
    while !super::words(CHANGE_VERBS).any(|v| v == w) {
        reach -= 1;
        if reach == 0 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        w = words.next().unwrap_or_default();
    }
    !words.next().is_some_and(|p| {
        matches!(
            p.as_str(),
            "to" | "be"
                | "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "should"
                | "shall"
                | "must"
        )
    })
}

/// The multiplier a number in words at the low end of a range takes from the high end ("two to
/// three million" → a million; "three to four hundred thousand" → a hundred thousand): the
/// largest product of the high end's last scale words that keeps the low end below it. `None`
/// when the low end has a scale word of its own ("two hundred to three hundred").
fn word_range_multiplier(sent: &str, a: &Atom, b: &Atom) -> Option<f64> {
    let scale = |w: &str| match w.to_ascii_lowercase().as_str() {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    };
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    if split(&sent[a.core.0..a.core.1])
        .iter()
        .any(|w| scale(w).is_some() || w.eq_ignore_ascii_case("dozen"))
    {
        return None;
    }
    let mut best = None;
    let mut m = 1.0;
    for w in split(&sent[b.core.0..b.core.1]).iter().rev() {
        let Some(s) = scale(w) else { break };
        m *= s;
        if a.value * m < b.value {
            best = Some(m);
        }
    }
    best
}

/// "a quarter of a million people", "two thirds of a billion dollars": a share of a scale word
/// is one amount (the share times the scale, with the scale's currency), not a percent and a
/// million.
fn merge_share_of_scale(sent: &str, atoms: &mut Vec<Atom>) {
    let mut k = 0;
    while k + 1 < atoms.len() {
        let (a, b) = (&atoms[k], &atoms[k + 1]);
        let share = a.frac && !a.skip && a.pct == Pct::None && a.end <= b.start && {
            let t = sent[a.start..a.end].to_ascii_lowercase();
            !t.contains(" in ") && !t.contains(" out ")
        };
        let of_a = share
            && b.words
            && sent[a.end..b.start].trim().eq_ignore_ascii_case("of")
            && {
                let w = sent[b.core.0..b.core.1].to_ascii_lowercase();
                w.starts_with("a ") || w.starts_with("an ") || w.starts_with("one ")
            }
            && [1e2, 1e3, 1e6, 1e9, 1e12].contains(&b.scaled().0);
        if of_a {
            let v = a.value / 100.0 * b.scaled().0;
            let merged = Atom {
                start: a.start,
                value: v,
                precision: precision_of_value(v.round()),
                scale: None,
                frac: false,
                cents: false,
                skip: false,
                core: (a.core.0, b.core.1),
                ..b.clone()
            };
            atoms[k] = merged;
            atoms.remove(k + 1);
        }
        k += 1;
    }
}

/// Appends the ordinals and ranks of one sentence, outside `taken_spans` (dates, durations,
/// phone numbers) and the numbers found.
fn find_ordinals(sent: &str, taken_spans: &Taken, out: &mut Vec<Mention>) {
    let numeric = Taken::new(out.iter().map(|m| (m.start, m.end)).collect());
    let mut ordinals = Vec::new();
    for c in ORDINALS.captures_iter(sent) {
        let m = c.get(0).expect("match");
        if taken_spans.hits(m.start(), m.end()) || numeric.hits(m.start(), m.end()) {
            continue;
        }
        let value = if let Some(n) = c.name("n") {
            // "1th" and "2st" are not ordinals; glued to a word ("A1st") neither.
            let Ok(v) = n.as_str().parse::<i64>() else {
                continue;
            };
            let suf = c
                .name("suf")
                .map_or("", |s| s.as_str())
                .to_ascii_lowercase();
            let want = match (v % 100, v % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            if suf != want || char_before(sent, m.start()).is_some_and(char::is_alphanumeric) {
                continue;
            }
            v
        } else if let Some(w) = c.name("w") {
            let word = w.as_str();
            let before = tail(&sent[..m.start()], 12).to_ascii_lowercase();
            let after = head(&sent[m.end()..], 12).to_ascii_lowercase();
            // "at first", "first of all", a capitalised "First Lady", a discourse "First, …".
            if before.trim_end().ends_with(" at")
                || before.trim_end() == "at"
                || after.starts_with(" of all")
                || (word.starts_with(|c: char| c.is_uppercase())
                    && !sent[..m.start()].trim().is_empty()
                    && !sent[..m.start()].trim_end().ends_with(['"', '“', '(', ':']))
                || (sent[..m.start()].trim().is_empty() && after.starts_with(','))
            {
                continue;
            }
            match ordinal_word_value(word) {
                Some(v) => v,
                None => continue,
            }
        } else if let Some(n) = c.name("no") {
            // "the No. 1 exporter": a rank only before a lower-case noun.
            let next = head(&sent[m.end()..], 4).trim_start();
            if !next.starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            match n.as_str().parse() {
                Ok(v) => v,
                Err(_) => continue,
            }
        } else if c.name("inf").is_some() {
            // "the smallest": the last rank, counted from the end.
            -1
        } else {
            1
        };
        let noun = ranked_noun(&sent[m.end()..]).unwrap_or_default();
        ordinals.push(Mention {
            start: m.start(),
            end: m.end(),
            sentence: 0,
            value: Value::Ordinal(value, noun),
        });
    }
    out.extend(ordinals);
}

/// The words before a superlative or an ordinal (`before`, up to it) put it over a group, not
/// one member: "one of the largest exporters", "among the world's biggest lenders", "one of the
/// first countries to sign", "the three largest banks". Such a rank is not the group's first:
/// it compares only with another rank of a group ("among the biggest"), never with one member's
/// ("the fifth-largest", "the largest").
pub(crate) fn ranks_a_group(before: &str) -> bool {
    let mut words = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty());
    let mut word = words.next().unwrap_or("");
    // A count: "the three largest", "Europe's 10 biggest".
    let counted = ((1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()))
        || [
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        ]
        .iter()
        .any(|n| word.eq_ignore_ascii_case(n));
    if counted {
        word = words.next().unwrap_or("");
    }
    let possessive = word.ends_with("'s") || word.ends_with("’s");
    if !(possessive
        || ["the", "its", "their", "our", "his", "her"]
            .iter()
            .any(|d| word.eq_ignore_ascii_case(d)))
    {
        return false;
    }
    if counted {
        return true;
    }
    word = words.next().unwrap_or("");
    // "the world's biggest": the possessive's own "the".
    if possessive && word.eq_ignore_ascii_case("the") {
        word = words.next().unwrap_or("");
    }
    word.eq_ignore_ascii_case("among")
        || word.eq_ignore_ascii_case("amongst")
        || word.eq_ignore_ascii_case("of")
            && words.next().is_some_and(|w| w.eq_ignore_ascii_case("one"))
}

/// Appends the multiples of one sentence ("doubled", "tripled": a change by a factor, counted in
/// "fold"), outside `taken_spans` and the mentions found.
fn find_multiples(sent: &str, taken_spans: &Taken, out: &mut Vec<Mention>) {
    let taken_now = Taken::new(out.iter().map(|m| (m.start, m.end)).collect());
    for m in MULTIPLES.find_iter(sent) {
        if taken_spans.hits(m.start(), m.end()) || taken_now.hits(m.start(), m.end()) {
            continue;
        }
        let w = m.as_str().to_ascii_lowercase();
        let factor = if w.starts_with("doubl") {
            2.0
        } else if w.starts_with("tripl") || w.starts_with("trebl") {
            3.0
        } else if w.starts_with("quadrupl") {
            4.0
        } else {
            0.5
        };
        out.push(Mention {
            start: m.start(),
            end: m.end(),
            sentence: 0,
            value: Value::Quantity(Amount::exact(factor, 1.0), "fold".to_string()),
        });
    }
}

static MULTIPLES: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&multiples_src()).expect("multiples regex"));
/// The source of [`MULTIPLES`].
fn multiples_src() -> String {
    r"(?i)(?-u:\b)(?:doubled|doubling|tripled|tripling|trebled|quadrupled|halved)(?-u:\b)"
        .to_string()
}

/// The value of a numeric mention: money, percent, points, a quantity or a bare number.
fn make_value(sent: &str, a: &Atom, amount: Amount, end: usize) -> Value {
    if let Some(cur) = a.currency {
        return Value::Money(amount, cur.to_string());
    }
    match a.pct {
        Pct::Percent => return Value::Percent(amount),
        Pct::Points => return Value::Quantity(amount, "percentage point".into()),
        Pct::Basis => return Value::Quantity(amount, "basis point".into()),
        Pct::None => {}
    }
    if a.frac {
        return Value::Percent(amount);
    }
    let rest = &sent[end..];
    if let Some(n) = rest
        .trim_start()
        .strip_prefix("pounds")
        .or_else(|| rest.trim_start().strip_prefix("pound"))
    {
        if !n.starts_with(|c: char| c.is_alphanumeric()) && rest.starts_with(' ') {
            return Value::Quantity(amount, "lb".into());
        }
    }
    match counted_noun(rest) {
        Some(unit) => Value::Quantity(amount, unit),
        None => Value::Number(amount),
    }
}

/// The source of every pattern here, by name (for the engine's tests).
pub(super) fn pattern_sources() -> Vec<(&'static str, String)> {
    vec![
        ("ATOM", atom_src()),
        ("HEDGE_BEFORE", hedge_before_src()),
        ("BETWEEN_BEFORE", between_before_src()),
        ("MINUS_BEFORE", minus_before_src()),
        ("ZIP_BEFORE", zip_before_src()),
        ("HEDGE_AFTER", hedge_after_src()),
        ("LABEL_BEFORE", label_before_src()),
        ("ADDRESS_AFTER", address_after_src()),
        ("CLOCK_AFTER", clock_after_src()),
        ("PHONE", phone_src()),
        ("SPORT", sport_src()),
        ("PHONE_WORDS", phone_words_src()),
        ("ORDINALS", ordinals_src()),
        ("MULTIPLES", multiples_src()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts for the number pattern's shortcut: the corpus and test cases' lines, and random
    /// runs of numbers, white space and the words that can go on a number (each in three cases),
    /// with the chars that fold to ASCII letters and the spaces outside ASCII.
    fn shortcut_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["corpus", "tests/cases", "tests/devset"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.extend(t.lines().map(str::to_string));
                }
            }
        }
        assert!(texts.len() > 1000, "the corpus and cases are there");
        let numbers = concat!(
            "1|12|123|1234|1,234|12,345,678|1,2345|1234,567|12.5|1.|1.2.3|007|",
            "1,234.56|,5|1,23|5|2024",
        );
        let numbers: Vec<&str> = numbers.split('|').collect();
        let spaces = [
            " ", "", "  ", "\t", "\n", "\u{a0}", "\u{2009}", " \u{85}", "-", ", ",
        ];
        // Every word of what can go on a number, and without its last letter ("dollars?").
        let mut vocabulary: Vec<&str> = Vec::new();
        for src in [SCALE_AFTER, PCT_AFTER, CUR_NAME] {
            for w in src
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 1)
            {
                vocabulary.extend([w, &w[..w.len() - 1]]);
            }
        }
        let others = concat!(
            "in|out of|out|of|every|five|tonnes|people|percentage-points|",
            "percentage points|per cent|per  cent|percentages|\u{212a}|",
            "thou\u{17f}and|U.S.|U.S. dollars|u.s|US|%|dollars|Hong Kong dollars|",
            "hong|pc2|m2|m|bn.|bnx|k|K|b|million|millions|basis points|bps|",
            "pounds sterling|try|Try|USD|usd|KZT|rmb|RMB|new|New Zealand|zealand|a|",
            "half|the|and|x|_|é|1|twenty|percentage point|percentage  points|",
            "percentage\tpoints|percentage pointsx|percentage point_|percentage point’s|",
            "percentage\u{a0}points|percentage–points|% of|%%|% %|percent percent|percent %|",
            "million percent|million %|million%|bn euros|m dollars|Million|per cent|",
            "million euros|billion U.S. dollars|percent dollars|% dollars|% US|% U.S.|",
            "million people|percent of|% é|million é|million\u{a0}people|percent’s|bn’",
        );
        // Currency signs before the numbers: the prefixes of one char, and others.
        let signs = [
            "", "", "", "", "$", "€", "£", "¥", "₸", "₹", "₽", "₩", "₺", "US$", "$ ", "€€", "A$",
            "$$", "USD", "x$",
        ];
        let mut words: Vec<String> = Vec::new();
        for w in vocabulary.into_iter().chain(others.split('|')) {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            let mut c = w.chars();
            words.push(
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect()),
            );
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut pick = |n: usize| crate::extract::test_pick(&mut seed, n);
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..1 + pick(5) {
                t.push_str(signs[pick(signs.len())]);
                t.push_str(numbers[pick(numbers.len())]);
                t.push_str(spaces[pick(spaces.len())]);
                t.push_str(&words[pick(words.len())]);
                t.push_str(spaces[pick(spaces.len())]);
            }
            texts.push(t);
        }
        texts
    }

    /// A hedge written in any case and spacing is the hedge written plainly, and every hedge
    /// [`hedge_before`] finds gives a bound (a hedge without one left "far below 40 percent"
    /// as exactly 40 percent).
    #[test]
    fn hedge_parse_ignores_case_and_spacing() {
        for p in hedge_phrases() {
            let want = Hedge::parse(&p);
            assert_ne!(want, Hedge::None, "{p}");
            for written in [
                p.to_uppercase(),
                format!(" {p} "),
                p.replace(' ', "  "),
                p.replace(' ', "\t"),
                p.replace(' ', "\u{b}"),
                p.replace(' ', "\u{a0}"),
                p.replace(' ', "\n "),
            ] {
                assert_eq!(Hedge::parse(&written), want, "{written:?}");
            }
        }
        assert_eq!(Hedge::parse("more\u{b}than"), Hedge::MoreThan);
        assert_eq!(Hedge::parse("morethan"), Hedge::None);
    }

    /// [`hedge_before`] gives the engine's span on windows before the digits of the case,
    /// corpus and dev set texts, and on random runs of the hedges' words with white space (ASCII
    /// and not), punctuation, "~", "." and other words; ASCII windows are read without it.
    #[test]
    fn hedge_before_agrees_with_the_engine() {
        let engine = build_regex(&hedge_before_src()).expect("hedge regex");
        let by_engine = |w: &str| {
            engine
                .captures(w)
                .and_then(|c| c.get(1))
                .map(|h| (h.start(), h.end()))
        };
        let mut windows: Vec<String> = Vec::new();
        for t in crate::extract::test_texts() {
            for (i, _) in t.match_indices(|c: char| c.is_ascii_digit()) {
                windows.push(crate::extract::tail(&t[..i], 48).to_string());
            }
        }
        let mut words: Vec<String> = Vec::new();
        for p in hedge_phrases() {
            words.extend(p.split(' ').map(String::from));
        }
        words.extend(
            "x|_|a|the|5|some5|approx|c|.|~|~~|é|Kelvin|\u{212a}|mor|oer|than.|of|as|morethan"
                .split('|')
                .map(String::from),
        );
        let spaces = [
            " ", "", "  ", "\t", "\n", "\u{a0}", ", ", ".", "-", " ~", "\r\n",
        ];
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut pick = |n: usize| crate::extract::test_pick(&mut seed, n);
        for _ in 0..30_000 {
            let mut t = String::new();
            for _ in 0..1 + pick(6) {
                let w = &words[pick(words.len())];
                t.push_str(&match pick(3) {
                    0 => w.to_uppercase(),
                    _ => w.clone(),
                });
                t.push_str(spaces[pick(spaces.len())]);
            }
            windows.push(t);
        }
        let (mut found, mut ascii) = (0, 0);
        for w in &windows {
            let want = by_engine(w);
            assert_eq!(hedge_before(w), want, "{w:?}");
            found += usize::from(want.is_some());
            ascii += usize::from(w.is_ascii() && want.is_some());
        }
        assert!(
            found > 5000 && ascii > 3000,
            "{found} hedges, {ascii} in ASCII windows"
        );
    }

    #[test]
    fn atom_shortcut_agrees_with_the_engine() {
        for (n, words) in TAIL_WORDS.iter().enumerate() {
            assert!(n > 0 || words.is_empty(), "no words of no letters");
            assert_eq!(words.len() % n.max(1), 0, "{words}: words of {n} letters");
        }
        let engine = build_regex(&atom_src()).expect("number regex");
        let groups = 2 * engine.capture_names().count();
        let (mut answered, mut declined) = (0, 0);
        // Answers with a currency sign, a scale word, a percent.
        let mut answered_with = [0; 3];
        for t in shortcut_texts() {
            // At every start of a match the engine finds: the shortcut's answer, if any, is it.
            for c in engine.captures_iter(&t) {
                let start = c.get(0).expect("match").start();
                let mut slots = vec![usize::MAX; groups];
                if atom_at_digit(t.as_bytes(), start, &mut slots) {
                    answered += 1;
                    for (k, g) in [atom_group::CUR, atom_group::SCALE, atom_group::PCT]
                        .into_iter()
                        .enumerate()
                    {
                        answered_with[k] += usize::from(slots[2 * g] != usize::MAX);
                    }
                    let want: Vec<usize> = (0..groups / 2)
                        .flat_map(|g| c.get(g).map_or([usize::MAX; 2], |m| [m.start(), m.end()]))
                        .collect();
                    assert_eq!(slots, want, "{t:?} at {start}");
                } else {
                    declined += 1;
                }
            }
            // And the whole iteration with the shortcut is the engine's.
            let spans = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                re.captures_iter(&t)
                    .map(|c| {
                        (0..groups / 2)
                            .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                            .collect()
                    })
                    .collect()
            };
            assert_eq!(spans(&ATOM), spans(&engine), "{t:?}");
        }
        assert!(
            answered > 10_000 && declined > 10_000,
            "{answered} answered, {declined} declined"
        );
        assert!(
            answered_with.iter().all(|&n| n > 500),
            "answered with a sign, scale, percent: {answered_with:?}"
        );
    }

    #[test]
    fn group_ranks() {
        for before in [
            "It is one of the ",
            "Norway is one of the world's ",
            "The bank ranks among the ",
            "Both are among the 10 ",
            "The three ",
            "It is one of Europe's ",
            "It is one of its ",
        ] {
            assert!(ranks_a_group(before), "{before:?}");
        }
        for before in [
            "It is the ",
            "Chile's ",
            "the world's ",
            "Of the ",
            "",
            "In 2024 the ",
        ] {
            assert!(!ranks_a_group(before), "{before:?}");
        }
    }

    #[test]
    fn word_numbers() {
        assert_eq!(parse_word_number("two hundred and fifty"), Some(250.0));
        assert_eq!(parse_word_number("twenty-one"), Some(21.0));
        assert_eq!(parse_word_number("three thousand"), Some(3000.0));
        assert_eq!(parse_word_number("one and a half million"), Some(1.5e6));
        assert_eq!(parse_word_number("half a million"), Some(5e5));
        assert_eq!(parse_word_number("a dozen"), Some(12.0));
        assert_eq!(parse_word_number("banana"), None);
        assert_eq!(parse_word_number_prefix("two and five"), Some((2.0, 3)));
        assert_eq!(parse_word_number_prefix("two three"), Some((2.0, 3)));
    }

    #[test]
    fn atom_groups_are_numbered() {
        use atom_group as g;
        let names: Vec<_> = ATOM.capture_names().collect();
        let numbered = [
            (g::CUR, "cur"),
            (g::HALFW, "halfw"),
            (g::FRAC, "frac"),
            (g::NUM, "num"),
            (g::WORDS, "words"),
            (g::SP, "sp"),
            (g::SCALE, "scale"),
            (g::PCT, "pct"),
            (g::CURNAME, "curname"),
        ];
        assert_eq!(names.len(), numbered.len() + 1);
        for (i, name) in numbered {
            assert_eq!(names[i], Some(name), "group {i}");
        }
    }

    #[test]
    fn precision() {
        assert_eq!(precision_of("600"), 100.0);
        assert_eq!(precision_of("1.1"), 0.1);
        assert_eq!(precision_of(&plain_number("2,000")), 1000.0);
        assert_eq!(precision_of(&plain_number("13,780")), 10.0);
        assert_eq!(precision_of(&plain_number("12\u{a0}000")), 1000.0);
    }

    #[test]
    fn currency_codes() {
        for (symbol, code) in [
            ("$", "USD"),
            ("U.S. $", "USD"),
            ("US$", "USD"),
            ("A$", "AUD"),
            ("€", "EUR"),
            ("₸", "KZT"),
            ("RMB", "CNY"),
            ("euros", "EUR"),
            ("British  pounds sterling", "GBP"),
            ("Hong Kong dollars", "HKD"),
            ("Taiwan dollars", "TWD"),
            ("dollars", "USD"),
            ("Swiss francs", "CHF"),
            ("cents", "USD"),
            ("roubles", "RUB"),
            ("riyals", "SAR"),
            ("TRY", "TRY"),
        ] {
            assert_eq!(currency_code(symbol), code, "{symbol}");
        }
    }

    #[test]
    fn plain_numbers() {
        for (text, plain) in [
            ("2024", "2024"),
            ("4.5", "4.5"),
            ("1,500,000", "1500000"),
            ("1,500,000.25", "1500000.25"),
            ("1 500 000", "1500000"),
            ("1 500 000,25", "1500000.25"),
            ("12\u{a0}000", "12000"),
            ("12\u{202f}000.5", "12000.5"),
            ("8,5", "8.5"),
            ("12,25", "12.25"),
            ("1.500.000", "1500000"),
            ("1.500.000,50", "1500000.50"),
        ] {
            assert_eq!(plain_number(text), plain, "{text}");
        }
    }

    #[test]
    fn fractions() {
        assert_eq!(fraction_value("a quarter"), Some(25.0));
        assert_eq!(fraction_value("two-thirds").map(|v| v.round()), Some(67.0));
        assert_eq!(fraction_value("one in five"), Some(20.0));
        assert_eq!(fraction_value("nine out of 10"), Some(90.0));
    }
}
