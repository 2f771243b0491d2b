//! Cross-references, threshold levels and glossary terms in running text.
//! Never inside headings, links, images or code.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{Ev, Lines, RenderOptions, escape};
use crate::config::LinkMode;
use crate::diagnostics::Diagnostic;
use crate::resolve::links::Linker;
use crate::resolve::xref::{self, RefKind};

/// "RAG: Red", "RAG rating: Amber", "RAG status - Green".
static RAG: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\bRAG(?:\s+(?:rating|status))?\s*[:\-–]\s*(?i:(red|amber|green))\b").expect("valid regex"));

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
            Piece::Link { start, .. } | Piece::Term { start, .. } | Piece::Rag { start, .. } => *start,
        }
    }
}

pub(super) fn link_text<'a>(
    events: Vec<Ev<'a>>,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    lines: &Lines,
    file: &str,
    terms_used: &mut BTreeSet<usize>,
) -> Vec<Ev<'a>> {
    let site = linker.site;
    let page = &site.pages[linker.page.0];
    let exclude: BTreeSet<&str> = page.frontmatter.glossary.exclude.iter().map(String::as_str).collect();
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
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if options.sink.is_some() && skip == 0 {
            check_acronyms(text, in_heading || in_table_head, linker, lines, range.start, file, options);
        }
        if skip > 0 || in_heading {
            out.push((event, range));
            continue;
        }
        let mut pieces: Vec<Piece> = Vec::new();
        for r in xref::scan(text, &site.config.xrefs.ignore) {
            link_reference(&r, text, linker, lines, range.start, file, options, &mut pieces);
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
        if options.glossary && site.config.glossary.link != LinkMode::None {
            for m in site.matcher.find(text) {
                if pieces.iter().any(|p| match p {
                    Piece::Link { start, end, .. } | Piece::Term { start, end, .. } | Piece::Rag { start, end, .. } => {
                        m.start < *end && m.end > *start
                    }
                }) {
                    continue;
                }
                let entry = &site.glossary.entries[m.entry];
                if exclude.contains(entry.term.as_str()) {
                    continue;
                }
                let first = terms_used.insert(m.entry);
                if !first && site.config.glossary.link == LinkMode::First {
                    continue;
                }
                let sense = entry.sense(page.frontmatter.glossary.senses.get(&entry.term).map(String::as_str));
                pieces.push(Piece::Term {
                    start: m.start,
                    end: m.end,
                    href: linker.glossary_href(&sense.anchor),
                    expansion: sense.expansion.clone(),
                });
            }
        } else {
            for m in site.matcher.find(text) {
                terms_used.insert(m.entry);
            }
        }
        if pieces.is_empty() {
            out.push((event, range));
            continue;
        }
        pieces.sort_by_key(Piece::start);
        let mut at = 0;
        for piece in pieces {
            let (start, end) = match &piece {
                Piece::Link { start, end, .. } | Piece::Term { start, end, .. } | Piece::Rag { start, end, .. } => (*start, *end),
            };
            if start < at {
                continue;
            }
            if start > at {
                out.push((Event::Text(CowStr::Boxed(text[at..start].into())), range.clone()));
            }
            match piece {
                Piece::Link { href, .. } => {
                    out.push((
                        Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: CowStr::Boxed(href.into_boxed_str()),
                            title: CowStr::Borrowed(""),
                            id: CowStr::Borrowed(XREF_MARK),
                        }),
                        range.clone(),
                    ));
                    out.push((Event::Text(CowStr::Boxed(text[start..end].into())), range.clone()));
                    out.push((Event::End(TagEnd::Link), range.clone()));
                }
                Piece::Rag { level, .. } => {
                    let html = format!("<span class=\"rag rag-{level}\">{}</span>", escape(&text[start..end]));
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
                    let html = format!("<a class=\"term\" href=\"{}\">{}{hidden}</a>", escape(&href), escape(&text[start..end]));
                    out.push((Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())), range.clone()));
                }
            }
            at = end;
        }
        if at < text.len() {
            out.push((Event::Text(CowStr::Boxed(text[at..].into())), range.clone()));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn link_reference(
    r: &xref::Reference,
    text: &str,
    linker: &Linker<'_>,
    lines: &Lines,
    offset: usize,
    file: &str,
    options: &RenderOptions<'_>,
    pieces: &mut Vec<Piece>,
) {
    let line_of = |at: usize| lines.line(offset) + text[..at].matches('\n').count();
    let warn = |at: usize, what: String, help: String| {
        if let Some(sink) = options.sink {
            sink.push(Diagnostic::warning("xref::unresolved", what).at(file, line_of(at), 1).help(help));
        }
    };
    let single = r.items.len() == 1;
    // The scoping appendix ("… of Appendix A") must exist first.
    let mut scope_page = None;
    if let Some((_, item, _)) = &r.scope {
        match linker.appendix(&item.number) {
            Some(p) => {
                scope_page = Some(p);
                pieces.push(Piece::Link { start: item.start, end: item.end, href: linker.page_href(p, None) });
            }
            None => {
                warn(item.start, format!("{} does not exist in this document", &text[item.start..item.end]), appendix_help(linker));
                return;
            }
        }
    }
    for item in &r.items {
        // A lone reference links its keyword too ("paragraph 2.6"); in a
        // list each number is its own link.
        let start = if single { r.start } else { item.start };
        let shown = &text[r.start..item.end];
        match r.kind {
            RefKind::Appendix | RefKind::Annex => match scope_page.map_or_else(|| linker.appendix(&item.number), |p| linker.appendix_within(p, &item.number)) {
                Some(p) => pieces.push(Piece::Link { start, end: item.end, href: linker.page_href(p, None) }),
                None => warn(
                    item.start,
                    format!("`{}` refers to {} {}, which this document does not have", shown.trim(), if r.kind == RefKind::Annex { "Annex" } else { "Appendix" }, item.number),
                    appendix_help(linker),
                ),
            },
            RefKind::Paragraph | RefKind::Section => match linker.number(r.kind, &item.number, scope_page) {
                Some((p, id)) => pieces.push(Piece::Link { start, end: item.end, href: linker.page_href(p, Some(&id)) }),
                None => warn(
                    item.start,
                    format!(
                        "`{}` refers to {} {}, which is not numbered anywhere in this document{}",
                        shown.trim(),
                        if r.kind == RefKind::Section { "section" } else { "paragraph" },
                        item.number,
                        if scope_page.is_some() { " or that appendix" } else { "" }
                    ),
                    "check the number; if it means another document, say so (\"paragraph 4 of Working Together\"), or add the phrase to `xrefs.ignore` in charter.yaml".into(),
                ),
            },
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
    let site = linker.site;
    let doc = site.structure.page_doc[linker.page.0].as_ref().map(|(d, _)| *d);
    let labels: Vec<String> = doc.map(|d| site.structure.docs[d.0].appendices.iter().map(|a| a.label.display()).collect()).unwrap_or_default();
    if labels.is_empty() {
        "this document has no appendices: add the file (appendix-1.md beside index.md) or correct the reference".into()
    } else {
        format!("this document's appendices are: {}; correct the reference or add the appendix", labels.join(", "))
    }
}

fn check_acronyms(text: &str, shouting_context: bool, linker: &Linker<'_>, lines: &Lines, offset: usize, file: &str, options: &RenderOptions<'_>) {
    let Some(sink) = options.sink else { return };
    if shouting_context {
        // An all-capitals heading or table header is shouting, not acronyms.
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
            return;
        }
    }
    // Lines are counted as the hits go, not from the start each time.
    let (mut counted_to, mut newlines) = (0, 0);
    for (at, word) in linker.site.matcher.unknown_acronyms(text) {
        newlines += text[counted_to..at].matches('\n').count();
        counted_to = at;
        let line = lines.line(offset) + newlines;
        sink.push(
            Diagnostic::warning("glossary::undefined-acronym", format!("`{word}` looks like an acronym but is not in the glossary"))
                .at(file, line, 1)
                .help(format!("add `- term: {word}` with its expansion to data/glossary.yaml, or add {word} to `glossary.ignore` in charter.yaml if it is not an acronym")),
        );
    }
}
