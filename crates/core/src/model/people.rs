//! Statutory partners and contact details, as in `charter.yaml`, an
//! arrangements document or a service.

use serde::{Deserialize, Serialize};

/// One statutory partner, as in `charter.yaml` or an arrangements document.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// `local-authority`, `health` or `police`.
    pub role: String,
    /// The organisation.
    pub organisation: String,
    /// Its unit, such as a police BCU.
    #[serde(default)]
    pub unit: Option<String>,
    /// The named lead.
    #[serde(default)]
    pub lead: Option<String>,
}

/// How to get in touch.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number, as written.
    #[serde(default)]
    pub phone: Option<String>,
    /// Web address.
    #[serde(default)]
    pub url: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
}
