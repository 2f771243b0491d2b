//! The search index: small files a static host can serve, of which a query
//! loads only what it needs.
//!
//! - `search/docs-N.json`: the records (title, URL, kind, version, sections),
//!   500 to a file, fetched only for the results shown;
//! - `search/terms-XY.json`: for every word starting with XY, its best
//!   records, each with a score and the section it was found in.
//!
//! Pagefind was the first choice; through its library API it took 52 s to
//! index the 10,000-page benchmark corpus, ten times the whole build, so
//! charter builds this simpler index itself (see BENCHMARKS.md).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde_json::{Value, json};

use charter_core::timing::StageClock;
use charter_render::Facts;
use charter_resolve::Site;

use crate::files::Files;

/// Records per `docs-N.json` file.
pub(crate) const DOCS_PER_FILE: usize = 500;
/// Records kept per word: the best ones, so common words stay small.
const POSTINGS_PER_WORD: usize = 100;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "we", "were",
    "will", "with", "which", "who", "our", "all", "any", "can", "not", "but", "they", "these",
    "those", "also",
];

/// Words as the search page's script splits them: lower case, letters and
/// digits, two characters or more, no stop words.
#[cfg(test)]
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.to_lowercase())
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
}

/// The shard a word lives in: its first two characters, ASCII-safe.
pub(crate) fn shard_of(word: &str) -> String {
    let key: String =
        word.chars().take(2).map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    key
}

struct Record<'a> {
    value: Value,
    /// (text, weight, section index or -1)
    fields: Vec<(std::borrow::Cow<'a, str>, u32, i64)>,
}

/// The index's files, by output path.
pub(crate) fn build(site: &Site, facts: &Facts) -> Files {
    let records = records(site, facts);
    let mut clock = StageClock::new();
    let per_record = words_of(&records);
    clock.lap("search words");
    let shards = shards(per_record);
    clock.lap("search postings merged and sorted");
    let mut files = Files::new();
    for (shard, words) in shards {
        files.insert(
            format!("search/terms-{shard}.json"),
            serde_json::to_vec(&words).unwrap_or_default(),
        );
    }
    for (n, chunk) in records.chunks(DOCS_PER_FILE).enumerate() {
        let values: Vec<&Value> = chunk.iter().map(|r| &r.value).collect();
        files.insert(
            format!("search/docs-{n}.json"),
            serde_json::to_vec(&values).unwrap_or_default(),
        );
    }
    let meta = json!({ "docs_per_file": DOCS_PER_FILE, "records": records.len() });
    files.insert("search/meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default());
    files
}

/// A record per current page and per glossary term, with its weighted fields.
fn records<'a>(site: &'a Site, facts: &'a Facts) -> Vec<Record<'a>> {
    let mut records: Vec<Record<'_>> = Vec::new();
    // Current pages only: a superseded version is not what a reader wants.
    for r in site.structure().routes().iter().filter(|r| r.url == r.canonical) {
        if site.is_other_version(r.page) {
            continue;
        }
        let p = site.page(r.page);
        let toc = &site.anchors(r.page).toc;
        let mut fields = vec![(p.title().into(), 10, -1)];
        for (i, t) in toc.iter().enumerate() {
            fields.push((t.title.as_str().into(), 5, i as i64));
        }
        if let Some(s) = &p.frontmatter.summary {
            fields.push((s.as_str().into(), 3, -1));
        }
        if let Some(t) = facts.text.get(&r.page) {
            fields.push((t.as_str().into(), 1, -1));
        }
        let sections: Vec<Value> = toc.iter().map(|t| json!([t.title, t.id])).collect();
        records.push(Record {
            value: json!({ "t": p.title(), "u": site.href(&r.url), "k": p.kind.label(), "v": p.frontmatter.version.as_ref().map(|v| v.to_string()), "s": sections }),
            fields,
        });
    }
    // Glossary terms: an acronym typed in the box finds its entry first.
    for e in &site.glossary.entries {
        let expansions: Vec<&str> = e.senses.iter().map(|s| s.expansion.as_str()).collect();
        let mut fields = vec![(e.term.as_str().into(), 50, -1)];
        for a in &e.aliases {
            fields.push((a.as_str().into(), 20, -1));
        }
        for s in &e.senses {
            fields.push((s.expansion.as_str().into(), 8, -1));
            if let Some(d) = &s.definition {
                fields.push((d.as_str().into(), 1, -1));
            }
        }
        records.push(Record {
            value: json!({ "t": format!("{} ({})", e.term, expansions.join("; ")), "u": format!("{}#{}", site.href("glossary/"), e.slug), "k": "Glossary term", "v": Value::Null, "s": [] }),
            fields,
        });
    }
    records
}

/// Per record, in parallel: word → (score, first section it is in).
fn words_of(records: &[Record<'_>]) -> Vec<HashMap<String, (u32, i64)>> {
    records
        .par_iter()
        .map(|rec| {
            let mut seen: HashMap<String, (u32, i64)> = HashMap::new();
            let mut buffer = String::new();
            for (text, weight, section) in &rec.fields {
                for raw in text.split(|c: char| !c.is_alphanumeric()) {
                    // One buffer for the lower-case word: a new String only
                    // for a word this record has not had yet.
                    buffer.clear();
                    buffer.extend(raw.chars().flat_map(char::to_lowercase));
                    if buffer.chars().count() < 2 || STOP_WORDS.contains(&buffer.as_str()) {
                        continue;
                    }
                    let entry = match seen.get_mut(buffer.as_str()) {
                        Some(e) => e,
                        None => seen.entry(buffer.clone()).or_insert((0, -1)),
                    };
                    // Repeats count, but not without limit.
                    entry.0 = (entry.0 + weight).min(200);
                    if *section >= 0 && entry.1 < 0 {
                        entry.1 = *section;
                    }
                }
            }
            seen
        })
        .collect()
}

/// Each word's best records, grouped into shards by the word's first two
/// characters.
fn shards(
    per_record: Vec<HashMap<String, (u32, i64)>>,
) -> BTreeMap<String, BTreeMap<String, Vec<[i64; 3]>>> {
    let mut postings: HashMap<String, Vec<[i64; 3]>> = HashMap::new();
    for (id, seen) in per_record.into_iter().enumerate() {
        for (w, (score, section)) in seen {
            postings.entry(w).or_default().push([id as i64, i64::from(score), section]);
        }
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<[i64; 3]>>> = BTreeMap::new();
    for (word, mut list) in postings {
        list.sort_by(|a, b| b[1].cmp(&a[1]).then(a[0].cmp(&b[0])));
        list.truncate(POSTINGS_PER_WORD);
        shards.entry(shard_of(&word)).or_default().insert(word, list);
    }
    shards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_shards() {
        let w: Vec<String> = words("The MASH's front-door, in 2025!").collect();
        assert_eq!(w, vec!["mash", "front", "door", "2025"]);
        assert_eq!(shard_of("mash"), "ma");
        assert_eq!(shard_of("é"), "_");
    }
}
