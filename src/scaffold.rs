//! `charter init` and `charter new`: files written from the theme's
//! archetypes, never over an existing file.

use std::path::{Path, PathBuf};

use charter_core::model::Kind;
use charter_core::{Code, Diagnostic, urls};
use charter_load::theme;

const INIT_CONFIG: &str = "title: Example Safeguarding Children Partnership
base_url: https://www.example.org/
language: en-GB
theme: default
partnership:
  name: Example Safeguarding Children Partnership
  short_name: ESCP
  area: Example Borough
  statutory_partners:
    - { role: local-authority, organisation: Example Borough Council }
    - { role: health, organisation: Example Integrated Care Board }
    - { role: police, organisation: Example Police }
  contact: { email: safeguarding@example.org, phone: 020 7946 0000 }
glossary:
  link: first
  ignore: []
accessibility:
  contact: safeguarding@example.org
xrefs:
  ignore: [\"Section 11\"]
diagnostics:
  deny: []
  allow: []
";

const INIT_HOME: &str = "---
title: Example Safeguarding Children Partnership
summary: How the council, the health service and the police keep children in Example Borough safe.
---

The Example Safeguarding Children Partnership brings together the council, the
integrated care board (ICB) and the police to keep children safe.

Read [our safeguarding arrangements](@/arrangements/masa/) to see how we work together.
";

const INIT_SECTION: &str = "---
title: Safeguarding arrangements
summary: How the partners work together, with every version we have published.
---

- [Read our multi-agency safeguarding arrangements](@/arrangements/masa/)
";

/// The output folder stays out of git: CI builds it afresh.
/// The built site, and the hidden folders a build writes beside it before
/// it takes the site's place (a build stopped half-way leaves its folder
/// until the next build).
const INIT_GITIGNORE: &str = "/public/\n/.public.charter-*/\n";

const INIT_ARRANGEMENTS: &str = "---
title: Multi-agency safeguarding arrangements
kind: arrangements
summary: How the three safeguarding partners work together in Example Borough.
version: \"1.0\"
published: 2026-01-01
review_due: 2099-01-01
requirements:
  partners-working-together: \"#section-1\"
  practice-reviews: \"#section-2\"
  independent-scrutiny: \"#section-3\"
  partners: \"#section-1\"
  geography: \"#section-1\"
  relevant-agencies: \"#section-1\"
  education: \"#section-1\"
  custody-and-residential: \"#section-1\"
  data-and-intelligence: \"#section-3\"
  training-and-audit: \"#section-3\"
  funding: \"#section-1\"
  review-process: \"#section-3\"
  voice-of-children: \"#section-2\"
  threshold-document: \"#section-2\"
---

## 1. How we work together

1.1 The council, the ICB and the police share the duty to keep children safe.

## 2. Learning from practice

2.1 We commission a review when a child is seriously harmed, as paragraph 1.1 describes.

## 3. Scrutiny

3.1 An independent scrutineer checks our work every year.
";

const INIT_GLOSSARY: &str = "- term: ICB
  expansion: Integrated Care Board
  definition: The NHS body that plans and pays for health services in an area.
";

/// Writes a small site into `dir`, which must be empty or not exist.
pub(crate) fn init(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Diagnostic::error(
            Code::ConfigInvalid,
            format!("{} already exists and is not empty", dir.display()),
        )
        .help("choose a new folder name, e.g. charter init my-partnership"));
    }
    let files: [(&str, &str); 6] = [
        ("charter.yaml", INIT_CONFIG),
        (".gitignore", INIT_GITIGNORE),
        ("content/_index.md", INIT_HOME),
        ("content/arrangements/_index.md", INIT_SECTION),
        ("content/arrangements/masa/v1.0/index.md", INIT_ARRANGEMENTS),
        ("data/glossary.yaml", INIT_GLOSSARY),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(&path, e))?;
        }
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    }
    for sub in ["static", "templates"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| io(dir, e))?;
    }
    Ok(())
}

/// Writes `content/<path>` (a folder with index.md for documents, a file
/// for pages, services and appendices) from the theme's archetype.
pub(crate) fn new_document(root: &Path, kind: &str, path: &str) -> Result<PathBuf, Diagnostic> {
    let Some(k) = Kind::parse(kind) else {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        return Err(Diagnostic::error(
            Code::FrontmatterUnknownKey,
            format!("unknown kind `{kind}`"),
        )
        .help(format!("the kinds are: {}", names.join(", "))));
    };
    if !root.join("charter.yaml").exists() {
        return Err(Diagnostic::error(
            Code::ConfigInvalid,
            format!("{} is not a charter site (no charter.yaml)", root.display()),
        )
        .help("run this in your site's folder, or pass --root DIR"));
    }
    let clean = path.trim_matches('/').trim_start_matches("content/");
    if clean.is_empty()
        || clean.split('/').any(|s| s == ".." || s == "." || s.is_empty())
        || Path::new(clean).is_absolute()
    {
        return Err(Diagnostic::error(
            Code::OutputRefused,
            format!("`{path}` is not a path inside content/"),
        )
        .help("give a path such as reports/annual-report-2026-27"));
    }
    let clean = clean.strip_suffix(".md").unwrap_or(clean);
    let file = if k.is_document() {
        root.join("content").join(clean).join("index.md")
    } else {
        root.join("content").join(format!("{clean}.md"))
    };
    if file.exists() {
        return Err(Diagnostic::error(
            Code::OutputRefused,
            format!("{} already exists", file.display()),
        )
        .help("choose another path; charter never overwrites a document"));
    }
    let theme = theme::load(root, "default").unwrap_or_else(|_| theme::builtin());
    let template = theme
        .archetypes
        .get(k.name())
        .cloned()
        .unwrap_or_else(|| format!("---\ntitle: {{{{title}}}}\nkind: {}\n---\n", k.name()));
    let text = fill(&template, k, clean);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    std::fs::write(&file, text).map_err(|e| io(&file, e))?;
    Ok(file)
}

/// What `charter init` prints: where the site is and the next three commands.
pub(crate) fn next_steps(dir: &Path) -> String {
    format!(
        "Created a new site in {dir}.\n\nNext:\n  cd {dir}\n  charter check\n  charter serve\n",
        dir = dir.display()
    )
}

/// The archetype with its placeholders filled from the path: a title
/// that reads as one, the version of a `vN/` folder, and an annual
/// report's reporting period.
fn fill(template: &str, kind: Kind, path: &str) -> String {
    let today = charter_core::dates::today();
    let review = today.checked_add(jiff::Span::new().years(1)).unwrap_or(today);
    let period = (kind == Kind::AnnualReport).then(|| reporting_year(path, today));
    let mut text = template
        .replace("{{title}}", &title_for(kind, path, period))
        .replace("{{date}}", &today.to_string())
        .replace("{{review_date}}", &review.to_string());
    if let Some(start) = period {
        text = set_key(
            &text,
            "period",
            &format!("{{ from: {start}-04-01, to: {}-03-31 }}", start + 1),
        );
    }
    if let Some(version) = path.split('/').filter_map(urls::version_of_dir_name).next_back() {
        text = set_key(&text, "version", &format!("\"{version}\""));
    }
    text
}

/// A title from the kind and the path: "Multi-agency safeguarding
/// arrangements", "Appendix A", "Annual report 2025-26", or the last
/// folder or file name in words.
fn title_for(kind: Kind, path: &str, period: Option<i16>) -> String {
    let segments: Vec<&str> =
        path.split('/').filter(|s| urls::version_of_dir_name(s).is_none()).collect();
    let last = segments.last().copied().unwrap_or(path);
    match kind {
        Kind::Arrangements => "Multi-agency safeguarding arrangements".into(),
        Kind::AnnualReport => {
            let start = period.unwrap_or(2026);
            format!("Annual report {start}-{:02}", (start + 1) % 100)
        }
        Kind::Appendix => match last.strip_prefix("appendix-").or(last.strip_prefix("annex-")) {
            Some(label) => format!("Appendix {}", label.to_uppercase()),
            None => charter_render::context::category_label(last),
        },
        _ => charter_render::context::category_label(last),
    }
}

/// The year a report's period starts in (1 April to 31 March): the first
/// year the path names ("annual-report-2025-26" → 2025), else the last
/// year that has ended.
fn reporting_year(path: &str, today: jiff::civil::Date) -> i16 {
    let named = path
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .find_map(|run| run.parse::<i16>().ok().filter(|y| (1990..2200).contains(y)));
    named.unwrap_or(if today.month() >= 4 { today.year() - 1 } else { today.year() - 2 })
}

/// The frontmatter with `key: value`, replacing the key's line if the
/// archetype has one, else added after the title.
fn set_key(text: &str, key: &str, value: &str) -> String {
    let line = format!("{key}: {value}");
    let prefix = format!("{key}:");
    let mut out = Vec::new();
    let mut done = false;
    let mut in_frontmatter = false;
    for (i, l) in text.lines().enumerate() {
        if l == "---" {
            if i == 0 {
                in_frontmatter = true;
            } else if in_frontmatter && !done {
                out.push(line.clone());
                done = true;
                in_frontmatter = false;
            } else {
                in_frontmatter = false;
            }
        }
        if in_frontmatter && l.starts_with(&prefix) && !done {
            out.push(line.clone());
            done = true;
            continue;
        }
        out.push(l.to_string());
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

fn io(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::OutputRefused, format!("cannot write {}: {e}", path.display()))
        .help("check the folder's permissions")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> jiff::civil::Date {
        s.parse().unwrap()
    }

    #[test]
    fn titles_read_as_titles() {
        assert_eq!(
            title_for(Kind::Arrangements, "arrangements/masa/v1.0", None),
            "Multi-agency safeguarding arrangements"
        );
        assert_eq!(title_for(Kind::Appendix, "arrangements/masa/appendix-a", None), "Appendix A");
        assert_eq!(title_for(Kind::Appendix, "x/appendix-1", None), "Appendix 1");
        assert_eq!(
            title_for(Kind::AnnualReport, "reports/annual-report-2025-26", Some(2025)),
            "Annual report 2025-26"
        );
        assert_eq!(title_for(Kind::Page, "about/contact-us", None), "Contact us");
    }

    #[test]
    fn reports_cover_the_year_their_path_names() {
        assert_eq!(reporting_year("reports/annual-report-2025-26", date("2027-01-01")), 2025);
        assert_eq!(reporting_year("reports/lado", date("2026-05-01")), 2025);
        assert_eq!(reporting_year("reports/lado", date("2026-02-01")), 2024);
        let text =
            fill("---\ntitle: {{title}}\nperiod: x\n---\nBody\n", Kind::AnnualReport, "r/2025-26");
        assert!(text.contains("title: Annual report 2025-26\n"), "{text}");
        assert!(text.contains("period: { from: 2025-04-01, to: 2026-03-31 }\n"), "{text}");
    }

    #[test]
    fn a_version_folder_sets_the_version() {
        let text = fill(
            "---\ntitle: {{title}}\nversion: \"1.0\"\n---\n",
            Kind::Arrangements,
            "a/masa/v2.1",
        );
        assert!(text.contains("version: \"2.1\"\n") && !text.contains("1.0"), "{text}");
        let text = fill("---\ntitle: {{title}}\n---\nText\n", Kind::Page, "a/v3/notes");
        assert_eq!(text, "---\ntitle: Notes\nversion: \"3\"\n---\nText\n");
    }
}
