//! The in-process sandbox behind HTTP: the relay's default backend (the
//! `host` header becomes the service's host, the path `/`, as the relay
//! forwards them), and `/` as an endpoint for the official SDKs and
//! `aliyun --endpoint`.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ramp_core::time::UtcTime;
use ramp_core::verify::ReceivedRequest;
use ramp_sandbox::{Incoming, Sandbox};

use crate::answer::alibaba_error;
use crate::client::{client_ip, headers_of};
use crate::upstream::Target;

/// Whether a request to `/` is an API call rather than a page load.
pub(crate) fn is_api_call(req: &Request) -> bool {
    req.headers().contains_key("x-acs-action")
        || req.headers().contains_key(header::AUTHORIZATION)
        || req
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|p| p.starts_with("Action=")))
}

/// An API call to `/`, told apart by its API version.
/// Bodies over `max_body` bytes (the relay's `--max-body-bytes`) are refused.
pub(crate) async fn endpoint(sandbox: Arc<Sandbox>, req: Request, max_body: usize) -> Response {
    let source_ip = client_ip(&req);
    let method = req.method().as_str().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let headers = headers_of(&req);
    match to_bytes(req.into_body(), max_body).await {
        Ok(body) => {
            call(sandbox, method, query, headers, body, None, source_ip)
                .await
                .0
        }
        Err(_) => alibaba_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestBodyTooLarge",
            &format!("The request body is larger than {max_body} bytes."),
        ),
    }
}

/// Answers one call with the sandbox; the response and the action it named.
pub(crate) async fn call(
    sandbox: Arc<Sandbox>,
    method: String,
    query: String,
    mut headers: Vec<(String, String)>,
    body: Bytes,
    relayed: Option<Target>,
    source_ip: IpAddr,
) -> (Response, Option<String>) {
    if let Some(target) = &relayed {
        // What the relay would send upstream: Host is the service's host.
        headers.retain(|(k, _)| k != "host");
        headers.push(("host".to_owned(), target.host.clone()));
    }
    let service = relayed.map(|t| t.service);
    let source_ip = source_ip.to_string();
    let work = move || {
        let incoming = Incoming {
            request: ReceivedRequest {
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
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR.into_response(), None),
    };
    if let Some(note) = &answer.soft_denial {
        tracing::warn!(
            target: "ramp::sandbox",
            action = answer.action.as_deref().unwrap_or("?"),
            request_id = %answer.request_id,
            "soft enforcement let through what strict mode denies: {note}"
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
    (response, answer.action)
}

fn now() -> UtcTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UtcTime::from_unix_seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}
