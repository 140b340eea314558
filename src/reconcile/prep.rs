//! Claims prepared for fast alignment: each term becomes an id into the corpus's vocabulary with
//! its weight (idf) looked up once, so that aligning a pair of claims is binary searches over
//! integers, without hashing or comparing strings. Built once per check ([`Prepared::new`]);
//! the scores are those of [`super::alignment`] and [`super::said_share`].

use super::{mentions, same_entity, Names};
use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::extract::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// A term id no corpus term has (a term only the text uses).
const UNKNOWN: u32 = u32::MAX;

/// A local term: id, weight (idf), and whether it says something.
pub type Term = (u32, f64, bool);

/// One claim's terms as ids.
#[derive(Debug, Clone, Default)]
pub struct Prep {
    /// Local terms: id (of the [`super::canon`] form), weight, and whether the term says
    /// something (not a name, not "year").
    pub local: Vec<(u32, f64, bool)>,
    /// All terms of the sentence, sorted ids (unknown terms left out).
    pub terms: Vec<u32>,
    /// `local` and `terms` with the ids of [`super::canon_broad`], for alignment, when a term
    /// has a [`super::broad_kin`] (rare; otherwise alignment uses `local` and `terms`).
    pub broad: Option<Box<(Vec<Term>, Vec<u32>)>>,
    /// For quotes: the content words, sorted and unique.
    pub quote: Vec<String>,
}

/// The corpus's claims prepared, and what is needed to prepare a text's.
pub struct Prepared<'a> {
    vocab: HashMap<Cow<'a, str>, u32, crate::corpus::FastHash>,
    /// Per document, per claim.
    pub docs: Vec<Vec<Prep>>,
    /// The corpus's entity names.
    pub names: Names,
}

impl<'a> Prepared<'a> {
    /// Prepares every claim of the corpus.
    pub fn new(corpus: &'a Corpus) -> Prepared<'a> {
        let mut vocab: HashMap<Cow<'a, str>, u32, crate::corpus::FastHash> = HashMap::default();
        for d in &corpus.documents {
            for c in &d.claims {
                for t in c.local.iter().chain(&c.terms) {
                    let next = vocab.len() as u32;
                    vocab.entry(super::canon(t)).or_insert(next);
                    if let Some(kin) = super::broad_kin(t) {
                        let next = vocab.len() as u32;
                        vocab.entry(Cow::Borrowed(kin)).or_insert(next);
                    }
                }
            }
        }
        let mut p = Prepared {
            vocab,
            docs: Vec::new(),
            names: Names::of(corpus),
        };
        p.docs = corpus
            .documents
            .iter()
            .map(|d| d.claims.iter().map(|c| p.prep(c, corpus)).collect())
            .collect();
        p
    }

    /// Prepares one claim (of the text or of the corpus).
    pub fn prep(&self, c: &Claim, corpus: &Corpus) -> Prep {
        // Terms of one concept ("output", "GDP") share an id.
        let id = |t: &str| {
            let key = super::canon(t);
            self.vocab.get(key.as_ref()).copied().unwrap_or(UNKNOWN)
        };
        let broad_id = |t: &str| {
            let key = super::canon_broad(t);
            self.vocab.get(key.as_ref()).copied().unwrap_or(UNKNOWN)
        };
        let local_with = |id: &dyn Fn(&str) -> u32| -> Vec<(u32, f64, bool)> {
            c.local
                .iter()
                .map(|t| {
                    let said =
                        !self.names.has(t) && !matches!(t.as_str(), "year" | "years" | "time");
                    (id(t), corpus.idf(t), said)
                })
                .collect()
        };
        let terms_with = |id: &dyn Fn(&str) -> u32| -> Vec<u32> {
            let mut terms: Vec<u32> = c
                .terms
                .iter()
                .map(|t| id(t))
                .filter(|&i| i != UNKNOWN)
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        };
        let (local, terms) = (local_with(&id), terms_with(&id));
        let has_kin = |ts: &[String]| ts.iter().any(|t| super::broad_kin(t).is_some());
        let broad = (has_kin(&c.local) || has_kin(&c.terms))
            .then(|| Box::new((local_with(&broad_id), terms_with(&broad_id))));
        let quote = match &c.value {
            Value::Quote { quote, .. } => super::quote_content(quote),
            _ => Vec::new(),
        };
        Prep {
            local,
            terms,
            broad,
            quote,
        }
    }
}

/// Weighted share of `part` found in `whole`; `said_only` counts only terms that say something
/// (and is 1 when there are none).
fn share(part: &[(u32, f64, bool)], whole: &[u32], said_only: bool) -> f64 {
    let (mut total, mut shared) = (0.0, 0.0);
    for &(id, w, said) in part {
        if said_only && !said {
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

/// Predicate overlap alone, subjects left aside.
pub fn predicate_share(pa: &Prep, pc: &Prep) -> f64 {
    // Both sides in one form: the broad one if either has a broad kin.
    if pa.broad.is_none() && pc.broad.is_none() {
        return (share(&pa.local, &pc.terms, false) + share(&pc.local, &pa.terms, false)) / 2.0;
    }
    fn b(p: &Prep) -> (&[(u32, f64, bool)], &[u32]) {
        match &p.broad {
            Some(b) => (b.0.as_slice(), b.1.as_slice()),
            None => (p.local.as_slice(), p.terms.as_slice()),
        }
    }
    let ((al, at), (cl, ct)) = (b(pa), b(pc));
    (share(al, ct, false) + share(cl, at, false)) / 2.0
}

/// [`super::said_share`] on prepared claims.
pub fn said_share(pa: &Prep, pc: &Prep) -> f64 {
    let says = |p: &Prep| p.local.iter().any(|&(_, _, said)| said);
    match (says(pa), says(pc)) {
        (true, true) => {
            (share(&pa.local, &pc.terms, true) + share(&pc.local, &pa.terms, true)) / 2.0
        }
        (true, false) => share(&pa.local, &pc.terms, true),
        (false, true) => share(&pc.local, &pa.terms, true),
        (false, false) => 0.0,
    }
}

/// What is said, names left out, on average both ways: for a subject swap, where the names
/// differ by definition.
pub fn said_share_mean(pa: &Prep, pc: &Prep) -> f64 {
    (share(&pa.local, &pc.terms, true) + share(&pc.local, &pa.terms, true)) / 2.0
}

/// [`super::alignment`] on prepared claims.
pub fn alignment(a: &Claim, pa: &Prep, c: &Claim, pc: &Prep, corpus: &Corpus) -> f64 {
    if matches!(a.value, Value::Quote { .. }) && matches!(c.value, Value::Quote { .. }) {
        return super::alignment(a, c, corpus);
    }
    let s = predicate_share(pa, pc);
    match (&a.subject, &c.subject) {
        (Some(x), Some(y)) if same_entity(x, y) => s * 0.9 + 0.1,
        // Nothing shared: 0 whatever the subjects (and the look-ups below are not cheap).
        _ if s == 0.0 => 0.0,
        (Some(x), Some(y)) if !mentions(c, x) && !mentions(a, y) => s * 0.5,
        _ => s,
    }
}
