//! `corroborate check`: any text reconciled with the default corpus, and all three reports.
#![no_main]
use corroborate::corpus::Corpus;
use std::path::Path;
use std::sync::OnceLock;

static CORPUS: OnceLock<Corpus> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let corpus = CORPUS.get_or_init(|| {
        corroborate_fuzz::default_corpus(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")))
    });
    corroborate_fuzz::check(data, corpus);
});
