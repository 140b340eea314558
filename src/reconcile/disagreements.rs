//! The corpus's own disagreements: two documents that state the same attribute of the same
//! subject with incompatible values (`number`, `date`, `comparison`), give the same words to
//! different speakers (`speaker`), or word the same quote differently (`wording`, with a word
//! diff). `corroborate index` reports them and writes them to `disagreements.json`; the page
//! can list them.
//!
//! Every pair of claims from two different documents is aligned the way an article's claim is
//! aligned with the corpus ([`super::alignment`]), with the contradiction threshold, so the
//! corpus is held to the same standard as the text it checks.

use super::{alignment, compatible, dimension, mismatch_of, same_entity, same_time};
use super::{diff, quote_content, said_share, subjects_differ, Names};
use super::{CONTRADICT_ALIGNMENT, SAID_SHARE};
use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::extract::Value;
use serde_json::{json, Value as Json};

/// One side of a disagreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Index of the document in the corpus.
    pub document: usize,
    /// Byte span of the sentence in the document's text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Byte span of the value.
    pub anchor: (usize, usize),
}

/// Two documents that disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// What differs: `number`, `date`, `comparison`, `speaker` or `wording`.
    pub kind: &'static str,
    /// The earlier document's statement.
    pub a: Side,
    /// The later document's statement.
    pub b: Side,
    /// How surely the two speak of the same thing, in [0, 1].
    pub score: f64,
    /// For `wording`: the word diff from `a`'s wording to `b`'s.
    pub diff: Vec<(diff::Op, String)>,
}

fn side(document: usize, c: &Claim) -> Side {
    Side {
        document,
        start: c.start,
        end: c.end,
        anchor: c.anchor,
    }
}

/// Quote content words shared, over the smaller quote's.
fn quote_share(a: &[String], b: &[String]) -> (f64, usize) {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let n = a.len().min(b.len()).max(1);
    (shared as f64 / n as f64, shared)
}

/// Every disagreement between two documents of the corpus, in document order. One per pair of
/// sentences (the best-aligned pair of claims in them).
pub fn find(corpus: &Corpus) -> Vec<Disagreement> {
    let mut out: Vec<Disagreement> = Vec::new();
    let docs = &corpus.documents;
    let names = Names::of(corpus);
    for (da, doc_a) in docs.iter().enumerate() {
        for (db, doc_b) in docs.iter().enumerate().skip(da + 1) {
            for a in &doc_a.claims {
                let Some(dim) = dimension(a.value()) else {
                    continue;
                };
                for b in &doc_b.claims {
                    if dimension(b.value()) != Some(dim) {
                        continue;
                    }
                    if let Some(d) = compare((da, a), (db, b), corpus, &names) {
                        let same_pair = out.iter_mut().find(|o| {
                            o.a.document == da
                                && o.b.document == db
                                && o.a.start == a.start
                                && o.b.start == b.start
                        });
                        match same_pair {
                            Some(o) if o.score >= d.score => {}
                            Some(o) => *o = d,
                            None => out.push(d),
                        }
                    }
                }
            }
        }
    }
    out
}

fn compare(
    (da, a): (usize, &Claim),
    (db, b): (usize, &Claim),
    corpus: &Corpus,
    names: &Names,
) -> Option<Disagreement> {
    if let (
        Value::Quote {
            quote: qa,
            speaker: sa,
            ..
        },
        Value::Quote {
            quote: qb,
            speaker: sb,
            ..
        },
    ) = (a.value(), b.value())
    {
        let (wa, wb) = (quote_content(qa), quote_content(qb));
        let (share, shared) = quote_share(&wa, &wb);
        if share < 0.6 || shared < 3 {
            return None;
        }
        let named = |s: &Option<String>| {
            s.clone()
                .filter(|s| s.starts_with(|c: char| c.is_uppercase()))
        };
        let kind = match (named(sa), named(sb)) {
            (Some(x), Some(y)) if !same_entity(&x, &y) && share >= 0.999 => "speaker",
            (Some(x), Some(y)) if !same_entity(&x, &y) => return None,
            _ => {
                let d = diff::diff(qa, qb);
                // One quotes a part of the other: no disagreement.
                let trimmed: Vec<_> = trim(&d);
                if trimmed.iter().all(|(op, _)| *op == diff::Op::Same) {
                    return None;
                }
                return Some(Disagreement {
                    kind: "wording",
                    a: side(da, a),
                    b: side(db, b),
                    score: share,
                    diff: d,
                });
            }
        };
        return Some(Disagreement {
            kind,
            a: side(da, a),
            b: side(db, b),
            score: share,
            diff: Vec::new(),
        });
    }
    if matches!(a.value(), Value::Entity { .. }) {
        return None;
    }
    if a.negated != b.negated || !same_time(a, b) || subjects_differ(a, b) {
        return None;
    }
    if compatible(a.value(), b.value()) != Some(false) {
        return None;
    }
    let score = alignment(a, b, corpus).min(alignment(b, a, corpus));
    (score >= CONTRADICT_ALIGNMENT + 0.1 && said_share(a, b, corpus, names) >= SAID_SHARE).then(
        || Disagreement {
            kind: mismatch_of(a.value(), b.value()),
            a: side(da, a),
            b: side(db, b),
            score,
            diff: Vec::new(),
        },
    )
}

/// The diff without the words only one side has at either end (one quotes a part of the
/// other). An end where both sides have words of their own is a replacement and stays.
fn trim(d: &[(diff::Op, String)]) -> Vec<(diff::Op, String)> {
    let same = |op: &diff::Op| *op == diff::Op::Same;
    let (Some(first), Some(last)) = (
        d.iter().position(|(op, _)| same(op)),
        d.iter().rposition(|(op, _)| same(op)),
    ) else {
        return d.to_vec();
    };
    let one_sided = |run: &[(diff::Op, String)]| {
        run.iter().all(|(op, _)| *op == diff::Op::Added)
            || run.iter().all(|(op, _)| *op == diff::Op::Removed)
    };
    let from = if one_sided(&d[..first]) { first } else { 0 };
    let to = if one_sided(&d[last + 1..]) {
        last + 1
    } else {
        d.len()
    };
    d[from..to].to_vec()
}

/// UTF-16 offset of byte offset `b` in `text`.
fn utf16_at(text: &str, b: usize) -> usize {
    text.get(..b).map_or(0, |s| s.encode_utf16().count())
}

/// The disagreements as JSON: `{"corpus": id, "disagreements": [{kind, score, diff, sides:
/// [{document, title, source, published, text, value, start, end, anchor}]}]}`, offsets in
/// UTF-16 code units into each document's text, as in `check`'s evidence.
pub fn to_json(corpus: &Corpus, found: &[Disagreement]) -> Json {
    let side_json = |s: &Side| {
        let d = &corpus.documents[s.document];
        let at = |b| utf16_at(&d.text, b);
        json!({
            "document": d.meta.id, "title": d.meta.title, "source": d.meta.source,
            "published": d.meta.published,
            "text": d.text.get(s.start..s.end).unwrap_or(""),
            "value": d.text.get(s.anchor.0..s.anchor.1).unwrap_or(""),
            "start": at(s.start), "end": at(s.end),
            "anchor": { "start": at(s.anchor.0), "end": at(s.anchor.1) },
        })
    };
    let items: Vec<Json> = found
        .iter()
        .map(|d| {
            json!({
                "kind": d.kind,
                "score": (d.score.clamp(0.0, 1.0) * 100.0).round() / 100.0,
                "diff": d.diff.iter().map(|(op, w)| json!({"op": op.as_str(), "word": w})).collect::<Vec<_>>(),
                "sides": [side_json(&d.a), side_json(&d.b)],
            })
        })
        .collect();
    json!({ "corpus": corpus.id, "disagreements": items })
}

/// One line per disagreement, for the command line.
pub fn summary(corpus: &Corpus, found: &[Disagreement]) -> String {
    let mut out = format!("{} disagreement(s) between corpus documents\n", found.len());
    for d in found {
        let show = |s: &Side| {
            let doc = &corpus.documents[s.document];
            let value = doc.text.get(s.anchor.0..s.anchor.1).unwrap_or("");
            let mut clipped: String = value.chars().take(60).collect();
            if clipped.len() < value.len() {
                clipped.push('…');
            }
            format!(
                "{} ({}): {}",
                doc.meta.source,
                doc.meta.published,
                crate::quoted(&clipped)
            )
        };
        let what = if d.kind == "wording" {
            format!(" [{}]", diff::render(&trim(&d.diff)))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {}: {} vs {}{what}\n",
            d.kind,
            show(&d.a),
            show(&d.b)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(docs: &[(&str, &str)]) -> Corpus {
        let sources: Vec<(String, Vec<u8>)> = docs
            .iter()
            .map(|(name, body)| {
                let text = format!(
                    "---\ntitle: {name}\nsource: {name} News\npublished: 2025-11-07\n---\n{body}\n"
                );
                (format!("{name}.md"), text.into_bytes())
            })
            .collect();
        let (c, errors) = Corpus::compile(&sources);
        assert!(errors.is_empty(), "{errors:?}");
        c
    }

    #[test]
    fn finds_values_and_wordings_that_differ() {
        let c = corpus(&[
            (
                "a",
                "Tokayev said more than 600 American companies operate in Kazakhstan. \
                 Danny Danon said: “Congratulations to Kazakhstan, which strengthens the regional alliance for peace.”",
            ),
            (
                "b",
                "Tokayev said about 300 American companies operate in Kazakhstan. \
                 Danny Danon said: “Congratulations to Kazakhstan, which strengthens the regional alliance against Iran.”",
            ),
        ]);
        let found = find(&c);
        let kinds: Vec<&str> = found.iter().map(|d| d.kind).collect();
        assert!(kinds.contains(&"number"), "{found:?}");
        assert!(kinds.contains(&"wording"), "{found:?}");
        let json = to_json(&c, &found);
        assert_eq!(
            json["disagreements"][0]["sides"].as_array().map(Vec::len),
            Some(2)
        );
        assert!(summary(&c, &found).starts_with(&format!("{} disagreement", found.len())));
    }

    #[test]
    fn agreeing_documents_have_no_disagreements() {
        let c = corpus(&[
            (
                "a",
                "Tokayev said more than 600 American companies operate in Kazakhstan.",
            ),
            (
                "b",
                "Some 630 American companies operate in Kazakhstan, Tokayev said.",
            ),
        ]);
        assert!(find(&c).is_empty(), "{:?}", find(&c));
    }
}
