//! What a version changed from the one before: the pages of the two
//! versions paired by their place, each compared by `crate::diff`.

use charter_core::model::{DocId, PageId};
use charter_resolve::Site;
use serde_json::{Value, json};

use crate::context::date;
use crate::diff;
use crate::markdown::render_plain;

/// One page of the new version, the old, or both.
struct Pair {
    rel: String,
    old: Option<PageId>,
    new: Option<PageId>,
}

/// The title and data of the changes page of version `doc`.
pub(super) fn changes_value(site: &Site, doc: DocId) -> Option<(String, Value)> {
    let s = site.structure();
    let d = s.doc(doc);
    let (vid, number) = d.version.as_ref()?;
    let v = s.versioned(*vid);
    let pos = v.versions.iter().position(|x| *x == doc)?;
    let prev = *v.versions.get(pos.checked_sub(1)?)?;
    let prev_doc = s.doc(prev);
    let title = site.doc_title(doc).to_string();
    let mut summary = Vec::new();
    let mut documents = Vec::new();
    for pair in pairs(site, prev, doc) {
        compare_pair(site, &pair, (prev, doc), &mut summary, &mut documents);
    }
    let fm = &site.page(d.index).frontmatter;
    let prev_number = prev_doc.version_number().map(|x| x.to_string()).unwrap_or_default();
    Some((
        format!("What changed in version {number}: {title}"),
        json!({
            "document": { "title": title, "href": site.href(&d.base), "history_href": site.href(&format!("{}history/", v.base)) },
            "from": { "number": prev_number, "href": site.href(&prev_doc.base) },
            "to": { "number": number.to_string(), "href": site.href(&d.base), "published": date(&fm.published) },
            "notes": fm.changes.as_deref().map(render_plain),
            "summary": summary,
            "documents": documents,
        }),
    ))
}

/// Pages of the two versions paired by their path below the document.
fn pairs(site: &Site, old: DocId, new: DocId) -> Vec<Pair> {
    let new_pages = site.document_pages(new);
    let old_pages = site.document_pages(old);
    let mut rels: Vec<String> = new_pages.iter().map(|(_, r)| r.clone()).collect();
    for (_, r) in &old_pages {
        if !rels.contains(r) {
            rels.push(r.clone());
        }
    }
    rels.into_iter()
        .map(|rel| Pair {
            old: old_pages.iter().find(|(_, r)| *r == rel).map(|(p, _)| *p),
            new: new_pages.iter().find(|(_, r)| *r == rel).map(|(p, _)| *p),
            rel,
        })
        .collect()
}

/// "Appendix 1: Title", or the document's title.
fn name(site: &Site, p: PageId, d: DocId) -> String {
    match site.appendix_label(d, p) {
        Some(l) => format!("{l}: {}", site.page(p).title()),
        None => site.page(p).title().to_string(),
    }
}

fn compare_pair(
    site: &Site,
    pair: &Pair,
    (old_doc, new_doc): (DocId, DocId),
    summary: &mut Vec<Value>,
    documents: &mut Vec<Value>,
) {
    let rel = &pair.rel;
    let s = site.structure();
    match (pair.old, pair.new) {
        (None, Some(n)) => {
            let href = site.href(&format!("{}{rel}", s.doc(new_doc).base));
            summary.push(json!({ "change": "added", "label": format!("{} (new)", name(site, n, new_doc)), "href": href }));
            let html = diff::compare_html("", &site.page(n).body);
            documents
                .push(json!({ "title": name(site, n, new_doc), "status": "added", "html": html }));
        }
        (Some(o), None) => {
            let href = site.href(&format!("{}{rel}", s.doc(old_doc).base));
            summary.push(json!({ "change": "removed", "label": format!("{} (removed)", name(site, o, old_doc)), "href": href }));
            let html = diff::compare_html(&site.page(o).body, "");
            documents.push(
                json!({ "title": name(site, o, old_doc), "status": "removed", "html": html }),
            );
        }
        (Some(o), Some(n)) => {
            let (old_body, new_body) = (&site.page(o).body, &site.page(n).body);
            if old_body == new_body && site.page(o).title() == site.page(n).title() {
                return;
            }
            let parts = diff::summary(&diff::parts(old_body), &diff::parts(new_body));
            let base_href = site.href(&format!("{}{rel}", s.doc(new_doc).base));
            let sections: Vec<Value> = parts
                .iter()
                .map(|(c, p)| {
                    let anchor = site
                        .anchors(n)
                        .find(&p.key, false)
                        .filter(|x| !x.is_paragraph)
                        .map(|x| x.id.clone());
                    let href = match (c, anchor) {
                        (diff::PartChange::Removed, _) | (_, None) => Value::Null,
                        (_, Some(a)) => json!(format!("{base_href}#{a}")),
                    };
                    let title = if p.title.is_empty() {
                        "Opening text".to_string()
                    } else {
                        p.title.clone()
                    };
                    json!({ "change": c, "title": title, "href": href })
                })
                .collect();
            summary.push(json!({ "change": "changed", "label": name(site, n, new_doc), "href": base_href, "sections": sections }));
            let html = diff::compare_html(old_body, new_body);
            documents.push(
                json!({ "title": name(site, n, new_doc), "status": "changed", "html": html }),
            );
        }
        (None, None) => {}
    }
}
