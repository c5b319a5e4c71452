//! Harvesting into a file, as `crosswalk harvest -o FILE` writes it and a program (the Python
//! module's `harvest(output=…)`) writes it too: what the client's harvesters hand over, page by
//! page, written before the state records the page, so that the command line and a program can
//! each go on with a harvest the other began.
//!
//! - [`HarvestFile`]: the file, written as `FILE.partial` until the harvest ends, gzip one member
//!   a page when the name ends `.gz` (so that it can be cut back between pages), cut back to the
//!   length the state recorded when a harvest resumes.
//! - [`datacite_lines`] and [`oai_text`]: a page as harvested: JSON Lines of the API's resource
//!   objects; for OAI-PMH one `ListRecords` document ([`oai_as_xml`]: a name ending `.xml` or
//!   `.xml.gz`) or JSON Lines of the records ([`crate::oai::harvested`]).
//! - [`records_of_item`]: the records of a harvested API resource object, read as `convert`
//!   reads a `GET /dois` response.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("crosswalk-harvest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("out.jsonl");
//! let mut file = crosswalk::harvest::HarvestFile::open(&path, None).unwrap();
//! assert_eq!(file.append("{\"id\":\"10.5072/a\"}\n").unwrap(), 19);
//! // A rerun that resumes after the first page cuts the file back to what the state recorded.
//! file.append("{\"id\":\"10.5072/b\"}\n").unwrap();
//! drop(file);
//! let file = crosswalk::harvest::HarvestFile::open(&path, Some(19)).unwrap();
//! file.finish().unwrap();
//! assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"id\":\"10.5072/a\"}\n");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::fs::{File, OpenOptions};
use std::io::{Seek as _, Write as _};
use std::path::{Path, PathBuf};

use crosswalk_client::harvest::Page;
use crosswalk_client::oai::{OaiPage, OaiQuery};
use serde_json::Value;

use crate::{Format, Record};

/// `NAME.partial` beside `path`: where an output is written until it is complete.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// The state file of a harvest into `output` when none is named: `OUTPUT.harvest.db` beside it.
///
/// ```
/// use std::path::Path;
/// assert_eq!(crosswalk::harvest::state_path(Path::new("dump/all.jsonl.gz")), Path::new("dump/all.jsonl.gz.harvest.db"));
/// ```
pub fn state_path(output: &Path) -> PathBuf {
    let mut name = output.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".harvest.db");
    output.with_file_name(name)
}

/// True when OAI-PMH records as harvested go to `output` as one `ListRecords` document (a name
/// ending `.xml` or `.xml.gz`, any case), false for JSON Lines.
pub fn oai_as_xml(output: &Path) -> bool {
    let name = output.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".xml") || name.ends_with(".xml.gz")
}

/// A harvest's file, written page by page: see the [module](self) documentation.
pub struct HarvestFile {
    path: PathBuf,
    partial: PathBuf,
    gzip: bool,
    file: File,
    len: u64,
}

impl HarvestFile {
    /// Opens `path`'s `.partial` file: new (a stale one replaced, a link never followed), or,
    /// for a harvest the state resumes, the one it wrote, cut back to `resume_len`.
    pub fn open(path: &Path, resume_len: Option<u64>) -> Result<HarvestFile, String> {
        let partial = partial_path(path);
        let gzip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", partial.display());
        let (file, len) = match resume_len {
            Some(len) => {
                let file = OpenOptions::new().write(true).open(&partial).map_err(|e| {
                    format!(
                        "the harvest the state continues wrote to {}, which cannot be opened ({e}); restore it, or start over with another state file",
                        partial.display()
                    )
                })?;
                file.set_len(len).map_err(failed)?;
                (file, len)
            }
            None => {
                if partial.symlink_metadata().is_ok() {
                    std::fs::remove_file(&partial).map_err(failed)?;
                }
                (OpenOptions::new().write(true).create_new(true).open(&partial).map_err(failed)?, 0)
            }
        };
        Ok(HarvestFile { path: path.to_path_buf(), partial, gzip, file, len })
    }

    /// Appends `text` (one gzip member when the file is gzip), flushed; the file's length after.
    pub fn append(&mut self, text: &str) -> Result<u64, String> {
        let bytes = if self.gzip {
            // One gzip member a page: the file can be cut back between pages.
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(text.as_bytes()).and_then(|()| encoder.finish()).map_err(|e| e.to_string())?
        } else {
            text.as_bytes().to_vec()
        };
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", self.partial.display());
        self.file.seek(std::io::SeekFrom::Start(self.len)).map_err(failed)?;
        self.file.write_all(&bytes).and_then(|()| self.file.flush()).map_err(failed)?;
        self.len += bytes.len() as u64;
        Ok(self.len)
    }

    /// The file's length so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True when nothing is written yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Puts a finished harvest's file in place (synced, renamed from `.partial`).
    pub fn finish(self) -> Result<(), String> {
        self.file.sync_all().map_err(|e| format!("cannot write {}: {e}", self.partial.display()))?;
        drop(self.file);
        std::fs::rename(&self.partial, &self.path).map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// A DataCite page as harvested: JSON Lines of the API's resource objects.
pub fn datacite_lines(page: &Page) -> String {
    page.items.iter().map(|item| format!("{item}\n")).collect()
}

/// An OAI-PMH page as harvested: the records of one `ListRecords` document (its start before
/// the harvest's first page; [`oai_end`] closes it), or JSON Lines of the records.
pub fn oai_text(page: &OaiPage, query: &OaiQuery, xml: bool) -> String {
    use crate::oai::harvested;
    if !xml {
        return page.items.iter().map(|i| harvested::json_line(i, &query.metadata_prefix) + "\n").collect();
    }
    let mut text = String::new();
    if page.first {
        text.push_str(&harvested::xml_start(&query.base_url, &query.metadata_prefix, page.response_date.as_deref()));
    }
    for item in &page.items {
        text.push_str(&harvested::xml_record(item));
    }
    text
}

/// What ends an OAI-PMH harvest's file: the `ListRecords` document's end, or nothing.
pub fn oai_end(xml: bool) -> &'static str {
    if xml {
        crate::oai::harvested::xml_end()
    } else {
        ""
    }
}

/// The records of an API resource object (an item of a `GET /dois` page, or a `GET /dois/{id}`
/// response), read as `convert` reads them: the base64 `xml` merged with the attributes.
pub fn records_of_item(item: &Value) -> Vec<Record> {
    crate::read(item.to_string().as_bytes(), Format::Payload).unwrap_or_default()
}
