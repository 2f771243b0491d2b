//! HTML text: escaping for output, and the text of rendered HTML.

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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

/// Text of rendered HTML, for search: tags dropped, the common entities
/// decoded and white space collapsed, in one pass.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    let mut space = true;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        let mut emit = None;
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                emit = Some(' ');
            }
            _ if in_tag => {}
            '&' => {
                let entities = [
                    ("&amp;", '&'),
                    ("&quot;", '"'),
                    ("&#39;", '\''),
                    ("&lt;", '<'),
                    ("&gt;", '>'),
                ];
                for (entity, ch) in entities {
                    if rest.starts_with(entity) {
                        emit = Some(ch);
                        step = entity.len();
                        break;
                    }
                }
                emit.get_or_insert('&');
            }
            c => emit = Some(c),
        }
        if let Some(e) = emit {
            if e.is_whitespace() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else {
                out.push(e);
                space = false;
            }
        }
        rest = &rest[step..];
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_of_drops_tags_and_decodes() {
        assert_eq!(super::text_of("<p>A &amp; B</p>\n<p>C&lt;D  é</p>"), "A & B C<D é");
        assert_eq!(super::escape("<a href=\"x\">'"), "&lt;a href=&quot;x&quot;&gt;&#39;");
    }
}
