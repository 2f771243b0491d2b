//! The search page's stemmer (themes/default/static/search-stem.js, run in
//! Node) gives the same stem as the build's (rust-stemmers' Snowball
//! English) for every word of the demo site and the guide, and for words
//! chosen for the algorithm's special cases.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// Words that exercise each step and exception of the algorithm.
const SPECIAL: &[&str] = &[
    "skis",
    "skies",
    "dying",
    "lying",
    "tying",
    "idly",
    "gently",
    "ugly",
    "early",
    "only",
    "singly",
    "sky",
    "news",
    "howe",
    "atlas",
    "cosmos",
    "bias",
    "andes",
    "inning",
    "innings",
    "outing",
    "outings",
    "canning",
    "herring",
    "earring",
    "proceed",
    "proceeding",
    "exceed",
    "succeeded",
    "generous",
    "generously",
    "generate",
    "communal",
    "community",
    "arsenal",
    "arsenic",
    "caresses",
    "ponies",
    "ties",
    "cries",
    "gaps",
    "gas",
    "kiwis",
    "cats",
    "us",
    "press",
    "agreed",
    "feed",
    "bleed",
    "luxuriating",
    "hopping",
    "hoping",
    "filing",
    "failing",
    "conflated",
    "troubled",
    "sized",
    "tanned",
    "falling",
    "hissing",
    "fizzed",
    "happy",
    "sky",
    "cry",
    "by",
    "say",
    "relational",
    "conditional",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "roll",
    "yes",
    "yellow",
    "eying",
    "boys",
    "enjoyed",
    "mayday",
    "sayings",
    "'tis",
    "y",
    "ys",
    "yy",
    "flying",
    "quickly",
    "fluently",
    "generically",
    "logically",
    "archaeology",
    "apology",
    "geology",
    "sociology",
    "safeguarding",
    "escalation",
    "escalating",
];

fn words_of_the_repository() -> BTreeSet<String> {
    let mut words: BTreeSet<String> = SPECIAL.iter().map(|w| w.to_string()).collect();
    let root = env!("CARGO_MANIFEST_DIR");
    for dir in ["content", "docs/content", "data"] {
        for e in walkdir::WalkDir::new(format!("{root}/{dir}")).into_iter().flatten() {
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
            for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if w.len() >= 2 {
                    words.insert(w.to_lowercase());
                }
            }
        }
    }
    words
}

#[test]
fn the_page_and_the_build_stem_every_word_alike() {
    let words: Vec<String> = words_of_the_repository().into_iter().collect();
    assert!(words.len() >= 1000, "only {} words to compare", words.len());
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/search-stem.js");
    let program = format!(
        "globalThis.window = globalThis; require({script:?}); \
         let input = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean); \
         process.stdout.write(input.map(w => charterStem(w)).join('\\n'));"
    );
    let mut node = Command::new("node")
        .arg("-e")
        .arg(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs the page's stemmer (install Node.js)");
    node.stdin.take().unwrap().write_all(words.join("\n").as_bytes()).unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success());
    let page: Vec<String> =
        String::from_utf8(out.stdout).unwrap().split('\n').map(String::from).collect();
    assert_eq!(page.len(), words.len());
    let differ: Vec<String> = words
        .iter()
        .zip(&page)
        .filter(|(w, p)| stemmer.stem(w) != p.as_str())
        .map(|(w, p)| format!("{w}: build {}, page {p}", stemmer.stem(w)))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} words differ: {:?}",
        differ.len(),
        words.len(),
        &differ[..differ.len().min(30)]
    );
}
