//! Serving on several threads the way nginx's worker processes do: each
//! worker is a single-threaded runtime with its own listener on the same
//! address (`SO_REUSEPORT`), so the kernel spreads connections and a request
//! never wakes another thread.

use std::future::Future;
use std::io;
use std::net::SocketAddr;

use axum::Router;
use socket2::{Domain, Socket, Type};

fn listener(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    #[cfg(unix)]
    socket.set_reuse_port(true)?;
    socket.set_nonblocking(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(1024)?;
    Ok(socket.into())
}

/// Listeners bound for every worker, not yet serving.
#[derive(Debug)]
pub struct Workers {
    addr: SocketAddr,
    listeners: Vec<std::net::TcpListener>,
}

impl Workers {
    /// Binds `addr` (port 0 picks one) once per worker. Refuses an address
    /// another process already serves: `SO_REUSEPORT` would otherwise let a
    /// second `ramp serve` start silently and the kernel split connections
    /// between the two (with one `--state` file, acknowledged writes lost).
    pub fn bind(addr: SocketAddr, workers: usize) -> io::Result<Workers> {
        if addr.port() != 0 {
            // A socket without SO_REUSEPORT cannot share the port with anyone.
            let probe = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
            probe.set_reuse_address(true)?;
            probe.bind(&addr.into()).map_err(|e| {
                if e.kind() == io::ErrorKind::AddrInUse {
                    io::Error::new(
                        io::ErrorKind::AddrInUse,
                        format!("{addr} is already served by another process (another `ramp serve`?): stop it, or choose another address with --bind"),
                    )
                } else {
                    e
                }
            })?;
        }
        let first = listener(addr)?;
        let bound = first.local_addr()?;
        let workers = if cfg!(unix) { workers.max(1) } else { 1 };
        let mut listeners = vec![first];
        for _ in 1..workers {
            listeners.push(listener(bound)?);
        }
        Ok(Workers {
            addr: bound,
            listeners,
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves `router` until `shutdown` resolves, then lets in-flight requests finish.
    pub fn serve(self, router: Router, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut threads = Vec::new();
        for (i, l) in self.listeners.into_iter().enumerate() {
            let router = router.clone();
            let mut stopped = stopped.clone();
            threads.push(
                std::thread::Builder::new()
                    .name(format!("ramp-worker-{i}"))
                    .spawn(move || -> io::Result<()> {
                        let rt = tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()?;
                        rt.block_on(async move {
                            let l = tokio::net::TcpListener::from_std(l)?;
                            axum::serve(
                                l,
                                router.into_make_service_with_connect_info::<SocketAddr>(),
                            )
                            .with_graceful_shutdown(async move {
                                let _ = stopped.wait_for(|s| *s).await;
                            })
                            .await
                        })
                    })?,
            );
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        rt.block_on(shutdown);
        let _ = stop.send(true);
        let mut result = Ok(());
        for t in threads {
            match t.join() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => result = Err(e),
                Err(_) => result = Err(io::Error::other("a worker thread panicked")),
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_server_on_the_same_address_is_refused() {
        let first = Workers::bind("127.0.0.1:0".parse().unwrap(), 2).unwrap();
        let e = Workers::bind(first.addr(), 2).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AddrInUse);
        assert!(
            e.to_string().contains("already served by another process"),
            "{e}"
        );
        drop(first);
    }
}
