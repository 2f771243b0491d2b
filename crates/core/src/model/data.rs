//! `data/*.yaml` and `data/*.csv`, as templates and tables see them.

use std::collections::BTreeMap;

use serde::Serialize;

/// A CSV file: its header and rows, as text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Table {
    /// The header row.
    pub headers: Vec<String>,
    /// The other rows.
    pub rows: Vec<Vec<String>>,
}

/// Every data file, by its stem: `data/funding.csv` is `funding`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Data {
    /// YAML files.
    pub values: BTreeMap<String, serde_json::Value>,
    /// CSV files.
    pub tables: BTreeMap<String, Table>,
}
