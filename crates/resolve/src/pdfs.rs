//! Which document versions get a PDF and where it is published (SPEC §5):
//! every published version at `…/v2.0/masa-v2.0.pdf`, the current one
//! also at `…/masa/masa.pdf`, an unversioned document at `…/doc/doc.pdf`.

use charter_core::model::{DocId, SourcePage, Status};

use crate::structure::Structure;

/// A PDF a document version gets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PdfFile {
    /// The version it prints.
    pub doc: DocId,
    /// Its output path: the version's own (`arrangements/masa/v2.0/masa-v2.0.pdf`).
    pub path: String,
    /// Where the current version is published too (`arrangements/masa/masa.pdf`).
    pub current_path: Option<String>,
    /// How many pages it has, once made.
    pub pages: usize,
    /// Its size in bytes, once made.
    pub bytes: usize,
}

/// The PDFs the site's documents get, in document order: one per
/// published version (current or superseded); drafts, consultation
/// versions, withdrawn documents and versions newer than the current one
/// get none.
pub fn pdf_files(structure: &Structure, pages: &[SourcePage]) -> Vec<PdfFile> {
    let mut out = Vec::new();
    for (i, d) in structure.docs().iter().enumerate() {
        let doc = DocId(i);
        let status = pages[d.index.0].frontmatter.status;
        if !matches!(status, Status::Published | Status::Superseded) {
            continue;
        }
        let file = match (structure.versioned_of(doc), d.version_number()) {
            (Some(v), Some(number)) => {
                let Some(current) = v.current else { continue };
                let current_number = structure.doc(current).version_number();
                if current != doc && current_number.is_none_or(|c| number > c) {
                    continue;
                }
                let slug = last_segment(&v.base);
                PdfFile {
                    doc,
                    path: format!("{}{slug}-v{number}.pdf", d.base),
                    current_path: (current == doc).then(|| format!("{}{slug}.pdf", v.base)),
                    pages: 0,
                    bytes: 0,
                }
            }
            _ => PdfFile {
                doc,
                path: format!("{}{}.pdf", d.base, last_segment(&d.base)),
                current_path: None,
                pages: 0,
                bytes: 0,
            },
        };
        out.push(file);
    }
    out
}

/// `masa` for `arrangements/masa/`; `document` for the site's root.
fn last_segment(base: &str) -> &str {
    base.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("document")
}

impl PdfFile {
    /// Where a reader finds it: the current version's path for the
    /// current version, else its own.
    pub fn url(&self) -> &str {
        self.current_path.as_deref().unwrap_or(&self.path)
    }

    /// "24 pages, 410 kB": what a link to it says about it.
    pub fn size_text(&self) -> String {
        let pages =
            if self.pages == 1 { "1 page".to_string() } else { format!("{} pages", self.pages) };
        let size = if self.bytes < 1_000_000 {
            format!("{} kB", self.bytes.div_ceil(1000))
        } else {
            format!("{:.1} MB", self.bytes as f64 / 1_000_000.0)
        };
        format!("{pages}, {size}")
    }
}

#[cfg(test)]
mod tests {
    use charter_core::Sink;
    use charter_core::model::Role;

    use super::*;
    use crate::structure::test_pages::pages;

    fn files(specs: &[(&str, Role, &str)]) -> Vec<(String, Option<String>)> {
        let pages = pages(specs);
        let s = Structure::build(&pages, &Sink::default());
        pdf_files(&s, &pages).into_iter().map(|f| (f.path, f.current_path)).collect()
    }

    #[test]
    fn every_published_version_gets_a_pdf_and_the_current_one_a_second_address() {
        let got = files(&[
            ("_index.md", Role::Home, ""),
            ("arrangements/masa/v1.0/index.md", Role::Document, "version: \"1.0\""),
            ("arrangements/masa/v1.0/appendix-1.md", Role::Appendix, ""),
            ("arrangements/masa/v2.0/index.md", Role::Document, "version: \"2.0\""),
            ("arrangements/masa/v3.0/index.md", Role::Document, "version: \"3.0\"\nstatus: draft"),
            ("thresholds/continuum/index.md", Role::Document, ""),
            ("old/index.md", Role::Document, "status: withdrawn"),
        ]);
        assert_eq!(
            got,
            [
                ("arrangements/masa/v1.0/masa-v1.0.pdf".to_string(), None),
                (
                    "arrangements/masa/v2.0/masa-v2.0.pdf".to_string(),
                    Some("arrangements/masa/masa.pdf".to_string())
                ),
                ("thresholds/continuum/continuum.pdf".to_string(), None),
            ]
        );
    }

    #[test]
    fn a_versioned_document_with_no_published_version_gets_none() {
        let got = files(&[
            ("_index.md", Role::Home, ""),
            ("a/d/v1.0/index.md", Role::Document, "version: \"1.0\"\nstatus: consultation"),
        ]);
        assert!(got.is_empty());
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        let mut f = PdfFile {
            doc: DocId(0),
            path: "d/d.pdf".into(),
            current_path: None,
            pages: 24,
            bytes: 409_200,
        };
        assert_eq!(f.size_text(), "24 pages, 410 kB");
        f.pages = 1;
        f.bytes = 2_345_678;
        assert_eq!(f.size_text(), "1 page, 2.3 MB");
    }
}
