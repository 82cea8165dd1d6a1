//! Connection admission: a cap on open connections in all and per client
//! address, so that connections that never finish (slow-loris) cannot
//! exhaust memory or file descriptors and keep everyone else out. A
//! connection over a cap gets a short 503 and is closed at once.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;

use crate::head::HeadLimits;

/// The caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Open connections in all.
    pub total: usize,
    /// Open connections from one client address.
    pub per_client: usize,
    /// Receiving a request's headers, and waiting for the next request on
    /// an idle kept-alive connection: the connection closes beyond it.
    pub header_timeout: Duration,
    /// How large a request head may be (checked before hyper parses it).
    pub head: HeadLimits,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            total: 4096,
            per_client: 256,
            header_timeout: Duration::from_secs(10),
            head: HeadLimits::default(),
        }
    }
}

/// Open connections, counted in all and per client address.
#[derive(Debug, Default)]
pub(crate) struct Admission {
    limits: ConnectionLimits,
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// One admitted connection: counted until dropped.
#[derive(Debug)]
pub(crate) struct Ticket {
    admission: Arc<Admission>,
    client: IpAddr,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self
            .admission
            .open
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        open.0 = open.0.saturating_sub(1);
        if let Some(n) = open.1.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                open.1.remove(&self.client);
            }
        }
    }
}

/// Why a connection was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The server holds its total.
    Total,
    /// This client holds its share.
    PerClient,
}

impl Admission {
    pub(crate) fn new(limits: ConnectionLimits) -> Arc<Admission> {
        Arc::new(Admission {
            limits,
            open: Mutex::default(),
        })
    }

    /// Admits a connection from `client`, or says which cap it meets.
    pub(crate) fn admit(self: &Arc<Self>, client: IpAddr) -> Result<Ticket, Refused> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if open.0 >= self.limits.total {
            return Err(Refused::Total);
        }
        let mine = open.1.entry(client).or_insert(0);
        if *mine >= self.limits.per_client {
            return Err(Refused::PerClient);
        }
        *mine += 1;
        open.0 += 1;
        Ok(Ticket {
            admission: self.clone(),
            client,
        })
    }
}

/// The short answer to a connection over a cap (then the connection closes).
pub(crate) fn refusal(why: Refused) -> Vec<u8> {
    let message = match why {
        Refused::Total => "The server is at its limit of open connections; retry in a moment.",
        Refused::PerClient => "Too many open connections from this address; close some and retry.",
    };
    crate::answer::raw(
        StatusCode::SERVICE_UNAVAILABLE,
        "ServiceUnavailable",
        message,
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_in_all_and_per_client_and_tickets_give_back_their_place() {
        let a = Admission::new(ConnectionLimits {
            total: 3,
            per_client: 2,
            ..ConnectionLimits::default()
        });
        let one: IpAddr = "10.0.0.1".parse().unwrap();
        let two: IpAddr = "10.0.0.2".parse().unwrap();
        let t1 = a.admit(one).unwrap();
        let _t2 = a.admit(one).unwrap();
        assert_eq!(a.admit(one).unwrap_err(), Refused::PerClient);
        let _t3 = a.admit(two).unwrap();
        assert_eq!(a.admit(two).unwrap_err(), Refused::Total);
        drop(t1);
        assert!(a.admit(one).is_ok());
        assert!(refusal(Refused::Total).starts_with(b"HTTP/1.1 503"));
    }
}
