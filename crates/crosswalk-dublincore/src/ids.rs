//! Identifiers told apart by their form: Dublin Core's `dc:identifier`, `dc:relation` and
//! `dc:source` are untyped text, so a DOI, a handle, a URN, an ISBN, an ISSN, a URL or a
//! citation are recognised by how they are written.

use crosswalk_model::RelatedIdentifierType;

/// What an identifier value is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Id {
    /// A DOI (any resolver or `doi:`/`info:doi/` prefix removed), and whether it was removed.
    Doi(String, bool),
    /// A handle (`hdl:`, `info:hdl/` or the resolver `hdl.handle.net` removed), and whether it was.
    Handle(String, bool),
    /// A URN (not an ISBN's or ISSN's), as written.
    Urn(String),
    /// An ISBN (without `ISBN`/`urn:isbn:` before it), and whether something was removed.
    Isbn(String, bool),
    /// An ISSN (without `ISSN`/`urn:issn:` before it), and whether something was removed.
    Issn(String, bool),
    /// An arXiv identifier, as written (`arXiv:1501.00001`).
    ArXiv(String),
    /// A PubMed ID (digits, `PMID:` removed), and whether it was.
    Pmid(String, bool),
    /// A web address (`http`, `https`, `ftp`).
    Url(String),
    /// Text with white space in it: a citation or a statement, no identifier.
    Text,
    /// Anything else: a local identifier.
    Local,
}

impl Id {
    /// The DataCite identifier type and value of an identifier that can be a related identifier.
    pub(crate) fn related(&self) -> Option<(RelatedIdentifierType, String)> {
        use RelatedIdentifierType as T;
        Some(match self {
            Id::Doi(v, _) => (T::Doi, v.clone()),
            Id::Handle(v, _) => (T::Handle, v.clone()),
            Id::Urn(v) => (T::Urn, v.clone()),
            Id::Isbn(v, _) => (T::Isbn, v.clone()),
            Id::Issn(v, _) => (T::Issn, v.clone()),
            Id::ArXiv(v) => (T::ArXiv, v.clone()),
            Id::Pmid(v, _) => (T::Pmid, v.clone()),
            Id::Url(v) => (T::Url, v.clone()),
            Id::Text | Id::Local => return None,
        })
    }

    /// True when a resolver or label was removed to get the identifier.
    pub(crate) fn changed(&self) -> bool {
        matches!(
            self,
            Id::Doi(_, true) | Id::Handle(_, true) | Id::Isbn(_, true) | Id::Issn(_, true) | Id::Pmid(_, true)
        )
    }
}

/// Strips `prefix` from `text`, ignoring ASCII case.
fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

/// A label (`ISBN`, `ISSN`, `PMID`) followed by `:` or white space, removed.
fn after_label<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    let rest = strip_prefix_ci(text, label)?;
    let trimmed = rest.trim_start_matches([':', ' ', '\u{a0}']);
    (trimmed.len() < rest.len() || rest.is_empty()).then_some(trimmed.trim())
}

/// Classifies a trimmed value.
pub(crate) fn classify(value: &str) -> Id {
    if let Some(doi) = crosswalk_model::doi::normalise(value) {
        let changed = doi != value;
        return Id::Doi(doi, changed);
    }
    for prefix in ["hdl:", "info:hdl/", "https://hdl.handle.net/", "http://hdl.handle.net/"] {
        if let Some(rest) = strip_prefix_ci(value, prefix) {
            let rest = rest.trim();
            if rest.contains('/') && !rest.chars().any(char::is_whitespace) {
                return Id::Handle(rest.to_owned(), true);
            }
        }
    }
    if let Some(rest) = strip_prefix_ci(value, "urn:isbn:") {
        return Id::Isbn(rest.trim().to_owned(), true);
    }
    if let Some(rest) = strip_prefix_ci(value, "urn:issn:") {
        return Id::Issn(rest.trim().to_owned(), true);
    }
    if strip_prefix_ci(value, "urn:").is_some() && !value.chars().any(char::is_whitespace) {
        return Id::Urn(value.to_owned());
    }
    if let Some(rest) = after_label(value, "ISBN") {
        if is_isbn(rest) {
            return Id::Isbn(rest.to_owned(), true);
        }
    }
    if let Some(rest) = after_label(value, "ISSN") {
        if is_issn(rest) {
            return Id::Issn(rest.to_owned(), true);
        }
    }
    if let Some(rest) = after_label(value, "PMID") {
        if !rest.is_empty() && rest.len() <= 10 && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Id::Pmid(rest.to_owned(), true);
        }
    }
    if strip_prefix_ci(value, "arxiv:").is_some() && !value.chars().any(char::is_whitespace) {
        return Id::ArXiv(value.to_owned());
    }
    if is_issn(value) {
        return Id::Issn(value.to_owned(), false);
    }
    if is_isbn(value) && (value.contains('-') || value.len() == 13) {
        return Id::Isbn(value.to_owned(), false);
    }
    if is_web_address(value) {
        return Id::Url(value.to_owned());
    }
    if value.chars().any(char::is_whitespace) {
        return Id::Text;
    }
    Id::Local
}

/// `NNNN-NNNC`, the check character a digit or `X`.
pub(crate) fn is_issn(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 9
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 => *b == b'-',
            8 => b.is_ascii_digit() || matches!(b, b'X' | b'x'),
            _ => b.is_ascii_digit(),
        })
}

/// Ten or thirteen digits (the last of ten may be `X`), with hyphens or spaces between groups;
/// thirteen start with 978 or 979.
pub(crate) fn is_isbn(text: &str) -> bool {
    if !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | 'X' | 'x')) {
        return false;
    }
    let digits: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let x_only_last = digits.char_indices().all(|(i, c)| c.is_ascii_digit() || i + 1 == digits.len());
    match digits.len() {
        10 => x_only_last,
        13 => (digits.starts_with("978") || digits.starts_with("979")) && digits.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// A web address the model can link to (`http`, `https`, `ftp`), without white space.
pub(crate) fn is_web_address(value: &str) -> bool {
    ["http://", "https://", "ftp://"].iter().any(|p| strip_prefix_ci(value, p).is_some_and(|rest| !rest.is_empty()))
        && !value.chars().any(char::is_whitespace)
}

/// File name extensions that make a URL a file's (its content) rather than a landing page.
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "zip", "gz", "tgz", "tar", "7z", "bz2", "xz", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods",
    "csv", "tsv", "ppt", "pptx", "odp", "jpg", "jpeg", "png", "gif", "tif", "tiff", "svg", "mp3", "wav", "flac", "ogg",
    "mp4", "mov", "avi", "mkv", "webm", "epub", "nc", "h5", "hdf5", "json", "xml", "r", "py", "ipynb", "sav", "dta",
];

/// True for a URL whose path ends in a file name with a file's extension (`…/1/paper.pdf`).
pub(crate) fn is_file_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let Some((_, in_site)) = path.split_once('/') else { return false };
    let last = in_site.rsplit('/').next().unwrap_or(in_site);
    last.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(classify("https://doi.org/10.1234/abc"), Id::Doi("10.1234/abc".into(), true));
        assert_eq!(classify("10.1234/abc"), Id::Doi("10.1234/abc".into(), false));
        assert_eq!(classify("info:doi/10.1234/abc"), Id::Doi("10.1234/abc".into(), true));
        assert_eq!(classify("http://hdl.handle.net/1887/12345"), Id::Handle("1887/12345".into(), true));
        assert_eq!(classify("hdl:1887/12345"), Id::Handle("1887/12345".into(), true));
        assert_eq!(classify("urn:nbn:de:0000-123"), Id::Urn("urn:nbn:de:0000-123".into()));
        assert_eq!(classify("URN:ISBN:978-3-16-148410-0"), Id::Isbn("978-3-16-148410-0".into(), true));
        assert_eq!(classify("ISBN 978-3-16-148410-0"), Id::Isbn("978-3-16-148410-0".into(), true));
        assert_eq!(classify("ISBN: 0-19-852663-6"), Id::Isbn("0-19-852663-6".into(), true));
        assert_eq!(classify("9783161484100"), Id::Isbn("9783161484100".into(), false));
        assert_eq!(classify("ISSN 1234-567X"), Id::Issn("1234-567X".into(), true));
        assert_eq!(classify("1234-5678"), Id::Issn("1234-5678".into(), false));
        assert_eq!(classify("PMID: 12345678"), Id::Pmid("12345678".into(), true));
        assert_eq!(classify("arXiv:1501.00001"), Id::ArXiv("arXiv:1501.00001".into()));
        assert_eq!(classify("https://repo.example.org/123/"), Id::Url("https://repo.example.org/123/".into()));
        assert_eq!(classify("Smith, J. (2020) A title. Journal 1(2)."), Id::Text);
        assert_eq!(classify("12345"), Id::Local);
        assert_eq!(classify("1234567890"), Id::Local, "ten digits without hyphens are no ISBN by form alone");
    }

    #[test]
    fn file_urls() {
        assert!(is_file_url("https://eprints.example.ac.uk/1234/1/paper.PDF"));
        assert!(is_file_url("https://x.org/bitstream/1/2/data.csv?sequence=1"));
        assert!(!is_file_url("https://x.org/handle/1/2"));
        assert!(!is_file_url("https://x.org/1234/"));
        assert!(!is_file_url("https://www.example.org"));
        assert!(!is_file_url("https://x.org/v1.2"));
    }
}
