//! Frontmatter as written: every value still in its YAML form.

use std::collections::BTreeMap;

use charter_core::model::{Ages, Contact, ExtraData, PageGlossary, Partner};
use serde::Deserialize;

/// Frontmatter as written.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Raw {
    pub(super) title: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) summary: Option<String>,
    pub(super) status: Option<String>,
    pub(super) version: Option<Scalar>,
    pub(super) published: Option<String>,
    pub(super) updated: Option<String>,
    pub(super) effective: Option<String>,
    pub(super) review_due: Option<String>,
    #[serde(default)]
    pub(super) approved: Vec<RawApproval>,
    pub(super) changes: Option<String>,
    pub(super) label: Option<Scalar>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    pub(super) slug: Option<String>,
    pub(super) glossary_appendix: Option<bool>,
    pub(super) glossary: Option<PageGlossary>,
    pub(super) toc: Option<bool>,
    pub(super) weight: Option<i64>,
    #[serde(default)]
    pub(super) extra: ExtraData,
    // arrangements
    pub(super) partners: Option<Vec<Partner>>,
    #[serde(default)]
    pub(super) footprint: Vec<String>,
    #[serde(default)]
    pub(super) requirements: BTreeMap<String, String>,
    // threshold
    #[serde(default)]
    pub(super) levels: Vec<RawLevel>,
    // annual-report
    pub(super) period: Option<RawPeriod>,
    pub(super) scrutiny: Option<RawApproval>,
    // local-offer
    pub(super) offer_for: Option<String>,
    pub(super) statutory_basis: Option<String>,
    // service
    pub(super) ages: Option<Ages>,
    #[serde(default)]
    pub(super) categories: Vec<String>,
    pub(super) contact: Option<Contact>,
    pub(super) eligibility: Option<String>,
    pub(super) cost: Option<String>,
    pub(super) how_to_access: Option<String>,
}

/// A YAML scalar that may be written as a number (`1.0`) or a string (`"1.0"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    /// The scalar as the text it stands for: `1.0` stays "1.0".
    pub(super) fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => {
                let s = f.to_string();
                if s.contains('.') { s } else { format!("{s}.0") }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApproval {
    pub(super) by: String,
    pub(super) date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPeriod {
    pub(super) from: String,
    pub(super) to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    pub(super) id: Scalar,
    pub(super) name: String,
    #[serde(default)]
    pub(super) summary: Option<String>,
    #[serde(default)]
    pub(super) indicators: Vec<String>,
    #[serde(default)]
    pub(super) response: Option<String>,
}
