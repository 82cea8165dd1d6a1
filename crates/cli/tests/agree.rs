//! One decision, four ways (issue 20): for generated permission policies and
//! requests, given the request's whole context, the sandbox (a real signed
//! call), ramp-core's simulator (what the studio runs, compiled to wasm, and
//! ramp-js exposes) and `ramp simulate --complete` give the same answer.
//! A disagreement is a fidelity bug in one of them (docs/fidelity.md).

#![allow(clippy::result_large_err)]

use std::process::Command;

use proptest::prelude::*;
use ramp_core::api::ram::{AttachPolicyToUser, CreateAccessKey, CreatePolicy, CreateUser, GetUser};
use ramp_core::api::{ApiError, Operation};
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::policy::catalogue::find_action;
use ramp_core::policy::lint::Kind;
use ramp_core::policy::simulate::{simulate, Question};
use ramp_core::request::SignatureScheme;
use ramp_core::sign::{self, SigningInput};
use ramp_core::time::UtcTime;
use ramp_sandbox::{seed, Incoming, Options, Sandbox};

const T0: i64 = 1_800_000_000;

fn condition() -> impl Strategy<Value = Option<String>> {
    let string_ops = prop::sample::select(vec![
        "StringEquals",
        "StringNotEquals",
        "StringLike",
        "StringNotLike",
    ]);
    let string_keys = prop::sample::select(vec![
        ("acs:UserAgent", vec!["tool-a/1", "banned/*", "*"]),
        ("acs:SourceVpc", vec!["vpc-ops", "vpc-*"]),
        (
            "acs:PrincipalARN",
            vec!["acs:ram::1680000000000001:user/bob", "acs:ram::*:user/*"],
        ),
        ("acs:ResourceTag/team", vec!["dev"]),
    ]);
    prop_oneof![
        Just(None),
        (string_ops, string_keys, any::<prop::sample::Index>()).prop_map(
            |(op, (key, values), i)| {
                Some(format!(
                    r#"{{"{op}":{{"{key}":"{}"}}}}"#,
                    values[i.index(values.len())]
                ))
            }
        ),
        prop::sample::select(vec![
            r#"{"Bool":{"acs:SecureTransport":"true"}}"#,
            r#"{"Bool":{"acs:SecureTransport":"false"}}"#,
            r#"{"Bool":{"acs:MFAPresent":"false"}}"#,
            r#"{"IpAddress":{"acs:SourceIp":"127.0.0.0/8"}}"#,
            r#"{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}}"#,
            r#"{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}"#,
        ])
        .prop_map(|c| Some(c.to_owned())),
    ]
}

fn statement() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["Allow", "Deny"]),
        prop::sample::select(vec![
            "ram:GetUser",
            "ram:Get*",
            "ram:*",
            "*",
            "ram:ListUsers",
        ]),
        prop::sample::select(vec![
            "*",
            "acs:ram:*:1680000000000001:user/bob",
            "acs:ram:*:1680000000000001:user/*",
            "acs:ram:*:1680000000000001:user/alice",
        ]),
        condition(),
    )
        .prop_map(|(effect, action, resource, condition)| {
            let condition = condition
                .map(|c| format!(r#","Condition":{c}"#))
                .unwrap_or_default();
            format!(
                r#"{{"Effect":"{effect}","Action":"{action}","Resource":"{resource}"{condition}}}"#
            )
        })
}

fn policy() -> impl Strategy<Value = String> {
    prop::collection::vec(statement(), 1..4)
        .prop_map(|s| format!(r#"{{"Version":"1","Statement":[{}]}}"#, s.join(",")))
}

struct World {
    sandbox: Sandbox,
    bob: Credentials,
    account: String,
    nonce: std::cell::Cell<u64>,
}

impl World {
    fn call<C: Operation>(
        &self,
        creds: &Credentials,
        call: &C,
        agent: &str,
    ) -> Result<C::Response, ApiError> {
        self.nonce.set(self.nonce.get() + 1);
        let nonce = format!("agree-{}", self.nonce.get());
        let input = SigningInput {
            credentials: creds,
            time: UtcTime::from_unix_seconds(T0),
            nonce: &nonce,
        };
        let mut http = sign::sign(&call.request().unwrap(), SignatureScheme::V3, &input)
            .unwrap()
            .request;
        http.headers.push(("user-agent".into(), agent.into()));
        let query = http.query_string();
        let a = self.sandbox.handle(
            &Incoming::new(http.method.as_str(), "/", query, &http.headers, &http.body),
            UtcTime::from_unix_seconds(T0),
        );
        if a.status == 200 {
            C::parse_response(&a.body)
        } else {
            Err(ApiError::parse(a.status, &a.body))
        }
    }

    /// Bob in account A holding `document`; `None` when the service would
    /// refuse the document itself.
    fn with(document: &str) -> Option<World> {
        let seed = seed::demo(T0);
        let mut w = World {
            sandbox: Sandbox::new(seed.world.clone(), Options::default()),
            bob: seed.accounts[0].admin.credentials(),
            account: seed.accounts[0].id.clone(),
            nonce: std::cell::Cell::new(0),
        };
        let admin = seed.accounts[0].admin.credentials();
        w.call(
            &admin,
            &CreateUser {
                user_name: "bob".into(),
                ..Default::default()
            },
            "setup",
        )
        .unwrap();
        w.call(
            &admin,
            &CreatePolicy {
                policy_name: "generated".into(),
                policy_document: document.into(),
                description: None,
            },
            "setup",
        )
        .ok()?;
        w.call(
            &admin,
            &AttachPolicyToUser {
                policy_type: "Custom".into(),
                policy_name: "generated".into(),
                user_name: "bob".into(),
                resource_group_id: None,
            },
            "setup",
        )
        .unwrap();
        let key = w
            .call(
                &admin,
                &CreateAccessKey {
                    user_name: Some("bob".into()),
                },
                "setup",
            )
            .unwrap()
            .access_key;
        w.bob = Credentials::new(key.access_key_id, key.access_key_secret.unwrap().expose());
        Some(w)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn sandbox_simulator_and_cli_agree(
        document in policy(),
        target in prop::sample::select(vec!["bob", "alice"]),
        agent in prop::sample::select(vec!["tool-a/1", "banned/2"]),
    ) {
        let Some(w) = World::with(&document) else { return Ok(()) };
        // The sandbox: a real signed call. Only a 403 is a denial (alice does not exist: 404 once allowed).
        let answer = w.call(&w.bob, &GetUser { user_name: target.into() }, agent);
        let sandbox = match &answer {
            Err(e) if e.status == 403 => "deny",
            _ => "allow",
        };
        // The whole context the sandbox has for this request.
        let resource = find_action("ram:GetUser").unwrap().resource_arn(&w.account, target);
        let context = [
            ("acs:SourceIp", "127.0.0.1".to_owned()),
            ("acs:SecureTransport", "false".to_owned()),
            ("acs:UserAgent", agent.to_owned()),
            ("acs:PrincipalARN", format!("acs:ram::{}:user/bob", w.account)),
            ("acs:AccessId", w.bob.access_key_id.clone()),
            ("acs:CurrentTime", UtcTime::from_unix_seconds(T0).to_string()),
        ];
        let lines: Vec<String> = context.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let caller = format!("user:{}/bob", w.account);
        // ramp-core's simulator (the studio, ramp-js): keys it was not given
        // are missing there; its "if absent" answer is the complete one.
        let simulated = simulate(
            &document,
            Kind::Permission,
            &Question { caller: &caller, action: "ram:GetUser", resource: &resource, resource_group: "", context: &lines.join("\n") },
            Lang::En,
        )
        .unwrap();
        let studio = simulated.if_absent.unwrap_or(simulated.decision);
        // `ramp simulate --complete`.
        let dir = std::env::temp_dir().join(format!("ramp-agree-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("policy.json");
        std::fs::write(&file, &document).unwrap();
        let mut cli = Command::new(env!("CARGO_BIN_EXE_ramp"));
        cli.args(["simulate", "--caller", &caller, "--action", "ram:GetUser", "--resource", &resource, "--complete", "--json", "--policy"])
            .arg(&file);
        for line in &lines {
            cli.args(["--context", line]);
        }
        let out = cli.output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let cli_decision = json["decision"].as_str().unwrap().to_owned();
        let as_word = |d: &str| if d == "Allow" || d == "allow" { "allow" } else { "deny" };
        prop_assert_eq!(as_word(studio), sandbox, "simulator vs sandbox on {} ({:?})", document, answer);
        prop_assert_eq!(as_word(&cli_decision), sandbox, "ramp simulate vs sandbox on {}", document);
        prop_assert!(simulated.decision != "Unknown" || simulated.if_absent.is_some());
    }
}
