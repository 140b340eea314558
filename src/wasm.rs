//! The JavaScript boundary (wasm32 only): one handle, [`Checker`], holding a loaded corpus.
//! Options go in and results come out through serde-wasm-bindgen; every failure is a JS `Error`
//! with a message a person can act on.

use crate::corpus::Corpus;
use wasm_bindgen::prelude::*;

fn into_error(message: impl std::fmt::Display) -> js_sys::Error {
    js_sys::Error::new(&message.to_string())
}

/// Written as JSON text and parsed by the engine's `JSON.parse`: the same objects as
/// serde-wasm-bindgen's `json_compatible` would build, an order of magnitude faster than one
/// boundary call per field.
fn to_js(value: &impl Serialize) -> Result<JsValue, js_sys::Error> {
    let json = serde_json::to_string(value).map_err(into_error)?;
    js_sys::JSON::parse(&json).map_err(|e| into_error(format!("{e:?}")))
}

use serde::Serialize;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Options for a check. */
export interface CheckOptions { /** The article's own date, YYYY-MM-DD, for relative dates. */ date?: string }
/** Offsets are UTF-16 code units into the checked text (String.slice), half-open. */
export interface Span { start: number; end: number }
export type VerdictName = "supported" | "contradicted" | "conflicting" | "unverified";
export interface Evidence {
  document: string; title: string; source: string; url: string | null; published: string;
  /** The evidence sentence; start/end/anchor are offsets into the document's text. */
  text: string; stance: "supports" | "contradicts" | "related"; start: number; end: number; anchor: Span;
}
export interface CheckedClaim extends Span {
  id: string; text: string; kind: string; anchor: Span; subject: string | null;
  verdict: VerdictName; confidence: number;
  mismatch: null | "number" | "date" | "entity" | "speaker" | "wording" | "comparison" | "negation";
  explanation: string; evidence: Evidence[];
}
export interface CheckReport {
  engine: { name: string; version: string };
  corpus: { id: string; documents: number };
  claims: CheckedClaim[];
  summary: { supported: number; contradicted: number; conflicting: number; unverified: number };
}
export interface Mention extends Span { kind: string; text: string; [field: string]: unknown }
export interface ExtractReport {
  sentences: (Span & { checkworthiness: number; junk: boolean })[];
  mentions: Mention[];
  claims: (Span & { id: string; text: string; kind: string; anchor: Span; subject: string | null; checkworthiness: number })[];
}
export interface CorpusDocument { id: string; title: string; source: string; url: string | null; author: string | null; published: string; sentences: number; claims: number }
export interface CorpusInfo { id: string; engine_version: string; documents: CorpusDocument[] }
"#;

/// Options for a check: the article's date (`YYYY-MM-DD`), for relative dates.
#[derive(serde::Deserialize, Default)]
struct CheckOptions {
    #[serde(default)]
    date: Option<String>,
}

fn options(value: JsValue) -> Result<Option<i32>, js_sys::Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let o: CheckOptions =
        serde_wasm_bindgen::from_value(value).map_err(|e| into_error(format!("options: {e}")))?;
    match o.date.as_deref().filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => crate::parse_date(d).map(Some).ok_or_else(|| {
            into_error(format!(
                "The article date {d:?} is not a date in the form YYYY-MM-DD."
            ))
        }),
    }
}

fn check_text(text: &str) -> Result<(), js_sys::Error> {
    if text.len() > crate::MAX_TEXT_BYTES {
        return Err(into_error(format!(
            "The text is {:.1} MB; the limit is {} MB per check. Check it in parts.",
            text.len() as f64 / (1024.0 * 1024.0),
            crate::MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// A fact checker with its corpus loaded.
#[wasm_bindgen]
pub struct Checker {
    corpus: Corpus,
}

#[wasm_bindgen]
impl Checker {
    /// Loads a corpus index: `manifest.json`'s text and its shards' texts, in order.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: &str, shards: Vec<String>) -> Result<Checker, js_sys::Error> {
        console_error_panic_hook::set_once();
        let refs: Vec<&str> = shards.iter().map(String::as_str).collect();
        let corpus = Corpus::from_index(manifest, &refs).map_err(into_error)?;
        Ok(Checker { corpus })
    }

    /// The corpus: its id, the engine version and the documents' metadata and counts.
    #[wasm_bindgen(js_name = corpusInfo, unchecked_return_type = "CorpusInfo")]
    pub fn corpus_info(&self) -> Result<JsValue, js_sys::Error> {
        let docs: Vec<serde_json::Value> = self
            .corpus
            .documents
            .iter()
            .map(|d| {
                serde_json::json!({
                    "id": d.meta.id, "title": d.meta.title, "source": d.meta.source, "url": d.meta.url,
                    "author": d.meta.author, "published": d.meta.published,
                    "sentences": d.sentences.len(), "claims": d.claims.len(),
                })
            })
            .collect();
        to_js(
            &serde_json::json!({ "id": self.corpus.id, "engine_version": crate::VERSION, "documents": docs }),
        )
    }

    /// Checks a text: the report of `corroborate check --format json`.
    #[wasm_bindgen(unchecked_return_type = "CheckReport")]
    pub fn check(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options_value: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let today = options(options_value)?;
        check_text(text)?;
        let analysis = crate::analyze(text, today);
        let judgments = crate::reconcile::reconcile(text, &analysis.claims, &self.corpus);
        to_js(&crate::report::check_json(
            text,
            &analysis.claims,
            &judgments,
            &self.corpus,
        ))
    }

    /// Extracts sentences, mentions and claims: the output of `corroborate extract --format json`.
    #[wasm_bindgen(unchecked_return_type = "ExtractReport")]
    pub fn extract(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options_value: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let today = options(options_value)?;
        check_text(text)?;
        let analysis = crate::analyze(text, today);
        to_js(&crate::report::extract_report(text, &analysis))
    }
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
