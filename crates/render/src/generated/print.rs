//! A document and its appendices on one page, for printing: every page
//! rendered with its ids prefixed, and links between them made fragments.

use charter_core::model::DocId;
use charter_resolve::{Linker, Site, View};
use serde_json::{Value, json};

use crate::context::date;
use crate::markdown::{self, RenderOptions};
use crate::templates::Shortcodes;

pub(super) fn print_value(
    site: &Site,
    doc: DocId,
    base: &str,
    shortcodes: &Shortcodes<'_>,
) -> Value {
    let d = site.structure().doc(doc);
    let view = View { doc, base: base.to_string(), is_current_alias: base != d.base };
    let sections: Vec<Value> = site
        .document_pages(doc)
        .into_iter()
        .map(|(p, _)| {
            let prefix = Linker::print_prefix(site, p);
            let linker = Linker { site, page: p, view: Some(&view), print: true, away: false };
            let label = site.appendix_label(doc, p);
            let options = RenderOptions {
                sink: None,
                id_prefix: &prefix,
                glossary: true,
                shortcodes: Some(shortcodes),
                place: label.as_deref(),
            };
            let rendered = markdown::render(site.page(p), &linker, &options);
            let id = if prefix.is_empty() {
                "document".to_string()
            } else {
                prefix.trim_end_matches('-').to_string()
            };
            json!({
                "id": id,
                "label": site.appendix_label(doc, p),
                "title": site.page(p).title(),
                "content": rendered.html,
            })
        })
        .collect();
    let fm = &site.page(d.index).frontmatter;
    json!({
        "sections": sections,
        "document": {
            "title": site.doc_title(doc),
            "href": site.href(base),
            "version": fm.version.as_ref().map(|v| v.to_string()),
            "published": date(&fm.published),
            "review_due": date(&fm.review_due),
        },
    })
}

/// The banners of the pages a print page gathers, each kind once: a
/// printed copy says what the screen says (draft, superseded, overdue).
pub(super) fn print_banners(site: &Site, doc: DocId, base: &str) -> Vec<Value> {
    let d = site.structure().doc(doc);
    let view = View { doc, base: base.to_string(), is_current_alias: base != d.base };
    let mut out: Vec<Value> = Vec::new();
    for (p, _) in site.document_pages(doc) {
        for banner in crate::context::page_banners(site, p, Some(&view)) {
            if !out.iter().any(|b| b["kind"] == banner["kind"]) {
                out.push(banner);
            }
        }
    }
    out
}
