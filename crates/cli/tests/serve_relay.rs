//! `ramp serve` as operators run it: the real binary as a relay in front of
//! another `ramp serve` running the sandbox — secrets stay out of the logs,
//! SIGTERM lets in-flight requests finish, health and metrics answer, CORS is
//! exact, a bad setting stops start-up.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ramp_core::api::ram::{
    AttachPolicyToRole, AttachPolicyToUser, CreateAccessKey, CreateRole, CreateUser,
};
use ramp_core::api::sts::{AssumeRole, GetCallerIdentity};
use ramp_core::api::{Operation, Service};
use ramp_core::credentials::Credentials;
use ramp_core::request::SignatureScheme;
use ramp_core::sign::{sign, SigningInput};
use ramp_core::time::UtcTime;

struct Server {
    child: Child,
    addr: String,
    banner: Vec<String>,
    log: std::path::PathBuf,
}

fn dist() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ramp-serve-relay-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("index.html"), "<html></html>").unwrap();
    d
}

/// Starts `ramp serve --bind 127.0.0.1:0 ARGS`; stderr (the logs) goes to a file.
fn serve(args: &[&str]) -> Server {
    let log = std::env::temp_dir().join(format!(
        "ramp-serve-relay-{}-{}.log",
        std::process::id(),
        nanos()
    ));
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .args(["serve", "--bind", "127.0.0.1:0", "--dist"])
        .arg(dist())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let banner = common::banner(&mut child, &["Relaying", "No relay", "Demo keys"]);
    let addr = banner
        .iter()
        .rev()
        .find_map(|line| line.split("at http://").nth(1))
        .map(|rest| rest.trim().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    assert!(
        !addr.is_empty(),
        "ramp serve did not start: {banner:?} {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    Server {
        child,
        addr,
        banner,
        log,
    }
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

impl Server {
    /// The admin key of seed account `i`, from the keys file the banner names.
    fn admin(&self, i: usize) -> Credentials {
        let line = self
            .banner
            .iter()
            .find(|l| l.starts_with("Demo keys"))
            .expect("the banner names the keys file");
        let path = line
            .split(": ")
            .nth(1)
            .and_then(|rest| rest.split(" (owner only").next())
            .unwrap();
        let keys: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let admin = &keys[i]["admin"];
        Credentials::new(
            admin["access_key_id"].as_str().unwrap(),
            admin["access_key_secret"].as_str().unwrap(),
        )
    }

    /// What the banner printed.
    fn banner_text(&self) -> String {
        self.banner.concat()
    }

    fn stop(mut self) -> String {
        unsafe_free_sigterm(self.child.id());
        let _ = self.child.wait();
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// SIGTERM through the `kill` command (no libc binding needed).
fn unsafe_free_sigterm(pid: u32) {
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// A raw HTTP/1.1 exchange; status, headers, body.
fn http(addr: &str, request: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

/// Signs `call` for its real host and sends it through the relay; what was signed is returned too.
fn relayed<C: Operation>(
    relay: &str,
    creds: &Credentials,
    scheme: SignatureScheme,
    call: &C,
) -> (u16, String, Vec<String>) {
    let req = call.request().unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let nonce = format!("relay-{}", nanos());
    let input = SigningInput {
        credentials: creds,
        time: UtcTime::from_unix_seconds(now),
        nonce: &nonce,
    };
    let signed = sign(&req, scheme, &input).unwrap();
    let http_req = &signed.request;
    let query = http_req.query_string();
    let service = match C::SERVICE {
        Service::Sts => "sts",
        other => other.code(),
    };
    let mut text = format!("POST /relay/{service}?{query} HTTP/1.1\r\nhost: {relay}\r\nconnection: close\r\ncontent-length: {}\r\n", http_req.body.len());
    for (k, v) in &http_req.headers {
        if k != "host" {
            text.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    text.push_str("\r\n");
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(&http_req.body);
    let (status, _, body) = http(relay, &bytes);
    (
        status,
        body,
        vec![signed.trace.signature.clone(), query.to_owned()],
    )
}

/// A 200 answer's body; what was signed joins the list of things the logs must not hold.
fn ok(secrets: &mut Vec<String>, (status, body, signed): (u16, String, Vec<String>)) -> String {
    assert_eq!(status, 200, "{body}");
    secrets.extend(signed);
    body
}

const TRUST_B: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1680000000000002:root"]},"Condition":{"StringEquals":{"sts:ExternalId":"relay-ext-1"}}}]}"#;

#[test]
fn a_cross_account_flow_through_the_relay_leaves_no_secret_in_the_logs() {
    let sandbox = serve(&[]);
    let relay = serve(&[
        "--upstream-url",
        &format!("http://{}", sandbox.addr),
        "--log-format",
        "json",
        "--rate-per-client",
        "0",
    ]);
    let (a, b) = (sandbox.admin(0), sandbox.admin(1));
    // The start-up banner (stdout: journald, container logs) names where the
    // keys are and holds none of them.
    for s in [&a, &b] {
        assert!(!sandbox.banner_text().contains(s.access_key_secret.expose()));
        assert!(!sandbox.banner_text().contains(&s.access_key_id));
    }
    let mut secrets: Vec<String> = vec![
        a.access_key_secret.expose().to_owned(),
        b.access_key_secret.expose().to_owned(),
    ];
    let v3 = SignatureScheme::V3;
    let v1 = SignatureScheme::V1;
    ok(
        &mut secrets,
        relayed(
            &relay.addr,
            &a,
            v3,
            &CreateRole {
                role_name: "arms-viewer".into(),
                assume_role_policy_document: TRUST_B.into(),
                ..Default::default()
            },
        ),
    );
    ok(
        &mut secrets,
        relayed(
            &relay.addr,
            &a,
            v1,
            &AttachPolicyToRole {
                policy_type: "System".into(),
                policy_name: "AliyunARMSReadOnlyAccess".into(),
                role_name: "arms-viewer".into(),
                resource_group_id: None,
            },
        ),
    );
    ok(
        &mut secrets,
        relayed(
            &relay.addr,
            &b,
            v3,
            &CreateUser {
                user_name: "alice".into(),
                ..Default::default()
            },
        ),
    );
    ok(
        &mut secrets,
        relayed(
            &relay.addr,
            &b,
            v3,
            &AttachPolicyToUser {
                policy_type: "System".into(),
                policy_name: "AliyunSTSAssumeRoleAccess".into(),
                user_name: "alice".into(),
                resource_group_id: None,
            },
        ),
    );
    let key_body = ok(
        &mut secrets,
        relayed(
            &relay.addr,
            &b,
            v1,
            &CreateAccessKey {
                user_name: Some("alice".into()),
            },
        ),
    );
    let key = CreateAccessKey::parse_response(&key_body)
        .unwrap()
        .access_key;
    let alice = Credentials::new(
        key.access_key_id.clone(),
        key.access_key_secret.as_ref().unwrap().expose(),
    );
    secrets.push(alice.access_key_secret.expose().to_owned());
    let assumed_body = ok(
        &mut secrets,
        relayed(
            &relay.addr,
            &alice,
            v3,
            &AssumeRole {
                role_arn: "acs:ram::1680000000000001:role/arms-viewer".into(),
                role_session_name: "alice".into(),
                external_id: Some("relay-ext-1".into()),
                ..Default::default()
            },
        ),
    );
    let c = AssumeRole::parse_response(&assumed_body)
        .unwrap()
        .credentials;
    let token = c.security_token.as_ref().unwrap().expose().to_owned();
    let session = Credentials::new(
        c.access_key_id.clone(),
        c.access_key_secret.as_ref().unwrap().expose(),
    )
    .with_security_token(token.clone());
    secrets.push(session.access_key_secret.expose().to_owned());
    secrets.push(token.clone());
    for scheme in [v1, v3] {
        let me = ok(
            &mut secrets,
            relayed(&relay.addr, &session, scheme, &GetCallerIdentity {}),
        );
        assert!(me.contains("assumed-role/arms-viewer/alice"), "{me}");
    }

    let logs = relay.stop();
    drop(sandbox);
    // The logs are there and say what happened…
    for action in [
        "CreateRole",
        "AttachPolicyToRole",
        "CreateUser",
        "CreateAccessKey",
        "AssumeRole",
        "GetCallerIdentity",
    ] {
        assert!(
            logs.contains(&format!("\"action\":\"{action}\"")),
            "no log line for {action}:\n{logs}"
        );
    }
    assert!(logs.contains("\"status\":200"));
    // …and hold no secret, signature, token or query string.
    for s in secrets.iter().filter(|s| !s.is_empty()) {
        // Name only a prefix: the failure message is itself a log.
        assert!(
            !logs.contains(s.as_str()),
            "the logs contain a secret, signature, token or query string starting {:.6}",
            s
        );
    }
    for needle in [
        "Signature",
        "SecurityToken",
        "AccessKeyId=",
        "Timestamp=",
        "authorization",
        "ACS3-HMAC-SHA256",
        "CAIS",
    ] {
        assert!(!logs.contains(needle), "the logs contain `{needle}`");
    }
}

#[test]
fn sigterm_lets_in_flight_requests_finish() {
    // A slow upstream: a listener that answers after 1.5 s.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let up = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                std::thread::sleep(Duration::from_millis(1500));
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}");
            });
        }
    });
    let relay = serve(&["--upstream-url", &format!("http://{up}")]);
    let addr = relay.addr.clone();
    let pending = std::thread::spawn(move || {
        http(&addr, b"POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
    });
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    let mut relay = relay;
    unsafe_free_sigterm(relay.child.id());
    let (status, _, body) = pending.join().unwrap();
    assert_eq!(
        (status, body.as_str()),
        (200, "{}"),
        "the in-flight request finished"
    );
    let exit = relay.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    assert!(t.elapsed() < Duration::from_secs(10));
}

#[test]
fn health_readiness_metrics_and_cors() {
    let s = serve(&["--allow-origin", "https://portal.example.com"]);
    let (status, _, body) = http(
        &s.addr,
        b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n",
    );
    assert_eq!(status, 200, "{body}");
    let (status, _, body) = http(
        &s.addr,
        b"GET /readyz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(body.contains("\"upstream\":\"sandbox\""), "{body}");
    // Made-up action names (on a relayed service and on a refused one) never
    // become labels: they count under `other`, so /metrics cannot be grown.
    for i in 0..20 {
        for path in ["/relay/ram", "/relay/nope"] {
            let request = format!("POST {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-acs-action: MadeUp{i}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            http(&s.addr, request.as_bytes());
        }
    }
    // One relayed call, then the metrics show it.
    let a = s.admin(0);
    let (status, body, _) = relayed(&s.addr, &a, SignatureScheme::V3, &GetCallerIdentity {});
    assert_eq!(status, 200, "{body}");
    let (status, head, metrics) = http(
        &s.addr,
        b"GET /metrics HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/plain; version=0.0.4"),
        "{head}"
    );
    assert!(metrics.contains("ramp_relay_requests_total{service=\"sts\",action=\"GetCallerIdentity\",status=\"200\"} 1"), "{metrics}");
    assert!(!metrics.contains("MadeUp"), "{metrics}");
    assert!(metrics.contains("action=\"other\""), "{metrics}");
    assert!(
        metrics.contains("ramp_relay_duration_seconds_count 41"),
        "{metrics}"
    );
    assert!(metrics.contains("ramp_relay_in_flight 0"), "{metrics}");
    // CORS: the listed origin gets a preflight answer and headers; another origin does not.
    let preflight = |origin: &str| {
        http(&s.addr, format!("OPTIONS /relay/sts HTTP/1.1\r\nhost: 127.0.0.1\r\norigin: {origin}\r\naccess-control-request-method: POST\r\naccess-control-request-headers: authorization, x-acs-date\r\nconnection: close\r\n\r\n").as_bytes())
    };
    let (status, head, _) = preflight("https://portal.example.com");
    assert_eq!(status, 204);
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("access-control-allow-origin: https://portal.example.com"),
        "{head}"
    );
    assert!(
        head.contains("access-control-allow-headers:") && head.contains("x-acs-date"),
        "{head}"
    );
    let (status, head, _) = preflight("https://evil.example.com");
    assert_eq!(status, 403);
    assert!(!head
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
    let (_, head, _) = http(&s.addr, b"GET /api/info HTTP/1.1\r\nhost: 127.0.0.1\r\norigin: https://portal.example.com\r\nconnection: close\r\n\r\n");
    assert!(
        head.to_ascii_lowercase()
            .contains("access-control-allow-origin: https://portal.example.com"),
        "{head}"
    );
    // Not on the app's own pages.
    let (_, head, _) = http(&s.addr, b"GET / HTTP/1.1\r\nhost: 127.0.0.1\r\norigin: https://portal.example.com\r\nconnection: close\r\n\r\n");
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("access-control-allow-origin"),
        "{head}"
    );
}

#[test]
fn a_bad_setting_stops_start_up_naming_it() {
    for (args, needle) in [
        (
            vec!["--upstream-url", "http://192.168.1.10:80"],
            "--upstream-url",
        ),
        (vec!["--allow-origin", "*"], "--allow-origin"),
        (vec!["--timeout", "0"], "--timeout"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ramp"))
            .arg("serve")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    let bad_env = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .arg("serve")
        .env("RAMP_MAX_CONCURRENT", "many")
        .output()
        .unwrap();
    assert_eq!(bad_env.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_env.stderr).contains("--max-concurrent"));
    let help = Command::new(env!("CARGO_BIN_EXE_ramp"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for documented in [
        "--upstream",
        "[default: sandbox]",
        "--allow-origin",
        "RAMP_TIMEOUT",
        "[default: 30]",
        "--log-format",
        "--config",
    ] {
        assert!(
            help.contains(documented),
            "ramp serve --help lacks {documented}"
        );
    }
}
