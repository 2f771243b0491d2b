//! The scanner on wordings of every family, most of them not in the
//! realistic fixture: the fixture proves the pipeline, these the families.

use std::collections::BTreeSet;

use charter_core::config::LegislationConfig;
use charter_core::model::Instrument;

use super::scan::{may_name_an_appendix, scan_all, scan_counting_digits_from};
use super::*;
use crate::legislation::Legislation;

fn table() -> Legislation {
    Legislation::new(charter_load::theme::builtin().legislation(), &LegislationConfig::default()).0
}

fn pathway() -> ThresholdNames {
    ThresholdNames {
        title: "Pathway to Provision".into(),
        levels: vec![
            ("1".into(), "Universal".into()),
            ("2".into(), "Early help".into()),
            ("3".into(), "Targeted support".into()),
            ("4".into(), "Specialist".into()),
        ],
    }
}

/// Scans with the built-in table; `named` are titles the document names.
fn scan_with(text: &str, named: &[&str]) -> Scan {
    let legislation = table();
    let rows: BTreeSet<usize> = named
        .iter()
        .map(|t| legislation.rows().iter().position(|r| r.title == *t).unwrap())
        .collect();
    let threshold = pathway();
    let ignore = vec!["Section 11".to_string()];
    let cx = ScanContext {
        ignore: &ignore,
        legislation: &legislation,
        named: &rows,
        threshold: Some(&threshold),
    };
    scan(text, &cx)
}

/// (kind, numbers, target) of each reference.
fn refs(text: &str) -> Vec<(RefKind, Vec<String>, Target)> {
    scan_with(text, &["Children Act 1989", "Children Act 2004"])
        .references
        .into_iter()
        .map(|r| (r.kind, r.items.into_iter().map(|i| i.number).collect(), r.target))
        .collect()
}

fn targets(text: &str) -> Vec<Target> {
    refs(text).into_iter().map(|r| r.2).collect()
}

const HERE: Target = Target::Internal { main_document: false };

#[test]
fn references_into_this_document() {
    let one = |t: &str, kind: RefKind, n: &str| {
        assert_eq!(refs(t), vec![(kind, vec![n.to_string()], HERE)], "{t}");
    };
    one("see paragraph 2.6.", RefKind::Paragraph, "2.6");
    one("see para 3.1 and", RefKind::Paragraph, "3.1");
    one("Para. 3.1", RefKind::Paragraph, "3.1");
    one("in section 13,", RefKind::Section, "13");
    one("see Appendix A", RefKind::Appendix, "A");
    one("see Annex B", RefKind::Annex, "B");
    one("see paragraph\n2.6 below", RefKind::Paragraph, "2.6");
    one("as set out in section 5 in more detail", RefKind::Section, "5");
    one("in accordance with section 5, the board", RefKind::Section, "5");
    one("(see paragraph 4.2)", RefKind::Paragraph, "4.2");
    let list = refs("paragraphs 1.10 – 1.48, sections 2.10 to 2.19 and Appendices 1, 2 and 4");
    let numbers: Vec<Vec<String>> = list.into_iter().map(|r| r.1).collect();
    assert_eq!(numbers, vec![vec!["1.10", "1.48"], vec!["2.10", "2.19"], vec!["1", "2", "4"]]);
    assert_eq!(
        targets("paragraph 5.1 of the main document"),
        vec![Target::Internal { main_document: true }]
    );
}

#[test]
fn scoped_to_an_appendix() {
    let r = scan_with("see Section 19 of Appendix A for", &[]).references;
    assert_eq!(r.len(), 1);
    let (kind, item, _) = r[0].scope.clone().unwrap();
    assert_eq!((kind, item.number.as_str()), (RefKind::Appendix, "A"));
    let r = scan_with("see Appendix 1 of Appendix B.", &[]).references;
    assert_eq!(r[0].scope.as_ref().unwrap().1.number, "B");
}

#[test]
fn numbers_that_belong_to_another_publication() {
    for text in [
        "Working Together 2018 (chapter 3, paragraphs 6 & 9)",
        "(paragraph 12, Ofsted's inspection framework)",
        "Ofsted (2019), paragraph 89",
        "section 16 of the Children's Commissioner's guidance",
        "paragraph 218 of Keeping Children Safe in Education",
        "chapter 3, paragraphs 6 & 9 of Working Together",
        "KCSIE 2023, paragraph 14",
        "(Munro, 2011, paragraph 5.3)",
        "Ibid., paragraph 90",
        "section 4.2 of the London Child Protection Procedures",
        "paragraph 12 of Annex A to Working Together",
        "the Panel's practice guidance (para 3.1)",
        "the NSPCC Learning Framework (section 2)",
        "“Messages from research”, paragraph 7",
        "see page 14, paragraph 3",
        "the JTAI guidance, section 4",
        "paragraph 3 of that report",
        "Part 4 of Keeping Children Safe in Education",
        "section 3 of the 2017 Act",
        "Appendix 2 of Working Together",
        "Section 175/157 of the Education Act",
        "Ofsted’s ILACS framework paragraph 23",
        "the partnership’s 2019 review, section 4.2",
        "As set out in the SCR (2017) at para 5.12",
        "Ofsted's 2023 ILACS report at paragraphs 14–16",
        "last year's annual report (section 3)",
    ] {
        assert!(
            targets(text).iter().all(|t| *t == Target::Elsewhere),
            "{text}: {:?}",
            targets(text)
        );
    }
}

#[test]
fn sections_only_an_act_has() {
    for text in [
        "under section 30",
        "section 16 G notifications",
        "s.47 enquiries",
        "S47",
        "a section 20 placement",
        "section 7 report to the court",
        "pursuant to section 31",
        "the Section 151 Officer",
        "ss.17-20",
        "section 17(10)",
    ] {
        assert!(targets(text).iter().all(|t| *t == Target::BareLaw), "{text}: {:?}", targets(text));
    }
    assert!(refs("A Section 11 audit").is_empty(), "xrefs.ignore");
}

#[test]
fn provisions_of_named_acts() {
    let ca89 = Target::Law { row: row("Children Act 1989"), schedule: None };
    for text in [
        "section 17 of the Children Act 1989",
        "s.47 of the Children Act 1989",
        "s17 CA 1989",
        "Children Act 1989, section 17",
        "Children Act 1989 s.20",
        "section 17(1) of the 1989 Act",
        "sections 17 to 20 of the Children Act 1989",
        "Part III of the Children Act 1989",
        "Part 3 of the Children Act 1989",
        "Schedule 2 to the Children Act 1989",
    ] {
        assert_eq!(targets(text), vec![ca89.clone()], "{text}");
    }
    let schedule = targets("paragraph 19B of Schedule 2 to the Children Act 1989");
    assert_eq!(
        schedule,
        vec![Target::Law { row: row("Children Act 1989"), schedule: Some("2".into()) }]
    );
    assert_eq!(
        targets("Section 11 of the Children Act 2004"),
        vec![Target::Law { row: row("Children Act 2004"), schedule: None }],
        "xrefs.ignore stops only internal references"
    );
    let gdpr = targets("Article 6 of the UK GDPR");
    assert_eq!(gdpr, vec![Target::Law { row: row("UK GDPR"), schedule: None }]);
    let regs = targets("regs. 3 and 4 of the Care Leavers (England) Regulations 2010");
    assert_eq!(
        regs,
        vec![Target::Law { row: row("Care Leavers (England) Regulations 2010"), schedule: None }]
    );
    let homes = targets("regulation 12 of the Children’s Homes (England) Regulations 2015");
    assert_eq!(
        homes,
        vec![Target::Law {
            row: row("Children's Homes (England) Regulations 2015"),
            schedule: None
        }]
    );
    let named = scan_with("the Children’s Homes (Wales) Regulations 2002 apply", &[]);
    assert_eq!(named.unknown_acts.len(), 1);
    let (s, e) = named.unknown_acts[0];
    assert_eq!(
        &"the Children’s Homes (Wales) Regulations 2002 apply"[s..e],
        "Children’s Homes (Wales) Regulations 2002"
    );
    let unknown = scan_with("section 3 of the Childcare Act 2016", &[]);
    assert!(matches!(unknown.references[0].target, Target::UnknownAct { .. }));
    assert_eq!(unknown.unknown_acts.len(), 1);
}

#[test]
fn the_phrase_a_single_provision_links() {
    let text = "as the Local Government Act 1972, section 101 allows";
    let r = &scan_with(text, &[]).references[0];
    assert_eq!(&text[r.start..r.end], "Local Government Act 1972, section 101");
    let text = "see the Children Act 1989 (section 17)";
    let r = &scan_with(text, &[]).references[0];
    assert_eq!(&text[r.start..r.end], "section 17");
}

#[test]
fn names_mentioned_on_their_own() {
    let s = scan_with(
        "Working Together 2018 and the 1989 Act and the 2014 Act",
        &["Children Act 1989"],
    );
    let mentions: Vec<(usize, Option<String>)> =
        s.mentions.iter().map(|m| (m.row, m.edition.clone())).collect();
    assert_eq!(
        mentions,
        vec![
            (row("Working Together to Safeguard Children"), Some("2018".into())),
            (row("Children Act 1989"), None)
        ]
    );
    assert!(scan_with("working together with families", &[]).mentions.is_empty());
}

#[test]
fn levels_and_what_they_mean() {
    let cue = |text: &str| scan_with(text, &[]).references[0].level.clone().unwrap();
    assert_eq!(cue("refer Level 3 (targeted support) concerns"), LevelCue::Named);
    assert_eq!(cue("early help (Level 2) plans"), LevelCue::Named);
    assert_eq!(cue("Levels 1–2 of the Pathway to Provision"), LevelCue::Named);
    assert_eq!(cue("needs at levels 3 and 4 of the threshold"), LevelCue::Named);
    assert_eq!(cue("Level 4: Specialist"), LevelCue::Named);
    for other in [
        "Level 3 safeguarding training",
        "a Level 2 workshop",
        "achieved Level 4 (Proactive)",
        "Child Protection Level 3 training",
        "an NVQ Level 3 in childcare",
        "Level 2 qualification in youth work",
        "scored Level 3 on the maturity matrix",
        "level 4 of 5",
        "Level 1 award",
    ] {
        assert!(matches!(cue(other), LevelCue::Other(_)), "{other}");
    }
    assert_eq!(cue("a Level 2 response"), LevelCue::Unclear);
}

#[test]
fn lookalikes_are_not_references() {
    assert!(refs("2.6 million children").is_empty());
    assert!(refs("set out at 3.1 below (5.2.1 and 5.2.3)").is_empty());
    assert!(refs("version 2.0 of the plan").is_empty());
    assert!(refs("appendix a list").is_empty());
    assert!(refs("Ofsted's 2019 report").is_empty());
    assert!(refs("Part 2 of this report").is_empty(), "a Part with no Act is left alone");
    assert!(refs("Schedule 2 of the contract").is_empty());
    assert!(
        refs(
            "the Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018"
        )
        .is_empty()
    );
}

fn row(title: &str) -> usize {
    table().rows().iter().position(|r| r.title == title).unwrap()
}

#[test]
fn text_that_may_call_an_act_by_its_year_is_found_in_every_spelling() {
    use super::may_name_by_year;
    for text in [
        "under section 17 of the 1989 Act",
        "The 2018 Regulations apply.",
        "the *1989* Act",
        "the 1989\nAct",
        "the 2010 (England) Regulations",
    ] {
        assert!(may_name_by_year(text), "{text}");
    }
    for text in ["Children Act 1989", "the Act says", "Regulations 2010 apply", ""] {
        assert!(!may_name_by_year(text), "{text}");
    }
    // Every shape the exact pattern finds, the raw check finds too.
    for text in [
        "the 1989 Act",
        "The 2004 Act",
        "the 2018 Regulations",
        "the “1989” Act",
        "the \"1989\" Act",
        "the “2018” Regulations",
    ] {
        let years = super::scan::YEAR_NAME.is_match(text);
        assert!(years && may_name_by_year(text), "{text}");
    }
}

/// An Act's name or year in emphasis (which a block's text writes in curly
/// quotes) or in straight quotes is still the Act: its provisions link to
/// it, before or after the name, and an Act the table does not know is
/// noted, not read as this document's section.
#[test]
fn provisions_of_acts_named_in_quotes_or_emphasis() {
    let ca89 = Target::Law { row: row("Children Act 1989"), schedule: None };
    for text in [
        "section 47 of the “Children Act 1989”",
        "section 47 of “Children Act 1989”",
        "s.47 of the \"Children Act 1989\"",
        "“Children Act 1989”, section 17",
        "under section 17(1) of the “1989” Act",
        "sections 17 to 20 of the “Children Act 1989”",
        "Schedule 2 to the “Children Act 1989”",
    ] {
        assert_eq!(targets(text), vec![ca89.clone()], "{text}");
    }
    let unknown = targets("section 3 of the “Widgets Act 2020”");
    assert!(matches!(unknown.as_slice(), [Target::UnknownAct { .. }]), "{unknown:?}");
    // A quoted title that is no Act in the table keeps its numbers to itself.
    assert_eq!(targets("“Messages from research”, paragraph 7"), vec![Target::Elsewhere]);
    assert_eq!(targets("paragraph 7 of “Messages from research”"), vec![Target::Elsewhere]);
}

/// Text without a letter is answered without scanning: the same answer
/// as the scan's, for figures, dates, numbered items, lists and ranges of
/// numbers, money, percentages and punctuation, and for text the shortcut
/// leaves to the scan (outside ASCII, or with one letter).
#[test]
fn text_without_a_letter_scans_as_the_full_scan_does() {
    let legislation = table();
    assert!(legislation.names_have_letters());
    let named = BTreeSet::new();
    let ignore = Vec::new();
    let cx =
        ScanContext { ignore: &ignore, legislation: &legislation, named: &named, threshold: None };
    let texts = [
        "",
        " ",
        "2005",
        "2023-24",
        "1.2.3",
        "2.6 - 2.9",
        "(5.2.1, 5.2.3)",
        "1,200",
        "12%",
        "47(1)",
        "1989 41",
        "#",
        "--",
        "1.",
        "3.1.",
        "2.6 – 2.9",
        "£1,200",
        "s.47",
        "S 20",
    ];
    for text in texts {
        assert_eq!(scan(text, &cx), scan_all(text, &cx), "{text:?}");
    }
    // A site may name an instrument without a letter: then every text is
    // scanned.
    let row = Instrument {
        title: "1989/41".into(),
        path: "ukpga/1989/41".into(),
        also: Vec::new(),
        parts: None,
        editions: Default::default(),
        checked: None,
    };
    let config = LegislationConfig { add: vec![row], default_act: None };
    let site_table = Legislation::new(charter_load::theme::builtin().legislation(), &config).0;
    assert!(!site_table.names_have_letters());
    let cx =
        ScanContext { ignore: &ignore, legislation: &site_table, named: &named, threshold: None };
    assert_eq!(scan("1989/41", &cx).mentions.len(), 1);
}

/// The number a numbered paragraph starts with is not a sign of a
/// reference: the scan that passes over it finds what the scan counting
/// it finds, for paragraphs with and without references, years, lists
/// and names after their number.
#[test]
fn a_paragraphs_own_number_holds_no_reference() {
    let legislation = table();
    let named = BTreeSet::new();
    let ignore = Vec::new();
    let cx =
        ScanContext { ignore: &ignore, legislation: &legislation, named: &named, threshold: None };
    let numbers = ["1", "2.6", "2.16.9.5", "1989", "12.", "3.1.", "47"];
    let rests = [
        "",
        "The partners meet monthly.",
        "The partners meet monthly. See paragraph 2.6.",
        "Act 1989 applies.",
        "to 2.9 of the plan",
        "and 2.7 apply, as do paragraphs 3.1 to 3.4.",
        "Regulations 2010 set this out.",
        "the 1989 Act applies, under section 47 of the Children Act 1989.",
        "Appendix A sets out the Level 3 criteria.",
        "s.47 enquiries; see Part 2 of Schedule 2 to the 1989 Act.",
        "Working Together to Safeguard Children 2023, chapter 4",
    ];
    for number in numbers {
        for rest in rests {
            for gap in [" ", "  ", "\t"] {
                let text = format!("{number}{gap}{rest}");
                assert_eq!(
                    scan_all(&text, &cx),
                    scan_counting_digits_from(&text, &cx, 0),
                    "{text:?}"
                );
            }
        }
    }
}

/// "appendi" or "annex" in any case, anywhere: found from doubled letters
/// as a search of every place finds it.
#[test]
fn appendix_words_in_any_case() {
    let every_place = |text: &str| {
        ["appendi", "annex"].iter().any(|word| {
            text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
        })
    };
    let texts = [
        "",
        "a",
        "A",
        "appendix",
        "APPENDICES",
        "the Annex",
        "aannex",
        "Aappendi",
        "append",
        "anne",
        "an annexe",
        "Café appendix",
        "appendi",
        "xANNEX",
        "as an aside",
        "é",
    ];
    for text in texts {
        assert_eq!(may_name_an_appendix(text), every_place(text), "{text:?}");
    }
    // Each word in each case, at every place around the seven-byte step,
    // with every byte put in each of its places (and beside it).
    for word in ["appendix", "APPENDICES", "Annex", "aNnEx", "appendi"] {
        for lead in 0..17 {
            for len_after in [0, 1, 3, 9] {
                let base = format!("{}{word}{}", "x".repeat(lead), "y".repeat(len_after));
                for place in 0..base.len() {
                    for byte in 0..=255u8 {
                        let mut bytes = base.clone().into_bytes();
                        bytes[place] = byte;
                        let text = String::from_utf8_lossy(&bytes);
                        assert_eq!(may_name_an_appendix(&text), every_place(&text), "{text:?}");
                    }
                }
            }
        }
    }
    for line in charter_core::testing::repository_markdown_lines() {
        assert_eq!(may_name_an_appendix(&line), every_place(&line), "{line:?}");
    }
}
