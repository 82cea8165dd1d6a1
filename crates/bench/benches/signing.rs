//! Signing and verification of a typical RAM call: `CreateUser` with 5 parameters.
//!
//! Run: `cargo bench -p ramp-bench --bench signing`. Results go in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use ramp_core::request::SignatureScheme;
use ramp_core::sign::{sign, SigningInput};
use ramp_core::time::UtcTime;
use ramp_core::verify::{ReceivedRequest, SignedClaim};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let creds = ramp_bench::credentials();
    let input = SigningInput {
        credentials: &creds,
        time: UtcTime::parse(ramp_bench::TIMESTAMP).expect("valid time"),
        nonce: ramp_bench::NONCE,
    };
    let req = ramp_bench::create_user();
    for scheme in [SignatureScheme::V1, SignatureScheme::V3] {
        c.bench_function(&format!("sign {} CreateUser", scheme.as_str()), |b| {
            b.iter(|| sign(black_box(&req), scheme, black_box(&input)).expect("signs"))
        });
        let http = sign(&req, scheme, &input).expect("signs").request;
        let query = http.query_string();
        let received = ReceivedRequest {
            method: http.method.as_str(),
            path: &http.path,
            query,
            headers: &http.headers,
            body: &http.body,
        };
        c.bench_function(&format!("verify {} CreateUser", scheme.as_str()), |b| {
            b.iter(|| {
                let claim = SignedClaim::from_request(black_box(&received)).expect("claim");
                claim
                    .verify(&received, ramp_bench::ACCESS_KEY_SECRET)
                    .expect("verifies")
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
