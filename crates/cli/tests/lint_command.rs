//! `ramp lint` as users and CI run it: compiler-style text (golden file), JSON,
//! SARIF 2.1.0, exit codes, tiers, languages and the set checks.

use std::path::PathBuf;
use std::process::{Command, Output};

const NOW: &str = "2026-11-22T00:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .current_dir(root())
        .arg("lint")
        .arg("--now")
        .arg(NOW)
        .args(args)
        .output()
        .expect("ramp runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

fn example_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples/policies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .map(|n| format!("examples/policies/{n}"))
        .collect();
    files.sort();
    files
}

fn codes(out: &Output) -> Vec<String> {
    json(out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn text_output_on_the_examples_matches_the_golden_file() {
    let files = example_files();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = lint(&args);
    let golden = root().join("crates/cli/tests/golden/lint-examples.txt");
    if std::env::var_os("RAMP_BLESS").is_some() {
        std::fs::write(&golden, stdout(&out)).unwrap();
    }
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(&golden).unwrap(),
        "RAMP_BLESS=1 to accept a deliberate change"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the AWS-dialect example has errors"
    );
    let text = stdout(&out);
    assert!(text.contains("examples/policies/aws-dialect.json:2:14: error[E003]"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("errors,"));
}

#[test]
fn fail_on_sets_the_threshold() {
    let lockout = "examples/policies/require-mfa-lockout.json";
    assert_eq!(
        lint(&[lockout]).status.code(),
        Some(0),
        "warnings do not fail by default"
    );
    assert_eq!(
        lint(&["--fail-on", "warning", lockout]).status.code(),
        Some(1)
    );
    assert_eq!(
        lint(&["--fail-on", "security", lockout]).status.code(),
        Some(0)
    );
    let open = "examples/policies/trust-open-account.json";
    assert_eq!(
        lint(&["--fail-on", "security", open]).status.code(),
        Some(1)
    );
    let clean = "examples/policies/deny-arms-delete.json";
    let out = lint(&["--fail-on", "suggestion", clean]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn usage_and_unreadable_input_exit_2() {
    assert_eq!(
        lint(&["examples/policies/no-such-file.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        lint(&["--fail-on", "fatal", "examples/policies/deny-ram.json"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(lint(&[]).status.code(), Some(2));
    assert_eq!(
        lint(&["--format", "xml", "examples/policies/deny-ram.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_output_has_codes_positions_paths_and_fixes_in_the_chosen_language() {
    let out = lint(&[
        "--format",
        "json",
        "--lang",
        "zh",
        "examples/policies/require-mfa-lockout.json",
    ]);
    let v = json(&out);
    assert_eq!(v["files"][0]["kind"], "permission");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "W002")
        .expect("W002");
    assert_eq!(f["tier"], "warning");
    assert_eq!(f["path"], "Statement[0]");
    assert!(f["line"].as_u64().unwrap() > 1);
    assert!(f["message"].as_str().unwrap().contains("锁定"), "{f}");
    assert!(f["fix"].as_str().unwrap().contains("NotAction"));
}

#[test]
fn sarif_output_is_sarif_2_1_0_with_every_rule_and_indexed_results() {
    let out = lint(&[
        "--format",
        "sarif",
        "examples/policies/aws-dialect.json",
        "examples/policies/trust-open-account.json",
    ]);
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "ramp");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ramp_core::policy::lint::CHECKS.len());
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 6, "{results:?}");
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("examples/policies/")
        );
    }
    let s004 = results
        .iter()
        .find(|r| r["ruleId"] == "S004")
        .expect("S004");
    assert_eq!(s004["level"], "warning");
    let rule = &rules[s004["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["properties"]["security-severity"], "7.0");
}

#[test]
fn set_checks_read_the_files_and_attachments_together() {
    let out = lint(&[
        "--format",
        "json",
        "--set",
        "examples/policies/require-mfa-allowlist.json",
        "examples/policies/deny-ram.json",
    ]);
    let v = json(&out);
    let w012 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "W012")
        .expect("W012");
    assert_eq!(w012["file"], "examples/policies/deny-ram.json");
    let alone = lint(&[
        "--format",
        "json",
        "examples/policies/require-mfa-allowlist.json",
        "examples/policies/deny-ram.json",
    ]);
    assert!(
        !codes(&alone).contains(&"W012".to_owned()),
        "set checks only run when asked"
    );

    let out = lint(&[
        "--format",
        "json",
        "--attach",
        "AliyunARMSFullAccess",
        "--attach",
        "AliyunArmsReadOnlyAccess",
        "--console",
        "--access-key",
        "examples/policies/arms-apps-shop.json",
    ]);
    let found = codes(&out);
    for code in ["W003", "W004", "W006", "S010"] {
        assert!(found.contains(&code.to_owned()), "{code} not in {found:?}");
    }
    let v = json(&out);
    let w003 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "W003")
        .unwrap();
    assert!(w003["fix"]
        .as_str()
        .unwrap()
        .contains("AliyunARMSReadOnlyAccess"));

    let rg = lint(&[
        "--format",
        "json",
        "--attach-rg",
        "rg-aek2shop=AliyunARMSReadOnlyAccess",
    ]);
    assert!(codes(&rg).contains(&"W007".to_owned()));
}

#[test]
fn kind_can_be_forced() {
    let trust = "examples/policies/trust-account-with-external-id.json";
    assert!(!codes(&lint(&["--format", "json", trust])).contains(&"E009".to_owned()));
    let forced = codes(&lint(&["--format", "json", "--kind", "permission", trust]));
    assert!(
        forced.contains(&"E009".to_owned()) && forced.contains(&"E022".to_owned()),
        "{forced:?}"
    );
}
