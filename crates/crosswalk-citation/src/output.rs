//! Writing a rendered entry as text or HTML.
//!
//! We walk the processor's element tree ourselves rather than use its own HTML writer, which
//! copies text and link targets into the markup unescaped: a title with `<` or `&`, or a record's
//! URL with a quote, would break or inject into the page. Here every text is escaped, and only
//! `http`/`https` targets become links.

use std::fmt;
use std::str::FromStr;

use hayagriva::citationberg::{Display, FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign};
use hayagriva::{ElemChild, ElemChildren, Formatted, Formatting};

/// The form a citation is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Output {
    /// Plain text: no markup, italics and links lost (`--format text`).
    #[default]
    Text,
    /// An HTML fragment, one `<div class="csl-entry">` per record (`--format html`), as
    /// citeproc-js writes it: italics as `<i>`, bold as `<b>`, links as `<a href>`, every text
    /// escaped.
    Html,
}

impl Output {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Output::Text => "text",
            Output::Html => "html",
        }
    }
}

impl FromStr for Output {
    type Err = String;

    /// `text` or `html`, ignoring case.
    ///
    /// ```
    /// use crosswalk_citation::Output;
    ///
    /// assert_eq!("HTML".parse::<Output>(), Ok(Output::Html));
    /// assert!("rtf".parse::<Output>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(Output::Text),
            "html" => Ok(Output::Html),
            other => Err(format!("unknown citation format {other:?}; use text or html")),
        }
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The plain text of an entry: its first field (a numeric style's `[1]`) and its content.
pub(crate) fn text(first_field: Option<&ElemChild>, content: &ElemChildren) -> String {
    let mut out = String::new();
    if let Some(first) = first_field {
        child_text(first, &mut out);
        out.push(' ');
    }
    for child in &content.0 {
        child_text(child, &mut out);
    }
    // One line per record: a line break inside a value would split the entry. Spaces are
    // collapsed, never the locale's no-break spaces (`u.\u{a0}a.`).
    let flat: String = out.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    tidy_punctuation(&flat.split(' ').filter(|piece| !piece.is_empty()).collect::<Vec<_>>().join(" "))
}

/// Mends the collisions of punctuation that hayagriva 0.10 leaves where citeproc-js does not: a
/// space before `;` or `,` (a date part's prefix kept when the part is absent: `2021 Mar ;12`), a
/// comma before a closing bracket (a delimiter kept after the last date part present:
/// `(2020,)`), and a doubled full stop where one group's closing `.` meets the next one's
/// (`67.. https`), an ellipsis `...` left alone.
pub(crate) fn tidy_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let before = i.checked_sub(1).and_then(|b| chars.get(b)).copied();
        if c == ' ' && matches!(next, Some(';' | ',')) {
            continue;
        }
        if c == ',' && matches!(next, Some(')' | ']')) {
            continue;
        }
        if c == '.' && next == Some('.') && before != Some('.') && chars.get(i + 2) != Some(&'.') {
            continue;
        }
        out.push(c);
    }
    out
}

fn child_text(child: &ElemChild, out: &mut String) {
    match child {
        ElemChild::Text(Formatted { text, .. }) | ElemChild::Markup(text) => out.push_str(text),
        ElemChild::Link { text, .. } => out.push_str(&text.text),
        ElemChild::Elem(elem) => {
            // A block inside an entry starts on its own in print; on one line, a space.
            if elem.display.is_some() && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            for child in &elem.children.0 {
                child_text(child, out);
            }
        }
        ElemChild::Transparent { .. } => {}
    }
}

/// The HTML of an entry: `<div class="csl-entry">`, with a numeric style's first field in
/// `csl-left-margin` and the rest in `csl-right-inline`, as citeproc-js lays them out.
pub(crate) fn html(first_field: Option<&ElemChild>, content: &ElemChildren) -> String {
    let mut out = String::from("<div class=\"csl-entry\">");
    match first_field {
        Some(first) => {
            out.push_str("<div class=\"csl-left-margin\">");
            child_html(first, &mut out);
            out.push_str("</div><div class=\"csl-right-inline\">");
            children_html(content, &mut out);
            out.push_str("</div>");
        }
        None => children_html(content, &mut out),
    }
    out.push_str("</div>");
    // Line breaks inside values would split the entry's line; in HTML they are white space.
    let flat: String = out.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    tidy_punctuation(&flat)
}

fn children_html(children: &ElemChildren, out: &mut String) {
    for child in &children.0 {
        child_html(child, out);
    }
}

fn child_html(child: &ElemChild, out: &mut String) {
    match child {
        ElemChild::Text(formatted) => formatted_html(formatted, out),
        // Markup is meant for Typst; in HTML it is text like any other.
        ElemChild::Markup(text) => escape_into(text, out),
        ElemChild::Link { text, url } if is_web_link(url) => {
            out.push_str("<a href=\"");
            escape_into(url.trim(), out);
            out.push_str("\">");
            formatted_html(text, out);
            out.push_str("</a>");
        }
        ElemChild::Link { text, .. } => formatted_html(text, out),
        ElemChild::Elem(elem) => {
            let class = elem.display.map(|display| match display {
                Display::Block => "csl-block",
                Display::LeftMargin => "csl-left-margin",
                Display::RightInline => "csl-right-inline",
                Display::Indent => "csl-indent",
            });
            if let Some(class) = class {
                out.push_str("<div class=\"");
                out.push_str(class);
                out.push_str("\">");
            }
            children_html(&elem.children, out);
            if class.is_some() {
                out.push_str("</div>");
            }
        }
        ElemChild::Transparent { .. } => {}
    }
}

/// Only web addresses are links: a record's URL of another scheme (`javascript:`, `data:`) is
/// shown as text, never made something a reader's click runs.
fn is_web_link(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("https://") || url.starts_with("http://")
}

/// The tags of a formatting, outermost first.
fn tags(formatting: &Formatting) -> Vec<(&'static str, &'static str)> {
    let mut tags = Vec::new();
    match formatting.font_style {
        FontStyle::Italic => tags.push(("<i>", "</i>")),
        FontStyle::Normal => {}
    }
    match formatting.font_weight {
        FontWeight::Bold => tags.push(("<b>", "</b>")),
        FontWeight::Light => tags.push(("<span style=\"font-weight:lighter\">", "</span>")),
        FontWeight::Normal => {}
    }
    if formatting.font_variant == FontVariant::SmallCaps {
        tags.push(("<span style=\"font-variant:small-caps\">", "</span>"));
    }
    if formatting.text_decoration == TextDecoration::Underline {
        tags.push(("<span style=\"text-decoration:underline\">", "</span>"));
    }
    match formatting.vertical_align {
        VerticalAlign::Sup => tags.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => tags.push(("<sub>", "</sub>")),
        _ => {}
    }
    tags
}

fn formatted_html(formatted: &Formatted, out: &mut String) {
    let tags = tags(&formatted.formatting);
    for (open, _) in &tags {
        out.push_str(open);
    }
    escape_into(&formatted.text, out);
    for (_, close) in tags.iter().rev() {
        out.push_str(close);
    }
}

/// Escapes text for HTML content and double-quoted attribute values.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        let mut out = String::new();
        escape_into(r#"<b>"Tom" & 'Jerry'</b>"#, &mut out);
        assert_eq!(out, "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    }

    #[test]
    fn mends_the_processors_punctuation_collisions() {
        assert_eq!(tidy_punctuation("2021 Mar ;12(3):45–67"), "2021 Mar;12(3):45–67");
        assert_eq!(tidy_punctuation("45–67.. https://doi.org/x"), "45–67. https://doi.org/x");
        assert_eq!(tidy_punctuation("and so on... and"), "and so on... and");
        assert_eq!(tidy_punctuation("Notes. (2020,)."), "Notes. (2020).");
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(is_web_link("https://doi.org/10.1/x"));
        assert!(is_web_link(" HTTP://example.org"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("data:text/html,x"));
    }
}
