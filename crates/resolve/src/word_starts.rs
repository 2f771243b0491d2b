//! Names found where a word starts: glossary terms and the names of Acts.
//!
//! Both are only ever taken where a word starts (a term inside a longer
//! word is not that term), so the text is not run through an automaton
//! byte by byte: the search looks for a byte a name can start with that
//! follows no letter or digit, and walks the automaton from there, anchored,
//! until it can match no more. Most bytes of prose are only looked up in a
//! table. The names are matched leftmost-longest, and the search goes on
//! after each match, as an ordinary non-overlapping search does.
//!
//! It differs from running the automaton over the whole text in one way: a
//! name found inside a word (which the callers would turn away anyway) no
//! longer hides a name that starts at a word inside it.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use charter_core::lanes::Lanes;

/// A name found: which pattern, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The pattern's index in the list the searcher was built from.
    pub pattern: usize,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// Patterns compiled for searching at word starts.
#[derive(Debug)]
pub struct WordStarts {
    dfa: DFA,
    /// The bytes a pattern starts with.
    first: [bool; 256],
    /// The same, when they are few enough to be looked for sixteen bytes
    /// at a time.
    sparse: Option<Sparse>,
}

impl WordStarts {
    /// Compiles `patterns` (empty ones never match); `None` when there is
    /// nothing to search for or the automaton cannot be built.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Option<WordStarts> {
        let mut first = [false; 256];
        for p in patterns {
            if let Some(&b) = p.as_ref().as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
        if !first.contains(&true) {
            return None;
        }
        let dfa = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(patterns.iter().map(AsRef::as_ref))
            .ok()?;
        Some(WordStarts { dfa, first, sparse: Sparse::of(patterns, &first) })
    }

    /// Every name in `text` that starts a word (no ASCII letter or digit
    /// just before it; anything outside ASCII before it is left to the
    /// caller to judge), in order, none overlapping.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found> + 't {
        let b = text.as_bytes();
        let mut starts = match &self.sparse {
            Some(sparse) => Either::Sparse(SparseStarts::new(b, &self.first, sparse)),
            None => Either::Masks(Starts::new(b, &self.first)),
        };
        let mut at = 0;
        std::iter::from_fn(move || {
            for i in starts.by_ref() {
                // Places inside the name found last are passed over.
                if i < at {
                    continue;
                }
                if let Some((pattern, end)) = self.longest_at(b, i) {
                    at = end;
                    return Some(Found { pattern, start: i, end });
                }
            }
            None
        })
    }

    /// The longest name that starts at `start`: its pattern and end.
    fn longest_at(&self, b: &[u8], start: usize) -> Option<(usize, usize)> {
        // Built with anchored starts only, so this cannot fail.
        let mut sid = self.dfa.start_state(Anchored::Yes).ok()?;
        let mut found = None;
        for (offset, &byte) in b[start..].iter().enumerate() {
            sid = self.dfa.next_state(Anchored::Yes, sid, byte);
            if self.dfa.is_special(sid) {
                if self.dfa.is_dead(sid) {
                    break;
                }
                if self.dfa.is_match(sid) {
                    found = Some((self.dfa.match_pattern(sid, 0).as_usize(), start + offset + 1));
                }
            }
        }
        found
    }
}

/// The bytes names may start with, when they are capitals, at most two
/// other ASCII bytes that are not letters, and small letters only of names
/// with a capital in their first eight bytes ("the UK GDPR"): looked for
/// sixteen bytes at a time, the rest of the text passed over. Capitals are a
/// byte in thirty of prose; every place after a space is one in six, and
/// [`Starts`] looks up the first byte at each of those. A small letter is
/// inside every other word, so a name that starts with one is found from
/// its first capital, and is taken only where the text before that capital
/// is the name's.
#[derive(Clone, Debug, PartialEq)]
struct Sparse {
    capitals: bool,
    others: [u8; 2],
    count: usize,
    /// Each name that starts with a small letter, up to and including its
    /// first capital; the longest first.
    small: Vec<Vec<u8>>,
}

impl Sparse {
    fn of<P: AsRef<str>>(patterns: &[P], first: &[bool; 256]) -> Option<Sparse> {
        let mut sparse = Sparse { capitals: false, others: [0; 2], count: 0, small: Vec::new() };
        for byte in 0..=255u8 {
            if !first[usize::from(byte)] || byte.is_ascii_alphabetic() {
                continue;
            }
            // Outside ASCII, or a third other byte: the masks.
            if !byte.is_ascii() || sparse.count == sparse.others.len() {
                return None;
            }
            sparse.others[sparse.count] = byte;
            sparse.count += 1;
        }
        for p in patterns.iter().map(|p| p.as_ref().as_bytes()) {
            match p.first() {
                Some(b) if b.is_ascii_uppercase() => sparse.capitals = true,
                Some(b) if b.is_ascii_lowercase() => {
                    // Its head: up to its first capital, with none of the
                    // other bytes before that (which would be found first,
                    // and the name's start after them).
                    let k = p.iter().position(u8::is_ascii_uppercase).filter(|k| *k < 8)?;
                    if p[..k].iter().any(|b| sparse.others[..sparse.count].contains(b)) {
                        return None;
                    }
                    sparse.capitals = true;
                    sparse.small.push(p[..=k].to_vec());
                }
                _ => {}
            }
        }
        sparse.small.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        sparse.small.dedup();
        Some(sparse)
    }

    /// The bytes of `x` a name may start with, and perhaps other capitals.
    fn test(&self, x: Lanes) -> Lanes {
        use charter_core::lanes::{between, equal};
        let mut found = if self.capitals { between(x, b'A', b'Z') } else { Lanes::none() };
        for &other in &self.others[..self.count] {
            found = found | equal(x, other);
        }
        found
    }
}

/// Whether a word may start at `at`: no ASCII letter or digit before it.
fn word_start(b: &[u8], at: usize) -> bool {
    at == 0 || !ALNUM[usize::from(b[at - 1])]
}

/// The word starts [`Starts`] gives, found from the bytes a name may start
/// with ([`Sparse`]), but for small letters that start no name's head.
struct SparseStarts<'a> {
    bytes: &'a [u8],
    first: &'a [bool; 256],
    sparse: &'a Sparse,
    next: usize,
    /// Places found from the last byte, in order, and how many are taken.
    pending: [usize; 9],
    len: usize,
    taken: usize,
}

impl<'a> SparseStarts<'a> {
    fn new(bytes: &'a [u8], first: &'a [bool; 256], sparse: &'a Sparse) -> SparseStarts<'a> {
        SparseStarts { bytes, first, sparse, next: 0, pending: [0; 9], len: 0, taken: 0 }
    }

    fn push(&mut self, at: usize) {
        if self.len < self.pending.len() && (self.len == 0 || self.pending[self.len - 1] < at) {
            self.pending[self.len] = at;
            self.len += 1;
        }
    }
}

impl Iterator for SparseStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        use charter_core::lanes::find;
        let (b, first, sparse) = (self.bytes, self.first, self.sparse);
        loop {
            if self.taken < self.len {
                self.taken += 1;
                return Some(self.pending[self.taken - 1]);
            }
            let at = find(b, self.next, |x| sparse.test(x))?;
            self.next = at + 1;
            (self.len, self.taken) = (0, 0);
            // The heads end at their capital: the longest reaches back
            // furthest, so the places come in order. None has a capital
            // before its own, so no capital found earlier lies inside one.
            if b[at].is_ascii_uppercase() {
                for head in &sparse.small {
                    let k = head.len() - 1;
                    if at >= k && b[at - k..].starts_with(head) && word_start(b, at - k) {
                        self.push(at - k);
                    }
                }
            }
            if first[usize::from(b[at])] && word_start(b, at) {
                self.push(at);
            }
        }
    }
}

/// One of the two ways of finding word starts.
enum Either<'a> {
    Masks(Starts<'a>),
    Sparse(SparseStarts<'a>),
}

impl Iterator for Either<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Either::Masks(starts) => starts.next(),
            Either::Sparse(starts) => starts.next(),
        }
    }
}

/// ASCII letters and digits: what makes a byte not a word start.
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Bit `k` set for each ASCII letter or digit of `chunk` (64 bytes at
/// most), sixteen bytes tested at a time.
fn alphanumeric_bits(chunk: &[u8]) -> u64 {
    use charter_core::lanes::{Lanes, WIDTH, alphanumeric};
    let mut bits = 0u64;
    let mut at = 0;
    while at + WIDTH <= chunk.len() {
        bits |= u64::from(alphanumeric(Lanes::load(chunk, at)).bits()) << at;
        at += WIDTH;
    }
    for (k, &byte) in chunk[at..].iter().enumerate() {
        bits |= u64::from(ALNUM[usize::from(byte)]) << (at + k);
    }
    bits
}

/// Every place in a text where a word may start with one of the `first`
/// bytes: such a byte after no ASCII letter or digit. Sixty-four places
/// are tested at a time into a mask, with no branch per byte (a branch
/// on every letter that may begin a name was mispredicted often), and the
/// mask's bits are read out in order.
pub struct Starts<'a> {
    bytes: &'a [u8],
    first: &'a [bool; 256],
    /// Where the chunk of the mask starts, and where the next one does.
    base: usize,
    next: usize,
    mask: u64,
}

impl<'a> Starts<'a> {
    /// The word starts of `bytes` with a first byte in `first`.
    pub fn new(bytes: &'a [u8], first: &'a [bool; 256]) -> Starts<'a> {
        Starts { bytes, first, base: 0, next: 0, mask: 0 }
    }
}

impl Iterator for Starts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            if self.mask != 0 {
                let k = self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                return Some(self.base + k);
            }
            if self.next >= self.bytes.len() {
                return None;
            }
            self.base = self.next;
            self.next = (self.base + 64).min(self.bytes.len());
            let chunk = &self.bytes[self.base..self.next];
            // A start is not after a letter or digit: the chunk's letters
            // and digits moved on one place, and the byte before it. Only
            // those places (about one byte in five of prose) have their
            // first byte looked up.
            let before = self.base > 0 && ALNUM[usize::from(self.bytes[self.base - 1])];
            let after_alphanumeric = alphanumeric_bits(chunk) << 1 | u64::from(before);
            let in_chunk = if chunk.len() == 64 { u64::MAX } else { (1u64 << chunk.len()) - 1 };
            let mut places = !after_alphanumeric & in_chunk;
            let mut mask = 0u64;
            while places != 0 {
                let k = places.trailing_zeros() as usize;
                places &= places - 1;
                mask |= u64::from(self.first[usize::from(chunk[k])]) << k;
            }
            self.mask = mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::AhoCorasick;

    use super::*;

    /// What a whole-text leftmost-longest search finds at word starts.
    fn whole_text(patterns: &[&str], text: &str) -> Vec<Found> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("builds");
        let b = text.as_bytes();
        ac.find_iter(text)
            .filter(|m| m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric())
            .map(|m| Found { pattern: m.pattern().as_usize(), start: m.start(), end: m.end() })
            .collect()
    }

    #[test]
    fn finds_what_a_whole_text_search_finds_at_word_starts() {
        let patterns = [
            "CA 1989",
            "Children Act 1989",
            "Children Act",
            "LA",
            "LAC",
            "LADO",
            "MASH",
            "Early Help",
            "eCAF",
            "C&YP",
            "Working Together to Safeguard Children",
            "Working Together",
            "é-Safety",
            "SEND",
            "the UK GDPR",
            "UK GDPR",
            "an Act",
        ];
        let texts = [
            "",
            "LA",
            "The LAC and the LADO met the LA.",
            "section 47 of the Children Act 1989, and the Children Act 2004",
            "CA 1989; (CA 1989) “Children Act 1989” *Children Act 1989*",
            "LAs, LADO's, MASHES, the MASH’s, SENDCo, XSEND, SEND-",
            "Early Help and early help; eCAF and ECAF; C&YP and C&YPs",
            "Working Together to Safeguard Children 2023 and Working Together 2018",
            "Café LA, naïve LADO, é-Safety, xé-Safety, 1LA, _LA, LA1",
            "WorkingTogether, Working Together to Safeguard, Working Togetherness",
            "the UK GDPR, under UK GDPR; the UKGDPR, (the UK GDPR) an Act",
            "the UK the UK GDPR,the UK GDPR an Actual an Act's SEND the UK G",
        ];
        // All of them (one starts outside ASCII: the masks), and those in
        // ASCII (found sixteen bytes at a time, "eCAF" and "the UK GDPR"
        // from their first capital).
        let ascii: Vec<&str> = patterns.iter().copied().filter(|p| p.is_ascii()).collect();
        for patterns in [&patterns[..], &ascii] {
            let searcher = WordStarts::new(patterns).expect("builds");
            assert_eq!(searcher.sparse.is_some(), patterns.len() < 17);
            let masks = WordStarts { sparse: None, ..WordStarts::new(patterns).expect("builds") };
            for text in texts {
                let found: Vec<Found> = searcher.find_iter(text).collect();
                assert_eq!(found, whole_text(patterns, text), "{text:?}");
                assert_eq!(found, masks.find_iter(text).collect::<Vec<_>>(), "{text:?}");
            }
            // A name inside a word hides none after it in either way.
            let inside = "bathe UK GDPR, xthe UK GDPR";
            let found: Vec<Found> = searcher.find_iter(inside).collect();
            assert_eq!(found, masks.find_iter(inside).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_name_inside_a_word_hides_nothing() {
        let patterns = ["Children and Families Act 2014", "Families Act 2014"];
        let text = "XChildren and Families Act 2014";
        assert!(whole_text(&patterns, text).is_empty(), "the whole-text search loses it");
        let found: Vec<Found> =
            WordStarts::new(&patterns).expect("builds").find_iter(text).collect();
        assert_eq!(found, vec![Found { pattern: 1, start: 14, end: 31 }]);
    }

    #[test]
    fn alphanumeric_bits_are_the_byte_test() {
        for byte in 0..=255u8 {
            for len in [1, 7, 8, 9, 16, 63, 64] {
                for place in 0..len {
                    let mut chunk = vec![b'-'; len];
                    chunk[place] = byte;
                    chunk[(place + 3) % len] = b'Z';
                    let want = chunk
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| b.is_ascii_alphanumeric())
                        .fold(0u64, |m, (k, _)| m | 1 << k);
                    assert_eq!(alphanumeric_bits(&chunk), want, "{byte} {len} {place}");
                }
            }
        }
    }

    #[test]
    fn word_starts_in_every_place_of_a_chunk() {
        let mut first = [false; 256];
        for b in [b'A', b'C', b's', 0xC3] {
            first[usize::from(b)] = true;
        }
        let unit = "As Cs xA 9C _s (A) é sA,C\ns ";
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 300] {
            let text: String = unit.chars().cycle().take(len).collect();
            let b = text.as_bytes();
            let naive: Vec<usize> = (0..b.len())
                .filter(|&i| {
                    first[usize::from(b[i])] && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                })
                .collect();
            assert_eq!(Starts::new(b, &first).collect::<Vec<_>>(), naive, "{len}");
        }
    }

    /// Found sixteen bytes at a time or from the masks, the word starts are
    /// the same, but for small letters that start no name's head: for
    /// names that start with capitals, up to two other bytes, or small
    /// letters before a capital.
    #[test]
    fn sparse_starts_are_the_masks_starts() {
        let sets: [&[&str]; 6] = [
            &["A", "B", "CD", "EFGHIJKLMNOPQRSTUVWXYZ"],
            &["CAMHS", "MASH", "LA", "(MASH)"],
            &["Q", "1a"],
            &["(x"],
            &["the UK GDPR", "UK GDPR", "Children Act", "an Act", "eCAF", "tHE"],
            &["the UK GDPR", "the UK", "a Z"],
        ];
        let unit = "The LA, the UK GDPR; (see 1.4) eCAF QA e1 t-(t) Zed 9Z _M é MASH’s CMt\nLt \
                    bathe UK an Act, the UKthe UK GDPRa Z tHE ";
        for patterns in sets {
            let mut first = [false; 256];
            for p in patterns {
                first[usize::from(p.as_bytes()[0])] = true;
            }
            let sparse = Sparse::of(patterns, &first).expect("sparse");
            for len in [0, 1, 7, 8, 9, 63, 64, 65, 200] {
                let text: String = unit.chars().cycle().take(len).collect();
                let b = text.as_bytes();
                let found: Vec<usize> = SparseStarts::new(b, &first, &sparse).collect();
                let heads_at = |i: usize| sparse.small.iter().any(|h| b[i..].starts_with(h));
                let masks: Vec<usize> = Starts::new(b, &first)
                    .filter(|&i| !b[i].is_ascii_lowercase() || heads_at(i))
                    .collect();
                assert_eq!(found, masks, "{patterns:?} {len}");
            }
        }
        let first_of = |patterns: &[&str]| {
            let mut first = [false; 256];
            for p in patterns {
                first[usize::from(p.as_bytes()[0])] = true;
            }
            Sparse::of(patterns, &first)
        };
        assert_eq!(first_of(&["1", "2", "("]), None, "three other bytes");
        assert_eq!(first_of(&["child in need"]), None, "a small letter and no capital");
        assert_eq!(first_of(&["in the local UK"]), None, "a capital after eight bytes");
        assert_eq!(first_of(&["1", "a (1) A"]), None, "an other byte in a head");
        assert_eq!(first_of(&["é-Safety"]), None, "a byte outside ASCII");
    }

    #[test]
    fn nothing_to_search_for() {
        assert!(WordStarts::new::<&str>(&[]).is_none());
        assert!(WordStarts::new(&[""]).is_none());
    }
}
