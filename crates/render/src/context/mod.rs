//! The data every template gets: `site`, `page`, and for generated pages
//! their own lists. Built as JSON values so templates see plain data; a
//! content page's `page`, made once per route, is built in Tera's values
//! directly (`tera_map!`).

/// A Tera map from `"key" => value` pairs, each value anything Tera's
/// values convert from. A content page's context was built as JSON and
/// then converted into Tera's values: every key allocated twice, every
/// string copied twice, 5% of the standard corpus's instructions.
/// `tera_map!(map: ...)` gives the `tera::Map` itself, for a caller that
/// adds to it (wrapping it in a value copies every entry).
macro_rules! tera_map {
    (map: $($key:literal => $value:expr),* $(,)?) => {
        tera_map!(map + 0; $($key => $value),*)
    };
    // Room for `more` keys added after these, so the map is not grown
    // (and every key hashed again) as they go in.
    (map + $more:expr; $($key:literal => $value:expr),* $(,)?) => {{
        let mut map = tera::Map::with_capacity([$($key),*].len() + $more);
        $(map.insert(tera::value::Key::from($key), tera::Value::from($value));)*
        map
    }};
    ($($key:literal => $value:expr),* $(,)?) => {
        tera::Value::from(tera_map!(map: $($key => $value),*))
    };
}

mod kinds;
mod page;
mod site;
mod values;

pub use kinds::{ages_overlap, offer_value, service_summary};
pub(crate) use kinds::{arrangements_value, report_value, service_value, threshold_value};
pub use page::{page_banners, page_value};
pub use site::{breadcrumbs, listing_item, site_value};
pub use values::{category_label, contact_value, date, partner_value, status_value};
