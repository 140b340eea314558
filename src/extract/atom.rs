//! The number pattern ([`super::number`]'s `ATOM`) matched by hand: the same matches and groups
//! as the regex, found without the backtracker.
//!
//! The regex (`atom_src` in number.rs, still the definition and the tests' reference) is an
//! optional currency prefix, one core (a "half a million", a fraction, digits, or a number in
//! words) and three optional suffixes (a scale word, a percent sign or word, a currency name).
//! Every suffix is optional, so once a core matches the match is made: the only choices are the
//! currency prefix (kept only when a core follows it) and, inside each part, the regex's
//! alternatives in its order. Each part below is a short sequence of tokens ([`T`]) tried
//! depth-first in the regex's order of preference, so the result is the regex's leftmost-first
//! match. Two facts keep that search small:
//! - every run of white space (`\s*`, `\s+`, `[\s-]+`) is followed by something that cannot start
//!   with white space, and every run of digits by something that cannot start with a digit, so
//!   the longest run is the only one that can succeed (no backtracking into runs);
//! - in the number in words, each word is followed by `[\s-]` or the final `\b`, both of which need
//!   the word to end at an ASCII word boundary, so the repeat never gives back a word it took.
//!
//! Case-insensitive letters fold as the pattern engine folds them (ASCII, plus KELVIN SIGN for
//! `k` and LONG S for `s`), and `\b` is the ASCII word boundary, as `(?-u:\b)` in the regex.

use super::pattern::{is_space_char, Captures, Regex, StartBits};

/// One token of a part of the pattern.
#[derive(Clone, Copy)]
enum T {
    /// Letters matched without case (ASCII lower case here), other bytes as they are.
    Ci(&'static str),
    /// Bytes matched exactly (`(?-i:…)` and symbols).
    Cs(&'static str),
    /// White space, at least `.0` chars and at most `.1`, as many as there are.
    Ws(u32, u32),
    /// `[\s-]`: at least `.0`, at most `.1`, as many as there are.
    Dash(u32, u32),
    /// Digits, at least `.0`, at most `.1`, as many as there are.
    Digits(u32, u32),
    /// The ASCII word boundary.
    B,
    /// `(?:…)?`, tried with first.
    Opt(&'static [T]),
    /// `…|…`, in order.
    Alt(&'static [&'static [T]]),
}

use T::{Alt, Ci, Cs, Dash, Digits, Opt, Ws, B};

const MANY: u32 = u32::MAX;

/// `(?:a|one|…)`-style alternatives of single words, without case.
macro_rules! words {
    ($($w:literal),* $(,)?) => {
        Alt(&[$(&[Ci($w)]),*])
    };
}

/// `CUR_PREFIX`.
static CUR: &[&[T]] = &[
    &[Ci("us$")],
    &[Ci("u.s."), Ws(0, 1), Cs("$")],
    &[Ci("a$")],
    &[Ci("au$")],
    &[Ci("c$")],
    &[Ci("ca$")],
    &[Ci("hk$")],
    &[Ci("nz$")],
    &[Ci("s$")],
    &[Ci("r$")],
    &[Cs("$")],
    &[Cs("€")],
    &[Cs("£")],
    &[Cs("¥")],
    &[Cs("₸")],
    &[Cs("₹")],
    &[Cs("₽")],
    &[Cs("₩")],
    &[Cs("₺")],
    &[CODES, Ws(0, 1)],
];

/// `(?-i:USD|EUR|…)`.
const CODES: T = Alt(&[
    &[Cs("USD")],
    &[Cs("EUR")],
    &[Cs("GBP")],
    &[Cs("JPY")],
    &[Cs("KZT")],
    &[Cs("CNY")],
    &[Cs("RMB")],
    &[Cs("RUB")],
    &[Cs("INR")],
    &[Cs("CHF")],
    &[Cs("AUD")],
    &[Cs("CAD")],
    &[Cs("AED")],
    &[Cs("SAR")],
    &[Cs("HKD")],
    &[Cs("SGD")],
    &[Cs("NZD")],
    &[Cs("BRL")],
    &[Cs("TRY")],
    &[Cs("KRW")],
]);

/// The group `halfw`: `half\s+an?\s+(?:million|billion|trillion|dozen)`.
static HALFW: &[T] = &[
    Ci("half"),
    Ws(1, MANY),
    Ci("a"),
    Opt(&[Ci("n")]),
    Ws(1, MANY),
    words!["million", "billion", "trillion", "dozen"],
];

/// The group `frac`: `FRACTION`.
static FRACTION: &[T] = &[Alt(&[
    &[
        words!["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
        Dash(1, MANY),
        Alt(&[
            &[Ci("halves")],
            &[Ci("half")],
            &[Ci("third"), Opt(&[Ci("s")])],
            &[Ci("quarter"), Opt(&[Ci("s")])],
            &[Ci("fifth"), Opt(&[Ci("s")])],
            &[Ci("sixth"), Opt(&[Ci("s")])],
            &[Ci("seventh"), Opt(&[Ci("s")])],
            &[Ci("eighth"), Opt(&[Ci("s")])],
            &[Ci("ninth"), Opt(&[Ci("s")])],
            &[Ci("tenth"), Opt(&[Ci("s")])],
        ]),
    ],
    &[Ci("half")],
    &[
        Alt(&[
            &[Ci("one")],
            &[Ci("two")],
            &[Ci("three")],
            &[Ci("four")],
            &[Ci("five")],
            &[Ci("six")],
            &[Ci("seven")],
            &[Ci("eight")],
            &[Ci("nine")],
            &[Digits(1, 2)],
        ]),
        Ws(1, MANY),
        Alt(&[&[Ci("in")], &[Ci("out"), Ws(1, MANY), Ci("of")]]),
        Ws(1, MANY),
        Opt(&[Ci("every"), Ws(1, MANY)]),
        Alt(&[
            &[Ci("two")],
            &[Ci("three")],
            &[Ci("four")],
            &[Ci("five")],
            &[Ci("six")],
            &[Ci("seven")],
            &[Ci("eight")],
            &[Ci("nine")],
            &[Ci("ten")],
            &[Ci("twenty")],
            &[Ci("hundred")],
            &[Digits(1, 3)],
        ]),
    ],
])];

/// The group `scale`.
static SCALE: &[T] = &[words![
    "thousand", "million", "billion", "trillion", "bn", "bln", "mn", "mln", "tn", "trn", "m", "k",
    "b"
]];

/// The group `pct` (each branch with the `\b` the regex puts inside it).
static PCT: &[T] = &[Alt(&[
    &[Cs("%")],
    &[Ci("percent"), B],
    &[Ci("per"), Ws(0, MANY), Ci("cent"), B],
    &[Ci("pct"), B],
    &[Ci("pc"), B],
    &[
        Ci("percentage"),
        Dash(1, 1),
        Ci("point"),
        Opt(&[Ci("s")]),
        B,
    ],
    &[Ci("basis"), Ws(1, MANY), Ci("point"), Opt(&[Ci("s")]), B],
    &[Ci("bps"), B],
])];

/// The group `curname`: `CUR_NAME`.
static CUR_NAME: &[T] = &[Alt(&[
    &[
        Opt(&[
            Alt(&[
                &[Ci("u.s.")],
                &[Ci("us")],
                &[Ci("american")],
                &[Ci("australian")],
                &[Ci("canadian")],
                &[Ci("hong"), Ws(1, MANY), Ci("kong")],
                &[Ci("singapore")],
                &[Ci("new"), Ws(1, MANY), Ci("zealand")],
                &[Ci("taiwan")],
            ]),
            Ws(1, MANY),
        ]),
        Ci("dollar"),
        Opt(&[Ci("s")]),
    ],
    &[Ci("euro"), Opt(&[Ci("s")])],
    &[
        Opt(&[Ci("british"), Ws(1, MANY)]),
        Ci("pound"),
        Opt(&[Ci("s")]),
        Opt(&[Ws(1, MANY), Ci("sterling")]),
    ],
    &[Ci("sterling")],
    &[Ci("yen")],
    &[Opt(&[Ci("chinese"), Ws(1, MANY)]), Ci("yuan")],
    &[Ci("renminbi")],
    &[Ci("tenge")],
    &[Ci("ruble"), Opt(&[Ci("s")])],
    &[Ci("rouble"), Opt(&[Ci("s")])],
    &[
        Opt(&[Ci("indian"), Ws(1, MANY)]),
        Ci("rupee"),
        Opt(&[Ci("s")]),
    ],
    &[
        Opt(&[Ci("swiss"), Ws(1, MANY)]),
        Ci("franc"),
        Opt(&[Ci("s")]),
    ],
    &[Ci("cent"), Opt(&[Ci("s")])],
    &[Ci("dirham"), Opt(&[Ci("s")])],
    &[Ci("riyal"), Opt(&[Ci("s")])],
    &[Ci("lira")],
    &[CODES],
])];

/// The words that open [`SCALE`], [`PCT`] (but `%`) and [`CUR_NAME`] (each branch's first word
/// with what may follow it before a boundary: "dollars", "u" of "u.s.", the codes in lower case).
static SCALE_FIRST: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "bln", "mn", "mln", "tn", "trn", "m", "k",
    "b",
];
static PCT_FIRST: &[&str] = &["percent", "per", "pct", "pc", "percentage", "basis", "bps"];
static CUR_NAME_FIRST: &[&str] = &[
    "u",
    "us",
    "american",
    "australian",
    "canadian",
    "hong",
    "singapore",
    "new",
    "taiwan",
    "dollar",
    "dollars",
    "euro",
    "euros",
    "british",
    "pound",
    "pounds",
    "sterling",
    "yen",
    "chinese",
    "yuan",
    "renminbi",
    "tenge",
    "ruble",
    "rubles",
    "rouble",
    "roubles",
    "indian",
    "rupee",
    "rupees",
    "swiss",
    "franc",
    "francs",
    "cent",
    "cents",
    "dirham",
    "dirhams",
    "riyal",
    "riyals",
    "lira",
    "usd",
    "eur",
    "gbp",
    "jpy",
    "kzt",
    "cny",
    "rmb",
    "rub",
    "inr",
    "chf",
    "aud",
    "cad",
    "aed",
    "sar",
    "hkd",
    "sgd",
    "nzd",
    "brl",
    "try",
    "krw",
];

/// `UNIT_WORDS` (number.rs), in order.
static UNIT: &[&str] = &[
    "zero",
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
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

/// `SCALE_WORDS` (number.rs), in order.
static SCALE_WORDS: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "dozen",
];

/// A word against a list ([`Hay::word_in`]).
enum Word {
    /// Not in the list.
    No,
    /// In the list, ending here (at a boundary).
    Is(usize),
    /// A non-ASCII char follows the ASCII letters: only the pattern can tell.
    Maybe,
}

/// The sentence being read.
struct Hay<'h> {
    s: &'h str,
    b: &'h [u8],
    /// Whether the sentence has a `$` (every currency prefix in letters but a code has one).
    dollar: bool,
}

/// Word bytes of `(?-u:\b)`.
#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Hay<'_> {
    /// `(?-u:\b)` at `p`.
    #[inline]
    fn boundary(&self, p: usize) -> bool {
        let before = p > 0 && is_word(self.b[p - 1]);
        let after = p < self.b.len() && is_word(self.b[p]);
        before != after
    }

    /// The end of the white space char at `p`, if there is one.
    #[inline]
    fn space(&self, p: usize) -> Option<usize> {
        let &c = self.b.get(p)?;
        if c < 0x80 {
            matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r').then_some(p + 1)
        } else {
            let ch = self.s[p..].chars().next()?;
            is_space_char(ch).then_some(p + ch.len_utf8())
        }
    }

    /// The end of `lit` at `p`, its letters matched without case.
    #[inline]
    fn ci(&self, mut p: usize, lit: &str) -> Option<usize> {
        for &l in lit.as_bytes() {
            let &c = self.b.get(p)?;
            if c.to_ascii_lowercase() == l {
                p += 1;
            } else if l == b's' && self.b[p..].starts_with("ſ".as_bytes()) {
                p += 2;
            } else if l == b'k' && self.b[p..].starts_with("\u{212A}".as_bytes()) {
                p += 3;
            } else {
                return None;
            }
        }
        Some(p)
    }

    /// The end of `lit` at `p`, matched exactly.
    #[inline]
    fn cs(&self, p: usize, lit: &str) -> Option<usize> {
        self.b[p..]
            .starts_with(lit.as_bytes())
            .then_some(p + lit.len())
    }

    /// The end of a run of `min..=max` chars at `p` for which `next` gives the char's end.
    #[inline]
    fn run(
        &self,
        mut p: usize,
        min: u32,
        max: u32,
        next: impl Fn(usize) -> Option<usize>,
    ) -> Option<usize> {
        let mut n = 0;
        while n < max {
            match next(p) {
                Some(q) => p = q,
                None => break,
            }
            n += 1;
        }
        (n >= min).then_some(p)
    }

    fn dash(&self, p: usize) -> Option<usize> {
        if self.b.get(p) == Some(&b'-') {
            Some(p + 1)
        } else {
            self.space(p)
        }
    }

    fn digit(&self, p: usize) -> Option<usize> {
        self.b
            .get(p)
            .is_some_and(u8::is_ascii_digit)
            .then_some(p + 1)
    }

    /// Matches `toks` at `p`, then `k` from where they end: the first success in the regex's
    /// order of preference.
    fn seq(
        &self,
        p: usize,
        toks: &[T],
        k: &mut dyn FnMut(usize) -> Option<usize>,
    ) -> Option<usize> {
        let Some((t, rest)) = toks.split_first() else {
            return k(p);
        };
        let q = match *t {
            Ci(l) => self.ci(p, l),
            Cs(l) => self.cs(p, l),
            Ws(min, max) => self.run(p, min, max, |p| self.space(p)),
            Dash(min, max) => self.run(p, min, max, |p| self.dash(p)),
            Digits(min, max) => self.run(p, min, max, |p| self.digit(p)),
            B => self.boundary(p).then_some(p),
            Opt(inner) => {
                return self
                    .may_begin(p, inner)
                    .then(|| self.seq(p, inner, &mut |q| self.seq(q, rest, k)))
                    .flatten()
                    .or_else(|| self.seq(p, rest, k));
            }
            Alt(branches) => {
                return branches
                    .iter()
                    .filter(|b| self.may_begin(p, b))
                    .find_map(|b| self.seq(p, b, &mut |q| self.seq(q, rest, k)));
            }
        };
        self.seq(q?, rest, k)
    }

    /// Whether `toks` may match at `p`, by its first byte (false only when they cannot): most
    /// branches fail here, without a call.
    #[inline]
    fn may_begin(&self, p: usize, toks: &[T]) -> bool {
        let c = self.b.get(p).copied();
        match toks.first() {
            Some(Ci(l)) => c.is_some_and(|c| {
                let l = l.as_bytes()[0];
                c.to_ascii_lowercase() == l || (c == 0xC5 && l == b's') || (c == 0xE2 && l == b'k')
            }),
            Some(Cs(l)) => c == Some(l.as_bytes()[0]),
            Some(Digits(min, _)) => *min == 0 || c.is_some_and(|c| c.is_ascii_digit()),
            Some(Ws(min, _)) => {
                *min == 0 || c.is_some_and(|c| c.is_ascii_whitespace() || c == 0x0B || c >= 0x80)
            }
            Some(Dash(min, _)) => {
                *min == 0
                    || c.is_some_and(|c| {
                        c == b'-' || c.is_ascii_whitespace() || c == 0x0B || c >= 0x80
                    })
            }
            _ => true,
        }
    }

    /// Whether the word at `p` may open a part whose opening words are `firsts` (lower case): its
    /// ASCII word run must be one of them, unless a non-ASCII char follows the run (a LONG S or
    /// KELVIN SIGN may fold into a word: then the part is tried).
    #[inline]
    fn opens(&self, p: usize, firsts: &[&str]) -> bool {
        !matches!(self.word_in(p, firsts), Word::No)
    }

    /// The ASCII word run at `p` against `list` (lower case).
    #[inline]
    fn word_in(&self, p: usize, list: &[&str]) -> Word {
        let b = self.b;
        let n = b[p.min(b.len())..]
            .iter()
            .take_while(|&&c| is_word(c))
            .count();
        if b.get(p + n).is_some_and(|&c| c >= 0x80) {
            return Word::Maybe;
        }
        if n == 0 || n > 12 {
            return Word::No;
        }
        let mut w = [0u8; 12];
        for (d, s) in w.iter_mut().zip(&b[p..p + n]) {
            *d = s.to_ascii_lowercase();
        }
        let w = &w[..n];
        // Length and first letter first: most words fail there, without a call to compare.
        if list
            .iter()
            .any(|f| f.len() == n && f.as_bytes()[0] == w[0] && f.as_bytes() == w)
        {
            Word::Is(p + n)
        } else {
            Word::No
        }
    }

    /// Where `toks` alone first match at `p`.
    fn part(&self, p: usize, toks: &[T]) -> Option<usize> {
        self.seq(p, toks, &mut Some)
    }

    /// Where `toks` and then `\b` first match at `p`.
    fn part_b(&self, p: usize, toks: &[T]) -> Option<usize> {
        self.seq(p, toks, &mut |q| self.boundary(q).then_some(q))
    }

    /// The end of a word of `list` at `p` that ends at a word boundary.
    fn word_of(&self, p: usize, list: &[&str]) -> Option<usize> {
        let first = self.b.get(p)?.to_ascii_lowercase();
        list.iter()
            .filter(|w| w.as_bytes()[0] == first || matches!(first, 0xC5 | 0xE2))
            .find_map(|w| self.ci(p, w).filter(|&q| self.boundary(q)))
    }

    /// The group `words`: `WORDS` followed by `\b`, as the regex's greedy repeat takes it.
    fn words(&self, p: usize) -> Option<usize> {
        // First part: `(?:a|one)\s+(?:SCALE)`, `half\s+an?\s+(?:million|…)`, or a unit word.
        let mut e = ["a", "one"]
            .iter()
            .find_map(|w| {
                let q = self.ci(p, w)?;
                let q = self.run(q, 1, MANY, |p| self.space(p))?;
                self.word_of(q, SCALE_WORDS)
            })
            .or_else(|| self.part_b(p, HALFW))
            .or_else(|| self.word_of(p, UNIT))?;
        // Then `(?:[\s-]+(?:and\s+)?(?:UNIT|SCALE|a\s+half))*`, each word ending at a boundary.
        loop {
            let Some(q) = self.run(e, 1, MANY, |p| self.dash(p)) else {
                return Some(e);
            };
            let and = self
                .ci(q, "and")
                .and_then(|a| self.run(a, 1, MANY, |p| self.space(p)));
            let next = and.into_iter().chain([q]).find_map(|q| {
                self.word_of(q, UNIT)
                    .or_else(|| self.word_of(q, SCALE_WORDS))
                    .or_else(|| {
                        let a = self.ci(q, "a")?;
                        let h = self.run(a, 1, MANY, |p| self.space(p))?;
                        self.ci(h, "half").filter(|&e| self.boundary(e))
                    })
            });
            match next {
                Some(n) => e = n,
                None => return Some(e),
            }
        }
    }

    /// The group `num`: `[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+`.
    fn num(&self, p: usize) -> Option<usize> {
        let b = self.b;
        let digits = |p: usize| p + b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        let decimals = |p: usize| {
            if b.get(p) == Some(&b'.') && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
                digits(p + 1)
            } else {
                p
            }
        };
        match b.get(p)? {
            b'0'..=b'9' => {
                let d = digits(p);
                let group = |q: usize| {
                    (b.get(q) == Some(&b',')
                        && b.len() >= q + 4
                        && b[q + 1..q + 4].iter().all(u8::is_ascii_digit))
                    .then_some(q + 4)
                };
                if d - p <= 3 && group(d).is_some() {
                    let mut e = d;
                    while let Some(n) = group(e) {
                        e = n;
                    }
                    Some(decimals(e))
                } else {
                    Some(decimals(d))
                }
            }
            b'.' if b.get(p + 1).is_some_and(u8::is_ascii_digit) => Some(digits(p + 1)),
            _ => None,
        }
    }

    /// The core at `p`: which group (`halfw`, `frac`, `num`, `words`: 2 to 5) and its end.
    fn core(&self, p: usize) -> Option<(usize, usize)> {
        let c = *self.b.get(p)?;
        if c.is_ascii_digit() {
            // `frac` before `num`: "1 in 5" (one or two digits, then white space).
            let d = self.run(p, 1, 3, |p| self.digit(p))?;
            if d - p <= 2
                && self.boundary(p)
                && self
                    .run(d, 1, MANY, |p| self.space(p))
                    .is_some_and(|w| self.opens(w, &["in", "out"]))
            {
                if let Some(e) = self.part_b(p, FRACTION) {
                    return Some((3, e));
                }
            }
            return self.num(p).map(|e| (4, e));
        }
        if c == b'.' {
            return self.num(p).map(|e| (4, e));
        }
        if !self.may_start_words(p) {
            return None;
        }
        if let Some(e) = self.part_b(p, HALFW) {
            return Some((2, e));
        }
        if let Some(e) = self.part_b(p, FRACTION) {
            return Some((3, e));
        }
        self.words(p).map(|e| (5, e))
    }

    /// Whether a core in words (`halfw`, `frac` or `words`) may start at `p`: at a word boundary,
    /// with a word that can open one. Each of them opens with a word followed by white space,
    /// `-` or a boundary, so when the word is plain ASCII (no LONG S or KELVIN SIGN that could
    /// fold into it), it must be one of these words exactly.
    fn may_start_words(&self, p: usize) -> bool {
        let b = self.b;
        if !self.boundary(p) {
            return false;
        }
        match b[p].to_ascii_lowercase() {
            0xC5 => return true,
            b'a' | b'h' | b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n' => {}
            _ => return false,
        }
        let end = p + b[p..].iter().take_while(|&&c| is_word(c)).count();
        if b.get(end).is_some_and(|&c| c >= 0x80) || end - p > 9 {
            // A fold may follow (checked the long way), or no opening word is that long.
            return b.get(end).is_some_and(|&c| c >= 0x80);
        }
        let mut w = [0u8; 9];
        for (d, s) in w.iter_mut().zip(&b[p..end]) {
            *d = s.to_ascii_lowercase();
        }
        matches!(
            &w[..end - p],
            b"a" | b"half"
                | b"zero"
                | b"one"
                | b"two"
                | b"three"
                | b"four"
                | b"five"
                | b"six"
                | b"seven"
                | b"eight"
                | b"nine"
                | b"ten"
                | b"eleven"
                | b"twelve"
                | b"thirteen"
                | b"fourteen"
                | b"fifteen"
                | b"sixteen"
                | b"seventeen"
                | b"eighteen"
                | b"nineteen"
                | b"twenty"
                | b"thirty"
                | b"forty"
                | b"fifty"
                | b"sixty"
                | b"seventy"
                | b"eighty"
                | b"ninety"
        )
    }

    /// Whether a currency prefix may start at `p`: a symbol, a letter with `$` or `.` close after
    /// it ("US$", "HK$", "U.S. $"), or three capitals (a code).
    fn may_start_cur(&self, p: usize) -> bool {
        let b = self.b;
        match b[p] {
            b'$' | 0xC2 | 0xC5 | 0xE2 => true,
            c if c.is_ascii_alphabetic() => {
                let near = &b[p + 1..b.len().min(p + 9)];
                (self.dollar && near.contains(&b'$'))
                    || (c.is_ascii_uppercase()
                        && near.len() >= 2
                        && near[0].is_ascii_uppercase()
                        && near[1].is_ascii_uppercase())
            }
            _ => false,
        }
    }

    /// The match starting at `p`, as slots of the regex's groups.
    fn at(&self, p: usize, slots: &mut [usize; SLOTS]) -> bool {
        *slots = [NONE; SLOTS];
        let mut core = None;
        let cur = if self.may_start_cur(p) {
            self.seq(p, &[Alt(CUR)], &mut |q| {
                core = self.core(q);
                core.map(|_| q)
            })
        } else {
            None
        };
        match cur {
            Some(q) => {
                slots[2] = p;
                slots[3] = q;
            }
            None => core = self.core(p),
        }
        let Some((group, core_end)) = core else {
            return false;
        };
        slots[2 * group] = if cur.is_some() { slots[3] } else { p };
        slots[2 * group + 1] = core_end;
        let mut e = core_end;
        // `(?:(?P<sp>\s*)(?P<scale>…)\b)?`
        let sp = self.run(e, 0, MANY, |p| self.space(p)).unwrap_or(e);
        // (Each scale word is a whole branch, so a plain ASCII word in the list is the match.)
        let scale = match self.word_in(sp, SCALE_FIRST) {
            Word::No => None,
            Word::Is(end) => Some(end),
            Word::Maybe => self.part_b(sp, SCALE),
        };
        if let Some(s) = scale {
            slots[12] = e;
            slots[13] = sp;
            slots[14] = sp;
            slots[15] = s;
            e = s;
        }
        // `(?:\s*(?P<pct>…))?`
        let at = self.run(e, 0, MANY, |p| self.space(p)).unwrap_or(e);
        if let Some(q) = (self.b.get(at) == Some(&b'%') || self.opens(at, PCT_FIRST))
            .then(|| self.part(at, PCT))
            .flatten()
        {
            slots[16] = at;
            slots[17] = q;
            e = q;
        }
        // `(?:\s+(?P<curname>…)\b)?`
        if let Some(at) = self.run(e, 1, MANY, |p| self.space(p)) {
            if let Some(q) = self
                .opens(at, CUR_NAME_FIRST)
                .then(|| self.part_b(at, CUR_NAME))
                .flatten()
            {
                slots[18] = at;
                slots[19] = q;
                e = q;
            }
        }
        slots[0] = p;
        slots[1] = e;
        true
    }

    /// Whether a match can start at `p` (a cheap test before [`Hay::at`]).
    #[inline]
    fn may_start(&self, p: usize) -> bool {
        match self.b[p] {
            b'0'..=b'9' | b'$' | 0xC2 | 0xC5 | 0xE2 => true,
            b'.' => self.b.get(p + 1).is_some_and(u8::is_ascii_digit),
            b'a'..=b'z' | b'A'..=b'Z' => {
                if p > 0 && is_word(self.b[p - 1]) {
                    // Inside a word only a currency prefix can start ("XUSD 5").
                    self.may_start_cur(p)
                } else {
                    self.may_start_words(p) || self.may_start_cur(p)
                }
            }
            _ => false,
        }
    }
}

const NONE: usize = usize::MAX;
/// Ten groups: the whole match, cur, halfw, frac, num, words, sp, scale, pct, curname.
const SLOTS: usize = 20;

/// The regex's groups by number (what `Captures::get` takes; the names cost a search each).
pub(super) mod group {
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

/// The regex's group names, in the order of [`SLOTS`] and [`group`].
#[cfg(test)]
const NAMES: [&str; 9] = [
    "cur", "halfw", "frac", "num", "words", "sp", "scale", "pct", "curname",
];

/// Successive non-overlapping matches of `ATOM` in `sent`, as its `captures_iter` gives them;
/// `re` is the compiled `ATOM`: its start DFA finds where matches start (reading the sentence
/// once), and its group names name the slots.
pub(super) fn captures_iter<'r, 'h>(
    re: &'r Regex,
    sent: &'h str,
) -> impl Iterator<Item = Captures<'r, 'h>> {
    captures_from(re, sent, re.starts(sent))
}

/// [`captures_iter`] with the starts given (`None`: every position that [`Hay::may_start`]
/// lets through is tried, in order).
fn captures_from<'r, 'h>(
    re: &'r Regex,
    sent: &'h str,
    starts: Option<StartBits>,
) -> impl Iterator<Item = Captures<'r, 'h>> {
    let hay = Hay {
        s: sent,
        b: sent.as_bytes(),
        dollar: sent.contains('$'),
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut slots = [NONE; SLOTS];
        loop {
            let p = match &starts {
                Some(s) => s.next(at)?,
                None if at < hay.b.len() => at,
                None => return None,
            };
            at = p + 1;
            if starts.is_none() && (hay.b[p] & 0xC0 == 0x80 || !hay.may_start(p)) {
                continue;
            }
            if hay.at(p, &mut slots) {
                at = slots[1];
                return Some(Captures::from_slots(re, sent, &slots));
            }
            // A start the DFA marks is a match: not reached (the tests compare with the regex).
            debug_assert!(
                starts.is_none(),
                "no match at a start the DFA marks: {sent:?} {p}"
            );
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each match's groups, as spans.
    fn groups(
        it: impl Iterator<Item = Captures<'static, 'static>>,
    ) -> Vec<Vec<Option<(usize, usize)>>> {
        it.map(|c| {
            (0..10)
                .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                .collect()
        })
        .collect()
    }

    fn atom() -> &'static Regex {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| Regex::new(&super::super::number::atom_src()).unwrap())
    }

    /// Compares the scanner with the regex on `text`.
    fn agree(text: &str) {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let want = groups(atom().captures_iter(text));
        // With the DFA's starts (waiting for it: the tests run in threads that share it), and
        // trying each position.
        let starts = loop {
            if let Some(s) = atom().starts(text) {
                break s;
            }
            std::thread::yield_now();
        };
        let got = groups(captures_from(atom(), text, Some(starts)));
        assert_eq!(got, want, "with the DFA's starts, on {text:?}");
        let got = groups(captures_from(atom(), text, None));
        assert_eq!(got, want, "trying each position, on {text:?}");
    }

    /// The pieces the random texts are made of: every word and symbol of the pattern, numbers,
    /// separators, and things that look close.
    const PIECES: &[&str] = &[
        "0",
        "1",
        "5",
        "12",
        "123",
        "1234",
        "12345",
        "1,234",
        "1,234,567",
        "12,34",
        "1,2345",
        "3.5",
        "0.25",
        ".5",
        "1.",
        "4.5.6",
        "07",
        "2025",
        "$",
        "US$",
        "us$",
        "U.S.",
        "U.S. $",
        "U.S.$",
        "U.S.\u{a0}$",
        "U.ſ.\u{2009}$",
        "uſ$",
        "h\u{212A}$",
        "A$",
        "AU$",
        "C$",
        "CA$",
        "HK$",
        "NZ$",
        "S$",
        "R$",
        "€",
        "£",
        "¥",
        "₸",
        "₹",
        "₽",
        "₩",
        "₺",
        "USD",
        "usd",
        "EUR",
        "GBP",
        "KZT",
        "CHF",
        "AUD",
        "XUSD",
        "half",
        "Half",
        "a",
        "an",
        "A",
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
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "zero",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "and",
        "And",
        "halves",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "fifth",
        "fifths",
        "tenth",
        "tenths",
        "in",
        "out",
        "of",
        "every",
        "bn",
        "bln",
        "mn",
        "mln",
        "tn",
        "trn",
        "m",
        "k",
        "b",
        "K",
        "%",
        "percent",
        "per",
        "cent",
        "per cent",
        "pct",
        "pc",
        "percentage",
        "points",
        "point",
        "percentage-points",
        "basis",
        "bps",
        "dollar",
        "dollars",
        "US",
        "us",
        "American",
        "Australian",
        "Canadian",
        "Hong Kong",
        "Singapore",
        "New  Zealand",
        "Taiwan",
        "euro",
        "euros",
        "British",
        "pound",
        "pounds",
        "sterling",
        "yen",
        "Chinese",
        "yuan",
        "renminbi",
        "tenge",
        "ruble",
        "rubles",
        "rouble",
        "Indian",
        "rupee",
        "rupees",
        "Swiss",
        "franc",
        "francs",
        "cents",
        "dirhams",
        "riyal",
        "lira",
        "people",
        "the",
        "said",
        "seventh",
        "sevenths",
        "s",
        "ſ",
        "ſix",
        "thouſand",
        "\u{212A}",
        "HK",
        "x",
        "_",
        "9am",
        "km",
        "30km",
        "tenfold",
        "twentyish",
        "Ten",
        "SEVEN",
        "One",
        "centre",
        "percentages",
        "éclair",
        "日本",
        "🙂",
        "Zealand",
        "Kong",
        "every-",
        "--",
        "(",
        ")",
        "'",
        "\"",
        "“",
    ];
    const SEPARATORS: &[&str] = &[
        " ", " ", " ", "", "-", " - ", "  ", "\t", "\n", "\u{a0}", "\u{2009}", ",", ", ", ".", "-",
        "_", "/", "\u{3000}",
    ];

    #[test]
    fn scanner_agrees_with_the_regex_on_random_texts() {
        // xorshift, seeded: the same texts every run.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for _ in 0..30_000 {
            let mut text = String::new();
            for _ in 0..1 + next(14) {
                let piece = PIECES[next(PIECES.len())];
                // Some pieces in upper case or with a capital.
                match next(8) {
                    0 => text.push_str(&piece.to_uppercase()),
                    1 => {
                        let mut c = piece.chars();
                        if let Some(f) = c.next() {
                            text.extend(f.to_uppercase());
                            text.push_str(c.as_str());
                        }
                    }
                    _ => text.push_str(piece),
                }
                text.push_str(SEPARATORS[next(SEPARATORS.len())]);
            }
            agree(&text);
        }
    }

    #[test]
    fn scanner_agrees_with_the_regex_on_the_case_texts() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for line in text.lines() {
                agree(line);
                n += 1;
            }
        }
        assert!(n > 1000, "read {n} lines of {}", dir.display());
    }

    #[test]
    fn slots_follow_the_regex_groups() {
        let re = Regex::new(&super::super::number::atom_src()).unwrap();
        let names: Vec<_> = re.capture_names().skip(1).collect();
        assert_eq!(names, NAMES.map(Some).to_vec());
        let numbered = [
            group::CUR,
            group::HALFW,
            group::FRAC,
            group::NUM,
            group::WORDS,
            group::SP,
            group::SCALE,
            group::PCT,
            group::CURNAME,
        ];
        assert_eq!(numbered, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
}
