//! The search index: small files a static host can serve, of which a query
//! loads only what it needs.
//!
//! - `search/terms-XY.json`: for every indexed word starting with XY, its
//!   best records: `[record, score, section, flags]` (BM25 over weighted
//!   fields; flags say whether the word is in the title, a heading or a
//!   glossary term);
//! - `search/r/N.json`: record N (title, URL, kind, version, document,
//!   sections) and its text, fetched only for the results shown: the text
//!   gives the excerpt around the best match and the phrase ranking. One
//!   file a record keeps a query's load to what it shows (a page's text is
//!   about its Markdown's size).
//!
//! Pagefind was the first choice; it took 32 s and 2.8 GB to index 10,000
//! pages here, several times a whole build, so charter builds this simpler
//! index itself, in the same words as the page's script (`words.rs`).

mod index;
mod records;
mod words;

use charter_render::Facts;
use charter_resolve::Site;
use rayon::prelude::*;
use serde_json::json;

use crate::files::Files;
use crate::output::{Output, Streamed};

/// The index's files, by output path.
/// The index's small files (kept until the end) and its records, handed to
/// `output` as they are made: their paths, and their bytes when the output
/// keeps them.
pub(crate) fn build(site: &Site, facts: &Facts, output: &Output) -> (Files, Streamed) {
    let records = records::records(site, facts);
    let mut files = Files::new();
    for (shard, words) in index::shards(&records) {
        files.insert(
            format!("search/terms-{shard}.json"),
            serde_json::to_vec(&words).unwrap_or_default(),
        );
    }
    let streamed: Streamed = records
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut value = r.meta.clone();
            value["x"] = serde_json::Value::String(r.excerpt_text());
            let path = format!("search/r/{i}.json");
            let kept = output.stream(&path, serde_json::to_vec(&value).unwrap_or_default());
            (path, kept)
        })
        .collect();
    let meta = json!({ "records": records.len() });
    files.insert("search/meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default());
    (files, streamed)
}
