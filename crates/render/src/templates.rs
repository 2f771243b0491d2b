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
    /// The theme's site-wide parts (`partials/site/NAME.html`), as (NAME,
    /// template): see [`Self::site_parts`].
    parts: Vec<(String, String)>,
    /// The parts rendered, by the `site.nav` items a page is under (a bit
    /// for each of the first 128).
    rendered_parts: std::sync::Mutex<std::collections::HashMap<u128, tera::Value>>,
}

/// Where the theme's site-wide parts are: templates that see `site` and
/// `nav_current` only, rendered once for each set of menu items a page can
/// be under and shown by every page as `site_parts.NAME`.
const SITE_PARTS: &str = "partials/site/";

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
        let parts = theme
            .templates
            .keys()
            .filter_map(|name| {
                let part = name.strip_prefix(SITE_PARTS)?.strip_suffix(".html")?;
                Some((part.to_string(), name.clone()))
            })
            .collect();
        Some(Templates {
            tera,
            hash: hash_of(&theme.templates),
            nav: Vec::new(),
            home: String::new(),
            parts,
            rendered_parts: Default::default(),
        })
    }

    /// The site-wide data every template sees as `site`, converted once
    /// rather than for every page.
    pub fn set_site(&mut self, site: &Value) {
        self.tera.global_context().insert("site", site);
        let hrefs = site["nav"].as_array().into_iter().flatten();
        self.nav = hrefs.filter_map(|item| item["href"].as_str().map(str::to_string)).collect();
        self.home = site["links"]["home"].as_str().unwrap_or_default().to_string();
        self.rendered_parts.lock().unwrap_or_else(|e| e.into_inner()).clear();
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
        let places = self.nav_current(&ctx);
        let current: Vec<&str> = places.iter().map(|&i| self.nav[i].as_str()).collect();
        let rendered = self.site_parts(&places, &current);
        let rendered = rendered.map_err(|(part, e)| (part.to_string(), e)).and_then(|parts| {
            if let Some(parts) = parts {
                ctx.insert_value("site_parts", parts);
            }
            ctx.insert("nav_current", &current);
            self.tera
                .render_to(name, &ctx, &mut html)
                .and_then(|()| {
                    String::from_utf8(html).map_err(|e| tera::Error::message(e.to_string()))
                })
                .map_err(|e| (name.to_string(), e))
        });
        match rendered {
            Ok(html) => Some(html),
            Err((name, e)) => {
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
    /// The theme's site-wide parts for a page under the `site.nav` items at
    /// `places` (as [`Self::nav_current`] gives them; `current`, their
    /// `href`s), as a map from each part's name to its HTML; `None` for a
    /// theme without any. Every page shows the same header and footer but
    /// for which menu item is current: rendered for each page, the menu's
    /// loop was a third of Tera's work, and 3% of a build's instructions.
    /// On an error, the part's template and the error.
    fn site_parts(
        &self,
        places: &[usize],
        current: &[&str],
    ) -> Result<Option<tera::Value>, (&str, tera::Error)> {
        if self.parts.is_empty() {
            return Ok(None);
        }
        // A bit for each item; a menu past 128 items renders every time.
        let key = places.iter().try_fold(0u128, |k, &i| (i < 128).then(|| k | 1 << i));
        let known = key.and_then(|k| {
            self.rendered_parts.lock().unwrap_or_else(|e| e.into_inner()).get(&k).cloned()
        });
        if let Some(parts) = known {
            return Ok(Some(parts));
        }
        let mut ctx = tera::Context::new();
        ctx.insert("nav_current", current);
        let mut parts = tera::Map::default();
        for (part, template) in &self.parts {
            let html = self.tera.render(template, &ctx).map_err(|e| (template.as_str(), e))?;
            parts.insert(part.clone().into(), tera::Value::safe_string(&html));
        }
        let parts = tera::Value::from(parts);
        if let Some(k) = key {
            self.rendered_parts.lock().unwrap_or_else(|e| e.into_inner()).insert(k, parts.clone());
        }
        Ok(Some(parts))
    }

    /// The places in `site.nav` of the items the page (`page.href`) is
    /// under: those whose `href` its address starts with, the home page's aside (every
    /// address starts with it). The theme marks them `aria-current`. Asked
    /// in the template (`page.href is starting_with(pat=item.href)`) it was
    /// a test call per item of every page, each building its arguments'
    /// map: 1.2% of a build.
    fn nav_current(&self, ctx: &tera::Context) -> Vec<usize> {
        let page = ctx.get("page").and_then(tera::Value::as_map);
        let href =
            page.and_then(|p| p.get(&tera::value::Key::Str("href"))).and_then(tera::Value::as_str);
        let Some(href) = href else { return Vec::new() };
        let under = |n: &String| *n != self.home && href.starts_with(n.as_str());
        (0..self.nav.len()).filter(|&i| under(&self.nav[i])).collect()
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

    /// A site-wide part, rendered once for each set of menu items a page
    /// is under, gives each page what the same markup inline in the page's
    /// template gives; a part that reads `page` is a template error that
    /// names the part.
    #[test]
    fn site_parts_are_the_markup_inline() {
        use charter_core::Sink;
        let menu = "{% for item in site.nav %}{% if item.href in nav_current %}[{{ item.title }}]\
                    {% else %}{{ item.title }}{% endif %} {% endfor %}";
        let mut theme = charter_load::theme::Theme::default();
        let mut add = |name: &str, source: &str| {
            theme.templates.insert(name.to_string(), source.to_string());
        };
        add("page.html", "{{ site_parts.menu | safe }}|{{ page.title }}");
        add("inline.html", &format!("{menu}|{{{{ page.title }}}}"));
        add("partials/site/menu.html", menu);
        let site = serde_json::json!({
            "nav": [
                { "href": "/", "title": "Home" },
                { "href": "/a/", "title": "A" },
                { "href": "/b/", "title": "B" },
            ],
            "links": { "home": "/" },
        });
        let sink = Sink::default();
        let mut templates = super::Templates::new(&theme, &sink).expect("compiles");
        templates.set_site(&site);
        let mut shown = Vec::new();
        for href in ["/a/x/", "/b/", "/c/", "/a/y/", "/"] {
            let page = serde_json::json!({ "href": href, "title": href });
            let part = templates.render("page.html", &page, &sink, href).expect("renders");
            let inline = templates.render("inline.html", &page, &sink, href).expect("renders");
            assert_eq!(part, inline, "{href}");
            shown.push(part);
        }
        assert_eq!(shown[0], "Home [A] B |/a/x/");
        assert_eq!(shown[1], "Home A [B] |/b/");
        assert_eq!(shown[2], "Home A B |/c/");
        // Under A, under B, under none: three renders for five pages.
        assert_eq!(templates.rendered_parts.lock().expect("not poisoned").len(), 3);
        assert!(sink.take().is_empty());

        let mut theme = theme.clone();
        theme.templates.insert("partials/site/bad.html".into(), "{{ page.title }}".into());
        let mut templates = super::Templates::new(&theme, &sink).expect("compiles");
        templates.set_site(&site);
        let page = serde_json::json!({ "href": "/a/", "title": "A" });
        assert!(templates.render("page.html", &page, &sink, "/a/").is_none());
        let found = sink.take();
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("template partials/site/bad.html failed"), "{found:?}");
    }
}
