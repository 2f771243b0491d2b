//! Help for tests across the crates (the `cfg(test)` of one crate is not
//! seen by another's tests).

/// Every Markdown file in the repository's demo site, guide and test
/// fixtures, whole: real documents to hold a fast path to the rule it
/// shortens. For tests: it reads the repository's files and panics
/// without them.
pub fn repository_markdown_files() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs: Vec<_> =
        ["content", "docs/content", "tests/fixtures"].iter().map(|d| root.join(d)).collect();
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(std::fs::read_to_string(&path).expect("readable"));
            }
        }
    }
    assert!(files.len() > 100, "the demo, the guide and the fixtures were read");
    files
}

/// The frontmatter of every file of [`repository_markdown_files`] that has
/// one: the YAML between its `---` lines.
pub fn repository_frontmatter() -> Vec<String> {
    let found: Vec<String> = repository_markdown_files()
        .iter()
        .filter_map(|text| {
            let rest = text.strip_prefix("---\n")?;
            let end = rest.find("\n---")?;
            Some(rest[..=end].to_string())
        })
        .filter(|yaml| !yaml.trim().is_empty())
        .collect();
    assert!(found.len() > 100, "the repository's frontmatter was read");
    found
}

/// Every line of [`repository_markdown_files`].
pub fn repository_markdown_lines() -> Vec<String> {
    let lines: Vec<String> = repository_markdown_files()
        .iter()
        .flat_map(|text| text.lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(lines.len() > 1000, "the demo, the guide and the fixtures were read");
    lines
}

/// `cases` (the ways a rule's input can be written), then every line of
/// [`repository_markdown_lines`]: the texts a fast path is held to.
pub fn cases_and_repository_lines(cases: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = cases.iter().map(|t| t.to_string()).collect();
    texts.extend(repository_markdown_lines());
    texts
}

/// Every ASCII byte in every place of strings of 1 to 19 bytes (the rest
/// `a`), each also after a two-byte character: every position around an
/// eight-bytes-at-a-time step, and its tail, for a fast path's tests.
pub fn ascii_byte_in_every_place() -> Vec<String> {
    let mut texts = Vec::new();
    for byte in 0..128u8 {
        for len in 1..20 {
            for place in 0..len {
                let mut t = vec![b'a'; len];
                t[place] = byte;
                let t = String::from_utf8(t).expect("ASCII");
                texts.push(format!("é{t}"));
                texts.push(t);
            }
        }
    }
    texts
}
