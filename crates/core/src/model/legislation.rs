//! A row of the legislation table: an Act, a statutory instrument, retained
//! EU law or a piece of statutory guidance, and where it is published.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One Act, set of regulations or piece of statutory guidance.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Its title as documents write it: "Children Act 1989".
    pub title: String,
    /// On legislation.gov.uk, the path after the host ("ukpga/1989/41");
    /// for guidance, its full address.
    pub path: String,
    /// Other ways documents name it: "CA 1989", "Working Together".
    #[serde(default)]
    pub also: Vec<String>,
    /// How the instrument numbers its Parts in its own text, which is how
    /// legislation.gov.uk addresses them: `roman` (Part III) or `arabic`.
    #[serde(default)]
    pub parts: Option<String>,
    /// Guidance: the address of each edition a document may name ("2018").
    #[serde(default)]
    pub editions: BTreeMap<String, String>,
    /// What the row was checked against.
    #[serde(default)]
    pub checked: Option<String>,
}

/// What kind of thing a row is, which decides what its provisions are called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InstrumentKind {
    /// An Act of Parliament: sections, Parts, Schedules.
    Act,
    /// A statutory instrument: regulations (or articles, or rules), Parts, Schedules.
    Instrument,
    /// Retained EU law, such as the UK GDPR: articles.
    EuLaw,
    /// Statutory guidance: a page on GOV.UK, no provisions.
    Guidance,
}

/// The legislation.gov.uk host every relative path is on.
pub const LEGISLATION_HOST: &str = "https://www.legislation.gov.uk/";

impl Instrument {
    /// What the row is, from its path.
    pub fn kind(&self) -> InstrumentKind {
        let p = self.path.trim_start_matches('/');
        if p.contains("://") {
            InstrumentKind::Guidance
        } else if p.starts_with("uksi/") || p.starts_with("ssi/") || p.starts_with("wsi/") {
            InstrumentKind::Instrument
        } else if p.starts_with("eur/") {
            InstrumentKind::EuLaw
        } else {
            InstrumentKind::Act
        }
    }

    /// Its own address.
    pub fn url(&self) -> String {
        if self.kind() == InstrumentKind::Guidance {
            self.path.clone()
        } else {
            format!("{LEGISLATION_HOST}{}", self.path.trim_matches('/'))
        }
    }

    /// Whether its Parts are numbered with Roman numerals.
    pub fn roman_parts(&self) -> bool {
        self.parts.as_deref() == Some("roman")
    }
}
