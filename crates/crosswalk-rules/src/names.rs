//! Personal names written in one string, split into the parts DataCite asks for.
//!
//! DataCite wants a person's `name` as `Family, Given` with `familyName` and `givenName` beside
//! it; many sources give only "Given Family" in one string (a schema.org `Person` with only
//! `name`, a Codemeta 1.0 agent, a CSL `literal` with an ORCID). [`split_personal_name`] splits
//! such a string when the reader knows the agent is a person ([`is_person`]: a `Personal`
//! nameType, which a schema.org `Person` gives, or an ORCID), and never when it names an
//! organisation ([`looks_like_organisation`]; a ROR identifier or an `Organization` type, which
//! the reader knows, refuse it too). The rules:
//!
//! - **Western order**, "Given … Family": the last word is the family name, with the particles
//!   before it (`van`, `von`, `de`, `de la`, `van der`, `da`, `di`, `le`, `bin`, `al` …:
//!   "Ludwig van Beethoven" → family `van Beethoven`, given `Ludwig`); at least one word stays
//!   the given name.
//! - **Suffixes** (`Jr.`, `Sr.`, `II`, `III`, `IV`), last or after a comma, are neither part:
//!   `name` ends with them after a comma (`King, Martin Luther, Jr.`), as the Crossref reader
//!   writes.
//! - **Already ordered**: "Family, Given" (and "Family, Given, Suffix", "Family, Suffix, Given")
//!   is split at its commas; "Smith JA" (Vancouver style, initials after the family name) keeps
//!   that order.
//! - **Chinese, Japanese and Korean** names (Han, Hangul or Kana script) are family-first: with a
//!   space, the first word is the family name ("山田 太郎"); without one, the first character,
//!   or two for a two-character surname ("欧阳", "남궁") and in a four-character Han name
//!   ("山田太郎"). A name without a space that has Kana is not split: where a Japanese family
//!   name ends cannot be told from the characters.
//! - **Not a name** of one person, so not split: one word, more than six words, digits or
//!   symbols, "and", "&", an organisation's word.
//!
//! Splitting never loses or adds a character: the family name, given name and suffix together
//! hold every character of the input but its white space and commas (a property test checks
//! this).
//!
//! ```
//! use crosswalk_rules::names::split_personal_name;
//!
//! let king = split_personal_name("Martin Luther King Jr.").unwrap();
//! assert_eq!((king.family.as_str(), king.given.as_str()), ("King", "Martin Luther"));
//! assert_eq!(king.display(), "King, Martin Luther, Jr.");
//! assert_eq!(split_personal_name("山田 太郎").unwrap().display(), "山田, 太郎");
//! assert_eq!(split_personal_name("Jean de la Fontaine").unwrap().family, "de la Fontaine");
//! assert!(split_personal_name("University of California, Santa Barbara").is_none());
//! assert!(split_personal_name("Plato").is_none());
//! ```

use crosswalk_model::{Diagnostic, NameIdentifier, NameType};

use crate::NAME_SPLIT;

/// A person's name in its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonalName {
    /// The family name with its particles (`van Beethoven`).
    pub family: String,
    /// The given names (`Martin Luther`, `J. R. R.`).
    pub given: String,
    /// A generational suffix (`Jr.`, `III`), which is neither family nor given name.
    pub suffix: Option<String>,
}

impl PersonalName {
    /// The name as DataCite asks for it: `Family, Given`, with `, Suffix` when there is one.
    pub fn display(&self) -> String {
        match &self.suffix {
            Some(suffix) => format!("{}, {}, {suffix}", self.family, self.given),
            None => format!("{}, {}", self.family, self.given),
        }
    }

    /// The diagnostic reporting that `original` was split into these parts, without a
    /// location ([`NAME_SPLIT`], info).
    ///
    /// ```
    /// let split = crosswalk_rules::names::split_personal_name("Martin Fenner").unwrap();
    /// assert_eq!(
    ///     split.diagnostic("Martin Fenner").message,
    ///     "the person's name \"Martin Fenner\" is split into familyName \"Fenner\" and givenName \"Martin\" and written \"Fenner, Martin\""
    /// );
    /// ```
    pub fn diagnostic(&self, original: &str) -> Diagnostic {
        let display = self.display();
        let written = if display == original.trim() { String::new() } else { format!(" and written \"{display}\"") };
        let message = format!(
            "the person's name \"{original}\" is split into familyName \"{}\" and givenName \"{}\"{written}",
            self.family, self.given
        );
        Diagnostic::info(NAME_SPLIT, message)
    }
}

/// Words that make a name an organisation's, compared in lower case with whole words (a name is
/// also split into words at hyphens, so that `Max-Planck-Institut` has the word `institut`).
pub const ORGANISATION_WORDS: &[&str] = &[
    "academia",
    "academy",
    "agency",
    "akademie",
    "alliance",
    "archiv",
    "archive",
    "archives",
    "asociación",
    "associação",
    "association",
    "associazione",
    "authority",
    "biblioteca",
    "bibliothek",
    "bibliothèque",
    "board",
    "bureau",
    "center",
    "centre",
    "centro",
    "centrum",
    "clinic",
    "collaboration",
    "collective",
    "college",
    "commission",
    "committee",
    "community",
    "company",
    "consortium",
    "cooperative",
    "corp",
    "corporation",
    "council",
    "department",
    "dept",
    "division",
    "faculty",
    "federation",
    "fondation",
    "fondazione",
    "foundation",
    "fundación",
    "fundação",
    "gesellschaft",
    "ggmbh",
    "gmbh",
    "government",
    "group",
    "hochschule",
    "hospital",
    "inc",
    "incorporated",
    "initiative",
    "institut",
    "institute",
    "institution",
    "instituto",
    "istituto",
    "lab",
    "laboratoire",
    "laboratories",
    "laboratorium",
    "laboratory",
    "labs",
    "library",
    "limited",
    "llc",
    "llp",
    "ltd",
    "ministerium",
    "ministry",
    "ministère",
    "musée",
    "museo",
    "museum",
    "network",
    "observatory",
    "office",
    "organisation",
    "organization",
    "partnership",
    "plc",
    "program",
    "programme",
    "project",
    "publisher",
    "publishers",
    "publishing",
    "school",
    "service",
    "services",
    "sociedad",
    "società",
    "society",
    "société",
    "stiftung",
    "survey",
    "team",
    "the",
    "trust",
    "union",
    "unit",
    "universidad",
    "universidade",
    "universitat",
    "universitet",
    "universiteit",
    "university",
    "università",
    "universität",
    "université",
    "uniwersytet",
    "verein",
    "zentrum",
];

/// Endings of German compound words that name organisations (`Forschungszentrum`,
/// `Universitätsbibliothek`).
const ORGANISATION_ENDINGS: &[&str] =
    &["zentrum", "institut", "gesellschaft", "bibliothek", "stiftung", "verein", "ministerium", "hochschule"];

/// Particles that belong to the family name that follows them, compared in lower case.
const PARTICLES: &[&str] = &[
    "af", "al", "av", "bin", "bint", "da", "das", "de", "dei", "degli", "del", "della", "delle", "den", "der", "di",
    "do", "dos", "du", "el", "ibn", "la", "le", "les", "lo", "te", "ten", "ter", "van", "van't", "'t", "von", "wa",
    "zu", "zum", "zur",
];

/// Words that join two people's names: a text with one names more than one person. Compared as
/// written, so that an initial `Y` is not the Spanish `y`.
const CONJUNCTIONS: &[&str] = &["and", "und", "et", "&", "y"];

/// The most words a personal name is split with.
const MAX_WORDS: usize = 6;

/// Two-character Chinese surnames (simplified and traditional).
const HAN_COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫",
    "慕容", "令狐", "司徒", "夏侯", "宇文", "长孙", "長孫", "端木", "轩辕", "軒轅", "澹台", "澹臺", "申屠", "独孤",
    "獨孤", "南宫", "南宮", "闻人", "聞人", "呼延", "西门", "西門",
];

/// Two-syllable Korean surnames.
const HANGUL_COMPOUND_SURNAMES: &[&str] = &["남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방"];

/// True when the name has a word that organisations' names have and people's do not
/// (`University`, `Institute`, `Consortium`, `GmbH`, `e.V.` …: [`ORGANISATION_WORDS`]).
///
/// ```
/// use crosswalk_rules::names::looks_like_organisation;
///
/// assert!(looks_like_organisation("Max-Planck-Institut für Chemie"));
/// assert!(looks_like_organisation("Example Software GmbH"));
/// assert!(looks_like_organisation("Verein Beispiel e.V."));
/// assert!(!looks_like_organisation("Marie Curie"));
/// ```
pub fn looks_like_organisation(name: &str) -> bool {
    // Asked of every name of every record: one buffer for the words in lower case, and the
    // words looked up in a set.
    static WORDS: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| ORGANISATION_WORDS.iter().copied().collect());
    let mut lower = String::new();
    name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | '-' | '–' | ';')).any(|raw| {
        lower.clear();
        if raw.is_ascii() {
            lower.push_str(raw);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&raw.to_lowercase());
        }
        if lower == "e.v." || lower == "e.v" {
            return true;
        }
        let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
        words.contains(word)
            || ORGANISATION_ENDINGS.iter().any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending))
    })
}

/// True when the source says the agent is a person: a `Personal` nameType or an ORCID, and
/// neither an `Organizational` nameType nor a ROR identifier.
///
/// ```
/// use crosswalk_model::{NameIdentifier, NameType};
/// use crosswalk_rules::names::is_person;
///
/// let orcid = NameIdentifier { name_identifier: "https://orcid.org/0000-0002-1825-0097".into(), ..Default::default() };
/// assert!(is_person(None, &[orcid]));
/// assert!(is_person(Some(&NameType::Personal), &[]));
/// assert!(!is_person(None, &[]));
/// ```
pub fn is_person(name_type: Option<&NameType>, identifiers: &[NameIdentifier]) -> bool {
    let scheme_is = |identifier: &NameIdentifier, scheme: &str, host: &str| {
        identifier.name_identifier_scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            || identifier.name_identifier.to_ascii_lowercase().contains(host)
    };
    let organisation =
        name_type == Some(&NameType::Organizational) || identifiers.iter().any(|i| scheme_is(i, "ROR", "ror.org/"));
    let person =
        name_type == Some(&NameType::Personal) || identifiers.iter().any(|i| scheme_is(i, "ORCID", "orcid.org/"));
    person && !organisation
}

/// [`split_personal_name`] for an agent the source marks as a person ([`is_person`]); `None`
/// for any other agent.
pub fn split_person(name: &str, name_type: Option<&NameType>, identifiers: &[NameIdentifier]) -> Option<PersonalName> {
    is_person(name_type, identifiers).then(|| split_personal_name(name)).flatten()
}

/// Splits a person's name written in one string into its parts; `None` when it cannot be split
/// with confidence (see the [module documentation](self)). The caller must know that the name
/// is a person's: this function only refuses what reads like an organisation or several people.
pub fn split_personal_name(name: &str) -> Option<PersonalName> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || !name.chars().all(allowed) || looks_like_organisation(name) {
        return None;
    }
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| CONJUNCTIONS.contains(w)) {
        return None;
    }
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [whole] => in_one(whole, None),
        [head, tail] if is_suffix(tail) => {
            if cjk(head) {
                return None;
            }
            in_one(head, Some(tail))
        }
        [family, given] => ordered(family, given, None),
        [family, given, suffix] if is_suffix(suffix) => ordered(family, given, Some(suffix)),
        [family, suffix, given] if is_suffix(suffix) => ordered(family, given, Some(suffix)),
        _ => None,
    }
}

/// Characters a personal name may hold: letters, combining marks, white space, commas and the
/// punctuation inside names (initials' dots, hyphens, apostrophes).
fn allowed(c: char) -> bool {
    c.is_alphabetic()
        || c.is_whitespace()
        || matches!(c, '.' | ',' | '-' | '\'' | '’' | 'ʼ' | '‐' | '‑' | '\u{200c}' | '\u{200d}')
        || is_mark(c)
}

/// Combining marks (a name in decomposed form: `e` + U+0301).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

fn is_suffix(word: &str) -> bool {
    let word = word.trim();
    matches!(word, "II" | "III" | "IV")
        || matches!(word.trim_end_matches('.').to_lowercase().as_str(), "jr" | "sr" | "jnr" | "snr")
}

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word.to_lowercase().as_str())
}

/// Initials written after a family name (`JA`, `J.A.`, `J.-P.`).
fn is_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&letters) && word.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-'))
}

fn words_of(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// "Family, Given" (with a suffix).
fn ordered(family: &str, given: &str, suffix: Option<&str>) -> Option<PersonalName> {
    let (family_words, given_words) = (words_of(family), words_of(given));
    let suffixed = family_words.iter().chain(&given_words).any(|w| is_suffix(w));
    let fits =
        !family_words.is_empty() && !given_words.is_empty() && family_words.len() + given_words.len() <= MAX_WORDS;
    if !fits || suffixed {
        return None;
    }
    Some(PersonalName {
        family: family_words.join(" "),
        given: given_words.join(" "),
        suffix: suffix.map(|s| s.trim().to_owned()),
    })
}

/// A name without commas (but perhaps a suffix after one).
fn in_one(text: &str, suffix: Option<&str>) -> Option<PersonalName> {
    let mut words = words_of(text);
    if cjk(text) {
        return family_first(&words);
    }
    let mut suffix = suffix.map(|s| s.trim().to_owned());
    if words.last().is_some_and(|w| is_suffix(w)) {
        // "Ludwig II" is a monarch's name, not a given and a family name; two suffixes are none.
        if suffix.is_some() || words.len() <= 2 {
            return None;
        }
        suffix = words.pop().map(str::to_owned);
    }
    if !(2..=MAX_WORDS).contains(&words.len()) || words.iter().any(|w| is_suffix(w)) {
        return None;
    }
    // "Smith JA": initials after a family name that is no initial itself.
    if let [family, given] = words.as_slice() {
        if is_initials(given) && !is_initials(family) && family.chars().any(char::is_lowercase) {
            return Some(PersonalName { family: (*family).to_owned(), given: (*given).to_owned(), suffix });
        }
    }
    let mut start = words.len() - 1;
    while start > 1 && words.get(start - 1).is_some_and(|w| is_particle(w)) {
        start -= 1;
    }
    let given = words.get(..start)?.join(" ");
    let family = words.get(start..)?.join(" ");
    Some(PersonalName { family, given, suffix })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Hangul,
    Kana,
    Other,
}

fn script(c: char) -> Script {
    match c {
        '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => Script::Kana,
        '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => Script::Hangul,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}' => {
            Script::Han
        }
        _ => Script::Other,
    }
}

/// True when every letter of the text is Han, Hangul or Kana.
fn cjk(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| script(c) != Script::Other)
}

/// A Chinese, Japanese or Korean name: family name first.
fn family_first(words: &[&str]) -> Option<PersonalName> {
    match words {
        [] => None,
        [one] => {
            let chars: Vec<char> = one.chars().collect();
            let scripts: Vec<Script> = chars.iter().map(|c| script(*c)).collect();
            let all = |s: Script| scripts.iter().all(|x| *x == s);
            if !(2..=4).contains(&chars.len()) {
                return None;
            }
            let compound = |list: &[&str]| list.iter().any(|s| one.starts_with(s));
            let family_len = if all(Script::Hangul) {
                if chars.len() >= 3 && compound(HANGUL_COMPOUND_SURNAMES) {
                    2
                } else {
                    1
                }
            } else if all(Script::Han) {
                if (chars.len() >= 3 && compound(HAN_COMPOUND_SURNAMES)) || chars.len() == 4 {
                    2
                } else {
                    1
                }
            } else {
                // Kana, or scripts mixed: where the family name ends is unknown.
                return None;
            };
            Some(PersonalName {
                family: chars.get(..family_len)?.iter().collect(),
                given: chars.get(family_len..)?.iter().collect(),
                suffix: None,
            })
        }
        [family, given @ ..] => {
            Some(PersonalName { family: (*family).to_owned(), given: given.join(" "), suffix: None })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(name: &str) -> Option<(String, String, Option<String>)> {
        split_personal_name(name).map(|p| (p.family, p.given, p.suffix))
    }

    fn two(family: &str, given: &str) -> Option<(String, String, Option<String>)> {
        Some((family.to_owned(), given.to_owned(), None))
    }

    #[test]
    fn western_names() {
        assert_eq!(parts("Martin Fenner"), two("Fenner", "Martin"));
        assert_eq!(parts("  Mary   Ann Smith "), two("Smith", "Mary Ann"));
        assert_eq!(parts("J. R. R. Tolkien"), two("Tolkien", "J. R. R."));
        assert_eq!(parts("Vincent van Gogh"), two("van Gogh", "Vincent"));
        assert_eq!(parts("Johannes van der Waals"), two("van der Waals", "Johannes"));
        assert_eq!(parts("Jean de La Fontaine"), two("de La Fontaine", "Jean"));
        assert_eq!(parts("Ursula K. Le Guin"), two("Le Guin", "Ursula K."));
        assert_eq!(parts("Leonardo da Vinci"), two("da Vinci", "Leonardo"));
        assert_eq!(parts("Ngũgĩ wa Thiong'o"), two("wa Thiong'o", "Ngũgĩ"));
        assert_eq!(parts("Jean-Paul O’Brien-Sartre"), two("O’Brien-Sartre", "Jean-Paul"));
        // The first word is always a given name, even when it is a particle's spelling.
        assert_eq!(parts("Van Morrison"), two("Morrison", "Van"));
    }

    #[test]
    fn suffixes() {
        let king = Some(("King".to_owned(), "Martin Luther".to_owned(), Some("Jr.".to_owned())));
        assert_eq!(parts("Martin Luther King Jr."), king);
        assert_eq!(parts("Martin Luther King, Jr."), king);
        assert_eq!(parts("King, Martin Luther, Jr."), king);
        assert_eq!(parts("King, Jr., Martin Luther"), king);
        assert_eq!(parts("John Smith III").map(|p| p.2), Some(Some("III".to_owned())));
        assert_eq!(parts("Ludwig II"), None);
    }

    #[test]
    fn already_ordered() {
        assert_eq!(parts("Fenner, Martin"), two("Fenner", "Martin"));
        assert_eq!(parts("Smith JA"), two("Smith", "JA"));
        assert_eq!(parts("Tolkien J.R.R."), two("Tolkien", "J.R.R."));
        assert_eq!(parts("a, b, c, d"), None);
    }

    #[test]
    fn cjk_family_first() {
        assert_eq!(parts("山田 太郎"), two("山田", "太郎"));
        assert_eq!(parts("王小明"), two("王", "小明"));
        assert_eq!(parts("欧阳修"), two("欧阳", "修"));
        assert_eq!(parts("山田太郎"), two("山田", "太郎"));
        assert_eq!(parts("김민준"), two("김", "민준"));
        assert_eq!(parts("남궁민"), two("남궁", "민"));
        assert_eq!(parts("김 민준"), two("김", "민준"));
        assert_eq!(parts("やまだたろう"), None);
        assert_eq!(parts("ジョン・スミス"), None);
        assert_eq!(parts("王"), None);
    }

    #[test]
    fn not_one_persons_name() {
        for name in [
            "Plato",
            "",
            "University of California, Santa Barbara",
            "Max Planck Institute for Chemistry",
            "DataCite Metadata Working Group",
            "Smith and Jones",
            "Smith & Wesson",
            "R2 D2",
            "someone@example.org",
            "https://orcid.org/0000-0002-1825-0097",
            "Forschungszentrum Jülich",
            "The Beatles",
            "A B C D E F G",
        ] {
            assert_eq!(parts(name), None, "{name}");
        }
    }

    #[test]
    fn persons_are_known_by_their_evidence() {
        let ror = NameIdentifier {
            name_identifier: "https://ror.org/04wxnsj81".into(),
            name_identifier_scheme: Some("ROR".into()),
            ..Default::default()
        };
        assert!(!is_person(Some(&NameType::Personal), &[ror]));
        assert!(!is_person(Some(&NameType::Organizational), &[]));
        assert!(split_person("Martin Fenner", None, &[]).is_none());
        assert!(split_person("Martin Fenner", Some(&NameType::Personal), &[]).is_some());
    }
}
