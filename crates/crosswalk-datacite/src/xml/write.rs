//! Writing the model as kernel-4 DataCite XML. (Stub: being written.)

use crosswalk_model::{CodeInfo, Resource, Written};

/// The codes this module emits.
pub const CODES: &[CodeInfo] = &[];

/// Writes a resource as a kernel-4 DataCite XML document.
pub fn write(resource: &Resource) -> Written {
    let _ = resource;
    Written::default()
}
