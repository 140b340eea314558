//! Dates and periods ("7 November 2025", "Nov. 7", "2025-11-07", "in 1992", "the early 1990s",
//! "Thursday", "last year") and durations ("nearly three decades", "30 years").
//!
//! A date is an interval of days: a year is its 365 days, "the early 1990s" is 1990–1993.

use super::build_regex;
use super::gate::Gates;
use super::number::{hedge_before, parse_word_number_prefix, Hedge, ADDRESS_AFTER, WORDS};
use super::pattern::{ascii_space, ascii_word, set_group, space_then_word, Regex};
use super::{head, sort_by_key_if_unsorted, tail, Mention, Taken, Value};
use crate::segment::Sentence;
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

/// A year or other whole number of a date, as `str::parse::<i32>` reads it, through the one
/// integer parser the crate has anyway (`i64`'s): the wasm then holds one parser, not two.
pub(crate) fn int(s: &str) -> Option<i32> {
    s.parse::<i64>().ok()?.try_into().ok()
}

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
          (?-u:\b)(?P<iso>(?P<iy>[0-9]{{4}})[-/](?P<im>[0-9]{{2}})[-/](?P<id>[0-9]{{2}}))(?-u:\b)
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
        (?-u:\b)
        (?:(?P<lo>[0-9]+(?:\.[0-9]+)?)(?:\s*[-–]\s*|\s+(?:to|or|and)\s+)
          |(?P<low>{words})\s+(?:to|or|and)\s+)?
        (?P<n>[0-9]+(?:\.[0-9]+)?|{words}|half\s+an?|an?)
        [\s-]+(?P<unit>decades?|years?|months?|weeks?|days?|hours?|minutes?|centur(?:y|ies))(?-u:\b)
        (?P<half>\s+and\s+a\s+half(?-u:\b))?
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

/// The article date a text states itself, used when none is given: a full date (day, month and
/// year) on a date line near the top: a line the segmenter sets aside as a time stamp or a byline
/// ("7 NOV 2025 06:06", "Published: 2025-11-07", "By John Smith | November 7, 2025"), or a wire
/// dateline opening the first lines of prose ("ASTANA, Nov. 7, 2025 (Reuters) - ..."). A date in
/// a sentence ("The treaty was signed on 12 March 1999.") is what the sentence is about, not the
/// day it was written: "last year" there has no value.
pub fn first_full_date(text: &str, sentences: &[Sentence]) -> Option<i32> {
    let mut prose = 0;
    for s in sentences {
        if s.start >= 4000 || prose >= 3 {
            break;
        }
        let sent = &text[s.start..s.end];
        if s.junk {
            if let Some((_, _, day)) = full_date_in(sent) {
                return Some(day);
            }
            continue;
        }
        prose += 1;
        // A dateline: only capitals before the date ("ASTANA, "), a dash or "(" after it, or
        // nothing but the date ("@2025-11-07").
        if let Some((a, b, day)) = full_date_in(head(sent, 64)) {
            let after = sent[b..].trim_start_matches([' ', ',']);
            if !sent[..a].chars().any(char::is_lowercase)
                && (after.starts_with(['-', '–', '—', '('])
                    || !sent[..a]
                        .chars()
                        .chain(after.chars())
                        .any(char::is_alphabetic))
            {
                return Some(day);
            }
        }
    }
    None
}

/// The first full date (day, month and year) in `s`: its span and its day number.
fn full_date_in(s: &str) -> Option<(usize, usize, i32)> {
    DATES.captures_iter(s).find_map(|c| {
        let whole = c.get(0)?;
        let (d, m, y, start, end) = if c.get(g!("iso")).is_some() {
            (
                c[g!("id")].parse().ok()?,
                c[g!("im")].parse().ok()?,
                int(&c[g!("iy")])?,
                whole.start(),
                whole.end(),
            )
        } else if let Some(y) = c.get(g!("y1")).filter(|_| capitalised(&c[g!("m1")])) {
            (
                c[g!("d1")].parse().ok()?,
                month_number(&c[g!("m1")])?,
                int(y.as_str())?,
                whole.start(),
                whole.end(),
            )
        } else if let Some(y) = c.get(g!("y2")).filter(|_| capitalised(&c[g!("m2")])) {
            (
                c[g!("d2")].parse().ok()?,
                month_number(&c[g!("m2")])?,
                int(y.as_str())?,
                whole.start(),
                whole.end(),
            )
        } else if let Some(y) = c.get(g!("year")).or_else(|| c.get(g!("year0"))) {
            // "on 2025-11-07": the year branch took "on 2025".
            let (yy, m, d, len) = ymd_at(s, y.start())?;
            (d, m, yy, y.start(), y.start() + len)
        } else {
            return None;
        };
        valid_day(y, m, d).then(|| (start, end, days_from_civil(y, m, d)))
    })
}

/// A date written year first at `at` ("2025-11-07", "2024/11/07"): year, month, day and its
/// length.
fn ymd_at(s: &str, at: usize) -> Option<(i32, u32, u32, usize)> {
    let b = s.as_bytes().get(at..at + 10)?;
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let sep = b[4];
    let ok = digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && matches!(sep, b'-' | b'/')
        && b[7] == sep
        && !s.as_bytes().get(at + 10).is_some_and(|&c| ascii_word(c));
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    ok.then(|| (num(0..4) as i32, num(5..7), num(8..10), 10))
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
///
/// `held` gets the spans of dates that have no value here but are dates all the same, so that
/// no number is read in them: "Nov. 7" without a year or an article date.
pub(super) fn extract(
    sent: &str,
    today: Option<i32>,
    gates: Gates,
    out: &mut Vec<Mention>,
    held: &mut Vec<(usize, usize)>,
) {
    // A sentence without a digit or a word of a date without one is not searched.
    let dates = gates.dates().then(|| DATES.captures_iter(sent));
    // The end of a date that took in the next match ("from March to June 2024").
    let mut skip_to = 0;
    for c in dates.into_iter().flatten() {
        let whole = c.get(0).expect("match");
        if whole.start() < skip_to {
            continue;
        }
        let (mut start, mut end) = (whole.start(), whole.end());
        let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if c.get(g!("iso")).is_some() {
            let (y, m, d) = (
                int(&c[g!("iy")]).unwrap_or(0),
                c[g!("im")].parse().unwrap_or(0),
                c[g!("id")].parse().unwrap_or(0),
            );
            valid_day(y, m, d).then(|| Date::day(y, m, d))
        } else if c.get(g!("sy")).is_some() {
            // 25/12/2024 or 12/25/2024; 11/07/2025 is ambiguous and left alone.
            let (a, b, y) = (
                num(g!("sa")).unwrap_or(0),
                num(g!("sb")).unwrap_or(0),
                int(&c[g!("sy")]).unwrap_or(0),
            );
            let (m, d) = match (a > 12, b > 12) {
                (true, false) => (b, a),
                (false, true) => (a, b),
                _ if a == b => (a, b),
                _ => (0, 0),
            };
            valid_day(y, m, d).then(|| Date::day(y, m, d))
        } else if let Some((mm, [d, d2, yk])) = c
            .get(g!("m1"))
            .map(|m| (m, [g!("d1"), g!("d1b"), g!("y1")]))
            .or_else(|| {
                c.get(g!("m2"))
                    .map(|m| (m, [g!("d2"), g!("d2b"), g!("y2")]))
            })
        {
            let (mut d2, mut y) = (num(d2), c.get(yk).and_then(|y| int(y.as_str())));
            // "January 5 and 6, 2024": the second day and the year after it.
            if let Some((day, year, len)) =
                (y.is_none() && d2.is_none() && c.get(g!("m2")).is_some())
                    .then(|| and_day(&sent[end..]))
                    .flatten()
            {
                (d2, y, end) = (Some(day), year, end + len);
                skip_to = end;
            }
            let d = num(d).unwrap_or(0);
            month_number(mm.as_str())
                .filter(|_| capitalised(mm.as_str()))
                .and_then(|m| match (y, today) {
                    (Some(y), _) => day_or_days(Some(y), m, d, d2),
                    // In the article's year, or the one before or after as the tense says.
                    (None, Some(t)) => by_tense(sent, start, t, |y| day_or_days(Some(y), m, d, d2)),
                    (None, None) => {
                        // "on Nov. 7" with no year to give it: a date all the same, not a number.
                        held.push((start, end));
                        None
                    }
                })
        } else if let Some(mm) = c.get(g!("m3")) {
            let m = month_number(mm.as_str()).filter(|_| capitalised(mm.as_str()));
            m.and_then(|m| int(&c[g!("y3")]).map(|y| Date::month(y, m)))
        } else if let Some(mm) = c.get(g!("m4")) {
            // A month without a year: only after "in", "since", "last", …, in the article's year.
            // "January-September", "from March to June 2024": the months between.
            let prev = last_word(&sent[..start]);
            let range = month_range(&sent[end..]);
            match (month_number(mm.as_str()), range, today) {
                (Some(m), Some((m2, Some(y), len)), _)
                    if capitalised(mm.as_str()) && month_context(&prev) =>
                {
                    end += len;
                    skip_to = end;
                    Some(months_between(y, m, m2))
                }
                (Some(m), Some((m2, None, len)), Some(t))
                    if capitalised(mm.as_str()) && month_context(&prev) =>
                {
                    end += len;
                    skip_to = end;
                    by_tense(sent, start, t, |y| Some(months_between(y, m, m2)))
                }
                (Some(m), _, Some(t)) if capitalised(mm.as_str()) && month_context(&prev) => {
                    let (y, cm, _) = civil_from_days(t);
                    let date = match prev.as_str() {
                        "last" if m >= cm => Some(Date::month(y - 1, m)),
                        "next" if m <= cm => Some(Date::month(y + 1, m)),
                        "last" | "next" => Some(Date::month(y, m)),
                        _ => by_tense(sent, start, t, |y| Some(Date::month(y, m))),
                    };
                    if matches!(prev.as_str(), "last" | "next" | "this") {
                        start = word_start_before(sent, start);
                    }
                    // "early November" is its first ten days, "mid-November" the next ten,
                    // "late November" the rest: not the whole month.
                    let before =
                        sent[..start].trim_end_matches(|c: char| c.is_whitespace() || c == '-');
                    match (date, prev.as_str()) {
                        (Some(d), part @ ("early" | "mid" | "late"))
                            if before.len() >= part.len()
                                && before.is_char_boundary(before.len() - part.len()) =>
                        {
                            start = before.len() - part.len();
                            let (first, last) = match part {
                                "early" => (d.first, d.first + 9),
                                "mid" => (d.first + 10, d.first + 19),
                                _ => (d.first + 20, d.last),
                            };
                            Some(span_of_days(first, last))
                        }
                        (date, _) => date,
                    }
                }
                _ => None,
            }
        } else if let Some(dec) = c.get(g!("dec")) {
            let d = int(dec.as_str()).unwrap_or(0);
            // "the 1800s" is the century, and so is "the 1900s" most often: a round hundred
            // before 2000 covers its hundred years (a third of them for early, mid and late),
            // which holds the decade too ("the early 1900s" may be 1900-1903 or 1900-1933).
            // "the 2000s" is the decade, as people say it.
            let n = if d % 100 == 0 && d < 2000 { 33 } else { 3 };
            let last = if n == 33 { d + 99 } else { d + 9 };
            Some(
                match c.get(g!("part")).map(|p| p.as_str().to_ascii_lowercase()) {
                    Some(p) if p == "early" => Date::years(d, d + n),
                    Some(p) if p == "mid" => Date::years(d + n, d + 2 * n),
                    Some(p) if p == "late" => Date::years(last - n, last),
                    _ => Date::years(d, last),
                },
            )
        } else if let Some(dec) = c.get(g!("dec2")) {
            let d = int(dec.as_str()).unwrap_or(0);
            let d = if d >= 30 { 1900 + d } else { 2000 + d };
            Some(Date::years(d, d + 9))
        } else if let Some(cent) = c.get(g!("cent")) {
            let n = int(cent.as_str()).unwrap_or(0);
            (1..=21)
                .contains(&n)
                .then(|| Date::years((n - 1) * 100, (n - 1) * 100 + 99))
        } else if let Some(q) = c.get(g!("qtr")) {
            let y = int(&c[g!("qy")]).unwrap_or(0);
            let k: u32 = q.as_str()[1..].parse().unwrap_or(1);
            Some(if q.as_str().starts_with('Q') {
                months(y, 3 * k - 2, 3 * k)
            } else {
                months(y, 6 * k - 5, 6 * k)
            })
        } else if let Some(q) = c.get(g!("qn")) {
            let y = int(&c[g!("qy2")]).unwrap_or(0);
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
            // "the day before yesterday", "the day after tomorrow" (bytes: the tail may start
            // inside a char).
            let before = tail(&sent[..start], 16).as_bytes();
            let phrase: &[u8] = if rel == "yesterday" {
                b"the day before "
            } else {
                b"the day after "
            };
            let two = before.len() >= phrase.len()
                && before[before.len() - phrase.len()..].eq_ignore_ascii_case(phrase);
            if two && today.is_some() {
                start -= phrase.len();
            }
            let n = if two { 2 } else { 1 };
            match today {
                Some(t) if rel == "yesterday" => Some(day_of(t - n)),
                Some(t) if rel == "tomorrow" => Some(day_of(t + n)),
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
                        // "will speak on Monday": the next Monday, on or after the article date.
                        _ if future_before(&sent[..start]) => t + (last_target - now).rem_euclid(7),
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
        } else if let Some((y, (yy, m, d, len))) = c
            .get(g!("year"))
            .or_else(|| c.get(g!("year0")))
            .and_then(|y| Some((y, ymd_at(sent, y.start())?)))
        {
            // "on 2025-11-07": the year branch, which starts at "on", took only "2025".
            start = y.start();
            end = start + len;
            valid_day(yy, m, d).then(|| Date::day(yy, m, d))
        } else if let Some(y) = c.get(g!("year")).or_else(|| c.get(g!("year0"))) {
            start = y.start();
            let first = int(y.as_str()).unwrap_or(0);
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
                        let last = int(digits).unwrap_or(0);
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
                    // "from 1998 to 2004", "between 1998 and 2004": the years between.
                    None if matches!(last_word(pre).as_str(), "from" | "between") => {
                        match second_year(rest, first) {
                            Some((last, len)) => {
                                end += len;
                                skip_to = end;
                                Some(Date::years(first, last))
                            }
                            None => Some(Date::year(first)),
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
        let number = |t: &str| {
            let t = t.to_ascii_lowercase();
            match t.as_str() {
                "a" | "an" => Some(1.0),
                _ if t.starts_with("half") => Some(0.5),
                t => crate::float::parse(t).or_else(|| match parse_word_number_prefix(t) {
                    Some((v, len)) if len == t.len() => Some(v),
                    _ => None,
                }),
            }
        };
        // "$2,000 a month", "5,000 cars a week", "$25 an hour": the rate of the figure before
        // it, not a span of time.
        if n_m.as_str().len() <= 2 && n_m.as_str().starts_with(['a', 'A']) {
            let before = sent[..n_m.start()].trim_end();
            let noun = before.rfind(' ').map_or(0, |i| i + 1);
            let figure = |s: &str| s.ends_with(|c: char| c.is_ascii_digit() || c == '%');
            if figure(before) || figure(before[..noun].trim_end()) {
                continue;
            }
        }
        let Some(mut n) = number(n_m.as_str()) else {
            continue;
        };
        if c.name("half").is_some() {
            n += 0.5; // "a year and a half"
        }
        // The lower end of a range ("two to three years", "2-3 years", "between 5 and 10
        // years"): "and" only after "between"; an end above the other is no range.
        let lo_m = c.name("lo").or_else(|| c.name("low"));
        let between = lo_m.and_then(|m| {
            let before = sent[..m.start()].trim_end();
            let b = before.len().checked_sub(7)?;
            before
                .get(b..)
                .filter(|w| w.eq_ignore_ascii_case("between"))
                .map(|_| b)
        });
        let joined_by_and = lo_m.is_some_and(|m| {
            let join = &sent[m.end()..n_m.start()];
            join.trim().eq_ignore_ascii_case("and")
        });
        let lo = lo_m
            .filter(|_| !joined_by_and || between.is_some())
            .and_then(|m| Some((m.start(), number(m.as_str())?)))
            .filter(|&(_, lo)| lo < n);
        // A capitalised number word inside a sentence is a name; "one day" is rarely a span.
        let first = lo_m.unwrap_or(n_m);
        if first.as_str().starts_with(|c: char| c.is_uppercase())
            && !sent[..first.start()].trim().is_empty()
        {
            continue;
        }
        let unit = c["unit"].to_ascii_lowercase();
        // Years in one unit, the unit's ISO letter, and whether it is a time (after "T").
        let (per, designator, time) = if unit.starts_with("decade") {
            (10.0, "Y", false)
        } else if unit.starts_with("centur") {
            (100.0, "Y", false)
        } else if unit.starts_with("year") {
            (1.0, "Y", false)
        } else if unit.starts_with("month") {
            (1.0 / 12.0, "M", false)
        } else if unit.starts_with("week") {
            (7.0 / 365.25, "W", false)
        } else if unit.starts_with("day") {
            (1.0 / 365.25, "D", false)
        } else if unit.starts_with("hour") {
            (1.0 / 8766.0, "H", true)
        } else {
            (1.0 / 525_960.0, "M", true)
        };
        // Decades and centuries are written in years.
        let in_iso = if designator == "Y" { per } else { 1.0 };
        let years = n * per;
        let from = match (between, lo) {
            (Some(b), Some(_)) => b,
            (_, Some((at, _))) => at,
            _ => n_m.start(),
        };
        let window = tail(&sent[..from], 48);
        let hedge_m = hedge_before(window);
        let hedge = hedge_m
            .map(|h| Hedge::parse(&window[h.0..h.1]))
            .unwrap_or(Hedge::None);
        let start = hedge_m.map_or(from, |h| from - window.len() + h.0);
        if taken.hits(start, whole.end()) {
            continue;
        }
        // "three years ago" is a point in time.
        if c.name("ago").is_some() {
            // "10 to 15 years ago": the years between (2010/2015 in 2025).
            if let (Some(t), Some((_, lo)), "Y") = (today, lo, designator) {
                let y = civil_from_days(t).0;
                let (a, b) = ((n * per).round() as i32, (lo * per).round() as i32);
                durations.push(Mention {
                    start,
                    end: whole.end(),
                    sentence: 0,
                    value: Value::Date(Date::years(y - a, y - b)),
                });
            }
            // Kept from numbers whether or not a date comes of it (none without an article
            // date, for weeks or days of a range, or for half a unit).
            held.push((start, whole.end()));
            if let (Some(t), None, 0.0) = (today, lo, n.fract()) {
                let (y, m, _) = civil_from_days(t);
                let whole_n = n.round() as i32;
                let date = match designator {
                    "Y" => years_ago(y, years.round() as i32, per, hedge),
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
        let mut amount = hedge.apply(years, if designator == "Y" { precision } else { per });
        // A range: its midpoint stands for it in the ISO value ("P2.5Y" for two to three years).
        let mut iso_n = n * in_iso;
        if let Some((_, lo)) = lo {
            amount.low = Some(lo * per);
            amount.high = Some(years);
            amount.value = (lo + n) / 2.0 * per;
            amount.bound = super::Bound::Range;
            iso_n = (lo + n) / 2.0 * in_iso;
        }
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

/// What the words before a date say of its time: `Some(true)`, still to come, after "will" or
/// "shall" ("will speak on Monday"), "upcoming", "is scheduled", "are due", "is set" ("is set for
/// June") or "take(s) effect" ("takes effect in January"); `Some(false)`, past, after "was",
/// "were", "had", "did" or a past participle ("Rates were cut", "The bank raised rates");
/// `None` when they say neither ("The festival opens on Dec. 3"). Only the date's own clause is
/// read, from the last comma, colon, dash or quotation mark: in "'We will,' he said, adding that
/// sales had risen in June" the "will" is not about June.
fn tense_before(before: &str) -> Option<bool> {
    // Bytes, not chars: the clause marks outside ASCII (“ ” — –) are E2 80 and one of 9C 9D 94
    // 93, and the words looked for are ASCII.
    let b = tail(before, 60).as_bytes();
    let from = (0..b.len())
        .rev()
        .find(|&i| {
            matches!(b[i], b',' | b';' | b':' | b'"')
                || (i >= 2
                    && b[i - 2] == 0xE2
                    && b[i - 1] == 0x80
                    && matches!(b[i], 0x93 | 0x94 | 0x9C | 0x9D))
        })
        .map_or(0, |i| i + 1);
    let mut prev: &[u8] = b"";
    let mut past = false;
    for w in b[from..].split(|c| !c.is_ascii_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        let future = match w {
            b"will" | b"shall" | b"upcoming" => true,
            b"scheduled" | b"due" | b"set" => matches!(prev, b"is" | b"are"),
            b"effect" => matches!(prev, b"take" | b"takes"),
            _ => false,
        };
        if future {
            return Some(true);
        }
        past |= matches!(w, b"was" | b"were" | b"had" | b"did")
            || (w.len() > 4
                && w.ends_with(b"ed")
                && !w.ends_with(b"eed")
                && w[0].is_ascii_lowercase());
        prev = w;
    }
    past.then_some(false)
}

/// Whether the words before a date say it is still to come (see [`tense_before`]).
fn future_before(before: &str) -> bool {
    tense_before(before) == Some(true)
}

/// A date without a year, `make(year)`, in the year of the article date `today` or the year
/// before or after it, as the tense says: a past event does not fall after the article date
/// ("Rates were cut on Dec. 18" in an article of 5 January 2025 is 2024-12-18), an event still to
/// come not before it ("The law takes effect in January" in one of 7 November 2025 is 2026-01).
/// Without a tense, only a date more than half a year ahead goes to the year before: news drops
/// the year of a date within some months, and "The festival opens on Dec. 3" in November is this
/// December. `at`: where the date starts in `sent`.
fn by_tense(sent: &str, at: usize, today: i32, make: impl Fn(i32) -> Option<Date>) -> Option<Date> {
    let y = civil_from_days(today).0;
    let date = make(y)?;
    if date.last < today && future_before(&sent[..at]) {
        make(y + 1)
    } else if date.first > today
        && (date.first > today + 183 || tense_before(&sent[..at]) == Some(false))
    {
        make(y - 1)
    } else {
        Some(date)
    }
}

/// The months `m1` to `m2` ending in year `y` ("November to February 2025" starts in 2024).
fn months_between(y: i32, m1: u32, m2: u32) -> Date {
    let y1 = if m2 < m1 { y - 1 } else { y };
    let (a, b) = (Date::month(y1, m1), Date::month(y, m2));
    Date {
        iso: format!("{y1:04}-{m1:02}/{y:04}-{m2:02}"),
        first: a.first,
        last: b.last,
    }
}

/// The first `N` words of `rest` (ASCII letters and digits, split at white space and commas) and
/// where each ends; empty after the last.
fn words_after<const N: usize>(rest: &str) -> [(&str, usize); N] {
    let hay = rest.as_bytes();
    let mut out = [("", 0); N];
    let mut at = 0;
    for slot in &mut out {
        while hay.get(at).is_some_and(|&b| ascii_space(b) || b == b',') {
            at += 1;
        }
        let (s, e) = space_then_word(hay, at);
        if e == s {
            break;
        }
        *slot = (&rest[s..e], e);
        at = e;
    }
    out
}

/// A second month after a month ("-September", " to June 2024", " and February 2024"): its
/// number, the year after it if any, and the length taken.
fn month_range(rest: &str) -> Option<(u32, Option<i32>, usize)> {
    let t = rest.trim_start();
    let link = if let Some(r) = t.strip_prefix(['-', '–']) {
        r
    } else {
        let (w, e) = words_after::<1>(rest)[0];
        if !matches!(w, "to" | "through" | "until" | "till" | "and") {
            return None;
        }
        &rest[e..]
    };
    let at = rest.len() - link.len();
    let [(m, me), (of, oe), (y, ye)] = words_after::<3>(link);
    // "from March to June 5" is a span of days, not of months.
    if of.bytes().next().is_some_and(|b| b.is_ascii_digit()) && of.len() <= 3 {
        return None;
    }
    let full = MONTH_FULL.split('|').any(|f| f == m);
    let m2 = month_number(m).filter(|_| full)?;
    let year = |w: &str| {
        (w.len() == 4)
            .then(|| int(w))
            .flatten()
            .filter(|y| (1600..2100).contains(y))
    };
    Some(match (year(of), of == "of", year(y)) {
        (Some(y), _, _) => (m2, Some(y), at + oe),
        (None, true, Some(y)) => (m2, Some(y), at + ye),
        _ => (m2, None, at + me),
    })
}

/// The second day after a month and a day ("January 5 and 6, 2024"): the day, the year if it
/// follows, and the length taken.
fn and_day(rest: &str) -> Option<(u32, Option<i32>, usize)> {
    let [(and, _), (d, de), (y, ye)] = words_after::<3>(rest);
    if !matches!(and, "and" | "&") {
        return None;
    }
    let day = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &d[day.len()..];
    if day.is_empty() || day.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let day: u32 = day.parse().ok()?;
    let comma = rest[de..].starts_with(',');
    let year = (y.len() == 4)
        .then(|| int(y))
        .flatten()
        .filter(|y| (1600..2100).contains(y));
    Some(match year {
        Some(y) => (day, Some(y), ye),
        None if !comma => (day, None, de),
        None => return None,
    })
}

/// The year closing a span after a year ("from 1998 to 2004"): the year and the length taken.
fn second_year(rest: &str, first: i32) -> Option<(i32, usize)> {
    let [(to, _), (y, ye)] = words_after::<2>(rest);
    if !matches!(to, "to" | "until" | "till" | "through" | "and") || y.len() != 4 {
        return None;
    }
    let last = int(y)?;
    let after = &rest[ye..];
    (last > first
        && last - first < 100
        && !followed_by_noun(after)
        && !after.trim_start().starts_with('%'))
    .then_some((last, ye))
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        crate::jsonw::display_f64(n)
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

/// The year or years that "`n` years ago" names in year `y`, in whole years (`per`: years a unit
/// counts, 10 for decades), with the hedge before it. A decade or a century counted is round
/// ("three decades ago" in 2025 is 1990/2000, not 1995), as is a count said to be about
/// ("about 30 years ago": 1992/1998, a tenth either way) or nearly reached ("nearly 30 years
/// ago": 1995/1998); "less than 30 years ago" is 1995/2025. "More than 30 years ago" has no
/// earliest year: no date.
fn years_ago(y: i32, n: i32, per: f64, hedge: Hedge) -> Option<Date> {
    let round = if per > 1.0 {
        (per / 2.0).round() as i32
    } else {
        0
    };
    let near = round.max((n + 5) / 10).max(1);
    let (early, late) = match hedge {
        Hedge::None => (round, round),
        Hedge::About => (near, near),
        Hedge::Below => (round, near),
        Hedge::LessThan | Hedge::AtMost => (round, n),
        Hedge::MoreThan | Hedge::AtLeast => return None,
    };
    Some(if early == 0 && late == 0 {
        Date::year(y - n)
    } else {
        Date::years(y - n - early, y - n + late)
    })
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
