//! The `charter` command line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

mod explain;
mod scaffold;

use charter_core::diagnostics::did_you_mean;
use charter_core::report::{self, Format, TextStyle};
use charter_core::{Code, Diagnostic, Severity};
use charter_site::{BuildOptions, BuildResult, Unusable};
use clap::{Parser, Subcommand, ValueEnum};

// A build allocates many short strings on every core; glibc's allocator
// took a sixth of a 10k-page build's CPU in perf, mimalloc much less
// (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

/// mimalloc, asked for plain blocks when the alignment is one every block
/// has. The `mimalloc` crate's allocator asks for an aligned block every
/// time, and mimalloc's aligned entry tests the alignment and the free
/// block's address before it takes the plain path: about 1% of a build's
/// instructions (callgrind), for the few types aligned to more than 8.
struct Allocator;

/// The alignment every block of mimalloc has, of any size: its smallest
/// size class is 8 bytes and every class is a multiple of 8. (Not 16:
/// the 24-, 40- and 56-byte classes are not multiples of 16.)
const PLAIN_ALIGN: usize = 8;

// SAFETY: every block comes from mimalloc and goes back to it; a block
// asked for with an alignment above PLAIN_ALIGN comes from mimalloc's
// aligned entry, and mimalloc's realloc and free take blocks from either.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: mimalloc takes any size; the alignment is a power of two
        // (Layout guarantees it).
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: as for `alloc`.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: `ptr` came from this allocator with `layout`; a block
        // moved by mi_realloc keeps mimalloc's plain alignment.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (the same place in its v2 and v3
/// option lists; the Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build or check is one short run: memory it frees is used again within
/// the second, so it is kept rather than handed back to the system after
/// 10 ms (mimalloc's default), which the next allocation then faults in
/// again: a dense 10k-page build takes about 900 page faults this way
/// instead of 3,400 to 4,300 (`perf stat`; its CPU time moved less than the
/// run-to-run noise). `serve` runs for hours and keeps the default, so its
/// memory shrinks after a rebuild.
fn keep_freed_memory() {
    // SAFETY: sets one integer option; mimalloc reads options atomically
    // and allows them to be changed at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// Above this many Markdown files a build turns transparent huge pages
/// off (`huge_pages_for`).
const HUGE_PAGES_UP_TO: usize = 2_000;

/// Transparent huge pages (mimalloc madvises its arenas for them) for a
/// small site only, decided once the walk has counted its files.
///
/// A 2 MiB page saves 511 page faults, but the kernel zeroes it whole,
/// and on a VM whose host takes back free 2 MiB blocks (virtio-balloon's
/// free page reporting) each fresh one is also faulted in at the host.
/// Measured on the 2-core VM of BENCHMARKS.md, interleaved:
/// - 1,000 pages (a peak near 110 MiB): 16,200 faults fall to 450 and the
///   median wall time by 9% (0.211 to 0.192 s over 30 runs);
/// - 10,000 pages (600 MiB): system time swung from 0.5 to 2.1 s from run to
///   run, and the median wall time rose 8% (1.91 to 2.06 s over 9 runs).
///   With 4 KiB pages it held at 0.8 to 0.9 s.
///
/// Real partnership sites have hundreds of pages, well under the limit.
/// The flag is the kernel's and is read at each fault, so turning it off
/// after the walk leaves only the walk's few megabytes in huge pages.
fn huge_pages_for(markdown_files: usize) {
    if markdown_files > HUGE_PAGES_UP_TO {
        no_transparent_huge_pages();
    }
}

/// Transparent huge pages off for this process from now on.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory
    // of ours; failure (an old kernel) leaves the default, which is only slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// After each of `serve`'s rebuilds: what the build allocated and freed
/// (the old files, the search index's working tables) goes back to the
/// system now rather than staying mapped, so a long session's resident
/// memory follows the site, not its largest rebuild.
fn return_freed_memory() {
    // SAFETY: asks mimalloc to free and return what it holds unused; safe
    // at any time from any thread.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// The version, and the commit when built from a git checkout.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("CHARTER_COMMIT_SUFFIX"));

#[derive(Parser)]
#[command(
    name = "charter",
    version = VERSION,
    about = "Build the website of a children's safeguarding partnership from Markdown"
)]
struct Cli {
    /// The site's folder, which holds charter.yaml.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print diagnostics as plain sentences, for screen readers (also when
    /// NO_COLOR or NO_GRAPHICS is set).
    #[arg(long, global = true, env = "CHARTER_NARRATED", visible_alias = "plain")]
    narrated: bool,
    /// Also print notes (unused glossary terms, optional items); text,
    /// GitHub and GitLab output leave them out otherwise.
    #[arg(long, global = true)]
    notes: bool,
    #[command(subcommand)]
    command: Command,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// For people, in a terminal.
    Text,
    /// One JSON array of {severity, code, file, line, column, message, help}.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality JSON (Code Climate issues), for merge requests.
    Gitlab,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Text => Format::Text,
            OutputFormat::Json => Format::Json,
            OutputFormat::Github => Format::Github,
            OutputFormat::Gitlab => Format::Gitlab,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Render the site into public/ (or --out).
    Build {
        /// The folder to write the site into (default: public/ in the root).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site's address, overriding base_url in charter.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Build drafts and consultation versions too, with a banner.
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings too (review::overdue only if diagnostics.deny names it).
        #[arg(long)]
        strict: bool,
        /// Also make a tagged PDF of every published document version (as
        /// `pdf: true` in charter.yaml). Needs Chromium, Chrome or Edge;
        /// CHARTER_CHROMIUM names one that is not on PATH.
        #[arg(long)]
        pdf: bool,
        /// How to print problems: text, json, github or gitlab.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Run every check of `build` without writing the site.
    Check {
        /// How to print problems: text, json, github or gitlab.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Check drafts and consultation versions too.
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings too (review::overdue only if diagnostics.deny names it).
        #[arg(long)]
        strict: bool,
    },
    /// Build the site, serve it on loopback, rebuild on change and reload open pages.
    Serve {
        /// Address to listen on; anything but loopback is shown to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The first port to try; the next free one is used if it is taken.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Show drafts and consultation versions too.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of using the system's file events
        /// (network drives, containers, some editors). Polling reads file
        /// times to the second: a change is seen within a second or two.
        #[arg(long)]
        poll: bool,
        /// Also answer requests for this host name (repeat for more), e.g. a
        /// name your network gives this computer; others get 403.
        #[arg(long = "allowed-host", value_name = "NAME")]
        allowed_hosts: Vec<String>,
    },
    /// Say what a diagnostic code means, with an example and the fix.
    Explain {
        /// A code such as frontmatter::yaml or link::broken.
        code: String,
    },
    /// Print the frontmatter reference (every key, by kind) as Markdown.
    Schema,
    /// Write a new, small site that builds at once.
    Init {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
    /// Write a new document from the theme's archetype.
    New {
        /// page, arrangements, threshold, annual-report, local-offer, service or appendix.
        kind: String,
        /// Path under content/, e.g. reports/annual-report-2026-27
        path: String,
    },
}

/// How text output looks, from the flags and the environment.
#[derive(Clone, Copy)]
struct Output {
    style: TextStyle,
    notes: bool,
}

fn main() -> ExitCode {
    let mut cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Printing the usage error can only fail if stderr is gone.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Screen-reader users ask for plain output this way too.
    cli.narrated |=
        std::env::var_os("NO_GRAPHICS").is_some() || std::env::var_os("NO_COLOR").is_some();
    let output = Output { style: TextStyle { narrated: cli.narrated, color }, notes: cli.notes };
    let root = cli.root;
    match cli.command {
        Command::Build { out, base_url, drafts, strict, pdf, format } => {
            keep_freed_memory();
            let options = BuildOptions {
                root,
                out,
                base_url,
                drafts,
                write: true,
                pdf,
                on_walked: Some(huge_pages_for),
            };
            run_build(&options, format.into(), strict, output)
        }
        Command::Check { format, drafts, strict } => {
            keep_freed_memory();
            let options = BuildOptions {
                root,
                out: None,
                base_url: None,
                drafts,
                write: false,
                pdf: false,
                on_walked: Some(huge_pages_for),
            };
            run_build(&options, format.into(), strict, output)
        }
        Command::Serve { bind, port, drafts, open, poll, allowed_hosts } => {
            let narrated = output.style.narrated;
            // A preview holds the whole site and rebuilds it for hours: its
            // memory stays in 4 KiB pages, which it can hand back.
            no_transparent_huge_pages();
            charter_serve::serve(charter_serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                open,
                poll,
                narrated,
                allowed_hosts,
                trim_memory: return_freed_memory,
            })
        }
        Command::Explain { code } => run_explain(&code, &root, output),
        Command::Schema => {
            print!("{}", charter_load::frontmatter::reference_markdown());
            ExitCode::SUCCESS
        }
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(()) => {
                print!("{}", scaffold::next_steps(&dir));
                ExitCode::SUCCESS
            }
            Err(d) => report_usage(d, &root, output),
        },
        Command::New { kind, path } => match scaffold::new_document(&root, &kind, &path) {
            Ok(file) => {
                println!("Wrote {}", file.display());
                ExitCode::SUCCESS
            }
            Err(d) => report_usage(d, &root, output),
        },
    }
}

fn run_explain(code: &str, root: &std::path::Path, output: Output) -> ExitCode {
    if let Some(text) = explain::explain(code) {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    let known: Vec<&str> = explain::codes().collect();
    let hint = match did_you_mean(code, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("the codes are: {}", known.join(", ")),
    };
    let d = Diagnostic::error(Code::ConfigInvalid, format!("there is no diagnostic code `{code}`"))
        .help(hint);
    report_usage(d, root, output)
}

fn report_usage(d: Diagnostic, root: &std::path::Path, output: Output) -> ExitCode {
    eprint!("{}", report::render(&[d], Format::Text, root, output.style));
    ExitCode::from(2)
}

fn run_build(options: &BuildOptions, format: Format, strict: bool, output: Output) -> ExitCode {
    let started = std::time::Instant::now();
    let result = match charter_site::build(options) {
        Ok(r) => r,
        Err(Unusable(ds)) => {
            print_diagnostics(&ds, format, &options.root, output);
            return ExitCode::from(2);
        }
    };
    // Notes are advice; in a terminal, a pull request's annotations or a
    // merge request's widget they would bury the errors, so they are shown
    // on request. JSON, for other programs, always has everything.
    let shown: Vec<Diagnostic> = result
        .diagnostics
        .iter()
        .filter(|d| output.notes || format == Format::Json || d.severity != Severity::Note)
        .cloned()
        .collect();
    print_diagnostics(&shown, format, &options.root, output);
    let failed = fails(&result.diagnostics, strict);
    if format == Format::Text {
        eprintln!("{}", summary(options, &result, failed, output, started.elapsed().as_millis()));
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Whether a build fails: on an error, or under `--strict` on a warning.
/// A passed review date is never enough on its own (`diagnostics.deny`
/// makes it an error if a site wants that), so that the passing of time
/// never blocks an urgent fix.
fn fails(diagnostics: &[Diagnostic], strict: bool) -> bool {
    diagnostics.iter().any(|d| match d.severity {
        Severity::Error => true,
        Severity::Warning => strict && d.code != Code::ReviewOverdue,
        Severity::Note => false,
    })
}

/// "1 draft not built; --drafts builds it", or nothing.
fn skipped_drafts(result: &BuildResult) -> String {
    match result.previews_skipped {
        0 => String::new(),
        1 => " 1 draft not built; --drafts builds it.".into(),
        n => format!(" {n} drafts not built; --drafts builds them."),
    }
}

/// The last line of a build or check, for people.
fn summary(
    options: &BuildOptions,
    result: &BuildResult,
    failed: bool,
    output: Output,
    elapsed: u128,
) -> String {
    let count = |s: Severity| result.diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (errors, warnings, notes) =
        (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(plural(errors, "error"));
    }
    if warnings > 0 {
        parts.push(plural(warnings, "warning"));
    }
    let mut problems =
        if parts.is_empty() { "no problems".to_string() } else { parts.join(" and ") };
    if notes > 0 && !output.notes {
        problems.push_str(&format!(" ({} hidden; --notes shows them)", plural(notes, "note")));
    }
    let drafts = skipped_drafts(result);
    match (&result.written, failed) {
        (Some(out), _) => format!(
            "Built {} pages into {} in {elapsed} ms: {problems}.{drafts}",
            result.pages,
            out.display()
        ),
        (None, true) if options.write => {
            format!("Not built: {problems}. The last good site, if any, is unchanged.")
        }
        (None, _) => {
            format!("Checked {} pages in {elapsed} ms: {problems}.{drafts}", result.pages)
        }
    }
}

fn print_diagnostics(items: &[Diagnostic], format: Format, root: &std::path::Path, output: Output) {
    let text = report::render(items, format, root, output.style);
    match format {
        // JSON, workflow commands and Code Quality are for machines: stdout.
        Format::Json | Format::Github | Format::Gitlab => print!("{text}"),
        Format::Text => eprint!("{text}"),
    }
}

#[cfg(test)]
mod tests {
    /// The kernel's word on this process's huge pages (`THP_enabled` in
    /// /proc/self/status, Linux 6.0 and later; absent before).
    fn huge_pages_enabled() -> Option<bool> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("THP_enabled:"))?;
        Some(line.split_whitespace().nth(1)? == "1")
    }

    /// A site of up to 2,000 Markdown files keeps huge pages; a larger one
    /// turns them off for the rest of the process. One test, in order: the
    /// flag cannot be turned back on.
    #[test]
    fn huge_pages_stay_for_small_sites_only() {
        let Some(before) = huge_pages_enabled() else { return };
        super::huge_pages_for(super::HUGE_PAGES_UP_TO);
        assert_eq!(huge_pages_enabled(), Some(before), "2,000 files leave the flag as it was");
        super::huge_pages_for(super::HUGE_PAGES_UP_TO + 1);
        assert_eq!(huge_pages_enabled(), Some(false), "2,001 files turn huge pages off");
    }
}
