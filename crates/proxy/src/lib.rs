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

mod security;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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
}

impl Config {
    /// Serves `dist` and forbids framing.
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Config {
            dist: dist.into(),
            frame_ancestors: "'none'".to_owned(),
        }
    }
}

/// The app's entry page, read once at start.
#[derive(Debug)]
struct Site {
    index_html: String,
    frame_ancestors: String,
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
    });
    let assets = ServeDir::new(&config.dist)
        .append_index_html_on_directories(false)
        .fallback(get(index).with_state(site.clone()));
    Ok(Router::new()
        .route("/healthz", get(healthz))
        .route("/", get(index))
        .route("/index.html", get(index))
        .with_state(site.clone())
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
