//! Hostile YAML against the CFF reader: aliases that repeat each other ("billion laughs"), deep
//! nesting (block and flow), a huge mapping of repeated keys, very long values. Each is read on a
//! production worker's stack, gives one record with documented codes, and costs memory bounded
//! by counts: the most held at once at most a small multiple of the input plus the alias budget.

use crosswalk_cff::{read, CODES, MAX_ALIAS_EXPANSION};
use crosswalk_model::Record;
use crosswalk_robustness::{allocations, assert_linear, on_worker_stack, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const HEAD: &str = "cff-version: 1.2.0\nmessage: Cite it\ntitle: T\nauthors:\n  - name: Team\n";

/// Reads `yaml` on a worker's stack; checks the contract and that the most held at once is at
/// most `factor` times the input plus `extra` and 2 MiB.
fn check(label: &str, yaml: String, factor: u64, extra: u64) -> Record {
    on_worker_stack(label, move || {
        let (mut records, cost) = allocations(|| read(yaml.as_bytes()));
        assert_eq!(records.len(), 1, "{label}");
        let record = records.remove(0);
        for d in &record.diagnostics {
            assert!(CODES.iter().any(|c| c.code == d.code), "{label}: undocumented {d}");
            assert!(d.location.line.is_some(), "{label}: {d} has no line");
        }
        let bound = factor * yaml.len() as u64 + extra + (2 << 20);
        eprintln!("{label}: {} bytes of input, peak {}", yaml.len(), cost.peak);
        assert!(cost.peak <= bound, "{label}: held {} bytes at most for {} bytes of input", cost.peak, yaml.len());
        record
    })
}

fn laughs(levels: usize, fan_out: usize) -> String {
    let mut yaml = String::from(HEAD);
    yaml.push_str("l0: &l0 \"lol lol lol lol lol lol lol lol\"\n");
    for level in 1..=levels {
        let refs = vec![format!("*l{}", level - 1); fan_out].join(", ");
        yaml.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
    }
    yaml.push_str(&format!("keywords: *l{levels}\n"));
    yaml
}

#[test]
fn billion_laughs_stop_at_the_alias_budget() {
    // 10^9 copies asked for; the budget allows 4 MiB of copies, and the anchors themselves are
    // held once more: a few times the budget at most, whatever the levels.
    for (levels, fan_out) in [(9, 10), (30, 2), (4, 200)] {
        let label = format!("laughs {levels}x{fan_out}");
        let record = check(&label, laughs(levels, fan_out), 64, 4 * MAX_ALIAS_EXPANSION as u64);
        assert!(record.diagnostics.iter().any(|d| d.code == crosswalk_cff::ALIAS_BUDGET), "{label}");
        assert!(record.has_errors());
        // What came before the expansion was read.
        assert_eq!(record.resource.titles[0].title, "T");
    }
    // A few aliases within the budget are read as copies (a contact who is an author).
    let yaml = format!(
        "{HEAD}contact:\n  - &who\n    family-names: Doe\n    given-names: Jane\nauthors-again: [*who, *who]\n"
    );
    let record = check("few aliases", yaml, 64, 0);
    assert!(!record.has_errors(), "{:?}", record.diagnostics);
}

#[test]
fn deep_nesting_stops_without_exhausting_the_stack() {
    let block: String = HEAD.to_owned()
        + "references:\n"
        + &(0..150).map(|i| format!("{}- k{i}:\n", " ".repeat(2 * (i + 1)))).collect::<String>();
    let record = check("block nesting", block, 64, 0);
    assert!(record.diagnostics.iter().any(|d| d.code == crosswalk_cff::TOO_DEEP));
    for open in ["[", "{a: ", "- "] {
        let flow = HEAD.to_owned() + "references: " + &open.repeat(200_000);
        let record = check(&format!("nesting {open:?}"), flow, 64, 0);
        assert!(record.has_errors(), "{open:?}");
    }
}

#[test]
fn repeated_keys_and_many_keys_cost_linear_work() {
    assert_linear(
        "repeated keys",
        20_000,
        |n| (0..n).map(|_| "title: T\n").collect::<String>(),
        |yaml: &String| drop(read(yaml.as_bytes())),
    );
    assert_linear(
        "unknown keys",
        20_000,
        |n| (0..n).map(|i| format!("k{i}: v\n")).collect::<String>(),
        |yaml: &String| drop(read(yaml.as_bytes())),
    );
}

#[test]
fn long_values_are_held_a_few_times_at_most() {
    let yaml = format!("{HEAD}abstract: \"{}\"\n", "a".repeat(3 << 20));
    let record = check("a 3 MiB abstract", yaml, 8, 0);
    assert!(!record.has_errors());
}
