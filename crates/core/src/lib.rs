//! What every stage of charter shares: the site model (pages, documents,
//! versions, glossary and data), diagnostics with typed codes, the
//! configuration, and small helpers (slugs and URLs, HTML escaping, dates,
//! YAML with budgets, hashing and stage timing).
//!
//! This crate is the bottom of the pipeline: it depends on no other
//! charter crate, and nothing in it reads content or writes output.

pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod hash;
pub mod html;
pub mod intern;
pub mod json;
pub mod lanes;
pub mod model;
pub mod report;
pub mod swar;
#[doc(hidden)]
pub mod testing;
pub mod timing;
pub mod twin;
pub mod urls;
pub mod yaml;

pub use diagnostics::{Code, Diagnostic, Fact, Severity, Sink};
