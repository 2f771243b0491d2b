//! A page's parse, kept small between resolve and render.
//!
//! Resolve parses every page's Markdown for its anchors, and the render
//! parsed it again: the second parse was a twentieth of a build. Keeping
//! the events as pulldown-cmark gives them costs about 100 bytes each (a
//! tag holds three strings), so they are packed: 20 bytes an event, its
//! text as a place in the body (or in a small store of its own, for text
//! the parser made: joined lines, curly quotes), and the few tags that hold
//! strings (headings, links, images, fenced code, tables, footnotes,
//! numbered lists) kept apart. Unpacking gives events equal to a fresh
//! parse, borrowing from the body and the store.

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd,
};

use super::events::Ev;

/// One page's events, packed.
pub struct PackedEvents {
    events: Vec<(Packed, [u32; 2])>,
    /// Text the parser made rather than found in the body.
    store: String,
    tags: Vec<StringTag>,
}

/// Text: where it is, in the body or (top bit set) in the store.
#[derive(Clone, Copy)]
struct Text {
    at: u32,
    len: u32,
}

const IN_STORE: u32 = 1 << 31;

#[derive(Clone, Copy)]
enum Packed {
    /// A tag that holds nothing its end does not.
    Start(TagEnd),
    /// A tag that holds strings: its place in `tags`.
    StartWithStrings(u32),
    End(TagEnd),
    Text(Text),
    Code(Text),
    InlineMath(Text),
    DisplayMath(Text),
    Html(Text),
    InlineHtml(Text),
    FootnoteReference(Text),
    SoftBreak,
    HardBreak,
    Rule,
    TaskListMarker(bool),
}

enum StringTag {
    Heading {
        level: HeadingLevel,
        id: Option<Text>,
        classes: Vec<Text>,
        attrs: Vec<(Text, Option<Text>)>,
    },
    Fenced(Text),
    List(u64),
    FootnoteDefinition(Text),
    Table(Vec<Alignment>),
    Link {
        image: bool,
        link_type: LinkType,
        dest_url: Text,
        title: Text,
        id: Text,
    },
}

impl PackedEvents {
    /// Packs the events `parse` made of `body`; `None` for a body too long
    /// to place in 31 bits.
    pub fn pack(body: &str, events: &[Ev<'_>]) -> Option<PackedEvents> {
        if body.len() >= IN_STORE as usize {
            return None;
        }
        let mut packer = Packer {
            body,
            too_long: false,
            out: PackedEvents {
                events: Vec::with_capacity(events.len()),
                store: String::new(),
                tags: Vec::new(),
            },
        };
        for (event, range) in events {
            let packed = packer.event(event);
            let range = [u32::try_from(range.start).ok()?, u32::try_from(range.end).ok()?];
            packer.out.events.push((packed, range));
        }
        if packer.too_long {
            return None;
        }
        packer.out.events.shrink_to_fit();
        packer.out.store.shrink_to_fit();
        Some(packer.out)
    }

    /// The events again, as `parse` made them of `body` (the body they
    /// were packed from).
    pub fn unpack<'a>(&'a self, body: &'a str) -> Vec<Ev<'a>> {
        let text = |t: Text| -> CowStr<'a> {
            let (source, at) = if t.at & IN_STORE != 0 {
                (self.store.as_str(), t.at & !IN_STORE)
            } else {
                (body, t.at)
            };
            CowStr::Borrowed(&source[at as usize..(at + t.len) as usize])
        };
        self.events
            .iter()
            .map(|&(packed, [start, end])| {
                let event = match packed {
                    Packed::Start(end) => Event::Start(plain_tag(end)),
                    Packed::StartWithStrings(i) => Event::Start(self.tags[i as usize].tag(&text)),
                    Packed::End(end) => Event::End(end),
                    Packed::Text(t) => Event::Text(text(t)),
                    Packed::Code(t) => Event::Code(text(t)),
                    Packed::InlineMath(t) => Event::InlineMath(text(t)),
                    Packed::DisplayMath(t) => Event::DisplayMath(text(t)),
                    Packed::Html(t) => Event::Html(text(t)),
                    Packed::InlineHtml(t) => Event::InlineHtml(text(t)),
                    Packed::FootnoteReference(t) => Event::FootnoteReference(text(t)),
                    Packed::SoftBreak => Event::SoftBreak,
                    Packed::HardBreak => Event::HardBreak,
                    Packed::Rule => Event::Rule,
                    Packed::TaskListMarker(done) => Event::TaskListMarker(done),
                };
                (event, start as usize..end as usize)
            })
            .collect()
    }
}

impl std::fmt::Debug for PackedEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackedEvents({} events)", self.events.len())
    }
}

struct Packer<'b> {
    body: &'b str,
    /// The store outgrew 31 bits (text the parser made can be longer than
    /// the body it came from): the parse is not kept.
    too_long: bool,
    out: PackedEvents,
}

impl Packer<'_> {
    fn event(&mut self, event: &Event<'_>) -> Packed {
        match event {
            Event::Start(tag) => match plain_end(tag) {
                Some(end) => Packed::Start(end),
                None => {
                    let packed = self.string_tag(tag);
                    self.out.tags.push(packed);
                    Packed::StartWithStrings((self.out.tags.len() - 1) as u32)
                }
            },
            Event::End(end) => Packed::End(*end),
            Event::Text(t) => Packed::Text(self.text(t)),
            Event::Code(t) => Packed::Code(self.text(t)),
            Event::InlineMath(t) => Packed::InlineMath(self.text(t)),
            Event::DisplayMath(t) => Packed::DisplayMath(self.text(t)),
            Event::Html(t) => Packed::Html(self.text(t)),
            Event::InlineHtml(t) => Packed::InlineHtml(self.text(t)),
            Event::FootnoteReference(t) => Packed::FootnoteReference(self.text(t)),
            Event::SoftBreak => Packed::SoftBreak,
            Event::HardBreak => Packed::HardBreak,
            Event::Rule => Packed::Rule,
            Event::TaskListMarker(done) => Packed::TaskListMarker(*done),
        }
    }

    /// Where `text` is: in the body when it is a slice of it, else copied
    /// into the store.
    fn text(&mut self, text: &str) -> Text {
        let body = self.body.as_bytes().as_ptr_range();
        let start = text.as_ptr();
        if body.contains(&start) && text.len() <= body.end as usize - start as usize {
            let at = start as usize - body.start as usize;
            return Text { at: at as u32, len: text.len() as u32 };
        }
        let at = self.out.store.len();
        if at + text.len() >= IN_STORE as usize {
            self.too_long = true;
            return Text { at: IN_STORE, len: 0 };
        }
        self.out.store.push_str(text);
        Text { at: at as u32 | IN_STORE, len: text.len() as u32 }
    }

    fn string_tag(&mut self, tag: &Tag<'_>) -> StringTag {
        match tag {
            Tag::Heading { level, id, classes, attrs } => StringTag::Heading {
                level: *level,
                id: id.as_deref().map(|t| self.text(t)),
                classes: classes.iter().map(|c| self.text(c)).collect(),
                attrs: attrs
                    .iter()
                    .map(|(k, v)| (self.text(k), v.as_deref().map(|v| self.text(v))))
                    .collect(),
            },
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => StringTag::Fenced(self.text(info)),
            Tag::List(Some(first)) => StringTag::List(*first),
            Tag::FootnoteDefinition(label) => StringTag::FootnoteDefinition(self.text(label)),
            Tag::Table(alignments) => StringTag::Table(alignments.clone()),
            Tag::Link { link_type, dest_url, title, id }
            | Tag::Image { link_type, dest_url, title, id } => StringTag::Link {
                image: matches!(tag, Tag::Image { .. }),
                link_type: *link_type,
                dest_url: self.text(dest_url),
                title: self.text(title),
                id: self.text(id),
            },
            // `plain_end` takes every other tag.
            _ => unreachable!("a tag without strings is packed as its end"),
        }
    }
}

impl StringTag {
    fn tag<'a>(&self, text: &impl Fn(Text) -> CowStr<'a>) -> Tag<'a> {
        match self {
            StringTag::Heading { level, id, classes, attrs } => Tag::Heading {
                level: *level,
                id: id.map(text),
                classes: classes.iter().map(|&c| text(c)).collect(),
                attrs: attrs.iter().map(|&(k, v)| (text(k), v.map(text))).collect(),
            },
            StringTag::Fenced(info) => Tag::CodeBlock(CodeBlockKind::Fenced(text(*info))),
            StringTag::List(first) => Tag::List(Some(*first)),
            StringTag::FootnoteDefinition(label) => Tag::FootnoteDefinition(text(*label)),
            StringTag::Table(alignments) => Tag::Table(alignments.clone()),
            StringTag::Link { image, link_type, dest_url, title, id } => {
                let (link_type, dest_url, title, id) =
                    (*link_type, text(*dest_url), text(*title), text(*id));
                if *image {
                    Tag::Image { link_type, dest_url, title, id }
                } else {
                    Tag::Link { link_type, dest_url, title, id }
                }
            }
        }
    }
}

/// The end of a tag that holds nothing else, which is all it takes to
/// make it again; `None` for a tag with strings (or a list's number).
fn plain_end(tag: &Tag<'_>) -> Option<TagEnd> {
    match tag {
        Tag::Heading { .. }
        | Tag::CodeBlock(CodeBlockKind::Fenced(_))
        | Tag::List(Some(_))
        | Tag::FootnoteDefinition(_)
        | Tag::Table(_)
        | Tag::Link { .. }
        | Tag::Image { .. } => None,
        other => Some(other.to_end()),
    }
}

/// The tag [`plain_end`] packed as `end`.
fn plain_tag(end: TagEnd) -> Tag<'static> {
    match end {
        TagEnd::Paragraph => Tag::Paragraph,
        TagEnd::BlockQuote(kind) => Tag::BlockQuote(kind),
        TagEnd::CodeBlock => Tag::CodeBlock(CodeBlockKind::Indented),
        TagEnd::HtmlBlock => Tag::HtmlBlock,
        TagEnd::List(_) => Tag::List(None),
        TagEnd::Item => Tag::Item,
        TagEnd::DefinitionList => Tag::DefinitionList,
        TagEnd::DefinitionListTitle => Tag::DefinitionListTitle,
        TagEnd::DefinitionListDefinition => Tag::DefinitionListDefinition,
        TagEnd::TableHead => Tag::TableHead,
        TagEnd::TableRow => Tag::TableRow,
        TagEnd::TableCell => Tag::TableCell,
        TagEnd::Emphasis => Tag::Emphasis,
        TagEnd::Strong => Tag::Strong,
        TagEnd::Strikethrough => Tag::Strikethrough,
        TagEnd::Superscript => Tag::Superscript,
        TagEnd::Subscript => Tag::Subscript,
        TagEnd::MetadataBlock(kind) => Tag::MetadataBlock(kind),
        TagEnd::Heading(_)
        | TagEnd::FootnoteDefinition
        | TagEnd::Table
        | TagEnd::Link
        | TagEnd::Image => unreachable!("a tag with strings is packed apart"),
    }
}

/// Whether packing and unpacking the parse of `body` gives the parse
/// again: for the tests and the fuzz target.
pub fn unpacks_to_the_parse(body: &str) -> bool {
    let fresh = super::events::parse(body);
    PackedEvents::pack(body, &fresh).is_none_or(|packed| packed.unpack(body) == fresh)
}

#[cfg(test)]
mod tests {
    use super::unpacks_to_the_parse;

    /// Every kind of event and tag, and text the parser makes.
    const EVERY_KIND: &str = "# Title {#top .wide data-x=1 flag}\n\n## 2. Section\n\n\
        2.1 A *paragraph* with **strong**, ~~struck~~, `code`, \"quotes\" and it's\n\
        joined across lines &amp; entities.\\\nHard break.\n\n> [!NOTE]\n> An alert.\n\n\
        > Plain quote.\n\n```rust\nfn main() {}\n```\n\n    indented code\n\n\
        3. three\n4. four\n\n- [ ] task\n- [x] done\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n\
        [inline](https://example.org \"T\") [ref][r] [collapsed][] [shortcut] <https://auto.example.org>\n\n\
        ![image](/i.png \"it\") ![ref image][r]\n\n[r]: https://ref.example.org \"Ref\"\n[shortcut]: /s\n\n\
        Footnote[^n].\n\n[^n]: The note.\n\nTerm\n: Definition\n\n<div>\nblock html\n</div>\n\n\
        Inline <span>html</span>.\n\n---\n";

    #[test]
    fn unpacking_gives_the_parse_again() {
        let mut texts = vec![EVERY_KIND.to_string(), String::new(), "x".into()];
        texts.extend(charter_core::testing::repository_markdown_files());
        for text in &texts {
            assert!(unpacks_to_the_parse(text), "{text:.200}");
        }
    }
}
