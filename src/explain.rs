//! `charter explain CODE`: the guide's page for a diagnostic code, printed
//! in the terminal. The text is the guide's own (docs/content/diagnostics/),
//! embedded at build time, so the two never differ.

include!(concat!(env!("OUT_DIR"), "/explanations.rs"));

/// The explanation of `code` as plain text, without its frontmatter.
pub fn explain(code: &str) -> Option<String> {
    let (_, text) = EXPLANATIONS.iter().find(|(c, _)| *c == code)?;
    let body = match crate::load::frontmatter::split(text, "") {
        Ok(split) => split.body,
        Err(_) => text,
    };
    Some(format!("{code}\n{}\n\n{}\n", "=".repeat(code.len()), body.trim()))
}

/// Every code that has an explanation.
pub fn codes() -> impl Iterator<Item = &'static str> {
    EXPLANATIONS.iter().map(|(c, _)| *c)
}
