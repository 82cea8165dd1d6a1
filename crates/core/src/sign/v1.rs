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
use crate::encoding::{encode_pairs, percent_encode_into, percent_encode_twice_into};
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

/// [`canonical_query`] of `pairs` and then [`string_to_sign`] of it, built in one
/// pass over the sorted pairs (the second encoding is derived from the first
/// byte by byte instead of scanning the canonical query again).
fn canonical_and_string_to_sign<'a>(
    method: &str,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> (String, String) {
    let sorted = super::sorted_pairs(pairs);
    let text: usize = sorted.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut canonical = String::with_capacity(text + text / 2);
    let mut string_to_sign = String::with_capacity(method.len() + 5 + 2 * text);
    string_to_sign.push_str(method);
    string_to_sign.push_str("&%2F&");
    for (i, (name, value)) in sorted.into_iter().enumerate() {
        if i > 0 {
            canonical.push('&');
            string_to_sign.push_str("%26");
        }
        percent_encode_twice_into(&mut canonical, &mut string_to_sign, name);
        canonical.push('=');
        string_to_sign.push_str("%3D");
        percent_encode_twice_into(&mut canonical, &mut string_to_sign, value);
    }
    (canonical, string_to_sign)
}

/// The keyed MAC for `secret` (key = secret + `&`), fed with `string_to_sign`.
pub(crate) fn mac(secret: &str, string_to_sign: &str) -> Hmac<Sha1> {
    // The key on the stack when it fits (secrets are 30 characters).
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let key: &[u8] = if secret.len() < stack.len() {
        stack[..secret.len()].copy_from_slice(secret.as_bytes());
        stack[secret.len()] = b'&';
        &stack[..=secret.len()]
    } else {
        heap.extend_from_slice(secret.as_bytes());
        heap.push(b'&');
        &heap
    };
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes keys of any length");
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
    // The common parameters, the operation's own, and room for `Signature`.
    let mut params: Vec<(String, String)> = Vec::with_capacity(req.params.len() + 10);
    params.push(("Action".into(), req.action.clone()));
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
    let (canonical, string_to_sign) = canonical_and_string_to_sign(
        req.method.as_str(),
        query
            .iter()
            .chain(&req.form)
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
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
    fn one_pass_agrees_with_canonical_query_then_string_to_sign() {
        let pairs = [
            ("UserName", "alice"),
            ("DisplayName", "Alice Zhang 张三"),
            ("Comments", "a&b=c %25 *~"),
            ("A", ""),
            ("A", "z"),
        ];
        let (canonical, sts) = canonical_and_string_to_sign("POST", pairs.iter().copied());
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(canonical, canonical_query(&owned));
        assert_eq!(sts, string_to_sign("POST", &canonical));
    }

    #[test]
    fn keys_of_every_length_sign_as_hmac_does() {
        // Python: base64(hmac.new(("k" * n + "&").encode(), b"GET&%2F&a%3Db", sha1).digest())
        for (n, expected) in [
            (62, "wLuiFSCIpF0m6J4N5icYyp+HFA8="),
            (63, "DfGRh/UaQbFA8n8cVAEx7HovEt4="),
            (64, "dBv7yo46d/Z1ivn4mFaDnWhgtIs="),
            (100, "AqUOUXKAhlh4qIQx8oD/kol8r8g="),
        ] {
            assert_eq!(signature(&"k".repeat(n), "GET&%2F&a%3Db"), expected, "{n}");
        }
    }

    #[test]
    fn string_to_sign_double_encodes() {
        assert_eq!(
            string_to_sign("GET", "a=b%3Ac&d=e"),
            "GET&%2F&a%3Db%253Ac%26d%3De"
        );
    }
}
