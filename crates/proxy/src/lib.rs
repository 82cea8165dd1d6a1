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
#![forbid(unsafe_code)]

mod answer;
mod client;
mod connections;
mod cors;
mod head;
mod limits;
mod metrics;
mod rehearsal;
mod relay;
mod same_site;
mod sandbox;
mod security;
pub mod upstream;
pub mod workers;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower_http::services::ServeDir;

pub use connections::ConnectionLimits;
pub use cors::parse_origin;
pub use head::HeadLimits;
pub use limits::Limits;
pub use metrics::Metrics;
pub use relay::Relay;
pub use security::{parse_frame_ancestors, FrameAncestorsError};
use upstream::Backend;

/// What the server needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder Trunk built (`index.html` plus hashed assets).
    pub dist: PathBuf,
    /// Sources allowed to frame the app (CSP `frame-ancestors`); `'none'` by default.
    pub frame_ancestors: String,
    /// What answers `/relay/{service}` (`None`: no relay, the app only).
    pub backend: Option<Backend>,
    /// The sandbox's seed accounts, for `/api/info`.
    pub seed_accounts: Vec<ramp_sandbox::seed::SeedAccount>,
    /// The relay's bounds.
    pub limits: Limits,
    /// Exact origins allowed to call the relay and `/api/info` from a browser.
    pub allow_origins: Vec<String>,
    /// The server listens on loopback: `/api/info`, the relay and the sandbox
    /// answer only requests whose `Host` is a loopback name (DNS rebinding).
    pub loopback_hosts_only: bool,
    /// Send `x-forwarded-for` upstream.
    pub forward_client_ip: bool,
}

impl Config {
    /// Serves `dist` and forbids framing.
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Config {
            dist: dist.into(),
            frame_ancestors: "'none'".to_owned(),
            backend: None,
            seed_accounts: Vec::new(),
            limits: Limits::default(),
            allow_origins: Vec::new(),
            loopback_hosts_only: false,
            forward_client_ip: false,
        }
    }
}

/// The app's entry page, read once at start.
#[derive(Debug)]
struct Site {
    /// `--allow-origin`: portals that may call the sandbox's endpoint too.
    allow_origins: Vec<String>,
    /// Answer API calls only for loopback host names.
    loopback_hosts_only: bool,
    index_html: String,
    frame_ancestors: String,
    sandbox: Option<Arc<ramp_sandbox::Sandbox>>,
    /// The largest body the sandbox's endpoint reads (`--max-body-bytes`).
    max_body_bytes: usize,
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
        allow_origins: config.allow_origins.clone(),
        loopback_hosts_only: config.loopback_hosts_only,
        index_html,
        frame_ancestors: config.frame_ancestors.clone(),
        sandbox: match &config.backend {
            Some(Backend::Sandbox(s)) => Some(s.clone()),
            _ => None,
        },
        max_body_bytes: config.limits.max_body_bytes,
        info: info(config),
    });
    let assets = ServeDir::new(&config.dist)
        .append_index_html_on_directories(false)
        .fallback(get(index).with_state(site.clone()));
    let origins = Arc::new(config.allow_origins.clone());
    let mut cross_origin = Router::new()
        .route("/api/info", get(api_info))
        .route(
            "/api/rehearse",
            axum::routing::post(rehearsal::rehearse_change),
        )
        .with_state(site.clone());
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/", any(root))
        .route("/index.html", get(index))
        .with_state(site.clone());
    if let Some(backend) = &config.backend {
        let relay = Arc::new(Relay::new(
            backend.clone(),
            config.limits.clone(),
            config.forward_client_ip,
        ));
        cross_origin = cross_origin.merge(
            Router::new()
                .route("/relay/{*rest}", any(relay::relay))
                .with_state(relay.clone())
                .layer(axum::middleware::from_fn_with_state(
                    origins.clone(),
                    same_site::guard,
                )),
        );
        router = router
            .route("/metrics", get(serve_metrics).with_state(relay.clone()))
            .route("/readyz", get(readyz).with_state(relay));
    }
    // A portal on an allowed origin embeds the wizard (`ramp-embed.js`): its
    // module scripts, wasm and engine are fetched with CORS too.
    let static_files =
        Router::new()
            .fallback_service(assets)
            .layer(axum::middleware::from_fn_with_state(
                origins.clone(),
                cors::cors,
            ));
    let mut cross_origin =
        cross_origin.layer(axum::middleware::from_fn_with_state(origins, cors::cors));
    if config.loopback_hosts_only {
        cross_origin = cross_origin.layer(axum::middleware::from_fn(same_site::loopback_only));
    }
    Ok(router
        .merge(cross_origin)
        .fallback_service(static_files)
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
    match &config.backend {
        Some(Backend::Sandbox(_)) => serde_json::json!({
            "mode": "sandbox",
            "version": env!("CARGO_PKG_VERSION"),
            "services": services,
            "note": "Sandbox mode: nothing real is touched. These credentials only work against this sandbox.",
            // The admin keys sign the app in; the roots' keys are never served.
            "accounts": config.seed_accounts.iter().map(|a| serde_json::json!({
                "id": a.id,
                "alias": a.alias,
                "purpose": a.purpose,
                "admin": a.admin,
                "resource_groups": a.resource_groups,
            })).collect::<Vec<_>>(),
        }),
        Some(backend) => serde_json::json!({
            "mode": backend.mode(),
            "version": env!("CARGO_PKG_VERSION"),
            "services": services,
            "sts_regions": upstream::STS_REGIONS,
        }),
        None => serde_json::json!({
            "mode": "offline",
            "version": env!("CARGO_PKG_VERSION"),
            "services": [],
        }),
    }
}

/// `GET /metrics`: Prometheus text.
async fn serve_metrics(State(relay): State<Arc<Relay>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        relay.metrics.render(),
    )
        .into_response()
}

/// `GET /readyz`: the sandbox is always ready; an upstream is when it accepts a connection.
async fn readyz(State(relay): State<Arc<Relay>>) -> Response {
    let probe = match &relay.backend {
        Backend::Sandbox(_) => None,
        Backend::Aliyun(_) => Some("ram.aliyuncs.com:443".to_owned()),
        Backend::Loopback(_, base) => Some(base.trim_start_matches("http://").to_owned()),
    };
    let ready = match &probe {
        None => true,
        Some(addr) => matches!(
            tokio::time::timeout(
                std::time::Duration::from_secs(2),
                tokio::net::TcpStream::connect(addr.as_str())
            )
            .await,
            Ok(Ok(_))
        ),
    };
    let body = serde_json::json!({
        "status": if ready { "ready" } else { "unready" },
        "upstream": relay.backend.mode(),
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
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
        // A browser page on another site may not call the sandbox either.
        (Some(_), true) if !same_site::allowed(req.headers(), &site.allow_origins) => {
            same_site::refusal()
        }
        (Some(_), true)
            if site.loopback_hosts_only && !same_site::loopback_host(req.headers()) =>
        {
            same_site::unknown_host()
        }
        (Some(sb), true) => sandbox::endpoint(sb.clone(), req, site.max_body_bytes).await,
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
