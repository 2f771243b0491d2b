//! A version's `changes:` notes as HTML, under the comparison's rules: a
//! link to a private host and raw HTML are left out with a note, images
//! show their description, and only links to the public web stay live.

use charter_core::html::{escape, text_of};
use charter_resolve::anchors::markdown_options;
use charter_resolve::private_host_of;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::extract::{HTML_LEFT_OUT, LINK_LEFT_OUT, is_scripted, tag_name};

/// What happens to a link in the notes.
enum Fate {
    Keep,
    Unlink,
    Hide,
}

/// Renders `changes:` Markdown for the history and changes pages.
pub fn render_notes(markdown: &str) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut links: Vec<Fate> = Vec::new();
    let hidden = |links: &[Fate]| links.iter().any(|f| matches!(f, Fate::Hide));
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let fate = if private_host_of(dest_url).is_some() {
                    events.push(redaction(LINK_LEFT_OUT));
                    Fate::Hide
                } else if is_public(dest_url) {
                    Fate::Keep
                } else {
                    Fate::Unlink
                };
                if matches!(fate, Fate::Keep) && !hidden(&links) {
                    events.push(event);
                }
                links.push(fate);
            }
            Event::End(TagEnd::Link) => {
                if matches!(links.pop(), Some(Fate::Keep)) && !hidden(&links) {
                    events.push(event);
                }
            }
            _ if hidden(&links) => {}
            Event::Start(Tag::Image { .. }) => events.push(Event::Text("[Image: ".into())),
            Event::End(TagEnd::Image) => events.push(Event::Text("]".into())),
            Event::Html(ref h) => {
                if !text_of(h).trim().is_empty() || is_scripted(h) {
                    events.push(Event::Html(
                        format!(
                            "<p><span class=\"cmp-redacted\">{}</span></p>\n",
                            escape(HTML_LEFT_OUT)
                        )
                        .into(),
                    ));
                }
            }
            Event::InlineHtml(ref h) => match tag_name(h).as_str() {
                "br" => events.push(Event::HardBreak),
                _ if h.trim_start().starts_with("<!--") => {}
                name if super::extract::HARMLESS_TAGS.contains(&name) && !is_scripted(h) => {}
                _ => events.push(redaction(HTML_LEFT_OUT)),
            },
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn redaction(what: &str) -> Event<'static> {
    let html = format!("<span class=\"cmp-redacted\">{}</span>", escape(what));
    Event::InlineHtml(CowStr::Boxed(html.into_boxed_str()))
}

/// A link any reader can follow: the public web, or an email address.
fn is_public(dest: &str) -> bool {
    let d = dest.trim().to_ascii_lowercase();
    d.starts_with("https://") || d.starts_with("http://") || d.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_public_links_and_leave_out_the_rest() {
        let html = render_notes(
            "- See [the policy](http://intranet.local/policy) and [GOV.UK](https://www.gov.uk/).\n- <div onclick=\"x()\">Hi</div>\n- [the plan](@/plan/) ![Logo](l.png)\n",
        );
        assert!(!html.contains("intranet.local") && !html.contains("the policy"), "{html}");
        assert!(html.contains(LINK_LEFT_OUT));
        assert!(html.contains("<a href=\"https://www.gov.uk/\">GOV.UK</a>"));
        assert!(!html.contains("onclick") && html.contains(HTML_LEFT_OUT), "{html}");
        assert!(html.contains("the plan") && !html.contains("@/plan/"));
        assert!(html.contains("[Image: Logo]") && !html.contains("<img"));
    }
}
