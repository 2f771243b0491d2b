//! Every page rendered, in parallel, reusing what the cache holds for
//! routes and generated pages whose inputs have not changed; the search
//! index is built alongside the generated pages.

use std::collections::HashMap;

use charter_core::Sink;
use charter_core::hash::hash_of;
use charter_core::html::text_with_headings;
use charter_core::model::PageId;
use charter_core::timing::StageClock;
use charter_render::{Facts, PageText, Templates, context, render_generated, render_route};
use charter_resolve::{Generated, Site};
use rayon::prelude::*;

use crate::cache::{CachedRoute, Keys, SiteCache, face_hash, page_source_hash};
use crate::files::Files;
use crate::outputs::search;

/// Renders every route and generated page into `files`. Returns the facts
/// rendering learnt and how many routes were rendered afresh.
pub(crate) fn render_all(
    site: &Site,
    templates: &mut Templates,
    sink: &Sink,
    cache: &mut SiteCache,
    files: &mut Files,
) -> (Facts, usize) {
    let site_value = context::site_value(site);
    templates.set_site(&site_value);
    let templates = &*templates;
    let keep = cache.keep;
    let global = hash_of((
        templates.hash,
        site_value.to_string(),
        &site.config,
        &site.glossary.entries,
        &site.requirements,
        site.today,
        &site.pdfs,
        site.legislation.rows(),
        site.failed_files(),
    ));
    // Keys only matter when the cache is kept for another build.
    let n = site.pages().len();
    let faces: Vec<u64> = if keep {
        (0..n).into_par_iter().map(|i| face_hash(site, PageId(i))).collect()
    } else {
        vec![0; n]
    };
    let sources: Vec<u64> =
        if keep { site.pages().par_iter().map(page_source_hash).collect() } else { vec![0; n] };
    let keys = Keys { global, faces, sources };
    let (facts, rendered) = render_routes(site, templates, sink, cache, &keys, files);
    let mut clock = StageClock::new();
    render_generated_pages(site, templates, &facts, sink, cache, &keys, files);
    clock.lap("(of which generated pages)");
    (facts, rendered)
}

fn render_routes(
    site: &Site,
    templates: &Templates,
    sink: &Sink,
    cache: &mut SiteCache,
    keys: &Keys,
    files: &mut Files,
) -> (Facts, usize) {
    let keep = cache.keep;
    let previous = &cache.routes;
    let s = site.structure();
    let served: Vec<_> = s.served_routes().collect();
    let results: Vec<(String, CachedRoute, bool)> = served
        .into_par_iter()
        .map(|route| {
            let key = if keep { keys.route(site, route) } else { 0 };
            if let Some(hit) = previous.get(&route.url).filter(|c| c.key == key) {
                return (route.url.clone(), hit.clone(), false);
            }
            let local = Sink::default();
            let (html, rendered) = render_route(site, templates, route, &local);
            let is_canonical =
                route.url == route.canonical || route.primary && s.url_of(route.page) == route.url;
            let facts = is_canonical.then(|| {
                let (text, headings) = text_with_headings(&rendered.html);
                (route.page, rendered.terms, PageText { text, headings })
            });
            (route.url.clone(), CachedRoute { key, html, facts, diagnostics: local.take() }, true)
        })
        .collect();
    let mut facts = Facts::default();
    let mut rendered = 0;
    let mut next = HashMap::with_capacity(results.len());
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
        if keep {
            if let Some(h) = &out.html {
                files.insert(format!("{url}index.html"), h.clone().into_bytes());
            }
            next.insert(url, out);
        } else if let Some(h) = out.html.take() {
            files.insert(format!("{url}index.html"), h.into_bytes());
        }
    }
    cache.routes = next;
    (facts, rendered)
}

/// The generated pages (in parallel) and the search index beside them,
/// which keeps both cores busy through the index's serial merge.
fn render_generated_pages(
    site: &Site,
    templates: &Templates,
    facts: &Facts,
    sink: &Sink,
    cache: &mut SiteCache,
    keys: &Keys,
    files: &mut Files,
) {
    let keep = cache.keep;
    let previous = &cache.generated;
    let render_them = || -> Vec<(String, Option<u64>, Option<String>)> {
        site.generated
            .par_iter()
            .map(|(url, what)| {
                let key = if keep { generated_key(site, keys, what) } else { None };
                if let Some(k) = key
                    && let Some((cached_key, html)) = previous.get(url)
                    && *cached_key == k
                {
                    return (url.clone(), key, Some(html.clone()));
                }
                let started = std::time::Instant::now();
                let html = render_generated(site, templates, facts, url, what, sink);
                if std::env::var_os("CHARTER_TIMINGS").is_some()
                    && started.elapsed().as_millis() > 50
                {
                    eprintln!("timing: generated {url} {} ms", started.elapsed().as_millis());
                }
                (url.clone(), key, html)
            })
            .collect()
    };
    let (made, search_files) = rayon::join(render_them, || {
        let mut clock = StageClock::new();
        let index = search::build(site, facts);
        clock.lap("search index");
        index
    });
    files.extend(search_files);
    let mut next = HashMap::new();
    for (url, key, html) in made {
        let Some(html) = html else { continue };
        if let Some(k) = key {
            next.insert(url.clone(), (k, html.clone()));
        }
        files.insert(format!("{url}index.html"), html.into_bytes());
    }
    cache.generated = next;
}

/// Generated pages of one document are cached by the document's key;
/// site-wide ones (glossary, search…) are rendered every time.
fn generated_key(site: &Site, keys: &Keys, what: &Generated) -> Option<u64> {
    match what {
        Generated::History(vid) => {
            site.structure().versioned(*vid).versions.first().map(|d| keys.document(site, *d))
        }
        Generated::Changes(doc)
        | Generated::Compare { current: doc, .. }
        | Generated::Print { doc, .. }
        | Generated::OfferCategory { doc, .. }
        | Generated::OfferAges { doc, .. } => Some(keys.document(site, *doc)),
        _ => None,
    }
}
