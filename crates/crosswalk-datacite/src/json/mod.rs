//! DataCite REST JSON: `attributes` objects and JSON:API documents.

pub mod read;
pub mod write;

pub use read::read;
pub use write::{write, write_notes};
