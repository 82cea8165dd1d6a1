//! The policy engine's speed: parsing and linting a policy at RAM's 6,144-character size
//! limit, and one evaluation for an identity with 10 attached policies.
//!
//! Run: `cargo bench -p ramp-core --bench policy`. Results go in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use ramp_core::policy::eval::{
    evaluate, Attachment, Caller, Context, NamedPolicy, Policies, Request,
};
use ramp_core::policy::lint::{lint_text, Options};
use ramp_core::policy::{parse_policy, print};
use std::hint::black_box;

/// A realistic document of exactly 6,144 characters (RAM's limit): app-scoped ARMS grants,
/// a conditioned deny, Prometheus instances.
fn big_policy() -> String {
    let mut statements = Vec::new();
    let mut i = 0;
    loop {
        let s = format!(
            r#"{{"Sid":"App{i}","Effect":"Allow","Action":["arms:ReadTraceApp","arms:EditTraceApp","arms:GetTraceApp"],"Resource":["acs:arms:cn-hangzhou:1234567890123456:armsapp/shop-{i}-*","acs:arms:cn-shanghai:1234567890123456:prometheus/c{i}"],"Condition":{{"IpAddress":{{"acs:SourceIp":["10.{i}.0.0/16"]}},"Bool":{{"acs:SecureTransport":"true"}}}}}}"#
        );
        let candidate = format!(
            r#"{{"Version":"1","Statement":[{}]}}"#,
            [statements.clone(), vec![s.clone()]].concat().join(",")
        );
        if candidate.len() > 6144 {
            break;
        }
        statements.push(s);
        i += 1;
    }
    let doc = format!(
        r#"{{"Version":"1","Statement":[{}]}}"#,
        statements.join(",")
    );
    // Pad the first Sid so the document is exactly at the limit.
    let pad = "x".repeat(6144 - doc.len());
    doc.replacen(r#""Sid":"App0""#, &format!(r#""Sid":"App0{pad}""#), 1)
}

fn attachments() -> Vec<Attachment> {
    (0..10)
        .map(|i| {
            let json = format!(
                r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":["arms:Get*","arms:List*","cms:Describe*"],"Resource":"acs:arms:*:*:armsapp/team{i}-*"}},{{"Effect":"Deny","Action":"arms:Delete*","Resource":"*","Condition":{{"NotIpAddress":{{"acs:SourceIp":"10.0.0.0/8"}}}}}}]}}"#
            );
            Attachment {
                policy: NamedPolicy { name: format!("p{i}"), policy: parse_policy(&json).expect("valid").policy },
                resource_group: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let text = big_policy();
    let options = Options {
        kind: None,
        now: Some(ramp_core::time::UtcTime::from_unix_seconds(1_795_000_000)),
    };
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

    let policies = Policies {
        attachments: attachments(),
        ..Policies::default()
    };
    let request = Request {
        caller: Caller::RamUser {
            account_id: "1234567890123456".into(),
            name: "alice".into(),
        },
        action: "arms:GetTraceApp".into(),
        resource: "acs:arms:cn-hangzhou:1234567890123456:armsapp/team9-web".into(),
        resource_group: None,
        context: Context::new().with("acs:SourceIp", "10.1.2.3"),
    };
    c.bench_function("evaluate, 10 attached policies", |b| {
        b.iter(|| evaluate(black_box(&request), black_box(&policies)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
