//! JSON text to a `serde_json::Value`, for the one JSON text the wasm reads (the corpus
//! manifest). In the wasm it is a small parser of our own, so that serde_json's deserializer
//! (about 20 KB of code with its float parsing) stays out of the page (issue 7's size budget);
//! natively it is serde_json's, so the CLI's messages do not change. Numbers: integers as
//! integers (u64, else i64, else f64, as serde_json reads them), the others through core's
//! correctly rounded `f64` parser (what serde_json's `float_roundtrip` gives; crate::float in the wasm).

use serde_json::{Map, Number, Value};
use std::fmt;

/// Why a text is not JSON, and where (1-based line and column, as serde_json counts them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    message: String,
    line: usize,
    column: usize,
}

impl JsonError {
    /// The line of the problem (from 1).
    pub fn line(&self) -> usize {
        self.line
    }
    /// The column of the problem (from 1; 0 at the start of a line).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses a JSON text (one value, whitespace around it).
pub fn parse(text: &str) -> Result<Value, JsonError> {
    #[cfg(target_arch = "wasm32")]
    {
        parse_small(text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| JsonError {
            message: e.to_string(),
            line: e.line(),
            column: e.column(),
        })
    }
}

/// Nesting deeper than this is refused (serde_json's limit).
const MAX_DEPTH: usize = 128;

/// The small parser (used in the wasm; natively by the tests, against serde_json).
pub fn parse_small(text: &str) -> Result<Value, JsonError> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> JsonError {
        let upto = &self.s[..(self.i + 1).min(self.s.len())];
        let line = 1 + upto.iter().filter(|&&b| b == b'\n').count();
        let column = upto.len() - upto.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        JsonError {
            message: format!("{what} at line {line} column {column}"),
            line,
            column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &[u8], v: Value) -> Result<Value, JsonError> {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err("expected ident"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        match self.peek() {
            None => Err(self.err("EOF while parsing a value")),
            Some(b'n') => self.eat(b"null", Value::Null),
            Some(b't') => self.eat(b"true", Value::Bool(true)),
            Some(b'f') => self.eat(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(open @ (b'[' | b'{')) => {
                if depth >= MAX_DEPTH {
                    return Err(self.err("recursion limit exceeded"));
                }
                self.i += 1;
                let close = if open == b'[' { b']' } else { b'}' };
                let mut items = Vec::new();
                let mut map = Map::new();
                self.ws();
                if self.peek() == Some(close) {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if open == b'[' {
                            items.push(self.value(depth + 1)?);
                        } else {
                            if self.peek() != Some(b'"') {
                                return Err(self.err("key must be a string"));
                            }
                            let k = self.string()?;
                            self.ws();
                            if self.peek() != Some(b':') {
                                return Err(self.err("expected `:`"));
                            }
                            self.i += 1;
                            self.ws();
                            let v = self.value(depth + 1)?;
                            map.insert(k, v);
                        }
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(c) if c == close => {
                                self.i += 1;
                                break;
                            }
                            None => return Err(self.err("EOF while parsing")),
                            Some(_) => return Err(self.err("expected `,` or a closing bracket")),
                        }
                    }
                }
                Ok(if open == b'[' {
                    Value::Array(items)
                } else {
                    Value::Object(map)
                })
            }
            Some(_) => Err(self.err("expected value")),
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - from
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let from = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_from = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[int_from] == b'0') {
            return Err(self.err("invalid number"));
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            float = true;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            float = true;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        // The slice is ASCII digits and signs: always UTF-8.
        let t = std::str::from_utf8(&self.s[from..self.i]).unwrap_or("");
        if !float {
            if let Ok(u) = t.parse::<u64>() {
                return Ok(Value::Number(u.into()));
            }
            match t.parse::<i64>() {
                // "-0" is a float to serde_json (-0.0), read as such below.
                Ok(0) | Err(_) => {}
                Ok(i) => return Ok(Value::Number(i.into())),
            }
        }
        crate::float::parse(t)
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| self.err("number out of range"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("EOF while parsing a string"))?;
        let mut n = 0;
        for &b in h {
            let d = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.err("invalid escape"))?;
            n = n * 16 + d;
        }
        self.i += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.err("EOF while parsing a string"));
            };
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.err("EOF while parsing a string"));
                    };
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.s[self.i..].starts_with(b"\\u") {
                                    return Err(self.err("lone leading surrogate in hex escape"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code)
                                .ok_or_else(|| self.err("invalid unicode code point"))?
                        }
                        _ => return Err(self.err("invalid escape")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => {
                    return Err(self
                        .err("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => out.push(b),
            }
        }
        // The input is a &str and escapes add whole chars: the bytes are UTF-8.
        String::from_utf8(out).map_err(|_| self.err("invalid unicode code point"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text either parses to the value serde_json gives, or is refused by both.
    fn agree(text: &str) {
        let ours = parse_small(text);
        let theirs: Result<Value, _> = serde_json::from_str(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            "null",
            "true",
            "false",
            " 0 ",
            "-0",
            "12",
            "-12",
            "1.5",
            "-1.25e3",
            "1E-7",
            "0.1",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "12.345678901234567",
            "1e400",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "\"\"",
            "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
            "\"\\u00e9\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ud83dx\"",
            "\"é 😀\"",
            "\"a\nb\"",
            "\"\\x\"",
            "\"abc",
            "[]",
            "{}",
            "[1, [2, {\"a\": []}]]",
            "{\"a\": 1, \"a\": 2}",
            "{\"a\" 1}",
            "{1: 2}",
            "[1,]",
            "[1 2]",
            "{\"a\":1,}",
            "nul",
            "tru",
            "[",
            "{",
            "1 2",
            "{\"counts\": {\"documents\": 2}, \"avg_terms\": 7.433333333333334}",
        ];
        for c in cases {
            agree(c);
        }
        agree(&"[".repeat(127).to_string());
        agree(&("[".repeat(127) + &"]".repeat(127)));
        agree(&("[".repeat(129) + &"]".repeat(129)));
    }

    #[test]
    fn the_default_corpus_manifest_parses_the_same() {
        // A manifest as `corroborate index` writes it (pretty, every field).
        let text = "{\n  \"format\": 3,\n  \"engine_version\": \"0.1.0\",\n  \"id\": \"ab\",\n  \"counts\": {\n    \"documents\": 2,\n    \"text_bytes\": 12345\n  },\n  \"avg_terms\": 11.173913043478262,\n  \"stop_df\": 0\n}\n";
        agree(text);
    }

    #[test]
    fn floats_round_trip_exactly() {
        let mut x = 0.1f64;
        for _ in 0..2000 {
            x = x * 1.37 + 0.013;
            if x > 1e300 {
                x = 1e-300;
            }
            let text = serde_json::to_string(&x).expect("json");
            assert_eq!(
                parse_small(&text).ok().and_then(|v| v.as_f64()),
                Some(x),
                "{text}"
            );
        }
    }

    #[test]
    fn errors_say_where() {
        let e = parse_small("{\n  \"a\": ?\n}").unwrap_err();
        assert_eq!((e.line(), e.column()), (2, 8));
        assert_eq!(e.to_string(), "expected value at line 2 column 8");
    }
}
