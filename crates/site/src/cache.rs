//! What `serve` keeps between rebuilds, so that an edit re-renders only the
//! pages it can affect.
//!
//! Each route gets a key: a hash of everything its HTML is made from — its
//! own file, the "face" (title, URL, anchors, dates, status…) of every page
//! it shows or links to, and the site-wide inputs (config, glossary,
//! templates, navigation). Same key, same HTML: the cached bytes and the
//! diagnostics they raised are reused.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use crate::outputs::search::SearchCache;
use charter_core::Diagnostic;
use charter_core::hash::hash_of;
use charter_core::model::{DocId, PageId, SourcePage};
use charter_core::urls::content_key;
use charter_load::LoadCache;
use charter_render::{PageText, Templates};
use charter_resolve::anchors::{Anchors, PackedEvents};
use charter_resolve::legislation::Legislation;
use charter_resolve::{AnchorSource, FreshAnchors, Route, Site};
use regex::Regex;

/// One route's output.
#[derive(Clone, Debug)]
pub(crate) struct CachedRoute {
    pub(crate) key: u64,
    /// The page as delivered, when it was made and the output kept it.
    pub(crate) html: Option<crate::files::Bytes>,
    /// What generated pages need from the page, when this route is the
    /// page's canonical one.
    pub(crate) facts: Option<RouteFacts>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// What a page's canonical route tells the generated pages.
#[derive(Clone, Debug)]
pub(crate) struct RouteFacts {
    pub(crate) page: PageId,
    /// The glossary terms it uses, in order.
    pub(crate) terms: Vec<usize>,
    /// Its text, for search.
    pub(crate) text: std::sync::Arc<PageText>,
    /// Its part of its document's print page, when there is one.
    pub(crate) print: Option<std::sync::Arc<str>>,
}

/// Everything one build leaves for the next (`serve`); a one-off build
/// keeps nothing.
#[derive(Default)]
pub struct SiteCache {
    /// Keep outputs for the next build.
    pub(crate) keep: bool,
    pub(crate) loaded: LoadCache,
    pub(crate) anchors: PageFacts,
    pub(crate) routes: HashMap<String, CachedRoute>,
    pub(crate) generated: HashMap<String, (u64, String)>,
    /// Final-HTML checks, by output path and content hash.
    pub(crate) checked: HashMap<String, (u64, Vec<Diagnostic>)>,
    /// The last full build's site and templates, for the fast path.
    pub(crate) kept: Option<Kept>,
    /// The search index's words and files of records.
    pub(crate) search: SearchCache,
}

/// What the fast path renders with.
pub(crate) struct Kept {
    pub(crate) site: Site,
    pub(crate) templates: Templates,
    /// Each page by its file (`content/about.md`): the fast path finds the
    /// edited page without reading every page of a site gone cold in
    /// memory since the last rebuild (5-15 ms at 10,000 pages).
    pub(crate) by_file: HashMap<String, PageId>,
}

impl Kept {
    pub(crate) fn new(site: Site, templates: Templates) -> Kept {
        let by_file = site.pages().iter().map(|p| (p.file.clone(), p.id)).collect();
        Kept { site, templates, by_file }
    }
}

impl SiteCache {
    /// A cache that keeps what each build made, for the next.
    pub fn keeping() -> SiteCache {
        SiteCache { keep: true, ..Default::default() }
    }

    /// Tells the next build whether a batch of changes only changed files
    /// (`same`: none added, removed or renamed), so that it need not walk
    /// `content/` again; see [`charter_load::LoadCache::tell_same_files`].
    pub fn tell_same_files(&mut self, same: bool) {
        self.loaded.tell_same_files(same);
    }

    /// Whether each of `changed` (paths as a watcher reports them, under
    /// the site at `root`) is a page whose bytes are the ones the last
    /// build read, so that building again would make the same site. One
    /// save often reaches `serve` as two batches of changes (the file
    /// emptied, then written), and the second found nothing new: a whole
    /// rebuild, 800 ms of CPU at 10,000 pages, for no change.
    pub fn unchanged(&self, root: &Path, changed: &[PathBuf]) -> bool {
        let Ok(canonical) = root.canonicalize() else {
            return false;
        };
        !changed.is_empty()
            && changed.iter().all(|p| {
                let Ok(rel) = p.strip_prefix(&canonical) else {
                    return false;
                };
                self.loaded.holds_same(&root.join(rel))
            })
    }
}

/// What resolve learns from each page's text alone, by a hash of that
/// text: its anchors (with their diagnostics) and the Acts it names.
#[derive(Default)]
pub(crate) struct PageFacts {
    anchors: HashMap<u64, (Anchors, Vec<Diagnostic>)>,
    named: HashMap<u64, BTreeSet<usize>>,
}

/// Anchors and named Acts from an earlier build when the page's text is
/// the same (naming Acts reads every page's text with the legislation
/// table's automaton: an eighth of a `serve` rebuild at 10,000 pages).
/// An entry is moved out of the last build's table when used, so that
/// each page's anchors are copied once (for the next build), not twice.
pub(crate) struct CachedAnchors {
    previous: Mutex<PageFacts>,
    next: Mutex<PageFacts>,
    keep: bool,
    /// The legislation table's hash, made once per build, not per page.
    table: std::sync::OnceLock<u64>,
}

impl CachedAnchors {
    pub(crate) fn new(previous: PageFacts, keep: bool) -> Self {
        CachedAnchors {
            previous: Mutex::new(previous),
            next: Mutex::new(PageFacts::default()),
            keep,
            table: std::sync::OnceLock::new(),
        }
    }

    /// What to keep for the next build.
    pub(crate) fn into_next(self) -> PageFacts {
        self.next.into_inner().unwrap_or_default()
    }
}

impl AnchorSource for CachedAnchors {
    fn anchors_and_events(
        &self,
        page: &SourcePage,
    ) -> (Anchors, Vec<Diagnostic>, Option<PackedEvents>) {
        // A one-off build parses every page here and renders it once: the
        // render takes this parse. `serve` keeps its `Site` between builds
        // and reads most anchors from its cache, so it keeps no parse.
        if !self.keep {
            return FreshAnchors.anchors_and_events(page);
        }
        let (a, d) = self.anchors(page);
        (a, d, None)
    }

    fn anchors(&self, page: &SourcePage) -> (Anchors, Vec<Diagnostic>) {
        let make = || FreshAnchors.anchors(page);
        // A one-off build has no earlier build to look in, nor a next to
        // keep for: its pages' text is not hashed.
        if !self.keep {
            return make();
        }
        let key = page_source_hash(page);
        let kept = self.previous.lock().expect("anchor cache poisoned").anchors.remove(&key);
        let found = kept.unwrap_or_else(make);
        self.next.lock().expect("anchor cache poisoned").anchors.insert(key, found.clone());
        found
    }

    fn named_rows(
        &self,
        page: &SourcePage,
        legislation: &Legislation,
        name: &dyn Fn() -> BTreeSet<usize>,
    ) -> BTreeSet<usize> {
        if !self.keep {
            return name();
        }
        let fm = &page.frontmatter;
        let table = *self.table.get_or_init(|| hash_of(legislation.rows()));
        let key = hash_of((&page.body, &fm.changes, &fm.summary, table));
        let kept = self.previous.lock().expect("anchor cache poisoned").named.remove(&key);
        let found = kept.unwrap_or_else(name);
        self.next.lock().expect("anchor cache poisoned").named.insert(key, found.clone());
        found
    }
}

/// The source of a page in full: everything its own rendering reads.
pub(crate) fn page_source_hash(page: &SourcePage) -> u64 {
    hash_of((&page.file, &page.body, &page.frontmatter, page.kind, page.role))
}

/// What other pages see of a page.
pub(crate) fn face_hash(site: &Site, id: PageId) -> u64 {
    let p = site.page(id);
    let fm = &p.frontmatter;
    let a = site.anchors(id);
    hash_of((
        (&fm.title, &fm.summary, p.kind, fm.status, &fm.version),
        (fm.published, fm.review_due, fm.effective, &fm.approved),
        (&fm.weight, &fm.label, site.structure().url_of(id)),
        &a.ids,
        a.numbered.iter().map(|n| (&n.number, &n.id, &n.title)).collect::<Vec<_>>(),
        fm.levels.iter().map(|l| (&l.id, &l.name)).collect::<Vec<_>>(),
        &fm.categories,
        (&fm.ages, &fm.contact),
    ))
}

static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*(@/[^)\s#]*|[^)\s#:]*\.md)").expect("valid regex"));

/// Pages whose face a route's HTML depends on.
fn dependencies(site: &Site, route: &Route) -> BTreeSet<PageId> {
    let s = site.structure();
    let mut deps = BTreeSet::new();
    if let Some(view) = &route.view {
        // Its document: cross-references, appendix lists, previous/next;
        // and every version of it, for the superseded banner and links.
        for d in s.versions_of(view.doc) {
            deps.extend(s.doc(d).pages().into_iter().map(|(p, _)| p));
            deps.extend(s.doc(d).services.iter().map(|(p, _)| *p));
        }
    }
    deps.extend(s.children(route.page).iter().copied());
    // Breadcrumbs: the pages at every prefix of the URL.
    let mut prefix = String::new();
    for seg in route.url.split('/').filter(|s| !s.is_empty()) {
        prefix.push_str(seg);
        prefix.push('/');
        if let Some(r) = s.route_at(&prefix) {
            deps.insert(r.page);
        }
    }
    // Pages it links to.
    let page = site.page(route.page);
    let dir = page.content_path.rfind('/').map(|i| &page.content_path[..i]).unwrap_or("");
    for c in LINK_TARGET.captures_iter(&page.body) {
        let target = &c[1];
        let key = match target.strip_prefix("@/") {
            Some(k) => content_key(k),
            None => content_key(&format!("{dir}/{target}")),
        };
        if let Some(r) = s.content_route(&key) {
            deps.insert(r.page);
        }
    }
    deps.extend(site.threshold);
    deps
}

/// Hashes that make up the keys of one build.
pub(crate) struct Keys {
    pub(crate) global: u64,
    pub(crate) faces: Vec<u64>,
    pub(crate) sources: Vec<u64>,
}

impl Keys {
    /// The key of one route's HTML.
    pub(crate) fn route(&self, site: &Site, route: &Route) -> u64 {
        let deps: Vec<u64> =
            dependencies(site, route).into_iter().map(|p| self.faces[p.0]).collect();
        // The Acts its document names decide what "the 1989 Act" means.
        let named = site.named_rows(route.page);
        hash_of((self.global, self.sources[route.page.0], route, deps, named))
    }

    /// A document's generated pages depend on every page of every version.
    pub(crate) fn document(&self, site: &Site, doc: DocId) -> u64 {
        let s = site.structure();
        let mut parts = Vec::new();
        for d in s.versions_of(doc) {
            for (p, rel) in s.doc(d).pages() {
                parts.push((self.faces[p.0], self.sources[p.0], rel));
            }
            for (p, _) in &s.doc(d).services {
                parts.push((self.faces[p.0], self.sources[p.0], String::new()));
            }
        }
        hash_of((self.global, parts))
    }
}
