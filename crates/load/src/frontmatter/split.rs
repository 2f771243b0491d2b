//! Cutting a file at its `---` fences.

use charter_core::{Code, Diagnostic};

/// A file cut into its YAML and its Markdown.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The Markdown after them.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Byte offset of the body in the file text.
    pub body_offset: usize,
}

/// Cuts `text` at its `---` fences. The text has had any BOM removed.
pub fn split<'a>(text: &'a str, file: &str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            Code::FrontmatterMissingTitle,
            "this page has no frontmatter, so it has no title",
        )
        .at(file, 1, 1)
        .help("start the file with three lines:\n---\ntitle: The page's title\n---"));
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map(|i| offset + i + 1).unwrap_or(text.len());
        let l = text[offset..end].trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            return Ok(Split {
                yaml: &text[first_end..offset],
                body: &text[end..],
                body_line: line + 1,
                body_offset: end,
            });
        }
        offset = end;
        line += 1;
    }
    Err(Diagnostic::error(Code::FrontmatterUnclosed, "the frontmatter is never closed")
        .at(file, 1, 1)
        .help("add a line with exactly `---` after the last frontmatter key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_crlf_and_finds_body_line() {
        let text = "---\r\ntitle: T\r\n---\r\nBody\r\n";
        let s = split(text, "a.md").unwrap();
        assert_eq!(s.yaml, "title: T\r\n");
        assert_eq!(s.body, "Body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_frontmatter_is_reported() {
        let d = split("---\ntitle: T\nbody\n", "a.md").unwrap_err();
        assert_eq!(d.code, Code::FrontmatterUnclosed);
    }
}
