//! Footnotes gathered at the end of the page, numbered in order of first
//! reference, each linked to its reference and back.

use std::collections::BTreeMap;

use charter_core::html::escape;
use charter_core::urls::slugify;
use charter_resolve::anchors::Ev;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

pub(super) fn collect<'a>(events: Vec<Ev<'a>>, prefix: &str) -> Vec<Ev<'a>> {
    let has_notes = events.iter().any(|(e, _)| {
        matches!(e, Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)))
    });
    if !has_notes {
        return events;
    }
    let (mut body, mut definitions) = split_definitions(events);
    let numbers = number_references(&mut body, &definitions, prefix);
    let unreferenced: Vec<String> =
        definitions.keys().filter(|k| !numbers.uses.contains_key(*k)).cloned().collect();
    if numbers.order.is_empty() && unreferenced.is_empty() {
        return body;
    }
    let heading_id = format!("{prefix}footnotes");
    let open = format!(
        "<section class=\"footnotes\" role=\"doc-endnotes\" aria-labelledby=\"{heading_id}\">\n<h2 id=\"{heading_id}\">Notes</h2>\n<ol>\n"
    );
    body.push(html(open, false));
    for label in numbers.order.iter().chain(unreferenced.iter()) {
        let Some(evs) = definitions.remove(label) else {
            continue;
        };
        let (n, uses) = numbers.uses.get(label).copied().unwrap_or((0, 0));
        let id = if n > 0 {
            format!("{prefix}fn-{n}")
        } else {
            format!("{prefix}fn-{}", slugify(label))
        };
        body.push(html(format!("<li id=\"{id}\">"), false));
        body.extend(with_backlinks(evs, prefix, n, uses));
        body.push((Event::Html(CowStr::Borrowed("</li>\n")), 0..0));
    }
    body.push((Event::Html(CowStr::Borrowed("</ol>\n</section>\n")), 0..0));
    body
}

fn html<'a>(text: String, inline: bool) -> Ev<'a> {
    let text = CowStr::Boxed(text.into_boxed_str());
    (if inline { Event::InlineHtml(text) } else { Event::Html(text) }, 0..0)
}

/// Each note's events, by its label.
type Definitions<'a> = BTreeMap<String, Vec<Ev<'a>>>;

/// The page's events without its note definitions, and the definitions.
fn split_definitions(events: Vec<Ev<'_>>) -> (Vec<Ev<'_>>, Definitions<'_>) {
    // The notes go back on the end with a few events each (their list
    // item, a back-link): room for them from the start, rather than the
    // page's events copied again as the list grows.
    let notes = events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::FootnoteDefinition(_))))
        .count();
    let mut body = Vec::with_capacity(events.len() + 4 * notes + 4);
    let mut definitions = BTreeMap::new();
    let mut current: Option<(String, Vec<Ev<'_>>)> = None;
    for (e, r) in events {
        match e {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((label.to_string(), Vec::new()))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, evs)) = current.take() {
                    definitions.insert(label, evs);
                }
            }
            e => match &mut current {
                Some((_, evs)) => evs.push((e, r)),
                None => body.push((e, r)),
            },
        }
    }
    (body, definitions)
}

/// Notes by label: their number and how often they are referenced.
struct Numbers {
    uses: BTreeMap<String, (usize, usize)>,
    order: Vec<String>,
}

/// Numbers notes in order of first reference and writes each reference; a
/// note referenced twice gets a second back-link.
fn number_references(body: &mut [Ev<'_>], definitions: &Definitions<'_>, prefix: &str) -> Numbers {
    let mut numbers = Numbers { uses: BTreeMap::new(), order: Vec::new() };
    for (e, _) in body.iter_mut() {
        let Event::FootnoteReference(label) = e else { continue };
        let key = label.to_string();
        let next = numbers.uses.len() + 1;
        let entry = numbers.uses.entry(key.clone()).or_insert_with(|| {
            numbers.order.push(key.clone());
            (next, 0)
        });
        entry.1 += 1;
        let (n, uses) = *entry;
        let ref_id = if uses == 1 {
            format!("{prefix}fnref-{n}")
        } else {
            format!("{prefix}fnref-{n}-{uses}")
        };
        let html = if definitions.contains_key(&key) {
            format!(
                "<sup class=\"footnote-ref\"><a href=\"#{prefix}fn-{n}\" id=\"{ref_id}\" role=\"doc-noteref\"><span class=\"visually-hidden\">Note </span>{n}</a></sup>"
            )
        } else {
            format!("<sup class=\"footnote-ref\">[{}]</sup>", escape(&key))
        };
        *e = Event::InlineHtml(CowStr::Boxed(html.into_boxed_str()));
    }
    numbers
}

/// A note's events with a link back to each reference, inside its last
/// paragraph.
fn with_backlinks<'a>(mut evs: Vec<Ev<'a>>, prefix: &str, n: usize, uses: usize) -> Vec<Ev<'a>> {
    let mut backlinks = String::new();
    for u in 1..=uses {
        let ref_id =
            if u == 1 { format!("{prefix}fnref-{n}") } else { format!("{prefix}fnref-{n}-{u}") };
        backlinks.push_str(&format!(
            " <a href=\"#{ref_id}\" class=\"footnote-back\" role=\"doc-backlink\">Back to reference {n}{}</a>",
            if uses > 1 { format!(" ({u})") } else { String::new() }
        ));
    }
    match evs.iter().rposition(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph))) {
        Some(i) => evs.insert(i, html(backlinks, true)),
        None => evs.push(html(backlinks, false)),
    }
    evs
}

#[cfg(test)]
mod tests {
    use super::*;
    use charter_resolve::anchors::parse;

    fn run(md: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            collect(parse(md), "").into_iter().map(|(e, _)| e),
        );
        out
    }

    #[test]
    fn notes_link_both_ways_in_order_of_reference() {
        let html = run("B[^b] then A[^a] and B again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n");
        assert!(html.contains("<a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">"));
        assert!(html.contains("id=\"fnref-1-2\""));
        let b = html.find("<li id=\"fn-1\">\n<p>Note B.").expect("B is note 1");
        let a = html.find("<li id=\"fn-2\">\n<p>Note A.").expect("A is note 2");
        assert!(b < a);
        assert!(html.contains("Back to reference 1 (2)</a>"));
    }

    #[test]
    fn a_reference_without_a_note_stays_as_written() {
        assert!(run("Text[^missing].\n").contains("<p>Text[^missing].</p>"));
    }
}
