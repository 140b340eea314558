//! Dates and periods ("7 November 2025", "Nov. 7", "2025-11-07", "in 1992", "the early 1990s",
//! "Thursday", "last year") and durations ("nearly three decades", "30 years").
//!
//! A date is an interval of days: a year is its 365 days, "the early 1990s" is 1990–1993.

use super::build_regex;
use super::gate::Gates;
use super::number::{hedge_before, parse_word_number_prefix, Hedge, ADDRESS_AFTER, WORDS};
use super::pattern::{ascii_space, ascii_word, set_group, space_then_word, Regex};
use super::{head, sort_by_key_if_unsorted, tail, Mention, Taken, Value};
use std::sync::LazyLock;

/// A date or period: its ISO 8601 form and the days it covers (days since 1970-01-01, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Date {
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an interval `YYYY/YYYY`.
    pub iso: String,
    /// First day of the period.
    pub first: i32,
    /// Last day of the period.
    pub last: i32,
}

impl Date {
    fn day(y: i32, m: u32, d: u32) -> Date {
        let n = days_from_civil(y, m, d);
        Date {
            iso: format!("{y:04}-{m:02}-{d:02}"),
            first: n,
            last: n,
        }
    }
    fn month(y: i32, m: u32) -> Date {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        Date {
            iso: format!("{y:04}-{m:02}"),
            first: days_from_civil(y, m, 1),
            last: days_from_civil(ny, nm, 1) - 1,
        }
    }
    /// A whole year.
    pub fn year(y: i32) -> Date {
        Date {
            iso: format!("{y:04}"),
            first: days_from_civil(y, 1, 1),
            last: days_from_civil(y + 1, 1, 1) - 1,
        }
    }
    fn years(a: i32, b: i32) -> Date {
        Date {
            iso: format!("{a:04}/{b:04}"),
            first: days_from_civil(a, 1, 1),
            last: days_from_civil(b + 1, 1, 1) - 1,
        }
    }
    /// Whether two periods share a day.
    pub fn overlaps(&self, other: &Date) -> bool {
        self.first <= other.last && other.first <= self.last
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date (year, month, day) of a day number.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const MONTH_FULL: &str =
    r"January|February|March|April|May|June|July|August|September|October|November|December";
const WEEKDAY: &str = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| s.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn valid_day(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        (d as i32) <= days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1)
    }
}

/// Whether a month or weekday name is written as a name ("March", "NOV"), not as a word
/// ("march", "may").
fn capitalised(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
}

static DATES: LazyLock<Regex> = LazyLock::new(|| {
    build_regex(&dates_src())
        .expect("date regex")
        .with_shortcut(date_at_word)
});
/// The source of [`DATES`].
fn dates_src() -> String {
    format!(
        r"(?ix)
          (?-u:\b)(?P<iso>(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}}))(?-u:\b)
        | (?-u:\b)(?P<sa>[0-9]{{1,2}})/(?P<sb>[0-9]{{1,2}})/(?P<sy>[0-9]{{4}})(?-u:\b)
        | (?-u:\b)(?:the\s+)?(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d1b>[0-9]{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>[0-9]{{4}}))?(?-u:\b)
        | (?-u:\b)(?P<m2>{MONTH})\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2b>[0-9]{{1,2}})(?:st|nd|rd|th)?)?(?-u:\b)(?:,?\s+(?P<y2>[0-9]{{4}})(?-u:\b))?
        | (?-u:\b)(?P<m3>{MONTH})\s+(?:of\s+)?(?P<y3>[0-9]{{4}})(?-u:\b)
        | (?-u:\b)(?P<m4>{MONTH_FULL})(?-u:\b)
        | (?-u:\b)(?:the\s+)?(?P<part>early|mid|late)?[\s-]*(?P<dec>1[0-9][0-9]0|20[0-9]0)s(?-u:\b)
        | (?:(?-u:\b)the\s+)?['’](?P<dec2>[0-9]0)s(?-u:\b)
        | (?-u:\b)(?:the\s+)?(?P<cent>[0-9]{{1,2}})(?:st|nd|rd|th)[\s-]+century(?-u:\b)
        | (?-u:\b)(?-i:(?P<qtr>Q[1-4]|H[12]))\s*(?P<qy>[0-9]{{4}})(?-u:\b)
        | (?-u:\b)(?:the\s+)?(?P<qn>first|second|third|fourth|final|last)\s+(?P<qk>quarter|half)\s+of\s+(?P<qy2>[0-9]{{4}})(?-u:\b)
        | (?-u:\b)(?P<rel>(?:last|this|next)\s+(?:year|month|week)|(?:earlier|later)\s+this\s+(?:year|month|week)|yesterday|tomorrow)(?-u:\b)
        | (?-u:\b)(?P<wd>{WEEKDAY})(?:\s*(?:-|–|—|/)\s*(?P<wd2>{WEEKDAY})|\s+(?:to|through|into|until)\s+(?P<wd3>{WEEKDAY}))?(?-u:\b)
        | (?P<pre>(?-u:\b)(?:{YEAR_PRE}|as\s+of)[\s-]+|\(|,\s*)(?P<year>1[6-9][0-9][0-9]|20[0-9][0-9])(?-u:\b)(?P<post>\s*[-–/]\s*(?:1[6-9][0-9][0-9]|20[0-9][0-9]|[0-9][0-9])(?-u:\b))?
        | ^(?P<year0>1[6-9][0-9][0-9]|20[0-9][0-9])(?-u:\b)
        "
    )
}

/// [`DATES`]'s group names, in the pattern's order (group k + 1 is `DATE_GROUPS[k]`; the test
/// `date_groups_are_the_patterns` checks them): [`g!`] turns a name into its number when the
/// code is compiled, where `Captures::name` searched the 35 names at each use.
const DATE_GROUPS: [&str; 35] = [
    "iso", "iy", "im", "id", "sa", "sb", "sy", "d1", "d1b", "m1", "y1", "m2", "d2", "d2b", "y2",
    "m3", "y3", "m4", "part", "dec", "dec2", "cent", "qtr", "qy", "qn", "qk", "qy2", "rel", "wd",
    "wd2", "wd3", "pre", "year", "post", "year0",
];

/// The number of [`DATES`]'s group `name` (a name not in [`DATE_GROUPS`] fails to compile).
const fn date_group(name: &str) -> usize {
    let mut k = 0;
    while k < DATE_GROUPS.len() {
        let (a, b) = (DATE_GROUPS[k].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut i = 0;
            while i < a.len() && a[i] == b[i] {
                i += 1;
            }
            if i == a.len() {
                return k + 1;
            }
        }
        k += 1;
    }
    panic!("not a group of DATES")
}

/// The number of [`DATES`]'s group called `$name`, worked out when compiling.
macro_rules! g {
    ($name:literal) => {
        const { date_group($name) }
    };
}

/// The words before a year in [`DATES`]'s `pre` branch ("in 2020", "by 2030"), but "as of".
const YEAR_PRE: &str = "in|since|by|from|until|till|through|of|during|before|after|between|and|to|year|the|on|at|for|early|late|mid|fiscal|FY|spring|summer|autumn|fall|winter|around|circa|or|a|an|its|their|his|her|our|this|that|whose";

/// Whether `w` (in lower case) is a word of [`YEAR_PRE`] (the test `year_pre_words` checks).
fn year_pre_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"in"
            | b"since"
            | b"by"
            | b"from"
            | b"until"
            | b"till"
            | b"through"
            | b"of"
            | b"during"
            | b"before"
            | b"after"
            | b"between"
            | b"and"
            | b"to"
            | b"year"
            | b"the"
            | b"on"
            | b"at"
            | b"for"
            | b"early"
            | b"late"
            | b"mid"
            | b"fiscal"
            | b"fy"
            | b"spring"
            | b"summer"
            | b"autumn"
            | b"fall"
            | b"winter"
            | b"around"
            | b"circa"
            | b"or"
            | b"a"
            | b"an"
            | b"its"
            | b"their"
            | b"his"
            | b"her"
            | b"our"
            | b"this"
            | b"that"
            | b"whose"
    )
}

/// Whether `w` (in lower case) is a word of [`WEEKDAY`].
fn weekday_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"monday" | b"tuesday" | b"wednesday" | b"thursday" | b"friday" | b"saturday" | b"sunday"
    )
}

/// [`DATES`]'s match at a word, for its two commonest shapes there, found without the engine: a
/// weekday alone ("on Thursday": the `wd` branch without a second weekday) and a year after a
/// word of [`YEAR_PRE`] ("in 2020", "by 2030": the `pre` branch without a `post`). At such a word
/// no branch before these two can match: the others start with a digit, a month, a quote, "Q" or
/// "H", or a word they need more after ("the 5th", "the 1990s", "early 1990s", "this year"), which
/// a year followed by a boundary is not. `false` (the engine decides) for anything else: a word
/// followed by a char outside ASCII, a second weekday ("Monday-Friday", "Monday to Friday"), a
/// year followed by "-" or "/" (a range), a space outside ASCII. The test
/// `date_shortcut_agrees_with_the_engine` compares both.
fn date_at_word(hay: &[u8], p: usize, slots: &mut [usize]) -> bool {
    let byte = |i: usize| hay.get(i).copied().unwrap_or(0);
    // A word starting at `p` (after an ASCII word boundary), up to nine letters, in lower case.
    if !byte(p).is_ascii_alphabetic() || (p > 0 && ascii_word(hay[p - 1])) {
        return false;
    }
    let end = space_then_word(hay, p).1;
    let len = end - p;
    if len > 9 || byte(end) >= 0x80 {
        return false;
    }
    let mut lower = [0u8; 9];
    lower[..len].copy_from_slice(&hay[p..end]);
    lower[..len].make_ascii_lowercase();
    let word = &lower[..len];
    let mut set = |g: usize, span: (usize, usize)| set_group(slots, g, span);
    // What follows the weekday or the year: white space, then a char or a word.
    let after = |from: usize| {
        let (at, to) = space_then_word(hay, from);
        (byte(at), &hay[at..to])
    };
    if weekday_word(word) {
        let (c, next) = after(end);
        let second = ["to", "through", "into", "until"]
            .iter()
            .any(|w| next.eq_ignore_ascii_case(w.as_bytes()));
        if matches!(c, b'-' | b'/') || c >= 0x80 || second {
            return false;
        }
        set(0, (p, end));
        set(g!("wd"), (p, end));
        return true;
    }
    if !year_pre_word(word) {
        return false;
    }
    let mut y = end;
    while ascii_space(byte(y)) || byte(y) == b'-' {
        y += 1;
    }
    let digit = |i: usize| byte(i).is_ascii_digit();
    let year = y > end
        && (1..4).all(|k| digit(y + k))
        && matches!((byte(y), byte(y + 1)), (b'1', b'6'..=b'9') | (b'2', b'0'))
        && !ascii_word(byte(y + 4))
        && byte(y + 4) < 0x80;
    if !year || matches!(after(y + 4).0, b'-' | b'/' | 0x80..=0xFF) {
        return false;
    }
    set(0, (p, y + 4));
    set(g!("pre"), (p, y));
    set(g!("year"), (y, y + 4));
    true
}

static DURATIONS: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&durations_src()).expect("duration regex"));
/// The source of [`DURATIONS`].
fn durations_src() -> String {
    format!(
        r"(?ix)
        (?-u:\b)(?P<n>[0-9]+(?:\.[0-9]+)?|{words}|an?)
        [\s-]+(?P<unit>decades?|years?|months?|weeks?|days?|hours?|minutes?|centur(?:y|ies))(?-u:\b)
        (?P<old>[\s-]+old)?(?P<ago>\s+ago(?-u:\b))?",
        words = *WORDS
    )
}

/// A weekday or date after a weekday: "Thursday, November 6" is one date, not two.
static DATE_AFTER_WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| build_regex(&date_after_weekday_src()).expect("weekday-date regex"));
/// The source of [`DATE_AFTER_WEEKDAY`].
fn date_after_weekday_src() -> String {
    format!(r"^,?\s*(?:[0-9]|(?:{MONTH})(?-u:\b))")
}

/// The first full date a text states (day, month and year), used as the article date when none is
/// given: news pages carry one near the top.
pub fn first_full_date(text: &str) -> Option<i32> {
    DATES.captures_iter(head(text, 4000)).find_map(|c| {
        let (d, m, y) = if c.get(g!("iso")).is_some() {
            (
                c[g!("id")].parse().ok()?,
                c[g!("im")].parse().ok()?,
                c[g!("iy")].parse().ok()?,
            )
        } else if let Some(y) = c.get(g!("y1")).filter(|_| capitalised(&c[g!("m1")])) {
            (
                c[g!("d1")].parse().ok()?,
                month_number(&c[g!("m1")])?,
                y.as_str().parse().ok()?,
            )
        } else if let Some(y) = c.get(g!("y2")).filter(|_| capitalised(&c[g!("m2")])) {
            (
                c[g!("d2")].parse().ok()?,
                month_number(&c[g!("m2")])?,
                y.as_str().parse().ok()?,
            )
        } else {
            return None;
        };
        valid_day(y, m, d).then(|| days_from_civil(y, m, d))
    })
}

/// Words before a bare month name that make it a date ("in March", "last May").
fn month_context(prev: &str) -> bool {
    matches!(
        prev,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "through"
            | "during"
            | "from"
            | "before"
            | "after"
            | "last"
            | "this"
            | "next"
            | "early"
            | "late"
            | "mid"
            | "between"
            | "and"
            | "of"
            | "to"
            | "or"
            | "on"
    )
}

/// Words before a year that make it a year even when a noun follows ("in 2020 sales fell").
fn strong_year_context(pre: &str) -> bool {
    let p = pre
        .trim_end_matches(|c: char| c.is_whitespace() || c == '-')
        .to_ascii_lowercase();
    matches!(
        p.as_str(),
        "in" | "since"
            | "by"
            | "from"
            | "until"
            | "till"
            | "through"
            | "during"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "fy"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "("
    )
}

/// The last word of `s`, lower-case.
fn last_word(s: &str) -> String {
    tail(s, 24)
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The start of the word before `at` (skipping white space): to take "last" into "last May".
fn word_start_before(sent: &str, at: usize) -> usize {
    let trimmed = sent[..at].trim_end();
    trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        })
}

/// Day number `t` as a one-day [`Date`].
fn day_of(t: i32) -> Date {
    let (y, m, d) = civil_from_days(t);
    Date::day(y, m, d)
}

fn span_of_days(first: i32, last: i32) -> Date {
    if first == last {
        return day_of(first);
    }
    Date {
        iso: week_iso(first, last),
        first,
        last,
    }
}

fn months(y: i32, m1: u32, m2: u32) -> Date {
    let a = Date::month(y, m1);
    let b = Date::month(y, m2);
    Date {
        iso: format!("{y:04}-{m1:02}/{y:04}-{m2:02}"),
        first: a.first,
        last: b.last,
    }
}

/// A day of the month with an optional second day ("7-8 November") as a date or a span.
fn day_or_days(y: Option<i32>, m: u32, d: u32, d2: Option<u32>) -> Option<Date> {
    let y = y?;
    if !valid_day(y, m, d) {
        return None;
    }
    match d2 {
        Some(d2) if d2 > d && valid_day(y, m, d2) => Some(span_of_days(
            days_from_civil(y, m, d),
            days_from_civil(y, m, d2),
        )),
        Some(_) => None,
        None => Some(Date::day(y, m, d)),
    }
}

/// Appends the dates and durations of one sentence to `out` (offsets relative to `sent`).
pub(super) fn extract(sent: &str, today: Option<i32>, gates: Gates, out: &mut Vec<Mention>) {
    let this_year = today.map(|t| civil_from_days(t).0);
    // A sentence without a digit or a word of a date without one is not searched.
    let dates = gates.dates().then(|| DATES.captures_iter(sent));
    for c in dates.into_iter().flatten() {
        let whole = c.get(0).expect("match");
        let (mut start, mut end) = (whole.start(), whole.end());
        let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if c.get(g!("iso")).is_some() {
            let (y, m, d) = (
                c[g!("iy")].parse().unwrap_or(0),
                c[g!("im")].parse().unwrap_or(0),
                c[g!("id")].parse().unwrap_or(0),
            );
            valid_day(y, m, d).then(|| Date::day(y, m, d))
        } else if c.get(g!("sy")).is_some() {
            // 25/12/2024 or 12/25/2024; 11/07/2025 is ambiguous and left alone.
            let (a, b, y) = (
                num(g!("sa")).unwrap_or(0),
                num(g!("sb")).unwrap_or(0),
                c[g!("sy")].parse().unwrap_or(0),
            );
            let (m, d) = match (a > 12, b > 12) {
                (true, false) => (b, a),
                (false, true) => (a, b),
                _ if a == b => (a, b),
                _ => (0, 0),
            };
            valid_day(y, m, d).then(|| Date::day(y, m, d))
        } else if let Some(mm) = c.get(g!("m1")) {
            let m = month_number(mm.as_str()).filter(|_| capitalised(mm.as_str()));
            let y = c
                .get(g!("y1"))
                .and_then(|y| y.as_str().parse().ok())
                .or(this_year);
            m.and_then(|m| day_or_days(y, m, num(g!("d1")).unwrap_or(0), num(g!("d1b"))))
        } else if let Some(mm) = c.get(g!("m2")) {
            let m = month_number(mm.as_str()).filter(|_| capitalised(mm.as_str()));
            let y = c
                .get(g!("y2"))
                .and_then(|y| y.as_str().parse().ok())
                .or(this_year);
            m.and_then(|m| day_or_days(y, m, num(g!("d2")).unwrap_or(0), num(g!("d2b"))))
        } else if let Some(mm) = c.get(g!("m3")) {
            let m = month_number(mm.as_str()).filter(|_| capitalised(mm.as_str()));
            m.and_then(|m| c[g!("y3")].parse().ok().map(|y| Date::month(y, m)))
        } else if let Some(mm) = c.get(g!("m4")) {
            // A month without a year: only after "in", "since", "last", …, in the article's year.
            let prev = last_word(&sent[..start]);
            match (month_number(mm.as_str()), today) {
                (Some(m), Some(t)) if capitalised(mm.as_str()) && month_context(&prev) => {
                    let (y, cm, _) = civil_from_days(t);
                    let y = match prev.as_str() {
                        "last" if m >= cm => y - 1,
                        "next" if m <= cm => y + 1,
                        _ => y,
                    };
                    if matches!(prev.as_str(), "last" | "next" | "this") {
                        start = word_start_before(sent, start);
                    }
                    Some(Date::month(y, m))
                }
                _ => None,
            }
        } else if let Some(dec) = c.get(g!("dec")) {
            let d: i32 = dec.as_str().parse().unwrap_or(0);
            Some(
                match c.get(g!("part")).map(|p| p.as_str().to_ascii_lowercase()) {
                    Some(p) if p == "early" => Date::years(d, d + 3),
                    Some(p) if p == "mid" => Date::years(d + 3, d + 6),
                    Some(p) if p == "late" => Date::years(d + 6, d + 9),
                    _ => Date::years(d, d + 9),
                },
            )
        } else if let Some(dec) = c.get(g!("dec2")) {
            let d: i32 = dec.as_str().parse().unwrap_or(0);
            let d = if d >= 30 { 1900 + d } else { 2000 + d };
            Some(Date::years(d, d + 9))
        } else if let Some(cent) = c.get(g!("cent")) {
            let n: i32 = cent.as_str().parse().unwrap_or(0);
            (1..=21)
                .contains(&n)
                .then(|| Date::years((n - 1) * 100, (n - 1) * 100 + 99))
        } else if let Some(q) = c.get(g!("qtr")) {
            let y: i32 = c[g!("qy")].parse().unwrap_or(0);
            let k: u32 = q.as_str()[1..].parse().unwrap_or(1);
            Some(if q.as_str().starts_with('Q') {
                months(y, 3 * k - 2, 3 * k)
            } else {
                months(y, 6 * k - 5, 6 * k)
            })
        } else if let Some(q) = c.get(g!("qn")) {
            let y: i32 = c[g!("qy2")].parse().unwrap_or(0);
            let half = c[g!("qk")].eq_ignore_ascii_case("half");
            let k = match q.as_str().to_ascii_lowercase().as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" => 4,
                _ if half => 2,
                _ => 4,
            };
            match (half, k) {
                (true, 1 | 2) => Some(months(y, 6 * k - 5, 6 * k)),
                (true, _) => None,
                (false, k) => Some(months(y, 3 * k - 2, 3 * k)),
            }
        } else if let Some(rel) = c.get(g!("rel")) {
            let rel = rel.as_str().to_ascii_lowercase();
            let shift = if rel.starts_with("last") {
                -1
            } else if rel.starts_with("next") {
                1
            } else {
                0
            };
            match today {
                Some(t) if rel == "yesterday" => Some(day_of(t - 1)),
                Some(t) if rel == "tomorrow" => Some(day_of(t + 1)),
                Some(t) if rel.ends_with("year") => Some(Date::year(civil_from_days(t).0 + shift)),
                Some(t) if rel.ends_with("month") => {
                    let (y, m, _) = civil_from_days(t);
                    let idx = y * 12 + m as i32 - 1 + shift;
                    Some(Date::month(
                        idx.div_euclid(12),
                        (idx.rem_euclid(12) + 1) as u32,
                    ))
                }
                Some(t) if rel.ends_with("week") => {
                    let base = t + 7 * shift - (t + 3).rem_euclid(7);
                    Some(Date {
                        iso: week_iso(base, base + 6),
                        first: base,
                        last: base + 6,
                    })
                }
                _ => None,
            }
        } else if let Some(wd) = c.get(g!("wd")) {
            let second = c.get(g!("wd2")).or_else(|| c.get(g!("wd3")));
            let names_ok =
                capitalised(wd.as_str()) && !second.is_some_and(|w| !capitalised(w.as_str()));
            // "Thursday, November 6": the date that follows says it.
            let dated = second.is_none() && DATE_AFTER_WEEKDAY.is_match(head(&sent[end..], 16));
            let prev = last_word(&sent[..start]);
            match today {
                Some(t) if names_ok && !dated => {
                    // A weekday in news is the most recent such day on or before the article
                    // date; "last Monday" is strictly before, "next Monday" strictly after.
                    let now = (t + 3).rem_euclid(7); // 1970-01-01 was a Thursday (Monday = 0)
                    let last_target = weekday_index(second.unwrap_or(wd).as_str());
                    let day = match prev.as_str() {
                        "next" => {
                            let fwd = (last_target - now).rem_euclid(7);
                            t + if fwd == 0 { 7 } else { fwd }
                        }
                        "last" => {
                            let back = (now - last_target).rem_euclid(7);
                            t - if back == 0 { 7 } else { back }
                        }
                        _ => t - (now - last_target).rem_euclid(7),
                    };
                    if matches!(prev.as_str(), "last" | "next") {
                        start = word_start_before(sent, start);
                    }
                    let first = match second {
                        Some(_) => day - (last_target - weekday_index(wd.as_str())).rem_euclid(7),
                        None => day,
                    };
                    Some(span_of_days(first, day))
                }
                _ => None,
            }
        } else if let Some(y) = c.get(g!("year")).or_else(|| c.get(g!("year0"))) {
            start = y.start();
            let first: i32 = y.as_str().parse().unwrap_or(0);
            let pre = c.get(g!("pre")).map_or("", |p| p.as_str());
            let rest = &sent[end..];
            let noun_follows = followed_by_noun(rest);
            // Only the head of the rest is looked at: lower-casing all of it made a sentence
            // of many years quadratic.
            let pct_follows = rest.trim_start().starts_with(['%', '$', '€', '£'])
                || rest
                    .trim_start()
                    .get(..7)
                    .is_some_and(|h| h.eq_ignore_ascii_case("percent"));
            // Not a year: "2000 people", "2020 km", "about 2000 dollars", "2025%".
            let strong = strong_year_context(pre) || c.get(g!("year0")).is_some();
            if pct_follows
                || (noun_follows && !strong)
                || (!strong && first < 1900)
                || ADDRESS_AFTER.is_match(head(rest, 80))
                || tail(&sent[..y.start()], 2).ends_with(['$', '€', '£', '#'])
            {
                None
            } else {
                match c.get(g!("post")) {
                    Some(p) => {
                        let digits = p
                            .as_str()
                            .trim_start_matches(|ch: char| !ch.is_ascii_digit());
                        let last: i32 = digits.parse().unwrap_or(0);
                        let last = if digits.len() == 2 {
                            first - first % 100 + last
                        } else {
                            last
                        };
                        if last > first && last - first < 100 {
                            Some(Date::years(first, last))
                        } else {
                            end = y.end();
                            Some(Date::year(first))
                        }
                    }
                    None => Some(Date::year(first)),
                }
            }
        } else {
            None
        };
        let Some(date) = date else { continue };
        out.push(Mention {
            start,
            end,
            sentence: 0,
            value: Value::Date(date),
        });
    }
    if !gates.durations() {
        sort_by_key_if_unsorted(out, |m| m.start);
        return;
    }
    let taken = Taken::new(out.iter().map(|m| (m.start, m.end)).collect());
    let mut durations = Vec::new();
    for c in DURATIONS.captures_iter(sent) {
        let whole = c.get(0).expect("match");
        let n_m = c.name("n").expect("n");
        if c.name("old").is_some() || taken.hits(whole.start(), whole.end()) {
            continue;
        }
        let n_text = n_m.as_str().to_ascii_lowercase();
        let n = match n_text.as_str() {
            "a" | "an" => 1.0,
            t => match crate::float::parse(t) {
                Some(v) => v,
                None => match parse_word_number_prefix(t) {
                    Some((v, len)) if len == t.len() => v,
                    _ => continue,
                },
            },
        };
        // A capitalised number word inside a sentence is a name; "one day" is rarely a span.
        if n_m.as_str().starts_with(|c: char| c.is_uppercase())
            && !sent[..n_m.start()].trim().is_empty()
        {
            continue;
        }
        let unit = c["unit"].to_ascii_lowercase();
        let (years, designator, iso_n, time) = if unit.starts_with("decade") {
            (n * 10.0, "Y", n * 10.0, false)
        } else if unit.starts_with("centur") {
            (n * 100.0, "Y", n * 100.0, false)
        } else if unit.starts_with("year") {
            (n, "Y", n, false)
        } else if unit.starts_with("month") {
            (n / 12.0, "M", n, false)
        } else if unit.starts_with("week") {
            (n * 7.0 / 365.25, "W", n, false)
        } else if unit.starts_with("day") {
            (n / 365.25, "D", n, false)
        } else if unit.starts_with("hour") {
            (n / 8766.0, "H", n, true)
        } else {
            (n / 525_960.0, "M", n, true)
        };
        let window = tail(&sent[..n_m.start()], 48);
        let hedge_m = hedge_before(window);
        let hedge = hedge_m
            .map(|h| Hedge::parse(&window[h.0..h.1]))
            .unwrap_or(Hedge::None);
        let start = hedge_m.map_or(n_m.start(), |h| n_m.start() - window.len() + h.0);
        if taken.hits(start, whole.end()) {
            continue;
        }
        // "three years ago" is a point in time.
        if c.name("ago").is_some() {
            if let Some(t) = today {
                let (y, m, _) = civil_from_days(t);
                let whole_n = n.round() as i32;
                let date = match designator {
                    "Y" => Some(Date::year(y - years.round() as i32)),
                    "M" if !time => {
                        let idx = y * 12 + m as i32 - 1 - whole_n;
                        Some(Date::month(
                            idx.div_euclid(12),
                            (idx.rem_euclid(12) + 1) as u32,
                        ))
                    }
                    "W" => Some(day_of(t - 7 * whole_n)),
                    "D" => Some(day_of(t - whole_n)),
                    _ => None,
                };
                if let Some(date) = date {
                    durations.push(Mention {
                        start: n_m.start(),
                        end: whole.end(),
                        sentence: 0,
                        value: Value::Date(date),
                    });
                }
            }
            continue;
        }
        let precision = if unit.starts_with("decade") {
            10.0
        } else {
            1.0
        };
        let amount = hedge.apply(
            years,
            if designator == "Y" {
                precision
            } else {
                years / n.max(1.0)
            },
        );
        let iso = format!(
            "P{}{}{}",
            if time { "T" } else { "" },
            fmt_num(iso_n),
            designator
        );
        durations.push(Mention {
            start,
            end: whole.end(),
            sentence: 0,
            value: Value::Duration(amount, iso),
        });
    }
    out.extend(durations);
    sort_by_key_if_unsorted(out, |m| m.start);
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn week_iso(first: i32, last: i32) -> String {
    let (y1, m1, d1) = civil_from_days(first);
    let (y2, m2, d2) = civil_from_days(last);
    format!("{y1:04}-{m1:02}-{d1:02}/{y2:04}-{m2:02}-{d2:02}")
}

fn weekday_index(name: &str) -> i32 {
    let n = name.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|d| n.starts_with(d))
        .unwrap_or(0) as i32
}

fn followed_by_noun(rest: &str) -> bool {
    let word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    matches!(
        word.to_ascii_lowercase().as_str(),
        "people"
            | "persons"
            | "companies"
            | "firms"
            | "jobs"
            | "troops"
            | "soldiers"
            | "workers"
            | "residents"
            | "members"
            | "customers"
            | "users"
            | "students"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "tons"
            | "tonnes"
            | "homes"
            | "houses"
            | "units"
            | "employees"
            | "staff"
            | "cases"
            | "deaths"
            | "votes"
            | "voters"
            | "children"
            | "families"
            | "refugees"
            | "migrants"
            | "patients"
            | "doctors"
            | "teachers"
            | "schools"
            | "protesters"
            | "demonstrators"
            | "delegates"
            | "participants"
            | "visitors"
            | "tourists"
            | "passengers"
            | "vehicles"
            | "cars"
            | "flights"
            | "points"
            | "dollars"
            | "euros"
            | "pounds"
            | "tenge"
            | "yen"
            | "rubles"
            | "barrels"
            | "hectares"
            | "acres"
            | "times"
    )
}

/// The source of every pattern here, by name (for the engine's tests).
pub(super) fn pattern_sources() -> Vec<(&'static str, String)> {
    vec![
        ("DATES", dates_src()),
        ("DURATIONS", durations_src()),
        ("DATE_AFTER_WEEKDAY", date_after_weekday_src()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_groups_are_the_patterns() {
        let names: Vec<_> = DATES.capture_names().collect();
        assert_eq!(names[0], None);
        assert_eq!(names.len(), DATE_GROUPS.len() + 1);
        for (k, name) in DATE_GROUPS.iter().enumerate() {
            assert_eq!(names[k + 1], Some(*name), "group {}", k + 1);
            assert_eq!(date_group(name), k + 1);
        }
    }

    #[test]
    fn year_pre_words() {
        let words: Vec<String> = YEAR_PRE.split('|').map(str::to_ascii_lowercase).collect();
        assert_eq!(words.len(), 42);
        for w in &words {
            assert!(year_pre_word(w.as_bytes()), "{w}");
        }
        for w in WEEKDAY.split('|') {
            assert!(weekday_word(w.to_ascii_lowercase().as_bytes()), "{w}");
        }
        for w in [
            "as", "of ", "i", "ins", "monday_", "mondays", "thursda", "x", "",
        ] {
            assert!(!year_pre_word(w.as_bytes()), "{w}");
            assert!(!weekday_word(w.as_bytes()), "{w}");
        }
    }

    /// The shortcut's answer at every start of a match the engine finds, where it answers, is the
    /// engine's (every group), and the iteration with it is the engine's; on the case, corpus and
    /// dev set texts and on random runs of the words, spaces and years it looks at.
    #[test]
    fn date_shortcut_agrees_with_the_engine() {
        let engine = build_regex(&dates_src()).expect("date regex");
        let groups = engine.capture_names().count();
        let mut texts = crate::extract::test_texts();
        let mut words: Vec<String> = Vec::new();
        let others = concat!(
            "as of|As Of|Mondays|Monday_|Q1|H1|November|Nov.|May|may|x|_|é|’|(|,|the|this|",
            "early|to|through|into|until|year|years|Sept|Tue\u{17f}day|\u{212a}|th|st|of"
        );
        for w in YEAR_PRE
            .split('|')
            .chain(WEEKDAY.split('|'))
            .chain(others.split('|'))
        {
            let mut c = w.chars();
            let cap: String = c
                .next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect());
            words.extend([w.to_string(), w.to_uppercase(), w.to_lowercase(), cap]);
        }
        let spaces = [
            " ", "", "-", "  ", "\t", "\n", "\u{a0}", "–", "/", " - ", ", ", " to ", " until ",
        ];
        let years = [
            "2020",
            "1599",
            "1600",
            "1999",
            "2099",
            "2100",
            "20201",
            "202",
            "2020s",
            "1990s",
            "2020-21",
            "2020–21",
            "2020/21",
            "7",
            "25",
            "2020_",
            "2020é",
            "2020 -",
            "2020\u{a0}",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut pick = |n: usize| crate::extract::test_pick(&mut seed, n);
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..1 + pick(5) {
                t.push_str(&words[pick(words.len())]);
                t.push_str(spaces[pick(spaces.len())]);
                if pick(3) > 0 {
                    t.push_str(years[pick(years.len())]);
                } else {
                    t.push_str(&words[pick(words.len())]);
                }
                t.push_str(spaces[pick(spaces.len())]);
            }
            texts.push(t);
        }
        let (mut weekdays, mut years_answered, mut declined) = (0, 0, 0);
        for t in &texts {
            for c in engine.captures_iter(t) {
                let start = c.get(0).expect("match").start();
                let mut slots = vec![usize::MAX; 2 * groups];
                if date_at_word(t.as_bytes(), start, &mut slots) {
                    let want: Vec<usize> = (0..groups)
                        .flat_map(|g| c.get(g).map_or([usize::MAX; 2], |m| [m.start(), m.end()]))
                        .collect();
                    assert_eq!(slots, want, "{t:?} at {start}");
                    weekdays += usize::from(c.get(g!("wd")).is_some());
                    years_answered += usize::from(c.get(g!("year")).is_some());
                } else {
                    declined += 1;
                }
            }
            let spans = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                re.captures_iter(t)
                    .map(|c| {
                        (0..groups)
                            .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                            .collect()
                    })
                    .collect()
            };
            assert_eq!(spans(&DATES), spans(&engine), "{t:?}");
        }
        assert!(
            weekdays > 1000 && years_answered > 1000 && declined > 1000,
            "{weekdays} weekdays and {years_answered} years answered, {declined} declined"
        );
    }

    #[test]
    fn civil_round_trip() {
        for n in [-1000, 0, 1, 10_000, 20_399, 60_000] {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(days_from_civil(y, m, d), n);
        }
        assert_eq!(days_from_civil(2025, 11, 7), 20_399);
    }
}
