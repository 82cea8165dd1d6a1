//! # ramp-sign
//!
//! Signing Alibaba Cloud API requests, with no IO: the request model
//! ([`request`]), credentials whose secrets never print ([`credentials`]),
//! percent-encoding ([`encoding`]), request times ([`time`]) and the two
//! signatures ([`sign`]: the RPC signature V1, HMAC-SHA1, and
//! `ACS3-HMAC-SHA256`, V3). ramp-core re-exports every module, so the rest of
//! Ramp says `ramp_core::sign` and never names this crate.
//!
//! Why a crate of its own: signing is Ramp's hot path, and a Cargo profile can
//! only choose speed or size per crate. The browser builds are size-optimised;
//! this crate is compiled for speed inside them (see `[profile.wasm-release]`).
//!
//! ```
//! use ramp_sign::{credentials::Credentials, request::{ApiRequest, SignatureScheme}, sign, time::UtcTime};
//! let creds = Credentials::new("LTAI5tCaptureKeyId", "CaptureSecret");
//! let req = ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01").param("UserName", "alice");
//! let input = sign::SigningInput { credentials: &creds, time: UtcTime::parse("2025-06-01T08:00:00Z").unwrap(), nonce: "n-1" };
//! let signed = sign::sign(&req, SignatureScheme::V1, &input).unwrap();
//! assert!(signed.trace.string_to_sign.starts_with("POST&%2F&AccessKeyId%3DLTAI5tCaptureKeyId%26Action%3DCreateUser"));
//! ```
#![forbid(unsafe_code)]

pub mod credentials;
pub mod encoding;
pub mod lang;
pub mod params;
pub mod request;
pub mod sign;
pub mod time;
