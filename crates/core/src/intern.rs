//! A fast table of short strings, each given a dense id: for the search
//! index, which looks up millions of words of a few thousand kinds.
//! Strings live in one buffer; the table is open addressing over their
//! ids, keyed by an FxHash-style hash (speed over resistance to chosen
//! input: the input is the site's own text).

/// Strings and their ids, in the order they were first added.
#[derive(Debug, Clone)]
pub struct Interner {
    bytes: Vec<u8>,
    /// Start of each string in `bytes` (and one past the last).
    starts: Vec<u32>,
    /// Open-addressing slots: id + 1, or 0 when empty.
    slots: Vec<u32>,
    hashes: Vec<u64>,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash over bytes, eight at a time; the last one to seven bytes are
/// one more word ([`short_word`]) with the length mixed in. Most strings
/// here are words shorter than eight bytes: one step, not one per byte.
pub fn fx_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
    }
    let v = short_word(chunks.remainder()) ^ (bytes.len() as u64) << 59;
    let h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
    // A product's low bits depend only on its factors' low bits (a
    // word's first two letters): the high half is folded in, as the
    // table's slot is taken from the low bits.
    h ^ h >> 32
}

/// Up to seven bytes in a word, read with at most two loads (overlapping
/// for lengths that are not a power of two) rather than a copy, which
/// would be a call to `memcpy`. Two strings of the same length give the
/// same word only if they are equal: every byte is in it.
#[inline]
pub fn short_word(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n < 8);
    if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().expect("four bytes"));
        let hi = u32::from_le_bytes(b[n - 4..].try_into().expect("four bytes"));
        u64::from(lo) | u64::from(hi) << 32
    } else if n > 0 {
        u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16
    } else {
        0
    }
}

/// Whether two strings of the table are equal: most are short words,
/// compared here without a call to `memcmp`.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && if a.len() < 8 { short_word(a) == short_word(b) } else { a == b }
}

impl Default for Interner {
    /// An empty table, as [`Interner::new`] (a derived default would have
    /// no slots and no first start, and fail on first use).
    fn default() -> Self {
        Self::new()
    }
}

impl Interner {
    /// An empty table.
    pub fn new() -> Interner {
        Interner { bytes: Vec::new(), starts: vec![0], slots: vec![0; 1024], hashes: Vec::new() }
    }

    /// How many strings it holds.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string with id `id`.
    pub fn get(&self, id: u32) -> &str {
        let (a, b) = (self.starts[id as usize] as usize, self.starts[id as usize + 1] as usize);
        // Only whole strings are ever added, so every range is UTF-8.
        std::str::from_utf8(&self.bytes[a..b]).unwrap_or_default()
    }

    /// The bytes of the string with id `id` (compared without checking
    /// UTF-8 again: the lookups run once per word of every page).
    fn bytes_of(&self, id: u32) -> &[u8] {
        &self.bytes[self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize]
    }

    /// The id of `s`, if it has one.
    pub fn find(&self, s: &str) -> Option<u32> {
        let h = fx_hash(s.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            match self.slots[i] {
                0 => return None,
                slot => {
                    let id = slot - 1;
                    if self.hashes[id as usize] == h && same(self.bytes_of(id), s.as_bytes()) {
                        return Some(id);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `s`, adding it when new; and whether it was new.
    pub fn intern(&mut self, s: &str) -> (u32, bool) {
        let h = fx_hash(s.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            match self.slots[i] {
                0 => break,
                slot => {
                    let id = slot - 1;
                    if self.hashes[id as usize] == h && same(self.bytes_of(id), s.as_bytes()) {
                        return (id, false);
                    }
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.len() as u32;
        self.bytes.extend_from_slice(s.as_bytes());
        self.starts.push(self.bytes.len() as u32);
        self.hashes.push(h);
        self.slots[i] = id + 1;
        if self.len() * 2 > self.slots.len() {
            self.grow();
        }
        (id, true)
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let mut slots = vec![0u32; size];
        for (id, h) in self.hashes.iter().enumerate() {
            let mut i = (*h as usize) & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = id as u32 + 1;
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_and_stable() {
        let mut t = Interner::new();
        let words: Vec<String> = (0..5000).map(|i| format!("word{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.intern(w), (i as u32, true));
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.intern(w), (i as u32, false));
            assert_eq!(t.find(w), Some(i as u32));
            assert_eq!(t.get(i as u32), w);
        }
        assert_eq!(t.find("nope"), None);
        let mut d = Interner::default();
        assert_eq!((d.intern("a"), d.intern("a"), d.len()), ((0, true), (0, false), 1));
        assert_eq!(t.len(), 5000);
    }

    /// Strings that differ only by trailing zero bytes, at eight-byte
    /// edges or in case, and the empty string, each keep their own id
    /// while the table grows past them.
    #[test]
    fn near_strings_keep_their_own_ids() {
        let mut t = Interner::new();
        let words = [
            "",
            "\0",
            "ab",
            "ab\0",
            "ab\0\0",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefg",
            "ABCDEFGH",
            "é",
            "2.16.9",
        ];
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.intern(w), (i as u32, true), "{w:?}");
        }
        // Enough strings that probes run past full slots and the table grows.
        let many: Vec<String> = (0..3000).map(|i| format!("{}", i * 7)).collect();
        for w in &many {
            t.intern(w);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.find(w), Some(i as u32), "{w:?}");
            assert_eq!(t.get(i as u32), *w);
        }
        for w in &many {
            assert_eq!(t.get(t.find(w).expect("interned")), w);
        }
        assert_eq!(t.find("abcdefgh\0\0"), None);
        assert_eq!(t.len(), words.len() + many.len());
    }

    /// Two strings of one length under eight bytes read as the same word
    /// only when they are equal: every length, every byte in every place.
    #[test]
    fn short_words_tell_every_byte() {
        for n in 1..8 {
            let base = vec![b'a'; n];
            for place in 0..n {
                for byte in 0..=255u8 {
                    let mut other = base.clone();
                    other[place] = byte;
                    assert_eq!(
                        short_word(&base) == short_word(&other),
                        base == other,
                        "{n} {place} {byte}"
                    );
                    assert_eq!(same(&base, &other), base == other);
                }
            }
        }
        assert!(!same(b"ab", b"ab\0"));
    }
}
