//! Intents to plans, and plans to their exports.

use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::export::{export, Format};
use ramp_core::plan::{plan as core_plan, Intent, Plan};
use wasm_bindgen::prelude::*;

use crate::{from_js, to_js, JsError};

/// Plans an intent (the same object as an intent file: `{flow:
/// "teammate-access" | "team-group" | "share-with-account" | "verify-access", …}`)
/// → `{intent, steps, documents, findings}`; throws `Ramp.Plan` naming the
/// field in its message and as `field` (the API parameter or policy field).
#[wasm_bindgen(unchecked_return_type = "Plan")]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "Intent")] intent: JsValue,
) -> Result<JsValue, JsValue> {
    let intent: Intent = from_js(intent, "intent")?;
    let p = core_plan(&intent)
        .map_err(|e| JsError::new("Ramp.Plan", e.message(Lang::En)).about(e.field()))?;
    to_js(&p)
}

/// A plan (as [`plan`] returned it) as `cli`, `terraform`, `ros`, `json` or `profile` text.
#[wasm_bindgen(js_name = exportPlan)]
pub fn export_plan(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: &str,
) -> Result<String, JsValue> {
    let p: Plan = from_js(plan, "plan")?;
    let f = Format::parse(format).ok_or_else(|| {
        JsError::new(
            "InvalidParameter",
            format!("format `{format}`: use cli, terraform, ros, json or profile"),
        )
    })?;
    export(&p, f).map_err(|e| JsError::new("Ramp.Export", e).into())
}

/// Plans an intent that changes what an account holds (`remove-access`,
/// `rotate-key`, `change-trust`, `change-policy`) from the account as read
/// (a survey's snapshot), the policy's versions (`ListPolicyVersions`, for
/// `change-policy`) and the time (`YYYY-MM-DDTHH:MM:SSZ`, to tell how
/// recently a key was used) → a plan with its `notes`.
#[wasm_bindgen(js_name = planIn, unchecked_return_type = "Plan")]
pub fn plan_in(
    #[wasm_bindgen(unchecked_param_type = "Intent")] intent: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AccountSnapshot")] account: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PolicyVersion[]")] versions: JsValue,
    now: &str,
) -> Result<JsValue, JsValue> {
    let intent: Intent = from_js(intent, "intent")?;
    let account: ramp_core::audit::Account = from_js(account, "account")?;
    let versions: Vec<ramp_core::api::responses::PolicyVersion> =
        if versions.is_undefined() || versions.is_null() {
            Vec::new()
        } else {
            from_js(versions, "versions")?
        };
    let now = ramp_core::time::UtcTime::parse(now)
        .map_err(|e| JsError::new("InvalidParameter", format!("now: {e}")))?;
    let p = ramp_core::plan::plan_in(&intent, &account, &versions, now)
        .map_err(|e| JsError::new("Ramp.Plan", e.message(Lang::En)).about(e.field()))?;
    to_js(&p)
}
