//! HTML text: escaping for output, and the text of rendered HTML.

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`. The five characters escaped are ASCII,
/// so the text is copied in runs between them.
pub fn escape_into(out: &mut String, text: &str) {
    escape_runs(text, |piece| out.push_str(piece));
}

/// `text` escaped as [`escape_into`] does, handed to `write` a piece at a
/// time: each run of plain text whole, then each entity (for a writer
/// that is not a `String`, such as Tera's output).
pub fn escape_runs(text: &str, mut write: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut from = 0;
    // The next of the five, sixteen bytes at a time: most text has none.
    while let Some(i) = crate::lanes::find(bytes, from, escaped) {
        write(&text[from..i]);
        write(entity(bytes[i]).unwrap_or_default());
        from = i + 1;
    }
    write(&text[from..]);
}

/// The entity a byte is escaped as, if it is one of the five.
fn entity(b: u8) -> Option<&'static str> {
    Some(match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        _ => return None,
    })
}

/// The five, sixteen bytes at a time.
fn escaped(x: crate::lanes::Lanes) -> crate::lanes::Lanes {
    use crate::lanes::equal;
    equal(x, b'&') | equal(x, b'<') | equal(x, b'>') | equal(x, b'"') | equal(x, b'\'')
}

/// Text of rendered HTML, for search: tags dropped, the common entities
/// decoded and white space collapsed, in one pass.
pub fn text_of(html: &str) -> String {
    text_with_headings(html).0
}

/// The text of rendered HTML (as [`text_of`]) and, for every `h2` or `h3`
/// with an id, the byte offset in the text where it starts and its id, so
/// a word can be placed in its section.
pub fn text_with_headings(html: &str) -> (String, Vec<(usize, String)>) {
    let bytes = html.as_bytes();
    let mut headings = Vec::new();
    let mut out = Collapsed { text: Vec::with_capacity(html.len() / 2), space: true };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let rest = &html[i..];
                if let Some(id) = heading_id(rest) {
                    headings.push((out.text.len(), id.to_string()));
                }
                // A tag that sits inside a phrase (a link, emphasis) must
                // not gain a space before the punctuation after it.
                let separates = !is_inline_tag(rest);
                match memchr::memchr(b'>', &bytes[i..]) {
                    Some(end) => i += end + 1,
                    None => break,
                }
                if separates {
                    out.space();
                }
            }
            b'&' => {
                let rest = &bytes[i..];
                let entities: [(&[u8], u8); 5] = [
                    (b"&amp;", b'&'),
                    (b"&quot;", b'"'),
                    (b"&#39;", b'\''),
                    (b"&lt;", b'<'),
                    (b"&gt;", b'>'),
                ];
                match entities.iter().find(|(e, _)| rest.starts_with(e)) {
                    Some((e, c)) => {
                        out.word(&[*c]);
                        i += e.len();
                    }
                    None => {
                        out.word(b"&");
                        i += 1;
                    }
                }
            }
            b if SPACE[usize::from(b)] => {
                out.space();
                i += 1;
            }
            b if b < 0x80 => {
                // A run of ASCII text up to a tag, an entity, a line break
                // or a tab goes in at once: most of a page is such runs.
                // Spaces are in the run; where two meet, or one follows
                // white space already written, the run is collapsed.
                let start = i;
                i = run_end(bytes, i);
                let run = &bytes[start..i];
                let plain = !(out.space && run[0] == b' ' || has_double_space(run));
                if plain {
                    out.text.extend_from_slice(run);
                    out.space = run[run.len() - 1] == b' ';
                } else {
                    for (n, word) in run.split(|&b| b == b' ').enumerate() {
                        if n > 0 {
                            out.space();
                        }
                        if !word.is_empty() {
                            out.word(word);
                        }
                    }
                }
            }
            _ => {
                let c = html[i..].chars().next().unwrap_or(' ');
                let len = c.len_utf8();
                if c.is_whitespace() {
                    out.space();
                } else {
                    out.word(&bytes[i..i + len]);
                }
                i += len;
            }
        }
    }
    while out.text.last() == Some(&b' ') {
        out.text.pop();
    }
    // Whole characters and ASCII were copied, so this is UTF-8 whatever
    // the page held.
    let text = String::from_utf8(out.text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, headings)
}

/// The ASCII bytes `char::is_whitespace` is true for.
const SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
        b += 1;
    }
    t
};

/// Where the run of ASCII text starting at `start` ends: at a tag, an
/// entity, white space other than a space, or a byte outside ASCII;
/// sixteen bytes are tested at a time.
fn run_end(bytes: &[u8], start: usize) -> usize {
    use crate::lanes::{between, equal, find, non_ascii};
    // Tab, line feed, vertical tab, form feed, carriage return: 9 to 13.
    let stops = |x| non_ascii(x) | equal(x, b'<') | equal(x, b'&') | between(x, 9, 13);
    find(bytes, start, stops).unwrap_or(bytes.len())
}

/// Whether two spaces stand together in `run`, sixteen bytes at a time
/// (a search set up for each run between two tags cost more than
/// reading it).
fn has_double_space(run: &[u8]) -> bool {
    let space = |x| crate::lanes::equal(x, b' ');
    crate::lanes::find_pair(run, 0, &[(space, space)]).is_some()
}

/// The bytes [`run_end`] stops at, one at a time (the tests' reading).
#[cfg(test)]
const RUN_STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (SPACE[b] && b != b' ' as usize)
            || b == b'<' as usize
            || b == b'&' as usize
            || b >= 0x80;
        b += 1;
    }
    t
};

/// Text with its white space collapsed to single spaces as it is added.
struct Collapsed {
    text: Vec<u8>,
    /// Whether the text ends in a space (or is empty).
    space: bool,
}

impl Collapsed {
    /// White space: one space, unless the text is empty or ends in one.
    fn space(&mut self) {
        if !self.space {
            self.text.push(b' ');
            self.space = true;
        }
    }

    /// Bytes of UTF-8 text with no white space in them.
    fn word(&mut self, word: &[u8]) {
        self.text.extend_from_slice(word);
        self.space = false;
    }
}

/// Whether the tag at the start of `rest` is one that sits inside a phrase.
fn is_inline_tag(rest: &str) -> bool {
    // Read as bytes: asked at every tag of every page's text.
    let b = rest.as_bytes();
    let lt = b.iter().take_while(|c| **c == b'<').count();
    let start = lt + b[lt..].iter().take_while(|c| **c == b'/').count();
    let end = start + b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    matches!(
        &b[start..end],
        b"a" | b"abbr"
            | b"b"
            | b"code"
            | b"del"
            | b"em"
            | b"i"
            | b"ins"
            | b"mark"
            | b"q"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
    )
}

/// The id of an `<h2 id="…">` or `<h3 id="…">` tag at the start of `rest`.
fn heading_id(rest: &str) -> Option<&str> {
    let tag = rest.strip_prefix("<h2 ").or_else(|| rest.strip_prefix("<h3 "))?;
    let tag = &tag[..tag.find('>')?];
    let value = tag.split("id=\"").nth(1)?;
    value.split('"').next()
}

#[cfg(test)]
mod tests {
    /// Two spaces are found where a search finds them: a pair of spaces
    /// at every place in runs of every length around the eight-byte step,
    /// among every other byte.
    #[test]
    fn double_spaces_are_found_where_a_search_finds_them() {
        for len in 0..30 {
            for place in 0..len {
                for other in [b'a', b' ', b'\t', 0x80, 0xa0] {
                    let mut run = vec![other; len];
                    run[place] = b' ';
                    if place + 1 < len {
                        run[place + 1] = b' ';
                    }
                    let searched = memchr::memmem::find(&run, b"  ").is_some();
                    assert_eq!(super::has_double_space(&run), searched, "{run:?}");
                    run[place] = b'x';
                    let searched = memchr::memmem::find(&run, b"  ").is_some();
                    assert_eq!(super::has_double_space(&run), searched, "{run:?}");
                }
            }
        }
    }

    /// Read as bytes, a tag is inline exactly when its name, after the
    /// `<` and any `/`, is one of the phrase tags.
    #[test]
    fn inline_tags_are_told_by_name() {
        let by_chars = |rest: &str| {
            let name = rest.trim_start_matches('<').trim_start_matches('/');
            let end = name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len());
            ["a", "abbr", "b", "code", "del", "em", "i", "ins", "mark", "q", "s", "small", "span"]
                .iter()
                .chain(&["strong", "sub", "sup"])
                .any(|t| *t == &name[..end])
        };
        let tags = [
            "<a href=\"x\">",
            "</a>",
            "<abbr>",
            "<address>",
            "<span class=\"v\">",
            "</span>",
            "<strong>",
            "<strongest>",
            "<p>",
            "<h2 id=\"x\">",
            "<em/>",
            "<<b>",
            "</sub>",
            "<supé>",
            "<s>",
            "<section>",
            "<q>",
            "<i>",
            "<img alt=\"\">",
            "<",
            "</",
            "<é>",
            "<mark>",
            "<del>",
            "<ins>",
            "<small>",
            "<code>",
            "<li>",
            "<SPAN>",
        ];
        for tag in tags {
            assert_eq!(super::is_inline_tag(tag), by_chars(tag), "{tag}");
        }
    }

    #[test]
    fn headings_are_placed_in_the_text() {
        let (text, headings) =
            super::text_with_headings("<p>Intro</p><h2 id=\"section-1\">1. Scope</h2><p>Body</p>");
        assert_eq!(text, "Intro 1. Scope Body");
        assert_eq!(headings, vec![(6, "section-1".to_string())]);
    }

    /// The eight-byte test stops where the byte-by-byte one does, for
    /// every byte in every place of the eight.
    #[test]
    fn a_run_ends_at_the_same_byte_either_way() {
        for byte in 0..=255u8 {
            for place in 0..12 {
                let mut bytes = vec![b'a'; 12];
                bytes[place] = byte;
                let slow = (0..bytes.len()).find(|&i| super::RUN_STOPS[usize::from(bytes[i])]);
                assert_eq!(
                    super::run_end(&bytes, 0),
                    slow.unwrap_or(bytes.len()),
                    "{byte} at {place}"
                );
            }
        }
    }

    /// The eight-byte search escapes what a byte-by-byte loop does, for
    /// every ASCII byte in every place around the step, after non-ASCII
    /// text, and on every line of the repository's Markdown.
    #[test]
    fn escaping_matches_the_byte_loop() {
        fn by_byte(text: &str) -> String {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c => out.push(c),
                }
            }
            out
        }
        let mut texts = crate::testing::ascii_byte_in_every_place();
        texts.extend(crate::testing::repository_markdown_lines());
        for text in &texts {
            assert_eq!(super::escape(text), by_byte(text), "{text:?}");
        }
    }

    #[test]
    fn escaping_copies_the_rest() {
        assert_eq!(
            super::escape(r#"a&b <c> "d" 'e' é–"#),
            "a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; é–"
        );
        assert_eq!(super::escape(""), "");
        let mut out = String::from("x");
        super::escape_into(&mut out, "&");
        assert_eq!(out, "x&amp;");
    }

    #[test]
    fn white_space_collapses_however_it_is_written() {
        let cases = [
            ("a b  c\n d\t\te", "a b c d e"),
            (" lead and trail ", "lead and trail"),
            ("x <b>y</b> z", "x y z"),
            ("one two<p>three four</p> five  six", "one two three four five six"),
            ("a &amp; b &lt;c", "a & b <c"),
            ("é é  é\u{a0}x", "é é é x"),
            ("w1 w2 \n w3", "w1 w2 w3"),
            ("end with a space <br>", "end with a space"),
        ];
        for (html, text) in cases {
            assert_eq!(super::text_of(html), text, "{html:?}");
        }
    }

    #[test]
    fn text_of_drops_tags_and_decodes() {
        assert_eq!(super::text_of("<p>A &amp; B</p>\n<p>C&lt;D  é</p>"), "A & B C<D é");
        assert_eq!(
            super::text_of("<p>See <a href=\"#x\">Level 3</a>, then <em>act</em>.</p>"),
            "See Level 3, then act."
        );
        assert_eq!(super::escape("<a href=\"x\">'"), "&lt;a href=&quot;x&quot;&gt;&#39;");
    }

    #[test]
    fn white_space_of_every_kind_collapses_to_one_space() {
        let text =
            super::text_of("  <p> a\t\tb\n\x0bc \u{a0} d\u{2003}é  </p>\r\n<p>e&amp; f</p>  ");
        assert_eq!(text, "a b c d é e& f");
    }
}
