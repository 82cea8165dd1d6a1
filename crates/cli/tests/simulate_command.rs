//! `ramp simulate` on the example policies, as users run it.

use std::process::{Command, Output};

const EX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/policies/");
const APP: &str = "acs:arms:cn-hangzhou:1234567890123456:armsapp/shop-web";

fn ramp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .arg("simulate")
        .args(args)
        .output()
        .expect("ramp runs")
}

fn ex(name: &str) -> String {
    format!("{EX}{name}")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn mfa_deny_without_the_key_is_unknown_and_says_which_key() {
    let base = [
        "--caller",
        "user:1234567890123456/alice",
        "--action",
        "arms:GetTraceApp",
        "--resource",
        APP,
        "--json",
    ];
    let p = [
        ex("AliyunARMSReadOnlyAccess.json"),
        ex("require-mfa-lockout.json"),
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--policy", &p[0], "--policy", &p[1]]);
    let out = ramp(&args);
    assert!(out.status.success());
    let v = json(&out);
    assert_eq!(v["decision"], "Unknown");
    assert_eq!(v["missing_keys"], serde_json::json!(["acs:MFAPresent"]));

    args.extend(["--context", "acs:MFAPresent=false"]);
    let v = json(&ramp(&args));
    assert_eq!(
        (v["decision"].as_str(), v["decisive"][0]["policy"].as_str()),
        (Some("ExplicitDeny"), Some("require-mfa-lockout"))
    );
}

#[test]
fn cross_account_assume_role_with_external_id() {
    let sts = ex("AliyunSTSAssumeRoleAccess.json");
    let trust = ex("trust-account-with-external-id.json");
    let args = |ext: &'static str, expect: &'static str| {
        vec![
            "--caller".to_owned(),
            "user:1234567890123456/alice".into(),
            "--action".into(),
            "sts:AssumeRole".into(),
            "--resource".into(),
            "acs:ram::6543210987654321:role/arms-reader".into(),
            "--policy".into(),
            sts.clone(),
            "--trust-policy".into(),
            trust.clone(),
            "--context".into(),
            format!("sts:ExternalId={ext}"),
            "--expect".into(),
            expect.into(),
        ]
    };
    let run = |a: Vec<String>| ramp(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run(args("ramp-7f3c9a", "allow")).status.code(), Some(0));
    assert_eq!(run(args("guess", "implicit-deny")).status.code(), Some(0));
    let wrong = run(args("guess", "allow"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("expected Allow, got ImplicitDeny"));
}

#[test]
fn resource_group_scope_and_deny_guard_rail() {
    let ro = format!("rg-shop={}", ex("AliyunARMSReadOnlyAccess.json"));
    let deny = ex("deny-arms-delete.json");
    let ask = |action: &str, rg: &str| {
        json(&ramp(&[
            "--caller",
            "user:1234567890123456/alice",
            "--action",
            action,
            "--resource",
            APP,
            "--resource-group",
            rg,
            "--rg-policy",
            &ro,
            "--policy",
            &deny,
            "--json",
        ]))["decision"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(ask("arms:GetTraceApp", "rg-shop"), "Allow");
    assert_eq!(ask("arms:GetTraceApp", "rg-other"), "ImplicitDeny");
    assert_eq!(ask("arms:DeleteTraceApp", "rg-shop"), "ExplicitDeny");
}

#[test]
fn bad_input_is_a_clear_usage_error() {
    let out = ramp(&["--caller", "alice", "--action", "arms:GetTraceApp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("user:ACCOUNT/NAME"));
    let broken = std::env::temp_dir().join(format!("ramp-sim-broken-{}.json", std::process::id()));
    std::fs::write(&broken, "{\"Version\": \"1\",\n \"Statement\": [}").unwrap();
    let out = ramp(&[
        "--caller",
        "user:1/a",
        "--action",
        "a:b",
        "--policy",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(":2:16: error: line 2, column 16"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn system_policies_can_be_named_instead_of_given_as_files() {
    let out = ramp(&[
        "--caller",
        "user:1234567890123456/alice",
        "--action",
        "arms:GetTraceApp",
        "--resource",
        APP,
        "--policy",
        "AliyunARMSReadOnlyAccess",
        "--json",
    ]);
    assert_eq!(
        json(&out)["decision"],
        "Allow",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wrong = ramp(&[
        "--caller",
        "user:1234567890123456/alice",
        "--action",
        "arms:GetTraceApp",
        "--policy",
        "AliyunArmsReadOnlyAccess",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("did you mean `AliyunARMSReadOnlyAccess`")
    );
}
