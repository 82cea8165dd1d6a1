//! Property tests (native only): sign → verify round trips for both schemes,
//! any tampered parameter failing verification, and percent-encoding of
//! arbitrary Unicode (incl. 4-byte), reserved characters and empty values.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use ramp_core::credentials::Credentials;
use ramp_core::encoding::{encode_pairs, parse_form, percent_decode, percent_encode};
use ramp_core::request::{ApiRequest, Method, SignatureScheme};
use ramp_core::sign::{sign, SigningInput};
use ramp_core::time::UtcTime;
use ramp_core::verify::{ReceivedRequest, SignedClaim, VerifyError};

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[ -~]{0,12}", // printable ASCII incl. reserved characters
        "\\PC{0,8}",   // any Unicode scalar, incl. 4-byte
        Just("😀𠜎 e\u{301}*~+%20".to_owned()),
    ]
}

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("[A-Za-z][A-Za-z0-9.]{0,10}", value(), 0..6)
        .prop_map(|m| m.into_iter().filter(|(k, _)| !is_common(k)).collect())
}

fn is_common(k: &str) -> bool {
    ramp_core::sign::v1::COMMON_PARAMETERS.contains(&k)
}

fn scheme() -> impl Strategy<Value = SignatureScheme> {
    prop_oneof![Just(SignatureScheme::V1), Just(SignatureScheme::V3)]
}

struct Wire {
    method: &'static str,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Wire {
    fn received(&self) -> ReceivedRequest<'_> {
        ReceivedRequest {
            method: self.method,
            path: &self.path,
            query: &self.query,
            headers: &self.headers,
            body: &self.body,
        }
    }
}

fn signed_wire(
    scheme: SignatureScheme,
    method: Method,
    params: &[(String, String)],
    form: &[(String, String)],
    secret: &str,
    token: Option<&str>,
) -> Wire {
    let mut req =
        ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01").with_method(method);
    req.params = params.to_vec();
    req.form = form.to_vec();
    let mut creds = Credentials::new("LTAI5tPropertyKey", secret);
    if let Some(t) = token {
        creds = creds.with_security_token(t);
    }
    let input = SigningInput {
        credentials: &creds,
        time: UtcTime::from_unix_seconds(1_750_000_000),
        nonce: "prop-nonce",
    };
    let http = sign(&req, scheme, &input).expect("valid request").request;
    Wire {
        method: http.method.as_str(),
        path: http.path.clone(),
        query: http.query.clone(),
        headers: http.headers.clone(),
        body: http.body.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(scheme in scheme(), post in any::<bool>(), params in params(), form in params(),
                                    secret in "\\PC{0,20}", token in proptest::option::of("[A-Za-z0-9+/=]{1,40}")) {
        let method = if post { Method::Post } else { Method::Get };
        let wire = signed_wire(scheme, method, &params, &form, &secret, token.as_deref());
        let claim = SignedClaim::from_request(&wire.received()).expect("claim");
        prop_assert_eq!(claim.scheme, scheme);
        prop_assert_eq!(claim.security_token.as_deref(), token.as_deref());
        prop_assert!(claim.verify(&wire.received(), &secret).is_ok());
        let wrong = format!("{}!", secret);
        prop_assert!(claim.verify(&wire.received(), &wrong).is_err());
    }

    #[test]
    fn any_tampered_parameter_fails(scheme in scheme(), params in params().prop_filter("non-empty", |p| !p.is_empty()),
                                    pick in any::<prop::sample::Index>(), replacement in value()) {
        let wire = signed_wire(scheme, Method::Post, &params, &[], "secret", None);
        let mut pairs = parse_form(&wire.query);
        let names: Vec<String> = params.iter().map(|(k, _)| k.clone()).collect();
        let target = &names[pick.index(names.len())];
        let slot = pairs.iter_mut().find(|(k, _)| k == target).expect("sent");
        prop_assume!(slot.1 != replacement);
        slot.1 = replacement;
        let tampered = Wire { query: encode_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))), ..wire };
        let claim = SignedClaim::from_request(&tampered.received()).expect("claim");
        let is_mismatch = matches!(claim.verify(&tampered.received(), "secret"), Err(VerifyError::Mismatch { .. }));
        prop_assert!(is_mismatch);
    }

    #[test]
    fn tampered_v3_signed_header_fails(params in params()) {
        let mut wire = signed_wire(SignatureScheme::V3, Method::Post, &params, &[], "secret", None);
        for (k, v) in &mut wire.headers {
            if k == "x-acs-date" { *v = "2030-01-01T00:00:00Z".to_owned(); }
        }
        let claim = SignedClaim::from_request(&wire.received()).expect("claim");
        prop_assert!(claim.verify(&wire.received(), "secret").is_err());
    }

    #[test]
    fn encoding_round_trips_and_uses_only_safe_bytes(s in "\\PC{0,40}") {
        let e = percent_encode(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        prop_assert_eq!(percent_decode(&e, false), s.clone());
        prop_assert_eq!(percent_decode(&e, true), s);
    }

    #[test]
    fn form_encoding_round_trips(pairs in proptest::collection::vec(("\\PC{1,8}", value()), 0..6)) {
        let text = encode_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert_eq!(parse_form(&text), pairs);
    }

    #[test]
    fn time_formats_and_parses_back(secs in 0i64..253_402_300_799) {
        let t = UtcTime::from_unix_seconds(secs);
        prop_assert_eq!(UtcTime::parse(&t.to_string()).expect("own output parses"), t);
    }

    #[test]
    fn decoding_never_panics(s in "\\PC{0,40}") {
        let _ = parse_form(&s);
        let _ = percent_decode(&s, true);
        let _ = UtcTime::parse(&s);
    }
}
