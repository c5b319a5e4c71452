//! Language values of `language` and `langid` as BCP 47 tags, which is what DataCite's
//! `language` takes (anything else makes the XML invalid and the payload refused).
//!
//! `langid` holds a Babel or polyglossia language name (`ngerman`, `british`,
//! `chinese-traditional`); `language` holds free text, a list (`english and german`, `Italian,
//! English, French`), a code (`en`), or biblatex's localisation keys (`langlatin`, which biblatex
//! prints as "Latin"). Each piece is read as a tag when it is one, else looked up by name in
//! [`LANGUAGES`]; what is neither is no language.

/// Babel and polyglossia language names (biblatex's `langid` values and language keys without
/// their `lang` prefix) and common English (and a few native) language names, in lower case, with
/// their BCP 47 tag. A name that says a region or script says it in the tag (`british` →
/// `en-GB`, `serbianc` → `sr-Cyrl`, `chinese-traditional` → `zh-Hant`).
pub(crate) const LANGUAGES: &[(&str, &str)] = &[
    ("acadian", "fr-CA"),
    ("afrikaans", "af"),
    ("albanian", "sq"),
    ("american", "en-US"),
    ("amharic", "am"),
    ("ancientgreek", "grc"),
    ("arabic", "ar"),
    ("armenian", "hy"),
    ("australian", "en-AU"),
    ("austrian", "de-AT"),
    ("bahasa", "id"),
    ("bahasai", "id"),
    ("bahasam", "ms"),
    ("basque", "eu"),
    ("belarusian", "be"),
    ("bengali", "bn"),
    ("bokmal", "nb"),
    ("bokmål", "nb"),
    ("bosnian", "bs"),
    ("brazil", "pt-BR"),
    ("brazilian", "pt-BR"),
    ("brazilian portuguese", "pt-BR"),
    ("breton", "br"),
    ("british", "en-GB"),
    ("bulgarian", "bg"),
    ("canadian", "en-CA"),
    ("canadien", "fr-CA"),
    ("cantonese", "yue"),
    ("castilian", "es"),
    ("catalan", "ca"),
    ("chinese", "zh"),
    ("chinese-hans", "zh-Hans"),
    ("chinese-hant", "zh-Hant"),
    ("chinese-simplified", "zh-Hans"),
    ("chinese-traditional", "zh-Hant"),
    ("classiclatin", "la"),
    ("croatian", "hr"),
    ("czech", "cs"),
    ("danish", "da"),
    ("deutsch", "de"),
    ("dutch", "nl"),
    ("ecclesiasticlatin", "la"),
    ("english", "en"),
    ("espanol", "es"),
    ("español", "es"),
    ("esperanto", "eo"),
    ("estonian", "et"),
    ("farsi", "fa"),
    ("finnish", "fi"),
    ("flemish", "nl-BE"),
    ("francais", "fr"),
    ("français", "fr"),
    ("french", "fr"),
    ("friulan", "fur"),
    ("galician", "gl"),
    ("georgian", "ka"),
    ("german", "de"),
    ("greek", "el"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("hungarian", "hu"),
    ("icelandic", "is"),
    ("indonesian", "id"),
    ("interlingua", "ia"),
    ("irish", "ga"),
    ("italian", "it"),
    ("italiano", "it"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("latin", "la"),
    ("latvian", "lv"),
    ("lithuanian", "lt"),
    ("lowersorbian", "dsb"),
    ("lsorbian", "dsb"),
    ("macedonian", "mk"),
    ("magyar", "hu"),
    ("malay", "ms"),
    ("mandarin", "zh"),
    ("marathi", "mr"),
    ("medievallatin", "la"),
    ("mexican", "es-MX"),
    ("mongolian", "mn"),
    ("naustrian", "de-AT"),
    ("nederlands", "nl"),
    ("nepali", "ne"),
    ("newzealand", "en-NZ"),
    ("ngerman", "de"),
    ("norsk", "nb"),
    ("northernsami", "se"),
    ("norwegian", "no"),
    ("nswissgerman", "de-CH"),
    ("nynorsk", "nn"),
    ("occitan", "oc"),
    ("persian", "fa"),
    ("polish", "pl"),
    ("polutonikogreek", "el"),
    ("portuges", "pt"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("romanian", "ro"),
    ("romansh", "rm"),
    ("russian", "ru"),
    ("samin", "se"),
    ("sanskrit", "sa"),
    ("schinese", "zh-Hans"),
    ("scottish", "gd"),
    ("serbian", "sr-Latn"),
    ("serbianc", "sr-Cyrl"),
    ("simplified chinese", "zh-Hans"),
    ("slovak", "sk"),
    ("slovene", "sl"),
    ("slovenian", "sl"),
    ("spanish", "es"),
    ("swahili", "sw"),
    ("swedish", "sv"),
    ("swissgerman", "de-CH"),
    ("tamil", "ta"),
    ("tchinese", "zh-Hant"),
    ("telugu", "te"),
    ("thai", "th"),
    ("tibetan", "bo"),
    ("traditional chinese", "zh-Hant"),
    ("turkish", "tr"),
    ("ukenglish", "en-GB"),
    ("ukrainian", "uk"),
    ("uppersorbian", "hsb"),
    ("urdu", "ur"),
    ("usenglish", "en-US"),
    ("usorbian", "hsb"),
    ("vietnamese", "vi"),
    ("welsh", "cy"),
];

/// One language named by a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The piece as written.
    pub written: String,
    /// Its BCP 47 tag; `None` when it is no language Crosswalk can name.
    pub tag: Option<String>,
}

/// The languages a `language` or `langid` value names, in order: a list is split at ` and `,
/// `,`, `;` and `/`. When no piece is a language, the value is one piece (`n/a` is not two
/// unknown languages).
pub(crate) fn pieces(value: &str) -> Vec<Piece> {
    let pieces: Vec<Piece> = value
        .split([',', ';', '/'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(|piece| Piece { written: piece.to_owned(), tag: tag(piece) })
        .collect();
    if pieces.len() > 1 && pieces.iter().all(|p| p.tag.is_none()) {
        let whole = value.trim();
        return vec![Piece { written: whole.to_owned(), tag: tag(whole) }];
    }
    pieces
}

/// The BCP 47 tag of one language value: a tag as written, or the tag of a name (also of a
/// biblatex key `lang…`).
pub(crate) fn tag(value: &str) -> Option<String> {
    if is_tag(value) {
        return Some(value.to_owned());
    }
    let lower = value.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let by_name = |name: &str| LANGUAGES.binary_search_by(|(n, _)| (*n).cmp(name)).ok().and_then(|i| LANGUAGES.get(i));
    by_name(&lower).or_else(|| lower.strip_prefix("lang").and_then(by_name)).map(|&(_, tag)| tag.to_owned())
}

/// True for a value shaped as a BCP 47 tag: a primary language subtag of two or three letters
/// (`en`, `grc`), then subtags of one to eight letters or digits (`de-CH`, `zh-Hant`,
/// `sr-Latn-RS`).
pub(crate) fn is_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let primary_ok =
        subtags.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_lower_case_and_gives_tags() {
        for pair in LANGUAGES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (name, tag) in LANGUAGES {
            assert_eq!(name.to_lowercase(), *name);
            assert!(is_tag(tag), "{name}: {tag}");
        }
    }

    #[test]
    fn names_keys_and_codes() {
        assert_eq!(tag("english").as_deref(), Some("en"));
        assert_eq!(tag("British").as_deref(), Some("en-GB"));
        assert_eq!(tag("ngerman").as_deref(), Some("de"));
        assert_eq!(tag("langlatin").as_deref(), Some("la"));
        assert_eq!(tag("langgerman").as_deref(), Some("de"));
        assert_eq!(tag("chinese-traditional").as_deref(), Some("zh-Hant"));
        assert_eq!(tag("Traditional  Chinese").as_deref(), Some("zh-Hant"));
        assert_eq!(tag("de-CH").as_deref(), Some("de-CH"));
        assert_eq!(tag("Klingonish"), None);
        assert_eq!(tag("lang"), None);
        assert!(is_tag("zh-Hant") && is_tag("en") && !is_tag("English") && !is_tag("e") && !is_tag("en-"));
    }

    #[test]
    fn lists() {
        let written = |value: &str| pieces(value).into_iter().map(|p| (p.written, p.tag)).collect::<Vec<_>>();
        let p = |w: &str, t: Option<&str>| (w.to_owned(), t.map(str::to_owned));
        assert_eq!(
            written("Italian, English, French"),
            [p("Italian", Some("it")), p("English", Some("en")), p("French", Some("fr"))]
        );
        assert_eq!(written("english and ngerman"), [p("english", Some("en")), p("ngerman", Some("de"))]);
        assert_eq!(written("none; en"), [p("none", None), p("en", Some("en"))]);
        assert!(written(" , ").is_empty());
        assert_eq!(written("n/a"), [p("n/a", None)]);
        assert_eq!(written("Traditional Chinese"), [p("Traditional Chinese", Some("zh-Hant"))]);
    }
}
