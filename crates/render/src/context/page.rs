//! `page` for a content page: its text, status banners, version, place in
//! its document, listings and what its kind adds.

use charter_core::dates::display_date;
use charter_core::model::{DocId, Kind, PageId, Role, SourcePage, Status};
use charter_resolve::anchors::TocEntry;
use charter_resolve::{Route, Site, TERMS_APPENDIX, View, review_overdue};
use serde_json::Value;

use super::kinds::{arrangements_value, offer_value, report_value, service_value, threshold_value};
use super::site::{breadcrumbs, listing_item};
use super::values::{date, status_value};
use crate::markdown::Rendered;

/// The full context of a content page shown at `route`, in Tera's values.
///
/// The page's HTML is not in it: [`Templates::render_page`] hands it to
/// the template as `page.content`.
///
/// [`Templates::render_page`]: crate::templates::Templates::render_page
pub fn page_value(site: &Site, route: &Route, rendered: &Rendered) -> tera::Map {
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
        Some((label, _)) => format!("{label}: {}", fm.title),
        None => fm.title.clone(),
    };
    let toc: Vec<tera::Value> = if show_toc {
        let entry = |t: &TocEntry| tera_map! { "level" => t.level, "id" => t.id.as_str(), "title" => t.title.as_str() };
        rendered.toc.iter().map(entry).collect()
    } else {
        Vec::new()
    };
    let description = match &fm.summary {
        Some(s) => s.clone(),
        None => format!("{} — {}", fm.title, site.config.title),
    };
    let dates = tera_map! {
        "published" => date(&fm.published), "updated" => date(&fm.updated),
        "effective" => date(&fm.effective), "review_due" => date(&fm.review_due),
    };
    let approved: Vec<tera::Value> = fm
        .approved
        .iter()
        .map(|a| tera_map! { "by" => a.by.as_str(), "date" => date(&a.date) })
        .collect();
    // Room for the place's six keys, the kind's and the HTML's
    // (`place_value`, `kind_value`, `Templates::render_page`).
    let mut map = tera_map! { map + 8;
        "title" => title,
        "plain_title" => fm.title.as_str(),
        "url" => route.url.as_str(),
        "href" => site.href(&route.url),
        "permalink" => site.permalink(&route.url),
        "canonical" => site.permalink(&route.canonical),
        "kind" => page.kind.name(),
        "kind_label" => page.kind.label(),
        "role" => page.role.name(),
        "summary" => fm.summary.as_deref(),
        "summary_html" => rendered.snippets.summary.as_deref(),
        "description" => description,
        "toc" => toc,
        "breadcrumbs" => breadcrumbs(site, &route.url, &fm.title),
        "status" => status_value(fm.status),
        "noindex" => matches!(fm.status, Status::Draft | Status::Consultation | Status::Withdrawn),
        "banners" => banners(page, version.as_ref(), review_overdue),
        "dates" => dates,
        "review" => tera_map! { "overdue" => review_overdue, "due" => date(&fm.review_due) },
        "approved" => approved,
        "changes" => rendered.snippets.changes.as_deref(),
        "version" => version.map(|v| v.value),
        "appendix_of" => appendix_of.map(|(_, v)| v),
        "is_document" => is_document,
        "extra" => tera::Value::from_serializable(&fm.extra),
    };
    place_value(site, route, doc, &mut map);
    kind_value(site, route, page, rendered, &mut map);
    map
}

/// The page's place: its appendices, neighbours, children and print page.
fn place_value(site: &Site, route: &Route, doc: Option<DocId>, map: &mut tera::Map) {
    let page = site.page(route.page);
    let appendices = doc.map(|d| appendix_list(site, d, route, page.id)).unwrap_or_default();
    let (prev, next) = neighbours(site, route);
    let children: Vec<tera::Value> =
        site.structure().children(page.id).iter().map(|k| listing_item(site, *k)).collect();
    let print_href = doc.and_then(|d| {
        let v = route.view.as_ref()?;
        let url = format!("{}print/", v.base);
        (site.generated.contains_key(&url) && site.structure().doc(d).index == page.id)
            .then(|| site.href(&url))
    });
    let place: [(&'static str, tera::Value); 6] = [
        ("appendices", appendices.into()),
        ("prev", prev),
        ("next", next),
        ("children", children.into()),
        ("print_href", print_href.into()),
        ("pdf", pdf_link(site, route, doc).into()),
    ];
    map.extend(place.into_iter().map(|(k, v)| (k.into(), v)));
}

/// The PDF of the document a document's own page shows, when one was
/// made: the current version's address on the current version's page.
fn pdf_link(site: &Site, route: &Route, doc: Option<DocId>) -> Option<tera::Value> {
    let d = doc?;
    let view = route.view.as_ref()?;
    let file = site.pdfs.get(&d)?;
    if site.structure().doc(d).index != route.page {
        return None;
    }
    let url = if view.is_current_alias { file.url() } else { &file.path };
    Some(tera_map! { "href" => site.href(url), "size" => file.size_text() })
}

/// What the page's kind adds; none for the kinds it is not. Built as
/// JSON (one kind's, on one page in several) and converted.
fn kind_value(
    site: &Site,
    route: &Route,
    page: &SourcePage,
    rendered: &Rendered,
    map: &mut tera::Map,
) {
    let snippets = &rendered.snippets;
    let kinds: [(&'static str, Kind, &dyn Fn() -> Value); 5] = [
        ("arrangements", Kind::Arrangements, &|| arrangements_value(site, page.id)),
        ("threshold", Kind::Threshold, &|| threshold_value(page, snippets)),
        ("report", Kind::AnnualReport, &|| report_value(page)),
        ("offer", Kind::LocalOffer, &|| offer_value(site, route)),
        ("service", Kind::Service, &|| service_value(site, page.id, snippets)),
    ];
    for (key, kind, value) in kinds {
        let v = if page.kind == kind {
            tera::Value::from_serializable(&value())
        } else {
            tera::Value::none()
        };
        map.insert(key.into(), v);
    }
}

/// The status banners of the page `page` shown in `view`, for the pages
/// that gather it (its document's print page).
pub fn page_banners(site: &Site, page: PageId, view: Option<&View>) -> Vec<tera::Value> {
    let version = view.and_then(|v| version_value(site, v.doc));
    banners(site.page(page), version.as_ref(), review_overdue(site, page))
}

/// Status banners, in words: superseded, draft, consultation, withdrawn,
/// review overdue.
fn banners(
    page: &SourcePage,
    version: Option<&VersionValue>,
    review_overdue: bool,
) -> Vec<tera::Value> {
    let fm = &page.frontmatter;
    let mut banners: Vec<tera::Value> = Vec::new();
    if let Some(v) = version
        && !v.is_current
    {
        banners.push(tera_map! { "kind" => "superseded", "html" => v.superseded_html.as_deref() });
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
        banners.push(tera_map! { "kind" => kind, "html" => html });
    }
    if review_overdue && let Some(d) = fm.review_due {
        let html = format!(
            "<strong>Review overdue since {}.</strong> The partnership has not yet confirmed that this document is up to date.",
            display_date(d)
        );
        banners.push(tera_map! { "kind" => "overdue", "html" => html });
    }
    banners
}

/// A version's value for templates, and what its banner needs.
struct VersionValue {
    value: tera::Value,
    is_current: bool,
    superseded_html: Option<String>,
}

/// A version's number, its place among the versions and, for an older
/// one, the banner that links to the current version.
fn version_value(site: &Site, doc: DocId) -> Option<VersionValue> {
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
    let is_current = v.current == Some(doc);
    let previous = position.checked_sub(1).map(|i| {
        let p = s.doc(v.versions[i]);
        tera_map! { "number" => p.version_number().map(|x| x.to_string()), "href" => site.href(&p.base) }
    });
    let value = tera_map! {
        "number" => number.to_string(),
        "is_current" => is_current,
        "is_superseded" => older,
        "current_href" => current_href,
        "pinned_href" => site.href(&d.base),
        "history_href" => site.href(&format!("{}history/", v.base)),
        "changes_href" => site.generated.contains_key(&changes_url).then(|| site.href(&changes_url)),
        "superseded_html" => superseded_html.as_deref(),
        "count" => v.versions.len(),
        "previous" => previous,
    };
    Some(VersionValue { value, is_current, superseded_html })
}

/// A document lists its own appendices; an appendix folder its own.
fn appendix_list(site: &Site, doc: DocId, route: &Route, page: PageId) -> Vec<tera::Value> {
    let d = site.structure().doc(doc);
    let base = route.view.as_ref().map(|v| v.base.clone()).unwrap_or_else(|| d.base.clone());
    let nodes = site.appendices_of(doc, page).unwrap_or(&[]);
    let mut list: Vec<tera::Value> = nodes
        .iter()
        .map(|n| {
            let p = site.page(n.page);
            let href = site.href(&format!("{base}{}", n.rel));
            tera_map! { "label" => n.label.display(), "title" => p.title(), "href" => href, "summary" => p.frontmatter.summary.as_deref() }
        })
        .collect();
    if d.index == page && site.page(page).frontmatter.glossary_appendix {
        let href = site.href(&format!("{base}{TERMS_APPENDIX}"));
        list.push(tera_map! { "label" => "Glossary", "title" => "Terms used in this document", "href" => href, "summary" => () });
    }
    list
}

/// For an appendix: its label, and "Appendix 1 to <document>".
fn appendix_parent(site: &Site, route: &Route) -> Option<(String, tera::Value)> {
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
    let label = step.node.label.display();
    let value = tera_map! { "label" => label.as_str(), "parent_title" => parent_title, "parent_href" => parent_href };
    Some((label, value))
}

/// Previous and next pages within a document: the document, then its
/// appendices in order.
fn neighbours(site: &Site, route: &Route) -> (tera::Value, tera::Value) {
    let none = tera::Value::none;
    let Some(view) = &route.view else {
        return (none(), none());
    };
    let pages = site.document_pages(view.doc);
    let Some(i) = pages.iter().position(|(p, _)| *p == route.page) else {
        return (none(), none());
    };
    let item = |j: usize| {
        let (p, rel) = &pages[j];
        let page = site.page(*p);
        let title = match site.appendix_label(view.doc, *p) {
            Some(l) => format!("{l}: {}", page.title()),
            None => page.title().to_string(),
        };
        tera_map! { "title" => title, "href" => site.href(&format!("{}{rel}", view.base)) }
    };
    let prev = if i > 0 { item(i - 1) } else { none() };
    let next = if i + 1 < pages.len() { item(i + 1) } else { none() };
    (prev, next)
}
