//! JSON pointers (RFC 6901): building them, and turning the paths that `serde_ignored`,
//! `serde_path_to_error` and the model's vocabulary check report into segments.

use crosswalk_text::json::unescape_segment;
pub(super) use crosswalk_text::json::{push_index, push_key};

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Seg {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// `pointer` with `key` appended.
pub(super) fn child(pointer: &str, key: &str) -> String {
    let mut out = pointer.to_owned();
    push_key(&mut out, key);
    out
}

/// `pointer` with `index` appended.
pub(super) fn item(pointer: &str, index: usize) -> String {
    let mut out = pointer.to_owned();
    push_index(&mut out, index);
    out
}

/// The segments of a pointer the model wrote (`/creators/0/nameType`): all-digit segments are
/// indices, since no key of the REST form is a number.
pub(super) fn parse(pointer: &str) -> Vec<Seg> {
    pointer
        .split('/')
        .skip(1)
        .map(|raw| match raw.parse::<usize>() {
            Ok(index) if !raw.starts_with('+') => Seg::Index(index),
            _ => Seg::Key(unescape_segment(raw).into_owned()),
        })
        .collect()
}

/// The segments of a path reported by `serde_ignored`.
pub(super) fn from_ignored(path: &serde_ignored::Path<'_>) -> Vec<Seg> {
    let mut out = Vec::new();
    collect_ignored(path, &mut out);
    out
}

fn collect_ignored(path: &serde_ignored::Path<'_>, out: &mut Vec<Seg>) {
    use serde_ignored::Path as P;
    match path {
        P::Root => {}
        P::Seq { parent, index } => {
            collect_ignored(parent, out);
            out.push(Seg::Index(*index));
        }
        P::Map { parent, key } => {
            collect_ignored(parent, out);
            out.push(Seg::Key(key.clone()));
        }
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            collect_ignored(parent, out);
        }
    }
}

/// The segments of a path reported by `serde_path_to_error`. An enum variant is an object key
/// in the JSON form (`{"polygonPoint": …}`).
pub(super) fn from_tracked(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment as S;
    path.iter()
        .filter_map(|segment| match segment {
            S::Seq { index } => Some(Seg::Index(*index)),
            S::Map { key } => Some(Seg::Key(key.clone())),
            S::Enum { variant } => Some(Seg::Key(variant.clone())),
            S::Unknown => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_parses() {
        assert_eq!(child("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(item("", 3), "/3");
        assert_eq!(
            parse("/relatedItems/0/titles/12/titleType"),
            vec![
                Seg::Key("relatedItems".into()),
                Seg::Index(0),
                Seg::Key("titles".into()),
                Seg::Index(12),
                Seg::Key("titleType".into())
            ]
        );
        assert_eq!(parse("/a~1b"), vec![Seg::Key("a/b".into())]);
    }
}
