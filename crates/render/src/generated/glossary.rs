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

/// How many documents the glossary page lists under a term; its own page
/// lists them all, so the glossary page grows with the terms alone.
pub(super) const USED_IN_SHOWN: usize = 20;

/// Where a term is used: the documents (a document once, not each of its
/// appendices or versions; a page outside documents as itself), by title.
pub(super) fn used_in(site: &Site, pages: &BTreeSet<PageId>) -> Vec<(String, String)> {
    let s = site.structure();
    let mut items: BTreeSet<(String, String)> = BTreeSet::new();
    for p in pages {
        let shown = match s.doc_of(*p) {
            Some(d) => {
                let current = s.versioned_of(d).and_then(|v| v.current).unwrap_or(d);
                s.doc(current).index
            }
            None => *p,
        };
        items.insert((site.page(shown).title().to_string(), site.page_href(shown)));
    }
    items.into_iter().collect()
}

fn used_in_value(items: &[(String, String)]) -> Vec<Value> {
    items.iter().map(|(t, h)| json!({ "title": t, "href": h })).collect()
}

/// One term's own page: its meanings and every document that uses it.
pub(super) fn term_value(site: &Site, facts: &Facts, entry: usize) -> Value {
    let e = &site.glossary.entries[entry];
    let used = facts.term_uses.get(&entry).map(|pages| used_in(site, pages)).unwrap_or_default();
    json!({
        "entry": entry_value(site, e, &used, used.len()),
        "glossary_href": format!("{}#{}", site.href("glossary/"), e.slug),
    })
}

fn entry_value(
    site: &Site,
    e: &charter_core::model::Entry,
    used: &[(String, String)],
    shown: usize,
) -> Value {
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
    json!({
        "term": e.term,
        "anchor": e.slug,
        "aliases": e.aliases,
        "see_also": e.see_also.iter().map(|s| term_ref(site, s)).collect::<Vec<_>>(),
        "senses": senses,
        "used_in": used_in_value(&used[..shown.min(used.len())]),
        "used_count": used.len(),
        "term_href": site.href(&format!("glossary/{}/", e.slug)),
    })
}

pub(super) fn glossary_value(site: &Site, facts: &Facts) -> Value {
    let mut letters: BTreeMap<char, Vec<Value>> = BTreeMap::new();
    for (i, e) in site.glossary.entries.iter().enumerate() {
        let used = facts.term_uses.get(&i).map(|pages| used_in(site, pages)).unwrap_or_default();
        let letter = e
            .term
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .filter(char::is_ascii_alphabetic)
            .unwrap_or('#');
        letters.entry(letter).or_default().push(entry_value(site, e, &used, USED_IN_SHOWN));
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
