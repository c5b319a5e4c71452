//! Checks of single text values: BCP 47 language tags, URLs, SPDX licence identifiers and years.

use std::time::{SystemTime, UNIX_EPOCH};

use language_tags::LanguageTag;

/// What is wrong with a language tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LanguageProblem {
    /// Not a BCP 47 tag at all.
    Syntax(String),
    /// Well-formed, but a subtag is not in the IANA registry (or the tag is otherwise not valid).
    Unregistered(String),
}

/// Checks a BCP 47 language tag: its syntax, then its subtags against the IANA registry.
pub(crate) fn language(tag: &str) -> Result<(), LanguageProblem> {
    let parsed = LanguageTag::parse(tag).map_err(|e| LanguageProblem::Syntax(e.to_string()))?;
    parsed.validate().map_err(|e| LanguageProblem::Unregistered(e.to_string()))
}

/// Checks that `text` is a well-formed absolute URI; with `web_only`, an `http`/`https` URL.
/// `Err` holds the reason.
pub(crate) fn url(text: &str, web_only: bool) -> Result<(), &'static str> {
    if text.is_empty() {
        return Err("it is empty");
    }
    if text.chars().any(char::is_whitespace) {
        return Err("it contains white space");
    }
    let Some((scheme, rest)) = text.split_once(':') else { return Err("it has no scheme such as https:") };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err("it has no scheme such as https:");
    }
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    if web_only && !web {
        return Err("it is not an http or https URL");
    }
    if let Some(bad) =
        rest.chars().find(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`'))
    {
        return Err(if bad == '\\' { "it contains a backslash" } else { "it contains a character URLs do not allow" });
    }
    let mut percent = rest.match_indices('%');
    if percent.any(|(at, _)| {
        !rest.get(at + 1..at + 3).is_some_and(|hex| hex.len() == 2 && hex.chars().all(|c| c.is_ascii_hexdigit()))
    }) {
        return Err("it contains a '%' not followed by two hexadecimal digits");
    }
    if web || scheme.eq_ignore_ascii_case("ftp") {
        let Some(after) = rest.strip_prefix("//") else { return Err("it lacks '//' and a host after the scheme") };
        let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        let (host, port) = match host_port.strip_prefix('[') {
            Some(ipv6) => match ipv6.split_once(']') {
                Some((_, rest)) => ("[ipv6]", rest.strip_prefix(':')),
                None => return Err("its IPv6 host is not closed with ']'"),
            },
            None => match host_port.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (host_port, None),
            },
        };
        if host.is_empty() {
            return Err("it has no host");
        }
        if host.starts_with('.') || host.ends_with("..") || host.contains("..") {
            return Err("its host name is malformed");
        }
        if port.is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit())) {
            return Err("its port is not a number");
        }
    } else if rest.is_empty() {
        return Err("it has nothing after the scheme");
    }
    Ok(())
}

/// How an SPDX identifier matched the licence list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Spdx {
    /// A listed licence or exception id, spelled as SPDX does, or a `LicenseRef-` id.
    Known,
    /// A listed id in other letter case: the SPDX spelling.
    Case(&'static str),
    /// Not in the list.
    Unknown,
}

/// Looks an identifier up in the SPDX licence list (and its exceptions).
pub(crate) fn spdx(id: &str) -> Spdx {
    if spdx::license_id(id).is_some() || spdx::exception_id(id).is_some() || id.starts_with("LicenseRef-") {
        return Spdx::Known;
    }
    let listed = spdx::identifiers::LICENSES
        .iter()
        .map(|l| l.name)
        .chain(spdx::identifiers::EXCEPTIONS.iter().map(|e| e.name))
        .find(|name| name.eq_ignore_ascii_case(id));
    match listed {
        Some(name) => Spdx::Case(name),
        None => Spdx::Unknown,
    }
}

/// The version of the SPDX licence list used.
pub(crate) fn spdx_list_version() -> &'static str {
    spdx::identifiers::VERSION
}

/// The current year (UTC), from the system clock.
pub(crate) fn current_year() -> i64 {
    let days = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    // The civil-from-days algorithm (H. Hinnant), enough of it for the year.
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    year_of_era + era * 400 + i64::from(month_index >= 10)
}

/// What is wrong with a publication year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum YearProblem {
    /// Not four digits.
    Form,
    /// Four digits, but outside 1000 … this year + 5.
    Implausible { latest: i64 },
}

/// Checks a publication year: four digits, from 1000 to five years from now.
pub(crate) fn publication_year(text: &str, current_year: i64) -> Result<(), YearProblem> {
    if text.len() != 4 || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(YearProblem::Form);
    }
    let year: i64 = text.parse().map_err(|_| YearProblem::Form)?;
    let latest = current_year + 5;
    if (1000..=latest).contains(&year) {
        Ok(())
    } else {
        Err(YearProblem::Implausible { latest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for good in ["en", "en-GB", "de-CH-1996", "zh-Hant-TW", "sr-Latn", "x-private", "EN-gb"] {
            assert_eq!(language(good), Ok(()), "{good}");
        }
        for bad in ["en_GB", "", "en--GB", "123", "toolongsubtag", "e n"] {
            assert!(matches!(language(bad), Err(LanguageProblem::Syntax(_))), "{bad}");
        }
        for unregistered in ["eng", "english", "xx", "en-UK", "en-Abcd"] {
            assert!(matches!(language(unregistered), Err(LanguageProblem::Unregistered(_))), "{unregistered}");
        }
    }

    #[test]
    fn urls() {
        for good in [
            "https://example.org/",
            "http://example.org:8080/a/b?c=d#e",
            "https://creativecommons.org/licenses/by/4.0/legalcode",
            "info:eu-repo/semantics/openAccess",
            "urn:nbn:de:0001-2",
            "https://[2001:db8::1]/x",
            "https://example.org/%C3%A9",
            "https://exämple.org/é",
            "ftp://ftp.example.org/file",
        ] {
            assert_eq!(url(good, false), Ok(()), "{good}");
        }
        for bad in [
            "example.org/page",
            "https://example.org/a b",
            "https//example.org",
            "https:/example.org",
            "https://",
            "https://example.org:80a/",
            "https://example.org/<x>",
            "https://example.org/%zz",
            "http://example..org/",
            "1http://example.org",
            "",
        ] {
            assert!(url(bad, false).is_err(), "{bad}");
        }
        assert!(url("ftp://ftp.example.org/", true).is_err());
        assert!(url("urn:x:y", true).is_err());
    }

    #[test]
    fn spdx_ids() {
        assert_eq!(spdx("CC-BY-4.0"), Spdx::Known);
        assert_eq!(spdx("cc-by-4.0"), Spdx::Case("CC-BY-4.0"));
        assert_eq!(spdx("mit"), Spdx::Case("MIT"));
        assert_eq!(spdx("Classpath-exception-2.0"), Spdx::Known);
        assert_eq!(spdx("LicenseRef-local-1"), Spdx::Known);
        assert_eq!(spdx("CC-BY-5.0"), Spdx::Unknown);
        assert!(!spdx_list_version().is_empty());
    }

    #[test]
    fn years() {
        let now = current_year();
        assert!(now >= 2025, "{now}");
        assert_eq!(publication_year("2020", 2026), Ok(()));
        assert_eq!(publication_year("1000", 2026), Ok(()));
        assert_eq!(publication_year("2031", 2026), Ok(()));
        assert_eq!(publication_year("2032", 2026), Err(YearProblem::Implausible { latest: 2031 }));
        assert_eq!(publication_year("0999", 2026), Err(YearProblem::Implausible { latest: 2031 }));
        for bad in ["20", "2020-01", "two thousand", " 2020", "٢٠٢٠"] {
            assert_eq!(publication_year(bad, 2026), Err(YearProblem::Form), "{bad}");
        }
    }
}
