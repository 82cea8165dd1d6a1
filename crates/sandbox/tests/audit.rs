//! The access review against the sandbox: a plan applied by the runner,
//! the account read by the survey, then changed by hand — drift says what
//! is missing, what differs and what ARMS access is extra; the access
//! model sees what the service enforces.

#![allow(clippy::result_large_err)]

mod common;

use common::*;
use ramp_core::api::{ram, rm};
use ramp_core::audit::account::Principal;
use ramp_core::audit::drift::{drift, State};
use ramp_core::audit::{model, Level};
use ramp_core::plan::intent::*;
use ramp_core::plan::plan;

fn teammates(env: &Env) -> ramp_core::plan::Plan {
    let rg = env.seed.accounts[0].resource_groups[0].0.clone();
    plan(&Intent::TeamGroup(TeamGroup {
        account: env.account(0),
        group: "arms-readers".into(),
        comments: None,
        members: vec!["erin".into()],
        new_members: vec![NewUser {
            name: "frank".into(),
            display_name: Some("Frank".into()),
            email: None,
        }],
        new_member_access: Access::Programmatic,
        arms: ArmsAccess::ReadOnly,
        scope: Scope {
            resource_group: Some(rg),
        },
        apps: None,
    }))
    .unwrap()
}

#[test]
fn a_plan_applied_then_changed_by_hand_shows_its_drift() {
    let env = demo();
    let admin = env.admin_a();
    env.call(
        &admin,
        &ram::CreateUser {
            user_name: "erin".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let p = teammates(&env);
    env.run(&p);

    // Right after applying, everything is already there and nothing is extra.
    let read = env.survey_a();
    assert!(read.gaps.is_empty(), "{:?}", read.gaps);
    let d = drift(&p, &read);
    assert!(!d.planned.is_empty());
    assert!(
        d.planned.iter().all(|x| x.state == State::AlreadyThere),
        "{:#?}",
        d.planned
    );
    assert!(d.extra.is_empty(), "{:?}", d.extra);
    let m = model(&read);
    let frank = m
        .principals
        .iter()
        .find(|a| a.principal == Principal::User("frank".into()))
        .unwrap();
    assert_eq!(frank.arms, Level::ReadOnly);

    // Then by hand: frank leaves the group, erin gets full ARMS access.
    env.call(
        &admin,
        &ram::RemoveUserFromGroup {
            user_name: "frank".into(),
            group_name: "arms-readers".into(),
        },
    )
    .unwrap();
    env.call(
        &admin,
        &ram::AttachPolicyToUser {
            policy_type: "System".into(),
            policy_name: "AliyunARMSFullAccess".into(),
            user_name: "erin".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
    let rg = env.seed.accounts[0].resource_groups[0].0.clone();
    let alias = env.seed.accounts[0].alias.clone();
    env.call(
        &admin,
        &rm::DetachPolicy {
            policy_name: "AliyunARMSReadOnlyAccess".into(),
            policy_type: "System".into(),
            principal_type: "IMSGroup".into(),
            principal_name: format!("arms-readers@group.{alias}.onaliyun.com"),
            resource_group_id: rg,
        },
    )
    .unwrap();

    let read = env.survey_a();
    let d = drift(&p, &read);
    let state_of = |what: &str| {
        d.planned
            .iter()
            .find(|x| x.what.starts_with(what))
            .map(|x| x.state)
    };
    assert_eq!(
        state_of("frank in group arms-readers"),
        Some(State::Missing)
    );
    assert_eq!(
        state_of("erin in group arms-readers"),
        Some(State::AlreadyThere)
    );
    assert_eq!(
        state_of("AliyunARMSReadOnlyAccess for group arms-readers"),
        Some(State::Missing),
        "{:#?}",
        d.planned
    );
    assert_eq!(state_of("user frank"), Some(State::AlreadyThere));
    assert_eq!(d.extra.len(), 1, "{:?}", d.extra);
    assert_eq!(d.extra[0].principal, Principal::User("erin".into()));
    assert!(
        d.extra[0].grant.starts_with("AliyunARMSFullAccess"),
        "{:?}",
        d.extra
    );
    // And the model: frank lost his access, erin has it all.
    let m = model(&read);
    let level = |n: &str| {
        m.principals
            .iter()
            .find(|a| a.principal == Principal::User(n.into()))
            .unwrap()
            .arms
    };
    assert_eq!((level("frank"), level("erin")), (Level::None, Level::Full));
}

#[test]
fn an_organisation_seed_reads_with_a_constant_number_of_calls_per_principal() {
    use ramp_core::audit::findings::{findings, Check, Options};
    let count = |n: usize| {
        let env = with_seed(
            ramp_sandbox::org::org(n, T0),
            ramp_sandbox::Options::default(),
        );
        let (read, calls) = env.survey_a_counted();
        assert!(read.gaps.is_empty(), "{:?}", read.gaps);
        assert_eq!(read.users.len(), n + 1, "N users and the admin");
        (read, calls)
    };
    let (small, small_calls) = count(100);
    let (large, large_calls) = count(400);
    let per = |calls: usize, a: &ramp_core::audit::Account| {
        calls as f64 / (a.users.len() + a.groups.len() + a.roles.len()) as f64
    };
    let (p_small, p_large) = (per(small_calls, &small), per(large_calls, &large));
    assert!(
        p_large <= p_small * 1.1,
        "calls per principal grew: {p_small:.2} → {p_large:.2}"
    );
    // The problems it was made with are found.
    let now = ramp_core::time::UtcTime::from_unix_seconds(T0);
    let f = findings(&large, &model(&large), &Options::at(now));
    for c in [
        Check::A001,
        Check::A002,
        Check::A003,
        Check::A004,
        Check::A011,
        Check::A012,
    ] {
        assert!(f.iter().any(|f| f.code == c), "{c:?} not found");
    }
}
