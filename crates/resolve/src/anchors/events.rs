//! Markdown parsed into pulldown-cmark events, with text joined so that a
//! phrase written across two lines is one piece of text.

use std::ops::Range;

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
    let mut out: Vec<Ev<'_>> = Vec::new();
    // A run of text is gathered in one growing buffer and stored once it
    // ends, so joining stays linear however many pieces the run has.
    let mut run: Option<(String, Range<usize>)> = None;
    let flush = |run: &mut Option<(String, Range<usize>)>, out: &mut Vec<Ev<'_>>| {
        if let Some((text, range)) = run.take() {
            out.push((Event::Text(CowStr::Boxed(text.into_boxed_str())), range));
        }
    };
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let text = match &event {
            Event::SoftBreak => Some("\n"),
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        };
        match (text, &mut run) {
            (Some(t), Some((buffer, r))) => {
                buffer.push_str(t);
                r.end = range.end;
            }
            (Some(t), None) => run = Some((t.to_string(), range)),
            (None, _) => {
                flush(&mut run, &mut out);
                out.push((event, range));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Line numbers for byte offsets in a page body.
pub struct Lines {
    starts: Vec<usize>,
    first_line: usize,
}

impl Lines {
    /// Lines of `body`, which starts on file line `first_line`.
    pub fn new(body: &str, first_line: usize) -> Lines {
        let mut starts = vec![0];
        starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts, first_line }
    }

    /// 1-based file line of a body offset.
    pub fn line(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        self.first_line + i
    }
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
    fn lines_of_offsets() {
        let lines = Lines::new("a\nb\nc", 5);
        assert_eq!(lines.line(0), 5);
        assert_eq!(lines.line(2), 6);
        assert_eq!(lines.line(4), 7);
    }
}
