//! Sentence segmentation: text in, [`Sentence`] byte spans out.
//!
//! **In:** any `&str`: an article, a pasted web page, a corpus document.
//!
//! **Out:** [`Sentence`]s in text order, each a byte span `[start, end)` into the text, trimmed of
//! white space, never empty and never overlapping. Together they cover every non-space character
//! of the text. A sentence never crosses a blank line or a junk line. Spans that are page
//! furniture rather than prose (navigation, "Share", "Advertisement", bylines, bare time stamps,
//! duplicated lines, lone punctuation, lorem ipsum) are kept in place with `junk: true`, so later
//! stages can skip them while offsets stay faithful to the text.
//!
//! # Approach
//!
//! Two linear passes; no allocation per character (one `Vec` entry and one hash-map entry per
//! line, one output entry per sentence).
//!
//! 1. **Lines.** The text is cut at `\n`; each line is trimmed and classified as blank, junk or
//!    text. Junk is decided conservatively from the line alone (a boilerplate phrase list, a time
//!    stamp grammar, a byline shape, no letter or digit at all) or from its repeats (a line that
//!    repeats an earlier line exactly; a 1–3 word label with no digit and no lowercase content
//!    word that occurs more than once, like a navigation menu). Headings ("Economic Profile") are
//!    not junk: they become sentences of their own because of the line rules below.
//!    Consecutive text lines are joined into one *run* when the break looks like a hard wrap:
//!    the first line ends in terminal punctuation (the punctuation rules then decide), or the
//!    next line starts lowercase, or the first line stops on a comma or a function word ("of",
//!    "the", "and"). A next line that starts a list item always breaks; anything else (a heading,
//!    a list item without a full stop, a paragraph per line) breaks.
//! 2. **Runs.** One forward scan over each run's bytes that stops only at `.`, `!`, `?`, `…` and
//!    CJK stops (and, inside an inline list, at spaces). At a stop it reads the whole cluster
//!    (`?!`, `....`, `. . . .`), the closing quotes and brackets after it (they belong to the
//!    sentence), and the first letter of the next word, then decides with a few bounded looks:
//!    the token before the stop (abbreviation tables, initials, numbers, multi-period `U.S.`), the
//!    next word (a common sentence starter such as "How" or "The" after `U.S.` or `Inc.`) and
//!    whether a newline was crossed (after `U.S.` at the end of a line the sentence ends). Each
//!    look is capped at a few dozen bytes and the scan never moves backwards past what it has
//!    decided, so the whole is linear in the length of the text.
//!
//! Lists are found where a sentence starts with a marker (`-`, `•`, `1.`, `1)`, `1.)`, `a.`,
//! `(a)`); within that run the next marker in sequence (`2.` after `1.`, `b.` after `a.`, the
//! same bullet) starts a new sentence even without a full stop before it, which is how one-line
//! lists such as "1. The first item 2. The second item" are split.
//!
//! Measured (native release build):
//! - `cargo run --release --example golden_rules` scores the 48 English Golden Rules, the
//!   conformance set of pySBD and pragmatic_segmenter (kept in the shared folder, not in the
//!   repository): 48/48.
//! - `cargo run --release --example golden_rules -- --bench` splits a 5 MB synthetic news page
//!   (headlines, bylines, junk lines, abbreviations, quotations, lists): 430 MB/s on an idle
//!   2-core machine, 230–300 MB/s while a build runs beside it.
//!
//! The cases in `tests/cases/segment.json` show every rule by example.
//!
//! Known limits, chosen on purpose: a sentence end inside a quotation ends the sentence there
//! (`"We won. They lost."` gives two); a hard-wrapped line that stops on a capitalised word
//! before a capitalised line is taken for a heading or a paragraph end (pasted pages put one
//! paragraph on a line, and gluing a list of headlines together is the worse mistake); after an
//! abbreviation that may end a sentence (`U.S.`, `Inc.`) only a common sentence starter, or a
//! newline, ends it.

use crate::extract::{words, WordSet};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One sentence: a byte span `[start, end)` into the text, trimmed of surrounding white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Page junk (navigation, bylines, time stamps, a lone "-"): kept in order, never a claim.
    pub junk: bool,
}

/// Splits `text` into sentences, in order.
///
/// Every span lies on `char` boundaries, is trimmed and non-empty, and follows the previous one;
/// the white space between spans is the only text left out. Runs in time linear in `text.len()`.
#[must_use]
pub fn split(text: &str) -> Vec<Sentence> {
    split_in_parts(text, 1)
}

/// [`split`], its second pass on `parts` threads natively (runs of the text's pieces of about
/// equal length; see [`crate::parallel`]); the same result for any `parts`. The first pass, the
/// lines, is the whole text's (a line repeated anywhere in it is page furniture).
pub fn split_in_parts(text: &str, parts: usize) -> Vec<Sentence> {
    let lines = classify_lines(text);
    // The pieces, in order: each junk line (a sentence of its own), and each run of text lines
    // that join (`junk: false`; its sentences are found by `scan_run`, from it alone).
    let mut i = 0;
    let pieces = std::iter::from_fn(|| loop {
        let line = *lines.get(i)?;
        match line.kind {
            Kind::Blank => i += 1,
            Kind::Junk => {
                i += 1;
                return Some(Sentence {
                    start: line.start,
                    end: line.end,
                    junk: true,
                });
            }
            Kind::Text => {
                let mut j = i;
                while j + 1 < lines.len()
                    && lines[j + 1].kind == Kind::Text
                    && joins(
                        &text[lines[j].start..lines[j].end],
                        &text[lines[j + 1].start..lines[j + 1].end],
                    )
                {
                    j += 1;
                }
                i = j + 1;
                return Some(Sentence {
                    start: line.start,
                    end: lines[j].end,
                    junk: false,
                });
            }
        }
    });
    let scan = |pieces: &mut dyn Iterator<Item = Sentence>, bytes: usize| {
        let mut out = Vec::with_capacity(bytes / 128 + 4);
        for p in pieces {
            if p.junk {
                out.push(p);
            } else {
                scan_run(text, p.start, p.end, &mut out);
            }
        }
        out
    };
    // One part (always in wasm): straight from the lines, with no list of pieces (the wasm
    // neither needs nor ships the list: 110 B gz less).
    #[cfg(not(target_arch = "wasm32"))]
    if parts > 1 {
        let pieces: Vec<Sentence> = pieces.collect();
        let found = crate::parallel::for_parts(&pieces, parts, |range| {
            let ps = &pieces[range];
            let bytes = ps.last().map_or(0, |l| l.end) - ps.first().map_or(0, |f| f.start);
            scan(&mut ps.iter().copied(), bytes)
        });
        return crate::parallel::concat(found, false);
    }
    let _ = parts;
    scan(&mut { pieces }, text.len())
}

// ---------------------------------------------------------------------------------------------
// Pass 1: lines
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Junk,
    Text,
}

/// A line, trimmed: `[start, end)`.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    kind: Kind,
}

fn classify_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut pos = 0;
    loop {
        let nl = crate::bytes::find_any(bytes, pos, [b'\n']).unwrap_or(bytes.len());
        let raw = &text[pos..nl];
        let trimmed = raw.trim();
        let start = pos + (raw.len() - raw.trim_start().len());
        let kind = if trimmed.is_empty() {
            Kind::Blank
        } else {
            Kind::Text
        };
        lines.push(Line {
            start,
            end: start + trimmed.len(),
            kind,
        });
        if nl == bytes.len() {
            break;
        }
        pos = nl + 1;
    }

    // Each text line's distinct-line number (each line hashed once), and per distinct line
    // [occurrences in the text, occurrences seen so far].
    // (Hashed with `FastHash`: SipHash was about 1% of analyzing the bench text. Not sized for
    // every line at once, which saved 0.17% more there: a text of 2 million short repeated
    // lines would have taken a map of 2 million slots for one distinct line.)
    let mut ids: HashMap<&str, u32, crate::corpus::FastHash> = HashMap::default();
    let mut of_line: Vec<u32> = Vec::new();
    let mut counts: Vec<[u32; 2]> = Vec::new();
    let several = lines
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .nth(1)
        .is_some();
    if several {
        for l in lines.iter().filter(|l| l.kind == Kind::Text) {
            let id = *ids.entry(&text[l.start..l.end]).or_insert_with(|| {
                counts.push([0, 0]);
                counts.len() as u32 - 1
            });
            counts[id as usize][0] += 1;
            of_line.push(id);
        }
    }
    for (k, l) in lines
        .iter_mut()
        .filter(|l| l.kind == Kind::Text)
        .enumerate()
    {
        let s = &text[l.start..l.end];
        let (repeated, duplicate) = match of_line.get(k) {
            Some(&id) => {
                let c = &mut counts[id as usize];
                c[1] += 1;
                (c[0] > 1, c[1] > 1)
            }
            None => (false, false),
        };
        if duplicate || is_junk_line(s, repeated) {
            l.kind = Kind::Junk;
        }
    }
    lines
}

/// Whether a trimmed, non-empty line is page furniture. `repeated`: the line occurs again.
fn is_junk_line(s: &str, repeated: bool) -> bool {
    if !s.chars().any(char::is_alphanumeric) {
        return true; // "-", "|", "***", "…"
    }
    if s.len() <= 160
        && (is_boilerplate(s)
            || is_timestamp(s)
            || is_byline(s)
            || is_copyright(s)
            || (repeated && is_short_label(s)))
    {
        return true;
    }
    s.contains("orem ipsum") || s.contains("OREM IPSUM")
}

/// Navigation and sharing phrases that appear as whole lines on news pages, lowercase.
const BOILERPLATE: &str = crate::extract::packed![
    "about us",
    "accept",
    "accept all",
    "accept cookies",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "archive",
    "archives",
    "articles archive",
    "back to top",
    "bookmark",
    "categories",
    "category",
    "click here",
    "close",
    "comment",
    "comments",
    "contact",
    "contact us",
    "continue reading",
    "cookie policy",
    "cookie settings",
    "copy link",
    "don't miss",
    "download the app",
    "editor's picks",
    "email",
    "facebook",
    "feedback",
    "follow",
    "follow us",
    "gallery",
    "get the app",
    "hide comments",
    "home",
    "homepage",
    "instagram",
    "join the conversation",
    "keep reading",
    "latest",
    "latest news",
    "latest stories",
    "learn more",
    "leave a comment",
    "leave a reply",
    "link copied",
    "linkedin",
    "listen",
    "listen to this article",
    "load more",
    "loading",
    "log in",
    "log out",
    "login",
    "logout",
    "main menu",
    "menu",
    "more from",
    "more news",
    "more stories",
    "most popular",
    "most read",
    "most viewed",
    "navigation",
    "newsletter",
    "newsletters",
    "next",
    "next article",
    "pinterest",
    "popular",
    "post a comment",
    "prev",
    "previous",
    "previous article",
    "print",
    "privacy",
    "privacy policy",
    "promoted",
    "read also",
    "read more",
    "read next",
    "recommended",
    "recommended for you",
    "reddit",
    "register",
    "reject all",
    "related",
    "related articles",
    "related content",
    "related news",
    "related posts",
    "related reads",
    "related stories",
    "related topics",
    "report an error",
    "save",
    "search",
    "see also",
    "see more",
    "share",
    "share article",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share this",
    "share this article",
    "share this story",
    "shares",
    "show comments",
    "show more",
    "sign in",
    "sign up",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "sponsored",
    "sponsored content",
    "subscribe",
    "subscribe now",
    "tags",
    "telegram",
    "terms and conditions",
    "terms of service",
    "terms of use",
    "toggle navigation",
    "top categories",
    "top stories",
    "topics",
    "trending",
    "trending now",
    "tweet",
    "twitter",
    "video",
    "view comments",
    "view more",
    "watch",
    "watch live",
    "whatsapp",
    "x",
    "you may also like",
    "you might also like",
    "youtube",
];
static BOILERPLATE_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(BOILERPLATE).collect());

/// Openings of account and subscription prompts, lowercase: "Sign in or create a free account".
const BOILERPLATE_OPENINGS: &str = crate::extract::packed![
    "already a subscriber",
    "already have an account",
    "create a free account",
    "log in to ",
    "sign in or ",
    "sign in to ",
    "sign up for our",
    "sign up to our",
    "subscribe to our",
    "you must be logged in",
];
static BOILERPLATE_OPENINGS_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(BOILERPLATE_OPENINGS).collect());

/// "Share", "Read more »", "Comments (12)", "12 comments", "SIGN UP", "Sign in to comment".
fn is_boilerplate(s: &str) -> bool {
    let opening =
        |p: &&str| s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if s.len() <= 160 && BOILERPLATE_OPENINGS_LIST.iter().any(opening) {
        return true;
    }
    let trim_set = |c: char| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(
                c,
                ':' | '('
                    | ')'
                    | '['
                    | ']'
                    | '›'
                    | '»'
                    | '>'
                    | '<'
                    | '«'
                    | '‹'
                    | '→'
                    | '|'
                    | '·'
                    | '•'
                    | '.'
            )
    };
    let core = s.trim_matches(trim_set);
    if core.is_empty() || core.len() > 40 {
        return false;
    }
    // Lowercase with single spaces, into a stack buffer; curly apostrophes become straight.
    let mut buf = [0u8; 48];
    let mut n = 0;
    let mut space = false;
    for c in core.chars() {
        let c = if c == '’' { '\'' } else { c };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if !c.is_ascii() || n + 2 > buf.len() {
            return false;
        }
        if space {
            buf[n] = b' ';
            n += 1;
            space = false;
        }
        buf[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    let key = &buf[..n];
    BOILERPLATE_LIST.iter().any(|p| p.as_bytes() == key)
}

const MONTHS: &str = crate::extract::packed![
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
static MONTHS_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| words(MONTHS).collect());

/// Words a bare time stamp line may hold besides numbers, lowercase.
const DATE_WORDS: &str = crate::extract::packed![
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "et",
    "pt",
    "ct",
    "cet",
    "cest",
    "eet",
    "eest",
    "ist",
    "jst",
    "kst",
    "msk",
    "aest",
    "aedt",
    "hkt",
    "sgt",
    "updated",
    "published",
    "posted",
    "modified",
    "last",
    "on",
    "at",
    "ago",
    "hour",
    "hours",
    "hr",
    "hrs",
    "h",
    "minute",
    "minutes",
    "min",
    "mins",
    "second",
    "seconds",
    "sec",
    "secs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "yesterday",
    "today",
    "read",
    "st",
    "nd",
    "rd",
    "th",
    "z",
];
static DATE_WORDS_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| words(DATE_WORDS).collect());

/// "7 NOV 2025 06:06", "Updated: November 7, 2025 6:06 p.m. ET", "2025-11-07T06:06Z", "3 hours ago".
fn is_timestamp(s: &str) -> bool {
    if s.len() > 64 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    s.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-' | '–' | '—' | '·' | '•' | '(' | ')')
    })
    .all(is_date_token)
}

fn is_date_token(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ':']);
    if t.is_empty() {
        return true;
    }
    let b = t.as_bytes();
    // Numbers and clock times: "2025", "06:06", "6.30", "07T06:06:00Z".
    let lead = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b':' | b'.' | b'+'))
        .count();
    let rest = &t[lead..];
    if rest.is_empty() {
        return lead > 0;
    }
    if lead > 0
        && rest
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b':' | b'.' | b'+' | b'T' | b'Z'))
    {
        return true;
    }
    let word = rest.trim_end_matches('.');
    MONTHS_LIST
        .iter()
        .chain(DATE_WORDS_LIST.iter())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// "By Jane Doe and John Roe", "BY JANE DOE | Reuters", "Reporting by Jane Doe; Editing by ...".
fn is_byline(s: &str) -> bool {
    for lead in [
        "Reporting by ",
        "Additional reporting by ",
        "Editing by ",
        "Written by ",
    ] {
        if s.starts_with(lead) {
            return true;
        }
    }
    let rest = match s.strip_prefix("By ").or_else(|| s.strip_prefix("BY ")) {
        Some(r) => r,
        None => return false,
    };
    if !rest.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let mut names = 0;
    for (n, w) in rest.split_whitespace().enumerate() {
        if n >= 10 {
            return false;
        }
        let w = w.trim_end_matches([',', ';']);
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            names += 1;
        } else if !matches!(w, "and" | "&" | "|" | "·" | "-" | "–" | "—" | "") && !is_date_token(w)
        {
            return false;
        }
    }
    names > 0 && !s.ends_with(['.', '!', '?'])
}

/// "© 2025 Example Media", "Copyright 2025 ...", "... All rights reserved."
fn is_copyright(s: &str) -> bool {
    if s.starts_with('©') || s.starts_with("(c) ") || s.starts_with("(C) ") {
        return true;
    }
    if s.len() >= 10 && s.as_bytes()[..10].eq_ignore_ascii_case(b"copyright ") {
        let after = s[10..].trim_start();
        return after.starts_with('©')
            || after.starts_with(|c: char| c.is_ascii_digit())
            || after.starts_with("(c)");
    }
    let needle = b"all rights reserved";
    s.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Lowercase words that may appear in a title-cased label ("Terms of Use", "Sign up").
const LABEL_FUNCTION_WORDS: &str = crate::extract::packed![
    "a", "an", "and", "at", "by", "for", "from", "in", "more", "of", "off", "on", "or", "out",
    "the", "to", "up", "with", "&",
];
static LABEL_FUNCTION_WORDS_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(LABEL_FUNCTION_WORDS).collect());

/// A 1–3 word line with no digit and no lowercase content word: "World", "Sign up", "Terms of Use".
fn is_short_label(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        if n > 3 {
            return false;
        }
        let starts_lower = w.chars().next().is_some_and(char::is_lowercase);
        if starts_lower && !LABEL_FUNCTION_WORDS_LIST.contains(&w) {
            return false;
        }
    }
    true
}

/// Words that cannot end a sentence: a line stopping on one is hard-wrapped mid-sentence.
const CONNECTORS: &str = crate::extract::packed![
    "a",
    "about",
    "after",
    "against",
    "among",
    "an",
    "and",
    "are",
    "as",
    "at",
    "before",
    "between",
    "but",
    "by",
    "during",
    "for",
    "from",
    "had",
    "has",
    "have",
    "her",
    "his",
    "in",
    "including",
    "into",
    "is",
    "its",
    "nor",
    "of",
    "on",
    "or",
    "our",
    "over",
    "per",
    "than",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "through",
    "to",
    "under",
    "via",
    "was",
    "were",
    "which",
    "while",
    "who",
    "whose",
    "will",
    "with",
    "would",
];
static CONNECTORS_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| words(CONNECTORS).collect());

/// Whether the break between two consecutive text lines is soft (same run).
fn joins(first: &str, next: &str) -> bool {
    if line_starts_list_item(next) {
        return false;
    }
    let body = first.trim_end_matches(is_closer);
    if body.ends_with(['.', '!', '?', '…', '。', '！', '？']) {
        return true; // the punctuation rules decide, with the newline as a strong hint
    }
    let next_first = next.trim_start_matches(is_opener).chars().next();
    if next_first.is_some_and(char::is_lowercase) {
        return !is_title_heading(first);
    }
    if first.ends_with([',', ';', '-', '–', '—', '(', '/', '&']) {
        return true;
    }
    let last_word = first
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    CONNECTORS_LIST.contains(&last_word)
}

/// A short line in Title Case without terminal punctuation: "Mostly Symbolic Move".
fn is_title_heading(s: &str) -> bool {
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        if n > 10 {
            return false;
        }
        let first = w.chars().next().unwrap_or(' ');
        if first.is_lowercase() && (n == 1 || w.len() >= 4) {
            return false;
        }
    }
    true
}

/// Whether a line starts with a list marker: a bullet, "1.", "1)", "(a)", "a)".
fn line_starts_list_item(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(c) = chars.next() else { return false };
    if is_inline_bullet(c) {
        return true;
    }
    if matches!(c, '-' | '*' | '–' | '+') {
        return chars.next().is_some_and(char::is_whitespace);
    }
    let b = s.as_bytes();
    if c.is_ascii_lowercase() {
        return b.len() > 2 && b[1] == b')' && is_ascii_ws(b[2]);
    }
    matches!(
        marker_at(s, 0, s.len()),
        Some((
            _,
            Some(Marker::Num(..) | Marker::ParenNum(_) | Marker::ParenLetter(_))
        ))
    )
}

// ---------------------------------------------------------------------------------------------
// Pass 2: runs
// ---------------------------------------------------------------------------------------------

/// Byte flags for the scan loop: 1 = a possible sentence stop, 2 = ASCII white space.
const STOP_FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'.' as usize] = 1;
    t[b'!' as usize] = 1;
    t[b'?' as usize] = 1;
    t[0xE2] = 1; // … (E2 80 A6)
    t[0xE3] = 1; // 。 (E3 80 82)
    t[0xEF] = 1; // ！ ？ (EF BC 81, EF BC 9F)
    t[b' ' as usize] = 2;
    t[b'\t' as usize] = 2;
    t[b'\n' as usize] = 2;
    t[b'\r' as usize] = 2;
    t
};

/// The bytes with flag 1 in [`STOP_FLAGS`].
const STOPS: [u8; 6] = [b'.', b'!', b'?', 0xE2, 0xE3, 0xEF];

const ELLIPSIS: &[u8] = "…".as_bytes();

/// What follows a stop, after white space and opening quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Lower,
    /// An uppercase letter, or a letter of a script without case.
    Upper,
    Digit,
    Other,
}

/// The token before a single full stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A plain word, an e-mail address, a URL, or nothing (`").`, `"%."`).
    Ordinary,
    /// Ends in a digit: "$100.00", "2020", "1026.253.553".
    Number,
    /// A title before a name: "Mr", "Dr", "Gen", "St", "Mt". Never ends a sentence.
    Title,
    /// Usually before a number: "No", "p", "pp", "approx", "Jan"..."Dec".
    NumPrefix,
    /// Never ends a sentence: "vs", "e.g", "i.e", "cf".
    Continue,
    /// May end a sentence: "Inc", "Co", "Jr", "etc", and multi-period "U.S", "E.U", "U.S.A".
    Postpositive,
    /// "a.m", "p.m".
    Time,
    /// A single capital letter: "E" in "Jonas E. Smith", "I" in "you and I."
    Initial,
}

const TITLES: &str = crate::extract::packed![
    "adm", "amb", "atty", "brig", "capt", "cdr", "cmdr", "col", "cpl", "cpt", "det", "dr", "ft",
    "gen", "gens", "gov", "hon", "insp", "lt", "maj", "messrs", "mlle", "mme", "mr", "mrs", "ms",
    "mt", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "st", "supt",
];

const NUM_PREFIXES: &str = crate::extract::packed![
    "approx", "art", "arts", "ca", "ch", "chap", "est", "ext", "fig", "figs", "ft", "no", "nos",
    "nr", "op", "para", "paras", "pg", "pgs", "pp", "sec", "sect", "tel", "vol", "vols", "n°",
    "nº", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const CONTINUES: &[&str] = &["cf", "esp", "incl", "resp", "viz", "vs"];

const POSTPOSITIVES: &str = crate::extract::packed![
    "al", "assn", "bros", "co", "corp", "cos", "dept", "esq", "etc", "govt", "inc", "intl", "jr",
    "llc", "ltd", "mfg", "plc", "sr",
];
/// The words of the four lists above, each with the lists it is in (bit 0 [`TITLES`], 1
/// [`NUM_PREFIXES`], 2 [`CONTINUES`], 3 [`POSTPOSITIVES`]): one lookup for a token instead of a
/// scan of each list.
static ABBREVIATIONS: LazyLock<(WordSet, Vec<u8>)> = LazyLock::new(|| {
    let lists = [
        words(TITLES).collect::<Vec<_>>(),
        words(NUM_PREFIXES).collect(),
        CONTINUES.to_vec(),
        words(POSTPOSITIVES).collect(),
    ];
    let mut all: Vec<&'static str> = lists.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let flags = all
        .iter()
        .map(|w| {
            (0..lists.len())
                .filter(|&k| lists[k].contains(w))
                .fold(0u8, |f, k| f | 1 << k)
        })
        .collect();
    (WordSet::new(&all), flags)
});

/// The lists (bits as in [`ABBREVIATIONS`]) that hold `tok` in any ASCII case.
fn abbreviation_lists(tok: &str) -> u8 {
    let mut lower = [0u8; 16];
    let Some(buf) = lower.get_mut(..tok.len()) else {
        return 0; // longer than every listed word
    };
    buf.copy_from_slice(tok.as_bytes());
    buf.make_ascii_lowercase();
    let (set, flags) = &*ABBREVIATIONS;
    std::str::from_utf8(buf)
        .ok()
        .and_then(|w| set.find(w))
        .map_or(0, |k| flags[k])
}

/// Capitalised words that commonly start an English sentence: after an abbreviation that may
/// end a sentence ("U.S.", "Inc.", "etc."), one of these means it did.
const STARTERS: &str = crate::extract::packed![
    "A",
    "After",
    "Again",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "Even",
    "Every",
    "For",
    "From",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "Most",
    "Much",
    "My",
    "Neither",
    "Never",
    "Nevertheless",
    "Next",
    "No",
    "Nonetheless",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Several",
    "She",
    "Should",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Under",
    "Unlike",
    "Until",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "Will",
    "With",
    "Would",
    "Yesterday",
    "Yet",
    "You",
    "Your",
];
static STARTERS_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| words(STARTERS).collect());

/// Words that continue a clock time: "at 6 p.m. Eastern", "5 a.m. Monday".
const TIME_FOLLOWERS: &str = crate::extract::packed![
    "cdt",
    "cest",
    "cet",
    "central",
    "cst",
    "ct",
    "eastern",
    "edt",
    "est",
    "et",
    "friday",
    "gmt",
    "local",
    "monday",
    "mountain",
    "mdt",
    "mst",
    "pacific",
    "pdt",
    "pst",
    "pt",
    "saturday",
    "sunday",
    "thursday",
    "today",
    "tomorrow",
    "tonight",
    "tuesday",
    "utc",
    "wednesday",
];
static TIME_FOLLOWERS_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(TIME_FOLLOWERS).collect());

/// Prepositions that open a time phrase at the start of a sentence: "At 5 a.m. Mr. Smith ...".
const TIME_INTROS: &str = crate::extract::packed![
    "about",
    "after",
    "around",
    "at",
    "before",
    "beginning",
    "between",
    "by",
    "from",
    "on",
    "since",
    "starting",
    "till",
    "until",
];
static TIME_INTROS_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(TIME_INTROS).collect());

/// A list marker; the successor of a marker is the one that may start the next item inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// "•", "⁃" and other bullets that may repeat within a line.
    Bullet(char),
    /// "1." / "1)" / "1.)": the number and the suffix (0 ".", 1 ")", 2 ".)").
    Num(u32, u8),
    /// "a." / "a)" / "a.)".
    Letter(u8, u8),
    /// "(1)".
    ParenNum(u32),
    /// "(a)".
    ParenLetter(u8),
}

impl Marker {
    fn successor(self) -> Option<Marker> {
        Some(match self {
            Marker::Bullet(c) => Marker::Bullet(c),
            Marker::Num(n, s) => Marker::Num(n + 1, s),
            Marker::Letter(l, s) if l < b'z' => Marker::Letter(l + 1, s),
            Marker::ParenNum(n) => Marker::ParenNum(n + 1),
            Marker::ParenLetter(l) if l < b'z' => Marker::ParenLetter(l + 1),
            _ => return None,
        })
    }
}

fn is_inline_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '⁃'
            | '‣'
            | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '✓'
            | '✔'
    )
}

fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '„'
            | '«'
            | '‹'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
    )
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn ws_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => is_ascii_ws(b) || b == 0x0B || b == 0x0C,
        Some(_) => char_at(text, i).is_some_and(char::is_whitespace),
        None => false,
    }
}

/// Skips characters matching `pred` from `i`, not past `end`.
fn skip_while(text: &str, mut i: usize, end: usize, pred: impl Fn(char) -> bool) -> usize {
    while i < end {
        match char_at(text, i) {
            Some(c) if pred(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// A list marker at `p`: its end and what may start the next item inline (`None` for bullets
/// such as "-" that only start items at the start of a line).
fn marker_at(text: &str, p: usize, end: usize) -> Option<(usize, Option<Marker>)> {
    let b = &text.as_bytes()[..end];
    let c = char_at(text, p)?;
    let ws_or_end = |q: usize| q >= end || ws_at(text, q);
    if is_inline_bullet(c) {
        let q = p + c.len_utf8();
        let r = skip_while(text, q, end, |c| c == ' ');
        let q = match number_marker(b, r) {
            Some((e, _)) if ws_or_end(e) => e,
            _ => q,
        };
        return Some((q, Some(Marker::Bullet(c))));
    }
    if matches!(c, '-' | '*' | '–' | '+') {
        let q = p + c.len_utf8();
        return (q < end && ws_at(text, q)).then_some((q, None));
    }
    if c == '(' {
        let q = p + 1;
        let digits = b[q..]
            .iter()
            .take(3)
            .take_while(|x| x.is_ascii_digit())
            .count();
        if (1..=2).contains(&digits)
            && b.get(q + digits) == Some(&b')')
            && ws_or_end(q + digits + 1)
        {
            let n = parse_small(&b[q..q + digits]);
            return Some((q + digits + 1, Some(Marker::ParenNum(n))));
        }
        if b.get(q).is_some_and(u8::is_ascii_lowercase)
            && b.get(q + 1) == Some(&b')')
            && ws_or_end(q + 2)
        {
            return Some((q + 2, Some(Marker::ParenLetter(b[q]))));
        }
        return None;
    }
    if c.is_ascii_lowercase() {
        let (e, suffix) = suffix_at(b, p + 1)?;
        return ws_or_end(e).then_some((e, Some(Marker::Letter(c as u8, suffix))));
    }
    let (e, m) = number_marker(b, p)?;
    ws_or_end(e).then_some((e, Some(m)))
}

/// "12." / "12)" / "12.)" at `p` (1–3 digits), without checking what follows.
fn number_marker(b: &[u8], p: usize) -> Option<(usize, Marker)> {
    let digits = b
        .get(p..)?
        .iter()
        .take(4)
        .take_while(|x| x.is_ascii_digit())
        .count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let (e, suffix) = suffix_at(b, p + digits)?;
    Some((e, Marker::Num(parse_small(&b[p..p + digits]), suffix)))
}

fn suffix_at(b: &[u8], q: usize) -> Option<(usize, u8)> {
    match (b.get(q), b.get(q + 1)) {
        (Some(b'.'), Some(b')')) => Some((q + 2, 2)),
        (Some(b'.'), _) => Some((q + 1, 0)),
        (Some(b')'), _) => Some((q + 1, 1)),
        _ => None,
    }
}

fn parse_small(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// The scan of one run: the current sentence and the list it may be in.
struct Run<'a> {
    text: &'a str,
    end: usize,
    /// Start of the current sentence.
    sent: usize,
    /// Start of the current sentence's first word (after any list marker and opening quotes).
    body: usize,
    /// The list marker that would start the next item inline.
    expect: Option<Marker>,
    out: &'a mut Vec<Sentence>,
}

impl Run<'_> {
    /// Ends the current sentence at `end` (trimmed) and starts the next one at `next`.
    /// Returns where scanning resumes.
    fn cut(&mut self, end: usize, next: usize) -> usize {
        self.push(end);
        self.begin(next)
    }

    fn push(&mut self, end: usize) {
        let s = &self.text[self.sent..end];
        let t = s.trim_end();
        let lead = t.len() - t.trim_start().len();
        if lead < t.len() {
            self.out.push(Sentence {
                start: self.sent + lead,
                end: self.sent + t.len(),
                junk: false,
            });
        }
    }

    /// Starts a sentence at `p`: consumes a list marker there. Returns where scanning resumes.
    fn begin(&mut self, p: usize) -> usize {
        self.sent = p;
        let resume = match marker_at(self.text, p, self.end) {
            Some((e, next)) => {
                self.expect = next.and_then(Marker::successor);
                e
            }
            None => p,
        };
        let q = skip_while(self.text, resume, self.end, char::is_whitespace);
        self.body = skip_while(self.text, q, self.end, is_opener);
        resume
    }
}

fn scan_run(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let b = text.as_bytes();
    let mut run = Run {
        text,
        end,
        sent: start,
        body: start,
        expect: None,
        out,
    };
    let mut i = run.begin(start);
    while i < end {
        if run.expect.is_none() {
            // Outside a list only the stops matter: skipped to eight bytes at a time.
            match crate::bytes::find_any(&b[..end], i, STOPS) {
                Some(k) => i = k,
                None => break,
            }
        }
        let flag = STOP_FLAGS[b[i] as usize];
        let mask = if run.expect.is_some() { 3 } else { 1 };
        if flag & mask == 0 {
            i += 1;
            continue;
        }
        if flag == 2 {
            // White space inside a list: does the next item's marker follow?
            if let Some(expect) = run.expect {
                let p = i + 1;
                if p < end && !is_ascii_ws(b[p]) {
                    if let Some((e, Some(m))) = marker_at(text, p, end) {
                        if m == expect {
                            run.push(i);
                            run.sent = p;
                            run.expect = m.successor();
                            let q = skip_while(text, e, end, char::is_whitespace);
                            run.body = skip_while(text, q, end, is_opener);
                            i = e;
                            continue;
                        }
                    }
                }
            }
            i += 1;
            continue;
        }
        match b[i] {
            b'.' | b'!' | b'?' => {}
            0xE2 if b[i..end].starts_with(ELLIPSIS) => {}
            0xE3 | 0xEF => {
                let rest = &b[i..end];
                if rest.starts_with("。".as_bytes())
                    || rest.starts_with("！".as_bytes())
                    || rest.starts_with("？".as_bytes())
                {
                    let k = skip_while(text, i + 3, end, is_closer);
                    let m = skip_while(text, k, end, char::is_whitespace);
                    i = if m < end { run.cut(k, m) } else { end };
                } else {
                    i += 1;
                }
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i = stop(&mut run, i);
    }
    run.push(end);
}

/// Decides the cluster of stops starting at `i`; returns where scanning resumes.
fn stop(run: &mut Run, i: usize) -> usize {
    let text = run.text;
    let b = text.as_bytes();
    let end = run.end;

    // The cluster: "." "?!" "...." ". . . ." "…".
    let mut j = i;
    let (mut dots, mut bang, mut ellipsis, mut spaced) = (0u32, false, false, false);
    while j < end {
        match b[j] {
            b'.' => dots += 1,
            b'!' | b'?' => bang = true,
            0xE2 if b[j..end].starts_with(ELLIPSIS) => {
                ellipsis = true;
                j += ELLIPSIS.len();
                continue;
            }
            b' ' if b[j - 1] == b'.'
                && b.get(j + 1) == Some(&b'.')
                && (j + 2 >= end
                    || matches!(b[j + 2], b' ' | b'.' | b'"' | b'\'' | b')')
                    || b[j + 2] >= 0x80) =>
            {
                spaced = true;
            }
            _ => break,
        }
        j += 1;
    }
    let k = skip_while(text, j, end, is_closer);
    if k < end && !ws_at(text, k) {
        return j; // "3.14", "U.S.A", "Jane.Doe", "mean...see", "Jr.'s"
    }
    if k >= end {
        return end;
    }
    let mut newline = false;
    let mut m = k;
    while m < end {
        match char_at(text, m) {
            Some(c) if c.is_whitespace() => {
                newline |= c == '\n';
                m += c.len_utf8();
            }
            _ => break,
        }
    }
    let p = skip_while(text, m, end, is_opener);
    let next = match char_at(text, p) {
        Some(c) if c.is_lowercase() => Next::Lower,
        Some(c) if c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₸') => {
            Next::Digit
        }
        Some(c) if c.is_alphabetic() => Next::Upper,
        _ => Next::Other,
    };

    let cut = if bang {
        next != Next::Lower
    } else if ellipsis || dots > 1 {
        let bracketed = matches!(char_before(text, i), Some('[' | '('));
        if bracketed || matches!(next, Next::Lower | Next::Digit) {
            false
        } else if spaced {
            let attached = i > run.sent && !ws_at(text, i - 1);
            if attached && dots == 4 && !ellipsis && b[i + 1] == b' ' {
                // "compounds. . . . The": the full stop ends the sentence, the ellipsis opens the next.
                run.push(i + 1);
                return run.begin(i + 2).max(k);
            }
            dots >= 4
        } else {
            true
        }
    } else {
        period_cuts(run, i, p, next, newline)
    };
    if cut {
        run.cut(k, m).max(k)
    } else {
        k
    }
}

/// Whether a single full stop at `i` ends the sentence; the next word starts at `p`.
fn period_cuts(run: &Run, i: usize, p: usize, next: Next, newline: bool) -> bool {
    if next == Next::Lower {
        return false;
    }
    let text = run.text;
    let (mut tok, ts) = token_before(text, run.sent, i);
    if tok == Tok::Title && &text[ts..i] == "St" && previous_word_capitalised(text, run.sent, ts) {
        tok = Tok::Postpositive; // "Main St." is a street and may end the sentence; "St. Louis" is not
    }
    match tok {
        Tok::Title | Tok::Continue => false,
        Tok::Ordinary | Tok::Number => true,
        Tok::NumPrefix => next != Next::Digit,
        Tok::Postpositive => match next {
            Next::Upper => newline || is_starter(next_word(text, p, run.end), true),
            Next::Other => newline,
            _ => false,
        },
        Tok::Time => match next {
            Next::Upper => {
                newline
                    || !(TIME_FOLLOWERS_LIST
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(next_word(text, p, run.end)))
                        || opens_with_time_phrase(text, run.body, ts))
            }
            Next::Other => newline,
            _ => false,
        },
        Tok::Initial => match next {
            Next::Upper if ts <= run.body => false,
            Next::Upper if previous_word_capitalised(text, run.sent, ts) => {
                is_starter(next_word(text, p, run.end), false)
            }
            Next::Upper => true,
            Next::Other => newline,
            _ => false,
        },
    }
}

/// Classifies the token ending just before the full stop at `i` (looking back at most 24 bytes,
/// not before `floor`); returns it with its start.
fn token_before(text: &str, floor: usize, i: usize) -> (Tok, usize) {
    let b = text.as_bytes();
    let mut ts = i;
    while ts > floor && i - ts < 24 {
        let x = b[ts - 1];
        if x.is_ascii_alphanumeric() || x == b'.' {
            ts -= 1;
        } else if ts >= floor + 2 && b[ts - 2] == 0xC2 && matches!(x, 0xB0 | 0xBA) {
            ts -= 2; // "°", "º" as in "N°."
        } else {
            break;
        }
    }
    if ts == i {
        return (Tok::Ordinary, ts);
    }
    if b[i - 1].is_ascii_digit() {
        return (Tok::Number, ts);
    }
    if i - ts >= 24
        || char_before(text, ts)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '_' | '/'))
    {
        return (Tok::Ordinary, ts);
    }
    // Leading dots belong to an earlier ellipsis: "...etc."
    while ts < i && b[ts] == b'.' {
        ts += 1;
    }
    let tok = &text[ts..i];
    if tok.is_empty() {
        return (Tok::Ordinary, ts);
    }
    if tok.contains('.') {
        // Multi-period abbreviations: letters in groups of one or two, at least one single.
        let mut single = false;
        for seg in tok.split('.') {
            if seg.is_empty() || seg.len() > 2 || !seg.bytes().all(|c| c.is_ascii_alphabetic()) {
                return (Tok::Ordinary, ts);
            }
            single |= seg.len() == 1;
        }
        if !single {
            return (Tok::Ordinary, ts);
        }
        let kind = if tok.eq_ignore_ascii_case("a.m") || tok.eq_ignore_ascii_case("p.m") {
            Tok::Time
        } else if ["e.g", "i.e", "c.f", "n.b"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(tok))
        {
            Tok::Continue
        } else {
            Tok::Postpositive
        };
        return (kind, ts);
    }
    let tb = tok.as_bytes();
    if tb.len() == 1 {
        let kind = match tb[0] {
            b'A'..=b'Z' => Tok::Initial,
            // "p. 5", "c. 5,000" (circa)
            b'p' | b'c' => Tok::NumPrefix,
            b'v' => Tok::Continue,
            _ => Tok::Ordinary,
        };
        return (kind, ts);
    }
    let lists = abbreviation_lists(tok);
    let kind = if tb[0].is_ascii_uppercase() && lists & 1 != 0 {
        Tok::Title
    } else if lists & 2 != 0 {
        Tok::NumPrefix
    } else if lists & 4 != 0 {
        Tok::Continue
    } else if lists & 8 != 0 {
        Tok::Postpositive
    } else {
        Tok::Ordinary
    };
    (kind, ts)
}

/// The ASCII letters of the word at `p` (at most 16 bytes; a longer word comes back empty).
fn next_word(text: &str, p: usize, end: usize) -> &str {
    let b = &text.as_bytes()[..end];
    let n = b.get(p..).map_or(0, |s| {
        s.iter()
            .take(17)
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
    });
    if n > 16 {
        ""
    } else {
        &text[p..p + n]
    }
}

/// Whether `w` is a common sentence starter; `single_letters` admits "I" and "A", which after
/// an initial are more likely another initial.
fn is_starter(w: &str, single_letters: bool) -> bool {
    (single_letters || w.len() > 1) && STARTERS_LIST.contains(&w)
}

/// Whether the word before the token at `ts` starts with a capital letter or a digit ("Jonas E.",
/// "J. R.", "5th St."), looking back at most 48 bytes.
fn previous_word_capitalised(text: &str, floor: usize, ts: usize) -> bool {
    let b = text.as_bytes();
    let mut q = ts;
    while q > floor && ts - q < 8 && is_ascii_ws(b[q - 1]) {
        q -= 1;
    }
    if q == ts || q == floor {
        return false;
    }
    let word_end = q;
    while q > floor && word_end - q < 48 && !is_ascii_ws(b[q - 1]) {
        q -= 1;
    }
    let word = text
        .get(q..word_end)
        .unwrap_or("")
        .trim_start_matches(is_opener);
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the sentence opens with a short time phrase ending at the token at `ts`:
/// "At 5 a.m.", "By 6:30 p.m.".
fn opens_with_time_phrase(text: &str, body: usize, ts: usize) -> bool {
    if ts <= body || ts - body > 40 {
        return false;
    }
    let phrase = &text[body..ts];
    let mut words = phrase.split_whitespace();
    let first = words.next().unwrap_or("");
    TIME_INTROS_LIST
        .iter()
        .any(|w| w.eq_ignore_ascii_case(first))
        && words.count() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_lists_are_the_lists_in_any_ascii_case() {
        let lists: [Vec<&str>; 4] = [
            words(TITLES).collect(),
            words(NUM_PREFIXES).collect(),
            CONTINUES.to_vec(),
            words(POSTPOSITIVES).collect(),
        ];
        // What `token_before` did: each list scanned with `eq_ignore_ascii_case`.
        let scan = |tok: &str| {
            (0..4)
                .filter(|&k| lists[k].iter().any(|w| w.eq_ignore_ascii_case(tok)))
                .fold(0u8, |f, k| f | 1 << k)
        };
        let mut toks: Vec<String> = Vec::new();
        for w in lists.iter().flatten() {
            let mut upper_first = w.to_string();
            upper_first[..1].make_ascii_uppercase();
            toks.extend([w.to_string(), w.to_ascii_uppercase(), upper_first]);
            toks.push(format!("{w}s"));
            let mut shorter = w.chars();
            shorter.next_back();
            toks.push(shorter.as_str().to_string());
        }
        toks.extend(
            [
                "",
                "x",
                "Mr",
                "MRS",
                "N°",
                "nº",
                "Ft",
                "ft",
                "İnc",
                "verylongwordindeed",
            ]
            .map(String::from),
        );
        for t in &toks {
            assert_eq!(abbreviation_lists(t), scan(t), "{t}");
        }
        assert_eq!(abbreviation_lists("Ft"), 0b11, "in two lists");
    }
}
