//! Which block of the old version is which block of the new: blocks that
//! read the same are matched first (a longest common subsequence over their
//! keys, which leave hand numbers out, so renumbering is no change of
//! text), then blocks that left one place and arrived at another are
//! moves, then what is left in each changed stretch is paired by how alike
//! it is. Only blocks in changed stretches are ever compared word by word.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::blocks::{Block, Kind};
use super::tokens::{containment, shared, similarity};

/// How a block fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// It reads the same (its number may have changed).
    Same,
    /// The same block, with changed text.
    Changed,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

/// A block on one side of one page of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    /// The page pair.
    pub page: usize,
    /// The block's index on that side.
    pub index: usize,
}

/// One step through a page: a block of either version or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The old block.
    pub old: Option<usize>,
    /// The new block.
    pub new: Option<usize>,
    /// How it fared.
    pub change: Change,
    /// For an added or removed block that moved: where it is on the other
    /// side (in the new version for a removed one, the old for an added one).
    pub moved: Option<Place>,
}

impl Entry {
    fn pair(old: usize, new: usize, change: Change) -> Entry {
        Entry { old: Some(old), new: Some(new), change, moved: None }
    }
    fn removed(old: usize, moved: Option<Place>) -> Entry {
        Entry { old: Some(old), new: None, change: Change::Removed, moved }
    }
    fn added(new: usize, moved: Option<Place>) -> Entry {
        Entry { old: None, new: Some(new), change: Change::Added, moved }
    }
}

/// The two versions of one page.
#[derive(Clone, Copy, Debug)]
pub struct PagePair<'a> {
    /// The old version's blocks (empty for a new page).
    pub old: &'a [Block],
    /// The new version's blocks (empty for a removed page).
    pub new: &'a [Block],
}

/// A stretch of the page: blocks that read the same, or a changed stretch.
enum Step {
    Same(usize, usize),
    Changed(Range<usize>, Range<usize>),
}

/// How far ahead a changed stretch looks for a block's counterpart.
const WINDOW: usize = 12;
/// At most this many comparisons per page look for moved and edited blocks.
const NEAR_MOVE_BUDGET: usize = 20_000;

/// Moves found between pages: old place → new place and back.
#[derive(Default)]
struct Moves {
    to_new: HashMap<Place, Place>,
    to_old: HashMap<Place, Place>,
}

/// Every page's entries, in reading order; moves may cross pages.
pub fn align(pages: &[PagePair<'_>]) -> Vec<Vec<Entry>> {
    let steps: Vec<Vec<Step>> = pages.iter().map(|p| steps(p.old, p.new)).collect();
    let moves = exact_moves(pages, &steps);
    pages
        .iter()
        .zip(&steps)
        .enumerate()
        .map(|(page, (pair, steps))| {
            let mut entries = entries(page, pair, steps, &moves);
            near_moves(page, pair, &mut entries);
            entries
        })
        .collect()
}

fn steps(old: &[Block], new: &[Block]) -> Vec<Step> {
    let old_keys: Vec<u64> = old.iter().map(|b| b.key).collect();
    let new_keys: Vec<u64> = new.iter().map(|b| b.key).collect();
    let mut out = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            if let Some((o, n)) = open.take() {
                out.push(Step::Changed(o, n));
            }
            out.extend(o.zip(n).map(|(i, j)| Step::Same(i, j)));
            continue;
        }
        open = Some(match open.take() {
            Some((o0, n0)) => {
                (o0.start.min(o.start)..o0.end.max(o.end), n0.start.min(n.start)..n0.end.max(n.end))
            }
            None => (o, n),
        });
    }
    if let Some((o, n)) = open {
        out.push(Step::Changed(o, n));
    }
    out
}

/// Whether a block says enough for finding it elsewhere to mean it moved.
fn can_move(b: &Block) -> bool {
    match b.kind {
        Kind::Heading { .. } => b.words().len() >= 2,
        Kind::Table | Kind::Code => !b.words().is_empty(),
        Kind::Html => false,
        _ => b.words().len() >= 4,
    }
}

/// Blocks that left a changed stretch and arrived, reading the same, in
/// another (of any page), in reading order.
fn exact_moves(pages: &[PagePair<'_>], steps: &[Vec<Step>]) -> Moves {
    let mut left: HashMap<u64, VecDeque<Place>> = HashMap::new();
    for (page, (pair, steps)) in pages.iter().zip(steps).enumerate() {
        for step in steps {
            if let Step::Changed(o, _) = step {
                for index in o.clone().filter(|&i| can_move(&pair.old[i])) {
                    left.entry(pair.old[index].key).or_default().push_back(Place { page, index });
                }
            }
        }
    }
    let mut moves = Moves::default();
    for (page, (pair, steps)) in pages.iter().zip(steps).enumerate() {
        for step in steps {
            let Step::Changed(_, n) = step else { continue };
            for index in n.clone() {
                let b = &pair.new[index];
                let Some(from) = left.get_mut(&b.key).and_then(VecDeque::pop_front) else {
                    continue;
                };
                let to = Place { page, index };
                moves.to_new.insert(from, to);
                moves.to_old.insert(to, from);
            }
        }
    }
    moves
}

/// A page's entries: matched blocks, moves, and the rest of each changed
/// stretch paired where alike.
fn entries(page: usize, pair: &PagePair<'_>, steps: &[Step], moves: &Moves) -> Vec<Entry> {
    let mut out = Vec::with_capacity(pair.new.len().max(pair.old.len()));
    for step in steps {
        match step {
            Step::Same(i, j) => out.push(Entry::pair(*i, *j, Change::Same)),
            Step::Changed(o, n) => stretch(page, pair, (o.clone(), n.clone()), moves, &mut out),
        }
    }
    out
}

/// A changed stretch: each old block is paired with the most alike new
/// block a little way ahead; what is passed over was added.
fn stretch(
    page: usize,
    pair: &PagePair<'_>,
    (o, n): (Range<usize>, Range<usize>),
    moves: &Moves,
    out: &mut Vec<Entry>,
) {
    let moved_new = |j: usize| moves.to_old.get(&Place { page, index: j }).copied();
    let mut j = n.start;
    for i in o {
        if let Some(to) = moves.to_new.get(&Place { page, index: i }) {
            out.push(Entry::removed(i, Some(*to)));
            continue;
        }
        let mut best: Option<(usize, f64)> = None;
        for k in (j..n.end.min(j + WINDOW)).filter(|&k| moved_new(k).is_none()) {
            let score = pairing(&pair.old[i], &pair.new[k]);
            if score > 0.0 && best.is_none_or(|(_, s)| score > s) {
                best = Some((k, score));
            }
        }
        match best {
            Some((k, _)) => {
                out.extend((j..k).map(|a| Entry::added(a, moved_new(a))));
                out.push(Entry::pair(i, k, Change::Changed));
                j = k + 1;
            }
            None => out.push(Entry::removed(i, None)),
        }
    }
    out.extend((j..n.end).map(|a| Entry::added(a, moved_new(a))));
}

/// How well two blocks pair as one block edited (0: not at all).
pub(super) fn pairing(a: &Block, b: &Block) -> f64 {
    let sim = similarity(a.words(), b.words());
    let same_number = match (a.number_value(), b.number_value()) {
        (Some(x), Some(y)) => corresponding(x, y),
        _ => false,
    };
    let fits = match (&a.kind, &b.kind) {
        // A heading of two words shares one by chance ("Old part", "New
        // part"): a renamed heading keeps its number or two of its words.
        (Kind::Heading { level: x, .. }, Kind::Heading { level: y, .. }) => {
            x == y && (same_number || sim >= 0.5 && shared(a.words(), b.words()) >= 2)
        }
        (Kind::Paragraph, Kind::Paragraph)
        | (Kind::Item { .. }, Kind::Item { .. })
        | (Kind::Note { .. }, Kind::Note { .. }) => {
            let extended = a.words().len().min(b.words().len()) >= 2
                && containment(a.words(), b.words()) >= 0.8;
            sim >= 0.5 || extended || same_number && sim >= 0.2
        }
        (Kind::Table, Kind::Table) | (Kind::Code, Kind::Code) => sim >= 0.3,
        (Kind::Html, Kind::Html) => true,
        _ => false,
    };
    // A shared number counts for a little, so that "2.3" pairs with "2.3".
    if fits { sim + if same_number { 0.25 } else { 0.0 } + 0.001 } else { 0.0 }
}

/// Whether two hand numbers could be the same place: equal, or "15.3"
/// and "16.3" (the same paragraph of a renumbered section).
fn corresponding(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (a.rsplit_once('.'), b.rsplit_once('.')) {
        (Some((pa, la)), Some((pb, lb))) => {
            la == lb && pa.matches('.').count() == pb.matches('.').count()
        }
        _ => false,
    }
}

/// Blocks removed in one place and added, edited, in another of the same
/// page: moves too, when most of their words are the same.
fn near_moves(page: usize, pair: &PagePair<'_>, entries: &mut [Entry]) {
    let unmatched = |change: Change| -> Vec<usize> {
        (0..entries.len())
            .filter(|&e| entries[e].change == change && entries[e].moved.is_none())
            .collect()
    };
    let removed = unmatched(Change::Removed);
    let added = unmatched(Change::Added);
    if removed.is_empty() || added.is_empty() || removed.len() * added.len() > NEAR_MOVE_BUDGET {
        return;
    }
    let mut taken = vec![false; removed.len()];
    for &a in &added {
        let Some(new) = entries[a].new else { continue };
        let nb = &pair.new[new];
        if nb.words().len() < 8 {
            continue;
        }
        let best = removed.iter().enumerate().filter(|(r, _)| !taken[*r]).find(|(_, e)| {
            let ob = &pair.old[entries[**e].old.unwrap_or_default()];
            ob.words().len() >= 8
                && pairing(ob, nb) > 0.0
                && similarity(ob.words(), nb.words()) >= 0.8
        });
        if let Some((r, &e)) = best {
            taken[r] = true;
            let old = entries[e].old.unwrap_or_default();
            entries[e].moved = Some(Place { page, index: new });
            entries[a].moved = Some(Place { page, index: old });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::extract::{Sources, blocks};

    fn run(old: &str, new: &str) -> Vec<(Option<usize>, Option<usize>, Change, bool)> {
        let (o, n) = (blocks(old, Sources::default()), blocks(new, Sources::default()));
        align(&[PagePair { old: &o, new: &n }])
            .remove(0)
            .into_iter()
            .map(|e| (e.old, e.new, e.change, e.moved.is_some()))
            .collect()
    }

    #[test]
    fn a_new_section_is_one_insertion_and_renumbered_ones_are_the_same() {
        let old =
            "## 11. Reviews\n\n11.1 We review.\n\n## 12. Thresholds\n\n12.1 Four levels of need.\n";
        let new = "## 11. Reviews\n\n11.1 We review.\n\n## 12. Voice\n\n12.1 Listening to children.\n\n## 13. Thresholds\n\n13.1 Four levels of need.\n";
        let e = run(old, new);
        use Change::*;
        assert_eq!(
            e,
            vec![
                (Some(0), Some(0), Same, false),
                (Some(1), Some(1), Same, false),
                (None, Some(2), Added, false),
                (None, Some(3), Added, false),
                (Some(2), Some(4), Same, false),
                (Some(3), Some(5), Same, false),
            ]
        );
    }

    #[test]
    fn edited_blocks_pair_and_moved_ones_are_linked() {
        let old = "A first paragraph about the board.\n\nThe partners meet monthly at the town hall.\n\nChildren placed here by other authorities are safeguarded as our own.\n\n## 3. Next\n\nLast words here.\n";
        let new = "A first paragraph about the board.\n\nThe partners meet quarterly at the town hall.\n\n## 3. Next\n\nLast words here.\n\nChildren placed here by other authorities are safeguarded as our own.\n";
        let e = run(old, new);
        assert!(e.contains(&(Some(1), Some(1), Change::Changed, false)), "{e:?}");
        let moved: Vec<_> = e.iter().filter(|x| x.3).collect();
        assert_eq!(moved.len(), 2, "{e:?}");
        assert_eq!((moved[0].0, moved[0].2), (Some(2), Change::Removed));
        assert_eq!((moved[1].1, moved[1].2), (Some(4), Change::Added));
    }

    #[test]
    fn moves_cross_pages() {
        let a_old = blocks(
            "Keep this.\n\nThe list of agencies is reviewed every year by the partners.\n",
            Sources::default(),
        );
        let a_new = blocks("Keep this.\n", Sources::default());
        let b_old = blocks("Appendix text.\n", Sources::default());
        let b_new = blocks(
            "Appendix text.\n\nThe list of agencies is reviewed every year by the partners.\n",
            Sources::default(),
        );
        let all =
            align(&[PagePair { old: &a_old, new: &a_new }, PagePair { old: &b_old, new: &b_new }]);
        assert_eq!(all[0][1].moved, Some(Place { page: 1, index: 1 }));
        assert_eq!(all[1][1].moved, Some(Place { page: 0, index: 1 }));
    }

    #[test]
    fn unlike_blocks_are_removed_and_added() {
        let e = run(
            "## 1. Aims\n\nCompletely different words.\n",
            "## 1. Aims\n\nNothing shared at all now.\n",
        );
        assert_eq!(e[1], (Some(1), None, Change::Removed, false));
        assert_eq!(e[2], (None, Some(1), Change::Added, false));
    }
}
