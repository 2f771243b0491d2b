//! The site as files in memory.

use std::collections::BTreeMap;

/// Rendered output: path under the output folder → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;
