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
        return Err(Diagnostic::error(
            "frontmatter::missing-title",
            "this page has no frontmatter, so it has no title",
        )
        .at(file, 1, 1)
        .help("start the file with three lines:\n---\ntitle: The page's title\n---"));
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map(|i| offset + i + 1)
            .unwrap_or(text.len());
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
    Err(
        Diagnostic::error("frontmatter::unclosed", "the frontmatter is never closed")
            .at(file, 1, 1)
            .help("add a line with exactly `---` after the last frontmatter key"),
    )
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

/// Keys every kind accepts.
pub const COMMON_KEYS: &[&str] = &[
    "title",
    "kind",
    "summary",
    "status",
    "version",
    "published",
    "updated",
    "effective",
    "review_due",
    "approved",
    "changes",
    "label",
    "aliases",
    "slug",
    "glossary_appendix",
    "glossary",
    "toc",
    "weight",
    "extra",
];

/// Keys only one kind accepts.
pub fn kind_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Arrangements => &["partners", "footprint", "requirements"],
        Kind::Threshold => &["levels"],
        Kind::AnnualReport => &["period", "scrutiny"],
        Kind::LocalOffer => &["offer_for", "statutory_basis"],
        Kind::Service => &[
            "ages",
            "categories",
            "contact",
            "eligibility",
            "cost",
            "how_to_access",
        ],
        Kind::Page | Kind::Appendix => &[],
    }
}

/// Parses and validates frontmatter. `default_kind` is what the file's place
/// in the tree implies (an appendix, say) when it names no kind.
pub fn parse(
    yaml_text: &str,
    file: &str,
    default_kind: Kind,
) -> Result<Frontmatter, Vec<Diagnostic>> {
    let origin = Origin {
        file,
        line_offset: 1,
    };
    let raw: Raw = if yaml_text.trim().is_empty() {
        Raw::default()
    } else {
        yaml::parse(yaml_text, origin, "frontmatter::yaml").map_err(|d| vec![d])?
    };
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
                problems.push(
                    Diagnostic::error("frontmatter::unknown-key", format!("unknown kind `{k}`"))
                        .at(file, line_of("kind"), 1)
                        .help(hint),
                );
                None
            }
        },
    };
    let effective_kind = kind.unwrap_or(default_kind);
    let mut allowed: Vec<&str> = COMMON_KEYS.to_vec();
    allowed.extend_from_slice(kind_keys(effective_kind));
    for mut d in yaml::unknown_keys(
        yaml_text,
        &allowed,
        origin,
        "frontmatter::unknown-key",
        "this page's frontmatter",
    ) {
        // A key that belongs to another kind deserves a clearer hint.
        if let Some(owner) = Kind::ALL.iter().find(|k| {
            let key = d.message.split('`').nth(1).unwrap_or("");
            kind_keys(**k).contains(&key)
        }) {
            d.help = Some(format!(
                "this key belongs to documents of `kind: {}`; this page is `{}`",
                owner.name(),
                effective_kind.name()
            ));
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
                    .help(
                        "status is one of: draft, consultation, published, superseded, withdrawn",
                    ),
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
                    Diagnostic::error(
                        "frontmatter::invalid-date",
                        format!("`{key}: {v}` is not a valid date"),
                    )
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
    let approved: Vec<Approval> = raw
        .approved
        .iter()
        .map(|a| Approval {
            by: a.by.clone(),
            date: date("approved date", &a.date, line_of("approved")),
        })
        .collect();
    let period = match &raw.period {
        Some(p) => {
            let from = date("period from", &Some(p.from.clone()), line_of("period"));
            let to = date("period to", &Some(p.to.clone()), line_of("period"));
            from.zip(to)
        }
        None => None,
    };
    let scrutiny = raw.scrutiny.as_ref().map(|s| Approval {
        by: s.by.clone(),
        date: date("scrutiny date", &s.date, line_of("scrutiny")),
    });

    let version = match &raw.version {
        None => None,
        Some(v) => {
            let text = v.text();
            match VersionNumber::parse(&text) {
                Some(n) => Some(n),
                None => {
                    problems.push(
                        Diagnostic::error(
                            "version::mismatch",
                            format!("`version: {text}` is not a dotted version number"),
                        )
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
            let line = yaml_text
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("{id}:")))
                .map(|i| i + 2)
                .unwrap_or(1);
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
            .map(|l| Level {
                id: l.id.text(),
                name: l.name,
                summary: l.summary,
                indicators: l.indicators,
                response: l.response,
            })
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
