//! Reports: analyses and judgments in, the CLI contract's JSON (and text, Markdown) out.
//!
//! Offsets inside the core are bytes; here, once, they become UTF-16 code units (what
//! JavaScript's `String.slice` takes), through an [`Offsets`] map of the input text.

use crate::claims::Claim;
use crate::corpus::Corpus;
#[cfg(test)]
use crate::extract::Amount;
use crate::extract::{Bound, Mention, Value};
use crate::jsonw::Writer;
use crate::reconcile::{Judgment, Verdict};
use crate::Analysis;
use serde::Serialize;
#[cfg(not(target_arch = "wasm32"))]
use serde_json::Value as Json;
#[cfg(test)]
use serde_json::{json, Map};

/// Byte offsets → UTF-16 offsets for one text, built in one pass: a mark at each non-ASCII
/// character (between marks, one byte is one UTF-16 unit), found by binary search among the
/// marks of the offset's block of text.
pub struct Offsets {
    /// (byte offset, UTF-16 offset, byte length, UTF-16 length) of each non-ASCII character.
    marks: Vec<(usize, usize, u8, u8)>,
    /// For each block of `1 << BLOCK_BITS` bytes, the index of its first mark (of the first
    /// mark after it, if it has none); one more at the end.
    blocks: Vec<u32>,
}

/// Blocks of 256 bytes: a few marks each in most texts.
const BLOCK_BITS: u32 = 8;

impl Offsets {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Offsets {
        let mut marks = Vec::new();
        let mut units = 0;
        let mut blocks = Vec::with_capacity((text.len() >> BLOCK_BITS) + 2);
        // By bytes (a `str` is valid UTF-8: a lead byte gives its character's length), not by
        // chars: the wasm build calls a function per char for `char_indices`.
        let bytes = text.as_bytes();
        let mut b = 0;
        while b < bytes.len() {
            let lead = bytes[b];
            if lead < 0x80 {
                units += 1;
                b += 1;
                continue;
            }
            let (len8, len16) = match lead {
                0xF0.. => (4, 2),
                0xE0.. => (3, 1),
                _ => (2, 1),
            };
            while blocks.len() <= b >> BLOCK_BITS {
                blocks.push(marks.len() as u32);
            }
            marks.push((b, units, len8 as u8, len16 as u8));
            units += len16;
            b += len8;
        }
        while blocks.len() <= (text.len() >> BLOCK_BITS) + 1 {
            blocks.push(marks.len() as u32);
        }
        Offsets { marks, blocks }
    }

    /// The UTF-16 offset of byte offset `b` (a char boundary).
    pub fn at(&self, b: usize) -> usize {
        // The marks before `b`: all those of the blocks before its block, and some of its own.
        let k = b >> BLOCK_BITS;
        let i = match (self.blocks.get(k), self.blocks.get(k + 1)) {
            (Some(&lo), Some(&hi)) => {
                let (lo, hi) = (lo as usize, hi as usize);
                lo + self.marks[lo..hi].partition_point(|m| m.0 < b)
            }
            _ => self.marks.partition_point(|m| m.0 < b),
        };
        match i.checked_sub(1).map(|j| self.marks[j]) {
            None => b,
            Some((mb, mu, bl, ul)) => mu + ul as usize + (b - mb - bl as usize),
        }
    }
}

#[cfg(test)]
fn num(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!((x * 1e6).round() / 1e6)
    }
}

#[cfg(test)]
fn amount_fields(obj: &mut Map<String, Json>, a: &Amount) {
    obj.insert("value".into(), num(a.value));
    obj.insert("low".into(), a.low.map_or(Json::Null, num));
    obj.insert("high".into(), a.high.map_or(Json::Null, num));
    obj.insert(
        "bound".into(),
        serde_json::to_value(a.bound).unwrap_or(Json::Null),
    );
}

#[cfg(test)]
fn mention_json(text: &str, off: &Offsets, m: &Mention) -> Json {
    let mut o = Map::new();
    o.insert("kind".into(), json!(m.value.kind()));
    o.insert("start".into(), json!(off.at(m.start)));
    o.insert("end".into(), json!(off.at(m.end)));
    o.insert("text".into(), json!(&text[m.start..m.end]));
    match &m.value {
        Value::Number(a) | Value::Percent(a) => amount_fields(&mut o, a),
        Value::Money(a, cur) => {
            amount_fields(&mut o, a);
            o.insert("currency".into(), json!(cur));
        }
        Value::Quantity(a, unit) => {
            amount_fields(&mut o, a);
            o.insert("unit".into(), json!(unit));
        }
        Value::Ordinal(n, noun) => {
            o.insert("value".into(), json!(n));
            o.insert("of".into(), json!(noun));
        }
        Value::Date(d) => {
            o.insert("value".into(), json!(d.iso));
        }
        Value::Duration(a, iso) => {
            o.insert("value".into(), json!(iso));
            o.insert(
                "bound".into(),
                serde_json::to_value(a.bound).unwrap_or(Json::Null),
            );
        }
        Value::Quote {
            quote,
            speaker,
            verb,
        } => {
            o.insert("quote".into(), json!(quote));
            o.insert("speaker".into(), json!(speaker));
            o.insert("verb".into(), json!(verb));
        }
        Value::Entity { name, kind } => {
            o.insert("name".into(), json!(name));
            o.insert("type".into(), json!(kind.as_str()));
        }
    }
    Json::Object(o)
}

#[cfg(test)]
fn claim_base(text: &str, off: &Offsets, i: usize, c: &Claim) -> Map<String, Json> {
    let mut o = Map::new();
    o.insert("id".into(), json!(format!("c{}", i + 1)));
    o.insert("start".into(), json!(off.at(c.start)));
    o.insert("end".into(), json!(off.at(c.end)));
    o.insert("text".into(), json!(&text[c.start..c.end]));
    o.insert("kind".into(), json!(c.kind()));
    o.insert(
        "anchor".into(),
        json!({ "start": off.at(c.anchor.0), "end": off.at(c.anchor.1) }),
    );
    o.insert("subject".into(), json!(c.subject()));
    o
}

/// A number as the reports write it: whole numbers as integers, others to six decimals.
#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    fn of(x: f64) -> Num {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            Num::Int(x as i64)
        } else {
            Num::Float((x * 1e6).round() / 1e6)
        }
    }

    fn write(self, w: &mut Writer) {
        match self {
            Num::Int(i) => w.int(i),
            // As `json!(x)`: a number that JSON cannot write is null.
            Num::Float(x) => w.float(x),
        }
    }
}

/// An optional number ([`Num`]), or null.
fn opt_num(w: &mut Writer, x: Option<f64>) {
    match x {
        Some(x) => Num::of(x).write(w),
        None => w.null(),
    }
}

/// A bound's name in the contract (`more_than`, …), as serde's derive names it.
fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "exact",
        Bound::About => "about",
        Bound::MoreThan => "more_than",
        Bound::AtLeast => "at_least",
        Bound::LessThan => "less_than",
        Bound::AtMost => "at_most",
        Bound::Range => "range",
    }
}

/// `{ "end": …, "start": … }` in UTF-16 offsets (keys in sorted order, as the JSON tree has them).
fn span(w: &mut Writer, off: &Offsets, (start, end): (usize, usize)) {
    w.open(b'{');
    w.key("end");
    w.uint(off.at(end) as u64);
    w.key("start");
    w.uint(off.at(start) as u64);
    w.close(b'}');
}

/// A list of strings.
fn strings<S: AsRef<str>>(w: &mut Writer, items: impl IntoIterator<Item = S>) {
    w.open(b'[');
    for s in items {
        let s = s.as_ref();
        w.item();
        w.string(s);
    }
    w.close(b']');
}

/// A claim's id, `c1`, `c2`, …, written without building a string.
fn claim_id(w: &mut Writer, n: usize) {
    let mut buf = [b'c'; 21];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[i - 1] = b'c';
    w.string(std::str::from_utf8(&buf[i - 1..]).unwrap_or("c"));
}

/// The report of `extract --format json`, written straight from the analysis (no JSON tree and
/// no list of its items in between) by [`extract_json_text`], byte for byte the text
/// `serde_json` gives for [`extract_json`]'s tree (the tests compare them).
pub struct ExtractReport<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    off: Offsets,
}

/// The report of `extract --format json`, ready to write.
pub fn extract_report<'a>(text: &'a str, a: &'a Analysis) -> ExtractReport<'a> {
    ExtractReport {
        text,
        analysis: a,
        off: Offsets::new(text),
    }
}

/// The three lists of the extract report, in the order (sorted keys) the report writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Claims,
    Mentions,
    Sentences,
}

impl Part {
    /// All three, in the report's order.
    pub const ALL: [Part; 3] = [Part::Claims, Part::Mentions, Part::Sentences];

    /// The report's key for this list.
    pub fn key(self) -> &'static str {
        match self {
            Part::Claims => "claims",
            Part::Mentions => "mentions",
            Part::Sentences => "sentences",
        }
    }
}

impl ExtractReport<'_> {
    /// Writes the report (keys in sorted order, as the JSON tree had them).
    pub fn write(&self, w: &mut Writer) {
        w.open(b'{');
        for part in Part::ALL {
            w.key(part.key());
            w.open(b'[');
            for i in 0..self.len(part) {
                w.item();
                self.write_item(w, part, i);
            }
            w.close(b']');
        }
        w.close(b'}');
    }

    /// The number of items in one list of the report.
    pub fn len(&self, part: Part) -> usize {
        match part {
            Part::Claims => self.analysis.claims.len(),
            Part::Mentions => self.analysis.mentions.len(),
            Part::Sentences => self.analysis.sentences.len(),
        }
    }

    /// One list of the report as compact JSON arrays of about `bytes` bytes each (whole items,
    /// at least one each): the items of the arrays, in order, are the list. For a caller that
    /// hands the report on in pieces, so that no one buffer holds all of it. For `JSON.parse`:
    /// all ASCII ([`Writer::ascii_only`]) when few of the text's chars are outside ASCII
    /// ([`ExtractReport::few_non_ascii`]).
    pub fn chunks(&self, part: Part, bytes: usize) -> impl Iterator<Item = String> + '_ {
        let n = self.len(part);
        let mut i = 0;
        let ascii = self.few_non_ascii();
        std::iter::from_fn(move || {
            if i >= n {
                return None;
            }
            let mut w = if ascii {
                Writer::ascii_only(bytes + bytes / 4)
            } else {
                Writer::new(false, bytes + bytes / 4)
            };
            w.open(b'[');
            while i < n && (w.len() < bytes || w.len() <= 1) {
                w.item();
                self.write_item(&mut w, part, i);
                i += 1;
            }
            w.close(b']');
            Some(w.finish())
        })
    }

    /// Whether at most one in 10 of the text's bytes starts a char outside ASCII. Then the
    /// pieces are written all in ASCII: JavaScript decodes ASCII about three times as fast as
    /// UTF-8 with other chars in it, and the few `\u` escapes cost less than that saves. CPU
    /// time of `Checker.extract` all in ASCII against UTF-8, 600 KB of the bench text with some
    /// of its words in Cyrillic letters (node, in turns): 0.31% of the bytes start such a char
    /// 0.89-0.93, 3.8% 0.91-0.98, 5.1% 0.86-0.98, 12.7% 0.95-1.01; all words Cyrillic 1.04-1.11
    /// (six bytes of escape a char cost more than the decoding saves).
    pub fn few_non_ascii(&self) -> bool {
        self.off.marks.len() * 10 <= self.text.len()
    }

    /// Writes item `i` of one list.
    fn write_item(&self, w: &mut Writer, part: Part, i: usize) {
        let (text, off, a) = (self.text, &self.off, self.analysis);
        match part {
            Part::Claims => {
                let c = &a.claims[i];
                w.open(b'{');
                w.key("anchor");
                span(w, off, c.anchor);
                w.key("checkworthiness");
                w.float(round2(c.checkworthiness));
                w.key("end");
                w.uint(off.at(c.end) as u64);
                w.key("id");
                claim_id(w, i + 1);
                w.key("kind");
                w.string(c.kind());
                w.key("negated");
                w.bool(c.negated);
                w.key("qualifiers");
                strings(w, c.qualifiers().iter());
                w.key("start");
                w.uint(off.at(c.start) as u64);
                w.key("subject");
                w.opt_string(c.subject());
                w.key("terms");
                strings(w, c.local());
                w.key("text");
                w.string(&text[c.start..c.end]);
                w.key("time");
                w.opt_string(c.time());
                w.close(b'}');
            }
            Part::Mentions => mention(w, text, off, &a.mentions[i]),
            Part::Sentences => {
                let s = &a.sentences[i];
                w.open(b'{');
                w.key("checkworthiness");
                w.float(round2(a.checkworthiness[i]));
                w.key("end");
                w.uint(off.at(s.end) as u64);
                w.key("junk");
                w.bool(s.junk);
                w.key("start");
                w.uint(off.at(s.start) as u64);
                w.close(b'}');
            }
        }
    }
}

/// One mention of the extract report: its fields depend on its kind (keys in sorted order).
fn mention(w: &mut Writer, text: &str, off: &Offsets, m: &Mention) {
    w.open(b'{');
    // The amount of a number, money, percent or quantity (a duration has only its bound).
    let amount = match &m.value {
        Value::Duration(..) => None,
        v => v.amount(),
    };
    match (&m.value, amount) {
        (Value::Duration(a, _), _) | (_, Some(a)) => {
            w.key("bound");
            w.string(bound_name(a.bound));
        }
        _ => {}
    }
    if let Value::Money(_, cur) = &m.value {
        w.key("currency");
        w.string(cur);
    }
    w.key("end");
    w.uint(off.at(m.end) as u64);
    if let Some(a) = amount {
        w.key("high");
        opt_num(w, a.high);
    }
    w.key("kind");
    w.string(m.value.kind());
    if let Some(a) = amount {
        w.key("low");
        opt_num(w, a.low);
    }
    match &m.value {
        Value::Entity { name, .. } => {
            w.key("name");
            w.string(name);
        }
        Value::Ordinal(_, noun) => {
            w.key("of");
            w.string(noun);
        }
        Value::Quote { quote, speaker, .. } => {
            w.key("quote");
            w.string(quote);
            w.key("speaker");
            w.opt_string(speaker.as_deref());
        }
        _ => {}
    }
    w.key("start");
    w.uint(off.at(m.start) as u64);
    w.key("text");
    w.string(&text[m.start..m.end]);
    match &m.value {
        Value::Entity { kind, .. } => {
            w.key("type");
            w.string(kind.as_str());
        }
        Value::Quantity(_, unit) => {
            w.key("unit");
            w.string(unit);
        }
        _ => {}
    }
    match &m.value {
        Value::Number(a) | Value::Percent(a) | Value::Money(a, _) | Value::Quantity(a, _) => {
            w.key("value");
            Num::of(a.value).write(w);
        }
        Value::Ordinal(n, _) => {
            w.key("value");
            w.int(*n);
        }
        Value::Date(d) => {
            w.key("value");
            w.string(&d.iso);
        }
        Value::Duration(_, iso) => {
            w.key("value");
            w.string(iso);
        }
        Value::Quote { verb, .. } => {
            w.key("verb");
            w.opt_string(verb.as_deref());
        }
        Value::Entity { .. } => {}
    }
    w.close(b'}');
}

/// Lengths of pieces of JSON text, compact or pretty (serde_json's: two spaces a level), for a
/// buffer of about the size of a report. Each is exact or a little over.
struct Sizer {
    pretty: bool,
}

impl Sizer {
    /// A field at `indent` (pretty) whose value takes `value` bytes, with its separator.
    fn field(&self, indent: usize, key: &str, value: usize) -> usize {
        if self.pretty {
            2 + indent + key.len() + 4 + value
        } else {
            key.len() + 4 + value
        }
    }

    /// The braces of an object (or brackets of a list) whose closing one is at `indent`.
    fn close(&self, indent: usize) -> usize {
        if self.pretty {
            3 + indent
        } else {
            2
        }
    }

    /// An item of a list at `indent`, with its separator.
    fn item(&self, indent: usize, value: usize) -> usize {
        if self.pretty {
            2 + indent + value
        } else {
            1 + value
        }
    }

    /// A list of strings whose items are at `indent`.
    fn strings<S: AsRef<str>>(&self, indent: usize, items: impl IntoIterator<Item = S>) -> usize {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return 2;
        }
        let items: usize = items
            .map(|t| self.item(indent, string_len(t.as_ref())))
            .sum();
        items + self.close(indent - 2)
    }
}

/// The length of `s` as a JSON string (quotes and escapes included), as serde_json writes it.
fn string_len(s: &str) -> usize {
    let escapes: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    s.len() + 2 + escapes
}

/// The length of an optional string as JSON (`null` when absent).
fn opt_string_len(s: Option<&str>) -> usize {
    s.map_or(4, string_len)
}

/// The number of digits of `n`.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// At most the length of a number as [`Num`] writes it.
fn num_len(x: f64) -> usize {
    match Num::of(x) {
        Num::Int(i) => {
            i.unsigned_abs()
                .checked_ilog10()
                .map_or(1, |d| d as usize + 1)
                + usize::from(i < 0)
        }
        Num::Float(_) => 24,
    }
}

impl ExtractReport<'_> {
    /// About the length of the report's JSON text: the exact lengths of its strings, with
    /// bounds for its numbers.
    fn size_hint(&self, pretty: bool) -> usize {
        let z = Sizer { pretty };
        let a = self.analysis;
        // Offsets are written in UTF-16 units, never more than bytes: their byte offsets'
        // digits bound theirs.
        // Top level: the braces and three keys of lists.
        let mut n = z.close(0) + 3 * z.field(2, "sentences", z.close(2));
        // Each sentence's text, measured once for all its claims.
        let mut last: Option<((usize, usize), usize)> = None;
        for (i, c) in a.claims.iter().enumerate() {
            let text = match last {
                Some((span, len)) if span == (c.start, c.end) => len,
                _ => string_len(&self.text[c.start..c.end]),
            };
            last = Some(((c.start, c.end), text));
            let anchor = z.field(8, "start", digits(c.anchor.0))
                + z.field(8, "end", digits(c.anchor.1))
                + z.close(6);
            let fields = z.field(6, "anchor", anchor)
                + z.field(6, "checkworthiness", 4)
                + z.field(6, "end", digits(c.end))
                + z.field(6, "id", 3 + digits(i + 1))
                + z.field(6, "kind", c.kind().len() + 2)
                + z.field(6, "negated", 5)
                + z.field(6, "qualifiers", z.strings(8, c.qualifiers().iter()))
                + z.field(6, "start", digits(c.start))
                + z.field(6, "subject", opt_string_len(c.subject()))
                + z.field(6, "terms", z.strings(8, c.local()))
                + z.field(6, "text", text)
                + z.field(6, "time", opt_string_len(c.time()));
            n += z.item(4, fields + z.close(4));
        }
        for m in a.mentions.iter() {
            let bound = 13; // "more_than", "less_than", …, or null
            let amount = |x: &crate::extract::Amount| {
                z.field(6, "bound", bound)
                    + z.field(6, "high", x.high.map_or(4, num_len))
                    + z.field(6, "low", x.low.map_or(4, num_len))
                    + z.field(6, "value", num_len(x.value))
            };
            let own = match &m.value {
                Value::Number(x) | Value::Percent(x) => amount(x),
                Value::Money(x, cur) => amount(x) + z.field(6, "currency", string_len(cur)),
                Value::Quantity(x, unit) => amount(x) + z.field(6, "unit", string_len(unit)),
                Value::Duration(_, iso) => {
                    z.field(6, "bound", bound) + z.field(6, "value", string_len(iso))
                }
                Value::Ordinal(k, noun) => {
                    z.field(6, "of", string_len(noun)) + z.field(6, "value", num_len(*k as f64))
                }
                Value::Date(d) => z.field(6, "value", string_len(&d.iso)),
                Value::Quote {
                    quote,
                    speaker,
                    verb,
                } => {
                    z.field(6, "quote", string_len(quote))
                        + z.field(6, "speaker", opt_string_len(speaker.as_deref()))
                        + z.field(6, "verb", opt_string_len(verb.as_deref()))
                }
                Value::Entity { name, kind } => {
                    z.field(6, "name", string_len(name))
                        + z.field(6, "type", kind.as_str().len() + 2)
                }
            };
            let fields = own
                + z.field(6, "end", digits(m.end))
                + z.field(6, "kind", m.value.kind().len() + 2)
                + z.field(6, "start", digits(m.start))
                + z.field(6, "text", string_len(&self.text[m.start..m.end]));
            n += z.item(4, fields + z.close(4));
        }
        for s in &a.sentences {
            let fields = z.field(6, "checkworthiness", 4)
                + z.field(6, "end", digits(s.end))
                + z.field(6, "junk", 5)
                + z.field(6, "start", digits(s.start));
            n += z.item(4, fields + z.close(4));
        }
        n
    }
}

/// The JSON text of `extract --format json` (pretty, as the CLI writes it, or compact, as the
/// page takes it), written into one buffer allocated at about its final size.
pub fn extract_json_text(text: &str, a: &Analysis, pretty: bool) -> String {
    let report = extract_report(text, a);
    let mut w = Writer::new(pretty, report.size_hint(pretty));
    report.write(&mut w);
    w.finish()
}

/// `extract --format json`, as a JSON tree (its text read back: numbers are read back exactly).
#[cfg(not(target_arch = "wasm32"))]
pub fn extract_json(text: &str, a: &Analysis) -> Json {
    serde_json::from_str(&extract_json_text(text, a, false)).unwrap_or(Json::Null)
}

/// The first version of [`extract_json`], which built the tree field by field: the reference
/// the tests hold [`extract_report`] to.
#[cfg(test)]
fn extract_json_tree(text: &str, a: &Analysis) -> Json {
    let off = Offsets::new(text);
    let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); a.sentences.len()];
    for m in a.mentions.iter() {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(m);
        }
    }
    let worth: Vec<f64> = a
        .sentences
        .iter()
        .zip(&by_sentence)
        .map(|(s, ms)| crate::claims::checkworthiness(&text[s.start..s.end], ms, s.junk))
        .collect();
    let sentences: Vec<Json> = a
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| json!({ "start": off.at(s.start), "end": off.at(s.end), "checkworthiness": round2(worth[i]), "junk": s.junk }))
        .collect();
    let mentions: Vec<Json> = a
        .mentions
        .iter()
        .map(|m| mention_json(text, &off, m))
        .collect();
    let claims: Vec<Json> = a
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut o = claim_base(text, &off, i, c);
            o.insert("checkworthiness".into(), json!(round2(c.checkworthiness)));
            o.insert("negated".into(), json!(c.negated));
            o.insert("qualifiers".into(), json!(c.qualifiers()));
            o.insert("time".into(), json!(c.time()));
            o.insert("terms".into(), json!(c.local().collect::<Vec<_>>()));
            Json::Object(o)
        })
        .collect();
    json!({ "sentences": sentences, "mentions": mentions, "claims": claims })
}

/// `extract --format text`: one line per sentence, then its mentions.
pub fn extract_text(text: &str, a: &Analysis) -> String {
    let mut out = String::new();
    for (i, s) in a.sentences.iter().enumerate() {
        let tag = if s.junk { " (junk)" } else { "" };
        out.push_str(&format!(
            "[{}]{} {}\n",
            i + 1,
            tag,
            one_line(&text[s.start..s.end])
        ));
        for m in a.mentions.iter().filter(|m| m.sentence == i) {
            out.push_str(&format!(
                "    {:<9} {}\n",
                m.value.kind(),
                one_line(&text[m.start..m.end])
            ));
        }
    }
    out
}

/// The counts per verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Supported claims.
    pub supported: usize,
    /// Contradicted claims.
    pub contradicted: usize,
    /// Claims the corpus's sources disagree on.
    pub conflicting: usize,
    /// Claims the corpus says nothing about.
    pub unverified: usize,
}

/// Counts judgments per verdict.
pub fn summary(judgments: &[Judgment]) -> Summary {
    let mut s = Summary::default();
    for j in judgments {
        match j.verdict {
            Verdict::Supported => s.supported += 1,
            Verdict::Contradicted => s.contradicted += 1,
            Verdict::Conflicting => s.conflicting += 1,
            Verdict::Unverified => s.unverified += 1,
        }
    }
    s
}

/// `check --format json`, as a JSON tree (the text of [`check_report`] read back: numbers are
/// read back exactly), for the CLI's exports and the tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_json(text: &str, claims: &[Claim], judgments: &[Judgment], corpus: &Corpus) -> Json {
    let report = check_report(text, claims, judgments, corpus).to_json(false);
    serde_json::from_str(&report).unwrap_or(Json::Null)
}

/// The first version of [`check_json`], which built the tree field by field: the reference the
/// tests hold [`check_report`] to.
#[cfg(test)]
fn check_json_tree(text: &str, claims: &[Claim], judgments: &[Judgment], corpus: &Corpus) -> Json {
    let off = Offsets::new(text);
    // Each cited document's offsets, built once per report.
    let mut doc_offsets: Vec<Option<Offsets>> = (0..corpus.documents.len()).map(|_| None).collect();
    for j in judgments {
        for e in &j.evidence {
            if doc_offsets[e.document].is_none() {
                doc_offsets[e.document] = Some(Offsets::new(&corpus.documents[e.document].text));
            }
        }
    }
    let doc_offsets: Vec<Offsets> = doc_offsets
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Offsets::new("")))
        .collect();
    let items: Vec<Json> = claims
        .iter()
        .zip(judgments)
        .enumerate()
        .map(|(i, (c, j))| {
            let mut o = claim_base(text, &off, i, c);
            o.insert("verdict".into(), json!(j.verdict.as_str()));
            o.insert("confidence".into(), json!(j.confidence));
            o.insert("mismatch".into(), json!(j.mismatch));
            o.insert("explanation".into(), json!(j.explanation));
            let evidence: Vec<Json> = j
                .evidence
                .iter()
                .map(|e| {
                    let d = &corpus.documents[e.document];
                    let doc_off = &doc_offsets[e.document];
                    json!({
                        "document": d.meta.id, "title": d.meta.title, "source": d.meta.source,
                        "url": d.meta.url, "published": d.meta.published,
                        "text": &d.text[e.start..e.end], "stance": e.stance.as_str(),
                        "start": doc_off.at(e.start), "end": doc_off.at(e.end),
                        "anchor": { "start": doc_off.at(e.anchor.0), "end": doc_off.at(e.anchor.1) },
                    })
                })
                .collect();
            o.insert("evidence".into(), Json::Array(evidence));
            // A quote's word diff against the corpus's wording; each source's value when they
            // disagree.
            if !j.diff.is_empty() {
                let diff = j.diff.iter().map(|(op, w)| json!({ "op": op.as_str(), "word": w }));
                o.insert("diff".into(), Json::Array(diff.collect()));
            }
            if !j.sides.is_empty() {
                let sides = j.sides.iter().map(|(di, value)| {
                    let d = &corpus.documents[*di];
                    json!({ "document": d.meta.id, "source": d.meta.source,
                            "published": d.meta.published, "value": value })
                });
                o.insert("sides".into(), Json::Array(sides.collect()));
            }
            Json::Object(o)
        })
        .collect();
    json!({
        "engine": { "name": crate::ENGINE_NAME, "version": crate::VERSION },
        "corpus": { "id": corpus.id, "documents": corpus.document_count() },
        "claims": items,
        "summary": summary(judgments),
    })
}

/// The report of `check --format json`, written straight from the judgments (no JSON tree in
/// between) by [`CheckReport::to_json`]: the page's `Checker.check` gives it. Keys in sorted
/// order, so it is the very text serde_json gives for the tree the first version built (the
/// tests compare them).
pub struct CheckReport<'a> {
    text: &'a str,
    claims: &'a [Claim],
    judgments: &'a [Judgment],
    corpus: &'a Corpus,
}

/// The report of `check --format json`, ready to write.
pub fn check_report<'a>(
    text: &'a str,
    claims: &'a [Claim],
    judgments: &'a [Judgment],
    corpus: &'a Corpus,
) -> CheckReport<'a> {
    CheckReport {
        text,
        claims,
        judgments,
        corpus,
    }
}

impl CheckReport<'_> {
    /// The report as JSON text, compact or pretty.
    pub fn to_json(&self, pretty: bool) -> String {
        let mut w = Writer::new(pretty, 1024 + 2048 * self.judgments.len());
        self.write(&mut w);
        w.finish()
    }

    /// Writes the report.
    pub fn write(&self, w: &mut Writer) {
        let (text, corpus) = (self.text, self.corpus);
        let off = Offsets::new(text);
        // Each cited document's offsets, built once per report.
        let mut doc_offsets: Vec<Option<Offsets>> =
            (0..corpus.documents.len()).map(|_| None).collect();
        for j in self.judgments {
            for e in &j.evidence {
                if doc_offsets[e.document].is_none() {
                    doc_offsets[e.document] =
                        Some(Offsets::new(&corpus.documents[e.document].text));
                }
            }
        }
        let empty = Offsets::new("");
        w.open(b'{');
        w.key("claims");
        w.open(b'[');
        for (i, (c, j)) in self.claims.iter().zip(self.judgments).enumerate() {
            w.item();
            w.open(b'{');
            w.key("anchor");
            span(w, &off, c.anchor);
            w.key("confidence");
            w.float(j.confidence);
            // A quote's word diff against the corpus's wording.
            if !j.diff.is_empty() {
                w.key("diff");
                w.open(b'[');
                for (op, word) in &j.diff {
                    w.item();
                    w.open(b'{');
                    w.key("op");
                    w.string(op.as_str());
                    w.key("word");
                    w.string(word);
                    w.close(b'}');
                }
                w.close(b']');
            }
            w.key("end");
            w.uint(off.at(c.end) as u64);
            w.key("evidence");
            w.open(b'[');
            for e in &j.evidence {
                let d = &corpus.documents[e.document];
                let o = doc_offsets[e.document].as_ref().unwrap_or(&empty);
                w.item();
                w.open(b'{');
                w.key("anchor");
                span(w, o, e.anchor);
                w.key("document");
                w.string(&d.meta.id);
                w.key("end");
                w.uint(o.at(e.end) as u64);
                w.key("published");
                w.string(&d.meta.published);
                w.key("source");
                w.string(&d.meta.source);
                w.key("stance");
                w.string(e.stance.as_str());
                w.key("start");
                w.uint(o.at(e.start) as u64);
                w.key("text");
                w.string(&d.text[e.start..e.end]);
                w.key("title");
                w.string(&d.meta.title);
                w.key("url");
                w.opt_string(d.meta.url.as_deref());
                w.close(b'}');
            }
            w.close(b']');
            w.key("explanation");
            w.string(&j.explanation);
            w.key("id");
            claim_id(w, i + 1);
            w.key("kind");
            w.string(c.kind());
            w.key("mismatch");
            w.opt_string(j.mismatch);
            // Each source's value when they disagree.
            if !j.sides.is_empty() {
                w.key("sides");
                w.open(b'[');
                for (di, value) in &j.sides {
                    let d = &corpus.documents[*di];
                    w.item();
                    w.open(b'{');
                    w.key("document");
                    w.string(&d.meta.id);
                    w.key("published");
                    w.string(&d.meta.published);
                    w.key("source");
                    w.string(&d.meta.source);
                    w.key("value");
                    w.string(value);
                    w.close(b'}');
                }
                w.close(b']');
            }
            w.key("start");
            w.uint(off.at(c.start) as u64);
            w.key("subject");
            w.opt_string(c.subject());
            w.key("text");
            w.string(&text[c.start..c.end]);
            w.key("verdict");
            w.string(j.verdict.as_str());
            w.close(b'}');
        }
        w.close(b']');
        w.key("corpus");
        w.open(b'{');
        w.key("documents");
        w.uint(corpus.document_count() as u64);
        w.key("id");
        w.string(&corpus.id);
        w.close(b'}');
        w.key("engine");
        w.open(b'{');
        w.key("name");
        w.string(crate::ENGINE_NAME);
        w.key("version");
        w.string(crate::VERSION);
        w.close(b'}');
        let sum = summary(self.judgments);
        w.key("summary");
        w.open(b'{');
        for (k, n) in [
            ("conflicting", sum.conflicting),
            ("contradicted", sum.contradicted),
            ("supported", sum.supported),
            ("unverified", sum.unverified),
        ] {
            w.key(k);
            w.uint(n as u64);
        }
        w.close(b'}');
        w.close(b'}');
    }
}

impl crate::jsonw::WriteJson for CheckReport<'_> {
    fn write_json(&self, w: &mut Writer) {
        self.write(w)
    }
}
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn label(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "SUPPORTED",
        Verdict::Contradicted => "CONTRADICTED",
        Verdict::Conflicting => "CONFLICTING",
        Verdict::Unverified => "UNVERIFIED",
    }
}

/// `check --format text`: one block per claim, plain.
pub fn check_text(text: &str, claims: &[Claim], judgments: &[Judgment], corpus: &Corpus) -> String {
    let mut out = String::new();
    for (c, j) in claims.iter().zip(judgments) {
        out.push_str(&format!(
            "{:<12} {}\n",
            label(j.verdict),
            one_line(&text[c.start..c.end])
        ));
        out.push_str(&format!(
            "             value: {}\n",
            one_line(&text[c.anchor.0..c.anchor.1])
        ));
        out.push_str(&format!("             {}\n", j.explanation));
        for e in &j.evidence {
            let d = &corpus.documents[e.document];
            out.push_str(&format!(
                "             [{}] {} ({}, {}): {}\n",
                e.stance.as_str(),
                d.meta.title,
                d.meta.source,
                d.meta.published,
                one_line(&d.text[e.start..e.end])
            ));
        }
        out.push('\n');
    }
    let s = summary(judgments);
    out.push_str(&format!(
        "{} claims: {} supported, {} contradicted, {} conflicting, {} unverified (corpus {}, {} documents)\n",
        judgments.len(),
        s.supported,
        s.contradicted,
        s.conflicting,
        s.unverified,
        &corpus.id[..12.min(corpus.id.len())],
        corpus.document_count()
    ));
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts for the extract report's tests: every kind of mention, a headline, page junk,
    /// characters JSON escapes, characters outside ASCII, nothing.
    const REPORT_TEXTS: [&str; 7] = [
        "Правительство выделило ₸5 трлн (about $10 billion) в 2024 году, сказал Токаев.",
        "Kazakhstan, which has no ties, said on Thursday, 7 November 2025, that 600 American companies invested more than $4.5 billion; Tokayev (the president) agreed.",
        "“We will sign,” Tokayev said. Almost 20% of about 3-5 million people — the first Asian country — paid €1.1 bn, up to 30 years ago, in the early 1990s.",
        "Café 🙂 «x» 12.345678912 km, 0.5 percent, 1e308 and half a dozen; the 50th largest economy; No. 3.",
        "",
        "Kazakhstan to Join Abraham Accords, Trump Announces\n\nClick here to subscribe.",
        "Tabs\tand \"quotes\" and \\ and \u{1} \u{1f}: Kazakhstan paid $5 billion\r\n in 2024, \u{8}\u{c} he said.",
    ];

    #[test]
    fn extract_report_writes_what_the_tree_wrote() {
        for t in REPORT_TEXTS {
            let a = crate::analyze(t, None);
            let tree = extract_json_tree(t, &a);
            assert_eq!(extract_json(t, &a), tree, "{t}");
            for pretty in [false, true] {
                let want = if pretty {
                    serde_json::to_string_pretty(&tree)
                } else {
                    serde_json::to_string(&tree)
                }
                .expect("json");
                assert_eq!(extract_json_text(t, &a, pretty), want, "{t}");
                // The buffer is allocated at about the text's size: not less, not much more.
                let hint = extract_report(t, &a).size_hint(pretty);
                assert!(
                    want.len() <= hint && hint <= want.len() + want.len() / 10 + 16,
                    "{t}: {} bytes, {hint} foreseen",
                    want.len()
                );
            }
        }
    }

    /// The report in chunks (as the page takes it) holds each list's items, in order, once:
    /// chunks of one item, of a few, and of the whole list; every chunk is ASCII when few of the
    /// text's chars are not.
    #[test]
    fn extract_report_chunks_are_the_lists() {
        // Both kinds of pieces are made below: ASCII (English with a few other chars) and UTF-8.
        let few = |t: &str| extract_report(t, &crate::analyze(t, None)).few_non_ascii();
        assert!(few(REPORT_TEXTS[2]) && few(REPORT_TEXTS[3]) && !few(REPORT_TEXTS[0]));
        let cyrillic = crate::analyze(REPORT_TEXTS[0], None);
        let cyrillic = extract_report(REPORT_TEXTS[0], &cyrillic);
        assert!(Part::ALL
            .iter()
            .any(|&p| cyrillic.chunks(p, 1 << 20).any(|c| c.contains("Токаев"))));
        for t in REPORT_TEXTS {
            let a = crate::analyze(t, None);
            let tree = extract_json_tree(t, &a);
            let report = extract_report(t, &a);
            for bytes in [0, 1, 300, 1 << 20] {
                for part in Part::ALL {
                    let mut items = Vec::new();
                    let mut n = 0;
                    for chunk in report.chunks(part, bytes) {
                        n += 1;
                        // "Café 🙂 «x»", curly quotes, dashes: as `\u` escapes.
                        assert!(chunk.is_ascii() || !report.few_non_ascii(), "{chunk}");
                        match serde_json::from_str(&chunk).expect("a chunk is JSON") {
                            Json::Array(v) => {
                                assert!(!v.is_empty(), "an empty chunk");
                                if bytes > 1 << 19 {
                                    assert_eq!(n, 1, "a list under the size in one chunk");
                                }
                                items.extend(v)
                            }
                            other => panic!("a chunk is not a list: {other}"),
                        }
                    }
                    assert_eq!(report.len(part), items.len());
                    assert_eq!(
                        &Json::Array(items),
                        &tree[part.key()],
                        "{t} {part:?} {bytes}"
                    );
                    if bytes <= 1 {
                        assert_eq!(n, report.len(part), "one item per chunk");
                    }
                }
            }
        }
    }

    /// The page's check report (written straight from the judgments) is the CLI's tree's text.
    #[test]
    fn check_report_writes_what_the_tree_writes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        for e in std::fs::read_dir(dir.join("corpus")).expect("corpus/") {
            let p = e.expect("entry").path();
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            sources.push((name, std::fs::read(&p).expect("read")));
        }
        sources.sort();
        let (corpus, _) = Corpus::compile(&sources);
        let mut texts: Vec<String> = vec![
            String::new(),
            "Café 🙂 Kazakhstan has 20 million people and joined the Abraham Accords in 2025, Trump said.".into(),
        ];
        for e in std::fs::read_dir(dir.join("tests/devset")).expect("tests/devset") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "json") {
                let v: Json =
                    serde_json::from_slice(&std::fs::read(&p).expect("read")).expect("json");
                texts.push(v["text"].as_str().unwrap_or_default().to_string());
            }
        }
        let mut with_diff_or_sides = 0;
        for t in &texts {
            let a = crate::analyze(t, None);
            let judgments = crate::reconcile::reconcile(t, &a.claims, &corpus);
            with_diff_or_sides += judgments
                .iter()
                .filter(|j| !j.diff.is_empty() || !j.sides.is_empty())
                .count();
            let tree = check_json_tree(t, &a.claims, &judgments, &corpus);
            let direct = check_report(t, &a.claims, &judgments, &corpus);
            assert_eq!(
                direct.to_json(false),
                serde_json::to_string(&tree).expect("json"),
                "{t}"
            );
            assert_eq!(
                direct.to_json(true),
                serde_json::to_string_pretty(&tree).expect("json"),
            );
        }
        // The optional lists were written too (a quote's diff, the sides of a conflict).
        assert!(with_diff_or_sides > 0);
    }

    #[test]
    fn utf16_offsets() {
        let t = "Café 🙂 x";
        let o = Offsets::new(t);
        assert_eq!(o.at(0), 0);
        assert_eq!(o.at(5), 4); // after "Café"
        assert_eq!(o.at(t.len()), t.encode_utf16().count());
        for (b, _) in t.char_indices() {
            assert_eq!(o.at(b), t[..b].encode_utf16().count(), "byte {b}");
        }
        // Over many blocks: marks at block edges, blocks without marks, runs of marks.
        let mut t = String::new();
        for i in 0..3000 {
            let run = "x".repeat(i % 300);
            t.push_str(match i % 7 {
                0 => "é",
                1 => "abc",
                2 => "🙂",
                3 => &run,
                4 => "—’",
                _ => " ",
            });
        }
        let o = Offsets::new(&t);
        let mut units = 0;
        for (b, c) in t.char_indices() {
            assert_eq!(o.at(b), units, "byte {b}");
            units += c.len_utf16();
        }
        assert_eq!(o.at(t.len()), units);
        for t in [
            "",
            "x",
            "é",
            &"y".repeat(256),
            &format!("{}é", "y".repeat(255)),
        ] {
            let o = Offsets::new(t);
            assert_eq!(o.at(t.len()), t.encode_utf16().count(), "{t}");
        }
    }
}
