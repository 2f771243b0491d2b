//! The shape of the site: documents, appendices, versions, and the URL of
//! every page. Built in named phases (`Structure::build`), each a function
//! of the one before; asked about through methods.

mod documents;
mod listings;
mod routes;
#[cfg(test)]
pub(crate) mod test_pages;
mod tree;

use std::collections::BTreeMap;

use charter_core::Sink;
use charter_core::model::{DocId, PageId, SourcePage, VersionedId};

pub use tree::{AppendixNode, AppendixStep, AppendixWalk, Document, Versioned};

/// How a page of a document is being shown: at its pinned version URL or as
/// the current version, which decides where its cross-references point.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct View {
    /// The document (version) shown.
    pub doc: DocId,
    /// Site-relative URL of the document in this view.
    pub base: String,
    /// Shown at the versioned document's own URL as its current version.
    pub is_current_alias: bool,
}

/// One page of output.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Route {
    /// Site-relative URL.
    pub url: String,
    /// The page it shows.
    pub page: PageId,
    /// The document view, for pages of documents.
    pub view: Option<View>,
    /// The route that reports the page's diagnostics; the current-version
    /// copy of a page would only repeat them.
    pub primary: bool,
    /// The URL the page's `<link rel=canonical>` names.
    pub canonical: String,
}

/// The shape of the whole site.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Structure {
    docs: Vec<Document>,
    versioned: Vec<Versioned>,
    page_doc: routes::PagePlaces,
    routes: Vec<Route>,
    by_url: BTreeMap<String, usize>,
    page_url: Vec<String>,
    children: BTreeMap<PageId, Vec<PageId>>,
    primary: Vec<bool>,
    shown_at_canonical: Vec<bool>,
    content_keys: BTreeMap<String, usize>,
}

impl Structure {
    /// The structure of `pages`, reporting version mismatches, duplicate
    /// appendix labels and URL collisions to `sink`.
    pub fn build(pages: &[SourcePage], sink: &Sink) -> Structure {
        let by_path: documents::ByPath<'_> =
            pages.iter().map(|p| (p.content_path.as_str(), p.id)).collect();
        let (mut docs, groups) = documents::documents(pages, &by_path, sink);
        let versioned = documents::versioned(&mut docs, groups, pages);
        let page_doc = routes::page_places(&docs, pages.len());
        let routes = routes::routes(pages, &docs, &versioned, &page_doc);
        let by_url = routes::index_urls(&routes, pages, sink);
        let urls = routes::page_urls(&routes, pages.len());
        let content_keys = routes::content_keys(&routes, pages, &docs);
        let children = listings::listings(pages, &page_doc, &docs, &versioned);
        Structure {
            docs,
            versioned,
            page_doc,
            routes,
            by_url,
            page_url: urls.canonical,
            children,
            primary: urls.primary,
            shown_at_canonical: urls.shown_at_canonical,
            content_keys,
        }
    }

    /// Every document (each version of a versioned one is its own).
    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    /// One document.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0]
    }

    /// Every versioned document.
    pub fn versioned_docs(&self) -> &[Versioned] {
        &self.versioned
    }

    /// One versioned document.
    pub fn versioned(&self, id: VersionedId) -> &Versioned {
        &self.versioned[id.0]
    }

    /// The versioned document `doc` is a version of.
    pub fn versioned_of(&self, doc: DocId) -> Option<&Versioned> {
        self.docs[doc.0].version.as_ref().map(|(vid, _)| &self.versioned[vid.0])
    }

    /// Every version of the document `doc` belongs to (just `doc` when it
    /// is not versioned).
    pub fn versions_of(&self, doc: DocId) -> Vec<DocId> {
        match self.versioned_of(doc) {
            Some(v) => v.versions.clone(),
            None => vec![doc],
        }
    }

    /// Whether `doc` is the current version of its versioned document.
    pub fn is_current_version(&self, doc: DocId) -> bool {
        self.versioned_of(doc).is_some_and(|v| v.current == Some(doc))
    }

    /// Whether a page is part of a version other than its document's
    /// current one.
    pub fn is_other_version(&self, page: PageId) -> bool {
        let Some(doc) = self.doc_of(page) else { return false };
        self.versioned_of(doc).is_some_and(|v| v.current != Some(doc))
    }

    /// The document a page belongs to and its path below the document's base.
    pub fn place_of(&self, page: PageId) -> Option<(DocId, &str)> {
        self.page_doc[page.0].as_ref().map(|(d, rel)| (*d, rel.as_str()))
    }

    /// The document a page belongs to.
    pub fn doc_of(&self, page: PageId) -> Option<DocId> {
        self.page_doc[page.0].as_ref().map(|(d, _)| *d)
    }

    /// Every route, in page order.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// The routes that are served: the first route at each URL.
    pub fn served_routes(&self) -> impl Iterator<Item = &Route> {
        self.served_among(0..self.routes.len())
    }

    /// The served routes of one page. Routes are in page order, so they
    /// are found by halving: `serve`'s fast path looked through every
    /// route of a 10,000-page site, whose memory had gone cold between
    /// edits, for 10-30 ms of each reload.
    pub fn served_routes_of(&self, page: PageId) -> impl Iterator<Item = &Route> {
        let from = self.routes.partition_point(|r| r.page < page);
        let len = self.routes[from..].partition_point(|r| r.page == page);
        self.served_among(from..from + len)
    }

    /// The served routes among `self.routes[range]`.
    fn served_among(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Route> {
        let from = range.start;
        self.routes[range]
            .iter()
            .enumerate()
            .filter(move |(k, r)| self.by_url.get(&r.url) == Some(&(from + k)))
            .map(|(_, r)| r)
    }

    /// The route served at `url`.
    pub fn route_at(&self, url: &str) -> Option<&Route> {
        self.by_url.get(url).map(|&i| &self.routes[i])
    }

    /// Whether a page is served at `url`.
    pub fn has_url(&self, url: &str) -> bool {
        self.by_url.contains_key(url)
    }

    /// A page's canonical URL (the current view for the current version).
    pub fn url_of(&self, page: PageId) -> &str {
        &self.page_url[page.0]
    }

    /// The route that shows a page at its canonical URL.
    pub fn canonical_route(&self, page: PageId) -> Option<&Route> {
        self.route_at(&self.page_url[page.0])
    }

    /// The pages, documents and sections listed on a section page.
    pub fn children(&self, page: PageId) -> &[PageId] {
        self.children.get(&page).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the page has a primary route (its diagnostics are reported).
    pub fn is_primary(&self, page: PageId) -> bool {
        self.primary[page.0]
    }

    /// Whether the page is shown at its canonical URL.
    pub fn is_shown_at_canonical(&self, page: PageId) -> bool {
        self.shown_at_canonical[page.0]
    }

    /// The route a content key (`@/` link without `@/`) names.
    pub fn content_route(&self, key: &str) -> Option<&Route> {
        self.content_keys.get(key).map(|&i| &self.routes[i])
    }
}
