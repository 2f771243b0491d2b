//! The site as charter understands it: pages with typed frontmatter,
//! arranged into sections, documents with appendices, and versioned
//! documents; the glossary and the data files.

mod data;
mod extra;
mod frontmatter;
mod glossary;
mod ids;
mod kinds;
mod page;
mod people;
mod version;

pub use data::{Data, Table};
pub use extra::ExtraData;
pub use frontmatter::{Ages, Approval, Frontmatter, KeyLines, Level, PageGlossary};
pub use glossary::{Entry, Glossary, Sense};
pub use ids::{DocId, PageId, VersionedId};
pub use kinds::{Kind, Role, Status};
pub use page::SourcePage;
pub use people::{Contact, Partner};
pub use version::{AppendixLabel, VersionNumber, normalise_label};
