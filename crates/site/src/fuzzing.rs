//! Entry points for the fuzz targets in `fuzz/`: each runs a real stage on
//! arbitrary input in memory. Not part of the CLI.

use std::path::PathBuf;
use std::sync::OnceLock;

use charter_core::Sink;
use charter_core::model::{Frontmatter, Kind, PageId, Role, SourcePage, VersionNumber};
use charter_load::Loaded;
use charter_load::frontmatter;
use charter_render::markdown::{self, RenderOptions};
use charter_render::{Templates, shared_render_agrees};
use charter_resolve::{Inputs, Linker};

const GLOSSARY: &str = "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n  aliases: [Multi Agency Safeguarding Hub]\n- term: SCR\n  senses:\n    - { id: a, expansion: Serious Case Review }\n    - { id: b, expansion: Single Central Record }\n- term: LADO\n  expansion: Local Authority Designated Officer\n";

/// Splits and parses a whole Markdown file as the loader would, and holds
/// the plain reading of its YAML to serde-saphyr's, as frontmatter and as
/// a glossary.
pub fn frontmatter(text: &str) {
    let text = charter_load::normalise_newlines(text.strip_prefix('\u{feff}').unwrap_or(text));
    if let Ok(split) = frontmatter::split(&text, "content/fuzz.md") {
        // The plain reading of YAML is a fast path: never another answer.
        assert!(charter_core::yaml::plain::agrees(split.yaml), "{:?}", split.yaml);
        assert!(frontmatter::plain_reading_agrees(split.yaml), "{:?}", split.yaml);
        // The glossary is read the same way: the same text as a glossary.
        assert!(charter_load::glossary::plain_reading_agrees(split.yaml), "{:?}", split.yaml);
        let _ = frontmatter::parse(split.yaml, "content/fuzz.md", Kind::Page);
    }
}

/// Renders `body` as a document with one appendix whose body is also
/// `body`, with cross-references, glossary linking and every check on,
/// the final-HTML check included; then as two versions of a document, whose
/// current pages are rendered once for both their routes
/// ([`charter_render::render_shared`]): each route's copy must be what
/// rendering that route alone gives.
pub fn render(body: &str) -> String {
    // The render takes resolve's parse, packed: it must be the parse.
    assert!(charter_resolve::anchors::unpacks_to_the_parse(body));
    let sink = Sink::default();
    let site = fuzz_site(
        body,
        &[
            ("doc/index.md", Role::Document, Kind::Arrangements, None),
            ("doc/appendix-a.md", Role::Appendix, Kind::Appendix, None),
        ],
        &sink,
    );
    let mut html = String::new();
    for route in site.structure().routes() {
        let linker = Linker::new(&site, route.page, route.view.as_ref());
        let options = RenderOptions { sink: Some(&sink), ..RenderOptions::plain(true) };
        html.push_str(&markdown::render(site.page(route.page), &linker, &options).html);
    }
    // The final-HTML check reads bytes: the rendered pages, and the body
    // itself as if it were a page of raw markup.
    crate::check::check_page(&site, "doc/index.html", html.as_bytes(), &sink);
    crate::check::check_page(&site, "doc/appendix-a/index.html", body.as_bytes(), &sink);
    shared_render_matches(body);
    html
}

/// A site of `pages` (path, role, kind, version), each with `body`.
fn fuzz_site(
    body: &str,
    pages: &[(&str, Role, Kind, Option<&str>)],
    sink: &Sink,
) -> charter_resolve::Site {
    let config = charter_core::config::parse("title: Fuzz\nbase_url: https://fuzz.example.org/\n")
        .expect("fixed config");
    let glossary = charter_load::glossary::parse(GLOSSARY, sink);
    let pages = pages
        .iter()
        .enumerate()
        .map(|(id, &(path, role, kind, version))| SourcePage {
            id: PageId(id),
            file: format!("content/{path}"),
            content_path: path.to_string(),
            frontmatter: Frontmatter {
                title: "Fuzz".into(),
                version: version.and_then(VersionNumber::parse),
                ..Default::default()
            },
            body: body.into(),
            body_line: 4,
            kind,
            role,
        })
        .collect();
    let loaded = Loaded {
        pages,
        glossary,
        data: Default::default(),
        content_assets: Vec::new(),
        previews_skipped: 0,
        failed: Vec::new(),
    };
    let root = PathBuf::from("/nonexistent-fuzz-root");
    let legislation = charter_load::theme::builtin().legislation();
    let inputs =
        Inputs { root, config, loaded, requirements: Vec::new(), drafts: false, legislation };
    charter_resolve::resolve(inputs, sink)
}

/// The current version's pages of a two-version document, rendered once
/// for their pinned and current routes, match each route rendered alone.
fn shared_render_matches(body: &str) {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    let templates = TEMPLATES.get_or_init(|| {
        Templates::new(&charter_load::theme::builtin(), &Sink::default()).expect("built-in theme")
    });
    let sink = Sink::default();
    let site = fuzz_site(
        body,
        &[
            ("doc/v1.0/index.md", Role::Document, Kind::Arrangements, Some("1.0")),
            ("doc/v2.0/index.md", Role::Document, Kind::Arrangements, Some("2.0")),
            ("doc/v2.0/appendix-a.md", Role::Appendix, Kind::Appendix, None),
        ],
        &sink,
    );
    for page in [PageId(1), PageId(2)] {
        if let Err(e) = shared_render_agrees(&site, templates, page) {
            panic!("{e}");
        }
    }
}

/// Reads CSV text as a data table.
pub fn csv(text: &str) {
    let _ = charter_load::data::parse_csv(text);
}

/// Compares two texts as the changes page does: read into blocks, matched,
/// and written with their changes marked.
pub fn diff(old: &str, new: &str) -> String {
    charter_render::compare::compare_markdown(old, new)
}
