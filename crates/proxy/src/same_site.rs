//! Cross-site requests, and requests for a host name this server does not
//! serve, are refused before anything reaches an upstream or the sandbox. CORS only hides the answer from a foreign page; it does not
//! stop the request — a form post or an `<img>` from another site would
//! still be relayed and executed. A browser says where a request comes from
//! (`Origin`, `Sec-Fetch-Site`); SDKs and the CLI send neither and pass.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::answer::alibaba_error;

/// Whether a request with these headers comes from a page allowed to send
/// signed calls: this server's own pages, or an `--allow-origin` portal.
pub(crate) fn allowed(headers: &HeaderMap, origins: &[String]) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    // The browser's own word that the page is this server's (not forgeable by a page).
    let fetch_site = text("sec-fetch-site");
    if fetch_site == Some("same-origin") {
        return true;
    }
    match text(header::ORIGIN.as_str()) {
        Some(origin) => {
            let host = text(header::HOST.as_str()).unwrap_or_default();
            let own = origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                .is_some_and(|rest| !host.is_empty() && rest.eq_ignore_ascii_case(host));
            own || origins.iter().any(|a| a == origin)
        }
        // No Origin: an SDK, the CLI — or a browser's simple GET from an
        // `<img>` or a link on another site, which says so in Sec-Fetch-Site.
        None => !matches!(fetch_site, Some("cross-site" | "same-site")),
    }
}

/// The answer to a refused request, in Alibaba Cloud's error shape.
pub(crate) fn refusal() -> Response {
    alibaba_error(
        StatusCode::FORBIDDEN,
        "Ramp.CrossSiteRequest",
        "This request comes from a page on another site. Ramp relays signed calls only from its own pages and from the portals named with --allow-origin; call it from the Ramp app, an allowed portal, an SDK or the CLI.",
    )
}

/// The middleware for the relay: refuses a cross-site request (CORS
/// preflights pass to the CORS layer, which answers them).
pub(crate) async fn guard(
    State(origins): State<Arc<Vec<String>>>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() != Method::OPTIONS && !allowed(req.headers(), &origins) {
        return refusal();
    }
    next.run(req).await
}

/// Whether `Host` names a loopback address (`localhost`, `127.0.0.1`,
/// `[::1]`, any port) or a relayed service (`ram.aliyuncs.com`): what a
/// server bound to loopback serves. A page on
/// another site that rebinds its own name to 127.0.0.1 sends its own name.
pub(crate) fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        },
    };
    ramp_core::origin::is_loopback_name(name)
        // A relay in front (`--upstream-url`) sends the service's own name,
        // which no rebinding page can be served under.
        || name.to_ascii_lowercase().ends_with(".aliyuncs.com")
}

/// The answer to a request for a host name this server does not serve.
pub(crate) fn unknown_host() -> Response {
    alibaba_error(
        StatusCode::MISDIRECTED_REQUEST,
        "Ramp.UnknownHost",
        "This server listens on a loopback address and answers only for localhost, 127.0.0.1 or [::1]; the request named another host (a page rebinding its name to this machine?).",
    )
}

/// The middleware for a server bound to loopback: `/api/info`, the relay and
/// the sandbox answer only requests that name a loopback host.
pub(crate) async fn loopback_only(req: Request, next: Next) -> Response {
    if !loopback_host(req.headers()) {
        return unknown_host();
    }
    next.run(req).await
}
