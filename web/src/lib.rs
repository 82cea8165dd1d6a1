//! # ramp-web
//!
//! The Ramp wizard in Yew. This release holds the app shell — header,
//! navigation to the five flows, an English/Chinese switch — and the
//! Signature workbench. Everything is computed in the browser by ramp-core.
//!
//! Structure: pure state in `state.rs` and each page's `model.rs` (reducers,
//! tested natively); thin views in `components/` and `pages/`; browser IO
//! (clock, randomness, location) in `browser.rs`.
#![warn(missing_debug_implementations, rust_2018_idioms)]

pub mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod state;

/// Mounts the app on `<body>`.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
