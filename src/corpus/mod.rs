//! The corpus: source documents in, a compiled [`Corpus`] out, and its serialised index
//! (a manifest plus shards) for the page.
//!
//! Compiling runs each document through the same front half as an article ([`crate::analyze`]),
//! so both sides represent a fact the same way. The index is JSON: `manifest.json` (format,
//! engine version, corpus id, the documents' metadata and counts, the shard names) and shards
//! holding each document's text, sentence spans and claims. The corpus id is the SHA-256 of the
//! shards' bytes, so the same documents give the same id and the same bytes.

mod document;

pub use document::{html_to_text, parse_document, DocError, DocMeta, MAX_DOCUMENT_BYTES};

use crate::claims::Claim;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// The index format this engine writes and reads.
pub const INDEX_FORMAT: u32 = 1;

/// One compiled document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// A compiled corpus, ready for reconciliation.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// SHA-256 (hex) of the compiled shards.
    pub id: String,
    /// The documents, in file-name order.
    pub documents: Vec<Document>,
    /// Inverse document frequency of each term over the corpus sentences (derived on load).
    idf: BTreeMap<String, f64>,
    /// The largest IDF (for terms the corpus never uses).
    max_idf: f64,
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

/// The manifest's entry for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestDoc {
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of claims.
    pub claims: usize,
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
    /// The documents' metadata.
    pub documents: Vec<ManifestDoc>,
    /// Shard file names, relative to the manifest.
    pub shards: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Shard {
    format: u32,
    documents: Vec<Document>,
}

/// A written index: the manifest and the shards, as (file name, bytes).
#[derive(Debug, Clone)]
pub struct Index {
    /// `manifest.json`'s text.
    pub manifest: String,
    /// The shards: file name and text.
    pub shards: Vec<(String, String)>,
}

impl Corpus {
    /// Compiles source documents given as (file name, bytes). Documents that cannot be read are
    /// left out and returned as errors; the others are compiled.
    pub fn compile(sources: &[(String, Vec<u8>)]) -> (Corpus, Vec<DocError>) {
        let mut sorted: Vec<&(String, Vec<u8>)> = sources.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut documents = Vec::new();
        let mut errors = Vec::new();
        for (name, bytes) in sorted {
            match parse_document(name, bytes) {
                Ok((meta, text)) => {
                    if documents.iter().any(|d: &Document| d.meta.id == meta.id) {
                        errors.push(DocError { file: name.clone(), line: None, message: format!("another document already has the id {:?} (ids come from file names)", meta.id) });
                        continue;
                    }
                    let today = crate::parse_date(&meta.published);
                    let analysis = crate::analyze(&text, today);
                    let sentences = analysis
                        .sentences
                        .iter()
                        .filter(|s| !s.junk)
                        .map(|s| (s.start, s.end))
                        .collect();
                    documents.push(Document {
                        meta,
                        text,
                        sentences,
                        claims: analysis.claims,
                    });
                }
                Err(e) => errors.push(e),
            }
        }
        (Corpus::from_documents(documents), errors)
    }

    fn from_documents(documents: Vec<Document>) -> Corpus {
        let mut corpus = Corpus {
            id: String::new(),
            documents,
            idf: BTreeMap::new(),
            max_idf: 1.0,
        };
        corpus.id = hex(&Sha256::digest(corpus.shard_text().as_bytes()));
        corpus.compute_idf();
        corpus
    }

    fn shard_text(&self) -> String {
        let shard = Shard {
            format: INDEX_FORMAT,
            documents: self.documents.clone(),
        };
        serde_json::to_string(&shard).unwrap_or_default()
    }

    fn compute_idf(&mut self) {
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        let mut n = 0usize;
        for d in &self.documents {
            let mut seen_sentence = usize::MAX;
            for c in &d.claims {
                if c.sentence == seen_sentence {
                    continue;
                }
                seen_sentence = c.sentence;
                n += 1;
                for t in &c.terms {
                    *df.entry(t.clone()).or_default() += 1;
                }
            }
        }
        let n = n.max(1) as f64;
        self.max_idf = (1.0 + n / 0.5).ln();
        self.idf = df
            .into_iter()
            .map(|(t, f)| (t, (1.0 + n / (f as f64 + 0.5)).ln()))
            .collect();
    }

    /// How informative a term is: rare terms weigh more.
    pub fn idf(&self, term: &str) -> f64 {
        self.idf.get(term).copied().unwrap_or(self.max_idf)
    }

    /// Serialises the corpus: the manifest and one shard (the shard's name carries its hash).
    pub fn to_index(&self) -> Index {
        let shard = self.shard_text();
        let name = format!("docs-{}.json", &self.id[..16.min(self.id.len())]);
        let manifest = Manifest {
            format: INDEX_FORMAT,
            engine_version: crate::VERSION.to_string(),
            id: self.id.clone(),
            documents: self
                .documents
                .iter()
                .map(|d| ManifestDoc {
                    meta: d.meta.clone(),
                    sentences: d.sentences.len(),
                    claims: d.claims.len(),
                })
                .collect(),
            shards: vec![name.clone()],
        };
        let manifest = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
        Index {
            manifest,
            shards: vec![(name, shard)],
        }
    }

    /// Parses a manifest, checking its format and engine version.
    pub fn read_manifest(manifest: &str) -> Result<Manifest, CorpusError> {
        let m: Manifest = serde_json::from_str(manifest).map_err(|e| CorpusError(format!("the corpus manifest is not valid (line {}, column {}: {e}); rebuild it with `corroborate index`", e.line(), e.column())))?;
        if m.format != INDEX_FORMAT {
            return Err(CorpusError(format!("the corpus index has format {} but this engine reads format {INDEX_FORMAT}; rebuild it with `corroborate index`", m.format)));
        }
        if m.engine_version != crate::VERSION {
            return Err(CorpusError(format!("the corpus index was written by corroborate {} but this is {}; rebuild it with `corroborate index`", m.engine_version, crate::VERSION)));
        }
        Ok(m)
    }

    /// Loads a written index: the manifest's text and its shards' texts, in the manifest's order.
    /// A truncated, corrupt or mismatched index is refused with a message saying so.
    pub fn from_index(manifest: &str, shards: &[&str]) -> Result<Corpus, CorpusError> {
        let m = Corpus::read_manifest(manifest)?;
        if shards.len() != m.shards.len() {
            return Err(CorpusError(format!(
                "the corpus manifest lists {} shard(s) but {} were given",
                m.shards.len(),
                shards.len()
            )));
        }
        let mut hasher = Sha256::new();
        let mut documents = Vec::new();
        for (name, text) in m.shards.iter().zip(shards) {
            hasher.update(text.as_bytes());
            let shard: Shard = serde_json::from_str(text).map_err(|e| CorpusError(format!("corpus shard {name} is corrupt or truncated ({e}); rebuild the index with `corroborate index`")))?;
            documents.extend(shard.documents);
        }
        let id = hex(&hasher.finalize());
        if id != m.id {
            return Err(CorpusError(format!("the corpus shards do not match the manifest (id {} expected, {} found): a partial or mixed upload? Rebuild with `corroborate index`", short(&m.id), short(&id))));
        }
        for d in &documents {
            let bad_span = d.sentences.iter().any(|&(s, e)| {
                s > e
                    || e > d.text.len()
                    || !d.text.is_char_boundary(s)
                    || !d.text.is_char_boundary(e)
            });
            let bad_claim = d.claims.iter().any(|c| {
                c.end > d.text.len()
                    || c.anchor.1 > d.text.len()
                    || !d.text.is_char_boundary(c.start)
                    || !d.text.is_char_boundary(c.end)
                    || !d.text.is_char_boundary(c.anchor.0)
                    || !d.text.is_char_boundary(c.anchor.1)
            });
            if bad_span || bad_claim {
                return Err(CorpusError(format!("corpus document {} has spans outside its text; rebuild the index with `corroborate index`", d.meta.id)));
            }
        }
        let mut corpus = Corpus {
            id,
            documents,
            idf: BTreeMap::new(),
            max_idf: 1.0,
        };
        corpus.compute_idf();
        Ok(corpus)
    }
}

fn short(id: &str) -> &str {
    &id[..12.min(id.len())]
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
