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
    let code = service.split('.').next().unwrap_or_default();
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

async fn forward(relay: &Relay, req: Request, target: Target, client: std::net::IpAddr) -> Outcome {
    let limits = &relay.limits;
    let refuse =
        |status, code: &str, message: String| (alibaba_error(status, code, &message), None, None);
    if req.method() != Method::POST {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The relay takes POST only.".into(),
        );
    }
    let query = req.uri().query().unwrap_or_default().to_owned();
    if query.len() > limits.max_query_bytes {
        return refuse(
            StatusCode::URI_TOO_LONG,
            "QueryTooLong",
            format!(
                "The query string is {} bytes; the relay takes at most {}.",
                query.len(),
                limits.max_query_bytes
            ),
        );
    }
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len())
        .sum();
    if header_bytes > limits.max_header_bytes {
        return refuse(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "HeadersTooLarge",
            format!(
                "The headers are {header_bytes} bytes; the relay takes at most {}.",
                limits.max_header_bytes
            ),
        );
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestBodyTooLarge",
            format!(
                "The request body is larger than {} bytes.",
                limits.max_body_bytes
            ),
        )
    };
    if declared.is_some_and(|n| n > limits.max_body_bytes) {
        return too_large();
    }
    if !relay.rate.allow(client) {
        let (r, a, b) = refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "Throttling.User",
            format!(
                "More than {} requests per second from this client; retry after a second.",
                limits.per_client_per_second
            ),
        );
        return (retry_later(r), a, b);
    }
    // The body first, bounded in size and time: only a request that has
    // fully arrived may take one of the upstream slots.
    let (parts, body) = req.into_parts();
    let headers = parts.headers;
    let body = match tokio::time::timeout(
        limits.body_timeout,
        to_bytes(body, limits.max_body_bytes),
    )
    .await
    {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => return too_large(),
        Err(_) => {
            return refuse(
                StatusCode::REQUEST_TIMEOUT,
                "RequestTimeout",
                format!(
                    "The request body did not arrive within {} s.",
                    limits.body_timeout.as_secs_f64()
                ),
            )
        }
    };
    let Ok(_slot) = relay.slots.clone().try_acquire_owned() else {
        let (r, a, b) = refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            format!(
                "The relay is at its limit of {} concurrent upstream calls; retry after a second.",
                limits.max_concurrent
            ),
        );
        return (retry_later(r), a, b);
    };

    let started = Instant::now();
    match &relay.backend {
        Backend::Sandbox(sb) => {
            let kept: Vec<(String, String)> = headers
                .iter()
                .filter(|(k, _)| forwarded(k.as_str()))
                .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
                .collect();
            let (response, _) = sandbox::call(
                sb.clone(),
                "POST".into(),
                query,
                kept,
                body,
                Some(target),
                client,
            )
            .await;
            relay.metrics.upstream(started.elapsed());
            (response, None, Some(started.elapsed()))
        }
        Backend::Aliyun(http) | Backend::Loopback(http, _) => {
            let base = relay.backend.base(&target).unwrap_or_default();
            send(
                relay, http, &base, &target, &query, &headers, body, client, started,
            )
            .await
        }
    }
}

/// Why an upstream exchange failed: status, code, metric kind, message.
fn failure(
    e: &(dyn std::error::Error + 'static),
    host: &str,
) -> (StatusCode, &'static str, &'static str, String) {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let (mut connect, mut timed_out, mut parse) = (false, false, false);
    while let Some(err) = source {
        if let Some(h) = err.downcast_ref::<hyper_util::client::legacy::Error>() {
            connect |= h.is_connect();
        }
        if let Some(h) = err.downcast_ref::<hyper::Error>() {
            parse |= h.is_parse() || h.is_parse_status();
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            timed_out |= io.kind() == std::io::ErrorKind::TimedOut;
        }
        source = err.source();
    }
    if timed_out {
        (
            StatusCode::GATEWAY_TIMEOUT,
            "UpstreamTimeout",
            "timeout",
            format!("{host} did not accept a connection in time."),
        )
    } else if connect {
        (
            StatusCode::BAD_GATEWAY,
            "UpstreamUnreachable",
            "connect",
            format!("Cannot connect to {host}."),
        )
    } else if parse {
        (
            StatusCode::BAD_GATEWAY,
            "BadUpstreamResponse",
            "protocol",
            format!("{host} did not answer with valid HTTP."),
        )
    } else {
        (
            StatusCode::BAD_GATEWAY,
            "UpstreamReset",
            "reset",
            format!("{host} broke off the exchange."),
        )
    }
}

#[allow(clippy::too_many_arguments)]
async fn send(
    relay: &Relay,
    http: &upstream::Http,
    base: &str,
    target: &Target,
    query: &str,
    headers: &HeaderMap,
    body: Bytes,
    client: std::net::IpAddr,
    started: Instant,
) -> Outcome {
    let url = if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    };
    // The signature covers the query as sent: forward it byte for byte or not at all.
    let uri = match url.parse::<axum::http::Uri>() {
        Ok(u) if u.query().unwrap_or_default() == query => u,
        _ => {
            return (
                alibaba_error(StatusCode::BAD_REQUEST, "InvalidQuery", "The query string has characters that must be percent-encoded; the relay forwards queries byte for byte and will not rewrite a signed one."),
                None,
                None,
            )
        }
    };
    let mut out = axum::http::Request::builder().method(Method::POST).uri(uri);
    if let Some(h) = out.headers_mut() {
        for (k, v) in headers {
            if forwarded(k.as_str()) {
                h.append(k, v.clone());
            }
        }
        if let Ok(host) = HeaderValue::from_str(&target.host) {
            h.insert(header::HOST, host);
        }
        if relay.forward_client_ip {
            if let Ok(ip) = HeaderValue::from_str(&client.to_string()) {
                h.insert("x-forwarded-for", ip);
            }
        }
    }
    let Ok(out) = out.body(http_body_util::Full::new(body)) else {
        return (
            alibaba_error(
                StatusCode::BAD_REQUEST,
                "InvalidRequest",
                "The request cannot be forwarded.",
            ),
            None,
            None,
        );
    };
    let exchange = async {
        let resp = http
            .pool()
            .request(out)
            .await
            .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?;
        let (parts, body) = resp.into_parts();
        let bytes = http_body_util::BodyExt::collect(body)
            .await
            .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?
            .to_bytes();
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>((parts, bytes))
    };
    let result = tokio::time::timeout(http.total_timeout, exchange).await;
    let took = started.elapsed();
    relay.metrics.upstream(took);
    let (status, code, kind, message) = match result {
        Ok(Ok((parts, bytes))) => {
            let mut r = Response::new(Body::from(bytes));
            *r.status_mut() = parts.status;
            let h = r.headers_mut();
            if let Some(ct) = parts.headers.get(header::CONTENT_TYPE) {
                h.insert(header::CONTENT_TYPE, ct.clone());
            }
            let id = parts.headers.get("x-acs-request-id").cloned();
            let id_text = id.as_ref().and_then(|v| v.to_str().ok()).map(str::to_owned);
            if let Some(v) = id {
                h.insert("x-acs-request-id", v);
            }
            return (r, id_text, Some(took));
        }
        Err(_) => (
            StatusCode::GATEWAY_TIMEOUT,
            "UpstreamTimeout",
            "timeout",
            format!(
                "{} did not answer within {} s.",
                target.host,
                http.total_timeout.as_secs_f64()
            ),
        ),
        Ok(Err(e)) => failure(e.as_ref(), &target.host),
    };
    relay.metrics.upstream_error(kind);
    (alibaba_error(status, code, &message), None, Some(took))
}

#[cfg(test)]
mod tests;
