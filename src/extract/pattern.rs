//! A small regular-expression engine for extraction's own patterns, in place of the `regex` crate
//! (which, with its Unicode tables, lazy DFA and literal searchers, was about a third of the wasm).
//!
//! **Syntax:** exactly the subset extraction uses, with the `regex` crate's meaning: flags `i`
//! (case-insensitive), `x` (verbose: white space and `#` comments ignored, classes included) and
//! `u` (only to turn Unicode off, as in `(?-u:\b)`), as `(?flags)` or `(?flags:…)`; groups
//! `(…)`, `(?:…)`, `(?P<name>…)`, `(?<name>…)`; alternation; `?`, `*`, `+`, `{n}`, `{n,}`,
//! `{n,m}`, each greedy or lazy (`??`, `{0,3}?`); `^`, `$` (text start and end); `\b`, `\B`;
//! `.`; `\w`, `\s`, `\d` and their negations; classes `[…]` with ranges, negation and escapes;
//! escaped punctuation; any other char as itself (’, €, –, …). Anything else is an [`Error`].
//!
//! **Semantics:** leftmost-first, like `regex`: of the matches that start leftmost, the one the
//! pattern prefers (alternatives in order, greedy repeats as long as possible, lazy ones as short),
//! with the same group spans. `\w`, `\d`, `\s` are Unicode's (tables copied from regex-syntax, in
//! [`super::unicode_tables`]); `\b` is the Unicode word boundary, `(?-u:\b)` the ASCII one.
//! Case-insensitive matching folds ASCII letters, plus the two non-ASCII chars that fold to ASCII
//! (KELVIN SIGN ↔ k, LONG S ↔ s), as Unicode simple case folding does; a non-ASCII letter folds
//! through `char::to_lowercase`/`to_uppercase` (single-char results only), which can differ from
//! simple case folding for a few letters (Greek final sigma, Cherokee, …). Extraction's patterns
//! have no non-ASCII letters under `(?i)`, so for them the two agree; `tests/pattern.rs` compares
//! every production pattern with `regex` on many texts.
//!
//! **Engine:** a backtracker that tries alternatives in preference order (which gives leftmost-first
//! exactly), with a memo of (state, position) pairs already tried at the program's join points,
//! shared by every start position of one search, so a search visits each pair at most once: time
//! linear in the text for a fixed pattern, whatever the input. The memo is paged and allocated on
//! first touch, so its memory follows what a search explores, not the text's length. Speed comes
//! from: runs of literal alternatives compiled to a trie (one walk instead of one try per word),
//! alternatives skipped by their possible first bytes, literal strings compared at once, and,
//! above all, a lazy reverse DFA (see "Where matches start" below) that reads the text once
//! backwards and marks where matches start, so that the backtracker runs once per match, at a
//! start where it is sure to succeed, and `is_match` needs no backtracking at all. Without the DFA
//! (an anchored pattern, or one too large for it) a search tries every start where the pattern's
//! first two bytes (and its ASCII word boundary, when it starts with one) can match.
//! A pattern's user may also answer for some starts itself ([`Regex::with_shortcut`]), as the
//! number pattern does at a digit with nothing after the number.

use super::unicode_tables::{digit, space, word};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::ops::Index;
use std::sync::Mutex;

/// A pattern that cannot be compiled: the reason and the byte offset in the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// Where (a byte offset into the pattern).
    pub offset: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern error at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for Error {}

// ---------------------------------------------------------------------------------------------
// Syntax tree

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Start,
    End,
    WordAscii,
    NotWordAscii,
    WordUnicode,
    NotWordUnicode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Perl {
    Word,
    Digit,
    Space,
}

impl Perl {
    /// The class's ranges outside ASCII.
    fn table(self) -> &'static [(u32, u32)] {
        match self {
            Perl::Word => word(),
            Perl::Digit => digit(),
            Perl::Space => space(),
        }
    }
}

/// A class item: a range of chars, or a Perl class (Unicode or ASCII), possibly negated.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Range(u32, u32),
    Perl {
        class: Perl,
        unicode: bool,
        negated: bool,
    },
}

/// A set of chars.
#[derive(Debug, Clone, PartialEq)]
struct ClassSpec {
    items: Vec<Item>,
    negated: bool,
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    /// A literal char; `ci`: matched case-insensitively.
    Lit(char, bool),
    Class(ClassSpec),
    Look(Look),
    Group(u32, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

#[derive(Clone, Copy)]
struct Flags {
    ci: bool,
    verbose: bool,
    unicode: bool,
}

struct Parser<'p> {
    src: &'p str,
    pos: usize,
    names: Vec<Option<String>>,
}

fn err<T>(message: impl Into<String>, offset: usize) -> Result<T, Error> {
    Err(Error {
        message: message.into(),
        offset,
    })
}

/// The most a counted repetition may say (`{n,m}`), as a guard against huge programs.
const MAX_REPEAT: u32 = 1000;

impl<'p> Parser<'p> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// In verbose mode, skips white space and `#` comments.
    fn skip_space(&mut self, flags: Flags) {
        if !flags.verbose {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else if c == '#' {
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// An alternation, up to `)` or the end.
    fn parse_alt(&mut self, flags: &mut Flags, depth: u32) -> Result<Node, Error> {
        if depth > 100 {
            return err("groups nested too deep", self.pos);
        }
        let mut branches = Vec::new();
        let mut seq = Vec::new();
        loop {
            self.skip_space(*flags);
            match self.peek() {
                None => break,
                Some(')') => break,
                Some('|') => {
                    self.pos += 1;
                    branches.push(concat(std::mem::take(&mut seq)));
                }
                Some(_) => {
                    if let Some(atom) = self.parse_atom(flags, depth)? {
                        let atom = self.parse_repeats(atom, *flags)?;
                        seq.push(atom);
                    }
                }
            }
        }
        branches.push(concat(seq));
        Ok(if branches.len() == 1 {
            branches.pop().expect("one branch")
        } else {
            Node::Alt(branches)
        })
    }

    fn parse_repeats(&mut self, mut atom: Node, flags: Flags) -> Result<Node, Error> {
        let mut repeated = false;
        loop {
            self.skip_space(flags);
            let at = self.pos;
            let (min, max) = match self.peek() {
                Some('?') => (0, Some(1)),
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('{') => {
                    self.pos += 1;
                    let r = self.parse_counts()?;
                    self.pos -= 1; // the `}`; bumped below
                    r
                }
                _ => return Ok(atom),
            };
            self.pos += 1;
            if matches!(atom, Node::Look(_) | Node::Empty) {
                return err("a repetition of nothing", at);
            }
            if repeated {
                return err("a repetition of a repetition (write a group)", at);
            }
            repeated = true;
            let greedy = !self.eat('?');
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                greedy,
            };
        }
    }

    /// `n}`, `n,}`, `n,m}` after `{`; leaves `pos` past the `}`.
    fn parse_counts(&mut self) -> Result<(u32, Option<u32>), Error> {
        let at = self.pos;
        let num = |p: &mut Parser| -> Option<u32> {
            let s = p.pos;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.pos += 1;
            }
            p.src[s..p.pos].parse().ok()
        };
        let Some(min) = num(self) else {
            return err("a repetition needs a count", at);
        };
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                match num(self) {
                    Some(m) => Some(m),
                    None => return err("a bad repetition count", self.pos),
                }
            }
        } else {
            Some(min)
        };
        if !self.eat('}') {
            return err("an unclosed repetition", at);
        }
        if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT || m < min) {
            return err("a repetition count out of range", at);
        }
        Ok((min, max))
    }

    /// One atom, or `None` for a flag group that only sets flags (`(?i)`).
    fn parse_atom(&mut self, flags: &mut Flags, depth: u32) -> Result<Option<Node>, Error> {
        let at = self.pos;
        let c = self.bump().expect("an atom");
        Ok(Some(match c {
            '(' => return self.parse_group(flags, depth, at),
            '[' => Node::Class(self.parse_class(*flags, at)?),
            '^' => Node::Look(Look::Start),
            '$' => Node::Look(Look::End),
            '.' => Node::Class(ClassSpec {
                items: vec![Item::Range('\n' as u32, '\n' as u32)],
                negated: true,
            }),
            '\\' => self.parse_escape(*flags, false)?,
            '?' | '*' | '+' | '{' => return err("a repetition of nothing", at),
            c => Node::Lit(c, flags.ci),
        }))
    }

    fn parse_group(
        &mut self,
        flags: &mut Flags,
        depth: u32,
        at: usize,
    ) -> Result<Option<Node>, Error> {
        let mut inner = *flags;
        let mut name = None;
        let mut capture = true;
        if self.eat('?') {
            capture = false;
            if self.eat('P') || self.peek() == Some('<') {
                if !self.eat('<') {
                    return err("expected < after ?P", self.pos);
                }
                let s = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    self.pos += 1;
                }
                let n = &self.src[s..self.pos];
                if n.is_empty() || !self.eat('>') {
                    return err("a bad group name", s);
                }
                if self.names.iter().any(|x| x.as_deref() == Some(n)) {
                    return err("a duplicate group name", s);
                }
                name = Some(n.to_string());
                capture = true;
            } else {
                // Flags: `(?flags)` or `(?flags:…)`.
                let mut on = true;
                loop {
                    match self.bump() {
                        Some('i') => inner.ci = on,
                        Some('x') => inner.verbose = on,
                        Some('u') => inner.unicode = on,
                        Some('-') if on => on = false,
                        Some(':') => break,
                        Some(')') => {
                            // Sets the flags for the rest of the enclosing group.
                            *flags = inner;
                            return Ok(None);
                        }
                        _ => return err("an unsupported group or flag", at),
                    }
                }
            }
        }
        let index = if capture {
            self.names.push(name);
            Some(self.names.len() as u32)
        } else {
            None
        };
        let node = self.parse_alt(&mut inner, depth + 1)?;
        if !self.eat(')') {
            return err("an unclosed group", at);
        }
        Ok(Some(match index {
            Some(i) => Node::Group(i, Box::new(node)),
            None => node,
        }))
    }

    /// After a `\`: an escape, outside a class (`in_class` false) or inside one.
    fn parse_escape(&mut self, flags: Flags, in_class: bool) -> Result<Node, Error> {
        let at = self.pos;
        let Some(c) = self.bump() else {
            return err("a trailing backslash", at);
        };
        let perl = |class, negated| {
            Node::Class(ClassSpec {
                items: vec![Item::Perl {
                    class,
                    unicode: flags.unicode,
                    negated,
                }],
                negated: false,
            })
        };
        Ok(match c {
            'w' => perl(Perl::Word, false),
            'W' => perl(Perl::Word, true),
            'd' => perl(Perl::Digit, false),
            'D' => perl(Perl::Digit, true),
            's' => perl(Perl::Space, false),
            'S' => perl(Perl::Space, true),
            'b' if !in_class => Node::Look(if flags.unicode {
                Look::WordUnicode
            } else {
                Look::WordAscii
            }),
            'B' if !in_class => Node::Look(if flags.unicode {
                Look::NotWordUnicode
            } else {
                Look::NotWordAscii
            }),
            'n' => Node::Lit('\n', false),
            't' => Node::Lit('\t', false),
            'r' => Node::Lit('\r', false),
            c if c.is_ascii_punctuation() || c == ' ' => Node::Lit(c, flags.ci),
            _ => return err("an unsupported escape", at - 1),
        })
    }

    fn parse_class(&mut self, flags: Flags, at: usize) -> Result<ClassSpec, Error> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut first = true;
        loop {
            self.skip_space(flags);
            let here = self.pos;
            let Some(c) = self.bump() else {
                return err("an unclosed class", at);
            };
            let lo = match c {
                ']' if !first => break,
                '[' => return err("nested classes are not supported", here),
                '\\' => match self.parse_escape(flags, true)? {
                    Node::Lit(c, _) => c,
                    Node::Class(spec) => {
                        items.extend(spec.items);
                        first = false;
                        continue;
                    }
                    _ => return err("an unsupported escape in a class", here),
                },
                c => c,
            };
            first = false;
            // A range `lo-hi`, unless the `-` ends the class.
            self.skip_space(flags);
            let save = self.pos;
            if self.eat('-') {
                self.skip_space(flags);
                match self.peek() {
                    Some(']') | None => {
                        self.pos = save; // `-` is literal; read next time round
                    }
                    Some(_) => {
                        let h_at = self.pos;
                        let hi = match self.bump() {
                            Some('\\') => match self.parse_escape(flags, true)? {
                                Node::Lit(c, _) => c,
                                _ => return err("a class as a range end", h_at),
                            },
                            Some('[') => return err("nested classes are not supported", h_at),
                            Some(c) => c,
                            None => unreachable!(),
                        };
                        if hi < lo {
                            return err("a range out of order", here);
                        }
                        items.push(Item::Range(lo as u32, hi as u32));
                        continue;
                    }
                }
            }
            items.push(Item::Range(lo as u32, lo as u32));
        }
        let mut spec = ClassSpec { items, negated };
        if flags.ci {
            spec = fold_class(spec);
        }
        if !flags.unicode && negated {
            return err("a negated class needs Unicode mode", at);
        }
        Ok(spec)
    }
}

fn concat(mut seq: Vec<Node>) -> Node {
    match seq.len() {
        0 => Node::Empty,
        1 => seq.pop().expect("one"),
        _ => Node::Concat(seq),
    }
}

/// The chars that match `c` case-insensitively, `c` first.
fn case_variants(c: char) -> Vec<char> {
    let mut out = vec![c];
    let mut add = |d: char| {
        if !out.contains(&d) {
            out.push(d);
        }
    };
    match c {
        'k' | 'K' | '\u{212A}' => ['k', 'K', '\u{212A}'].into_iter().for_each(&mut add),
        's' | 'S' | '\u{17F}' => ['s', 'S', '\u{17F}'].into_iter().for_each(&mut add),
        _ => {
            let lower: Vec<char> = c.to_lowercase().collect();
            let upper: Vec<char> = c.to_uppercase().collect();
            if lower.len() == 1 {
                add(lower[0]);
            }
            if upper.len() == 1 {
                add(upper[0]);
            }
        }
    }
    out
}

/// A class with the case variants of its explicit ranges added (Perl classes are closed under
/// case already).
fn fold_class(mut spec: ClassSpec) -> ClassSpec {
    let mut extra = Vec::new();
    for item in &spec.items {
        if let Item::Range(lo, hi) = *item {
            // Ranges over 2,000 chars are left as they are (no production class is one).
            if hi - lo > 2000 {
                continue;
            }
            for u in lo..=hi {
                if let Some(c) = char::from_u32(u) {
                    for v in case_variants(c).into_iter().skip(1) {
                        extra.push(Item::Range(v as u32, v as u32));
                    }
                }
            }
        }
    }
    spec.items.extend(extra);
    spec
}

// ---------------------------------------------------------------------------------------------
// Compiled classes

fn in_table(table: &[(u32, u32)], u: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// An ASCII word byte (`[0-9A-Za-z_]`): what `(?-u:\b)` separates from the rest.
pub(crate) fn ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// An ASCII byte of `\s` (tab, line feed, vertical tab, form feed, carriage return, space).
pub(crate) fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// After `from` in `hay`: where the ASCII white space ends, and where the run of ASCII word
/// bytes after it ends (equal when none follows). For the patterns' shortcuts.
pub(crate) fn space_then_word(hay: &[u8], from: usize) -> (usize, usize) {
    let mut at = from;
    while hay.get(at).copied().is_some_and(ascii_space) {
        at += 1;
    }
    let mut end = at;
    while hay.get(end).copied().is_some_and(ascii_word) {
        end += 1;
    }
    (at, end)
}

/// Sets group `g`'s two capture slots to `span`, where `slots` has them: for [`Shortcut`]s.
pub(crate) fn set_group(slots: &mut [usize], g: usize, span: (usize, usize)) {
    if let Some(s) = slots.get_mut(2 * g..2 * g + 2) {
        s.copy_from_slice(&[span.0, span.1]);
    }
}

/// Whether `c` is in Unicode's `\w` (what regex's `\w` and `\b` use).
pub fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        ascii_word(u as u8)
    } else {
        in_table(word(), u)
    }
}

/// Whether `c` is in `[^\W\d_]` (a letter or mark: `\w` without digits and `_`), as a pattern
/// reads that class.
pub(crate) fn is_letter_char(c: char) -> bool {
    perl_has(Perl::Word, true, c as u32) && !perl_has(Perl::Digit, true, c as u32) && c != '_'
}

/// Whether `c` is in `\s` (Unicode's White_Space), as a pattern reads that class.
pub(crate) fn is_space_char(c: char) -> bool {
    perl_has(Perl::Space, true, c as u32)
}

fn perl_has(class: Perl, unicode: bool, c: u32) -> bool {
    if c < 0x80 {
        let b = c as u8;
        return match class {
            Perl::Word => ascii_word(b),
            Perl::Digit => b.is_ascii_digit(),
            // \s: \t \n \v \f \r and space (Unicode's White_Space in ASCII, and regex's ASCII \s).
            Perl::Space => matches!(b, b'\t'..=b'\r' | b' '),
        };
    }
    unicode && in_table(class.table(), c)
}

/// A class ready to match: an ASCII bitmap, and the items for the rest.
#[derive(Debug)]
struct Class {
    ascii: u128,
    /// Whether a non-ASCII char can match at all (for first-byte sets).
    any_non_ascii: bool,
    items: Box<[Item]>,
    negated: bool,
}

impl Class {
    fn new(spec: &ClassSpec) -> Class {
        let mut c = Class {
            ascii: 0,
            any_non_ascii: false,
            items: spec.items.clone().into_boxed_slice(),
            negated: spec.negated,
        };
        for b in 0..128u32 {
            if c.slow_has(b) {
                c.ascii |= 1 << b;
            }
        }
        c.any_non_ascii = spec.negated
            || spec.items.iter().any(|i| match *i {
                Item::Range(_, hi) => hi >= 0x80,
                Item::Perl {
                    unicode, negated, ..
                } => unicode || negated,
            });
        c
    }

    fn slow_has(&self, u: u32) -> bool {
        let hit = self.items.iter().any(|i| match *i {
            Item::Range(lo, hi) => lo <= u && u <= hi,
            Item::Perl {
                class,
                unicode,
                negated,
            } => perl_has(class, unicode, u) != negated,
        });
        hit != self.negated
    }

    /// Where the char at `pos` ends if the class has it.
    #[inline]
    fn match_at(&self, hay: &[u8], pos: usize) -> Option<usize> {
        let &b = hay.get(pos)?;
        if b < 0x80 {
            (self.ascii >> b & 1 == 1).then_some(pos + 1)
        } else {
            let (c, n) = decode(hay, pos);
            self.has(c).then_some(pos + n)
        }
    }

    #[inline]
    fn has(&self, c: char) -> bool {
        let u = c as u32;
        if u < 0x80 {
            self.ascii >> u & 1 == 1
        } else {
            self.slow_has(u)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Program

#[derive(Debug, Clone, Copy)]
enum Inst {
    Match,
    /// Records the position in a capture slot.
    Save(u32),
    Jmp(u32),
    /// Tries the first target, then the second.
    Split(u32, u32),
    /// Tries each branch of `alts[i]` in order, skipping those that cannot start with the byte.
    Alt(u32),
    Byte(u8),
    /// A literal string (`lits[i]`).
    Str(u32),
    Class(u32),
    /// A run of literal alternatives (`tries[i]`), then the next instruction.
    Trie(u32),
    /// `[class]*` (greedy when the flag is set): one instruction instead of a loop of three, with
    /// the same order of tries and the same memo (per position of the loop's own state).
    Star(u32, bool),
    Assert(Look),
}

/// A literal string; when `ci`, ASCII letters are stored lowercase and match either case.
#[derive(Debug)]
struct Lit {
    bytes: Box<[u8]>,
    ci: bool,
    /// `ci` and the string has a `k` or an `s` (which also match KELVIN SIGN and LONG S).
    special: bool,
}

/// 256 bits: the bytes a branch can start with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn add(&mut self, b: u8) {
        self.0[(b >> 6) as usize] |= 1 << (b & 63);
    }
    #[inline]
    fn has(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] >> (b & 63) & 1 == 1
    }
    fn all() -> ByteSet {
        ByteSet([!0; 4])
    }
    fn union(&mut self, o: &ByteSet) {
        for i in 0..4 {
            self.0[i] |= o.0[i];
        }
    }
    fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
}

/// What a branch can start with: bytes, and whether it can match at the end of the text.
#[derive(Debug, Clone, Copy, Default)]
struct First {
    bytes: ByteSet,
    eof: bool,
}

#[derive(Debug)]
struct AltInst {
    branches: Box<[u32]>,
    first: Box<[First]>,
    /// With at most 64 branches: per byte (and 256: the end of the text), the branches that can
    /// start with it, as bits.
    viable: Box<[u64]>,
}

/// A trie of literal alternatives. Node 0 is the root.
#[derive(Debug)]
struct Trie {
    /// Per node: the index of its alternative if one ends there, else `u32::MAX`.
    terminal: Vec<u32>,
    /// Per node: its children, as (byte, node), sorted by byte.
    children: Vec<Vec<(u8, u32)>>,
    /// The root's children by byte (`u32::MAX`: none).
    root: Box<[u32; 256]>,
    /// The alternatives are case-insensitive (stored lowercase).
    ci: bool,
}

impl Trie {
    fn child(&self, node: u32, b: u8) -> Option<u32> {
        if node == 0 {
            let n = self.root[b as usize];
            return (n != u32::MAX).then_some(n);
        }
        self.children[node as usize]
            .iter()
            .find(|&&(k, _)| k == b)
            .map(|&(_, n)| n)
    }
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    insts: Vec<Inst>,
    lits: Vec<Lit>,
    classes: Vec<Class>,
    alts: Vec<AltInst>,
    tries: Vec<Trie>,
    /// Per instruction: its memo index, or `u32::MAX` when it needs none.
    memo: Vec<u32>,
    n_memo: usize,
    /// Per instruction that a `Split` or the exit of a greedy `Star` leads to: what can come
    /// first from it (a path that cannot start with the next byte is not tried: it would fail at
    /// once); everything for the others.
    entry: Vec<First>,
    /// Group names by index (group 0, the whole match, has none).
    names: Vec<Option<String>>,
    /// Where a match can start: bit 0 anywhere, bit 1 at an ASCII word boundary, bit 2 at 0.
    start_bytes: [u8; 256],
    start_eof: u8,
    /// The pattern can only match at the start of the text.
    anchored: bool,
    /// Per first byte of a match, the bytes that can follow it (a second filter on starts).
    pairs: Box<[ByteSet]>,
    /// The syntax tree, for the start DFA.
    ast: Node,
    /// The start DFAs, built on first use: one for each thread that searches with the pattern.
    /// A compiled pattern is shared (a `static`, and extraction runs on several threads): a
    /// thread takes a DFA from here at its first search (or builds one when none is free),
    /// keeps it for its later searches ([`held`]) and puts it back when it ends.
    dfa: Pool,
    /// Its user's exact answer for some starts ([`Regex::with_shortcut`]).
    shortcut: Option<Shortcut>,
}

/// A pattern user's exact answer for some of the pattern's match starts: the match at `start`
/// with its groups written to `slots` (those of its groups that `slots` holds; the others are
/// unset), and `true`; or `false`, leaving that start to the engine. Called where the start DFA
/// found the next match to start (never for a pattern without one); it must give exactly the
/// match the engine would (its user tests that). It may search with other patterns.
pub type Shortcut = fn(hay: &[u8], start: usize, slots: &mut [usize]) -> bool;

/// A pattern's start DFAs not in use, shared by the threads that search with it (and, natively,
/// by the threads' [`held`] lists, which give the DFAs back when they end).
#[cfg(not(target_arch = "wasm32"))]
type Pool = std::sync::Arc<Mutex<DfaPool>>;
/// wasm32 runs one thread, whose lists hold none (133 B gz of wasm less without the `Arc`).
#[cfg(target_arch = "wasm32")]
type Pool = Mutex<DfaPool>;

/// A pattern's start DFAs.
#[derive(Debug)]
enum DfaPool {
    /// None built yet, or all taken. Boxed: a DFA is taken out and put back on every search,
    /// and a box moves in 8 bytes where the DFA itself is 568 (natively).
    #[allow(clippy::vec_box)]
    Ready(Vec<Box<StartDfa>>),
    /// The pattern has none ([`StartDfa::new`] gives none: too large, or a construct it does
    /// not take).
    Unavailable,
}

impl Default for DfaPool {
    fn default() -> DfaPool {
        DfaPool::Ready(Vec::new())
    }
}

struct Compiler {
    insts: Vec<Inst>,
    lits: Vec<Lit>,
    classes: Vec<Class>,
    alts: Vec<(Vec<u32>, usize)>,
    tries: Vec<Trie>,
}

/// One literal alternative: its bytes and whether case-insensitive (`None`: caseless, fits either).
fn literal_of(node: &Node) -> Option<(Vec<u8>, Option<bool>)> {
    let mut bytes = Vec::new();
    let mut mode: Option<bool> = None;
    let mut push = |c: char, ci: bool| -> bool {
        let variants = if ci { case_variants(c) } else { vec![c] };
        let cased = variants.len() > 1;
        if cased {
            // Only ASCII letters (with k and s) fold inside a literal string.
            if !c.is_ascii_alphabetic() {
                return false;
            }
            if mode == Some(false) {
                return false;
            }
            mode = Some(true);
            bytes.push(c.to_ascii_lowercase() as u8);
        } else {
            if c.is_ascii_alphabetic() {
                // A case-sensitive letter.
                if mode == Some(true) {
                    return false;
                }
                mode = Some(false);
            }
            let mut buf = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        true
    };
    match node {
        Node::Lit(c, ci) => {
            if !push(*c, *ci) {
                return None;
            }
        }
        Node::Concat(seq) => {
            for n in seq {
                match n {
                    Node::Lit(c, ci) if push(*c, *ci) => {}
                    _ => return None,
                }
            }
        }
        Node::Empty => {}
        _ => return None,
    }
    Some((bytes, mode))
}

impl Compiler {
    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }

    fn push(&mut self, i: Inst) -> u32 {
        self.insts.push(i);
        self.pc() - 1
    }

    fn lit(&mut self, bytes: Vec<u8>, ci: bool) {
        if bytes.len() == 1 && !(ci && bytes[0].is_ascii_alphabetic()) {
            self.push(Inst::Byte(bytes[0]));
            return;
        }
        let special = ci && bytes.iter().any(|&b| b == b'k' || b == b's');
        self.lits.push(Lit {
            bytes: bytes.into_boxed_slice(),
            ci,
            special,
        });
        self.push(Inst::Str(self.lits.len() as u32 - 1));
    }

    fn class(&mut self, spec: &ClassSpec) {
        let class = Class::new(spec);
        // A class of one ASCII byte is a byte.
        if !class.any_non_ascii && class.ascii.count_ones() == 1 {
            self.push(Inst::Byte(class.ascii.trailing_zeros() as u8));
            return;
        }
        self.classes.push(class);
        self.push(Inst::Class(self.classes.len() as u32 - 1));
    }

    fn compile(&mut self, node: &Node) {
        match node {
            Node::Empty => {}
            Node::Lit(..) | Node::Concat(_) if literal_of(node).is_some() => {
                let (bytes, mode) = literal_of(node).expect("literal");
                if !bytes.is_empty() {
                    self.lit(bytes, mode == Some(true));
                }
            }
            Node::Lit(c, ci) => {
                // A non-ASCII char with case variants.
                let items = if *ci { case_variants(*c) } else { vec![*c] }
                    .into_iter()
                    .map(|v| Item::Range(v as u32, v as u32))
                    .collect();
                self.class(&ClassSpec {
                    items,
                    negated: false,
                });
            }
            Node::Concat(seq) => {
                // Runs of literals become strings.
                let mut i = 0;
                while i < seq.len() {
                    let mut j = i;
                    while j < seq.len()
                        && matches!(seq[j], Node::Lit(..))
                        && literal_of(&Node::Concat(seq[i..=j].to_vec())).is_some()
                    {
                        j += 1;
                    }
                    if j > i {
                        self.compile(&Node::Concat(seq[i..j].to_vec()));
                        i = j;
                    } else {
                        self.compile(&seq[i]);
                        i += 1;
                    }
                }
            }
            Node::Class(spec) => self.class(spec),
            Node::Look(l) => {
                self.push(Inst::Assert(*l));
            }
            Node::Group(i, inner) => {
                self.push(Inst::Save(2 * i));
                self.compile(inner);
                self.push(Inst::Save(2 * i + 1));
            }
            Node::Alt(branches) => self.compile_alt(branches),
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                // The shapes of regex-automata's Thompson compiler, so that preferences (and
                // hence groups) agree even when the repeated expression can match empty.
                let single = match &**node {
                    Node::Class(spec) => Some(Class::new(spec)),
                    Node::Lit(c, false) => Some(Class::new(&ClassSpec {
                        items: vec![Item::Range(*c as u32, *c as u32)],
                        negated: false,
                    })),
                    _ => None,
                };
                match max {
                    None if single.is_some() => {
                        // x{n,} of one class: n copies, then a star (the same preferences as
                        // the loop below, in one instruction).
                        for _ in 0..*min {
                            self.compile(node);
                        }
                        self.classes.push(single.expect("a class"));
                        self.push(Inst::Star(self.classes.len() as u32 - 1, *greedy));
                    }
                    None if *min == 0 && !nullable(node) => {
                        // x*: L: split(body, out); body; jmp L
                        let l = self.push(Inst::Split(0, 0));
                        self.compile(node);
                        self.push(Inst::Jmp(l));
                        let out = self.pc();
                        self.insts[l as usize] = split(*greedy, l + 1, out);
                    }
                    None if *min == 0 => {
                        // x* as (x+)?: split(body, out); body; split(body, out)
                        let q = self.push(Inst::Split(0, 0));
                        self.compile(node);
                        let plus = self.push(Inst::Split(0, 0));
                        let out = self.pc();
                        self.insts[q as usize] = split(*greedy, q + 1, out);
                        self.insts[plus as usize] = split(*greedy, q + 1, out);
                    }
                    None => {
                        // x{n,}: n - 1 copies, then a copy that loops on itself.
                        for _ in 1..*min {
                            self.compile(node);
                        }
                        let body = self.pc();
                        self.compile(node);
                        let plus = self.push(Inst::Split(0, 0));
                        self.insts[plus as usize] = split(*greedy, body, plus + 1);
                    }
                    Some(max) => {
                        for _ in 0..*min {
                            self.compile(node);
                        }
                        // Nested optionals: (x(x(x)?)?)?
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(Inst::Split(0, 0)));
                            self.compile(node);
                        }
                        let out = self.pc();
                        for s in splits {
                            self.insts[s as usize] = split(*greedy, s + 1, out);
                        }
                    }
                }
            }
        }
    }

    fn compile_alt(&mut self, branches: &[Node]) {
        // Group runs of literal branches of one case mode into tries.
        enum Part<'n> {
            Node(&'n Node),
            Trie(Vec<Vec<u8>>, bool),
        }
        let mut parts: Vec<Part> = Vec::new();
        for b in branches {
            if let Some((bytes, mode)) = literal_of(b) {
                if let Some(Part::Trie(words, ci)) = parts.last_mut() {
                    let fits = match mode {
                        None => true,
                        Some(m) => m == *ci || words.iter().all(|w| !has_letter(w)),
                    };
                    if fits {
                        if let Some(m) = mode {
                            *ci = m;
                        }
                        words.push(bytes);
                        continue;
                    }
                }
                parts.push(Part::Trie(vec![bytes], mode == Some(true)));
            } else {
                parts.push(Part::Node(b));
            }
        }
        let alt = self.push(Inst::Alt(0));
        let mut starts = Vec::new();
        let mut jumps = Vec::new();
        for part in &parts {
            starts.push(self.pc());
            match part {
                Part::Node(n) => self.compile(n),
                Part::Trie(words, ci) if words.len() == 1 => {
                    if !words[0].is_empty() {
                        self.lit(words[0].clone(), *ci);
                    }
                }
                Part::Trie(words, ci) => {
                    self.tries.push(build_trie(words, *ci));
                    self.push(Inst::Trie(self.tries.len() as u32 - 1));
                }
            }
            jumps.push(self.push(Inst::Jmp(0)));
        }
        let out = self.pc();
        for j in jumps {
            self.insts[j as usize] = Inst::Jmp(out);
        }
        self.alts.push((starts, 0));
        self.insts[alt as usize] = Inst::Alt(self.alts.len() as u32 - 1);
    }
}

/// A split that prefers `body` when greedy, `out` when lazy.
fn split(greedy: bool, body: u32, out: u32) -> Inst {
    if greedy {
        Inst::Split(body, out)
    } else {
        Inst::Split(out, body)
    }
}

/// Whether `node` can match the empty string.
fn nullable(node: &Node) -> bool {
    match node {
        Node::Empty | Node::Look(_) => true,
        Node::Lit(..) | Node::Class(_) => false,
        Node::Group(_, n) => nullable(n),
        Node::Concat(seq) => seq.iter().all(nullable),
        Node::Alt(bs) => bs.iter().any(nullable),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
    }
}

fn has_letter(w: &[u8]) -> bool {
    w.iter().any(|b| b.is_ascii_alphabetic())
}

fn build_trie(words: &[Vec<u8>], ci: bool) -> Trie {
    let mut t = Trie {
        terminal: vec![u32::MAX],
        children: vec![Vec::new()],
        root: Box::new([u32::MAX; 256]),
        ci,
    };
    for (i, w) in words.iter().enumerate() {
        let mut node = 0u32;
        for &b in w {
            node = match t.child(node, b) {
                Some(n) => n,
                None => {
                    let n = t.terminal.len() as u32;
                    t.terminal.push(u32::MAX);
                    t.children.push(Vec::new());
                    if node == 0 {
                        t.root[b as usize] = n;
                    }
                    t.children[node as usize].push((b, n));
                    n
                }
            };
        }
        // An earlier identical alternative wins.
        if t.terminal[node as usize] == u32::MAX {
            t.terminal[node as usize] = i as u32;
        }
    }
    t
}

/// The first byte of each char a class can match outside ASCII, approximated by lead bytes.
fn add_class_first(set: &mut ByteSet, class: &Class) {
    for b in 0..128u8 {
        if class.ascii >> b & 1 == 1 {
            set.add(b);
        }
    }
    if class.any_non_ascii {
        for b in 0xC2..=0xF4u8 {
            set.add(b);
        }
    }
}

fn add_fold_first(set: &mut ByteSet, b: u8, ci: bool) {
    set.add(b);
    if ci && b.is_ascii_alphabetic() {
        set.add(b.to_ascii_uppercase());
        if b == b'k' {
            set.add(0xE2);
        }
        if b == b's' {
            set.add(0xC5);
        }
    }
}

impl Regex {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        let mut p = Parser {
            src: pattern,
            pos: 0,
            names: Vec::new(),
        };
        let mut flags = Flags {
            ci: false,
            verbose: false,
            unicode: true,
        };
        let ast = p.parse_alt(&mut flags, 0)?;
        if p.pos < pattern.len() {
            return err("an unopened )", p.pos);
        }
        let mut c = Compiler {
            insts: Vec::new(),
            lits: Vec::new(),
            classes: Vec::new(),
            alts: Vec::new(),
            tries: Vec::new(),
        };
        c.push(Inst::Save(0));
        c.compile(&ast);
        c.push(Inst::Save(1));
        c.push(Inst::Match);
        if c.insts.len() > 1 << 20 {
            return err("the pattern is too large", 0);
        }
        let mut names = vec![None];
        names.extend(p.names);
        let mut re = Regex {
            insts: c.insts,
            lits: c.lits,
            classes: c.classes,
            alts: Vec::new(),
            tries: c.tries,
            memo: Vec::new(),
            n_memo: 0,
            entry: Vec::new(),
            names,
            start_bytes: [0; 256],
            start_eof: 0,
            anchored: false,
            pairs: Box::new([]),
            ast,
            dfa: Pool::default(),
            shortcut: None,
        };
        re.alts = c
            .alts
            .into_iter()
            .map(|(starts, _)| AltInst {
                first: vec![First::default(); starts.len()].into_boxed_slice(),
                branches: starts.into_boxed_slice(),
                viable: Box::new([]),
            })
            .collect();
        // First-byte sets of each alternative's branches.
        for i in 0..re.alts.len() {
            let first: Box<[First]> = re.alts[i].branches.iter().map(|&s| re.first(s)).collect();
            if first.len() <= 64 {
                let mut viable = vec![0u64; 257];
                for (j, f) in first.iter().enumerate() {
                    for b in 0..=255u8 {
                        if f.bytes.has(b) {
                            viable[b as usize] |= 1 << j;
                        }
                    }
                    if f.eof {
                        viable[256] |= 1 << j;
                    }
                }
                re.alts[i].viable = viable.into_boxed_slice();
            }
            re.alts[i].first = first;
        }
        re.compute_memo();
        re.compute_entry();
        re.compute_start();
        re.compute_pairs();
        Ok(re)
    }

    /// What can come first from `pc` on (all three start kinds merged).
    fn first(&self, pc: u32) -> First {
        let mut sets = [First::default(); 3];
        self.first_into(pc, &mut sets);
        let mut f = sets[0];
        for s in &sets[1..] {
            f.bytes.union(&s.bytes);
            f.eof |= s.eof;
        }
        f
    }

    /// Fills `sets[k]` with what can come first from `pc`: k = 0 with no assertion passed, 1 after
    /// an ASCII word boundary, 2 after `^`.
    fn first_into(&self, pc: u32, sets: &mut [First; 3]) {
        let mut seen = vec![[false; 3]; self.insts.len()];
        let mut todo = vec![(pc, 0usize)];
        while let Some((pc, k)) = todo.pop() {
            if std::mem::replace(&mut seen[pc as usize][k], true) {
                continue;
            }
            let next = pc + 1;
            match self.insts[pc as usize] {
                Inst::Match => {
                    sets[k].bytes = ByteSet::all();
                    sets[k].eof = true;
                }
                Inst::Save(_) => todo.push((next, k)),
                Inst::Jmp(t) => todo.push((t, k)),
                Inst::Split(a, b) => {
                    todo.push((a, k));
                    todo.push((b, k));
                }
                Inst::Alt(i) => {
                    for &b in self.alts[i as usize].branches.iter() {
                        todo.push((b, k));
                    }
                }
                Inst::Byte(b) => sets[k].bytes.add(b),
                Inst::Str(i) => {
                    let l = &self.lits[i as usize];
                    add_fold_first(&mut sets[k].bytes, l.bytes[0], l.ci);
                }
                Inst::Class(i) => add_class_first(&mut sets[k].bytes, &self.classes[i as usize]),
                Inst::Star(i, _) => {
                    add_class_first(&mut sets[k].bytes, &self.classes[i as usize]);
                    todo.push((next, k));
                }
                Inst::Trie(i) => {
                    let t = &self.tries[i as usize];
                    if t.terminal[0] != u32::MAX {
                        todo.push((next, k));
                    }
                    for b in 0..=255u8 {
                        if t.root[b as usize] != u32::MAX {
                            add_fold_first(&mut sets[k].bytes, b, t.ci);
                        }
                    }
                }
                Inst::Assert(Look::Start) => todo.push((next, 2)),
                Inst::Assert(Look::WordAscii) if k == 0 => todo.push((next, 1)),
                Inst::Assert(_) => todo.push((next, k)),
            }
        }
    }

    /// Fills `entry` for the targets of splits and the exits of greedy stars.
    fn compute_entry(&mut self) {
        let anything = First {
            bytes: ByteSet::all(),
            eof: true,
        };
        let mut entry = vec![anything; self.insts.len()];
        for (pc, inst) in self.insts.iter().enumerate() {
            let targets = match *inst {
                Inst::Split(a, b) => [Some(a), Some(b)],
                Inst::Star(_, true) => [Some(pc as u32 + 1), None],
                _ => continue,
            };
            for t in targets.into_iter().flatten() {
                entry[t as usize] = self.first(t);
            }
        }
        self.entry = entry;
    }

    /// Whether a path from `pc` can start at `pos` (by what comes first from it): false means it
    /// fails there at once.
    #[inline]
    fn may_enter(&self, pc: u32, hay: &[u8], pos: usize) -> bool {
        let f = &self.entry[pc as usize];
        match hay.get(pos) {
            Some(&b) => f.bytes.has(b),
            None => f.eof,
        }
    }

    fn compute_memo(&mut self) {
        let mut indeg = vec![0u32; self.insts.len()];
        indeg[0] = 1;
        for (pc, inst) in self.insts.iter().enumerate() {
            let pc = pc as u32;
            let mut add = |t: u32, n: u32| indeg[t as usize] += n;
            match *inst {
                Inst::Match => {}
                Inst::Jmp(t) => add(t, 1),
                Inst::Split(a, b) => {
                    add(a, 1);
                    add(b, 1);
                }
                Inst::Alt(i) => {
                    for &b in self.alts[i as usize].branches.iter() {
                        add(b, 1);
                    }
                }
                // A trie can continue at several positions.
                Inst::Trie(_) => add(pc + 1, 2),
                // The loop's state is memoised per position (as the loop it stands for); its
                // exit is reached from distinct positions only.
                Inst::Star(..) => {
                    add(pc, 2);
                    add(pc + 1, 1);
                }
                _ => add(pc + 1, 1),
            }
        }
        self.memo = vec![u32::MAX; self.insts.len()];
        for (pc, &d) in indeg.iter().enumerate() {
            if d >= 2 {
                self.memo[pc] = self.n_memo as u32;
                self.n_memo += 1;
            }
        }
    }

    /// Fills `pairs`: for each instruction that can consume the first char of a match, the
    /// (first byte, second byte) pairs it allows, conservatively.
    fn compute_pairs(&mut self) {
        let mut pairs = vec![ByteSet::default(); 256];
        let mut seen = vec![false; self.insts.len()];
        let mut todo = vec![0u32];
        let all = ByteSet::all();
        let add =
            |pairs: &mut Vec<ByteSet>, b0: u8, follow: &ByteSet| pairs[b0 as usize].union(follow);
        while let Some(pc) = todo.pop() {
            if std::mem::replace(&mut seen[pc as usize], true) {
                continue;
            }
            let next = pc + 1;
            match self.insts[pc as usize] {
                Inst::Match => {
                    for b in 0..=255u8 {
                        add(&mut pairs, b, &all);
                    }
                }
                Inst::Save(_) | Inst::Assert(_) => todo.push(next),
                Inst::Jmp(t) => todo.push(t),
                Inst::Split(a, b) => {
                    todo.push(a);
                    todo.push(b);
                }
                Inst::Alt(i) => todo.extend(self.alts[i as usize].branches.iter()),
                Inst::Byte(b) => add(&mut pairs, b, &self.first(next).bytes),
                Inst::Str(i) => {
                    let l = &self.lits[i as usize];
                    let follow = match l.bytes.get(1) {
                        Some(&b1) => {
                            let mut f = ByteSet::default();
                            add_fold_first(&mut f, b1, l.ci);
                            f
                        }
                        None => self.first(next).bytes,
                    };
                    let mut firsts = ByteSet::default();
                    add_fold_first(&mut firsts, l.bytes[0], l.ci);
                    for b0 in 0..=255u8 {
                        if firsts.has(b0) {
                            // KELVIN SIGN and LONG S are several bytes: anything may follow.
                            let f = if b0 >= 0x80 { &all } else { &follow };
                            add(&mut pairs, b0, f);
                        }
                    }
                }
                Inst::Class(i) | Inst::Star(i, _) => {
                    let class = &self.classes[i as usize];
                    let mut follow = self.first(next).bytes;
                    if let Inst::Star(..) = self.insts[pc as usize] {
                        add_class_first(&mut follow, class);
                        todo.push(next);
                    }
                    let mut firsts = ByteSet::default();
                    add_class_first(&mut firsts, class);
                    for b0 in 0..=255u8 {
                        if firsts.has(b0) {
                            let f = if b0 >= 0x80 { &all } else { &follow };
                            add(&mut pairs, b0, f);
                        }
                    }
                }
                Inst::Trie(i) => {
                    let t = &self.tries[i as usize];
                    if t.terminal[0] != u32::MAX {
                        todo.push(next);
                    }
                    let after = self.first(next).bytes;
                    for b in 0..=255u8 {
                        let node = t.root[b as usize];
                        if node == u32::MAX {
                            continue;
                        }
                        let mut follow = ByteSet::default();
                        for &(b1, _) in &t.children[node as usize] {
                            add_fold_first(&mut follow, b1, t.ci);
                        }
                        if t.terminal[node as usize] != u32::MAX {
                            follow.union(&after);
                        }
                        let mut firsts = ByteSet::default();
                        add_fold_first(&mut firsts, b, t.ci);
                        for b0 in 0..=255u8 {
                            if firsts.has(b0) {
                                let f = if b0 >= 0x80 { &all } else { &follow };
                                add(&mut pairs, b0, f);
                            }
                        }
                    }
                }
            }
        }
        self.pairs = pairs.into_boxed_slice();
    }

    fn compute_start(&mut self) {
        let mut sets = [First::default(); 3];
        self.first_into(0, &mut sets);
        for b in 0..=255u8 {
            let mut m = 0;
            for (k, s) in sets.iter().enumerate() {
                if s.bytes.has(b) {
                    m |= 1 << k;
                }
            }
            self.start_bytes[b as usize] = m;
        }
        for (k, s) in sets.iter().enumerate() {
            if s.eof {
                self.start_eof |= 1 << k;
            }
        }
        self.anchored =
            sets[0].bytes.is_empty() && sets[1].bytes.is_empty() && !sets[0].eof && !sets[1].eof;
    }
}

// ---------------------------------------------------------------------------------------------
// Where matches start: a lazy reverse DFA
//
// The backtracker finds the leftmost-first match from a given start, but trying every start
// costs about 1 µs each on patterns that can begin at almost any word (dates, durations). So a
// search first reads the text once backwards with a DFA that marks every position where *some*
// match starts; the backtracker then runs only at the first marked position at or after the
// search's start, where it is sure to succeed. The DFA decides exactly whether a match starts at
// a position (so it finds the leftmost start, and `is_match` needs nothing else); the backtracker
// still decides which match the pattern prefers there, and its groups.
//
// The DFA is the subset construction of the pattern read backwards: a Thompson NFA built from the
// syntax tree with concatenations reversed, made unanchored at the match's end by adding the NFA's
// entry to the set at every position. Its states are built when first reached and cached; the
// cache is bounded (cleared when full), so memory stays bounded and time linear in the text.
// Its alphabet is classes of chars that no set of the pattern tells apart (nor `\b`): an ASCII
// byte is classed by a table, another char by a binary search over ranges, so Unicode classes
// and case folding cost nothing in the inner loop. Look-arounds: whether `\b`, `^` or `$` hold at
// a position depends on the chars on both sides; a DFA state remembers the kind of the char after
// its position (ASCII word, Unicode word, or the end of the text), and the transition on the char
// before it resolves them.

/// A state of the reversed NFA.
#[derive(Debug, Clone, Copy)]
enum NState {
    /// Reads a char of `sets[set]` (backwards), then goes on to `next`.
    Char { set: u32, next: u32 },
    /// Goes on to both, reading nothing.
    Split(u32, u32),
    /// Goes on to `next` if the look-around holds at this position.
    Look(Look, u32),
    /// The whole pattern has been read: a match starts here.
    Final,
}

/// A set of chars one step of the pattern reads.
#[derive(Debug)]
enum CharSet {
    /// A literal char with its case variants.
    Chars(Vec<char>),
    Class(Class),
}

impl CharSet {
    fn has(&self, c: char) -> bool {
        match self {
            CharSet::Chars(cs) => cs.contains(&c),
            CharSet::Class(cl) => cl.has(c),
        }
    }

    /// Pushes the code points where membership may change (range starts and ends + 1).
    fn edges(&self, out: &mut Vec<u32>) {
        let mut range = |lo: u32, hi: u32| {
            out.push(lo);
            out.push(hi + 1);
        };
        match self {
            CharSet::Chars(cs) => cs.iter().for_each(|&c| range(c as u32, c as u32)),
            CharSet::Class(cl) => {
                for item in cl.items.iter() {
                    match *item {
                        Item::Range(lo, hi) => range(lo, hi),
                        Item::Perl {
                            class,
                            unicode: true,
                            ..
                        } => {
                            class.table().iter().for_each(|&(lo, hi)| range(lo, hi));
                        }
                        // ASCII-only: the same for every char outside ASCII.
                        Item::Perl { unicode: false, .. } => {}
                    }
                }
            }
        }
    }
}

/// Builds the reversed NFA of a syntax tree.
#[derive(Default)]
struct NfaBuilder {
    states: Vec<NState>,
    sets: Vec<CharSet>,
    /// Each set's description, to share equal sets.
    set_keys: Vec<SetKey>,
}

/// What a set of the reversed NFA was made from: equal keys, equal sets. (A value, not a
/// `{:?}` text: the wasm build formats no `Debug`, see scripts/lib.sh.)
#[derive(PartialEq)]
enum SetKey {
    Chars(Vec<char>),
    Class(ClassSpec),
}

/// The most NFA states a DFA is built for (beyond, searches try every start as before).
const NFA_LIMIT: usize = 1 << 16;

impl NfaBuilder {
    fn push(&mut self, s: NState) -> u32 {
        self.states.push(s);
        self.states.len() as u32 - 1
    }

    fn set(&mut self, key: SetKey, make: impl FnOnce() -> CharSet) -> u32 {
        if let Some(i) = self.set_keys.iter().position(|k| *k == key) {
            return i as u32;
        }
        self.set_keys.push(key);
        self.sets.push(make());
        self.sets.len() as u32 - 1
    }

    /// The entry of `node` read backwards, going on to `next` after it; `None` if too large.
    fn rev(&mut self, node: &Node, next: u32) -> Option<u32> {
        if self.states.len() > NFA_LIMIT {
            return None;
        }
        Some(match node {
            Node::Empty => next,
            Node::Lit(c, ci) => {
                let chars = if *ci { case_variants(*c) } else { vec![*c] };
                let set = self.set(SetKey::Chars(chars.clone()), || CharSet::Chars(chars));
                self.push(NState::Char { set, next })
            }
            Node::Class(spec) => {
                let set = self.set(SetKey::Class(spec.clone()), || {
                    CharSet::Class(Class::new(spec))
                });
                self.push(NState::Char { set, next })
            }
            Node::Look(l) => self.push(NState::Look(*l, next)),
            Node::Group(_, inner) => self.rev(inner, next)?,
            // Read backwards, the last item comes first: wrap `next` in each item from the first.
            Node::Concat(seq) => {
                let mut x = next;
                for n in seq {
                    x = self.rev(n, x)?;
                }
                x
            }
            Node::Alt(branches) => {
                let mut entries = Vec::with_capacity(branches.len());
                for b in branches {
                    entries.push(self.rev(b, next)?);
                }
                let mut x = entries.pop().expect("a branch");
                while let Some(e) = entries.pop() {
                    x = self.push(NState::Split(e, x));
                }
                x
            }
            Node::Repeat { node, min, max, .. } => {
                // Only which strings match counts here (not preferences): x{n,m} is n copies then
                // m - n optional ones, x{n,} n copies then a loop.
                let mut x = next;
                for _ in 0..*min {
                    x = self.rev(node, x)?;
                }
                match max {
                    None => {
                        let l = self.push(NState::Split(0, 0));
                        let body = self.rev(node, l)?;
                        self.states[l as usize] = NState::Split(body, x);
                        x = l;
                    }
                    Some(max) => {
                        for _ in *min..*max {
                            let body = self.rev(node, x)?;
                            x = self.push(NState::Split(body, x));
                        }
                    }
                }
                x
            }
        })
    }
}

/// A table entry: the next state (its offset in the table), with this bit set when a match
/// starts at the position the transition's char ends at.
const ACCEPT: u32 = 1 << 31;
/// A transition not yet worked out.
const UNKNOWN: u32 = u32::MAX;
/// A table entry's bit for a transition into a dead state: no match starts at or before the
/// position it leads to (see [`StartDfa::entry_dead`]), so a scan can stop there.
const DEAD: u32 = 1 << 30;
/// The most DFA states cached at once, and the most NFA states their sets may hold in all (the
/// cache is cleared beyond either): about 2 MB at most per pattern.
const MAX_STATES: usize = 4096;
const MAX_SET_WORDS: usize = 1 << 17;
/// The kind of the char after a position: bit 0 an ASCII word char, bit 1 a Unicode word char,
/// or this: the end of the text.
const END: u8 = 4;

/// A lazy DFA that marks where matches start.
#[derive(Debug)]
struct StartDfa {
    nfa: Vec<NState>,
    /// The NFA's entry: the end of a match.
    entry: u32,
    /// Char classes; class `n_classes` is the start of the text (no char).
    n_classes: usize,
    /// Per set and class (`set * n_classes + class`): whether the set has the class's chars.
    set_has: Vec<bool>,
    /// Per class: its chars' kind (bit 0 ASCII word, bit 1 Unicode word).
    kind: Vec<u8>,
    ascii: [u16; 128],
    /// Outside ASCII: (first code point, class) of consecutive ranges, sorted.
    non_ascii: Vec<(u32, u16)>,
    /// Per DFA state: its NFA states (sorted) and the kind of the char after its position.
    states: Vec<(Box<[u32]>, u8)>,
    ids: HashMap<(Box<[u32]>, u8), u32>,
    /// Per state and class (`state * (n_classes + 1) + class`): an entry or `UNKNOWN`. A state
    /// is named by its row's offset here, `state * (n_classes + 1)`, so a step is one load.
    table: Vec<u32>,
    /// The state at the end of the text, when cached.
    initial: Option<u32>,
    /// Scratch for closures: per NFA state, the closure that last saw it.
    seen: Vec<u32>,
    generation: u32,
    stack: Vec<u32>,
    reads: Vec<u32>,
    /// How many times the cache was cleared.
    clears: u64,
    /// The NFA states the cached states' sets hold, in all.
    set_words: usize,
    /// Whether the NFA's entry alone can go nowhere except at the end of the text (a pattern
    /// that ends with `$`): then a state of the entry alone, away from the end, is dead.
    entry_dead: bool,
}

impl StartDfa {
    fn new(ast: &Node) -> Option<StartDfa> {
        let mut b = NfaBuilder::default();
        let fin = b.push(NState::Final);
        let entry = b.rev(ast, fin)?;
        if b.states.len() > NFA_LIMIT {
            return None;
        }
        let sets = b.sets;
        // Chars are classed by which sets have them and by their kind: a signature of one bit
        // per set, then the two kinds, packed 64 to a word (hashed a word at a time).
        let mut classes: HashMap<Vec<u64>, u16> = HashMap::new();
        let mut reps: Vec<char> = Vec::new();
        let mut intern = |sig: &[u64], c: char| -> u16 {
            if let Some(&k) = classes.get(sig) {
                return k;
            }
            reps.push(c);
            let k = reps.len() as u16 - 1;
            classes.insert(sig.to_vec(), k);
            k
        };
        let n_sets = sets.len();
        let set_bit = |sig: &mut [u64], i: usize, on: bool| {
            sig[i / 64] = sig[i / 64] & !(1 << (i % 64)) | u64::from(on) << (i % 64);
        };
        let kinds = |sig: &mut [u64], c: char| {
            set_bit(sig, n_sets, c.is_ascii() && ascii_word(c as u8));
            set_bit(sig, n_sets + 1, is_word_char(c));
        };
        let full = |sig: &mut [u64], c: char| {
            for (i, s) in sets.iter().enumerate() {
                set_bit(sig, i, s.has(c));
            }
            kinds(sig, c);
        };
        let mut sig = vec![0u64; (n_sets + 2).div_ceil(64)];
        let mut ascii = [0u16; 128];
        for (b, slot) in ascii.iter_mut().enumerate() {
            full(&mut sig, b as u8 as char);
            *slot = intern(&sig, b as u8 as char);
        }
        // Outside ASCII, membership is constant between the edges of every set's ranges.
        let mut edges = vec![0x80, 0xD800, 0xE000, 0x11_0000];
        // Each set's own edges: from one edge to the next, only the sets with an edge there can
        // change, so only they are asked again (sorted by edge).
        let mut changes: Vec<(u32, u32)> = Vec::new();
        let mut own = Vec::new();
        for (k, s) in sets.iter().enumerate() {
            own.clear();
            s.edges(&mut own);
            edges.extend_from_slice(&own);
            changes.extend(own.iter().map(|&e| (e, k as u32)));
        }
        changes.sort_unstable();
        changes.dedup();
        word()
            .iter()
            .for_each(|&(lo, hi)| edges.extend([lo, hi + 1]));
        edges.retain(|&e| (0x80..=0x11_0000).contains(&e));
        edges.sort_unstable();
        edges.dedup();
        let mut non_ascii: Vec<(u32, u16)> = Vec::new();
        // Whether `sig` holds the sets of the range before (false at the first and after the
        // surrogates: then every set is asked).
        let mut carried = false;
        let mut next = 0;
        for w in edges.windows(2) {
            while next < changes.len() && changes[next].0 < w[0] {
                next += 1;
            }
            // The surrogates are no chars: their range is skipped.
            let Some(c) = char::from_u32(w[0]) else {
                carried = false;
                continue;
            };
            if carried {
                while next < changes.len() && changes[next].0 == w[0] {
                    let k = changes[next].1 as usize;
                    set_bit(&mut sig, k, sets[k].has(c));
                    next += 1;
                }
                kinds(&mut sig, c);
            } else {
                full(&mut sig, c);
                carried = true;
            }
            let k = intern(&sig, c);
            if non_ascii.last().map_or(true, |&(_, last)| last != k) {
                non_ascii.push((w[0], k));
            }
        }
        let n_classes = reps.len();
        let mut set_has = vec![false; sets.len() * n_classes];
        for (s, set) in sets.iter().enumerate() {
            for (k, &c) in reps.iter().enumerate() {
                set_has[s * n_classes + k] = set.has(c);
            }
        }
        let kind = reps
            .iter()
            .map(|&c| (c.is_ascii() && ascii_word(c as u8)) as u8 | (is_word_char(c) as u8) << 1)
            .collect();
        let n = b.states.len();
        let mut dfa = StartDfa {
            nfa: b.states,
            entry,
            n_classes,
            set_has,
            kind,
            ascii,
            non_ascii,
            states: Vec::new(),
            ids: HashMap::new(),
            table: Vec::new(),
            initial: None,
            seen: vec![0; n],
            generation: 0,
            stack: Vec::new(),
            reads: Vec::new(),
            clears: 0,
            set_words: 0,
            entry_dead: false,
        };
        dfa.entry_dead = dfa.entry_needs_end();
        Some(dfa)
    }

    #[inline]
    fn class_of(&self, c: char) -> usize {
        let u = c as u32;
        if u < 0x80 {
            return self.ascii[u as usize] as usize;
        }
        let i = self.non_ascii.partition_point(|&(lo, _)| lo <= u);
        self.non_ascii[i - 1].1 as usize
    }

    /// The state (`set`, `after`) (its row's offset), added if new; clears the cache first when
    /// full.
    fn intern(&mut self, set: Box<[u32]>, after: u8) -> u32 {
        let key = (set, after);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        if self.states.len() >= MAX_STATES || self.set_words >= MAX_SET_WORDS {
            self.set_words = 0;
            self.states.clear();
            self.ids.clear();
            self.table.clear();
            self.initial = None;
            self.clears += 1;
        }
        let id = self.table.len() as u32;
        self.set_words += key.0.len();
        self.states.push(key.clone());
        self.ids.insert(key, id);
        self.table
            .resize(self.table.len() + self.n_classes + 1, UNKNOWN);
        id
    }

    /// Whether nothing can be read from the NFA's entry, nor a match start, unless at the end of
    /// the text: its closure with every look-around but `$` taken as holding has no char and no
    /// final state.
    fn entry_needs_end(&self) -> bool {
        let mut seen = vec![false; self.nfa.len()];
        let mut stack = vec![self.entry];
        while let Some(s) = stack.pop() {
            if std::mem::replace(&mut seen[s as usize], true) {
                continue;
            }
            match self.nfa[s as usize] {
                NState::Char { .. } | NState::Final => return false,
                NState::Split(a, b) => stack.extend([a, b]),
                NState::Look(Look::End, _) => {}
                NState::Look(_, next) => stack.push(next),
            }
        }
        true
    }

    /// The state at the end of the text.
    fn initial(&mut self) -> u32 {
        match self.initial {
            Some(id) => id,
            None => {
                let id = self.intern(Box::new([self.entry]), END);
                self.initial = Some(id);
                id
            }
        }
    }

    /// Works out (and caches) the transition of state `d` on class `k` (the char before its
    /// position; `n_classes`: the start of the text).
    fn compute(&mut self, d: u32, k: usize) -> u32 {
        let (set, after) = self.states[d as usize / (self.n_classes + 1)].clone();
        let before = if k == self.n_classes { 0 } else { self.kind[k] };
        let holds = |l: Look| match l {
            Look::Start => k == self.n_classes,
            Look::End => after == END,
            Look::WordAscii => (before & 1) != (after & 1),
            Look::NotWordAscii => (before & 1) == (after & 1),
            Look::WordUnicode => (before & 2) != (after & 2),
            Look::NotWordUnicode => (before & 2) == (after & 2),
        };
        // The closure of the set through splits and the look-arounds that hold here.
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.fill(0);
            self.generation = 1;
        }
        let mut accept = false;
        self.reads.clear();
        self.stack.clear();
        self.stack.extend(set.iter());
        while let Some(s) = self.stack.pop() {
            if std::mem::replace(&mut self.seen[s as usize], self.generation) == self.generation {
                continue;
            }
            match self.nfa[s as usize] {
                NState::Char { set, next } => {
                    if k < self.n_classes && self.set_has[set as usize * self.n_classes + k] {
                        self.reads.push(next);
                    }
                }
                NState::Split(a, b) => self.stack.extend([b, a]),
                NState::Look(l, next) => {
                    if holds(l) {
                        self.stack.push(next);
                    }
                }
                NState::Final => accept = true,
            }
        }
        let flag = if accept { ACCEPT } else { 0 };
        let clears = self.clears;
        let entry = if k == self.n_classes {
            // Nothing comes before the start of the text.
            flag
        } else {
            // A match may also end right before this char.
            self.reads.push(self.entry);
            self.reads.sort_unstable();
            self.reads.dedup();
            let dead = if self.entry_dead && self.reads.len() == 1 {
                DEAD
            } else {
                0
            };
            let next_set: Box<[u32]> = self.reads.as_slice().into();
            self.intern(next_set, self.kind[k]) | flag | dead
        };
        // Unless the cache was just cleared (and `d` with it), remember the transition.
        if self.clears == clears {
            self.table[d as usize + k] = entry;
        }
        entry
    }

    /// Reads `hay` backwards and sets bit `p` of `map` (which has a bit for each position,
    /// `0..=hay.len()`) for each position `p` where a match starts. Returns the leftmost such
    /// position; with `any`, stops at the first found (the rightmost) instead.
    fn scan(&mut self, hay: &[u8], mut map: Option<&mut [u64]>, any: bool) -> Option<usize> {
        let mut d = self.initial();
        let mut leftmost = None;
        let mut p = hay.len();
        loop {
            // The fast path: an ASCII char, a known transition, no match starting, not dead.
            // (`UNKNOWN` has the flag bits too.)
            {
                let table = &self.table[..];
                let ascii = &self.ascii;
                for &b in hay[..p].iter().rev() {
                    if b >= 0x80 {
                        break;
                    }
                    let e = table[d as usize + ascii[b as usize] as usize];
                    if e & (ACCEPT | DEAD) != 0 {
                        break;
                    }
                    d = e;
                    p -= 1;
                }
            }
            // The class of the char before `p`, and where that char starts.
            let (k, q) = if p == 0 {
                (self.n_classes, 0)
            } else if hay[p - 1] < 0x80 {
                (self.ascii[hay[p - 1] as usize] as usize, p - 1)
            } else {
                let mut s = p - 1;
                while hay[s] & 0xC0 == 0x80 {
                    s -= 1;
                }
                (self.class_of(decode(hay, s).0), s)
            };
            let mut e = self.table[d as usize + k];
            if e == UNKNOWN {
                e = self.compute(d, k);
            }
            if e & ACCEPT != 0 {
                leftmost = Some(p);
                if any {
                    return leftmost;
                }
                if let Some(m) = map.as_deref_mut() {
                    m[p >> 6] |= 1 << (p & 63);
                }
            }
            if p == 0 || e & DEAD != 0 {
                return leftmost;
            }
            d = e & !(ACCEPT | DEAD);
            p = q;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Matching

/// An unset capture slot.
const NONE: usize = usize::MAX;

#[derive(Debug, Clone, Copy)]
enum Frame {
    /// Run from `pc` at `pos`.
    Explore { pc: u32, pos: usize },
    /// Undo a capture slot.
    Restore { slot: u32, val: usize },
    /// Try the branches of `Alt(alt)` from the `k`-th on, at `pos`.
    Alt { alt: u32, k: u32, pos: usize },
    /// A greedy `Star` at `pc` gives back a char: run `pc + 1` from the char before `cur`, down
    /// to `lo`.
    Back { pc: u32, lo: usize, cur: usize },
    /// A lazy `Star` at `pc` takes one more char after `cur`.
    More { pc: u32, cur: usize },
}

/// The (memo state, position) pairs one search has tried, in pages allocated on first touch.
#[derive(Debug, Default)]
struct Visited {
    /// A page covers `1 << shift` positions.
    shift: u32,
    /// u64 words per page.
    wpp: usize,
    n_memo: usize,
    /// The position of bit 0 (the search's start).
    base: usize,
    /// Per (page, memo state), `page * n_memo + state`: 1 + its first word in `pool`, or 0.
    table: Vec<u32>,
    /// How much of `table` may be non-zero.
    touched: usize,
    pool: Vec<u64>,
    /// The furthest position marked since the last reset.
    max_pos: usize,
    /// Whether this search uses `stamps` (a small search) instead of the pages.
    flat: bool,
    /// For a small search: per (position - base) * n_memo + state, the generation that marked
    /// it; a reset or rebase starts a new generation instead of clearing anything.
    stamps: Vec<u32>,
    generation: u32,
}

/// Searches whose (positions × memo states) fit this many marks use `stamps`.
const FLAT_MARKS: usize = 1 << 15;

impl Visited {
    fn reset(&mut self, n_memo: usize, base: usize, span: usize) {
        self.flat = span.saturating_mul(n_memo) <= FLAT_MARKS;
        if self.flat {
            // Every mark of a flat search fits (`insert` relies on it).
            if self.stamps.len() < FLAT_MARKS {
                self.stamps.resize(FLAT_MARKS, 0);
            }
            self.n_memo = n_memo;
            self.base = base;
            self.max_pos = base;
            self.next_generation();
            return;
        }
        let t = self.touched.min(self.table.len());
        self.table[..t].fill(0);
        self.touched = 0;
        self.pool.clear();
        self.n_memo = n_memo;
        self.base = base;
        self.max_pos = base;
        // Small pages: a search from the middle of a long sentence zeroes only what it explores.
        self.shift = span.clamp(64, 256).next_power_of_two().trailing_zeros();
        self.wpp = 1 << (self.shift - 6);
    }

    /// Forgets everything and starts at `base`, when nothing marked lies at or after it: a search
    /// only moves forward, so what lies before its next start is never asked again (this keeps
    /// the memo as small as what one start explores, on a long text).
    fn rebase(&mut self, base: usize) {
        if self.flat {
            self.base = base;
            self.max_pos = base;
            self.next_generation();
            return;
        }
        let t = self.touched.min(self.table.len());
        self.table[..t].fill(0);
        self.touched = 0;
        self.pool.clear();
        self.base = base;
        self.max_pos = base;
    }

    /// Forgets every stamp.
    fn next_generation(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamps.fill(0);
            self.generation = 1;
        }
    }

    /// Marks (`m`, `pos`); false if it was marked already.
    #[inline(always)]
    fn insert(&mut self, m: u32, pos: usize) -> bool {
        self.max_pos = self.max_pos.max(pos);
        let off = pos - self.base;
        if self.flat {
            let slot = &mut self.stamps[off * self.n_memo + m as usize];
            let new = *slot != self.generation;
            *slot = self.generation;
            return new;
        }
        self.insert_paged(m, off)
    }

    /// [`Visited::insert`] for a search that uses the pages; `off`: the position minus `base`.
    #[inline(never)]
    fn insert_paged(&mut self, m: u32, off: usize) -> bool {
        let idx = (off >> self.shift) * self.n_memo + m as usize;
        if idx >= self.table.len() {
            self.table.resize((idx / self.n_memo + 1) * self.n_memo, 0);
        }
        let mut page = self.table[idx];
        if page == 0 {
            page = self.pool.len() as u32 + 1;
            self.pool.resize(self.pool.len() + self.wpp, 0);
            self.table[idx] = page;
            self.touched = self.touched.max(idx + 1);
        }
        let bit = off & ((1 << self.shift) - 1);
        let w = (page as usize - 1) + (bit >> 6);
        let mask = 1u64 << (bit & 63);
        let old = self.pool[w];
        self.pool[w] = old | mask;
        old & mask == 0
    }
}

#[derive(Debug, Default)]
struct Scratch {
    stack: Vec<Frame>,
    visited: Visited,
    hits: Vec<(u32, usize)>,
}

impl Scratch {
    /// Gives back what one huge search took.
    fn trim(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.visited.pool.capacity() > KEEP {
            self.visited.pool = Vec::new();
        }
        if self.visited.table.capacity() > KEEP {
            self.visited.table = Vec::new();
            self.visited.touched = 0;
        }
        if self.stack.capacity() > KEEP {
            self.stack = Vec::new();
        }
    }
}

/// Puts a DFA back in its pattern's pool.
fn put_dfa(pool: &Mutex<DfaPool>, dfa: Box<StartDfa>) {
    if let DfaPool::Ready(free) = &mut *pool.lock().unwrap_or_else(|e| e.into_inner()) {
        free.push(dfa);
    }
}

/// The start DFAs a thread holds ([`Regex::with_dfa`]): a thread keeps the DFA it searched with,
/// by pattern, and gives it back to the pattern's pool when it ends. No lock per search, and each
/// DFA's cache stays on the core that fills it: 2 threads took 91.9 ms instead of 96.4 for
/// `analyze` on 1.5 MB (bench_extract --runs 7, 4 Dec).
#[cfg(not(target_arch = "wasm32"))]
mod held {
    use super::{put_dfa, Pool, StartDfa};
    use std::cell::RefCell;
    use std::sync::Arc;

    /// Each entry: the pattern (the address of its pool), its pool, the DFA (none while in use).
    #[derive(Default)]
    struct Held(Vec<(usize, Pool, Option<Box<StartDfa>>)>);

    impl Drop for Held {
        fn drop(&mut self) {
            for (_, pool, dfa) in self.0.drain(..) {
                if let Some(d) = dfa {
                    put_dfa(&pool, d);
                }
            }
        }
    }

    thread_local! {
        static HELD: RefCell<Held> = RefCell::new(Held::default());
    }

    /// The DFA this thread holds for the pattern of `pool`, taken out while it is in use.
    pub(super) fn take(pool: &Pool) -> Option<Box<StartDfa>> {
        let key = Arc::as_ptr(pool) as usize;
        HELD.with(|h| {
            let mut h = h.try_borrow_mut().ok()?;
            h.0.iter_mut().find(|e| e.0 == key)?.2.take()
        })
    }

    /// Keeps `dfa` for this thread's next search with the pattern of `pool`.
    pub(super) fn keep(pool: &Pool, dfa: Box<StartDfa>) {
        let key = Arc::as_ptr(pool) as usize;
        HELD.with(|h| match h.try_borrow_mut() {
            Ok(mut h) => match h.0.iter_mut().find(|e| e.0 == key) {
                Some(e) => e.2 = Some(dfa),
                None => {
                    // Patterns dropped since (only this list still holds their pool) go.
                    h.0.retain(|e| Arc::strong_count(&e.1) > 1);
                    h.0.push((key, Arc::clone(pool), Some(dfa)));
                }
            },
            Err(_) => put_dfa(pool, dfa),
        });
    }

    /// How many patterns this thread holds a DFA for.
    #[cfg(test)]
    pub(super) fn len() -> usize {
        HELD.with(|h| h.borrow().0.len())
    }
}

/// wasm32 runs one thread, whose pool lock is never contended: nothing is held (holding cost
/// 965 B gz of wasm, measured 4 Dec).
#[cfg(target_arch = "wasm32")]
mod held {
    use super::{put_dfa, Pool, StartDfa};

    pub(super) fn take(_: &Pool) -> Option<Box<StartDfa>> {
        None
    }

    pub(super) fn keep(pool: &Pool, dfa: Box<StartDfa>) {
        put_dfa(pool, dfa)
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The char starting at byte `i` of valid UTF-8.
#[inline]
fn decode(hay: &[u8], i: usize) -> (char, usize) {
    let b0 = hay[i] as u32;
    let (u, n) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        ((b0 & 0x1F) << 6 | (hay[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            (b0 & 0x0F) << 12 | (hay[i + 1] as u32 & 0x3F) << 6 | (hay[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            (b0 & 0x07) << 18
                | (hay[i + 1] as u32 & 0x3F) << 12
                | (hay[i + 2] as u32 & 0x3F) << 6
                | (hay[i + 3] as u32 & 0x3F),
            4,
        )
    };
    (char::from_u32(u).unwrap_or('\u{FFFD}'), n)
}

/// The char ending at byte `i` of valid UTF-8 (`i` > 0, a char boundary).
fn decode_before(hay: &[u8], i: usize) -> char {
    let mut s = i - 1;
    while s > 0 && hay[s] & 0xC0 == 0x80 {
        s -= 1;
    }
    decode(hay, s).0
}

#[inline]
fn is_boundary_byte(b: u8) -> bool {
    // Not a UTF-8 continuation byte.
    (b as i8) >= -0x40
}

#[inline]
fn word_boundary_ascii(hay: &[u8], pos: usize) -> bool {
    let before = pos > 0 && ascii_word(hay[pos - 1]);
    let after = pos < hay.len() && ascii_word(hay[pos]);
    before != after
}

fn word_boundary_unicode(hay: &[u8], pos: usize) -> bool {
    let before = pos > 0 && is_word_char(decode_before(hay, pos));
    let after = pos < hay.len() && is_word_char(decode(hay, pos).0);
    before != after
}

impl Lit {
    /// Where the literal ends if it matches at `pos`.
    #[inline]
    fn match_at(&self, hay: &[u8], pos: usize) -> Option<usize> {
        let n = self.bytes.len();
        if hay.len() - pos >= n {
            let h = &hay[pos..pos + n];
            if if self.ci {
                h.eq_ignore_ascii_case(&self.bytes)
            } else {
                *h == *self.bytes
            } {
                return Some(pos + n);
            }
        }
        if !self.special {
            return None;
        }
        // KELVIN SIGN for k, LONG S for s.
        let mut i = pos;
        for &p in self.bytes.iter() {
            let b = *hay.get(i)?;
            if b.to_ascii_lowercase() == p {
                i += 1;
            } else if p == b'k' && hay[i..].starts_with(&[0xE2, 0x84, 0xAA]) {
                i += 3;
            } else if p == b's' && hay[i..].starts_with(&[0xC5, 0xBF]) {
                i += 2;
            } else {
                return None;
            }
        }
        Some(i)
    }
}

impl Trie {
    /// The alternatives that match at `pos`, as (alternative, end), in the pattern's order.
    fn hits(&self, hay: &[u8], pos: usize, hits: &mut Vec<(u32, usize)>) {
        hits.clear();
        let mut node = 0u32;
        let mut i = pos;
        loop {
            let term = self.terminal[node as usize];
            if term != u32::MAX {
                hits.push((term, i));
            }
            let Some(&raw) = hay.get(i) else { break };
            let (b, adv) = if !self.ci {
                (raw, 1)
            } else if raw.is_ascii_uppercase() {
                (raw | 0x20, 1)
            } else if raw == 0xE2 && hay[i + 1..].starts_with(&[0x84, 0xAA]) {
                (b'k', 3)
            } else if raw == 0xC5 && hay.get(i + 1) == Some(&0xBF) {
                (b's', 2)
            } else {
                (raw, 1)
            };
            match self.child(node, b) {
                Some(n) => {
                    node = n;
                    i += adv;
                }
                None => break,
            }
        }
        if hits.len() > 1 {
            hits.sort_unstable_by_key(|h| h.0);
        }
    }
}

impl Regex {
    /// The first branch of `Alt(alt)`, from the `k`-th on, that can start at `pos`.
    #[inline]
    fn next_branch(&self, alt: u32, k: u32, hay: &[u8], pos: usize) -> Option<u32> {
        let a = &self.alts[alt as usize];
        let byte = hay.get(pos).copied();
        if !a.viable.is_empty() {
            let bits = a.viable[byte.map_or(256, usize::from)];
            let rest = bits.checked_shr(k).unwrap_or(0);
            return (rest != 0).then(|| k + rest.trailing_zeros());
        }
        (k as usize..a.branches.len())
            .find(|&j| match byte {
                Some(b) => a.first[j].bytes.has(b),
                None => a.first[j].eof,
            })
            .map(|j| j as u32)
    }

    fn look(&self, l: Look, hay: &[u8], pos: usize) -> bool {
        match l {
            Look::Start => pos == 0,
            Look::End => pos == hay.len(),
            Look::WordAscii => word_boundary_ascii(hay, pos),
            Look::NotWordAscii => !word_boundary_ascii(hay, pos),
            Look::WordUnicode => word_boundary_unicode(hay, pos),
            Look::NotWordUnicode => !word_boundary_unicode(hay, pos),
        }
    }

    /// Whether a match can start at `pos`, by the first byte (and what it asserts).
    #[inline]
    fn can_start(&self, hay: &[u8], pos: usize) -> bool {
        let m = match hay.get(pos) {
            Some(&b) => {
                if !is_boundary_byte(b) {
                    return false;
                }
                self.start_bytes[b as usize]
            }
            None => self.start_eof,
        };
        (m & 1 != 0 || (m & 2 != 0 && word_boundary_ascii(hay, pos)) || (m & 4 != 0 && pos == 0))
            && match hay.get(pos + 1) {
                Some(&b1) => self.pairs[hay[pos] as usize].has(b1),
                None => true,
            }
    }

    /// The same pattern, with `shortcut` asked first where the start DFA finds the next match to
    /// start: for starts its user can answer with no backtracking (the number pattern's digits).
    pub fn with_shortcut(mut self, shortcut: Shortcut) -> Regex {
        self.shortcut = Some(shortcut);
        self
    }

    /// Runs `f` on a start DFA of this pattern: the one this thread holds, else a free one from
    /// the pattern's pool or one built now, which the thread then holds (see [`held`]); `None`
    /// if there is none (an anchored pattern needs none; a pattern too large has none).
    fn with_dfa<T>(&self, f: impl FnOnce(&mut StartDfa) -> T) -> Option<T> {
        if self.anchored {
            return None;
        }
        let mut dfa = match held::take(&self.dfa) {
            Some(d) => d,
            None => self.take_dfa()?,
        };
        let out = f(&mut dfa);
        held::keep(&self.dfa, dfa);
        Some(out)
    }

    /// A start DFA from the pool, or one built now.
    fn take_dfa(&self) -> Option<Box<StartDfa>> {
        let pool = || self.dfa.lock().unwrap_or_else(|e| e.into_inner());
        let free = match &mut *pool() {
            DfaPool::Ready(free) => free.pop(),
            DfaPool::Unavailable => return None,
        };
        // Built outside the lock: another thread's search need not wait for it.
        free.or_else(|| match StartDfa::new(&self.ast) {
            Some(d) => Some(Box::new(d)),
            None => {
                *pool() = DfaPool::Unavailable;
                None
            }
        })
    }

    /// The leftmost-first match in `hay` starting at `start` or later; its capture slots (as
    /// many as `slots` holds, at least the two of the whole match) in `slots`. `starts` caches
    /// where matches start in `hay`, for the successive searches of an iteration.
    fn search(&self, hay: &str, start: usize, slots: &mut [usize], starts: &mut Starts) -> bool {
        let hay = hay.as_bytes();
        let mut start = start;
        // Where the DFA found the next match to start, for the shortcut.
        let mut known = None;
        if let Starts::Single = starts {
            // One search from the start of the text: only the leftmost start is needed.
            match self.with_dfa(|d| d.scan(hay, None, false)) {
                Some(Some(p)) => {
                    start = p;
                    known = Some(p);
                }
                Some(None) => {
                    slots.fill(NONE);
                    return false;
                }
                None => {}
            }
            *starts = Starts::Unavailable;
        }
        if let Starts::Unknown = starts {
            *starts = self
                .with_dfa(|d| {
                    let mut map = StartMap::new(hay.len() / 64 + 1);
                    d.scan(hay, Some(map.words_mut()), false);
                    Starts::Map(map)
                })
                .unwrap_or(Starts::Unavailable);
        }
        let map = match starts {
            Starts::Map(m) => Some(m.words()),
            _ => None,
        };
        if let Some(f) = self.shortcut {
            // Before the scratch space is taken: the shortcut may search with other patterns.
            if let Some(p) = map.map_or(known, |m| next_bit(m, start)) {
                slots.fill(NONE);
                if f(hay, p, slots) {
                    return true;
                }
            }
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => {
                let found = self.search_with(&mut s, hay, start, slots, map);
                s.trim();
                found
            }
            Err(_) => self.search_with(&mut Scratch::default(), hay, start, slots, map),
        })
    }

    /// [`Regex::search`] with its scratch space; `map`: where matches start, if known.
    fn search_with(
        &self,
        sc: &mut Scratch,
        hay: &[u8],
        start: usize,
        slots: &mut [usize],
        map: Option<&[u64]>,
    ) -> bool {
        slots.fill(NONE);
        let len = hay.len();
        if start > len {
            return false;
        }
        sc.visited.reset(self.n_memo, start, len - start + 1);
        if self.anchored {
            return start == 0 && self.can_start(hay, 0) && self.backtrack(sc, hay, 0, slots);
        }
        let mut p = start;
        loop {
            match map {
                // The first start the DFA marked (where the backtracker is sure to succeed).
                Some(m) => match next_bit(m, p) {
                    Some(q) => p = q,
                    None => return false,
                },
                None => {
                    while p < len && !self.can_start(hay, p) {
                        p += 1;
                    }
                    if p == len && !self.can_start(hay, p) {
                        return false;
                    }
                }
            }
            if p - sc.visited.base >= 4096 && sc.visited.max_pos < p {
                sc.visited.rebase(p);
            }
            if self.backtrack(sc, hay, p, slots) {
                return true;
            }
            debug_assert!(map.is_none(), "the DFA marked a start with no match");
            if p == len {
                return false;
            }
            p += 1;
        }
    }

    fn backtrack(&self, sc: &mut Scratch, hay: &[u8], start: usize, slots: &mut [usize]) -> bool {
        let nslots = slots.len();
        let len = hay.len();
        sc.stack.clear();
        sc.stack.push(Frame::Explore { pc: 0, pos: start });
        while let Some(frame) = sc.stack.pop() {
            let (mut pc, mut pos) = match frame {
                Frame::Explore { pc, pos } => (pc, pos),
                Frame::Restore { slot, val } => {
                    slots[slot as usize] = val;
                    continue;
                }
                Frame::Alt { alt, k, pos } => match self.next_branch(alt, k, hay, pos) {
                    Some(j) => {
                        sc.stack.push(Frame::Alt { alt, k: j + 1, pos });
                        (self.alts[alt as usize].branches[j as usize], pos)
                    }
                    None => continue,
                },
                Frame::Back { pc, lo, cur } => {
                    // The next position down where the exit can start (the others fail at once).
                    let mut p = cur;
                    let found = loop {
                        p -= 1;
                        while hay[p] & 0xC0 == 0x80 {
                            p -= 1;
                        }
                        if self.may_enter(pc + 1, hay, p) {
                            break true;
                        }
                        if p <= lo {
                            break false;
                        }
                    };
                    if !found {
                        continue;
                    }
                    if p > lo {
                        sc.stack.push(Frame::Back { pc, lo, cur: p });
                    }
                    (pc + 1, p)
                }
                Frame::More { pc, cur } => {
                    let Inst::Star(i, _) = self.insts[pc as usize] else {
                        unreachable!("More comes from a Star")
                    };
                    match self.classes[i as usize].match_at(hay, cur) {
                        Some(np) if sc.visited.insert(self.memo[pc as usize], np) => {
                            sc.stack.push(Frame::More { pc, cur: np });
                            (pc + 1, np)
                        }
                        _ => continue,
                    }
                }
            };
            loop {
                let m = self.memo[pc as usize];
                if m != u32::MAX && !sc.visited.insert(m, pos) {
                    break;
                }
                match self.insts[pc as usize] {
                    Inst::Match => return true,
                    Inst::Save(s) => {
                        if (s as usize) < nslots {
                            sc.stack.push(Frame::Restore {
                                slot: s,
                                val: slots[s as usize],
                            });
                            slots[s as usize] = pos;
                        }
                        pc += 1;
                    }
                    Inst::Jmp(t) => pc = t,
                    Inst::Split(a, b) => {
                        if self.may_enter(b, hay, pos) {
                            sc.stack.push(Frame::Explore { pc: b, pos });
                        }
                        if !self.may_enter(a, hay, pos) {
                            break;
                        }
                        pc = a;
                    }
                    Inst::Alt(i) => match self.next_branch(i, 0, hay, pos) {
                        Some(j) => {
                            sc.stack.push(Frame::Alt {
                                alt: i,
                                k: j + 1,
                                pos,
                            });
                            pc = self.alts[i as usize].branches[j as usize];
                        }
                        None => break,
                    },
                    Inst::Byte(b) => {
                        if pos < len && hay[pos] == b {
                            pos += 1;
                            pc += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Str(i) => match self.lits[i as usize].match_at(hay, pos) {
                        Some(end) => {
                            pos = end;
                            pc += 1;
                        }
                        None => break,
                    },
                    Inst::Class(i) => {
                        if pos >= len {
                            break;
                        }
                        let class = &self.classes[i as usize];
                        let b = hay[pos];
                        if b < 0x80 {
                            if class.ascii >> b & 1 == 1 {
                                pos += 1;
                                pc += 1;
                            } else {
                                break;
                            }
                        } else {
                            let (c, n) = decode(hay, pos);
                            if class.has(c) {
                                pos += n;
                                pc += 1;
                            } else {
                                break;
                            }
                        }
                    }
                    Inst::Star(i, greedy) => {
                        if greedy {
                            // Take chars while the class matches and the loop has not been at the
                            // next position; then try the exit from the last position back.
                            let class = &self.classes[i as usize];
                            let memo = self.memo[pc as usize];
                            let mut p = pos;
                            while let Some(np) = class.match_at(hay, p) {
                                if !sc.visited.insert(memo, np) {
                                    break;
                                }
                                p = np;
                            }
                            if p > pos {
                                sc.stack.push(Frame::Back {
                                    pc,
                                    lo: pos,
                                    cur: p,
                                });
                            }
                            pos = p;
                            if !self.may_enter(pc + 1, hay, pos) {
                                break;
                            }
                        } else {
                            sc.stack.push(Frame::More { pc, cur: pos });
                        }
                        pc += 1;
                    }
                    Inst::Trie(i) => {
                        self.tries[i as usize].hits(hay, pos, &mut sc.hits);
                        let Some(&(_, first)) = sc.hits.first() else {
                            break;
                        };
                        for &(_, end) in sc.hits[1..].iter().rev() {
                            sc.stack.push(Frame::Explore {
                                pc: pc + 1,
                                pos: end,
                            });
                        }
                        pos = first;
                        pc += 1;
                    }
                    Inst::Assert(l) => {
                        if self.look(l, hay, pos) {
                            pc += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
        }
        false
    }

    /// The number of groups, the whole match (group 0) included.
    fn groups(&self) -> usize {
        self.names.len()
    }

    /// Whether the pattern matches anywhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        if let Some(found) = self.with_dfa(|d| d.scan(hay.as_bytes(), None, true)) {
            return found.is_some();
        }
        self.search(hay, 0, &mut [], &mut Starts::Unavailable)
    }

    /// The leftmost-first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        let mut slots = [NONE; 2];
        self.search(hay, 0, &mut slots, &mut Starts::Single)
            .then(|| Match {
                hay,
                start: slots[0],
                end: slots[1],
            })
    }

    /// The leftmost-first match with its groups.
    pub fn captures<'r, 'h>(&'r self, hay: &'h str) -> Option<Captures<'r, 'h>> {
        let mut slots = Slots::new(2 * self.groups());
        self.search(hay, 0, slots.as_mut(), &mut Starts::Single)
            .then_some(Captures {
                re: self,
                hay,
                slots,
            })
    }

    /// Successive non-overlapping matches, as `regex`'s `find_iter`.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> Matches<'r, 'h> {
        Matches(Searches {
            re: self,
            hay,
            at: 0,
            last_end: None,
            starts: Starts::Unknown,
        })
    }

    /// Successive non-overlapping matches with their groups, as `regex`'s `captures_iter`.
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> CaptureMatches<'r, 'h> {
        CaptureMatches(Searches {
            re: self,
            hay,
            at: 0,
            last_end: None,
            starts: Starts::Unknown,
        })
    }

    /// The group names, by index (`None` for group 0 and unnamed groups).
    pub fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.names.iter().map(|n| n.as_deref())
    }

    /// The index of the group called `name`.
    fn index_of(&self, name: &str) -> Option<usize> {
        // Byte by byte: the names are short, and a call to `memcmp` per name cost more.
        let want = name.as_bytes();
        self.names.iter().position(|n| {
            n.as_ref().is_some_and(|n| {
                let n = n.as_bytes();
                n.len() == want.len() && n.iter().zip(want).all(|(a, b)| a == b)
            })
        })
    }
}

/// The state of an iteration over matches.
struct Searches<'r, 'h> {
    re: &'r Regex,
    hay: &'h str,
    at: usize,
    last_end: Option<usize>,
    starts: Starts,
}

/// Where matches start in one text, worked out once by the start DFA.
enum Starts {
    /// Not worked out yet (for an iteration: a map of every start).
    Unknown,
    /// One search from the start of the text: the DFA finds the leftmost start only.
    Single,
    /// No DFA: try every start.
    Unavailable,
    /// Bit `p` is set where a match starts.
    Map(StartMap),
}

/// The bits of [`Starts::Map`]: inline for a text of up to 512 bytes (most sentences), so that
/// an iteration allocates nothing.
enum StartMap {
    Inline([u64; 8], usize),
    Heap(Vec<u64>),
}

impl StartMap {
    /// `n` words of zeros.
    fn new(n: usize) -> StartMap {
        if n <= 8 {
            StartMap::Inline([0; 8], n)
        } else {
            StartMap::Heap(vec![0; n])
        }
    }
    fn words(&self) -> &[u64] {
        match self {
            StartMap::Inline(w, n) => &w[..*n],
            StartMap::Heap(v) => v,
        }
    }
    fn words_mut(&mut self) -> &mut [u64] {
        match self {
            StartMap::Inline(w, n) => &mut w[..*n],
            StartMap::Heap(v) => v,
        }
    }
}

/// The first set bit of `map` at `p` or after.
fn next_bit(map: &[u64], p: usize) -> Option<usize> {
    let mut w = p >> 6;
    let mut bits = *map.get(w)? & (!0u64 << (p & 63));
    loop {
        if bits != 0 {
            return Some(w * 64 + bits.trailing_zeros() as usize);
        }
        w += 1;
        bits = *map.get(w)?;
    }
}

impl Searches<'_, '_> {
    /// The next match, with `slots` filled; an empty match right at the end of the previous
    /// match is skipped (as `regex` does).
    fn next(&mut self, slots: &mut [usize]) -> bool {
        loop {
            if self.at > self.hay.len()
                || !self.re.search(self.hay, self.at, slots, &mut self.starts)
            {
                self.at = self.hay.len() + 1;
                return false;
            }
            let (s, e) = (slots[0], slots[1]);
            if s == e && Some(e) == self.last_end {
                self.at = match self.hay[e..].chars().next() {
                    Some(c) => e + c.len_utf8(),
                    None => self.hay.len() + 1,
                };
                continue;
            }
            self.at = e;
            self.last_end = Some(e);
            return true;
        }
    }
}

/// An iterator over matches: [`Regex::find_iter`].
pub struct Matches<'r, 'h>(Searches<'r, 'h>);

impl<'h> Iterator for Matches<'_, 'h> {
    type Item = Match<'h>;
    fn next(&mut self) -> Option<Match<'h>> {
        let mut slots = [NONE; 2];
        self.0.next(&mut slots).then(|| Match {
            hay: self.0.hay,
            start: slots[0],
            end: slots[1],
        })
    }
}

/// An iterator over matches with their groups: [`Regex::captures_iter`].
pub struct CaptureMatches<'r, 'h>(Searches<'r, 'h>);

impl<'r, 'h> Iterator for CaptureMatches<'r, 'h> {
    type Item = Captures<'r, 'h>;
    fn next(&mut self) -> Option<Captures<'r, 'h>> {
        let mut slots = Slots::new(2 * self.0.re.groups());
        let found = self.0.next(slots.as_mut());
        found.then_some(Captures {
            re: self.0.re,
            hay: self.0.hay,
            slots,
        })
    }
}

/// A match: a span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the end.
    pub fn end(&self) -> usize {
        self.end
    }
    /// `start..end`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A match with its groups.
#[derive(Debug, Clone)]
pub struct Captures<'r, 'h> {
    re: &'r Regex,
    hay: &'h str,
    slots: Slots,
}

/// Inline capture slots for up to this many (10 groups): no allocation per match.
const INLINE_SLOTS: usize = 20;

/// The capture slots of one match.
#[derive(Debug, Clone)]
enum Slots {
    Inline([usize; INLINE_SLOTS], u8),
    Heap(Vec<usize>),
}

impl Slots {
    /// `n` unset slots.
    fn new(n: usize) -> Slots {
        if n <= INLINE_SLOTS {
            Slots::Inline([NONE; INLINE_SLOTS], n as u8)
        } else {
            Slots::Heap(vec![NONE; n])
        }
    }
    fn as_mut(&mut self) -> &mut [usize] {
        match self {
            Slots::Inline(s, n) => &mut s[..*n as usize],
            Slots::Heap(v) => v,
        }
    }
    fn as_slice(&self) -> &[usize] {
        match self {
            Slots::Inline(s, n) => &s[..*n as usize],
            Slots::Heap(v) => v,
        }
    }
}

impl<'h> Captures<'_, 'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let slots = self.slots.as_slice();
        let (s, e) = (*slots.get(2 * i)?, *slots.get(2 * i + 1)?);
        (s != NONE && e != NONE).then_some(Match {
            hay: self.hay,
            start: s,
            end: e,
        })
    }

    /// The group called `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.get(self.re.index_of(name)?)
    }

    /// The number of groups, group 0 included.
    pub fn len(&self) -> usize {
        self.slots.as_slice().len() / 2
    }

    /// Never true: group 0 is always there.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl Index<&str> for Captures<'_, '_> {
    type Output = str;
    /// The text of the group called `name`; panics if it did not take part (as `regex` does).
    fn index(&self, name: &str) -> &str {
        match self.name(name) {
            Some(m) => &self.hay[m.start..m.end],
            None => panic!("no group named '{name}' in the match"),
        }
    }
}

impl Index<usize> for Captures<'_, '_> {
    type Output = str;
    /// The text of group `i`; panics if it did not take part (as `regex` does).
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(m) => &self.hay[m.start..m.end],
            None => panic!("no group {i} in the match"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many start DFAs are free in the pattern's pool.
    fn free_dfas(re: &Regex) -> usize {
        match &*re.dfa.lock().unwrap() {
            DfaPool::Ready(free) => free.len(),
            DfaPool::Unavailable => usize::MAX,
        }
    }

    /// A thread keeps the start DFA it searched with, and gives it back when it ends; the next
    /// thread takes that one instead of building another.
    #[test]
    fn threads_hold_their_start_dfa_and_give_it_back() {
        let re = Regex::new(r"[0-9]+ (?:million|billion)").unwrap();
        let search = |re: &Regex| re.find_iter("about 5 million and 7 billion").count();
        std::thread::scope(|s| {
            s.spawn(|| {
                assert_eq!(search(&re), 2);
                assert_eq!(free_dfas(&re), 0, "held by the thread, not in the pool");
                assert_eq!(search(&re), 2);
                assert_eq!(free_dfas(&re), 0, "the same one reused");
            })
            // Joined: a thread's locals are dropped before its join returns (as
            // `parallel::for_ranges` joins its threads).
            .join()
            .unwrap();
        });
        assert_eq!(free_dfas(&re), 1, "given back when the thread ended");
        std::thread::scope(|s| {
            s.spawn(|| {
                assert_eq!(search(&re), 2);
                assert_eq!(free_dfas(&re), 0, "taken from the pool");
            })
            .join()
            .unwrap();
        });
        assert_eq!(free_dfas(&re), 1, "one DFA in all");
    }

    /// A pattern dropped leaves no DFA held by a thread that searched with it.
    #[test]
    fn a_dropped_pattern_is_let_go() {
        let held = held::len;
        let before = held();
        for _ in 0..50 {
            let re = Regex::new(r"[a-z]+ing").unwrap();
            assert!(re.is_match("a long text worth searching"));
        }
        assert!(held() <= before + 1, "{} held after 50 patterns", held());
    }

    /// The shortcuts' ASCII classes are the engine's: `\s` and the word bytes of `(?-u:\b)`.
    #[test]
    fn ascii_classes_are_the_patterns() {
        for b in 0..0x80u8 {
            assert_eq!(ascii_space(b), is_space_char(char::from(b)), "byte {b}");
            assert_eq!(ascii_word(b), is_word_char(char::from(b)), "byte {b}");
        }
        for b in 0x80..=0xFFu8 {
            assert!(!ascii_space(b) && !ascii_word(b), "byte {b}");
        }
        assert_eq!(space_then_word(b"5 \t bn.", 1), (4, 6));
        assert_eq!(space_then_word(b"5%", 1), (1, 1));
        assert_eq!(space_then_word(b"5", 1), (1, 1));
    }
}
