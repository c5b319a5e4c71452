//! Language values read as the BCP 47 tags DataCite's `language` takes.
//!
//! Repositories write a record's language in many ways: a BCP 47 tag (`en`, `pt-BR`), a locale
//! with an underscore (`en_US`, which DSpace writes), an ISO 639-2 code (`eng`, and the
//! bibliographic `ger`, `fre`, `chi` that library systems use), or the language's name
//! (`English`, `Deutsch`). DataCite's `language` is an `xs:language`: anything but a tag makes
//! the XML invalid. [`language_tag`] reads each of these as the tag BCP 47 prefers (the
//! two-letter ISO 639-1 code where the language has one), and says how ([`How`]), so that the
//! reader can report what it changed. What is none of these is no language (`None`).
//!
//! The table [`ISO_639`] holds the 183 languages of ISO 639-1 with their ISO 639-2 codes
//! (terminological and, where different, bibliographic) and English names; [`OTHER_NAMES`]
//! adds common alternative and native names.
//!
//! ```
//! use crosswalk_rules::languages::{language_tag, How};
//!
//! assert_eq!(language_tag("en").map(|t| (t.tag, t.how)), Some(("en".into(), How::AsWritten)));
//! assert_eq!(language_tag("en_US").map(|t| (t.tag, t.how)), Some(("en-US".into(), How::Normalised)));
//! assert_eq!(language_tag("ger").map(|t| (t.tag, t.how)), Some(("de".into(), How::Iso639_2)));
//! assert_eq!(language_tag("English").map(|t| (t.tag, t.how)), Some(("en".into(), How::Name)));
//! assert_eq!(language_tag("Français").map(|t| t.tag).as_deref(), Some("fr"));
//! assert_eq!(language_tag("grc").map(|t| (t.tag, t.how)), Some(("grc".into(), How::AsWritten)));
//! assert!(language_tag("n/a").is_none());
//! ```

/// One language of ISO 639-1: its two-letter code, its ISO 639-2 terminological (T) and
/// bibliographic (B) codes (the same for most languages), and its English name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// The ISO 639-1 code, which BCP 47 uses.
    pub code: &'static str,
    /// The ISO 639-2/T code (also ISO 639-3's).
    pub terminological: &'static str,
    /// The ISO 639-2/B code.
    pub bibliographic: &'static str,
    /// The English name.
    pub name: &'static str,
}

const fn lang(code: &'static str, t: &'static str, b: &'static str, name: &'static str) -> Language {
    Language { code, terminological: t, bibliographic: b, name }
}

/// The languages of ISO 639-1, by code.
pub const ISO_639: &[Language] = &[
    lang("aa", "aar", "aar", "Afar"),
    lang("ab", "abk", "abk", "Abkhazian"),
    lang("ae", "ave", "ave", "Avestan"),
    lang("af", "afr", "afr", "Afrikaans"),
    lang("ak", "aka", "aka", "Akan"),
    lang("am", "amh", "amh", "Amharic"),
    lang("an", "arg", "arg", "Aragonese"),
    lang("ar", "ara", "ara", "Arabic"),
    lang("as", "asm", "asm", "Assamese"),
    lang("av", "ava", "ava", "Avaric"),
    lang("ay", "aym", "aym", "Aymara"),
    lang("az", "aze", "aze", "Azerbaijani"),
    lang("ba", "bak", "bak", "Bashkir"),
    lang("be", "bel", "bel", "Belarusian"),
    lang("bg", "bul", "bul", "Bulgarian"),
    lang("bi", "bis", "bis", "Bislama"),
    lang("bm", "bam", "bam", "Bambara"),
    lang("bn", "ben", "ben", "Bengali"),
    lang("bo", "bod", "tib", "Tibetan"),
    lang("br", "bre", "bre", "Breton"),
    lang("bs", "bos", "bos", "Bosnian"),
    lang("ca", "cat", "cat", "Catalan"),
    lang("ce", "che", "che", "Chechen"),
    lang("ch", "cha", "cha", "Chamorro"),
    lang("co", "cos", "cos", "Corsican"),
    lang("cr", "cre", "cre", "Cree"),
    lang("cs", "ces", "cze", "Czech"),
    lang("cu", "chu", "chu", "Church Slavic"),
    lang("cv", "chv", "chv", "Chuvash"),
    lang("cy", "cym", "wel", "Welsh"),
    lang("da", "dan", "dan", "Danish"),
    lang("de", "deu", "ger", "German"),
    lang("dv", "div", "div", "Divehi"),
    lang("dz", "dzo", "dzo", "Dzongkha"),
    lang("ee", "ewe", "ewe", "Ewe"),
    lang("el", "ell", "gre", "Greek"),
    lang("en", "eng", "eng", "English"),
    lang("eo", "epo", "epo", "Esperanto"),
    lang("es", "spa", "spa", "Spanish"),
    lang("et", "est", "est", "Estonian"),
    lang("eu", "eus", "baq", "Basque"),
    lang("fa", "fas", "per", "Persian"),
    lang("ff", "ful", "ful", "Fulah"),
    lang("fi", "fin", "fin", "Finnish"),
    lang("fj", "fij", "fij", "Fijian"),
    lang("fo", "fao", "fao", "Faroese"),
    lang("fr", "fra", "fre", "French"),
    lang("fy", "fry", "fry", "Western Frisian"),
    lang("ga", "gle", "gle", "Irish"),
    lang("gd", "gla", "gla", "Scottish Gaelic"),
    lang("gl", "glg", "glg", "Galician"),
    lang("gn", "grn", "grn", "Guarani"),
    lang("gu", "guj", "guj", "Gujarati"),
    lang("gv", "glv", "glv", "Manx"),
    lang("ha", "hau", "hau", "Hausa"),
    lang("he", "heb", "heb", "Hebrew"),
    lang("hi", "hin", "hin", "Hindi"),
    lang("ho", "hmo", "hmo", "Hiri Motu"),
    lang("hr", "hrv", "hrv", "Croatian"),
    lang("ht", "hat", "hat", "Haitian"),
    lang("hu", "hun", "hun", "Hungarian"),
    lang("hy", "hye", "arm", "Armenian"),
    lang("hz", "her", "her", "Herero"),
    lang("ia", "ina", "ina", "Interlingua"),
    lang("id", "ind", "ind", "Indonesian"),
    lang("ie", "ile", "ile", "Interlingue"),
    lang("ig", "ibo", "ibo", "Igbo"),
    lang("ii", "iii", "iii", "Sichuan Yi"),
    lang("ik", "ipk", "ipk", "Inupiaq"),
    lang("io", "ido", "ido", "Ido"),
    lang("is", "isl", "ice", "Icelandic"),
    lang("it", "ita", "ita", "Italian"),
    lang("iu", "iku", "iku", "Inuktitut"),
    lang("ja", "jpn", "jpn", "Japanese"),
    lang("jv", "jav", "jav", "Javanese"),
    lang("ka", "kat", "geo", "Georgian"),
    lang("kg", "kon", "kon", "Kongo"),
    lang("ki", "kik", "kik", "Kikuyu"),
    lang("kj", "kua", "kua", "Kuanyama"),
    lang("kk", "kaz", "kaz", "Kazakh"),
    lang("kl", "kal", "kal", "Kalaallisut"),
    lang("km", "khm", "khm", "Khmer"),
    lang("kn", "kan", "kan", "Kannada"),
    lang("ko", "kor", "kor", "Korean"),
    lang("kr", "kau", "kau", "Kanuri"),
    lang("ks", "kas", "kas", "Kashmiri"),
    lang("ku", "kur", "kur", "Kurdish"),
    lang("kv", "kom", "kom", "Komi"),
    lang("kw", "cor", "cor", "Cornish"),
    lang("ky", "kir", "kir", "Kyrgyz"),
    lang("la", "lat", "lat", "Latin"),
    lang("lb", "ltz", "ltz", "Luxembourgish"),
    lang("lg", "lug", "lug", "Ganda"),
    lang("li", "lim", "lim", "Limburgish"),
    lang("ln", "lin", "lin", "Lingala"),
    lang("lo", "lao", "lao", "Lao"),
    lang("lt", "lit", "lit", "Lithuanian"),
    lang("lu", "lub", "lub", "Luba-Katanga"),
    lang("lv", "lav", "lav", "Latvian"),
    lang("mg", "mlg", "mlg", "Malagasy"),
    lang("mh", "mah", "mah", "Marshallese"),
    lang("mi", "mri", "mao", "Maori"),
    lang("mk", "mkd", "mac", "Macedonian"),
    lang("ml", "mal", "mal", "Malayalam"),
    lang("mn", "mon", "mon", "Mongolian"),
    lang("mr", "mar", "mar", "Marathi"),
    lang("ms", "msa", "may", "Malay"),
    lang("mt", "mlt", "mlt", "Maltese"),
    lang("my", "mya", "bur", "Burmese"),
    lang("na", "nau", "nau", "Nauru"),
    lang("nb", "nob", "nob", "Norwegian Bokmål"),
    lang("nd", "nde", "nde", "North Ndebele"),
    lang("ne", "nep", "nep", "Nepali"),
    lang("ng", "ndo", "ndo", "Ndonga"),
    lang("nl", "nld", "dut", "Dutch"),
    lang("nn", "nno", "nno", "Norwegian Nynorsk"),
    lang("no", "nor", "nor", "Norwegian"),
    lang("nr", "nbl", "nbl", "South Ndebele"),
    lang("nv", "nav", "nav", "Navajo"),
    lang("ny", "nya", "nya", "Chichewa"),
    lang("oc", "oci", "oci", "Occitan"),
    lang("oj", "oji", "oji", "Ojibwa"),
    lang("om", "orm", "orm", "Oromo"),
    lang("or", "ori", "ori", "Oriya"),
    lang("os", "oss", "oss", "Ossetian"),
    lang("pa", "pan", "pan", "Punjabi"),
    lang("pi", "pli", "pli", "Pali"),
    lang("pl", "pol", "pol", "Polish"),
    lang("ps", "pus", "pus", "Pashto"),
    lang("pt", "por", "por", "Portuguese"),
    lang("qu", "que", "que", "Quechua"),
    lang("rm", "roh", "roh", "Romansh"),
    lang("rn", "run", "run", "Rundi"),
    lang("ro", "ron", "rum", "Romanian"),
    lang("ru", "rus", "rus", "Russian"),
    lang("rw", "kin", "kin", "Kinyarwanda"),
    lang("sa", "san", "san", "Sanskrit"),
    lang("sc", "srd", "srd", "Sardinian"),
    lang("sd", "snd", "snd", "Sindhi"),
    lang("se", "sme", "sme", "Northern Sami"),
    lang("sg", "sag", "sag", "Sango"),
    lang("si", "sin", "sin", "Sinhala"),
    lang("sk", "slk", "slo", "Slovak"),
    lang("sl", "slv", "slv", "Slovenian"),
    lang("sm", "smo", "smo", "Samoan"),
    lang("sn", "sna", "sna", "Shona"),
    lang("so", "som", "som", "Somali"),
    lang("sq", "sqi", "alb", "Albanian"),
    lang("sr", "srp", "srp", "Serbian"),
    lang("ss", "ssw", "ssw", "Swati"),
    lang("st", "sot", "sot", "Southern Sotho"),
    lang("su", "sun", "sun", "Sundanese"),
    lang("sv", "swe", "swe", "Swedish"),
    lang("sw", "swa", "swa", "Swahili"),
    lang("ta", "tam", "tam", "Tamil"),
    lang("te", "tel", "tel", "Telugu"),
    lang("tg", "tgk", "tgk", "Tajik"),
    lang("th", "tha", "tha", "Thai"),
    lang("ti", "tir", "tir", "Tigrinya"),
    lang("tk", "tuk", "tuk", "Turkmen"),
    lang("tl", "tgl", "tgl", "Tagalog"),
    lang("tn", "tsn", "tsn", "Tswana"),
    lang("to", "ton", "ton", "Tonga"),
    lang("tr", "tur", "tur", "Turkish"),
    lang("ts", "tso", "tso", "Tsonga"),
    lang("tt", "tat", "tat", "Tatar"),
    lang("tw", "twi", "twi", "Twi"),
    lang("ty", "tah", "tah", "Tahitian"),
    lang("ug", "uig", "uig", "Uyghur"),
    lang("uk", "ukr", "ukr", "Ukrainian"),
    lang("ur", "urd", "urd", "Urdu"),
    lang("uz", "uzb", "uzb", "Uzbek"),
    lang("ve", "ven", "ven", "Venda"),
    lang("vi", "vie", "vie", "Vietnamese"),
    lang("vo", "vol", "vol", "Volapük"),
    lang("wa", "wln", "wln", "Walloon"),
    lang("wo", "wol", "wol", "Wolof"),
    lang("xh", "xho", "xho", "Xhosa"),
    lang("yi", "yid", "yid", "Yiddish"),
    lang("yo", "yor", "yor", "Yoruba"),
    lang("za", "zha", "zha", "Zhuang"),
    lang("zh", "zho", "chi", "Chinese"),
    lang("zu", "zul", "zul", "Zulu"),
];

/// Other names of languages, in lower case: alternative English names and the languages' own
/// names for the languages repositories most often describe themselves in, with their tag.
pub const OTHER_NAMES: &[(&str, &str)] = &[
    ("bokmål", "nb"),
    ("castilian", "es"),
    ("castellano", "es"),
    ("català", "ca"),
    ("central khmer", "km"),
    ("chewa", "ny"),
    ("čeština", "cs"),
    ("dansk", "da"),
    ("deutsch", "de"),
    ("dhivehi", "dv"),
    ("eesti", "et"),
    ("español", "es"),
    ("euskara", "eu"),
    ("farsi", "fa"),
    ("flemish", "nl"),
    ("français", "fr"),
    ("frisian", "fy"),
    ("gaelic", "gd"),
    ("galego", "gl"),
    ("gikuyu", "ki"),
    ("greenlandic", "kl"),
    ("haitian creole", "ht"),
    ("hrvatski", "hr"),
    ("íslenska", "is"),
    ("italiano", "it"),
    ("kirghiz", "ky"),
    ("kwanyama", "kj"),
    ("latviešu", "lv"),
    ("lietuvių", "lt"),
    ("luganda", "lg"),
    ("magyar", "hu"),
    ("maldivian", "dv"),
    ("modern greek", "el"),
    ("moldavian", "ro"),
    ("navaho", "nv"),
    ("nederlands", "nl"),
    ("norsk", "no"),
    ("nyanja", "ny"),
    ("nynorsk", "nn"),
    ("ossetic", "os"),
    ("panjabi", "pa"),
    ("polski", "pl"),
    ("português", "pt"),
    ("pushto", "ps"),
    ("română", "ro"),
    ("sinhalese", "si"),
    ("slovene", "sl"),
    ("slovenčina", "sk"),
    ("slovenščina", "sl"),
    ("srpski", "sr"),
    ("suomi", "fi"),
    ("svenska", "sv"),
    ("türkçe", "tr"),
    ("uighur", "ug"),
    ("valencian", "ca"),
    ("ελληνικά", "el"),
    ("български", "bg"),
    ("русский", "ru"),
    ("српски", "sr"),
    ("українська", "uk"),
    ("עברית", "he"),
    ("العربية", "ar"),
    ("हिन्दी", "hi"),
    ("中文", "zh"),
    ("日本語", "ja"),
    ("한국어", "ko"),
];

/// How a value was read as a tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// The value is a BCP 47 tag as written.
    AsWritten,
    /// A tag written with `_` or in another case (`en_US`, `EN`): the same tag in BCP 47's
    /// spelling (`en-US`, `en`).
    Normalised,
    /// A three-letter ISO 639-2 code of a language that has a two-letter code (`eng`, `ger`),
    /// which BCP 47 uses instead.
    Iso639_2,
    /// The language's name (`English`, `Deutsch`).
    Name,
}

/// A language value read as a BCP 47 tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageTag {
    /// The tag.
    pub tag: String,
    /// How the value became the tag.
    pub how: How,
}

/// The BCP 47 tag of a language value: a tag, a locale, an ISO 639-2 code or a language's name
/// (see the [module documentation](self)); `None` when the value is none of these.
pub fn language_tag(value: &str) -> Option<LanguageTag> {
    let value = value.trim();
    if value.is_empty() || value.len() > 64 {
        return None;
    }
    if let Some(tag) = tag_spelling(value) {
        let (primary, rest) = tag.split_once('-').map_or((tag.as_str(), ""), |(p, r)| (p, r));
        // A three-letter code of a language with a two-letter one: BCP 47 uses the two letters.
        if primary.len() == 3 {
            if let Some(language) = by_three_letters(primary) {
                let tag = if rest.is_empty() { language.code.to_owned() } else { format!("{}-{rest}", language.code) };
                return Some(LanguageTag { tag, how: How::Iso639_2 });
            }
        }
        let how = if tag == value { How::AsWritten } else { How::Normalised };
        return Some(LanguageTag { tag, how });
    }
    let lower = value.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    ISO_639
        .iter()
        .find(|l| l.name.to_lowercase() == lower)
        .map(|l| l.code)
        .or_else(|| OTHER_NAMES.iter().find(|(name, _)| *name == lower).map(|(_, tag)| *tag))
        .map(|tag| LanguageTag { tag: tag.to_owned(), how: How::Name })
}

/// The language of an ISO 639-2 code (terminological or bibliographic), in lower case.
fn by_three_letters(code: &str) -> Option<&'static Language> {
    ISO_639.iter().find(|l| l.terminological == code || l.bibliographic == code)
}

/// A value shaped as a BCP 47 tag (a primary language subtag of two or three letters, then
/// subtags of one to eight letters or digits), separated by `-` or `_`, in BCP 47's conventional
/// case: language lower case, a four-letter script title case, a two-letter region upper case.
fn tag_spelling(value: &str) -> Option<String> {
    let mut subtags = value.split(['-', '_']);
    let primary = subtags.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut tag = primary.to_ascii_lowercase();
    for (i, subtag) in subtags.enumerate() {
        if !(1..=8).contains(&subtag.len()) || !subtag.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        tag.push('-');
        let letters = subtag.bytes().all(|b| b.is_ascii_alphabetic());
        match subtag.len() {
            2 if i <= 1 && letters => tag.push_str(&subtag.to_ascii_uppercase()),
            4 if i == 0 && letters => {
                let lower = subtag.to_ascii_lowercase();
                let mut chars = lower.chars();
                if let Some(first) = chars.next() {
                    tag.push(first.to_ascii_uppercase());
                    tag.push_str(chars.as_str());
                }
            }
            _ => tag.push_str(&subtag.to_ascii_lowercase()),
        }
    }
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_consistent() {
        for pair in ISO_639.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        for l in ISO_639 {
            assert_eq!(l.code.len(), 2, "{l:?}");
            assert_eq!(l.terminological.len(), 3, "{l:?}");
            assert_eq!(l.bibliographic.len(), 3, "{l:?}");
            assert_eq!(language_tag(l.name).map(|t| t.tag).as_deref(), Some(l.code), "{l:?}");
            assert_eq!(language_tag(l.terminological).map(|t| t.tag).as_deref(), Some(l.code), "{l:?}");
            assert_eq!(language_tag(l.bibliographic).map(|t| t.tag).as_deref(), Some(l.code), "{l:?}");
        }
        let threes: Vec<&str> = ISO_639.iter().flat_map(|l| [l.terminological, l.bibliographic]).collect();
        for (i, a) in threes.iter().enumerate() {
            let owner = &ISO_639[i / 2];
            assert!(
                ISO_639.iter().filter(|l| l.terminological == *a || l.bibliographic == *a).all(|l| l == owner),
                "{a} names two languages"
            );
        }
        for (name, tag) in OTHER_NAMES {
            assert_eq!(name.to_lowercase(), *name);
            assert!(ISO_639.iter().any(|l| l.code == *tag), "{name}: {tag}");
        }
    }

    #[test]
    fn values() {
        let read = |v: &str| language_tag(v).map(|t| (t.tag, t.how));
        let t = |tag: &str, how| Some((tag.to_owned(), how));
        assert_eq!(read("de-CH"), t("de-CH", How::AsWritten));
        assert_eq!(read("pt_BR"), t("pt-BR", How::Normalised));
        assert_eq!(read("EN"), t("en", How::Normalised));
        assert_eq!(read("zh-hant-tw"), t("zh-Hant-TW", How::Normalised));
        assert_eq!(read("fre"), t("fr", How::Iso639_2));
        assert_eq!(read("fra"), t("fr", How::Iso639_2));
        assert_eq!(read("eng-GB"), t("en-GB", How::Iso639_2));
        assert_eq!(read("und"), t("und", How::AsWritten));
        assert_eq!(read(" Norwegian  Bokmål "), t("nb", How::Name));
        assert_eq!(read("DEUTSCH"), t("de", How::Name));
        assert_eq!(read("Klingon language"), None);
        assert_eq!(read(""), None);
        assert_eq!(read("e"), None);
        assert_eq!(read("en-"), None);
    }
}
