//! The text of each block — a paragraph, a table cell, a list item, a
//! heading, a footnote — gathered from its events, so that the words around
//! a reference count even when emphasis or a link splits them. Each piece
//! of a block's text remembers the event it came from; only text events
//! outside links and code can take a link.

use pulldown_cmark::{Event, Tag, TagEnd};

use charter_resolve::anchors::Ev;

/// Where a stretch of a block's text came from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Segment {
    /// Byte offset in the block's text.
    pub(super) at: usize,
    /// Its length.
    pub(super) len: usize,
    /// The text event it is, when it can take a link.
    pub(super) event: Option<usize>,
}

/// Where a block sits in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CellPlace {
    /// Which body row (counted over the page).
    pub(super) row: usize,
    /// Which column.
    pub(super) column: usize,
    /// A header cell.
    pub(super) header: bool,
}

/// One block's text.
#[derive(Debug, Default)]
pub(super) struct Block {
    pub(super) text: String,
    pub(super) segments: Vec<Segment>,
    pub(super) heading: bool,
    pub(super) cell: Option<CellPlace>,
    /// A definition list's term.
    pub(super) term: bool,
}

impl Block {
    fn push(&mut self, text: &str, event: Option<usize>) {
        self.segments.push(Segment { at: self.text.len(), len: text.len(), event });
        self.text.push_str(text);
    }

    /// The text event and offset in it of `at..at + len`, when the whole
    /// stretch is in one event that can take a link.
    pub(super) fn locate(&self, at: usize, len: usize) -> Option<(usize, usize)> {
        let (event, local, inside) = self.locate_start(at, len)?;
        (inside == len).then_some((event, local))
    }

    /// As [`Block::locate`], for a stretch that formatting may split
    /// ("paragraph **9.9**"): the event it starts in, the offset there and
    /// the length of the stretch inside that event.
    pub(super) fn locate_start(&self, at: usize, len: usize) -> Option<(usize, usize, usize)> {
        let s = self.segments.iter().find(|s| s.at <= at && at < s.at + s.len.max(1))?;
        Some((s.event?, at - s.at, len.min(s.at + s.len - at)))
    }
}

/// Every block of `events`, and for each text event the block it is in and
/// where in the block's text it starts.
pub(super) fn gather(events: &[Ev<'_>]) -> (Vec<Block>, Vec<Option<(usize, usize)>>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut of_event = vec![None; events.len()];
    let (mut skip, mut in_head, mut row, mut column) = (0usize, false, 0usize, 0usize);
    // For each open emphasis, whether it holds no title (and has no quotes).
    let mut plain_emphasis: Vec<bool> = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            // A numbered paragraph or item was given its id as raw HTML.
            Event::Html(h) if h.starts_with("<p id=") || h.starts_with("<li id=") => {
                stack.push(blocks.len());
                blocks.push(Block::default());
            }
            Event::Start(tag) if opens_block(tag) => {
                // A block's text is at most its source (Markdown only takes
                // away): room for it at once, rather than a string and a
                // list regrown and copied as each line's event comes.
                let mut block = Block {
                    text: String::with_capacity(range.len()),
                    segments: Vec::with_capacity(4),
                    heading: matches!(tag, Tag::Heading { .. }),
                    ..Block::default()
                };
                if matches!(tag, Tag::TableCell) {
                    block.cell = Some(CellPlace { row, column, header: in_head });
                }
                block.term = matches!(tag, Tag::DefinitionListTitle);
                stack.push(blocks.len());
                blocks.push(block);
            }
            Event::End(end) if closes_block(end) => {
                stack.pop();
                if matches!(end, TagEnd::TableCell) {
                    column += 1;
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                column = 0;
            }
            Event::Start(Tag::TableRow) => {
                row += 1;
                column = 0;
            }
            Event::End(TagEnd::TableRow) => column = 0,
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                skip = skip.saturating_sub(1)
            }
            _ => {}
        }
        let Some(&b) = stack.last() else { continue };
        let block = &mut blocks[b];
        match event {
            Event::Text(t) => {
                of_event[i] = Some((b, block.text.len()));
                block.push(t, (skip == 0).then_some(i));
            }
            Event::Code(t) => block.push(t, None),
            // An italic title reads as a quoted one ("*Working Together*, para 4");
            // an italic number or part of this document is no title.
            Event::Start(Tag::Emphasis) => {
                let plain = not_a_title(events, i, &block.text);
                plain_emphasis.push(plain);
                if !plain {
                    block.push("“", None);
                }
            }
            // The guard takes this emphasis off the stack, quoted or not.
            Event::End(TagEnd::Emphasis) if !plain_emphasis.pop().unwrap_or(false) => {
                block.push("”", None)
            }
            Event::HardBreak => block.push("\n", None),
            _ => {}
        }
    }
    (blocks, of_event)
}

/// The words that name one of this document's parts before its label.
const PART_WORDS: [&str; 4] = ["appendix ", "annex ", "section ", "paragraph "];

/// Whether the emphasis opened at `at` holds no title: only a number
/// ("2.6", "1989", "4(a)"), the name of one of this document's parts
/// ("Appendix A", "Annex 2"), or a label right after a reference's keyword
/// (`before` is the block's text so far: "Appendix *A*").
fn not_a_title(events: &[Ev<'_>], at: usize, before: &str) -> bool {
    let label =
        |t: &str| !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_alphanumeric());
    let number = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_digit())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '(' | ')'))
    };
    // Compared as bytes: the words are ASCII, the text around them need not be.
    let b = before.as_bytes();
    let after_keyword = PART_WORDS
        .iter()
        .any(|w| b.len() >= w.len() && b[b.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes()));
    let part = |t: &str| {
        PART_WORDS.iter().any(|w| {
            t.len() > w.len()
                && t.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                && label(t[w.len()..].trim())
        })
    };
    let plain = |t: &str| {
        let t = t.trim();
        number(t) || part(t) || after_keyword && label(t)
    };
    matches!(
        (events.get(at), events.get(at + 1), events.get(at + 2)),
        (Some((Event::Start(Tag::Emphasis), _)), Some((Event::Text(t), _)), Some((Event::End(TagEnd::Emphasis), _)))
            if plain(t)
    )
}

fn opens_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::TableCell
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn closes_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::TableCell
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use charter_resolve::anchors::parse;

    #[test]
    fn blocks_join_their_text_and_mark_what_can_take_a_link() {
        let events = parse(
            "See *Working Together*, paragraph 4 and [a link](x) here.\n\n| A | B |\n|---|---|\n| LA | x |\n",
        );
        let (blocks, _) = gather(&events);
        assert_eq!(blocks[0].text, "See “Working Together”, paragraph 4 and a link here.");
        let at = blocks[0].text.find("paragraph").unwrap();
        assert!(blocks[0].locate(at, 11).is_some());
        let link = blocks[0].text.find("a link").unwrap();
        assert!(blocks[0].locate(link, 6).is_none());
        let cell = blocks.iter().find(|b| b.text == "LA").unwrap();
        assert_eq!(cell.cell, Some(CellPlace { row: 1, column: 0, header: false }));
    }

    #[test]
    fn emphasis_after_curly_quotes_and_other_scripts_is_read_safely() {
        let events = parse("“Working Together” Appendix *A*, “é” *B* and ééééé *C*.\n");
        let (blocks, _) = gather(&events);
        assert_eq!(blocks[0].text, "“Working Together” Appendix A, “é” “B” and ééééé “C”.");
    }

    #[test]
    fn an_italic_number_or_part_is_not_read_as_a_title() {
        let events = parse(
            "See paragraph *2.6*, the *1989* Act, *4(a)* and *Part 2* of *Working Together*.\n",
        );
        let (blocks, _) = gather(&events);
        assert_eq!(
            blocks[0].text,
            "See paragraph 2.6, the 1989 Act, 4(a) and “Part 2” of “Working Together”."
        );
    }
}
