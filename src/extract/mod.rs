//! Extraction: a text and its sentences in, [`Mention`]s out.
//!
//! A mention is a span of the text (byte offsets) with a resolved value: a number with the
//! interval its hedge allows ("more than 600" is above 600), an amount of money with its ISO
//! currency, a percentage, a quantity with its counted noun ("600 American companies" → 600
//! `company`), an ordinal or rank, a date or period as an interval of days, a duration, a quote
//! with its speaker, or a named entity.
//!
//! Each kind lives in its own submodule; every pattern is compiled once ([`std::sync::LazyLock`],
//! `build_regex`) by the crate's own engine, [`pattern`] (regex syntax and leftmost-first
//! semantics, for exactly the subset used here; the `regex` crate is only its tests' oracle).
//! Mentions are returned sorted by start, and never overlap within one kind family (a year
//! inside a full date is not also a separate date mention).
//!
//! Extraction is linear in the text: patterns scan each sentence once (the engine memoises what
//! it has tried, so no input makes it backtrack exponentially), every look-around is a bounded
//! window (`head`, `tail`), overlap tests are binary searches (`Taken`), names are resolved
//! through an index of suffixes, and quote marks are paired by forward-only cursors. Word
//! boundaries are ASCII (`(?-u:\b)`), as they were under `regex`, where a Unicode `\b` cost its
//! DFA; the engine's search starts only at ASCII word boundaries for patterns that begin with one.

/// A word list packed into one `&'static str`, each entry followed by `\n` (walk it with
/// [`words`]): a `&[&str]` costs 8 more bytes of wasm data per entry (pointer and length), which
/// gzip poorly. No entry may hold a `\n`.
macro_rules! packed {
    ($($w:literal),* $(,)?) => {
        concat!($($w, "\n"),*)
    };
}
pub(crate) use packed;

/// The entries of a [`packed!`] list, in order.
pub(crate) fn words(list: &'static str) -> impl Iterator<Item = &'static str> + Clone {
    list.split_terminator('\n')
}

/// The char at byte `i` of `s` (a char boundary), an ASCII byte read without decoding: the
/// size-optimised wasm calls a function per char for `chars` and `char_indices`.
pub(crate) fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b as char,
        _ => s[i..].chars().next().unwrap_or('\0'),
    }
}

/// A fixed list of words, looked up by hash (an open-addressed table of their positions in the
/// list): one hash and about one comparison a word, where a `matches!` over a few hundred
/// strings compares by length and bytes, and the size-optimised wasm calls a function for each.
pub(crate) struct WordSet {
    words: Box<[&'static str]>,
    /// Per slot: 1 + a position in `words`, or 0 for none.
    slots: Box<[u16]>,
}

impl WordSet {
    /// The set of `words` (a word listed twice is found at its first position).
    pub(crate) fn new(words: &[&'static str]) -> WordSet {
        assert!(
            words.len() < u16::MAX as usize,
            "a WordSet holds fewer than 65,535 words"
        );
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut set = WordSet {
            words: words.into(),
            slots: vec![0; size].into_boxed_slice(),
        };
        for (i, w) in words.iter().enumerate() {
            let mut s = set.slot(w);
            while set.slots[s] != 0 && set.words[set.slots[s] as usize - 1] != *w {
                s = (s + 1) & (size - 1);
            }
            if set.slots[s] == 0 {
                set.slots[s] = i as u16 + 1;
            }
        }
        set
    }

    /// The set of a [`packed!`] list's words.
    pub(crate) fn of(list: &'static str) -> WordSet {
        WordSet::new(&words(list).collect::<Vec<_>>())
    }

    /// Where a word's search starts (FNV-1a).
    fn slot(&self, w: &str) -> usize {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in w.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        (h ^ (h >> 32)) as usize & (self.slots.len() - 1)
    }

    /// The position of `w` in the list, if it is there.
    pub(crate) fn find(&self, w: &str) -> Option<usize> {
        let mut s = self.slot(w);
        loop {
            let at = self.slots[s] as usize;
            if at == 0 {
                return None;
            }
            if self.words[at - 1] == w {
                return Some(at - 1);
            }
            s = (s + 1) & (self.slots.len() - 1);
        }
    }

    /// Whether `w` is in the list.
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.find(w).is_some()
    }
}

mod date;
mod entity;
mod gate;
mod number;
pub mod pattern;
mod quote;
mod unicode_tables;

pub(crate) use date::int as date_int;
pub use date::{civil_from_days, days_from_civil, Date};
pub use entity::{canonical_entity, EntityType};
pub use number::singular as singular_noun;
pub(crate) use number::singular_of as singular_noun_of;
pub(crate) use number::{parse_word_number, ranks_a_group};

use crate::segment::Sentence;
use serde::{Deserialize, Serialize};

/// How a hedge bounds a value: "more than 600" is `MoreThan`, "about 300" is `About`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// No hedge: "600".
    Exact,
    /// about, around, roughly, some, approximately, almost, nearly, close to.
    About,
    /// more than, over, above, just over.
    MoreThan,
    /// at least.
    AtLeast,
    /// less than, fewer than, under, just under.
    LessThan,
    /// up to, at most.
    AtMost,
    /// between 3 and 5, 3-5, 3 to 5.
    Range,
}

/// A number as stated, with the interval its hedge allows.
///
/// `low`/`high` follow the CLI contract (`None` where unbounded). For comparison,
/// [`Amount::plausible`] gives the interval a careful reader would accept, which is narrower.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The number the text states (the midpoint of a range).
    pub value: f64,
    /// Lower end of the interval, if bounded.
    pub low: Option<f64>,
    /// Upper end of the interval, if bounded.
    pub high: Option<f64>,
    /// The hedge.
    pub bound: Bound,
    /// How finely the number was stated (1e6 for "20 million", 0.1 for "1.1"): rounding slack.
    pub precision: f64,
    /// "almost", "nearly", "just under": below the value but close to it.
    pub below_near: bool,
}

impl Amount {
    /// An exact amount stated to the given precision.
    pub fn exact(value: f64, precision: f64) -> Amount {
        Amount {
            value,
            low: Some(value),
            high: Some(value),
            bound: Bound::Exact,
            precision,
            below_near: false,
        }
    }

    /// The interval a careful reader accepts for this statement, with rounding slack: news
    /// writing says "more than 600" of 630 but not of 6,000, so open ends are closed at 1.5×;
    /// "almost 5" is within 15% below 5; "about 300" within 10% (or the rounding) either side.
    pub fn plausible(&self) -> (f64, f64) {
        let v = self.value.abs();
        // Rounding slack: half the last stated digit, but at most 5% ("600" may be 570 to 630).
        let slack = (self.precision / 2.0).min(v * 0.05).max(v * 0.005);
        match self.bound {
            Bound::Exact => (self.value - slack, self.value + slack),
            // "almost half" is below half: no rounding slack above ("almost half" of 52% is
            // wrong), only the half per cent of a figure's last digits.
            Bound::About if self.below_near => {
                (self.value - (v * 0.15).max(slack), self.value + v * 0.005)
            }
            Bound::About => {
                // "About" allows 7.5% either side: two "about" figures 15% apart still meet.
                let d = (v * 0.075).max(slack);
                (self.value - d, self.value + d)
            }
            Bound::MoreThan | Bound::AtLeast => {
                let lo = self.low.unwrap_or(self.value);
                (lo, lo + (lo.abs() * 0.5).max(slack * 2.0))
            }
            Bound::LessThan | Bound::AtMost => {
                let hi = self.high.unwrap_or(self.value);
                (hi - (hi.abs() * 0.5).max(slack * 2.0), hi)
            }
            Bound::Range => (
                self.low.unwrap_or(self.value) - slack,
                self.high.unwrap_or(self.value) + slack,
            ),
        }
    }

    /// Whether two statements can both be true of one quantity (their plausible intervals meet).
    pub fn compatible(&self, other: &Amount) -> bool {
        let (a0, a1) = self.plausible();
        let (b0, b1) = other.plausible();
        // Open at the ends: "more than 600" (600–900) and "more than 900" (900–1,350) don't meet.
        (a0 < b1 && b0 < a1) || (a0 == b0 && a1 == b1)
    }
}

/// What a mention says, by kind. The kinds are those of the CLI contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A bare number ("twenty", "1.1 billion").
    Number(Amount),
    /// Money: an amount and an ISO 4217 code.
    Money(Amount, String),
    /// A percentage (25 for "25%" or "a quarter" said of a share).
    Percent(Amount),
    /// A count of something: the amount and the counted noun, singular and lower-case.
    Quantity(Amount, String),
    /// An ordinal or rank and what it ranks: "first country" → (1, "country"), "50th globally
    /// in total GDP" → (50, "gdp"), "the largest investor" → (1, "investor").
    Ordinal(i64, String),
    /// A date or period.
    Date(Date),
    /// A duration: the amount in years and its ISO 8601 form (`P30Y`).
    Duration(Amount, String),
    /// Quoted words, their speaker (canonical name, if found) and the reporting verb.
    Quote {
        quote: String,
        speaker: Option<String>,
        verb: Option<String>,
    },
    /// A named entity: canonical name and type.
    Entity { name: String, kind: EntityType },
}

impl Value {
    /// The mention kind of the CLI contract: `number`, `money`, `percent`, ….
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Money(..) => "money",
            Value::Percent(_) => "percent",
            Value::Quantity(..) => "quantity",
            Value::Ordinal(..) => "ordinal",
            Value::Date(_) => "date",
            Value::Duration(..) => "duration",
            Value::Quote { .. } => "quote",
            Value::Entity { .. } => "entity",
        }
    }

    /// The amount of a numeric value (number, money, percent, quantity, duration).
    pub fn amount(&self) -> Option<&Amount> {
        match self {
            Value::Number(a)
            | Value::Money(a, _)
            | Value::Percent(a)
            | Value::Quantity(a, _)
            | Value::Duration(a, _) => Some(a),
            _ => None,
        }
    }
}

/// One mention: a byte span of the text and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// What it says.
    pub value: Value,
}

/// What extraction needs from outside: the article's own date, for relative dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The article's date as days since 1970-01-01, if known.
    pub today: Option<i32>,
}

/// Extracts every mention from `text`, sentence by sentence, sorted by start.
///
/// `context.today` resolves relative dates; when it is `None`, the full date of a date line near
/// the top (a time stamp such as "7 NOV 2025 06:06", a byline, a wire dateline) is used, and
/// without one relative dates have no value.
///
/// Headlines (title-case lines without a full stop) are read for entities last, and only for
/// names the body of the text or the gazetteer knows: "Kazakhstan to Join Abraham Accords, Trump
/// Announces" names Kazakhstan, the Abraham Accords and Trump, not "Join Abraham Accords".
pub fn extract(text: &str, sentences: &[Sentence], context: Context) -> Vec<Mention> {
    extract_in_parts(
        text,
        sentences,
        context,
        crate::parallel::parts_for(text.len()),
    )
}

/// [`extract`], each sentence's own mentions made on `parts` threads (runs of sentences of about
/// equal length); the same result for any `parts`.
pub(crate) fn extract_in_parts(
    text: &str,
    sentences: &[Sentence],
    context: Context,
    parts: usize,
) -> Vec<Mention> {
    let today = context
        .today
        .or_else(|| date::first_full_date(text, sentences));
    let mut found = Vec::new();
    let mut headlines = Vec::new();
    for (mentions, heads) in crate::parallel::for_parts(sentences, parts, |range| {
        sentence_mentions(text, sentences, range, today)
    }) {
        found.push(mentions);
        headlines.extend(heads);
    }
    // With room to spare: headlines' entities and quotes are added after.
    let mut out = crate::parallel::concat(found, false);
    // The quote marks are paired (text alone) while the names are settled.
    let (quotes, ()) = crate::parallel::beside(
        parts,
        || quote::find_quotes(text),
        || settle_names(text, sentences, &headlines, parts, &mut out),
    );
    quote::extract(text, sentences, quotes, parts, &mut out);
    sort_by_start(&mut out);
    // The mentions outlive extraction (claims and the report read them): no spare room.
    out.shrink_to_fit();
    out
}

/// The names of the whole text, settled: headlines' entities (found with the names the text
/// gives; on `parts` threads), full names for short ones, and lone capitalised words that are
/// only a sentence's first word dropped. `out` is sorted by start after.
fn settle_names(
    text: &str,
    sentences: &[Sentence],
    headlines: &[usize],
    parts: usize,
    out: &mut Vec<Mention>,
) {
    if !headlines.is_empty() {
        // Membership only (never iterated into output).
        let mut known = std::collections::HashSet::with_hasher(crate::corpus::FastHash::default());
        for m in out.iter() {
            if let Value::Entity { name, .. } = &m.value {
                known.insert(name.as_str());
                known.insert(&text[m.start..m.end]);
            }
        }
        let runs = crate::parallel::runs_of(headlines.len(), parts);
        let found = crate::parallel::for_ranges(runs, |run| {
            let mut extra = Vec::new();
            for &i in &headlines[run] {
                let s = &sentences[i];
                let lo = out.partition_point(|m| m.sentence < i);
                let hi = out.partition_point(|m| m.sentence <= i);
                let taken = out[lo..hi]
                    .iter()
                    .map(|m| (m.start - s.start, m.end - s.start))
                    .collect();
                for mut m in entity::extract_headline(&text[s.start..s.end], taken, &known) {
                    m.start += s.start;
                    m.end += s.start;
                    m.sentence = i;
                    extra.push(m);
                }
            }
            extra
        });
        out.extend(found.into_iter().flatten());
    }
    sort_by_start(out);
    resolve_names(out);
    // Names in running text, after a word in lower case inside the sentence ("met Tokayev"; not
    // after a dateline, "LAGOS — Foreign direct …"). Membership only (never iterated).
    let mut named = std::collections::HashSet::with_hasher(crate::corpus::FastHash::default());
    for m in out.iter() {
        if matches!(m.value, Value::Entity { .. })
            && text[sentences[m.sentence].start..m.start]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
        {
            named.insert(&text[m.start..m.end]);
        }
    }
    // A lone capitalised word opening a sentence is often just the first word ("Trade between
    // …", "Officials said …"), not a name: a common word is dropped, and an unknown word is kept
    // only when a verb follows it ("Nazarbayev resigned", "Starlink will"), or the text names it
    // where no sentence opens too ("… met Tokayev. Tokayev, 72, …").
    out.retain(|m| match &m.value {
        Value::Entity { name, kind } if !name.contains(' ') => {
            let s = &sentences[m.sentence];
            let surface = &text[m.start..m.end];
            let opening = text[s.start..m.start].chars().all(|c| !c.is_alphanumeric());
            // The first word inside a quote mark opens a sentence too: “Exports will …”.
            let quoted = tail(&text[..m.start], 8)
                .trim_end()
                .ends_with(['“', '"', '‘', '\'', '«', '„', '(']);
            if (opening || quoted) && entity::is_ordinary_opening(surface) {
                return false;
            }
            if *kind != EntityType::Other {
                return true;
            }
            // A headline's verb: "KazMunayGas to Invest £406m in U.S.", "Acme to Cut 300 Jobs".
            // (After one space: a digit, $, £ or ¥ (C2 A3, C2 A5), € or ₸ (E2 82 ..).)
            if text[..m.start].ends_with(" to ")
                && matches!(
                    text.as_bytes()[m.end..],
                    [b' ', b'0'..=b'9' | b'$', ..] | [b' ', 0xC2 | 0xE2, 0xA3 | 0xA5 | 0x82, ..]
                )
            {
                return false;
            }
            if !opening {
                return true;
            }
            let rest = head(&text[m.end..], 40).trim_start();
            let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            // "Tokayev, who has led …": a relative clause follows a person.
            let relative = rest
                .strip_prefix(',')
                .is_some_and(|r| r.trim_start().starts_with("who"));
            // "Putin, however, was sceptical": an aside follows a name.
            let aside = rest.strip_prefix(',').is_some_and(|r| {
                let r = r.trim_start();
                ["however,", "meanwhile,", "though,", "too,"]
                    .iter()
                    .any(|a| r.starts_with(a))
                    // "Tokayev, not Putin, proposed it": the other set aside.
                    || r.starts_with("not ")
            });
            is_verb_like(&next) || relative || aside || named.contains(surface)
        }
        _ => true,
    });
}

/// The mentions that sentences `range` give each by itself (dates, numbers, quantities,
/// entities), in order; and which of them are headlines (title case: their entities are found
/// later, with the names the whole text gives).
fn sentence_mentions(
    text: &str,
    sentences: &[Sentence],
    range: std::ops::Range<usize>,
    today: Option<i32>,
) -> (Vec<Mention>, Vec<usize>) {
    let mut out = Vec::new();
    let mut headlines = Vec::new();
    // One sentence's mentions, reused from sentence to sentence.
    let mut local: Vec<Mention> = Vec::new();
    let mut runs = entity::RunCache::default();
    // Dates without a value (no year to give them), kept from numbers.
    let mut held = Vec::new();
    for i in range {
        let s = &sentences[i];
        if s.junk {
            continue;
        }
        let sent = &text[s.start..s.end];
        local.clear();
        let gates = gate::Gates::of(sent);
        date::extract(sent, today, gates, &mut local, &mut held);
        let dates = local
            .iter()
            .map(|m| (m.start, m.end))
            .chain(held.drain(..))
            .collect();
        number::extract(sent, dates, gates, &mut local);
        if entity::is_title_case(sent) {
            headlines.push(i);
        } else {
            entity::extract(sent, &mut local, &mut runs);
            // In the order the sort below gives (stable, and sentences do not overlap), so that
            // it finds the list sorted but for the headlines, instead of moving every mention.
            sort_by_start(&mut local);
        }
        for m in &mut local {
            m.start += s.start;
            m.end += s.start;
            m.sentence = i;
        }
        out.append(&mut local);
    }
    (out, headlines)
}

/// Sorts mentions by start, the longest first at one start, keeping the order of ties.
pub(crate) fn sort_by_start(list: &mut [Mention]) {
    sort_by_key_if_unsorted(list, |m| (m.start, std::cmp::Reverse(m.end)));
}

/// `list.sort_by_key(key)` (a stable sort), leaving a sorted list as it is without sorting it:
/// the wasm build's std (optimised for size) sorts in n log n steps whatever the order, and most
/// lists sorted here are sorted already.
pub(crate) fn sort_by_key_if_unsorted<T, K: Ord>(list: &mut [T], key: impl Fn(&T) -> K) {
    if list.windows(2).any(|w| key(&w[0]) > key(&w[1])) {
        list.sort_by_key(key);
    }
}

/// A word that reads as the verb after a subject: an auxiliary, a reporting verb, or a past
/// tense or third person form ("resigned", "says").
fn is_verb_like(w: &str) -> bool {
    let first_lower = w.chars().next().is_some_and(char::is_lowercase);
    first_lower
        && (matches!(
            w,
            "is" | "was"
                | "has"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "said"
                | "says"
                | "told"
                | "wrote"
                | "spoke"
                | "won"
                | "ran"
                | "led"
                | "made"
                | "became"
                | "remains"
                | "does"
                | "did"
                | "may"
                | "must"
                | "should"
        ) || (w.len() > 3
            && (w.ends_with("ed")
                || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")))))
}

/// Resolves short names to the fullest name the text gives the same person: "Tokayev" after
/// "Kassym-Jomart Tokayev" (or before it) becomes the full name, and a person. Each full name
/// is indexed by its word suffixes once, so this is linear in the mentions.
fn resolve_names(mentions: &mut [Mention]) {
    // Only looked up, never iterated: a hash map (its order reaches nothing).
    let mut by_suffix: std::collections::HashMap<String, String, crate::corpus::FastHash> =
        std::collections::HashMap::default();
    for m in mentions.iter() {
        if let Value::Entity {
            name,
            kind: EntityType::Person,
        } = &m.value
        {
            if !name.contains(' ') || name.len() > 200 {
                continue;
            }
            for (i, _) in name.match_indices(' ') {
                let suffix = &name[i + 1..];
                match by_suffix.get(suffix) {
                    Some(best) if best.len() >= name.len() => {}
                    _ => {
                        by_suffix.insert(suffix.to_string(), name.clone());
                    }
                }
            }
        }
    }
    if by_suffix.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if let Value::Entity { name, kind } = &mut m.value {
            if *kind == EntityType::Place || *kind == EntityType::Organization {
                continue;
            }
            if let Some(full) = by_suffix.get(name.as_str()) {
                *name = full.clone();
                *kind = EntityType::Person;
            }
        }
    }
}

/// Compiles one of extraction's patterns with the crate's own engine ([`pattern`]).
pub(crate) fn build_regex(pattern: &str) -> Result<pattern::Regex, pattern::Error> {
    pattern::Regex::new(pattern)
}

/// Every pattern extraction compiles, by name, with its source. For the engine's tests
/// (`tests/pattern.rs`), which compare [`pattern`] with the `regex` crate on each.
#[doc(hidden)]
pub fn pattern_sources() -> Vec<(&'static str, String)> {
    let mut all = number::pattern_sources();
    all.extend(date::pattern_sources());
    all.extend(entity::pattern_sources());
    all.extend(quote::pattern_sources());
    all
}

/// `str::trim_end_matches` with a string pattern, by `strip_suffix`: the same result, without
/// building a substring searcher for each call.
pub(crate) trait TrimEndStr {
    fn trim_end_matches_str(&self, suffix: &str) -> &str;
}

impl TrimEndStr for str {
    #[inline]
    fn trim_end_matches_str(&self, suffix: &str) -> &str {
        let mut s = self;
        if suffix.is_empty() {
            return s;
        }
        while let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
        }
        s
    }
}

/// `s.trim_start_matches(prefix)` by `strip_prefix`: the same result, without the generic
/// substring trimmer (728 bytes of wasm) for three calls.
pub(crate) fn trim_start_str<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = s.strip_prefix(prefix).filter(|_| !prefix.is_empty()) {
        s = rest;
    }
    s
}

/// The first at most `n` bytes of `s`, cut at a char boundary.
pub(crate) fn head(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut i = n;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// Where `t` is one of the entries of `list`, which are written between separators, the
/// list's first byte (" a b c ", "|more than|over|"): a word list that takes less code than a
/// `match` of as many strings (the wasm's size budget).
#[inline(never)]
pub(crate) fn listed_at(list: &str, t: &str) -> Option<usize> {
    let l = list.as_bytes();
    let sep = l.first().copied().unwrap_or(b' ');
    // An entry never holds the separator (nor is "#", the groups' mark in some lists).
    if t.is_empty() || t.as_bytes().contains(&sep) || t == "#" {
        return None;
    }
    list.match_indices(t)
        .map(|(at, _)| at)
        .find(|&at| at > 0 && l[at - 1] == sep && l.get(at + t.len()) == Some(&sep))
}

/// Which group of `list` holds the entry `t` ([`listed_at`]), for lists whose groups are parted
/// by "#" entries: 0 for the first.
pub(crate) fn listed_group(list: &str, t: &str) -> Option<usize> {
    listed_at(list, t).map(|at| list[..at].matches('#').count())
}

/// Whether `t` is one of the entries of `list` ([`listed_at`]).
pub(crate) fn is_listed(list: &str, t: &str) -> bool {
    listed_at(list, t).is_some()
}

/// The last at most `n` bytes of `s`, cut at a char boundary.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut i = s.len() - n;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// The longest prefix of `s` whose chars all satisfy `keep` (what `take_while` then `collect`
/// gives, without building it).
pub(crate) fn prefix_while(s: &str, keep: impl Fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// `s.to_lowercase()`, borrowed when that is `s` itself (ASCII without capitals: most words).
pub(crate) fn lowered(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// A test's made-up word: `x` stepped once (a linear congruential generator), then `min` to
/// `min + spread - 1` lower-case ASCII letters drawn from it.
#[cfg(test)]
pub(crate) fn test_letters(x: &mut u32, min: usize, spread: usize) -> String {
    *x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
    let n = min + (*x >> 16) as usize % spread;
    (0..n)
        .map(|k| char::from(b'a' + ((*x >> (k % 4 * 5)) % 26) as u8))
        .collect()
}

/// A test's random pick below `n`: `seed` stepped once (xorshift64), then taken modulo `n`.
#[cfg(test)]
pub(crate) fn test_pick(seed: &mut u64, n: usize) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    (*seed % n as u64) as usize
}

/// The texts the extraction tests run on: the case files, the corpus, the fuzz inputs (when
/// present) and the dev set, each read as UTF-8 (lossily).
#[cfg(test)]
pub(crate) fn test_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [
        "tests/cases",
        "corpus",
        "fuzz/corpus/extract",
        "tests/devset",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let files = texts.len();
    assert!(files > 20, "the case and corpus files were read ({files})");
    texts
}

/// Spans already taken, sorted and merged, for overlap tests in O(log n).
pub(crate) struct Taken {
    spans: Vec<(usize, usize)>,
}

impl Taken {
    pub(crate) fn new(mut spans: Vec<(usize, usize)>) -> Taken {
        if spans.windows(2).any(|w| w[0] > w[1]) {
            spans.sort_unstable();
        }
        // Merged in place: `w` spans kept so far.
        let mut w = 0;
        for i in 0..spans.len() {
            let (s, e) = spans[i];
            if w > 0 && s < spans[w - 1].1 {
                spans[w - 1].1 = spans[w - 1].1.max(e);
            } else {
                spans[w] = (s, e);
                w += 1;
            }
        }
        spans.truncate(w);
        Taken { spans }
    }

    /// Whether `[start, end)` overlaps a taken span.
    pub(crate) fn hits(&self, start: usize, end: usize) -> bool {
        let i = self.spans.partition_point(|&(_, e)| e <= start);
        self.spans.get(i).is_some_and(|&(s, _)| s < end)
    }
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    /// `trim_start_str` gives what `str::trim_start_matches` gives with a string pattern.
    #[test]
    fn trim_start_str_is_trim_start_matches() {
        for (s, p) in [
            ("every every 5", "every "),
            ("every5", "every "),
            ("> > quoted", "> "),
            (">> x", "> "),
            ("", "> "),
            ("abc", ""),
            ("ééé", "é"),
        ] {
            assert_eq!(
                super::trim_start_str(s, p),
                s.trim_start_matches(p),
                "{s:?} {p:?}"
            );
        }
    }

    /// Every word is found at its first position, and nothing else is found: other cases,
    /// prefixes, extensions, the empty word, in a small table and in one with many collisions.
    #[test]
    fn word_set_finds_its_words_and_nothing_else() {
        let words = [
            "the",
            "The",
            "a",
            "U.S.",
            "United States of America",
            "é",
            "the",
            "",
        ];
        let set = WordSet::new(&words);
        for w in words {
            assert_eq!(set.find(w), words.iter().position(|x| *x == w), "{w:?}");
        }
        for w in [
            "th",
            "thee",
            "THE",
            "A",
            "u.s.",
            "United States",
            "e",
            " ",
            "É",
        ] {
            assert_eq!(set.find(w), None, "{w:?}");
            assert!(!set.contains(w));
        }
        let many: Vec<&'static str> = (0..3000)
            .map(|i| &*Box::leak(format!("w{i}").into_boxed_str()))
            .collect();
        let set = WordSet::new(&many);
        for (i, w) in many.iter().enumerate() {
            assert_eq!(set.find(w), Some(i));
            assert_eq!(set.find(&format!("{w}x")), None);
            assert_eq!(set.find(&format!("x{w}")), None);
        }
    }
}
