//! A page's Markdown through the passes: its body, the frontmatter values
//! it shows, a version's `changes:` for its history page, and plain
//! snippets (glossary definitions).

use charter_core::model::{DocId, SourcePage};
use charter_core::twin::{Marks, Side};
use charter_resolve::anchors::{Ev, Lines, TocEntry, assign, parse, replay};
use charter_resolve::{Linker, Site, Twin, View};

use super::options::{LevelHtml, RenderOptions, Rendered, Snippets};
use super::text::{self, PageState};
use super::{blocks, footnotes, links};

/// Renders a page in the view `linker` describes: the Markdown of its
/// frontmatter shown on the page (in the order the page shows it), then
/// its body, sharing which terms and Acts have been linked.
pub fn render(page: &SourcePage, linker: &Linker<'_>, options: &RenderOptions<'_>) -> Rendered {
    let mut state = PageState::default();
    let snippets = if linker.print {
        Snippets::default()
    } else {
        snippets(page, linker, options, &mut state)
    };
    let body = render_body(page, linker, options, &mut state);
    Rendered {
        text_len: page.body.len(),
        html: body.html,
        toc: body.toc,
        terms: state.terms,
        snippets,
        print_html: None,
    }
}

/// How a page's part of its document's print page is rendered.
pub struct PrintSide<'a> {
    /// The print page's linker (`print: true`).
    pub linker: Linker<'a>,
    /// The prefix of the part's ids on the print page.
    pub id_prefix: String,
    /// The part's name ("Appendix 2"); none for the document's own page.
    pub place: Option<String>,
}

/// [`render`], and the body as the print page shows it, from one pass
/// over the Markdown: the two differ only in ids, hrefs within the
/// document and table names, written for both and split at the end.
pub fn render_with_print(
    page: &SourcePage,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    print: &PrintSide<'_>,
) -> Rendered {
    let mut state = PageState::default();
    let snippets = snippets(page, linker, options, &mut state);
    let marks = Marks::new();
    let twin = Twin { print: print.linker, marks: &marks };
    let both = Linker { twin: Some(&twin), ..*linker };
    let id_prefix = marks.alt(options.id_prefix, &print.id_prefix);
    let both_options = RenderOptions {
        id_prefix: &id_prefix,
        place: print.place.as_deref(),
        twin: Some(&marks),
        ..*options
    };
    let body = render_body(page, &both, &both_options, &mut state);
    let toc =
        body.toc.into_iter().map(|t| TocEntry { id: marks.side(&t.id, Side::Page), ..t }).collect();
    let (html, print_html) = marks.sides(&body.html);
    Rendered {
        text_len: page.body.len(),
        html,
        toc,
        terms: state.terms,
        snippets,
        print_html: Some(print_html),
    }
}

/// A body's HTML and contents list.
struct Body {
    html: String,
    toc: Vec<TocEntry>,
}

fn render_body(
    page: &SourcePage,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    state: &mut PageState,
) -> Body {
    // Resolve parsed this body already: its parse, kept packed, is taken.
    let kept = linker.site.take_parse(page);
    let mut events = match &kept {
        Some(packed) => packed.unpack(&page.body),
        None => parse(&page.body),
    };
    let lines = Lines::new(&page.body, page.body_line);
    let file = page.file.as_str();
    let refused = links::screen_html(&mut events, linker, options, &lines, file);
    // The ids resolve gave this body's events, given again; worked out
    // afresh only where refused HTML turned into text changed the events
    // a heading's title is read from.
    let toc = (!refused)
        .then(|| replay(&mut events, linker.site.anchors(page.id), options.id_prefix))
        .flatten()
        .unwrap_or_else(|| assign(&mut events, options.id_prefix, &lines, file, None).toc);
    let context = text::TextContext::new(linker, options, &lines, file);
    let events = text::link_text(events, &context, state);
    let events = links::resolve(events, linker, options, &lines, file);
    let events = footnotes::collect(events, options.id_prefix);
    let events = blocks::render(events, options, &lines, file, Some(&linker.site.data));
    Body { html: to_html(events, page.body.len()), toc }
}

/// The frontmatter's Markdown that the page shows.
fn snippets(
    page: &SourcePage,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    state: &mut PageState,
) -> Snippets {
    let fm = &page.frontmatter;
    let one = |key: &str, at: &str, text: &Option<String>, state: &mut PageState| {
        text.as_deref().map(|t| {
            snippet(
                Snippet { page, key, at, text: t, inline: true, changes: false, gathered: false },
                linker,
                options,
                state,
            )
        })
    };
    let summary = one("summary", "summary", &fm.summary, state);
    let levels = fm
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| LevelHtml {
            summary: one(&format!("levels.{i}.summary"), "levels", &l.summary, state),
            indicators: l
                .indicators
                .iter()
                .enumerate()
                .filter_map(|(j, t)| {
                    one(&format!("levels.{i}.indicators.{j}"), "levels", &Some(t.clone()), state)
                })
                .collect(),
            response: one(&format!("levels.{i}.response"), "levels", &l.response, state),
        })
        .collect();
    let eligibility = one("eligibility", "eligibility", &fm.eligibility, state);
    let cost = one("cost", "cost", &fm.cost, state);
    let how_to_access = one("how_to_access", "how_to_access", &fm.how_to_access, state);
    // `changes:` is shown on the history page, not here: its terms are
    // not this page's, but it is checked here, once.
    let changes = fm.changes.as_deref().map(|t| {
        let s = Snippet {
            page,
            key: "changes",
            at: "changes",
            text: t,
            inline: false,
            changes: true,
            gathered: false,
        };
        snippet(s, linker, options, &mut PageState::default())
    });
    Snippets { summary, levels, eligibility, cost, how_to_access, changes }
}

/// One frontmatter value to render.
struct Snippet<'a> {
    page: &'a SourcePage,
    /// Its key in the frontmatter's origins ("levels.0.summary").
    key: &'a str,
    /// The top-level key it is under, whose line diagnostics fall back to.
    at: &'a str,
    text: &'a str,
    /// Without the surrounding `<p>`.
    inline: bool,
    /// A version's `changes:`.
    changes: bool,
    /// Shown on a page that gathers it (history, changes), not its own.
    gathered: bool,
}

/// A frontmatter value through the text and link passes, its diagnostics
/// placed in the frontmatter.
fn snippet(
    s: Snippet<'_>,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    state: &mut PageState,
) -> String {
    let origin = s.page.frontmatter.origins.get(s.key);
    let lines = Lines::value(s.text, origin, s.page.key_line(s.at));
    let file = s.page.file.as_str();
    let mut context = text::TextContext::new(linker, options, &lines, file);
    context.changes = s.changes;
    let mut events = parse(s.text);
    if s.gathered {
        // Notes gathered onto history and changes pages are shown under the
        // comparison's rules (no private hosts, no raw HTML); the page's
        // own copy is where they are checked.
        events = crate::compare::redact_notes(events);
    }
    links::screen_html(&mut events, linker, options, &lines, file);
    let events = text::link_text(events, &context, state);
    let events = links::resolve(events, linker, options, &lines, file);
    // Headings and tables in a value are checked where the page shows them.
    let quiet = RenderOptions { sink: None, ..*options };
    let events = blocks::render(events, &quiet, &lines, file, None);
    let html = to_html(events, s.text.len());
    if s.inline { strip_paragraph(&html) } else { html }
}

/// A version's `changes:` as its history page shows it: numbers linked to
/// that version's pinned pages.
pub(crate) fn render_changes(site: &Site, doc: DocId, state: &mut PageState) -> Option<String> {
    let d = site.structure().doc(doc);
    let page = site.page(d.index);
    let text = page.frontmatter.changes.as_deref()?;
    let view = View { doc, base: d.base.clone(), is_current_alias: false };
    let linker = Linker { away: true, ..Linker::new(site, d.index, Some(&view)) };
    let options = RenderOptions::plain(true);
    let s = Snippet {
        page,
        key: "changes",
        at: "changes",
        text,
        inline: false,
        changes: true,
        gathered: true,
    };
    Some(snippet(s, &linker, &options, state))
}

/// Writes events as HTML. Room for one and a half times the Markdown:
/// twice spared the dense corpus's pages a copy as they grew past that, but
/// `serve` then held about 35 MiB more after 20 edits at 10,000 pages
/// (`scripts/serve-latency`), so the room stays as it was.
pub(super) fn to_html(events: Vec<Ev<'_>>, size_hint: usize) -> String {
    let mut html = String::with_capacity(size_hint * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    html
}

/// Renders a snippet of Markdown with no cross-references, terms or checks
/// (glossary definitions, `changes` notes).
pub fn render_plain(markdown: &str) -> String {
    let options = RenderOptions::plain(false);
    let events = blocks::render(parse(markdown), &options, &Lines::new(markdown, 1), "", None);
    to_html(events, markdown.len())
}

/// Renders one line of Markdown without the surrounding `<p>`.
pub fn render_inline(markdown: &str) -> String {
    strip_paragraph(&render_plain(markdown))
}

fn strip_paragraph(html: &str) -> String {
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
