//! Pages that list: documents by review date, the accessibility statement,
//! the search page's A–Z index, and a local offer's services filtered by
//! category or age.

use charter_core::dates::{display_date, parse_date};
use charter_core::model::{DocId, PageId};
use charter_resolve::{
    AZ_ON_PAGE, Route, Site, View, a_to_z_routes, az_letter, az_url, reviewed_documents,
    reviews_url,
};
use serde_json::{Value, json};

use crate::context::{self, date};
use crate::facts::AToZ;

/// The pages a list of `count` items takes, [`AZ_ON_PAGE`] to a page (at
/// least one), for its page navigation: number, address, whether it is
/// page `part`.
fn parts_value(
    site: &Site,
    count: usize,
    part: usize,
    url: impl Fn(usize) -> String,
) -> Vec<Value> {
    (1..=count.div_ceil(AZ_ON_PAGE).max(1))
        .map(|n| json!({ "number": n, "href": site.href(&url(n)), "current": n == part }))
        .collect()
}

/// The documents `/reviews/` lists, soonest review first (those with none
/// last, then by title), each with whether its review is overdue.
pub(super) fn reviewed_in_order(site: &Site) -> Vec<(PageId, bool)> {
    let mut ids = reviewed_documents(site.pages(), site.structure());
    let due = |id: PageId| site.page(id).frontmatter.review_due;
    ids.sort_by(|a, b| {
        let key = |id: PageId| (due(id).is_none(), due(id), site.page(id).title());
        key(*a).cmp(&key(*b))
    });
    ids.into_iter().map(|id| (id, charter_resolve::review_overdue(site, id))).collect()
}

/// One part of `/reviews/`: its rows of `reviewed` (from
/// [`reviewed_in_order`]), the count overdue and the parts' navigation.
pub(super) fn reviews_value(site: &Site, reviewed: &[(PageId, bool)], part: usize) -> Value {
    let overdue = reviewed.iter().filter(|(_, overdue)| *overdue).count();
    // Past AZ_ON_PAGE documents the table goes on over further pages, so
    // that no page grows with the site; only this page's rows are made.
    let parts = parts_value(site, reviewed.len(), part, reviews_url);
    let first = (part.max(1) - 1) * AZ_ON_PAGE;
    let documents: Vec<Value> = reviewed
        .iter()
        .skip(first)
        .take(AZ_ON_PAGE)
        .map(|&(id, overdue)| {
            let p = site.page(id);
            let last_approved =
                p.frontmatter.approved.last().map(|a| json!({ "by": a.by, "date": date(&a.date) }));
            json!({
                "title": p.title(),
                "href": site.page_href(id),
                "kind_label": p.kind.label(),
                "version": p.frontmatter.version.as_ref().map(|v| v.to_string()),
                "review_due": date(&p.frontmatter.review_due),
                "overdue": overdue,
                "last_approved": last_approved,
            })
        })
        .collect();
    json!({
        "documents": documents,
        "overdue_count": overdue,
        "today": display_date(site.today),
        "parts": parts,
        "first": first + 1,
    })
}

pub(super) fn accessibility_value(site: &Site) -> Value {
    let c = &site.config;
    let a = &c.accessibility;
    let partnership_email =
        c.partnership.as_ref().and_then(|p| p.contact.as_ref()).and_then(|c| c.email.clone());
    let contact = a.contact.clone().or(partnership_email);
    let day = |d: &Option<String>| d.as_deref().and_then(parse_date).map(display_date);
    json!({
        "statement": {
            "site_name": c.title,
            "organisation": c.partnership.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| c.title.clone()),
            "contact": contact,
            "contact_href": contact.as_ref().map(|c| if c.contains('@') { format!("mailto:{c}") } else { c.clone() }),
            "last_tested": day(&a.last_tested),
            "prepared": day(&a.prepared).or_else(|| day(&a.last_tested)),
            "known_issues": a.known_issues,
            "compliance": if a.known_issues.is_empty() { "full" } else { "partial" },
            "base_url": c.absolute_base(),
        }
    })
}

/// Every current page but the home page, and every glossary term, by the
/// letter of the A to Z.
pub(super) fn a_to_z(site: &Site) -> AToZ {
    let mut items: Vec<(String, String, &'static str)> = Vec::new();
    for r in a_to_z_routes(site.pages(), site.structure()) {
        let p = site.page(r.page);
        items.push((p.title().to_string(), site.href(&r.url), p.kind.label()));
    }
    for e in &site.glossary.entries {
        let expansion =
            e.senses.iter().map(|s| s.expansion.as_str()).collect::<Vec<_>>().join("; ");
        let href = format!("{}#{}", site.href("glossary/"), e.slug);
        items.push((format!("{} ({expansion})", e.term), href, "Glossary term"));
    }
    items.sort_by_cached_key(|i| i.0.to_lowercase());
    let mut groups = AToZ::new();
    for item in items {
        groups.entry(az_letter(&item.0)).or_default().push(item);
    }
    groups
}

fn az_items<'a>(items: impl Iterator<Item = &'a (String, String, &'static str)>) -> Vec<Value> {
    items.map(|(title, href, kind)| json!({ "title": title, "href": href, "kind": kind })).collect()
}

/// Without JavaScript the search page is an A–Z index of every document
/// and glossary term; when that is over [`AZ_ON_PAGE`] items, the search
/// page links to a page per letter (in parts of `AZ_ON_PAGE`) and
/// `letter_page` says which one this is.
pub(super) fn search_value(
    site: &Site,
    groups: &AToZ,
    letter_page: Option<(&str, usize)>,
) -> Value {
    let total: usize = groups.values().map(Vec::len).sum();
    let index_href = site.href("search/");
    if total <= AZ_ON_PAGE {
        let index: Vec<Value> = groups
            .iter()
            .map(|(l, items)| json!({ "letter": l, "items": az_items(items.iter()) }))
            .collect();
        return json!({ "index": index, "index_href": index_href });
    }
    let current = letter_page.map(|(l, _)| l);
    let letters: Vec<Value> = groups
        .iter()
        .map(|(l, items)| {
            json!({
                "letter": l,
                "count": items.len(),
                "href": site.href(&az_url(l, 1)),
                "current": current == Some(l.as_str()),
            })
        })
        .collect();
    let Some((letter, part)) = letter_page else {
        return json!({ "index": [], "letters": letters, "index_href": index_href });
    };
    let items = groups.get(letter).map_or(&[][..], Vec::as_slice);
    let parts = parts_value(site, items.len(), part, |n| az_url(letter, n));
    let shown = az_items(items.iter().skip((part.max(1) - 1) * AZ_ON_PAGE).take(AZ_ON_PAGE));
    json!({
        "index": [{ "letter": letter, "items": shown }],
        "letters": letters,
        "parts": parts,
        "index_href": index_href,
    })
}

/// A local offer's services that `keep` accepts, under `label`.
pub(super) fn offer_filter_value(
    site: &Site,
    doc: DocId,
    url: &str,
    keep: impl Fn(PageId) -> bool,
    label: &str,
) -> (String, Value) {
    let d = site.structure().doc(doc);
    let base = url
        .split("category/")
        .next()
        .unwrap_or(url)
        .split("ages/")
        .next()
        .unwrap_or(url)
        .to_string();
    let route = Route {
        url: base.clone(),
        page: d.index,
        view: Some(View { doc, base: base.clone(), is_current_alias: base != d.base }),
        primary: false,
        canonical: base.clone(),
    };
    let offer = context::offer_value(site, &route);
    let services: Vec<Value> = d
        .services
        .iter()
        .filter(|(p, _)| keep(*p))
        .map(|(p, slug)| context::service_summary(site, *p, &format!("{base}{slug}/")))
        .collect();
    let title = format!("{}: {label}", site.doc_title(doc));
    (title, json!({ "offer": offer, "filter": label, "services": services }))
}
