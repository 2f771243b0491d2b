//! Slugs, content paths and URLs. Site-relative URLs have no leading slash
//! and end with `/` for pages ("about/partners/"); the home page is "".

/// A URL segment from a file name or a term: lower case, letters, digits,
/// `-` and `.`; everything else becomes `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '.' {
            for l in c.to_lowercase() {
                out.push(l);
            }
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    let trimmed = out.trim_matches(['-', '.']).to_string();
    // "." and ".." would climb the tree, so never let them be a segment.
    if trimmed.is_empty() { "page".into() } else { trimmed }
}

/// Joins a site-relative directory URL and a segment.
pub fn join(base: &str, segment: &str) -> String {
    if segment.is_empty() { base.to_string() } else { format!("{base}{segment}/") }
}

/// Percent-encodes what cannot stand in an href path as it is.
pub fn encode_path(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'#' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `v1.0`, `v2`, `v1.10`: a version folder's name, without its `v`.
pub fn version_of_dir_name(name: &str) -> Option<&str> {
    let v = name.strip_prefix('v')?;
    let dotted = v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !v.is_empty() && dotted { Some(v) } else { None }
}

/// The folder part of a `/`-separated path: "a/b" for "a/b/c.md".
pub fn parent_dir(path: &str) -> &str {
    path.rfind('/').map(|i| &path[..i]).unwrap_or("")
}

/// The last segment of a `/`-separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The file name without `.md`.
pub fn stem(path: &str) -> &str {
    let n = file_name(path);
    n.strip_suffix(".md").unwrap_or(n)
}

/// URL of a content folder: each segment slugified, version folders kept.
pub fn dir_url(dir: &str) -> String {
    let mut url = String::new();
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        if version_of_dir_name(seg).is_some() {
            url.push_str(seg);
        } else {
            url.push_str(&slugify(seg));
        }
        url.push('/');
    }
    url
}

/// The URL path an asset under `content/` is published at: its folder's
/// URL (segments slugified like pages') and its own file name.
pub fn asset_url(content_rel: &str) -> String {
    let (dir, name) = match content_rel.rfind('/') {
        Some(i) => (&content_rel[..i], &content_rel[i + 1..]),
        None => ("", content_rel),
    };
    let mut url = dir_url(dir);
    url.push_str(name);
    url
}

/// The content-path key links use: no `.md`, no `index`, no slashes at the ends.
pub fn content_key(content_path: &str) -> String {
    let p = content_path.trim_start_matches("@/").trim_matches('/');
    let p = p.strip_suffix(".md").unwrap_or(p);
    let p = if p == "_index" || p == "index" { "" } else { p };
    let p = p.strip_suffix("/_index").or_else(|| p.strip_suffix("/index")).unwrap_or(p);
    p.to_string()
}

/// Resolves `.` and `..` in a `/`-separated path; `None` if it climbs out.
pub fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Annual Report 2025/26"), "annual-report-2025-26");
        assert_eq!(slugify("appendix-b.1"), "appendix-b.1");
        assert_eq!(slugify(".."), "page");
        assert_eq!(slugify("MASH"), "mash");
        assert_eq!(slugify("Café plan"), "café-plan");
    }

    #[test]
    fn asset_urls_follow_page_urls() {
        assert_eq!(asset_url("reports/Annual Report/chart.png"), "reports/annual-report/chart.png");
        assert_eq!(
            asset_url("arrangements/masa/v1.0/chart.png"),
            "arrangements/masa/v1.0/chart.png"
        );
    }

    #[test]
    fn content_keys_and_paths() {
        assert_eq!(content_key("@/about/_index.md"), "about");
        assert_eq!(content_key("arrangements/masa/index.md"), "arrangements/masa");
        assert_eq!(normalise("a/b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise("../x.md"), None);
        assert_eq!(version_of_dir_name("v1.10"), Some("1.10"));
        assert_eq!(version_of_dir_name("v1."), None);
    }
}
