//! # ramp-js
//!
//! ramp-core's API for JavaScript hosts — portal developers, scripts, tests —
//! built with wasm-bindgen (`--target web`): sign and verify (V1, V3), lint,
//! simulate, format and summarise policies, build trust and permission
//! policies from the presets, plan an intent and export the plan. Plain
//! JavaScript objects in and out; failures are thrown as `Error`s with a
//! `code` (see `index.d.ts` for every shape).
#![warn(
    missing_docs,
    unreachable_pub,
    missing_debug_implementations,
    rust_2018_idioms
)]

mod error;
pub mod plan;
pub mod policy;
pub mod sign;
mod types;

pub use error::JsError;

use serde::Serialize;
use wasm_bindgen::JsValue;

/// A Rust value as a plain JavaScript object (maps as objects, not `Map`s).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new("Ramp.Output", e.to_string()).into())
}

/// A JavaScript value read into `T`, or an `Error` whose code names `what`.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new("InvalidParameter", format!("{what}: {e}")).into())
}
