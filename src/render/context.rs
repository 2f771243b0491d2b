//! The data every template gets: `site`, `page`, and for generated pages
//! their own lists. Built as JSON values so templates see plain data.

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::model::{DocId, Kind, PageId, Role, Status};
use crate::render::markdown::{Rendered, render_inline, render_plain};
use crate::resolve::Site;
use crate::resolve::structure::{AppendixNode, Route};

/// A date for templates: ISO for `<time datetime>`, words for people.
pub fn date(d: &Option<Date>) -> Value {
    match d {
        Some(d) => json!({ "iso": d.to_string(), "display": display_date(*d) }),
        None => Value::Null,
    }
}

pub fn display_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// Today, from SOURCE_DATE_EPOCH when set, so builds can be reproduced.
pub fn today() -> Date {
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok())
        && let Ok(ts) = jiff::Timestamp::from_second(secs)
    {
        return ts.to_zoned(jiff::tz::TimeZone::UTC).date();
    }
    jiff::Zoned::now().date()
}

pub fn site_value(site: &Site) -> Value {
    let c = &site.config;
    let nav: Vec<Value> = match &c.nav {
        Some(items) => items
            .iter()
            .map(|n| {
                let href = match n.link.strip_prefix("@/") {
                    Some(k) => match site.structure.content_keys.get(&crate::resolve::structure::content_key(k)) {
                        Some(&i) => site.href(&site.structure.routes[i].url),
                        None => site.href(k),
                    },
                    None => n.link.clone(),
                };
                json!({ "title": n.title, "href": href, "url": href })
            })
            .collect(),
        None => {
            let home = site.pages.iter().find(|p| p.role == Role::Home).map(|p| p.id);
            let mut items: Vec<Value> = home
                .and_then(|h| site.structure.children.get(&h))
                .map(|kids| {
                    kids.iter()
                        .filter(|k| site.pages[k.0].role == Role::Section)
                        .map(|k| json!({ "title": site.pages[k.0].title(), "href": site.href(&site.structure.page_url[k.0]), "url": site.structure.page_url[k.0] }))
                        .collect()
                })
                .unwrap_or_default();
            items.push(json!({ "title": "Glossary", "href": site.href("glossary/"), "url": "glossary/" }));
            items
        }
    };
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
        "nav": nav,
        "assets": {
            "stylesheet": site.href("style.css"),
            "highlight": site.href("highlight.css"),
            "search_script": site.href("search.js"),
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

pub fn partner_value(p: &crate::config::Partner) -> Value {
    let role_label = match p.role.as_str() {
        "local-authority" => "Local authority",
        "health" => "Health (integrated care board)",
        "police" => "Police",
        other => other,
    };
    json!({ "role": p.role, "role_label": role_label, "organisation": p.organisation, "unit": p.unit, "lead": p.lead })
}

pub fn contact_value(c: &crate::config::Contact) -> Value {
    let phone_href = c.phone.as_ref().map(|p| {
        let digits: String = p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect();
        // UK numbers are written nationally; tel: links work best international.
        let intl = match digits.strip_prefix('0') {
            Some(rest) if !digits.starts_with("00") => format!("+44{rest}"),
            _ => digits,
        };
        format!("tel:{intl}")
    });
    json!({
        "email": c.email, "email_href": c.email.as_ref().map(|e| format!("mailto:{e}")),
        "phone": c.phone, "phone_href": phone_href,
        "url": c.url, "address": c.address,
    })
}

/// Breadcrumbs from the URL: every prefix that is a page.
pub fn breadcrumbs(site: &Site, url: &str, title: &str) -> Vec<Value> {
    let mut crumbs = Vec::new();
    let mut prefix = String::new();
    let segments: Vec<&str> = url.split('/').filter(|s| !s.is_empty()).collect();
    if !url.is_empty() {
        crumbs.push(json!({ "title": "Home", "href": site.href("") }));
    }
    for (i, seg) in segments.iter().enumerate() {
        prefix.push_str(seg);
        prefix.push('/');
        if i + 1 == segments.len() {
            break;
        }
        if let Some(&r) = site.structure.by_url.get(&prefix) {
            let route = &site.structure.routes[r];
            let page = &site.pages[route.page.0];
            let label = match (&route.view, &page.frontmatter.version) {
                (Some(v), Some(n)) if !v.is_current_alias && page.role == Role::Document => {
                    format!("Version {n}")
                }
                _ => page.title().to_string(),
            };
            crumbs.push(json!({ "title": label, "href": site.href(&prefix) }));
        }
    }
    crumbs.push(json!({ "title": title, "href": site.href(url), "current": true }));
    crumbs
}

fn status_value(status: Status) -> Value {
    json!({ "id": status.name(), "label": status.label() })
}

/// The full context of a content page shown at `route`.
pub fn page_value(site: &Site, route: &Route, rendered: &Rendered) -> Value {
    let page = &site.pages[route.page.0];
    let fm = &page.frontmatter;
    let today = today();
    let review_overdue = fm.review_due.is_some_and(|d| d < today);
    let mut banners: Vec<Value> = Vec::new();
    let doc = route.view.as_ref().map(|v| v.doc);
    let version = doc.and_then(|d| version_value(site, d, route));
    if let Some(v) = &version
        && !v["is_current"].as_bool().unwrap_or(true)
    {
        banners.push(json!({ "kind": "superseded", "html": v["superseded_html"] }));
    }
    match fm.status {
        Status::Draft => banners.push(json!({ "kind": "draft", "html": "<strong>Draft — not yet approved.</strong> This page is a preview and is not published." })),
        Status::Consultation => banners.push(json!({ "kind": "consultation", "html": "<strong>Out for consultation — not yet approved.</strong> This version may change before it is adopted." })),
        Status::Withdrawn => banners.push(json!({ "kind": "withdrawn", "html": "<strong>Withdrawn.</strong> This document no longer applies." })),
        Status::Superseded if version.is_none() => banners.push(json!({ "kind": "superseded", "html": "<strong>Superseded.</strong> This document has been replaced." })),
        _ => {}
    }
    if review_overdue && let Some(d) = fm.review_due {
        banners.push(json!({ "kind": "overdue", "html": format!("<strong>Review overdue since {}.</strong> The partnership has not yet confirmed that this document is up to date.", display_date(d)) }));
    }
    let is_document = matches!(page.role, Role::Document) || page.kind.is_document();
    let show_toc = fm.toc.unwrap_or(is_document) && rendered.toc.len() > 1;
    let appendices = doc.map(|d| appendix_list(site, d, route, page.id)).unwrap_or_default();
    let appendix_of = appendix_parent(site, route);
    let (prev, next) = neighbours(site, route);
    let children: Vec<Value> =
        site.structure.children.get(&page.id).map(|kids| kids.iter().map(|k| listing_item(site, *k)).collect()).unwrap_or_default();
    let title = match &appendix_of {
        Some(a) => format!("{}: {}", a["label"].as_str().unwrap_or(""), fm.title),
        None => fm.title.clone(),
    };
    let description = fm.summary.clone().unwrap_or_else(|| format!("{} — {}", fm.title, site.config.title));
    let print_url = doc.and_then(|d| {
        let v = route.view.as_ref()?;
        let url = format!("{}print/", v.base);
        (site.generated.contains_key(&url) && site.structure.docs[d.0].index == page.id).then(|| site.href(&url))
    });
    json!({
        "title": title,
        "plain_title": fm.title,
        "url": route.url,
        "href": site.href(&route.url),
        "permalink": site.permalink(&route.url),
        "canonical": site.permalink(&route.canonical),
        "kind": page.kind.name(),
        "kind_label": page.kind.label(),
        "role": format!("{:?}", page.role).to_lowercase(),
        "summary": fm.summary,
        "description": description,
        "content": rendered.html,
        "toc": if show_toc { serde_json::to_value(&rendered.toc).unwrap_or(Value::Null) } else { json!([]) },
        "breadcrumbs": breadcrumbs(site, &route.url, &fm.title),
        "status": status_value(fm.status),
        "noindex": matches!(fm.status, Status::Draft | Status::Consultation | Status::Withdrawn),
        "banners": banners,
        "dates": {
            "published": date(&fm.published), "updated": date(&fm.updated),
            "effective": date(&fm.effective), "review_due": date(&fm.review_due),
        },
        "review": { "overdue": review_overdue, "due": date(&fm.review_due) },
        "approved": fm.approved.iter().map(|a| json!({ "by": a.by, "date": date(&a.date) })).collect::<Vec<_>>(),
        "changes": fm.changes.as_deref().map(render_plain),
        "version": version,
        "appendices": appendices,
        "appendix_of": appendix_of,
        "prev": prev,
        "next": next,
        "children": children,
        "print_href": print_url,
        "is_document": is_document,
        "extra": fm.extra,
        "arrangements": if page.kind == Kind::Arrangements { arrangements_value(site, page.id, route) } else { Value::Null },
        "threshold": if page.kind == Kind::Threshold { threshold_value(page) } else { Value::Null },
        "report": if page.kind == Kind::AnnualReport { report_value(page) } else { Value::Null },
        "offer": if page.kind == Kind::LocalOffer { offer_value(site, route) } else { Value::Null },
        "service": if page.kind == Kind::Service { service_value(site, page.id) } else { Value::Null },
    })
}

/// A page as it appears in a listing.
pub fn listing_item(site: &Site, id: PageId) -> Value {
    let p = &site.pages[id.0];
    json!({
        "title": p.title(),
        "href": site.href(&site.structure.page_url[id.0]),
        "summary": p.frontmatter.summary,
        "kind": p.kind.name(),
        "kind_label": p.kind.label(),
        "status": status_value(p.frontmatter.status),
        "version": p.frontmatter.version.as_ref().map(|v| v.to_string()),
        "published": date(&p.frontmatter.published),
        "is_section": p.role == Role::Section,
    })
}

fn version_value(site: &Site, doc: DocId, route: &Route) -> Option<Value> {
    let d = &site.structure.docs[doc.0];
    let (vid, number) = d.version.as_ref()?;
    let v = &site.structure.versioned[vid.0];
    let is_current = v.current == Some(doc);
    let current_href = site.href(&v.base);
    let current = v.current.map(|c| &site.structure.docs[c.0]);
    // Only older versions are superseded; a newer draft or consultation
    // version is a preview, bannered as such.
    let older = current.and_then(|c| c.version.as_ref()).is_some_and(|(_, cn)| number < cn);
    let superseded_html = current.filter(|_| older).map(|c| {
        let p = &site.pages[c.index.0];
        let n = c.version.as_ref().map(|x| x.1.to_string()).unwrap_or_default();
        let published = p.frontmatter.published.map(|d| format!(" (published {})", display_date(d))).unwrap_or_default();
        format!("<strong>This version has been superseded</strong> by <a href=\"{}\">version {n}{published}</a>.", current_href)
    });
    let changes_url = format!("{}changes/", d.base);
    let position = v.versions.iter().position(|x| *x == doc).unwrap_or(0);
    let _ = route;
    Some(json!({
        "number": number.to_string(),
        "is_current": is_current,
        "is_superseded": older,
        "current_href": current_href,
        "pinned_href": site.href(&d.base),
        "history_href": site.href(&format!("{}history/", v.base)),
        "changes_href": site.generated.contains_key(&changes_url).then(|| site.href(&changes_url)),
        "superseded_html": superseded_html,
        "count": v.versions.len(),
        "previous": position.checked_sub(1).map(|i| {
            let p = &site.structure.docs[v.versions[i].0];
            json!({ "number": p.version.as_ref().map(|x| x.1.to_string()), "href": site.href(&p.base) })
        }),
    }))
}

fn appendix_list(site: &Site, doc: DocId, route: &Route, page: PageId) -> Vec<Value> {
    let d = &site.structure.docs[doc.0];
    let base = route.view.as_ref().map(|v| v.base.clone()).unwrap_or_else(|| d.base.clone());
    // A document lists its own appendices; an appendix folder its own.
    let nodes: &[AppendixNode] = site.appendices_of(doc, page).unwrap_or(&[]);
    let mut list: Vec<Value> = nodes
        .iter()
        .map(|n| {
            let p = &site.pages[n.page.0];
            json!({ "label": n.label.display(), "title": p.title(), "href": site.href(&format!("{base}{}", n.rel)), "summary": p.frontmatter.summary })
        })
        .collect();
    if d.index == page && site.pages[page.0].frontmatter.glossary_appendix {
        list.push(json!({ "label": "Glossary", "title": "Terms used in this document", "href": site.href(&format!("{base}{}", crate::resolve::TERMS_APPENDIX)), "summary": Value::Null }));
    }
    list
}

/// For an appendix: "Appendix 1 to <document>".
fn appendix_parent(site: &Site, route: &Route) -> Option<Value> {
    let view = route.view.as_ref()?;
    let d = &site.structure.docs[view.doc.0];
    fn find<'n>(nodes: &'n [AppendixNode], page: PageId, parent: Option<&'n AppendixNode>) -> Option<(&'n AppendixNode, Option<&'n AppendixNode>)> {
        for n in nodes {
            if n.page == page {
                return Some((n, parent));
            }
            if let Some(f) = find(&n.children, page, Some(n)) {
                return Some(f);
            }
        }
        None
    }
    let (node, parent) = find(&d.appendices, route.page, None)?;
    let (parent_title, parent_href) = match parent {
        Some(p) => (format!("{}: {}", p.label.display(), site.pages[p.page.0].title()), site.href(&format!("{}{}", view.base, p.rel))),
        None => (site.pages[d.index.0].title().to_string(), site.href(&view.base)),
    };
    Some(json!({ "label": node.label.display(), "parent_title": parent_title, "parent_href": parent_href }))
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
        let page = &site.pages[p.0];
        let label = site_label(site, view.doc, *p);
        json!({ "title": match label { Some(l) => format!("{l}: {}", page.title()), None => page.title().to_string() }, "href": site.href(&format!("{}{rel}", view.base)) })
    };
    let prev = if i > 0 { item(i - 1) } else { Value::Null };
    let next = if i + 1 < pages.len() { item(i + 1) } else { Value::Null };
    (prev, next)
}

/// "Appendix 1" for an appendix page, `None` for the document itself.
pub fn site_label(site: &Site, doc: DocId, page: PageId) -> Option<String> {
    fn find(nodes: &[AppendixNode], page: PageId) -> Option<String> {
        for n in nodes {
            if n.page == page {
                return Some(n.label.display());
            }
            if let Some(l) = find(&n.children, page) {
                return Some(l);
            }
        }
        None
    }
    find(&site.structure.docs[doc.0].appendices, page)
}

/// The built-in Working Together list from the theme's data.
#[derive(serde::Deserialize, Clone, Debug)]
pub struct Requirement {
    pub id: String,
    pub group: String,
    pub title: String,
    pub description: String,
}

pub fn requirements(theme: &crate::render::theme::Theme) -> Vec<Requirement> {
    theme.data.get("working-together").and_then(|t| serde_saphyr::from_str::<Vec<Requirement>>(t).ok()).unwrap_or_default()
}

fn arrangements_value(site: &Site, id: PageId, route: &Route) -> Value {
    let page = &site.pages[id.0];
    let fm = &page.frontmatter;
    let partners: Vec<Value> = match &fm.partners {
        Some(p) => p.iter().map(partner_value).collect(),
        None => site.config.partnership.as_ref().map(|p| p.statutory_partners.iter().map(partner_value).collect()).unwrap_or_default(),
    };
    let reqs = &site.requirements;
    let href_base = site.href(&route.url);
    let rows: Vec<Value> = reqs
        .iter()
        .map(|r| {
            let mapped = fm.requirements.iter().find(|(k, _, _)| *k == r.id);
            let (href, section) = match mapped {
                Some((_, anchor, _)) => {
                    let a = anchor.trim_start_matches('#');
                    let section = site.anchors[id.0]
                        .numbered
                        .iter()
                        .find(|n| n.id == a)
                        .map(|n| if n.title.is_empty() { format!("Paragraph {}", n.number) } else { n.title.clone() })
                        .unwrap_or_else(|| a.to_string());
                    (Some(format!("#{a}")), Some(section))
                }
                None => (None, None),
            };
            json!({ "id": r.id, "group": r.group, "must": r.group == "must", "title": r.title, "description": r.description, "met": mapped.is_some(), "href": href, "section": section })
        })
        .collect();
    let _ = href_base;
    let missing = rows.iter().filter(|r| !r["met"].as_bool().unwrap_or(false)).count();
    json!({ "partners": partners, "footprint": fm.footprint, "requirements": rows, "missing": missing })
}

fn threshold_value(page: &crate::model::SourcePage) -> Value {
    let levels: Vec<Value> = page
        .frontmatter
        .levels
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "anchor": format!("level-{}", crate::resolve::urls::slugify(&l.id)),
                "name": l.name,
                "summary": l.summary.as_deref().map(render_inline),
                "indicators": l.indicators.iter().map(|i| render_inline(i)).collect::<Vec<_>>(),
                "response": l.response.as_deref().map(render_inline),
            })
        })
        .collect();
    json!({ "levels": levels })
}

fn report_value(page: &crate::model::SourcePage) -> Value {
    let fm = &page.frontmatter;
    json!({
        "period": fm.period.map(|(from, to)| json!({ "from": date(&Some(from)), "to": date(&Some(to)) })),
        "scrutiny": fm.scrutiny.as_ref().map(|s| json!({ "by": s.by, "date": date(&s.date) })),
    })
}

pub fn offer_value(site: &Site, route: &Route) -> Value {
    let Some(view) = &route.view else {
        return Value::Null;
    };
    let d = &site.structure.docs[view.doc.0];
    let page = &site.pages[d.index.0];
    let services: Vec<Value> = d.services.iter().map(|(p, slug)| service_summary(site, *p, &format!("{}{slug}/", view.base))).collect();
    let mut categories: std::collections::BTreeMap<String, (String, usize)> = std::collections::BTreeMap::new();
    for (p, _) in &d.services {
        for c in &site.pages[p.0].frontmatter.categories {
            let e = categories.entry(crate::resolve::urls::slugify(c)).or_insert((category_label(c), 0));
            e.1 += 1;
        }
    }
    let categories: Vec<Value> = categories
        .into_iter()
        .map(
            |(slug, (name, count))| json!({ "id": slug, "name": name, "count": count, "href": site.href(&format!("{}category/{slug}/", view.base)) }),
        )
        .collect();
    let bands: Vec<Value> = crate::resolve::AGE_BANDS
        .iter()
        .map(|(min, max, label)| {
            let count = d.services.iter().filter(|(p, _)| ages_overlap(site, *p, *min, *max)).count();
            json!({ "label": label, "count": count, "href": site.href(&format!("{}ages/{}/", view.base, label.replace(' ', "-"))) })
        })
        .collect();
    json!({
        "offer_for": page.frontmatter.offer_for,
        "statutory_basis": page.frontmatter.statutory_basis,
        "services": services,
        "categories": categories,
        "age_bands": bands,
        "href": site.href(&view.base),
        "title": page.title(),
        "open_referral": site.href(&format!("{}open-referral.json", view.base)),
    })
}

pub fn ages_overlap(site: &Site, p: PageId, min: u32, max: u32) -> bool {
    match &site.pages[p.0].frontmatter.ages {
        Some(a) => a.min <= max && a.max >= min,
        None => true,
    }
}

pub fn category_label(c: &str) -> String {
    let t = c.replace('-', " ");
    let mut chars = t.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

pub fn service_summary(site: &Site, p: PageId, url: &str) -> Value {
    let page = &site.pages[p.0];
    let fm = &page.frontmatter;
    json!({
        "title": page.title(),
        "href": site.href(url),
        "summary": fm.summary,
        "ages": fm.ages.as_ref().map(|a| json!({ "min": a.min, "max": a.max })),
        "categories": fm.categories.iter().map(|c| json!({ "id": crate::resolve::urls::slugify(c), "name": category_label(c) })).collect::<Vec<_>>(),
        "contact": fm.contact.as_ref().map(contact_value),
    })
}

fn service_value(site: &Site, id: PageId) -> Value {
    let page = &site.pages[id.0];
    let fm = &page.frontmatter;
    let mut v = service_summary(site, id, &site.structure.page_url[id.0]);
    v["eligibility"] = json!(fm.eligibility.as_deref().map(render_inline));
    v["cost"] = json!(fm.cost.as_deref().map(render_inline));
    v["how_to_access"] = json!(fm.how_to_access.as_deref().map(render_inline));
    v
}
