//! Citations of our own fixtures (`testdata/citation/`) in APA, Chicago (author-date), IEEE,
//! Harvard (Cite Them Right) and Vancouver, as text and HTML, each written out by hand from the
//! style guide's rules and compared with what the crate renders; a style file by path; unknown
//! styles and locales; every bundled style on every fixture; snapshots of the rest.

use crosswalk_citation::{
    locales, styles, Citations, Locale, Output, Style, CITATION_DATE_RANGE, CITATION_UNRENDERABLE, MAX_STYLE_BYTES,
};
use crosswalk_model::{Creator, Record, Resource, Title};
use crosswalk_testkit::{assert_snapshot, testdata, testdata_bytes};

/// The records of a fixture of `testdata/citation/` (or another folder), read by its reader.
fn fixture(relative: &str) -> Vec<Record> {
    let bytes = testdata_bytes(relative);
    let records = if relative.ends_with(".xml") {
        vec![crosswalk_datacite::xml::read(&bytes)]
    } else if relative.ends_with(".bib") {
        crosswalk_bibtex::read(&bytes)
    } else if relative.ends_with(".ris") {
        crosswalk_ris::read(&bytes)
    } else {
        crosswalk_csl::read(&bytes)
    };
    assert!(records.iter().all(|r| !r.has_errors()), "{relative} reads without errors");
    records
}

fn citations(style: &str, locale: Option<&str>, output: Output) -> Citations {
    let locale = locale.map(|l| Locale::by_tag(l).unwrap());
    Citations::new(Style::by_name(style).unwrap(), locale, output).unwrap()
}

/// The entry of the first record of `relative` in `style`.
fn cite(style: &str, locale: Option<&str>, output: Output, relative: &str) -> String {
    let record = &fixture(relative)[0];
    let written = citations(style, locale, output).write(&record.resource, record.origin.citation_key.as_deref(), None);
    assert!(written.diagnostics.iter().all(|d| !d.is_error()), "{style} {relative}: {:?}", written.diagnostics);
    written.text
}

const DATASET: &str = "citation/dataset.xml";
const ARTICLE: &str = "citation/article.bib";
const REPORT: &str = "citation/report.ris";

// APA 7: every author up to 20 as `Family, I. I.`, `&` before the last; (Year). Title in sentence
// case as written (italic for works on their own); version and the type in brackets; journal and
// volume in italics, issue in parentheses, pages with an en dash; the DOI as an https://doi.org URL.
#[test]
fn apa() {
    assert_eq!(
        cite("apa", None, Output::Text, DATASET),
        "Ollomo, B., Durand, P., & Prugnolle, F. (2011). Data from: A new malaria agent in African hominids \
         (Version 1) [Dataset]. Dryad. https://doi.org/10.5061/DRYAD.8515"
    );
    assert_eq!(
        cite("apa", None, Output::Text, ARTICLE),
        "García, M., van der Berg, J., Smith, J. A., Chen, L., Okafor, C., Lindqvist, S., & Brandt, L. (2021). \
         Persistent identifiers for research data: a survey. Journal of Data Practice, 12(3), 45–67. \
         https://doi.org/10.1234/jdp.2021.045"
    );
    assert_eq!(
        cite("apa", None, Output::Text, REPORT),
        "World Bank. (2019). Open data for development: lessons learned. World Bank Group. \
         https://example.org/reports/open-data?x=1&y=2"
    );
    assert_eq!(
        cite("apa", None, Output::Html, ARTICLE),
        "<div class=\"csl-entry\">García, M., van der Berg, J., Smith, J. A., Chen, L., Okafor, C., Lindqvist, S., \
         &amp; Brandt, L. (2021). Persistent identifiers for research data: a survey. <i>Journal of Data Practice</i>, \
         <i>12</i>(3), 45–67. <a href=\"https://doi.org/10.1234/jdp.2021.045\">https://doi.org/10.1234/jdp.2021.045</a></div>"
    );
    assert_eq!(
        cite("apa", None, Output::Html, REPORT),
        "<div class=\"csl-entry\">World Bank. (2019). <i>Open data for development: lessons learned</i>. World Bank \
         Group. <a href=\"https://example.org/reports/open-data?x=1&amp;y=2\">https://example.org/reports/open-data?x=1&amp;y=2</a></div>"
    );
}

// Chicago 18th, author-date: the first author inverted, the others not, `and` before the last;
// more than six authors: the first three and `et al.`; the year after the names; article titles in
// quotation marks and headline case (English only); `Journal Volume (Issue): pages`; the DOI as a
// URL; a German locale changes the terms (`u. a.`, German quotation marks) and keeps the title's case.
#[test]
fn chicago_author_date() {
    assert_eq!(
        cite("chicago-author-date", None, Output::Text, ARTICLE),
        "García, María, Jan van der Berg, John A. Smith, et al. 2021. “Persistent Identifiers for Research Data: \
         A Survey.” Journal of Data Practice 12 (3): 45–67. https://doi.org/10.1234/jdp.2021.045."
    );
    assert_eq!(
        cite("chicago-author-date", None, Output::Text, DATASET),
        "Ollomo, Benjamin, Patrick Durand, and Franck Prugnolle. 2011. “Data from: A New Malaria Agent in African \
         Hominids.” Version 1. Dryad, February 1. https://doi.org/10.5061/DRYAD.8515."
    );
    assert_eq!(
        cite("chicago-author-date", None, Output::Text, REPORT),
        "World Bank. 2019. Open Data for Development: Lessons Learned. World Bank Group. \
         https://example.org/reports/open-data?x=1&y=2."
    );
    assert_eq!(
        cite("chicago-author-date", Some("de-DE"), Output::Text, ARTICLE),
        "García, María, Jan van der Berg, John A. Smith, u.\u{a0}a. 2021. „Persistent identifiers for research data: \
         a survey“. Journal of Data Practice 12 (3): 45–67. https://doi.org/10.1234/jdp.2021.045."
    );
    assert_eq!(
        cite("chicago-author-date", None, Output::Html, REPORT),
        "<div class=\"csl-entry\">World Bank. 2019. <i>Open Data for Development: Lessons Learned</i>. World Bank \
         Group. <a href=\"https://example.org/reports/open-data?x=1&amp;y=2\">https://example.org/reports/open-data?x=1&amp;y=2</a>.</div>"
    );
}

// IEEE: numbered `[n]`; initials before the family name; more than six authors: the first and
// `et al.`; titles in quotation marks with the comma inside; `vol.`, `no.`, `pp.`, the month
// abbreviated; `doi:` and the bare DOI; an online source's URL after `Available:`.
#[test]
fn ieee() {
    assert_eq!(
        cite("ieee", None, Output::Text, ARTICLE),
        "[1] M. García et al., “Persistent identifiers for research data: a survey,” Journal of Data Practice, \
         vol. 12, no. 3, pp. 45–67, Mar. 2021, doi: 10.1234/jdp.2021.045."
    );
    assert_eq!(
        cite("ieee", None, Output::Text, DATASET),
        "[1] B. Ollomo, P. Durand, and F. Prugnolle, “Data from: A new malaria agent in African hominids.” Dryad, \
         Feb. 01, 2011. doi: 10.5061/DRYAD.8515."
    );
    assert_eq!(
        cite("ieee", None, Output::Text, REPORT),
        "[1] World Bank, “Open data for development: lessons learned,” World Bank Group, 2019. [Online]. \
         Available: https://example.org/reports/open-data?x=1&y=2"
    );
    assert_eq!(
        cite("ieee", None, Output::Html, ARTICLE),
        "<div class=\"csl-entry\"><div class=\"csl-left-margin\">[1]</div><div class=\"csl-right-inline\">M. García \
         <i>et al.</i>, “Persistent identifiers for research data: a survey,” <i>Journal of Data Practice</i>, vol. 12, \
         no. 3, pp. 45–67, Mar. 2021, doi: <a href=\"https://doi.org/10.1234/jdp.2021.045\">10.1234/jdp.2021.045</a>.</div></div>"
    );
    // In a list, each entry is numbered by its place (the facade passes the record's position).
    let record = &fixture(ARTICLE)[0];
    let third = citations("ieee", None, Output::Text).write(&record.resource, None, Some(3));
    assert!(third.text.starts_with("[3] M. García et al.,"), "{}", third.text);
}

// Harvard, Cite Them Right (British English): `Family, I.`; four or more authors: the first and
// `et al.`; (Year) without a full stop; the article title in single quotation marks, the comma
// outside; `Volume(Issue), pp. pages`; `Available at:` the DOI as a URL.
#[test]
fn harvard() {
    assert_eq!(
        cite("harvard-cite-them-right", Some("en-GB"), Output::Text, ARTICLE),
        "García, M. et al. (2021) ‘Persistent identifiers for research data: a survey’, Journal of Data Practice, \
         12(3), pp. 45–67. Available at: https://doi.org/10.1234/jdp.2021.045."
    );
    assert_eq!(
        cite("harvard-cite-them-right", Some("en-GB"), Output::Text, DATASET),
        "Ollomo, B., Durand, P. and Prugnolle, F. (2011) ‘Data from: A new malaria agent in African hominids’. Dryad. \
         Available at: https://doi.org/10.5061/DRYAD.8515."
    );
    assert_eq!(
        cite("harvard-cite-them-right", Some("en-GB"), Output::Text, REPORT),
        "World Bank (2019) Open data for development: lessons learned. World Bank Group. Available at: \
         https://example.org/reports/open-data?x=1&y=2."
    );
    assert_eq!(
        cite("harvard-cite-them-right", Some("en-GB"), Output::Html, ARTICLE),
        "<div class=\"csl-entry\">García, M. <i>et al.</i> (2021) ‘Persistent identifiers for research data: a survey’, \
         <i>Journal of Data Practice</i>, 12(3), pp. 45–67. Available at: \
         <a href=\"https://doi.org/10.1234/jdp.2021.045\">https://doi.org/10.1234/jdp.2021.045</a>.</div>"
    );
    // Elsevier's Harvard: every author, initials without spaces, `Year.` after the names.
    assert_eq!(
        cite("elsevier-harvard", None, Output::Text, ARTICLE),
        "García, M., van der Berg, J., Smith, J.A., Chen, L., Okafor, C., Lindqvist, S., Brandt, L., 2021. Persistent \
         identifiers for research data: a survey. Journal of Data Practice 12, 45–67. https://doi.org/10.1234/jdp.2021.045"
    );
}

// Vancouver (NLM, Citing Medicine): numbered `1.`; `Family II` without punctuation; more than six
// authors: the first six and `et al.`; `Journal. Year Mon;Volume(Issue):pages.`; `doi:` and the DOI;
// `[Internet]` and `Available from:` for an online report.
#[test]
fn vancouver() {
    assert_eq!(
        cite("vancouver", None, Output::Text, ARTICLE),
        "1. García M, van der Berg J, Smith JA, Chen L, Okafor C, Lindqvist S, et al. Persistent identifiers for \
         research data: a survey. Journal of Data Practice. 2021 Mar;12(3):45–67. doi:10.1234/jdp.2021.045"
    );
    assert_eq!(
        cite("vancouver", None, Output::Text, DATASET),
        "1. Ollomo B, Durand P, Prugnolle F. Data from: A new malaria agent in African hominids. Dryad; 2011. \
         doi:10.5061/DRYAD.8515"
    );
    assert_eq!(
        cite("vancouver", None, Output::Text, REPORT),
        "1. World Bank. Open data for development: lessons learned [Internet]. World Bank Group; 2019. Available from: \
         https://example.org/reports/open-data?x=1&y=2"
    );
    assert_eq!(
        cite("nlm-citation-sequence", None, Output::Html, DATASET),
        "<div class=\"csl-entry\"><div class=\"csl-left-margin\">1.</div><div class=\"csl-right-inline\">Ollomo B, \
         Durand P, Prugnolle F. Data from: A new malaria agent in African hominids. Dryad; 2011. \
         doi:<a href=\"https://doi.org/10.5061/DRYAD.8515\">10.5061/DRYAD.8515</a></div></div>"
    );
}

#[test]
fn a_style_file_by_path() {
    // The style leaves `demote-non-dropping-particle` at CSL's default, `display-and-sort`: an
    // inverted name puts the particle after the given names (`BERG J. van der`), unlike APA.
    let style = Style::from_file(&testdata("citation/custom.csl")).unwrap();
    assert_eq!((style.name(), style.title()), ("custom", "Crosswalk test style"));
    let record = &fixture(ARTICLE)[0];
    let text = Citations::new(style.clone(), None, Output::Text).unwrap().write(&record.resource, None, None);
    assert_eq!(
        text.text,
        "GARCÍA M.; BERG J. van der; SMITH J.A.; CHEN L.; OKAFOR C.; LINDQVIST S.; BRANDT L. | 2021 | Persistent \
         identifiers for research data: a survey | Journal of Data Practice | https://doi.org/10.1234/jdp.2021.045."
    );
    let html = Citations::new(style, None, Output::Html).unwrap().write(&record.resource, None, None);
    assert!(html.text.contains("| <i>Persistent identifiers for research data: a survey</i> |"), "{}", html.text);
}

#[test]
fn style_files_that_are_no_style_are_refused() {
    let dir = std::env::temp_dir().join(format!("crosswalk-citation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let large = dir.join("large.csl");
    std::fs::write(&large, vec![b' '; usize::try_from(MAX_STYLE_BYTES).unwrap() + 1]).unwrap();
    assert!(Style::from_file(&large).unwrap_err().message.contains("larger than 4 MiB"));
    let not_csl = dir.join("not.csl");
    std::fs::write(&not_csl, "<html><body>no style</body></html>").unwrap();
    assert!(Style::from_file(&not_csl).unwrap_err().message.contains("not a CSL 1.0 style"));
    let binary = dir.join("binary.csl");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x3c]).unwrap();
    assert!(Style::from_file(&binary).unwrap_err().message.contains("not UTF-8"));
    assert!(Style::from_file(&dir).unwrap_err().message.contains("directory"));
    // A dependent style whose parent is not bundled: nothing is fetched.
    let dependent = dir.join("dependent.csl");
    std::fs::write(
        &dependent,
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="fr-FR"><info><title>D</title>
        <id>https://example.org/d</id><link href="https://example.org/styles/no-such-parent" rel="independent-parent"/>
        <updated>2026-01-01T00:00:00+00:00</updated></info></style>"#,
    )
    .unwrap();
    assert!(Style::from_file(&dependent).unwrap_err().message.contains("is not bundled (nothing is fetched)"));
    // One whose parent is bundled renders as its parent, in its own default locale.
    let journal = dir.join("journal.csl");
    std::fs::write(
        &journal,
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="de-DE"><info><title>J</title>
        <id>https://example.org/j</id><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
        <updated>2026-01-01T00:00:00+00:00</updated></info></style>"#,
    )
    .unwrap();
    let citations = Citations::new(Style::from_file(&journal).unwrap(), None, Output::Text).unwrap();
    assert_eq!(citations.locale(), "de-DE");
    let record = &fixture(ARTICLE)[0];
    assert!(citations.write(&record.resource, None, None).text.contains("García, M., van der Berg, J.,"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_styles_and_locales_say_where_the_names_are() {
    let style = Style::by_name("apa-9th").unwrap_err();
    assert_eq!(
        style.message,
        "unknown citation style \"apa-9th\"; `crosswalk formats --styles` lists the styles by name; a .csl file can \
         be given by path"
    );
    let locale = Locale::by_tag("tlh-KX").unwrap_err();
    assert_eq!(locale.message, "unknown locale \"tlh-KX\"; `crosswalk formats --locales` lists the locales");
    assert_eq!(Locale::by_tag("FR").unwrap().tag(), "fr-FR");
    assert_eq!(Locale::by_tag("pt").unwrap().tag(), "pt-PT");
    assert_eq!(Locale::by_tag("en").unwrap().tag(), "en-US");
    // Names of the official repository and hayagriva's own both work.
    assert_eq!(Style::by_name("vancouver").unwrap().name(), "nlm-citation-sequence");
    assert_eq!(Style::by_name("american-psychological-association").unwrap().name(), "apa");
}

/// Every bundled style listed loads by each of its names and renders every fixture; none panics.
/// The one left out of the list has no bibliography and is refused by name.
#[test]
fn every_bundled_style_renders_every_fixture() {
    let records: Vec<Record> = [DATASET, ARTICLE, REPORT].iter().flat_map(|f| fixture(f)).collect();
    let mut rendered = 0;
    for info in styles() {
        for name in std::iter::once(&info.name).chain(&info.aliases) {
            let style = Style::by_name(name).unwrap();
            assert_eq!(style.name(), info.name);
            for output in [Output::Text, Output::Html] {
                let citations = Citations::new(style.clone(), None, output).unwrap();
                for record in &records {
                    let written = citations.write(&record.resource, None, Some(2));
                    assert!(!written.text.is_empty(), "{name}: {:?}", written.diagnostics);
                    assert!(!written.text.contains('\n'), "{name}: one line");
                }
            }
            rendered += 1;
        }
    }
    assert!(rendered >= 100, "{rendered} style names rendered");
    assert!(Style::by_name("alphanumeric").unwrap_err().message.contains("has no bibliography"));
    assert!(locales().len() >= 60);
}

#[test]
fn a_record_without_title_or_creator_is_refused() {
    let mut resource = Resource { publication_year: Some("2020".into()), ..Resource::default() };
    let written = Citations::apa().write(&resource, None, None);
    assert_eq!(written.text, "");
    assert_eq!(written.diagnostics[0].code, CITATION_UNRENDERABLE);
    assert!(written.diagnostics[0].is_error());
    // A title alone is enough.
    resource.titles.push(Title::new("Untitled field notes"));
    assert_eq!(Citations::apa().write(&resource, None, None).text, "Untitled field notes. (2020).");
}

#[test]
fn html_escapes_every_value_and_links_only_web_addresses() {
    let mut resource = Resource::default();
    resource.creators.push(Creator::named("O'Brien & <Sons>"));
    resource.titles.push(Title::new("<script>alert(\"x\")</script> & more"));
    resource.publication_year = Some("2024".into());
    resource.url = Some("javascript:alert(1)".into());
    let html = citations("apa", None, Output::Html).write(&resource, None, None).text;
    assert!(!html.contains("<script>") && !html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"), "{html}");
    assert!(html.contains("O&#39;Brien &amp; &lt;Sons&gt;"), "{html}");
    resource.url = Some("https://example.org/?a=1&b=\"2\"".into());
    let html = citations("apa", None, Output::Html).write(&resource, None, None).text;
    assert!(html.contains("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">"), "{html}");
}

#[test]
fn a_date_range_is_shown_by_its_start() {
    let mut resource = fixture(DATASET).remove(0).resource;
    resource.publication_year = None;
    resource.dates[0].date = "2011-02-01/2012-06-30".into();
    let written = citations("apa", None, Output::Text).write(&resource, None, None);
    assert!(written.text.contains("(2011)"), "{}", written.text);
    assert!(written.diagnostics.iter().any(|d| d.code == CITATION_DATE_RANGE));
}

/// The five styles, text and HTML, over our citation fixtures and a few of the readers'.
#[test]
fn snapshots() {
    let inputs = [DATASET, ARTICLE, REPORT, "citeproc/names.json", "citeproc/dates.json", "ris/complete.ris"];
    for input in inputs {
        let records = fixture(input);
        let mut out = String::new();
        for (style, locale) in [
            ("apa", None),
            ("chicago-author-date", None),
            ("ieee", None),
            ("harvard-cite-them-right", Some("en-GB")),
            ("vancouver", None),
        ] {
            for output in [Output::Text, Output::Html] {
                out.push_str(&format!("## {style} {output}\n"));
                let citations = citations(style, locale, output);
                for (n, record) in records.iter().enumerate() {
                    let written =
                        citations.write(&record.resource, record.origin.citation_key.as_deref(), Some(n as u64 + 1));
                    out.push_str(&written.text);
                    for d in &written.diagnostics {
                        out.push_str(&format!("  [{} {}]", d.code, d.message));
                    }
                    out.push('\n');
                }
            }
        }
        let name = input.replace('/', "-");
        assert_snapshot(&format!("citation/{name}.txt"), &out);
    }
}
