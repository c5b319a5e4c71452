//! LaTeX in BibTeX values, decoded once into Unicode text.
//!
//! BibTeX values are LaTeX source: accents (`{\"u}`, `\'{e}`, `\c c`), letters (`\ss`, `\o`,
//! `\aa`), escaped specials (`\&`, `\%`), ligatures (`--`, `---`, ` `` `), ties (`~`) and
//! protecting braces (`{DNA}`). [`decode`] turns them into the text they typeset: braces are
//! removed, white-space runs (line breaks included) become one space, as BibTeX itself does,
//! and a tie becomes a plain space. Formatting commands (`\emph`, `\textbf`, `\it`, biblatex's
//! `\mkbibemph`) keep their text and lose the formatting; quoting ones (`\mkbibquote`) keep their
//! quotes; a link (`\href{url}{text}`) keeps its text and notes its address. Every control word
//! but the accents and letters is one row of [`COMMANDS`], which says what it does. Math (`$…$`,
//! `\(…\)`, `\[…\]`, `\ensuremath`) and commands this module does not know are kept as written
//! and noted, so that the caller can report them; nothing is dropped in silence.
//!
//! Accented letters are composed into their precomposed Unicode form (`ü`, not `u` + U+0308)
//! with a table generated from the Unicode character database for the Latin letters; an accent
//! on a letter without a precomposed form is written with the combining mark. The same table
//! folds letters to ASCII for citation keys ([`ascii_fold`]) and turns letters back into
//! accent commands for the writer ([`decompose`]).

/// What decoding noticed, for the caller to report with the field's location.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Control sequences that were kept as written because they are not known (`\foo`).
    pub unknown: Vec<String>,
    /// Math mode was kept as written.
    pub math: bool,
    /// The addresses of `\href{url}{text}` links, whose text was kept in their place.
    pub links: Vec<String>,
}

/// Decodes the LaTeX of a BibTeX value (its braces included) into Unicode text, trimmed, with
/// white-space runs collapsed to one space.
pub(crate) fn decode(raw: &str, notes: &mut Notes) -> String {
    if is_plain(raw) {
        return raw.trim().to_owned();
    }
    let mut decoder = Decoder { src: raw, pos: 0, out: String::with_capacity(raw.len()), space: false, notes };
    decoder.run();
    decoder.out
}

/// Decodes a verbatim field (`url`, `doi`, `eprint`), or the argument of `\url`: no LaTeX but
/// the escapes people put in front of URL characters (`\_`, `\%`, `\#`, `\&`, `\~{}`), braces
/// removed, white space (a URL broken over lines) removed, and link commands anywhere in the
/// value unwrapped: `\url{…}`, `\nolinkurl{…}`, `\doi{…}` give their argument, and
/// `\href{url}{text}` its address (the text is the link's label).
pub(crate) fn decode_verbatim(raw: &str) -> String {
    let text = raw.trim();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) {
        pos += c.len_utf8();
        match c {
            '{' | '}' => {}
            c if c.is_whitespace() => {}
            '\\' => match text.get(pos..).and_then(|rest| rest.chars().next()) {
                Some(next @ ('_' | '%' | '#' | '&' | '$' | '{' | '}' | '~')) => {
                    out.push(next);
                    pos += 1;
                }
                Some(next) if next.is_ascii_alphabetic() => {
                    let rest = text.get(pos..).unwrap_or_default();
                    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                    let name = rest.get(..len).unwrap_or_default();
                    pos += len;
                    match name {
                        "textasciitilde" => out.push('~'),
                        "textunderscore" => out.push('_'),
                        "slash" => out.push('/'),
                        // The argument follows; its braces are dropped like any other.
                        "url" | "nolinkurl" | "doi" | "path" => {}
                        "href" => {
                            let (address, after) = braced(text, pos);
                            out.push_str(&decode_verbatim(address));
                            let (_label, after_label) = braced(text, after);
                            pos = after_label;
                        }
                        _ => {
                            out.push('\\');
                            out.push_str(name);
                        }
                    }
                }
                _ => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

/// The content of the brace group at `from` in `text` (white space before it skipped), and the
/// position after it; an empty content and `from` itself when no group starts there. A group that
/// is not closed runs to the end.
fn braced(text: &str, from: usize) -> (&str, usize) {
    let rest = text.get(from..).unwrap_or_default();
    let skipped = rest.len() - rest.trim_start().len();
    let start = from + skipped;
    if !text.get(start..).is_some_and(|r| r.starts_with('{')) {
        return ("", from);
    }
    let mut depth = 0usize;
    for (i, c) in text.get(start..).unwrap_or_default().char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return (text.get(start + 1..start + i).unwrap_or_default(), start + i + 1);
                }
            }
            _ => {}
        }
    }
    (text.get(start + 1..).unwrap_or_default(), text.len())
}

/// True when a value holds nothing LaTeX would change but white space around it.
fn is_plain(raw: &str) -> bool {
    let mut previous_space = false;
    for b in raw.bytes() {
        match b {
            b'\\' | b'{' | b'}' | b'~' | b'$' | b'-' | b'`' | b'\'' | b'!' | b'?' | b'\n' | b'\r' | b'\t' => {
                return false
            }
            b' ' if previous_space => return false,
            _ => previous_space = b == b' ',
        }
    }
    true
}

/// The combining mark of an accent command (`\'` → U+0301), or `None`.
fn accent_mark(command: &str) -> Option<char> {
    Some(match command {
        "`" => '\u{0300}',
        "'" => '\u{0301}',
        "^" => '\u{0302}',
        "~" => '\u{0303}',
        "=" => '\u{0304}',
        "u" => '\u{0306}',
        "." => '\u{0307}',
        "\"" => '\u{0308}',
        "r" => '\u{030A}',
        "H" => '\u{030B}',
        "v" => '\u{030C}',
        "G" => '\u{030F}',
        "d" => '\u{0323}',
        "c" => '\u{0327}',
        "k" => '\u{0328}',
        "b" => '\u{0331}',
        "t" => '\u{0361}',
        // The accents of tipa and of the combelow package, which real files use for Romanian
        // and for transcriptions.
        "textcommabelow" => '\u{0326}',
        "textsubdot" => '\u{0323}',
        "textsubring" => '\u{0325}',
        "textsubumlaut" => '\u{0324}',
        "textsubcircum" => '\u{032D}',
        "textsubtilde" => '\u{0330}',
        "textsubbar" => '\u{0331}',
        "textsubbridge" => '\u{032A}',
        "textsubwedge" => '\u{032C}',
        "textsubarch" => '\u{032F}',
        "textsyllabic" => '\u{0329}',
        "textsubplus" => '\u{031F}',
        "textsubminus" => '\u{0320}',
        "textraising" => '\u{031D}',
        "textlowering" => '\u{031E}',
        "textdoublegrave" => '\u{030F}',
        "textsuperimposetilde" => '\u{0334}',
        "textovercross" => '\u{033D}',
        _ => return None,
    })
}

/// The accent command of a combining mark (U+0301 → `'`), the inverse of [`accent_mark`].
fn accent_command(mark: char) -> Option<&'static str> {
    Some(match mark {
        '\u{0300}' => "`",
        '\u{0301}' => "'",
        '\u{0302}' => "^",
        '\u{0303}' => "~",
        '\u{0304}' => "=",
        '\u{0306}' => "u",
        '\u{0307}' => ".",
        '\u{0308}' => "\"",
        '\u{030A}' => "r",
        '\u{030B}' => "H",
        '\u{030C}' => "v",
        '\u{030F}' => "G",
        '\u{0323}' => "d",
        '\u{0327}' => "c",
        '\u{0328}' => "k",
        '\u{0331}' => "b",
        '\u{0324}' => "textsubumlaut",
        '\u{0325}' => "textsubring",
        '\u{0326}' => "textcommabelow",
        '\u{032D}' => "textsubcircum",
        '\u{0330}' => "textsubtilde",
        _ => return None,
    })
}

/// The spacing form of an accent written with an empty argument (`\~{}` → `~`).
fn spacing_accent(mark: char) -> char {
    match mark {
        '\u{0300}' => '`',
        '\u{0301}' => '´',
        '\u{0302}' => '^',
        '\u{0303}' => '~',
        '\u{0304}' => '¯',
        '\u{0306}' => '˘',
        '\u{0307}' => '˙',
        '\u{0308}' => '¨',
        '\u{030A}' => '˚',
        '\u{030B}' => '˝',
        '\u{030C}' => 'ˇ',
        '\u{0327}' => '¸',
        '\u{0328}' => '˛',
        _ => mark,
    }
}

/// Letters LaTeX writes with a control word of their own, both ways.
pub(crate) const LETTERS: &[(&str, char)] = &[
    ("ss", 'ß'),
    ("o", 'ø'),
    ("O", 'Ø'),
    ("aa", 'å'),
    ("AA", 'Å'),
    ("ae", 'æ'),
    ("AE", 'Æ'),
    ("oe", 'œ'),
    ("OE", 'Œ'),
    ("l", 'ł'),
    ("L", 'Ł'),
    ("i", 'ı'),
    ("j", 'ȷ'),
    ("dh", 'ð'),
    ("DH", 'Ð'),
    ("th", 'þ'),
    ("TH", 'Þ'),
    ("dj", 'đ'),
    ("DJ", 'Đ'),
    ("ng", 'ŋ'),
    ("NG", 'Ŋ'),
];

/// What a control word does. Accents ([`accent_mark`]) and letters ([`LETTERS`]) have tables of
/// their own, because the writer and the citation keys use them the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Command {
    /// Typesets this text (a symbol, a letter of another alphabet, a logo).
    Text(&'static str),
    /// Typesets a space.
    Space,
    /// Typesets nothing (a declaration, spacing, a punctuation hint).
    Nothing,
    /// Typesets its argument: the formatting is dropped, the text kept.
    Argument,
    /// Typesets its argument between two texts (`\mkbibquote{x}` → “x”).
    Wrap(&'static str, &'static str),
    /// Its first argument typesets nothing (a sort key, a language name, an index entry); what
    /// follows it is kept.
    DropArgument,
    /// Typesets its argument as written, a web address or identifier (`\url{…}`).
    Verbatim,
    /// `\href{url}{text}`: the text is kept and the address noted (see [`Notes::links`]).
    Link,
    /// Typesets its argument in upper case.
    Upper,
    /// Typesets its argument in lower case.
    Lower,
    /// Its argument is math, kept as written.
    Math,
}

use Command::{Argument, DropArgument, Link, Lower, Math, Nothing, Space, Text, Upper, Verbatim, Wrap};

/// Every control word [`decode`] knows beyond accents and letters, sorted by name (byte order) for
/// a binary search; a test checks the order. LaTeX's own symbols, textcomp's (`\textquotesingle`,
/// `\textasciimacron` …), tipa's letters (`\textschwa`, `\textesh` …), biblatex's formatting
/// macros (`\mkbibquote`, `\mkbibemph` …) and the hyphens and dashes styles write.
const COMMANDS: &[(&str, Command)] = &[
    ("BibTeX", Text("BibTeX")),
    ("EUR", Text("€")),
    ("Huge", Nothing),
    ("LARGE", Nothing),
    ("LaTeX", Text("LaTeX")),
    ("LaTeXe", Text("LaTeX2e")),
    ("Large", Nothing),
    ("MakeLowercase", Lower),
    ("MakeTextLowercase", Lower),
    ("MakeTextUppercase", Upper),
    ("MakeUppercase", Upper),
    ("NoCaseChange", Argument),
    ("P", Text("¶")),
    ("S", Text("§")),
    ("SS", Text("SS")),
    ("SortNoop", DropArgument),
    ("TeX", Text("TeX")),
    ("adddot", Nothing),
    ("addperiod", Nothing),
    ("allowbreak", Nothing),
    ("bf", Nothing),
    ("bfseries", Nothing),
    ("bibdatedash", Text("–")),
    ("bibdaterangesep", Text("–")),
    ("bibnamedash", Text("—")),
    ("bibrangedash", Text("–")),
    ("bibstring", Argument),
    ("break", Space),
    ("copyright", Text("©")),
    ("dag", Text("†")),
    ("ddag", Text("‡")),
    ("doi", Verbatim),
    ("dots", Text("…")),
    ("em", Nothing),
    ("emph", Argument),
    ("enquote", Wrap("“", "”")),
    ("enspace", Space),
    ("ensureascii", Argument),
    ("ensuremath", Math),
    ("euro", Text("€")),
    ("footnote", Argument),
    ("footnotesize", Nothing),
    ("foreignlanguage", DropArgument),
    ("frenchspacing", Nothing),
    ("guillemetleft", Text("«")),
    ("guillemetright", Text("»")),
    ("guillemotleft", Text("«")),
    ("guillemotright", Text("»")),
    ("guilsinglleft", Text("‹")),
    ("guilsinglright", Text("›")),
    ("hbox", Argument),
    ("hfil", Nothing),
    ("hfill", Nothing),
    ("href", Link),
    ("hspace", DropArgument),
    ("huge", Nothing),
    ("hyph", Text("-")),
    ("hyphen", Text("-")),
    ("hyphenation", DropArgument),
    ("ignorespaces", Nothing),
    ("index", DropArgument),
    ("isdot", Nothing),
    ("it", Nothing),
    ("itshape", Nothing),
    ("label", DropArgument),
    ("large", Nothing),
    ("ldots", Text("…")),
    ("leavevmode", Nothing),
    ("linebreak", Space),
    ("lowercase", Lower),
    ("mbox", Argument),
    ("mdseries", Nothing),
    ("midsentence", Nothing),
    ("mkbibacro", Argument),
    ("mkbibbold", Argument),
    ("mkbibbraces", Wrap("{", "}")),
    ("mkbibbrackets", Wrap("[", "]")),
    ("mkbibcompletename", Argument),
    ("mkbibemph", Argument),
    ("mkbibendnote", Argument),
    ("mkbibfootnote", Argument),
    ("mkbibitalic", Argument),
    ("mkbibnameaffix", Argument),
    ("mkbibnamefamily", Argument),
    ("mkbibnamefirst", Argument),
    ("mkbibnamegiven", Argument),
    ("mkbibnamelast", Argument),
    ("mkbibnameprefix", Argument),
    ("mkbibnamesuffix", Argument),
    ("mkbibparens", Wrap("(", ")")),
    ("mkbibquote", Wrap("“", "”")),
    ("mkbibsc", Argument),
    ("mkbibsubscript", Argument),
    ("mkbibsuperscript", Argument),
    ("nbhyphen", Text("-")),
    ("newline", Space),
    ("nobreak", Nothing),
    ("nocase", Argument),
    ("nocorr", Nothing),
    ("noindent", Nothing),
    ("nolinkurl", Verbatim),
    ("noop", DropArgument),
    ("noopsort", DropArgument),
    ("nopunct", Nothing),
    ("normalfont", Nothing),
    ("normalsize", Nothing),
    ("null", Nothing),
    ("par", Space),
    ("path", Verbatim),
    ("pounds", Text("£")),
    ("protect", Nothing),
    ("qquad", Space),
    ("quad", Space),
    ("quotedblbase", Text("„")),
    ("quotesinglbase", Text("‚")),
    ("relax", Nothing),
    ("rm", Nothing),
    ("rmfamily", Nothing),
    ("sc", Nothing),
    ("scriptsize", Nothing),
    ("scshape", Nothing),
    ("selectlanguage", DropArgument),
    ("sf", Nothing),
    ("sffamily", Nothing),
    ("sl", Nothing),
    ("slash", Text("/")),
    ("slshape", Nothing),
    ("small", Nothing),
    ("sortnoop", DropArgument),
    ("space", Space),
    ("text", Argument),
    ("textacutedbl", Text("˝")),
    ("textasciiacute", Text("´")),
    ("textasciibreve", Text("˘")),
    ("textasciicaron", Text("ˇ")),
    ("textasciicircum", Text("^")),
    ("textasciidieresis", Text("¨")),
    ("textasciigrave", Text("`")),
    ("textasciimacron", Text("¯")),
    ("textasciitilde", Text("~")),
    ("textasteriskcentered", Text("*")),
    ("textbabygamma", Text("ɤ")),
    ("textbackslash", Text("\\")),
    ("textbaht", Text("฿")),
    ("textbar", Text("|")),
    ("textbardotlessj", Text("ɟ")),
    ("textbarglotstop", Text("ʡ")),
    ("textbari", Text("ɨ")),
    ("textbaru", Text("ʉ")),
    ("textbeltl", Text("ɬ")),
    ("textbeta", Text("β")),
    ("textbf", Argument),
    ("textbigcircle", Text("◯")),
    ("textblank", Text("␢")),
    ("textborn", Text("*")),
    ("textbraceleft", Text("{")),
    ("textbraceright", Text("}")),
    ("textbrokenbar", Text("¦")),
    ("textbullet", Text("•")),
    ("textbullseye", Text("ʘ")),
    ("textcelsius", Text("℃")),
    ("textcent", Text("¢")),
    ("textcentoldstyle", Text("¢")),
    ("textchi", Text("χ")),
    ("textcircledP", Text("℗")),
    ("textcolonmonetary", Text("₡")),
    ("textcopyleft", Text("🄯")),
    ("textcopyright", Text("©")),
    ("textcrd", Text("đ")),
    ("textcrh", Text("ħ")),
    ("textctc", Text("ɕ")),
    ("textctz", Text("ʑ")),
    ("textcurrency", Text("¤")),
    ("textcyrillic", Argument),
    ("textdagger", Text("†")),
    ("textdaggerdbl", Text("‡")),
    ("textdblhyphen", Text("-")),
    ("textdblhyphenchar", Text("-")),
    ("textdegree", Text("°")),
    ("textdied", Text("†")),
    ("textdiscount", Text("⁒")),
    ("textdiv", Text("÷")),
    ("textdivorced", Text("⚮")),
    ("textdollar", Text("$")),
    ("textdollaroldstyle", Text("$")),
    ("textdong", Text("₫")),
    ("textdoublebarpipe", Text("ǂ")),
    ("textdoublepipe", Text("ǁ")),
    ("textdownarrow", Text("↓")),
    ("textdyoghlig", Text("ʤ")),
    ("texteightoldstyle", Text("8")),
    ("textellipsis", Text("…")),
    ("textemdash", Text("—")),
    ("textendash", Text("–")),
    ("texteng", Text("ŋ")),
    ("textenglish", Argument),
    ("textepsilon", Text("ɛ")),
    ("textesh", Text("ʃ")),
    ("textestimated", Text("℮")),
    ("texteuro", Text("€")),
    ("textexclamdown", Text("¡")),
    ("textfishhookr", Text("ɾ")),
    ("textfiveoldstyle", Text("5")),
    ("textflorin", Text("ƒ")),
    ("textfouroldstyle", Text("4")),
    ("textfractionsolidus", Text("⁄")),
    ("textgamma", Text("ɣ")),
    ("textglotstop", Text("ʔ")),
    ("textgravedbl", Text("˵")),
    ("textgreater", Text(">")),
    ("textgreek", Argument),
    ("textguarani", Text("₲")),
    ("texthalflength", Text("ˑ")),
    ("texthtb", Text("ɓ")),
    ("texthtd", Text("ɗ")),
    ("texthtg", Text("ɠ")),
    ("textinterrobang", Text("‽")),
    ("textinvscr", Text("ʁ")),
    ("textipagamma", Text("ɣ")),
    ("textit", Argument),
    ("textlangle", Text("〈")),
    ("textlatin", Argument),
    ("textlbrackdbl", Text("⟦")),
    ("textleaf", Text("🙧")),
    ("textleftarrow", Text("←")),
    ("textlengthmark", Text("ː")),
    ("textless", Text("<")),
    ("textlhookt", Text("ƫ")),
    ("textlira", Text("₤")),
    ("textlnot", Text("¬")),
    ("textlquill", Text("⁅")),
    ("textltailn", Text("ɲ")),
    ("textlyoghlig", Text("ɮ")),
    ("textmarried", Text("⚭")),
    ("textmd", Argument),
    ("textmho", Text("℧")),
    ("textminus", Text("−")),
    ("textmu", Text("µ")),
    ("textmusicalnote", Text("♪")),
    ("textnaira", Text("₦")),
    ("textnbhyphen", Text("-")),
    ("textnineoldstyle", Text("9")),
    ("textnohyphenation", Argument),
    ("textnormal", Argument),
    ("textnumero", Text("№")),
    ("textohm", Text("Ω")),
    ("textonehalf", Text("½")),
    ("textoneoldstyle", Text("1")),
    ("textonequarter", Text("¼")),
    ("textonesuperior", Text("¹")),
    ("textopenbullet", Text("◦")),
    ("textopeno", Text("ɔ")),
    ("textordfeminine", Text("ª")),
    ("textordmasculine", Text("º")),
    ("textparagraph", Text("¶")),
    ("textperiodcentered", Text("·")),
    ("textpertenthousand", Text("‱")),
    ("textperthousand", Text("‰")),
    ("textpeso", Text("₱")),
    ("textphi", Text("ɸ")),
    ("textpipe", Text("ǀ")),
    ("textpm", Text("±")),
    ("textprimstress", Text("ˈ")),
    ("textquestiondown", Text("¿")),
    ("textquotedbl", Text("\"")),
    ("textquotedblleft", Text("“")),
    ("textquotedblright", Text("”")),
    ("textquoteleft", Text("‘")),
    ("textquoteright", Text("’")),
    ("textquotesingle", Text("'")),
    ("textquotestraightbase", Text(",")),
    ("textquotestraightdblbase", Text("\"")),
    ("textramshorns", Text("ɤ")),
    ("textrangle", Text("〉")),
    ("textrbrackdbl", Text("⟧")),
    ("textrecipe", Text("℞")),
    ("textreferencemark", Text("※")),
    ("textregistered", Text("®")),
    ("textreve", Text("ɘ")),
    ("textrevepsilon", Text("ɜ")),
    ("textrevglotstop", Text("ʕ")),
    ("textrhookschwa", Text("ɚ")),
    ("textrightarrow", Text("→")),
    ("textrm", Argument),
    ("textrquill", Text("⁆")),
    ("textrtaild", Text("ɖ")),
    ("textrtaill", Text("ɭ")),
    ("textrtailn", Text("ɳ")),
    ("textrtailr", Text("ɽ")),
    ("textrtails", Text("ʂ")),
    ("textrtailt", Text("ʈ")),
    ("textrtailz", Text("ʐ")),
    ("textsc", Argument),
    ("textscg", Text("ɢ")),
    ("textschwa", Text("ə")),
    ("textsci", Text("ɪ")),
    ("textscl", Text("ʟ")),
    ("textscn", Text("ɴ")),
    ("textscr", Text("ʀ")),
    ("textscripta", Text("ɑ")),
    ("textscy", Text("ʏ")),
    ("textsecstress", Text("ˌ")),
    ("textsection", Text("§")),
    ("textservicemark", Text("℠")),
    ("textsevenoldstyle", Text("7")),
    ("textsf", Argument),
    ("textsixoldstyle", Text("6")),
    ("textsl", Argument),
    ("textsterling", Text("£")),
    ("textsubscript", Argument),
    ("textsuperscript", Argument),
    ("textsurd", Text("√")),
    ("textteshlig", Text("ʧ")),
    ("texttheta", Text("θ")),
    ("textthreeoldstyle", Text("3")),
    ("textthreequarters", Text("¾")),
    ("textthreequartersemdash", Text("—")),
    ("textthreesuperior", Text("³")),
    ("texttildelow", Text("˜")),
    ("texttimes", Text("×")),
    ("texttrademark", Text("™")),
    ("texttt", Argument),
    ("textturna", Text("ɐ")),
    ("textturnh", Text("ɥ")),
    ("textturnm", Text("ɯ")),
    ("textturnr", Text("ɹ")),
    ("textturnscripta", Text("ɒ")),
    ("textturnv", Text("ʌ")),
    ("textturnw", Text("ʍ")),
    ("textturny", Text("ʎ")),
    ("texttwelveudash", Text("—")),
    ("texttwooldstyle", Text("2")),
    ("texttwosuperior", Text("²")),
    ("textunderscore", Text("_")),
    ("textup", Argument),
    ("textuparrow", Text("↑")),
    ("textupsilon", Text("ʊ")),
    ("textvisiblespace", Text("␣")),
    ("textwon", Text("₩")),
    ("textyen", Text("¥")),
    ("textyogh", Text("ʒ")),
    ("textzerooldstyle", Text("0")),
    ("thinspace", Space),
    ("tiny", Nothing),
    ("tt", Nothing),
    ("ttfamily", Nothing),
    ("uline", Argument),
    ("underline", Argument),
    ("unskip", Nothing),
    ("uppercase", Upper),
    ("upshape", Nothing),
    ("url", Verbatim),
    ("vspace", DropArgument),
    ("xspace", Nothing),
];

/// What a control word does, if [`COMMANDS`] knows it.
fn command(name: &str) -> Option<Command> {
    COMMANDS.binary_search_by(|(n, _)| (*n).cmp(name)).ok().and_then(|i| COMMANDS.get(i)).map(|&(_, c)| c)
}

struct Decoder<'a, 'n> {
    src: &'a str,
    pos: usize,
    out: String,
    /// A space is due before the next character (runs collapse; none at the start or end).
    space: bool,
    notes: &'n mut Notes,
}

impl<'a> Decoder<'a, '_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|rest| rest.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push(c);
    }

    fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            self.push(c);
        }
    }

    fn run(&mut self) {
        while let Some(c) = self.bump() {
            match c {
                '{' | '}' => {}
                '\\' => self.command(),
                '~' => self.push(' '),
                '$' => self.math_dollar(),
                '-' => {
                    let mut run = 1;
                    while self.peek() == Some('-') {
                        self.bump();
                        run += 1;
                    }
                    match run {
                        1 => self.push('-'),
                        2 => self.push('–'),
                        _ => {
                            self.push('—');
                            (3..run).for_each(|_| self.push('-'));
                        }
                    }
                }
                '`' if self.peek() == Some('`') => {
                    self.bump();
                    self.push('“');
                }
                '`' => self.push('‘'),
                '\'' if self.peek() == Some('\'') => {
                    self.bump();
                    self.push('”');
                }
                '!' if self.peek() == Some('`') => {
                    self.bump();
                    self.push('¡');
                }
                '?' if self.peek() == Some('`') => {
                    self.bump();
                    self.push('¿');
                }
                c => self.push(c),
            }
        }
    }

    /// `$…$` or `$$…$$`, kept as written.
    fn math_dollar(&mut self) {
        let start = self.pos - 1;
        let close = if self.peek() == Some('$') {
            self.bump();
            "$$"
        } else {
            "$"
        };
        self.math_until(start, close);
    }

    /// Math from `start` to the closing delimiter (or the end), kept as written.
    fn math_until(&mut self, start: usize, close: &str) {
        let end = self.src.get(self.pos..).and_then(|rest| rest.find(close)).map(|i| self.pos + i + close.len());
        self.pos = end.unwrap_or(self.src.len());
        self.keep_math(start, self.pos);
    }

    fn keep_math(&mut self, start: usize, end: usize) {
        self.notes.math = true;
        let raw = self.src.get(start..end).unwrap_or_default();
        self.push_str(raw);
    }

    /// After a backslash.
    fn command(&mut self) {
        let Some(first) = self.peek() else {
            self.push('\\');
            return;
        };
        if !first.is_ascii_alphabetic() {
            self.bump();
            self.control_symbol(first);
            return;
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.bump();
        }
        let name = self.src.get(start..self.pos).unwrap_or_default();
        // TeX skips the spaces after a control word.
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        self.control_word(name, start - 1);
    }

    fn control_symbol(&mut self, symbol: char) {
        match symbol {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => self.push(symbol),
            '\\' | ' ' | ',' | ';' | ':' | '\n' | '\r' | '\t' => self.push(' '),
            '-' | '/' | '@' | '!' => {}
            '(' => self.math_until(self.pos - 2, "\\)"),
            '[' => self.math_until(self.pos - 2, "\\]"),
            _ => {
                let mut buffer = [0u8; 4];
                match accent_mark(symbol.encode_utf8(&mut buffer)) {
                    Some(mark) => self.accent(mark),
                    None => {
                        self.notes.unknown.push(format!("\\{symbol}"));
                        self.push('\\');
                        self.push(symbol);
                    }
                }
            }
        }
    }

    fn control_word(&mut self, name: &'a str, start: usize) {
        if let Some(mark) = accent_mark(name) {
            self.accent(mark);
            return;
        }
        if let Some(&(_, letter)) = LETTERS.iter().find(|(command, _)| *command == name) {
            self.push(letter);
            return;
        }
        match command(name) {
            Some(Text(text)) => self.push_str(text),
            Some(Space) => self.push(' '),
            // The argument follows as a group whose braces are dropped like any other.
            Some(Nothing | Argument) => {}
            Some(Wrap(open, close)) => {
                let text = self.group_decoded();
                self.push_str(open);
                self.push_str(&text);
                self.push_str(close);
            }
            Some(DropArgument) => {
                self.group();
            }
            Some(Verbatim) => {
                let raw = self.group();
                self.push_str(&decode_verbatim(raw));
            }
            Some(Link) => {
                let raw = self.group();
                self.notes.links.push(decode_verbatim(raw));
            }
            Some(Upper) => {
                let text = self.group_decoded();
                self.push_str(&text.to_uppercase());
            }
            Some(Lower) => {
                let text = self.group_decoded();
                self.push_str(&text.to_lowercase());
            }
            Some(Math) => {
                self.group();
                self.keep_math(start, self.pos);
            }
            None => self.unknown(name, start),
        }
    }

    /// An unknown control word: kept as written with the groups that follow it directly.
    fn unknown(&mut self, name: &str, start: usize) {
        self.notes.unknown.push(format!("\\{name}"));
        while self.peek() == Some('{') {
            self.group();
        }
        let raw = self.src.get(start..self.pos).unwrap_or_default().trim_end();
        self.push_str(raw);
    }

    /// Skips a `{…}` group (or one character or control sequence) and returns its raw text.
    fn group(&mut self) -> &'a str {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        let src = self.src;
        let start = self.pos;
        match self.peek() {
            Some('{') => {
                self.bump();
                let mut depth = 1usize;
                while let Some(c) = self.bump() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                return src.get(start + 1..self.pos - 1).unwrap_or_default();
                            }
                        }
                        _ => {}
                    }
                }
                src.get(start + 1..).unwrap_or_default()
            }
            Some('\\') => {
                self.bump();
                if self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                        self.bump();
                    }
                } else {
                    self.bump();
                }
                src.get(start..self.pos).unwrap_or_default()
            }
            Some(_) => {
                self.bump();
                src.get(start..self.pos).unwrap_or_default()
            }
            None => "",
        }
    }

    fn group_decoded(&mut self) -> String {
        let raw = self.group();
        let mut inner = Decoder { src: raw, pos: 0, out: String::new(), space: false, notes: &mut *self.notes };
        inner.run();
        inner.out
    }

    /// An accent command: its argument decoded, the mark put on the first letter.
    fn accent(&mut self, mark: char) {
        let argument = self.group_decoded();
        let mut chars = argument.chars();
        let Some(base) = chars.next() else {
            self.push(spacing_accent(mark));
            return;
        };
        let base = match base {
            'ı' if mark != '\u{0361}' => 'i',
            'ȷ' if mark != '\u{0361}' => 'j',
            other => other,
        };
        match compose(base, mark) {
            Some(composed) => self.push(composed),
            None => {
                // No precomposed letter (or the tie, which joins two letters: o͡o).
                self.push(base);
                self.out.push(mark);
            }
        }
        chars.for_each(|c| self.push(c));
    }
}

/// The precomposed letter of `base` with `mark`, if Unicode has one.
fn compose(base: char, mark: char) -> Option<char> {
    COMPOSITIONS
        .binary_search_by(|&(b, m, _)| (m, b).cmp(&(mark, base)))
        .ok()
        .and_then(|i| COMPOSITIONS.get(i))
        .map(|&(_, _, composed)| composed)
}

/// The base letter and accent command of a precomposed letter (`é` → (`e`, `'`)), if it has
/// one; the base may itself be accented (`ǘ` → (`ü`, `'`)).
pub(crate) fn decompose(c: char) -> Option<(char, &'static str)> {
    if c.is_ascii() {
        return None;
    }
    COMPOSITIONS
        .iter()
        .find(|&&(_, _, composed)| composed == c)
        .and_then(|&(base, mark, _)| accent_command(mark).map(|command| (base, command)))
}

/// Appends the ASCII form of a character to `out` (`é` → `e`, `ß` → `ss`, ASCII as is) for
/// citation keys; false (nothing appended) for a character with no ASCII form.
pub(crate) fn ascii_fold(c: char, out: &mut String) -> bool {
    if c.is_ascii() {
        out.push(c);
        return true;
    }
    let special = match c {
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'ı' => "i",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'þ' => "th",
        'Þ' => "TH",
        'ŋ' => "ng",
        'Ŋ' => "NG",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return true;
    }
    let mut current = c;
    // Letters with several marks fold in steps (ǘ → ü → u).
    while let Some((base, _)) = decompose(current) {
        if base.is_ascii() {
            out.push(base);
            return true;
        }
        current = base;
    }
    false
}

/// (base, combining mark, precomposed letter) for every precomposed Latin letter of Unicode 14
/// that decomposes into a base and one of the marks of LaTeX's accent commands (and of tipa's
/// `\textsubring`, `\textsubumlaut`, `\textsubcircum`, `\textsubtilde` and `\textcommabelow`),
/// sorted by mark and base (generated from the Unicode character database).
#[rustfmt::skip]
const COMPOSITIONS: &[(char, char, char)] = &[
    ('A', '\u{0300}', 'À'), ('E', '\u{0300}', 'È'), ('I', '\u{0300}', 'Ì'), ('N', '\u{0300}', 'Ǹ'),
    ('O', '\u{0300}', 'Ò'), ('U', '\u{0300}', 'Ù'), ('W', '\u{0300}', 'Ẁ'), ('Y', '\u{0300}', 'Ỳ'),
    ('a', '\u{0300}', 'à'), ('e', '\u{0300}', 'è'), ('i', '\u{0300}', 'ì'), ('n', '\u{0300}', 'ǹ'),
    ('o', '\u{0300}', 'ò'), ('u', '\u{0300}', 'ù'), ('w', '\u{0300}', 'ẁ'), ('y', '\u{0300}', 'ỳ'),
    ('Â', '\u{0300}', 'Ầ'), ('Ê', '\u{0300}', 'Ề'), ('Ô', '\u{0300}', 'Ồ'), ('Ü', '\u{0300}', 'Ǜ'),
    ('â', '\u{0300}', 'ầ'), ('ê', '\u{0300}', 'ề'), ('ô', '\u{0300}', 'ồ'), ('ü', '\u{0300}', 'ǜ'),
    ('Ă', '\u{0300}', 'Ằ'), ('ă', '\u{0300}', 'ằ'), ('Ē', '\u{0300}', 'Ḕ'), ('ē', '\u{0300}', 'ḕ'),
    ('Ō', '\u{0300}', 'Ṑ'), ('ō', '\u{0300}', 'ṑ'), ('Ơ', '\u{0300}', 'Ờ'), ('ơ', '\u{0300}', 'ờ'),
    ('Ư', '\u{0300}', 'Ừ'), ('ư', '\u{0300}', 'ừ'), ('A', '\u{0301}', 'Á'), ('C', '\u{0301}', 'Ć'),
    ('E', '\u{0301}', 'É'), ('G', '\u{0301}', 'Ǵ'), ('I', '\u{0301}', 'Í'), ('K', '\u{0301}', 'Ḱ'),
    ('L', '\u{0301}', 'Ĺ'), ('M', '\u{0301}', 'Ḿ'), ('N', '\u{0301}', 'Ń'), ('O', '\u{0301}', 'Ó'),
    ('P', '\u{0301}', 'Ṕ'), ('R', '\u{0301}', 'Ŕ'), ('S', '\u{0301}', 'Ś'), ('U', '\u{0301}', 'Ú'),
    ('W', '\u{0301}', 'Ẃ'), ('Y', '\u{0301}', 'Ý'), ('Z', '\u{0301}', 'Ź'), ('a', '\u{0301}', 'á'),
    ('c', '\u{0301}', 'ć'), ('e', '\u{0301}', 'é'), ('g', '\u{0301}', 'ǵ'), ('i', '\u{0301}', 'í'),
    ('k', '\u{0301}', 'ḱ'), ('l', '\u{0301}', 'ĺ'), ('m', '\u{0301}', 'ḿ'), ('n', '\u{0301}', 'ń'),
    ('o', '\u{0301}', 'ó'), ('p', '\u{0301}', 'ṕ'), ('r', '\u{0301}', 'ŕ'), ('s', '\u{0301}', 'ś'),
    ('u', '\u{0301}', 'ú'), ('w', '\u{0301}', 'ẃ'), ('y', '\u{0301}', 'ý'), ('z', '\u{0301}', 'ź'),
    ('Â', '\u{0301}', 'Ấ'), ('Å', '\u{0301}', 'Ǻ'), ('Æ', '\u{0301}', 'Ǽ'), ('Ç', '\u{0301}', 'Ḉ'),
    ('Ê', '\u{0301}', 'Ế'), ('Ï', '\u{0301}', 'Ḯ'), ('Ô', '\u{0301}', 'Ố'), ('Õ', '\u{0301}', 'Ṍ'),
    ('Ø', '\u{0301}', 'Ǿ'), ('Ü', '\u{0301}', 'Ǘ'), ('â', '\u{0301}', 'ấ'), ('å', '\u{0301}', 'ǻ'),
    ('æ', '\u{0301}', 'ǽ'), ('ç', '\u{0301}', 'ḉ'), ('ê', '\u{0301}', 'ế'), ('ï', '\u{0301}', 'ḯ'),
    ('ô', '\u{0301}', 'ố'), ('õ', '\u{0301}', 'ṍ'), ('ø', '\u{0301}', 'ǿ'), ('ü', '\u{0301}', 'ǘ'),
    ('Ă', '\u{0301}', 'Ắ'), ('ă', '\u{0301}', 'ắ'), ('Ē', '\u{0301}', 'Ḗ'), ('ē', '\u{0301}', 'ḗ'),
    ('Ō', '\u{0301}', 'Ṓ'), ('ō', '\u{0301}', 'ṓ'), ('Ũ', '\u{0301}', 'Ṹ'), ('ũ', '\u{0301}', 'ṹ'),
    ('Ơ', '\u{0301}', 'Ớ'), ('ơ', '\u{0301}', 'ớ'), ('Ư', '\u{0301}', 'Ứ'), ('ư', '\u{0301}', 'ứ'),
    ('A', '\u{0302}', 'Â'), ('C', '\u{0302}', 'Ĉ'), ('E', '\u{0302}', 'Ê'), ('G', '\u{0302}', 'Ĝ'),
    ('H', '\u{0302}', 'Ĥ'), ('I', '\u{0302}', 'Î'), ('J', '\u{0302}', 'Ĵ'), ('O', '\u{0302}', 'Ô'),
    ('S', '\u{0302}', 'Ŝ'), ('U', '\u{0302}', 'Û'), ('W', '\u{0302}', 'Ŵ'), ('Y', '\u{0302}', 'Ŷ'),
    ('Z', '\u{0302}', 'Ẑ'), ('a', '\u{0302}', 'â'), ('c', '\u{0302}', 'ĉ'), ('e', '\u{0302}', 'ê'),
    ('g', '\u{0302}', 'ĝ'), ('h', '\u{0302}', 'ĥ'), ('i', '\u{0302}', 'î'), ('j', '\u{0302}', 'ĵ'),
    ('o', '\u{0302}', 'ô'), ('s', '\u{0302}', 'ŝ'), ('u', '\u{0302}', 'û'), ('w', '\u{0302}', 'ŵ'),
    ('y', '\u{0302}', 'ŷ'), ('z', '\u{0302}', 'ẑ'), ('Ạ', '\u{0302}', 'Ậ'), ('ạ', '\u{0302}', 'ậ'),
    ('Ẹ', '\u{0302}', 'Ệ'), ('ẹ', '\u{0302}', 'ệ'), ('Ọ', '\u{0302}', 'Ộ'), ('ọ', '\u{0302}', 'ộ'),
    ('A', '\u{0303}', 'Ã'), ('E', '\u{0303}', 'Ẽ'), ('I', '\u{0303}', 'Ĩ'), ('N', '\u{0303}', 'Ñ'),
    ('O', '\u{0303}', 'Õ'), ('U', '\u{0303}', 'Ũ'), ('V', '\u{0303}', 'Ṽ'), ('Y', '\u{0303}', 'Ỹ'),
    ('a', '\u{0303}', 'ã'), ('e', '\u{0303}', 'ẽ'), ('i', '\u{0303}', 'ĩ'), ('n', '\u{0303}', 'ñ'),
    ('o', '\u{0303}', 'õ'), ('u', '\u{0303}', 'ũ'), ('v', '\u{0303}', 'ṽ'), ('y', '\u{0303}', 'ỹ'),
    ('Â', '\u{0303}', 'Ẫ'), ('Ê', '\u{0303}', 'Ễ'), ('Ô', '\u{0303}', 'Ỗ'), ('â', '\u{0303}', 'ẫ'),
    ('ê', '\u{0303}', 'ễ'), ('ô', '\u{0303}', 'ỗ'), ('Ă', '\u{0303}', 'Ẵ'), ('ă', '\u{0303}', 'ẵ'),
    ('Ơ', '\u{0303}', 'Ỡ'), ('ơ', '\u{0303}', 'ỡ'), ('Ư', '\u{0303}', 'Ữ'), ('ư', '\u{0303}', 'ữ'),
    ('A', '\u{0304}', 'Ā'), ('E', '\u{0304}', 'Ē'), ('G', '\u{0304}', 'Ḡ'), ('I', '\u{0304}', 'Ī'),
    ('O', '\u{0304}', 'Ō'), ('U', '\u{0304}', 'Ū'), ('Y', '\u{0304}', 'Ȳ'), ('a', '\u{0304}', 'ā'),
    ('e', '\u{0304}', 'ē'), ('g', '\u{0304}', 'ḡ'), ('i', '\u{0304}', 'ī'), ('o', '\u{0304}', 'ō'),
    ('u', '\u{0304}', 'ū'), ('y', '\u{0304}', 'ȳ'), ('Ä', '\u{0304}', 'Ǟ'), ('Æ', '\u{0304}', 'Ǣ'),
    ('Õ', '\u{0304}', 'Ȭ'), ('Ö', '\u{0304}', 'Ȫ'), ('Ü', '\u{0304}', 'Ǖ'), ('ä', '\u{0304}', 'ǟ'),
    ('æ', '\u{0304}', 'ǣ'), ('õ', '\u{0304}', 'ȭ'), ('ö', '\u{0304}', 'ȫ'), ('ü', '\u{0304}', 'ǖ'),
    ('Ǫ', '\u{0304}', 'Ǭ'), ('ǫ', '\u{0304}', 'ǭ'), ('Ȧ', '\u{0304}', 'Ǡ'), ('ȧ', '\u{0304}', 'ǡ'),
    ('Ȯ', '\u{0304}', 'Ȱ'), ('ȯ', '\u{0304}', 'ȱ'), ('Ḷ', '\u{0304}', 'Ḹ'), ('ḷ', '\u{0304}', 'ḹ'),
    ('Ṛ', '\u{0304}', 'Ṝ'), ('ṛ', '\u{0304}', 'ṝ'), ('A', '\u{0306}', 'Ă'), ('E', '\u{0306}', 'Ĕ'),
    ('G', '\u{0306}', 'Ğ'), ('I', '\u{0306}', 'Ĭ'), ('O', '\u{0306}', 'Ŏ'), ('U', '\u{0306}', 'Ŭ'),
    ('a', '\u{0306}', 'ă'), ('e', '\u{0306}', 'ĕ'), ('g', '\u{0306}', 'ğ'), ('i', '\u{0306}', 'ĭ'),
    ('o', '\u{0306}', 'ŏ'), ('u', '\u{0306}', 'ŭ'), ('Ȩ', '\u{0306}', 'Ḝ'), ('ȩ', '\u{0306}', 'ḝ'),
    ('Ạ', '\u{0306}', 'Ặ'), ('ạ', '\u{0306}', 'ặ'), ('A', '\u{0307}', 'Ȧ'), ('B', '\u{0307}', 'Ḃ'),
    ('C', '\u{0307}', 'Ċ'), ('D', '\u{0307}', 'Ḋ'), ('E', '\u{0307}', 'Ė'), ('F', '\u{0307}', 'Ḟ'),
    ('G', '\u{0307}', 'Ġ'), ('H', '\u{0307}', 'Ḣ'), ('I', '\u{0307}', 'İ'), ('M', '\u{0307}', 'Ṁ'),
    ('N', '\u{0307}', 'Ṅ'), ('O', '\u{0307}', 'Ȯ'), ('P', '\u{0307}', 'Ṗ'), ('R', '\u{0307}', 'Ṙ'),
    ('S', '\u{0307}', 'Ṡ'), ('T', '\u{0307}', 'Ṫ'), ('W', '\u{0307}', 'Ẇ'), ('X', '\u{0307}', 'Ẋ'),
    ('Y', '\u{0307}', 'Ẏ'), ('Z', '\u{0307}', 'Ż'), ('a', '\u{0307}', 'ȧ'), ('b', '\u{0307}', 'ḃ'),
    ('c', '\u{0307}', 'ċ'), ('d', '\u{0307}', 'ḋ'), ('e', '\u{0307}', 'ė'), ('f', '\u{0307}', 'ḟ'),
    ('g', '\u{0307}', 'ġ'), ('h', '\u{0307}', 'ḣ'), ('m', '\u{0307}', 'ṁ'), ('n', '\u{0307}', 'ṅ'),
    ('o', '\u{0307}', 'ȯ'), ('p', '\u{0307}', 'ṗ'), ('r', '\u{0307}', 'ṙ'), ('s', '\u{0307}', 'ṡ'),
    ('t', '\u{0307}', 'ṫ'), ('w', '\u{0307}', 'ẇ'), ('x', '\u{0307}', 'ẋ'), ('y', '\u{0307}', 'ẏ'),
    ('z', '\u{0307}', 'ż'), ('Ś', '\u{0307}', 'Ṥ'), ('ś', '\u{0307}', 'ṥ'), ('Š', '\u{0307}', 'Ṧ'),
    ('š', '\u{0307}', 'ṧ'), ('ſ', '\u{0307}', 'ẛ'), ('Ṣ', '\u{0307}', 'Ṩ'), ('ṣ', '\u{0307}', 'ṩ'),
    ('A', '\u{0308}', 'Ä'), ('E', '\u{0308}', 'Ë'), ('H', '\u{0308}', 'Ḧ'), ('I', '\u{0308}', 'Ï'),
    ('O', '\u{0308}', 'Ö'), ('U', '\u{0308}', 'Ü'), ('W', '\u{0308}', 'Ẅ'), ('X', '\u{0308}', 'Ẍ'),
    ('Y', '\u{0308}', 'Ÿ'), ('a', '\u{0308}', 'ä'), ('e', '\u{0308}', 'ë'), ('h', '\u{0308}', 'ḧ'),
    ('i', '\u{0308}', 'ï'), ('o', '\u{0308}', 'ö'), ('t', '\u{0308}', 'ẗ'), ('u', '\u{0308}', 'ü'),
    ('w', '\u{0308}', 'ẅ'), ('x', '\u{0308}', 'ẍ'), ('y', '\u{0308}', 'ÿ'), ('Õ', '\u{0308}', 'Ṏ'),
    ('õ', '\u{0308}', 'ṏ'), ('Ū', '\u{0308}', 'Ṻ'), ('ū', '\u{0308}', 'ṻ'), ('A', '\u{030A}', 'Å'),
    ('U', '\u{030A}', 'Ů'), ('a', '\u{030A}', 'å'), ('u', '\u{030A}', 'ů'), ('w', '\u{030A}', 'ẘ'),
    ('y', '\u{030A}', 'ẙ'), ('O', '\u{030B}', 'Ő'), ('U', '\u{030B}', 'Ű'), ('o', '\u{030B}', 'ő'),
    ('u', '\u{030B}', 'ű'), ('A', '\u{030C}', 'Ǎ'), ('C', '\u{030C}', 'Č'), ('D', '\u{030C}', 'Ď'),
    ('E', '\u{030C}', 'Ě'), ('G', '\u{030C}', 'Ǧ'), ('H', '\u{030C}', 'Ȟ'), ('I', '\u{030C}', 'Ǐ'),
    ('K', '\u{030C}', 'Ǩ'), ('L', '\u{030C}', 'Ľ'), ('N', '\u{030C}', 'Ň'), ('O', '\u{030C}', 'Ǒ'),
    ('R', '\u{030C}', 'Ř'), ('S', '\u{030C}', 'Š'), ('T', '\u{030C}', 'Ť'), ('U', '\u{030C}', 'Ǔ'),
    ('Z', '\u{030C}', 'Ž'), ('a', '\u{030C}', 'ǎ'), ('c', '\u{030C}', 'č'), ('d', '\u{030C}', 'ď'),
    ('e', '\u{030C}', 'ě'), ('g', '\u{030C}', 'ǧ'), ('h', '\u{030C}', 'ȟ'), ('i', '\u{030C}', 'ǐ'),
    ('j', '\u{030C}', 'ǰ'), ('k', '\u{030C}', 'ǩ'), ('l', '\u{030C}', 'ľ'), ('n', '\u{030C}', 'ň'),
    ('o', '\u{030C}', 'ǒ'), ('r', '\u{030C}', 'ř'), ('s', '\u{030C}', 'š'), ('t', '\u{030C}', 'ť'),
    ('u', '\u{030C}', 'ǔ'), ('z', '\u{030C}', 'ž'), ('Ü', '\u{030C}', 'Ǚ'), ('ü', '\u{030C}', 'ǚ'),
    ('Ʒ', '\u{030C}', 'Ǯ'), ('ʒ', '\u{030C}', 'ǯ'), ('A', '\u{030F}', 'Ȁ'), ('E', '\u{030F}', 'Ȅ'),
    ('I', '\u{030F}', 'Ȉ'), ('O', '\u{030F}', 'Ȍ'), ('R', '\u{030F}', 'Ȑ'), ('U', '\u{030F}', 'Ȕ'),
    ('a', '\u{030F}', 'ȁ'), ('e', '\u{030F}', 'ȅ'), ('i', '\u{030F}', 'ȉ'), ('o', '\u{030F}', 'ȍ'),
    ('r', '\u{030F}', 'ȑ'), ('u', '\u{030F}', 'ȕ'), ('A', '\u{0323}', 'Ạ'), ('B', '\u{0323}', 'Ḅ'),
    ('D', '\u{0323}', 'Ḍ'), ('E', '\u{0323}', 'Ẹ'), ('H', '\u{0323}', 'Ḥ'), ('I', '\u{0323}', 'Ị'),
    ('K', '\u{0323}', 'Ḳ'), ('L', '\u{0323}', 'Ḷ'), ('M', '\u{0323}', 'Ṃ'), ('N', '\u{0323}', 'Ṇ'),
    ('O', '\u{0323}', 'Ọ'), ('R', '\u{0323}', 'Ṛ'), ('S', '\u{0323}', 'Ṣ'), ('T', '\u{0323}', 'Ṭ'),
    ('U', '\u{0323}', 'Ụ'), ('V', '\u{0323}', 'Ṿ'), ('W', '\u{0323}', 'Ẉ'), ('Y', '\u{0323}', 'Ỵ'),
    ('Z', '\u{0323}', 'Ẓ'), ('a', '\u{0323}', 'ạ'), ('b', '\u{0323}', 'ḅ'), ('d', '\u{0323}', 'ḍ'),
    ('e', '\u{0323}', 'ẹ'), ('h', '\u{0323}', 'ḥ'), ('i', '\u{0323}', 'ị'), ('k', '\u{0323}', 'ḳ'),
    ('l', '\u{0323}', 'ḷ'), ('m', '\u{0323}', 'ṃ'), ('n', '\u{0323}', 'ṇ'), ('o', '\u{0323}', 'ọ'),
    ('r', '\u{0323}', 'ṛ'), ('s', '\u{0323}', 'ṣ'), ('t', '\u{0323}', 'ṭ'), ('u', '\u{0323}', 'ụ'),
    ('v', '\u{0323}', 'ṿ'), ('w', '\u{0323}', 'ẉ'), ('y', '\u{0323}', 'ỵ'), ('z', '\u{0323}', 'ẓ'),
    ('Ơ', '\u{0323}', 'Ợ'), ('ơ', '\u{0323}', 'ợ'), ('Ư', '\u{0323}', 'Ự'), ('ư', '\u{0323}', 'ự'),
    ('U', '\u{0324}', 'Ṳ'), ('u', '\u{0324}', 'ṳ'), ('A', '\u{0325}', 'Ḁ'), ('a', '\u{0325}', 'ḁ'),
    ('S', '\u{0326}', 'Ș'), ('T', '\u{0326}', 'Ț'), ('s', '\u{0326}', 'ș'), ('t', '\u{0326}', 'ț'),
    ('C', '\u{0327}', 'Ç'), ('D', '\u{0327}', 'Ḑ'), ('E', '\u{0327}', 'Ȩ'), ('G', '\u{0327}', 'Ģ'),
    ('H', '\u{0327}', 'Ḩ'), ('K', '\u{0327}', 'Ķ'), ('L', '\u{0327}', 'Ļ'), ('N', '\u{0327}', 'Ņ'),
    ('R', '\u{0327}', 'Ŗ'), ('S', '\u{0327}', 'Ş'), ('T', '\u{0327}', 'Ţ'), ('c', '\u{0327}', 'ç'),
    ('d', '\u{0327}', 'ḑ'), ('e', '\u{0327}', 'ȩ'), ('g', '\u{0327}', 'ģ'), ('h', '\u{0327}', 'ḩ'),
    ('k', '\u{0327}', 'ķ'), ('l', '\u{0327}', 'ļ'), ('n', '\u{0327}', 'ņ'), ('r', '\u{0327}', 'ŗ'),
    ('s', '\u{0327}', 'ş'), ('t', '\u{0327}', 'ţ'), ('A', '\u{0328}', 'Ą'), ('E', '\u{0328}', 'Ę'),
    ('I', '\u{0328}', 'Į'), ('O', '\u{0328}', 'Ǫ'), ('U', '\u{0328}', 'Ų'), ('a', '\u{0328}', 'ą'),
    ('e', '\u{0328}', 'ę'), ('i', '\u{0328}', 'į'), ('o', '\u{0328}', 'ǫ'), ('u', '\u{0328}', 'ų'),
    ('D', '\u{032D}', 'Ḓ'), ('E', '\u{032D}', 'Ḙ'), ('L', '\u{032D}', 'Ḽ'), ('N', '\u{032D}', 'Ṋ'),
    ('T', '\u{032D}', 'Ṱ'), ('U', '\u{032D}', 'Ṷ'), ('d', '\u{032D}', 'ḓ'), ('e', '\u{032D}', 'ḙ'),
    ('l', '\u{032D}', 'ḽ'), ('n', '\u{032D}', 'ṋ'), ('t', '\u{032D}', 'ṱ'), ('u', '\u{032D}', 'ṷ'),
    ('E', '\u{0330}', 'Ḛ'), ('I', '\u{0330}', 'Ḭ'), ('U', '\u{0330}', 'Ṵ'), ('e', '\u{0330}', 'ḛ'),
    ('i', '\u{0330}', 'ḭ'), ('u', '\u{0330}', 'ṵ'), ('B', '\u{0331}', 'Ḇ'), ('D', '\u{0331}', 'Ḏ'),
    ('K', '\u{0331}', 'Ḵ'), ('L', '\u{0331}', 'Ḻ'), ('N', '\u{0331}', 'Ṉ'), ('R', '\u{0331}', 'Ṟ'),
    ('T', '\u{0331}', 'Ṯ'), ('Z', '\u{0331}', 'Ẕ'), ('b', '\u{0331}', 'ḇ'), ('d', '\u{0331}', 'ḏ'),
    ('h', '\u{0331}', 'ẖ'), ('k', '\u{0331}', 'ḵ'), ('l', '\u{0331}', 'ḻ'), ('n', '\u{0331}', 'ṉ'),
    ('r', '\u{0331}', 'ṟ'), ('t', '\u{0331}', 'ṯ'), ('z', '\u{0331}', 'ẕ'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &str) -> String {
        let mut notes = Notes::default();
        decode(raw, &mut notes)
    }

    #[test]
    fn accents_in_every_spelling() {
        for raw in ["{\\\"u}", "\\\"u", "\\\"{u}", "{\\\"{u}}", "\\\" u"] {
            assert_eq!(text(raw), "ü", "{raw}");
        }
        assert_eq!(text("\\'{\\i}"), "í");
        assert_eq!(text("\\'\\i"), "í");
        assert_eq!(text("Fran\\c{c}ois \\c c"), "François ç");
        assert_eq!(
            text("\\v{S}koda \\k{a} \\H{o} \\r{a} \\u{g} \\={a} \\.{z} \\d{s} \\~n \\^e \\`a"),
            "Škoda ą ő å ğ ā ż ṣ ñ ê à"
        );
        assert_eq!(text("\\'{\\\"u}"), "ǘ");
        assert_eq!(text("\\t{oo}"), "o\u{361}o");
        assert_eq!(text("\\'{x}"), "x\u{301}");
        assert_eq!(text("\\~{}"), "~");
    }

    #[test]
    fn letters_symbols_and_ligatures() {
        // TeX skips the spaces after a control word: `\aa \AE` is "åÆ".
        assert_eq!(text("Stra\\ss e \\o{} \\aa \\AE{} \\l{} \\textbackslash"), "Straße ø åÆ ł \\");
        assert_eq!(text("A \\& B, 50\\%, \\$5, \\#1, a\\_b"), "A & B, 50%, $5, #1, a_b");
        assert_eq!(text("1--2, a---b, ``q'' `s' !`Hola! ?`Que?"), "1–2, a—b, “q” ‘s' ¡Hola! ¿Que?");
        assert_eq!(text("D.~E.~Knuth"), "D. E. Knuth");
        assert_eq!(text("{DNA} of {\\em E. coli}\n   in  {{nested}}"), "DNA of E. coli in nested");
        assert_eq!(text("\\emph{x}\\textbf{y} \\textsc{z}"), "xy z");
        assert_eq!(text("{\\noopsort{b}}Alpha"), "Alpha");
        assert_eq!(text("\\MakeUppercase{abc}"), "ABC");
        assert_eq!(text("\\href{https://x.org}{link}"), "link");
    }

    #[test]
    fn math_and_unknown_commands_are_kept_and_noted() {
        let mut notes = Notes::default();
        assert_eq!(decode("The $\\alpha$-helix and \\(x^2\\)", &mut notes), "The $\\alpha$-helix and \\(x^2\\)");
        assert!(notes.math);
        let mut notes = Notes::default();
        assert_eq!(decode("see \\cite{x} and \\foo", &mut notes), "see \\cite{x} and \\foo");
        assert_eq!(notes.unknown, ["\\cite", "\\foo"]);
    }

    #[test]
    fn the_command_table_is_sorted_and_unique() {
        for pair in COMMANDS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (name, _) in COMMANDS {
            assert!(accent_mark(name).is_none(), "{name} is an accent too");
            assert!(LETTERS.iter().all(|(letter, _)| letter != name), "{name} is a letter too");
            assert_eq!(command(name).map(|_| ()), Some(()), "{name}");
        }
        assert_eq!(command("zzz"), None);
    }

    #[test]
    fn biblatex_macros_textcomp_and_tipa() {
        assert_eq!(
            text("\\mkbibquote{Quoted \\'Etude} and \\mkbibemph{x}, \\mkbibitalic{i}\\mkbibbold{b}"),
            "“Quoted Étude” and x, ib"
        );
        assert_eq!(
            text("\\mkbibparens{a} \\mkbibbrackets{b} H\\mkbibsubscript{2}O \\mkbibacro{NASA}"),
            "(a) [b] H2O NASA"
        );
        assert_eq!(text("\\enquote{\\mkbibemph{\\\"u}ber}"), "“über”");
        assert_eq!(text("it\\textquotesingle{}s pre\\hyphen post \\textasciimacron"), "it's pre-post ¯");
        assert_eq!(
            text("Bra\\textcommabelow{s}ov, \\textcommabelow{T}imi\\textcommabelow{s}oara"),
            "Brașov, Țimișoara"
        );
        assert_eq!(text("\\textschwa\\textesh \\textsubring{n} \\textsubdot{h}"), "əʃn\u{325} ḥ");
        assert_eq!(text("10\\textminus 3 \\textonesuperior"), "10−3 ¹");
        let mut out = String::new();
        ascii_fold('ș', &mut out);
        assert_eq!(out, "s");
    }

    #[test]
    fn links_keep_their_text_and_note_the_address() {
        let mut notes = Notes::default();
        assert_eq!(decode("see \\href{https://x.org/a\\_b}{the \\'etude} here", &mut notes), "see the étude here");
        assert_eq!(notes.links, ["https://x.org/a_b"]);
        assert!(notes.unknown.is_empty());
        let mut notes = Notes::default();
        assert_eq!(decode("at \\url{https://x.org/~me/a\\_b}", &mut notes), "at https://x.org/~me/a_b");
        assert!(notes.links.is_empty());
    }

    #[test]
    fn verbatim_fields() {
        assert_eq!(decode_verbatim(" {https://x.org/a\\_b?c=1\\&d=\\%20} "), "https://x.org/a_b?c=1&d=%20");
        assert_eq!(decode_verbatim("\\url{https://x.org/~me}"), "https://x.org/~me");
        assert_eq!(decode_verbatim("https://x.org/\\textasciitilde{}me"), "https://x.org/~me");
        assert_eq!(decode_verbatim("10.1000/a--b"), "10.1000/a--b");
        // Link commands anywhere, in any braces: the address.
        assert_eq!(decode_verbatim("{\\href{https://x.org/a}{Example}}"), "https://x.org/a");
        assert_eq!(decode_verbatim("\\href {https://x.org/{b}} {Label {with} braces}"), "https://x.org/b");
        assert_eq!(decode_verbatim("{\\url{https://x.org/c}}"), "https://x.org/c");
        assert_eq!(decode_verbatim("\\href{https://x.org/d"), "https://x.org/d");
    }

    #[test]
    fn folding_and_decomposition() {
        let mut out = String::new();
        for c in "Øster-Ålund Ærø ǘ ß 東".chars() {
            ascii_fold(c, &mut out);
        }
        assert_eq!(out, "Oster-Alund AEro u ss ");
        assert_eq!(decompose('é'), Some(('e', "'")));
        assert_eq!(decompose('ǘ'), Some(('ü', "'")));
        assert_eq!(decompose('e'), None);
    }
}
