//! The glossary page, A to Z, and a document's generated glossary appendix.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use charter_core::model::{DocId, PageId};
use charter_resolve::Site;
use serde_json::{Value, json};

use super::with_moved;
use crate::facts::{Facts, UsedIn};
use crate::markdown::render_plain;

/// The terms used anywhere in one version of a document, A to Z.
pub fn document_terms(site: &Site, facts: &Facts, doc: DocId) -> Vec<usize> {
    // Looked up by page: going through every term's pages for each
    // document was terms × pages × documents.
    let by_page = facts.terms_of_page.get_or_init(|| {
        let mut by_page: HashMap<PageId, Vec<usize>> = HashMap::new();
        for (t, pages) in &facts.term_uses {
            for p in pages {
                by_page.entry(*p).or_default().push(*t);
            }
        }
        by_page
    });
    let terms: BTreeSet<usize> = site
        .document_pages(doc)
        .into_iter()
        .filter_map(|(p, _)| by_page.get(&p))
        .flatten()
        .copied()
        .collect();
    let mut terms: Vec<usize> = terms.into_iter().collect();
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

/// The "Used in" links the glossary page gives its terms between them:
/// each term shows an equal share, 20 at most (SPEC) and 3 at least, and
/// its own page lists them all. So the page grows with the number of terms
/// only through their definitions: 300 terms with long document titles
/// made it 773 kB at 20 a term and 557 kB at 10; at this budget (6 a term)
/// it is under 400 kB, while a glossary of 100 terms still shows 20.
const USED_IN_LINKS: usize = 2000;

/// How many documents the glossary page lists under each of `terms` terms.
pub(super) fn used_in_shown(terms: usize) -> usize {
    (USED_IN_LINKS / terms.max(1)).clamp(3, 20)
}

/// Where each term is used: the documents (a document once, not each of
/// its appendices or versions; a page outside documents as itself), by
/// title. Made once per build: the glossary and every term page read it,
/// and each page's title and address are made once however many terms it
/// uses (this was a tenth of a glossary-dense build).
pub fn used_in<'f>(site: &Site, facts: &'f Facts) -> &'f UsedIn {
    facts.used_in.get_or_init(|| {
        let s = site.structure();
        let shown_of = |p: PageId| match s.doc_of(p) {
            Some(d) => s.doc(s.versioned_of(d).and_then(|v| v.current).unwrap_or(d)).index,
            None => p,
        };
        // Serial: this runs inside a OnceLock from the generated pages'
        // parallel loop, where a rayon job stolen while waiting could ask
        // for the same lock again.
        let shown: Vec<Vec<PageId>> = (0..site.glossary.entries.len())
            .map(|i| {
                // Duplicates go below, once pages are places.
                facts
                    .term_uses
                    .get(&i)
                    .map_or_else(Vec::new, |pages| pages.iter().map(|p| shown_of(*p)).collect())
            })
            .collect();
        let distinct: BTreeSet<PageId> = shown.iter().flatten().copied().collect();
        let mut ordered: Vec<((String, String), PageId)> = distinct
            .into_iter()
            .map(|p| ((site.page(p).title().to_string(), site.page_href(p)), p))
            .collect();
        // Pages are put in order of title and address once, and each term
        // lists places in that order (comparing titles within every term's
        // list took most of the glossary page's time at 10k). Two pages may
        // share a title and an address only as one place.
        ordered.sort_unstable();
        let mut labels: Vec<(String, String)> = Vec::new();
        let mut place: HashMap<PageId, u32> = HashMap::new();
        for (label, p) in ordered {
            if labels.last() != Some(&label) {
                labels.push(label);
            }
            place.insert(p, labels.len() as u32 - 1);
        }
        let by_entry = shown
            .into_iter()
            .map(|pages| {
                let mut places: Vec<u32> = pages.iter().map(|p| place[p]).collect();
                places.sort_unstable();
                places.dedup();
                places
            })
            .collect();
        UsedIn { by_entry, labels }
    })
}

fn used_in_value(used: &UsedIn, shown: &[u32]) -> Vec<Value> {
    shown
        .iter()
        .map(|p| {
            let (t, h) = &used.labels[*p as usize];
            json!({ "title": t, "href": h })
        })
        .collect()
}

/// One term's own page as the template's data: its meanings and every
/// document that uses it. The "Used in" list is made of values every term
/// page shares (one per document, made once a build) instead of each
/// term's list being written as JSON and copied into Tera's values. A
/// common term is used in thousands of documents: on the glossary-dense
/// 10k corpus the copies, and freeing them, were 4% of the build.
pub(super) fn term_data(site: &Site, facts: &Facts, url: &str, entry: usize) -> tera::Value {
    let e = &site.glossary.entries[entry];
    let used = used_in(site, facts);
    let places = &used.by_entry[entry];
    // The entry with no list here: the shared one is put in below.
    let value = with_moved(
        json!({ "glossary_href": format!("{}#{}", site.href("glossary/"), e.slug) }),
        [("entry", entry_value(site, e, used, places, 0))],
    );
    let title = format!("{} in the glossary", e.term);
    let page = tera::Value::from_serializable(&super::simple(site, url, &title, value));
    // Made without rayon work: see `used_in`.
    let shared = facts.used_in_data.get_or_init(|| {
        used.labels
            .iter()
            .map(|(title, href)| {
                tera::Value::from_serializable(&json!({ "title": title, "href": href }))
            })
            .collect()
    });
    let list: Vec<tera::Value> = places.iter().map(|p| shared[*p as usize].clone()).collect();
    replace_in(page, &["entry", "used_in"], tera::Value::from(list))
}

/// `value` with the value at `path` (keys of maps inside maps) replaced by
/// `new`. A path that is not there leaves `value` as it was.
fn replace_in(value: tera::Value, path: &[&'static str], new: tera::Value) -> tera::Value {
    let Some((first, rest)) = path.split_first() else { return new };
    if value.as_map().is_none() {
        return value;
    }
    let mut map = value.into_map().unwrap_or_default();
    if let Some(inner) = map.get_mut(&tera::value::Key::Str(first)) {
        let taken = std::mem::replace(inner, tera::Value::none());
        *inner = replace_in(taken, rest, new);
    }
    tera::Value::from(map)
}

fn entry_value(
    site: &Site,
    e: &charter_core::model::Entry,
    used: &UsedIn,
    pages: &[u32],
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
    let value = json!({
        "term": e.term,
        "anchor": e.slug,
        "aliases": e.aliases,
        "see_also": e.see_also.iter().map(|s| term_ref(site, s)).collect::<Vec<_>>(),
        "used_count": pages.len(),
        "term_href": site.href(&format!("glossary/{}/", e.slug)),
    });
    let used_in = used_in_value(used, &pages[..shown.min(pages.len())]);
    with_moved(value, [("senses", Value::Array(senses)), ("used_in", Value::Array(used_in))])
}

pub(super) fn glossary_value(site: &Site, facts: &Facts) -> Value {
    let mut letters: BTreeMap<char, Vec<Value>> = BTreeMap::new();
    let used = used_in(site, facts);
    for (i, e) in site.glossary.entries.iter().enumerate() {
        let letter = e
            .term
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .filter(char::is_ascii_alphabetic)
            .unwrap_or('#');
        letters.entry(letter).or_default().push(entry_value(
            site,
            e,
            used,
            &used.by_entry[i],
            used_in_shown(site.glossary.entries.len()),
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn data(v: Value) -> tera::Value {
        tera::Value::from_serializable(&v)
    }

    /// Only the value at the path changes; a path that is not there, or
    /// that runs into something other than a map, changes nothing.
    #[test]
    fn replace_in_changes_the_value_at_its_path_and_nothing_else() {
        let page = json!({ "title": "T", "entry": { "term": "MASH", "used_in": [] }, "n": 3 });
        let list = data(json!([{ "title": "A", "href": "/a/" }]));
        let replaced = replace_in(data(page.clone()), &["entry", "used_in"], list.clone());
        let mut want = page.clone();
        want["entry"]["used_in"] = json!([{ "title": "A", "href": "/a/" }]);
        assert_eq!(replaced, data(want));
        for path in [&["entry", "missing"][..], &["missing", "used_in"], &["n", "used_in"]] {
            let same = replace_in(data(page.clone()), path, list.clone());
            assert_eq!(same, data(page.clone()), "{path:?}");
        }
        assert_eq!(replace_in(data(page), &[], list.clone()), list);
    }
}
