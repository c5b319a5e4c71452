//! `docs/crosswalks/ris.md` is kept true by this test: its tag, type and writer tables are
//! generated from [`TAGS`], [`TYPES`] and [`WRITTEN`] (the tables the reader and writer dispatch
//! on), and its list of codes from [`CODES`]. A stale page fails the test;
//! `CROSSWALK_UPDATE_SNAPSHOTS=1` rewrites the generated sections (review the diff).

use crosswalk_ris::{Continuation, CODES, TAGS, TYPES, WRITTEN};
use crosswalk_testkit::{backticked, update_section, updating_snapshots, workspace_root};

fn tags_table() -> String {
    let mut out = String::from("| Tag | Meaning | Model | Further lines |\n|---|---|---|---|\n");
    for t in TAGS {
        let continuation = match t.continuation {
            Continuation::Text => "lines of the text",
            Continuation::List => "further values",
            Continuation::Wrapped => "joined with spaces",
        };
        out.push_str(&format!("| `{}` | {} | {} | {continuation} |\n", t.tag, t.meaning, t.model));
    }
    out
}

fn types_table() -> String {
    let mut out = String::from(
        "| TY | Meaning | resourceTypeGeneral | resourceType | Container (`IsPublishedIn`) | Written as |\n",
    );
    out.push_str("|---|---|---|---|---|---|\n");
    for t in TYPES {
        let meaning = match t.alias_of {
            Some(of) => format!("variant spelling of `{of}`"),
            None => t.meaning.to_owned(),
        };
        let label = t.label.map_or("–".to_owned(), |l| format!("`{l}`"));
        let family = crosswalk_ris::types::lookup(t.ty).map_or(t.family, |r| r.family);
        let container = if family == crosswalk_ris::Family::Serial {
            "– (an ISSN is the work's own)".to_owned()
        } else {
            format!("`{}`", family.container_type())
        };
        out.push_str(&format!(
            "| `{}` | {meaning} | `{}` | {label} | {container} | `{}` |\n",
            t.ty,
            t.general,
            t.alias_of.unwrap_or(t.ty)
        ));
    }
    out
}

fn written_table() -> String {
    let mut out = String::from("| Model | RIS | Notes |\n|---|---|---|\n");
    for w in WRITTEN {
        out.push_str(&format!("| {} | `{}` | {} |\n", w.model, w.tag, w.note));
    }
    out
}

fn codes_table() -> String {
    let mut out = String::from("| Code | Severity | Meaning |\n|---|---|---|\n");
    for c in CODES {
        out.push_str(&format!("| `{}` | {} | {} |\n", c.code, c.severity, c.summary));
    }
    out
}

/// Replaces (or checks) the text between `<!-- generated: NAME -->` and `<!-- end: NAME -->`.
fn section(page: &mut String, name: &str, content: &str, stale: &mut Vec<String>) {
    let open = format!("<!-- generated: {name} -->\n");
    let close = format!("<!-- end: {name} -->");
    match update_section(page, &open, &close, content) {
        Ok(true) => stale.push(name.to_owned()),
        Ok(false) => {}
        Err(marker) => panic!("section {name}: the page has no marker {marker:?}"),
    }
}

#[test]
fn ris_page_matches_the_tables() {
    let path = workspace_root().join("docs/crosswalks/ris.md");
    let original = std::fs::read_to_string(&path).expect("read docs/crosswalks/ris.md");
    let mut page = original.clone();
    let mut stale = Vec::new();
    section(&mut page, "tags", &tags_table(), &mut stale);
    section(&mut page, "types", &types_table(), &mut stale);
    section(&mut page, "written", &written_table(), &mut stale);
    section(&mut page, "codes", &codes_table(), &mut stale);
    if updating_snapshots() {
        if page != original {
            std::fs::write(&path, &page).expect("write docs/crosswalks/ris.md");
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "docs/crosswalks/ris.md is out of date in {stale:?}; run with CROSSWALK_UPDATE_SNAPSHOTS=1 and review"
    );
    // Every tag the hand-written text names in backticks is one the reader knows (apart from the
    // tags of Web of Science's plain text, which the page names as another format, and the tags
    // Ovid writes after a record's ER, which the page names as belonging to no record).
    for word in backticked(&page).into_iter().filter(|w| !matches!(*w, "FN" | "PT" | "NL" | "UK")) {
        let is_tag_like = word.len() == 2 && word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if is_tag_like && word.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) {
            assert!(crosswalk_ris::tags::lookup(word).is_some(), "the page names the unknown tag `{word}`");
        }
    }
}
