//! Validates the XML files given on the command line and prints the diagnostics
//! (`cargo run -p crosswalk-validate --example validate_file -- a.xml b.xml`).

fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let diagnostics = crosswalk_validate::validate(&bytes);
                println!("{path}: {}", if crosswalk_validate::is_valid(&diagnostics) { "valid" } else { "invalid" });
                for d in diagnostics {
                    println!("  {d}");
                }
            }
            Err(e) => println!("{path}: {e}"),
        }
    }
}
