//! Dates and periods ("7 November 2025", "Nov. 7", "2025-11-07", "in 1992", "the early 1990s",
//! "Thursday", "last year") and durations ("nearly three decades", "30 years").
//!
//! A date is an interval of days: a year is its 365 days, "the early 1990s" is 1990–1993.

use super::number::{parse_word_number, Hedge};
use super::{overlaps, Mention, Value};
use regex::Regex;
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

static DATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)
        \b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b
        | \b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>\d{{4}}))?\b
        | \b(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?
        | \b(?P<m3>{MONTH})\s+(?P<y3>\d{{4}})\b
        | \b(?:the\s+)?(?P<part>early|mid|late)?[\s-]*(?P<dec>1[5-9]\d0|20\d0)s\b
        | \b(?P<rel>(?:last|this|next)\s+(?:year|month|week))\b
        | \b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
        | (?P<pre>\b(?:in|since|by|from|until|till|through|of|during|before|after|between|and|to|year|the)\s+|\(|,\s*)(?P<year>1[6-9]\d\d|20\d\d)\b(?P<post>\s*[-–]\s*(?:1[6-9]\d\d|20\d\d)\b)?
        | ^(?P<year0>1[6-9]\d\d|20\d\d)\b
        "
    ))
    .expect("date regex")
});

static DURATIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?P<hedge>more\s+than|over|almost|nearly|about|around|roughly|some|close\s+to|at\s+least|less\s+than|under|just\s+over|just\s+under|up\s+to)?\s*
        (?P<n>\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+few|several)
        [\s-]+(?P<unit>decades?|years?|months?|weeks?|days?|centur(?:y|ies))\b
        (?P<old>[\s-]+old)?",
    )
    .expect("duration regex")
});

/// The first full date a text states (day, month and year), used as the article date when none is
/// given: news pages carry one near the top.
pub fn first_full_date(text: &str) -> Option<i32> {
    let head = &text[..text.len().min(4000)];
    let head = &head[..floor_char_boundary(head, head.len())];
    DATES.captures_iter(head).find_map(|c| {
        let (d, m, y) = if c.name("iso").is_some() {
            (
                c["id"].parse().ok()?,
                c["im"].parse().ok()?,
                c["iy"].parse().ok()?,
            )
        } else if let Some(y) = c.name("y1") {
            (
                c["d1"].parse().ok()?,
                month_number(&c["m1"])?,
                y.as_str().parse().ok()?,
            )
        } else if let Some(y) = c.name("y2") {
            (
                c["d2"].parse().ok()?,
                month_number(&c["m2"])?,
                y.as_str().parse().ok()?,
            )
        } else {
            return None;
        };
        valid_day(y, m, d).then(|| days_from_civil(y, m, d))
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Appends the dates and durations of one sentence to `out` (offsets relative to `sent`).
pub(super) fn extract(sent: &str, today: Option<i32>, out: &mut Vec<Mention>) {
    let this_year = today.map(|t| civil_from_days(t).0);
    for c in DATES.captures_iter(sent) {
        let whole = c.get(0).expect("match");
        let (mut start, end) = (whole.start(), whole.end());
        let date = if c.name("iso").is_some() {
            let (y, m, d) = (
                c["iy"].parse().unwrap_or(0),
                c["im"].parse().unwrap_or(0),
                c["id"].parse().unwrap_or(0),
            );
            valid_day(y, m, d).then(|| Date::day(y, m, d))
        } else if let Some(m) = c.name("m1").and_then(|m| month_number(m.as_str())) {
            let d: u32 = c["d1"].parse().unwrap_or(0);
            let y = c
                .name("y1")
                .and_then(|y| y.as_str().parse().ok())
                .or(this_year);
            y.filter(|&y| valid_day(y, m, d))
                .map(|y| Date::day(y, m, d))
        } else if let Some(m) = c.name("m2").and_then(|m| month_number(m.as_str())) {
            let d: u32 = c["d2"].parse().unwrap_or(0);
            let y = c
                .name("y2")
                .and_then(|y| y.as_str().parse().ok())
                .or(this_year);
            // "May 5" is a date; "May" alone is not matched here.
            y.filter(|&y| valid_day(y, m, d))
                .map(|y| Date::day(y, m, d))
        } else if let Some(m) = c.name("m3").and_then(|m| month_number(m.as_str())) {
            c["y3"].parse().ok().map(|y| Date::month(y, m))
        } else if let Some(dec) = c.name("dec") {
            let d: i32 = dec.as_str().parse().unwrap_or(0);
            Some(
                match c.name("part").map(|p| p.as_str().to_ascii_lowercase()) {
                    Some(p) if p == "early" => Date::years(d, d + 3),
                    Some(p) if p == "mid" => Date::years(d + 3, d + 6),
                    Some(p) if p == "late" => Date::years(d + 6, d + 9),
                    _ => Date::years(d, d + 9),
                },
            )
        } else if let Some(rel) = c.name("rel") {
            let rel = rel.as_str().to_ascii_lowercase();
            let shift = if rel.starts_with("last") {
                -1
            } else if rel.starts_with("next") {
                1
            } else {
                0
            };
            match today {
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
        } else if let Some(wd) = c.name("wd") {
            // A weekday in news is the most recent such day on or before the article date.
            today.map(|t| {
                let target = weekday_index(wd.as_str());
                let now = (t + 3).rem_euclid(7); // 1970-01-01 was a Thursday (index 3, Monday = 0)
                let back = (now - target).rem_euclid(7);
                let (y, m, d) = civil_from_days(t - back);
                Date::day(y, m, d)
            })
        } else if let Some(y) = c.name("year").or_else(|| c.name("year0")) {
            start = y.start();
            let first: i32 = y.as_str().parse().unwrap_or(0);
            match c.name("post") {
                Some(p) => {
                    let last: i32 = p
                        .as_str()
                        .trim_start_matches(|ch: char| !ch.is_ascii_digit())
                        .parse()
                        .unwrap_or(0);
                    (last > first).then(|| Date::years(first, last))
                }
                None => Some(Date::year(first)),
            }
        } else {
            None
        };
        let Some(date) = date else { continue };
        // A year followed by a counted noun ("2000 people") is a quantity, not a date.
        if c.name("year").is_some() && followed_by_noun(&sent[end..]) {
            continue;
        }
        if !overlaps(out, start, end) {
            out.push(Mention {
                start,
                end,
                sentence: 0,
                value: Value::Date(date),
            });
        }
    }
    for c in DURATIONS.captures_iter(sent) {
        let whole = c.get(0).expect("match");
        if c.name("old").is_some() || overlaps(out, whole.start(), whole.end()) {
            continue;
        }
        let n_text = c["n"].to_ascii_lowercase();
        let n = match n_text.as_str() {
            "a" => 1.0,
            "a few" => 3.0,
            "several" => 5.0,
            t => match t.parse::<f64>() {
                Ok(v) => v,
                Err(_) => match parse_word_number(t) {
                    Some(v) => v,
                    None => continue,
                },
            },
        };
        let unit = c["unit"].to_ascii_lowercase();
        let (years, designator, iso_n) = if unit.starts_with("decade") {
            (n * 10.0, "Y", n * 10.0)
        } else if unit.starts_with("centur") {
            (n * 100.0, "Y", n * 100.0)
        } else if unit.starts_with("year") {
            (n, "Y", n)
        } else if unit.starts_with("month") {
            (n / 12.0, "M", n)
        } else if unit.starts_with("week") {
            (n * 7.0 / 365.25, "W", n)
        } else {
            (n / 365.25, "D", n)
        };
        let hedge = c
            .name("hedge")
            .map(|h| Hedge::parse(h.as_str()))
            .unwrap_or(Hedge::None);
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
        let iso = format!("P{}{}", fmt_num(iso_n), designator);
        out.push(Mention {
            start: whole.start() + leading_space(whole.as_str()),
            end: whole.end(),
            sentence: 0,
            value: Value::Duration(amount, iso),
        });
    }
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
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
            | "miles"
            | "tons"
            | "tonnes"
            | "homes"
            | "units"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for n in [-1000, 0, 1, 10_000, 20_399, 60_000] {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(days_from_civil(y, m, d), n);
        }
        assert_eq!(days_from_civil(2025, 11, 7), 20_399);
    }
}
