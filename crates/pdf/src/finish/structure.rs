//! The structure tree, put right where Chromium's tagging falls short:
//! element ids that do not depend on the run, figures that only group
//! other elements, header cells without a scope, and link annotations
//! without the description PDF/UA asks for.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::text::Texts;

/// Gives every structure element's `/ID` a name from its place in the
/// file (Chromium names them after DOM node numbers, which differ from
/// run to run), rewrites the `/Headers` that point at them and rebuilds
/// the ID tree.
pub(crate) fn renumber_ids(doc: &mut Document) {
    let mut names: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    let mut owners: Vec<(Vec<u8>, ObjectId)> = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Dictionary(d) = object else { continue };
        if let Ok(Object::String(old, _)) = d.get(b"ID") {
            let new = format!("e{:06}", names.len() + 1).into_bytes();
            names.entry(old.clone()).or_insert_with(|| new.clone());
            owners.push((names[old].clone(), *id));
        }
    }
    if names.is_empty() {
        return;
    }
    for object in doc.objects.values_mut() {
        let Object::Dictionary(d) = object else { continue };
        if let Ok(Object::String(old, _)) = d.get_mut(b"ID")
            && let Some(new) = names.get(old.as_slice())
        {
            *old = new.clone();
        }
        if let Ok(attributes) = d.get_mut(b"A") {
            rename_headers(attributes, &names);
        }
    }
    owners.sort();
    let mut tree = Vec::with_capacity(owners.len() * 2);
    for (name, id) in owners {
        tree.push(Object::String(name, StringFormat::Literal));
        tree.push(Object::Reference(id));
    }
    let root_id = struct_tree_root(doc);
    if let Some(root) = root_id.and_then(|r| doc.get_dictionary_mut(r).ok()) {
        let mut id_tree = Dictionary::new();
        id_tree.set("Names", Object::Array(tree));
        root.set("IDTree", Object::Dictionary(id_tree));
    }
}

fn rename_headers(attributes: &mut Object, names: &BTreeMap<Vec<u8>, Vec<u8>>) {
    let dictionaries: Vec<&mut Dictionary> = match attributes {
        Object::Array(items) => items
            .iter_mut()
            .filter_map(|i| match i {
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .collect(),
        Object::Dictionary(d) => vec![d],
        _ => Vec::new(),
    };
    for d in dictionaries {
        if let Ok(Object::Array(headers)) = d.get_mut(b"Headers") {
            for h in headers {
                if let Object::String(s, _) = h
                    && let Some(new) = names.get(s.as_slice())
                {
                    *s = new.clone();
                }
            }
        }
    }
}

/// The catalog's `/StructTreeRoot`, if it is an indirect object.
fn struct_tree_root(doc: &Document) -> Option<ObjectId> {
    doc.catalog().ok()?.get(b"StructTreeRoot").ok()?.as_reference().ok()
}

/// Structure elements, by object id.
fn elements(doc: &Document) -> Vec<ObjectId> {
    doc.objects
        .iter()
        .filter(|(_, o)| {
            matches!(o, Object::Dictionary(d) if d.has(b"S") && (d.has_type(b"StructElem") || d.has(b"P")))
        })
        .map(|(id, _)| *id)
        .collect()
}

fn structure_type(doc: &Document, id: ObjectId) -> Option<Vec<u8>> {
    let d = doc.get_dictionary(id).ok()?;
    d.get(b"S").ok()?.as_name().ok().map(<[u8]>::to_vec)
}

/// Child elements of an element (not content or annotations).
fn child_elements(doc: &Document, id: ObjectId) -> Vec<ObjectId> {
    let Ok(d) = doc.get_dictionary(id) else { return Vec::new() };
    let kids = match d.get(b"K") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    kids.into_iter()
        .filter_map(|k| k.as_reference().ok())
        .filter(|r| structure_type(doc, *r).is_some())
        .collect()
}

/// A `Figure` without alternative text that holds other elements (an
/// HTML `<figure>` round a chart, its caption and its table) is a
/// grouping, not an image: it becomes a `Div`, so that only real images
/// are figures and each has its alternative text.
pub(crate) fn regroup_figures(doc: &mut Document) -> usize {
    let groups: Vec<ObjectId> = elements(doc)
        .into_iter()
        .filter(|id| structure_type(doc, *id).as_deref() == Some(b"Figure"))
        .filter(|id| doc.get_dictionary(*id).is_ok_and(|d| !d.has(b"Alt")))
        .filter(|id| !child_elements(doc, *id).is_empty())
        .collect();
    for id in &groups {
        if let Ok(d) = doc.get_dictionary_mut(*id) {
            d.set("S", Object::Name(b"Div".to_vec()));
        }
    }
    groups.len()
}

/// A list item holds a label and a body (`Lbl`, `LBody`); Chromium puts
/// the item's content beside its label, so it is moved into an `LBody`.
/// Items whose content is not all elements are left as they are, since
/// moving marked content would also mean rewriting the parent tree.
pub(crate) fn list_bodies(doc: &mut Document) {
    let items: Vec<ObjectId> = elements(doc)
        .into_iter()
        .filter(|id| structure_type(doc, *id).as_deref() == Some(b"LI"))
        .collect();
    for item in items {
        let kids = match doc.get_dictionary(item).and_then(|d| d.get(b"K")) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => continue,
        };
        let kind = |k: &Object| k.as_reference().ok().and_then(|r| structure_type(doc, r));
        let (labels, body): (Vec<Object>, Vec<Object>) =
            kids.into_iter().partition(|k| kind(k).as_deref() == Some(b"Lbl"));
        let movable = body.iter().all(|k| kind(k).is_some_and(|t| t != b"LBody"));
        if body.is_empty() || !movable {
            continue;
        }
        let moved: Vec<ObjectId> = body.iter().filter_map(|k| k.as_reference().ok()).collect();
        let lbody = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(b"LBody".to_vec())),
            ("P", Object::Reference(item)),
            ("K", Object::Array(body)),
        ]));
        for id in moved {
            if let Ok(d) = doc.get_dictionary_mut(id) {
                d.set("P", Object::Reference(lbody));
            }
        }
        if let Ok(d) = doc.get_dictionary_mut(item) {
            let mut kids = labels;
            kids.push(Object::Reference(lbody));
            d.set("K", Object::Array(kids));
        }
    }
}

/// A `TH` without a `/Scope` gets one: `Column` in a table head or any
/// row but the first cell, `Row` for the first cell of a body row.
pub(crate) fn scope_headers(doc: &mut Document) {
    let mut scopes: Vec<(ObjectId, &'static [u8])> = Vec::new();
    for id in elements(doc) {
        if structure_type(doc, id).as_deref() != Some(b"TR") {
            continue;
        }
        let row_parent = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"P").ok()?.as_reference().ok())
            .and_then(|p| structure_type(doc, p));
        for (i, cell) in child_elements(doc, id).into_iter().enumerate() {
            if structure_type(doc, cell).as_deref() != Some(b"TH") || has_scope(doc, cell) {
                continue;
            }
            let in_head = row_parent.as_deref() == Some(b"THead");
            scopes.push((cell, if i == 0 && !in_head { b"Row" } else { b"Column" }));
        }
    }
    for (cell, scope) in scopes {
        let Ok(d) = doc.get_dictionary_mut(cell) else { continue };
        let mut attribute = Dictionary::new();
        attribute.set("O", Object::Name(b"Table".to_vec()));
        attribute.set("Scope", Object::Name(scope.to_vec()));
        match d.get_mut(b"A") {
            Ok(Object::Array(items)) => items.push(Object::Dictionary(attribute)),
            Ok(other) => {
                let previous = std::mem::replace(other, Object::Null);
                *other = Object::Array(vec![previous, Object::Dictionary(attribute)]);
            }
            Err(_) => d.set("A", Object::Dictionary(attribute)),
        }
    }
}

fn has_scope(doc: &Document, cell: ObjectId) -> bool {
    let Ok(d) = doc.get_dictionary(cell) else { return false };
    let attributes = match d.get(b"A") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => return false,
    };
    attributes.iter().any(|a| {
        let a = match a {
            Object::Reference(r) => doc.get_object(*r).ok(),
            other => Some(other),
        };
        matches!(a, Some(Object::Dictionary(d)) if d.has(b"Scope"))
    })
}

/// Every link annotation belongs to a `Link` element (Chromium puts some,
/// such as footnote references, in a `NonStruct` or `Span`, which then
/// becomes the `Link`), and gets a `/Contents`: the text of its element,
/// or where it leads when the link has no text.
pub(crate) fn describe_links(doc: &mut Document, texts: &Texts) {
    let mut descriptions: Vec<(ObjectId, String)> = Vec::new();
    let mut relabel = Vec::new();
    for id in elements(doc) {
        let kind = structure_type(doc, id);
        let Ok(element) = doc.get_dictionary(id) else { continue };
        let links: Vec<ObjectId> = annotations_of(doc, element)
            .into_iter()
            .filter(|a| {
                doc.get_dictionary(*a).is_ok_and(|d| {
                    d.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Link")
                })
            })
            .collect();
        match kind.as_deref() {
            Some(b"Link") => {}
            Some(b"NonStruct" | b"Span") if !links.is_empty() => relabel.push(id),
            _ => continue,
        }
        let text = texts.of_element(doc, element);
        for annotation in links {
            let description =
                if text.is_empty() { destination_of(doc, annotation) } else { text.clone() };
            descriptions.push((annotation, description));
        }
    }
    for id in relabel {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("S", Object::Name(b"Link".to_vec()));
        }
    }
    for (annotation, description) in descriptions {
        if let Ok(d) = doc.get_dictionary_mut(annotation)
            && !d.has(b"Contents")
        {
            d.set("Contents", text_string(&description));
        }
    }
}

/// The annotations an element's `OBJR` kids point at.
fn annotations_of(doc: &Document, element: &Dictionary) -> Vec<ObjectId> {
    let kids = match element.get(b"K") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    kids.iter()
        .filter_map(|k| match k {
            Object::Dictionary(d) => Some(d.clone()),
            Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
            _ => None,
        })
        .filter(|d| d.has_type(b"OBJR"))
        .filter_map(|d| d.get(b"Obj").ok()?.as_reference().ok())
        .collect()
}

fn destination_of(doc: &Document, annotation: ObjectId) -> String {
    let uri =
        doc.get_dictionary(annotation).ok().and_then(|a| a.get(b"A").ok()).and_then(|a| match a {
            Object::Dictionary(d) => d.get(b"URI").ok().cloned(),
            Object::Reference(r) => doc.get_dictionary(*r).ok()?.get(b"URI").ok().cloned(),
            _ => None,
        });
    match uri {
        Some(Object::String(s, _)) => format!("Link to {}", String::from_utf8_lossy(&s)),
        _ => "Link to another part of this document".into(),
    }
}

/// Link targets that start with `origin` lose it, becoming paths.
pub(crate) fn relative_links(doc: &mut Document, origin: &str) {
    for object in doc.objects.values_mut() {
        let Object::Dictionary(d) = object else { continue };
        let action = match d.get_mut(b"A") {
            Ok(Object::Dictionary(a)) => a,
            _ => continue,
        };
        if let Ok(Object::String(uri, _)) = action.get_mut(b"URI")
            && let Some(rest) = uri.strip_prefix(origin.as_bytes())
        {
            *uri = rest.to_vec();
        }
    }
}

/// A PDF text string: plain bytes for ASCII, else UTF-16BE with a byte
/// order mark.
pub(crate) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}
