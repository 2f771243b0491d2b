//! Stage 3, render: Markdown passes and Tera templates, from a resolved
//! [`Site`] to HTML. No disk reads and no rules that could be checked on
//! the model; what the passes find in the text itself (a broken link, an
//! unresolved reference, an image without alt text) is reported as they
//! meet it.

pub mod compare;
#[macro_use]
pub mod context;
mod facts;
pub mod generated;
pub mod markdown;
mod route;
pub mod templates;

pub use facts::{AToZ, Blocks, Comparisons, Facts, PageText, SharedBlocks, UsedIn};
pub use generated::{
    PdfPage, document_terms, render_generated, render_not_found, render_pdf_page, render_redirect,
    used_in,
};
pub use markdown::{RenderOptions, Rendered};
pub use route::{
    SharedRender, render_in_template, render_route, render_shared, shared_render_agrees,
};
pub use templates::{Shortcodes, Templates};
