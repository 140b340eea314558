//! The binary encoding of index shards (format 5): LEB128 varints, zigzag for signed numbers,
//! floats as powers of ten or decimals of up to three places when they are exactly that (else
//! their 8 bytes), a hedged interval's ends as what the hedge gives when they are,
//! and a table of strings per shard (each distinct string once; the body refers to it by number).
//!
//! Writing is deterministic (strings are numbered in order of first use). Reading never panics and
//! never allocates more than the input can hold: every count is checked against the bytes left.

use crate::extract::{Amount, Bound, Date, EntityType, Value};
use std::collections::HashMap;

/// Negative powers of ten as literals (bit-exact on every platform): "0.1" stated to a tenth.
const POW10: [f64; 12] = [
    1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12,
];

/// A shard body being written: the strings it refers to, and its columns. Each kind of field
/// goes to a column of its own ([`Writer::to`]), so that like sits next to like and gzip finds it.
#[derive(Default)]
pub(crate) struct Writer {
    bufs: Vec<Vec<u8>>,
    cur: usize,
    /// The column a value's fields go to after its tag (none: the tag's column).
    pub(crate) payload: Option<usize>,
    /// The first day of the last date written as a day number (dates are deltas from it).
    last_day: i32,
    ids: HashMap<String, u32>,
    strings: Vec<String>,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer {
            bufs: vec![Vec::new()],
            ..Writer::default()
        }
    }

    /// Writes to column `ch` from now on.
    pub(crate) fn to(&mut self, ch: usize) {
        if self.bufs.len() <= ch {
            self.bufs.resize_with(ch + 1, Vec::new);
        }
        self.cur = ch;
    }

    fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.bufs[self.cur]
    }

    /// The body: the string table, the columns' lengths, then the columns.
    pub(crate) fn finish(self) -> Vec<u8> {
        let size: usize = self.bufs.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(size + 16 * self.strings.len() + 64);
        put_uint(&mut out, self.strings.len() as u64);
        for s in &self.strings {
            put_uint(&mut out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        put_uint(&mut out, self.bufs.len() as u64);
        for b in &self.bufs {
            put_uint(&mut out, b.len() as u64);
        }
        for b in &self.bufs {
            out.extend_from_slice(b);
        }
        out
    }

    /// What was written to column 0, without a string table (for a header, which has none).
    pub(crate) fn finish_plain(mut self) -> Vec<u8> {
        std::mem::take(&mut self.bufs[0])
    }

    pub(crate) fn uint(&mut self, x: u64) {
        put_uint(self.buf(), x);
    }

    pub(crate) fn int(&mut self, x: i64) {
        put_uint(self.buf(), ((x << 1) ^ (x >> 63)) as u64);
    }

    /// `b - a` as a signed number (offsets that usually grow).
    pub(crate) fn delta(&mut self, a: usize, b: usize) {
        self.int((b as i64).wrapping_sub(a as i64));
    }

    pub(crate) fn byte(&mut self, b: u8) {
        self.buf().push(b);
    }

    /// Bytes written as they are (a document's text).
    pub(crate) fn raw(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.buf().extend_from_slice(s.as_bytes());
    }

    pub(crate) fn intern(&mut self, s: &str) -> u64 {
        if let Some(&id) = self.ids.get(s) {
            return id as u64;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id as u64
    }

    /// A string by its number in the table.
    pub(crate) fn str(&mut self, s: &str) {
        let id = self.intern(s);
        self.uint(id);
    }

    /// An optional string: 0 for none, else its number plus one.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        let id = s.map_or(0, |s| self.intern(s) + 1);
        self.uint(id);
    }

    pub(crate) fn strs(&mut self, v: &[String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    pub(crate) fn f64(&mut self, x: f64) {
        if let Some(k) = POW10.iter().position(|p| p.to_bits() == x.to_bits()) {
            self.uint(1 + k as u64);
        } else if let Some((m, k)) = decimal(x) {
            // m / 10^k, k < 4: "5.4" is 54 and 1.
            let z = ((m << 1) ^ (m >> 63)) as u64;
            self.uint(1 + POW10.len() as u64 + (z << 2 | k));
        } else {
            self.uint(0);
            self.buf().extend_from_slice(&x.to_le_bytes());
        }
    }

    pub(crate) fn amount(&mut self, a: &Amount) {
        let hedged = hedge_ends(a);
        let end = |x: Option<f64>, h: Option<f64>| match x {
            None => 0u8,
            Some(v) if v.to_bits() == a.value.to_bits() => 1,
            Some(v) if h.is_some_and(|h| h.to_bits() == v.to_bits()) => 3,
            Some(_) => 2,
        };
        let (lo, hi) = (
            end(a.low, hedged.map(|h| h.0)),
            end(a.high, hedged.map(|h| h.1)),
        );
        self.byte(bound_code(a.bound) | (u8::from(a.below_near) << 3) | (lo << 4) | (hi << 6));
        self.f64(a.value);
        if lo == 2 {
            self.f64(a.low.unwrap_or_default());
        }
        if hi == 2 {
            self.f64(a.high.unwrap_or_default());
        }
        self.f64(a.precision);
    }

    /// A mention's value, which may refer to its span of `text` (`start..end`): a date whose
    /// days follow from its ISO form, an entity named as written, a quote inside the span.
    pub(crate) fn value_at(&mut self, v: &Value, text: &str, start: usize, end: usize) {
        let span = text.get(start..end).unwrap_or("");
        let tags = self.cur;
        let tag = |w: &mut Writer, t: u8| {
            w.byte(t);
            if let Some(p) = w.payload {
                w.to(p);
            }
        };
        match v {
            Value::Date(d)
                if iso_days(&d.iso) == Some((d.first, d.last))
                    && day_iso(d.first, d.iso.len()).as_deref() == Some(d.iso.as_str()) =>
            {
                // A day, month or year that its first day and its length say: the day only.
                tag(
                    self,
                    12 + [10, 7, 4]
                        .iter()
                        .position(|&l| l == d.iso.len())
                        .unwrap_or(0) as u8,
                );
                self.int(d.first as i64 - self.last_day as i64);
                self.last_day = d.first;
            }
            Value::Date(d) if iso_days(&d.iso) == Some((d.first, d.last)) => {
                tag(self, 9);
                self.str(&d.iso);
            }
            Value::Entity { name, kind } if !span.is_empty() && name == span => {
                // The commonest mention: its type in its tag, nothing else.
                tag(self, 15 + entity_code(*kind));
            }
            Value::Quote {
                quote,
                speaker,
                verb,
            } if !quote.is_empty() && span.contains(quote.as_str()) => {
                let at = span.find(quote.as_str()).unwrap_or(0);
                tag(self, 11);
                self.uint(at as u64);
                self.uint(quote.len() as u64);
                self.opt_str(speaker.as_deref());
                self.opt_str(verb.as_deref());
            }
            _ => {
                let t = match v {
                    Value::Number(_) => 0,
                    Value::Money(..) => 1,
                    Value::Percent(_) => 2,
                    Value::Quantity(..) => 3,
                    Value::Ordinal(..) => 4,
                    Value::Date(_) => 5,
                    Value::Duration(..) => 6,
                    Value::Quote { .. } => 7,
                    Value::Entity { .. } => 8,
                };
                tag(self, t);
                self.value_fields(v);
            }
        }
        self.to(tags);
    }

    /// A value's fields (after its tag).
    fn value_fields(&mut self, v: &Value) {
        match v {
            Value::Number(a) | Value::Percent(a) => self.amount(a),
            Value::Money(a, s) | Value::Quantity(a, s) | Value::Duration(a, s) => {
                self.amount(a);
                self.str(s);
            }
            Value::Ordinal(n, noun) => {
                self.int(*n);
                self.str(noun);
            }
            Value::Date(d) => {
                self.str(&d.iso);
                self.int(d.first as i64);
                self.int(d.last as i64 - d.first as i64);
            }
            Value::Quote {
                quote,
                speaker,
                verb,
            } => {
                self.str(quote);
                self.opt_str(speaker.as_deref());
                self.opt_str(verb.as_deref());
            }
            Value::Entity { name, kind } => {
                self.str(name);
                self.byte(entity_code(*kind));
            }
        }
    }
}

/// `x` as `m / 10^k` exactly (k < 4, |m| < 2^53, not -0), the fewest places first.
fn decimal(x: f64) -> Option<(i64, u64)> {
    if x == 0.0 && x.is_sign_negative() {
        return None;
    }
    (0..4u64).find_map(|k| {
        let p = [1.0, 10.0, 100.0, 1000.0][k as usize];
        let m = (x * p).round();
        (m.abs() < 9.0e15 && (m / p).to_bits() == x.to_bits()).then_some((m as i64, k))
    })
}

/// The interval ends extraction gives a hedged value (`number::Hedge::apply`): "about" 7.5%
/// either side, "almost" 15% below; a stored end that is one of these is stored as such.
fn hedge_ends(a: &Amount) -> Option<(f64, f64)> {
    let v = a.value;
    let (x, y) = match a.bound {
        Bound::About if a.below_near => (v * 0.85, v),
        Bound::About => (v * 0.925, v * 1.075),
        _ => return None,
    };
    Some((x.min(y), x.max(y)))
}

/// The days of a period given by its ISO form (`2025`, `2025-11`, `2025-11-07`, or two of those
/// joined by `/`): first and last day, as [`Date`] holds them.
fn iso_days(iso: &str) -> Option<(i32, i32)> {
    fn parse(p: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
        let mut it = p.split('-');
        let y: i32 = it.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let m = match it.next() {
            Some(m) if m.len() == 2 => {
                Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?)
            }
            Some(_) => return None,
            None => None,
        };
        let d = match it.next() {
            Some(d) if d.len() == 2 && m.is_some() => {
                Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?)
            }
            Some(_) => return None,
            None => None,
        };
        if it.next().is_some() {
            return None;
        }
        Some((y, m, d))
    }
    use crate::extract::days_from_civil as days;
    let (a, b) = iso.split_once('/').unwrap_or((iso, iso));
    let (y, m, d) = parse(a)?;
    let first = days(y, m.unwrap_or(1), d.unwrap_or(1));
    let (y, m, d) = parse(b)?;
    let last = match (m, d) {
        (Some(m), Some(d)) => days(y, m, d),
        (Some(12), None) | (None, _) => days(y + 1, 1, 1) - 1,
        (Some(m), None) => days(y, m + 1, 1) - 1,
    };
    Some((first, last))
}

/// The ISO form of the day, month (`len` 7) or year (`len` 4) that starts on day number `first`
/// (none for a year outside 0–9999 or another length).
fn day_iso(first: i32, len: usize) -> Option<String> {
    let (y, m, d) = crate::extract::civil_from_days(first);
    if !(0..=9999).contains(&y) {
        return None;
    }
    match len {
        10 => Some(format!("{y:04}-{m:02}-{d:02}")),
        7 => Some(format!("{y:04}-{m:02}")),
        4 => Some(format!("{y:04}")),
        _ => None,
    }
}

fn put_uint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

fn get_uint(data: &[u8], mut pos: usize) -> Option<(u64, usize)> {
    let mut x = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *data.get(pos)?;
        pos += 1;
        let bits = (b & 0x7f) as u64;
        if shift == 63 && bits > 1 {
            return None;
        }
        x |= bits << shift;
        if b & 0x80 == 0 {
            return Some((x, pos));
        }
    }
    None
}

fn bound_code(b: Bound) -> u8 {
    match b {
        Bound::Exact => 0,
        Bound::About => 1,
        Bound::MoreThan => 2,
        Bound::AtLeast => 3,
        Bound::LessThan => 4,
        Bound::AtMost => 5,
        Bound::Range => 6,
    }
}

fn entity_type(code: u8) -> R<EntityType> {
    Ok(match code {
        0 => EntityType::Person,
        1 => EntityType::Place,
        2 => EntityType::Organization,
        3 => EntityType::Other,
        k => return Err(format!("unknown entity type {k}")),
    })
}

fn entity_code(k: EntityType) -> u8 {
    match k {
        EntityType::Person => 0,
        EntityType::Place => 1,
        EntityType::Organization => 2,
        EntityType::Other => 3,
    }
}

/// A shard body being read.
pub(crate) struct Reader<'a> {
    /// The column a value's fields come from after its tag (see [`Writer::payload`]).
    pub(crate) payload: Option<usize>,
    last_day: i32,
    data: &'a [u8],
    /// Each column's read position and end in `data`.
    cols: Vec<(usize, usize)>,
    cur: usize,
    strings: Vec<&'a str>,
}

pub(crate) type R<T> = Result<T, String>;

impl<'a> Reader<'a> {
    /// Reads the string table and the columns' lengths; the reader is then at column 0.
    pub(crate) fn new(data: &'a [u8]) -> R<Reader<'a>> {
        let mut r = Reader::plain(data);
        let n = r.count()?;
        let mut strings = Vec::with_capacity(n);
        for _ in 0..n {
            strings.push(r.raw()?);
        }
        r.strings = strings;
        let n = r.count()?;
        let mut lens = Vec::with_capacity(n);
        for _ in 0..n {
            lens.push(r.usize()?);
        }
        let mut at = r.cols[0].0;
        let mut cols = Vec::with_capacity(n);
        for len in lens {
            let end = at
                .checked_add(len)
                .filter(|&e| e <= data.len())
                .ok_or_else(|| "its columns run past its end".to_string())?;
            cols.push((at, end));
            at = end;
        }
        if at != data.len() {
            return Err(format!("{} bytes follow its last column", data.len() - at));
        }
        if cols.is_empty() {
            cols.push((at, at));
        }
        r.cols = cols;
        Ok(r)
    }

    /// A reader of bytes without a string table or columns (a header).
    pub(crate) fn plain(data: &'a [u8]) -> Reader<'a> {
        Reader {
            payload: None,
            last_day: 0,
            data,
            cols: vec![(0, data.len())],
            cur: 0,
            strings: Vec::new(),
        }
    }

    /// Reads from column `ch` from now on (a column the body does not have reads as empty).
    pub(crate) fn from(&mut self, ch: usize) {
        if self.cols.len() <= ch {
            let end = self.data.len();
            self.cols.resize(ch + 1, (end, end));
        }
        self.cur = ch;
    }

    /// Bytes read so far (of column 0: for a header).
    pub(crate) fn position(&self) -> usize {
        self.cols[0].0
    }

    /// Refuses bytes left over after the last record.
    pub(crate) fn done(&self) -> R<()> {
        let left: usize = self.cols.iter().map(|&(p, e)| e - p).sum();
        if left == 0 {
            Ok(())
        } else {
            Err(format!("{left} bytes follow its last record"))
        }
    }

    fn left(&self) -> usize {
        self.cols.iter().map(|&(p, e)| e - p).sum()
    }

    /// Length-prefixed bytes.
    pub(crate) fn bytes(&mut self) -> R<&'a [u8]> {
        let n = self.usize()?;
        let (pos, end) = self.cols[self.cur];
        if n > end - pos {
            return Err(format!("a string of {n} bytes runs past its end"));
        }
        self.cols[self.cur].0 = pos + n;
        Ok(&self.data[pos..pos + n])
    }

    pub(crate) fn uint(&mut self) -> R<u64> {
        let (pos, end) = self.cols[self.cur];
        let (x, next) = get_uint(&self.data[..end], pos)
            .ok_or_else(|| format!("it ends or breaks off at byte {pos}"))?;
        self.cols[self.cur].0 = next;
        Ok(x)
    }

    pub(crate) fn usize(&mut self) -> R<usize> {
        usize::try_from(self.uint()?).map_err(|_| "a number is too large".to_string())
    }

    /// A count of items that take at least a byte each (in some column).
    pub(crate) fn count(&mut self) -> R<usize> {
        let n = self.uint()?;
        let left = self.left();
        if n > left as u64 {
            return Err(format!("it counts {n} items with {left} bytes left"));
        }
        Ok(n as usize)
    }

    pub(crate) fn int(&mut self) -> R<i64> {
        let z = self.uint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    /// `a` plus a signed delta, as an offset.
    pub(crate) fn delta(&mut self, a: usize) -> R<usize> {
        let d = self.int()?;
        (a as i64)
            .checked_add(d)
            .and_then(|x| usize::try_from(x).ok())
            .ok_or_else(|| "an offset is out of range".to_string())
    }

    pub(crate) fn byte(&mut self) -> R<u8> {
        let (pos, end) = self.cols[self.cur];
        if pos >= end {
            return Err(format!("it ends at byte {pos}"));
        }
        self.cols[self.cur].0 = pos + 1;
        Ok(self.data[pos])
    }

    pub(crate) fn raw(&mut self) -> R<&'a str> {
        let bytes = self.bytes()?;
        std::str::from_utf8(bytes).map_err(|_| "a string is not UTF-8".to_string())
    }

    pub(crate) fn str(&mut self) -> R<&'a str> {
        let id = self.uint()?;
        self.strings
            .get(id as usize)
            .copied()
            .ok_or_else(|| format!("string {id} is not in its table"))
    }

    pub(crate) fn string(&mut self) -> R<String> {
        self.str().map(str::to_string)
    }

    pub(crate) fn opt_str(&mut self) -> R<Option<String>> {
        let id = self.uint()?;
        if id == 0 {
            return Ok(None);
        }
        self.strings
            .get((id - 1) as usize)
            .map(|s| Some(s.to_string()))
            .ok_or_else(|| format!("string {} is not in its table", id - 1))
    }

    pub(crate) fn strs(&mut self) -> R<Vec<String>> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.string()?);
        }
        Ok(out)
    }

    pub(crate) fn f64(&mut self) -> R<f64> {
        let t = self.uint()?;
        if t == 0 {
            let (pos, end) = self.cols[self.cur];
            if end - pos < 8 {
                return Err(format!("it ends at byte {pos}"));
            }
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&self.data[pos..pos + 8]);
            self.cols[self.cur].0 = pos + 8;
            Ok(f64::from_le_bytes(bytes))
        } else if t <= POW10.len() as u64 {
            Ok(POW10[(t - 1) as usize])
        } else {
            let t = t - 1 - POW10.len() as u64;
            let z = t >> 2;
            let m = (((z >> 1) as i64) ^ -((z & 1) as i64)) as f64;
            Ok(m / [1.0, 10.0, 100.0, 1000.0][(t & 3) as usize])
        }
    }

    pub(crate) fn amount(&mut self) -> R<Amount> {
        let flags = self.byte()?;
        let bound = match flags & 7 {
            0 => Bound::Exact,
            1 => Bound::About,
            2 => Bound::MoreThan,
            3 => Bound::AtLeast,
            4 => Bound::LessThan,
            5 => Bound::AtMost,
            6 => Bound::Range,
            b => return Err(format!("unknown bound {b}")),
        };
        let value = self.f64()?;
        let mut a = Amount {
            value,
            low: None,
            high: None,
            bound,
            precision: 0.0,
            below_near: flags & 8 != 0,
        };
        let hedged = hedge_ends(&a);
        let mut end = |code: u8, side: fn((f64, f64)) -> f64| -> R<Option<f64>> {
            match code {
                0 => Ok(None),
                1 => Ok(Some(value)),
                2 => self.f64().map(Some),
                _ => hedged
                    .map(|h| Some(side(h)))
                    .ok_or_else(|| "an interval end of no hedge".into()),
            }
        };
        a.low = end((flags >> 4) & 3, |h| h.0)?;
        a.high = end(flags >> 6, |h| h.1)?;
        a.precision = self.f64()?;
        Ok(a)
    }

    /// A mention's value (see [`Writer::value_at`]); `text` and the span are already checked.
    pub(crate) fn value_at(&mut self, text: &str, start: usize, end: usize) -> R<Value> {
        let span = || {
            text.get(start..end)
                .ok_or_else(|| "a mention's span is outside its text".to_string())
        };
        let tags = self.cur;
        let tag = self.byte()?;
        if let Some(p) = self.payload {
            self.from(p);
        }
        let v = match tag {
            12..=14 => {
                let first = i32::try_from(self.last_day as i64 + self.int()?)
                    .map_err(|_| "a date is out of range")?;
                let iso = day_iso(first, [10, 7, 4][(tag - 12) as usize])
                    .ok_or("a date is out of range")?;
                let (first, last) =
                    iso_days(&iso).ok_or_else(|| format!("{iso:?} is not an ISO date"))?;
                self.last_day = first;
                Value::Date(Date { iso, first, last })
            }
            9 => {
                let iso = self.string()?;
                let (first, last) =
                    iso_days(&iso).ok_or_else(|| format!("{iso:?} is not an ISO date"))?;
                Value::Date(Date { iso, first, last })
            }
            15..=18 => Value::Entity {
                name: span()?.to_string(),
                kind: entity_type(tag - 15)?,
            },
            11 => {
                let span = span()?;
                let at = self.usize()?;
                let len = self.usize()?;
                let quote = at
                    .checked_add(len)
                    .and_then(|e| span.get(at..e))
                    .ok_or_else(|| "a quote is outside its mention".to_string())?;
                Value::Quote {
                    quote: quote.to_string(),
                    speaker: self.opt_str()?,
                    verb: self.opt_str()?,
                }
            }
            t => self.value_tagged(t)?,
        };
        self.from(tags);
        Ok(v)
    }

    fn entity_type(&mut self) -> R<EntityType> {
        entity_type(self.byte()?)
    }

    fn value_tagged(&mut self, tag: u8) -> R<Value> {
        Ok(match tag {
            0 => Value::Number(self.amount()?),
            1 => Value::Money(self.amount()?, self.string()?),
            2 => Value::Percent(self.amount()?),
            3 => Value::Quantity(self.amount()?, self.string()?),
            4 => Value::Ordinal(self.int()?, self.string()?),
            5 => {
                let iso = self.string()?;
                let first = i32::try_from(self.int()?).map_err(|_| "a date is out of range")?;
                let last = i32::try_from(first as i64 + self.int()?)
                    .map_err(|_| "a date is out of range")?;
                Value::Date(Date { iso, first, last })
            }
            6 => Value::Duration(self.amount()?, self.string()?),
            7 => Value::Quote {
                quote: self.string()?,
                speaker: self.opt_str()?,
                verb: self.opt_str()?,
            },
            8 => Value::Entity {
                name: self.string()?,
                kind: self.entity_type()?,
            },
            k => return Err(format!("unknown value kind {k}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Floats and hedged amounts come back bit for bit, whichever way each is stored.
    #[test]
    fn floats_and_amounts_round_trip_exactly() {
        let xs = [
            0.0,
            -0.0,
            1.0,
            -7.0,
            5.4,
            0.1,
            0.001,
            12.345,
            3.7e6,
            1e300,
            1.0 / 3.0,
            -2.5,
            9.0e15,
            f64::INFINITY,
            f64::NAN,
            4.86,
            5.805,
        ];
        let hedges = [
            crate::extract::Bound::Exact,
            crate::extract::Bound::About,
            crate::extract::Bound::MoreThan,
            crate::extract::Bound::Range,
        ];
        let mut amounts = Vec::new();
        for &x in &xs {
            for &bound in &hedges {
                for below_near in [false, true] {
                    let (lo, hi) = match bound {
                        Bound::About if below_near => (x * 0.85, x),
                        Bound::About => (x * 0.925, x * 1.075),
                        Bound::MoreThan => (x, f64::NAN),
                        _ => (x - 0.5, x + 1.25),
                    };
                    amounts.push(Amount {
                        value: x,
                        low: Some(lo.min(hi)),
                        high: (!hi.is_nan()).then_some(lo.max(hi)),
                        bound,
                        precision: 0.1,
                        below_near,
                    });
                }
            }
        }
        let mut w = Writer::new();
        for (x, a) in xs.iter().zip(&amounts) {
            w.f64(*x);
            w.amount(a);
        }
        for a in &amounts {
            w.amount(a);
        }
        let body = w.finish();
        let mut r = Reader::new(&body).unwrap();
        let bits = |a: &Amount| {
            (
                a.value.to_bits(),
                a.low.map(f64::to_bits),
                a.high.map(f64::to_bits),
                a.precision.to_bits(),
                a.bound,
                a.below_near,
            )
        };
        for (x, a) in xs.iter().zip(&amounts) {
            assert_eq!(r.f64().unwrap().to_bits(), x.to_bits(), "{x}");
            assert_eq!(bits(&r.amount().unwrap()), bits(a));
        }
        for a in &amounts {
            assert_eq!(bits(&r.amount().unwrap()), bits(a), "{a:?}");
        }
        r.done().unwrap();
    }
}
