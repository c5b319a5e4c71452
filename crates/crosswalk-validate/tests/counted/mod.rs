//! Shared by the test binaries that count what validation allocates (`mod counted;`): the counting
//! global allocator, and libxml2 allocating through it.

use std::sync::Once;

use crosswalk_model::Diagnostic;
use crosswalk_robustness::{allocations, Allocations, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Validates with libxml2 allocating through the Rust global allocator, so that its memory is
/// counted; every validation in this binary goes through here.
pub fn validate(xml: &[u8]) -> Vec<Diagnostic> {
    libxml2_allocates_through_rust();
    crosswalk_validate::validate(xml)
}

#[allow(unsafe_code)]
fn libxml2_allocates_through_rust() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let allocator = crosswalk_validate::Libxml2Allocator {
            malloc: crosswalk_robustness::c_malloc,
            realloc: crosswalk_robustness::c_realloc,
            free: crosswalk_robustness::c_free,
        };
        // SAFETY: nothing in this binary has used libxml2 yet (every use goes through `validate`,
        // after this `Once`); the three functions are a matching, thread-safe family.
        let installed = unsafe { crosswalk_validate::use_libxml2_allocator(allocator) };
        assert!(installed, "libxml2 was used before its allocator could be set");
    });
}

/// Validates `xml`, counting what the validation allocates (libxml2 and Rust); asserts that it
/// held at most `factor` times the document plus 4 MiB (the compiled schema and libxml2's
/// tables), and allocated at most four times that in all.
#[track_caller]
#[allow(dead_code, reason = "not every binary that includes this module bounds a validation")]
pub fn validate_bounded(xml: &[u8], factor: u64) -> Vec<Diagnostic> {
    let (diagnostics, cost): (_, Allocations) = allocations(|| validate(xml));
    let limit = factor * xml.len() as u64 + 4 * 1024 * 1024;
    eprintln!("{} bytes of XML: {cost:?}", xml.len());
    assert!(
        cost.peak <= limit && cost.bytes <= 4 * limit,
        "{} bytes of XML: held {} bytes at most (limit {limit}), allocated {} bytes in all (limit {})",
        xml.len(),
        cost.peak,
        cost.bytes,
        4 * limit
    );
    diagnostics
}
