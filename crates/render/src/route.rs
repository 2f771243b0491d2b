//! One content page: its Markdown through the passes, then its template.

use charter_core::Sink;
use charter_core::model::{PageId, Role, SourcePage};
use charter_core::twin::BaseMark;
use charter_core::urls::encode_path_into;
use charter_resolve::{Linker, Route, Site};

use crate::context;
use crate::generated::{print_side, print_view};
use crate::markdown::{self, RenderOptions, Rendered};
use crate::templates::{Shortcodes, Templates};

/// One route's page: its Markdown rendered, then its template. Diagnostics
/// go to `sink` only for a page's primary route, so that versions and
/// aliases of a page do not repeat them. With `with_print` (the page's
/// canonical route), its part of its document's print page is rendered in
/// the same pass, into `Rendered::print_html`.
pub fn render_route(
    site: &Site,
    templates: &Templates,
    route: &Route,
    sink: &Sink,
    with_print: bool,
) -> (Option<String>, Rendered) {
    let rendered = render_markdown(site, templates, route, sink, with_print, None);
    let html = render_in_template(site, templates, route, &rendered, sink);
    (html, rendered)
}

/// A page's Markdown rendered once for every route of it: a current page
/// is shown at its pinned version and at its current alias, whose HTML
/// differs only in hrefs to the document's other pages (rendering it for
/// each was 2% of the standard corpus's instructions).
/// Each route takes its own copy with [`SharedRender::for_route`].
pub struct SharedRender {
    rendered: Rendered,
    mark: BaseMark,
}

/// [`SharedRender`] of `route`'s page, its diagnostics reported as
/// `route`'s (the page's primary route), with the print part when a
/// route that takes it (the canonical one) is among those it serves.
pub fn render_shared(
    site: &Site,
    templates: &Templates,
    route: &Route,
    sink: &Sink,
    with_print: bool,
) -> SharedRender {
    let mark = BaseMark::new();
    let rendered = render_markdown(site, templates, route, sink, with_print, Some(&mark));
    SharedRender { rendered, mark }
}

impl SharedRender {
    /// The render as `route` shows it: its view's base filled in, and
    /// the print part only with `with_print`.
    pub fn for_route(&self, route: &Route, with_print: bool) -> Rendered {
        // Encoded as `Site::href` encodes the address the mark stands in.
        let mut base = String::new();
        if let Some(view) = &route.view {
            encode_path_into(&mut base, &view.base);
        }
        self.rendered.in_view(&self.mark, &base, with_print)
    }
}

/// Holds [`render_shared`] to rendering each route alone, for the tests
/// and the `markdown` fuzz target: `page`'s routes, its primary route
/// leading, each given its copy of the shared render (the canonical one
/// with the print part). Each copy, in the order of the site's served
/// routes, or what differed: page, contents, summary or print part.
pub fn shared_render_agrees(
    site: &Site,
    templates: &Templates,
    page: PageId,
) -> Result<Vec<Rendered>, String> {
    let routes: Vec<&Route> = site.structure().served_routes().filter(|r| r.page == page).collect();
    let Some(lead) = routes.iter().find(|r| r.primary) else { return Ok(Vec::new()) };
    let shared = render_shared(site, templates, lead, &Sink::default(), true);
    let mut copies = Vec::with_capacity(routes.len());
    for route in routes {
        let canonical = route.url == route.canonical;
        let (_, alone) = render_route(site, templates, route, &Sink::default(), canonical);
        let copy = shared.for_route(route, canonical);
        let differs = [
            ("page", copy.html != alone.html),
            ("contents", copy.toc != alone.toc),
            ("summary", copy.snippets.summary != alone.snippets.summary),
            ("print part", copy.print_html != alone.print_html),
        ];
        if let Some((what, _)) = differs.iter().find(|(_, d)| *d) {
            return Err(format!("the shared render's {what} differs at /{}", route.url));
        }
        copies.push(copy);
    }
    Ok(copies)
}

fn render_markdown(
    site: &Site,
    templates: &Templates,
    route: &Route,
    sink: &Sink,
    with_print: bool,
    mark: Option<&BaseMark>,
) -> Rendered {
    let shortcodes = Shortcodes { templates, data: &site.data };
    let linker = Linker {
        base_mark: mark.map(BaseMark::as_str),
        ..Linker::new(site, route.page, route.view.as_ref())
    };
    let options = RenderOptions {
        sink: route.primary.then_some(sink),
        shortcodes: Some(&shortcodes),
        ..RenderOptions::plain(true)
    };
    render_page(site, &linker, &options, with_print)
}

/// A route's page: its rendered Markdown in its template.
pub fn render_in_template(
    site: &Site,
    templates: &Templates,
    route: &Route,
    rendered: &Rendered,
    sink: &Sink,
) -> Option<String> {
    let page = site.page(route.page);
    let page_value = context::page_value(site, route, rendered);
    templates.render_page(template_for(page), page_value, &rendered.html, sink, &page.file)
}

/// A page rendered for its route, and its part of its document's print
/// page with it when the document has one and `with_print` asks for it.
fn render_page(
    site: &Site,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    with_print: bool,
) -> Rendered {
    let page = site.page(linker.page);
    let part = site.structure().doc_of(linker.page).and_then(|doc| {
        let base = site.print_base(doc).filter(|_| with_print)?;
        Some((doc, print_view(site, doc, base)))
    });
    let Some((doc, view)) = part else { return markdown::render(page, linker, options) };
    let print = print_side(site, doc, &view, linker.page);
    markdown::render_with_print(page, linker, options, &print)
}

fn template_for(page: &SourcePage) -> &'static str {
    match page.role {
        Role::Home => "home.html",
        Role::Section => "section.html",
        _ => "page.html",
    }
}

#[cfg(test)]
mod tests {
    use charter_resolve::View;

    use super::*;
    use crate::markdown::test_site::site;

    const INDEX: &str = "## 1. Purpose {#purpose}\n\n1.1 See paragraph 2.1 of Appendix 1, Appendix 1 and section 2.[^a]\n\n1.2 See [the appendix](appendix-1.md#para-2-1), [the purpose](#purpose), [all of it](appendix-1.md), [the top](#main) and [another page](/other/).\n\n| Quarter | Cases |\n|---|---|\n| Q1 | 3 |\n\n## 2. Scope\n\n2.1 Text about the MASH.\n\n[^a]: A note naming paragraph 1.2.\n";
    const APPENDIX: &str = "## 2. Details\n\n2.1 As paragraph 1.1 of the main document says; see paragraph 2.2 and [the index](index.md#purpose).\n\n2.2 Text.[^b]\n\n| Quarter | Cases |\n|---|---|\n| Q1 | 3 |\n\n| Quarter | Cases |\n|---|---|\n| Q2 | 4 |\n\n[^b]: Another note.\n";

    /// A page rendered with its part of the print page gives the same page
    /// as rendering it alone and the same part as rendering it for print
    /// alone, at every kind of place the two differ: ids of headings,
    /// numbered paragraphs, footnotes and tables, table names, references
    /// and links to this page and to the document's other pages, and links
    /// that keep their address.
    #[test]
    fn page_and_print_part_from_one_pass_match_separate_renders() {
        let glossary = "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n";
        let pages = [
            ("guide/index.md", "", INDEX),
            ("guide/appendix-1.md", "", APPENDIX),
            ("other.md", "", "Other.\n"),
        ];
        let site = site(&pages, glossary);
        let options = RenderOptions::plain(true);
        for page in [PageId(0), PageId(1)] {
            let route = site.structure().served_routes().find(|r| r.page == page && r.primary);
            let view = route.and_then(|r| r.view.as_ref());
            let linker = Linker::new(&site, page, view);
            let both = render_page(&site, &linker, &options, true);
            let alone = markdown::render(site.page(page), &linker, &options);
            assert_eq!(both.html, alone.html, "page {page:?}");
            assert_eq!(both.toc, alone.toc);

            let doc = site.structure().doc_of(page).expect("in a document");
            let base = site.print_base(doc).expect("the document has a print page");
            let print_view = View { doc, base: base.to_string(), is_current_alias: false };
            let prefix = Linker::print_prefix(&site, page);
            let label = site.appendix_label(doc, page);
            let print_linker =
                Linker { print: true, ..Linker::new(&site, page, Some(&print_view)) };
            let print_options =
                RenderOptions { id_prefix: &prefix, place: label.as_deref(), ..options };
            let printed = markdown::render(site.page(page), &print_linker, &print_options);
            let part = both.print_html.expect("rendered with its print part");
            assert_eq!(part, printed.html, "page {page:?}");
            assert_ne!(part, both.html, "the two sides differ on page {page:?}");
        }
        // The cases the test is about are in the output.
        let linker = Linker::new(&site, PageId(1), None);
        let part = render_page(&site, &linker, &options, true).print_html.unwrap();
        for expected in [
            "id=\"appendix-1--para-2-1\"",
            "href=\"#appendix-1--para-2-2\"",
            "href=\"#purpose\"",
            "(Appendix 1)",
            "href=\"#appendix-1--fn-1\"",
        ] {
            assert!(part.contains(expected), "{expected} in {part}");
        }
    }

    /// A current page's Markdown rendered once for its pinned version and
    /// its current alias gives each route what rendering it alone gives:
    /// the page, its contents, its summary and (for the canonical route)
    /// its print part, with hrefs to the document's other pages from the
    /// body, a footnote and the summary, under a site sub-path too.
    #[test]
    fn one_render_shared_by_a_pages_routes_matches_each_route_alone() {
        let current = "version: \"2.0\"\nsummary: \"As paragraph 2.1 of Appendix 1 says.\"";
        let pages = [
            ("guide/v1.0/index.md", "version: \"1.0\"", "1.1 Old text.\n"),
            ("guide/v2.0/index.md", current, INDEX),
            ("guide/v2.0/appendix-1.md", "", APPENDIX),
            ("other.md", "", "Other.\n"),
        ];
        let mut site = site(&pages, "");
        let theme = charter_load::theme::builtin();
        let templates = Templates::new(&theme, &Sink::default()).expect("the built-in theme");
        for base_path in ["/", "/sub path/"] {
            site.base_path = base_path.to_string();
            for page in [PageId(1), PageId(2)] {
                let copies = shared_render_agrees(&site, &templates, page)
                    .unwrap_or_else(|e| panic!("{e} under {base_path}"));
                assert_eq!(copies.len(), 2, "a current page is served twice");
                // Only the canonical route (the current alias, served
                // second) takes the print part.
                assert!(copies[0].print_html.is_none() && copies[1].print_html.is_some());
                // The two routes' pages differ where the body links to the
                // document's other pages, which the test is about.
                assert_ne!(copies[0].html, copies[1].html, "page {page:?}");
            }
        }
    }

    #[test]
    fn a_page_without_a_print_page_is_rendered_once() {
        let site = site(&[("other.md", "", "1.1 Text.\n")], "");
        let options = RenderOptions::plain(true);
        let linker = Linker::new(&site, PageId(0), None);
        assert!(render_page(&site, &linker, &options, true).print_html.is_none());
    }
}
