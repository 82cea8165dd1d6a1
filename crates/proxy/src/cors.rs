//! CORS for a portal on another origin: off unless `--allow-origin` lists
//! exact origins; then preflights are answered, and the relay's, `/api/info`'s
//! and the built files' answers (the embedded wizard's scripts, wasm and
//! engine) carry the CORS headers for those origins only.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Request headers a signed call may carry.
const ALLOWED_HEADERS: &str = "authorization, content-type, accept, x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256, x-acs-security-token, x-acs-accesskey-id, x-acs-credentials-provider, x-ramp-status";

/// Checks an `--allow-origin` value: `http(s)://host[:port]`, nothing else
/// (ramp-core's origin rules); returns it as browsers send it in `Origin`.
pub fn parse_origin(value: &str) -> Result<String, String> {
    ramp_core::origin::parse(value)
        .map(|o| o.to_string())
        .map_err(|e| format!("--allow-origin: {e}"))
}

/// The middleware.
pub(crate) async fn cors(
    State(origins): State<Arc<Vec<String>>>,
    req: Request,
    next: Next,
) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| origins.iter().any(|a| a == o))
        .map(str::to_owned);
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        let Some(origin) = origin else {
            return (StatusCode::FORBIDDEN, "origin not allowed").into_response();
        };
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        allow(&mut r, &origin);
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, GET"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOWED_HEADERS),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        return r;
    }
    let mut r = next.run(req).await;
    if let Some(origin) = origin {
        allow(&mut r, &origin);
        r.headers_mut().insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("x-acs-request-id, x-ramp-upstream-status"),
        );
    }
    r
}

fn allow(r: &mut Response, origin: &str) {
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
}
