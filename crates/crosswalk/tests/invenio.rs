//! InvenioRDM record JSON through the facade: detection, the format's names, reading and writing
//! by name, the framing of several records, and DataCite XML → InvenioRDM → back keeping what
//! both hold.

use std::collections::BTreeSet;

use crosswalk::{detect, read, records, write, Format, Framing, Record, Resource};
use crosswalk_testkit::{files_with_suffix, testdata, testdata_bytes};

#[test]
fn fixtures_are_detected_and_read() {
    let mut paths = files_with_suffix(&testdata("invenio-rdm"), ".json");
    paths.extend(files_with_suffix(&testdata("invenio-rdm"), ".jsonl"));
    assert!(paths.len() >= 3);
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(detect(&bytes).unwrap().format, Format::InvenioRdm, "{}", path.display());
        let all = read(&bytes, Format::InvenioRdm).unwrap();
        assert!(all.iter().all(|r| !r.has_errors()), "{}: {:?}", path.display(), all[0].diagnostics);
        // The same through a one-byte buffer.
        let trickled: Vec<Record> =
            records(std::io::BufReader::with_capacity(1, bytes.as_slice()), Format::InvenioRdm).unwrap().collect();
        assert!(trickled == all, "{}", path.display());
    }
}

#[test]
fn detection_tells_invenio_from_datacite_json() {
    let format_of = |text: &str| detect(text.as_bytes()).ok().map(|d| d.format);
    assert_eq!(
        format_of(r#"{"metadata": {"resource_type": {"id": "dataset"}, "title": "T"}}"#),
        Some(Format::InvenioRdm)
    );
    assert_eq!(format_of(r#"{"resource_type": {"id": "software"}, "title": "T"}"#), Some(Format::InvenioRdm));
    assert_eq!(
        format_of(r#"{"pids": {"doi": {"identifier": "10.5281/x"}}, "metadata": {}}"#),
        Some(Format::InvenioRdm)
    );
    assert_eq!(
        format_of(r#"{"title": "T", "creators": [{"person_or_org": {"name": "A"}}]}"#),
        Some(Format::InvenioRdm)
    );
    assert_eq!(
        format_of(
            r#"{"titles": [{"title": "T"}], "creators": [{"name": "A"}], "types": {"resourceTypeGeneral": "Dataset"}}"#
        ),
        Some(Format::DataciteJson)
    );
}

#[test]
fn names_extension_and_framing() {
    assert_eq!(Format::from_name("invenio-rdm"), Some(Format::InvenioRdm));
    assert_eq!(Format::from_name("zenodo"), Some(Format::InvenioRdm));
    assert_eq!(Format::InvenioRdm.extension(), "json");
    assert_eq!(Format::InvenioRdm.framing(), Framing::ObjectOrArray);
    assert!(crosswalk::codes().iter().any(|c| c.code == "invenio.type"));
}

fn orcid(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_owned()
}

/// What an InvenioRDM record and DataCite both hold of a creator: name, given and family names,
/// ORCIDs (as InvenioRDM keeps them, bare), ROR affiliations.
type Person = (String, Option<String>, Option<String>, Vec<String>, Vec<Option<String>>);

/// Funder name, funder identifier, award number, award title.
type Funding = (String, Option<String>, Option<String>, Option<String>);

fn creators(r: &Resource) -> Vec<Person> {
    r.creators
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.given_name.clone(),
                c.family_name.clone(),
                c.name_identifiers.iter().map(|i| orcid(&i.name_identifier)).collect(),
                c.affiliation
                    .iter()
                    .filter(|a| a.affiliation_identifier_scheme.as_deref() == Some("ROR"))
                    .map(|a| a.affiliation_identifier.clone())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn datacite_xml_to_invenio_and_back_keeps_what_both_hold() {
    for name in ["examples/dataset.xml", "datacite-xml/every-property.xml"] {
        let original = read(&testdata_bytes(name), Format::DataciteXml).unwrap().remove(0).resource;
        let written = write(&original, Format::InvenioRdm).unwrap();
        let json: serde_json::Value = serde_json::from_str(&written.text).unwrap();
        assert_eq!(json["pids"]["doi"]["provider"], "datacite", "{name}");
        let back = read(written.text.as_bytes(), Format::InvenioRdm).unwrap().remove(0);
        assert!(!back.has_errors(), "{name}: {:?}", back.diagnostics);
        let back = back.resource;
        assert_eq!(back.doi, original.doi, "{name}");
        let titles = |r: &Resource| -> BTreeSet<(String, Option<String>)> {
            r.titles.iter().map(|t| (t.title.clone(), t.title_type.as_ref().map(|k| k.as_str().to_owned()))).collect()
        };
        assert_eq!(titles(&back), titles(&original), "{name}");
        assert_eq!(creators(&back), creators(&original), "{name}");
        assert!(original.creators.iter().any(|c| !c.name_identifiers.is_empty()), "{name}: an ORCID to keep");
        assert_eq!(back.types.resource_type_general, original.types.resource_type_general, "{name}");
        assert_eq!(back.publication_year, original.publication_year, "{name}");
        // `en` is InvenioRDM's `eng`, and `en` again.
        assert_eq!(back.language, original.language, "{name}");
        let dates = |r: &Resource| -> BTreeSet<(String, String)> {
            r.dates
                .iter()
                .filter(|d| d.date_type.as_ref().is_some_and(|t| t.as_str() != "Issued"))
                .map(|d| (d.date.clone(), d.date_type.as_ref().map_or(String::new(), |t| t.as_str().to_owned())))
                .collect()
        };
        assert_eq!(dates(&back), dates(&original), "{name}");
        let related = |r: &Resource| -> Vec<(String, Option<String>, Option<String>)> {
            r.related_identifiers
                .iter()
                .map(|x| {
                    (
                        x.related_identifier.clone(),
                        x.related_identifier_type.as_ref().map(|t| t.as_str().to_owned()),
                        x.relation_type.as_ref().map(|t| t.as_str().to_owned()),
                    )
                })
                .collect()
        };
        assert_eq!(related(&back), related(&original), "{name}");
        let rights = |r: &Resource| -> Vec<(Option<String>, Option<String>)> {
            r.rights_list
                .iter()
                .map(|x| (x.rights_uri.clone(), x.rights_identifier.as_ref().map(|i| i.to_ascii_lowercase())))
                .collect()
        };
        assert_eq!(rights(&back), rights(&original), "{name}");
        let funding = |r: &Resource| -> Vec<Funding> {
            r.funding_references
                .iter()
                .map(|f| {
                    (f.funder_name.clone(), f.funder_identifier.clone(), f.award_number.clone(), f.award_title.clone())
                })
                .collect()
        };
        assert_eq!(funding(&back), funding(&original), "{name}");
        assert!(!original.funding_references.is_empty() || name.starts_with("examples"), "{name}: funding to keep");
    }
}
