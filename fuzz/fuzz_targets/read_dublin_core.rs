#![no_main]
//! Fuzzes the Dublin Core reader through the facade: see `crosswalk_fuzz::read_contract`.
crosswalk_fuzz::reader_target!(crosswalk_fuzz::Format::DublinCore);
