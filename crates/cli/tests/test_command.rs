//! `ramp test DECISIONS.yaml`: expected decisions as a CI test suite.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ramp_test(file: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .arg("test")
        .arg(file)
        .output()
        .expect("ramp runs")
}

fn scratch(name: &str, yaml: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ramp-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("deny.json"),
        r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"arms:Delete*","Resource":"*"}]}"#,
    )
    .unwrap();
    let file = dir.join("decisions.yaml");
    std::fs::write(&file, yaml).unwrap();
    file
}

#[test]
fn the_example_suite_passes() {
    let out = ramp_test(&root().join("examples/decisions.yaml"));
    let text = String::from_utf8_lossy(&out.stdout);
    let cases = text.lines().filter(|l| l.starts_with("ok ")).count();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(cases >= 18, "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("{cases} passed, 0 failed")));
}

#[test]
fn a_wrong_expectation_fails_with_the_reason() {
    let file = scratch(
        "wrong",
        "cases:\n  - name: delete is denied\n    caller: user:1234567890123456/alice\n    action: arms:DeleteTraceApp\n    policies: [AliyunARMSFullAccess, deny.json]\n    expect: allow\n  - name: read is allowed\n    caller: user:1234567890123456/alice\n    action: arms:GetTraceApp\n    policies: [AliyunARMSFullAccess, deny.json]\n    expect: allow\n",
    );
    let out = ramp_test(&file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("FAIL  delete is denied: expected Allow, got ExplicitDeny (decided by deny statement 0)"), "{text}");
    assert!(text.contains("ok    read is allowed"));
}

#[test]
fn bad_suites_exit_2_and_say_why() {
    for (name, yaml, needle) in [
        ("yaml", "cases: [", "decisions.yaml"),
        ("unknown-field", "cases:\n  - name: x\n    caller: root:1\n    action: a:b\n    expect: allow\n    colour: red\n", "colour"),
        ("system-case", "cases:\n  - name: x\n    caller: user:1/a\n    action: arms:GetTraceApp\n    policies: [AliyunArmsFullAccess]\n    expect: allow\n", "did you mean `AliyunARMSFullAccess`"),
        ("decision", "cases:\n  - name: x\n    caller: user:1/a\n    action: arms:GetTraceApp\n    expect: maybe\n", "implicit-deny"),
    ] {
        let out = ramp_test(&scratch(name, yaml));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
    }
}
