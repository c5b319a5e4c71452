//! Person and organisation identifiers: ORCID, ISNI and ROR, their written forms and check
//! digits, and DOI names.
//!
//! Each check returns `Ok(())` or the reason, for the caller to put in a diagnostic.

use crosswalk_model::doi;

/// Why an identifier was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The text does not have the identifier's form.
    Form(&'static str),
    /// The form is right but the check digit (or checksum) is not: a typing error. Holds the
    /// expected check.
    CheckDigit(String),
}

/// Removes the first of `prefixes` that `text` starts with, ignoring ASCII case.
fn strip_any<'a>(text: &'a str, prefixes: &[&str]) -> &'a str {
    for prefix in prefixes {
        if let Some(head) = text.get(..prefix.len()) {
            if head.eq_ignore_ascii_case(prefix) {
                return text.get(prefix.len()..).unwrap_or_default();
            }
        }
    }
    text
}

/// The ISO 7064 MOD 11-2 check character of `digits` (ORCID, ISNI).
fn mod_11_2(digits: impl Iterator<Item = u32>) -> char {
    let total = digits.fold(0u32, |total, digit| ((total + digit) * 2) % 11);
    match (12 - total % 11) % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap_or('?'),
    }
}

/// Checks 15 digits and a check character (`0`–`9` or `X`).
fn check_16(chars: &[char], form: &'static str) -> Result<(), Problem> {
    let [body @ .., last] = chars else { return Err(Problem::Form(form)) };
    if body.len() != 15 || !body.iter().all(char::is_ascii_digit) || !(last.is_ascii_digit() || *last == 'X') {
        return Err(Problem::Form(form));
    }
    let expected = mod_11_2(body.iter().filter_map(|c| c.to_digit(10)));
    if expected == *last {
        Ok(())
    } else {
        Err(Problem::CheckDigit(expected.to_string()))
    }
}

/// An ORCID iD: `0000-0002-1825-0097`, bare or as an `https://orcid.org/` URL.
pub(crate) fn orcid(text: &str) -> Result<(), Problem> {
    const FORM: &str = "an ORCID iD is four groups of four digits joined by '-' (the last may be 'X'), bare or after https://orcid.org/";
    let bare = strip_any(
        text.trim(),
        &["https://orcid.org/", "http://orcid.org/", "https://sandbox.orcid.org/", "orcid.org/", "orcid:"],
    );
    let groups: Vec<&str> = bare.split('-').collect();
    if groups.len() != 4 || groups.iter().any(|g| g.chars().count() != 4) {
        return Err(Problem::Form(FORM));
    }
    let chars: Vec<char> = groups.concat().chars().collect();
    check_16(&chars, FORM)
}

/// An ISNI: 16 characters (spaces allowed between groups), bare or as an `https://isni.org/isni/` URL.
pub(crate) fn isni(text: &str) -> Result<(), Problem> {
    const FORM: &str =
        "an ISNI is 15 digits and a check character (digit or 'X'), bare or after https://isni.org/isni/";
    let bare = strip_any(text.trim(), &["https://isni.org/isni/", "http://isni.org/isni/", "isni.org/isni/", "isni:"]);
    let chars: Vec<char> = bare.chars().filter(|c| *c != ' ').collect();
    check_16(&chars, FORM)
}

/// The Crockford base-32 digits of ROR identifiers.
const ROR_DIGITS: &str = "0123456789abcdefghjkmnpqrstvwxyz";

/// A ROR identifier: `0` + six base-32 characters + a two-digit checksum, bare or as an
/// `https://ror.org/` URL.
pub(crate) fn ror(text: &str) -> Result<(), Problem> {
    const FORM: &str = "a ROR id is '0', six characters of 0-9 and a-z (without i, l, o, u) and two check digits, bare or after https://ror.org/";
    let bare = strip_any(text.trim(), &["https://ror.org/", "http://ror.org/", "ror.org/"]).to_ascii_lowercase();
    let chars: Vec<char> = bare.chars().collect();
    let [first, body @ .., c1, c2] = chars.as_slice() else { return Err(Problem::Form(FORM)) };
    if *first != '0' || body.len() != 6 || !c1.is_ascii_digit() || !c2.is_ascii_digit() {
        return Err(Problem::Form(FORM));
    }
    let mut value: u64 = 0;
    for c in body {
        let digit = ROR_DIGITS.find(*c).ok_or(Problem::Form(FORM))?;
        value = value * 32 + digit as u64;
    }
    let expected = 98 - (value * 100) % 97;
    let written = u64::from(c1.to_digit(10).unwrap_or(0) * 10 + c2.to_digit(10).unwrap_or(0));
    if expected == written {
        Ok(())
    } else {
        Err(Problem::CheckDigit(format!("{expected:02}")))
    }
}

/// A DOI name (`10.5438/0012`), bare or with a resolver (`https://doi.org/`, `doi:`).
pub(crate) fn doi(text: &str) -> Result<(), Problem> {
    if doi::normalise(text).is_some() {
        Ok(())
    } else {
        Err(Problem::Form("a DOI is '10.', a registrant code of digits and dots, '/', and a suffix without spaces"))
    }
}

/// A DOI name with nothing around it, as the `doi` attribute holds it.
pub(crate) fn bare_doi(text: &str) -> Result<(), Problem> {
    if doi::is_doi(text) {
        Ok(())
    } else if doi::normalise(text).is_some() {
        Err(Problem::Form("the DOI must be given without resolver or 'doi:' prefix (10.prefix/suffix)"))
    } else {
        doi(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orcid_forms_and_check_digits() {
        for good in [
            "0000-0002-1825-0097",
            "https://orcid.org/0000-0002-1825-0097",
            "http://orcid.org/0000-0002-1694-233X",
            "HTTPS://ORCID.ORG/0000-0001-5109-3700",
        ] {
            assert_eq!(orcid(good), Ok(()), "{good}");
        }
        assert_eq!(orcid("0000-0002-1825-0098"), Err(Problem::CheckDigit("7".into())));
        assert_eq!(orcid("0000-0002-1694-2330"), Err(Problem::CheckDigit("X".into())));
        for bad in ["0000000218250097", "0000-0002-1825", "0000-0002-1825-009a", "", "https://orcid.org/", "Jane Doe"] {
            assert!(matches!(orcid(bad), Err(Problem::Form(_))), "{bad}");
        }
    }

    #[test]
    fn isni_forms_and_check_digits() {
        for good in
            ["000000012146438X", "0000 0001 2146 438X", "https://isni.org/isni/000000012146438X", "0000000121032683"]
        {
            assert_eq!(isni(good), Ok(()), "{good}");
        }
        assert_eq!(isni("0000000121464381"), Err(Problem::CheckDigit("X".into())));
        assert!(matches!(isni("00000001214643"), Err(Problem::Form(_))));
        assert!(matches!(isni("A000000121464381"), Err(Problem::Form(_))));
    }

    #[test]
    fn ror_forms_and_checksums() {
        for good in ["https://ror.org/04wxnsj81", "04aj4c181", "http://ror.org/01an3r305", "ror.org/02h2x0161"] {
            assert_eq!(ror(good), Ok(()), "{good}");
        }
        assert_eq!(ror("https://ror.org/04wxnsj82"), Err(Problem::CheckDigit("81".into())));
        assert_eq!(ror("01an3r306"), Err(Problem::CheckDigit("05".into())));
        for bad in ["14wxnsj81", "04wxnsj8", "04wxnsi81", "https://ror.org/", "04wxnsj8x"] {
            assert!(matches!(ror(bad), Err(Problem::Form(_))), "{bad}");
        }
    }

    #[test]
    fn doi_names() {
        assert_eq!(doi("10.5438/0012"), Ok(()));
        assert_eq!(doi("https://doi.org/10.13039/501100000780"), Ok(()));
        assert!(doi("10.5438").is_err());
        assert!(doi("doi 10.5438/x").is_err());
        assert_eq!(bare_doi("10.5438/0012"), Ok(()));
        assert!(bare_doi("https://doi.org/10.5438/0012").is_err());
    }
}
