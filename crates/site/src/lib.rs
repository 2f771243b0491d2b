//! The site: charter's stages run in order (load, resolve, render), the
//! final-HTML checks, the files published beside the pages, the
//! incremental cache `serve` keeps between builds, and the atomic write.
//! `build`, `check` and `serve` all run [`build_cached`].

mod cache;
mod check;
mod edit;
mod files;
pub mod fuzzing;
mod output;
mod outputs;
mod pages;
mod pdfs;
mod pipeline;
mod tidy;
mod write;

pub use cache::SiteCache;
pub use edit::render_edit;
pub use files::{Bytes, Files};
pub use outputs::hosting::{CONTENT_SECURITY_POLICY, SECURITY_HEADERS};
pub use pipeline::{BuildOptions, BuildResult, Unusable, build, build_cached, read_static_into};
pub use write::{absolute, check_output_dir, write_site};
