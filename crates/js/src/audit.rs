//! The access review for JavaScript hosts: an account as a survey read it
//! (`ramp audit --save`'s snapshot) → everyone's ARMS access, the findings,
//! and the report's JSON and CSV; who can do an action.

use ramp_core::audit::findings::{findings, Options};
use ramp_core::audit::report::Report;
use ramp_core::audit::who_can::{who_can as core_who_can, Question};
use ramp_core::audit::{model, Account};
use ramp_core::time::UtcTime;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{from_js, to_js, JsError};

#[derive(Serialize)]
struct Audited<'a> {
    model: &'a ramp_core::audit::Model,
    findings: &'a [ramp_core::audit::findings::Finding],
    /// `ramp audit --format json`'s text.
    json: String,
    /// `ramp audit --format csv`'s text.
    csv: String,
}

/// Audits an account snapshot at `now` (`YYYY-MM-DDTHH:MM:SSZ`) →
/// `{model, findings, json, csv}`.
#[wasm_bindgen(unchecked_return_type = "Audited")]
pub fn audit(
    #[wasm_bindgen(unchecked_param_type = "AccountSnapshot")] account: JsValue,
    now: &str,
) -> Result<JsValue, JsValue> {
    let account: Account = from_js(account, "account")?;
    let now =
        UtcTime::parse(now).map_err(|e| JsError::new("InvalidParameter", format!("now: {e}")))?;
    let m = model(&account);
    let f = findings(&account, &m, &Options::at(now));
    let report = Report {
        account: &account,
        model: &m,
        findings: &f,
        who_can: None,
        drift: None,
    };
    to_js(&Audited {
        model: &m,
        findings: &f,
        json: serde_json::to_string_pretty(&report.json()).unwrap_or_default(),
        csv: report.csv(),
    })
}

/// Everyone in the snapshot who can do `action` on `resource` (`*` for any),
/// optionally in a resource group → `[{principal, arn, decision, paths, assumers?}]`.
#[wasm_bindgen(js_name = whoCan, unchecked_return_type = "Able[]")]
pub fn who_can(
    #[wasm_bindgen(unchecked_param_type = "AccountSnapshot")] account: JsValue,
    action: &str,
    resource: Option<String>,
    resource_group: Option<String>,
) -> Result<JsValue, JsValue> {
    let account: Account = from_js(account, "account")?;
    let q = Question {
        action: action.trim().to_owned(),
        resource: resource
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| "*".into()),
        resource_group: resource_group.filter(|r| !r.trim().is_empty()),
    };
    to_js(&core_who_can(&account, &q))
}

/// A plan (as `plan()` returned it, or Ramp's JSON export) against an
/// account snapshot → `{planned: [{step, what, state, differences?}], extra:
/// [{principal, grant}]}`: what is already there, missing or different, and
/// ARMS access beyond the plan.
#[wasm_bindgen(unchecked_return_type = "Drift")]
pub fn drift(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AccountSnapshot")] account: JsValue,
) -> Result<JsValue, JsValue> {
    let plan: ramp_core::plan::Plan = from_js(plan, "plan")?;
    let account: Account = from_js(account, "account")?;
    to_js(&ramp_core::audit::drift::drift(&plan, &account))
}
