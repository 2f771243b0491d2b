//! `charter.yaml`: the site's configuration.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::load::yaml::{self, Origin};

/// The parsed `charter.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub partnership: Option<Partnership>,
    #[serde(default)]
    pub glossary: GlossaryConfig,
    #[serde(default)]
    pub accessibility: AccessibilityConfig,
    #[serde(default)]
    pub xrefs: XrefConfig,
    #[serde(default)]
    pub diagnostics: DiagnosticsConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Top navigation; by default the top-level sections in weight order.
    #[serde(default)]
    pub nav: Option<Vec<NavItem>>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "description",
    "partnership",
    "glossary",
    "accessibility",
    "xrefs",
    "diagnostics",
    "markdown",
    "nav",
    "extra",
];

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "en-GB".into()
}
fn default_theme() -> String {
    "default".into()
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    pub name: String,
    #[serde(default)]
    pub short_name: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub statutory_partners: Vec<Partner>,
    #[serde(default)]
    pub contact: Option<Contact>,
}

/// One statutory partner, as in `charter.yaml` or an arrangements document.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub role: String,
    pub organisation: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub lead: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

/// How often a glossary term is linked on one page.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    #[default]
    First,
    All,
    None,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    #[serde(default)]
    pub link: LinkMode,
    #[serde(default)]
    pub ignore: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub last_tested: Option<String>,
    /// Known problems to list in the statement's "non-accessible content".
    #[serde(default)]
    pub known_issues: Vec<String>,
    #[serde(default)]
    pub prepared: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct XrefConfig {
    #[serde(default)]
    pub ignore: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosticsConfig {
    #[serde(default)]
    pub deny: Vec<String>,
    #[serde(default)]
    pub allow: Vec<String>,
}

/// What to do with raw HTML that can run script.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawHtmlPolicy {
    Allow,
    #[default]
    Warn,
    Deny,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub raw_html: RawHtmlPolicy,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    pub title: String,
    /// A content path (`@/about/`) or an absolute URL.
    pub link: String,
}

/// Reads and validates `charter.yaml` in `root`.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join("charter.yaml");
    let file = "charter.yaml";
    let bytes = std::fs::read(&path).map_err(|e| {
        vec![
            Diagnostic::error("config::invalid", format!("cannot read charter.yaml: {e}"))
                .in_file(file)
                .help("run charter in a site's folder, pass --root DIR, or create a site with `charter init DIR`"),
        ]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::error("config::invalid", format!("charter.yaml is not valid UTF-8: {e}")).in_file(file).help("save the file as UTF-8")]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let origin = Origin { file, line_offset: 0 };
    let unknown = yaml::unknown_keys(text, CONFIG_KEYS, origin, "config::invalid", "charter.yaml");
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let config: Config = yaml::parse(text, origin, "config::invalid").map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://") || config.base_url.starts_with('/')) {
        problems.push(
            Diagnostic::error("config::invalid", format!("base_url `{}` is not an absolute URL", config.base_url))
                .at(file, yaml::key_line(text, "base_url").unwrap_or(1), 1)
                .help("write it as https://www.example.org/ (or pass --base-url)"),
        );
    }
    if let Some(date) = &config.accessibility.last_tested
        && date.parse::<jiff::civil::Date>().is_err()
    {
        problems.push(
            Diagnostic::error("config::invalid", format!("accessibility.last_tested `{date}` is not a date"))
                .at(file, line_containing(text, "last_tested").unwrap_or(1), 1)
                .help("write dates as YYYY-MM-DD, e.g. 2026-11-01"),
        );
    }
    if problems.is_empty() { Ok(config) } else { Err(problems) }
}

fn line_containing(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

impl Config {
    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let after_scheme = match self.base_url.find("://") {
            Some(i) => &self.base_url[i + 3..],
            None => self.base_url.as_str(),
        };
        let path = if self.base_url.contains("://") { after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/") } else { after_scheme };
        let mut p = path.trim_end_matches('/').to_string();
        if !p.starts_with('/') {
            p.insert(0, '/');
        }
        p.push('/');
        if p == "//" { "/".into() } else { p }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn absolute_base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}
