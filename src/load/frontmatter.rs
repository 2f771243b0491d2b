//! Splitting a Markdown file into frontmatter and body, and parsing the
//! frontmatter into typed fields with a diagnostic for every problem.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::config::{Contact, Partner};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::yaml::{self, Origin};
use crate::model::{Kind, Status, VersionNumber};

/// A file cut into its YAML and its Markdown.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
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
        return Err(Diagnostic::error("frontmatter::missing-title", "this page has no frontmatter, so it has no title")
            .at(file, 1, 1)
            .help("start the file with three lines:\n---\ntitle: The page's title\n---"));
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map(|i| offset + i + 1).unwrap_or(text.len());
        let l = text[offset..end].trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            return Ok(Split { yaml: &text[first_end..offset], body: &text[end..], body_line: line + 1, body_offset: end });
        }
        offset = end;
        line += 1;
    }
    Err(Diagnostic::error("frontmatter::unclosed", "the frontmatter is never closed")
        .at(file, 1, 1)
        .help("add a line with exactly `---` after the last frontmatter key"))
}

/// Frontmatter as written: every value still in its YAML form.
#[derive(Debug, Default, Deserialize)]
struct Raw {
    title: Option<String>,
    kind: Option<String>,
    summary: Option<String>,
    status: Option<String>,
    version: Option<Scalar>,
    published: Option<String>,
    updated: Option<String>,
    effective: Option<String>,
    review_due: Option<String>,
    #[serde(default)]
    approved: Vec<RawApproval>,
    changes: Option<String>,
    label: Option<Scalar>,
    #[serde(default)]
    aliases: Vec<String>,
    slug: Option<String>,
    glossary_appendix: Option<bool>,
    glossary: Option<PageGlossary>,
    toc: Option<bool>,
    weight: Option<i64>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
    // arrangements
    partners: Option<Vec<Partner>>,
    #[serde(default)]
    footprint: Vec<String>,
    #[serde(default)]
    requirements: BTreeMap<String, String>,
    // threshold
    #[serde(default)]
    levels: Vec<RawLevel>,
    // annual-report
    period: Option<RawPeriod>,
    scrutiny: Option<RawApproval>,
    // local-offer
    offer_for: Option<String>,
    statutory_basis: Option<String>,
    // service
    ages: Option<Ages>,
    #[serde(default)]
    categories: Vec<String>,
    contact: Option<Contact>,
    eligibility: Option<String>,
    cost: Option<String>,
    how_to_access: Option<String>,
}

/// A YAML scalar that may be written as a number (`1.0`) or a string (`"1.0"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => {
                let s = f.to_string();
                if s.contains('.') { s } else { format!("{s}.0") }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApproval {
    by: String,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: String,
    to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    id: Scalar,
    name: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    response: Option<String>,
}

/// Per-page glossary choices.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageGlossary {
    #[serde(default)]
    pub senses: BTreeMap<String, String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ages {
    pub min: u32,
    pub max: u32,
}

/// Who approved a version, and when.
#[derive(Clone, Debug, Serialize)]
pub struct Approval {
    pub by: String,
    pub date: Option<Date>,
}

/// A level of need in a threshold document.
#[derive(Clone, Debug, Serialize)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub indicators: Vec<String>,
    pub response: Option<String>,
}

/// Frontmatter after validation: typed, with defaults applied.
#[derive(Clone, Debug, Default)]
pub struct Frontmatter {
    pub title: String,
    pub kind: Option<Kind>,
    pub summary: Option<String>,
    pub status: Status,
    pub version: Option<VersionNumber>,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub effective: Option<Date>,
    pub review_due: Option<Date>,
    pub approved: Vec<Approval>,
    pub changes: Option<String>,
    pub label: Option<String>,
    pub aliases: Vec<String>,
    pub slug: Option<String>,
    pub glossary_appendix: bool,
    pub glossary: PageGlossary,
    pub toc: Option<bool>,
    pub weight: Option<i64>,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub partners: Option<Vec<Partner>>,
    pub footprint: Vec<String>,
    /// Working Together requirement id → anchor, with the line it is on.
    pub requirements: Vec<(String, String, usize)>,
    pub levels: Vec<Level>,
    pub period: Option<(Date, Date)>,
    pub scrutiny: Option<Approval>,
    pub offer_for: Option<String>,
    pub statutory_basis: Option<String>,
    pub ages: Option<Ages>,
    pub categories: Vec<String>,
    pub contact: Option<Contact>,
    pub eligibility: Option<String>,
    pub cost: Option<String>,
    pub how_to_access: Option<String>,
}

/// One frontmatter key, as the loader accepts it and the guide documents it.
#[derive(Debug, Clone, Copy)]
pub struct KeyDoc {
    pub key: &'static str,
    /// `None`: every kind accepts it.
    pub kind: Option<Kind>,
    /// What the value looks like.
    pub value: &'static str,
    pub meaning: &'static str,
}

const fn key(key: &'static str, kind: Option<Kind>, value: &'static str, meaning: &'static str) -> KeyDoc {
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
    key("summary", None, "text", "One or two sentences for listings, search and the page description."),
    key(
        "status",
        None,
        "`draft`, `consultation`, `published`, `superseded` or `withdrawn`",
        "Default `published`. Drafts and consultation versions are built only with `--drafts`.",
    ),
    key("version", None, "dotted number in quotes, e.g. `\"2.1\"`", "Required in a version folder, and must match it (`v2.1/`)."),
    key("published", None, "date `YYYY-MM-DD`", "When this version was published."),
    key("updated", None, "date `YYYY-MM-DD`", "When the page was last changed."),
    key("effective", None, "date `YYYY-MM-DD`", "When this version comes into force."),
    key("review_due", None, "date `YYYY-MM-DD`", "When the document must next be reviewed; after it the page says the review is overdue."),
    key("approved", None, "list of `{ by, date }`", "Who approved this version, and when."),
    key("changes", None, "Markdown", "What this version changed from the one before."),
    key("label", None, "text, e.g. `\"A\"` or `\"2\"`", "An appendix's label; by default from the file name (`appendix-a.md`)."),
    key("aliases", None, "list of paths", "Old addresses that redirect here."),
    key("slug", None, "text", "The last part of the page's address instead of the file or folder name."),
    key("glossary_appendix", None, "`true` or `false`", "Add a generated appendix listing the glossary terms the document uses."),
    key("glossary", None, "`{ senses: { TERM: sense-id }, exclude: [TERM] }`", "Which meaning a term has on this page, and terms not to link."),
    key("toc", None, "`true` or `false`", "Show a contents list. Default: on for documents."),
    key("weight", None, "whole number", "Order in listings: lower comes first."),
    key("extra", None, "map", "Free data for templates."),
    key("partners", Some(Kind::Arrangements), "list of `{ role, organisation, unit, lead }`", "The statutory partners; default from `charter.yaml`."),
    key("footprint", Some(Kind::Arrangements), "list of area names", "The local authority areas the arrangements cover."),
    key("requirements", Some(Kind::Arrangements), "map of requirement id to `\"#anchor\"`", "Where each Working Together requirement is met."),
    key(
        "levels",
        Some(Kind::Threshold),
        "list of `{ id, name, summary, indicators, response }`",
        "The levels of need, shown as a table and as sections `#level-1`…",
    ),
    key("period", Some(Kind::AnnualReport), "`{ from, to }` dates", "The reporting period."),
    key("scrutiny", Some(Kind::AnnualReport), "`{ by, date }`", "Who scrutinised the report independently, and when."),
    key("offer_for", Some(Kind::LocalOffer), "text, e.g. `care-leavers` or `send`", "Who the offer is for."),
    key("statutory_basis", Some(Kind::LocalOffer), "text", "The law the offer is published under."),
    key("ages", Some(Kind::Service), "`{ min, max }`", "The ages the service is for."),
    key("categories", Some(Kind::Service), "list of words, e.g. `[housing, money]`", "The directory categories the service is listed under."),
    key("contact", Some(Kind::Service), "`{ phone, email, url, address }`", "How to reach the service."),
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

/// Parses and validates frontmatter. `default_kind` is what the file's place
/// in the tree implies (an appendix, say) when it names no kind.
pub fn parse(yaml_text: &str, file: &str, default_kind: Kind) -> Result<Frontmatter, Vec<Diagnostic>> {
    let origin = Origin { file, line_offset: 1 };
    let raw: Raw =
        if yaml_text.trim().is_empty() { Raw::default() } else { yaml::parse(yaml_text, origin, "frontmatter::yaml").map_err(|d| vec![d])? };
    let line_of = |key: &str| yaml::key_line(yaml_text, key).map(|l| l + 1).unwrap_or(1);
    let mut problems = Vec::new();

    let kind = match raw.kind.as_deref() {
        None => None,
        Some(k) => match Kind::parse(k) {
            Some(kind) => Some(kind),
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                let hint = match did_you_mean(k, names.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the kinds are: {}", names.join(", ")),
                };
                problems.push(Diagnostic::error("frontmatter::unknown-key", format!("unknown kind `{k}`")).at(file, line_of("kind"), 1).help(hint));
                None
            }
        },
    };
    let effective_kind = kind.unwrap_or(default_kind);
    let allowed = allowed_keys(effective_kind);
    for mut d in yaml::unknown_keys(yaml_text, &allowed, origin, "frontmatter::unknown-key", "this page's frontmatter") {
        // A key that belongs to another kind deserves a clearer hint.
        if let Some(owner) = Kind::ALL.iter().find(|k| {
            let key = d.message.split('`').nth(1).unwrap_or("");
            kind_keys(**k).contains(&key)
        }) {
            d.help = Some(format!("this key belongs to documents of `kind: {}`; this page is `{}`", owner.name(), effective_kind.name()));
        }
        problems.push(d);
    }

    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => {
            problems.push(
                Diagnostic::error("frontmatter::missing-title", "this page has no title")
                    .at(file, 2, 1)
                    .help("add a line `title: ...` to the frontmatter: every page needs a title for its <h1> and <title>"),
            );
            String::new()
        }
    };

    let status = match raw.status.as_deref() {
        None => Status::Published,
        Some(s) => Status::parse(s).unwrap_or_else(|| {
            problems.push(
                Diagnostic::error("frontmatter::unknown-key", format!("unknown status `{s}`"))
                    .at(file, line_of("status"), 1)
                    .help("status is one of: draft, consultation, published, superseded, withdrawn"),
            );
            Status::Published
        }),
    };

    let mut date = |key: &str, value: &Option<String>, line: usize| -> Option<Date> {
        let v = value.as_deref()?;
        match parse_date(v) {
            Some(d) => Some(d),
            None => {
                problems.push(
                    Diagnostic::error("frontmatter::invalid-date", format!("`{key}: {v}` is not a valid date"))
                        .at(file, line, 1)
                        .help("write dates as YYYY-MM-DD, e.g. 2026-03-31"),
                );
                None
            }
        }
    };
    let published = date("published", &raw.published, line_of("published"));
    let updated = date("updated", &raw.updated, line_of("updated"));
    let effective = date("effective", &raw.effective, line_of("effective"));
    let review_due = date("review_due", &raw.review_due, line_of("review_due"));
    let approved: Vec<Approval> =
        raw.approved.iter().map(|a| Approval { by: a.by.clone(), date: date("approved date", &a.date, line_of("approved")) }).collect();
    let period = match &raw.period {
        Some(p) => {
            let from = date("period from", &Some(p.from.clone()), line_of("period"));
            let to = date("period to", &Some(p.to.clone()), line_of("period"));
            from.zip(to)
        }
        None => None,
    };
    let scrutiny = raw.scrutiny.as_ref().map(|s| Approval { by: s.by.clone(), date: date("scrutiny date", &s.date, line_of("scrutiny")) });

    let version = match &raw.version {
        None => None,
        Some(v) => {
            let text = v.text();
            match VersionNumber::parse(&text) {
                Some(n) => Some(n),
                None => {
                    problems.push(
                        Diagnostic::error("version::mismatch", format!("`version: {text}` is not a dotted version number"))
                            .at(file, line_of("version"), 1)
                            .help("write versions as quoted dotted numbers, e.g. version: \"2.1\""),
                    );
                    None
                }
            }
        }
    };

    let requirements = raw
        .requirements
        .iter()
        .map(|(id, anchor)| {
            let line = yaml_text.lines().position(|l| l.trim_start().starts_with(&format!("{id}:"))).map(|i| i + 2).unwrap_or(1);
            (id.clone(), anchor.clone(), line)
        })
        .collect();

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Frontmatter {
        title,
        kind,
        summary: raw.summary.map(|s| s.trim().to_string()),
        status,
        version,
        published,
        updated,
        effective,
        review_due,
        approved,
        changes: raw.changes,
        label: raw.label.map(|l| l.text()),
        aliases: raw.aliases,
        slug: raw.slug,
        glossary_appendix: raw.glossary_appendix.unwrap_or(false),
        glossary: raw.glossary.unwrap_or_default(),
        toc: raw.toc,
        weight: raw.weight,
        extra: raw.extra,
        partners: raw.partners,
        footprint: raw.footprint,
        requirements,
        levels: raw
            .levels
            .into_iter()
            .map(|l| Level { id: l.id.text(), name: l.name, summary: l.summary, indicators: l.indicators, response: l.response })
            .collect(),
        period,
        scrutiny,
        offer_for: raw.offer_for,
        statutory_basis: raw.statutory_basis,
        ages: raw.ages,
        categories: raw.categories,
        contact: raw.contact,
        eligibility: raw.eligibility,
        cost: raw.cost,
        how_to_access: raw.how_to_access,
    })
}

/// A `YYYY-MM-DD` date; nothing looser, so that "03/04/2025" is never guessed.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() != 10 || t.as_bytes()[4] != b'-' || t.as_bytes()[7] != b'-' {
        return None;
    }
    t.parse::<Date>().ok()
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
        assert_eq!(d.code, "frontmatter::unclosed");
    }

    #[test]
    fn unknown_key_gets_a_hint_and_line() {
        let e = parse("title: T\nreveiw_due: 2025-01-01\n", "a.md", Kind::Page).unwrap_err();
        assert_eq!(e[0].code, "frontmatter::unknown-key");
        assert_eq!(e[0].line, 3);
        assert!(e[0].help.as_deref().unwrap().contains("review_due"));
    }

    #[test]
    fn version_may_be_a_number_or_a_string() {
        let f = parse("title: T\nversion: \"1.10\"\n", "a.md", Kind::Page).unwrap();
        assert_eq!(f.version.unwrap().to_string(), "1.10");
        let f = parse("title: T\nversion: 2.0\n", "a.md", Kind::Page).unwrap();
        assert_eq!(f.version.unwrap().to_string(), "2.0");
    }

    #[test]
    fn bad_dates_are_reported() {
        let e = parse("title: T\npublished: 31/03/2025\n", "a.md", Kind::Page).unwrap_err();
        assert_eq!(e[0].code, "frontmatter::invalid-date");
        assert_eq!(e[0].line, 3);
    }

    #[test]
    fn kind_keys_on_the_wrong_kind_are_unknown() {
        let e = parse("title: T\nlevels: []\n", "a.md", Kind::Page).unwrap_err();
        assert!(e[0].help.as_deref().unwrap().contains("threshold"));
    }
}
