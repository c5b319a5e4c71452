//! Where converted documents go: standard output, one file, or a directory of files.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crosswalk::{Format, Record};

/// One output document with the name it would get in a directory.
pub struct Document {
    file_name: String,
    text: String,
}

impl Document {
    /// A document for `record`, named by its DOI or by its input and position.
    pub fn new(record: &Record, input_name: &str, text: String) -> Self {
        let base = match &record.resource.doi {
            Some(doi) => sanitise(doi),
            None => format!("{}-{}", crate::stem(input_name), record.origin.index + 1),
        };
        Document { file_name: base, text }
    }
}

/// A DOI or key made safe as a file name: `/` and other separators become `_`.
fn sanitise(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect()
}

/// Where documents are written.
pub enum Destination {
    /// Standard output: one document, or JSON Lines.
    Stdout,
    /// One file: one document, or JSON Lines.
    File(PathBuf),
    /// A directory: one file per document.
    Directory(PathBuf),
}

impl Destination {
    /// Chooses the destination for `count` documents in `format` from `-o PATH`.
    ///
    /// A path that is an existing directory or ends with `/` is a directory. Several XML documents
    /// need a directory: XML has no multi-record form.
    pub fn choose(output: Option<&Path>, format: Format, count: usize) -> Result<Destination, String> {
        let several_xml = || {
            format!(
                "the input holds {count} records and {format} has no multi-record form; write them to a directory with -o DIR/"
            )
        };
        match output {
            None if count > 1 && !format.is_json() => Err(several_xml()),
            None => Ok(Destination::Stdout),
            Some(path) if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') => {
                Ok(Destination::Directory(path.to_path_buf()))
            }
            Some(_) if count > 1 && !format.is_json() => Err(several_xml()),
            Some(path) => Ok(Destination::File(path.to_path_buf())),
        }
    }

    /// True when every document gets its own file (and so may be pretty-printed).
    pub fn one_file_each(&self) -> bool {
        matches!(self, Destination::Directory(_))
    }

    /// Writes the documents.
    pub fn write(&self, documents: Vec<Document>, format: Format) -> Result<(), String> {
        match self {
            Destination::Stdout => {
                let mut out = std::io::stdout().lock();
                write_stream(&mut out, &documents).map_err(|e| format!("cannot write to standard output: {e}"))
            }
            Destination::File(path) => {
                if documents.is_empty() {
                    return Ok(());
                }
                let file = std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
                let mut out = std::io::BufWriter::new(file);
                write_stream(&mut out, &documents)
                    .and_then(|()| out.flush())
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            }
            Destination::Directory(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create directory {}: {e}", dir.display()))?;
                let mut used = HashSet::new();
                for document in documents {
                    let mut name = format!("{}.{}", document.file_name, format.extension());
                    let mut n = 2;
                    while !used.insert(name.clone()) {
                        name = format!("{}-{n}.{}", document.file_name, format.extension());
                        n += 1;
                    }
                    let path = dir.join(&name);
                    let mut text = document.text;
                    text.push('\n');
                    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                }
                Ok(())
            }
        }
    }
}

/// One document, or one per line; each followed by a newline.
fn write_stream(out: &mut impl Write, documents: &[Document]) -> std::io::Result<()> {
    for document in documents {
        out.write_all(document.text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
