//! The site as files in memory.

use std::collections::BTreeMap;
use std::sync::Arc;

/// One file's bytes, shared: `serve` keeps a page in its cache of
/// rendered routes, in the files it serves and, during a rebuild, in the
/// next build's files, all as one copy (three copies of every page were
/// most of its memory at 10,000 pages).
pub type Bytes = Arc<Vec<u8>>;

/// Rendered output: path under the output folder → bytes.
pub type Files = BTreeMap<String, Bytes>;
