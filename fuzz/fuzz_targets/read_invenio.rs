#![no_main]
//! Fuzzes the InvenioRDM record JSON reader through the facade: see `crosswalk_fuzz::read_contract`.
crosswalk_fuzz::reader_target!(crosswalk_fuzz::Format::InvenioRdm);
