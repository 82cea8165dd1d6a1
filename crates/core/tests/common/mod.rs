//! What the plan tests share: the example intents' plans, and a step's
//! parameters as a plan file writes them.

#![allow(dead_code)] // each test file uses part of it

use ramp_core::plan::{plan, Intent, Plan, Step};

/// The plan of `examples/intents/<name>.json`.
pub(crate) fn load(name: &str) -> Plan {
    let path = format!(
        "{}/../../examples/intents/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let intent: Intent = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    plan(&intent).unwrap()
}

/// A step's parameter as the plan file writes it.
pub(crate) fn param(step: &Step, name: &str) -> Option<String> {
    step.public_params()
        .into_iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}
