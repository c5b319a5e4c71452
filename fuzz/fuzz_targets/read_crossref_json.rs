#![no_main]
//! Fuzzes the Crossref REST JSON reader through the facade: see `crosswalk_fuzz::read_contract`.
crosswalk_fuzz::reader_target!(crosswalk_fuzz::Format::CrossrefJson);
