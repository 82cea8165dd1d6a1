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

/// The keyed MAC for `secret` (key = secret + `&`), fed with `string_to_sign`;
/// verifiers compare a presented signature with it in constant time.
pub fn mac(secret: &str, string_to_sign: &str) -> Hmac<Sha1> {
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

/// The common parameters and the operation's own, every one to sign and send
/// (`Signature` aside). `Format` defaults to `json` (as the official SDK sends it)
/// unless the request sets its own, e.g. `XML`.
fn all_params<'a>(
    req: &'a ApiRequest,
    input: &SigningInput<'a>,
    timestamp: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut params: Vec<(&str, &str)> = Vec::with_capacity(req.params.len() + 9);
    params.push(("Action", &req.action));
    if !req.params.iter().any(|(k, _)| k == "Format") {
        params.push(("Format", "json"));
    }
    params.extend([
        ("Version", req.version.as_str()),
        ("Timestamp", timestamp),
        ("SignatureNonce", input.nonce),
    ]);
    params.extend(req.params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    params.extend([
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("AccessKeyId", input.credentials.access_key_id.as_str()),
    ]);
    if let Some(token) = &input.credentials.security_token {
        params.push(("SecurityToken", token.expose()));
    }
    params
}

pub(crate) fn sign(req: &ApiRequest, input: &SigningInput<'_>) -> super::Signed {
    let timestamp = input.time.to_string();
    let params = all_params(req, input, &timestamp);
    // Form-body parameters are signed together with the query ones.
    let (canonical, string_to_sign) = canonical_and_string_to_sign(
        req.method.as_str(),
        params
            .iter()
            .copied()
            .chain(req.form.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
    );
    let signature = signature(
        input.credentials.access_key_secret.expose(),
        &string_to_sign,
    );
    // What is sent: the parameters in canonical order, then `Signature`. Without a
    // form body that is the canonical query itself, already encoded.
    let mut query = if req.form.is_empty() {
        let mut query = String::with_capacity(canonical.len() + 48);
        query.push_str(&canonical);
        query
    } else {
        canonical_query(&params)
    };
    query.push_str("&Signature=");
    percent_encode_into(&mut query, &signature);

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
    fn sends_the_query_parameters_in_canonical_order_then_the_signature() {
        let credentials = crate::credentials::Credentials::new("id", "secret");
        let input = SigningInput {
            credentials: &credentials,
            time: crate::time::UtcTime::parse("2025-06-01T08:00:00Z").unwrap(),
            nonce: "n 1",
        };
        let req =
            ApiRequest::rpc("ram.aliyuncs.com", "GetUser", "2015-05-01").param("UserName", "a b");
        let signed = sign(&req, &input);
        let expected = "AccessKeyId=id&Action=GetUser&Format=json&SignatureMethod=HMAC-SHA1\
            &SignatureNonce=n%201&SignatureVersion=1.0&Timestamp=2025-06-01T08%3A00%3A00Z\
            &UserName=a%20b&Version=2015-05-01";
        assert_eq!(signed.trace.canonical, expected);
        let signature = crate::encoding::percent_encode(&signed.trace.signature);
        assert_eq!(
            signed.request.query,
            format!("{expected}&Signature={signature}")
        );

        // Form parameters are signed but sent in the body, not the query.
        let mut with_form = req.clone();
        with_form.form.push(("PolicyDocument".into(), "{}".into()));
        let signed = sign(&with_form, &input);
        assert!(signed.trace.canonical.contains("PolicyDocument=%7B%7D"));
        assert!(signed.request.query.starts_with(expected));
        assert!(!signed.request.query.contains("PolicyDocument"));
        assert_eq!(signed.request.body, b"PolicyDocument=%7B%7D");
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
