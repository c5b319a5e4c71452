//! Writing the model as DataCite REST JSON `attributes`. (Stub: being written.)

use crosswalk_model::Resource;

/// The REST `attributes` object of a resource.
pub fn write(resource: &Resource) -> serde_json::Value {
    serde_json::to_value(resource).unwrap_or_default()
}
