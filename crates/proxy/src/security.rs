//! Security headers: a strict Content-Security-Policy with a per-response nonce,
//! `nosniff`, `no-referrer`, and a configurable `frame-ancestors`.

use axum::http::{header, HeaderName, HeaderValue};
use base64::Engine as _;
use tower_http::set_header::SetResponseHeaderLayer;

/// What Trunk writes into `nonce="…"` attributes when `create_nonce` is on.
pub(crate) const TRUNK_NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

/// 128 random bits, Base64: a fresh CSP nonce.
pub(crate) fn fresh_nonce() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// The CSP. Scripts: our own files, wasm compilation, and the inline loader with
/// `nonce`; no `'unsafe-inline'` anywhere. `connect-src 'self'`: the app only talks
/// to this server.
pub(crate) fn content_security_policy(nonce: Option<&str>, frame_ancestors: &str) -> String {
    let script_nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{script_nonce}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

/// A `--frame-ancestors` value that cannot go into a CSP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameAncestorsError(pub String);

impl std::fmt::Display for FrameAncestorsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--frame-ancestors: `{}` is not a CSP source; use 'none', 'self' or origins like https://portal.example.com (space-separated)",
            self.0
        )
    }
}

impl std::error::Error for FrameAncestorsError {}

/// Checks a `frame-ancestors` source list: `'none'`, `'self'`, or `http(s)://host[:port]`
/// origins (a leading `*.` wildcard label allowed). Returns the normalised list.
pub fn parse_frame_ancestors(value: &str) -> Result<String, FrameAncestorsError> {
    let sources: Vec<&str> = value.split_whitespace().collect();
    if sources.is_empty() {
        return Err(FrameAncestorsError(value.to_owned()));
    }
    for source in &sources {
        let ok = match *source {
            "'none'" => sources.len() == 1,
            "'self'" => true,
            origin => {
                let rest = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"));
                rest.is_some_and(|host| {
                    let host = host.strip_prefix("*.").unwrap_or(host);
                    !host.is_empty()
                        && host.bytes().all(|b| {
                            b.is_ascii_alphanumeric()
                                || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                        })
                })
            }
        };
        if !ok {
            return Err(FrameAncestorsError((*source).to_owned()));
        }
    }
    Ok(sources.join(" "))
}

/// The CSP for responses whose handler did not set one (the entry page sets its own, with its nonce).
pub(crate) fn default_csp(frame_ancestors: &str) -> SetResponseHeaderLayer<HeaderValue> {
    let csp = HeaderValue::from_str(&content_security_policy(None, frame_ancestors))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"));
    SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp)
}

/// Sets `name: value` on every response.
pub(crate) fn always(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_ancestors_rules() {
        assert_eq!(
            parse_frame_ancestors("'self'  https://portal.example.com").unwrap(),
            "'self' https://portal.example.com"
        );
        assert_eq!(
            parse_frame_ancestors("https://*.corp.example:8443").unwrap(),
            "https://*.corp.example:8443"
        );
        for bad in [
            "",
            "self",
            "'none' 'self'",
            "https://a.example; script-src *",
            "javascript:x",
            "https://",
        ] {
            assert!(parse_frame_ancestors(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nonces_are_fresh_and_long() {
        let (a, b) = (fresh_nonce().unwrap(), fresh_nonce().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 24);
    }
}
