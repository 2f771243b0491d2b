//! The words around a reference that say whose number it is: "of this
//! document", "of Appendix A", "of Keeping Children Safe…", "Ofsted (2019),
//! paragraph 89", "under section 30", "s.47 enquiries".

use std::sync::LazyLock;

use regex::Regex;

use super::endings;
use super::types::RefKind;
use crate::legislation::NameMatch;

/// How sure the words around a reference are that it names another
/// publication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    /// Nothing says so.
    None,
    /// A name is near, which may be this document's own (a body it
    /// describes, a section's title).
    Weak,
    /// A publication is named: a title, a possessive, a quotation, a year.
    Strong,
}

/// What follows a reference after "of".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum OfAfter {
    /// "of this document", "of the arrangements": `main` when the
    /// document's own page is meant rather than this appendix.
    ThisDocument { main: bool },
    /// "of Appendix A": the appendix, its label and where the label ends.
    Scope { kind: RefKind, label_start: usize, label_end: usize, word_start: usize },
    /// "of the Children Act 2004", "of that report".
    Elsewhere,
    /// Nothing after "of", or no "of".
    Nothing,
}

/// Words that end a publication's name.
const PUBLICATION_NOUNS: &[&str] = &[
    "framework",
    "guidance",
    "procedures",
    "procedure",
    "code",
    "handbook",
    "standards",
    "report",
    "review",
    "act",
    "regulations",
    "order",
    "rules",
    "protocol",
    "policy",
    "strategy",
    "plan",
    "guide",
    "toolkit",
    "manual",
    "statement",
    "circular",
    "bulletin",
    "constitution",
    "directions",
    "specification",
    "principles",
    "practice",
    "booklet",
    "leaflet",
    "briefing",
    "agreement",
    "contract",
    "arrangements",
    "inspection",
];

/// Small words inside a title: "Keeping Children Safe in Education".
const CONNECTORS: &[&str] = &["of", "in", "to", "and", "for", "the", "on", "at", "&", "a"];

/// Words that begin references themselves: "section 3, Appendix B" is a
/// list of references, not a reference and a name.
const REFERENCE_WORDS: &[&str] = &[
    "Appendix",
    "Appendices",
    "Annex",
    "Section",
    "Sections",
    "Paragraph",
    "Paragraphs",
    "Table",
    "Level",
    "Levels",
    "Part",
    "Chapter",
    "Figure",
];

static OF_THIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:of|in)\s+(?i:this|these|the\s+present|our)\s+(?i:(document|arrangements|report|plan|policy|protocol|guidance|strategy|procedures?|appendix|annex))\b")
        .expect("valid regex")
});
static OF_THE_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+of\s+the\s+(?:main\s+)?(?i:document|arrangements|report|plan|policy|protocol|strategy)\b(\s+\w+)?")
        .expect("valid regex")
});
static OF_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?:of|in)\s+(?:the\s+)?((?i:appendix|annex))\s+((?:[A-Z](?:\.\d+)*|\d+(?:\.\d+)*))\b",
    )
    .expect("valid regex")
});
static SCOPE_OWNER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?:to|of)\s+(?:the\s+)?[A-Z]").expect("valid regex"));
static OF_ANYTHING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+of\s+\S").expect("valid regex"));
static LEGAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\b(?:under|pursuant\s+to|by\s+virtue\s+of|within\s+the\s+meaning\s+of|as\s+defined\s+(?:in|by)|in\s+breach\s+of|contrary\s+to))\s+$")
        .expect("valid regex")
});
/// Nouns that follow an Act's section number in practice: "section 47
/// enquiries", "section 20 accommodation", "the Section 151 Officer".
static STATUTORY_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?i:enquiry|enquiries|investigations?|orders?|notices?|notifications?|duty|duties|powers?|accommodation|accommodated|assessments?|audits?|officers?|agreements?|applications?|checks?|strategy|child|children|cases?|support|meetings?|referrals?|reports?|requests?|placements?)\b")
        .expect("valid regex")
});
static INTERNAL_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,)?\s+(?:above|below|earlier|later\s+in)\b").expect("valid regex")
});
/// A reference that comes before this one in a citation: "chapter 3, ",
/// "section 3, ", "page 14, ".
static CHAIN_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\b(chapters?|parts?|pages?|pp?\.|sections?|paragraphs?|paras?\.?|annex|appendix|volume|vol\.))\s+[\dIVXLivxl]+[A-Za-z]?(?:\.\d+)*$")
        .expect("valid regex")
});
static YEAR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\(?(?:19|20)\d\d\)?$").expect("valid regex"));
static POSSESSIVE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][\w-]*['’]s\b").expect("valid regex"));
static YEAR_ACT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:19|20)\d\d\s+(?:Act|Regulations|Order)$").expect("valid regex")
});

/// What "of …" after a reference says.
pub(super) fn of_after(after: &str, offset: usize) -> OfAfter {
    // Most references are followed by neither word: no need to look closer.
    let next = after.trim_start();
    if !(next.starts_with("of ")
        || next.starts_with("in ")
        || next.starts_with("of\n")
        || next.starts_with("in\n"))
    {
        return OfAfter::Nothing;
    }
    if let Some(c) = OF_THIS.captures(after) {
        let word = c[1].to_ascii_lowercase();
        return OfAfter::ThisDocument { main: word != "appendix" && word != "annex" };
    }
    if let Some(c) = OF_THE_DOCUMENT.captures(after) {
        // "of the report of the LADO" is another report.
        let next = c.get(1).map(|m| m.as_str().trim().to_ascii_lowercase());
        if !matches!(next.as_deref(), Some("of" | "to" | "on" | "by" | "for" | "from")) {
            return OfAfter::ThisDocument { main: true };
        }
    }
    if let Some(c) = OF_SCOPE.captures(after) {
        let (word, label) = (c.get(1).expect("word"), c.get(2).expect("label"));
        // "paragraph 12 of Annex A to Working Together": that annex is another's.
        if SCOPE_OWNER.is_match(&after[label.end()..]) {
            return OfAfter::Elsewhere;
        }
        let kind = if word.as_str().eq_ignore_ascii_case("annex") {
            RefKind::Annex
        } else {
            RefKind::Appendix
        };
        return OfAfter::Scope {
            kind,
            label_start: offset + label.start(),
            label_end: offset + label.end(),
            word_start: offset + word.start(),
        };
    }
    if OF_ANYTHING.is_match(after) { OfAfter::Elsewhere } else { OfAfter::Nothing }
}

/// "Annex A to Working Together": an appendix of another publication.
pub(super) fn belongs_to_another(after: &str) -> bool {
    SCOPE_OWNER.is_match(after)
}

/// "under section 30", "pursuant to section 11": a provision of an Act.
pub(super) fn legal_before(before: &str) -> bool {
    let last = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    ["under", "Under", "to", "of", "in", "by"].contains(&last) && LEGAL_BEFORE.is_match(before)
}

/// "section 47 enquiries": the way only an Act's sections are used.
pub(super) fn statutory_noun_after(after: &str) -> bool {
    STATUTORY_NOUN.is_match(after)
}

/// "paragraph 6.1 above": this document's, whatever is near.
pub(super) fn internal_cue(after: &str) -> bool {
    let next = after.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    ["above", "below", "earlier", "later"].iter().any(|w| next.starts_with(w))
        && INTERNAL_CUE.is_match(after)
}

/// A publication named just before a reference, across a comma or a
/// bracket, after any references it chains ("chapter 3, paragraphs 6 & 9").
pub(super) fn name_before(before: &str, names: &[NameMatch]) -> Evidence {
    let mut s = before;
    let (mut glue, mut chained, mut year) = (false, false, false);
    loop {
        let t = s.trim_end();
        if let Some(x) = t.strip_suffix([',', '(', ':', '–', '—']) {
            s = x;
            glue = true;
            continue;
        }
        // "the SCR (2017) at para 5.12": "at" joins a name to its number.
        if let Some(x) = t.strip_suffix(" at").filter(|_| !glue) {
            s = x;
            glue = true;
            continue;
        }
        if let Some(m) = CHAIN_END.find(t) {
            let word = t[m.start()..].to_ascii_lowercase();
            chained |= ["chapter", "page", "p.", "pp.", "volume", "vol."]
                .iter()
                .any(|w| word.starts_with(w));
            s = &t[..m.start()];
            glue = true;
            continue;
        }
        if let Some(m) = YEAR_END.find(t)
            && !year
        {
            s = &t[..m.start()];
            year = true;
            continue;
        }
        s = t;
        break;
    }
    if chained {
        return Evidence::Strong;
    }
    let known_name = names.iter().any(|n| n.end == s.len());
    // "See paragraph 1.2": a plain word before it, no comma, bracket or
    // year, and no publication's name ends there.
    let last = s.rsplit(char::is_whitespace).next().unwrap_or("");
    let may_name = glue
        || year
        || known_name
        || last.ends_with(['”', '"', '’'])
        || is_publication(last.trim_end_matches(|c: char| !c.is_alphanumeric()));
    if !may_name {
        return Evidence::None;
    }
    let strong = known_name
        || s.ends_with(['”', '"'])
        || s.ends_with('’') && !s.ends_with("s’")
        || YEAR_ACT_END.is_match(s)
        || endings::ends_possessive(s)
        || endings::owned_publication(s).is_some_and(is_publication)
        || ["Ibid.", "Ibid", "ibid.", "op. cit."].iter().any(|e| s.ends_with(e));
    if strong {
        return Evidence::Strong;
    }
    let run = title_run_before(s, year);
    // Without a comma, a bracket or a year between them, only a sure name
    // makes the number another's: "Ofsted's ILACS framework paragraph 23".
    if glue || year || run == Evidence::Strong { run } else { Evidence::None }
}

fn is_publication(word: &str) -> bool {
    PUBLICATION_NOUNS.contains(&word.to_lowercase().as_str())
}

/// The Title-Case words that end `s`, as evidence of a name.
fn title_run_before(s: &str, year: bool) -> Evidence {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut run: Vec<&str> = Vec::new();
    for w in words.iter().rev() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if bare.is_empty() || !(is_capitalised(bare) || CONNECTORS.contains(&bare)) {
            // "London procedures", "JTAI guidance": a name and a noun.
            if run.is_empty() && PUBLICATION_NOUNS.contains(&bare.to_lowercase().as_str()) {
                run.push(bare);
                continue;
            }
            break;
        }
        run.push(bare);
        if w.starts_with(['(', '“', '"']) {
            break;
        }
    }
    while run.last().is_some_and(|w| CONNECTORS.contains(w)) {
        run.pop();
    }
    run.reverse();
    let capitals = run.iter().filter(|w| is_capitalised(w)).count();
    let last = run.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let noun = PUBLICATION_NOUNS.contains(&last.as_str());
    if capitals == 0 {
        return Evidence::None;
    }
    if noun && (capitals >= 1) || year {
        Evidence::Strong
    } else if capitals >= 2 {
        Evidence::Weak
    } else {
        Evidence::None
    }
}

/// A publication named just after a reference, across a comma or bracket:
/// "(paragraph 12, Ofsted's inspection framework)".
pub(super) fn name_after(after: &str, names: &[NameMatch], offset: usize) -> Evidence {
    let trimmed = after.trim_start();
    let Some(rest) = trimmed.strip_prefix([',', '(']) else { return Evidence::None };
    let rest_trimmed = rest.trim_start();
    let at = offset + after.len() - rest_trimmed.len();
    if rest_trimmed.starts_with(['“', '"']) || POSSESSIVE_START.is_match(rest_trimmed) {
        return Evidence::Strong;
    }
    if names.iter().any(|n| n.start == at)
        || rest_trimmed.starts_with(|c: char| c.is_ascii_digit())
            && rest_trimmed.len() >= 4
            && rest_trimmed[..4].chars().all(|c| c.is_ascii_digit())
    {
        return Evidence::Strong;
    }
    let words: Vec<&str> = rest_trimmed
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .take_while(|w| {
            !w.is_empty()
                && (is_capitalised(w) || CONNECTORS.contains(w) || PUBLICATION_NOUNS.contains(w))
        })
        .collect();
    if words.first().is_none_or(|w| REFERENCE_WORDS.contains(w)) {
        return Evidence::None;
    }
    let capitals = words.iter().filter(|w| is_capitalised(w)).count();
    if words.iter().any(|w| PUBLICATION_NOUNS.contains(&w.to_lowercase().as_str())) && capitals >= 1
    {
        Evidence::Strong
    } else if capitals >= 2 {
        Evidence::Weak
    } else {
        Evidence::None
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Compiles this module's patterns now (see `charter_resolve::compile_patterns`).
pub(super) fn compile_patterns() {
    for pattern in [
        &OF_THIS,
        &OF_THE_DOCUMENT,
        &OF_SCOPE,
        &SCOPE_OWNER,
        &OF_ANYTHING,
        &LEGAL_BEFORE,
        &STATUTORY_NOUN,
        &INTERNAL_CUE,
        &CHAIN_END,
        &YEAR_END,
        &POSSESSIVE_START,
        &YEAR_ACT_END,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_before() {
        let e = |s: &str| name_before(s, &[]);
        assert_eq!(e("Working Together 2018 (chapter 3, "), Evidence::Strong);
        assert_eq!(e("Ofsted (2019), "), Evidence::Strong);
        assert_eq!(e("Ofsted's inspection framework, "), Evidence::Strong);
        assert_eq!(e("the London procedures, "), Evidence::Strong);
        assert_eq!(e("the JTAI guidance, "), Evidence::Strong);
        assert_eq!(e("“Learning from practice reviews”, "), Evidence::Strong);
        assert_eq!(e("the Ofsted Inspection Framework ("), Evidence::Strong);
        assert_eq!(e("(Part 3 of the Constitution, "), Evidence::Strong);
        assert_eq!(e("The Executive Group ("), Evidence::Weak);
        assert_eq!(e("as set out in "), Evidence::None);
        assert_eq!(e("see "), Evidence::None);
        assert_eq!(e("described in paragraphs 6.1 and "), Evidence::None);
        assert_eq!(e("Ibid., "), Evidence::Strong);
        assert_eq!(e("Ofsted’s ILACS framework "), Evidence::Strong);
        assert_eq!(e("the partnership’s 2019 review, "), Evidence::Strong);
        assert_eq!(e("As set out in the SCR (2017) at "), Evidence::Strong);
        assert_eq!(e("Ofsted's 2023 ILACS report at "), Evidence::Strong);
        assert_eq!(e("as set out at "), Evidence::None);
        assert_eq!(e("The Executive Group "), Evidence::None);
    }

    #[test]
    fn names_after() {
        let e = |s: &str| name_after(s, &[], 0);
        assert_eq!(e(", Ofsted's inspection framework)"), Evidence::Strong);
        assert_eq!(e(", “Safe Sport”"), Evidence::Strong);
        assert_eq!(e(", Appendix B and section 5"), Evidence::None);
        assert_eq!(e(", Governance and Accountability"), Evidence::Weak);
        assert_eq!(e(" below"), Evidence::None);
    }

    #[test]
    fn what_of_says() {
        assert_eq!(of_after(" of this document", 0), OfAfter::ThisDocument { main: true });
        assert_eq!(of_after(" of the arrangements (para", 0), OfAfter::ThisDocument { main: true });
        assert_eq!(of_after(" of the report of the LADO", 0), OfAfter::Elsewhere);
        assert_eq!(of_after(" of that report", 0), OfAfter::Elsewhere);
        assert!(matches!(of_after(" of Appendix A", 0), OfAfter::Scope { .. }));
        assert_eq!(of_after(" was removed", 0), OfAfter::Nothing);
    }
}
