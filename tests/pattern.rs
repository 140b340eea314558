//! The pattern engine (`corroborate::extract::pattern`) against the `regex` crate as an oracle:
//! every production pattern on the test texts, on windows cut from them the way extraction cuts
//! them, and on seeded random texts; the syntax cases of `tests/pattern-cases.json`; and the
//! Unicode classes char by char. "Equal" means the same successive matches (`captures_iter`) with
//! the same span for every group, and the same `is_match` and `find`.

use corroborate::extract::pattern::{self, Regex};
use serde_json::Value;
use std::path::Path;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

type Spans = Vec<Vec<Option<(usize, usize)>>>;

fn ours(re: &Regex, hay: &str) -> Spans {
    re.captures_iter(hay)
        .map(|c| {
            (0..c.len())
                .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                .collect()
        })
        .collect()
}

fn theirs(re: &regex::Regex, hay: &str) -> Spans {
    re.captures_iter(hay)
        .map(|c| {
            (0..c.len())
                .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                .collect()
        })
        .collect()
}

/// Compares the two engines on `hay`; panics with the pattern's name and the text if they differ.
fn same(name: &str, a: &Regex, b: &regex::Regex, hay: &str) {
    let (x, y) = (ours(a, hay), theirs(b, hay));
    assert_eq!(x, y, "pattern {name}: captures differ on {hay:?}");
    assert_eq!(
        a.is_match(hay),
        b.is_match(hay),
        "pattern {name}: is_match differs on {hay:?}"
    );
    assert_eq!(
        a.find(hay).map(|m| m.range()),
        b.find(hay).map(|m| m.range()),
        "pattern {name}: find differs on {hay:?}"
    );
    let fi: Vec<_> = a.find_iter(hay).map(|m| m.range()).collect();
    let fj: Vec<_> = b.find_iter(hay).map(|m| m.range()).collect();
    assert_eq!(fi, fj, "pattern {name}: find_iter differs on {hay:?}");
    // Named groups by name, and the first match through `captures`.
    if let (Some(c), Some(d)) = (a.captures(hay), b.captures(hay)) {
        for n in b.capture_names().flatten() {
            assert_eq!(
                c.name(n).map(|m| m.as_str()),
                d.name(n).map(|m| m.as_str()),
                "pattern {name}: group {n} differs on {hay:?}"
            );
        }
    } else {
        assert!(a.captures(hay).is_none() && b.captures(hay).is_none());
    }
}

fn both(src: &str) -> (Regex, regex::Regex) {
    let a = Regex::new(src).unwrap_or_else(|e| panic!("ours refuses {src:?}: {e}"));
    let b = regex::Regex::new(src).unwrap_or_else(|e| panic!("regex refuses {src:?}: {e}"));
    let names: Vec<_> = a.capture_names().collect();
    let theirs: Vec<_> = b.capture_names().collect();
    assert_eq!(names, theirs, "group names differ for {src:?}");
    (a, b)
}

/// Every string value in a JSON document.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The texts of the repository's test cases: the JSON cases' strings and the corpus documents.
fn corpus_texts() -> Vec<String> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for dir in ["cases", "devset", "corpus-docs"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            if p.extension().is_some_and(|e| e == "json") {
                if let Ok(v) = serde_json::from_str::<Value>(&text) {
                    strings(&v, &mut out);
                }
            } else {
                out.push(text);
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    assert!(out.len() > 200, "the test texts were not found");
    out
}

/// Pieces that random texts are made of: words the patterns look for, numbers, marks, and
/// chars where Unicode classes and case folding are subtle.
const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{a0}",
    "\u{2009}",
    "-",
    "–",
    "—",
    ",",
    ".",
    ":",
    ";",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "$",
    "€",
    "£",
    "¥",
    "₸",
    "%",
    "+",
    "/",
    "#",
    "§",
    "~",
    "1",
    "7",
    "42",
    "2025",
    "1990",
    "12",
    "3.5",
    "1,200",
    "0143",
    "555",
    "202",
    "a",
    "an",
    "the",
    "of",
    "and",
    "one",
    "two",
    "twenty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "half",
    "a half",
    "dozen",
    "third",
    "quarters",
    "per cent",
    "percent",
    "pct",
    "bps",
    "points",
    "dollars",
    "euros",
    "US",
    "U.S.",
    "USD",
    "EUR",
    "bn",
    "m",
    "k",
    "st",
    "nd",
    "th",
    "first",
    "largest",
    "No.",
    "Mr.",
    "Dr.",
    "President",
    "Prime Minister",
    "said",
    "says",
    "told",
    "according to",
    "he",
    "she",
    "they",
    "Trump",
    "Tokayev",
    "Kassym-Jomart",
    "Zürich",
    "São",
    "de",
    "van",
    "bin",
    "March",
    "May",
    "Nov.",
    "Sept",
    "Thursday",
    "Friday",
    "Q3",
    "H1",
    "early",
    "mid",
    "1990s",
    "'90s",
    "century",
    "quarter",
    "last",
    "next",
    "year",
    "week",
    "yesterday",
    "years",
    "ago",
    "old",
    "decades",
    "about",
    "more than",
    "at least",
    "up to",
    "nearly",
    "over",
    "between",
    "from",
    "ranging",
    "minus",
    "or more",
    "-odd",
    "+",
    "page",
    "Flight",
    "Route",
    "Street",
    "Avenue",
    "p.m.",
    "am",
    "GMT",
    "o’clock",
    "won",
    "beat",
    "goals",
    "call",
    "phone",
    "doubled",
    "halved",
    "ZIP",
    "DC",
    "AB",
    "X",
    "1 500 000",
    "12\u{a0}000",
    "3\u{202f}500,5",
    "8,5",
    "1.500.000",
    "0,25",
    "\u{212A}",
    "\u{17F}",
    "ß",
    "İ",
    "ı",
    "é",
    "e\u{301}",
    "\u{663}",
    "²",
    "½",
    "_",
    "\u{200d}",
    "日本",
    "😀",
    "Ω",
    "ǅ",
    "ΣΑΣ",
    "ς",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..pieces {
        let p = PIECES[rng.below(PIECES.len())];
        // Sometimes in capitals or title case.
        match rng.below(6) {
            0 => s.push_str(&p.to_uppercase()),
            1 => {
                let mut cs = p.chars();
                if let Some(c) = cs.next() {
                    s.extend(c.to_uppercase());
                    s.push_str(cs.as_str());
                }
            }
            _ => s.push_str(p),
        }
        if rng.below(3) > 0 {
            s.push(' ');
        }
    }
    s
}

/// Char boundaries of `s` near `i` (at most `i`).
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Windows cut the way extraction cuts them: heads and tails of a few sizes at many offsets.
fn windows(text: &str, rng: &mut Rng, out: &mut Vec<String>) {
    for _ in 0..6 {
        let at = floor(text, rng.below(text.len() + 1));
        for n in [6, 12, 16, 24, 48, 80, 240] {
            let head = &text[at..floor(text, at + n).max(at)];
            out.push(head.to_string());
            let from = floor(text, at.saturating_sub(n));
            let from = if text.is_char_boundary(from) {
                from
            } else {
                at
            };
            out.push(text[from..at].to_string());
        }
    }
}

#[test]
fn production_patterns_agree_with_regex() {
    let sources = corroborate::extract::pattern_sources();
    assert_eq!(sources.len(), 21, "every production pattern is listed");
    let compiled: Vec<_> = sources.iter().map(|(n, s)| (*n, both(s))).collect();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut hays = corpus_texts();
    let base = hays.clone();
    for t in &base {
        windows(t, &mut rng, &mut hays);
    }
    let random = if cfg!(debug_assertions) { 1500 } else { 6000 };
    for i in 0..random {
        hays.push(random_text(&mut rng, 1 + i % 40));
    }
    for hay in &hays {
        for (name, (a, b)) in &compiled {
            same(name, a, b, hay);
        }
    }
}

/// A compiled pattern is shared (extraction's are `static`s, and a long text is extracted on
/// several threads): searches of one pattern running at once each use a start DFA of their own,
/// and each finds what `regex` finds.
#[test]
fn one_pattern_searched_by_threads_at_once_agrees_with_regex() {
    let sources = corroborate::extract::pattern_sources();
    let compiled: Vec<_> = sources.iter().map(|(n, s)| (*n, both(s))).collect();
    let mut hays = corpus_texts();
    let mut rng = Rng(0x5EED_1234_ABCD_0002);
    for i in 0..400 {
        hays.push(random_text(&mut rng, 1 + i % 40));
    }
    std::thread::scope(|scope| {
        for t in 0..4 {
            let (compiled, hays) = (&compiled, &hays);
            scope.spawn(move || {
                // Each thread in another order, so that they search the same pattern together.
                for k in 0..hays.len() {
                    let hay = &hays[(k * (t + 1)) % hays.len()];
                    for (name, (a, b)) in compiled {
                        same(name, a, b, hay);
                    }
                }
            });
        }
    });
}

#[test]
fn syntax_cases_agree_with_regex() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pattern-cases.json");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("pattern-cases.json"))
            .expect("pattern-cases.json is JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() > 40);
    for case in cases {
        let src = case["pattern"].as_str().expect("pattern");
        let (a, b) = both(src);
        let hays: Vec<&str> = case["haystacks"]
            .as_array()
            .expect("haystacks")
            .iter()
            .map(|h| h.as_str().expect("a string"))
            .collect();
        for hay in &hays {
            same(src, &a, &b, hay);
        }
        if let Some(expect) = case.get("expect") {
            let want: Vec<&str> = expect
                .as_array()
                .expect("expect")
                .iter()
                .map(|e| e.as_str().expect("a string"))
                .collect();
            let got: Vec<&str> = a.find_iter(hays[0]).map(|m| m.as_str()).collect();
            assert_eq!(got, want, "{src} on {:?}", hays[0]);
        }
    }
    for bad in doc["errors"].as_array().expect("errors") {
        let src = bad.as_str().expect("a string");
        let e = Regex::new(src).err();
        assert!(e.is_some(), "{src:?} must be refused");
        let e: pattern::Error = e.expect("error");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn unicode_classes_agree_with_regex_on_every_char() {
    // The last two end and start at the surrogates (U+D800..U+DFFF, no chars): a class's
    // membership there is asked again, not carried across.
    let pats = [
        r"\w",
        r"\d",
        r"\s",
        r"[^\W\d_]",
        r"(?i)[ks]",
        r"(?i)\W",
        "[\u{D7F0}-\u{D7FF}a]",
        "[\u{D7FF}-\u{E000}]",
    ];
    let compiled: Vec<_> = pats.iter().map(|p| both(p)).collect();
    let step = if cfg!(debug_assertions) { 7 } else { 1 };
    let mut buf = [0u8; 4];
    for u in (0..=0x10FFFFu32).step_by(step).chain(0x80..0x3000) {
        let Some(c) = char::from_u32(u) else { continue };
        let s = c.encode_utf8(&mut buf);
        for ((a, b), p) in compiled.iter().zip(pats) {
            assert_eq!(a.is_match(s), b.is_match(s), "{p} on U+{u:04X}");
        }
    }
}

#[test]
fn word_boundaries_agree_with_regex_around_every_char() {
    let (a, b) = both(r"\b");
    let (c, d) = both(r"(?-u:\b)x");
    let step = if cfg!(debug_assertions) { 13 } else { 3 };
    for u in (0..=0x10FFFFu32).step_by(step) {
        let Some(ch) = char::from_u32(u) else {
            continue;
        };
        let s = format!("x{ch}x");
        same("\\b", &a, &b, &s);
        same("(?-u:\\b)x", &c, &d, &s);
    }
}

#[test]
fn long_texts_stay_linear_and_exact() {
    // A long text of one repeated unit: the engines still agree, and the memo of tried states
    // keeps a search linear (the catastrophic cases of a naive backtracker finish at once).
    let (a, b) = both(r"(?:a|aa)+$");
    let hay = "a".repeat(5000) + "b";
    same("(?:a|aa)+$", &a, &b, &hay);
    let (a, b) = both(r"(\s*)+x");
    let hay = " ".repeat(20_000);
    same("(\\s*)+x", &a, &b, &hay);
    // A production pattern on a long sentence of what it matches.
    let sources = corroborate::extract::pattern_sources();
    let (_, caps) = sources.iter().find(|(n, _)| *n == "CAPS").expect("CAPS");
    let (a, b) = both(caps);
    let hay = "Abc Def of the Ghi ".repeat(3000);
    same("CAPS", &a, &b, &hay);
}

#[test]
fn start_dfa_cache_overflow_stays_exact() {
    // Read backwards, `[ab]{14}a` must remember where each `a` of the last 15 chars was: a
    // random text of a and b reaches thousands of DFA states, more than the start DFA caches,
    // so its cache is cleared and rebuilt along the way; the matches must not change.
    let mut rng = Rng(7);
    let hay: String = (0..60_000)
        .map(|_| if rng.below(2) == 0 { 'a' } else { 'b' })
        .collect();
    for src in [r"[ab]{14}a", r"(?:a|b){10}a(?:x|$)", r"\b[ab]{12}b\b"] {
        let (a, b) = both(src);
        same(src, &a, &b, &hay);
        let spaced = hay.replace("aab", "a b");
        same(src, &a, &b, &spaced);
    }
}
