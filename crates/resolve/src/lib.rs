//! Stage 2, resolve: the site's shape (documents, appendices, versions,
//! URLs), the numbered anchors of every page, the rules that turn a
//! reference, a link or a term into a target, and every content rule that
//! needs no template.
//!
//! [`resolve`] turns what `charter-load` read into a [`Site`]; the render
//! stage asks it questions through [`Site`], [`Structure`] and [`Linker`].

pub mod anchors;
mod generated;
pub mod glossary;
mod links;
mod pdfs;
mod rules;
mod site;
mod structure;
pub mod xref;

use std::path::PathBuf;

use charter_core::config::Config;
use charter_core::model::{Kind, PageId, SourcePage};
use charter_core::{Diagnostic, Sink};
use charter_load::Loaded;
use charter_load::theme::Requirement;
use rayon::prelude::*;

pub use anchors::Anchors;
pub use generated::{AGE_BANDS, GENERATED, Generated, TERMS_APPENDIX};
pub use links::{LinkOutcome, Linker, TEMPLATE_IDS, is_private_host, private_host_of};
pub use pdfs::{PdfFile, pdf_files};
pub use rules::review_overdue;
pub use site::{Redirect, Site};
pub use structure::{
    AppendixNode, AppendixStep, AppendixWalk, Document, Route, Structure, Versioned, View,
};

/// What resolving starts from.
pub struct Inputs {
    /// The site's folder.
    pub root: PathBuf,
    /// `charter.yaml`.
    pub config: Config,
    /// What the load stage read.
    pub loaded: Loaded,
    /// The theme's Working Together list.
    pub requirements: Vec<Requirement>,
    /// Drafts and consultation versions are built.
    pub drafts: bool,
}

/// Where a page's anchors come from: computed afresh, or (in `serve`)
/// from a cache of earlier builds.
pub trait AnchorSource: Sync {
    /// The anchors of `page` and the diagnostics finding them raised
    /// (reported only when `primary`: other routes would repeat them).
    fn anchors(&self, page: &SourcePage, primary: bool) -> (Anchors, Vec<Diagnostic>);
}

/// Anchors computed from each page's Markdown.
pub struct FreshAnchors;

impl AnchorSource for FreshAnchors {
    fn anchors(&self, page: &SourcePage, primary: bool) -> (Anchors, Vec<Diagnostic>) {
        let local = Sink::default();
        let anchors = anchors::page_anchors(page, primary.then_some(&local));
        (anchors, local.take())
    }
}

/// Resolves the site, computing every page's anchors afresh.
pub fn resolve(inputs: Inputs, sink: &Sink) -> Site {
    resolve_with(inputs, sink, &FreshAnchors)
}

/// Resolves the site, taking each page's anchors from `source`.
pub fn resolve_with(inputs: Inputs, sink: &Sink, source: &dyn AnchorSource) -> Site {
    let Inputs { root, config, loaded, requirements, drafts } = inputs;
    let structure = Structure::build(&loaded.pages, sink);
    let computed: Vec<(Anchors, Vec<Diagnostic>)> =
        loaded.pages.par_iter().map(|p| source.anchors(p, structure.is_primary(p.id))).collect();
    let mut anchors = Vec::with_capacity(computed.len());
    for (a, d) in computed {
        sink.extend(d);
        anchors.push(a);
    }
    let generated = generated::generated_pages(&loaded.pages, &structure, &loaded.glossary);
    let threshold = single_threshold(&loaded.pages, &structure);
    let parts = site::SiteParts {
        root,
        config,
        pages: loaded.pages,
        glossary: loaded.glossary,
        data: loaded.data,
        content_assets: loaded.content_assets,
        structure,
        anchors,
        requirements,
        drafts,
        today: charter_core::dates::today(),
    };
    let mut site = Site::assemble(parts, generated, threshold);
    rules::check(&site, sink);
    site.redirects = rules::redirects(&site, sink);
    site
}

/// The single current threshold document, which "Level 2" links to.
fn single_threshold(pages: &[SourcePage], structure: &Structure) -> Option<PageId> {
    let thresholds: Vec<PageId> = pages
        .iter()
        .filter(|p| p.kind == Kind::Threshold && !p.frontmatter.levels.is_empty())
        .filter(|p| structure.is_shown_at_canonical(p.id))
        .map(|p| p.id)
        .collect();
    if thresholds.len() == 1 { Some(thresholds[0]) } else { None }
}
