//! Helpers shared by the tests (not every test binary uses every one).

#[allow(dead_code)]
pub mod schema;
