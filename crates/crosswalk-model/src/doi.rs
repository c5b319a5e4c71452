//! DOI text handling shared by every reader: recognising a DOI and removing a resolver prefix.
//!
//! DOIs are case-insensitive; Crosswalk keeps the case the source wrote (the REST API lowercases
//! `doi` on its side) and only removes what is not part of the name: a resolver URL or `doi:`.

/// Resolver and scheme prefixes that are not part of a DOI name, lowercase.
const PREFIXES: &[&str] = &[
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "https://handle.stage.datacite.org/",
    "https://handle.test.datacite.org/",
    "doi.org/",
    "doi:",
    "info:doi/",
];

/// Removes a resolver URL or `doi:` scheme and surrounding white space; `None` when the rest is
/// not a DOI (`10.` + registrant code + `/` + suffix).
///
/// ```
/// use crosswalk_model::doi::normalise;
///
/// assert_eq!(normalise("https://doi.org/10.5438/0012").as_deref(), Some("10.5438/0012"));
/// assert_eq!(normalise("doi:10.5438/ABC").as_deref(), Some("10.5438/ABC"));
/// assert_eq!(normalise("10.5438"), None);
/// ```
pub fn normalise(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let rest = PREFIXES
        .iter()
        .find_map(|prefix| {
            let head = trimmed.get(..prefix.len())?;
            head.eq_ignore_ascii_case(prefix).then(|| trimmed.get(prefix.len()..)).flatten()
        })
        .unwrap_or(trimmed)
        .trim();
    is_doi(rest).then(|| rest.to_owned())
}

/// True when `text` has the shape of a DOI name: `10.` + digits (and dots) + `/` + a suffix.
pub fn is_doi(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("10.") else { return false };
    let Some((registrant, suffix)) = rest.split_once('/') else { return false };
    !registrant.is_empty()
        && registrant.chars().all(|c| c.is_ascii_digit() || c == '.')
        && registrant.starts_with(|c: char| c.is_ascii_digit())
        && !suffix.trim().is_empty()
        && !suffix.chars().any(char::is_whitespace)
}

/// The prefix (`10.5438`) of a DOI name.
pub fn prefix(doi: &str) -> Option<&str> {
    doi.split_once('/').map(|(p, _)| p)
}

/// True when `prefix` has the shape of a DOI prefix (`10.` + digits and dots).
pub fn is_prefix(prefix: &str) -> bool {
    prefix
        .strip_prefix("10.")
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit() || c == '.') && !r.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_and_strips() {
        assert_eq!(normalise(" HTTPS://DOI.ORG/10.1/x ").as_deref(), Some("10.1/x"));
        assert_eq!(normalise("http://dx.doi.org/10.1234/a.b").as_deref(), Some("10.1234/a.b"));
        assert_eq!(normalise("10.5072/with space"), None);
        assert_eq!(normalise("11.5072/x"), None);
        assert_eq!(normalise("10.abc/x"), None);
        assert_eq!(prefix("10.5438/0012"), Some("10.5438"));
        assert!(is_prefix("10.5438"));
        assert!(!is_prefix("10.5438/"));
        assert!(!is_prefix("10."));
    }

    #[test]
    fn strips_a_resolver_when_a_character_straddles_byte_40() {
        // The 'é' covers bytes 39 and 40: the resolver used to be looked for in the first 40
        // bytes only, which then were not a whole text, so the DOI was not recognised.
        let url = "https://doi.org/10.5438/abcdefghijklmnoé";
        assert_eq!(normalise(url).as_deref(), Some("10.5438/abcdefghijklmnoé"));
    }
}
