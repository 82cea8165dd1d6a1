//! `ramp catalogue`: the versioned catalogue, visible to users.

use std::process::{Command, Output};

fn catalogue(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .arg("catalogue")
        .args(args)
        .output()
        .expect("ramp runs")
}

#[test]
fn lists_system_policies_with_versions_and_dates_and_the_actions() {
    let out = catalogue(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.starts_with(&format!(
        "Ramp policy catalogue, version {}",
        ramp_core::policy::catalogue::CATALOGUE_VERSION
    )));
    assert!(text.contains("AliyunARMSReadOnlyAccess     v13 (2025-11-28), document"));
    assert!(text.contains("AliyunARMSFullAccess         v16 (2026-01-30), partial document"));
    assert!(text.contains("arms:ReadTraceApp"));
    assert!(text.contains("acs:arms:{region}:*:armsapp/{app}"));
    assert!(text.contains("sts:AssumeRole"));
}

#[test]
fn json_has_every_service_and_policy() {
    let out = catalogue(&["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["arms", "xtrace", "ram", "sts", "resourcemanager"]);
    let admin = v["system_policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "AdministratorAccess")
        .unwrap();
    assert_eq!(admin["high_risk"], true);
    let ram = v["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "ram")
        .unwrap();
    let create = ram["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "ram:CreateUser")
        .unwrap();
    assert_eq!(create["access"], "write");
    assert_eq!(create["resource"], "acs:ram:*:{account}:user/{user}");
}

#[test]
fn show_prints_a_document_in_the_canonical_layout() {
    let out = catalogue(&["--show", "AliyunSTSAssumeRoleAccess"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"sts:AssumeRole\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n"
    );
    let partial = catalogue(&["--show", "AliyunARMSFullAccess"]);
    assert!(String::from_utf8_lossy(&partial.stderr).contains("partial document"));
    assert_eq!(
        catalogue(&["--show", "aliyunstsassumeroleaccess"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        catalogue(&["--show", "ReadOnlyAccess"]).status.code(),
        Some(2)
    );
}
