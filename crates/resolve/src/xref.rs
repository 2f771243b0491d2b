//! Finding "paragraph 2.6", "sections 2.10 to 2.19", "Appendix A" and
//! "Section 19 of Appendix A" in running text. Pure text in, matches out:
//! which target each number names is decided by the caller.

use std::sync::LazyLock;

use regex::Regex;

/// What a reference's keyword names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// "paragraph 2.6".
    Paragraph,
    /// "section 13".
    Section,
    /// "Appendix A".
    Appendix,
    /// "Annex B".
    Annex,
    /// "Level 2" of a threshold.
    Level,
}

/// One number within a reference, with its byte range in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefItem {
    /// Byte offset where the number starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The number or label as written.
    pub number: String,
}

/// A reference phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// What the keyword names.
    pub kind: RefKind,
    /// Byte range of the keyword and its numbers ("paragraphs 1.5.6 and 1.5.7").
    pub start: usize,
    /// Where the phrase ends.
    pub end: usize,
    /// Each number in it.
    pub items: Vec<RefItem>,
    /// "Section 19 of Appendix A": the appendix that scopes the numbers,
    /// with the byte range of "Appendix A" so it can be linked too.
    pub scope: Option<(RefKind, RefItem, usize)>,
}

const SEP: &str = r"(?:\s*(?:,|&|-|–|—)\s*(?:and\s+)?|\s+(?:and|or|to)\s+)";
const NUM: &str = r"\d+(?:\.\d+)*";
const LABEL: &str = r"(?:[A-Z](?:\.\d+)*|\d+(?:\.\d+)*)";

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?i:(paragraphs?|paras?\.?|sections?))\s+({NUM}(?:{SEP}{NUM})*)\b"))
        .expect("valid regex")
});
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?i:(appendix|appendices|annex|annexes))\s+({LABEL}(?:{SEP}{LABEL})*)\b"
    ))
    .expect("valid regex")
});
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(Levels?)\s+([1-9]\d?(?:{SEP}[1-9]\d?)*)\b")).expect("valid regex")
});
static ITEM_NUM: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUM).expect("valid regex"));
static ITEM_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b{LABEL}\b")).expect("valid regex"));
static OF_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s+(?:of|in)\s+(?:(?i:the\s+)?((?i:appendix|annex))\s+({LABEL})\b)?"))
        .expect("valid regex")
});
/// After "of", these name this very document.
static OF_THIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+of\s+(?i:this|these|the\s+present)\s+(?i:document|arrangements|report|plan|policy|protocol|guidance|appendix|annex|strategy)\b")
        .expect("valid regex")
});
/// "paragraph 218 of Keeping Children Safe…", "section 16 of the Children Act".
static OF_ELSEWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+of\s+\S").expect("valid regex"));

/// Every reference in `text`, skipping phrases in `ignore` (matched
/// case-insensitively at the reference's start) and references to other
/// documents ("of the Children Act 2004").
pub fn scan(text: &str, ignore: &[String]) -> Vec<Reference> {
    let mut out = Vec::new();
    // Most text has no reference at all: every form needs a digit or an
    // appendix or annex word, so skip the regexes when neither is there.
    if !text.bytes().any(|b| b.is_ascii_digit())
        && !contains_ignore_case(text, "appendi")
        && !contains_ignore_case(text, "annex")
    {
        return out;
    }
    for (re, item_re, is_label) in
        [(&*NUMBERED, &*ITEM_NUM, false), (&*LABELLED, &*ITEM_LABEL, true)]
    {
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("group 0");
            let keyword = caps.get(1).expect("keyword").as_str().to_ascii_lowercase();
            let list = caps.get(2).expect("list");
            let kind = if is_label {
                if keyword.starts_with("annex") { RefKind::Annex } else { RefKind::Appendix }
            } else if keyword.starts_with("sec") {
                RefKind::Section
            } else {
                RefKind::Paragraph
            };
            if ignored(&text[whole.start()..], ignore) {
                continue;
            }
            let items: Vec<RefItem> = item_re
                .find_iter(list.as_str())
                .map(|m| RefItem {
                    start: list.start() + m.start(),
                    end: list.start() + m.end(),
                    number: m.as_str().to_string(),
                })
                .collect();
            let after = &text[whole.end()..];
            let mut scope = None;
            // "Section 19 of Appendix A", "Appendix 1 of Appendix B": scoped;
            // "paragraph 218 of Keeping Children Safe…": another document's.
            if !OF_THIS.is_match(after)
                && let Some(c) = OF_SCOPE.captures(after)
            {
                match (c.get(1), c.get(2)) {
                    (Some(word), Some(label)) => {
                        let k = if word.as_str().eq_ignore_ascii_case("annex") {
                            RefKind::Annex
                        } else {
                            RefKind::Appendix
                        };
                        let item = RefItem {
                            start: whole.end() + word.start(),
                            end: whole.end() + label.end(),
                            number: label.as_str().to_string(),
                        };
                        scope = Some((k, item, whole.end() + label.end()));
                    }
                    _ if OF_ELSEWHERE.is_match(after) => continue,
                    _ => {}
                }
            }
            out.push(Reference { kind, start: whole.start(), end: whole.end(), items, scope });
        }
    }
    for caps in LEVEL.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let list = caps.get(2).expect("list");
        if OF_ELSEWHERE.is_match(&text[whole.end()..]) || ignored(&text[whole.start()..], ignore) {
            continue;
        }
        let items = ITEM_NUM
            .find_iter(list.as_str())
            .map(|m| RefItem {
                start: list.start() + m.start(),
                end: list.start() + m.end(),
                number: m.as_str().to_string(),
            })
            .collect();
        out.push(Reference {
            kind: RefKind::Level,
            start: whole.start(),
            end: whole.end(),
            items,
            scope: None,
        });
    }
    out.sort_by_key(|r| r.start);
    // A scoped reference's "Appendix A" was also found on its own: keep one.
    let mut kept: Vec<Reference> = Vec::new();
    for r in out {
        if kept
            .iter()
            .any(|k| r.start < k.scope.as_ref().map(|s| s.2).unwrap_or(k.end) && r.start >= k.start)
        {
            continue;
        }
        kept.push(r);
    }
    kept
}

fn contains_ignore_case(text: &str, needle: &str) -> bool {
    text.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn ignored(rest: &str, ignore: &[String]) -> bool {
    ignore.iter().any(|phrase| {
        rest.len() >= phrase.len()
            && rest.is_char_boundary(phrase.len())
            && rest[..phrase.len()].eq_ignore_ascii_case(phrase)
            && !rest[phrase.len()..].starts_with(|c: char| {
                c.is_alphanumeric()
                    || c == '.'
                        && rest[phrase.len() + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(RefKind, Vec<String>)> {
        scan(text, &["Section 11".to_string()])
            .into_iter()
            .map(|r| (r.kind, r.items.into_iter().map(|i| i.number).collect()))
            .collect()
    }

    #[test]
    fn single_references() {
        assert_eq!(numbers("see paragraph 2.6."), vec![(RefKind::Paragraph, vec!["2.6".into()])]);
        assert_eq!(numbers("see para 3.1 and"), vec![(RefKind::Paragraph, vec!["3.1".into()])]);
        assert_eq!(numbers("Para. 3.1"), vec![(RefKind::Paragraph, vec!["3.1".into()])]);
        assert_eq!(numbers("in section 13,"), vec![(RefKind::Section, vec!["13".into()])]);
        assert_eq!(numbers("see Appendix A"), vec![(RefKind::Appendix, vec!["A".into()])]);
        assert_eq!(numbers("see Annex B"), vec![(RefKind::Annex, vec!["B".into()])]);
    }

    #[test]
    fn lists_and_ranges() {
        assert_eq!(
            numbers("paragraphs 1.5.6 and 1.5.7"),
            vec![(RefKind::Paragraph, vec!["1.5.6".into(), "1.5.7".into()])]
        );
        assert_eq!(
            numbers("paragraphs 1.10 – 1.48"),
            vec![(RefKind::Paragraph, vec!["1.10".into(), "1.48".into()])]
        );
        assert_eq!(
            numbers("paragraphs 1.10-1.48"),
            vec![(RefKind::Paragraph, vec!["1.10".into(), "1.48".into()])]
        );
        assert_eq!(
            numbers("sections 2.10 to 2.19"),
            vec![(RefKind::Section, vec!["2.10".into(), "2.19".into()])]
        );
        assert_eq!(
            numbers("Appendices 1, 2 and 4"),
            vec![(RefKind::Appendix, vec!["1".into(), "2".into(), "4".into()])]
        );
    }

    #[test]
    fn across_a_line_break() {
        assert_eq!(
            numbers("see paragraph\n2.6 below"),
            vec![(RefKind::Paragraph, vec!["2.6".into()])]
        );
    }

    #[test]
    fn scoped_to_an_appendix() {
        let r = scan("see Section 19 of Appendix A for", &[]);
        assert_eq!(r.len(), 1);
        let (kind, item, _) = r[0].scope.clone().unwrap();
        assert_eq!(kind, RefKind::Appendix);
        assert_eq!(item.number, "A");
    }

    #[test]
    fn appendix_of_an_appendix() {
        let r = scan("see Appendix 1 of Appendix B.", &[]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, RefKind::Appendix);
        assert_eq!(r[0].scope.as_ref().unwrap().1.number, "B");
        assert!(scan("Appendix 2 of Working Together", &[]).is_empty());
    }

    #[test]
    fn references_elsewhere_are_left_alone() {
        assert!(numbers("section 16 of the Children Act 2004").is_empty());
        assert!(numbers("paragraph 218 of Keeping Children Safe in Education").is_empty());
        assert!(numbers("chapter 3, paragraphs 6 & 9 of Working Together").is_empty());
        assert!(numbers("A Section 11 audit").is_empty());
        assert_eq!(
            numbers("see section 4 of this document"),
            vec![(RefKind::Section, vec!["4".into()])]
        );
    }

    #[test]
    fn lookalikes_are_not_references() {
        assert!(numbers("2.6 million children").is_empty());
        assert!(numbers("set out at 3.1 below (5.2.1 and 5.2.3)").is_empty());
        assert!(numbers("version 2.0 of the plan").is_empty());
        assert_eq!(numbers("Level 2 needs"), vec![(RefKind::Level, vec!["2".into()])]);
        assert!(numbers("appendix a list").is_empty());
    }
}
