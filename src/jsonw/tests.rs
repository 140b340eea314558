//! The writer against serde_json (the oracle, natively only): the same text for random values,
//! compact and pretty, and for floats of every kind, with the ties of shortest formatting sought
//! out on purpose.

use super::*;
use serde_json::{json, Map};

/// xorshift64*: a fixed sequence, so a failure can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn same_as_serde(x: f64) {
    let ours = to_text(&json!(x), false);
    let theirs = serde_json::to_string(&x).expect("json");
    assert_eq!(ours, theirs, "bits {:#x}", x.to_bits());
}

#[test]
fn floats_by_hand() {
    let cases = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.82,
        0.5,
        1.5,
        100.0,
        123456.789,
        1e15,
        9.999999999999998e14,
        1e16,
        1.5e16,
        9_007_199_254_740_992.0,
        9_007_199_254_740_994.0,
        1e-5,
        1.2e-5,
        1e-6,
        1.234e-7,
        1e21,
        1e22,
        1e23,
        1e100,
        1e300,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::from_bits(0x000f_ffff_ffff_ffff), // the largest subnormal
        1.7976931348623157e308,
        0.30000000000000004,
        4.35,
        2.675,
        (1u64 << 50) as f64 + 0.25, // ties at the 17th digit
        (1u64 << 50) as f64 + 0.75,
        12.345678,
        3.000001,
        0.000001,
        0.0000015,
        f64::EPSILON,
    ];
    for x in cases {
        same_as_serde(x);
        same_as_serde(-x);
    }
    assert_eq!(to_text(&json!(f64::NAN), false), "null");
}

#[test]
fn floats_from_random_bits() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..400_000 {
        let x = f64::from_bits(r.next());
        if x.is_finite() {
            same_as_serde(x);
        }
    }
}

/// Short decimals (what the reports write: rounded to 2 or 6 places) and integers.
#[test]
fn floats_from_short_decimals() {
    let mut r = Rng(42);
    for _ in 0..300_000 {
        let digits = 1 + r.below(17) as u32;
        let k = r.below(10u64.pow(digits)) as f64;
        let p = r.below(30) as i32 - 8;
        same_as_serde(k / 10f64.powi(p));
        same_as_serde(k * 10f64.powi(-p));
        same_as_serde((k / 1e6).round() / 1e6);
    }
}

/// Where shortest formatting may tie (x exactly halfway between two shortest candidates):
/// x = m × 2^e with e < 0, near every exponent; and powers of two, whose lower neighbour is
/// closer than the upper.
#[test]
fn floats_at_ties_and_boundaries() {
    let mut r = Rng(7);
    for e in -1074..=971 {
        for _ in 0..60 {
            let m = (1u64 << 52) | r.below(1 << 52);
            let x = m as f64 * 2f64.powi(e);
            if x.is_finite() && x != 0.0 {
                same_as_serde(x);
            }
        }
        let p = 2f64.powi(e + 52);
        if p.is_finite() && p != 0.0 {
            same_as_serde(p);
            same_as_serde(f64::from_bits(p.to_bits() - 1));
            same_as_serde(f64::from_bits(p.to_bits() + 1));
        }
    }
    // Halves and quarters of integers near 2^50..2^53 (ties at the 17th digit), where core's
    // shortest digits (`{:e}`, ties up) and serde_json's (ties to even) differ: the tie is
    // settled, and the test sees that it had ties to settle.
    let mut ties = 0;
    for _ in 0..200_000 {
        let m = (1u64 << 50) + r.below(1 << 52);
        for frac in [0.25, 0.5, 0.75, 0.125, 0.375] {
            let x = m as f64 + frac;
            same_as_serde(x);
            let core = format!("{x:e}");
            let digits = |s: &str| -> String {
                let m = s.split('e').next().unwrap_or("");
                m.chars().filter(char::is_ascii_digit).collect::<String>()
            };
            let theirs = serde_json::to_string(&x).unwrap();
            if digits(&theirs).trim_end_matches('0') != digits(&core).trim_end_matches('0') {
                ties += 1;
            }
        }
    }
    assert!(ties > 1000, "{ties} ties");
}

fn random_string(r: &mut Rng) -> String {
    const PIECES: [&str; 14] = [
        "a",
        "Kazakhstan",
        " ",
        "\"",
        "\\",
        "\n",
        "\t",
        "\r",
        "\u{8}",
        "\u{c}",
        "\u{1}",
        "\u{1f}",
        "é",
        "🙂",
    ];
    (0..r.below(12))
        .map(|_| PIECES[r.below(PIECES.len() as u64) as usize])
        .collect::<Vec<_>>()
        .concat()
        + if r.below(4) == 0 { "\u{7f}—" } else { "" }
}

fn random_value(r: &mut Rng, depth: usize) -> Json {
    let k = if depth > 4 { r.below(6) } else { r.below(9) };
    match k {
        0 => Json::Null,
        1 => json!(r.below(2) == 0),
        2 => json!(r.next() >> r.below(64)),
        3 => json!(-((r.next() >> (1 + r.below(63))) as i64)),
        4 => {
            let x = f64::from_bits(r.next());
            if x.is_finite() {
                json!(x)
            } else {
                json!(r.below(1000) as f64 / 100.0)
            }
        }
        5 => json!(random_string(r)),
        6 | 7 => {
            let mut m = Map::new();
            for _ in 0..r.below(5) {
                m.insert(random_string(r), random_value(r, depth + 1));
            }
            Json::Object(m)
        }
        _ => Json::Array(
            (0..r.below(5))
                .map(|_| random_value(r, depth + 1))
                .collect(),
        ),
    }
}

#[test]
fn values_are_written_as_serde_json_writes_them() {
    let mut r = Rng(2026);
    for _ in 0..20_000 {
        let v = random_value(&mut r, 0);
        assert_eq!(to_text(&v, false), serde_json::to_string(&v).unwrap());
        assert_eq!(to_text(&v, true), serde_json::to_string_pretty(&v).unwrap());
    }
    // Deeper than the indentation string.
    let mut deep = json!([]);
    for i in 0..40 {
        deep = json!({ "k": [deep, i] });
    }
    assert_eq!(
        to_text(&deep, true),
        serde_json::to_string_pretty(&deep).unwrap()
    );
}

#[test]
fn strings_escape_every_control_character() {
    let all: String = (0u8..0x80).map(char::from).collect();
    let v = json!({ all.clone(): all });
    assert_eq!(to_text(&v, false), serde_json::to_string(&v).unwrap());
    assert!(to_text(&v, false).contains("\\u001f"));
}

/// An ASCII-only writer's text is ASCII and reads back as the value (serde_json parses it),
/// with chars outside ASCII as `\u` escapes: a surrogate pair above U+FFFF.
#[test]
fn ascii_only_text_is_ascii_and_the_same_value() {
    let ascii = |v: &Json| {
        let mut w = Writer::ascii_only(16);
        w.value(v);
        w.finish()
    };
    let mut r = Rng(7);
    for _ in 0..20_000 {
        let v = random_value(&mut r, 0);
        let text = ascii(&v);
        assert!(text.is_ascii(), "{text}");
        // Compared as parsed: the same numbers in both texts, the strings decoded.
        let plain: Json = serde_json::from_str(&to_text(&v, false)).unwrap();
        assert_eq!(
            serde_json::from_str::<Json>(&text).unwrap(),
            plain,
            "{text}"
        );
    }
    assert_eq!(
        ascii(&json!([
            "é",
            "₸6.36",
            "🙂!",
            "a—\u{1}\"\\",
            "abcdefgh€ijklmnop"
        ])),
        r#"["\u00e9","\u20b86.36","\ud83d\ude42!","a\u2014\u0001\"\\","abcdefgh\u20acijklmnop"]"#
    );
}

/// `display_f64` is `format!("{x}")`, for floats of every kind and short decimals.
#[test]
fn display_is_core_display() {
    let mut r = Rng(11);
    let same = |x: f64| assert_eq!(display_f64(x), format!("{x}"), "bits {:#x}", x.to_bits());
    for x in [
        0.0,
        -0.0,
        1.0,
        2.5,
        0.1,
        1e-7,
        1e21,
        123456.789,
        5e-324,
        f64::MAX,
        1e15,
        1e16,
    ] {
        same(x);
        same(-x);
    }
    for _ in 0..20_000 {
        let x = f64::from_bits(r.next());
        if x.is_finite() {
            same(x);
        }
        let k = r.below(1_000_000) as f64;
        same(k / 10f64.powi(r.below(12) as i32));
    }
}
