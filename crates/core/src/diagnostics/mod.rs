//! Diagnostics are data: every stage pushes them into a [`Sink`]; the
//! command line prints them once, sorted, in the format asked for
//! ([`crate::report`]).

mod code;
mod diagnostic;
mod position;
mod sink;
mod suggest;

pub use code::Code;
pub use diagnostic::{Diagnostic, Fact, Severity, apply_policy, sort_for_report};
pub use position::{display_path, line_col, offset_of};
pub use sink::Sink;
pub use suggest::did_you_mean;
