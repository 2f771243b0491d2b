//! Every frontmatter key: the single source for the loader's checks and
//! for the guide's reference (`charter schema`).

use charter_core::model::Kind;

/// One frontmatter key, as the loader accepts it and the guide documents it.
#[derive(Debug, Clone, Copy)]
pub struct KeyDoc {
    /// The key.
    pub key: &'static str,
    /// The kind that accepts it; `None`: every kind does.
    pub kind: Option<Kind>,
    /// What the value looks like.
    pub value: &'static str,
    /// What it means.
    pub meaning: &'static str,
}

const fn key(
    key: &'static str,
    kind: Option<Kind>,
    value: &'static str,
    meaning: &'static str,
) -> KeyDoc {
    KeyDoc { key, kind, value, meaning }
}

/// Every frontmatter key: the single source for the loader's checks and
/// for the guide's reference (`charter schema`).
pub const SCHEMA: &[KeyDoc] = &[
    key("title", None, "text (required)", "The page's title: its `<h1>` and `<title>`."),
    key(
        "kind",
        None,
        "`page`, `arrangements`, `threshold`, `annual-report`, `local-offer`, `service` or `appendix`",
        "What the document is. Default `page`; `appendix` for files beside a document's `index.md`.",
    ),
    key(
        "summary",
        None,
        "text",
        "One or two sentences for listings, search and the page description.",
    ),
    key(
        "status",
        None,
        "`draft`, `consultation`, `published`, `superseded` or `withdrawn`",
        "Default `published`. Drafts and consultation versions are built only with `--drafts`.",
    ),
    key(
        "version",
        None,
        "dotted number in quotes, e.g. `\"2.1\"`",
        "Required in a version folder, and must match it (`v2.1/`).",
    ),
    key("published", None, "date `YYYY-MM-DD`", "When this version was published."),
    key("updated", None, "date `YYYY-MM-DD`", "When the page was last changed."),
    key("effective", None, "date `YYYY-MM-DD`", "When this version comes into force."),
    key(
        "review_due",
        None,
        "date `YYYY-MM-DD`",
        "When the document must next be reviewed; after it the page says the review is overdue.",
    ),
    key("approved", None, "list of `{ by, date }`", "Who approved this version, and when."),
    key("changes", None, "Markdown", "What this version changed from the one before."),
    key(
        "label",
        None,
        "text, e.g. `\"A\"` or `\"2\"`",
        "An appendix's label; by default from the file name (`appendix-a.md`).",
    ),
    key("aliases", None, "list of paths", "Old addresses that redirect here."),
    key(
        "slug",
        None,
        "text",
        "The last part of the page's address instead of the file or folder name.",
    ),
    key(
        "glossary_appendix",
        None,
        "`true` or `false`",
        "Add a generated appendix listing the glossary terms the document uses.",
    ),
    key(
        "glossary",
        None,
        "`{ senses: { TERM: sense-id }, exclude: [TERM] }`",
        "Which meaning a term has on this page, and terms not to link.",
    ),
    key("toc", None, "`true` or `false`", "Show a contents list. Default: on for documents."),
    key("weight", None, "whole number", "Order in listings: lower comes first."),
    key("extra", None, "map", "Free data for templates."),
    key(
        "partners",
        Some(Kind::Arrangements),
        "list of `{ role, organisation, unit, lead }`",
        "The statutory partners; default from `charter.yaml`.",
    ),
    key(
        "footprint",
        Some(Kind::Arrangements),
        "list of area names",
        "The local authority areas the arrangements cover.",
    ),
    key(
        "requirements",
        Some(Kind::Arrangements),
        "map of requirement id to `\"#anchor\"`",
        "Where each Working Together requirement is met.",
    ),
    key(
        "levels",
        Some(Kind::Threshold),
        "list of `{ id, name, summary, indicators, response }`",
        "The levels of need, shown as a table and as sections `#level-1`…",
    ),
    key("period", Some(Kind::AnnualReport), "`{ from, to }` dates", "The reporting period."),
    key(
        "scrutiny",
        Some(Kind::AnnualReport),
        "`{ by, date }`",
        "Who scrutinised the report independently, and when.",
    ),
    key(
        "offer_for",
        Some(Kind::LocalOffer),
        "text, e.g. `care-leavers` or `send`",
        "Who the offer is for.",
    ),
    key("statutory_basis", Some(Kind::LocalOffer), "text", "The law the offer is published under."),
    key("ages", Some(Kind::Service), "`{ min, max }`", "The ages the service is for."),
    key(
        "categories",
        Some(Kind::Service),
        "list of words, e.g. `[housing, money]`",
        "The directory categories the service is listed under.",
    ),
    key(
        "contact",
        Some(Kind::Service),
        "`{ phone, email, url, address }`",
        "How to reach the service.",
    ),
    key("eligibility", Some(Kind::Service), "Markdown", "Who can use the service."),
    key("cost", Some(Kind::Service), "Markdown", "What it costs."),
    key("how_to_access", Some(Kind::Service), "Markdown", "How to ask for the service."),
];

/// The keys a page of `kind` may use.
pub fn allowed_keys(kind: Kind) -> Vec<&'static str> {
    SCHEMA.iter().filter(|k| k.kind.is_none() || k.kind == Some(kind)).map(|k| k.key).collect()
}

/// Keys only one kind accepts.
pub fn kind_keys(kind: Kind) -> Vec<&'static str> {
    SCHEMA.iter().filter(|k| k.kind == Some(kind)).map(|k| k.key).collect()
}

/// The frontmatter reference as a Markdown page, for the guide.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "---\ntitle: Frontmatter keys\nsummary: Every key charter accepts, generated from the loader's own list.\n---\n\nThis page is generated by `charter schema` from the list the loader checks, so it is always complete. An unknown key is an error (`frontmatter::unknown-key`) with a \"did you mean\" hint.\n",
    );
    let mut groups: Vec<(String, Option<Kind>)> = vec![("Keys every page accepts".into(), None)];
    for k in Kind::ALL {
        if SCHEMA.iter().any(|d| d.kind == Some(k)) {
            groups.push((format!("Keys for `kind: {}`", k.name()), Some(k)));
        }
    }
    for (title, kind) in groups {
        out.push_str(&format!("\n## {title}\n\n| Key | Value | Meaning |\n|---|---|---|\n"));
        for d in SCHEMA.iter().filter(|d| d.kind == kind) {
            out.push_str(&format!("| `{}` | {} | {} |\n", d.key, d.value, d.meaning));
        }
    }
    out
}
