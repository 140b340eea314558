//! Source documents: front matter, HTML to text, and compiling what parses into an index.
#![no_main]
// Floats compared to 1e-12 while finding F1 is open; make it `true` once it is fixed.
const MODE: corroborate_fuzz::Mode = corroborate_fuzz::Mode {
    exact_floats: false,
};
libfuzzer_sys::fuzz_target!(|data: &[u8]| corroborate_fuzz::document(data, MODE));
