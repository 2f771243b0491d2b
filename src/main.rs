//! The `charter` command line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use charter::diagnostics::{self, Diagnostic, Format, Severity};
use charter::pipeline::{self, BuildOptions};
use clap::{Parser, Subcommand};

// A build allocates many short strings on every core; glibc's allocator
// took a sixth of a 10k-page build's CPU in perf, mimalloc much less
// (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "charter", version, about = "Build the website of a children's safeguarding partnership from Markdown")]
struct Cli {
    /// The site's folder, which holds charter.yaml.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print diagnostics as plain sentences, for screen readers (also when
    /// NO_COLOR or NO_GRAPHICS is set).
    #[arg(long, global = true, env = "CHARTER_NARRATED", visible_alias = "plain")]
    narrated: bool,
    /// Also print notes (unused glossary terms, optional items) in text output.
    #[arg(long, global = true)]
    notes: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render the site into public/ (or --out).
    Build {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Override base_url from charter.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Build draft pages too, with a "Draft" banner.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Run every check of `build` without writing the site.
    Check {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        strict: bool,
    },
    /// Build the site, serve it on loopback, rebuild on change and reload open pages.
    Serve {
        /// Address to listen on; anything but loopback is shown to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of using the system's file events
        /// (network drives, containers, some editors).
        #[arg(long)]
        poll: bool,
    },
    /// Say what a diagnostic code means, with an example and the fix.
    Explain {
        /// A code such as frontmatter::yaml or link::broken.
        code: String,
    },
    /// Print the frontmatter reference (every key, by kind) as Markdown.
    Schema,
    /// Write a new, small site that builds at once.
    Init { dir: PathBuf },
    /// Write a new document from the theme's archetype.
    New {
        /// page, arrangements, threshold, annual-report, local-offer, service or appendix.
        kind: String,
        /// Path under content/, e.g. reports/annual-report-2026-27
        path: String,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut cli = cli;
    // Screen-reader users ask for plain output this way too.
    cli.narrated |= std::env::var_os("NO_GRAPHICS").is_some() || std::env::var_os("NO_COLOR").is_some();
    match cli.command {
        Command::Build { out, base_url, drafts, strict, format } => {
            let options = BuildOptions { root: cli.root.clone(), out, base_url, drafts, write: true };
            run_build(&options, format, strict, cli.narrated, cli.notes, color)
        }
        Command::Check { format, drafts, strict } => {
            let options = BuildOptions { root: cli.root.clone(), out: None, base_url: None, drafts, write: false };
            run_build(&options, format, strict, cli.narrated, cli.notes, color)
        }
        Command::Serve { bind, port, drafts, open, poll } => {
            charter::serve::serve(charter::serve::ServeOptions { root: cli.root.clone(), bind, port, drafts, open, poll, narrated: cli.narrated })
        }
        Command::Explain { code } => match charter::explain::explain(&code) {
            Some(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            None => {
                let known: Vec<&str> = charter::explain::codes().collect();
                let hint = match diagnostics::did_you_mean(&code, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the codes are: {}", known.join(", ")),
                };
                report_usage(
                    Diagnostic::error("config::invalid", format!("there is no diagnostic code `{code}`")).help(hint),
                    &cli.root,
                    cli.narrated,
                    color,
                )
            }
        },
        Command::Schema => {
            print!("{}", charter::load::frontmatter::reference_markdown());
            ExitCode::SUCCESS
        }
        Command::Init { dir } => match charter::scaffold::init(&dir) {
            Ok(()) => {
                println!("Created a new site in {}.\nNext: cd {} && charter serve", dir.display(), dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => report_usage(d, &cli.root, cli.narrated, color),
        },
        Command::New { kind, path } => match charter::scaffold::new_document(&cli.root, &kind, &path) {
            Ok(file) => {
                println!("Wrote {}", file.display());
                ExitCode::SUCCESS
            }
            Err(d) => report_usage(d, &cli.root, cli.narrated, color),
        },
    }
}

fn report_usage(d: Diagnostic, root: &std::path::Path, narrated: bool, color: bool) -> ExitCode {
    eprint!("{}", diagnostics::render(&[d], Format::Text, root, narrated, color));
    ExitCode::from(2)
}

fn run_build(options: &BuildOptions, format: Format, strict: bool, narrated: bool, notes: bool, color: bool) -> ExitCode {
    let started = std::time::Instant::now();
    let result = match pipeline::build(options) {
        Ok(r) => r,
        Err(pipeline::Unusable(ds)) => {
            print_diagnostics(&ds, format, &options.root, narrated, color);
            return ExitCode::from(2);
        }
    };
    let note_count = result.diagnostics.iter().filter(|d| d.severity == Severity::Note).count();
    // Notes are advice; in a terminal they would bury the errors, so they
    // are shown on request. Machines (JSON, GitHub) always get everything.
    let shown: Vec<Diagnostic> =
        result.diagnostics.iter().filter(|d| notes || format != Format::Text || d.severity != Severity::Note).cloned().collect();
    print_diagnostics(&shown, format, &options.root, narrated, color);
    let errors = result.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = result.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let failed = errors > 0 || strict && warnings > 0;
    if format == Format::Text {
        let elapsed = started.elapsed().as_millis();
        let mut summary = Vec::new();
        if errors > 0 {
            summary.push(format!("{errors} error{}", if errors == 1 { "" } else { "s" }));
        }
        if warnings > 0 {
            summary.push(format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" }));
        }
        let mut problems = if summary.is_empty() { "no problems".to_string() } else { summary.join(" and ") };
        if note_count > 0 && !notes {
            problems.push_str(&format!(" ({note_count} note{} hidden; --notes shows them)", if note_count == 1 { "" } else { "s" }));
        }
        match (&result.written, failed) {
            (Some(out), _) => eprintln!("Built {} pages into {} in {elapsed} ms: {problems}.", result.pages, out.display()),
            (None, true) if options.write => {
                eprintln!("Not built: {problems}. The last good site, if any, is unchanged.")
            }
            (None, _) => eprintln!("Checked {} pages in {elapsed} ms: {problems}.", result.pages),
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn print_diagnostics(items: &[Diagnostic], format: Format, root: &std::path::Path, narrated: bool, color: bool) {
    let text = diagnostics::render(items, format, root, narrated, color);
    match format {
        // JSON and workflow commands are for machines: stdout.
        Format::Json | Format::Github => print!("{text}"),
        Format::Text => eprint!("{text}"),
    }
}
