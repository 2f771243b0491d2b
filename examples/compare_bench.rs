//! Times comparing two versions of a generated 200-page document (issue 17).
//!
//!     cargo run --release --example compare_bench -- [--pages 200] [--runs 5] [--out DIR]
//!
//! The document is `--pages` Markdown pages (the index and its appendices),
//! each about 500 words: two hand-numbered sections of numbered paragraphs,
//! a list and a captioned table of figures. Version 2.0 edits a word in one
//! paragraph in twelve, inserts a new section 2 in one page in ten (so the
//! later section is renumbered), moves a paragraph, changes a figure in one
//! table in five, drops the last appendix and adds two.
//!
//! It reads both versions into blocks, compares them and writes the HTML
//! of every page, as the changes page does, and prints the median of
//! `--runs` runs for each step. With `--out DIR` it also writes the two
//! versions as a site, so that `CHARTER_TIMINGS=1 charter build --root DIR`
//! times the whole changes page in a real build.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use charter_render::compare::{Comparison, Sources, blocks, page_html};

const WORDS: &[&str] = &[
    "partners",
    "agencies",
    "children",
    "families",
    "safeguarding",
    "practice",
    "review",
    "board",
    "executive",
    "scrutineer",
    "training",
    "audit",
    "school",
    "health",
    "police",
    "council",
    "quarterly",
    "annual",
    "report",
    "priority",
    "neglect",
    "exploitation",
    "support",
    "early",
    "help",
    "referral",
    "threshold",
    "level",
    "data",
    "learning",
    "the",
    "and",
    "of",
    "to",
    "in",
    "with",
    "for",
    "each",
    "every",
    "is",
    "are",
    "will",
    "must",
    "should",
];

// Only `below` is used here.
#[allow(dead_code)]
#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s.push('.');
    s
}

/// One page of version 1.0 and of version 2.0.
fn page(n: usize, rng: &mut Rng) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    let insert_section = n % 10 == 3;
    for section in 1..=2 {
        let shown = if insert_section && section == 2 { 3 } else { section };
        if insert_section && section == 2 {
            let _ = write!(new, "## 2. A new section\n\n2.1 {}\n\n", sentence(rng, 30));
        }
        let _ = write!(old, "## {section}. Section {section} of page {n}\n\n");
        let _ = write!(new, "## {shown}. Section {section} of page {n}\n\n");
        for p in 1..=6 {
            let text = format!("{} {}", sentence(rng, 20), sentence(rng, 18));
            let _ = write!(old, "{section}.{p} {text}\n\n");
            let edited = if rng.below(12) == 0 { text.replacen("the", "each", 1) } else { text };
            let moved = n.is_multiple_of(7) && section == 1 && p == 2;
            if !moved {
                let _ = write!(new, "{shown}.{p} {edited}\n\n");
            }
        }
        if n.is_multiple_of(7) && section == 2 {
            let moved = old.lines().find_map(|l| l.strip_prefix("1.2 ")).unwrap_or("");
            let _ = write!(new, "{shown}.7 {moved}\n\n");
        }
        for item in 1..=4 {
            let line = format!("- {}\n", sentence(rng, 8));
            old.push_str(&line);
            new.push_str(&line);
            if item == 4 {
                old.push('\n');
                new.push('\n');
            }
        }
    }
    let head =
        format!("Table 1: Figures for page {n}\n\n| Partner | 2025 | 2026 |\n|---|---|---|\n");
    old.push_str(&head);
    new.push_str(&head);
    for row in 0..8 {
        let figure = 1000 + rng.below(9000);
        let line = format!("| Partner {row} | {figure} | {} |\n", figure + 10);
        old.push_str(&line);
        if n.is_multiple_of(5) && row == 3 {
            let _ = writeln!(new, "| Partner {row} | {figure} | {} |", figure + 11);
        } else {
            new.push_str(&line);
        }
    }
    (old, new)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let pages: usize = flag("--pages").and_then(|v| v.parse().ok()).unwrap_or(200);
    let runs: usize = flag("--runs").and_then(|v| v.parse().ok()).unwrap_or(5);
    let mut rng = Rng(17);
    let mut versions: Vec<(Option<String>, Option<String>)> =
        (0..pages).map(|n| page(n, &mut rng)).map(|(o, n)| (Some(o), Some(n))).collect();
    // The last appendix goes; two new ones arrive.
    versions.last_mut().expect("pages").1 = None;
    for n in 0..2 {
        versions.push((None, Some(page(pages + n, &mut rng).1)));
    }
    let words: usize =
        versions.iter().filter_map(|(o, _)| o.as_ref()).map(|t| t.split_whitespace().count()).sum();
    println!("{pages} pages, {words} words in version 1.0");
    let (mut read, mut compare, mut write) = (Vec::new(), Vec::new(), Vec::new());
    let mut html_len = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let inputs: Vec<(String, _, _)> = versions
            .iter()
            .enumerate()
            .map(|(i, (o, n))| {
                let read = |s: &Option<String>| {
                    s.as_deref().map(|s| blocks(s, Sources::default())).unwrap_or_default().into()
                };
                (format!("Appendix {i}"), read(o), read(n))
            })
            .collect();
        read.push(t.elapsed());
        let t = Instant::now();
        let cmp = Comparison::new(inputs);
        compare.push(t.elapsed());
        let t = Instant::now();
        html_len = (0..cmp.pages.len()).map(|p| page_html(&cmp, p, "/doc/v2.0/").len()).sum();
        write.push(t.elapsed());
    }
    let (r, c, w) = (median(read), median(compare), median(write));
    println!("read both versions into blocks: {:>7.1} ms", r.as_secs_f64() * 1e3);
    println!("match and group:                {:>7.1} ms", c.as_secs_f64() * 1e3);
    println!(
        "write the comparison's HTML:    {:>7.1} ms ({html_len} bytes)",
        w.as_secs_f64() * 1e3
    );
    println!("total (median of {runs}):           {:>7.1} ms", (r + c + w).as_secs_f64() * 1e3);
    if let Some(dir) = flag("--out") {
        write_site(std::path::Path::new(dir), &versions);
    }
}

/// The two versions as a site charter can build.
fn write_site(dir: &std::path::Path, versions: &[(Option<String>, Option<String>)]) {
    let file = |path: std::path::PathBuf, text: &str| {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    };
    file(dir.join("charter.yaml"), "title: Compare bench\nbase_url: https://bench.example.org/\n");
    for (v, published) in [("1.0", "2025-01-01"), ("2.0", "2026-01-01")] {
        for (i, (old, new)) in versions.iter().enumerate() {
            let Some(body) = (if v == "1.0" { old } else { new }) else { continue };
            let (name, fm) = if i == 0 {
                (
                    "index.md".to_string(),
                    format!("title: Plan\nversion: \"{v}\"\npublished: {published}\n"),
                )
            } else {
                (format!("appendix-{i}.md"), format!("title: Appendix page {i}\n"))
            };
            file(dir.join(format!("content/plan/v{v}/{name}")), &format!("---\n{fm}---\n{body}"));
        }
    }
}
