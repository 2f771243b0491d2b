//! The text a reader sees on a built page, with the link each character
//! sits in, so that a test can ask "is `section 17` a link, and where to?"
//! without depending on how the markup around it is written.

/// One `<a>` on the page.
#[derive(Clone, Debug, Default)]
pub(crate) struct Anchor {
    pub(crate) href: String,
    pub(crate) class: String,
    /// Text a screen reader hears but the page does not show.
    pub(crate) hidden: String,
    pub(crate) opens_window: bool,
}

/// The visible text of a page and, per character, the link it is in.
pub(crate) struct PageText {
    pub(crate) chars: Vec<char>,
    pub(crate) links: Vec<Option<usize>>,
    pub(crate) anchors: Vec<Anchor>,
}

/// Curly quotes and dashes as a reader would type them.
pub(crate) fn normalise(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{a0}' => ' ',
        c => c,
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(decode(&tag[start..end]))
}

fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

impl PageText {
    /// Reads the `<main>` of a page.
    pub(crate) fn of(html: &str) -> PageText {
        let main_start = html.find("<main").unwrap_or(0);
        let main_end = html.rfind("</main>").unwrap_or(html.len());
        let html = &html[main_start..main_end];
        let mut text = PageText { chars: Vec::new(), links: Vec::new(), anchors: Vec::new() };
        let mut open: Vec<usize> = Vec::new();
        // Depth of spans inside a visually hidden span.
        let mut hidden_depth = 0usize;
        let mut at = 0;
        while at < html.len() {
            let rest = &html[at..];
            if rest.starts_with('<') {
                let end = rest.find('>').map(|e| at + e + 1).unwrap_or(html.len());
                let tag = &html[at..end];
                let name: String = tag
                    .trim_start_matches(['<', '/'])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                let closing = tag.starts_with("</");
                match (name.as_str(), closing) {
                    ("a", false) => {
                        text.anchors.push(Anchor {
                            href: attribute(tag, "href").unwrap_or_default(),
                            class: attribute(tag, "class").unwrap_or_default(),
                            hidden: String::new(),
                            opens_window: tag.contains(" target="),
                        });
                        open.push(text.anchors.len() - 1);
                    }
                    ("a", true) => {
                        open.pop();
                    }
                    ("span", false) if hidden_depth > 0 => hidden_depth += 1,
                    ("span", false) if tag.contains("visually-hidden") => hidden_depth = 1,
                    ("span", true) if hidden_depth > 0 => hidden_depth -= 1,
                    (
                        "p" | "li" | "td" | "th" | "tr" | "br" | "div" | "h2" | "h3" | "h4" | "dd"
                        | "dt" | "caption" | "section",
                        _,
                    ) => text.push(' ', None),
                    _ => {}
                }
                at = end;
                continue;
            }
            let (c, step) = if rest.starts_with('&') {
                let end = rest.find(';').map(|e| e + 1).unwrap_or(1);
                (decode(&rest[..end]).chars().next().unwrap_or('&'), end)
            } else {
                let c = rest.chars().next().unwrap();
                (c, c.len_utf8())
            };
            at += step;
            if hidden_depth > 0 {
                if let Some(&a) = open.last() {
                    text.anchors[a].hidden.push(c);
                }
                continue;
            }
            text.push(c, open.last().copied());
        }
        text
    }

    fn push(&mut self, c: char, link: Option<usize>) {
        let c = normalise(c);
        if c.is_whitespace() {
            if self.chars.last().is_some_and(|l| *l == ' ') {
                return;
            }
            self.chars.push(' ');
        } else {
            self.chars.push(c);
        }
        self.links.push(link);
    }

    /// Where `needle` occurs, as character offsets.
    pub(crate) fn find_all(&self, needle: &str) -> Vec<usize> {
        let needle: Vec<char> = needle.chars().map(normalise).collect();
        if needle.is_empty() || needle.len() > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - needle.len())
            .filter(|&i| self.chars[i..i + needle.len()] == needle[..])
            .collect()
    }

    /// The links over `start..start + len` (non-space characters only).
    pub(crate) fn links_over(&self, start: usize, len: usize) -> Vec<Option<usize>> {
        (start..start + len).filter(|&i| self.chars[i] != ' ').map(|i| self.links[i]).collect()
    }

    /// A stretch of the text, for failure messages.
    pub(crate) fn around(&self, at: usize) -> String {
        let from = at.saturating_sub(60);
        let to = (at + 80).min(self.chars.len());
        self.chars[from..to].iter().collect()
    }
}
