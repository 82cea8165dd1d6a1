//! `ramp audit` on a saved snapshot (the live reads are tested with the
//! official Python SDK in tests/compat/audit_test.py): every format, the
//! exit codes, drift against a plan, the auditor's policy.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .current_dir(root())
        .args([
            "audit",
            "--from",
            "crates/core/tests/data/messy-account.json",
            "--now",
            "2026-12-03T00:00:00Z",
        ])
        .args(args)
        .output()
        .expect("ramp runs")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn json_gives_every_principal_its_arn_level_and_scopes() {
    let out = audit(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let erin = v["principals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "erin")
        .unwrap();
    assert_eq!(erin["arn"], "acs:ram::1111111111111111:user/erin");
    assert_eq!(erin["arms"], "read-only");
    assert_eq!(erin["scopes"][1]["resource-group"], "rg-shop");
    assert_eq!(v["complete"], true);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "A001"));
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(audit(&["--fail-on", "security"]).status.code(), Some(1));
    let lenient = audit(&["--fail-on", "error"]);
    assert_eq!(lenient.status.code(), Some(0), "{}", text(&lenient.stderr));
    let bad = audit(&["--fail-on", "loud"]);
    assert_eq!(bad.status.code(), Some(2));
    let missing = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .args(["audit", "--from", "/nonexistent/snap.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/nonexistent/snap.json"));
}

#[test]
fn csv_and_sarif_and_chinese_text() {
    let csv = text(&audit(&["--format", "csv"]).stdout);
    assert!(
        csv.starts_with("type,name,arn,arms,scope,level,paths,denied_by\n"),
        "{csv}"
    );
    assert!(
        csv.contains("user,dave,acs:ram::1111111111111111:user/dave,read-only,rg-shop,read-only,"),
        "{csv}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&audit(&["--format", "sarif"]).stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "A010"));
    let zh = text(&audit(&["--lang", "zh"]).stdout);
    assert!(zh.contains("未绑定 MFA 设备"), "{zh}");
}

#[test]
fn drift_against_a_plan_and_the_auditor_policy() {
    let plan = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .current_dir(root())
        .args([
            "plan",
            "examples/intents/team-group.json",
            "--export",
            "json",
        ])
        .output()
        .unwrap();
    let path = std::env::temp_dir().join(format!("ramp-audit-plan-{}.json", std::process::id()));
    std::fs::write(&path, &plan.stdout).unwrap();
    let out = audit(&["--format", "json", "--against", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let planned = v["drift"]["planned"].as_array().unwrap();
    assert!(
        !planned.is_empty() && planned.iter().all(|p| p["state"] == "missing"),
        "{planned:?}"
    );
    let policy = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .args(["audit", "--reader-policy"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&policy.stdout).unwrap();
    assert!(doc["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "ram:ListUsers"));
}
