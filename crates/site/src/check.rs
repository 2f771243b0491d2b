//! Checks on the final HTML of every page, theme included: the things
//! that can only be seen once templates and content are put together.

use std::collections::HashMap;

use charter_core::config::RawHtmlPolicy;
use charter_core::hash::{FixedState, fixed_state, hash_of};
use charter_core::urls::{URL_ATTRIBUTES, may_name_a_scheme, unsafe_url, urls_in_attribute};
use charter_core::{Code, Diagnostic, Severity, Sink};
use charter_resolve::Site;
use rayon::prelude::*;

use crate::files::Files;

/// Which source file a page of output came from, for diagnostics.
fn source_of(site: &Site, path: &str) -> String {
    let url = path.strip_suffix("index.html").unwrap_or(path);
    match site.structure().route_at(url) {
        Some(route) => site.page(route.page).file.clone(),
        None => format!("(generated page /{url})"),
    }
}

/// Final-HTML findings of earlier builds, by output path and content hash.
pub(crate) type CheckCache = HashMap<String, (u64, Vec<Diagnostic>)>;

/// Checks every HTML file of the output, reusing the findings for files
/// whose bytes have not changed.
pub(crate) fn check_html(
    site: &Site,
    files: &Files,
    sink: &Sink,
    cache: &mut CheckCache,
    keep: bool,
) {
    let previous = &*cache;
    let results: Vec<(String, u64, Vec<Diagnostic>)> = files
        .par_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| {
            let key = if keep { hash_of(bytes) } else { 0 };
            if let Some((k, d)) = previous.get(path)
                && *k == key
            {
                return (path.clone(), key, d.clone());
            }
            let local = Sink::default();
            check_page(site, path, bytes, &local);
            (path.clone(), key, local.take())
        })
        .collect();
    cache.clear();
    for (path, key, ds) in results {
        sink.extend(ds.iter().cloned());
        if keep {
            cache.insert(path, (key, ds));
        }
    }
}

/// The checks of one page's final HTML.
pub(crate) fn check_page(site: &Site, path: &str, bytes: &[u8], sink: &Sink) {
    // Read as bytes: charter wrote this HTML itself, so it is UTF-8, and
    // what is quoted from it (ids, addresses) is cut at ASCII delimiters.
    let mut found = scan(bytes);
    // A redirect stub is a page only for a browser that stays.
    if found.refresh {
        return;
    }
    let file = source_of(site, path);
    for (id, n) in repeated_ids(&mut found.ids) {
        let id = String::from_utf8_lossy(id);
        sink.push(
            Diagnostic::warning(Code::A11yDuplicateId, format!("the id `{id}` appears {n} times on /{path}"))
                .in_file(file.clone())
                .help("give each heading or anchor its own id: change one of the `{#id}` attributes or raw HTML ids"),
        );
    }
    let h1 = found.headings.iter().filter(|&&l| l == 1).count();
    if h1 != 1 {
        sink.push(
            Diagnostic::warning(
                Code::A11yHeadingSkip,
                format!("/{path} has {h1} level-1 headings; a page needs exactly one"),
            )
            .in_file(file.clone())
            .help("the page title is the <h1>: start headings in the text at ##"),
        );
    }
    // The same checks as on the Markdown, now over the theme's markup too.
    // Problems the Markdown stage already placed on a line are not
    // repeated (see `pipeline::drop_repeats`).
    if let Some((last, level)) =
        found.headings.windows(2).map(|w| (w[0], w[1])).find(|(last, level)| *level > last + 1)
    {
        sink.push(
            Diagnostic::warning(
                Code::A11yHeadingSkip,
                format!("/{path} jumps from heading level {last} to {level}"),
            )
            .in_file(file.clone())
            .help("use the next heading level down, in the Markdown or in the template"),
        );
    }
    // One finding per element, so that the count tells how many to fix
    // (the messages are made only for a page that has any).
    if found.images_without_alt + found.empty_links + found.tables_without_header > 0 {
        let per_element = [
            (
                found.images_without_alt,
                Diagnostic::error(
                    Code::A11yImgAlt,
                    format!("an image on /{path} has no alt attribute"),
                ),
                "give the image alt text, in the Markdown or in the template",
            ),
            (
                found.empty_links,
                Diagnostic::warning(Code::A11yEmptyLink, format!("a link on /{path} has no text")),
                "give the link words that say where it goes",
            ),
            (
                found.tables_without_header,
                Diagnostic::warning(
                    Code::A11yTableNoHeader,
                    format!("a table on /{path} has no header cells"),
                ),
                "give the table a header row",
            ),
        ];
        for (count, diagnostic, help) in per_element {
            let diagnostic = diagnostic.in_file(file.clone()).help(help);
            for _ in 0..count {
                sink.push(diagnostic.clone());
            }
        }
    }
    check_script(site, path, &found, &file, sink);
}

/// Each id that appears more than once on a page and how many times, in
/// the order of the ids (sorted, so that repeats stand together). Nearly
/// every page repeats none, which a set tells without sorting.
fn repeated_ids<'a>(ids: &mut [&'a [u8]]) -> Vec<(&'a [u8], usize)> {
    let mut seen: std::collections::HashSet<&[u8], FixedState> =
        std::collections::HashSet::with_capacity_and_hasher(ids.len(), fixed_state());
    if ids.iter().all(|id| seen.insert(id)) {
        return Vec::new();
    }
    ids.sort_unstable();
    ids.chunk_by(|a, b| a == b)
        .filter(|same| same.len() > 1)
        .map(|same| (same[0], same.len()))
        .collect()
}

/// Script-capable URLs and markup in the final page, wherever they came
/// from: a template, frontmatter, a data file, a glossary definition.
fn check_script(site: &Site, path: &str, found: &Found<'_>, file: &str, sink: &Sink) {
    for (attribute, scheme) in &found.unsafe_urls {
        sink.push(
            Diagnostic::error(
                Code::SecurityUnsafeUrl,
                format!("a `{attribute}` on /{path} is a `{scheme}` address, which can run script"),
            )
            .in_file(file)
            .help("find the address in the page's frontmatter, a data file or a template, and link to a web page (https://…) instead"),
        );
    }
    let policy = site.config.markdown.raw_html;
    let severity = match policy {
        RawHtmlPolicy::Allow => return,
        RawHtmlPolicy::Warn => Severity::Warning,
        RawHtmlPolicy::Deny => Severity::Error,
    };
    for what in &found.scripts {
        sink.push(
            Diagnostic::new(
                severity,
                Code::SecurityRawHtml,
                format!("/{path} has `{what}`, which can run script"),
            )
            .in_file(file)
            .help("remove it from the template or text it comes from; if the site really needs it, choose `markdown: { raw_html: warn }` in charter.yaml"),
        );
    }
}

/// What one pass over a page's tags finds.
#[derive(Debug, Default, PartialEq)]
struct Found<'a> {
    ids: Vec<&'a [u8]>,
    /// A `<meta http-equiv="refresh">`: the page is a redirect stub.
    refresh: bool,
    headings: Vec<u8>,
    images_without_alt: usize,
    empty_links: usize,
    tables_without_header: usize,
    /// Attributes whose URL can run script, with the scheme.
    unsafe_urls: Vec<(String, &'static str)>,
    /// Markup that can run script: an inline script, an event handler, a frame.
    scripts: Vec<String>,
}

/// One linear pass over the tags of a page (a page is checked on every
/// build, so this replaced five regex passes that cost a sixth of a 10k
/// build). Comments, and the raw text of `script` and `style`, are skipped.
fn scan(b: &[u8]) -> Found<'_> {
    let mut found = Found::default();
    // An open link: is it labelled by an attribute, and where its content starts.
    let mut link: Option<(bool, usize)> = None;
    // The attributes of the tag being read (kept for the next tag's).
    let mut attrs: Vec<(&[u8], &[u8])> = Vec::new();
    // Open tables, innermost last: has a header cell been seen.
    let mut tables: Vec<bool> = Vec::new();
    let mut at = 0;
    while let Some(open) = next_tag(b, at) {
        if b[open..].starts_with(b"<!--") {
            at = memchr::memmem::find(&b[open..], b"-->").map_or(b.len(), |e| open + e + 3);
            continue;
        }
        let closing = b.get(open + 1) == Some(&b'/');
        let name_start = open + 1 + usize::from(closing);
        let (name_end, capitals) = tag_name(b, name_start);
        if name_end == name_start {
            at = open + 1;
            continue;
        }
        let end = read_tag(b, name_end, closing, &mut attrs);
        // Tag names are compared lower-cased, without allocating; nearly
        // every tag is written in lower case, and is compared as it is.
        let raw = &b[name_start..name_end];
        let mut lower = [0u8; 10];
        let name = if !capitals {
            raw
        } else {
            if raw.len() <= lower.len() {
                // Byte by byte: a copy of a length known only here is a
                // call to memcpy.
                for (l, r) in lower.iter_mut().zip(raw) {
                    *l = r.to_ascii_lowercase();
                }
            }
            // A longer name is none of those asked about, either way.
            &lower[..raw.len().min(lower.len())]
        };
        at = end;
        if closing {
            match name {
                b"a" => {
                    if let Some((labelled, start)) = link.take() {
                        let content = &b[start..open];
                        if !labelled
                            && !has_text(content)
                            && memchr::memmem::find(content, b" alt=\"").is_none()
                        {
                            found.empty_links += 1;
                        }
                    }
                }
                b"table" if tables.pop() == Some(false) => found.tables_without_header += 1,
                _ => {}
            }
            continue;
        }
        // Each tag's attributes are read once, for everything asked of them.
        let (mut has_alt, mut labelled, mut has_src) = (false, false, false);
        for &(attr, value) in &attrs {
            match attr {
                b"id" => found.ids.push(value),
                b"alt" => has_alt = true,
                b"aria-label" | b"aria-labelledby" => labelled = true,
                b"src" => has_src = true,
                b"http-equiv" if name == b"meta" => {
                    found.refresh |= value.eq_ignore_ascii_case(b"refresh")
                }
                _ => {}
            }
            check_attribute(attr, value, &mut found);
        }
        if matches!(name, b"iframe" | b"frame" | b"object" | b"embed" | b"applet")
            || name == b"script" && !has_src
        {
            found.scripts.push(format!("<{}>", String::from_utf8_lossy(name)));
        }
        match name {
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => found.headings.push(name[1] - b'0'),
            b"img" if !has_alt => found.images_without_alt += 1,
            b"a" => link = Some((labelled, end)),
            b"table" => tables.push(false),
            b"th" => {
                if let Some(has) = tables.last_mut() {
                    *has = true;
                }
            }
            b"script" | b"style" => at = raw_text_end(b, end, name),
            _ => {}
        }
    }
    found.tables_without_header += tables.iter().filter(|has| !**has).count();
    found
}

/// Where the next tag at or after `at` opens. Most tags follow a tag, or
/// a tag and a line break: the next byte is looked at before a search is
/// set up.
fn next_tag(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at..at + 2) {
        Some([b'<', _]) => Some(at),
        Some([b'\n', b'<']) => Some(at + 1),
        _ => memchr::memchr(b'<', &b[at..]).map(|offset| at + offset),
    }
}

/// Where the letters and digits of the tag name at `start` end, and
/// whether any of them is a capital.
fn tag_name(b: &[u8], start: usize) -> (usize, bool) {
    let (mut end, mut classes) = (start, 0);
    while let Some(&c) = b.get(end)
        && BYTE[usize::from(c)] & ALNUM != 0
    {
        classes |= BYTE[usize::from(c)];
        end += 1;
    }
    (end, classes & UPPER != 0)
}

/// The attributes [`check_attribute`] looks at (`on…` handlers, `srcdoc`
/// and every attribute holding a URL), by first letter (lower case): a bit
/// for each length one of them has, bit 31 for 31 bytes or more. `class`,
/// `aria-label` and `lang` share a first letter with `cite`, `action` and
/// `longdesc`, but not their length.
static MAY_RUN_SCRIPT: std::sync::LazyLock<[u32; 256]> = std::sync::LazyLock::new(|| {
    let mut lengths = [0u32; 256];
    for name in URL_ATTRIBUTES.iter().chain(&["srcdoc"]) {
        lengths[usize::from(name.as_bytes()[0])] |= 1 << name.len().min(31);
    }
    // Every handler: `on` and letters, of any length.
    lengths[usize::from(b'o')] = u32::MAX;
    lengths
});

/// Script in one attribute: an event handler, or a URL that runs script.
fn check_attribute(attr: &[u8], value: &[u8], found: &mut Found<'_>) {
    // Most attributes are neither (`class`, `id`, `aria-*`): told apart by
    // their first letter before anything else is asked (this runs for
    // every attribute of every page).
    let length = 1u32 << attr.len().min(31);
    if attr
        .first()
        .is_none_or(|b| MAY_RUN_SCRIPT[usize::from(b.to_ascii_lowercase())] & length == 0)
    {
        return;
    }
    // Nearly every attribute is written in lower case already: no copy then.
    let lower: std::borrow::Cow<'_, [u8]> = if attr.iter().any(u8::is_ascii_uppercase) {
        attr.to_ascii_lowercase().into()
    } else {
        attr.into()
    };
    if lower.len() > 2 && lower.starts_with(b"on") && lower[2..].iter().all(u8::is_ascii_alphabetic)
        || &*lower == b"srcdoc"
    {
        found.scripts.push(format!("{}=", String::from_utf8_lossy(&lower)));
    }
    // Compared as bytes: `class`, `href`, `aria-…` are asked on every tag.
    let Some(name) = URL_ATTRIBUTES.iter().find(|a| a.as_bytes() == &*lower) else { return };
    // Most addresses cannot name a scheme: passed without reading them as text.
    if !may_name_a_scheme(value) {
        return;
    }
    let value = String::from_utf8_lossy(value);
    if let Some(scheme) = urls_in_attribute(name, &value).find_map(unsafe_url) {
        found.unsafe_urls.push((name.to_string(), scheme.as_str()));
    }
}

/// Just past the `>` that ends a tag, quoted attribute values allowed to hold `>`.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    // Most tags have no attributes (`<p>`, `</li>`): no search for those.
    if b.get(i) == Some(&b'>') {
        return i + 1;
    }
    // Jumps between the bytes that matter: a page's tags are mostly long
    // quoted values (links, titles), read here for every page.
    while let Some(offset) = memchr::memchr3(b'>', b'"', b'\'', &b[i..]) {
        let at = i + offset;
        let q = b[at];
        if q == b'>' {
            return at + 1;
        }
        match memchr::memchr(q, &b[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => return b.len(),
        }
    }
    b.len()
}

/// The attributes of the tag whose name ends at `name_end` (none for a
/// closing tag: they are never asked about), into `attrs`, and the place
/// just past its `>`. Most tags are plainly written and read in one pass;
/// any other is found its end first and then read for attributes.
fn read_tag<'a>(
    b: &'a [u8],
    name_end: usize,
    closing: bool,
    attrs: &mut Vec<(&'a [u8], &'a [u8])>,
) -> usize {
    attrs.clear();
    if closing {
        return tag_end(b, name_end);
    }
    if let Some(end) = plain_tag(b, name_end, attrs) {
        return end;
    }
    let end = tag_end(b, name_end);
    attrs.clear();
    attrs.extend(attributes(&b[name_end..end.saturating_sub(1).max(name_end)]));
    end
}

/// The attributes of a plainly written tag, read from just after its name
/// (`from`) to its `>` in one pass, and the place just past that `>`: the
/// same as [`tag_end`] and then [`attributes`] give, without searching
/// the tag twice (this runs for every tag of every page). `None`, with
/// `out` part filled, when a quote or `<` stands where neither a name nor
/// a quoted value can, or a quote is not closed: those tags are read the
/// longer way, which treats every quote as opening a string.
fn plain_tag<'a>(b: &'a [u8], from: usize, out: &mut Vec<(&'a [u8], &'a [u8])>) -> Option<usize> {
    // Each byte's classes from one table: this reads every byte of every
    // tag of every page, and a test per class was most of the check.
    let class = |i: usize| b.get(i).map_or(0, |&c| BYTE[usize::from(c)]);
    let mut i = from;
    loop {
        while class(i) & (SPACE | SLASH) != 0 {
            i += 1;
        }
        let c = *b.get(i)?;
        if c == b'>' {
            return Some(i + 1);
        }
        let start = i;
        while b.get(i).is_some_and(|&c| BYTE[usize::from(c)] & ENDS_NAME == 0) {
            i += 1;
        }
        if i == start || class(i) & ODD != 0 {
            return None;
        }
        let name = &b[start..i];
        while class(i) & SPACE != 0 {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            out.push((name, &b""[..]));
            continue;
        }
        i += 1;
        while class(i) & SPACE != 0 {
            i += 1;
        }
        let value = match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                let close = i + 1 + closing_quote(&b[i + 1..], q)?;
                let value = &b[i + 1..close];
                i = close + 1;
                value
            }
            _ => {
                let start = i;
                while b.get(i).is_some_and(|&c| BYTE[usize::from(c)] & ENDS_VALUE == 0) {
                    i += 1;
                }
                if class(i) & QUOTE != 0 {
                    return None;
                }
                &b[start..i]
            }
        };
        out.push((name, value));
    }
}

/// Where the quote `q` closes a value that starts `rest`: most values are
/// short (a class, an id, a path), and are read sixteen bytes at a time
/// before a search is set up for a long one.
fn closing_quote(rest: &[u8], q: u8) -> Option<usize> {
    use charter_core::lanes::{equal, find};
    let head = rest.len().min(32);
    find(&rest[..head], 0, |x| equal(x, q))
        .or_else(|| memchr::memchr(q, &rest[head..]).map(|at| head + at))
}

/// White space as `u8::is_ascii_whitespace` has it.
const SPACE: u8 = 1;
const SLASH: u8 = 2;
/// A quote, or `<`: where neither a name nor a quoted value can stand.
const ODD: u8 = 4;
const QUOTE: u8 = 8;
/// What ends an attribute's name: white space, `=`, `/`, `>`, or an odd byte.
const ENDS_NAME: u8 = 16;
/// What ends a value without quotes: white space, `>`, or a quote.
const ENDS_VALUE: u8 = 32;
/// An ASCII letter or digit.
const ALNUM: u8 = 64;
const UPPER: u8 = 128;

/// The classes of each byte, for reading tags.
static BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut k = 0;
        if b.is_ascii_whitespace() {
            k |= SPACE | ENDS_NAME | ENDS_VALUE;
        }
        if b == b'/' {
            k |= SLASH | ENDS_NAME;
        }
        if b == b'=' {
            k |= ENDS_NAME;
        }
        if b == b'>' {
            k |= ENDS_NAME | ENDS_VALUE;
        }
        if b == b'"' || b == b'\'' {
            k |= ODD | QUOTE | ENDS_NAME | ENDS_VALUE;
        }
        if b == b'<' {
            k |= ODD | ENDS_NAME;
        }
        if b.is_ascii_alphanumeric() {
            k |= ALNUM;
        }
        if b.is_ascii_uppercase() {
            k |= UPPER;
        }
        t[c] = k;
        c += 1;
    }
    t
};

/// Where the raw text of a `script` or `style` element ends: at its closing tag.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(offset) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + offset;
        if b.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

/// The attributes of a tag, from the text between its name and its `>`.
fn attributes(b: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &b[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return Some((name, &b""[..]));
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = i + 1;
                let to = memchr::memchr(q, &b[from..]).map_or(b.len(), |p| from + p);
                i = (to + 1).min(b.len());
                &b[from..to]
            }
            _ => {
                let from = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                &b[from..i]
            }
        };
        Some((name, value))
    })
}

/// Whether HTML has any visible character outside its tags.
fn has_text(html: &[u8]) -> bool {
    let mut in_tag = false;
    for &c in html {
        match c {
            b'<' => in_tag = true,
            b'>' if in_tag => in_tag = false,
            _ if in_tag || c.is_ascii_whitespace() => {}
            _ => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_each_problem_once() {
        let html = concat!(
            "<!-- <h1>not a heading</h1> <img src=x> -->",
            "<h1 id=\"t\">Title</h1><h3 id=\"t\">Skipped</h3>",
            "<img src=\"a.png\"><img src=\"b.png\" alt=\"\">",
            "<a href=\"/x/\"> <span class=\"icon\"></span> </a>",
            "<a href=\"/y/\" aria-label=\"Close\"></a><a href=\"/z/\"><img src=\"c.png\" alt=\"Logo\"></a><a href=\"/w/\">words</a>",
            "<table><tr><td>1</td></tr></table><table><thead><tr><th>H</th></tr></thead></table>",
            "<SCRIPT>if (a < b && '<h1>' ) { x = \"<img></b>\"; }</Script>",
            "<p title=\"a > b\" id='q'>text</p>",
        );
        let found = scan(html.as_bytes());
        assert_eq!(found.ids, vec![&b"t"[..], b"t", b"q"]);
        assert_eq!(found.headings, vec![1, 3]);
        assert_eq!(found.images_without_alt, 1);
        assert_eq!(found.empty_links, 1);
        assert_eq!(found.tables_without_header, 1);
    }

    /// The one-pass reading of a plain tag is the two-pass one: every
    /// tag of up to seven bytes after its name, over the bytes that matter
    /// to either (quotes, `=`, `/`, `<`, `>`, spaces and letters), and a
    /// few longer tags written as the theme and Markdown write them, read
    /// both ways.
    #[test]
    fn a_plain_tag_reads_as_the_longer_way_reads_it() {
        let alphabet = b"a=\"'/<> x\n";
        let mut tags: Vec<Vec<u8>> = Vec::new();
        let mut layer: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..7 {
            layer = layer
                .iter()
                .flat_map(|t| alphabet.iter().map(move |&c| [t.as_slice(), &[c]].concat()))
                .collect();
            tags.extend(layer.iter().cloned());
        }
        for demo in [
            "<a class=\"term\" href=\"/glossary/#dlg\">",
            "<img src=x alt>",
            "<br/>",
            "<p id='q' title=\"a > b\">",
            "<a href=x/>",
            "<a b=>",
            "<td class=num>",
        ] {
            tags.push(demo.as_bytes()[2..].to_vec());
        }
        let mut checked = 0;
        for rest in &tags {
            let b = [b"<t".as_slice(), rest].concat();
            let mut fast = Vec::new();
            let Some(end) = plain_tag(&b, 2, &mut fast) else { continue };
            checked += 1;
            assert_eq!(end, tag_end(&b, 2), "{:?}", String::from_utf8_lossy(&b));
            let slow: Vec<_> = attributes(&b[2..end.saturating_sub(1).max(2)]).collect();
            assert_eq!(fast, slow, "{:?}", String::from_utf8_lossy(&b));
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// A tag's name is asked about in lower case, however it is written;
    /// a name longer than any asked about is none of them.
    #[test]
    fn tag_names_are_read_in_any_case() {
        let names = [
            "a",
            "img",
            "table",
            "th",
            "h1",
            "h2",
            "h3",
            "h6",
            "meta",
            "iframe",
            "frame",
            "object",
            "embed",
            "applet",
            "script",
            "style",
            "p",
            "scriptxyzabc",
            "tablesandchairs",
            "h7",
        ];
        for name in names {
            let html = |n: &str| {
                format!(
                    r#"<{n} id="x" http-equiv="refresh">t</{n}><table><{n}>v</{n}></table><a href="/">{}</a>"#,
                    if n.eq_ignore_ascii_case("img") { "" } else { "w" }
                )
            };
            let lower_html = html(name);
            let lower = format!("{:?}", scan(lower_html.as_bytes()));
            let mixed: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            for written in [name.to_uppercase(), mixed] {
                let written_html = html(&written);
                let found = format!("{:?}", scan(written_html.as_bytes()));
                assert_eq!(found, lower, "{written}");
            }
        }
    }

    /// The closing quote is where a byte-by-byte search finds it: every
    /// byte in every place, for values of every length around the
    /// eight-byte steps and the search after them.
    #[test]
    fn the_closing_quote_is_the_searched_one() {
        for len in 0..48 {
            for place in 0..len {
                for byte in [b'"', b'\'', b'a', b'>', 0x80, 0xff, 0] {
                    let mut rest = vec![b'x'; len];
                    rest[place] = byte;
                    for q in [b'"', b'\''] {
                        assert_eq!(closing_quote(&rest, q), memchr::memchr(q, &rest), "{rest:?}");
                    }
                }
            }
        }
    }

    /// Tags that follow a tag or a line break are found as the search
    /// finds them: each problem once, whatever stands between the tags.
    #[test]
    fn tags_are_found_after_any_gap() {
        for gap in ["", "\n", " ", "\n\n", "x", "\nx"] {
            let html = format!("<h1>T</h1>{gap}<img src=a>{gap}<a href=b>{gap}</a>{gap}<h3>S</h3>");
            let found = scan(html.as_bytes());
            assert_eq!(found.headings, vec![1, 3], "{gap:?}");
            assert_eq!(found.images_without_alt, 1, "{gap:?}");
            let empty = usize::from(gap.trim().is_empty());
            assert_eq!(found.empty_links, empty, "{gap:?}");
        }
    }

    /// Repeated ids are reported once each, in the order of the ids,
    /// whether or not the page repeats any.
    #[test]
    fn repeated_ids_are_reported_in_order() {
        let mut ids: Vec<&[u8]> = vec![b"z", b"b", b"z", b"a", b"b", b"z"];
        assert_eq!(repeated_ids(&mut ids), vec![(&b"b"[..], 2), (&b"z"[..], 3)]);
        let mut ids: Vec<&[u8]> = vec![b"z", b"b", b"a"];
        assert!(repeated_ids(&mut ids).is_empty());
        assert!(repeated_ids(&mut []).is_empty());
    }

    #[test]
    fn unclosed_markup_does_not_panic() {
        for html in ["<", "<a", "<a href=\"x", "<!--", "<table><a>", "<script>", "</", "<h1 id=>"] {
            let _ = scan(html.as_bytes());
        }
        assert_eq!(scan(b"<table><tr><td>x</td></tr>").tables_without_header, 1);
    }

    #[test]
    fn a_redirect_stub_is_told_by_its_meta_tag_not_its_text() {
        let stub = r#"<html><head><meta http-equiv="Refresh" content="0; url=/a/"></head></html>"#;
        assert!(scan(stub.as_bytes()).refresh);
        let page = r#"<h1>Redirects</h1><p>A stub says http-equiv="refresh".</p><meta name="x" content="refresh">"#;
        assert!(!scan(page.as_bytes()).refresh);
    }

    #[test]
    fn attributes_that_can_run_script_are_found_whatever_their_first_letter() {
        let html = r#"<a href="javascript:x()" onClick="y()"><img SRC="data:text/html,x" alt=""><iframe srcdoc="<b>"></iframe><form ACTION="vbscript:z"><object data="javascript:1"></object><q cite="javascript:2">q</q></a>"#;
        let found = scan(html.as_bytes());
        let attributes: Vec<&str> = found.unsafe_urls.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(attributes, vec!["href", "src", "action", "data", "cite"]);
        assert!(found.scripts.contains(&"onclick=".to_string()), "{:?}", found.scripts);
        assert!(found.scripts.contains(&"srcdoc=".to_string()), "{:?}", found.scripts);
        // A colon written as a character reference still makes a scheme;
        // an address with no colon at all has none.
        let found = scan(br#"<a href="javascript&#58;x()">a</a><a href="/javascript/">b</a>"#);
        assert_eq!(found.unsafe_urls.len(), 1, "{:?}", found.unsafe_urls);
        // Every attribute that holds a URL, in either case, passes the gate
        // of first letter and length, and its script is found.
        for name in URL_ATTRIBUTES {
            for name in [name.to_string(), name.to_uppercase()] {
                let html = format!(r#"<x {name}="javascript:1">"#);
                let found = scan(html.as_bytes());
                assert_eq!(found.unsafe_urls.len(), 1, "{name}: {:?}", found.unsafe_urls);
            }
        }
        // Handlers of any length, `srcdoc`; and none of the attributes that
        // only share a first letter with them.
        let found = scan(br#"<x onload="a" ONMOUSEOVER="b" onanimationiteration="c" SrcDoc="d">"#);
        assert_eq!(
            found.scripts,
            vec!["onload=", "onmouseover=", "onanimationiteration=", "srcdoc="]
        );
        let found =
            scan(br#"<x class="javascript:1" aria-label="javascript:1" lang="javascript:1">"#);
        assert!(found.unsafe_urls.is_empty() && found.scripts.is_empty());
    }
}
