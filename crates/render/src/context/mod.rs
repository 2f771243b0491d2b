//! The data every template gets: `site`, `page`, and for generated pages
//! their own lists. Built as JSON values so templates see plain data.

mod kinds;
mod page;
mod site;
mod values;

pub use kinds::{ages_overlap, offer_value, service_summary};
pub(crate) use kinds::{arrangements_value, report_value, service_value, threshold_value};
pub use page::{page_banners, page_value};
pub use site::{breadcrumbs, listing_item, site_value};
pub use values::{category_label, contact_value, date, partner_value, status_value};
