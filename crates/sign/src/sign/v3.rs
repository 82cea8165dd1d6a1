//! `ACS3-HMAC-SHA256`, the signature the current official SDKs use by default.
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n
//!                    CanonicalHeaders \n SignedHeaders \n HashedRequestPayload
//! CanonicalHeaders = for each signed header (lowercase name, sorted):
//!                    name ":" join(",", sorted(trimmed values)) "\n"
//! StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
//! Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
//! Authorization    = ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<sig>
//! ```

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::{SigningInput, SigningTrace};
use crate::encoding::encode_pairs;
use crate::request::{ApiRequest, HttpRequest, SignatureScheme};

pub use super::canonical_query;

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    hex_into(&mut out, bytes);
    out
}

/// [`hex`], appended to `out`.
fn hex_into(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    // Digests are 32 bytes: a stack buffer, then one append.
    for chunk in bytes.chunks(32) {
        let mut text = [0u8; 64];
        for (pair, &b) in text.chunks_exact_mut(2).zip(chunk) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 0x0f)];
        }
        out.push_str(std::str::from_utf8(&text[..chunk.len() * 2]).expect("hex digits are ASCII"));
    }
}

/// Lowercase hex SHA-256 of nothing: the payload hash of every call without a body.
const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lowercase hex SHA-256 of `bytes` (`x-acs-content-sha256`, HashedRequestPayload).
pub fn hash_payload(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return EMPTY_PAYLOAD_SHA256.to_owned();
    }
    hex(&Sha256::digest(bytes))
}

/// CanonicalHeaders and SignedHeaders over the headers named in `signed` (any case).
/// Values of headers with the same name (in any case) are trimmed, sorted and joined by `,`.
pub fn canonical_headers<S: AsRef<str>>(
    headers: &[(String, String)],
    signed: &[S],
) -> (String, String) {
    let mut names: Vec<std::borrow::Cow<'_, str>> = signed
        .iter()
        .map(|n| {
            let n = n.as_ref();
            if n.bytes().any(|b| b.is_ascii_uppercase()) {
                n.to_ascii_lowercase().into()
            } else {
                n.into()
            }
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut canonical = String::with_capacity(256);
    let mut values: Vec<&str> = Vec::new();
    for name in &names {
        values.clear();
        values.extend(
            headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim()),
        );
        values.sort_unstable();
        canonical.push_str(name);
        canonical.push(':');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                canonical.push(',');
            }
            canonical.push_str(v);
        }
        canonical.push('\n');
    }
    (canonical, names.join(";"))
}

/// [`canonical_headers`] signing every one of `headers`, whose names are
/// already lowercase (as [`sign`] makes them): one sort of (name, value)
/// instead of a search per name. The canonical headers are appended to `out`;
/// the signed headers are returned.
fn canonical_headers_of_all_into(out: &mut String, headers: &[(String, String)]) -> String {
    debug_assert!(headers
        .iter()
        .all(|(k, _)| !k.bytes().any(|b| b.is_ascii_uppercase())));
    let mut sorted: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.trim()))
        .collect();
    sorted.sort_unstable();
    let names: usize = sorted.iter().map(|(k, _)| k.len() + 1).sum();
    let mut signed = String::with_capacity(names);
    let mut previous: Option<&str> = None;
    for (name, value) in sorted {
        if previous == Some(name) {
            out.pop(); // the previous value's newline
            out.push(',');
        } else {
            if previous.is_some() {
                signed.push(';');
            }
            signed.push_str(name);
            out.push_str(name);
            out.push(':');
        }
        out.push_str(value);
        out.push('\n');
        previous = Some(name);
    }
    signed
}

/// The canonical request and the signed headers of a request that signs every
/// one of its `headers`: [`canonical_request`] written into one buffer.
fn canonical_request_of_all(
    method: &str,
    path: &str,
    canonical_query: &str,
    headers: &[(String, String)],
    hashed_payload: &str,
) -> (String, String) {
    let header_text: usize = headers.iter().map(|(k, v)| 2 * k.len() + v.len() + 3).sum();
    let mut canonical = String::with_capacity(
        method.len() + path.len() + canonical_query.len() + header_text + hashed_payload.len() + 4,
    );
    for part in [method, path, canonical_query] {
        canonical.push_str(part);
        canonical.push('\n');
    }
    let signed = canonical_headers_of_all_into(&mut canonical, headers);
    canonical.push('\n');
    canonical.push_str(&signed);
    canonical.push('\n');
    canonical.push_str(hashed_payload);
    (canonical, signed)
}

/// The canonical request (see the module formula). `canonical_headers` ends with `\n`.
pub fn canonical_request(
    method: &str,
    path: &str,
    canonical_query: &str,
    canonical_headers: &str,
    signed_headers: &str,
    hashed_payload: &str,
) -> String {
    [
        method,
        path,
        canonical_query,
        canonical_headers,
        signed_headers,
        hashed_payload,
    ]
    .join("\n")
}

/// `ACS3-HMAC-SHA256\n` + hex(SHA256(canonical_request)).
pub fn string_to_sign(canonical_request: &str) -> String {
    let mut out = String::with_capacity(ALGORITHM.len() + 1 + 64);
    out.push_str(ALGORITHM);
    out.push('\n');
    hex_into(&mut out, &Sha256::digest(canonical_request.as_bytes()));
    out
}

/// The keyed MAC for `secret`, fed with `string_to_sign`; verifiers compare a
/// presented signature with it in constant time.
pub fn mac(secret: &str, string_to_sign: &str) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    mac
}

/// `hex(HMAC-SHA256(secret, string_to_sign))`.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    hex(&mac(secret, string_to_sign).finalize().into_bytes())
}

/// The `Authorization` header value.
pub fn authorization(access_key_id: &str, signed_headers: &str, signature: &str) -> String {
    [
        ALGORITHM,
        " Credential=",
        access_key_id,
        ",SignedHeaders=",
        signed_headers,
        ",Signature=",
        signature,
    ]
    .concat()
}

pub(crate) fn sign(req: &ApiRequest, input: &SigningInput<'_>) -> super::Signed {
    let body = if req.form.is_empty() {
        Vec::new()
    } else {
        encode_pairs(req.form.iter().map(|(k, v)| (k.as_str(), v.as_str()))).into_bytes()
    };
    // The common headers, the optional ones, the request's own and `authorization`.
    let mut headers: Vec<(String, String)> = Vec::with_capacity(10 + req.headers.len());
    headers.extend([
        ("host".into(), req.host.clone()),
        ("x-acs-action".into(), req.action.clone()),
        ("x-acs-version".into(), req.version.clone()),
        ("x-acs-date".into(), input.time.to_string()),
        ("x-acs-signature-nonce".into(), input.nonce.to_owned()),
        ("x-acs-content-sha256".into(), hash_payload(&body)),
    ]);
    // Where the payload's hash sits in the array above (read back, not cloned).
    const HASHED_PAYLOAD: usize = 5;
    debug_assert_eq!(headers[HASHED_PAYLOAD].0, "x-acs-content-sha256");
    if !body.is_empty() {
        headers.push((
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
    }
    if let Some(token) = &input.credentials.security_token {
        headers.push((
            "x-acs-accesskey-id".into(),
            input.credentials.access_key_id.clone(),
        ));
        headers.push(("x-acs-security-token".into(), token.expose().to_owned()));
    }
    headers.extend(
        req.headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone())),
    );

    // What is sent is the canonical query itself, already encoded.
    let query = canonical_query(&req.params);
    let (canonical, signed_headers) = canonical_request_of_all(
        req.method.as_str(),
        &req.path,
        &query,
        &headers,
        &headers[HASHED_PAYLOAD].1,
    );
    let string_to_sign = string_to_sign(&canonical);
    let signature = signature(
        input.credentials.access_key_secret.expose(),
        &string_to_sign,
    );
    headers.push((
        "authorization".into(),
        authorization(
            &input.credentials.access_key_id,
            &signed_headers,
            &signature,
        ),
    ));
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
            scheme: SignatureScheme::V3,
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
    fn merges_same_name_headers_case_insensitively() {
        // darabonba-openapi's rule: x-acs-test: http + x-acs-TEST: https -> x-acs-test:http,https
        let headers = vec![
            ("x-acs-test".to_owned(), "https".to_owned()),
            ("x-acs-TEST".to_owned(), " http ".to_owned()),
        ];
        let (canon, signed) = canonical_headers(&headers, &["X-Acs-Test".to_owned()]);
        assert_eq!(canon, "x-acs-test:http,https\n");
        assert_eq!(signed, "x-acs-test");
    }

    #[test]
    fn signing_every_header_agrees_with_naming_them() {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        for headers in [
            vec![],
            vec![pair("host", "ram.aliyuncs.com")],
            vec![
                pair("x-acs-version", "2015-05-01"),
                pair("host", " ram.aliyuncs.com "),
                pair("x-acs-test", "https"),
                pair("x-acs-action", "CreateUser"),
                pair("x-acs-test", "http"),
                pair("x-acs", "a"),
                pair("x-acs-test", ""),
            ],
        ] {
            let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
            let (canonical, signed) = canonical_headers(&headers, &names);
            let mut all = String::new();
            let all_signed = canonical_headers_of_all_into(&mut all, &headers);
            assert_eq!(
                (all, all_signed),
                (canonical.clone(), signed.clone()),
                "{headers:?}"
            );
            let general = canonical_request("POST", "/", "a=b", &canonical, &signed, "e3b0");
            assert_eq!(
                canonical_request_of_all("POST", "/", "a=b", &headers, "e3b0"),
                (general, signed),
                "{headers:?}"
            );
        }
    }

    #[test]
    fn hex_is_lowercase_two_digits_a_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
        let long: Vec<u8> = (0..=255).collect();
        let expected: String = (0..=255).map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&long), expected);
    }

    #[test]
    fn empty_payload_hash_is_sha256_of_nothing() {
        // `printf '' | sha256sum`; the constant must be what hashing gives.
        let expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(hash_payload(b""), expected);
        assert_eq!(hex(&Sha256::digest(b"")), expected);
        // `printf 'a=b' | sha256sum`
        assert_eq!(
            hash_payload(b"a=b"),
            "42144f3939c3ffbbf0bf8b1f12affb5c23a4c5bd41e0ff672d54a5754f062058"
        );
    }
}
