//! What the resource's lists hold already, found by hash: a value is added to a list only when
//! the list does not hold it (an author named twice, the same keyword in `keywords` and `about`),
//! and searching the list for it each time made reading quadratic (100,000 authors took 25 s,
//! 200,000 authors given by `@id` over two minutes).
//!
//! The indexes are kept up to date lazily: values pushed by other code are hashed when a list is
//! next asked about, and a list that got shorter is hashed again. A value changed in place after
//! it was hashed is still found by a search of the list when its old hash comes up (a search only
//! then), so a hash never makes the reader keep a value twice that it would have dropped, but for
//! a value changed in place into one it is then asked about.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

use crosswalk_model::{
    AlternateIdentifier, Contributor, Creator, Date, FundingReference, GeoLocation, RelatedIdentifier, RelatedItem,
    Subject,
};

#[cfg(test)]
thread_local! {
    /// How many list values were compared with a value asked about, on this thread: what a
    /// search of the list would make quadratic (tests only).
    static COMPARED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` comparisons of list values (tests only).
fn compared(n: usize) {
    #[cfg(test)]
    COMPARED.with(|c| c.set(c.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// The position of the first value of each hash in one list.
#[derive(Default)]
pub(crate) struct Seen {
    first: HashMap<u64, usize>,
    /// How many values of the list are hashed.
    hashed: usize,
}

impl Seen {
    /// True when `list` holds a value that is `same` as `value`, by `hash` (which must agree
    /// with `same`).
    pub(crate) fn holds_by<T>(
        &mut self,
        state: &RandomState,
        list: &[T],
        value: &T,
        hash: impl Fn(&RandomState, &T) -> u64,
        same: impl Fn(&T, &T) -> bool,
    ) -> bool {
        if list.len() < self.hashed {
            self.first.clear();
            self.hashed = 0;
        }
        for (i, item) in list.iter().enumerate().skip(self.hashed) {
            self.first.entry(hash(state, item)).or_insert(i);
        }
        self.hashed = list.len();
        match self.first.get(&hash(state, value)) {
            None => false,
            Some(&i) if list.get(i).is_some_and(|item| same(item, value)) => {
                compared(1);
                true
            }
            // Another value of the same hash, or one changed since it was hashed: search.
            Some(_) => list.iter().any(|item| {
                compared(1);
                same(item, value)
            }),
        }
    }

    /// True when `list` holds a value equal to `value`.
    pub(crate) fn holds<T: Hash + Eq>(&mut self, state: &RandomState, list: &[T], value: &T) -> bool {
        self.holds_by(state, list, value, |state, item| state.hash_one(item), |a, b| a == b)
    }
}

/// The creators read so far, for "is this the same person or organisation?": the same name
/// identifier, or the same name where one of them has no identifier.
#[derive(Default)]
pub(crate) struct Agents {
    ids: HashSet<String>,
    names: HashSet<String>,
    names_without_ids: HashSet<String>,
    indexed: usize,
}

impl Agents {
    /// True when `creators` holds the same agent as `creator`.
    pub(crate) fn knows(&mut self, creators: &[Creator], creator: &Creator) -> bool {
        if creators.len() < self.indexed {
            *self = Agents::default();
        }
        for known in creators.iter().skip(self.indexed) {
            self.ids.extend(known.name_identifiers.iter().map(|i| i.name_identifier.clone()));
            if known.name_identifiers.is_empty() {
                self.names_without_ids.insert(known.name.clone());
            }
            self.names.insert(known.name.clone());
        }
        self.indexed = creators.len();
        compared(creator.name_identifiers.len() + 1);
        let shared_id = creator.name_identifiers.iter().any(|i| self.ids.contains(&i.name_identifier));
        let same_name = if creator.name_identifiers.is_empty() {
            self.names.contains(&creator.name)
        } else {
            self.names_without_ids.contains(&creator.name)
        };
        shared_id || same_name
    }
}

/// One index per list of the resource that the reader keeps free of repetitions.
#[derive(Default)]
pub(crate) struct Lists {
    pub state: RandomState,
    pub creators: Agents,
    pub contributors: Seen,
    pub funding_references: Seen,
    pub dates: Seen,
    pub content_url: Seen,
    pub related_identifiers: Seen,
    pub related_items: Seen,
    pub alternate_identifiers: Seen,
    pub subjects: Seen,
    pub geo_locations: Seen,
}

impl Lists {
    /// True when `contributors` holds one of the same type, name and identifiers.
    pub(crate) fn has_contributor(&mut self, contributors: &[Contributor], contributor: &Contributor) -> bool {
        self.contributors.holds_by(
            &self.state,
            contributors,
            contributor,
            |state, c| state.hash_one((&c.contributor_type, &c.name, &c.name_identifiers)),
            |a, b| {
                a.contributor_type == b.contributor_type && a.name == b.name && a.name_identifiers == b.name_identifiers
            },
        )
    }

    pub(crate) fn has_funding_reference(&mut self, list: &[FundingReference], value: &FundingReference) -> bool {
        self.funding_references.holds(&self.state, list, value)
    }

    pub(crate) fn has_date(&mut self, list: &[Date], value: &Date) -> bool {
        self.dates.holds(&self.state, list, value)
    }

    pub(crate) fn has_content_url(&mut self, list: &[String], value: &String) -> bool {
        self.content_url.holds(&self.state, list, value)
    }

    pub(crate) fn has_related_identifier(&mut self, list: &[RelatedIdentifier], value: &RelatedIdentifier) -> bool {
        self.related_identifiers.holds(&self.state, list, value)
    }

    pub(crate) fn has_related_item(&mut self, list: &[RelatedItem], value: &RelatedItem) -> bool {
        self.related_items.holds(&self.state, list, value)
    }

    pub(crate) fn has_alternate_identifier(
        &mut self,
        list: &[AlternateIdentifier],
        value: &AlternateIdentifier,
    ) -> bool {
        self.alternate_identifiers.holds(&self.state, list, value)
    }

    pub(crate) fn has_subject(&mut self, list: &[Subject], value: &Subject) -> bool {
        self.subjects.holds(&self.state, list, value)
    }

    pub(crate) fn has_geo_location(&mut self, list: &[GeoLocation], value: &GeoLocation) -> bool {
        self.geo_locations.holds(&self.state, list, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosswalk_model::NameIdentifier;

    #[test]
    fn values_pushed_elsewhere_and_lists_that_shrink_are_seen() {
        let state = RandomState::new();
        let mut seen = Seen::default();
        let mut list = vec![1, 2, 3];
        assert!(seen.holds(&state, &list, &2));
        assert!(!seen.holds(&state, &list, &4));
        list.push(4);
        assert!(seen.holds(&state, &list, &4));
        list.truncate(1);
        assert!(!seen.holds(&state, &list, &2));
        // Changed in place after it was hashed: found by the search its old hash leads to.
        list[0] = 9;
        assert!(!seen.holds(&state, &list, &1));
        list.push(1);
        assert!(seen.holds(&state, &list, &1));
    }

    #[test]
    fn agents_are_the_same_by_identifier_or_by_name_without_one() {
        let id = |text: &str| NameIdentifier { name_identifier: text.to_owned(), ..NameIdentifier::default() };
        let with_id = |name: &str, i: &str| Creator { name_identifiers: vec![id(i)], ..Creator::named(name) };
        let mut agents = Agents::default();
        let creators = vec![with_id("A", "orcid-a"), Creator::named("B")];
        assert!(agents.knows(&creators, &with_id("Other name", "orcid-a")));
        assert!(agents.knows(&creators, &Creator::named("A")));
        assert!(agents.knows(&creators, &with_id("B", "orcid-b")));
        assert!(!agents.knows(&creators, &with_id("A", "orcid-x")));
        assert!(!agents.knows(&creators, &Creator::named("C")));
    }

    /// The rule the index replaces, applied to the whole list.
    fn same_agent(known: &Creator, new: &Creator) -> bool {
        let shared_id = known
            .name_identifiers
            .iter()
            .any(|a| new.name_identifiers.iter().any(|b| a.name_identifier == b.name_identifier));
        shared_id || (known.name == new.name && (known.name_identifiers.is_empty() || new.name_identifiers.is_empty()))
    }

    #[test]
    fn agents_agree_with_a_search_of_the_list() {
        let names = ["A", "B"];
        let ids: [&[&str]; 4] = [&[], &["x"], &["y"], &["x", "y"]];
        let creators: Vec<Creator> = names
            .iter()
            .flat_map(|name| {
                ids.iter().map(move |ids| Creator {
                    name_identifiers: ids
                        .iter()
                        .map(|i| NameIdentifier { name_identifier: (*i).to_owned(), ..NameIdentifier::default() })
                        .collect(),
                    ..Creator::named(*name)
                })
            })
            .collect();
        for end in 0..=creators.len() {
            let list = &creators[..end];
            let mut agents = Agents::default();
            for new in creators.iter().chain([&Creator::named("C")]) {
                let searched = list.iter().any(|known| same_agent(known, new));
                assert_eq!(agents.knows(list, new), searched, "{new:?} in {list:?}");
            }
        }
    }

    /// The comparisons reading `bytes` makes, on this thread.
    fn comparisons(bytes: &[u8]) -> u64 {
        COMPARED.with(|c| c.set(0));
        let records = crate::schemaorg::read(bytes);
        assert!(!records[0].has_errors());
        COMPARED.with(std::cell::Cell::get)
    }

    /// A work with `n` authors (plain, and again by `@id` from a `@graph`, each named twice),
    /// `n` keywords, `n` identifiers, `n` funders and `n` related works: every list the reader
    /// keeps free of repetitions.
    fn work(n: usize) -> String {
        let list = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>().join(", ");
        let authors = list(&|i| format!("{{\"@type\": \"Person\", \"name\": \"Person {i}\"}}, {{\"@id\": \"#p{i}\"}}"));
        let nodes = list(&|i| {
            format!("{{\"@id\": \"#p{i}\", \"@type\": \"Person\", \"name\": \"Person {i}\", \"identifier\": \"https://orcid.org/0000-0000-0000-{i:04}\"}}")
        });
        let keywords = list(&|i| format!("\"k{i}\", \"k{i}\""));
        let identifiers = list(&|i| format!("\"https://example.org/id/{i}\""));
        let funders = list(&|i| format!("{{\"@type\": \"Organization\", \"name\": \"F{i}\"}}"));
        let related = list(&|i| format!("\"https://doi.org/10.5555/{i}\""));
        format!(
            "{{\"@context\": \"https://schema.org\", \"@graph\": [{{\"@type\": \"Dataset\", \"name\": \"N\", \
             \"author\": [{authors}], \"contributor\": [{authors}], \"keywords\": [{keywords}], \"identifier\": [{identifiers}], \
             \"funder\": [{funders}], \"citation\": [{related}], \"isBasedOn\": [{related}]}}, {nodes}]}}"
        )
    }

    #[test]
    fn repetitions_are_found_in_linear_work() {
        let (small, double) = (comparisons(work(500).as_bytes()), comparisons(work(1000).as_bytes()));
        // Twice the values, at most 2.5 times the comparisons (a search per value: four times).
        assert!(double <= small * 5 / 2 + 16, "{small} comparisons for 500 of each, {double} for 1000");
        assert!(small > 0);
    }
}
