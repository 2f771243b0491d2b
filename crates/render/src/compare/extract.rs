//! A page's Markdown as comparison blocks, read in one walk over the same
//! event stream the render passes start from (`anchors::parse`, with the
//! ids `anchors::assign` gives), in comparison mode: a link is its text, an
//! image its description, a link to a private host (`link::private-host`)
//! and raw HTML are left out with a note, and nothing of the source's
//! syntax survives.

use charter_core::html::text_of;
use charter_core::model::Data;
use charter_resolve::anchors::{Lines, assign, heading_number, paragraph_number, parse};
use charter_resolve::private_host_of;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Tag, TagEnd};

use super::blocks::{Block, Content, Kind, Number, Table};
use super::tokens::{Style, Token, TokenKind, plain, push_text, trim};
use crate::markdown::{ShortcodeRenderer, data_figures, render_inline};

/// Where a page's data tables and shortcodes come from.
#[derive(Clone, Copy, Default)]
pub struct Sources<'a> {
    /// The site's `data/`, for ```table and ```chart blocks.
    pub data: Option<&'a Data>,
    /// The theme's shortcodes.
    pub shortcodes: Option<&'a dyn ShortcodeRenderer>,
}

/// What a link to a private host becomes.
pub const LINK_LEFT_OUT: &str = "[internal link left out]";
/// What raw HTML becomes.
pub const HTML_LEFT_OUT: &str = "[HTML left out]";

/// Inline tags that only format text: dropped, their text kept.
pub(super) const HARMLESS_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "img", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// The block whose text is being gathered.
enum Open {
    Heading { level: u8, id: String },
    Paragraph,
    Item { depth: usize, value: Option<u64> },
    Note(String),
}

/// A table being read.
#[derive(Default)]
struct TableBuild {
    table: Table,
    row: Vec<Vec<Token>>,
    in_head: bool,
}

/// Footnotes: labels in order of first reference, and their texts.
#[derive(Default)]
struct Notes {
    order: Vec<String>,
    defined: Vec<(String, Vec<Token>)>,
}

/// What the walk knows at each event.
#[derive(Default)]
struct Walker<'a> {
    sources: Sources<'a>,
    blocks: Vec<Block>,
    open: Option<Open>,
    tokens: Vec<Token>,
    style: Style,
    lists: Vec<Option<u64>>,
    quotes: usize,
    alert: Option<&'static str>,
    hiding_link: bool,
    table: Option<TableBuild>,
    in_cell: bool,
    code: Option<(String, String)>,
    html: Option<String>,
    notes: Notes,
}

/// The blocks of a page's Markdown, in order, footnotes last.
pub fn blocks(markdown: &str, sources: Sources<'_>) -> Vec<Block> {
    let mut events = parse(markdown);
    // The numbering pass writes numbered paragraphs and items as HTML that
    // carries their id: remember which events opened them.
    let starts: Vec<Option<bool>> = events
        .iter()
        .map(|(e, _)| match e {
            Event::Start(Tag::Paragraph) => Some(false),
            Event::Start(Tag::Item) => Some(true),
            _ => None,
        })
        .collect();
    assign(&mut events, "", &Lines::new(markdown, 1), "", None);
    let mut walker = Walker { sources, ..Walker::default() };
    for ((event, _), start) in events.into_iter().zip(starts) {
        match (start, event) {
            (Some(true), Event::Html(_)) => walker.start(Tag::Item),
            (Some(false), Event::Html(_)) => walker.start(Tag::Paragraph),
            (_, event) => walker.event(event),
        }
    }
    walker.finish()
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Code(t) => self.styled(&t, Style::CODE),
            Event::Html(h) | Event::InlineHtml(h) => self.html(&h),
            Event::FootnoteReference(label) => self.note_reference(&label),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push(Token::line_break()),
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
            Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.open_or_continue(Open::Paragraph),
            Tag::Heading { level, id, .. } => {
                let id = id.map(|i| i.to_string()).unwrap_or_default();
                self.open(Open::Heading { level: level as u8, id });
            }
            Tag::BlockQuote(kind) => {
                self.close();
                self.quotes += 1;
                self.alert = kind.map(alert_title);
            }
            Tag::CodeBlock(kind) => {
                self.close();
                self.code = Some((language(&kind), String::new()));
            }
            Tag::HtmlBlock => {
                self.close();
                self.html = Some(String::new());
            }
            Tag::List(first) => {
                self.close();
                self.lists.push(first);
            }
            Tag::Item => {
                let depth = self.lists.len().saturating_sub(1);
                let value = self.lists.last_mut().and_then(|next| {
                    let value = *next;
                    if let Some(n) = next {
                        *n += 1;
                    }
                    value
                });
                self.open(Open::Item { depth, value });
            }
            Tag::FootnoteDefinition(label) => self.open(Open::Note(label.to_string())),
            Tag::DefinitionListTitle => {
                self.open(Open::Paragraph);
                self.style = self.style.with(Style::STRONG);
            }
            Tag::DefinitionListDefinition => self.open(Open::Paragraph),
            Tag::Table(_) => {
                self.close();
                let caption = self.take_caption();
                self.table = Some(TableBuild {
                    table: Table { caption, ..Table::default() },
                    ..TableBuild::default()
                });
            }
            Tag::TableHead => self.table_mut(|t| t.in_head = true),
            Tag::TableRow => self.table_mut(|t| t.row.clear()),
            Tag::TableCell => {
                self.in_cell = true;
                self.tokens.clear();
            }
            Tag::Link { dest_url, .. } => self.hiding_link |= private_host_of(&dest_url).is_some(),
            Tag::Image { .. } => {
                self.styled("[Image: ", Style::IMAGE);
                self.style = self.style.with(Style::IMAGE);
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                self.style = self.style.with(inline_style(&tag));
            }
            Tag::DefinitionList | Tag::MetadataBlock(_) => self.close(),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph => {
                if matches!(self.open, Some(Open::Paragraph)) {
                    self.close();
                }
            }
            TagEnd::DefinitionListTitle => {
                self.style = self.style.without(Style::STRONG);
                self.close();
            }
            TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListDefinition
            | TagEnd::DefinitionList
            | TagEnd::MetadataBlock(_) => self.close(),
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quotes = self.quotes.saturating_sub(1);
                self.alert = None;
            }
            TagEnd::CodeBlock => self.code_block(),
            TagEnd::HtmlBlock => self.html_block(),
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Table => self.table_block(),
            TagEnd::TableHead => self.table_mut(|t| t.in_head = false),
            TagEnd::TableRow => self.table_mut(|t| {
                let row = std::mem::take(&mut t.row);
                t.table.rows.push(row);
            }),
            TagEnd::TableCell => self.cell(),
            TagEnd::Link => {
                if std::mem::take(&mut self.hiding_link) {
                    self.push(Token::redacted(LINK_LEFT_OUT));
                }
            }
            TagEnd::Image => {
                self.styled("]", Style::IMAGE);
                self.style = self.style.without(Style::IMAGE);
            }
            TagEnd::Emphasis => self.style = self.style.without(Style::EMPHASIS),
            TagEnd::Strong => self.style = self.style.without(Style::STRONG),
            TagEnd::Strikethrough => self.style = self.style.without(Style::STRIKE),
            TagEnd::Superscript => self.style = self.style.without(Style::SUPER),
            TagEnd::Subscript => self.style = self.style.without(Style::SUB),
        }
    }

    fn text(&mut self, text: &str) {
        self.styled(text, Style::PLAIN);
    }

    /// Text in the current style plus `extra`, wherever text is going.
    fn styled(&mut self, text: &str, extra: Style) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(text);
            return;
        }
        if self.hiding_link {
            return;
        }
        self.ensure_open();
        push_text(&mut self.tokens, text, self.style.with(extra));
    }

    fn push(&mut self, token: Token) {
        if self.hiding_link || self.code.is_some() {
            return;
        }
        self.ensure_open();
        // A tag and its closing tag left out are one redaction.
        let repeat = token.kind == TokenKind::Redacted && self.tokens.last() == Some(&token);
        if !repeat {
            self.tokens.push(token);
        }
    }

    /// Text outside any block (after a nested list, inside an item) starts one.
    fn ensure_open(&mut self) {
        if self.open.is_none() && !self.in_cell {
            let open = match self.lists.len() {
                0 => Open::Paragraph,
                n => Open::Item { depth: n - 1, value: None },
            };
            self.open(open);
        }
    }

    /// A paragraph inside an item, note or cell continues it on a new line.
    fn open_or_continue(&mut self, open: Open) {
        if self.open.is_some() || self.in_cell {
            if !self.tokens.is_empty() {
                self.tokens.push(Token::line_break());
            }
        } else {
            self.open(open);
        }
    }

    fn open(&mut self, open: Open) {
        self.close();
        self.open = Some(open);
        if let Some(title) = self.alert.take() {
            push_text(&mut self.tokens, &format!("{title}: "), Style::STRONG);
        }
    }

    /// Finishes the open block.
    fn close(&mut self) {
        let Some(open) = self.open.take() else { return };
        let mut tokens = std::mem::take(&mut self.tokens);
        trim(&mut tokens);
        if tokens.is_empty() {
            return;
        }
        let quoted = self.quotes > 0;
        let (kind, number) = match open {
            Open::Heading { level, id } => {
                (Kind::Heading { level, id }, take_number(&mut tokens, heading_number))
            }
            Open::Paragraph => (Kind::Paragraph, take_number(&mut tokens, paragraph_number)),
            Open::Item { depth, value } => {
                (Kind::Item { depth, value }, take_number(&mut tokens, paragraph_number))
            }
            Open::Note(label) => {
                self.notes.defined.push((label, tokens));
                return;
            }
        };
        self.blocks.push(Block::new(kind, number, Content::Text(tokens), quoted));
    }

    fn table_mut(&mut self, f: impl FnOnce(&mut TableBuild)) {
        if let Some(t) = &mut self.table {
            f(t);
        }
    }

    fn cell(&mut self) {
        self.in_cell = false;
        let mut tokens = std::mem::take(&mut self.tokens);
        trim(&mut tokens);
        self.table_mut(|t| if t.in_head { t.table.head.push(tokens) } else { t.row.push(tokens) });
    }

    fn table_block(&mut self) {
        if let Some(t) = self.table.take() {
            let quoted = self.quotes > 0;
            self.blocks.push(Block::new(Kind::Table, None, Content::Table(t.table), quoted));
        }
    }

    /// A "Table N" paragraph just before a table is its caption.
    fn take_caption(&mut self) -> Vec<Token> {
        let is_caption = self.blocks.last().is_some_and(|b| {
            b.kind == Kind::Paragraph
                && b.number.is_none()
                && matches!(&b.content, Content::Text(t) if is_table_caption(&plain(t)))
        });
        if !is_caption {
            return Vec::new();
        }
        match self.blocks.pop().map(|b| b.content) {
            Some(Content::Text(t)) => t,
            _ => Vec::new(),
        }
    }

    fn code_block(&mut self) {
        let Some((lang, code)) = self.code.take() else { return };
        let quoted = self.quotes > 0;
        if let Some(data) = self.sources.data
            && let Some(f) = data_figures(&lang, &code, data)
        {
            let caption_text =
                if f.chart { f.title.clone() } else { text_of(&render_inline(&f.title)) };
            let mut caption = Vec::new();
            push_text(&mut caption, &caption_text, Style::PLAIN);
            let cells = |row: &[String]| -> Vec<Vec<Token>> {
                row.iter()
                    .map(|c| {
                        let mut t = Vec::new();
                        push_text(&mut t, c, Style::PLAIN);
                        t
                    })
                    .collect()
            };
            let table = Table {
                caption,
                head: cells(&f.head),
                rows: f.rows.iter().map(|r| cells(r)).collect(),
                chart: f.chart.then_some(f.title),
            };
            self.blocks.push(Block::new(Kind::Table, None, Content::Table(table), quoted));
            return;
        }
        if let Some(Ok(html)) = self.sources.shortcodes.and_then(|s| s.render(&lang, &code)) {
            let mut tokens = Vec::new();
            push_text(&mut tokens, &text_of(&html), Style::PLAIN);
            trim(&mut tokens);
            if !tokens.is_empty() {
                self.blocks.push(Block::new(Kind::Paragraph, None, Content::Text(tokens), quoted));
            }
            return;
        }
        let lines = code.trim_end_matches('\n').lines().map(str::to_string).collect();
        self.blocks.push(Block::new(Kind::Code, None, Content::Lines(lines), quoted));
    }

    fn html_block(&mut self) {
        let Some(html) = self.html.take() else { return };
        // Comments and bare wrappers show nothing: only what a reader would
        // have seen is noted as left out.
        if text_of(&html).trim().is_empty() && !html.to_ascii_lowercase().contains("<script") {
            return;
        }
        let quoted = self.quotes > 0;
        self.blocks.push(Block::new(Kind::Html, None, Content::Redacted(html), quoted));
    }

    fn html(&mut self, html: &str) {
        if let Some(block) = &mut self.html {
            block.push_str(html);
            return;
        }
        let t = html.trim_start();
        if t.starts_with("<!--") {
            return;
        }
        let name = tag_name(t);
        if name == "br" {
            self.push(Token::line_break());
        } else if !HARMLESS_TAGS.contains(&name.as_str()) || is_scripted(t) {
            self.push(Token::redacted(HTML_LEFT_OUT));
        }
    }

    fn note_reference(&mut self, label: &str) {
        let n = match self.notes.order.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.notes.order.push(label.to_string());
                self.notes.order.len()
            }
        };
        self.styled(&format!("[{n}]"), Style::SUPER);
    }

    fn finish(mut self) -> Vec<Block> {
        self.close();
        self.table_block();
        let mut defined = std::mem::take(&mut self.notes.defined);
        // Notes in order of first reference, as the page numbers them; then
        // any never referenced.
        let mut ordered = Vec::with_capacity(defined.len());
        for label in &self.notes.order {
            if let Some(i) = defined.iter().position(|(l, _)| l == label) {
                ordered.push(defined.remove(i).1);
            }
        }
        ordered.extend(defined.into_iter().map(|(_, t)| t));
        for (i, tokens) in ordered.into_iter().enumerate() {
            let kind = Kind::Note { number: i + 1 };
            self.blocks.push(Block::new(kind, None, Content::Text(tokens), false));
        }
        self.blocks
    }
}

/// The hand number at the start of `tokens`, taken off with the "." and
/// space after it, when it ends where a token ends.
fn take_number(tokens: &mut Vec<Token>, find: fn(&str) -> Option<String>) -> Option<Number> {
    let head: String = tokens.iter().take(8).map(|t| &*t.text).collect();
    let value = find(&head)?;
    let mut written = String::new();
    let mut taken = 0;
    for t in tokens.iter() {
        if written.len() >= value.len() || t.kind != TokenKind::Word {
            break;
        }
        written.push_str(&t.text);
        taken += 1;
    }
    if written != value {
        return None;
    }
    if tokens.get(taken).is_some_and(|t| t.text == ".") {
        written.push('.');
        taken += 1;
    }
    if tokens.get(taken).is_some_and(Token::is_space) {
        written.push(' ');
        taken += 1;
    }
    tokens.drain(..taken);
    Some(Number { value, written })
}

/// The name of an HTML tag, lower-cased: "br" for `<br/>`, "span" for `</span>`.
pub(super) fn tag_name(html: &str) -> String {
    html.trim_start()
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// "Table 3: …", "Table 12a …": the words that make a paragraph a caption.
fn is_table_caption(text: &str) -> bool {
    let Some(rest) = text.trim_start().strip_prefix("Table") else { return false };
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() {
        return false;
    }
    let digits = after_space.chars().take_while(char::is_ascii_digit).count();
    let mut tail = after_space[digits..].chars();
    let next = tail.next();
    let next = if next.is_some_and(|c| c.is_ascii_alphabetic()) { tail.next() } else { next };
    digits > 0 && next.is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a tag could run script or restyle the page: an `on…=` handler,
/// a `javascript:` URL or a `style` attribute.
pub(super) fn is_scripted(html: &str) -> bool {
    let h = html.to_ascii_lowercase();
    if h.contains("javascript:") || h.contains("style=") {
        return true;
    }
    h.match_indices(" on").any(|(i, _)| {
        let rest = &h[i + 3..];
        let name = rest.chars().take_while(char::is_ascii_alphabetic).count();
        name > 0 && rest[name..].trim_start().starts_with('=')
    })
}

fn language(kind: &CodeBlockKind<'_>) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

fn alert_title(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

fn inline_style(tag: &Tag<'_>) -> Style {
    match tag {
        Tag::Emphasis => Style::EMPHASIS,
        Tag::Strong => Style::STRONG,
        Tag::Strikethrough => Style::STRIKE,
        Tag::Superscript => Style::SUPER,
        Tag::Subscript => Style::SUB,
        _ => Style::PLAIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<(Kind, Option<String>, String)> {
        blocks(markdown, Sources::default())
            .into_iter()
            .map(|b| (b.kind.clone(), b.number.map(|n| n.written), b.content.text()))
            .collect()
    }

    #[test]
    fn numbers_come_off_headings_paragraphs_and_items() {
        let b = texts(
            "## 12. Voice of children\n\n12.1 Listening **first**.\n\n- 2.16.9.1 gather\n- plain\n",
        );
        let heading = Kind::Heading { level: 2, id: "section-12".into() };
        assert_eq!(b[0], (heading, Some("12. ".into()), "Voice of children".into()));
        assert_eq!(b[1], (Kind::Paragraph, Some("12.1 ".into()), "Listening first.".into()));
        assert_eq!(b[2].1.as_deref(), Some("2.16.9.1 "));
        assert_eq!(b[3], (Kind::Item { depth: 0, value: None }, None, "plain".into()));
    }

    #[test]
    fn no_syntax_survives_and_flagged_content_is_left_out() {
        let md = "See [the policy](http://intranet.local/p) and [GOV.UK](https://www.gov.uk/) ![A chart](c.png).\n\n<div class=\"x\" onclick=\"go()\">Secret</div>\n\nText <span>kept</span> and <script>x</script>.\n";
        let b = blocks(md, Sources::default());
        let text = b[0].content.text();
        assert_eq!(text, format!("See {LINK_LEFT_OUT} and GOV.UK [Image: A chart]."));
        assert_eq!(b[1].kind, Kind::Html);
        let last = b[2].content.text();
        assert!(last.contains("kept") && last.contains(HTML_LEFT_OUT), "{last}");
        assert!(!last.contains("<span"));
    }

    #[test]
    fn tables_take_their_caption_and_cells() {
        let b = blocks(
            "Table 2: Money\n\n| Who | £ |\n|---|---|\n| **Police** | 1,200 |\n",
            Sources::default(),
        );
        assert_eq!(b.len(), 1);
        let Content::Table(t) = &b[0].content else { panic!("a table") };
        assert_eq!(plain(&t.caption), "Table 2: Money");
        assert_eq!(plain(&t.rows[0][0]), "Police");
        assert_eq!(t.rows[0][0][0].style, Style::STRONG);
        assert_eq!(plain(&t.rows[0][1]), "1,200");
    }

    #[test]
    fn notes_follow_reference_order_and_lists_nest() {
        let b =
            texts("B[^b] A[^a]\n\n[^a]: Note A.\n[^b]: Note B.\n\n1. one\n   - inner\n2. two\n");
        assert_eq!(b[0].2, "B[1] A[2]");
        assert_eq!(b[1].0, Kind::Item { depth: 0, value: Some(1) });
        assert_eq!(b[2].0, Kind::Item { depth: 1, value: None });
        assert_eq!(b[3].0, Kind::Item { depth: 0, value: Some(2) });
        assert_eq!(b[4], (Kind::Note { number: 1 }, None, "Note B.".into()));
        assert_eq!(b[5], (Kind::Note { number: 2 }, None, "Note A.".into()));
    }

    #[test]
    fn captions_are_recognised() {
        assert!(is_table_caption("Table 3: Referrals"));
        assert!(is_table_caption("Table 12a Spend"));
        assert!(!is_table_caption("Tables 3"));
        assert!(!is_table_caption("Table of contents"));
    }
}
