//! Loading a corpus index (manifest and shards) from any bytes, and checking a text against it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| corroborate_fuzz::index(data));
