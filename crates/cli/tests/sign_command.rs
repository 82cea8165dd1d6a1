//! `ramp sign` as users run it: the real binary, real files.

use std::process::{Command, Output};

const SHARED_V1: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../vectors/official/rpc-v1-hmac-sha1.json"
);
const SHARED_V3: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../vectors/official/acs3-hmac-sha256.json"
);

fn ramp(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ramp"));
    cmd.args(args)
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("ramp runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn vectors_all_match() {
    let out = ramp(&["sign", "--vectors", SHARED_V1, SHARED_V3], &[]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("27 matching, 0 mismatching"), "{text}");
}

#[test]
fn a_tampered_vector_is_listed_and_exits_1() {
    let original = std::fs::read_to_string(SHARED_V1).unwrap();
    // Change one expected signature in the file (the data, not the code).
    let tampered = original.replacen(
        "\"signature\": \"OLeaidS1JvxuMvnyHOwuJ+uX5qY=\"",
        "\"signature\": \"AAAAidS1JvxuMvnyHOwuJ+uX5qY=\"",
        1,
    );
    assert_ne!(tampered, original, "the shared file changed shape");
    let path = std::env::temp_dir().join(format!("ramp-tampered-{}.json", std::process::id()));
    std::fs::write(&path, tampered).unwrap();
    let out = ramp(&["sign", "--vectors", path.to_str().unwrap()], &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("MISMATCH doc_DescribeRegions_canonical_Timestamp_spelling"),
        "{text}"
    );
    assert!(text.contains("20 matching, 1 mismatching"), "{text}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn unreadable_vector_file_exits_2() {
    let out = ramp(&["sign", "--vectors", "/nonexistent/vectors.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn signs_the_documentation_example_from_flags() {
    let args = [
        "sign",
        "--scheme",
        "v1",
        "--method",
        "GET",
        "--host",
        "ecs.aliyuncs.com",
        "--action",
        "DescribeRegions",
        "--api-version",
        "2014-05-26",
        "--param",
        "Format=XML",
        "--access-key-id",
        "testid",
        "--time",
        "2016-02-23T12:46:24Z",
        "--nonce",
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "--json",
    ];
    let out = ramp(&args, &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The documentation example's expected signature, as the shared vector file states it.
    let vectors: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SHARED_V1).unwrap()).unwrap();
    let expected = vectors
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "doc_DescribeRegions_canonical_Timestamp_spelling")
        .unwrap()["signature"]
        .clone();
    assert_eq!(json["signature"], expected);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("testsecret"));
}

#[test]
fn missing_secret_and_secret_in_file_are_clear_errors() {
    let out = ramp(
        &[
            "sign",
            "--host",
            "ram.aliyuncs.com",
            "--action",
            "ListUsers",
            "--api-version",
            "2015-05-01",
            "--access-key-id",
            "LTAI5tX",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));

    let path = std::env::temp_dir().join(format!("ramp-req-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"host":"ram.aliyuncs.com","action":"ListUsers","version":"2015-05-01","access_key_secret":"oops"}"#).unwrap();
    let out = ramp(
        &["sign", "--request", path.to_str().unwrap()],
        &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("holds a secret") && !err.contains("oops"),
        "{err}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn bad_host_names_the_field_and_the_fix() {
    let out = ramp(
        &[
            "sign",
            "--host",
            "https://ram.aliyuncs.com/",
            "--action",
            "ListUsers",
            "--api-version",
            "2015-05-01",
            "--access-key-id",
            "LTAI5tX",
        ],
        &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("e.g. ram.aliyuncs.com"));
}
