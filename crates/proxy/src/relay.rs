//! `POST /relay/{service}`: forwards an already-signed request, exactly, to the
//! allow-listed service — the query byte for byte, the body, and only
//! `authorization`, `x-acs-*`, `content-type` and `accept` — and returns the
//! upstream's status, body, `content-type` and `x-acs-request-id` unchanged.
//! Every refusal and failure is answered in Alibaba Cloud's error shape.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use tokio::sync::Semaphore;

use crate::answer::alibaba_error;
use crate::client::client_ip;
use crate::limits::{Limits, RateLimiter};
use crate::metrics::Metrics;
use crate::sandbox;
use crate::upstream::{self, Backend, Target};

/// The relay's state.
#[derive(Debug)]
pub struct Relay {
    pub(crate) backend: Backend,
    pub(crate) limits: Limits,
    rate: RateLimiter,
    slots: Arc<Semaphore>,
    pub(crate) metrics: Arc<Metrics>,
    forward_client_ip: bool,
}

impl Relay {
    /// A relay to `backend` within `limits`; `forward_client_ip` adds `x-forwarded-for`.
    pub fn new(backend: Backend, limits: Limits, forward_client_ip: bool) -> Relay {
        Relay {
            rate: RateLimiter::new(limits.per_client_per_second),
            slots: Arc::new(Semaphore::new(limits.max_concurrent.max(1))),
            backend,
            limits,
            metrics: Arc::new(Metrics::default()),
            forward_client_ip,
        }
    }
}

fn retry_later(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// Headers that go upstream.
fn forwarded(name: &str) -> bool {
    matches!(name, "authorization" | "content-type" | "accept") || name.starts_with("x-acs-")
}

/// The action, for logs and metrics only (never the rest of the query).
fn action_of(query: &str, headers: &HeaderMap) -> String {
    let from_header = headers
        .get("x-acs-action")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let from_query = || {
        query
            .split('&')
            .find_map(|p| p.strip_prefix("Action="))
            .map(str::to_owned)
    };
    from_header
        .or_else(from_query)
        .filter(|a| !a.is_empty() && a.len() <= 64 && a.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "other".to_owned())
}

/// Whether `action` is an API of the relayed `service` (`sts.cn-hangzhou` is
/// STS) that Ramp's catalogue knows.
fn known_action(service: &str, action: &str) -> bool {
    // Policies name IMS's actions as RAM's (`ram:GetDefaultDomain`).
    let Some(target) = upstream::target(service) else {
        return false;
    };
    let code = target.service.ram_code();
    ramp_core::policy::catalogue::find_action(&format!("{code}:{action}")).is_some()
}

/// The relay path's service name, raw: lowercase letters, digits, `.` and `-` only.
fn service_name(path: &str) -> Option<&str> {
    path.strip_prefix("/relay/").filter(|n| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    })
}

/// `POST /relay/{service}`.
pub(crate) async fn relay(State(relay): State<Arc<Relay>>, req: Request) -> Response {
    let started = Instant::now();
    let _in_flight = relay.metrics.in_flight();
    let client = client_ip(&req);
    // Origin-form only (`/relay/…`, not `http://host/relay/…`), one Host header,
    // and the body framed by one Content-Length: signed calls are small and
    // browsers and SDKs always send one; Transfer-Encoding (alone or beside a
    // Content-Length, the classic request-smuggling shape) is refused.
    let h = req.headers();
    let well_formed = req.uri().scheme().is_none()
        && req.uri().authority().is_none()
        && h.get_all(header::HOST).iter().count() <= 1
        && h.get_all(header::CONTENT_LENGTH).iter().count() <= 1
        && !h.contains_key(header::TRANSFER_ENCODING);
    let target = service_name(req.uri().path())
        .and_then(upstream::target)
        .filter(|_| well_formed);
    let service_label = target.as_ref().map_or("refused".to_owned(), |t| {
        t.host.trim_end_matches(".aliyuncs.com").to_owned()
    });
    let action = action_of(req.uri().query().unwrap_or_default(), req.headers());
    // Ramp's own app asks for the upstream status in a header (see `status_in_header`).
    let status_in_header = req
        .headers()
        .get(STATUS_MODE)
        .is_some_and(|v| v.as_bytes() == b"header");
    let (response, upstream_request_id, upstream_ms) = match target {
        None if !well_formed => (
            alibaba_error(
                StatusCode::BAD_REQUEST,
                "InvalidRequest",
                "The relay takes origin-form targets (/relay/<service>), one Host header, and a Content-Length (no Transfer-Encoding).",
            ),
            None,
            None,
        ),
        None => (
            alibaba_error(
                StatusCode::NOT_FOUND,
                "InvalidService",
                "Not a relayed service: use /relay/ram, /relay/sts, /relay/sts.<region>, /relay/resourcemanager or /relay/ims.",
            ),
            None,
            None,
        ),
        Some(target) => forward(&relay, req, target, client).await,
    };
    let status = response.status().as_u16();
    // Metrics label only what Ramp knows: any other value (a refused request,
    // an action name made up by a client) counts under `other`, so clients
    // cannot grow /metrics without bound.
    let known = service_label != "refused" && known_action(&service_label, &action);
    let metric_action = if known { action.as_str() } else { "other" };
    relay
        .metrics
        .request(&service_label, metric_action, status, started.elapsed());
    let request_id = upstream_request_id.or_else(|| {
        response
            .headers()
            .get("x-acs-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    tracing::info!(
        target: "ramp::relay",
        service = %service_label,
        action = %action,
        status,
        upstream_ms = upstream_ms.map(|d: std::time::Duration| d.as_secs_f64() * 1000.0),
        relay_ms = started.elapsed().as_secs_f64() * 1000.0,
        request_id = request_id.as_deref().unwrap_or("-"),
        client = %client,
        "relayed"
    );
    if status_in_header {
        status_in_header_of(response)
    } else {
        response
    }
}

/// The request header with which a client asks for the upstream's status in
/// [`UPSTREAM_STATUS`] and a 200 on the wire: `x-ramp-status: header`.
pub(crate) const STATUS_MODE: &str = "x-ramp-status";
/// The response header that then carries the upstream's status.
pub(crate) const UPSTREAM_STATUS: &str = "x-ramp-upstream-status";

/// The answer with its status moved into [`UPSTREAM_STATUS`] and 200 on the
/// wire. Browsers log every non-2xx answer as a console error; Ramp's app
/// expects many (a 409 `EntityAlreadyExists` is how a re-run finds what is
/// already there, a 403 how it learns a permission is missing), so it asks
/// for this: its console then stays clean unless something really failed.
/// Everything else — body, request ID, content type — is unchanged, and
/// clients that do not ask (SDKs, the CLI) get the status itself.
fn status_in_header_of(mut response: Response) -> Response {
    let status = response.status();
    response
        .headers_mut()
        .insert(UPSTREAM_STATUS, HeaderValue::from(status.as_u16()));
    *response.status_mut() = StatusCode::OK;
    response
}

type Outcome = (Response, Option<String>, Option<std::time::Duration>);

mod forward;
use self::forward::*;

#[cfg(test)]
mod tests;
