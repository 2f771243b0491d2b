//! Finding Chromium and running it headless, with nothing to reach over
//! the network: the DevTools endpoint listens on loopback only, and every
//! request a page makes is answered from memory (see `print`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::cdp::Connection;

/// The environment variable that names the browser to use.
pub const BROWSER_VARIABLE: &str = "CHARTER_CHROMIUM";

/// Names a Chromium-based browser goes by on `PATH`, most likely first.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
];

/// Where browsers live that are not on `PATH`: the macOS and Windows
/// installers put them here.
const INSTALLED: &[&str] = &[
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

/// The flags the browser suite uses too: headless, no first-run work, no
/// background traffic, no updates, a profile of its own.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--hide-scrollbars",
    "--mute-audio",
    // Glyph positions that do not depend on the screen's hinting, so that
    // the same page gives the same PDF.
    "--font-render-hinting=none",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
];

/// How long a browser may take to start on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Why no browser could be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserError {
    /// `CHARTER_CHROMIUM` names a file that does not exist.
    NamedMissing(PathBuf),
    /// No Chromium-based browser on `PATH` or where installers put one.
    NotFound,
    /// The browser was found but did not start.
    Start(String),
}

impl std::fmt::Display for BrowserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BrowserError::NamedMissing(p) => {
                write!(f, "{BROWSER_VARIABLE} names {}, which does not exist", p.display())
            }
            BrowserError::NotFound => write!(
                f,
                "PDFs need Chromium (or Google Chrome or Microsoft Edge), and none was found"
            ),
            BrowserError::Start(why) => write!(f, "Chromium did not start: {why}"),
        }
    }
}

/// The browser to run: `CHARTER_CHROMIUM` when set, else the first known
/// name on `PATH`, else a browser where the macOS or Windows installers
/// put one.
pub fn find_browser() -> Result<PathBuf, BrowserError> {
    if let Some(named) = std::env::var_os(BROWSER_VARIABLE).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        let found = if path.components().count() > 1 { Some(path.clone()) } else { on_path(&path) };
        return found.filter(|p| p.is_file()).ok_or(BrowserError::NamedMissing(path));
    }
    NAMES
        .iter()
        .find_map(|n| on_path(Path::new(n)))
        .or_else(|| INSTALLED.iter().map(PathBuf::from).find(|p| p.is_file()))
        .ok_or(BrowserError::NotFound)
}

/// `name` in one of `PATH`'s folders.
fn on_path(name: &Path) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
        let exe = candidate.with_extension("exe");
        exe.is_file().then_some(exe)
    })
}

/// A headless browser this process started, closed when dropped.
pub struct Browser {
    child: Child,
    endpoint: String,
    // Removed when the browser is dropped, after it has exited.
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts `program` headless with a fresh profile and waits for its
    /// DevTools endpoint.
    pub fn launch(program: &Path) -> Result<Browser, BrowserError> {
        let profile = tempfile::Builder::new()
            .prefix("charter-chromium-")
            .tempdir()
            .map_err(|e| BrowserError::Start(format!("no folder for its profile: {e}")))?;
        let mut child = Command::new(program)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| BrowserError::Start(format!("{}: {e}", program.display())))?;
        let Some(stderr) = child.stderr.take() else {
            return Err(BrowserError::Start("its error output could not be read".into()));
        };
        let (tx, rx) = mpsc::channel();
        // The browser writes to stderr as long as it runs; the pipe is read
        // to the end so that it never fills and stalls it.
        std::thread::spawn(move || {
            let mut sent = false;
            let mut last = Vec::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent && let Some(at) = line.find("ws://") {
                    sent = tx.send(Ok(line[at..].trim().to_string())).is_ok();
                } else if !sent {
                    last.push(line);
                    if last.len() > 5 {
                        last.remove(0);
                    }
                }
            }
            if !sent {
                let _ = tx.send(Err(last.join("\n")));
            }
        });
        let endpoint = match rx.recv_timeout(START_TIMEOUT) {
            Ok(Ok(url)) => url,
            Ok(Err(output)) => {
                let _ = child.wait();
                let tail = if output.is_empty() { "it exited at once".into() } else { output };
                return Err(BrowserError::Start(tail));
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(BrowserError::Start("it gave no DevTools address in time".into()));
            }
        };
        Ok(Browser { child, endpoint, _profile: profile })
    }

    /// A new DevTools connection to the browser (one per thread).
    pub fn connect(&self) -> Result<Connection, String> {
        Connection::open(&self.endpoint)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Asked politely first, so that it removes its own temporary files.
        if let Ok(mut c) = self.connect() {
            let _ = c.send_only("Browser.close", serde_json::json!({}), None);
        }
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_what_was_looked_for() {
        let named = BrowserError::NamedMissing(PathBuf::from("/nowhere/chromium"));
        assert_eq!(
            named.to_string(),
            "CHARTER_CHROMIUM names /nowhere/chromium, which does not exist"
        );
        assert!(BrowserError::NotFound.to_string().contains("Chromium"));
    }
}
