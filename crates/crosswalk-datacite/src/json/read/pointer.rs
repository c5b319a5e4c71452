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

/// Where a value sits while a JSON tree is walked: a chain of borrowed steps up to a root
/// pointer, spelt out only when it is needed (a diagnostic, a removal: rare), since keeping a
/// pointer string up to date for every key and index cost more than the rest of a walk.
#[derive(Clone, Copy)]
pub(super) struct At<'p> {
    parent: Option<&'p At<'p>>,
    seg: AtSeg<'p>,
}

#[derive(Clone, Copy)]
enum AtSeg<'p> {
    /// The pointer the walk starts at.
    Root(&'p str),
    Key(&'p str),
    Index(usize),
}

impl<'p> At<'p> {
    /// The start of a walk, at `pointer`.
    pub(super) fn root(pointer: &'p str) -> Self {
        At { parent: None, seg: AtSeg::Root(pointer) }
    }

    /// The member `key` of the object here.
    pub(super) fn key<'c>(&'c self, key: &'c str) -> At<'c> {
        At { parent: Some(self), seg: AtSeg::Key(key) }
    }

    /// The entry `index` of the array here.
    pub(super) fn index(&self, index: usize) -> At<'_> {
        At { parent: Some(self), seg: AtSeg::Index(index) }
    }

    /// The JSON pointer of this place.
    pub(super) fn pointer(&self) -> String {
        let mut steps = Vec::new();
        let mut step = Some(self);
        while let Some(s) = step {
            steps.push(s.seg);
            step = s.parent;
        }
        let mut out = String::new();
        for seg in steps.iter().rev() {
            match seg {
                AtSeg::Root(pointer) => out.push_str(pointer),
                AtSeg::Key(key) => push_key(&mut out, key),
                AtSeg::Index(index) => push_index(&mut out, *index),
            }
        }
        out
    }
}

/// `pointer` with `key` appended.
pub(super) fn child(pointer: &str, key: &str) -> String {
    // Sized once: a copy of the pointer, grown again for the key, was two allocations.
    let mut out = String::with_capacity(pointer.len() + 1 + key.len());
    out.push_str(pointer);
    push_key(&mut out, key);
    out
}

/// `pointer` with `index` appended.
pub(super) fn item(pointer: &str, index: usize) -> String {
    let mut out = String::with_capacity(pointer.len() + 8);
    out.push_str(pointer);
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
