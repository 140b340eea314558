//! Decimal text to `f64`, exactly as `str::parse::<f64>` does it (same accepted texts, same
//! correctly rounded bits). In the wasm it is our own: core's parser carries a 10 KB table of
//! powers of five (Eisel-Lemire) and its code, about 13 KB gzipped of the page (issue 7's size
//! budget); natively it is core's, which is faster. Ours takes Clinger's fast path when the
//! digits and the power of ten are both exact in an `f64`, and otherwise finds the nearest
//! `f64` by binary search over the bit patterns, comparing exactly with big integers (slow, but
//! texts in news have short numbers).

use std::cmp::Ordering;

/// `s.parse::<f64>().ok()`.
pub fn parse(s: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        parse_small(s)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.parse().ok()
    }
}

/// Significant digits kept; one more, nonzero, stands for any that follow (enough for correct
/// rounding: an `f64` halfway point has at most 767 significant digits).
const MAX_DIGITS: usize = 800;

/// Our parser (used in the wasm; natively by the tests, against core's).
pub fn parse_small(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if b.is_empty() {
        return None;
    }
    let sign = |x: f64| if neg { -x } else { x };
    let special = b.to_ascii_lowercase();
    match special.as_slice() {
        b"inf" | b"infinity" => return Some(sign(f64::INFINITY)),
        b"nan" => return Some(f64::NAN),
        _ => {}
    }
    // digits* ['.' digits*] ([eE] [+-]? digits+)?, at least one digit before the exponent.
    let mut digits: Vec<u8> = Vec::new(); // significant digits, no leading zeros
    let mut exp: i64 = 0; // value = digits × 10^exp
    let mut seen = 0;
    let mut more = false; // nonzero digits dropped past MAX_DIGITS
    let mut i = 0;
    let mut after_dot = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen += 1;
                if after_dot {
                    exp -= 1;
                }
                if digits.len() < MAX_DIGITS {
                    // (a leading zero is no digit: its place is in `exp` after the dot)
                    if c != b'0' || !digits.is_empty() {
                        digits.push(c - b'0');
                    }
                } else {
                    more |= c != b'0';
                    exp += 1; // the dropped digit's place
                }
            }
            b'.' if !after_dot => after_dot = true,
            _ => break,
        }
        i += 1;
    }
    if seen == 0 {
        return None;
    }
    if i < b.len() {
        if b[i] != b'e' && b[i] != b'E' {
            return None;
        }
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let from = i;
        let mut e: i64 = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            if e < 0x10000 {
                e = e * 10 + (b[i] - b'0') as i64;
            }
            i += 1;
        }
        if i == from || i < b.len() {
            return None;
        }
        exp += if eneg { -e } else { e };
    }
    // Trailing zeros of the digits go into the exponent (all the digits are there).
    while !more && digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    if more {
        digits.push(1);
        exp -= 1;
    }
    if digits.is_empty() {
        return Some(sign(0.0));
    }
    let n = digits.len() as i64;
    if n + exp > 310 {
        return Some(sign(f64::INFINITY));
    }
    if n + exp < -330 {
        return Some(sign(0.0));
    }
    // Clinger: both exact, one rounding.
    if n <= 15 && (-22..=22).contains(&exp) {
        let w = digits.iter().fold(0u64, |w, &d| w * 10 + d as u64) as f64;
        let p = 10f64.powi(exp.unsigned_abs() as i32);
        return Some(sign(if exp >= 0 { w * p } else { w / p }));
    }
    Some(sign(nearest(&digits, exp)))
}

/// The `f64` nearest to digits × 10^exp (> 0), ties to even.
fn nearest(digits: &[u8], exp: i64) -> f64 {
    let mut a = Big::from_digits(digits);
    let mut pow = Big(vec![1]);
    if exp >= 0 {
        a.mul_pow10(exp as u32);
    } else {
        pow.mul_pow10((-exp) as u32);
    }
    let cmp = |m: u64, k: i32| compare_scaled(&a, &pow, m, k);
    // The largest finite float not above the value.
    let (mut lo, mut hi) = (0u64, f64::MAX.to_bits());
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        let (m, k) = parts(mid);
        if cmp(m, k) != Ordering::Less {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    // Between it and the next float up (infinity after MAX): the halfway point decides.
    let (m, k) = parts(lo);
    match cmp(2 * m + 1, k - 1) {
        Ordering::Less => f64::from_bits(lo),
        Ordering::Greater => f64::from_bits(lo + 1),
        Ordering::Equal if lo % 2 == 0 => f64::from_bits(lo),
        Ordering::Equal => f64::from_bits(lo + 1),
    }
}

/// `a / pow` against `n × 2^s`: `a × 2^-s` against `n × pow × 2^s`, the power of two on
/// whichever side keeps it whole.
fn compare_scaled(a: &Big, pow: &Big, n: u64, s: i32) -> Ordering {
    let mut l = a.clone();
    let mut r = pow.clone();
    r.mul_u64(n);
    if s < 0 {
        l.shl(s.unsigned_abs());
    } else {
        r.shl(s as u32);
    }
    l.compare(&r)
}

/// A finite `x >= 0` as `m × 2^k` (its bits' significand and exponent).
fn parts(bits: u64) -> (u64, i32) {
    let e = ((bits >> 52) & 0x7ff) as i32;
    let f = bits & ((1 << 52) - 1);
    if e == 0 {
        (f, -1074)
    } else {
        (f | (1 << 52), e - 1075)
    }
}

/// The exact decimal expansion of a finite `x > 0`: its significant digits' values (no leading
/// or trailing zeros; up to 767 of them) and the decimal exponent of the first, `x = d.ddd ×
/// 10^exp`. For the shortest round-trip digits (src/jsonw.rs), without core's float formatting.
pub fn exact_digits(x: f64) -> (Vec<u8>, i32) {
    let (m, k) = parts(x.to_bits());
    let mut b = Big(vec![m as u32, (m >> 32) as u32]);
    // x = b × 10^scale: m × 2^k, or m × 5^-k × 10^k.
    let scale = if k >= 0 {
        b.shl(k as u32);
        0
    } else {
        let mut e = k.unsigned_abs();
        while e >= 13 {
            b.mul_add(1_220_703_125, 0); // 5^13
            e -= 13;
        }
        b.mul_add(5u32.pow(e), 0);
        k
    };
    // Nine digits at a time, the lowest first.
    let mut chunks = Vec::new();
    while !b.trimmed().is_empty() {
        chunks.push(b.div_small(1_000_000_000));
    }
    let mut d = Vec::with_capacity(chunks.len() * 9);
    for (i, &c) in chunks.iter().rev().enumerate() {
        let nine: [u8; 9] = std::array::from_fn(|j| (c / 10u32.pow(8 - j as u32) % 10) as u8);
        let lead = if i == 0 {
            nine.iter().take_while(|&&v| v == 0).count()
        } else {
            0
        };
        d.extend_from_slice(&nine[lead..]);
    }
    let exp = scale + d.len() as i32 - 1;
    while d.last() == Some(&0) {
        d.pop();
    }
    (d, exp)
}

/// Whether the decimal `digits × 10^exp10` (digit values, no leading zero) is read back as the
/// finite `x > 0`: whether it lies in `x`'s rounding interval, halfway to each neighbour (nearer
/// below a power of two), its ends included when `x`'s significand is even (ties to even).
/// Exact, with two comparisons of big integers (for the shortest digits of src/jsonw.rs).
pub fn reads_back(digits: &[u8], exp10: i64, x: f64) -> bool {
    let bits = x.to_bits();
    let (m, k) = parts(bits);
    let mut a = Big::from_digits(digits);
    let mut pow = Big(vec![1]);
    if exp10 >= 0 {
        a.mul_pow10(exp10 as u32);
    } else {
        pow.mul_pow10(exp10.unsigned_abs() as u32);
    }
    let cmp = |n: u64, s: i32| compare_scaled(&a, &pow, n, s);
    let even = m % 2 == 0;
    let high = cmp(2 * m + 1, k - 1);
    // Below a power of two (not the smallest normal) the neighbour is half as far.
    let low = if m == 1 << 52 && (bits >> 52) & 0x7ff > 1 {
        cmp(4 * m - 1, k - 2)
    } else {
        cmp(2 * m - 1, k - 1)
    };
    (high == Ordering::Less || (high == Ordering::Equal && even))
        && (low == Ordering::Greater || (low == Ordering::Equal && even))
}

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(vec![0]);
        for chunk in digits.chunks(9) {
            let v = chunk.iter().fold(0u32, |v, &d| v * 10 + d as u32);
            b.mul_add(10u32.pow(chunk.len() as u32), v);
        }
        b
    }

    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = add as u64;
        for x in &mut self.0 {
            let t = *x as u64 * m as u64 + carry;
            *x = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_u64(&mut self, m: u64) {
        let mut carry = 0u128;
        for x in &mut self.0 {
            let t = *x as u128 * m as u128 + carry;
            *x = t as u32;
            carry = t >> 32;
        }
        while carry > 0 {
            self.0.push(carry as u32);
            carry >>= 32;
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e >= 9 {
            self.mul_add(1_000_000_000, 0);
            e -= 9;
        }
        self.mul_add(10u32.pow(e), 0);
    }

    fn shl(&mut self, n: u32) {
        let (words, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for x in &mut self.0 {
                let t = (*x as u64) << bits | carry;
                *x = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
        }
        self.0.splice(0..0, vec![0; words]);
    }

    /// Divides by `d` in place; the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for x in self.0.iter_mut().rev() {
            let t = rem << 32 | *x as u64;
            *x = (t / d as u64) as u32;
            rem = t % d as u64;
        }
        rem as u32
    }

    fn trimmed(&self) -> &[u32] {
        let end = self.0.iter().rposition(|&x| x != 0).map_or(0, |p| p + 1);
        &self.0[..end]
    }

    fn compare(&self, other: &Big) -> Ordering {
        let (a, b) = (self.trimmed(), other.trimmed());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed sequence of pseudo-random numbers (xorshift64), so a failure can be reproduced.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    fn agree(s: &str) {
        let ours = parse_small(s);
        let core = s.parse::<f64>().ok();
        match (ours, core) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => {
                assert_eq!(a.to_bits(), b.to_bits(), "{s:?}: ours {a:e}, core {b:e}")
            }
            (None, None) => {}
            _ => panic!("{s:?}: ours {ours:?}, core {core:?}"),
        }
    }

    #[test]
    fn hard_cases() {
        for s in [
            "0",
            "-0",
            "+0",
            "0.0",
            "00012",
            "1",
            "1.5",
            "-1.25e3",
            "4.5",
            "1,200",
            "1_000",
            "",
            "+",
            "-",
            ".",
            "..1",
            "1..",
            ".5",
            "5.",
            "1.2.3",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1E5",
            "1e-5",
            "1e+5",
            " 1",
            "1 ",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "infin",
            "0x10",
            "1f",
            "0.1",
            "0.2",
            "0.3",
            "9007199254740993",
            "9007199254740992",
            "123456789012345678901234567890",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9e-324",
            "5e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.47032822920623272e-324",
            "1e-400",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "1e308",
            "11.173913043478262",
            "7.433333333333334",
            "0.000001",
            "1e22",
            "1e23",
            "9.999999999999999e22",
            "123.456e-7",
            "1e65536",
            "1e-65536",
            "1e99999999999",
            "0e99999",
            "0.0000000000000000000000000000001e31",
        ] {
            agree(s);
        }
        // The largest subnormal and the smallest normal, written out in full, and their halfway
        // point nudged up and down.
        let long = format!("{:.1100}", f64::MIN_POSITIVE);
        agree(&long);
        agree(&format!("{:.1100}", f64::from_bits(1)));
        agree(&format!("{:.400}e-300", 2.4703282292062327));
        agree(&format!("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791{}", "9".repeat(50)));
        agree(&"1".repeat(1000));
        agree(&format!("0.{}1", "0".repeat(1000)));
    }

    /// `reads_back` (the wasm's test of a shortest-digits candidate) says what core's parser
    /// says, for a float's decimals of every length, one digit up and down, and for the
    /// neighbours of powers of two.
    #[test]
    fn reads_back_agrees_with_core() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
        let check = |x: f64, digits: &[u8], exp10: i64| {
            let text: String = digits.iter().map(|&d| (d + b'0') as char).collect();
            let core = format!("{text}e{exp10}").parse::<f64>().ok() == Some(x);
            assert_eq!(
                reads_back(digits, exp10, x),
                core,
                "{text}e{exp10} against {x:e}"
            );
        };
        let mut floats: Vec<f64> = (0..1500)
            .map(|i| match i % 3 {
                0 => f64::from_bits(next() & 0x7fef_ffff_ffff_ffff),
                1 => (next() % 10_000_000) as f64 / 10f64.powi((next() % 12) as i32),
                _ => (next() % 100_000) as f64 * 10f64.powi((next() % 8) as i32) * 1.075,
            })
            .filter(|x| *x > 0.0)
            .collect();
        // The smallest normal and its neighbours, and powers of two.
        for p in [
            f64::MIN_POSITIVE,
            2.0 * f64::MIN_POSITIVE,
            2f64.powi(-100),
            0.5,
            1.0,
            2.0,
        ]
        .into_iter()
        .chain([
            2f64.powi(52),
            2f64.powi(53),
            2f64.powi(100),
            2f64.powi(1023),
        ]) {
            floats.extend([
                p,
                f64::from_bits(p.to_bits() - 1),
                f64::from_bits(p.to_bits() + 1),
            ]);
        }
        for x in floats {
            for n in 1..=17usize {
                let s = format!("{x:.*e}", n - 1);
                let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
                let mut digits: Vec<u8> = mant
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .map(|b| b - b'0')
                    .collect();
                let exp10 = e.parse::<i64>().unwrap_or(0) - (digits.len() as i64 - 1);
                check(x, &digits, exp10);
                // One unit up and down in the last place.
                if let Some(last) = digits.iter().rposition(|&d| d < 9) {
                    let mut up = digits.clone();
                    up[last] += 1;
                    up[last + 1..].iter_mut().for_each(|d| *d = 0);
                    check(x, &up, exp10);
                }
                if let Some(last) = digits.iter().rposition(|&d| d > 0) {
                    if digits.len() > 1 || digits[0] > 1 {
                        digits[last] -= 1;
                        digits[last + 1..].iter_mut().for_each(|d| *d = 9);
                        if digits[0] > 0 {
                            check(x, &digits, exp10);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn random_texts_agree_with_core() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
        const CH: &[u8] = b"0123456789012345678901234567890123456789..eE+-";
        for _ in 0..40_000 {
            let r = next();
            let s: String = match r % 4 {
                // A random float's shortest and long forms.
                0 => {
                    let x = f64::from_bits(next() & 0x7fef_ffff_ffff_ffff);
                    if r % 8 == 0 {
                        format!("{x:e}")
                    } else {
                        format!("{x:.*e}", (next() % 25) as usize)
                    }
                }
                // Digits, a dot, an exponent.
                1 => format!(
                    "{}.{}e{}{}",
                    next() % 1_000_000_000_000_000_000,
                    next() % 10_000_000,
                    if r % 16 < 8 { "-" } else { "" },
                    next() % 340
                ),
                // News-like numbers.
                2 => format!("{}.{}", next() % 100_000, next() % 1000),
                // Any mix of the characters.
                _ => (0..1 + next() % 12)
                    .map(|_| CH[(next() % CH.len() as u64) as usize] as char)
                    .collect(),
            };
            agree(&s);
        }
    }
}
