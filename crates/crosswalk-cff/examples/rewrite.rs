//! Reads a CITATION.cff and writes it back (what Crosswalk makes of it), with the diagnostics
//! of both steps on standard error: `cargo run -p crosswalk-cff --example rewrite -- CITATION.cff`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: rewrite CITATION.cff");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    for record in crosswalk_cff::read(&bytes) {
        for d in &record.diagnostics {
            eprintln!("read: {d}");
        }
        let written = crosswalk_cff::write(&record.resource);
        for d in &written.diagnostics {
            eprintln!("write: {d}");
        }
        print!("{}", written.text);
    }
}
