//! The site as charter understands it: pages with typed frontmatter,
//! arranged into sections, documents with appendices, and versioned
//! documents; the glossary and the data files.

mod data;
mod extra;
mod frontmatter;
mod glossary;
mod ids;
mod kinds;
mod legislation;
mod page;
mod people;
mod version;

pub use data::{Data, Table};
pub use extra::ExtraData;
pub use frontmatter::{Ages, Approval, Frontmatter, KeyLines, Level, PageGlossary, TextOrigin};
pub use glossary::{Entry, Glossary, Sense};
pub use ids::{DocId, PageId, VersionedId};
pub use kinds::{Kind, Role, Status};
pub use legislation::{Instrument, InstrumentKind, LEGISLATION_HOST};
pub use page::SourcePage;
pub use people::{Contact, Partner};
pub use version::{AppendixLabel, VersionNumber, normalise_label};
