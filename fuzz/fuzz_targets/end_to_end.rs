#![no_main]
//! Fuzzes the whole conversion: detect, read, write every writable format, read back, validate.
//! See `crosswalk_fuzz::end_to_end`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    crosswalk_fuzz::end_to_end(data);
});
