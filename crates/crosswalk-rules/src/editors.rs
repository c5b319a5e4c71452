//! Editors as creators: a work that names editors and no author (an edited book, proceedings, a
//! collection) has its editors as its creators.
//!
//! DataCite requires at least one creator, and citation formats make such a work the editors'
//! (`Smith, J. (Ed.)`), so without this rule the record would be refused for publishing although
//! the source names the people responsible. The editors **stay contributors of type `Editor`**:
//! creators carry no role, and the contributor keeps the fact that they edited rather than
//! wrote the work, so that nothing the source said is lost and a citation writer can still say
//! "(Ed.)".
//!
//! The rule runs on the mapped resource, after the reader has placed every name, and only when
//! the resource has no creator at all: one author anywhere means the editors stay contributors
//! only. Every reader that applies it reports it with the one code
//! [`EDITORS_AS_CREATORS`], at the first editor's place in its source.
//!
//! ```
//! use crosswalk_model::{Contributor, ContributorType, Resource};
//! use crosswalk_rules::editors::editors_as_creators;
//!
//! let mut r = Resource::default();
//! r.contributors.push(Contributor {
//!     name: "Smith, Jane".into(),
//!     contributor_type: Some(ContributorType::Editor),
//!     ..Default::default()
//! });
//! let promoted = editors_as_creators(&mut r).unwrap();
//! assert_eq!((promoted.count, promoted.first), (1, 0));
//! assert_eq!(r.creators[0].name, "Smith, Jane");
//! assert_eq!(r.contributors.len(), 1); // still the editor
//! assert!(editors_as_creators(&mut r).is_none()); // it has a creator now
//! ```

use crosswalk_model::{ContributorType, Creator, Diagnostic, Resource};

use crate::EDITORS_AS_CREATORS;

/// What [`editors_as_creators`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Promoted {
    /// How many editors became creators.
    pub count: usize,
    /// The index in `contributors` of the first of them, so that the reader can point at it.
    pub first: usize,
}

impl Promoted {
    /// The diagnostic to report, without a location (the reader gives the first editor's).
    pub fn diagnostic(&self) -> Diagnostic {
        let message = format!(
            "the work names no author; its {} editor(s) are read as its creators too (they stay contributors of type Editor)",
            self.count
        );
        Diagnostic::info(EDITORS_AS_CREATORS, message)
    }
}

/// Makes the editors of a resource without creators its creators, in their order; `None` when
/// the resource has a creator or no editor with a name.
pub fn editors_as_creators(resource: &mut Resource) -> Option<Promoted> {
    if !resource.creators.is_empty() {
        return None;
    }
    let mut first = None;
    for (index, contributor) in resource.contributors.iter().enumerate() {
        // A nameless editor would be a nameless creator, which tidying drops anyway.
        if contributor.contributor_type != Some(ContributorType::Editor) || contributor.name.trim().is_empty() {
            continue;
        }
        first.get_or_insert(index);
        resource.creators.push(Creator {
            name: contributor.name.clone(),
            name_type: contributor.name_type.clone(),
            given_name: contributor.given_name.clone(),
            family_name: contributor.family_name.clone(),
            lang: contributor.lang.clone(),
            name_identifiers: contributor.name_identifiers.clone(),
            affiliation: contributor.affiliation.clone(),
        });
    }
    first.map(|first| Promoted { count: resource.creators.len(), first })
}

/// True when the creators are the work's editors, as [`editors_as_creators`] makes them: as
/// many creators as named editors, each with the name and identifiers of the editor at its
/// place. A citation writer then writes them once, as editors (a citation of an edited book
/// names its editors, and reading it back makes them creators again), and says so with
/// [`written_once`].
///
/// ```
/// use crosswalk_model::{Contributor, ContributorType, Resource};
/// use crosswalk_rules::editors::{creators_are_the_editors, editors_as_creators};
///
/// let mut r = Resource::default();
/// r.contributors.push(Contributor {
///     name: "Smith, Jane".into(),
///     contributor_type: Some(ContributorType::Editor),
///     ..Default::default()
/// });
/// assert!(!creators_are_the_editors(&r));
/// editors_as_creators(&mut r);
/// assert!(creators_are_the_editors(&r));
/// ```
pub fn creators_are_the_editors(resource: &Resource) -> bool {
    let editors: Vec<_> = resource
        .contributors
        .iter()
        .filter(|c| c.contributor_type == Some(ContributorType::Editor) && !c.name.trim().is_empty())
        .collect();
    !resource.creators.is_empty()
        && resource.creators.len() == editors.len()
        && resource
            .creators
            .iter()
            .zip(editors)
            .all(|(c, e)| c.name == e.name && c.name_identifiers == e.name_identifiers)
}

/// What a citation writer reports when it writes the creators once, as the editors they are
/// ([`creators_are_the_editors`]), at `/creators`.
pub fn written_once() -> Diagnostic {
    let message =
        "the creators are the work's editors (contributors of type Editor); they are written once, as its editors";
    Diagnostic::info(EDITORS_AS_CREATORS, message).at(crosswalk_model::Location::path("/creators"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosswalk_model::Contributor;

    fn contributor(name: &str, kind: ContributorType) -> Contributor {
        Contributor { name: name.into(), contributor_type: Some(kind), ..Default::default() }
    }

    #[test]
    fn only_editors_and_only_without_creators() {
        let mut r = Resource::default();
        r.contributors.push(contributor("Translator, T.", ContributorType::Translator));
        r.contributors.push(contributor("  ", ContributorType::Editor));
        r.contributors.push(contributor("One, E.", ContributorType::Editor));
        r.contributors.push(contributor("Two, E.", ContributorType::Editor));
        let promoted = editors_as_creators(&mut r).unwrap();
        assert_eq!(promoted, Promoted { count: 2, first: 2 });
        let names: Vec<&str> = r.creators.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["One, E.", "Two, E."]);
        assert_eq!(r.contributors.len(), 4);
        assert_eq!(promoted.diagnostic().code, EDITORS_AS_CREATORS);

        let mut authored = Resource::default();
        authored.creators.push(Creator::named("Author, A."));
        authored.contributors.push(contributor("Editor, E.", ContributorType::Editor));
        assert!(editors_as_creators(&mut authored).is_none());
        assert_eq!(authored.creators.len(), 1);

        let mut none = Resource::default();
        none.contributors.push(contributor("Translator, T.", ContributorType::Translator));
        assert!(editors_as_creators(&mut none).is_none());
        assert!(none.creators.is_empty());
    }
}
