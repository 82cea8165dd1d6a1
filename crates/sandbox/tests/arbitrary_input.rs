//! No input makes the sandbox panic: random requests, and signed requests with
//! random damage, always get an answer in the services' error shape.

mod common;

use common::*;
use proptest::prelude::*;
use ramp_core::api::{ram::CreateUser, Operation};
use ramp_core::request::SignatureScheme;
use ramp_sandbox::Incoming;

fn answered(a: &ramp_sandbox::Answer) {
    assert_eq!(a.request_id.len(), 36);
    if a.status != 200 {
        let e = ramp_core::api::ApiError::parse(a.status, &a.body);
        assert!(!e.code.is_empty(), "{}", a.body);
        assert_eq!(
            e.request_id.as_deref(),
            Some(a.request_id.as_str()),
            "{}",
            a.body
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_requests_get_an_error_answer(
        method in "(GET|POST|PUT|[A-Z]{0,6})",
        query in "[ -~]{0,200}",
        auth in proptest::option::of("[ -~]{0,120}"),
        body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let env = demo();
        let mut headers = vec![("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned())];
        if let Some(a) = auth {
            headers.push(("authorization".to_owned(), a));
        }
        let a = env.sandbox.handle(&Incoming::new(&method, "/", &query, &headers, &body), env.time());
        prop_assert_ne!(a.status, 200);
        answered(&a);
    }

    #[test]
    fn damaged_signed_requests_are_refused_cleanly(
        at in 0usize..400,
        with in "[ -~]",
        v3 in any::<bool>(),
    ) {
        let env = demo();
        let scheme = if v3 { SignatureScheme::V3 } else { SignatureScheme::V1 };
        let req = CreateUser { user_name: "prop".into(), display_name: Some("Prop Test 中文".into()), ..Default::default() }.request().unwrap();
        let creds = env.admin_a();
        let nonce = fresh_nonce();
        let input = ramp_core::sign::SigningInput { credentials: &creds, time: env.time(), nonce: &nonce };
        let http = ramp_core::sign::sign(&req, scheme, &input).unwrap().request;
        let mut query: Vec<char> = http.query_string().chars().collect();
        if !query.is_empty() {
            let i = at % query.len();
            query[i] = with.chars().next().unwrap();
        }
        let query: String = query.into_iter().collect();
        let a = env.sandbox.handle(&Incoming::new(http.method.as_str(), "/", &query, &http.headers, &http.body), env.time());
        answered(&a);
    }
}
