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

/// One claim's terms as ids.
#[derive(Debug, Clone, Default)]
pub struct Prep {
    /// Local terms: id ([`super::canon_broad`] form), weight, and whether the term says
    /// something (not a name, not "year"): for alignment.
    pub local: Vec<(u32, f64, bool)>,
    /// All terms of the sentence, sorted ids (unknown terms left out): for alignment.
    pub terms: Vec<u32>,
    /// As `local`, with ids of the stricter [`super::canon`] form: for what is said.
    pub said_local: Vec<(u32, f64, bool)>,
    /// As `terms`, in the [`super::canon`] form.
    pub said_terms: Vec<u32>,
    /// For quotes: the content words, sorted and unique.
    pub quote: Vec<String>,
}

/// The corpus's claims prepared, and what is needed to prepare a text's.
pub struct Prepared<'a> {
    vocab: HashMap<Cow<'a, str>, u32>,
    /// Per document, per claim.
    pub docs: Vec<Vec<Prep>>,
    /// The corpus's entity names.
    pub names: Names,
}

impl<'a> Prepared<'a> {
    /// Prepares every claim of the corpus.
    pub fn new(corpus: &'a Corpus) -> Prepared<'a> {
        let mut vocab: HashMap<Cow<'a, str>, u32> = HashMap::new();
        for d in &corpus.documents {
            for c in &d.claims {
                for t in c.local.iter().chain(&c.terms) {
                    let next = vocab.len() as u32;
                    vocab.entry(super::canon(t)).or_insert(next);
                    let next = vocab.len() as u32;
                    vocab.entry(super::canon_broad(t)).or_insert(next);
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
        let (local, said_local) = (local_with(&broad_id), local_with(&id));
        let (terms, said_terms) = (terms_with(&broad_id), terms_with(&id));
        let quote = match &c.value {
            Value::Quote { quote, .. } => super::quote_content(quote),
            _ => Vec::new(),
        };
        Prep {
            local,
            terms,
            said_local,
            said_terms,
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
    (share(&pa.local, &pc.terms, false) + share(&pc.local, &pa.terms, false)) / 2.0
}

/// [`super::said_share`] on prepared claims.
pub fn said_share(pa: &Prep, pc: &Prep) -> f64 {
    let says = |p: &Prep| p.local.iter().any(|&(_, _, said)| said);
    match (says(pa), says(pc)) {
        (true, true) => {
            (share(&pa.said_local, &pc.said_terms, true)
                + share(&pc.said_local, &pa.said_terms, true))
                / 2.0
        }
        (true, false) => share(&pa.said_local, &pc.said_terms, true),
        (false, true) => share(&pc.said_local, &pa.said_terms, true),
        (false, false) => 0.0,
    }
}

/// What is said, names left out, on average both ways: for a subject swap, where the names
/// differ by definition.
pub fn said_share_mean(pa: &Prep, pc: &Prep) -> f64 {
    (share(&pa.said_local, &pc.said_terms, true) + share(&pc.said_local, &pa.said_terms, true))
        / 2.0
}

/// [`super::alignment`] on prepared claims.
pub fn alignment(a: &Claim, pa: &Prep, c: &Claim, pc: &Prep, corpus: &Corpus) -> f64 {
    if matches!(a.value, Value::Quote { .. }) && matches!(c.value, Value::Quote { .. }) {
        return super::alignment(a, c, corpus);
    }
    let s = predicate_share(pa, pc);
    match (&a.subject, &c.subject) {
        (Some(x), Some(y)) if same_entity(x, y) => s * 0.9 + 0.1,
        (Some(x), Some(y)) if !mentions(c, x) && !mentions(a, y) => s * 0.5,
        _ => s,
    }
}
