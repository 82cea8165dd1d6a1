//! `ramp simulate`: one access question, decided by ramp-core's evaluator.

use std::path::Path;
use std::process::ExitCode;

use crate::question::Question;
use clap::Args;
use ramp_core::policy::eval::{
    evaluate, Caller, Decision, Evaluation, Policies, Request, StatementRef,
};

/// Options of `ramp simulate`.
#[derive(Debug, Args)]
pub(crate) struct SimulateArgs {
    /// Who asks: user:ACCOUNT/NAME, role:ACCOUNT/ROLE/SESSION, root:ACCOUNT, service:NAME
    /// or federated:PROVIDER-ARN (a SAML or OIDC provider).
    #[arg(long, value_name = "CALLER")]
    caller: String,
    /// The action, e.g. arms:GetTraceApp.
    #[arg(long)]
    action: String,
    /// The resource ARN (for sts:AssumeRole, the role's ARN).
    #[arg(long, default_value = "*")]
    resource: String,
    /// The resource group the resource belongs to (rg-…).
    #[arg(long, value_name = "RG")]
    resource_group: Option<String>,
    /// An identity policy attached at account scope: a .json file (named after the file) or a
    /// system policy name such as AliyunARMSReadOnlyAccess (repeatable).
    #[arg(long = "policy", value_name = "FILE")]
    policies: Vec<String>,
    /// An identity policy attached at a resource group's scope: RG=FILE or RG=NAME (repeatable).
    #[arg(long = "rg-policy", value_name = "RG=FILE")]
    rg_policies: Vec<String>,
    /// The session policy of an assumed-role session.
    #[arg(long, value_name = "FILE")]
    session_policy: Option<String>,
    /// For sts:AssumeRole: the role's trust policy.
    #[arg(long, value_name = "FILE")]
    trust_policy: Option<String>,
    /// A context key: KEY=VALUE (repeatable), e.g. acs:MFAPresent=true.
    #[arg(long = "context", value_name = "KEY=VALUE")]
    context: Vec<String>,
    /// The --context keys are the request's whole context, as the service
    /// has it: a key not given is absent (its condition does not match, a
    /// negated one does) rather than unknown. How the sandbox decides.
    #[arg(long)]
    complete: bool,
    /// Exit 1 unless the decision is this one (allow, explicit-deny, implicit-deny, unknown).
    #[arg(long, value_name = "DECISION")]
    expect: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn parse_caller(s: &str) -> Result<Caller, String> {
    Caller::parse(s).map_err(|e| format!("--caller {e}"))
}

pub(crate) fn decision_name(d: Decision) -> &'static str {
    d.name()
}

pub(crate) fn parse_decision(s: &str) -> Option<Decision> {
    match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "allow" => Some(Decision::Allow),
        "explicitdeny" => Some(Decision::ExplicitDeny),
        "implicitdeny" => Some(Decision::ImplicitDeny),
        "unknown" => Some(Decision::Unknown),
        _ => None,
    }
}

fn build(args: &SimulateArgs) -> Result<(Request, Policies), String> {
    let mut context = Vec::new();
    for kv in &args.context {
        let (k, v) = kv.split_once('=').ok_or_else(|| {
            format!("--context `{kv}` has no `=`: write --context acs:MFAPresent=true")
        })?;
        context.push((k.trim().to_owned(), v.to_owned()));
    }
    let mut rg_policies = Vec::new();
    for spec in &args.rg_policies {
        let (rg, file) = spec
            .split_once('=')
            .ok_or_else(|| format!("--rg-policy `{spec}`: write --rg-policy rg-xxxx=FILE"))?;
        rg_policies.push((rg, file));
    }
    Question {
        caller: &args.caller,
        action: &args.action,
        resource: &args.resource,
        resource_group: args.resource_group.as_deref(),
        policies: args.policies.iter().map(String::as_str).collect(),
        rg_policies,
        session_policy: args.session_policy.as_deref(),
        trust_policy: args.trust_policy.as_deref(),
        context,
        complete: args.complete,
    }
    .build(Path::new("."))
}

fn describe(r: &StatementRef) -> String {
    format!(
        "{} statement {} ({} at line {}, column {}) [{:?}]",
        r.policy, r.statement, r.loc.path, r.loc.pos.line, r.loc.pos.column, r.layer
    )
}

fn print_text(e: &Evaluation) {
    say!("Decision: {}", decision_name(e.decision));
    if let Some(layer) = e.layer {
        say!("Decided by: {layer:?}");
    }
    if let Some(note) = e.note {
        say!("Note: {note}");
    }
    for r in &e.decisive {
        say!("Decisive: {}", describe(r));
    }
    for r in e.matched.iter().filter(|m| !e.decisive.contains(m)) {
        say!("Also matched: {}", describe(r));
    }
    for k in &e.missing_keys {
        say!("Missing context key: {k} (cannot decide without it; add --context {k}=VALUE)");
    }
    for u in &e.unsupported {
        say!("Cannot evaluate: {u}");
    }
}

fn to_json(e: &Evaluation) -> serde_json::Value {
    let refs = |v: &[StatementRef]| -> Vec<serde_json::Value> {
        v.iter()
            .map(|r| serde_json::json!({"policy": r.policy, "statement": r.statement, "effect": r.effect.as_str(),
                "path": r.loc.path, "line": r.loc.pos.line, "column": r.loc.pos.column, "layer": format!("{:?}", r.layer)}))
            .collect()
    };
    serde_json::json!({
        "decision": decision_name(e.decision),
        "layer": e.layer.map(|l| format!("{l:?}")),
        "decisive": refs(&e.decisive),
        "matched": refs(&e.matched),
        "missing_keys": e.missing_keys,
        "unsupported": e.unsupported,
        "note": e.note,
    })
}

pub(crate) fn run(args: SimulateArgs) -> ExitCode {
    let expect = match args.expect.as_deref().map(|s| (s, parse_decision(s))) {
        Some((s, None)) => {
            eprintln!(
                "ramp simulate: --expect `{s}`: use allow, explicit-deny, implicit-deny or unknown"
            );
            return ExitCode::from(2);
        }
        Some((_, d)) => d,
        None => None,
    };
    let (request, policies) = match build(&args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ramp simulate: {e}");
            return ExitCode::from(2);
        }
    };
    let evaluation = evaluate(&request, &policies);
    if args.json {
        say!(
            "{}",
            serde_json::to_string_pretty(&to_json(&evaluation)).unwrap_or_default()
        );
    } else {
        print_text(&evaluation);
    }
    match expect {
        Some(want) if want != evaluation.decision => {
            eprintln!(
                "ramp simulate: expected {}, got {}",
                decision_name(want),
                decision_name(evaluation.decision)
            );
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
