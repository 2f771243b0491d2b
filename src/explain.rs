//! `charter explain CODE`: the guide's page for a diagnostic code, printed
//! in the terminal. The text is the guide's own (docs/content/diagnostics/),
//! embedded at build time, so the two never differ.

use charter_core::Code;

include!(concat!(env!("OUT_DIR"), "/explanations.rs"));

/// The explanation of `code` (as `xref::unresolved` or `xref-unresolved`)
/// as plain text, without its frontmatter.
pub(crate) fn explain(code: &str) -> Option<String> {
    let code = Code::parse(code)?;
    let (_, text) = EXPLANATIONS.iter().find(|(c, _)| *c == code.as_str())?;
    let body = match charter_load::frontmatter::split(text, "") {
        Ok(split) => split.body,
        Err(_) => text,
    };
    Some(format!("{code}\n{}\n\n{}\n", "=".repeat(code.as_str().len()), body.trim()))
}

/// Every code that has an explanation.
pub(crate) fn codes() -> impl Iterator<Item = &'static str> {
    EXPLANATIONS.iter().map(|(c, _)| *c)
}
