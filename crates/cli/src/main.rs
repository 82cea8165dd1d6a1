//! `ramp`: the one command users run.
#![warn(rust_2018_idioms)]
#![forbid(unsafe_code)]

#[macro_use]
mod output;
mod apply;
mod audit;
mod catalogue;
mod connect;
mod decisions;
mod diff;
mod fmt;
mod lint;
mod plan;
mod policies;
mod question;
mod serve;
mod serve_settings;
mod sign;
mod simulate;

use clap::{Parser, Subcommand};

/// mimalloc: the relay allocates per request; the system allocator cost it
/// about a tenth of its throughput (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Self-service onboarding for Alibaba Cloud RAM around ARMS.
#[derive(Debug, Parser)]
#[command(name = "ramp", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the Ramp wizard, the relay to Alibaba Cloud or the built-in sandbox, and the sandbox as an SDK endpoint.
    Serve(serve::ServeArgs),
    /// Sign an Alibaba Cloud API request and show every step, or check signature test vectors.
    Sign(sign::SignArgs),
    /// Rewrite RAM policy documents in the canonical layout (--check to only report).
    Fmt(fmt::FmtArgs),
    /// Check RAM policy documents: errors, security warnings, warnings, suggestions.
    Lint(lint::LintArgs),
    /// Turn an intent (examples/intents/) into its plan of API calls, or export it: cli, terraform, ros, json, profile.
    Plan(plan::PlanArgs),
    /// List the system policies and actions Ramp knows, with versions and dates (--show NAME prints a document).
    Catalogue(catalogue::CatalogueArgs),
    /// Run a file of expected decisions (policies, requests, expected decision) as a test suite.
    Test(decisions::TestArgs),
    /// Decide one access question with the policy evaluator (the sandbox's and the studio's).
    Simulate(simulate::SimulateArgs),
    /// Read an account (or a saved snapshot): who has ARMS access and why, who may assume each role, who can do an action, and the findings.
    Audit(audit::AuditArgs),
    /// Apply a plan (or an intent) with the runner: progress, retries, "already there", resume, --rollback; secrets once on stdout or into a 0600 file.
    Apply(apply::ApplyArgs),
    /// Compare two policies by meaning: the requests NEW allows that OLD did not, and those it no longer allows (--fail-on new-access for CI).
    Diff(diff::DiffArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Sign(args) => sign::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Test(args) => decisions::run(args),
        Command::Catalogue(args) => catalogue::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Apply(args) => apply::run_apply(args),
        Command::Diff(args) => diff::run(args),
    }
}
