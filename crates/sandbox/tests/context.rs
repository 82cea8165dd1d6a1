//! The sandbox decides with the request's whole context, as the service
//! does: a key the request carries is compared, a key it does not carry is
//! absent — its condition does not match, a negated one does — instead of
//! "unknown", which denied every call under a Deny conditioned on it
//! (issue 20.2). `acs:MFAPresent` is absent on AccessKey calls: RAM
//! documents it as "whether MFA is used during user logon" (AlibabaCloudDocs/ram,
//! intl.en-US/Policy Management/Policy language/Policy elements.md), and an
//! AccessKey call has no logon (issue 20.3; lint W001 agrees). docs/fidelity.md.

#![allow(clippy::result_large_err)]

mod common;

use common::*;
use ramp_core::api::ram::*;
use ramp_core::api::{ApiError, Operation};
use ramp_core::credentials::Credentials;

/// Bob in account A: reads RAM, and each guarded action has a Deny whose
/// condition names a key.
fn bob(env: &Env) -> Credentials {
    let admin = env.admin_a();
    let a = env.a().to_owned();
    let bob = env.user_with_key(&admin, "bob");
    let deny = |action: &str, condition: &str| {
        format!(r#"{{"Effect":"Deny","Action":"{action}","Resource":"*","Condition":{condition}}}"#)
    };
    let document = format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":["ram:Get*","ram:List*"],"Resource":"*"}},{},{},{},{},{},{}]}}"#,
        deny(
            "ram:ListUsers",
            r#"{"StringEquals":{"acs:SourceVpc":"vpc-123"}}"#
        ),
        deny(
            "ram:GetUser",
            r#"{"StringEquals":{"acs:ResourceTag/team":"dev"}}"#
        ),
        deny(
            "ram:GetAccountAlias",
            r#"{"Bool":{"acs:MFAPresent":"false"}}"#
        ),
        deny(
            "ram:GetPasswordPolicy",
            r#"{"StringNotEquals":{"acs:SourceVpc":"vpc-123"}}"#
        ),
        deny(
            "ram:ListRoles",
            &format!(r#"{{"StringEquals":{{"acs:PrincipalARN":"acs:ram::{a}:user/bob"}}}}"#)
        ),
        deny(
            "ram:ListPolicies",
            r#"{"StringLike":{"acs:UserAgent":"*banned-tool*"}}"#
        ),
    );
    env.call(
        &admin,
        &CreatePolicy {
            policy_name: "guarded".into(),
            policy_document: document,
            description: None,
        },
    )
    .unwrap();
    env.call(
        &admin,
        &AttachPolicyToUser {
            policy_type: "Custom".into(),
            policy_name: "guarded".into(),
            user_name: "bob".into(),
            resource_group_id: None,
        },
    )
    .unwrap();
    bob
}

/// Sends `call` signed by `creds`, with a `User-Agent` header.
fn with_agent<C: Operation>(
    env: &Env,
    creds: &Credentials,
    call: &C,
    agent: &str,
) -> Result<C::Response, ApiError> {
    let a = env.send_request(creds, &call.request().unwrap(), &[("user-agent", agent)]);
    if a.status == 200 {
        C::parse_response(&a.body)
    } else {
        Err(ApiError::parse(a.status, &a.body))
    }
}

#[test]
fn keys_the_request_does_not_carry_are_absent_not_unknown() {
    let env = demo();
    let bob = bob(&env);
    // acs:SourceVpc (not a VPC call) and a resource tag (none): the Deny does not match.
    env.call(&bob, &ListUsers::default()).unwrap();
    env.call(
        &bob,
        &GetUser {
            user_name: "bob".into(),
        },
    )
    .unwrap();
    // A negated operator on an absent key matches: "not from vpc-123" denies.
    assert_eq!(code(env.call(&bob, &GetPasswordPolicy {})), "NoPermission");
}

#[test]
fn access_key_calls_carry_no_mfa_present() {
    let env = demo();
    let bob = bob(&env);
    // Bool acs:MFAPresent=false never matches an AccessKey call (what W001 warns).
    env.call(&bob, &GetAccountAlias {}).unwrap();
}

#[test]
fn the_caller_and_its_user_agent_are_in_the_context() {
    let env = demo();
    let bob = bob(&env);
    // acs:PrincipalARN is the caller's ARN.
    let denied = env.call(&bob, &ListRoles::default()).unwrap_err();
    assert_eq!(denied.code, "NoPermission", "{denied:?}");
    // acs:UserAgent is the request's User-Agent header.
    with_agent(&env, &bob, &ListPolicies::default(), "aliyun-cli/3.0").unwrap();
    let denied = with_agent(&env, &bob, &ListPolicies::default(), "banned-tool/1.0").unwrap_err();
    assert_eq!(denied.code, "NoPermission", "{denied:?}");
}
