//! Claims: sentences and their mentions in, typed [`Claim`] records out.
//!
//! A claim is what reconciliation compares: a subject (an entity), the predicate's content words
//! (normalised terms, local to the clause that holds the value), the value (a mention), and its
//! polarity. One check-worthy sentence gives one claim per value it states; a sentence's
//! check-worthiness ([`checkworthiness`]) says how much it states something checkable.

use crate::extract::{Mention, Value};
use crate::segment::Sentence;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

/// A sentence's terms (normalised, sorted, unique), shared by every claim of the sentence: a
/// sentence of many values gives many claims, and each used to carry its own copy. The terms
/// are kept one after another in one string (a list of `String`s cost 24 bytes a term more);
/// [`Terms::iter`] reads them as `&str`s. Serialises as the list of strings.
#[derive(Clone, Default)]
pub struct Terms(Arc<TermList>);

#[derive(Default)]
struct TermList {
    /// The terms, one after another.
    text: Box<str>,
    /// Where each ends in `text`.
    ends: Box<[u32]>,
}

impl Terms {
    /// The terms `list`, in its order, in buffers allocated once at their size.
    pub fn from_strs(list: &[&str]) -> Terms {
        let mut text = String::with_capacity(list.iter().map(|t| t.len()).sum());
        let mut ends = Vec::with_capacity(list.len());
        for t in list {
            text.push_str(t);
            ends.push(text.len() as u32);
        }
        Terms(Arc::new(TermList {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }))
    }

    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.0.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.ends.is_empty()
    }

    /// Term `i` (panics past the end, as indexing a slice does).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        let l = &*self.0;
        let from = if i == 0 { 0 } else { l.ends[i - 1] as usize };
        &l.text[from..l.ends[i] as usize]
    }

    /// The terms, in order.
    pub fn iter(&self) -> TermsIter<'_> {
        TermsIter {
            terms: self,
            i: 0,
            n: self.len(),
        }
    }

    /// Where `t` is, as `<[&str]>::binary_search` says (the terms are sorted).
    pub fn binary_search(&self, t: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid).cmp(t) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// The address of the shared list: the same for every claim of one sentence.
    pub fn as_ptr(&self) -> *const u8 {
        Arc::as_ptr(&self.0) as *const u8
    }
}

/// The terms of a [`Terms`], in order.
#[derive(Clone)]
pub struct TermsIter<'a> {
    terms: &'a Terms,
    i: usize,
    n: usize,
}

impl<'a> Iterator for TermsIter<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        (self.i < self.n).then(|| {
            self.i += 1;
            self.terms.get(self.i - 1)
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.n - self.i, Some(self.n - self.i))
    }
}

impl ExactSizeIterator for TermsIter<'_> {}

impl PartialEq for Terms {
    fn eq(&self, o: &Terms) -> bool {
        self.0.text == o.0.text && self.0.ends == o.0.ends
    }
}

impl Eq for Terms {}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Terms {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Terms {
        let items: Vec<S> = iter.into_iter().collect();
        let list: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Terms::from_strs(&list)
    }
}

impl From<Vec<String>> for Terms {
    fn from(v: Vec<String>) -> Terms {
        v.iter().collect()
    }
}

impl<'a> IntoIterator for &'a Terms {
    type Item = &'a str;
    type IntoIter = TermsIter<'a>;
    fn into_iter(self) -> TermsIter<'a> {
        self.iter()
    }
}

impl PartialEq<Vec<String>> for Terms {
    fn eq(&self, other: &Vec<String>) -> bool {
        self.iter().eq(other.iter().map(String::as_str))
    }
}

impl Serialize for Terms {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Terms, D::Error> {
        Vec::<String>::deserialize(d).map(Terms::from)
    }
}

/// The mentions of a text, shared by its claims: a claim holds its value, its subject and its
/// time as positions in this list, not as copies (a text gives about one claim per mention, and
/// a copied value with its strings was most of a claim's size).
pub type Mentions = Arc<Vec<Mention>>;

/// No mention (for [`Claim`]'s subject and time positions).
const NONE: u32 = u32::MAX;

/// What few claims have, kept apart so that the others do not pay for room for it.
#[derive(Clone, Default)]
struct Rare {
    /// A value of its own, when it stands on no mention (a share worked out from two).
    value: Option<Value>,
    /// Its local terms, when they are not all among its sentence's or the sentence has more
    /// than 64.
    local: Option<Box<[Box<str>]>>,
    /// Its qualifiers, if any.
    qualifiers: Box<[String]>,
}

/// One checkable statement.
#[derive(Clone)]
pub struct Claim {
    /// Index of the sentence that states it.
    pub sentence: usize,
    /// Byte span of the words that state it (the sentence).
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// Byte span of the value it turns on.
    pub anchor: (usize, usize),
    /// The mentions its value, subject and time are in.
    mentions: Mentions,
    /// The position of its value's mention in `mentions`.
    at: u32,
    /// The position of the mention that names its subject (an entity, or a quote's speaker).
    subject_at: u32,
    /// The position of the date mention that says when it holds.
    time_at: u32,
    /// The clause denies what it states ("has no diplomatic relations").
    pub negated: bool,
    /// Its local terms as a bit set over `terms` (each term's position in the sentence's
    /// sorted terms, so iterating in bit order gives them sorted), unless `rare` has them.
    local: u64,
    /// Terms of the whole sentence (normalised, sorted, unique), entities included; shared by
    /// the sentence's claims.
    pub terms: Terms,
    /// What few claims have.
    rare: Option<Box<Rare>>,
    /// How check-worthy the sentence is, in [0, 1].
    pub checkworthiness: f64,
}

/// A claim's local terms, in order ([`Claim::local`]).
#[derive(Clone)]
pub struct LocalTerms<'a> {
    terms: &'a Terms,
    mask: u64,
    list: std::slice::Iter<'a, Box<str>>,
}

impl<'a> Iterator for LocalTerms<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.mask != 0 {
            let i = self.mask.trailing_zeros() as usize;
            self.mask &= self.mask - 1;
            return Some(self.terms.get(i));
        }
        self.list.next().map(|t| &**t)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.mask.count_ones() as usize + self.list.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for LocalTerms<'_> {}

impl Claim {
    /// The mention kind of the value (`number`, `money`, …).
    pub fn kind(&self) -> &'static str {
        self.value().kind()
    }

    /// The mentions of its sentence (found by start: the text's mentions are sorted by it).
    pub fn sentence_mentions(&self) -> impl Iterator<Item = &Mention> {
        let from = self.mentions.partition_point(|m| m.start < self.start);
        self.mentions[from..]
            .iter()
            .take_while(|m| m.start < self.end)
            .filter(|m| m.end <= self.end)
    }

    /// The value.
    #[inline]
    pub fn value(&self) -> &Value {
        match self.rare.as_ref().and_then(|r| r.value.as_ref()) {
            Some(v) => v,
            None => &self.mentions[self.at as usize].value,
        }
    }

    /// The same claim with another value (a share worked out from two claims' values).
    pub fn with_value(mut self, value: Value) -> Claim {
        self.rare.get_or_insert_with(Box::default).value = Some(value);
        self
    }

    /// The subject: canonical entity name, if one was found (a quote's is its speaker).
    pub fn subject(&self) -> Option<&str> {
        match &self.mentions.get(self.subject_at as usize)?.value {
            Value::Entity { name, .. } => Some(name),
            Value::Quote { speaker, .. } => speaker.as_deref(),
            _ => None,
        }
    }

    /// The person its sentence says it of ("Takiyev said …", "according to central bank
    /// governor Timur Suleimenov"), if any: the first such name.
    pub fn credited_to<'a>(&'a self, text: &str) -> Option<&'a str> {
        self.sentence_mentions().find_map(|m| match &m.value {
            Value::Entity { name, kind } if *kind == crate::extract::EntityType::Person => {
                // "according to" and at most a title's few lower-case words before the name.
                let mut head = text[self.start..m.start].trim_end();
                for _ in 0..5 {
                    if head.ends_with("according to") {
                        return Some(&**name);
                    }
                    match head.rsplit_once(' ') {
                        Some((h, w)) if w.bytes().all(|b| b.is_ascii_lowercase()) => head = h,
                        _ => break,
                    }
                }
                is_reporter(text, m).then_some(&**name)
            }
            _ => None,
        })
    }

    /// Where its subject is named: the byte span of that mention.
    pub fn subject_span(&self) -> Option<(usize, usize)> {
        self.mentions
            .get(self.subject_at as usize)
            .map(|m| (m.start, m.end))
    }

    /// When it holds: the ISO form of another date in the sentence ("2024" in "GDP of $288
    /// billion in 2024").
    pub fn time(&self) -> Option<&str> {
        match &self.mentions.get(self.time_at as usize)?.value {
            Value::Date(d) => Some(&d.iso),
            _ => None,
        }
    }

    /// Predicate terms from the clause around the value (normalised, sorted, unique).
    pub fn local(&self) -> LocalTerms<'_> {
        match self.rare.as_ref().and_then(|r| r.local.as_ref()) {
            Some(list) => LocalTerms {
                terms: &self.terms,
                mask: 0,
                list: list.iter(),
            },
            None => LocalTerms {
                terms: &self.terms,
                mask: self.local,
                list: [].iter(),
            },
        }
    }

    /// Qualifiers of the value: the words between a count and its noun ("American" in
    /// "600 American companies"), or between a rank and what it ranks ("Asian" in "first Asian
    /// country").
    pub fn qualifiers(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.qualifiers)
    }
}

impl PartialEq for Claim {
    fn eq(&self, o: &Claim) -> bool {
        self.sentence == o.sentence
            && self.start == o.start
            && self.end == o.end
            && self.anchor == o.anchor
            && self.value() == o.value()
            && self.subject() == o.subject()
            && self.local().eq(o.local())
            && self.terms == o.terms
            && self.qualifiers() == o.qualifiers()
            && self.time() == o.time()
            && self.negated == o.negated
            && self.checkworthiness == o.checkworthiness
    }
}

/// A claim as its fields read (what `Debug` and `Serialize` show).
#[derive(Debug, Serialize)]
struct ClaimView<'a> {
    sentence: usize,
    start: usize,
    end: usize,
    anchor: (usize, usize),
    value: &'a Value,
    subject: Option<&'a str>,
    local: Vec<&'a str>,
    terms: &'a Terms,
    qualifiers: &'a [String],
    time: Option<&'a str>,
    negated: bool,
    checkworthiness: f64,
}

impl Claim {
    fn view(&self) -> ClaimView<'_> {
        ClaimView {
            sentence: self.sentence,
            start: self.start,
            end: self.end,
            anchor: self.anchor,
            value: self.value(),
            subject: self.subject(),
            local: self.local().collect(),
            terms: &self.terms,
            qualifiers: self.qualifiers(),
            time: self.time(),
            negated: self.negated,
            checkworthiness: self.checkworthiness,
        }
    }
}

impl std::fmt::Debug for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.view().fmt(f)
    }
}

impl Serialize for Claim {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(s)
    }
}

/// Below this check-worthiness a sentence gives no claims.
pub const MIN_CHECKWORTHINESS: f64 = 0.3;

/// At most this many claims from one sentence (its first values). A real sentence states a few;
/// a "sentence" of thousands of figures is a pasted table, and each claim carries its sentence's
/// text in the report, so without a cap 200 KB of "1 1 1 …" made a report of gigabytes.
pub const MAX_CLAIMS_PER_SENTENCE: usize = 64;

/// Words that carry no predicate meaning.
const STOPWORDS: &str = crate::extract::packed![
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
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
    "having",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "he",
    "she",
    "they",
    "them",
    "his",
    "her",
    "their",
    "we",
    "our",
    "you",
    "your",
    "i",
    "my",
    "me",
    "him",
    "us",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "so",
    "than",
    "then",
    "there",
    "here",
    "also",
    "such",
    "into",
    "about",
    "more",
    "most",
    "less",
    "over",
    "under",
    "almost",
    "nearly",
    "around",
    "roughly",
    "some",
    "approximately",
    "least",
    "just",
    "up",
    "down",
    "out",
    "very",
    "if",
    "while",
    "when",
    "where",
    "since",
    "per",
    "each",
    "both",
    "all",
    "any",
    "other",
    "said",
    "says",
    "say",
    "according",
    "thus",
    "however",
    "although",
    "though",
    "because",
    "not",
    "no",
    "now",
    "only",
    "own",
    "same",
    "too",
    "after",
    "before",
    "during",
    "between",
    "through",
    "s",
    "t",
    "percent",
    "cent",
    "billion",
    "million",
    "thousand",
    "trillion",
    "bn",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "quarter",
    "half",
    "third",
    "already",
    "reported",
    "reports",
    "report",
    // Pronouns with a contracted verb say nothing either.
    "they've",
    "we've",
    "you've",
    "i've",
    "they’ve",
    "we’ve",
    "you’ve",
    "i’ve",
    // Fillers.
    "whatever",
    "anyway",
    "noted",
    "wrote",
    "added",
    "told",
    "stated",
    // Factors are values ("doubled" is ×2), not predicate words.
    "doubled",
    "doubling",
    "tripled",
    "tripling",
    "trebled",
    "quadrupled",
    "halved",
];

/// A word of at most 15 bytes as a number: its bytes, and its length in the top byte.
#[inline]
fn word_key(w: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    let n = w.len().min(15);
    b[..n].copy_from_slice(&w[..n]);
    b[15] = w.len() as u8;
    u128::from_le_bytes(b)
}

/// A hash of a [`word_key`], its top bits the best mixed: a table of 2^b slots takes the top b.
fn key_hash(k: u128) -> u64 {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The stopwords and the folds in one open-addressed hash table of their keys ([`word_key`]),
/// built at first use: a word is looked up once, in a few steps, where two binary searches over
/// the sorted lists took about 8 steps each.
struct WordTable {
    /// Per slot: the key (0: empty), whether it is a stopword, and 1 + its fold's index in
    /// `folds` (0: none).
    slots: Vec<(u128, bool, u8)>,
    /// What each word of [`FOLDS`] folds to, in its order.
    folds: Vec<&'static str>,
    /// `64 - log2(slots.len())`.
    shift: u32,
}

impl WordTable {
    fn new() -> WordTable {
        let folds: Vec<(&str, &str)> = fold_pairs().collect();
        let n = crate::extract::words(STOPWORDS).count() + folds.len();
        let bits = (n * 2).next_power_of_two().trailing_zeros().max(4);
        let mut t = WordTable {
            slots: vec![(0, false, 0); 1 << bits],
            shift: 64 - bits,
            folds: folds.iter().map(|f| f.1).collect(),
        };
        for w in crate::extract::words(STOPWORDS) {
            t.entry(word_key(w.as_bytes())).1 = true;
        }
        for (i, f) in folds.iter().enumerate() {
            let e = t.entry(word_key(f.0.as_bytes()));
            if e.2 == 0 {
                e.2 = i as u8 + 1;
            }
        }
        t
    }

    fn slot(&self, k: u128) -> usize {
        (key_hash(k) >> self.shift) as usize
    }

    /// The slot of key `k` (not 0), taken if new.
    fn entry(&mut self, k: u128) -> &mut (u128, bool, u8) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        while self.slots[i].0 != 0 && self.slots[i].0 != k {
            i = (i + 1) & mask;
        }
        self.slots[i].0 = k;
        &mut self.slots[i]
    }

    /// Whether `w` is a stopword, and its fold.
    #[inline]
    fn get(&self, w: &str) -> (bool, Option<&'static str>) {
        if w.is_empty() || w.len() > 15 {
            return (false, None);
        }
        let k = word_key(w.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        loop {
            let e = self.slots[i];
            if e.0 == k {
                return (e.1, e.2.checked_sub(1).map(|f| self.folds[f as usize]));
            }
            if e.0 == 0 {
                return (false, None);
            }
            i = (i + 1) & mask;
        }
    }
}

static WORD_TABLE: LazyLock<WordTable> = LazyLock::new(WordTable::new);

/// Words that carry no predicate meaning ([`STOPWORDS`]).
fn is_stopword(w: &str) -> bool {
    WORD_TABLE.get(w).0
}

/// [`FOLDS`]' words, each with what it folds to.
fn fold_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::extract::words(FOLDS).filter_map(|f| f.split_once(' '))
}

/// Synonyms and forms folded into one term ("firms" → "company"): a word, a space, its term.
const FOLDS: &str = crate::extract::packed![
    "firm company",
    "firms company",
    "companies company",
    "company company",
    "businesses company",
    "business company",
    "population people",
    "people people",
    "inhabitants people",
    "residents people",
    "citizens people",
    "populated people",
    "investor invest",
    "investors invest",
    "investment invest",
    "investments invest",
    "invested invest",
    "investing invest",
    "invests invest",
    "nation country",
    "nations country",
    "countries country",
    "country country",
    "state country",
    "states country",
    "trade trade",
    "trading trade",
    "traded trade",
    "ties relation",
    "relations relation",
    "relationship relation",
    "relationships relation",
    "resigned resign",
    "resign resign",
    "resignation resign",
    "resigns resign",
    "quit resign",
    "quits resign",
    "stepped resign",
    "steps resign",
    "ruled rule",
    "rule rule",
    "rules rule",
    "ruling rule",
    "governed rule",
    "govern rule",
    "governs rule",
    "ran rule",
    "led rule",
    "supplies supply",
    "supply supply",
    "supplied supply",
    "provides supply",
    "provide supply",
    "provided supply",
    "meets supply",
    "meet supply",
    "covers supply",
    "cover supply",
    "operate operate",
    "operates operate",
    "operating operate",
    "operated operate",
    "active operate",
    "begin start",
    "beginning start",
    "begins start",
    "start start",
    "starting start",
    "starts start",
    "launch start",
    "launching start",
    "gdp gdp",
    // A deal is an agreement ("did a deal with" and "reached an agreement with").
    "deal agree",
    "deals agree",
    // "1,200 workers" and "1,200 employees" count the same people.
    "worker worker",
    "workers worker",
    "employee worker",
    "employees worker",
    // "a third straight year" is "the third consecutive year".
    "consecutive consecutive",
    "straight consecutive",
    "successive consecutive",
];

/// A light stemmer and synonym fold: "invested"/"investment"/"investor" → "invest",
/// "firms" → "company", "population" → "people".
pub fn normalize(word: &str) -> Option<String> {
    let mut out = String::new();
    normalize_into(word, &mut out).then_some(out)
}

/// [`normalize`], appending the term to `out`: false, and `out` unchanged, when the word gives
/// none.
fn normalize_into(word: &str, out: &mut String) -> bool {
    // For ASCII, `char::is_alphanumeric` is `u8::is_ascii_alphanumeric`: trimmed by bytes.
    let mut w = if word.is_ascii() {
        let b = word.as_bytes();
        let lo = b
            .iter()
            .position(u8::is_ascii_alphanumeric)
            .unwrap_or(b.len());
        let hi = b
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(lo, |i| i + 1);
        &word[lo..hi]
    } else {
        word.trim_matches(|c: char| !c.is_alphanumeric())
    };
    // As `.trim_end_matches("’s").trim_end_matches("'s")`, without building a searcher per word.
    while let Some(rest) = w.strip_suffix("’s") {
        w = rest;
    }
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    // Lower-cased where the term goes, then made the term there.
    let at = out.len();
    push_lower(out, w);
    term_in_place(out, at)
}

/// [`normalize_into`] of a word already trimmed and lower-cased.
#[cfg(test)]
fn normalize_lower(w: &str, out: &mut String) -> bool {
    let at = out.len();
    out.push_str(w);
    term_in_place(out, at)
}

/// Appends `w` lower-cased: ASCII (nearly all words) in place, where `to_lowercase` would
/// allocate.
fn push_lower(out: &mut String, w: &str) {
    let at = out.len();
    if w.is_ascii() {
        out.push_str(w);
        out[at..].make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// Makes the trimmed, lower-cased word at `out[at..]` its term: false, and `out` cut back to
/// `at`, when it gives none.
fn term_in_place(out: &mut String, at: usize) -> bool {
    let w = &out[at..];
    if w.len() < 2 || w.starts_with(|c: char| c.is_ascii_digit()) {
        out.truncate(at);
        return false;
    }
    let (stop, folded) = WORD_TABLE.get(w);
    if stop {
        out.truncate(at);
        return false;
    }
    if let Some(folded) = folded {
        out.truncate(at);
        out.push_str(folded);
        return true;
    }
    let (base, rep) = stem(w);
    if base.len() == w.len() && rep.is_empty() {
        // No suffix taken: the word itself, found above to be no stopword, of two bytes or more.
        return true;
    }
    out.truncate(at + base.len());
    out.push_str(rep);
    let kept = !is_stopword(&out[at..]) && out.len() - at > 1;
    if !kept {
        out.truncate(at);
    }
    kept
}

/// The terms of words seen before in a text ([`normalize_into`] of each), by the word: a word
/// found here costs a hash and a copy instead of trimming, lower-casing, the stopword table and
/// the stemmer. A word of up to 15 ASCII bytes has one slot (the last such word to take it keeps
/// it); a longer word, or one with a char outside ASCII, is normalised each time. Words found
/// (2 Dec): 95% of those looked up in the bench text, whose vocabulary is small (2,716 distinct
/// words in 263,307); 65% in the dev set's nine articles as one text; 29-48% in one article.
#[derive(Default)]
struct TermCache {
    /// Per slot: the word's [`word_key`] (0: empty), and its term's (0: the word gives no
    /// term; a term longer than 15 bytes is not kept).
    slots: Vec<(u128, u128)>,
}

impl TermCache {
    /// A cache for `bytes` of text: a slot per 16 bytes, 256 to 4,096 slots (32 bytes each).
    fn for_text(bytes: usize) -> TermCache {
        let n = (bytes / 16).clamp(256, 4096).next_power_of_two();
        TermCache {
            slots: vec![(0, 0); n],
        }
    }

    /// [`normalize_into`] of `word`, appended to `out`, through the cache.
    fn normalize_into(&mut self, word: &str, out: &mut String) -> bool {
        let b = word.as_bytes();
        // Not made with `for_text` (a sentence's terms alone, in the tests): no cache.
        if b.len() > 15 || self.slots.is_empty() {
            return normalize_into(word, out);
        }
        let k = word_key(b);
        // A byte outside ASCII (the length, in the top byte, is below 16).
        if k & u128::from_le_bytes([0x80; 16]) != 0 {
            return normalize_into(word, out);
        }
        let slot = (key_hash(k) >> (64 - self.slots.len().trailing_zeros())) as usize;
        let (key, term) = self.slots[slot];
        if key == k {
            let n = (term >> 120) as usize;
            if n == 0 {
                return false;
            }
            // ASCII: the term was made of the word's bytes, lower-cased, or of a fold.
            out.extend(term.to_le_bytes()[..n].iter().map(|&c| char::from(c)));
            return true;
        }
        let at = out.len();
        let made = normalize_into(word, out);
        let term = &out.as_bytes()[at..];
        if term.len() <= 15 {
            self.slots[slot] = (k, if made { word_key(term) } else { 0 });
        }
        made
    }
}

/// The stem of a lower-cased word: a prefix of it and what replaces the rest.
fn stem(w: &str) -> (&str, &'static str) {
    // Only these last letters end a suffix below; no suffix is taken from a word ending in
    // "ss", "us" or "is".
    if !matches!(
        w.as_bytes().last(),
        Some(b'l' | b'n' | b's' | b't' | b'g' | b'd' | b'e')
    ) || w.ends_with("ss")
        || w.ends_with("us")
        || w.ends_with("is")
    {
        return (w, "");
    }
    // The suffixes in the order they are tried, those of the word's last letter only.
    let suffixes: &[(&str, usize, &str)] = match w.as_bytes()[w.len() - 1] {
        b'l' => &[("ational", 4, "ate")],
        b'n' => &[("ization", 4, "ize")],
        b't' => &[("ment", 4, "")],
        b's' => &[
            ("ments", 4, ""),
            ("ings", 4, ""),
            ("ies", 3, "y"),
            ("sses", 3, "ss"),
            ("es", 5, ""),
            ("s", 3, ""),
        ],
        b'g' => &[("ing", 4, "")],
        b'd' => &[("ied", 3, "y"), ("ed", 4, "")],
        b'e' => &[("e", 4, "")],
        _ => &[],
    };
    for &(suf, min, rep) in suffixes {
        if let Some(base) = w.strip_suffix(suf) {
            if base.chars().count() >= min {
                return (base, rep);
            }
        }
    }
    (w, "")
}

/// Normalised terms of a span of text, plus the canonical names of the entities in it: the
/// definition that [`SentenceTerms`] computes without rescanning (kept as the tests' reference).
#[cfg(test)]
fn terms_of(
    text: &str,
    span: (usize, usize),
    mentions: &[&Mention],
    skip: Option<(usize, usize)>,
) -> Vec<String> {
    let mut out = Vec::new();
    let slice = &text[span.0..span.1];
    let mut word_start = None;
    for (i, c) in slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')))
    {
        match (word_start, is_word(c)) {
            (None, true) => word_start = Some(i),
            (Some(ws_rel), false) => {
                word_start = None;
                let (ws, we) = (span.0 + ws_rel, span.0 + i);
                let word = &slice[ws_rel..i];
                if skip.is_some_and(|(s, e)| ws < e && s < we) {
                    continue;
                }
                // Words inside an entity mention are represented by the entity's canonical name;
                // a date's words are its time, not what is claimed ("last year").
                if mentions.iter().any(|m| {
                    matches!(m.value, Value::Entity { .. } | Value::Date(_))
                        && m.start <= ws
                        && we <= m.end
                }) {
                    continue;
                }
                if let Some(t) = normalize(word) {
                    out.push(t);
                }
            }
            _ => {}
        }
    }
    for m in mentions {
        if let Value::Entity { name, .. } = &m.value {
            if span.0 <= m.start
                && m.end <= span.1
                && !skip.is_some_and(|(s, e)| m.start < e && s < m.end)
            {
                let name = name.to_lowercase();
                // The head of a longer name too ("kazakh president kassym-jomart tokayev" →
                // "tokayev"), so that two forms of one name share a term.
                if let Some((_, last)) = name.rsplit_once(' ') {
                    if last.len() > 3 {
                        out.push(last.to_string());
                    }
                }
                out.push(name);
            }
        }
    }
    // "gross domestic product" is GDP.
    if ["gross", "domestic", "product"]
        .iter()
        .all(|w| out.iter().any(|t| t == w))
    {
        out.retain(|t| !matches!(t.as_str(), "gross" | "domestic" | "product"));
        out.push("gdp".to_string());
    }
    out.sort();
    out.dedup();
    out
}

/// How much a sentence states something checkable, in [0, 1]: figures, dates, named entities
/// and quotes raise it; questions, opinions, instructions and page junk lower it.
pub fn checkworthiness(sentence: &str, mentions: &[&Mention], junk: bool) -> f64 {
    if junk {
        return 0.0;
    }
    let mut score: f64 = 0.15;
    let has = |k: &str| mentions.iter().any(|m| m.value.kind() == k);
    if mentions.iter().any(|m| {
        m.value.amount().is_some() || matches!(m.value, Value::Date(_) | Value::Ordinal(..))
    }) {
        score += 0.45;
    }
    if has("entity") {
        score += 0.15;
    }
    if has("quote") {
        score += 0.2;
    }
    if more_words_than(sentence, 5) {
        score += 0.05;
    }
    if sentence.trim_end().ends_with('?') {
        score -= 0.4;
    }
    // What `sentence.to_lowercase()` would contain, found without building it: the phrases are
    // ASCII, and only two characters outside ASCII lower-case to ASCII letters (U+0130 'İ' to "i̇",
    // U+212A KELVIN SIGN to "k"; a test checks every character), so, without those two, the
    // lower-cased text holds an ASCII phrase exactly where the text holds it in any case.
    let found = find_phrases(sentence.as_bytes(), &OPINION_PHRASES, &OPINION_FIRSTS);
    let special = found >> (OPINION_PHRASES.len() - 2) != 0;
    let lowered;
    let (lower, found): (&[u8], u32) = if special {
        lowered = sentence.to_lowercase();
        let found = find_phrases(lowered.as_bytes(), &OPINION_PHRASES, &OPINION_FIRSTS);
        (lowered.as_bytes(), found)
    } else {
        (sentence.as_bytes(), found)
    };
    for k in 0..OPINION_PHRASES.len() - 2 {
        if found & (1 << k) != 0 {
            score -= 0.15;
        }
    }
    if ["click", "sign ", "subscribe", "please "]
        .iter()
        .any(|p| starts_with_ignoring_case(lower, p))
    {
        score -= 0.4;
    }
    score.clamp(0.0, 1.0)
}

/// Whether `s` has more than `n` words (runs of characters that are not white space): what
/// `s.split_whitespace().nth(n).is_some()` says, read with `char_at` (the size-optimised wasm
/// calls a function per char for `split_whitespace`).
fn more_words_than(s: &str, n: usize) -> bool {
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < s.len() {
        let c = crate::extract::char_at(s, i);
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = !space;
        i += c.len_utf8();
    }
    false
}

/// Phrases that mark an opinion or an instruction, not a statement; then the two characters
/// outside ASCII that lower-case to ASCII letters (U+0130, U+212A), to be found in one pass.
const OPINION_PHRASES: [&str; 10] = [
    "i think",
    "i believe",
    "in my opinion",
    "should ",
    "must ",
    "perhaps",
    "maybe",
    "might ",
    "\u{130}",
    "\u{212a}",
];
/// Built at first use: as a constant it was 2 KB of wasm data.
static OPINION_FIRSTS: LazyLock<[[u32; 256]; 2]> = LazyLock::new(|| first_bytes(&OPINION_PHRASES));

/// For each byte, the phrases (bit k for phrase k, at most 32, each of two bytes or more) whose
/// first byte it is, in any ASCII case; then the same for their second byte.
const fn first_bytes(phrases: &[&str]) -> [[u32; 256]; 2] {
    let mut t = [[0u32; 256]; 2];
    let mut k = 0;
    while k < phrases.len() {
        let mut i = 0;
        while i < 2 {
            let c = phrases[k].as_bytes()[i];
            t[i][c as usize] |= 1 << k;
            t[i][c.to_ascii_uppercase() as usize] |= 1 << k;
            i += 1;
        }
        k += 1;
    }
    t
}

/// The phrases (lower-case, their first two bytes in `firsts`, see [`first_bytes`]) that `hay`
/// holds in any ASCII case, as bits: bit k for phrase k.
fn find_phrases(hay: &[u8], phrases: &[&str], firsts: &[[u32; 256]; 2]) -> u32 {
    let mut found = 0u32;
    for (i, w) in hay.windows(2).enumerate() {
        let mut candidates = firsts[0][w[0] as usize] & firsts[1][w[1] as usize] & !found;
        while candidates != 0 {
            let k = candidates.trailing_zeros();
            candidates &= candidates - 1;
            if starts_with_ignoring_case(&hay[i..], phrases[k as usize]) {
                found |= 1 << k;
            }
        }
    }
    found
}

/// Capitalised words between a count or rank and its noun: "600 American companies" → American.
fn qualifiers(text: &str, m: &Mention) -> Vec<String> {
    let noun = match &m.value {
        Value::Quantity(_, unit) => unit.as_str(),
        Value::Ordinal(_, noun) if !noun.is_empty() => noun.as_str(),
        _ => return Vec::new(),
    };
    // The words before the noun, kept as slices until the noun is found.
    let mut before = [""; 5];
    for (k, w) in text[m.end..].split_whitespace().take(5).enumerate() {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if word.is_empty() || crate::extract::singular_noun_of(word) == noun {
            return before[..k].iter().map(|w| w.to_string()).collect();
        }
        before[k] = word;
    }
    Vec::new()
}

/// An entity that only reports the claim ("Tokayev said …", "according to Tokayev") is not its
/// subject.
///
/// The words compared are ASCII, and no character outside ASCII lower-cases to ASCII letters
/// only but U+212A KELVIN SIGN ("k", in none of the words): so a word matches in any ASCII case
/// exactly where its lower-cased form would (the test `is_reporter_matches_lowercasing` holds
/// this to the lower-casing definition).
fn is_reporter(text: &str, e: &Mention) -> bool {
    let after = text[e.end..].trim_start();
    let next = &after[..after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len())];
    let head = text[..e.start].trim_end().as_bytes();
    REPORTING_VERBS.iter().any(|w| next.eq_ignore_ascii_case(w))
        || head.len() >= 12 && head[head.len() - 12..].eq_ignore_ascii_case(b"according to")
}

/// Verbs that report what an entity said ("Tokayev said").
const REPORTING_VERBS: [&str; 12] = [
    "said",
    "says",
    "told",
    "noted",
    "stressed",
    "added",
    "wrote",
    "explained",
    "stated",
    "reported",
    "reports",
    "announced",
];

/// Entities that fill a role in their sentence (who was on the call, which countries signed),
/// by start offset: not the sentence's subject (its first named entity), not a reporter
/// ("Tokayev said"), not a possessive modifier ("Kazakhstan's economy"), not inside a quote.
fn role_entities(text: &str, ms: &[&Mention]) -> Vec<usize> {
    let quotes: Vec<(usize, usize)> = ms
        .iter()
        .filter(|m| matches!(m.value, Value::Quote { .. }))
        .map(|m| (m.start, m.end))
        .collect();
    let mut out = Vec::new();
    let mut seen_subject = false;
    // A sentence whose only mention is a name after a preposition ("The weather in Astana was
    // mild.") states nothing checkable of it.
    let lone = ms
        .iter()
        .filter(|m| !matches!(m.value, Value::Quote { .. }))
        .nth(1)
        .is_none();
    for m in ms {
        if !matches!(m.value, Value::Entity { .. })
            || quotes.iter().any(|&(a, b)| a <= m.start && m.end <= b)
            || is_reporter(text, m)
        {
            continue;
        }
        // "The rollout starts in Uzbekistan": a name after a preposition fills a role even
        // when it is the first.
        if !seen_subject && (lone || !after_preposition(text, m.start)) {
            seen_subject = true;
            continue;
        }
        let after = &text[m.end..];
        // "Tokayev, not Putin, proposed it": Putin is set aside, in no role.
        if after.starts_with("'s")
            || after.starts_with("’s")
            || after.starts_with("’")
            || text[..m.start].ends_with(", not ")
        {
            continue;
        }
        out.push(m.start);
    }
    out
}

/// The subject a denial is about ("Kazakhstan, which is not a major exporter of oil, …"): the
/// first name of the sentence that fills no role, reports nothing, is not after a preposition
/// and not inside a quote. A denial states something of it without a figure or another name,
/// so it gives the subject a claim of its own ([`claims`] keeps it only when the subject's own
/// clause is negated).
fn denied_subject(text: &str, ms: &[&Mention], roles: &[usize]) -> Option<usize> {
    let quotes = || {
        ms.iter()
            .filter(|m| matches!(m.value, Value::Quote { .. }))
            .map(|m| (m.start, m.end))
    };
    ms.iter()
        .find(|m| {
            matches!(m.value, Value::Entity { .. })
                && !roles.contains(&m.start)
                && !is_reporter(text, m)
                && !after_preposition(text, m.start)
                && !quotes().any(|(a, b)| a <= m.start && m.end <= b)
        })
        .map(|m| m.start)
}

/// The words before `at` are a preposition, maybe with "the" ("in Uzbekistan", "with the
/// UAE"): what follows is its object, not the subject of the sentence.
fn after_preposition(text: &str, at: usize) -> bool {
    let mut words = text[..at]
        .rsplit(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut word = words.next().unwrap_or("");
    if word.eq_ignore_ascii_case("the") {
        word = words.next().unwrap_or("");
    }
    PREPOSITIONS.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// Prepositions whose object is not a sentence's subject.
const PREPOSITIONS: [&str; 20] = [
    "in", "at", "on", "to", "from", "with", "by", "for", "into", "under", "over", "toward",
    "towards", "across", "among", "via", "within", "against", "through", "between",
];

/// Clause boundaries: the byte ranges (absolute) of the clauses of a sentence.
#[cfg(test)]
fn clauses(sentence: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    clauses_into(sentence, offset, &mut out);
    out
}

/// [`clauses`], into `out` (emptied first).
fn clauses_into(sentence: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut start = 0;
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_break = match bytes[i] {
            b',' => {
                !(i > 0
                    && i + 1 < bytes.len()
                    && bytes[i - 1].is_ascii_digit()
                    && bytes[i + 1].is_ascii_digit())
            }
            b';' | b':' | b'(' | b')' => true,
            // "… and Morocco", "… and Israel's President": a list of names, not a new clause.
            b' ' if bytes[i..].starts_with(b" and ")
                && bytes.get(i + 5).is_some_and(u8::is_ascii_uppercase) =>
            {
                false
            }
            // Every other break starts with a space (the byte after it picks the words to try).
            b' ' => {
                let rest = &bytes[i..];
                match bytes.get(i + 1) {
                    Some(b'a') => rest.starts_with(b" and "),
                    Some(b'w') => rest.starts_with(b" while ") || rest.starts_with(b" which "),
                    Some(b'b') => rest.starts_with(b" but "),
                    Some(0xE2) => rest.starts_with(" — ".as_bytes()),
                    _ => false,
                }
            }
            _ => false,
        };
        if at_break {
            if i > start {
                out.push((offset + start, offset + i));
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < sentence.len() {
        out.push((offset + start, offset + sentence.len()));
    }
}

/// Idioms with a negation that deny nothing. Each starts with "n".
const NEGATION_IDIOMS: [&str; 14] = [
    "not long",
    "not only",
    "not just",
    "not least",
    "not until",
    "no later than",
    "no fewer than",
    "no less than",
    "no more than",
    "no longer than",
    "neither free nor fair",
    "not far",
    // "It is not clear whether exports rose 5%": the text does not deny it.
    "not clear",
    // "no stranger to Israel": well acquainted with it.
    "no stranger",
];

/// Words that deny, as found in a clause lower-cased, with ’ as ' and a space either side.
const NEGATORS: [&str; 6] = [" not ", "n't ", " no ", " never ", " neither ", " none "];

/// Whether `hay` starts with `p`, its ASCII letters in any case (other bytes as they are).
fn starts_with_ignoring_case(hay: &[u8], p: &str) -> bool {
    hay.get(..p.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
}

/// True when a clause denies what it states ("has no diplomatic relations", "did not sign"),
/// leaving out idioms that deny nothing ("not long after", "not only", "no more than").
///
/// What [`is_negated_lowercasing`] defines, in one pass over the bytes without lower-casing:
/// every idiom and negator starts at an "n" (in any case; "n't" at its "n"), so only the n's are
/// looked at; an idiom anywhere sends the clause to the definition (which takes idioms out).
/// Lower-casing makes ASCII of only two characters outside ASCII: U+212A ("k", in no idiom or
/// negator) and U+0130 ("i" and a combining dot, which cannot complete one): neither makes the
/// definition find what this does not.
fn is_negated(clause: &str) -> bool {
    let b = clause.as_bytes();
    let mut denied = false;
    let mut next = 0;
    while next < b.len() {
        // Eight bytes at a time: past those without an "n" or "N", else to the first one.
        if let Some(chunk) = b.get(next..next + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let ns = n_bytes(u64::from_le_bytes(w));
            if ns == 0 {
                next += 8;
                continue;
            }
            next += ns.trailing_zeros() as usize / 8;
        }
        let i = next;
        next += 1;
        let c = b[i];
        // Every idiom and negator goes on from its "n" with "o", "e", "'" or "’" (0xE2 first).
        if c | 0x20 == b'n'
            && b.get(i + 1)
                .is_some_and(|&x| matches!(x | 0x20, b'o' | b'e' | b'\'' | 0xE2))
        {
            let rest = &b[i..];
            // Every idiom's third byte is "t", " " or "i" ("not …", "no …", "neither …").
            if rest
                .get(2)
                .is_some_and(|&x| matches!(x | 0x20, b't' | b' ' | b'i'))
                && NEGATION_IDIOMS
                    .iter()
                    .any(|p| starts_with_ignoring_case(rest, p))
            {
                return is_negated_lowercasing(clause);
            }
            if !denied {
                // Where the lower-cased, padded clause would have a space: its ends, a space.
                let ends_at = |j: usize| b.get(j).map_or(true, |&x| x == b' ');
                let word_start = i == 0 || b[i - 1] == b' ';
                denied = (word_start
                    && ["not", "no", "never", "neither", "none"]
                        .iter()
                        .any(|w| starts_with_ignoring_case(rest, w) && ends_at(i + w.len())))
                    || ["n't", "n’t"]
                        .iter()
                        .any(|w| starts_with_ignoring_case(rest, w) && ends_at(i + w.len()));
            }
        }
    }
    denied
}

/// The high bit of each of eight bytes (little-endian) that may be "n" or "N": zero when none
/// is, and the lowest bit set is always one that is (a borrow can only mark bytes above it).
fn n_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A zero byte in `x` sets its high bit in (x - 1) & !x (higher bytes may add false ones).
    let x = (w | (ONES * 0x20)) ^ (ONES * u64::from(b'n'));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// [`is_negated`] by its definition: the clause lower-cased, ’ made ', padded with spaces, the
/// idioms taken out one after another, then a negator looked for.
fn is_negated_lowercasing(clause: &str) -> bool {
    let mut lower = format!(" {} ", clause.to_lowercase().replace('’', "'"));
    // The idioms are taken out one after another, as written; most clauses have none.
    if NEGATION_IDIOMS.iter().any(|i| lower.contains(i)) {
        for idiom in NEGATION_IDIOMS {
            lower = lower.replace(idiom, " ");
        }
    }
    NEGATORS.iter().any(|n| lower.contains(n))
}

/// Whether `span` of `text` denies what it states: [`is_negated`], but for a "not" that is part
/// of a figure's hedge ("Not more than 20 people may gather": the figure is "not more than 20",
/// nothing is denied), and for the few verbs that deny without a "not": "failed to" ("fails
/// to", "fail to", "failing to"), "declined to" and "refused to" (in each form; "Russia
/// declined to sign" is "Russia did not sign"; not before "comment" or "say"), and "denied",
/// "denies", "deny", "rejected", "rejects" or "reject" before "that", "reports" or "claims"
/// ("The ministry denied that exports rose 5%": the text does not state the rise), looked for
/// only when `may_deny` (the sentence has one of their terms).
fn denies(text: &str, span: (usize, usize), ms: &[&Mention], may_deny: bool) -> bool {
    let clause = &text[span.0..span.1];
    if is_negated(clause) {
        let hedged = |h: &&&Mention| {
            matches!(
                h.value,
                Value::Number(_) | Value::Money(..) | Value::Percent(_) | Value::Quantity(..)
            ) && span.0 <= h.start
                && h.end <= span.1
                && starts_with_ignoring_case(&text.as_bytes()[h.start..], "not ")
        };
        // A name set aside: "Tokayev, not Putin, proposed the plan" denies nothing.
        let aside = |h: &&&Mention| {
            matches!(h.value, Value::Entity { .. })
                && span.0 + 6 <= h.start
                && h.end < span.1
                && text[..h.start].ends_with(", not ")
                && text.as_bytes()[h.end] == b','
        };
        // Where each such "not" starts.
        let nots = ms.iter().filter_map(|h| {
            if hedged(&h) {
                Some(h.start)
            } else {
                aside(&h).then(|| h.start - 4)
            }
        });
        // The clause without them.
        let mut from = span.0;
        for at in nots {
            if is_negated(&text[from..at]) {
                return true;
            }
            from = at + 3;
        }
        return from == span.0 || is_negated(&text[from..span.1]);
    }
    if !may_deny {
        return false;
    }
    let one_of = |word: &str, list: &str| {
        word.len() < 16 && crate::extract::is_listed(list, &word.to_ascii_lowercase())
    };
    let (mut before, mut last) = ("", "");
    clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| {
            // "failed to act", "declined to sign": not "declined to comment" (or to say,
            // confirm, elaborate...), which reports that nothing was said.
            let denial = (one_of(
                before,
                " failed fails fail failing declined declines decline declining refused refuses \
                  refuse refusing ",
            ) && last.eq_ignore_ascii_case("to")
                && !one_of(w, " comment say confirm elaborate discuss speculate "))
                || (one_of(last, " denied denies deny rejected rejects reject ")
                    && one_of(w, " that reports claims "));
            (before, last) = (last, w);
            denial
        })
}

/// The mentions grouped by sentence, each group in the mentions' order, in one list: sentence
/// i's are `grouped[first[i]..first[i + 1]]` for `(first, grouped)`. Mentions of no sentence
/// (an index of `n` or more) are left out.
pub fn by_sentence(n: usize, mentions: &[Mention]) -> (Vec<usize>, Vec<&Mention>) {
    let mut first = vec![0usize; n + 1];
    for m in mentions {
        if m.sentence < n {
            first[m.sentence + 1] += 1;
        }
    }
    for i in 0..n {
        first[i + 1] += first[i];
    }
    let mut grouped: Vec<Option<&Mention>> = vec![None; first[n]];
    let mut next = first.clone();
    for m in mentions {
        if m.sentence < n {
            grouped[next[m.sentence]] = Some(m);
            next[m.sentence] += 1;
        }
    }
    (first, grouped.into_iter().flatten().collect())
}

/// Each sentence's mentions in turn ([`BySentence::get`] with 0, 1, 2, …), in the mentions'
/// order: read off the list where it is in order of sentence (as extraction gives it), grouped
/// first ([`by_sentence`]) where it is not.
struct BySentence<'a> {
    mentions: &'a [Mention],
    grouped: Option<(Vec<usize>, Vec<&'a Mention>)>,
    /// Where the next sentence's mentions start (in order of sentence).
    at: usize,
    buf: Vec<&'a Mention>,
}

impl<'a> BySentence<'a> {
    /// For sentences `first` and on, of `n` in all.
    fn new(n: usize, mentions: &'a [Mention], first: usize) -> BySentence<'a> {
        let in_order = mentions.windows(2).all(|w| w[0].sentence <= w[1].sentence);
        BySentence {
            mentions,
            grouped: (!in_order).then(|| by_sentence(n, mentions)),
            at: if in_order {
                mentions.partition_point(|m| m.sentence < first)
            } else {
                0
            },
            buf: Vec::new(),
        }
    }

    /// Sentence i's mentions; `i` is at least `first` and grows from call to call.
    fn get(&mut self, i: usize) -> &[&'a Mention] {
        if let Some((first, grouped)) = &self.grouped {
            return &grouped[first[i]..first[i + 1]];
        }
        let ms = self.mentions;
        while self.at < ms.len() && ms[self.at].sentence < i {
            self.at += 1;
        }
        self.buf.clear();
        while self.at < ms.len() && ms[self.at].sentence == i {
            self.buf.push(&ms[self.at]);
            self.at += 1;
        }
        &self.buf
    }
}

/// Turns a text's sentences and mentions into claims, in order of their anchors.
///
/// Linear in the text: each sentence's words are normalised once ([`SentenceTerms`]), a
/// clause's terms are counted once, the widening of a value's clause skips clauses that add
/// nothing, and subjects, times and negation are looked up, not rescanned, for each value.
pub fn claims(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Claim> {
    // In order of start, as extraction gives them (a corpus's stored mentions are).
    let mut mentions = mentions.to_vec();
    crate::extract::sort_by_start(&mut mentions);
    claims_of(text, sentences, &Arc::new(mentions))
}

/// [`claims`] over mentions already shared: the claims hold positions in `mentions`.
pub fn claims_of(text: &str, sentences: &[Sentence], mentions: &Mentions) -> Vec<Claim> {
    claims_in_parts(
        text,
        sentences,
        mentions,
        crate::parallel::parts_for(text.len()),
    )
    .0
}

/// [`claims_of`] on `parts` threads (runs of sentences of about equal length); the same result
/// for any `parts`. With the claims, each sentence's [`checkworthiness`] (worked out on the way,
/// and kept for the report).
pub(crate) fn claims_in_parts(
    text: &str,
    sentences: &[Sentence],
    mentions: &Mentions,
    parts: usize,
) -> (Vec<Claim>, Vec<f64>) {
    let found = crate::parallel::for_parts(sentences, parts, |range| {
        claims_in(text, sentences, range, mentions)
    });
    let (claims, worths): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    (crate::parallel::concat(claims, true), worths.concat())
}

/// The claims of sentences `range`, in order, and the sentences' checkworthiness.
fn claims_in(
    text: &str,
    sentences: &[Sentence],
    range: std::ops::Range<usize>,
    mentions: &Mentions,
) -> (Vec<Claim>, Vec<f64>) {
    let mut out = Vec::new();
    // A mention's position in `mentions` (every mention grouped below is one of them).
    let index_of = |m: &Mention| {
        ((m as *const Mention as usize - mentions.as_ptr() as usize)
            / std::mem::size_of::<Mention>()) as u32
    };
    let first = range.start;
    let mut by = BySentence::new(sentences.len(), mentions, first);
    // First the values that give claims, sentence by sentence (the claims of sentence i are
    // made from `values[value_first[i - first]..value_first[i - first + 1]]`), so that the list
    // of claims is allocated once, at its size: claims are large, and a list grown by doubling
    // is up to twice that.
    let mut worths = Vec::with_capacity(range.len());
    // Per sentence: the start of the subject a denial gives a claim to, if any.
    // (Positions and offsets as u32, `NONE` for none: these lists are as long as the text's
    // sentences and values, and live while the claims are made.)
    let mut denials: Vec<u32> = Vec::with_capacity(range.len());
    let mut values: Vec<u32> = Vec::new();
    let mut value_first: Vec<u32> = Vec::with_capacity(range.len() + 1);
    for i in range.clone() {
        let s = &sentences[i];
        value_first.push(values.len() as u32);
        let ms = by.get(i);
        let worth = checkworthiness(&text[s.start..s.end], ms, s.junk);
        worths.push(worth);
        if worth < MIN_CHECKWORTHINESS {
            denials.push(NONE);
            continue;
        }
        let role_entities = role_entities(text, ms);
        let sentence = &text[s.start..s.end];
        let denial = denied_subject(text, ms, &role_entities).filter(|_| is_negated(sentence));
        denials.push(denial.map_or(NONE, |d| d as u32));
        let given = ms.iter().copied().filter(|m| match &m.value {
            Value::Entity { .. } => role_entities.contains(&m.start) || denial == Some(m.start),
            // Two words or more: "perpetual engine" is a quote; a lone quoted word is a term.
            Value::Quote { quote, .. } => quote.split_whitespace().nth(1).is_some(),
            _ => true,
        });
        values.extend(given.take(MAX_CLAIMS_PER_SENTENCE).map(index_of));
    }
    value_first.push(values.len() as u32);
    out.reserve_exact(values.len());
    let mut by = BySentence::new(sentences.len(), mentions, first);
    let mut lists = TermLists::default();
    if let (Some(a), Some(b)) = (
        sentences.get(range.start),
        sentences.get(range.end.wrapping_sub(1)),
    ) {
        lists.cache = TermCache::for_text(b.end.saturating_sub(a.start));
    }
    // Per-sentence lists, emptied and reused from sentence to sentence.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut dates: Vec<&Mention> = Vec::new();
    let mut times: Vec<&Mention> = Vec::new();
    let mut negation: Vec<((usize, usize), bool)> = Vec::new();
    let mut subjects: Vec<(&Mention, bool)> = Vec::new();
    // The sentence's quantities' unit terms, one after another, and each quantity's range.
    let mut unit_arena = String::new();
    let mut units: Vec<(&Mention, (usize, usize))> = Vec::new();
    // The sentence's terms by (address, length), with their places (see `local_of`).
    let mut by_address: Vec<(usize, usize, usize)> = Vec::new();
    // A claim's local terms and the term ids they are worked out from (see `local_terms`): the
    // terms' list is the sentence's, made from this one's allocation and given back to it.
    let mut set: Vec<u32> = Vec::new();
    let mut spare: Vec<&'static str> = Vec::new();
    // The sentence's terms, made from this one's allocation and given back to it.
    let mut spare_all: Vec<&'static str> = Vec::new();
    for i in range {
        let s = &sentences[i];
        let given = &values[value_first[i - first] as usize..value_first[i - first + 1] as usize];
        if given.is_empty() {
            continue;
        }
        let ms = by.get(i);
        let worth = worths[i - first];
        let sent = &text[s.start..s.end];
        clauses_into(sent, s.start, &mut parts);
        let st = SentenceTerms::new(
            text,
            (s.start, s.end),
            ms,
            &parts,
            std::mem::take(&mut lists),
        );
        let mut local_buf = recycled(std::mem::take(&mut spare));
        unit_arena.clear();
        units.clear();
        for &m in ms {
            if let Value::Quantity(_, unit) = &m.value {
                let at = unit_arena.len();
                if normalize_into(unit, &mut unit_arena) {
                    units.push((m, (at, unit_arena.len())));
                }
            }
        }
        // Sorted and unique already: each unit goes in at its place unless it is there.
        let mut all_terms = recycled(std::mem::take(&mut spare_all));
        st.span_terms_ref((s.start, s.end), None, &mut set, &mut all_terms);
        for u in &units {
            let t = &unit_arena[u.1 .0..u.1 .1];
            if let Err(at) = all_terms.binary_search(&t) {
                all_terms.insert(at, t);
            }
        }
        // Each term's place by its address: a claim's local terms are mostly the same slices.
        addresses_into(&all_terms, &mut by_address);
        // A verb that denies without a "not" ("failed to", "denied that"): looked for in the
        // text (`denies`) only where the sentence has its term.
        let may_deny = all_terms
            .iter()
            .any(|t| matches!(*t, "fail" | "deny" | "reject" | "declin" | "refus"));
        let terms = Terms::from_strs(&all_terms);
        spare_all = recycled(all_terms);
        let all_terms = terms;
        // Entities that can be a subject (not only reporting the claim), in order: listed when
        // a value first needs them.
        subjects.clear();
        let mut subjects_listed = false;
        // Date mentions, in order of start, for each value's time.
        dates.clear();
        dates.extend(
            ms.iter()
                .copied()
                .filter(|d| matches!(d.value, Value::Date(_))),
        );
        // A figure's time is not a date it is compared with ("up 12% from 2024").
        times.clear();
        times.extend(dates.iter().copied().filter(|d| !is_base(text, d)));
        // Whether each span of clauses used so far is negated (a value's span is usually one
        // of a few).
        negation.clear();
        // Who reports a claim ("Tokayev said") is not part of what it says.
        let mut reporter_terms: Vec<String> = Vec::new();
        for e in ms {
            if let Value::Entity { name, .. } = &e.value {
                if is_reporter(text, e) {
                    let lower = name.to_lowercase();
                    if let Some((_, last)) = lower.rsplit_once(' ') {
                        reporter_terms.push(last.to_string());
                    }
                    reporter_terms.push(lower);
                }
            }
        }
        for &at in given {
            let m = &mentions[at as usize];
            // The counted noun is part of the predicate ("600 companies" is about companies).
            let unit_term = units
                .iter()
                .find(|u| std::ptr::eq(u.0, m))
                .map(|u| &unit_arena[u.1 .0..u.1 .1]);
            // The clause holding the value, widened until it has two terms.
            let (span, own) =
                st.local_terms(m, unit_term, &reporter_terms, &mut set, &mut local_buf);
            // "The country of about 30 million people ranks 50th in …": a count that describes
            // a noun, in a clause that states another value, is about that noun alone.
            let described = described_noun(text, m, unit_term);
            let described_terms: Vec<&str>;
            let (local, span): (&[&str], _) = match &described {
                Some((terms, np))
                    if ms.iter().any(|o| {
                        o.start != m.start
                            && !matches!(
                                o.value,
                                Value::Entity { .. } | Value::Quote { .. } | Value::Date(_)
                            )
                            && span.0 <= o.start
                            && o.end <= span.1
                    }) =>
                {
                    described_terms = terms.iter().map(String::as_str).collect();
                    (&described_terms, *np)
                }
                _ => (&local_buf, span),
            };
            // "Exports rose not 10% but 5%": a "but" clause borrows terms from the clause
            // before it, not its denial.
            let span_denied =
                if span.0 < own && starts_with_ignoring_case(&text.as_bytes()[own..], "but ") {
                    (own, span.1)
                } else {
                    span
                };
            let negated = match negation.iter().find(|n| n.0 == span_denied) {
                Some(n) => n.1,
                None => {
                    let negated = denies(text, span_denied, ms, may_deny);
                    negation.push((span_denied, negated));
                    negated
                }
            };
            // A subject is a claim of its own only where its own clause denies something.
            if denials[i - first] as usize == m.start && !negated {
                continue;
            }
            let quals = qualifiers(text, m);
            // Each with whether a preposition comes before it ("in Kazakhstan").
            if !subjects_listed {
                subjects_listed = true;
                subjects.extend(
                    ms.iter()
                        .copied()
                        .filter(|e| {
                            matches!(e.value, Value::Entity { .. }) && !is_reporter(text, e)
                        })
                        .map(|e| (e, after_preposition(text, e.start))),
                );
            }
            // "600 American companies": the qualifier is not the subject.
            let usable = |e: &&(&Mention, bool)| {
                let e = e.0;
                let qualifier = e.start >= m.end
                    && e.start - m.end < 40
                    && quals.iter().any(|q| text[e.start..e.end] == **q);
                let overlaps = e.start < m.end && m.start < e.end;
                !qualifier && !overlaps
            };
            // An entity in the value's clause first, then any in the sentence; a name after a
            // preposition ("ranks 50th in the Human Development Index") is where, not who: it
            // is the subject only when nothing else is, and only in the value's own clause.
            let from = subjects.partition_point(|e| e.0.start < span.0);
            let in_clause = || {
                subjects[from..]
                    .iter()
                    .take_while(|e| e.0.start <= span.1)
                    .filter(|e| e.0.end <= span.1)
                    .filter(usable)
            };
            // Borrowed from another clause only from before the value's, and only when the
            // value's clause has no subject of its own ("…, and the war in Gaza slowed it").
            let may_borrow = !opens_with_subject(&text[span.0..span.1]);
            let subject = match &m.value {
                Value::Quote {
                    speaker: Some(_), ..
                } => Some(m),
                Value::Entity { .. } => in_clause()
                    .find(|e| !e.1)
                    .or_else(|| {
                        subjects[..from]
                            .iter()
                            .filter(usable)
                            .find(|e| !e.1 && may_borrow)
                    })
                    .or_else(|| in_clause().next())
                    .map(|e| e.0),
                _ => named_for(text, &subjects, m, own)
                    .or_else(|| {
                        in_clause()
                            .find(|e| !e.1)
                            .map(|e| past_possessive(text, &subjects, e.0, m))
                    })
                    .or_else(|| {
                        subjects[..from]
                            .iter()
                            .filter(usable)
                            .find(|e| !e.1 && may_borrow)
                            .map(|e| e.0)
                    })
                    .or_else(|| in_clause().next().map(|e| e.0)),
            };
            let time = nearest_date(
                text,
                match m.value {
                    Value::Date(_) => &dates,
                    _ => &times,
                },
                m,
            );
            let (local, list) = local_of(local, &all_terms, &by_address);
            let rare = (list.is_some() || !quals.is_empty()).then(|| {
                Box::new(Rare {
                    value: None,
                    local: list,
                    qualifiers: quals.into(),
                })
            });
            out.push(Claim {
                time_at: time.map_or(NONE, index_of),
                sentence: i,
                start: s.start,
                end: s.end,
                anchor: (m.start, m.end),
                mentions: mentions.clone(),
                at,
                subject_at: subject.map_or(NONE, index_of),
                local,
                rare,
                terms: all_terms.clone(),
                negated,
                checkworthiness: worth,
            });
        }
        spare = recycled(local_buf);
        lists = st.into_lists();
    }
    (out, worths)
}

/// A count that describes the noun before it ("a country of about 30 million people", "the
/// fleet of 300 aircraft"): that noun's and the counted noun's terms, and the span from the noun
/// to the counted noun. `None` for other counts, for a noun that is itself a measure or a change
/// ("a total of 600 companies", "a rise of 3,000 jobs": what the clause says is the claim), and
/// when the two give fewer than two terms.
fn described_noun(
    text: &str,
    m: &Mention,
    unit: Option<&str>,
) -> Option<(Vec<String>, (usize, usize))> {
    let unit = unit?;
    let before = text[..m.start].trim_end();
    let before = before.strip_suffix("of")?;
    let head_end = before.trim_end().len();
    if head_end == before.len() {
        return None; // "…of" inside a word
    }
    // The start of the alphabetic run that ends `s` (by characters: no cut inside one).
    let word_start = |s: &str| {
        s.char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(s.len(), |(i, _)| i)
    };
    let head_start = word_start(&before[..head_end]);
    let head = &before[head_start..head_end];
    let det = before[..head_start].trim_end();
    let det = &det[word_start(det)..];
    if !["a", "an", "the", "its", "this", "that"]
        .iter()
        .any(|d| det.eq_ignore_ascii_case(d))
        || MEASURE_NOUNS.iter().any(|w| head.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let head = normalize(head)?;
    let after = &text[m.end..];
    let unit_end = m.end + after.len() - after.trim_start().len();
    let unit_end = unit_end
        + text[unit_end..]
            .find(|c: char| !(c.is_alphabetic() || c == '-'))
            .unwrap_or(text.len() - unit_end);
    let mut terms = vec![head, unit.to_string()];
    terms.sort();
    terms.dedup();
    (terms.len() == 2).then_some((terms, (head_start, unit_end)))
}

/// Nouns whose "of" count is what a clause states ("a total of", "a rise of"), not a description.
const MEASURE_NOUNS: [&str; 22] = [
    "total", "number", "sum", "average", "maximum", "minimum", "record", "rise", "increase",
    "fall", "drop", "decline", "gain", "loss", "growth", "cut", "tally", "count", "peak", "high",
    "low", "estimate",
];

/// (address, length, place) of each slice of `list`, sorted, into `out` (emptied first): what
/// [`local_of`] finds a slice's place by.
fn addresses_into(list: &[&str], out: &mut Vec<(usize, usize, usize)>) {
    out.clear();
    out.extend(
        list.iter()
            .enumerate()
            .map(|(k, t)| (t.as_ptr() as usize, t.len(), k)),
    );
    out.sort_unstable();
}

/// A claim's local terms as a bit set over the sentence's `terms` when it can be, else as a list.
/// `by_address`: (address, length, place in `terms`) of the slices `terms` was made from, sorted:
/// a local term that is one of those slices is found by its address; any other by its text.
fn local_of(
    local: &[&str],
    terms: &Terms,
    by_address: &[(usize, usize, usize)],
) -> (u64, Option<Box<[Box<str>]>>) {
    if terms.len() <= 64 {
        let mut mask = 0u64;
        let place = |t: &str| {
            let at = t.as_ptr() as usize;
            let k = by_address.partition_point(|e| e.0 < at);
            match by_address.get(k) {
                Some(&(a, len, place)) if a == at && len == t.len() => Ok(place),
                _ => terms.binary_search(t),
            }
        };
        let all = local.iter().all(|t| match place(t) {
            Ok(i) => {
                mask |= 1 << i;
                true
            }
            Err(_) => false,
        });
        if all {
            return (mask, None);
        }
    }
    (0, Some(local.iter().map(|&t| Box::from(t)).collect()))
}

/// The subject a figure's own words name, by two small rules (`subjects`: the sentence's
/// entities that can be one, in order, each with whether a preposition comes before it; `own`:
/// the start of the figure's clause):
/// - a relative clause is about the name before it: "Trump praised Tokayev, who has ruled since
///   2019" (2019 is Tokayev's);
/// - a name right before the figure after "and" or a comma is its subject: "Kazakhstan grew 6%
///   and Uzbekistan 5%" (5% is Uzbekistan's).
fn named_for<'a>(
    text: &str,
    subjects: &[(&'a Mention, bool)],
    m: &Mention,
    own: usize,
) -> Option<&'a Mention> {
    if subjects.is_empty() {
        return None;
    }
    let b = text.as_bytes();
    let ending_at = |at: usize| subjects.iter().find(|e| e.0.end == at && !e.1).map(|e| e.0);
    if own < m.start && starts_with_ignoring_case(b[own..].trim_ascii_start(), "who ") {
        let before = b[..own].trim_ascii_end();
        if let Some(before) = before.strip_suffix(b",") {
            return ending_at(before.trim_ascii_end().len());
        }
    }
    let before = b[..m.start].trim_ascii_end();
    let e = ending_at(before.len()).filter(|_| before.len() < m.start)?;
    let lead = b[..e.start].trim_ascii_end();
    (lead.ends_with(b",")
        || (lead.len() > 4 && lead[lead.len() - 4..].eq_ignore_ascii_case(b" and")))
    .then_some(e)
}

/// A possessive before a name is not the subject: "Uzbekistan's neighbour Kazakhstan grew 6%"
/// (6% is Kazakhstan's). `e`, unless it is a possessive that the next name before `m` follows
/// after one or two lower-case words, none "of" or a preposition ("Russia's invasion of Ukraine"
/// stays Russia's).
fn past_possessive<'a>(
    text: &str,
    subjects: &[(&'a Mention, bool)],
    e: &'a Mention,
    m: &Mention,
) -> &'a Mention {
    let after = &text[e.end..];
    let Some(rest) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
    else {
        return e;
    };
    let Some(next) = subjects
        .iter()
        .find(|n| n.0.start > e.end && !n.1 && n.0.end <= m.start)
    else {
        return e;
    };
    let between = &text[text.len() - rest.len()..next.0.start];
    let lower = between.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_lowercase())
            && !PREPOSITIONS.iter().any(|p| w.eq_ignore_ascii_case(p))
            && !["of", "and"].iter().any(|p| w.eq_ignore_ascii_case(p))
    });
    if lower && (1..=2).contains(&between.split_whitespace().count()) {
        next.0
    } else {
        e
    }
}

/// The date a value is of: the one "in" puts it in ("$4 billion in 2024"), else the date mention
/// nearest to it that does not start where it does (ties: the least ISO form). `dates` is sorted
/// by start: for a figure, the sentence's dates but those a comparison starts from ([`is_base`]);
/// for a date, all the others.
fn nearest_date<'a>(text: &str, dates: &[&'a Mention], m: &Mention) -> Option<&'a Mention> {
    let at = m.start;
    // "to $5 billion in 2025 from $4 billion in 2024": each amount's own "in".
    if !matches!(m.value, Value::Date(_))
        && text
            .as_bytes()
            .get(m.end..m.end + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b" in "))
    {
        let d_at = m.end + 4;
        let own = dates.partition_point(|d| d.start < d_at);
        if let Some(d) = dates.get(own).filter(|d| d.start == d_at) {
            return Some(d);
        }
    }
    let mut best: Option<(usize, &str, &Mention)> = None;
    // The nearest start before `at`, and the nearest after it, each with every date sharing it.
    let before = dates.partition_point(|d| d.start < at);
    let after = dates.partition_point(|d| d.start <= at);
    let last_before = before.checked_sub(1).map(|last| dates[last].start);
    let first_after = dates.get(after).map(|d| d.start);
    let near = dates[..before]
        .iter()
        .rev()
        .take_while(|d| Some(d.start) == last_before)
        .chain(
            dates[after..]
                .iter()
                .take_while(|d| Some(d.start) == first_after),
        );
    for d in near {
        if let Value::Date(date) = &d.value {
            let c = (d.start.abs_diff(at), date.iso.as_str());
            if best.map_or(true, |b| c < (b.0, b.1)) {
                best = Some((c.0, c.1, *d));
            }
        }
    }
    best.map(|b| b.2)
}

/// A date a comparison starts from: after "from", "since", "than", "than in", "compared with",
/// "compared to", "versus" or "vs" ("up 12% from 2024", "the highest since 2014"), but not the
/// start of a period ("from 2020 to 2024") nor an origin ("the accords date from 2020").
fn is_base(text: &str, d: &Mention) -> bool {
    is_base_at(
        text,
        d.start,
        d.end,
        matches!(&d.value, Value::Date(x) if x.iso.contains('/')),
    )
}

/// [`is_base`] of a date at bytes `start..end` of `text`; `period`: the date is one ("from 2020
/// to 2024" read as one date: it starts there).
pub(crate) fn is_base_at(text: &str, start: usize, end: usize, period: bool) -> bool {
    // Whether `s` ends with one of `words` (in any case) after a non-word byte or nothing.
    let ends_with_word = |s: &[u8], words: &[&str]| {
        words.iter().any(|w| {
            s.len() >= w.len()
                && s[s.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
                && (s.len() == w.len() || !s[s.len() - w.len() - 1].is_ascii_alphanumeric())
        })
    };
    let before = text.as_bytes()[..start].trim_ascii_end();
    // Most dates follow "in", "on" or "of": the last two letters rule out all but a few.
    match before {
        [.., a, b]
            if matches!(
                [a | 0x20, b | 0x20],
                [b'o', b'm']
                    | [b'c', b'e']
                    | [b'a', b'n']
                    | [b'i', b'n']
                    | [b't', b'h']
                    | [b't', b'o']
                    | [b'u', b's']
                    | [b'v', b's']
                    | [b's', b'.']
            ) => {}
        _ => return false,
    }
    let base = ends_with_word(
        before,
        &[
            "since",
            "than",
            "than in",
            "compared with",
            "compared to",
            "versus",
            "vs",
            "vs.",
        ],
    ) || (!period
        && ends_with_word(before, &["from"])
        && !ends_with_word(
            before[..before.len() - 4].trim_ascii_end(),
            &["date", "dates", "dated", "dating"],
        ));
    let after = text[end..].trim_start().as_bytes();
    base && !["to ", "until ", "through ", "-", "–"]
        .iter()
        .any(|w| starts_with_ignoring_case(after, w))
}

/// Terms as claims compare them: an entity name of several words also gives its head ("kazakh
/// president kassym-jomart tokayev" gives "tokayev"), so that two forms of one name share a
/// term; "gross domestic product" is "gdp"; sorted and unique.
///
/// `sorted`: whether `out` is sorted and unique already (then, when nothing is added, it is not
/// sorted again).
fn fold_terms(out: &mut Vec<&str>, sorted: bool) {
    let n = out.len();
    for k in 0..n {
        let t = out[k];
        // Most terms are one word: a byte scan, not a char searcher, finds the last space. (A
        // last word of four bytes or more after a space needs six bytes in all.)
        if t.len() < 6 {
            continue;
        }
        if let Some(at) = t.bytes().rposition(|b| b == b' ') {
            let last = &t[at + 1..];
            if last.len() > 3 {
                out.push(last);
            }
        }
    }
    let mut changed = out.len() != n;
    if ["gross", "domestic", "product"]
        .iter()
        .all(|w| out.iter().any(|t| t == w))
    {
        out.retain(|t| !matches!(*t, "gross" | "domestic" | "product"));
        out.push("gdp");
        changed = true;
    }
    // Nothing added to a sorted list: as it is. (Not the length: "gdp" for three terms and two
    // last words added leave it as it was.)
    if !sorted || changed {
        out.sort_unstable();
        out.dedup();
    }
}

/// A value's local terms say too little to place it: fewer than two terms, not counting the
/// generic time words ("now runs at $6 billion a year" says "run" only).
/// `dated`: a date of the clauses has a word, which counts as one term ([`dated`]).
fn says_little<S: AsRef<str>>(terms: &[S], dated: bool) -> bool {
    terms
        .iter()
        .filter(|t| !matches!(t.as_ref(), "year" | "years" | "time"))
        .nth(usize::from(!dated))
        .is_none()
}

/// Whether a date among `covered` (see [`TermLists`]) inside `span`, other than mention `m`,
/// has a word ("last year", "Thursday"; not "2024"). A date's words give no term (what is
/// claimed is not when), but a value's clause that says when it holds is not widened for want
/// of them ("its economy, worth $288 billion last year, …"): such a date counts as one term.
fn dated(text: &str, covered: &[(usize, usize, bool)], span: (usize, usize), m: &Mention) -> bool {
    covered.iter().any(|&(a, b, date)| {
        date && span.0 <= a
            && b <= span.1
            && (b <= m.start || m.end <= a)
            && text[a..b].bytes().any(|c| c.is_ascii_alphabetic())
    })
}

/// A clause that opens with a subject pronoun or "there" ("there are 300 companies", "it
/// ranks 50th"): it has a subject of its own, so it is not more words about the clause before.
fn own_subject(clause: &str) -> bool {
    let first = clause
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    ["there", "it", "they", "he", "she", "we", "i"]
        .iter()
        .any(|p| first.eq_ignore_ascii_case(p))
}

/// A clause that names its own subject before anything else: a subject pronoun, or after a
/// leading "and", "but" or "while" a definite determiner or a subject pronoun ("and the war in
/// Gaza slowed…"; not "and a population of …", which goes on listing what the clause before
/// says, nor "and its population …", which points back to the subject before).
fn opens_with_subject(clause: &str) -> bool {
    let mut words = clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    if !["and", "but", "while", "yet"]
        .iter()
        .any(|c| first.eq_ignore_ascii_case(c))
    {
        // Without a conjunction a determiner opens an apposition ("Uzbekistan, the region's
        // most populous nation, …"): about the name before it.
        return own_subject(first);
    }
    let next = words.next().unwrap_or("");
    own_subject(next)
        || ["the", "this", "these", "that", "those"]
            .iter()
            .any(|d| next.eq_ignore_ascii_case(d))
}

/// A sentence's words and entities, normalised once, for the terms of any span of its clauses
/// (what `terms_of` gives for that span, without rescanning it).
///
/// Clause boundaries fall on characters that are not word characters, so a span of clauses
/// holds whole words of the sentence, and its terms are those of the words inside it (less the
/// words inside an entity) plus the names of the entities inside it. Terms are numbered in
/// their sorted order, so sorting numbers sorts the terms.
struct SentenceTerms<'a> {
    /// The text the sentence is in.
    text: &'a str,
    /// The sentence's span.
    sentence: (usize, usize),
    /// The clauses (absolute byte spans), as [`clauses`] gives them.
    parts: &'a [(usize, usize)],
    /// Its lists, kept from sentence to sentence.
    l: TermLists,
}

/// The lists of a [`SentenceTerms`], and the scratch lists it is built with: kept from sentence
/// to sentence ([`SentenceTerms::into_lists`]) so that each is allocated a few times per text
/// rather than once per sentence.
#[derive(Default)]
struct TermLists {
    /// The sentence's terms and lower-cased entity names, one after another.
    arena: String,
    /// Every distinct term and lower-cased entity name of the sentence, sorted: its range of
    /// `arena`.
    strings: Vec<(usize, usize)>,
    /// Words that give a term and are not inside an entity: start, end, term.
    words: Vec<(usize, usize, u32)>,
    /// Entity mentions, by start: start, end, name, first clause, last clause (`usize::MAX` or
    /// `parts.len()` when the entity reaches outside the clauses).
    entities: Vec<(usize, usize, u32, usize, usize)>,
    /// Where each term occurs (words and entity mentions), term by term, each by start: term
    /// t's are `occurrences[occurrences_first[t]..occurrences_first[t + 1]]`.
    occurrences: Vec<(usize, usize)>,
    occurrences_first: Vec<usize>,
    /// Per clause: its words' index range in `words`.
    clause_words: Vec<(usize, usize)>,
    /// Each clause's distinct word terms and how many words give each, clause by clause: clause
    /// k's are `clause_terms[clause_terms_first[k]..clause_terms_first[k + 1]]`.
    clause_terms: Vec<(u32, u32)>,
    clause_terms_first: Vec<usize>,
    /// Per clause: the names of the entities inside it.
    clause_names: Vec<Vec<u32>>,
    /// Entities over more than one clause (indices into `entities`), by first and last clause.
    across_by_first: Vec<Vec<usize>>,
    across_by_last: Vec<Vec<usize>>,
    /// Per clause: the nearest clause at or before it, and at or after it, that can add a term.
    prev_adding: Vec<Option<usize>>,
    next_adding: Vec<Option<usize>>,
    /// Scratch while building: entities and words with their ranges of `arena`, the order of
    /// the distinct strings, term ids, and (term, start, end) of every occurrence.
    raw_entities: Vec<(usize, usize, (usize, usize))>,
    /// The sentence's entity and date mentions: start, end, whether a date.
    covered: Vec<(usize, usize, bool)>,
    raw_words: Vec<(usize, usize, (usize, usize))>,
    order: Vec<(u128, usize)>,
    ids: Vec<u32>,
    located: Vec<(u32, usize, usize)>,
    /// The terms of the text's words so far.
    cache: TermCache,
}

/// The first 16 bytes of `s` as a big-endian number, zero-padded: for strings without a NUL,
/// `prefix_key(a) < prefix_key(b)` implies `a < b`, and equal keys leave it to the rest.
fn prefix_key(s: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s[..n]);
    u128::from_be_bytes(b)
}

/// `list`, emptied, for reuse.
fn cleared<T>(list: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(list);
    v.clear();
    v
}

/// `list`, emptied, as a list of borrowed strings of another lifetime, for reuse: `collect` of a
/// `Vec`'s own iterator mapped to a type of the same size keeps its allocation (a test checks).
fn recycled<'b>(mut list: Vec<&str>) -> Vec<&'b str> {
    list.clear();
    list.into_iter().map(|_| "").collect()
}

/// `lists`, `n` empty lists (those it had first, emptied), for reuse.
fn cleared_lists<T>(lists: &mut Vec<Vec<T>>, n: usize) -> Vec<Vec<T>> {
    let mut v = std::mem::take(lists);
    v.truncate(n);
    for l in &mut v {
        l.clear();
    }
    v.resize_with(n, Vec::new);
    v
}

/// A char of a word, as terms are split (`terms_of`, [`SentenceTerms::new`]).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// Whether the char at byte `i` of `s` is a word's ([`is_word`]), and where the next char starts.
#[inline(always)]
fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    match s.as_bytes()[i] {
        x if x < 0x80 => (ASCII_WORD[x as usize], i + 1),
        _ => {
            let c = crate::extract::char_at(s, i);
            (is_word(c), i + c.len_utf8())
        }
    }
}

/// [`is_word`] of the ASCII chars, by their byte.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'-';
        b += 1;
    }
    t
};

impl<'a> SentenceTerms<'a> {
    fn new(
        text: &'a str,
        sentence: (usize, usize),
        mentions: &[&Mention],
        parts: &'a [(usize, usize)],
        mut lists: TermLists,
    ) -> SentenceTerms<'a> {
        let n = parts.len();
        let slice = &text[sentence.0..sentence.1];
        // Every term and lower-cased name, one after another: words and entities hold ranges of it.
        let mut arena = std::mem::take(&mut lists.arena);
        arena.clear();
        arena.reserve(slice.len() + 16);
        let mut raw_entities = cleared(&mut lists.raw_entities);
        // Words, split as `terms_of` splits them, below: a word inside an entity gives no term,
        // nor one inside a date: its words are its time, not what is claimed ("GDP of $350
        // billion last year"). The spans of both, by start (as the mentions are), each with
        // whether it is a date's. (Mentions are in order of start: `claims` sorts them.)
        let mut covered = cleared(&mut lists.covered);
        for m in mentions {
            let date = match &m.value {
                Value::Entity { name, .. } => {
                    let at = arena.len();
                    push_lower(&mut arena, name);
                    raw_entities.push((m.start, m.end, (at, arena.len())));
                    false
                }
                Value::Date(_) => true,
                _ => continue,
            };
            covered.push((m.start, m.end, date));
        }
        let mut raw_words = cleared(&mut lists.raw_words);
        let mut cache = std::mem::take(&mut lists.cache);
        let mut next_covered = 0;
        // The furthest end of the entities and dates that start at or before a word.
        let mut reach = 0;
        let b = slice.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Up to the next word, then to its end.
            let (w, next) = word_char_at(slice, i);
            if !w {
                i = next;
                continue;
            }
            let ws_rel = i;
            i = next;
            while i < b.len() {
                let (w, next) = word_char_at(slice, i);
                if !w {
                    break;
                }
                i = next;
            }
            let (ws, we) = (sentence.0 + ws_rel, sentence.0 + i);
            while next_covered < covered.len() && covered[next_covered].0 <= ws {
                reach = reach.max(covered[next_covered].1);
                next_covered += 1;
            }
            if next_covered > 0 && reach >= we {
                continue;
            }
            let at = arena.len();
            if cache.normalize_into(&slice[ws_rel..i], &mut arena) {
                raw_words.push((ws, we, (at, arena.len())));
            }
        }
        // Number the distinct strings in sorted order (words first, then entities).
        let nw = raw_words.len();
        let total = nw + raw_entities.len();
        let range = |k: usize| match raw_words.get(k) {
            Some(w) => w.2,
            None => raw_entities[k - nw].2,
        };
        let key = |k: usize| {
            let (a, b) = range(k);
            &arena[a..b]
        };
        // Sorted by their first 16 bytes as a number first (big-endian, zero-padded: the strings'
        // order, as no term or name holds a NUL), the whole strings compared only on a tie.
        let mut order = cleared(&mut lists.order);
        order.extend((0..total).map(|k| (prefix_key(key(k).as_bytes()), k)));
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(key(b.1))));
        let mut ids = cleared(&mut lists.ids);
        ids.resize(total, 0);
        let mut strings = cleared(&mut lists.strings);
        for (j, &(_, k)) in order.iter().enumerate() {
            if j == 0 || key(order[j - 1].1) != key(k) {
                strings.push(range(k));
            }
            ids[k] = strings.len() as u32 - 1;
        }
        let id = |k: usize| ids[k];
        let mut words = cleared(&mut lists.words);
        words.extend(raw_words.iter().enumerate().map(|(k, w)| (w.0, w.1, id(k))));
        // The clause holding a start (the last one starting at or before it), and the clause
        // holding an end (the first one ending at or after it).
        let first_clause = |at: usize| {
            parts
                .partition_point(|p| p.0 <= at)
                .checked_sub(1)
                .unwrap_or(usize::MAX)
        };
        let last_clause = |at: usize| parts.partition_point(|p| p.1 < at);
        let mut entities = cleared(&mut lists.entities);
        entities.extend(
            raw_entities
                .iter()
                .enumerate()
                .map(|(k, e)| (e.0, e.1, id(nw + k), first_clause(e.0), last_clause(e.1))),
        );
        let mut located = cleared(&mut lists.located);
        located.extend(
            words
                .iter()
                .map(|w| (w.2, w.0, w.1))
                .chain(entities.iter().map(|e| (e.2, e.0, e.1))),
        );
        located.sort_unstable();
        let mut occurrences_first = cleared(&mut lists.occurrences_first);
        for (j, o) in located.iter().enumerate() {
            while occurrences_first.len() <= o.0 as usize {
                occurrences_first.push(j);
            }
        }
        while occurrences_first.len() <= strings.len() {
            occurrences_first.push(located.len());
        }
        let mut occurrences = cleared(&mut lists.occurrences);
        occurrences.extend(located.iter().map(|o| (o.1, o.2)));
        let mut clause_words = cleared(&mut lists.clause_words);
        let mut clause_terms = cleared(&mut lists.clause_terms);
        let mut clause_terms_first = cleared(&mut lists.clause_terms_first);
        // The sentence's ids are no longer needed: their list is each clause's scratch.
        for &(a, b) in parts {
            let lo = words.partition_point(|w| w.0 < a);
            let hi = lo + words[lo..].partition_point(|w| w.1 <= b);
            clause_words.push((lo, hi));
            ids.clear();
            ids.extend(words[lo..hi].iter().map(|w| w.2));
            ids.sort_unstable();
            clause_terms_first.push(clause_terms.len());
            let from = clause_terms.len();
            for &t in &ids {
                match clause_terms[from..].last_mut() {
                    Some(last) if last.0 == t => last.1 += 1,
                    _ => clause_terms.push((t, 1)),
                }
            }
        }
        clause_terms_first.push(clause_terms.len());
        let mut clause_names = cleared_lists(&mut lists.clause_names, n);
        let mut across_by_first = cleared_lists(&mut lists.across_by_first, n);
        let mut across_by_last = cleared_lists(&mut lists.across_by_last, n);
        for (k, e) in entities.iter().enumerate() {
            let (first, last) = (e.3, e.4);
            if first >= n || last >= n {
                continue; // never inside a span of clauses
            }
            if first == last {
                clause_names[first].push(e.2);
            } else {
                across_by_first[first].push(k);
                across_by_last[last].push(k);
            }
        }
        for names in &mut clause_names {
            names.sort_unstable();
            names.dedup();
        }
        let adding = |k: usize| {
            clause_words[k].0 < clause_words[k].1
                || !clause_names[k].is_empty()
                || !across_by_first[k].is_empty()
                || !across_by_last[k].is_empty()
        };
        let mut prev_adding = cleared(&mut lists.prev_adding);
        let mut last = None;
        for k in 0..n {
            if adding(k) {
                last = Some(k);
            }
            prev_adding.push(last);
        }
        let mut next_adding = cleared(&mut lists.next_adding);
        next_adding.resize(n, None);
        let mut next = None;
        for k in (0..n).rev() {
            if adding(k) {
                next = Some(k);
            }
            next_adding[k] = next;
        }
        SentenceTerms {
            text,
            sentence,
            parts,
            l: TermLists {
                arena,
                strings,
                words,
                entities,
                occurrences,
                occurrences_first,
                clause_words,
                clause_terms,
                clause_terms_first,
                clause_names,
                across_by_first,
                across_by_last,
                prev_adding,
                next_adding,
                raw_entities,
                covered,
                raw_words,
                order,
                ids,
                located,
                cache,
            },
        }
    }

    /// Its lists, for the next sentence.
    fn into_lists(self) -> TermLists {
        self.l
    }

    /// Clause k's text.
    fn clause_text(&self, k: usize) -> &str {
        &self.text[self.parts[k].0..self.parts[k].1]
    }

    /// Clause k's distinct word terms and how many words give each.
    fn clause_terms(&self, k: usize) -> &[(u32, u32)] {
        &self.l.clause_terms[self.l.clause_terms_first[k]..self.l.clause_terms_first[k + 1]]
    }

    /// Term `t`.
    fn term(&self, t: u32) -> &str {
        let (a, b) = self.l.strings[t as usize];
        &self.l.arena[a..b]
    }

    /// The terms of `span` (normalised, sorted, unique), leaving out words that overlap `skip`:
    /// what `terms_of` gives; into `terms` (emptied first), with `ids` as scratch.
    fn span_terms_ref<'s>(
        &'s self,
        span: (usize, usize),
        skip: Option<(usize, usize)>,
        ids: &mut Vec<u32>,
        terms: &mut Vec<&'s str>,
    ) {
        ids.clear();
        let from = self.l.words.partition_point(|w| w.0 < span.0);
        for w in self.l.words[from..].iter().take_while(|w| w.0 < span.1) {
            if w.1 <= span.1 && !skip.is_some_and(|(s, e)| w.0 < e && s < w.1) {
                ids.push(w.2);
            }
        }
        let from = self.l.entities.partition_point(|e| e.0 < span.0);
        for e in self.l.entities[from..].iter().take_while(|e| e.0 <= span.1) {
            if e.1 <= span.1 && !skip.is_some_and(|(s, x)| e.0 < x && s < e.1) {
                ids.push(e.2);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        // Ids are numbered in the order of their strings: sorted ids, sorted terms.
        terms.clear();
        terms.extend(ids.iter().map(|&t| self.term(t)));
        fold_terms(terms, true);
    }

    /// The terms of a set of term ids for value `m` over `span`: `m`'s own entity left out
    /// (unless it also occurs elsewhere in the span), [`fold_terms`], the unit, and without the
    /// reporters' names: what `terms_of` and the unit and reporter filters give; into `terms`
    /// (emptied first).
    fn finish<'s>(
        &'s self,
        set: &[u32],
        m: &Mention,
        span: (usize, usize),
        unit: Option<&'s str>,
        reporters: &[String],
        terms: &mut Vec<&'s str>,
    ) {
        let own = match m.value {
            Value::Entity { .. } => self
                .l
                .entities
                .iter()
                .find(|e| e.0 == m.start && e.1 == m.end)
                .map(|e| e.2),
            _ => None,
        };
        let elsewhere = |t: u32| {
            let t = t as usize;
            let at =
                &self.l.occurrences[self.l.occurrences_first[t]..self.l.occurrences_first[t + 1]];
            let from = at.partition_point(|o| o.0 < span.0);
            at[from..]
                .iter()
                .take_while(|o| o.0 < span.1)
                .any(|o| o.1 <= span.1 && !(o.0 < m.end && m.start < o.1))
        };
        terms.clear();
        terms.extend(
            set.iter()
                .filter(|&&t| Some(t) != own || elsewhere(t))
                .map(|&t| self.term(t)),
        );
        fold_terms(terms, set.windows(2).all(|w| w[0] < w[1]));
        if let Some(u) = unit {
            if let Err(at) = terms.binary_search(&u) {
                terms.insert(at, u);
            }
        }
        terms.retain(|t| !reporters.iter().any(|r| r == t));
    }

    /// The terms local to mention `m`: those of the clause holding it, widened (first towards
    /// the start of the sentence, then towards its end) until there are two, with `unit`; and
    /// the span of the clauses used, and the start of the value's own clause. The terms go to
    /// `terms` (emptied first); `set` is scratch.
    /// (Both kept from claim to claim by the caller: most claims need no list of their own.)
    fn local_terms<'s>(
        &'s self,
        m: &Mention,
        unit: Option<&'s str>,
        reporters: &[String],
        set: &mut Vec<u32>,
        terms: &mut Vec<&'s str>,
    ) -> ((usize, usize), usize) {
        let n = self.parts.len();
        if n == 0 {
            self.span_terms_ref(self.sentence, Some((m.start, m.end)), set, terms);
            if let Some(u) = unit {
                if let Err(at) = terms.binary_search(&u) {
                    terms.insert(at, u);
                }
            }
            terms.retain(|t| !reporters.iter().any(|r| r == t));
            return (self.sentence, self.sentence.0);
        }
        let idx = {
            let j = self.parts.partition_point(|p| p.1 <= m.start);
            if j < n && self.parts[j].0 <= m.start {
                j
            } else {
                0
            }
        };
        // The words the mention overlaps: they give no term.
        let skip_lo = self.l.words.partition_point(|w| w.1 <= m.start);
        let skip_hi = skip_lo
            + self.l.words[skip_lo..]
                .iter()
                .take_while(|w| w.0 < m.end)
                .count();
        // The term ids so far, sorted and unique before each `finish`.
        set.clear();
        let add_clause = |set: &mut Vec<u32>, k: usize| {
            let (wl, wh) = self.l.clause_words[k];
            let (sl, sh) = (skip_lo.max(wl), skip_hi.min(wh));
            if sl >= sh {
                set.extend(self.clause_terms(k).iter().map(|t| t.0));
            } else {
                let skipped = &self.l.words[sl..sh];
                for &(t, count) in self.clause_terms(k) {
                    if count as usize > skipped.iter().filter(|w| w.2 == t).count() {
                        set.push(t);
                    }
                }
            }
            set.extend(self.l.clause_names[k].iter().copied());
        };
        let span_of = |lo: usize, hi: usize| (self.parts[lo].0, self.parts[hi].1);
        let (mut lo, mut hi) = (idx, idx);
        add_clause(set, idx);
        set.sort_unstable();
        set.dedup();
        self.finish(set, m, span_of(lo, hi), unit, reporters, terms);
        let dated = |lo: usize, hi: usize| dated(self.text, &self.l.covered, span_of(lo, hi), m);
        while says_little(terms, dated(lo, hi)) && (lo > 0 || hi + 1 < n) {
            if lo > 0 {
                match self.l.prev_adding[lo - 1] {
                    Some(k) => {
                        lo = k;
                        add_clause(set, k);
                        for &e in &self.l.across_by_first[k] {
                            if self.l.entities[e].4 <= hi {
                                set.push(self.l.entities[e].2);
                            }
                        }
                    }
                    None => lo = 0,
                }
            } else {
                match self.l.next_adding[hi + 1] {
                    // A clause with a subject of its own ("…to $5 million, there are 300
                    // companies…") says nothing of this value.
                    Some(k) if own_subject(self.clause_text(k)) => break,
                    Some(k) => {
                        hi = k;
                        add_clause(set, k);
                        for &e in &self.l.across_by_last[k] {
                            if self.l.entities[e].3 >= lo {
                                set.push(self.l.entities[e].2);
                            }
                        }
                    }
                    None => hi = n - 1,
                }
            }
            set.sort_unstable();
            set.dedup();
            self.finish(set, m, span_of(lo, hi), unit, reporters, terms);
        }
        (span_of(lo, hi), self.parts[idx].0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widening as first written: the clause's terms from `terms_of`, recomputed per step.
    fn reference_local(
        text: &str,
        s: &Sentence,
        ms: &[&Mention],
        m: &Mention,
        unit: Option<&str>,
    ) -> (Vec<String>, (usize, usize)) {
        let parts = clauses(&text[s.start..s.end], s.start);
        let idx = parts
            .iter()
            .position(|&(a, b)| a <= m.start && m.start < b)
            .unwrap_or(0);
        let (mut lo, mut hi) = (idx, idx);
        let span_of = |lo: usize, hi: usize| {
            (
                parts.get(lo).map_or(s.start, |p| p.0),
                parts.get(hi).map_or(s.end, |p| p.1),
            )
        };
        let local_of = |lo: usize, hi: usize| {
            let mut t = terms_of(text, span_of(lo, hi), ms, Some((m.start, m.end)));
            if let Some(u) = unit {
                if !t.iter().any(|x| x == u) {
                    t.push(u.to_string());
                    t.sort();
                }
            }
            t
        };
        let mut local = local_of(lo, hi);
        let dates: Vec<(usize, usize, bool)> = ms
            .iter()
            .filter(|d| matches!(d.value, Value::Date(_)))
            .map(|d| (d.start, d.end, true))
            .collect();
        while says_little(&local, dated(text, &dates, span_of(lo, hi), m))
            && (lo > 0 || hi + 1 < parts.len())
        {
            if lo > 0 {
                lo -= 1;
            } else {
                let adds =
                    |k: usize| !terms_of(text, parts[k], ms, Some((m.start, m.end))).is_empty();
                let next = (hi + 1..parts.len()).find(|&k| adds(k));
                if next.is_some_and(|k| own_subject(&text[parts[k].0..parts[k].1])) {
                    break;
                }
                hi += 1;
            }
            local = local_of(lo, hi);
        }
        (local, span_of(lo, hi))
    }

    #[test]
    fn local_of_by_address_is_local_of_by_text() {
        let arena = String::from("companyexportgdpgrowthkazakhstan");
        let slices: Vec<&str> = vec![
            &arena[0..7],
            &arena[7..13],
            &arena[13..16],
            &arena[16..22],
            &arena[22..32],
        ];
        let terms = Terms::from_strs(&slices);
        let mut by_address = Vec::new();
        addresses_into(&slices, &mut by_address);
        let copy = String::from("gdp");
        let locals: Vec<Vec<&str>> = vec![
            vec![slices[0], slices[2]],
            vec![&copy],                   // the same text elsewhere: found by its text
            vec![&arena[0..4], slices[4]], // "comp": a shorter slice at a term's address
            vec![slices[1], "oil"],        // not a term: the list
            vec![],
        ];
        for local in locals {
            assert!(
                local_of(&local, &terms, &by_address) == local_of(&local, &terms, &[]),
                "{}",
                local.join(" ")
            );
        }
        assert_eq!(
            local_of(&[slices[0], slices[2]], &terms, &by_address).0,
            0b101
        );
        assert!(local_of(&[&arena[0..4]], &terms, &by_address).1.is_some());
    }

    #[test]
    fn recycled_keeps_the_allocation() {
        let text = String::from("one two");
        let mut list: Vec<&str> = Vec::with_capacity(40);
        list.extend(text.split(' '));
        let at = list.as_ptr() as usize;
        let list: Vec<&str> = recycled(list);
        assert!(list.is_empty());
        assert_eq!(list.capacity(), 40);
        assert_eq!(list.as_ptr() as usize, at);
    }

    #[test]
    fn ascii_word_is_is_word() {
        for b in 0..128u8 {
            assert_eq!(ASCII_WORD[b as usize], is_word(b as char), "byte {b}");
        }
    }

    #[test]
    fn sentence_terms_match_the_reference() {
        let texts = [
            "Kazakhstan, which has no ties, said on Thursday that 600 American companies and 20 firms invested $5 billion; Tokayev (the president) agreed.",
            "Between 1 and 2 and 3 and 4 and 5 companies, 6 companies, 7 companies and 8 people: the U.S. Treasury, Mr. Abc Def said 3.",
            "Trade rose 20% to $1.1 billion in 2024, the ministry said, while exports, imports and investment grew by a quarter — the largest rise since 1992.",
            "“We will sign,” Tokayev said, adding that Kazakhstan, Uzbekistan and the United Arab Emirates, with 40 million people, joined.",
            ", , ; : ( ) 5 companies ,, and and 6",
            "Washington, D.C., Smith, Jones and Brown's 12 investors' firms, 3 firms, 4 firm's firms.",
        ];
        for text in texts {
            let a = crate::analyze(text, None);
            for (i, s) in a.sentences.iter().enumerate() {
                let ms: Vec<&Mention> = a.mentions.iter().filter(|m| m.sentence == i).collect();
                let parts = clauses(&text[s.start..s.end], s.start);
                let st =
                    SentenceTerms::new(text, (s.start, s.end), &ms, &parts, TermLists::default());
                let (mut set, mut local) = (Vec::new(), Vec::new());
                st.span_terms_ref((s.start, s.end), None, &mut set, &mut local);
                assert_eq!(local, terms_of(text, (s.start, s.end), &ms, None), "{text}");
                for m in &ms {
                    for unit in [None, Some("company"), Some("zzz")] {
                        // Lists left as the claim before left them.
                        let (span, _) = st.local_terms(m, unit, &[], &mut set, &mut local);
                        let got: Vec<String> = local.iter().map(|t| t.to_string()).collect();
                        assert_eq!(
                            (got, span),
                            reference_local(text, s, &ms, m, unit),
                            "{text}: {}",
                            &text[m.start..m.end]
                        );
                    }
                }
            }
        }
    }

    /// The term cache gives what [`normalize_into`] gives, word by word: for a word new to it,
    /// one found in it, and one whose slot another word took (2,500 words through 256 slots),
    /// in any case, with or without a term, too long or not ASCII to be kept.
    #[test]
    fn term_cache_gives_what_normalize_gives() {
        let mut words: Vec<String> = Vec::new();
        let stems = [
            "invest", "compan", "firm", "trade", "rul", "operat", "nation", "relation", "stat",
            "organ", "begin", "gdp", "deal", "the", "of", "us", "is", "a", "s", "ss", "bus",
        ];
        let ends = [
            "", "s", "es", "ed", "ing", "ings", "ment", "ments", "ies", "ied", "y", "ational",
            "ization", "'s", "’s", ".", ",", "s's", "-led",
        ];
        for p in stems {
            for e in ends {
                let w = format!("{p}{e}");
                words.push(w.to_uppercase());
                words.push(format!("{}{}", w[..1].to_uppercase(), &w[1..]));
                words.push(w);
            }
        }
        for w in [
            "2024",
            "5th",
            "x",
            "I",
            "’",
            "'",
            "--",
            "Zürich",
            "İstanbul",
            "\u{212a}m",
            "ſs",
            "fifteen-letters",
            "sixteen-letters!",
            "internationalization",
            "nationalizations",
        ] {
            words.push(w.to_string());
        }
        // More words than slots, from a small generator: letters and an ending.
        let mut x: u32 = 7;
        while words.len() < 2_500 {
            let w = crate::extract::test_letters(&mut x, 1, 9);
            words.push(format!("{w}{}", ends[(x >> 8) as usize % ends.len()]));
        }
        let mut cache = TermCache::for_text(0);
        assert_eq!(cache.slots.len(), 256);
        let (mut ours, mut theirs) = (String::from("prior "), String::from("prior "));
        for round in 0..3 {
            for (k, w) in words.iter().enumerate() {
                // Each round in another order, so that words meet in the slots differently.
                let w = if round == 1 {
                    &words[words.len() - 1 - k]
                } else {
                    w
                };
                let (a, b) = (
                    cache.normalize_into(w, &mut ours),
                    normalize_into(w, &mut theirs),
                );
                assert_eq!((a, &ours), (b, &theirs), "{w}");
            }
        }
        assert!(cache.slots.iter().all(|s| s.0 != 0), "every slot was used");
    }

    /// Outside ASCII, only U+0130 and U+212A lower-case to anything holding an ASCII character:
    /// what the ASCII fast paths of [`checkworthiness`] and [`is_reporter`] rest on.
    #[test]
    fn only_two_characters_lower_case_into_ascii() {
        let found: Vec<char> = (0x80..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(found, ['\u{130}', '\u{212a}']);
    }

    /// The first [`is_reporter`], which lower-cased the words around the entity.
    fn is_reporter_reference(text: &str, e: &Mention) -> bool {
        let after = text[e.end..].trim_start();
        let next: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let head = text[..e.start].trim_end();
        let mut from = head.len().saturating_sub(16);
        while !head.is_char_boundary(from) {
            from -= 1;
        }
        let before = head[from..].to_lowercase();
        REPORTING_VERBS.contains(&next.as_str()) || before.ends_with("according to")
    }

    /// The first [`checkworthiness`], which lower-cased the sentence.
    fn checkworthiness_reference(sentence: &str, mentions: &[&Mention], junk: bool) -> f64 {
        if junk {
            return 0.0;
        }
        let mut score: f64 = 0.15;
        let has = |k: &str| mentions.iter().any(|m| m.value.kind() == k);
        if mentions.iter().any(|m| {
            m.value.amount().is_some() || matches!(m.value, Value::Date(_) | Value::Ordinal(..))
        }) {
            score += 0.45;
        }
        if has("entity") {
            score += 0.15;
        }
        if has("quote") {
            score += 0.2;
        }
        if sentence.split_whitespace().count() >= 6 {
            score += 0.05;
        }
        let lower = sentence.to_lowercase();
        if sentence.trim_end().ends_with('?') {
            score -= 0.4;
        }
        for w in &OPINION_PHRASES[..8] {
            if lower.contains(w) {
                score -= 0.15;
            }
        }
        if lower.starts_with("click")
            || lower.starts_with("sign ")
            || lower.starts_with("subscribe")
            || lower.starts_with("please ")
        {
            score -= 0.4;
        }
        score.clamp(0.0, 1.0)
    }

    #[test]
    fn lowercasing_fast_paths_match_the_references() {
        let heads = [
            "",
            "according to",
            "ACCORDING TO ",
            "Accordİng to",
            "x according  to",
            "é according to",
            "Σ according to",
            "ΣΣΣΣΣΣΣΣaccording to",
            "İİİİİİİİİİİİİİİİ",
            "Maybe I Think",
            "CLICK",
            "sign  ",
            "Please ",
            "İ think",
            "I thin\u{212a}",
            "MUST ",
            "i believe\u{212a}",
            "in my opinion?",
        ];
        let tails = [
            "",
            " said",
            " SAID it",
            " Saİd",
            " Sa\u{212a}d",
            " announced—",
            " toldé",
            " Noted.",
            " reported",
            " reportsΣ",
            " stressed",
            " wrote 3",
            " might go",
        ];
        for h in heads {
            for t in tails {
                let text = format!("{h} Kazakhstan{t}");
                let start = h.len() + 1;
                let e = Mention {
                    sentence: 0,
                    start,
                    end: start + "Kazakhstan".len(),
                    value: Value::Entity {
                        name: "Kazakhstan".into(),
                        kind: crate::extract::EntityType::Place,
                    },
                };
                assert_eq!(
                    is_reporter(&text, &e),
                    is_reporter_reference(&text, &e),
                    "{text}"
                );
                for junk in [false, true] {
                    for ms in [&[][..], &[&e][..]] {
                        for s in [text.as_str(), h, t] {
                            assert_eq!(
                                checkworthiness(s, ms, junk),
                                checkworthiness_reference(s, ms, junk),
                                "{s}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// Words counted by bytes are the words `split_whitespace` gives, with every kind of white
    /// space (ASCII and not), at every count around the one asked.
    #[test]
    fn word_count_matches_split_whitespace() {
        let pieces = [
            "a", "é", "1,2", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}",
            "\u{2003}", "\u{3000}", "\u{200b}", "-", "🙂",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for k in 0..4 {
                        let s = format!("{a}{b}{c}{a} {b}{c}").repeat(k);
                        for n in 0..8 {
                            assert_eq!(
                                more_words_than(&s, n),
                                s.split_whitespace().nth(n).is_some(),
                                "{s:?} {n}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// `stem` tries, of its suffixes, only those that end in the word's last letter: the same
    /// stems as trying all of them in order, on every stem and suffix combined.
    #[test]
    fn stem_is_the_first_suffix_that_fits() {
        const ALL: [(&str, usize, &str); 13] = [
            ("ational", 4, "ate"),
            ("ization", 4, "ize"),
            ("ments", 4, ""),
            ("ment", 4, ""),
            ("ings", 4, ""),
            ("ing", 4, ""),
            ("ies", 3, "y"),
            ("ied", 3, "y"),
            ("sses", 3, "ss"),
            ("ed", 4, ""),
            ("es", 5, ""),
            ("s", 3, ""),
            ("e", 4, ""),
        ];
        let definition = |w: &str| -> (String, &str) {
            let skip = !matches!(
                w.as_bytes().last(),
                Some(b'l' | b'n' | b's' | b't' | b'g' | b'd' | b'e')
            ) || ["ss", "us", "is"].iter().any(|e| w.ends_with(e));
            for (suf, min, rep) in ALL.iter().filter(|_| !skip) {
                if let Some(base) = w.strip_suffix(suf) {
                    if base.chars().count() >= *min {
                        return (base.to_string(), rep);
                    }
                }
            }
            (w.to_string(), "")
        };
        let mut n = 0;
        for base in [
            "", "a", "re", "rel", "nat", "inve", "invest", "fé", "éé", "cla", "clas",
        ] {
            for (suf, ..) in ALL
                .iter()
                .chain(&[("", 0, ""), ("ss", 0, ""), ("us", 0, "")])
            {
                let w = format!("{base}{suf}");
                if w.is_empty() {
                    continue;
                }
                let (b, r) = stem(&w);
                assert_eq!((b.to_string(), r), definition(&w), "{w:?}");
                n += 1;
            }
        }
        assert!(n > 150);
    }

    #[test]
    fn negation_fast_path_matches_the_definition() {
        let words = [
            "not",
            "Not",
            "NOT",
            "no",
            "No",
            "none",
            "never",
            "Neither",
            "n't",
            "n’t",
            "don’t",
            "won't",
            "NOT LONG",
            "not long",
            "only",
            "no more than",
            "Not only",
            "neither free nor fair",
            "not far",
            "Not Clear",
            "nonot long",
            "İ",
            "neİther",
            "not untİl",
            "İnİ",
            "no\u{212a}",
            "\u{212a}",
            "é",
            "Σ",
            "’",
            "'",
            "nO",
            "ne",
            "one",
            "x",
            "  ",
            ",",
            "no-one",
            "No.",
            "nothing",
            "knot",
            "ñot",
            "not\tlong",
            "N’T",
            "can't",
            "NEVER",
            "none.",
            "cannot",
            "İnot",
            "no\u{2019}",
            "No Stranger",
        ];
        for a in words {
            for b in words {
                // The last two put the words at every offset in the eight-byte steps.
                for c in ["", " ", " x ", "no", " abcdefgh ", "xyz  "] {
                    for clause in [
                        format!("{a} {b}{c}"),
                        format!("{a}{c}{b}"),
                        format!("{c}{a} {b} {a}"),
                    ] {
                        assert_eq!(
                            is_negated(&clause),
                            is_negated_lowercasing(&clause),
                            "{clause:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn normalize_lowers_as_to_lowercase_does() {
        for w in [
            "Invested",
            "FIRMS",
            "“Companies’s",
            "Investors's",
            "GDP",
            "İnvest",
            "STATES",
            "Ärzte",
            "ΣΟΦΙΑ",
            "a-very-long-hyphenated-compound-word-of-many-parts",
            "KELVIN\u{212a}",
            "x",
            "The",
            "’s",
            "2024s",
            "Ruled",
            "STEPPED",
            "Organizations",
        ] {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            let t = t.trim_end_matches("’s").trim_end_matches("'s");
            let mut want = String::new();
            let kept = normalize_lower(&t.to_lowercase(), &mut want);
            assert_eq!(normalize(w), kept.then_some(want), "{w}");
        }
    }

    #[test]
    fn word_lists_are_found_by_their_keys() {
        let mut words: Vec<String> = Vec::new();
        for w in crate::extract::words(STOPWORDS).chain(fold_pairs().map(|f| f.0)) {
            assert!(w.len() <= 15, "{w}");
            words.push(w.to_string());
            words.push(format!("{w}s"));
            words.push(format!("x{w}"));
            words.push(w[..w.len() - 1].to_string());
            words.push(w.to_uppercase());
            words.push(format!("{w}\0"));
        }
        words.extend(["", "approximately-so", "governmentalities", "é", "ne"].map(String::from));
        for w in &words {
            let listed = crate::extract::words(STOPWORDS).any(|s| s == w);
            assert_eq!(is_stopword(w), listed, "{w:?}");
            let fold = fold_pairs().find(|f| f.0 == w).map(|f| f.1);
            assert_eq!(WORD_TABLE.get(w).1, fold, "{w:?}");
        }
    }

    #[test]
    fn normalize_folds_forms() {
        assert_eq!(normalize("invested").as_deref(), Some("invest"));
        assert_eq!(normalize("investor").as_deref(), Some("invest"));
        assert_eq!(normalize("firms").as_deref(), Some("company"));
        assert_eq!(normalize("the"), None);
        assert_eq!(normalize("operates").as_deref(), Some("operate"));
        assert_eq!(normalize("exporters").as_deref(), Some("exporter"));
    }

    #[test]
    fn fold_terms_sorts_when_gdp_leaves_the_length_as_it_was() {
        // Two last words added and "gross", "domestic", "product" replaced by "gdp": five terms
        // in and five out, which once left the list unsorted.
        let mut out = vec!["alpha beta", "domestic", "gamma delta", "gross", "product"];
        fold_terms(&mut out, true);
        assert_eq!(out, ["alpha beta", "beta", "delta", "gamma delta", "gdp"]);
        // Nothing added but "gdp": it goes in at its place too.
        let mut out = vec!["domestic", "gross", "product", "zeta"];
        fold_terms(&mut out, true);
        assert_eq!(out, ["gdp", "zeta"]);
    }

    #[test]
    fn prefix_keys_order_strings_as_the_strings_do() {
        // Strings sharing long prefixes, of lengths around 16, and non-ASCII: sorted by
        // (prefix_key, string) they come out as sorted by string.
        let mut words: Vec<String> = Vec::new();
        let stems = [
            "",
            "a",
            "ab",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "zz",
            "é",
            "ü",
        ];
        for x in stems {
            for y in stems {
                words.push(format!("{x}{y}"));
                words.push(format!("{x}q{y}"));
                words.push(format!("{y}{x}p"));
            }
        }
        let mut by_key = words.clone();
        by_key.sort_by(|a, b| {
            prefix_key(a.as_bytes())
                .cmp(&prefix_key(b.as_bytes()))
                .then_with(|| a.cmp(b))
        });
        words.sort();
        assert_eq!(by_key, words);
        // A shorter key is no more than a longer one sharing its bytes.
        assert!(prefix_key(b"ab") < prefix_key(b"abc"));
    }
}
