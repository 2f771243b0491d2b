//! Stage 2, resolve: the site's shape (documents, appendices, versions,
//! URLs), the numbered anchors of every page, and the rules that turn a
//! reference, a link or a term into a target.

pub mod glossary;
pub mod links;
pub mod structure;
pub mod urls;
pub mod xref;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Sink;
use crate::load::Loaded;
use crate::load::data::Data;
use crate::load::glossary::Glossary;
use crate::model::{PageId, SourcePage};
use crate::render::markdown::{self, Anchors};
pub use structure::{AppendixNode, Document, Route, Structure, Versioned, View};

/// The site, resolved: everything a page needs to render.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub pages: Vec<SourcePage>,
    pub glossary: Glossary,
    pub matcher: glossary::Matcher,
    pub data: Data,
    pub content_assets: Vec<String>,
    pub structure: Structure,
    /// Per page: its ids and numbered anchors.
    pub anchors: Vec<Anchors>,
    /// URL path prefix from base_url: "/" or "/sub/".
    pub base_path: String,
    /// The single current threshold document, which "Level 2" links to.
    pub threshold: Option<PageId>,
    pub drafts: bool,
    /// Pages made from the site rather than from one file, by URL.
    pub generated: BTreeMap<String, Generated>,
    /// The theme's Working Together list, for arrangements.
    pub requirements: Vec<crate::render::context::Requirement>,
}

/// A page charter makes itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Generated {
    /// Every version of a versioned document.
    History(crate::model::VersionedId),
    /// What a version changed from the one before.
    Changes(crate::model::DocId),
    /// A document and its appendices on one page; `base` is the view's URL.
    Print {
        doc: crate::model::DocId,
        base: String,
    },
    /// A local offer's services in one category.
    OfferCategory {
        doc: crate::model::DocId,
        category: String,
    },
    /// A local offer's services for one age band.
    OfferAges {
        doc: crate::model::DocId,
        band: usize,
    },
    /// The glossary terms a document uses (`glossary_appendix: true`).
    TermsAppendix {
        doc: crate::model::DocId,
        base: String,
    },
    Glossary,
    Reviews,
    Accessibility,
    Search,
}

/// Where a document's generated glossary appendix lives, below its URL.
pub const TERMS_APPENDIX: &str = "glossary/";

/// Age bands a local offer's services are listed under.
pub const AGE_BANDS: &[(u32, u32, &str)] = &[(0, 4, "0 to 4"), (5, 10, "5 to 10"), (11, 15, "11 to 15"), (16, 17, "16 and 17"), (18, 25, "18 to 25")];

pub fn resolve(root: PathBuf, config: Config, loaded: Loaded, drafts: bool, sink: &Sink) -> Site {
    resolve_cached(root, config, loaded, drafts, sink, &mut Default::default(), false)
}

/// Anchors of earlier builds, by page source hash, with the diagnostics
/// finding them raised.
pub type AnchorCache = std::collections::HashMap<u64, (Anchors, Vec<crate::diagnostics::Diagnostic>)>;

pub fn resolve_cached(root: PathBuf, config: Config, loaded: Loaded, drafts: bool, sink: &Sink, cache: &mut AnchorCache, keep_anchors: bool) -> Site {
    let structure = structure::build(&loaded.pages, sink);
    let previous = &*cache;
    let computed: Vec<(u64, Anchors, Vec<crate::diagnostics::Diagnostic>)> = loaded
        .pages
        .par_iter()
        .map(|p| {
            let primary = structure.primary[p.id.0];
            let key = crate::render::cache::hash_of((crate::render::cache::page_source_hash(p), primary));
            if let Some((a, d)) = previous.get(&key) {
                return (key, a.clone(), d.clone());
            }
            let local = Sink::default();
            let a = markdown::anchors(p, if primary { Some(&local) } else { None });
            (key, a, local.take())
        })
        .collect();
    let mut next = AnchorCache::with_capacity(computed.len());
    let mut anchors = Vec::with_capacity(computed.len());
    let keep = !previous.is_empty() || keep_anchors;
    for (key, a, d) in computed {
        sink.extend(d.iter().cloned());
        if keep {
            next.insert(key, (a.clone(), d));
        }
        anchors.push(a);
    }
    *cache = next;
    let matcher = glossary::Matcher::new(&loaded.glossary, &config.glossary.ignore);
    let thresholds: Vec<PageId> = loaded
        .pages
        .iter()
        .filter(|p| p.kind == crate::model::Kind::Threshold && !p.frontmatter.levels.is_empty())
        .filter(|p| structure.shown_at_canonical[p.id.0])
        .map(|p| p.id)
        .collect();
    let base_path = config.base_path();
    let generated = generated_pages(&loaded.pages, &structure);
    Site {
        generated,
        requirements: Vec::new(),
        root,
        matcher,
        pages: loaded.pages,
        glossary: loaded.glossary,
        data: loaded.data,
        content_assets: loaded.content_assets,
        structure,
        anchors,
        base_path,
        threshold: if thresholds.len() == 1 { Some(thresholds[0]) } else { None },
        drafts,
        config,
    }
}

fn generated_pages(pages: &[SourcePage], s: &Structure) -> BTreeMap<String, Generated> {
    use crate::model::{DocId, Kind};
    let mut out = BTreeMap::new();
    for url in ["glossary/", "reviews/", "search/"] {
        out.insert(
            url.to_string(),
            match url {
                "glossary/" => Generated::Glossary,
                "reviews/" => Generated::Reviews,
                _ => Generated::Search,
            },
        );
    }
    // A site may write its own accessibility statement.
    if !s.by_url.contains_key("accessibility/") {
        out.insert("accessibility/".into(), Generated::Accessibility);
    }
    for (i, v) in s.versioned.iter().enumerate() {
        out.insert(format!("{}history/", v.base), Generated::History(crate::model::VersionedId(i)));
        for pair in v.versions.windows(2) {
            out.insert(format!("{}changes/", s.docs[pair[1].0].base), Generated::Changes(pair[1]));
        }
        // The print page is the current version's: a superseded version is
        // read on screen, where its banner says so.
        if let Some(c) = v.current.filter(|c| !s.docs[c.0].appendices.is_empty()) {
            out.insert(format!("{}print/", v.base), Generated::Print { doc: c, base: v.base.clone() });
        }
    }
    for (i, d) in s.docs.iter().enumerate() {
        let doc = DocId(i);
        // Only a document with appendices needs a page that gathers them: any
        // other page prints as it is, with the print stylesheet.
        if !d.appendices.is_empty() && d.version.is_none() {
            out.insert(format!("{}print/", d.base), Generated::Print { doc, base: d.base.clone() });
        }
        if pages[d.index.0].frontmatter.glossary_appendix {
            let mut bases = vec![d.base.clone()];
            if let Some((vid, _)) = &d.version
                && s.versioned[vid.0].current == Some(doc)
            {
                bases.push(s.versioned[vid.0].base.clone());
            }
            for base in bases {
                out.insert(format!("{base}{TERMS_APPENDIX}"), Generated::TermsAppendix { doc, base: base.clone() });
            }
        }
        if pages[d.index.0].kind == Kind::LocalOffer {
            let mut categories = BTreeSet::new();
            for (p, _) in &d.services {
                categories.extend(pages[p.0].frontmatter.categories.iter().map(|c| urls::slugify(c)));
            }
            let bases: Vec<String> = match &d.version {
                Some((vid, _)) if s.versioned[vid.0].current == Some(doc) => {
                    vec![d.base.clone(), s.versioned[vid.0].base.clone()]
                }
                _ => vec![d.base.clone()],
            };
            for base in bases {
                for c in &categories {
                    out.insert(format!("{base}category/{c}/"), Generated::OfferCategory { doc, category: c.clone() });
                }
                for (band, (min, max, _)) in AGE_BANDS.iter().enumerate() {
                    // Only bands some service covers: an empty page helps no one.
                    let covered = d.services.iter().any(|(p, _)| pages[p.0].frontmatter.ages.as_ref().is_none_or(|a| a.min <= *max && a.max >= *min));
                    if !covered {
                        continue;
                    }
                    out.insert(format!("{base}ages/{}/", AGE_BANDS[band].2.replace(' ', "-")), Generated::OfferAges { doc, band });
                }
            }
        }
    }
    // A page written by the site wins over a generated one.
    out.retain(|url, _| !s.by_url.contains_key(url));
    out
}

impl Site {
    /// Is this page part of a version older than its document's current one?
    pub fn is_superseded(&self, page: PageId) -> bool {
        let Some((doc, _)) = &self.structure.page_doc[page.0] else { return false };
        let Some((vid, number)) = &self.structure.docs[doc.0].version else { return false };
        match self.structure.versioned[vid.0].current {
            Some(c) if c != *doc => self.structure.docs[c.0].version.as_ref().is_some_and(|(_, cn)| number < cn),
            _ => false,
        }
    }

    /// Is this page part of any version but the current one?
    pub fn is_other_version(&self, page: PageId) -> bool {
        let Some((doc, _)) = &self.structure.page_doc[page.0] else { return false };
        let Some((vid, _)) = &self.structure.docs[doc.0].version else { return false };
        self.structure.versioned[vid.0].current != Some(*doc)
    }

    pub fn is_generated_url(&self, url: &str) -> bool {
        self.generated.contains_key(url)
    }

    pub fn page(&self, id: PageId) -> &SourcePage {
        &self.pages[id.0]
    }

    /// Root-relative href for a site-relative URL.
    pub fn href(&self, url: &str) -> String {
        urls::encode_path(&format!("{}{}", self.base_path, url))
    }

    /// Absolute URL for a site-relative URL.
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{}", self.config.absolute_base(), urls::encode_path(url))
    }

    /// The route that shows a page at its canonical URL.
    pub fn canonical_route(&self, id: PageId) -> Option<&Route> {
        let url = &self.structure.page_url[id.0];
        self.structure.by_url.get(url).map(|&i| &self.structure.routes[i])
    }

    /// Ids a link may point at on the page at `url` (None: not a page we know).
    pub fn ids_at(&self, url: &str) -> Option<&BTreeSet<String>> {
        let &i = self.structure.by_url.get(url)?;
        Some(&self.anchors[self.structure.routes[i].page.0].ids)
    }

    /// The appendices of `page` within document `doc`: the document's own
    /// for its index, an appendix folder's for that appendix.
    pub fn appendices_of(&self, doc: crate::model::DocId, page: PageId) -> Option<&[AppendixNode]> {
        let d = &self.structure.docs[doc.0];
        if d.index == page {
            return Some(&d.appendices);
        }
        fn find(nodes: &[AppendixNode], page: PageId) -> Option<&[AppendixNode]> {
            nodes.iter().find_map(|n| if n.page == page { Some(n.children.as_slice()) } else { find(&n.children, page) })
        }
        find(&d.appendices, page)
    }

    /// Every page of a document, index first, appendices depth-first.
    pub fn document_pages(&self, doc: crate::model::DocId) -> Vec<(PageId, String)> {
        let d = &self.structure.docs[doc.0];
        let mut out = vec![(d.index, String::new())];
        fn walk(nodes: &[AppendixNode], out: &mut Vec<(PageId, String)>) {
            for n in nodes {
                out.push((n.page, n.rel.clone()));
                walk(&n.children, out);
            }
        }
        walk(&d.appendices, &mut out);
        out
    }
}

/// Generated pages every site has, by content key, for `@/` links.
pub const GENERATED: &[(&str, &str)] =
    &[("glossary", "glossary/"), ("reviews", "reviews/"), ("accessibility", "accessibility/"), ("search", "search/")];

#[allow(dead_code)]
fn _assert_send(site: &Site) -> &BTreeMap<String, usize> {
    &site.structure.by_url
}
