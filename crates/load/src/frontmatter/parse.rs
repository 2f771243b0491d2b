//! Frontmatter YAML to typed [`Frontmatter`], one small check at a time,
//! every problem a diagnostic on the key's line.

use charter_core::dates::parse_date;
use charter_core::diagnostics::{Code, Diagnostic, Fact, did_you_mean};
use charter_core::model::{Approval, Frontmatter, KeyLines, Kind, Level, Status, VersionNumber};
use charter_core::yaml::{self, Origin};
use jiff::civil::Date;

use super::raw::{Raw, RawApproval};
use super::schema::{allowed_keys, kind_keys};

/// The file line of the first frontmatter key (after the opening `---`).
const FIRST_LINE: usize = 2;

/// Parses and validates frontmatter. `default_kind` is what the file's place
/// in the tree implies (an appendix, say) when it names no kind.
pub fn parse(
    yaml_text: &str,
    file: &str,
    default_kind: Kind,
) -> Result<Frontmatter, Vec<Diagnostic>> {
    let origin = Origin { file, line_offset: 1 };
    let raw: Raw = if yaml_text.trim().is_empty() {
        Raw::default()
    } else {
        match read_plain(yaml_text) {
            Some(raw) => raw,
            None => yaml::parse(yaml_text, origin, Code::FrontmatterYaml).map_err(|d| vec![d])?,
        }
    };
    let lines = KeyLines::new(
        yaml::top_level_keys(yaml_text).into_iter().map(|(k, l)| (k, l + origin.line_offset)),
        FIRST_LINE,
    );
    let mut checker = Checker { file, lines, problems: Vec::new() };
    let kind = checker.kind(raw.kind.as_deref());
    checker.unknown_keys(yaml_text, origin, kind.unwrap_or(default_kind));
    let title = checker.title(raw.title.as_deref());
    let status = checker.status(raw.status.as_deref());
    let version = checker.version(&raw);
    let dates = checker.dates(&raw);
    let requirements = requirement_lines(yaml_text, &raw);
    checker.unsafe_urls(yaml_text, origin);
    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    let mut fm =
        assemble(raw, Typed { title, kind, status, version, dates, requirements }, checker.lines);
    fm.origins = super::origins::origins(yaml_text, &fm);
    Ok(fm)
}

/// The frontmatter as written, when it is in the YAML that
/// `yaml::plain` reads (most is, and serde-saphyr takes twenty times as
/// long); `None` leaves it to serde-saphyr, which also says what is wrong.
fn read_plain(yaml_text: &str) -> Option<Raw> {
    yaml::plain::read_as(yaml_text)
}

/// Whether the plain reading of a frontmatter, where there is one, is
/// serde-saphyr's: for the tests and the fuzz target.
pub fn plain_reading_agrees(yaml_text: &str) -> bool {
    yaml::plain::agrees_as::<Raw>(yaml_text)
}

/// Collects the problems of one page's frontmatter.
struct Checker<'a> {
    file: &'a str,
    lines: KeyLines,
    problems: Vec<Diagnostic>,
}

/// The values that needed checking, checked.
struct Typed {
    title: String,
    kind: Option<Kind>,
    status: Status,
    version: Option<VersionNumber>,
    dates: Dates,
    requirements: Vec<(String, String, usize)>,
}

/// Every date of the frontmatter, parsed.
struct Dates {
    published: Option<Date>,
    updated: Option<Date>,
    effective: Option<Date>,
    review_due: Option<Date>,
    approved: Vec<Approval>,
    period: Option<(Date, Date)>,
    scrutiny: Option<Approval>,
}

impl Checker<'_> {
    fn error(&mut self, code: Code, key: &str, message: String, help: &str) {
        let line = self.lines.line_of(key);
        self.problems.push(Diagnostic::error(code, message).at(self.file, line, 1).help(help));
    }

    /// `contact.url`, `extra` values and the like that could run script.
    fn unsafe_urls(&mut self, yaml_text: &str, origin: Origin<'_>) {
        if !charter_core::urls::may_hold_unsafe_url(yaml_text) {
            return;
        }
        let value = yaml::plain::read(yaml_text).or_else(|| {
            yaml::parse::<serde_json::Value>(yaml_text, origin, Code::FrontmatterYaml).ok()
        });
        let Some(value) = value else {
            return;
        };
        for found in charter_core::urls::unsafe_values(&value) {
            let key = found.path.join(".");
            self.error(
                Code::SecurityUnsafeUrl,
                found.path.first().map_or("", String::as_str),
                format!("`{key}` is a `{}` address, which can run script", found.scheme.as_str()),
                "give a web address (https://…); charter never publishes this one",
            );
        }
    }

    fn kind(&mut self, kind: Option<&str>) -> Option<Kind> {
        let k = kind?;
        if let Some(kind) = Kind::parse(k) {
            return Some(kind);
        }
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let hint = match did_you_mean(k, names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the kinds are: {}", names.join(", ")),
        };
        self.error(Code::FrontmatterUnknownKey, "kind", format!("unknown kind `{k}`"), &hint);
        None
    }

    fn unknown_keys(&mut self, yaml_text: &str, origin: Origin<'_>, kind: Kind) {
        let allowed = allowed_keys(kind);
        let what = "this page's frontmatter";
        for mut d in
            yaml::unknown_keys(yaml_text, &allowed, origin, Code::FrontmatterUnknownKey, what)
        {
            // A key that belongs to another kind deserves a clearer hint.
            let key = match d.fact.as_deref() {
                Some(Fact::Key(k)) => k.as_str(),
                _ => "",
            };
            if let Some(owner) = Kind::ALL.iter().find(|k| kind_keys(**k).contains(&key)) {
                d.help = Some(format!(
                    "this key belongs to documents of `kind: {}`; this page is `{}`",
                    owner.name(),
                    kind.name()
                ));
            }
            self.problems.push(d);
        }
    }

    fn title(&mut self, title: Option<&str>) -> String {
        match title {
            Some(t) if !t.trim().is_empty() => t.trim().to_string(),
            _ => {
                self.problems.push(
                    Diagnostic::error(Code::FrontmatterMissingTitle, "this page has no title")
                        .at(self.file, FIRST_LINE, 1)
                        .help(
                            "add a line `title: ...` to the frontmatter: every page needs a \
                             title for its <h1> and <title>",
                        ),
                );
                String::new()
            }
        }
    }

    fn status(&mut self, status: Option<&str>) -> Status {
        let Some(s) = status else { return Status::Published };
        Status::parse(s).unwrap_or_else(|| {
            self.error(
                Code::FrontmatterUnknownKey,
                "status",
                format!("unknown status `{s}`"),
                "status is one of: draft, consultation, published, superseded, withdrawn",
            );
            Status::Published
        })
    }

    fn version(&mut self, raw: &Raw) -> Option<VersionNumber> {
        let text = raw.version.as_ref()?.text();
        let parsed = VersionNumber::parse(&text);
        if parsed.is_none() {
            self.error(
                Code::VersionMismatch,
                "version",
                format!("`version: {text}` is not a dotted version number"),
                "write versions as quoted dotted numbers, e.g. version: \"2.1\"",
            );
        }
        parsed
    }

    fn date(&mut self, key: &str, what: &str, value: Option<&str>) -> Option<Date> {
        let v = value?;
        let parsed = parse_date(v);
        if parsed.is_none() {
            self.error(
                Code::FrontmatterInvalidDate,
                key,
                format!("`{what}: {v}` is not a valid date"),
                "write dates as YYYY-MM-DD, e.g. 2026-03-31",
            );
        }
        parsed
    }

    fn approval(&mut self, key: &str, what: &str, a: &RawApproval) -> Approval {
        Approval { by: a.by.clone(), date: self.date(key, what, a.date.as_deref()) }
    }

    fn dates(&mut self, raw: &Raw) -> Dates {
        let published = self.date("published", "published", raw.published.as_deref());
        let updated = self.date("updated", "updated", raw.updated.as_deref());
        let effective = self.date("effective", "effective", raw.effective.as_deref());
        let review_due = self.date("review_due", "review_due", raw.review_due.as_deref());
        let approved =
            raw.approved.iter().map(|a| self.approval("approved", "approved date", a)).collect();
        let period = raw.period.as_ref().and_then(|p| {
            let from = self.date("period", "period from", Some(&p.from));
            let to = self.date("period", "period to", Some(&p.to));
            from.zip(to)
        });
        let scrutiny = raw.scrutiny.as_ref().map(|s| self.approval("scrutiny", "scrutiny date", s));
        Dates { published, updated, effective, review_due, approved, period, scrutiny }
    }
}

/// Each `requirements:` entry with the file line it is written on.
fn requirement_lines(yaml_text: &str, raw: &Raw) -> Vec<(String, String, usize)> {
    raw.requirements
        .iter()
        .map(|(id, anchor)| {
            let line = yaml_text
                .lines()
                .position(|l| {
                    l.trim_start().strip_prefix(id.as_str()).is_some_and(|r| r.starts_with(':'))
                })
                .map(|i| i + 2)
                .unwrap_or(1);
            (id.clone(), anchor.clone(), line)
        })
        .collect()
}

/// The typed frontmatter from what was checked and what needed no check.
fn assemble(raw: Raw, typed: Typed, lines: KeyLines) -> Frontmatter {
    let Typed { title, kind, status, version, dates, requirements } = typed;
    Frontmatter {
        title,
        kind,
        summary: raw.summary.map(|s| s.trim().to_string()),
        status,
        version,
        published: dates.published,
        updated: dates.updated,
        effective: dates.effective,
        review_due: dates.review_due,
        approved: dates.approved,
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
        period: dates.period,
        scrutiny: dates.scrutiny,
        offer_for: raw.offer_for,
        statutory_basis: raw.statutory_basis,
        ages: raw.ages,
        categories: raw.categories,
        contact: raw.contact,
        eligibility: raw.eligibility,
        cost: raw.cost,
        how_to_access: raw.how_to_access,
        lines,
        origins: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_gets_a_hint_and_line() {
        let e = parse("title: T\nreveiw_due: 2025-01-01\n", "a.md", Kind::Page).unwrap_err();
        assert_eq!(e[0].code, Code::FrontmatterUnknownKey);
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
        assert_eq!(e[0].code, Code::FrontmatterInvalidDate);
        assert_eq!(e[0].line, 3);
    }

    #[test]
    fn kind_keys_on_the_wrong_kind_are_unknown() {
        let e = parse("title: T\nlevels: []\n", "a.md", Kind::Page).unwrap_err();
        assert!(e[0].help.as_deref().unwrap().contains("threshold"));
    }

    #[test]
    fn key_lines_are_file_lines() {
        let f =
            parse("title: T\nsummary: S\nreview_due: 2026-01-01\n", "a.md", Kind::Page).unwrap();
        assert_eq!(f.lines.line_of("review_due"), 4);
        assert_eq!(f.lines.line_of("aliases"), 2);
    }

    /// Frontmatter as `Raw` reads it: each form read the plain way or left
    /// to serde-saphyr, never read differently.
    const RAW_FORMS: &[&str] = &[
        "title: 2\n",
        "title: \"2\"\nversion: 1.10\nlabel: A\n",
        "version: 2\nlabel: 3\n",
        "weight: 2.5\n",
        "weight: -4\ntoc: true\nglossary_appendix: false\n",
        "toc: \"yes\"\n",
        "aliases: []\nfootprint:\ncategories: [a, b]\n",
        "approved:\n  - { by: The Executive, date: 2025-10-01 }\n  - { by: Board }\n",
        "approved:\n  - { by: X, when: 2025-10-01 }\n",
        "period: { from: 2024-04-01, to: 2025-03-31 }\nscrutiny: { by: Scrutineer, date: 2025-06-01 }\n",
        "levels:\n  - id: 1\n    name: Universal\n    indicators:\n      - One\n    response: Help\n  - id: 2a\n    name: Early\n",
        "levels:\n  - id: 1.5\n    name: x\n",
        "ages: { min: 0, max: 18 }\n",
        "ages: { min: -1, max: 18 }\n",
        "contact: { email: a@example.org, phone: 020 8000 0000, url: https://example.org }\n",
        "partners:\n  - { role: police, organisation: Met, unit: North }\n",
        "glossary:\n  senses: { SCR: b }\n  exclude: [MASH]\n",
        "extra:\n  colour: blue\n  size: 3\n  nested: { a: [1, 2] }\n",
        "requirements:\n  partners: \"#section-1\"\n  funding: \"#section-3\"\n",
    ];

    use charter_core::testing::repository_frontmatter;

    #[test]
    fn the_plain_reading_is_serde_saphyrs() {
        let mut texts: Vec<String> = RAW_FORMS.iter().map(|t| t.to_string()).collect();
        texts.extend(repository_frontmatter());
        for text in &texts {
            assert!(plain_reading_agrees(text), "{text:?}");
        }
        // The forms above are read the plain way where they can be.
        let plain: Vec<usize> =
            (0..RAW_FORMS.len()).filter(|&i| read_plain(RAW_FORMS[i]).is_some()).collect();
        assert_eq!(plain, [1, 2, 4, 7, 9, 11, 12, 15, 16, 18]);
        assert!(read_plain("title: 2\n").is_none(), "a number is not a title: serde-saphyr's call");
    }

    #[test]
    fn most_frontmatter_is_read_the_plain_way() {
        let all = repository_frontmatter();
        let plain = all.iter().filter(|t| read_plain(t).is_some()).count();
        assert!(plain * 10 >= all.len() * 9, "{plain} of {}", all.len());
    }
}
