//! The site, resolved: everything a page needs to render.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use charter_core::config::Config;
use charter_core::model::{Data, DocId, Glossary, PageId, SourcePage};
use charter_core::urls::{content_key, encode_path_into};
use charter_load::FailedPage;
use charter_load::theme::Requirement;
use jiff::civil::Date;

use crate::anchors::{Anchors, PackedEvents};
use crate::generated::Generated;
use crate::glossary::Matcher;
use crate::legislation::Legislation;
use crate::pdfs::PdfFile;
use crate::structure::{AppendixNode, Route, Structure};
use crate::xref::ThresholdNames;

/// The site, resolved: everything a page needs to render.
#[derive(Debug)]
pub struct Site {
    /// The site's folder.
    pub root: PathBuf,
    /// `charter.yaml`.
    pub config: Config,
    pages: Vec<SourcePage>,
    /// The glossary.
    pub glossary: Glossary,
    /// The glossary, compiled for matching.
    pub matcher: Matcher,
    /// The data files.
    pub data: Data,
    /// Non-Markdown files under `content/`, relative to it.
    pub content_assets: Vec<String>,
    structure: Structure,
    anchors: Vec<Anchors>,
    /// Per page, resolve's parse of its body, packed, when it was parsed
    /// in this build, until the render takes it ([`Site::take_parse`]).
    parsed: Vec<Mutex<Option<PackedEvents>>>,
    /// URL path prefix from base_url: "/" or "/sub/".
    pub base_path: String,
    /// The single current threshold document, which "Level 2" links to.
    pub threshold: Option<PageId>,
    /// Drafts and consultation versions are built.
    pub drafts: bool,
    /// Pages made from the site rather than from one file, by URL.
    pub generated: BTreeMap<String, Generated>,
    /// The theme's Working Together list, for arrangements.
    pub requirements: Vec<Requirement>,
    /// The redirects the pages' `aliases` ask for.
    pub redirects: Vec<Redirect>,
    /// The day the build runs (from `SOURCE_DATE_EPOCH` when set).
    pub today: Date,
    /// The PDFs made of document versions, once the PDF stage has made
    /// them (empty when PDFs are not built).
    pub pdfs: BTreeMap<DocId, PdfFile>,
    /// The legislation table, compiled.
    pub legislation: Legislation,
    /// Per page: the table's rows its document names ("the 1989 Act" may
    /// mean one of them).
    named: Vec<BTreeSet<usize>>,
    /// Markdown files that failed to load, by content key: their addresses
    /// stay reserved.
    failed: BTreeMap<String, String>,
    /// The threshold's title and levels, for "Level 3 (targeted support)".
    pub threshold_names: Option<ThresholdNames>,
}

/// The parts a [`Site`] is made of, in the order resolving produces them.
pub(crate) struct SiteParts {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(crate) pages: Vec<SourcePage>,
    pub(crate) glossary: Glossary,
    pub(crate) data: Data,
    pub(crate) content_assets: Vec<String>,
    pub(crate) structure: Structure,
    pub(crate) anchors: Vec<Anchors>,
    pub(crate) parsed: Vec<Option<PackedEvents>>,
    pub(crate) requirements: Vec<Requirement>,
    pub(crate) drafts: bool,
    pub(crate) today: Date,
    pub(crate) legislation: Legislation,
    pub(crate) matcher: Matcher,
    pub(crate) named: Vec<BTreeSet<usize>>,
    pub(crate) failed: Vec<FailedPage>,
}

impl Site {
    pub(crate) fn assemble(
        parts: SiteParts,
        generated: BTreeMap<String, Generated>,
        threshold: Option<PageId>,
    ) -> Site {
        let threshold_names = threshold.map(|t| threshold_names(&parts.pages[t.0]));
        let failed =
            parts.failed.into_iter().map(|f| (content_key(&f.content_path), f.file)).collect();
        Site {
            base_path: parts.config.base_path(),
            root: parts.root,
            config: parts.config,
            pages: parts.pages,
            glossary: parts.glossary,
            matcher: parts.matcher,
            data: parts.data,
            content_assets: parts.content_assets,
            structure: parts.structure,
            anchors: parts.anchors,
            parsed: parts.parsed.into_iter().map(Mutex::new).collect(),
            threshold,
            drafts: parts.drafts,
            generated,
            requirements: parts.requirements,
            redirects: Vec::new(),
            today: parts.today,
            pdfs: BTreeMap::new(),
            legislation: parts.legislation,
            named: parts.named,
            failed,
            threshold_names,
        }
    }

    /// The legislation table's rows named in the document `page` belongs to.
    pub fn named_rows(&self, page: PageId) -> &BTreeSet<usize> {
        &self.named[page.0]
    }

    /// The file that failed to load at a content key, if one did.
    pub fn failed_at(&self, key: &str) -> Option<&str> {
        self.failed.get(key).map(String::as_str)
    }

    /// Every file that failed to load, by content key.
    pub fn failed_files(&self) -> &BTreeMap<String, String> {
        &self.failed
    }

    /// Every page, by id.
    pub fn pages(&self) -> &[SourcePage] {
        &self.pages
    }

    /// One page.
    pub fn page(&self, id: PageId) -> &SourcePage {
        &self.pages[id.0]
    }

    /// The site's shape.
    pub fn structure(&self) -> &Structure {
        &self.structure
    }

    /// A page's ids and numbered anchors.
    pub fn anchors(&self, id: PageId) -> &Anchors {
        &self.anchors[id.0]
    }

    /// Resolve's parse of `page`'s body, packed, if it kept one for this
    /// very body and nothing took it yet: the first render of a page
    /// takes it (`PackedEvents::unpack` gives the events `anchors::parse`
    /// would), and so frees it as the render goes on; any other parses.
    pub fn take_parse(&self, page: &SourcePage) -> Option<PackedEvents> {
        if !Arc::ptr_eq(&self.pages.get(page.id.0)?.body, &page.body) {
            return None;
        }
        self.parsed.get(page.id.0)?.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Frees the Markdown of `pages`, which nothing will render again:
    /// each body becomes empty, and a parse kept of it goes with it.
    pub fn drop_markdown(&mut self, pages: &[PageId]) {
        let empty: Arc<str> = Arc::from("");
        for &p in pages {
            if let Some(page) = self.pages.get_mut(p.0) {
                page.body = empty.clone();
            }
            if let Some(parsed) = self.parsed.get_mut(p.0) {
                *parsed.get_mut().unwrap_or_else(PoisonError::into_inner) = None;
            }
        }
    }

    /// Replaces one page's body and anchors (`serve`'s fast path, for an
    /// edit that left the frontmatter as it was).
    pub fn replace_body(
        &mut self,
        id: PageId,
        body: std::sync::Arc<str>,
        body_line: usize,
        anchors: Anchors,
    ) {
        let page = &mut self.pages[id.0];
        page.body = body;
        page.body_line = body_line;
        self.anchors[id.0] = anchors;
        // The parse kept was of the old body.
        if let Some(parsed) = self.parsed.get_mut(id.0) {
            *parsed.get_mut().unwrap_or_else(PoisonError::into_inner) = None;
        }
    }

    /// Is this page part of a version older than its document's current one?
    pub fn is_superseded(&self, page: PageId) -> bool {
        let Some(doc) = self.structure.doc_of(page) else { return false };
        let Some(number) = self.structure.doc(doc).version_number() else { return false };
        let Some(v) = self.structure.versioned_of(doc) else { return false };
        match v.current {
            Some(c) if c != doc => {
                self.structure.doc(c).version_number().is_some_and(|cn| number < cn)
            }
            _ => false,
        }
    }

    /// Is this page part of any version but the current one?
    pub fn is_other_version(&self, page: PageId) -> bool {
        self.structure.is_other_version(page)
    }

    /// The base of the view a document is printed from, when it has a
    /// print page.
    pub fn print_base(&self, doc: DocId) -> Option<&str> {
        let s = &self.structure;
        let own = std::iter::once(s.doc(doc).base.as_str());
        let bases = own.chain(s.versioned_of(doc).map(|v| v.base.as_str()));
        let mut printed = bases.filter_map(|b| self.generated.get(&format!("{b}print/")));
        printed.find_map(|g| match g {
            Generated::Print { doc: d, base } if *d == doc => Some(base.as_str()),
            _ => None,
        })
    }

    /// Whether `url` is a generated page.
    pub fn is_generated_url(&self, url: &str) -> bool {
        self.generated.contains_key(url)
    }

    /// Root-relative href for a site-relative URL.
    pub fn href(&self, url: &str) -> String {
        let mut out = String::with_capacity(self.base_path.len() + url.len());
        encode_path_into(&mut out, &self.base_path);
        encode_path_into(&mut out, url);
        out
    }

    /// Absolute URL for a site-relative URL.
    pub fn permalink(&self, url: &str) -> String {
        let mut out = self.config.absolute_base();
        encode_path_into(&mut out, url);
        out
    }

    /// Root-relative href of a page's canonical URL.
    pub fn page_href(&self, page: PageId) -> String {
        self.href(self.structure.url_of(page))
    }

    /// Ids a link may point at on the page at `url` (None: not a page we know).
    pub fn ids_at(&self, url: &str) -> Option<&BTreeSet<String>> {
        self.structure.route_at(url).map(|r| &self.anchors[r.page.0].ids)
    }

    /// The route that shows a page at its canonical URL.
    pub fn canonical_route(&self, id: PageId) -> Option<&Route> {
        self.structure.canonical_route(id)
    }

    /// The appendices of `page` within document `doc`.
    pub fn appendices_of(&self, doc: DocId, page: PageId) -> Option<&[AppendixNode]> {
        self.structure.doc(doc).appendices_of(page)
    }

    /// Every page of a document, index first, appendices depth first.
    pub fn document_pages(&self, doc: DocId) -> Vec<(PageId, String)> {
        self.structure.doc(doc).pages()
    }

    /// "Appendix 1" for an appendix page, `None` for the document itself.
    pub fn appendix_label(&self, doc: DocId, page: PageId) -> Option<String> {
        self.structure.doc(doc).appendix(page).map(|n| n.label.display())
    }

    /// The title of a document's `index.md`.
    pub fn doc_title(&self, doc: DocId) -> &str {
        self.page(self.structure.doc(doc).index).title()
    }
}

/// A redirect an alias asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Redirect {
    /// The page it redirects to.
    pub page: PageId,
    /// The alias as written.
    pub alias: String,
    /// The output file: "old/index.html" or "old.html".
    pub path: String,
}

/// A threshold document's title and the names of its levels.
pub(crate) fn threshold_names(page: &SourcePage) -> ThresholdNames {
    ThresholdNames {
        title: page.title().to_string(),
        levels: page.frontmatter.levels.iter().map(|l| (l.id.clone(), l.name.clone())).collect(),
    }
}

/// The texts of a page that may name an Act: its body, `changes:` and `summary:`.
fn own_texts(p: &SourcePage) -> [Option<&str>; 3] {
    let fm = &p.frontmatter;
    [Some(&*p.body), fm.changes.as_deref(), fm.summary.as_deref()]
}

/// Per page, the rows of the legislation table its document names (in
/// any page's text, `changes:` and `summary:`), so that "the 1989 Act"
/// can mean the Act named on another page of the same document. Only
/// documents (or pages outside one) with text that may say "the 1989 Act"
/// are read: nothing else asks which Acts a page names, and reading every
/// page's text with the table's automaton was a twentieth of a build.
pub(crate) fn named_rows(
    pages: &[SourcePage],
    structure: &Structure,
    legislation: &Legislation,
    source: &dyn crate::source::AnchorSource,
) -> Vec<BTreeSet<usize>> {
    use rayon::prelude::*;
    let docs: Vec<Vec<PageId>> =
        structure.docs().iter().map(|d| d.pages().into_iter().map(|(p, _)| p).collect()).collect();
    let mut wanted: Vec<bool> = pages
        .par_iter()
        .map(|p| own_texts(p).into_iter().flatten().any(crate::xref::may_name_by_year))
        .collect();
    for members in &docs {
        if members.iter().any(|p| wanted[p.0]) {
            members.iter().for_each(|p| wanted[p.0] = true);
        }
    }
    let own: Vec<BTreeSet<usize>> = pages
        .par_iter()
        .zip(&wanted)
        .map(|(p, wanted)| {
            if !wanted {
                return BTreeSet::new();
            }
            let name = || {
                let texts = own_texts(p).into_iter().flatten();
                texts.flat_map(|t| legislation.names(t)).map(|m| m.row).collect()
            };
            source.named_rows(p, legislation, &name)
        })
        .collect();
    let mut out = own.clone();
    for members in &docs {
        let all: BTreeSet<usize> = members.iter().flat_map(|p| own[p.0].iter().copied()).collect();
        for &p in members {
            out[p.0] = all.clone();
        }
    }
    out
}
