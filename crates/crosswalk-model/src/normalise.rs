//! Checks the controlled values of a resource after it was built from a source that could not
//! check them itself (a serde-deserialised JSON document): values matching a list only when case
//! and separators are ignored are rewritten and reported, unknown values are reported.
//! Paths are JSON pointers into the REST form.

use crate::diagnostic::{codes, Diagnostic, Location};
use crate::resource::Resource;
use crate::vocab::{Match, Vocabulary};

struct Checker {
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    fn check<V: Vocabulary>(&mut self, value: &mut Option<V>, path: impl FnOnce() -> String) {
        let Some(v) = value else { return };
        if v.is_known() {
            return;
        }
        let text = v.as_str().to_owned();
        match V::lookup(&text) {
            (canonical, Match::Normalised) => {
                self.diagnostics.push(
                    Diagnostic::info(
                        codes::VOCAB_NORMALISED,
                        format!("{} \"{}\" read as \"{}\"", V::PROPERTY, text, canonical.as_str()),
                    )
                    .at(Location::path(path())),
                );
                *v = canonical;
            }
            _ => self.diagnostics.push(
                Diagnostic::warning(
                    codes::VOCAB_UNKNOWN,
                    format!("{} \"{}\" is not a DataCite 4.7 value; kept as written", V::PROPERTY, text),
                )
                .at(Location::path(path())),
            ),
        }
    }
}

impl Resource {
    /// Rewrites controlled values that match their list only loosely (`isPartOf` → `IsPartOf`)
    /// and reports them, and reports values outside the lists, which are kept as written.
    ///
    /// ```
    /// use crosswalk_model::{RelationType, Resource};
    ///
    /// let mut r: Resource = serde_json::from_str(
    ///     r#"{"relatedIdentifiers": [{"relatedIdentifier": "10.1/x", "relatedIdentifierType": "DOI",
    ///         "relationType": "isPartOf"}]}"#).unwrap();
    /// let diagnostics = r.normalise_vocabularies();
    /// assert_eq!(r.related_identifiers[0].relation_type, Some(RelationType::IsPartOf));
    /// assert_eq!(diagnostics[0].location.path.as_deref(), Some("/relatedIdentifiers/0/relationType"));
    /// ```
    pub fn normalise_vocabularies(&mut self) -> Vec<crate::Diagnostic> {
        let mut c = Checker { diagnostics: Vec::new() };
        for (i, x) in self.creators.iter_mut().enumerate() {
            c.check(&mut x.name_type, || format!("/creators/{i}/nameType"));
        }
        for (i, x) in self.titles.iter_mut().enumerate() {
            c.check(&mut x.title_type, || format!("/titles/{i}/titleType"));
        }
        for (i, x) in self.contributors.iter_mut().enumerate() {
            c.check(&mut x.name_type, || format!("/contributors/{i}/nameType"));
            c.check(&mut x.contributor_type, || format!("/contributors/{i}/contributorType"));
        }
        for (i, x) in self.dates.iter_mut().enumerate() {
            c.check(&mut x.date_type, || format!("/dates/{i}/dateType"));
        }
        c.check(&mut self.types.resource_type_general, || "/types/resourceTypeGeneral".to_owned());
        for (i, x) in self.related_identifiers.iter_mut().enumerate() {
            c.check(&mut x.related_identifier_type, || format!("/relatedIdentifiers/{i}/relatedIdentifierType"));
            c.check(&mut x.relation_type, || format!("/relatedIdentifiers/{i}/relationType"));
            c.check(&mut x.resource_type_general, || format!("/relatedIdentifiers/{i}/resourceTypeGeneral"));
        }
        for (i, x) in self.descriptions.iter_mut().enumerate() {
            c.check(&mut x.description_type, || format!("/descriptions/{i}/descriptionType"));
        }
        for (i, x) in self.funding_references.iter_mut().enumerate() {
            c.check(&mut x.funder_identifier_type, || format!("/fundingReferences/{i}/funderIdentifierType"));
        }
        for (i, item) in self.related_items.iter_mut().enumerate() {
            c.check(&mut item.related_item_type, || format!("/relatedItems/{i}/relatedItemType"));
            c.check(&mut item.relation_type, || format!("/relatedItems/{i}/relationType"));
            c.check(&mut item.number_type, || format!("/relatedItems/{i}/numberType"));
            if let Some(id) = &mut item.related_item_identifier {
                c.check(&mut id.related_item_identifier_type, || {
                    format!("/relatedItems/{i}/relatedItemIdentifier/relatedItemIdentifierType")
                });
            }
            for (j, x) in item.titles.iter_mut().enumerate() {
                c.check(&mut x.title_type, || format!("/relatedItems/{i}/titles/{j}/titleType"));
            }
            for (j, x) in item.creators.iter_mut().enumerate() {
                c.check(&mut x.name_type, || format!("/relatedItems/{i}/creators/{j}/nameType"));
            }
            for (j, x) in item.contributors.iter_mut().enumerate() {
                c.check(&mut x.name_type, || format!("/relatedItems/{i}/contributors/{j}/nameType"));
                c.check(&mut x.contributor_type, || format!("/relatedItems/{i}/contributors/{j}/contributorType"));
            }
        }
        c.diagnostics
    }
}
