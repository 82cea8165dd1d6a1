//! What the gateway refuses before any operation runs.

mod common;

use common::*;
use ramp_core::api::ram::{CreateUser, GetUser};
use ramp_core::api::sts::{AssumeRole, GetCallerIdentity};
use ramp_core::api::{ApiError, Operation};
use ramp_core::credentials::Credentials;
use ramp_core::request::SignatureScheme::{V1, V3};
use ramp_core::time::UtcTime;
use ramp_sandbox::{seed, Incoming, Options, Sandbox};

fn error(a: &ramp_sandbox::Answer) -> ApiError {
    ApiError::parse(a.status, &a.body)
}

#[test]
fn a_wrong_secret_is_refused_with_the_servers_string_to_sign() {
    let env = demo();
    for scheme in [V1, V3] {
        let forged = Credentials::new(env.admin_a().access_key_id.clone(), "not-the-secret");
        let a = env.send_raw(
            &forged,
            scheme,
            &GetCallerIdentity {},
            &fresh_nonce(),
            env.time(),
        );
        let e = error(&a);
        assert_eq!(
            (a.status, e.code.as_str()),
            (400, "SignatureDoesNotMatch"),
            "{scheme:?}"
        );
        let expected_prefix = match scheme {
            V1 => "server string to sign is:POST&%2F&AccessKeyId%3D",
            V3 => "server string to sign is:ACS3-HMAC-SHA256\n",
        };
        assert!(
            e.message.contains(expected_prefix),
            "{scheme:?}: {}",
            e.message
        );
    }
}

#[test]
fn a_replayed_nonce_is_refused_and_a_fresh_one_accepted() {
    let env = demo();
    for scheme in [V1, V3] {
        let nonce = fresh_nonce();
        let first = env.send_raw(
            &env.admin_a(),
            scheme,
            &GetCallerIdentity {},
            &nonce,
            env.time(),
        );
        assert_eq!(first.status, 200, "{}", first.body);
        let again = env.send_raw(
            &env.admin_a(),
            scheme,
            &GetCallerIdentity {},
            &nonce,
            env.time(),
        );
        assert_eq!(error(&again).code, "SignatureNonceUsed", "{scheme:?}");
        // A replay with a forged signature does not even get that far: the signature is checked first.
        let forged = Credentials::new(env.admin_a().access_key_id.clone(), "x");
        let f = env.send_raw(&forged, scheme, &GetCallerIdentity {}, &nonce, env.time());
        assert_eq!(error(&f).code, "SignatureDoesNotMatch");
    }
}

#[test]
fn timestamps_more_than_fifteen_minutes_off_either_way_are_expired() {
    let env = demo();
    for (offset, ok) in [(-901, false), (-900, true), (900, true), (901, false)] {
        for scheme in [V1, V3] {
            let signed_at = UtcTime::from_unix_seconds(T0 + offset);
            let a = env.send_raw(
                &env.admin_a(),
                scheme,
                &GetCallerIdentity {},
                &fresh_nonce(),
                signed_at,
            );
            if ok {
                assert_eq!(a.status, 200, "{offset} {scheme:?}: {}", a.body);
            } else {
                assert_eq!(
                    error(&a).code,
                    "InvalidTimeStamp.Expired",
                    "{offset} {scheme:?}"
                );
            }
        }
    }
}

#[test]
fn the_clock_is_injectable() {
    let env = demo();
    env.now.set(T0 + 10_000);
    let a = env.send_raw(
        &env.admin_a(),
        V3,
        &GetCallerIdentity {},
        &fresh_nonce(),
        UtcTime::from_unix_seconds(T0),
    );
    assert_eq!(error(&a).code, "InvalidTimeStamp.Expired");
}

#[test]
fn a_malformed_timestamp_is_a_format_error() {
    let env = demo();
    let creds = env.admin_a();
    let req = GetCallerIdentity {}.request().unwrap();
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: env.time(),
        nonce: "n-format",
    };
    let http = ramp_core::sign::sign(&req, V1, &input).unwrap().request;
    let query = http
        .query_string()
        .replace("Timestamp=2027-01-15T08%3A00%3A00Z", "Timestamp=yesterday");
    let a = env.sandbox.handle(
        &Incoming::new("POST", "/", &query, &http.headers, &http.body),
        env.time(),
    );
    assert_eq!(error(&a).code, "InvalidTimeStamp.Format", "{}", a.body);
}

#[test]
fn unknown_and_disabled_keys() {
    let env = demo();
    let unknown = Credentials::new("LTAI0000000000000000none", "secret");
    assert_eq!(
        code(env.call(&unknown, &GetCallerIdentity {})),
        "InvalidAccessKeyId.NotFound"
    );

    let mut seeded = seed::demo(T0);
    let key_id = seeded.accounts[0].admin.access_key_id.clone();
    for user in seeded
        .world
        .accounts
        .values_mut()
        .flat_map(|a| a.users.values_mut())
    {
        for k in &mut user.keys {
            if k.id == key_id {
                k.status = "Inactive".into();
            }
        }
    }
    let sandbox = Sandbox::new(seeded.world.clone(), Options::default());
    let creds = seeded.accounts[0].admin.credentials();
    let req = GetCallerIdentity {}.request().unwrap();
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: UtcTime::from_unix_seconds(T0),
        nonce: "n-inactive",
    };
    let http = ramp_core::sign::sign(&req, V3, &input).unwrap().request;
    let q = http.query_string();
    let a = sandbox.handle(
        &Incoming::new("POST", "/", q, &http.headers, &http.body),
        UtcTime::from_unix_seconds(T0),
    );
    assert_eq!(error(&a).code, "InvalidAccessKeyId.Inactive");
}

/// A role in A that A's own users may assume.
fn self_role(env: &Env) {
    env.call(&env.admin_a(), &ramp_core::api::ram::CreateRole {
        role_name: "self".into(),
        assume_role_policy_document: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000001:root"}}]}"#.into(),
        ..Default::default()
    })
    .unwrap();
}

/// A session of the `self` role: key ID, secret, token.
fn session(env: &Env, name: &str) -> (String, String, String) {
    let c = env
        .call(
            &env.admin_a(),
            &AssumeRole {
                role_arn: "acs:ram::1680000000000001:role/self".into(),
                role_session_name: name.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .credentials;
    (
        c.access_key_id,
        c.access_key_secret.unwrap().expose().to_owned(),
        c.security_token.unwrap().expose().to_owned(),
    )
}

#[test]
fn sts_keys_need_their_own_valid_token() {
    let env = demo();
    self_role(&env);
    let (id, secret, token) = session(&env, "s1");
    let (_, _, other_token) = session(&env, "t1");
    let cases: Vec<(Credentials, &str)> = vec![
        (
            Credentials::new(id.clone(), secret.clone()),
            "MissingSecurityToken",
        ),
        (
            Credentials::new(id.clone(), secret.clone()).with_security_token("garbage"),
            "InvalidSecurityToken.Malformed",
        ),
        (
            Credentials::new(id.clone(), secret.clone()).with_security_token(other_token.clone()),
            "InvalidSecurityToken.MismatchWithAccessKey",
        ),
        (
            Credentials::new(id.clone(), secret.clone()).with_security_token(tamper(&token)),
            "InvalidSecurityToken.MismatchWithAccessKey",
        ),
    ];
    for scheme in [V1, V3] {
        for (creds, expected) in &cases {
            assert_eq!(
                code(env.call_with(creds, scheme, &GetCallerIdentity {})),
                *expected,
                "{scheme:?}"
            );
        }
        let good = Credentials::new(id.clone(), secret.clone()).with_security_token(token.clone());
        env.call_with(&good, scheme, &GetCallerIdentity {}).unwrap();
    }
}

/// Changes one byte in the middle of the token's random part, keeping it base64.
fn tamper(token: &str) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    let i = chars.len() - 10;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

#[test]
fn parameters_are_checked_with_the_services_rules() {
    let env = demo();
    // Sign a call the typed client would refuse, by building the request by hand.
    let req = ramp_core::request::ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01")
        .param("UserName", "bad name!");
    let creds = env.admin_a();
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: env.time(),
        nonce: "n-bad-name",
    };
    let http = ramp_core::sign::sign(&req, V1, &input).unwrap().request;
    let q = http.query_string();
    let a = env.sandbox.handle(
        &Incoming::new("POST", "/", q, &http.headers, &http.body),
        env.time(),
    );
    assert_eq!(error(&a).code, "InvalidParameter.UserName.InvalidChars");

    let missing = ramp_core::request::ApiRequest::rpc("ram.aliyuncs.com", "GetUser", "2015-05-01");
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: env.time(),
        nonce: "n-missing",
    };
    let http = ramp_core::sign::sign(&missing, V3, &input).unwrap().request;
    let q = http.query_string();
    let a = env.sandbox.handle(
        &Incoming::new("POST", "/", q, &http.headers, &http.body),
        env.time(),
    );
    let e = error(&a);
    assert_eq!(e.code, "MissingParameter");
    assert!(e.message.contains("\"UserName\""));

    let unknown =
        ramp_core::request::ApiRequest::rpc("ram.aliyuncs.com", "MakeCoffee", "2015-05-01");
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: env.time(),
        nonce: "n-coffee",
    };
    let http = ramp_core::sign::sign(&unknown, V3, &input).unwrap().request;
    let q = http.query_string();
    let a = env.sandbox.handle(
        &Incoming::new("POST", "/", q, &http.headers, &http.body),
        env.time(),
    );
    assert_eq!(
        (a.status, error(&a).code.as_str()),
        (404, "InvalidAction.NotFound")
    );
}

#[test]
fn xml_when_asked_and_by_default_for_v1() {
    let env = demo();
    let creds = env.admin_a();
    for (format, xml) in [(Some("XML"), true), (Some("JSON"), false)] {
        let mut req = GetUser {
            user_name: "admin".into(),
        }
        .request()
        .unwrap();
        if let Some(f) = format {
            req = req.param("Format", f);
        }
        let input = ramp_core::sign::SigningInput {
            credentials: &creds,
            time: env.time(),
            nonce: &fresh_nonce(),
        };
        let http = ramp_core::sign::sign(&req, V1, &input).unwrap().request;
        let q = http.query_string();
        let a = env.sandbox.handle(
            &Incoming::new("POST", "/", q, &http.headers, &http.body),
            env.time(),
        );
        assert_eq!(a.status, 200);
        if xml {
            assert!(a.body.starts_with("<?xml"), "{}", a.body);
            assert!(
                a.body.contains("<GetUserResponse><RequestId>"),
                "{}",
                a.body
            );
            assert!(a.body.contains("<UserName>admin</UserName>"));
            assert!(a.content_type.starts_with("text/xml"));
        } else {
            assert!(a.body.starts_with('{'));
        }
    }
}

#[test]
fn form_bodies_and_plus_as_space_are_read() {
    // The new Python SDK sends `+` for spaces; a form body's parameters count too.
    let env = demo();
    let creds = env.admin_a();
    let req = CreateUser {
        user_name: "dora".into(),
        display_name: Some("Dora the Explorer".into()),
        ..Default::default()
    }
    .request()
    .unwrap();
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: env.time(),
        nonce: "n-plus",
    };
    let http = ramp_core::sign::sign(&req, V1, &input).unwrap().request;
    let q = http.query_string().replace("%20", "+");
    let a = env.sandbox.handle(
        &Incoming::new("POST", "/", &q, &http.headers, &http.body),
        env.time(),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.body.contains("\"DisplayName\":\"Dora the Explorer\""));
    // The same request with every parameter in a form body.
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: env.time(),
        nonce: "n-form",
    };
    let req = CreateUser {
        user_name: "emil".into(),
        ..Default::default()
    }
    .request()
    .unwrap();
    let http = ramp_core::sign::sign(&req, V1, &input).unwrap().request;
    let body = http.query_string().as_bytes().to_vec();
    let headers = vec![(
        "content-type".to_owned(),
        "application/x-www-form-urlencoded".to_owned(),
    )];
    let a = env
        .sandbox
        .handle(&Incoming::new("POST", "/", "", &headers, &body), env.time());
    assert_eq!(a.status, 200, "{}", a.body);
}
