//! Hashes for the incremental cache: what a build's inputs were, so that a
//! rebuild can tell what changed. Only within one process (`serve`).

use std::hash::{Hash, Hasher};

/// A 64-bit hash of `value`.
pub fn hash_of(value: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}
