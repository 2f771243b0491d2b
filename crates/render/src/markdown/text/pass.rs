//! The pass: each block's references found in its whole text, then each
//! text event cut into plain text, links and marks.

use std::collections::BTreeMap;

use charter_resolve::anchors::Ev;
use charter_resolve::glossary::Capitals;
use pulldown_cmark::{Event, Tag, TagEnd};

use super::context::{PageState, TextContext};
use super::pieces::{self, Piece};
use super::references::{Refs, block_references};
use super::runs::gather;
use super::terms::{InBlock, check_acronyms, definition_blocks, link_terms, rag};

/// Runs the pass: references, RAG ratings and glossary terms in every
/// piece of running text become links or marks; never inside headings,
/// links, images or code.
pub(crate) fn link_text<'a>(
    events: Vec<Ev<'a>>,
    cx: &TextContext<'_, '_>,
    state: &mut PageState,
) -> Vec<Ev<'a>> {
    let (blocks, of_event) = gather(&events);
    let mut found: BTreeMap<usize, Vec<Piece<'static>>> = BTreeMap::new();
    for block in blocks.iter().filter(|b| !b.heading && !b.text.is_empty()) {
        let mut refs = Refs { block, events: &events, cx, pieces: &mut found };
        block_references(&mut refs, state);
    }
    let definitions = definition_blocks(&blocks);
    let mut skip = 0usize;
    let (mut in_heading, mut in_table_head) = (false, false);
    // Each link written adds events around its text: room for a page
    // dense with terms without growing (and copying) the list again (one
    // and a half times the events grew it on most pages of the dense
    // corpus, an acronym or two in every sentence).
    let mut out = Vec::with_capacity(events.len() * 2 + 16);
    for (i, (event, range)) in events.into_iter().enumerate() {
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
        let at = of_event[i].map(|(b, offset)| (b, InBlock { block: &blocks[b], offset }));
        let check = skip == 0 && !at.as_ref().is_some_and(|(b, _)| definitions.contains(b));
        let link = skip == 0 && !in_heading && at.is_some();
        // Both the check and the terms read the text's capitalised words.
        let capitals = if check || link { Capitals::of(text) } else { Capitals::default() };
        if check {
            check_acronyms(
                text,
                &capitals,
                &range,
                at.as_ref().map(|(_, a)| a),
                in_heading || in_table_head,
                cx,
            );
        }
        if skip > 0 || in_heading {
            out.push((event, range));
            continue;
        }
        let mut pieces = found.remove(&i).unwrap_or_default();
        pieces.extend(rag(text));
        if let Some((_, at)) = &at {
            link_terms(text, &capitals, at, cx, state, &mut pieces);
        }
        if pieces.is_empty() {
            out.push((event, range));
            continue;
        }
        pieces::write(text, pieces, &range, &mut out);
    }
    out
}
