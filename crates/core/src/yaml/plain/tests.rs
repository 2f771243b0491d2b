use serde_json::{Value, json};

use super::read;

use crate::testing::repository_frontmatter;

/// The forms a frontmatter is written in, each a family: read here, or
/// given up on, and never read differently from serde-saphyr.
const FORMS: &[&str] = &[
    "title: Plain words\n",
    "title: \"Quoted: with # and [brackets]\"\n",
    "title: 'Single quoted'\n",
    "title: 'It''s'\n",
    "title: \"Escaped \\\" quote\"\n",
    "title: The child’s plan, and “others”\n",
    "title: Appendix A: Terms\n",
    "title: C# and F#\n",
    "title: Words # a comment\n",
    "url: https://example.org/a?b=c\n",
    "weight: 2\n",
    "weight: -3\n",
    "weight: -0\n",
    "weight: 007\n",
    "weight: 1_000\n",
    "weight: 123456789012345\n",
    "weight: 1234567890123456789012\n",
    "version: 1.0\n",
    "version: 1.10\n",
    "version: 2.5\n",
    "version: -0.5\n",
    "version: .5\n",
    "version: 1e3\n",
    "version: 0x1F\n",
    "version: +1\n",
    "version: 1.\n",
    "published: 2025-10-01\n",
    "published: 2025-10-01T10:00:00Z\n",
    "published: 2025-1-1\n",
    "time: 12:30\n",
    "phone: 020 8000 0000\n",
    "toc: true\n",
    "toc: false\n",
    "toc: True\n",
    "toc: yes\n",
    "toc: no\n",
    "toc: on\n",
    "toc: ~\n",
    "toc: null\n",
    "toc: Null\n",
    "toc:\n",
    "toc:   \n",
    "nan: x\n",
    "on: x\n",
    "y: x\n",
    "value: nan\n",
    "value: .inf\n",
    "value: Infinity\n",
    "footprint: [London Borough of Ashcombe, \"Ashcombe, North\"]\n",
    "footprint: []\n",
    "footprint: [ ]\n",
    "footprint: [a, [b]]\n",
    "footprint: [a, ]\n",
    "footprint: [a,b]\n",
    "footprint: [a: b]\n",
    "footprint: [a\n",
    "approved:\n  - { by: Ashcombe Partners Executive, date: 2025-10-01 }\n",
    "approved:\n- { by: X, date: 2025-10-01 }\n",
    "approved:\n  - {by: X}\n",
    "approved:\n  - { by: X, by: Y }\n",
    "approved:\n  - { by: \"X, Y\", date: '2025-10-01' }\n",
    "approved:\n  - { by: X, }\n",
    "approved:\n  - { }\n",
    "approved:\n  - { by:X }\n",
    "requirements:\n  partners: \"#section-1\"\n  geography: \"#section-2\"\nsummary: After\n",
    "requirements:\n    partners: x\n  geography: y\n",
    "requirements:\n  partners: x\n partners2: y\n",
    "levels:\n  - id: 1\n    name: Universal\n    indicators:\n      - One\n      - Two\n  - id: 2\n    name: Early help\n",
    "levels:\n  - id: 1\n    indicators:\n    - One\n    - Two\n",
    "levels:\n  -\n    id: 1\n  - two\n",
    "levels:\n  - id: 1\n   name: x\n",
    "levels:\n  - - nested\n",
    "levels:\n  -   id: 1\n      name: x\n",
    "title: a\ntitle: b\n",
    "title: First line\n  continued\n",
    "title: >\n  folded\n",
    "changes: |\n  literal\n",
    "title: &a x\nsummary: *a\n",
    "title: !!str 2\n",
    "? title\n: x\n",
    "\"title\": x\n",
    "title : x\n",
    "title:x\n",
    "-title: x\n",
    "- a\n- b\n",
    "just text\n",
    "---\ntitle: x\n",
    "title: x\n...\n",
    "title: x\n# a comment line\n\nsummary: y\n",
    "  title: x\n",
    "title: x\r\n",
    "# only a comment\n",
    "\n#,*c,*l\u{7f}\0\0\0\",\"\n",
    "title: a\u{0}b\n",
    "title: a\u{85}b\n",
    "title: a\u{2028}b\n",
    "title: a\u{a0}b\n",
    "title: x\n\tsummary: y\n",
    "extra:\n  a: 1\n  b: [x, 2, 2.5, true, null]\n  c:\n    d: e\n",
    "title: -\n",
    "title: - x\n",
    "title: '#x'\n",
    "title: x  \n",
    "title: \"a\" b\n",
    "title: \"unclosed\n",
    "contact: { email: a@example.org, phone: 020 8000 0000 }\n",
    "contact: { url: https://example.org }\n",
];

#[test]
fn what_it_reads_serde_saphyr_reads_the_same() {
    let mut texts: Vec<String> = FORMS.iter().map(|t| t.to_string()).collect();
    texts.extend(repository_frontmatter());
    let mut read_here = 0;
    for text in &texts {
        let Some(value) = read(text) else { continue };
        read_here += 1;
        let theirs: Value = serde_saphyr::from_str(text)
            .unwrap_or_else(|e| panic!("read here, refused by serde-saphyr: {text:?}: {e}"));
        assert_eq!(value, theirs, "{text:?}");
        assert!(super::agrees(text));
    }
    assert!(read_here > texts.len() / 2, "{read_here} of {}", texts.len());
}

#[test]
fn the_common_forms_are_read_here() {
    let text = "title: \"Multi-agency arrangements\"\nkind: arrangements\nweight: 28\n\
                version: 1.0\npublished: 2025-10-01\napproved:\n  - { by: The Executive, date: 2025-10-01 }\n\
                footprint: [London Borough of Ashcombe]\nrequirements:\n  partners: \"#section-1\"\n\
                levels:\n  - id: 1\n    indicators:\n      - One\n";
    assert_eq!(
        read(text),
        Some(json!({
            "title": "Multi-agency arrangements", "kind": "arrangements", "weight": 28,
            "version": 1.0, "published": "2025-10-01",
            "approved": [{"by": "The Executive", "date": "2025-10-01"}],
            "footprint": ["London Borough of Ashcombe"],
            "requirements": {"partners": "#section-1"},
            "levels": [{"id": 1, "indicators": ["One"]}],
        }))
    );
    let demo = repository_frontmatter();
    let read_here = demo.iter().filter(|t| read(t).is_some()).count();
    assert!(read_here * 10 >= demo.len() * 9, "{read_here} of {}", demo.len());
}

#[test]
fn what_it_gives_up_on_is_left_whole() {
    for text in [
        "title: a\ntitle: b\n",
        "title: First line\n  continued\n",
        "changes: |\n  literal\n",
        "toc: yes\n",
        "title: x # comment\n",
        "weight: 0x1F\n",
        "title: \"a \\\"b\\\"\"\n",
        "footprint: [a, [b]]\n",
    ] {
        assert_eq!(read(text), None, "{text:?}");
    }
}

/// Text serde-saphyr refuses for its budgets (`yaml::parse`) is not read
/// here: nesting deeper than it allows, in mappings, lists and both; and
/// the longest text read here holds fewer events than it allows.
#[test]
fn what_the_budgets_refuse_is_not_read_here() {
    let origin = crate::yaml::Origin { file: "", line_offset: 0 };
    let budgeted = |text: &str| {
        crate::yaml::parse::<Value>(text, origin, crate::Code::FrontmatterYaml).is_ok()
    };
    let nested_mappings = |depth: usize| {
        (0..depth).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>()
            + &"  ".repeat(depth)
            + "v: 1\n"
    };
    let nested_items = |depth: usize| {
        (0..depth).map(|i| format!("{}- k{i}:\n", "    ".repeat(i))).collect::<String>()
            + &"    ".repeat(depth)
            + "- v\n"
    };
    for depth in [1, 8, 15, 16, 17, 40, 70, 140] {
        for text in [nested_mappings(depth), nested_items(depth)] {
            assert!(super::agrees(&text), "depth {depth}: {text:?}");
            if !budgeted(&text) {
                assert_eq!(read(&text), None, "depth {depth}");
            }
        }
    }
    assert!(read(&nested_mappings(8)).is_some() && read(&nested_items(8)).is_some());
    assert!(!budgeted(&nested_mappings(70)), "serde-saphyr's depth budget is still 64");
    // The most events a byte: each line five bytes and three events.
    let most_events = |len: usize| "- []\n".repeat(len / 5);
    let longest = most_events(super::MAX_LEN);
    assert!(read(&longest).is_some());
    assert!(budgeted(&longest), "the longest text read here is within the budget");
    assert!(super::agrees(&longest));
    assert_eq!(read(&most_events(super::MAX_LEN + 5)), None);
}
