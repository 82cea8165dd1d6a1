//! # ramp-sandbox
//!
//! An in-memory emulator of the Alibaba Cloud RAM, STS and Resource Manager APIs
//! that behaves like the real services: it verifies V1 and V3 signatures with
//! `ramp_core::verify`, authorizes each call with ramp-core's policy evaluator,
//! and answers with the real error codes and response shapes.
//!
//! Not built yet: this crate has no behaviour until the sandbox issue lands.
//! `ramp serve` does not start a sandbox in this release.
#![warn(
    missing_docs,
    unreachable_pub,
    missing_debug_implementations,
    rust_2018_idioms
)]
