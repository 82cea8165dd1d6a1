//! `POST /api/rehearse`: a trust-policy change tried in a sandbox of its
//! own before it is applied. The body names the role, its account, the
//! current and the new trust policy (documents only: no credential, no
//! secret); the callers whose access changes come from the semantic
//! comparison, and each one's AssumeRole, before and after, is what a fresh
//! sandbox answered. Nothing of it is kept.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::compare::{compare, words, Kind};
use ramp_core::policy::parse_policy;
use ramp_sandbox::rehearse::{rehearse, Attempt};
use serde::Deserialize;
use std::sync::Arc;

use crate::Site;

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct Asked {
    role_account: String,
    role: String,
    old: String,
    new: String,
}

fn refuse(code: &str, message: String) -> Response {
    let mut r = (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"Code": code, "Message": message})),
    )
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// `POST /api/rehearse`.
pub(crate) async fn rehearse_change(State(site): State<Arc<Site>>, req: Request<Body>) -> Response {
    let Ok(bytes) = to_bytes(req.into_body(), site.max_body_bytes).await else {
        return refuse(
            "InvalidParameter",
            "the body is too large or was cut short".into(),
        );
    };
    let asked: Asked = match serde_json::from_slice(&bytes) {
        Ok(a) => a,
        Err(e) => {
            return refuse(
                "InvalidParameter",
                format!(
                "{e}: send {{\"role-account\", \"role\", \"old\", \"new\"}} (trust policy texts)"
            ),
            )
        }
    };
    let read = |text: &str, which: &str| {
        parse_policy(text)
            .map(|p| p.policy)
            .map_err(|e| format!("{which}: {}", e.message(Lang::En)))
    };
    let (old, new) = match (read(&asked.old, "old"), read(&asked.new, "new")) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return refuse("InvalidPolicyDocument", e),
    };
    let Ok(diff) = compare(&old, &new, Kind::Trust) else {
        return refuse(
            "Ramp.TooIntricate",
            "the trust policies are too intricate to compare exactly".into(),
        );
    };
    let attempts: Vec<Attempt> = diff
        .callers()
        .into_iter()
        .map(|(caller, external_id)| Attempt {
            caller,
            external_id,
        })
        .collect();
    let now = ramp_core::time::UtcTime::from_unix_seconds(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    );
    let (a, r, o, n) = (asked.role_account, asked.role, asked.old, asked.new);
    let trials =
        match tokio::task::spawn_blocking(move || rehearse(&a, &r, &o, &n, &attempts, now)).await {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => return refuse("Ramp.Rehearsal", e),
            Err(e) => return refuse("Ramp.Rehearsal", e.to_string()),
        };
    let changes: Vec<serde_json::Value> = diff
        .changes
        .iter()
        .map(|c| serde_json::json!({"en": words::line(c, Kind::Trust, Lang::En), "zh": words::line(c, Kind::Trust, Lang::Zh)}))
        .collect();
    let mut r = Json(serde_json::json!({"trials": trials, "changes": changes})).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
