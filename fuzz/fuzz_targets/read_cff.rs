#![no_main]
//! Fuzzes the CFF (CITATION.cff) reader through the facade: see `crosswalk_fuzz::read_contract`.
crosswalk_fuzz::reader_target!(crosswalk_fuzz::Format::Cff);
