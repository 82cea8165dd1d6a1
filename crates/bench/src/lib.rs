//! The workloads `make bench` times, one definition for every host: the
//! native `ramp-bench` binary, the same code compiled to wasm (in Node and in
//! headless Chromium, see `wasm.rs`), and the criterion benches.
//!
//! - signing a typical RAM call (`CreateUser` with five parameters, V1 and
//!   V3) with fixed credentials, time and nonce — the input the official
//!   SDKs sign too (`tests/bench/sdk_python.py`, `tests/bench/sdk-node.mjs`);
//! - the signer's steps alone, from the common parameters or headers already
//!   built — the scope the SDKs' signers are timed in (`signer-V1`, `signer-V3`);
//! - the raw HMAC over the same string to sign, as the floor;
//! - parse + lint of a 6,144-character policy (RAM's limit);
//! - one evaluation for an identity with 10 attached policies;
//! - the access review over a saved survey (`audit`).
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod audit;
#[cfg(target_arch = "wasm32")]
mod wasm;

use std::hint::black_box;

use ramp_core::credentials::Credentials;
use ramp_core::policy::eval::{
    evaluate, Attachment, Caller, Context, Decision, NamedPolicy, Policies, Request,
};
use ramp_core::policy::lint::{lint_text, Options};
use ramp_core::policy::parse_policy;
use ramp_core::request::{ApiRequest, SignatureScheme};
use ramp_core::sign::{sign, v1, v3, Signed, SigningInput};
use ramp_core::time::UtcTime;

/// The AccessKey ID every implementation signs with.
pub const ACCESS_KEY_ID: &str = "LTAI5tBenchKeyId0000";
/// Its secret (a benchmark value, not a real key).
pub const ACCESS_KEY_SECRET: &str = "BenchSecret0123456789abcdefABCDEF";
/// The request time.
pub const TIMESTAMP: &str = "2025-06-01T08:00:00Z";
/// The nonce.
pub const NONCE: &str = "0123456789abcdef0123456789abcdef";

/// A typical RAM call: `CreateUser` with five parameters.
pub fn create_user() -> ApiRequest {
    ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01")
        .param("UserName", "alice")
        .param("DisplayName", "Alice Zhang 张三")
        .param("Email", "alice@example.com")
        .param("MobilePhone", "86-18600008888")
        .param("Comments", "ARMS read-only for the shop team")
}

/// The credentials.
pub fn credentials() -> Credentials {
    Credentials::new(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
}

/// `CreateUser` signed with `scheme`.
pub fn signed(scheme: SignatureScheme, credentials: &Credentials) -> Signed {
    let input = SigningInput {
        credentials,
        time: UtcTime::parse(TIMESTAMP).expect("a valid time"),
        nonce: NONCE,
    };
    sign(&create_user(), scheme, &input).expect("CreateUser signs")
}

/// Signs `CreateUser` `n` times; the last signature.
pub fn sign_n(scheme: SignatureScheme, n: u32) -> String {
    let credentials = credentials();
    let input = SigningInput {
        credentials: &credentials,
        time: UtcTime::parse(TIMESTAMP).expect("a valid time"),
        nonce: NONCE,
    };
    let req = create_user();
    let mut last = String::new();
    for _ in 0..n {
        let s = sign(black_box(&req), scheme, black_box(&input)).expect("signs");
        last = s.trace.signature;
    }
    last
}

/// Name-value pairs.
type Pairs = Vec<(String, String)>;

/// What was signed and sent, without the signature: the query's parameters
/// (decoded, `Signature` left out) and the headers (`authorization` left out).
fn unsigned_parts(s: &Signed) -> (Pairs, Pairs) {
    let query = ramp_core::encoding::parse_form(&s.request.query)
        .into_iter()
        .filter(|(k, _)| k != "Signature")
        .collect();
    let headers = s
        .request
        .headers
        .iter()
        .filter(|(k, _)| k != "authorization")
        .cloned()
        .collect();
    (query, headers)
}

/// The signer's steps alone, `n` times: from `CreateUser`'s parameters (V1) or
/// headers (V3) with the common ones already set — what the official SDKs'
/// signers are timed doing (`tests/bench/sdk_python.py`: tea-openapi's
/// `get_rpcsignature`, `get_authorization`) — the canonical forms, the string to
/// sign, the HMAC and (V3) the `Authorization` header. [`sign_n`] does more: it
/// checks the request, sets the common parameters or headers, and returns the
/// request to send.
pub fn signer_n(scheme: SignatureScheme, n: u32) -> String {
    let s = signed(scheme, &credentials());
    let (query, headers) = unsigned_parts(&s);
    let method = s.request.method.as_str();
    let mut last = String::new();
    match scheme {
        SignatureScheme::V1 => {
            for _ in 0..n {
                let canonical = v1::canonical_query(black_box(&query));
                let string_to_sign = v1::string_to_sign(method, &canonical);
                last = v1::signature(black_box(ACCESS_KEY_SECRET), &string_to_sign);
            }
        }
        SignatureScheme::V3 => {
            let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
            for _ in 0..n {
                let (canonical_headers, signed_headers) =
                    v3::canonical_headers(black_box(&headers), &names);
                let canonical = v3::canonical_request(
                    method,
                    &s.request.path,
                    &v3::canonical_query(black_box(&query)),
                    &canonical_headers,
                    &signed_headers,
                    &v3::hash_payload(b""),
                );
                let string_to_sign = v3::string_to_sign(&canonical);
                let signature = v3::signature(black_box(ACCESS_KEY_SECRET), &string_to_sign);
                black_box(v3::authorization(
                    ACCESS_KEY_ID,
                    &signed_headers,
                    &signature,
                ));
                last = signature;
            }
        }
    }
    last
}

/// The HMAC alone (and its encoding) over `CreateUser`'s string to sign, `n`
/// times: what no signer can go below.
pub fn hmac_n(scheme: SignatureScheme, n: u32) -> String {
    let string_to_sign = signed(scheme, &credentials()).trace.string_to_sign;
    let mut last = String::new();
    for _ in 0..n {
        last = match scheme {
            SignatureScheme::V1 => {
                v1::signature(black_box(ACCESS_KEY_SECRET), black_box(&string_to_sign))
            }
            SignatureScheme::V3 => {
                v3::signature(black_box(ACCESS_KEY_SECRET), black_box(&string_to_sign))
            }
        };
    }
    last
}

/// A realistic document of exactly 6,144 characters (RAM's limit): app-scoped
/// ARMS grants with conditions, Prometheus instances.
pub fn policy_6k() -> String {
    let statement = |i: usize| {
        format!(
            r#"{{"Sid":"App{i}","Effect":"Allow","Action":["arms:ReadTraceApp","arms:EditTraceApp","arms:GetTraceApp"],"Resource":["acs:arms:cn-hangzhou:1234567890123456:armsapp/shop-{i}-*","acs:arms:cn-shanghai:1234567890123456:prometheus/c{i}"],"Condition":{{"IpAddress":{{"acs:SourceIp":["10.{i}.0.0/16"]}},"Bool":{{"acs:SecureTransport":"true"}}}}}}"#
        )
    };
    let document = |statements: &[String]| {
        format!(
            r#"{{"Version":"1","Statement":[{}]}}"#,
            statements.join(",")
        )
    };
    let mut statements: Vec<String> = Vec::new();
    while document(&[statements.clone(), vec![statement(statements.len())]].concat()).len() <= 6144
    {
        statements.push(statement(statements.len()));
    }
    let doc = document(&statements);
    // Pad the first Sid so the document is exactly at the limit.
    let pad = "x".repeat(6144 - doc.len());
    doc.replacen(r#""Sid":"App0""#, &format!(r#""Sid":"App0{pad}""#), 1)
}

/// The linter's options: kind detected, a fixed clock.
pub fn lint_options() -> Options {
    Options {
        kind: None,
        now: Some(UtcTime::from_unix_seconds(1_795_000_000)),
    }
}

/// Parses and lints [`policy_6k`] `n` times; the number of findings.
pub fn lint_n(n: u32) -> usize {
    let text = policy_6k();
    let options = lint_options();
    let mut findings = 0;
    for _ in 0..n {
        findings = lint_text(black_box(&text), black_box(&options))
            .findings
            .len();
    }
    findings
}

/// Ten attached policies (20 statements, IP conditions).
pub fn ten_policies() -> Policies {
    let attachments = (0..10)
        .map(|i| {
            let json = format!(
                r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":["arms:Get*","arms:List*","cms:Describe*"],"Resource":"acs:arms:*:*:armsapp/team{i}-*"}},{{"Effect":"Deny","Action":"arms:Delete*","Resource":"*","Condition":{{"NotIpAddress":{{"acs:SourceIp":"10.0.0.0/8"}}}}}}]}}"#
            );
            Attachment {
                policy: NamedPolicy {
                    name: format!("p{i}"),
                    policy: parse_policy(&json).expect("a valid policy").policy,
                },
                resource_group: None,
            }
        })
        .collect();
    Policies {
        attachments,
        ..Policies::default()
    }
}

/// The question: may alice read an app the tenth policy grants?
pub fn question() -> Request {
    Request {
        caller: Caller::RamUser {
            account_id: "1234567890123456".into(),
            name: "alice".into(),
        },
        action: "arms:GetTraceApp".into(),
        resource: "acs:arms:cn-hangzhou:1234567890123456:armsapp/team9-web".into(),
        resource_group: None,
        context: Context::new().with("acs:SourceIp", "10.1.2.3"),
    }
}

/// Evaluates [`question`] against [`ten_policies`] `n` times; the decision.
pub fn evaluate_n(n: u32) -> Decision {
    let (policies, request) = (ten_policies(), question());
    let mut decision = Decision::ImplicitDeny;
    for _ in 0..n {
        decision = evaluate(black_box(&request), black_box(&policies)).decision;
    }
    decision
}

/// What the SDK runners sign and must agree with: for each scheme, the
/// method, path, query and headers Ramp sends (without the signature), and
/// the signature Ramp computed.
pub fn inputs() -> serde_json::Value {
    let credentials = credentials();
    let scheme_json = |scheme: SignatureScheme| {
        let s = signed(scheme, &credentials);
        let (query, headers) = unsigned_parts(&s);
        let as_map = |pairs: Pairs| -> serde_json::Map<String, serde_json::Value> {
            pairs.into_iter().map(|(k, v)| (k, v.into())).collect()
        };
        let (query, headers) = (as_map(query), as_map(headers));
        serde_json::json!({
            "method": s.request.method.as_str(),
            "path": s.request.path,
            "query": query,
            "headers": headers,
            "stringToSign": s.trace.string_to_sign,
            "signature": s.trace.signature,
        })
    };
    serde_json::json!({
        "accessKeyId": ACCESS_KEY_ID,
        "accessKeySecret": ACCESS_KEY_SECRET,
        "V1": scheme_json(SignatureScheme::V1),
        "V3": scheme_json(SignatureScheme::V3),
    })
}

/// One workload by name, `n` times, for the runners: `sign-V1`, `sign-V3`,
/// `signer-V1`, `signer-V3`, `hmac-V1`, `hmac-V3`, `lint`, `evaluate`. Returns what the last run
/// produced (a signature, a findings count, a decision), or `None` for an
/// unknown name.
pub fn run(name: &str, n: u32) -> Option<String> {
    Some(match name {
        "sign-V1" => sign_n(SignatureScheme::V1, n),
        "sign-V3" => sign_n(SignatureScheme::V3, n),
        "signer-V1" => signer_n(SignatureScheme::V1, n),
        "signer-V3" => signer_n(SignatureScheme::V3, n),
        "hmac-V1" => hmac_n(SignatureScheme::V1, n),
        "hmac-V3" => hmac_n(SignatureScheme::V3, n),
        "lint" => lint_n(n).to_string(),
        "evaluate" => format!("{:?}", evaluate_n(n)),
        _ => return None,
    })
}

/// Every workload's name, in report order.
pub const WORKLOADS: [&str; 8] = [
    "sign-V1",
    "sign-V3",
    "signer-V1",
    "signer-V3",
    "hmac-V1",
    "hmac-V3",
    "lint",
    "evaluate",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_at_rams_limit_and_lints_without_errors() {
        let text = policy_6k();
        assert_eq!(text.chars().count(), 6144);
        let report = lint_text(&text, &lint_options());
        assert!(report
            .findings
            .iter()
            .all(|f| f.check.tier != ramp_core::policy::lint::Tier::Error));
    }

    #[test]
    fn the_tenth_policy_allows_and_every_workload_runs() {
        assert_eq!(evaluate_n(2), Decision::Allow);
        for name in WORKLOADS {
            assert!(run(name, 1).is_some_and(|out| !out.is_empty()), "{name}");
        }
        assert!(run("nothing", 1).is_none());
    }

    #[test]
    fn the_signer_steps_give_the_signature() {
        for scheme in [SignatureScheme::V1, SignatureScheme::V3] {
            assert_eq!(signer_n(scheme, 1), sign_n(scheme, 1));
        }
    }

    #[test]
    fn the_hmac_floor_is_the_signature() {
        // The floor computes exactly the signature, from the string to sign alone.
        for scheme in [SignatureScheme::V1, SignatureScheme::V3] {
            assert_eq!(hmac_n(scheme, 1), sign_n(scheme, 1));
        }
    }
}
