//! A page's Markdown as an event stream, and the anchors it offers:
//! heading ids, numbered sections and paragraphs, footnotes and ids
//! written in raw HTML. Computed once per page here; the render stage
//! assigns the same ids while it writes HTML.

mod events;
mod footnotes;
mod numbering;
mod packed;

pub use events::{Breaks, Ev, Lines, markdown_options, parse, plain_text};
pub use footnotes::footnote_ids;
pub use numbering::{
    Anchors, Numbered, TocEntry, assign, heading_number, paragraph_number, replay,
};
pub(crate) use numbering::{anchors_of, is_regex_space};
pub use packed::{PackedEvents, unpacks_to_the_parse};

use charter_core::Sink;
use charter_core::model::SourcePage;
use charter_core::urls::slugify;

/// The ids and numbered anchors of a page, without rendering it.
/// Duplicate numbers are reported to `sink` when one is given.
pub fn page_anchors(page: &SourcePage, sink: Option<&Sink>) -> Anchors {
    anchors_of_events(page, &mut parse(&page.body), sink)
}

/// The page's anchors, and its parse packed for the render to use again
/// (`Site::take_parse`) rather than parse the page a second time.
pub fn page_anchors_and_events(page: &SourcePage, sink: &Sink) -> (Anchors, Option<PackedEvents>) {
    let mut events = parse(&page.body);
    let packed = PackedEvents::pack(&page.body, &events);
    (anchors_of_events(page, &mut events, Some(sink)), packed)
}

fn anchors_of_events(page: &SourcePage, events: &mut Vec<Ev<'_>>, sink: Option<&Sink>) -> Anchors {
    let lines = Lines::new(&page.body, page.body_line);
    let mut anchors = anchors_of(events, &lines, &page.file, sink);
    for level in &page.frontmatter.levels {
        anchors.ids.insert(format!("level-{}", slugify(&level.id)));
    }
    footnote_ids(events, &mut anchors.ids);
    anchors
}
