//! Which of five patterns a sentence can match at all, from one pass over its bytes, so that a
//! sentence without the words they need is not searched: the ordinals ("50th", "second",
//! "largest", "No. 1"), the durations ("30 years"), the multiples ("doubled") and the phone
//! numbers. Each of the first three matches only with one of a few whole words; a phone number
//! has ten digits, or a "+" and a digit. In the benchmark's news, a duration is in 8% of the
//! sentences, an ordinal in 11%, and a multiple or a phone number in none: the four searches
//! were about a tenth of the extract stage. The dates ("in 2020", "last year", "Thursday") need a
//! digit or one of the words of a date without one (a month, a weekday, "year", "month", "week",
//! "yesterday", "tomorrow"); not searching the others for dates saves 0.55% of the bench text's
//! instructions.
//!
//! A gate only says "maybe": the pattern decides. Each gate is a necessary condition of its
//! pattern (`gates_hold_every_match` holds them to the patterns on the test texts and on
//! strings built around every gate word):
//! - A word here is a maximal run of ASCII word bytes (`[0-9A-Za-z_]`), the patterns' `(?-u:\b)`
//!   word; each of the three word-led patterns begins and ends its words at such boundaries.
//! - The patterns match case-insensitively, and the pattern engine folds two chars outside ASCII
//!   to ASCII letters (KELVIN SIGN to "k", LONG S to "s"): a sentence with either opens every gate.

use super::WordSet;
use std::sync::LazyLock;

/// The words that open a gate, with the gates they open.
const WORDS: [(&str, u8); 72] = [
    // ORDINALS: an ordinal word, or a superlative.
    ("first", ORDINAL),
    ("second", ORDINAL),
    ("third", ORDINAL),
    ("fourth", ORDINAL),
    ("fifth", ORDINAL),
    ("sixth", ORDINAL),
    ("seventh", ORDINAL),
    ("eighth", ORDINAL),
    ("ninth", ORDINAL),
    ("tenth", ORDINAL),
    ("eleventh", ORDINAL),
    ("twelfth", ORDINAL),
    ("thirteenth", ORDINAL),
    ("fourteenth", ORDINAL),
    ("fifteenth", ORDINAL),
    ("sixteenth", ORDINAL),
    ("seventeenth", ORDINAL),
    ("eighteenth", ORDINAL),
    ("nineteenth", ORDINAL),
    ("twentieth", ORDINAL),
    ("thirtieth", ORDINAL),
    ("fortieth", ORDINAL),
    ("fiftieth", ORDINAL),
    ("hundredth", ORDINAL),
    ("largest", ORDINAL),
    ("biggest", ORDINAL),
    ("smallest", ORDINAL),
    ("lowest", ORDINAL),
    // DURATIONS: the unit.
    ("decade", DURATION),
    ("decades", DURATION),
    ("year", DURATION | DATE),
    ("years", DURATION),
    ("month", DURATION | DATE),
    ("months", DURATION),
    ("week", DURATION | DATE),
    ("weeks", DURATION),
    ("day", DURATION),
    ("days", DURATION),
    ("hour", DURATION),
    ("hours", DURATION),
    ("minute", DURATION),
    ("minutes", DURATION),
    ("century", DURATION),
    ("centuries", DURATION),
    // DATES without a digit: a month (alone), a weekday, a day or period relative to today
    // ("year", "month" and "week" are above).
    ("january", DATE),
    ("february", DATE),
    ("march", DATE),
    ("april", DATE),
    ("may", DATE),
    ("june", DATE),
    ("july", DATE),
    ("august", DATE),
    ("september", DATE),
    ("october", DATE),
    ("november", DATE),
    ("december", DATE),
    ("monday", DATE),
    ("tuesday", DATE),
    ("wednesday", DATE),
    ("thursday", DATE),
    ("friday", DATE),
    ("saturday", DATE),
    ("sunday", DATE),
    ("yesterday", DATE),
    ("tomorrow", DATE),
    // MULTIPLES.
    ("doubled", MULTIPLE),
    ("doubling", MULTIPLE),
    ("tripled", MULTIPLE),
    ("tripling", MULTIPLE),
    ("trebled", MULTIPLE),
    ("quadrupled", MULTIPLE),
    ("halved", MULTIPLE),
];

const ORDINAL: u8 = 1;
const DURATION: u8 = 2;
const MULTIPLE: u8 = 4;
const PHONE: u8 = 8;
const DATE: u8 = 16;
const ALL: u8 = ORDINAL | DURATION | MULTIPLE | PHONE | DATE;

/// The longest word in the lists, in bytes ("seventeenth").
const LONGEST: usize = 11;

/// Every gate word, in one set; and, as a quick first test, per length and first letter the
/// last letters of the words (bit `c - b'a'`).
static SET: LazyLock<(WordSet, [[u32; 26]; LONGEST + 1])> = LazyLock::new(|| {
    let mut ends = [[0u32; 26]; LONGEST + 1];
    for (w, _) in WORDS {
        let b = w.as_bytes();
        ends[b.len()][(b[0] - b'a') as usize] |= 1 << (b[b.len() - 1] - b'a');
    }
    (WordSet::new(&WORDS.map(|(w, _)| w)), ends)
});

/// The gates of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gates(u8);

impl Gates {
    /// The gates of `sent`.
    pub(crate) fn of(sent: &str) -> Gates {
        let b = sent.as_bytes();
        let (set, ends) = &*SET;
        let mut open = 0u8;
        let mut digits = 0usize;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if !is_word_byte(c) {
                match c {
                    b'+' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => open |= PHONE,
                    // LONG S (U+017F) and KELVIN SIGN (U+212A): see the module's note.
                    0xC5 if b.get(i + 1) == Some(&0xBF) => return Gates(ALL),
                    0xE2 if b.get(i + 1..i + 3) == Some(&[0x84, 0xAA][..]) => return Gates(ALL),
                    _ => {}
                }
                i += 1;
                continue;
            }
            let start = i;
            while let Some(&k) = b.get(i).map(|&c| &BYTE_CLASS[c as usize]) {
                if k == 0 {
                    break;
                }
                digits += usize::from(k == DIGIT);
                i += 1;
            }
            let word = &b[start..i];
            if word[0].is_ascii_digit() {
                // "50th": digits, then st, nd, rd or th.
                let n = word.len();
                if n >= 3 && word[..n - 2].iter().all(u8::is_ascii_digit) {
                    let suffix = [word[n - 2] | 0x20, word[n - 1] | 0x20];
                    if matches!(&suffix, b"st" | b"nd" | b"rd" | b"th") {
                        open |= ORDINAL;
                    }
                }
            } else if word == b"No" && b.get(i) == Some(&b'.') {
                // "No. 1" (only so written).
                open |= ORDINAL;
            } else if (3..=LONGEST).contains(&word.len())
                && ends[word.len()]
                    .get((word[0] | 0x20).wrapping_sub(b'a') as usize)
                    .is_some_and(|e| {
                        e >> ((word[word.len() - 1] | 0x20).wrapping_sub(b'a') & 31) & 1 == 1
                    })
            {
                let mut lower = [0u8; LONGEST];
                let lower = &mut lower[..word.len()];
                lower.copy_from_slice(word);
                lower.make_ascii_lowercase();
                // ASCII word bytes: always a str.
                if let Some(k) = std::str::from_utf8(lower).ok().and_then(|w| set.find(w)) {
                    open |= WORDS[k].1;
                }
            }
        }
        if digits >= 10 {
            open |= PHONE;
        }
        if digits > 0 {
            open |= DATE;
        }
        Gates(open)
    }

    /// Whether the sentence may hold an ordinal or rank (ORDINALS).
    pub(crate) fn ordinals(self) -> bool {
        self.0 & ORDINAL != 0
    }

    /// Whether it may hold a duration (DURATIONS).
    pub(crate) fn durations(self) -> bool {
        self.0 & DURATION != 0
    }

    /// Whether it may hold a multiple (MULTIPLES).
    pub(crate) fn multiples(self) -> bool {
        self.0 & MULTIPLE != 0
    }

    /// Whether it may hold a date (DATES): a digit, or a word of a date without one.
    pub(crate) fn dates(self) -> bool {
        self.0 & DATE != 0
    }

    /// Whether it may hold a phone number (PHONE).
    pub(crate) fn phone(self) -> bool {
        self.0 & PHONE != 0
    }
}

/// An ASCII word byte: what `(?-u:\b)` separates from the rest.
fn is_word_byte(b: u8) -> bool {
    BYTE_CLASS[b as usize] != 0
}

/// [`BYTE_CLASS`] of an ASCII digit; a word byte that is not a digit is 1, any other byte 0.
const DIGIT: u8 = 2;

/// Per byte: 0, 1 (a word byte), or [`DIGIT`].
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_digit() {
            t[b] = DIGIT;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            t[b] = 1;
        }
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pattern::Regex;

    /// A pattern's name, the pattern, and its gate.
    type Gated = (&'static str, Regex, fn(Gates) -> bool);

    /// The four patterns, compiled from their sources, with the gate of each.
    fn gated() -> Vec<Gated> {
        let sources = crate::extract::pattern_sources();
        let get = |name: &str| {
            let src = &sources.iter().find(|(n, _)| *n == name).expect(name).1;
            Regex::new(src).expect("the pattern compiles")
        };
        vec![
            (
                "ORDINALS",
                get("ORDINALS"),
                Gates::ordinals as fn(Gates) -> bool,
            ),
            ("DURATIONS", get("DURATIONS"), Gates::durations),
            ("MULTIPLES", get("MULTIPLES"), Gates::multiples),
            ("PHONE", get("PHONE"), Gates::phone),
            ("DATES", get("DATES"), Gates::dates),
        ]
    }

    /// Every gate is open wherever its pattern matches: on each sentence of the case texts, the
    /// corpus, the dev set and the fuzz inputs (when there), on twelve phone numbers, and on
    /// 100,000 strings made of the pieces that decide the gates (each gate word in several cases, digits with and without a suffix,
    /// "No.", "+", the two chars that fold to ASCII letters, word bytes glued on either side).
    /// And the gates close: on most of those strings at least one is shut.
    #[test]
    fn gates_hold_every_match() {
        let patterns = gated();
        let mut matched = [0usize; 5];
        let mut closed = [0usize; 5];
        let mut check = |t: &str| {
            let g = Gates::of(t);
            for (k, (name, re, open)) in patterns.iter().enumerate() {
                if re.is_match(t) {
                    assert!(open(g), "{name} matches {t:?} but its gate is shut");
                    matched[k] += 1;
                } else if !open(g) {
                    closed[k] += 1;
                }
            }
        };
        for text in crate::extract::test_texts() {
            check(&text);
            for s in crate::segment::split(&text) {
                check(&text[s.start..s.end]);
            }
        }
        let mut pieces: Vec<String> = Vec::new();
        for (w, _) in WORDS {
            pieces.push(w.to_string());
            pieces.push(w.to_uppercase());
            let mut title = w.to_string();
            title[..1].make_ascii_uppercase();
            pieces.push(title);
        }
        for p in [
            " ",
            "  ",
            "-",
            "\u{a0}",
            "_",
            "x",
            "1",
            "12",
            "555",
            "0143",
            "2,000",
            "3.5",
            "st",
            "ND",
            "rd",
            "Th",
            "No",
            "no",
            ".",
            "+",
            "(",
            ")",
            "a",
            "an",
            "two",
            "thirty",
            "old",
            "ago",
            "ſ",
            "\u{212a}",
            "wee\u{212a}s",
            "fir\u{17f}t",
            "é",
            "’",
        ] {
            pieces.push(p.to_string());
        }
        // Phone numbers as written, so that the phone pattern's count does not rest on the
        // random strings alone (rarely one).
        for t in [
            "Call +1 202 555 0143 now.",
            "+44 20 7946 0958",
            "Phone: 202-555-0143",
            "(202) 555-0143",
            "202 555 0143",
            "1-800-555-0199",
            "+7 727 258 0000",
            "+49 30 1234567",
            "0800 555 0143",
            "+1 (202) 555-0143",
            "+33 1 42 68 53 00",
            "tel. +971 4 123 4567",
        ] {
            check(t);
        }
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        for _ in 0..100_000 {
            let mut t = String::new();
            for _ in 0..next() % 8 + 1 {
                t.push_str(&pieces[next() as usize % pieces.len()]);
            }
            check(&t);
        }
        // Each gate word, in a sentence its pattern matches, opens its gate.
        for (w, gates) in WORDS {
            for g in [ORDINAL, DURATION, MULTIPLE, DATE]
                .into_iter()
                .filter(|g| gates & g != 0)
            {
                let t = match g {
                    DURATION => format!("for 3 {w} now"),
                    DATE => format!("it was last {w} then"),
                    _ => format!("it was {w} then"),
                };
                let (name, re, open) = &patterns[g.trailing_zeros() as usize];
                assert!(re.is_match(&t), "{name} does not match {t:?}");
                assert!(open(Gates::of(&t)), "{t:?} leaves {name}'s gate shut");
            }
        }
        for (k, (name, ..)) in patterns.iter().enumerate() {
            assert!(matched[k] > 10, "{name} matched {} strings", matched[k]);
            assert!(closed[k] > 10_000, "{name}'s gate shut {} times", closed[k]);
        }
    }

    #[test]
    fn byte_classes_are_word_bytes_and_digits() {
        for b in 0..=255u8 {
            let want = if b.is_ascii_digit() {
                DIGIT
            } else {
                u8::from(b.is_ascii_alphanumeric() || b == b'_')
            };
            assert_eq!(BYTE_CLASS[b as usize], want, "byte {b}");
        }
    }

    #[test]
    fn gates_of_examples() {
        let g = Gates::of("Exports doubled in the first quarter, the 3rd rise in 30 years.");
        assert!(g.multiples() && g.ordinals() && g.durations() && !g.phone());
        let g = Gates::of("Call +7 727 555 0143.");
        assert!(g.phone() && !g.ordinals() && !g.durations() && !g.multiples());
        assert!(Gates::of("Dial 202-555-0143 today").phone());
        assert!(!Gates::of("In 2024, 600 companies invested $4.5 billion.").phone());
        assert!(Gates::of("It is No. 1 here").ordinals());
        assert!(!Gates::of("No, it is not").ordinals());
        assert!(!Gates::of("the 21st_ century and 3rds").ordinals());
        assert_eq!(Gates::of("ſ"), Gates(ALL));
        assert_eq!(Gates::of("\u{212a}"), Gates(ALL));
    }
}
