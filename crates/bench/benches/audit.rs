//! The access review's speed: the access model and every finding for an
//! account of 2,000 users (the test suite's messy account, its users
//! repeated in teams with their grants), and one who-can question.
//!
//! Run: `cargo bench -p ramp-bench --bench audit`.

use criterion::{criterion_group, criterion_main, Criterion};
use ramp_core::audit::account::{Account, Principal};
use ramp_core::audit::findings::{findings, Options};
use ramp_core::audit::model;
use ramp_core::audit::who_can::{who_can, Question};
use ramp_core::time::UtcTime;
use std::hint::black_box;

/// The messy account with each user copied until there are `n`, each copy
/// keeping its original's grants and groups.
fn account(n: usize) -> Account {
    let mut a: Account =
        serde_json::from_str(include_str!("../../core/tests/data/messy-account.json")).unwrap();
    let originals: Vec<(String, _)> = a.users.clone().into_iter().collect();
    let grants = a.attachments.clone();
    let groups = a.groups.clone();
    let mut i = 0;
    while a.users.len() < n {
        let (name, user) = &originals[i % originals.len()];
        let copy = format!("{name}-{i:05}");
        a.users.insert(copy.clone(), user.clone());
        for g in grants
            .iter()
            .filter(|g| g.principal == Principal::User(name.clone()))
        {
            let mut g = g.clone();
            g.principal = Principal::User(copy.clone());
            a.attachments.push(g);
        }
        for (gname, g) in &groups {
            if g.members.contains(name) {
                a.groups.get_mut(gname).unwrap().members.push(copy.clone());
            }
        }
        i += 1;
    }
    a
}

fn bench(c: &mut Criterion) {
    let a = account(2000);
    assert_eq!(a.users.len(), 2000);
    let now = Options::at(UtcTime::parse("2026-12-03T00:00:00Z").unwrap());
    c.bench_function("access model, 2,000 users", |b| {
        b.iter(|| model(black_box(&a)))
    });
    let m = model(&a);
    c.bench_function("findings, 2,000 users", |b| {
        b.iter(|| findings(black_box(&a), black_box(&m), &now))
    });
    let q = Question {
        action: "arms:UpdatePrometheusInstance".into(),
        resource: "*".into(),
        resource_group: None,
    };
    c.bench_function("who can, 2,000 users", |b| {
        b.iter(|| who_can(black_box(&a), black_box(&q)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
