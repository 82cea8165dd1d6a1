//! Serving on several threads the way nginx's worker processes do: each
//! worker is a single-threaded runtime with its own listener on the same
//! address (`SO_REUSEPORT`), so the kernel spreads connections and a request
//! never wakes another thread.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use socket2::{Domain, Socket, Type};
use tokio::sync::watch;

use crate::connections::{refusal, Admission, ConnectionLimits, Refused, Ticket};
use crate::head::Guarded;

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
    limits: ConnectionLimits,
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
            limits: ConnectionLimits::default(),
        })
    }

    /// The same workers with other connection caps and timeouts.
    pub fn with_limits(mut self, limits: ConnectionLimits) -> Workers {
        self.limits = limits;
        self
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves `router` until `shutdown` resolves, then lets in-flight requests finish.
    pub fn serve(self, router: Router, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let admission = Admission::new(self.limits);
        let limits = self.limits;
        let mut threads = Vec::new();
        for (i, l) in self.listeners.into_iter().enumerate() {
            let router = router.clone();
            let stopped = stopped.clone();
            let admission = admission.clone();
            threads.push(
                std::thread::Builder::new()
                    .name(format!("ramp-worker-{i}"))
                    .spawn(move || -> io::Result<()> {
                        let rt = tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()?;
                        rt.block_on(accept_loop(l, router, admission, limits, stopped))
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

/// One worker: accepts connections within the caps until told to stop, then
/// lets every connection finish its request.
async fn accept_loop(
    l: std::net::TcpListener,
    router: Router,
    admission: Arc<Admission>,
    limits: ConnectionLimits,
    mut stopped: watch::Receiver<bool>,
) -> io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(l)?;
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let accepted = tokio::select! {
            _ = stopped.wait_for(|s| *s) => break,
            accepted = listener.accept() => accepted,
        };
        while connections.try_join_next().is_some() {}
        let (stream, peer) = match accepted {
            Ok(a) => a,
            // Out of descriptors or a connection reset before accept: wait a little.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        match admission.admit(peer.ip()) {
            Ok(ticket) => connections.spawn(connection(
                stream,
                peer,
                router.clone(),
                limits,
                stopped.clone(),
                ticket,
            )),
            Err(why) => connections.spawn(refuse(stream, why)),
        };
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
    Ok(())
}

/// Serves one admitted connection (HTTP/1.1, keep-alive) until it ends,
/// its headers or its idle wait time out, or the server stops.
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    mut stopped: watch::Receiver<bool>,
    _ticket: Ticket,
) {
    let _ = stream.set_nodelay(true);
    let service =
        hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            tower::ServiceExt::oneshot(router.clone(), req.map(axum::body::Body::new))
        });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(
            hyper_util::rt::TokioIo::new(Guarded::new(stream, limits.head)),
            service,
        );
    tokio::pin!(conn);
    let stop = async move {
        // (The guard `wait_for` returns is dropped here, before any await.)
        let _ = stopped.wait_for(|s| *s).await.map(|_| ());
    };
    tokio::select! {
        _ = conn.as_mut() => {}
        () = stop => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// Answers a connection over a cap with a short 503, then closes it.
async fn refuse(mut stream: tokio::net::TcpStream, why: Refused) {
    use tokio::io::AsyncWriteExt as _;
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(&refusal(why))).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serves a tiny router with `limits` on a thread; returns the address
    /// and the sender that stops it.
    fn serving(limits: ConnectionLimits) -> (SocketAddr, std::sync::mpsc::Sender<()>) {
        let router = Router::new().route("/healthz", axum::routing::get(|| async { "ok" }));
        let workers = Workers::bind("127.0.0.1:0".parse().unwrap(), 1)
            .unwrap()
            .with_limits(limits);
        let addr = workers.addr();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            workers.serve(router, async move {
                tokio::task::spawn_blocking(move || stopped.recv())
                    .await
                    .ok();
            })
        });
        (addr, stop)
    }

    fn exchange(stream: &mut std::net::TcpStream, request: &[u8]) -> String {
        use std::io::{Read as _, Write as _};
        stream.write_all(request).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }

    #[test]
    fn connections_that_never_finish_their_headers_are_capped_and_closed() {
        use std::io::{Read as _, Write as _};
        let (addr, stop) = serving(ConnectionLimits {
            total: 100,
            per_client: 5,
            header_timeout: Duration::from_millis(400),
            ..ConnectionLimits::default()
        });
        let timeout = Some(Duration::from_secs(5));
        // Five connections that start a request and never finish its headers.
        let mut loris: Vec<std::net::TcpStream> = (0..5)
            .map(|_| {
                let mut s = std::net::TcpStream::connect(addr).unwrap();
                s.set_read_timeout(timeout).unwrap();
                s.write_all(b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ")
                    .unwrap();
                s
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        // A sixth from the same address: refused at once with a clear answer.
        let mut sixth = std::net::TcpStream::connect(addr).unwrap();
        sixth.set_read_timeout(timeout).unwrap();
        let answer = exchange(
            &mut sixth,
            b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n",
        );
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(
            answer.contains("Too many open connections from this address"),
            "{answer}"
        );
        // The header timeout closes the stalled ones (the server hangs up).
        for s in &mut loris {
            let mut rest = Vec::new();
            let _ = s.read_to_end(&mut rest);
        }
        // Their places are free again: a whole request is answered.
        let mut fresh = std::net::TcpStream::connect(addr).unwrap();
        fresh.set_read_timeout(timeout).unwrap();
        let answer = exchange(
            &mut fresh,
            b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n",
        );
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        stop.send(()).unwrap();
    }

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

    #[test]
    fn heads_the_http_layer_refuses_are_answered_in_alibabas_shape() {
        let (addr, stop) = serving(ConnectionLimits::default());
        let ask = |request: &[u8]| {
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            exchange(&mut s, request)
        };
        let body_of = |answer: &str| -> serde_json::Value {
            serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap_or("")).unwrap_or_default()
        };
        // Two equal Content-Length fields (hyper alone would fold them and answer 200).
        let two = ask(
            b"GET /healthz HTTP/1.1\r\nhost: a\r\ncontent-length: 0\r\ncontent-length: 0\r\n\r\n",
        );
        assert!(two.starts_with("HTTP/1.1 400 "), "{two}");
        assert_eq!(body_of(&two)["Code"], "InvalidRequest");
        assert!(body_of(&two)["Message"]
            .as_str()
            .unwrap()
            .contains("Content-Length"));
        // The second request of a kept-alive connection is checked too.
        let kept = ask(b"GET /healthz HTTP/1.1\r\nhost: a\r\n\r\nGET /healthz HTTP/1.1\r\nhost: a\r\ncontent-length: 0\r\ncontent-length: 0\r\n\r\n");
        assert!(kept.starts_with("HTTP/1.1 200 "), "{kept}");
        assert!(kept.contains("HTTP/1.1 400 "), "{kept}");
        // A request line over 64 KiB: 414, not hyper's empty answer.
        let long = format!(
            "GET /healthz?{} HTTP/1.1\r\nhost: a\r\n\r\n",
            "a".repeat(70 * 1024)
        );
        let long = ask(long.as_bytes());
        assert!(long.starts_with("HTTP/1.1 414 "), "{long}");
        assert_eq!(body_of(&long)["Code"], "InvalidRequest.UriTooLong");
        // 101 header fields: 431.
        let many = format!("GET /healthz HTTP/1.1\r\n{}\r\n", "x-a: b\r\n".repeat(101));
        let many = ask(many.as_bytes());
        assert!(many.starts_with("HTTP/1.1 431 "), "{many}");
        assert_eq!(body_of(&many)["Code"], "InvalidRequest.HeadersTooLarge");
        assert!(!body_of(&many)["RequestId"]
            .as_str()
            .unwrap_or("")
            .is_empty());
        // An ordinary request still passes.
        let ok = ask(b"GET /healthz HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n");
        assert!(ok.starts_with("HTTP/1.1 200 "), "{ok}");
        let _ = stop.send(());
    }
}
