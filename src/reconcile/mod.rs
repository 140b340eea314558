//! Reconciliation: an article's claims and a [`Corpus`] in, a [`Judgment`] per claim out.
//!
//! A claim is compared with a corpus claim only after the two are *aligned*: same kind of value
//! (money in the same currency, a count of the same noun, a date, a percentage, …), compatible
//! subjects, and enough shared predicate terms, weighted by how rare each term is in the corpus.
//! Then the values are compared as intervals, allowing for hedges and rounding
//! ([`crate::extract::Amount::compatible`]).
//!
//! A wrong "contradicted" is the worst error a fact checker makes, so contradiction needs a
//! stronger alignment ([`CONTRADICT_ALIGNMENT`]) than support ([`SUPPORT_ALIGNMENT`]); without
//! an alignment the verdict is `unverified`, never `contradicted`.

pub mod diff;
pub mod disagreements;
pub mod prep;

use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::extract::{is_listed, listed_group, ranks_a_group, Amount, Bound, Value};

/// Alignment score from which a compatible corpus claim supports a claim.
pub const SUPPORT_ALIGNMENT: f64 = 0.34;
/// Alignment score from which an incompatible corpus claim contradicts a claim.
pub const CONTRADICT_ALIGNMENT: f64 = 0.5;
/// How much more closely an incompatible value must align than every compatible one to
/// outweigh them ([`decide`]).
pub const FAR_CLOSER: f64 = 0.2;
/// Alignment from which a share worked out from two figures of a corpus sentence ("$900 million
/// of a $1.1 billion project") supports or contradicts a claim.
pub const DERIVED_ALIGNMENT: f64 = 0.6;
/// Share of a quote's words a corpus quote must hold to be the same quote.
pub const QUOTE_OVERLAP: f64 = 0.8;

/// The verdict on one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The corpus states the same attribute of the same subject with a compatible value.
    Supported,
    /// The corpus states the same attribute of the same subject with an incompatible value.
    Contradicted,
    /// The corpus's own documents disagree on it.
    Conflicting,
    /// The corpus says nothing about it.
    Unverified,
}

impl Verdict {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Conflicting => "conflicting",
            Verdict::Unverified => "unverified",
        }
    }
}

/// How a piece of evidence bears on the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// It states a compatible value.
    Supports,
    /// It states an incompatible value.
    Contradicts,
    /// It is about something close, but does not settle the claim.
    Related,
}

impl Stance {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Contradicts => "contradicts",
            Stance::Related => "related",
        }
    }
}

/// One corpus sentence offered as evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the document in the corpus.
    pub document: usize,
    /// Byte span of the sentence in the document's text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Byte span of the value in the document's text.
    pub anchor: (usize, usize),
    /// How it bears on the claim.
    pub stance: Stance,
    /// The alignment score.
    pub score: f64,
}

/// The verdict on a claim, with the evidence and a one-line explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgment {
    /// The verdict.
    pub verdict: Verdict,
    /// How sure, in [0, 1].
    pub confidence: f64,
    /// Which part differs, for contradictions: `number`, `date`, `negation`, ….
    pub mismatch: Option<&'static str>,
    /// One plain line naming the document and its date.
    pub explanation: String,
    /// Evidence sentences, most relevant first.
    pub evidence: Vec<Evidence>,
    /// For quotes that differ from the corpus's wording: the word diff from the corpus's
    /// version to the text's.
    pub diff: Vec<(diff::Op, String)>,
    /// For `conflicting`: each document's value, side by side (document index, value as worded).
    pub sides: Vec<(usize, String)>,
}

/// What a value is a value of: claims align only within one dimension.
fn dimension(v: &Value) -> Option<&'static str> {
    Some(match v {
        Value::Number(_) | Value::Quantity(..) => "count",
        Value::Money(..) => "money",
        Value::Percent(_) => "percent",
        Value::Ordinal(..) => "ordinal",
        Value::Date(_) => "date",
        Value::Duration(..) => "duration",
        Value::Quote { .. } => "quote",
        Value::Entity { .. } => "entity",
    })
}

/// Whether two entity names name the same entity ("Tokayev" and "Kassym-Jomart Tokayev").
///
/// Case is folded for ASCII letters only, without allocating: it runs in the inner loops.
pub fn same_entity(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Each way below needs the same first letter (the same name, or the same name with a kind
    // of place) or the same last one (a longer name that ends with it): most pairs differ in
    // both, and are told at once.
    if let (Some((a0, _)), Some((b0, _))) = (a.split_first(), b.split_first()) {
        let (a1, b1) = (a[a.len() - 1], b[b.len() - 1]);
        if !a0.eq_ignore_ascii_case(b0) && !a1.eq_ignore_ascii_case(&b1) {
            return false;
        }
    }
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let head = !short.is_empty()
        && long.len() > short.len()
        && long[long.len() - short.len()..].eq_ignore_ascii_case(short)
        && long[long.len() - short.len() - 1] == b' '
        && !is_region_of(&long[..long.len() - short.len() - 1]);
    // "Gaza" and "Gaza Strip", "New York" and "New York City": a name and the same name with
    // the kind of place it is.
    head || (!short.is_empty()
        && long.len() > short.len() + 1
        && long[..short.len()].eq_ignore_ascii_case(short)
        && long[short.len()] == b' '
        && is_kind_of_place(&long[short.len() + 1..]))
        || is_acronym_of(short, long)
}

/// "IMF" and "International Monetary Fund", "WTO" and "World Trade Organization": capitals
/// that are the initials of the name's capitalised words.
fn is_acronym_of(short: &[u8], long: &[u8]) -> bool {
    let mut initials = long
        .split(|&b| b == b' ' || b == b'-')
        .filter_map(|w| w.first().copied().filter(u8::is_ascii_uppercase));
    short.len() >= 2
        && short.iter().all(|b| initials.next() == Some(*b))
        && initials.next().is_none()
}

/// A word that says what kind of place a name is ("Strip", "Island", "City").
fn is_kind_of_place(word: &[u8]) -> bool {
    const KINDS: [&str; 9] = [
        "strip",
        "island",
        "islands",
        "peninsula",
        "valley",
        "province",
        "region",
        "oblast",
        "city",
    ];
    KINDS
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k.as_bytes()))
}

/// "South" in "South Asia", "Central" in "Central Asia", "New" in "New York" and "Papua New
/// Guinea": a part of a place or another place, not a longer name of the same one (as
/// "Kassym-Jomart" is of "Tokayev"). The prefix's last word tells.
fn is_region_of(prefix: &[u8]) -> bool {
    let word = prefix.rsplit(|&b| b == b' ').next().unwrap_or(prefix);
    const PARTS: [&str; 19] = [
        "new",
        "old",
        "equatorial",
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "inner",
    ];
    PARTS
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p.as_bytes()))
}

/// Values of one dimension that can't both be true. `None` when they can't be compared at all
/// (different currencies or counted nouns).
fn compatible(a: &Value, b: &Value) -> Option<bool> {
    // "just under 2,000" and "just over 2,000" meet at 2,000, but can't both be true.
    if let (Some(x), Some(y)) = (a.amount(), b.amount()) {
        if opposite_bounds(x, y) && dimension(a) == dimension(b) {
            let comparable = match (a, b) {
                (Value::Money(_, cx), Value::Money(_, cy)) => cx == cy,
                (Value::Quantity(_, ux), Value::Quantity(_, uy)) => same_unit(ux, uy),
                _ => true,
            };
            return comparable.then_some(false);
        }
    }
    match (a, b) {
        (Value::Money(x, cx), Value::Money(y, cy)) => (cx == cy).then(|| x.compatible(y)),
        (Value::Quantity(x, ux), Value::Quantity(y, uy)) => {
            in_one_unit(x, ux, y, uy).map(|(x, y)| x.compatible(&y))
        }
        // A factor ("doubled") compares only with a factor.
        (Value::Quantity(_, u), _) | (_, Value::Quantity(_, u)) if u == "fold" => None,
        (Value::Quantity(x, _) | Value::Number(x), Value::Quantity(y, _) | Value::Number(y)) => {
            Some(x.compatible(y))
        }
        (Value::Percent(x), Value::Percent(y)) => Some(x.compatible(y)),
        (Value::Duration(x, _), Value::Duration(y, _)) => Some(x.compatible(y)),
        // Ranks compare only when they rank the same thing ("first country" is not "first term").
        // Without a noun on one side only a match can be judged (it supports, never contradicts).
        (Value::Ordinal(x, nx), Value::Ordinal(y, ny)) if nx == ny && !nx.is_empty() => {
            Some(x == y)
        }
        (Value::Ordinal(x, nx), Value::Ordinal(y, ny)) if nx.is_empty() && ny.is_empty() => {
            Some(x == y)
        }
        (Value::Ordinal(x, nx), Value::Ordinal(y, ny))
            if (nx.is_empty() || ny.is_empty()) && x == y =>
        {
            Some(true)
        }
        (Value::Date(x), Value::Date(y)) => Some(x.overlaps(y)),
        (Value::Quote { quote: x, .. }, Value::Quote { quote: y, .. }) => {
            Some(quote_overlap(x, y) >= QUOTE_OVERLAP)
        }
        _ => None,
    }
}

/// Two counts in one unit: as they are when they count the same thing, and "50 basis points" as
/// "0.5 percentage points"; `None` when they count different things.
fn in_one_unit(x: &Amount, ux: &str, y: &Amount, uy: &str) -> Option<(Amount, Amount)> {
    if same_unit(ux, uy) {
        return Some((*x, *y));
    }
    match (ux, uy) {
        ("basis point", "percentage point") => Some((in_points(x), *y)),
        ("percentage point", "basis point") => Some((*x, in_points(y))),
        _ => None,
    }
}

/// An amount of basis points in percentage points (a hundredth).
fn in_points(a: &Amount) -> Amount {
    Amount {
        value: a.value / 100.0,
        low: a.low.map(|v| v / 100.0),
        high: a.high.map(|v| v / 100.0),
        precision: a.precision / 100.0,
        ..*a
    }
}

/// [`compatible`], with what the sentences say: a rank without a noun ("Kazakhstan is ranked
/// 60th") in a sentence that names what the other ranks in ("in the Human Development Index")
/// ranks the same thing.
///
/// `same_sort`: both ranks are worded as superlatives ("largest", "biggest") or neither is
/// ("first"): a first is not a largest though both are rank 1.
fn compatible_claims(a: &Claim, c: &Claim, same_sort: bool) -> Option<bool> {
    if let (Value::Ordinal(x, nx), Value::Ordinal(y, ny)) = (a.value(), c.value()) {
        if !same_sort {
            return None;
        }
        // The other sentence names the noun, and does not rank it by itself ("the second
        // country … during his second term" ranks a term apart from the country).
        let ranks_itself = |noun: &str, other: &Claim| {
            other
                .sentence_mentions()
                .any(|m| matches!(&m.value, Value::Ordinal(_, n) if n == noun))
        };
        let ranks_in = |noun: &str, other: &Claim| {
            crate::claims::normalize(noun).is_some_and(|n| other.terms.binary_search(&n).is_ok())
                && !ranks_itself(noun, other)
        };
        if (nx.is_empty() && ranks_in(ny, a)) || (ny.is_empty() && ranks_in(nx, c)) {
            return Some(x == y);
        }
        // A bare rank beside a rank of the other's noun is not that noun's: "the first of many"
        // in a sentence about "my second term" says nothing of a "first term".
        let bare_beside = |bare: &str, noun: &str, beside: &Claim| {
            bare.is_empty() && !noun.is_empty() && ranks_itself(noun, beside)
        };
        if bare_beside(nx, ny, a) || bare_beside(ny, nx, c) {
            return None;
        }
        // Each sentence names what the other ranks ("the biggest exporters of crude oil"
        // against "the largest crude oil … exporters"): the same thing, ranked.
        if !nx.is_empty() && !ny.is_empty() && nx != ny && ranks_in(ny, a) && ranks_in(nx, c) {
            return Some(x == y);
        }
    }
    compatible(a.value(), c.value())
}

/// A rank worded as a superlative ("largest", "biggest", "most important").
fn is_superlative(anchor: Option<&str>) -> bool {
    anchor.is_some_and(|w| {
        let w = w.trim().as_bytes();
        (w.len() > 3 && w[w.len() - 3..].eq_ignore_ascii_case(b"est"))
            || (w.len() > 5 && w[..5].eq_ignore_ascii_case(b"most "))
    })
}

/// The same figure at another scale ("$1.1 million" for "$1.1 billion"): the figure itself
/// aligns the two claims, so a weaker alignment of the words suffices to contradict.
fn scale_slip(a: &Value, b: &Value) -> bool {
    let same_kind = match (a, b) {
        (Value::Money(_, x), Value::Money(_, y)) => x == y,
        (Value::Quantity(_, x), Value::Quantity(_, y)) => same_unit(x, y),
        _ => false,
    };
    let (Some(x), Some(y)) = (a.amount(), b.amount()) else {
        return false;
    };
    let (lo, hi) = (x.value.min(y.value), x.value.max(y.value));
    same_kind
        && lo > 0.0
        && [1e3, 1e6, 1e9]
            .iter()
            .any(|f| ((hi / lo) / f - 1.0).abs() < 0.01)
}

/// The claim's sentence also states the corpus's date, in another clause ("announced on
/// November 7 … as three others did in 2020" against "in 2020"): the two dates are not
/// one attribute told two ways.
fn states_too(claim: &Claim, corpus_value: &Value) -> bool {
    match (claim.time(), corpus_value) {
        (Some(t), Value::Date(d)) => t.starts_with(d.iso.as_str()) || d.iso.starts_with(t),
        _ => false,
    }
}

fn same_unit(a: &str, b: &str) -> bool {
    a == b || crate::claims::normalize(a) == crate::claims::normalize(b)
}

fn quote_words(q: &str) -> Vec<String> {
    let mut w: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Share of `a`'s distinct words that `b` has too.
fn quote_overlap(a: &str, b: &str) -> f64 {
    let (wa, wb) = (quote_words(a), quote_words(b));
    if wa.is_empty() {
        return 0.0;
    }
    wa.iter().filter(|w| wb.binary_search(w).is_ok()).count() as f64 / wa.len() as f64
}

/// The concept a term stands for when words differ but say the same thing in news about
/// economies and deals ("the economy produced" and "GDP"; "per head" and "per capita"; "ranks
/// 50th globally" and "50th in the world"; "placing it 50th" and "ranks 50th"). Terms are
/// normalised stems ([`crate::claims::normalize`]); `None` for a term with no class.
pub fn concept(term: &str) -> Option<&'static str> {
    Some(match term {
        "gdp" | "output" => "gdp",
        "capita" | "head" => "capita",
        "world" | "globally" | "global" | "worldwide" => "world",
        "rank" | "plac" | "place" | "position" => "rank",
        "largest" | "biggest" => "largest",
        "envoy" | "ambassador" => "ambassador",
        _ => return None,
    })
}

/// The form a term is compared in: its [`concept`], and British "-is-" stems spelled "-iz-"
/// ("recognis" and "recogniz", "normalis" and "normaliz").
pub fn canon(term: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if let Some(k) = concept(term) {
        return Cow::Borrowed(k);
    }
    match term.strip_suffix("is") {
        Some(stem) if stem.len() >= 4 => Cow::Owned(format!("{stem}iz")),
        _ => Cow::Borrowed(term),
    }
}

/// Looser kin of a term that align claims but are too loose to say two values are of one
/// attribute ("the economy" is GDP in "the economy produced $288bn" but not in "invested $100
/// billion in the economy"): for alignment, never for what is said ([`said_share`]).
pub fn broad_kin(term: &str) -> Option<&'static str> {
    match term {
        "economy" => Some("gdp"),
        _ => None,
    }
}

/// [`canon`], or the [`broad_kin`] where there is one.
pub fn canon_broad(term: &str) -> std::borrow::Cow<'_, str> {
    match broad_kin(term) {
        Some(k) => std::borrow::Cow::Borrowed(k),
        None => canon(term),
    }
}

/// `whole` (sorted) has `t`, or a term of the same [`canon`] form ([`canon_broad`] if `broad`).
fn has_term(whole: &crate::claims::Terms, t: &str, broad: bool) -> bool {
    if whole.binary_search(t).is_ok() {
        return true;
    }
    let form = |w| if broad { canon_broad(w) } else { canon(w) };
    let k = form(t);
    (k != t || t.ends_with("iz")) && whole.iter().any(|w| form(w) == k)
}

fn weighted_share(
    part: crate::claims::LocalTerms,
    whole: &crate::claims::Terms,
    corpus: &Corpus,
) -> f64 {
    let total: f64 = part.clone().map(|t| corpus.idf(t)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let shared: f64 = part
        .filter(|t| has_term(whole, t, true))
        .map(|t| corpus.idf(t))
        .sum();
    shared / total
}

/// How surely two claims speak of the same attribute of the same subject, in [0, 1].
pub fn alignment(a: &Claim, c: &Claim, corpus: &Corpus) -> f64 {
    if let (Value::Quote { quote: qa, .. }, Value::Quote { quote: qc, .. }) = (a.value(), c.value())
    {
        return quote_overlap(qa, qc).min(quote_overlap(qc, qa).max(0.5));
    }
    let s = (weighted_share(a.local(), &c.terms, corpus)
        + weighted_share(c.local(), &a.terms, corpus))
        / 2.0;
    match (a.subject(), c.subject()) {
        (Some(x), Some(y)) if same_entity(x, y) => s * 0.9 + 0.1,
        (Some(x), Some(y)) if !mentions(c, x) && !mentions(a, y) => s * 0.5,
        _ => s,
    }
}

/// Judges every claim of `text` against the corpus.
pub fn reconcile(text: &str, claims: &[Claim], corpus: &Corpus) -> Vec<Judgment> {
    judge_each(text, claims, corpus)
}

/// Judges each of `claims` against the corpus, preparing the corpus once for all of them.
pub fn judge_each<'c>(
    text: &str,
    claims: impl IntoIterator<Item = &'c Claim>,
    corpus: &Corpus,
) -> Vec<Judgment> {
    let whole = prep::Whole::new(corpus);
    let prepared = prep::Prepared::whole(&whole, corpus);
    claims
        .into_iter()
        .map(|c| judge_with(text, c, corpus, &prepared))
        .collect()
}

/// The names of the corpus's entities (lower-case, with the heads of longer names): terms that
/// say who, not what is said of them.
pub struct Names(std::collections::HashSet<String, crate::corpus::FastHash>);

impl Names {
    /// Collects the names from the corpus's entity claims and subjects.
    pub fn of(corpus: &Corpus) -> Names {
        let mut set = std::collections::HashSet::default();
        let mut add = |n: &str| {
            let n = n.to_lowercase();
            if let Some((_, last)) = n.rsplit_once(' ') {
                set.insert(last.to_string());
            }
            set.insert(n);
        };
        for d in &corpus.documents {
            for c in &d.claims {
                if let Value::Entity { name, .. } = c.value() {
                    add(name);
                }
                if let Some(s) = c.subject() {
                    add(s);
                }
            }
        }
        Names(set)
    }

    fn has(&self, term: &str) -> bool {
        self.0.contains(term)
    }
}

/// How much of what is said (the predicate, names and generic time words left out) two claims
/// share, in [0, 1], on average both ways (one way when one clause says nothing but names; 0
/// when neither says anything): a contradiction needs the same thing said, not only the same
/// names.
fn said_share(a: &Claim, c: &Claim, corpus: &Corpus, names: &Names) -> f64 {
    let said = |t: &str| !names.has(t) && !matches!(t, "year" | "years" | "time");
    let share = |part: crate::claims::LocalTerms, whole: &crate::claims::Terms| {
        let (mut total, mut shared) = (0.0, 0.0);
        for t in part.filter(|t| said(t)) {
            let w = corpus.idf(t);
            total += w;
            if has_term(whole, t, false) {
                shared += w;
            }
        }
        if total == 0.0 {
            1.0
        } else {
            shared / total
        }
    };
    let says = |c: &Claim| c.local().any(said);
    match (says(a), says(c)) {
        (true, true) => (share(a.local(), &c.terms) + share(c.local(), &a.terms)) / 2.0,
        (true, false) => share(a.local(), &c.terms),
        (false, true) => share(c.local(), &a.terms),
        (false, false) => 0.0,
    }
}

/// The least share of what is said ([`said_share`]) for a contradiction.
pub const SAID_SHARE: f64 = 0.4;

/// Judges one claim of `text`.
pub fn judge(text: &str, claim: &Claim, corpus: &Corpus) -> Judgment {
    let whole = prep::Whole::new(corpus);
    judge_with(text, claim, corpus, &prep::Prepared::whole(&whole, corpus))
}

/// Judges one claim of `text` against the corpus claims `p` holds (their documents are
/// `corpus`'s).
pub fn judge_with(text: &str, claim: &Claim, corpus: &Corpus, p: &prep::Prepared) -> Judgment {
    let j = p.judged(claim, corpus);
    let pa = &j.prep;
    let Some(dim) = dimension(claim.value()) else {
        return unverified(claim, Vec::new());
    };
    match claim.value() {
        Value::Quote { quote, speaker, .. } => {
            return judge_quote(quote, speaker.as_deref(), claim, corpus, p, pa)
        }
        Value::Entity { name, kind } => {
            return judge_entity(text, name, *kind, claim, corpus, p, &j)
        }
        _ => {}
    }
    let mut supports: Vec<Evidence> = Vec::new();
    let mut contradicts: Vec<(Evidence, &'static str)> = Vec::new();
    let mut related: Vec<Evidence> = Vec::new();
    // Support withheld: a rounder figure or longer period of the corpus's (false), or the same
    // forecast credited there to someone else (true).
    let mut rounded: Option<(Evidence, bool)> = None;
    let states = states_of_subject(text, claim);
    // An amount's measures and role, once for all the candidates.
    let own = claim
        .value()
        .amount()
        .map(|_| (measures(claim), figure_role(text, claim)));
    for (si, (di, claims)) in p.scope().iter().enumerate() {
        let (di, doc) = (*di, &corpus.documents[*di]);
        // The scope's claims of this document, for shares worked out from two of them.
        let plain: Vec<&Claim> = if dim == "percent" {
            claims.iter().map(|&(c, _)| c).collect()
        } else {
            Vec::new()
        };
        for (ci, &(c, pc)) in claims.iter().enumerate() {
            // A share the document gives only as two counts ("$900 million of a $1.1 billion
            // project"), with the part's terms.
            let share = (dim == "percent")
                .then(|| derived_share(&doc.text, &plain, ci))
                .flatten();
            let c = share.as_ref().unwrap_or(c);
            if dimension(c.value()) != Some(dim) {
                continue;
            }
            let w = p.who(si, ci);
            let score = p.alignment(claim, &j, c, pc, w, corpus);
            // A share worked out from two figures settles a claim only when the two say much
            // the same of the same subject: then it is evidence like any other value (and
            // otherwise not even related).
            if share.is_some() && (score < DERIVED_ALIGNMENT || p.said_share(pa, pc) < 0.5) {
                continue;
            }
            let ev = |stance, score| Evidence {
                document: di,
                start: c.start,
                end: c.end,
                anchor: c.anchor,
                stance,
                score,
            };
            // Clause by clause: "the US has invested … and China is the largest investor"
            // gives the rank to China, though the sentence names the US too; only when the
            // text says so in so many words ("China is …").
            // (Worked out only for a compatible value.)
            let others = || owned_by_another(claim, c, dim, claims);
            let swapped = || {
                p.subjects_differ(claim, &j, c, w)
                    || (states && subjects_differ_in_clause(claim, c))
                    || others()
            };
            // "One of the largest exporters" ranks a group: it compares with another group's
            // rank ("among the biggest", "one of the smallest"), not with one member's ("the
            // fifth-largest"), and two subjects can both be in it.
            let group = |t: &str, c: &Claim| {
                dim == "ordinal" && t.get(c.start..c.anchor.0).is_some_and(ranks_a_group)
            };
            let text_group = group(text, claim);
            let same_sort = dim != "ordinal"
                || (is_superlative(text.get(claim.anchor.0..claim.anchor.1))
                    == is_superlative(doc.text.get(c.anchor.0..c.anchor.1))
                    && text_group == group(&doc.text, c));
            match compatible_claims(claim, c, same_sort) {
                // "$2,000 a month" and "$24,000 a year", "$2.10 per share" and "$450 million":
                // figures of different rates, of different measures ("revenue" and "profit") or
                // of different roles ("rose by $150 million", "to $3 billion") neither support
                // nor contradict each other.
                Some(_)
                    if own.is_some_and(|(m, r)| {
                        !same_rate(text, claim, &doc.text, c)
                            || measures_differ(m, c)
                            || roles_differ(r, &doc.text, c)
                            || shares_differ(text, claim, &doc.text, c)
                            || subject_places_differ(text, claim, &doc.text, c)
                    }) =>
                {
                    related.extend(
                        (score >= SUPPORT_ALIGNMENT * 0.75).then(|| ev(Stance::Related, score)),
                    );
                }
                // The same rank of the same thing given to another subject: "China is the
                // largest investor" against "the United States is".
                Some(true) if swapped() => {
                    let unpenalised = p.said_share_mean(pa, pc);
                    if matches!(claim.value(), Value::Ordinal(_, noun) if !noun.is_empty() && !is_part(noun))
                        && !text_group
                        && unpenalised >= 0.7
                        && claim.negated == c.negated
                        && same_time(claim, c)
                    {
                        contradicts.push((ev(Stance::Contradicts, unpenalised * 0.9), "entity"));
                    } else if score >= SUPPORT_ALIGNMENT * 0.75 {
                        related.push(ev(Stance::Related, score));
                    }
                }
                // A bare rank ("ranks 60th") supports only a rank of the same thing.
                Some(true)
                    if score >= SUPPORT_ALIGNMENT
                        && matches!(claim.value(), Value::Ordinal(_, n) if n.is_empty())
                        && p.said_share(pa, pc) < SAID_SHARE =>
                {
                    related.push(ev(Stance::Related, score));
                }
                // A statement of X never supports "not X".
                Some(true) if score >= SUPPORT_ALIGNMENT => {
                    if compares_with(text, claim, c) {
                        related.push(ev(Stance::Related, score));
                    } else if claim.negated == c.negated
                        && claim.value().amount().is_some()
                        && direction(text, claim)
                            .is_some_and(|up| direction(&doc.text, c) == Some(!up))
                    {
                        // "Sales fell 5%" against "sales rose 5%": the figure, the other way.
                        if same_time(claim, c) && !names_differ(claim, c) {
                            contradicts.push((ev(Stance::Contradicts, score), "direction"));
                        } else {
                            related.push(ev(Stance::Related, score));
                        }
                    } else if claim.negated == c.negated
                        && roles_reversed(text, claim, &doc.text, c)
                    {
                        // "Uzbekistan beat Kazakhstan on Nov. 6" against "Kazakhstan beat
                        // Uzbekistan on Nov. 6".
                        contradicts.push((ev(Stance::Contradicts, score), "roles"));
                    } else if !c.negated && ruled_out(text, claim, &doc.text, c) {
                        // "Putin proposed the plan" against "Tokayev, not Putin, proposed it";
                        // "Putin did not propose the plan" agrees with it.
                        if claim.negated {
                            supports.push(ev(Stance::Supports, score));
                        } else {
                            contradicts.push((ev(Stance::Contradicts, score), "entity"));
                        }
                    } else if claim.negated == c.negated
                        && claim.value().amount().is_some()
                        && !same_time(claim, c)
                    {
                        // The same figure of another year ("grew 3.2% in 2023 and 2.1% in
                        // 2024" against "grew 3.2% in 2024"): another fact.
                        related.push(ev(Stance::Related, score));
                    } else if claim.negated == c.negated && rounder(claim.value(), c.value()) {
                        // "$153" against "$150": the corpus's figure may be a rounding of the
                        // text's, or not; it cannot confirm it.
                        if !rounded.as_ref().is_some_and(|(e, _)| e.score >= score) {
                            rounded = Some((ev(Stance::Related, score), false));
                        }
                        related.push(ev(Stance::Related, score));
                    } else if claim.negated == c.negated
                        && credited_elsewhere(text, claim, &doc.text, c)
                    {
                        // "Takiyev said inflation would fall below 10%" against the same
                        // forecast of Suleimenov's: the corpus does not say Takiyev made it.
                        if !rounded.as_ref().is_some_and(|(e, _)| e.score >= score) {
                            rounded = Some((ev(Stance::Related, score), true));
                        }
                        related.push(ev(Stance::Related, score));
                    } else if claim.negated == c.negated {
                        supports.push(ev(Stance::Supports, score));
                    } else if score >= 0.6 && plainly_opposite(text, claim, &doc.text, c) {
                        contradicts.push((ev(Stance::Contradicts, score), "negation"));
                    } else {
                        related.push(ev(Stance::Related, score));
                    }
                }
                Some(false)
                    if (score >= CONTRADICT_ALIGNMENT
                        || (score >= SUPPORT_ALIGNMENT
                            && scale_slip(claim.value(), c.value())))
                        && claim.negated == c.negated
                        && same_time(claim, c)
                        && !compares_with(text, claim, c)
                        && !states_too(claim, c.value())
                        && !others()
                        && p.said_share(pa, pc) >= SAID_SHARE
                        && match dim {
                            "date" => {
                                date_role(text, claim) == date_role(&doc.text, c)
                                    && may_be_one_fact(claim, c)
                            }
                            "ordinal" => may_be_one_fact(claim, c),
                            _ => !names_differ(claim, c),
                        } =>
                {
                    contradicts.push((
                        ev(Stance::Contradicts, score),
                        mismatch_of(claim.value(), c.value()),
                    ));
                }
                _ if score >= SUPPORT_ALIGNMENT * 0.75 => related.push(ev(Stance::Related, score)),
                _ => {}
            }
        }
    }
    if let (Some((e, who)), true) = (&rounded, supports.is_empty() && contradicts.is_empty()) {
        let explanation = match who {
            true => format!(
                "The corpus credits this to someone else ({}): it neither confirms nor rules it out.",
                cite(corpus, e)
            ),
            false => format!(
                "The corpus says {} ({}), {} than the text's {}: it neither confirms nor rules it out.",
                value_phrase(corpus, p, e),
                cite(corpus, e),
                if dim == "date" {
                    "a longer period"
                } else {
                    "a rounder figure"
                },
                claim_phrase(text, claim)
            ),
        };
        return Judgment {
            explanation,
            ..unverified(claim, vec![e.clone()])
        };
    }
    decide(text, claim, corpus, p, supports, contradicts, related)
}

/// The text's figure is stated more finely than the corpus's exact one and is not it: "$153"
/// against "$150", "3.1%" against "3%"; or its date is a part of the corpus's period. Both may
/// be true (the corpus rounded), but the corpus cannot confirm the text's last digits.
#[inline(never)]
fn rounder(a: &Value, c: &Value) -> bool {
    // "in 1992" against "in the early 1990s", "on Nov. 6" against "in November".
    // A period's stated ends are not rounder: "from 2019 to 2023" gives 2023.
    if let (Value::Date(x), Value::Date(y)) = (a, c) {
        let an_end = y.iso.contains('/') && (x.first == y.first || x.last == y.last);
        return y.first <= x.first
            && x.last <= y.last
            && (y.first, y.last) != (x.first, x.last)
            && !an_end;
    }
    let (x, y) = match (a, c) {
        (Value::Quantity(x, u), Value::Quantity(y, v)) => match in_one_unit(x, u, y, v) {
            Some(xy) => xy,
            None => return false,
        },
        _ => match (a.amount(), c.amount()) {
            (Some(&x), Some(&y)) => (x, y),
            _ => return false,
        },
    };
    let (lo, hi) = x.plausible();
    y.bound == Bound::Exact && x.precision < y.precision && !(lo..=hi).contains(&y.value)
}

/// "Germany spent $80 billion, and France $60 billion": the sentence of `c` gives the subject of
/// `claim` a figure of its own (among `claims`), so `c`'s is another subject's (unless the
/// text's sentence names that subject too: "France's tariff on German cars").
fn owned_by_another<T>(claim: &Claim, c: &Claim, dim: &str, claims: &[(&Claim, T)]) -> bool {
    claim.subject().is_some_and(|x| {
        let theirs = |o: &Claim| {
            o.start == c.start
                && o.anchor != c.anchor
                && dimension(o.value()) == Some(dim)
                && o.subject().is_some_and(|y| same_entity(x, y))
        };
        match c.subject() {
            Some(y) => {
                !same_entity(x, y) && !mentions(claim, y) && claims.iter().any(|(o, _)| theirs(o))
            }
            // Without a subject of its own, `c` is not the named subject's either when the
            // sentence names that subject only after `c`, for a figure of its own: "Acme's
            // revenue rose to $4.5 billion, while Zenith's rose to $3 billion".
            None => claims
                .iter()
                .any(|(o, _)| theirs(o) && o.subject_span().is_some_and(|(at, _)| at > c.anchor.1)),
        }
    })
}

/// The verdict from the evidence found: support unless another document contradicts it
/// (`conflicting`), then contradiction, then `unverified`.
fn decide(
    text: &str,
    claim: &Claim,
    corpus: &Corpus,
    p: &prep::Prepared,
    mut supports: Vec<Evidence>,
    mut contradicts: Vec<(Evidence, &'static str)>,
    mut related: Vec<Evidence>,
) -> Judgment {
    supports.sort_by(by_score);
    contradicts.sort_by(|a, b| by_score(&a.0, &b.0));
    related.sort_by(by_score);
    dedup_sentences(&mut supports);

    // A denial aligned more closely than any support outweighs it.
    let denial = contradicts
        .iter()
        .filter(|(_, k)| *k == "negation")
        .map(|(e, _)| e.score)
        .fold(0.0, f64::max);
    if supports.first().is_some_and(|b| denial > b.score + 0.05) {
        supports.clear();
    }
    // A value of the same attribute aligned far more closely than any support outweighs it:
    // the support states the same value of something else ("ranks 60th in the world" is the
    // GDP rank, 50th, not the 60th of an index).
    let closest = contradicts
        .iter()
        .filter(|(_, k)| matches!(*k, "number" | "date" | "comparison"))
        .map(|(e, _)| e.score)
        .fold(0.0, f64::max);
    if supports
        .first()
        .is_some_and(|b| closest >= 0.9 && closest > b.score + FAR_CLOSER)
    {
        supports.clear();
    }
    if let Some(best) = supports.first() {
        // Another document states the same attribute with an incompatible value: the corpus's
        // own sources disagree.
        let rival = contradicts.iter().find(|(e, kind)| {
            e.score >= 0.65
                && matches!(*kind, "number" | "date" | "comparison")
                && !supports.iter().any(|s| s.document == e.document)
        });
        if let (Some((r, _)), true) = (rival, best.score >= 0.5) {
            let mut evidence = vec![best.clone(), r.clone()];
            evidence.dedup_by(|a, b| a.document == b.document && a.start == b.start);
            let sides = vec![
                (best.document, value_phrase(corpus, p, best)),
                (r.document, value_phrase(corpus, p, r)),
            ];
            let explanation = format!(
                "The corpus's sources disagree: {} says {}; {} says {}.",
                cite(corpus, best),
                sides[0].1,
                cite(corpus, r),
                sides[1].1
            );
            return Judgment {
                verdict: Verdict::Conflicting,
                confidence: round2(best.score.min(r.score)),
                mismatch: None,
                explanation,
                evidence,
                diff: Vec::new(),
                sides,
            };
        }
        let explanation = format!(
            "The corpus says {} ({}), as the text does.",
            value_phrase(corpus, p, best),
            cite(corpus, best)
        );
        let confidence = round2(0.5 + best.score / 2.0);
        let evidence: Vec<Evidence> = supports.into_iter().take(3).collect();
        return Judgment {
            verdict: Verdict::Supported,
            confidence,
            mismatch: None,
            explanation,
            evidence,
            diff: Vec::new(),
            sides: Vec::new(),
        };
    }
    if let Some((best, mismatch)) = contradicts.first() {
        let explanation = match *mismatch {
            "negation" => format!(
                "The corpus states the opposite ({}): {}.",
                cite(corpus, best),
                sentence_text(corpus, best)
            ),
            "entity" | "aside" => format!(
                "The corpus gives this to another subject ({}): {}.",
                cite(corpus, best),
                sentence_text(corpus, best)
            ),
            "direction" => format!(
                "The corpus has this figure going the other way ({}): {}.",
                cite(corpus, best),
                sentence_text(corpus, best)
            ),
            "roles" => format!(
                "The corpus tells it the other way round ({}): {}.",
                cite(corpus, best),
                sentence_text(corpus, best)
            ),
            _ => format!(
                "The corpus says {} ({}); the text says {}.",
                value_phrase(corpus, p, best),
                cite(corpus, best),
                claim_phrase(text, claim)
            ),
        };
        let confidence = round2(best.score.min(0.99));
        // A change the other way is a comparison that differs (the contract's word).
        // Who did what to whom, the other way round, is an entity that differs.
        let mismatch = Some(match *mismatch {
            "direction" => "comparison",
            "roles" | "aside" => "entity",
            other => other,
        });
        let evidence = contradicts.into_iter().map(|(e, _)| e).take(3).collect();
        return Judgment {
            verdict: Verdict::Contradicted,
            confidence,
            mismatch,
            explanation,
            evidence,
            diff: Vec::new(),
            sides: Vec::new(),
        };
    }
    unverified(claim, related.into_iter().take(1).collect())
}

fn by_score(a: &Evidence, b: &Evidence) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.document.cmp(&b.document))
        .then(a.start.cmp(&b.start))
}

/// Both claims name a subject, the two are different entities, and neither sentence mentions
/// the other's subject: the same predicate said of someone else.
fn subjects_differ(a: &Claim, c: &Claim) -> bool {
    match (a.subject(), c.subject()) {
        (Some(x), Some(y)) => !same_entity(x, y) && !mentions(c, x) && !mentions(a, y),
        _ => false,
    }
}

/// [`subjects_differ`], by the claims' own clauses: neither clause names the other's subject.
fn subjects_differ_in_clause(a: &Claim, c: &Claim) -> bool {
    let names = |c: &Claim, who: &str| c.local().any(|t| same_entity(t, who));
    match (a.subject(), c.subject()) {
        (Some(x), Some(y)) => !same_entity(x, y) && !names(c, x) && !names(a, y),
        _ => false,
    }
}

/// The claim's sentence says its subject *is* what the value says: the subject's name, then
/// "is", "was", "remains" or "became", then the value, in one clause ("China is Kazakhstan's
/// largest investor").
fn states_of_subject(text: &str, claim: &Claim) -> bool {
    let (Some(who), Some(sentence)) = (claim.subject(), text.get(claim.start..claim.anchor.0))
    else {
        return false;
    };
    sentence.match_indices(who).any(|(at, _)| {
        let rest = &sentence[at + who.len()..];
        ["is ", "was ", "remains ", "became "]
            .iter()
            .any(|v| rest.strip_prefix(' ').is_some_and(|r| r.starts_with(v)))
            && !rest.contains([',', ';', '—'])
    })
}

/// The claim's sentence names `who`: as an entity, or word for word ("Total GDP" in a sentence
/// on "total GDP"), but not as the end of another name ("York" in "New York").
fn mentions(c: &Claim, who: &str) -> bool {
    let ends_other = |t: &str| {
        let cut = t.len().saturating_sub(who.len());
        cut > 1
            && t.as_bytes()[cut - 1] == b' '
            && t.get(cut..)
                .is_some_and(|end| end.eq_ignore_ascii_case(who))
            && !same_entity(t, who)
    };
    if c.terms.iter().any(ends_other) {
        return false; // its last word is a term too ("york"), and would pass below
    }
    c.terms.iter().any(|t| same_entity(t, who))
        || who.split_whitespace().all(|w| {
            // ASCII words (nearly all) are lower-cased on the stack: this runs for many pairs.
            let mut buf = [0u8; 32];
            if w.is_ascii() && w.len() <= buf.len() {
                let lower = &mut buf[..w.len()];
                lower.copy_from_slice(w.as_bytes());
                lower.make_ascii_lowercase();
                let lower = std::str::from_utf8(lower).unwrap_or("");
                return c.terms.binary_search(lower).is_ok();
            }
            let w = w.to_lowercase();
            c.terms.binary_search(&w).is_ok()
        })
}

/// The text's claim has no time of its own, and its sentence compares with the year the corpus
/// claim `c` is timed: "exports rose 12% from 2024" is not about the rise of 2024 ("rose 8% in
/// 2024").
fn compares_with(text: &str, a: &Claim, c: &Claim) -> bool {
    let (None, Some(year)) = (a.time(), c.time().and_then(|t| t.get(..4))) else {
        return false;
    };
    text.get(a.start..a.end).is_some_and(|sentence| {
        sentence.match_indices(year).any(|(at, _)| {
            let at = a.start + at;
            crate::claims::is_base_at(text, at, at + year.len(), false)
        })
    })
}

/// Whether the two claims' sentences share a figure: `Some(true)` when a figure of one agrees
/// with one of the other's of its kind (numbers, money, percentages, counts, durations) or
/// names the same number ("fewer than 150 million" and "more than 150 million"), `Some(false)`
/// when they give figures of a kind and none agree, `None` when they give none to compare.
fn shared_figure(a: &Claim, c: &Claim) -> Option<bool> {
    let mut shared = None;
    for m in a.sentence_mentions() {
        let Some(x) = m.value.amount() else {
            continue;
        };
        for n in c.sentence_mentions() {
            match n.value.amount() {
                Some(y) if std::mem::discriminant(&m.value) == std::mem::discriminant(&n.value) => {
                    if x.compatible(y) || x.value == y.value {
                        return Some(true);
                    }
                    shared = Some(false);
                }
                _ => {}
            }
        }
    }
    shared
}

/// Whether a date or a rank of two sentences may be of one fact: a figure they share ties
/// them; different figures part them ("exports rose 9% in 2023" and "rose 8% in 2024": each
/// year is when its figure held); without figures, names of a kind that each alone gives
/// part them ("Finland joined the EU in 1995" and "Finland joined NATO in April 2023").
fn may_be_one_fact(a: &Claim, c: &Claim) -> bool {
    shared_figure(a, c).unwrap_or_else(|| !names_differ(a, c))
}

/// Each sentence names something of a kind (a place, a person, an organisation) that the other
/// does not name: they tell of different things ("Finland joined the EU in 1995" and "Finland
/// joined NATO in April 2023"; "In Texas, 45 people were arrested" and "In California, 60").
fn names_differ(a: &Claim, c: &Claim) -> bool {
    fn names(x: &Claim) -> impl Iterator<Item = (&str, crate::extract::EntityType)> {
        x.sentence_mentions().filter_map(|m| match &m.value {
            Value::Entity { name, kind } => Some((name.as_str(), role_kind(name, *kind))),
            _ => None,
        })
    }
    let only = |x: &Claim, y: &Claim, kind| {
        names(x).any(|(n, k)| k == kind && !names(y).any(|(m, _)| same_entity(n, m)))
    };
    names(a).any(|(_, kind)| {
        kind != crate::extract::EntityType::Other && only(a, c, kind) && only(c, a, kind)
    })
}

/// Which way the change a claim's clause tells of goes, by its verb or noun: `Some(true)` up
/// ("rose", "grew", "gained", "a profit"), `Some(false)` down ("fell", "shrank", "lost", "a
/// loss"), `None` when it names neither, or both ("rose 5% after falling 3%").
fn direction(text: &str, c: &Claim) -> Option<bool> {
    let (up, down) = c.local().fold((false, false), |(up, down), t| {
        (
            up || is_listed(UP, t) || is_listed(" profit surplus ", t),
            down || is_listed(DOWN, t) || is_listed(" lost lose loss deficit ", t),
        )
    });
    if up != down {
        return Some(up);
    }
    // "revenue of $4.5 billion, up 12%": the word right before the figure.
    match word_at(text, c.start, c.anchor.0).0 {
        "up" => Some(true),
        "down" => Some(false),
        _ => None,
    }
}

/// The stems of verbs and nouns of a change up ([`crate::claims::normalize`]'s).
const UP: &str =
    " rose rise risen rising grew grow grown gain increas climb jump soar surg expand \
    rais hike hiked boost widen accelerat ";
/// ... and down.
const DOWN: &str = " fell fall fallen shrank shrunk shrink declin decreas dropp drop plung slump \
    slid tumbl sank contract cut narrow lower reduc slow ";

/// Whether `w` (lower-case) tells of a change: "rose", "fell", "up", "increase", ...
fn is_change(w: &str) -> bool {
    w == "up"
        || w == "down"
        || crate::claims::normalize(w).is_some_and(|t| is_listed(UP, &t) || is_listed(DOWN, &t))
}

/// The measures a claim's clause names, one bit each: revenue, profit (or loss), debt, a
/// balance, exports, imports, GDP, dividends, wages, a price, investment, unemployment,
/// inflation, tax. Two figures of different measures ("revenue rose to $5 billion", "profit
/// was $5 billion") say nothing of each other.
fn measures(c: &Claim) -> u16 {
    // One list, the measures' words in groups (one search a term).
    const MEASURES: &str = " revenu sale turnover # profit earn loss losse incom # debt borrow \
        # deficit surplus # export # import # gdp # dividend # wage salary salari \
        # pric price cost # invest # unemploy jobless # inflation # tax taxe ";
    c.local()
        .fold(0, |bits, t| match listed_group(MEASURES, t) {
            Some(group) => bits | 1 << group,
            None => bits,
        })
}

/// Each claim's clause names a measure and none is named by both ([`measures`]; `x`, the text
/// claim's).
fn measures_differ(x: u16, c: &Claim) -> bool {
    let y = measures(c);
    x != 0 && y != 0 && x & y == 0
}

/// Both figures are shares of something named after them ("30% of the company's board", "30%
/// of its workforce"), and neither sentence names the other's: shares of different wholes.
fn shares_differ(text: &str, a: &Claim, doc: &str, c: &Claim) -> bool {
    let (Value::Percent(_), Value::Percent(_)) = (a.value(), c.value()) else {
        return false;
    };
    let (x, y) = (share_of(text, a), share_of(doc, c));
    let named_in = |w: &str, other: &Claim| {
        crate::claims::normalize(w).is_some_and(|t| other.terms.binary_search(&t).is_ok())
    };
    match (x, y) {
        (Some(x), Some(y)) => !named_in(x, c) && !named_in(y, a),
        _ => false,
    }
}

/// The first word after "of" that follows a percentage, past "the", "a", "its", "their" and
/// possessives ("30% of the company's board" → "board"); `None` when no "of" follows.
fn share_of<'t>(text: &'t str, c: &Claim) -> Option<&'t str> {
    let rest = text.get(c.anchor.1..c.end)?.trim_start();
    let rest = rest.strip_prefix("of ")?;
    rest.split_whitespace()
        .map(|w| w.trim_end_matches(|ch: char| !ch.is_alphanumeric()))
        .find(|w| {
            !w.is_empty()
                && !is_listed(
                    " the a an its their his her our this that ",
                    &w.to_ascii_lowercase(),
                )
                && !w.ends_with("'s")
                && !w.ends_with("’s")
        })
}

/// The two claims' subjects are one entity, named in one as who ("the United States has
/// invested more than $100 billion") and in the other as where, after the value ("$42 billion
/// of investment in the United States"): the figures are of different things.
fn subject_places_differ(text: &str, a: &Claim, doc: &str, c: &Claim) -> bool {
    a.subject()
        .zip(c.subject())
        .is_some_and(|(x, y)| same_entity(x, y))
        && named_as_place(text, a) != named_as_place(doc, c)
}

/// The claim's subject follows its value and "in", maybe with "the" ("$42 billion of
/// investment in the United States"; not "the Jewish community in Kazakhstan numbers 2,000").
fn named_as_place(t: &str, x: &Claim) -> bool {
    x.subject_span().is_some_and(|(at, _)| {
        let b = t.as_bytes()[x.anchor.1.min(at)..at].trim_ascii_end();
        let b = b.strip_suffix(b"the").unwrap_or(b).trim_ascii_end();
        b.ends_with(b" in")
    })
}

/// What a figure is in its sentence, by the words around it: 1, a change ("rose 5%", "rose by
/// $150 million", "up 5%", "an increase of 5%"; and by the noun after it, "a 5% rise"); 2, a
/// level reached ("rose 5% to $3 billion", "fell to 7%"; or held, "a 25% stake"); 3, a base
/// ("from 5%"); 0, not said ("was 7%": a level or a change).
fn figure_role(text: &str, c: &Claim) -> u8 {
    let (w1, at) = word_at(text, c.start, c.anchor.0);
    let (w2, _) = word_at(text, c.start, at);
    let figure = w2.bytes().last().is_some_and(|b| b.is_ascii_digit())
        || is_listed(" million billion trillion points percent cent ", w2);
    if w1 == "from" {
        3
    } else if w1 == "to" && (figure || is_change(w2)) {
        2
    } else if is_change(w1) || (is_listed(" by of ", w1) && is_change(w2)) {
        1
    } else if is_listed(" a an the its their ", w1) {
        // Named by the noun after it: "a 5% rise"; "holds a 25% share", what is held, a level.
        let noun = noun_after(text, c.anchor.1);
        if is_change(noun) {
            1
        } else if is_listed(" share stake ", noun) {
            2
        } else {
            0
        }
    } else {
        0
    }
}

/// The ASCII word after a figure ending at `at`, past a unit word: "increase" in "a 5% increase",
/// "a $150 million increase", "a 2.5-point increase".
fn noun_after(text: &str, at: usize) -> &str {
    let b = text.as_bytes();
    let mut i = at.min(b.len());
    for _ in 0..2 {
        while i < b.len() && matches!(b[i], b' ' | b'-') {
            i += 1;
        }
        let from = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let w = &text[from..i];
        if !is_listed(" million billion trillion point points percent ", w) {
            return w;
        }
    }
    ""
}

/// The ASCII word that ends before `at` (punctuation between skipped) and starts at or after
/// `lo`, and where it starts; "" when there is none. (As written: "From" is not "from".)
/// Much like `extract::date::last_word` (the last word of a text, lower-cased into a `String`);
/// built on that one, this came out larger in the wasm, so each keeps its own.
fn word_at(text: &str, lo: usize, at: usize) -> (&str, usize) {
    let b = text.as_bytes();
    let mut i = at.min(b.len());
    while i > lo && !b[i - 1].is_ascii_alphanumeric() {
        i -= 1;
    }
    let end = i;
    while i > lo && b[i - 1].is_ascii_alphanumeric() {
        i -= 1;
    }
    (text.get(i..end).unwrap_or(""), i)
}

/// Both figures' roles are said ([`figure_role`]; `x`, the text claim's) and differ: a change
/// is not a level.
fn roles_differ(x: u8, doc: &str, c: &Claim) -> bool {
    let y = figure_role(doc, c);
    x != 0 && y != 0 && x != y
}

/// Whether two figures are of one rate: each is per the same thing ("a month", "an hour", "per
/// share", "each", "per capita") or neither is (a year counts as none).
fn same_rate(text: &str, a: &Claim, doc: &str, c: &Claim) -> bool {
    // The rate written right after a figure ending at `end` of the sentence ending at `stop`.
    fn written(text: &str, end: usize, stop: usize) -> Option<&str> {
        let mut words = text
            .get(end..stop)?
            .split_whitespace()
            .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()));
        // The figure's counted noun may come first ("5,000 cars a week").
        for _ in 0..2 {
            let w = words.next()?.to_ascii_lowercase();
            if w == "each" {
                return Some("each");
            }
            if is_listed(" per a an ", &w) {
                let unit = words.next()?;
                let unit = unit.strip_suffix('s').unwrap_or(unit);
                let lower = unit.to_ascii_lowercase();
                // "a year earlier": when, not a rate.
                let when = words.next().is_some_and(|n| {
                    is_listed(
                        " earlier ago later before after old ",
                        &n.to_ascii_lowercase(),
                    )
                });
                // A year is what a flow stated without a rate is per ("trade of $5 billion").
                if when || is_listed(" year annum ", &lower) {
                    return None;
                }
                return (w.len() == 3
                    || is_listed(
                        " hour day week month quarter share head person barrel gallon litre \
                         liter ounce tonne ton unit ",
                        &lower,
                    ))
                .then_some(unit);
            }
        }
        None
    }
    // Its own, else that of a figure of its kind in its sentence ("$2.10 per share, up from
    // $1.80"), else per capita when its clause says so.
    fn rate<'t>(text: &'t str, c: &Claim) -> Option<&'t str> {
        let kind = std::mem::discriminant(c.value());
        written(text, c.anchor.1, c.end)
            .or_else(|| {
                c.sentence_mentions()
                    .filter(|m| std::mem::discriminant(&m.value) == kind)
                    .find_map(|m| written(text, m.end, c.end))
            })
            .or_else(|| {
                c.local()
                    .any(|t| concept(t) == Some("capita"))
                    .then_some("capita")
            })
    }
    match (rate(text, a), rate(doc, c)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        (x, y) => x.is_none() && y.is_none(),
    }
}

/// The claims hold at compatible times: a figure "in 2023" is not contradicted by one "in
/// 2024", nor one "in 2024" by one "from 2020 to 2024" (a period holds from its first year to
/// its last; a year, or a day in it, from that year to that year).
#[inline(never)]
fn same_time(a: &Claim, c: &Claim) -> bool {
    // A period's first date, or its last ("2025-10" of "2025-09/2025-10").
    fn end(t: &str, last: bool) -> &str {
        match t.rfind('/') {
            Some(i) if last => &t[i + 1..],
            _ => t,
        }
    }
    // A date's year, and its month when it gives one ("2025-10" of "2025-10-07").
    fn year(t: &str) -> Option<&str> {
        t.get(..4)
    }
    fn month(t: &str) -> Option<&str> {
        t.get(..7).filter(|m| m.as_bytes()[4] == b'-')
    }
    // "in the third quarter" against "in the fourth quarter" (without a year, a rank of a
    // period): one each, and not the same.
    fn part_of_year(c: &Claim) -> Option<(i64, &str)> {
        let mut parts = c.sentence_mentions().filter_map(|m| match &m.value {
            Value::Ordinal(n, noun) if is_listed(" quarter half ", noun) => Some((*n, &**noun)),
            _ => None,
        });
        let first = parts.next()?;
        parts.all(|p| p == first).then_some(first)
    }
    let is_part_of_year = |c: &Claim| matches!(c.value(), Value::Ordinal(_, n) if is_period(n));
    if let (false, false, Some(x), Some(y)) = (
        is_part_of_year(a),
        is_part_of_year(c),
        part_of_year(a),
        part_of_year(c),
    ) {
        if x.1 == y.1 && x.0 != y.0 {
            return false;
        }
    }
    match (a.time(), c.time()) {
        // "fell to 2.4% in October from 3.1% in September": September's figure is not
        // October's.
        (Some(x), Some(y)) => [false, true].iter().all(|&last| {
            let (x, y) = (end(x, last), end(y, last));
            let (p, q) = (year(x), year(y));
            let (m, n) = (month(x), month(y));
            (p.is_none() || q.is_none() || p == q) && (m.is_none() || n.is_none() || m == n)
        }),
        _ => true,
    }
}

/// What a date is to its sentence, by the word before it: "since 2020" starts a period, "by
/// 2023" ends one, "in 2020" or "on November 7" is when something happened; when what
/// happened is a beginning ("established relations in 1992", "founded in 2015"), it starts
/// what holds "since" then. Dates in other roles don't contradict each other.
fn date_role(text: &str, claim: &Claim) -> &'static str {
    let role = date_word_role(text, claim.anchor.0);
    let begins = || {
        claim
            .local()
            .any(|t| is_listed(" establish found creat form start launch ", t))
    };
    if role == "at" && begins() {
        "start"
    } else {
        role
    }
}

/// [`date_role`] by the word before the date alone.
fn date_word_role(text: &str, start: usize) -> &'static str {
    let (word, _) = word_at(text, 0, start);
    let word = word.to_ascii_lowercase();
    if is_listed(" since from after ", &word) {
        "start"
    } else if is_listed(" until till by before through ", &word) {
        "end"
    } else {
        "at"
    }
}

/// The share of a whole that a document gives as two figures, the part "of" the whole ("$900
/// million of a $1.1 billion project", "120 of 190 countries"): a percentage claim with the
/// part's claim's terms, anchored on both figures, its interval from the two figures' own.
/// `None` unless claim `i` is such a part: the next figure of its sentence follows it after
/// only "of" (and an article or "its"), in the same currency or unit, and is larger.
fn derived_share(text: &str, claims: &[&Claim], i: usize) -> Option<Claim> {
    let part = claims[i];
    let whole = claims[i + 1..]
        .iter()
        .take_while(|w| w.sentence == part.sentence)
        .find(|w| w.anchor.0 >= part.anchor.1)?;
    let between = text.get(part.anchor.1..whole.anchor.0)?.trim();
    let between = between.strip_prefix("out ").unwrap_or(between);
    let rest = between.strip_prefix("of")?.trim_start();
    if !matches!(rest, "" | "a" | "an" | "the" | "its" | "their") {
        return None;
    }
    let (x, y) = match (part.value(), whole.value()) {
        (Value::Money(x, a), Value::Money(y, b)) if a == b => (x, y),
        (Value::Quantity(x, a), Value::Quantity(y, b)) if same_unit(a, b) => (x, y),
        (Value::Number(x), Value::Quantity(y, _) | Value::Number(y)) => (x, y),
        _ => return None,
    };
    let plain = |a: &Amount| matches!(a.bound, Bound::Exact | Bound::About | Bound::Range);
    let ((x0, x1), (y0, y1)) = (x.plausible(), y.plausible());
    if !plain(x) || !plain(y) || x0 <= 0.0 || x1 >= y0 {
        return None;
    }
    let (low, high) = (100.0 * x0 / y1, 100.0 * x1 / y0);
    let mut share = part.clone();
    share.anchor = (part.anchor.0, whole.anchor.1);
    Some(share.with_value(Value::Percent(Amount {
        value: (low + high) / 2.0,
        low: Some(low),
        high: Some(high),
        bound: Bound::Range,
        precision: 0.0,
        below_near: false,
    })))
}

/// Which part differs between two incompatible values of one dimension.
fn mismatch_of(a: &Value, b: &Value) -> &'static str {
    match (a, b) {
        (Value::Date(_) | Value::Duration(..), _) => "date",
        // A rank of a period ("second term") is a date; other ranks are comparisons.
        (Value::Ordinal(_, noun), _) if is_period(noun) => "date",
        (Value::Ordinal(..), _) => "comparison",
        // "Less than half" against 82%: a minority said of a majority.
        (Value::Percent(x), Value::Percent(y)) if other_side_of_half(x, y) => "comparison",
        _ => match (a.amount(), b.amount()) {
            (Some(x), Some(y)) if opposite_bounds(x, y) => "comparison",
            _ => "number",
        },
    }
}

/// A share said to be above or below half ("more than half", "under 50%") against one wholly on
/// the other side of half: the text says majority where the corpus says minority, or back.
fn other_side_of_half(claimed: &Amount, corpus: &Amount) -> bool {
    let (lo, hi) = corpus.plausible();
    (claimed.value - 50.0).abs() < 1e-9
        && match claimed.bound {
            Bound::MoreThan | Bound::AtLeast => hi < 50.0,
            Bound::LessThan | Bound::AtMost => lo > 50.0,
            _ => false,
        }
}

/// A rank that names a part of a sequence all its subjects share ("the third quarter", "the
/// first round", "the second phase", "the first nine months"), not a rank held by one subject.
fn is_part(noun: &str) -> bool {
    is_period(noun)
        || is_listed(" round phase stage leg session season week day few ", noun)
        || crate::extract::parse_word_number(noun).is_some()
}

fn is_period(noun: &str) -> bool {
    is_listed(
        " term century decade year quarter half anniversary month ",
        noun,
    )
}

/// "more than 600" against "fewer than 600": the same figure with the comparison flipped.
fn opposite_bounds(a: &Amount, b: &Amount) -> bool {
    let up = |x: &Amount| matches!(x.bound, Bound::MoreThan | Bound::AtLeast);
    let down = |x: &Amount| matches!(x.bound, Bound::LessThan | Bound::AtMost) || x.below_near;
    let near = (a.value - b.value).abs() <= 0.05 * a.value.abs().max(b.value.abs());
    near && ((up(a) && down(b)) || (down(a) && up(b)))
}

/// Alignment from which an entity contradicts another in a role that both sentences share
/// with a third entity of the same type ("with Tokayev and Herzog" against "with Tokayev and
/// Netanyahu").
pub const ROLE_ALIGNMENT: f64 = 0.4;

/// The kind of entity for roles: a name of no known kind made of a part of the world and a
/// name ("South Asia", "Central Europe") is a place.
fn role_kind(name: &str, kind: crate::extract::EntityType) -> crate::extract::EntityType {
    use crate::extract::EntityType;
    match name.split_once(' ') {
        Some((first, rest))
            if kind == EntityType::Other
                && !rest.contains(' ')
                && is_region_of(first.as_bytes()) =>
        {
            EntityType::Place
        }
        _ => kind,
    }
}

/// The claim's sentence names the entity `who` (as an entity term).
fn mentions_name(claim: &Claim, who: &str) -> bool {
    claim.terms.iter().any(|t| same_entity(t, who))
}

/// Another entity of the corpus claim's type in its sentence that the claim's sentence names
/// too: the two sentences list the same role.
fn co_listed(claim: &Claim, c: &Claim, doc_claims: &[(&Claim, &prep::Prep)]) -> bool {
    let Value::Entity { name, kind } = c.value() else {
        return false;
    };
    doc_claims
        .iter()
        .map(|&(k, _)| k)
        .filter(|k| k.sentence == c.sentence)
        .any(|k| match k.value() {
            // An entity of no known kind ("Kazakh President Kassym-Jomart Tokayev") can be
            // listed beside anyone.
            Value::Entity { name: kn, kind: kk } => {
                (kk == kind || *kk == crate::extract::EntityType::Other)
                    && kn != name
                    && ![claim.subject(), c.subject()]
                        .iter()
                        .any(|s| s.as_deref().is_some_and(|s| same_entity(s, kn)))
                    && claim.terms.iter().any(|t| same_entity(t, kn))
            }
            _ => false,
        })
}

/// Verbs whose subject and object cannot trade places and keep the fact: "Kazakhstan beat
/// Uzbekistan" is not "Uzbekistan beat Kazakhstan" (while "met", "signed with" are symmetric).
const ONE_WAY: &str = " accused acquired annexed appointed arrested attacked beat bought \
    criticised criticized defeated endorsed fired hosted invaded invited overtook pardoned \
    replaced sanctioned succeeded sued visited ";

/// "Kazakhstan beat Uzbekistan …" against "Uzbekistan beat Kazakhstan …" (the same one-way verb,
/// the two names the other way round), or against "Kazakhstan lost to Uzbekistan …" (the same
/// order, a verb of the opposite outcome): the sentences tell different facts, whatever figure
/// or date they share.
#[inline(never)]
fn roles_reversed(text: &str, claim: &Claim, doc: &str, c: &Claim) -> bool {
    // The sentence's first two names, and the verb between them: one of [`ONE_WAY`], or "lost
    // to". Of any type: a lone surname ("Tokayev hosted Xi") has none.
    fn two<'a>(text: &'a str, c: &'a Claim) -> Option<(&'a str, &'a str, &'a str)> {
        let mut all = names(c);
        let (_, a_end, x) = all.next()?;
        let (b_start, _, y) = all.next()?;
        let between = text.get(a_end..b_start)?.trim();
        (between == "lost to" || is_listed(ONE_WAY, between)).then_some((x, y, between))
    }
    let (Some((x0, x1, v)), Some((y0, y1, w))) = (two(text, claim), two(doc, c)) else {
        return false;
    };
    if same_entity(x0, x1) {
        return false;
    }
    let won = |v: &str| is_listed(" beat defeated ", v);
    let lost = |v: &str| v == "lost to";
    (same_entity(x0, y1) && same_entity(x1, y0) && v == w)
        || (same_entity(x0, y0)
            && same_entity(x1, y1)
            && ((won(v) && lost(w)) || (lost(v) && won(w))))
}

/// A forecast or view ("will", "would", "expects"…) that the text and the corpus each credit to
/// a person, two different ones: the corpus's and the text's.
#[inline(never)]
fn credited_elsewhere(text: &str, claim: &Claim, doc: &str, c: &Claim) -> bool {
    let view = text[claim.start..claim.end]
        .split(|ch: char| !ch.is_ascii_alphabetic())
        .any(|w| {
            is_listed(
                " will would could may might expects expected forecast forecasts predicted predicts projected ",
                w,
            )
        });
    let (Some(ours), Some(theirs)) = (claim.credited_to(text), c.credited_to(doc)) else {
        return false;
    };
    view && !same_entity(ours, theirs)
}

/// The corpus sentence only hopes for it or allows it ("hopes that Saudi Arabia … may join the
/// Abraham Accords"), and the text's says it is so, with no word of a forecast or a hope ("Saudi
/// Arabia has already joined the Abraham Accords"): that is no support.
fn only_hoped(text: &str, claim: &Claim, doc: &str, c: &Claim) -> bool {
    has_listed_word(&doc[c.start..c.end], " may might could hope hopes hoped ")
        && !has_listed_word(
            &text[claim.start..claim.end],
            " will would could may might hope hopes hoped expects expected plans planned wants ",
        )
}

/// Whether a word of `s`, lower-cased, is in `list` (words between spaces, as [`is_listed`]).
fn has_listed_word(s: &str, list: &str) -> bool {
    s.split(|ch: char| !ch.is_alphabetic())
        .any(|w| is_listed(list, &w.to_ascii_lowercase()))
}

/// "Putin proposed the plan …" against "Tokayev, not Putin, proposed the plan …": the corpus
/// names the text's first name only to set it aside, and the text does not name the corpus's
/// choice. ("Putin did not propose the plan" agrees with it.)
#[inline(never)]
fn ruled_out(text: &str, claim: &Claim, doc: &str, c: &Claim) -> bool {
    let Some((a, b)) = set_aside(doc, c) else {
        return false;
    };
    // "Putin, not Tokayev, proposed it": the other way round.
    if let Some((x, y)) = set_aside(text, claim) {
        return same_entity(x, b) && same_entity(y, a);
    }
    let mut own = names(claim);
    own.next().is_some_and(|(_, _, x)| same_entity(x, b)) && !own.any(|(_, _, x)| same_entity(x, a))
}

/// The names of a claim's sentence: start, end and name.
fn names(c: &Claim) -> impl Iterator<Item = (usize, usize, &str)> {
    c.sentence_mentions().filter_map(|m| match &m.value {
        Value::Entity { name, .. } => Some((m.start, m.end, &**name)),
        _ => None,
    })
}

/// In "Tokayev, not Putin, proposed the plan": the name chosen and the one set aside.
#[inline(never)]
fn set_aside<'a>(doc: &str, c: &'a Claim) -> Option<(&'a str, &'a str)> {
    let mut all = names(c).peekable();
    while let (Some((_, a_end, a)), Some(&(b_start, b_end, b))) = (all.next(), all.peek()) {
        if doc.get(a_end..b_start) == Some(", not ") && doc[b_end..].starts_with(',') {
            return Some((a, b));
        }
    }
    None
}

/// Of two claims, one negated and one not: whether the one without a "not" also has no word
/// that denies in other terms ("declined to sign", "held its rate", "was undamaged", "kept it
/// unchanged"). Only then do the two say opposite things; else the "not" may be the other's
/// wording of the same fact, and the pair is related, not a contradiction.
fn plainly_opposite(text: &str, claim: &Claim, doc_text: &str, c: &Claim) -> bool {
    let affirmed = if claim.negated {
        &doc_text[c.start..c.end]
    } else {
        &text[claim.start..claim.end]
    };
    !has_listed_word(affirmed, DENIES_WITHOUT_NOT)
}

/// Words that deny or hold something back without a "not": what a sentence with "not" may
/// say in other words ("did not sign" is "declined to sign"; "did not change" is "held").
const DENIES_WITHOUT_NOT: &str = " declined declines decline declining refused refuses refuse \
    refusing rejected rejects denied denies failed fails skipped skips avoided avoids abstained \
    halted stopped held holds kept keeps unchanged \
    undamaged unharmed unhurt unscathed unaffected untouched unable unsigned unopposed unpaid \
    unresolved unanswered unknown without absent lacked lacks lacking missed ";

/// Entity claims compare who fills a role: supported when an aligned corpus sentence names the
/// same entity; contradicted (`entity`) when a strongly aligned corpus sentence has another
/// entity of the same type in that role and no aligned corpus sentence names this one.
fn judge_entity(
    text: &str,
    name: &str,
    kind: crate::extract::EntityType,
    claim: &Claim,
    corpus: &Corpus,
    p: &prep::Prepared,
    j: &prep::Judged,
) -> Judgment {
    let kind = role_kind(name, kind);
    let mut supports: Vec<Evidence> = Vec::new();
    let mut contradicts: Vec<(Evidence, &'static str)> = Vec::new();
    let mut related: Vec<Evidence> = Vec::new();
    let mut named_nearby = false;
    let mut ruled = false;
    let lower = name.to_lowercase();
    let number = p.name(name);
    for (si, (di, claims)) in p.scope().iter().enumerate() {
        let di = *di;
        for (ci, &(c, pc)) in claims.iter().enumerate() {
            let w = p.who(si, ci);
            let least = SUPPORT_ALIGNMENT * 0.75;
            let Some(score) = p.alignment_from(claim, j, c, pc, w, corpus, least) else {
                continue;
            };
            if score < least {
                continue;
            }
            let ev = |stance, anchor| Evidence {
                document: di,
                start: c.start,
                end: c.end,
                anchor,
                stance,
                score,
            };
            let mentions = p.names_entity(c, w, name, &lower, number);
            if mentions {
                named_nearby = true;
            }
            let doc = &corpus.documents[di].text;
            let same = matches!(c.value(), Value::Entity { name: cn, .. } if same_entity(cn, name));
            match c.value() {
                _ if same && score < SUPPORT_ALIGNMENT => {
                    related.push(ev(Stance::Related, c.anchor));
                }
                // The entity itself, or the corpus sentence's subject, or named beside another
                // value. (A rival below is never named in the text's sentence: no overlap.)
                _ if same || (mentions && score >= SUPPORT_ALIGNMENT + 0.1) => {
                    if !c.negated && ruled_out(text, claim, doc, c) {
                        // "Putin proposed it in Vienna" against "Tokayev, not Putin, proposed it
                        // in Vienna"; "Putin did not propose it" agrees.
                        // (Not a rival's "entity": the corpus names this one too, to set it aside.)
                        if claim.negated {
                            supports.push(ev(Stance::Supports, c.anchor));
                        } else {
                            contradicts.push((ev(Stance::Contradicts, c.anchor), "aside"));
                            ruled = true;
                        }
                    } else if claim.negated == c.negated {
                        if only_hoped(text, claim, doc, c) {
                            related.push(ev(Stance::Related, c.anchor));
                        } else {
                            supports.push(ev(Stance::Supports, c.anchor));
                        }
                    } else if score >= 0.6 && plainly_opposite(text, claim, doc, c) {
                        contradicts.push((ev(Stance::Contradicts, c.anchor), "negation"));
                    } else {
                        related.push(ev(Stance::Related, c.anchor));
                    }
                }
                Value::Entity { name: cn, kind: ck }
                    if role_kind(cn, *ck) == kind
                        && kind != crate::extract::EntityType::Other
                        && !mentions
                        // Named in the text's sentence too: not a rival for the role.
                        && !mentions_name(claim, cn)
                        && (score >= CONTRADICT_ALIGNMENT
                            || (score >= ROLE_ALIGNMENT && co_listed(claim, c, claims)))
                        && claim.negated == c.negated
                        && !p.subjects_differ(claim, j, c, w)
                        && !p.unanchored_role(claim, j, c, w)
                        // Another event or fact: another time, other figures, or one named
                        // besides ("also", "another").
                        && shared_figure(claim, c).unwrap_or_else(|| same_time(claim, c))
                        && !adds_one(text, claim, doc, c) =>
                {
                    contradicts.push((ev(Stance::Contradicts, c.anchor), "entity"));
                }
                _ => related.push(ev(Stance::Related, c.anchor)),
            }
        }
    }
    if named_nearby {
        contradicts.retain(|(_, k)| *k != "entity");
    }
    let mut j = decide("", claim, corpus, p, supports, contradicts, related);
    match (j.verdict, j.mismatch) {
        (Verdict::Supported, _) => {
            j.explanation = format!(
                "The corpus names {name} here too ({}).",
                cite(corpus, &j.evidence[0])
            );
        }
        (Verdict::Contradicted, Some("entity")) if !ruled => {
            let e = &j.evidence[0];
            j.explanation = format!(
                "The corpus names {} in this role, not {name} ({}): {}.",
                value_phrase(corpus, p, e),
                cite(corpus, e),
                sentence_text(corpus, e)
            );
        }
        _ => {}
    }
    j
}

/// The claim's sentence names what it names as one more ("Samsung is also building a plant in
/// South Korea", "another loan", "a separate deal"), or the corpus's names only some ("mostly
/// to customers in China and India", "including"): not a rival for the corpus's.
fn adds_one(text: &str, claim: &Claim, doc: &str, c: &Claim) -> bool {
    let has = |s: Option<&str>, words: &[&str]| {
        s.is_some_and(|s| {
            s.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| words.iter().any(|m| w.eq_ignore_ascii_case(m)))
        })
    };
    has(
        text.get(claim.start..claim.anchor.0),
        &[
            "also",
            "too",
            "another",
            "separate",
            "additional",
            "other",
            "new",
        ],
    ) || has(
        doc.get(c.start..c.end),
        &[
            "mostly",
            "mainly",
            "including",
            "among",
            "notably",
            "chiefly",
        ],
    )
}

/// Content words of a quote, normalised (function words dropped), sorted and unique.
fn quote_content(q: &str) -> Vec<String> {
    let mut w: Vec<String> = q
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(diff::fold_apostrophes)
        // A negation is not content: "We can't afford it" has the words of "We can afford
        // it", and `negations` tells the two apart.
        .filter(|w| !is_negation(&w.to_lowercase()))
        .filter_map(|w| crate::claims::normalize(&w))
        .collect();
    w.sort();
    w.dedup();
    w
}

/// A named speaker (not "the statement", not unresolved).
fn named(speaker: Option<&str>) -> Option<&str> {
    speaker.filter(|s| !s.starts_with("the ") && s.chars().next().is_some_and(char::is_uppercase))
}

/// Negation words in a quote: a quote with "not" added says the opposite, however small the
/// change.
fn negations(q: &str) -> usize {
    diff::words(q).iter().filter(|w| is_negation(w)).count()
}

/// A negation word, lower-case, apostrophes straight ("not", "never", "can't").
fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not" | "no" | "never" | "none" | "nothing" | "neither" | "nor" | "without"
    ) || w.ends_with("n't")
}

/// The diff from a corpus quote to the text's, without the corpus words before and after the
/// part the text quotes.
fn quote_diff(corpus_quote: &str, text_quote: &str) -> Vec<(diff::Op, String)> {
    let mut d = diff::diff(corpus_quote, text_quote);
    // A run of corpus-only words at either end goes when the text quotes from the word next to
    // it; after the text's own words it is a replacement and stays.
    let removed = |op: &diff::Op| *op == diff::Op::Removed;
    let head = d.iter().take_while(|(op, _)| removed(op)).count();
    if d.get(head).map_or(true, |(op, _)| *op == diff::Op::Same) {
        d.drain(..head);
    }
    let tail = d.iter().rev().take_while(|(op, _)| removed(op)).count();
    if tail < d.len() && d[d.len() - tail - 1].0 == diff::Op::Same {
        d.truncate(d.len() - tail);
    }
    d
}

/// Quotes are compared word by word, and their speakers separately: the same words given to
/// another named person is a misattribution (`speaker`); most of a corpus quote's words with
/// other words in place of some is a changed quote (`wording`), shown as a word diff. A change
/// of function words or punctuation only (a translation's wording) is supported, with the
/// difference noted; a short quote in the same context with other words is a changed quote.
fn judge_quote(
    quote: &str,
    speaker: Option<&str>,
    claim: &Claim,
    corpus: &Corpus,
    p: &prep::Prepared,
    pa: &prep::Prep,
) -> Judgment {
    let words = &pa.quote;
    // (coverage, shared, document, corpus claim, context alignment), best first.
    let mut found: Vec<(f64, usize, usize, &Claim, f64)> = Vec::new();
    for (di, claims) in p.scope() {
        let di = *di;
        for &(c, pc) in claims {
            if let Value::Quote { .. } = c.value() {
                let cw = &pc.quote;
                let shared = words.iter().filter(|w| cw.binary_search(w).is_ok()).count();
                let context = if words.len() <= 4 {
                    prep::predicate_share(pa, pc)
                } else {
                    0.0
                };
                if !words.is_empty() && (shared > 0 || context >= 0.6) {
                    found.push((shared as f64 / words.len() as f64, shared, di, c, context));
                }
            }
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    type Found<'a> = (f64, usize, usize, &'a Claim, f64);
    let ev = |f: &Found, stance| Evidence {
        document: f.2,
        start: f.3.start,
        end: f.3.end,
        anchor: f.3.anchor,
        stance,
        score: f.0,
    };
    let speaker_of = |c: &Claim| match c.value() {
        Value::Quote { speaker, .. } => speaker.clone(),
        _ => None,
    };
    let quote_of = |c: &Claim| match c.value() {
        Value::Quote { quote, .. } => quote.clone(),
        _ => String::new(),
    };
    let same_speaker = |f: &Found| match (named(speaker), speaker_of(f.3)) {
        (Some(a), Some(b)) if named(Some(&b)).is_some() => same_entity(a, &b),
        _ => true,
    };
    let whole: Vec<_> = found
        .iter()
        .filter(|f| f.0 >= 0.999 && f.1 >= 3.min(words.len()))
        .collect();
    let changed = |f: &Found| {
        let d = quote_diff(&quote_of(f.3), quote);
        let differs = d.iter().any(|(op, _)| *op != diff::Op::Same);
        (d, differs)
    };
    // The text's quote is the corpus's `best` quote changed: contradicted, with the word diff.
    let reworded = |best: &Found, how: &str, confidence: f64| {
        let e = ev(best, Stance::Contradicts);
        let (d, _) = changed(best);
        let explanation = format!(
            "The corpus quotes this {how} ({}): {}; word by word: {}.",
            cite(corpus, &e),
            value_phrase(corpus, p, &e),
            diff::render(&d)
        );
        Judgment {
            verdict: Verdict::Contradicted,
            confidence,
            mismatch: Some("wording"),
            explanation,
            evidence: vec![e],
            diff: d,
            sides: Vec::new(),
        }
    };
    if !whole.is_empty() {
        // The same content words, but a negation added or dropped: another quote.
        let flipped = |f: &Found| {
            let d = quote_diff(&quote_of(f.3), quote);
            let kept: String = d
                .iter()
                .filter(|(op, _)| *op != diff::Op::Added)
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            negations(&kept) != negations(quote)
        };
        if let Some(best) = whole
            .iter()
            .copied()
            .find(|f| same_speaker(f) && !flipped(f))
        {
            let e = ev(best, Stance::Supports);
            let (d, differs) = changed(best);
            let explanation = if differs {
                format!(
                    "The corpus quotes these words ({}) with small differences of wording: {}.",
                    cite(corpus, &e),
                    diff::render(&d)
                )
            } else {
                format!(
                    "The corpus quotes these words ({}), as the text does.",
                    cite(corpus, &e)
                )
            };
            let evidence = whole
                .iter()
                .copied()
                .filter(|f| same_speaker(f) && !flipped(f))
                .take(3)
                .map(|f| ev(f, Stance::Supports))
                .collect();
            return Judgment {
                verdict: Verdict::Supported,
                confidence: if differs { 0.85 } else { 0.95 },
                mismatch: None,
                explanation,
                evidence,
                diff: if differs { d } else { Vec::new() },
                sides: Vec::new(),
            };
        }
        // The same words with a negation added or dropped ("We will not back down" against
        // "We will back down"): the text quotes the opposite.
        if let Some(best) = whole
            .iter()
            .copied()
            .find(|f| same_speaker(f) && flipped(f))
        {
            return reworded(best, "with the opposite sense", 0.9);
        }
        if let Some(best) = whole.iter().copied().find(|f| !same_speaker(f)) {
            let e = ev(best, Stance::Contradicts);
            let explanation = format!(
                "The corpus gives these words to {} ({}); the text gives them to {}.",
                speaker_of(best.3).unwrap_or_default(),
                cite(corpus, &e),
                speaker.unwrap_or_default()
            );
            return Judgment {
                verdict: Verdict::Contradicted,
                confidence: 0.9,
                mismatch: Some("speaker"),
                explanation,
                evidence: vec![e],
                diff: Vec::new(),
                sides: Vec::new(),
            };
        }
    }
    let wording = found
        .iter()
        // Most of a corpus quote's words: the same quote, changed (whoever the text names).
        .find(|f| f.0 >= 0.6 && f.1 >= 3 && (same_speaker(f) || (f.0 >= 0.8 && f.1 >= 5)))
        .or_else(|| {
            // A short quote ("perpetual engine") in the same context, with other words.
            found
                .iter()
                .filter(|f| f.4 >= 0.6 && (f.0 >= 0.3 || f.4 >= 0.75) && same_speaker(f))
                .max_by(|a, b| a.4.total_cmp(&b.4).then(b.2.cmp(&a.2)))
        });
    if let Some(best) = wording {
        return reworded(best, "differently", round2(best.0.max(best.4).min(0.95)));
    }
    let related = found
        .first()
        .filter(|f| f.0 >= 0.3)
        .map(|f| ev(f, Stance::Related))
        .into_iter()
        .collect();
    unverified(claim, related)
}

fn unverified(claim: &Claim, related: Vec<Evidence>) -> Judgment {
    let what = match claim.subject() {
        Some(s) => format!("this {} about {s}", noun_of(claim.value())),
        None => format!("this {}", noun_of(claim.value())),
    };
    let explanation = if related.is_empty() {
        format!("Nothing in the corpus states {what}.")
    } else {
        format!("Nothing in the corpus states {what}; the closest sentence is shown as related, not as evidence.")
    };
    Judgment {
        verdict: Verdict::Unverified,
        confidence: 0.5,
        mismatch: None,
        explanation,
        evidence: related,
        diff: Vec::new(),
        sides: Vec::new(),
    }
}

fn noun_of(v: &Value) -> &'static str {
    match v {
        Value::Money(..) => "amount",
        Value::Percent(_) => "share",
        Value::Date(_) => "date",
        Value::Duration(..) => "duration",
        Value::Ordinal(..) => "rank",
        Value::Quote { .. } => "quote",
        _ => "figure",
    }
}

fn dedup_sentences(v: &mut Vec<Evidence>) {
    let mut seen = Vec::new();
    v.retain(|e| {
        let key = (e.document, e.start);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
}

fn round2(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

fn cite(corpus: &Corpus, e: &Evidence) -> String {
    let d = &corpus.documents[e.document];
    format!("{}, {}", d.meta.source, d.meta.published)
}

/// The evidence's sentence, without its full stop (explanations put their own after it).
fn sentence_text(corpus: &Corpus, e: &Evidence) -> String {
    let s = corpus.documents[e.document]
        .text
        .get(e.start..e.end)
        .unwrap_or("")
        .trim_end();
    s.strip_suffix('.').unwrap_or(s).to_string()
}

/// The value as the corpus words it, with the counted noun for counts ("more than 600 American
/// companies").
fn value_phrase(corpus: &Corpus, p: &prep::Prepared, e: &Evidence) -> String {
    let doc = &corpus.documents[e.document];
    let claim = p.claims_of(e.document).find(|c| c.anchor == e.anchor);
    let anchor = doc.text.get(e.anchor.0..e.anchor.1).unwrap_or("");
    match claim.map(|c| c.value()) {
        Some(Value::Quantity(_, unit)) => {
            with_noun(anchor, &doc.text[e.anchor.1..e.end.max(e.anchor.1)], unit)
        }
        Some(Value::Quote { quote, .. }) => format!("“{quote}”"),
        Some(_) => anchor.to_string(),
        // A share the document gives as two figures: with the share.
        None => {
            let claims: Vec<&Claim> = p.claims_of(e.document).collect();
            claims
                .iter()
                .position(|c| c.anchor.0 == e.anchor.0)
                .and_then(|i| derived_share(&doc.text, &claims, i))
                .and_then(|d| match d.value() {
                    Value::Percent(a) if d.anchor == e.anchor => {
                        Some(format!("{anchor} (about {}%)", a.value.round() as i64))
                    }
                    _ => None,
                })
                .unwrap_or_else(|| anchor.to_string())
        }
    }
}

/// The claim's value in the text's own words, with the counted noun for counts.
fn claim_phrase(text: &str, claim: &Claim) -> String {
    let anchor = text.get(claim.anchor.0..claim.anchor.1).unwrap_or("");
    match claim.value() {
        Value::Quantity(_, unit) => with_noun(
            anchor,
            text.get(claim.anchor.1..claim.end.max(claim.anchor.1))
                .unwrap_or(""),
            unit,
        ),
        _ => anchor.to_string(),
    }
}

/// "600" + " American companies operate…" → "600 American companies".
fn with_noun(anchor: &str, rest: &str, unit: &str) -> String {
    let mut phrase = anchor.to_string();
    for w in rest.split_whitespace().take(4) {
        let word: String = w
            .chars()
            .filter(|c| c.is_alphabetic() || *c == '-')
            .collect();
        phrase.push(' ');
        phrase.push_str(&word);
        if crate::extract::singular_noun(&word) == unit {
            return phrase;
        }
    }
    anchor.to_string()
}

#[cfg(test)]
mod tests {
    use super::same_entity;

    #[test]
    fn same_entities() {
        for (a, b, same) in [
            ("Tokayev", "Kassym-Jomart Tokayev", true),
            ("Gaza", "Gaza Strip", true),
            ("New York", "New York City", true),
            ("new york", "New York", true),
            ("York", "New York", false),
            ("Zealand", "New Zealand", false),
            ("Guinea", "Papua New Guinea", false),
            ("Guinea", "Equatorial Guinea", false),
            ("Asia", "Central Asia", false),
            ("Ireland", "Northern Ireland", false),
            ("Kazakhstan", "Uzbekistan", false),
        ] {
            assert_eq!(same_entity(a, b), same, "{a} / {b}");
            assert_eq!(same_entity(b, a), same, "{b} / {a}");
        }
    }
}
