//! `ramp plan` on the example intents: every export of every example is a
//! committed golden file; Terraform parses as HCL, ROS as YAML, the CLI script
//! passes `bash -n`, the JSON re-imports to the same plan.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const INTENTS: &[&str] = &[
    "teammate-console",
    "teammate-programmatic",
    "team-group",
    "share-with-account",
    "verify-access",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ramp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("ramp runs")
}

fn export(intent: &str, format: &str) -> Output {
    ramp(&[
        "plan",
        &format!("examples/intents/{intent}.json"),
        "--export",
        format,
    ])
}

fn golden(path: &Path, actual: &str) {
    if std::env::var_os("RAMP_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{} missing: RAMP_BLESS=1 to create", path.display()));
    assert!(
        expected == actual,
        "{} differs (RAMP_BLESS=1 to accept a deliberate change)",
        path.display()
    );
}

fn formats(intent: &str) -> Vec<(&'static str, &'static str)> {
    let mut f = vec![
        ("cli", "sh"),
        ("terraform", "tf"),
        ("ros", "ros.yaml"),
        ("json", "plan.json"),
    ];
    if matches!(intent, "share-with-account" | "verify-access") {
        f.push(("profile", "profile.txt"));
    }
    f
}

#[test]
fn every_export_of_every_example_matches_its_golden_file() {
    for intent in INTENTS {
        for (format, ext) in formats(intent) {
            let out = export(intent, format);
            assert!(
                out.status.success(),
                "{intent} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            golden(
                &root().join(format!("examples/intents/exports/{intent}.{ext}")),
                &text,
            );
            let again = String::from_utf8(export(intent, format).stdout).unwrap();
            assert_eq!(text, again, "{intent} {format} is not deterministic");
        }
    }
}

#[test]
fn terraform_parses_as_hcl_with_one_resource_per_creating_step() {
    for intent in INTENTS {
        let tf = String::from_utf8(export(intent, "terraform").stdout).unwrap();
        let body: hcl::Body = hcl::from_str(&tf).unwrap_or_else(|e| panic!("{intent}: {e}\n{tf}"));
        let resources = body
            .blocks()
            .filter(|b| b.identifier() == "resource")
            .count();
        let plan: serde_json::Value =
            serde_json::from_slice(&export(intent, "json").stdout).unwrap();
        let steps = plan["steps"].as_array().unwrap();
        let creating = steps
            .iter()
            .filter(|s| s["creates"].is_object() && s["action"] != "AddUserToGroup")
            .count();
        let mut groups: Vec<&str> = steps
            .iter()
            .filter(|s| s["action"] == "AddUserToGroup")
            .map(|s| s["params"][1][1].as_str().unwrap())
            .collect();
        groups.dedup();
        assert_eq!(
            resources,
            creating + groups.len(),
            "{intent}: one resource per creating step, one membership resource per group"
        );
        for b in body.blocks().filter(|b| b.identifier() == "resource") {
            assert!(
                b.body().attributes().any(|a| a.key() == "provider"),
                "{intent}: every resource names its account's provider"
            );
        }
        let passwords = body
            .blocks()
            .filter(|b| {
                b.identifier() == "variable"
                    && b.body().attributes().any(|a| a.key() == "sensitive")
            })
            .count();
        assert_eq!(
            passwords,
            tf.matches("alicloud_ram_login_profile").count(),
            "{intent}: one sensitive variable per password"
        );
        assert!(
            !body.blocks().any(|b| b.identifier() == "output"),
            "{intent}: no outputs"
        );
    }
}

#[test]
fn ros_parses_as_yaml_one_template_per_account() {
    for intent in INTENTS {
        let text = String::from_utf8(export(intent, "ros").stdout).unwrap();
        let docs: Vec<serde_yaml::Value> = serde_yaml::Deserializer::from_str(&text)
            .map(|d| {
                serde::Deserialize::deserialize(d)
                    .unwrap_or_else(|e| panic!("{intent}: {e}\n{text}"))
            })
            .collect();
        let plan: serde_json::Value =
            serde_json::from_slice(&export(intent, "json").stdout).unwrap();
        let mut accounts: Vec<&str> = plan["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["account"].as_str().unwrap())
            .collect();
        accounts.dedup();
        assert_eq!(docs.len(), accounts.len(), "{intent}");
        for d in &docs {
            assert_eq!(
                d["ROSTemplateFormatVersion"],
                serde_yaml::Value::from("2015-09-01")
            );
            for (_, r) in d["Resources"].as_mapping().unwrap() {
                let t = r["Type"].as_str().unwrap();
                assert!(
                    t.starts_with("ALIYUN::RAM::")
                        || t == "ALIYUN::ResourceManager::PolicyAttachment",
                    "{t}"
                );
            }
            if let Some(params) = d.get("Parameters").and_then(|p| p.as_mapping()) {
                for (_, p) in params {
                    assert_eq!(p["NoEcho"], serde_yaml::Value::from(true));
                }
            }
        }
    }
    let console = String::from_utf8(export("share-with-account", "ros").stdout).unwrap();
    assert!(console.contains("AssumeRolePolicyDocument: {\"Statement\":"));
    let tf = String::from_utf8(export("team-group", "terraform").stdout).unwrap();
    assert_eq!(
        tf.matches("resource \"alicloud_ram_group_membership\"")
            .count(),
        1
    );
    assert!(tf.contains("user_names = [\"alice\", \"bob\"]"));
}

#[test]
fn the_cli_script_is_valid_bash_and_names_profiles_not_credentials() {
    for intent in INTENTS {
        let script = String::from_utf8(export(intent, "cli").stdout).unwrap();
        let path = std::env::temp_dir().join(format!("ramp-{}-{intent}.sh", std::process::id()));
        std::fs::write(&path, &script).unwrap();
        let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
        assert!(
            check.status.success(),
            "{intent}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(script.contains("set -euo pipefail"));
        assert!(!script.contains("AccessKeySecret") && !script.contains("--access-key-secret"));
        for line in script.lines().filter(|l| l.starts_with("aliyun ")) {
            assert!(line.contains("--profile \"$PROFILE_"), "{intent}: {line}");
        }
    }
    let console = String::from_utf8(export("teammate-console", "cli").stdout).unwrap();
    assert!(console.contains("--Password \"$(ask_password 'alice')\""));
    assert!(console.contains("--PolicyDocument \"$(cat <<'POLICY'"));
}

#[test]
fn json_reimports_and_intent_errors_exit_2() {
    let plan = String::from_utf8(export("share-with-account", "json").stdout).unwrap();
    let path = std::env::temp_dir().join(format!("ramp-plan-{}.json", std::process::id()));
    std::fs::write(&path, &plan).unwrap();
    let again = ramp(&["plan", path.to_str().unwrap(), "--export", "json"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), plan);

    let bad = std::env::temp_dir().join(format!("ramp-bad-intent-{}.json", std::process::id()));
    std::fs::write(&bad, r#"{"flow":"teammate-access","account":{"id":"1111111111111111"},"users":[{"name":"bad name"}],"access":{"mode":"programmatic"},"arms":"full"}"#).unwrap();
    let out = ramp(&["plan", bad.to_str().unwrap(), "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("InvalidParameter.UserName.InvalidChars"));
    let out = ramp(&[
        "plan",
        "examples/intents/team-group.json",
        "--export",
        "profile",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = ramp(&[
        "plan",
        "examples/intents/team-group.json",
        "--export",
        "xml",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_summary_lists_steps_accounts_and_secrets() {
    let out = ramp(&["plan", "examples/intents/share-with-account.json"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(" 1. account 1111111111111111: ram CreateRole — Create the role arms-viewer")
    );
    assert!(text.contains(" 4. account 2222222222222222: ram CreateAccessKey — Create an AccessKey for arms-reader (secret shown once) [answer holds a secret; after 3]"));
}

/// A reader that closes the pipe early (`ramp … | head`) ends ramp quietly,
/// as `cat` does: exit 141 (SIGPIPE), nothing on stderr — no panic message.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    // Far more than a pipe holds (64 KiB): the same examples linted 100 times.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/policies/");
    let files: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    let mut args = vec!["lint".to_owned()];
    for _ in 0..100 {
        args.extend(files.iter().cloned());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // the reader goes away
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
