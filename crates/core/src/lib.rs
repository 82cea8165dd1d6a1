//! # ramp-core
//!
//! The pure logic of Ramp, with no IO: it builds for native targets and for
//! `wasm32-unknown-unknown` alike, so the browser, the CLI and the sandbox run
//! the same code.
//!
//! It holds request signing (from ramp-sign, re-exported here) and verification
//! for Alibaba Cloud APIs (the RPC signature V1, HMAC-SHA1, and
//! `ACS3-HMAC-SHA256`, V3), the RAM policy engine
//! ([`policy`]: parser, printer, builders, catalogue, linter, evaluator) and the
//! typed RAM, STS, Resource Manager and IMS calls ([`api`]).
//!
//! ```
//! use ramp_core::{credentials::Credentials, request::{ApiRequest, SignatureScheme}, sign, time::UtcTime};
//! let creds = Credentials::new("LTAI5tCaptureKeyId", "CaptureSecret");
//! let req = ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01").param("UserName", "alice");
//! let input = sign::SigningInput { credentials: &creds, time: UtcTime::parse("2025-06-01T08:00:00Z").unwrap(), nonce: "n-1" };
//! let signed = sign::sign(&req, SignatureScheme::V1, &input).unwrap();
//! assert!(signed.trace.string_to_sign.starts_with("POST&%2F&AccessKeyId%3DLTAI5tCaptureKeyId%26Action%3DCreateUser"));
//! ```
#![forbid(unsafe_code)]

pub mod api;
pub mod audit;
pub mod diff;
pub mod origin;
pub mod plan;
pub mod policy;
pub mod vectors;
pub mod verify;

// Signing lives in ramp-sign (compiled for speed in the size-optimised wasm
// builds); its modules are ramp-core's, under the same names.
pub use ramp_sign::{credentials, encoding, lang, params, request, sign, time};
