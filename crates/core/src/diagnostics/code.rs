//! Every diagnostic's stable code: what the config can silence or promote,
//! and what `charter explain` explains.

use std::fmt;

use serde::{Serialize, Serializer};

macro_rules! codes {
    ($($variant:ident => $name:literal: $doc:literal,)*) => {
        /// A diagnostic's stable code, such as `link::broken`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written: `area::name`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    ConfigInvalid => "config::invalid": "`charter.yaml` cannot be read or is wrong.",
    FrontmatterYaml => "frontmatter::yaml": "The frontmatter is not valid YAML.",
    FrontmatterUnclosed => "frontmatter::unclosed": "The frontmatter has no closing `---`.",
    FrontmatterMissingTitle => "frontmatter::missing-title": "A page without a title.",
    FrontmatterUnknownKey => "frontmatter::unknown-key": "A key, kind or status charter does not know.",
    FrontmatterInvalidDate => "frontmatter::invalid-date": "A date that is not `YYYY-MM-DD`.",
    ContentUtf8 => "content::utf8": "A file that is not UTF-8.",
    ContentSlugCollision => "content::slug-collision": "Two things would be published at one address.",
    ContentOutsideRoot => "content::outside-root": "A link to a file outside the site.",
    ContentSymlink => "content::symlink": "A symbolic link to a folder, which is not followed.",
    ContentTooLarge => "content::too-large": "A file over the size limit.",
    ContentUnreadable => "content::unreadable": "A file that cannot be read.",
    OutputRefused => "output::refused": "Output that would be written where it must not.",
    DataCsv => "data::csv": "A CSV file that cannot be read.",
    DataYaml => "data::yaml": "A YAML data file that cannot be read.",
    DataShortcode => "data::shortcode": "A table, chart or shortcode block that cannot be rendered.",
    GlossaryConflict => "glossary::conflict": "A term defined twice or with two expansions.",
    GlossaryIncomplete => "glossary::incomplete": "A term with no expansion or definition.",
    GlossaryInvalid => "glossary::invalid": "`data/glossary.yaml` cannot be read.",
    GlossaryUndefinedAcronym => "glossary::undefined-acronym": "An acronym that is not in the glossary.",
    GlossaryUnused => "glossary::unused": "A glossary term no page uses.",
    LinkBroken => "link::broken": "A link to a page or anchor that does not exist.",
    LinkPrivateHost => "link::private-host": "A link to a host the public cannot reach.",
    XrefUnresolved => "xref::unresolved": "A cross-reference to a number or appendix that does not exist.",
    XrefDuplicateNumber => "xref::duplicate-number": "A section, paragraph or appendix number used twice.",
    VersionMismatch => "version::mismatch": "A version that does not match its folder.",
    ReviewOverdue => "review::overdue": "A document past its review date.",
    MasaRequirementMissing => "masa::requirement-missing": "Arrangements that do not say where they meet a requirement.",
    MasaUnknownRequirement => "masa::unknown-requirement": "A requirement id that Working Together does not have.",
    OfferOpenReferral => "offer::open-referral": "A service that lacks what Open Referral UK requires.",
    A11yImgAlt => "a11y::img-alt": "An image without alt text.",
    A11yHeadingSkip => "a11y::heading-skip": "A heading that skips a level, or a page without one `h1`.",
    A11yEmptyLink => "a11y::empty-link": "A link without text.",
    A11yVagueLinkText => "a11y::vague-link-text": "Link text such as \"click here\".",
    A11yTableNoHeader => "a11y::table-no-header": "A table without header cells.",
    A11yDuplicateId => "a11y::duplicate-id": "An id used twice on one page.",
    SecurityRawHtml => "security::raw-html": "Raw HTML that can run script.",
    SecurityDataPath => "security::data-path": "A data block that names a path instead of a data file.",
    TemplateError => "template::error": "A template that does not compile or fails to render.",
    // Issue 19: script-capable URLs, wherever they come from.
    SecurityUnsafeUrl => "security::unsafe-url": "A `javascript:`, `vbscript:` or non-image `data:` URL.",
    // Issue 20: PDFs of documents.
    PdfBrowserMissing => "pdf::browser-missing": "PDFs were asked for, but no Chromium was found to make them.",
    PdfFailed => "pdf::failed": "Chromium could not make a document's PDF.",
    PdfRelativeBaseUrl => "pdf::relative-base-url": "PDFs are made, but `base_url` is not absolute, so their links to the site cannot work.",
    // Issue 16: what the text pass leaves alone, and links it cannot check.
    XrefLevelNotLinked => "xref::level-not-linked": "A \"Level N\" left as text outside the threshold document.",
    XrefUnknownAct => "xref::unknown-act": "An Act or regulations the legislation table does not know.",
    LinkUnchecked => "link::unchecked": "Links to a page that failed to load, so were not checked.",
}

impl Code {
    /// The code named `text`: `link::broken`, or `link-broken` as a file
    /// name or a shell might write it.
    pub fn parse(text: &str) -> Option<Code> {
        let t = text.trim();
        Code::ALL.iter().copied().find(|c| {
            let name = c.as_str();
            name == t || name.replacen("::", "-", 1) == t || name.replacen("::", "--", 1) == t
        })
    }

    /// Errors that `allow` cannot silence, because the site cannot be
    /// built correctly past them.
    pub fn is_always_error(self) -> bool {
        matches!(
            self,
            Code::ConfigInvalid
                | Code::FrontmatterYaml
                | Code::FrontmatterUnclosed
                | Code::ContentUtf8
                | Code::OutputRefused
                | Code::SecurityUnsafeUrl
                | Code::PdfBrowserMissing
                | Code::PdfFailed
        )
    }

    /// Errors that stop a page (or the whole site) loading: reported
    /// first, because the findings after them may follow from them.
    pub fn stops_loading(self) -> bool {
        matches!(
            self,
            Code::ConfigInvalid
                | Code::FrontmatterYaml
                | Code::FrontmatterUnclosed
                | Code::FrontmatterMissingTitle
                | Code::FrontmatterUnknownKey
                | Code::FrontmatterInvalidDate
                | Code::ContentUtf8
                | Code::ContentTooLarge
                | Code::ContentUnreadable
        )
    }

    /// The area before `::`: "link" for `link::broken`.
    pub fn area(self) -> &'static str {
        self.as_str().split("::").next().unwrap_or("")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Code::parse("xref-unresolved"), Some(Code::XrefUnresolved));
        assert_eq!(Code::parse("xref::nothing"), None);
    }
}
