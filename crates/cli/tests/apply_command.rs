//! `ramp apply` against the sandbox (`ramp serve` on loopback), as CI and a
//! person at a terminal run it: every example intent in examples/intents/
//! applied, then applied again (every change "already there", no secret
//! handed out twice), the lifecycle ones planned from the account as read
//! first; secrets only in a 0600 file, never in the journal; an offboarding
//! that leaves nothing of the user in the access review; irreversible steps
//! refused without --yes; then every run rolled back, newest first, until
//! the accounts hold only what the sandbox started with.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Sandbox {
    child: Child,
    endpoint: String,
    dir: PathBuf,
    rg: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const A: &str = "1111111111111111";
const B: &str = "2222222222222222";

fn start() -> Sandbox {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("ramp-apply-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("dist/index.html"), "<html></html>").unwrap();
    let config = serde_json::json!({"accounts": [
        {"id": A, "alias": "demo-a", "admin-access-key-id": "LTAIapplyA0000001", "admin-access-key-secret": "apply-secret-a-000000000001", "resource-groups": ["shop"]},
        {"id": B, "alias": "demo-b", "admin-access-key-id": "LTAIapplyB0000001", "admin-access-key-secret": "apply-secret-b-000000000001"},
    ]});
    std::fs::write(dir.join("sandbox.json"), config.to_string()).unwrap();
    let profiles = serde_json::json!({"current": "a", "profiles": [
        {"name": "a", "mode": "AK", "access_key_id": "LTAIapplyA0000001", "access_key_secret": "apply-secret-a-000000000001"},
        {"name": "b", "mode": "AK", "access_key_id": "LTAIapplyB0000001", "access_key_secret": "apply-secret-b-000000000001"},
    ]});
    std::fs::write(dir.join("aliyun.json"), profiles.to_string()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .current_dir(&dir)
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--dist",
            "dist",
            "--sandbox-config",
            "sandbox.json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (mut endpoint, mut rg) = (String::new(), String::new());
    for line in common::banner(&mut child, &["Demo keys"]) {
        if let Some(rest) = line.split("at http://").nth(1) {
            endpoint = format!("http://{}", rest.trim().trim_end_matches('/'));
        }
        if let Some(rest) = line.split("resource group shop: ").nth(1) {
            rg = rest.trim().to_owned();
        }
    }
    assert!(
        !endpoint.is_empty() && rg.starts_with("rg-"),
        "{endpoint} {rg}"
    );
    Sandbox {
        child,
        endpoint,
        dir,
        rg,
    }
}

impl Sandbox {
    fn ramp(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ramp"))
            .current_dir(&self.dir)
            .env("ALIBABA_CLOUD_CONFIG_FILE", self.dir.join("aliyun.json"))
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
            .args(args)
            .output()
            .unwrap()
    }

    fn apply(&self, file: &str, extra: &[&str]) -> Output {
        let mut args = vec![
            "apply",
            file,
            "--endpoint",
            &self.endpoint,
            "--profile",
            "a",
            "--account-profile",
            "2222222222222222=b",
        ];
        args.extend_from_slice(extra);
        self.ramp(&args)
    }

    /// An example intent, copied here (the resource group named as the sandbox made it).
    fn example(&self, name: &str) -> String {
        let text =
            std::fs::read_to_string(root().join(format!("examples/intents/{name}.json"))).unwrap();
        let file = format!("{name}.json");
        std::fs::write(self.dir.join(&file), text.replace("rg-aek2shop", &self.rg)).unwrap();
        file
    }

    /// A lifecycle intent planned from the account as read, to a plan file.
    fn planned(&self, name: &str) -> String {
        let intent = self.example(name);
        let plan = format!("{name}.plan.json");
        let out = self.ramp(&[
            "plan",
            &intent,
            "--endpoint",
            &self.endpoint,
            "--profile",
            "a",
            "--export",
            "json",
            "-o",
            &plan,
        ]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        plan
    }

    fn audit(&self, profile: &str) -> serde_json::Value {
        let out = self.ramp(&[
            "audit",
            "--endpoint",
            &self.endpoint,
            "--profile",
            profile,
            "--format",
            "json",
        ]);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)))
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The progress lines of the steps that change something (reads and AssumeRole aside).
fn changes(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with('['))
        .filter(|l| {
            !["GetPasswordPolicy", "AssumeRole", "GetCallerIdentity"]
                .iter()
                .any(|r| l.contains(&format!(" {r} ")))
        })
        .collect()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn names(audit: &serde_json::Value) -> Vec<String> {
    audit["principals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}:{}",
                p["type"].as_str().unwrap_or_default(),
                p["name"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn every_example_applies_twice_then_rolls_back_to_the_start() {
    let sb = start();
    let before_a = names(&sb.audit("a"));
    let before_b = names(&sb.audit("b"));
    let creating = [
        "teammate-console",
        "team-group",
        "teammate-programmatic",
        "share-with-account",
        "verify-access",
    ];
    let lifecycle = [
        "revoke-arms",
        "rotate-key",
        "change-trust",
        "change-policy",
        "offboard",
        "offboard-delete",
    ];
    let mut applied: Vec<String> = Vec::new();
    let mut secrets_seen: Vec<String> = Vec::new();

    for name in creating.iter().chain(&lifecycle) {
        let file = if creating.contains(name) {
            sb.example(name)
        } else {
            sb.planned(name)
        };
        let secrets = format!("{name}.secrets");
        let first = sb.apply(&file, &["--secrets", &secrets, "--yes"]);
        let err = text(&first.stderr);
        assert_eq!(first.status.code(), Some(0), "{name}: {err}");
        // Verifying only reads and assumes the role (fresh credentials each time).
        let verifies = *name == "verify-access";
        assert!(
            verifies || !changes(&err).is_empty(),
            "{name} did nothing: {err}"
        );
        assert!(
            changes(&err).iter().all(|l| l.ends_with(": done")),
            "{name}: {err}"
        );
        let secrets_path = sb.dir.join(&secrets);
        if secrets_path.exists() {
            assert_eq!(
                mode(&secrets_path),
                0o600,
                "{name}: the secrets file is the owner's only"
            );
            let held: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&secrets_path).unwrap()).unwrap();
            for s in held.as_array().unwrap() {
                for k in ["password", "access-key-secret", "security-token"] {
                    if let Some(v) = s[k].as_str() {
                        secrets_seen.push(v.to_owned());
                    }
                }
            }
            std::fs::remove_file(&secrets_path).unwrap();
        }
        // No secret on standard output when they go to a file; none in the progress.
        assert!(first.stdout.is_empty(), "{name}: {}", text(&first.stdout));
        assert!(
            !secrets_seen.iter().any(|s| err.contains(s.as_str())),
            "{name}: a secret in the progress"
        );

        let second = sb.apply(&file, &["--secrets", &secrets, "--yes"]);
        let err2 = text(&second.stderr);
        assert_eq!(second.status.code(), Some(0), "{name} again: {err2}");
        let again = changes(&err2);
        assert!(verifies || !again.is_empty(), "{name} again: {err2}");
        assert!(
            again.iter().all(|l| l.ends_with(": already there")),
            "{name} again: {err2}"
        );
        assert_eq!(
            sb.dir.join(&secrets).exists(),
            verifies,
            "{name}: a secret handed out twice"
        );
        let _ = std::fs::remove_file(sb.dir.join(&secrets));
        applied.push(file);

        if *name == "offboard-delete" {
            // Nothing of alice remains: no principal, no group membership.
            let audit = sb.audit("a");
            assert!(!names(&audit).contains(&"user:alice".to_owned()), "{audit}");
            assert!(
                !audit.to_string().contains("user/alice"),
                "alice remains somewhere: {audit}"
            );
        }
        if *name == "revoke-arms" {
            let audit = sb.audit("a");
            let bob = audit["principals"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "bob")
                .unwrap();
            assert_eq!(bob["arms"], "none", "{bob}");
        }
    }

    // The journals hold what to undo, never a secret, only for their owner.
    for file in &applied {
        let journal = sb.dir.join(format!("{file}.applied"));
        if journal.exists() {
            assert_eq!(mode(&journal), 0o600);
            let j = std::fs::read_to_string(&journal).unwrap();
            assert!(
                !secrets_seen.iter().any(|s| j.contains(s.as_str())),
                "{file}: a secret in the journal"
            );
        }
    }
    assert!(
        secrets_seen.len() >= 5,
        "passwords, keys and STS credentials were handed out: {}",
        secrets_seen.len()
    );

    for file in applied.iter().rev() {
        let out = sb.apply(file, &["--rollback"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "rollback of {file}: {}",
            text(&out.stderr)
        );
        assert!(
            !sb.dir.join(format!("{file}.applied")).exists(),
            "{file}: the journal is gone once undone"
        );
    }
    assert_eq!(names(&sb.audit("a")), before_a);
    assert_eq!(names(&sb.audit("b")), before_b);
}

#[test]
fn irreversible_steps_need_yes_and_bad_input_exits_2() {
    let sb = start();
    sb.example("teammate-console");
    assert_eq!(
        sb.apply("teammate-console.json", &["--secrets", "s.json"])
            .status
            .code(),
        Some(0)
    );
    let plan = sb.planned("offboard-delete");
    let out = sb.apply(&plan, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("These steps cannot be undone")
            && err.contains("Delete the user alice")
            && err.contains("--yes"),
        "{err}"
    );
    // Nothing was sent: alice is still there.
    assert!(names(&sb.audit("a")).contains(&"user:alice".to_owned()));

    std::fs::write(sb.dir.join("junk.json"), "{\"flow\": \"teleport\"}").unwrap();
    let junk = sb.apply("junk.json", &[]);
    assert_eq!(junk.status.code(), Some(2));
    assert!(
        text(&junk.stderr).contains("neither a plan nor an intent"),
        "{}",
        text(&junk.stderr)
    );

    // A lifecycle intent for another account than the credentials read.
    let other = sb.example("revoke-arms").replace(".json", "-b.json");
    let t = std::fs::read_to_string(sb.dir.join("revoke-arms.json"))
        .unwrap()
        .replace(A, "3333333333333333");
    std::fs::write(sb.dir.join(&other), t).unwrap();
    let wrong = sb.apply(&other, &[]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        text(&wrong.stderr).contains("the credentials read account 1111111111111111"),
        "{}",
        text(&wrong.stderr)
    );
}

#[test]
fn a_failed_step_stops_with_exit_1_and_the_run_resumes() {
    let sb = start();
    // A team group whose member does not exist yet: AddUserToGroup fails.
    sb.example("team-group");
    let out = sb.apply("team-group.json", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("FAILED EntityNotExist.User"),
        "{}",
        text(&out.stderr)
    );
    // Create the members, then the same plan resumes: what was done is already there.
    sb.example("teammate-console");
    assert_eq!(
        sb.apply("teammate-console.json", &["--secrets", "s.json"])
            .status
            .code(),
        Some(0)
    );
    let again = sb.apply("team-group.json", &[]);
    let err = text(&again.stderr);
    assert_eq!(again.status.code(), Some(0), "{err}");
    assert!(
        err.contains("Create the user group arms-sre: already there")
            || err.contains("arms-sre: already there"),
        "{err}"
    );
    // Its rollback undoes the first run's group as well as the second's memberships.
    let back = sb.apply("team-group.json", &["--rollback"]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    assert!(!names(&sb.audit("a")).contains(&"group:arms-sre".to_owned()));
}
