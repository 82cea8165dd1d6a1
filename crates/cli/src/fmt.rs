//! `ramp fmt`: rewrite policy documents in the canonical layout.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::{parse_policy, print};

/// Options of `ramp fmt`.
#[derive(Debug, Args)]
pub(crate) struct FmtArgs {
    /// Do not write: list the files that are not formatted and exit 1 if any.
    #[arg(long)]
    check: bool,
    /// Policy documents (JSON). `-` reads standard input and writes standard output.
    #[arg(required = true, value_name = "FILES")]
    files: Vec<PathBuf>,
}

enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

pub(crate) fn run(args: FmtArgs) -> ExitCode {
    let mut changed = 0;
    let mut failed = 0;
    for file in &args.files {
        match format_one(file, args.check) {
            Outcome::Unchanged => {}
            Outcome::Changed => changed += 1,
            Outcome::Failed => failed += 1,
        }
    }
    if failed > 0 {
        ExitCode::from(2)
    } else if args.check && changed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn format_one(file: &PathBuf, check: bool) -> Outcome {
    let stdin = file.as_os_str() == "-";
    let name = file.display();
    let text = match crate::policies::read_source(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return Outcome::Failed;
        }
    };
    let parsed = match parse_policy(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "{name}:{}:{}: error: {}",
                e.pos.line,
                e.pos.column,
                e.message(Lang::En)
            );
            return Outcome::Failed;
        }
    };
    if !parsed.problems.is_empty() {
        // Formatting would drop what the model cannot hold: say what, and change nothing.
        for p in &parsed.problems {
            eprintln!(
                "{name}:{}:{}: error: {}",
                p.loc.pos.line,
                p.loc.pos.column,
                p.message(Lang::En)
            );
        }
        eprintln!(
            "{name}: not formatted: fix the problems above first (formatting would lose them)"
        );
        return Outcome::Failed;
    }
    let formatted = print(&parsed.policy);
    if stdin {
        let _ = std::io::stdout().write_all(formatted.as_bytes());
        return if formatted == text {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        };
    }
    if formatted == text {
        return Outcome::Unchanged;
    }
    if check {
        say!("{name}: not formatted");
    } else if let Err(e) = std::fs::write(file, &formatted) {
        eprintln!("{name}: cannot write: {e}");
        return Outcome::Failed;
    } else {
        say!("{name}: formatted");
    }
    Outcome::Changed
}
