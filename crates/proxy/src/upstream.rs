//! Where relayed calls go: the in-process sandbox, Alibaba Cloud's fixed
//! allow-list over https, or (tests only) a loopback stand-in for it.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use ramp_core::api::Service;
use ramp_sandbox::Sandbox;

/// Regions whose STS endpoint `sts.{region}.aliyuncs.com` may be relayed to.
pub const STS_REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-shanghai",
    "cn-qingdao",
    "cn-beijing",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-shenzhen",
    "cn-heyuan",
    "cn-guangzhou",
    "cn-chengdu",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "eu-central-1",
    "eu-west-1",
    "us-west-1",
    "us-east-1",
    "me-east-1",
];

/// A relayed service and the public host it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The API.
    pub service: Service,
    /// `sts.cn-hangzhou.aliyuncs.com`, …
    pub host: String,
}

/// The allow-list: `ram`, `sts`, `sts.{region}` (listed regions only),
/// `resourcemanager`, `ims`. Anything else is `None`, decided before any connection.
pub fn target(name: &str) -> Option<Target> {
    if let Some(region) = name.strip_prefix("sts.") {
        return STS_REGIONS.contains(&region).then(|| Target {
            service: Service::Sts,
            host: format!("sts.{region}.aliyuncs.com"),
        });
    }
    Service::ALL
        .into_iter()
        .find(|s| s.code() == name)
        .map(|s| Target {
            service: s,
            host: s.host().to_owned(),
        })
}

/// What answers relayed calls.
#[derive(Debug, Clone)]
pub enum Backend {
    /// The in-process sandbox.
    Sandbox(Arc<Sandbox>),
    /// Alibaba Cloud, `https://{host}/`.
    Aliyun(Http),
    /// A loopback stand-in for Alibaba Cloud, `http://127.0.0.1:PORT/` (tests).
    Loopback(Http, String),
}

impl Backend {
    /// The mode's name, for `/api/info` and logs.
    pub fn mode(&self) -> &'static str {
        match self {
            Backend::Sandbox(_) => "sandbox",
            Backend::Aliyun(_) => "aliyun",
            Backend::Loopback(..) => "loopback",
        }
    }

    /// The URL a call to `target` goes to, before the query.
    pub(crate) fn base(&self, target: &Target) -> Option<String> {
        match self {
            Backend::Sandbox(_) => None,
            Backend::Aliyun(_) => Some(format!("https://{}/", target.host)),
            Backend::Loopback(_, base) => Some(format!("{base}/")),
        }
    }
}

/// Why `--upstream-url` was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamUrlError(pub String);

impl std::fmt::Display for UpstreamUrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--upstream-url: {}", self.0)
    }
}

impl std::error::Error for UpstreamUrlError {}

/// Checks a test upstream: `http://` and a loopback address (127.0.0.0/8, ::1), no path.
pub fn loopback_base(url: &str) -> Result<String, UpstreamUrlError> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        UpstreamUrlError(format!(
            "`{url}` must start with http:// (a loopback test upstream)"
        ))
    })?;
    let authority = rest.trim_end_matches('/');
    if authority.contains(['/', '@', '?', '#', '\\']) || authority.is_empty() {
        return Err(UpstreamUrlError(format!(
            "`{url}` must be http://ADDRESS:PORT with nothing after the port"
        )));
    }
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.parse::<u16>().is_ok() => h,
        _ => {
            return Err(UpstreamUrlError(format!(
                "`{url}` needs a port: http://127.0.0.1:PORT"
            )))
        }
    };
    let ip: IpAddr = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| UpstreamUrlError(format!("`{host}` is not an IP address; only loopback addresses (127.0.0.0/8, ::1) are allowed")))?;
    if !ip.is_loopback() {
        return Err(UpstreamUrlError(format!(
            "`{ip}` is not a loopback address; --upstream-url is for tests on this machine only"
        )));
    }
    Ok(format!("http://{authority}"))
}

/// The relay's HTTP client: HTTP/1.1, rustls with the webpki roots for
/// https, no redirects, no cookies, no proxy from the environment, keep-alive.
#[derive(Clone)]
pub struct Http {
    id: usize,
    connect_timeout: Duration,
    /// The whole exchange, answer body included.
    pub(crate) total_timeout: Duration,
}

type Pool = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

thread_local! {
    /// Each thread's connection pools, by client: a worker's connections stay
    /// on the worker's own runtime, with no cross-thread wake-ups.
    static POOLS: std::cell::RefCell<Vec<(usize, Pool)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Why an exchange brought no answer.
#[derive(Debug)]
pub enum ExchangeError {
    /// No whole answer within the total timeout.
    Timeout,
    /// The connection or the exchange failed.
    Failed(Box<dyn std::error::Error + Send + Sync>),
}

impl std::fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExchangeError::Timeout => f.write_str("no answer within the timeout"),
            ExchangeError::Failed(e) => write!(f, "{e}"),
        }
    }
}

impl Http {
    /// Sends `request` and reads the whole answer, within the total timeout.
    pub async fn exchange(
        &self,
        request: hyper::Request<Full<Bytes>>,
    ) -> Result<(hyper::http::response::Parts, Bytes), ExchangeError> {
        let pool = self.pool();
        let exchange = async {
            let resp = pool
                .request(request)
                .await
                .map_err(|e| ExchangeError::Failed(Box::new(e)))?;
            let (parts, body) = resp.into_parts();
            let bytes = http_body_util::BodyExt::collect(body)
                .await
                .map_err(|e| ExchangeError::Failed(Box::new(e)))?
                .to_bytes();
            Ok((parts, bytes))
        };
        tokio::time::timeout(self.total_timeout, exchange)
            .await
            .unwrap_or(Err(ExchangeError::Timeout))
    }

    /// This thread's pool for this client.
    fn pool(&self) -> Pool {
        POOLS.with(|pools| {
            let mut pools = pools.borrow_mut();
            if let Some((_, p)) = pools.iter().find(|(id, _)| *id == self.id) {
                return p.clone();
            }
            let p = build_pool(self.connect_timeout);
            pools.push((self.id, p.clone()));
            p
        })
    }
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("total_timeout", &self.total_timeout)
            .finish_non_exhaustive()
    }
}

/// The client, with its connect and total timeouts.
pub fn client(connect_timeout: Duration, total_timeout: Duration) -> Http {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    Http {
        id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        connect_timeout,
        total_timeout,
    }
}

fn build_pool(connect_timeout: Duration) -> Pool {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(connect_timeout));
    tcp.set_nodelay(true);
    tcp.enforce_http(false);
    let tls = hyper_rustls::HttpsConnectorBuilder::new()
        .with_webpki_roots()
        .https_or_http()
        .enable_http1()
        .wrap_connector(tcp);
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(256)
        .build(tls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_is_exact() {
        assert_eq!(target("sts").unwrap().host, "sts.aliyuncs.com");
        assert_eq!(
            target("sts.cn-hangzhou").unwrap().host,
            "sts.cn-hangzhou.aliyuncs.com"
        );
        for bad in [
            "ecs",
            "sts.evil.com",
            "sts.",
            "sts.cn-hangzhou.evil",
            "RAM",
            "ram.",
            "ram/",
            "",
            "sts.cn-hangzhou/..",
            "sts.ap-southeast-1%2e",
        ] {
            assert_eq!(target(bad), None, "{bad}");
        }
    }

    #[test]
    fn test_upstreams_are_loopback_only() {
        assert_eq!(
            loopback_base("http://127.0.0.1:9000").unwrap(),
            "http://127.0.0.1:9000"
        );
        assert_eq!(
            loopback_base("http://[::1]:9000/").unwrap(),
            "http://[::1]:9000"
        );
        for bad in [
            "https://127.0.0.1:9000",
            "http://10.0.0.1:9000",
            "http://localhost:9000",
            "http://127.0.0.1",
            "http://127.0.0.1:9000/x",
            "http://a@127.0.0.1:9000",
            "http://ram.aliyuncs.com:80",
        ] {
            assert!(loopback_base(bad).is_err(), "{bad}");
        }
    }
}
