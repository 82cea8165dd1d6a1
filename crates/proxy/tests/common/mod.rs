//! A fault-injecting fake upstream and a raw HTTP/1.1 client, both on loopback,
//! and a relay under test in front of the fake.

#![allow(dead_code, unreachable_pub)] // each test file uses a part, through `mod common`

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the fake answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// 403 with a JSON body, `content-type`, `x-acs-request-id`, and headers that must not pass back.
    Answer,
    /// Waits this long, then answers.
    Slow(Duration),
    /// Sends headers promising 100 bytes, sends 10, closes.
    ResetMidBody,
    /// Sends bytes that are not HTTP, closes.
    Garbage,
}

/// What the fake saw.
#[derive(Debug, Default)]
pub struct Seen {
    pub connections: AtomicUsize,
    pub requests: Mutex<Vec<Vec<u8>>>,
}

pub const UPSTREAM_BODY: &str =
    r#"{"RequestId":"UP-REQ-1","Code":"NoPermission","Message":"from the fake"}"#;

/// Starts the fake on 127.0.0.1:0.
pub async fn fake_upstream(behaviour: Behaviour) -> (SocketAddr, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Seen::default());
    let s = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let mut sock = tokio::io::BufReader::new(sock);
            s.connections.fetch_add(1, Ordering::SeqCst);
            let s = s.clone();
            tokio::spawn(async move {
                loop {
                    let Some(raw) = read_request(&mut sock).await else {
                        return;
                    };
                    s.requests.lock().unwrap().push(raw);
                    match behaviour {
                        Behaviour::Answer => {}
                        Behaviour::Slow(d) => tokio::time::sleep(d).await,
                        Behaviour::ResetMidBody => {
                            let _ = sock.get_mut().write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\ncontent-type: application/json\r\n\r\n{\"Request").await;
                            return;
                        }
                        Behaviour::Garbage => {
                            let _ = sock
                                .get_mut()
                                .write_all(b"SSH-2.0-OpenSSH_9.0 this is not http\r\n\r\n")
                                .await;
                            return;
                        }
                    }
                    let head = format!(
                        "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json;charset=utf-8\r\nx-acs-request-id: UP-REQ-1\r\nset-cookie: session=leak\r\nx-upstream-secret: leak\r\ncontent-length: {}\r\n\r\n",
                        UPSTREAM_BODY.len()
                    );
                    let mut answer = head.into_bytes();
                    answer.extend_from_slice(UPSTREAM_BODY.as_bytes());
                    if sock.get_mut().write_all(&answer).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (addr, seen)
}

/// Reads one request (head and content-length body); `None` at EOF.
async fn read_request(sock: &mut tokio::io::BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if sock.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    sock.read_exact(&mut body).await.ok()?;
    buf.extend(body);
    Some(buf)
}

/// Starts the relay (the real router, a real socket) in front of `upstream`.
pub async fn relay(upstream: SocketAddr, limits: ramp_proxy::Limits) -> SocketAddr {
    relay_allowing(upstream, limits, &[]).await
}

/// [`relay`], with portals allowed to call it from a browser (`--allow-origin`).
pub async fn relay_allowing(
    upstream: SocketAddr,
    limits: ramp_proxy::Limits,
    origins: &[&str],
) -> SocketAddr {
    let dist = std::env::temp_dir().join(format!("ramp-relay-test-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html></html>").unwrap();
    let client = ramp_proxy::upstream::client(limits.connect_timeout, limits.total_timeout);
    let config = ramp_proxy::Config {
        backend: Some(ramp_proxy::upstream::Backend::Loopback(
            client,
            format!("http://{upstream}"),
        )),
        limits,
        allow_origins: origins.iter().map(|o| o.to_string()).collect(),
        ..ramp_proxy::Config::new(&dist)
    };
    let router = ramp_proxy::app(&config).unwrap();
    // Served as `ramp serve` serves it: its own accept loop, with the
    // connection caps, timeouts and head checks in place.
    let workers = ramp_proxy::workers::Workers::bind("127.0.0.1:0".parse().unwrap(), 2).unwrap();
    let addr = workers.addr();
    std::thread::spawn(move || workers.serve(router, std::future::pending()));
    addr
}

/// A parsed answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }

    /// The `Code` of an Alibaba-shaped error body.
    pub fn code(&self) -> String {
        let v: serde_json::Value = serde_json::from_str(&self.body).unwrap_or_default();
        assert!(v["RequestId"].is_string(), "no RequestId in {}", self.body);
        v["Code"].as_str().unwrap_or_default().to_owned()
    }
}

/// Sends raw bytes (one request, `connection: close` expected) and reads the answer.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> Answer {
    let mut sock = TcpStream::connect(addr).await.unwrap();
    sock.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(60), sock.read_to_end(&mut out)).await;
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// A POST to the relay with these extra header lines and body.
pub async fn post(addr: SocketAddr, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut req = format!(
        "POST {target} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes).await
}
