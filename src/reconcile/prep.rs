//! Claims prepared for fast alignment: each term becomes an id into a vocabulary with its weight
//! (idf) looked up once, so that aligning a pair of claims is binary searches over integers,
//! without hashing or comparing strings. A corpus claim is prepared once ([`Vocab::prep_corpus`]:
//! a searcher keeps them across checks, see [`crate::corpus::Searcher`]); a check judges each
//! claim of the text against a [`Prepared`] scope: the corpus claims it is compared with. The
//! scores are those of [`super::alignment`] and [`super::said_share`].

use super::{mentions, same_entity};
use crate::claims::Claim;
use crate::corpus::{Corpus, FastHash};
use crate::extract::Value;
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
}

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
            let mut terms: Vec<u32> = c
                .terms
                .iter()
                .map(id)
                .filter(|&i| i != UNKNOWN)
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        };
        let (local, terms) = (local_with(&id), terms_with(&id));
        let kin = |t: &str| super::broad_kin(t).is_some();
        let broad = (c.local().any(kin) || c.terms.iter().any(kin))
            .then(|| Box::new((local_with(&broad_id), terms_with(&broad_id))));
        let quote = match c.value() {
            Value::Quote { quote, .. } => super::quote_content(quote),
            _ => Vec::new(),
        };
        Prep {
            local,
            terms,
            broad,
            quote,
            names: Vec::new(),
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
    /// [`super::mentions`] answered so far: by the sentence's terms (shared by its claims, so
    /// their address) and the name (numbered here).
    mentioned: std::cell::RefCell<Mentioned>,
}

/// Names numbered, and (terms' address, name) -> whether the sentence names it.
type Mentioned = (
    HashMap<String, u32, FastHash>,
    HashMap<(usize, u32), bool, FastHash>,
);

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
        Prepared {
            vocab,
            scope,
            names,
            mentioned: Default::default(),
        }
    }

    /// Prepares a claim of the text.
    pub fn prep(&self, c: &Claim, corpus: &Corpus) -> Prep {
        self.vocab.prep(c, corpus)
    }

    /// The corpus claims to compare with, per document.
    pub fn scope(&self) -> &[Scope<'a>] {
        &self.scope
    }

    /// [`super::mentions`], each (sentence, name) worked out once: claims of a sentence share
    /// its terms, and the text's claims share few subjects.
    pub fn mentions(&self, c: &Claim, who: &str) -> bool {
        let mut m = self.mentioned.borrow_mut();
        let (names, answers) = &mut *m;
        let id = match names.get(who) {
            Some(&i) => i,
            None => {
                let i = names.len() as u32;
                names.insert(who.to_string(), i);
                i
            }
        };
        *answers
            .entry((c.terms.as_ptr() as usize, id))
            .or_insert_with(|| mentions(c, who))
    }

    /// [`super::alignment`] on prepared claims.
    pub fn alignment(&self, a: &Claim, pa: &Prep, c: &Claim, pc: &Prep, corpus: &Corpus) -> f64 {
        if matches!(a.value(), Value::Quote { .. }) && matches!(c.value(), Value::Quote { .. }) {
            return super::alignment(a, c, corpus);
        }
        let s = predicate_share(pa, pc);
        match (a.subject(), c.subject()) {
            (Some(x), Some(y)) if same_entity(x, y) => s * 0.9 + 0.1,
            // Nothing shared: 0 whatever the subjects.
            _ if s == 0.0 => 0.0,
            (Some(x), Some(y)) if !self.mentions(c, x) && !self.mentions(a, y) => s * 0.5,
            _ => s,
        }
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
