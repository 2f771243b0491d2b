//! Indexes into the site's lists: typed, so a page index is never taken
//! for a document index.

use serde::Serialize;

/// Index of a source page in the site's list of pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PageId(pub usize);

/// Index of a document (one version of one document folder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub usize);

/// Index of a versioned document (the folder holding `v*/` folders).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VersionedId(pub usize);
