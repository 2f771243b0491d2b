//! A thread-safe collector that every stage writes into.

use std::sync::Mutex;

use super::diagnostic::{Diagnostic, Severity};

/// A thread-safe collector that every stage writes into.
#[derive(Default, Debug)]
pub struct Sink {
    items: Mutex<Vec<Diagnostic>>,
}

impl Sink {
    /// Adds one diagnostic.
    pub fn push(&self, diagnostic: Diagnostic) {
        self.items.lock().expect("diagnostic sink poisoned").push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.lock().expect("diagnostic sink poisoned").extend(diagnostics);
    }

    /// Whether any error has been pushed.
    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .expect("diagnostic sink poisoned")
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Takes every diagnostic, de-duplicated and in a stable order.
    pub fn take(&self) -> Vec<Diagnostic> {
        let mut items = std::mem::take(&mut *self.items.lock().expect("diagnostic sink poisoned"));
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code.as_str(), &a.message).cmp(&(
                &b.file,
                b.line,
                b.column,
                b.code.as_str(),
                &b.message,
            ))
        });
        items.dedup_by(|a, b| {
            a.file == b.file && a.line == b.line && a.code == b.code && a.message == b.message
        });
        items
    }
}
