//! Table tests of the documented evaluation rules (reference §7.5).

use super::*;
use crate::policy::parse_policy;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const ACCT: &str = "1234567890123456";
const OTHER: &str = "6543210987654321";

fn named(name: &str, json: &str) -> NamedPolicy {
    let parsed = parse_policy(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
    NamedPolicy {
        name: name.into(),
        policy: parsed.policy,
    }
}

fn account(name: &str, json: &str) -> Attachment {
    Attachment {
        policy: named(name, json),
        resource_group: None,
    }
}

fn alice() -> Caller {
    Caller::RamUser {
        account_id: ACCT.into(),
        name: "alice".into(),
    }
}

fn req(caller: Caller, action: &str, resource: &str) -> Request {
    Request {
        caller,
        action: action.into(),
        resource: resource.into(),
        resource_group: None,
        context: Context::new(),
    }
}

const ARMS_READ: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Get*","arms:List*"],"Resource":"*"}]}"#;
const DENY_DELETE: &str =
    r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"arms:Delete*","Resource":"*"}]}"#;
const ARMS_FULL: &str =
    r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:*","Resource":"*"}]}"#;
const STS_ASSUME: &str =
    r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*"}],"Version":"1"}"#;
const APP: &str = "acs:arms:cn-hangzhou:1234567890123456:armsapp/shop";

#[test]
fn explicit_deny_beats_allow_and_names_the_statement() {
    let p = Policies {
        attachments: vec![
            account("ArmsFull", ARMS_FULL),
            account("NoDelete", DENY_DELETE),
        ],
        ..Policies::default()
    };
    let e = evaluate(&req(alice(), "arms:DeleteTraceApp", APP), &p);
    assert_eq!(
        (e.decision, e.layer),
        (
            Decision::ExplicitDeny,
            Some(Layer::AccountLevelIdentityBasedPolicy)
        )
    );
    assert_eq!(
        (e.decisive[0].policy.as_str(), e.decisive[0].statement),
        ("NoDelete", 0)
    );
    assert_eq!(e.matched.len(), 2, "the allow matched too");
    assert_eq!(
        evaluate(&req(alice(), "arms:GetTraceApp", APP), &p).decision,
        Decision::Allow
    );
}

#[test]
fn nothing_matching_is_an_implicit_deny() {
    let p = Policies {
        attachments: vec![account("ArmsRead", ARMS_READ)],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(alice(), "arms:CreateAlertRules", APP), &p).decision,
        Decision::ImplicitDeny
    );
    assert_eq!(
        evaluate(&req(alice(), "ARMS:getTRACEapp", APP), &p).decision,
        Decision::Allow,
        "actions are case-insensitive"
    );
}

#[test]
fn resources_are_case_sensitive_and_wildcards_work() {
    let scoped = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ReadTraceApp","Resource":"acs:arms:*:*:armsapp/shop-*"}]}"#;
    let p = Policies {
        attachments: vec![account("Scoped", scoped)],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(
            &req(
                alice(),
                "arms:ReadTraceApp",
                "acs:arms:cn-beijing:1:armsapp/shop-web"
            ),
            &p
        )
        .decision,
        Decision::Allow
    );
    assert_eq!(
        evaluate(
            &req(
                alice(),
                "arms:ReadTraceApp",
                "acs:arms:cn-beijing:1:armsapp/Shop-web"
            ),
            &p
        )
        .decision,
        Decision::ImplicitDeny
    );
}

#[test]
fn not_action_allows_everything_else() {
    let p = Policies {
        attachments: vec![account(
            "NotRam",
            r#"{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ram:*","Resource":"*"}]}"#,
        )],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(alice(), "arms:GetTraceApp", APP), &p).decision,
        Decision::Allow
    );
    assert_eq!(
        evaluate(&req(alice(), "ram:CreateUser", "*"), &p).decision,
        Decision::ImplicitDeny
    );
}

#[test]
fn resource_group_scope_only_covers_its_group() {
    let p = Policies {
        attachments: vec![Attachment {
            policy: named("AliyunARMSReadOnlyAccess", ARMS_READ),
            resource_group: Some("rg-shop".into()),
        }],
        ..Policies::default()
    };
    let mut r = req(alice(), "arms:GetTraceApp", APP);
    r.resource_group = Some("rg-shop".into());
    let e = evaluate(&r, &p);
    assert_eq!(
        (e.decision, e.layer),
        (
            Decision::Allow,
            Some(Layer::ResourceGroupLevelIdentityBasedPolicy)
        )
    );
    r.resource_group = Some("rg-other".into());
    assert_eq!(evaluate(&r, &p).decision, Decision::ImplicitDeny);
}

fn in_group(name: &str, json: &str, rg: &str) -> Attachment {
    Attachment {
        policy: named(name, json),
        resource_group: Some(rg.into()),
    }
}

/// RAM, "Policy evaluation process" (AlibabaCloudDocs/ram, intl.en-US/Policy
/// Management/Policy language; help.aliyun.com/en/ram/policy-evaluation-process):
/// account-class identity policies are evaluated first and an Explicit Deny or
/// an Allow there ends the evaluation; only an Implicit Deny goes on to the
/// resource-group-class policies.
#[test]
fn account_scope_decides_before_resource_group_scope() {
    let mut r = req(alice(), "arms:DeleteTraceApp", APP);
    r.resource_group = Some("rg-shop".into());
    let decide = |attachments: Vec<Attachment>| {
        let e = evaluate(
            &r,
            &Policies {
                attachments,
                ..Policies::default()
            },
        );
        (e.decision, e.layer)
    };
    use Layer::{
        AccountLevelIdentityBasedPolicy as Account, ResourceGroupLevelIdentityBasedPolicy as Group,
    };
    // An account-scope Allow ends it: the group's Deny is never read.
    assert_eq!(
        decide(vec![
            account("ArmsFull", ARMS_FULL),
            in_group("NoDelete", DENY_DELETE, "rg-shop")
        ]),
        (Decision::Allow, Some(Account))
    );
    // Nothing at account scope: the group's Deny decides.
    assert_eq!(
        decide(vec![
            account("ArmsRead", ARMS_READ),
            in_group("NoDelete", DENY_DELETE, "rg-shop")
        ]),
        (Decision::ExplicitDeny, Some(Group))
    );
    // An account-scope Deny ends it before the group's Allow.
    assert_eq!(
        decide(vec![
            account("NoDelete", DENY_DELETE),
            in_group("ArmsFull", ARMS_FULL, "rg-shop")
        ]),
        (Decision::ExplicitDeny, Some(Account))
    );
    // Both scopes allow and deny inside one scope: the Deny wins there.
    assert_eq!(
        decide(vec![
            in_group("ArmsFull", ARMS_FULL, "rg-shop"),
            in_group("NoDelete", DENY_DELETE, "rg-shop")
        ]),
        (Decision::ExplicitDeny, Some(Group))
    );
}

/// The same document, step 2: a session policy that does not allow ends the
/// evaluation with its Implicit Deny, before any identity policy is read.
#[test]
fn a_session_policys_implicit_deny_comes_before_an_identity_deny() {
    let role = Caller::AssumedRole {
        account_id: ACCT.into(),
        role: "arms-admin".into(),
        session: "bob".into(),
    };
    let p = Policies {
        attachments: vec![account("NoDelete", DENY_DELETE)],
        session_policy: Some(named("session", ARMS_READ)),
        ..Policies::default()
    };
    let e = evaluate(&req(role, "arms:DeleteTraceApp", APP), &p);
    assert_eq!(
        (e.decision, e.layer),
        (Decision::ImplicitDeny, Some(Layer::SessionPolicy))
    );
}

#[test]
fn a_session_policy_intersects_with_the_role() {
    let role = Caller::AssumedRole {
        account_id: ACCT.into(),
        role: "arms-admin".into(),
        session: "bob".into(),
    };
    let p = Policies {
        attachments: vec![account("ArmsFull", ARMS_FULL)],
        session_policy: Some(named(
            "session",
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#,
        )),
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(role.clone(), "arms:GetTraceApp", APP), &p).decision,
        Decision::Allow
    );
    let e = evaluate(&req(role, "arms:DeleteTraceApp", APP), &p);
    assert_eq!(
        (e.decision, e.layer),
        (Decision::ImplicitDeny, Some(Layer::SessionPolicy))
    );
}

fn trust(json_principal: &str, condition: &str) -> NamedPolicy {
    named(
        "trust",
        &format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{json_principal}{condition}}}]}}"#
        ),
    )
}

#[test]
fn assume_role_needs_both_the_callers_permission_and_the_trust_policy() {
    let role_arn = format!("acs:ram::{OTHER}:role/arms-reader");
    let trusting = |principal: &str| Policies {
        attachments: vec![account("AliyunSTSAssumeRoleAccess", STS_ASSUME)],
        trust_policy: Some(trust(principal, "")),
        ..Policies::default()
    };
    let ask = |p: &Policies| evaluate(&req(alice(), "sts:AssumeRole", &role_arn), p);
    assert_eq!(
        ask(&trusting(&format!(r#"{{"RAM":["acs:ram::{ACCT}:root"]}}"#))).decision,
        Decision::Allow
    );
    assert_eq!(
        ask(&trusting(&format!(
            r#"{{"RAM":"acs:ram::{ACCT}:user/alice"}}"#
        )))
        .decision,
        Decision::Allow
    );
    let e = ask(&trusting(&format!(
        r#"{{"RAM":["acs:ram::{ACCT}:user/bob"]}}"#
    )));
    assert_eq!(
        (e.decision, e.layer),
        (Decision::ImplicitDeny, Some(Layer::AssumeRolePolicy))
    );
    assert_eq!(
        ask(&trusting(r#"{"Service":["ecs.aliyuncs.com"]}"#)).decision,
        Decision::ImplicitDeny,
        "RAM users cannot assume service roles"
    );
    // Trusted, but the caller lacks sts:AssumeRole.
    let no_permission = Policies {
        trust_policy: Some(trust(&format!(r#"{{"RAM":["acs:ram::{ACCT}:root"]}}"#), "")),
        ..Policies::default()
    };
    assert_eq!(ask(&no_permission).decision, Decision::ImplicitDeny);
}

#[test]
fn external_id_missing_is_unknown_and_wrong_is_denied() {
    let p = Policies {
        attachments: vec![account("AliyunSTSAssumeRoleAccess", STS_ASSUME)],
        trust_policy: Some(trust(
            &format!(r#"{{"RAM":["acs:ram::{ACCT}:root"]}}"#),
            r#","Condition":{"StringEquals":{"sts:ExternalId":"ext-42"}}"#,
        )),
        ..Policies::default()
    };
    let mut r = req(
        alice(),
        "sts:AssumeRole",
        &format!("acs:ram::{OTHER}:role/arms-reader"),
    );
    let e = evaluate(&r, &p);
    assert_eq!(
        (e.decision, e.missing_keys.clone()),
        (Decision::Unknown, vec!["sts:ExternalId".to_owned()])
    );
    r.context.insert("sts:ExternalId", "wrong");
    assert_eq!(evaluate(&r, &p).decision, Decision::ImplicitDeny);
    r.context = Context::new().with("sts:ExternalId", "ext-42");
    assert_eq!(evaluate(&r, &p).decision, Decision::Allow);
}

#[test]
fn the_root_is_not_subject_to_policies_but_cannot_assume_roles() {
    let root = Caller::AccountRoot {
        account_id: ACCT.into(),
    };
    let p = Policies {
        attachments: vec![account("NoDelete", DENY_DELETE)],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(root.clone(), "arms:DeleteTraceApp", APP), &p).decision,
        Decision::Allow
    );
    let e = evaluate(&req(root, "sts:AssumeRole", "acs:ram::1:role/x"), &p);
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.note.unwrap().contains("root"));
}

#[test]
fn an_mfa_deny_without_the_key_is_unknown_not_allowed() {
    let mfa_deny = r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}}]}"#;
    let p = Policies {
        attachments: vec![
            account("ArmsFull", ARMS_FULL),
            account("RequireMfa", mfa_deny),
        ],
        ..Policies::default()
    };
    let mut r = req(alice(), "arms:GetTraceApp", APP);
    let e = evaluate(&r, &p);
    assert_eq!(
        (e.decision, e.missing_keys.clone()),
        (Decision::Unknown, vec!["acs:MFAPresent".to_owned()])
    );
    r.context.insert("acs:MFAPresent", "false");
    assert_eq!(evaluate(&r, &p).decision, Decision::ExplicitDeny);
    r.context = Context::new().with("acs:MFAPresent", "true");
    assert_eq!(evaluate(&r, &p).decision, Decision::Allow);
}

/// A RAM resource written the documented way (the GetUser authorization
/// table: `acs:ram:*:{#accountId}:user/{#UserName}`), as lint E012's fix and
/// W022 say, matches the resource the catalogue gives the request; the
/// empty-region spelling W022 warns about does not (issue 20.9).
#[test]
fn ram_resources_match_in_the_documented_form() {
    let resource = crate::policy::catalogue::find_action("ram:GetUser")
        .unwrap()
        .resource_arn(ACCT, "alice");
    let with = |arn: &str| {
        let p = Policies {
            attachments: vec![account(
                "read-alice",
                &format!(
                    r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"ram:GetUser","Resource":"{arn}"}}]}}"#
                ),
            )],
            ..Policies::default()
        };
        evaluate(&req(alice(), "ram:GetUser", &resource), &p).decision
    };
    assert_eq!(
        with(&format!("acs:ram:*:{ACCT}:user/alice")),
        Decision::Allow
    );
    assert_eq!(
        with(&format!("acs:ram::{ACCT}:user/alice")),
        Decision::ImplicitDeny
    );
}
