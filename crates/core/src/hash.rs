//! Hashes for the incremental cache: what a build's inputs were, so that a
//! rebuild can tell what changed. Only within one process (`serve`), so
//! the keys are fixed and nothing needs to resist chosen input: aHash,
//! several times faster than the standard library's SipHash over page
//! text (hashing was a fifth of a `serve` rebuild at 10,000 pages).

use std::hash::{BuildHasher, Hash, Hasher};

/// A hasher for cache keys.
pub fn hasher() -> impl Hasher {
    fixed_state().build_hasher()
}

/// aHash with fixed keys, for hash sets and maps of what the site's own
/// files hold (a word list, glossary terms) that are asked about once a
/// word of running text: a few times faster than SipHash, or than a
/// B-tree's string comparisons, on short words.
pub type FixedState = ahash::RandomState;

/// A [`FixedState`] set of `items`.
pub fn fixed_set<T: Hash + Eq>(
    items: impl IntoIterator<Item = T>,
) -> std::collections::HashSet<T, FixedState> {
    let mut set = std::collections::HashSet::with_hasher(fixed_state());
    set.extend(items);
    set
}

/// The state of [`FixedState`] tables, and of [`hasher`].
pub fn fixed_state() -> FixedState {
    ahash::RandomState::with_seeds(
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    )
}

/// A 64-bit hash of `value`.
pub fn hash_of(value: impl Hash) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}
