//! Styles and locales: the official CSL styles and locales hayagriva bundles, found by name, and
//! style files given by path.

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use hayagriva::archive::{self, ArchivedStyle};
use hayagriva::citationberg::{self, IndependentStyle, LayoutRenderingElement, LocaleCode, NamesChild};

/// The locale used when neither the command nor the style names one.
pub const DEFAULT_LOCALE: &str = "en-US";

/// The largest style file [`Style::from_file`] reads: 4 MiB. The largest styles of the official
/// repository take about 150 KiB; anything much larger is no style, and is refused before it is
/// parsed.
pub const MAX_STYLE_BYTES: u64 = 4 * 1024 * 1024;

/// Where to look up the names, for every message that refuses one.
const HOW_TO_LIST_STYLES: &str =
    "`crosswalk formats --styles` lists the styles by name; a .csl file can be given by path";
const HOW_TO_LIST_LOCALES: &str = "`crosswalk formats --locales` lists the locales";

/// Why a style or locale cannot be used. Its message says what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleError {
    /// What went wrong, naming the style, locale or file, and how to find the names.
    pub message: String,
}

impl StyleError {
    fn new(message: impl Into<String>) -> Self {
        StyleError { message: message.into() }
    }
}

impl fmt::Display for StyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StyleError {}

/// A CSL style ready to render bibliographies: independent (a dependent style is resolved to its
/// bundled parent, keeping its own default locale) and with a bibliography.
#[derive(Clone, Debug)]
pub struct Style {
    pub(crate) csl: IndependentStyle,
    /// The locale the style asks for (a dependent style's own, else its parent's).
    pub(crate) default_locale: Option<LocaleCode>,
    name: String,
}

/// One bundled style, as [`styles`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleInfo {
    /// The name `--style` takes (`apa`, `chicago-author-date`).
    pub name: &'static str,
    /// Other names it is known by (hayagriva's, and older names of the official repository).
    pub aliases: Vec<&'static str>,
    /// The style's title (`APA Style 7th edition`).
    pub title: &'static str,
}

/// Every bundled style of the official CSL repository that can write a record's entry (has a
/// bibliography: all but `alphanumeric`), by name.
///
/// ```
/// let styles = crosswalk_citation::styles();
/// assert!(styles.iter().any(|s| s.name == "apa"));
/// assert!(styles.iter().any(|s| s.name == "ieee"));
/// assert!(!styles.iter().any(|s| s.name == "alphanumeric")); // in-text labels only
/// ```
pub fn styles() -> Vec<StyleInfo> {
    let mut list: Vec<StyleInfo> = ArchivedStyle::all()
        .iter()
        .filter(|style| match style.get() {
            citationberg::Style::Independent(csl) => csl.bibliography.is_some(),
            citationberg::Style::Dependent(_) => true,
        })
        .map(|style| {
            let name = repository_name(*style);
            let aliases = style.names().iter().copied().filter(|alias| *alias != name).collect();
            StyleInfo { name, aliases, title: style.display_name() }
        })
        .collect();
    list.sort_by_key(|s| s.name);
    list
}

/// Every bundled locale's tag (`af-ZA` … `zh-TW`), sorted.
///
/// ```
/// let locales = crosswalk_citation::locales();
/// assert!(locales.contains(&"en-US") && locales.contains(&"de-DE"));
/// ```
pub fn locales() -> Vec<&'static str> {
    let mut tags: Vec<&'static str> =
        archived_locales().iter().filter_map(|l| l.lang.as_ref()).map(|code| code.0.as_str()).collect();
    tags.sort_unstable();
    tags
}

/// The bundled locale files, decoded once per process: every render needs them (a style's
/// terms fall back to them), and decoding takes milliseconds.
pub(crate) fn archived_locales() -> &'static [citationberg::Locale] {
    static LOCALES: OnceLock<Vec<citationberg::Locale>> = OnceLock::new();
    LOCALES.get_or_init(archive::locales)
}

/// A bundled style's name in the official repository: its file's name, the last segment of its
/// CSL id (`http://www.zotero.org/styles/apa` → `apa`).
fn repository_name(style: ArchivedStyle) -> &'static str {
    let id = style.csl_id();
    id.rsplit('/').next().filter(|name| !name.is_empty()).unwrap_or(id)
}

/// A bundled style by its repository name or any name hayagriva knows it by, ignoring case.
fn archived_by_name(name: &str) -> Option<ArchivedStyle> {
    let wanted = name.trim().to_ascii_lowercase();
    ArchivedStyle::by_name(&wanted)
        .or_else(|| ArchivedStyle::all().iter().copied().find(|style| repository_name(*style) == wanted))
}

impl Style {
    /// A bundled style of the official repository by name (`apa`, `chicago-author-date`,
    /// `ieee`, `harvard-cite-them-right`, `elsevier-harvard`, `vancouver`, … see [`styles`]),
    /// ignoring case.
    ///
    /// ```
    /// use crosswalk_citation::Style;
    ///
    /// assert_eq!(Style::by_name("APA").unwrap().name(), "apa");
    /// let unknown = Style::by_name("apa-8th").unwrap_err();
    /// assert!(unknown.message.contains("crosswalk formats --styles"));
    /// ```
    pub fn by_name(name: &str) -> Result<Style, StyleError> {
        let Some(archived) = archived_by_name(name) else {
            return Err(StyleError::new(format!("unknown citation style {:?}; {HOW_TO_LIST_STYLES}", name.trim())));
        };
        Style::resolve(archived.get(), repository_name(archived))
    }

    /// A style named as users name one: a file when the value is a path (it has a `/` or the
    /// platform's separator) or ends in `.csl`, else a style of the repository by name (style
    /// names are lowercase words and hyphens, so nothing else is taken for a file).
    ///
    /// ```
    /// use crosswalk_citation::Style;
    ///
    /// assert_eq!(Style::by_name_or_file("chicago-author-date").unwrap().name(), "chicago-author-date");
    /// assert!(Style::by_name_or_file("styles/missing.csl").unwrap_err().message.contains("cannot read"));
    /// ```
    pub fn by_name_or_file(style: &str) -> Result<Style, StyleError> {
        let style = style.trim();
        let is_file = style.contains(std::path::MAIN_SEPARATOR)
            || style.contains('/')
            || Path::new(style).extension().is_some_and(|e| e.eq_ignore_ascii_case("csl"));
        if is_file {
            Style::from_file(Path::new(style))
        } else {
            Style::by_name(style)
        }
    }

    /// A style from a CSL file (`.csl`) on disk, at most [`MAX_STYLE_BYTES`]. Nothing is fetched:
    /// a dependent style names its parent by URL, and that parent must be a bundled style.
    ///
    /// ```
    /// let path = std::env::temp_dir().join("crosswalk-citation-doc-missing.csl");
    /// let error = crosswalk_citation::Style::from_file(&path).unwrap_err();
    /// assert!(error.message.contains("cannot read"));
    /// ```
    pub fn from_file(path: &Path) -> Result<Style, StyleError> {
        let shown = path.display();
        let file = std::fs::File::open(path).map_err(|e| StyleError::new(format!("cannot read style {shown}: {e}")))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(StyleError::new(format!("cannot read style {shown}: it is a directory")));
        }
        let mut bytes = Vec::new();
        // One byte past the cap tells a file over it, without reading it whole.
        file.take(MAX_STYLE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| StyleError::new(format!("cannot read style {shown}: {e}")))?;
        if bytes.len() as u64 > MAX_STYLE_BYTES {
            return Err(StyleError::new(format!(
                "style {shown} is larger than {} MiB: no CSL style is; was another file meant?",
                MAX_STYLE_BYTES / (1024 * 1024)
            )));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| StyleError::new(format!("style {shown} is not UTF-8 text, so it is no CSL style")))?;
        let name = path.file_stem().map_or_else(|| shown.to_string(), |s| s.to_string_lossy().into_owned());
        Style::from_xml(&text, &name).map_err(|e| StyleError::new(format!("style {shown}: {}", e.message)))
    }

    /// A style from the text of a CSL file, called `name` in messages.
    ///
    /// ```
    /// let csl = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
    ///   <info><title>Title only</title><id>x</id><updated>2024-01-01T00:00:00+00:00</updated></info>
    ///   <citation><layout><text variable="title"/></layout></citation>
    ///   <bibliography><layout><text variable="title"/></layout></bibliography>
    /// </style>"#;
    /// let style = crosswalk_citation::Style::from_xml(csl, "title-only").unwrap();
    /// assert_eq!(style.name(), "title-only");
    /// ```
    pub fn from_xml(text: &str, name: &str) -> Result<Style, StyleError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let parsed =
            citationberg::Style::from_xml(text).map_err(|e| StyleError::new(format!("not a CSL 1.0 style: {e}")))?;
        Style::resolve(parsed, name)
    }

    /// The independent style of a parsed one, checked for a bibliography.
    fn resolve(style: citationberg::Style, name: &str) -> Result<Style, StyleError> {
        let (csl, default_locale) = match style {
            citationberg::Style::Independent(csl) => {
                let locale = csl.default_locale.clone();
                (csl, locale)
            }
            citationberg::Style::Dependent(dependent) => {
                let parent_link = dependent.parent_link.href.trim();
                let parent = ArchivedStyle::by_id(parent_link)
                    .or_else(|| parent_link.rsplit('/').next().and_then(archived_by_name))
                    .ok_or_else(|| {
                        StyleError::new(format!(
                            "{name} is a dependent style whose parent {parent_link} is not bundled (nothing is fetched); \
                             give the parent's .csl file instead; {HOW_TO_LIST_STYLES}"
                        ))
                    })?;
                match parent.get() {
                    citationberg::Style::Independent(csl) => {
                        let locale = dependent.default_locale.or_else(|| csl.default_locale.clone());
                        (csl, locale)
                    }
                    citationberg::Style::Dependent(_) => {
                        return Err(StyleError::new(format!("{name}: its parent {parent_link} is itself dependent")))
                    }
                }
            }
        };
        let mut csl = csl;
        complete_names(&mut csl);
        if csl.bibliography.is_none() {
            return Err(StyleError::new(format!(
                "{name} has no bibliography (it formats only in-text citations), so it cannot write a citation \
                 of a record; {HOW_TO_LIST_STYLES}"
            )));
        }
        Ok(Style { csl, default_locale, name: name.to_owned() })
    }

    /// The style's name: a bundled style's name in the official repository (`apa`, also when
    /// asked for by another name), or the file's name without `.csl`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The style's title, as its `<info>` gives it.
    ///
    /// ```
    /// let style = crosswalk_citation::Style::by_name("ieee").unwrap();
    /// assert_eq!(style.title(), "IEEE Reference Guide version 11.29.2023");
    /// ```
    pub fn title(&self) -> &str {
        &self.csl.info.title.value
    }
}

/// A CSL locale: the terms (`accessed`, `et al.`, `edited by`), date forms and punctuation a
/// style renders in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locale {
    pub(crate) code: LocaleCode,
}

impl Locale {
    /// A bundled locale by tag, ignoring case and `_` for `-` (`de-DE`, `de_de`); a bare language
    /// (`de`) is its main dialect (`de-DE`; `en` is `en-US`).
    ///
    /// ```
    /// use crosswalk_citation::Locale;
    ///
    /// assert_eq!(Locale::by_tag("de").unwrap().tag(), "de-DE");
    /// assert_eq!(Locale::by_tag("en_gb").unwrap().tag(), "en-GB");
    /// assert!(Locale::by_tag("xx-YY").unwrap_err().message.contains("crosswalk formats --locales"));
    /// ```
    pub fn by_tag(tag: &str) -> Result<Locale, StyleError> {
        let wanted = tag.trim().replace('_', "-");
        let known = locales();
        let found = known.iter().find(|k| k.eq_ignore_ascii_case(&wanted)).or_else(|| {
            if wanted.contains('-') {
                return None;
            }
            let language = wanted.to_ascii_lowercase();
            // A language's main dialect: en-US for English (CSL's own default), else the region
            // named like the language (de-DE, fr-FR), else the only or first one.
            let main = if language == "en" {
                "en-US".to_owned()
            } else {
                format!("{language}-{}", language.to_ascii_uppercase())
            };
            known
                .iter()
                .find(|k| **k == main)
                .or_else(|| known.iter().find(|k| k.split('-').next() == Some(language.as_str())))
        });
        match found {
            Some(tag) => Ok(Locale { code: LocaleCode((*tag).to_owned()) }),
            None => Err(StyleError::new(format!("unknown locale {:?}; {HOW_TO_LIST_LOCALES}", tag.trim()))),
        }
    }

    /// The locale's tag (`en-US`).
    pub fn tag(&self) -> &str {
        &self.code.0
    }
}

/// Gives every `<names>` element without a `<name>` child an empty one.
///
/// CSL lets a `<names>` element leave its `<name>` out: the names are then rendered with the
/// options inherited from `<style>`, `<citation>` and `<bibliography>`, exactly as by an empty
/// `<name/>`. hayagriva 0.10 renders nothing for such an element when it has another child (a
/// `<label>`, as in the NLM/Vancouver style's author macro), so the authors vanished; an empty
/// `<name/>` is the same style to CSL and renders them.
fn complete_names(style: &mut IndependentStyle) {
    for layout in style.macros.iter_mut().map(|m| &mut m.children) {
        complete_names_in(layout);
    }
    complete_names_in(&mut style.citation.layout.elements);
    if let Some(bibliography) = style.bibliography.as_mut() {
        complete_names_in(&mut bibliography.layout.elements);
    }
}

fn complete_names_in(elements: &mut [LayoutRenderingElement]) {
    for element in elements {
        match element {
            LayoutRenderingElement::Names(names) => {
                let has_name = names.children.iter().any(|c| matches!(c, NamesChild::Name(_)));
                if !has_name && !names.children.is_empty() {
                    names.children.insert(0, NamesChild::Name(citationberg::Name::default()));
                }
                for child in &mut names.children {
                    if let NamesChild::Substitute(substitute) = child {
                        complete_names_in(&mut substitute.children);
                    }
                }
            }
            LayoutRenderingElement::Group(group) => complete_names_in(&mut group.children),
            LayoutRenderingElement::Choose(choose) => {
                complete_names_in(&mut choose.if_.children);
                for branch in &mut choose.else_if {
                    complete_names_in(&mut branch.children);
                }
                if let Some(otherwise) = choose.otherwise.as_mut() {
                    complete_names_in(&mut otherwise.children);
                }
            }
            _ => {}
        }
    }
}
