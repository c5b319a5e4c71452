//! Reading Schema.org and Codemeta JSON-LD into the model.
//!
//! The driver ([`read`]) decodes the bytes, finds the JSON documents (one, several separated by
//! white space as in JSON Lines, or the `<script type="application/ld+json">` elements of an HTML
//! page), and turns each into records: a top-level list gives one record per item, a `@graph` one
//! record per creative work in it (people, places and other details it references are read where
//! they are referenced), a page whose `mainEntity` is a work gives that work.
//!
//! [`ItemReader`] maps one node object onto a `Resource`, dispatching each key through the
//! property table ([`crate::props`]); the submodules read the parts: agents, relations and
//! containers, places, and plain values (dates, identifiers, licences, keywords).

mod agents;
mod geo;
mod npm;
mod relations;
mod seen;
mod values;

/// What the writers share with the readers, so that both directions recognise values alike.
pub(crate) mod values_for_writer {
    pub(crate) use super::agents::funder_identifier_type as funder_identifier_type_of;
    pub(crate) use super::values::{spdx_from_url, spdx_id as spdx_id_of, SPDX_SCHEME_URI};
}

/// Name identifier schemes, as the readers recognise them.
pub(crate) mod agents_for_writer {
    /// The scheme a name identifier's form gives (`ORCID` for an orcid.org URL), or `URL`.
    pub(crate) fn scheme_of(text: &str) -> Option<String> {
        super::agents::name_identifier(text, None).name_identifier_scheme
    }

    /// The scheme URI a name identifier's form gives (`https://orcid.org`), if any.
    pub(crate) fn scheme_uri_of(text: &str) -> Option<String> {
        super::agents::name_identifier(text, None).scheme_uri
    }
}

use crosswalk_model::{
    codes, Date, DateType, Description, DescriptionType, Diagnostic, Location, Origin, Record, RelatedItem, Resource,
    ResourceTypeGeneral, Severity, Title, TitleType,
};
use crosswalk_text::json::{skip_white_space, unescape_segment};

use crate::json::{self, Node, Value};
use crate::jsonld::{self, At, CodemetaVersion, Context, ContextNote, IdIndex, Ns, Term};
use crate::props::{self, Vocab, P};
use crate::types;
use crate::{
    CODEMETA_LEGACY_TERM, CODEMETA_TYPE_ASSUMED, JSONLD_CONTEXT_MISSING, JSONLD_CONTEXT_UNKNOWN, JSONLD_DUPLICATE_KEY,
    JSONLD_GRAPH, JSONLD_HTML, JSONLD_NODE_UNUSED, JSONLD_NO_ITEMS, JSONLD_SHAPE, JSONLD_SYNTAX, SCHEMAORG_MAIN_ENTITY,
    SCHEMAORG_TYPE_EXTRA, SCHEMAORG_TYPE_GENERALISED, SCHEMAORG_TYPE_MISSING, SCHEMAORG_TYPE_UNKNOWN,
};

/// Which format the caller asked for: it decides defaults, not which terms are understood (a
/// Codemeta context enables Codemeta terms in either).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Profile {
    SchemaOrg,
    Codemeta,
}

/// The source text and an index of its positions, shared by the records of one input.
pub(crate) struct Source<'t> {
    pub text: &'t str,
    pub lines: Positions,
}

impl Source<'_> {
    /// A location: `line:column` of byte `start`, and the JSON pointer.
    pub fn location(&self, start: usize, pointer: String) -> Location {
        let (line, column) = self.lines.position(self.text, start);
        Location { line: Some(line), column: Some(column), path: (!pointer.is_empty()).then_some(pointer) }
    }
}

/// Byte offsets to 1-based `line:column` (columns in characters) in time independent of the
/// line's length: JSON is often one long line (a catalog of thousands of works on one line), and
/// counting characters from the line's start for each diagnostic would be quadratic.
pub(crate) struct Positions {
    line_starts: Vec<usize>,
    /// The number of characters before each block of [`BLOCK`] bytes.
    chars_before_block: Vec<usize>,
}

/// The block size of the character count checkpoints.
const BLOCK: usize = 1024;

impl Positions {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        }
        Positions { line_starts, chars_before_block }
    }

    /// The number of characters before byte `offset`.
    fn chars_before(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        base + bytes.get(block * BLOCK..offset).map_or(0, |s| s.iter().filter(|&&b| (b & 0xC0) != 0x80).count())
    }

    /// The 1-based line and character column of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let bytes = text.as_bytes();
        let offset = offset.min(bytes.len());
        let line = self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column =
            self.chars_before(bytes, offset) - self.chars_before(bytes, start).min(self.chars_before(bytes, offset));
        (to_u32(line + 1), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reads every record of `bytes`. Never fails: broken input gives a record with an error.
pub(crate) fn read(bytes: &[u8], profile: Profile) -> Vec<Record> {
    if bytes.len() > crate::MAX_DOCUMENT_BYTES {
        let message = format!(
            "the input is larger than {}, the most read as one JSON-LD document; it was not read \
             (split a catalog into several files)",
            crosswalk_text::caps::size(crate::MAX_DOCUMENT_BYTES)
        );
        return vec![Record::failed(Diagnostic::error(crate::JSONLD_TOO_LARGE, message).at(Location::at(1, 1)))];
    }
    let decoded = crosswalk_text::decode(bytes);
    // Lone surrogate escapes become U+FFFD before parsing, as in every JSON reader (same offsets).
    let (text, lone) = crosswalk_text::json::patch_lone_surrogates(&decoded.text);
    let text: &str = &text;
    let source = Source { text, lines: Positions::new(text) };
    let mut records = Vec::new();
    let mut notes = decoded.diagnostics;

    let first = skip_white_space(text, 0);
    let ranges = if text.as_bytes().get(first) == Some(&b'<') {
        let scripts = html_scripts(text);
        let message = match scripts.len() {
            0 => {
                "the input is HTML without a <script type=\"application/ld+json\"> element: there is no JSON-LD to read"
                    .to_owned()
            }
            n => format!(
                "the input is HTML; the JSON-LD of its {n} <script type=\"application/ld+json\"> element(s) is read"
            ),
        };
        let severity = if scripts.is_empty() { Severity::Error } else { Severity::Info };
        let code = if scripts.is_empty() { JSONLD_SHAPE } else { JSONLD_HTML };
        notes.push(Diagnostic::new(severity, code, message).at(source.location(first, String::new())));
        scripts
    } else {
        vec![(0, text.len())]
    };

    for (start, end) in ranges {
        let scope = text.get(..end).unwrap_or(text);
        let mut position = skip_white_space(scope, start);
        while position < end {
            match json::parse_value(scope, position) {
                Ok((node, next, duplicates)) => {
                    // Each value of a sequence (JSON Lines) has its own pointers; its line tells
                    // the values apart.
                    document(&source, &node, "", &duplicates, profile, &mut records);
                    position = skip_white_space(scope, next);
                }
                Err(error) => {
                    // A list broken after some complete items (a catalog cut short): those items
                    // are read; the rest is one failed record.
                    let (items, duplicates, rest) = json::complete_list_items(scope, position);
                    if !items.is_empty() {
                        let list = Node { start: position, value: Value::Array(items) };
                        document(&source, &list, "", &duplicates, profile, &mut records);
                        position = rest;
                    }
                    let message = if error.offset >= scope.len() {
                        format!("the input ends inside a JSON value: {}", error.message)
                    } else {
                        format!("not valid JSON: {}", error.message)
                    };
                    let mut record = Record::failed(
                        Diagnostic::error(JSONLD_SYNTAX, message).at(source.location(error.offset, String::new())),
                    );
                    record.origin.line = Some(source.lines.position(text, position).0);
                    records.push(record);
                    break;
                }
            }
        }
    }

    if records.is_empty() {
        let has_error = notes.iter().any(Diagnostic::is_error);
        let mut record = Record::default();
        if !has_error {
            record.push(
                Diagnostic::error(JSONLD_SYNTAX, "the input is empty: it holds no JSON value").at(Location::at(1, 1)),
            );
        }
        records.push(record);
    }
    if let Some(first) = records.first_mut() {
        first.diagnostics.splice(0..0, notes);
    }
    report_lone_surrogates(text, &lone, &mut records);
    for (index, record) in records.iter_mut().enumerate() {
        record.origin.index = index;
        record.truncate_diagnostics(crate::MAX_DIAGNOSTICS, crate::JSONLD_DIAGNOSTICS_TRUNCATED);
    }
    records
}

/// Reports each lone surrogate escape (at its byte offset in `text`) in the record whose value
/// starts last before it (the first record when none does), in source order among its
/// diagnostics.
fn report_lone_surrogates(text: &str, lone: &[crosswalk_text::json::LoneSurrogate], records: &mut [Record]) {
    if lone.is_empty() {
        return;
    }
    let lines = crosswalk_text::LineIndex::new(text);
    for &escape in lone {
        let warning = crosswalk_text::json::lone_surrogate_warning(text, &lines, escape);
        let line = warning.location.line.unwrap_or(1);
        let owner = records.iter().rposition(|r| r.origin.line.is_some_and(|start| start <= line)).unwrap_or(0);
        if let Some(record) = records.get_mut(owner) {
            let at = record
                .diagnostics
                .iter()
                .position(|d| d.location.line.is_some_and(|l| l > line))
                .unwrap_or(record.diagnostics.len());
            record.diagnostics.insert(at, warning);
        }
    }
}

/// The byte ranges of the contents of `<script type="application/ld+json">` elements.
fn html_scripts(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find("<script")) {
        let tag_start = from + found;
        let Some(tag_end) = lower.get(tag_start..).and_then(|rest| rest.find('>')).map(|i| tag_start + i + 1) else {
            break;
        };
        let Some(close) = lower.get(tag_end..).and_then(|rest| rest.find("</script")).map(|i| tag_end + i) else {
            break;
        };
        if lower.get(tag_start..tag_end).is_some_and(|tag| tag.contains("application/ld+json")) {
            ranges.push((tag_end, close));
        }
        from = close;
    }
    ranges
}

/// Turns one top-level JSON value into records.
fn document(
    source: &Source<'_>,
    node: &Node,
    base: &str,
    duplicates: &[json::Duplicate],
    profile: Profile,
    records: &mut Vec<Record>,
) {
    let first = records.len();
    let root = At::root(base);
    match &node.value {
        Value::Array(items) => {
            if items.is_empty() {
                let message = "the input is an empty list: it holds no record";
                records.push(Record::failed(
                    Diagnostic::error(JSONLD_NO_ITEMS, message).at(source.location(node.start, base.to_owned())),
                ));
            }
            for (index, item) in items.iter().enumerate() {
                let at = root.index(index);
                top_level(source, item, &at, profile, records);
            }
        }
        _ => top_level(source, node, &root, profile, records),
    }
    // A repeated key belongs to the record whose value holds it; the document's first otherwise.
    // The records of a list's items, by item (a map, not a search per key: a catalog of many
    // works may repeat a key in each).
    let by_item: std::collections::HashMap<String, usize> = if duplicates.is_empty() {
        std::collections::HashMap::new()
    } else {
        records
            .iter()
            .enumerate()
            .skip(first)
            .rev()
            .filter_map(|(i, r)| r.origin.key.clone().map(|key| (key, i)))
            .collect()
    };
    for duplicate in duplicates {
        let pointer = format!("{base}{}", duplicate.pointer);
        let key = unescape_segment(pointer.rsplit('/').next().unwrap_or_default());
        let message = format!("key \"{key}\" occurs more than once in its object; the last value is used");
        let diagnostic =
            Diagnostic::warning(JSONLD_DUPLICATE_KEY, message).at(source.location(duplicate.offset, pointer.clone()));
        let owner = match node.value {
            Value::Array(_) => pointer
                .strip_prefix(base)
                .and_then(|rest| rest.split('/').nth(1))
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| by_item.get(&format!("#{index}")).copied()),
            _ => None,
        };
        match owner.or_else(|| (records.len() > first).then_some(first)).and_then(|i| records.get_mut(i)) {
            Some(record) => record.push(diagnostic),
            None => records.push(Record::failed(diagnostic)),
        }
    }
    for record in records.iter_mut().skip(first) {
        // In source order; diagnostics about the whole input (no position) first.
        record.diagnostics.sort_by_key(|d| (d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)));
        if record.origin.key.as_deref().is_some_and(|k| k.starts_with('#')) {
            record.origin.key = record.resource.doi.clone();
        }
    }
}

/// Reads one top-level item of a document (the document itself, or an item of a top-level list).
fn top_level(source: &Source<'_>, node: &Node, at: &At<'_>, profile: Profile, records: &mut Vec<Record>) {
    let item_tag = format!("#{}", at.pointer().rsplit('/').next().unwrap_or_default());
    if !node.is_object() {
        let message = format!(
            "expected a JSON-LD node object here, found {} ({}); no record can be read from it",
            node.kind(),
            jsonld::show(node)
        );
        let mut record =
            Record::failed(Diagnostic::error(JSONLD_SHAPE, message).at(source.location(node.start, at.pointer())));
        record.origin.line = Some(source.lines.position(source.text, node.start).0);
        records.push(record);
        return;
    }
    let mut notes = Vec::new();
    let context = Context::default().extended(node, at, &mut notes);
    let mut context_diagnostics = context_notes(source, &context, notes, node, at, profile);

    if profile == Profile::Codemeta && !context.declared && npm::is_package(node) {
        let mut record = npm::read(source, node, at);
        record.diagnostics.splice(0..0, context_diagnostics.drain(..).filter(|d| d.code != JSONLD_CONTEXT_MISSING));
        record.origin.line = Some(source.lines.position(source.text, node.start).0);
        record.origin.key = Some(item_tag);
        records.push(record);
        return;
    }

    let index = IdIndex::build(node, &context);
    let mut items: Vec<(&Node, String, Context)> = Vec::new();
    let mut shared = context_diagnostics;

    if let Some(graph) = node.members().iter().find(|m| context.resolve(&m.key) == Term::Keyword("graph")) {
        let graph_at = at.key(&graph.key);
        let mut details = Vec::new();
        jsonld::each_value(&graph.value, &graph_at, &mut |item, item_at| {
            if !item.is_object() {
                return;
            }
            let mut notes = Vec::new();
            let item_context = context.extended(item, item_at, &mut notes);
            shared.extend(
                context_notes(source, &item_context, notes, item, item_at, profile)
                    .into_iter()
                    .filter(|d| d.code != JSONLD_CONTEXT_MISSING),
            );
            match graph_role(item, &item_context, &index) {
                GraphRole::Record => items.push((item, item_at.pointer(), item_context)),
                GraphRole::Detail => {}
                GraphRole::Unused(name) => details.push((item.start, item_at.pointer(), name)),
            }
        });
        for (start, pointer, name) in details {
            let message = format!("the @graph node {name} is not a work and no record refers to it; it is not read");
            shared.push(Diagnostic::warning(JSONLD_NODE_UNUSED, message).at(source.location(start, pointer)));
        }
        for member in node.members() {
            let term = context.resolve(&member.key);
            if !matches!(term, Term::Keyword("graph" | "context" | "id")) {
                let message =
                    format!("key \"{}\" beside @graph describes the graph, not a work; it is not read", member.key);
                let at = at.key(&member.key);
                shared.push(
                    Diagnostic::warning(codes::FIELD_UNMAPPED, message)
                        .at(source.location(member.value.start, at.pointer())),
                );
            }
        }
        if items.len() > 1 {
            let message = format!("the @graph holds {} works; each is a record", items.len());
            shared.push(
                Diagnostic::info(JSONLD_GRAPH, message).at(source.location(graph.value.start, graph_at.pointer())),
            );
        }
    } else if let Some(entity) = main_entity(node, &context, &index) {
        let (entity_node, key) = entity;
        let entity_at = at.key(key);
        let mut notes = Vec::new();
        let entity_context = context.extended(entity_node, &entity_at, &mut notes);
        shared.extend(
            context_notes(source, &entity_context, notes, entity_node, &entity_at, profile)
                .into_iter()
                .filter(|d| d.code != JSONLD_CONTEXT_MISSING),
        );
        let (page_types, _) = jsonld::node_types(node, &context);
        let message = format!(
            "the document is a {} whose mainEntity is the work described; its other keys describe the page and are not read",
            page_types.first().copied().unwrap_or("page")
        );
        shared.push(
            Diagnostic::info(SCHEMAORG_MAIN_ENTITY, message)
                .at(source.location(entity_node.start, entity_at.pointer())),
        );
        items.push((entity_node, entity_at.pointer(), entity_context));
    } else {
        items.push((node, at.pointer(), context.clone()));
    }

    if items.is_empty() {
        let message = "the document holds no work to read (only people, places or other details)";
        let mut record =
            Record::failed(Diagnostic::error(JSONLD_NO_ITEMS, message).at(source.location(node.start, at.pointer())));
        record.diagnostics.splice(0..0, shared);
        records.push(record);
        return;
    }
    for (i, (item, pointer, item_context)) in items.into_iter().enumerate() {
        let root = At::root(&pointer);
        let mut reader = ItemReader::new(source, &index, profile, &item_context, (node, at.pointer()));
        reader.item(item, &root, &item_context);
        let mut record = reader.finish();
        if i == 0 {
            record.diagnostics.splice(0..0, std::mem::take(&mut shared));
        }
        record.origin.line = Some(source.lines.position(source.text, item.start).0);
        record.origin.key = Some(item_tag.clone());
        records.push(record);
    }
}

/// The diagnostics of a context: unknown IRIs, bad entries, or no context at all.
fn context_notes(
    source: &Source<'_>,
    context: &Context,
    notes: Vec<ContextNote>,
    node: &Node,
    at: &At<'_>,
    profile: Profile,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for note in notes {
        match note {
            ContextNote::Unknown { iri, start, pointer } => {
                let message = format!(
                    "@context \"{iri}\" is neither Schema.org nor Codemeta and is not loaded; keys are read as {} terms",
                    if profile == Profile::Codemeta { "Codemeta and Schema.org" } else { "Schema.org" }
                );
                out.push(Diagnostic::warning(JSONLD_CONTEXT_UNKNOWN, message).at(source.location(start, pointer)));
            }
            ContextNote::Invalid { start, pointer, kind } => {
                let message =
                    format!("a @context entry must be a string, an object or a list, not {kind}; it is ignored");
                out.push(Diagnostic::warning(codes::VALUE_INVALID, message).at(source.location(start, pointer)));
            }
        }
    }
    if !context.declared {
        let message = format!(
            "the node has no @context; its keys are read as {} terms",
            if profile == Profile::Codemeta { "Codemeta and Schema.org" } else { "Schema.org" }
        );
        out.push(Diagnostic::warning(JSONLD_CONTEXT_MISSING, message).at(source.location(node.start, at.pointer())));
    }
    out
}

enum GraphRole {
    Record,
    Detail,
    Unused(String),
}

/// Whether a `@graph` node is a record, a detail read where it is referenced, or neither.
fn graph_role(node: &Node, context: &Context, index: &IdIndex<'_>) -> GraphRole {
    let (type_names, _) = jsonld::node_types(node, context);
    let id = jsonld::node_id(node, context);
    let referenced = id.is_some_and(|id| index.is_referenced(id));
    let names: Vec<&str> = type_names.iter().map(|t| jsonld::type_name(t, context)).collect();
    let is_work = names.iter().any(|n| types::lookup(n).is_some() || types::lookup_loosely(n).is_some());
    let is_detail = names.iter().any(|n| types::is_detail_type(n));
    let is_page = names.iter().any(|n| n.ends_with("Page") || *n == "WebSite");
    if is_page
        && node.members().iter().any(|m| {
            matches!(context.resolve(&m.key), Term::Plain("mainEntity") | Term::Name(Ns::SchemaOrg, "mainEntity"))
        })
    {
        return GraphRole::Detail;
    }
    if is_work && !(referenced && is_page) {
        return GraphRole::Record;
    }
    if referenced {
        return GraphRole::Detail;
    }
    if is_detail {
        let label = match id {
            Some(id) => format!("{id} ({})", names.join(", ")),
            None => format!("of type {}", names.join(", ")),
        };
        return GraphRole::Unused(label);
    }
    GraphRole::Record
}

/// The work a page describes: `mainEntity` of a node whose type is a page or web site.
fn main_entity<'n>(node: &'n Node, context: &Context, index: &IdIndex<'n>) -> Option<(&'n Node, &'n str)> {
    let (type_names, _) = jsonld::node_types(node, context);
    let is_page =
        type_names.iter().map(|t| jsonld::type_name(t, context)).any(|n| n.ends_with("Page") || n == "WebSite");
    if !is_page {
        return None;
    }
    let member = node.members().iter().find(|m| {
        matches!(context.resolve(&m.key), Term::Plain("mainEntity") | Term::Name(Ns::SchemaOrg, "mainEntity"))
    })?;
    let entity = match &member.value.value {
        Value::Object(_) => index.resolve(&member.value, context).unwrap_or(&member.value),
        _ => return None,
    };
    entity.is_object().then_some((entity, member.key.as_str()))
}

/// A pending value of a container (pages, volume, issue) given on the item itself.
#[derive(Default)]
struct ContainerParts {
    first_page: Option<String>,
    last_page: Option<String>,
    volume: Option<String>,
    issue: Option<String>,
    /// Where the first of them was, for a diagnostic when there is no container.
    at: Option<(usize, String, &'static str)>,
}

/// A `funding` text waiting to be paired with a funder.
struct FundingText {
    text: String,
    start: usize,
    pointer: String,
}

/// Reads one node object into a resource.
pub(crate) struct ItemReader<'s, 'n> {
    pub source: &'s Source<'s>,
    pub index: &'s IdIndex<'n>,
    pub profile: Profile,
    pub codemeta: Option<CodemetaVersion>,
    pub language: Option<String>,
    pub resource: Resource,
    pub diagnostics: Vec<Diagnostic>,
    schema: Option<String>,
    type_names: Vec<(String, usize, String)>,
    additional_types: Vec<(String, usize, String)>,
    container_parts: ContainerParts,
    /// Related items that are containers (`IsPublishedIn` from `isPartOf`/`periodical`).
    containers: Vec<usize>,
    funding_texts: Vec<FundingText>,
    /// `relatedIdentifiers` indices made from `funder` (not from a grant), for pairing texts.
    funder_refs: Vec<usize>,
    depth: usize,
    /// Where the work starts, for diagnostics about the work as a whole.
    item_at: (usize, String),
    /// Agents already read, by the offset of their node.
    agents_read: std::collections::HashMap<usize, agents::Agent>,
    /// The top-level value the work is read from, and its pointer: where values are found by
    /// their offset for a late note.
    root: (&'n Node, String),
    /// `url`s that are a DOI's resolver address: the DOI, the URL, where it stands.
    resolver_urls: Vec<(String, String, usize, String)>,
    /// The lists of one value read as that value where one value is expected ([`Self::one`]),
    /// by offset; each is noted once, when the record is finished.
    unwrapped: std::cell::RefCell<std::collections::BTreeSet<usize>>,
    /// Where each of `resource.contributors` was read (byte offset, pointer), in order.
    contributor_sources: Vec<(usize, String)>,
    /// What the resource's lists hold, to keep a value out that they hold already.
    seen: seen::Lists,
    /// Diagnostics not kept: past [`crate::MAX_DIAGNOSTICS`], only errors are.
    dropped: usize,
}

impl<'s, 'n> ItemReader<'s, 'n> {
    fn new(
        source: &'s Source<'s>,
        index: &'s IdIndex<'n>,
        profile: Profile,
        context: &Context,
        root: (&'n Node, String),
    ) -> Self {
        ItemReader {
            source,
            index,
            profile,
            codemeta: context.codemeta,
            language: context.language.clone(),
            resource: Resource::default(),
            diagnostics: Vec::new(),
            schema: None,
            type_names: Vec::new(),
            additional_types: Vec::new(),
            container_parts: ContainerParts::default(),
            containers: Vec::new(),
            funding_texts: Vec::new(),
            funder_refs: Vec::new(),
            depth: 0,
            item_at: (0, String::new()),
            agents_read: std::collections::HashMap::new(),
            root,
            resolver_urls: Vec::new(),
            unwrapped: std::cell::RefCell::new(std::collections::BTreeSet::new()),
            contributor_sources: Vec::new(),
            seen: seen::Lists::default(),
            dropped: 0,
        }
    }

    /// A value where one value is expected (a name, a given name, an identifier's `value`, a
    /// coordinate …). A list of one value is that value: JSON-LD means the same by both, and
    /// R's `jsonld` (among others) writes every value as a list (`"name": ["R"]`). It is noted
    /// (`value.normalised`) when the record is finished. Longer lists are left as they are, for
    /// the caller to refuse or report.
    pub fn one<'v>(&self, value: &'v Node) -> &'v Node {
        match &value.value {
            Value::Array(items) if items.len() == 1 => match items.first() {
                Some(item) => {
                    self.unwrapped.borrow_mut().insert(value.start);
                    self.one(item)
                }
                None => value,
            },
            _ => value,
        }
    }

    /// Member `name` of `node`, where one value is expected (see [`Self::one`]).
    pub fn get_one<'v>(&self, node: &'v Node, context: &Context, name: &str) -> Option<&'v Node> {
        jsonld::get(node, context, name).map(|value| self.one(value))
    }

    /// Notes the lists of one value read as that value, each where it stands.
    fn note_unwrapped(&mut self) {
        let offsets = std::mem::take(&mut *self.unwrapped.borrow_mut());
        for offset in offsets {
            let (root, root_pointer) = (self.root.0, self.root.1.clone());
            let (message, pointer) = match jsonld::find_at(root, &root_pointer, offset) {
                Some((node, pointer)) => (
                    format!(
                        "a list of one value, {}, is read as that value: one value is expected here",
                        jsonld::show(node)
                    ),
                    pointer,
                ),
                None => {
                    ("a list of one value is read as that value: one value is expected here".to_owned(), String::new())
                }
            };
            self.note(Severity::Info, codes::VALUE_NORMALISED, message, offset, pointer);
        }
    }

    /// Adds a diagnostic at byte `start` with JSON pointer `pointer`.
    pub fn note(&mut self, severity: Severity, code: &'static str, message: String, start: usize, pointer: String) {
        // Capped as they come: a work of a million unknown keys must not gather a million
        // diagnostics first (the record's whole list is capped again when the input is read).
        if self.diagnostics.len() >= crate::MAX_DIAGNOSTICS && severity != Severity::Error {
            self.dropped += 1;
            return;
        }
        self.diagnostics.push(Diagnostic::new(severity, code, message).at(self.source.location(start, pointer)));
    }

    /// Adds a warning.
    pub fn warn(&mut self, code: &'static str, message: String, node: &Node, at: &At<'_>) {
        self.note(Severity::Warning, code, message, node.start, at.pointer());
    }

    /// Adds an info.
    pub fn inform(&mut self, code: &'static str, message: String, node: &Node, at: &At<'_>) {
        self.note(Severity::Info, code, message, node.start, at.pointer());
    }

    /// Reports a key with no home in the model (an empty list or object holds nothing to lose).
    pub fn unmapped(&mut self, key: &str, node: &Node, at: &At<'_>) {
        if matches!(&node.value, Value::Array(items) if items.is_empty())
            || matches!(&node.value, Value::Object(m) if m.is_empty())
        {
            return;
        }
        let message =
            format!("\"{key}\" ({}) has no home in the DataCite model; it is not carried over", jsonld::show(node));
        self.warn(codes::FIELD_UNMAPPED, message, node, at);
    }

    /// True when Codemeta terms are understood here.
    pub fn codemeta_terms(&self) -> bool {
        self.codemeta.is_some() || self.profile == Profile::Codemeta
    }

    /// The property a key names in `context`, if the reader maps it.
    pub fn property(&self, key: &str, context: &Context) -> Option<(&'static P, Vocab)> {
        match context.resolve(key) {
            Term::Plain(name) => props::lookup(name, true, self.codemeta_terms()),
            Term::Name(Ns::SchemaOrg, name) => props::lookup(name, true, false),
            Term::Name(Ns::Codemeta, name) => props::lookup(name, false, true),
            Term::Keyword(_) | Term::Foreign => None,
        }
    }

    /// Reads the members of a work.
    fn item(&mut self, node: &'n Node, at: &At<'_>, context: &Context) {
        self.item_at = (node.start, at.pointer());
        for member in node.members() {
            let value = &member.value;
            let member_at = at.key(&member.key);
            match context.resolve(&member.key) {
                Term::Keyword("id") => self.node_id(value, &member_at),
                Term::Keyword("type") => self.collect_types(value, &member_at, context),
                Term::Keyword("context") => {}
                Term::Keyword("reverse") => self.reverse(value, &member_at, context),
                Term::Keyword(_) => self.unmapped(&member.key, value, &member_at),
                _ => match self.property(&member.key, context) {
                    Some((p, vocab)) => {
                        if vocab == Vocab::Codemeta1 {
                            let message = format!(
                                "\"{}\" is a Codemeta 1.0 term; it is read as described on the Codemeta page",
                                member.key
                            );
                            self.inform(CODEMETA_LEGACY_TERM, message, value, &member_at);
                        }
                        self.property_value(&member.key, p, value, &member_at, context);
                    }
                    None => self.unmapped(&member.key, value, &member_at),
                },
            }
        }
    }

    /// Dispatches one property.
    fn property_value(&mut self, key: &str, p: &P, value: &'n Node, at: &At<'_>, context: &Context) {
        use crosswalk_model::ContributorType as C;
        match p {
            P::Identifier => self.identifiers(value, at, context),
            P::Url => self.url(value, at),
            P::Name => self.titles(value, at, None),
            P::Headline => self.headline(value, at),
            P::AlternateName => self.titles(value, at, Some(TitleType::AlternativeTitle)),
            P::Description => self.descriptions(value, at, context, DescriptionType::Abstract, None),
            P::Abstract => self.descriptions(value, at, context, DescriptionType::Abstract, None),
            P::DisambiguatingDescription => self.descriptions(value, at, context, DescriptionType::Other, None),
            P::MeasurementTechnique => self.descriptions(value, at, context, DescriptionType::Methods, None),
            P::TechnicalInfo(name) => {
                let label = props::TECHNICAL_LABELS.iter().find(|(n, _)| n == name).map(|(_, l)| *l);
                self.descriptions(value, at, context, DescriptionType::TechnicalInfo, label)
            }
            P::AdditionalType => self.additional_type(value, at),
            P::Creator => self.creators(value, at, context),
            P::Agents => self.codemeta_agents(value, at, context),
            P::Contributor => self.contributors(value, at, context, None),
            P::Editor => self.contributors(value, at, context, Some(C::Editor)),
            P::Translator => self.contributors(value, at, context, Some(C::Translator)),
            P::Producer => self.contributors(value, at, context, Some(C::Producer)),
            P::Sponsor => self.contributors(value, at, context, Some(C::Sponsor)),
            P::CopyrightHolder => self.contributors(value, at, context, Some(C::RightsHolder)),
            P::Maintainer => self.contributors(value, at, context, Some(C::ContactPerson)),
            P::Provider => self.providers(value, at, context),
            P::Publisher => self.publisher(value, at, context),
            P::Funder => self.funders(value, at, context),
            P::Funding => self.funding(value, at, context),
            P::DatePublished => self.dates(value, at, DateType::Issued),
            P::DateCreated => self.dates(value, at, DateType::Created),
            P::DateModified => self.dates(value, at, DateType::Updated),
            P::CopyrightYear => self.dates(value, at, DateType::Copyrighted),
            P::TemporalCoverage => self.dates(value, at, DateType::Coverage),
            P::EmbargoEnd => self.dates(value, at, DateType::Available),
            P::Keywords | P::About | P::Category => self.subjects(value, at, context, matches!(p, P::Keywords)),
            P::Language => self.language(value, at, context),
            P::License => self.licenses(value, at, context),
            P::LicenseId => self.license_ids(value, at),
            P::RightsStatement => self.rights_statements(value, at),
            P::Relation(rel) => self.relations(key, rel, false, value, at, context),
            P::IsPartOf => self.is_part_of(value, at, context),
            P::Relationship => self.codemeta_relationships(value, at, context),
            P::DataCatalog => self.data_catalogs(value, at, context),
            P::Periodical => self.periodical(value, at, context),
            P::PageStart => self.container_part(value, at, "pageStart"),
            P::PageEnd => self.container_part(value, at, "pageEnd"),
            P::Pagination => self.container_part(value, at, "pagination"),
            P::VolumeNumber => self.container_part(value, at, "volumeNumber"),
            P::IssueNumber => self.container_part(value, at, "issueNumber"),
            P::Isbn => self.typed_identifiers(value, at, "ISBN"),
            P::Issn => self.typed_identifiers(value, at, "ISSN"),
            P::Spatial => self.spatial(value, at, context),
            P::ContentUrl => self.content_urls(value, at),
            P::ContentSize => self.text_list(value, at, ListTarget::Sizes),
            P::EncodingFormat => self.text_list(value, at, ListTarget::Formats),
            P::Distribution => self.distributions(value, at, context),
            P::Version => self.version(value, at, false),
            P::SoftwareVersion => self.version(value, at, true),
            P::ProgrammingLanguage => self.programming_languages(value, at, context),
            P::SchemaVersion => {
                if let Some((text, _)) = jsonld::literal(value) {
                    self.schema = Some(text.trim().to_owned());
                }
            }
            P::MainEntity => self.unmapped(key, value, at),
        }
    }

    /// `@reverse`: each relation property read with its reverse relation type.
    fn reverse(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        if !value.is_object() {
            self.unmapped("@reverse", value, at);
            return;
        }
        for member in value.members() {
            let member_at = at.key(&member.key);
            match self.property(&member.key, context) {
                Some((P::Relation(rel), _)) => {
                    self.relations(&member.key, rel, true, &member.value, &member_at, context)
                }
                Some((P::IsPartOf, _)) => {
                    let rel = props::Rel {
                        forward: crosswalk_model::RelationType::IsPartOf,
                        reverse: crosswalk_model::RelationType::HasPart,
                        information: None,
                    };
                    self.relations(&member.key, &rel, true, &member.value, &member_at, context);
                }
                _ => {
                    let key = format!("@reverse {}", member.key);
                    self.unmapped(&key, &member.value, &member_at);
                }
            }
        }
    }

    fn collect_types(&mut self, value: &Node, at: &At<'_>, context: &Context) {
        let mut found = Vec::new();
        jsonld::each_value(value, at, &mut |node, node_at| match node.as_str() {
            Some(text) => found.push((jsonld::type_name(text, context).to_owned(), node.start, node_at.pointer())),
            None => found.push((String::new(), node.start, node_at.pointer())),
        });
        for (name, start, pointer) in found {
            if name.is_empty() {
                let message = "a @type must be a string; this one is ignored".to_owned();
                self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer);
            } else {
                self.type_names.push((name, start, pointer));
            }
        }
    }

    fn additional_type(&mut self, value: &Node, at: &At<'_>) {
        let mut found = Vec::new();
        jsonld::each_value(value, at, &mut |node, node_at| {
            if let Some((text, _)) = jsonld::literal(node) {
                found.push((text.to_owned(), node.start, node_at.pointer()));
            }
        });
        for (text, start, pointer) in found {
            if let Some(text) = self.clean(&text, start, &pointer) {
                self.additional_types.push((text, start, pointer));
            }
        }
    }

    /// Decides the types once every key is read.
    fn resolve_types(&mut self) {
        let mut chosen: Option<(&'static str, ResourceTypeGeneral, usize, String)> = None;
        let mut extras = Vec::new();
        let type_names = std::mem::take(&mut self.type_names);
        for (name, start, pointer) in &type_names {
            let found = types::lookup(name).or_else(|| {
                let loose = types::lookup_loosely(name);
                if let Some((canonical, _)) = loose {
                    let message = format!("@type \"{name}\" is read as the Schema.org type \"{canonical}\"");
                    self.note(Severity::Info, codes::VALUE_NORMALISED, message, *start, pointer.clone());
                }
                loose
            });
            match (found, &chosen) {
                (Some((canonical, general)), None) => {
                    chosen = Some((canonical, general.clone(), *start, pointer.clone()))
                }
                (Some((canonical, general)), Some((_, chosen_general, _, _))) if general != chosen_general => {
                    extras.push(canonical.to_string())
                }
                (Some(_), Some(_)) => {}
                (None, _) => extras.push(name.clone()),
            }
        }
        let additional = self.additional_types.first().cloned();
        for (text, start, pointer) in self.additional_types.iter().skip(1).cloned().collect::<Vec<_>>() {
            let message = format!("additionalType \"{text}\" is one more than the model holds (resourceType takes the first); it is not carried over");
            self.note(Severity::Warning, codes::FIELD_REPEATED, message, start, pointer);
        }

        let Some((canonical, mut general, start, pointer)) = chosen else {
            match type_names.first() {
                Some((name, start, pointer)) => {
                    let message = if types::is_detail_type(name) {
                        format!("@type \"{name}\" describes an agent, place or value, not a work; the record is typed Other")
                    } else {
                        format!("@type \"{name}\" is not a Schema.org type Crosswalk knows; the record is typed Other and \"{name}\" kept as resourceType")
                    };
                    self.note(Severity::Warning, SCHEMAORG_TYPE_UNKNOWN, message, *start, pointer.clone());
                    self.resource.types.resource_type_general = Some(ResourceTypeGeneral::Other);
                    self.resource.types.resource_type =
                        Some(additional.map(|(text, _, _)| text).unwrap_or_else(|| name.clone()));
                }
                None if self.profile == Profile::Codemeta => {
                    let message = "the document has no @type; a Codemeta document describes software, so the record is typed Software".to_owned();
                    let (start, pointer) = self.item_at.clone();
                    self.note(Severity::Info, CODEMETA_TYPE_ASSUMED, message, start, pointer);
                    self.resource.types.resource_type_general = Some(ResourceTypeGeneral::Software);
                    self.resource.types.resource_type = additional.map(|(text, _, _)| text);
                }
                None => {
                    let message =
                        "the work has no @type, so its resourceTypeGeneral is unknown; add a @type such as Dataset"
                            .to_owned();
                    let (start, pointer) = self.item_at.clone();
                    self.note(Severity::Warning, SCHEMAORG_TYPE_MISSING, message, start, pointer);
                    self.resource.types.resource_type = additional.map(|(text, _, _)| text);
                }
            }
            return;
        };
        if !extras.is_empty() {
            let message = format!(
                "@type also lists {}; the record's type is taken from {canonical}",
                extras.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")
            );
            self.note(Severity::Info, SCHEMAORG_TYPE_EXTRA, message, start, pointer.clone());
        }
        // A scholarly article in a journal is a journal article.
        if canonical == "ScholarlyArticle"
            && self.containers.iter().any(|&i| {
                self.resource.related_items.get(i).and_then(|item| item.related_item_type.as_ref())
                    == Some(&ResourceTypeGeneral::Journal)
            })
        {
            general = ResourceTypeGeneral::JournalArticle;
        }
        let resource_type = match additional {
            Some((text, _, _)) => {
                let (named, m) = <ResourceTypeGeneral as crosswalk_model::Vocabulary>::lookup(&text);
                if m == crosswalk_model::Match::Exact && types::general_gives(&named, canonical) {
                    general = named;
                    None
                } else {
                    if !types::general_gives(&general, canonical) {
                        let message = format!(
                            "@type \"{canonical}\" is read as {general}; resourceType holds the additionalType \"{text}\", so \"{canonical}\" itself is not kept"
                        );
                        self.note(Severity::Info, SCHEMAORG_TYPE_GENERALISED, message, start, pointer.clone());
                    }
                    Some(text)
                }
            }
            None => (!types::general_gives(&general, canonical)).then(|| canonical.to_owned()),
        };
        self.resource.types.resource_type_general = Some(general);
        self.resource.types.resource_type = resource_type;
    }

    /// Finishes the record: types, year, container parts, funding texts.
    fn finish(mut self) -> Record {
        self.note_unwrapped();
        self.resolver_urls();
        self.attach_container_parts();
        self.pair_funding_texts();
        self.resolve_types();
        if self.resource.publication_year.is_none() {
            let issued = self.resource.dates.iter().find(|d| d.date_type == Some(DateType::Issued));
            if let Some(year) = issued.and_then(|d| values::year_of(&d.date)) {
                self.resource.publication_year = Some(year.to_owned());
            }
        }
        self.drop_duplicate_url_identifier();
        // A work with editors and no author or creator: its editors are its creators, as in
        // every reader.
        if let Some(promoted) = crosswalk_rules::editors::editors_as_creators(&mut self.resource) {
            let (start, pointer) = self.contributor_sources.get(promoted.first).cloned().unwrap_or_default();
            let location = self.source.location(start, pointer);
            self.diagnostics.push(promoted.diagnostic().at(location));
        }
        // Diagnostics come in source order, whatever order the keys were checked in.
        self.diagnostics.sort_by_key(|d| (d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)));
        if self.dropped > 0 {
            let message = format!(
                "{} more diagnostics are not listed: a record keeps at most {}",
                self.dropped,
                crate::MAX_DIAGNOSTICS
            );
            let (start, pointer) = self.item_at.clone();
            let location = self.source.location(start, pointer);
            self.diagnostics.push(Diagnostic::warning(crate::JSONLD_DIAGNOSTICS_TRUNCATED, message).at(location));
        }
        let mut record = Record::new(self.resource);
        record.diagnostics = self.diagnostics;
        record.origin = Origin { schema: self.schema, ..Origin::default() };
        record.tidy();
        record
    }

    fn attach_container_parts(&mut self) {
        let parts = std::mem::take(&mut self.container_parts);
        let Some((start, pointer, key)) = parts.at.clone() else { return };
        let container = self.containers.first().copied().and_then(|i| self.resource.related_items.get_mut(i));
        match container {
            Some(item) => {
                fill(&mut item.first_page, parts.first_page);
                fill(&mut item.last_page, parts.last_page);
                fill(&mut item.volume, parts.volume);
                fill(&mut item.issue, parts.issue);
            }
            None => {
                let message = format!(
                    "\"{key}\" (and any pages, volume or issue given with it) belongs to a container (isPartOf a Periodical, PublicationIssue or Book), and the work names none; it is not carried over"
                );
                self.note(Severity::Warning, codes::FIELD_UNMAPPED, message, start, pointer);
            }
        }
    }

    /// The `url`s that are a DOI's resolver address: the DOI when the work has none from
    /// `identifier` or `@id`; else the same DOI again, or another DOI (an alternate identifier).
    /// Never the landing page.
    fn resolver_urls(&mut self) {
        for (doi, url, start, pointer) in std::mem::take(&mut self.resolver_urls) {
            let (severity, code, message) = match &self.resource.doi {
                None => {
                    let message = format!(
                        "url \"{}\" is a DOI's resolver address, not a landing page: it is read as the DOI \"{doi}\"",
                        shorten(&url)
                    );
                    self.resource.doi = Some(doi);
                    (Severity::Info, codes::VALUE_NORMALISED, message)
                }
                Some(existing) if existing.eq_ignore_ascii_case(&doi) => (
                    Severity::Info,
                    codes::VALUE_NORMALISED,
                    format!(
                        "url \"{}\" is the resolver address of the work's DOI, not a landing page; it is not used as url",
                        shorten(&url)
                    ),
                ),
                Some(existing) => {
                    let message = format!(
                        "url \"{}\" resolves another DOI than the work's \"{existing}\"; it is kept as an alternate identifier, not as the landing page",
                        shorten(&url)
                    );
                    let alternate = crosswalk_model::AlternateIdentifier {
                        alternate_identifier: doi,
                        alternate_identifier_type: Some("DOI".to_owned()),
                    };
                    if !self.resource.alternate_identifiers.contains(&alternate) {
                        self.resource.alternate_identifiers.push(alternate);
                    }
                    (Severity::Warning, codes::FIELD_REPEATED, message)
                }
            };
            self.note(severity, code, message, start, pointer);
        }
    }

    fn drop_duplicate_url_identifier(&mut self) {
        if let Some(url) = self.resource.url.clone() {
            self.resource
                .alternate_identifiers
                .retain(|a| !(a.alternate_identifier == url && a.alternate_identifier_type.as_deref() == Some("URL")));
        }
        let mut seen = std::collections::HashSet::new();
        self.resource
            .alternate_identifiers
            .retain(|a| seen.insert((a.alternate_identifier.clone(), a.alternate_identifier_type.clone())));
    }

    /// Adds a related item and returns its index.
    pub fn push_related_item(&mut self, item: RelatedItem) -> usize {
        self.resource.related_items.push(item);
        self.resource.related_items.len() - 1
    }

    /// Text cleaned for the model: trimmed (reported), `None` when blank (reported).
    pub fn clean(&mut self, text: &str, start: usize, pointer: &str) -> Option<String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            let message = "an empty value was skipped".to_owned();
            self.note(Severity::Info, codes::VALUE_EMPTY, message, start, pointer.to_owned());
            return None;
        }
        if trimmed.len() != text.len() {
            let message = format!("white space around \"{}\" was removed", shorten(trimmed));
            self.note(Severity::Info, codes::VALUE_TRIMMED, message, start, pointer.to_owned());
        }
        Some(trimmed.to_owned())
    }

    /// The literal texts of a property's values, cleaned, with language and position; values that
    /// are not literals are reported as invalid for `what`.
    pub fn texts(&mut self, value: &Node, at: &At<'_>, what: &str) -> Vec<(String, Option<String>, usize, String)> {
        let mut raw = Vec::new();
        let mut invalid = Vec::new();
        jsonld::each_value(value, at, &mut |node, node_at| match jsonld::literal(node) {
            Some((text, language)) => {
                raw.push((text.to_owned(), language.map(str::to_owned), node.start, node_at.pointer()))
            }
            None => invalid.push((node.start, node_at.pointer(), jsonld::show(node))),
        });
        for (start, pointer, shown) in invalid {
            let message = format!("{what} must be text here, not {shown}; it is not carried over");
            self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer);
        }
        raw.into_iter()
            .filter_map(|(text, language, start, pointer)| {
                let cleaned = self.clean(&text, start, &pointer)?;
                Some((cleaned, language, start, pointer))
            })
            .collect()
    }

    fn titles(&mut self, value: &Node, at: &At<'_>, title_type: Option<TitleType>) {
        for (text, language, _, _) in self.texts(value, at, "a name") {
            let language = language.or_else(|| self.language.clone());
            let title_type = match &title_type {
                Some(t) => Some(t.clone()),
                None => match self.resource.titles.iter().find(|t| t.title_type.is_none()) {
                    None => None,
                    Some(main) if main.lang.is_some() && language.is_some() && main.lang != language => {
                        Some(TitleType::TranslatedTitle)
                    }
                    Some(_) => Some(TitleType::AlternativeTitle),
                },
            };
            if self.resource.titles.iter().any(|t| t.title == text) {
                continue;
            }
            self.resource.titles.push(Title { title: text, title_type, lang: language });
        }
    }

    fn headline(&mut self, value: &Node, at: &At<'_>) {
        for (text, language, _, _) in self.texts(value, at, "a headline") {
            if self.resource.titles.iter().any(|t| t.title == text) {
                continue;
            }
            let title_type =
                self.resource.titles.iter().any(|t| t.title_type.is_none()).then_some(TitleType::AlternativeTitle);
            let lang = language.or_else(|| self.language.clone());
            self.resource.titles.push(Title { title: text, title_type, lang });
        }
    }

    fn descriptions(
        &mut self,
        value: &Node,
        at: &At<'_>,
        context: &Context,
        kind: DescriptionType,
        label: Option<&str>,
    ) {
        let mut defined_terms = Vec::new();
        let mut raw = Vec::new();
        jsonld::each_value(value, at, &mut |node, node_at| {
            if jsonld::literal(node).is_some() {
                raw.push(node);
            } else if node.is_object() {
                defined_terms.push((node, node_at.pointer()));
            } else {
                raw.push(node);
            }
        });
        let mut texts = Vec::new();
        for node in raw {
            texts.extend(self.texts(node, at, "a description"));
        }
        // A `DefinedTerm` (measurementTechnique, operatingSystem given as a term): its name.
        for (node, pointer) in defined_terms {
            match self.get_one(node, context, "name").and_then(jsonld::literal) {
                Some((name, language)) => {
                    if let Some(text) = self.clean(name, node.start, &pointer) {
                        texts.push((text, language.map(str::to_owned), node.start, pointer));
                    }
                }
                None => {
                    let message = format!(
                        "a description must be text or a term with a name, not {}; it is not carried over",
                        jsonld::show(node)
                    );
                    self.note(Severity::Warning, codes::VALUE_INVALID, message, node.start, pointer);
                }
            }
        }
        for (text, language, _, _) in texts {
            let description = match label {
                Some(label) => format!("{label}: {text}"),
                None => text,
            };
            if self
                .resource
                .descriptions
                .iter()
                .any(|d| d.description == description && d.description_type == Some(kind.clone()))
            {
                continue;
            }
            let lang = language.or_else(|| self.language.clone());
            self.resource.descriptions.push(Description { description, description_type: Some(kind.clone()), lang });
        }
    }

    fn dates(&mut self, value: &Node, at: &At<'_>, date_type: DateType) {
        for (text, _, start, pointer) in self.texts(value, at, "a date") {
            let date = self.date_value(&text, start, &pointer);
            if date_type == DateType::Issued && self.resource.publication_year.is_none() {
                if let Some(year) = values::year_of(&date) {
                    self.resource.publication_year = Some(year.to_owned());
                }
            }
            let date = Date { date, date_type: Some(date_type.clone()), date_information: None };
            if !self.seen.has_date(&self.resource.dates, &date) {
                self.resource.dates.push(date);
            }
        }
    }

    fn version(&mut self, value: &Node, at: &At<'_>, software: bool) {
        for (text, _, start, pointer) in self.texts(value, at, "a version") {
            match &self.resource.version {
                None => self.resource.version = Some(text),
                Some(existing) if *existing == text => {}
                Some(existing) => {
                    let message = format!(
                        "{} \"{text}\" differs from the version \"{existing}\" already read; the model holds one version",
                        if software { "softwareVersion" } else { "version" }
                    );
                    self.note(Severity::Warning, codes::FIELD_REPEATED, message, start, pointer);
                }
            }
        }
    }

    fn url(&mut self, value: &Node, at: &At<'_>) {
        for (text, _, start, pointer) in self.texts(value, at, "a URL") {
            // A DOI's resolver address (`https://doi.org/10.7910/DVN/…`, as Dataverse writes) is
            // the DOI, not a landing page: the DOI resolves to the landing page. Decided when
            // the work is read whole, since `identifier` and `@id` may follow.
            let lower = text.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                if let Some(doi) = crosswalk_model::doi::normalise(&text) {
                    self.resolver_urls.push((doi, text, start, pointer));
                    continue;
                }
            }
            match &self.resource.url {
                None => self.resource.url = Some(text),
                Some(existing) if *existing == text => {}
                Some(_) => {
                    let message = format!(
                        "url \"{text}\" is a second landing page; the model holds one, so it is not carried over"
                    );
                    self.note(Severity::Warning, codes::FIELD_REPEATED, message, start, pointer);
                }
            }
        }
    }

    fn text_list(&mut self, value: &Node, at: &At<'_>, target: ListTarget) {
        let what = match target {
            ListTarget::Sizes => "a size",
            ListTarget::Formats => "a format",
        };
        for (text, _, _, _) in self.texts(value, at, what) {
            let list = match target {
                ListTarget::Sizes => &mut self.resource.sizes,
                ListTarget::Formats => &mut self.resource.formats,
            };
            if !list.contains(&text) {
                list.push(text);
            }
        }
    }

    fn content_urls(&mut self, value: &Node, at: &At<'_>) {
        for (text, _, _, _) in self.texts(value, at, "a URL") {
            if !self.seen.has_content_url(&self.resource.content_url, &text) {
                self.resource.content_url.push(text);
            }
        }
    }

    fn container_part(&mut self, value: &Node, at: &At<'_>, key: &'static str) {
        for (text, _, start, pointer) in self.texts(value, at, key) {
            let parts = &mut self.container_parts;
            if parts.at.is_none() {
                parts.at = Some((start, pointer.clone(), key));
            }
            match key {
                "pageStart" => fill(&mut parts.first_page, Some(text)),
                "pageEnd" => fill(&mut parts.last_page, Some(text)),
                "volumeNumber" => fill(&mut parts.volume, Some(text)),
                "issueNumber" => fill(&mut parts.issue, Some(text)),
                _ => {
                    let (first, last) = values::split_pages(&text);
                    fill(&mut parts.first_page, first);
                    fill(&mut parts.last_page, last);
                }
            }
        }
    }

    /// Reports the members of a detail object that the caller did not read. `handled` are local
    /// names (keywords `@id`, `@type`, `@context` are always handled).
    pub fn leftovers(&mut self, node: &Node, at: &At<'_>, context: &Context, handled: &[&str]) {
        for member in node.members() {
            let name = match context.resolve(&member.key) {
                Term::Keyword("id" | "type" | "context") => continue,
                Term::Keyword(_) => member.key.as_str(),
                Term::Name(_, name) | Term::Plain(name) => name,
                Term::Foreign => member.key.as_str(),
            };
            if handled.contains(&name) || member.value.value == Value::Null {
                continue;
            }
            let member_at = at.key(&member.key);
            self.unmapped(&member.key, &member.value, &member_at);
        }
    }

    /// The members of a detail object that were not read, by name, for a summary message.
    pub fn leftover_names(&self, node: &Node, context: &Context, handled: &[&str]) -> Vec<String> {
        node.members()
            .iter()
            .filter(|m| m.value.value != Value::Null)
            .filter_map(|m| match context.resolve(&m.key) {
                Term::Keyword("id" | "type" | "context") => None,
                Term::Name(_, name) | Term::Plain(name) if handled.contains(&name) => None,
                _ => Some(m.key.clone()),
            })
            .collect()
    }

    /// The values of a property (see [`jsonld::values`]), references resolved to the nodes the
    /// document describes, each with its pointer.
    pub fn items<'v>(&self, value: &'v Node, at: &At<'_>, context: &Context) -> Vec<(&'v Node, String)>
    where
        'n: 'v,
    {
        let mut out = jsonld::values(value, at);
        for (node, _) in out.iter_mut() {
            if let Some(target) = self.index.resolve(node, context) {
                *node = target;
            }
        }
        out
    }

    /// A node reference resolved to the node the document describes, one level at a time.
    pub fn resolved(&self, node: &'n Node, context: &Context) -> &'n Node {
        self.index.resolve(node, context).unwrap_or(node)
    }
}

enum ListTarget {
    Sizes,
    Formats,
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// A value cut for a message.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}…")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_match_a_plain_count() {
        let mut text = String::from("ab\nçd\n");
        for i in 0..20_000 {
            text.push_str(if i % 7 == 0 { "é" } else { "x" });
        }
        text.push_str("\nlast");
        let positions = Positions::new(&text);
        let index = crosswalk_text::LineIndex::new(&text);
        for offset in (0..text.len()).step_by(37).chain([0, 3, 5, text.len()]) {
            if text.is_char_boundary(offset) {
                assert_eq!(positions.position(&text, offset), index.position(&text, offset), "offset {offset}");
            }
        }
    }
    #[test]
    fn a_list_cut_short_keeps_its_complete_works() {
        let text = "[\n  {\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"name\": \"A\", \"name\": \"A\"},\n  {\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"na";
        for profile in [Profile::SchemaOrg, Profile::Codemeta] {
            let records = read(text.as_bytes(), profile);
            assert_eq!(records.len(), 2, "{records:?}");
            assert_eq!(records[0].resource.titles[0].title, "A");
            assert_eq!(records[0].origin.index, 0);
            assert_eq!(records[0].origin.line, Some(2));
            // The repeated key is the first work's, at its pointer in the whole list.
            let duplicate = records[0].diagnostics.iter().find(|d| d.code == JSONLD_DUPLICATE_KEY).unwrap();
            assert_eq!(duplicate.location.path.as_deref(), Some("/0/name"));
            let failed = &records[1];
            assert!(failed.has_errors());
            assert_eq!(failed.origin.index, 1);
            assert_eq!(failed.origin.line, Some(3));
            let syntax = &failed.diagnostics[0];
            assert_eq!(
                (syntax.code.as_ref(), syntax.location.line, syntax.location.column),
                (JSONLD_SYNTAX, Some(3), Some(61))
            );
        }
    }

    #[test]
    fn a_list_broken_in_its_first_item_or_between_items() {
        // Nothing complete: one failed record, as before.
        let records = read(b"[{\"@type\": \"Dataset\", \"name\" \"A\"}]", Profile::SchemaOrg);
        assert_eq!(records.len(), 1);
        assert!(records[0].has_errors());
        // A missing comma: the items before it are read.
        let records = read(
            b"[{\"@type\": \"Dataset\", \"name\": \"A\"}, {\"@type\": \"Dataset\", \"name\": \"B\"} {\"name\": \"C\"}]",
            Profile::SchemaOrg,
        );
        let titles: Vec<&str> =
            records.iter().filter_map(|r| r.resource.titles.first()).map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["A", "B"]);
        assert_eq!(records.len(), 3);
        assert!(records[2].has_errors());
        assert_eq!(records.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2]);
    }
}
