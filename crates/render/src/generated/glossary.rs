//! The glossary page, A to Z, and a document's generated glossary appendix.

use std::collections::{BTreeMap, BTreeSet};

use charter_core::model::{DocId, PageId};
use charter_resolve::Site;
use serde_json::{Value, json};

use crate::facts::Facts;
use crate::markdown::render_plain;

/// The terms used anywhere in one version of a document, A to Z.
pub fn document_terms(site: &Site, facts: &Facts, doc: DocId) -> Vec<usize> {
    let pages: BTreeSet<PageId> = site.document_pages(doc).into_iter().map(|(p, _)| p).collect();
    let mut terms: Vec<usize> = facts
        .term_uses
        .iter()
        .filter(|(_, used)| used.iter().any(|p| pages.contains(p)))
        .map(|(t, _)| *t)
        .collect();
    terms.sort_by_key(|t| site.glossary.entries[*t].term.to_lowercase());
    terms
}

pub(super) fn terms_appendix_value(site: &Site, facts: &Facts, doc: DocId, base: &str) -> Value {
    let index = site.page(site.structure().doc(doc).index);
    let terms: Vec<Value> = document_terms(site, facts, doc)
        .into_iter()
        .map(|t| {
            let e = &site.glossary.entries[t];
            let sense = e.sense(index.frontmatter.glossary.senses.get(&e.term).map(String::as_str));
            json!({
                "term": e.term,
                "expansion": sense.expansion,
                "definition": sense.definition.as_deref().map(render_plain),
                "href": format!("{}#{}", site.href("glossary/"), sense.anchor),
            })
        })
        .collect();
    json!({ "document": { "title": index.title(), "href": site.href(base) }, "terms": terms })
}

/// Where a term is used: each page, named with its document and version.
fn used_in(site: &Site, pages: &BTreeSet<PageId>) -> Vec<Value> {
    let s = site.structure();
    let mut items: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            let mut title = site.page(*p).title().to_string();
            if let Some(d) = s.doc_of(*p) {
                let doc = s.doc(d);
                if doc.index != *p {
                    title = format!("{} — {}", site.page(doc.index).title(), title);
                }
                if let Some(n) = doc.version_number() {
                    let current = if s.is_current_version(d) { ", current" } else { "" };
                    title = format!("{title} (version {n}{current})");
                }
            }
            (title, site.page_href(*p))
        })
        .collect();
    items.sort();
    items.dedup();
    items.into_iter().map(|(t, h)| json!({ "title": t, "href": h })).collect()
}

pub(super) fn glossary_value(site: &Site, facts: &Facts) -> Value {
    let mut letters: BTreeMap<char, Vec<Value>> = BTreeMap::new();
    for (i, e) in site.glossary.entries.iter().enumerate() {
        let used = facts.term_uses.get(&i).map(|pages| used_in(site, pages)).unwrap_or_default();
        let senses: Vec<Value> = e
            .senses
            .iter()
            .map(|s| {
                json!({
                    "id": s.id, "anchor": s.anchor, "expansion": s.expansion,
                    "definition": s.definition.as_deref().map(render_plain),
                    "replaced_by": s.replaced_by.as_deref().map(|r| term_ref(site, r)),
                })
            })
            .collect();
        let letter = e
            .term
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .filter(char::is_ascii_alphabetic)
            .unwrap_or('#');
        letters.entry(letter).or_default().push(json!({
            "term": e.term,
            "anchor": e.slug,
            "aliases": e.aliases,
            "see_also": e.see_also.iter().map(|s| term_ref(site, s)).collect::<Vec<_>>(),
            "senses": senses,
            "used_in": used,
        }));
    }
    for entries in letters.values_mut() {
        entries.sort_by_key(|e| e["term"].as_str().unwrap_or("").to_lowercase());
    }
    let anchor = |c: char| format!("letter-{}", c.to_ascii_lowercase());
    let nav: Vec<Value> = ('A'..='Z')
        .map(|c| json!({ "letter": c.to_string(), "anchor": anchor(c), "has_terms": letters.contains_key(&c) }))
        .collect();
    let groups: Vec<Value> = letters
        .into_iter()
        .map(|(c, entries)| json!({ "letter": c.to_string(), "anchor": anchor(c), "entries": entries }))
        .collect();
    json!({ "letters": nav, "groups": groups, "count": site.glossary.entries.len() })
}

/// A term named in `see_also` or `replaced_by`: linked if it is an entry.
fn term_ref(site: &Site, name: &str) -> Value {
    match site.glossary.lookup.get(name) {
        Some(&i) => json!({ "name": name, "href": format!("#{}", site.glossary.entries[i].slug) }),
        None => json!({ "name": name, "href": Value::Null }),
    }
}
