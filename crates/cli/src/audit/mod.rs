//! `ramp audit`: reads an account (or a saved snapshot of one) and prints
//! who has ARMS access and why, who may assume each role, who can do an
//! action, and the findings — as text, JSON, CSV or SARIF.

mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ramp_core::audit::findings::{findings, Options};
use ramp_core::audit::survey::DEFAULT_IN_FLIGHT;
use ramp_core::audit::who_can::{who_can, Question};
use ramp_core::audit::{model, Account};
use ramp_core::lang::Lang;
use ramp_core::policy::lint::Tier;
use ramp_core::time::UtcTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
    Sarif,
}

/// Options of `ramp audit`.
#[derive(Debug, Args)]
pub(crate) struct AuditArgs {
    /// Output: a table for people, JSON for tools, CSV (one row per principal and scope), or SARIF 2.1.0 (the findings).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when a finding is at this tier or above: error, security, warning, suggestion.
    #[arg(long, value_name = "TIER", value_parser = parse_tier)]
    fail_on: Option<Tier>,
    /// Ask who can do this action (`arms:UpdatePrometheusInstance`).
    #[arg(long, value_name = "ACTION")]
    who_can: Option<String>,
    /// The resource ARN for --who-can (default: any, `*`).
    #[arg(long, value_name = "ARN", default_value = "*", requires = "who_can")]
    resource: String,
    /// The resource group the resource is in, for --who-can.
    #[arg(long, value_name = "RG", requires = "who_can")]
    resource_group: Option<String>,
    /// An aliyun CLI profile (AK, StsToken, RamRoleArn, ChainableRamRoleArn); default: the ALIBABA_CLOUD_* variables.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// Send every call to this base URL (https, or http on loopback), e.g. the sandbox's; default: the services' public endpoints.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// Compare with a plan (Ramp's JSON export): already there, missing, different, and extra ARMS access.
    #[arg(long, value_name = "PLAN.json")]
    against: Option<PathBuf>,
    /// Audit a snapshot saved with --save instead of reading an account.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["profile", "endpoint"])]
    from: Option<PathBuf>,
    /// Also write what was read to FILE (no secret is ever read), for --from later.
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Calls in flight at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_IN_FLIGHT)]
    in_flight: usize,
    /// A key or user unused for this many days is stale.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    unused_days: i64,
    /// A key older than this many days is due for rotation.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    key_age_days: i64,
    /// The time ages are judged against (default: now), e.g. 2026-12-01T00:00:00Z.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    now: Option<UtcTime>,
    /// Language of messages and fixes: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print the smallest permission policy that lets an auditor read everything, and exit.
    #[arg(long, exclusive = true)]
    reader_policy: bool,
}

fn parse_tier(s: &str) -> Result<Tier, String> {
    Tier::parse(s).ok_or_else(|| format!("`{s}`: write error, security, warning or suggestion"))
}

fn parse_time(s: &str) -> Result<UtcTime, String> {
    UtcTime::parse(s).map_err(|e| format!("`{s}`: {e}"))
}

fn load(args: &AuditArgs) -> Result<Account, String> {
    if let Some(path) = &args.from {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        return serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a saved audit: {e}", path.display()));
    }
    crate::connect::read_account(
        args.endpoint.as_deref(),
        args.profile.as_deref(),
        args.in_flight,
    )
}

/// Runs `ramp audit`.
pub(crate) fn run(args: AuditArgs) -> ExitCode {
    if args.reader_policy {
        say_raw!("{}", ramp_core::audit::survey::reader_policy());
        return ExitCode::SUCCESS;
    }
    let lang = Lang::from_tag(&args.lang);
    let against = match args.against.as_ref().map(|path| {
        std::fs::read_to_string(path)
            .map_err(|e| format!("--against {}: {e}", path.display()))
            .and_then(|t| {
                ramp_core::plan::Plan::from_json(&t)
                    .map_err(|e| format!("--against {}: {e}", path.display()))
            })
    }) {
        Some(Err(e)) => {
            eprintln!("ramp audit: {e}");
            return ExitCode::from(2);
        }
        Some(Ok(p)) => Some(p),
        None => None,
    };
    let account = match load(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ramp audit: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &args.save {
        let text = serde_json::to_string_pretty(&account).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text + "\n") {
            eprintln!("ramp audit: --save {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let options = Options {
        now: args.now.unwrap_or_else(crate::sign::now),
        unused_days: args.unused_days,
        key_age_days: args.key_age_days,
    };
    let m = model(&account);
    let found = findings(&account, &m, &options);
    let able = args.who_can.as_ref().map(|action| {
        who_can(
            &account,
            &Question {
                action: action.clone(),
                resource: args.resource.clone(),
                resource_group: args.resource_group.clone(),
            },
        )
    });
    let drift = against
        .as_ref()
        .map(|p| ramp_core::audit::drift::drift(p, &account));
    let report = report::Printed {
        report: ramp_core::audit::report::Report {
            account: &account,
            model: &m,
            findings: &found,
            who_can: able.as_deref(),
            drift: drift.as_ref(),
        },
        lang,
    };
    match args.format {
        Format::Text => report.text(),
        Format::Json => report.json(),
        Format::Csv => report.csv(),
        Format::Sarif => report.sarif(),
    }
    if !account.gaps.is_empty() {
        eprintln!(
            "ramp audit: incomplete: {} read(s) failed (see \"gaps\"); `ramp audit --reader-policy` prints the policy an auditor needs.",
            account.gaps.len()
        );
        return ExitCode::from(2);
    }
    match args.fail_on {
        Some(t) if found.iter().any(|f| f.tier <= t) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
