//! The sandbox answers as the service does where a review found it did not
//! (issue 20), each case with its source (docs/fidelity.md).

#![allow(clippy::result_large_err)]

mod common;

use common::*;
use ramp_core::api::ram::*;

/// A role trusting an OIDC identity provider, as AssumeRoleWithOIDC names it
/// (`acs:ram::<id>:oidc-provider/<name>`, STS API reference,
/// help.aliyun.com/en/ram/developer-reference/api-sts-2015-04-01-assumerolewithoidc),
/// is a valid trust policy — not MalformedPolicyDocument (issue 20.6).
#[test]
fn a_role_may_trust_an_oidc_provider() {
    let env = demo();
    let a = env.a().to_owned();
    let trust = format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"Federated":["acs:ram::{a}:oidc-provider/github"]}},"Condition":{{"StringEquals":{{"oidc:aud":"sts.aliyuncs.com","oidc:iss":"https://token.actions.githubusercontent.com"}}}}}}]}}"#
    );
    let role = env
        .call(
            &env.admin_a(),
            &CreateRole {
                role_name: "ci-deployer".into(),
                assume_role_policy_document: trust,
                description: None,
                max_session_duration: None,
            },
        )
        .unwrap();
    assert_eq!(
        role.role.arn,
        Some(format!("acs:ram::{a}:role/ci-deployer"))
    );
}

/// Deleting a custom policy still attached to a role: the service answers
/// `DeleteConflict.Role.Policy` — the code terraform-provider-alicloud's
/// alicloud_ram_policy waits out on DeletePolicy beside the documented
/// `DeleteConflict.Policy.User` and `.Group` — not `DeleteConflict.Policy.Role`,
/// which no source names (issue 20.10).
#[test]
fn deleting_a_policy_attached_to_a_role_is_a_role_policy_conflict() {
    let env = demo();
    let admin = env.admin_a();
    let a = env.a().to_owned();
    env.call(
        &admin,
        &CreateRole {
            role_name: "viewer".into(),
            assume_role_policy_document: format!(
                r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{a}:root"]}}}}]}}"#
            ),
            description: None,
            max_session_duration: None,
        },
    )
    .unwrap();
    env.call(
        &admin,
        &CreatePolicy {
            policy_name: "read-arms".into(),
            policy_document: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#.into(),
            description: None,
        },
    )
    .unwrap();
    env.call(
        &admin,
        &AttachPolicyToRole {
            policy_type: "Custom".into(),
            policy_name: "read-arms".into(),
            role_name: "viewer".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
    let refused = env
        .call(
            &admin,
            &DeletePolicy {
                policy_name: "read-arms".into(),
                cascading_delete: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        (refused.status, refused.code.as_str()),
        (409, "DeleteConflict.Role.Policy")
    );
}

/// Every action the sandbox authorises is in Ramp's action catalogue (issue
/// 20.8), so a policy the studio says allows it is matched the same way
/// here: each operation the sandbox answers authorises its own action
/// (`ctx.allow_call`), and the few it authorises besides are named in its
/// sources.
#[test]
fn every_action_the_sandbox_authorises_is_in_the_catalogue() {
    use ramp_core::api::Service;
    let mut actions: Vec<String> = Service::ALL
        .into_iter()
        .flat_map(|s| ramp_sandbox::actions(s).map(move |a| format!("{}:{a}", s.ram_code())))
        .collect();
    let sources = [
        include_str!("../src/ops/mod.rs"),
        include_str!("../src/ops/users.rs"),
        include_str!("../src/ops/groups.rs"),
        include_str!("../src/ops/roles.rs"),
        include_str!("../src/ops/policies.rs"),
        include_str!("../src/ops/rm.rs"),
        include_str!("../src/ops/sts.rs"),
    ];
    for text in sources {
        for piece in text.split('"').skip(1).step_by(2) {
            let is_action = ["ram:", "sts:", "resourcemanager:", "ims:"]
                .iter()
                .any(|p| piece.starts_with(p))
                && piece.split_once(':').is_some_and(|(_, a)| {
                    !a.is_empty() && a.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            // Condition keys share the form; they are not actions.
            if is_action && piece != "sts:ExternalId" {
                actions.push(piece.to_owned());
            }
        }
    }
    actions.sort();
    actions.dedup();
    assert!(
        actions.len() >= 40,
        "only {} actions found: {actions:?}",
        actions.len()
    );
    let missing: Vec<&String> = actions
        .iter()
        .filter(|a| ramp_core::policy::catalogue::find_action(a).is_none())
        .collect();
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
}

/// The common error codes (reference §6, "VERIFIED names in client-error
/// docs"): a request for an API version the service does not have is
/// `400 InvalidParameter` ("The specified parameter "Action or Version" is
/// not valid."), not an invented `InvalidVersion`.
#[test]
fn an_unknown_version_is_an_invalid_parameter() {
    use ramp_core::api::Operation;
    let env = demo();
    let mut req = GetUser {
        user_name: "admin".into(),
    }
    .request()
    .unwrap();
    req.version = "2099-01-01".into();
    let a = env.send_request(&env.admin_a(), &req, &[]);
    let e = ramp_core::api::ApiError::parse(a.status, &a.body);
    assert_eq!(
        (a.status, e.code.as_str()),
        (400, "InvalidParameter"),
        "{}",
        a.body
    );
    assert!(e
        .message
        .starts_with("The specified parameter \"Action or Version\" is not valid"));
}
