//! The search index: small files a static host can serve, of which a query
//! loads only what it needs.
//!
//! - `search/terms-XY.json`: for every indexed word starting with XY, its
//!   best records: `[record, score, section, flags]` (BM25 over weighted
//!   fields; flags say whether the word is in the title, a heading or a
//!   glossary term);
//! - `search/docs-N.json`: the records (title, URL, kind, version, document,
//!   sections), 500 to a file, fetched only for the results shown;
//! - `search/text/N.txt`: a record's text, fetched for the results shown,
//!   for the excerpt around the best match and for phrase ranking.
//!
//! Pagefind was the first choice; it took 32 s and 2.8 GB to index 10,000
//! pages here, several times a whole build, so charter builds this simpler
//! index itself, in the same words as the page's script (`words.rs`).

mod index;
mod records;
mod words;

use charter_render::Facts;
use charter_resolve::Site;
use serde_json::json;

use crate::files::Files;

/// Records per `docs-N.json` file.
pub(crate) const DOCS_PER_FILE: usize = 500;

/// The index's files, by output path.
pub(crate) fn build(site: &Site, facts: &Facts) -> Files {
    let records = records::records(site, facts);
    let mut files = Files::new();
    for (shard, words) in index::shards(&records) {
        files.insert(format!("search/terms-{shard}.json"), serde_json::to_vec(&words).unwrap_or_default());
    }
    for (n, chunk) in records.chunks(DOCS_PER_FILE).enumerate() {
        let values: Vec<&serde_json::Value> = chunk.iter().map(|r| &r.meta).collect();
        files.insert(format!("search/docs-{n}.json"), serde_json::to_vec(&values).unwrap_or_default());
    }
    for (i, r) in records.iter().enumerate() {
        files.insert(format!("search/text/{i}.txt"), r.excerpt_text().into_bytes());
    }
    let meta = json!({ "docs_per_file": DOCS_PER_FILE, "records": records.len() });
    files.insert("search/meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default());
    files
}
