//! Load on a running `ramp serve` sandbox over loopback: signed
//! `GetCallerIdentity` and `CreateUser`, V1 and V3, each for a fixed time over
//! keep-alive connections; prints requests per second and p50/p99 latency.
//!
//! Requests are signed before the clock starts (a fresh nonce each), so the
//! figure is the server's, not the client's signer. `scripts/load-sandbox.sh`
//! starts a release server with a large user quota and runs this.
//!
//! ```text
//! cargo run --release -p ramp-proxy --example sandbox_load -- http://127.0.0.1:8080 10 32
//! ```
//!
//! With a fourth argument `durable` (against a server with `--state` and one
//! RAM user, the admin), it times 5,000 `CreateUser`s twice: once the account
//! holds 20 users, then once it holds 20,000 (the users between are created
//! untimed), after 5,000 durable `UpdateUser`s of the admin have warmed the
//! database; SECONDS is not used.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ramp_core::api::ram::{CreateUser, UpdateUser};
use ramp_core::api::sts::GetCallerIdentity;
use ramp_core::api::Operation;
use ramp_core::credentials::Credentials;
use ramp_core::request::SignatureScheme;
use ramp_core::sign::{sign, SigningInput};
use ramp_core::time::UtcTime;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One pre-signed request on the wire.
fn wire(host: &str, http: &ramp_core::request::HttpRequest) -> Vec<u8> {
    let mut out = format!(
        "POST /?{} HTTP/1.1\r\nhost: {host}\r\ncontent-length: {}\r\n",
        http.query_string(),
        http.body.len()
    );
    for (k, v) in &http.headers {
        if k != "host" {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&http.body);
    bytes
}

/// `count` requests made by `make(i)`, signed (a fresh nonce each) and on the wire.
fn signed(
    host: &str,
    creds: &Credentials,
    scheme: SignatureScheme,
    count: usize,
    tag: &str,
    make: impl Fn(usize) -> ramp_core::request::ApiRequest,
) -> Vec<Vec<u8>> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    (0..count)
        .map(|i| {
            let mut req = make(i);
            req.host = host.to_owned();
            let nonce = format!("load-{tag}-{i}-{now}");
            let input = SigningInput {
                credentials: creds,
                time: UtcTime::from_unix_seconds(now),
                nonce: &nonce,
            };
            wire(host, &sign(&req, scheme, &input).unwrap().request)
        })
        .collect()
}

/// `count` signed `CreateUser`s (named after `tag`) or `GetCallerIdentity`s.
fn presign(
    host: &str,
    creds: &Credentials,
    scheme: SignatureScheme,
    create: bool,
    count: usize,
    tag: &str,
) -> Vec<Vec<u8>> {
    signed(host, creds, scheme, count, tag, |i| {
        if create {
            CreateUser {
                user_name: format!("load-{tag}-{i}"),
                ..Default::default()
            }
            .request()
            .unwrap()
        } else {
            GetCallerIdentity {}.request().unwrap()
        }
    })
}

/// Sends one request and reads the whole answer; returns the status.
async fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<u16> {
    stream.get_mut().write_all(request).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

struct Figures {
    ok: usize,
    failed: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

async fn run(addr: &str, requests: Vec<Vec<u8>>, connections: usize, seconds: u64) -> Figures {
    let requests = Arc::new(requests);
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (requests, next, addr) = (requests.clone(), next.clone(), addr.to_owned());
        tasks.push(tokio::spawn(async move {
            let mut stream = BufReader::new(TcpStream::connect(&addr).await.expect("connect"));
            let (mut ok, mut failed, mut latencies) = (0, 0, Vec::new());
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(req) = requests.get(i) else { break };
                let t = Instant::now();
                match exchange(&mut stream, req).await {
                    Ok(200) => ok += 1,
                    Ok(_) => failed += 1,
                    Err(_) => {
                        failed += 1;
                        break;
                    }
                }
                latencies.push(t.elapsed());
            }
            (ok, failed, latencies)
        }));
    }
    let mut f = Figures {
        ok: 0,
        failed: 0,
        seconds: 0.0,
        latencies: Vec::new(),
    };
    for t in tasks {
        let (ok, failed, lat) = t.await.unwrap();
        f.ok += ok;
        f.failed += failed;
        f.latencies.extend(lat);
    }
    f.seconds = start.elapsed().as_secs_f64();
    f.latencies.sort();
    f
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let connections: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();

    // The demo admin's key, from /api/info.
    let mut s = BufReader::new(
        TcpStream::connect(&addr)
            .await
            .expect("is ramp serve running?"),
    );
    s.get_mut()
        .write_all(
            format!("GET /api/info HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).await.unwrap();
    let body = raw.split("\r\n\r\n").nth(1).unwrap_or_default();
    let info: serde_json::Value = serde_json::from_str(body).expect("/api/info is JSON");
    let admin = &info["accounts"][0]["admin"];
    let creds = Credentials::new(
        admin["access_key_id"].as_str().unwrap(),
        admin["access_key_secret"].as_str().unwrap(),
    );

    if args.get(4).map(String::as_str) == Some("durable") {
        return durable(&addr, &creds, connections).await;
    }
    println!("| load (loopback, {connections} connections, {seconds} s each) | requests/s | p50 ms | p99 ms | non-200 |");
    println!("|---|---:|---:|---:|---:|");
    let budget = 12_000 * seconds as usize;
    for (name, scheme, create) in [
        ("GetCallerIdentity V1", SignatureScheme::V1, false),
        ("GetCallerIdentity V3", SignatureScheme::V3, false),
        ("CreateUser V1", SignatureScheme::V1, true),
        ("CreateUser V3", SignatureScheme::V3, true),
    ] {
        let tag = format!(
            "{}{}",
            if create { "c" } else { "g" },
            if scheme == SignatureScheme::V1 { 1 } else { 3 }
        );
        let requests = presign(&addr, &creds, scheme, create, budget, &tag);
        let f = run(&addr, requests, connections, seconds).await;
        println!(
            "| signed `{name}` | {:.0} | {:.2} | {:.2} | {} |",
            f.ok as f64 / f.seconds,
            percentile(&f.latencies, 0.50),
            percentile(&f.latencies, 0.99),
            f.failed
        );
    }
}

/// `n` signed `UpdateUser`s of the admin's display name: durable writes of one row.
fn rename_admin(host: &str, creds: &Credentials, n: usize) -> Vec<Vec<u8>> {
    signed(host, creds, SignatureScheme::V1, n, "rename", |i| {
        UpdateUser {
            user_name: "admin".into(),
            new_display_name: Some(format!("admin {i}")),
            ..Default::default()
        }
        .request()
        .unwrap()
    })
}

/// Durable `CreateUser` per second at 20 users and at 20,000: the same
/// 5,000 creates timed at each size (a timed window would grow the state
/// by tens of thousands of users and blur the two sizes).
async fn durable(addr: &str, creds: &Credentials, connections: usize) {
    const TIMED: usize = 5_000;
    println!("| durable `CreateUser` V1 (`--state`, {connections} connections, {TIMED} creates each) | requests/s | p50 ms | p99 ms | non-200 | users in the state during the row |");
    println!("|---|---:|---:|---:|---:|---|");
    // Warm up the server (threads, connections) with reads, and the database
    // with durable writes that add no user: a new database's first commits
    // also grow its write-ahead log, which later commits reuse in place.
    run(
        addr,
        presign(addr, creds, SignatureScheme::V1, false, 2_000, "warm"),
        connections,
        3_600,
    )
    .await;
    let warmed = run(addr, rename_admin(addr, creds, 5_000), connections, 3_600).await;
    assert_eq!(
        warmed.failed, 0,
        "warming the database with UpdateUser failed"
    );
    let mut users = 1; // the admin
    for (round, size) in [20usize, 20_000].into_iter().enumerate() {
        let fill = presign(
            addr,
            creds,
            SignatureScheme::V1,
            true,
            size - users,
            &format!("fill{round}"),
        );
        let filled = run(addr, fill, connections, 3_600).await;
        assert_eq!(filled.failed, 0, "filling the state to {size} users failed");
        let requests = presign(
            addr,
            creds,
            SignatureScheme::V1,
            true,
            TIMED,
            &format!("timed{round}"),
        );
        let f = run(addr, requests, connections, 3_600).await;
        println!(
            "| at {size} users | {:.0} | {:.2} | {:.2} | {} | {size} → {} |",
            f.ok as f64 / f.seconds,
            percentile(&f.latencies, 0.50),
            percentile(&f.latencies, 0.99),
            f.failed,
            size + f.ok
        );
        users = size + TIMED;
    }
}
