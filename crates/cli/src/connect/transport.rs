//! Sends the survey's calls: signs each with ACS3-HMAC-SHA256 and posts it
//! to the service's public https endpoint, or to the one base URL
//! `--endpoint` names (the sandbox's SDK endpoint), as the SDKs do.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use ramp_core::api::Service;
use ramp_core::credentials::Credentials;
use ramp_core::request::{ApiRequest, SignatureScheme};
use ramp_core::sign::{self, SigningInput};
use ramp_proxy::upstream::{self, Http};

use crate::sign::{now, random_nonce};

/// Where calls go, and the client that takes them.
#[derive(Clone)]
pub(crate) struct Transport {
    http: Http,
    /// `(scheme, authority)` of `--endpoint`; `None`: each service's own host over https.
    endpoint: Option<(String, String)>,
}

impl Transport {
    /// To the public endpoints, or to `endpoint` (https, or http on loopback only:
    /// a signed request carries a token that must not cross a network in clear).
    pub(crate) fn new(endpoint: Option<&str>) -> Result<Transport, String> {
        let endpoint = match endpoint {
            None => None,
            Some(url) => {
                let o = ramp_core::origin::relay(url).map_err(|e| {
                    format!(
                        "--endpoint: {}",
                        ramp_core::lang::Localized::message(&e, ramp_core::lang::Lang::En)
                    )
                })?;
                let authority = match o.port {
                    Some(port) => format!("{}:{port}", o.host),
                    None => o.host.clone(),
                };
                Some((o.scheme, authority))
            }
        };
        Ok(Transport {
            http: upstream::client(Duration::from_secs(10), Duration::from_secs(60)),
            endpoint,
        })
    }

    /// Where calls go, for messages.
    pub(crate) fn describe(&self) -> String {
        match &self.endpoint {
            Some((scheme, authority)) => format!("{scheme}://{authority}"),
            None => "Alibaba Cloud's public endpoints".into(),
        }
    }

    /// Signs `req` with `creds` and sends it; the status and body of the answer.
    pub(crate) async fn send(
        &self,
        creds: &Credentials,
        req: &ApiRequest,
        service: Service,
    ) -> Result<(u16, String), String> {
        let (scheme, authority) = match &self.endpoint {
            Some((s, a)) => (s.as_str(), a.clone()),
            None => ("https", service.host().to_owned()),
        };
        let mut req = req.clone();
        req.host = authority.clone();
        let nonce = random_nonce()?;
        let input = SigningInput {
            credentials: creds,
            time: now(),
            nonce: &nonce,
        };
        let signed = sign::sign(&req, SignatureScheme::V3, &input)
            .map_err(|e| format!("{}: cannot sign: {e}", req.action))?
            .request;
        let mut uri = format!("{scheme}://{authority}{}", signed.path);
        if !signed.query.is_empty() {
            uri.push('?');
            uri.push_str(&signed.query);
        }
        // The signed headers include `host`.
        let mut out = hyper::Request::builder()
            .method(signed.method.as_str())
            .uri(&uri);
        for (k, v) in &signed.headers {
            out = out.header(k.as_str(), v.as_str());
        }
        let out = out
            .body(Full::new(Bytes::from(signed.body)))
            .map_err(|e| format!("{}: {e}", req.action))?;
        let (parts, body) = self
            .http
            .exchange(out)
            .await
            .map_err(|e| format!("{} at {}: {e}", req.action, self.describe()))?;
        Ok((
            parts.status.as_u16(),
            String::from_utf8_lossy(&body).into_owned(),
        ))
    }
}
