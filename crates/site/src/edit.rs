//! `serve`'s fast path for the commonest edit: the text of one page
//! changed and its frontmatter did not.

use std::path::Path;

use charter_core::Sink;
use charter_core::diagnostics::display_path;
use charter_render::render_route;
use charter_resolve::anchors::page_anchors;

use crate::cache::SiteCache;

/// Renders the edited page's routes from the last full build's site, so
/// the browser can reload at once; the full (cached) rebuild that follows
/// brings everything that depends on the page (print page, search index,
/// glossary "Used in", pages linking to a changed heading) up to date.
/// `None` when the edit is anything else, or when the page now has an
/// error: the full rebuild reports it.
pub fn render_edit(changed: &Path, cache: &mut SiteCache) -> Option<Vec<(String, Vec<u8>)>> {
    let kept = cache.kept.as_mut()?;
    let root = kept.site.root.clone();
    let canonical_root = root.canonicalize().ok()?;
    let changed = changed.canonicalize().ok()?;
    let rel = display_path(&canonical_root, &changed);
    let id = *kept.by_file.get(&rel)?;
    let old = kept.site.page(id);
    let sink = Sink::default();
    let new = charter_load::reread_page(&root, &old.file, &cache.loaded, &sink)?;
    let same_place =
        new.kind == old.kind && new.role == old.role && new.frontmatter == old.frontmatter;
    if !same_place || sink.has_errors() {
        return None;
    }
    let mut page = new;
    page.id = id;
    let anchors = page_anchors(&page, None);
    kept.site.replace_body(id, page.body, page.body_line, anchors);
    let site = &kept.site;
    let mut out = Vec::new();
    for route in site.structure().served_routes_of(id) {
        // The fast reload shows the page; its print part follows with the
        // full rebuild.
        let (html, _) = render_route(site, &kept.templates, route, &sink, false);
        out.push((format!("{}index.html", route.url), html?.into_bytes()));
    }
    if sink.has_errors() || out.is_empty() {
        return None;
    }
    Some(out)
}
