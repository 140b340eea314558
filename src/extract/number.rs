//! Numbers, money, percentages, quantities and ordinals, with hedges resolved to intervals.
//!
//! One regex finds a hedge, a currency, a number in digits or words (or a share such as "a
//! quarter"), a range, a scale word and a percent sign; the words after it give the counted noun.

use super::{overlaps, Amount, Bound, Mention, Value};
use regex::Regex;
use std::sync::LazyLock;

/// A hedge word before a number, as it bounds the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hedge {
    None,
    About,
    Below,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
}

impl Hedge {
    pub(crate) fn parse(s: &str) -> Hedge {
        let s = s.trim().to_ascii_lowercase();
        let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        match s.as_str() {
            "more than" | "over" | "above" | "just over" | "upwards of" | "in excess of" => {
                Hedge::MoreThan
            }
            "at least" | "no fewer than" | "no less than" => Hedge::AtLeast,
            "almost" | "nearly" | "just under" | "close to" | "just shy of" => Hedge::Below,
            "about" | "around" | "roughly" | "some" | "approximately" | "~" | "an estimated"
            | "an approximate" | "approx." | "circa" => Hedge::About,
            "less than" | "fewer than" | "under" | "below" => Hedge::LessThan,
            "up to" | "at most" | "no more than" => Hedge::AtMost,
            _ => Hedge::None,
        }
    }

    /// The interval this hedge gives `v`, stated to `precision`.
    pub(crate) fn apply(self, v: f64, precision: f64) -> Amount {
        let mut a = Amount::exact(v, precision);
        match self {
            Hedge::None => {}
            Hedge::About => {
                a.bound = Bound::About;
                a.low = Some(v * 0.925);
                a.high = Some(v * 1.075);
            }
            Hedge::Below => {
                a.bound = Bound::About;
                a.below_near = true;
                a.low = Some(v * 0.85);
                a.high = Some(v);
            }
            Hedge::MoreThan => {
                a.bound = Bound::MoreThan;
                a.high = None;
            }
            Hedge::AtLeast => {
                a.bound = Bound::AtLeast;
                a.high = None;
            }
            Hedge::LessThan => {
                a.bound = Bound::LessThan;
                a.low = None;
            }
            Hedge::AtMost => {
                a.bound = Bound::AtMost;
                a.low = None;
            }
        }
        a
    }
}

const HEDGE: &str = r"(?P<hedge>\b(?:more\s+than|just\s+over|over|above|upwards\s+of|in\s+excess\s+of|at\s+least|no\s+fewer\s+than|no\s+less\s+than|almost|nearly|just\s+under|just\s+shy\s+of|close\s+to|about|around|roughly|some|approximately|an\s+estimated|less\s+than|fewer\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than)\s+|~\s*)?";
const DIGITS: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+";
const WORDS: &str = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)(?:(?:\s+and\s+|[\s-])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand))*";
const FRACTION: &str = r"a\s+quarter|a\s+third|a\s+half|half|one[\s-]half|one[\s-]third|one[\s-]quarter|one[\s-]fifth|two[\s-]thirds|three[\s-]quarters|three[\s-]fifths|two[\s-]fifths|(?:one|two|three)\s+in\s+(?:three|four|five|six|seven|eight|nine|ten|\d+)|(?:one|two|three)\s+out\s+of\s+(?:three|four|five|six|seven|eight|nine|ten|\d+)";
const CURRENCY: &str = r"US\$|A\$|C\$|\$|€|£|¥|₸|USD\s?|EUR\s?|GBP\s?|KZT\s?";
const SCALE: &str = r"thousand|million|billion|trillion|bn|mn|m|k";

static NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        {HEDGE}
        (?:(?P<between>between|from)\s+)?
        (?P<cur>{CURRENCY})?
        (?:
            (?P<num>{DIGITS})(?P<ord>st|nd|rd|th)?
          | \b(?P<frac>{FRACTION})\b
          | \b(?P<words>{WORDS})\b
        )
        (?:\s*(?:-|–|to|and)\s*(?P<cur2>{CURRENCY})?(?P<num2>{DIGITS})(?:\b|\s))?
        (?:\s*(?P<scale>{SCALE})\b)?
        (?:\s*(?P<pct>%|\bpercent\b|\bper\s+cent\b|\bpercentage\s+points?\b|\bpct\b))?
        (?:\s+(?P<curname>dollars?|euros?|pounds\s+sterling|yen|tenge|rubles?|roubles?|USD|EUR|GBP|JPY|KZT)\b)?
        "
    ))
    .expect("number regex")
});

static ORDINALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<n>\d+)(?:st|nd|rd|th)|(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(?:the\s+)?(?P<sup>largest|biggest))\b",
    )
    .expect("ordinal regex")
});

/// A number written in words: "two hundred and fifty" → 250, "twenty-one" → 21.
pub(crate) fn parse_word_number(s: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    for w in s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        let w = w.to_ascii_lowercase();
        let small = match w.as_str() {
            "zero" => 0.0,
            "one" | "a" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            "dozen" => 12.0,
            "and" => continue,
            "hundred" => {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
                any = true;
                continue;
            }
            "thousand" => {
                total += if current == 0.0 {
                    1000.0
                } else {
                    current * 1000.0
                };
                current = 0.0;
                any = true;
                continue;
            }
            _ => return None,
        };
        current += small;
        any = true;
    }
    any.then_some(total + current)
}

fn parse_digits(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// The place of the last significant digit: 100 for "600", 0.1 for "1.1", 1000 for "2,000".
fn precision_of(s: &str) -> f64 {
    let s = s.replace(',', "");
    if let Some((_, frac)) = s.split_once('.') {
        return 10f64.powi(-(frac.len() as i32));
    }
    let zeros = s.bytes().rev().take_while(|&b| b == b'0').count();
    if zeros == s.len() {
        1.0
    } else {
        10f64.powi(zeros as i32)
    }
}

fn scale_of(s: &str) -> f64 {
    match s.to_ascii_lowercase().as_str() {
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => 1.0,
    }
}

fn fraction_value(s: &str) -> Option<f64> {
    let s = s.to_ascii_lowercase().replace('-', " ");
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match s.as_str() {
        "a quarter" | "one quarter" => 25.0,
        "a third" | "one third" => 100.0 / 3.0,
        "a half" | "half" | "one half" => 50.0,
        "one fifth" => 20.0,
        "two thirds" => 200.0 / 3.0,
        "three quarters" => 75.0,
        "three fifths" => 60.0,
        "two fifths" => 40.0,
        _ => {
            let (a, b) = s.split_once(" in ").or_else(|| s.split_once(" out of "))?;
            let a = parse_word_number(a)?;
            let b = b.parse::<f64>().ok().or_else(|| parse_word_number(b))?;
            if b == 0.0 {
                return None;
            }
            100.0 * a / b
        }
    })
}

fn currency_code(symbol: &str) -> &'static str {
    let s = symbol.trim().to_ascii_lowercase();
    match s.as_str() {
        "$" | "us$" | "usd" | "dollar" | "dollars" => "USD",
        "a$" => "AUD",
        "c$" => "CAD",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" | "pounds sterling" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₸" | "kzt" | "tenge" => "KZT",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        _ => "USD",
    }
}

/// Words that end a counted-noun search: function words and common verbs.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "from"
            | "by"
            | "with"
            | "than"
            | "as"
            | "that"
            | "which"
            | "who"
            | "per"
            | "each"
            | "more"
            | "less"
            | "this"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "since"
            | "into"
            | "across"
            | "over"
            | "under"
            | "about"
            | "after"
            | "before"
            | "during"
            | "between"
            | "while"
            | "when"
            | "where"
            | "but"
            | "if"
            | "so"
            | "up"
            | "down"
            | "out"
            | "also"
            | "still"
            | "now"
            | "then"
            | "ago"
            | "earlier"
            | "later"
            | "globally"
            | "worldwide"
            | "percent"
            | "cent"
            | "times"
            | "new"
            | "operate"
            | "work"
            | "live"
            | "do"
            | "did"
            | "does"
            | "not"
            | "no"
            | "all"
            | "some"
            | "other"
            | "such"
            | "only"
            | "just"
            | "it"
            | "they"
            | "we"
            | "he"
            | "she"
            | "you"
            | "i"
            | "said"
            | "says"
            | "according"
            | "year"
            | "years"
            | "month"
            | "months"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "decade"
            | "decades"
    )
}

/// Singular, lower-case form of a counted noun: "companies" → "company", "people" → "person".
pub fn singular(w: &str) -> String {
    let w = w.to_lowercase();
    match w.as_str() {
        "people" => return "person".into(),
        "children" => return "child".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "kilometres" | "kilometers" => return "km".into(),
        _ => {}
    }
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() > 1 {
            return format!("{stem}y");
        }
    }
    for suf in ["sses", "shes", "ches", "xes"] {
        if w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > 3
    {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// The counted noun after a number: skips up to two capitalised qualifiers ("600 American
/// companies") and takes the next lower-case word unless it is a function word or verb.
fn counted_noun(rest: &str) -> Option<String> {
    let mut words = rest
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let mut skipped = 0;
    let first_char_ok = |w: &str| w.chars().next().is_some_and(|c| c.is_alphabetic());
    if rest.starts_with(|c: char| !c.is_whitespace()) {
        // "600km" or "600," — only a unit glued to the digits counts.
        let glued: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        return matches!(
            glued.as_str(),
            "km" | "kg" | "m" | "cm" | "mm" | "t" | "mw" | "gw" | "kw" | "mph" | "ha"
        )
        .then_some(glued);
    }
    loop {
        let raw = words.next()?;
        let w: String = raw
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '-')
            .collect();
        if w.is_empty() || !first_char_ok(&w) {
            return None;
        }
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
        if cap {
            skipped += 1;
            if skipped > 3 || raw.ends_with([',', '.', ';', ':']) {
                return None;
            }
            continue;
        }
        let lower = w.to_lowercase();
        if is_stop(&lower) || lower.ends_with("ly") || lower.len() < 2 {
            return None;
        }
        return Some(singular(&lower));
    }
}

/// What a rank ranks: the next noun ("first Asian country" → country), or the measure after
/// "in" ("50th globally in total GDP" → gdp, "60th in the 2023 Human Development Index" → index).
fn ranked_noun(rest: &str) -> Option<String> {
    let words: Vec<String> = rest
        .split_whitespace()
        .take(7)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .take_while(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_lowercase();
        if w == "in"
            || w == "globally"
            || w == "worldwide"
            || w == "the"
            || w.chars().all(|c| c.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        if w.chars().next().is_some_and(|c| c.is_alphabetic()) && !is_stop(&w) {
            // Skip qualifiers: the ranked noun is the last word of a run before a function word.
            let mut j = i;
            while j + 1 < words.len()
                && !is_stop(&words[j + 1].to_lowercase())
                && words[j + 1]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic())
                && j < i + 3
            {
                j += 1;
            }
            return Some(singular(&words[j]));
        }
        return None;
    }
    None
}

/// Appends the numeric mentions of one sentence (relative offsets), skipping spans in `taken`.
pub(super) fn extract(sent: &str, taken: &[Mention], out: &mut Vec<Mention>) {
    for c in NUMBERS.captures_iter(sent) {
        let whole = c.get(0).expect("match");
        let mut start = whole.start();
        let mut end = whole.end();
        // Trailing white space captured by the range branch belongs to no one.
        end -= sent[start..end].len() - sent[start..end].trim_end().len();
        start += sent[start..end].len() - sent[start..end].trim_start().len();
        if c.name("num2").is_none() {
            if let Some(b) = c.name("between") {
                // "from 21 countries": the preposition is not part of the number.
                start = sent[b.end()..].len() - sent[b.end()..].trim_start().len() + b.end();
            }
        }
        if overlaps(taken, start, end) {
            // A year or date already took part of it; try the bare number alone outside it.
            continue;
        }
        // Clock times ("06:06") and scores are not figures.
        if sent[..start].ends_with(':')
            || sent[end..].starts_with(':')
                && sent[end + 1..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        if c.name("ord").is_some() {
            continue; // "50th": an ordinal, handled below
        }
        let hedge = c
            .name("hedge")
            .map(|h| Hedge::parse(h.as_str()))
            .unwrap_or(Hedge::None);
        let scale = c.name("scale").map(|s| s.as_str()).unwrap_or("");
        // "m" and "k" count as scales only glued to a currency amount ("$5m", "£20k").
        let scale_factor = if matches!(scale.to_ascii_lowercase().as_str(), "m" | "k")
            && c.name("cur").is_none()
        {
            end = c.name("scale").map(|s| s.start()).unwrap_or(end);
            end -= sent[start..end].len() - sent[start..end].trim_end().len();
            1.0
        } else {
            scale_of(scale)
        };
        let is_pct = c.name("pct").is_some();
        let (value, precision) = if let Some(n) = c.name("num") {
            let Some(v) = parse_digits(n.as_str()) else {
                continue;
            };
            (v, precision_of(n.as_str()))
        } else if let Some(f) = c.name("frac") {
            let Some(v) = fraction_value(f.as_str()) else {
                continue;
            };
            // A share ("a quarter of …") is a percentage of something.
            let mention = Mention {
                start,
                end,
                sentence: 0,
                value: Value::Percent(hedge.apply(v, 5.0)),
            };
            out.push(mention);
            continue;
        } else if let Some(w) = c.name("words") {
            let Some(v) = parse_word_number(w.as_str()) else {
                continue;
            };
            // A lone "one" is rarely a figure ("one of the…"); keep it only with a scale.
            if v <= 1.0 && scale_factor == 1.0 {
                continue;
            }
            (v, 1.0)
        } else {
            continue;
        };
        let mut amount = hedge.apply(value * scale_factor, precision * scale_factor);
        if let Some(n2) = c.name("num2").and_then(|n| parse_digits(n.as_str())) {
            let hi = n2 * scale_factor;
            let lo = value * scale_factor;
            // "2019-2020" style spans and "1-0" scores are not ranges of one quantity.
            if hi > lo && (c.name("between").is_some() || hi < lo * 100.0) {
                amount = Amount {
                    value: (lo + hi) / 2.0,
                    low: Some(lo),
                    high: Some(hi),
                    bound: Bound::Range,
                    precision: precision * scale_factor,
                    below_near: false,
                };
            }
        }
        let value = if let Some(cur) = c
            .name("cur")
            .or_else(|| c.name("cur2"))
            .or_else(|| c.name("curname"))
        {
            Value::Money(amount, currency_code(cur.as_str()).to_string())
        } else if is_pct {
            Value::Percent(amount)
        } else if let Some(unit) = counted_noun(&sent[end..]) {
            Value::Quantity(amount, unit)
        } else {
            Value::Number(amount)
        };
        out.push(Mention {
            start,
            end,
            sentence: 0,
            value,
        });
    }
    let numeric_end = out.len();
    for c in ORDINALS.captures_iter(sent) {
        let m = c.get(0).expect("match");
        if overlaps(taken, m.start(), m.end())
            || overlaps(&out[..numeric_end], m.start(), m.end()) && c.name("n").is_none()
        {
            continue;
        }
        let value = if let Some(n) = c.name("n") {
            match n.as_str().parse() {
                Ok(v) => v,
                Err(_) => continue,
            }
        } else if let Some(w) = c.name("w") {
            [
                "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                "ninth", "tenth",
            ]
            .iter()
            .position(|x| x.eq_ignore_ascii_case(w.as_str()))
            .map(|i| i as i64 + 1)
            .unwrap_or(0)
        } else {
            1
        };
        let noun = ranked_noun(&sent[m.end()..]).unwrap_or_default();
        out.push(Mention {
            start: m.start(),
            end: m.end(),
            sentence: 0,
            value: Value::Ordinal(value, noun),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_numbers() {
        assert_eq!(parse_word_number("two hundred and fifty"), Some(250.0));
        assert_eq!(parse_word_number("twenty-one"), Some(21.0));
        assert_eq!(parse_word_number("three thousand"), Some(3000.0));
        assert_eq!(parse_word_number("banana"), None);
    }

    #[test]
    fn precision() {
        assert_eq!(precision_of("600"), 100.0);
        assert_eq!(precision_of("1.1"), 0.1);
        assert_eq!(precision_of("2,000"), 1000.0);
        assert_eq!(precision_of("13,780"), 10.0);
    }
}
