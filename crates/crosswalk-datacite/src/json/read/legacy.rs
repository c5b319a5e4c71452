//! The older shapes of DataCite JSON (the first REST API and the crosscite format that bolognese
//! still reads and writes): kebab-case and snake_case keys (`publication-year`, `rights_list`,
//! `resource-type-general`), singular keys (`creator`, `title`), and people written as
//! `{"type": "Person", "id": "https://orcid.org/…"}`. Where the mapping is cheap and unambiguous
//! the value is rewritten into the current shape with a `legacy.mapped` note; anything else is
//! left alone, to be reported as unmapped.

use crosswalk_model::{codes, Diagnostic, Location};
use serde_json::{Map, Value};

use super::pointer::{self, Seg};

/// The keys of `types`.
pub(super) const TYPES_KEYS: &[&str] =
    &["resourceTypeGeneral", "resourceType", "schemaOrg", "citeproc", "bibtex", "ris"];

/// The `types` keys the model derives rather than reads.
pub(super) const DERIVED_TYPES: &[&str] = &["schemaOrg", "citeproc", "bibtex", "ris"];

/// The camelCase form of a kebab-case or snake_case key (`publication-year` → `publicationYear`);
/// `None` when the key has neither `-` nor `_`.
pub(super) fn camel_case(key: &str) -> Option<String> {
    if !key.contains(['-', '_']) {
        return None;
    }
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        match c {
            '-' | '_' => upper = !out.is_empty(),
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// The list key of a singular key of the older formats (`creator` → `creators`).
pub(super) fn plural(key: &str) -> Option<&'static str> {
    Some(match key {
        "creator" => "creators",
        "title" => "titles",
        _ => return None,
    })
}

/// The key holding the text of an entry of a list attribute, for lists whose entries some
/// sources write as plain strings (`"titles": ["A title"]`).
pub(super) fn text_key(list: &str) -> Option<&'static str> {
    Some(match list {
        "creators" | "contributors" => "name",
        "titles" => "title",
        "subjects" => "subject",
        "descriptions" => "description",
        "rightsList" => "rights",
        _ => return None,
    })
}

/// A rewrite done on a value: its path in the rewritten value, and the source pointer it came from.
pub(super) type Alias = (Vec<Seg>, String);

/// Renames kebab-case and snake_case keys of `types` (at source pointer `pointer`) to their
/// camelCase form when that is a `types` key the object does not already have.
pub(super) fn types_keys(
    types: &mut Map<String, Value>,
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let renames: Vec<(String, &'static str)> = types
        .keys()
        .filter_map(|key| {
            let camel = camel_case(key)?;
            let known = TYPES_KEYS.iter().find(|k| **k == camel)?;
            (!types.contains_key(*known)).then(|| (key.clone(), *known))
        })
        .collect();
    let mut aliases = Vec::new();
    for (old, new) in renames {
        if let Some(value) = types.remove(&old) {
            let source = pointer::child(pointer, &old);
            diagnostics.push(mapped(&source, format!("types key \"{old}\" read as \"{new}\"")));
            types.insert(new.to_owned(), value);
            aliases.push((vec![Seg::Key(new.to_owned())], source));
        }
    }
    aliases
}

/// Rewrites a creator or contributor written the schema.org way: `"type": "Person"` becomes
/// `nameType`, and an ORCID or ROR URL in `id` becomes a name identifier. `pointer` is the
/// entry's source pointer; the aliases are relative to the entry.
pub(super) fn person(entry: &mut Map<String, Value>, pointer: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Alias> {
    let mut aliases = Vec::new();
    if let Some(Value::String(kind)) = entry.get("type") {
        let name_type = match kind.as_str() {
            "Person" => Some("Personal"),
            "Organization" => Some("Organizational"),
            _ => None,
        };
        match (name_type, entry.get("nameType").and_then(Value::as_str)) {
            (Some(new), None) => {
                let source = pointer::child(pointer, "type");
                diagnostics.push(mapped(&source, format!("\"type\": \"{kind}\" read as nameType \"{new}\"")));
                entry.remove("type");
                entry.insert("nameType".into(), Value::String(new.into()));
                aliases.push((vec![Seg::Key("nameType".into())], source));
            }
            // Saying the same as nameType: nothing is lost by dropping it.
            (Some(new), Some(existing)) if new == existing => {
                entry.remove("type");
            }
            // Anything else stays, and is reported as unmapped.
            _ => {}
        }
    }
    if let Some(Value::String(id)) = entry.get("id") {
        if let Some((scheme, scheme_uri)) = identifier_scheme(id) {
            let id = id.clone();
            let identifiers = entry.entry("nameIdentifiers").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = identifiers {
                let known = list.iter().any(|i| i.get("nameIdentifier").and_then(Value::as_str) == Some(id.as_str()));
                if !known {
                    let source = pointer::child(pointer, "id");
                    diagnostics.push(mapped(&source, format!("\"id\" {id:?} read as a name identifier ({scheme})")));
                    aliases.push((vec![Seg::Key("nameIdentifiers".into()), Seg::Index(list.len())], source));
                    list.push(serde_json::json!({
                        "nameIdentifier": id,
                        "nameIdentifierScheme": scheme,
                        "schemeUri": scheme_uri,
                    }));
                }
                entry.remove("id");
            }
        }
    }
    aliases
}

/// The scheme of a person or organisation identifier URL: ORCID or ROR.
fn identifier_scheme(id: &str) -> Option<(&'static str, &'static str)> {
    let lower = id.trim().to_ascii_lowercase();
    let host = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    if host.starts_with("orcid.org/") {
        Some(("ORCID", "https://orcid.org"))
    } else if host.starts_with("ror.org/") {
        Some(("ROR", "https://ror.org"))
    } else {
        None
    }
}

/// A `legacy.mapped` note at `pointer`.
pub(super) fn mapped(pointer: &str, message: String) -> Diagnostic {
    Diagnostic::info(codes::LEGACY_MAPPED, message).at(Location::path(pointer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn camel_cases_old_keys() {
        assert_eq!(camel_case("publication-year").as_deref(), Some("publicationYear"));
        assert_eq!(camel_case("rights_list").as_deref(), Some("rightsList"));
        assert_eq!(camel_case("resource-type-general").as_deref(), Some("resourceTypeGeneral"));
        assert_eq!(camel_case("creators"), None);
    }

    #[test]
    fn rewrites_schema_org_people() {
        let mut entry =
            json!({"type": "Person", "id": "http://orcid.org/0000-0003-1419-2405", "name": "Fenner, Martin"});
        let mut diagnostics = Vec::new();
        let aliases = person(entry.as_object_mut().unwrap(), "/creators/0", &mut diagnostics);
        assert_eq!(
            entry,
            json!({"name": "Fenner, Martin", "nameType": "Personal", "nameIdentifiers": [{
                "nameIdentifier": "http://orcid.org/0000-0003-1419-2405",
                "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}]})
        );
        assert_eq!(aliases[1], (vec![Seg::Key("nameIdentifiers".into()), Seg::Index(0)], "/creators/0/id".into()));
        assert_eq!(diagnostics.len(), 2);

        let mut other = json!({"type": "Agent", "id": "https://example.org/me"});
        assert!(person(other.as_object_mut().unwrap(), "/creators/1", &mut diagnostics).is_empty());
        assert_eq!(other, json!({"type": "Agent", "id": "https://example.org/me"}));
    }
}
