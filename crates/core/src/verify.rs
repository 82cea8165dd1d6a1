//! Verifying a received request: read who claims to have signed it
//! ([`SignedClaim::from_request`]), look up that key's secret, then recompute and
//! compare in constant time ([`SignedClaim::verify`]). On mismatch the error
//! carries the server's string to sign, as Alibaba Cloud's `SignatureDoesNotMatch` does.
//!
//! The canonical forms come from the same functions the signer uses.
//!
//! ```
//! use ramp_core::{credentials::Credentials, request::{ApiRequest, SignatureScheme}, sign, time::UtcTime};
//! use ramp_core::verify::{ReceivedRequest, SignedClaim};
//! let creds = Credentials::new("LTAI5tExampleKeyId", "secret");
//! let req = ApiRequest::rpc("sts.aliyuncs.com", "GetCallerIdentity", "2015-04-01");
//! let input = sign::SigningInput { credentials: &creds, time: UtcTime::from_unix_seconds(0), nonce: "n1" };
//! let http = sign::sign(&req, SignatureScheme::V1, &input).unwrap().request;
//! let query = http.query_string();
//! let received = ReceivedRequest { method: "POST", path: "/", query, headers: &http.headers, body: &http.body };
//! let claim = SignedClaim::from_request(&received).unwrap();
//! assert_eq!(claim.access_key_id, "LTAI5tExampleKeyId");
//! assert!(claim.verify(&received, "secret").is_ok());
//! assert!(claim.verify(&received, "wrong").is_err());
//! ```

use std::fmt;

use base64::Engine as _;
use hmac::Mac;

use crate::encoding::parse_form;
use crate::lang::{Lang, Localized};
use crate::request::SignatureScheme;
use crate::sign::{canonical_query, v1, v3};

/// A request as a server received it.
#[derive(Debug, Clone, Copy)]
pub struct ReceivedRequest<'a> {
    /// The HTTP method, as received.
    pub method: &'a str,
    /// The request path, as received (still percent-encoded).
    pub path: &'a str,
    /// The raw query string, without `?`.
    pub query: &'a str,
    /// All headers, in any case.
    pub headers: &'a [(String, String)],
    /// The body bytes.
    pub body: &'a [u8],
}

impl ReceivedRequest<'_> {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `true` when the body is a URL-encoded form.
    fn has_form_body(&self) -> bool {
        self.header("content-type").is_some_and(|ct| {
            ct.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
    }

    /// All parameters: the query's and, for a form body, the body's, decoded (`+` is a space).
    pub fn params(&self) -> Vec<(String, String)> {
        let mut params = parse_form(self.query);
        if self.has_form_body() {
            params.extend(parse_form(&String::from_utf8_lossy(self.body)));
        }
        params
    }
}

/// What a request claims about its signer, read before any secret is known.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedClaim {
    /// V1 or V3.
    pub scheme: SignatureScheme,
    /// The AccessKey ID that claims to have signed.
    pub access_key_id: String,
    /// The STS token presented (`SecurityToken` or `x-acs-security-token`).
    pub security_token: Option<String>,
    /// `Timestamp` (V1) or `x-acs-date` (V3), as sent.
    pub date: Option<String>,
    /// `SignatureNonce` (V1) or `x-acs-signature-nonce` (V3).
    pub nonce: Option<String>,
    /// `Action` (query for V1; `x-acs-action` or query for V3).
    pub action: Option<String>,
    /// `Version` (query for V1; `x-acs-version` or query for V3).
    pub version: Option<String>,
    signature: String,
    signed_headers: Vec<String>,
}

impl fmt::Debug for SignedClaim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedClaim")
            .field("scheme", &self.scheme)
            .field(
                "access_key_id",
                &crate::credentials::mask_key_id(&self.access_key_id),
            )
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .field("date", &self.date)
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

fn param<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl SignedClaim {
    /// Reads the claim: V3 when an `Authorization: ACS3-…` header is present, else V1
    /// from the `Signature` parameter.
    pub fn from_request(req: &ReceivedRequest<'_>) -> Result<Self, VerifyError> {
        let params = req.params();
        let owned = |name: &str| param(&params, name).map(str::to_owned);
        if let Some(auth) = req.header("authorization") {
            let (algorithm, fields) = auth.trim().split_once(' ').unwrap_or((auth.trim(), ""));
            if algorithm != v3::ALGORITHM {
                return Err(VerifyError::UnsupportedAlgorithm(
                    algorithm.chars().take(40).collect(),
                ));
            }
            let mut credential = None;
            let mut signed_headers = None;
            let mut signature = None;
            for field in fields.split(',') {
                match field.trim().split_once('=') {
                    Some(("Credential", v)) => credential = Some(v.to_owned()),
                    Some(("SignedHeaders", v)) => signed_headers = Some(v.to_owned()),
                    Some(("Signature", v)) => signature = Some(v.to_owned()),
                    _ => {}
                }
            }
            let missing = |what: &str| VerifyError::MalformedAuthorization(format!("no {what}="));
            let credential = credential
                .filter(|c| !c.is_empty())
                .ok_or_else(|| missing("Credential"))?;
            let signed_headers = signed_headers.ok_or_else(|| missing("SignedHeaders"))?;
            let signature = signature
                .filter(|s| !s.is_empty())
                .ok_or_else(|| missing("Signature"))?;
            let header = |name: &str| req.header(name).map(str::to_owned);
            return Ok(SignedClaim {
                scheme: SignatureScheme::V3,
                access_key_id: credential,
                security_token: header("x-acs-security-token"),
                date: header("x-acs-date"),
                nonce: header("x-acs-signature-nonce"),
                action: header("x-acs-action").or_else(|| owned("Action")),
                version: header("x-acs-version").or_else(|| owned("Version")),
                signature,
                signed_headers: signed_headers
                    .split(';')
                    .filter(|s| !s.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect(),
            });
        }
        let signature = owned("Signature")
            .filter(|s| !s.is_empty())
            .ok_or(VerifyError::MissingSignature)?;
        let access_key_id = owned("AccessKeyId")
            .filter(|s| !s.is_empty())
            .ok_or(VerifyError::MissingAccessKeyId)?;
        Ok(SignedClaim {
            scheme: SignatureScheme::V1,
            access_key_id,
            security_token: owned("SecurityToken"),
            date: owned("Timestamp"),
            nonce: owned("SignatureNonce"),
            action: owned("Action"),
            version: owned("Version"),
            signature,
            signed_headers: Vec::new(),
        })
    }

    /// Recomputes the signature with `secret` and compares in constant time.
    pub fn verify(&self, req: &ReceivedRequest<'_>, secret: &str) -> Result<(), VerifyError> {
        match self.scheme {
            SignatureScheme::V1 => {
                let params: Vec<(String, String)> = req
                    .params()
                    .into_iter()
                    .filter(|(k, _)| k != "Signature")
                    .collect();
                let canonical = canonical_query(&params);
                let string_to_sign = v1::string_to_sign(req.method, &canonical);
                let presented =
                    base64::engine::general_purpose::STANDARD.decode(self.signature.as_bytes());
                let ok = presented.is_ok_and(|bytes| {
                    v1::mac(secret, &string_to_sign)
                        .verify_slice(&bytes)
                        .is_ok()
                });
                mismatch_unless(ok, string_to_sign, canonical)
            }
            SignatureScheme::V3 => {
                if let Some(name) = self.signed_headers.iter().find(|n| req.header(n).is_none()) {
                    return Err(VerifyError::MalformedAuthorization(format!(
                        "SignedHeaders lists `{name}` but the request has no such header"
                    )));
                }
                let (canon_headers, signed_headers) =
                    v3::canonical_headers(req.headers, &self.signed_headers);
                let canonical = v3::canonical_request(
                    req.method,
                    req.path,
                    &canonical_query(&parse_form(req.query)),
                    &canon_headers,
                    &signed_headers,
                    &v3::hash_payload(req.body),
                );
                let string_to_sign = v3::string_to_sign(&canonical);
                let ok = decode_hex(&self.signature).is_some_and(|bytes| {
                    v3::mac(secret, &string_to_sign)
                        .verify_slice(&bytes)
                        .is_ok()
                });
                mismatch_unless(ok, string_to_sign, canonical)
            }
        }
    }
}

fn mismatch_unless(ok: bool, string_to_sign: String, canonical: String) -> Result<(), VerifyError> {
    if ok {
        Ok(())
    } else {
        Err(VerifyError::Mismatch {
            string_to_sign,
            canonical,
        })
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            s.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect()
}

/// Why a request's signature was not accepted.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `Signature` parameter and no `Authorization` header.
    MissingSignature,
    /// A V1 request without `AccessKeyId`.
    MissingAccessKeyId,
    /// `Authorization` names an algorithm other than `ACS3-HMAC-SHA256`.
    UnsupportedAlgorithm(String),
    /// `Authorization` is not `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
    MalformedAuthorization(String),
    /// The recomputed signature differs.
    Mismatch {
        /// The server's string to sign.
        string_to_sign: String,
        /// The server's canonical query (V1) or canonical request (V3).
        canonical: String,
    },
}

impl VerifyError {
    /// Alibaba Cloud's error code for this failure.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Mismatch { .. } => "SignatureDoesNotMatch",
            VerifyError::MissingAccessKeyId => "MissingAccessKeyId",
            _ => "IncompleteSignature",
        }
    }
}

impl Localized for VerifyError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (VerifyError::MissingSignature, Lang::En) => "The request is not signed: add the Signature parameter (V1) or an ACS3-HMAC-SHA256 Authorization header (V3).".into(),
            (VerifyError::MissingSignature, Lang::Zh) => "请求未签名：请添加 Signature 参数（V1）或 ACS3-HMAC-SHA256 Authorization 请求头（V3）。".into(),
            (VerifyError::MissingAccessKeyId, Lang::En) => "AccessKeyId is mandatory for this action: add the AccessKeyId parameter.".into(),
            (VerifyError::MissingAccessKeyId, Lang::Zh) => "缺少 AccessKeyId 参数：请添加 AccessKeyId。".into(),
            (VerifyError::UnsupportedAlgorithm(a), Lang::En) => format!("The request signature does not conform to Aliyun standards: algorithm `{a}` is not supported; use ACS3-HMAC-SHA256."),
            (VerifyError::UnsupportedAlgorithm(a), Lang::Zh) => format!("请求签名不符合阿里云规范：不支持算法 `{a}`，请使用 ACS3-HMAC-SHA256。"),
            (VerifyError::MalformedAuthorization(d), Lang::En) => format!("The request signature does not conform to Aliyun standards: Authorization header is malformed ({d}); expected `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>`."),
            (VerifyError::MalformedAuthorization(d), Lang::Zh) => format!("请求签名不符合阿里云规范：Authorization 请求头格式错误（{d}），应为 `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>`。"),
            (VerifyError::Mismatch { string_to_sign, .. }, Lang::En) => format!("Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"),
            (VerifyError::Mismatch { string_to_sign, .. }, Lang::Zh) => format!("签名与服务端计算结果不一致。服务端待签名字符串为：{string_to_sign}"),
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl fmt::Debug for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A V1 string to sign can carry the SecurityToken: debug output shows the code only.
        write!(f, "VerifyError({})", self.code())
    }
}

impl std::error::Error for VerifyError {}
