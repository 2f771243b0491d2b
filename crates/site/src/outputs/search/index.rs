//! Postings: for every word, the records it is in, best first, scored
//! with BM25 over the records' weighted fields.
//!
//! The words of the records are read in parallel, each worker with its own
//! table of words (ids local to it); the tables are then merged, so no
//! record's words are hashed as strings more than once.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::records::Record;
use super::words::Words;

/// Records kept per word: the best ones, so common words stay small.
const POSTINGS_PER_WORD: usize = 200;
/// BM25's term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// What one record holds of one word.
#[derive(Clone, Copy, Debug, Default)]
struct Stat {
    /// Weighted uses.
    weight: u32,
    /// The first section it is in, or -1.
    section: i64,
    /// Where it is: title, heading, glossary term.
    flags: u8,
}

/// A record read: its index, its weighted length, and its words' stats
/// by word id.
type ReadRecord = (usize, u32, Vec<(u32, Stat)>);

/// One worker's words and the records it read.
struct Partial {
    words: Words,
    /// Word id → its index in the record being read, or `u32::MAX`.
    slot: Vec<u32>,
    records: Vec<ReadRecord>,
}

impl Partial {
    fn new() -> Partial {
        Partial { words: Words::new(), slot: Vec::new(), records: Vec::new() }
    }

    /// Reads one record: each word's weighted uses, first section and flags.
    fn read(mut self, (index, record): (usize, &Record<'_>)) -> Partial {
        let mut stats: Vec<(u32, Stat)> = Vec::new();
        let mut length = 0u32;
        let Partial { words, slot, .. } = &mut self;
        for piece in &record.pieces {
            let (weight, flag) = (piece.field.weight(), piece.field.flag());
            let section = piece.section.map_or(-1, |s| s as i64);
            words.each(piece.text, |id| {
                let id = id as usize;
                if id >= slot.len() {
                    slot.resize(id + 1, u32::MAX);
                }
                if slot[id] == u32::MAX {
                    slot[id] = stats.len() as u32;
                    stats.push((id as u32, Stat { weight: 0, section: -1, flags: 0 }));
                }
                let stat = &mut stats[slot[id] as usize].1;
                stat.weight += weight;
                stat.flags |= flag;
                if stat.section < 0 {
                    stat.section = section;
                }
                length += weight;
            });
        }
        for (id, _) in &stats {
            slot[*id as usize] = u32::MAX;
        }
        self.records.push((index, length, stats));
        self
    }
}

/// A word's postings: `[record, score, section, flags]`, best first.
type Postings = Vec<[i64; 4]>;

/// Every word's postings, grouped into shards by the word's first two
/// characters.
pub(super) fn shards(records: &[Record<'_>]) -> BTreeMap<String, BTreeMap<String, Postings>> {
    let partials: Vec<Partial> =
        records.par_iter().enumerate().fold(Partial::new, Partial::read).collect();
    // One id for each word across the workers.
    let mut global: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let maps: Vec<Vec<usize>> = partials
        .iter()
        .map(|p| {
            (0..p.words.len() as u32)
                .map(|id| {
                    let n = p.words.name(id);
                    *global.entry(n.to_string()).or_insert_with(|| {
                        names.push(n.to_string());
                        names.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let total = records.len().max(1) as f64;
    let lengths: u64 = partials.iter().flat_map(|p| p.records.iter().map(|r| u64::from(r.1))).sum();
    let average = (lengths as f64 / total).max(1.0);
    // Each word's uses, in record order; counted first so that every
    // list is allocated once (millions of uses at 10,000 pages).
    let mut counts = vec![0usize; names.len()];
    for (p, map) in partials.iter().zip(&maps) {
        for (_, _, stats) in &p.records {
            for (id, _) in stats {
                counts[map[*id as usize]] += 1;
            }
        }
    }
    let mut by_word: Vec<Vec<(usize, u32, Stat)>> =
        counts.into_iter().map(Vec::with_capacity).collect();
    for (p, map) in partials.iter().zip(&maps) {
        for (record, length, stats) in &p.records {
            for (id, stat) in stats {
                by_word[map[*id as usize]].push((*record, *length, *stat));
            }
        }
    }
    let scored: Vec<(String, Postings)> = names
        .into_par_iter()
        .zip(by_word)
        .map(|(word, uses)| (word, score(uses, total, average)))
        .collect();
    let mut shards: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
    for (word, postings) in scored {
        shards.entry(shard_of(&word)).or_default().insert(word, postings);
    }
    shards
}

/// BM25 for each record of one word; the best `POSTINGS_PER_WORD`.
fn score(uses: Vec<(usize, u32, Stat)>, total: f64, average: f64) -> Postings {
    let df = uses.len() as f64;
    let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
    let mut postings: Postings = uses
        .into_iter()
        .map(|(record, length, stat)| {
            let tf = f64::from(stat.weight);
            let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * f64::from(length) / average));
            let score = (idf * norm * 100.0).round() as i64;
            [record as i64, score.max(1), stat.section, i64::from(stat.flags)]
        })
        .collect();
    postings.sort_by(|a, b| b[1].cmp(&a[1]).then(a[0].cmp(&b[0])));
    postings.truncate(POSTINGS_PER_WORD);
    postings
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
        let shards = shards(&records);
        let postings = &shards["es"]["escal"];
        assert_eq!(postings[0][0], 0, "{postings:?}");
        assert_eq!(postings[0][3] & 1, 1);
        assert_eq!(postings[1][0], 1);
        assert_eq!(postings[1][2], 0);
        assert_eq!(shard_of("é"), "_");
    }
}
