//! What the text pass puts into a text event: links it made, glossary
//! terms, statute links and RAG marks, each over a stretch of the event's
//! text; and writing them out as events.

use std::ops::Range;

use charter_core::html::escape_into;
use charter_resolve::anchors::Ev;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Marks links this pass made, so the link pass leaves them alone.
pub(crate) const XREF_MARK: &str = "charter-xref";

/// One thing over `start..end` of a text event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece<'s> {
    /// A link into the site.
    Link { start: usize, end: usize, href: String },
    /// A link to the law or to guidance, with a hint naming the site.
    Law { start: usize, end: usize, href: String },
    /// A glossary term, linked to `glossary` + `anchor`; `expansion` is
    /// read out after it unless the text already says it. Borrowed: a
    /// page has hundreds of terms.
    Term {
        start: usize,
        end: usize,
        glossary: &'s str,
        anchor: &'s str,
        expansion: Option<&'s str>,
    },
    /// A RAG rating written as text ("RAG: Red"), marked with a shape too.
    Rag { start: usize, end: usize, level: &'static str },
}

impl Piece<'_> {
    pub(super) fn start(&self) -> usize {
        match self {
            Piece::Link { start, .. }
            | Piece::Law { start, .. }
            | Piece::Term { start, .. }
            | Piece::Rag { start, .. } => *start,
        }
    }

    pub(super) fn end(&self) -> usize {
        match self {
            Piece::Link { end, .. }
            | Piece::Law { end, .. }
            | Piece::Term { end, .. }
            | Piece::Rag { end, .. } => *end,
        }
    }
}

/// Where a link to the law or to guidance goes, in words a screen reader
/// says after the link's own words.
fn hint(href: &str) -> &'static str {
    if href.starts_with("https://www.legislation.gov.uk/") {
        " (on legislation.gov.uk)"
    } else if href.starts_with("https://www.gov.uk/") {
        " (on GOV.UK)"
    } else {
        " (on another website)"
    }
}

/// The text cut at its pieces, each piece written as a link or a mark.
/// Where the event's text is borrowed from the page, so is every stretch
/// of plain text between its pieces.
pub(super) fn write<'a>(
    text: &CowStr<'a>,
    mut pieces: Vec<Piece<'_>>,
    range: &Range<usize>,
    out: &mut Vec<Ev<'a>>,
) {
    let slice = |r: Range<usize>| match text {
        CowStr::Borrowed(whole) => CowStr::Borrowed(&whole[r]),
        other => CowStr::Boxed(other[r].into()),
    };
    pieces.sort_by_key(|p| (p.start(), std::cmp::Reverse(p.end())));
    let mut at = 0;
    let html = |s: String| Event::InlineHtml(CowStr::Boxed(s.into_boxed_str()));
    for piece in pieces {
        let (start, end) = (piece.start(), piece.end());
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push((Event::Text(slice(at..start)), range.clone()));
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
                out.push((Event::Text(slice(start..end)), range.clone()));
                out.push((Event::End(TagEnd::Link), range.clone()));
            }
            Piece::Law { href, .. } => {
                // The document's words stay the link text; the hint says
                // where it goes; it opens where the reader is.
                let mut s = String::with_capacity(96 + href.len() + shown.len());
                s.push_str("<a class=\"law\" href=\"");
                escape_into(&mut s, &href);
                s.push_str("\">");
                escape_into(&mut s, shown);
                s.push_str("<span class=\"visually-hidden\">");
                s.push_str(hint(&href));
                s.push_str("</span></a>");
                out.push((html(s), range.clone()));
            }
            Piece::Rag { level, .. } => {
                let mut s = format!("<span class=\"rag rag-{level}\">");
                escape_into(&mut s, shown);
                s.push_str("</span>");
                out.push((html(s), range.clone()));
            }
            Piece::Term { glossary, anchor, expansion, .. } => {
                // The expansion is part of the link's name, so a screen
                // reader says "MASH, Multi-Agency Safeguarding Hub".
                let mut s = String::with_capacity(96 + shown.len() + expansion.map_or(0, str::len));
                s.push_str("<a class=\"term\" href=\"");
                escape_into(&mut s, glossary);
                escape_into(&mut s, anchor);
                s.push_str("\">");
                escape_into(&mut s, shown);
                if let Some(e) = expansion.filter(|e| !e.is_empty()) {
                    s.push_str("<span class=\"visually-hidden\"> (");
                    escape_into(&mut s, e);
                    s.push_str(")</span>");
                }
                s.push_str("</a>");
                out.push((html(s), range.clone()));
            }
        }
        at = end;
    }
    if at < text.len() {
        out.push((Event::Text(slice(at..text.len())), range.clone()));
    }
}
