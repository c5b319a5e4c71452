//! The model's top-level properties by their REST key, so that the reader can move one property
//! from a partly read resource into the record, and let a JSON attribute override the value read
//! from the embedded XML.

use crosswalk_model::{Resource, Types};

/// The REST keys of the model's properties, in the model's order: the attributes read as metadata.
pub(super) const METADATA: &[&str] = &[
    "doi",
    "alternateIdentifiers",
    "creators",
    "titles",
    "publisher",
    "publicationYear",
    "subjects",
    "contributors",
    "dates",
    "language",
    "types",
    "relatedIdentifiers",
    "relatedItems",
    "sizes",
    "formats",
    "version",
    "rightsList",
    "descriptions",
    "geoLocations",
    "fundingReferences",
    "url",
    "contentUrl",
];

/// A property's storage: a list, an optional value, or the types.
pub(super) trait Slot: PartialEq {
    /// True when the property holds nothing.
    fn is_unset(&self) -> bool;
    /// Moves `other`'s content in: appended for lists, replacing otherwise.
    fn absorb(&mut self, other: &mut Self);
}

impl<T: PartialEq> Slot for Vec<T> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
    fn absorb(&mut self, other: &mut Self) {
        self.append(other);
    }
}

impl<T: PartialEq> Slot for Option<T> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
    fn absorb(&mut self, other: &mut Self) {
        if other.is_some() {
            *self = other.take();
        }
    }
}

impl Slot for Types {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
    fn absorb(&mut self, other: &mut Self) {
        if !other.is_empty() {
            *self = std::mem::take(other);
        }
    }
}

/// An operation on the same property of two resources.
pub(super) trait SlotOp {
    /// What the operation gives.
    type Out;
    /// Applies the operation to the property `key` of `target` and `source`.
    fn apply<S: Slot>(self, target: &mut S, source: &mut S) -> Self::Out;
}

/// Applies `op` to the property with REST key `key`; `None` for a key that is no property.
pub(super) fn on_slot<O: SlotOp>(key: &str, target: &mut Resource, source: &mut Resource, op: O) -> Option<O::Out> {
    let (t, s) = (target, source);
    Some(match key {
        "doi" => op.apply(&mut t.doi, &mut s.doi),
        "alternateIdentifiers" => op.apply(&mut t.alternate_identifiers, &mut s.alternate_identifiers),
        "creators" => op.apply(&mut t.creators, &mut s.creators),
        "titles" => op.apply(&mut t.titles, &mut s.titles),
        "publisher" => op.apply(&mut t.publisher, &mut s.publisher),
        "publicationYear" => op.apply(&mut t.publication_year, &mut s.publication_year),
        "subjects" => op.apply(&mut t.subjects, &mut s.subjects),
        "contributors" => op.apply(&mut t.contributors, &mut s.contributors),
        "dates" => op.apply(&mut t.dates, &mut s.dates),
        "language" => op.apply(&mut t.language, &mut s.language),
        "types" => op.apply(&mut t.types, &mut s.types),
        "relatedIdentifiers" => op.apply(&mut t.related_identifiers, &mut s.related_identifiers),
        "relatedItems" => op.apply(&mut t.related_items, &mut s.related_items),
        "sizes" => op.apply(&mut t.sizes, &mut s.sizes),
        "formats" => op.apply(&mut t.formats, &mut s.formats),
        "version" => op.apply(&mut t.version, &mut s.version),
        "rightsList" => op.apply(&mut t.rights_list, &mut s.rights_list),
        "descriptions" => op.apply(&mut t.descriptions, &mut s.descriptions),
        "geoLocations" => op.apply(&mut t.geo_locations, &mut s.geo_locations),
        "fundingReferences" => op.apply(&mut t.funding_references, &mut s.funding_references),
        "url" => op.apply(&mut t.url, &mut s.url),
        "contentUrl" => op.apply(&mut t.content_url, &mut s.content_url),
        _ => return None,
    })
}

/// Moves the source's property into the target (appending list entries).
pub(super) struct Absorb;

impl SlotOp for Absorb {
    type Out = ();
    fn apply<S: Slot>(self, target: &mut S, source: &mut S) {
        target.absorb(source);
    }
}

/// How a JSON attribute met the value read from the embedded XML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Overridden {
    /// The JSON has nothing here: the XML's value stays.
    No,
    /// The JSON's value is used; the XML had the same or nothing.
    Same,
    /// The JSON's value replaced a different value of the XML.
    Replaced,
}

/// Lets the source's (the JSON's) property replace the target's (the XML's) when it is set.
pub(super) struct Override;

impl SlotOp for Override {
    type Out = Overridden;
    fn apply<S: Slot>(self, xml: &mut S, json: &mut S) -> Overridden {
        if json.is_unset() {
            return Overridden::No;
        }
        let outcome = if xml.is_unset() || xml == json { Overridden::Same } else { Overridden::Replaced };
        std::mem::swap(xml, json);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosswalk_model::{
        AlternateIdentifier, Contributor, Creator, Date, Description, FundingReference, GeoLocation, Publisher,
        RelatedIdentifier, RelatedItem, ResourceTypeGeneral, Rights, Subject, Title,
    };

    /// Every property set, so that its serialised form shows every key.
    fn full() -> Resource {
        Resource {
            doi: Some("10.1/x".into()),
            alternate_identifiers: vec![AlternateIdentifier::default()],
            creators: vec![Creator::named("c")],
            titles: vec![Title::new("t")],
            publisher: Some(Publisher::named("p")),
            publication_year: Some("2020".into()),
            subjects: vec![Subject::default()],
            contributors: vec![Contributor::default()],
            dates: vec![Date::default()],
            language: Some("en".into()),
            types: Types::new(ResourceTypeGeneral::Dataset, None),
            related_identifiers: vec![RelatedIdentifier::default()],
            related_items: vec![RelatedItem::default()],
            sizes: vec!["1".into()],
            formats: vec!["f".into()],
            version: Some("1".into()),
            rights_list: vec![Rights::default()],
            descriptions: vec![Description::default()],
            geo_locations: vec![GeoLocation { places: vec!["p".into()], ..Default::default() }],
            funding_references: vec![FundingReference::default()],
            url: Some("https://example.org".into()),
            content_url: vec!["https://example.org/c".into()],
        }
    }

    #[test]
    fn metadata_keys_are_exactly_the_models_serde_keys() {
        let value = serde_json::to_value(full()).unwrap();
        let mut serialised: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut listed = METADATA.to_vec();
        serialised.sort_unstable();
        listed.sort_unstable();
        assert_eq!(serialised, listed);
    }

    #[test]
    fn every_key_has_a_slot_and_moves() {
        let mut target = Resource::default();
        let mut source = full();
        for key in METADATA {
            assert!(on_slot(key, &mut target, &mut source, Absorb).is_some(), "{key}");
        }
        assert_eq!(target, full());
        assert_eq!(source, Resource::default());
        assert!(on_slot("event", &mut target, &mut source, Absorb).is_none());
    }

    #[test]
    fn override_reports_what_it_replaced() {
        let mut xml = full();
        let mut json =
            Resource { version: Some("2".into()), url: Some("https://example.org".into()), ..Default::default() };
        assert_eq!(on_slot("version", &mut xml, &mut json, Override), Some(Overridden::Replaced));
        assert_eq!(on_slot("url", &mut xml, &mut json, Override), Some(Overridden::Same));
        assert_eq!(on_slot("titles", &mut xml, &mut json, Override), Some(Overridden::No));
        assert_eq!(xml.version.as_deref(), Some("2"));
        assert_eq!(xml.titles, full().titles);
    }
}
