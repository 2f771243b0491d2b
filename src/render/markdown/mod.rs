//! Markdown to HTML as a chain of passes over pulldown-cmark's events.
//!
//! Each pass has one job and the same shape (events in, events out):
//! `numbering` gives headings and numbered paragraphs their ids, `text`
//! links cross-references and glossary terms, `links` resolves and checks
//! links and images, `footnotes` moves notes to the end with links both
//! ways, and `blocks` writes tables, alerts and highlighted code.

mod blocks;
mod footnotes;
mod links;
mod numbering;
mod shortcodes;
mod text;

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser};
use serde::Serialize;

use crate::diagnostics::Sink;
use crate::model::SourcePage;
use crate::resolve::links::Linker;

pub use blocks::highlight_css;
pub use numbering::{Anchors, Numbered};

/// An event with its byte range in the page body.
pub(crate) type Ev<'a> = (Event<'a>, Range<usize>);

/// The Markdown extensions charter turns on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Parses a body into events, joining adjacent text (and soft line breaks)
/// so that a reference written across two lines is one piece of text.
pub(crate) fn parse(body: &str) -> Vec<Ev<'_>> {
    let mut out: Vec<Ev<'_>> = Vec::new();
    // A run of text is gathered in one growing buffer and stored once it
    // ends, so joining stays linear however many pieces the run has.
    let mut run: Option<(String, std::ops::Range<usize>)> = None;
    let flush = |run: &mut Option<(String, std::ops::Range<usize>)>, out: &mut Vec<Ev<'_>>| {
        if let Some((text, range)) = run.take() {
            out.push((Event::Text(CowStr::Boxed(text.into_boxed_str())), range));
        }
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let text = match &event {
            Event::SoftBreak => Some("\n"),
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        };
        match (text, &mut run) {
            (Some(t), Some((buffer, r))) => {
                buffer.push_str(t);
                r.end = range.end;
            }
            (Some(t), None) => run = Some((t.to_string(), range)),
            (None, _) => {
                flush(&mut run, &mut out);
                out.push((event, range));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Line numbers for byte offsets in a page body.
pub(crate) struct Lines {
    starts: Vec<usize>,
    first_line: usize,
}

impl Lines {
    pub(crate) fn new(body: &str, first_line: usize) -> Lines {
        let mut starts = vec![0];
        starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts, first_line }
    }
    /// 1-based file line of a body offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        self.first_line + i
    }
}

/// One entry of a page's contents list.
#[derive(Clone, Debug, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A page's HTML and what rendering learnt about it.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Glossary entries used on the page.
    pub terms: BTreeSet<usize>,
    /// Plain text, for search and summaries.
    pub text_len: usize,
}

/// How a page is being rendered.
pub struct RenderOptions<'a> {
    /// Report diagnostics (only on a page's primary route).
    pub sink: Option<&'a Sink>,
    /// Prefix for every id (print pages hold several pages).
    pub id_prefix: &'a str,
    /// Link glossary terms (not on the glossary page itself).
    pub glossary: bool,
    /// The theme's shortcode templates, when rendering a site's pages.
    pub shortcodes: Option<&'a crate::render::Shortcodes<'a>>,
}

/// The ids and numbered anchors of a page, without rendering it.
pub fn anchors(page: &SourcePage, sink: Option<&Sink>) -> Anchors {
    let mut events = parse(&page.body);
    let lines = Lines::new(&page.body, page.body_line);
    let mut anchors = numbering::assign(&mut events, "", &lines, &page.file, sink);
    for level in &page.frontmatter.levels {
        anchors.ids.insert(format!("level-{}", crate::resolve::urls::slugify(&level.id)));
    }
    footnotes::ids(&events, &mut anchors.ids);
    anchors
}

/// Renders a page's body in the view `linker` describes.
pub fn render(page: &SourcePage, linker: &Linker<'_>, options: &RenderOptions<'_>) -> Rendered {
    let mut events = parse(&page.body);
    let lines = Lines::new(&page.body, page.body_line);
    let file = page.file.as_str();
    let anchors = numbering::assign(&mut events, options.id_prefix, &lines, file, None);
    let mut terms = BTreeSet::new();
    let events = text::link_text(events, linker, options, &lines, file, &mut terms);
    let events = links::resolve(events, linker, options, &lines, file);
    let events = footnotes::collect(events, options.id_prefix);
    let events = blocks::render(events, options, &lines, file, Some(&linker.site.data));
    let mut html = String::with_capacity(page.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    Rendered { text_len: page.body.len(), html, toc: anchors.toc, terms }
}

/// Renders a snippet of Markdown with no cross-references, terms or checks
/// (glossary definitions, `changes` notes).
pub fn render_plain(markdown: &str) -> String {
    let events = parse(markdown);
    let events =
        blocks::render(events, &RenderOptions { sink: None, id_prefix: "", glossary: false, shortcodes: None }, &Lines::new(markdown, 1), "", None);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    html
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

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The number a heading's text starts with ("7. GOVERNANCE" → "7").
pub fn numbering_of_heading(text: &str) -> Option<String> {
    numbering::heading_number(text)
}
