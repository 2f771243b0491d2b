//! `sitemap.xml`: current versions only.

use std::collections::BTreeSet;

use charter_core::html::escape;
use charter_core::model::Status;
use charter_resolve::{Generated, Site};

pub(super) fn sitemap(site: &Site) -> String {
    let s = site.structure();
    let mut urls: BTreeSet<String> = BTreeSet::new();
    for r in s.routes() {
        // Current versions only: a pinned copy of the current version is
        // the same page as the document's own URL.
        let p = site.page(r.page);
        if r.url != r.canonical || p.frontmatter.status == Status::Draft {
            continue;
        }
        if let Some(v) = &r.view
            && s.doc(v.doc).version.is_some()
            && !s.is_current_version(v.doc)
        {
            continue;
        }
        urls.insert(r.url.clone());
    }
    // Changes and compare pages (old and new text side by side) are never
    // listed, nor are print pages and offer filters: only these.
    for (url, g) in &site.generated {
        if matches!(
            g,
            Generated::Glossary
                | Generated::Reviews(1)
                | Generated::Accessibility
                | Generated::History(_)
        ) {
            urls.insert(url.clone());
        }
    }
    // A document's PDF at its lasting address: the current version's, or
    // an unversioned document's own.
    for f in site.pdfs.values() {
        match &f.current_path {
            Some(current) => urls.insert(current.clone()),
            None if s.doc(f.doc).version.is_none() => urls.insert(f.path.clone()),
            None => false,
        };
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&site.permalink(&u))));
    }
    out.push_str("</urlset>\n");
    out
}
