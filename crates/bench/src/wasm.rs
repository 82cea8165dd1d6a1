//! The workloads for JavaScript hosts (`make bench` runs them in Node and in
//! headless Chromium): the loops run inside wasm, the host only times the call.

use wasm_bindgen::prelude::*;

/// Runs the workload `name` `n` times (see [`crate::run`]); what its last run produced.
#[wasm_bindgen]
pub fn run(name: &str, n: u32) -> Result<String, JsError> {
    crate::run(name, n).ok_or_else(|| {
        JsError::new(&format!(
            "no workload named \"{name}\": use one of {}",
            crate::WORKLOADS.join(", ")
        ))
    })
}

/// The workloads' names.
#[wasm_bindgen]
pub fn workloads() -> Vec<String> {
    crate::WORKLOADS.iter().map(|w| w.to_string()).collect()
}

/// What the SDKs sign (see [`crate::inputs`]), as JSON.
#[wasm_bindgen]
pub fn inputs() -> String {
    crate::inputs().to_string()
}

/// Loads a saved survey (`ramp audit --save`) for the audit workloads; how
/// many principals it holds.
#[wasm_bindgen(js_name = auditLoad)]
pub fn audit_load(json: &str) -> Result<usize, JsError> {
    crate::audit::load(json).map_err(|e| JsError::new(&e))
}

/// Runs the audit workload `name` `n` times over the loaded survey.
#[wasm_bindgen(js_name = auditRun)]
pub fn audit_run(name: &str, n: u32) -> Result<String, JsError> {
    crate::audit::run(name, n).ok_or_else(|| {
        JsError::new(&format!(
            "no audit workload \"{name}\" (one of {}), or no survey loaded (auditLoad)",
            crate::audit::WORKLOADS.join(", ")
        ))
    })
}
