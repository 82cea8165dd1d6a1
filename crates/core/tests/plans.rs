//! Plans of the example intents: the calls, their order, accounts, secrets and findings.

#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{load, param};

use ramp_core::plan::{plan, Entity, Intent, Plan, SecretInput};
use ramp_core::policy::lint::{Code, Kind};

fn actions(p: &Plan) -> Vec<String> {
    p.steps.iter().map(|s| s.action().to_owned()).collect()
}

#[test]
fn teammate_console_at_resource_group_scope() {
    let p = load("teammate-console");
    assert_eq!(
        actions(&p),
        [
            "CreatePolicy",
            "CreatePolicy",
            "GetPasswordPolicy",
            "CreateUser",
            "CreateLoginProfile",
            "AttachPolicy",
            "AttachPolicy",
            "AttachPolicyToUser",
            "CreateUser",
            "CreateLoginProfile",
            "AttachPolicy",
            "AttachPolicy",
            "AttachPolicyToUser",
        ]
    );
    let login = &p.steps[4];
    assert_eq!(login.secret_input, Some(SecretInput::Password));
    assert!(
        param(login, "Password").as_deref().is_none(),
        "no password in a plan"
    );
    assert_eq!(param(login, "MFABindRequired").as_deref(), Some("true"));
    assert_eq!(login.depends_on, [3, 2]);
    let rg = &p.steps[5];
    assert_eq!(rg.call.service().code(), "resourcemanager");
    assert_eq!(
        param(rg, "PrincipalName").as_deref(),
        Some("alice@demo-a.onaliyun.com")
    );
    assert_eq!(param(rg, "ResourceGroupId").as_deref(), Some("rg-aek2shop"));
    assert_eq!(
        param(rg, "PolicyName").as_deref(),
        Some("AliyunARMSReadOnlyAccess")
    );
    assert_eq!(
        param(&p.steps[6], "PolicyName").as_deref(),
        Some("ramp-arms-read-trace-app")
    );
    assert!(p.steps.iter().all(|s| s.account == "1111111111111111"));
    assert_eq!(p.documents.len(), 2);
    assert!(
        p.documents[0].text.contains("armsapp/shop-*")
            && p.documents[0].text.contains("armsweb/shop-web")
    );
    assert!(
        !p.findings.iter().any(|f| f.code == Code::W007),
        "the ReadTraceApp grant is planned: {:?}",
        p.findings
    );
}

#[test]
fn programmatic_access_returns_a_secret_once() {
    let p = load("teammate-programmatic");
    assert_eq!(
        actions(&p),
        ["CreateUser", "CreateAccessKey", "AttachPolicyToUser"]
    );
    assert!(p.steps[1].returns_secret);
    assert_eq!(
        p.steps[1].creates,
        Some(Entity::AccessKey {
            user: "prom-exporter".into(),
            besides: Vec::new()
        })
    );
}

#[test]
fn share_with_account_runs_in_two_accounts() {
    let p = load("share-with-account");
    assert_eq!(
        actions(&p),
        [
            "CreateRole",
            "AttachPolicyToRole",
            "CreateUser",
            "CreateAccessKey",
            "CreatePolicy",
            "AttachPolicyToUser"
        ]
    );
    let role = p.steps.iter().find(|s| s.action() == "CreateRole").unwrap();
    assert_eq!(role.account, "1111111111111111");
    assert_eq!(param(role, "MaxSessionDuration").as_deref(), Some("7200"));
    let trust = param(role, "AssumeRolePolicyDocument").unwrap();
    assert!(
        trust.contains("acs:ram::2222222222222222:root")
            && trust.contains("\"sts:ExternalId\":\"ramp-7f3c9a\"")
    );
    let b: Vec<&str> = p
        .steps
        .iter()
        .filter(|s| s.account == "2222222222222222")
        .map(|s| s.action())
        .collect();
    assert_eq!(
        b,
        [
            "CreateUser",
            "CreateAccessKey",
            "CreatePolicy",
            "AttachPolicyToUser"
        ]
    );
    let assume = p
        .documents
        .iter()
        .find(|d| d.name == "assume-arms-viewer")
        .unwrap();
    assert!(assume
        .text
        .contains("acs:ram::1111111111111111:role/arms-viewer"));
    assert!(p
        .documents
        .iter()
        .any(|d| d.kind == Kind::Trust && d.name == "arms-viewer"));
}

#[test]
fn verify_uses_the_assumed_credentials() {
    let p = load("verify-access");
    assert_eq!(actions(&p), ["AssumeRole", "GetCallerIdentity"]);
    assert!(p.steps[0].returns_secret);
    assert_eq!(p.steps[1].credentials_from, Some(0));
}

#[test]
fn plans_round_trip_through_json() {
    for name in [
        "teammate-console",
        "teammate-programmatic",
        "team-group",
        "share-with-account",
        "verify-access",
    ] {
        let p = load(name);
        assert_eq!(Plan::from_json(&p.to_json()).unwrap(), p, "{name}");
    }
}

#[test]
fn the_accessing_side_of_a_share_splits_off_renumbered() {
    let intent: Intent = serde_json::from_str(
        r#"{"flow":"share-with-account","owner":{"account":{"id":"1680000000000001"},"role":"arms-viewer","trusted-account":"1680000000000002","trusted":{"who":"account"},"external-id":"ext-123456","arms":"read-only"},"accessing":{"account":{"id":"1680000000000002"},"user":"arms-reader"}}"#,
    )
    .unwrap();
    let full = plan(&intent).unwrap();
    let b = full.for_account("1680000000000002").unwrap();
    assert!(b.steps.iter().all(|s| s.account == "1680000000000002"));
    assert_eq!(
        b.steps.len(),
        full.steps
            .iter()
            .filter(|s| s.account == "1680000000000002")
            .count()
    );
    assert!(!b.steps.is_empty());
    for (i, s) in b.steps.iter().enumerate() {
        assert_eq!(s.id, i);
        assert!(s.depends_on.iter().all(|d| *d < i), "{s:?}");
    }
    assert!(
        b.documents.iter().all(|d| d.kind != Kind::Trust),
        "A's trust policy is not B's business"
    );
    assert!(b.steps.iter().any(|s| s.action() == "CreateAccessKey"));
}

#[test]
fn both_kinds_of_access_give_a_password_and_a_key() {
    let text = r#"{
      "flow": "teammate-access",
      "account": { "id": "1111111111111111", "alias": "demo-a" },
      "users": [ { "name": "carol" } ],
      "access": { "mode": "both", "mfa-required": false },
      "arms": "full"
    }"#;
    let intent: Intent = serde_json::from_str(text).unwrap();
    let p = plan(&intent).unwrap();
    assert_eq!(
        actions(&p),
        [
            "GetPasswordPolicy",
            "CreateUser",
            "CreateLoginProfile",
            "CreateAccessKey",
            "AttachPolicyToUser"
        ]
    );
    assert_eq!(
        param(&p.steps[2], "MFABindRequired").as_deref(),
        Some("false")
    );
    assert_eq!(
        param(&p.steps[2], "PasswordResetRequired").as_deref(),
        Some("true")
    );
    assert!(p.steps[3].returns_secret);
}

#[test]
fn a_team_group_with_new_members_creates_them_before_adding_them() {
    let text = r#"{
      "flow": "team-group",
      "account": { "id": "1111111111111111" },
      "group": "arms-team",
      "arms": "read-only",
      "members": ["alice"],
      "new-members": [ { "name": "dave" } ]
    }"#;
    let intent: Intent = serde_json::from_str(text).unwrap();
    let p = plan(&intent).unwrap();
    assert_eq!(
        actions(&p),
        [
            "CreateGroup",
            "AttachPolicyToGroup",
            "GetPasswordPolicy",
            "CreateUser",
            "CreateLoginProfile",
            "AddUserToGroup",
            "AddUserToGroup"
        ]
    );
    assert_eq!(param(&p.steps[5], "UserName").as_deref(), Some("alice"));
    assert_eq!(param(&p.steps[6], "UserName").as_deref(), Some("dave"));
    assert_eq!(p.steps[6].depends_on, [0, 3]);
    // Written back, the intent reads the same and keeps the default out.
    let back = serde_json::to_string(&intent).unwrap();
    assert!(!back.contains("new-member-access"), "{back}");
    assert_eq!(serde_json::from_str::<Intent>(&back).unwrap(), intent);
}

#[cfg(not(target_arch = "wasm32"))]
mod round_trip {
    //! Property (issue 21): every plan survives JSON export and re-import
    //! unchanged, for generated intents of every kind, access mode, ARMS
    //! level and scope.

    use proptest::prelude::*;
    use ramp_core::plan::intent::*;
    use ramp_core::plan::{plan, Intent, Plan};

    fn account() -> Account {
        Account {
            id: "1111111111111111".into(),
            alias: Some("demo".into()),
        }
    }

    fn intent(kind: u8, names: Vec<String>, console: bool, level: usize, rg: bool) -> Intent {
        let arms = ArmsAccess::ALL[level % ArmsAccess::ALL.len()];
        let scope = Scope {
            resource_group: rg.then(|| "rg-aek2shop".into()),
        };
        let users: Vec<NewUser> = names
            .iter()
            .map(|n| NewUser {
                name: n.clone(),
                display_name: Some(format!("{n} of the team")),
                email: None,
            })
            .collect();
        let access = if console {
            Access::Console {
                reset_required: true,
                mfa_required: false,
            }
        } else {
            Access::Programmatic
        };
        match kind % 3 {
            0 => Intent::TeammateAccess(TeammateAccess {
                account: account(),
                users,
                access,
                arms,
                scope,
                apps: None,
            }),
            1 => Intent::TeamGroup(TeamGroup {
                account: account(),
                group: format!("{}-team", names[0]),
                comments: Some("on call".into()),
                arms,
                scope,
                members: vec![],
                new_members: users,
                new_member_access: access,
                apps: None,
            }),
            _ => Intent::ShareWithAccount(ShareWithAccount {
                owner: OwnerSide {
                    account: account(),
                    role: format!("{}-role", names[0]),
                    description: Some("shared ARMS".into()),
                    max_session_duration: 7200,
                    trusted_account: "2222222222222222".into(),
                    trusted: Trusted::Account,
                    external_id: Some("ramp-ext-9".into()),
                    require_mfa: !console,
                    source_ips: vec!["203.0.113.0/24".into()],
                    arms,
                    scope,
                },
                accessing: Some(AccessingSide {
                    account: Account {
                        id: "2222222222222222".into(),
                        alias: None,
                    },
                    user: names[0].clone(),
                    least_privilege: rg,
                    policy_name: None,
                }),
            }),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn every_plan_survives_json_export_and_reimport(
            kind in 0u8..3,
            names in proptest::collection::btree_set("[a-z][a-z0-9-]{1,12}", 1..4),
            console in any::<bool>(),
            level in 0usize..4,
            rg in any::<bool>(),
        ) {
            let intent = intent(kind, names.into_iter().collect(), console, level, rg);
            let p = plan(&intent).unwrap();
            let json = p.to_json();
            let back = Plan::from_json(&json).unwrap();
            prop_assert_eq!(&back, &p);
            prop_assert_eq!(back.to_json(), json);
        }
    }
}

#[test]
fn a_plan_file_is_read_through_the_typed_calls_and_their_rules() {
    let p = load("teammate-console");
    let json = p.to_json();
    let edited = |from: &str, to: &str| {
        assert!(json.contains(from), "{from}");
        Plan::from_json(&json.replacen(from, to, 1))
    };
    // An unknown action, or one in the wrong service, names the step.
    let e = edited("\"action\": \"CreateUser\"", "\"action\": \"CreateUsers\"").unwrap_err();
    assert!(e.contains("unknown action `CreateUsers` in ram"), "{e}");
    let e = edited("\"service\": \"ram\"", "\"service\": \"ecs\"").unwrap_err();
    assert!(e.contains("unknown service `ecs`"), "{e}");
    // A parameter that breaks the service's rule is refused with the rule.
    let e = edited(
        "\"UserName\",\n          \"alice\"",
        "\"UserName\",\n          \"alice smith\"",
    )
    .unwrap_err();
    assert!(e.starts_with("step ") && e.contains("UserName"), "{e}");
    // A password written into a plan file is refused, never sent.
    let e = edited(
        "\"PasswordResetRequired\",",
        "\"Password\",\n          \"hunter2-Hunter2\"\n        ],\n        [\n          \"PasswordResetRequired\",",
    );
    let login = p
        .steps
        .iter()
        .position(|s| s.secret_input.is_some())
        .unwrap();
    match e {
        Err(e) => assert!(e.contains("never holds a password"), "{e}"),
        Ok(back) => panic!(
            "read a password into step {login}: {:?}",
            back.steps[login].secret_input
        ),
    }
    // A secret input on a call without a password, or none on one with it.
    let e = edited("\"secret-input\": \"password\",", "").unwrap_err();
    assert!(
        e.contains("\"Password\"") && e.contains("MissingParameter"),
        "{e}"
    );
}
