//! Router tests without a socket (`oneshot`), over a temporary dist folder.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::*;

fn dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "ramp-proxy-test-{}-{}",
        std::process::id(),
        fresh_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        r#"<html><head><script type="module" nonce="{{__TRUNK NONCE__}}">import init from '/app.js';</script></head></html>"#,
    )
    .unwrap();
    std::fs::write(dir.join("app-1234.js"), "export default 1;").unwrap();
    dir
}

fn fresh_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

async fn get(router: Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    exchange(router, Request::get(path).body(Body::empty()).unwrap()).await
}

/// Sends one request through the router; status, headers and body text.
async fn exchange(
    router: Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn index_has_fresh_nonce_in_page_and_csp() {
    let router = app(&Config::new(dist())).unwrap();
    let (status, headers, body) = get(router.clone(), "/").await;
    assert_eq!(status, StatusCode::OK);
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    assert!(body.contains(&format!("nonce=\"{nonce}\"")), "{body}");
    assert!(!body.contains("TRUNK NONCE"));
    assert!(
        csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let (_, headers2, _) = get(router, "/").await;
    assert_ne!(
        headers2["content-security-policy"],
        headers["content-security-policy"]
    );
}

#[tokio::test]
async fn assets_get_headers_and_unknown_paths_get_the_app() {
    let config = Config {
        frame_ancestors: "'self' https://portal.example.com".into(),
        ..Config::new(dist())
    };
    let router = app(&config).unwrap();
    let (status, headers, body) = get(router.clone(), "/app-1234.js").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "export default 1;")
    );
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.ends_with("frame-ancestors 'self' https://portal.example.com")
            && !csp.contains("nonce-"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let (status, headers, body) = get(router, "/some/deep/link").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("import init")
            && headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("nonce-")
    );
}

#[tokio::test]
async fn healthz_answers() {
    let (status, _, body) = get(app(&Config::new(dist())).unwrap(), "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"status\":\"ok\""), "{body}");
}

#[test]
fn missing_dist_is_a_clear_error() {
    let err = app(&Config::new("/nonexistent/ramp-dist")).unwrap_err();
    assert!(err.to_string().contains("make build"), "{err}");
}

/// A router with the demo sandbox, and the seed.
fn with_sandbox() -> (Router, ramp_sandbox::seed::Seed) {
    with_sandbox_and(|c| c)
}

/// The app with the demo sandbox, its configuration changed by `adjust`.
fn with_sandbox_and(adjust: impl FnOnce(Config) -> Config) -> (Router, ramp_sandbox::seed::Seed) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let seed = ramp_sandbox::seed::demo(now);
    let sandbox = Arc::new(ramp_sandbox::Sandbox::new(
        seed.world.clone(),
        Default::default(),
    ));
    let config = Config {
        backend: Some(upstream::Backend::Sandbox(sandbox)),
        seed_accounts: seed.accounts.clone(),
        ..Config::new(dist())
    };
    (app(&adjust(config)).unwrap(), seed)
}

/// Signs GetCallerIdentity for `host` with the demo admin of account A.
fn signed(
    seed: &ramp_sandbox::seed::Seed,
    host: &str,
    scheme: ramp_core::request::SignatureScheme,
) -> ramp_core::request::HttpRequest {
    use ramp_core::api::{sts::GetCallerIdentity, Operation};
    let mut req = GetCallerIdentity {}.request().unwrap();
    req.host = host.to_owned();
    let creds = seed.accounts[0].admin.credentials();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let nonce = format!("proxy-test-{}", fresh_id());
    let input = ramp_core::sign::SigningInput {
        credentials: &creds,
        time: ramp_core::time::UtcTime::from_unix_seconds(now),
        nonce: &nonce,
    };
    ramp_core::sign::sign(&req, scheme, &input).unwrap().request
}

async fn send(
    router: Router,
    path: &str,
    http: &ramp_core::request::HttpRequest,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut builder = Request::post(format!("{path}?{}", http.query_string()));
    for (k, v) in &http.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    exchange(router, builder.body(Body::from(http.body.clone())).unwrap()).await
}

#[tokio::test]
async fn the_relay_path_reaches_the_sandbox_as_the_service_host() {
    use ramp_core::request::SignatureScheme::{V1, V3};
    let (router, seed) = with_sandbox();
    for scheme in [V1, V3] {
        // Signed for the real STS host, as the browser signs it; relayed as that host.
        let http = signed(&seed, "sts.aliyuncs.com", scheme);
        let (status, headers, body) = send(router.clone(), "/relay/sts", &http).await;
        assert_eq!(status, StatusCode::OK, "{scheme:?}: {body}");
        assert!(body.contains(":user/admin"), "{body}");
        assert!(headers.contains_key("x-acs-request-id"));
        // A regional STS endpoint is the same service.
        let http = signed(&seed, "sts.cn-hangzhou.aliyuncs.com", scheme);
        let (status, _, body) = send(router.clone(), "/relay/sts.cn-hangzhou", &http).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // V3 signs the host: a request signed for another host does not verify when relayed as STS.
    let http = signed(&seed, "evil.example.com", V3);
    let (status, _, body) = send(router.clone(), "/relay/sts", &http).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("SignatureDoesNotMatch"), "{body}");
    // A RAM version sent to the STS relay is refused; an unknown service too.
    let (status, _, body) = send(
        router.clone(),
        "/relay/ram",
        &signed(&seed, "ram.aliyuncs.com", V1),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("\"Code\":\"InvalidParameter\""), "{body}");
    let (status, _, _) = send(router, "/relay/ecs", &signed(&seed, "ecs.aliyuncs.com", V1)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_root_is_an_sdk_endpoint_for_api_calls_and_the_app_otherwise() {
    let (router, seed) = with_sandbox();
    let http = signed(
        &seed,
        "127.0.0.1:8080",
        ramp_core::request::SignatureScheme::V3,
    );
    let (status, _, body) = send(router.clone(), "/", &http).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = get(router.clone(), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("import init"));
    let (status, _, info) = get(router, "/api/info").await;
    assert_eq!(status, StatusCode::OK);
    let info: serde_json::Value = serde_json::from_str(&info).unwrap();
    assert_eq!(info["mode"], "sandbox");
    assert_eq!(info["accounts"][0]["id"], "1680000000000001");
    assert_eq!(info["accounts"].as_array().unwrap().len(), 2);
    // The admin keys sign the app in; no root key is ever served.
    assert!(info["accounts"][0]["admin"]["access_key_secret"].is_string());
    assert!(info["accounts"][0].get("root").is_none(), "{info}");
}

#[tokio::test]
async fn built_files_carry_cors_for_allowed_origins_only() {
    let config = Config {
        allow_origins: vec!["https://portal.example.com".into()],
        ..Config::new(dist())
    };
    let router = app(&config).unwrap();
    let with_origin = |origin: &str| {
        Request::get("/app-1234.js")
            .header("origin", origin)
            .body(Body::empty())
            .unwrap()
    };
    let (status, headers, body) =
        exchange(router.clone(), with_origin("https://portal.example.com")).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "export default 1;")
    );
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://portal.example.com"
    );
    let (_, headers, _) = exchange(router.clone(), with_origin("https://evil.example")).await;
    assert!(!headers.contains_key("access-control-allow-origin"));
    // Without --allow-origin, nothing is shared.
    let (_, headers, _) = exchange(
        app(&Config::new(dist())).unwrap(),
        with_origin("https://portal.example.com"),
    )
    .await;
    assert!(!headers.contains_key("access-control-allow-origin"));
}

/// Sends `http` to `path` with extra browser headers.
async fn send_from(
    router: Router,
    path: &str,
    http: &ramp_core::request::HttpRequest,
    browser: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut builder = Request::post(format!("{path}?{}", http.query_string()));
    // A browser sets Host to the server's own name (the signed one is the service's).
    let own_host = browser.iter().any(|(k, _)| *k == "host");
    for (k, v) in &http.headers {
        if !(own_host && k == "host") {
            builder = builder.header(k.as_str(), v.as_str());
        }
    }
    for (k, v) in browser {
        builder = builder.header(*k, *v);
    }
    let (status, _, body) =
        exchange(router, builder.body(Body::from(http.body.clone())).unwrap()).await;
    (status, body)
}

#[tokio::test]
async fn a_page_on_another_site_cannot_call_the_relay_or_the_sandbox() {
    let (router, seed) = with_sandbox();
    use ramp_core::request::SignatureScheme::V3;
    // A foreign page posting a signed call (a form, text/plain, an <img>): refused, to both doors.
    for path in ["/relay/sts", "/"] {
        for browser in [
            vec![("origin", "https://evil.example")],
            vec![
                ("origin", "https://evil.example"),
                ("content-type", "text/plain"),
            ],
            vec![("origin", "null")],
            vec![("sec-fetch-site", "cross-site")],
        ] {
            let (status, body) = send_from(
                router.clone(),
                path,
                &signed(&seed, "sts.aliyuncs.com", V3),
                &browser,
            )
            .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} {browser:?}: {body}");
            assert!(body.contains("Ramp.CrossSiteRequest"), "{body}");
        }
        // The app's own pages, and SDKs or the CLI (no Origin, no Sec-Fetch-*): answered.
        for browser in [
            vec![("origin", "http://ramp.test"), ("host", "ramp.test")],
            vec![
                ("origin", "https://behind-a-proxy.example"),
                ("sec-fetch-site", "same-origin"),
            ],
            vec![],
        ] {
            let (status, body) = send_from(
                router.clone(),
                path,
                &signed(&seed, "sts.aliyuncs.com", V3),
                &browser,
            )
            .await;
            assert!(
                !body.contains("Ramp.CrossSiteRequest"),
                "{path} {browser:?}: {body}"
            );
            // (At `/` a call signed for the service's host instead of this
            // one fails its signature check, as it would with the cloud.)
            if path != "/" || browser.is_empty() {
                assert_eq!(status, StatusCode::OK, "{path} {browser:?}: {body}");
            }
        }
    }
}

#[tokio::test]
async fn a_loopback_server_answers_only_for_loopback_host_names() {
    let (router, seed) = with_sandbox_and(|c| Config {
        loopback_hosts_only: true,
        ..c
    });
    let info = |host: &str| {
        Request::get("/api/info")
            .header("host", host)
            .body(Body::empty())
            .unwrap()
    };
    // A page that rebinds its own name to 127.0.0.1 sends its own name: refused.
    for host in [
        "rebind.evil.example",
        "rebind.evil.example:8080",
        "10.0.0.5:8080",
    ] {
        let (status, _, body) = exchange(router.clone(), info(host)).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(
            body.contains("Ramp.UnknownHost") && !body.contains("access_key"),
            "{body}"
        );
    }
    for host in [
        "127.0.0.1:8080",
        "localhost:8080",
        "[::1]:8080",
        "LOCALHOST",
    ] {
        let (status, _, body) = exchange(router.clone(), info(host)).await;
        assert_eq!(status, StatusCode::OK, "{host}: {body}");
    }
    // The relay and the sandbox's endpoint too.
    let http = signed(
        &seed,
        "sts.aliyuncs.com",
        ramp_core::request::SignatureScheme::V3,
    );
    for path in ["/relay/sts", "/"] {
        let (status, body) = send_from(
            router.clone(),
            path,
            &http,
            &[("host", "rebind.evil.example")],
        )
        .await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{path}: {body}");
    }
}
