//! The JavaScript boundary (wasm32 only): one handle, [`Checker`], holding a loaded corpus.
//! Options go in through `Reflect`, results come out as JSON text parsed by `JSON.parse`; every failure is a JS `Error`
//! with a message a person can act on.

use crate::corpus::index::CatalogEntry;
use crate::corpus::{compile_document, DocMeta, Document, Needs, Part, Searcher};
use wasm_bindgen::prelude::*;

fn into_error(message: impl std::fmt::Display) -> js_sys::Error {
    js_sys::Error::new(&message.to_string())
}

/// What a thrown JS value says: an `Error`'s message, else the value as a string.
fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e
            .as_string()
            .unwrap_or_else(|| "an unknown error".to_string()),
    }
}

/// Written as JSON text and parsed by the engine's `JSON.parse`: an order of magnitude faster
/// than one boundary call per field. Written by our own writer (src/jsonw.rs), not serde_json's
/// serializer, which stays out of the wasm (issue 7); all ASCII, which JavaScript decodes
/// faster ([`Writer::ascii_only`]).
fn to_js(value: &dyn WriteJson) -> Result<JsValue, js_sys::Error> {
    let mut w = Writer::ascii_only(1024);
    value.write_json(&mut w);
    js_sys::JSON::parse(&w.finish()).map_err(|e| into_error(js_message(&e)))
}

use crate::jsonw::{With, WriteJson, Writer};

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
export interface CorpusDocument {
  id: string; title: string; source: string; url: string | null; author: string | null; published: string;
  sentences: number; claims: number; mentions: number; entities: number; bytes: number;
  /** "shipped" (the page's corpus) or "yours" (added in this browser). */
  origin: "shipped" | "yours"; n?: number;
}
export interface CorpusCounts { documents: number; sentences: number; claim_sentences: number; claims: number; mentions: number; entities: number; terms: number; text_bytes: number }
export interface CorpusInfo { id: string; engine_version: string; counts: CorpusCounts; total: number; documents: CorpusDocument[] }
/** Either the shards to load first (then ask again), or the answer. */
export type NeedsOr<T> = { needs: string[] } | T;
"#;

/// Options for a check (`{ date?: "YYYY-MM-DD" }`, the article's date, for relative dates), read
/// with `Reflect` (no deserializer in the wasm: issue 7's size budget).
fn options(value: JsValue) -> Result<Option<i32>, js_sys::Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() {
        return Err(into_error(
            "options: expected an object such as { date: \"YYYY-MM-DD\" }",
        ));
    }
    let date =
        js_sys::Reflect::get(&value, &JsValue::from_str("date")).unwrap_or(JsValue::UNDEFINED);
    if date.is_undefined() || date.is_null() {
        return Ok(None);
    }
    let Some(d) = date.as_string() else {
        return Err(into_error(
            "options: date must be a string in the form YYYY-MM-DD",
        ));
    };
    if d.is_empty() {
        return Ok(None);
    }
    crate::parse_date(&d).map(Some).ok_or_else(|| {
        into_error(format!(
            "The article date {} is not a date in the form YYYY-MM-DD.",
            crate::quoted(&d)
        ))
    })
}

/// A JSON value from JavaScript (`check`'s report, handed back to `renderReport`) as a
/// `serde_json::Value`, walked with js_sys: numbers keep their exact f64, keys their order.
fn json_of(v: &JsValue, depth: usize) -> Result<serde_json::Value, String> {
    use serde_json::Value as Json;
    if depth > 64 {
        return Err("it is nested too deeply".into());
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        // Safe integers as integers (as serde-wasm-bindgen read them before), others as floats.
        return Ok(if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
            if x < 0.0 {
                Json::from(x as i64)
            } else {
                Json::from(x as u64)
            }
        } else {
            serde_json::Number::from_f64(x).map_or(Json::Null, Json::Number)
        });
    }
    if let Some(s) = v.as_string() {
        return Ok(Json::String(s));
    }
    if js_sys::Array::is_array(v) {
        let a: &js_sys::Array = v.unchecked_ref();
        return a
            .iter()
            .map(|x| json_of(&x, depth + 1))
            .collect::<Result<_, _>>()
            .map(Json::Array);
    }
    if v.is_object() {
        let mut o = serde_json::Map::new();
        let obj: &js_sys::Object = v.unchecked_ref();
        for key in js_sys::Object::keys(obj).iter() {
            let k = key.as_string().unwrap_or_default();
            let x = js_sys::Reflect::get(v, &key)
                .map_err(|_| format!("its field {} cannot be read", crate::quoted(&k)))?;
            o.insert(k, json_of(&x, depth + 1)?);
        }
        return Ok(Json::Object(o));
    }
    Err("it holds a value JSON cannot (a function or a symbol)".into())
}

fn check_text(text: &str) -> Result<(), js_sys::Error> {
    if text.len() > crate::MAX_TEXT_BYTES {
        // Tenths of a MB in integers: a float here would bring core's float formatting in.
        let tenths = (text.len() * 10 + (1 << 19)) >> 20;
        return Err(into_error(format!(
            "The text is {}.{} MB; the limit is {} MB per check. Check it in parts.",
            tenths / 10,
            tenths % 10,
            crate::MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// A fact checker with its corpus: the shipped index (its shards loaded as checks need them)
/// and the documents the user added in this browser (compiled here by the same core).
///
/// A check is two steps: `needs(text)` names the shards it still needs (fetch each and give it
/// to `addShard`, then ask again until the list is empty), then `check(text)`. The analysis of
/// the last text is kept, so the rounds do not redo it.
#[wasm_bindgen]
pub struct Checker {
    searcher: Searcher,
    user: Vec<Document>,
    user_dirty: bool,
    last: Option<(String, Option<i32>, crate::Analysis)>,
    /// What `needs` retrieved for the last text, with the generation it was retrieved at.
    prepared: Option<(u64, crate::corpus::Retrieved)>,
    /// Bumped whenever a shard or a document of yours comes or goes.
    generation: u64,
}

const USER_PREFIX: &str = "user/";

/// A document's listing (`CorpusDocument`), with its text when given. Keys in sorted order, as
/// the `serde_json` object it was first built as had them.
fn write_doc(
    w: &mut Writer,
    meta: &DocMeta,
    counts: [usize; 5],
    origin: &str,
    n: Option<usize>,
    text: Option<&str>,
) {
    w.open(b'{');
    w.key("author");
    w.opt_string(meta.author.as_deref());
    for (k, c) in [("bytes", 4), ("claims", 1), ("entities", 3)] {
        w.key(k);
        w.uint(counts[c] as u64);
    }
    w.key("id");
    w.string(&meta.id);
    w.key("mentions");
    w.uint(counts[2] as u64);
    if let Some(n) = n {
        w.key("n");
        w.uint(n as u64);
    }
    w.key("origin");
    w.string(origin);
    w.key("published");
    w.string(&meta.published);
    w.key("sentences");
    w.uint(counts[0] as u64);
    w.key("source");
    w.string(&meta.source);
    if let Some(t) = text {
        w.key("text");
        w.string(t);
    }
    w.key("title");
    w.string(&meta.title);
    w.key("url");
    w.opt_string(meta.url.as_deref());
    w.close(b'}');
}

fn write_user_doc(w: &mut Writer, d: &Document, text: Option<&str>) {
    let counts = [
        d.sentences.len(),
        d.claims.len(),
        d.mentions.len(),
        d.entities.len(),
        d.text.len(),
    ];
    write_doc(w, &d.meta, counts, "yours", None, text);
}

fn write_entry(w: &mut Writer, e: &CatalogEntry, text: Option<&str>) {
    let counts = [e.sentences, e.claims, e.mentions, e.entities, e.bytes];
    write_doc(w, &e.meta, counts, "shipped", Some(e.n), text);
}

/// `{ "needs": [shard names] }`.
fn write_needs(w: &mut Writer, n: &Needs) {
    w.open(b'{');
    w.key("needs");
    w.open(b'[');
    for name in &n.0 {
        w.item();
        w.string(name);
    }
    w.close(b']');
    w.close(b'}');
}

#[wasm_bindgen]
impl Checker {
    /// Loads the shipped corpus's `manifest.json`. `shards` may hold the bytes (`Uint8Array`s)
    /// of its first shards, in `shardNames()` order (all of them, or none: the rest load on
    /// demand).
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: &str, shards: js_sys::Array) -> Result<Checker, js_sys::Error> {
        console_error_panic_hook::set_once();
        let mut part = Part::from_manifest(manifest).map_err(into_error)?;
        let names = part.shard_names();
        let given = shards.length() as usize;
        if given > names.len() {
            return Err(into_error(format!(
                "the corpus manifest lists {} shard(s) but {} were given",
                names.len(),
                given
            )));
        }
        for (i, name) in names.iter().take(given).enumerate() {
            let item = shards.get(i as u32);
            let Some(bytes) = item.dyn_ref::<js_sys::Uint8Array>() else {
                return Err(into_error(format!(
                    "corpus shard {name} was not given as bytes (a Uint8Array)"
                )));
            };
            part.add_shard(name, &bytes.to_vec()).map_err(into_error)?;
        }
        Ok(Checker {
            searcher: Searcher::new(vec![part, Part::build(Vec::new())]),
            user: Vec::new(),
            user_dirty: false,
            last: None,
            prepared: None,
            generation: 0,
        })
    }

    /// Every shard of the shipped index, in order.
    #[wasm_bindgen(js_name = shardNames)]
    pub fn shard_names(&self) -> Vec<String> {
        self.searcher.parts[0].shard_names()
    }

    /// Loads one shard (its name as `needs` gave it, its bytes as fetched). A shard that is
    /// truncated, altered or from another build is refused with a message naming it.
    #[wasm_bindgen(js_name = addShard)]
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), js_sys::Error> {
        self.generation += 1;
        self.searcher.add_shard(name, bytes).map_err(into_error)
    }

    fn sync_user(&mut self) {
        if self.user_dirty {
            self.generation += 1;
            self.searcher.parts[1] = Part::build(self.user.clone());
            self.user_dirty = false;
        }
    }

    fn analysis(&mut self, text: &str, today: Option<i32>) -> &crate::Analysis {
        let fresh = matches!(&self.last, Some((t, d, _)) if t == text && *d == today);
        if !fresh {
            self.prepared = None;
            self.last = Some((text.to_string(), today, crate::analyze(text, today)));
        }
        &self.last.as_ref().expect("just set").2
    }

    /// The shards a check of this text still needs (empty: `check` can run).
    pub fn needs(
        &mut self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options_value: JsValue,
    ) -> Result<Vec<String>, js_sys::Error> {
        let today = options(options_value)?;
        check_text(text)?;
        self.sync_user();
        self.analysis(text, today);
        let claims = &self.last.as_ref().expect("analysed").2.claims;
        // The last retrieval goes first: it shares the searcher's kept IDFs, which this one
        // may add to (copied if still shared).
        self.prepared = None;
        Ok(match self.searcher.prepare(claims) {
            Ok(r) => {
                self.prepared = Some((self.generation, r));
                Vec::new()
            }
            Err(n) => n.0,
        })
    }

    /// The corpus: its id, counts, and the documents listed so far (yours, then the loaded
    /// catalog pages of the shipped ones).
    #[wasm_bindgen(js_name = corpusInfo, unchecked_return_type = "CorpusInfo")]
    pub fn corpus_info(&mut self) -> Result<JsValue, js_sys::Error> {
        self.sync_user();
        let base = &self.searcher.parts[0];
        let (user, id, total) = (
            &self.user,
            self.searcher.id(),
            self.searcher.document_count(),
        );
        to_js(&With(|w: &mut Writer| {
            w.open(b'{');
            w.key("counts");
            let c = &base.manifest.counts;
            w.open(b'{');
            for (k, n) in [
                ("claim_sentences", c.claim_sentences),
                ("claims", c.claims),
                ("documents", c.documents),
                ("entities", c.entities),
                ("mentions", c.mentions),
                ("sentences", c.sentences),
                ("terms", c.terms),
                ("text_bytes", c.text_bytes),
            ] {
                w.key(k);
                w.uint(n as u64);
            }
            w.close(b'}');
            w.key("documents");
            w.open(b'[');
            for d in user {
                w.item();
                write_user_doc(w, d, None);
            }
            for page in 0..base.manifest.catalog_shards {
                for e in base.catalog(page).unwrap_or(&[]) {
                    w.item();
                    write_entry(w, e, None);
                }
            }
            w.close(b']');
            w.key("engine_version");
            w.string(crate::VERSION);
            w.key("id");
            w.string(&id);
            w.key("total");
            w.uint(total as u64);
            w.close(b'}');
        }))
    }

    /// One page of the shipped corpus's catalog: `{ documents, page, pages }`, or `{ needs }`.
    #[wasm_bindgen(
        unchecked_return_type = "NeedsOr<{ documents: CorpusDocument[]; page: number; pages: number }>"
    )]
    pub fn catalog(&self, page: usize) -> Result<JsValue, js_sys::Error> {
        let base = &self.searcher.parts[0];
        let catalog = base.catalog(page);
        to_js(&With(|w: &mut Writer| match &catalog {
            Ok(entries) => {
                w.open(b'{');
                w.key("documents");
                w.open(b'[');
                for e in *entries {
                    w.item();
                    write_entry(w, e, None);
                }
                w.close(b']');
                w.key("page");
                w.uint(page as u64);
                w.key("pages");
                w.uint(base.manifest.catalog_shards as u64);
                w.close(b'}');
            }
            Err(n) => write_needs(w, n),
        }))
    }

    /// A document to read: `{ document: { …metadata, text } }`, `{ needs }`, or `null` when
    /// there is none with this id (shipped ones must be listed by `catalog` first).
    #[wasm_bindgen(
        unchecked_return_type = "NeedsOr<{ document: CorpusDocument & { text: string } }> | null"
    )]
    pub fn document(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        // `{ "document": { …listing, "text": … } }`.
        fn with_text(w: &mut Writer, doc: impl FnOnce(&mut Writer)) {
            w.open(b'{');
            w.key("document");
            doc(w);
            w.close(b'}');
        }
        if let Some(d) = self.user.iter().find(|d| d.meta.id == id) {
            return to_js(&With(|w: &mut Writer| {
                with_text(w, |w| write_user_doc(w, d, Some(&d.text)))
            }));
        }
        let base = &self.searcher.parts[0];
        let Some(entry) = base.find(id) else {
            return Ok(JsValue::NULL);
        };
        match base.document(entry.n) {
            Ok(Some(d)) => to_js(&With(|w: &mut Writer| {
                with_text(w, |w| write_entry(w, entry, Some(&d.text)))
            })),
            Ok(None) => Ok(JsValue::NULL),
            Err(n) => to_js(&With(|w: &mut Writer| write_needs(w, &n))),
        }
    }

    /// Compiles a document of yours (`name` ends in .md, .txt or .html; `text` is its content)
    /// and adds it to the corpus. Returns its listing; a document that cannot be used is refused
    /// with a message naming the file and the problem.
    #[wasm_bindgen(js_name = addDocument, unchecked_return_type = "CorpusDocument")]
    pub fn add_document(&mut self, name: &str, text: &str) -> Result<JsValue, js_sys::Error> {
        let lower = name.to_ascii_lowercase();
        if ![".md", ".markdown", ".txt", ".html", ".htm"]
            .iter()
            .any(|x| lower.ends_with(x))
        {
            return Err(into_error(format!(
                "{name}: not a .txt, .md or .html file; only text documents can be added"
            )));
        }
        let mut doc = compile_document(name, text.as_bytes()).map_err(into_error)?;
        doc.meta.id = format!("{USER_PREFIX}{}", doc.meta.id);
        if self.user.iter().any(|d| d.meta.id == doc.meta.id) {
            return Err(into_error(format!(
                "{name}: you already added a document with this file name; remove it first or rename the file"
            )));
        }
        let info = to_js(&With(|w: &mut Writer| write_user_doc(w, &doc, None)))?;
        let at = self
            .user
            .binary_search_by(|d| d.meta.id.cmp(&doc.meta.id))
            .unwrap_or_else(|i| i);
        self.user.insert(at, doc);
        self.user_dirty = true;
        Ok(info)
    }

    /// Removes a document of yours; false if there is none with this id.
    #[wasm_bindgen(js_name = removeDocument)]
    pub fn remove_document(&mut self, id: &str) -> bool {
        let before = self.user.len();
        self.user.retain(|d| d.meta.id != id);
        self.user_dirty |= self.user.len() != before;
        self.user.len() != before
    }

    /// Checks a text: the report of `corroborate check --format json`. Every shard `needs`
    /// names must be loaded first.
    #[wasm_bindgen(unchecked_return_type = "CheckReport")]
    pub fn check(
        &mut self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options_value: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let today = options(options_value)?;
        check_text(text)?;
        self.sync_user();
        self.analysis(text, today);
        let analysis = &self.last.as_ref().expect("analysed").2;
        // What `needs` just retrieved for this text, if nothing changed since.
        let retrieved = match self.prepared.take() {
            Some((g, r)) if g == self.generation => r,
            _ => self.searcher.prepare(&analysis.claims).map_err(|n| {
                into_error(format!(
                    "the corpus shards {} are not loaded yet: call needs() and addShard() first",
                    n.0.join(", ")
                ))
            })?,
        };
        let judgments = retrieved.reconcile(text, &analysis.claims);
        to_js(&crate::report::check_report(
            text,
            &analysis.claims,
            &judgments,
            &retrieved.corpus,
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
        let report = crate::report::extract_report(text, &analysis);
        // List by list, in pieces of about 256 KB: the whole report's JSON text is about 14
        // times the input, and the linear memory it took would stay the page's.
        let out = js_sys::Object::new();
        for part in crate::report::Part::ALL {
            let pieces = js_sys::Array::new();
            for chunk in report.chunks(part, 256 << 10) {
                pieces.push(&js_sys::JSON::parse(&chunk).map_err(|e| into_error(js_message(&e)))?);
            }
            js_sys::Reflect::set(&out, &part.key().into(), &pieces.flat(1))?;
        }
        Ok(out.into())
    }
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Renders a check report (as `check` returned it, for the same `text`) in an export format:
/// `json`, `markdown`, `claimreview` or `html`, the same bytes as `corroborate check --format`.
/// `options`: `{ date?: "YYYY-MM-DD" (the review's), url?: string, articleDate?: "YYYY-MM-DD" }`.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(
    #[wasm_bindgen(unchecked_param_type = "CheckReport")] report: JsValue,
    text: &str,
    format: &str,
    #[wasm_bindgen(
        unchecked_param_type = "{ date?: string; url?: string; articleDate?: string } | undefined"
    )]
    options_value: JsValue,
) -> Result<String, js_sys::Error> {
    let format = crate::export::Format::parse(format).ok_or_else(|| {
        into_error(format!(
            "There is no export format {}; the formats are {}.",
            crate::quoted(format),
            crate::export::Format::NAMES.join(", ")
        ))
    })?;
    let report = json_of(&report, 0)
        .map_err(|e| into_error(format!("The report could not be read: {e}")))?;
    let get = |key: &str| {
        js_sys::Reflect::get(&options_value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    let opts = if options_value.is_object() {
        crate::export::Options {
            date: get("date"),
            url: get("url"),
            article_date: get("articleDate"),
        }
    } else {
        crate::export::Options::default()
    };
    crate::export::render(&report, text, format, &opts).map_err(into_error)
}
