//! The network edge: `/api/info`, and typed calls signed here (V3, with this
//! browser's clock and randomness) and posted to the relay, `/relay/{service}`.

use std::rc::Rc;

use gloo_net::http::Request;
use ramp_core::api::{ApiError, Operation, Service};
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::origin::OriginError;
use ramp_core::request::{ApiRequest, SignatureScheme};
use ramp_core::sign::{sign, SigningInput};
use yew::{hook, use_context};

use crate::browser;
use crate::connection::Info;

/// The `ramp serve` a page — or one embedded `<ramp-wizard>` — signs its calls
/// for and posts them to. Each element carries its own (a Yew context), so
/// two wizards on one page never share, or steal, each other's server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Server {
    /// Empty: this page's own origin.
    origin: Rc<str>,
}

impl Server {
    /// The server at `value`: an `https:` origin, or `http:` on loopback.
    pub fn at(value: &str) -> Result<Self, OriginError> {
        Ok(Self {
            origin: ramp_core::origin::relay(value)?.to_string().into(),
        })
    }

    /// The origin the calls go to, for the user to see.
    pub fn label(&self) -> String {
        if self.origin.is_empty() {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        } else {
            self.origin.to_string()
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }
}

/// The server of the page or element this component is in.
#[hook]
pub fn use_server() -> Server {
    use_context::<Server>().unwrap_or_default()
}

/// `GET /api/info`; `None` when no server answers (the studio still works).
pub async fn info(server: &Server) -> Option<Info> {
    let response = Request::get(&server.url("/api/info")).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    serde_json::from_str(&response.text().await.ok()?).ok()
}

fn network_error(message: String) -> ApiError {
    ApiError::local("NetworkError", message)
}

/// Signs `call` with `creds` and sends it through the relay.
#[allow(clippy::result_large_err)]
pub async fn call<C: Operation>(
    server: &Server,
    creds: &Credentials,
    call: &C,
) -> Result<C::Response, ApiError> {
    let req = call.request().map_err(|e| ApiError {
        status: 400,
        code: e.code.clone(),
        ..ApiError::local(&e.code, e.to_string())
    })?;
    let (status, body) = send(server, creds, &req, C::SERVICE).await?;
    if (200..300).contains(&status) {
        C::parse_response(&body)
    } else {
        Err(ApiError::parse(status, &body))
    }
}

/// Signs `req` (V3) and posts it to the relay of `service`; the answer's status and body.
#[allow(clippy::result_large_err)]
pub async fn send(
    server: &Server,
    creds: &Credentials,
    req: &ApiRequest,
    service: Service,
) -> Result<(u16, String), ApiError> {
    let nonce =
        browser::random_nonce().map_err(|e| network_error(e.message(Lang::En).to_owned()))?;
    let input = SigningInput {
        credentials: creds,
        time: browser::now(),
        nonce: &nonce,
    };
    let signed = sign(req, SignatureScheme::V3, &input)
        .map_err(|e| network_error(format!("cannot sign the request: {e}")))?
        .request;
    let query = signed.query_string();
    let service = match service {
        Service::Sts => "sts",
        other => other.code(),
    };
    let url = if query.is_empty() {
        server.url(&format!("/relay/{service}"))
    } else {
        server.url(&format!("/relay/{service}?{query}"))
    };
    // The relay puts the upstream's status in a header and answers 200, so
    // the answers a run expects (409 "already exists", 403) do not show as
    // errors in the browser's console.
    let mut builder = Request::post(&url).header("x-ramp-status", "header");
    for (name, value) in &signed.headers {
        // The browser sets Host itself; the relay sends the service's host upstream.
        if name != "host" {
            builder = builder.header(name, value);
        }
    }
    let request = builder
        .body(js_sys::Uint8Array::from(signed.body.as_slice()))
        .map_err(|e| network_error(e.to_string()))?;
    let response = request.send().await.map_err(|e| {
        network_error(format!(
            "The Ramp server did not answer ({e}). Check that `ramp serve` is running and reachable."
        ))
    })?;
    let status = response
        .headers()
        .get("x-ramp-upstream-status")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| response.status());
    let body = response.text().await.unwrap_or_default();
    if !(200..300).contains(&status)
        && ApiError::parse(status, &body)
            .code
            .starts_with("InvalidAccessKeyId")
    {
        key_unknown(&creds.access_key_id);
    }
    Ok((status, body))
}

/// The window event that tells the shell a call found its AccessKey unknown
/// (detail: the key's ID, never the secret); the shell signs out if it is the
/// signed-in key. An event, so calls from the flows module reach it too.
pub const KEY_UNKNOWN_EVENT: &str = "ramp-key-unknown";

fn key_unknown(access_key_id: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&access_key_id.into());
    if let (Some(w), Ok(e)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict(KEY_UNKNOWN_EVENT, &init),
    ) {
        let _ = w.dispatch_event(&e);
    }
}
