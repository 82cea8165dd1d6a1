//! Policies: lint, simulate, format, summarise, and build from the presets.

use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::build::{self, AppAccess, TrustConditions, Trustee};
use ramp_core::policy::catalogue::system_policy;
use ramp_core::policy::lint::{detect_kind, lint_text, Kind, Options};
use ramp_core::policy::simulate::{simulate as core_simulate, Question};
use ramp_core::policy::summary::summary;
use ramp_core::policy::{parse_policy, print, Policy};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{from_js, to_js, JsError};

/// `PolicyKind`: which checks apply, or `auto` to tell from the document.
#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum KindChoice {
    #[default]
    Auto,
    Trust,
    Permission,
}

impl KindChoice {
    fn of(self, text: &str) -> Kind {
        match self {
            KindChoice::Trust => Kind::Trust,
            KindChoice::Permission => Kind::Permission,
            KindChoice::Auto => parse_policy(text)
                .map(|p| detect_kind(&p))
                .unwrap_or(Kind::Permission),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LintOptions {
    #[serde(default)]
    kind: KindChoice,
    #[serde(default)]
    lang: Option<String>,
}

fn lang_of(tag: &Option<String>) -> Lang {
    tag.as_deref().map(Lang::from_tag).unwrap_or(Lang::En)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsFinding {
    code: &'static str,
    tier: &'static str,
    line: u32,
    column: u32,
    offset: usize,
    path: String,
    message: String,
    fix: String,
}

fn options(value: JsValue, what: &str) -> Result<LintOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(LintOptions::default())
    } else {
        from_js(value, what)
    }
}

/// Lints a policy document: `{code, tier, line, column, offset, path,
/// message, fix}` per finding, in document order. Options: `{kind?, lang?}`.
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn lint(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "LintOptions | undefined")] options_value: JsValue,
) -> Result<JsValue, JsValue> {
    let o = options(options_value, "lint options")?;
    let lang = lang_of(&o.lang);
    let kind = o.kind.of(text);
    let report = lint_text(
        text,
        &Options {
            kind: Some(kind),
            now: None,
        },
    );
    let findings: Vec<JsFinding> = report
        .findings
        .iter()
        .map(|f| JsFinding {
            code: f.check.code,
            tier: f.check.tier.as_str(),
            line: f.loc.pos.line,
            column: f.loc.pos.column,
            offset: f.loc.pos.offset,
            path: f.loc.path.clone(),
            message: f.message(lang),
            fix: f.fix(lang),
        })
        .collect();
    to_js(&findings)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SimulateInput {
    #[serde(default)]
    kind: KindChoice,
    caller: String,
    action: String,
    #[serde(default)]
    resource: String,
    #[serde(default)]
    resource_group: String,
    #[serde(default)]
    context: std::collections::BTreeMap<String, String>,
    /// `en` or `zh`: the language of the reason and the assumptions.
    #[serde(default)]
    lang: Option<String>,
}

/// Puts a request to one policy document: `{caller, action, resource,
/// resourceGroup?, context?, kind?, lang?}` → `{decision, layer, matched,
/// missing, ifAbsent, reason, assumed}`.
#[wasm_bindgen(unchecked_return_type = "Simulated")]
pub fn simulate(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let r: SimulateInput = from_js(request, "simulate")?;
    let kind = r.kind.of(text);
    let context: String = r
        .context
        .iter()
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect();
    let answer = core_simulate(
        text,
        kind,
        &Question {
            caller: &r.caller,
            action: &r.action,
            resource: &r.resource,
            resource_group: &r.resource_group,
            context: &context,
        },
        lang_of(&r.lang),
    )
    .map_err(|e| JsError::new("InvalidParameter", e))?;
    to_js(&answer)
}

fn parsed(text: &str) -> Result<Policy, JsValue> {
    let p = parse_policy(text)
        .map_err(|e| JsError::new("InvalidPolicyDocument", e.message(Lang::En)))?;
    match p.problems.first() {
        None => Ok(p.policy),
        Some(problem) => Err(JsError::new(
            "InvalidPolicyDocument",
            format!("{}: {}", problem.loc.path, problem.message(Lang::En)),
        )
        .into()),
    }
}

/// What the document reads as: `trust` (it has a `Principal`) or `permission`.
#[wasm_bindgen]
pub fn kind(text: &str) -> String {
    KindChoice::Auto.of(text).as_str().into()
}

/// The document in the canonical layout (throws `InvalidPolicyDocument`).
#[wasm_bindgen]
pub fn format(text: &str) -> Result<String, JsValue> {
    Ok(print(&parsed(text)?))
}

/// What the policy allows, one sentence per statement, in `lang` (`en`, `zh`).
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn summarize(text: &str, lang: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&summary(&parsed(text)?, lang_of(&lang)))
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
#[serde(rename_all_fields = "camelCase")]
enum JsTrustee {
    Account { account_id: String },
    User { account_id: String, name: String },
    Role { account_id: String, name: String },
    Service { name: String },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TrustInput {
    trustees: Vec<JsTrustee>,
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default)]
    require_mfa: bool,
    #[serde(default)]
    source_ips: Vec<String>,
}

fn built(p: Result<Policy, build::BuildError>) -> Result<String, JsValue> {
    p.map(|p| print(&p))
        .map_err(|e| JsError::new("InvalidParameter", e.message(Lang::En)).into())
}

/// A trust policy: `{trustees: [{type: "account"|"user"|"role"|"service", …}],
/// externalId?, requireMfa?, sourceIps?}` → the document (canonical layout).
#[wasm_bindgen(js_name = trustPolicy)]
pub fn trust_policy(
    #[wasm_bindgen(unchecked_param_type = "TrustInput")] input: JsValue,
) -> Result<String, JsValue> {
    let t: TrustInput = from_js(input, "trustPolicy")?;
    let trustees: Vec<Trustee> = t
        .trustees
        .into_iter()
        .map(|t| match t {
            JsTrustee::Account { account_id } => Trustee::Account { account_id },
            JsTrustee::User { account_id, name } => Trustee::RamUser { account_id, name },
            JsTrustee::Role { account_id, name } => Trustee::RamRole { account_id, name },
            JsTrustee::Service { name } => Trustee::Service { name },
        })
        .collect();
    built(build::trust_policy(
        &trustees,
        &TrustConditions {
            external_id: t.external_id,
            require_mfa: t.require_mfa,
            source_ips: t.source_ips,
        },
    ))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PresetInput {
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    role_name: String,
    #[serde(default = "any")]
    region: String,
    #[serde(default)]
    trace_apps: Vec<String>,
    #[serde(default)]
    rum_apps: Vec<String>,
    #[serde(default)]
    edit: bool,
    #[serde(default)]
    delete: bool,
}

fn any() -> String {
    "*".into()
}

/// A permission policy from a preset: `arms-read-only`, `arms-full` (the
/// system policies' documents), `assume-one-role` `{accountId, roleName}`,
/// `arms-apps` `{region?, traceApps?, rumApps?, edit?, delete?}`,
/// `read-trace-app` `{region?}`.
#[wasm_bindgen(js_name = permissionPolicy)]
pub fn permission_policy(
    #[wasm_bindgen(unchecked_param_type = "Preset")] preset: &str,
    #[wasm_bindgen(unchecked_param_type = "PresetInput | undefined")] input: JsValue,
) -> Result<String, JsValue> {
    let i: PresetInput = if input.is_undefined() || input.is_null() {
        PresetInput {
            region: any(),
            ..PresetInput::default()
        }
    } else {
        from_js(input, "permissionPolicy")?
    };
    let system = |name: &str| {
        system_policy(name).and_then(|p| p.policy()).ok_or_else(|| {
            JsError::new("Ramp.Catalogue", format!("{name} is not in the catalogue"))
        })
    };
    match preset {
        "arms-read-only" => Ok(print(&system("AliyunARMSReadOnlyAccess")?)),
        "arms-full" => Ok(print(&system("AliyunARMSFullAccess")?)),
        "assume-one-role" => built(build::assume_one_role(&i.account_id, &i.role_name)),
        "read-trace-app" => built(build::read_trace_app_grant(&i.region)),
        "arms-apps" => {
            let access = AppAccess {
                read: true,
                edit: i.edit,
                delete: i.delete,
            };
            let trace: Vec<&str> = i.trace_apps.iter().map(String::as_str).collect();
            let rum: Vec<&str> = i.rum_apps.iter().map(String::as_str).collect();
            built(build::arms_apps_both(&i.region, &trace, &rum, access))
        }
        other => Err(JsError::new(
            "InvalidParameter",
            format!("preset `{other}`: use arms-read-only, arms-full, assume-one-role, arms-apps or read-trace-app"),
        )
        .into()),
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct JsChange {
    /// `new-access` or `lost-access`.
    direction: &'static str,
    certain: bool,
    /// The change in one line, in the language asked.
    message: String,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct JsComparison {
    kind: &'static str,
    grants_new_access: bool,
    same_access: bool,
    verdict: String,
    changes: Vec<JsChange>,
}

/// Compares two policies by meaning (as `ramp diff` does): `kind` `trust`,
/// `permission` or omitted (detected from NEW) → `{kind, grantsNewAccess,
/// sameAccess, verdict, changes: [{direction, certain, message}]}`.
#[wasm_bindgen(js_name = comparePolicies, unchecked_return_type = "Comparison")]
pub fn compare_policies(
    old: &str,
    new: &str,
    kind: Option<String>,
    lang: Option<String>,
) -> Result<JsValue, JsValue> {
    use ramp_core::policy::compare::{compare, words, Direction};
    let (o, n) = (parsed(old)?, parsed(new)?);
    let kind = match kind.as_deref() {
        Some("trust") => Kind::Trust,
        Some("permission") => Kind::Permission,
        _ => ramp_core::policy::lint::kind_of(&n),
    };
    let lang = lang_of(&lang);
    let diff = compare(&o, &n, kind).map_err(|_| {
        JsError::new(
            "Ramp.TooIntricate",
            "the policies are too intricate to compare exactly here",
        )
    })?;
    to_js(&JsComparison {
        kind: kind.as_str(),
        grants_new_access: diff.grants_new_access(),
        same_access: diff.same_access(),
        verdict: words::verdict(&diff.changes, lang),
        changes: diff
            .changes
            .iter()
            .map(|c| JsChange {
                direction: match c.direction {
                    Direction::Gained => "new-access",
                    Direction::Lost => "lost-access",
                },
                certain: c.certain,
                message: words::line(c, kind, lang),
            })
            .collect(),
    })
}
