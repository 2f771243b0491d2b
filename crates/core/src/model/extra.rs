//! Free data for templates (`extra:` in frontmatter and config).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

/// Free data for templates. Hashed through its JSON text, which is
/// canonical for a map with sorted keys.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct ExtraData(pub BTreeMap<String, serde_json::Value>);

impl Hash for ExtraData {
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_string(&self.0).unwrap_or_default().hash(state);
    }
}
