//! Exports: a check report (the JSON of `check --format json`, shared/spec/cli.md) rendered as
//! JSON, a Markdown report, schema.org ClaimReview JSON-LD, or a self-contained HTML report.
//!
//! The CLI (`check --format ...`) and the page (through `renderReport` in src/wasm.rs) both call
//! [`render`] on the same report, so both give the same bytes. It reads the report as JSON, not
//! the core's types: fields added to the report later (e.g. per-source values) pass through the
//! JSON export untouched, and the others render what they know. Every format records the engine
//! version and the corpus id, so a verdict can be reproduced. No I/O: the caller passes the date
//! and the URL of the review.

use crate::jsonw::Writer;
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The report itself, pretty-printed (what `check --format json` prints).
    Json,
    /// A Markdown report a person can read or paste.
    Markdown,
    /// schema.org ClaimReview JSON-LD, one review per claim.
    ClaimReview,
    /// One HTML file with everything inlined (no script; a CSP that allows only its own style).
    Html,
}

impl Format {
    /// The names the CLI's `--format` and the page use.
    pub const NAMES: [&'static str; 4] = ["json", "markdown", "claimreview", "html"];

    /// Parses a format name (`json`, `markdown`, `claimreview`, `html`).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            "claimreview" => Some(Format::ClaimReview),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What the report itself does not hold.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The date of the review (`YYYY-MM-DD`): ClaimReview's `datePublished`, and the reports' "checked on".
    pub date: Option<String>,
    /// The URL the review is published at; each claim's review is `url#claim-N`. Without it the
    /// reviews' `url` is the fragment alone (`#claim-N`, relative to wherever the file is put).
    pub url: Option<String>,
    /// The article's own date (`YYYY-MM-DD`), if known: the claims' date in ClaimReview.
    pub article_date: Option<String>,
}

/// Renders `report` (the JSON of `check --format json` for `text`) in `format`. Fails, with a
/// message naming the problem, only when the report is not a check report.
pub fn render(report: &Json, text: &str, format: Format, opts: &Options) -> Result<String, String> {
    let r = Report::read(report, text)?;
    Ok(match format {
        Format::Json => crate::jsonw::to_text(report, true) + "\n",
        Format::Markdown => markdown(&r, opts),
        Format::ClaimReview => claim_review(&r, opts),
        Format::Html => html(&r, opts),
    })
}

// ---------------------------------------------------------------------------------------------
// Reading the report.

const VERDICTS: [&str; 4] = ["supported", "contradicted", "conflicting", "unverified"];

/// A claim as the exports need it.
struct Claim<'a> {
    n: usize,
    raw: &'a Map<String, Json>,
    verdict: &'static str,
    /// The claim's words and the value it turns on, from the text (or the report's `text`).
    words: String,
    value: String,
    /// Byte spans into the text, where the report's UTF-16 offsets are valid.
    span: Option<(usize, usize)>,
}

struct Report<'a> {
    text: &'a str,
    engine: String,
    version: String,
    corpus_id: String,
    documents: Option<u64>,
    claims: Vec<Claim<'a>>,
}

fn str_of<'a>(o: &'a Map<String, Json>, key: &str) -> &'a str {
    o.get(key).and_then(Json::as_str).unwrap_or("")
}

fn span_of(o: Option<&Json>) -> Option<(usize, usize)> {
    map_span(o?.as_object()?)
}

/// [`span_of`] of an object already in hand.
fn map_span(o: &Map<String, Json>) -> Option<(usize, usize)> {
    let s = o.get("start")?.as_u64()? as usize;
    let e = o.get("end")?.as_u64()? as usize;
    (s <= e).then_some((s, e))
}

/// Slices `text` by UTF-16 offsets, if they fall on character boundaries.
fn slice16(text: &str, s: usize, e: usize) -> Option<&str> {
    let mut u = 0;
    let (mut bs, mut be) = (None, None);
    for (b, c) in text.char_indices() {
        if u == s {
            bs = Some(b);
        }
        if u == e {
            be = Some(b);
            break;
        }
        u += c.len_utf16();
    }
    if u == e && be.is_none() {
        be = Some(text.len());
    }
    if u == s && bs.is_none() {
        bs = Some(text.len());
    }
    match (bs, be) {
        (Some(a), Some(b)) if a <= b => Some(&text[a..b]),
        _ => None,
    }
}

impl<'a> Report<'a> {
    fn read(report: &'a Json, text: &'a str) -> Result<Report<'a>, String> {
        let top = report
            .as_object()
            .ok_or("the report is not a JSON object")?;
        let list = top.get("claims").and_then(Json::as_array).ok_or(
            "the report has no \"claims\" list: is it the output of `check --format json`?",
        )?;
        let engine = top.get("engine").and_then(Json::as_object);
        let corpus = top.get("corpus").and_then(Json::as_object);
        let map = Utf16Bytes::new(text);
        let mut claims = Vec::with_capacity(list.len());
        for (i, c) in list.iter().enumerate() {
            let Some(raw) = c.as_object() else {
                return Err(format!("claim {} of the report is not an object", i + 1));
            };
            let verdict = VERDICTS
                .iter()
                .find(|v| **v == str_of(raw, "verdict"))
                .copied()
                .unwrap_or("unverified");
            let span = span_of(Some(c)).and_then(|(s, e)| Some((map.byte(s)?, map.byte(e)?)));
            let anchor =
                span_of(raw.get("anchor")).and_then(|(s, e)| Some((map.byte(s)?, map.byte(e)?)));
            let words = match span {
                Some((s, e)) => text[s..e].to_string(),
                None => str_of(raw, "text").to_string(),
            };
            let value = match anchor {
                Some((s, e)) => text[s..e].to_string(),
                None => words.clone(),
            };
            claims.push(Claim {
                n: i + 1,
                raw,
                verdict,
                words,
                value,
                span,
            });
        }
        Ok(Report {
            text,
            engine: engine
                .map(|e| str_of(e, "name"))
                .filter(|s| !s.is_empty())
                .unwrap_or(crate::ENGINE_NAME)
                .to_string(),
            version: engine
                .map(|e| str_of(e, "version"))
                .unwrap_or("")
                .to_string(),
            corpus_id: corpus.map(|c| str_of(c, "id")).unwrap_or("").to_string(),
            documents: corpus
                .and_then(|c| c.get("documents"))
                .and_then(Json::as_u64),
            claims,
        })
    }

    fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for c in &self.claims {
            if let Some(i) = VERDICTS.iter().position(|v| *v == c.verdict) {
                n[i] += 1;
            }
        }
        n
    }

    fn summary_line(&self) -> String {
        let n = self.counts();
        format!(
            "{} {}: {} supported, {} contradicted, {} conflicting, {} unverified.",
            self.claims.len(),
            if self.claims.len() == 1 {
                "claim"
            } else {
                "claims"
            },
            n[0],
            n[1],
            n[2],
            n[3]
        )
    }

    fn provenance(&self) -> String {
        let docs = self
            .documents
            .map(|d| format!(" ({d} documents)"))
            .unwrap_or_default();
        format!(
            "Corpus {}{docs}, {} {}",
            if self.corpus_id.is_empty() {
                "(unknown)"
            } else {
                &self.corpus_id
            },
            self.engine,
            if self.version.is_empty() {
                "(unknown version)"
            } else {
                &self.version
            }
        )
    }
}

/// UTF-16 offsets → byte offsets, by binary search over the non-ASCII characters.
struct Utf16Bytes {
    /// (UTF-16 offset, byte offset, UTF-16 length, byte length) of each non-ASCII character.
    marks: Vec<(usize, usize, usize, usize)>,
    units: usize,
    bytes: usize,
}

impl Utf16Bytes {
    fn new(text: &str) -> Utf16Bytes {
        let mut marks = Vec::new();
        let mut u = 0;
        for (b, c) in text.char_indices() {
            if !c.is_ascii() {
                marks.push((u, b, c.len_utf16(), c.len_utf8()));
            }
            u += c.len_utf16();
        }
        Utf16Bytes {
            marks,
            units: u,
            bytes: text.len(),
        }
    }

    /// The byte offset of UTF-16 offset `u`; None past the end or inside a surrogate pair.
    fn byte(&self, u: usize) -> Option<usize> {
        if u > self.units {
            return None;
        }
        let i = self.marks.partition_point(|m| m.0 < u);
        match i.checked_sub(1).map(|j| self.marks[j]) {
            None => Some(u),
            Some((mu, mb, ul, bl)) => {
                if u < mu + ul {
                    None
                } else {
                    let b = mb + bl + (u - mu - ul);
                    (b <= self.bytes).then_some(b)
                }
            }
        }
    }
}

/// The label of a verdict, capitalised, and its icon (text, so no colour is needed to read it).
fn verdict_label(v: &str) -> (&'static str, &'static str) {
    match v {
        "supported" => ("Supported", "✓"),
        "contradicted" => ("Contradicted", "✗"),
        "conflicting" => ("Conflicting", "⚠"),
        _ => ("Unverified", "?"),
    }
}

fn rank(v: &str) -> u8 {
    match v {
        "contradicted" => 4,
        "conflicting" => 3,
        "supported" => 2,
        _ => 1,
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn evidence_of<'a>(c: &Claim<'a>) -> Vec<&'a Map<String, Json>> {
    c.raw
        .get("evidence")
        .and_then(Json::as_array)
        .map(|l| l.iter().filter_map(Json::as_object).collect())
        .unwrap_or_default()
}

/// The value an evidence sentence states (its anchor, relative to the sentence), if it has one.
fn evidence_value(e: &Map<String, Json>) -> Option<String> {
    let (s, _) = map_span(e)?;
    let (a, b) = span_of(e.get("anchor"))?;
    let text = str_of(e, "text");
    slice16(text, a.checked_sub(s)?, b.checked_sub(s)?)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// Markdown.

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(r: &Report, opts: &Options) -> String {
    let mut out = String::from("# Fact-check report\n\n");
    out.push_str(&format!("**{}**\n\n", r.summary_line()));
    out.push_str(&md_escape(&r.provenance()));
    if let Some(d) = &opts.date {
        out.push_str(&format!(", checked on {}", md_escape(d)));
    }
    out.push_str(".\n\n");
    for c in &r.claims {
        let (label, icon) = verdict_label(c.verdict);
        out.push_str(&format!(
            "## {}. {} {} — {}\n\n",
            c.n,
            icon,
            label.to_uppercase(),
            md_escape(&one_line(&c.value))
        ));
        out.push_str(&format!("> {}\n\n", md_escape(&one_line(&c.words))));
        let explanation = str_of(c.raw, "explanation");
        if !explanation.is_empty() {
            out.push_str(&format!("{}\n\n", md_escape(explanation)));
        }
        let evidence = evidence_of(c);
        if c.verdict == "conflicting" && evidence.iter().any(|e| evidence_value(e).is_some()) {
            out.push_str("| source | date | value |\n| --- | --- | --- |\n");
            for e in &evidence {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    md_escape(str_of(e, "source")),
                    md_escape(str_of(e, "published")),
                    md_escape(&evidence_value(e).unwrap_or_default())
                ));
            }
            out.push('\n');
        }
        for e in &evidence {
            out.push_str(&format!(
                "- *{}* — {}, {} ({}): “{}”\n",
                md_escape(str_of(e, "stance")),
                md_escape(str_of(e, "title")),
                md_escape(str_of(e, "source")),
                md_escape(str_of(e, "published")),
                md_escape(&one_line(str_of(e, "text")))
            ));
        }
        if !evidence.is_empty() {
            out.push('\n');
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// ClaimReview JSON-LD.

/// The rating of a verdict on a 1–5 scale (5: true), with its name. Unverified has no value.
fn rating(w: &mut Writer, v: &str) {
    let (label, _) = verdict_label(v);
    let value = match v {
        "supported" => Some(5),
        "conflicting" => Some(3),
        "contradicted" => Some(1),
        _ => None,
    };
    // Keys in sorted order, as serde_json's object (a sorted map) wrote them.
    w.open(b'{');
    w.key("@type");
    w.string("Rating");
    w.key("alternateName");
    w.string(label);
    w.key("bestRating");
    w.uint(5);
    if let Some(value) = value {
        w.key("ratingValue");
        w.uint(value);
    }
    w.key("worstRating");
    w.uint(1);
    w.close(b'}');
}

/// `{ "@type": type, "name": name }`.
fn named(w: &mut Writer, kind: &str, name: &str) {
    w.open(b'{');
    w.key("@type");
    w.string(kind);
    w.key("name");
    w.string(name);
    w.close(b'}');
}

/// ClaimReview JSON-LD, pretty, written straight (keys in sorted order, as the JSON object the
/// first version built had them).
fn claim_review(r: &Report, opts: &Options) -> String {
    let base = opts.url.as_deref().unwrap_or("");
    let base = base.split('#').next().unwrap_or("");
    let author = format!("{} {}", r.engine, r.version);
    let mut w = Writer::new(true, 4096);
    w.open(b'{');
    w.key("@context");
    w.string("https://schema.org");
    w.key("@graph");
    w.open(b'[');
    for c in &r.claims {
        let words = one_line(&c.words);
        w.item();
        w.open(b'{');
        w.key("@type");
        w.string("ClaimReview");
        w.key("author");
        named(&mut w, "Organization", author.trim());
        let evidence = evidence_of(c);
        if !evidence.is_empty() {
            w.key("citation");
            w.open(b'[');
            for e in &evidence {
                w.item();
                w.open(b'{');
                w.key("@type");
                w.string("CreativeWork");
                w.key("datePublished");
                w.string(str_of(e, "published"));
                w.key("name");
                w.string(str_of(e, "title"));
                w.key("publisher");
                named(&mut w, "Organization", str_of(e, "source"));
                w.key("text");
                w.string(str_of(e, "text"));
                if let Some(u) = e.get("url").and_then(Json::as_str) {
                    w.key("url");
                    w.string(u);
                }
                w.close(b'}');
            }
            w.close(b']');
        }
        w.key("claimReviewed");
        w.string(&words);
        if let Some(d) = &opts.date {
            w.key("datePublished");
            w.string(d);
        }
        w.key("isBasedOn");
        w.open(b'[');
        w.item();
        w.open(b'{');
        w.key("@type");
        w.string("SoftwareApplication");
        w.key("name");
        w.string(&r.engine);
        w.key("softwareVersion");
        w.string(&r.version);
        w.close(b'}');
        w.item();
        w.open(b'{');
        w.key("@type");
        w.string("Dataset");
        w.key("identifier");
        w.string(&r.corpus_id);
        w.key("name");
        w.string("corroborate corpus");
        w.close(b'}');
        w.close(b']');
        w.key("itemReviewed");
        w.open(b'{');
        w.key("@type");
        w.string("Claim");
        if let Some(d) = &opts.article_date {
            w.key("datePublished");
            w.string(d);
        }
        w.key("text");
        w.string(&words);
        w.close(b'}');
        let explanation = str_of(c.raw, "explanation");
        if !explanation.is_empty() {
            w.key("reviewBody");
            w.string(explanation);
        }
        w.key("reviewRating");
        rating(&mut w, c.verdict);
        w.key("url");
        w.string(&format!("{base}#claim-{}", c.n));
        w.close(b'}');
    }
    w.close(b']');
    w.close(b'}');
    w.finish() + "\n"
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// Escapes text for HTML text and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const HTML_STYLE: &str = "
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1f;--muted:#555;--ok:#0b6b3a;--okbg:#d9f2e3;--bad:#a3111a;--badbg:#fbe0e2;--mix:#7a4b00;--mixbg:#fdecc8;--unk:#44475a;--unkbg:#e8e8ee}
@media (prefers-color-scheme:dark){:root{--bg:#16161a;--fg:#ececf1;--muted:#b4b4c0;--ok:#7fe0a8;--okbg:#163d28;--bad:#ff9aa2;--badbg:#4a1a1f;--mix:#ffd27a;--mixbg:#44330f;--unk:#c9c9d6;--unkbg:#2c2c36}}
body{font:16px/1.55 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;background:var(--bg);color:var(--fg)}
.meta,.cite{color:var(--muted);font-size:.9em}.text{white-space:pre-wrap;overflow-wrap:anywhere}
mark{color:inherit;border-radius:3px;padding:0 1px}sup a{color:inherit}
.v-supported{background:var(--okbg)}.v-contradicted{background:var(--badbg)}.v-conflicting{background:var(--mixbg)}.v-unverified{background:var(--unkbg)}
.verdict{font-weight:700}li.claim{margin:0 0 1.25rem;padding:.5rem .75rem;border-left:4px solid var(--unk)}
li.v-supported{border-color:var(--ok)}li.v-contradicted{border-color:var(--bad)}li.v-conflicting{border-color:var(--mix)}
blockquote{margin:.25rem 0 .25rem 1rem}table{border-collapse:collapse}td,th{border:1px solid var(--muted);padding:.2rem .5rem;text-align:left}
";

/// The text with each claim marked (overlapping claims: the most severe verdict) and each
/// claim's number after it, linking to its entry.
fn html_text(r: &Report) -> String {
    let text = r.text;
    let mut cuts = vec![0, text.len()];
    for c in &r.claims {
        if let Some((s, e)) = c.span {
            cuts.push(s);
            cuts.push(e);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering: Vec<&Claim> = r
            .claims
            .iter()
            .filter(|c| c.span.is_some_and(|(s, e)| s <= a && b <= e && s < e))
            .collect();
        let piece = html_escape(&text[a..b]);
        match covering.iter().max_by_key(|c| rank(c.verdict)) {
            None => out.push_str(&piece),
            Some(top) => {
                let (label, _) = verdict_label(top.verdict);
                out.push_str(&format!(
                    "<mark class=\"v-{}\" title=\"{}\">{piece}</mark>",
                    top.verdict, label
                ));
            }
        }
        for c in r
            .claims
            .iter()
            .filter(|c| c.span.is_some_and(|(_, e)| e == b))
        {
            let (label, icon) = verdict_label(c.verdict);
            out.push_str(&format!(
                "<sup><a href=\"#claim-{n}\" aria-label=\"claim {n}: {l}\">{n}{icon}</a></sup>",
                n = c.n,
                l = label.to_lowercase()
            ));
        }
    }
    out
}

fn html(r: &Report, opts: &Options) -> String {
    let style_hash = base64(&Sha256::digest(HTML_STYLE.as_bytes()));
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No script at all; only this file's own style.
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{style_hash}'; base-uri 'none'; form-action 'none'\">\n"
    ));
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"{}\">\n",
        html_escape(&format!("{} {}", r.engine, r.version))
    ));
    out.push_str("<title>Fact-check report</title>\n");
    out.push_str(&format!("<style>{HTML_STYLE}</style>\n</head>\n<body>\n"));
    out.push_str("<h1>Fact-check report</h1>\n");
    out.push_str(&format!(
        "<p class=\"summary\"><strong>{}</strong></p>\n",
        html_escape(&r.summary_line())
    ));
    let mut meta = html_escape(&r.provenance());
    if let Some(d) = &opts.date {
        meta.push_str(&format!(", checked on {}", html_escape(d)));
    }
    out.push_str(&format!(
        "<p class=\"meta\" data-corpus=\"{}\" data-engine-version=\"{}\">{meta}.</p>\n",
        html_escape(&r.corpus_id),
        html_escape(&r.version)
    ));
    out.push_str("<h2>The text</h2>\n<div class=\"text\">");
    out.push_str(&html_text(r));
    out.push_str("</div>\n<h2>Claims</h2>\n<ol class=\"claims\">\n");
    for c in &r.claims {
        let (label, icon) = verdict_label(c.verdict);
        out.push_str(&format!(
            "<li id=\"claim-{}\" class=\"claim v-{}\">\n<p><span class=\"verdict\">{icon} {label}</span> · <q>{}</q></p>\n",
            c.n,
            c.verdict,
            html_escape(&one_line(&c.words))
        ));
        let explanation = str_of(c.raw, "explanation");
        if !explanation.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", html_escape(explanation)));
        }
        let evidence = evidence_of(c);
        if c.verdict == "conflicting" && evidence.iter().any(|e| evidence_value(e).is_some()) {
            out.push_str("<table><caption>What each source says</caption><tr><th scope=\"col\">source</th><th scope=\"col\">date</th><th scope=\"col\">value</th></tr>\n");
            for e in &evidence {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    html_escape(str_of(e, "source")),
                    html_escape(str_of(e, "published")),
                    html_escape(&evidence_value(e).unwrap_or_default())
                ));
            }
            out.push_str("</table>\n");
        }
        for e in &evidence {
            out.push_str(&format!(
                "<blockquote>{}</blockquote>\n<p class=\"cite\">{}: {}",
                html_escape(str_of(e, "text")),
                html_escape(str_of(e, "stance")),
                html_escape(str_of(e, "title"))
            ));
            for k in ["source", "published"] {
                let v = str_of(e, k);
                if !v.is_empty() {
                    out.push_str(&format!(" · {}", html_escape(v)));
                }
            }
            // Only http(s) URLs become links; anything else (javascript:, data:) stays text.
            if let Some(u) = e.get("url").and_then(Json::as_str) {
                let lower = u.trim().to_ascii_lowercase();
                if lower.starts_with("https://") || lower.starts_with("http://") {
                    out.push_str(&format!(
                        " · <a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                        html_escape(u.trim()),
                        html_escape(u.trim())
                    ));
                } else {
                    out.push_str(&format!(" · {}", html_escape(u)));
                }
            }
            out.push_str("</p>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests;
