//! The compiled index: a small manifest plus shards fetched when a check needs them, and the
//! retrieval step that decides which.
//!
//! ```text
//! manifest.json                  format, engine version, corpus id, counts, shard counts (a few hundred bytes)
//! catalog-<id12>-<n>.json        documents n*200 … : metadata and counts (for the corpus panel)
//! docs-<id12>-<n>.json           documents n*2 … : text, sentence spans, claims, entities
//! terms-<id12>-<n>.json          terms whose hash falls in bucket n: document frequency, BM25
//!                                postings over claim sentences, entity aliases
//! ```
//!
//! Each shard is one header line (JSON: format, corpus id, shard name, SHA-256 of the body) and
//! the body (JSON). The corpus id is the SHA-256 of the bodies' hashes in shard order, so the
//! same documents give the same bytes, the same names and the same id; a shard from another
//! build, a truncated one or a changed one is refused by name.
//!
//! Terms are the normalised content words and entity names of a claim sentence (the same
//! [`Claim::terms`] reconciliation weighs), plus keys for the claims' values: `#money:USD`,
//! `#count:company`, `#date:2025`, `#num:count:3` (the order of magnitude), `#rank:country`,
//! `#quote`. A term in more than [`Manifest::stop_df`] claim sentences keeps its document
//! frequency but not its postings (it would match nearly everything).
//!
//! A check ([`Searcher::prepare`]) looks up the terms of each of the article's claims, scores the
//! corpus's claim sentences by BM25 (k1 = 1.2, b = 0.75, over each sentence's distinct terms),
//! keeps the best [`TOP_K`] per claim, and returns a [`Corpus`] of the documents that hold them,
//! with IDFs of the whole corpus; reconciliation then runs on that. When a shard it needs is not
//! loaded it returns [`Needs`] with the shard names instead: the caller (the page's worker, the
//! CLI) loads them and asks again.

use super::{claim_sentence_terms, hex, Corpus, CorpusError, DocMeta, Document, Entity};
use crate::claims::{Claim, Terms};
use crate::extract::Value;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The index format this engine writes and reads.
pub const INDEX_FORMAT: u32 = 2;
/// Documents per document shard.
pub const DOCS_PER_SHARD: usize = 2;
/// Documents per catalog shard.
pub const DOCS_PER_CATALOG: usize = 200;
/// Aimed-at size of a term shard's body, in bytes.
pub const TERM_SHARD_BYTES: usize = 6 * 1024;
/// Claim sentences kept per claim of the article.
pub const TOP_K: usize = 16;

/// Up to this many claim sentences in all, every one is a candidate for every claim: a small
/// corpus (the shipped one, a newsroom's few dozen documents) gets exactly the verdicts of a
/// full scan, and BM25's top [`TOP_K`] is for larger ones.
pub const FULL_SCAN_SENTENCES: usize = 1_000;

/// The most documents an index may hold (10,000 is what has been measured; this is far beyond,
/// and bounds what a damaged manifest can make the loader do).
pub const MAX_INDEX_DOCUMENTS: usize = 10_000_000;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// What the index holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Sentences (not page junk).
    pub sentences: usize,
    /// Sentences that state at least one claim (the units of retrieval).
    pub claim_sentences: usize,
    /// Claims.
    pub claims: usize,
    /// Mentions (numbers, dates, entities, quotes, …).
    pub mentions: usize,
    /// Distinct entities (by canonical name).
    pub entities: usize,
    /// Distinct terms in the retrieval index.
    pub terms: usize,
    /// Bytes of plain text.
    pub text_bytes: usize,
}

/// `manifest.json`: all a page needs before it fetches shards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`INDEX_FORMAT`].
    pub format: u32,
    /// The engine version that wrote it.
    pub engine_version: String,
    /// The corpus id.
    pub id: String,
    /// What it holds.
    pub counts: Counts,
    /// Mean number of distinct terms per claim sentence (BM25's average length).
    pub avg_terms: f64,
    /// Terms in more claim sentences than this have no postings.
    pub stop_df: usize,
    /// Documents per document shard.
    pub docs_per_shard: usize,
    /// Documents per catalog shard.
    pub docs_per_catalog: usize,
    /// Number of catalog shards.
    pub catalog_shards: usize,
    /// Number of document shards.
    pub doc_shards: usize,
    /// Number of term shards (a power of two).
    pub term_shards: usize,
}

/// A document as the corpus panel lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Its number in the corpus (file-name order).
    pub n: usize,
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Sentences.
    pub sentences: usize,
    /// Claims.
    pub claims: usize,
    /// Mentions.
    pub mentions: usize,
    /// Distinct entities.
    pub entities: usize,
    /// Bytes of text.
    pub bytes: usize,
}

/// A document as a document shard stores it: short keys, defaults left out, and the claims
/// without their sentence terms, which are stored once per claim sentence.
#[derive(Serialize, Deserialize)]
struct StoredDoc {
    #[serde(flatten)]
    meta: DocMeta,
    text: String,
    sentences: Vec<(usize, usize)>,
    claims: Vec<StoredClaim>,
    terms: Vec<Terms>,
    mentions: usize,
    entities: Vec<Entity>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A claim as a document shard stores it (see [`Claim`] for the fields).
#[derive(Serialize, Deserialize)]
struct StoredClaim {
    /// sentence, start, end, anchor start, anchor end
    s: [usize; 5],
    v: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    j: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    l: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    q: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    n: bool,
    w: f64,
}

/// A term's document frequency and postings: `[doc delta, claim sentence in doc, terms in it]…`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Posting(usize, Vec<u32>);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct TermShard {
    terms: BTreeMap<String, Posting>,
    /// Surface form (lower-case) → canonical names (lower-case).
    aliases: BTreeMap<String, Vec<String>>,
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    corpus: String,
    shard: String,
    sha256: String,
}

/// Shard names a check (or the panel) needs and that are not loaded yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs(pub Vec<String>);

/// FNV-1a: the term's bucket. Stable across builds and platforms.
fn bucket(term: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    (h as usize) & (shards.max(1) - 1)
}

/// The retrieval keys of a claim's value.
pub fn value_keys(v: &Value) -> Vec<String> {
    let magnitude = |a: &crate::extract::Amount| {
        let x = a.value.abs();
        if x >= 1.0 {
            x.log10().floor() as i64
        } else {
            0
        }
    };
    match v {
        Value::Number(a) => vec![format!("#num:count:{}", magnitude(a))],
        Value::Quantity(a, unit) => vec![
            format!("#count:{unit}"),
            format!("#num:count:{}", magnitude(a)),
        ],
        Value::Money(a, cur) => vec![
            format!("#money:{cur}"),
            format!("#num:money:{}", magnitude(a)),
        ],
        Value::Percent(a) => vec![format!("#num:percent:{}", (a.value / 10.0).floor() as i64)],
        Value::Ordinal(_, noun) if !noun.is_empty() => vec![format!("#rank:{noun}")],
        Value::Ordinal(..) => vec!["#rank".into()],
        Value::Date(d) => vec![format!("#date:{}", d.iso.get(..4).unwrap_or(&d.iso))],
        Value::Duration(..) => vec!["#duration".into()],
        Value::Quote { .. } => vec!["#quote".into()],
        Value::Entity { .. } => Vec::new(),
    }
}

/// The kind of a value, for subject keys: `#count:store`, `#money:USD`, `#date`, ….
fn kind_key(v: &Value) -> Option<String> {
    Some(match v {
        Value::Number(_) => "#num".into(),
        Value::Quantity(_, unit) => format!("#count:{unit}"),
        Value::Money(_, cur) => format!("#money:{cur}"),
        Value::Percent(_) => "#percent".into(),
        Value::Ordinal(_, noun) => format!("#rank:{noun}"),
        Value::Date(_) => "#date".into(),
        Value::Duration(..) => "#duration".into(),
        Value::Quote { .. } => "#quote".into(),
        Value::Entity { .. } => return None,
    })
}

/// The key of "this subject, this kind of value" (`@kazakhstan#count:company`): rare, so it
/// finds the sentences that state the same attribute of the same subject among many alike.
pub fn subject_key(subject: &str, v: &Value) -> Option<String> {
    kind_key(v).map(|k| format!("@{}{k}", subject.to_lowercase()))
}

/// A quote's content words as keys (`#q:peace`): a quote may run past the sentence that holds it.
fn quote_keys(v: &Value) -> Vec<String> {
    match v {
        Value::Quote { quote, .. } => quote
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter_map(crate::claims::normalize)
            .map(|w| format!("#q:{w}"))
            .collect(),
        _ => Vec::new(),
    }
}

/// Terms under which a claim sentence is indexed.
fn sentence_keys(terms: &[String], claims: &[&Claim]) -> Vec<String> {
    let mut keys: Vec<String> = terms.to_vec();
    for c in claims {
        keys.extend(value_keys(&c.value));
        keys.extend(quote_keys(&c.value));
        if let Some(k) = c.subject.as_deref().and_then(|s| subject_key(s, &c.value)) {
            keys.push(k);
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

fn shard_name(kind: &str, id: &str, n: usize) -> String {
    format!("{kind}-{}-{n}.json", &id[..12.min(id.len())])
}

/// One compiled corpus's index, with whatever of its shards are loaded.
#[derive(Debug, Clone)]
pub struct Part {
    /// The manifest.
    pub manifest: Manifest,
    catalogs: BTreeMap<usize, Vec<CatalogEntry>>,
    docs: BTreeMap<usize, Vec<Document>>,
    terms: BTreeMap<usize, TermShard>,
}

struct Bodies {
    catalogs: Vec<Vec<CatalogEntry>>,
    docs: Vec<Vec<StoredDoc>>,
    terms: Vec<TermShard>,
}

impl Part {
    /// Builds the index of compiled documents (in the order given: file-name order), all loaded.
    pub fn build(documents: Vec<Document>) -> Part {
        let mut counts = Counts {
            documents: documents.len(),
            ..Counts::default()
        };
        // Terms: document frequency and postings over claim sentences.
        let mut postings: BTreeMap<String, (usize, Vec<u32>, usize)> = BTreeMap::new();
        let mut aliases: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut entity_names = BTreeSet::new();
        let mut total_len = 0usize;
        for (di, d) in documents.iter().enumerate() {
            counts.sentences += d.sentences.len();
            counts.claims += d.claims.len();
            counts.mentions += d.mentions;
            counts.text_bytes += d.text.len();
            for e in &d.entities {
                entity_names.insert(e.name.clone());
                for a in &e.aliases {
                    aliases
                        .entry(a.clone())
                        .or_default()
                        .insert(e.name.to_lowercase());
                }
            }
            for (k, (terms, claims)) in group_claims(d).into_iter().enumerate() {
                counts.claim_sentences += 1;
                let keys = sentence_keys(terms, &claims);
                total_len += keys.len();
                let len = keys.len().min(u16::MAX as usize) as u32;
                for t in keys {
                    let p = postings.entry(t).or_insert((0, Vec::new(), 0));
                    p.0 += 1;
                    p.1.extend([(di - p.2) as u32, k as u32, len]);
                    p.2 = di;
                }
            }
        }
        counts.entities = entity_names.len();
        counts.terms = postings.len();
        let stop_df = (counts.claim_sentences / 100).max(64);
        let avg_terms = if counts.claim_sentences == 0 {
            1.0
        } else {
            ((total_len as f64 / counts.claim_sentences as f64) * 1000.0).round() / 1000.0
        };
        // Term shards: a power of two, about TERM_SHARD_BYTES each.
        let term_bytes: usize = postings
            .iter()
            .map(|(t, p)| t.len() + 8 + if p.0 > stop_df { 0 } else { p.1.len() * 3 })
            .sum();
        let term_shards = (term_bytes / TERM_SHARD_BYTES).max(1).next_power_of_two();
        let mut terms: Vec<TermShard> = vec![TermShard::default(); term_shards];
        for (t, (df, list, _)) in postings {
            let list = if df > stop_df { Vec::new() } else { list };
            terms[bucket(&t, term_shards)]
                .terms
                .insert(t, Posting(df, list));
        }
        for (a, names) in aliases {
            terms[bucket(&a, term_shards)]
                .aliases
                .insert(a, names.into_iter().collect());
        }
        let catalog: Vec<CatalogEntry> = documents
            .iter()
            .enumerate()
            .map(|(n, d)| CatalogEntry {
                n,
                meta: d.meta.clone(),
                sentences: d.sentences.len(),
                claims: d.claims.len(),
                mentions: d.mentions,
                entities: d.entities.len(),
                bytes: d.text.len(),
            })
            .collect();
        let catalogs: Vec<Vec<CatalogEntry>> = catalog
            .chunks(DOCS_PER_CATALOG)
            .map(<[CatalogEntry]>::to_vec)
            .collect();
        let docs: Vec<Vec<Document>> = {
            let mut out = Vec::new();
            let mut it = documents.into_iter().peekable();
            while it.peek().is_some() {
                out.push(it.by_ref().take(DOCS_PER_SHARD).collect::<Vec<_>>());
            }
            out
        };
        let mut manifest = Manifest {
            format: INDEX_FORMAT,
            engine_version: crate::VERSION.to_string(),
            id: String::new(),
            counts,
            avg_terms,
            stop_df,
            docs_per_shard: DOCS_PER_SHARD,
            docs_per_catalog: DOCS_PER_CATALOG,
            catalog_shards: catalogs.len(),
            doc_shards: docs.len(),
            term_shards,
        };
        let mut part = Part {
            manifest: manifest.clone(),
            catalogs: catalogs.into_iter().enumerate().collect(),
            docs: docs.into_iter().enumerate().collect(),
            terms: terms.into_iter().enumerate().collect(),
        };
        let mut hasher = Sha256::new();
        for (_, body) in part.bodies() {
            hasher.update(Sha256::digest(body.as_bytes()));
        }
        manifest.id = hex(&hasher.finalize());
        part.manifest = manifest;
        part
    }

    /// The shard bodies in shard order: (kind and number, body text).
    fn bodies(&self) -> Vec<((&'static str, usize), String)> {
        let b = self.stored_bodies();
        let mut out = Vec::new();
        for (n, c) in b.catalogs.iter().enumerate() {
            out.push((("catalog", n), serde_json::to_string(c).unwrap_or_default()));
        }
        for (n, d) in b.docs.iter().enumerate() {
            out.push((("docs", n), serde_json::to_string(d).unwrap_or_default()));
        }
        for (n, t) in b.terms.iter().enumerate() {
            out.push((("terms", n), serde_json::to_string(t).unwrap_or_default()));
        }
        out
    }

    fn stored_bodies(&self) -> Bodies {
        Bodies {
            catalogs: self.catalogs.values().cloned().collect(),
            docs: self
                .docs
                .values()
                .map(|ds| ds.iter().map(store).collect())
                .collect(),
            terms: self.terms.values().cloned().collect(),
        }
    }

    /// The written index: `manifest.json` and the shards (all must be loaded).
    pub fn to_files(&self) -> super::Index {
        let id = &self.manifest.id;
        let shards = self
            .bodies()
            .into_iter()
            .map(|((kind, n), body)| {
                let name = shard_name(kind, id, n);
                let header = Header {
                    format: INDEX_FORMAT,
                    corpus: id.clone(),
                    shard: name.clone(),
                    sha256: hex(&Sha256::digest(body.as_bytes())),
                };
                let text = format!(
                    "{}\n{body}\n",
                    serde_json::to_string(&header).unwrap_or_default()
                );
                (name, text)
            })
            .collect();
        super::Index {
            manifest: serde_json::to_string_pretty(&self.manifest).unwrap_or_default() + "\n",
            shards,
        }
    }

    /// Every shard name of this index, in shard order.
    pub fn shard_names(&self) -> Vec<String> {
        let m = &self.manifest;
        let mut out = Vec::new();
        for (kind, count) in [
            ("catalog", m.catalog_shards),
            ("docs", m.doc_shards),
            ("terms", m.term_shards),
        ] {
            out.extend((0..count).map(|n| shard_name(kind, &m.id, n)));
        }
        out
    }

    /// Parses a manifest, checking its format and engine version; no shard is loaded.
    pub fn from_manifest(text: &str) -> Result<Part, CorpusError> {
        let m = read_manifest(text)?;
        Ok(Part {
            manifest: m,
            catalogs: BTreeMap::new(),
            docs: BTreeMap::new(),
            terms: BTreeMap::new(),
        })
    }

    /// Whether a shard of this name belongs to this index.
    pub fn owns(&self, name: &str) -> bool {
        self.parse_name(name).is_some()
    }

    fn parse_name(&self, name: &str) -> Option<(&'static str, usize)> {
        let rest = name.strip_suffix(".json")?;
        let (kind, rest) = rest.split_once('-')?;
        let (id, n) = rest.split_once('-')?;
        if id != &self.manifest.id[..12.min(self.manifest.id.len())] {
            return None;
        }
        let n: usize = n.parse().ok()?;
        let m = &self.manifest;
        match kind {
            "catalog" if n < m.catalog_shards => Some(("catalog", n)),
            "docs" if n < m.doc_shards => Some(("docs", n)),
            "terms" if n < m.term_shards => Some(("terms", n)),
            _ => None,
        }
    }

    /// Loads one shard's text. A shard of another index, a truncated or altered one is refused
    /// with a message naming it.
    pub fn add_shard(&mut self, name: &str, text: &str) -> Result<(), CorpusError> {
        let rebuild = "rebuild the index with `corroborate index` (or `npm run build`)";
        let Some((kind, n)) = self.parse_name(name) else {
            return Err(CorpusError(format!(
                "corpus shard {name} is not part of corpus {} (a mixed or partial upload?); {rebuild}",
                short(&self.manifest.id)
            )));
        };
        let bad = |why: String| {
            CorpusError(format!(
                "corpus shard {name} is corrupt or truncated ({why}); {rebuild}"
            ))
        };
        let (head, body) = text
            .split_once('\n')
            .ok_or_else(|| bad("no header line".into()))?;
        let header: Header = serde_json::from_str(head).map_err(|e| bad(format!("header: {e}")))?;
        if header.format != INDEX_FORMAT {
            return Err(CorpusError(format!("corpus shard {name} has format {} but this engine reads format {INDEX_FORMAT}; {rebuild}", header.format)));
        }
        if header.corpus != self.manifest.id || header.shard != name {
            return Err(CorpusError(format!(
                "corpus shard {name} belongs to another build (corpus {}, shard {}); {rebuild}",
                short(&header.corpus),
                header.shard
            )));
        }
        let body = body.strip_suffix('\n').unwrap_or(body);
        if hex(&Sha256::digest(body.as_bytes())) != header.sha256 {
            return Err(bad("its content does not match its checksum".into()));
        }
        let parse_err = |e: serde_json::Error| bad(e.to_string());
        match kind {
            "catalog" => {
                let c: Vec<CatalogEntry> = serde_json::from_str(body).map_err(parse_err)?;
                self.catalogs.insert(n, c);
            }
            "docs" => {
                let stored: Vec<StoredDoc> = serde_json::from_str(body).map_err(parse_err)?;
                let mut docs = Vec::with_capacity(stored.len());
                for s in stored {
                    docs.push(restore(s).map_err(&bad)?);
                }
                self.docs.insert(n, docs);
            }
            _ => {
                let t: TermShard = serde_json::from_str(body).map_err(parse_err)?;
                self.terms.insert(n, t);
            }
        }
        Ok(())
    }

    /// Whether the shard is loaded.
    pub fn is_loaded(&self, name: &str) -> bool {
        match self.parse_name(name) {
            Some(("catalog", n)) => self.catalogs.contains_key(&n),
            Some(("docs", n)) => self.docs.contains_key(&n),
            Some((_, n)) => self.terms.contains_key(&n),
            None => false,
        }
    }

    /// All documents of the loaded document shards, in order.
    pub fn loaded_documents(&self) -> Vec<Document> {
        self.docs.values().flatten().cloned().collect()
    }

    /// The documents (consumes the part; all document shards must be loaded).
    pub fn into_documents(self) -> Vec<Document> {
        self.docs.into_values().flatten().collect()
    }

    fn term_shard(&self, term: &str) -> Result<&TermShard, String> {
        let b = bucket(term, self.manifest.term_shards);
        self.terms
            .get(&b)
            .ok_or_else(|| shard_name("terms", &self.manifest.id, b))
    }

    /// A catalog page: the documents n*200 … (with their counts), or the shard to load.
    pub fn catalog(&self, page: usize) -> Result<&[CatalogEntry], Needs> {
        if page >= self.manifest.catalog_shards {
            return Ok(&[]);
        }
        self.catalogs
            .get(&page)
            .map(Vec::as_slice)
            .ok_or_else(|| Needs(vec![shard_name("catalog", &self.manifest.id, page)]))
    }

    /// Document number `n`, or the shard to load.
    pub fn document(&self, n: usize) -> Result<Option<&Document>, Needs> {
        if n >= self.manifest.counts.documents {
            return Ok(None);
        }
        let s = n / self.manifest.docs_per_shard.max(1);
        match self.docs.get(&s) {
            Some(d) => Ok(d.get(n % self.manifest.docs_per_shard.max(1))),
            None => Err(Needs(vec![shard_name("docs", &self.manifest.id, s)])),
        }
    }

    /// Finds a loaded catalog entry by document id.
    pub fn find(&self, id: &str) -> Option<&CatalogEntry> {
        self.catalogs.values().flatten().find(|e| e.meta.id == id)
    }
}

/// The first 12 characters of an id, for messages (an id read from a damaged shard may hold
/// any characters: cut at a character boundary).
fn short(id: &str) -> &str {
    let end = id.char_indices().nth(12).map_or(id.len(), |(i, _)| i);
    &id[..end]
}

/// Claims grouped by sentence: (the sentence's terms, its claims).
fn group_claims(d: &Document) -> Vec<(&[String], Vec<&Claim>)> {
    let mut out: Vec<(&[String], Vec<&Claim>)> = Vec::new();
    let mut last = usize::MAX;
    for c in &d.claims {
        if c.sentence != last || out.is_empty() {
            last = c.sentence;
            out.push((&c.terms, Vec::new()));
        }
        if let Some(g) = out.last_mut() {
            g.1.push(c);
        }
    }
    out
}

fn store(d: &Document) -> StoredDoc {
    let terms = claim_sentence_terms(d).into_iter().cloned().collect();
    StoredDoc {
        meta: d.meta.clone(),
        text: d.text.clone(),
        sentences: d.sentences.clone(),
        claims: d
            .claims
            .iter()
            .map(|c| StoredClaim {
                s: [c.sentence, c.start, c.end, c.anchor.0, c.anchor.1],
                v: c.value.clone(),
                j: c.subject.clone(),
                l: c.local.clone(),
                q: c.qualifiers.clone(),
                t: c.time.clone(),
                n: c.negated,
                w: c.checkworthiness,
            })
            .collect(),
        terms,
        mentions: d.mentions,
        entities: d.entities.clone(),
    }
}

fn restore(s: StoredDoc) -> Result<Document, String> {
    let mut claims: Vec<Claim> = s
        .claims
        .into_iter()
        .map(|c| Claim {
            sentence: c.s[0],
            start: c.s[1],
            end: c.s[2],
            anchor: (c.s[3], c.s[4]),
            value: c.v,
            subject: c.j,
            local: c.l,
            terms: Default::default(),
            qualifiers: c.q,
            time: c.t,
            negated: c.n,
            checkworthiness: c.w,
        })
        .collect();
    let mut k = 0usize;
    let mut last = usize::MAX;
    for c in &mut claims {
        if c.sentence != last {
            if last != usize::MAX {
                k += 1;
            }
            last = c.sentence;
        }
        c.terms = s
            .terms
            .get(k)
            .cloned()
            .ok_or_else(|| format!("document {} has claims without terms", s.meta.id))?;
    }
    let n = s.text.len();
    let ok = |a: usize, b: usize| {
        a <= b && b <= n && s.text.is_char_boundary(a) && s.text.is_char_boundary(b)
    };
    let bad_span = s.sentences.iter().any(|&(a, b)| !ok(a, b));
    let bad_claim = claims
        .iter()
        .any(|c| !ok(c.start, c.end) || !ok(c.anchor.0, c.anchor.1));
    if bad_span || bad_claim {
        return Err(format!("document {} has spans outside its text", s.meta.id));
    }
    Ok(Document {
        meta: s.meta,
        text: s.text,
        sentences: s.sentences,
        claims,
        mentions: s.mentions,
        entities: s.entities,
    })
}

/// Parses a manifest, checking its format and engine version.
pub fn read_manifest(text: &str) -> Result<Manifest, CorpusError> {
    let rebuild = "rebuild it with `corroborate index` (or `npm run build`)";
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        CorpusError(format!(
            "the corpus manifest is not valid (line {}, column {}: {e}); {rebuild}",
            e.line(),
            e.column()
        ))
    })?;
    let format = v.get("format").and_then(serde_json::Value::as_u64);
    if format != Some(INDEX_FORMAT as u64) {
        return Err(CorpusError(format!(
            "the corpus index has format {} but this engine reads format {INDEX_FORMAT}; {rebuild}",
            format.map_or("(none)".to_string(), |f| f.to_string())
        )));
    }
    let version = v.get("engine_version").and_then(serde_json::Value::as_str);
    if version != Some(crate::VERSION) {
        return Err(CorpusError(format!(
            "the corpus index was written by corroborate {} but this is {}; {rebuild}",
            version.unwrap_or("(unknown)"),
            crate::VERSION
        )));
    }
    let m: Manifest = serde_json::from_value(v)
        .map_err(|e| CorpusError(format!("the corpus manifest is not valid ({e}); {rebuild}")))?;
    if m.id.len() != 64 || !m.id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CorpusError(format!(
            "the corpus manifest's id {:?} is not a SHA-256; {rebuild}",
            m.id
        )));
    }
    // The shard counts follow from the document and term counts (as `Part::build` makes them):
    // a manifest that claims millions of shards must not make the loader list millions of names.
    let docs = m.counts.documents;
    let counts_agree = m.docs_per_shard > 0
        && m.docs_per_catalog > 0
        && docs <= MAX_INDEX_DOCUMENTS
        && m.doc_shards == docs.div_ceil(m.docs_per_shard)
        && m.catalog_shards == docs.div_ceil(m.docs_per_catalog)
        && m.term_shards <= m.counts.terms.max(1).next_power_of_two();
    if !counts_agree {
        return Err(CorpusError(format!(
            "the corpus manifest's shard counts do not agree with its document and term counts; {rebuild}"
        )));
    }
    if !m.term_shards.is_power_of_two() || m.docs_per_shard == 0 || m.docs_per_catalog == 0 {
        return Err(CorpusError(format!(
            "the corpus manifest's shard counts are not valid; {rebuild}"
        )));
    }
    Ok(m)
}

/// The corpus a check searches: the shipped index and (in the page) the user's documents.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    /// The parts; document ids must differ across parts.
    pub parts: Vec<Part>,
}

/// A candidate sentence: (part, document number, claim sentence in the document).
type Hit = (usize, usize, usize);

impl Searcher {
    /// A searcher over the given parts.
    pub fn new(parts: Vec<Part>) -> Searcher {
        Searcher { parts }
    }

    /// The combined corpus id: the one part's id, or the SHA-256 of the parts' ids.
    pub fn id(&self) -> String {
        let live: Vec<&Part> = self
            .parts
            .iter()
            .filter(|p| p.manifest.counts.documents > 0)
            .collect();
        match live.as_slice() {
            [] => self
                .parts
                .first()
                .map(|p| p.manifest.id.clone())
                .unwrap_or_default(),
            [one] => one.manifest.id.clone(),
            many => {
                let joined: Vec<&str> = many.iter().map(|p| p.manifest.id.as_str()).collect();
                hex(&Sha256::digest(joined.join("+").as_bytes()))
            }
        }
    }

    /// Documents in all parts.
    pub fn document_count(&self) -> usize {
        self.parts.iter().map(|p| p.manifest.counts.documents).sum()
    }

    /// Loads a shard into the part it belongs to.
    pub fn add_shard(&mut self, name: &str, text: &str) -> Result<(), CorpusError> {
        match self.parts.iter_mut().find(|p| p.owns(name)) {
            Some(p) => p.add_shard(name, text),
            None => Err(CorpusError(format!(
                "corpus shard {name} is not part of this corpus (a mixed or partial upload?); rebuild the index with `corroborate index`"
            ))),
        }
    }

    /// Document frequency over all parts, or the shards that hold it.
    fn df(&self, term: &str, needs: &mut BTreeSet<String>) -> usize {
        let mut df = 0;
        for p in &self.parts {
            if p.manifest.counts.documents == 0 {
                continue;
            }
            match p.term_shard(term) {
                Ok(s) => df += s.terms.get(term).map_or(0, |x| x.0),
                Err(name) => {
                    needs.insert(name);
                }
            }
        }
        df
    }

    /// The corpus a check of these claims needs: the documents holding the best-matching claim
    /// sentences for each claim, with the whole corpus's IDFs. Or the shards still to load.
    pub fn prepare(&self, claims: &[Claim]) -> Result<Retrieved, Needs> {
        let mut needs = BTreeSet::new();
        // The query of each claim: its sentence's terms, its clause's terms, its value's keys.
        let mut queries: Vec<Vec<String>> = Vec::new();
        for c in claims {
            let mut q: Vec<String> = c.terms.iter().chain(&c.local).cloned().collect();
            q.extend(value_keys(&c.value));
            q.extend(quote_keys(&c.value));
            if let Some(k) = c.subject.as_deref().and_then(|s| subject_key(s, &c.value)) {
                q.push(k);
            }
            q.sort();
            q.dedup();
            queries.push(q);
        }
        let all: BTreeSet<&String> = queries.iter().flatten().collect();
        for t in &all {
            self.df(t, &mut needs);
        }
        if !needs.is_empty() {
            return Err(Needs(needs.into_iter().collect()));
        }
        // Entity aliases: a name the corpus uses for an entity it calls otherwise.
        let mut expansions: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &all {
            for p in self
                .parts
                .iter()
                .filter(|p| p.manifest.counts.documents > 0)
            {
                if let Ok(s) = p.term_shard(t) {
                    if let Some(names) = s.aliases.get(t.as_str()) {
                        expansions
                            .entry((*t).clone())
                            .or_default()
                            .extend(names.iter().cloned());
                    }
                }
            }
        }
        for (q, c) in queries.iter_mut().zip(claims) {
            let mut extra: Vec<String> = q
                .iter()
                .filter_map(|t| expansions.get(t))
                .flatten()
                .cloned()
                .collect();
            if let Some(subject) = &c.subject {
                let names = expansions
                    .get(&subject.to_lowercase())
                    .into_iter()
                    .flatten();
                extra.extend(names.filter_map(|n| subject_key(n, &c.value)));
            }
            q.extend(extra);
            q.sort();
            q.dedup();
        }
        for t in expansions.values().flatten() {
            self.df(t, &mut needs);
        }
        if !needs.is_empty() {
            return Err(Needs(needs.into_iter().collect()));
        }
        // BM25 over claim sentences, across parts.
        let n_total: usize = self
            .parts
            .iter()
            .map(|p| p.manifest.counts.claim_sentences)
            .sum();
        let mut hits: BTreeSet<Hit> = BTreeSet::new();
        let mut per_query: Vec<Vec<Hit>> = Vec::with_capacity(queries.len());
        let mut scores: std::collections::HashMap<Hit, f64> = std::collections::HashMap::new();
        let mut ranked: Vec<(Hit, f64)> = Vec::new();
        let mut idf_cache: BTreeMap<&str, f64> = BTreeMap::new();
        for q in &queries {
            scores.clear();
            for t in q {
                let idf = *idf_cache.entry(t.as_str()).or_insert_with(|| {
                    let df = self.df(t, &mut BTreeSet::new()) as f64;
                    (1.0 + (n_total as f64 - df + 0.5) / (df + 0.5)).ln()
                });
                for (pi, p) in self.parts.iter().enumerate() {
                    if p.manifest.counts.documents == 0 {
                        continue;
                    }
                    let Ok(s) = p.term_shard(t) else { continue };
                    let Some(Posting(_, list)) = s.terms.get(t.as_str()) else {
                        continue;
                    };
                    let avg = p.manifest.avg_terms.max(1.0);
                    let mut doc = 0usize;
                    for ch in list.chunks_exact(3) {
                        doc += ch[0] as usize;
                        let len = ch[2] as f64;
                        let w = idf * (K1 + 1.0) / (1.0 + K1 * (1.0 - B + B * len / avg));
                        *scores.entry((pi, doc, ch[1] as usize)).or_insert(0.0) += w;
                    }
                }
            }
            ranked.clear();
            // Sorted right below: the order of the map does not reach the output.
            #[allow(clippy::iter_over_hash_type)]
            for (h, s) in &scores {
                ranked.push((*h, *s));
            }
            let k = TOP_K.min(ranked.len());
            if k == 0 {
                per_query.push(Vec::new());
                continue;
            }
            let cmp = |a: &(Hit, f64), b: &(Hit, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            ranked.select_nth_unstable_by(k - 1, cmp);
            let mut best: Vec<Hit> = ranked[..k].iter().map(|(h, _)| *h).collect();
            best.sort();
            hits.extend(best.iter().copied());
            per_query.push(best);
        }
        // The documents that hold them, each with only its candidate claims.
        let mut wanted: BTreeMap<(usize, usize), BTreeSet<usize>> = BTreeMap::new();
        for &(p, d, k) in &hits {
            wanted.entry((p, d)).or_default().insert(k);
        }
        // A small corpus: every claim sentence of every document, for every claim.
        let full_scan = n_total <= FULL_SCAN_SENTENCES;
        if full_scan {
            for (pi, p) in self.parts.iter().enumerate() {
                for d in 0..p.manifest.counts.documents {
                    wanted.entry((pi, d)).or_default();
                }
            }
        }
        let mut documents: Vec<Document> = Vec::new();
        // (part, doc, claim sentence) → claim indexes in the retrieved document.
        let mut where_: BTreeMap<Hit, (usize, Vec<usize>)> = BTreeMap::new();
        for (&(pi, d), ks) in &wanted {
            let doc = match self.parts[pi].document(d) {
                Ok(Some(doc)) => doc,
                Ok(None) => continue,
                Err(Needs(n)) => {
                    needs.extend(n);
                    continue;
                }
            };
            if !needs.is_empty() {
                continue;
            }
            let di = documents.len();
            let mut kept = Vec::new();
            for (k, (_, group)) in group_claims(doc).into_iter().enumerate() {
                if full_scan || ks.contains(&k) {
                    let first = kept.len();
                    kept.extend(group.into_iter().cloned());
                    where_.insert((pi, d, k), (di, (first..kept.len()).collect()));
                }
            }
            documents.push(Document {
                meta: doc.meta.clone(),
                text: doc.text.clone(),
                sentences: Vec::new(),
                claims: kept,
                mentions: doc.mentions,
                entities: Vec::new(),
            });
        }
        if !needs.is_empty() {
            return Err(Needs(needs.into_iter().collect()));
        }
        // IDF (reconciliation's) of every term either side weighs, over the whole corpus.
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        let weighed = claims
            .iter()
            .chain(documents.iter().flat_map(|d| d.claims.iter()))
            .flat_map(|c| c.terms.iter().chain(&c.local));
        for t in weighed {
            if !df.contains_key(t) {
                let f = self.df(t, &mut needs);
                df.insert(t.clone(), f);
            }
        }
        if !needs.is_empty() {
            return Err(Needs(needs.into_iter().collect()));
        }
        df.retain(|_, f| *f > 0);
        let mut queries_hits = per_query.into_iter();
        let candidates = claims
            .iter()
            .map(|_| {
                let mut out = Vec::new();
                if full_scan {
                    // Every kept claim, in document order.
                    for (di, d) in documents.iter().enumerate() {
                        out.extend((0..d.claims.len()).map(|ci| (di, ci)));
                    }
                    return out;
                }
                for h in queries_hits.next().unwrap_or_default() {
                    if let Some((di, cis)) = where_.get(&h) {
                        out.extend(cis.iter().map(|&ci| (*di, ci)));
                    }
                }
                out
            })
            .collect();
        Ok(Retrieved {
            corpus: Corpus::with_df(self.id(), documents, n_total, &df, self.document_count()),
            candidates,
        })
    }
}

/// What retrieval found for a check: the documents holding candidate claim sentences (with the
/// whole corpus's IDFs), and each claim's candidates.
#[derive(Debug, Clone)]
pub struct Retrieved {
    /// The documents that hold candidates, as a corpus (for reports: its id and document count
    /// are the whole corpus's).
    pub corpus: Corpus,
    /// For each claim of the article: (document in `corpus`, claim in the document).
    pub candidates: Vec<Vec<(usize, usize)>>,
}

impl Retrieved {
    /// Judges each claim against its own candidates only ([`crate::reconcile::judge`] on a
    /// corpus of just those claims), with evidence pointing into `self.corpus`.
    pub fn reconcile(&self, text: &str, claims: &[Claim]) -> Vec<crate::reconcile::Judgment> {
        claims
            .iter()
            .enumerate()
            .map(|(i, claim)| {
                let cands = self.candidates.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let mut docs: Vec<usize> = cands.iter().map(|&(d, _)| d).collect();
                docs.dedup();
                let view_docs: Vec<Document> = docs
                    .iter()
                    .map(|&d| {
                        let src = &self.corpus.documents[d];
                        Document {
                            meta: src.meta.clone(),
                            text: src.text.clone(),
                            sentences: Vec::new(),
                            claims: cands
                                .iter()
                                .filter(|&&(x, _)| x == d)
                                .map(|&(_, ci)| src.claims[ci].clone())
                                .collect(),
                            mentions: src.mentions,
                            entities: Vec::new(),
                        }
                    })
                    .collect();
                let view = self.corpus.view(view_docs);
                let mut j = crate::reconcile::judge(text, claim, &view);
                for e in &mut j.evidence {
                    e.document = docs[e.document];
                }
                j
            })
            .collect()
    }
}
