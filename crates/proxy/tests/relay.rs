//! The relay over real sockets in front of a fake upstream on loopback:
//! exact forwarding, every limit and timeout, SSRF and smuggling attempts,
//! faults, and a load run.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::*;
use ramp_proxy::Limits;

const SIGNED_QUERY: &str = "AccessKeyId=LTAI5tExample&Action=GetCallerIdentity&Format=json&SignatureMethod=HMAC-SHA1&SignatureNonce=a%2Ab~c%20d&SignatureVersion=1.0&Timestamp=2026-11-22T12%3A00%3A00Z&Version=2015-04-01&Signature=abc%2B%2F%3D";

/// The defaults without the per-client rate limit (the tests send from one address).
fn unthrottled() -> Limits {
    Limits {
        per_client_per_second: 0,
        ..Limits::default()
    }
}

#[tokio::test]
async fn forwards_exactly_and_nothing_else() {
    let (up, seen) = fake_upstream(Behaviour::Answer).await;
    // From an allowed portal's page: relayed, and its Origin is not forwarded.
    let relay = relay_allowing(up, Limits::default(), &["https://portal.example.com"]).await;
    let body = b"UserName=a+b&Comments=%E4%B8%AD";
    let a = post(
        relay,
        &format!("/relay/sts.cn-hangzhou?{SIGNED_QUERY}"),
        &[
            (
                "authorization",
                "ACS3-HMAC-SHA256 Credential=LTAI5tExample,SignedHeaders=host,Signature=00",
            ),
            ("x-acs-date", "2026-11-22T12:00:00Z"),
            ("x-acs-security-token", "CAIS-token"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
            ("cookie", "portal-session=secret"),
            ("user-agent", "Mozilla/5.0"),
            ("x-forwarded-for", "10.9.8.7"),
            ("origin", "https://portal.example.com"),
            ("x-portal-user", "alice"),
        ],
        body,
    )
    .await;
    // The upstream's answer comes back unchanged, and only its allowed headers.
    assert_eq!(a.status, 403);
    assert_eq!(a.body, UPSTREAM_BODY);
    assert_eq!(
        a.header("content-type").as_deref(),
        Some("application/json;charset=utf-8")
    );
    assert_eq!(a.header("x-acs-request-id").as_deref(), Some("UP-REQ-1"));
    assert_eq!(a.header("set-cookie"), None);
    assert_eq!(a.header("x-upstream-secret"), None);

    let requests = seen.requests.lock().unwrap();
    assert_eq!(requests.len(), 1);
    let sent = String::from_utf8_lossy(&requests[0]).into_owned();
    let (head, sent_body) = sent.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("POST /?{SIGNED_QUERY} HTTP/1.1"),
        "the query byte for byte"
    );
    let names: Vec<String> = lines
        .map(|l| l.split(':').next().unwrap().to_ascii_lowercase())
        .collect();
    let mut names_sorted = names.clone();
    names_sorted.sort();
    assert_eq!(
        names_sorted,
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "x-acs-date",
            "x-acs-security-token"
        ],
        "{head}"
    );
    assert!(
        head.contains("host: sts.cn-hangzhou.aliyuncs.com"),
        "{head}"
    );
    assert_eq!(sent_body.as_bytes(), body);
}

#[tokio::test]
async fn the_app_may_ask_for_the_upstream_status_in_a_header() {
    let (up, seen) = fake_upstream(Behaviour::Answer).await;
    let relay = relay(up, Limits::default()).await;
    let auth = (
        "authorization",
        "ACS3-HMAC-SHA256 Credential=LTAI5tExample,SignedHeaders=host,Signature=00",
    );
    let path = format!("/relay/ram?{SIGNED_QUERY}");
    // Asked: 200 on the wire, the upstream's 403 in x-ramp-upstream-status, the body unchanged.
    let a = post(relay, &path, &[auth, ("x-ramp-status", "header")], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("x-ramp-upstream-status").as_deref(), Some("403"));
    assert_eq!(a.body, UPSTREAM_BODY);
    assert_eq!(a.header("x-acs-request-id").as_deref(), Some("UP-REQ-1"));
    // Not asked (SDKs, the CLI): the status itself, and no such header.
    let b = post(relay, &path, &[auth], b"").await;
    assert_eq!(b.status, 403);
    assert_eq!(b.header("x-ramp-upstream-status"), None);
    // The request header is the relay's own: it never goes upstream.
    let requests = seen.requests.lock().unwrap();
    assert!(requests.iter().all(|r| !String::from_utf8_lossy(r)
        .to_ascii_lowercase()
        .contains("x-ramp-status")));
}

#[tokio::test]
async fn every_limit_answers_with_its_status_and_an_error_body() {
    let (up, seen) = fake_upstream(Behaviour::Answer).await;
    let limits = Limits {
        per_client_per_second: 0,
        ..Limits::default()
    };
    let relay = relay(up, limits).await;
    let big_body = vec![b'a'; 64 * 1024 + 1];
    let a = post(relay, "/relay/ram?Action=CreateUser", &[], &big_body).await;
    assert_eq!((a.status, a.code().as_str()), (413, "RequestBodyTooLarge"));
    let long_query = format!("/relay/ram?Action=CreateUser&x={}", "a".repeat(16 * 1024));
    let a = post(relay, &long_query, &[], b"").await;
    assert_eq!((a.status, a.code().as_str()), (414, "QueryTooLong"));
    let big_header = "b".repeat(16 * 1024);
    let a = post(
        relay,
        "/relay/ram?Action=CreateUser",
        &[("x-acs-padding", &big_header)],
        b"",
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (431, "HeadersTooLarge"));
    assert_eq!(
        seen.connections.load(Ordering::SeqCst),
        0,
        "nothing oversized reached the upstream"
    );
    // Just under every limit passes.
    let ok = post(
        relay,
        "/relay/ram?Action=CreateUser",
        &[],
        &vec![b'a'; 64 * 1024],
    )
    .await;
    assert_eq!(ok.status, 403, "{}", ok.body);
}

#[tokio::test]
async fn per_client_rate_and_concurrency_limits() {
    let (up, _) = fake_upstream(Behaviour::Answer).await;
    let relay_addr = relay(
        up,
        Limits {
            per_client_per_second: 3,
            ..Limits::default()
        },
    )
    .await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(post(relay_addr, "/relay/ram?Action=GetUser", &[], b"").await);
    }
    // Four quick requests from one client: the fourth is over 3 per second (unless the second ticked over).
    let throttled: Vec<&Answer> = statuses.iter().filter(|a| a.status == 429).collect();
    assert!(throttled.len() <= 1);
    if let Some(t) = throttled.first() {
        assert_eq!(t.code(), "Throttling.User");
        assert_eq!(t.header("retry-after").as_deref(), Some("1"));
    }
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let burst: Vec<u16> = futures_burst(relay_addr, 10).await;
    assert!(
        burst.iter().filter(|s| **s == 429).count() >= 7,
        "{burst:?}"
    );

    let (slow, _) = fake_upstream(Behaviour::Slow(Duration::from_millis(800))).await;
    let relay_addr = relay(
        slow,
        Limits {
            max_concurrent: 2,
            per_client_per_second: 0,
            ..Limits::default()
        },
    )
    .await;
    let answers = futures_answers(relay_addr, 3).await;
    let busy: Vec<&Answer> = answers.iter().filter(|a| a.status == 503).collect();
    assert_eq!(
        busy.len(),
        1,
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    assert_eq!(busy[0].code(), "ServiceUnavailable");
    assert_eq!(busy[0].header("retry-after").as_deref(), Some("1"));
}

async fn futures_answers(addr: std::net::SocketAddr, n: usize) -> Vec<Answer> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            tokio::spawn(async move { post(addr, "/relay/ram?Action=GetUser", &[], b"").await })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

async fn futures_burst(addr: std::net::SocketAddr, n: usize) -> Vec<u16> {
    futures_answers(addr, n)
        .await
        .iter()
        .map(|a| a.status)
        .collect()
}

#[tokio::test]
async fn ssrf_and_smuggling_attempts_never_reach_the_upstream() {
    let (up, seen) = fake_upstream(Behaviour::Answer).await;
    let relay = relay(up, unthrottled()).await;
    let targets = [
        "/relay/ecs",
        "/relay/sts.evil.com",
        "/relay/sts%2Eevil.com",
        "/relay/sts.cn-hangzhou.evil.com",
        "/relay/..%2F..%2Fadmin",
        "/relay/ram%2F..%2Fsts",
        "/relay/ram/../sts",
        "/relay/sts@evil.com",
        "/relay/sts\\evil.com",
        "/relay/",
        "/relay/RAM",
    ];
    for t in targets {
        let a = post(relay, &format!("{t}?Action=GetCallerIdentity"), &[], b"").await;
        assert!(
            (400..500).contains(&a.status),
            "{t}: {} {}",
            a.status,
            a.body
        );
    }
    let raw_attempts: Vec<Vec<u8>> = vec![
        // Absolute-form target naming another host.
        b"POST http://evil.example.com/relay/ram?Action=GetUser HTTP/1.1\r\nhost: evil.example.com\r\nconnection: close\r\ncontent-length: 0\r\n\r\n".to_vec(),
        // A bare CR inside a header value.
        b"POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: x\r\nx-acs-date: a\rHost: evil\r\nconnection: close\r\ncontent-length: 0\r\n\r\n".to_vec(),
        // Two Host headers.
        b"POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: a\r\nhost: evil.example.com\r\nconnection: close\r\ncontent-length: 0\r\n\r\n".to_vec(),
        // Conflicting framing (request smuggling).
        b"POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: a\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n0\r\n\r\n".to_vec(),
        // Oversized headers.
        format!("POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: a\r\nx-acs-big: {}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n", "z".repeat(20_000)).into_bytes(),
    ];
    for (i, bytes) in raw_attempts.iter().enumerate() {
        let a = raw(relay, bytes).await;
        assert!(
            a.status == 0 || (400..500).contains(&a.status),
            "attempt {i}: {} {}",
            a.status,
            a.body
        );
        assert_eq!(
            seen.connections.load(Ordering::SeqCst),
            0,
            "attempt {i} reached the upstream: {} {}",
            a.status,
            a.body
        );
    }
    assert_eq!(
        seen.connections.load(Ordering::SeqCst),
        0,
        "the fake upstream saw a connection"
    );
}

#[tokio::test]
async fn upstream_faults_are_502_or_504_within_the_timeout() {
    let limits = Limits {
        total_timeout: Duration::from_secs(1),
        connect_timeout: Duration::from_secs(1),
        per_client_per_second: 0,
        ..Limits::default()
    };
    // Down: nothing listens there.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let cases = [
        (None, 502, "UpstreamUnreachable"),
        (
            Some(Behaviour::Slow(Duration::from_secs(5))),
            504,
            "UpstreamTimeout",
        ),
        (Some(Behaviour::ResetMidBody), 502, "UpstreamReset"),
        (Some(Behaviour::Garbage), 502, "BadUpstreamResponse"),
    ];
    for (behaviour, status, code) in cases {
        let up = match behaviour {
            Some(b) => fake_upstream(b).await.0,
            None => closed,
        };
        let relay = relay(up, limits.clone()).await;
        let t = Instant::now();
        let a = post(relay, "/relay/sts?Action=GetCallerIdentity", &[], b"").await;
        let took = t.elapsed();
        assert_eq!(
            (a.status, a.code().as_str()),
            (status, code),
            "{behaviour:?}: {}",
            a.body
        );
        assert!(took < Duration::from_secs(2), "{behaviour:?} took {took:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_requests_at_concurrency_100_without_an_error() {
    let (up, _) = fake_upstream(Behaviour::Answer).await;
    let relay = relay(
        up,
        Limits {
            per_client_per_second: 0,
            max_concurrent: 128,
            ..Limits::default()
        },
    )
    .await;
    let (direct, relayed) = (
        load(up, "/?Action=GetUser", 10_000, 100).await,
        load(relay, "/relay/ram?Action=GetUser", 10_000, 100).await,
    );
    assert_eq!(relayed.errors, 0, "{relayed:?}");
    assert_eq!(direct.errors, 0);
    println!(
        "relay load: 10,000 requests at concurrency 100 — direct to the fake {:.0}/s (p50 {:.2} ms, p99 {:.2} ms); through the relay {:.0}/s (p50 {:.2} ms, p99 {:.2} ms); added p50 {:.2} ms, p99 {:.2} ms",
        direct.per_second, direct.p50, direct.p99, relayed.per_second, relayed.p50, relayed.p99,
        relayed.p50 - direct.p50, relayed.p99 - direct.p99
    );
}

#[derive(Debug)]
struct Load {
    errors: usize,
    per_second: f64,
    p50: f64,
    p99: f64,
}

/// `total` keep-alive requests over `concurrency` connections; status 403 (the fake's) is success.
async fn load(
    addr: std::net::SocketAddr,
    target: &'static str,
    total: usize,
    concurrency: usize,
) -> Load {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            tokio::spawn(async move {
                let mut s = BufReader::new(tokio::net::TcpStream::connect(addr).await.unwrap());
                let req = format!("POST {target} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 0\r\nx-acs-date: 2026-11-22T12:00:00Z\r\n\r\n");
                let (mut errors, mut lat) = (0, Vec::new());
                for _ in 0..total / concurrency {
                    let t = Instant::now();
                    s.get_mut().write_all(req.as_bytes()).await.unwrap();
                    let mut line = String::new();
                    s.read_line(&mut line).await.unwrap();
                    if !line.contains(" 403 ") {
                        errors += 1;
                    }
                    let mut len = 0;
                    loop {
                        line.clear();
                        s.read_line(&mut line).await.unwrap();
                        if line == "\r\n" {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap();
                        }
                    }
                    let mut body = vec![0; len];
                    s.read_exact(&mut body).await.unwrap();
                    lat.push(t.elapsed());
                }
                (errors, lat)
            })
        })
        .collect();
    let mut errors = 0;
    let mut lat = Vec::new();
    for t in tasks {
        let (e, l) = t.await.unwrap();
        errors += e;
        lat.extend(l);
    }
    let secs = started.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| lat[((lat.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    Load {
        errors,
        per_second: lat.len() as f64 / secs,
        p50: pct(0.5),
        p99: pct(0.99),
    }
}

#[tokio::test]
async fn stalled_clients_and_a_slow_upstream_hold_up_no_one_else() {
    let (up, _) = fake_upstream(Behaviour::Slow(Duration::from_secs(3))).await;
    let relay = relay(up, unthrottled()).await;
    // Twenty clients that send half a request and stall.
    let mut stalled = Vec::new();
    for _ in 0..20 {
        let mut s = tokio::net::TcpStream::connect(relay).await.unwrap();
        tokio::io::AsyncWriteExt::write_all(&mut s, b"POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\nhalf").await.unwrap();
        stalled.push(s);
    }
    // Requests waiting on the slow upstream.
    let waiting: Vec<_> = (0..5)
        .map(|_| {
            tokio::spawn(async move { post(relay, "/relay/ram?Action=GetUser", &[], b"").await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Everyone else is answered at once.
    let t = Instant::now();
    let refused = post(relay, "/relay/ecs?Action=X", &[], b"").await;
    assert_eq!(refused.status, 404);
    let health = raw(
        relay,
        b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(health.status, 200);
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "took {:?}",
        t.elapsed()
    );
    for w in waiting {
        assert_eq!(w.await.unwrap().status, 403);
    }
    drop(stalled);
}

#[tokio::test]
async fn clients_that_never_send_their_body_hold_no_upstream_slot() {
    let (up, _) = fake_upstream(Behaviour::Answer).await;
    let limits = Limits {
        max_concurrent: 4,
        body_timeout: Duration::from_millis(800),
        ..unthrottled()
    };
    let relay = relay(up, limits).await;
    // Twice as many clients as slots announce a body and never send it.
    let mut stalled = Vec::new();
    for _ in 0..8 {
        let mut s = tokio::net::TcpStream::connect(relay).await.unwrap();
        tokio::io::AsyncWriteExt::write_all(&mut s, b"POST /relay/ram?Action=GetUser HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\nhalf").await.unwrap();
        stalled.push(s);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Everyone else still gets an upstream slot.
    for _ in 0..4 {
        let a = post(relay, "/relay/ram?Action=GetUser", &[], b"").await;
        assert_eq!(
            a.status, 403,
            "the fake upstream's answer, not 503: {}",
            a.body
        );
    }
    // The stalled ones are answered 408 once the body timeout passes.
    let mut s = stalled.pop().unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(
        Duration::from_secs(5),
        tokio::io::AsyncReadExt::read_to_end(&mut s, &mut answer),
    )
    .await
    .expect("answered within the timeout")
    .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("RequestTimeout"), "{answer}");
}
