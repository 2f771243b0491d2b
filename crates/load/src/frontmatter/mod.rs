//! Splitting a Markdown file into frontmatter and body, and parsing the
//! frontmatter into typed fields with a diagnostic for every problem.

mod origins;
mod parse;
mod raw;
mod schema;
mod split;

pub use parse::{parse, plain_reading_agrees};
pub use schema::{KeyDoc, SCHEMA, allowed_keys, kind_keys, reference_markdown};
pub use split::{Split, split};
