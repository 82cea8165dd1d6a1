//! Forwarding one checked request: its body read within the limits before a slot is taken, the upstream call (or the in-process sandbox), and every failure answered in Alibaba Cloud's shape.

use super::*;
use crate::upstream::ExchangeError;

pub(super) async fn forward(
    relay: &Relay,
    req: Request,
    target: Target,
    client: std::net::IpAddr,
) -> Outcome {
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
pub(super) fn failure(
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
pub(super) async fn send(
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
    let result = http.exchange(out).await;
    let took = started.elapsed();
    relay.metrics.upstream(took);
    let (status, code, kind, message) = match result {
        Ok((parts, bytes)) => {
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
        Err(ExchangeError::Timeout) => (
            StatusCode::GATEWAY_TIMEOUT,
            "UpstreamTimeout",
            "timeout",
            format!(
                "{} did not answer within {} s.",
                target.host,
                http.total_timeout.as_secs_f64()
            ),
        ),
        Err(ExchangeError::Failed(e)) => failure(e.as_ref(), &target.host),
    };
    relay.metrics.upstream_error(kind);
    (alibaba_error(status, code, &message), None, Some(took))
}
