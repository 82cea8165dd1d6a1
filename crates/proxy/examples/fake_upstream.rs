//! A minimal keep-alive HTTP/1.1 upstream for relay benchmarks: answers every
//! request with a small Alibaba-shaped JSON body. Loopback only.
//!
//! ```text
//! cargo run --release -p ramp-proxy --example fake_upstream -- 127.0.0.1:18500
//! ```

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const BODY: &str = r#"{"RequestId":"FAKE-0001","AccountId":"1680000000000001","Arn":"acs:ram::1680000000000001:user/admin","IdentityType":"RAMUser"}"#;

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18500".into());
    let ip: std::net::SocketAddr = addr.parse().expect("ADDRESS:PORT");
    assert!(
        ip.ip().is_loopback(),
        "the fake upstream listens on loopback only"
    );
    let listener = TcpListener::bind(ip).await.unwrap();
    println!("fake upstream at http://{}", listener.local_addr().unwrap());
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json;charset=utf-8\r\nx-acs-request-id: FAKE-0001\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    loop {
        let Ok((sock, _)) = listener.accept().await else {
            continue;
        };
        let answer = answer.clone();
        tokio::spawn(async move {
            let mut s = BufReader::new(sock);
            let mut line = String::new();
            loop {
                let mut length = 0usize;
                loop {
                    line.clear();
                    match s.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0u8; length];
                if s.read_exact(&mut body).await.is_err()
                    || s.get_mut().write_all(answer.as_bytes()).await.is_err()
                {
                    return;
                }
            }
        });
    }
}
