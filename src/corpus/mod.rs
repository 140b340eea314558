//! The corpus: source documents in, a compiled [`Corpus`] out, and its index on disk for the
//! page and the CLI ([`index`]).
//!
//! Compiling runs each document through the same front half as an article ([`crate::analyze`]),
//! so both sides represent a fact the same way. The compiled index ([`index::Part`]) is a small
//! `manifest.json` (format, engine version, corpus id, counts) and shards fetched only when a
//! check needs them: term shards (BM25 postings over claim sentences, numeric/date/kind keys and
//! entity aliases, split by a hash of the term), document shards (text, mentions, each claim's mention; the claims derived as checks need them) and
//! catalog shards (the documents' metadata and counts, for the corpus panel). A check first
//! retrieves candidate sentences through the term shards ([`index::Searcher`]), then reconciles
//! only with the documents that hold them.

mod codec;
mod document;
pub mod index;

pub use document::{html_to_text, parse_document, DocError, DocMeta, MAX_DOCUMENT_BYTES};
pub use index::{Needs, Part, Retrieved, Searcher, INDEX_FORMAT};

use crate::claims::Claim;
use crate::extract::{Mention, Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// The most source documents `corroborate index` and `check --corpus FOLDER` take. Compiling
/// holds every document's analysis in memory at once: 10,000 generated documents (29 MB of text)
/// peaked at about 1 GB (`/usr/bin/time -v corroborate index`), so 50,000 is about 5 GB, what a
/// large workstation has to spare; the page keeps its own, lower limit for your documents.
pub const MAX_CORPUS_DOCUMENTS: usize = 50_000;

/// An entity a document names: canonical name, type and the surface forms it appears as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// `person`, `place`, `organization` or `other`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other names it appears under in the text (lower-case), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// One compiled document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Its metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Its plain text.
    pub text: String,
    /// Byte spans of its (non-junk) sentences.
    pub sentences: Vec<(usize, usize)>,
    /// Its claims.
    pub claims: Vec<Claim>,
    /// The mentions extraction found in it (numbers, dates, entities, quotes, …), by start.
    #[serde(serialize_with = "serialize_mentions")]
    pub mentions: Vec<Mention>,
    /// The entities it names.
    pub entities: Vec<Entity>,
}

/// Mentions as `{start, end, sentence, value}` (for tests and the fuzz round trip).
fn serialize_mentions<S: serde::Serializer>(ms: &[Mention], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    #[derive(Serialize)]
    struct M<'a> {
        start: usize,
        end: usize,
        sentence: usize,
        value: &'a Value,
    }
    let mut seq = s.serialize_seq(Some(ms.len()))?;
    for m in ms {
        seq.serialize_element(&M {
            start: m.start,
            end: m.end,
            sentence: m.sentence,
            value: &m.value,
        })?;
    }
    seq.end()
}

/// A compiled corpus (or the part of one a check needs), ready for reconciliation.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The corpus id: SHA-256 (hex) of its compiled index.
    pub id: String,
    /// The documents, in file-name order (for a retrieved corpus: the documents that hold
    /// candidate sentences).
    pub documents: Vec<std::sync::Arc<Document>>,
    /// Inverse document frequency of each term over the corpus's claim sentences.
    idf: std::sync::Arc<std::collections::HashMap<String, f64, FastHash>>,
    /// The largest IDF (for terms the corpus never uses).
    max_idf: f64,
    /// How many documents the whole corpus has.
    total_documents: usize,
}

/// Why a corpus could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError(pub String);

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CorpusError {}

/// Compiles one source document (file name, bytes).
pub fn compile_document(name: &str, bytes: &[u8]) -> Result<Document, DocError> {
    let (meta, text) = parse_document(name, bytes)?;
    let today = crate::parse_date(&meta.published);
    let analysis = crate::analyze(&text, today);
    let sentences = analysis
        .sentences
        .iter()
        .filter(|s| !s.junk)
        .map(|s| (s.start, s.end))
        .collect();
    let entities = entities_of(&text, &analysis.mentions);
    Ok(Document {
        meta,
        text,
        sentences,
        claims: analysis.claims,
        mentions: std::sync::Arc::unwrap_or_clone(analysis.mentions),
        entities,
    })
}

/// The entities a document names, from its entity mentions: each canonical name once, with
/// its type and the other (lower-case) surface forms it appears under, sorted. The index does
/// not store them: the loader derives them from the mentions it derives, as compiling does.
pub(crate) fn entities_of(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    // The entity mentions sorted by name, each name's in text order (a stable sort: its first
    // mention gives its type), then grouped: one sort, however many names a document has.
    let mut named: Vec<(&str, &str, &Mention)> = mentions
        .iter()
        .filter_map(|m| match &m.value {
            Value::Entity { name, kind } => Some((name.as_str(), kind.as_str(), m)),
            _ => None,
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(b.0));
    let mut entities = Vec::new();
    for group in named.chunk_by(|a, b| a.0 == b.0) {
        let (name, kind, _) = group[0];
        let lower = name.to_lowercase();
        let mut aliases: Vec<String> = group
            .iter()
            .map(|(_, _, m)| text.get(m.start..m.end).unwrap_or("").to_lowercase())
            .filter(|surface| *surface != lower)
            .collect();
        aliases.sort();
        aliases.dedup();
        entities.push(Entity {
            name: name.to_string(),
            kind: kind.to_string(),
            aliases,
        });
    }
    entities
}

/// Puts compiled documents in file-name order and refuses a second document with an id already
/// taken. `results` holds (file name, outcome) in any order.
pub fn assemble(
    mut results: Vec<(String, Result<Document, DocError>)>,
) -> (Vec<Document>, Vec<DocError>) {
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut documents: Vec<Document> = Vec::new();
    // Only asked whether an id is taken: a hash set (its order reaches nothing).
    let mut seen: std::collections::HashSet<String, FastHash> = Default::default();
    let mut errors = Vec::new();
    for (name, r) in results {
        match r {
            Ok(d) => {
                if !seen.insert(d.meta.id.clone()) {
                    errors.push(DocError {
                        file: name,
                        line: None,
                        message: format!("another document already has the id {} (ids come from file names); rename one of them", crate::quoted(&d.meta.id)),
                    });
                    continue;
                }
                documents.push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    (documents, errors)
}

impl Corpus {
    /// Compiles source documents given as (file name, bytes). Documents that cannot be read are
    /// left out and returned as errors; the others are compiled.
    pub fn compile(sources: &[(String, Vec<u8>)]) -> (Corpus, Vec<DocError>) {
        let results = sources
            .iter()
            .map(|(n, b)| (n.clone(), compile_document(n, b)))
            .collect();
        let (documents, errors) = assemble(results);
        (Corpus::from_documents(documents), errors)
    }

    /// A whole corpus from compiled documents (its id is that of its index).
    pub fn from_documents(documents: Vec<Document>) -> Corpus {
        let part = Part::build(documents);
        let id = part.manifest.id.clone();
        let documents = part.into_documents();
        let mut df: HashMap<String, usize, FastHash> = HashMap::default();
        let mut n = 0usize;
        for d in &documents {
            for terms in claim_sentence_terms(d) {
                n += 1;
                for t in terms {
                    *df.entry(t.to_string()).or_default() += 1;
                }
            }
        }
        let total = documents.len();
        Corpus::with_df(id, documents, n, &df, total)
    }

    /// A corpus from documents and the document frequencies of terms over `n` claim sentences
    /// (those of a larger corpus, when these documents are the part of it a check retrieved).
    pub fn with_df(
        id: String,
        documents: Vec<Document>,
        n: usize,
        df: &HashMap<String, usize, FastHash>,
        total_documents: usize,
    ) -> Corpus {
        let n = n.max(1) as f64;
        Corpus {
            id,
            documents: documents.into_iter().map(std::sync::Arc::new).collect(),
            // Each term's IDF on its own, into another hash map: the order reaches nothing.
            idf: std::sync::Arc::new(
                df.iter()
                    .map(|(t, &f)| (t.clone(), (1.0 + n / (f as f64 + 0.5)).ln()))
                    .collect(),
            ),
            max_idf: (1.0 + n / 0.5).ln(),
            total_documents,
        }
    }

    /// How informative a term is: rare terms weigh more.
    pub fn idf(&self, term: &str) -> f64 {
        self.idf.get(term).copied().unwrap_or(self.max_idf)
    }

    /// How many documents the whole corpus has (a retrieved corpus holds only some of them).
    pub fn document_count(&self) -> usize {
        self.total_documents.max(self.documents.len())
    }

    /// Serialises the corpus: the manifest and the shards (see [`index`]).
    pub fn to_index(&self) -> Index {
        Part::build(self.documents.iter().map(|d| (**d).clone()).collect()).to_files()
    }

    /// Loads a whole written index: the manifest's text and all its shards' texts, in the
    /// manifest's order. A truncated, corrupt or mismatched index is refused with a message.
    pub fn from_index<S: AsRef<[u8]>>(manifest: &str, shards: &[S]) -> Result<Corpus, CorpusError> {
        let mut part = Part::from_manifest(manifest)?;
        let names = part.shard_names();
        if shards.len() != names.len() {
            return Err(CorpusError(format!(
                "the corpus manifest lists {} shard(s) but {} were given",
                names.len(),
                shards.len()
            )));
        }
        for (name, bytes) in names.iter().zip(shards) {
            part.add_shard(name, bytes.as_ref())?;
        }
        let id = part.manifest.id.clone();
        let docs = part.loaded_documents()?;
        let mut c = Corpus::from_documents(docs);
        c.id = id;
        Ok(c)
    }
}

/// The terms of each claim sentence of a document, in order (claims of one sentence share them).
pub fn claim_sentence_terms(d: &Document) -> Vec<&crate::claims::Terms> {
    let mut out = Vec::new();
    let mut last = usize::MAX;
    for c in &d.claims {
        if c.sentence != last {
            last = c.sentence;
            out.push(&c.terms);
        }
    }
    out
}

/// A written index: the manifest and the shards, as (file name, text).
#[derive(Debug, Clone)]
pub struct Index {
    /// `manifest.json`'s text.
    pub manifest: String,
    /// The shards: file name and bytes.
    pub shards: Vec<(String, Vec<u8>)>,
}

/// A fast hash for the candidate sentences and the terms of one check, multiply and rotate as
/// in rustc's FxHash. Not keyed: a text crafted to collide slows only its own check.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// A hash map hasher for terms and numbers within one process (not keyed).
pub type FastHash = std::hash::BuildHasherDefault<Fx>;

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`entities_of`] as it was written first, with a sorted map: the reference.
    fn entities_by_map(text: &str, mentions: &[Mention]) -> Vec<Entity> {
        let mut entities: std::collections::BTreeMap<&str, Entity> = Default::default();
        for m in mentions {
            if let Value::Entity { name, kind } = &m.value {
                let e = entities.entry(name).or_insert_with(|| Entity {
                    name: name.clone(),
                    kind: kind.as_str().to_string(),
                    aliases: Vec::new(),
                });
                let surface = text.get(m.start..m.end).unwrap_or("").to_lowercase();
                if surface != name.to_lowercase() && !e.aliases.contains(&surface) {
                    e.aliases.push(surface);
                }
            }
        }
        let mut out: Vec<Entity> = entities.into_values().collect();
        for e in &mut out {
            e.aliases.sort();
        }
        out
    }

    /// The entities of the corpus documents, the dev set's articles and a text of the same
    /// names under several surfaces and of many names: the reference's, in its order.
    #[test]
    fn entities_of_gives_the_sorted_maps_entities() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["corpus", "tests/devset"] {
            for e in std::fs::read_dir(root.join(dir)).expect("dir").flatten() {
                texts.push(std::fs::read_to_string(e.path()).expect("text"));
            }
        }
        let mut many = String::from(
            "President Kassym-Jomart Tokayev met Donald Trump. Tokayev said KAZAKHSTAN joined. \
             President Tokayev and President Trump spoke. The UAE and the United Arab Emirates. ",
        );
        let mut x = 7;
        for _ in 0..300 {
            let w = crate::extract::test_letters(&mut x, 4, 6);
            let w = w[..1].to_uppercase() + &w[1..];
            many.push_str(&format!("Minister {w} Ostrava met {w} Holt in Vila {w}. "));
        }
        texts.push(many);
        let (mut entities, mut with_aliases) = (0, 0);
        for t in &texts {
            let a = crate::analyze(t, None);
            let want = entities_by_map(t, &a.mentions);
            assert_eq!(entities_of(t, &a.mentions), want);
            entities += want.len();
            with_aliases += want.iter().filter(|e| !e.aliases.is_empty()).count();
        }
        assert!(
            entities > 1_000 && with_aliases > 50,
            "{entities} entities, {with_aliases} with aliases"
        );
    }
}
