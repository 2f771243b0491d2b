//! Every version of a versioned document.

use charter_core::model::{Status, VersionedId};
use charter_resolve::Site;
use serde_json::{Value, json};

use crate::context::date;
use crate::markdown::{PageState, render_changes};

pub(super) fn history_value(site: &Site, vid: VersionedId, title: &str) -> Value {
    let s = site.structure();
    let v = s.versioned(vid);
    // Terms link once across the page, as on any other page.
    let mut state = PageState::default();
    let rows: Vec<Value> = v
        .versions
        .iter()
        .rev()
        .map(|d| {
            let doc = s.doc(*d);
            let fm = &site.page(doc.index).frontmatter;
            let changes_url = format!("{}changes/", doc.base);
            let compare_url = doc.version_number().map(|n| format!("{}compare/v{n}/", v.base));
            let is_current = v.current == Some(*d);
            let status = if is_current {
                Status::Published
            } else if fm.status == Status::Published {
                Status::Superseded
            } else {
                fm.status
            };
            json!({
                "number": doc.version_number().map(|x| x.to_string()),
                "href": site.href(&doc.base),
                "is_current": is_current,
                "status": { "id": status.name(), "label": if is_current { "Current" } else { status.label() } },
                "published": date(&fm.published),
                "effective": date(&fm.effective),
                "review_due": date(&fm.review_due),
                "approved": fm.approved.iter().map(|a| json!({ "by": a.by, "date": date(&a.date) })).collect::<Vec<_>>(),
                // The version's own numbers, linked to its pinned pages.
                "changes": render_changes(site, *d, &mut state),
                "changes_href": site.generated.contains_key(&changes_url).then(|| site.href(&changes_url)),
                "pdf": site.pdfs.get(d).map(|f| json!({ "href": site.href(&f.path), "size": f.size_text() })),
                "compare_href": compare_url.filter(|u| site.generated.contains_key(u)).map(|u| site.href(&u)),
            })
        })
        .collect();
    json!({ "document": { "title": title, "href": site.href(&v.base) }, "versions": rows })
}
