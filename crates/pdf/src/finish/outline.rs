//! Bookmark titles as the headings read. Chromium builds each bookmark's
//! title from the heading's lines and drops the space where a line broke
//! ("Safeguarding" + "Arrangements"); the page's own headings, in order,
//! give them back.

use std::collections::BTreeSet;

use lopdf::{Document, ObjectId};

use super::structure::text_string;
use super::text::decode_text_string;

/// Each bookmark whose title is one of `headings` but for white space
/// gets that heading's text; `headings` are in document order, as the
/// bookmarks are. Returns how many bookmarks there are.
pub(crate) fn retitle(doc: &mut Document, headings: &[String]) -> usize {
    let items = bookmarks(doc);
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let wanted: Vec<String> = headings.iter().map(|h| squeeze(h)).collect();
    let mut next = 0;
    for id in &items {
        let Some(title) = doc
            .get_dictionary(*id)
            .ok()
            .and_then(|d| d.get(b"Title").ok())
            .and_then(|t| t.as_str().ok())
            .map(decode_text_string)
        else {
            continue;
        };
        let key = squeeze(&title);
        if let Some(found) = wanted[next.min(wanted.len())..].iter().position(|w| *w == key) {
            let heading = headings[next + found].split_whitespace().collect::<Vec<_>>().join(" ");
            if let Ok(d) = doc.get_dictionary_mut(*id) {
                d.set("Title", text_string(&heading));
            }
            next += found + 1;
        }
    }
    items.len()
}

/// Every bookmark, depth first, in reading order.
fn bookmarks(doc: &Document) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let first = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .and_then(|o| o.as_reference().ok())
        .and_then(|o| doc.get_dictionary(o).ok())
        .and_then(|o| o.get(b"First").ok())
        .and_then(|f| f.as_reference().ok());
    let mut stack: Vec<ObjectId> = first.into_iter().collect();
    while let Some(id) = stack.pop() {
        // A bookmark seen twice means the list loops.
        if !seen.insert(id) {
            break;
        }
        out.push(id);
        let Ok(d) = doc.get_dictionary(id) else { continue };
        let link = |key: &[u8]| d.get(key).ok().and_then(|o| o.as_reference().ok());
        if let Some(next) = link(b"Next") {
            stack.push(next);
        }
        if let Some(child) = link(b"First") {
            stack.push(child);
        }
    }
    out
}
