//! Every flow's plan run by ramp-core's runner against the sandbox, twice:
//! the second run finds every step already there and hands out no secret;
//! a password is handed back only once the service accepted it; a lost
//! answer fails the step as "no answer" and the next run checks it; an
//! existing entity that differs is a conflict that names each field.

#![allow(clippy::result_large_err)]

mod common;

use common::*;
use ramp_core::api::Call;
use ramp_core::credentials::Secret;
use ramp_core::plan::intent::*;
use ramp_core::plan::runner::{
    Event, HandedSecret, Runner, StepState, CONFLICT, NO_ANSWER, SECRET_UNKNOWN,
};
use ramp_core::plan::{plan, Plan};

fn user(name: &str) -> NewUser {
    NewUser {
        name: name.into(),
        display_name: Some(format!("{name} (test)")),
        email: None,
    }
}

fn console() -> Access {
    Access::Console {
        reset_required: true,
        mfa_required: true,
    }
}

/// Every flow of the design, in the demo accounts.
fn flows(env: &Env) -> Vec<(&'static str, Intent)> {
    let rg = env.seed.accounts[0].resource_groups[0].0.clone();
    vec![
        (
            "teammate, console, read-only at a resource group",
            Intent::TeammateAccess(TeammateAccess {
                account: env.account(0),
                users: vec![user("erin.sun"), user("frank.li")],
                access: console(),
                arms: ArmsAccess::ReadOnly,
                scope: Scope {
                    resource_group: Some(rg),
                },
                apps: None,
            }),
        ),
        (
            "teammate, programmatic, Prometheus remote write only",
            Intent::TeammateAccess(TeammateAccess {
                account: env.account(0),
                users: vec![user("prom-exporter")],
                access: Access::Programmatic,
                arms: ArmsAccess::PrometheusWrite,
                scope: Scope::default(),
                apps: None,
            }),
        ),
        (
            "team group with new console members",
            Intent::TeamGroup(TeamGroup {
                account: env.account(1),
                group: "arms-team".into(),
                comments: Some("on-call".into()),
                arms: ArmsAccess::Full,
                scope: Scope::default(),
                members: vec!["admin".into()],
                new_members: vec![user("carol.wu"), user("dan.ho")],
                new_member_access: console(),
                apps: None,
            }),
        ),
        (
            "share with account B, both sides",
            Intent::ShareWithAccount(ShareWithAccount {
                owner: OwnerSide {
                    account: env.account(0),
                    role: "arms-viewer".into(),
                    description: None,
                    max_session_duration: 7200,
                    trusted_account: env.b().into(),
                    trusted: Trusted::Account,
                    external_id: Some("ramp-ext-1".into()),
                    require_mfa: false,
                    source_ips: Vec::new(),
                    arms: ArmsAccess::ReadOnly,
                    scope: Scope::default(),
                },
                accessing: Some(AccessingSide {
                    account: env.account(1),
                    user: "arms-reader".into(),
                    least_privilege: true,
                    policy_name: None,
                }),
            }),
        ),
    ]
}

fn secret_steps(p: &Plan) -> usize {
    p.steps
        .iter()
        .filter(|s| s.returns_secret || s.secret_input.is_some())
        .count()
}

#[test]
fn every_flow_applied_twice_is_already_there_the_second_time_with_no_secret() {
    let env = demo();
    for (name, intent) in flows(&env) {
        let p = plan(&intent).unwrap();
        let first = env.run(&p);
        assert!(
            first.states.iter().all(|s| *s == StepState::Done),
            "{name}, first run: {:?}",
            first.events
        );
        assert_eq!(first.secrets.len(), secret_steps(&p), "{name}");
        let second = env.run(&p);
        let creating = |i: usize| p.steps[i].creates.is_some();
        for (i, s) in second.states.iter().enumerate() {
            let want = if creating(i) {
                StepState::AlreadyThere
            } else {
                StepState::Done // reads (GetPasswordPolicy) simply run again
            };
            assert_eq!(
                *s,
                want,
                "{name}, second run, step {i} ({})",
                p.steps[i].action()
            );
        }
        assert!(second.secrets.is_empty(), "{name}: {:?}", second.secrets);
    }
    // No second AccessKey was added by the second run.
    let keys = env
        .call(
            &env.admin_a(),
            &ramp_core::api::ram::ListAccessKeys {
                user_name: Some("prom-exporter".into()),
            },
        )
        .unwrap();
    assert_eq!(keys.access_keys.0.len(), 1);
    // The remote-write collector holds the narrow Prometheus policy
    // (AliyunPrometheusMetricWriteAccess, help.aliyun.com/zh/ram/developer-reference/aliyunprometheusmetricwriteaccess), nothing of ARMS.
    let held = env
        .call(
            &env.admin_a(),
            &ramp_core::api::ram::ListPoliciesForUser {
                user_name: "prom-exporter".into(),
            },
        )
        .unwrap();
    let names: Vec<&str> = held
        .policies
        .0
        .iter()
        .map(|p| p.policy_name.as_str())
        .collect();
    assert_eq!(names, ["AliyunPrometheusMetricWriteAccess"]);
}

#[test]
fn a_password_is_handed_back_only_once_the_service_accepted_it() {
    let env = demo();
    let (_, intent) = flows(&env).remove(0);
    let p = plan(&intent).unwrap();
    // A login profile made outside the plan, with other settings: the step
    // fails and no password is handed back.
    env.call(
        &env.admin_a(),
        &ramp_core::api::ram::CreateUser {
            user_name: "erin.sun".into(),
            display_name: Some("erin.sun (test)".into()),
            ..Default::default()
        },
    )
    .unwrap();
    env.call(
        &env.admin_a(),
        &ramp_core::api::ram::CreateLoginProfile {
            user_name: "erin.sun".into(),
            password: Secret::new("Someone-Elses-1!"),
            password_reset_required: Some(false),
            mfa_bind_required: Some(true),
        },
    )
    .unwrap();
    let run = env.run(&p);
    assert!(run.secrets.is_empty(), "{:?}", run.secrets);
    let failed = run
        .events
        .iter()
        .find_map(|e| match e {
            Event::Failed {
                code,
                message_en,
                message_zh,
                differences,
                ..
            } => Some((code, message_en, message_zh, differences)),
            _ => None,
        })
        .expect("the login profile step fails");
    assert_eq!(failed.0, CONFLICT);
    // What differs, field by field, with the plan's value and the account's.
    assert_eq!(failed.3.len(), 1, "{:?}", failed.3);
    let d = &failed.3[0];
    assert_eq!(
        (d.field.as_str(), d.plan.as_str(), d.account.as_str()),
        ("PasswordResetRequired", "true", "false")
    );
    assert!(
        failed
            .1
            .contains("PasswordResetRequired (plan: true, account: false)"),
        "{}",
        failed.1
    );
    assert!(failed.2.contains("PasswordResetRequired"), "{}", failed.2);
}

#[test]
fn an_existing_user_that_differs_names_the_field() {
    let env = demo();
    let (_, intent) = flows(&env).remove(1);
    env.call(
        &env.admin_a(),
        &ramp_core::api::ram::CreateUser {
            user_name: "prom-exporter".into(),
            display_name: Some("Someone else".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let run = env.run(&plan(&intent).unwrap());
    let differences = run.events.iter().find_map(|e| match e {
        Event::Failed { differences, .. } => Some(differences.clone()),
        _ => None,
    });
    let d = &differences.expect("a conflict")[0];
    assert_eq!(
        (d.field.as_str(), d.plan.as_str(), d.account.as_str()),
        ("DisplayName", "prom-exporter (test)", "Someone else")
    );
}

#[test]
fn a_lost_answer_fails_as_no_answer_and_the_next_run_checks_it() {
    let env = demo();
    let (_, intent) = flows(&env).remove(2);
    let p = plan(&intent).unwrap();
    let mut runner = Runner::new(p.steps.clone());
    // The group is created, but its answer is lost.
    let run = env.drive(&mut runner, &mut |action| action == "CreateGroup");
    assert!(matches!(&run.events[..], [.., Event::Failed { code, .. }] if code == NO_ANSWER));
    assert!(
        !run.states.contains(&StepState::Running),
        "no step stays running: {:?}",
        run.states
    );
    runner.resume();
    let run = env.drive(&mut runner, &mut |_| false);
    assert_eq!(run.states[0], StepState::AlreadyThere, "{:?}", run.events);
    assert!(run
        .states
        .iter()
        .all(|s| matches!(s, StepState::Done | StepState::AlreadyThere)));
    // Both new members' passwords, each accepted by the service, were handed out once.
    let passwords: Vec<_> = run
        .secrets
        .iter()
        .filter_map(|s| match s {
            HandedSecret::Password { user, .. } => Some(user.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(passwords, ["carol.wu", "dan.ho"]);
}

#[test]
fn a_lost_secret_is_reported_not_shown_as_already_there() {
    let env = demo();
    let (_, intent) = flows(&env).remove(1);
    let p = plan(&intent).unwrap();
    let mut runner = Runner::new(p.steps.clone());
    let run = env.drive(&mut runner, &mut |action| action == "CreateAccessKey");
    assert!(run.secrets.is_empty());
    runner.resume();
    let run = env.drive(&mut runner, &mut |_| false);
    assert!(
        matches!(&run.events[..], [.., Event::Failed { code, .. }] if code == SECRET_UNKNOWN),
        "{:?}",
        run.events
    );
    assert!(run.secrets.is_empty());
}

#[test]
fn two_shares_to_the_same_account_do_not_collide_and_mfa_gives_a_console_user() {
    let env = demo();
    let share = |role: &str, user: &str, mfa: bool| {
        let (_, mut intent) = flows(&env).remove(3);
        if let Intent::ShareWithAccount(s) = &mut intent {
            s.owner.role = role.into();
            s.owner.require_mfa = mfa;
            s.accessing.as_mut().unwrap().user = user.into();
        }
        plan(&intent).unwrap()
    };
    let first = env.run(&share("arms-viewer", "reader-1", false));
    assert!(first.states.iter().all(|s| *s == StepState::Done));
    // A second role shared with the same account: its own policy name, no conflict.
    let p = share("arms-operator", "reader-2", true);
    assert!(p.steps.iter().any(
        |s| matches!(&s.call, Call::CreatePolicy(c) if c.policy_name == "ramp-assume-arms-operator")
    ));
    // The role requires MFA: B's user signs in to the console with MFA; an
    // AccessKey could never meet the condition, so none is created.
    let actions: Vec<&str> = p
        .steps
        .iter()
        .filter(|s| s.account == env.b())
        .map(|s| s.action())
        .collect();
    assert!(actions.contains(&"CreateLoginProfile"), "{actions:?}");
    assert!(!actions.contains(&"CreateAccessKey"), "{actions:?}");
    let login = p
        .steps
        .iter()
        .find_map(|s| match &s.call {
            Call::CreateLoginProfile(c) => Some(c),
            _ => None,
        })
        .unwrap();
    assert_eq!(login.mfa_bind_required, Some(true));
    let second = env.run(&p);
    assert!(
        second.states.iter().all(|s| *s == StepState::Done),
        "{:?}",
        second.events
    );
}

#[test]
fn a_name_taken_by_something_else_stops_the_run_before_anything_is_created() {
    let env = demo();
    let (_, intent) = flows(&env).remove(3);
    // Account B already has a policy of the planned name, with another document.
    env.call(
        &env.admin_b(),
        &ramp_core::api::ram::CreatePolicy {
            policy_name: "ramp-assume-arms-viewer".into(),
            policy_document: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}"#.into(),
            description: None,
        },
    )
    .unwrap();
    let p = plan(&intent).unwrap();
    let run = env.run(&p);
    let failed = run.events.iter().find_map(|e| match e {
        Event::Failed { step, code, .. } => Some((*step, code.clone())),
        _ => None,
    });
    let (step, failed_code) = failed.expect("the run stops");
    assert_eq!(failed_code, CONFLICT);
    assert_eq!(p.steps[step].action(), "CreatePolicy");
    // Nothing was created: not the role in A (the plan's first step), not the user in B.
    assert!(
        run.states.iter().all(|s| !matches!(s, StepState::Done)),
        "{:?}",
        run.states
    );
    let role = env.call(
        &env.admin_a(),
        &ramp_core::api::ram::GetRole {
            role_name: "arms-viewer".into(),
        },
    );
    assert_eq!(code(role), "EntityNotExist.Role");
}
