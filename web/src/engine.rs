//! The policy and planning engine, loaded on demand. ramp-js (crates/js: the
//! planner, the exporters, the linter, the evaluator, the comparison, the
//! catalogue) is linked into the pages module (`flows/`, see `modules.rs`),
//! whose exports are therefore the engine's; the shell imports it the first
//! time a page needs it (a session policy on the Credentials page), the
//! pages call it the same way, so the first download holds only the shell.
//! Values cross as JSON.

use ramp_core::lang::Lang;
use ramp_core::plan::export::Format;
use ramp_core::plan::{Intent, Plan};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::modules;

/// Why the engine did not answer: its error code (`InvalidPolicyDocument`,
/// `Ramp.Plan`, `Ramp.EngineUnavailable`…) and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    /// The code.
    pub code: String,
    /// The message.
    pub message: String,
    /// The input field it is about (an API parameter such as `RoleName`), when one is.
    pub field: Option<String>,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn error_of(e: JsValue) -> EngineError {
    let get = |k: &str| {
        js_sys::Reflect::get(&e, &k.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    EngineError {
        code: get("code").unwrap_or_else(|| "Ramp.EngineUnavailable".into()),
        message: get("message")
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the policy engine could not be loaded".into()),
        field: get("field"),
    }
}

fn json(value: &impl Serialize) -> Result<JsValue, EngineError> {
    let text = serde_json::to_string(value).map_err(|e| EngineError {
        code: "Ramp.Input".into(),
        message: e.to_string(),
        field: None,
    })?;
    js_sys::JSON::parse(&text).map_err(error_of)
}

fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, EngineError> {
    let text: String = js_sys::JSON::stringify(&value).map_err(error_of)?.into();
    serde_json::from_str(&text).map_err(|e| EngineError {
        code: "Ramp.Output".into(),
        message: e.to_string(),
        field: None,
    })
}

/// Calls the engine's function `name` with `args`.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, EngineError> {
    let module = modules::load(modules::FLOWS).await.map_err(error_of)?;
    let f: js_sys::Function = js_sys::Reflect::get(&module, &name.into())
        .map_err(error_of)?
        .dyn_into()
        .map_err(error_of)?;
    let list: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::NULL, &list).map_err(error_of)
}

/// An account audited by the engine: everyone's ARMS access, the findings,
/// and the report as `ramp audit` writes it (JSON and CSV text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Audited {
    /// Everyone's ARMS access.
    pub model: ramp_core::audit::Model,
    /// What is wrong.
    pub findings: Vec<ramp_core::audit::findings::Finding>,
    /// The report as JSON text.
    pub json: String,
    /// The report as CSV text.
    pub csv: String,
}

/// Audits `account` at `now`.
pub async fn audit(
    account: &ramp_core::audit::Account,
    now: ramp_core::time::UtcTime,
) -> Result<Audited, EngineError> {
    read(call("audit", &[json(account)?, now.to_string().into()]).await?)
}

/// Who in `account` can do `action` on `resource`.
pub async fn who_can(
    account: &ramp_core::audit::Account,
    action: &str,
    resource: &str,
) -> Result<Vec<ramp_core::audit::who_can::Able>, EngineError> {
    read(call("whoCan", &[json(account)?, action.into(), resource.into()]).await?)
}

/// `plan_json` (Ramp's plan export) against `account`.
pub async fn drift(
    plan_json: &str,
    account: &ramp_core::audit::Account,
) -> Result<ramp_core::audit::drift::Drift, EngineError> {
    let plan = js_sys::JSON::parse(plan_json).map_err(|_| EngineError {
        code: "InvalidParameter".into(),
        message: "the file is not JSON: choose a plan exported by Ramp (JSON)".into(),
        field: None,
    })?;
    read(call("drift", &[plan, json(account)?]).await?)
}

/// The plan of an intent.
pub async fn plan(intent: &Intent) -> Result<Plan, EngineError> {
    read(call("plan", &[json(intent)?]).await?)
}

/// The plan of an intent that changes what `account` holds (`versions`:
/// the policy's `ListPolicyVersions` list, for a new policy version).
pub async fn plan_in(
    intent: &Intent,
    account: &ramp_core::audit::Account,
    versions: &serde_json::Value,
    now: ramp_core::time::UtcTime,
) -> Result<Plan, EngineError> {
    read(
        call(
            "planIn",
            &[
                json(intent)?,
                json(account)?,
                json(versions)?,
                now.to_string().into(),
            ],
        )
        .await?,
    )
}

/// Two policies compared by meaning.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// `trust` or `permission`.
    pub kind: String,
    /// NEW may allow something OLD did not.
    pub grants_new_access: bool,
    /// They allow exactly the same.
    pub same_access: bool,
    /// The verdict in one sentence.
    pub verdict: String,
    /// Each class of requests decided differently.
    pub changes: Vec<Compared>,
}

/// One change of a [`Comparison`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Compared {
    /// `new-access` or `lost-access`.
    pub direction: String,
    /// `false`: a condition makes it undecidable.
    pub certain: bool,
    /// In words.
    pub message: String,
}

/// Compares `old` with `new` (kind detected from `new`).
pub async fn compare(old: &str, new: &str, lang: Lang) -> Result<Comparison, EngineError> {
    read(
        call(
            "comparePolicies",
            &[
                old.into(),
                new.into(),
                JsValue::UNDEFINED,
                lang.tag().into(),
            ],
        )
        .await?,
    )
}

/// A plan's export.
pub async fn export(plan: &Plan, format: Format) -> Result<String, EngineError> {
    let name = match format {
        Format::Cli => "cli",
        Format::Terraform => "terraform",
        Format::Ros => "ros",
        Format::Json => "json",
        Format::Profile => "profile",
    };
    read(call("exportPlan", &[json(plan)?, name.into()]).await?)
}

/// A lint finding, as the engine reports it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Finding {
    /// `E010`…
    pub code: String,
    /// `error`, `security`, `warning`, `suggestion`.
    pub tier: String,
    /// Line.
    pub line: u32,
    /// Column.
    pub column: u32,
    /// Byte offset.
    pub offset: usize,
    /// In the language asked for.
    pub message: String,
    /// In the language asked for.
    pub fix: String,
}

/// `trust` or `permission`.
fn kind_name(trust: Option<bool>) -> JsValue {
    match trust {
        Some(true) => "trust".into(),
        Some(false) => "permission".into(),
        None => "auto".into(),
    }
}

/// Lints `text` (`trust`: `Some(true)`, permission `Some(false)`, detect `None`).
pub async fn lint(
    text: &str,
    trust: Option<bool>,
    lang: Lang,
) -> Result<Vec<Finding>, EngineError> {
    let options = json(&serde_json::json!({ "lang": lang.tag() }))?;
    let _ = js_sys::Reflect::set(&options, &"kind".into(), &kind_name(trust));
    read(call("lint", &[text.into(), options]).await?)
}

/// Whether `text` reads as a trust policy.
pub async fn is_trust(text: &str) -> Result<bool, EngineError> {
    Ok(read::<String>(call("kind", &[text.into()]).await?)? == "trust")
}

/// The simulator's question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// `user:ACCOUNT/NAME`…
    pub caller: String,
    /// `service:Action`.
    pub action: String,
    /// ARN.
    pub resource: String,
    /// Resource group.
    pub resource_group: String,
    /// Context keys.
    pub context: std::collections::BTreeMap<String, String>,
    /// `trust`, `permission`.
    pub kind: String,
    /// `en`, `zh`.
    pub lang: String,
}

/// The simulator's answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Simulated {
    /// `Allow`, `ExplicitDeny`, `ImplicitDeny`, `Unknown`.
    pub decision: String,
    /// The deciding layer.
    pub layer: Option<String>,
    /// Matched statements.
    pub matched: Vec<String>,
    /// Missing context keys.
    pub missing: Vec<String>,
    /// The decision when the missing keys are simply absent from the request.
    #[serde(default)]
    pub if_absent: Option<String>,
    /// Why, in words.
    #[serde(default)]
    pub reason: String,
    /// The policies the simulated caller is assumed to hold.
    #[serde(default)]
    pub assumed: Vec<String>,
}

/// Puts `question` to `text`.
pub async fn simulate(text: &str, question: &Question) -> Result<Simulated, EngineError> {
    read(call("simulate", &[text.into(), json(question)?]).await?)
}

/// What `text` allows, in plain words.
pub async fn summarize(text: &str, lang: Lang) -> Result<Vec<String>, EngineError> {
    read(call("summarize", &[text.into(), lang.tag().into()]).await?)
}

/// A permission preset's document.
pub async fn permission_policy(
    preset: &str,
    input: &serde_json::Value,
) -> Result<String, EngineError> {
    read(call("permissionPolicy", &[preset.into(), json(input)?]).await?)
}

/// A trust policy's document.
pub async fn trust_policy(input: &serde_json::Value) -> Result<String, EngineError> {
    read(call("trustPolicy", &[json(input)?]).await?)
}

/// The findings of `text` (none for an empty text), linted by the engine
/// whenever the text, the kind or the language changes.
#[yew::hook]
pub fn use_lint(text: String, trust: Option<bool>, lang: Lang) -> Vec<Finding> {
    let findings = yew::use_state(Vec::<Finding>::new);
    {
        let findings = findings.clone();
        yew::use_effect_with((text, trust, lang), move |(text, trust, lang)| {
            if text.trim().is_empty() {
                findings.set(Vec::new());
            } else {
                let (text, trust, lang) = (text.clone(), *trust, *lang);
                wasm_bindgen_futures::spawn_local(async move {
                    findings.set(lint(&text, trust, lang).await.unwrap_or_default());
                });
            }
        });
    }
    (*findings).clone()
}
