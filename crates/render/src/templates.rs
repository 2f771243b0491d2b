//! The theme's Tera templates, compiled once per build, and the shortcodes
//! a site or theme writes as templates.

use charter_core::hash::hash_of;
use charter_core::model::Data;
use charter_core::{Code, Diagnostic, Sink};
use charter_load::theme::Theme;
use serde_json::Value;

use crate::markdown::ShortcodeRenderer;

/// The compiled templates.
pub struct Templates {
    tera: tera::Tera,
    /// Hash of every template's source, part of every page's cache key.
    pub hash: u64,
    /// The `href` of each `site.nav` item that can be current, and the
    /// home page's (which never is): see [`Self::nav_current`].
    nav: Vec<String>,
    home: String,
}

impl Templates {
    /// Compiles the theme's templates; `None` (with a diagnostic) when one
    /// does not compile.
    pub fn new(theme: &Theme, sink: &Sink) -> Option<Templates> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_filter("safe", safe);
        tera.set_escape_fn(escape);
        // Added together, so that includes and parents resolve.
        let all: Vec<(String, String)> =
            theme.templates.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        if let Err(e) = tera.add_raw_templates(all) {
            let text = e.to_string();
            let name = theme
                .templates
                .keys()
                .find(|k| text.contains(k.as_str()))
                .cloned()
                .unwrap_or_default();
            sink.push(template_error(theme, &name, &e));
            return None;
        }
        Some(Templates {
            tera,
            hash: hash_of(&theme.templates),
            nav: Vec::new(),
            home: String::new(),
        })
    }

    /// The site-wide data every template sees as `site`, converted once
    /// rather than for every page.
    pub fn set_site(&mut self, site: &Value) {
        self.tera.global_context().insert("site", site);
        let hrefs = site["nav"].as_array().into_iter().flatten();
        self.nav = hrefs.filter_map(|item| item["href"].as_str().map(str::to_string)).collect();
        self.home = site["links"]["home"].as_str().unwrap_or_default().to_string();
    }

    /// Renders a template with `page` (and the global `site`).
    pub fn render(&self, name: &str, page: &Value, sink: &Sink, what: &str) -> Option<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("page", page);
        let content = page.get("content").and_then(Value::as_str).map_or(0, str::len);
        self.render_context(name, ctx, content, sink, what)
    }

    /// [`render`](Self::render) with `page` already in Tera's values, for
    /// data that shares parts with other pages' (see `glossary::term_data`)
    /// or holds long HTML (a print page's parts, `content` bytes of them).
    pub(crate) fn render_data(
        &self,
        name: &str,
        page: tera::Value,
        content: usize,
        sink: &Sink,
        what: &str,
    ) -> Option<String> {
        let mut ctx = tera::Context::new();
        ctx.insert_value("page", page);
        self.render_context(name, ctx, content, sink, what)
    }

    /// [`render`](Self::render) for a content page, whose context is
    /// built in Tera's values (`context::page_value`) and whose HTML (often
    /// the largest value by far) is `page.content`: it goes into Tera's
    /// value once, not first into a copy in the JSON; on the dense corpus
    /// those copies and the memory they first touched were 3% of a build.
    pub fn render_page(
        &self,
        name: &str,
        mut page: tera::Map,
        content: &str,
        sink: &Sink,
        what: &str,
    ) -> Option<String> {
        page.insert("content".into(), content.into());
        self.render_data(name, page.into(), content.len(), sink, what)
    }

    fn render_context(
        &self,
        name: &str,
        mut ctx: tera::Context,
        content: usize,
        sink: &Sink,
        what: &str,
    ) -> Option<String> {
        // Room for the page's content and the theme's markup around it:
        // Tera's own guess is the template's text alone, so a page's HTML
        // was copied into a larger buffer as it grew.
        let mut html = Vec::with_capacity(content + 16 * 1024);
        let current = self.nav_current(&ctx);
        ctx.insert("nav_current", &current);
        let rendered = self.tera.render_to(name, &ctx, &mut html).and_then(|()| {
            String::from_utf8(html).map_err(|e| tera::Error::message(e.to_string()))
        });
        match rendered {
            Ok(html) => Some(html),
            Err(e) => {
                sink.push(
                    Diagnostic::error(
                        Code::TemplateError,
                        format!("template {name} failed for {what}: {}", error_chain(&e)),
                    )
                    .help("fix the template (a site's templates/ overrides the theme's)"),
                );
                None
            }
        }
    }
}

impl Templates {
    /// The `href`s of the `site.nav` items the page (`page.href`) is
    /// under: those its address starts with, the home page's aside (every
    /// address starts with it). The theme marks them `aria-current`. Asked
    /// in the template (`page.href is starting_with(pat=item.href)`) it was
    /// a test call per item of every page, each building its arguments'
    /// map: 1.2% of a build.
    fn nav_current(&self, ctx: &tera::Context) -> Vec<&str> {
        let page = ctx.get("page").and_then(tera::Value::as_map);
        let href =
            page.and_then(|p| p.get(&tera::value::Key::Str("href"))).and_then(tera::Value::as_str);
        let Some(href) = href else { return Vec::new() };
        self.nav
            .iter()
            .map(String::as_str)
            .filter(|n| *n != self.home && href.starts_with(n))
            .collect()
    }
}

/// Tera's escaping of `{{ value }}`, the same entities written a run at a
/// time: Tera's own writes each byte by itself through its writer, which
/// was 2.8% of a standard 10k build.
fn escape(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    charter_core::html::escape_runs(text, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// Tera's `safe`, without a copy: the built-in makes a new string of the
/// one it marks, and every page marks its whole content with it (a print
/// page a whole document), an allocation and a copy of the largest value
/// a page has. A string is marked as it is; anything else is written out
/// and marked, as the built-in does.
fn safe(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() { value.mark_safe() } else { tera::Value::safe_string(&value.to_string()) }
}

/// Shortcodes a site or theme writes as Tera templates: a fenced block
/// whose language is NAME renders `templates/shortcodes/NAME.html` with the
/// block's YAML as `args` and the site's data files as `data`.
pub struct Shortcodes<'a> {
    /// The compiled templates.
    pub templates: &'a Templates,
    /// The site's data files.
    pub data: &'a Data,
}

impl ShortcodeRenderer for Shortcodes<'_> {
    fn render(&self, name: &str, body: &str) -> Option<Result<String, String>> {
        if name.is_empty()
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return None;
        }
        let template = format!("shortcodes/{name}.html");
        if !self.templates.tera.contains_template(&template) {
            return None;
        }
        let args: Value = if body.trim().is_empty() {
            Value::Object(Default::default())
        } else {
            match serde_saphyr::from_str::<Value>(body) {
                Ok(v) => v,
                Err(e) => {
                    let first = e
                        .without_snippet()
                        .render_with_options(serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off })
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string();
                    return Some(Err(format!(
                        "the settings of the `{name}` block are not valid YAML: {first}"
                    )));
                }
            }
        };
        let mut ctx = tera::Context::new();
        ctx.insert("args", &args);
        ctx.insert("data", self.data);
        let rendered = self.templates.tera.render(&template, &ctx);
        Some(
            rendered.map_err(|e| {
                format!("the shortcode template {template} failed: {}", error_chain(&e))
            }),
        )
    }
}

/// A Tera error with its causes ("…: …"): the top-level message alone
/// rarely says which variable or filter failed.
fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

fn template_error(theme: &Theme, name: &str, e: &tera::Error) -> Diagnostic {
    let origin = theme.origins.get(name).cloned().unwrap_or_else(|| name.to_string());
    Diagnostic::error(Code::TemplateError, format!("template {name} does not compile: {e}"))
        .in_file(origin)
        .help("check the template's {% %} and {{ }} tags")
}

#[cfg(test)]
mod tests {
    /// The `safe` without a copy and the escaping a run at a time write
    /// what Tera's own do, for every kind of value a template may mark.
    #[test]
    fn safe_without_a_copy_writes_what_the_built_in_writes() {
        let template = "{{ v | safe }}|{{ v }}|{% if v | safe %}t{% endif %}";
        let mut ours = tera::Tera::new();
        ours.autoescape_on(vec![".html"]);
        ours.register_filter("safe", super::safe);
        ours.set_escape_fn(super::escape);
        let mut theirs = tera::Tera::new();
        theirs.autoescape_on(vec![".html"]);
        for t in [&mut ours, &mut theirs] {
            t.add_raw_template("t.html", template).expect("compiles");
        }
        let long =
            "<p>A paragraph long enough not to be stored inline & with markup.</p>".repeat(3);
        let values = [
            serde_json::json!("<b>bold</b> & \"quoted\""),
            serde_json::json!(""),
            serde_json::json!(long),
            serde_json::json!(3),
            serde_json::json!(2.5),
            serde_json::json!(true),
            serde_json::json!(null),
            serde_json::json!(["<a>", 1]),
            serde_json::json!({ "k": "<v>" }),
        ];
        for v in &values {
            let mut cx = tera::Context::new();
            cx.insert("v", v);
            let a = ours.render("t.html", &cx).expect("renders");
            let b = theirs.render("t.html", &cx).expect("renders");
            assert_eq!(a, b, "{v}");
        }
        let mut cx = tera::Context::new();
        cx.insert("v", "<i>x</i>");
        assert!(ours.render("t.html", &cx).expect("renders").starts_with("<i>x</i>|&lt;i&gt;"));
    }

    /// Escaping a run at a time writes what Tera's byte at a time does,
    /// for every byte in every place.
    #[test]
    fn escape_writes_what_teras_escape_writes() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "Children's services & \"early help\" <now>".into(),
            "é – ’ plain".into(),
        ];
        texts.extend(charter_core::testing::ascii_byte_in_every_place());
        for text in &texts {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            super::escape(text, &mut ours).expect("writes");
            tera::escape_html(text, &mut theirs).expect("writes");
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
