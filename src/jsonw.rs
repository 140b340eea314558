//! JSON text written directly, without serde: the reports (src/report.rs), the exports
//! (src/export.rs) and the page's answers (src/wasm.rs) write their JSON through [`Writer`]
//! instead of serde_json, so that serde_json's serializer and its float formatting (zmij, with a
//! 10 KB table) stay out of the wasm (issue 7's size budget), and so that the reports are written
//! straight into one buffer, with no tree and no `Serialize` machinery in between (issue 3).
//!
//! The text is byte for byte what serde_json 1 writes (`to_string` compact, `to_string_pretty`
//! with two spaces a level), numbers included: integers in decimal, and a finite `f64` as its
//! shortest round-trip decimal laid out as serde_json's zmij lays it out (`0.82`, `3.0`,
//! `1e+16`, `1e-7`); a float that is not finite is `null`. The tests hold it to serde_json on the
//! real reports, on random values and on hand-picked floats (ties, powers of two, subnormals).

use serde_json::Value as Json;

/// A JSON text being written, compact or pretty (serde_json's pretty: two spaces a level).
///
/// Values are written in order: [`Writer::open`] an object or a list, then for each entry
/// [`Writer::key`] (objects) or [`Writer::item`] (lists) and its value, then [`Writer::close`].
pub struct Writer {
    /// Only whole UTF-8 texts are ever appended.
    out: Vec<u8>,
    pretty: bool,
    /// Every char outside ASCII written as a `\u` escape ([`Writer::ascii_only`]).
    ascii_only: bool,
    depth: usize,
    /// No entry written yet in the innermost open object or list.
    first: bool,
}

/// How serde_json escapes each byte: 0 not at all, `u` as `\u00XX`, else `\` and this byte.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of eight bytes may need escaping: a control byte, `"` or `\\` (never a false
/// "no"; a "yes" is checked byte by byte).
fn may_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n sets its high bit in (w - n) & !w (for n <= 0x80).
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH;
    let zero = |w: u64| below(w, 1);
    (below(w, 0x20) | zero(w ^ (ONES * 0x22)) | zero(w ^ (ONES * 0x5c))) != 0
}

const SPACES: &str = "                                                                ";

impl Writer {
    /// A writer whose buffer starts with room for `capacity` bytes.
    pub fn new(pretty: bool, capacity: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(capacity),
            pretty,
            ascii_only: false,
            depth: 0,
            first: true,
        }
    }

    /// A compact writer whose text is all ASCII: a char outside ASCII is written as its `\u`
    /// escape (two, a surrogate pair, above U+FFFF), which a JSON parser reads back as the same
    /// char. Not serde_json's text, the same value: for JSON text handed to JavaScript, which
    /// decodes ASCII about three times as fast as UTF-8 with other chars in it (21.6 MB of the
    /// bench text's report, Node 20's `TextDecoder`: 25-34 ms against 65-92 ms) and keeps it in
    /// one byte a char.
    pub fn ascii_only(capacity: usize) -> Writer {
        Writer {
            ascii_only: true,
            ..Writer::new(false, capacity)
        }
    }

    /// The number of bytes written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether nothing is written yet.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The text written.
    pub fn finish(self) -> String {
        // Always UTF-8 (whole `str`s and ASCII are all that is written); never lossy.
        String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        let mut n = 2 * self.depth;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.extend_from_slice(&SPACES.as_bytes()[..k]);
            n -= k;
        }
    }

    /// Opens an object (`b'{'`) or a list (`b'['`).
    pub fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Closes the innermost object (`b'}'`) or list (`b']'`).
    pub fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.first && self.pretty {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Starts the next item of a list.
    pub fn item(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        if self.pretty {
            self.newline();
        }
        self.first = false;
    }

    /// Starts the next entry of an object: its key; its value comes next.
    pub fn key(&mut self, key: &str) {
        // Compact, and a key of a few plain ASCII chars (every key the reports write): the comma,
        // the quoted key and the colon in one copy. (The size-optimised wasm calls a function
        // for each push and copy.)
        const MAX: usize = 24;
        // (Plain: ASCII that `ESCAPE` leaves as it is, so every writer writes it as it is.)
        if !self.pretty
            && key.len() <= MAX
            && key.bytes().all(|b| b < 0x80 && ESCAPE[b as usize] == 0)
        {
            let mut buf = [0u8; MAX + 4];
            let mut n = usize::from(!self.first);
            buf[0] = b',';
            self.first = false;
            buf[n] = b'"';
            buf[n + 1..n + 1 + key.len()].copy_from_slice(key.as_bytes());
            n += 1 + key.len();
            buf[n] = b'"';
            buf[n + 1] = b':';
            self.out.extend_from_slice(&buf[..n + 2]);
            return;
        }
        self.item();
        self.string(key);
        self.out
            .extend_from_slice(if self.pretty { b": " } else { b":" });
    }

    /// A string, escaped as serde_json escapes it: `"` and `\`, the short escapes `\b \f \n \r
    /// \t`, other control characters as `\u00XX`; everything else as it is (but in an
    /// [`Writer::ascii_only`] writer, where a char outside ASCII is a `\u` escape too).
    pub fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        // The bytes that need a look in this writer: those that may need an escape, and in an
        // ASCII-only writer every byte outside ASCII too.
        let high = if self.ascii_only {
            0x8080_8080_8080_8080
        } else {
            0
        };
        self.out.push(b'"');
        let mut from = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight plain bytes at a time (most of a text needs no escape).
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                let w = u64::from_le_bytes(w);
                if w & high == 0 && !may_escape(w) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            if b >= 0x80 && self.ascii_only {
                // `i` is at a char's first byte: only whole chars are passed over above.
                let c = s[i..].chars().next().unwrap_or('\u{fffd}');
                self.out.extend_from_slice(&bytes[from..i]);
                let mut units = [0u16; 2];
                for &u in c.encode_utf16(&mut units).iter() {
                    self.hex4(u);
                }
                i += c.len_utf8();
                from = i;
                continue;
            }
            let e = ESCAPE[b as usize];
            i += 1;
            if e == 0 {
                continue;
            }
            self.out.extend_from_slice(&bytes[from..i - 1]);
            from = i;
            if e == b'u' {
                self.hex4(u16::from(b));
            } else {
                self.out.push(b'\\');
                self.out.push(e);
            }
        }
        self.out.extend_from_slice(&bytes[from..]);
        self.out.push(b'"');
    }

    /// `\uXXXX` of one UTF-16 code unit, in lower-case hex as serde_json writes it.
    fn hex4(&mut self, u: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.extend_from_slice(&[
            b'\\',
            b'u',
            HEX[usize::from(u >> 12)],
            HEX[usize::from(u >> 8 & 15)],
            HEX[usize::from(u >> 4 & 15)],
            HEX[usize::from(u & 15)],
        ]);
    }

    /// A string, or `null`.
    pub fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// A non-negative integer.
    pub fn uint(&mut self, n: u64) {
        let mut buf = [0u8; 20];
        let i = digits_of(n, &mut buf);
        self.ascii(&buf[i..]);
    }

    /// An integer.
    pub fn int(&mut self, n: i64) {
        if n < 0 {
            self.out.push(b'-');
        }
        self.uint(n.unsigned_abs());
    }

    /// A float as serde_json writes an `f64` (`null` when not finite).
    pub fn float(&mut self, x: f64) {
        if x.is_finite() {
            write_f64(&mut self.out, x);
        } else {
            self.null();
        }
    }

    fn ascii(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// A JSON value (a `serde_json::Value`), as serde_json writes it: object keys in the
    /// value's own order.
    pub fn value(&mut self, v: &Json) {
        match v {
            Json::Null => self.null(),
            Json::Bool(b) => self.bool(*b),
            Json::Number(n) => {
                if let Some(u) = n.as_u64() {
                    self.uint(u);
                } else if let Some(i) = n.as_i64() {
                    self.int(i);
                } else {
                    self.float(n.as_f64().unwrap_or(f64::NAN));
                }
            }
            Json::String(s) => self.string(s),
            Json::Array(items) => {
                self.open(b'[');
                for x in items {
                    self.item();
                    self.value(x);
                }
                self.close(b']');
            }
            Json::Object(map) => {
                self.open(b'{');
                for (k, x) in map {
                    self.key(k);
                    self.value(x);
                }
                self.close(b'}');
            }
        }
    }
}

/// Something that writes itself as JSON.
pub trait WriteJson {
    /// Writes the value.
    fn write_json(&self, w: &mut Writer);
}

impl WriteJson for Json {
    fn write_json(&self, w: &mut Writer) {
        w.value(self)
    }
}

/// JSON written by a function.
pub struct With<F>(pub F);

impl<F: Fn(&mut Writer)> WriteJson for With<F> {
    fn write_json(&self, w: &mut Writer) {
        (self.0)(w)
    }
}

/// A JSON value as text, compact or pretty: `serde_json::to_string(v)` or `to_string_pretty(v)`.
pub fn to_text(v: &Json, pretty: bool) -> String {
    let mut w = Writer::new(pretty, 256);
    w.value(v);
    w.finish()
}

/// Writes the decimal digits of `n` at the end of `buf`; returns where they start.
fn digits_of(mut n: u64, buf: &mut [u8; 20]) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

/// Powers of ten exact in an `f64`, for the fast path of [`write_f64`].
const POW10: [f64; 9] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/// Writes a finite `x` as serde_json does: its shortest round-trip decimal (of those, the one
/// nearest `x`), laid out by [`layout`].
fn write_f64(out: &mut Vec<u8>, x: f64) {
    if x == 0.0 {
        out.extend_from_slice(if x.is_sign_negative() {
            b"-0.0"
        } else {
            b"0.0"
        });
        return;
    }
    if x.is_sign_negative() {
        out.push(b'-');
    }
    let mut buf = [0u8; 20];
    let (d, exp) = round_trip(x.abs(), &mut buf, true);
    layout(out, d, exp);
}

/// A finite `x` as `format!("{x}")` writes it (its shortest round-trip decimal, plainly:
/// `2.5`, `3`, `0.0000001`), without core's float formatting (for the wasm's size).
pub fn display_f64(x: f64) -> String {
    let mut out = Vec::new();
    if x.is_sign_negative() {
        out.push(b'-');
    }
    if x == 0.0 {
        out.push(b'0');
    } else {
        let mut buf = [0u8; 20];
        let (d, exp) = round_trip(x.abs(), &mut buf, false);
        plain(&mut out, d, exp);
    }
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// The shortest round-trip digits of a finite `x > 0` (values, or ASCII digits; no trailing
/// zeros) and the decimal exponent of the first. Of two equally near, the even one (serde_json)
/// or the upper one (core's `{}`).
fn round_trip(x: f64, buf: &mut [u8; 20], even: bool) -> (&[u8], i32) {
    // Fast path: x is the f64 nearest a decimal k / 10^p, p <= 8, of at most 15 significant
    // digits (when p = 0, an integer below 2^53, exact). Two distinct decimals of at most 15 significant
    // digits never round to the same f64 (DBL_DIG), so no other decimal as short as this one
    // rounds to x: it is the shortest, and the only one of its length.
    for (p, &scale) in POW10.iter().enumerate() {
        // The integer k nearest x × 10^p (the product may be off by an ulp or two: 0.29 × 100
        // is 28.999999999999996), then whether k / 10^p (correctly rounded) is x.
        let k = (x * scale).round();
        let limit = if p == 0 {
            9_007_199_254_740_992.0
        } else {
            1e15
        };
        if k >= limit {
            break;
        }
        if k / scale == x {
            let mut n = k as u64;
            let mut p = p as i32;
            while p > 0 && n % 10 == 0 {
                n /= 10;
                p -= 1;
            }
            let i = digits_of(n, buf);
            let len = (buf.len() - i) as i32;
            return (&buf[i..], len - 1 - p);
        }
    }
    let (n, exp) = shortest(x, buf, even);
    (&buf[..n], exp)
}

/// The shortest round-trip digits of a positive finite `x` (into `buf`, no trailing zeros) and
/// the decimal exponent of the first: `x ≈ d.ddd × 10^exp`. Of the decimals of the fewest
/// digits that are read back as `x`, the nearest to `x`, and of two equally near the even one
/// (`even`: serde_json's zmij) or the upper one (core's `{}`). Found from `x`'s exact expansion
/// (src/float.rs) cut to `n` digits and rounded down or up, `n` found by binary search: our
/// own, so that core's float formatting (its Grisu and Dragon code and tables) stays out of the
/// wasm. Only the floats the fast path of [`round_trip`] does not take come here.
fn shortest(x: f64, buf: &mut [u8; 20], even: bool) -> (usize, i32) {
    let (d, exp) = crate::float::exact_digits(x);
    // The decimal of `n` digits that is read back as `x`, if there is one.
    let cut = |n: usize| -> Option<(Vec<u8>, i32)> {
        if n >= d.len() {
            return Some((d.clone(), exp));
        }
        let (lower, rest) = d.split_at(n);
        let mut upper = lower.to_vec();
        let mut up_exp = exp;
        match upper.iter().rposition(|&v| v < 9) {
            Some(i) => {
                upper[i] += 1;
                upper.truncate(i + 1);
            }
            None => {
                upper = vec![1];
                up_exp += 1;
            }
        }
        let mut lower = lower.to_vec();
        while lower.len() > 1 && lower.last() == Some(&0) {
            lower.pop();
        }
        let (lo_ok, up_ok) = (reads_as(&lower, exp, x), reads_as(&upper, up_exp, x));
        // Both read back: the nearer, and at a tie (the rest is exactly 5) the even one.
        let take_upper = !lo_ok
            || up_ok
                && match rest[0].cmp(&5) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Less => false,
                    std::cmp::Ordering::Equal => rest.len() > 1 || !even || d[n - 1] % 2 == 1,
                };
        match (lo_ok || up_ok, take_upper) {
            (false, _) => None,
            (true, true) => Some((upper, up_exp)),
            (true, false) => Some((lower, exp)),
        }
    };
    // If n digits are read back, so are n + 1 (the nearest decimals of n + 1 digits below and
    // above x are no farther than those of n), and 17 always are: a binary search.
    let (mut lo, mut hi) = (1, d.len().min(17));
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cut(mid).is_some() {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let (digits, e) = cut(hi).unwrap_or((d, exp));
    buf[..digits.len()].copy_from_slice(&digits);
    (digits.len(), e)
}

/// Whether the decimal `d.ddd × 10^exp` (digit values) is read back as `x`. In the wasm, by
/// exact comparison with `x`'s rounding interval ([`crate::float::reads_back`]: our parser's
/// search would take 64 steps); natively, by core's parser, which is faster still. The two
/// agree (a test in src/float.rs).
fn reads_as(d: &[u8], exp: i32, x: f64) -> bool {
    let exp10 = i64::from(exp) - d.len() as i64 + 1;
    #[cfg(target_arch = "wasm32")]
    {
        crate::float::reads_back(d, exp10, x)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut s: String = d.iter().map(|&b| (b + b'0') as char).collect();
        s.push('e');
        s.push_str(&exp10.to_string());
        crate::float::parse(&s) == Some(x)
    }
}

/// Writes significant digits `d` (values 0-9, or ASCII digits; no trailing zeros) with the
/// decimal exponent `exp` of the first plainly, without an exponent or a ".0": `0.00012`,
/// `1234.5`, `12340000`.
fn plain(out: &mut Vec<u8>, d: &[u8], exp: i32) {
    let digits = |out: &mut Vec<u8>, d: &[u8]| out.extend(d.iter().map(|&b| b % 48 + b'0'));
    let len = d.len() as i32;
    if exp < 0 {
        out.extend_from_slice(b"0.");
        out.resize(out.len() + (-exp - 1) as usize, b'0');
        digits(out, d);
    } else if len - 1 <= exp {
        digits(out, d);
        out.resize(out.len() + (exp + 1 - len) as usize, b'0');
    } else {
        let point = exp as usize + 1;
        digits(out, &d[..point]);
        out.push(b'.');
        digits(out, &d[point..]);
    }
}

/// Lays out significant digits `d` (values 0-9, or ASCII digits; no trailing zeros) with the
/// decimal exponent `exp` of the first, as zmij does for an `f64`: plainly when
/// -5 <= exp <= 15 (`1234.5`, `12340000.0`, `0.00012`), else `1.234e+33`, `5e-7`.
fn layout(out: &mut Vec<u8>, d: &[u8], exp: i32) {
    let digit = |b: u8| b % 48 + b'0';
    if (-5..=15).contains(&exp) {
        plain(out, d, exp);
        // An integer keeps a fraction: "3.0".
        if d.len() as i32 - 1 <= exp {
            out.extend_from_slice(b".0");
        }
        return;
    }
    out.push(digit(d[0]));
    if d.len() > 1 {
        out.push(b'.');
        out.extend(d[1..].iter().map(|&b| digit(b)));
    }
    out.extend_from_slice(if exp < 0 { b"e-" } else { b"e+" });
    let mut buf = [0u8; 20];
    let i = digits_of(u64::from(exp.unsigned_abs()), &mut buf);
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests;
