//! Where converted documents go, as they arrive: standard output, one file, or a directory of
//! files (one per record, named by DOI or key).

use std::collections::HashSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crosswalk::batch::Outcome;
use crosswalk::{Assembler, Diagnostic, Format, Framing};

/// Where documents are written.
pub enum Destination {
    /// Standard output.
    Stdout,
    /// One file.
    File(PathBuf),
    /// A directory: one file per document.
    Directory(PathBuf),
}

impl Destination {
    /// The destination `-o PATH` names: a directory when the path is one or ends with `/`.
    pub fn from_option(output: Option<&Path>) -> Destination {
        match output {
            None => Destination::Stdout,
            Some(path) if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') => {
                Destination::Directory(path.to_path_buf())
            }
            Some(path) => Destination::File(path.to_path_buf()),
        }
    }

    /// True when each document gets its own file.
    pub fn one_file_each(&self) -> bool {
        matches!(self, Destination::Directory(_))
    }
}

/// Writes documents as they arrive.
pub struct Sink {
    destination: Destination,
    format: Format,
    stream: Option<BufWriter<Box<dyn Write>>>,
    /// A single-record format's first document, held until we know it is the only one.
    held: Option<String>,
    /// How several documents are put together.
    framing: Framing,
    /// Fixes what depends on the documents' order (unique BibTeX keys).
    assembler: Assembler,
    written: usize,
    used_names: HashSet<String>,
}

impl Sink {
    /// A sink writing `format` documents to `destination`.
    pub fn new(destination: Destination, format: Format) -> Result<Sink, String> {
        let stream: Option<BufWriter<Box<dyn Write>>> = match &destination {
            Destination::Stdout => Some(BufWriter::new(Box::new(std::io::stdout()))),
            Destination::File(_) => None,
            Destination::Directory(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create directory {}: {e}", dir.display()))?;
                None
            }
        };
        let framing = format.framing();
        Ok(Sink {
            destination,
            format,
            stream,
            held: None,
            framing,
            assembler: Assembler::new(),
            written: 0,
            used_names: HashSet::new(),
        })
    }

    /// Writes one document of `outcome` (which has one); a note when assembling changed it.
    pub fn push(&mut self, outcome: &Outcome, text: &str) -> Result<Option<Diagnostic>, String> {
        let (text, note) = self.assembler.add(self.format, text.to_owned());
        self.write_document(outcome, &text)?;
        Ok(note)
    }

    fn write_document(&mut self, outcome: &Outcome, text: &str) -> Result<(), String> {
        self.written += 1;
        if let Destination::Directory(dir) = &self.destination {
            let dir = dir.clone();
            let path = dir.join(self.file_name(outcome));
            let mut content = String::with_capacity(text.len() + 1);
            content.push_str(text);
            content.push('\n');
            return std::fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()));
        }
        match self.framing {
            Framing::Single => {
                // XML has no multi-record form: a second document needs a directory.
                if self.written > 1 {
                    return Err(format!(
                        "the input holds several records and {} has no multi-record form; write them to a directory with -o DIR/",
                        self.format
                    ));
                }
                self.held = Some(text.to_owned());
                Ok(())
            }
            Framing::JsonArray => {
                let separator = if self.written == 1 { "[\n" } else { ",\n" };
                self.write_raw(separator)?;
                self.write_raw(text)
            }
            Framing::JsonLines | Framing::Concatenated => {
                self.write_raw(text)?;
                self.write_raw("\n")
            }
        }
    }

    fn write_raw(&mut self, text: &str) -> Result<(), String> {
        if self.stream.is_none() {
            if let Destination::File(path) = &self.destination {
                let file = std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
                self.stream = Some(BufWriter::new(Box::new(file)));
            }
        }
        let name = self.name();
        let Some(stream) = self.stream.as_mut() else { return Ok(()) };
        stream.write_all(text.as_bytes()).map_err(|e| format!("cannot write to {name}: {e}"))
    }

    /// Writes what is held and flushes.
    pub fn finish(mut self) -> Result<(), String> {
        if let Some(text) = self.held.take() {
            self.write_raw(&text)?;
            self.write_raw("\n")?;
        }
        if self.framing == Framing::JsonArray && !matches!(self.destination, Destination::Directory(_)) {
            self.write_raw(if self.written == 0 { "[]\n" } else { "\n]\n" })?;
        }
        let name = self.name();
        match self.stream.as_mut() {
            Some(stream) => stream.flush().map_err(|e| format!("cannot write to {name}: {e}")),
            None => Ok(()),
        }
    }

    fn name(&self) -> String {
        match &self.destination {
            Destination::Stdout => "standard output".into(),
            Destination::File(path) | Destination::Directory(path) => path.display().to_string(),
        }
    }

    /// A unique file name for a record: its DOI, its key, or its input and position.
    fn file_name(&mut self, outcome: &Outcome) -> String {
        let base = match (&outcome.doi, &outcome.origin.key) {
            (Some(doi), _) => sanitise(doi),
            (None, Some(key)) => sanitise(key),
            (None, None) => format!("{}-{}", stem(&outcome.input_name), outcome.origin.index + 1),
        };
        let extension = self.format.extension();
        let mut name = format!("{base}.{extension}");
        let mut n = 2;
        while !self.used_names.insert(name.clone()) {
            name = format!("{base}-{n}.{extension}");
            n += 1;
        }
        name
    }
}

/// A DOI or key made safe as a file name: `/` and other separators become `_`.
fn sanitise(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect()
}

/// The file stem of an input name.
fn stem(name: &str) -> String {
    Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "record".into())
}
