//! Whether a "Level N" is a level of need: the words around it. "Level 3
//! (targeted support)" and "Levels 1–2 of the Pathway to Provision" are;
//! "Level 3 safeguarding training", "a Level 2 workshop" and "achieved
//! Level 4 (Proactive)" on a maturity scale are not.

use std::sync::LazyLock;

use regex::Regex;

use super::types::{LevelCue, ThresholdNames};

/// Words near a level that make it a level of training or qualification.
const TRAINING: &[&str] = &[
    "training",
    "trained",
    "course",
    "courses",
    "workshop",
    "workshops",
    "session",
    "sessions",
    "module",
    "modules",
    "qualification",
    "qualifications",
    "qualified",
    "certificate",
    "certificates",
    "certification",
    "diploma",
    "award",
    "awards",
    "nvq",
    "rqf",
    "btec",
    "apprenticeship",
    "e-learning",
    "elearning",
    "learning",
    "accreditation",
    "accredited",
    "competence",
    "competences",
    "competency",
    "competencies",
    "intercollegiate",
];
/// Words before a level that make it a rating on a scale.
const RATING: &[&str] = &[
    "achieved",
    "achieve",
    "achieves",
    "achieving",
    "rated",
    "rating",
    "scored",
    "score",
    "scoring",
    "assessed",
    "graded",
    "reached",
    "attained",
    "awarded",
    "maturity",
];
/// Words that name a threshold without its title.
const THRESHOLD_WORDS: &[&str] =
    &["threshold", "thresholds", "threshold's", "continuum", "level of need", "levels of need"];
/// Words of a level's name too common to identify it.
const COMMON: &[&str] = &["and", "the", "a", "of", "help", "needs", "need", "support"];

/// "Level 4 of 5": a position on a scale.
static SCALE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?:of|out\s+of)\s+\d").expect("valid regex"));
/// "Level 3 (targeted support)", "Level 4 – Specialist", "Level 2: Early help".
static LABEL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\(|–|—|-|:)\s*([A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){0,3})")
        .expect("valid regex")
});
/// "early help (Level 2)".
static LABEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)?)\s*\(\s*$").expect("valid regex")
});

/// What the words around a level say it is. `before` and `after` are the
/// text on either side of the keyword-and-numbers; `sentence` the sentence
/// holding it; `first` the first level number.
pub(super) fn level_cue(
    before: &str,
    after: &str,
    sentence: &str,
    first: &str,
    threshold: Option<&ThresholdNames>,
) -> LevelCue {
    // Only words in the same clause say what the level is.
    let clause_before = before.rsplit([';', '.', '!', '?']).next().unwrap_or(before);
    let clause_after = after.split([';', '.', '!', '?']).next().unwrap_or(after);
    let near_after: Vec<String> = words(clause_after).take(3).collect();
    let near_before: Vec<String> = words_back(clause_before).take(3).collect();
    if SCALE.is_match(after) || near_before.iter().any(|w| RATING.contains(&w.as_str())) {
        return LevelCue::Other("it is a rating on a scale");
    }
    if near_after.iter().chain(&near_before).any(|w| TRAINING.contains(&w.as_str())) {
        return LevelCue::Other("it is a level of training or qualification");
    }
    let Some(threshold) = threshold else { return LevelCue::Unclear };
    let name = threshold.levels.iter().find(|(id, _)| id == first).map(|(_, n)| n.as_str());
    if let Some(c) = LABEL_AFTER.captures(after) {
        let label = c[1].to_lowercase();
        let is_name = name.is_some_and(|n| names_match(n, &label));
        // A label that is not the level's name is another scale's.
        if !is_name && !label.starts_with("of") && !label.starts_with("and") {
            return if starts_a_clause(&label) {
                LevelCue::Unclear
            } else {
                LevelCue::Other("the label beside it is not the threshold's name for that level")
            };
        }
        if is_name {
            return LevelCue::Named;
        }
    }
    if let Some(c) = LABEL_BEFORE.captures(before)
        && name.is_some_and(|n| names_match(n, &c[1].to_lowercase()))
    {
        return LevelCue::Named;
    }
    let lower = sentence.to_lowercase();
    let title = threshold.title.to_lowercase();
    if (!title.is_empty() && lower.contains(&title))
        || THRESHOLD_WORDS.iter().any(|w| contains_word(&lower, w))
    {
        return LevelCue::Named;
    }
    LevelCue::Unclear
}

/// Whether a label beside a level is that level's name: the label's first
/// telling word is one of the name's.
fn names_match(name: &str, label: &str) -> bool {
    let name = name.to_lowercase();
    let telling: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !COMMON.contains(w))
        .collect();
    let first = label
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && !["the", "a", "an"].contains(w));
    match first {
        Some(w) if telling.is_empty() => name.starts_with(w),
        Some(w) => telling.contains(&w),
        None => false,
    }
}

/// "Level 2: help is voluntary" — words after a colon or dash that go on
/// with the sentence rather than label the level.
fn starts_a_clause(label: &str) -> bool {
    let first = label.split_whitespace().next().unwrap_or("");
    [
        "no",
        "contact",
        "help",
        "families",
        "practitioners",
        "the",
        "a",
        "an",
        "this",
        "these",
        "if",
        "when",
        "where",
        "children",
        "consent",
        "see",
        "refer",
        "call",
        "ask",
        "we",
        "they",
        "you",
    ]
    .contains(&first)
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
}

fn words_back(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
}

/// Compiles this module's patterns now (see `charter_resolve::compile_patterns`).
pub(super) fn compile_patterns() {
    for pattern in [&SCALE, &LABEL_AFTER, &LABEL_BEFORE] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn cue(before: &str, after: &str, first: &str) -> LevelCue {
        let sentence = format!("{before}Level {first}{after}");
        level_cue(before, after, &sentence, first, Some(&pathway()))
    }

    #[test]
    fn levels_of_need() {
        assert_eq!(cue("refer ", " (targeted support) concerns", "3"), LevelCue::Named);
        assert_eq!(cue("a child at ", " – Specialist needs", "4"), LevelCue::Named);
        assert_eq!(cue("plans for early help (", ") families", "2"), LevelCue::Named);
        assert_eq!(cue("children at ", " of the Pathway to Provision", "1"), LevelCue::Named);
        assert_eq!(cue("the threshold's ", " need one", "3"), LevelCue::Named);
        assert_eq!(cue("at ", " (universal services)", "1"), LevelCue::Named);
    }

    #[test]
    fn other_levels() {
        let other = |c: LevelCue| matches!(c, LevelCue::Other(_));
        assert!(other(cue("send staff to ", " safeguarding training", "3")));
        assert!(other(cue("a ", " workshop", "2")));
        assert!(other(cue("we achieved ", " (Proactive) on data", "4")));
        assert!(other(cue("rated us at ", " (Established)", "3")));
        assert!(other(cue("Child Protection ", " training", "3")));
        assert!(other(cue("a ", " of 5 rating", "4")));
        assert!(other(cue("The training at ", " is described", "3")));
        assert!(other(cue("a ", " award for staff", "1")));
        // Training in the clause before does not make this one a training level.
        assert!(!other(cue("the training plan; ", " of the Pathway to Provision", "4")));
        assert_eq!(cue("at ", " the MASH decides", "3"), LevelCue::Unclear);
        assert_eq!(cue("At ", ": help is voluntary", "2"), LevelCue::Unclear);
    }
}
