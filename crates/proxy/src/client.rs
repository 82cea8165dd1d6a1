//! The calling client, as the connection and the request tell it: its
//! address and its headers. A leaf the relay and the sandbox endpoint share.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};

/// The client's address as the connection reported it.
pub(crate) fn client_ip(req: &Request) -> IpAddr {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip())
}

/// All headers whose values are text.
pub(crate) fn headers_of(req: &Request) -> Vec<(String, String)> {
    req.headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect()
}
