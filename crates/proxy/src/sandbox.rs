//! The in-process sandbox behind HTTP: `/relay/{service}` exactly as the relay
//! forwards (the `host` header becomes the service's host, the path `/`), and
//! `/` as an endpoint for the official SDKs and `aliyun --endpoint`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ramp_core::api::Service;
use ramp_core::time::UtcTime;
use ramp_sandbox::{Incoming, Sandbox};

/// Largest request body the sandbox reads.
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// The service a relay path names: `ram`, `sts`, `sts.<region>`, `resourcemanager`, `ims`.
pub(crate) fn relay_service(name: &str) -> Option<(Service, String)> {
    let region_host = name
        .strip_prefix("sts.")
        .filter(|r| {
            !r.is_empty()
                && r.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .map(|r| format!("sts.{r}.aliyuncs.com"));
    if let Some(host) = region_host {
        return Some((Service::Sts, host));
    }
    Service::ALL
        .into_iter()
        .find(|s| s.code() == name)
        .map(|s| (s, s.host().to_owned()))
}

/// Whether a request to `/` is an API call rather than a page load.
pub(crate) fn is_api_call(req: &Request) -> bool {
    req.headers().contains_key("x-acs-action")
        || req.headers().contains_key(header::AUTHORIZATION)
        || req
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|p| p.starts_with("Action=")))
}

/// `POST /relay/{service}`.
pub(crate) async fn relay(
    State(sandbox): State<Arc<Sandbox>>,
    Path(service): Path<String>,
    req: Request,
) -> Response {
    match relay_service(&service) {
        Some((service, host)) => answer(sandbox, req, Some((service, host))).await,
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({
                "Code": "InvalidService",
                "Message": format!("`{service}` is not a relayed service: use ram, sts, sts.<region>, resourcemanager or ims."),
            })
            .to_string(),
        )
            .into_response(),
    }
}

/// An API call to `/`, told apart by its API version.
pub(crate) async fn endpoint(sandbox: Arc<Sandbox>, req: Request) -> Response {
    answer(sandbox, req, None).await
}

async fn answer(
    sandbox: Arc<Sandbox>,
    req: Request,
    relayed: Option<(Service, String)>,
) -> Response {
    let source_ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "127.0.0.1".to_owned(), |c| c.0.ip().to_string());
    let method = req.method().as_str().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let mut headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    if let Some((_, host)) = &relayed {
        // What the relay would send upstream: Host is the service's host.
        headers.retain(|(k, _)| k != "host");
        headers.push(("host".to_owned(), host.clone()));
    }
    let body = match to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::json!({"Code": "RequestTooLarge", "Message": format!("The request body is larger than {MAX_BODY} bytes.")}).to_string(),
            )
                .into_response()
        }
    };
    let service = relayed.map(|(s, _)| s);
    let work = move || {
        let incoming = Incoming {
            request: ramp_core::verify::ReceivedRequest {
                method: &method,
                path: "/",
                query: &query,
                headers: &headers,
                body: &body,
            },
            service,
            source_ip: &source_ip,
            secure: false,
        };
        sandbox.handle(&incoming, now())
    };
    // Writes may wait for the state file's fsync: keep that off the async workers.
    let answer = match tokio::task::spawn_blocking(work).await {
        Ok(a) => a,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if let Some(note) = &answer.soft_denial {
        eprintln!(
            "ramp sandbox (soft): would deny {} {}: {note}",
            answer.action.as_deref().unwrap_or("?"),
            answer.request_id
        );
    }
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(answer.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(&answer.request_id) {
        h.insert("x-acs-request-id", v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn now() -> UtcTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UtcTime::from_unix_seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}
