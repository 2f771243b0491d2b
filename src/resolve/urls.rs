//! Slugs and URL helpers. Site-relative URLs have no leading slash and end
//! with `/` for pages ("about/partners/"); the home page is "".

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
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'#' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
}
