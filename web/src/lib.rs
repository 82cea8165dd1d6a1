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

#[cfg(feature = "shell")]
pub mod app;
#[cfg(feature = "flows")]
pub mod apply;
pub mod browser;
pub mod components;
pub mod connection;
#[cfg(feature = "flows")]
pub mod embed;
pub mod engine;
#[cfg(all(feature = "shell", not(feature = "flows")))]
pub mod flows_host;
pub mod host;
pub mod i18n;
pub mod modules;
pub mod nav;
pub mod pages;
pub mod route;
pub mod state;
pub mod transport;

// The engine (ramp-js) lives in the flows module: its exports are the flows module's.
#[cfg(feature = "flows")]
use ramp_js as _;

/// The id of `<main>` where the flows module renders a flow page, beside the
/// shell's root (see `flows_host.rs`).
pub const FLOW_ROOT: &str = "ramp-flow";

/// Adds the shell's root and, after it, the (hidden) flow pages' root to
/// `<body>`; the shell's root.
#[cfg(feature = "shell")]
fn roots() -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    let shell = document.create_element("div").ok()?;
    shell.set_id("ramp-shell");
    let flow = document.create_element("main").ok()?;
    flow.set_id(FLOW_ROOT);
    flow.set_class_name("page");
    flow.set_attribute("hidden", "").ok()?;
    body.append_child(&shell).ok()?;
    body.append_child(&flow).ok()?;
    Some(shell)
}

/// Mounts the app (see [`FLOW_ROOT`]) — unless `ramp-embed.js` loaded this module
/// to embed flows in another page (it sets `globalThis.__RAMP_EMBED__`).
pub fn run() {
    let embedded = js_sys::Reflect::get(&js_sys::global(), &"__RAMP_EMBED__".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    #[cfg(feature = "shell")]
    if !embedded {
        if let Some(shell) = roots() {
            yew::Renderer::<app::App>::with_root(shell).render();
        }
    }
    #[cfg(not(feature = "shell"))]
    let _ = embedded;
}
