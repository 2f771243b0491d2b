//! Every page rendered, in parallel, reusing what the cache holds for
//! routes and generated pages whose inputs have not changed; the search
//! index is built alongside the generated pages.

use std::collections::HashMap;

use charter_core::Sink;
use charter_core::hash::hash_of;
use charter_core::html::text_with_headings;
use charter_core::model::PageId;
use charter_core::timing::StageClock;
use charter_render::{
    Facts, PageText, Rendered, Templates, context, render_generated, render_in_template,
    render_route, render_shared,
};
use charter_resolve::{Generated, Route, Site};
use rayon::prelude::*;

use crate::cache::{CachedRoute, Keys, RouteFacts, SiteCache, face_hash, page_source_hash};
use crate::check;
use crate::files::Bytes;
use crate::output::{Output, Streamed};
use crate::outputs::{search, with_meta_policy};

/// Gives the templates the site's value (`site`), before any page is
/// rendered; returns that value's JSON for the pages' cache keys.
pub(crate) fn set_site(site: &Site, templates: &mut Templates) -> String {
    let site_value = context::site_value(site);
    templates.set_site(&site_value);
    site_value.to_string()
}

/// Renders every route into `output`, `site_json` being what
/// [`set_site`] returned. Returns the facts rendering learnt, how many
/// routes were rendered afresh, and the keys [`render_generated_pages`]
/// takes.
pub(crate) fn render_pages(
    site: &Site,
    templates: &Templates,
    site_json: &str,
    sink: &Sink,
    cache: &mut SiteCache,
    output: &mut Output,
) -> (Facts, usize, Keys) {
    let keep = cache.keep;
    let global = hash_of((
        templates.hash,
        site_json,
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
    let mut clock = StageClock::new();
    let (facts, rendered) = render_routes(site, templates, sink, cache, &keys, output);
    clock.lap("(of which pages)");
    (facts, rendered, keys)
}

/// The pages whose Markdown nothing made after the pages reads: every
/// page but those of versioned documents (their changes and compare pages
/// read both versions) and those whose part of a print page was not
/// rendered with them (the print page renders it).
pub(crate) fn done_with_markdown(site: &Site, facts: &Facts) -> Vec<PageId> {
    let s = site.structure();
    (0..site.pages().len())
        .map(PageId)
        .filter(|&p| match s.doc_of(p) {
            None => true,
            Some(doc) => {
                s.versioned_of(doc).is_none()
                    && (site.print_base(doc).is_none() || facts.has_print_part(p))
            }
        })
        .collect()
}

/// Hands a made page to the output: checked now when the output does not
/// keep it (the final-HTML checks then run at the end, with the cache).
fn deliver(site: &Site, output: &Output, path: &str, html: String, sink: &Sink) -> Option<Bytes> {
    let bytes = with_meta_policy(site, html).into_bytes();
    if !output.keeps_streamed() {
        check::check_page(site, path, &bytes, sink);
    }
    output.stream(path, bytes)
}

/// One route rendered, or taken from the cache.
struct RouteResult {
    url: String,
    entry: CachedRoute,
    /// Rendered afresh, not taken from the cache.
    fresh: bool,
    /// A page was made (its template did not fail).
    made: bool,
    /// Its bytes, when the output keeps them.
    kept: Option<Bytes>,
}

/// What rendering any one route needs.
struct RouteWork<'a> {
    site: &'a Site,
    templates: &'a Templates,
    keys: &'a Keys,
    previous: &'a HashMap<String, CachedRoute>,
    output: &'a Output,
    keep: bool,
}

impl RouteWork<'_> {
    /// The routes of one page, its primary route first. A current page
    /// has two, its pinned version (primary: it reports the Markdown's
    /// diagnostics) and its current alias (canonical: its part of the print
    /// page and the facts come from it), whose Markdown is rendered once
    /// for both (`render_shared`); each puts its copy in its template.
    fn render_page_routes(&self, routes: &[(usize, &Route)]) -> Vec<(usize, RouteResult)> {
        let mut results = Vec::with_capacity(routes.len());
        let mut fresh = Vec::with_capacity(routes.len());
        for &(i, route) in routes {
            let key = if self.keep { self.keys.route(self.site, route) } else { 0 };
            match self.cached(route, key) {
                Some(hit) => results.push((i, hit)),
                None => fresh.push((i, route, key)),
            }
        }
        let (site, templates) = (self.site, self.templates);
        if let [(i, route, key)] = fresh[..] {
            let local = Sink::default();
            let canonical = is_canonical(site, route);
            let (html, mut rendered) = render_route(site, templates, route, &local, canonical);
            let facts = canonical.then(|| route_facts(route, &mut rendered));
            results.push((i, self.made(route, key, html, facts, local)));
            return results;
        }
        let Some(&(_, lead, _)) = fresh.first() else { return results };
        let any_canonical = fresh.iter().any(|(_, r, _)| is_canonical(site, r));
        let sink = Sink::default();
        let shared = render_shared(site, templates, lead, &sink, any_canonical);
        // The Markdown's diagnostics are kept with the lead's page.
        let mut lead_sink = Some(sink);
        for (i, route, key) in fresh {
            let local = lead_sink.take().unwrap_or_default();
            let canonical = is_canonical(site, route);
            let mut rendered = shared.for_route(route, canonical);
            let html = render_in_template(site, templates, route, &rendered, &local);
            let facts = canonical.then(|| route_facts(route, &mut rendered));
            results.push((i, self.made(route, key, html, facts, local)));
        }
        results
    }

    /// The route's page from the cache, when its key has not changed.
    fn cached(&self, route: &Route, key: u64) -> Option<RouteResult> {
        let hit = self.previous.get(&route.url).filter(|c| c.key == key)?;
        let made = hit.html.is_some();
        // The cache holds the page as delivered: the same bytes are kept
        // again, not copied.
        let kept = match &hit.html {
            Some(bytes) if self.output.keeps_streamed() => Some(bytes.clone()),
            Some(bytes) => self.output.stream(&format!("{}index.html", route.url), bytes.to_vec()),
            None => None,
        };
        Some(RouteResult { url: route.url.clone(), entry: hit.clone(), fresh: false, made, kept })
    }

    /// A route's page made afresh, handed to the output.
    fn made(
        &self,
        route: &Route,
        key: u64,
        html: Option<String>,
        facts: Option<RouteFacts>,
        local: Sink,
    ) -> RouteResult {
        // The cache keeps the delivered page for the next build (one copy,
        // shared with the files served); a one-off build hands it on at
        // once.
        let made = html.is_some();
        let path = format!("{}index.html", route.url);
        let kept = html.and_then(|h| deliver(self.site, self.output, &path, h, &local));
        let cached = kept.clone().filter(|_| self.keep);
        let entry = CachedRoute { key, html: cached, facts, diagnostics: local.take() };
        RouteResult { url: route.url.clone(), entry, fresh: true, made, kept }
    }
}

/// What the canonical route's render tells the rest of the build.
fn route_facts(route: &Route, rendered: &mut Rendered) -> RouteFacts {
    let (text, headings) = text_with_headings(&rendered.html);
    RouteFacts {
        page: route.page,
        // A list, made and its set freed here in parallel: the merge
        // runs on one core.
        terms: std::mem::take(&mut rendered.terms).into_iter().collect(),
        text: std::sync::Arc::new(PageText { text, headings }),
        print: rendered.print_html.take().map(std::sync::Arc::from),
    }
}

/// The route that shows a page as itself: its facts (text, terms, print
/// part) are taken from this route's render.
fn is_canonical(site: &Site, route: &Route) -> bool {
    route.url == route.canonical
        || route.primary && site.structure().url_of(route.page) == route.url
}

/// The served routes grouped by page, each page's primary route first,
/// with their places in `served`.
fn routes_by_page<'r>(site: &Site, served: &[&'r Route]) -> Vec<Vec<(usize, &'r Route)>> {
    let mut groups: Vec<Vec<(usize, &Route)>> = vec![Vec::new(); site.pages().len()];
    for (i, route) in served.iter().enumerate() {
        groups[route.page.0].push((i, route));
    }
    groups.retain(|g| !g.is_empty());
    for group in &mut groups {
        if group.len() > 1 {
            group.sort_by_key(|(_, route)| !route.primary);
        }
    }
    groups
}

fn render_routes(
    site: &Site,
    templates: &Templates,
    sink: &Sink,
    cache: &mut SiteCache,
    keys: &Keys,
    output: &mut Output,
) -> (Facts, usize) {
    let keep = cache.keep;
    let s = site.structure();
    let served: Vec<&Route> = s.served_routes().collect();
    let work = RouteWork { site, templates, keys, previous: &cache.routes, output: &*output, keep };
    // In pieces of at most 16 pages: rayon otherwise splits them into a
    // few long runs, and the build waited on one core for the last (about
    // 100 ms of the dense 10k build in perf's timeline).
    let numbered: Vec<(usize, RouteResult)> = routes_by_page(site, &served)
        .into_par_iter()
        .with_max_len(16)
        .flat_map_iter(|group| work.render_page_routes(&group))
        .collect();
    // Merged in the routes' own order, as before they were grouped: each
    // result is moved once, into its route's place. Sorting them moved
    // each (about 200 bytes) a dozen times, on one core while the other
    // waited.
    let mut in_order: Vec<Option<RouteResult>> =
        std::iter::repeat_with(|| None).take(served.len()).collect();
    for (i, result) in numbered {
        in_order[i] = Some(result);
    }
    let results = in_order.into_iter().flatten();
    let mut facts = Facts::default();
    let mut rendered = 0;
    let mut next = HashMap::with_capacity(served.len());
    // Each term's pages, gathered here and sorted below in parallel: this
    // loop runs on one core while the other waits, and inserting each
    // use into a set (a million on the dense 10k corpus) took 45 to 77 ms
    // of it.
    let mut pages_of_term: Vec<Vec<PageId>> = vec![Vec::new(); site.glossary.entries.len()];
    for RouteResult { url, mut entry, fresh, made, kept } in results {
        rendered += usize::from(fresh);
        sink.extend(entry.diagnostics.iter().cloned());
        if let Some(f) = entry.facts.take() {
            for &t in &f.terms {
                if t >= pages_of_term.len() {
                    pages_of_term.resize_with(t + 1, Vec::new);
                }
                pages_of_term[t].push(f.page);
            }
            facts.text.insert(f.page, f.text.clone());
            if let Some(print) = &f.print {
                facts.add_print_part(f.page, print.clone());
            }
            if keep {
                entry.facts = Some(f);
            }
        }
        if made {
            output.streamed(format!("{url}index.html"), kept);
        }
        if keep {
            next.insert(url, entry);
        }
    }
    cache.routes = next;
    facts.term_uses = term_uses(pages_of_term);
    (facts, rendered)
}

/// Each used term's pages, in order, each once: sorted in parallel.
fn term_uses(pages_of_term: Vec<Vec<PageId>>) -> std::collections::BTreeMap<usize, Vec<PageId>> {
    let sorted: Vec<(usize, Vec<PageId>)> = pages_of_term
        .into_par_iter()
        .enumerate()
        .filter(|(_, pages)| !pages.is_empty())
        .map(|(t, mut pages)| {
            pages.sort_unstable();
            pages.dedup();
            (t, pages)
        })
        .collect();
    sorted.into_iter().collect()
}

/// The generated pages (in parallel) and the search index beside them,
/// which keeps both cores busy through the index's serial merge.
pub(crate) fn render_generated_pages(
    site: &Site,
    templates: &Templates,
    facts: &Facts,
    sink: &Sink,
    cache: &mut SiteCache,
    keys: &Keys,
    output: &mut Output,
) {
    let mut clock = StageClock::new();
    charter_render::generated::plan_comparisons(site, facts);
    let keep = cache.keep;
    let previous = &cache.generated;
    let render_one = |(url, what): (&String, &Generated)| -> (String, Option<u64>, Option<String>) {
        let key = if keep { generated_key(site, facts, keys, what) } else { None };
        if let Some(k) = key
            && let Some((cached_key, html)) = previous.get(url)
            && *cached_key == k
        {
            return (url.clone(), key, Some(html.clone()));
        }
        let started = std::time::Instant::now();
        let html = render_generated(site, templates, facts, url, what, sink);
        if std::env::var_os("CHARTER_TIMINGS").is_some() && started.elapsed().as_millis() > 50 {
            eprintln!("timing: generated {url} {} ms", started.elapsed().as_millis());
        }
        (url.clone(), key, html)
    };
    let shared = &*output;
    let search_cache = keep.then_some(&mut cache.search);
    let ((made, delivered), (search_files, records)) = rayon::join(
        || {
            let hand_on = |url: &str, html: String| {
                let path = format!("{url}index.html");
                let kept = deliver(site, shared, &path, html, sink);
                (path, kept)
            };
            // The cache keeps the HTML for the next build; a one-off build
            // hands each page on as soon as it is made and keeps nothing
            // (holding them all first held every print page at once: a
            // sixth of the build's peak memory at 10,000 pages).
            if keep {
                let made: Vec<_> = site.generated.par_iter().map(render_one).collect();
                let delivered: Streamed = made
                    .par_iter()
                    .filter_map(|(url, _, html)| Some(hand_on(url, html.clone()?)))
                    .collect();
                (made, delivered)
            } else {
                // One page a piece: a print page is made and checked in one
                // go, and in longer runs one core was left with the last
                // (the phase took 70-130 ms longer).
                // Print pages first: each frees its parts (`take_print_part`)
                // for the search index, made beside, to use again.
                let mut pages: Vec<(&String, &Generated)> = site.generated.iter().collect();
                pages.sort_by_key(|(_, what)| !matches!(what, Generated::Print { .. }));
                let delivered = pages
                    .into_par_iter()
                    .with_max_len(1)
                    .filter_map(|page| {
                        let (url, _, html) = render_one(page);
                        Some(hand_on(&url, html?))
                    })
                    .collect();
                (Vec::new(), delivered)
            }
        },
        || {
            let mut clock = StageClock::new();
            let index = search::build(site, facts, shared, search_cache);
            clock.lap("search index");
            index
        },
    );
    output.extend(search_files);
    for (path, kept) in records.into_iter().chain(delivered) {
        output.streamed(path, kept);
    }
    if keep {
        let next: HashMap<String, (u64, String)> =
            made.into_iter().filter_map(|(url, key, html)| Some((url, (key?, html?)))).collect();
        cache.generated = next;
    }
    clock.lap("(of which generated pages)");
}

/// Generated pages of one document are cached by the document's key; the
/// glossary and its term pages by the places each term is used in (300
/// term pages listing every place were a third of a rebuild's generated
/// pages at 10k); the other site-wide ones (search, reviews…) are rendered
/// every time.
fn generated_key(site: &Site, facts: &Facts, keys: &Keys, what: &Generated) -> Option<u64> {
    match what {
        Generated::History(vid) => {
            site.structure().versioned(*vid).versions.first().map(|d| keys.document(site, *d))
        }
        Generated::Changes(doc)
        | Generated::Compare { current: doc, .. }
        | Generated::Print { doc, .. }
        | Generated::OfferCategory { doc, .. }
        | Generated::OfferAges { doc, .. } => Some(keys.document(site, *doc)),
        Generated::GlossaryTerm(entry) => {
            let used = charter_render::used_in(site, facts);
            let places: Vec<&(String, String)> =
                used.by_entry.get(*entry)?.iter().map(|i| &used.labels[*i as usize]).collect();
            Some(hash_of((keys.global, entry, places)))
        }
        Generated::Glossary => {
            let used = charter_render::used_in(site, facts);
            Some(hash_of((keys.global, &used.by_entry, &used.labels)))
        }
        _ => None,
    }
}
