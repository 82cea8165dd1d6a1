//! Plans of the example intents: the calls, their order, accounts, secrets and findings.

#![cfg(not(target_arch = "wasm32"))]

use ramp_core::plan::{plan, Entity, Intent, Plan, SecretInput};

fn load(name: &str) -> Plan {
    let path = format!(
        "{}/../../examples/intents/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let intent: Intent = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    plan(&intent).unwrap()
}

fn actions(p: &Plan) -> Vec<String> {
    p.steps.iter().map(|s| s.action.clone()).collect()
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
    assert!(login.param("Password").is_none(), "no password in a plan");
    assert_eq!(login.param("MFABindRequired"), Some("true"));
    assert_eq!(login.depends_on, [3, 2]);
    let rg = &p.steps[5];
    assert_eq!(rg.service, "resourcemanager");
    assert_eq!(rg.param("PrincipalName"), Some("alice@demo-a.onaliyun.com"));
    assert_eq!(rg.param("ResourceGroupId"), Some("rg-aek2shop"));
    assert_eq!(rg.param("PolicyName"), Some("AliyunARMSReadOnlyAccess"));
    assert_eq!(
        p.steps[6].param("PolicyName"),
        Some("ramp-arms-read-trace-app")
    );
    assert!(p.steps.iter().all(|s| s.account == "1111111111111111"));
    assert_eq!(p.documents.len(), 2);
    assert!(
        p.documents[0].text.contains("armsapp/shop-*")
            && p.documents[0].text.contains("armsweb/shop-web")
    );
    assert!(
        !p.findings.iter().any(|f| f.code == "W007"),
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
            user: "prom-exporter".into()
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
    let role = p.steps.iter().find(|s| s.action == "CreateRole").unwrap();
    assert_eq!(role.account, "1111111111111111");
    assert_eq!(role.param("MaxSessionDuration"), Some("7200"));
    let trust = role.param("AssumeRolePolicyDocument").unwrap();
    assert!(
        trust.contains("acs:ram::2222222222222222:root")
            && trust.contains("\"sts:ExternalId\":\"ramp-7f3c9a\"")
    );
    let b: Vec<&str> = p
        .steps
        .iter()
        .filter(|s| s.account == "2222222222222222")
        .map(|s| s.action.as_str())
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
        .any(|d| d.kind == "trust" && d.name == "arms-viewer"));
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
        b.documents.iter().all(|d| d.kind != "trust"),
        "A's trust policy is not B's business"
    );
    assert!(b.steps.iter().any(|s| s.action == "CreateAccessKey"));
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
    assert_eq!(p.steps[2].param("MFABindRequired"), Some("false"));
    assert_eq!(p.steps[2].param("PasswordResetRequired"), Some("true"));
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
    assert_eq!(p.steps[5].param("UserName"), Some("alice"));
    assert_eq!(p.steps[6].param("UserName"), Some("dave"));
    assert_eq!(p.steps[6].depends_on, [0, 3]);
    // Written back, the intent reads the same and keeps the default out.
    let back = serde_json::to_string(&intent).unwrap();
    assert!(!back.contains("new-member-access"), "{back}");
    assert_eq!(serde_json::from_str::<Intent>(&back).unwrap(), intent);
}
