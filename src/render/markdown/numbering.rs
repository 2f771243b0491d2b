//! Heading and paragraph ids. Authored numbers are never changed: a heading
//! "## 2.16 The Leadership group" gets `section-2-16`, a paragraph starting
//! "2.16.9.5 The group" gets `para-2-16-9-5`, anything else a slug.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

use super::{Ev, Lines, TocEntry, escape};
use crate::diagnostics::{Diagnostic, Sink};
use crate::resolve::urls::slugify;

/// A numbered section or paragraph.
#[derive(Clone, Debug, Serialize)]
pub struct Numbered {
    pub number: String,
    pub id: String,
    pub is_paragraph: bool,
    pub line: usize,
    /// Heading text, for sections.
    pub title: String,
}

/// What a page offers as link targets.
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    pub ids: BTreeSet<String>,
    pub numbered: Vec<Numbered>,
    pub toc: Vec<TocEntry>,
    /// Number → index in `numbered` of its first paragraph and first
    /// section, so a reference is found without a scan.
    pub by_number: std::collections::HashMap<String, (Option<usize>, Option<usize>)>,
}

impl Anchors {
    /// The anchor a reference to `number` means, preferring paragraphs or sections.
    pub fn find(&self, number: &str, prefer_paragraph: bool) -> Option<&Numbered> {
        let &(para, section) = self.by_number.get(number)?;
        let (first, second) = if prefer_paragraph { (para, section) } else { (section, para) };
        first.or(second).map(|i| &self.numbered[i])
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
}

static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)*)\.?\s+\S").expect("valid regex"));
static PARA_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)+)\.?(?:\s+|$)(\S*)").expect("valid regex"));

/// Words after a leading decimal that make it a quantity, not a number.
const QUANTITY_WORDS: &[&str] = &["million", "billion", "thousand", "per", "percent", "%", "m", "bn", "k"];

/// The number a heading's text starts with.
pub fn heading_number(text: &str) -> Option<String> {
    HEADING_NUMBER.captures(text.trim_start()).map(|c| c[1].to_string())
}

/// The number a paragraph's text starts with.
pub fn paragraph_number(text: &str) -> Option<String> {
    let c = PARA_NUMBER.captures(text.trim_start())?;
    let next = c.get(2).map(|m| m.as_str().to_ascii_lowercase()).unwrap_or_default();
    if QUANTITY_WORDS.contains(&next.trim_end_matches([',', '.'])) {
        return None;
    }
    Some(c[1].to_string())
}

/// Assigns ids in place and returns the page's anchors. `prefix` goes in
/// front of every id (print pages). Duplicate numbers are reported to `sink`.
pub(super) fn assign(events: &mut [Ev<'_>], prefix: &str, lines: &Lines, file: &str, sink: Option<&Sink>) -> Anchors {
    let mut anchors = Anchors::default();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut first_use: BTreeMap<String, usize> = BTreeMap::new();
    let unique = |base: String, used: &mut BTreeMap<String, usize>| -> String {
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    };
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = *level as u8;
                let explicit = id.as_ref().map(|s| s.to_string());
                let end = (i..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_)))).unwrap_or(i);
                let text = plain_text(&events[i + 1..end]);
                let line = lines.line(events[i].1.start);
                let number = heading_number(&text);
                let base = match (&explicit, &number) {
                    (Some(e), _) => e.clone(),
                    (None, Some(n)) => format!("section-{}", n.replace('.', "-")),
                    (None, None) => slugify(&text),
                };
                let id = if explicit.is_some() { base } else { unique(base, &mut used) };
                if let Some(n) = &number {
                    report_duplicate(&mut first_use, n, line, file, sink, "section");
                    anchors.push(Numbered { number: n.clone(), id: id.clone(), is_paragraph: false, line, title: text.clone() });
                }
                if (2..=3).contains(&level) {
                    anchors.toc.push(TocEntry { level, id: format!("{prefix}{id}"), title: text.trim().to_string() });
                }
                anchors.ids.insert(id.clone());
                if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                    *slot = Some(CowStr::Boxed(format!("{prefix}{id}").into_boxed_str()));
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                let is_item = matches!(events[i].0, Event::Start(Tag::Item));
                // The text may follow directly (a paragraph, a tight item) or
                // after the paragraph that opens a loose item.
                let text_at = if is_item && matches!(events.get(i + 1).map(|e| &e.0), Some(Event::Start(Tag::Paragraph))) { i + 2 } else { i + 1 };
                if let Some((Event::Text(t), _)) = events.get(text_at)
                    && let Some(n) = paragraph_number(t)
                {
                    let line = lines.line(events[i].1.start);
                    report_duplicate(&mut first_use, &n, line, file, sink, "paragraph");
                    let id = unique(format!("para-{}", n.replace('.', "-")), &mut used);
                    anchors.ids.insert(id.clone());
                    anchors.push(Numbered { number: n, id: id.clone(), is_paragraph: true, line, title: String::new() });
                    let tag = if is_item { "li" } else { "p" };
                    events[i].0 = Event::Html(CowStr::Boxed(format!("<{tag} id=\"{}\">", escape(&format!("{prefix}{id}"))).into_boxed_str()));
                    if is_item && text_at == i + 2 {
                        // The loose item's paragraph keeps its plain <p>.
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for id in html_ids(h) {
                    anchors.ids.insert(id);
                }
            }
            _ => {}
        }
        i += 1;
    }
    anchors
}

fn report_duplicate(first: &mut BTreeMap<String, usize>, number: &str, line: usize, file: &str, sink: Option<&Sink>, what: &str) {
    match first.get(number) {
        Some(&earlier) => {
            if let Some(sink) = sink {
                sink.push(
                    Diagnostic::warning("xref::duplicate-number", format!("{what} {number} is numbered twice: at lines {earlier} and {line}"))
                        .at(file, line, 1)
                        .help(format!("charter never renumbers: the second one gets its own id with `-2`, but a reference to {number} goes to the first; correct the number if it is a typo")),
                );
            }
        }
        None => {
            first.insert(number.to_string(), line);
        }
    }
}

/// The text inside a run of inline events.
pub(super) fn plain_text(events: &[Ev<'_>]) -> String {
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

static HTML_ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid\s*=\s*["']([^"']+)["']"#).expect("valid regex"));

/// Ids written in raw HTML, which links may point at too.
pub(super) fn html_ids(html: &str) -> Vec<String> {
    HTML_ID.captures_iter(html).map(|c| c[1].to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(heading_number("7. GOVERNANCE").as_deref(), Some("7"));
        assert_eq!(heading_number("2.16 The Leadership group").as_deref(), Some("2.16"));
        assert_eq!(heading_number("Governance"), None);
        assert_eq!(paragraph_number("2.16.9.5 The group will").as_deref(), Some("2.16.9.5"));
        assert_eq!(paragraph_number("1.2. The partners").as_deref(), Some("1.2"));
        assert_eq!(paragraph_number("2.6 million children"), None);
        assert_eq!(paragraph_number("2026 was a year"), None);
    }
}
