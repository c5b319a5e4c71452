//! Licence URLs recognised as SPDX identifiers.
//!
//! DataCite's `rightsList` takes a licence as a URL (`rightsURI`) and, when it has one, an SPDX
//! identifier (`rightsIdentifier`, scheme `SPDX`). Sources mostly give the URL; the readers that
//! meet Creative Commons and spdx.org URLs (Crossref's licence references, Dublin Core's
//! `dc:rights`) identify them with this one rule, so that the same URL gets the same identifier
//! from every format. The URL is kept as written beside the identifier.
//!
//! ```
//! use crosswalk_rules::licences::{spdx_of_url, SPDX_SCHEME_URI};
//!
//! assert_eq!(spdx_of_url("http://creativecommons.org/licenses/by/4.0/").as_deref(), Some("CC-BY-4.0"));
//! assert_eq!(spdx_of_url("https://spdx.org/licenses/MIT.html").as_deref(), Some("MIT"));
//! assert_eq!(spdx_of_url("https://example.org/terms"), None);
//! assert_eq!(SPDX_SCHEME_URI, "https://spdx.org/licenses/");
//! ```

/// The `schemeURI` of SPDX identifiers.
pub const SPDX_SCHEME_URI: &str = "https://spdx.org/licenses/";

/// The SPDX identifier of a Creative Commons licence URL: the unported licences 1.0 to 4.0
/// (`…/licenses/by-nc/4.0/`, also with `legalcode` or `deed.en`) and CC0 (`…/publicdomain/zero/1.0/`).
/// Ported licences (`…/by/3.0/de/`) have SPDX identifiers of their own and are left alone.
///
/// ```
/// use crosswalk_rules::licences::creative_commons_spdx;
///
/// assert_eq!(creative_commons_spdx("https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode").as_deref(), Some("CC-BY-NC-ND-4.0"));
/// assert_eq!(creative_commons_spdx("https://creativecommons.org/licenses/by/3.0/de/"), None);
/// ```
pub fn creative_commons_spdx(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.split("creativecommons.org/").nth(1)?;
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["publicdomain", "zero", "1.0", ..] => Some("CC0-1.0".into()),
        ["licenses", kind, version, rest @ ..] => {
            let kinds = ["by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd"];
            let versions = ["1.0", "2.0", "2.5", "3.0", "4.0"];
            if !kinds.contains(kind) || !versions.contains(version) {
                return None;
            }
            // Ported licences (…/3.0/de/) have SPDX ids of their own; leave them alone.
            let port = rest.first().filter(|p| !matches!(**p, "legalcode" | "deed.en" | "legalcode.en"));
            if port.is_some() {
                return None;
            }
            Some(format!("CC-{}-{version}", kind.to_ascii_uppercase()))
        }
        _ => None,
    }
}

/// The SPDX identifier of an spdx.org licence page (`https://spdx.org/licenses/MIT.html`), as
/// the URL spells it.
///
/// ```
/// use crosswalk_rules::licences::spdx_org_id;
///
/// assert_eq!(spdx_org_id("https://spdx.org/licenses/Apache-2.0.html").as_deref(), Some("Apache-2.0"));
/// assert_eq!(spdx_org_id("https://spdx.org/licenses/"), None);
/// ```
pub fn spdx_org_id(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("spdx.org/licenses/")?;
    let id = rest.trim_end_matches('/').trim_end_matches(".html").trim_end_matches(".json");
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+')))
        .then(|| id.to_owned())
}

/// The SPDX identifier of a licence URL: a Creative Commons licence ([`creative_commons_spdx`])
/// or an spdx.org page ([`spdx_org_id`]).
pub fn spdx_of_url(url: &str) -> Option<String> {
    creative_commons_spdx(url).or_else(|| spdx_org_id(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creative_commons_urls() {
        assert_eq!(creative_commons_spdx("http://creativecommons.org/licenses/by/3.0/").as_deref(), Some("CC-BY-3.0"));
        assert_eq!(
            creative_commons_spdx("https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode").as_deref(),
            Some("CC-BY-NC-ND-4.0")
        );
        assert_eq!(
            creative_commons_spdx("https://creativecommons.org/publicdomain/zero/1.0/").as_deref(),
            Some("CC0-1.0")
        );
        assert_eq!(creative_commons_spdx("https://creativecommons.org/licenses/by/3.0/de/"), None);
        assert_eq!(creative_commons_spdx("https://creativecommons.org/licenses/by/5.0/"), None);
        assert_eq!(creative_commons_spdx("https://example.org/licence"), None);
    }

    #[test]
    fn spdx_pages() {
        assert_eq!(spdx_of_url("http://spdx.org/licenses/CC-BY-4.0").as_deref(), Some("CC-BY-4.0"));
        assert_eq!(spdx_org_id("https://spdx.org/licenses/a b.html"), None);
        assert_eq!(spdx_org_id("https://example.org/licenses/MIT"), None);
    }
}
