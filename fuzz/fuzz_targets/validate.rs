#![no_main]
//! Fuzzes schema validation (libxml2) on arbitrary bytes: see `crosswalk_fuzz::validate_contract`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    crosswalk_fuzz::validate_contract(data);
});
