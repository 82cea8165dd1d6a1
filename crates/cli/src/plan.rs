//! `ramp plan INTENT.json`: the calls an intent needs, and its exports.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ramp_core::api::{ram, Call, Operation};
use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::export::{export, Format};
use ramp_core::plan::{plan, plan_in, Intent, Plan};

use crate::connect::{credentials, transport::Transport};

/// Options of `ramp plan`.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// The intent (JSON; see examples/intents/), or a plan written with --export json.
    #[arg(value_name = "INTENT.json")]
    file: PathBuf,
    /// Write an export instead of the summary: cli, terraform, ros, json, profile.
    #[arg(long, value_name = "FORMAT")]
    export: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Language of messages: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
    /// For an intent that changes what exists: an aliyun CLI profile to read the account with.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// For an intent that changes what exists: read the account at this base URL (e.g. the sandbox's).
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// For an intent that changes what exists: the account as saved by `ramp audit --save`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["profile", "endpoint"])]
    from: Option<PathBuf>,
}

/// Where an intent that changes the account reads it from.
pub(crate) struct Reading<'a> {
    pub(crate) endpoint: Option<&'a str>,
    pub(crate) profile: Option<&'a str>,
    pub(crate) from: Option<&'a std::path::Path>,
}

/// A custom policy's versions, read with the profile's credentials.
fn versions(
    policy: &str,
    reading: &Reading<'_>,
    lang: Lang,
) -> Result<Vec<ramp_core::api::responses::PolicyVersion>, String> {
    let transport = Transport::new(reading.endpoint)?;
    let rt = crate::connect::runtime()?;
    let creds = rt.block_on(credentials::resolve(
        &credentials::source(reading.profile)?,
        &transport,
    ))?;
    let call = ram::ListPolicyVersions {
        policy_name: policy.to_owned(),
        policy_type: "Custom".into(),
    };
    let request = Call::from(call).request().map_err(|e| e.message(lang))?;
    let (status, body) =
        rt.block_on(transport.send(&creds, &request, ram::ListPolicyVersions::SERVICE))?;
    if !(200..300).contains(&status) {
        return Err(format!(
            "ListPolicyVersions {policy}: {}",
            ramp_core::api::ApiError::parse(status, &body).message(lang)
        ));
    }
    Ok(ram::ListPolicyVersions::parse_response(&body)
        .map_err(|e| e.message(lang))?
        .policy_versions
        .0)
}

/// The plan in `text` (a plan, or an intent planned here: from the account
/// as read, for one that changes what exists).
pub(crate) fn make(
    file: &std::path::Path,
    text: &str,
    reading: &Reading<'_>,
    lang: Lang,
) -> Result<Plan, String> {
    if let Ok(p) = Plan::from_json(text) {
        return Ok(p);
    }
    let intent: Intent = serde_json::from_str(text)
        .map_err(|e| format!("{}: neither a plan nor an intent: {e}", file.display()))?;
    if !intent.changes_account() {
        return plan(&intent).map_err(|e| e.message(lang));
    }
    let account: ramp_core::audit::Account = match reading.from {
        Some(path) => {
            let t =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            serde_json::from_str(&t)
                .map_err(|e| format!("{}: not a saved audit: {e}", path.display()))?
        }
        None => crate::connect::read_account(
            reading.endpoint,
            reading.profile,
            ramp_core::audit::survey::DEFAULT_IN_FLIGHT,
        )?,
    };
    let versions = match (&intent, reading.from) {
        (Intent::ChangePolicy(c), None) => versions(&c.policy, reading, lang)?,
        _ => Vec::new(),
    };
    plan_in(&intent, &account, &versions, crate::sign::now()).map_err(|e| e.message(lang))
}

fn summary(p: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    for s in &p.steps {
        let mut marks = Vec::new();
        if s.secret_input.is_some() {
            marks.push("asks for a password".to_owned());
        }
        if s.returns_secret {
            marks.push("answer holds a secret".to_owned());
        }
        if let Some(from) = s.credentials_from {
            marks.push(format!("signed with step {}'s credentials", from + 1));
        }
        if s.irreversible {
            marks.push("cannot be undone".to_owned());
        }
        if !s.undo.is_empty() {
            marks.push(
                "undo: ".to_owned()
                    + &s.undo
                        .iter()
                        .map(|c| c.action())
                        .collect::<Vec<_>>()
                        .join(", "),
            );
        }
        if !s.depends_on.is_empty() {
            let deps: Vec<String> = s.depends_on.iter().map(|d| (d + 1).to_string()).collect();
            marks.push(format!("after {}", deps.join(", ")));
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!(" [{}]", marks.join("; "))
        };
        out.push_str(&format!(
            "{:>2}. account {}: {} {} — {}{marks}\n",
            s.id + 1,
            s.account,
            s.call.service().code(),
            s.action(),
            s.summary
        ));
    }
    if !p.notes.is_empty() {
        out.push_str("\nWhat it changes:\n");
        for n in &p.notes {
            out.push_str(&format!("  {}\n", n.text(lang)));
        }
    }
    if !p.findings.is_empty() {
        out.push_str("\nFindings on the plan's policies:\n");
        for f in &p.findings {
            out.push_str(&format!(
                "  {}: {}[{}] {}\n    fix: {}\n",
                f.subject,
                f.tier.as_str(),
                f.code.as_str(),
                f.message,
                f.fix
            ));
        }
    }
    out
}

pub(crate) fn run(args: PlanArgs) -> ExitCode {
    let lang = Lang::from_tag(&args.lang);
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let reading = Reading {
        endpoint: args.endpoint.as_deref(),
        profile: args.profile.as_deref(),
        from: args.from.as_deref(),
    };
    let p = match make(&args.file, &text, &reading, lang) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let body = match args.export.as_deref() {
        None => summary(&p, lang),
        Some(f) => {
            let Some(format) = Format::parse(f) else {
                eprintln!("--export `{f}`: write cli, terraform, ros, json or profile");
                return ExitCode::from(2);
            };
            match export(&p, format) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("{}: {e}", args.file.display());
                    return ExitCode::from(2);
                }
            }
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, body) {
                eprintln!("{}: cannot write: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        None => say_raw!("{body}"),
    }
    ExitCode::SUCCESS
}
