//! Hostile input: enormous, deeply nested, self-amplifying, mis-encoded or
//! escaping files, each in a fixture site built with the real binary. Every
//! case must end with its named diagnostic and the right exit status — never
//! a panic, a hang or unbounded memory (SPEC §10). Each run is guarded: it is
//! killed and the test fails after `DEADLINE` or once it holds more than
//! `MAX_RSS_KB` of memory.
//!
//! The `fuzz_regression_*` tests at the end replay inputs found by the fuzz
//! targets in `fuzz/` (see `scripts/fuzz`) through the same in-memory entry
//! points in `charter_site::fuzzing`.

mod common;
use common::*;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Longest any single run may take (debug build, a loaded CI machine).
const DEADLINE: Duration = Duration::from_secs(60);
/// Most resident memory any single run may hold: 2 GiB.
const MAX_RSS_KB: u64 = 2 * 1024 * 1024;

/// How a guarded run ended.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    peak_rss_kb: u64,
}

/// Runs the real `charter` with `args`, killing it (and failing the test) if
/// it outlives `DEADLINE` or grows past `MAX_RSS_KB`, dies from a signal (a
/// stack overflow aborts), or prints a panic.
fn guarded(args: &[&str]) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run charter");
    // Drain both pipes on their own threads so a chatty child cannot block.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_rss_kb = 0;
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for charter") {
            break status;
        }
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            for line in s.lines() {
                if let Some(kb) =
                    line.strip_prefix("VmRSS:").or_else(|| line.strip_prefix("VmHWM:"))
                {
                    let kb: u64 = kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak_rss_kb = peak_rss_kb.max(kb);
                }
            }
        }
        if started.elapsed() > DEADLINE {
            killed = Some(format!("still running after {DEADLINE:?}"));
        } else if peak_rss_kb > MAX_RSS_KB {
            killed = Some(format!("holding {peak_rss_kb} kB (more than {MAX_RSS_KB} kB)"));
        }
        if killed.is_some() {
            let _ = child.kill();
            let _ = child.wait();
            break child.wait().expect("reap charter");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let o = Outcome {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed: started.elapsed(),
        peak_rss_kb,
    };
    let tail = |s: &str| {
        s.chars().rev().take(4000).collect::<Vec<_>>().into_iter().rev().collect::<String>()
    };
    if let Some(why) = killed {
        panic!("charter {args:?} was killed: {why}\nstderr: {}", tail(&o.stderr));
    }
    assert!(!o.stderr.contains("panicked"), "charter {args:?} panicked:\n{}", tail(&o.stderr));
    assert!(
        status.code().is_some(),
        "charter {args:?} died from {status:?} (a stack overflow aborts):\n{}",
        tail(&o.stderr)
    );
    eprintln!(
        "charter {:?}: exit {} in {:?}, peak RSS {} MB",
        args.first(),
        o.code,
        o.elapsed,
        o.peak_rss_kb / 1024
    );
    o
}

/// `charter check --format json` on the site: exit code and diagnostics.
fn check(site: &Site, extra: &[&str]) -> (i32, Vec<Value>) {
    let root = site.root().to_str().unwrap().to_string();
    let mut args = vec!["check", "--root", &root, "--format", "json"];
    args.extend_from_slice(extra);
    let o = guarded(&args);
    let ds: Vec<Value> = serde_json::from_str(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", o.stdout, o.stderr));
    (o.code, ds)
}

/// `charter build --format json` on the site: exit code and diagnostics.
fn build(site: &Site, extra: &[&str]) -> (i32, Vec<Value>) {
    let root = site.root().to_str().unwrap().to_string();
    let mut args = vec!["build", "--root", &root, "--format", "json"];
    args.extend_from_slice(extra);
    let o = guarded(&args);
    let ds: Vec<Value> = serde_json::from_str(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", o.stdout, o.stderr));
    (o.code, ds)
}

fn home() -> (&'static str, String) {
    ("content/_index.md", page("Home", "", "Hello.\n"))
}

/// A site with a home page and `path` holding `bytes`.
fn site_with(path: &str, bytes: &[u8]) -> Site {
    let (p, t) = home();
    let site = Site::new(&[(p, &t)]);
    site.write_bytes(path, bytes);
    site
}

/// The first diagnostic with `code`, asserting the exit status and its file
/// (and line, if given) and that it says how to fix it.
fn expect<'a>(
    status: i32,
    ds: &'a [Value],
    code: &str,
    file: &str,
    line: Option<u64>,
) -> &'a Value {
    assert_eq!(status, 1, "expected exit status 1 for {code}: {ds:#?}");
    let hits = with_code(ds, code);
    assert!(!hits.is_empty(), "no {code} in {ds:#?}");
    let hit = hits
        .iter()
        .find(|d| d["file"] == file)
        .unwrap_or_else(|| panic!("no {code} in {file}: {ds:#?}"));
    if let Some(line) = line {
        assert_eq!(hit["line"], line, "{code} at the wrong line: {ds:#?}");
    }
    assert!(
        hit["help"].as_str().is_some_and(|h| !h.is_empty()),
        "every diagnostic says how to fix it: {hit}"
    );
    assert_eq!(hit["severity"], "error", "{hit}");
    hit
}

/// A YAML budget diagnostic reads as a whole sentence: no parenthesis left
/// open by a cut location suffix, and help that names the right kind of file.
fn assert_clear_yaml_message(d: &Value, kind: &str) {
    let message = d["message"].as_str().unwrap();
    assert_eq!(
        message.matches('(').count(),
        message.matches(')').count(),
        "a truncated message: {d}"
    );
    assert!(!message.trim_end().ends_with("(used"), "a truncated message: {d}");
    if kind != "frontmatter" {
        assert!(
            !d["help"].as_str().unwrap().contains("frontmatter"),
            "the help speaks of frontmatter in {kind}: {d}"
        );
    }
}

/// Every file under `dir` with its bytes.
fn all_files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in read.flatten() {
        let p = e.path();
        let ft = e.file_type().unwrap();
        if ft.is_dir() {
            out.extend(all_files(&p));
        } else if ft.is_file() {
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

// ---------------------------------------------------------------- size

#[test]
fn a_50_mb_markdown_file_is_too_large() {
    let mut text = String::from("---\ntitle: Enormous\n---\n");
    let para =
        "1.1 The partners will meet every quarter to review the arrangements and the MASH.\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(para);
    }
    let site = site_with("content/enormous.md", text.as_bytes());
    let (status, ds) = check(&site, &[]);
    let d = expect(status, &ds, "content::too-large", "content/enormous.md", None);
    assert!(d["message"].as_str().unwrap().contains("MB"), "{d}");
    let (status, ds) = build(&site, &[]);
    expect(status, &ds, "content::too-large", "content/enormous.md", None);
    assert!(!site.exists("enormous/index.html"), "a refused file is not published");
}

// ---------------------------------------------------------------- deep Markdown

/// Builds a page whose body is `body` and reports what happened: the build
/// must finish (exit 0 or 1) within the deadline, with no panic or abort.
fn deep_markdown(name: &str, body: &str) -> (i32, Vec<Value>, Site) {
    let site = site_with(&format!("content/{name}.md"), page("Deep", "", body).as_bytes());
    let (status, ds) = build(&site, &[]);
    assert!(status == 0 || status == 1, "exit {status}: {ds:#?}");
    let codes: Vec<&str> = ds.iter().map(|d| d["code"].as_str().unwrap_or("")).collect();
    eprintln!("{name}: exit {status}, diagnostics {codes:?}");
    (status, ds, site)
}

#[test]
fn lists_nested_10000_deep_finish() {
    let (status, _, site) = deep_markdown("lists", &format!("{}deepest\n", "- ".repeat(10_000)));
    if status == 0 {
        assert!(site.read("lists/index.html").contains("deepest"));
    }
}

#[test]
fn ordered_lists_nested_10000_deep_finish() {
    let (status, _, site) =
        deep_markdown("ordered", &format!("{}1.1 deepest\n", "1. ".repeat(10_000)));
    if status == 0 {
        assert!(site.read("ordered/index.html").contains("deepest"));
    }
}

#[test]
fn indented_lists_nested_deep_finish() {
    // Each level indented two more spaces, as an editor would write it (1,000
    // levels: 10,000 would be 100 MB of indentation, caught by the size limit).
    let body: String = (0..1_000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    let (status, _, site) = deep_markdown("indented", &body);
    if status == 0 {
        assert!(site.read("indented/index.html").contains("level 999"));
    }
}

#[test]
fn block_quotes_nested_10000_deep_finish() {
    let (status, _, site) = deep_markdown("quotes", &format!("{} deepest\n", ">".repeat(10_000)));
    if status == 0 {
        assert!(site.read("quotes/index.html").contains("deepest"));
    }
}

#[test]
fn inline_nesting_10000_deep_finishes() {
    let body = format!(
        "{}x{}\n\n{}y{}\n\n{}z\n",
        "*".repeat(10_000),
        "*".repeat(10_000),
        "[".repeat(10_000),
        "](x)".repeat(10_000),
        "<div>".repeat(10_000),
    );
    deep_markdown("inline", &body);
}

// ---------------------------------------------------------------- YAML

/// The classic "billion laughs": nine levels of nine aliases, 9^9 strings.
fn laughs(indent: &str) -> String {
    let mut y = format!(
        "{indent}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, this) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        y.push_str(&format!("{indent}{this}: &{this} [{refs}]\n"));
    }
    y
}

#[test]
fn billion_laughs_in_frontmatter() {
    let text = format!("---\ntitle: Laughs\nextra:\n{}---\nBody.\n", laughs("  "));
    let site = site_with("content/laughs.md", text.as_bytes());
    let (status, ds) = check(&site, &[]);
    let d = expect(status, &ds, "frontmatter::yaml", "content/laughs.md", None);
    let line = d["line"].as_u64().unwrap();
    assert!((2..=13).contains(&line), "the line is inside the frontmatter: {d}");
}

#[test]
fn one_big_scalar_aliased_a_thousand_times_in_frontmatter() {
    // Linear amplification: a 6 MB string (under the page limit) replayed by
    // 900 aliases would be 5.4 GB if each alias were copied.
    let big = "lol ".repeat(6 * 1024 * 1024 / 4);
    let refs = vec!["*a"; 900].join(", ");
    let text =
        format!("---\ntitle: Laughs\nextra:\n  a: &a \"{big}\"\n  b: [{refs}]\n---\nBody.\n");
    let site = site_with("content/laughs.md", text.as_bytes());
    let (status, ds) = check(&site, &[]);
    expect(status, &ds, "frontmatter::yaml", "content/laughs.md", None);
}

#[test]
fn billion_laughs_in_the_glossary() {
    let mut y = String::from(
        "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n  definition: &a \"lol\"\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, this) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        y.push_str(&format!("- term: T{this}\n  expansion: X\n  aliases: &{this} [{refs}]\n"));
    }
    let site = site_with("data/glossary.yaml", y.as_bytes());
    let (status, ds) = check(&site, &[]);
    expect(status, &ds, "glossary::invalid", "data/glossary.yaml", None);

    // The classic shape, a mapping of nested sequences, where a list belongs.
    let site = site_with("data/glossary.yaml", laughs("").as_bytes());
    let (status, ds) = check(&site, &[]);
    expect(status, &ds, "glossary::invalid", "data/glossary.yaml", None);
}

#[test]
fn one_big_scalar_aliased_a_thousand_times_in_the_glossary() {
    let big = "lol ".repeat(6 * 1024 * 1024 / 4);
    let refs = vec!["*a"; 900].join(", ");
    let y = format!(
        "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n  definition: &a \"{big}\"\n  aliases: [{refs}]\n"
    );
    let site = site_with("data/glossary.yaml", y.as_bytes());
    let (status, ds) = check(&site, &[]);
    expect(status, &ds, "glossary::invalid", "data/glossary.yaml", None);
}

#[test]
fn yaml_nested_10000_deep_in_frontmatter() {
    for (name, value) in [
        ("flow-seq", "[".repeat(10_000)),
        ("flow-map", "{a: ".repeat(10_000)),
        ("closed-seq", format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))),
        ("block-seq", format!("\n{}x", "- ".repeat(10_000))),
    ] {
        let text = format!("---\ntitle: Deep\nextra: {value}\n---\nBody.\n");
        let site = site_with("content/deep.md", text.as_bytes());
        let (status, ds) = check(&site, &[]);
        let d = expect(status, &ds, "frontmatter::yaml", "content/deep.md", None);
        let line = d["line"].as_u64().unwrap();
        assert!((2..=4).contains(&line), "{name}: the line is inside the frontmatter: {d}");
    }
}

#[test]
fn yaml_nested_10000_deep_in_the_glossary() {
    let y = format!("- term: MASH\n  expansion: X\n  aliases: {}\n", "[".repeat(10_000));
    let site = site_with("data/glossary.yaml", y.as_bytes());
    let (status, ds) = check(&site, &[]);
    expect(status, &ds, "glossary::invalid", "data/glossary.yaml", None);
}

#[test]
fn yaml_budget_messages_are_whole_sentences() {
    // The budgets hold (the tests above); what they say must read clearly too.
    let text = format!("---\ntitle: Laughs\nextra:\n{}---\nBody.\n", laughs("  "));
    let (status, ds) = check(&site_with("content/laughs.md", text.as_bytes()), &[]);
    let d = expect(status, &ds, "frontmatter::yaml", "content/laughs.md", None);
    assert_clear_yaml_message(d, "frontmatter");
    let y = format!("- term: MASH\n  expansion: X\n  aliases: {}\n", "[".repeat(10_000));
    let (status, ds) = check(&site_with("data/glossary.yaml", y.as_bytes()), &[]);
    let d = expect(status, &ds, "glossary::invalid", "data/glossary.yaml", None);
    assert_clear_yaml_message(d, "glossary");
}

#[test]
fn frontmatter_with_no_closing_line() {
    for text in [
        "---\ntitle: Never closed\nsummary: x\n\nBody text.\n",
        "---\r\ntitle: Never closed\r\n",
        "---\n",
        "---",
        "---\ntitle: T\n--- \u{a0}\nBody\n",
    ] {
        let site = site_with("content/open.md", text.as_bytes());
        let (status, ds) = check(&site, &[]);
        expect(status, &ds, "frontmatter::unclosed", "content/open.md", Some(1));
    }
}

// ---------------------------------------------------------------- encodings

const NUMBERED: &str = "## 1. One\n\n1.1 See paragraph 1.2.\n\n1.2 Here.\n";

#[test]
fn bom_crlf_and_mixed_line_endings_simply_work() {
    let body = |eol: &str| {
        format!("---{eol}title: Line endings{eol}---{eol}{}", NUMBERED.replace('\n', eol))
    };
    let mixed = "---\r\ntitle: Mixed\n---\r## 1. One\r\n\n1.1 See paragraph 1.2.\r\r1.2 Here.\n";
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("content/bom.md", [b"\xef\xbb\xbf".as_slice(), body("\n").as_bytes()].concat()),
        ("content/crlf.md", body("\r\n").into_bytes()),
        ("content/bom-crlf.md", [b"\xef\xbb\xbf".as_slice(), body("\r\n").as_bytes()].concat()),
        ("content/cr.md", body("\r").into_bytes()),
        ("content/mixed.md", mixed.as_bytes().to_vec()),
    ];
    let (p, t) = home();
    let site = Site::new(&[(p, &t)]);
    for (path, bytes) in &files {
        site.write_bytes(path, bytes);
    }
    site.write_bytes(
        "data/glossary.yaml",
        b"\xef\xbb\xbf- term: MASH\r\n  expansion: Multi-Agency Safeguarding Hub\r\n",
    );
    let (status, ds) = build(&site, &[]);
    assert_eq!(status, 0, "{ds:#?}");
    assert!(
        with_code(&ds, "frontmatter::yaml").is_empty()
            && with_code(&ds, "xref::unresolved").is_empty(),
        "{ds:#?}"
    );
    for (path, _) in &files {
        let stem = path.trim_start_matches("content/").trim_end_matches(".md");
        let html = site.read(&format!("{stem}/index.html"));
        assert!(html.contains("id=\"section-1\""), "{stem}: section id");
        assert!(html.contains("id=\"para-1-1\""), "{stem}: para-1-1");
        assert!(html.contains("id=\"para-1-2\""), "{stem}: para-1-2");
        assert!(html.contains("href=\"#para-1-2\""), "{stem}: the cross-reference is linked");
        assert!(
            !html.contains('\u{feff}') && !html.contains("&#xfeff;"),
            "{stem}: no BOM in the output"
        );
    }
}

#[test]
fn invalid_utf8_names_the_right_line() {
    for (bytes, line, column) in [
        (b"---\ntitle: T\n---\nline one\r\nline two\r\n\r\nbad \xff byte\n".as_slice(), 7, Some(5)),
        (b"---\ntitle: T\xc3\n---\nBody\n".as_slice(), 2, Some(9)),
        (b"\xef\xbb\xbf---\ntitle: T\n---\nBody\nends mid-character \xe2\x80".as_slice(), 5, None),
        (b"---\ntitle: T\n---\n\xed\xa0\x80 a surrogate\n".as_slice(), 4, Some(1)),
        (b"---\ntitle: T\n---\n\xc0\xaf overlong\n".as_slice(), 4, Some(1)),
    ] {
        let site = site_with("content/bad.md", bytes);
        let (status, ds) = check(&site, &[]);
        let d = expect(status, &ds, "content::utf8", "content/bad.md", Some(line));
        if let Some(column) = column {
            assert_eq!(d["column"], column, "{d}");
        }
    }
}

// ---------------------------------------------------------------- names and URLs

#[test]
fn a_file_name_with_spaces_unicode_and_url_unsafe_characters() {
    let site = site_with(
        "content/Annual Report — 2025 (final)#1.md",
        page("Annual report 2025", "", "The report.\n").as_bytes(),
    );
    let (status, ds) = build(&site, &[]);
    assert_eq!(status, 0, "{ds:#?}");
    // Lower case; spaces, the dash, brackets and `#` each become one `-`.
    assert!(
        site.exists("annual-report-2025-final-1/index.html"),
        "{:?}",
        all_files(&site.out()).iter().map(|f| f.0.clone()).collect::<Vec<_>>()
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://test.example.org/annual-report-2025-final-1/</loc>"),
        "{sitemap}"
    );
    for (path, bytes) in all_files(&site.out()) {
        let rel = path.strip_prefix(site.out()).unwrap().to_string_lossy().into_owned();
        assert!(
            !rel.contains(' ') && !rel.contains('#') && !rel.contains('—'),
            "an unsafe output path: {rel}"
        );
        assert!(!contains(&bytes, "Annual Report —"), "{rel} quotes the raw file name");
    }
}

#[test]
fn a_unicode_file_name_keeps_its_letters() {
    let site = site_with("content/Café plan.md", page("Café plan", "", "x\n").as_bytes());
    let (status, ds) = build(&site, &[]);
    assert_eq!(status, 0, "{ds:#?}");
    assert!(site.exists("café-plan/index.html"));
    assert!(
        site.read("sitemap.xml").contains("https://test.example.org/caf%C3%A9-plan/"),
        "{}",
        site.read("sitemap.xml")
    );
}

#[test]
fn two_files_with_the_same_url() {
    for (a, b) in [
        ("content/a-b.md", "content/A  B.md"),
        ("content/x.md", "content/x/index.md"),
        ("content/q.md", "content/Q?.md"),
    ] {
        let (p, t) = home();
        let site =
            Site::new(&[(p, &t), (a, &page("One", "", "x\n")), (b, &page("Two", "", "x\n"))]);
        let (status, ds) = check(&site, &[]);
        assert_eq!(status, 1, "{a} and {b}: {ds:#?}");
        let c = with_code(&ds, "content::slug-collision");
        assert!(!c.is_empty(), "{a} and {b}: {ds:#?}");
        let text = format!("{} {}", c[0]["file"], c[0]["message"]);
        assert!(text.contains(a) && text.contains(b), "names both files: {text}");
    }
}

// ---------------------------------------------------------------- escaping the site

const SECRET: &str = "TOP-SECRET-OUTSIDE-THE-SITE-7f3a";

/// A site, and a folder beside it (not inside it) holding secret files.
fn site_and_outside() -> (Site, tempfile::TempDir) {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), page("Secret", "", &format!("{SECRET}\n")))
        .unwrap();
    std::fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
    std::fs::write(outside.path().join("secret.csv"), format!("Name,Value\n{SECRET},1\n")).unwrap();
    std::fs::write(
        outside.path().join("glossary.yaml"),
        format!("- term: MASH\n  expansion: {SECRET}\n"),
    )
    .unwrap();
    std::fs::create_dir(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/inner.md"), page("Inner", "", &format!("{SECRET}\n")))
        .unwrap();
    let (p, t) = home();
    let site = Site::new(&[(p, &t)]);
    (site, outside)
}

fn assert_no_secret(site: &Site) {
    for (path, bytes) in all_files(&site.out()) {
        assert!(
            !contains(&bytes, SECRET),
            "{} publishes a file from outside the site",
            path.display()
        );
    }
}

#[test]
fn a_symlink_in_content_pointing_outside_the_site() {
    let (site, outside) = site_and_outside();
    let content = site.root().join("content");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), content.join("leak.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), content.join("leak.txt"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path().join("dir"), content.join("leakdir")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", content.join("passwd.md")).unwrap();
    let (status, ds) = build(&site, &[]);
    for file in ["content/leak.md", "content/leak.txt", "content/leakdir", "content/passwd.md"] {
        expect(status, &ds, "content::outside-root", file, None);
    }
    assert_no_secret(&site);
    // Even with the build refused, nothing was published; with the links
    // reported, a --out elsewhere holds no secret either.
    assert!(!site.out().join("leak/index.html").exists());
}

#[test]
fn a_symlink_in_data_or_static_pointing_outside_the_site() {
    let (site, outside) = site_and_outside();
    let root = site.root();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("static/leak.txt"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path().join("dir"), root.join("static/leakdir")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.csv"), root.join("data/leak.csv"))
        .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("glossary.yaml"),
        root.join("data/glossary.yaml"),
    )
    .unwrap();
    site.write(
        "content/table.md",
        &page("Table", "", "MASH.\n\n```table\ndata: leak\ncaption: \"Table 1: Leak\"\n```\n"),
    );
    let (status, ds) = build(&site, &[]);
    assert_no_secret(&site);
    // A data file read from outside the site is refused like one in content/.
    expect(status, &ds, "content::outside-root", "data/leak.csv", None);
    expect(status, &ds, "content::outside-root", "data/glossary.yaml", None);
}

#[test]
fn an_alias_that_escapes_the_output_is_refused() {
    for alias in [
        "../../etc/passwd",
        "/../../etc/passwd",
        "a/../../../etc/passwd",
        "..",
        "./../x",
        "a/./b",
        "../escape.html",
    ] {
        let (p, t) = home();
        let site = Site::new(&[
            (p, &t),
            ("content/a.md", &page("A", &format!("aliases: [\"{alias}\"]\n"), "x\n")),
        ]);
        // Build into a folder two levels down, so that an escape would land
        // inside the site's own temporary folder, where it can be seen.
        let out = site.root().join("x/y/public");
        let (status, ds) = build(&site, &["--out", out.to_str().unwrap()]);
        expect(status, &ds, "output::refused", "content/a.md", None);
        let outside: Vec<_> = all_files(site.root())
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| {
                !p.starts_with(&out)
                    && !p.starts_with(site.root().join("content"))
                    && !p.ends_with("charter.yaml")
            })
            .collect();
        assert!(outside.is_empty(), "`{alias}` wrote outside the output: {outside:?}");
        assert!(
            !site.root().join("etc").exists() && !site.root().join("x/etc").exists(),
            "{alias}"
        );
    }
}

#[test]
fn an_alias_with_backslashes_is_refused() {
    // On Linux `..\..\etc` is one odd folder name inside the output, but the
    // same output copied to or built on Windows climbs out of it.
    let (p, t) = home();
    let site = Site::new(&[
        (p, &t),
        ("content/a.md", &page("A", "aliases: ['..\\..\\etc\\passwd']\n", "x\n")),
    ]);
    let (status, ds) = build(&site, &[]);
    expect(status, &ds, "output::refused", "content/a.md", None);
}

#[test]
fn an_alias_that_cannot_be_a_file_name_is_a_diagnostic_on_its_page() {
    // A NUL byte, and a segment longer than any file system allows: `check`
    // must find them too, and the diagnostic must name the page.
    let long = "a".repeat(300);
    for alias in ["old\\0page".to_string(), format!("{long}/")] {
        let (p, t) = home();
        let site = Site::new(&[
            (p, &t),
            ("content/a.md", &page("A", &format!("aliases: [\"{alias}\"]\n"), "x\n")),
        ]);
        for (status, ds) in [check(&site, &[]), build(&site, &[])] {
            assert_eq!(status, 1, "alias {alias}: {ds:#?}");
            assert!(
                ds.iter().any(|d| d["file"] == "content/a.md" && d["severity"] == "error"),
                "alias {alias}: {ds:#?}"
            );
        }
    }
}

#[test]
fn an_alias_that_is_another_pages_url() {
    let (p, t) = home();
    let site = Site::new(&[
        (p, &t),
        ("content/a.md", &page("A", "", "x\n")),
        ("content/b.md", &page("B", "aliases: [\"/a/\"]\n", "x\n")),
    ]);
    let (status, ds) = build(&site, &[]);
    expect(status, &ds, "content::slug-collision", "content/b.md", None);
    // Its own URL, and a generated page, are taken too.
    for alias in ["/b/", "glossary/", "/", "404.html", "search/"] {
        let (p, t) = home();
        let site = Site::new(&[
            (p, &t),
            ("content/b.md", &page("B", &format!("aliases: [\"{alias}\"]\n"), "x\n")),
        ]);
        let (status, ds) = check(&site, &[]);
        assert_eq!(status, 1, "alias {alias}: {ds:#?}");
        let d = with_code(&ds, "content::slug-collision");
        assert!(!d.is_empty() && d[0]["file"] == "content/b.md", "alias {alias}: {ds:#?}");
    }
}

#[test]
fn an_alias_or_page_that_collides_with_a_generated_file() {
    // `sitemap.xml` as an alias (or `content/sitemap.xml.md` as a page) is the
    // folder `sitemap.xml/`, which cannot sit beside the file `sitemap.xml`:
    // `check` must say so, on the page, as `build` cannot write it.
    for (file, extra) in [
        ("content/b.md", "aliases: [sitemap.xml]\n"),
        ("content/b.md", "aliases: [feed.xml]\n"),
        ("content/b.md", "aliases: [robots.txt]\n"),
        ("content/sitemap.xml.md", ""),
    ] {
        let (p, t) = home();
        let site = Site::new(&[(p, &t), (file, &page("B", extra, "x\n"))]);
        for (status, ds) in [check(&site, &[]), build(&site, &[])] {
            let what = format!("{file} {extra}");
            assert_eq!(status, 1, "{what}: {ds:#?}");
            let d = with_code(&ds, "content::slug-collision");
            assert!(!d.is_empty() && d[0]["file"] == file, "{what}: {ds:#?}");
        }
    }
}

#[test]
fn two_pages_claiming_the_same_alias() {
    let (p, t) = home();
    let site = Site::new(&[
        (p, &t),
        ("content/a.md", &page("A", "aliases: [\"/old/\"]\n", "x\n")),
        ("content/b.md", &page("B", "aliases: [old]\n", "x\n")),
    ]);
    let (status, ds) = build(&site, &[]);
    let d = expect(status, &ds, "content::slug-collision", "content/b.md", None);
    assert!(d["message"].as_str().unwrap().contains("content/a.md"), "names the other page: {d}");
}

// ---------------------------------------------------------------- raw HTML

const RAW_HTML: &str = "Intro.\n\n<script>alert(1)</script>\n\nA <iframe src=\"https://x.org/\"></iframe>.\n\n<img src=x onerror=y alt=\"\">\n";

fn raw_html_site(policy: Option<&str>) -> Site {
    let mut config = CONFIG.to_string();
    if let Some(p) = policy {
        config.push_str(&format!("markdown: {{ raw_html: {p} }}\n"));
    }
    let (p, t) = home();
    Site::new(&[("charter.yaml", &config), (p, &t), ("content/x.md", &page("X", "", RAW_HTML))])
}

/// Lines of the `security::raw-html` diagnostics in content/x.md.
fn raw_html_lines(ds: &[Value], severity: &str) -> Vec<u64> {
    let hits = with_code(ds, "security::raw-html");
    for d in &hits {
        assert_eq!(d["file"], "content/x.md", "{d}");
        assert_eq!(d["severity"], severity, "{d}");
        assert!(d["help"].as_str().is_some_and(|h| h.contains("raw_html")), "{d}");
    }
    let mut lines: Vec<u64> = hits.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    lines.dedup();
    lines
}

#[test]
fn raw_html_that_can_run_script_is_an_error_by_default_and_never_published() {
    let site = raw_html_site(None);
    let (status, ds) = build(&site, &[]);
    assert_eq!(status, 1, "{ds:#?}");
    // The script at line 6, the iframe at 8, the onerror image at 10.
    assert_eq!(raw_html_lines(&ds, "error"), vec![6, 8, 10], "{ds:#?}");
    assert!(!site.exists("x/index.html"), "a failed build publishes nothing");
    let (status, ds) = build(&site, &["--drafts"]);
    assert_eq!((status, raw_html_lines(&ds, "error")), (1, vec![6, 8, 10]));
}

#[test]
fn raw_html_is_a_warning_when_the_site_chooses_warn() {
    let site = raw_html_site(Some("warn"));
    let (status, ds) = build(&site, &[]);
    assert_eq!(status, 0, "{ds:#?}");
    assert_eq!(raw_html_lines(&ds, "warning"), vec![6, 8, 10], "{ds:#?}");
    let (status, _) = check(&site, &["--strict"]);
    assert_eq!(status, 1);
}

#[test]
fn raw_html_is_silent_when_allowed() {
    let site = raw_html_site(Some("allow"));
    let (status, ds) = build(&site, &[]);
    assert_eq!(status, 0, "{ds:#?}");
    assert!(with_code(&ds, "security::raw-html").is_empty(), "{ds:#?}");
    assert!(
        site.read("x/index.html").contains("<script>alert(1)</script>"),
        "allowed HTML is kept as written"
    );
}

// ---------------------------------------------------------------- script-capable URLs

/// A site whose only problem is in `path`, with `markdown.raw_html: allow`
/// so that only the URL check can stop it.
fn unsafe_url_site(path: &str, text: &str) -> Site {
    let (p, t) = home();
    let config = format!("{CONFIG}markdown: {{ raw_html: allow }}\n");
    let mut files: Vec<(&str, &str)> = vec![("charter.yaml", &config), (p, &t)];
    files.push((path, text));
    Site::new(&files)
}

/// The `security::unsafe-url` errors of a build that must fail and
/// publish nothing; the file and line of each.
fn unsafe_urls(site: &Site) -> Vec<(String, u64)> {
    let (status, ds) = build(site, &["--drafts"]);
    assert_eq!(status, 1, "{ds:#?}");
    assert!(!site.out().exists(), "nothing is published");
    let hits = with_code(&ds, "security::unsafe-url");
    for d in &hits {
        assert_eq!(d["severity"], "error", "{d}");
    }
    hits.iter()
        .map(|d| (d["file"].as_str().unwrap_or("").to_string(), d["line"].as_u64().unwrap_or(0)))
        .collect()
}

#[test]
fn script_urls_in_markdown_are_errors_however_disguised() {
    let body = "[a](javascript:alert(1))\n\n[b](JaVaScRiPt:alert(1))\n\n\
                [c](&#106;avascript:alert(1))\n\n![d](data:text/html,x)\n\n[e](vbscript:x)\n\n\
                <a href=\"java&#x09;script:alert(1)\">f</a>\n\n<img alt=\"g\" src=\"data:image/svg+xml,x\">\n\n\
                ![fine](data:image/png;base64,iVBORw0KGgo=)\n";
    let site = unsafe_url_site("content/x.md", &page("X", "", body));
    let found = unsafe_urls(&site);
    let lines: Vec<u64> =
        found.iter().filter(|(f, _)| f == "content/x.md").map(|(_, l)| *l).collect();
    assert_eq!(lines, vec![4, 6, 8, 10, 12, 14, 16], "{found:?}");
}

#[test]
fn script_urls_in_frontmatter_data_and_csv_are_errors() {
    for (path, text, line) in [
        (
            "content/x.md",
            page("X", "kind: service\ncontact: { url: \"javascript:alert(1)\" }\n", "Text.\n"),
            4,
        ),
        ("content/y.md", page("Y", "extra:\n  website: \"data:text/html,x\"\n", "Text.\n"), 3),
        (
            "data/links.yaml",
            "- title: Ours\n  url: https://x.org/\n- title: Bad\n  url: \"VBScript:x\"\n".into(),
            4,
        ),
        ("data/table.csv", "name,url\nOurs,https://x.org/\nBad,javascript:alert(1)\n".into(), 3),
    ] {
        let site = unsafe_url_site(path, &text);
        let found = unsafe_urls(&site);
        assert!(found.contains(&(path.to_string(), line)), "{path}: {found:?}");
    }
}

#[test]
fn a_script_url_a_template_writes_is_caught_in_the_final_page() {
    let (p, t) = home();
    let site = Site::new(&[
        (p, &t),
        ("content/x.md", &page("X", "", "Text.\n")),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<a href=\"&#106;avascript:alert(1)\">Help</a>{% endblock content %}",
        ),
    ]);
    let found = unsafe_urls(&site);
    assert!(found.iter().any(|(f, _)| f == "content/x.md"), "{found:?}");
}

#[test]
fn allow_cannot_silence_a_script_url() {
    let config = format!("{CONFIG}diagnostics:\n  allow: [security::unsafe-url]\n");
    let (p, t) = home();
    let site = Site::new(&[
        ("charter.yaml", &config),
        (p, &t),
        ("content/x.md", &page("X", "", "[a](javascript:x)\n")),
    ]);
    assert_eq!(unsafe_urls(&site), vec![("content/x.md".to_string(), 4)]);
}

// ---------------------------------------------------------------- fuzz regressions

/// The seed inputs of every fuzz target (`fuzz/corpus/<target>/seed-*`).
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("seed-"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds in {}", dir.display());
    out
}

/// Feeds bytes to a target as its fuzz_target! does.
fn fuzz_one(target: &str, data: &[u8]) {
    match target {
        "frontmatter" => {
            if let Ok(text) = std::str::from_utf8(data) {
                charter_site::fuzzing::frontmatter(text);
            }
        }
        "markdown" => {
            if let Ok(text) = std::str::from_utf8(data) {
                let _ = charter_site::fuzzing::render(text);
            }
        }
        "csv" => {
            if let Ok(text) = std::str::from_utf8(data) {
                charter_site::fuzzing::csv(text);
            }
        }
        "diff" => {
            let (old, new) = match data.iter().position(|&b| b == 0) {
                Some(i) => (&data[..i], &data[i + 1..]),
                None => data.split_at(data.len() / 2),
            };
            if let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) {
                let _ = charter_site::fuzzing::diff(old, new);
            }
        }
        other => panic!("no fuzz target {other}"),
    }
}

#[test]
fn fuzz_seeds_run_cleanly() {
    for target in ["frontmatter", "markdown", "csv", "diff"] {
        for (_, bytes) in seeds(target) {
            fuzz_one(target, &bytes);
        }
    }
    // The markdown target really renders: cross-references and the glossary.
    let html = charter_site::fuzzing::render(
        "## 1. One\n\n1.1 The MASH, see paragraph 1.2.\n\n1.2 Here.\n",
    );
    assert!(html.contains("href=\"#para-1-2\""), "{html}");
}

/// An unknown acronym of 64 bytes or more, in a table cell or a
/// paragraph, followed by a character of two, three or four bytes across
/// its 64th byte: the warning's word was cut at byte 64, inside the
/// character (found by `scripts/fuzz`, from "ZZZ…ugh’s" in a table row).
#[test]
fn a_long_acronym_before_a_wide_character_is_reported_not_a_panic() {
    for n in 58..=66 {
        for wide in ["’", "é", "–", "🙂", "\u{a0}"] {
            let word = format!("{}ugh{wide}s", "Z".repeat(n));
            for body in [
                format!("| A | B |\n|---|---|\n| NHS Trust {word} leisure. | x |\n"),
                format!("The partnership and {word} met.\n"),
                format!("{word}\n"),
            ] {
                let _ = charter_site::fuzzing::render(&body);
            }
        }
    }
}

/// Renders `body(n)` and `body(4 n)` with `charter_site::fuzzing::render`
/// and fails if the larger took more than ten times as long (the best of
/// two runs each): linear code takes about four times as long, quadratic
/// code sixteen. A ratio, unlike a time limit, holds on a busy machine.
/// A render that never ends fails at `DEADLINE`.
fn renders_linearly(name: &str, n: usize, body: impl Fn(usize) -> String) {
    let time = |text: String| -> Duration {
        let (tx, rx) = std::sync::mpsc::channel();
        let started = Instant::now();
        std::thread::spawn(move || {
            let html = charter_site::fuzzing::render(&text);
            let _ = tx.send(html.len());
        });
        match rx.recv_timeout(DEADLINE) {
            Ok(_) => started.elapsed(),
            Err(_) => panic!("{name}: rendering took longer than {DEADLINE:?}"),
        }
    };
    let best = |text: String| time(text.clone()).min(time(text));
    let small = best(body(n));
    let large = best(body(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!("{name}: {n} in {small:?}, {} in {large:?} ({ratio:.1}x)", 4 * n);
    assert!(
        ratio < 10.0,
        "{name}: four times the input took {ratio:.1} times as long (quadratic?)"
    );
}

#[test]
fn fuzz_regression_many_acronyms_in_one_paragraph_are_linear() {
    // One run of capitalised words: `count_run` rescans the run for every word.
    renders_linearly("ABC x n", 20_000, |n| "ABC ".repeat(n));
    // Unknown acronyms in one paragraph across lines: each one counts the
    // newlines before it from the start of the text.
    renders_linearly("the DSL x n", 5_000, |n| "the DSL and\n".repeat(n));
}

#[test]
fn fuzz_regression_many_cross_references_are_linear() {
    // 40,000 numbered paragraphs each referring to the next: every reference
    // searches every numbered anchor of the document.
    renders_linearly("n cross-references", 2_000, |n| {
        (0..n).map(|i| format!("1.{i} See paragraph 1.{}.\n\n", i + 1)).collect()
    });
}

#[test]
fn fuzz_regression_many_text_events_in_one_paragraph_are_linear() {
    // Unmatched `*` splits a paragraph into 400,000 text events; `parse`
    // re-copies the joined text for each one.
    renders_linearly("*a x n", 50_000, |n| "*a ".repeat(n));
}
