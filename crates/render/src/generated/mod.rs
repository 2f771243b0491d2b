//! Pages charter makes from the whole site: version history, changes,
//! print, glossary, reviews, accessibility statement, search, local offer
//! listings, the 404 page and redirects. Each is data for a template.

mod changes;
mod glossary;
mod history;
mod lists;
mod pairs;
mod pdf;
mod print;

use charter_core::Sink;
use charter_resolve::{AGE_BANDS, Generated, Redirect, Site};
use serde_json::{Value, json};

use crate::context;
use crate::facts::Facts;
use crate::templates::{Shortcodes, Templates};

pub use changes::plan_comparisons;
pub use glossary::{document_terms, used_in};
pub use pdf::{PdfPage, render_pdf_page};
pub(crate) use print::{print_side, print_view};

/// The fields every generated page has; `extra` adds its own.
fn simple(site: &Site, url: &str, title: &str, extra: Value) -> Value {
    let mut page = json!({
        "title": title,
        "url": url,
        "href": site.href(url),
        "permalink": site.permalink(url),
        "canonical": site.permalink(url),
        "breadcrumbs": context::breadcrumbs(site, url, title),
        "description": format!("{title} — {}", site.config.title),
        "noindex": false,
        "banners": [],
        "toc": [],
    });
    if let (Value::Object(p), Value::Object(e)) = (&mut page, extra) {
        p.extend(e);
    }
    page
}

/// `value`, an object, with `fields` moved in: `json!` copies a value it
/// is given, and these are long lists (the documents that use a term).
fn with_moved<const N: usize>(mut value: Value, fields: [(&str, Value); N]) -> Value {
    if let Value::Object(map) = &mut value {
        for (key, field) in fields {
            map.insert(key.to_string(), field);
        }
    }
    value
}

/// A page's title, with "(page N of M)" when its list goes on over
/// several pages (`parts` in its data).
fn part_title(title: &str, value: &Value, part: usize) -> String {
    match value["parts"].as_array().map_or(0, Vec::len) {
        0 | 1 => title.to_string(),
        n => format!("{title} (page {part} of {n})"),
    }
}

/// A generated page's data for its template.
pub enum PageData {
    /// As JSON, which the template's context converts.
    Json(Value),
    /// Already in Tera's values, sharing parts with other pages' (a term
    /// page's "Used in" list: see `glossary::term_data`) or holding long
    /// HTML put in once (a print page's parts), with the length of that
    /// HTML, which the page will hold.
    Tera(tera::Value, usize),
}

/// The template and data of one generated page; `None` when it has nothing to show.
pub fn generated_page(
    site: &Site,
    facts: &Facts,
    url: &str,
    what: &Generated,
    shortcodes: &Shortcodes<'_>,
) -> Option<(&'static str, PageData)> {
    let page = |title: &str, extra: Value| simple(site, url, title, extra);
    let (template, value) = match what {
        Generated::TermsAppendix { doc, base } => {
            let title = format!("Glossary: terms used in {}", site.doc_title(*doc));
            (
                "terms-appendix.html",
                page(&title, glossary::terms_appendix_value(site, facts, *doc, base)),
            )
        }
        Generated::Glossary => {
            ("glossary.html", page("Glossary", glossary::glossary_value(site, facts)))
        }
        Generated::GlossaryTerm(entry) => {
            let data = glossary::term_data(site, facts, url, *entry);
            return Some(("glossary-term.html", PageData::Tera(data, 0)));
        }
        Generated::Reviews(part) => {
            let reviewed = facts.reviews.get_or_init(|| lists::reviewed_in_order(site));
            let value = lists::reviews_value(site, reviewed, *part);
            ("reviews.html", page(&part_title("Review dates", &value, *part), value))
        }
        Generated::Accessibility => (
            "accessibility.html",
            page("Accessibility statement", lists::accessibility_value(site)),
        ),
        Generated::Search => {
            let groups = facts.a_to_z.get_or_init(|| lists::a_to_z(site));
            ("search.html", page("Search", lists::search_value(site, groups, None)))
        }
        Generated::SearchLetter { letter, part } => {
            let groups = facts.a_to_z.get_or_init(|| lists::a_to_z(site));
            let value = lists::search_value(site, groups, Some((letter, *part)));
            ("search.html", page(&part_title(&format!("A to Z: {letter}"), &value, *part), value))
        }
        Generated::History(vid) => {
            let v = site.structure().versioned(*vid);
            let current = v.current.or(v.versions.last().copied())?;
            let title = site.doc_title(current).to_string();
            (
                "history.html",
                page(
                    &format!("Version history: {title}"),
                    history::history_value(site, *vid, &title),
                ),
            )
        }
        Generated::Changes(doc) => {
            let (title, value) = changes::changes_value(site, facts, *doc, shortcodes)?;
            // Old and new text side by side is no page for a search engine.
            let mut p = page(&title, value);
            p["noindex"] = json!(true);
            ("changes.html", p)
        }
        Generated::Compare { version, current } => {
            let (title, value) =
                changes::compare_value(site, facts, *version, *current, shortcodes)?;
            let mut p = page(&title, value);
            p["noindex"] = json!(true);
            ("changes.html", p)
        }
        Generated::Print { doc, base } => {
            let title = format!("{} (print version)", site.doc_title(*doc));
            let mut p = page(&title, print::document_value(site, *doc, base));
            p["canonical"] = json!(site.permalink(base));
            let mut data = tera::Value::from_serializable(&p).into_map().unwrap_or_default();
            data.insert("banners".into(), print::print_banners(site, *doc, base).into());
            let (sections, length) = print::sections(site, facts, *doc, base, shortcodes);
            data.insert("sections".into(), sections.into());
            return Some(("print.html", PageData::Tera(data.into(), length)));
        }
        Generated::OfferCategory { doc, category } => {
            let label = context::category_label(category);
            let keep = |p| {
                site.page(p)
                    .frontmatter
                    .categories
                    .iter()
                    .any(|c| charter_core::urls::slugify(c) == *category)
            };
            let (title, value) = lists::offer_filter_value(site, *doc, url, keep, &label);
            ("offer-filter.html", page(&title, value))
        }
        Generated::OfferAges { doc, band } => {
            let (min, max, label) = AGE_BANDS[*band];
            let keep = |p| context::ages_overlap(site, p, min, max);
            let (title, value) =
                lists::offer_filter_value(site, *doc, url, keep, &format!("Ages {label}"));
            ("offer-filter.html", page(&title, value))
        }
    };
    Some((template, PageData::Json(value)))
}

/// Renders one generated page; `None` when it has nothing to show or its
/// template failed (reported to `sink`).
pub fn render_generated(
    site: &Site,
    templates: &Templates,
    facts: &Facts,
    url: &str,
    what: &Generated,
    sink: &Sink,
) -> Option<String> {
    let shortcodes = Shortcodes { templates, data: &site.data };
    match generated_page(site, facts, url, what, &shortcodes)? {
        (template, PageData::Json(page)) => templates.render(template, &page, sink, url),
        (template, PageData::Tera(page, length)) => {
            templates.render_data(template, page, length, sink, url)
        }
    }
}

/// The 404 page.
pub fn render_not_found(site: &Site, templates: &Templates, sink: &Sink) -> Option<String> {
    let page = simple(site, "404.html", "Page not found", json!({ "canonical": Value::Null }));
    templates.render("404.html", &page, sink, "404.html")
}

/// The page an alias leaves behind: it sends readers to the page's address.
pub fn render_redirect(
    site: &Site,
    templates: &Templates,
    redirect: &Redirect,
    sink: &Sink,
) -> Option<String> {
    let p = site.page(redirect.page);
    let target = site.structure().url_of(redirect.page);
    let page = json!({
        "title": format!("{} has moved", p.title()),
        "target": site.href(target),
        "target_permalink": site.permalink(target),
        "noindex": true,
    });
    templates.render("redirect.html", &page, sink, &redirect.alias)
}
