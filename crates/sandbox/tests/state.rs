//! `--state`: every change an operation makes is in the saved rows. Each
//! operation that changes an account runs once (renames and cascading
//! deletes too) against a sandbox saving to a state file; the file, opened
//! again, holds exactly the state the sandbox had.

#![allow(clippy::result_large_err)]

mod common;

use std::cell::Cell;

use common::*;
use ramp_core::api::ram::*;
use ramp_core::api::rm::{AttachPolicy, DetachPolicy};
use ramp_core::api::sts::{AssumeRole, GetCallerIdentity};
use ramp_core::credentials::Secret;
use ramp_sandbox::rows::grant_key;
use ramp_sandbox::store::Store;
use ramp_sandbox::world::World;
use ramp_sandbox::{seed, Options, Sandbox};

fn with_state(path: &std::path::Path) -> Env {
    let seed = seed::demo(T0);
    let (store, saved) = Store::open(path).unwrap();
    let world = saved.unwrap_or_else(|| {
        store.save_now(&seed.world).unwrap();
        seed.world.clone()
    });
    Env {
        sandbox: Sandbox::with_store(world, Options::default(), store),
        seed,
        now: Cell::new(T0),
    }
}

/// Attachments compared as a set: a renamed user's rows are written anew,
/// so they load after the others.
fn canonical(mut world: World) -> World {
    for a in world.accounts.values_mut() {
        a.grants.sort_by_key(grant_key);
    }
    world
}

fn trust(account: &str) -> String {
    format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{account}:root"]}}}}]}}"#
    )
}

fn ok<T>(r: Result<T, ramp_core::api::ApiError>) {
    if let Err(e) = r {
        panic!("{}: {}", e.code, e.message);
    }
}

const DOC: &str =
    r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;

#[test]
fn every_change_is_in_the_state_file_when_it_is_opened_again() {
    let dir = std::env::temp_dir().join(format!("ramp-state-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.db");
    let env = with_state(&path);
    let admin = env.admin_a();
    let a = env.a().to_owned();
    let user = |name: &str| CreateUser {
        user_name: name.into(),
        display_name: None,
        email: None,
        mobile_phone: None,
        comments: None,
    };
    let to_user = |name: &str, policy: &str, kind: &str| AttachPolicyToUser {
        policy_type: kind.into(),
        policy_name: policy.into(),
        user_name: name.into(),
        resource_group_id: None,
    };

    for name in ["ann", "cat"] {
        ok(env.call(&admin, &user(name)));
    }
    ok(env.call(
        &admin,
        &CreateLoginProfile {
            user_name: "ann".into(),
            password: Secret::new("Str0ng-pass-word!"),
            password_reset_required: Some(true),
            mfa_bind_required: None,
        },
    ));
    ok(env.call(
        &admin,
        &CreateLoginProfile {
            user_name: "cat".into(),
            password: Secret::new("Str0ng-pass-word!"),
            password_reset_required: None,
            mfa_bind_required: None,
        },
    ));
    ok(env.call(
        &admin,
        &DeleteLoginProfile {
            user_name: "cat".into(),
        },
    ));
    let ben = env.user_with_key(&admin, "ben");
    let spare = env
        .call(
            &admin,
            &CreateAccessKey {
                user_name: Some("cat".into()),
            },
        )
        .unwrap();
    ok(env.call(
        &admin,
        &DeleteAccessKey {
            user_name: Some("cat".into()),
            user_access_key_id: spare.access_key.access_key_id,
        },
    ));
    for g in ["ops", "gone"] {
        ok(env.call(
            &admin,
            &CreateGroup {
                group_name: g.into(),
                comments: None,
            },
        ));
        ok(env.call(
            &admin,
            &AddUserToGroup {
                user_name: "ann".into(),
                group_name: g.into(),
            },
        ));
    }
    ok(env.call(
        &admin,
        &AddUserToGroup {
            user_name: "cat".into(),
            group_name: "ops".into(),
        },
    ));
    ok(env.call(
        &admin,
        &RemoveUserFromGroup {
            user_name: "ann".into(),
            group_name: "gone".into(),
        },
    ));
    ok(env.call(
        &admin,
        &DeleteGroup {
            group_name: "gone".into(),
        },
    ));
    ok(env.call(
        &admin,
        &CreatePolicy {
            policy_name: "arms-get".into(),
            policy_document: DOC.into(),
            description: None,
        },
    ));
    for _ in 0..5 {
        ok(env.call(
            &admin,
            &CreatePolicyVersion {
                policy_name: "arms-get".into(),
                policy_document: DOC.into(),
                set_as_default: Some(true),
                rotate_strategy: Some("DeleteOldestNonDefaultVersionWhenLimitExceeded".into()),
            },
        ));
    }
    ok(env.call(
        &admin,
        &CreatePolicy {
            policy_name: "doomed".into(),
            policy_document: DOC.into(),
            description: None,
        },
    ));
    ok(env.call(
        &admin,
        &to_user("ann", "AliyunARMSReadOnlyAccess", "System"),
    ));
    ok(env.call(&admin, &to_user("cat", "arms-get", "Custom")));
    ok(env.call(&admin, &to_user("ann", "doomed", "Custom")));
    ok(env.call(&admin, &to_user("ben", "AliyunARMSFullAccess", "System")));
    ok(env.call(
        &admin,
        &DetachPolicyFromUser {
            policy_type: "System".into(),
            policy_name: "AliyunARMSFullAccess".into(),
            user_name: "ben".into(),
            resource_group_id: None,
        },
    ));
    ok(env.call(
        &admin,
        &AttachPolicyToGroup {
            policy_type: "System".into(),
            policy_name: "AliyunARMSReadOnlyAccess".into(),
            group_name: "ops".into(),
            resource_group_id: None,
        },
    ));
    let rg = env.seed.accounts[0].resource_groups[0].0.clone();
    for (policy, name) in [
        ("AliyunARMSFullAccess", "ann"),
        ("AliyunARMSReadOnlyAccess", "cat"),
    ] {
        ok(env.call(
            &admin,
            &AttachPolicy {
                policy_name: policy.into(),
                policy_type: "System".into(),
                principal_type: "IMSUser".into(),
                principal_name: format!("{name}@{}.onaliyun.com", env.seed.accounts[0].alias),
                resource_group_id: rg.clone(),
            },
        ));
    }
    ok(env.call(
        &admin,
        &DetachPolicy {
            policy_name: "AliyunARMSReadOnlyAccess".into(),
            policy_type: "System".into(),
            principal_type: "IMSUser".into(),
            principal_name: format!("cat@{}.onaliyun.com", env.seed.accounts[0].alias),
            resource_group_id: rg,
        },
    ));
    for role in ["viewer", "temp"] {
        ok(env.call(
            &admin,
            &CreateRole {
                role_name: role.into(),
                assume_role_policy_document: trust(&a),
                description: None,
                max_session_duration: None,
            },
        ));
    }
    ok(env.call(
        &admin,
        &UpdateRole {
            role_name: "viewer".into(),
            new_assume_role_policy_document: Some(trust(env.b())),
            new_max_session_duration: Some(7200),
            new_description: None,
        },
    ));
    ok(env.call(
        &admin,
        &AttachPolicyToRole {
            policy_type: "Custom".into(),
            policy_name: "doomed".into(),
            role_name: "temp".into(),
            resource_group_id: None,
        },
    ));
    ok(env.call(
        &admin,
        &DetachPolicyFromRole {
            policy_type: "Custom".into(),
            policy_name: "doomed".into(),
            role_name: "temp".into(),
            resource_group_id: None,
        },
    ));
    ok(env.call(
        &admin,
        &DeleteRole {
            role_name: "temp".into(),
        },
    ));
    ok(env
        .call(
            &admin,
            &AssumeRole {
                role_arn: format!("acs:ram::{a}:role/viewer"),
                role_session_name: "s1".into(),
                duration_seconds: None,
                policy: None,
                external_id: None,
            },
        )
        .map_err(|e| e.code)
        .err()
        .map_or(Ok(()), |code| {
            // Account A's admin is not trusted any more (the trust moved to B): refused, nothing saved.
            assert_eq!(code, "NoPermission");
            Ok(())
        }));
    ok(env.call(
        &env.admin_b(),
        &AssumeRole {
            role_arn: format!("acs:ram::{a}:role/viewer"),
            role_session_name: "s2".into(),
            duration_seconds: None,
            policy: None,
            external_id: None,
        },
    ));
    // ann is renamed: her attachments and her group move with her.
    ok(env.call(
        &admin,
        &UpdateUser {
            user_name: "ann".into(),
            new_user_name: Some("anne".into()),
            new_display_name: Some("Anne".into()),
            new_email: None,
            new_mobile_phone: None,
            new_comments: None,
        },
    ));
    // A cascading delete removes the policy and every attachment of it.
    ok(env.call(
        &admin,
        &DeletePolicy {
            policy_name: "doomed".into(),
            cascading_delete: Some(true),
        },
    ));
    ok(env.call(
        &admin,
        &DeleteLoginProfile {
            user_name: "anne".into(),
        },
    ));
    ok(env.call(
        &admin,
        &CreateLoginProfile {
            user_name: "anne".into(),
            password: Secret::new("Str0ng-pass-word!"),
            password_reset_required: None,
            mfa_bind_required: Some(true),
        },
    ));
    // The lifecycle changes: console logon off, a key deactivated, a
    // policy's default version set back and an old version deleted.
    ok(env.call(
        &admin,
        &ramp_core::api::rm::UpdateLoginProfile {
            user_principal_name: format!("anne@{a}.onaliyun.com"),
            status: "Inactive".into(),
        },
    ));
    let cats = env
        .call(
            &admin,
            &CreateAccessKey {
                user_name: Some("cat".into()),
            },
        )
        .unwrap();
    ok(env.call(
        &admin,
        &ramp_core::api::ram::UpdateAccessKey {
            user_name: Some("cat".into()),
            user_access_key_id: cats.access_key.access_key_id,
            status: "Inactive".into(),
        },
    ));
    let versions = env
        .call(
            &admin,
            &ramp_core::api::ram::ListPolicyVersions {
                policy_name: "arms-get".into(),
                policy_type: "Custom".into(),
            },
        )
        .unwrap()
        .policy_versions
        .0;
    let old: Vec<String> = versions
        .iter()
        .filter(|v| !v.is_default_version)
        .map(|v| v.version_id.clone())
        .collect();
    ok(env.call(
        &admin,
        &ramp_core::api::ram::SetDefaultPolicyVersion {
            policy_name: "arms-get".into(),
            version_id: old[0].clone(),
        },
    ));
    ok(env.call(
        &admin,
        &ramp_core::api::ram::DeletePolicyVersion {
            policy_name: "arms-get".into(),
            version_id: old[1].clone(),
        },
    ));
    env.now.set(T0 + 5);
    ok(env.call(&ben, &GetCallerIdentity {})); // ben's key's last use, saved with the next change
    ok(env.call(&admin, &user("dan")));
    ok(env.call(
        &admin,
        &DeleteUser {
            user_name: "dan".into(),
        },
    ));

    let held = env.sandbox.snapshot();
    let anne = &held.accounts[&a].users["anne"];
    assert!(held.accounts[&a]
        .grants
        .iter()
        .any(|g| g.principal == "anne"));
    assert!(held.accounts[&a].groups["ops"].members.contains_key("anne"));
    assert!(anne.login_profile.as_ref().is_some_and(|lp| lp.inactive));
    assert_eq!(held.accounts[&a].users["cat"].keys[0].status, "Inactive");
    assert_eq!(held.accounts[&a].policies["arms-get"].versions.len(), 4);
    assert_eq!(held.sessions.len(), 1);
    drop(env);

    let (_, saved) = Store::open(&path).unwrap();
    let saved = saved.expect("the state file holds a state");
    assert_eq!(
        saved.accounts[&a].users["ben"].keys[0].last_used,
        Some(T0 + 5),
        "the key's last use"
    );
    assert_eq!(canonical(saved), canonical(held));
    let _ = std::fs::remove_dir_all(&dir);
}
