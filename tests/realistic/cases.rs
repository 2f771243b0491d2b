//! Every outcome the realistic fixture must have: for each wording, the
//! page it is shown on, where it is written, and what it must become.
//!
//! A case is *handled* when the text asks for something (a link, or a
//! warning that a target is missing) and a *near miss* when it looks like
//! such a thing but must be left as it is (plain text, at most a note).

/// The families of the issue this fixture measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    /// Cross-references, inside the document or to another publication.
    Xref,
    /// "Level N" of the threshold, or of something else.
    Level,
    /// Acts, regulations and statutory guidance.
    Statute,
    /// Acronyms: glossary terms, undefined ones and look-alikes.
    Acronym,
}

/// Where in a document the wording is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Placement {
    Body,
    Footnote,
    Cell,
    Item,
    /// A version's `changes:` text, shown on the history page.
    Changes,
    /// Other frontmatter shown on the page (levels, a service's details).
    Frontmatter,
}

/// What the wording must become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Want {
    /// A link to exactly this address.
    Link(&'static str),
    /// Plain text, and no diagnostic about it.
    Plain,
    /// Plain text and a warning with this code at the phrase.
    Warn(&'static str),
    /// Plain text and a note with this code at the phrase.
    Note(&'static str),
}

/// One wording in one place.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Case {
    pub(crate) family: Family,
    pub(crate) placement: Placement,
    pub(crate) near_miss: bool,
    /// The built page, under the output folder.
    pub(crate) page: &'static str,
    /// The file the wording is written in.
    pub(crate) source: &'static str,
    /// Text around the phrase, unique on the page (and in the source, for
    /// a warning or note).
    pub(crate) context: &'static str,
    /// The phrase itself, within the context.
    pub(crate) phrase: &'static str,
    pub(crate) want: Want,
}

use Family::*;
use Placement::*;
use Want::*;

const ARR: (&str, &str) =
    ("arrangements/kmsp/index.html", "content/arrangements/kmsp/v2.0/index.md");
const ARR_HISTORY: (&str, &str) =
    ("arrangements/kmsp/history/index.html", "content/arrangements/kmsp/v2.0/index.md");
const ARR_V1: (&str, &str) =
    ("arrangements/kmsp/v1.0/index.html", "content/arrangements/kmsp/v1.0/index.md");
const APPENDIX_1: (&str, &str) =
    ("arrangements/kmsp/appendix-1/index.html", "content/arrangements/kmsp/v2.0/appendix-1.md");
const APPENDIX_2: (&str, &str) =
    ("arrangements/kmsp/appendix-2/index.html", "content/arrangements/kmsp/v2.0/appendix-2.md");
const THRESHOLD: (&str, &str) =
    ("thresholds/pathway/index.html", "content/thresholds/pathway/index.md");
const OLD_THRESHOLD: (&str, &str) =
    ("thresholds/early-help-2019/index.html", "content/thresholds/early-help-2019/index.md");
const LADO: (&str, &str) =
    ("reports/lado-2024-25/index.html", "content/reports/lado-2024-25/index.md");
const PLAN: (&str, &str) = (
    "plans/ilacs-improvement-plan/index.html",
    "content/plans/ilacs-improvement-plan/v2.0/index.md",
);
const PLAN_V1: (&str, &str) = (
    "plans/ilacs-improvement-plan/v1.0/index.html",
    "content/plans/ilacs-improvement-plan/v1.0/index.md",
);
const PLAN_HISTORY: (&str, &str) = (
    "plans/ilacs-improvement-plan/history/index.html",
    "content/plans/ilacs-improvement-plan/v2.0/index.md",
);
const CABINET: (&str, &str) =
    ("committee/cabinet-2025-06/index.html", "content/committee/cabinet-2025-06/index.md");
const OFFER: (&str, &str) =
    ("local-offer/care-leavers/index.html", "content/local-offer/care-leavers/index.md");
const ADVISER: (&str, &str) = (
    "local-offer/care-leavers/personal-adviser/index.html",
    "content/local-offer/care-leavers/personal-adviser.md",
);
const HOME: (&str, &str) = (
    "local-offer/care-leavers/setting-up-home/index.html",
    "content/local-offer/care-leavers/setting-up-home.md",
);

const CA1989: &str = "https://www.legislation.gov.uk/ukpga/1989/41";
const CA2004: &str = "https://www.legislation.gov.uk/ukpga/2004/31";
const EA2002: &str = "https://www.legislation.gov.uk/ukpga/2002/32";
const WT: &str =
    "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2";
const KCSIE: &str =
    "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2";
const PATHWAY: &str = "/thresholds/pathway/";

const LEVEL_NOTE: Want = Note("xref::level-not-linked");
const UNKNOWN_ACT: Want = Note("xref::unknown-act");
const UNRESOLVED: Want = Warn("xref::unresolved");
const ACRONYM: Want = Warn("glossary::undefined-acronym");

fn case(
    family: Family,
    placement: Placement,
    near_miss: bool,
    (page, source): (&'static str, &'static str),
    context: &'static str,
    phrase: &'static str,
    want: Want,
) -> Case {
    Case { family, placement, near_miss, page, source, context, phrase, want }
}

/// A wording that must be handled.
fn h(
    f: Family,
    p: Placement,
    at: (&'static str, &'static str),
    context: &'static str,
    phrase: &'static str,
    want: Want,
) -> Case {
    case(f, p, false, at, context, phrase, want)
}

/// A near miss: it must not be taken for what it looks like.
fn n(
    f: Family,
    p: Placement,
    at: (&'static str, &'static str),
    context: &'static str,
    phrase: &'static str,
    want: Want,
) -> Case {
    case(f, p, true, at, context, phrase, want)
}

/// An address in the same build, from a `&'static str` and a suffix.
fn link(prefix: &str, suffix: &str) -> Want {
    Link(Box::leak(format!("{prefix}{suffix}").into_boxed_str()))
}

fn term(slug: &str) -> Want {
    link("/glossary/#", slug)
}

pub(crate) fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    all.extend(cross_references());
    all.extend(levels());
    all.extend(statutes());
    all.extend(acronyms());
    all
}

fn cross_references() -> Vec<Case> {
    let appendix_1 = "/arrangements/kmsp/appendix-1/";
    let v2 = "/arrangements/kmsp/v2.0/";
    let lado_a = "/reports/lado-2024-25/appendix-a/";
    let plan_v2 = "/plans/ilacs-improvement-plan/v2.0/";
    vec![
        // Body text.
        h(Xref, Body, ARR, "paragraph 3.2 lists the duties", "paragraph 3.2", Link("#para-3-2")),
        h(Xref, Body, ARR, "are described in section 5.", "section 5", Link("#section-5")),
        h(Xref, Body, ARR, "The Executive Group (section 4)", "section 4", Link("#section-4")),
        h(Xref, Body, ARR, "are listed in Appendix 1.", "Appendix 1", Link(appendix_1)),
        h(
            Xref,
            Body,
            ARR,
            "covered in Section 5 of Appendix 1.",
            "Section 5",
            link(appendix_1, "#section-5"),
        ),
        h(
            Xref,
            Body,
            ARR,
            "as set out in paragraph 5.2 of this document",
            "paragraph 5.2",
            Link("#para-5-2"),
        ),
        h(Xref, Body, ARR, "the statistics are in Appendix 3,", "Appendix 3", UNRESOLVED),
        h(Xref, Body, ARR, "and paragraph 9.9 sets out", "paragraph 9.9", UNRESOLVED),
        h(
            Xref,
            Body,
            APPENDIX_1,
            "Section 5 of the arrangements (paragraph",
            "Section 5",
            Link("/arrangements/kmsp/#section-5"),
        ),
        h(
            Xref,
            Body,
            APPENDIX_1,
            "(paragraph 5.1 of the main document)",
            "paragraph 5.1",
            Link("/arrangements/kmsp/#para-5-1"),
        ),
        h(Xref, Body, LADO, "paragraph 3.3 explains the rise", "paragraph 3.3", Link("#para-3-3")),
        h(Xref, Body, LADO, "are set out in Appendix B.", "Appendix B", UNRESOLVED),
        h(Xref, Body, CABINET, "(see paragraph 4.2)", "paragraph 4.2", Link("#para-4-2")),
        h(
            Xref,
            Body,
            PLAN,
            "against paragraphs 2.1 – 2.4 and section 2",
            "section 2",
            Link("#section-2"),
        ),
        n(
            Xref,
            Body,
            ARR,
            "Working Together 2023 (chapter 2, paragraphs 6 & 9)",
            "paragraphs 6 & 9",
            Plain,
        ),
        n(Xref, Body, ARR, "(the London procedures, paragraph 7)", "paragraph 7", Plain),
        n(
            Xref,
            Body,
            ARR,
            "Child Protection Procedures (section 3, paragraph 7)",
            "section 3",
            Plain,
        ),
        n(Xref, Body, ARR, "criteria in paragraph 16 of chapter 4", "paragraph 16", Plain),
        n(Xref, Body, ARR, "practice reviews\", paragraph 7", "paragraph 7", Plain),
        n(Xref, Body, ARR, "(paragraph 2.4 of that report)", "paragraph 2.4", Plain),
        n(Xref, Body, ARR, "Ofsted's framework (paragraph 12)", "paragraph 12", Plain),
        n(Xref, Body, ARR, "A Section 11 audit runs", "Section 11", Plain),
        n(Xref, Body, LADO, "Ofsted's framework (paragraph 12) expects", "paragraph 12", Plain),
        n(Xref, Body, PLAN, "paragraph 23 of the inspection report", "paragraph 23", Plain),
        n(Xref, Body, PLAN, "and to Ofsted (2023), paragraph 41.", "paragraph 41", Plain),
        n(Xref, Body, PLAN, "the ILACS framework (paragraph 12) looks", "paragraph 12", Plain),
        n(Xref, Body, PLAN_V1, "the ILACS framework (paragraph 94)", "paragraph 94", Plain),
        n(Xref, Body, CABINET, "section 5 of the Council's Constitution", "section 5", Plain),
        n(
            Xref,
            Body,
            CABINET,
            "(Part 3 of the Constitution, paragraph 4.2)",
            "paragraph 4.2",
            Plain,
        ),
        n(Xref, Body, CABINET, "The Section 151 Officer", "Section 151", Plain),
        n(Xref, Body, OFFER, "care leavers (paragraph 12)", "paragraph 12", Plain),
        n(Xref, Body, HOME, "paragraph 3.2 of the DfE's guidance", "paragraph 3.2", Plain),
        // Footnotes.
        h(
            Xref,
            Footnote,
            ARR,
            "described in paragraphs 6.1 and 6.2 above",
            "6.1",
            Link("#para-6-1"),
        ),
        h(
            Xref,
            Footnote,
            ARR,
            "6.1 and 6.2 above and in Appendix 1.",
            "Appendix 1",
            Link(appendix_1),
        ),
        h(Xref, Footnote, ARR, "is in paragraph 9.9, next to", "paragraph 9.9", UNRESOLVED),
        h(Xref, Footnote, ARR, "teams are named in section 4.", "section 4", Link("#section-4")),
        h(Xref, Footnote, LADO, "and paragraph 1.1 above", "paragraph 1.1", Link("#para-1-1")),
        h(
            Xref,
            Footnote,
            LADO,
            "The figures are in paragraphs 3.1 – 3.2.",
            "3.2",
            Link("#para-3-2"),
        ),
        h(
            Xref,
            Footnote,
            LADO,
            "summarised in Section 2 of Appendix A,",
            "Section 2",
            link(lado_a, "#section-2"),
        ),
        n(Xref, Footnote, ARR, "Ofsted (2019), paragraph 89; Keeping", "paragraph 89", Plain),
        n(
            Xref,
            Footnote,
            ARR,
            "in Education, paragraph 218; and section 17(1)",
            "paragraph 218",
            Plain,
        ),
        n(Xref, Footnote, ARR, "Under section 30 the Panel", "section 30", Plain),
        n(Xref, Footnote, ARR, "see section 16 G and", "section 16 G", Plain),
        n(
            Xref,
            Footnote,
            LADO,
            "Working Together 2023 (chapter 2, paragraphs 12 & 13)",
            "paragraphs 12 & 13",
            Plain,
        ),
        n(Xref, Footnote, LADO, "against staff\", paragraph 7, and", "paragraph 7", Plain),
        n(
            Xref,
            Footnote,
            LADO,
            "Ofsted's inspection framework, paragraph 40;",
            "paragraph 40",
            Plain,
        ),
        n(Xref, Footnote, LADO, "the JTAI guidance, section 4.", "section 4", Plain),
        // Table cells.
        h(
            Xref,
            Cell,
            ARR,
            "Head of Safeguarding (paragraph 3.2)",
            "paragraph 3.2",
            Link("#para-3-2"),
        ),
        h(Xref, Cell, PLAN, "consistently (paragraph 2.2)", "paragraph 2.2", Link("#para-2-2")),
        h(
            Xref,
            Cell,
            LADO,
            "Club welfare officer (see paragraph 4.2)",
            "paragraph 4.2",
            Link("#para-4-2"),
        ),
        h(Xref, Cell, LADO, "Ofsted registration team (Appendix C)", "Appendix C", UNRESOLVED),
        h(
            Xref,
            Cell,
            CABINET,
            "ENCLOSURES Appendix A: KSCP",
            "Appendix A",
            Link("/committee/cabinet-2025-06/appendix-a/"),
        ),
        n(Xref, Cell, ARR, "paragraph 12 of Working Together", "paragraph 12", Plain),
        n(Xref, Cell, PLAN, "Complete the Section 11 audit", "Section 11", Plain),
        n(Xref, Cell, LADO, "Ofsted (2019), paragraph 89 Sport", "paragraph 89", Plain),
        n(Xref, Cell, LADO, "\"Safe Sport\", paragraph 7;", "paragraph 7", Plain),
        n(Xref, Cell, LADO, "paragraph 7; referrals under section 30", "section 30", Plain),
        // List items.
        h(Xref, Item, ARR, "policy in paragraphs 4.1 – 4.3 and", "4.1", Link("#para-4-1")),
        h(Xref, Item, ARR, "paragraphs 4.1 – 4.3 and Appendix 2,", "4.3", Link("#para-4-3")),
        h(
            Xref,
            Item,
            ARR,
            "4.3 and Appendix 2, not",
            "Appendix 2",
            Link("/arrangements/kmsp/appendix-2/"),
        ),
        h(Xref, Item, LADO, "the criteria in paragraphs 3.1 and 3.2,", "3.1", Link("#para-3-1")),
        h(Xref, Item, LADO, "restated figures in Appendix A;", "Appendix A", Link(lado_a)),
        h(
            Xref,
            Item,
            LADO,
            "sports clubs, in Section 2 of Appendix A.",
            "Section 2",
            link(lado_a, "#section-2"),
        ),
        n(Xref, Item, ARR, "not the procedures under section 30;", "section 30", Plain),
        n(Xref, Item, ARR, "take part in a Section 11 audit", "Section 11", Plain),
        n(Xref, Item, ARR, "and in s.47 enquiries when asked", "s.47", Plain),
        n(Xref, Item, ARR, "and in section 16 G notifications", "section 16 G", Plain),
        n(Xref, Item, LADO, "Education, paragraph 218; referrals", "paragraph 218", Plain),
        n(
            Xref,
            Item,
            LADO,
            "the Ofsted Inspection Framework (paragraph 40)",
            "paragraph 40",
            Plain,
        ),
        n(Xref, Item, LADO, "and Ofsted (2019), paragraph 89;", "paragraph 89", Plain),
        n(Xref, Item, CABINET, "(paragraph 3.4 of that report)", "paragraph 3.4", Plain),
        // A version's changes.
        h(
            Xref,
            Changes,
            ARR_HISTORY,
            "Sections 1, 5 and 7 were rewritten",
            "1",
            link(v2, "#section-1"),
        ),
        h(Xref, Changes, ARR_HISTORY, "1, 5 and 7 were rewritten", "7", link(v2, "#section-7")),
        h(Xref, Changes, ARR_HISTORY, "Appendix 2 is new", "Appendix 2", link(v2, "appendix-2/")),
        h(
            Xref,
            Changes,
            ARR_HISTORY,
            "Section 8 (Funding) was removed",
            "Section 8",
            Link("/arrangements/kmsp/v1.0/#section-8"),
        ),
        h(
            Xref,
            Changes,
            ARR_HISTORY,
            "and paragraphs 4.1 – 4.3 on escalation",
            "4.3",
            link(v2, "#para-4-3"),
        ),
        h(Xref, Changes, ARR_HISTORY, "are now in section 3;", "section 3", link(v2, "#section-3")),
        h(
            Xref,
            Changes,
            ARR_HISTORY,
            "stay in paragraph 5.1,",
            "paragraph 5.1",
            link(v2, "#para-5-1"),
        ),
        h(
            Xref,
            Changes,
            ARR_HISTORY,
            "panel; paragraph 4.12 was corrected",
            "paragraph 4.12",
            UNRESOLVED,
        ),
        h(
            Xref,
            Changes,
            PLAN_HISTORY,
            "moved to paragraph 2.1;",
            "paragraph 2.1",
            link(plan_v2, "#para-2-1"),
        ),
        h(
            Xref,
            Changes,
            PLAN_HISTORY,
            "Section 2 now quotes",
            "Section 2",
            link(plan_v2, "#section-2"),
        ),
        h(Xref, Changes, PLAN_HISTORY, "are reported in section 9 and", "section 9", UNRESOLVED),
        h(Xref, Changes, PLAN_HISTORY, "section 9 and Appendix 4,", "Appendix 4", UNRESOLVED),
        n(
            Xref,
            Changes,
            ARR_HISTORY,
            "Working Together 2023 (chapter 2, paragraphs 4 & 5)",
            "paragraphs 4 & 5",
            Plain,
        ),
        n(Xref, Changes, ARR_HISTORY, "s.47 enquiries stay", "s.47", Plain),
        n(Xref, Changes, ARR_HISTORY, "a Section 11 audit still runs", "Section 11", Plain),
        n(Xref, Changes, ARR_HISTORY, "the procedures under section 30.", "section 30", Plain),
        n(Xref, Changes, PLAN_HISTORY, "Ofsted's framework (paragraph 12)", "paragraph 12", Plain),
        n(Xref, Changes, PLAN_HISTORY, "Ofsted (2023), paragraph 41.", "paragraph 41", Plain),
    ]
}

fn levels() -> Vec<Case> {
    let level = |n: &str| link(PATHWAY, &format!("#level-{n}"));
    vec![
        // Body text.
        h(Level, Body, THRESHOLD, "At Level 2, help is voluntary", "Level 2", Link("#level-2")),
        h(Level, Body, THRESHOLD, "at Level 3 and Level 4 the MASH", "Level 4", Link("#level-4")),
        h(Level, Body, THRESHOLD, "self-refer at Levels 1–2.", "2", Link("#level-2")),
        h(Level, Body, THRESHOLD, "At levels 1 and 2, practitioners", "1", Link("#level-1")),
        h(
            Level,
            Body,
            OLD_THRESHOLD,
            "At Level 2 of these thresholds",
            "Level 2",
            Link("#level-2"),
        ),
        h(Level, Body, ARR, "A child at Level 4 – Specialist", "Level 4", level("4")),
        h(Level, Body, ARR, "children at Levels 1–2 of the Pathway", "1", level("1")),
        h(Level, Body, ARR, "the threshold's levels 3 and 4 need one", "4", level("4")),
        h(Level, Body, PLAN, "plans at Level 2 (early help)", "Level 2", level("2")),
        h(Level, Body, PLAN, "step-down from Level 3 (targeted support)", "Level 3", level("3")),
        n(Level, Body, THRESHOLD, "completed Level 3 safeguarding training", "Level 3", Plain),
        n(Level, Body, ARR, "rated us at Level 3 (Established)", "Level 3", LEVEL_NOTE),
        n(Level, Body, ARR, "we achieved Level 4 (Proactive) on data", "Level 4", LEVEL_NOTE),
        // Footnotes.
        h(Level, Footnote, THRESHOLD, "Level 4 of the Pathway always", "Level 4", Link("#level-4")),
        h(
            Level,
            Footnote,
            ARR,
            "report on Level 3 (targeted support) cases",
            "Level 3",
            level("3"),
        ),
        h(Level, Footnote, ARR, "cases and Levels 1–2 of the Pathway", "2", level("2")),
        n(Level, Footnote, THRESHOLD, "The training at Level 3 is", "Level 3", Plain),
        n(Level, Footnote, ARR, "DCI on Level 3 safeguarding training", "Level 3", LEVEL_NOTE),
        n(Level, Footnote, ARR, "training, a Level 2 workshop and", "Level 2", LEVEL_NOTE),
        n(Level, Footnote, ARR, "a level 4 of 5 maturity score", "level 4", LEVEL_NOTE),
        // Table cells.
        h(
            Level,
            Cell,
            THRESHOLD,
            "Level 1 Anyone, including the family",
            "Level 1",
            Link("#level-1"),
        ),
        h(Level, Cell, THRESHOLD, "Level 3 Any practitioner", "Level 3", Link("#level-3")),
        h(Level, Cell, THRESHOLD, "Level 4 Any practitioner", "Level 4", Link("#level-4")),
        h(Level, Cell, PLAN, "Audit EHA quality at Level 2 (early help)", "Level 2", level("2")),
        n(Level, Cell, THRESHOLD, "MASH Level 3 safeguarding training", "Level 3", Plain),
        n(Level, Cell, THRESHOLD, "Child Protection Level 3 training", "Level 3", Plain),
        n(
            Level,
            Cell,
            ARR,
            "Public Protection (Level 3 safeguarding training)",
            "Level 3",
            LEVEL_NOTE,
        ),
        n(
            Level,
            Cell,
            PLAN,
            "Review Level 3 safeguarding training for MASH staff",
            "Level 3",
            LEVEL_NOTE,
        ),
        n(Level, Cell, PLAN, "that we achieved Level 4 (Proactive) on", "Level 4", LEVEL_NOTE),
        // List items.
        h(Level, Item, THRESHOLD, "Level 1 and Level 2: no referral", "Level 1", Link("#level-1")),
        h(Level, Item, THRESHOLD, "Levels 3 and 4: contact", "3", Link("#level-3")),
        h(Level, Item, THRESHOLD, "between levels 3 and 4 keeps", "4", Link("#level-4")),
        h(Level, Item, ARR, "refer Level 3 (targeted support) concerns", "Level 3", level("3")),
        n(Level, Item, THRESHOLD, "A Level 2 workshop for new staff", "Level 2", Plain),
        n(Level, Item, ARR, "send staff to Level 3 safeguarding training", "Level 3", LEVEL_NOTE),
        n(Level, Item, ARR, "or a Level 2 workshop, whether", "Level 2", LEVEL_NOTE),
        // A version's changes.
        h(
            Level,
            Changes,
            ARR_HISTORY,
            "Level 3 (targeted support) and Level 4",
            "Level 3",
            level("3"),
        ),
        h(Level, Changes, ARR_HISTORY, "and Level 4 – Specialist now link", "Level 4", level("4")),
        h(Level, Changes, PLAN_HISTORY, "early help (Level 2) and", "Level 2", level("2")),
        h(Level, Changes, PLAN_HISTORY, "on levels 3 and 4 of the Pathway", "3", level("3")),
        n(
            Level,
            Changes,
            ARR_HISTORY,
            "Level 3 safeguarding training and the",
            "Level 3",
            LEVEL_NOTE,
        ),
        n(Level, Changes, ARR_HISTORY, "and the Level 2 workshop moved", "Level 2", LEVEL_NOTE),
        n(Level, Changes, ARR_HISTORY, "a level 4 of 5 rating", "level 4", LEVEL_NOTE),
        n(Level, Changes, PLAN_HISTORY, "a Level 1 award for the MASH", "Level 1", LEVEL_NOTE),
        n(Level, Changes, PLAN_HISTORY, "the level 4 of 5 score", "level 4", LEVEL_NOTE),
        // Other frontmatter shown on the page.
        h(Level, Frontmatter, ADVISER, "at Level 3 (targeted support) keep", "Level 3", level("3")),
        n(Level, Frontmatter, ADVISER, "a Level 2 workshop is not needed", "Level 2", LEVEL_NOTE),
    ]
}

fn statutes() -> Vec<Case> {
    let ca89 = |s: &str| link(CA1989, s);
    let ca04 = |s: &str| link(CA2004, s);
    let ea02 = |s: &str| link(EA2002, s);
    vec![
        // Body text.
        h(
            Statute,
            Body,
            ARR,
            "section 16E of the Children Act 2004",
            "section 16E of the Children Act 2004",
            ca04("/section/16E"),
        ),
        h(
            Statute,
            Body,
            ARR,
            "supported under section 17 of the Children Act 1989",
            "section 17 of the Children Act 1989",
            ca89("/section/17"),
        ),
        h(
            Statute,
            Body,
            ARR,
            "enquiries under section 47 of the 1989 Act",
            "section 47 of the 1989 Act",
            ca89("/section/47"),
        ),
        h(
            Statute,
            Body,
            ARR,
            "duties in Part 3 of the Children Act 1989",
            "Part 3 of the Children Act 1989",
            ca89("/part/III"),
        ),
        h(
            Statute,
            Body,
            ARR,
            "and Schedule 2 to the Children Act 1989.",
            "Schedule 2 to the Children Act 1989",
            ca89("/schedule/2"),
        ),
        h(
            Statute,
            Body,
            ARR,
            "as Section 11 of the Children Act 2004 requires",
            "Section 11 of the Children Act 2004",
            ca04("/section/11"),
        ),
        h(
            Statute,
            Body,
            ARR,
            "follow Working Together 2023 (chapter 2",
            "Working Together 2023",
            Link(WT),
        ),
        h(
            Statute,
            Body,
            ARR,
            "9) and Keeping Children Safe in Education.",
            "Keeping Children Safe in Education",
            Link(KCSIE),
        ),
        h(
            Statute,
            Body,
            LADO,
            "duties under s.175 of the Education Act 2002, and",
            "s.175 of the Education Act 2002",
            ea02("/section/175"),
        ),
        h(
            Statute,
            Body,
            CABINET,
            "the Local Government Act 1972, section 101 delegation",
            "Local Government Act 1972, section 101",
            Link("https://www.legislation.gov.uk/ukpga/1972/70/section/101"),
        ),
        h(
            Statute,
            Body,
            CABINET,
            "sections 16E to 16K of the 2004 Act",
            "16K",
            ca04("/section/16K"),
        ),
        h(
            Statute,
            Body,
            CABINET,
            "as inserted by section 16 of the Children and Social Work Act 2017",
            "section 16 of the Children and Social Work Act 2017",
            Link("https://www.legislation.gov.uk/ukpga/2017/16/section/16"),
        ),
        h(
            Statute,
            Body,
            PLAN,
            "the duty in section 22G of the Children Act 1989",
            "section 22G of the Children Act 1989",
            ca89("/section/22G"),
        ),
        h(
            Statute,
            Body,
            OFFER,
            "guidance Applying corporate parenting principles to looked-after children and care leavers (paragraph",
            "Applying corporate parenting principles to looked-after children and care leavers",
            Link(
                "https://www.gov.uk/government/publications/applying-corporate-parenting-principles-to-looked-after-children-and-care-leavers",
            ),
        ),
        n(Statute, Body, ARR, "Working together with families is", "Working together", Plain),
        n(Statute, Body, ARR, "A Section 11 audit runs", "Section 11", Plain),
        n(
            Statute,
            Body,
            CABINET,
            "section 5 of the Council's Constitution",
            "section 5 of the Council's Constitution",
            Plain,
        ),
        n(Statute, Body, CABINET, "The Section 151 Officer", "Section 151 Officer", Plain),
        n(Statute, Body, LADO, "Employers must follow Part 4 of Keeping", "Part 4", Plain),
        // Footnotes.
        h(
            Statute,
            Footnote,
            ARR,
            "and section 17(1) of the Children Act 1989.",
            "section 17(1) of the Children Act 1989",
            ca89("/section/17"),
        ),
        h(
            Statute,
            Footnote,
            ARR,
            "and s.47 of the 1989 Act.",
            "s.47 of the 1989 Act",
            ca89("/section/47"),
        ),
        h(
            Statute,
            Footnote,
            LADO,
            "section 11(4) of the Children Act 2004;",
            "section 11(4) of the Children Act 2004",
            ca04("/section/11"),
        ),
        n(Statute, Footnote, ARR, "Under section 30 the Panel", "section 30", Plain),
        n(Statute, Footnote, ARR, "see section 16 G and", "section 16 G", Plain),
        n(
            Statute,
            Footnote,
            LADO,
            "and Part 4 of Keeping Children Safe in Education. We",
            "Part 4",
            Plain,
        ),
        n(
            Statute,
            Footnote,
            LADO,
            "section 3 of the Childcare Act 2016",
            "Childcare Act 2016",
            UNKNOWN_ACT,
        ),
        // Table cells.
        h(
            Statute,
            Cell,
            ARR,
            "section 18 of the Children Act 2004 Head",
            "section 18 of the Children Act 2004",
            ca04("/section/18"),
        ),
        h(
            Statute,
            Cell,
            ARR,
            "Chief Nurse, s.175 of the Education Act 2002",
            "s.175 of the Education Act 2002",
            ea02("/section/175"),
        ),
        h(
            Statute,
            Cell,
            ARR,
            "Borough Commander, s17 CA 1989 support",
            "s17 CA 1989",
            ca89("/section/17"),
        ),
        h(
            Statute,
            Cell,
            PLAN,
            "Apply section 20 of the Children Act 1989",
            "section 20 of the Children Act 1989",
            ca89("/section/20"),
        ),
        n(Statute, Cell, APPENDIX_1, "DSL Part 2 of Keeping Children", "Part 2", Plain),
        n(Statute, Cell, PLAN, "and the Schedule 2 of the contract review", "Schedule 2", Plain),
        n(
            Statute,
            Cell,
            PLAN,
            "Working together with schools has started",
            "Working together",
            Plain,
        ),
        n(Statute, Cell, PLAN, "Complete the Section 11 audit", "Section 11", Plain),
        // List items.
        h(
            Statute,
            Item,
            ARR,
            "as regulation 4 of the Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018 requires",
            "regulation 4 of the Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018",
            Link("https://www.legislation.gov.uk/uksi/2018/789/regulation/4"),
        ),
        h(
            Statute,
            Item,
            ARR,
            "the duties in s.175 of the Education Act 2002 (schools)",
            "s.175 of the Education Act 2002",
            ea02("/section/175"),
        ),
        h(
            Statute,
            Item,
            ARR,
            "or section 11 of the 2004 Act;",
            "section 11 of the 2004 Act",
            ca04("/section/11"),
        ),
        h(
            Statute,
            Item,
            LADO,
            "the duty under s.175 of the Education Act 2002 and",
            "s.175 of the Education Act 2002",
            ea02("/section/175"),
        ),
        h(
            Statute,
            Item,
            CABINET,
            "Working Together 2018, chapter 3;",
            "Working Together 2018",
            Link(WT),
        ),
        n(Statute, Item, ARR, "and in s.47 enquiries when asked", "s.47", Plain),
        n(Statute, Item, ARR, "take part in a Section 11 audit", "Section 11", Plain),
        n(
            Statute,
            Item,
            LADO,
            "referrals under section 30 and section 16 G, which",
            "section 30",
            Plain,
        ),
        n(
            Statute,
            Item,
            LADO,
            "and Part 4 of Keeping Children Safe in Education, paragraph 218",
            "Part 4",
            Plain,
        ),
        // A version's changes.
        h(
            Statute,
            Changes,
            ARR_HISTORY,
            "The duties under section 11 of the Children Act 2004 and",
            "section 11 of the Children Act 2004",
            ca04("/section/11"),
        ),
        h(
            Statute,
            Changes,
            ARR_HISTORY,
            "2004 and s.175 of the Education Act 2002 are now",
            "s.175 of the Education Act 2002",
            ea02("/section/175"),
        ),
        h(
            Statute,
            Changes,
            ARR_HISTORY,
            "cite sections 47 to 49 of the Children Act 1989",
            "49",
            ca89("/section/49"),
        ),
        h(
            Statute,
            Changes,
            ARR_HISTORY,
            "follow Working Together 2023 (chapter 2, paragraphs 4",
            "Working Together 2023",
            Link(WT),
        ),
        h(
            Statute,
            Changes,
            PLAN_HISTORY,
            "quotes the Children and Families Act 2014 and",
            "Children and Families Act 2014",
            Link("https://www.legislation.gov.uk/ukpga/2014/6"),
        ),
        h(
            Statute,
            Changes,
            PLAN_HISTORY,
            "and section 22G of the Children Act 1989;",
            "section 22G of the Children Act 1989",
            ca89("/section/22G"),
        ),
        n(Statute, Changes, ARR_HISTORY, "s.47 enquiries stay", "s.47", Plain),
        n(Statute, Changes, ARR_HISTORY, "the procedures under section 30.", "section 30", Plain),
        n(
            Statute,
            Changes,
            PLAN_HISTORY,
            "section 3 of the Childcare Act 2016 is no longer",
            "Childcare Act 2016",
            UNKNOWN_ACT,
        ),
        n(Statute, Changes, PLAN_HISTORY, "the 2017 Act is not mentioned", "the 2017 Act", Plain),
        n(
            Statute,
            Changes,
            PLAN_HISTORY,
            "and Schedule 2 of the contract with",
            "Schedule 2",
            Plain,
        ),
        n(
            Statute,
            Changes,
            PLAN_HISTORY,
            "Working together with schools is now",
            "Working together",
            Plain,
        ),
        // Other frontmatter shown on the page.
        h(
            Statute,
            Frontmatter,
            ADVISER,
            "under section 23C of the Children Act 1989;",
            "section 23C of the Children Act 1989",
            ca89("/section/23C"),
        ),
        h(
            Statute,
            Frontmatter,
            HOME,
            "as regulation 9 of the Care Leavers (England) Regulations 2010 describes",
            "regulation 9 of the Care Leavers (England) Regulations 2010",
            Link("https://www.legislation.gov.uk/uksi/2010/2571/regulation/9"),
        ),
        h(
            Statute,
            Frontmatter,
            THRESHOLD,
            "a CIN under section 17 of the Children Act 1989",
            "section 17 of the Children Act 1989",
            ca89("/section/17"),
        ),
        n(Statute, Frontmatter, THRESHOLD, "whether to start s.47 enquiries", "s.47", Plain),
    ]
}

fn acronyms() -> Vec<Case> {
    vec![
        // Body text.
        h(Acronym, Body, ARR, "the North Thames ICB and", "ICB", term("icb")),
        h(Acronym, Body, ARR, "and the last JTAI shape", "JTAI", term("jtai")),
        h(Acronym, Body, ARR, "reads the IloC returns", "IloC", ACRONYM),
        h(Acronym, Body, ARR, "and the CAMHs waiting lists", "CAMHs", term("camhs")),
        h(Acronym, Body, ARR, "meets the LD nurse", "LD", ACRONYM),
        h(Acronym, Body, ARR, "the head of the CDC each year", "CDC", ACRONYM),
        h(Acronym, Body, LADO, "followed the DfE's guidance", "DfE", term("dfe")),
        h(Acronym, Body, OFFER, "a Personal Adviser (PA) until", "PA", term("pa")),
        h(Acronym, Body, ADVISER, "help with a CV, a bank", "CV", ACRONYM),
        n(Acronym, Body, LADO, "OK, the headline", "OK", Plain),
        n(Acronym, Body, LADO, "NOTE: the figures", "NOTE", Plain),
        n(Acronym, Body, LADO, "which YouTube and WhatsApp groups", "YouTube", Plain),
        n(Acronym, Body, LADO, "YouTube and WhatsApp groups", "WhatsApp", Plain),
        n(Acronym, Body, OFFER, "as a PowerPoint and on YouTube", "PowerPoint", Plain),
        n(Acronym, Body, ADVISER, "or an iPad for college", "iPad", Plain),
        // Footnotes.
        h(Acronym, Footnote, ARR, "a note from the DCI on", "DCI", ACRONYM),
        h(Acronym, Footnote, ARR, "PhD, the CDC and", "CDC", ACRONYM),
        h(Acronym, Footnote, ARR, "and LAs' own MASH teams", "LAs", term("la")),
        h(Acronym, Footnote, ARR, "LAs' own MASH teams", "MASH", term("mash")),
        n(Acronym, Footnote, ARR, "Staff with a PhD, the", "PhD", Plain),
        n(Acronym, Footnote, LADO, "shared as a PowerPoint and on WhatsApp", "PowerPoint", Plain),
        n(Acronym, Footnote, LADO, "and on WhatsApp.", "WhatsApp", Plain),
        // Table cells.
        h(Acronym, Cell, ARR, "LA Director of Children's Services", "LA", term("la")),
        h(Acronym, Cell, ARR, "MPS Borough Commander", "MPS", term("mps")),
        h(Acronym, Cell, ARR, "DCI, Public Protection", "DCI", ACRONYM),
        h(Acronym, Cell, LADO, "FE 31 4", "FE", term("fe")),
        n(Acronym, Cell, CABINET, "REPORT OF Cabinet Member", "REPORT OF", Plain),
        n(Acronym, Cell, CABINET, "KEY DECISION No", "KEY DECISION", Plain),
        n(Acronym, Cell, CABINET, "Jo McCann, Head", "McCann", Plain),
        n(Acronym, Cell, APPENDIX_1, "OFFICIAL-SENSITIVE returns", "OFFICIAL-SENSITIVE", Plain),
        n(Acronym, Cell, LADO, "Q1 64%", "Q1", Plain),
        n(Acronym, Cell, APPENDIX_2, "IloC Integrated Lead of Care", "IloC", Plain),
        // List items.
        h(Acronym, Item, ARR, "whether or not their LAs fund it", "LAs", term("la")),
        h(Acronym, Item, ARR, "where CYPs' schools", "CYPs", term("cyp")),
        h(Acronym, Item, ARR, "and the CDC can reach", "CDC", ACRONYM),
        h(Acronym, Item, ARR, "the Personal Adviser (PA) on duty", "PA", term("pa")),
        n(Acronym, Item, ARR, "MPs' caseworkers", "MPs", term("mp")),
        n(Acronym, Item, CABINET, "the PowerPoint deck", "PowerPoint", Plain),
        n(Acronym, Item, CABINET, "the iPad app and", "iPad", Plain),
        n(Acronym, Item, CABINET, "the YouTube recording", "YouTube", Plain),
        // A version's changes.
        h(Acronym, Changes, ARR_HISTORY, "The MASH and CAMHs sections", "MASH", term("mash")),
        h(Acronym, Changes, ARR_HISTORY, "MASH and CAMHs sections", "CAMHs", term("camhs")),
        h(Acronym, Changes, ARR_HISTORY, "sections name the DCI who", "DCI", ACRONYM),
        h(Acronym, Changes, PLAN_HISTORY, "The eCAF, the MPs'", "eCAF", term("ecaf")),
        h(Acronym, Changes, PLAN_HISTORY, "the OK from the DfE are", "DfE", term("dfe")),
        h(Acronym, Changes, PLAN_HISTORY, "LAs and CYPs were consulted", "CYPs", term("cyp")),
        n(Acronym, Changes, ARR_HISTORY, "the PowerPoint slides", "PowerPoint", Plain),
        n(Acronym, Changes, ARR_HISTORY, "on the iPad app", "iPad", Plain),
        n(Acronym, Changes, PLAN_HISTORY, "the MPs' letters", "MPs", term("mp")),
        n(Acronym, Changes, PLAN_HISTORY, "and the OK from", "OK", Plain),
        n(Acronym, Changes, PLAN_HISTORY, "The McDonald review", "McDonald", Plain),
        n(Acronym, Changes, PLAN_HISTORY, "and the WhatsApp pilot", "WhatsApp", Plain),
        n(Acronym, Changes, PLAN_HISTORY, "and the PhD placement", "PhD", Plain),
        // Other frontmatter shown on the page.
        h(Acronym, Frontmatter, THRESHOLD, "usually with an EHA.", "EHA", term("eha")),
        h(Acronym, Frontmatter, THRESHOLD, "would benefit from a TAF", "TAF", term("taf")),
        n(Acronym, Frontmatter, THRESHOLD, "the eCAF is no longer used", "eCAF", term("ecaf")),
        h(Acronym, Frontmatter, ADVISER, "call the LA's leaving care team", "LA", term("la")),
        h(Acronym, Body, ARR_V1, "These arrangements replace the LSCB", "LSCB", term("lscb")),
    ]
}
