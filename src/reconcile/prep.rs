//! Claims prepared for fast alignment: each term becomes an id into a vocabulary with its weight
//! (idf) looked up once, so that aligning a pair of claims is binary searches over integers,
//! without hashing or comparing strings. A corpus claim is prepared once ([`Vocab::prep_corpus`]:
//! a searcher keeps them across checks, see [`crate::corpus::Searcher`]); a check judges each
//! claim of the text against a [`Prepared`] scope: the corpus claims it is compared with. The
//! scores are those of [`super::alignment`] and [`super::said_share`].

use super::{mentions, same_entity};
use crate::claims::{Claim, Terms};
use crate::corpus::{Corpus, FastHash};
use crate::extract::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// A term id no corpus term has (a term only the text uses).
const UNKNOWN: u32 = u32::MAX;
/// The raw id of "year", "years" and "time": never a term that says something.
const TIMEISH: u32 = u32::MAX - 1;

/// A local term: id, weight (idf), and its raw id (the term as written, to tell whether it is a
/// name of the claims it is compared with: names say who, not what is said).
pub type Term = (u32, f64, u32);

/// One claim's terms as ids.
#[derive(Debug, Clone, Default)]
pub struct Prep {
    /// Local terms: id (of the [`super::canon`] form), weight, raw id.
    pub local: Vec<Term>,
    /// All terms of the sentence, sorted ids (unknown terms left out).
    pub terms: Vec<u32>,
    /// `local` and `terms` with the ids of [`super::canon_broad`], for alignment, when a term
    /// has a [`super::broad_kin`] (rare; otherwise alignment uses `local` and `terms`).
    pub broad: Option<Box<(Vec<Term>, Vec<u32>)>>,
    /// For quotes: the content words, sorted and unique.
    pub quote: Vec<String>,
    /// For a corpus claim: the raw ids of the names it gives (its entity's, its subject's, and
    /// their last words; see [`super::Names`]).
    pub names: Vec<u32>,
    /// The weights of `local` added up in order (what a share divides by).
    pub local_total: f64,
    /// Bit `id % 64` set for each id of `terms`: most ids it lacks are told at once.
    pub bloom: u64,
}

fn bloom_of(ids: &[u32]) -> u64 {
    ids.iter().fold(0, |b, &i| b | 1 << (i % 64))
}

/// `terms` (sorted, with its bloom) has `id`.
fn has(terms: &[u32], bloom: u64, id: u32) -> bool {
    bloom & 1 << (id % 64) != 0 && terms.binary_search(&id).is_ok()
}

/// The term ids of a sentence, kept for its next claim (claims of a sentence share its terms):
/// the terms (held, so their address stays theirs), their ids, and the broad ids once made.
pub type SentenceIds = Option<(Terms, Vec<u32>, Option<Vec<u32>>)>;

/// The ids of terms (in their [`super::canon`] and [`super::broad_kin`] forms) and of raw terms
/// and names, over the corpus claims prepared so far. Ids only grow, so a claim prepared once
/// stays valid as more are prepared: two ids are equal exactly when their strings are.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: HashMap<String, u32, FastHash>,
    raw: HashMap<String, u32, FastHash>,
}

fn intern(map: &mut HashMap<String, u32, FastHash>, key: &str) -> u32 {
    if let Some(&i) = map.get(key) {
        return i;
    }
    let i = map.len() as u32;
    map.insert(key.to_string(), i);
    i
}

/// The names a claim gives, lower-case, with the last words of longer ones.
fn names_of(c: &Claim, mut add: impl FnMut(&str)) {
    let mut one = |n: &str| {
        let n = n.to_lowercase();
        if let Some((_, last)) = n.rsplit_once(' ') {
            add(last);
        }
        add(&n);
    };
    if let Value::Entity { name, .. } = c.value() {
        one(name);
    }
    if let Some(s) = c.subject() {
        one(s);
    }
}

impl Vocab {
    /// How many strings it holds (to bound a cache).
    pub fn len(&self) -> usize {
        self.ids.len() + self.raw.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Prepares a corpus claim; its terms and names join the vocabulary.
    pub fn prep_corpus(&mut self, c: &Claim, corpus: &Corpus) -> Prep {
        for t in c.local().chain(c.terms.iter()) {
            intern(&mut self.ids, &super::canon(t));
            if let Some(kin) = super::broad_kin(t) {
                intern(&mut self.ids, kin);
            }
        }
        for t in c.local() {
            if !is_timeish(t) {
                intern(&mut self.raw, t);
            }
        }
        let mut names = Vec::new();
        names_of(c, |n| names.push(intern(&mut self.raw, n)));
        let mut p = self.prep(c, corpus);
        p.names = names;
        p
    }

    /// Prepares a claim of the text (the vocabulary is only read).
    pub fn prep(&self, c: &Claim, corpus: &Corpus) -> Prep {
        self.prep_memo(c, corpus, &mut None)
    }

    /// [`Vocab::prep`], with the ids of the sentence's terms taken from `memo` when it holds
    /// this sentence's (and left there for the next claim). The vocabulary must not have
    /// grown since the memo was filled.
    pub fn prep_memo(&self, c: &Claim, corpus: &Corpus, memo: &mut SentenceIds) -> Prep {
        // Terms of one concept ("output", "GDP") share an id.
        let id = |t: &str| {
            let key = super::canon(t);
            self.ids.get(key.as_ref()).copied().unwrap_or(UNKNOWN)
        };
        let broad_id = |t: &str| {
            let key = super::canon_broad(t);
            self.ids.get(key.as_ref()).copied().unwrap_or(UNKNOWN)
        };
        let raw = |t: &str| {
            if is_timeish(t) {
                TIMEISH
            } else {
                self.raw.get(t).copied().unwrap_or(UNKNOWN)
            }
        };
        let local_with = |id: &dyn Fn(&str) -> u32| -> Vec<Term> {
            c.local().map(|t| (id(t), corpus.idf(t), raw(t))).collect()
        };
        let terms_with = |id: &dyn Fn(&str) -> u32| -> Vec<u32> {
            let mut terms: Vec<u32> = c.terms.iter().map(id).filter(|&i| i != UNKNOWN).collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        };
        if !matches!(memo, Some((t, _, _)) if t.as_ptr() == c.terms.as_ptr()) {
            *memo = Some((c.terms.clone(), terms_with(&id), None));
        }
        let (_, ids, broad_ids) = memo.as_mut().expect("just filled");
        let (local, terms) = (local_with(&id), ids.clone());
        let kin = |t: &str| super::broad_kin(t).is_some();
        let broad = (c.local().any(kin) || c.terms.iter().any(kin)).then(|| {
            let b = broad_ids.get_or_insert_with(|| terms_with(&broad_id));
            Box::new((local_with(&broad_id), b.clone()))
        });
        let quote = match c.value() {
            Value::Quote { quote, .. } => super::quote_content(quote),
            _ => Vec::new(),
        };
        let local_total = local.iter().fold(0.0, |t, &(_, w, _)| t + w);
        let bloom = bloom_of(&terms);
        Prep {
            local,
            terms,
            broad,
            quote,
            names: Vec::new(),
            local_total,
            bloom,
        }
    }
}

fn is_timeish(t: &str) -> bool {
    matches!(t, "year" | "years" | "time")
}

/// The corpus claims of one document a claim is compared with, in order, prepared.
pub type Scope<'a> = (usize, Vec<(&'a Claim, &'a Prep)>);

/// What a claim of the text is judged against: the vocabulary, and the corpus claims to compare
/// it with, per document (the document's number in the corpus), with the names they give.
pub struct Prepared<'a> {
    vocab: &'a Vocab,
    scope: Vec<Scope<'a>>,
    /// The raw ids of the names the scope's claims give, sorted.
    names: Vec<u32>,
    /// Each claim of the scope's subject and sentence, numbered (as `scope`).
    who: Vec<Vec<Who>>,
    /// What is worked out once and asked again.
    memo: RefCell<Memo>,
}

/// A claim's subject and sentence, numbered by a [`Prepared`]: what [`super::mentions`] and
/// [`super::same_entity`] are asked of, as numbers.
#[derive(Debug, Clone, Copy)]
pub struct Who {
    /// The subject's number ([`NONE`] for none).
    subject: u32,
    /// The sentence's number (claims of a sentence share its terms, so their address).
    sentence: u32,
}

/// No subject.
const NONE: u32 = u32::MAX;

#[derive(Default)]
struct Memo {
    /// Subjects numbered.
    names: HashMap<String, u32, FastHash>,
    /// Sentences numbered so far.
    sentences: u32,
    /// The ids of the last text sentence's terms ([`Vocab::prep_memo`]; it holds the terms, so
    /// no other sentence's can take their address while they are the last), and its number.
    ids: SentenceIds,
    text: u32,
    /// By sentence, by subject: whether the sentence names the subject ([`super::mentions`]),
    /// once asked.
    mentions: Rows,
    /// By sentence, by entity name: whether the sentence has the name as a term
    /// ([`Prepared::names_entity`]), once asked.
    named: Rows,
}

/// Answers by (row, column), once asked: 0 not yet, 1 no, 2 yes.
#[derive(Default)]
struct Rows(Vec<Vec<u8>>);

impl Rows {
    /// The answer's place.
    fn at(&mut self, row: u32, col: u32) -> &mut u8 {
        let (r, k) = (row as usize, col as usize);
        if self.0.len() <= r {
            self.0.resize(r + 1, Vec::new());
        }
        let row = &mut self.0[r];
        if row.len() <= k {
            row.resize(k + 1, 0);
        }
        &mut row[k]
    }
}

/// The answer in `at`, worked out by `f` if not yet.
fn ask(at: &mut u8, f: impl FnOnce() -> bool) -> bool {
    if *at == 0 {
        *at = 1 + f() as u8;
    }
    *at == 2
}

impl Memo {
    fn name(&mut self, who: Option<&str>) -> u32 {
        who.map_or(NONE, |w| intern(&mut self.names, w))
    }

    /// A new sentence's number.
    fn sentence(&mut self) -> u32 {
        self.sentences += 1;
        self.sentences - 1
    }
}

/// A claim of the text prepared for judging against a [`Prepared`] ([`Prepared::judged`]):
/// its terms as ids, and what its comparisons with the scope's claims share.
pub struct Judged {
    /// Its terms as ids.
    pub prep: Prep,
    who: Who,
    /// The share of its clause's terms that the last corpus sentence compared has: (sentence,
    /// share). Claims of a sentence come one after another in a scope.
    last: Cell<(u32, f64)>,
}

/// Every claim of a corpus, prepared (what [`Prepared::whole`] borrows).
pub struct Whole {
    vocab: Vocab,
    docs: Vec<Vec<Prep>>,
}

impl Whole {
    /// Prepares every claim of the corpus.
    pub fn new(corpus: &Corpus) -> Whole {
        let mut vocab = Vocab::default();
        let docs = corpus
            .documents
            .iter()
            .map(|d| {
                d.claims
                    .iter()
                    .map(|c| vocab.prep_corpus(c, corpus))
                    .collect()
            })
            .collect();
        Whole { vocab, docs }
    }
}

impl<'a> Prepared<'a> {
    /// Every claim of the corpus.
    pub fn whole(w: &'a Whole, corpus: &'a Corpus) -> Prepared<'a> {
        let scope = corpus
            .documents
            .iter()
            .zip(&w.docs)
            .enumerate()
            .map(|(di, (d, preps))| (di, d.claims.iter().zip(preps).collect()))
            .collect();
        Prepared::new(&w.vocab, scope)
    }

    /// The given claims: per document (its number in the corpus judged against, documents in
    /// order), the claims in order.
    pub fn new(vocab: &'a Vocab, scope: Vec<Scope<'a>>) -> Prepared<'a> {
        let mut names: Vec<u32> = scope
            .iter()
            .flat_map(|(_, cs)| cs.iter().flat_map(|(_, p)| p.names.iter().copied()))
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut memo = Memo::default();
        // Claims of a sentence (one after another) share its terms, so their address.
        let mut last = std::ptr::null();
        let who = scope
            .iter()
            .map(|(_, cs)| {
                cs.iter()
                    .map(|(c, _)| {
                        if c.terms.as_ptr() != last {
                            last = c.terms.as_ptr();
                            memo.sentence();
                        }
                        Who {
                            subject: memo.name(c.subject()),
                            sentence: memo.sentences - 1,
                        }
                    })
                    .collect()
            })
            .collect();
        Prepared {
            vocab,
            scope,
            names,
            who,
            memo: RefCell::new(memo),
        }
    }

    /// Prepares a claim of the text.
    pub fn prep(&self, c: &Claim, corpus: &Corpus) -> Prep {
        self.vocab.prep(c, corpus)
    }

    /// Prepares a claim of the text for judging (the ids of its sentence's terms are kept for
    /// the sentence's next claim).
    pub fn judged(&self, c: &Claim, corpus: &Corpus) -> Judged {
        let mut memo = self.memo.borrow_mut();
        if !matches!(&memo.ids, Some((t, _, _)) if t.as_ptr() == c.terms.as_ptr()) {
            memo.text = memo.sentence();
        }
        let prep = self.vocab.prep_memo(c, corpus, &mut memo.ids);
        let who = Who {
            subject: memo.name(c.subject()),
            sentence: memo.text,
        };
        Judged {
            prep,
            who,
            last: Cell::new((u32::MAX, 0.0)),
        }
    }

    /// The corpus claims to compare with, per document.
    pub fn scope(&self) -> &[Scope<'a>] {
        &self.scope
    }

    /// Claim `ci` of the scope's document `si` (its place in [`Prepared::scope`]), numbered.
    pub fn who(&self, si: usize, ci: usize) -> Who {
        self.who[si][ci]
    }

    /// [`super::mentions`] of a sentence (numbered `sentence`) and a subject (numbered `n`),
    /// each pair worked out once: claims of a sentence share its terms, and the text's claims
    /// share few subjects.
    fn mentions(&self, c: &Claim, sentence: u32, who: &str, n: u32) -> bool {
        if n == NONE {
            return mentions(c, who);
        }
        let mut memo = self.memo.borrow_mut();
        ask(memo.mentions.at(sentence, n), || mentions(c, who))
    }

    /// The number of an entity's name (for [`Prepared::names_entity`]).
    pub fn name(&self, name: &str) -> u32 {
        self.memo.borrow_mut().name(Some(name))
    }

    /// Whether claim `c` of the scope (numbered `w`) has the entity `name` (numbered `n`,
    /// lower-cased `lower`) among its sentence's terms, as it is or as the same entity.
    pub fn names_entity(&self, c: &Claim, w: Who, name: &str, lower: &str, n: u32) -> bool {
        let mut memo = self.memo.borrow_mut();
        ask(memo.named.at(w.sentence, n), || {
            c.terms.iter().any(|t| t == lower || same_entity(t, name))
        })
    }

    /// [`super::alignment`] of a claim of the text (`a`, judged as `j`) and claim `c` of the
    /// scope (prepared as `pc`, numbered `w`).
    pub fn alignment(
        &self,
        a: &Claim,
        j: &Judged,
        c: &Claim,
        pc: &Prep,
        w: Who,
        corpus: &Corpus,
    ) -> f64 {
        self.alignment_from(a, j, c, pc, w, corpus, 0.0)
            .unwrap_or(0.0)
    }

    /// [`Prepared::alignment`], or `None` when it is surely below `min`: the predicate share
    /// alone tells, before the subjects are looked at.
    #[allow(clippy::too_many_arguments)]
    pub fn alignment_from(
        &self,
        a: &Claim,
        j: &Judged,
        c: &Claim,
        pc: &Prep,
        w: Who,
        corpus: &Corpus,
        min: f64,
    ) -> Option<f64> {
        if matches!(a.value(), Value::Quote { .. }) && matches!(c.value(), Value::Quote { .. }) {
            return Some(super::alignment(a, c, corpus));
        }
        let s = self.predicate_share(j, pc, w.sentence);
        // Each way below gives at most `s` or `s * 0.9 + 0.1`.
        if s < min && s * 0.9 + 0.1 < min {
            return None;
        }
        Some(match (a.subject(), c.subject()) {
            (Some(x), Some(y)) if same_entity(x, y) => s * 0.9 + 0.1,
            // Nothing shared: 0 whatever the subjects.
            _ if s == 0.0 => 0.0,
            (Some(x), Some(y))
                if !self.mentions(c, w.sentence, x, j.who.subject)
                    && !self.mentions(a, j.who.sentence, y, w.subject) =>
            {
                s * 0.5
            }
            _ => s,
        })
    }

    /// [`super::subjects_differ`] of a claim of the text and claim `c` of the scope.
    pub fn subjects_differ(&self, a: &Claim, j: &Judged, c: &Claim, w: Who) -> bool {
        match (a.subject(), c.subject()) {
            (Some(x), Some(y)) => {
                !same_entity(x, y)
                    && !self.mentions(c, w.sentence, x, j.who.subject)
                    && !self.mentions(a, j.who.sentence, y, w.subject)
            }
            _ => false,
        }
    }

    /// The text's claim has no subject, and its sentence never names the corpus claim `c`'s:
    /// nothing says the two sentences are about the same event, so a rival name there fills
    /// another role ("The agreement between A and B was signed in May" is not about "X's deals
    /// on tungsten and Starlink were signed", however alike the words).
    pub fn unanchored_role(&self, a: &Claim, j: &Judged, c: &Claim, w: Who) -> bool {
        a.subject().is_none()
            && c.subject()
                .is_some_and(|y| !self.mentions(a, j.who.sentence, y, w.subject))
    }

    /// [`predicate_share`] of a judged claim and a claim of the scope in sentence `sentence`,
    /// the same number, worked out with each side's total weight in hand, its terms' bloom,
    /// and the share the last claim of that sentence gave.
    fn predicate_share(&self, j: &Judged, pc: &Prep, sentence: u32) -> f64 {
        let pa = &j.prep;
        if pa.broad.is_some() || pc.broad.is_some() {
            return predicate_share(pa, pc);
        }
        let there = match j.last.get() {
            (s, v) if s == sentence => v,
            _ => {
                let v = share_in(&pa.local, pa.local_total, &pc.terms, pc.bloom);
                j.last.set((sentence, v));
                v
            }
        };
        (there + share_in(&pc.local, pc.local_total, &pa.terms, pa.bloom)) / 2.0
    }

    /// The claims of document `di` in the scope, in order.
    pub fn claims_of(&self, di: usize) -> impl Iterator<Item = &'a Claim> + '_ {
        let found = self.scope.iter().find(|(d, _)| *d == di);
        found
            .into_iter()
            .flat_map(|(_, cs)| cs.iter().map(|&(c, _)| c))
    }

    /// Whether a local term says something: not a name of the scope, not "year".
    fn said(&self, raw: u32) -> bool {
        raw != TIMEISH && (raw == UNKNOWN || self.names.binary_search(&raw).is_err())
    }

    /// Weighted share of `part` found in `whole`; `said_only` counts only terms that say
    /// something (and is 1 when there are none).
    fn share(&self, part: &[Term], whole: &[u32], said_only: bool) -> f64 {
        let (mut total, mut shared) = (0.0, 0.0);
        for &(id, w, raw) in part {
            if said_only && !self.said(raw) {
                continue;
            }
            total += w;
            if id != UNKNOWN && whole.binary_search(&id).is_ok() {
                shared += w;
            }
        }
        if total == 0.0 {
            if said_only {
                1.0
            } else {
                0.0
            }
        } else {
            shared / total
        }
    }

    /// [`super::said_share`] on prepared claims.
    pub fn said_share(&self, pa: &Prep, pc: &Prep) -> f64 {
        let says = |p: &Prep| p.local.iter().any(|&(_, _, raw)| self.said(raw));
        match (says(pa), says(pc)) {
            (true, true) => {
                (self.share(&pa.local, &pc.terms, true) + self.share(&pc.local, &pa.terms, true))
                    / 2.0
            }
            (true, false) => self.share(&pa.local, &pc.terms, true),
            (false, true) => self.share(&pc.local, &pa.terms, true),
            (false, false) => 0.0,
        }
    }

    /// What is said, names left out, on average both ways: for a subject swap, where the names
    /// differ by definition.
    pub fn said_share_mean(&self, pa: &Prep, pc: &Prep) -> f64 {
        (self.share(&pa.local, &pc.terms, true) + self.share(&pc.local, &pa.terms, true)) / 2.0
    }
}

/// Weighted share of `part` found in `whole` (every term counted).
fn share(part: &[Term], whole: &[u32]) -> f64 {
    let (mut total, mut shared) = (0.0, 0.0);
    for &(id, w, _) in part {
        total += w;
        if id != UNKNOWN && whole.binary_search(&id).is_ok() {
            shared += w;
        }
    }
    if total == 0.0 {
        0.0
    } else {
        shared / total
    }
}

/// [`share`] with `part`'s total weight given (the same sum, made once) and `whole`'s bloom.
fn share_in(part: &[Term], total: f64, whole: &[u32], bloom: u64) -> f64 {
    if total == 0.0 {
        return 0.0;
    }
    let mut shared = 0.0;
    for &(id, w, _) in part {
        if id != UNKNOWN && has(whole, bloom, id) {
            shared += w;
        }
    }
    shared / total
}

/// Predicate overlap alone, subjects left aside.
pub fn predicate_share(pa: &Prep, pc: &Prep) -> f64 {
    // Both sides in one form: the broad one if either has a broad kin.
    if pa.broad.is_none() && pc.broad.is_none() {
        return (share(&pa.local, &pc.terms) + share(&pc.local, &pa.terms)) / 2.0;
    }
    fn b(p: &Prep) -> (&[Term], &[u32]) {
        match &p.broad {
            Some(b) => (b.0.as_slice(), b.1.as_slice()),
            None => (p.local.as_slice(), p.terms.as_slice()),
        }
    }
    let ((al, at), (cl, ct)) = (b(pa), b(pc));
    (share(al, ct) + share(cl, at)) / 2.0
}
