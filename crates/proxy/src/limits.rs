//! The relay's bounds: sizes, concurrency, per-client rate, timeouts.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Every bound, each configurable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, at the relay and at the sandbox's SDK endpoint (413 beyond).
    pub max_body_bytes: usize,
    /// Longest query string (414 beyond).
    pub max_query_bytes: usize,
    /// Largest total of header names and values (431 beyond).
    pub max_header_bytes: usize,
    /// Upstream calls at once (503 with `Retry-After` beyond).
    pub max_concurrent: usize,
    /// Requests per client address per second (429 beyond); 0 = unlimited.
    pub per_client_per_second: u32,
    /// Connecting to the upstream (504 beyond).
    pub connect_timeout: Duration,
    /// The whole upstream exchange (504 beyond).
    pub total_timeout: Duration,
    /// Receiving a request's body, which is read before an upstream slot is
    /// taken (408 beyond): a client that never sends it holds no slot.
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 64 * 1024,
            max_query_bytes: 16 * 1024,
            max_header_bytes: 16 * 1024,
            max_concurrent: 64,
            per_client_per_second: 50,
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(10),
        }
    }
}

/// Counts each client's requests in the current one-second window.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    per_second: u32,
    start: Instant,
    windows: Mutex<HashMap<IpAddr, (u64, u32)>>,
}

impl RateLimiter {
    pub(crate) fn new(per_second: u32) -> Self {
        RateLimiter {
            per_second,
            start: Instant::now(),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// `true` when `client` may make one more request now.
    pub(crate) fn allow(&self, client: IpAddr) -> bool {
        if self.per_second == 0 {
            return true;
        }
        let second = self.start.elapsed().as_secs();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 100_000 {
            // Bounded memory under many clients: forget past windows.
            windows.retain(|_, (s, _)| *s == second);
        }
        let (s, count) = windows.entry(client).or_insert((second, 0));
        if *s != second {
            *s = second;
            *count = 0;
        }
        *count += 1;
        *count <= self.per_second
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_own_window() {
        let r = RateLimiter::new(3);
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        assert!((0..3).all(|_| r.allow(a)));
        assert!(!r.allow(a));
        assert!(r.allow(b));
        assert!((0..1000).all(|_| RateLimiter::new(0).allow(a)));
    }
}
