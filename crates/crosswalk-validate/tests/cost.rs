//! What validation costs, in counts rather than time: the embedded schema is compiled once per
//! thread, and each validation after that allocates a bounded amount, the same every time, and
//! keeps nothing. (Throughput, validations per second, is measured by `cargo xtask bench` in a
//! release build; a test cannot assert it without depending on the machine's load.)

mod counted;

use std::path::Path;

use counted::validate;
use crosswalk_robustness::{allocations, on_worker_stack};
use crosswalk_validate::is_valid;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("read fixture")
}

#[test]
fn the_schema_is_compiled_once_per_thread_and_each_validation_costs_the_same() {
    let record = fixture("full.xml");
    // A fresh thread: its first validation compiles the embedded schema.
    on_worker_stack("validations", || {
        let (diagnostics, first) = allocations(|| validate(&record));
        assert!(is_valid(&diagnostics), "{diagnostics:#?}");
        let (_, second) = allocations(|| validate(&record));
        let rounds = 100;
        let (_, many) = allocations(|| {
            for _ in 0..rounds {
                assert!(is_valid(&validate(&record)));
            }
        });
        eprintln!("first validation {first:?}, second {second:?}, {rounds} more {many:?}");
        // Compiling the schema is most of the first validation; the later ones reuse it.
        assert!(second.count * 4 < first.count, "the schema is compiled again: first {first:?}, second {second:?}");
        // Each later validation costs about the same (libxml2's string dictionary may still grow a
        // little), and keeps nothing: no cache, list or leak grows with their number.
        let about = |one: u64| rounds * one + rounds * one / 20;
        assert!(
            many.count <= about(second.count) && many.bytes <= about(second.bytes),
            "second {second:?}, {rounds} more {many:?}"
        );
        assert!(many.peak <= second.peak + second.peak / 10, "second {second:?}, {rounds} more {many:?}");
        assert!(many.retained <= 64 * 1024, "{rounds} validations kept {} bytes", many.retained);
        // A 6 KB record: the document's tree, the validation context's state, the (empty) findings.
        let limit = 64 * record.len() as u64;
        assert!(second.bytes <= limit, "{second:?} for {} bytes (limit {limit} bytes in all)", record.len());
    });
}
