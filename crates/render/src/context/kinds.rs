//! What each kind of document adds to its page: arrangements' partners
//! and Working Together table, threshold levels, a report's period, a
//! local offer's directory and a service's details.

use std::collections::BTreeMap;

use charter_core::model::{PageId, SourcePage};
use charter_core::urls::slugify;
use charter_resolve::{AGE_BANDS, Route, Site};
use serde_json::{Value, json};

use super::values::{category_label, contact_value, date, partner_value};
use crate::markdown::{Snippets, render_inline};

/// Arrangements: partners, footprint and the Working Together table.
pub(crate) fn arrangements_value(site: &Site, id: PageId) -> Value {
    let fm = &site.page(id).frontmatter;
    let partners: Vec<Value> = match &fm.partners {
        Some(p) => p.iter().map(partner_value).collect(),
        None => site
            .config
            .partnership
            .as_ref()
            .map(|p| p.statutory_partners.iter().map(partner_value).collect())
            .unwrap_or_default(),
    };
    let rows: Vec<Value> = site
        .requirements
        .iter()
        .map(|r| {
            let mapped = fm.requirements.iter().find(|(k, _, _)| *k == r.id);
            let (href, section) = match mapped {
                Some((_, anchor, _)) => {
                    let a = anchor.trim_start_matches('#');
                    let section = site
                        .anchors(id)
                        .section_with_id(a)
                        .map(|n| if n.title.is_empty() { format!("Paragraph {}", n.number) } else { n.title.clone() })
                        .unwrap_or_else(|| a.to_string());
                    (Some(format!("#{a}")), Some(section))
                }
                None => (None, None),
            };
            json!({ "id": r.id, "group": r.group, "must": r.is_must(), "title": r.title, "description": r.description, "met": mapped.is_some(), "href": href, "section": section })
        })
        .collect();
    let missing = rows.iter().filter(|r| !r["met"].as_bool().unwrap_or(false)).count();
    json!({ "partners": partners, "footprint": fm.footprint, "requirements": rows, "missing": missing })
}

/// A threshold's levels of need, their text rendered like the body (terms
/// linked, references checked).
pub(crate) fn threshold_value(page: &SourcePage, snippets: &Snippets) -> Value {
    let levels: Vec<Value> = page
        .frontmatter
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let html = snippets.levels.get(i);
            json!({
                "id": l.id,
                "anchor": format!("level-{}", slugify(&l.id)),
                "name": l.name,
                "summary": html.and_then(|h| h.summary.clone()).or_else(|| l.summary.as_deref().map(render_inline)),
                "indicators": html.map(|h| h.indicators.clone()).unwrap_or_else(|| l.indicators.iter().map(|i| render_inline(i)).collect()),
                "response": html.and_then(|h| h.response.clone()).or_else(|| l.response.as_deref().map(render_inline)),
            })
        })
        .collect();
    json!({ "levels": levels })
}

/// An annual report's period and scrutiny.
pub(crate) fn report_value(page: &SourcePage) -> Value {
    let fm = &page.frontmatter;
    json!({
        "period": fm.period.map(|(from, to)| json!({ "from": date(&Some(from)), "to": date(&Some(to)) })),
        "scrutiny": fm.scrutiny.as_ref().map(|s| json!({ "by": s.by, "date": date(&s.date) })),
    })
}

/// A local offer's directory: services, categories and age bands.
pub fn offer_value(site: &Site, route: &Route) -> Value {
    let Some(view) = &route.view else {
        return Value::Null;
    };
    let d = site.structure().doc(view.doc);
    let page = site.page(d.index);
    let services: Vec<Value> = d
        .services
        .iter()
        .map(|(p, slug)| service_summary(site, *p, &format!("{}{slug}/", view.base)))
        .collect();
    let mut categories: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (p, _) in &d.services {
        for c in &site.page(*p).frontmatter.categories {
            categories.entry(slugify(c)).or_insert((category_label(c), 0)).1 += 1;
        }
    }
    let categories: Vec<Value> = categories
        .into_iter()
        .map(|(slug, (name, count))| {
            json!({ "id": slug, "name": name, "count": count, "href": site.href(&format!("{}category/{slug}/", view.base)) })
        })
        .collect();
    let bands: Vec<Value> = AGE_BANDS
        .iter()
        .map(|(min, max, label)| {
            let count =
                d.services.iter().filter(|(p, _)| ages_overlap(site, *p, *min, *max)).count();
            let href = site.href(&format!("{}ages/{}/", view.base, label.replace(' ', "-")));
            json!({ "label": label, "count": count, "href": href })
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

/// Whether a service covers any age from `min` to `max` (a service with no
/// ages covers all).
pub fn ages_overlap(site: &Site, p: PageId, min: u32, max: u32) -> bool {
    match &site.page(p).frontmatter.ages {
        Some(a) => a.min <= max && a.max >= min,
        None => true,
    }
}

/// A service as the offer lists it.
pub fn service_summary(site: &Site, p: PageId, url: &str) -> Value {
    let page = site.page(p);
    let fm = &page.frontmatter;
    let categories: Vec<Value> = fm
        .categories
        .iter()
        .map(|c| json!({ "id": slugify(c), "name": category_label(c) }))
        .collect();
    json!({
        "title": page.title(),
        "href": site.href(url),
        "summary": fm.summary,
        "ages": fm.ages.as_ref().map(|a| json!({ "min": a.min, "max": a.max })),
        "categories": categories,
        "contact": fm.contact.as_ref().map(contact_value),
    })
}

/// A service's own page: its summary and the details, rendered like the body.
pub(crate) fn service_value(site: &Site, id: PageId, snippets: &Snippets) -> Value {
    let mut v = service_summary(site, id, site.structure().url_of(id));
    v["eligibility"] = json!(snippets.eligibility);
    v["cost"] = json!(snippets.cost);
    v["how_to_access"] = json!(snippets.how_to_access);
    v
}
