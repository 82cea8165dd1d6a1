//! Property: whatever secrets a run hands out or takes in — generated passwords,
//! AccessKey secrets, STS tokens — none appears in the plan, its JSON, its
//! exports, the runner's events or its debug output.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use ramp_core::credentials::Secret;
use ramp_core::plan::export::{export, Format};
use ramp_core::plan::intent::*;
use ramp_core::plan::runner::{Next, Purpose, Runner};
use ramp_core::plan::{plan, Intent, SecretInput};

fn intent(users: Vec<String>, console: bool, rg: bool, share: bool) -> Intent {
    let account = Account {
        id: "1111111111111111".into(),
        alias: Some("demo".into()),
    };
    if share {
        return Intent::ShareWithAccount(ShareWithAccount {
            owner: OwnerSide {
                account,
                role: format!("{}-role", users[0]),
                description: None,
                max_session_duration: 3600,
                trusted_account: "2222222222222222".into(),
                trusted: Trusted::Account,
                external_id: Some("ramp-ext-1".into()),
                require_mfa: false,
                source_ips: vec![],
                arms: ArmsAccess::ReadOnly,
                scope: Scope {
                    resource_group: rg.then(|| "rg-aek2shop".into()),
                },
            },
            accessing: Some(AccessingSide {
                account: Account {
                    id: "2222222222222222".into(),
                    alias: None,
                },
                user: users[0].clone(),
                least_privilege: true,
                policy_name: Some("assume-one".into()),
            }),
        });
    }
    Intent::TeammateAccess(TeammateAccess {
        account,
        users: users
            .into_iter()
            .map(|name| NewUser {
                name,
                display_name: None,
                email: None,
            })
            .collect(),
        access: if console {
            Access::Console {
                reset_required: true,
                mfa_required: true,
            }
        } else {
            Access::Programmatic
        },
        arms: ArmsAccess::ReadOnly,
        scope: Scope {
            resource_group: rg.then(|| "rg-aek2shop".into()),
        },
        apps: None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn no_secret_leaks_into_plans_exports_or_events(
        users in proptest::collection::btree_set("[a-z][a-z0-9]{2,10}", 1..4),
        console in any::<bool>(),
        rg in any::<bool>(),
        share in any::<bool>(),
        secret in "[A-Za-z0-9]{24,40}",
    ) {
        let users: Vec<String> = users.into_iter().collect();
        let p = plan(&intent(users, console, rg, share)).unwrap();
        let password = Secret::new(format!("Pw-{secret}"));
        let ak_secret = format!("Ak{secret}");
        let token = format!("Tok{secret}");
        let mut r = Runner::new(p.steps.clone());
        let mut seen = Vec::new();
        let mut handed = 0;
        loop {
            match r.next() {
                Next::Send(o) => {
                    if o.needs == Some(SecretInput::Password) {
                        let signed = r.supply_password(&o, password.clone());
                        prop_assert!(signed.form.iter().any(|(k, v)| k == "Password" && v == password.expose()));
                        prop_assert!(!signed.params.iter().any(|(_, v)| v == password.expose()));
                    }
                    let body = match o.request.action.as_str() {
                        "CreateAccessKey" => format!(r#"{{"RequestId":"r","AccessKey":{{"AccessKeyId":"LTAI5tKey","AccessKeySecret":"{ak_secret}"}}}}"#),
                        "AssumeRole" => format!(r#"{{"RequestId":"r","Credentials":{{"AccessKeyId":"STS.x","AccessKeySecret":"{ak_secret}","SecurityToken":"{token}","Expiration":"2026-01-01T00:00:00Z"}}}}"#),
                        _ => r#"{"RequestId":"r"}"#.to_owned(),
                    };
                    // A fresh account: every name check finds nothing.
                    let fed = if o.purpose == Purpose::Check {
                        r.feed(o.step, 404, r#"{"RequestId":"r","Code":"EntityNotExist.User","Message":"none"}"#)
                    } else {
                        r.feed(o.step, 200, &body)
                    };
                    handed += usize::from(fed.secret.is_some());
                    seen.push(format!("{:?}", fed.events));
                    seen.push(serde_json::to_string(&fed.events).unwrap());
                }
                Next::Wait { .. } => {}
                Next::Finished | Next::Stopped { .. } => break,
            }
        }
        prop_assert_eq!(handed, p.steps.iter().filter(|s| s.returns_secret || s.secret_input.is_some()).count());
        seen.push(format!("{r:?}"));
        seen.push(format!("{p:?}"));
        seen.push(p.to_json());
        for f in [Format::Cli, Format::Terraform, Format::Ros, Format::Json, Format::Profile] {
            if let Ok(text) = export(&p, f) {
                seen.push(text);
            }
        }
        for text in &seen {
            prop_assert!(!text.contains(password.expose()));
            prop_assert!(!text.contains(&ak_secret));
            prop_assert!(!text.contains(&token));
        }
    }
}
