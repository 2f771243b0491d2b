//! The local offers as Open Referral UK JSON, for other directories.

use charter_core::model::{DocId, Kind, PageId};
use charter_render::context::category_label;
use charter_resolve::Site;
use serde_json::{Value, json};

/// `open-referral.json` beside each local offer (and its current URL).
pub(super) fn add(site: &Site, files: &mut Vec<(String, Vec<u8>)>) {
    let s = site.structure();
    for (i, d) in s.docs().iter().enumerate() {
        if site.page(d.index).kind != Kind::LocalOffer {
            continue;
        }
        let services: Vec<Value> = d
            .services
            .iter()
            .map(|(p, slug)| service(site, *p, &format!("{}{slug}/", d.base)))
            .collect();
        let value = json!({ "total_items": services.len(), "content": services });
        let body = serde_json::to_string_pretty(&value).unwrap_or_default();
        files.push((format!("{}open-referral.json", d.base), body.clone().into_bytes()));
        if s.is_current_version(DocId(i))
            && let Some(v) = s.versioned_of(DocId(i))
        {
            files.push((format!("{}open-referral.json", v.base), body.into_bytes()));
        }
    }
}

fn service(site: &Site, p: PageId, url: &str) -> Value {
    let org_id = format!("{}organisation", site.config.absolute_base());
    let organisation = site
        .config
        .partnership
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| site.config.title.clone());
    let page = site.page(p);
    let fm = &page.frontmatter;
    let url = site.permalink(url);
    let contact = fm.contact.clone().unwrap_or_default();
    let eligibility = fm.ages.as_ref().map(|a| {
        vec![json!({ "id": format!("{url}#eligibility"), "minimum_age": a.min, "maximum_age": a.max })]
    });
    let contacts = contact.phone.as_ref().map(|ph| {
        vec![json!({ "id": format!("{url}#contact"), "phones": [{ "id": format!("{url}#phone"), "number": ph }] })]
    });
    let locations = contact.address.as_ref().map(|a| {
        vec![json!({ "id": format!("{url}#location"), "location": { "id": format!("{url}#address"), "name": page.title(), "physical_addresses": [{ "id": format!("{url}#physical"), "address_1": a }] } })]
    });
    let taxonomies: Vec<Value> = fm
        .categories
        .iter()
        .map(|c| json!({ "id": format!("{url}#{c}"), "taxonomy": { "id": c, "name": category_label(c), "vocabulary": "charter-categories" } }))
        .collect();
    json!({
        "id": url,
        "organization": { "id": org_id, "name": organisation },
        "name": page.title(),
        "description": fm.summary.clone().unwrap_or_default(),
        "url": contact.url.clone().unwrap_or(url.clone()),
        "email": contact.email,
        "status": "active",
        "fees": fm.cost,
        "eligibility_description": fm.eligibility,
        "application_process": fm.how_to_access,
        "eligibilitys": eligibility.unwrap_or_default(),
        "contacts": contacts.unwrap_or_default(),
        "service_at_locations": locations.unwrap_or_default(),
        "service_taxonomys": taxonomies,
    })
}
