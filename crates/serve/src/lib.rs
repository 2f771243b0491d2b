//! `charter serve`: builds the site into memory, serves it on loopback,
//! rebuilds when a source file changes, and tells open pages to reload.
//!
//! The served bytes are exactly what `charter build` would write (the same
//! pipeline, the same files), except that HTML responses get one injected
//! script tag for live reload and, while the last build failed, an overlay
//! listing the errors over the last good page. Every answer carries the
//! built site's security headers, and only requests for the preview's own
//! host names are answered.

mod access;
mod http;
mod options;
mod server;
mod state;
mod watch;

pub use access::Access;
pub use http::{content_type, resolve_path, router};
pub use options::ServeOptions;
pub use server::serve;
pub use state::{RebuildReport, Shared, Signal, Snapshot, apply_edit, rebuild};
pub use watch::is_source_change;
