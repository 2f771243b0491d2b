//! Phase 3: each page's place in its document; phase 4: the routes (every
//! output URL and the page it shows); phase 5: the URL index, with
//! collisions reported; phase 6: canonical URLs; phase 7: the content
//! keys `@/` links use.

use std::collections::BTreeMap;

use charter_core::model::{DocId, PageId, Role, SourcePage};
use charter_core::urls::{content_key, dir_url, join, parent_dir, slugify};
use charter_core::{Code, Diagnostic, Sink};

use super::documents::page_slug;
use super::tree::{Document, Versioned};
use super::{Route, View};

/// Each page's document and its path below the document's base.
pub(super) type PagePlaces = Vec<Option<(DocId, String)>>;

/// Where each page sits in its document, if it is in one.
pub(super) fn page_places(docs: &[Document], page_count: usize) -> PagePlaces {
    let mut places = vec![None; page_count];
    for (i, doc) in docs.iter().enumerate() {
        places[doc.index.0] = Some((DocId(i), String::new()));
        for step in doc.appendix_tree() {
            places[step.node.page.0] = Some((DocId(i), step.node.rel.clone()));
        }
        for (p, slug) in &doc.services {
            places[p.0] = Some((DocId(i), format!("{slug}/")));
        }
    }
    places
}

/// Every route: one per page, plus the current-version alias of each page
/// of a current version.
pub(super) fn routes(
    pages: &[SourcePage],
    docs: &[Document],
    versioned: &[Versioned],
    places: &PagePlaces,
) -> Vec<Route> {
    let mut routes = Vec::new();
    for page in pages {
        match (page.role, &places[page.id.0]) {
            (Role::Home, _) => routes.push(simple_route(String::new(), page.id)),
            (Role::Section, _) => {
                let dir = parent_dir(&page.content_path);
                let url = match &page.frontmatter.slug {
                    Some(slug) => format!("{}{}/", dir_url(parent_dir(dir)), slugify(slug)),
                    None => dir_url(dir),
                };
                routes.push(simple_route(url, page.id));
            }
            (Role::Page, _) => {
                let url = join(&dir_url(parent_dir(&page.content_path)), &page_slug(page));
                routes.push(simple_route(url, page.id));
            }
            (_, Some((doc_id, rel))) => {
                document_routes(page.id, *doc_id, rel, docs, versioned, &mut routes)
            }
            // An appendix whose document was not built (a draft document
            // without --drafts) is not published either.
            (_, None) => {}
        }
    }
    routes
}

fn simple_route(url: String, page: PageId) -> Route {
    Route { canonical: url.clone(), url, page, view: None, primary: true }
}

/// A document's page at its pinned URL and, for the current version, at
/// the document's own URL too.
fn document_routes(
    page: PageId,
    doc_id: DocId,
    rel: &str,
    docs: &[Document],
    versioned: &[Versioned],
    routes: &mut Vec<Route>,
) {
    let doc = &docs[doc_id.0];
    let pinned = format!("{}{rel}", doc.base);
    let current_base = doc.version.as_ref().and_then(|(vid, _)| {
        let v = &versioned[vid.0];
        (v.current == Some(doc_id)).then(|| v.base.clone())
    });
    let canonical = match &current_base {
        Some(b) => format!("{b}{rel}"),
        None => pinned.clone(),
    };
    let view = View { doc: doc_id, base: doc.base.clone(), is_current_alias: false };
    routes.push(Route {
        url: pinned,
        page,
        view: Some(view),
        primary: true,
        canonical: canonical.clone(),
    });
    if let Some(base) = current_base {
        let view = View { doc: doc_id, base, is_current_alias: true };
        routes.push(Route {
            url: canonical.clone(),
            page,
            view: Some(view),
            primary: false,
            canonical,
        });
    }
}

/// URL → route index; a second page at a taken URL is a collision.
pub(super) fn index_urls(
    routes: &[Route],
    pages: &[SourcePage],
    sink: &Sink,
) -> BTreeMap<String, usize> {
    let mut by_url: BTreeMap<String, usize> = BTreeMap::new();
    for (i, r) in routes.iter().enumerate() {
        match by_url.get(&r.url) {
            Some(&j) if routes[j].page != r.page => {
                let a = &pages[routes[j].page.0];
                let b = &pages[r.page.0];
                sink.push(
                    Diagnostic::error(
                        Code::ContentSlugCollision,
                        format!("{} and {} would both be published at /{}", a.file, b.file, r.url),
                    )
                    .in_file(&b.file)
                    .help("rename one of the files, or give one a different `slug:` in its frontmatter"),
                );
            }
            Some(_) => {}
            None => {
                by_url.insert(r.url.clone(), i);
            }
        }
    }
    by_url
}

/// Per page: its canonical URL, whether it has a primary route (its
/// diagnostics are reported), and whether it is shown at its canonical URL.
pub(super) struct PageUrls {
    pub(super) canonical: Vec<String>,
    pub(super) primary: Vec<bool>,
    pub(super) shown_at_canonical: Vec<bool>,
}

pub(super) fn page_urls(routes: &[Route], page_count: usize) -> PageUrls {
    let mut canonical = vec![String::new(); page_count];
    let mut primary = vec![false; page_count];
    let mut shown_at_canonical = vec![false; page_count];
    for r in routes {
        if r.primary || canonical[r.page.0].is_empty() {
            canonical[r.page.0] = r.canonical.clone();
        }
        primary[r.page.0] |= r.primary;
        shown_at_canonical[r.page.0] |= r.url == r.canonical;
    }
    PageUrls { canonical, primary, shown_at_canonical }
}

/// Content keys for `@/` links: every file's own path, plus the logical
/// (unversioned) path of the current version's pages.
pub(super) fn content_keys(
    routes: &[Route],
    pages: &[SourcePage],
    docs: &[Document],
) -> BTreeMap<String, usize> {
    let mut keys = BTreeMap::new();
    for (i, r) in routes.iter().enumerate() {
        let key = content_key(&pages[r.page.0].content_path);
        match &r.view {
            Some(v) if v.is_current_alias => {
                // "arrangements/masa/v2.0/appendix-1" → "arrangements/masa/appendix-1"
                let dir = parent_dir(&pages[docs[v.doc.0].index.0].content_path);
                if let Some(rest) = key.strip_prefix(dir) {
                    keys.insert(format!("{}{}", parent_dir(dir), rest), i);
                }
            }
            _ => {
                keys.entry(key).or_insert(i);
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::test_pages::pages;

    #[test]
    fn a_current_version_is_served_twice_and_an_old_one_once() {
        let pages = pages(&[
            ("_index.md", Role::Home, ""),
            ("d/v1.0/index.md", Role::Document, "version: \"1.0\""),
            ("d/v2.0/index.md", Role::Document, "version: \"2.0\""),
            ("d/v2.0/appendix-1.md", Role::Appendix, ""),
        ]);
        let s = crate::structure::Structure::build(&pages, &Sink::default());
        let urls: Vec<&str> = s.routes().iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            vec!["", "d/v1.0/", "d/v2.0/", "d/", "d/v2.0/appendix-1/", "d/appendix-1/"]
        );
        assert_eq!(s.url_of(PageId(3)), "d/appendix-1/");
        assert_eq!(s.url_of(PageId(1)), "d/v1.0/");
        assert!(s.content_route("d/appendix-1").is_some_and(|r| r.url == "d/appendix-1/"));
        assert!(s.content_route("d/v1.0").is_some_and(|r| r.url == "d/v1.0/"));
    }

    #[test]
    fn two_pages_at_one_url_collide() {
        let pages = pages(&[("a.md", Role::Page, ""), ("b.md", Role::Page, "slug: a")]);
        let sink = Sink::default();
        crate::structure::Structure::build(&pages, &sink);
        assert_eq!(sink.take()[0].code, Code::ContentSlugCollision);
    }

    /// The routes of one page found by halving are the served routes
    /// that show it: across versions (a page served twice), a page with
    /// no route, and a page whose URL another took first.
    #[test]
    fn a_pages_served_routes_are_found_by_halving() {
        let pages = pages(&[
            ("_index.md", Role::Home, ""),
            ("d/v1.0/index.md", Role::Document, "version: \"1.0\""),
            ("d/v2.0/index.md", Role::Document, "version: \"2.0\""),
            ("d/v2.0/appendix-1.md", Role::Appendix, ""),
            ("lonely/appendix-1.md", Role::Appendix, ""),
            ("a.md", Role::Page, ""),
            ("b.md", Role::Page, "slug: a"),
            ("c.md", Role::Page, ""),
        ]);
        let s = crate::structure::Structure::build(&pages, &Sink::default());
        let mut seen = 0;
        for page in &pages {
            let halved: Vec<&str> = s.served_routes_of(page.id).map(|r| r.url.as_str()).collect();
            let read: Vec<&str> =
                s.served_routes().filter(|r| r.page == page.id).map(|r| r.url.as_str()).collect();
            assert_eq!(halved, read, "{}", page.file);
            seen += halved.len();
        }
        assert_eq!(seen, s.served_routes().count());
        assert_eq!(s.served_routes_of(PageId(3)).count(), 2, "the current version's appendix");
        assert_eq!(s.served_routes_of(PageId(6)).count(), 0, "b.md lost its URL to a.md");
    }
}
