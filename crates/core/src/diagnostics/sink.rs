//! A thread-safe collector that every stage writes into.

use std::sync::Mutex;

use super::diagnostic::{Diagnostic, Severity, sort_for_report};

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
        sort_for_report(&mut items);
        items.dedup_by(|a, b| {
            a.file == b.file
                && a.line == b.line
                && a.column == b.column
                && a.code == b.code
                && a.message == b.message
        });
        items
    }
}
