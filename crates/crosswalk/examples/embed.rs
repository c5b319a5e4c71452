//! Embedding Crosswalk in repository software: read a record, report its diagnostics, write it
//! as DataCite JSON, and build and validate the payload that publishes it (writing and building
//! do not validate: `validate_converted` and `validate_payload` do).
//!
//! Run with `cargo run --example embed [FILE] [PREFIX] [URL]`; without arguments it uses the
//! bundled example record.

use crosswalk::{
    detect, payload, read, validate_converted, validate_payload, write, Event, Format, PayloadOptions, Severity,
    ValidateOptions,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/examples/dataset.xml").to_owned());
    let prefix = args.next().unwrap_or_else(|| "10.5072".to_owned());
    let url = args.next().unwrap_or_else(|| "https://repository.example.org/records/1".to_owned());

    let bytes = std::fs::read(&file)?;
    let detection = detect(&bytes)?;
    println!("{file}: {} ({})", detection.format, detection.rule);

    for record in read(&bytes, detection.format)? {
        for d in &record.diagnostics {
            if d.severity != Severity::Info {
                println!("  {d}");
            }
        }
        if record.has_errors() {
            println!("  record {} failed", record.origin.index + 1);
            continue;
        }

        let json = write(&record.resource, Format::DataciteJson)?;
        println!("DataCite JSON:\n{}", json.text);
        // Writing does not validate: check what DataCite would say of the record.
        for d in validate_converted(&record.resource, &ValidateOptions::default()) {
            println!("  {d}");
        }

        let options = PayloadOptions {
            prefix: Some(prefix.clone()),
            event: Some(Event::Publish),
            url: Some(url.clone()),
            ..Default::default()
        };
        match payload(&record.resource, &options) {
            Ok(p) => {
                let findings = validate_payload(&p, &ValidateOptions::default());
                if findings.iter().any(|d| d.is_error()) {
                    findings.iter().for_each(|d| println!("  {d}"));
                    println!("payload would be refused by DataCite");
                } else {
                    println!("payload:\n{}", p.to_json_pretty());
                }
            }
            Err(refused) => println!("payload refused: {refused}"),
        }
    }
    Ok(())
}
