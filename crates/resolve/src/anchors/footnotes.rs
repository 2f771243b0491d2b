//! The ids footnotes will take, so links to them can be checked before
//! the render stage writes them.

use std::collections::BTreeSet;

use pulldown_cmark::Event;

use super::events::Ev;

/// Adds `fn-N`, `fnref-N` and `footnotes` for each footnote referenced.
pub fn footnote_ids(events: &[Ev<'_>], ids: &mut BTreeSet<String>) {
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
