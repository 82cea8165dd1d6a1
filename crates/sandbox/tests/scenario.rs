//! The design's flows end to end against the sandbox, signed by ramp-core:
//! cross-account sharing, teammate and group setups, and what must be refused.

#![allow(clippy::result_large_err)]

mod common;

use common::*;
use ramp_core::api::ram::*;
use ramp_core::api::rm::*;
use ramp_core::api::sts::*;
use ramp_core::credentials::{Credentials, Secret};
use ramp_core::request::SignatureScheme;
use ramp_sandbox::{Enforcement, Options};

const TRUST_B_WITH_EXTERNAL_ID: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1680000000000002:root"]},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-ext-42"}}}]}"#;

fn attach_user(env: &Env, creds: &Credentials, user: &str, policy: &str) {
    env.call(
        creds,
        &AttachPolicyToUser {
            policy_type: "System".into(),
            policy_name: policy.into(),
            user_name: user.into(),
            resource_group_id: None,
        },
    )
    .unwrap();
}

/// B's user `alice` with AliyunSTSAssumeRoleAccess and an AccessKey.
fn alice_in_b(env: &Env) -> Credentials {
    let admin = env.admin_b();
    let alice = env.user_with_key(&admin, "alice");
    attach_user(env, &admin, "alice", "AliyunSTSAssumeRoleAccess");
    alice
}

/// A's role `arms-viewer` trusting account B with an ExternalId, read-only ARMS.
fn viewer_role_in_a(env: &Env) {
    let admin = env.admin_a();
    let role = env
        .call(
            &admin,
            &CreateRole {
                role_name: "arms-viewer".into(),
                assume_role_policy_document: TRUST_B_WITH_EXTERNAL_ID.into(),
                description: None,
                max_session_duration: Some(7200),
            },
        )
        .unwrap()
        .role;
    assert_eq!(
        role.arn.as_deref(),
        Some("acs:ram::1680000000000001:role/arms-viewer")
    );
    assert_eq!(
        role.role_principal_name.as_deref(),
        Some("arms-viewer@role.ramp-demo-a.onaliyunservice.com")
    );
    env.call(
        &admin,
        &AttachPolicyToRole {
            policy_type: "System".into(),
            policy_name: "AliyunARMSReadOnlyAccess".into(),
            role_name: "arms-viewer".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
}

fn assume(
    env: &Env,
    creds: &Credentials,
    external_id: Option<&str>,
) -> Result<ramp_core::api::responses::AssumeRoleResponse, ramp_core::api::ApiError> {
    env.call(
        creds,
        &AssumeRole {
            role_arn: "acs:ram::1680000000000001:role/arms-viewer".into(),
            role_session_name: "alice-session".into(),
            duration_seconds: Some(3600),
            policy: None,
            external_id: external_id.map(str::to_owned),
        },
    )
}

#[test]
fn cross_account_share_assume_and_identify() {
    let env = demo();
    viewer_role_in_a(&env);
    let alice = alice_in_b(&env);

    let assumed = assume(&env, &alice, Some("ramp-ext-42")).unwrap();
    let c = &assumed.credentials;
    assert!(c.access_key_id.starts_with("STS."));
    assert_eq!(c.expiration, "2027-01-15T09:00:00Z", "T0 + 3,600 s");
    assert_eq!(
        assumed.assumed_role_user.arn,
        "acs:ram::1680000000000001:role/arms-viewer/alice-session"
    );
    assert!(assumed
        .assumed_role_user
        .assumed_role_id
        .ends_with(":alice-session"));

    let sts = Credentials::new(
        c.access_key_id.clone(),
        c.access_key_secret.as_ref().unwrap().expose(),
    )
    .with_security_token(c.security_token.as_ref().unwrap().expose());
    for scheme in [SignatureScheme::V1, SignatureScheme::V3] {
        let me = env.call_with(&sts, scheme, &GetCallerIdentity {}).unwrap();
        assert_eq!(me.identity_type.as_deref(), Some("AssumedRoleUser"));
        assert_eq!(me.account_id, env.a());
        assert_eq!(
            me.arn,
            "acs:ram::1680000000000001:assumed-role/arms-viewer/alice-session"
        );
    }
    // Read-only ARMS does not let the session create users in A.
    let denied = env
        .call(
            &sts,
            &CreateUser {
                user_name: "mallory".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!((denied.status, denied.code.as_str()), (403, "NoPermission"));
    assert!(
        denied.message.contains("ram:CreateUser"),
        "{}",
        denied.message
    );
    assert!(
        denied.message.contains("role arms-viewer"),
        "{}",
        denied.message
    );
    let detail = denied
        .access_denied_detail
        .expect("a denial explains itself");
    assert!(
        detail.contains("\"NoPermissionType\":\"ImplicitDeny\""),
        "{detail}"
    );
    assert!(
        detail.contains("\"AuthPrincipalType\":\"AssumedRoleUser\""),
        "{detail}"
    );

    // The session expires.
    env.now.set(T0 + 3600);
    assert_eq!(
        code(env.call(&sts, &GetCallerIdentity {})),
        "InvalidSecurityToken.Expired"
    );
}

#[test]
fn assume_role_needs_both_the_callers_permission_and_the_trust_policy() {
    let env = demo();
    viewer_role_in_a(&env);
    let alice = alice_in_b(&env);
    // ExternalId wrong or missing: the trust policy decides.
    for ext in [Some("wrong-id"), None] {
        let e = assume(&env, &alice, ext).unwrap_err();
        assert_eq!(e.code, "NoPermission");
        assert!(e.message.contains("trust policy"), "{}", e.message);
        assert!(e.access_denied_detail.unwrap().contains("AssumeRolePolicy"));
    }
    // Without AliyunSTSAssumeRoleAccess the caller's own policies decide.
    env.call(
        &env.admin_b(),
        &DetachPolicyFromUser {
            policy_type: "System".into(),
            policy_name: "AliyunSTSAssumeRoleAccess".into(),
            user_name: "alice".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
    let e = assume(&env, &alice, Some("ramp-ext-42")).unwrap_err();
    assert_eq!(e.code, "NoPermission");
    assert!(
        e.message.contains("no policy attached to RAM user alice"),
        "{}",
        e.message
    );
    // An account that the trust policy does not name, even with permission.
    let admin_a_self = assume(&env, &env.admin_a(), Some("ramp-ext-42")).unwrap_err();
    assert_eq!(admin_a_self.code, "NoPermission");
    // Root may not assume roles at all.
    let root = assume(&env, &env.root_a(), Some("ramp-ext-42")).unwrap_err();
    assert_eq!(root.code, "NoPermission");
    assert_eq!(root.message, "Roles may not be assumed by root accounts.");
    // Duration beyond the role's maximum, and an unknown role.
    let long = env.call(
        &env.admin_b(),
        &AssumeRole {
            role_arn: "acs:ram::1680000000000001:role/arms-viewer".into(),
            role_session_name: "s1".into(),
            duration_seconds: Some(7201),
            ..Default::default()
        },
    );
    assert_eq!(code(long), "InvalidParameter.DurationSeconds");
    let missing = env.call(
        &env.admin_b(),
        &AssumeRole {
            role_arn: "acs:ram::1680000000000001:role/nope".into(),
            role_session_name: "s1".into(),
            ..Default::default()
        },
    );
    assert_eq!(code(missing), "EntityNotExist.Role");
}

#[test]
fn a_session_policy_narrows_the_role() {
    let env = demo();
    let admin = env.admin_a();
    env.call(&admin, &CreateRole {
        role_name: "ops".into(),
        assume_role_policy_document: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000001:root"}}]}"#.into(),
        ..Default::default()
    })
    .unwrap();
    env.call(
        &admin,
        &AttachPolicyToRole {
            policy_type: "System".into(),
            policy_name: "AdministratorAccess".into(),
            role_name: "ops".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
    let session = env
        .call(&admin, &AssumeRole {
            role_arn: "acs:ram::1680000000000001:role/ops".into(),
            role_session_name: "narrow".into(),
            policy: Some(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*"}]}"#.into()),
            ..Default::default()
        })
        .unwrap()
        .credentials;
    let sts = Credentials::new(
        session.access_key_id,
        session.access_key_secret.unwrap().expose(),
    )
    .with_security_token(session.security_token.unwrap().expose());
    env.call(
        &sts,
        &GetUser {
            user_name: "admin".into(),
        },
    )
    .unwrap();
    let e = env
        .call(
            &sts,
            &CreateUser {
                user_name: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code, "NoPermission");
    assert!(e
        .access_denied_detail
        .unwrap()
        .contains("\"PolicyType\":\"SessionPolicy\""));
}

#[test]
fn teammate_and_group_flows() {
    let env = demo();
    let admin = env.admin_a();
    env.call(
        &admin,
        &CreateUser {
            user_name: "bob".into(),
            display_name: Some("Bob".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        code(env.call(
            &admin,
            &CreateUser {
                user_name: "bob".into(),
                ..Default::default()
            }
        )),
        "EntityAlreadyExists.User"
    );
    let lp = env
        .call(
            &admin,
            &CreateLoginProfile {
                user_name: "bob".into(),
                password: Secret::new("Str0ng-Passw0rd!"),
                password_reset_required: Some(true),
                mfa_bind_required: Some(true),
            },
        )
        .unwrap()
        .login_profile;
    assert!(lp.password_reset_required && lp.mfa_bind_required);
    env.call(
        &admin,
        &CreateUser {
            user_name: "carol".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // Long enough for the call's own rule, too weak for account A's policy (12+, every class).
    let weak = env
        .call(
            &admin,
            &CreateLoginProfile {
                user_name: "carol".into(),
                password: Secret::new("abcdefghij"),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(weak.code, "InvalidParameter.Password.TooWeak");
    assert!(weak.message.contains("12-32"), "{}", weak.message);

    env.call(
        &admin,
        &CreateGroup {
            group_name: "arms-team".into(),
            comments: None,
        },
    )
    .unwrap();
    env.call(
        &admin,
        &AttachPolicyToGroup {
            policy_type: "System".into(),
            policy_name: "AliyunRAMReadOnlyAccess".into(),
            group_name: "arms-team".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
    env.call(
        &admin,
        &AddUserToGroup {
            user_name: "bob".into(),
            group_name: "arms-team".into(),
        },
    )
    .unwrap();
    assert_eq!(
        code(env.call(
            &admin,
            &AddUserToGroup {
                user_name: "bob".into(),
                group_name: "arms-team".into()
            }
        )),
        "EntityAlreadyExists.User.Group"
    );
    let key = env
        .call(
            &admin,
            &CreateAccessKey {
                user_name: Some("bob".into()),
            },
        )
        .unwrap()
        .access_key;
    let bob = Credentials::new(key.access_key_id, key.access_key_secret.unwrap().expose());
    // The group's read-only policy lets bob read, not write.
    let users = env.call(&bob, &ListUsers::default()).unwrap().users.0;
    assert_eq!(
        users
            .iter()
            .map(|u| u.user_name.as_str())
            .collect::<Vec<_>>(),
        ["admin", "bob", "carol"]
    );
    assert_eq!(
        code(env.call(
            &bob,
            &CreateUser {
                user_name: "eve".into(),
                ..Default::default()
            }
        )),
        "NoPermission"
    );
    let groups = env
        .call(
            &admin,
            &ListGroupsForUser {
                user_name: "bob".into(),
            },
        )
        .unwrap()
        .groups
        .0;
    assert_eq!(groups[0].group_name, "arms-team");

    // Resource-group-scoped grant through Resource Manager, seen in ListPolicyAttachments.
    let rg = env.seed.accounts[0].resource_groups[0].0.clone();
    env.call(
        &admin,
        &AttachPolicy {
            policy_name: "AliyunARMSReadOnlyAccess".into(),
            policy_type: "System".into(),
            principal_type: "IMSUser".into(),
            principal_name: "bob@ramp-demo-a.onaliyun.com".into(),
            resource_group_id: rg.clone(),
        },
    )
    .unwrap();
    let listed = env
        .call(
            &admin,
            &ListPolicyAttachments {
                resource_group_id: Some(rg.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(listed.policy_attachments.0.len(), 1);
    assert_eq!(
        listed.policy_attachments.0[0].principal_name,
        "bob@ramp-demo-a.onaliyun.com"
    );
    let groups = env.call(&admin, &ListResourceGroups::default()).unwrap();
    assert_eq!(groups.resource_groups.0[0].id, rg);
    let domain = env.call(&admin, &GetDefaultDomain {}).unwrap();
    assert_eq!(domain.default_domain_name, "ramp-demo-a.onaliyun.com");

    // Limits and order of deletion.
    env.call(
        &admin,
        &CreateAccessKey {
            user_name: Some("bob".into()),
        },
    )
    .unwrap();
    assert_eq!(
        code(env.call(
            &admin,
            &CreateAccessKey {
                user_name: Some("bob".into())
            }
        )),
        "LimitExceeded.User.AccessKey"
    );
    assert_eq!(
        code(env.call(
            &admin,
            &DeleteUser {
                user_name: "bob".into()
            }
        )),
        "DeleteConflict.User.AccessKey"
    );
    // Wrong case of a system policy name is named.
    let e = env
        .call(
            &admin,
            &AttachPolicyToUser {
                policy_type: "System".into(),
                policy_name: "aliyunarmsreadonlyaccess".into(),
                user_name: "bob".into(),
                resource_group_id: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.code, "EntityNotExist.Policy");
    assert!(e.message.contains("AliyunARMSReadOnlyAccess"));
}

#[test]
fn custom_policies_and_versions() {
    let env = demo();
    let admin = env.admin_a();
    let doc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"*"}]}"#;
    env.call(
        &admin,
        &CreatePolicy {
            policy_name: "arms-one-app".into(),
            policy_document: doc.into(),
            description: None,
        },
    )
    .unwrap();
    let bad = env.call(
        &admin,
        &CreatePolicy {
            policy_name: "bad".into(),
            policy_document: r#"{"Version":"1","Statement":[{"Effect":"Allow"}]}"#.into(),
            description: None,
        },
    );
    assert_eq!(code(bad), "MalformedPolicyDocument");
    for _ in 0..4 {
        env.call(
            &admin,
            &CreatePolicyVersion {
                policy_name: "arms-one-app".into(),
                policy_document: doc.into(),
                set_as_default: Some(true),
                rotate_strategy: None,
            },
        )
        .unwrap();
    }
    let sixth = env.call(
        &admin,
        &CreatePolicyVersion {
            policy_name: "arms-one-app".into(),
            policy_document: doc.into(),
            set_as_default: None,
            rotate_strategy: None,
        },
    );
    assert_eq!(code(sixth), "LimitExceeded.Policy.Version");
    let rotated = env
        .call(
            &admin,
            &CreatePolicyVersion {
                policy_name: "arms-one-app".into(),
                policy_document: doc.into(),
                set_as_default: None,
                rotate_strategy: Some("DeleteOldestNonDefaultVersionWhenLimitExceeded".into()),
            },
        )
        .unwrap();
    assert_eq!(rotated.policy_version.version_id, "v6");
    let got = env
        .call(
            &admin,
            &GetPolicy {
                policy_name: "arms-one-app".into(),
                policy_type: "Custom".into(),
            },
        )
        .unwrap();
    assert_eq!(got.policy.default_version.as_deref(), Some("v5"));
    assert_eq!(
        code(env.call(
            &admin,
            &DeletePolicy {
                policy_name: "arms-one-app".into(),
                cascading_delete: None
            }
        )),
        "DeleteConflict.Policy.Version"
    );
    env.call(
        &admin,
        &DeletePolicy {
            policy_name: "arms-one-app".into(),
            cascading_delete: Some(true),
        },
    )
    .unwrap();
    let system = env
        .call(
            &admin,
            &GetPolicy {
                policy_name: "AliyunSTSAssumeRoleAccess".into(),
                policy_type: "System".into(),
            },
        )
        .unwrap();
    assert!(system
        .default_policy_version
        .unwrap()
        .policy_document
        .unwrap()
        .contains("sts:AssumeRole"));
}

#[test]
fn soft_enforcement_allows_and_reports() {
    let env = demo_with(Options {
        enforcement: Enforcement::Soft,
        ..Options::default()
    });
    let alice = alice_in_b(&env);
    let a = env.send_raw(
        &alice,
        SignatureScheme::V3,
        &CreateUser {
            user_name: "x".into(),
            ..Default::default()
        },
        &fresh_nonce(),
        env.time(),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.soft_denial.unwrap().contains("ram:CreateUser"));
}
