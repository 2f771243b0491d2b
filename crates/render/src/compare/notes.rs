//! A version's `changes:` notes under the comparison's rules, wherever a
//! page gathers them (history, changes, compare): a link to a private
//! host and raw HTML are left out with a note, images show their
//! description, and only links a reader can follow stay live.

use charter_core::html::{escape, text_of};
use charter_resolve::anchors::Ev;
use charter_resolve::private_host_of;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::extract::{HTML_LEFT_OUT, LINK_LEFT_OUT, is_scripted, tag_name};

/// What happens to a link in the notes.
enum Fate {
    Keep,
    Unlink,
    Hide,
}

/// Applies the rules to notes as written, before links are resolved: a
/// link to the public web, an email address or a page of the site (`@/`,
/// a Markdown file, a fragment) stays; any other link keeps only its
/// words.
pub(crate) fn redact_notes(events: Vec<Ev<'_>>) -> Vec<Ev<'_>> {
    let mut out: Vec<Ev<'_>> = Vec::with_capacity(events.len());
    let mut links: Vec<Fate> = Vec::new();
    let hidden = |links: &[Fate]| links.iter().any(|f| matches!(f, Fate::Hide));
    for (event, range) in events {
        let at = range.clone();
        let mut push = |e: Event<'static>| out.push((e, at.clone()));
        match event {
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let fate = if private_host_of(dest_url).is_some() {
                    push(redaction(LINK_LEFT_OUT));
                    Fate::Hide
                } else if is_followable(dest_url) {
                    Fate::Keep
                } else {
                    Fate::Unlink
                };
                if matches!(fate, Fate::Keep) && !hidden(&links) {
                    out.push((event, range));
                }
                links.push(fate);
            }
            Event::End(TagEnd::Link) => {
                if matches!(links.pop(), Some(Fate::Keep)) && !hidden(&links) {
                    out.push((event, range));
                }
            }
            _ if hidden(&links) => {}
            Event::Start(Tag::Image { .. }) => push(Event::Text("[Image: ".into())),
            Event::End(TagEnd::Image) => push(Event::Text("]".into())),
            Event::Html(ref h) => {
                if !text_of(h).trim().is_empty() || is_scripted(h) {
                    let html = format!(
                        "<p><span class=\"cmp-redacted\">{}</span></p>\n",
                        escape(HTML_LEFT_OUT)
                    );
                    push(Event::Html(CowStr::Boxed(html.into_boxed_str())));
                }
            }
            Event::InlineHtml(ref h) => match tag_name(h).as_str() {
                "br" => push(Event::HardBreak),
                _ if h.trim_start().starts_with("<!--") => {}
                name if super::extract::HARMLESS_TAGS.contains(&name) && !is_scripted(h) => {}
                _ => push(redaction(HTML_LEFT_OUT)),
            },
            other => out.push((other, range)),
        }
    }
    out
}

fn redaction(what: &str) -> Event<'static> {
    let html = format!("<span class=\"cmp-redacted\">{}</span>", escape(what));
    Event::InlineHtml(CowStr::Boxed(html.into_boxed_str()))
}

/// A link any reader can follow once resolved: the public web, an email
/// address, or a page of the site.
fn is_followable(dest: &str) -> bool {
    let d = dest.trim().to_ascii_lowercase();
    let path = d.split(['#', '?']).next().unwrap_or("");
    d.starts_with("https://")
        || d.starts_with("http://")
        || d.starts_with("mailto:")
        || d.starts_with("@/")
        || d.starts_with('#')
        || (path.ends_with(".md") && !d.contains(':'))
}

#[cfg(test)]
mod tests {
    use charter_resolve::anchors::parse;

    use super::*;

    fn notes(markdown: &str) -> String {
        let events = redact_notes(parse(markdown));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        html
    }

    #[test]
    fn notes_keep_followable_links_and_leave_out_the_rest() {
        let html = notes(
            "- See [the policy](http://intranet.local/policy) and [GOV.UK](https://www.gov.uk/).\n- <div onclick=\"x()\">Hi</div>\n- [the plan](@/plan/) ![Logo](l.png) [a folder](files/plan/)\n",
        );
        assert!(!html.contains("intranet.local") && !html.contains("the policy"), "{html}");
        assert!(html.contains(LINK_LEFT_OUT));
        assert!(html.contains("<a href=\"https://www.gov.uk/\">GOV.UK</a>"));
        assert!(!html.contains("onclick") && html.contains(HTML_LEFT_OUT), "{html}");
        assert!(html.contains("<a href=\"@/plan/\">the plan</a>"), "{html}");
        assert!(html.contains("a folder") && !html.contains("files/plan/"), "{html}");
        assert!(html.contains("[Image: Logo]") && !html.contains("<img"));
    }
}
