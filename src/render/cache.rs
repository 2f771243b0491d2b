//! What `serve` keeps between rebuilds, so that an edit re-renders only the
//! pages it can affect.
//!
//! Each route gets a key: a hash of everything its HTML is made from — its
//! own file, the "face" (title, URL, anchors, dates, status…) of every page
//! it shows or links to, and the site-wide inputs (config, glossary,
//! templates, navigation). Same key, same HTML: the cached bytes and the
//! diagnostics they raised are reused.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::model::{PageId, SourcePage};
use crate::resolve::structure::{Route, content_key};
use crate::resolve::{AppendixNode, Site};

/// One route's output.
#[derive(Clone, Debug)]
pub struct CachedRoute {
    pub key: u64,
    pub html: Option<String>,
    pub facts: Option<(PageId, BTreeSet<usize>, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Outputs of earlier builds, by route URL; and anchors by page text.
#[derive(Default, Debug)]
pub struct RenderCache {
    /// Keep outputs for the next build (`serve`); a one-off build does not.
    pub keep: bool,
    pub routes: HashMap<String, CachedRoute>,
    pub anchors: crate::resolve::AnchorCache,
    pub generated: HashMap<String, (u64, String)>,
    /// Parsed source files, by path and modification time.
    pub loaded: crate::load::LoadCache,
    /// Final-HTML checks, by output path and content hash.
    pub checked: HashMap<String, (u64, Vec<Diagnostic>)>,
    /// The last full build's site and templates, for `serve`'s fast path
    /// (`pipeline::render_edit`).
    pub kept: Option<Kept>,
}

/// What the fast path renders with.
pub struct Kept {
    pub site: Site,
    pub templates: super::Templates,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept").field("pages", &self.site.pages.len()).finish_non_exhaustive()
    }
}

impl RenderCache {
    /// A cache that keeps what each build made, for the next.
    pub fn keeping() -> RenderCache {
        RenderCache { keep: true, ..Default::default() }
    }
}

pub fn hash_of(value: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The source of a page in full: everything its own rendering reads.
pub fn page_source_hash(page: &SourcePage) -> u64 {
    hash_of((&page.file, &page.body, format!("{:?}", page.frontmatter), page.kind, format!("{:?}", page.role)))
}

/// What other pages see of a page.
pub fn face_hash(site: &Site, id: PageId) -> u64 {
    let p = &site.pages[id.0];
    let fm = &p.frontmatter;
    let a = &site.anchors[id.0];
    hash_of((
        (&fm.title, &fm.summary, p.kind, fm.status, fm.version.as_ref().map(|v| v.to_string())),
        format!("{:?}{:?}{:?}{:?}", fm.published, fm.review_due, fm.effective, fm.approved),
        (&fm.weight, &fm.label, &site.structure.page_url[id.0]),
        &a.ids,
        a.numbered.iter().map(|n| (&n.number, &n.id, &n.title)).collect::<Vec<_>>(),
        fm.levels.iter().map(|l| &l.id).collect::<Vec<_>>(),
        &fm.categories,
        format!("{:?}{:?}", fm.ages, fm.contact),
    ))
}

static LINK_TARGET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\(\s*(@/[^)\s#]*|[^)\s#:]*\.md)").expect("valid regex"));

/// Pages whose face a route's HTML depends on.
pub fn dependencies(site: &Site, route: &Route) -> BTreeSet<PageId> {
    let mut deps = BTreeSet::new();
    let page = &site.pages[route.page.0];
    if let Some(view) = &route.view {
        // Its document: cross-references, appendix lists, previous/next;
        // and every version of it, for the superseded banner and links.
        let doc = &site.structure.docs[view.doc.0];
        let docs = match &doc.version {
            Some((vid, _)) => site.structure.versioned[vid.0].versions.clone(),
            None => vec![view.doc],
        };
        for d in docs {
            deps.extend(site.document_pages(d).into_iter().map(|(p, _)| p));
            deps.extend(site.structure.docs[d.0].services.iter().map(|(p, _)| *p));
        }
    }
    if let Some(children) = site.structure.children.get(&route.page) {
        deps.extend(children.iter().copied());
    }
    // Breadcrumbs: the pages at every prefix of the URL.
    let mut prefix = String::new();
    for seg in route.url.split('/').filter(|s| !s.is_empty()) {
        prefix.push_str(seg);
        prefix.push('/');
        if let Some(&i) = site.structure.by_url.get(&prefix) {
            deps.insert(site.structure.routes[i].page);
        }
    }
    // Pages it links to.
    let dir = page.content_path.rfind('/').map(|i| &page.content_path[..i]).unwrap_or("");
    for c in LINK_TARGET.captures_iter(&page.body) {
        let target = &c[1];
        let key = match target.strip_prefix("@/") {
            Some(k) => content_key(k),
            None => content_key(&format!("{dir}/{target}")),
        };
        if let Some(&i) = site.structure.content_keys.get(&key) {
            deps.insert(site.structure.routes[i].page);
        }
    }
    if let Some(t) = site.threshold {
        deps.insert(t);
    }
    deps
}

/// The key of one route's HTML.
pub fn route_key(site: &Site, route: &Route, global: u64, faces: &[u64], sources: &[u64]) -> u64 {
    let deps: Vec<u64> = dependencies(site, route).into_iter().map(|p| faces[p.0]).collect();
    hash_of((global, sources[route.page.0], &route.url, &route.canonical, route.primary, format!("{:?}", route.view), deps))
}

/// Every appendix node of a tree, for hashing a document's shape.
pub fn appendix_shape(nodes: &[AppendixNode], out: &mut Vec<(PageId, String)>) {
    for n in nodes {
        out.push((n.page, n.label.display()));
        appendix_shape(&n.children, out);
    }
}
