//! Reading DataCite XML into the model. (Stub: being written.)

use crosswalk_model::{CodeInfo, Record};

/// The codes this module emits.
pub const CODES: &[CodeInfo] = &[];

/// Reads one DataCite XML document (any kernel) from bytes.
pub fn read(bytes: &[u8]) -> Record {
    let _ = bytes;
    Record::default()
}

/// Reads one DataCite XML document (any kernel) from text.
pub fn read_str(text: &str) -> Record {
    read(text.as_bytes())
}
