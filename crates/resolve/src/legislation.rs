//! The legislation table, compiled: the built-in rows with the site's own
//! added, every title and alias in one automaton, and the addresses of
//! provisions ("section 17" of the Children Act 1989 →
//! `https://www.legislation.gov.uk/ukpga/1989/41/section/17`).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use charter_core::config::LegislationConfig;
use charter_core::model::{Instrument, InstrumentKind};
use regex::Regex;

use crate::word_starts::WordStarts;

/// What part of an instrument a reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// "section 17" of an Act.
    Section,
    /// "regulation 4" of regulations.
    Regulation,
    /// "article 6" of an order or of retained EU law.
    Article,
    /// "Part 3".
    Part,
    /// "Schedule 2".
    Schedule,
    /// "paragraph 4 of Schedule 2": the schedule's number is carried apart.
    SchedulePara,
}

/// A title or alias of a row found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// Byte offset where the name starts.
    pub start: usize,
    /// Where it ends, an edition's year included ("Working Together 2018").
    pub end: usize,
    /// The row.
    pub row: usize,
    /// The edition's year, when one follows the name of guidance.
    pub edition: Option<String>,
}

/// The table, compiled.
#[derive(Debug, Default)]
pub struct Legislation {
    rows: Vec<Instrument>,
    automaton: Option<WordStarts>,
    /// Pattern index → row.
    patterns: Vec<usize>,
    default_act: Option<usize>,
    /// Every title and alias has an ASCII letter, so a text without one
    /// names nothing (a site may add any name).
    lettered: bool,
}

/// "2018", "(2018)" after a guidance title.
static EDITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s\(?((?:19|20)\d\d)\)?").expect("valid regex"));

/// Words that start a sentence or a phrase before a name, rather than being
/// part of a longer title ("the Further Education Act" is not the
/// "Education Act").
const LEAD_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "under",
    "see",
    "in",
    "of",
    "and",
    "by",
    "per",
    "as",
    "from",
    "with",
    "to",
    "for",
    "following",
    "also",
    "both",
    "our",
    "its",
    "their",
];

impl Legislation {
    /// The built-in rows with the site's: a site row with a built-in title
    /// replaces it. `default_act` names the row a bare "section 47" means;
    /// `Err` with its text when no row has that title or alias.
    pub fn new(
        builtin: Vec<Instrument>,
        config: &LegislationConfig,
    ) -> (Legislation, Option<String>) {
        let mut rows = builtin;
        for row in &config.add {
            match rows.iter_mut().find(|r| r.title == row.title) {
                Some(existing) => *existing = row.clone(),
                None => rows.push(row.clone()),
            }
        }
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for name in std::iter::once(&row.title).chain(&row.also) {
                if name.trim().is_empty() {
                    continue;
                }
                names.push(name.clone());
                patterns.push(i);
                // Typographic apostrophes, as smart punctuation writes them.
                if name.contains('\'') {
                    names.push(name.replace('\'', "’"));
                    patterns.push(i);
                }
            }
        }
        let lettered = names.iter().all(|n| n.bytes().any(|b| b.is_ascii_alphabetic()));
        let automaton = WordStarts::new(&names);
        let mut table = Legislation { rows, automaton, patterns, default_act: None, lettered };
        let mut unknown = None;
        if let Some(title) = &config.default_act {
            table.default_act = table.find_title(title);
            if table.default_act.is_none() {
                unknown = Some(title.clone());
            }
        }
        (table, unknown)
    }

    fn find_title(&self, title: &str) -> Option<usize> {
        let t = title.trim();
        self.rows.iter().position(|r| r.title == t || r.also.iter().any(|a| a == t))
    }

    /// One row.
    pub fn row(&self, i: usize) -> &Instrument {
        &self.rows[i]
    }

    /// Every row.
    pub fn rows(&self) -> &[Instrument] {
        &self.rows
    }

    /// The Act a bare "section 47" means, if the site set one.
    pub fn default_act(&self) -> Option<usize> {
        self.default_act
    }

    /// Whether every title and alias has an ASCII letter.
    pub fn names_have_letters(&self) -> bool {
        self.lettered
    }

    /// Every title and alias in `text`, on whole words, with a guidance
    /// edition's year when one follows.
    pub fn names(&self, text: &str) -> Vec<NameMatch> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let before = text[..m.start].chars().next_back();
            let after = text[m.end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            if preceded_by_title_word(&text[..m.start]) || followed_by_title_word(&text[m.end..]) {
                continue;
            }
            let row = self.patterns[m.pattern];
            let mut end = m.end;
            let mut edition = None;
            if self.rows[row].kind() == InstrumentKind::Guidance
                && let Some(c) = EDITION.captures(&text[end..])
            {
                edition = Some(c[1].to_string());
                end += c.get(0).expect("group 0").end();
            }
            out.push(NameMatch { start: m.start, end, row, edition });
        }
        out
    }

    /// The row "the 1989 Act" or "the 2018 Regulations" means among the
    /// rows a document names: the only one of that year and kind.
    pub fn by_year(&self, named: &BTreeSet<usize>, year: &str, regulations: bool) -> Option<usize> {
        let mut found = named.iter().copied().filter(|&i| {
            let r = &self.rows[i];
            let kind_fits = match r.kind() {
                InstrumentKind::Act => !regulations,
                InstrumentKind::Instrument => regulations,
                _ => false,
            };
            kind_fits && r.title.trim_end().ends_with(year)
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The address of a provision, or `None` where the row has none
    /// (guidance) or the unit does not fit the row.
    pub fn provision_url(
        &self,
        row: usize,
        unit: Unit,
        number: &str,
        schedule: Option<&str>,
    ) -> Option<String> {
        let r = &self.rows[row];
        let kind = r.kind();
        let n = provision_number(number);
        if n.is_empty() {
            return None;
        }
        let tail = match (kind, unit) {
            (InstrumentKind::Guidance, _) => return None,
            (InstrumentKind::Act, Unit::Section) => format!("section/{n}"),
            (InstrumentKind::Instrument, Unit::Regulation | Unit::Section) => {
                format!("regulation/{n}")
            }
            (InstrumentKind::Instrument | InstrumentKind::EuLaw, Unit::Article) => {
                format!("article/{n}")
            }
            (_, Unit::Part) => format!("part/{}", part_number(&n, r.roman_parts())?),
            (_, Unit::Schedule) => format!("schedule/{n}"),
            (_, Unit::SchedulePara) => format!("schedule/{}/paragraph/{n}", schedule?),
            _ => return None,
        };
        Some(format!("{}/{tail}", r.url()))
    }

    /// The address a mention of the row links to: an edition's own where
    /// the table has it, else the row's.
    pub fn mention_url(&self, row: usize, edition: Option<&str>) -> String {
        let r = &self.rows[row];
        edition.and_then(|e| r.editions.get(e).cloned()).unwrap_or_else(|| r.url())
    }
}

fn preceded_by_title_word(before: &str) -> bool {
    let trimmed = before.strip_suffix(' ').unwrap_or("");
    if trimmed.is_empty() || trimmed.ends_with(char::is_whitespace) {
        return false;
    }
    let word: &str = trimmed.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    word.chars().next().is_some_and(char::is_uppercase)
        && !LEAD_WORDS.contains(&word.to_lowercase().as_str())
}

/// "Children Act 1989 Guidance and Regulations": the Act's name begins a
/// longer title (guidance about it), which is not the Act. "Children Act
/// 1989 Part III" is the Act, followed by one of its provisions.
fn followed_by_title_word(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let word: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    const PROVISIONS: &[&str] = &[
        "Part",
        "Parts",
        "Section",
        "Sections",
        "Schedule",
        "Schedules",
        "Sch",
        "Regulation",
        "Regulations",
        "Article",
        "Articles",
        "Paragraph",
        "Chapter",
    ];
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && !PROVISIONS.contains(&word)
}

/// "17(1)(b)" → "17", "16 G" → "16G", "III" stays.
fn provision_number(number: &str) -> String {
    let core = number.split('(').next().unwrap_or("");
    core.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A Part's number as the instrument writes it: "3" → "III" for an Act
/// that numbers its Parts in Roman numerals, "III" → "3" for one that
/// does not.
fn part_number(n: &str, roman: bool) -> Option<String> {
    let value: u32 = match n.parse() {
        Ok(v) => v,
        Err(_) => from_roman(n)?,
    };
    Some(if roman { to_roman(value)? } else { value.to_string() })
}

/// The value of a Roman numeral up to 39 (Parts never go higher).
pub fn from_roman(text: &str) -> Option<u32> {
    let mut total = 0;
    let mut last = 0;
    for c in text.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < last {
            total -= v;
        } else {
            total += v;
            last = v;
        }
    }
    (total > 0 && to_roman(total).as_deref() == Some(&text.to_ascii_uppercase())).then_some(total)
}

fn to_roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 89 {
        return None;
    }
    let mut out = String::new();
    for (v, s) in [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Legislation {
        let rows = vec![
            Instrument {
                title: "Children Act 1989".into(),
                path: "ukpga/1989/41".into(),
                also: vec!["CA 1989".into()],
                parts: Some("roman".into()),
                editions: Default::default(),
                checked: None,
            },
            Instrument {
                title: "Education Act 2002".into(),
                path: "ukpga/2002/32".into(),
                also: vec![],
                parts: Some("arabic".into()),
                editions: Default::default(),
                checked: None,
            },
            Instrument {
                title: "Working Together to Safeguard Children".into(),
                path: "https://www.gov.uk/wt".into(),
                also: vec!["Working Together".into()],
                parts: None,
                editions: [("2023".to_string(), "https://www.gov.uk/wt-2023".to_string())].into(),
                checked: None,
            },
        ];
        let config = LegislationConfig { add: Vec::new(), default_act: Some("CA 1989".into()) };
        Legislation::new(rows, &config).0
    }

    #[test]
    fn provisions_have_addresses() {
        let t = table();
        let url = |row, unit, n, s| t.provision_url(row, unit, n, s);
        let ca = "https://www.legislation.gov.uk/ukpga/1989/41";
        assert_eq!(url(0, Unit::Section, "17(1)(b)", None), Some(format!("{ca}/section/17")));
        assert_eq!(url(0, Unit::Section, "16 G", None), Some(format!("{ca}/section/16G")));
        assert_eq!(url(0, Unit::Part, "3", None), Some(format!("{ca}/part/III")));
        assert_eq!(url(0, Unit::Part, "III", None), Some(format!("{ca}/part/III")));
        assert_eq!(
            url(1, Unit::Part, "IV", None).unwrap(),
            "https://www.legislation.gov.uk/ukpga/2002/32/part/4"
        );
        assert_eq!(
            url(0, Unit::SchedulePara, "7", Some("2")),
            Some(format!("{ca}/schedule/2/paragraph/7"))
        );
        assert_eq!(url(2, Unit::Section, "4", None), None);
        assert_eq!(t.default_act(), Some(0));
    }

    #[test]
    fn names_on_whole_words_with_editions() {
        let t = table();
        let guidance = "the Children Act 1989 Guidance and Regulations Volume 2";
        assert!(t.names(guidance).is_empty(), "a longer title is not the Act");
        assert_eq!(t.names("Children Act 1989 Part III").len(), 1);
        let text = "Working Together 2023 and the CA 1989, not the Further Education Act 2002.";
        let found: Vec<(&str, Option<String>)> =
            t.names(text).into_iter().map(|m| (&text[m.start..m.end], m.edition)).collect();
        assert_eq!(found, vec![("Working Together 2023", Some("2023".into())), ("CA 1989", None)]);
        assert_eq!(t.mention_url(2, Some("2023")), "https://www.gov.uk/wt-2023");
        assert_eq!(t.mention_url(2, Some("2018")), "https://www.gov.uk/wt");
    }

    #[test]
    fn the_year_act_is_the_only_one_of_that_year() {
        let t = table();
        assert_eq!(t.by_year(&BTreeSet::from([0, 1]), "1989", false), Some(0));
        assert_eq!(t.by_year(&BTreeSet::from([1]), "1989", false), None);
        assert_eq!(t.by_year(&BTreeSet::from([0]), "1989", true), None);
    }

    #[test]
    fn roman_numerals_both_ways() {
        assert_eq!(from_roman("XIV"), Some(14));
        assert_eq!(from_roman("IIII"), None);
        assert_eq!(to_roman(12).as_deref(), Some("XII"));
    }
}
