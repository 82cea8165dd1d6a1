//! `/metrics` in the Prometheus text format: requests by service, action and
//! status; relay and upstream latency histograms; upstream errors by kind;
//! requests in flight.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Bucket bounds, seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// A latency histogram.
#[derive(Debug, Default)]
struct Histogram {
    counts: [AtomicU64; 12],
    above: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        match BUCKETS.iter().position(|b| secs <= *b) {
            Some(i) => self.counts[i].fetch_add(1, Ordering::Relaxed),
            None => self.above.fetch_add(1, Ordering::Relaxed),
        };
        self.sum_micros.fetch_add(
            u64::try_from(d.as_micros()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    fn render(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        let mut cumulative = 0;
        for (bound, count) in BUCKETS.iter().zip(&self.counts) {
            cumulative += count.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        cumulative += self.above.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {cumulative}");
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum {sum}\n{name}_count {cumulative}");
    }
}

/// Action → status → count.
type ByAction = BTreeMap<String, BTreeMap<u16, u64>>;

/// The relay's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Service → action → status → count (looked up without allocating once seen).
    requests: Mutex<BTreeMap<String, ByAction>>,
    upstream_errors: Mutex<BTreeMap<&'static str, u64>>,
    relay_latency: Histogram,
    upstream_latency: Histogram,
    in_flight: AtomicI64,
}

/// Decrements the in-flight gauge when dropped.
#[derive(Debug)]
pub(crate) struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    /// One more request in flight until the guard drops.
    pub(crate) fn in_flight(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self)
    }

    /// A finished request.
    pub(crate) fn request(&self, service: &str, action: &str, status: u16, took: Duration) {
        let mut r = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        if !r.contains_key(service) {
            r.insert(service.to_owned(), BTreeMap::new());
        }
        let by_action = r.get_mut(service).expect("just inserted");
        if !by_action.contains_key(action) {
            by_action.insert(action.to_owned(), BTreeMap::new());
        }
        *by_action
            .get_mut(action)
            .expect("just inserted")
            .entry(status)
            .or_default() += 1;
        drop(r);
        self.relay_latency.observe(took);
    }

    /// One upstream exchange's latency.
    pub(crate) fn upstream(&self, took: Duration) {
        self.upstream_latency.observe(took);
    }

    /// An upstream failure: `timeout`, `connect`, `reset`, `protocol`.
    pub(crate) fn upstream_error(&self, kind: &'static str) {
        *self
            .upstream_errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(kind)
            .or_default() += 1;
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP ramp_relay_requests_total Relayed requests by service, action and status.\n# TYPE ramp_relay_requests_total counter\n");
        for (service, actions) in self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            for (action, statuses) in actions {
                for (status, n) in statuses {
                    let _ = writeln!(out, "ramp_relay_requests_total{{service=\"{service}\",action=\"{action}\",status=\"{status}\"}} {n}");
                }
            }
        }
        out.push_str("# HELP ramp_relay_upstream_errors_total Upstream failures by kind.\n# TYPE ramp_relay_upstream_errors_total counter\n");
        for (kind, n) in self
            .upstream_errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "ramp_relay_upstream_errors_total{{kind=\"{kind}\"}} {n}"
            );
        }
        self.relay_latency.render(
            &mut out,
            "ramp_relay_duration_seconds",
            "Time from request to answer at the relay.",
        );
        self.upstream_latency.render(
            &mut out,
            "ramp_relay_upstream_duration_seconds",
            "Time the upstream took.",
        );
        let _ = writeln!(
            out,
            "# HELP ramp_relay_in_flight Requests being relayed now.\n# TYPE ramp_relay_in_flight gauge\nramp_relay_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        out
    }
}
