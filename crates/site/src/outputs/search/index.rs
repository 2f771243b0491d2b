//! Postings: for every word, the records it is in, best first, scored
//! with BM25 over the records' weighted fields.
//!
//! The words of the records are read in parallel, each worker with its own
//! table of words (ids local to it); the tables are then merged, so no
//! record's words are hashed as strings more than once.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use charter_core::intern::Interner;

use rayon::prelude::*;

use super::records::Record;
use super::words::Words;
use crate::files::Bytes;

/// Records kept per word: the best ones, so common words stay small.
const POSTINGS_PER_WORD: usize = 200;
/// BM25's term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// What one record holds of one word. Six bytes, with the word's id a
/// use is twelve (it was 16, and 20 by word): a 10k-page build holds
/// millions of them twice (by record, then by word), and on this VM each
/// new page of memory costs about 3 µs.
#[derive(Clone, Copy, Debug, Default)]
struct Stat {
    /// Weighted uses, saturating: BM25's term frequency levels off long
    /// before 65,535 (a word used that often in one page).
    weight: u16,
    /// The first section it is in, or [`NO_SECTION`] (also for a section
    /// past 65,534: the result then links to the page, not the section).
    section: u16,
    /// Where it is: title, heading, glossary term.
    flags: u8,
}

/// [`Stat::section`] of a word in no section (a title, a summary).
const NO_SECTION: u16 = u16::MAX;

/// A section as a posting gives it: -1 for none.
fn posted_section(section: u16) -> i64 {
    if section == NO_SECTION { -1 } else { i64::from(section) }
}

/// A record read: its index, its weighted length, and its words' stats
/// by word id.
type ReadRecord = (usize, u32, Vec<(u32, Stat)>);

/// One worker's words and the records it read.
struct Partial {
    words: Words,
    /// Word id → its index in the record being read, or `u32::MAX`.
    slot: Vec<u32>,
    /// The record being read's stats, copied out at its end at their own
    /// size (a list grown by doubling kept a third more on average).
    stats: Vec<(u32, Stat)>,
    records: Vec<ReadRecord>,
}

impl Partial {
    fn new() -> Partial {
        Partial { words: Words::new(), slot: Vec::new(), stats: Vec::new(), records: Vec::new() }
    }

    /// Reads one record: each word's weighted uses, first section and flags.
    fn read(mut self, (index, record): (usize, &Record<'_>)) -> Partial {
        let mut length = 0u32;
        let Partial { words, slot, stats, .. } = &mut self;
        for piece in &record.pieces {
            let (weight, flag) = (piece.field.weight(), piece.field.flag());
            let weight16 = u16::try_from(weight).unwrap_or(u16::MAX);
            let section = piece.section.and_then(|s| u16::try_from(s).ok()).unwrap_or(NO_SECTION);
            words.each(piece.text, |id| {
                let id = id as usize;
                if id >= slot.len() {
                    slot.resize(id + 1, u32::MAX);
                }
                if slot[id] == u32::MAX {
                    slot[id] = stats.len() as u32;
                    stats.push((id as u32, Stat { weight: 0, section: NO_SECTION, flags: 0 }));
                }
                let stat = &mut stats[slot[id] as usize].1;
                stat.weight = stat.weight.saturating_add(weight16);
                stat.flags |= flag;
                if stat.section == NO_SECTION {
                    stat.section = section;
                }
                length = length.saturating_add(weight);
            });
        }
        for (id, _) in stats.iter() {
            slot[*id as usize] = u32::MAX;
        }
        let read = stats.as_slice().to_vec();
        stats.clear();
        self.records.push((index, length, read));
        self
    }
}

/// A word's postings: `[record, score, section, flags]`, best first.
type Postings = Vec<[i64; 4]>;

/// What `serve`'s earlier builds read, so that a rebuild reads the words of
/// changed records only: reading words is most of the index's work, and
/// an edit changes one record of thousands.
#[derive(Default)]
pub(crate) struct SearchCache {
    /// Every word seen, with an id that holds for the whole session.
    vocabulary: Interner,
    /// A record's words by the hash of its pieces ([`record_key`]).
    pub(super) read: HashMap<u64, Arc<RecordWords>>,
    /// A file of records' bytes by the hash of its records.
    pub(super) files: HashMap<u64, Bytes>,
}

/// One record's words: its weighted length, and each word's stats by the
/// word's id in the [`Vocabulary`].
pub(crate) struct RecordWords {
    length: u32,
    stats: Vec<(u32, Stat)>,
}

/// A hash of what a record's words are read from: each piece's field,
/// section and text.
pub(super) fn record_key(record: &Record<'_>) -> u64 {
    let mut h = charter_core::hash::hasher();
    for piece in &record.pieces {
        (piece.field.weight(), piece.field.flag(), piece.section, piece.text).hash(&mut h);
    }
    h.finish()
}

/// Every word's postings, grouped into shards by the word's first two
/// characters. With `keys` (one per record, from [`record_key`]), records
/// whose words `cache` holds are not read again, and `cache` keeps this
/// build's for the next; without, every record is read and nothing kept.
pub(super) fn shards(
    records: &[Record<'_>],
    keys: Option<&[u64]>,
    cache: &mut SearchCache,
) -> BTreeMap<String, BTreeMap<String, Postings>> {
    let read = read_words(records, keys, cache);
    let vocabulary = &cache.vocabulary;
    let total = records.len().max(1) as f64;
    let lengths: u64 = read.iter().map(|r| u64::from(r.length)).sum();
    let average = (lengths as f64 / total).max(1.0);
    // Each word's uses, in record order; counted first so that every
    // list is allocated once (millions of uses at 10,000 pages).
    let mut counts = vec![0usize; vocabulary.len()];
    for r in &read {
        for (id, _) in &r.stats {
            counts[*id as usize] += 1;
        }
    }
    let mut by_word: Vec<Vec<(u32, Stat)>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (record, r) in read.iter().enumerate() {
        for (id, stat) in &r.stats {
            by_word[*id as usize].push((record as u32, *stat));
        }
    }
    // Each record's length once, not with each of its uses.
    let lengths: Vec<u32> = read.iter().map(|r| r.length).collect();
    // Read once into `by_word`: freed before scoring, which reuses it.
    drop(read);
    // Words of the session no record uses any more have no postings.
    // Words are numbered as first met, so the common ones (a use in every
    // record, the costly ones to sort) come first: small pieces, or one
    // core sorts them all while the other waits.
    let scored: Vec<(String, &str, Postings)> = (0..vocabulary.len() as u32)
        .into_par_iter()
        .zip(by_word)
        .with_max_len(16)
        .filter(|(_, uses)| !uses.is_empty())
        .map(|(id, uses)| {
            let word = vocabulary.get(id);
            (shard_of(word), word, score(uses, &lengths, total, average))
        })
        .collect();
    // Grouped here, each shard's table made in parallel: the index runs
    // beside the generated pages, and its serial steps are what the build
    // waits for at its end.
    let mut grouped: BTreeMap<String, Vec<(&str, Postings)>> = BTreeMap::new();
    for (shard, word, postings) in scored {
        grouped.entry(shard).or_default().push((word, postings));
    }
    grouped
        .into_par_iter()
        .map(|(shard, words)| {
            let words = words.into_iter().map(|(w, p)| (w.to_string(), p)).collect();
            (shard, words)
        })
        .collect()
}

/// Each record's words, in the records' order: from the cache where its
/// key is there, otherwise read (in parallel, each worker with its own
/// table of words, whose ids are then mapped to the vocabulary's).
fn read_words(
    records: &[Record<'_>],
    keys: Option<&[u64]>,
    cache: &mut SearchCache,
) -> Vec<Arc<RecordWords>> {
    let mut read: Vec<Option<Arc<RecordWords>>> = match keys {
        Some(keys) => keys.iter().map(|k| cache.read.get(k).cloned()).collect(),
        None => vec![None; records.len()],
    };
    // At most 512 records a worker's table: in a few long runs the index
    // (the build's last step) waited on one core for the last; in more,
    // the serial merge of the tables below grows.
    let partials: Vec<Partial> = records
        .par_iter()
        .enumerate()
        .with_max_len(512)
        .filter(|(i, _)| read[*i].is_none())
        .fold(Partial::new, Partial::read)
        .collect();
    for p in partials {
        let map: Vec<u32> = (0..p.words.len() as u32)
            .map(|id| cache.vocabulary.intern(p.words.name(id)).0)
            .collect();
        for (index, length, mut stats) in p.records {
            for (id, _) in &mut stats {
                *id = map[*id as usize];
            }
            read[index] = Some(Arc::new(RecordWords { length, stats }));
        }
    }
    if let Some(keys) = keys {
        cache.read = keys.iter().zip(&read).filter_map(|(k, r)| Some((*k, r.clone()?))).collect();
    }
    // Every record is either in the cache or was just read.
    read.into_iter().flatten().collect()
}

/// BM25 for each record of one word; the best `POSTINGS_PER_WORD`.
///
/// The scores are made in the uses' own buffer (a score fits in 32 bits)
/// and only the best are sorted and kept, in a list of their own size: a
/// common word has a use in every record, and sorting all of them, then
/// keeping a list of that capacity for 200 entries until the shards were
/// written, was a sixth of the index's memory at 10,000 pages.
fn score(uses: Vec<(u32, Stat)>, lengths: &[u32], total: f64, average: f64) -> Postings {
    let df = uses.len() as f64;
    let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
    // (score, record, section, flags): twelve bytes aligned to four, as a
    // use, so the collect reuses the uses' buffer.
    let mut scored: Vec<(u32, u32, u16, u8)> = uses
        .into_iter()
        .map(|(record, stat)| {
            let tf = f64::from(stat.weight);
            let length = f64::from(lengths[record as usize]);
            let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
            // `as` saturates: a score below one (or not a number) is one.
            let score = ((idf * norm * 100.0).round() as u32).max(1);
            (score, record, stat.section, stat.flags)
        })
        .collect();
    // Best first; among equal scores, the earlier record. Records are
    // unique in a word's uses, so the order is total and the best
    // `POSTINGS_PER_WORD` are the same however they are found.
    let order =
        |a: &(u32, u32, u16, u8), b: &(u32, u32, u16, u8)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > POSTINGS_PER_WORD {
        scored.select_nth_unstable_by(POSTINGS_PER_WORD - 1, order);
        scored.truncate(POSTINGS_PER_WORD);
    }
    scored.sort_unstable_by(order);
    scored
        .into_iter()
        .map(|(score, record, section, flags)| {
            [i64::from(record), i64::from(score), posted_section(section), i64::from(flags)]
        })
        .collect()
}

/// The shard a word lives in: its first two characters, ASCII-safe.
pub(super) fn shard_of(word: &str) -> String {
    word.chars().take(2).map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::search::records::{Field, Piece};

    fn record<'a>(title: &'a str, body: &'a str) -> Record<'a> {
        Record {
            meta: serde_json::Value::Null,
            pieces: vec![
                Piece { field: Field::Title, text: title, section: None },
                Piece { field: Field::Body, text: body, section: Some(0) },
            ],
        }
    }

    #[test]
    fn title_matches_outscore_body_matches_and_sections_are_kept() {
        let records = vec![
            record("Escalation policy", "How to raise a concern."),
            record("Training", "When partners disagree, escalation is the answer."),
            record("Other", "Nothing here."),
        ];
        let shards = shards(&records, None, &mut SearchCache::default());
        let postings = &shards["es"]["escal"];
        assert_eq!(postings[0][0], 0, "{postings:?}");
        assert_eq!(postings[0][3] & 1, 1);
        assert_eq!(postings[1][0], 1);
        assert_eq!(postings[1][2], 0);
        assert_eq!(shard_of("é"), "_");
    }

    /// A word in more records than are kept: the same postings as scoring
    /// every use and sorting them all (the plain way, kept here as the
    /// oracle), with many equal scores in play and records out of order.
    #[test]
    fn a_common_word_keeps_the_same_best_records_as_a_full_sort() {
        /// A use as plain numbers: record, length, weight, section (-1:
        /// none), flags.
        type Plain = (u32, u32, u16, i64, u8);
        fn full_sort(uses: &[Plain], total: f64, average: f64) -> Postings {
            let df = uses.len() as f64;
            let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
            let mut all: Postings = uses
                .iter()
                .map(|&(record, length, weight, section, flags)| {
                    let tf = f64::from(weight);
                    let norm =
                        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * f64::from(length) / average));
                    let score = (idf * norm * 100.0).round() as i64;
                    [i64::from(record), score.max(1), section, i64::from(flags)]
                })
                .collect();
            all.sort_by(|a, b| b[1].cmp(&a[1]).then(a[0].cmp(&b[0])));
            all.truncate(POSTINGS_PER_WORD);
            all
        }
        for count in [1, 5, POSTINGS_PER_WORD, POSTINGS_PER_WORD + 1, 700, 5000] {
            // Records in a scrambled order, a few weights and lengths: most
            // scores are shared by many records.
            let plain: Vec<Plain> = (0..count as u32)
                .map(|i| {
                    let record = (i * 7919) % (count as u32 * 3 + 1);
                    let section = i64::from(i % 3) - 1;
                    (record, 40 + (i % 9) * 20, 1 + (i % 5) as u16, section, (i % 4) as u8)
                })
                .collect();
            let mut lengths = vec![0u32; count * 3 + 1];
            let uses: Vec<(u32, Stat)> = plain
                .iter()
                .map(|&(record, length, weight, section, flags)| {
                    lengths[record as usize] = length;
                    let section = u16::try_from(section).unwrap_or(NO_SECTION);
                    (record, Stat { weight, section, flags })
                })
                .collect();
            let (total, average) = (count as f64 * 3.0 + 1.0, 100.0);
            let expected = full_sort(&plain, total, average);
            let kept = score(uses, &lengths, total, average);
            assert_eq!(kept, expected, "{count} uses");
            assert_eq!(kept.len(), count.min(POSTINGS_PER_WORD));
            assert_eq!(kept.capacity(), kept.len(), "no list keeps room for every use");
        }
    }

    /// The stats' narrow fields: a weight past 65,535 saturates, and a
    /// section past what they hold is posted as none (-1), not another.
    #[test]
    fn a_huge_weight_saturates_and_a_far_section_is_none() {
        let body = "neglect ".repeat(70_000);
        let records = vec![Record {
            meta: serde_json::Value::Null,
            pieces: vec![
                Piece { field: Field::Body, text: &body, section: Some(3) },
                Piece { field: Field::Body, text: "escalation", section: Some(70_000) },
                Piece { field: Field::Body, text: "threshold", section: Some(65_534) },
            ],
        }];
        let shards = shards(&records, None, &mut SearchCache::default());
        assert_eq!(shards["ne"]["neglect"][0][2], 3);
        assert_eq!(shards["es"]["escal"][0][2], -1);
        assert_eq!(shards["th"]["threshold"][0][2], 65_534);
        let read = Partial::new().read((0, &records[0]));
        let (_, length, stats) = &read.records[0];
        assert_eq!(stats[0].1.weight, u16::MAX);
        assert_eq!(*length, 70_002, "the record's length does not saturate with a word's weight");
    }

    #[test]
    fn a_cached_rebuild_reads_only_changed_records_and_matches_a_fresh_build() {
        let first = vec![
            record("Escalation policy", "How to raise a concern with MASH."),
            record("Training", "Partners disagree; escalation follows."),
        ];
        let keys: Vec<u64> = first.iter().map(record_key).collect();
        let mut cache = SearchCache::default();
        shards(&first, Some(&keys), &mut cache);
        assert_eq!(cache.read.len(), 2);
        let kept = cache.read[&keys[0]].clone();
        // The second record changes: "MASH" and "disagree" go, "LADO" comes.
        let second = vec![
            record("Escalation policy", "How to raise a concern with MASH."),
            record("Training", "Ask the LADO about escalation."),
        ];
        let keys2: Vec<u64> = second.iter().map(record_key).collect();
        assert_eq!(keys2[0], keys[0]);
        assert_ne!(keys2[1], keys[1]);
        let cached = shards(&second, Some(&keys2), &mut cache);
        assert!(Arc::ptr_eq(&kept, &cache.read[&keys[0]]), "an unchanged record is not read again");
        assert_eq!(cache.read.len(), 2, "the old version of the changed record is dropped");
        let fresh = shards(&second, None, &mut SearchCache::default());
        assert_eq!(cached, fresh);
        assert!(!cached.contains_key("di"), "a word no record uses has no postings: {cached:?}");
        assert!(cached["la"].contains_key("lado"));
    }
}
