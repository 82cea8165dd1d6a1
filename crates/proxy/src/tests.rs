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
    let response = router
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
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
