//! Small values templates see in many places: dates, partners, contacts,
//! statuses and category names.

use charter_core::dates::display_date;
use charter_core::model::{Contact, Partner, Status};
use jiff::civil::Date;
use serde_json::{Value, json};

/// A date for templates: ISO for `<time datetime>`, words for people.
/// In Tera's values: a content page's context is built in them, and JSON
/// takes them as they are.
pub fn date(d: &Option<Date>) -> tera::Value {
    match d {
        Some(d) => tera_map! { "iso" => d.to_string(), "display" => display_date(*d) },
        None => tera::Value::none(),
    }
}

/// A statutory partner, with its role in words.
pub fn partner_value(p: &Partner) -> Value {
    let role_label = match p.role.as_str() {
        "local-authority" => "Local authority",
        "health" => "Health (integrated care board)",
        "police" => "Police",
        other => other,
    };
    json!({ "role": p.role, "role_label": role_label, "organisation": p.organisation, "unit": p.unit, "lead": p.lead })
}

/// Contact details with `mailto:` and international `tel:` links.
pub fn contact_value(c: &Contact) -> Value {
    let phone_href = c.phone.as_ref().map(|p| {
        let digits: String = p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect();
        // UK numbers are written nationally; tel: links work best international.
        let intl = match digits.strip_prefix('0') {
            Some(rest) if !digits.starts_with("00") => format!("+44{rest}"),
            _ => digits,
        };
        format!("tel:{intl}")
    });
    json!({
        "email": c.email, "email_href": c.email.as_ref().map(|e| format!("mailto:{e}")),
        "phone": c.phone, "phone_href": phone_href,
        "url": c.url, "address": c.address,
    })
}

/// A status: its id and how readers see it (in Tera's values, as [`date`]).
pub fn status_value(status: Status) -> tera::Value {
    tera_map! { "id" => status.name(), "label" => status.label() }
}

/// "setting-up-home" → "Setting up home".
pub fn category_label(c: &str) -> String {
    let t = c.replace('-', " ");
    let mut chars = t.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_are_international() {
        let c = Contact { phone: Some("020 8000 0000".into()), ..Default::default() };
        assert_eq!(contact_value(&c)["phone_href"], "tel:+442080000000");
        assert_eq!(category_label("setting-up-home"), "Setting up home");
    }
}
