//! The runner driven with scripted answers: the exact calls and events for
//! success, already-there, conflict, throttling, transient NoPermission, and a
//! failure mid-way followed by the rollback.

#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{load, param};

use ramp_core::credentials::Secret;
use ramp_core::plan::runner::{
    Event, HandedSecret, Next, Outgoing, Purpose, Runner, StepState, FIRST_DELAY_MS, MAX_ATTEMPTS,
};
use ramp_core::plan::{Plan, SecretInput};

fn send(r: &mut Runner) -> Outgoing {
    match r.next() {
        Next::Send(o) => *o,
        other => panic!("expected a request, got {other:?}"),
    }
}

const OK: &str = r#"{"RequestId":"ok"}"#;

/// A runner on a fresh account: the name checks before the first write all
/// find nothing (404); returns the runner and the first write it hands out.
fn start(p: &Plan) -> (Runner, Outgoing) {
    let mut r = Runner::new(p.steps.clone());
    for _ in 0..p.steps.len() + 1 {
        let o = send(&mut r);
        if o.purpose == Purpose::Apply {
            return (r, o);
        }
        assert_eq!(
            r.feed(o.step, 404, &error("EntityNotExist.User")).events,
            [Event::Pending { step: o.step }]
        );
    }
    panic!("no write after the name checks");
}

fn error(code: &str) -> String {
    format!(r#"{{"RequestId":"e","Code":"{code}","Message":"scripted"}}"#)
}

#[test]
fn success_hands_the_access_key_secret_out_once() {
    let p = load("teammate-programmatic");
    // The user's name is checked before anything is written.
    let mut r = Runner::new(p.steps.clone());
    let check = send(&mut r);
    assert_eq!(
        (check.step, check.request.action.as_str(), check.purpose),
        (0, "GetUser", Purpose::Check)
    );
    let (mut r, o) = start(&p);
    assert_eq!(
        (o.step, o.request.action.as_str(), o.purpose),
        (0, "CreateUser", Purpose::Apply)
    );
    assert_eq!(
        o.request.params,
        [
            ("UserName".to_owned(), "prom-exporter".to_owned()),
            ("DisplayName".to_owned(), "Prometheus exporter".to_owned())
        ]
    );
    assert_eq!(
        r.feed(
            0,
            200,
            r#"{"RequestId":"1","User":{"UserId":"1","UserName":"prom-exporter"}}"#
        )
        .events,
        [Event::Done { step: 0 }]
    );
    let o = send(&mut r);
    assert_eq!(o.request.action, "CreateAccessKey");
    let fed = r.feed(1, 200, r#"{"RequestId":"2","AccessKey":{"AccessKeyId":"LTAI5tNew","AccessKeySecret":"handed-once","Status":"Active"}}"#);
    assert_eq!(fed.events, [Event::Done { step: 1 }]);
    match fed.secret {
        Some(HandedSecret::AccessKey {
            user,
            access_key_id,
            secret,
        }) => {
            assert_eq!(
                (user.as_str(), access_key_id.as_str(), secret.expose()),
                ("prom-exporter", "LTAI5tNew", "handed-once")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        !format!("{r:?}").contains("handed-once"),
        "the runner keeps no secret"
    );
    let o = send(&mut r);
    assert_eq!(
        (o.request.action.as_str(), o.request.params[0].1.as_str()),
        ("AttachPolicyToUser", "System")
    );
    r.feed(2, 200, OK);
    assert_eq!(r.next(), Next::Finished);
    assert!(r.states().iter().all(|s| *s == StepState::Done));
}

#[test]
fn console_passwords_are_added_by_the_caller_and_policy_is_read_first() {
    let p = load("teammate-console");
    let (mut r, first) = start(&p);
    for i in 0..3 {
        let o = if i == 0 { first.clone() } else { send(&mut r) };
        let body = if o.request.action == "GetPasswordPolicy" {
            r#"{"RequestId":"p","PasswordPolicy":{"MinimumPasswordLength":20,"RequireSymbols":true}}"#
        } else {
            OK
        };
        r.feed(i, 200, body);
    }
    assert_eq!(r.password_policy().unwrap().minimum_password_length, 20);
    send(&mut r);
    r.feed(3, 200, OK);
    let o = send(&mut r);
    assert_eq!(
        (o.request.action.as_str(), o.needs),
        ("CreateLoginProfile", Some(SecretInput::Password))
    );
    assert!(!o.request.params.iter().any(|(k, _)| k == "Password"));
    let signed = r.supply_password(&o, Secret::new("Generated-Pass-2026!"));
    // In the signed form body, never in the query string.
    assert!(signed
        .form
        .contains(&("Password".to_owned(), "Generated-Pass-2026!".to_owned())));
    assert!(!signed.params.iter().any(|(k, _)| k == "Password"));
    assert!(
        !format!("{r:?}").contains("Generated-Pass-2026!"),
        "held, never printed"
    );
    // Handed back only with the service's acceptance.
    match r.feed(o.step, 200, OK).secret {
        Some(HandedSecret::Password { user, password }) => {
            assert_eq!(
                (user.as_str(), password.expose()),
                ("alice", "Generated-Pass-2026!")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_password_the_service_refused_is_never_handed_back() {
    let p = load("teammate-console");
    let (mut r, first) = start(&p);
    r.feed(first.step, 200, OK);
    let o = loop {
        let o = send(&mut r);
        if o.needs.is_some() {
            break o;
        }
        r.feed(o.step, 200, OK);
    };
    r.supply_password(&o, Secret::new("Too-Weak"));
    let fed = r.feed(o.step, 400, &error("InvalidParameter.Password"));
    assert!(fed.secret.is_none());
    assert!(
        matches!(&fed.events[..], [Event::Failed { code, .. }] if code == "InvalidParameter.Password")
    );
    // An existing login profile with the plan's settings: already there, no password.
    r.resume();
    let o = send(&mut r);
    r.supply_password(&o, Secret::new("Generated-Pass-2026!"));
    assert!(r
        .feed(o.step, 409, &error("EntityAlreadyExists.User.LoginProfile"))
        .events
        .is_empty());
    let check = send(&mut r);
    assert_eq!(
        (check.request.action.as_str(), check.purpose),
        ("GetLoginProfile", Purpose::Check)
    );
    let fed = r.feed(o.step, 200, r#"{"RequestId":"g","LoginProfile":{"UserName":"alice","PasswordResetRequired":true,"MFABindRequired":true}}"#);
    assert_eq!(fed.events, [Event::AlreadyThere { step: o.step }]);
    assert!(fed.secret.is_none());
}

#[test]
fn an_existing_role_that_matches_is_already_there_and_one_that_differs_is_a_conflict() {
    let p = load("share-with-account");
    let trust = param(&p.steps[0], "AssumeRolePolicyDocument").unwrap();
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&trust).unwrap())
            .unwrap();
    let role = |doc: &str, max: u32| {
        serde_json::json!({"RequestId":"g","Role":{"RoleName":"arms-viewer","AssumeRolePolicyDocument":doc,"MaxSessionDuration":max}}).to_string()
    };

    // The role is read (GetRole) and found as planned: already there.
    let role_read_finds_it_as_planned = |r: &mut Runner| {
        let check = send(r);
        assert_eq!(
            (check.step, check.request.action.as_str(), check.purpose),
            (0, "GetRole", Purpose::Check)
        );
        assert_eq!(
            r.feed(0, 200, &role(&pretty, 7200)).events,
            [Event::AlreadyThere { step: 0 }]
        );
    };

    // The name check finds the role as planned: already there, never created.
    let mut r = Runner::new(p.steps.clone());
    role_read_finds_it_as_planned(&mut r);
    let writes = loop {
        let o = send(&mut r);
        if o.purpose == Purpose::Apply {
            break o;
        }
        r.feed(o.step, 404, &error("EntityNotExist.User"));
    };
    assert_eq!(writes.request.action, "AttachPolicyToRole");
    assert_eq!(
        r.feed(1, 409, &error("EntityAlreadyExists.Role.Policy"))
            .events,
        [Event::AlreadyThere { step: 1 }]
    );

    // Created by someone else between the check and the write: the
    // EntityAlreadyExists answer is checked the same way.
    let (mut r, o) = start(&p);
    assert_eq!(o.request.action, "CreateRole");
    assert!(r
        .feed(0, 409, &error("EntityAlreadyExists.Role"))
        .events
        .is_empty());
    role_read_finds_it_as_planned(&mut r);

    // A role of that name that differs: the run stops at the name check,
    // before anything is written, and says what differs.
    let mut r = Runner::new(p.steps.clone());
    send(&mut r);
    let other = trust.replace("2222222222222222", "3333333333333333");
    let fed = r.feed(0, 200, &role(&other, 7200));
    match &fed.events[..] {
        [Event::Failed {
            step: 0,
            code,
            message_en,
            message_zh,
            differences,
        }] => {
            assert_eq!(code, "Ramp.Conflict");
            assert!(message_en.contains("differs from the plan") && message_zh.contains("不一致"));
            assert_eq!(differences.len(), 1, "{differences:?}");
            assert_eq!(differences[0].field, "AssumeRolePolicyDocument");
            assert!(differences[0].account.contains("3333333333333333"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(r.next(), Next::Stopped { step: 0 });
    assert!(
        r.rollback().is_empty(),
        "nothing was created, nothing is undone"
    );
}

#[test]
fn throttling_is_retried_with_growing_delays_then_gives_up() {
    let p = load("teammate-programmatic");
    let (mut r, _) = start(&p);
    assert_eq!(
        r.feed(0, 400, &error("Throttling.User")).events,
        [Event::Retrying {
            step: 0,
            attempt: 1,
            delay_ms: FIRST_DELAY_MS,
            code: "Throttling.User".into()
        }]
    );
    assert_eq!(
        r.next(),
        Next::Wait {
            step: 0,
            delay_ms: 2_000
        }
    );
    assert_eq!(send(&mut r).step, 0);
    assert_eq!(r.feed(0, 200, OK).events, [Event::Done { step: 0 }]);

    let (mut r, _) = start(&p);
    let mut delays = Vec::new();
    for _ in 1..MAX_ATTEMPTS {
        r.feed(0, 503, &error("ServiceUnavailable"));
        match r.next() {
            Next::Wait { delay_ms, .. } => delays.push(delay_ms),
            other => panic!("{other:?}"),
        }
        send(&mut r);
    }
    assert_eq!(delays, [2_000, 4_000, 8_000, 16_000, 32_000]);
    assert!(matches!(
        r.feed(0, 503, &error("ServiceUnavailable")).events[..],
        [Event::Failed { step: 0, .. }]
    ));
}

#[test]
fn no_permission_is_retried_only_after_this_run_wrote_something() {
    let p = load("teammate-programmatic");
    let (mut r, _) = start(&p);
    let fed = r.feed(0, 403, &error("NoPermission"));
    assert!(matches!(&fed.events[..], [Event::Failed { code, .. }] if code == "NoPermission"));

    let (mut r, _) = start(&p);
    r.feed(0, 200, OK);
    send(&mut r);
    r.feed(
        1,
        200,
        r#"{"RequestId":"2","AccessKey":{"AccessKeyId":"LTAI5tNew","AccessKeySecret":"s"}}"#,
    );
    send(&mut r);
    assert!(matches!(
        r.feed(2, 403, &error("NoPermission")).events[..],
        [Event::Retrying {
            step: 2,
            attempt: 1,
            ..
        }]
    ));
}

#[test]
fn a_failure_mid_way_stops_and_the_rollback_undoes_exactly_this_run() {
    let p = load("teammate-console");
    let (mut r, first) = start(&p);
    // Policies, password policy, alice, her login profile, her read-only grant: done.
    // The ReadTraceApp policy already existed (matching), so it is not rolled back.
    for i in 0..6 {
        let o = if i == 0 { first.clone() } else { send(&mut r) };
        assert_eq!(o.step, i);
        if i == 1 {
            r.feed(1, 409, &error("EntityAlreadyExists.Policy"));
            let check = send(&mut r);
            assert_eq!(check.request.action, "GetPolicy");
            let doc = param(&p.steps[1], "PolicyDocument").unwrap();
            let body = serde_json::json!({"RequestId":"g","Policy":{"PolicyName":"ramp-arms-read-trace-app","PolicyType":"Custom"},"DefaultPolicyVersion":{"VersionId":"v1","IsDefaultVersion":true,"PolicyDocument":doc}}).to_string();
            assert_eq!(
                r.feed(1, 200, &body).events,
                [Event::AlreadyThere { step: 1 }]
            );
        } else {
            r.feed(i, 200, OK);
        }
    }
    assert_eq!(send(&mut r).step, 6);
    r.feed(6, 404, &error("EntityNotExist.Policy"));
    assert_eq!(r.next(), Next::Stopped { step: 6 });

    let undo = r.rollback();
    let calls: Vec<(String, String)> = undo
        .iter()
        .map(|s| {
            (
                s.action().to_owned(),
                s.public_params()
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            ("DetachPolicy".to_owned(), "PolicyName=AliyunARMSReadOnlyAccess PolicyType=System PrincipalType=IMSUser PrincipalName=alice@demo-a.onaliyun.com ResourceGroupId=rg-aek2shop".to_owned()),
            ("DeleteLoginProfile".to_owned(), "UserName=alice".to_owned()),
            ("DeleteUser".to_owned(), "UserName=alice".to_owned()),
            ("DeletePolicy".to_owned(), "PolicyName=arms-shop-apps".to_owned()),
        ]
    );
    let mut back = Runner::new(undo);
    for i in 0..4 {
        send(&mut back);
        back.feed(i, 200, OK);
    }
    assert_eq!(back.next(), Next::Finished);
}

#[test]
fn a_stopped_run_resumes_at_the_step_that_failed_or_never_answered() {
    let p = load("teammate-programmatic");
    let (mut r, o) = start(&p);
    r.feed(
        o.step,
        200,
        r#"{"RequestId":"1","User":{"UserName":"prom-exporter"}}"#,
    );
    // The next request is handed out and its answer never comes (the network failed).
    let lost = send(&mut r);
    assert_eq!(lost.request.action, "CreateAccessKey");
    assert_eq!(r.states()[1], StepState::Running);
    r.resume();
    assert_eq!(r.states()[..2], [StepState::Done, StepState::Pending]);
    // A key may have been created by the lost call: look before adding one.
    let look = send(&mut r);
    assert_eq!(
        (look.step, look.request.action.as_str(), look.purpose),
        (1, "ListAccessKeys", Purpose::Check)
    );
    assert!(r
        .feed(1, 200, r#"{"RequestId":"l","AccessKeys":{"AccessKey":[]}}"#)
        .events
        .is_empty());
    let again = send(&mut r);
    assert_eq!(
        (again.step, again.request.action.as_str()),
        (1, "CreateAccessKey")
    );
    // A failure resumes the same way, and the rollback still covers the first user.
    r.feed(1, 400, &error("LimitExceeded.AccessKey"));
    assert_eq!(r.next(), Next::Stopped { step: 1 });
    r.resume();
    assert_eq!(send(&mut r).step, 1);
    let fed = r.no_answer(1, "offline");
    assert!(
        matches!(&fed.events[..], [Event::Failed { code, .. }] if code == ramp_core::plan::runner::NO_ANSWER)
    );
    assert!(!r.states().contains(&StepState::Running));
    assert_eq!(r.rollback().last().map(|s| s.action()), Some("DeleteUser"));
}
