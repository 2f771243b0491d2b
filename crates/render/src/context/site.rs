//! `site` for every template, breadcrumbs and listing items.

use charter_core::model::{PageId, Role};
use charter_core::urls::content_key;
use charter_resolve::Site;
use serde_json::{Value, json};

use super::values::{contact_value, date, partner_value, status_value};

/// The site-wide data every template sees as `site`.
pub fn site_value(site: &Site) -> Value {
    let c = &site.config;
    let partnership = c.partnership.as_ref().map(|p| {
        json!({
            "name": p.name,
            "short_name": p.short_name,
            "area": p.area,
            "statutory_partners": p.statutory_partners.iter().map(partner_value).collect::<Vec<_>>(),
            "contact": p.contact.as_ref().map(contact_value),
        })
    });
    json!({
        "title": c.title,
        "language": c.language,
        "description": c.description,
        "base_url": c.absolute_base(),
        "root": site.base_path,
        "partnership": partnership,
        "nav": nav(site),
        "assets": {
            "stylesheet": site.href("style.css"),
            "highlight": site.href("highlight.css"),
            "search_script": site.href("search.js"),
            "search_stem": site.href("search-stem.js"),
        },
        "links": {
            "home": site.href(""),
            "glossary": site.href("glossary/"),
            "search": site.href("search/"),
            "accessibility": site.href("accessibility/"),
            "reviews": site.href("reviews/"),
            "feed": site.href("feed.xml"),
        },
        "drafts": site.drafts,
        "extra": c.extra,
    })
}

/// The top navigation: the config's, or the top-level sections and the glossary.
fn nav(site: &Site) -> Vec<Value> {
    let s = site.structure();
    if let Some(items) = &site.config.nav {
        return items
            .iter()
            .map(|n| {
                let href = match n.link.strip_prefix("@/") {
                    Some(k) => match s.content_route(&content_key(k)) {
                        Some(route) => site.href(&route.url),
                        None => site.href(k),
                    },
                    None => n.link.clone(),
                };
                json!({ "title": n.title, "href": href, "url": href })
            })
            .collect();
    }
    let home = site.pages().iter().find(|p| p.role == Role::Home).map(|p| p.id);
    let mut items: Vec<Value> = home
        .map(|h| {
            s.children(h)
                .iter()
                .filter(|k| site.page(**k).role == Role::Section)
                .map(|k| json!({ "title": site.page(*k).title(), "href": site.page_href(*k), "url": s.url_of(*k) }))
                .collect()
        })
        .unwrap_or_default();
    items.push(json!({ "title": "Glossary", "href": site.href("glossary/"), "url": "glossary/" }));
    items
}

/// Breadcrumbs from the URL: every prefix that is a page (in Tera's
/// values: every content page has them).
pub fn breadcrumbs(site: &Site, url: &str, title: &str) -> Vec<tera::Value> {
    let mut crumbs = Vec::new();
    let mut prefix = String::new();
    let segments: Vec<&str> = url.split('/').filter(|s| !s.is_empty()).collect();
    if !url.is_empty() {
        crumbs.push(tera_map! { "title" => "Home", "href" => site.href("") });
    }
    for seg in segments.iter().take(segments.len().saturating_sub(1)) {
        prefix.push_str(seg);
        prefix.push('/');
        let Some(route) = site.structure().route_at(&prefix) else { continue };
        let page = site.page(route.page);
        let label = match (&route.view, &page.frontmatter.version) {
            (Some(v), Some(n)) if !v.is_current_alias && page.role == Role::Document => {
                format!("Version {n}")
            }
            _ => page.title().to_string(),
        };
        crumbs.push(tera_map! { "title" => label, "href" => site.href(&prefix) });
    }
    crumbs.push(tera_map! { "title" => title, "href" => site.href(url), "current" => true });
    crumbs
}

/// A page as it appears in a listing (in Tera's values: a section page
/// lists its children).
pub fn listing_item(site: &Site, id: PageId) -> tera::Value {
    let p = site.page(id);
    tera_map! {
        "title" => p.title(),
        "href" => site.page_href(id),
        "summary" => p.frontmatter.summary.as_deref(),
        "kind" => p.kind.name(),
        "kind_label" => p.kind.label(),
        "status" => status_value(p.frontmatter.status),
        "version" => p.frontmatter.version.as_ref().map(|v| v.to_string()),
        "published" => date(&p.frontmatter.published),
        "is_section" => p.role == Role::Section,
    }
}
