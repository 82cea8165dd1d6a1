//! `ramp test DECISIONS.yaml`: a file of expected decisions, run as a test
//! suite (for CI). Policies are named by path (relative to the YAML file) or,
//! without `.json`, by system policy name from Ramp's catalogue.
//!
//! ```yaml
//! cases:
//!   - name: alice reads shop traces
//!     caller: user:1234567890123456/alice
//!     action: arms:GetTraceApp
//!     resource: acs:arms:cn-hangzhou:1234567890123456:armsapp/shop-web
//!     policies: [AliyunARMSReadOnlyAccess, policies/deny-arms-delete.json]
//!     rg_policies: {rg-aek2shop: [policies/arms-read-trace-app.json]}
//!     resource_group: rg-aek2shop
//!     session_policy: policies/session.json
//!     trust_policy: policies/trust.json
//!     context: {acs:MFAPresent: "true"}
//!     complete: true   # the context is the whole request: keys not given are absent
//!     expect: allow
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use ramp_core::policy::eval::{evaluate, Policies, Request};
use serde::Deserialize;

use crate::question::Question;
use crate::simulate::{decision_name, parse_decision};

/// Options of `ramp test`.
#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// YAML files of expected decisions.
    #[arg(required = true, value_name = "DECISIONS.yaml")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    caller: String,
    action: String,
    #[serde(default = "any_resource")]
    resource: String,
    #[serde(default)]
    resource_group: Option<String>,
    #[serde(default)]
    policies: Vec<String>,
    #[serde(default)]
    rg_policies: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    session_policy: Option<String>,
    #[serde(default)]
    trust_policy: Option<String>,
    #[serde(default)]
    context: BTreeMap<String, serde_yaml::Value>,
    /// The context is the request's whole context, as the service has it: a
    /// key not given is absent (its condition does not match, a negated one
    /// does) instead of unknown — how the sandbox decides.
    #[serde(default)]
    complete: bool,
    expect: String,
}

fn any_resource() -> String {
    "*".into()
}

fn scalar(v: &serde_yaml::Value) -> Result<Vec<String>, String> {
    match v {
        serde_yaml::Value::String(s) => Ok(vec![s.clone()]),
        serde_yaml::Value::Bool(b) => Ok(vec![b.to_string()]),
        serde_yaml::Value::Number(n) => Ok(vec![n.to_string()]),
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .map(scalar)
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.concat()),
        _ => Err("context values are strings, booleans, numbers or lists of them".into()),
    }
}

fn build(base: &Path, case: &Case) -> Result<(Request, Policies), String> {
    let mut context = Vec::new();
    for (k, v) in &case.context {
        for value in scalar(v).map_err(|e| format!("context {k}: {e}"))? {
            context.push((k.clone(), value));
        }
    }
    Question {
        caller: &case.caller,
        action: &case.action,
        resource: &case.resource,
        resource_group: case.resource_group.as_deref(),
        policies: case.policies.iter().map(String::as_str).collect(),
        rg_policies: case
            .rg_policies
            .iter()
            .flat_map(|(rg, list)| list.iter().map(move |p| (rg.as_str(), p.as_str())))
            .collect(),
        session_policy: case.session_policy.as_deref(),
        trust_policy: case.trust_policy.as_deref(),
        context,
        complete: case.complete,
    }
    .build(base)
}

pub(crate) fn run(args: TestArgs) -> ExitCode {
    let (mut passed, mut failed) = (0, 0);
    for file in &args.files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: cannot read: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let suite: Suite = match serde_yaml::from_str(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let base = file.parent().unwrap_or(Path::new("."));
        for case in &suite.cases {
            let Some(expected) = parse_decision(&case.expect) else {
                eprintln!("{}: case `{}`: expect `{}`: write allow, explicit-deny, implicit-deny or unknown", file.display(), case.name, case.expect);
                return ExitCode::from(2);
            };
            let (request, policies) = match build(base, case) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("{}: case `{}`: {e}", file.display(), case.name);
                    return ExitCode::from(2);
                }
            };
            let got = evaluate(&request, &policies);
            if got.decision == expected {
                passed += 1;
                say!("ok    {}", case.name);
            } else {
                failed += 1;
                let mut why = String::new();
                if !got.missing_keys.is_empty() {
                    why = format!(" (missing context keys: {})", got.missing_keys.join(", "));
                }
                if let Some(d) = got.decisive.first() {
                    why = format!(" (decided by {} statement {})", d.policy, d.statement);
                }
                say!(
                    "FAIL  {}: expected {}, got {}{why}",
                    case.name,
                    decision_name(expected),
                    decision_name(got.decision)
                );
            }
        }
    }
    eprintln!("{passed} passed, {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
