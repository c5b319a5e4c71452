//! Printing diagnostics and messages on standard error, the progress line, the closing summary,
//! and the JSON report (`--report FILE`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crosswalk::batch::{Outcome, Progress, Summary};
use crosswalk::{Diagnostic, Severity};
use serde::Serialize;

use crate::args::MessageFormat;
use crate::progress::ProgressLine;

/// Which record of which input a diagnostic belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The input's name as the user gave it (`<stdin>` for standard input).
    pub file: &'a str,
    /// The record's 1-based number in its input, when the input holds several records.
    pub record: Option<usize>,
    /// The record's key (a DOI or citation key), when known.
    pub key: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// The context of an outcome's diagnostics.
    pub fn of(outcome: &'a Outcome) -> Self {
        Context {
            file: &outcome.input_name,
            record: outcome.several.then_some(outcome.origin.index + 1),
            key: outcome.origin.key.as_deref().or(outcome.doi.as_deref()).filter(|_| outcome.several),
        }
    }
}

/// How the user wants to hear about things.
pub struct ReporterOptions {
    /// Human lines or JSON lines.
    pub format: MessageFormat,
    /// Print notes too.
    pub verbose: bool,
    /// Print errors only.
    pub quiet: bool,
    /// Print at most this many diagnostics (the report file has all).
    pub max_messages: usize,
}

/// Prints diagnostics as the user asked, draws progress, and keeps what the report needs.
pub struct Reporter {
    options: ReporterOptions,
    /// Diagnostics by severity: error, warning, info.
    pub counts: [u64; 3],
    /// Info diagnostics not printed (without --verbose).
    pub hidden_notes: u64,
    /// Diagnostics not printed because of the message limit.
    pub over_limit: u64,
    printed: usize,
    progress: ProgressLine,
    report: Option<ReportBuilder>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

impl Reporter {
    /// A reporter; `report` names the JSON report file to write at the end.
    pub fn new(options: ReporterOptions, report: Option<PathBuf>) -> Self {
        let progress_wanted = options.format == MessageFormat::Human && !options.quiet;
        Reporter {
            progress: ProgressLine::new(progress_wanted, None),
            options,
            counts: [0; 3],
            hidden_notes: 0,
            over_limit: 0,
            printed: 0,
            report: report.map(ReportBuilder::new),
        }
    }

    /// Starts the progress line for inputs totalling `bytes` (when known).
    pub fn start_progress(&mut self, bytes: Option<u64>) {
        let wanted = self.options.format == MessageFormat::Human && !self.options.quiet;
        self.progress = ProgressLine::new(wanted, bytes);
    }

    fn shown(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.options.quiet,
            Severity::Info => self.options.verbose,
        }
    }

    /// Prints one diagnostic of a record (if the verbosity shows it) and counts it.
    pub fn diagnostic(&mut self, context: &Context<'_>, d: &Diagnostic) {
        self.counts[severity_index(d.severity)] += 1;
        if !self.shown(d.severity) {
            if d.severity == Severity::Info {
                self.hidden_notes += 1;
            }
            return;
        }
        if self.printed >= self.options.max_messages {
            self.over_limit += 1;
            return;
        }
        self.printed += 1;
        let line = match self.options.format {
            MessageFormat::Json => serde_json::to_string(&JsonDiagnostic {
                file: context.file,
                record: context.record,
                key: context.key,
                diagnostic: d,
            })
            .unwrap_or_default(),
            MessageFormat::Human => human(context, d),
        };
        self.progress.clear();
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }

    /// Reports one outcome: its diagnostics, the report entry, the progress line.
    pub fn outcome(&mut self, outcome: &Outcome, progress: &Progress, done: u64, failed: u64) {
        let context = Context::of(outcome);
        for d in &outcome.diagnostics {
            self.diagnostic(&context, d);
        }
        if let Some(report) = &mut self.report {
            report.add(outcome);
        }
        self.progress.tick(progress, done, failed);
    }

    /// Prints a message that belongs to no record (a usage or I/O problem).
    pub fn message(&mut self, severity: Severity, code: &'static str, text: &str) {
        let d = Diagnostic::new(severity, code, text);
        self.progress.clear();
        if self.options.format == MessageFormat::Json {
            let context = Context { file: "crosswalk", record: None, key: None };
            self.diagnostic(&context, &d);
        } else {
            self.counts[severity_index(severity)] += 1;
            if self.shown(severity) {
                let _ = writeln!(std::io::stderr().lock(), "crosswalk: {severity}: {text}");
            }
        }
        if let Some(report) = &mut self.report {
            report.messages.push(d);
        }
    }

    /// Prints the closing summary and writes the report file.
    pub fn finish(&mut self, command: &str, verb: &str, summary: &Summary) -> Result<(), String> {
        self.progress.clear();
        let accounted = summary.read == summary.written + summary.failed;
        let noteworthy = summary.read != 1 || summary.failed > 0 || self.hidden_notes > 0 || summary.cancelled;
        if self.options.format == MessageFormat::Human && !self.options.quiet && noteworthy {
            let [errors, warnings, notes] = self.counts;
            // `validate` writes no documents: its records are valid or invalid.
            let (written, failed) = if command == "validate" { ("valid", "invalid") } else { ("written", "failed") };
            let mut text = if command == "validate" {
                format!(
                    "crosswalk: {verb} {} record{}: {} valid, {} invalid",
                    summary.read,
                    plural(summary.read),
                    summary.written,
                    summary.failed
                )
            } else {
                let mut text =
                    format!("crosswalk: {verb} {} of {} record{}", summary.written, summary.read, plural(summary.read));
                if summary.failed > 0 {
                    text.push_str(&format!(", {} failed", summary.failed));
                }
                text
            };
            text.push_str(&format!(
                " ({} error{}, {} warning{}, {} note{})",
                errors,
                plural(errors),
                warnings,
                plural(warnings),
                notes,
                plural(notes)
            ));
            if summary.cancelled || summary.stopped {
                text.push_str("; stopped early, the records not read are not counted");
            }
            text.push_str(&format!(
                "\ncrosswalk: {} read {} {} {written} + {} {failed}",
                summary.read,
                if accounted { "=" } else { "≠" },
                summary.written,
                summary.failed
            ));
            if self.hidden_notes > 0 {
                text.push_str(&format!(
                    "; {} note{} not shown (-v shows them)",
                    self.hidden_notes,
                    plural(self.hidden_notes)
                ));
            }
            if summary.read > 1 && !summary.codes.is_empty() {
                let mut codes: Vec<(&String, &u64)> = summary.codes.iter().collect();
                codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let listed: Vec<String> = codes.iter().map(|(code, n)| format!("{code} {n}")).collect();
                text.push_str(&format!("\ncrosswalk: diagnostics by code: {}", listed.join(", ")));
            }
            if self.over_limit > 0 {
                text.push_str(&format!(
                    "; {} more diagnostics not shown (--max-messages, or --report FILE for all)",
                    self.over_limit
                ));
            }
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
        match self.report.take() {
            Some(report) => report.write(command, summary, accounted),
            None => Ok(()),
        }
    }
}

/// "s" for any count but one.
fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// `file:line:column: severity[code]: message (at path) [record N, key]`.
fn human(context: &Context<'_>, d: &Diagnostic) -> String {
    let mut out = String::from(context.file);
    if let Some(line) = d.location.line {
        out.push_str(&format!(":{line}"));
        if let Some(column) = d.location.column {
            out.push_str(&format!(":{column}"));
        }
    }
    out.push_str(&format!(": {}[{}]: {}", d.severity, d.code, d.message));
    if let Some(path) = &d.location.path {
        out.push_str(&format!(" (at {path})"));
    }
    match (context.record, context.key) {
        (Some(number), Some(key)) => out.push_str(&format!(" [record {number}, {key}]")),
        (Some(number), None) => out.push_str(&format!(" [record {number}]")),
        _ => {}
    }
    out
}

/// One failed record in the report.
#[derive(Serialize)]
struct Failure {
    input: String,
    /// 1-based, as in the diagnostics printed.
    record: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    diagnostics: Vec<Diagnostic>,
}

/// Collects what `--report FILE` writes.
struct ReportBuilder {
    path: PathBuf,
    failures: Vec<Failure>,
    messages: Vec<Diagnostic>,
    inputs: BTreeMap<String, [u64; 3]>,
}

impl ReportBuilder {
    fn new(path: PathBuf) -> Self {
        ReportBuilder { path, failures: Vec::new(), messages: Vec::new(), inputs: BTreeMap::new() }
    }

    fn add(&mut self, outcome: &Outcome) {
        let counts = self.inputs.entry(outcome.input_name.clone()).or_default();
        counts[0] += 1;
        if outcome.failed() {
            counts[2] += 1;
            self.failures.push(Failure {
                input: outcome.input_name.clone(),
                record: outcome.origin.index + 1,
                key: outcome.origin.key.clone().or_else(|| outcome.doi.clone()),
                line: outcome.origin.line,
                diagnostics: outcome.diagnostics.clone(),
            });
        } else {
            counts[1] += 1;
        }
    }

    fn write(self, command: &str, summary: &Summary, accounted: bool) -> Result<(), String> {
        #[derive(Serialize)]
        struct InputCounts {
            input: String,
            read: u64,
            written: u64,
            failed: u64,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            crosswalk: &'a str,
            command: &'a str,
            read: u64,
            written: u64,
            failed: u64,
            accounted: bool,
            cancelled: bool,
            stopped: bool,
            codes: &'a BTreeMap<String, u64>,
            inputs: Vec<InputCounts>,
            failures: &'a [Failure],
            messages: &'a [Diagnostic],
        }
        let inputs = self
            .inputs
            .iter()
            .map(|(input, [read, written, failed])| InputCounts {
                input: input.clone(),
                read: *read,
                written: *written,
                failed: *failed,
            })
            .collect();
        let report = Report {
            crosswalk: env!("CARGO_PKG_VERSION"),
            command,
            read: summary.read,
            written: summary.written,
            failed: summary.failed,
            accounted,
            cancelled: summary.cancelled,
            stopped: summary.stopped,
            codes: &summary.codes,
            inputs,
            failures: &self.failures,
            messages: &self.messages,
        };
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        write_file(&self.path, &text)
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, format!("{text}\n")).map_err(|e| format!("cannot write the report {}: {e}", path.display()))
}
