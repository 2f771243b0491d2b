//! Pages charter makes from the whole site: version history, changes,
//! print, glossary, reviews, accessibility statement, search, 404, local
//! offer listings, redirects, sitemap, feed and robots.txt.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::{Value, json};

use super::context::{self, date, display_date, today};
use super::markdown::{self, RenderOptions, escape, render_plain};
use super::{Facts, Files, Templates, diff};
use crate::diagnostics::{Diagnostic, Sink};
use crate::model::{DocId, PageId, Role, Status};
use crate::resolve::links::Linker;
use crate::resolve::{AGE_BANDS, Generated, Site};

/// What generated pages' cache keys are made of.
pub struct Keys<'a> {
    pub global: u64,
    pub faces: &'a [u64],
    pub sources: &'a [u64],
    pub cache: &'a mut std::collections::HashMap<String, (u64, String)>,
    /// Whether to keep pages for the next build (`serve`).
    pub keep: bool,
}

/// The template and data of one generated page; `None` when it has nothing to show.
fn generated_page(
    site: &Site,
    facts: &Facts,
    url: &str,
    what: &Generated,
    simple: &(dyn Fn(&str, &str, Value) -> Value + Sync),
    shortcodes: &super::Shortcodes<'_>,
) -> Option<(&'static str, Value)> {
    Some(match what {
        Generated::TermsAppendix { doc, base } => {
            let title = site.pages[site.structure.docs[doc.0].index.0].title().to_string();
            ("terms-appendix.html", simple(url, &format!("Glossary: terms used in {title}"), terms_appendix_value(site, facts, *doc, base)))
        }
        Generated::Glossary => ("glossary.html", simple(url, "Glossary", glossary_value(site, facts))),
        Generated::Reviews => ("reviews.html", simple(url, "Review dates", reviews_value(site))),
        Generated::Accessibility => ("accessibility.html", simple(url, "Accessibility statement", accessibility_value(site))),
        Generated::Search => ("search.html", simple(url, "Search", search_value(site))),
        Generated::History(vid) => {
            let v = &site.structure.versioned[vid.0];
            let current = v.current.or(v.versions.last().copied())?;
            let title = site.pages[site.structure.docs[current.0].index.0].title().to_string();
            ("history.html", simple(url, &format!("Version history: {title}"), history_value(site, *vid, &title)))
        }
        Generated::Changes(doc) => {
            let (title, value) = changes_value(site, *doc)?;
            ("changes.html", simple(url, &title, value))
        }
        Generated::Print { doc, base } => {
            let title = site.pages[site.structure.docs[doc.0].index.0].title().to_string();
            let mut p = simple(url, &format!("{title} (print version)"), print_value(site, *doc, base, shortcodes));
            p["canonical"] = json!(site.permalink(base));
            ("print.html", p)
        }
        Generated::OfferCategory { doc, category } => {
            let (title, value) = offer_filter_value(
                site,
                *doc,
                url,
                |p| site.pages[p.0].frontmatter.categories.iter().any(|c| crate::resolve::urls::slugify(c) == *category),
                &context::category_label(category),
            );
            ("offer-filter.html", simple(url, &title, value))
        }
        Generated::OfferAges { doc, band } => {
            let (min, max, label) = AGE_BANDS[*band];
            let (title, value) = offer_filter_value(site, *doc, url, |p| context::ages_overlap(site, p, min, max), &format!("Ages {label}"));
            ("offer-filter.html", simple(url, &title, value))
        }
    })
}

pub fn render_all(site: &Site, templates: &Templates, facts: &Facts, files: &mut Files, sink: &Sink, keys: Keys<'_>) {
    let Keys { global, faces, sources, cache, keep } = keys;
    // A document's generated pages depend on every page of every version.
    let doc_key = |doc: DocId| -> u64 {
        let d = &site.structure.docs[doc.0];
        let docs = match &d.version {
            Some((vid, _)) => site.structure.versioned[vid.0].versions.clone(),
            None => vec![doc],
        };
        let mut parts = Vec::new();
        for d in docs {
            for (p, rel) in site.document_pages(d) {
                parts.push((faces[p.0], sources[p.0], rel));
            }
            for (p, _) in &site.structure.docs[d.0].services {
                parts.push((faces[p.0], sources[p.0], String::new()));
            }
        }
        super::cache::hash_of((global, parts))
    };
    let simple = |url: &str, title: &str, extra: Value| -> Value {
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
    };
    let shortcodes = super::Shortcodes { templates, data: &site.data };
    let previous = &*cache;
    // Generated pages are independent of each other: render them in parallel.
    let render_generated = || -> Vec<(String, Option<u64>, Option<String>)> {
        site.generated
            .par_iter()
            .map(|(url, what)| {
                let key = if !keep {
                    None
                } else {
                    match what {
                        Generated::History(vid) => site.structure.versioned[vid.0].versions.first().map(|d| doc_key(*d)),
                        Generated::Changes(doc)
                        | Generated::Print { doc, .. }
                        | Generated::OfferCategory { doc, .. }
                        | Generated::OfferAges { doc, .. } => Some(doc_key(*doc)),
                        _ => None,
                    }
                };
                if let Some(k) = key
                    && let Some((cached_key, html)) = previous.get(url)
                    && *cached_key == k
                {
                    return (url.clone(), key, Some(html.clone()));
                }
                let started = std::time::Instant::now();
                let Some((template, page)) = generated_page(site, facts, url, what, &simple, &shortcodes) else { return (url.clone(), None, None) };
                let html = templates.render(template, &page, sink, url);
                if std::env::var_os("CHARTER_TIMINGS").is_some() && started.elapsed().as_millis() > 50 {
                    eprintln!("timing: generated {url} {} ms", started.elapsed().as_millis());
                }
                (url.clone(), key, html)
            })
            .collect()
    };
    // The search index needs no generated page: it is built alongside them,
    // which keeps both cores busy through its serial merge.
    let (made, search_files) = rayon::join(render_generated, || {
        let mut clock = crate::pipeline::StageClock::new();
        let index = super::search::build(site, facts);
        clock.lap("search index");
        index
    });
    files.extend(search_files);
    let mut next_cache = std::collections::HashMap::new();
    for (url, key, html) in made {
        let Some(html) = html else { continue };
        if let Some(k) = key {
            next_cache.insert(url.clone(), (k, html.clone()));
        }
        files.insert(format!("{url}index.html"), html.into_bytes());
    }
    *cache = next_cache;
    let not_found = simple("404.html", "Page not found", json!({ "canonical": Value::Null }));
    if let Some(html) = templates.render("404.html", &not_found, sink, "404.html") {
        files.insert("404.html".into(), html.into_bytes());
    }
    // Files charter always writes go in before redirects, so an alias
    // cannot take their place.
    open_referral(site, files);
    files.insert("sitemap.xml".into(), sitemap(site).into_bytes());
    files.insert("feed.xml".into(), feed(site).into_bytes());
    files.insert("robots.txt".into(), format!("User-agent: *\nAllow: /\nSitemap: {}\n", site.permalink("sitemap.xml")).into_bytes());
    redirects(site, templates, files, sink);
}

/// The terms used anywhere in one version of a document, A to Z.
pub fn document_terms(site: &Site, facts: &Facts, doc: DocId) -> Vec<usize> {
    let pages: BTreeSet<PageId> = site.document_pages(doc).into_iter().map(|(p, _)| p).collect();
    let mut terms: Vec<usize> = facts.term_uses.iter().filter(|(_, used)| used.iter().any(|p| pages.contains(p))).map(|(t, _)| *t).collect();
    terms.sort_by_key(|t| site.glossary.entries[*t].term.to_lowercase());
    terms
}

fn terms_appendix_value(site: &Site, facts: &Facts, doc: DocId, base: &str) -> Value {
    let d = &site.structure.docs[doc.0];
    let index = &site.pages[d.index.0];
    let terms: Vec<Value> = document_terms(site, facts, doc)
        .into_iter()
        .map(|t| {
            let e = &site.glossary.entries[t];
            let sense = e.sense(index.frontmatter.glossary.senses.get(&e.term).map(String::as_str));
            json!({
                "term": e.term,
                "expansion": sense.expansion,
                "definition": sense.definition.as_deref().map(render_plain),
                "href": format!("{}#{}", site.href("glossary/"), sense.anchor),
            })
        })
        .collect();
    json!({ "document": { "title": index.title(), "href": site.href(base) }, "terms": terms })
}

fn glossary_value(site: &Site, facts: &Facts) -> Value {
    let mut letters: BTreeMap<char, Vec<Value>> = BTreeMap::new();
    for (i, e) in site.glossary.entries.iter().enumerate() {
        let used: Vec<Value> = facts
            .term_uses
            .get(&i)
            .map(|pages| {
                let mut items: Vec<(String, String)> = pages
                    .iter()
                    .map(|p| {
                        let page = &site.pages[p.0];
                        let mut title = page.title().to_string();
                        if let Some((d, _)) = &site.structure.page_doc[p.0] {
                            let doc = &site.structure.docs[d.0];
                            if doc.index != *p {
                                title = format!("{} — {}", site.pages[doc.index.0].title(), title);
                            }
                            if let Some((vid, n)) = &doc.version {
                                let current = site.structure.versioned[vid.0].current == Some(*d);
                                title = format!("{title} (version {n}{})", if current { ", current" } else { "" });
                            }
                        }
                        (title, site.href(&site.structure.page_url[p.0]))
                    })
                    .collect();
                items.sort();
                items.dedup();
                items.into_iter().map(|(t, h)| json!({ "title": t, "href": h })).collect()
            })
            .unwrap_or_default();
        let senses: Vec<Value> = e
            .senses
            .iter()
            .map(|s| {
                json!({
                    "id": s.id, "anchor": s.anchor, "expansion": s.expansion,
                    "definition": s.definition.as_deref().map(render_plain),
                    "replaced_by": s.replaced_by.as_deref().map(|r| term_ref(site, r)),
                })
            })
            .collect();
        let letter = e.term.chars().next().map(|c| c.to_ascii_uppercase()).filter(char::is_ascii_alphabetic).unwrap_or('#');
        letters.entry(letter).or_default().push(json!({
            "term": e.term,
            "anchor": e.slug,
            "aliases": e.aliases,
            "see_also": e.see_also.iter().map(|s| term_ref(site, s)).collect::<Vec<_>>(),
            "senses": senses,
            "used_in": used,
        }));
    }
    for entries in letters.values_mut() {
        entries.sort_by_key(|e| e["term"].as_str().unwrap_or("").to_lowercase());
    }
    let nav: Vec<Value> = ('A'..='Z')
        .map(|c| json!({ "letter": c.to_string(), "anchor": format!("letter-{}", c.to_ascii_lowercase()), "has_terms": letters.contains_key(&c) }))
        .collect();
    let groups: Vec<Value> = letters
        .into_iter()
        .map(|(c, entries)| json!({ "letter": c.to_string(), "anchor": format!("letter-{}", c.to_ascii_lowercase()), "entries": entries }))
        .collect();
    json!({ "letters": nav, "groups": groups, "count": site.glossary.entries.len() })
}

/// A term named in `see_also` or `replaced_by`: linked if it is an entry.
fn term_ref(site: &Site, name: &str) -> Value {
    match site.glossary.lookup.get(name) {
        Some(&i) => json!({ "name": name, "href": format!("#{}", site.glossary.entries[i].slug) }),
        None => json!({ "name": name, "href": Value::Null }),
    }
}

fn reviews_value(site: &Site) -> Value {
    let today = today();
    let mut rows: Vec<(Option<jiff::civil::Date>, String, Value)> = Vec::new();
    for p in &site.pages {
        let is_doc = matches!(p.role, Role::Document) && (p.kind.is_document() || p.frontmatter.review_due.is_some());
        if !is_doc || site.is_other_version(p.id) || site.canonical_route(p.id).is_none_or(|r| r.url != r.canonical) {
            continue;
        }
        let due = p.frontmatter.review_due;
        rows.push((
            due,
            p.title().to_string(),
            json!({
                "title": p.title(),
                "href": site.href(&site.structure.page_url[p.id.0]),
                "kind_label": p.kind.label(),
                "version": p.frontmatter.version.as_ref().map(|v| v.to_string()),
                "review_due": date(&due),
                "overdue": due.is_some_and(|d| d < today),
                "last_approved": p.frontmatter.approved.last().map(|a| json!({ "by": a.by, "date": date(&a.date) })),
            }),
        ));
    }
    rows.sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
    let overdue = rows.iter().filter(|r| r.2["overdue"].as_bool().unwrap_or(false)).count();
    json!({ "documents": rows.into_iter().map(|r| r.2).collect::<Vec<_>>(), "overdue_count": overdue, "today": display_date(today) })
}

fn accessibility_value(site: &Site) -> Value {
    let a = &site.config.accessibility;
    let contact = a.contact.clone().or_else(|| site.config.partnership.as_ref().and_then(|p| p.contact.as_ref()).and_then(|c| c.email.clone()));
    json!({
        "statement": {
            "site_name": site.config.title,
            "organisation": site.config.partnership.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| site.config.title.clone()),
            "contact": contact,
            "contact_href": contact.as_ref().map(|c| if c.contains('@') { format!("mailto:{c}") } else { c.clone() }),
            "last_tested": a.last_tested.as_deref().and_then(crate::load::frontmatter::parse_date).map(display_date),
            "prepared": a.prepared.as_deref().and_then(crate::load::frontmatter::parse_date).map(display_date)
                .or_else(|| a.last_tested.as_deref().and_then(crate::load::frontmatter::parse_date).map(display_date)),
            "known_issues": a.known_issues,
            "compliance": if a.known_issues.is_empty() { "full" } else { "partial" },
            "base_url": site.config.absolute_base(),
        }
    })
}

fn search_value(site: &Site) -> Value {
    // Without JavaScript the search page is an A–Z index of every document
    // and glossary term.
    let mut items: Vec<(String, String, &str)> = Vec::new();
    for r in site.structure.routes.iter().filter(|r| r.url == r.canonical) {
        let p = &site.pages[r.page.0];
        if p.role == Role::Home {
            continue;
        }
        items.push((p.title().to_string(), site.href(&r.url), p.kind.label()));
    }
    for e in &site.glossary.entries {
        let expansion = e.senses.iter().map(|s| s.expansion.as_str()).collect::<Vec<_>>().join("; ");
        items.push((format!("{} ({expansion})", e.term), format!("{}#{}", site.href("glossary/"), e.slug), "Glossary term"));
    }
    items.sort_by_key(|i| i.0.to_lowercase());
    let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (title, href, kind) in items {
        let letter = title.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
        let letter = if letter.chars().all(|c| c.is_ascii_alphabetic()) { letter } else { "#".into() };
        groups.entry(letter).or_default().push(json!({ "title": title, "href": href, "kind": kind }));
    }
    json!({
        "index": groups.into_iter().map(|(l, items)| json!({ "letter": l, "items": items })).collect::<Vec<_>>(),
        "index_href": site.href("search/"),
    })
}

fn history_value(site: &Site, vid: crate::model::VersionedId, title: &str) -> Value {
    let v = &site.structure.versioned[vid.0];
    let rows: Vec<Value> = v
        .versions
        .iter()
        .rev()
        .map(|d| {
            let doc = &site.structure.docs[d.0];
            let p = &site.pages[doc.index.0];
            let fm = &p.frontmatter;
            let changes_url = format!("{}changes/", doc.base);
            let is_current = v.current == Some(*d);
            let status = if is_current {
                Status::Published
            } else if fm.status == Status::Published {
                Status::Superseded
            } else {
                fm.status
            };
            json!({
                "number": doc.version.as_ref().map(|x| x.1.to_string()),
                "href": site.href(&doc.base),
                "is_current": is_current,
                "status": { "id": status.name(), "label": if is_current { "Current" } else { status.label() } },
                "published": date(&fm.published),
                "effective": date(&fm.effective),
                "review_due": date(&fm.review_due),
                "approved": fm.approved.iter().map(|a| json!({ "by": a.by, "date": date(&a.date) })).collect::<Vec<_>>(),
                "changes": fm.changes.as_deref().map(render_plain),
                "changes_href": site.generated.contains_key(&changes_url).then(|| site.href(&changes_url)),
            })
        })
        .collect();
    json!({ "document": { "title": title, "href": site.href(&v.base) }, "versions": rows })
}

fn changes_value(site: &Site, doc: DocId) -> Option<(String, Value)> {
    let d = &site.structure.docs[doc.0];
    let (vid, number) = d.version.as_ref()?;
    let v = &site.structure.versioned[vid.0];
    let pos = v.versions.iter().position(|x| *x == doc)?;
    let prev_doc = &site.structure.docs[v.versions.get(pos.checked_sub(1)?)?.0];
    let prev_number = prev_doc.version.as_ref().map(|x| x.1.to_string()).unwrap_or_default();
    let title = site.pages[d.index.0].title().to_string();
    // Pair pages of the two versions by their path below the document.
    let new_pages = site.document_pages(doc);
    let old_pages = site.document_pages(v.versions[pos - 1]);
    let mut rels: Vec<String> = new_pages.iter().map(|(_, r)| r.clone()).collect();
    for (_, r) in &old_pages {
        if !rels.contains(r) {
            rels.push(r.clone());
        }
    }
    let mut summary = Vec::new();
    let mut documents = Vec::new();
    for rel in rels {
        let new = new_pages.iter().find(|(_, r)| *r == rel).map(|(p, _)| *p);
        let old = old_pages.iter().find(|(_, r)| *r == rel).map(|(p, _)| *p);
        let name = |p: PageId, d: DocId| match context::site_label(site, d, p) {
            Some(l) => format!("{l}: {}", site.pages[p.0].title()),
            None => site.pages[p.0].title().to_string(),
        };
        match (old, new) {
            (None, Some(n)) => {
                summary
                    .push(json!({ "change": "added", "label": format!("{} (new)", name(n, doc)), "href": site.href(&format!("{}{rel}", d.base)) }));
                documents.push(json!({ "title": name(n, doc), "status": "added", "html": diff::compare_html("", &site.pages[n.0].body) }));
            }
            (Some(o), None) => {
                summary.push(json!({ "change": "removed", "label": format!("{} (removed)", name(o, v.versions[pos - 1])), "href": site.href(&format!("{}{rel}", prev_doc.base)) }));
                documents.push(
                    json!({ "title": name(o, v.versions[pos - 1]), "status": "removed", "html": diff::compare_html(&site.pages[o.0].body, "") }),
                );
            }
            (Some(o), Some(n)) => {
                let old_body = &site.pages[o.0].body;
                let new_body = &site.pages[n.0].body;
                if old_body == new_body && site.pages[o.0].title() == site.pages[n.0].title() {
                    continue;
                }
                let parts = diff::summary(&diff::parts(old_body), &diff::parts(new_body));
                let base_href = site.href(&format!("{}{rel}", d.base));
                let sections: Vec<Value> = parts
                    .iter()
                    .map(|(c, p)| {
                        let anchor = site.anchors[n.0].numbered.iter().find(|x| !x.is_paragraph && x.number == p.key).map(|x| x.id.clone());
                        json!({
                            "change": c,
                            "title": if p.title.is_empty() { "Opening text".to_string() } else { p.title.clone() },
                            "href": match (c, anchor) { (diff::PartChange::Removed, _) | (_, None) => Value::Null, (_, Some(a)) => json!(format!("{base_href}#{a}")) },
                        })
                    })
                    .collect();
                summary.push(json!({ "change": "changed", "label": name(n, doc), "href": base_href, "sections": sections }));
                documents.push(json!({ "title": name(n, doc), "status": "changed", "html": diff::compare_html(old_body, new_body) }));
            }
            (None, None) => {}
        }
    }
    let fm = &site.pages[d.index.0].frontmatter;
    Some((
        format!("What changed in version {number}: {title}"),
        json!({
            "document": { "title": title, "href": site.href(&d.base), "history_href": site.href(&format!("{}history/", v.base)) },
            "from": { "number": prev_number, "href": site.href(&prev_doc.base) },
            "to": { "number": number.to_string(), "href": site.href(&d.base), "published": date(&fm.published) },
            "notes": fm.changes.as_deref().map(render_plain),
            "summary": summary,
            "documents": documents,
        }),
    ))
}

fn print_value(site: &Site, doc: DocId, base: &str, shortcodes: &super::Shortcodes<'_>) -> Value {
    let d = &site.structure.docs[doc.0];
    let view = crate::resolve::View { doc, base: base.to_string(), is_current_alias: base != d.base };
    let sections: Vec<Value> = site
        .document_pages(doc)
        .into_iter()
        .map(|(p, _)| {
            let page = &site.pages[p.0];
            let prefix = Linker::print_prefix(site, p);
            let linker = Linker { site, page: p, view: Some(&view), print: true };
            let rendered =
                markdown::render(page, &linker, &RenderOptions { sink: None, id_prefix: &prefix, glossary: true, shortcodes: Some(shortcodes) });
            let label = context::site_label(site, doc, p);
            json!({
                "id": if prefix.is_empty() { "document".to_string() } else { prefix.trim_end_matches('-').to_string() },
                "label": label,
                "title": page.title(),
                "content": rendered.html,
            })
        })
        .collect();
    let fm = &site.pages[d.index.0].frontmatter;
    json!({
        "sections": sections,
        "document": { "title": site.pages[d.index.0].title(), "href": site.href(base), "version": fm.version.as_ref().map(|v| v.to_string()), "published": date(&fm.published), "review_due": date(&fm.review_due) },
    })
}

fn offer_filter_value(site: &Site, doc: DocId, url: &str, keep: impl Fn(PageId) -> bool, label: &str) -> (String, Value) {
    let d = &site.structure.docs[doc.0];
    let base = url.split("category/").next().unwrap_or(url).split("ages/").next().unwrap_or(url).to_string();
    let route = crate::resolve::Route {
        url: base.clone(),
        page: d.index,
        view: Some(crate::resolve::View { doc, base: base.clone(), is_current_alias: base != d.base }),
        primary: false,
        canonical: base.clone(),
    };
    let offer = context::offer_value(site, &route);
    let services: Vec<Value> =
        d.services.iter().filter(|(p, _)| keep(*p)).map(|(p, slug)| context::service_summary(site, *p, &format!("{base}{slug}/"))).collect();
    let title = format!("{}: {label}", site.pages[d.index.0].title());
    (title, json!({ "offer": offer, "filter": label, "services": services }))
}

fn redirects(site: &Site, templates: &Templates, files: &mut Files, sink: &Sink) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for p in &site.pages {
        if p.frontmatter.aliases.is_empty() {
            continue;
        }
        let line = alias_line(site, p);
        let target = site.structure.page_url[p.id.0].clone();
        for alias in &p.frontmatter.aliases {
            let refuse = |why: &str| {
                Diagnostic::error("output::refused", format!("the alias `{}` {why}", alias.escape_debug()))
                    .at(&p.file, line, 1)
                    .help("write aliases as plain paths from the site's root, e.g. /old-arrangements/")
            };
            // A backslash is a separator on Windows: it could climb out there.
            if alias.contains('\\') || alias.split('/').any(|s| s == ".." || s == ".") {
                sink.push(refuse("would be written outside the site"));
                continue;
            }
            if alias.chars().any(char::is_control) || alias.split('/').any(|s| s.len() > 200) {
                sink.push(refuse("cannot be a file name"));
                continue;
            }
            let clean = alias.trim().trim_start_matches('/');
            let url = if clean.is_empty() || clean.ends_with('/') || clean.ends_with(".html") { clean.to_string() } else { format!("{clean}/") };
            let path = if url.ends_with(".html") { url.clone() } else { format!("{url}index.html") };
            if let Some(other) = seen.get(&path) {
                sink.push(
                    Diagnostic::error("content::slug-collision", format!("the alias `{alias}` is claimed by {other} too"))
                        .at(&p.file, line, 1)
                        .help("keep the alias on one page only"),
                );
                continue;
            }
            if url == target || files.contains_key(&path) || clashes(files, &path) {
                sink.push(
                    Diagnostic::error(
                        "content::slug-collision",
                        format!("the alias `{alias}` is the address of a page or a file the site publishes, so it cannot redirect"),
                    )
                    .at(&p.file, line, 1)
                    .help("remove the alias, or move the other page"),
                );
                continue;
            }
            seen.insert(path.clone(), p.file.clone());
            let page = json!({ "title": format!("{} has moved", p.title()), "target": site.href(&target), "target_permalink": site.permalink(&target), "noindex": true });
            if let Some(html) = templates.render("redirect.html", &page, sink, alias) {
                files.insert(path, html.into_bytes());
            }
        }
    }
}

/// Would writing `path` need a folder where a file is, or the reverse?
pub fn clashes(files: &Files, path: &str) -> bool {
    let mut prefix = String::new();
    for seg in path.split('/') {
        if !prefix.is_empty() && files.contains_key(prefix.trim_end_matches('/')) {
            return true;
        }
        prefix.push_str(seg);
        prefix.push('/');
    }
    files.range(format!("{path}/")..).next().is_some_and(|(k, _)| k.starts_with(&format!("{path}/")))
}

fn alias_line(site: &Site, p: &crate::model::SourcePage) -> usize {
    let text = std::fs::read_to_string(site.root.join(&p.file)).unwrap_or_default();
    text.lines().position(|l| l.starts_with("aliases")).map(|i| i + 1).unwrap_or(2)
}

/// The local offers as Open Referral UK JSON, for other directories.
fn open_referral(site: &Site, files: &mut Files) {
    for (i, d) in site.structure.docs.iter().enumerate() {
        let page = &site.pages[d.index.0];
        if page.kind != crate::model::Kind::LocalOffer {
            continue;
        }
        let org_id = format!("{}organisation", site.config.absolute_base());
        let organisation = site.config.partnership.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| site.config.title.clone());
        let services: Vec<Value> = d
            .services
            .iter()
            .map(|(p, slug)| {
                let s = &site.pages[p.0];
                let fm = &s.frontmatter;
                let url = site.permalink(&format!("{}{slug}/", d.base));
                let contact = fm.contact.clone().unwrap_or_default();
                json!({
                    "id": url,
                    "organization": { "id": org_id, "name": organisation },
                    "name": s.title(),
                    "description": fm.summary.clone().unwrap_or_default(),
                    "url": contact.url.clone().unwrap_or(url.clone()),
                    "email": contact.email,
                    "status": "active",
                    "fees": fm.cost,
                    "eligibility_description": fm.eligibility,
                    "application_process": fm.how_to_access,
                    "eligibilitys": fm.ages.as_ref().map(|a| vec![json!({ "id": format!("{url}#eligibility"), "minimum_age": a.min, "maximum_age": a.max })]).unwrap_or_default(),
                    "contacts": contact.phone.as_ref().map(|ph| vec![json!({ "id": format!("{url}#contact"), "phones": [{ "id": format!("{url}#phone"), "number": ph }] })]).unwrap_or_default(),
                    "service_at_locations": contact.address.as_ref().map(|a| vec![json!({ "id": format!("{url}#location"), "location": { "id": format!("{url}#address"), "name": s.title(), "physical_addresses": [{ "id": format!("{url}#physical"), "address_1": a }] } })]).unwrap_or_default(),
                    "service_taxonomys": fm.categories.iter().map(|c| json!({ "id": format!("{url}#{c}"), "taxonomy": { "id": c, "name": context::category_label(c), "vocabulary": "charter-categories" } })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let body = serde_json::to_string_pretty(&json!({ "total_items": services.len(), "content": services })).unwrap_or_default();
        files.insert(format!("{}open-referral.json", d.base), body.clone().into_bytes());
        if let Some((vid, _)) = &d.version
            && site.structure.versioned[vid.0].current == Some(DocId(i))
        {
            files.insert(format!("{}open-referral.json", site.structure.versioned[vid.0].base), body.into_bytes());
        }
    }
}

fn sitemap(site: &Site) -> String {
    let mut urls: BTreeSet<String> = BTreeSet::new();
    for r in &site.structure.routes {
        // Current versions only: a pinned copy of the current version is
        // the same page as the document's own URL.
        let p = &site.pages[r.page.0];
        if r.url != r.canonical || p.frontmatter.status == Status::Draft {
            continue;
        }
        if let Some(v) = &r.view
            && let Some((vid, _)) = &site.structure.docs[v.doc.0].version
            && site.structure.versioned[vid.0].current != Some(v.doc)
        {
            continue;
        }
        urls.insert(r.url.clone());
    }
    for (url, g) in &site.generated {
        if matches!(g, Generated::Glossary | Generated::Reviews | Generated::Accessibility | Generated::History(_)) {
            urls.insert(url.clone());
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&site.permalink(&u))));
    }
    out.push_str("</urlset>\n");
    out
}

/// Atom: one entry per document and per version, newest first.
fn feed(site: &Site) -> String {
    let mut entries: Vec<(jiff::civil::Date, String, String, String, String)> = Vec::new();
    for p in &site.pages {
        if p.role != Role::Document && p.role != Role::Page {
            continue;
        }
        let Some(published) = p.frontmatter.published.or(p.frontmatter.updated) else {
            continue;
        };
        if p.frontmatter.status == Status::Draft {
            continue;
        }
        let (url, title) = match (&site.structure.page_doc[p.id.0], &p.frontmatter.version) {
            (Some((d, _)), Some(v)) => (site.structure.docs[d.0].base.clone(), format!("{} (version {v})", p.title())),
            _ => (site.structure.page_url[p.id.0].clone(), p.title().to_string()),
        };
        let summary = p.frontmatter.changes.clone().or_else(|| p.frontmatter.summary.clone()).unwrap_or_default();
        entries.push((published, title, site.permalink(&url), summary, p.kind.label().to_string()));
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let updated = entries.first().map(|e| e.0.to_string()).unwrap_or_else(|| "1970-01-01".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(&site.config.language),
        escape(&site.config.title),
        escape(&site.permalink("")),
        escape(&site.permalink("feed.xml")),
        escape(&site.permalink("")),
    );
    for (date, title, url, summary, kind) in entries {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{date}T00:00:00Z</updated>\n    <category term=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            escape(&title), escape(&url), escape(&url), escape(&kind), escape(&summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}
