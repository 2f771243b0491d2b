//! charter: a static site generator for children's safeguarding
//! partnerships. The pipeline is `load` → `resolve` → `render` → `write`,
//! run by [`pipeline::build`] for `build`, `check` and `serve` alike.

pub mod check;
pub mod config;
pub mod diagnostics;
pub mod explain;
pub mod fuzzing;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod write;
