//! Printing diagnostics and messages on standard error, and counting them.

use std::io::Write;

use crosswalk::{Diagnostic, Severity};
use serde::Serialize;

use crate::args::MessageFormat;

/// Which record of which input a diagnostic belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The input's name as the user gave it (`-` reads as `<stdin>`).
    pub file: &'a str,
    /// The record's 0-based index, when the input holds several records.
    pub record: Option<usize>,
    /// The record's key (a DOI), when known.
    pub key: Option<&'a str>,
}

/// Prints diagnostics as the user asked and keeps counts for the summary.
pub struct Reporter {
    format: MessageFormat,
    verbose: bool,
    quiet: bool,
    /// Diagnostics printed or hidden, by severity: error, warning, info.
    pub counts: [usize; 3],
    /// Info diagnostics not printed (without --verbose).
    pub hidden: usize,
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
    /// A reporter printing in `format`.
    pub fn new(format: MessageFormat, verbose: bool, quiet: bool) -> Self {
        Reporter { format, verbose, quiet, counts: [0; 3], hidden: 0 }
    }

    fn shown(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.quiet,
            Severity::Info => self.verbose,
        }
    }

    /// Prints one diagnostic of a record (if the verbosity shows it) and counts it.
    pub fn diagnostic(&mut self, context: &Context<'_>, d: &Diagnostic) {
        self.counts[severity_index(d.severity)] += 1;
        if !self.shown(d.severity) {
            if d.severity == Severity::Info {
                self.hidden += 1;
            }
            return;
        }
        let line = match self.format {
            MessageFormat::Json => serde_json::to_string(&JsonDiagnostic {
                file: context.file,
                record: context.record,
                key: context.key,
                diagnostic: d,
            })
            .unwrap_or_default(),
            MessageFormat::Human => human(context, d),
        };
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }

    /// Prints a message that belongs to no record (a usage or I/O problem, a summary).
    pub fn message(&mut self, severity: Severity, code: &'static str, text: &str) {
        let d = Diagnostic::new(severity, code, text);
        let context = Context { file: "crosswalk", record: None, key: None };
        if self.format == MessageFormat::Json {
            self.diagnostic(&context, &d);
        } else {
            self.counts[severity_index(severity)] += 1;
            if self.shown(severity) {
                let _ = writeln!(std::io::stderr().lock(), "crosswalk: {severity}: {text}");
            }
        }
    }

    /// Prints the closing summary line (human format only).
    pub fn summary(&self, text: &str) {
        if self.format == MessageFormat::Human && !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
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
        (Some(index), Some(key)) => out.push_str(&format!(" [record {}, {key}]", index + 1)),
        (Some(index), None) => out.push_str(&format!(" [record {}]", index + 1)),
        _ => {}
    }
    out
}
