//! `charter serve` with a real HTTP client: it serves what `build` writes,
//! reloads open pages over server-sent events after an edit, shows errors
//! in the page, and never serves anything outside the site.

mod common;
use common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    /// Everything serve has printed on standard error since it started.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    /// Waits for the next line containing `needle` after the first `skip` lines.
    fn wait_for(&self, needle: &str, skip: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(line) =
                self.log.lock().unwrap().iter().skip(skip).find(|l| l.contains(needle))
            {
                return line.clone();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("serve never printed {needle:?}: {:?}", self.log.lock().unwrap());
    }
    fn lines(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    start_with(site, &[])
}

#[allow(clippy::zombie_processes)] // the child is waited for in Server::drop
fn start_with(site: &Site, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["serve", "--root", site.root().to_str().unwrap(), "--port", "0"])
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed its address");
        if let Some(i) = line.find("http://127.0.0.1:") {
            let port: u16 = line[i + 17..].split('/').next().unwrap().parse().unwrap();
            // Keep draining stderr so the server never blocks on a full pipe.
            let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            let sink = log.clone();
            std::thread::spawn(move || {
                while let Ok(line) = rx.recv() {
                    sink.lock().unwrap().push(line);
                }
            });
            return Server { child, port, log };
        }
    }
}

/// A minimal HTTP/1.1 GET: (status, body).
fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let (status, _, body) = request(port, path, "127.0.0.1");
    (status, body)
}

/// A GET with the given `Host` header: (status, headers in lower case, body).
fn request(port: u16, path: &str, host: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    let head = head.to_ascii_lowercase();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[line_end + 2..line_end + 2 + size]);
        b = &b[line_end + 2 + size + 2..];
    }
}

const SCRIPT: &str = "<script src=\"/__charter/reload.js\"></script>\n";

/// The glossary of the test sites: two terms.
const GLOSSARY: &str = "- term: LADO\n  expansion: Local Authority Designated Officer\n\
                        - term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n";

fn site() -> Site {
    Site::new(&[
        ("content/_index.md", &page("Home", "", "Read [the policy](@/policy/).\n")),
        (
            "content/policy.md",
            &page("Policy", "", "## 1. Aims\n\n1.1 See paragraph 1.2.\n\n1.2 The aim.\n"),
        ),
        ("content/other.md", &page("Other", "", "Unrelated.\n")),
        ("content/lado.md", &page("Allegations", "", "Call the LADO or the MASH.\n")),
        ("data/glossary.yaml", GLOSSARY),
        ("static/leaflet.txt", "leaflet"),
    ])
}

/// Every file `charter build` writes is served byte for byte (HTML with
/// only the reload script added).
fn assert_served_equals_build(site: &Site, port: u16) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let base = format!("http://127.0.0.1:{port}/");
    let r = site.build(&["--out", out.to_str().unwrap(), "--base-url", &base]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut n = 0;
    for e in walkdir::WalkDir::new(&out).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        let built = std::fs::read(e.path()).unwrap();
        let (status, served) = get(port, &format!("/{rel}"));
        assert_eq!(status, 200, "{rel}");
        let served = if rel.ends_with(".html") {
            String::from_utf8(served).unwrap().replacen(SCRIPT, "", 1).into_bytes()
        } else {
            served
        };
        assert_eq!(
            String::from_utf8_lossy(&served),
            String::from_utf8_lossy(&built),
            "{rel} differs from the build"
        );
        n += 1;
    }
    assert!(n > 10);
}

#[test]
fn serves_what_build_writes_and_stays_identical_after_edits() {
    let s = site();
    let server = start(&s);
    assert_served_equals_build(&s, server.port);
    // A sequence of edits: change a page, add one, remove one, break and fix.
    s.write(
        "content/policy.md",
        &page("Policy", "", "## 1. Aims\n\n1.1 See paragraph 1.3.\n\n1.3 The new aim.\n"),
    );
    std::thread::sleep(Duration::from_millis(700));
    s.write("content/new.md", &page("New", "", "Links to [the policy](@/policy/#para-1-3).\n"));
    std::thread::sleep(Duration::from_millis(700));
    // Term use moves: the glossary, its term pages and the search index follow.
    s.write("content/lado.md", &page("Allegations about staff", "", "Call the LADO.\n"));
    std::thread::sleep(Duration::from_millis(700));
    s.write("content/other.md", &page("Other", "", "The MASH decides.\n"));
    std::thread::sleep(Duration::from_millis(700));
    // Only a body changed: the site-wide pages' inputs did not, but the
    // MASH page must now list "Other".
    assert_served_equals_build(&s, server.port);
    std::thread::sleep(Duration::from_millis(700));
    std::fs::rename(s.root().join("content/new.md"), s.root().join("content/renamed.md")).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(get(server.port, "/new/").0, 404, "a renamed page leaves its old address");
    assert_eq!(get(server.port, "/renamed/").0, 200);
    std::fs::remove_file(s.root().join("content/other.md")).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    s.write("content/policy.md", "---\ntitle: [broken\n---\n");
    std::thread::sleep(Duration::from_millis(700));
    let (_, body) = get(server.port, "/");
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains("id=\"charter-errors\"") && body.contains("frontmatter::yaml"),
        "errors shown over the last good page"
    );
    assert!(body.contains("Read"), "the last good page is still served");
    s.write(
        "content/policy.md",
        &page("Policy", "", "## 1. Aims\n\n1.1 Fixed, see paragraph 1.3.\n\n1.3 The new aim.\n"),
    );
    std::thread::sleep(Duration::from_millis(900));
    let (_, body) = get(server.port, "/");
    assert!(
        !String::from_utf8(body).unwrap().contains("charter-errors"),
        "fixing the error clears it"
    );
    assert_eq!(get(server.port, "/other/").0, 404, "a removed page is gone after later edits");
    assert_eq!(get(server.port, "/renamed/").0, 200);
    assert_served_equals_build(&s, server.port);
}

/// A plan with two published versions and appendices, and a document
/// with appendices that is not versioned.
fn documents_site() -> Site {
    Site::new(&[
        (
            "content/_index.md",
            &page("Home", "", "See [the plan](@/plan/) and [the code](@/code/).\n"),
        ),
        (
            "content/plan/v1.9/index.md",
            &plan_version(
                "1.9",
                "published",
                "## 1. Aims\n\nThe partners meet monthly, see Appendix 1.\n",
            ),
        ),
        ("content/plan/v1.9/appendix-1.md", &page("Budget", "", "The budget is £100.\n")),
        (
            "content/plan/v1.10/index.md",
            &plan_version(
                "1.10",
                "published",
                "## 1. Aims\n\nThe partners meet quarterly, see Appendix 1.\n",
            ),
        ),
        ("content/plan/v1.10/appendix-1.md", &page("Budget", "", "The budget is £120.\n")),
        (
            "content/code/index.md",
            &page("Code", "", "## 1. Scope\n\nSee Appendix 1 and the LADO.\n"),
        ),
        ("content/code/appendix-1.md", &page("Contacts", "", "Call the MASH.\n")),
        ("content/code/appendix-2.md", &page("Forms", "", "See paragraph 1 of the code.\n")),
        ("data/glossary.yaml", GLOSSARY),
    ])
}

/// A build frees each page's Markdown once its pages are made, and hands
/// each part of a print page to it; serve keeps both. The changes,
/// compare and print pages, which read them after the pages, are the same
/// either way.
#[test]
fn versions_and_print_pages_are_served_as_build_writes_them() {
    let s = documents_site();
    let server = start(&s);
    assert_served_equals_build(&s, server.port);
    for url in ["/plan/v1.10/changes/", "/plan/compare/v1.9/", "/plan/print/", "/code/print/"] {
        let (status, body) = get(server.port, url);
        assert_eq!(status, 200, "{url}");
        assert!(String::from_utf8(body).unwrap().contains("Budget") || url == "/code/print/");
    }
    let (_, print) = get(server.port, "/code/print/");
    let print = String::from_utf8(print).unwrap();
    assert!(print.contains("Call the") && print.contains("Forms"), "every part is printed");
}

#[test]
fn an_edit_sends_a_reload_event() {
    let s = site();
    let server = start(&s);
    let mut reader = events(server.port);
    let mut line = String::new();
    std::thread::sleep(Duration::from_millis(300));
    let saved = Instant::now();
    s.write("content/policy.md", &page("Policy", "", "Edited.\n"));
    let mut seen = String::new();
    while !seen.contains("event: reload") {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        seen.push_str(&line);
    }
    eprintln!("reload event {} ms after the save", saved.elapsed().as_millis());
    assert!(String::from_utf8(get(server.port, "/policy/").1).unwrap().contains("Edited."));
}

/// Reads server-sent events until one named `name` arrives: its data.
fn next_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    let mut line = String::new();
    let mut current = String::new();
    // The stream's keep-alive comments never let a read time out.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "no {name} event within 30 s");
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        if let Some(n) = line.strip_prefix("event: ") {
            current = n.trim().to_string();
        } else if let Some(d) = line.strip_prefix("data: ")
            && current == name
        {
            return d.trim().to_string();
        }
    }
}

fn events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__charter/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.contains("200"), "{line}");
    reader
}

/// How many pages the rebuild after an edit rendered afresh.
fn rerendered(line: &str) -> usize {
    let after = line.split("re-rendered ").nth(1).unwrap_or_else(|| panic!("{line}"));
    after.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn an_edit_re_renders_only_the_pages_that_depend_on_it() {
    let s = Site::new(&[
        ("content/_index.md", &page("Home", "", "Read [the aims](@/policy/#section-1).\n")),
        (
            "content/policy.md",
            &page("Policy", "", "## 1. Aims\n\n1.1 See paragraph 1.2.\n\n1.2 The aim.\n"),
        ),
        ("content/other.md", &page("Other", "", "Unrelated.\n")),
        ("content/third.md", &page("Third", "", "Also unrelated.\n")),
        ("content/fourth.md", &page("Fourth", "", "Unrelated too.\n")),
    ]);
    let server = start(&s);
    let mut reader = events(server.port);
    std::thread::sleep(Duration::from_millis(300));

    // The text of one page: the fast path reloads that page alone, then the
    // rebuild renders nothing else (no other page shows or links to its text).
    let before = server.lines();
    s.write("content/other.md", &page("Other", "", "Unrelated, and edited.\n"));
    assert_eq!(
        next_event(&mut reader, "reload"),
        r#"["other/index.html"]"#,
        "the first reload names the edited page only"
    );
    assert!(
        String::from_utf8(get(server.port, "/other/").1)
            .unwrap()
            .contains("Unrelated, and edited.")
    );
    server.wait_for("Updated /other/", before);
    assert_eq!(rerendered(&server.wait_for("Rebuilt in", before)), 1);

    // A heading that another page links to: that page is rendered again too,
    // and the unrelated pages are not.
    std::thread::sleep(Duration::from_millis(300));
    let before = server.lines();
    s.write(
        "content/policy.md",
        &page("Policy", "", "## 1. Aims and scope\n\n1.1 See paragraph 1.2.\n\n1.2 The aim.\n"),
    );
    let n = rerendered(&server.wait_for("Rebuilt in", before));
    assert_eq!(n, 2, "the policy, and the home page that links to its heading");
    assert_served_equals_build(&s, server.port);
}

#[test]
fn a_css_change_swaps_stylesheets_without_a_reload() {
    let s = site();
    s.write("static/extra.css", "body{}");
    let server = start(&s);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "GET /__charter/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.write("static/extra.css", "body{color:#000}");
    let mut seen = String::new();
    while !seen.contains("event: ") {
        line.clear();
        reader.read_line(&mut line).unwrap();
        seen.push_str(&line);
    }
    assert!(seen.contains("event: css"), "{seen}");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let s = site();
    s.write("secret.txt", "do not serve");
    let server = start(&s);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/charter.yaml",
        "/content/policy.md",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!String::from_utf8_lossy(&body).contains("do not serve"));
    }
    let (status, body) = get(server.port, "/leaflet.txt");
    assert_eq!((status, body), (200, b"leaflet".to_vec()));
    let (status, _) = get(server.port, "/policy");
    assert_eq!(status, 301);
}

#[test]
fn only_the_previews_own_host_names_are_answered() {
    let s = site();
    let server = start_with(&s, &["--allowed-host", "Preview.Council.Test"]);
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "preview.council.test".to_string(),
    ] {
        let (status, head, _) = request(port, "/policy/", &host);
        assert_eq!(status, 200, "{host}");
        assert!(head.contains("content-security-policy: default-src 'self'"), "{host}: {head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{host}: {head}");
    }
    // DNS rebinding: a page on another site whose name now resolves here.
    for host in ["evil.example", &format!("evil.example:{port}"), "127.0.0.1.evil.example"] {
        let (status, head, body) = request(port, "/policy/", host);
        assert_eq!(status, 403, "{host}");
        assert!(!String::from_utf8_lossy(&body).contains("The aim"), "{host}: no content");
        assert!(head.contains("content-security-policy"), "{host}");
        let (status, _, _) = request(port, "/__charter/events", host);
        assert_eq!(status, 403, "{host}: events");
    }
}

#[test]
fn a_site_built_for_a_sub_path_previews_under_it() {
    let s = site();
    s.write("charter.yaml", &CONFIG.replace("https://test.example.org/", "https://x.org/nscp/"));
    let server = start_with(&s, &[]);
    let port = server.port;
    let (status, _, body) = request(port, "/nscp/", "localhost");
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/nscp/policy/\""), "links keep the sub-path: {body}");
    let (status, _, body) = request(port, "/nscp/policy/", "localhost");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("The aim"));
    for (path, location) in
        [("/", "/nscp/"), ("/nscp", "/nscp/"), ("/nscp/policy", "/nscp/policy/")]
    {
        let (status, head, _) = request(port, path, "localhost");
        assert_eq!(status, 301, "{path}");
        assert!(head.contains(&format!("location: {location}\r\n")), "{path}: {head}");
    }
    let (status, _, _) = request(port, "/policy/", "localhost");
    assert_eq!(status, 404, "outside the sub-path");
}

/// A rebuild takes whether an unchanged `index.md` is a local offer from
/// the last load: the services beside it stay services when only they
/// change.
#[test]
fn services_beside_a_local_offer_stay_services_across_rebuilds() {
    let service = |body: &str| {
        page(
            "Short breaks",
            "ages: { min: 5, max: 17 }\ncategories: [leisure]\ncontact: { phone: \"020 7946 0102\" }\n",
            body,
        )
    };
    let s = Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        (
            "content/offer/index.md",
            &page("Offer", "kind: local-offer\noffer_for: send\n", "Services.\n"),
        ),
        ("content/offer/breaks.md", &service("Fun.\n")),
    ]);
    let server = start(&s);
    assert_served_equals_build(&s, server.port);
    s.write("content/offer/breaks.md", &service("More fun.\n"));
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(get(server.port, "/offer/category/leisure/").0, 200, "still a service");
    assert_served_equals_build(&s, server.port);
}

#[test]
fn a_save_that_changes_no_page_bytes_rebuilds_nothing() {
    let s = site();
    let server = start(&s);
    std::thread::sleep(Duration::from_millis(300));
    let rebuilt_since = |from: usize| {
        server.log.lock().unwrap().iter().skip(from).filter(|l| l.contains("Rebuilt in")).count()
    };

    // The page written again exactly as it was (an editor saving an
    // unchanged buffer; the second write of a save that truncates first).
    let before = server.lines();
    s.write("content/other.md", &page("Other", "", "Unrelated.\n"));
    let line = server.wait_for("nothing to rebuild", before);
    assert!(line.contains("content/other.md"), "{line}");
    assert_eq!(rebuilt_since(before), 0, "{:?}", server.log.lock().unwrap());

    // An edit is rebuilt, and saving the edited text again is not.
    let before = server.lines();
    s.write("content/other.md", &page("Other", "", "Unrelated, edited.\n"));
    server.wait_for("Rebuilt in", before);
    let before = server.lines();
    s.write("content/other.md", &page("Other", "", "Unrelated, edited.\n"));
    s.write("content/lado.md", &page("Allegations", "", "Call the LADO or the MASH.\n"));
    server.wait_for("nothing to rebuild", before);
    assert_eq!(rebuilt_since(before), 0, "{:?}", server.log.lock().unwrap());

    // The same number of bytes with one changed is an edit.
    let before = server.lines();
    s.write("content/other.md", &page("Other", "", "Unrelated, edit3d.\n"));
    server.wait_for("Rebuilt in", before);
    assert!(
        String::from_utf8(get(server.port, "/other/").1).unwrap().contains("Unrelated, edit3d.")
    );

    // Only pages are compared: anything else saved is rebuilt from.
    let before = server.lines();
    s.write(
        "data/glossary.yaml",
        "- term: LADO\n  expansion: Local Authority Designated Officer\n\
         - term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n",
    );
    server.wait_for("Rebuilt in", before);
    assert_served_equals_build(&s, server.port);
}

#[test]
fn with_poll_an_edit_is_rebuilt_and_reloaded() {
    let s = site();
    let server = start_with(&s, &["--poll"]);
    let mut reader = events(server.port);
    // The polling watcher reads modification times to the second: an edit
    // in the second the file was written is not seen as one.
    std::thread::sleep(Duration::from_millis(1100));
    let before = server.lines();
    s.write("content/other.md", &page("Other", "", "Polled, and edited.\n"));
    while !next_event(&mut reader, "reload").contains("other/index.html") {}
    server.wait_for("Rebuilt in", before);
    assert!(
        String::from_utf8(get(server.port, "/other/").1).unwrap().contains("Polled, and edited.")
    );
    // A new page is found too (the poll reports a creation).
    s.write("content/added.md", &page("Added", "", "Found by polling.\n"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(server.port, "/added/").0 != 200 {
        assert!(Instant::now() < deadline, "the new page never appeared");
        std::thread::sleep(Duration::from_millis(50));
    }
}
