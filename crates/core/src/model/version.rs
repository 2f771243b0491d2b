//! Version numbers and appendix labels: both written by people, both
//! ordered the way people read them.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// A dotted version number, ordered numerically: 1.10 comes after 1.9.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VersionNumber {
    parts: Vec<u32>,
    text: String,
}

impl VersionNumber {
    /// Parses `"2.1"`; `None` for anything but dot-separated numbers.
    pub fn parse(text: &str) -> Option<VersionNumber> {
        let t = text.trim();
        if t.is_empty() || t.len() > 32 {
            return None;
        }
        let parts: Option<Vec<u32>> =
            t.split('.').map(|p| if p.is_empty() { None } else { p.parse().ok() }).collect();
        Some(VersionNumber { parts: parts?, text: t.to_string() })
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Equal as numbers: "2" and "2.0" are the same version.
    pub fn same_as(&self, other: &VersionNumber) -> bool {
        self.numeric_cmp(other) == Ordering::Equal
    }

    /// Compares the numbers only, missing parts counting as 0.
    fn numeric_cmp(&self, other: &VersionNumber) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        (0..n)
            .map(|i| {
                let a = self.parts.get(i).copied().unwrap_or(0);
                let b = other.parts.get(i).copied().unwrap_or(0);
                a.cmp(&b)
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    }
}

impl Ord for VersionNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        // Equal numbers written differently ("2" and "2.0") still need an
        // order of their own, so that sorting is total.
        self.numeric_cmp(other).then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for VersionNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for VersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An appendix's label, scoped to its parent: "1", "A", "B.2".
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct AppendixLabel {
    /// "Appendix" or "Annex", as the file name or label says.
    pub word: String,
    /// The label itself, letters upper-cased.
    pub label: String,
}

impl AppendixLabel {
    /// From a file or folder stem such as `appendix-1`, `appendix-a`, `annex-b`.
    pub fn from_stem(stem: &str) -> Option<AppendixLabel> {
        let lower = stem.to_ascii_lowercase();
        let (word, rest) = if let Some(r) =
            lower.strip_prefix("appendix-").or_else(|| lower.strip_prefix("appendix_"))
        {
            ("Appendix", r)
        } else if let Some(r) =
            lower.strip_prefix("annex-").or_else(|| lower.strip_prefix("annex_"))
        {
            ("Annex", r)
        } else {
            return None;
        };
        if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return None;
        }
        Some(AppendixLabel { word: word.into(), label: normalise_label(rest) })
    }

    /// "Appendix 1", "Annex B".
    pub fn display(&self) -> String {
        format!("{} {}", self.word, self.label)
    }

    /// Order: numbers numerically, then letters.
    pub fn sort_key(&self) -> (u8, u64, String) {
        match self.label.parse::<u64>() {
            Ok(n) => (0, n, String::new()),
            Err(_) => (1, 0, self.label.clone()),
        }
    }
}

/// Labels compare case-insensitively for letters: "a" is "A".
pub fn normalise_label(text: &str) -> String {
    text.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_numerically() {
        let v = |s| VersionNumber::parse(s).unwrap();
        assert!(v("1.10") > v("1.9"));
        assert!(v("2").same_as(&v("2.0")));
        assert!(VersionNumber::parse("1..2").is_none());
    }

    #[test]
    fn labels_from_file_names() {
        assert_eq!(AppendixLabel::from_stem("appendix-b").unwrap().display(), "Appendix B");
        assert_eq!(AppendixLabel::from_stem("annex_2").unwrap().display(), "Annex 2");
        assert!(AppendixLabel::from_stem("appendix-").is_none());
    }
}
