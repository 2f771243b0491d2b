//! One Markdown file under `content/`.

use super::frontmatter::Frontmatter;
use super::ids::PageId;
use super::kinds::{Kind, Role};

/// One Markdown file under `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePage {
    /// Its place in the site's list of pages.
    pub id: PageId,
    /// Path relative to the site root, `/`-separated: `content/about/index.md`.
    pub file: String,
    /// Path relative to `content/`: `about/index.md`.
    pub content_path: String,
    /// The typed frontmatter.
    pub frontmatter: Frontmatter,
    /// The Markdown after the frontmatter, with CRLF normalised to LF;
    /// shared, not copied, between `serve`'s load cache and its site.
    pub body: std::sync::Arc<str>,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// What the page is.
    pub kind: Kind,
    /// Its place in the tree.
    pub role: Role,
}

impl SourcePage {
    /// The page's title.
    pub fn title(&self) -> &str {
        &self.frontmatter.title
    }

    /// The 1-based file line of a frontmatter key, or the first key's line.
    pub fn key_line(&self, key: &str) -> usize {
        self.frontmatter.lines.line_of(key)
    }
}
