//! One content page: its Markdown through the passes, then its template.

use charter_core::Sink;
use charter_core::model::{Role, SourcePage};
use charter_resolve::{Linker, Route, Site};

use crate::context;
use crate::markdown::{self, RenderOptions, Rendered};
use crate::templates::{Shortcodes, Templates};

/// One route's page: its Markdown rendered, then its template. Diagnostics
/// go to `sink` only for a page's primary route, so that versions and
/// aliases of a page do not repeat them.
pub fn render_route(
    site: &Site,
    templates: &Templates,
    route: &Route,
    sink: &Sink,
) -> (Option<String>, Rendered) {
    let page = site.page(route.page);
    let shortcodes = Shortcodes { templates, data: &site.data };
    let linker =
        Linker { site, page: route.page, view: route.view.as_ref(), print: false, away: false };
    let options = RenderOptions {
        sink: route.primary.then_some(sink),
        id_prefix: "",
        glossary: true,
        shortcodes: Some(&shortcodes),
        place: None,
    };
    let rendered = markdown::render(page, &linker, &options);
    let page_value = context::page_value(site, route, &rendered);
    let html = templates.render(template_for(page), &page_value, sink, &page.file);
    (html, rendered)
}

fn template_for(page: &SourcePage) -> &'static str {
    match page.role {
        Role::Home => "home.html",
        Role::Section => "section.html",
        _ => "page.html",
    }
}
