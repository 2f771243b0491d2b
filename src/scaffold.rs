//! `charter init` and `charter new`: files written from the theme's
//! archetypes, never over an existing file.

use std::path::{Path, PathBuf};

use charter_core::model::Kind;
use charter_core::{Code, Diagnostic};
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

Read [our safeguarding arrangements](@/arrangements/) to see how we work together.
";

const INIT_ARRANGEMENTS: &str = "---
title: Multi-agency safeguarding arrangements
kind: arrangements
summary: How the three safeguarding partners work together in Example Borough.
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
    let files: [(&str, &str); 4] = [
        ("charter.yaml", INIT_CONFIG),
        ("content/_index.md", INIT_HOME),
        ("content/arrangements/index.md", INIT_ARRANGEMENTS),
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
    let title = clean.rsplit('/').next().unwrap_or(clean).replace('-', " ");
    let title = charter_render::context::category_label(&title);
    let today = charter_core::dates::today();
    let text =
        template.replace("{{title}}", &title).replace("{{date}}", &today.to_string()).replace(
            "{{review_date}}",
            &today.checked_add(jiff::Span::new().years(1)).unwrap_or(today).to_string(),
        );
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    std::fs::write(&file, text).map_err(|e| io(&file, e))?;
    Ok(file)
}

fn io(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::OutputRefused, format!("cannot write {}: {e}", path.display()))
        .help("check the folder's permissions")
}
