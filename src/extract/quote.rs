//! Quotations: the words inside quote marks — straight or curly, double or single, guillemets —
//! possibly spanning sentences, with quotes inside quotes kept as part of the outer one; the
//! speaker and the reporting verb.
//!
//! The speaker comes from the words right after the closing mark ("…," Trump wrote; "…," said
//! Tokayev; "…," according to the statement), or right before the opening one (Tokayev said:
//! "…"; according to the statement, "…"). A named speaker takes its canonical name from the
//! entity mentions ("Tokayev" → "Kassym-Jomart Tokayev"). A pronoun takes, for "added" and
//! "continued", the last named speaker; otherwise the first person named in the nearest
//! preceding sentence that names one (the subject), falling back to the last named speaker.
//!
//! Finding the marks is one pass over the text: for each kind of closing mark a cursor only
//! moves forward, so an unclosed mark costs no rescan and the whole stays linear.

use super::build_regex;
use super::pattern::Regex;
use super::{head, tail, EntityType, Mention, Taken, TrimEndStr, Value};
use crate::segment::Sentence;
use std::sync::LazyLock;

const VERBS: &str = r"said|says|say|wrote|writes|added|adds|noted|notes|explained|explains|told|tells|stated|states|tweeted|posted|declared|declares|announced|announces|insisted|insists|argued|argues|continued|remarked|replied|warned|warns|emphasized|emphasised|emphasizes|stressed|stresses|asked|asks|claimed|claims|welcomed|admitted|acknowledged|recalled|conceded|observed|suggested|predicted|promised|pledged|vowed|boasted|complained|joked|cautioned|concluded|confirmed|urged|quipped|responded|answered|commented|shouted|whispered|saying|writing|adding|noting|calling|telling|called|calls|described|describes";

const TITLE_WORDS: &str = r"(?:President|Prime\s+Minister|Vice\s+President|Secretary(?:\s+of\s+State)?|(?:Foreign|Finance|Defen[cs]e|Trade|Energy)\s+(?:Minister|Secretary)|Minister|Ambassador|Senator|Governor|Chancellor|Mayor|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Gen\.|Rep\.|Gov\.|Prof\.)";

fn who(name: &str) -> String {
    format!(
        r"(?:{TITLE_WORDS}\s+)?(?P<{name}>(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[A-Za-z’'-]+\s+){{0,3}}?[a-z][a-z-]*|(?:[Tt]he\s+)?(?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.|bin|al|de|van|von|der|den|la))*|he|she|they|it|who)"
    )
}

static AFTER: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&after_src()).expect("quote-after regex"));
/// The source of [`AFTER`].
fn after_src() -> String {
    format!(
        r"^[\s,—–-]*(?:(?P<v1>{VERBS})\s+(?:(?P<role1>[a-z]{{4,}}(?:\s+[a-z]{{4,}})?)\s+)?{w1}|(?P<acc>according\s+to)\s+{w3}|(?:(?:[A-Z][\w’'-]+\s+){{1,3}}(?:[a-z]+\s+){{1,3}}|(?:[a-z]{{4,}}\s+){{1,2}})(?P<who4>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}})\s+(?P<v4>{VERBS})|{w2}(?:,\s+(?P<app2>[^,“”]+?),)?\s+(?:(?P<mid2>[A-Za-z]+)\s+)?(?P<v2>{VERBS}))(?-u:\b)",
        w1 = who("who1"),
        w2 = who("who2"),
        w3 = who("who3"),
    )
}

static BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&before_src()).expect("quote-before regex"));
/// The source of [`BEFORE`].
fn before_src() -> String {
    format!(
        r"(?:{w1}(?:,\s+(?P<app1>[^,“”]+?),)?\s+(?:(?P<mid1>[A-Za-z]+)\s+)?(?P<v>{VERBS})(?:\s+[A-Za-z0-9’'-]+){{0,8}}?|(?P<acc>[Aa]ccording\s+to)\s+{w2})\s*[:,]?\s*$",
        w1 = who("who1"),
        w2 = who("who2"),
    )
}

/// "Tokayev called the partnership “…”", "Xi described it as “…”": a view, so a quote; but
/// "a startup called “Qazaq Space”" names, and "described" without "as" is no attribution.
/// `rest`: the words between the reporting verb and the quote; `who`, those taken for the speaker.
fn names_a_view(verb: &str, rest: &str, who: &str) -> bool {
    let rest = rest.trim();
    if matches!(verb, "called" | "calls") {
        // An object between the verb and the quote, and a speaker with a name ("The company
        // called its product “Nomad”" names the product).
        let article = who
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "The" | "A" | "An" | "One" | "Another"));
        !rest.is_empty() && who.starts_with(|c: char| c.is_uppercase()) && !article
    } else if matches!(verb, "described" | "describes") {
        rest.ends_with(" as") || rest == "as"
    } else {
        true
    }
}

static VERB_NEXT: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&verb_next_src()).expect("verb-next regex"));
/// The source of [`VERB_NEXT`].
fn verb_next_src() -> String {
    format!(r"^\s+(?:{VERBS})(?-u:\b)")
}

/// The kinds of quote mark, by their closing mark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    CurlyDouble, // “ … ”
    Straight,    // " … "
    CurlySingle, // ‘ … ’
    StraightOne, // ' … '
    Guillemet,   // « … »
    LowDouble,   // „ … “
}

const KINDS: usize = 6;

impl Kind {
    fn index(self) -> usize {
        self as usize
    }
}

/// Whether the mark at byte `i` opens a quote of some kind.
fn opener(text: &str, i: usize, c: char) -> Option<Kind> {
    // Most chars are no mark: answered before looking around.
    if !matches!(c, '“' | '"' | '«' | '„' | '‘' | '\'') {
        return None;
    }
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    match c {
        '“' => Some(Kind::CurlyDouble),
        '"' => Some(Kind::Straight),
        '«' => Some(Kind::Guillemet),
        '„' => Some(Kind::LowDouble),
        // An opening single mark starts a word; inside a word it is an apostrophe.
        '‘' if !prev.is_some_and(char::is_alphanumeric) => Some(Kind::CurlySingle),
        '\'' if opens_word(prev)
            && next.is_some_and(char::is_alphanumeric)
            && !next.is_some_and(|n| n.is_ascii_digit()) =>
        {
            Some(Kind::StraightOne)
        }
        _ => None,
    }
}

/// Whether a straight single mark after `prev` can open a quote: at the start, after white
/// space, a bracket, a dash or a double mark.
fn opens_word(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '"' | '“'),
    }
}

/// Whether the mark at byte `i` closes a quote of `kind`.
fn closes(text: &str, i: usize, c: char, kind: Kind) -> bool {
    // The chars around are read only for a single mark.
    let next = || text[i + c.len_utf8()..].chars().next();
    let prev = || text[..i].chars().next_back();
    match kind {
        Kind::CurlyDouble => c == '”',
        Kind::Straight => c == '"',
        Kind::Guillemet => c == '»',
        Kind::LowDouble => c == '“' || c == '”',
        // "It’s" and "countries’ " are apostrophes: a closing mark is not followed by a letter.
        Kind::CurlySingle => c == '’' && !next().is_some_and(char::is_alphanumeric),
        Kind::StraightOne => {
            c == '\''
                && prev().is_some_and(|p| !p.is_whitespace())
                && !next().is_some_and(char::is_alphanumeric)
        }
    }
}

/// The first bytes of every quote mark: '"', '\'', 0xC2 (« ») and 0xE2 (“ ” „ ‘ ’); other bytes
/// are skipped without decoding them.
const QUOTE_BYTES: [u8; 4] = [b'"', b'\'', 0xC2, 0xE2];

/// A forward-only search for the next closing mark of one kind: queries come with
/// non-decreasing positions, so every byte is scanned at most once per kind.
struct Cursor {
    kind: Kind,
    /// Bytes before this are scanned.
    scanned: usize,
    /// The last closing mark found (at or after the position it was asked for).
    found: Option<usize>,
}

impl Cursor {
    fn next_from(&mut self, text: &str, from: usize) -> Option<usize> {
        if let Some(f) = self.found {
            if f >= from {
                return Some(f);
            }
        }
        let mut i = self.scanned.max(from);
        self.found = None;
        // Every closing mark is '"', '\'' or starts with 0xC2 (») or 0xE2 (“ ” ’): other bytes
        // are skipped without decoding them.
        let b = text.as_bytes();
        while i < text.len() {
            match crate::bytes::find_any(b, i, QUOTE_BYTES) {
                Some(k) => i = k,
                None => break,
            }
            let c = text[i..].chars().next()?;
            if closes(text, i, c, self.kind) {
                self.found = Some(i);
                self.scanned = i + c.len_utf8();
                return Some(i);
            }
            i += c.len_utf8();
        }
        self.scanned = text.len();
        None
    }
}

/// The next paragraph break (a blank line) at or after a position, forward-only.
struct Breaks {
    scanned: usize,
    found: Option<usize>,
}

impl Breaks {
    fn next_from(&mut self, text: &str, from: usize) -> usize {
        if let Some(f) = self.found {
            if f >= from {
                return f;
            }
        }
        let b = text.as_bytes();
        let mut i = self.scanned.max(from);
        while let Some(k) = crate::bytes::find_any(b, i, [b'\n']) {
            i = k;
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                self.found = Some(i);
                self.scanned = i + 1;
                return i;
            }
            i += 1;
        }
        self.scanned = b.len();
        self.found = Some(b.len());
        b.len()
    }
}

/// The quotes of a text: (open mark, inner start, inner end, past the close mark).
pub(super) fn find_quotes(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let kinds = [
        Kind::CurlyDouble,
        Kind::Straight,
        Kind::CurlySingle,
        Kind::StraightOne,
        Kind::Guillemet,
        Kind::LowDouble,
    ];
    let mut cursors: Vec<Cursor> = kinds
        .iter()
        .map(|&kind| Cursor {
            kind,
            scanned: 0,
            found: None,
        })
        .collect();
    debug_assert_eq!(cursors.len(), KINDS);
    let mut breaks = Breaks {
        scanned: 0,
        found: None,
    };
    let mut newline = Breaks {
        scanned: 0,
        found: None,
    };
    let mut quotes = Vec::new();
    let mut i = 0;
    let b = text.as_bytes();
    while i < text.len() {
        // Every opening mark is '"', '\'' or starts with 0xC2 («) or 0xE2 (“ „ ‘).
        match crate::bytes::find_any(b, i, QUOTE_BYTES) {
            Some(k) => i = k,
            None => break,
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let Some(kind) = opener(text, i, c) else {
            i += c.len_utf8();
            continue;
        };
        let open_end = i + c.len_utf8();
        let close = cursors[kind.index()].next_from(text, open_end);
        let limit = if kind == Kind::StraightOne {
            // A straight single quote stays on its line and is short; else it is an apostrophe.
            (open_end + 300).min(next_newline(&mut newline, text, open_end))
        } else {
            breaks.next_from(text, open_end)
        };
        match close {
            Some(j) if j < limit => {
                let end = j + text[j..].chars().next().map_or(1, char::len_utf8);
                quotes.push((i, open_end, j, end));
                i = end;
            }
            _ => i = open_end,
        }
    }
    quotes
}

fn next_newline(b: &mut Breaks, text: &str, from: usize) -> usize {
    if let Some(f) = b.found {
        if f >= from {
            return f;
        }
    }
    let i = b.scanned.max(from);
    let f = text[i..].find('\n').map_or(text.len(), |k| i + k);
    b.found = Some(f);
    b.scanned = f + 1;
    f
}

/// A quote as [`find_quotes`] gives it: (open mark, inner start, inner end, past the close mark).
pub(super) type Found = (usize, usize, usize, usize);

/// What the quotes before tell the next: the last named speaker, and the end of the sentence of
/// the last quote that had a speaker ("he added" looks for a person named after it, else takes
/// the last speaker). Not `known` at the start of a run of quotes whose earlier quotes are
/// attributed on another thread, until a quote of the run has a speaker.
struct Last {
    speaker: Option<String>,
    end: Option<usize>,
    known: bool,
}

impl Last {
    /// Nothing yet: no quote before (`known`), or the quotes before are another thread's.
    fn new(known: bool) -> Last {
        Last {
            speaker: None,
            end: None,
            known,
        }
    }
}

/// The sentence that `pos` is in (or the last that starts before it).
fn sentence_at(sentences: &[Sentence], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= pos)
        .saturating_sub(1)
}

/// Appends the quotes of the whole text ([`find_quotes`]) to `out` (absolute offsets), using the
/// entity mentions already in `out` (sorted by start) to name speakers; in runs on `parts`
/// threads where runs of quotes lie far enough apart ([`runs_apart`]).
pub(super) fn extract(
    text: &str,
    sentences: &[Sentence],
    quotes: Vec<Found>,
    parts: usize,
    out: &mut Vec<Mention>,
) {
    if quotes.is_empty() {
        return;
    }
    let spans = Taken::new(quotes.iter().map(|q| (q.0, q.3)).collect());
    let mut last = Last::new(true);
    let mut found = Vec::new();
    #[cfg(not(target_arch = "wasm32"))]
    let runs = runs_apart(sentences, &quotes, out, parts);
    #[cfg(target_arch = "wasm32")]
    let runs: Vec<(std::ops::Range<usize>, usize)> = {
        let _ = parts;
        Vec::new()
    };
    if runs.len() < 2 {
        attribute(text, sentences, &spans, &quotes, out, &mut last, &mut found);
        out.extend(found);
        return;
    }
    // Each run on a thread, with the mentions only it reads (and may mark as persons); a run
    // stops at a quote that needs what the runs before it tell (see [`Last`]).
    let mut slices = Vec::with_capacity(runs.len());
    let mut rest: &mut [Mention] = out;
    let mut at = 0;
    for (_, m) in &runs[1..] {
        let (a, b) = rest.split_at_mut(m - at);
        slices.push(std::sync::Mutex::new(Some(a)));
        rest = b;
        at = *m;
    }
    slices.push(std::sync::Mutex::new(Some(rest)));
    let done = crate::parallel::for_ranges((0..runs.len()).map(|j| j..j + 1).collect(), |j| {
        let j = j.start;
        let slice = slices[j]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
            .expect("each run is attributed once");
        let mut last = Last::new(j == 0);
        let mut found = Vec::new();
        let n = attribute(
            text,
            sentences,
            &spans,
            &quotes[runs[j].0.clone()],
            slice,
            &mut last,
            &mut found,
        );
        (found, n, last)
    });
    drop(slices);
    for ((run, _), (run_found, n, run_last)) in runs.iter().zip(done) {
        found.extend(run_found);
        if run_last.known {
            last = run_last;
        }
        if run.start + n < run.end {
            attribute(
                text,
                sentences,
                &spans,
                &quotes[run.start + n..run.end],
                out,
                &mut last,
                &mut found,
            );
        }
    }
    out.extend(found);
}

/// Where the quotes can be attributed in runs, each on a thread: (the run's quotes, the first of
/// `out` that the run reads). A run starts at a quote whose sentence is at least four after the
/// last sentence a quote before it reads (its close's and the two after: the attribution after
/// it), so that each quote reads only mentions of its own run (three sentences back for "he
/// said", its own sentence before it); about `parts` runs of equal counts, or one.
#[cfg(not(target_arch = "wasm32"))]
fn runs_apart(
    sentences: &[Sentence],
    quotes: &[Found],
    out: &[Mention],
    parts: usize,
) -> Vec<(std::ops::Range<usize>, usize)> {
    /// Fewer quotes than this in a run are not worth a thread.
    const MIN_RUN: usize = 64;
    let parts = parts.min(quotes.len() / MIN_RUN);
    if parts < 2 {
        return Vec::new();
    }
    let mut runs = vec![(0..quotes.len(), 0)];
    // The last sentence the quotes so far read.
    let mut reach = 0;
    for (k, q) in quotes.iter().enumerate() {
        let target = quotes.len() * runs.len() / parts;
        let apart = k >= target && runs.len() < parts && sentence_at(sentences, q.0) >= reach + 4;
        if let Some(first) = sentences.get(reach + 1).filter(|_| apart) {
            let m = out.partition_point(|x| x.start < first.start);
            if let Some(prev) = runs.last_mut() {
                prev.0.end = k;
            }
            runs.push((k..quotes.len(), m));
        }
        reach = reach.max(sentence_at(sentences, q.2) + 2);
    }
    runs
}

/// Attributes `quotes` in order (their mentions pushed to `found`), reading and marking the
/// mentions `out` (all those they read): how many, all but when a quote needs the speaker of the
/// quotes before and `last` does not know it.
fn attribute(
    text: &str,
    sentences: &[Sentence],
    quote_spans: &Taken,
    quotes: &[Found],
    out: &mut [Mention],
    last: &mut Last,
    found: &mut Vec<Mention>,
) -> usize {
    for (k, &(start, inner_start, inner_end, end)) in quotes.iter().enumerate() {
        let inner = text[inner_start..inner_end].trim();
        if inner.is_empty() || !inner.chars().any(char::is_alphanumeric) {
            continue;
        }
        let sentence = sentence_at(sentences, start);
        let close_sentence = sentence_at(sentences, inner_end);
        let mut sent_end = sentences
            .get(close_sentence)
            .map_or(text.len(), |s| s.end)
            .max(end)
            .min(text.len());
        // "…!” Musk tweeted.": the sentence ended inside the quote; the attribution follows on
        // its line, unless the quote's own sentence names its speaker ("Rubio said: “….”
        // Tokayev called it …").
        let mut next_sentence = false;
        if text[end..sent_end].trim().is_empty() && inner.ends_with(['!', '?', '.']) {
            let next = end + (text[end..].len() - text[end..].trim_start().len());
            if next < text.len() && !text[end..next].contains('\n') {
                next_sentence = true;
                sent_end = sentences
                    .get(sentence_at(sentences, next))
                    .map_or(text.len(), |s| s.end)
                    .max(next)
                    .min(text.len());
            }
        }
        let sent_start = sentences.get(sentence).map_or(0, |s| s.start).min(start);
        let after = head(&text[end..sent_end], 240);
        let before = tail(&text[sent_start..start], 240);
        let before_off = start - before.len();
        let mut speaker_span = None;
        let mut verb = None;
        // "the ministry's spokesman, Aibek Smadiyarov, said": the words set off after the
        // speaker's; "the central bank said": the word between the speaker's and the verb.
        let mut apposition = None;
        let mut mid = None;
        let at = |m: super::pattern::Match, off: usize| (off + m.start(), off + m.end());
        // "said farmer Aigerim Sadykova", "Kremlin spokesman Dmitry Peskov said": a name after
        // a role speaks if it is a person's; "said in Astana", "said on Tuesday", "said after
        // Vladimir Putin spoke" name no speaker.
        let after_match = AFTER.captures(after).filter(|c| {
            if next_sentence && BEFORE.is_match(before) {
                return false;
            }
            // "said the company's chief executive, John Smith": not the company.
            if c.name("who1")
                .is_some_and(|w| after[w.end()..].starts_with(['\'', '’']))
            {
                return false;
            }
            let role = c.name("role1").map(|r| r.as_str());
            let Some(w) = c.name("who4").or(role.and(c.name("who1"))) else {
                return true;
            };
            let next = after[w.end()..].trim_start();
            is_person(out, end + w.start(), end + w.end())
                && !matches!(role, Some("about" | "after" | "with" | "alongside"))
                && (c.name("who4").is_some()
                    || next.is_empty()
                    || next.starts_with(['.', ',', ';']))
        });
        if let Some(c) = after_match {
            speaker_span = c
                .name("who1")
                .or_else(|| c.name("who4"))
                .or_else(|| c.name("who2"))
                .or_else(|| c.name("who3"))
                .map(|m| at(m, end));
            verb = c
                .name("v1")
                .or_else(|| c.name("v4"))
                .or_else(|| c.name("v2"))
                .or_else(|| c.name("acc"))
                .map(|m| m.as_str().to_lowercase());
            apposition = c.name("app2").map(|m| at(m, end));
            mid = c.name("mid2").map(|m| at(m, end));
        } else if let Some(c) = BEFORE.captures(before).filter(|c| {
            c.name("v").map_or(true, |v| {
                let who = c.name("who1").map_or("", |w| w.as_str());
                names_a_view(v.as_str(), &before[v.end()..], who)
            })
        }) {
            speaker_span = c
                .name("who1")
                .or_else(|| c.name("who2"))
                .map(|m| at(m, before_off));
            verb = c
                .name("v")
                .or_else(|| c.name("acc"))
                .map(|m| m.as_str().to_lowercase());
            apposition = c.name("app1").map(|m| at(m, before_off));
            mid = c.name("mid1").map(|m| at(m, before_off));
        }
        // An article before a common noun belongs to the speaker: "the minister".
        let mut in_quote = false;
        let mut speaker_span = speaker_span.map(|(ws, we)| {
            let lead = tail(&text[..ws], 8);
            let lower = lead.to_ascii_lowercase();
            match ["the ", "a ", "an "].iter().find(|a| {
                lower.ends_with(**a)
                    && text[ws..we].starts_with(|c: char| c.is_lowercase())
                    && !lower[..lower.len() - a.len()].ends_with(|c: char| c.is_alphanumeric())
            }) {
                Some(a) => (ws - a.len(), we),
                None => (ws, we),
            }
        });
        // "Tokayev's spokesman said", "said Kazakhstan's president": the owner does not speak,
        // and the role names no one.
        let owner = speaker_span.is_some_and(|(ws, we)| {
            let w = &text[ws..we];
            w.ends_with("'s") || w.ends_with("’s")
        });
        // "Trump called the deal ‘a great one’ and said, “…”": words of another quote name no
        // one; the person the sentence named before this quote speaks.
        if speaker_span.is_some_and(|(ws, we)| quote_spans.hits(ws, we)) {
            speaker_span = None;
            in_quote = true;
        }
        // The quote needs the speaker of the quotes before, which `last` does not know.
        let mut unknown = false;
        let speaker = speaker_span.and_then(|(ws, we)| {
            let who = &text[ws..we];
            let lower = who.to_lowercase();
            if matches!(lower.as_str(), "he" | "she" | "they" | "it") {
                // Within the three sentences before, as far back as the last quote.
                let from = sentences
                    .get(sentence.saturating_sub(3))
                    .map_or(0, |s| s.start)
                    .max(last.end.unwrap_or(0));
                return match persons_between(text, sentences, out, quote_spans, from, sent_start) {
                    Named::One(name) => Some(name),
                    Named::None if !last.known => {
                        unknown = true;
                        None
                    }
                    Named::None => last.speaker.clone(),
                    Named::Several => None,
                };
            }
            // "Tokayev told Trump, who replied:": the name before the comma.
            if lower == "who" {
                return name_before_who(text, out, ws);
            }
            if owner {
                return None;
            }
            let article = ["the ", "a ", "an "]
                .iter()
                .find(|a| lower.starts_with(**a))
                .map(|a| &who[a.len()..]);
            // "the ministry's spokesman, Aibek Smadiyarov, said": the person named after the
            // role.
            if let Some((s, e)) = apposition {
                if article.is_some() && is_person(out, s, e) {
                    return Some(named(out, s, e, &text[s..e]));
                }
            }
            // "the central bank said", "the two leaders said": a noun (not an adverb: "the
            // minister also said") between the words and the verb ends the phrase.
            if let (Some(_), Some((ms, me))) = (article, mid) {
                let m = &text[ms..me];
                if m.starts_with(|c: char| c.is_lowercase()) && !is_adverb(m) {
                    return Some(text[ws..me].to_lowercase());
                }
            }
            match article {
                // "the World Bank said": the name after the article ("a Kazakh official" and
                // "the Kazakh official" name no one).
                Some(rest)
                    if lower.starts_with("the ")
                        && rest
                            .split(' ')
                            .all(|w| w.starts_with(|c: char| c.is_uppercase())) =>
                {
                    let skip = who.len() - rest.len();
                    Some(named(out, ws + skip, we, rest))
                }
                // "the statement", "a spokesman": said by no one named.
                Some(_) => Some(lower),
                None if !who.starts_with(|c: char| c.is_uppercase()) => Some(lower),
                None => Some(named(out, ws, we, who)),
            }
        });
        if unknown {
            return k;
        }
        // "Rubio, at the summit: “…”": a colon introduces the words of the person the
        // sentence named before it.
        let speaker = match speaker {
            None if !owner && (in_quote || before.trim_end().ends_with(':')) => {
                person_before(text, out, quote_spans, sent_start, start)
            }
            other => other,
        };
        // "In the same post Trump wrote:", "Danon greeted the announcement by saying:": the
        // pattern caught a common noun, but a person named earlier in the sentence, outside
        // quotes, is the one speaking.
        let speaker = match speaker {
            Some(s) if cannot_speak(&s) => {
                person_before(text, out, quote_spans, sent_start, start).or(Some(s))
            }
            other => other,
        };
        // A pronoun after this quote looks for persons named after its sentence; an unnamed
        // speaker ("the minister said") leaves no named one for "he added".
        if let Some(s) = &speaker {
            last.end = Some(sent_end);
            last.speaker = s.starts_with(|c: char| c.is_uppercase()).then(|| s.clone());
            last.known = true;
        }
        found.push(Mention {
            start,
            end,
            sentence,
            value: Value::Quote {
                quote: inner.to_string(),
                speaker,
                verb,
            },
        });
    }
    quotes.len()
}

/// A common noun phrase that names a message or an occasion, not a speaker ("the same Truth
/// Social post", "the announcement").
fn cannot_speak(phrase: &str) -> bool {
    let head = phrase.rsplit(' ').next().unwrap_or("");
    phrase.contains(' ')
        && !phrase.starts_with(|c: char| c.is_uppercase())
        && matches!(
            head,
            "post"
                | "posts"
                | "announcement"
                | "news"
                | "move"
                | "decision"
                | "development"
                | "tweet"
                | "message"
                | "remarks"
                | "speech"
                | "interview"
                | "call"
                | "meeting"
                | "ceremony"
                | "event"
                | "conference"
                | "occasion"
                | "visit"
                | "letter"
                | "video"
        )
}

/// Who the persons named in a stretch of text are: none, one (named once or more), several.
enum Named {
    None,
    One(String),
    Several,
}

/// The person a pronoun in a quote's attribution stands for, from those named outside quotes
/// in `from..to` ("Putin, however, was sceptical. “…,” he said"): persons, and lone names of no
/// known type ("Rubio agreed"). Only a name opening its sentence (its subject, maybe after a
/// title or a time: "On Monday, Energy Minister Almas Satkaliyev") is taken; one named later in
/// a sentence ("Tokayev met Putin": "Tokayev" may not be a mention at all) makes it unsure.
fn persons_between(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    quotes: &Taken,
    from: usize,
    to: usize,
) -> Named {
    let i = mentions.partition_point(|m| m.start < from);
    let mut found = Named::None;
    // Bounded, so that a text of long sentences full of quotes stays linear: past 64 mentions,
    // too many names to be sure of one.
    for (k, m) in mentions[i..]
        .iter()
        .take_while(|m| m.start < to)
        .enumerate()
    {
        if k == 64 {
            return Named::Several;
        }
        let name = match &m.value {
            Value::Entity {
                name,
                kind: EntityType::Person,
            } => name,
            Value::Entity {
                name,
                kind: EntityType::Other,
            } if !name.contains(' ') => name,
            _ => continue,
        };
        if m.end > to || quotes.hits(m.start, m.end) {
            continue;
        }
        // "Israel's envoy to the UN, Danny Danon, welcomed …": a name set off after the
        // subject's first words is the subject too.
        let opens = sentences.get(m.sentence).is_some_and(|s| {
            let lead = &text[s.start.min(m.start)..m.start];
            // "Secretary of State Marco Rubio emphasized …": the small words of a title too.
            lead.split_whitespace().all(|w| {
                !w.starts_with(|c: char| c.is_lowercase()) || matches!(w, "of" | "the" | "for")
            }) || (lead.ends_with(", ")
                && lead.matches(',').count() == 1
                && text[m.end..].starts_with(','))
        });
        found = match found {
            Named::None if opens => Named::One(name.clone()),
            Named::One(n) if n == *name => Named::One(n),
            _ => return Named::Several,
        };
    }
    found
}

/// The person before ", who" at `at` ("Tokayev told Trump, who replied:"): a person or a lone
/// name of no known type, right before the comma.
fn name_before_who(text: &str, mentions: &mut [Mention], at: usize) -> Option<String> {
    let i = mentions.partition_point(|m| m.start < at);
    let m = mentions[..i].iter().rev().find(|m| m.end <= at)?;
    let (s, e) = (m.start, m.end);
    let is_name = match &m.value {
        Value::Entity { name, kind } => {
            *kind == EntityType::Person || (*kind == EntityType::Other && !name.contains(' '))
        }
        _ => false,
    };
    let between = text[e..at].trim();
    (is_name && (between == "," || between.is_empty())).then(|| named(mentions, s, e, &text[s..e]))
}

/// Whether a person is named at `s..e` (a mention of a person within it).
fn is_person(mentions: &[Mention], s: usize, e: usize) -> bool {
    let i = mentions.partition_point(|m| m.start < s);
    mentions[i..].iter().take_while(|m| m.start < e).any(|m| {
        m.end <= e
            && matches!(
                m.value,
                Value::Entity {
                    kind: EntityType::Person,
                    ..
                }
            )
    })
}

/// A word between a speaker and the verb that tells when or how, not who ("the minister also
/// said", "the bank has said", "the ministry later said", "the announcement by saying").
fn is_adverb(w: &str) -> bool {
    w.ends_with("ly")
        || matches!(
            w,
            "also"
                | "later"
                | "then"
                | "once"
                | "again"
                | "still"
                | "never"
                | "has"
                | "had"
                | "have"
                | "was"
                | "is"
                | "further"
                | "too"
                | "already"
                | "earlier"
                | "first"
                | "often"
                | "soon"
                | "himself"
                | "herself"
                | "itself"
                | "themselves"
                | "by"
                | "in"
                | "on"
                | "at"
                | "for"
                | "to"
                | "with"
                | "after"
                | "before"
                | "and"
                | "but"
                | "who"
                | "which"
                | "that"
        )
}

/// The last person named in `from..to` outside quotes (the sentence's words before a quote).
fn person_before(
    text: &str,
    mentions: &[Mention],
    quotes: &Taken,
    from: usize,
    to: usize,
) -> Option<String> {
    let i = mentions.partition_point(|m| m.start < from);
    mentions[i..]
        .iter()
        .take_while(|m| m.start < to)
        .filter(|m| m.end <= to && !quotes.hits(m.start, m.end))
        .filter_map(|m| match &m.value {
            Value::Entity {
                name,
                kind: EntityType::Person,
            } => Some(name.clone()),
            // A lone unknown name right before a reporting verb speaks ("… post Trump wrote:").
            Value::Entity {
                name,
                kind: EntityType::Other,
            } if VERB_NEXT.is_match(&text[m.end..to]) => Some(name.clone()),
            _ => None,
        })
        .last()
}

/// The canonical name of a named speaker: the person (or else the entity) mention inside the
/// speaker's words, or the words themselves. A lone unknown name that speaks ("…," Trump
/// wrote) is a person.
fn named(mentions: &mut [Mention], ws: usize, we: usize, who: &str) -> String {
    let i = mentions.partition_point(|m| m.start < ws);
    if let Some(m) = mentions.get_mut(i) {
        if m.start == ws && m.end == we {
            if let Value::Entity { kind, .. } = &mut m.value {
                // "…," the OECD said: an acronym that speaks is no person.
                if *kind == EntityType::Other && !who.bytes().all(|b| b.is_ascii_uppercase()) {
                    *kind = EntityType::Person;
                }
            }
        }
    }
    named_in(mentions, ws, we, who)
}

fn named_in(mentions: &[Mention], ws: usize, we: usize, who: &str) -> String {
    let i = mentions.partition_point(|m| m.start < ws);
    let inside: Vec<&Mention> = mentions[i..]
        .iter()
        .take_while(|m| m.start < we)
        .filter(|m| m.end <= we && matches!(m.value, Value::Entity { .. }))
        .collect();
    let person = inside.iter().find_map(|m| match &m.value {
        Value::Entity {
            name,
            kind: EntityType::Person,
        } => Some(name.clone()),
        _ => None,
    });
    if let Some(p) = person {
        return p;
    }
    if let [m] = inside.as_slice() {
        if let Value::Entity { name, .. } = &m.value {
            if m.end - m.start + 3 >= we - ws {
                return name.clone();
            }
        }
    }
    super::canonical_entity(who.trim_end_matches_str("’s").trim_end_matches_str("'s")).0
}

/// The source of every pattern here, by name (for the engine's tests).
pub(super) fn pattern_sources() -> Vec<(&'static str, String)> {
    vec![
        ("AFTER", after_src()),
        ("BEFORE", before_src()),
        ("VERB_NEXT", verb_next_src()),
    ]
}

#[cfg(test)]
mod tests {
    use super::{find_quotes, runs_apart};
    use crate::extract::{extract_in_parts, Context, Value};

    /// `blocks` times: a quote of a named speaker, six sentences naming no one, a quote "he
    /// added" (whose speaker is the one before), six more. Every quote lies far enough from the
    /// one before to start a run.
    fn text(blocks: usize) -> String {
        const WHO: [&str; 4] = [
            "Tokayev",
            "Rubio",
            "Okafor",
            "Trade Minister Aigerim Sadykova",
        ];
        let filler = "The port handled more ships in March. Rail freight grew too. Prices held. \
                      Grain stayed in store. Banks lent more. Wages were flat. ";
        let mut t = String::new();
        for i in 0..blocks {
            t.push_str(&format!(
                "“Exports rose by {i} percent this year,” said {}. {filler}“We expect more next \
                 year,” he added. {filler}\n\n",
                WHO[i % 4]
            ));
        }
        t
    }

    #[test]
    fn quotes_attributed_in_runs_are_those_of_one_run() {
        // 130 quotes: the second run starts at the 66th, a "he added" whose speaker is the
        // last one of the first run.
        let text = text(65);
        let sentences = crate::segment::split(&text);
        let quotes = find_quotes(&text);
        assert_eq!(quotes.len(), 130);
        let runs = runs_apart(&sentences, &quotes, &[], 2);
        let starts: Vec<usize> = runs.iter().map(|r| r.0.start).collect();
        assert_eq!(starts, [0, 65], "runs {runs:?}");
        let context = Context { today: None };
        let one = extract_in_parts(&text, &sentences, context, 1);
        let speakers: Vec<Option<&str>> = one
            .iter()
            .filter_map(|m| match &m.value {
                Value::Quote { speaker, .. } => Some(speaker.as_deref()),
                _ => None,
            })
            .collect();
        assert_eq!(speakers.len(), 130);
        assert_eq!(speakers[65], Some("Tokayev"), "the 66th quote's speaker");
        for parts in [2, 3, 4] {
            let split = extract_in_parts(&text, &sentences, context, parts);
            assert!(
                format!("{split:?}") == format!("{one:?}"),
                "{parts} parts: other mentions"
            );
        }
    }
}
