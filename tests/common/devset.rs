//! The dev set: labelled articles (tests/devset/*.json) scored against the default corpus.
//!
//! Shared by `examples/devset.rs`, which prints the report, and `tests/devset.rs`, which holds
//! the score. Each label names a span of its article (the value the claim turns on) and the
//! verdict a careful checker with only the corpus would give. A label is matched to the system
//! claim whose anchor overlaps that span best (largest overlap over union, then the earliest);
//! a label that no claim overlaps counts as the system saying "unverified" (a missed claim).

// Each includer uses a different part of this file.
#![allow(dead_code)]

use corroborate::corpus::Corpus;
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::Path;

/// The mismatch kinds of a planted error, in report order.
pub const KINDS: [&str; 7] = [
    "number",
    "date",
    "entity",
    "comparison",
    "negation",
    "speaker",
    "wording",
];

/// One labelled claim.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    /// Exact substring of the text: the value the claim turns on.
    pub anchor: String,
    /// Which occurrence of `anchor` (1-based), when it occurs more than once.
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// `supported`, `contradicted` or `unverified`.
    pub verdict: String,
    /// For `contradicted`: which part differs (one of [`KINDS`]).
    #[serde(default)]
    pub mismatch: Option<String>,
    /// Why.
    #[serde(default)]
    pub note: String,
}

impl Label {
    /// The row of the report the label counts in: its mismatch kind, `true claims` or
    /// `unverifiable`.
    pub fn class(&self) -> &str {
        match (self.verdict.as_str(), &self.mismatch) {
            ("contradicted", Some(k)) => k,
            ("supported", _) => "true claims",
            _ => "unverifiable",
        }
    }

    /// A planted error (the label says contradicted).
    pub fn planted(&self) -> bool {
        self.verdict == "contradicted"
    }
}

/// One labelled article.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    /// The file stem.
    #[serde(skip)]
    pub slug: String,
    /// The headline.
    pub title: String,
    /// The article's date, `YYYY-MM-DD`.
    pub date: String,
    /// The text.
    pub text: String,
    /// The labelled claims.
    pub labels: Vec<Label>,
}

impl Article {
    /// Byte span of a label's anchor (its nth occurrence), if the text has it.
    pub fn span(&self, label: &Label) -> Option<(usize, usize)> {
        let n = label.occurrence.unwrap_or(1).max(1);
        self.text
            .match_indices(label.anchor.as_str())
            .nth(n - 1)
            .map(|(i, s)| (i, i + s.len()))
    }
}

/// Loads every `*.json` of `dir`, in file-name order, and checks the labels: anchors are exact
/// substrings, verdicts and mismatch kinds are known, and an anchor that occurs more than once
/// says which occurrence it means.
pub fn load_dir(dir: &Path) -> Result<Vec<Article>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut article: Article =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        article.slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if corroborate::parse_date(&article.date).is_none() {
            problems.push(format!("{}: bad date {:?}", article.slug, article.date));
        }
        for l in &article.labels {
            let count = article.text.matches(l.anchor.as_str()).count();
            if l.anchor.is_empty() || article.span(l).is_none() {
                problems.push(format!(
                    "{}: anchor {:?} (occurrence {}) is not in the text",
                    article.slug,
                    l.anchor,
                    l.occurrence.unwrap_or(1)
                ));
            } else if count > 1 && l.occurrence.is_none() {
                problems.push(format!(
                    "{}: anchor {:?} occurs {count} times; say which occurrence",
                    article.slug, l.anchor
                ));
            }
            match (l.verdict.as_str(), l.mismatch.as_deref()) {
                ("contradicted", Some(k)) if KINDS.contains(&k) => {}
                ("supported" | "unverified", None) => {}
                (v, m) => problems.push(format!(
                    "{}: anchor {:?}: verdict {v:?} with mismatch {m:?}",
                    article.slug, l.anchor
                )),
            }
        }
        articles.push(article);
    }
    if problems.is_empty() {
        Ok(articles)
    } else {
        Err(problems.join("\n"))
    }
}

/// The default corpus (`corpus/` under `root`).
pub fn default_corpus(root: &Path) -> Corpus {
    let dir = root.join("corpus");
    let mut sources = Vec::new();
    for e in std::fs::read_dir(&dir).expect("corpus/").flatten() {
        sources.push((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).expect("read"),
        ));
    }
    sources.sort();
    let (corpus, errors) = Corpus::compile(&sources);
    assert!(
        errors.is_empty(),
        "the default corpus has bad documents: {errors:?}"
    );
    corpus
}

/// What the system said about one label.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Index of the article.
    pub article: usize,
    /// Index of the label in the article.
    pub label: usize,
    /// The system claim's anchor text, if a claim overlaps the label.
    pub claim: Option<String>,
    /// The system's verdict (`unverified` when no claim overlaps).
    pub verdict: &'static str,
    /// The system's mismatch kind.
    pub mismatch: Option<&'static str>,
    /// The system's explanation.
    pub explanation: String,
}

/// A system claim that no label overlaps.
#[derive(Debug, Clone)]
pub struct Unlabelled {
    /// Index of the article.
    pub article: usize,
    /// The claim's anchor text.
    pub anchor: String,
    /// The claim's kind.
    pub kind: &'static str,
    /// The system's verdict.
    pub verdict: &'static str,
    /// The system's mismatch kind.
    pub mismatch: Option<&'static str>,
}

/// The scored dev set.
#[derive(Debug, Clone)]
pub struct Score {
    /// The articles.
    pub articles: Vec<Article>,
    /// One outcome per label, in article and label order.
    pub outcomes: Vec<Outcome>,
    /// System claims no label overlaps.
    pub unlabelled: Vec<Unlabelled>,
    /// System claims that overlap a label but another claim was matched to it.
    pub shadowed: usize,
    /// All system claims.
    pub system_claims: usize,
    /// Labels no claim's anchor overlaps, matched to the nearest claim of their sentence.
    pub nearest: usize,
}

/// Counts over a set of outcomes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    /// Labels.
    pub n: usize,
    /// Contradicted with the label's mismatch kind.
    pub right_kind: usize,
    /// Contradicted, any kind.
    pub contradicted: usize,
    /// Supported.
    pub supported: usize,
    /// Conflicting.
    pub conflicting: usize,
    /// Unverified, missed claims included.
    pub unverified: usize,
    /// No system claim overlaps the label.
    pub missed: usize,
}

/// Scores the articles against the corpus.
pub fn score(articles: &[Article], corpus: &Corpus) -> Score {
    let mut outcomes = Vec::new();
    let mut unlabelled = Vec::new();
    let mut shadowed = 0;
    let mut system_claims = 0;
    let mut nearest = 0;
    for (ai, article) in articles.iter().enumerate() {
        let text = article.text.as_str();
        let analysis = corroborate::analyze(text, corroborate::parse_date(&article.date));
        let judgments = corroborate::reconcile::reconcile(text, &analysis.claims, corpus);
        let claims = &analysis.claims;
        system_claims += claims.len();
        let spans: Vec<(usize, usize)> = article
            .labels
            .iter()
            .map(|l| article.span(l).unwrap_or((0, 0)))
            .collect();
        let mut matched = vec![false; claims.len()];
        for (li, &(ls, le)) in spans.iter().enumerate() {
            let best = claims
                .iter()
                .enumerate()
                .filter_map(|(ci, c)| {
                    let (cs, ce) = c.anchor;
                    let overlap = le.min(ce).saturating_sub(ls.max(cs));
                    (overlap > 0).then(|| {
                        let union = le.max(ce) - ls.min(cs);
                        (ci, overlap as f64 / union as f64)
                    })
                })
                // Largest overlap over union; the earliest claim on a tie.
                .fold(None, |best: Option<(usize, f64)>, (ci, r)| match best {
                    Some((_, b)) if b >= r => best,
                    _ => Some((ci, r)),
                });
            // No anchor overlaps (a label on a phrase: "has no diplomatic relations"): the
            // claim of the same sentence whose anchor is nearest, whatever its verdict.
            let best = best.or_else(|| {
                claims
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.start <= ls && le <= c.end)
                    // Not a claim another label names.
                    .filter(|(_, c)| !spans.iter().any(|&(s, e)| s < c.anchor.1 && c.anchor.0 < e))
                    .map(|(ci, c)| {
                        let (cs, ce) = c.anchor;
                        (ci, cs.saturating_sub(le).max(ls.saturating_sub(ce)))
                    })
                    .min_by_key(|&(ci, d)| (d, ci))
                    .map(|(ci, _)| {
                        nearest += 1;
                        (ci, 0.0)
                    })
            });
            let outcome = match best {
                Some((ci, _)) => {
                    matched[ci] = true;
                    let j = &judgments[ci];
                    Outcome {
                        article: ai,
                        label: li,
                        claim: text
                            .get(claims[ci].anchor.0..claims[ci].anchor.1)
                            .map(str::to_string),
                        verdict: j.verdict.as_str(),
                        mismatch: j.mismatch,
                        explanation: j.explanation.clone(),
                    }
                }
                None => Outcome {
                    article: ai,
                    label: li,
                    claim: None,
                    verdict: "unverified",
                    mismatch: None,
                    explanation: "no system claim overlaps the anchor".to_string(),
                },
            };
            outcomes.push(outcome);
        }
        for (ci, c) in claims.iter().enumerate() {
            if matched[ci] {
                continue;
            }
            let (cs, ce) = c.anchor;
            if spans.iter().any(|&(ls, le)| ls < ce && cs < le) {
                shadowed += 1;
                continue;
            }
            unlabelled.push(Unlabelled {
                article: ai,
                anchor: text.get(cs..ce).unwrap_or("").to_string(),
                kind: c.kind(),
                verdict: judgments[ci].verdict.as_str(),
                mismatch: judgments[ci].mismatch,
            });
        }
    }
    Score {
        articles: articles.to_vec(),
        outcomes,
        unlabelled,
        shadowed,
        system_claims,
        nearest,
    }
}

fn ratio(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 / n as f64
    }
}

impl Score {
    /// The label of an outcome.
    pub fn label(&self, o: &Outcome) -> &Label {
        &self.articles[o.article].labels[o.label]
    }

    /// Counts over the outcomes whose label passes `keep`.
    pub fn tally(&self, keep: impl Fn(&Label) -> bool) -> Tally {
        let mut t = Tally::default();
        for o in &self.outcomes {
            let l = self.label(o);
            if !keep(l) {
                continue;
            }
            t.n += 1;
            match o.verdict {
                "contradicted" => {
                    t.contradicted += 1;
                    if o.mismatch.is_some() && o.mismatch == l.mismatch.as_deref() {
                        t.right_kind += 1;
                    }
                }
                "supported" => t.supported += 1,
                "conflicting" => t.conflicting += 1,
                _ => t.unverified += 1,
            }
            if o.claim.is_none() {
                t.missed += 1;
            }
        }
        t
    }

    /// Planted errors contradicted with the right mismatch kind, over all planted errors.
    pub fn contradiction_recall(&self) -> f64 {
        let t = self.tally(Label::planted);
        ratio(t.right_kind, t.n)
    }

    /// Planted errors contradicted with any mismatch kind, over all planted errors.
    pub fn contradicted_any(&self) -> f64 {
        let t = self.tally(Label::planted);
        ratio(t.contradicted, t.n)
    }

    /// True and unverifiable claims the system contradicted, over all of them.
    pub fn false_contradiction_rate(&self) -> f64 {
        let t = self.tally(|l| !l.planted());
        ratio(t.contradicted, t.n)
    }

    /// True claims the system supported, over all true claims.
    pub fn supported_recall(&self) -> f64 {
        let t = self.tally(|l| l.verdict == "supported");
        ratio(t.supported, t.n)
    }

    /// Of the labels the system left unverified (missed claims included), the share labelled
    /// unverifiable.
    pub fn unverified_precision(&self) -> f64 {
        let all = self.tally(|_| true);
        let right = self.tally(|l| l.verdict == "unverified");
        ratio(right.unverified, all.unverified)
    }

    /// Planted errors and unverifiable claims the system supported, over all of them.
    pub fn false_support_rate(&self) -> f64 {
        let t = self.tally(|l| l.verdict != "supported");
        ratio(t.supported, t.n)
    }

    /// The whole report: the table, then every false contradiction, miss, false support and
    /// unlabelled system claim.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let all = self.tally(|_| true);
        let _ = writeln!(
            out,
            "Dev set: {} articles, {} labels ({} planted errors, {} true, {} unverifiable); {} system claims, {} unlabelled; {} labels matched to the nearest claim of their sentence.\n",
            self.articles.len(),
            all.n,
            self.tally(Label::planted).n,
            self.tally(|l| l.verdict == "supported").n,
            self.tally(|l| l.verdict == "unverified").n,
            self.system_claims,
            self.unlabelled.len(),
            self.nearest,
        );
        let pct = |k: usize, n: usize| {
            if n == 0 {
                "-".to_string()
            } else {
                format!("{k}/{n} {:.0}%", 100.0 * ratio(k, n))
            }
        };
        let _ = writeln!(
            out,
            "{:<13} {:>3}  {:>14}  {:>14}  {:>14}  {:>14}  {:>14}  {:>12}",
            "label",
            "n",
            "contra(kind)",
            "contra(any)",
            "false contra",
            "supported",
            "unverified",
            "no claim"
        );
        let rows: Vec<&str> = KINDS
            .iter()
            .copied()
            .chain(["true claims", "unverifiable"])
            .collect();
        for row in rows {
            let t = self.tally(|l| l.class() == row);
            let planted = KINDS.contains(&row);
            let _ = writeln!(
                out,
                "{:<13} {:>3}  {:>14}  {:>14}  {:>14}  {:>14}  {:>14}  {:>12}",
                row,
                t.n,
                if planted {
                    pct(t.right_kind, t.n)
                } else {
                    "-".to_string()
                },
                if planted {
                    pct(t.contradicted, t.n)
                } else {
                    "-".to_string()
                },
                if planted {
                    "-".to_string()
                } else {
                    pct(t.contradicted, t.n)
                },
                pct(t.supported, t.n),
                pct(t.unverified, t.n),
                pct(t.missed, t.n),
            );
        }
        let p = self.tally(Label::planted);
        let honest = self.tally(|l| !l.planted());
        let truth = self.tally(|l| l.verdict == "supported");
        let unv = self.tally(|l| l.verdict == "unverified");
        let _ = writeln!(
            out,
            "\nOverall: contradiction recall {} (any kind {}); false contradiction rate {}; supported recall {}; unverified on unverifiable {}; unverified precision {:.0}%; false support rate {}.",
            pct(p.right_kind, p.n),
            pct(p.contradicted, p.n),
            pct(honest.contradicted, honest.n),
            pct(truth.supported, truth.n),
            pct(unv.unverified, unv.n),
            100.0 * self.unverified_precision(),
            pct(self.tally(|l| l.verdict != "supported").supported, p.n + unv.n),
        );
        let _ = writeln!(
            out,
            "Columns: share of the row's labels the system contradicted with the labelled kind / with any kind, contradicted (true and unverifiable rows), supported, left unverified (missed included), and with no overlapping system claim."
        );

        let _ = writeln!(out, "\nPer article (labels where verdict and kind agree):");
        for (ai, a) in self.articles.iter().enumerate() {
            let (mut n, mut agree) = (0, 0);
            for o in self.outcomes.iter().filter(|o| o.article == ai) {
                n += 1;
                let l = self.label(o);
                if o.verdict == l.verdict
                    && (!l.planted() || o.mismatch.is_some() && o.mismatch == l.mismatch.as_deref())
                {
                    agree += 1;
                }
            }
            let _ = writeln!(out, "  {:<36} {:>14}  {}", a.slug, pct(agree, n), a.title);
        }

        let sections: [(&str, Filter); 4] = [
            (
                "FALSE CONTRADICTIONS (contradicted on a true or unverifiable claim)",
                (|l: &Label, o: &Outcome| !l.planted() && o.verdict == "contradicted"),
            ),
            (
                "MISSED ERRORS (planted, not contradicted with the labelled kind)",
                (|l: &Label, o: &Outcome| {
                    l.planted()
                        && !(o.verdict == "contradicted"
                            && o.mismatch.is_some()
                            && o.mismatch == l.mismatch.as_deref())
                }),
            ),
            (
                "MISSED SUPPORT (true claims not supported)",
                (|l: &Label, o: &Outcome| l.verdict == "supported" && o.verdict != "supported"),
            ),
            (
                "FALSE SUPPORT (supported on a planted error or an unverifiable claim)",
                (|l: &Label, o: &Outcome| l.verdict != "supported" && o.verdict == "supported"),
            ),
        ];
        for (title, keep) in &sections {
            let hits: Vec<&Outcome> = self
                .outcomes
                .iter()
                .filter(|o| keep(self.label(o), o))
                .collect();
            let _ = writeln!(out, "\n{title}: {}", hits.len());
            for o in hits {
                let l = self.label(o);
                let want = match &l.mismatch {
                    Some(k) => format!("{} ({k})", l.verdict),
                    None => l.verdict.clone(),
                };
                let got = match o.mismatch {
                    Some(k) => format!("{} ({k})", o.verdict),
                    None => o.verdict.to_string(),
                };
                let claim = match &o.claim {
                    Some(c) if *c != l.anchor => format!(" [claim {:?}]", clip(c, 60)),
                    _ => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {} | {:?}{claim} | label {want} | system {got}\n      label: {}\n      system: {}",
                    self.articles[o.article].slug,
                    clip(&l.anchor, 70),
                    l.note,
                    o.explanation,
                );
            }
        }
        let _ = writeln!(
            out,
            "\nUNLABELLED SYSTEM CLAIMS (no label overlaps them): {} ({} more overlap a label that another claim answered)",
            self.unlabelled.len(),
            self.shadowed
        );
        for u in &self.unlabelled {
            let got = match u.mismatch {
                Some(k) => format!("{} ({k})", u.verdict),
                None => u.verdict.to_string(),
            };
            let _ = writeln!(
                out,
                "  {} | {} {:?} | {got}",
                self.articles[u.article].slug,
                u.kind,
                clip(&u.anchor, 60)
            );
        }
        out
    }
}

/// Which outcomes a section of the report lists.
type Filter = fn(&Label, &Outcome) -> bool;

/// The first `n` characters of `s`, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n).collect();
        c.push('…');
        c
    }
}
