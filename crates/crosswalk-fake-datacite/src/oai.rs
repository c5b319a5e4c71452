//! `GET /oai`: an OAI-PMH 2.0 endpoint over the same store, as DataCite's
//! (`oai.datacite.org/oai`) answers: `ListRecords` with `resumptionToken`, `set`, `from`,
//! `until` and the metadata prefixes `oai_datacite`, `datacite` and `oai_dc`; `GetRecord`;
//! `Identify`; the protocol's errors (`badArgument`, `badResumptionToken`, `badVerb`,
//! `cannotDisseminateFormat`, `idDoesNotExist`, `noRecordsMatch`) with status 200, as the
//! protocol says.
//!
//! Findable DOIs are records; registered (hidden) DOIs are deleted records (a header with
//! `status="deleted"`, as DataCite shows DOIs taken out of the index); drafts are not shown.
//! Sets are the DOI's `clientId` attribute (the account's name when absent), upper-cased, and
//! its provider (the part before the dot). The datestamp is the `updated` attribute
//! (`2024-01-01T00:00:00Z` when absent).

use serde_json::Value;

use crate::{Answer, Shared, Stored};

/// The namespace of OAI-PMH 2.0.
const OAI: &str = "http://www.openarchives.org/OAI/2.0/";

/// The arguments of a request.
#[derive(Default)]
struct Arguments {
    verb: Option<String>,
    prefix: Option<String>,
    set: Option<String>,
    from: Option<String>,
    until: Option<String>,
    token: Option<String>,
    identifier: Option<String>,
}

/// Answers `GET /oai?…`.
pub(crate) fn answer(shared: &Shared, query: &str, number: u64, host: &str) -> Answer {
    let mut args = Arguments::default();
    let mut echo = String::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (crate::percent_decode(key), crate::percent_decode(&value.replace('+', " ")));
        echo.push_str(&format!(" {key}=\"{}\"", escape(&value)));
        let slot = match key.as_str() {
            "verb" => &mut args.verb,
            "metadataPrefix" => &mut args.prefix,
            "set" => &mut args.set,
            "from" => &mut args.from,
            "until" => &mut args.until,
            "resumptionToken" => &mut args.token,
            "identifier" => &mut args.identifier,
            _ => return error(host, &echo, "badArgument", &format!("unknown argument {key}")),
        };
        *slot = Some(value);
    }
    match args.verb.as_deref() {
        Some("ListRecords") => list_records(shared, args, number, host, &echo),
        Some("GetRecord") => get_record(shared, &args, host, &echo),
        Some("Identify") => document(
            host,
            &echo,
            &format!(
                "<Identify><repositoryName>Fake DataCite</repositoryName><baseURL>{host}/oai</baseURL>\
                 <protocolVersion>2.0</protocolVersion><adminEmail>support@example.org</adminEmail>\
                 <earliestDatestamp>2011-01-01T00:00:00Z</earliestDatestamp><deletedRecord>persistent</deletedRecord>\
                 <granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify>"
            ),
        ),
        _ => error(host, &echo, "badVerb", "Illegal OAI verb"),
    }
}

fn list_records(shared: &Shared, mut args: Arguments, number: u64, host: &str, echo: &str) -> Answer {
    let mut offset = 0usize;
    if let Some(token) = args.token.clone() {
        if args.prefix.is_some() || args.set.is_some() || args.from.is_some() || args.until.is_some() {
            return error(host, echo, "badArgument", "resumptionToken is an exclusive argument");
        }
        let expired = shared.options.oai_bad_token_at.contains(&number);
        match parse_token(&token) {
            Some((at, prefix, set, from, until)) if !expired => {
                offset = at;
                args.prefix = Some(prefix);
                args.set = set;
                args.from = from;
                args.until = until;
            }
            _ => {
                return error(
                    host,
                    echo,
                    "badResumptionToken",
                    "The value of the resumptionToken argument is invalid or expired.",
                )
            }
        }
    }
    let Some(prefix) = args.prefix.clone() else {
        return error(host, echo, "badArgument", "metadataPrefix is required");
    };
    if !matches!(prefix.as_str(), "oai_datacite" | "datacite" | "oai_dc") {
        return error(
            host,
            echo,
            "cannotDisseminateFormat",
            &format!("{prefix} is not supported by the item or by the repository."),
        );
    }
    let store = shared.store();
    let mut shown: Vec<&Stored> = store
        .dois
        .values()
        .filter(|s| s.state != "draft")
        .filter(|s| args.set.as_deref().is_none_or(|set| sets(shared, s).iter().any(|s| s.eq_ignore_ascii_case(set))))
        .filter(|s| {
            let stamp = datestamp(s);
            args.from.as_deref().is_none_or(|from| stamp.get(..from.len()).unwrap_or(&stamp) >= from)
                && args.until.as_deref().is_none_or(|until| stamp.get(..until.len()).unwrap_or(&stamp) <= until)
        })
        .collect();
    shown.sort_by_key(|s| (s.created_by, s.doi.clone()));
    if shown.is_empty() {
        return error(host, echo, "noRecordsMatch", "The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.");
    }
    let size = shared.options.oai_page_size.max(1);
    // A page after the first may repeat the last record of the page before.
    let start = if shared.options.duplicate_across_pages && offset > 0 { offset - 1 } else { offset };
    let end = (start + size).min(shown.len());
    let mut body = String::from("<ListRecords>");
    for stored in shown.get(start..end).unwrap_or_default() {
        body.push_str(&record(shared, stored, &prefix));
    }
    if end < shown.len() {
        let token = format!(
            "{end}!{prefix}!{}!{}!{}",
            args.set.as_deref().unwrap_or(""),
            args.from.as_deref().unwrap_or(""),
            args.until.as_deref().unwrap_or("")
        );
        body.push_str(&format!(
            "<resumptionToken completeListSize=\"{}\" cursor=\"{offset}\">{}</resumptionToken>",
            shown.len(),
            escape(&token)
        ));
    } else if offset > 0 {
        body.push_str(&format!("<resumptionToken completeListSize=\"{}\" cursor=\"{offset}\"/>", shown.len()));
    }
    body.push_str("</ListRecords>");
    document(host, echo, &body)
}

type Token = (usize, String, Option<String>, Option<String>, Option<String>);

fn parse_token(token: &str) -> Option<Token> {
    let mut parts = token.split('!');
    let offset = parts.next()?.parse().ok()?;
    let prefix = parts.next()?.to_owned();
    let some = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_owned);
    let (set, from, until) = (some(parts.next()), some(parts.next()), some(parts.next()));
    Some((offset, prefix, set, from, until))
}

fn get_record(shared: &Shared, args: &Arguments, host: &str, echo: &str) -> Answer {
    let (Some(identifier), Some(prefix)) = (args.identifier.as_deref(), args.prefix.as_deref()) else {
        return error(host, echo, "badArgument", "identifier and metadataPrefix are required");
    };
    if !matches!(prefix, "oai_datacite" | "datacite" | "oai_dc") {
        return error(host, echo, "cannotDisseminateFormat", &format!("{prefix} is not supported"));
    }
    let doi = identifier.trim_start_matches("doi:").to_lowercase();
    let store = shared.store();
    match store.dois.get(&doi).filter(|s| s.state != "draft") {
        Some(stored) => document(host, echo, &format!("<GetRecord>{}</GetRecord>", record(shared, stored, prefix))),
        None => error(host, echo, "idDoesNotExist", &format!("{identifier} is unknown or illegal in this repository")),
    }
}

fn sets(shared: &Shared, stored: &Stored) -> Vec<String> {
    let client =
        stored.attributes.get("clientId").and_then(Value::as_str).unwrap_or(&shared.options.username).to_uppercase();
    let provider = client.split('.').next().unwrap_or_default().to_owned();
    vec![provider, client]
}

fn datestamp(stored: &Stored) -> String {
    stored.attributes.get("updated").and_then(Value::as_str).unwrap_or("2024-01-01T00:00:00Z").to_owned()
}

fn record(shared: &Shared, stored: &Stored, prefix: &str) -> String {
    let mut header = format!(
        "<identifier>doi:{}</identifier><datestamp>{}</datestamp>",
        escape(&stored.doi.to_uppercase()),
        escape(&datestamp(stored))
    );
    for set in sets(shared, stored) {
        header.push_str(&format!("<setSpec>{}</setSpec>", escape(&set)));
    }
    if stored.state != "findable" {
        return format!("<record><header status=\"deleted\">{header}</header></record>");
    }
    let metadata = match prefix {
        "oai_dc" => dublin_core(stored),
        "datacite" => resource(stored),
        _ => format!(
            "<oai_datacite xmlns=\"http://schema.datacite.org/oai/oai-1.1/\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://schema.datacite.org/oai/oai-1.1/ http://schema.datacite.org/oai/oai-1.1/oai.xsd\">\
             <isReferenceQuality>true</isReferenceQuality><schemaVersion>4</schemaVersion>\
             <datacentreSymbol>{}</datacentreSymbol><payload>{}</payload></oai_datacite>",
            escape(sets(shared, stored).last().map_or("", String::as_str)),
            resource(stored)
        ),
    };
    format!("<record><header>{header}</header><metadata>{metadata}</metadata></record>")
}

/// The DOI's DataCite XML: as it was sent, or made from its attributes.
fn resource(stored: &Stored) -> String {
    if let Some(xml) = &stored.xml {
        let xml = xml.trim_start_matches('\u{feff}').trim_start();
        // The XML declaration cannot stand inside another document.
        let body = if xml.starts_with("<?xml") { xml.split_once("?>").map_or(xml, |(_, rest)| rest) } else { xml };
        return body.trim().to_owned();
    }
    let a = &stored.attributes;
    let text = |pointer: &str| a_text(a, pointer);
    let mut creators = String::new();
    for creator in a.get("creators").and_then(Value::as_array).into_iter().flatten() {
        let name = creator.get("name").and_then(Value::as_str).unwrap_or("Anonymous");
        creators.push_str(&format!("<creator><creatorName>{}</creatorName></creator>", escape(name)));
    }
    if creators.is_empty() {
        creators.push_str("<creator><creatorName>Anonymous</creatorName></creator>");
    }
    format!(
        "<resource xmlns=\"http://datacite.org/schema/kernel-4\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4/metadata.xsd\">\
         <identifier identifierType=\"DOI\">{}</identifier><creators>{creators}</creators>\
         <titles><title>{}</title></titles><publisher>{}</publisher>\
         <publicationYear>{}</publicationYear><resourceType resourceTypeGeneral=\"{}\"/></resource>",
        escape(&stored.doi.to_uppercase()),
        escape(&text("/titles/0/title").unwrap_or_else(|| "Untitled".into())),
        escape(&text("/publisher/name").or_else(|| text("/publisher")).unwrap_or_else(|| "Unknown".into())),
        text("/publicationYear").unwrap_or_else(|| "2024".into()),
        escape(&text("/types/resourceTypeGeneral").unwrap_or_else(|| "Dataset".into())),
    )
}

fn a_text(attributes: &serde_json::Map<String, Value>, pointer: &str) -> Option<String> {
    let value = Value::Object(attributes.clone());
    match value.pointer(pointer)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `oai_dc`: what DataCite's OAI server derives from a DOI's metadata.
fn dublin_core(stored: &Stored) -> String {
    let a = &stored.attributes;
    let mut dc = String::from(
        "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">",
    );
    let mut element = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            dc.push_str(&format!("<dc:{name}>{}</dc:{name}>", escape(&value)));
        }
    };
    element("title", a_text(a, "/titles/0/title"));
    for creator in a.get("creators").and_then(Value::as_array).into_iter().flatten() {
        element("creator", creator.get("name").and_then(Value::as_str).map(str::to_owned));
    }
    element("publisher", a_text(a, "/publisher/name").or_else(|| a_text(a, "/publisher")));
    element("date", a_text(a, "/publicationYear"));
    element("identifier", Some(format!("https://doi.org/{}", stored.doi)));
    element("type", a_text(a, "/types/resourceTypeGeneral"));
    dc.push_str("</oai_dc:dc>");
    dc
}

/// A response document around `body`.
fn document(host: &str, echo: &str, body: &str) -> Answer {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"{OAI}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\
         <responseDate>2026-01-01T00:00:00Z</responseDate><request{echo}>{host}/oai</request>{body}</OAI-PMH>\n"
    );
    (200, Value::String(xml), vec![("Content-Type".to_owned(), "text/xml; charset=utf-8".to_owned())])
}

/// A response with the protocol error `code` (the request element keeps no arguments for
/// `badVerb` and `badArgument`, as the protocol says).
fn error(host: &str, echo: &str, code: &str, message: &str) -> Answer {
    let echo = if matches!(code, "badVerb" | "badArgument") { "" } else { echo };
    document(host, echo, &format!("<error code=\"{code}\">{}</error>", escape(message)))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
