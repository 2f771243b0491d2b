//! Code blocks highlighted with CSS classes (never inline styles, so a
//! strict Content-Security-Policy holds).

use std::sync::OnceLock;

use charter_core::html::escape;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `code` highlighted as `lang` (plain when the language is unknown).
pub(super) fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = if lang.is_empty() { None } else { set.find_syntax_by_token(lang) };
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    let block = |inner: &str| {
        format!("<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{inner}</code></pre>\n")
    };
    let Some(syntax) = syntax else {
        return block(&escape(code));
    };
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return block(&escape(code));
        }
    }
    block(&generator.finalize())
}

/// Styles for the highlighter's classes, in colours that keep 4.5:1
/// contrast on the theme's code background in light and dark modes.
pub fn highlight_css() -> &'static str {
    concat!(
        ".hl-comment{color:#5b6670;font-style:italic}\n.hl-string{color:#0b6e2e}\n",
        ".hl-constant{color:#8a3b00}\n.hl-keyword,.hl-storage{color:#8b1a5a;font-weight:600}\n",
        ".hl-entity{color:#1f4f99}\n.hl-support{color:#6b3fa0}\n.hl-variable{color:#24292f}\n",
        ".hl-invalid{color:#b00020;text-decoration:underline}\n",
        "@media (prefers-color-scheme: dark){.hl-comment{color:#a9b4be}.hl-string{color:#8fd19e}",
        ".hl-constant{color:#ffb27a}.hl-keyword,.hl-storage{color:#f5a3cf}.hl-entity{color:#9cc3ff}",
        ".hl-support{color:#d0b3ff}.hl-variable{color:#e6e6e6}.hl-invalid{color:#ff8a80}}\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighting_uses_classes_not_styles() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"));
        assert!(!html.contains("style="));
        assert!(highlight("<b>", "no-such-language").contains("&lt;b&gt;"));
    }
}
