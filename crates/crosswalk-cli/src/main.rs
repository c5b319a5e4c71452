//! The `crosswalk` command: a thin layer over the `crosswalk` library that handles files,
//! standard input and output, diagnostics printing and exit codes.

mod args;
mod output;
mod report;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use crosswalk::{Diagnostic, Format, JsonLayout, PayloadOptions, Record, Severity, Written};

use crate::args::{Cli, Command, ConvertArgs, FormatsArgs, InputArgs, PayloadArgs};
use crate::output::{Destination, Document};
use crate::report::{Context, Reporter};

/// Code of messages about the command line itself.
const USAGE: &str = "cli.usage";
/// Code of messages about files that cannot be read or written.
const IO: &str = "cli.io";

/// Exit status: every record converted.
const OK: u8 = 0;
/// Exit status: some record failed; the others were written.
const RECORD_FAILED: u8 = 1;
/// Exit status: a usage or I/O error.
const USAGE_OR_IO: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut reporter = Reporter::new(cli.message_format, cli.verbose, cli.quiet);
    let status = match &cli.command {
        Command::Convert(args) => convert(args, &mut reporter),
        Command::Payload(args) => payload(args, &mut reporter),
        Command::Formats(args) => formats(args),
    };
    ExitCode::from(status)
}

/// One input as read from a file or standard input.
struct Input {
    name: String,
    bytes: Vec<u8>,
}

/// A record read from an input, with the input's index.
struct ReadRecord {
    input: usize,
    several: bool,
    record: Record,
}

/// The outcome of reading every input: records and whether a usage or I/O problem occurred.
struct Reading {
    inputs: Vec<Input>,
    records: Vec<ReadRecord>,
    usage_problem: bool,
}

fn load_inputs(paths: &[PathBuf], reporter: &mut Reporter) -> (Vec<Input>, bool) {
    let mut inputs = Vec::new();
    let mut problem = false;
    let stdin_only = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin_only[..] } else { paths };
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(Input { name: "<stdin>".into(), bytes }),
                Err(e) => {
                    reporter.message(Severity::Error, IO, &format!("cannot read standard input: {e}"));
                    problem = true;
                }
            }
            continue;
        }
        if path.is_dir() {
            reporter.message(
                Severity::Error,
                USAGE,
                &format!("{} is a directory; name the files in it (e.g. {}/*.xml)", path.display(), path.display()),
            );
            problem = true;
            continue;
        }
        match std::fs::read(path) {
            Ok(bytes) => inputs.push(Input { name: path.display().to_string(), bytes }),
            Err(e) => {
                reporter.message(Severity::Error, IO, &format!("cannot read {}: {e}", path.display()));
                problem = true;
            }
        }
    }
    (inputs, problem)
}

/// Reads every input (detecting formats where needed) and reports the readers' diagnostics.
fn read_all(args: &InputArgs, reporter: &mut Reporter) -> Reading {
    let (inputs, mut usage_problem) = load_inputs(&args.inputs, reporter);
    let mut records = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let format = match args.from {
            Some(format) => format,
            None => match crosswalk::detect(&input.bytes) {
                Ok(detection) => detection.format,
                Err(e) => {
                    reporter.message(Severity::Error, USAGE, &format!("{}: {e}", input.name));
                    usage_problem = true;
                    continue;
                }
            },
        };
        let read = match crosswalk::read(&input.bytes, format) {
            Ok(read) => read,
            Err(e) => {
                reporter.message(
                    Severity::Error,
                    USAGE,
                    &format!(
                        "{}: detected as {format}, but {e}; if this is wrong, name the format with --from",
                        input.name
                    ),
                );
                usage_problem = true;
                continue;
            }
        };
        let several = read.len() > 1;
        for record in read {
            let context = context_of(&input.name, several, &record);
            for d in &record.diagnostics {
                reporter.diagnostic(&context, d);
            }
            records.push(ReadRecord { input: index, several, record });
        }
    }
    Reading { inputs, records, usage_problem }
}

fn context_of<'a>(file: &'a str, several: bool, record: &'a Record) -> Context<'a> {
    Context {
        file,
        record: several.then_some(record.origin.index),
        key: record.origin.key.as_deref().filter(|_| several),
    }
}

fn convert(args: &ConvertArgs, reporter: &mut Reporter) -> u8 {
    let reading = read_all(&args.input, reporter);
    let to = args.to;
    produce_all(reporter, reading, args.output.as_deref(), to, "converted", |resource, layout| {
        crosswalk::write_with(resource, to, layout).unwrap_or_else(|e| Written {
            text: String::new(),
            diagnostics: vec![Diagnostic::error(USAGE, e.to_string())],
        })
    })
}

fn payload(args: &PayloadArgs, reporter: &mut Reporter) -> u8 {
    let reading = read_all(&args.input, reporter);
    if args.doi.is_some() && reading.records.len() > 1 {
        reporter.message(
            Severity::Error,
            USAGE,
            &format!(
                "--doi names one DOI, but the input holds {} records; use --prefix, or records that carry their own DOIs",
                reading.records.len()
            ),
        );
        return USAGE_OR_IO;
    }
    let options = PayloadOptions {
        doi: args.doi.clone(),
        prefix: args.prefix.clone(),
        event: args.event,
        url: args.url.clone(),
        xml: args.xml,
    };
    produce_all(reporter, reading, args.output.as_deref(), Format::Payload, "built payloads for", |resource, layout| {
        match crosswalk::payload(resource, &options) {
            Ok(p) => {
                let text = match layout {
                    JsonLayout::Pretty => p.to_json_pretty(),
                    JsonLayout::Line => p.to_json_line(),
                };
                Written { text, diagnostics: p.diagnostics }
            }
            Err(refused) => Written { text: String::new(), diagnostics: refused.diagnostics },
        }
    })
}

/// Turns every readable record into a document with `produce` (a result with an error
/// diagnostic counts as failed), writes the documents and gives the exit status.
fn produce_all(
    reporter: &mut Reporter,
    reading: Reading,
    output: Option<&Path>,
    format: Format,
    verb: &str,
    produce: impl Fn(&crosswalk::Resource, JsonLayout) -> Written,
) -> u8 {
    let good = reading.records.iter().filter(|r| !r.record.has_errors()).count();
    let destination = match Destination::choose(output, format, good) {
        Ok(d) => d,
        Err(message) => {
            reporter.message(Severity::Error, USAGE, &message);
            return USAGE_OR_IO;
        }
    };
    let layout = if good == 1 || destination.one_file_each() { JsonLayout::Pretty } else { JsonLayout::Line };
    let mut documents = Vec::new();
    let mut failed = reading.records.len() - good;
    for read in reading.records.iter().filter(|r| !r.record.has_errors()) {
        let input = &reading.inputs[read.input];
        let context = context_of(&input.name, read.several, &read.record);
        let written = produce(&read.record.resource, layout);
        for d in &written.diagnostics {
            reporter.diagnostic(&context, d);
        }
        if written.diagnostics.iter().any(Diagnostic::is_error) {
            failed += 1;
        } else {
            documents.push(Document::new(&read.record, &input.name, written.text));
        }
    }
    finish(reporter, &reading, documents, failed, &destination, format, verb)
}

/// Writes the documents, prints the summary and gives the exit status.
fn finish(
    reporter: &mut Reporter,
    reading: &Reading,
    documents: Vec<Document>,
    failed: usize,
    destination: &Destination,
    format: Format,
    verb: &str,
) -> u8 {
    let written = documents.len();
    if let Err(message) = destination.write(documents, format) {
        reporter.message(Severity::Error, IO, &message);
        return USAGE_OR_IO;
    }
    let total = reading.records.len();
    if total != 1 || failed > 0 || reporter.hidden > 0 {
        let mut summary = format!("crosswalk: {verb} {written} of {total} record{}", if total == 1 { "" } else { "s" });
        if failed > 0 {
            summary.push_str(&format!("; {failed} failed"));
        }
        let [errors, warnings, infos] = reporter.counts;
        summary.push_str(&format!("; {errors} errors, {warnings} warnings, {infos} notes"));
        if reporter.hidden > 0 {
            summary.push_str(" (-v shows notes)");
        }
        debug_assert_eq!(written + failed, total);
        reporter.summary(&summary);
    }
    if reading.usage_problem {
        USAGE_OR_IO
    } else if failed > 0 {
        RECORD_FAILED
    } else {
        OK
    }
}

fn formats(args: &FormatsArgs) -> u8 {
    if args.json {
        let list: Vec<serde_json::Value> = crosswalk::FORMATS
            .iter()
            .map(|f| {
                serde_json::json!({
                    "name": f.name, "aliases": f.aliases, "mime": f.mime,
                    "read": f.read, "write": f.write, "description": f.description,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
        return OK;
    }
    println!("{:<14} {:<5} {:<5} {:<40} ALIASES", "NAME", "READ", "WRITE", "MIME TYPE");
    for f in crosswalk::FORMATS {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        println!("{:<14} {:<5} {:<5} {:<40} {}", f.name, yes_no(f.read), yes_no(f.write), f.mime, f.aliases.join(", "));
    }
    println!();
    for f in crosswalk::FORMATS {
        println!("{:<14} {}", f.name, f.description);
    }
    println!("\nNames are matched ignoring case, '-' and '_'; MIME types are accepted as names.");
    OK
}

/// The file stem of an input name, for output file names.
fn stem(name: &str) -> String {
    Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "record".into())
}
