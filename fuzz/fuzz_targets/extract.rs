//! `corroborate extract`: segmentation, extraction, claims and the JSON report on any text.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| corroborate_fuzz::extract(data));
