//! The `crosswalk` command: a thin layer over the `crosswalk` library that turns arguments into
//! a batch run (inputs, processing, output, progress, report) and gives the exit status.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod inputs;
mod output;
mod progress;
mod report;
mod signal;

use std::process::ExitCode;

use clap::Parser;
use crosswalk::batch::{self, Batch, Outcome, Processed, Progress, Summary};
use crosswalk::{
    as_warnings, validate_converted, validate_record, validate_written, Defaults, Diagnostic, Format, JsonLayout,
    PayloadMetadata, PayloadOptions, Record, Resource, SchemaChoice, Severity, ValidateOptions,
};

use crate::args::{
    BatchArgs, Cli, Command, ConvertArgs, ExplainArgs, FormatsArgs, InputArgs, OutputChecks, PayloadArgs, ValidateArgs,
};
use crate::output::{Destination, Sink};
use crate::report::{Reporter, ReporterOptions};

/// Code of messages about the command line itself.
const USAGE: &str = "cli.usage";
/// Code of messages about files that cannot be read or written.
const IO: &str = "cli.io";

/// Exit status: every record converted (or valid).
const OK: u8 = 0;
/// Exit status: some record failed; the others were written.
const RECORD_FAILED: u8 = 1;
/// Exit status: a usage or I/O error.
const USAGE_OR_IO: u8 = 2;
/// Exit status: stopped by Ctrl-C (128 + SIGINT, as shells report it); the report accounts for
/// the records read until then.
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    signal::default_sigpipe();
    libxml2_uses_mimalloc();
    let cli = Cli::parse();
    let status = match &cli.command {
        Command::Convert(args) => convert(&cli, args),
        Command::Payload(args) => payload(&cli, args),
        Command::Validate(args) => validate(&cli, args),
        Command::Formats(args) => formats(args),
        Command::Explain(args) => explain(args),
    };
    ExitCode::from(status)
}

fn reporter(cli: &Cli, batch: &BatchArgs) -> Reporter {
    Reporter::new(
        ReporterOptions {
            format: cli.message_format,
            verbose: cli.verbose,
            quiet: cli.quiet,
            max_messages: batch.max_messages,
        },
        batch.report.clone(),
    )
}

/// What a run does with each outcome besides reporting it.
enum Output {
    /// Write documents.
    Documents(Box<Sink>),
    /// Print one verdict per record on standard output.
    Verdicts,
}

/// Lets libxml2 allocate with mimalloc, as the Rust code does: validation spends a fifth of its
/// time in the C library's `malloc`/`free` otherwise.
#[allow(unsafe_code)]
fn libxml2_uses_mimalloc() {
    let allocator = crosswalk::validate::Libxml2Allocator {
        malloc: libmimalloc_sys::mi_malloc,
        realloc: libmimalloc_sys::mi_realloc,
        free: libmimalloc_sys::mi_free,
    };
    // SAFETY: first thing in `main`, before anything uses libxml2; mimalloc's functions are a
    // matching, thread-safe malloc/realloc/free family.
    unsafe {
        crosswalk::validate::use_libxml2_allocator(allocator);
    }
}

/// Runs the batch over the inputs, reports, writes, and gives the exit status.
fn run<P>(
    cli: &Cli,
    input: &InputArgs,
    batch_args: &BatchArgs,
    command: &str,
    verb: &str,
    mut output: Output,
    process: P,
) -> u8
where
    P: Fn(&Record, JsonLayout) -> Processed + Sync,
{
    let mut reporter = reporter(cli, batch_args);
    let expanded = match inputs::expand(&input.inputs) {
        Ok(expanded) => expanded,
        Err(message) => {
            reporter.message(Severity::Error, USAGE, &message);
            return USAGE_OR_IO;
        }
    };
    for (dir, count) in &expanded.skipped {
        reporter.message(
            Severity::Info,
            USAGE,
            &format!("{count} files in {} have other extensions and were not read", dir.display()),
        );
    }
    let total_bytes = expanded.inputs.iter().map(batch::Input::size).sum::<Option<u64>>();
    reporter.start_progress(total_bytes);
    signal::install();

    let progress = Progress::default();
    let jobs = batch_args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let batch = Batch {
        from: input.from,
        jobs,
        cancel: &signal::INTERRUPTED,
        fail_fast: batch_args.fail_fast,
        progress: &progress,
    };
    let mut input_problem = false;
    let mut output_problem: Option<String> = None;
    let mut done = 0u64;
    let mut failed = 0u64;
    let summary: Summary = batch::run(&batch, expanded.inputs, process, |outcome: Outcome| {
        done += 1;
        if outcome.failed() {
            failed += 1;
        }
        input_problem |=
            outcome.diagnostics.iter().any(|d| d.code == batch::INPUT_UNREADABLE || d.code == batch::INPUT_FORMAT);
        reporter.outcome(&outcome, &progress, done, failed);
        match &mut output {
            Output::Documents(sink) => {
                if let Some(text) = &outcome.text {
                    match sink.push(&outcome, text) {
                        Ok(Some(note)) => reporter.diagnostic(&report::Context::of(&outcome), &note),
                        Ok(None) => {}
                        Err(message) => {
                            output_problem = Some(message);
                            return false;
                        }
                    }
                }
            }
            Output::Verdicts => println!("{}", verdict(&outcome)),
        }
        true
    });
    if let Output::Documents(sink) = output {
        if output_problem.is_none() {
            if let Err(message) = sink.finish() {
                output_problem = Some(message);
            }
        }
    }
    if let Some(message) = &output_problem {
        reporter.message(Severity::Error, IO, message);
    }
    if let Err(message) = reporter.finish(command, verb, &summary) {
        reporter.message(Severity::Error, IO, &message);
        return USAGE_OR_IO;
    }
    if output_problem.is_some() || input_problem {
        USAGE_OR_IO
    } else if signal::INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        INTERRUPTED
    } else if summary.failed > 0 || summary.cancelled {
        RECORD_FAILED
    } else {
        OK
    }
}

/// `file: valid` or `file [record 3, key]: invalid (2 errors)`.
fn verdict(outcome: &Outcome) -> String {
    let mut name = outcome.input_name.clone();
    if outcome.several {
        name.push_str(&format!(" [record {}", outcome.origin.index + 1));
        if let Some(key) = outcome.origin.key.as_deref().or(outcome.doi.as_deref()) {
            name.push_str(&format!(", {key}"));
        }
        name.push(']');
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    match (errors, warnings) {
        (0, 0) => format!("{name}: valid"),
        (0, w) => format!("{name}: valid ({w} warning{})", plural(w)),
        (e, _) => format!("{name}: invalid ({e} error{})", plural(e)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// True for the formats whose output is DataCite metadata that the XSD can check.
fn is_datacite(format: Format) -> bool {
    matches!(format, Format::DataciteXml | Format::DataciteJson | Format::Payload)
}

/// Under --strict, the strict rules' findings join in and every warning becomes an error.
fn strictly(mut diagnostics: Vec<Diagnostic>, resource: &Resource, checks: &OutputChecks) -> Vec<Diagnostic> {
    if checks.strict {
        diagnostics.extend(crosswalk::validate::rules::check(resource));
        for d in &mut diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
                d.message.push_str(" (an error under --strict)");
            }
        }
    }
    diagnostics
}

fn convert(cli: &Cli, args: &ConvertArgs) -> u8 {
    let destination = Destination::from_option(args.output.as_deref());
    let one_file_each = destination.one_file_each();
    let sink = match Sink::new(destination, args.to) {
        Ok(sink) => sink,
        Err(message) => return usage_error(cli, &args.batch, &message),
    };
    let to = args.to;
    let validate = !args.checks.no_validate && is_datacite(to);
    let options = ValidateOptions::default();
    run(cli, &args.input, &args.batch, "convert", "converted", Output::Documents(Box::new(sink)), |record, layout| {
        let layout = if one_file_each { JsonLayout::Pretty } else { layout };
        let written = match crosswalk::write_with(&record.resource, to, layout) {
            Ok(written) => written,
            Err(e) => return Processed { text: None, diagnostics: vec![Diagnostic::error(USAGE, e.to_string())] },
        };
        let mut diagnostics = written.diagnostics;
        if validate {
            let findings = if to == Format::DataciteXml {
                validate_written(&written.text, &options)
            } else {
                validate_converted(&record.resource, &options)
            };
            diagnostics.extend(as_warnings(findings));
        }
        Processed { text: Some(written.text), diagnostics: strictly(diagnostics, &record.resource, &args.checks) }
    })
}

fn payload(cli: &Cli, args: &PayloadArgs) -> u8 {
    if args.doi.is_some() && args.input.inputs.len() > 1 {
        return usage_error(
            cli,
            &args.batch,
            "--doi names one DOI, but several inputs are given; use --prefix, or records that carry their own DOIs",
        );
    }
    let destination = Destination::from_option(args.output.as_deref());
    let one_file_each = destination.one_file_each();
    let sink = match Sink::new(destination, Format::Payload) {
        Ok(sink) => sink,
        Err(message) => return usage_error(cli, &args.batch, &message),
    };
    let options = PayloadOptions {
        doi: args.doi.clone(),
        prefix: args.prefix.clone(),
        event: args.event,
        url: args.url.clone(),
        xml: args.xml,
        url_template: args.url_template.clone(),
        defaults: Defaults {
            publisher: args.publisher.clone(),
            resource_type_general: args.resource_type_general.clone(),
            publication_year_from_date: args.publication_year_from_date,
        },
    };
    let validate = !args.checks.no_validate;
    let registering = args.event.is_some();
    let validation = ValidateOptions::default();
    run(
        cli,
        &args.input,
        &args.batch,
        "payload",
        "built payloads for",
        Output::Documents(Box::new(sink)),
        |record, layout| {
            let layout = if one_file_each { JsonLayout::Pretty } else { layout };
            if options.doi.is_some() && record.origin.index > 0 {
                return Processed {
                text: None,
                diagnostics: vec![Diagnostic::error(
                    USAGE,
                    "--doi names one DOI, but the input holds several records; use --prefix, or records that carry their own DOIs",
                )],
            };
            }
            let built = match crosswalk::payload_for_record(record, &options) {
                Ok(built) => built,
                Err(refused) => return Processed { text: None, diagnostics: refused.diagnostics },
            };
            let mut diagnostics = built.diagnostics.clone();
            if validate {
                let findings = match (&built.metadata, &built.prefix) {
                    // The XML as sent, when it carries its DOI.
                    (PayloadMetadata::Xml(xml), None) => validate_written(xml, &validation),
                    // DataCite fills the identifier of a prefix payload: check with a stand-in DOI.
                    (_, Some(prefix)) => {
                        let mut resource = payload_resource(&built.metadata, &record.resource);
                        resource.doi = Some(format!("{prefix}/generated-by-datacite"));
                        validate_converted(&resource, &validation)
                    }
                    (PayloadMetadata::Attributes(resource), None) => validate_converted(resource, &validation),
                };
                // DataCite validates Findable and Registered DOIs; a Draft is stored as it is.
                diagnostics.extend(if registering { findings } else { as_warnings(findings) });
            }
            let resource = payload_resource(&built.metadata, &record.resource);
            let diagnostics = strictly(diagnostics, &resource, &args.checks);
            let text = match layout {
                JsonLayout::Pretty => built.to_json_pretty(),
                JsonLayout::Line => built.to_json_line(),
            };
            Processed { text: Some(text), diagnostics }
        },
    )
}

/// The resource a payload carries (for XML payloads, the record's).
fn payload_resource(metadata: &PayloadMetadata, record: &Resource) -> Resource {
    match metadata {
        PayloadMetadata::Attributes(resource) => (**resource).clone(),
        PayloadMetadata::Xml(_) => record.clone(),
    }
}

fn validate(cli: &Cli, args: &ValidateArgs) -> u8 {
    let schema = match &args.schema {
        None => SchemaChoice::Embedded,
        Some(path) => match SchemaChoice::from_file(path) {
            Ok(schema) => schema,
            Err(d) => return usage_error(cli, &args.batch, &format!("{}: {}", path.display(), d.message)),
        },
    };
    let options = ValidateOptions { schema, strict: args.strict, findable: None };
    let findable = args.findable;
    run(cli, &args.input, &args.batch, "validate", "validated", Output::Verdicts, |record, _| {
        let mut diagnostics = validate_record(record, &options);
        if findable {
            diagnostics
                .extend(crosswalk::validate::rules::check_findable(&record.resource, record.resource.url.as_deref()));
        }
        let valid = !diagnostics.iter().any(Diagnostic::is_error);
        Processed { text: valid.then(String::new), diagnostics }
    })
}

fn usage_error(cli: &Cli, batch: &BatchArgs, message: &str) -> u8 {
    reporter(cli, batch).message(Severity::Error, USAGE, message);
    USAGE_OR_IO
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

fn explain(args: &ExplainArgs) -> u8 {
    let all = crosswalk::codes();
    let chosen: Vec<_> = if args.codes.is_empty() {
        all
    } else {
        all.into_iter()
            .filter(|c| args.codes.iter().any(|wanted| c.code == wanted || c.code.starts_with(wanted.as_str())))
            .collect()
    };
    if chosen.is_empty() {
        eprintln!(
            "crosswalk: no diagnostic code matches {}; `crosswalk explain` lists them all",
            args.codes.join(", ")
        );
        return USAGE_OR_IO;
    }
    for code in chosen {
        println!("{} ({})\n    {}\n", code.code, code.severity, code.summary);
    }
    OK
}
