//! `ramp fmt` as users run it: the real binary on real files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ramp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramp"))
        .args(args)
        .output()
        .expect("ramp runs")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ramp-fmt-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, text).unwrap();
    path
}

const MESSY: &str = r#"{"Statement":[{"Resource":"*","Action":["arms:Get*",
   "arms:List*"],"Effect":"Allow"}],"Version":"1"}"#;

const CANONICAL: &str = r#"{
  "Version": "1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "arms:Get*",
        "arms:List*"
      ],
      "Resource": "*"
    }
  ]
}
"#;

#[test]
fn check_reports_then_fmt_rewrites_then_check_passes() {
    let path = temp_file("messy", MESSY);
    let p = path.to_str().unwrap();
    let out = ramp(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not formatted"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        MESSY,
        "--check must not write"
    );

    assert!(ramp(&["fmt", p]).status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), CANONICAL);
    assert_eq!(ramp(&["fmt", "--check", p]).status.code(), Some(0));
}

#[test]
fn malformed_json_points_at_line_and_column() {
    let path = temp_file("broken", "{\n  \"Version\": \"1\"\n  \"Statement\": []\n}");
    let out = ramp(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.json:3:3: error: line 3, column 3: unexpected '\"'"),
        "{err}"
    );
}

#[test]
fn a_document_with_problems_is_left_alone() {
    let text = r#"{"Version":"1","Statement":[{"effect":"Allow","Action":"a:b","Resource":"*"}]}"#;
    let path = temp_file("problem", text);
    let out = ramp(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("write `Effect`") && err.contains("not formatted"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
