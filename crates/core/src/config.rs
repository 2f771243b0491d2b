//! `charter.yaml`: the site's configuration.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::model::{Contact, ExtraData, Instrument, Partner};
use crate::yaml::{self, Origin};

/// The parsed `charter.yaml`.
#[derive(Clone, Debug, PartialEq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title.
    pub title: String,
    /// Absolute URL of the site (or a root-relative path).
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// `<html lang>`.
    #[serde(default = "default_language")]
    pub language: String,
    /// The theme's name.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// A description of the site.
    #[serde(default)]
    pub description: Option<String>,
    /// Who publishes the site.
    #[serde(default)]
    pub partnership: Option<Partnership>,
    /// How the glossary links.
    #[serde(default)]
    pub glossary: GlossaryConfig,
    /// What the accessibility statement says.
    #[serde(default)]
    pub accessibility: AccessibilityConfig,
    /// Cross-reference settings.
    #[serde(default)]
    pub xrefs: XrefConfig,
    /// Where "Level N" links.
    #[serde(default)]
    pub thresholds: ThresholdsConfig,
    /// Acts, regulations and guidance added to the built-in table.
    #[serde(default)]
    pub legislation: LegislationConfig,
    /// Codes silenced or promoted.
    #[serde(default)]
    pub diagnostics: DiagnosticsConfig,
    /// Markdown settings.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Top navigation; by default the top-level sections in weight order.
    #[serde(default)]
    pub nav: Option<Vec<NavItem>>,
    /// The web host whose header and redirect files the build writes.
    #[serde(default)]
    pub host: Option<Host>,
    /// Free data for templates.
    #[serde(default)]
    pub extra: ExtraData,
    /// A tagged PDF of every published document version (as `--pdf`).
    #[serde(default)]
    pub pdf: bool,
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
    "thresholds",
    "legislation",
    "diagnostics",
    "markdown",
    "nav",
    "host",
    "extra",
    "pdf",
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

/// The partnership that publishes the site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Its full name.
    pub name: String,
    /// Its short name, such as "NSCP".
    #[serde(default)]
    pub short_name: Option<String>,
    /// The area it serves.
    #[serde(default)]
    pub area: Option<String>,
    /// The three statutory partners.
    #[serde(default)]
    pub statutory_partners: Vec<Partner>,
    /// How to reach it.
    #[serde(default)]
    pub contact: Option<Contact>,
}

/// How often a glossary term is linked on one page.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    /// The first occurrence on a page.
    #[default]
    First,
    /// Every occurrence.
    All,
    /// None.
    None,
}

/// `glossary:` settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    /// How often terms link.
    #[serde(default)]
    pub link: LinkMode,
    /// Capitalised words that are not acronyms.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// `accessibility:` settings, for the generated statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    /// Who to contact about accessibility.
    #[serde(default)]
    pub contact: Option<String>,
    /// When the site was last tested (`YYYY-MM-DD`).
    #[serde(default)]
    pub last_tested: Option<String>,
    /// Known problems to list in the statement's "non-accessible content".
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// When the statement was prepared.
    #[serde(default)]
    pub prepared: Option<String>,
}

/// `xrefs:` settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct XrefConfig {
    /// Phrases that are never internal cross-references.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// Where "Level N" links.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum LevelLinks {
    /// Inside the threshold document, and elsewhere only in a sentence
    /// that names the level or the threshold.
    #[default]
    Document,
    /// Every "Level N" the threshold defines.
    Site,
    /// None.
    Off,
}

/// `thresholds:` settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdsConfig {
    /// Where "Level N" links.
    #[serde(default)]
    pub levels: LevelLinks,
    /// The threshold a "Level N" elsewhere means, by content path
    /// (`thresholds/continuum`), when the site has several.
    #[serde(default)]
    pub document: Option<String>,
}

/// `legislation:` settings: rows added to the built-in table, and the Act
/// a bare "section 47" means. Written as a list (whose items are rows, or
/// `default_act: …`) or as a map `{ default_act, add: [rows] }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct LegislationConfig {
    /// Rows added to (or, with the same title, replacing) the built-in ones.
    pub add: Vec<Instrument>,
    /// The title of the Act a bare "section 47" means; none by default.
    pub default_act: Option<String>,
}

/// `legislation:` as written: either form.
#[derive(Deserialize)]
#[serde(untagged)]
enum LegislationShape {
    List(Vec<LegislationItem>),
    Map {
        #[serde(default)]
        default_act: Option<String>,
        #[serde(default)]
        add: Vec<Instrument>,
    },
}

/// One item of the list form.
#[derive(Deserialize)]
#[serde(untagged)]
enum LegislationItem {
    Row(Instrument),
    Default { default_act: Option<String> },
}

impl<'de> Deserialize<'de> for LegislationConfig {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match LegislationShape::deserialize(deserializer)? {
            LegislationShape::Map { default_act, add } => LegislationConfig { add, default_act },
            LegislationShape::List(items) => {
                let mut config = LegislationConfig::default();
                for item in items {
                    match item {
                        LegislationItem::Row(row) => config.add.push(row),
                        LegislationItem::Default { default_act } => {
                            config.default_act = default_act.or(config.default_act)
                        }
                    }
                }
                config
            }
        })
    }
}

/// `diagnostics:` settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosticsConfig {
    /// Codes promoted to errors.
    #[serde(default)]
    pub deny: Vec<String>,
    /// Codes silenced.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl DiagnosticsConfig {
    /// The codes `deny` names (unknown ones are refused when loading).
    pub fn deny_codes(&self) -> Vec<Code> {
        self.deny.iter().filter_map(|c| Code::parse(c)).collect()
    }

    /// The codes `allow` names.
    pub fn allow_codes(&self) -> Vec<Code> {
        self.allow.iter().filter_map(|c| Code::parse(c)).collect()
    }
}

/// What to do with raw HTML that can run script. Refused unless a site
/// chooses otherwise: a partnership's pages are read by families and
/// practitioners, and a pasted embed code must not run script on them.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum RawHtmlPolicy {
    /// Publish it.
    Allow,
    /// Publish it with a warning.
    Warn,
    /// Refuse it (an error).
    #[default]
    Deny,
}

/// A web host whose own files (security headers, redirects, the 404 page)
/// the build writes into the output.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    /// Netlify: `_headers` and `_redirects`.
    Netlify,
    /// Cloudflare Pages: `_headers` and `_redirects`.
    Cloudflare,
    /// Azure Static Web Apps: `staticwebapp.config.json`.
    AzureStaticWebApps,
    /// IIS (and Azure App Service on Windows): `web.config`.
    Iis,
    /// Apache httpd: `.htaccess`.
    Apache,
    /// nginx: an include file for the server block.
    Nginx,
    /// GitHub Pages, which sends no custom headers: a CSP `<meta>` in every page.
    GithubPages,
}

impl Host {
    /// Every host, in the order the guide lists them.
    pub const ALL: &'static [Host] = &[
        Host::Netlify,
        Host::Cloudflare,
        Host::AzureStaticWebApps,
        Host::Iis,
        Host::Apache,
        Host::Nginx,
        Host::GithubPages,
    ];

    /// The name as written in `charter.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Host::Netlify => "netlify",
            Host::Cloudflare => "cloudflare",
            Host::AzureStaticWebApps => "azure-static-web-apps",
            Host::Iis => "iis",
            Host::Apache => "apache",
            Host::Nginx => "nginx",
            Host::GithubPages => "github-pages",
        }
    }
}

/// `markdown:` settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// What to do with raw HTML that can run script.
    #[serde(default)]
    pub raw_html: RawHtmlPolicy,
}

/// One item of the top navigation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    /// Its text.
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
            Diagnostic::error(Code::ConfigInvalid, format!("cannot read charter.yaml: {e}"))
                .in_file(file)
                .help(
                    "run charter in a site's folder, pass --root DIR, or create a site with \
                     `charter init DIR`",
                ),
        ]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![
            Diagnostic::error(Code::ConfigInvalid, format!("charter.yaml is not valid UTF-8: {e}"))
                .in_file(file)
                .help("save the file as UTF-8"),
        ]
    })?;
    parse(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Parses and validates the text of `charter.yaml`.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let file = "charter.yaml";
    let origin = Origin { file, line_offset: 0 };
    let unknown = yaml::unknown_keys(text, CONFIG_KEYS, origin, Code::ConfigInvalid, file);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let config: Config = yaml::parse(text, origin, Code::ConfigInvalid).map_err(|d| vec![d])?;
    let problems = validate(&config, text);
    if problems.is_empty() { Ok(config) } else { Err(problems) }
}

fn validate(config: &Config, text: &str) -> Vec<Diagnostic> {
    let file = "charter.yaml";
    let mut problems = Vec::new();
    let base = &config.base_url;
    if !(base.starts_with("https://") || base.starts_with("http://") || base.starts_with('/')) {
        problems.push(
            Diagnostic::error(
                Code::ConfigInvalid,
                format!("base_url `{base}` is not an absolute URL"),
            )
            .at(file, yaml::key_line(text, "base_url").unwrap_or(1), 1)
            .help("write it as https://www.example.org/ (or pass --base-url)"),
        );
    }
    if let Some(date) = &config.accessibility.last_tested
        && date.parse::<jiff::civil::Date>().is_err()
    {
        problems.push(
            Diagnostic::error(
                Code::ConfigInvalid,
                format!("accessibility.last_tested `{date}` is not a date"),
            )
            .at(file, line_containing(text, "last_tested").unwrap_or(1), 1)
            .help("write dates as YYYY-MM-DD, e.g. 2026-11-01"),
        );
    }
    if let Ok(value) = serde_json::to_value(config) {
        for found in crate::urls::unsafe_values(&value) {
            let key = found.path.join(".");
            let last = found.path.last().map(String::as_str).unwrap_or("");
            problems.push(
                Diagnostic::error(
                    Code::SecurityUnsafeUrl,
                    format!(
                        "`{key}` is a `{}` address, which can run script",
                        found.scheme.as_str()
                    ),
                )
                .at(file, line_containing(text, &format!("{last}:")).unwrap_or(1), 1)
                .help("give a web address (https://…) or a page of the site (@/…)"),
            );
        }
    }
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for code in config.diagnostics.deny.iter().chain(&config.diagnostics.allow) {
        if Code::parse(code).is_none() {
            let hint = match did_you_mean(code, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? `charter explain` lists every code"),
                None => "`charter explain` lists every code".to_string(),
            };
            problems.push(
                Diagnostic::error(
                    Code::ConfigInvalid,
                    format!("there is no diagnostic code `{code}`"),
                )
                .at(file, line_containing(text, code).unwrap_or(1), 1)
                .help(hint),
            );
        }
    }
    problems
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
        let path = if self.base_url.contains("://") {
            after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/")
        } else {
            after_scheme
        };
        let mut p = path.trim_end_matches('/').to_string();
        if !p.starts_with('/') {
            p.insert(0, '/');
        }
        p.push('/');
        if p == "//" { "/".into() } else { p }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn absolute_base(&self) -> String {
        [self.base_url.trim_end_matches('/'), "/"].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        let mut c = parse("title: T\nbase_url: https://x.org/nscp\n").unwrap();
        assert_eq!(c.base_path(), "/nscp/");
        c.base_url = "https://x.org".into();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn script_urls_in_the_config_are_refused() {
        let e = parse("title: T\nnav:\n  - { title: Home, link: \"JavaScript:alert(1)\" }\n")
            .unwrap_err();
        assert_eq!((e[0].code, e[0].line), (Code::SecurityUnsafeUrl, 3));
        assert_eq!(parse("title: T\n").unwrap().markdown.raw_html, RawHtmlPolicy::Deny);
        let c = parse("title: T\nhost: azure-static-web-apps\n").unwrap();
        assert_eq!(c.host, Some(Host::AzureStaticWebApps));
    }

    #[test]
    fn legislation_in_either_shape() {
        let list = parse(
            "title: T\nlegislation:\n  - { title: \"Children Act 1989\", path: ukpga/1989/41, also: [\"CA 1989\"] }\n  - default_act: Children Act 1989\n",
        )
        .unwrap();
        assert_eq!(list.legislation.add[0].path, "ukpga/1989/41");
        assert_eq!(list.legislation.default_act.as_deref(), Some("Children Act 1989"));
        let map = parse(
            "title: T\nlegislation:\n  default_act: Children Act 1989\n  add:\n    - { title: X Act 2001, path: ukpga/2001/1 }\nthresholds: { levels: site, document: thresholds/continuum }\n",
        )
        .unwrap();
        assert_eq!(map.legislation.add[0].title, "X Act 2001");
        assert_eq!(map.thresholds.levels, LevelLinks::Site);
        assert!(parse("title: T\nthresholds: { levels: sometimes }\n").is_err());
    }

    #[test]
    fn unknown_codes_are_refused_with_a_hint() {
        let e = parse("title: T\ndiagnostics:\n  allow: [link::brokn]\n").unwrap_err();
        assert!(e[0].help.as_deref().unwrap().contains("link::broken"));
        assert_eq!(e[0].line, 3);
    }
}
