//! A page's entries grouped into its sections (at its highest heading
//! level), each found unchanged, only renumbered, changed, added or
//! removed; and the renumbering a reader must be told about, which is any
//! change of a hand number that its section's own renumbering does not
//! explain ("13.2" becoming "14.2" under "13" becoming "14" is explained).

use std::ops::Range;

use super::align::{Change, Entry};
use super::blocks::Block;

/// How a section fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionChange {
    /// Nothing changed.
    Unchanged,
    /// Its number changed and nothing else.
    Renumbered,
    /// Its text changed.
    Changed,
    /// New in this version.
    Added,
    /// Gone from it.
    Removed,
}

impl SectionChange {
    /// Its name in class names and data: "changed", "added"…
    pub fn name(self) -> &'static str {
        match self {
            SectionChange::Unchanged => "unchanged",
            SectionChange::Renumbered => "renumbered",
            SectionChange::Changed => "changed",
            SectionChange::Added => "added",
            SectionChange::Removed => "removed",
        }
    }
}

/// One section of a page in the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Its entries.
    pub entries: Range<usize>,
    /// Its heading's entry; `None` for the text before the first heading.
    pub heading: Option<usize>,
    /// How it fared.
    pub change: SectionChange,
}

/// The level sections start at: the highest level of heading on the page.
pub(super) fn section_level(old: &[Block], new: &[Block]) -> u8 {
    old.iter().chain(new).filter_map(Block::heading_level).min().unwrap_or(2)
}

/// The block an entry shows: the new one, or the old one if it was removed.
pub(super) fn shown<'a>(entry: &Entry, old: &'a [Block], new: &'a [Block]) -> &'a Block {
    match (entry.new, entry.old) {
        (Some(n), _) => &new[n],
        (None, Some(o)) => &old[o],
        (None, None) => unreachable!("an entry has a block on at least one side"),
    }
}

/// For each entry, the old number to report ("renumbered (was 12)").
pub(super) fn renumbering(entries: &[Entry], old: &[Block], new: &[Block]) -> Vec<Option<String>> {
    // Renumbered headings in force: (level, old number, new number).
    let mut context: Vec<(u8, String, String)> = Vec::new();
    entries
        .iter()
        .map(|e| {
            let block = shown(e, old, new);
            let level = block.heading_level();
            if let Some(level) = level {
                context.retain(|(l, _, _)| *l < level);
            }
            let (Some(o), Some(n)) = (e.old, e.new) else { return None };
            let (Some(was), Some(now)) = (old[o].number_value(), new[n].number_value()) else {
                return None;
            };
            if was == now {
                return None;
            }
            let explained = context.iter().any(|(_, co, cn)| {
                was.strip_prefix(co.as_str())
                    .filter(|rest| rest.starts_with('.'))
                    .is_some_and(|rest| now == format!("{cn}{rest}"))
            });
            if let Some(level) = level {
                context.push((level, was.to_string(), now.to_string()));
            }
            (!explained).then(|| was.to_string())
        })
        .collect()
}

/// The page's sections, in order.
pub(super) fn sections(
    entries: &[Entry],
    old: &[Block],
    new: &[Block],
    renumbered: &[Option<String>],
) -> Vec<Section> {
    let level = section_level(old, new);
    let mut starts: Vec<usize> = (0..entries.len())
        .filter(|&e| shown(&entries[e], old, new).heading_level() == Some(level))
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(entries.len());
        if start == end {
            continue;
        }
        let heading =
            (shown(&entries[start], old, new).heading_level() == Some(level)).then_some(start);
        let change =
            fared(&entries[start..end], heading.map(|h| &entries[h]), &renumbered[start..end]);
        out.push(Section { entries: start..end, heading, change });
    }
    out
}

fn fared(
    entries: &[Entry],
    heading: Option<&Entry>,
    renumbered: &[Option<String>],
) -> SectionChange {
    match heading.map(|h| h.change) {
        Some(Change::Added) => return SectionChange::Added,
        Some(Change::Removed) => return SectionChange::Removed,
        _ => {}
    }
    // Text before the first heading: added or removed when all of it was.
    if heading.is_none() {
        for whole in [Change::Added, Change::Removed] {
            if entries.iter().all(|e| e.change == whole) {
                return if whole == Change::Added {
                    SectionChange::Added
                } else {
                    SectionChange::Removed
                };
            }
        }
    }
    if entries.iter().any(|e| e.change != Change::Same)
        || renumbered.iter().skip(usize::from(heading.is_some())).any(Option::is_some)
    {
        return SectionChange::Changed;
    }
    if heading.is_some() && renumbered[0].is_some() {
        SectionChange::Renumbered
    } else {
        SectionChange::Unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::align::{PagePair, align};
    use crate::compare::extract::{Sources, blocks};

    fn run(old: &str, new: &str) -> (Vec<SectionChange>, Vec<Option<String>>) {
        let (o, n) = (blocks(old, Sources::default()), blocks(new, Sources::default()));
        let entries = align(&[PagePair { old: &o, new: &n }]).remove(0);
        let r = renumbering(&entries, &o, &n);
        (sections(&entries, &o, &n, &r).iter().map(|s| s.change).collect(), r)
    }

    #[test]
    fn renumbering_is_reported_once_where_it_happens() {
        let old = "Opening.\n\n## 11. Reviews\n\n11.1 We review.\n\n## 12. Thresholds\n\n12.1 Four levels.\n\n### 12.2 Consent\n\n12.2.1 Ask first.\n\n## 13. Scrutiny\n\n13.1 Helen Aldous.\n";
        let new = "Opening.\n\n## 11. Reviews\n\n11.1 We review.\n\n## 12. Voice\n\n12.1 Listening.\n\n## 13. Thresholds\n\n13.1 Four levels.\n\n### 13.2 Consent\n\n13.2.1 Ask first.\n\n## 14. Scrutiny\n\n14.1 Helen Aldous, now chair.\n";
        let (changes, renumbered) = run(old, new);
        use SectionChange::*;
        assert_eq!(changes, vec![Unchanged, Unchanged, Added, Renumbered, Changed]);
        let labels: Vec<&str> = renumbered.iter().flatten().map(String::as_str).collect();
        assert_eq!(labels, vec!["12", "13"], "sub-numbers follow their section silently");
    }

    #[test]
    fn a_paragraph_renumbered_on_its_own_is_reported() {
        let (changes, renumbered) = run(
            "## 2. Scope\n\n2.1 One thing here.\n\n2.2 Another thing here.\n\n2.3 A third thing.\n",
            "## 2. Scope\n\n2.1 One thing here.\n\n2.2 A third thing.\n",
        );
        assert_eq!(changes, vec![SectionChange::Changed]);
        assert_eq!(renumbered.iter().flatten().collect::<Vec<_>>(), vec!["2.3"]);
    }

    #[test]
    fn a_heading_only_change_changes_one_section() {
        let (changes, _) = run(
            "## 7. Education settings\n\n7.1 Schools.\n\n## 8. Custody\n\n8.1 None here.\n",
            "## 7. Schools, colleges and early years settings\n\n7.1 Schools.\n\n## 8. Custody\n\n8.1 None here.\n",
        );
        assert_eq!(changes, vec![SectionChange::Changed, SectionChange::Unchanged]);
    }
}
