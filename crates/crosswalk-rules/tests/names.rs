//! Properties of the name splitter on generated names: it never loses or invents a character,
//! never splits a name with an organisation's word, and never panics.

use crosswalk_rules::names::{looks_like_organisation, split_personal_name, ORGANISATION_WORDS};
use proptest::prelude::*;

/// The characters of a text but its white space and commas, sorted: what a split must keep.
fn kept(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
    chars.sort_unstable();
    chars
}

/// Words names are made of: capitalised words, initials, particles, suffixes, CJK words.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-zé]{1,9}",
        1 => "[A-Z]\\.",
        1 => "[A-Z]{1,3}",
        1 => prop::sample::select(vec!["van", "von", "de", "la", "der", "da", "Le", "bin", "O'Neil", "Jean-Paul"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["Jr.", "Sr.", "III", "IV"]).prop_map(str::to_owned),
        1 => "[山田王小明欧阳김민준남궁]{1,4}",
    ]
}

/// A name: words joined by spaces, sometimes with a comma after one of them.
fn name() -> impl Strategy<Value = String> {
    (prop::collection::vec(word(), 1..8), prop::option::of(0usize..8), prop::sample::select(vec![" ", "  ", "\t"]))
        .prop_map(|(words, comma, space)| {
            let mut out = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    out.push_str(space);
                }
                out.push_str(w);
                if comma == Some(i) && i + 1 < words.len() {
                    out.push(',');
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_split_keeps_every_character(name in name()) {
        if let Some(split) = split_personal_name(&name) {
            let joined = format!("{} {} {}", split.family, split.given, split.suffix.clone().unwrap_or_default());
            prop_assert_eq!(kept(&joined), kept(&name), "{:?} → {:?}", name, split);
            prop_assert!(!split.family.trim().is_empty() && !split.given.trim().is_empty(), "{:?}", split);
            prop_assert!(!split.family.contains(',') && !split.given.contains(','), "{:?}", split);
            // What is written reads back as the same parts.
            prop_assert_eq!(split_personal_name(&split.display()), Some(split.clone()));
        }
    }

    #[test]
    fn an_organisation_word_is_never_split(
        words in prop::collection::vec(word(), 0..5),
        at in 0usize..6,
        organisation in prop::sample::select(ORGANISATION_WORDS.to_vec()),
        capitalised in any::<bool>(),
    ) {
        let organisation = if capitalised {
            let mut chars = organisation.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        } else {
            organisation.to_owned()
        };
        let mut words = words;
        words.insert(at.min(words.len()), organisation);
        let name = words.join(" ");
        prop_assert!(looks_like_organisation(&name), "{:?}", name);
        prop_assert_eq!(split_personal_name(&name), None, "{:?}", name);
    }

    #[test]
    fn any_text_is_answered_without_panicking(text in "\\PC{0,60}") {
        if let Some(split) = split_personal_name(&text) {
            prop_assert_eq!(kept(&format!("{} {} {}", split.family, split.given, split.suffix.unwrap_or_default())), kept(&text));
        }
    }
}
