//! Markdown to HTML as a chain of passes over pulldown-cmark's events.
//!
//! Each pass has one job and the same shape (events in, events out):
//! `numbering` (from `charter-resolve`) gives headings and numbered
//! paragraphs their ids, `text` links cross-references and glossary
//! terms, `links` resolves and checks links and images, `footnotes`
//! moves notes to the end with links both ways, and `blocks` writes
//! tables, alerts and highlighted code. Each can be run and tested alone.

mod blocks;
mod code;
mod data_blocks;
mod footnotes;
mod links;
mod options;
mod tables;
#[cfg(test)]
mod test_site;
mod text;

use std::collections::BTreeSet;

use charter_core::model::SourcePage;
use charter_resolve::Linker;
use charter_resolve::anchors::{Ev, Lines, assign, parse};

pub use code::highlight_css;
pub(crate) use data_blocks::data_figures;
pub use options::{RenderOptions, Rendered, ShortcodeRenderer};

/// Renders a page's body in the view `linker` describes.
pub fn render(page: &SourcePage, linker: &Linker<'_>, options: &RenderOptions<'_>) -> Rendered {
    let mut events = parse(&page.body);
    let lines = Lines::new(&page.body, page.body_line);
    let file = page.file.as_str();
    let anchors = assign(&mut events, options.id_prefix, &lines, file, None);
    let mut terms = BTreeSet::new();
    let context = text::TextContext { linker, options, lines: &lines, file };
    let events = text::link_text(events, &context, &mut terms);
    let events = links::resolve(events, linker, options, &lines, file);
    let events = footnotes::collect(events, options.id_prefix);
    let events = blocks::render(events, options, &lines, file, Some(&linker.site.data));
    Rendered {
        text_len: page.body.len(),
        html: to_html(events, page.body.len()),
        toc: anchors.toc,
        terms,
    }
}

/// Writes events as HTML.
fn to_html(events: Vec<Ev<'_>>, size_hint: usize) -> String {
    let mut html = String::with_capacity(size_hint * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    html
}

/// Renders a snippet of Markdown with no cross-references, terms or checks
/// (glossary definitions, `changes` notes).
pub fn render_plain(markdown: &str) -> String {
    let options = RenderOptions { sink: None, id_prefix: "", glossary: false, shortcodes: None };
    let events = blocks::render(parse(markdown), &options, &Lines::new(markdown, 1), "", None);
    to_html(events, markdown.len())
}

/// Renders one line of Markdown without the surrounding `<p>`.
pub fn render_inline(markdown: &str) -> String {
    let html = render_plain(markdown);
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_inline_snippets() {
        assert_eq!(render_plain("Some *text*.").trim(), "<p>Some <em>text</em>.</p>");
        assert_eq!(render_inline("Some *text*."), "Some <em>text</em>.");
        assert!(render_plain("| A |\n|---|\n| 1 |\n").contains("<th scope=\"col\""));
    }
}
