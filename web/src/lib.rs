//! # ramp-web
//!
//! The Ramp wizard in Yew. This release holds the app shell — header,
//! navigation to the five flows, an English/Chinese switch, the sandbox
//! banner — the Credentials page (who am I, assume a role, temporary
//! credentials) and the Signature workbench. Everything is computed and
//! signed in the browser by ramp-core; `transport.rs` posts signed calls to
//! the relay.
//!
//! Structure: pure state in `state.rs` and each page's `model.rs` (reducers,
//! tested natively); thin views in `components/` and `pages/`; browser IO
//! (clock, randomness, location, downloads) in `browser.rs`; the network in
//! `transport.rs`.
#![warn(missing_debug_implementations, rust_2018_idioms)]

pub mod app;
pub mod apply;
pub mod browser;
pub mod components;
pub mod connection;
pub mod engine;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod state;
pub mod transport;

/// Mounts the app on `<body>`.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
