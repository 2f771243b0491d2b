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
    encode_path_into(&mut out, url);
    out
}

/// [`encode_path`], appended to `out`: runs of bytes kept as they are are
/// copied whole (nearly every address is one such run).
pub fn encode_path_into(out: &mut String, url: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = url.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'#')
        {
            continue;
        }
        // A run of kept bytes is ASCII, so it starts and ends between
        // characters even where the byte before it was inside one.
        if from < i {
            out.push_str(&url[from..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
        from = i + 1;
    }
    if from < bytes.len() {
        out.push_str(&url[from..]);
    }
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

/// A URL scheme that can run script when a link is followed or a
/// resource loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnsafeScheme {
    /// `javascript:`.
    Javascript,
    /// `vbscript:`.
    Vbscript,
    /// `data:` with a type other than a raster image (HTML, SVG, script…).
    Data,
}

impl UnsafeScheme {
    /// The scheme as written in a URL, with its colon.
    pub fn as_str(self) -> &'static str {
        match self {
            UnsafeScheme::Javascript => "javascript:",
            UnsafeScheme::Vbscript => "vbscript:",
            UnsafeScheme::Data => "data:",
        }
    }
}

/// The script-capable scheme of `url`, read the way a browser reads an
/// attribute value: character references decoded (`&#106;avascript:`),
/// tabs and newlines anywhere removed, leading and trailing spaces and
/// control characters ignored, and the scheme compared in any case.
/// `data:` URLs are safe only for raster images; SVG can carry script.
/// Relative URLs, `https:`, `mailto:` and every other scheme are safe.
pub fn unsafe_url(url: &str) -> Option<UnsafeScheme> {
    if !may_name_a_scheme(url.as_bytes()) {
        return None;
    }
    // Nearly every address that names a scheme (`https:`, `mailto:`) has
    // no character reference, control character or space: the steps below
    // would leave it as it is, and it is read without copies.
    if !url.bytes().any(|b| b == b'&' || b <= b' ') {
        return scheme_verdict(url);
    }
    scheme_after_every_step(url)
}

/// [`unsafe_url`] of an address read through every step: its character
/// references decoded, then what the URL parser drops (tab, LF and CR
/// wherever they are, C0 controls and spaces at both ends) dropped.
fn scheme_after_every_step(url: &str) -> Option<UnsafeScheme> {
    let decoded = decode_references(url);
    let cleaned: String = decoded.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    scheme_verdict(cleaned.trim_matches(|c: char| c <= ' '))
}

/// [`unsafe_url`] of an address the URL parser would not change.
fn scheme_verdict(trimmed: &str) -> Option<UnsafeScheme> {
    let colon = trimmed.find(':')?;
    let scheme = &trimmed[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid {
        return None;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" => Some(UnsafeScheme::Javascript),
        "vbscript" => Some(UnsafeScheme::Vbscript),
        "data" if !is_raster_image(&trimmed[colon + 1..]) => Some(UnsafeScheme::Data),
        _ => None,
    }
}

/// Whether a URL could name a scheme at all: every scheme ends in a colon,
/// written or as a character reference. [`unsafe_url`] asks this first;
/// so does the final-HTML check, before reading an attribute's bytes as
/// text.
pub fn may_name_a_scheme(url: &[u8]) -> bool {
    // Sixteen bytes at a time: the final-HTML check asks this of every
    // address of every page, and most are short paths.
    use crate::lanes::{equal, find};
    find(url, 0, |x| equal(x, b':') | equal(x, b'&')).is_some()
}

/// Attributes whose value is a URL a browser may follow or load.
pub const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "cite",
    "background",
    "ping",
    "manifest",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
];

/// The URLs in the value of attribute `name` (lower case): none for an
/// attribute that holds no URL, each candidate of a `srcset`, the whole
/// value otherwise. Nothing is allocated: the final-HTML check asks this
/// of every attribute of every page.
pub fn urls_in_attribute<'a>(
    name: &str,
    value: &'a str,
) -> impl Iterator<Item = &'a str> + use<'a> {
    let holds_urls = URL_ATTRIBUTES.contains(&name);
    let listed = name == "srcset" || name == "ping";
    let whole = (holds_urls && !listed).then_some(value);
    let candidates = (holds_urls && listed)
        .then(|| value.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()))
        .into_iter()
        .flatten();
    whole.into_iter().chain(candidates)
}

/// A script-capable URL found in structured data (frontmatter, a data
/// file, a CSV table), with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsafeValue {
    /// The keys (or column) leading to it, such as `["contact", "url"]`.
    pub path: Vec<String>,
    /// The scheme that makes it unsafe.
    pub scheme: UnsafeScheme,
}

/// Whether a key names a URL: `url`, `href`, `website`, `logo_url`…
pub fn is_url_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    const NAMES: &[&str] =
        &["url", "href", "link", "src", "website", "web", "homepage", "image", "logo", "icon"];
    NAMES.contains(&key.as_str())
        || NAMES.iter().any(|n| {
            key.ends_with(&format!("_{n}"))
                || key.ends_with(&format!("-{n}"))
                || key.starts_with(&format!("{n}_"))
                || key.starts_with(&format!("{n}-"))
        })
}

/// Whether a value found under `key` is a script-capable URL. Under a key
/// that names a URL every unsafe scheme counts; elsewhere only
/// `javascript:` and `vbscript:`, as prose may well begin "Data: …".
pub fn unsafe_value(key: Option<&str>, value: &str) -> Option<UnsafeScheme> {
    let scheme = unsafe_url(value)?;
    let url_key = key.is_some_and(is_url_key);
    (url_key || scheme != UnsafeScheme::Data).then_some(scheme)
}

/// Every script-capable URL in a tree of data: strings under URL keys, and
/// any string that is a `javascript:` or `vbscript:` URL.
pub fn unsafe_values(value: &serde_json::Value) -> Vec<UnsafeValue> {
    let mut found = Vec::new();
    let mut path = Vec::new();
    walk(value, None, &mut path, &mut found);
    found
}

fn walk(
    value: &serde_json::Value,
    key: Option<&str>,
    path: &mut Vec<String>,
    found: &mut Vec<UnsafeValue>,
) {
    match value {
        serde_json::Value::String(s) => {
            if let Some(scheme) = unsafe_value(key, s) {
                found.push(UnsafeValue { path: path.clone(), scheme });
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                walk(item, key, path, found);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                path.push(k.clone());
                walk(v, Some(k), path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Whether YAML text could hold a script-capable URL at all: a cheap test
/// that spares a second parse of every page's frontmatter.
pub fn may_hold_unsafe_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["script", "data:", "&#", "&colon", "\\"].iter().any(|n| lower.contains(n))
}

/// Whether the rest of a `data:` URL (after the colon) declares a raster
/// image type.
fn is_raster_image(rest: &str) -> bool {
    let media = rest.split([',', ';']).next().unwrap_or("").trim().to_ascii_lowercase();
    media.starts_with("image/") && media != "image/svg+xml"
}

/// Decodes HTML character references, numeric (with or without their
/// `;`, decimal or hex, any number of leading zeros) and the named ones
/// that can hide a scheme's letters or colon.
fn decode_references(text: &str) -> String {
    const NAMED: &[(&str, char)] = &[
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("amp;", '&'),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("sol;", '/'),
        ("num;", '#'),
        ("period;", '.'),
        ("plus;", '+'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some((c, used)) = numeric_reference(after) {
            out.push(c);
            rest = &after[used..];
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| after.starts_with(n)) {
            out.push(*c);
            rest = &after[name.len()..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `#106;`, `#x6A`, `#0000106`: the character and the bytes it took.
fn numeric_reference(after_ampersand: &str) -> Option<(char, usize)> {
    let body = after_ampersand.strip_prefix('#')?;
    let (hex, digits_from) = match body.as_bytes().first() {
        Some(b'x' | b'X') => (true, 2),
        _ => (false, 1),
    };
    let digits: &str = {
        let tail = &after_ampersand[digits_from..];
        let n = tail
            .bytes()
            .take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() })
            .count();
        &tail[..n]
    };
    if digits.is_empty() {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    // Too long to be a character: the browser gives U+FFFD.
    let value = if significant.len() > 8 {
        0xFFFD
    } else if significant.is_empty() {
        0
    } else {
        u32::from_str_radix(significant, if hex { 16 } else { 10 }).unwrap_or(0xFFFD)
    };
    let c = char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
    let mut used = digits_from + digits.len();
    if after_ampersand[used..].starts_with(';') {
        used += 1;
    }
    Some((c, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The way [`unsafe_url`] read every address before it passed over
    /// the steps that change nothing.
    fn unsafe_url_every_step(url: &str) -> Option<UnsafeScheme> {
        may_name_a_scheme(url.as_bytes()).then(|| scheme_after_every_step(url)).flatten()
    }

    /// Every ASCII byte in every place of addresses with and without a
    /// scheme, a reference or white space, read both ways.
    #[test]
    fn the_quick_reading_is_every_step() {
        let shapes = [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:image/png;base64,AAAA",
            "data:text/html,x",
            "https://example.org/a?b=c",
            "mailto:a@example.org",
            "vbscript:x",
            "/path/to:page",
            "java&#115;cript:x",
            " javascript:x",
        ];
        for shape in shapes {
            for byte in 0..128u8 {
                for place in 0..shape.len() {
                    let mut b = shape.as_bytes().to_vec();
                    b[place] = byte;
                    let url = String::from_utf8(b).expect("ASCII");
                    assert_eq!(unsafe_url(&url), unsafe_url_every_step(&url), "{url:?}");
                }
            }
        }
        for text in crate::testing::ascii_byte_in_every_place() {
            let url = format!("{text}:x");
            assert_eq!(unsafe_url(&url), unsafe_url_every_step(&url), "{url:?}");
        }
    }

    /// The sixteen-at-a-time test is the byte test: every byte in every
    /// place of addresses of every length around the sixteen-byte step.
    #[test]
    fn may_name_a_scheme_is_the_byte_test() {
        for len in 0..26 {
            for place in 0..len {
                for byte in 0..=255u8 {
                    let mut url = vec![b'/'; len];
                    url[place] = byte;
                    let slow = url.iter().any(|&b| b == b':' || b == b'&');
                    assert_eq!(may_name_a_scheme(&url), slow, "{url:?}");
                }
            }
        }
        assert!(!may_name_a_scheme(b""));
    }

    /// Runs copied whole give what encoding byte by byte gives, for every
    /// byte before, between and after kept text, and for characters of
    /// two, three and four bytes.
    #[test]
    fn paths_encode_as_byte_by_byte() {
        let by_byte = |url: &str| {
            url.bytes()
                .map(|b| match b {
                    b'A'..=b'Z'
                    | b'a'..=b'z'
                    | b'0'..=b'9'
                    | b'-'
                    | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'#' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        let mut urls: Vec<String> = (0u8..0x80)
            .map(|b| b as char)
            .chain(['é', '€', '😀', '\u{a0}'])
            .flat_map(|c| {
                [format!("{c}"), format!("a{c}"), format!("/x/{c}y/"), format!("{c}{c}z")]
            })
            .collect();
        urls.push(String::new());
        for url in &urls {
            assert_eq!(encode_path(url), by_byte(url), "{url:?}");
        }
    }

    #[test]
    fn attribute_urls_are_the_whole_value_or_each_listed_candidate() {
        let urls = |name, value| urls_in_attribute(name, value).collect::<Vec<_>>();
        assert_eq!(urls("href", "/a/ b"), vec!["/a/ b"]);
        assert_eq!(urls("title", "javascript:alert(1)"), Vec::<&str>::new());
        assert_eq!(
            urls("srcset", "a.png 1x, javascript:x 2x"),
            vec!["a.png", "1x", "javascript:x", "2x"]
        );
        assert_eq!(urls("ping", " /p1  /p2 "), vec!["/p1", "/p2"]);
        let unsafe_in = |name, value| urls_in_attribute(name, value).find_map(unsafe_url).is_some();
        assert!(unsafe_in("srcset", "a.png 1x, javascript:x 2x"), "a later candidate counts");
        assert!(unsafe_in("href", "&#106;avascript:x"));
        assert!(!unsafe_in("href", "/glossary/#mash"));
    }

    #[test]
    fn unsafe_values_in_data_name_their_path() {
        let value = serde_json::json!({
            "contact": { "url": "JAVASCRIPT:alert(1)", "phone": "020" },
            "services": [{ "logo_url": "data:text/html,x", "note": "Data: collected yearly" }],
            "summary": "vbscript:x",
            "fine": "https://x.org/",
        });
        let found = unsafe_values(&value);
        let paths: Vec<String> = found.iter().map(|f| f.path.join(".")).collect();
        assert_eq!(paths, vec!["contact.url", "services.logo_url", "summary"]);
        assert!(is_url_key("Website") && is_url_key("image-src") && !is_url_key("category"));
        assert!(may_hold_unsafe_url("url: JavaScript:x") && !may_hold_unsafe_url("title: Hi"));
    }

    #[test]
    fn script_schemes_are_unsafe_however_written() {
        use UnsafeScheme::*;
        for (url, scheme) in [
            ("javascript:alert(1)", Javascript),
            ("JavaScript:alert(1)", Javascript),
            ("  javascript:alert(1)", Javascript),
            ("\u{1}\u{1f} javascript:x", Javascript),
            ("java\tscript:x", Javascript),
            ("java\nscr\ript:x", Javascript),
            ("&#106;avascript:x", Javascript),
            ("&#x6A;avascript:x", Javascript),
            ("&#X6a;avascript:x", Javascript),
            ("&#0000106avascript:x", Javascript),
            ("javascript&colon;x", Javascript),
            ("javascript&#58;x", Javascript),
            ("java&Tab;script:x", Javascript),
            ("java&NewLine;script:x", Javascript),
            ("java&#9;script:x", Javascript),
            ("java&#x0A;script:x", Javascript),
            ("vbscript:msgbox(1)", Vbscript),
            ("VBScript:msgbox(1)", Vbscript),
            ("data:text/html,<script>alert(1)</script>", Data),
            ("data:text/html;base64,PHNjcmlwdD4=", Data),
            ("DATA:TEXT/HTML,x", Data),
            ("data:,plain text", Data),
            ("data:image/svg+xml,<svg onload=alert(1)>", Data),
            ("data:application/javascript,alert(1)", Data),
            ("d&#97;ta:text/html,x", Data),
        ] {
            assert_eq!(unsafe_url(url), Some(scheme), "{url:?}");
        }
    }

    #[test]
    fn ordinary_urls_are_safe() {
        for url in [
            "https://www.gov.uk/",
            "http://example.org/a?b=javascript:x",
            "mailto:nscp@example.org",
            "tel:+442080000000",
            "/arrangements/masa/",
            "../appendix-1/",
            "#section-2",
            "javascript", // no colon: a relative path
            "notjavascript:x",
            "./javascript:x",
            "/javascript:x",
            "?javascript:x",
            "java script:x", // a space is not part of a scheme
            "data:image/png;base64,iVBORw0KGgo=",
            "data:image/jpeg,xyz",
            "DATA:IMAGE/GIF;base64,R0lGOD",
            "&amp;javascript",
            "",
            "&#",
            "&#x;",
            "&#99999999999999999999;",
        ] {
            assert_eq!(unsafe_url(url), None, "{url:?}");
        }
    }

    /// A small deterministic generator, so the fuzz-ish test is repeatable.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// `url` as an attacker might write it: each character of its scheme
    /// in random case, perhaps as a character reference, with tabs and
    /// newlines between. (A reference without its `;` runs on into the
    /// next digit, in a browser too, so only letters and `:` follow one.)
    fn disguise(url: &str, random: &mut Random) -> String {
        let split = url.find(':').map_or(0, |i| i + 1);
        let mut out = String::new();
        for c in url[..split].chars() {
            let c = if random.below(2) == 0 { c.to_ascii_uppercase() } else { c };
            match random.below(6) {
                0 => out.push_str(&format!("&#{};", c as u32)),
                1 => out.push_str(&format!("&#x{:x};", c as u32)),
                2 => out.push_str(&format!("&#{:0>7}", c as u32)),
                3 => {
                    out.push(c);
                    out.push(['\t', '\n', '\r'][random.below(3)]);
                }
                _ => out.push(c),
            }
        }
        out.push_str(&url[split..]);
        out
    }

    #[test]
    fn disguised_script_urls_are_always_caught_and_disguised_safe_ones_never() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let unsafe_ones = ["javascript:alert(1)", "vbscript:x", "data:text/html,x"];
        let safe_ones = ["https://x.org/", "mailto:a@b.org", "data:image/png,x", "page/"];
        for _ in 0..2_000 {
            let lead = [" ", "\u{0}", "\u{1b}", "\t", ""][random.below(5)];
            let bad = unsafe_ones[random.below(unsafe_ones.len())];
            let disguised = format!("{lead}{}", disguise(bad, &mut random));
            assert!(unsafe_url(&disguised).is_some(), "{disguised:?} from {bad:?}");
            let good = safe_ones[random.below(safe_ones.len())];
            let disguised = disguise(good, &mut random);
            assert_eq!(unsafe_url(&disguised), None, "{disguised:?} from {good:?}");
        }
    }

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
