//! # ramp-js
//!
//! ramp-core's API for JavaScript hosts — portal developers, scripts, tests —
//! built with wasm-bindgen (`--target web`): sign and verify (V1, V3), lint,
//! simulate, format and summarise policies, build trust and permission
//! policies from the presets, plan an intent and export the plan, audit an
//! account snapshot (who has ARMS access and why; who can do what). Plain
//! JavaScript objects in and out; failures are thrown as `Error`s with a
//! `code` (see `index.d.ts` for every shape).

pub mod audit;
mod error;
pub mod plan;
pub mod policy;
pub mod sign;
#[cfg(feature = "survey")]
pub mod survey;
mod types;

pub use error::JsError;

use serde::Serialize;
use wasm_bindgen::JsValue;

/// A Rust value as a plain JavaScript object (maps as objects, not `Map`s).
/// (Built property by property: measured faster than `JSON.parse` of text
/// written in wasm, which the inputs use; see `from_js`.)
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new("Ramp.Output", e.to_string()).into())
}

/// A JavaScript value read into `T`, or an `Error` whose code names `what`:
/// serialised by the host's `JSON.stringify` and read as JSON in wasm, so that
/// serde's checks hold — a misspelt field is rejected by name and a missing one
/// is named (read property by property, neither was). `undefined` reads as `null`.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    let invalid = |detail: &str| {
        JsValue::from(JsError::new(
            "InvalidParameter",
            format!("{what}: {detail}"),
        ))
    };
    let text = if value.is_undefined() {
        None
    } else {
        js_sys::JSON::stringify(&value)
            .map_err(|_| {
                invalid("not expressible as JSON (a BigInt, or an object that contains itself)")
            })?
            .as_string()
    };
    serde_json::from_str(text.as_deref().unwrap_or("null")).map_err(|e| {
        // serde_json says where in the text it stopped; the caller passed an object, not text.
        let message = e.to_string();
        invalid(
            message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m),
        )
    })
}
