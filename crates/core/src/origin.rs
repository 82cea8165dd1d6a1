//! Web origins (`scheme://host[:port]`), as the relay's `--allow-origin` and
//! the embedded wizard's `proxy` take them. The wizard signs calls in the
//! page and posts them — with the secrets their answers carry — to its
//! `proxy`, so that one must be an `https:` origin, or `http:` on this very
//! machine (loopback, for development): never a plain-text hop elsewhere.

use crate::lang::{Lang, Localized};

/// A parsed origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `https` or `http`.
    pub scheme: String,
    /// The host, lowercased; an IPv6 address keeps its brackets.
    pub host: String,
    /// The port, when written.
    pub port: Option<u16>,
}

impl Origin {
    /// The host is this machine: `localhost` (or a name under it),
    /// `127.0.0.0/8` or `[::1]`.
    pub fn is_loopback(&self) -> bool {
        is_loopback_name(&self.host) || self.host.ends_with(".localhost")
    }
}

/// A host name (without its port) that is this machine: `localhost`, an
/// address in `127.0.0.0/8`, or `::1` (bracketed or not).
pub fn is_loopback_name(name: &str) -> bool {
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        match self.port {
            Some(p) => write!(f, ":{p}"),
            None => Ok(()),
        }
    }
}

/// Why a value is not an acceptable origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginError {
    /// Not `scheme://host[:port]`: a path, query, user name, wildcard or bad port.
    NotAnOrigin(String),
    /// A relay reached over plain `http:` on another machine.
    NotHttps(String),
}

impl Localized for OriginError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::NotAnOrigin(v), Lang::En) => format!(
                "`{v}` is not an origin: write exactly https://host[:port] — no path, query, user name or wildcard."
            ),
            (Self::NotAnOrigin(v), Lang::Zh) => format!(
                "`{v}` 不是源（origin）：请只写 https://主机[:端口]，不要路径、查询参数、用户名或通配符。"
            ),
            (Self::NotHttps(v), Lang::En) => format!(
                "`{v}` uses plain http on another machine: the wizard sends its signed calls there, and their answers can hold new AccessKeys, so use an https:// origin (plain http only for 127.0.0.1, localhost or [::1])."
            ),
            (Self::NotHttps(v), Lang::Zh) => format!(
                "`{v}` 在其他机器上使用明文 http：向导会把签名请求发送到这里，其应答可能包含新的 AccessKey，请使用 https:// 源（明文 http 仅限 127.0.0.1、localhost 或 [::1]）。"
            ),
        }
    }
}

impl std::fmt::Display for OriginError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OriginError {}

/// Parses `http(s)://host[:port]` (one trailing `/` tolerated).
pub fn parse(value: &str) -> Result<Origin, OriginError> {
    let bad = || OriginError::NotAnOrigin(value.to_owned());
    let trimmed = value.strip_suffix('/').unwrap_or(value);
    let (scheme, rest) = trimmed.split_once("://").ok_or_else(bad)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(bad());
    }
    if rest.is_empty()
        || rest.bytes().any(|b| {
            matches!(b, b'/' | b'?' | b'#' | b'@' | b'*' | b'\\') || b <= b' ' || b >= 0x7f
        })
    {
        return Err(bad());
    }
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let (addr, after) = v6.split_once(']').ok_or_else(bad)?;
        addr.parse::<std::net::Ipv6Addr>().map_err(|_| bad())?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or_else(bad)?),
        };
        (format!("[{}]", addr.to_ascii_lowercase()), port)
    } else {
        match rest.rsplit_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (rest.to_ascii_lowercase(), None),
        }
    };
    let host_ok = host.starts_with('[')
        || (!host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }));
    if !host_ok {
        return Err(bad());
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok().filter(|&n| n > 0).ok_or_else(bad)?)
        }
        Some(_) => return Err(bad()),
    };
    Ok(Origin { scheme, host, port })
}

/// Where an embedded wizard may send its signed calls: an `https:` origin,
/// or `http:` on loopback.
pub fn relay(value: &str) -> Result<Origin, OriginError> {
    let origin = parse(value.trim())?;
    if origin.scheme == "http" && !origin.is_loopback() {
        return Err(OriginError::NotHttps(value.trim().to_owned()));
    }
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relays_are_https_or_loopback() {
        for ok in [
            "https://ramp.internal.example",
            "https://ramp.internal.example:8443/",
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://localhost:3000",
            "http://[::1]:8080",
            "HTTPS://Ramp.Example.COM",
        ] {
            assert!(relay(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            relay("HTTPS://Ramp.Example.COM:8443").unwrap().to_string(),
            "https://ramp.example.com:8443"
        );
        for (bad, plain) in [
            ("http://ramp.internal.example", true),
            ("http://10.0.0.5:8080", true),
            ("http://[::2]", true),
            ("http://127.0.0.1.evil.example", true),
            ("https://evil.example/collect", false),
            ("https://evil.example?x=1", false),
            ("https://user@evil.example", false),
            ("https://127.0.0.1@evil.example", false),
            ("javascript:alert(1)", false),
            ("//evil.example", false),
            ("ftp://evil.example", false),
            ("https://", false),
            ("https://*.example.com", false),
            ("https://evil.example:0", false),
            ("https://evil.example:65536", false),
            ("https://evil.example:", false),
            ("https://evil .example", false),
            ("https://[zz]:1", false),
        ] {
            let e = relay(bad).unwrap_err();
            assert_eq!(matches!(e, OriginError::NotHttps(_)), plain, "{bad}: {e}");
            assert!(e.message(Lang::Zh).contains(bad.trim()), "{bad}");
        }
    }
}
