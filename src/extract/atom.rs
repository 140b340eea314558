//! A hand-written matcher for the number pattern (`number::ATOM`), with the pattern's exact
//! leftmost-first meaning: the same matches and the same group spans. ATOM is the costliest of
//! extraction's patterns (four alternatives of word lists, then three optional suffix groups of
//! alternatives, tried by the backtracker at each match). Here a match is found by reading each
//! word once, as a run of ASCII word bytes, and looking it up in one table of the pattern's words.
//!
//! Why that is the pattern's meaning: every word of a number, scale, percent or currency name in
//! the pattern is followed, in the pattern, by an ASCII word boundary `(?-u:\b)`, a `\s` or a
//! `[\s-]`, so it matches only where the text's maximal run of `[0-9A-Za-z_]` bytes from that
//! point is that word (case-insensitively). A backtracking path that ends a word inside a run
//! cannot complete (nothing after it accepts a word byte), so the preferred path is the one read
//! here. The currency prefixes ("US$", "A$", the codes "USD" …) are compared byte by byte.
//!
//! Not covered: the two chars outside ASCII that the engine folds to ASCII letters (LONG S to
//! "s", KELVIN SIGN to "k"). A sentence with either is searched with the pattern itself
//! ([`covers`]). `tests::matches_the_pattern` compares the two on the test texts and on 150,000
//! strings built from the pattern's words.

use super::pattern::is_space_char;

/// The pattern's groups, in its order (group 0 is the whole match).
#[cfg(test)]
pub(super) const GROUPS: [&str; 10] = [
    "", "cur", "halfw", "frac", "num", "words", "sp", "scale", "pct", "curname",
];
const CUR: usize = 1;
const HALFW: usize = 2;
const FRAC: usize = 3;
const NUM: usize = 4;
const WORDS: usize = 5;
const SP: usize = 6;
const SCALE: usize = 7;
const PCT: usize = 8;
const CURNAME: usize = 9;

/// Slot pairs for [`GROUPS`], `usize::MAX` where a group took no part.
pub(super) type Slots = [usize; 20];

/// Whether this matcher gives the pattern's answer on `sent`: not when it has a LONG S or a
/// KELVIN SIGN.
pub(super) fn covers(sent: &str) -> bool {
    // Two single-char searches (each a byte search) are faster than one for either char.
    !sent.contains('\u{17f}') && !sent.contains('\u{212a}')
}

const UNIT: &[&str] = &[
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
const SCALE_WORDS: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "dozen",
];
const HALF_SCALE: &[&str] = &["million", "billion", "trillion", "dozen"];
const FRAC_FIRST: &[&str] = &[
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];
const FRAC_WORD: &[&str] = &[
    "halves", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth",
    "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
];
const IN_FIRST: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const IN_LAST: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "hundred",
];
const SUFFIX_SCALE: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "bln", "mn", "mln", "tn", "trn", "m", "k",
    "b",
];
const CODES: &[[u8; 3]] = &[
    *b"USD", *b"EUR", *b"GBP", *b"JPY", *b"KZT", *b"CNY", *b"RMB", *b"RUB", *b"INR", *b"CHF",
    *b"AUD", *b"CAD", *b"AED", *b"SAR", *b"HKD", *b"SGD", *b"NZD", *b"BRL", *b"TRY", *b"KRW",
];
/// Currency-name codes (the prefix list has RMB, this one does not).
const NAME_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "KZT", "CNY", "RUB", "INR", "CHF", "AUD", "CAD", "AED", "SAR",
    "HKD", "SGD", "NZD", "BRL", "TRY", "KRW",
];
/// Currency symbols, each a currency prefix alone.
const SYMBOLS: &[&str] = &["$", "€", "£", "¥", "₸", "₹", "₽", "₩", "₺"];
/// Letter prefixes before "$" (case-insensitive), in the pattern's order.
const DOLLAR_PREFIXES: &[&str] = &["a", "au", "c", "ca", "hk", "nz", "s", "r"];
/// Words before "dollar(s)", in the pattern's order (`\s+` between two-word ones).
const DOLLAR_KINDS: &[&[&str]] = &[
    &["u.s."],
    &["us"],
    &["american"],
    &["australian"],
    &["canadian"],
    &["hong", "kong"],
    &["singapore"],
    &["new", "zealand"],
    &["taiwan"],
];

// Word classes: which of the lists above a word is in, from one table lookup.
const C_UNIT: u16 = 1;
const C_SCALE: u16 = 2;
const C_HALF_SCALE: u16 = 4;
const C_FRAC_FIRST: u16 = 8;
const C_FRAC_WORD: u16 = 16;
const C_IN_FIRST: u16 = 32;
const C_IN_LAST: u16 = 64;
const C_SUFFIX_SCALE: u16 = 128;
const C_A: u16 = 256;
const C_ONE: u16 = 512;
const C_HALF: u16 = 1024;
/// The first word of a percent alternative.
const C_PCT: u16 = 2048;
/// The first word of a currency-name alternative (case aside: codes are upper-case there).
const C_CURNAME: u16 = 4096;
/// The first words of the percent alternatives ("%" aside).
const PCT_FIRST: &[&str] = &["percent", "per", "pct", "pc", "percentage", "basis", "bps"];
/// The first words of the currency-name alternatives ("U.S." is the word "U").
const CURNAME_FIRST: &[&str] = &[
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
/// The classes a number's first word can have.
const C_FIRST: u16 = C_UNIT | C_FRAC_FIRST | C_IN_FIRST | C_A | C_ONE | C_HALF;

/// Every listed word with its classes: an open-addressing table of [`pack`]ed words (0: empty),
/// [`TABLE_SIZE`] slots, at most a quarter full.
static CLASSES: std::sync::LazyLock<Vec<(u128, u16)>> = std::sync::LazyLock::new(|| {
    let mut t: Vec<(u128, u16)> = vec![(0, 0); TABLE_SIZE];
    let lists: [(&[&str], u16); 13] = [
        (PCT_FIRST, C_PCT),
        (CURNAME_FIRST, C_CURNAME),
        (UNIT, C_UNIT),
        (SCALE_WORDS, C_SCALE),
        (HALF_SCALE, C_HALF_SCALE),
        (FRAC_FIRST, C_FRAC_FIRST),
        (FRAC_WORD, C_FRAC_WORD),
        (IN_FIRST, C_IN_FIRST),
        (IN_LAST, C_IN_LAST),
        (SUFFIX_SCALE, C_SUFFIX_SCALE),
        (&["a"], C_A),
        (&["one"], C_ONE),
        (&["half"], C_HALF),
    ];
    for (list, class) in lists {
        for w in list {
            let code = pack(w.as_bytes()).expect("a short word");
            let mut i = slot(code);
            while t[i].0 != 0 && t[i].0 != code {
                i = (i + 1) % TABLE_SIZE;
            }
            t[i].0 = code;
            t[i].1 |= class;
        }
    }
    assert!(t.iter().filter(|e| e.0 != 0).count() * 4 <= TABLE_SIZE);
    t
});
const TABLE_SIZE: usize = 1024;

/// A packed word's first slot in [`CLASSES`].
fn slot(code: u128) -> usize {
    let x = (code as u64) ^ ((code >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
}

/// A word of 1 to 16 ASCII word bytes as a number, lower-cased (distinct words, distinct
/// numbers: no word byte is 0). Setting bit 0x20 lower-cases a letter, leaves a digit as it is
/// and makes "_" a byte no listed word has.
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..w.len()].copy_from_slice(w);
    Some(u128::from_le_bytes(buf) | case_bits(w.len()))
}

/// Bit 0x20 in each of the first `len` (1 to 16) bytes.
fn case_bits(len: usize) -> u128 {
    u128::from_le_bytes([0x20; 16]) >> (8 * (16 - len))
}

/// The classes of the word `h[i..r]` (0: in no list; no listed word is longer than ten bytes).
fn class(h: &[u8], i: usize, r: usize) -> u16 {
    let len = r - i;
    if len == 0 || len > 10 {
        return 0;
    }
    // One 16-byte load where the text has them, masked to the word.
    let code = match h.get(i..i + 16) {
        Some(sixteen) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(sixteen);
            let keep = u128::MAX >> (8 * (16 - len));
            (u128::from_le_bytes(buf) & keep) | case_bits(len)
        }
        None => match pack(&h[i..r]) {
            Some(code) => code,
            None => return 0,
        },
    };
    let t = &*CLASSES;
    let mut k = slot(code);
    loop {
        let (c, classes) = t[k];
        if c == code {
            return classes;
        }
        if c == 0 {
            return 0;
        }
        k = (k + 1) % TABLE_SIZE;
    }
}

/// Where the word run from `i` ends, if it has one of `classes`.
fn word_is(h: &[u8], i: usize, classes: u16) -> Option<usize> {
    let r = run(h, i);
    (class(h, i, r) & classes != 0).then_some(r)
}

/// Successive non-overlapping matches of the pattern in `sent`, as its `captures_iter` gives
/// them; call only where [`covers`] is true.
pub(super) fn matches(sent: &str) -> impl Iterator<Item = Slots> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let s = find(sent, at)?;
        at = s[1];
        Some(s)
    })
}

/// The leftmost match at or after `at`. A match starts at a digit, ".", a currency symbol, or a
/// letter: at a word's start when the word can begin a number or a currency prefix, and inside
/// a word only where a currency prefix can ("XUS$5": "$" one or two bytes on, "U.S.", three
/// capitals).
fn find(sent: &str, at: usize) -> Option<Slots> {
    let h = sent.as_bytes();
    let n = h.len();
    let mut p = at;
    while p < n {
        let b = h[p];
        if !b.is_ascii_alphabetic() {
            let candidate = match b {
                b'0'..=b'9' | b'.' | b'$' => true,
                0xC2 => matches!(byte(h, p + 1), 0xA3 | 0xA5),
                0xE2 => byte(h, p + 1) == 0x82,
                _ => false,
            };
            if candidate {
                if let Some(s) = at_start(sent, p) {
                    return Some(s);
                }
            }
            p += 1;
            continue;
        }
        let word_start = p == 0 || !is_w(h[p - 1]);
        if (word_start && may_begin_number(b)) || may_begin_prefix(h, p) {
            if let Some(s) = at_start(sent, p) {
                return Some(s);
            }
        }
        // The rest of the word's letters: a prefix can begin at three capitals, or at one of
        // the last two letters ("$" or "." after them).
        let mut e = p + 1;
        let mut capitals = 0u8;
        while e < n && h[e].is_ascii_alphabetic() {
            capitals |= !h[e] & 0x20;
            e += 1;
        }
        let from = if capitals != 0 {
            p + 1
        } else {
            e.saturating_sub(2).max(p + 1)
        };
        for q in from..e {
            if may_begin_prefix(h, q) {
                if let Some(s) = at_start(sent, q) {
                    return Some(s);
                }
            }
        }
        p = e;
    }
    None
}

/// Whether a word beginning with `b` can be a number's first word: one of UNIT, "a" or "half".
fn may_begin_number(b: u8) -> bool {
    matches!(
        b | 0x20,
        b'a' | b'e' | b'f' | b'h' | b'n' | b'o' | b's' | b't' | b'z'
    )
}

/// Whether a currency prefix can begin at the letter at `p`: "$" one or two bytes on ("S$",
/// "US$"), "." next ("U.S."), or three capitals (a code).
fn may_begin_prefix(h: &[u8], p: usize) -> bool {
    let (b1, b2) = (byte(h, p + 1), byte(h, p + 2));
    b1 == b'$'
        || b2 == b'$'
        || b1 == b'.'
        || (h[p].is_ascii_uppercase() && b1.is_ascii_uppercase() && b2.is_ascii_uppercase())
}

/// The match starting at `p`, if there is one.
fn at_start(sent: &str, p: usize) -> Option<Slots> {
    let h = sent.as_bytes();
    // The currency prefix is optional: with it first (codes: with their space first), then
    // without.
    let (first, second) = cur_at(sent, p);
    for cur_end in [first, second].into_iter().flatten() {
        if let Some((g, e)) = core(sent, cur_end) {
            let mut s = [usize::MAX; 20];
            set(&mut s, CUR, p, cur_end);
            set(&mut s, g, cur_end, e);
            finish(sent, h, &mut s, p, e);
            return Some(s);
        }
    }
    let (g, e) = core(sent, p)?;
    let mut s = [usize::MAX; 20];
    set(&mut s, g, p, e);
    finish(sent, h, &mut s, p, e);
    Some(s)
}

/// The three optional suffixes after a number ending at `e`, then group 0.
fn finish(sent: &str, h: &[u8], s: &mut Slots, p: usize, mut e: usize) {
    // (?P<sp>\s*)(?P<scale>…)\b
    let i = spaces(sent, e);
    if let Some(end) = word_is(h, i, C_SUFFIX_SCALE) {
        set(s, SP, e, i);
        set(s, SCALE, i, end);
        e = end;
    }
    // \s*(?P<pct>…)
    let i = spaces(sent, e);
    let pct_may = byte(h, i) == b'%' || class(h, i, run(h, i)) & C_PCT != 0;
    if let Some(end) = pct_may.then(|| pct(sent, h, i)).flatten() {
        set(s, PCT, i, end);
        e = end;
    }
    // \s+(?P<curname>…)\b
    let i = spaces(sent, e);
    if i > e && class(h, i, run(h, i)) & C_CURNAME != 0 {
        if let Some(end) = curname(sent, h, i) {
            set(s, CURNAME, i, end);
            e = end;
        }
    }
    set(s, 0, p, e);
}

fn set(s: &mut Slots, g: usize, start: usize, end: usize) {
    s[2 * g] = start;
    s[2 * g + 1] = end;
}

/// The currency prefix at `p`: where it ends, and for a code followed by a space, where it ends
/// without the space (the pattern's `\s?` tries both).
fn cur_at(sent: &str, p: usize) -> (Option<usize>, Option<usize>) {
    let h = sent.as_bytes();
    let maybe = match h[p] {
        b'$' | 0xC2 | 0xE2 => true,
        b'A'..=b'Z' | b'a'..=b'z' => may_begin_prefix(h, p),
        _ => false,
    };
    if !maybe {
        return (None, None);
    }
    if let Some(e) = lit(h, p, "us$") {
        return (Some(e), None);
    }
    if let Some(e) = lit(h, p, "u.s.") {
        let sp = space(sent, e);
        if sp > e && byte(h, sp) == b'$' {
            return (Some(sp + 1), None);
        }
        if byte(h, e) == b'$' {
            return (Some(e + 1), None);
        }
    }
    for pre in DOLLAR_PREFIXES {
        if let Some(e) = lit(h, p, pre) {
            if byte(h, e) == b'$' {
                return (Some(e + 1), None);
            }
        }
    }
    for sym in SYMBOLS {
        if h[p..].starts_with(sym.as_bytes()) {
            return (Some(p + sym.len()), None);
        }
    }
    let three = [h[p], byte(h, p + 1), byte(h, p + 2)];
    for code in CODES {
        if three == *code {
            let e = p + 3;
            let sp = space(sent, e);
            return if sp > e {
                (Some(sp), Some(e))
            } else {
                (Some(e), None)
            };
        }
    }
    (None, None)
}

/// The number at `q`: its group and end, trying the pattern's four alternatives in order.
fn core(sent: &str, q: usize) -> Option<(usize, usize)> {
    let h = sent.as_bytes();
    let b = byte(h, q);
    if b.is_ascii_alphabetic() {
        if q > 0 && is_w(h[q - 1]) {
            return None; // each word alternative starts at a word boundary
        }
        // Each word alternative's first word is one of UNIT, "a" or "half": at most nine
        // letters, beginning with one of these.
        if !may_begin_number(b) {
            return None;
        }
        let r = run(h, q);
        if r - q > 9 {
            return None;
        }
        let c = class(h, q, r);
        if c & C_FIRST == 0 {
            return None;
        }
        if c & C_HALF != 0 {
            if let Some(e) = half_scale(sent, h, q) {
                return Some((HALFW, e));
            }
        }
        if let Some(e) = fraction(sent, h, r, c) {
            return Some((FRAC, e));
        }
        return words(sent, h, q, r, c).map(|e| (WORDS, e));
    }
    if b.is_ascii_digit() {
        if q == 0 || !is_w(h[q - 1]) {
            if let Some(e) = one_in(sent, h, q) {
                return Some((FRAC, e));
            }
        }
        return Some((NUM, digits_number(h, q)));
    }
    if b == b'.' && byte(h, q + 1).is_ascii_digit() {
        return Some((NUM, digit_run(h, q + 1)));
    }
    None
}

/// `half\s+an?\s+(?:million|billion|trillion|dozen)\b`
fn half_scale(sent: &str, h: &[u8], q: usize) -> Option<usize> {
    let e = lit(h, q, "half")?;
    let i = spaces1(sent, e)?;
    let j = lit(h, i, "an")
        .and_then(|j| spaces1(sent, j))
        .or_else(|| lit(h, i, "a").and_then(|j| spaces1(sent, j)))?;
    word_is(h, j, C_HALF_SCALE)
}

/// The fraction alternatives: "two-thirds", "half", "one in five" (`c`: the first word's
/// classes, `r`: its end).
fn fraction(sent: &str, h: &[u8], r: usize, c: u16) -> Option<usize> {
    if c & C_FRAC_FIRST != 0 {
        let i = spaces_dashes(sent, r);
        if i > r {
            if let Some(e) = word_is(h, i, C_FRAC_WORD) {
                return Some(e);
            }
        }
    }
    if c & C_HALF != 0 {
        return Some(r);
    }
    if c & C_IN_FIRST != 0 {
        return one_in_rest(sent, h, r);
    }
    None
}

/// "3 in 10": `[0-9]{1,2}\s+(?:in|out\s+of)\s+(?:every\s+)?(…|[0-9]{1,3})\b`
fn one_in(sent: &str, h: &[u8], q: usize) -> Option<usize> {
    let d = digit_run(h, q);
    if d - q > 2 {
        return None;
    }
    one_in_rest(sent, h, d)
}

/// From after the first number of "one in five": the rest.
fn one_in_rest(sent: &str, h: &[u8], e: usize) -> Option<usize> {
    let i = spaces1(sent, e)?;
    let j = match lit(h, i, "in").and_then(|j| spaces1(sent, j)) {
        Some(j) => j,
        None => {
            let k = spaces1(sent, lit(h, i, "out")?)?;
            spaces1(sent, lit(h, k, "of")?)?
        }
    };
    let j = lit(h, j, "every")
        .and_then(|k| spaces1(sent, k))
        .unwrap_or(j);
    if let Some(e) = word_is(h, j, C_IN_LAST) {
        return Some(e);
    }
    let d = digit_run(h, j);
    (d > j && d - j <= 3 && !is_w(byte(h, d))).then_some(d)
}

/// Digits: `[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?`
fn digits_number(h: &[u8], q: usize) -> usize {
    let d = digit_run(h, q);
    let mut e = d;
    if d - q <= 3 {
        while byte(h, e) == b',' && (1..=3).all(|k| byte(h, e + k).is_ascii_digit()) {
            e += 4;
        }
    }
    if byte(h, e) == b'.' && byte(h, e + 1).is_ascii_digit() {
        e = digit_run(h, e + 1);
    }
    e
}

/// A number in words: a first word (classes `c`, ending at `r`), then as many more as follow
/// (`[\s-]+`, an optional "and").
fn words(sent: &str, h: &[u8], q: usize, r: usize, c: u16) -> Option<usize> {
    let mut e = None;
    if c & (C_A | C_ONE) != 0 {
        e = spaces1(sent, r).and_then(|i| word_is(h, i, C_SCALE));
    }
    if e.is_none() && c & C_HALF != 0 {
        e = half_scale(sent, h, q);
    }
    if e.is_none() && c & C_UNIT != 0 {
        e = Some(r);
    }
    let mut e = e?;
    loop {
        let i = spaces_dashes(sent, e);
        if i == e {
            return Some(e);
        }
        let after_and = lit(h, i, "and").and_then(|j| spaces1(sent, j));
        match after_and
            .and_then(|j| word_token(sent, h, j))
            .or_else(|| word_token(sent, h, i))
        {
            Some(end) => e = end,
            None => return Some(e),
        }
    }
}

/// One more word of a number in words: `(?:UNIT|SCALE|a\s+half)\b`.
fn word_token(sent: &str, h: &[u8], j: usize) -> Option<usize> {
    let r = run(h, j);
    let c = class(h, j, r);
    if c & (C_UNIT | C_SCALE) != 0 {
        return Some(r);
    }
    if c & C_A != 0 {
        return spaces1(sent, r).and_then(|i| word_in(h, i, &["half"]));
    }
    None
}

/// The percent alternatives at `i`.
fn pct(sent: &str, h: &[u8], i: usize) -> Option<usize> {
    if byte(h, i) == b'%' {
        return Some(i + 1);
    }
    if let Some(e) = word_in(h, i, &["percent"]) {
        return Some(e);
    }
    if let Some(e) = lit(h, i, "per").and_then(|j| word_in(h, spaces(sent, j), &["cent"])) {
        return Some(e);
    }
    if let Some(e) = word_in(h, i, &["pct", "pc"]) {
        return Some(e);
    }
    if let Some(j) = lit(h, i, "percentage") {
        let k = if byte(h, j) == b'-' {
            j + 1
        } else {
            space(sent, j)
        };
        if k > j {
            if let Some(e) = word_in(h, k, &["points", "point"]) {
                return Some(e);
            }
        }
    }
    if let Some(e) = lit(h, i, "basis")
        .and_then(|j| spaces1(sent, j))
        .and_then(|k| word_in(h, k, &["points", "point"]))
    {
        return Some(e);
    }
    word_in(h, i, &["bps"])
}

/// The currency-name alternatives at `i`, each ending at a word boundary.
fn curname(sent: &str, h: &[u8], i: usize) -> Option<usize> {
    let dollars = &["dollars", "dollar"];
    for kind in DOLLAR_KINDS {
        let words_end = kind.iter().enumerate().try_fold(i, |j, (n, w)| {
            let j = if n == 0 { j } else { spaces1(sent, j)? };
            lit(h, j, w)
        });
        if let Some(e) = words_end
            .and_then(|j| spaces1(sent, j))
            .and_then(|k| word_in(h, k, dollars))
        {
            return Some(e);
        }
    }
    if let Some(e) = word_in(h, i, dollars).or_else(|| word_in(h, i, &["euros", "euro"])) {
        return Some(e);
    }
    // (?:British\s+)?pounds?(?:\s+sterling)?\b
    let british = lit(h, i, "british").and_then(|j| spaces1(sent, j));
    for start in [british, Some(i)].into_iter().flatten() {
        for pound in ["pounds", "pound"] {
            if let Some(k) = lit(h, start, pound) {
                if let Some(m) = spaces1(sent, k).and_then(|m| lit(h, m, "sterling")) {
                    if !is_w(byte(h, m)) {
                        return Some(m);
                    }
                }
                if !is_w(byte(h, k)) {
                    return Some(k);
                }
            }
        }
    }
    for (pre, names) in [
        (None, &["sterling", "yen"][..]),
        (Some("chinese"), &["yuan"]),
        (
            None,
            &["renminbi", "tenge", "rubles", "ruble", "roubles", "rouble"],
        ),
        (Some("indian"), &["rupees", "rupee"]),
        (Some("swiss"), &["francs", "franc"]),
        (
            None,
            &[
                "cents", "cent", "dirhams", "dirham", "riyals", "riyal", "lira",
            ],
        ),
    ] {
        let prefixed = pre
            .and_then(|w| lit(h, i, w))
            .and_then(|j| spaces1(sent, j));
        for start in [prefixed, Some(i)].into_iter().flatten() {
            if let Some(e) = word_in(h, start, names) {
                return Some(e);
            }
        }
    }
    let r = run(h, i);
    NAME_CODES
        .iter()
        .any(|c| &h[i..r] == c.as_bytes())
        .then_some(r)
}

// ---- bytes ----

fn byte(h: &[u8], i: usize) -> u8 {
    h.get(i).copied().unwrap_or(0)
}

/// An ASCII word byte (`(?-u:\b)`'s word).
fn is_w(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the run of ASCII word bytes from `i`.
fn run(h: &[u8], i: usize) -> usize {
    let mut e = i;
    while e < h.len() && is_w(h[e]) {
        e += 1;
    }
    e
}

fn digit_run(h: &[u8], i: usize) -> usize {
    let mut e = i;
    while e < h.len() && h[e].is_ascii_digit() {
        e += 1;
    }
    e
}

/// `w` equals the lower-case ASCII `word`, ignoring ASCII case.
fn eq(w: &[u8], word: &str) -> bool {
    w.eq_ignore_ascii_case(word.as_bytes())
}

fn in_list(w: &[u8], list: &[&str]) -> bool {
    !w.is_empty() && list.iter().any(|x| eq(w, x))
}

/// Where the word run from `i` ends, if it is one of `list`.
fn word_in(h: &[u8], i: usize, list: &[&str]) -> Option<usize> {
    let r = run(h, i);
    in_list(&h[i..r], list).then_some(r)
}

/// `lit` (lower-case ASCII) at `i`, ignoring ASCII case: where it ends.
fn lit(h: &[u8], i: usize, lit: &str) -> Option<usize> {
    let e = i + lit.len();
    (e <= h.len() && h[i..e].eq_ignore_ascii_case(lit.as_bytes())).then_some(e)
}

/// After one `\s` char at `i`, or `i`.
fn space(sent: &str, i: usize) -> usize {
    match sent.as_bytes().get(i) {
        None => return i,
        Some(&b) if b < 0x80 => return i + usize::from(matches!(b, b'\t'..=b'\r' | b' ')),
        _ => {}
    }
    match sent.get(i..).and_then(|t| t.chars().next()) {
        Some(c) if is_space_char(c) => i + c.len_utf8(),
        _ => i,
    }
}

/// The end of the `\s*` run from `i`.
fn spaces(sent: &str, mut i: usize) -> usize {
    loop {
        let j = space(sent, i);
        if j == i {
            return i;
        }
        i = j;
    }
}

/// `\s+` from `i`: where it ends, if there is at least one.
fn spaces1(sent: &str, i: usize) -> Option<usize> {
    let e = spaces(sent, i);
    (e > i).then_some(e)
}

/// The end of the `[\s-]*` run from `i`.
fn spaces_dashes(sent: &str, mut i: usize) -> usize {
    loop {
        let j = if sent.as_bytes().get(i) == Some(&b'-') {
            i + 1
        } else {
            space(sent, i)
        };
        if j == i {
            return i;
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::number::ATOM;

    /// The slots of every match of the pattern itself.
    fn pattern_matches(t: &str) -> Vec<Slots> {
        ATOM.captures_iter(t)
            .map(|c| {
                let mut s = [usize::MAX; 20];
                for g in 0..GROUPS.len() {
                    if let Some(m) = c.get(g) {
                        set(&mut s, g, m.start(), m.end());
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn groups_are_the_patterns() {
        let names: Vec<&str> = ATOM.capture_names().map(|n| n.unwrap_or("")).collect();
        assert_eq!(names, GROUPS);
    }

    /// The matcher and the pattern give the same matches with the same groups: on every
    /// sentence of the test texts, and on 150,000 strings built from the pattern's words (in
    /// three cases), digits, separators and spaces of several kinds.
    #[test]
    fn matches_the_pattern() {
        let mut used = [0usize; 10];
        let mut compared = 0;
        let mut check = |t: &str| {
            if !covers(t) {
                return;
            }
            let want = pattern_matches(t);
            let got: Vec<Slots> = matches(t).collect();
            assert_eq!(got, want, "on {t:?}");
            for s in &want {
                for (g, n) in used.iter_mut().enumerate() {
                    *n += usize::from(s[2 * g] != usize::MAX);
                }
            }
            compared += 1;
        };
        for text in crate::extract::test_texts() {
            check(&text);
            for s in crate::segment::split(&text) {
                check(&text[s.start..s.end]);
            }
        }
        let mut words: Vec<&str> = Vec::new();
        for list in [
            UNIT,
            SCALE_WORDS,
            FRAC_WORD,
            SUFFIX_SCALE,
            DOLLAR_PREFIXES,
            SYMBOLS,
        ] {
            words.extend_from_slice(list);
        }
        for kind in DOLLAR_KINDS {
            words.extend_from_slice(kind);
        }
        words.extend_from_slice(&[
            "a",
            "an",
            "and",
            "half",
            "in",
            "out",
            "of",
            "every",
            "percent",
            "per",
            "cent",
            "cents",
            "pct",
            "pc",
            "percentage",
            "points",
            "point",
            "basis",
            "bps",
            "%",
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
            "roubles",
            "indian",
            "rupee",
            "swiss",
            "francs",
            "dirham",
            "riyals",
            "lira",
            "us$",
            "u.s.",
            "teen",
            "s",
            "x",
        ]);
        let mut pieces: Vec<String> = Vec::new();
        for w in words {
            pieces.push(w.to_string());
            pieces.push(w.to_uppercase());
            let mut title = w.to_string();
            if let Some(f) = title.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            pieces.push(title);
        }
        for c in CODES {
            pieces.push(String::from_utf8_lossy(c).into_owned());
        }
        for p in [
            " ",
            " ",
            "  ",
            "-",
            "\u{a0}",
            "\u{2009}",
            "\n",
            "_",
            "é",
            "’",
            ",",
            ".",
            "1",
            "12",
            "123",
            "1234",
            "000",
            "5",
            "0",
            ".5",
            "1,234",
            "3.5",
            "$",
            "(",
            "ſ",
            "half a million",
            "Half an  dozen",
            "half a",
            "one in five",
            "2 out of every 3",
            "two-thirds",
            "a quarter",
            "3 in 10",
            "per cent",
            "percentage points",
            "percentage-point",
            "basis  points",
            "US dollars",
            "British pounds sterling",
            "pound sterling",
            "Hong Kong dollars",
            "New\u{a0}Zealand dollar",
            "and a half",
            "a dozen",
            "one hundred",
            "twenty-one",
            "U.S. $",
            "USD ",
        ] {
            pieces.push(p.to_string());
        }
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        for _ in 0..150_000 {
            let mut t = String::new();
            for _ in 0..next() % 10 + 1 {
                t.push_str(&pieces[next() as usize % pieces.len()]);
            }
            check(&t);
        }
        assert!(compared > 100_000, "{compared} strings compared");
        for (g, n) in used.iter().enumerate() {
            assert!(*n > 100, "group {:?} took part in {n} matches", GROUPS[g]);
        }
    }

    #[test]
    fn covers_all_but_the_folding_chars() {
        assert!(covers("In 2024, 600 companies invested $4.5 billion."));
        assert!(!covers("ſix million"));
        assert!(!covers("5 \u{212a}m"));
    }
}
