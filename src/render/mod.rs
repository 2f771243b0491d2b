//! Stage 3, render: every route and generated page to HTML through the
//! theme's Tera templates, in parallel.

pub mod cache;
pub mod context;
pub mod diff;
pub mod generated;
pub mod markdown;
pub mod search;
pub mod theme;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Sink, did_you_mean};
use crate::model::{Kind, PageId};
use crate::resolve::Site;
use crate::resolve::links::Linker;
use markdown::RenderOptions;

/// Rendered output: path under the output folder → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// What rendering learnt that later pages need.
#[derive(Debug, Default)]
pub struct Facts {
    /// Glossary entry → pages that use it.
    pub term_uses: BTreeMap<usize, BTreeSet<PageId>>,
    /// Plain text of each page's canonical rendering, for search.
    pub text: BTreeMap<PageId, String>,
}

/// Shortcodes a site or theme writes as Tera templates: a fenced block
/// whose language is NAME renders `templates/shortcodes/NAME.html` with the
/// block's YAML as `args` and the site's data files as `data`.
pub struct Shortcodes<'a> {
    pub templates: &'a Templates,
    pub data: &'a crate::load::data::Data,
}

impl Shortcodes<'_> {
    /// `None` when there is no such shortcode (the block is code).
    pub fn render(&self, name: &str, body: &str) -> Option<Result<String, String>> {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
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
                    return Some(Err(format!(
                        "the settings of the `{name}` block are not valid YAML: {}",
                        e.without_snippet()
                            .render_with_options(serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off })
                            .lines()
                            .next()
                            .unwrap_or("")
                    )));
                }
            }
        };
        let mut ctx = tera::Context::new();
        ctx.insert("args", &args);
        ctx.insert("data", self.data);
        Some(self.templates.tera.render(&template, &ctx).map_err(|e| format!("the shortcode template {template} failed: {}", error_chain(&e))))
    }
}

/// The compiled templates.
pub struct Templates {
    tera: tera::Tera,
    /// Hash of every template's source, part of every page's cache key.
    pub hash: u64,
}

impl Templates {
    pub fn new(theme: &theme::Theme, sink: &Sink) -> Option<Templates> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Added together, so that includes and parents resolve.
        let all: Vec<(String, String)> = theme.templates.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let ok = match tera.add_raw_templates(all) {
            Ok(()) => true,
            Err(e) => {
                let name = theme.templates.keys().find(|k| e.to_string().contains(k.as_str())).cloned().unwrap_or_default();
                sink.push(template_error(theme, &name, &e));
                false
            }
        };
        ok.then_some(Templates { tera, hash: cache::hash_of(&theme.templates) })
    }

    /// The site-wide data every template sees as `site`, converted once
    /// rather than for every page.
    pub fn set_site(&mut self, site: &Value) {
        self.tera.global_context().insert("site", site);
    }

    /// Renders a template with `page` (and the global `site`).
    pub fn render(&self, name: &str, page: &Value, sink: &Sink, what: &str) -> Option<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("page", page);
        match self.tera.render(name, &ctx) {
            Ok(html) => Some(html),
            Err(e) => {
                sink.push(
                    Diagnostic::error("template::error", format!("template {name} failed for {what}: {}", error_chain(&e)))
                        .help("fix the template (a site's templates/ overrides the theme's)"),
                );
                None
            }
        }
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

fn template_error(theme: &theme::Theme, name: &str, e: &tera::Error) -> Diagnostic {
    let origin = theme.origins.get(name).cloned().unwrap_or_else(|| name.to_string());
    Diagnostic::error("template::error", format!("template {name} does not compile: {e}"))
        .in_file(origin)
        .help("check the template's {% %} and {{ }} tags")
}

/// Renders every page of the site (with no cache: `build` and `check`).
pub fn render_site(site: &Site, templates: &mut Templates, sink: &Sink) -> (Files, Facts) {
    let mut cache = cache::RenderCache::default();
    let (files, facts, _) = render_site_cached(site, templates, sink, &mut cache);
    (files, facts)
}

/// Renders every page, reusing what `cache` holds for routes whose inputs
/// have not changed. Returns how many routes were rendered afresh.
pub fn render_site_cached(site: &Site, templates: &mut Templates, sink: &Sink, cache: &mut cache::RenderCache) -> (Files, Facts, usize) {
    let site_value = context::site_value(site);
    templates.set_site(&site_value);
    let templates = &*templates;
    let shortcodes = Shortcodes { templates, data: &site.data };
    check_requirements(site, sink);
    check_reviews(site, sink);
    check_services(site, sink);
    let global = cache::hash_of((
        templates.hash,
        site_value.to_string(),
        format!("{:?}", site.config),
        format!("{:?}", site.glossary.entries),
        format!("{:?}", site.requirements),
        context::today().to_string(),
    ));
    // Keys only matter when the cache is kept for another build.
    let keep = cache.keep;
    let faces: Vec<u64> =
        if keep { (0..site.pages.len()).into_par_iter().map(|i| cache::face_hash(site, PageId(i))).collect() } else { vec![0; site.pages.len()] };
    let sources: Vec<u64> = if keep { site.pages.par_iter().map(cache::page_source_hash).collect() } else { vec![0; site.pages.len()] };
    let previous = &cache.routes;
    let results: Vec<(String, cache::CachedRoute, bool)> = site
        .structure
        .routes
        .par_iter()
        .enumerate()
        .filter(|(i, r)| site.structure.by_url.get(&r.url) == Some(i))
        .map(|(_, route)| {
            let key = if keep { cache::route_key(site, route, global, &faces, &sources) } else { 0 };
            if let Some(hit) = previous.get(&route.url).filter(|c| c.key == key) {
                return (route.url.clone(), hit.clone(), false);
            }
            let local = Sink::default();
            let (html, rendered) = render_route(site, templates, &shortcodes, route, &local);
            let is_canonical = route.url == route.canonical || route.primary && site.structure.page_url[route.page.0] == route.url;
            let facts = is_canonical.then(|| (route.page, rendered.terms, text_of(&rendered.html)));
            (route.url.clone(), cache::CachedRoute { key, html, facts, diagnostics: local.take() }, true)
        })
        .collect();
    let mut files = Files::new();
    let mut facts = Facts::default();
    let mut rendered = 0;
    let mut next = std::collections::HashMap::with_capacity(results.len());
    for (url, mut out, fresh) in results {
        rendered += usize::from(fresh);
        sink.extend(out.diagnostics.iter().cloned());
        if let Some((page, terms, text)) = &out.facts {
            for t in terms {
                facts.term_uses.entry(*t).or_default().insert(*page);
            }
            facts.text.insert(*page, text.clone());
        }
        // A one-off build keeps nothing: the HTML moves into the output.
        if cache.keep {
            if let Some(h) = &out.html {
                files.insert(format!("{url}index.html"), h.clone().into_bytes());
            }
            next.insert(url, out);
        } else if let Some(h) = out.html.take() {
            files.insert(format!("{url}index.html"), h.into_bytes());
        }
    }
    cache.routes = next;
    let mut clock = crate::pipeline::StageClock::new();
    let keys = generated::Keys { global, faces: &faces, sources: &sources, cache: &mut cache.generated, keep };
    generated::render_all(site, templates, &facts, &mut files, sink, keys);
    clock.lap("(of which generated pages)");
    (files, facts, rendered)
}

/// One route's page: its Markdown rendered, then its template. Diagnostics
/// go to `sink` only for a page's primary route, so that versions and
/// aliases of a page do not repeat them.
pub fn render_route(
    site: &Site,
    templates: &Templates,
    shortcodes: &Shortcodes<'_>,
    route: &crate::resolve::structure::Route,
    sink: &Sink,
) -> (Option<String>, markdown::Rendered) {
    let page = &site.pages[route.page.0];
    let linker = Linker { site, page: route.page, view: route.view.as_ref(), print: false };
    let options = RenderOptions { sink: route.primary.then_some(sink), id_prefix: "", glossary: true, shortcodes: Some(shortcodes) };
    let rendered = markdown::render(page, &linker, &options);
    let page_value = context::page_value(site, route, &rendered);
    let html = templates.render(template_for(site, page), &page_value, sink, &page.file);
    (html, rendered)
}

fn template_for(site: &Site, page: &crate::model::SourcePage) -> &'static str {
    let _ = site;
    match page.role {
        crate::model::Role::Home => "home.html",
        crate::model::Role::Section => "section.html",
        _ => "page.html",
    }
}

/// Text of rendered HTML, for search: tags dropped, the common entities
/// decoded and white space collapsed, in one pass.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    let mut space = true;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        let mut emit = None;
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                emit = Some(' ');
            }
            _ if in_tag => {}
            '&' => {
                for (entity, ch) in [("&amp;", '&'), ("&quot;", '"'), ("&#39;", '\''), ("&lt;", '<'), ("&gt;", '>')] {
                    if rest.starts_with(entity) {
                        emit = Some(ch);
                        step = entity.len();
                        break;
                    }
                }
                emit.get_or_insert('&');
            }
            c => emit = Some(c),
        }
        if let Some(e) = emit {
            if e.is_whitespace() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else {
                out.push(e);
                space = false;
            }
        }
        rest = &rest[step..];
    }
    out.truncate(out.trim_end().len());
    out
}

/// `requirements:` of arrangements against the built-in Working Together list.
fn check_requirements(site: &Site, sink: &Sink) {
    let ids: Vec<&str> = site.requirements.iter().map(|r| r.id.as_str()).collect();
    for page in site.pages.iter().filter(|p| p.kind == Kind::Arrangements) {
        // Old versions are history: what they lacked is not a task.
        if !site.structure.primary[page.id.0] || site.is_other_version(page.id) {
            continue;
        }
        for (id, anchor, line) in &page.frontmatter.requirements {
            if !ids.contains(&id.as_str()) {
                let hint = match did_you_mean(id, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the requirement ids are: {}", ids.join(", ")),
                };
                sink.push(
                    Diagnostic::error("masa::unknown-requirement", format!("`{id}` is not a Working Together requirement"))
                        .at(&page.file, *line, 1)
                        .help(hint),
                );
                continue;
            }
            let a = anchor.trim_start_matches('#');
            if !site.anchors[page.id.0].ids.contains(a) {
                sink.push(
                    Diagnostic::error("link::broken", format!("requirement `{id}` points at `{anchor}`, which is not on this page"))
                        .at(&page.file, *line, 1)
                        .help("use the id of a numbered heading, e.g. \"#section-12\" for `## 12. Independent scrutiny`"),
                );
            }
        }
        let missing: Vec<&crate::render::context::Requirement> =
            site.requirements.iter().filter(|r| !page.frontmatter.requirements.iter().any(|(k, _, _)| *k == r.id)).collect();
        for r in missing {
            let d = if r.group == "must" {
                Diagnostic::warning(
                    "masa::requirement-missing",
                    format!("these arrangements do not say where they meet `{}` ({}), which Working Together says they must include", r.id, r.title),
                )
            } else {
                Diagnostic::note(
                    "masa::requirement-missing",
                    format!(
                        "these arrangements do not say where they meet `{}` ({}), which Working Together says they should include",
                        r.id, r.title
                    ),
                )
            };
            sink.push(
                d.at(&page.file, 2, 1)
                    .help(format!("add `{}: \"#section-N\"` under `requirements:` in the frontmatter, pointing at the section that covers it", r.id)),
            );
        }
    }
}

/// Documents whose review date has passed: once per document, on the
/// version readers see (a superseded version is not due for review).
fn check_reviews(site: &Site, sink: &Sink) {
    let today = context::today();
    for page in &site.pages {
        let Some(due) = page.frontmatter.review_due else {
            continue;
        };
        if due >= today {
            continue;
        }
        let current = site.structure.shown_at_canonical[page.id.0];
        if !current
            || site.is_other_version(page.id)
            || page.frontmatter.status == crate::model::Status::Superseded
            || page.frontmatter.status == crate::model::Status::Withdrawn
        {
            continue;
        }
        let line = crate::load::yaml::key_line(
            &std::fs::read_to_string(site.root.join(&page.file)).unwrap_or_default().replacen("---\n", "", 1),
            "review_due",
        )
        .map(|l| l + 1)
        .unwrap_or(2);
        sink.push(
            Diagnostic::warning("review::overdue", format!("this document was due for review on {}", context::display_date(due)))
                .at(&page.file, line, 1)
                .help("review the document; then set `review_due:` to the next review date (and `updated:` to today)"),
        );
    }
}

/// Services must carry what Open Referral UK requires of a service (a name,
/// a description and a way to get in touch), or the published directory
/// data is rejected by the directories that read it.
fn check_services(site: &Site, sink: &Sink) {
    for page in site.pages.iter().filter(|p| p.kind == Kind::Service) {
        let fm = &page.frontmatter;
        let mut missing = Vec::new();
        if fm.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
            missing.push("`summary:` (its description)");
        }
        if fm.contact.as_ref().is_none_or(|c| c.phone.is_none() && c.email.is_none() && c.url.is_none()) {
            missing.push("`contact:` with a phone number, email or web address");
        }
        if !missing.is_empty() {
            sink.push(
                Diagnostic::warning("offer::open-referral", format!("this service lacks {}, which Open Referral UK requires", missing.join(" and ")))
                    .at(&page.file, 2, 1)
                    .help("add the missing keys to the service's frontmatter, e.g. summary: One sentence on what it does."),
            );
        }
        if let Some(a) = &fm.ages
            && a.min > a.max
        {
            sink.push(
                Diagnostic::error("offer::open-referral", format!("`ages: {{ min: {}, max: {} }}`: the minimum is above the maximum", a.min, a.max))
                    .at(&page.file, 2, 1)
                    .help("swap the two ages"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_of_drops_tags_and_decodes() {
        assert_eq!(super::text_of("<p>A &amp; B</p>\n<p>C&lt;D  é</p>"), "A & B C<D é");
    }
}
