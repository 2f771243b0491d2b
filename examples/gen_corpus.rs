//! Writes a realistic, deterministic charter site for benchmarks (issue 9),
//! and optionally the same Markdown as a Hugo site.
//!
//!     cargo run --release --example gen_corpus -- --pages 1000 --seed 1 --out /tmp/c1k
//!         [--profile standard|dense] [--hugo] [--zola] [--force]
//!
//! `--pages N` is the number of Markdown files under `content/`. The site
//! has sections (`_index.md`), plain pages, document folders of every
//! document kind with appendices, about 5% of documents versioned
//! (`v1.0/`, `v2.0/`), hand-numbered sections and paragraphs, tables with
//! captions, footnotes, cross-references that resolve, `@/` links to pages
//! that exist and glossary acronyms (all defined in `data/glossary.yaml`,
//! 300 terms), so `charter check` reports nothing but notes.
//!
//! `--profile dense` writes a different shape instead: flat (100 sections
//! of 100 pages), each page about 12 KB of hand-numbered sections and
//! paragraphs with glossary acronyms in most sentences (a 300-term
//! glossary, every term used on hundreds of pages), a table, a list and
//! "See paragraph N.M." references; see `dense::run`.
//!
//! `--zola` also writes `OUT-zola` (`config.toml`, `_index.md` sections,
//! TOML-compatible frontmatter, bare templates) for the same bodies.
//!
//! `--hugo` also writes `OUT-hugo`: `hugo.toml`, minimal layouts and the
//! same `content/` with Hugo frontmatter, `index.md` renamed `_index.md`
//! (so appendices are pages, not bundle resources) and `@/` links rewritten
//! to relative URLs.
//!
//! The output is a pure function of `--pages` and `--seed` (no clock, no
//! hash-map order, a hand-written splitmix64 generator).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ---------------------------------------------------------------- PRNG

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

// ---------------------------------------------------------------- vocabulary

const AREAS: &[&str] = &[
    "Northbridge",
    "Ashcombe",
    "Wrenfield",
    "Holloway Vale",
    "Kestrel Park",
    "Millbrook",
    "Oakhurst",
    "Ravensdale",
    "Stonebridge",
    "Thornbury",
    "Westmere",
    "Elmswood",
];

const TOPICS: &[&str] = &[
    "Neglect",
    "Child exploitation",
    "Domestic abuse",
    "Early help",
    "Missing children",
    "Online safety",
    "Safer recruitment",
    "Information sharing",
    "Escalation",
    "Private fostering",
    "Disabled children",
    "Young carers",
    "Serious youth violence",
    "Bruising in babies",
    "Self-harm",
    "Harmful sexual behaviour",
    "Parental mental health",
    "Substance misuse",
    "Youth homelessness",
    "Allegations against staff",
    "Home education",
    "Children missing education",
    "Modern slavery",
    "Radicalisation",
    "Child death reviews",
    "Care leavers",
    "Kinship care",
    "Transitions to adulthood",
    "Professional curiosity",
    "Contextual safeguarding",
];

const DOC_NOUNS: &[&str] = &[
    "strategy",
    "protocol",
    "practice guidance",
    "procedure",
    "policy",
    "toolkit",
    "framework",
    "briefing",
    "pathway",
];

const SECTIONS: &[(&str, &str)] = &[
    ("arrangements", "Safeguarding arrangements"),
    ("thresholds", "Levels of need"),
    ("reports", "Reports"),
    ("practitioners", "For practitioners"),
    ("procedures", "Procedures"),
    ("policies", "Policies"),
    ("learning", "Learning from reviews"),
    ("training", "Training"),
    ("families", "For children and families"),
    ("schools", "For schools and colleges"),
    ("health", "For health professionals"),
    ("strategies", "Strategies"),
    ("about", "About the partnership"),
];

const HEADINGS: &[&str] = &[
    "Introduction",
    "Purpose and scope",
    "Background",
    "Governance",
    "Roles and responsibilities",
    "Information sharing",
    "Early help",
    "Making a referral",
    "Assessment",
    "Child protection",
    "Working with families",
    "Training and development",
    "Quality assurance",
    "Learning from reviews",
    "Independent scrutiny",
    "Funding",
    "Escalation and challenge",
    "The voice of the child",
    "Data and performance",
    "Education settings",
    "Health services",
    "Policing",
    "Exploitation",
    "Neglect",
    "Domestic abuse",
    "Transitions",
    "Monitoring and review",
    "Equality and diversity",
    "Consultation",
    "Implementation",
];

const SUBHEADINGS: &[&str] = &[
    "Membership",
    "Meetings",
    "Chairing",
    "Reporting",
    "Timescales",
    "Recording decisions",
    "Consent",
    "Escalation",
    "Feedback to referrers",
    "Supervision",
    "Audit",
    "Measures of success",
];

const SUBJECTS: &[&str] = &[
    "the partnership",
    "each agency",
    "each practitioner",
    "the business unit",
    "every school and college",
    "the health visiting service",
    "the police service",
    "children's social care",
    "the independent scrutineer",
    "the early help service",
    "each designated safeguarding lead",
    "the local authority",
    "every partner",
    "the school nursing service",
    "the housing service",
    "each voluntary sector group",
    "the youth service",
    "each safeguarding partner",
    "every manager",
    "the quality assurance group",
];

const VERBS: &[&str] = &[
    "will review",
    "should consider",
    "must record",
    "works closely on",
    "shares information about",
    "escalates concerns about",
    "agrees a plan for",
    "monitors",
    "reports regularly on",
    "supports work on",
    "is accountable for",
    "takes part in audits of",
    "gives priority to",
    "publishes data on",
    "seeks the views of families about",
];

const OBJECTS: &[&str] = &[
    "the needs of the child",
    "referrals to the front door",
    "the quality of assessments",
    "multi-agency audits",
    "children at risk of exploitation",
    "neglect in the early years",
    "the impact of domestic abuse",
    "children who go missing",
    "the voice of the child",
    "learning from local reviews",
    "the training programme",
    "information sharing between agencies",
    "the health of children in care",
    "school attendance",
    "the transition to adult services",
    "the timeliness of strategy discussions",
    "support for young carers",
    "the use of early help plans",
    "allegations against people who work with children",
    "the wellbeing of care leavers",
];

const QUALIFIERS: &[&str] = &[
    "within one working day",
    "at least once a year",
    "in line with local procedures",
    "where there are concerns",
    "with the family's agreement",
    "as set out below",
    "in every case",
    "through its subgroups",
    "without delay",
    "using the agreed templates",
    "each quarter",
    "wherever it is safe to do so",
    "as part of its annual plan",
    "so that help arrives early",
];

const EXTRA_SENTENCES: &[&str] = &[
    "The child's lived experience must be at the centre of every decision.",
    "Practitioners should always record the reasons for their decisions and share them with the family where it is safe to do so.",
    "Where agencies disagree, the escalation procedure should be followed and the disagreement resolved quickly.",
    "Consent is not needed to share information where a child is at risk of significant harm.",
    "Managers should make sure that staff have regular supervision that includes reflection on their safeguarding work.",
    "Families told us that they want to tell their story once and to know who is leading the work with them.",
    "The partnership will publish what it has learned so that every agency can improve its practice.",
    "Good practice depends on professional curiosity, respectful challenge and clear records.",
    "Children and young people should be told what will happen next, in a way they can understand.",
    "This approach has been agreed by all the partners and will be tested through audit during the year.",
];

const MEASURES: &[&str] = &[
    "Contacts received",
    "Referrals accepted",
    "Assessments completed on time",
    "Strategy discussions held",
    "Children on a protection plan",
    "Children in care",
    "Early help plans opened",
    "Missing episodes",
    "Return interviews offered",
    "Practitioners trained",
    "Audits completed",
    "Allegations managed",
];

/// Capitalised words by initial, for glossary expansions.
const WORDS: &[(char, &[&str])] = &[
    ('A', &["Adolescent", "Assessment", "Advisory", "Authority", "Access", "Action", "Alliance"]),
    ('B', &["Board", "Behaviour", "Borough", "Bureau", "Budget"]),
    ('C', &["Children", "Care", "Community", "Council", "Centre", "Commissioning", "Child"]),
    ('D', &["Designated", "Development", "Domestic", "Disability", "Duty", "Data"]),
    ('E', &["Education", "Early", "Emotional", "Exploitation", "Engagement", "Evaluation"]),
    ('F', &["Family", "Forum", "Foster", "Framework", "Fund"]),
    ('G', &["Group", "Guidance", "Governance"]),
    ('H', &["Health", "Help", "Hub", "Housing", "Harm"]),
    ('I', &["Integrated", "Independent", "Intervention", "Information", "Inclusion"]),
    ('J', &["Joint", "Justice"]),
    ('K', &["Key", "Kinship"]),
    ('L', &["Local", "Learning", "Leadership", "Liaison"]),
    ('M', &["Multi-Agency", "Mental", "Management", "Missing", "Monitoring"]),
    ('N', &["National", "Needs", "Network", "Neglect"]),
    ('O', &["Officer", "Outreach", "Operational", "Oversight"]),
    ('P', &["Partnership", "Practice", "Protection", "Panel", "Plan", "Pathway", "Police"]),
    ('Q', &["Quality"]),
    ('R', &["Review", "Risk", "Response", "Referral", "Resource"]),
    ('S', &["Safeguarding", "Service", "Support", "Strategy", "School", "Social"]),
    ('T', &["Team", "Training", "Transition", "Triage", "Therapy"]),
    ('U', &["Unit", "Universal"]),
    ('V', &["Violence", "Voice", "Victim", "Vulnerable"]),
    ('W', &["Welfare", "Wellbeing", "Workforce", "Work"]),
    ('Y', &["Youth", "Young"]),
];

const REQUIREMENTS: &[&str] = &[
    "partners-working-together",
    "practice-reviews",
    "independent-scrutiny",
    "partners",
    "geography",
    "relevant-agencies",
    "education",
    "custody-and-residential",
    "data-and-intelligence",
    "training-and-audit",
    "funding",
    "review-process",
    "voice-of-children",
    "threshold-document",
];

// ---------------------------------------------------------------- glossary

struct Term {
    term: String,
    expansion: String,
    definition: String,
    /// Extra senses (id, expansion); the first sense is the main expansion.
    senses: Vec<(String, String)>,
    see_also: Option<String>,
}

fn expansion(rng: &mut Rng, letters: &[char]) -> String {
    letters
        .iter()
        .map(|c| {
            let (_, words) = WORDS.iter().find(|(l, _)| l == c).expect("letter has words");
            rng.pick(words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn glossary(rng: &mut Rng) -> Vec<Term> {
    let letters: Vec<char> = WORDS.iter().map(|(c, _)| *c).collect();
    let mut seen = BTreeSet::new();
    let mut terms: Vec<Term> = Vec::new();
    while terms.len() < 300 {
        let len = rng.pick(&[2, 3, 3, 3, 4, 4, 5]);
        let initials: Vec<char> = (0..len).map(|_| rng.pick(&letters)).collect();
        let term: String = initials.iter().collect();
        if !seen.insert(term.clone()) {
            continue;
        }
        let exp = expansion(rng, &initials);
        let definition = format!(
            "{} {} {} {}.",
            cap(rng.pick(&[
                "A service in which",
                "The arrangement by which",
                "A group through which",
                "The process by which"
            ])),
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        );
        let mut senses = Vec::new();
        if terms.len() % 50 == 7 {
            let mut other = expansion(rng, &initials);
            while other == exp {
                other = expansion(rng, &initials);
            }
            senses.push((slugify(&exp), exp.clone()));
            senses.push((slugify(&other), other));
        }
        let see_also = if !terms.is_empty() && rng.chance(15) {
            Some(terms[rng.below(terms.len())].term.clone())
        } else {
            None
        };
        terms.push(Term { term, expansion: exp, definition, senses, see_also });
    }
    terms.sort_by(|a, b| a.term.cmp(&b.term));
    terms
}

fn glossary_yaml(terms: &[Term]) -> String {
    let mut s = String::from("# Generated by examples/gen_corpus.rs\n\n");
    for t in terms {
        let _ = writeln!(s, "- term: {}", t.term);
        if t.senses.is_empty() {
            let _ = writeln!(s, "  expansion: {}", t.expansion);
            let _ = writeln!(s, "  definition: {}", t.definition);
        } else {
            s.push_str("  senses:\n");
            for (id, exp) in &t.senses {
                let _ = writeln!(
                    s,
                    "    - id: {id}\n      expansion: {exp}\n      definition: {}",
                    t.definition
                );
            }
        }
        if let Some(see) = &t.see_also {
            let _ = writeln!(s, "  see_also: [{see}]");
        }
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------- the plan

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DocKind {
    Page,
    Arrangements,
    Threshold,
    AnnualReport,
}

impl DocKind {
    fn name(self) -> &'static str {
        match self {
            DocKind::Page => "page",
            DocKind::Arrangements => "arrangements",
            DocKind::Threshold => "threshold",
            DocKind::AnnualReport => "annual-report",
        }
    }
}

#[derive(Clone, Debug)]
enum Role {
    Home,
    Section,
    Page,
    Doc {
        kind: DocKind,
        /// (major version, is the current one)
        version: Option<(u32, bool)>,
        appendices: usize,
    },
    Appendix {
        /// Number of appendices in the same document version.
        siblings: usize,
    },
}

struct File {
    /// Relative to `content/`.
    path: String,
    title: String,
    role: Role,
    /// Target word count of the body.
    words: usize,
    /// Numbered top-level sections (0: the page is not numbered).
    nsec: usize,
    weight: usize,
    /// `@/` destination (the current version for a current document).
    charter_link: String,
    /// Site-rooted URL of the same page in the Hugo site.
    hugo_url: String,
    /// Pages listed on a home or section page.
    children: Vec<usize>,
    /// Whether this page is a sensible link target from prose.
    linkable: bool,
    date: String,
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn date(rng: &mut Rng, y0: usize, y1: usize) -> String {
    format!("{}-{:02}-{:02}", rng.range(y0, y1), rng.range(1, 12), rng.range(1, 28))
}

struct Titles(BTreeSet<String>);

impl Titles {
    fn unique(&mut self, t: String) -> String {
        if self.0.insert(t.clone()) {
            return t;
        }
        for n in 2.. {
            let c = format!("{t} ({n})");
            if self.0.insert(c.clone()) {
                return c;
            }
        }
        unreachable!()
    }
}

enum Item {
    Page,
    Doc { kind: DocKind, appendices: usize, versioned: bool },
}

impl Item {
    fn files(&self) -> usize {
        match self {
            Item::Page => 1,
            Item::Doc { appendices, versioned, .. } => {
                (1 + appendices) * if *versioned { 2 } else { 1 }
            }
        }
    }
}

fn plan(rng: &mut Rng, pages: usize) -> Vec<File> {
    let mut titles = Titles(BTreeSet::new());
    let mut files = Vec::new();
    let nsections = ((pages + 40) / 80).clamp(1, pages.saturating_sub(1).max(1));
    let mut remaining = pages - 1 - nsections;

    // Items, dealt to sections in turn.
    let mut items: Vec<Vec<Item>> = (0..nsections).map(|_| Vec::new()).collect();
    let mut k = 0;
    while remaining > 0 {
        let r = rng.below(100);
        let mut item = if r < 30 {
            Item::Page
        } else {
            let kind = match rng.below(100) {
                0..=39 => DocKind::Page,
                40..=59 => DocKind::Arrangements,
                60..=74 => DocKind::Threshold,
                _ => DocKind::AnnualReport,
            };
            Item::Doc {
                kind,
                appendices: rng.pick(&[0, 1, 1, 2, 2, 3, 4]),
                versioned: rng.chance(5),
            }
        };
        if item.files() > remaining {
            item = match item {
                Item::Doc { kind, appendices, .. } if remaining > 1 => {
                    Item::Doc { kind, appendices: appendices.min(remaining - 1), versioned: false }
                }
                _ => Item::Page,
            };
        }
        remaining -= item.files();
        items[k % nsections].push(item);
        k += 1;
    }

    let area = AREAS[rng.below(AREAS.len())];
    files.push(File {
        path: "_index.md".into(),
        title: titles.unique(format!("{area} Safeguarding Children Partnership")),
        role: Role::Home,
        words: 500,
        nsec: 0,
        weight: 0,
        charter_link: "@/".into(),
        hugo_url: "/".into(),
        children: Vec::new(),
        linkable: true,
        date: "2026-01-05".into(),
    });

    let mut top: Vec<usize> = Vec::new();
    for (si, sec_items) in items.into_iter().enumerate() {
        let (base_slug, base_title) = SECTIONS[si % SECTIONS.len()];
        let round = si / SECTIONS.len();
        // At most 13 top-level sections, as on a real site (the nav lists
        // them on every page); further sections nest under them.
        let (slug, title, parent) = if round == 0 {
            (base_slug.to_string(), base_title.to_string(), 0)
        } else {
            (
                format!("{base_slug}/collection-{}", round + 1),
                format!("{base_title}: collection {}", round + 1),
                top[si % SECTIONS.len()],
            )
        };
        let sec_index = files.len();
        if round == 0 {
            top.push(sec_index);
        }
        files[parent].children.push(sec_index);
        files.push(File {
            path: format!("{slug}/_index.md"),
            title: titles.unique(title),
            role: Role::Section,
            words: rng.range(400, 700),
            nsec: 0,
            weight: si + 1,
            charter_link: format!("@/{slug}/"),
            hugo_url: format!("/{slug}/"),
            children: Vec::new(),
            linkable: true,
            date: date(rng, 2024, 2026),
        });
        let mut slugs = BTreeSet::new();
        for (ii, item) in sec_items.into_iter().enumerate() {
            let topic = rng.pick(TOPICS);
            let place = rng.pick(AREAS);
            let year = rng.range(2022, 2026);
            let title = match &item {
                Item::Page => format!(
                    "{topic}: {}",
                    rng.pick(&[
                        "a guide for practitioners",
                        "information for families",
                        "frequently asked questions",
                        "what to do if you are worried",
                        "local contacts and support"
                    ])
                ),
                Item::Doc { kind: DocKind::Page, .. } => {
                    format!("{topic} {} for {place}", rng.pick(DOC_NOUNS))
                }
                Item::Doc { kind: DocKind::Arrangements, .. } => {
                    format!(
                        "Multi-agency safeguarding arrangements for {place} and {}",
                        rng.pick(AREAS)
                    )
                }
                Item::Doc { kind: DocKind::Threshold, .. } => {
                    format!("{place} continuum of need: {}", topic.to_lowercase())
                }
                Item::Doc { kind: DocKind::AnnualReport, .. } => {
                    format!(
                        "{place} {} annual report {year}-{}",
                        topic.to_lowercase(),
                        (year + 1) % 100
                    )
                }
            };
            let title = titles.unique(title);
            let mut slug = slugify(&title);
            if !slugs.insert(slug.clone()) {
                slug = format!("{slug}-{ii}");
                slugs.insert(slug.clone());
            }
            match item {
                Item::Page => {
                    let i = files.len();
                    files[sec_index].children.push(i);
                    files.push(File {
                        path: format!(
                            "{}{slug}.md",
                            files[sec_index].path.trim_end_matches("_index.md")
                        ),
                        title,
                        role: Role::Page,
                        words: rng.range(400, 1200),
                        nsec: 0,
                        weight: ii + 1,
                        charter_link: format!("{}{slug}/", files[sec_index].charter_link),
                        hugo_url: format!("{}{slug}/", files[sec_index].hugo_url),
                        children: Vec::new(),
                        linkable: true,
                        date: date(rng, 2022, 2026),
                    });
                }
                Item::Doc { kind, appendices, versioned } => {
                    let dir =
                        format!("{}{slug}", files[sec_index].path.trim_end_matches("_index.md"));
                    let words = rng.range(600, 1500);
                    let nsec = (words / 160).clamp(3, 10);
                    let versions: Vec<Option<(u32, bool)>> = if versioned {
                        vec![Some((1, false)), Some((2, true))]
                    } else {
                        vec![None]
                    };
                    let d1 = date(rng, 2022, 2024);
                    let d2 = date(rng, 2025, 2026);
                    for v in versions {
                        let (vdir, link, url) = match v {
                            None => (dir.clone(), format!("@/{dir}/"), format!("/{dir}/")),
                            Some((m, current)) => (
                                format!("{dir}/v{m}.0"),
                                if current {
                                    format!("@/{dir}/")
                                } else {
                                    format!("@/{dir}/v{m}.0/")
                                },
                                format!("/{dir}/v{m}.0/"),
                            ),
                        };
                        let i = files.len();
                        if v.is_none_or(|(_, current)| current) {
                            files[sec_index].children.push(i);
                        }
                        files.push(File {
                            path: format!("{vdir}/index.md"),
                            title: title.clone(),
                            role: Role::Doc { kind, version: v, appendices },
                            words: words + rng.range(0, 100),
                            nsec,
                            weight: ii + 1,
                            charter_link: link,
                            hugo_url: url,
                            children: Vec::new(),
                            linkable: true,
                            date: if matches!(v, Some((1, _))) { d1.clone() } else { d2.clone() },
                        });
                        for a in 1..=appendices {
                            let atitle = format!(
                                "{} {}",
                                cap(rng
                                    .pick(&["relevant", "local", "agreed", "current", "detailed"])),
                                rng.pick(&[
                                    "agencies",
                                    "contacts",
                                    "measures",
                                    "terms of reference",
                                    "budget",
                                    "templates",
                                    "membership",
                                    "timescales"
                                ])
                            );
                            files.push(File {
                                path: format!("{vdir}/appendix-{a}.md"),
                                title: atitle,
                                role: Role::Appendix { siblings: appendices },
                                words: rng.range(400, 800),
                                nsec: rng.range(2, 4),
                                weight: a,
                                charter_link: format!("@/{vdir}/appendix-{a}/"),
                                hugo_url: format!("/{vdir}/appendix-{a}/"),
                                children: Vec::new(),
                                linkable: true,
                                date: d2.clone(),
                            });
                        }
                    }
                }
            }
        }
    }
    assert_eq!(files.len(), pages, "planned file count");
    files
}

// ---------------------------------------------------------------- bodies

struct Body<'a> {
    rng: &'a mut Rng,
    out: String,
    words: usize,
    /// Glossary terms this page must use, in order.
    terms: Vec<String>,
    /// Terms this page may use again.
    used: Vec<String>,
    /// Files this page may link to (by index).
    targets: Vec<usize>,
    files: &'a [File],
    /// Numbers that exist on this page so far (paragraphs and sections).
    paras: Vec<String>,
    sections: usize,
    appendices: usize,
    footnotes: usize,
    tables: usize,
    threshold: bool,
    link_this: usize,
}

impl Body<'_> {
    fn push_par(&mut self, text: &str) {
        self.words += text.split_whitespace().count();
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    fn term(&mut self) -> Option<String> {
        if !self.terms.is_empty() {
            let t = self.terms.remove(0);
            self.used.push(t.clone());
            return Some(t);
        }
        if self.used.is_empty() {
            None
        } else {
            Some(self.used[self.rng.below(self.used.len())].clone())
        }
    }

    fn plain_sentence(&mut self) -> String {
        match self.rng.below(3) {
            0 => format!(
                "{} {} {} {}.",
                cap(self.rng.pick(SUBJECTS)),
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS),
                self.rng.pick(QUALIFIERS)
            ),
            1 => self.rng.pick(EXTRA_SENTENCES).to_string(),
            _ => format!(
                "{}, {} {} {}.",
                cap(self.rng.pick(QUALIFIERS)),
                self.rng.pick(SUBJECTS),
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS)
            ),
        }
    }

    fn term_sentence(&mut self) -> String {
        let t = self.term().unwrap_or_default();
        match self.rng.below(4) {
            0 => format!(
                "The {t} {} {} {}.",
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS),
                self.rng.pick(QUALIFIERS)
            ),
            1 => format!(
                "{} {} the {t} {}.",
                cap(self.rng.pick(SUBJECTS)),
                self.rng.pick(&[
                    "works with",
                    "reports to",
                    "is represented on",
                    "can ask for advice from"
                ]),
                self.rng.pick(QUALIFIERS)
            ),
            2 => format!("Concerns about {} are shared with the {t}.", self.rng.pick(OBJECTS)),
            _ => format!("The role of the {t} is reviewed {}.", self.rng.pick(QUALIFIERS)),
        }
    }

    fn xref_sentence(&mut self) -> Option<String> {
        let r = self.rng.below(7);
        if r == 0 && self.appendices > 0 {
            let a = self.rng.range(1, self.appendices);
            return Some(format!("The details are set out in Appendix {a}."));
        }
        if r == 1 && self.sections >= 3 {
            let a = self.rng.range(1, self.sections - 2);
            let b = self.rng.range(a + 1, self.sections);
            return Some(format!("Sections {a} to {b} explain the background to this."));
        }
        if r == 2 && self.paras.len() >= 2 {
            let i = self.rng.below(self.paras.len() - 1);
            return Some(format!(
                "See paragraphs {} and {} for the agreed approach.",
                self.paras[i],
                self.paras[i + 1]
            ));
        }
        if r == 3 {
            return Some(
                self.rng
                    .pick(&[
                        "This does not change the duties under section 17 of the Children Act 1989.",
                        "Section 11 audits are reported to the partnership every two years.",
                        "The duty to cooperate is set out in section 10 of the Children Act 2004.",
                    ])
                    .to_string(),
            );
        }
        if r == 4 && self.threshold {
            let l = self.rng.range(1, 4);
            return Some(format!("Needs at Level {l} are described in the table of levels."));
        }
        if self.paras.is_empty() {
            return None;
        }
        let p = self.paras[self.rng.below(self.paras.len())].clone();
        Some(format!("This builds on paragraph {p} of this document."))
    }

    fn link_sentence(&mut self) -> Option<String> {
        if self.targets.is_empty() {
            return None;
        }
        let t = self.targets[self.link_this % self.targets.len()];
        self.link_this += 1;
        let f = &self.files[t];
        let frag = if f.nsec > 0 && matches!(f.role, Role::Doc { .. }) && self.rng.chance(40) {
            format!("#section-{}", self.rng.range(1, f.nsec))
        } else {
            String::new()
        };
        let title = f.title.clone();
        Some(match self.rng.below(3) {
            0 => format!("More detail is in [{title}](@@{t}@@{frag})."),
            1 => format!(
                "Practitioners should also read [{title}](@@{t}@@{frag}), which {} {}.",
                self.rng.pick(&["explains", "covers", "sets out"]),
                self.rng.pick(OBJECTS)
            ),
            _ => format!("See [{title}](@@{t}@@{frag}) for how this applies locally."),
        })
    }

    fn paragraph_text(&mut self) -> String {
        let n = self.rng.range(2, 4);
        let mut s = Vec::new();
        for _ in 0..n {
            s.push(self.plain_sentence());
        }
        if !self.terms.is_empty() || self.rng.chance(50) {
            let at = self.rng.below(s.len() + 1);
            let t = self.term_sentence();
            s.insert(at, t);
        }
        if self.rng.chance(20)
            && let Some(x) = self.xref_sentence()
        {
            s.push(x);
        }
        if self.rng.chance(12)
            && let Some(l) = self.link_sentence()
        {
            s.push(l);
        }
        let mut text = s.join(" ");
        if self.rng.chance(6) {
            self.footnotes += 1;
            text.push_str(&format!("[^{}]", self.footnotes));
        }
        text
    }

    fn table(&mut self) {
        self.tables += 1;
        let caption = format!(
            "Table {}: {} {}",
            self.tables,
            cap(self.rng.pick(&["activity", "performance", "demand", "outcomes"])),
            self.rng.pick(&[
                "in the last three years",
                "by quarter",
                "compared with the previous year",
                "for the partnership"
            ])
        );
        self.push_par(&caption);
        let mut t =
            String::from("| Measure | 2023-24 | 2024-25 | 2025-26 |\n|---|---:|---:|---:|\n");
        let rows = self.rng.range(3, 7);
        for _ in 0..rows {
            let m = self.rng.pick(MEASURES);
            let _ = writeln!(
                t,
                "| {m} | {} | {} | {} |",
                self.rng.range(10, 3000),
                self.rng.range(10, 3000),
                self.rng.range(10, 3000)
            );
        }
        self.words += rows * 4;
        self.out.push_str(&t);
        self.out.push('\n');
    }

    fn list(&mut self) {
        let mut t = String::new();
        for _ in 0..self.rng.range(3, 5) {
            let s = format!("- {} {}", self.rng.pick(OBJECTS), self.rng.pick(QUALIFIERS));
            self.words += s.split_whitespace().count();
            t.push_str(&s);
            t.push('\n');
        }
        self.out.push_str(&t);
        self.out.push('\n');
    }

    /// Hand-numbered sections `## 3. Title`, paragraphs `3.2 …`, `3.2.1 …`.
    fn numbered(&mut self, nsec: usize, target: usize) {
        let quota = target / nsec + 1;
        let h0 = self.rng.below(HEADINGS.len());
        for s in 1..=nsec {
            let _ = write!(self.out, "## {s}. {}\n\n", HEADINGS[(h0 + s * 7) % HEADINGS.len()]);
            let start = self.words;
            let mut p = 1;
            let mut sub_done = false;
            while self.words - start < quota || p <= 2 {
                if p >= 3 && !sub_done && self.rng.chance(15) {
                    sub_done = true;
                    let _ = write!(self.out, "### {s}.{p} {}\n\n", self.rng.pick(SUBHEADINGS));
                    self.paras.push(format!("{s}.{p}"));
                    for q in 1..=self.rng.range(2, 3) {
                        let t = self.paragraph_text();
                        self.push_par(&format!("{s}.{p}.{q} {t}"));
                        self.paras.push(format!("{s}.{p}.{q}"));
                    }
                } else {
                    let t = self.paragraph_text();
                    self.push_par(&format!("{s}.{p} {t}"));
                    self.paras.push(format!("{s}.{p}"));
                    if self.rng.chance(6) {
                        self.table();
                    } else if self.rng.chance(5) {
                        self.list();
                    }
                }
                p += 1;
            }
            self.sections = s;
        }
    }

    fn unnumbered(&mut self, target: usize) {
        let h0 = self.rng.below(HEADINGS.len());
        let mut h = 0;
        while self.words < target {
            if self.words > 0 && self.rng.chance(25) {
                h += 1;
                let _ = write!(self.out, "## {}\n\n", HEADINGS[(h0 + h * 7) % HEADINGS.len()]);
            }
            let t = self.paragraph_text();
            self.push_par(&t);
            if self.rng.chance(5) {
                self.table();
            } else if self.rng.chance(5) {
                self.list();
            }
        }
    }

    fn finish(mut self) -> String {
        if !self.terms.is_empty() {
            let rest = std::mem::take(&mut self.terms);
            let p = format!("Other agencies involved include the {}.", rest.join(", the "));
            self.push_par(&p);
        }
        for n in 1..=self.footnotes {
            let _ = writeln!(
                self.out,
                "[^{n}]: {} {}.",
                cap(self.rng.pick(&[
                    "source:",
                    "figures from",
                    "as reported by",
                    "see the minutes of"
                ])),
                self.rng.pick(SUBJECTS)
            );
        }
        self.out
    }
}

/// The next version of a body: about one numbered paragraph in six gains a
/// sentence and one heading in five is reworded; numbers never change, so
/// every cross-reference still resolves.
fn revise(old: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(old.len() + 1024);
    for line in old.lines() {
        let numbered = line.split(' ').next().is_some_and(|w| {
            w.contains('.')
                && w.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        });
        if numbered && rng.chance(16) {
            let _ = writeln!(
                out,
                "{line} {} {} {} {}.",
                cap(rng.pick(SUBJECTS)),
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(QUALIFIERS)
            );
        } else if let Some(rest) = line.strip_prefix("## ")
            && let Some((num, _)) = rest.split_once(". ")
            && num.bytes().all(|b| b.is_ascii_digit())
            && rng.chance(20)
        {
            let _ = writeln!(out, "## {num}. {}", rng.pick(HEADINGS));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn yq(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn charter_frontmatter(f: &File, rng: &mut Rng, summary: &str, area: &str) -> String {
    let mut s = format!("---\ntitle: {}\n", yq(&f.title));
    match &f.role {
        Role::Home => {}
        Role::Section => {
            let _ = writeln!(s, "weight: {}", f.weight);
        }
        Role::Page => {
            let _ = writeln!(s, "weight: {}\npublished: {}", f.weight, f.date);
        }
        Role::Appendix { .. } => {
            let _ = writeln!(s, "weight: {}", f.weight);
        }
        Role::Doc { kind, version, .. } => {
            let _ = writeln!(s, "kind: {}\nstatus: published\nweight: {}", kind.name(), f.weight);
            if let Some((m, _)) = version {
                let _ = writeln!(s, "version: \"{m}.0\"");
            }
            let _ = writeln!(
                s,
                "published: {}\neffective: {}\nreview_due: {}",
                f.date,
                f.date,
                date(rng, 2030, 2032)
            );
            let _ = writeln!(
                s,
                "approved:\n  - {{ by: {area} Safeguarding Partners Executive, date: {} }}",
                f.date
            );
            if let Some((2, _)) = version {
                s.push_str("changes: |\n  Version 2.0 updates the contacts, the data tables and the sections on governance and training.\n");
            }
            match kind {
                DocKind::Arrangements => {
                    let _ = writeln!(s, "footprint: [London Borough of {area}]\nrequirements:");
                    for (i, r) in REQUIREMENTS.iter().enumerate() {
                        let _ = writeln!(s, "  {r}: \"#section-{}\"", i % f.nsec + 1);
                    }
                }
                DocKind::Threshold => {
                    s.push_str("levels:\n");
                    for (id, name) in [
                        (1, "Universal"),
                        (2, "Early help"),
                        (3, "Targeted"),
                        (4, "Specialist and statutory"),
                    ] {
                        let _ = writeln!(
                            s,
                            "  - id: {id}\n    name: {name}\n    summary: Children whose needs are {}.\n    indicators:",
                            rng.pick(&[
                                "met by universal services",
                                "additional",
                                "complex or multiple",
                                "acute"
                            ])
                        );
                        for _ in 0..rng.range(3, 5) {
                            let _ = writeln!(s, "      - {}", cap(rng.pick(OBJECTS)));
                        }
                        let _ = writeln!(s, "    response: {}.", cap(rng.pick(QUALIFIERS)));
                    }
                }
                DocKind::AnnualReport => {
                    let y: usize = f.date[..4].parse().unwrap_or(2025);
                    let _ = writeln!(
                        s,
                        "period: {{ from: {}-04-01, to: {}-03-31 }}\nscrutiny: {{ by: Independent Scrutineer, date: {} }}",
                        y - 1,
                        y,
                        f.date
                    );
                    if rng.chance(30) {
                        s.push_str("glossary_appendix: true\n");
                    }
                }
                DocKind::Page => {}
            }
        }
    }
    let _ = writeln!(s, "summary: {}\n---\n", yq(summary));
    s
}

fn hugo_frontmatter(f: &File, summary: &str) -> String {
    let mut s = format!(
        "---\ntitle: {}\ndate: {}\nweight: {}\nsummary: {}\n",
        yq(&f.title),
        f.date,
        f.weight,
        yq(summary)
    );
    match &f.role {
        Role::Doc { kind, version, .. } => {
            let _ = writeln!(s, "params:\n  kind: {}", kind.name());
            if let Some((m, _)) = version {
                let _ = writeln!(s, "  version: \"{m}.0\"");
            }
        }
        Role::Appendix { .. } => s.push_str("params:\n  kind: appendix\n"),
        _ => {}
    }
    s.push_str("---\n\n");
    s
}

/// Relative URL from one directory-style URL to another.
fn relative(from: &str, to: &str) -> String {
    let a: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let b: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = "../".repeat(a.len() - common);
    for seg in &b[common..] {
        out.push_str(seg);
        out.push('/');
    }
    if out.is_empty() { "./".into() } else { out }
}

/// Replace `@@i@@` placeholders with a destination (a fragment after the
/// placeholder stays where it is).
fn links(body: &str, dest: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(body.len() + 256);
    let mut rest = body;
    while let Some(i) = rest.find("](@@") {
        out.push_str(&rest[..i + 2]);
        let after = &rest[i + 4..];
        let end = after.find("@@").expect("placeholder closed");
        let idx: usize = after[..end].parse().expect("placeholder index");
        out.push_str(&dest(idx));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- main

/// Which kind of site to write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// Sections, documents of every kind with appendices, versions.
    Standard,
    /// Flat and glossary-dense: 100 pages a section, every sentence with
    /// acronyms, every term used on hundreds of pages.
    Dense,
}

struct Args {
    pages: usize,
    seed: u64,
    out: PathBuf,
    hugo: bool,
    zola: bool,
    profile: Profile,
    force: bool,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        pages: 1000,
        seed: 1,
        out: PathBuf::new(),
        hugo: false,
        zola: false,
        profile: Profile::Standard,
        force: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--pages" => {
                a.pages = it.next().and_then(|v| v.parse().ok()).ok_or("--pages needs a number")?
            }
            "--seed" => {
                a.seed = it.next().and_then(|v| v.parse().ok()).ok_or("--seed needs a number")?
            }
            "--out" => a.out = it.next().map(PathBuf::from).ok_or("--out needs a folder")?,
            "--hugo" => a.hugo = true,
            "--zola" => a.zola = true,
            "--profile" => {
                a.profile = match it.next().as_deref() {
                    Some("standard") => Profile::Standard,
                    Some("dense") => Profile::Dense,
                    _ => return Err("--profile is standard or dense".into()),
                }
            }
            "--force" => a.force = true,
            "-h" | "--help" => {
                return Err("usage: gen_corpus --pages N --seed S --out DIR [--profile standard|dense] [--hugo] [--zola] [--force]".into());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if a.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    if a.pages < 10 {
        return Err("--pages must be at least 10".into());
    }
    Ok(a)
}

/// An output folder must be new, or (with --force) one this program wrote.
fn prepare(dir: &Path, marker: &str, force: bool) -> Result<(), String> {
    if dir.exists() && fs::read_dir(dir).map_err(|e| e.to_string())?.next().is_some() {
        if !force {
            return Err(format!(
                "{} exists and is not empty (use --force to replace a generated corpus)",
                dir.display()
            ));
        }
        if !dir.join(marker).exists() {
            return Err(format!("{} has no {marker}: refusing to delete it", dir.display()));
        }
        fs::remove_dir_all(dir).map_err(|e| e.to_string())?;
    }
    fs::create_dir_all(dir).map_err(|e| e.to_string())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let a = args()?;
    if a.profile == Profile::Dense {
        return dense::run(&a);
    }
    let mut rng = Rng::new(a.seed);
    let terms = glossary(&mut rng);
    let files = plan(&mut rng, a.pages);
    let area = AREAS[(a.seed as usize) % AREAS.len()];

    let hugo_dir = sibling(&a.out, "-hugo");
    let zola_dir = sibling(&a.out, "-zola");
    prepare(&a.out, "charter.yaml", a.force)?;
    if a.hugo {
        prepare(&hugo_dir, "hugo.toml", a.force)?;
    }
    if a.zola {
        prepare(&zola_dir, "config.toml", a.force)?;
    }

    let title = format!("{area} Safeguarding Children Partnership");
    if a.zola {
        write_zola_skeleton(&zola_dir, &title)?;
    }
    write(
        &a.out.join("charter.yaml"),
        &format!(
            "title: {title}\nbase_url: https://www.example.org/\nlanguage: en-GB\ntheme: default\npartnership:\n  name: {title}\n  short_name: {area} partnership\n  area: London Borough of {area}\n  statutory_partners:\n    - {{ role: local-authority, organisation: London Borough of {area} }}\n    - {{ role: health, organisation: {area} Integrated Care Board }}\n    - {{ role: police, organisation: Metropolitan Police, unit: {area} Command Unit }}\n  contact: {{ email: partnership@example.org, phone: 020 8000 0000 }}\nglossary:\n  link: first\n  ignore: [PDF, URL]\naccessibility:\n  contact: partnership@example.org\n  last_tested: 2026-11-01\nxrefs:\n  ignore: [\"Section 11\"]\ndiagnostics:\n  deny: []\n  allow: []\n"
        ),
    )?;
    write(&a.out.join("data/glossary.yaml"), &glossary_yaml(&terms))?;
    if a.hugo {
        write(
            &hugo_dir.join("hugo.toml"),
            &format!(
                "baseURL = \"https://www.example.org/\"\nlanguageCode = \"en-GB\"\ntitle = \"{title}\"\ndisableKinds = [\"taxonomy\", \"term\"]\nbuildFuture = true\n"
            ),
        )?;
        write_hugo_layouts(&hugo_dir)?;
    }

    let linkable: Vec<usize> = (0..files.len()).filter(|&i| files[i].linkable).collect();
    let mut earlier: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut total_words = 0;
    for (i, f) in files.iter().enumerate() {
        // Every term is used somewhere: page i starts with term i mod 300.
        let mut page_terms = vec![terms[i % terms.len()].term.clone()];
        for _ in 0..rng.range(2, 7) {
            let t = terms[rng.below(terms.len())].term.clone();
            if !page_terms.contains(&t) {
                page_terms.push(t);
            }
        }
        let mut targets: Vec<usize> = Vec::new();
        for _ in 0..rng.range(2, 5) {
            let t = linkable[rng.below(linkable.len())];
            if t != i && !targets.contains(&t) {
                targets.push(t);
            }
        }
        let (appendices, threshold) = match &f.role {
            Role::Doc { appendices, kind, .. } => (*appendices, *kind == DocKind::Threshold),
            Role::Appendix { siblings, .. } => (*siblings, false),
            _ => (0, false),
        };
        let mut b = Body {
            rng: &mut rng,
            out: String::new(),
            words: 0,
            terms: page_terms,
            used: Vec::new(),
            targets,
            files: &files,
            paras: Vec::new(),
            sections: 0,
            appendices,
            footnotes: 0,
            tables: 0,
            threshold,
            link_this: 0,
        };
        match &f.role {
            Role::Home | Role::Section => {
                b.unnumbered(f.words.saturating_sub(f.children.len() * 8));
                b.out.push_str("## Contents\n\n");
                for &c in &f.children {
                    let _ = writeln!(b.out, "- [{}](@@{c}@@)", files[c].title);
                    b.words += files[c].title.split_whitespace().count();
                }
                b.out.push('\n');
            }
            Role::Page => b.unnumbered(f.words),
            Role::Doc { .. } => b.numbered(f.nsec, f.words),
            Role::Appendix { .. } => {
                let intro = b.paragraph_text();
                b.push_par(&intro);
                b.table();
                let w = f.words.saturating_sub(b.words);
                b.numbered(f.nsec, w);
            }
        }
        total_words += b.words;
        let mut body = b.finish();
        // A new version is the previous one revised, as in life: same
        // numbers, some paragraphs extended, some headings reworded.
        if f.path.contains("/v1.0/") {
            earlier.insert(f.path.replace("/v1.0/", "/v2.0/"), body.clone());
        } else if let Some(old) = earlier.remove(&f.path) {
            body = revise(&old, &mut rng);
        }
        let summary =
            format!("{} {} {}.", cap(rng.pick(SUBJECTS)), rng.pick(VERBS), rng.pick(OBJECTS));

        let charter_body = links(&body, |t| files[t].charter_link.clone());
        let fm = charter_frontmatter(f, &mut rng, &summary, area);
        write(&a.out.join("content").join(&f.path), &format!("{fm}{charter_body}"))?;

        if a.hugo || a.zola {
            // Hugo and Zola get the same body, with relative links.
            let peer_body = links(&body, |t| relative(&f.hugo_url, &files[t].hugo_url));
            let path = f
                .path
                .strip_suffix("/index.md")
                .map(|d| format!("{d}/_index.md"))
                .unwrap_or_else(|| f.path.clone());
            if a.hugo {
                let text = format!("{}{peer_body}", hugo_frontmatter(f, &summary));
                write(&hugo_dir.join("content").join(&path), &text)?;
            }
            if a.zola {
                let is_section = path.ends_with("_index.md");
                let fm = zola_frontmatter(&f.title, &f.date, f.weight, &summary, is_section);
                write(&zola_dir.join("content").join(&path), &format!("{fm}{peer_body}"))?;
            }
        }
    }
    eprintln!(
        "gen_corpus: wrote {} Markdown files ({} words, {} glossary terms) to {}{}",
        files.len(),
        total_words,
        terms.len(),
        a.out.display(),
        peers(&a)
    );
    Ok(())
}

/// The folder beside `out` with a suffix: `OUT-hugo`, `OUT-zola`.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let mut s = out.to_path_buf().into_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// " and OUT-hugo and OUT-zola", for the summary line.
fn peers(a: &Args) -> String {
    let mut s = String::new();
    if a.hugo {
        s.push_str(&format!(" and {}", sibling(&a.out, "-hugo").display()));
    }
    if a.zola {
        s.push_str(&format!(" and {}", sibling(&a.out, "-zola").display()));
    }
    s
}

/// Hugo's bare layouts: the title, a table of contents and the content;
/// section pages list their pages.
fn write_hugo_layouts(dir: &Path) -> Result<(), String> {
    write(
        &dir.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }} | {{ .Site.Title }}</title></head>\n<body>\n<main id=\"main\">\n{{ block \"main\" . }}{{ end }}\n</main>\n</body>\n</html>\n",
    )?;
    write(
        &dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .TableOfContents }}\n{{ .Content }}\n{{ end }}\n",
    )?;
    write(
        &dir.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .TableOfContents }}\n{{ .Content }}\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>\n{{ end }}\n",
    )
}

/// Zola's config (no feeds, no search index, no Sass, no highlighting) and
/// bare templates: the title and content; sections list their pages.
fn write_zola_skeleton(dir: &Path, title: &str) -> Result<(), String> {
    write(
        &dir.join("config.toml"),
        &format!(
            "base_url = \"https://www.example.org/\"\ntitle = {}\ndefault_language = \"en\"\ncompile_sass = false\nbuild_search_index = false\ngenerate_feeds = false\n\n[slugify]\npaths = \"safe\"\n",
            toml_string(title)
        ),
    )?;
    let page = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>{{ page.title }} | {{ config.title }}</title></head>\n<body>\n<main id=\"main\">\n<h1>{{ page.title }}</h1>\n{{ page.content | safe }}\n</main>\n</body>\n</html>\n";
    let section = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>{{ section.title }} | {{ config.title }}</title></head>\n<body>\n<main id=\"main\">\n<h1>{{ section.title }}</h1>\n{{ section.content | safe }}\n<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>\n</main>\n</body>\n</html>\n";
    write(&dir.join("templates/page.html"), page)?;
    write(&dir.join("templates/section.html"), section)?;
    write(&dir.join("templates/index.html"), section)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// TOML frontmatter Zola reads.
fn zola_frontmatter(
    title: &str,
    date: &str,
    weight: usize,
    summary: &str,
    section: bool,
) -> String {
    let mut s = format!(
        "+++\ntitle = {}\nweight = {weight}\ndescription = {}\n",
        toml_string(title),
        toml_string(summary)
    );
    if section {
        s.push_str("sort_by = \"weight\"\n");
    } else {
        s.push_str(&format!("date = {date}\n"));
    }
    s.push_str("+++\n\n");
    s
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------- dense

/// The glossary-dense profile: flat sections of 100 pages; each page six
/// `## N. Heading` sections of three hand-numbered paragraphs `N.M` of
/// three sentences of 10–22 words, with 0–2 acronyms from the 300-term
/// glossary in each sentence (so every term is on hundreds of pages), one
/// 6-row numeric table and one 5-item list, and about 30% of paragraphs
/// ending "See paragraph N.M.".
mod dense {
    use std::fmt::Write as _;

    use super::{
        Args, HEADINGS, MEASURES, Rng, cap, glossary, glossary_yaml, sibling, write,
        write_hugo_layouts, write_zola_skeleton, yq, zola_frontmatter,
    };

    /// Long, plain words of these documents, for sentences of realistic weight.
    const VOCABULARY: &[&str] = &[
        "safeguarding",
        "partnership",
        "practitioners",
        "assessment",
        "information",
        "responsibilities",
        "arrangements",
        "professional",
        "children",
        "families",
        "multi-agency",
        "escalation",
        "supervision",
        "accountability",
        "intervention",
        "neighbourhood",
        "commissioning",
        "exploitation",
        "vulnerability",
        "proportionate",
        "consultation",
        "understanding",
        "improvement",
        "safeguards",
        "relationships",
        "communication",
        "expectations",
        "independent",
        "evaluation",
        "procedures",
        "development",
        "performance",
        "engagement",
        "experience",
        "thresholds",
        "decisions",
        "agreement",
        "protection",
        "wellbeing",
        "resilience",
        "timeliness",
        "leadership",
        "curiosity",
        "recording",
        "reflection",
        "challenge",
        "community",
        "education",
        "services",
        "concerns",
        "together",
        "quickly",
        "clearly",
        "regularly",
        "carefully",
        "should",
        "will",
        "must",
        "with",
        "through",
        "across",
        "within",
        "because",
        "where",
        "every",
    ];

    /// How many pages a section holds.
    const PER_SECTION: usize = 100;

    pub(super) fn run(a: &Args) -> Result<(), String> {
        let mut g = Rng::new(a.seed);
        let glossary = glossary(&mut g);
        let terms: Vec<String> = glossary.iter().map(|t| t.term.clone()).collect();
        let mut rng = Rng::new(a.seed ^ 0x00DE_45E0);
        let hugo_dir = sibling(&a.out, "-hugo");
        let zola_dir = sibling(&a.out, "-zola");
        super::prepare(&a.out, "charter.yaml", a.force)?;
        if a.hugo {
            super::prepare(&hugo_dir, "hugo.toml", a.force)?;
            write(
                &hugo_dir.join("hugo.toml"),
                "baseURL = \"https://www.example.org/\"\nlanguageCode = \"en-GB\"\ntitle = \"Dense Safeguarding Children Partnership\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\"]\nbuildFuture = true\n",
            )?;
            write_hugo_layouts(&hugo_dir)?;
        }
        if a.zola {
            super::prepare(&zola_dir, "config.toml", a.force)?;
            write_zola_skeleton(&zola_dir, "Dense Safeguarding Children Partnership")?;
        }
        write(
            &a.out.join("charter.yaml"),
            "title: Dense Safeguarding Children Partnership\nbase_url: https://www.example.org/\nlanguage: en-GB\nglossary:\n  link: first\n",
        )?;
        write(&a.out.join("data/glossary.yaml"), &glossary_yaml(&glossary))?;
        let sections = a.pages.div_ceil(PER_SECTION + 1).max(1);
        let mut written = 0;
        let mut bytes = 0;
        for s in 0..sections {
            let dir = format!("section-{:03}", s + 1);
            let title = format!("Collection {}: {}", s + 1, cap(rng.pick(HEADINGS)));
            let index = format!("## Contents\n\nThe pages of {title}.\n");
            files(a, &format!("{dir}/_index.md"), &title, s + 1, &index, true)?;
            written += 1;
            for p in 0..PER_SECTION {
                if written >= a.pages {
                    break;
                }
                let body = page_body(&mut rng, &terms);
                bytes += body.len();
                let title = format!("{} {} {}", cap(rng.pick(HEADINGS)), s + 1, p + 1);
                files(a, &format!("{dir}/page-{:03}.md", p + 1), &title, p + 1, &body, false)?;
                written += 1;
            }
        }
        eprintln!(
            "gen_corpus: wrote {written} Markdown files (dense profile, {} KB of body on average, {} glossary terms) to {}{}",
            bytes / 1024 / written.max(1),
            terms.len(),
            a.out.display(),
            super::peers(a)
        );
        Ok(())
    }

    /// One page in each tool's form.
    fn files(
        a: &Args,
        path: &str,
        title: &str,
        weight: usize,
        body: &str,
        section: bool,
    ) -> Result<(), String> {
        let date = "2026-01-15";
        write(
            &a.out.join("content").join(path),
            &format!("---\ntitle: {}\n---\n\n{body}", yq(title)),
        )?;
        if a.hugo {
            let fm = format!("---\ntitle: {}\ndate: {date}\nweight: {weight}\n---\n\n", yq(title));
            write(&sibling(&a.out, "-hugo").join("content").join(path), &format!("{fm}{body}"))?;
        }
        if a.zola {
            let fm = zola_frontmatter(title, date, weight, "", section);
            write(&sibling(&a.out, "-zola").join("content").join(path), &format!("{fm}{body}"))?;
        }
        Ok(())
    }

    fn sentence(rng: &mut Rng, terms: &[String]) -> String {
        let n = rng.range(10, 22);
        let mut words: Vec<String> = (0..n).map(|_| rng.pick(VOCABULARY).to_string()).collect();
        for _ in 0..rng.below(3) {
            let at = rng.range(1, words.len() - 1);
            words.insert(at, terms[rng.below(terms.len())].clone());
        }
        format!("{}.", cap(&words.join(" ")))
    }

    fn page_body(rng: &mut Rng, terms: &[String]) -> String {
        let mut out = String::with_capacity(12 * 1024);
        for s in 1..=6 {
            let _ = writeln!(out, "## {s}. {}\n", cap(rng.pick(HEADINGS)));
            for m in 1..=3 {
                let text: Vec<String> = (0..3).map(|_| sentence(rng, terms)).collect();
                let _ = write!(out, "{s}.{m} {}", text.join(" "));
                if rng.chance(30) {
                    let _ = write!(out, " See paragraph {}.{}.", rng.range(1, 6), rng.range(1, 3));
                }
                out.push_str("\n\n");
            }
            if s == 2 {
                table(rng, &mut out);
            }
            if s == 4 {
                for _ in 0..5 {
                    let _ = writeln!(out, "- {}", sentence(rng, terms));
                }
                out.push('\n');
            }
        }
        out
    }

    fn table(rng: &mut Rng, out: &mut String) {
        out.push_str("Table 1: Activity by year\n\n| Measure | 2024-25 | 2025-26 | Change |\n|---|---:|---:|---:|\n");
        for _ in 0..6 {
            let (a, b) = (rng.range(40, 4000), rng.range(40, 4000));
            let _ =
                writeln!(out, "| {} | {a} | {b} | {} |", rng.pick(MEASURES), b as i64 - a as i64);
        }
        out.push('\n');
    }
}
