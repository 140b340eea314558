//! The compiled index: a small manifest plus shards fetched when a check needs them, and the
//! retrieval step that decides which.
//!
//! ```text
//! manifest.json                  format, engine version, corpus id, counts, shard counts (a few hundred bytes)
//! catalog-<id12>-<n>.bin         documents n*200 … : metadata and counts (for the corpus panel)
//! docs-<id12>-<n>.bin            documents n*DOCS_PER_SHARD … : metadata, text, where the claims
//!                                are (claim sentences, claims in each), a count and checksum of
//!                                the mentions
//! terms-<id12>-<n>.bin           terms whose hash falls in bucket n: document frequency, BM25
//!                                postings over claim sentences, entity aliases
//! ```
//!
//! Each shard is binary (format 6, [`super::codec`]): a header (the magic `CRBS`, the format,
//! the shard name, which holds the corpus id's first 12 hex digits, and the first 16 bytes of
//! the body's SHA-256) and the body: a table of the shard's distinct strings, then the records,
//! which refer to strings by number. A document stores its metadata, its text and where its
//! claims are; the rest is derived by the same core on loading (its sentences) or the first time
//! a check needs one of its claim sentences (its mentions, by extraction with the document's
//! date, checked against the stored count and checksum; that sentence's claims, checked against
//! the stored count): see `Slot`. Whole documents, with their entities, only for
//! [`Part::loaded_documents`]. The corpus id is the SHA-256 of the bodies' hashes in shard
//! order, so the same documents give the same bytes, the same names and the same id; a shard
//! from another build, a truncated one or a changed one is refused by name.
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

use super::codec::{Reader, Writer, R};
use super::{hex, Corpus, CorpusError, DocMeta, Document};
use crate::claims::Claim;
use crate::extract::{Mention, Value};
use crate::reconcile::prep;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// The index format this engine writes and reads.
pub const INDEX_FORMAT: u32 = 6;
/// Documents per document shard. Eight: gzip finds more of a document's phrasing in the others
/// of its shard (10,000 generated documents, format 6: the index is 34.3% of the raw text
/// gzipped with four, 30.5% with eight), while a check that needs one document fetches seven
/// more (a cold check of a 1,000-word article there: 2.9 MB gz with four, 3.5 MB with eight;
/// format 5 with four fetched 3.8 MB); loading the extra documents costs little, as their
/// mentions and claims are derived only when needed.
pub const DOCS_PER_SHARD: usize = 8;
/// Documents per catalog shard.
pub const DOCS_PER_CATALOG: usize = 200;
/// Aimed-at size of a term shard's body, in bytes (a check of a 1,000-word article needs most
/// of them at 1,000 documents; bigger ones compress better and are fewer to fetch).
pub const TERM_SHARD_BYTES: usize = 24 * 1024;
/// Claim sentences kept per claim of the article.
pub const TOP_K: usize = 16;

/// Up to this many claim sentences in all, every one is a candidate for every claim: a small
/// corpus (the shipped one, a newsroom's few dozen documents) gets exactly the verdicts of a
/// full scan, and BM25's top [`TOP_K`] is for larger ones.
pub const FULL_SCAN_SENTENCES: usize = 1_000;

/// The most documents an index may hold (10,000 is what has been measured; this is far beyond,
/// and bounds what a damaged manifest can make the loader do).
pub const MAX_INDEX_DOCUMENTS: usize = 10_000_000;

/// The most term shards an index may have (2^21: 48 GB of terms at [`TERM_SHARD_BYTES`]; an
/// index with more terms gets larger shards). Like [`MAX_INDEX_DOCUMENTS`], it bounds what a
/// damaged manifest can make the loader do: the term shards are not bounded by the documents.
pub const MAX_TERM_SHARDS: usize = 1 << 21;

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
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// A term's document frequency and postings: `[doc delta, claim sentence in doc, terms in it]…`.
#[derive(Debug, Clone, Default, PartialEq)]
struct Posting(usize, Vec<u32>);

/// A term shard: both lists sorted by their key, each key once (looked up by binary search;
/// written in that order).
#[derive(Debug, Clone, Default, PartialEq)]
struct TermShard {
    terms: Vec<(String, Posting)>,
    /// Surface form (lower-case) → canonical names (lower-case).
    aliases: Vec<(String, Vec<String>)>,
}

impl TermShard {
    fn posting(&self, term: &str) -> Option<&Posting> {
        find_sorted(&self.terms, term)
    }

    fn aliases_of(&self, term: &str) -> Option<&[String]> {
        find_sorted(&self.aliases, term).map(Vec::as_slice)
    }
}

/// The value of `key` in a list sorted by key.
fn find_sorted<'a, V>(list: &'a [(String, V)], key: &str) -> Option<&'a V> {
    let at = list.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
    Some(&list[at].1)
}

/// The loaded shards of one kind with their numbers, sorted by number. (Only the loaded ones:
/// a list as long as the highest number would let a manifest that claims 2^40 term shards make
/// a loader of one shard ask for terabytes.)
#[derive(Debug, Clone)]
struct Shards<T>(Vec<(usize, T)>);

impl<T> Shards<T> {
    fn get(&self, n: usize) -> Option<&T> {
        let at = self.0.binary_search_by_key(&n, |s| s.0).ok()?;
        Some(&self.0[at].1)
    }

    fn insert(&mut self, n: usize, shard: T) {
        match self.0.binary_search_by_key(&n, |s| s.0) {
            Ok(at) => self.0[at].1 = shard,
            Err(at) => self.0.insert(at, (n, shard)),
        }
    }

    /// The loaded shards in shard order, with their numbers.
    fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.0.iter().map(|(n, s)| (*n, s))
    }
}

/// The first bytes of every shard.
const MAGIC: &[u8; 4] = b"CRBS";

/// Bytes of a body's SHA-256 its shard's header keeps (128 bits: a damaged or altered body is
/// caught as surely as by all 32; the shard name names the corpus).
const SUM_BYTES: usize = 16;

/// Shard names a check (or the panel) needs and that are not loaded yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs(pub Vec<String>);

impl Needs {
    /// Names gathered in any order, with repeats: sorted, each once.
    fn of(mut names: Vec<String>) -> Needs {
        names.sort_unstable();
        names.dedup();
        Needs(names)
    }
}

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

/// Terms under which a claim sentence is indexed, sorted and unique, into `keys` (emptied first).
fn sentence_keys_into<'a>(
    terms: &'a crate::claims::Terms,
    claims: &[&Claim],
    keys: &mut Vec<Cow<'a, str>>,
) {
    keys.clear();
    keys.extend(terms.iter().map(Cow::Borrowed));
    for c in claims {
        keys.extend(value_keys(c.value()).into_iter().map(Cow::Owned));
        keys.extend(quote_keys(c.value()).into_iter().map(Cow::Owned));
        if let Some(k) = c.subject().and_then(|s| subject_key(s, c.value())) {
            keys.push(Cow::Owned(k));
        }
    }
    keys.sort_unstable();
    keys.dedup();
}

fn shard_name(kind: &str, id: &str, n: usize) -> String {
    format!("{kind}-{}-{n}.bin", &id[..12.min(id.len())])
}

/// A shard file: the magic bytes, the header (format, shard name), the first [`SUM_BYTES`] of
/// the body's SHA-256, the body.
fn shard_file(name: &str, body: &[u8]) -> Vec<u8> {
    let mut file = Vec::with_capacity(body.len() + 128);
    file.extend_from_slice(MAGIC);
    let mut head = Writer::new();
    head.uint(INDEX_FORMAT as u64);
    head.raw(name);
    file.extend_from_slice(&head.finish_plain());
    file.extend_from_slice(&Sha256::digest(body)[..SUM_BYTES]);
    file.extend_from_slice(body);
    file
}

/// A shard body: (kind, number) and its bytes.
type Body = ((&'static str, usize), Vec<u8>);

/// A term's postings while the index is built: document frequency, postings, last document.
type Building = (usize, Vec<u32>, usize);

/// One compiled corpus's index, with whatever of its shards are loaded.
#[derive(Debug, Clone)]
pub struct Part {
    /// The manifest.
    pub manifest: Manifest,
    catalogs: Shards<Vec<CatalogEntry>>,
    /// Loaded documents, shared with what a check retrieves (never copied for it).
    docs: Shards<Vec<Slot>>,
    terms: Shards<TermShard>,
}

impl Part {
    /// Builds the index of compiled documents (in the order given: file-name order), all loaded.
    pub fn build(documents: Vec<Document>) -> Part {
        Part::build_inner(documents, false).0
    }

    /// [`Part::build`] and the written index at once (each shard is encoded once).
    pub fn build_files(documents: Vec<Document>) -> (Part, super::Index) {
        let (part, bodies) = Part::build_inner(documents, true);
        let files = part.files_of(bodies);
        (part, files)
    }

    fn build_inner(documents: Vec<Document>, keep_bodies: bool) -> (Part, Vec<Body>) {
        let mut counts = Counts {
            documents: documents.len(),
            ..Counts::default()
        };
        // Terms: document frequency and postings over claim sentences (a key's slot by hash,
        // sorted by key below).
        let mut slot: std::collections::HashMap<Cow<'_, str>, usize> =
            std::collections::HashMap::new();
        let mut lists: Vec<Building> = Vec::new();
        // (alias, canonical name) pairs and entity names, sorted and made unique below.
        let mut aliases: Vec<(String, String)> = Vec::new();
        let mut entity_names: Vec<&str> = Vec::new();
        let mut total_len = 0usize;
        let mut keys: Vec<Cow<'_, str>> = Vec::new();
        for (di, d) in documents.iter().enumerate() {
            counts.sentences += d.sentences.len();
            counts.claims += d.claims.len();
            counts.mentions += d.mentions.len();
            counts.text_bytes += d.text.len();
            for e in &d.entities {
                entity_names.push(&e.name);
                for a in &e.aliases {
                    aliases.push((a.clone(), e.name.to_lowercase()));
                }
            }
            for (k, (terms, claims)) in group_claims(d).into_iter().enumerate() {
                counts.claim_sentences += 1;
                sentence_keys_into(terms, &claims, &mut keys);
                total_len += keys.len();
                let len = keys.len().min(u16::MAX as usize) as u32;
                for t in keys.drain(..) {
                    let i = match slot.get(t.as_ref()) {
                        Some(&i) => i,
                        None => {
                            lists.push((0, Vec::new(), 0));
                            slot.insert(t, lists.len() - 1);
                            lists.len() - 1
                        }
                    };
                    let p = &mut lists[i];
                    p.0 += 1;
                    p.1.extend([(di - p.2) as u32, k as u32, len]);
                    p.2 = di;
                }
            }
        }
        let mut postings: Vec<(String, Building)> = Vec::with_capacity(slot.len());
        // Sorted right below: the map's order does not reach the output.
        #[allow(clippy::iter_over_hash_type)]
        for (t, i) in slot {
            postings.push((t.into_owned(), std::mem::take(&mut lists[i])));
        }
        postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        entity_names.sort_unstable();
        entity_names.dedup();
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
        let term_shards = (term_bytes / TERM_SHARD_BYTES)
            .max(1)
            .next_power_of_two()
            .min(MAX_TERM_SHARDS);
        let mut terms: Vec<TermShard> = vec![TermShard::default(); term_shards];
        // In term order, so each shard's terms are sorted too.
        for (t, (df, list, _)) in postings {
            let list = if df > stop_df { Vec::new() } else { list };
            terms[bucket(&t, term_shards)]
                .terms
                .push((t, Posting(df, list)));
        }
        // Each alias's names together (an alias's pairs are adjacent once sorted), in order.
        aliases.sort_unstable();
        aliases.dedup();
        for (a, name) in aliases {
            let list = &mut terms[bucket(&a, term_shards)].aliases;
            match list.last_mut() {
                Some((last, names)) if *last == a => names.push(name),
                _ => list.push((a, vec![name])),
            }
        }
        let catalog: Vec<CatalogEntry> = documents
            .iter()
            .enumerate()
            .map(|(n, d)| CatalogEntry {
                n,
                meta: d.meta.clone(),
                sentences: d.sentences.len(),
                claims: d.claims.len(),
                mentions: d.mentions.len(),
                entities: d.entities.len(),
                bytes: d.text.len(),
            })
            .collect();
        let catalogs: Vec<Vec<CatalogEntry>> = catalog
            .chunks(DOCS_PER_CATALOG)
            .map(<[CatalogEntry]>::to_vec)
            .collect();
        let docs: Vec<Vec<Slot>> = {
            let mut out = Vec::new();
            let local = local_flags(&documents);
            let mut it = documents
                .into_iter()
                .zip(local)
                .map(|(d, l)| Slot::of(Arc::new(d), l))
                .peekable();
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
            catalogs: Shards(catalogs.into_iter().enumerate().collect()),
            docs: Shards(docs.into_iter().enumerate().collect()),
            terms: Shards(terms.into_iter().enumerate().collect()),
        };
        let bodies = part.bodies();
        let mut hasher = Sha256::new();
        for (_, body) in &bodies {
            hasher.update(Sha256::digest(body));
        }
        manifest.id = hex(&hasher.finalize());
        part.manifest = manifest;
        (part, if keep_bodies { bodies } else { Vec::new() })
    }

    /// The shard bodies in shard order: (kind and number, body bytes).
    fn bodies(&self) -> Vec<Body> {
        let mut out = Vec::new();
        for (n, c) in self.catalogs.iter() {
            out.push((("catalog", n), encode_catalog(c)));
        }
        for (n, d) in self.docs.iter() {
            out.push((("docs", n), encode_docs(d)));
        }
        for (n, t) in self.terms.iter() {
            out.push((("terms", n), encode_terms(t)));
        }
        out
    }

    /// The written index: `manifest.json` and the shards (all must be loaded).
    pub fn to_files(&self) -> super::Index {
        self.files_of(self.bodies())
    }

    fn files_of(&self, bodies: Vec<Body>) -> super::Index {
        let id = &self.manifest.id;
        let shards = bodies
            .into_iter()
            .map(|((kind, n), body)| {
                let name = shard_name(kind, id, n);
                let file = shard_file(&name, &body);
                (name, file)
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
            catalogs: Shards(Vec::new()),
            docs: Shards(Vec::new()),
            terms: Shards(Vec::new()),
        })
    }

    /// Whether a shard of this name belongs to this index.
    pub fn owns(&self, name: &str) -> bool {
        self.parse_name(name).is_some()
    }

    fn parse_name(&self, name: &str) -> Option<(&'static str, usize)> {
        let rest = name.strip_suffix(".bin")?;
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

    /// Loads one shard's bytes. A shard of another index, a truncated or altered one is
    /// refused with a message naming it.
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), CorpusError> {
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
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            let why = if bytes.starts_with(b"{") {
                format!("it is text, as an index of an older format; this engine reads format {INDEX_FORMAT}")
            } else if bytes.is_empty() {
                "it is empty".to_string()
            } else {
                "it does not start as a corroborate shard".to_string()
            };
            return Err(bad(why));
        };
        // The header: format, shard name (which names the corpus by its id's first 12 hex
        // digits), the first SUM_BYTES bytes of the body's SHA-256.
        let (format, shard, used) = (|| -> R<(u64, String, usize)> {
            let mut r = Reader::plain(&rest[..rest.len().min(512)]);
            let format = r.uint()?;
            let shard = r.bytes()?;
            Ok((
                format,
                String::from_utf8_lossy(shard).into_owned(),
                r.position(),
            ))
        })()
        .map_err(|e| bad(format!("header: {e}")))?;
        if format != INDEX_FORMAT as u64 {
            return Err(CorpusError(format!("corpus shard {name} has format {format} but this engine reads format {INDEX_FORMAT}; {rebuild}")));
        }
        if shard != name {
            let corpus = shard.split('-').nth(1).unwrap_or("");
            return Err(CorpusError(format!(
                "corpus shard {name} belongs to another build (corpus {}, shard {}); {rebuild}",
                short(corpus),
                short_name(&shard)
            )));
        }
        let rest = &rest[used..];
        if rest.len() < SUM_BYTES {
            return Err(bad("its header breaks off".into()));
        }
        let (sum, body) = rest.split_at(SUM_BYTES);
        if &Sha256::digest(body)[..SUM_BYTES] != sum {
            return Err(bad("its content does not match its checksum".into()));
        }
        match kind {
            "catalog" => {
                let c = decode_catalog(body).map_err(bad)?;
                self.catalogs.insert(n, c);
            }
            "docs" => {
                // Its documents' claims are derived as checks first need them (see `Slot`); a
                // shard whose lazily derived claims did not stand on its stored mentions is
                // asked for again by the check, and refused here, naming the problem.
                let failed = self.docs.get(n).and_then(|slots| {
                    slots
                        .iter()
                        .find_map(|s| s.lazy.as_ref().and_then(|l| l.failed.get()))
                });
                if let Some(why) = failed {
                    return Err(bad(why.clone()));
                }
                self.docs.insert(n, read_docs(body).map_err(bad)?);
            }
            _ => {
                let t = decode_terms(body).map_err(bad)?;
                self.terms.insert(n, t);
            }
        }
        Ok(())
    }

    /// Whether the shard is loaded.
    pub fn is_loaded(&self, name: &str) -> bool {
        match self.parse_name(name) {
            Some(("catalog", n)) => self.catalogs.get(n).is_some(),
            Some(("docs", n)) => self.docs.get(n).is_some(),
            Some((_, n)) => self.terms.get(n).is_some(),
            None => false,
        }
    }

    /// All documents of the loaded document shards, in order, whole: the claims of every
    /// sentence derived and checked against the stored ones (a document whose claims are not
    /// the ones this engine finds in its text is refused, naming its shard).
    pub fn loaded_documents(&self) -> Result<Vec<Document>, CorpusError> {
        let mut out = Vec::new();
        for (n, slots) in self.docs.iter() {
            for s in slots {
                out.push(s.whole().map_err(|e| {
                    CorpusError(format!(
                        "corpus shard {} is corrupt ({e}); rebuild the index with `corroborate index` (or `npm run build`)",
                        shard_name("docs", &self.manifest.id, n)
                    ))
                })?);
            }
        }
        Ok(out)
    }

    /// The documents (consumes a part built from documents, [`Part::build`]).
    pub fn into_documents(self) -> Vec<Document> {
        self.docs
            .0
            .into_iter()
            .flat_map(|(_, slots)| slots)
            .map(|s| Arc::try_unwrap(s.doc).unwrap_or_else(|d| (*d).clone()))
            .collect()
    }

    fn term_shard(&self, term: &str) -> Result<&TermShard, String> {
        let b = bucket(term, self.manifest.term_shards);
        self.terms
            .get(b)
            .ok_or_else(|| shard_name("terms", &self.manifest.id, b))
    }

    /// A catalog page: the documents n*200 … (with their counts), or the shard to load.
    pub fn catalog(&self, page: usize) -> Result<&[CatalogEntry], Needs> {
        if page >= self.manifest.catalog_shards {
            return Ok(&[]);
        }
        self.catalogs
            .get(page)
            .map(Vec::as_slice)
            .ok_or_else(|| Needs(vec![shard_name("catalog", &self.manifest.id, page)]))
    }

    /// Document number `n`, or the shard to load. Of a document loaded from a shard, its
    /// metadata and text (what the corpus panel shows); of a built part, everything.
    pub fn document(&self, n: usize) -> Result<Option<&Document>, Needs> {
        self.slot(n).map(|d| d.map(|d| &*d.doc))
    }

    /// [`Part::document`], as the loaded document itself (shared, not copied).
    fn slot(&self, n: usize) -> Result<Option<&Slot>, Needs> {
        if n >= self.manifest.counts.documents {
            return Ok(None);
        }
        let s = n / self.manifest.docs_per_shard.max(1);
        match self.docs.get(s) {
            Some(d) => Ok(d.get(n % self.manifest.docs_per_shard.max(1))),
            None => Err(Needs(vec![shard_name("docs", &self.manifest.id, s)])),
        }
    }

    /// Finds a loaded catalog entry by document id.
    pub fn find(&self, id: &str) -> Option<&CatalogEntry> {
        self.catalogs
            .iter()
            .flat_map(|(_, c)| c)
            .find(|e| e.meta.id == id)
    }
}

/// The first 12 characters of an id, for messages (an id read from a damaged shard may hold
/// any characters: cut at a character boundary).
fn short(id: &str) -> &str {
    let end = id.char_indices().nth(12).map_or(id.len(), |(i, _)| i);
    &id[..end]
}

/// A shard name read from a damaged shard, cut for messages.
fn short_name(name: &str) -> &str {
    let end = name.char_indices().nth(80).map_or(name.len(), |(i, _)| i);
    &name[..end]
}

/// Claims grouped by sentence (claims come in sentence order), as slices.
fn claim_groups(claims: &[Claim]) -> impl Iterator<Item = &[Claim]> {
    claims.chunk_by(|a, b| a.sentence == b.sentence)
}

/// Claims grouped by sentence: (the sentence's terms, its claims).
fn group_claims(d: &Document) -> Vec<(&crate::claims::Terms, Vec<&Claim>)> {
    let mut out: Vec<(&crate::claims::Terms, Vec<&Claim>)> = Vec::new();
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

fn put_meta(w: &mut Writer, m: &DocMeta) {
    w.str(&m.id);
    w.str(&m.title);
    w.str(&m.source);
    w.opt_str(m.url.as_deref());
    w.opt_str(m.author.as_deref());
    w.str(&m.published);
}

fn get_meta(r: &mut Reader) -> R<DocMeta> {
    Ok(DocMeta {
        id: r.string()?,
        title: r.string()?,
        source: r.string()?,
        url: r.opt_str()?,
        author: r.opt_str()?,
        published: r.string()?,
    })
}

fn encode_catalog(entries: &[CatalogEntry]) -> Vec<u8> {
    let mut w = Writer::new();
    w.uint(entries.len() as u64);
    let mut prev = 0;
    for e in entries {
        w.delta(prev, e.n);
        prev = e.n;
        put_meta(&mut w, &e.meta);
        for x in [e.sentences, e.claims, e.mentions, e.entities, e.bytes] {
            w.uint(x as u64);
        }
    }
    w.finish()
}

fn decode_catalog(body: &[u8]) -> R<Vec<CatalogEntry>> {
    let mut r = Reader::new(body)?;
    let n = r.count()?;
    let mut out = Vec::with_capacity(n);
    let mut prev = 0;
    for _ in 0..n {
        let at = r.delta(prev)?;
        prev = at;
        out.push(CatalogEntry {
            n: at,
            meta: get_meta(&mut r)?,
            sentences: r.usize()?,
            claims: r.usize()?,
            mentions: r.usize()?,
            entities: r.usize()?,
            bytes: r.usize()?,
        });
    }
    r.done()?;
    Ok(out)
}

/// A document shard stores, per document: its metadata, its text, and where its claims are
/// (each claim sentence's number among the text's sentences and how many claims it makes),
/// with a count and a checksum of its mentions. Everything else is derived by the same core
/// that compiled it, which is cheaper than fetching it: the sentences by splitting the text on
/// loading ([`crate::segment::split`]); the mentions by extraction
/// ([`crate::extract::extract`], with the document's date) the first time a check needs one of
/// the document's claim sentences; a claim sentence's claims by [`crate::claims::claims`] over
/// that sentence and its mentions; and the entities from the entity mentions. What is derived
/// must agree with what is stored (the mentions' count and checksum, each claim sentence's
/// number of claims), or the shard is refused, naming the document.
fn encode_docs(docs: &[Slot]) -> Vec<u8> {
    let mut w = Writer::new();
    w.uint(docs.len() as u64);
    for slot in docs {
        let d = &*slot.doc;
        w.to(0);
        put_meta(&mut w, &d.meta);
        w.uint(d.mentions.len() as u64);
        w.uint(u64::from(mention_sum(&d.mentions)));
        let groups: Vec<&[Claim]> = claim_groups(&d.claims).collect();
        w.uint(u64::from(slot.local));
        w.uint(groups.len() as u64);
        w.to(1);
        w.raw(&d.text);
        // Claim sentences: the sentence (after the one before), and its number of claims.
        let mut next = 0usize;
        for g in groups {
            let i = g[0].sentence;
            w.to(2);
            w.uint(i.wrapping_sub(next) as u64);
            next = i + 1;
            w.to(3);
            w.uint(g.len() as u64 - 1);
        }
    }
    w.finish()
}

/// Whether each claim sentence's mentions are what extraction finds in that sentence read
/// alone (most are; a name resolved from another sentence, or a quote's speaker named before
/// it, are not): a check then extracts only the sentences it needs.
fn is_local(d: &Document) -> bool {
    let all = crate::segment::split(&d.text);
    let today = crate::parse_date(&d.meta.published);
    claim_groups(&d.claims).all(|g| {
        let i = g[0].sentence;
        let lo = d.mentions.partition_point(|m| m.sentence < i);
        let hi = d.mentions.partition_point(|m| m.sentence <= i);
        i < all.len() && sentence_mentions(&d.text, &all, i, today) == d.mentions[lo..hi]
    })
}

/// [`is_local`] of each document; natively on every core (the result does not depend on how
/// many).
fn local_flags(documents: &[Document]) -> Vec<bool> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        if threads > 1 && documents.len() >= 64 {
            let chunk = documents.len().div_ceil(threads.min(16));
            return std::thread::scope(|s| {
                let handles: Vec<_> = documents
                    .chunks(chunk)
                    .map(|c| s.spawn(move || c.iter().map(is_local).collect::<Vec<bool>>()))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
        }
    }
    documents.iter().map(is_local).collect()
}

/// The mentions extraction finds in sentence `i` of `text` read alone (every other sentence
/// left out, as junk is): with the document's date, and numbered as in the whole text.
fn sentence_mentions(
    text: &str,
    sentences: &[crate::segment::Sentence],
    i: usize,
    today: Option<i32>,
) -> Vec<Mention> {
    // The text up to the sentence's end, and the sentences up to it, the others as junk.
    let alone: Vec<crate::segment::Sentence> = sentences
        .iter()
        .take(i.saturating_add(1))
        .enumerate()
        .map(|(j, s)| crate::segment::Sentence {
            junk: s.junk || j != i,
            ..*s
        })
        .collect();
    let end = sentences.get(i).map_or(text.len(), |s| s.end);
    let mut ms = crate::extract::extract(&text[..end], &alone, crate::extract::Context { today });
    ms.retain(|m| m.sentence == i);
    ms
}

/// A checksum of a document's mentions (spans, sentences and kinds; FNV-1a): what loading
/// compares the derived mentions with.
fn mention_sum(mentions: &[Mention]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |x: u32| {
        for b in x.to_le_bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    };
    for m in mentions {
        eat(m.start as u32);
        eat(m.end as u32);
        eat(m.sentence as u32);
        eat(m.value.kind().len() as u32 ^ (u32::from(m.value.kind().as_bytes()[0]) << 8));
    }
    h
}

/// A document of a part and its claims, by claim sentence. Of a built part, the whole
/// document. Of a shard, what the shard stores (metadata, text, where the claims are) and the
/// sentences: the mentions are extracted the first time a check needs one of the document's
/// claim sentences, and the claims of a claim sentence are derived the first time a check
/// needs them ([`Slot::group`]), by [`crate::claims::claims`] on that sentence and its mentions
/// (a sentence's claims depend on nothing else). A cold check derives the few sentences BM25
/// picks instead of every sentence of every document it loads.
#[derive(Debug, Clone)]
struct Slot {
    /// The document; loaded from a shard: its metadata and text only (the rest is in `lazy`).
    doc: Arc<Document>,
    /// The first claim of each claim sentence, then the number of claims.
    starts: Vec<usize>,
    /// Loaded from a shard: what its claims are derived from.
    lazy: Option<Arc<Lazy>>,
    /// Whether its claim sentences' mentions are those of each sentence read alone.
    local: bool,
}

#[derive(Debug)]
struct Lazy {
    /// Every sentence (junk too), as `segment::split` gives them and mentions count them.
    sentences: Vec<crate::segment::Sentence>,
    /// The document's date (for relative dates), as compiling read it.
    today: Option<i32>,
    /// Whether each claim sentence's mentions are those of the sentence read alone.
    local: bool,
    /// The stored count and checksum of the mentions.
    mention_count: usize,
    mention_sum: u32,
    /// The mentions, once extracted (none if they were refused).
    mentions: std::sync::OnceLock<Vec<Mention>>,
    /// Each claim sentence's sentence.
    claim_sentences: Vec<usize>,
    /// Each claim sentence's claims, once derived.
    claims: Vec<std::sync::OnceLock<Vec<Claim>>>,
    /// Why derived mentions or claims were refused (the first one).
    failed: std::sync::OnceLock<String>,
}

impl Slot {
    /// A whole document (of a built part).
    #[cfg(test)]
    fn full(doc: impl Into<Arc<Document>>) -> Slot {
        let doc = doc.into();
        let local = is_local(&doc);
        Slot::of(doc, local)
    }

    /// A whole document, with [`is_local`] of it.
    fn of(doc: Arc<Document>, local: bool) -> Slot {
        let mut starts = vec![0];
        for g in claim_groups(&doc.claims) {
            starts.push(starts[starts.len() - 1] + g.len());
        }
        Slot {
            doc,
            starts,
            lazy: None,
            local,
        }
    }

    /// Claim sentences.
    fn groups(&self) -> usize {
        self.starts.len() - 1
    }

    /// Claims.
    fn claim_count(&self) -> usize {
        self.starts[self.starts.len() - 1]
    }

    /// The claims of claim sentence `k` (none past the last), derived if they were not yet.
    fn group(&self, k: usize) -> &[Claim] {
        let Some(&[a, b]) = self.starts.get(k..k + 2) else {
            return &[];
        };
        match &self.lazy {
            None => self.doc.claims.get(a..b).unwrap_or(&[]),
            Some(l) => l.claims[k].get_or_init(|| l.derive(&self.doc, k, a..b)),
        }
    }

    /// Claim `ci` of the document (in the order of all its claims).
    fn claim(&self, ci: usize) -> Option<&Claim> {
        let k = self.starts.partition_point(|&s| s <= ci).checked_sub(1)?;
        self.group(k).get(ci - self.starts[k])
    }

    /// Whether a derivation was refused (the shard is then asked for again and refused).
    fn failed(&self) -> bool {
        self.lazy.as_ref().is_some_and(|l| l.failed.get().is_some())
    }

    /// The whole document: its mentions and every sentence's claims derived at once and checked.
    fn whole(&self) -> R<Document> {
        let Some(l) = &self.lazy else {
            return Ok((*self.doc).clone());
        };
        let d = &self.doc;
        let mentions = l.mentions(d);
        if let Some(why) = l.failed.get() {
            return Err(why.clone());
        }
        let claims = crate::claims::claims(&d.text, &l.sentences, mentions);
        let mut starts = vec![0];
        let mut at = Vec::new();
        for g in claim_groups(&claims) {
            starts.push(starts[starts.len() - 1] + g.len());
            at.push(g[0].sentence);
        }
        if starts != self.starts || at != l.claim_sentences {
            return Err(l.refuse(d));
        }
        Ok(Document {
            meta: d.meta.clone(),
            text: d.text.clone(),
            sentences: l
                .sentences
                .iter()
                .filter(|s| !s.junk)
                .map(|s| (s.start, s.end))
                .collect(),
            claims,
            mentions: mentions.to_vec(),
            entities: super::entities_of(&d.text, mentions),
        })
    }
}

impl Lazy {
    /// Notes (once) and returns why the document is refused.
    fn refuse(&self, doc: &Document) -> String {
        let why = format!(
            "document {}'s claims are not the ones this engine finds in its text",
            doc.meta.id
        );
        self.failed.get_or_init(|| why).clone()
    }

    /// The document's mentions, extracted the first time (none, and `failed` set, if they are
    /// not the ones compiling found).
    fn mentions(&self, doc: &Document) -> &[Mention] {
        self.mentions.get_or_init(|| {
            let ms = crate::extract::extract(
                &doc.text,
                &self.sentences,
                crate::extract::Context { today: self.today },
            );
            if ms.len() == self.mention_count && mention_sum(&ms) == self.mention_sum {
                ms
            } else {
                self.refuse(doc);
                Vec::new()
            }
        })
    }

    /// The claims of claim sentence `k`, whose claims are `range`, or none if they are not the
    /// stored ones (`failed` then says so).
    fn derive(&self, doc: &Document, k: usize, range: std::ops::Range<usize>) -> Vec<Claim> {
        let i = self.claim_sentences[k];
        let ms: Vec<Mention> = if self.local {
            sentence_mentions(&doc.text, &self.sentences, i, self.today)
        } else {
            let mentions = self.mentions(doc);
            if self.failed.get().is_some() {
                return Vec::new();
            }
            let lo = mentions.partition_point(|m| m.sentence < i);
            let hi = mentions.partition_point(|m| m.sentence <= i);
            mentions[lo..hi].to_vec()
        };
        let ms: Vec<Mention> = ms
            .into_iter()
            .map(|m| Mention { sentence: 0, ..m })
            .collect();
        let mut claims =
            crate::claims::claims(&doc.text, std::slice::from_ref(&self.sentences[i]), &ms);
        for c in &mut claims {
            c.sentence = i;
        }
        if claims.len() == range.len() {
            claims
        } else {
            self.refuse(doc);
            Vec::new()
        }
    }
}

/// Every document of a shard, whole (see [`Slot::whole`]).
#[cfg(test)]
fn decode_docs(body: &[u8]) -> R<Vec<Document>> {
    read_docs(body)?.iter().map(Slot::whole).collect()
}

/// A document shard's documents, their mentions and claims to be derived as checks need them
/// ([`Slot`]).
fn read_docs(body: &[u8]) -> R<Vec<Slot>> {
    let mut r = Reader::new(body)?;
    let n = r.count()?;
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        r.from(0);
        let meta = get_meta(&mut r)?;
        let mention_count = r.usize()?;
        let mention_sum =
            u32::try_from(r.uint()?).map_err(|_| "a mention checksum is out of range")?;
        let local = match r.uint()? {
            0 => false,
            1 => true,
            x => return Err(format!("document {} has an unknown flag {x}", meta.id)),
        };
        let groups = r.count()?;
        r.from(1);
        let text = r.bytes()?;
        let text = String::from_utf8(text.to_vec())
            .map_err(|_| format!("document {} has text that is not UTF-8", meta.id))?;
        let all = crate::segment::split(&text);
        let mut claim_sentences = Vec::with_capacity(groups);
        let mut starts = Vec::with_capacity(groups + 1);
        starts.push(0usize);
        let mut next = 0usize;
        for _ in 0..groups {
            r.from(2);
            let i = next.saturating_add(r.usize()?);
            if !all.get(i).is_some_and(|s| !s.junk) {
                return Err(format!(
                    "document {} has a claim sentence outside its text",
                    meta.id
                ));
            }
            next = i + 1;
            claim_sentences.push(i);
            r.from(3);
            let c = r.usize()?.saturating_add(1);
            if c > crate::claims::MAX_CLAIMS_PER_SENTENCE {
                return Err(format!(
                    "document {} has too many claims in a sentence",
                    meta.id
                ));
            }
            starts.push(starts[starts.len() - 1] + c);
        }
        let today = crate::parse_date(&meta.published);
        docs.push(Slot {
            doc: Arc::new(Document {
                meta,
                text,
                sentences: Vec::new(),
                claims: Vec::new(),
                mentions: Vec::new(),
                entities: Vec::new(),
            }),
            starts,
            local,
            lazy: Some(Arc::new(Lazy {
                sentences: all,
                today,
                local,
                mention_count,
                mention_sum,
                mentions: std::sync::OnceLock::new(),
                claims: (0..groups).map(|_| std::sync::OnceLock::new()).collect(),
                claim_sentences,
                failed: std::sync::OnceLock::new(),
            })),
        });
    }
    r.done()?;
    Ok(docs)
}

fn put_front_coded(w: &mut Writer, prev: &str, s: &str) {
    let shared = prev
        .bytes()
        .zip(s.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    w.uint(shared as u64);
    w.uint((s.len() - shared) as u64);
    for &b in &s.as_bytes()[shared..] {
        w.byte(b);
    }
}

fn get_front_coded(r: &mut Reader, prev: &str) -> R<String> {
    let shared = r.usize()?;
    let head = prev
        .as_bytes()
        .get(..shared)
        .ok_or("a term shares more than the one before it has")?;
    let tail = r.bytes()?;
    let mut v = Vec::with_capacity(shared + tail.len());
    v.extend_from_slice(head);
    v.extend_from_slice(tail);
    String::from_utf8(v).map_err(|_| "a term is not UTF-8".to_string())
}

fn encode_terms(t: &TermShard) -> Vec<u8> {
    let mut w = Writer::new();
    w.uint(t.terms.len() as u64);
    let mut prev = "";
    for (term, Posting(df, list)) in &t.terms {
        w.to(1);
        put_front_coded(&mut w, prev, term);
        prev = term;
        w.to(2);
        w.uint(*df as u64);
        w.uint((list.len() / 3) as u64);
        // Postings by column: document deltas, claim sentences (after the one before in the
        // same document), lengths.
        for col in 0..3 {
            w.to(3 + col);
            let mut prev = 0u32;
            for (i, ch) in list.chunks_exact(3).enumerate() {
                let x = match col {
                    1 if ch[0] == 0 && i > 0 => ch[1].wrapping_sub(prev).wrapping_sub(1),
                    _ => ch[col],
                };
                prev = ch[1];
                w.uint(x as u64);
            }
        }
    }
    w.to(0);
    w.uint(t.aliases.len() as u64);
    let mut prev = "";
    w.to(6);
    for (a, names) in &t.aliases {
        put_front_coded(&mut w, prev, a);
        prev = a;
        w.strs(names);
    }
    w.finish()
}

fn decode_terms(body: &[u8]) -> R<TermShard> {
    let mut r = Reader::new(body)?;
    let mut out = TermShard::default();
    let n = r.count()?;
    let mut prev = String::new();
    for _ in 0..n {
        r.from(1);
        let term = get_front_coded(&mut r, &prev)?;
        r.from(2);
        let df = r.usize()?;
        let k = r.count()?;
        let mut list = vec![0u32; k * 3];
        for col in 0..3 {
            r.from(3 + col);
            let mut prev = 0u32;
            for i in 0..k {
                let x = u32::try_from(r.uint()?).map_err(|_| "a posting is out of range")?;
                list[i * 3 + col] = match col {
                    1 if list[i * 3] == 0 && i > 0 => prev
                        .checked_add(1)
                        .and_then(|p| p.checked_add(x))
                        .ok_or("a posting is out of range")?,
                    _ => x,
                };
                prev = list[i * 3 + 1];
            }
        }
        prev.clone_from(&term);
        if out.terms.last().is_some_and(|(last, _)| *last >= term) {
            return Err("its terms are not in order".into());
        }
        out.terms.push((term, Posting(df, list)));
    }
    r.from(0);
    let n = r.count()?;
    r.from(6);
    let mut prev = String::new();
    for _ in 0..n {
        let a = get_front_coded(&mut r, &prev)?;
        let names = r.strs()?;
        prev.clone_from(&a);
        if out.aliases.last().is_some_and(|(last, _)| *last >= a) {
            return Err("its aliases are not in order".into());
        }
        out.aliases.push((a, names));
    }
    r.done()?;
    Ok(out)
}

/// A manifest from its JSON value, field by field (what serde's derive reads: unknown fields are
/// ignored, every field must be there with its type).
#[cfg(any(target_arch = "wasm32", test))]
fn manifest_of(v: &serde_json::Value) -> Result<Manifest, String> {
    fn field<'a>(v: &'a serde_json::Value, key: &str) -> Result<&'a serde_json::Value, String> {
        v.get(key).ok_or_else(|| format!("missing field `{key}`"))
    }
    fn int(v: &serde_json::Value, key: &str) -> Result<usize, String> {
        field(v, key)?
            .as_u64()
            .and_then(|x| usize::try_from(x).ok())
            .ok_or_else(|| format!("field `{key}` is not a whole number"))
    }
    fn text(v: &serde_json::Value, key: &str) -> Result<String, String> {
        field(v, key)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("field `{key}` is not a string"))
    }
    if !v.is_object() {
        return Err("it is not an object".into());
    }
    let c = field(v, "counts")?;
    if !c.is_object() {
        return Err("field `counts` is not an object".into());
    }
    Ok(Manifest {
        format: u32::try_from(int(v, "format")?)
            .map_err(|_| "field `format` is out of range".to_string())?,
        engine_version: text(v, "engine_version")?,
        id: text(v, "id")?,
        counts: Counts {
            documents: int(c, "documents")?,
            sentences: int(c, "sentences")?,
            claim_sentences: int(c, "claim_sentences")?,
            claims: int(c, "claims")?,
            mentions: int(c, "mentions")?,
            entities: int(c, "entities")?,
            terms: int(c, "terms")?,
            text_bytes: int(c, "text_bytes")?,
        },
        avg_terms: field(v, "avg_terms")?
            .as_f64()
            .ok_or_else(|| "field `avg_terms` is not a number".to_string())?,
        stop_df: int(v, "stop_df")?,
        docs_per_shard: int(v, "docs_per_shard")?,
        docs_per_catalog: int(v, "docs_per_catalog")?,
        catalog_shards: int(v, "catalog_shards")?,
        doc_shards: int(v, "doc_shards")?,
        term_shards: int(v, "term_shards")?,
    })
}

/// Parses a manifest, checking its format and engine version.
pub fn read_manifest(text: &str) -> Result<Manifest, CorpusError> {
    let rebuild = "rebuild it with `corroborate index` (or `npm run build`)";
    let v: serde_json::Value = crate::json::parse(text).map_err(|e| {
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
    // In the wasm, read field by field: serde's deserializer (and serde_json's error texts) stay
    // out of the page (issue 7's size budget). Natively serde's, so the CLI's messages do not change.
    #[cfg(target_arch = "wasm32")]
    let m = manifest_of(&v);
    #[cfg(not(target_arch = "wasm32"))]
    let m: Result<Manifest, String> = serde_json::from_value(v).map_err(|e| e.to_string());
    let m =
        m.map_err(|e| CorpusError(format!("the corpus manifest is not valid ({e}); {rebuild}")))?;
    if m.id.len() != 64 || !m.id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CorpusError(format!(
            "the corpus manifest's id {} is not a SHA-256; {rebuild}",
            crate::quoted(&m.id)
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
        && m.term_shards <= m.counts.terms.max(1).next_power_of_two()
        && m.term_shards <= MAX_TERM_SHARDS;
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
    /// Corpus claims prepared by earlier checks (shared by clones; checked against the parts).
    cache: Arc<Mutex<PrepCache>>,
}

/// A candidate sentence: (part, document number, claim sentence in the document).
type Hit = (usize, usize, usize);

use super::FastHash;

impl Searcher {
    /// A searcher over the given parts.
    pub fn new(parts: Vec<Part>) -> Searcher {
        Searcher {
            parts,
            cache: Arc::default(),
        }
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

    /// Loads a shard into the part it belongs to (a document shard's claims are derived as
    /// checks need them, see `Slot`).
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), CorpusError> {
        match self.parts.iter_mut().find(|p| p.owns(name)) {
            Some(p) => p.add_shard(name, bytes),
            None => Err(CorpusError(format!(
                "corpus shard {name} is not part of this corpus (a mixed or partial upload?); rebuild the index with `corroborate index`"
            ))),
        }
    }

    /// Document frequency over all parts, or the shards that hold it (added to `needs`).
    fn df(&self, term: &str, needs: &mut Vec<String>) -> usize {
        let mut df = 0;
        for p in &self.parts {
            if p.manifest.counts.documents == 0 {
                continue;
            }
            match p.term_shard(term) {
                Ok(s) => df += s.posting(term).map_or(0, |x| x.0),
                Err(name) => needs.push(name),
            }
        }
        df
    }

    /// The corpus a check of these claims needs: the documents holding the best-matching claim
    /// sentences for each claim, with the whole corpus's IDFs. Or the shards still to load.
    pub fn prepare(&self, claims: &[Claim]) -> Result<Retrieved, Needs> {
        // Shards to load, with repeats (`Needs::of` sorts them).
        let mut needs: Vec<String> = Vec::new();
        let n_total: usize = self
            .parts
            .iter()
            .map(|p| p.manifest.counts.claim_sentences)
            .sum();
        // A small corpus: every claim sentence of every document, for every claim (no ranking):
        // no query is needed, only the terms (whose shards must be loaded, for their aliases).
        let full_scan = n_total <= FULL_SCAN_SENTENCES;
        // The query of each claim: its sentence's terms, its clause's terms, its value's keys.
        let value = |c: &Claim| {
            let mut q: Vec<String> = value_keys(c.value());
            q.extend(quote_keys(c.value()));
            if let Some(k) = c.subject().and_then(|s| subject_key(s, c.value())) {
                q.push(k);
            }
            q
        };
        let mut queries: Vec<Vec<Cow<str>>> = Vec::new();
        let mut owned: Vec<String> = Vec::new();
        let mut all: Vec<&str> = Vec::new();
        if full_scan {
            // Every term once, in no order (what follows does not depend on it); claims of a
            // sentence share its terms, taken once.
            for c in claims {
                owned.extend(value(c));
            }
            type Seen<'a> = std::collections::HashMap<&'a str, usize, FastHash>;
            fn add<'a>(
                seen: &mut Seen<'a>,
                all: &mut Vec<&'a str>,
                ts: impl Iterator<Item = &'a str>,
            ) {
                for t in ts {
                    if seen.insert(t, 0).is_none() {
                        all.push(t);
                    }
                }
            }
            let mut seen = Seen::default();
            let mut last = std::ptr::null();
            for c in claims {
                if c.terms.as_ptr() != last {
                    last = c.terms.as_ptr();
                    add(&mut seen, &mut all, c.terms.iter());
                }
                add(&mut seen, &mut all, c.local());
            }
            add(&mut seen, &mut all, owned.iter().map(String::as_str));
        } else {
            for c in claims {
                let mut q: Vec<Cow<str>> =
                    c.terms.iter().chain(c.local()).map(Cow::Borrowed).collect();
                q.extend(value(c).into_iter().map(Cow::Owned));
                q.sort_unstable();
                q.dedup();
                queries.push(q);
            }
            all = queries.iter().flatten().map(|t| t.as_ref()).collect();
            all.sort_unstable();
            all.dedup();
        }
        // Entity aliases: a name the corpus uses for an entity it calls otherwise. The shards
        // of every term must be loaded first. (Each term of `all` once; sorted by term below,
        // for lookups.)
        let mut expansions: Vec<(String, Vec<String>)> = Vec::new();
        for &t in &all {
            let mut names: Vec<String> = Vec::new();
            for p in self
                .parts
                .iter()
                .filter(|p| p.manifest.counts.documents > 0)
            {
                match p.term_shard(t) {
                    Ok(s) => names.extend(s.aliases_of(t).into_iter().flatten().cloned()),
                    Err(name) => needs.push(name),
                }
            }
            if !names.is_empty() {
                expansions.push((t.to_string(), names));
            }
        }
        expansions.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let expansion = |t: &str| find_sorted(&expansions, t);
        if !needs.is_empty() {
            return Err(Needs::of(needs));
        }
        for (q, c) in queries.iter_mut().zip(claims) {
            if expansions.is_empty() {
                continue;
            }
            let mut extra: Vec<Cow<str>> = q
                .iter()
                .filter_map(|t| expansion(t))
                .flatten()
                .map(|n| Cow::Owned(n.clone()))
                .collect();
            if let Some(subject) = c.subject() {
                let names = expansion(&subject.to_lowercase()).into_iter().flatten();
                extra.extend(names.filter_map(|n| subject_key(n, c.value()).map(Cow::Owned)));
            }
            if extra.is_empty() {
                continue;
            }
            q.extend(extra);
            q.sort_unstable();
            q.dedup();
        }
        for t in expansions.iter().flat_map(|e| &e.1) {
            self.df(t, &mut needs);
        }
        if !needs.is_empty() {
            return Err(Needs::of(needs));
        }
        // BM25 over claim sentences, across parts.
        // Every query's best (sorted and made unique below).
        let mut hits: Vec<Hit> = Vec::new();
        let mut per_query: Vec<Vec<Hit>> = Vec::with_capacity(queries.len());
        // Each term's postings with their BM25 weights, worked out once for all the queries
        // (claims of one sentence share most terms), each candidate sentence by a dense slot:
        // a document's claim sentences get consecutive slots, from the document's first slot
        // (no hashing per posting). A query adds the same weights in the same order as term by
        // term, so the scores are the very same numbers.
        let mut weighted_at: std::collections::HashMap<&str, usize, FastHash> =
            std::collections::HashMap::default();
        // Each distinct query term with its IDF, in order of first use.
        let mut terms: Vec<(&str, f64)> = Vec::new();
        // Per part, per document: one more than its last claim sentence any query term names.
        let mut span: Vec<Vec<u32>> = self
            .parts
            .iter()
            .map(|p| vec![0; p.manifest.counts.documents])
            .collect();
        let mut n_postings = 0usize;
        // The term shard of a term in part `p` (its postings are read twice: for the spans
        // first, then weighted; no list of them is built in between).
        fn shard_of<'p>(p: &'p Part, t: &str) -> Option<&'p TermShard> {
            (p.manifest.counts.documents > 0)
                .then(|| p.term_shard(t).ok())
                .flatten()
        }
        for t in queries.iter().flatten() {
            if weighted_at.contains_key(t.as_ref()) {
                continue;
            }
            let df = self.df(t, &mut Vec::new()) as f64;
            let idf = (1.0 + (n_total as f64 - df + 0.5) / (df + 0.5)).ln();
            for (pi, p) in self.parts.iter().enumerate() {
                let Some(s) = shard_of(p, t) else { continue };
                let Some(Posting(_, list)) = s.posting(t) else {
                    continue;
                };
                let mut doc = 0usize;
                n_postings += list.len() / 3;
                for ch in list.chunks_exact(3) {
                    doc += ch[0] as usize;
                    // A damaged shard may name a document the manifest does not count.
                    if let Some(end) = span[pi].get_mut(doc) {
                        *end = (*end).max(ch[1].saturating_add(1));
                    }
                }
            }
            weighted_at.insert(t.as_ref(), terms.len());
            terms.push((t.as_ref(), idf));
        }
        // Slots: each document's claim sentences, documents in order; within a budget linear in
        // the postings (a damaged shard may name sentence 4 billion), past it by a hash. A dense
        // slot's (part, document) is found from the documents' first slots, so slots compare
        // as their candidate sentences do.
        let mut dense = 0usize;
        let mut owners: Vec<(usize, usize, usize)> = Vec::new();
        let mut budget = 8 * n_postings + 1024;
        let mut first_slot: Vec<Vec<u32>> = Vec::with_capacity(span.len());
        for (pi, ends) in span.iter().enumerate() {
            let mut firsts = vec![u32::MAX; ends.len()];
            for (doc, &end) in ends.iter().enumerate() {
                let end = end as usize;
                if end > 0 && end <= budget {
                    budget -= end;
                    firsts[doc] = dense as u32;
                    owners.push((dense, pi, doc));
                    dense += end;
                }
            }
            first_slot.push(firsts);
        }
        let mut sparse: std::collections::HashMap<Hit, u32, FastHash> =
            std::collections::HashMap::default();
        let mut sparse_hits: Vec<Hit> = Vec::new();
        // Each term's postings as (slot, BM25 weight), parts in order.
        let weighted: Vec<Vec<(u32, f64)>> = terms
            .iter()
            .map(|&(t, idf)| {
                let mut out: Vec<(u32, f64)> = Vec::new();
                for (pi, p) in self.parts.iter().enumerate() {
                    let Some(s) = shard_of(p, t) else { continue };
                    let Some(Posting(_, list)) = s.posting(t) else {
                        continue;
                    };
                    let avg = p.manifest.avg_terms.max(1.0);
                    let mut doc = 0usize;
                    out.reserve(list.len() / 3);
                    for ch in list.chunks_exact(3) {
                        doc += ch[0] as usize;
                        let Some(&first) = first_slot[pi].get(doc) else {
                            continue;
                        };
                        let len = ch[2] as f64;
                        let w = idf * (K1 + 1.0) / (1.0 + K1 * (1.0 - B + B * len / avg));
                        let k = ch[1] as usize;
                        let slot = match first {
                            u32::MAX => *sparse.entry((pi, doc, k)).or_insert_with(|| {
                                sparse_hits.push((pi, doc, k));
                                (dense + sparse_hits.len() - 1) as u32
                            }),
                            first => first + k as u32,
                        };
                        out.push((slot, w));
                    }
                }
                out
            })
            .collect();
        let hit_at = |slot: u32| -> Hit {
            let s = slot as usize;
            match s.checked_sub(dense) {
                Some(i) => sparse_hits[i],
                None => {
                    let (first, pi, doc) = owners[owners.partition_point(|o| o.0 <= s) - 1];
                    (pi, doc, s - first)
                }
            }
        };
        let slots = dense + sparse_hits.len();
        let mut top: Vec<(u32, f64)> = Vec::with_capacity(TOP_K + 1);
        // Scratch kept by the searcher (clean after each query: no page to zero again).
        let mut scratch =
            std::mem::take(&mut self.cache.lock().unwrap_or_else(|e| e.into_inner()).scratch);
        let (acc, seen) = &mut scratch;
        if acc.len() < slots {
            acc.resize(slots, 0.0);
            seen.resize(slots, false);
        }
        let mut touched: Vec<u32> = Vec::new();
        for q in &queries {
            for t in q {
                let list = weighted_at
                    .get(t.as_ref())
                    .map_or(&[][..], |&i| &weighted[i]);
                for &(slot, w) in list {
                    let i = slot as usize;
                    if !seen[i] {
                        seen[i] = true;
                        acc[i] = 0.0;
                        touched.push(slot);
                    }
                    acc[i] += w;
                }
            }
            // The best TOP_K (higher score first, then the earlier sentence), kept in order as
            // the touched sentences go by: most fall short of the last kept one at once.
            let cmp = |a: &(u32, f64), b: &(u32, f64)| {
                b.1.total_cmp(&a.1).then_with(|| {
                    if sparse_hits.is_empty() {
                        a.0.cmp(&b.0)
                    } else {
                        hit_at(a.0).cmp(&hit_at(b.0))
                    }
                })
            };
            top.clear();
            for &slot in &touched {
                let i = slot as usize;
                seen[i] = false;
                let x = (slot, acc[i]);
                if top.len() == TOP_K {
                    // Most fall short of the last kept one by their score alone.
                    if x.1 < top[TOP_K - 1].1
                        || cmp(&x, &top[TOP_K - 1]) != std::cmp::Ordering::Less
                    {
                        continue;
                    }
                    top.pop();
                }
                let at = top.partition_point(|y| cmp(y, &x) == std::cmp::Ordering::Less);
                top.insert(at, x);
            }
            touched.clear();
            let mut best: Vec<Hit> = top.iter().map(|&(s, _)| hit_at(s)).collect();
            best.sort();
            hits.extend(best.iter().copied());
            per_query.push(best);
        }
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).scratch = scratch;
        hits.sort_unstable();
        hits.dedup();
        // The documents that hold them, in order, each with only its candidate claims (in
        // order); a full scan takes every document whole (and has no queries, so no hits).
        let mut wanted: Vec<((usize, usize), Vec<usize>)> = Vec::new();
        if full_scan {
            for (pi, p) in self.parts.iter().enumerate() {
                wanted.extend((0..p.manifest.counts.documents).map(|d| ((pi, d), Vec::new())));
            }
        }
        for &(p, d, k) in &hits {
            match wanted.last_mut() {
                Some((doc, ks)) if *doc == (p, d) => ks.push(k),
                _ => wanted.push(((p, d), vec![k])),
            }
        }
        // What earlier checks kept: each document's claim sentences as claim ranges, the corpus
        // claims prepared, the IDFs looked up (all only for these very parts).
        let key: Vec<(String, usize)> = self
            .parts
            .iter()
            .map(|p| (p.manifest.id.clone(), p.manifest.counts.claim_sentences))
            .collect();
        let mut guard = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let cache = &mut *guard;
        if cache.key != key || cache.vocab.len() > PREP_CACHE_STRINGS {
            *cache = PrepCache::new(key);
        }
        // The documents the report cites (their metadata and text), and the loaded documents
        // whose claims the candidates name: both share the loaded ones, nothing is copied.
        let mut documents: Vec<Arc<Document>> = Vec::new();
        let mut sources: Vec<Slot> = Vec::new();
        let mut origin: Vec<(usize, usize)> = Vec::new();
        // The claims of the candidate sentences, per retrieved document (claim ranges).
        let mut kept: Vec<Vec<std::ops::Range<usize>>> = Vec::new();
        // (part, doc, claim sentence) → claim indexes in the retrieved document; made in
        // order, each once (as `wanted` is), so sorted for lookups.
        let mut where_: Vec<(Hit, (usize, std::ops::Range<usize>))> = Vec::new();
        for ((pi, d), ks) in &wanted {
            let (pi, d) = (*pi, *d);
            let doc = match self.parts[pi].slot(d) {
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
            // The candidate claim sentences' claims, derived now if they were not yet.
            let ks: Vec<usize> = if full_scan {
                (0..doc.groups()).collect()
            } else {
                ks.iter().copied().filter(|&k| k < doc.groups()).collect()
            };
            let mut ranges = Vec::with_capacity(ks.len());
            for &k in &ks {
                doc.group(k);
                let r = doc.starts[k]..doc.starts[k + 1];
                where_.push(((pi, d, k), (di, r.clone())));
                ranges.push(r);
            }
            if doc.failed() {
                // Derived claims that do not stand on the stored mentions: the shard is asked
                // for again, and loading it whole names the problem.
                let s = d / self.parts[pi].manifest.docs_per_shard.max(1);
                needs.push(shard_name("docs", &self.parts[pi].manifest.id, s));
                continue;
            }
            documents.push(Arc::clone(&doc.doc));
            sources.push(doc.clone());
            origin.push((pi, d));
            kept.push(ranges);
        }
        if !needs.is_empty() {
            return Err(Needs::of(needs));
        }
        // IDF (reconciliation's) of every term either side weighs, over the whole corpus:
        // reconciliation weighs a claim's clause terms (`local`), never the rest of its
        // sentence's terms, which it only looks up. The IDFs are kept across checks, and the
        // claims already prepared (their weights in hand) are not read again.
        let n = n_total.max(1) as f64;
        let idf = Arc::make_mut(&mut cache.idf);
        let prepared = &cache.docs;
        let retrieved = sources
            .iter()
            .zip(&kept)
            .zip(&origin)
            .flat_map(|((d, ranges), o)| {
                let done = prepared.get(o);
                ranges.iter().flat_map(move |r| {
                    r.clone().filter_map(move |ci| {
                        let kept = done.and_then(|p| p.get(ci)).is_some_and(Option::is_some);
                        (!kept).then(|| d.claim(ci)).flatten()
                    })
                })
            });
        for c in claims.iter().chain(retrieved) {
            for t in c.local() {
                if !idf.contains_key(t) {
                    // Kept only once every part's shard of the term is loaded.
                    let mut missing = Vec::new();
                    let f = self.df(t, &mut missing);
                    if missing.is_empty() {
                        idf.insert(t.to_string(), (1.0 + n / (f as f64 + 0.5)).ln());
                    }
                    needs.extend(missing);
                }
            }
        }
        if !needs.is_empty() {
            return Err(Needs::of(needs));
        }
        let mut queries_hits = per_query.into_iter();
        let candidates = claims
            .iter()
            .map(|_| {
                let mut out = Vec::new();
                if full_scan {
                    // Every claim, in document order.
                    for (di, d) in sources.iter().enumerate() {
                        out.extend((0..d.claim_count()).map(|ci| (di, ci)));
                    }
                    return out;
                }
                for h in queries_hits.next().unwrap_or_default() {
                    let at = where_.binary_search_by_key(&h, |w| w.0);
                    if let Some((_, (di, cis))) = at.ok().map(|at| &where_[at]) {
                        out.extend(cis.clone().map(|ci| (*di, ci)));
                    }
                }
                out
            })
            .collect();
        Ok(Retrieved {
            corpus: Corpus {
                id: self.id(),
                documents,
                idf: Arc::clone(&cache.idf),
                max_idf: (1.0 + n / 0.5).ln(),
                total_documents: self.document_count(),
            },
            candidates,
            sources,
            origin,
            cache: Arc::clone(&self.cache),
            epoch: cache.epoch,
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
    /// The loaded documents behind `corpus.documents` (the same documents, shared), with
    /// their claims.
    sources: Vec<Slot>,
    /// Each of them as (part, document number).
    origin: Vec<(usize, usize)>,
    /// The searcher's kept preparations, and the epoch they must be of (the IDFs of this
    /// corpus are that epoch's).
    cache: Arc<Mutex<PrepCache>>,
    epoch: u64,
}

impl Retrieved {
    /// Judges each claim against its own candidates only ([`crate::reconcile::judge`] on a
    /// corpus of just those claims), with evidence pointing into `self.corpus`. The candidate
    /// claims are prepared once and kept by the searcher for later checks (until its corpus
    /// changes); claims with the same candidates (all of them, when a small corpus is scanned
    /// whole) share one scope.
    pub fn reconcile(&self, text: &str, claims: &[Claim]) -> Vec<crate::reconcile::Judgment> {
        let none: &[(usize, usize)] = &[];
        let cands = |i: usize| self.candidates.get(i).map(Vec::as_slice).unwrap_or(none);
        // Claims grouped by their candidate list, groups in order of first appearance. (Each
        // list's group by hash: only looked up, so its order reaches nothing; a sorted list
        // with inserts in place would be quadratic in a long text's distinct lists.)
        let mut group_of: std::collections::HashMap<&[(usize, usize)], usize, super::FastHash> =
            Default::default();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..claims.len() {
            let g = *group_of.entry(cands(i)).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        let mut guard = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        // The searcher's corpus changed since this was retrieved: prepare afresh, apart.
        let mut apart = PrepCache::default();
        let cache = if guard.epoch == self.epoch {
            &mut *guard
        } else {
            &mut apart
        };
        let PrepCache { vocab, docs, .. } = cache;
        for members in &groups {
            for &(di, ci) in cands(members[0]) {
                let src = &self.sources[di];
                let preps = docs
                    .entry(self.origin[di])
                    .or_insert_with(|| vec![None; src.claim_count()]);
                if let (Some(slot @ None), Some(c)) = (preps.get_mut(ci), src.claim(ci)) {
                    *slot = Some(vocab.prep_corpus(c, &self.corpus));
                }
            }
        }
        let (vocab, docs) = (&*vocab, &*docs);
        let mut out: Vec<Option<crate::reconcile::Judgment>> =
            claims.iter().map(|_| None).collect();
        for members in groups {
            let mut scope: Vec<prep::Scope> = Vec::new();
            for &(di, ci) in cands(members[0]) {
                let src = &self.sources[di];
                let prep = docs
                    .get(&self.origin[di])
                    .and_then(|p| p.get(ci))
                    .and_then(Option::as_ref);
                let (Some(c), Some(prep)) = (src.claim(ci), prep) else {
                    continue;
                };
                match scope.last_mut() {
                    Some((d, v)) if *d == di => v.push((c, prep)),
                    _ => scope.push((di, vec![(c, prep)])),
                }
            }
            let p = prep::Prepared::new(vocab, scope);
            for &i in &members {
                out[i] = Some(crate::reconcile::judge_with(
                    text,
                    &claims[i],
                    &self.corpus,
                    &p,
                ));
            }
        }
        out.into_iter()
            .map(|j| j.expect("every claim is in a group"))
            .collect()
    }
}

/// Past this many strings in its vocabulary, a searcher's kept preparations start afresh (a long
/// session of many different articles against a large corpus).
const PREP_CACHE_STRINGS: usize = 1 << 20;

/// What a [`Searcher`] keeps across checks, valid while its parts are the same: corpus claims
/// prepared for reconciliation ([`prep::Vocab::prep_corpus`]) and IDFs.
#[derive(Debug, Default)]
pub struct PrepCache {
    /// What it was made for: each part's id and claim sentences (the IDFs).
    key: Vec<(String, usize)>,
    /// Unique to each start afresh.
    epoch: u64,
    vocab: prep::Vocab,
    /// Per (part, document number): each claim's preparation, once made.
    docs: std::collections::HashMap<(usize, usize), Vec<Option<prep::Prep>>, FastHash>,
    /// The IDF of every clause term of the claims prepared and of the texts checked.
    idf: Arc<std::collections::HashMap<String, f64, FastHash>>,
    /// Retrieval's scores and marks per candidate slot, all 0 and false between checks.
    scratch: (Vec<f64>, Vec<bool>),
}

impl PrepCache {
    fn new(key: Vec<(String, usize)>) -> PrepCache {
        static EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        PrepCache {
            key,
            epoch: EPOCH.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..PrepCache::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> (Vec<Arc<Document>>, Vec<u8>) {
        let src = "---\ntitle: T\nsource: S\npublished: 2025-11-07\n---\n\
            Acme Corp. opened 40 stores in Norland in 2024, chief executive Jane Roe said. \
            Sales rose 12% to $3.5 billion last year. \"We will grow,\" Roe said on 3 March 2025.\n";
        let d = Arc::new(super::super::compile_document("a.md", src.as_bytes()).unwrap());
        assert!(
            d.claims.len() >= 3 && d.mentions.len() >= 5,
            "{:?}",
            d.claims
        );
        let docs = vec![d.clone(), d];
        let body = encode_docs(&docs.iter().cloned().map(Slot::full).collect::<Vec<_>>());
        (docs, body)
    }

    /// The wasm's field-by-field manifest reader reads what serde's derive reads, and refuses
    /// what it refuses.
    #[test]
    fn manifest_of_agrees_with_serde() {
        let (docs, _) = body();
        let docs: Vec<Document> = docs.iter().map(|d| (**d).clone()).collect();
        let text = Part::build_files(docs).1.manifest;
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let theirs: Manifest = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(manifest_of(&v).unwrap(), theirs);
        let obj = v.as_object().unwrap();
        for key in obj.keys() {
            let mut w = obj.clone();
            w.remove(key);
            let w = serde_json::Value::Object(w);
            assert!(manifest_of(&w).unwrap_err().contains(key));
            assert!(serde_json::from_value::<Manifest>(w).is_err());
            let mut w = obj.clone();
            w.insert(key.clone(), serde_json::json!(-1.5));
            let w = serde_json::Value::Object(w);
            assert_eq!(
                manifest_of(&w).is_err(),
                serde_json::from_value::<Manifest>(w).is_err(),
                "{key}"
            );
        }
    }

    /// A manifest may claim at most [`MAX_TERM_SHARDS`] term shards (more are refused, naming
    /// the problem), and the last of them loads as the first does: loaded shards are kept by
    /// number, and only those.
    #[test]
    fn term_shards_are_bounded_and_the_last_one_loads() {
        let (docs, _) = body();
        let docs: Vec<Document> = docs.iter().map(|d| (**d).clone()).collect();
        let index = Part::build_files(docs).1;
        let mut m: serde_json::Value = serde_json::from_str(&index.manifest).unwrap();
        m["counts"]["terms"] = serde_json::json!(1u64 << 40);
        m["term_shards"] = serde_json::json!(1u64 << 40);
        let e = Part::from_manifest(&m.to_string()).unwrap_err().to_string();
        assert!(e.contains("shard counts"), "{e}");
        let n = MAX_TERM_SHARDS - 1;
        m["term_shards"] = serde_json::json!(MAX_TERM_SHARDS);
        let mut part = Part::from_manifest(&m.to_string()).unwrap();
        let name = shard_name("terms", &part.manifest.id, n);
        let file = shard_file(&name, &encode_terms(&TermShard::default()));
        part.add_shard(&name, &file).unwrap();
        assert!(part.is_loaded(&name));
        assert!(!part.is_loaded(&shard_name("terms", &part.manifest.id, n - 1)));
    }

    /// A term shard's terms and aliases are stored in order, each once, and looked up by binary
    /// search: a shard with them out of order or repeated is refused, not misread.
    #[test]
    fn term_shards_out_of_order_are_refused() {
        let posting = |df| Posting(df, vec![0, 1, 4]);
        let shard = |terms: &[&str], aliases: &[&str]| TermShard {
            terms: terms.iter().map(|t| (t.to_string(), posting(1))).collect(),
            aliases: aliases
                .iter()
                .map(|a| (a.to_string(), vec!["united states".to_string()]))
                .collect(),
        };
        let good = shard(&["accord", "kazakhstan", "signed"], &["u.s.", "us", "usa"]);
        assert_eq!(decode_terms(&encode_terms(&good)).unwrap(), good);
        for (bad, why) in [
            (shard(&["signed", "accord"], &[]), "terms are not in order"),
            (shard(&["accord", "accord"], &[]), "terms are not in order"),
            (
                shard(&["accord"], &["us", "u.s."]),
                "aliases are not in order",
            ),
            (
                shard(&["accord"], &["us", "us"]),
                "aliases are not in order",
            ),
        ] {
            let e = decode_terms(&encode_terms(&bad)).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }

    /// A shard stores no mentions or claims, only their counts and a checksum of the mentions:
    /// what this engine derives from the text must agree with them, or the document is refused.
    #[test]
    fn derived_mentions_and_claims_that_differ_from_the_stored_ones_are_refused() {
        let (docs, body) = body();
        let back = decode_docs(&body).unwrap();
        assert_eq!(back, docs.iter().map(|d| (**d).clone()).collect::<Vec<_>>());
        // One claim fewer than the engine finds in the text: refused, naming the document.
        let mut fewer = (*docs[0]).clone();
        fewer.claims.pop();
        let e = decode_docs(&encode_docs(&[Slot::full(fewer)])).unwrap_err();
        assert!(e.contains("document a") && e.contains("claims"), "{e}");
        // A claim in another sentence than the engine finds it in: refused.
        let mut moved = (*docs[0]).clone();
        let last = moved.claims.len() - 1;
        moved.claims[last].sentence += 1;
        assert!(decode_docs(&encode_docs(&[Slot::full(moved)])).is_err());
        // One mention fewer, or one a byte longer: refused.
        let mut fewer = (*docs[0]).clone();
        fewer.mentions.pop();
        assert!(decode_docs(&encode_docs(&[Slot::full(fewer)])).is_err());
        let mut longer = (*docs[0]).clone();
        longer.mentions[0].end += 1;
        let e = decode_docs(&encode_docs(&[Slot::full(longer)])).unwrap_err();
        assert!(e.contains("document a"), "{e}");
    }

    /// A document whose sentences read alone give its mentions has each claim sentence
    /// derived from that sentence alone; one where a sentence needs another (a surname resolved
    /// to the full name given earlier) from the whole document's mentions. Either way the
    /// claims derived lazily are the compiled ones.
    #[test]
    fn claims_derived_sentence_by_sentence_are_the_compiled_ones() {
        let src =
            |body: &str| format!("---\ntitle: T\nsource: S\npublished: 2025-11-07\n---\n{body}\n");
        let compile = |name: &str, body: &str| {
            super::super::compile_document(name, src(body).as_bytes()).unwrap()
        };
        let alone = compile(
            "a.md",
            "Acme Corp. opened 40 stores in Norland in 2024. Sales rose 12% to $3.5 billion last year.",
        );
        let linked = compile(
            "b.md",
            "Chief executive Jane Roe said sales rose 12% in 2024. Roe said the company opened 40 stores in March 2025.",
        );
        assert!(is_local(&alone));
        assert!(!is_local(&linked), "{:?}", linked.mentions);
        let files = Part::build_files(vec![alone.clone(), linked.clone()]).1;
        let mut part = Part::from_manifest(&files.manifest).unwrap();
        for (n, b) in &files.shards {
            part.add_shard(n, b).unwrap();
        }
        for (i, d) in [&alone, &linked].into_iter().enumerate() {
            let slot = part.slot(i).unwrap().unwrap();
            assert_eq!(slot.lazy.as_ref().map(|l| l.local), Some(i == 0));
            assert!(slot.lazy.as_ref().unwrap().mentions.get().is_none());
            let lazily: Vec<Claim> = (0..slot.groups())
                .flat_map(|k| slot.group(k).to_vec())
                .collect();
            assert!(!lazily.is_empty());
            assert_eq!(&lazily, &d.claims);
            assert!(!slot.failed());
        }
        assert_eq!(part.loaded_documents().unwrap(), vec![alone, linked]);
    }

    /// A check derives only the claim sentences it needs; when those do not stand on the
    /// stored mentions (an index written by another build of the same version), the check asks
    /// for the shard again and loading it whole names the problem.
    #[test]
    fn claims_derived_lazily_that_differ_are_refused_by_name() {
        let (docs, _) = body();
        let alone = super::super::compile_document(
            "a.md",
            b"---\ntitle: T\nsource: S\npublished: 2025-11-07\n---\nAcme Corp. opened 40 stores in 2024. Sales rose 12% to $3.5 billion last year.\n",
        )
        .unwrap();
        // Derived from the whole document's mentions, and sentence by sentence.
        assert!(!is_local(&docs[0]) && is_local(&alone));
        for d in [(*docs[0]).clone(), alone] {
            refused_by_name(d);
        }
    }

    fn refused_by_name(mut fewer: Document) {
        fewer.claims.pop();
        let files = Part::build_files(vec![fewer]).1;
        let mut searcher = Searcher::new(vec![Part::from_manifest(&files.manifest).unwrap()]);
        let article = crate::analyze("Sales rose 12% to $3.5 billion last year.", None).claims;
        let mut refused = None;
        for _ in 0..5 {
            match searcher.prepare(&article) {
                Ok(_) => break,
                Err(Needs(names)) => {
                    for n in names {
                        let bytes = &files.shards.iter().find(|s| s.0 == n).unwrap().1;
                        if let Err(e) = searcher.add_shard(&n, bytes) {
                            refused = Some((n, e.to_string()));
                        }
                    }
                }
            }
            if refused.is_some() {
                break;
            }
        }
        let (name, e) = refused.expect("the shard is refused");
        assert!(name.starts_with("docs-"), "{name}");
        assert!(
            e.contains(&name) && e.contains("document a") && e.contains("claims"),
            "{e}"
        );
        // Whole, the same shard is refused at once.
        let part = Corpus::from_index(
            &files.manifest,
            &files.shards.iter().map(|s| s.1.clone()).collect::<Vec<_>>(),
        );
        assert!(part.unwrap_err().0.contains("claims"));
    }

    #[test]
    fn a_damaged_document_body_is_refused_or_read_never_a_panic() {
        // Deriving claims runs the claims code on stored mentions: whatever a body holds (a
        // crafted shard has a valid checksum), reading it must not panic.
        let (_, body) = body();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut read, mut refused) = (0, 0);
        for _ in 0..4000 {
            let mut b = body.clone();
            for _ in 0..1 + next() % 3 {
                let at = (next() % b.len() as u64) as usize;
                b[at] = match next() % 3 {
                    0 => b[at].wrapping_add(1),
                    1 => b[at].wrapping_sub(1),
                    _ => next() as u8,
                };
            }
            match decode_docs(&b) {
                Ok(_) => read += 1,
                Err(e) => {
                    assert!(!e.is_empty());
                    refused += 1;
                }
            }
        }
        assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
    }
}
