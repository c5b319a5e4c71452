//! Related items (schema 4.4+): a related resource described in place, with its identifier,
//! creators, titles, numbering, publisher and contributors.

use crosswalk_model::{NumberType, RelatedItem, RelatedItemIdentifier, RelationType};
use roxmltree::Node;

use super::context::Reader;
use super::{general_type, names, properties};

/// Reads the `<relatedItem>`s of a `<relatedItems>`.
pub(super) fn related_items(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<RelatedItem>) {
    r.each(wrapper, "relatedItem", |r, el| out.extend(related_item(r, el)));
}

fn related_item(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<RelatedItem> {
    let mut item = RelatedItem::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("relatedItemType") => item.related_item_type = general_type(r, node, &attribute),
            Some("relationType") => item.relation_type = r.attribute_vocab::<RelationType>(node, &attribute),
            Some("relationTypeInformation") => item.relation_type_information = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    for child in node.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            "relatedItemIdentifier" => {
                let identifier = item_identifier(r, el);
                r.keep_first(el, &mut item.related_item_identifier, identifier);
            }
            "creators" => names::item_creators(r, el, &mut item.creators),
            "titles" => properties::titles(r, el, &mut item.titles),
            "publicationYear" => {
                let year = properties::publication_year(r, el);
                r.keep_first(el, &mut item.publication_year, year);
            }
            "volume" => properties::single_text(r, el, &mut item.volume),
            "issue" => properties::single_text(r, el, &mut item.issue),
            "number" => number(r, el, &mut item),
            "firstPage" => properties::single_text(r, el, &mut item.first_page),
            "lastPage" => properties::single_text(r, el, &mut item.last_page),
            "publisher" => properties::single_text(r, el, &mut item.publisher),
            "edition" => properties::single_text(r, el, &mut item.edition),
            "contributors" => names::item_contributors(r, el, &mut item.contributors),
            _ => r.unknown_element(el),
        }
    }
    if item == RelatedItem::default() {
        r.empty(node);
        return None;
    }
    Some(item)
}

fn item_identifier(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<RelatedItemIdentifier> {
    let mut identifier = RelatedItemIdentifier::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("relatedItemIdentifierType") => {
                identifier.related_item_identifier_type = r.attribute_vocab(node, &attribute);
            }
            Some("relatedMetadataScheme") => identifier.related_metadata_scheme = r.attribute_text(node, &attribute),
            Some("schemeURI") => identifier.scheme_uri = r.attribute_text(node, &attribute),
            Some("schemeType") => identifier.scheme_type = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(value) = r.text(node) else {
        r.empty(node);
        return None;
    };
    identifier.related_item_identifier = value;
    Some(identifier)
}

/// The item's `<number>` and its `numberType`, kept together.
fn number(r: &mut Reader<'_>, node: Node<'_, '_>, item: &mut RelatedItem) {
    let mut kind = None;
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("numberType") => kind = r.attribute_vocab::<NumberType>(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(number) = r.text(node) else {
        r.empty(node);
        return;
    };
    if item.number.is_some() {
        r.repeated(node);
        return;
    }
    item.number = Some(number);
    item.number_type = kind;
}
