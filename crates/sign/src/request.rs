//! The request model, independent of any HTTP crate: an [`ApiRequest`] is what
//! to sign; an [`HttpRequest`] is what to send. The browser, the CLI and the
//! sandbox all speak these.
//!
//! ```
//! use ramp_sign::request::{ApiRequest, Method};
//! let req = ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01")
//!     .param("UserName", "alice")
//!     .param_json("Tag", &serde_json::json!([{"Key": "team", "Value": "arms"}]));
//! assert_eq!(req.method, Method::Post);
//! assert_eq!(req.params[1], ("Tag.1.Key".to_string(), "team".to_string()));
//! ```

use std::fmt;

use crate::lang::{Lang, Localized};

/// The HTTP method a request is signed and sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST` (what the official SDKs use for RAM, STS and Resource Manager).
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    /// Parses `GET`/`POST` in any case.
    pub fn parse(s: &str) -> Result<Self, RequestError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            _ => Err(RequestError::new("method", RequestRule::Method, s)),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which signature to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureScheme {
    /// RPC signature: HMAC-SHA1, `SignatureVersion=1.0`, parameters in the query.
    V1,
    /// `ACS3-HMAC-SHA256`, the `Authorization` header; the current SDKs' default.
    #[default]
    V3,
}

impl SignatureScheme {
    /// `V1` or `V3`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureScheme::V1 => "V1",
            SignatureScheme::V3 => "V3",
        }
    }
}

/// An API call to sign: endpoint, action, version and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    /// HTTP method.
    pub method: Method,
    /// The endpoint host, e.g. `ram.aliyuncs.com`.
    pub host: String,
    /// The request path; `/` for RPC APIs.
    pub path: String,
    /// The API name, e.g. `CreateUser`.
    pub action: String,
    /// The API version, e.g. `2015-05-01`.
    pub version: String,
    /// Operation parameters sent in the query string, already flattened, in order.
    pub params: Vec<(String, String)>,
    /// Parameters sent as an `application/x-www-form-urlencoded` body.
    pub form: Vec<(String, String)>,
    /// Extra headers to send and sign (V3 only), e.g. `accept`.
    pub headers: Vec<(String, String)>,
}

impl ApiRequest {
    /// An RPC-style call: `POST /` to `host` with `Action` and `Version`.
    pub fn rpc(
        host: impl Into<String>,
        action: impl Into<String>,
        version: impl Into<String>,
    ) -> Self {
        ApiRequest {
            method: Method::Post,
            host: host.into(),
            path: "/".to_owned(),
            action: action.into(),
            version: version.into(),
            params: Vec::new(),
            form: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// Adds one query parameter.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Adds a structured parameter, flattened: lists as `Name.1`, `Name.2`, maps as
    /// `Name.Key` (see [`crate::params::flatten`]).
    pub fn param_json(mut self, name: &str, value: &serde_json::Value) -> Self {
        crate::params::flatten(name, value, &mut self.params);
        self
    }

    /// Sets the HTTP method.
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Checks what a signer needs before anything is computed.
    pub fn validate(&self) -> Result<(), RequestError> {
        let host_ok = !self.host.is_empty()
            && self.host.len() <= 253
            && self
                .host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
        if !host_ok {
            return Err(RequestError::new("host", RequestRule::Host, &self.host));
        }
        if !self.path.starts_with('/') {
            return Err(RequestError::new("path", RequestRule::Path, &self.path));
        }
        if self.action.is_empty() || !self.action.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(RequestError::new(
                "action",
                RequestRule::Action,
                &self.action,
            ));
        }
        let v = self.version.as_bytes();
        let version_ok = v.len() == 10
            && v.iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !version_ok {
            return Err(RequestError::new(
                "version",
                RequestRule::Version,
                &self.version,
            ));
        }
        for (name, _) in self.params.iter().chain(&self.form) {
            if name.is_empty() {
                return Err(RequestError::new(
                    "parameter name",
                    RequestRule::ParamName,
                    name,
                ));
            }
        }
        for (name, _) in &self.headers {
            let ok = !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !name.eq_ignore_ascii_case("authorization");
            if !ok {
                return Err(RequestError::new(
                    "header name",
                    RequestRule::HeaderName,
                    name,
                ));
            }
        }
        Ok(())
    }
}

/// What to send: the request after signing.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Endpoint host (the `Host` header).
    pub host: String,
    /// Request path.
    pub path: String,
    /// The query string as sent, without `?`: each name and value percent-encoded
    /// (`%20` for space), pairs joined by `&` (the signer writes it once, in canonical
    /// order, so nothing is encoded twice).
    pub query: String,
    /// Headers to set, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty for none).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The query string, each name and value percent-encoded (`%20` for space).
    pub fn query_string(&self) -> &str {
        &self.query
    }

    /// `https://host/path?query`.
    pub fn url(&self) -> String {
        let query = self.query_string();
        if query.is_empty() {
            format!("https://{}{}", self.host, self.path)
        } else {
            format!("https://{}{}?{}", self.host, self.path, query)
        }
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Names whose values are credentials and are redacted in debug output.
pub(crate) fn is_sensitive(name: &str) -> bool {
    [
        "securitytoken",
        "signature",
        "x-acs-security-token",
        "authorization",
    ]
    .iter()
    .any(|s| name.eq_ignore_ascii_case(s))
}

fn redacted(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), if is_sensitive(k) { "***" } else { v.as_str() }))
        .collect()
}

/// The pairs of an encoded query string, values of sensitive names as `***`.
/// Sensitive names are plain ASCII, so they are compared still encoded.
fn redacted_query(query: &str) -> Vec<(&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k, if is_sensitive(k) { "***" } else { v })
        })
        .collect()
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("host", &self.host)
            .field("path", &self.path)
            .field("query", &redacted_query(&self.query))
            .field("headers", &redacted(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The rule a request field broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestRule {
    /// Method must be GET or POST.
    Method,
    /// Host must be a bare host name.
    Host,
    /// Path must start with `/`.
    Path,
    /// Action must be letters and digits.
    Action,
    /// Version must be `YYYY-MM-DD`.
    Version,
    /// Parameter names must not be empty.
    ParamName,
    /// Header names must be letters, digits and `-`, and not `authorization`.
    HeaderName,
    /// A parameter line must be `Name=Value`.
    ParamLine,
    /// AccessKey ID must not be empty.
    AccessKeyId,
    /// The nonce must not be empty.
    Nonce,
}

/// A request that cannot be signed as given: which field, which rule, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    /// The field, as the user sees it.
    pub field: String,
    /// The rule it broke.
    pub rule: RequestRule,
    /// The offending value (never a secret).
    pub value: String,
}

impl RequestError {
    pub(crate) fn new(field: &str, rule: RequestRule, value: &str) -> Self {
        let value: String = value.chars().take(80).collect();
        RequestError {
            field: field.to_owned(),
            rule,
            value,
        }
    }
}

impl Localized for RequestError {
    fn message(&self, lang: Lang) -> String {
        use RequestRule::*;
        let v = &self.value;
        match (lang, self.rule) {
            (Lang::En, Method) => format!("method `{v}` is not supported: use GET or POST"),
            (Lang::Zh, Method) => format!("不支持请求方法 `{v}`：请使用 GET 或 POST"),
            (Lang::En, Host) => format!("host `{v}` is not a host name: enter only the endpoint, e.g. ram.aliyuncs.com (no https://, no path)"),
            (Lang::Zh, Host) => format!("`{v}` 不是有效的主机名：只填写接入地址，例如 ram.aliyuncs.com（不含 https:// 和路径）"),
            (Lang::En, Path) => format!("path `{v}` must start with `/`: RPC APIs use `/`"),
            (Lang::Zh, Path) => format!("路径 `{v}` 必须以 `/` 开头：RPC 风格接口使用 `/`"),
            (Lang::En, Action) => format!("action `{v}` must be letters and digits only, e.g. CreateUser"),
            (Lang::Zh, Action) => format!("接口名 `{v}` 只能包含字母和数字，例如 CreateUser"),
            (Lang::En, Version) => format!("version `{v}` must look like YYYY-MM-DD, e.g. 2015-05-01 for RAM"),
            (Lang::Zh, Version) => format!("版本 `{v}` 必须形如 YYYY-MM-DD，例如 RAM 为 2015-05-01"),
            (Lang::En, ParamName) => "a parameter has an empty name: give every parameter a name".to_owned(),
            (Lang::Zh, ParamName) => "有参数的名称为空：请为每个参数填写名称".to_owned(),
            (Lang::En, HeaderName) => format!("header `{v}` is not allowed: use letters, digits and `-`; Authorization is computed for you"),
            (Lang::Zh, HeaderName) => format!("请求头 `{v}` 不允许：只能包含字母、数字和 `-`；Authorization 会自动计算"),
            (Lang::En, ParamLine) => format!("parameter line `{v}` has no `=`: write one Name=Value per line"),
            (Lang::Zh, ParamLine) => format!("参数行 `{v}` 缺少 `=`：每行写一个 名称=值"),
            (Lang::En, AccessKeyId) => "AccessKey ID is empty: enter the ID of the key you sign with".to_owned(),
            (Lang::Zh, AccessKeyId) => "AccessKey ID 为空：请填写用于签名的 AccessKey ID".to_owned(),
            (Lang::En, Nonce) => "signature nonce is empty: use a fresh random value per request".to_owned(),
            (Lang::Zh, Nonce) => "签名随机数为空：每个请求请使用新的随机值".to_owned(),
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RequestError {}

/// Reads `Name=Value` lines (blank lines and `#` comments skipped; the value may
/// contain `=`; surrounding whitespace of the name is trimmed, the value is kept as typed).
pub fn parse_param_lines(text: &str) -> Result<Vec<(String, String)>, RequestError> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (name, value) = line
            .split_once('=')
            .ok_or_else(|| RequestError::new("parameters", RequestRule::ParamLine, line))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(RequestError::new(
                "parameters",
                RequestRule::ParamName,
                line,
            ));
        }
        out.push((name.to_owned(), value.to_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
