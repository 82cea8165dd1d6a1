//! `ramp diff` as CI runs it: every pair of the comparison table through
//! the binary with `--fail-on new-access` (exit 1 exactly when NEW grants
//! new access), JSON and SARIF, both languages, and exit 2 on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn diff(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .output()
        .expect("ramp runs")
}

fn pairs() -> Vec<serde_json::Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/diff-pairs.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ramp-diff-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_pair_of_the_table_exits_as_a_ci_gate_should() {
    let dir = scratch("table");
    for (i, pair) in pairs().iter().enumerate() {
        let name = pair["name"].as_str().unwrap();
        let (old, new) = (format!("old-{i}.json"), format!("new-{i}.json"));
        std::fs::write(dir.join(&old), pair["old"].to_string()).unwrap();
        std::fs::write(dir.join(&new), pair["new"].to_string()).unwrap();
        let out = diff(
            &dir,
            &[&old, &new, "--fail-on", "new-access", "--format", "json"],
        );
        let expect = pair["expect"].as_str().unwrap();
        let gains = matches!(expect, "new" | "both" | "undecided");
        assert_eq!(out.status.code(), Some(if gains { 1 } else { 0 }), "{name}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["grants-new-access"], gains, "{name}");
        assert_eq!(report["same-access"], expect == "same", "{name}");
        assert_eq!(report["kind"], pair["kind"], "{name}");
        // Without --fail-on, a difference is a report, not a failure.
        assert_eq!(diff(&dir, &[&old, &new]).status.code(), Some(0), "{name}");
    }
}

#[test]
fn text_sarif_and_chinese_say_who_gains_and_who_loses() {
    let dir = scratch("words");
    let b = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1111111111111111:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ext-1"}}}]}"#;
    let c = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"}}]}"#;
    std::fs::write(dir.join("b.json"), b).unwrap();
    std::fs::write(dir.join("c.json"), c).unwrap();
    let text = String::from_utf8(diff(&dir, &["b.json", "c.json"]).stdout).unwrap();
    assert!(
        text.contains("+ can now assume the role: RAM user `Example` of account 2222222222222222"),
        "{text}"
    );
    assert!(text.contains("without sts:ExternalId"), "{text}");
    assert!(
        text.contains("a session of role `Example` of account 2222222222222222"),
        "{text}"
    );
    assert!(text.contains("privilege escalation"), "{text}");
    assert!(
        text.contains(
            "- can no longer assume the role: RAM user `Example` of account 1111111111111111"
        ),
        "{text}"
    );
    assert!(text.contains("running workloads may break"), "{text}");
    let zh = String::from_utf8(diff(&dir, &["b.json", "c.json", "--lang", "zh"]).stdout).unwrap();
    assert!(
        zh.contains("现在可以扮演该角色") && zh.contains("权限提升"),
        "{zh}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&diff(&dir, &["b.json", "c.json", "--format", "sarif"]).stdout)
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    // Users and role sessions of the account, each way.
    assert_eq!(
        rules,
        ["new-access", "new-access", "lost-access", "lost-access"]
    );
    assert_eq!(results[0]["level"], "error");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "c.json"
    );
    assert_eq!(
        results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "b.json"
    );
    // System policies by name: read-only to full access grants new access.
    let out = diff(
        &dir,
        &[
            "AliyunARMSReadOnlyAccess",
            "AliyunARMSFullAccess",
            "--fail-on",
            "new-access",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("p.json"),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:*","Resource":"*"}]}"#,
    )
    .unwrap();
    std::fs::write(dir.join("t.json"), r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"1111111111111111"}}]}"#).unwrap();
    std::fs::write(
        dir.join("broken.json"),
        r#"{"Version":"1","Statement":[{"Effect":"Allow",}]}"#,
    )
    .unwrap();
    for (args, says) in [
        (vec!["p.json", "missing.json"], "missing.json: cannot read"),
        (vec!["p.json", "broken.json"], "broken.json:1:"),
        (vec!["p.json", "t.json"], "compare two of one kind"),
        (
            vec!["p.json", "AliyunArmsFullAccess"],
            "did you mean `AliyunARMSFullAccess`",
        ),
    ] {
        let out = diff(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    // --kind settles it when one of them has no Principal.
    let out = diff(&dir, &["p.json", "t.json", "--kind", "trust"]);
    assert_ne!(out.status.code(), Some(2));
}
