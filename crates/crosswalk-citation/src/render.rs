//! Rendering one record's bibliography entry.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crosswalk_model::{Diagnostic, Resource, Written};
use hayagriva::citationberg::LocaleCode;
use hayagriva::{BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest};

use crate::output::{html, text, Output};
use crate::style::{archived_locales, Locale, Style, StyleError, DEFAULT_LOCALE};
use crate::{item, CITATION_EMPTY, CITATION_FAILED, CITATION_UNRENDERABLE};

/// A style, a locale and an output form, put together once: what a run that writes citations
/// shares between its workers (it is `Send + Sync`, and rendering takes `&self`).
#[derive(Clone, Debug)]
pub struct Citations {
    style: Style,
    locale: LocaleCode,
    output: Output,
}

impl Citations {
    /// Citations in `style`, in `locale` (else the style's default locale, else
    /// [`DEFAULT_LOCALE`]), written as `output`.
    ///
    /// ```
    /// use crosswalk_citation::{Citations, Locale, Output, Style};
    ///
    /// let style = Style::by_name("chicago-author-date").unwrap();
    /// let citations = Citations::new(style, Some(Locale::by_tag("de-DE").unwrap()), Output::Html).unwrap();
    /// assert_eq!(citations.locale(), "de-DE");
    /// ```
    pub fn new(style: Style, locale: Option<Locale>, output: Output) -> Result<Citations, StyleError> {
        let locale = match locale {
            Some(locale) => locale.code,
            None => match &style.default_locale {
                Some(code) => Locale::by_tag(&code.0).map(|l| l.code).unwrap_or_else(|_| code.clone()),
                None => LocaleCode(DEFAULT_LOCALE.to_owned()),
            },
        };
        Ok(Citations { style, locale, output })
    }

    /// APA (7th edition) in `en-US`, as text: what `--to citation` gives without options.
    ///
    /// ```
    /// let citations = crosswalk_citation::Citations::apa();
    /// assert_eq!((citations.style().name(), citations.locale()), ("apa", "en-US"));
    /// ```
    pub fn apa() -> Citations {
        let style = Style::by_name("apa");
        match style {
            Ok(style) => Citations { style, locale: LocaleCode(DEFAULT_LOCALE.to_owned()), output: Output::Text },
            // The APA style is compiled in; failing to decode it would be a broken build.
            Err(e) => unreachable_style(e),
        }
    }

    /// The style.
    pub fn style(&self) -> &Style {
        &self.style
    }

    /// The locale's tag.
    pub fn locale(&self) -> &str {
        &self.locale.0
    }

    /// The output form.
    pub fn output(&self) -> Output {
        self.output
    }

    /// The bibliography entry of `resource` on one line (no line end), and the notes about it.
    ///
    /// `key` is the record's citation key (it names the entry; the entry is the same without
    /// it); `number` is the entry's number in a numbered style's list (`[3]`), 1 when `None`:
    /// the facade passes a record's position in its run, so that the entries of a list are
    /// numbered in order.
    ///
    /// A record with neither title nor creator is refused ([`CITATION_UNRENDERABLE`]): the text
    /// is empty and the diagnostic an error.
    ///
    /// ```
    /// use crosswalk_citation::{Citations, Output, Style};
    /// use crosswalk_model::{Creator, Resource, Title};
    ///
    /// let mut resource = Resource::default();
    /// resource.creators.push(Creator::named("Doe, Jane"));
    /// resource.titles.push(Title::new("Rock & <roll>"));
    /// resource.publication_year = Some("2020".into());
    /// let ieee = Citations::new(Style::by_name("ieee").unwrap(), None, Output::Html).unwrap();
    /// let written = ieee.write(&resource, None, Some(3));
    /// assert!(written.text.starts_with(r#"<div class="csl-entry"><div class="csl-left-margin">[3]</div>"#));
    /// assert!(written.text.contains("Rock &amp; &lt;roll&gt;"));
    ///
    /// let nothing = ieee.write(&Resource::default(), None, None);
    /// assert!(nothing.text.is_empty() && nothing.diagnostics[0].is_error());
    /// ```
    pub fn write(&self, resource: &Resource, key: Option<&str>, number: Option<u64>) -> Written {
        if resource.titles.iter().all(|t| t.title.trim().is_empty())
            && resource.creators.iter().all(|c| c.name.trim().is_empty())
        {
            let message = "the record has neither a title nor a creator: there is nothing to cite";
            return Written {
                text: String::new(),
                diagnostics: vec![Diagnostic::error(CITATION_UNRENDERABLE, message)],
            };
        }
        let (entry, mut diagnostics) = item::entry(resource, key);
        let number = number.unwrap_or(1).max(1);
        // The processor is third-party code running on the record's values: a panic in it is
        // its defect, and costs this record only.
        let rendered = catch_unwind(AssertUnwindSafe(|| self.render(&entry, number)));
        match rendered {
            Ok(Some(text)) if !text.trim().is_empty() => Written { text, diagnostics },
            Ok(_) => {
                let message = format!("the style {} shows none of the record's values", self.style.name());
                diagnostics.push(Diagnostic::error(CITATION_EMPTY, message));
                Written { text: String::new(), diagnostics }
            }
            Err(_) => {
                let message = format!("the CSL processor failed on this record with the style {}", self.style.name());
                diagnostics.push(Diagnostic::error(CITATION_FAILED, message));
                Written { text: String::new(), diagnostics }
            }
        }
    }

    /// The entry as the processor renders it in a bibliography of one, numbered `number`.
    fn render(&self, entry: &hayagriva::citationberg::json::Item, number: u64) -> Option<String> {
        let locales = archived_locales();
        let offset = usize::try_from(number.saturating_sub(1)).unwrap_or(usize::MAX);
        let mut driver = BibliographyDriver::new().with_citation_number_offset(offset);
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_entry(entry)],
            &self.style.csl,
            Some(self.locale.clone()),
            locales,
            None,
        ));
        let rendered = driver.finish(BibliographyRequest::new(&self.style.csl, Some(self.locale.clone()), locales));
        let bibliography = rendered.bibliography?;
        let first = bibliography.items.into_iter().next()?;
        Some(match self.output {
            Output::Text => text(first.first_field.as_ref(), &first.content),
            Output::Html => html(first.first_field.as_ref(), &first.content),
        })
    }
}

impl Default for Citations {
    fn default() -> Self {
        Citations::apa()
    }
}

/// Stops on a bundled style that does not decode: a broken build, never input.
#[allow(clippy::panic)]
fn unreachable_style(error: StyleError) -> ! {
    panic!("the bundled APA style does not decode: {error}")
}
