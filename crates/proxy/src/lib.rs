//! # ramp-proxy
//!
//! The server behind `ramp serve`. [`app`] builds the router: the built web app
//! from a `dist/` folder, with strict security headers, and `/healthz`.
//!
//! Every HTML response gets a fresh CSP nonce that replaces Trunk's
//! `{{__TRUNK NONCE__}}` placeholder in the page, so the inline module loader runs
//! without `'unsafe-inline'`.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let config = ramp_proxy::Config::new("dist");
//! let router = ramp_proxy::app(&config)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, router).await
//! # }
//! ```
#![warn(
    missing_docs,
    unreachable_pub,
    missing_debug_implementations,
    rust_2018_idioms
)]
#![forbid(unsafe_code)]

mod sandbox;
mod security;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower_http::services::ServeDir;

pub use security::{parse_frame_ancestors, FrameAncestorsError};

/// What the server needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder Trunk built (`index.html` plus hashed assets).
    pub dist: PathBuf,
    /// Sources allowed to frame the app (CSP `frame-ancestors`); `'none'` by default.
    pub frame_ancestors: String,
    /// The in-process sandbox that answers API calls, and its seed accounts for `/api/info`.
    pub sandbox: Option<(
        Arc<ramp_sandbox::Sandbox>,
        Vec<ramp_sandbox::seed::SeedAccount>,
    )>,
}

impl Config {
    /// Serves `dist` and forbids framing.
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Config {
            dist: dist.into(),
            frame_ancestors: "'none'".to_owned(),
            sandbox: None,
        }
    }
}

/// The app's entry page, read once at start.
#[derive(Debug)]
struct Site {
    index_html: String,
    frame_ancestors: String,
    sandbox: Option<Arc<ramp_sandbox::Sandbox>>,
    info: serde_json::Value,
}

/// Builds the router. Fails when `dist/index.html` cannot be read.
pub fn app(config: &Config) -> std::io::Result<Router> {
    let index_path = config.dist.join("index.html");
    let index_html = std::fs::read_to_string(&index_path).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!(
                "cannot read {}: {e}; build the app first (`make build`) or pass --dist",
                index_path.display()
            ),
        )
    })?;
    let site = Arc::new(Site {
        index_html,
        frame_ancestors: config.frame_ancestors.clone(),
        sandbox: config.sandbox.as_ref().map(|(s, _)| s.clone()),
        info: info(config),
    });
    let assets = ServeDir::new(&config.dist)
        .append_index_html_on_directories(false)
        .fallback(get(index).with_state(site.clone()));
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/api/info", get(api_info))
        .route("/", any(root))
        .route("/index.html", get(index))
        .with_state(site.clone());
    if let Some((sandbox, _)) = &config.sandbox {
        router = router.merge(
            Router::new()
                .route("/relay/{service}", any(sandbox::relay))
                .with_state(sandbox.clone()),
        );
    }
    Ok(router
        .fallback_service(assets)
        .layer(security::default_csp(&config.frame_ancestors))
        .layer(security::always(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security::always(header::REFERRER_POLICY, "no-referrer"))
        .layer(security::always(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        )))
}

/// The `/healthz` body.
#[derive(Debug, serde::Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
}

/// `GET /healthz`: liveness for load balancers and scripts.
async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// `/api/info`'s body: the mode, the version, the services and the sandbox's accounts.
fn info(config: &Config) -> serde_json::Value {
    let services: Vec<&str> = ramp_core::api::Service::ALL
        .iter()
        .map(|s| s.code())
        .collect();
    match &config.sandbox {
        Some((_, accounts)) => serde_json::json!({
            "mode": "sandbox",
            "version": env!("CARGO_PKG_VERSION"),
            "services": services,
            "note": "Sandbox mode: nothing real is touched. These credentials only work against this sandbox.",
            "accounts": accounts,
        }),
        None => serde_json::json!({
            "mode": "offline",
            "version": env!("CARGO_PKG_VERSION"),
            "services": [],
        }),
    }
}

/// `GET /api/info`.
async fn api_info(State(site): State<Arc<Site>>) -> Response {
    let mut response = Json(site.info.clone()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `/`: an API call goes to the sandbox; anything else gets the app.
async fn root(State(site): State<Arc<Site>>, req: Request) -> Response {
    match (&site.sandbox, sandbox::is_api_call(&req)) {
        (Some(sb), true) => sandbox::endpoint(sb.clone(), req).await,
        (None, true) => (
            StatusCode::NOT_FOUND,
            "this server runs no sandbox: start `ramp serve` without --no-sandbox to call the API here",
        )
            .into_response(),
        (_, false) => index(State(site)).await,
    }
}

/// The entry page with a fresh nonce in the page and in its CSP.
async fn index(State(site): State<Arc<Site>>) -> Response {
    let nonce = match security::fresh_nonce() {
        Ok(n) => n,
        Err(_) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "no randomness available for the CSP nonce",
            )
                .into_response()
        }
    };
    let body = site
        .index_html
        .replace(security::TRUNK_NONCE_PLACEHOLDER, &nonce);
    let csp = security::content_security_policy(Some(&nonce), &site.frame_ancestors);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

#[cfg(test)]
mod tests;
