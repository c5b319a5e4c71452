//! Reading DataCite REST JSON. (Stub: being written.)

use crosswalk_model::{CodeInfo, Record};

/// The codes this module emits.
pub const CODES: &[CodeInfo] = &[];

/// Reads DataCite JSON: an `attributes` object, a list of them, JSON Lines, or a JSON:API
/// document (payload, single response, list response).
pub fn read(bytes: &[u8]) -> Vec<Record> {
    let _ = bytes;
    Vec::new()
}
