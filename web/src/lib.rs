//! # ramp-web
//!
//! The Ramp wizard in Yew: the shell (header, navigation, English/Chinese,
//! the sandbox banner), the Credentials page, the three flows (teammate
//! access, team group, share with another account — keyed steps, review,
//! apply, rollback), the policy studio and the signature workbench.
//! Requests are signed in the browser by ramp-core; `transport.rs` posts
//! them to the relay; the planner, exporters, linter and evaluator come from
//! the engine (ramp-js), imported on demand by `engine.rs`.
//!
//! Structure: pure state in `state.rs` and each page's `model.rs` (reducers,
//! tested natively); thin views in `components/` and `pages/`; browser IO
//! (clock, randomness, location, downloads, the service worker) in
//! `browser.rs`; the network in `transport.rs`; the runner loop in `apply.rs`.
#![warn(missing_debug_implementations, rust_2018_idioms)]

pub mod app;
pub mod apply;
pub mod browser;
pub mod components;
pub mod connection;
pub mod embed;
pub mod engine;
pub mod host;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod route;
pub mod state;
pub mod transport;

/// Mounts the app on `<body>` — unless `ramp-embed.js` loaded this module
/// to embed flows in another page (it sets `globalThis.__RAMP_EMBED__`).
pub fn run() {
    let embedded = js_sys::Reflect::get(&js_sys::global(), &"__RAMP_EMBED__".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    if !embedded {
        yew::Renderer::<app::App>::new().render();
    }
}
