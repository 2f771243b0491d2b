//! Markdown parsed into pulldown-cmark events, with text joined so that a
//! phrase written across two lines is one piece of text.

use std::ops::Range;

use charter_core::model::TextOrigin;
use pulldown_cmark::{CowStr, Event, Options, Parser};

/// An event with its byte range in the page body.
pub type Ev<'a> = (Event<'a>, Range<usize>);

/// The Markdown extensions charter turns on.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Parses a body into events, joining adjacent text (and soft line breaks)
/// so that a reference written across two lines is one piece of text.
pub fn parse(body: &str) -> Vec<Ev<'_>> {
    // About one event per 25 bytes of a page with a table and a list
    // (one per 40 in plain prose): most pages need no regrowth, which
    // would copy every event so far.
    let mut out: Vec<Ev<'_>> = Vec::with_capacity(body.len() / 25 + 16);
    // A run of text is gathered in one growing buffer and stored once it
    // ends, so joining stays linear however many pieces the run has; a
    // run of one piece keeps the parser's text as it is, uncopied.
    let mut run: Option<(Run<'_>, Range<usize>)> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let event = match event {
            Event::SoftBreak => Event::Text(CowStr::Borrowed("\n")),
            other => other,
        };
        match (event, &mut run) {
            (Event::Text(t), Some((joined, r))) => {
                joined.push(&t);
                r.end = range.end;
            }
            (Event::Text(t), None) => run = Some((Run::One(t), range)),
            (event, _) => {
                flush(&mut run, &mut out);
                out.push((event, range));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Stores the run of text gathered so far, if any.
fn flush<'a>(run: &mut Option<(Run<'a>, Range<usize>)>, out: &mut Vec<Ev<'a>>) {
    match run.take() {
        Some((Run::One(text), range)) => out.push((Event::Text(text), range)),
        Some((Run::Joined(text), range)) => {
            out.push((Event::Text(CowStr::Boxed(text.into_boxed_str())), range))
        }
        None => {}
    }
}

/// A run of text being gathered: one piece as the parser gave it, or
/// several joined.
enum Run<'a> {
    One(CowStr<'a>),
    Joined(String),
}

impl Run<'_> {
    fn push(&mut self, text: &str) {
        match self {
            Run::One(first) => {
                let mut joined = String::with_capacity(first.len() + text.len() + 64);
                joined.push_str(first);
                joined.push_str(text);
                *self = Run::Joined(joined);
            }
            Run::Joined(joined) => joined.push_str(text),
        }
    }
}

/// File lines and columns of byte offsets in a page body, or in a
/// Markdown value of the frontmatter (`changes:`, a level's text), so that
/// a diagnostic points at the phrase it is about.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
    origin: Option<&'a TextOrigin>,
    /// A frontmatter value that could not be placed: everything in it is
    /// reported at its key.
    at_key: bool,
}

impl<'a> Lines<'a> {
    /// Lines of `body`, which starts on file line `first_line`.
    pub fn new(body: &'a str, first_line: usize) -> Lines<'a> {
        let mut starts = vec![0];
        // memchr's vector search: this runs for every page body parsed.
        starts.extend(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1));
        Lines { text: body, starts, first_line, origin: None, at_key: false }
    }

    /// A frontmatter value, placed by `origin`; without one, everything in
    /// it is on `key_line`, the line of its key.
    pub fn value(text: &'a str, origin: Option<&'a TextOrigin>, key_line: usize) -> Lines<'a> {
        let mut lines = Lines::new(text, key_line);
        lines.origin = origin;
        lines.at_key = origin.is_none();
        lines
    }

    /// 1-based file line of a text offset.
    pub fn line(&self, offset: usize) -> usize {
        if self.origin.is_some() || self.at_key {
            return self.point(offset).0;
        }
        let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        self.first_line + i
    }

    /// 1-based file line and column (in characters) of a text offset.
    pub fn point(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(self.text, offset.min(self.text.len()));
        if let Some(origin) = self.origin {
            return origin.locate(self.text, offset).unwrap_or((self.first_line, 1));
        }
        if self.at_key || self.text.is_empty() {
            return (self.first_line, 1);
        }
        let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let column = self.text[self.starts[i]..offset].chars().count() + 1;
        (self.first_line + i, column)
    }

    /// How many characters of `range` are on its first line (at least one):
    /// the span of a link or an image as written.
    pub fn width(&self, range: &Range<usize>) -> usize {
        let start = floor_boundary(self.text, range.start.min(self.text.len()));
        let end = floor_boundary(self.text, range.end.min(self.text.len())).max(start);
        self.text[start..end].split('\n').next().map_or(1, |l| l.chars().count().max(1))
    }

    /// Where a phrase of a text event is written: the event starts at
    /// `event_start` in the text, holds `event_text` (which may differ
    /// from what is written: joined lines, smart quotes, escapes), and the
    /// phrase is `event_text[at..at + len]`. Returns the line, the column
    /// and the phrase's length in characters (on its first line).
    pub fn phrase(
        &self,
        event_start: usize,
        event_text: &str,
        at: usize,
        len: usize,
    ) -> (usize, usize, usize) {
        let breaks = Breaks::of(event_text);
        self.phrase_with(event_start, event_text, &breaks, at, len)
    }

    /// As [`Lines::phrase`], with the event's line breaks counted once for
    /// the many phrases of one long event.
    pub fn phrase_with(
        &self,
        event_start: usize,
        event_text: &str,
        breaks: &Breaks,
        at: usize,
        len: usize,
    ) -> (usize, usize, usize) {
        let at = floor_boundary(event_text, at.min(event_text.len()));
        let end = floor_boundary(event_text, (at + len).min(event_text.len()));
        let phrase = event_text[at..end].split('\n').next().unwrap_or("");
        let chars = phrase.chars().count().max(1);
        let breaks = breaks.before(at);
        let first = self.starts.partition_point(|&s| s <= event_start).saturating_sub(1);
        let line = (first + breaks).min(self.starts.len() - 1);
        let line_start =
            if breaks == 0 { event_start.min(self.text.len()) } else { self.starts[line] };
        let line_end = self.starts.get(line + 1).map_or(self.text.len(), |e| e - 1).max(line_start);
        let written = &self.text[line_start..line_end];
        let expected = event_text[..at].rsplit('\n').next().unwrap_or("").chars().count();
        let offset = match find_near(written, phrase, expected) {
            Some(o) => line_start + o,
            None => {
                line_start + written.char_indices().nth(expected).map_or(written.len(), |(i, _)| i)
            }
        };
        let (line, column) = self.point(offset);
        (line, column, chars)
    }
}

/// Where the line breaks of a text are, so that "how many before this
/// offset" is a search, not a count from the start.
pub struct Breaks(Vec<usize>);

impl Breaks {
    /// The line breaks of `text`.
    pub fn of(text: &str) -> Breaks {
        Breaks(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    /// How many come before `offset`.
    pub fn before(&self, offset: usize) -> usize {
        self.0.partition_point(|&b| b < offset)
    }
}

/// The occurrence of `phrase` in `line` nearest to the `expected` column
/// (in characters), or of its first word where the phrase itself is not
/// written as shown (smart quotes, a joined line).
fn find_near(line: &str, phrase: &str, expected: usize) -> Option<usize> {
    let nearest = |needle: &str| {
        line.match_indices(needle)
            .map(|(i, _)| i)
            .min_by_key(|&i| line[..i].chars().count().abs_diff(expected))
    };
    if phrase.is_empty() {
        return None;
    }
    nearest(phrase).or_else(|| {
        let word: String = phrase.chars().take_while(|c| c.is_alphanumeric()).collect();
        if word.is_empty() { None } else { nearest(&word) }
    })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text inside a run of inline events.
pub fn plain_text(events: &[Ev<'_>]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_across_lines_is_one_event() {
        let events = parse("see paragraph\n2.6 below\n");
        let texts: Vec<&str> = events
            .iter()
            .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
            .collect();
        assert_eq!(texts, vec!["see paragraph\n2.6 below"]);
    }

    #[test]
    fn phrases_are_found_where_they_are_written() {
        let body = "Intro line.\n- see paragraph\n  9.9 and “Safe” paragraph 7\n";
        let lines = Lines::new(body, 10);
        let events = parse(body);
        let (text, range) = events
            .iter()
            .find_map(|(e, r)| match e {
                Event::Text(t) if t.contains("paragraph") => Some((t.to_string(), r.clone())),
                _ => None,
            })
            .unwrap();
        let at = text.find("paragraph\n9.9").unwrap();
        assert_eq!(lines.phrase(range.start, &text, at, "paragraph".len()), (11, 7, 9));
        let at = text.rfind("paragraph 7").unwrap();
        assert_eq!(lines.phrase(range.start, &text, at, "paragraph 7".len()), (12, 18, 11));
    }

    #[test]
    fn lines_of_offsets() {
        let lines = Lines::new("a\nb\nc", 5);
        assert_eq!(lines.line(0), 5);
        assert_eq!(lines.line(2), 6);
        assert_eq!(lines.line(4), 7);
    }
}
