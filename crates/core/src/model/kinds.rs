//! What a page is (its kind), where it stands (its status) and its place
//! in the tree (its role).

use serde::Serialize;

/// What a page is, from its frontmatter `kind` or its place in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An ordinary page.
    Page,
    /// Multi-agency safeguarding arrangements.
    Arrangements,
    /// A threshold document ("continuum of need").
    Threshold,
    /// An annual report.
    AnnualReport,
    /// A local offer: a directory of services.
    LocalOffer,
    /// One service of a local offer.
    Service,
    /// An appendix of a document.
    Appendix,
}

impl Kind {
    /// Every kind, in the order the guide lists them.
    pub const ALL: [Kind; 7] = [
        Kind::Page,
        Kind::Arrangements,
        Kind::Threshold,
        Kind::AnnualReport,
        Kind::LocalOffer,
        Kind::Service,
        Kind::Appendix,
    ];

    /// The kind a frontmatter `kind:` value names.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == text)
    }

    /// The name written in frontmatter.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Arrangements => "arrangements",
            Kind::Threshold => "threshold",
            Kind::AnnualReport => "annual-report",
            Kind::LocalOffer => "local-offer",
            Kind::Service => "service",
            Kind::Appendix => "appendix",
        }
    }

    /// How the kind is named to readers.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Page => "Page",
            Kind::Arrangements => "Safeguarding arrangements",
            Kind::Threshold => "Threshold document",
            Kind::AnnualReport => "Annual report",
            Kind::LocalOffer => "Local offer",
            Kind::Service => "Service",
            Kind::Appendix => "Appendix",
        }
    }

    /// Kinds that are documents in their own right, with a contents list
    /// and review dates by default.
    pub fn is_document(self) -> bool {
        matches!(self, Kind::Arrangements | Kind::Threshold | Kind::AnnualReport | Kind::LocalOffer)
    }
}

/// Where a document stands in its approval life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not yet approved: built only with `--drafts`.
    Draft,
    /// Out for consultation: built only with `--drafts`.
    Consultation,
    /// Approved and published.
    #[default]
    Published,
    /// Replaced by another document.
    Superseded,
    /// No longer applies.
    Withdrawn,
}

impl Status {
    /// The status a frontmatter `status:` value names.
    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "draft" => Some(Status::Draft),
            "consultation" => Some(Status::Consultation),
            "published" => Some(Status::Published),
            "superseded" => Some(Status::Superseded),
            "withdrawn" => Some(Status::Withdrawn),
            _ => None,
        }
    }

    /// The name written in frontmatter.
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Consultation => "consultation",
            Status::Published => "published",
            Status::Superseded => "superseded",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// How the status is named to readers.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Consultation => "Out for consultation",
            Status::Published => "Published",
            Status::Superseded => "Superseded",
            Status::Withdrawn => "Withdrawn",
        }
    }

    /// Drafts and consultation versions are previews, built only when asked.
    pub fn is_preview(self) -> bool {
        matches!(self, Status::Draft | Status::Consultation)
    }
}

/// A page's place in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// `content/_index.md`.
    Home,
    /// `_index.md`: a section's own page, listing its children.
    Section,
    /// `index.md`: a document, whose folder's other files are its appendices.
    Document,
    /// A non-index file in a document folder (or a nested document folder).
    Appendix,
    /// A service file in a local offer's folder.
    Service,
    /// Any other Markdown file.
    Page,
}

impl Role {
    /// The role's name, as templates see it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Home => "home",
            Role::Section => "section",
            Role::Document => "document",
            Role::Appendix => "appendix",
            Role::Service => "service",
            Role::Page => "page",
        }
    }
}
