//! RPC signature V1: HMAC-SHA1, `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`.
//!
//! ```text
//! CanonicalizedQueryString = enc(k1)=enc(v1)&enc(k2)=enc(v2)…   (all parameters but Signature, sorted by name)
//! StringToSign = METHOD & enc("/") & enc(CanonicalizedQueryString)
//! Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
//! ```

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{SigningInput, SigningTrace};
use crate::encoding::{encode_pairs, percent_encode_into};
use crate::request::{ApiRequest, HttpRequest, SignatureScheme};

pub use super::canonical_query;

/// The parameters V1 adds to every call (besides the operation's own), `Signature` included.
pub const COMMON_PARAMETERS: &[&str] = &[
    "Action",
    "Format",
    "Version",
    "Timestamp",
    "SignatureNonce",
    "SignatureMethod",
    "SignatureVersion",
    "AccessKeyId",
    "SecurityToken",
    "Signature",
];

/// `METHOD&%2F&enc(canonical_query)`.
pub fn string_to_sign(method: &str, canonical_query: &str) -> String {
    let mut out = String::with_capacity(method.len() + 5 + canonical_query.len() * 5 / 4);
    out.push_str(method);
    out.push_str("&%2F&");
    percent_encode_into(&mut out, canonical_query);
    out
}

/// The keyed MAC for `secret` (key = secret + `&`), fed with `string_to_sign`.
pub(crate) fn mac(secret: &str, string_to_sign: &str) -> Hmac<Sha1> {
    let mut key = String::with_capacity(secret.len() + 1);
    key.push_str(secret);
    key.push('&');
    let mut mac =
        Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    mac
}

/// `Base64(HMAC-SHA1(secret + "&", string_to_sign))`.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(mac(secret, string_to_sign).finalize().into_bytes())
}

/// The common parameters, in the order the current official SDK sends them,
/// around the operation's own parameters. `Format` defaults to `json` (as the SDK
/// sends it) unless the request sets its own, e.g. `XML`.
fn all_params(req: &ApiRequest, input: &SigningInput<'_>) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = vec![("Action".into(), req.action.clone())];
    if !req.params.iter().any(|(k, _)| k == "Format") {
        params.push(("Format".into(), "json".into()));
    }
    params.extend([
        ("Version".into(), req.version.clone()),
        ("Timestamp".into(), input.time.to_string()),
        ("SignatureNonce".into(), input.nonce.to_owned()),
    ]);
    params.extend(req.params.iter().cloned());
    params.push(("SignatureMethod".into(), "HMAC-SHA1".into()));
    params.push(("SignatureVersion".into(), "1.0".into()));
    params.push((
        "AccessKeyId".into(),
        input.credentials.access_key_id.clone(),
    ));
    if let Some(token) = &input.credentials.security_token {
        params.push(("SecurityToken".into(), token.expose().to_owned()));
    }
    params
}

pub(crate) fn sign(req: &ApiRequest, input: &SigningInput<'_>) -> super::Signed {
    let mut query = all_params(req, input);
    // Form-body parameters are signed together with the query ones.
    let canonical = super::canonical_query_of(
        query
            .iter()
            .chain(&req.form)
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let string_to_sign = string_to_sign(req.method.as_str(), &canonical);
    let signature = signature(
        input.credentials.access_key_secret.expose(),
        &string_to_sign,
    );
    query.push(("Signature".into(), signature.clone()));

    let (headers, body) = if req.form.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let body = encode_pairs(req.form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        (
            vec![(
                "content-type".to_owned(),
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body.into_bytes(),
        )
    };
    super::Signed {
        request: HttpRequest {
            method: req.method,
            host: req.host.clone(),
            path: req.path.clone(),
            query,
            headers,
            body,
        },
        trace: SigningTrace {
            scheme: SignatureScheme::V1,
            canonical,
            string_to_sign,
            signature,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn string_to_sign_double_encodes() {
        assert_eq!(
            string_to_sign("GET", "a=b%3Ac&d=e"),
            "GET&%2F&a%3Db%253Ac%26d%3De"
        );
    }
}
