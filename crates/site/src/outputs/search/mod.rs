//! The search index: small files a static host can serve, of which a query
//! loads only what it needs.
//!
//! - `search/terms-XY.json`: for every indexed word starting with XY, its
//!   best records: `[record, score, section, flags]` (BM25 over weighted
//!   fields; flags say whether the word is in the title, a heading or a
//!   glossary term);
//! - `search/r/F.json`: an array of records (title, URL, kind, version,
//!   document, sections, and the text), fetched only for the results
//!   shown: the text gives the excerpt around the best match and the
//!   phrase ranking. Record `id` is entry `id % 64` of file `id / 64`.
//!   Consecutive records share a file up to about 20 kB (a page's text is
//!   about its Markdown's size, so long pages stay alone and glossary terms
//!   go 64 to a file): a query that shows ten results loads at most ten
//!   such files. At 28 kB two 12 kB pages shared a file and half of each
//!   file fetched was not shown: the largest of a dozen typical queries on
//!   the 10,000-page corpora loaded 315 kB; at 20 kB 230 kB, for 1,200
//!   (standard) to 4,950 (dense) more files written
//!   (`tests/browser/search-load.mjs`).
//!
//! Pagefind was the first choice; it took 32 s and 2.8 GB to index 10,000
//! pages here, several times a whole build, so charter builds this simpler
//! index itself, in the same words as the page's script (`words.rs`).

mod index;
mod records;
mod words;

pub(crate) use index::SearchCache;

use charter_render::Facts;
use charter_resolve::Site;
use std::ops::Range;

use rayon::prelude::*;
use serde_json::json;

use crate::files::{Bytes, Files};
use crate::output::{Output, Streamed};

/// Records a file of records holds at most: a record's id is its file's
/// number times this plus its place in the file.
pub(crate) const RECORDS_PER_FILE: usize = 64;
/// A file of records takes no further record once it holds about this
/// many bytes of text: what a query loads is mostly the files of the ten
/// results it shows.
const RECORD_FILE_BYTES: usize = 20 * 1024;

/// The index's small files (kept until the end) and its files of records,
/// handed to `output` as they are made: their paths, and their bytes when
/// the output keeps them. With a cache (`serve`), only records that
/// changed since its last build are read and written again.
pub(crate) fn build(
    site: &Site,
    facts: &Facts,
    output: &Output,
    cache: Option<&mut SearchCache>,
) -> (Files, Streamed) {
    let records = records::records(site, facts);
    let sizes: Vec<usize> = records.iter().map(records::Record::size).collect();
    let groups = record_files(&sizes);
    let ids = record_ids(&groups);
    let keys: Option<Vec<u64>> =
        cache.is_some().then(|| records.par_iter().map(index::record_key).collect());
    let mut fresh = SearchCache::default();
    let cache = cache.unwrap_or(&mut fresh);
    // The record files need only the records: they are written while the
    // index is built, whose steps between its parallel ones (the words
    // gathered per word, then per shard) left a core waiting at the end
    // of the build.
    let last_files = std::mem::take(&mut cache.files);
    let write_records = || -> Vec<RecordFile> {
        groups
            .par_iter()
            .enumerate()
            .map(|(f, range)| {
                let path = format!("search/r/{f}.json");
                let key = keys
                    .as_ref()
                    .map(|keys| file_key(&records[range.clone()], &keys[range.clone()]));
                // `serve` keeps its files in memory: an unchanged file is the
                // same bytes as last time.
                if let Some(k) = key
                    && output.keeps_streamed()
                    && let Some(bytes) = last_files.get(&k)
                {
                    return (path, Some(bytes.clone()), Some((k, bytes.clone())));
                }
                let kept = output.stream(&path, record_file(&records[range.clone()]));
                let next = key.zip(kept.clone());
                (path, kept, next)
            })
            .collect()
    };
    let index_terms = || -> Vec<(String, Vec<u8>)> {
        index::shards(&records, keys.as_deref(), cache)
            .into_par_iter()
            .map(|(shard, mut words)| {
                for postings in words.values_mut() {
                    for p in postings.iter_mut() {
                        p[0] = ids[p[0] as usize] as i64;
                    }
                }
                let path = format!("search/terms-{shard}.json");
                (path, serde_json::to_vec(&words).unwrap_or_default())
            })
            .collect()
    };
    let (terms, made) = rayon::join(index_terms, write_records);
    let mut files = Files::new();
    for (path, bytes) in terms {
        files.insert(path, bytes.into());
    }
    if keys.is_some() {
        cache.files = made.iter().filter_map(|(_, _, next)| next.clone()).collect();
    }
    let streamed: Streamed = made.into_iter().map(|(path, kept, _)| (path, kept)).collect();
    let meta = json!({ "records": records.len(), "per_file": RECORDS_PER_FILE });
    files.insert("search/meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default().into());
    (files, streamed)
}

/// A file of records made: its path, its bytes if the output keeps them,
/// and what the cache keeps of it (its key and bytes).
type RecordFile = (String, Option<Bytes>, Option<(u64, Bytes)>);

/// A file of records: a JSON array of each record's data and the text its
/// excerpts come from, as `x`, the data's last key (it sorts after the
/// data's keys, as in one map).
fn record_file(records: &[records::Record<'_>]) -> Vec<u8> {
    let size: usize = records.iter().map(records::Record::size).sum();
    let mut bytes = Vec::with_capacity(size + size / 8);
    bytes.push(b'[');
    for (n, r) in records.iter().enumerate() {
        if n > 0 {
            bytes.push(b',');
        }
        match &r.meta {
            serde_json::Value::Object(fields) if !fields.is_empty() => {
                // Writing JSON into a Vec cannot fail; the data's closing
                // brace makes way for the text.
                let _ = serde_json::to_writer(&mut bytes, &r.meta);
                bytes.pop();
                bytes.push(b',');
            }
            _ => bytes.push(b'{'),
        }
        bytes.extend_from_slice(b"\"x\":\"");
        r.excerpt_json_into(&mut bytes);
        bytes.extend_from_slice(b"\"}");
    }
    bytes.push(b']');
    bytes
}

/// A hash of what a file of records is made from: each record's data and
/// the key of its pieces.
fn file_key(records: &[records::Record<'_>], keys: &[u64]) -> u64 {
    let metas: Vec<String> = records.iter().map(|r| r.meta.to_string()).collect();
    charter_core::hash::hash_of((metas, keys))
}

/// Consecutive records grouped into files: a file closes at
/// [`RECORDS_PER_FILE`] records or once it holds [`RECORD_FILE_BYTES`].
fn record_files(sizes: &[usize]) -> Vec<Range<usize>> {
    let mut files = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        let full = i - start == RECORDS_PER_FILE || bytes + size > RECORD_FILE_BYTES;
        if i > start && full {
            files.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < sizes.len() {
        files.push(start..sizes.len());
    }
    files
}

/// Each record's id, by its place in the site's records.
fn record_ids(files: &[Range<usize>]) -> Vec<usize> {
    files
        .iter()
        .enumerate()
        .flat_map(|(f, range)| (0..range.len()).map(move |n| f * RECORDS_PER_FILE + n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of records is the JSON serde_json writes for each record's
    /// data with its excerpt text as `x`, whatever the text holds.
    #[test]
    fn record_files_are_the_records_as_json() {
        use records::{Field, Piece, Record};
        let texts = ["Plain text.", "Quotes \" and \\ and\ttabs\n", "é – ’ \u{1} end", ""];
        let records: Vec<Record<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Record {
                meta: if i == 3 { serde_json::Value::Null } else { json!({ "t": t, "u": i }) },
                pieces: vec![
                    Piece { field: Field::Title, text: "Title", section: None },
                    Piece { field: Field::Body, text: t, section: Some(0) },
                    Piece { field: Field::Body, text: t, section: Some(1) },
                ],
            })
            .collect();
        let expected: Vec<serde_json::Value> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let x = format!("{t} {t}");
                if i == 3 { json!({ "x": x }) } else { json!({ "t": t, "u": i, "x": x }) }
            })
            .collect();
        let bytes = record_file(&records);
        assert_eq!(bytes, serde_json::to_vec(&expected).expect("serialises"));
    }

    #[test]
    fn records_share_files_up_to_a_size_and_a_count() {
        // Two long pages alone, then small ones packed 64 to a file.
        let (long, over_half) = (RECORD_FILE_BYTES * 2, RECORD_FILE_BYTES * 2 / 3);
        let mut sizes = vec![long, over_half, over_half];
        sizes.extend(std::iter::repeat_n(100, 130));
        let files = record_files(&sizes);
        assert_eq!(files[0], 0..1, "a page longer than a file is alone");
        assert_eq!(files[1], 1..2, "two of over half a file do not share");
        assert_eq!(files[2], 2..66, "over half a file and 63 small ones");
        assert_eq!(files[3], 66..130);
        assert_eq!(files[4], 130..133);
        assert_eq!(files.iter().map(Range::len).sum::<usize>(), sizes.len());
        let ids = record_ids(&files);
        assert_eq!(&ids[..4], &[0, 64, 128, 129]);
        assert_eq!(ids[66], 3 * 64);
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids keep the records' order");
        assert!(record_files(&[]).is_empty());
    }
}
