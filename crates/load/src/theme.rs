//! The theme: Tera templates, static files, archetypes and data, from the
//! built-in default theme, a site's `themes/<name>/`, and its `templates/`.

use std::collections::BTreeMap;
use std::path::Path;

use charter_core::model::Instrument;
use charter_core::{Code, Diagnostic};
use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A theme's files, with the site's overrides applied.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Theme {
    /// Template name ("page.html") → source.
    pub templates: BTreeMap<String, String>,
    /// Path under the output ("style.css") → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Kind → archetype Markdown.
    pub archetypes: BTreeMap<String, String>,
    /// Theme data ("working-together" → YAML text).
    pub data: BTreeMap<String, String>,
    /// Where each template came from, for diagnostics.
    pub origins: BTreeMap<String, String>,
}

impl Theme {
    fn add(&mut self, rel: &str, bytes: Vec<u8>, origin: &str) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(name.to_string(), String::from_utf8_lossy(&bytes).into_owned());
            self.origins.insert(name.to_string(), format!("{origin}{rel}"));
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("archetypes/") {
            let kind = name.strip_suffix(".md").unwrap_or(name).to_string();
            self.archetypes.insert(kind, String::from_utf8_lossy(&bytes).into_owned());
        } else if let Some(name) = rel.strip_prefix("data/") {
            let key = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name).to_string();
            self.data.insert(key, String::from_utf8_lossy(&bytes).into_owned());
        }
    }

    /// The built-in Working Together list from the theme's data.
    pub fn requirements(&self) -> Vec<Requirement> {
        self.data
            .get("working-together")
            .and_then(|t| serde_saphyr::from_str::<Vec<Requirement>>(t).ok())
            .unwrap_or_default()
    }
}

impl Theme {
    /// The built-in legislation table from the theme's data: Acts,
    /// regulations and statutory guidance with their addresses.
    pub fn legislation(&self) -> Vec<Instrument> {
        self.data
            .get("legislation")
            .and_then(|t| serde_saphyr::from_str::<Vec<Instrument>>(t).ok())
            .unwrap_or_default()
    }
}

/// One thing Working Together says arrangements must or should include.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Requirement {
    /// The fixed id frontmatter uses: `independent-scrutiny`.
    pub id: String,
    /// `must` or `should`.
    pub group: String,
    /// Its title.
    pub title: String,
    /// What it asks.
    pub description: String,
}

impl Requirement {
    /// Whether Working Together says arrangements must include it.
    pub fn is_must(&self) -> bool {
        self.group == "must"
    }
}

/// The built-in default theme alone (for `init` and `new`).
pub fn builtin() -> Theme {
    let mut theme = Theme::default();
    for (rel, bytes) in DEFAULT_THEME {
        theme.add(rel, bytes.to_vec(), "(built-in theme) ");
    }
    theme
}

/// The theme a site uses: a site's `themes/<name>/` replaces the built-in
/// theme of that name; the site's `templates/` and `static/` override.
pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let site_theme = root.join("themes").join(name);
    let mut theme = if site_theme.is_dir() {
        let mut t = if name == "default" { Theme::default() } else { builtin() };
        read_dir_into(&site_theme, &format!("themes/{name}/"), &mut t);
        t
    } else if name == "default" {
        builtin()
    } else {
        return Err(Diagnostic::error(Code::ConfigInvalid, format!("there is no theme `{name}`"))
            .in_file("charter.yaml")
            .help(format!(
                "create themes/{name}/ with theme.yaml and templates/, or use `theme: default`"
            )));
    };
    if root.join("templates").is_dir() {
        let mut t = Theme::default();
        read_dir_into(root, "", &mut t);
        for (k, v) in t.templates {
            theme.origins.insert(k.clone(), t.origins.get(&k).cloned().unwrap_or_default());
            theme.templates.insert(k, v);
        }
    }
    Ok(theme)
}

fn read_dir_into(dir: &Path, origin: &str, theme: &mut Theme) {
    for sub in ["templates", "static", "archetypes", "data"] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        let walker = walkdir::WalkDir::new(&base).follow_links(false).sort_by_file_name();
        for entry in walker.into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if let Ok(bytes) = std::fs::read(entry.path()) {
                theme.add(&rel, bytes, origin);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_theme_has_its_templates_and_working_together_list() {
        let t = builtin();
        assert!(t.templates.contains_key("page.html"));
        let r = t.requirements();
        assert!(r.iter().any(|r| r.id == "independent-scrutiny" && r.is_must()));
    }

    #[test]
    fn the_builtin_legislation_table_reads_and_says_how_each_row_was_checked() {
        let rows = builtin().legislation();
        let law = rows.iter().filter(|r| !r.path.contains("://")).count();
        assert!(law >= 25, "{law} Acts and regulations");
        assert!(rows.iter().all(|r| r.checked.is_some()));
        let find = |t: &str| rows.iter().find(|r| r.title == t).map(|r| r.path.as_str());
        assert_eq!(find("Children Act 1989"), Some("ukpga/1989/41"));
        assert_eq!(find("Children Act 2004"), Some("ukpga/2004/31"));
        assert_eq!(find("Children and Social Work Act 2017"), Some("ukpga/2017/16"));
        assert_eq!(find("Children and Families Act 2014"), Some("ukpga/2014/6"));
        assert_eq!(find("Education Act 2002"), Some("ukpga/2002/32"));
        assert_eq!(find("Education Act 1996"), Some("ukpga/1996/56"));
        assert_eq!(find("Equality Act 2010"), Some("ukpga/2010/15"));
        assert_eq!(find("Care Act 2014"), Some("ukpga/2014/23"));
        assert_eq!(find("Crime and Disorder Act 1998"), Some("ukpga/1998/37"));
        assert_eq!(find("Data Protection Act 2018"), Some("ukpga/2018/12"));
        assert_eq!(find("Domestic Abuse Act 2021"), Some("ukpga/2021/17"));
        assert_eq!(find("Modern Slavery Act 2015"), Some("ukpga/2015/30"));
        assert_eq!(find("Sexual Offences Act 2003"), Some("ukpga/2003/42"));
        assert_eq!(find("Police and Criminal Evidence Act 1984"), Some("ukpga/1984/60"));
        assert_eq!(find("Housing Act 1996"), Some("ukpga/1996/52"));
        assert_eq!(find("Children (Leaving Care) Act 2000"), Some("ukpga/2000/35"));
        assert_eq!(find("Local Government Act 1972"), Some("ukpga/1972/70"));
        assert_eq!(find("Mental Health Act 1983"), Some("ukpga/1983/20"));
        assert_eq!(
            find(
                "Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018"
            ),
            Some("uksi/2018/789")
        );
    }
}
