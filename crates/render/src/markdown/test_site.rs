//! A small site in memory for the passes' unit tests: pages from a path,
//! frontmatter and body, and a glossary, resolved without disk or
//! templates.

use std::path::PathBuf;

use charter_core::Sink;
use charter_core::model::{Kind, PageId, Role, SourcePage};
use charter_load::Loaded;
use charter_resolve::{Inputs, Site};

/// A site of `pages` (content path, extra frontmatter, body).
pub(crate) fn site(pages: &[(&str, &str, &str)], glossary: &str) -> Site {
    let sink = Sink::default();
    let pages = pages
        .iter()
        .enumerate()
        .map(|(i, (path, extra, body))| {
            let role = match path.rsplit('/').next() {
                Some("index.md") => Role::Document,
                Some("_index.md") => Role::Section,
                _ if path.contains('/')
                    && pages.iter().any(|(p, _, _)| p.ends_with("index.md")) =>
                {
                    Role::Appendix
                }
                _ => Role::Page,
            };
            let default = if role == Role::Appendix { Kind::Appendix } else { Kind::Page };
            let file = format!("content/{path}");
            let yaml = format!("title: Page {i}\n{extra}");
            let frontmatter =
                charter_load::frontmatter::parse(&yaml, &file, default).expect("test frontmatter");
            SourcePage {
                id: PageId(i),
                file,
                content_path: path.to_string(),
                kind: frontmatter.kind.unwrap_or(default),
                frontmatter,
                body: (*body).into(),
                body_line: 1,
                role,
            }
        })
        .collect();
    let glossary = charter_load::glossary::parse(glossary, &sink);
    let config = charter_core::config::parse(
        "title: Test\nbase_url: https://x.org/\nxrefs:\n  ignore: [\"Section 11\"]\n",
    )
    .expect("test config");
    let loaded = Loaded {
        pages,
        glossary,
        data: Default::default(),
        content_assets: Vec::new(),
        previews_skipped: 0,
        failed: Vec::new(),
    };
    let inputs = Inputs {
        root: PathBuf::from("/nowhere"),
        config,
        loaded,
        requirements: Vec::new(),
        drafts: false,
        legislation: charter_load::theme::builtin().legislation(),
    };
    charter_resolve::resolve(inputs, &sink)
}
