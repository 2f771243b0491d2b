//! A document and its appendices on one page, for printing: every page
//! rendered with its ids prefixed, and links between them made fragments.

use charter_core::model::{DocId, PageId};
use charter_resolve::{Linker, Site, View};
use serde_json::{Value, json};

use crate::Facts;
use crate::context::date;
use crate::markdown::{self, PrintSide, RenderOptions, Rendered};
use crate::templates::Shortcodes;

/// The document a print page prints, for its heading.
pub(super) fn document_value(site: &Site, doc: DocId, base: &str) -> Value {
    let fm = &site.page(site.structure().doc(doc).index).frontmatter;
    json!({
        "document": {
            "title": site.doc_title(doc),
            "href": site.href(base),
            "version": fm.version.as_ref().map(|v| v.to_string()),
            "published": date(&fm.published),
            "review_due": date(&fm.review_due),
        },
    })
}

/// A print page's parts, in Tera's values, and their length: each part's
/// HTML, kept from when its page rendered, goes into them once (through
/// JSON it was copied twice: 80 MB each time on the standard 10k corpus).
pub(super) fn sections(
    site: &Site,
    facts: &Facts,
    doc: DocId,
    base: &str,
    shortcodes: &Shortcodes<'_>,
) -> (Vec<tera::Value>, usize) {
    let view = print_view(site, doc, base);
    let mut length = 0;
    let sections = site
        .document_pages(doc)
        .into_iter()
        .map(|(p, _)| {
            // Rendered with the page when the page was rendered afresh or
            // kept; on its own otherwise (a page whose template failed).
            let (prefix, content) = match facts.take_print_part(p) {
                Some(html) => (Linker::print_prefix(site, p), tera::Value::from(&*html)),
                None => {
                    let (prefix, rendered) = render_for_print(site, doc, &view, p, shortcodes);
                    (prefix, tera::Value::from(rendered.html))
                }
            };
            length += content.as_str().map_or(0, str::len);
            tera_map! {
                "id" => section_id(&prefix),
                "label" => site.appendix_label(doc, p),
                "title" => site.page(p).title(),
                "content" => content,
            }
        })
        .collect();
    (sections, length)
}

/// One page of a document rendered as the print page and the PDF show
/// it: ids prefixed (the prefix is returned), links between the
/// document's pages made fragments. Its diagnostics were reported when
/// the page itself rendered.
pub(super) fn render_for_print(
    site: &Site,
    doc: DocId,
    view: &View,
    page: PageId,
    shortcodes: &Shortcodes<'_>,
) -> (String, Rendered) {
    let side = print_side(site, doc, view, page);
    let options = RenderOptions {
        id_prefix: &side.id_prefix,
        shortcodes: Some(shortcodes),
        place: side.place.as_deref(),
        ..RenderOptions::plain(true)
    };
    let rendered = markdown::render(site.page(page), &side.linker, &options);
    (side.id_prefix, rendered)
}

/// The view a document's print page shows it in, printed from `base`.
pub(crate) fn print_view(site: &Site, doc: DocId, base: &str) -> View {
    let own = &site.structure().doc(doc).base;
    View { doc, base: base.to_string(), is_current_alias: base != own }
}

/// How `page`'s part of its document's print page is rendered in `view`:
/// the one definition for a part rendered on its own (above, and PDFs)
/// and a part rendered with its page (`route::render_page`).
pub(crate) fn print_side<'a>(
    site: &'a Site,
    doc: DocId,
    view: &'a View,
    page: PageId,
) -> PrintSide<'a> {
    PrintSide {
        linker: Linker { print: true, ..Linker::new(site, page, Some(view)) },
        id_prefix: Linker::print_prefix(site, page),
        place: site.appendix_label(doc, page),
    }
}

/// The id of a page's part of the print page or PDF: `document` for the
/// document's own page, its prefix (`appendix-1`) for the others.
pub(super) fn section_id(prefix: &str) -> String {
    if prefix.is_empty() {
        "document".to_string()
    } else {
        prefix.trim_end_matches('-').to_string()
    }
}

/// The banners of the pages a print page gathers, each kind once: a
/// printed copy says what the screen says (draft, superseded, overdue).
pub(super) fn print_banners(site: &Site, doc: DocId, base: &str) -> Vec<tera::Value> {
    fn kind(banner: &tera::Value) -> Option<&tera::Value> {
        banner.get_from_path("kind")
    }
    let d = site.structure().doc(doc);
    let view = View { doc, base: base.to_string(), is_current_alias: base != d.base };
    let mut out: Vec<tera::Value> = Vec::new();
    for (p, _) in site.document_pages(doc) {
        for banner in crate::context::page_banners(site, p, Some(&view)) {
            if !out.iter().any(|b| kind(b) == kind(&banner)) {
                out.push(banner);
            }
        }
    }
    out
}
