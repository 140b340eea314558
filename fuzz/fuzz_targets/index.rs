//! Loading a corpus index (manifest and shards) from any bytes, and checking a text against it.
#![no_main]
// Floats compared to 1e-12 while finding F1 is open; make it `true` once it is fixed.
const MODE: corroborate_fuzz::Mode = corroborate_fuzz::Mode {
    exact_floats: false,
};
libfuzzer_sys::fuzz_target!(|data: &[u8]| corroborate_fuzz::index(data, MODE));
