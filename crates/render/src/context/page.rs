//! `page` for a content page: its text, status banners, version, place in
//! its document, listings and what its kind adds.

use charter_core::dates::display_date;
use charter_core::model::{DocId, Kind, PageId, Role, SourcePage, Status};
use charter_resolve::{Route, Site, TERMS_APPENDIX, View, review_overdue};
use serde_json::{Value, json};

use super::kinds::{arrangements_value, offer_value, report_value, service_value, threshold_value};
use super::site::{breadcrumbs, listing_item};
use super::values::{date, status_value};
use crate::markdown::Rendered;

/// The full context of a content page shown at `route`.
///
/// The page's HTML is not in it: [`Templates::render_page`] hands it to
/// the template as `page.content` without a copy into the JSON.
///
/// [`Templates::render_page`]: crate::templates::Templates::render_page
pub fn page_value(site: &Site, route: &Route, rendered: &Rendered) -> Value {
    let page = site.page(route.page);
    let fm = &page.frontmatter;
    let doc = route.view.as_ref().map(|v| v.doc);
    let version = doc.and_then(|d| version_value(site, d));
    // The same rule as `review::overdue`: a banner if and only if a
    // diagnostic says so.
    let review_overdue = review_overdue(site, route.page);
    let is_document = matches!(page.role, Role::Document) || page.kind.is_document();
    let show_toc = fm.toc.unwrap_or(is_document) && rendered.toc.len() > 1;
    let appendix_of = appendix_parent(site, route);
    let title = match &appendix_of {
        Some(a) => format!("{}: {}", a["label"].as_str().unwrap_or(""), fm.title),
        None => fm.title.clone(),
    };
    let mut value = json!({
        "title": title,
        "plain_title": fm.title,
        "url": route.url,
        "href": site.href(&route.url),
        "permalink": site.permalink(&route.url),
        "canonical": site.permalink(&route.canonical),
        "kind": page.kind.name(),
        "kind_label": page.kind.label(),
        "role": page.role.name(),
        "summary": fm.summary,
        "summary_html": rendered.snippets.summary,
        "description": fm.summary.clone().unwrap_or_else(|| format!("{} — {}", fm.title, site.config.title)),
        "toc": if show_toc { serde_json::to_value(&rendered.toc).unwrap_or(Value::Null) } else { json!([]) },
        "breadcrumbs": breadcrumbs(site, &route.url, &fm.title),
        "status": status_value(fm.status),
        "noindex": matches!(fm.status, Status::Draft | Status::Consultation | Status::Withdrawn),
        "banners": banners(page, version.as_ref(), review_overdue),
        "dates": {
            "published": date(&fm.published), "updated": date(&fm.updated),
            "effective": date(&fm.effective), "review_due": date(&fm.review_due),
        },
        "review": { "overdue": review_overdue, "due": date(&fm.review_due) },
        "approved": fm.approved.iter().map(|a| json!({ "by": a.by, "date": date(&a.date) })).collect::<Vec<_>>(),
        "changes": rendered.snippets.changes,
        "version": version,
        "appendix_of": appendix_of,
        "is_document": is_document,
        "extra": fm.extra,
    });
    if let (Value::Object(v), Value::Object(more)) = (&mut value, place_value(site, route, doc)) {
        v.extend(more);
    }
    if let (Value::Object(v), Value::Object(more)) =
        (&mut value, kind_value(site, route, page, rendered))
    {
        v.extend(more);
    }
    value
}

/// The page's place: its appendices, neighbours, children and print page.
fn place_value(site: &Site, route: &Route, doc: Option<DocId>) -> Value {
    let page = site.page(route.page);
    let appendices = doc.map(|d| appendix_list(site, d, route, page.id)).unwrap_or_default();
    let (prev, next) = neighbours(site, route);
    let children: Vec<Value> =
        site.structure().children(page.id).iter().map(|k| listing_item(site, *k)).collect();
    let print_href = doc.and_then(|d| {
        let v = route.view.as_ref()?;
        let url = format!("{}print/", v.base);
        (site.generated.contains_key(&url) && site.structure().doc(d).index == page.id)
            .then(|| site.href(&url))
    });
    json!({ "appendices": appendices, "prev": prev, "next": next, "children": children, "print_href": print_href, "pdf": pdf_link(site, route, doc) })
}

/// The PDF of the document a document's own page shows, when one was
/// made: the current version's address on the current version's page.
fn pdf_link(site: &Site, route: &Route, doc: Option<DocId>) -> Option<Value> {
    let d = doc?;
    let view = route.view.as_ref()?;
    let file = site.pdfs.get(&d)?;
    if site.structure().doc(d).index != route.page {
        return None;
    }
    let url = if view.is_current_alias { file.url() } else { &file.path };
    Some(json!({ "href": site.href(url), "size": file.size_text() }))
}

/// What the page's kind adds; `null` for the kinds it is not.
fn kind_value(site: &Site, route: &Route, page: &SourcePage, rendered: &Rendered) -> Value {
    let when = |kind: Kind, value: &dyn Fn() -> Value| {
        if page.kind == kind { value() } else { Value::Null }
    };
    let snippets = &rendered.snippets;
    json!({
        "arrangements": when(Kind::Arrangements, &|| arrangements_value(site, page.id)),
        "threshold": when(Kind::Threshold, &|| threshold_value(page, snippets)),
        "report": when(Kind::AnnualReport, &|| report_value(page)),
        "offer": when(Kind::LocalOffer, &|| offer_value(site, route)),
        "service": when(Kind::Service, &|| service_value(site, page.id, snippets)),
    })
}

/// The status banners of the page `page` shown in `view`, for the pages
/// that gather it (its document's print page).
pub fn page_banners(site: &Site, page: PageId, view: Option<&View>) -> Vec<Value> {
    let version = view.and_then(|v| version_value(site, v.doc));
    banners(site.page(page), version.as_ref(), review_overdue(site, page))
}

/// Status banners, in words: superseded, draft, consultation, withdrawn,
/// review overdue.
fn banners(page: &SourcePage, version: Option<&Value>, review_overdue: bool) -> Vec<Value> {
    let fm = &page.frontmatter;
    let mut banners: Vec<Value> = Vec::new();
    if let Some(v) = version
        && !v["is_current"].as_bool().unwrap_or(true)
    {
        banners.push(json!({ "kind": "superseded", "html": v["superseded_html"] }));
    }
    let status = match fm.status {
        Status::Draft => Some((
            "draft",
            "<strong>Draft — not yet approved.</strong> This page is a preview and is not published.",
        )),
        Status::Consultation => Some((
            "consultation",
            "<strong>Out for consultation — not yet approved.</strong> This version may change before it is adopted.",
        )),
        Status::Withdrawn => {
            Some(("withdrawn", "<strong>Withdrawn.</strong> This document no longer applies."))
        }
        Status::Superseded if version.is_none() => {
            Some(("superseded", "<strong>Superseded.</strong> This document has been replaced."))
        }
        _ => None,
    };
    if let Some((kind, html)) = status {
        banners.push(json!({ "kind": kind, "html": html }));
    }
    if review_overdue && let Some(d) = fm.review_due {
        let html = format!(
            "<strong>Review overdue since {}.</strong> The partnership has not yet confirmed that this document is up to date.",
            display_date(d)
        );
        banners.push(json!({ "kind": "overdue", "html": html }));
    }
    banners
}

/// A version's number, its place among the versions and, for an older
/// one, the banner that links to the current version.
fn version_value(site: &Site, doc: DocId) -> Option<Value> {
    let s = site.structure();
    let d = s.doc(doc);
    let (vid, number) = d.version.as_ref()?;
    let v = s.versioned(*vid);
    let current_href = site.href(&v.base);
    let current = v.current.map(|c| s.doc(c));
    // Only older versions are superseded; a newer draft or consultation
    // version is a preview, bannered as such.
    let older = current.and_then(|c| c.version_number()).is_some_and(|cn| number < cn);
    let superseded_html = current.filter(|_| older).map(|c| {
        let p = site.page(c.index);
        let n = c.version_number().map(|x| x.to_string()).unwrap_or_default();
        let published = p.frontmatter.published.map(|d| format!(" (published {})", display_date(d))).unwrap_or_default();
        format!("<strong>This version has been superseded</strong> by <a href=\"{current_href}\">version {n}{published}</a>.")
    });
    let changes_url = format!("{}changes/", d.base);
    let position = v.versions.iter().position(|x| *x == doc).unwrap_or(0);
    Some(json!({
        "number": number.to_string(),
        "is_current": v.current == Some(doc),
        "is_superseded": older,
        "current_href": current_href,
        "pinned_href": site.href(&d.base),
        "history_href": site.href(&format!("{}history/", v.base)),
        "changes_href": site.generated.contains_key(&changes_url).then(|| site.href(&changes_url)),
        "superseded_html": superseded_html,
        "count": v.versions.len(),
        "previous": position.checked_sub(1).map(|i| {
            let p = s.doc(v.versions[i]);
            json!({ "number": p.version_number().map(|x| x.to_string()), "href": site.href(&p.base) })
        }),
    }))
}

/// A document lists its own appendices; an appendix folder its own.
fn appendix_list(site: &Site, doc: DocId, route: &Route, page: PageId) -> Vec<Value> {
    let d = site.structure().doc(doc);
    let base = route.view.as_ref().map(|v| v.base.clone()).unwrap_or_else(|| d.base.clone());
    let nodes = site.appendices_of(doc, page).unwrap_or(&[]);
    let mut list: Vec<Value> = nodes
        .iter()
        .map(|n| {
            let p = site.page(n.page);
            json!({ "label": n.label.display(), "title": p.title(), "href": site.href(&format!("{base}{}", n.rel)), "summary": p.frontmatter.summary })
        })
        .collect();
    if d.index == page && site.page(page).frontmatter.glossary_appendix {
        let href = site.href(&format!("{base}{TERMS_APPENDIX}"));
        list.push(json!({ "label": "Glossary", "title": "Terms used in this document", "href": href, "summary": Value::Null }));
    }
    list
}

/// For an appendix: "Appendix 1 to <document>".
fn appendix_parent(site: &Site, route: &Route) -> Option<Value> {
    let view = route.view.as_ref()?;
    let d = site.structure().doc(view.doc);
    let step = d.appendix_with_parent(route.page)?;
    let (parent_title, parent_href) = match step.parent {
        Some(p) => (
            format!("{}: {}", p.label.display(), site.page(p.page).title()),
            site.href(&format!("{}{}", view.base, p.rel)),
        ),
        None => (site.page(d.index).title().to_string(), site.href(&view.base)),
    };
    Some(
        json!({ "label": step.node.label.display(), "parent_title": parent_title, "parent_href": parent_href }),
    )
}

/// Previous and next pages within a document: the document, then its
/// appendices in order.
fn neighbours(site: &Site, route: &Route) -> (Value, Value) {
    let Some(view) = &route.view else {
        return (Value::Null, Value::Null);
    };
    let pages = site.document_pages(view.doc);
    let Some(i) = pages.iter().position(|(p, _)| *p == route.page) else {
        return (Value::Null, Value::Null);
    };
    let item = |j: usize| {
        let (p, rel) = &pages[j];
        let page = site.page(*p);
        let title = match site.appendix_label(view.doc, *p) {
            Some(l) => format!("{l}: {}", page.title()),
            None => page.title().to_string(),
        };
        json!({ "title": title, "href": site.href(&format!("{}{rel}", view.base)) })
    };
    let prev = if i > 0 { item(i - 1) } else { Value::Null };
    let next = if i + 1 < pages.len() { item(i + 1) } else { Value::Null };
    (prev, next)
}
