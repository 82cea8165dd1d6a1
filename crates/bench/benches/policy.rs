//! The policy engine's speed: parsing and linting a policy at RAM's 6,144-character size
//! limit, and one evaluation for an identity with 10 attached policies.
//!
//! Run: `cargo bench -p ramp-bench --bench policy`. Results go in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use ramp_core::policy::eval::evaluate;
use ramp_core::policy::lint::lint_text;
use ramp_core::policy::{parse_policy, print};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let text = ramp_bench::policy_6k();
    let options = ramp_bench::lint_options();
    let report = lint_text(&text, &options);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.check.tier != ramp_core::policy::lint::Tier::Error),
        "{:?}",
        report.findings
    );
    assert_eq!(text.chars().count(), 6144);
    c.bench_function(&format!("parse {}-char policy", text.len()), |b| {
        b.iter(|| parse_policy(black_box(&text)).expect("parses"))
    });
    c.bench_function(&format!("parse + lint {}-char policy", text.len()), |b| {
        b.iter(|| lint_text(black_box(&text), black_box(&options)))
    });
    let parsed = parse_policy(&text).expect("parses").policy;
    c.bench_function("print that policy", |b| {
        b.iter(|| print(black_box(&parsed)))
    });

    let (policies, request) = (ramp_bench::ten_policies(), ramp_bench::question());
    c.bench_function("evaluate, 10 attached policies", |b| {
        b.iter(|| evaluate(black_box(&request), black_box(&policies)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
