//! The sentence segmenter against its data cases (`tests/cases/segment.json`) and against
//! properties that must hold for any input: spans in order, on `char` boundaries, trimmed,
//! within the text, covering every non-space character, and computed in linear time.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use corroborate::segment::{split, split_in_parts, Sentence};
use serde::Deserialize;

/// One case: a text, the sentence texts expected in order, and which of them are junk.
#[derive(Deserialize)]
struct Case {
    /// What the case shows, as a sentence.
    name: String,
    text: String,
    sentences: Vec<String>,
    /// The texts expected to be junk, in order; absent means none.
    #[serde(default)]
    junk: Vec<String>,
}

/// Checks the span invariants, returning the first violation.
fn invariants(text: &str, spans: &[Sentence]) -> Result<(), String> {
    let mut prev_end = 0;
    for (n, s) in spans.iter().enumerate() {
        if s.start >= s.end {
            return Err(format!("span {n} {s:?} is empty"));
        }
        if s.end > text.len() {
            return Err(format!(
                "span {n} {s:?} ends past the text ({} bytes)",
                text.len()
            ));
        }
        if s.start < prev_end {
            return Err(format!(
                "span {n} {s:?} overlaps or precedes the previous one (ending at {prev_end})"
            ));
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            return Err(format!("span {n} {s:?} is not on char boundaries"));
        }
        let body = &text[s.start..s.end];
        if body.trim() != body {
            return Err(format!("span {n} {s:?} is not trimmed: {body:?}"));
        }
        let gap = &text[prev_end..s.start];
        if !gap.trim().is_empty() {
            return Err(format!("text before span {n} is left out: {gap:?}"));
        }
        prev_end = s.end;
    }
    let tail = &text[prev_end..];
    if !tail.trim().is_empty() {
        return Err(format!("text after the last span is left out: {tail:?}"));
    }
    Ok(())
}

fn assert_invariants(label: &str, text: &str) -> Vec<Sentence> {
    let spans = split(text);
    if let Err(e) = invariants(text, &spans) {
        let shown: String = text.chars().take(200).collect();
        panic!("{label}: {e}\ntext (first 200 chars): {shown:?}");
    }
    spans
}

/// The data file's path and its cases.
fn load_cases() -> (&'static str, Vec<Case>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/segment.json");
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let cases = serde_json::from_str(&data).unwrap_or_else(|e| {
        panic!("{path} is not a JSON list of {{name, text, sentences, junk?}}: {e}")
    });
    (path, cases)
}

#[test]
fn cases_from_data_file() {
    let (path, cases) = load_cases();
    assert!(
        cases.len() >= 60,
        "{path} holds {} cases; keep at least 60",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let spans = split(&case.text);
        if let Err(e) = invariants(&case.text, &spans) {
            failures.push(format!("- {}: {e}", case.name));
            continue;
        }
        let got: Vec<&str> = spans.iter().map(|s| &case.text[s.start..s.end]).collect();
        let junk: Vec<&str> = spans
            .iter()
            .filter(|s| s.junk)
            .map(|s| &case.text[s.start..s.end])
            .collect();
        if got != case.sentences {
            failures.push(format!(
                "- {}\n    expected {:?}\n    got      {got:?}",
                case.name, case.sentences
            ));
        } else if junk != case.junk {
            failures.push(format!(
                "- {}\n    expected junk {:?}\n    got junk      {junk:?}",
                case.name, case.junk
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The data cases' texts, each alone and all joined (junk lines, lists, quotes, headlines), give
/// the same sentences split on 1 to 5 threads as in one pass.
#[test]
fn every_split_in_parts_gives_the_same_sentences() {
    let (_, cases) = load_cases();
    let joined = cases
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut texts: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    texts.push(&joined);
    for text in texts {
        let one = split(text);
        for parts in 2..=5 {
            assert_eq!(
                split_in_parts(text, parts),
                one,
                "{parts} parts of {text:?}"
            );
        }
    }
    let all = split(&joined);
    assert!(
        all.len() > 200 && all.iter().any(|s| s.junk),
        "the joined text is a real test"
    );
}

/// A tiny deterministic PRNG (xorshift64*), so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_bytes_keep_the_invariants() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        assert_invariants(&format!("random bytes, round {round}"), &text);
    }
}

/// Pieces that exercise every rule; random strings of them find the corners.
const PIECES: &[&str] = &[
    ".",
    ". ",
    "...",
    ". . .",
    "…",
    "!",
    "?",
    "?!",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "U.S.",
    "U.S.A.",
    "a.m.",
    "P.M.",
    "Mr.",
    "Dr. ",
    "Inc.",
    "etc.",
    "e.g.",
    "No.",
    "p.",
    "Jan.",
    "E.",
    "I.",
    "1.",
    "2.",
    "1)",
    "2)",
    "a.",
    "b.",
    "(a)",
    "(b)",
    "•",
    "⁃",
    "-",
    "- ",
    "* ",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    "$4.5",
    "2025",
    "06:06",
    "The",
    "How",
    "the",
    "and",
    "Smith",
    "word",
    "x",
    "é",
    "Ünïcödé",
    "。",
    "！",
    "？",
    "東京",
    "Москва",
    "Ελλάδα",
    "مرحبا",
    "שלום",
    "नमस्ते",
    "ไทย",
    "😀",
    "\u{200d}",
    "\u{301}",
    "Share",
    "Sign Up",
    "Advertisement",
    "By Jane Doe",
    "7 NOV 2025",
    "lorem ipsum",
    "©",
];

#[test]
fn random_pieces_keep_the_invariants() {
    let mut rng = XorShift(0x0123_4567_89AB_CDEF);
    for round in 0..20000 {
        let n = rng.below(40);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        assert_invariants(&format!("random pieces, round {round}"), &text);
    }
}

#[test]
fn awkward_small_inputs_keep_the_invariants() {
    let samples = [
        "",
        " ",
        ".",
        "....",
        ". . . .",
        "…",
        "!?",
        "\"",
        "“",
        "(",
        ")",
        "\n",
        "\n\n\n",
        "-",
        "•",
        "1.",
        "a.",
        "U.S.",
        "Mr.",
        "\"He said. \"She left",
        "“Unclosed quote. Another sentence",
        "(open paren. Next",
        "He said \"yes. No. Maybe",
        "'",
        "''",
        ".\"",
        ".)",
        "a\u{301}.",
        "\u{feff}Text.",
        "Text.\u{2028}More.",
        "x.\u{a0}",
        "\u{a0}\u{a0}",
        "End. ",
        " .Start",
        "1. ",
        "• ",
        "⁃9.",
        "(a) ",
        "By ",
        "©",
    ];
    for s in samples {
        assert_invariants("awkward input", s);
    }
}

#[test]
fn every_script_keeps_the_invariants() {
    let samples = [
        "Москва — столица России. Здесь живёт 13 млн человек! Правда?",
        "Η Αθήνα είναι πρωτεύουσα. Έχει 3,1 εκ. κατοίκους.",
        "القاهرة هي عاصمة مصر. يبلغ عدد سكانها 10 ملايين؟ نعم.",
        "ירושלים היא עיר עתיקה. היא גדולה.",
        "दिल्ली भारत की राजधानी है। यहाँ बहुत लोग रहते हैं।",
        "กรุงเทพฯ เป็นเมืองหลวง. มีคนมาก!",
        "東京は日本の首都です。人口は約1400万人です！本当？",
        "北京是中国的首都。上海是最大的城市？",
        "서울은 한국의 수도입니다. 인구는 약 천만 명입니다!",
        "Ἐν ἀρχῇ ἦν ὁ λόγος. Καὶ ὁ λόγος.",
        "Ça coûte 4,5 €. Vraiment ? Oui !",
        "Straße in Köln. Müller GmbH. Ärger!",
        "😀 Emoji sentence. 👍🏽 Another one! 🇰🇿 Flag.",
        "e\u{301}te\u{301}. Ne\u{301}xt\u{301}.",
        "\u{202e}Reversed text. \u{202c}Normal.",
        "Zero\u{200b}width. Joiner\u{200d}here.",
        "ʻOkina and ʼapostrophe. ǅungla.",
        "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ. ᎣᏏᏲ.",
        "አዲስ አበባ። ዋና ከተማ።",
        "Tiếng Việt có dấu. Được không?",
    ];
    for s in samples {
        let spans = assert_invariants("script sample", s);
        assert!(!spans.is_empty(), "no sentences for {s:?}");
    }
}

/// Runs `f` on another thread and fails if it takes longer than `limit`, so a quadratic case
/// fails instead of hanging the suite.
fn within<T: Send + 'static>(
    limit: Duration,
    label: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| {
        panic!("{label}: took longer than {limit:?}; is the scan still linear?")
    })
}

#[test]
fn two_megabytes_without_a_newline_finish_quickly() {
    let patterns = [
        "word ",
        "a. ",
        "U.S. ",
        "Mr. ",
        ". ",
        ".",
        "....",
        ". . . ",
        "… ",
        "1. ",
        "a) ",
        "• ",
        "⁃",
        "(",
        "\"",
        "A. ",
        "!?",
        "x",
        " ",
        "e.g.",
        "U.S.A",
        "$4.5 ",
        "Inc. The ",
        "- ",
        "\u{a0}",
        "東京。",
    ];
    for pattern in patterns {
        let label = format!("2 MB of {pattern:?}");
        let text = pattern.repeat(2_000_000 / pattern.len() + 1);
        let started = Instant::now();
        let (text, spans) = within(Duration::from_secs(60), &label, move || {
            let spans = split(&text);
            (text, spans)
        });
        let elapsed = started.elapsed();
        if let Err(e) = invariants(&text, &spans) {
            panic!("{label}: {e}");
        }
        assert!(
            elapsed < Duration::from_secs(30),
            "{label}: took {elapsed:?}"
        );
    }
}

#[test]
fn many_lines_finish_quickly() {
    // Many short lines, many repeats, many list items: the line pass must stay linear too.
    let block = "Share\nWorld\n- item\n1. first 2. second\nThe U.S. grew.\n\n7 NOV 2025 06:06\n";
    let text = block.repeat(2_000_000 / block.len());
    let (text, spans) = within(Duration::from_secs(60), "2 MB of short lines", move || {
        let spans = split(&text);
        (text, spans)
    });
    invariants(&text, &spans).unwrap();
}

#[test]
fn time_grows_linearly() {
    // Doubling the input must not quadruple the time (allowing generous noise).
    let unit =
        "The U.S. said Mr. Smith met Gen. A. B. Jones at 5 p.m. on Jan. 5... It was $4.5 billion! ";
    let small = unit.repeat(4_000);
    let large = unit.repeat(16_000);
    let time = |t: &str| {
        (0..5)
            .map(|_| {
                let s = Instant::now();
                std::hint::black_box(split(t));
                s.elapsed()
            })
            .min()
            .unwrap()
    };
    let (a, b) = (time(&small), time(&large));
    assert!(
        b < a * 12 + Duration::from_millis(50),
        "4x input took {b:?} vs {a:?}"
    );
}
