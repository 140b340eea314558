//! Source documents: front matter, HTML to text, and compiling what parses into an index.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| corroborate_fuzz::document(data));
