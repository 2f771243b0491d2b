//! The PDF stage (with `--pdf` or `pdf: true`): every published document
//! version rendered as one page (`charter_render::render_pdf_page`),
//! printed by a headless Chromium and finished (`charter_pdf`), then
//! added to the site's files at the addresses `charter_resolve::pdf_files`
//! gives. It runs before the pages are rendered, so that a document's
//! page can say how long its PDF is and how big.

mod resources;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use charter_core::dates::source_date_epoch;
use charter_core::timing::StageClock;
use charter_core::{Code, Diagnostic, Sink};
use charter_load::theme::Theme;
use charter_pdf::{Browser, Finished, Metadata};
use charter_render::{PdfPage, Templates, context, render_pdf_page};
use charter_resolve::{PdfFile, Site, pdf_files};
use rayon::prelude::*;

use crate::output::Output;
use resources::{NO_ORIGIN, SiteResources, absolute_root};

/// Most tabs printed at once: each is a renderer process of its own.
const MOST_TABS: usize = 4;

/// Checks what making PDFs needs and, when `make` is set, makes them:
/// each into `files`, and its page count and size into `site.pdfs`.
pub(crate) fn add_pdfs(
    site: &mut Site,
    theme: &Theme,
    templates: &mut Templates,
    sink: &Sink,
    files: &mut Output,
) {
    let mut clock = StageClock::new();
    let planned = pdf_files(site.structure(), site.pages());
    if planned.is_empty() {
        return;
    }
    let program = match charter_pdf::find_browser() {
        Ok(p) => p,
        Err(e) => {
            sink.push(browser_missing(site, &e.to_string()));
            return;
        }
    };
    templates.set_site(&context::site_value(site));
    let rendered: Vec<Option<PdfPage>> =
        planned.par_iter().map(|f| render_pdf_page(site, templates, f.doc, sink)).collect();
    let mut resources = SiteResources::new(site, theme);
    for page in rendered.iter().flatten() {
        resources.add_page(absolute(&resources, site, &page.url), page.html.clone());
    }
    clock.lap("pdf: pages");
    let browser = match Browser::launch(&program) {
        Ok(b) => b,
        Err(e) => {
            sink.push(browser_missing(site, &e.to_string()));
            return;
        }
    };
    let jobs: Vec<(usize, &PdfPage)> =
        rendered.iter().enumerate().filter_map(|(i, p)| Some((i, p.as_ref()?))).collect();
    let made = print_all(&browser, &jobs, &resources, site);
    drop(browser);
    clock.lap("pdf: print");
    for (i, outcome) in made {
        let file = &planned[i];
        match outcome {
            Ok(finished) => publish(site, file, finished, files),
            Err(why) => {
                let index = site.page(site.structure().doc(file.doc).index);
                sink.push(
                    Diagnostic::error(
                        Code::PdfFailed,
                        format!("the PDF of {} could not be made: {why}", index.file),
                    )
                    .in_file(&index.file)
                    .help("run the build again; if it fails again, build without PDFs (leave out --pdf, or set pdf: false) and report the problem"),
                );
            }
        }
    }
}

/// Prints every job, a few tabs at once, and finishes each PDF. Returns
/// each job's outcome by its index in the plan.
fn print_all(
    browser: &Browser,
    jobs: &[(usize, &PdfPage)],
    resources: &SiteResources,
    site: &Site,
) -> Vec<(usize, Result<Finished, String>)> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(jobs.len()));
    let tabs = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MOST_TABS);
    std::thread::scope(|scope| {
        for _ in 0..tabs.min(jobs.len()) {
            scope.spawn(|| {
                let mut connection = browser.connect();
                loop {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    let Some((i, page)) = jobs.get(n) else { break };
                    let outcome = match &mut connection {
                        Ok(c) => print_one(c, page, resources, site),
                        Err(e) => Err(e.clone()),
                    };
                    results.lock().expect("PDF results").push((*i, outcome));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("PDF results");
    results.sort_by_key(|(i, _)| *i);
    results
}

fn print_one(
    connection: &mut charter_pdf::Connection,
    page: &PdfPage,
    resources: &SiteResources,
    site: &Site,
) -> Result<Finished, String> {
    let url = absolute(resources, site, &page.url);
    let printed = charter_pdf::print_page(connection, &url, resources)?;
    // The PDF's date is the build's (`SOURCE_DATE_EPOCH`) or else the
    // document's own, never the clock's, so the same input gives the same file.
    let meta = Metadata {
        title: page.title.clone(),
        language: site.config.language.clone(),
        author: Some(
            site.config.partnership.as_ref().map_or(site.config.title.clone(), |p| p.name.clone()),
        ),
        subject: page.summary.clone(),
        date: source_date_epoch().or(page.date),
        headings: page.headings.clone(),
        relative_to: absolute_root(site).starts_with(NO_ORIGIN).then(|| NO_ORIGIN.to_string()),
    };
    charter_pdf::finish(&printed, &meta)
}

/// `page.url` is a permalink: absolute when `base_url` is, else a path.
fn absolute(resources: &SiteResources, site: &Site, url: &str) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    let below_base =
        url.strip_prefix(site.base_path.as_str()).unwrap_or(url.trim_start_matches('/'));
    resources.absolute(below_base)
}

/// Adds a finished PDF at its addresses and records its size.
fn publish(site: &mut Site, file: &PdfFile, finished: Finished, files: &mut Output) {
    let made = PdfFile { pages: finished.pages, bytes: finished.bytes.len(), ..file.clone() };
    if let Some(current) = &file.current_path {
        files.insert(current.clone(), finished.bytes.clone());
    }
    files.insert(file.path.clone(), finished.bytes);
    site.pdfs.insert(file.doc, made);
}

/// No browser: the error says how to get one or build without PDFs.
fn browser_missing(site: &Site, why: &str) -> Diagnostic {
    let text = std::fs::read_to_string(site.root.join("charter.yaml")).unwrap_or_default();
    let mut d =
        Diagnostic::error(Code::PdfBrowserMissing, format!("{why}, so no PDFs can be made")).help(
            "install Chromium (Debian or Ubuntu: `apt-get install chromium`; macOS: \
             `brew install --cask chromium`; Windows: install Chrome or Edge), or set \
             CHARTER_CHROMIUM to a Chromium-based browser, or build without PDFs: leave out \
             --pdf and remove `pdf: true` from charter.yaml",
        );
    if site.config.pdf {
        let line = charter_core::yaml::key_line(&text, "pdf").unwrap_or(1);
        d = d.at("charter.yaml", line, 1);
    }
    d
}

/// A warning when PDFs are asked for and `base_url` is only a path: the
/// PDFs' links to the site cannot then work outside it.
pub(crate) fn check_base_url(site: &Site, sink: &Sink) {
    if site.config.base_url.contains("://") {
        return;
    }
    let text = std::fs::read_to_string(site.root.join("charter.yaml")).unwrap_or_default();
    let line = charter_core::yaml::key_line(&text, "base_url");
    // The setting's line, unless the address came from --base-url (or
    // is the default, which no line holds).
    let written = line.filter(|l| {
        text.lines().nth(l - 1).is_some_and(|t| t.contains(site.config.base_url.as_str()))
    });
    let message = format!(
        "base_url `{}` is not an absolute URL, so links from the PDFs to the site's pages \
         cannot work once a PDF is downloaded",
        site.config.base_url
    );
    let d = Diagnostic::warning(Code::PdfRelativeBaseUrl, message).help(
        "set base_url to the site's address, e.g. https://www.example.org/ (or pass --base-url)",
    );
    sink.push(match written {
        Some(l) => d.at("charter.yaml", l, 1),
        None => d.in_file("charter.yaml"),
    });
}
