//! Pages for the structure's unit tests, made from a path, a role and
//! frontmatter lines.

use charter_core::model::{Kind, PageId, Role, SourcePage};

/// One page per `(content path, role, extra frontmatter lines)`.
pub(crate) fn pages(specs: &[(&str, Role, &str)]) -> Vec<SourcePage> {
    specs
        .iter()
        .enumerate()
        .map(|(i, (path, role, extra))| {
            let yaml = format!("title: Page {i}\n{extra}\n");
            let file = format!("content/{path}");
            let default = if *role == Role::Appendix { Kind::Appendix } else { Kind::Page };
            let frontmatter =
                charter_load::frontmatter::parse(&yaml, &file, default).expect("valid frontmatter");
            SourcePage {
                id: PageId(i),
                file,
                content_path: path.to_string(),
                kind: frontmatter.kind.unwrap_or(default),
                frontmatter,
                body: "".into(),
                body_line: 4,
                role: *role,
            }
        })
        .collect()
}
