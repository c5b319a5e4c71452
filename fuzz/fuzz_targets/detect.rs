#![no_main]
//! Fuzzes format detection, and reading what it detects: see `crosswalk_fuzz::detect_contract`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    crosswalk_fuzz::detect_contract(data);
});
