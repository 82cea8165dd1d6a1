//! Ramp's own answers in Alibaba Cloud's error shape — `{Code, Message,
//! RequestId, HostId}` with `x-acs-request-id` — so an SDK or the browser
//! reads a refusal by the relay, the sandbox or the connection layer exactly
//! like one from the service. A leaf: it depends on nothing else here.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

/// A fresh request ID (the service's format: 8-4-4-4-12 upper-case hex).
pub(crate) fn request_id() -> String {
    let mut b = [0u8; 16];
    let _ = getrandom::fill(&mut b);
    let h: String = b.iter().map(|x| format!("{x:02X}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn body(code: &str, message: &str, id: &str) -> String {
    serde_json::json!({
        "Code": code,
        "Message": message,
        "RequestId": id,
        "HostId": "ramp-relay",
    })
    .to_string()
}

/// An error answer, for the HTTP handlers.
pub(crate) fn alibaba_error(status: StatusCode, code: &str, message: &str) -> Response {
    let id = request_id();
    let mut r = Response::new(Body::from(body(code, message, &id)));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&id) {
        h.insert("x-acs-request-id", v);
    }
    r
}

/// The same answer as raw HTTP/1.1 bytes, closing the connection: for the
/// connection layer, which answers before (or instead of) any handler.
pub(crate) fn raw(status: StatusCode, code: &str, message: &str, retry_after: bool) -> Vec<u8> {
    let id = request_id();
    let body = body(code, message, &id);
    let retry = if retry_after {
        "retry-after: 1\r\n"
    } else {
        ""
    };
    format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json;charset=utf-8\r\nx-acs-request-id: {id}\r\n{retry}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len()
    )
    .into_bytes()
}
