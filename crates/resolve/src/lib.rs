//! Stage 2, resolve: the site's shape (documents, appendices, versions,
//! URLs), the numbered anchors of every page, the rules that turn a
//! reference, a link or a term into a target, and every content rule that
//! needs no template.
//!
//! [`resolve`] turns what `charter-load` read into a [`Site`]; the render
//! stage asks it questions through [`Site`], [`Structure`] and [`Linker`].

pub mod acronyms;
pub mod anchors;
mod generated;
pub mod glossary;
pub mod legislation;
mod links;
mod pdfs;
mod rules;
mod site;
mod source;
mod structure;
pub mod word_starts;
pub mod xref;

pub use source::{AnchorSource, FreshAnchors};

use std::path::PathBuf;

use charter_core::config::Config;
use charter_core::model::{Instrument, Kind, PageId, SourcePage};
use charter_core::{Code, Diagnostic, Sink};
use charter_load::Loaded;
use charter_load::theme::Requirement;
use rayon::prelude::*;

pub use anchors::Anchors;
pub use generated::{
    AGE_BANDS, AZ_ON_PAGE, GENERATED, Generated, TERMS_APPENDIX, a_to_z_routes, az_letter, az_url,
    reviewed_documents, reviews_url,
};
pub use links::{
    LevelOutcome, LinkOutcome, Linker, TEMPLATE_IDS, Twin, is_private_host, private_host_of,
};
pub use pdfs::{PdfFile, pdf_files};
pub use rules::review_overdue;
pub use site::{Redirect, Site};
pub use structure::{
    AppendixNode, AppendixStep, AppendixWalk, Document, Route, Structure, Versioned, View,
};

/// Compiles now the regular expressions references are read with, which
/// are otherwise compiled where first used: there one thread compiles
/// while the other waits for the same one (about 20M instructions, most
/// of a ten-page build's fixed cost). A build calls this beside its load,
/// while a core is free. The hand-number patterns are left to be compiled
/// where used: ASCII numbers are read without them.
pub fn compile_patterns() {
    xref::compile_patterns();
}

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
    /// The theme's legislation table.
    pub legislation: Vec<Instrument>,
}

/// Resolves the site, computing every page's anchors afresh.
pub fn resolve(inputs: Inputs, sink: &Sink) -> Site {
    resolve_with(inputs, sink, &FreshAnchors)
}

/// Resolves the site, taking each page's anchors from `source`.
pub fn resolve_with(inputs: Inputs, sink: &Sink, source: &dyn AnchorSource) -> Site {
    let Inputs { root, config, loaded, requirements, drafts, legislation } = inputs;
    // The pages' anchors are found beside the site's shape and the
    // site-wide tables (the legislation and glossary automata, the
    // generated pages' list): the shape, built on one core before them,
    // kept the other idle for 3 ms of a 1,000-page build and 40 ms of a
    // 10,000-page one. Whether a page's route is primary, which says
    // whether its duplicate numbers are reported, is known after both.
    let (computed, (structure, (legislation, unknown_default), matcher, generated, today)) =
        rayon::join(
            || -> Vec<(Anchors, Vec<Diagnostic>, Option<anchors::PackedEvents>)> {
                loaded.pages.par_iter().map(|p| source.anchors_and_events(p)).collect()
            },
            || {
                let structure = Structure::build(&loaded.pages, sink);
                let generated =
                    generated::generated_pages(&loaded.pages, &structure, &loaded.glossary);
                (
                    structure,
                    legislation::Legislation::new(legislation, &config.legislation),
                    glossary::Matcher::new(&loaded.glossary, &config.glossary.ignore),
                    generated,
                    charter_core::dates::today(),
                )
            },
        );
    let mut anchors = Vec::with_capacity(computed.len());
    let mut parsed = Vec::with_capacity(computed.len());
    for (page, (a, d, events)) in loaded.pages.iter().zip(computed) {
        if structure.is_primary(page.id) {
            sink.extend(d);
        }
        anchors.push(a);
        parsed.push(events);
    }
    let threshold = choose_threshold(&config, &loaded.pages, &structure, sink);
    if let Some(title) = unknown_default {
        sink.push(
            Diagnostic::error(
                Code::ConfigInvalid,
                format!("legislation.default_act `{title}` is not in the legislation table"),
            )
            .in_file("charter.yaml")
            .help("use the title of an Act in the table (`charter explain xref::unknown-act` shows how to see it), or add the Act under `legislation:`"),
        );
    }
    let named = site::named_rows(&loaded.pages, &structure, &legislation, source);
    let parts = site::SiteParts {
        root,
        config,
        pages: loaded.pages,
        glossary: loaded.glossary,
        data: loaded.data,
        content_assets: loaded.content_assets,
        structure,
        anchors,
        parsed,
        requirements,
        drafts,
        today,
        legislation,
        matcher,
        named,
        failed: loaded.failed,
    };
    let mut site = Site::assemble(parts, generated, threshold);
    rules::check(&site, sink);
    site.redirects = rules::redirects(&site, sink);
    site
}

/// The threshold document a "Level N" elsewhere means: the one
/// `thresholds.document` names, else the site's only one.
fn choose_threshold(
    config: &Config,
    pages: &[SourcePage],
    structure: &Structure,
    sink: &Sink,
) -> Option<PageId> {
    let Some(path) = &config.thresholds.document else {
        return single_threshold(pages, structure);
    };
    let key = charter_core::urls::content_key(path.trim_start_matches("@/"));
    let page = structure.content_route(&key).map(|r| r.page);
    match page.filter(|p| !pages[p.0].frontmatter.levels.is_empty()) {
        Some(p) => Some(p),
        None => {
            sink.push(
                Diagnostic::error(
                    Code::ConfigInvalid,
                    format!("thresholds.document `{path}` is not a threshold document with levels"),
                )
                .in_file("charter.yaml")
                .help("give the content path of a page with `kind: threshold` and `levels:`, e.g. thresholds/continuum"),
            );
            None
        }
    }
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
