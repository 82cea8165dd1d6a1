//! `ramp lint`: the policy checks, as compiler-style text, JSON or SARIF 2.1.0.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::policies::read_source;
use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::lint::{
    lint_set, lint_text, Attached, Finding, IdentityFacts, Kind, Options, PolicySet, Tier, CHECKS,
};
use ramp_core::time::UtcTime;
use serde_json::{json, Value};

use crate::policies::{sarif_location, sarif_log, KindArg, ReportFormat as Format};

/// Options of `ramp lint`.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// What the documents are: trust policies, permission policies, or detect it per file.
    #[arg(long, value_enum, default_value = "auto")]
    kind: KindArg,
    /// Output: compiler-style text, JSON for tools, or SARIF 2.1.0 for code scanning.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when a finding is at this tier or above: error, security, warning, suggestion.
    #[arg(long, value_name = "TIER", default_value = "error", value_parser = parse_tier)]
    fail_on: Tier,
    /// Language of messages and fixes: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
    /// The files are the policies attached to one identity: run the set checks too.
    #[arg(long)]
    set: bool,
    /// A system policy attached to the same identity at account scope (implies --set; repeatable).
    #[arg(long = "attach", value_name = "NAME")]
    attach: Vec<String>,
    /// A system policy attached at a resource group's scope: RG=NAME (implies --set; repeatable).
    #[arg(long = "attach-rg", value_name = "RG=NAME")]
    attach_rg: Vec<String>,
    /// The identity has a console password (set checks).
    #[arg(long)]
    console: bool,
    /// The identity has an AccessKey (set checks).
    #[arg(long)]
    access_key: bool,
    /// The time date checks compare with (default: now), e.g. 2026-11-22T00:00:00Z.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    now: Option<UtcTime>,
    /// Policy documents (JSON); `-` reads standard input.
    #[arg(value_name = "FILES")]
    files: Vec<PathBuf>,
}

fn parse_tier(s: &str) -> Result<Tier, String> {
    Tier::parse(s).ok_or_else(|| format!("`{s}`: write error, security, warning or suggestion"))
}

fn parse_time(s: &str) -> Result<UtcTime, String> {
    UtcTime::parse(s).map_err(|e| format!("`{s}`: {e}"))
}

/// A finding and the file it is in.
struct Located<'a> {
    file: String,
    finding: &'a Finding,
}

pub(crate) fn run(args: LintArgs) -> ExitCode {
    if args.files.is_empty() && args.attach.is_empty() && args.attach_rg.is_empty() {
        eprintln!("ramp lint: name at least one policy file (or --attach NAME for the set checks)");
        return ExitCode::from(2);
    }
    let lang = Lang::from_tag(&args.lang);
    let kind = match args.kind {
        KindArg::Auto => None,
        KindArg::Permission => Some(Kind::Permission),
        KindArg::Trust => Some(Kind::Trust),
    };
    let now = args.now.unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        UtcTime::from_unix_seconds(secs)
    });
    let options = Options {
        kind,
        now: Some(now),
    };

    let mut reports = Vec::new();
    for path in &args.files {
        match read_source(path) {
            Ok(text) => reports.push((path.display().to_string(), lint_text(&text, &options))),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    let run_set = args.set || !args.attach.is_empty() || !args.attach_rg.is_empty();
    let mut set_findings = Vec::new();
    if run_set {
        let mut set = PolicySet {
            attached: Vec::new(),
            facts: IdentityFacts {
                console: args.console,
                access_key: args.access_key,
            },
        };
        for (file, report) in &reports {
            if let Some(parsed) = &report.parsed {
                set.attached.push(Attached {
                    name: file.clone(),
                    system: false,
                    document: Some(parsed.policy.clone()),
                    resource_group: None,
                });
            }
        }
        set.attached
            .extend(args.attach.iter().map(|n| Attached::system(n, None)));
        for spec in &args.attach_rg {
            let Some((rg, name)) = spec.split_once('=') else {
                eprintln!("--attach-rg `{spec}`: write RG=NAME, e.g. rg-aek2shop=AliyunARMSReadOnlyAccess");
                return ExitCode::from(2);
            };
            set.attached
                .push(Attached::system(name, Some(rg.to_owned())));
        }
        set_findings = lint_set(&set);
    }

    let mut all: Vec<Located<'_>> = Vec::new();
    for (file, report) in &reports {
        all.extend(report.findings.iter().map(|finding| Located {
            file: file.clone(),
            finding,
        }));
    }
    for finding in &set_findings {
        let file = match finding.policy.as_deref() {
            Some(name) if reports.iter().any(|(f, _)| f == name) => name.to_owned(),
            Some("") | None => "<identity>".to_owned(),
            Some(name) => format!("<attached {name}>"),
        };
        all.push(Located { file, finding });
    }

    match args.format {
        Format::Text => print_text(&all, lang),
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&to_json(&all, &reports, lang)).unwrap_or_default()
        ),
        Format::Sarif => say!(
            "{}",
            serde_json::to_string_pretty(&to_sarif(&all, lang)).unwrap_or_default()
        ),
    }
    if all.iter().any(|l| l.finding.check.tier <= args.fail_on) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(all: &[Located<'_>], lang: Lang) {
    for l in all {
        let f = l.finding;
        let at = if f.loc.pos.line > 0 {
            format!("{}:{}:{}", l.file, f.loc.pos.line, f.loc.pos.column)
        } else {
            l.file.clone()
        };
        say!(
            "{at}: {}[{}] {}",
            f.check.tier.as_str(),
            f.check.code,
            f.message(lang)
        );
        if !f.loc.path.is_empty() {
            say!("  at: {}", f.loc.path);
        }
        say!("  fix: {}", f.fix(lang));
    }
    let count = |t: Tier| all.iter().filter(|l| l.finding.check.tier == t).count();
    eprintln!(
        "{} errors, {} security warnings, {} warnings, {} suggestions",
        count(Tier::Error),
        count(Tier::Security),
        count(Tier::Warning),
        count(Tier::Suggestion)
    );
}

fn finding_json(l: &Located<'_>, lang: Lang) -> Value {
    let f = l.finding;
    json!({
        "file": l.file,
        "code": f.check.code,
        "name": f.check.name,
        "tier": f.check.tier.as_str(),
        "line": f.loc.pos.line,
        "column": f.loc.pos.column,
        "path": f.loc.path,
        "policy": f.policy,
        "message": f.message(lang),
        "fix": f.fix(lang),
    })
}

fn to_json(
    all: &[Located<'_>],
    reports: &[(String, ramp_core::policy::lint::Report)],
    lang: Lang,
) -> Value {
    json!({
        "files": reports.iter().map(|(file, r)| json!({"file": file, "kind": r.kind.as_str()})).collect::<Vec<_>>(),
        "findings": all.iter().map(|l| finding_json(l, lang)).collect::<Vec<_>>(),
    })
}

pub(crate) fn sarif_level(t: Tier) -> &'static str {
    match t {
        Tier::Error => "error",
        Tier::Security | Tier::Warning => "warning",
        Tier::Suggestion => "note",
    }
}

fn to_sarif(all: &[Located<'_>], lang: Lang) -> Value {
    let rules: Vec<Value> = CHECKS
        .iter()
        .map(|c| {
            let (message, fix) = match lang {
                Lang::En => (c.message_en, c.fix_en),
                Lang::Zh => (c.message_zh, c.fix_zh),
            };
            let mut rule = json!({
                "id": c.code,
                "name": c.name,
                "shortDescription": {"text": message.replace("{}", "…")},
                "help": {"text": fix},
                "defaultConfiguration": {"level": sarif_level(c.tier)},
                "properties": {"tier": c.tier.as_str(), "scope": c.scope.as_str(), "tags": [c.tier.as_str()]},
            });
            if c.tier == Tier::Security {
                rule["properties"]["security-severity"] = json!("7.0");
                rule["properties"]["tags"] = json!(["security"]);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = all
        .iter()
        .map(|l| {
            let f = l.finding;
            let mut location = sarif_location(&l.file, f.loc.pos.line, f.loc.pos.column);
            if !f.loc.path.is_empty() {
                location["logicalLocations"] =
                    json!([{"fullyQualifiedName": f.loc.path, "kind": "element"}]);
            }
            json!({
                "ruleId": f.check.code,
                "ruleIndex": CHECKS.iter().position(|c| c.code == f.check.code),
                "level": sarif_level(f.check.tier),
                "message": {"text": format!("{} — {}", f.message(lang), f.fix(lang))},
                "locations": [location],
            })
        })
        .collect();
    sarif_log("checks.md", rules.into(), results)
}
