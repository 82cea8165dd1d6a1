//! Signing and verification of a typical RAM call: `CreateUser` with 5 parameters.
//!
//! Run: `cargo bench -p ramp-core --bench signing`. Results go in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use ramp_core::credentials::Credentials;
use ramp_core::request::{ApiRequest, SignatureScheme};
use ramp_core::sign::{sign, SigningInput};
use ramp_core::time::UtcTime;
use ramp_core::verify::{ReceivedRequest, SignedClaim};
use std::hint::black_box;

fn create_user() -> ApiRequest {
    ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01")
        .param("UserName", "alice")
        .param("DisplayName", "Alice Zhang 张三")
        .param("Email", "alice@example.com")
        .param("MobilePhone", "86-18600008888")
        .param("Comments", "ARMS read-only for the shop team")
}

fn bench(c: &mut Criterion) {
    let creds = Credentials::new("LTAI5tBenchKeyId0000", "BenchSecret0123456789abcdefABCDEF");
    let input = SigningInput {
        credentials: &creds,
        time: UtcTime::parse("2025-06-01T08:00:00Z").expect("valid time"),
        nonce: "0123456789abcdef0123456789abcdef",
    };
    let req = create_user();
    for scheme in [SignatureScheme::V1, SignatureScheme::V3] {
        c.bench_function(&format!("sign {} CreateUser", scheme.as_str()), |b| {
            b.iter(|| sign(black_box(&req), scheme, black_box(&input)).expect("signs"))
        });
        let http = sign(&req, scheme, &input).expect("signs").request;
        let query = http.query_string();
        let received = ReceivedRequest {
            method: http.method.as_str(),
            path: &http.path,
            query: &query,
            headers: &http.headers,
            body: &http.body,
        };
        c.bench_function(&format!("verify {} CreateUser", scheme.as_str()), |b| {
            b.iter(|| {
                let claim = SignedClaim::from_request(black_box(&received)).expect("claim");
                claim
                    .verify(&received, "BenchSecret0123456789abcdefABCDEF")
                    .expect("verifies")
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
