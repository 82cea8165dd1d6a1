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
