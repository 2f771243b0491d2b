//! Cross-references, threshold levels and glossary terms in running text.
//! Never inside headings, links, images or code.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use charter_core::config::LinkMode;
use charter_core::html::escape;
use charter_core::{Code, Diagnostic, Fact};
use charter_resolve::Linker;
use charter_resolve::anchors::{Ev, Lines};
use charter_resolve::xref::{self, RefKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;

use super::options::RenderOptions;

/// "RAG: Red", "RAG rating: Amber", "RAG status - Green".
static RAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bRAG(?:\s+(?:rating|status))?\s*[:\-–]\s*(?i:(red|amber|green))\b")
        .expect("valid regex")
});

/// Marks links this pass made, so the link pass leaves them alone.
pub(super) const XREF_MARK: &str = "charter-xref";

enum Piece {
    /// A link over `start..end` of the text.
    Link { start: usize, end: usize, href: String },
    /// A glossary term over `start..end`.
    Term { start: usize, end: usize, href: String, expansion: String },
    /// A RAG rating written as text ("RAG: Red"), marked with a shape too.
    Rag { start: usize, end: usize, level: &'static str },
}

impl Piece {
    fn start(&self) -> usize {
        match self {
            Piece::Link { start, .. } | Piece::Term { start, .. } | Piece::Rag { start, .. } => {
                *start
            }
        }
    }

    fn end(&self) -> usize {
        match self {
            Piece::Link { end, .. } | Piece::Term { end, .. } | Piece::Rag { end, .. } => *end,
        }
    }
}

/// What the text pass needs to know about the page.
pub(super) struct TextContext<'a, 'o> {
    /// Resolves targets in the page's view.
    pub(super) linker: &'a Linker<'a>,
    /// How the page is rendered.
    pub(super) options: &'a RenderOptions<'o>,
    /// Line numbers of the body.
    pub(super) lines: &'a Lines,
    /// The page's file, for diagnostics.
    pub(super) file: &'a str,
}

/// Runs the pass: references, RAG ratings and glossary terms in every
/// piece of running text become links or marks. `terms_used` gathers
/// every glossary entry the page uses.
pub(super) fn link_text<'a>(
    events: Vec<Ev<'a>>,
    cx: &TextContext<'_, '_>,
    terms_used: &mut BTreeSet<usize>,
) -> Vec<Ev<'a>> {
    let mut skip = 0usize;
    let mut in_heading = false;
    let mut in_table_head = false;
    let mut out = Vec::with_capacity(events.len() + 16);
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::TableHead) => in_table_head = true,
            Event::End(TagEnd::TableHead) => in_table_head = false,
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                skip = skip.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if cx.options.sink.is_some() && skip == 0 {
            check_acronyms(text, in_heading || in_table_head, cx, range.start);
        }
        if skip > 0 || in_heading {
            out.push((event, range));
            continue;
        }
        let pieces = pieces_of(text, cx, range.start, terms_used);
        if pieces.is_empty() {
            out.push((event, range));
            continue;
        }
        write_pieces(text, pieces, &range, &mut out);
    }
    out
}

/// The references, ratings and terms found in one piece of text, in order.
fn pieces_of(
    text: &str,
    cx: &TextContext<'_, '_>,
    offset: usize,
    terms_used: &mut BTreeSet<usize>,
) -> Vec<Piece> {
    let site = cx.linker.site;
    let mut pieces: Vec<Piece> = Vec::new();
    for r in xref::scan(text, &site.config.xrefs.ignore) {
        link_reference(&r, text, cx, offset, &mut pieces);
    }
    for m in RAG.captures_iter(text) {
        let whole = m.get(0).expect("group 0");
        let level = match m[1].to_ascii_lowercase().as_str() {
            "red" => "red",
            "amber" => "amber",
            _ => "green",
        };
        pieces.push(Piece::Rag { start: whole.start(), end: whole.end(), level });
    }
    if cx.options.glossary && site.config.glossary.link != LinkMode::None {
        link_terms(text, cx, terms_used, &mut pieces);
    } else {
        terms_used.extend(site.matcher.find(text).into_iter().map(|m| m.entry));
    }
    pieces.sort_by_key(Piece::start);
    pieces
}

/// Glossary terms not inside a reference or rating: linked where the
/// page's link mode says, counted as used wherever they are.
fn link_terms(
    text: &str,
    cx: &TextContext<'_, '_>,
    terms_used: &mut BTreeSet<usize>,
    pieces: &mut Vec<Piece>,
) {
    let site = cx.linker.site;
    let page = site.page(cx.linker.page);
    for m in site.matcher.find(text) {
        if pieces.iter().any(|p| m.start < p.end() && m.end > p.start()) {
            continue;
        }
        let entry = &site.glossary.entries[m.entry];
        if page.frontmatter.glossary.exclude.contains(&entry.term) {
            continue;
        }
        let first = terms_used.insert(m.entry);
        if !first && site.config.glossary.link == LinkMode::First {
            continue;
        }
        let sense =
            entry.sense(page.frontmatter.glossary.senses.get(&entry.term).map(String::as_str));
        pieces.push(Piece::Term {
            start: m.start,
            end: m.end,
            href: cx.linker.glossary_href(&sense.anchor),
            expansion: sense.expansion.clone(),
        });
    }
}

/// The text cut at its pieces, each piece written as a link or a mark.
fn write_pieces<'a>(text: &str, pieces: Vec<Piece>, range: &Range<usize>, out: &mut Vec<Ev<'a>>) {
    let mut at = 0;
    for piece in pieces {
        let (start, end) = (piece.start(), piece.end());
        if start < at {
            continue;
        }
        if start > at {
            out.push((Event::Text(CowStr::Boxed(text[at..start].into())), range.clone()));
        }
        let shown = &text[start..end];
        match piece {
            Piece::Link { href, .. } => {
                let link = Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::Boxed(href.into_boxed_str()),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(XREF_MARK),
                };
                out.push((Event::Start(link), range.clone()));
                out.push((Event::Text(CowStr::Boxed(shown.into())), range.clone()));
                out.push((Event::End(TagEnd::Link), range.clone()));
            }
            Piece::Rag { level, .. } => {
                let html = format!("<span class=\"rag rag-{level}\">{}</span>", escape(shown));
                out.push((Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())), range.clone()));
            }
            Piece::Term { href, expansion, .. } => {
                // The expansion is part of the link's name, so a screen
                // reader says "MASH, Multi-Agency Safeguarding Hub".
                let hidden = if expansion.is_empty() {
                    String::new()
                } else {
                    format!("<span class=\"visually-hidden\"> ({})</span>", escape(&expansion))
                };
                let html = format!(
                    "<a class=\"term\" href=\"{}\">{}{hidden}</a>",
                    escape(&href),
                    escape(shown)
                );
                out.push((Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())), range.clone()));
            }
        }
        at = end;
    }
    if at < text.len() {
        out.push((Event::Text(CowStr::Boxed(text[at..].into())), range.clone()));
    }
}

/// One reference: each number linked to its target, or a warning that
/// names what is missing.
fn link_reference(
    r: &xref::Reference,
    text: &str,
    cx: &TextContext<'_, '_>,
    offset: usize,
    pieces: &mut Vec<Piece>,
) {
    let linker = cx.linker;
    let warn = |at: usize, what: String, help: String| {
        if let Some(sink) = cx.options.sink {
            let line = cx.lines.line(offset) + text[..at].matches('\n').count();
            sink.push(
                Diagnostic::warning(Code::XrefUnresolved, what).at(cx.file, line, 1).help(help),
            );
        }
    };
    let single = r.items.len() == 1;
    // The scoping appendix ("… of Appendix A") must exist first.
    let mut scope_page = None;
    if let Some((_, item, _)) = &r.scope {
        let Some(p) = linker.appendix(&item.number) else {
            let what = format!("{} does not exist in this document", &text[item.start..item.end]);
            warn(item.start, what, appendix_help(linker));
            return;
        };
        scope_page = Some(p);
        pieces.push(Piece::Link {
            start: item.start,
            end: item.end,
            href: linker.page_href(p, None),
        });
    }
    for item in &r.items {
        // A lone reference links its keyword too ("paragraph 2.6"); in a
        // list each number is its own link.
        let start = if single { r.start } else { item.start };
        let shown = text[r.start..item.end].trim();
        match r.kind {
            RefKind::Appendix | RefKind::Annex => {
                let target = match scope_page {
                    Some(p) => linker.appendix_within(p, &item.number),
                    None => linker.appendix(&item.number),
                };
                match target {
                    Some(p) => pieces.push(Piece::Link {
                        start,
                        end: item.end,
                        href: linker.page_href(p, None),
                    }),
                    None => {
                        let word = if r.kind == RefKind::Annex { "Annex" } else { "Appendix" };
                        let what = format!(
                            "`{shown}` refers to {word} {}, which this document does not have",
                            item.number
                        );
                        warn(item.start, what, appendix_help(linker));
                    }
                }
            }
            RefKind::Paragraph | RefKind::Section => {
                match linker.number(r.kind, &item.number, scope_page) {
                    Some((p, id)) => pieces.push(Piece::Link {
                        start,
                        end: item.end,
                        href: linker.page_href(p, Some(&id)),
                    }),
                    None => {
                        let what = format!(
                            "`{shown}` refers to {} {}, which is not numbered anywhere in this document{}",
                            if r.kind == RefKind::Section { "section" } else { "paragraph" },
                            item.number,
                            if scope_page.is_some() { " or that appendix" } else { "" }
                        );
                        warn(item.start, what, "check the number; if it means another document, say so (\"paragraph 4 of Working Together\"), or add the phrase to `xrefs.ignore` in charter.yaml".into());
                    }
                }
            }
            RefKind::Level => {
                // Levels only link where a threshold document defines them;
                // elsewhere "Level 2" is plain text, not an error.
                if let Some(href) = linker.level(&item.number) {
                    pieces.push(Piece::Link { start, end: item.end, href });
                }
            }
        }
    }
}

fn appendix_help(linker: &Linker<'_>) -> String {
    let s = linker.site.structure();
    let labels: Vec<String> = s
        .doc_of(linker.page)
        .map(|d| s.doc(d).appendices.iter().map(|a| a.label.display()).collect())
        .unwrap_or_default();
    if labels.is_empty() {
        "this document has no appendices: add the file (appendix-1.md beside index.md) or correct the reference".into()
    } else {
        format!(
            "this document's appendices are: {}; correct the reference or add the appendix",
            labels.join(", ")
        )
    }
}

fn check_acronyms(text: &str, shouting_context: bool, cx: &TextContext<'_, '_>, offset: usize) {
    let Some(sink) = cx.options.sink else { return };
    if shouting_context {
        // An all-capitals heading or table header is shouting, not acronyms.
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
            return;
        }
    }
    // Lines are counted as the hits go, not from the start each time.
    let (mut counted_to, mut newlines) = (0, 0);
    for (at, word) in cx.linker.site.matcher.unknown_acronyms(text) {
        newlines += text[counted_to..at].matches('\n').count();
        counted_to = at;
        let line = cx.lines.line(offset) + newlines;
        sink.push(
            Diagnostic::warning(Code::GlossaryUndefinedAcronym, format!("`{word}` looks like an acronym but is not in the glossary"))
                .at(cx.file, line, 1)
                .help(format!("add `- term: {word}` with its expansion to data/glossary.yaml, or add {word} to `glossary.ignore` in charter.yaml if it is not an acronym"))
                .with_fact(Fact::Acronym(word)),
        );
    }
}

#[cfg(test)]
mod tests {
    use charter_core::model::PageId;
    use charter_core::{Code, Sink};
    use charter_resolve::Linker;
    use charter_resolve::anchors::{Lines, parse};

    use super::*;
    use crate::markdown::test_site::site;

    const GLOSSARY: &str = "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n";

    /// The pass alone on the first page's body: HTML and diagnostics.
    fn run(pages: &[(&str, &str, &str)]) -> (String, Vec<charter_core::Diagnostic>) {
        let site = site(pages, GLOSSARY);
        let sink = Sink::default();
        let options =
            RenderOptions { sink: Some(&sink), id_prefix: "", glossary: true, shortcodes: None };
        let linker = Linker { site: &site, page: PageId(0), view: None, print: false };
        let body = &site.page(PageId(0)).body;
        let lines = Lines::new(body, 1);
        let cx = TextContext { linker: &linker, options: &options, lines: &lines, file: "a.md" };
        let mut terms = BTreeSet::new();
        let events = link_text(parse(body), &cx, &mut terms);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        (html, sink.take())
    }

    #[test]
    fn references_link_to_numbered_paragraphs_and_missing_ones_warn() {
        let (html, ds) =
            run(&[("doc.md", "", "2.1 First.\n\n2.2 See paragraph 2.1 and paragraph 9.9.\n")]);
        assert!(html.contains("<a href=\"#para-2-1\">paragraph 2.1</a>"), "{html}");
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].code, ds[0].line), (Code::XrefUnresolved, 3));
    }

    #[test]
    fn the_first_use_of_a_term_links_with_its_expansion() {
        let (html, _) = run(&[("doc.md", "", "The MASH, and the MASH again.\n")]);
        assert_eq!(html.matches("class=\"term\"").count(), 1);
        assert!(html.contains(
            "MASH<span class=\"visually-hidden\"> (Multi-Agency Safeguarding Hub)</span></a>"
        ));
    }

    #[test]
    fn unknown_acronyms_warn_and_shouting_does_not() {
        let (_, ds) = run(&[("doc.md", "", "The DSL met.\n\n## THE FULL TEXT\n")]);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].code, Code::GlossaryUndefinedAcronym);
    }

    #[test]
    fn rag_ratings_get_a_shape_class() {
        let (html, _) = run(&[("doc.md", "", "RAG: Amber\n")]);
        assert!(html.contains("<span class=\"rag rag-amber\">RAG: Amber</span>"));
    }
}
