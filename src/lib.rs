//! # corroborate
//!
//! An offline fact checker. A text goes through the pipeline below; the corpus of trusted
//! documents goes through the same front half, so a fact is represented the same way on both
//! sides and reconciliation compares like with like.
//!
//! ```text
//! text ──segment──▶ sentences ──extract──▶ mentions ──claims──▶ claims ──reconcile(corpus)──▶ verdicts ──report──▶ JSON
//! corpus docs ──(same front half)──▶ corpus claims ──corpus::Corpus::to_index──▶ manifest + shards
//! ```
//!
//! - [`segment`]: text → [`segment::Sentence`]s (byte spans), page junk marked.
//! - [`extract`]: a sentence → [`extract::Mention`]s (numbers, money, percentages, quantities,
//!   ordinals, dates, durations, quotes, entities), each with a resolved value.
//! - [`claims`]: sentence + mentions → [`claims::Claim`] records (subject, predicate terms, value).
//! - [`corpus`]: source documents (front matter, HTML) → a compiled, serialisable [`corpus::Corpus`].
//! - [`reconcile`]: claims × corpus → [`reconcile::Verdict`]s with evidence.
//! - [`report`]: verdicts → the JSON of the CLI contract (UTF-16 offsets, computed once), text, Markdown.
//! - [`export`]: a check report (that JSON) → JSON, Markdown, ClaimReview JSON-LD or one HTML file;
//!   the CLI's `check --format` and the page's exports both render with it.
//!
//! The core does no I/O and knows nothing of wasm: the caller passes the text, the corpus bytes
//! and the article date. `src/wasm.rs` (wasm32 only) and `src/main.rs` (the CLI) are thin shells.

pub(crate) mod bytes;
pub mod claims;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod float;
pub mod json;
pub mod jsonw;
pub mod parallel;
pub mod reconcile;
pub mod report;
pub mod segment;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The engine's name and version, recorded in every report.
pub const ENGINE_NAME: &str = "corroborate";
/// The engine version (Cargo's), recorded in every report and compiled index.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The front half of the pipeline, shared by articles and corpus documents.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The sentences, in order.
    pub sentences: Vec<segment::Sentence>,
    /// The mentions, sorted by start; shared with the claims, which stand on them.
    pub mentions: claims::Mentions,
    /// The claims, in order.
    pub claims: Vec<claims::Claim>,
    /// Each sentence's [`claims::checkworthiness`], in the order of `sentences`.
    pub checkworthiness: Vec<f64>,
}

/// Segments, extracts and builds claims. `today` (days since 1970-01-01) is the text's own date,
/// for relative dates; without it, a full date stated near the top of the text is used.
///
/// A long text's sentences are worked on by several threads natively ([`parallel`]); the
/// result is the same.
pub fn analyze(text: &str, today: Option<i32>) -> Analysis {
    analyze_in_parts(text, today, parallel::parts_for(text.len()))
}

/// [`analyze`], with the sentences split into `parts` runs of about equal length, each worked on
/// by a thread of its own (natively; the wasm build has one thread and works on all the
/// sentences in one run). The result is the same for any `parts` (tests/parallel.rs checks).
pub fn analyze_in_parts(text: &str, today: Option<i32>, parts: usize) -> Analysis {
    let sentences = segment::split_in_parts(text, parts);
    let mentions = std::sync::Arc::new(extract::extract_in_parts(
        text,
        &sentences,
        extract::Context { today },
        parts,
    ));
    let (claims, checkworthiness) = claims::claims_in_parts(text, &sentences, &mentions, parts);
    Analysis {
        sentences,
        mentions,
        claims,
        checkworthiness,
    }
}

/// `s` in double quotes, with `\\`, `"` and control characters escaped: for messages that quote
/// what the user gave. (Not `{:?}`: the wasm build formats no `Debug` at all, to save size; see
/// `wasm_cargo` in scripts/lib.sh.)
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Parses `YYYY-MM-DD` into days since 1970-01-01.
pub fn parse_date(s: &str) -> Option<i32> {
    let mut parts = s.trim().splitn(3, '-');
    let y = extract::date_int(parts.next()?)?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1..=9999).contains(&y) {
        return None;
    }
    let n = extract::days_from_civil(y, m, d);
    (extract::civil_from_days(n) == (y, m, d)).then_some(n)
}

/// The largest text checked at once, in bytes (4 MiB, about 600,000 words: a long report).
/// Larger texts are refused with a message, so that the page's memory stays bounded.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_is_debug_for_the_texts_messages_quote() {
        // What users give: dates, file names, ids, front matter lines, document text.
        for s in [
            "",
            "2025-13-01",
            "say \"hi\"",
            "back\\slash",
            "a\tb\nc\rd",
            "bell \u{7} and nul \0",
            "Kazakhstan’s ₸6.36 trillion, é ü 日本",
            "it's",
        ] {
            assert_eq!(super::quoted(s), format!("{s:?}"));
        }
    }
}
