//! Footnotes gathered at the end of the page, numbered in order of first
//! reference, each linked to its reference and back.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Ev, escape};
use crate::resolve::urls::slugify;

/// The ids footnotes will take, so links to them can be checked.
pub(super) fn ids(events: &[Ev<'_>], ids: &mut BTreeSet<String>) {
    let mut n = 0;
    let mut seen = BTreeSet::new();
    for (e, _) in events {
        if let Event::FootnoteReference(label) = e
            && seen.insert(label.to_string())
        {
            n += 1;
            ids.insert(format!("fn-{n}"));
            ids.insert(format!("fnref-{n}"));
        }
    }
    if n > 0 {
        ids.insert("footnotes".into());
    }
}

pub(super) fn collect<'a>(events: Vec<Ev<'a>>, prefix: &str) -> Vec<Ev<'a>> {
    if !events.iter().any(|(e, _)| matches!(e, Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)))) {
        return events;
    }
    let mut body = Vec::with_capacity(events.len());
    let mut definitions: BTreeMap<String, Vec<Ev<'a>>> = BTreeMap::new();
    let mut current: Option<(String, Vec<Ev<'a>>)> = None;
    for (e, r) in events {
        match e {
            Event::Start(Tag::FootnoteDefinition(label)) => current = Some((label.to_string(), Vec::new())),
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
    // Number notes in order of first reference; a note referenced twice
    // gets a second back-link.
    let mut numbers: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (e, _) in body.iter_mut() {
        if let Event::FootnoteReference(label) = e {
            let key = label.to_string();
            let next = numbers.len() + 1;
            let entry = numbers.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                (next, 0)
            });
            entry.1 += 1;
            let (n, uses) = *entry;
            let ref_id = if uses == 1 { format!("{prefix}fnref-{n}") } else { format!("{prefix}fnref-{n}-{uses}") };
            let html = if definitions.contains_key(&key) {
                format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{prefix}fn-{n}\" id=\"{ref_id}\" role=\"doc-noteref\"><span class=\"visually-hidden\">Note </span>{n}</a></sup>"
                )
            } else {
                format!("<sup class=\"footnote-ref\">[{}]</sup>", escape(&key))
            };
            *e = Event::InlineHtml(CowStr::Boxed(html.into_boxed_str()));
        }
    }
    let unreferenced: Vec<String> = definitions.keys().filter(|k| !numbers.contains_key(*k)).cloned().collect();
    if order.is_empty() && unreferenced.is_empty() {
        return body;
    }
    let heading_id = format!("{prefix}footnotes");
    body.push((
        Event::Html(CowStr::Boxed(
            format!(
                "<section class=\"footnotes\" role=\"doc-endnotes\" aria-labelledby=\"{heading_id}\">\n<h2 id=\"{heading_id}\">Notes</h2>\n<ol>\n"
            )
            .into_boxed_str(),
        )),
        0..0,
    ));
    for label in order.iter().chain(unreferenced.iter()) {
        let Some(evs) = definitions.remove(label) else {
            continue;
        };
        let (n, uses) = numbers.get(label).copied().unwrap_or((0, 0));
        let id = if n > 0 { format!("{prefix}fn-{n}") } else { format!("{prefix}fn-{}", slugify(label)) };
        body.push((Event::Html(CowStr::Boxed(format!("<li id=\"{id}\">").into_boxed_str())), 0..0));
        let mut evs = evs;
        let mut backlinks = String::new();
        for u in 1..=uses {
            let ref_id = if u == 1 { format!("{prefix}fnref-{n}") } else { format!("{prefix}fnref-{n}-{u}") };
            backlinks.push_str(&format!(
                " <a href=\"#{ref_id}\" class=\"footnote-back\" role=\"doc-backlink\">Back to reference {n}{}</a>",
                if uses > 1 { format!(" ({u})") } else { String::new() }
            ));
        }
        // Put the back-links inside the note's last paragraph.
        match evs.iter().rposition(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph))) {
            Some(i) => evs.insert(i, (Event::InlineHtml(CowStr::Boxed(backlinks.into_boxed_str())), 0..0)),
            None => evs.push((Event::Html(CowStr::Boxed(backlinks.into_boxed_str())), 0..0)),
        }
        body.extend(evs);
        body.push((Event::Html(CowStr::Borrowed("</li>\n")), 0..0));
    }
    body.push((Event::Html(CowStr::Borrowed("</ol>\n</section>\n")), 0..0));
    body
}
