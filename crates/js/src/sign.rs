//! Signing (V1 and V3), verifying a received request, and checking the
//! shared signature vectors.

use std::collections::BTreeMap;

use ramp_core::credentials::Credentials;
use ramp_core::lang::{Lang, Localized};
use ramp_core::request::{ApiRequest, Method, SignatureScheme};
use ramp_core::sign::{sign as core_sign, SigningInput};
use ramp_core::time::UtcTime;
use ramp_core::verify::{ReceivedRequest, SignedClaim};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{from_js, to_js, JsError};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SignInput {
    #[serde(default = "v3")]
    scheme: String,
    #[serde(default)]
    method: Option<String>,
    host: String,
    action: String,
    version: String,
    #[serde(default)]
    params: BTreeMap<String, String>,
    access_key_id: String,
    access_key_secret: String,
    #[serde(default)]
    security_token: Option<String>,
    timestamp: String,
    nonce: String,
}

fn v3() -> String {
    "V3".into()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignOutput {
    method: &'static str,
    url: String,
    headers: BTreeMap<String, String>,
    body: String,
    canonical: String,
    string_to_sign: String,
    signature: String,
}

/// Signs a call: `{scheme, method?, host, action, version, params,
/// accessKeyId, accessKeySecret, securityToken?, timestamp, nonce}` →
/// `{method, url, headers, body, canonical, stringToSign, signature}`.
#[wasm_bindgen(unchecked_return_type = "SignOutput")]
pub fn sign(
    #[wasm_bindgen(unchecked_param_type = "SignInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let i: SignInput = from_js(input, "sign")?;
    let scheme = match i.scheme.to_ascii_uppercase().as_str() {
        "V1" => SignatureScheme::V1,
        "V3" => SignatureScheme::V3,
        other => {
            return Err(JsError::new(
                "InvalidParameter",
                format!("scheme `{other}`: use \"V1\" or \"V3\""),
            )
            .into())
        }
    };
    let mut req = ApiRequest::rpc(i.host, i.action, i.version);
    if let Some(m) = i.method {
        req = req.with_method(
            Method::parse(&m).map_err(|e| JsError::new("InvalidParameter", e.message(Lang::En)))?,
        );
    }
    for (k, v) in i.params {
        req = req.param(k, v);
    }
    let time = UtcTime::parse(&i.timestamp).map_err(|e| {
        JsError::new(
            "InvalidParameter",
            format!("timestamp `{}`: {e}", i.timestamp),
        )
    })?;
    let mut credentials = Credentials::new(i.access_key_id, &i.access_key_secret);
    if let Some(t) = i.security_token {
        credentials = credentials.with_security_token(&t);
    }
    let signed = core_sign(
        &req,
        scheme,
        &SigningInput {
            credentials: &credentials,
            time,
            nonce: &i.nonce,
        },
    )
    .map_err(|e| JsError::new("InvalidParameter", e.message(Lang::En)))?;
    to_js(&SignOutput {
        method: signed.request.method.as_str(),
        url: signed.request.url(),
        headers: signed.request.headers.iter().cloned().collect(),
        body: String::from_utf8_lossy(&signed.request.body).into_owned(),
        canonical: signed.trace.canonical,
        string_to_sign: signed.trace.string_to_sign,
        signature: signed.trace.signature,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Received {
    method: String,
    #[serde(default = "slash")]
    path: String,
    #[serde(default)]
    query: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: String,
}

fn slash() -> String {
    "/".into()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Verified {
    scheme: &'static str,
    access_key_id: String,
    security_token: bool,
}

/// Verifies a request as a server received it (`{method, path, query,
/// headers, body}`) against `accessKeySecret`: `{scheme, accessKeyId,
/// securityToken}`, or throws `SignatureDoesNotMatch`, `IncompleteSignature`….
#[wasm_bindgen(unchecked_return_type = "Verified")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "ReceivedRequest")] request: JsValue,
    access_key_secret: &str,
) -> Result<JsValue, JsValue> {
    let r: Received = from_js(request, "verify")?;
    let headers: Vec<(String, String)> = r.headers.into_iter().collect();
    let received = ReceivedRequest {
        method: &r.method,
        path: &r.path,
        query: r.query.trim_start_matches('?'),
        headers: &headers,
        body: r.body.as_bytes(),
    };
    let fail = |e: ramp_core::verify::VerifyError| JsError::new(e.code(), e.to_string());
    let claim = SignedClaim::from_request(&received).map_err(fail)?;
    claim.verify(&received, access_key_secret).map_err(fail)?;
    to_js(&Verified {
        scheme: claim.scheme.as_str(),
        access_key_id: claim.access_key_id,
        security_token: claim.security_token.is_some(),
    })
}

#[derive(Serialize)]
struct VectorMismatch {
    name: String,
    field: String,
    expected: String,
    actual: String,
}

/// Checks a signature vector file (the JSON text of `vectors/*.json`):
/// every value that did not come out as expected, `[]` when all match.
#[wasm_bindgen(js_name = checkVectors, unchecked_return_type = "VectorMismatch[]")]
pub fn check_vectors(json: &str) -> Result<JsValue, JsValue> {
    let vectors = ramp_core::vectors::parse(json)
        .map_err(|e| JsError::new("InvalidParameter", e.to_string()))?;
    let mismatches: Vec<VectorMismatch> = vectors
        .iter()
        .flat_map(|v| {
            v.check().into_iter().map(|m| VectorMismatch {
                name: v.name.clone(),
                field: m.field,
                expected: m.expected,
                actual: m.actual,
            })
        })
        .collect();
    to_js(&mismatches)
}
