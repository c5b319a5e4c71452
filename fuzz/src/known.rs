//! Bugs the fuzzers found that wait for their fix in a reader or the facade: each function says
//! whether an input hits one, so that a run skips that one check and goes on finding new bugs.
//!
//! Every entry names its regression test in `crates/crosswalk-robustness/tests/regressions.rs`
//! (and the finding in `crates/crosswalk-robustness/FINDINGS.md`). With `CROSSWALK_FUZZ_STRICT=1`
//! nothing is skipped, to check that a fix holds. When a fix lands, its entry goes and the
//! regression test loses its `#[ignore]`.
//!
//! No finding is open: F1-F13 are fixed, every function below answers `false`. They stay as the
//! place where the next finding's excuse goes while its fix is under way.

use crosswalk::{Diagnostic, Format, Resource};

/// True when `hit` says the input hits a known bug and the run is not strict.
fn skip(hit: bool) -> bool {
    hit && std::env::var_os("CROSSWALK_FUZZ_STRICT").is_none()
}

/// Non-empty input for which the reader gives no record.
pub fn empty_result_expected(_format: Format, _data: &[u8]) -> bool {
    skip(false)
}

/// Input whose records depend on how it is buffered, read through a buffer of `capacity` bytes.
pub fn buffering_differs(_format: Format, _data: &[u8], _capacity: usize) -> bool {
    skip(false)
}

/// Input whose records are not numbered 0, 1, 2, … in order.
pub fn numbering_differs(_format: Format, _data: &[u8]) -> bool {
    skip(false)
}

/// A document the schema accepts and the DataCite XML reader fails with `errors`.
pub fn valid_but_unread(_data: &[u8], _errors: &[&Diagnostic]) -> bool {
    skip(false)
}

/// A resource whose output in `format` does not read back as one record without errors.
pub fn written_unreadable(_format: Format, _resource: &Resource) -> bool {
    skip(false)
}

/// A resource whose DataCite XML does not read back to a resource written the same.
pub fn xml_round_trip_differs(_resource: &Resource) -> bool {
    skip(false)
}

/// A resource whose DataCite JSON does not read back to the same resource.
pub fn json_round_trip_differs(_resource: &Resource) -> bool {
    skip(false)
}
