//! Names in RIS author tags: `Family, Given` (the specification's form, also `Family,Given` and
//! `Family, Given, Suffix`), names in other orders (kept whole), and organisations: a name in
//! braces is `Organizational`, and a comma in a name that reads like an organisation's
//! (`University of California, Santa Barbara`) does not split it.

/// A name as read from an author tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Name {
    /// The name as written (braces removed).
    pub(crate) name: String,
    /// The given name(s), from `Family, Given`.
    pub(crate) given: Option<String>,
    /// The family name, from `Family, Given`.
    pub(crate) family: Option<String>,
    /// True for a name in braces.
    pub(crate) organizational: bool,
    /// True when a comma was not taken as `Family, Given` because the name reads like an
    /// organisation's.
    pub(crate) kept_whole: bool,
}

/// True when a text has a word that names organisations (the list every reader shares,
/// `crosswalk_rules::names::looks_like_organisation`), or more words than a family name has.
fn reads_like_organisation(text: &str) -> bool {
    let words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
    words > 4 || crosswalk_rules::names::looks_like_organisation(text)
}

/// Reads one author value (already trimmed).
pub(crate) fn parse(value: &str) -> Name {
    if let Some(inner) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
        return Name { name: inner.trim().to_owned(), organizational: true, ..Name::default() };
    }
    let mut name = Name { name: value.to_owned(), ..Name::default() };
    let Some((family, rest)) = value.split_once(',') else { return name };
    let family = family.trim();
    let given = rest.split(',').next().unwrap_or_default().trim();
    if family.is_empty() || given.is_empty() {
        return name;
    }
    if reads_like_organisation(family) || reads_like_organisation(given) {
        name.kept_whole = true;
        return name;
    }
    name.family = Some(family.to_owned());
    name.given = Some(given.to_owned());
    name
}

/// The `Family, Given` form a writer puts in an author tag (braces for organisations).
pub(crate) fn written(name: &str, given: Option<&str>, family: Option<&str>, organizational: bool) -> String {
    if organizational {
        return format!("{{{name}}}");
    }
    match (family, given) {
        (Some(family), Some(given)) if !name.contains(',') || name.trim().is_empty() => format!("{family}, {given}"),
        (Some(_), Some(_)) | (_, None) | (None, _) => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_given_forms() {
        let n = parse("Sankar, Martial");
        assert_eq!((n.family.as_deref(), n.given.as_deref()), (Some("Sankar"), Some("Martial")));
        assert_eq!(n.name, "Sankar, Martial");
        let n = parse("Toparlar,Y.");
        assert_eq!((n.family.as_deref(), n.given.as_deref()), (Some("Toparlar"), Some("Y.")));
        let n = parse("King, Martin Luther, Jr.");
        assert_eq!((n.family.as_deref(), n.given.as_deref()), (Some("King"), Some("Martin Luther")));
        assert_eq!(n.name, "King, Martin Luther, Jr.");
        let n = parse("Catarina Barata");
        assert_eq!((n.family, n.given, n.kept_whole), (None, None, false));
    }

    #[test]
    fn organisations_are_not_split() {
        let n = parse("{DataCite Metadata Working Group}");
        assert!(n.organizational);
        assert_eq!(n.name, "DataCite Metadata Working Group");
        let n = parse("University of California, Santa Barbara");
        assert!(n.kept_whole && !n.organizational);
        assert_eq!(n.family, None);
        assert!(parse("Smith, Consortium").kept_whole);
        assert!(!parse("Smith,").kept_whole);
    }

    #[test]
    fn written_forms() {
        assert_eq!(written("Sankar, Martial", Some("Martial"), Some("Sankar"), false), "Sankar, Martial");
        assert_eq!(written("Martial Sankar", Some("Martial"), Some("Sankar"), false), "Sankar, Martial");
        assert_eq!(written("ACME, Inc.", None, None, true), "{ACME, Inc.}");
        assert_eq!(written("Plato", None, None, false), "Plato");
    }
}
