#![no_main]
//! Fuzzes the OAI-PMH splitter and the readers of its records through the facade: see
//! `crosswalk_fuzz::read_contract`.
crosswalk_fuzz::reader_target!(crosswalk_fuzz::Format::OaiPmh);
