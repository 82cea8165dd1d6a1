//! `ramp plan INTENT.json`: the calls an intent needs, and its exports.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::export::{export, Format};
use ramp_core::plan::{plan, Intent, Plan};

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
}

fn load(text: &str, lang: Lang) -> Result<Plan, String> {
    if let Ok(p) = Plan::from_json(text) {
        return Ok(p);
    }
    let intent: Intent = serde_json::from_str(text).map_err(|e| format!("not an intent: {e}"))?;
    plan(&intent).map_err(|e| e.message(lang))
}

fn summary(p: &Plan) -> String {
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
    let p = match load(&text, lang) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let body = match args.export.as_deref() {
        None => summary(&p),
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
