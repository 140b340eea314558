//! The binary encoding of index shards (format 6): LEB128 varints, zigzag for signed numbers,
//! length-prefixed bytes, and a table of strings per shard (each distinct string once; the body
//! refers to it by number), the rest in columns.
//!
//! Writing is deterministic (strings are numbered in order of first use). Reading never panics and
//! never allocates more than the input can hold: every count is checked against the bytes left.

use std::collections::HashMap;

/// A shard body being written: the strings it refers to, and its columns. Each kind of field
/// goes to a column of its own ([`Writer::to`]), so that like sits next to like and gzip finds it.
#[derive(Default)]
pub(crate) struct Writer {
    bufs: Vec<Vec<u8>>,
    cur: usize,
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

/// A shard body being read.
pub(crate) struct Reader<'a> {
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
}
