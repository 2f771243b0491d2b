//! charter's PDF printer: a page printed to a tagged PDF by a headless
//! Chromium over the DevTools protocol ([`Browser`], [`print_page`]), then
//! finished ([`finish`]) where Chromium's tagging falls short and so that
//! the same page always gives the same bytes.

mod browser;
mod cdp;
mod finish;
mod print;

pub use browser::{BROWSER_VARIABLE, Browser, BrowserError, find_browser};
pub use cdp::Connection;
pub use finish::{Finished, Metadata, finish};
pub use print::{Resource, Resources, print_page};
