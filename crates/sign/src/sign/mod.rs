//! Signing: [`sign`] turns an [`ApiRequest`] into the [`HttpRequest`] to send,
//! plus a [`SigningTrace`] of every intermediate value for display and debugging.
//!
//! Time and nonce are arguments: the core never reads a clock or a random source.
//!
//! ```
//! use ramp_sign::{credentials::Credentials, request::{ApiRequest, SignatureScheme}, sign, time::UtcTime};
//! let req = ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01").param("UserName", "alice");
//! let input = sign::SigningInput {
//!     credentials: &Credentials::new("LTAI5tCaptureKeyId", "CaptureSecret"),
//!     time: UtcTime::parse("2025-06-01T08:00:00Z").unwrap(),
//!     nonce: "0123456789abcdef0123456789abcdef",
//! };
//! let signed = sign::sign(&req, SignatureScheme::V3, &input).unwrap();
//! assert!(signed.request.header("authorization").unwrap().starts_with("ACS3-HMAC-SHA256 Credential=LTAI5tCaptureKeyId,"));
//! ```

pub mod v1;
pub mod v3;

use std::fmt;

use crate::credentials::Credentials;
use crate::request::{ApiRequest, HttpRequest, RequestError, RequestRule, SignatureScheme};
use crate::time::UtcTime;

/// What a signature depends on besides the request.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// The credentials to sign with.
    pub credentials: &'a Credentials,
    /// The request time (`Timestamp` / `x-acs-date`).
    pub time: UtcTime,
    /// A value never used before (`SignatureNonce` / `x-acs-signature-nonce`).
    pub nonce: &'a str,
}

/// Every intermediate value of one signature.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningTrace {
    /// V1 or V3.
    pub scheme: SignatureScheme,
    /// V1: the canonicalized query string; V3: the canonical request.
    pub canonical: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signature (Base64 for V1, lowercase hex for V3).
    pub signature: String,
}

impl fmt::Debug for SigningTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The canonical form carries the security token when there is one.
        f.debug_struct("SigningTrace")
            .field("scheme", &self.scheme)
            .field("canonical_len", &self.canonical.len())
            .field("string_to_sign_len", &self.string_to_sign.len())
            .finish_non_exhaustive()
    }
}

/// A signed request and how its signature was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// What to send.
    pub request: HttpRequest,
    /// How the signature came about.
    pub trace: SigningTrace,
}

/// Signs `req` with `scheme`.
pub fn sign(
    req: &ApiRequest,
    scheme: SignatureScheme,
    input: &SigningInput<'_>,
) -> Result<Signed, RequestError> {
    req.validate()?;
    if input.credentials.access_key_id.trim().is_empty() {
        return Err(RequestError::new(
            "AccessKey ID",
            RequestRule::AccessKeyId,
            "",
        ));
    }
    if input.nonce.is_empty() {
        return Err(RequestError::new("nonce", RequestRule::Nonce, ""));
    }
    Ok(match scheme {
        SignatureScheme::V1 => v1::sign(req, input),
        SignatureScheme::V3 => v3::sign(req, input),
    })
}

/// Sorts `(name, value)` pairs by name in byte (code-point) order, then by value, and
/// joins them as `enc(name)=enc(value)` with `&`: the canonical query of both schemes.
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    crate::encoding::encode_pairs(sorted_pairs(
        pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())),
    ))
}

/// The pairs in canonical order: by name in byte (code-point) order, then by value.
pub(crate) fn sorted_pairs<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(&'a str, &'a str)> {
    let mut sorted: Vec<(&str, &str)> = pairs.collect();
    sorted.sort_unstable();
    sorted
}
