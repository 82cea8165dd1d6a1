//! The `ram` action catalogue against the official SDKs' operations (issue
//! 20.8): every operation of the RAM (2015-05-01) and IMS (2019-08-15) APIs —
//! both authorised under the `ram` code — is a catalogue action, and the
//! catalogue says it is partial (that each action is named as its operation
//! is inferred).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use ramp_core::policy::catalogue::{find_action, service};

const RAM_OPERATIONS: &str = include_str!("data/ram20150501_actions.txt");
const IMS_OPERATIONS: &str = include_str!("data/ims20190815_actions.txt");

#[test]
fn every_ram_and_ims_operation_is_a_ram_action() {
    let operations: Vec<&str> = RAM_OPERATIONS
        .lines()
        .chain(IMS_OPERATIONS.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(operations.len() > 150, "{} operations", operations.len());
    let missing: Vec<&&str> = operations
        .iter()
        .filter(|op| find_action(&format!("ram:{op}")).is_none())
        .collect();
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
    assert!(
        !service("ram").unwrap().complete,
        "the ram catalogue is partial"
    );
    assert!(find_action("ram:GetDefaultDomain").is_some());
}
