//! # ramp-js
//!
//! ramp-core's API for JavaScript hosts: sign, verify, lint, simulate and build
//! policies from a plain `import`, through wasm-bindgen.
//!
//! Not built yet: this crate exports nothing until the embedding issue lands.
#![warn(
    missing_docs,
    unreachable_pub,
    missing_debug_implementations,
    rust_2018_idioms
)]
