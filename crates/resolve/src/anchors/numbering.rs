//! Heading and paragraph ids. Authored numbers are never changed: a heading
//! "## 2.16 The Leadership group" gets `section-2-16`, a paragraph starting
//! "2.16.9.5 The group" gets `para-2-16-9-5`, anything else a slug.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use charter_core::hash::{FixedState, fixed_state};
use charter_core::html::escape_into;
use charter_core::urls::slugify;
use charter_core::{Code, Diagnostic, Sink};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

use super::events::{Ev, Lines, plain_text};

/// A numbered section or paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Numbered {
    /// "2.16".
    pub number: String,
    /// "section-2-16" or "para-2-16".
    pub id: String,
    /// A paragraph (or list item) rather than a heading.
    pub is_paragraph: bool,
    /// 1-based file line.
    pub line: usize,
    /// Heading text, for sections.
    pub title: String,
}

/// One entry of a page's contents list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// What a page offers as link targets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Every id on the page.
    pub ids: BTreeSet<String>,
    /// Numbered sections and paragraphs, in order.
    pub numbered: Vec<Numbered>,
    /// The contents list.
    pub toc: Vec<TocEntry>,
    /// Number → index in `numbered` of its first paragraph and first
    /// section, so a reference is found without a scan.
    by_number: HashMap<String, (Option<usize>, Option<usize>)>,
    /// Where [`assign`] gave each id (the index of the heading's or the
    /// paragraph's event, without prefix), and how many events there were:
    /// the render parses the same body to the same events and gives the
    /// same ids with [`replay`], without working them out again. The ids
    /// are kept in one string (`serve` keeps every page's anchors): each
    /// entry is an event's index and where its id ends in `placed_ids`.
    placed: Vec<(u32, u32)>,
    placed_ids: String,
    events: usize,
}

impl Anchors {
    /// The anchor a reference to `number` means, preferring paragraphs or sections.
    pub fn find(&self, number: &str, prefer_paragraph: bool) -> Option<&Numbered> {
        let &(para, section) = self.by_number.get(number)?;
        let (first, second) = if prefer_paragraph { (para, section) } else { (section, para) };
        first.or(second).map(|i| &self.numbered[i])
    }

    /// The numbered section whose id is `id`.
    pub fn section_with_id(&self, id: &str) -> Option<&Numbered> {
        self.numbered.iter().find(|n| n.id == id)
    }

    fn push(&mut self, n: Numbered) {
        let slot = self.by_number.entry(n.number.clone()).or_default();
        let index = self.numbered.len();
        if n.is_paragraph {
            slot.0.get_or_insert(index);
        } else {
            slot.1.get_or_insert(index);
        }
        self.numbered.push(n);
    }

    /// Records that the event at `event` was given `id`.
    fn place(&mut self, event: usize, id: &str) {
        self.placed_ids.push_str(id);
        self.placed.push((event as u32, self.placed_ids.len() as u32));
    }

    /// Each placed event's index and id, in order.
    fn placed(&self) -> impl Iterator<Item = (usize, &str)> {
        let starts = std::iter::once(0).chain(self.placed.iter().map(|&(_, end)| end as usize));
        self.placed
            .iter()
            .zip(starts)
            .map(|(&(event, end), start)| (event as usize, &self.placed_ids[start..end as usize]))
    }
}

static HEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)*)\.?\s+\S").expect("valid regex"));
static PARA_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)+)\.?(?:\s+|$)(\S*)").expect("valid regex"));

/// Words after a leading decimal that make it a quantity, not a number.
const QUANTITY_WORDS: &[&str] =
    &["million", "billion", "thousand", "per", "percent", "%", "m", "bn", "k"];

/// The number a heading's text starts with ("7. GOVERNANCE" → "7").
pub fn heading_number(text: &str) -> Option<String> {
    let text = text.trim_start();
    let number = match read_leading(text) {
        // `^(\d+(?:\.\d+)*)\.?\s+\S`: white space, then more text.
        Reading::Ascii(r) => (r.end > 0 && r.spaces > 0 && r.at < text.len()).then_some(r.end),
        Reading::Neither => None,
        Reading::Regex => HEADING_NUMBER.captures(text).map(|c| c[1].len()),
    };
    number.map(|end| text[..end].to_string())
}

/// The number a paragraph's text starts with.
pub fn paragraph_number(text: &str) -> Option<String> {
    let text = text.trim_start();
    let (number, next) = match read_leading(text) {
        // `^(\d+(?:\.\d+)+)\.?(?:\s+|$)(\S*)`: a dotted number, then
        // white space or the end, then the next word.
        Reading::Ascii(r) => {
            if r.groups == 0 || (r.spaces == 0 && r.at < text.len()) {
                return None;
            }
            (&text[..r.end], &text[r.at..r.word_end])
        }
        Reading::Neither => return None,
        Reading::Regex => {
            let c = PARA_NUMBER.captures(text)?;
            (c.get(1)?.as_str(), c.get(2).map_or("", |m| m.as_str()))
        }
    };
    // Compared without a lower-cased copy: every numbered paragraph asks.
    let next = next.trim_end_matches([',', '.']);
    if QUANTITY_WORDS.iter().any(|q| q.eq_ignore_ascii_case(next)) {
        return None;
    }
    Some(number.to_string())
}

/// How the start of a text is read for a hand number.
enum Reading {
    /// Read from its bytes: every byte the reading looked at is ASCII.
    Ascii(Leading),
    /// It starts with a character that is neither a digit nor ASCII, so
    /// neither regex can match.
    Neither,
    /// A byte looked at is outside ASCII, where the regexes' Unicode
    /// digits and white space may read it otherwise: the regex is asked
    /// (and compiled only then).
    Regex,
}

/// A hand number at the start of a text, read as the numbering regexes
/// read it: ASCII digits in groups joined by single dots (`end`; `groups`
/// is how many dots join them), an optional dot after it, then white space
/// (`spaces` bytes, ending at `at`) and the word after that (to
/// `word_end`). Every heading and paragraph of every page asks, and most
/// begin in ASCII: read by hand, the regexes cost 1,700 instructions a
/// heading and their compiling 2% of a 1,000-page build.
struct Leading {
    end: usize,
    groups: usize,
    spaces: usize,
    at: usize,
    word_end: usize,
}

fn read_leading(text: &str) -> Reading {
    let b = text.as_bytes();
    if let Some(&first) = b.first()
        && !first.is_ascii()
    {
        let digit = text.chars().next().is_some_and(char::is_numeric);
        return if digit { Reading::Regex } else { Reading::Neither };
    }
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = digits(0);
    // One past the last byte looked at: each run's reading stops at a byte.
    let mut seen = end + 1;
    let mut groups = 0;
    if end > 0 {
        while b.get(end) == Some(&b'.') {
            let next = digits(end + 1);
            seen = seen.max(next + 1);
            if next == end + 1 {
                break;
            }
            (end, groups) = (next, groups + 1);
        }
    }
    let (mut spaces, mut at, mut word_end) = (0, end, end);
    if end > 0 {
        at = end + usize::from(b.get(end) == Some(&b'.'));
        spaces = b[at..].iter().take_while(|c| is_regex_space(**c)).count();
        at += spaces;
        word_end = at + b[at..].iter().take_while(|c| !is_regex_space(**c)).count();
        seen = seen.max(word_end + 1);
    }
    if b[..seen.min(b.len())].is_ascii() {
        Reading::Ascii(Leading { end, groups, spaces, at, word_end })
    } else {
        Reading::Regex
    }
}

/// ASCII white space as the regex's `\s` sees it (vertical tab too: `\s`
/// is Unicode's White_Space).
pub(crate) fn is_regex_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Where ids are being given out on one page.
struct Numbering<'a> {
    anchors: Anchors,
    // Only looked up, never listed: hashed, not a B-tree's string
    // comparisons (0.7% of a build, for every id of every page).
    used: HashMap<String, usize, FixedState>,
    /// Each number, and the byte where it was first written.
    first_use: HashMap<String, usize, FixedState>,
    /// Write the ids into the events ([`assign`]) or only find them.
    rewrite: bool,
    prefix: &'a str,
    lines: &'a Lines<'a>,
    file: &'a str,
    sink: Option<&'a Sink>,
}

/// Assigns ids in place and returns the page's anchors. `prefix` goes in
/// front of every id (print pages). Duplicate numbers are reported to `sink`.
pub fn assign(
    events: &mut [Ev<'_>],
    prefix: &str,
    lines: &Lines,
    file: &str,
    sink: Option<&Sink>,
) -> Anchors {
    number(events, prefix, true, lines, file, sink)
}

/// The anchors [`assign`] finds, without giving the events their ids:
/// resolve reads every page's anchors from events it then drops (the
/// render parses the page again and [`replay`]s the ids); writing each
/// numbered paragraph's tag there took numbering from 3.2% to 3.8% of
/// the dense 10k build's samples.
pub(crate) fn anchors_of(
    events: &mut [Ev<'_>],
    lines: &Lines,
    file: &str,
    sink: Option<&Sink>,
) -> Anchors {
    number(events, "", false, lines, file, sink)
}

/// [`assign`], writing the ids into the events only with `rewrite`.
fn number(
    events: &mut [Ev<'_>],
    prefix: &str,
    rewrite: bool,
    lines: &Lines,
    file: &str,
    sink: Option<&Sink>,
) -> Anchors {
    // Room for an id per heading, paragraph and item, so the tables are
    // not grown (and every key hashed again) as the ids go in.
    let blocks = events
        .iter()
        .filter(|e| matches!(e.0, Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item)))
        .count();
    let mut n = Numbering {
        anchors: Anchors::default(),
        used: HashMap::with_capacity_and_hasher(blocks, fixed_state()),
        first_use: HashMap::with_capacity_and_hasher(blocks, fixed_state()),
        rewrite,
        prefix,
        lines,
        file,
        sink,
    };
    n.anchors.events = events.len();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                i = n.heading(events, i);
                continue;
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => n.paragraph(events, i),
            Event::Html(h) | Event::InlineHtml(h) => n.anchors.ids.extend(html_ids(h)),
            _ => {}
        }
        i += 1;
    }
    n.anchors
}

/// `kind` then a hand number with its dots as dashes: "para-2-6" for 2.6.
fn dashed(kind: &str, number: &str) -> String {
    let mut id = String::with_capacity(kind.len() + number.len());
    id.push_str(kind);
    id.extend(number.chars().map(|c| if c == '.' { '-' } else { c }));
    id
}

/// A heading's id as its event holds it.
fn heading_id(prefix: &str, id: &str) -> Option<CowStr<'static>> {
    Some(CowStr::Boxed([prefix, id].concat().into_boxed_str()))
}

/// A numbered paragraph's or list item's opening tag with its id.
fn paragraph_with_id(is_item: bool, prefix: &str, id: &str) -> Event<'static> {
    let tag = if is_item { "<li id=\"" } else { "<p id=\"" };
    let mut html = String::with_capacity(tag.len() + prefix.len() + id.len() + 2);
    html.push_str(tag);
    escape_into(&mut html, prefix);
    escape_into(&mut html, id);
    html.push_str("\">");
    Event::Html(CowStr::Boxed(html.into_boxed_str()))
}

/// Gives `events` the ids [`assign`] gave the same events when `anchors`
/// were made, with `prefix` in front, and returns the contents list;
/// `None`, changing nothing, where the events are not the ones it saw.
pub fn replay(events: &mut [Ev<'_>], anchors: &Anchors, prefix: &str) -> Option<Vec<TocEntry>> {
    let fits = |(i, _): (usize, &str)| {
        matches!(
            events.get(i).map(|e| &e.0),
            Some(Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item))
        )
    };
    if events.len() != anchors.events || !anchors.placed().all(fits) {
        return None;
    }
    for (i, id) in anchors.placed() {
        match &mut events[i].0 {
            Event::Start(Tag::Heading { id: slot, .. }) => *slot = heading_id(prefix, id),
            event => {
                let is_item = matches!(event, Event::Start(Tag::Item));
                *event = paragraph_with_id(is_item, prefix, id);
            }
        }
    }
    let toc = anchors
        .toc
        .iter()
        .map(|t| TocEntry {
            level: t.level,
            id: [prefix, t.id.as_str()].concat(),
            title: t.title.clone(),
        })
        .collect();
    Some(toc)
}

impl Numbering<'_> {
    fn unique(&mut self, base: String) -> String {
        if let Some(n) = self.used.get_mut(&base) {
            *n += 1;
            return format!("{base}-{n}");
        }
        self.used.insert(base.clone(), 1);
        base
    }

    /// Gives the heading at `i` its id; returns the index after its end.
    fn heading(&mut self, events: &mut [Ev<'_>], i: usize) -> usize {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else { return i + 1 };
        let level = *level as u8;
        let explicit = id.as_ref().map(|s| s.to_string());
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
            .unwrap_or(i);
        let text = plain_text(&events[i + 1..end]);
        let line = self.lines.line(events[i].1.start);
        let number = heading_number(&text);
        let id = match (explicit, &number) {
            (Some(e), _) => e,
            (None, Some(n)) => self.unique(dashed("section-", n)),
            (None, None) => self.unique(slugify(&text)),
        };
        if let Some(n) = &number {
            let written = events[i + 1..end]
                .iter()
                .find(|(e, _)| matches!(e, Event::Text(_)))
                .map_or(events[i].1.start, |(_, r)| r.start);
            self.report_duplicate(n, written, "section");
            let title = text.clone();
            self.anchors.push(Numbered {
                number: n.clone(),
                id: id.clone(),
                is_paragraph: false,
                line,
                title,
            });
        }
        if (2..=3).contains(&level) {
            let entry = TocEntry {
                level,
                id: [self.prefix, id.as_str()].concat(),
                title: text.trim().to_string(),
            };
            self.anchors.toc.push(entry);
        }
        self.anchors.ids.insert(id.clone());
        self.anchors.place(i, &id);
        if self.rewrite
            && let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0
        {
            *slot = heading_id(self.prefix, &id);
        }
        end + 1
    }

    /// Gives a paragraph or list item that starts with a number its id.
    fn paragraph(&mut self, events: &mut [Ev<'_>], i: usize) {
        let is_item = matches!(events[i].0, Event::Start(Tag::Item));
        // The text may follow directly (a paragraph, a tight item) or
        // after the paragraph that opens a loose item, which keeps its <p>.
        let opens_paragraph =
            matches!(events.get(i + 1).map(|e| &e.0), Some(Event::Start(Tag::Paragraph)));
        let text_at = if is_item && opens_paragraph { i + 2 } else { i + 1 };
        let Some((Event::Text(t), _)) = events.get(text_at) else { return };
        let Some(number) = paragraph_number(t) else { return };
        let line = self.lines.line(events[i].1.start);
        self.report_duplicate(&number, events[text_at].1.start, "paragraph");
        let id = self.unique(dashed("para-", &number));
        self.anchors.ids.insert(id.clone());
        self.anchors.place(i, &id);
        let title = String::new();
        if self.rewrite {
            events[i].0 = paragraph_with_id(is_item, self.prefix, &id);
        }
        self.anchors.push(Numbered { number, id, is_paragraph: true, line, title });
    }

    /// `written`: where the number is, in the body.
    fn report_duplicate(&mut self, number: &str, written: usize, what: &str) {
        // Where the number was first written, as a line only when it is
        // written twice (a line is a search of the page's line starts).
        let Some(&first) = self.first_use.get(number) else {
            self.first_use.insert(number.to_string(), written);
            return;
        };
        let earlier = self.lines.line(first);
        let (line, column) = self.lines.point(written);
        if let Some(sink) = self.sink {
            sink.push(
                Diagnostic::warning(
                    Code::XrefDuplicateNumber,
                    format!("{what} {number} is numbered twice: at lines {earlier} and {line}"),
                )
                .at(self.file, line, column)
                .spanning(number.chars().count())
                .help(format!(
                    "charter never renumbers: the second one gets its own id with `-2`, but a \
                     reference to {number} goes to the first; correct the number if it is a typo"
                )),
            );
        }
    }
}

static HTML_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sid\s*=\s*["']([^"']+)["']"#).expect("valid regex"));

/// Ids written in raw HTML, which links may point at too.
pub(crate) fn html_ids(html: &str) -> Vec<String> {
    HTML_ID.captures_iter(html).map(|c| c[1].to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::events::parse;

    /// Ids given again from the anchors are the ids worked out afresh, with
    /// or without a prefix, on headings of every kind (numbered, explicit,
    /// repeated, deep) and numbered paragraphs and list items, tight and
    /// loose; events that are not the ones the anchors saw are refused.
    #[test]
    fn replayed_ids_are_the_assigned_ids() {
        let body = "# Title\n\n## 1. Scope\n\n1.1 The scope.\n\n1.2 More.\n\n## Scope\n\n## Scope\n\n\
                    ### Deep {#own}\n\n- 2.1 an item\n- 2.2 another\n\n1. 3.1 loose\n\n   more\n\n\
                    #### 4. Four\n\n1.1 Again.\n\n<p id=\"raw\">x</p>\n";
        let lines = Lines::new(body, 1);
        for prefix in ["", "print-"] {
            let made = assign(&mut parse(body), "", &lines, "f.md", None);
            let mut expected = parse(body);
            let assigned = assign(&mut expected, prefix, &lines, "f.md", None);
            let mut given = parse(body);
            let toc = replay(&mut given, &made, prefix).expect("the same events");
            assert_eq!(format!("{given:?}"), format!("{expected:?}"), "{prefix}");
            assert_eq!(toc, assigned.toc, "{prefix}");
        }
        let made = assign(&mut parse(body), "", &lines, "f.md", None);
        assert!(replay(&mut parse("## 1. Other\n"), &made, "").is_none());
    }

    /// Finding the anchors without writing the ids into the events finds
    /// what assigning them does, on the headings and paragraphs of every
    /// kind above and on every Markdown file of the repository (its
    /// frontmatter read as text, which only adds paragraphs).
    #[test]
    fn anchors_found_without_rewriting_are_the_assigned_ones() {
        let body = "# Title\n\n## 1. Scope\n\n1.1 The scope.\n\n1.1 Twice.\n\n## Scope\n\n## Scope\n\n\
                    ### Deep {#own}\n\n- 2.1 an item\n- 2.2 another\n\n1. 3.1 loose\n\n   more\n\n\
                    #### 4. Four\n\n<p id=\"raw\">x</p>\n";
        let mut texts = vec![body.to_string()];
        texts.extend(charter_core::testing::repository_markdown_files());
        for text in &texts {
            let lines = Lines::new(text, 1);
            let (a, b) = (Sink::default(), Sink::default());
            let assigned = assign(&mut parse(text), "", &lines, "f.md", Some(&a));
            let found = anchors_of(&mut parse(text), &lines, "f.md", Some(&b));
            assert_eq!(found, assigned, "{text}");
            assert_eq!(format!("{:?}", b.take()), format!("{:?}", a.take()));
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(heading_number("7. GOVERNANCE").as_deref(), Some("7"));
        assert_eq!(heading_number("2.16 The Leadership group").as_deref(), Some("2.16"));
        assert_eq!(heading_number("Governance"), None);
        assert_eq!(paragraph_number("2.16.9.5 The group will").as_deref(), Some("2.16.9.5"));
        assert_eq!(paragraph_number("1.2. The partners").as_deref(), Some("1.2"));
        assert_eq!(paragraph_number("2.6 million children"), None);
        assert_eq!(paragraph_number("2026 was a year"), None);
        assert_eq!(heading_number("“7” quoted"), None);
        assert_eq!(heading_number("7"), None);
    }

    /// The hand reading is the regexes' reading: for every line of the
    /// repository, and for numbers of each shape with every byte (and
    /// some characters outside ASCII: digits, white space, letters) put
    /// in each place of them and of what follows.
    #[test]
    fn the_hand_reading_is_the_regexes() {
        let by_regex_para = |t: &str| {
            let t = t.trim_start();
            PARA_NUMBER.captures(t).and_then(|c| {
                let next = c.get(2).map_or("", |m| m.as_str()).to_ascii_lowercase();
                (!QUANTITY_WORDS.contains(&next.trim_end_matches([',', '.'])))
                    .then(|| c[1].to_string())
            })
        };
        let by_regex_heading =
            |t: &str| HEADING_NUMBER.captures(t.trim_start()).map(|c| c[1].to_string());
        let same = |text: &str| {
            assert_eq!(paragraph_number(text), by_regex_para(text), "{text:?}");
            assert_eq!(heading_number(text), by_regex_heading(text), "{text:?}");
        };
        for line in charter_core::testing::repository_markdown_lines() {
            same(&line);
        }
        let shapes = [
            "1.2 The",
            "1.2. The",
            "1.2.3.4 x",
            "1.2",
            "1.2.",
            "1.2.x",
            "1.x",
            "12.30pm",
            "7. GOV",
            "7 Gov",
            "7",
            "1..2 a",
            "3.4\tTab",
            "3.4 million",
            "3.4 per cent.",
            "3.4. ",
            " 7.7 lead",
            "2.6 million, of",
            "10.11.12 deep",
            "3.4  m",
            "",
        ];
        let others = ["\u{a0}", "\u{2003}", "٣", "é", "’", "\u{b}", "\u{85}"];
        for shape in shapes {
            same(shape);
            let bytes = shape.as_bytes();
            for place in 0..=bytes.len() {
                for byte in 0..0x80u8 {
                    let mut b = bytes.to_vec();
                    if place < b.len() {
                        b[place] = byte;
                    } else {
                        b.push(byte);
                    }
                    same(std::str::from_utf8(&b).expect("ASCII in ASCII"));
                }
                for other in others {
                    let (head, tail) = shape.split_at(place);
                    same(&format!("{head}{other}{tail}"));
                    if place < shape.len() && shape.is_char_boundary(place + 1) {
                        same(&format!("{head}{other}{}", &shape[place + 1..]));
                    }
                }
            }
        }
    }

    #[test]
    fn ids_for_headings_paragraphs_and_duplicates() {
        let body = "## 2. Scope\n\n2.1 First.\n\n2.1 Again.\n\n## Plain heading {#mine}\n";
        let mut events = parse(body);
        let sink = Sink::default();
        let a = assign(&mut events, "", &Lines::new(body, 1), "a.md", Some(&sink));
        let ids: Vec<&str> = a.ids.iter().map(String::as_str).collect();
        assert_eq!(ids, vec!["mine", "para-2-1", "para-2-1-2", "section-2"]);
        assert_eq!(a.find("2.1", true).unwrap().id, "para-2-1");
        assert_eq!(a.find("2", false).unwrap().id, "section-2");
        let ds = sink.take();
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].code, ds[0].line, ds[0].column), (Code::XrefDuplicateNumber, 5, 1));
    }
}
