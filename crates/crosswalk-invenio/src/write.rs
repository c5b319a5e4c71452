//! The DataCite model → an InvenioRDM record (`metadata` and `pids`), the inverse of the
//! serializer's mapping; what InvenioRDM's metadata cannot hold is reported.

use crosswalk_model::{codes, Diagnostic, Location, Resource, Written};
use serde_json::{json, Map, Value};

use crate::read::is_ror_id;
use crate::vocab::{self, Table};
use crate::INVENIO_COPYRIGHT_URI;

/// Writes `resource` as one InvenioRDM record: `{"metadata": {…}, "pids": {"doi": …}}`, pretty
/// printed; what the record cannot hold is reported at the model's JSON pointer.
///
/// ```
/// use crosswalk_model::{Resource, Title, Types, ResourceTypeGeneral, Vocabulary};
///
/// let mut r = Resource::default();
/// r.doi = Some("10.5281/zenodo.1".into());
/// r.titles.push(Title { title: "Ice cores".into(), title_type: None, lang: None });
/// r.types = Types { resource_type_general: Some(ResourceTypeGeneral::from_exact("Dataset")), resource_type: None };
/// let written = crosswalk_invenio::write(&r);
/// let json: serde_json::Value = serde_json::from_str(&written.text).unwrap();
/// assert_eq!(json["metadata"]["resource_type"]["id"], "dataset");
/// assert_eq!(json["pids"]["doi"]["identifier"], "10.5281/zenodo.1");
/// ```
pub fn write(resource: &Resource) -> Written {
    let (value, diagnostics) = write_value(resource);
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    Written { text, diagnostics }
}

/// [`write()`]'s JSON value, before it is printed.
pub fn write_value(resource: &Resource) -> (Value, Vec<Diagnostic>) {
    let mut w = Writer::default();
    let metadata = w.metadata(resource);
    let mut record = Map::new();
    record.insert("metadata".into(), Value::Object(metadata));
    if let Some(doi) = &resource.doi {
        record.insert("pids".into(), json!({"doi": {"identifier": doi, "provider": "datacite"}}));
    }
    (Value::Object(record), w.diagnostics)
}

#[derive(Default)]
struct Writer {
    diagnostics: Vec<Diagnostic>,
}

/// The id of a DataCite value in `table`, or the value itself when the vocabulary lacks it.
fn id_or(table: Table, value: &str) -> String {
    vocab::id_of(table, value).map_or_else(|| value.to_owned(), str::to_owned)
}

impl Writer {
    fn lost(&mut self, pointer: &str, message: String) {
        self.diagnostics.push(Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, message).at(Location::path(pointer)));
    }

    /// A vocabulary reference `{"id": …}` for a DataCite value, reported when the vocabulary
    /// has no id for it (the value is written as the id, which InvenioRDM will refuse).
    fn vocabulary_ref(&mut self, table: Table, value: &str, what: &str, pointer: &str) -> Value {
        match vocab::id_of(table, value) {
            Some(id) => json!({"id": id}),
            None => {
                self.lost(pointer, format!("InvenioRDM's {what} vocabulary has no id for {value:?}; written as it is"));
                json!({"id": value})
            }
        }
    }

    fn metadata(&mut self, r: &Resource) -> Map<String, Value> {
        let mut m = Map::new();
        if let Some(general) = &r.types.resource_type_general {
            let datacite_type = r.types.resource_type.as_deref();
            match vocab::resource_type_id(general.as_str(), datacite_type) {
                Some(id) => {
                    let written = vocab::resource_type(id).map(|t| t.datacite_type).unwrap_or_default();
                    if let Some(t) = datacite_type.filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case(written)) {
                        self.lost(
                            "/types/resourceType",
                            format!(
                                "InvenioRDM's resource types have no place for the type name {t:?}; written as {id}"
                            ),
                        );
                    }
                    m.insert("resource_type".into(), json!({"id": id}));
                }
                None => {
                    self.lost(
                        "/types/resourceTypeGeneral",
                        format!("InvenioRDM has no resource type for {general}; written as other"),
                    );
                    m.insert("resource_type".into(), json!({"id": "other"}));
                }
            }
        }
        let creators: Vec<Value> = r
            .creators
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.person(
                    &c.name,
                    c.name_type.as_ref().map(|t| t.as_str()),
                    c.given_name.as_deref(),
                    c.family_name.as_deref(),
                    &c.name_identifiers,
                    &c.affiliation,
                    &format!("/creators/{i}"),
                )
            })
            .collect();
        if !creators.is_empty() {
            m.insert("creators".into(), Value::Array(creators));
        }
        // The title is the first without a type; the others are additional titles.
        let main = r.titles.iter().position(|t| t.title_type.is_none()).or((!r.titles.is_empty()).then_some(0));
        let mut additional = Vec::new();
        for (i, t) in r.titles.iter().enumerate() {
            if Some(i) == main {
                m.insert("title".into(), json!(t.title));
                if let Some(kind) = &t.title_type {
                    // No title without a type: InvenioRDM's main title has none.
                    self.lost(
                        &format!("/titles/{i}/titleType"),
                        format!("the record has no title without a type; the {kind} is InvenioRDM's title, its type not written"),
                    );
                }
                continue;
            }
            let mut entry = Map::new();
            entry.insert("title".into(), json!(t.title));
            let kind = t.title_type.as_ref().map_or("Other", |k| k.as_str());
            entry.insert(
                "type".into(),
                self.vocabulary_ref(vocab::TITLE_TYPES, kind, "title type", &format!("/titles/{i}/titleType")),
            );
            if let Some(lang) = &t.lang {
                entry.insert("lang".into(), json!({"id": invenio_language(lang)}));
            }
            additional.push(Value::Object(entry));
        }
        if !additional.is_empty() {
            m.insert("additional_titles".into(), Value::Array(additional));
        }
        if let Some(p) = &r.publisher {
            m.insert("publisher".into(), json!(p.name));
            if p.publisher_identifier.is_some() {
                self.lost(
                    "/publisher/publisherIdentifier",
                    "InvenioRDM's publisher is a name; its identifier is not written".into(),
                );
            }
        }
        // The publication date: the Issued date, else the publication year.
        let issued = r.dates.iter().position(|d| d.date_type.as_ref().is_some_and(|t| t.as_str() == "Issued"));
        match (issued.and_then(|i| r.dates.get(i)), &r.publication_year) {
            (Some(d), _) => {
                m.insert("publication_date".into(), json!(d.date));
            }
            (None, Some(year)) => {
                m.insert("publication_date".into(), json!(year));
            }
            (None, None) => {}
        }
        let mut subjects: Vec<Value> = Vec::new();
        for (i, s) in r.subjects.iter().enumerate() {
            let mut entry = Map::new();
            entry.insert("subject".into(), json!(s.subject));
            if let Some(uri) = &s.value_uri {
                entry.insert("id".into(), json!(uri));
            }
            if let Some(scheme) = &s.subject_scheme {
                entry.insert("scheme".into(), json!(scheme));
            }
            if let Some(code) = &s.classification_code {
                let message = format!(
                    "a subject's classificationCode ({code:?}) has no place in InvenioRDM's subjects; not written"
                );
                self.lost(&format!("/subjects/{i}/classificationCode"), message);
            }
            if s.scheme_uri.is_some() {
                let message = "a subject's schemeURI has no place in InvenioRDM's subjects; not written".to_owned();
                self.lost(&format!("/subjects/{i}/schemeUri"), message);
            }
            subjects.push(Value::Object(entry));
        }
        if !subjects.is_empty() {
            m.insert("subjects".into(), Value::Array(subjects));
        }
        let contributors: Vec<Value> = r
            .contributors
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pointer = format!("/contributors/{i}");
                let mut entry = self.person(
                    &c.name,
                    c.name_type.as_ref().map(|t| t.as_str()),
                    c.given_name.as_deref(),
                    c.family_name.as_deref(),
                    &c.name_identifiers,
                    &c.affiliation,
                    &pointer,
                );
                // InvenioRDM requires a contributor's role; DataCite's Other stands for none.
                let role = c.contributor_type.as_ref().map_or("Other", |t| t.as_str());
                let role = self.vocabulary_ref(vocab::ROLES, role, "role", &format!("{pointer}/contributorType"));
                if let Value::Object(map) = &mut entry {
                    map.insert("role".into(), role);
                }
                entry
            })
            .collect();
        if !contributors.is_empty() {
            m.insert("contributors".into(), Value::Array(contributors));
        }
        let mut dates = Vec::new();
        for (i, d) in r.dates.iter().enumerate() {
            if Some(i) == issued {
                continue;
            }
            let mut entry = Map::new();
            entry.insert("date".into(), json!(d.date));
            let kind = d.date_type.as_ref().map_or("Other", |t| t.as_str());
            entry.insert(
                "type".into(),
                self.vocabulary_ref(vocab::DATE_TYPES, kind, "date type", &format!("/dates/{i}/dateType")),
            );
            if let Some(info) = &d.date_information {
                entry.insert("description".into(), json!(info));
            }
            dates.push(Value::Object(entry));
        }
        if !dates.is_empty() {
            m.insert("dates".into(), Value::Array(dates));
        }
        if let Some(language) = &r.language {
            m.insert("languages".into(), json!([{"id": invenio_language(language)}]));
        }
        let identifiers: Vec<Value> = r
            .alternate_identifiers
            .iter()
            .map(|a| {
                let scheme = a
                    .alternate_identifier_type
                    .as_deref()
                    .map_or_else(|| "other".to_owned(), |t| id_or(vocab::IDENTIFIER_SCHEMES, t).to_ascii_lowercase());
                json!({"identifier": a.alternate_identifier, "scheme": scheme})
            })
            .collect();
        if !identifiers.is_empty() {
            m.insert("identifiers".into(), Value::Array(identifiers));
        }
        let mut related = Vec::new();
        for (i, rel) in r.related_identifiers.iter().enumerate() {
            let pointer = format!("/relatedIdentifiers/{i}");
            let mut entry = Map::new();
            entry.insert("identifier".into(), json!(rel.related_identifier));
            let scheme = rel.related_identifier_type.as_ref().map_or_else(
                || "other".to_owned(),
                |t| id_or(vocab::IDENTIFIER_SCHEMES, t.as_str()).to_ascii_lowercase(),
            );
            entry.insert("scheme".into(), json!(scheme));
            let relation = rel.relation_type.as_ref().map_or("Other", |t| t.as_str());
            entry.insert(
                "relation_type".into(),
                self.vocabulary_ref(
                    vocab::RELATION_TYPES,
                    relation,
                    "relation type",
                    &format!("{pointer}/relationType"),
                ),
            );
            if let Some(general) = &rel.resource_type_general {
                match vocab::resource_type_id(general.as_str(), None) {
                    Some(id) => {
                        entry.insert("resource_type".into(), json!({"id": id}));
                    }
                    None => self.lost(
                        &format!("{pointer}/resourceTypeGeneral"),
                        format!("InvenioRDM has no resource type for {general}; not written"),
                    ),
                }
            }
            if rel.relation_type_information.is_some() || rel.related_metadata_scheme.is_some() {
                self.lost(
                    &pointer,
                    "InvenioRDM's related identifiers have no relationTypeInformation or metadata scheme; not written"
                        .into(),
                );
            }
            related.push(Value::Object(entry));
        }
        if !related.is_empty() {
            m.insert("related_identifiers".into(), Value::Array(related));
        }
        if !r.sizes.is_empty() {
            m.insert("sizes".into(), json!(r.sizes));
        }
        if !r.formats.is_empty() {
            m.insert("formats".into(), json!(r.formats));
        }
        if let Some(version) = &r.version {
            m.insert("version".into(), json!(version));
        }
        let mut rights = Vec::new();
        for (index, rights_entry) in r.rights_list.iter().enumerate() {
            if rights_entry.rights_uri.as_deref() == Some(INVENIO_COPYRIGHT_URI) {
                if let Some(text) = &rights_entry.rights {
                    m.insert("copyright".into(), json!(text));
                    continue;
                }
            }
            let mut entry = Map::new();
            let spdx = rights_entry.rights_identifier_scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("spdx"));
            match (&rights_entry.rights_identifier, spdx) {
                // The licences vocabulary's ids are SPDX identifiers in lower case.
                (Some(id), true) => {
                    entry.insert("id".into(), json!(id.to_ascii_lowercase()));
                }
                (Some(id), false) => self.lost(
                    &format!("/rightsList/{index}/rightsIdentifier"),
                    format!(
                        "InvenioRDM's licences are SPDX ids; the identifier {id:?} of another scheme is not written"
                    ),
                ),
                (None, _) => {}
            }
            if let Some(text) = &rights_entry.rights {
                entry.insert("title".into(), json!({"en": text}));
            }
            if let Some(uri) = &rights_entry.rights_uri {
                if entry.contains_key("id") {
                    entry.insert("props".into(), json!({"url": uri, "scheme": "spdx"}));
                } else {
                    entry.insert("link".into(), json!(uri));
                }
            }
            if !entry.is_empty() {
                rights.push(Value::Object(entry));
            }
        }
        if !rights.is_empty() {
            m.insert("rights".into(), Value::Array(rights));
        }
        // The description is the first abstract; the others are additional descriptions.
        let abstract_at =
            r.descriptions.iter().position(|d| d.description_type.as_ref().is_some_and(|t| t.as_str() == "Abstract"));
        let mut more = Vec::new();
        for (i, d) in r.descriptions.iter().enumerate() {
            let text = d.description.replace(crosswalk_model::chars::LINE_BREAK, "\n");
            if Some(i) == abstract_at {
                m.insert("description".into(), json!(text));
                continue;
            }
            let mut entry = Map::new();
            entry.insert("description".into(), json!(text));
            let kind = d.description_type.as_ref().map_or("Other", |t| t.as_str());
            entry.insert(
                "type".into(),
                self.vocabulary_ref(
                    vocab::DESCRIPTION_TYPES,
                    kind,
                    "description type",
                    &format!("/descriptions/{i}/descriptionType"),
                ),
            );
            if let Some(lang) = &d.lang {
                entry.insert("lang".into(), json!({"id": invenio_language(lang)}));
            }
            more.push(Value::Object(entry));
        }
        if !more.is_empty() {
            m.insert("additional_descriptions".into(), Value::Array(more));
        }
        let features: Vec<Value> = r.geo_locations.iter().flat_map(feature_values).collect();
        if !features.is_empty() {
            m.insert("locations".into(), json!({"features": features}));
        }
        let funding: Vec<Value> = r.funding_references.iter().map(funding_value).collect();
        if !funding.is_empty() {
            m.insert("funding".into(), Value::Array(funding));
        }
        if !r.related_items.is_empty() {
            self.lost("/relatedItems", "InvenioRDM's metadata has no related items; not written".into());
        }
        if r.url.is_some() {
            self.lost("/url", "the landing page is the repository's own (its links); not written".into());
        }
        m
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        name: &str,
        name_type: Option<&str>,
        given: Option<&str>,
        family: Option<&str>,
        identifiers: &[crosswalk_model::NameIdentifier],
        affiliations: &[crosswalk_model::Affiliation],
        pointer: &str,
    ) -> Value {
        let mut po = Map::new();
        // InvenioRDM requires a type: a person when the model says so or gives name parts.
        let personal = match name_type {
            Some("Personal") => true,
            Some(_) => false,
            None => {
                given.is_some()
                    || family.is_some()
                    || identifiers
                        .iter()
                        .any(|i| i.name_identifier_scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("orcid")))
            }
        };
        po.insert("type".into(), json!(if personal { "personal" } else { "organizational" }));
        po.insert("name".into(), json!(name));
        if personal {
            if let Some(g) = given {
                po.insert("given_name".into(), json!(g));
            }
            // InvenioRDM requires a person's family name: the name stands for it when none is given.
            po.insert("family_name".into(), json!(family.unwrap_or(name)));
        }
        for (j, i) in identifiers.iter().enumerate() {
            // The schemes InvenioRDM knows imply their URI; another's is lost.
            let known = i
                .name_identifier_scheme
                .as_deref()
                .is_some_and(|s| ["orcid", "ror", "isni", "gnd"].iter().any(|k| s.eq_ignore_ascii_case(k)));
            if let Some(uri) = i.scheme_uri.as_deref().filter(|_| !known) {
                let message =
                    format!("a name identifier's schemeURI ({uri:?}) has no place in InvenioRDM; not written");
                self.lost(&format!("{pointer}/nameIdentifiers/{j}/schemeUri"), message);
            }
        }
        let ids: Vec<Value> = identifiers
            .iter()
            .map(|i| {
                let scheme = i.name_identifier_scheme.as_deref().unwrap_or("other").to_ascii_lowercase();
                // InvenioRDM keeps ORCIDs and ROR ids bare.
                let value = match scheme.as_str() {
                    "orcid" => i.name_identifier.rsplit('/').next().unwrap_or(&i.name_identifier).to_owned(),
                    "ror" => i.name_identifier.rsplit('/').next().unwrap_or(&i.name_identifier).to_owned(),
                    _ => i.name_identifier.clone(),
                };
                json!({"scheme": scheme, "identifier": value})
            })
            .collect();
        if !ids.is_empty() {
            po.insert("identifiers".into(), Value::Array(ids));
        }
        let mut entry = Map::new();
        entry.insert("person_or_org".into(), Value::Object(po));
        let mut affs = Vec::new();
        for (j, a) in affiliations.iter().enumerate() {
            let mut aff = Map::new();
            let ror = a
                .affiliation_identifier
                .as_deref()
                .filter(|_| a.affiliation_identifier_scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("ror")))
                .map(|id| id.rsplit('/').next().unwrap_or(id))
                .filter(|id| is_ror_id(id));
            if let Some(id) = ror {
                aff.insert("id".into(), json!(id));
            } else if a.affiliation_identifier.is_some() {
                self.lost(
                    &format!("{pointer}/affiliation/{j}/affiliationIdentifier"),
                    "InvenioRDM's affiliations are identified by ROR ids only; this identifier is not written".into(),
                );
            }
            if !a.name.is_empty() {
                aff.insert("name".into(), json!(a.name));
            }
            if !aff.is_empty() {
                affs.push(Value::Object(aff));
            }
        }
        if !affs.is_empty() {
            entry.insert("affiliations".into(), Value::Array(affs));
        }
        Value::Object(entry)
    }
}

/// A geoLocation as GeoJSON features: a place alone, or a place with each point, box and
/// polygon (boxes as their rectangle, as InvenioRDM stores them).
fn feature_values(g: &crosswalk_model::GeoLocation) -> Vec<Value> {
    let number = |c: &crosswalk_model::Coordinate| -> Value {
        serde_json::from_str::<serde_json::Number>(&c.0).map_or_else(|_| json!(c.0), Value::Number)
    };
    let pos = |p: &crosswalk_model::Point| json!([number(&p.point_longitude), number(&p.point_latitude)]);
    let mut geometries = Vec::new();
    for p in &g.points {
        geometries.push(json!({"type": "Point", "coordinates": pos(p)}));
    }
    for b in &g.boxes {
        let (w, e, s, n) = (
            number(&b.west_bound_longitude),
            number(&b.east_bound_longitude),
            number(&b.south_bound_latitude),
            number(&b.north_bound_latitude),
        );
        let ring = json!([[w, s], [e, s], [e, n], [w, n], [w, s]]);
        geometries.push(json!({"type": "Polygon", "coordinates": [ring]}));
    }
    for polygon in &g.polygons {
        let ring: Vec<Value> = polygon.points.iter().map(pos).collect();
        geometries.push(json!({"type": "Polygon", "coordinates": [ring]}));
    }
    let place = g.places.first();
    if geometries.is_empty() {
        return place.map(|p| vec![json!({"place": p})]).unwrap_or_default();
    }
    geometries
        .into_iter()
        .map(|geometry| {
            let mut f = Map::new();
            f.insert("geometry".into(), geometry);
            if let Some(p) = place {
                f.insert("place".into(), json!(p));
            }
            Value::Object(f)
        })
        .collect()
}

fn funding_value(f: &crosswalk_model::FundingReference) -> Value {
    let mut funder = Map::new();
    funder.insert("name".into(), json!(f.funder_name));
    if let Some(id) = &f.funder_identifier {
        match f.funder_identifier_type.as_ref().map(|t| t.as_str()) {
            Some("ROR") => {
                let bare = id.rsplit('/').next().unwrap_or(id);
                funder.insert("id".into(), json!(bare));
            }
            Some("Crossref Funder ID") => {
                funder.insert("identifiers".into(), json!([{"scheme": "doi", "identifier": id}]));
            }
            Some(other) => {
                funder.insert("identifiers".into(), json!([{"scheme": other.to_ascii_lowercase(), "identifier": id}]));
            }
            None => {
                funder.insert("identifiers".into(), json!([{"scheme": "other", "identifier": id}]));
            }
        }
    }
    let mut entry = Map::new();
    entry.insert("funder".into(), Value::Object(funder));
    let mut award = Map::new();
    if let Some(number) = &f.award_number {
        award.insert("number".into(), json!(number));
    }
    if let Some(title) = &f.award_title {
        award.insert("title".into(), json!({"en": title}));
    }
    if let Some(uri) = &f.award_uri {
        let scheme = if uri.starts_with("10.") || uri.contains("doi.org/") { "doi" } else { "url" };
        award.insert("identifiers".into(), json!([{"scheme": scheme, "identifier": uri}]));
    }
    if !award.is_empty() {
        entry.insert("award".into(), Value::Object(award));
    }
    Value::Object(entry)
}

/// InvenioRDM's id of a language (its vocabulary is ISO 639-3): the three-letter code of a BCP 47
/// tag's language (`en`, `en-GB`: `eng`); a tag whose language has no two-letter code (`grc`) is
/// already that code.
fn invenio_language(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag);
    crosswalk_rules::languages::ISO_639
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(primary))
        .map_or_else(|| primary.to_ascii_lowercase(), |l| l.terminological.to_owned())
}
