//! What `charter serve` was asked to do.

use std::net::IpAddr;
use std::path::PathBuf;

/// What `charter serve` was asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The first port to try.
    pub port: u16,
    /// Build drafts and consultation versions too.
    pub drafts: bool,
    /// Open the site in the default browser.
    pub open: bool,
    /// Poll for changes instead of using the system's file events.
    pub poll: bool,
    /// Print diagnostics as plain sentences.
    pub narrated: bool,
    /// Host names answered besides the bound address (and, on loopback,
    /// `localhost`): `--allowed-host`.
    pub allowed_hosts: Vec<String>,
    /// Called after each build with the last site's files dropped: hands
    /// the memory the build freed back to the system. The allocator is the
    /// binary's choice, so the binary says how.
    pub trim_memory: fn(),
}
