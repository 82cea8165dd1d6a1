#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::policy::eval::{
    evaluate, Attachment, Caller, Context, Decision, NamedPolicy, Policies, Request,
};

fn allowed(trust: &Policy, caller: Caller, context: Context) -> Decision {
    let grant = parse_policy(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#).unwrap().policy;
    let policies = Policies {
        attachments: vec![Attachment {
            policy: NamedPolicy {
                name: "grant".into(),
                policy: grant,
            },
            resource_group: None,
        }],
        trust_policy: Some(NamedPolicy {
            name: "trust".into(),
            policy: trust.clone(),
        }),
        ..Policies::default()
    };
    let req = Request {
        caller,
        action: "sts:AssumeRole".into(),
        resource: "acs:ram::1111111111111111:role/arms".into(),
        resource_group: None,
        context,
    };
    evaluate(&req, &policies).decision
}

fn bob() -> Caller {
    Caller::RamUser {
        account_id: "2222222222222222".into(),
        name: "bob".into(),
    }
}

#[test]
fn cross_account_trust_with_external_id_mfa_and_ip_is_the_expected_document() {
    let p = trust_policy(
        &[Trustee::Account {
            account_id: "2222222222222222".into(),
        }],
        &TrustConditions {
            external_id: Some("ramp-42".into()),
            require_mfa: true,
            source_ips: vec!["203.0.113.0/24".into()],
        },
    )
    .unwrap();
    let expected = r#"{
  "Version": "1",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "RAM": ["acs:ram::2222222222222222:root"]
      },
      "Action": "sts:AssumeRole",
      "Condition": {
        "Bool": {
          "acs:MFAPresent": "true"
        },
        "IpAddress": {
          "acs:SourceIp": ["203.0.113.0/24"]
        },
        "StringEquals": {
          "sts:ExternalId": "ramp-42"
        }
      }
    }
  ]
}
"#;
    assert_eq!(print(&p), expected);
    let ctx = || {
        Context::new()
            .with("acs:MFAPresent", "true")
            .with("acs:SourceIp", "203.0.113.9")
    };
    assert_eq!(
        allowed(&p, bob(), ctx().with("sts:ExternalId", "ramp-42")),
        Decision::Allow
    );
    assert_eq!(
        allowed(&p, bob(), ctx().with("sts:ExternalId", "other")),
        Decision::ImplicitDeny
    );
    assert_eq!(
        allowed(&p, bob(), ctx()),
        Decision::Unknown,
        "a missing ExternalId is not guessed"
    );
}

#[test]
fn one_user_one_role_service_and_saml_trustees() {
    let p = trust_policy(
        &[
            Trustee::RamUser {
                account_id: "2222222222222222".into(),
                name: "bob".into(),
            },
            Trustee::RamRole {
                account_id: "2222222222222222".into(),
                name: "ops".into(),
            },
            Trustee::Service {
                name: "ecs.aliyuncs.com".into(),
            },
            Trustee::SamlProvider {
                account_id: "1111111111111111".into(),
                name: "okta".into(),
                international: true,
            },
        ],
        &TrustConditions::default(),
    )
    .unwrap();
    let text = print(&p);
    for needle in [
        "acs:ram::2222222222222222:user/bob",
        "acs:ram::2222222222222222:role/ops",
        "\"Service\": [\"ecs.aliyuncs.com\"]",
        "acs:ram::1111111111111111:saml-provider/okta",
        "https://signin.alibabacloud.com/saml-role/sso",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    assert_eq!(
        allowed(
            &p,
            bob(),
            Context::new().with(
                "saml:recipient",
                "https://signin.alibabacloud.com/saml-role/sso"
            )
        ),
        Decision::Allow
    );
    let carol = Caller::RamUser {
        account_id: "2222222222222222".into(),
        name: "carol".into(),
    };
    assert_eq!(
        allowed(&p, carol, Context::new().with("saml:recipient", "x")),
        Decision::ImplicitDeny
    );
}

#[test]
fn bad_inputs_name_the_field_and_the_fix_in_both_languages() {
    let e = trust_policy(
        &[Trustee::Account {
            account_id: "12ab".into(),
        }],
        &TrustConditions::default(),
    )
    .unwrap_err();
    assert_eq!(e.field, "account_id");
    assert!(e.message(Lang::En).contains("16 digits"));
    assert!(e.message(Lang::Zh).contains("数字"));
    let e = trust_policy(
        &[Trustee::Account {
            account_id: "2222222222222222".into(),
        }],
        &TrustConditions {
            external_id: Some("x".into()),
            ..TrustConditions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.field, "external_id");
    let e = trust_policy(
        &[Trustee::Service {
            name: "ecs.aliyuncs.com".into(),
        }],
        &TrustConditions {
            require_mfa: true,
            ..TrustConditions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.field, "require_mfa");
    assert_eq!(
        check_ip_range("10.0.0.0/33").unwrap_err().field,
        "source_ips"
    );
    assert!(check_ip_range("2001:db8::/32").is_ok());
    assert_eq!(
        trust_policy(&[], &TrustConditions::default())
            .unwrap_err()
            .field,
        "trustees"
    );
    assert_eq!(
        arms_apps(
            ArmsScope::TraceApps,
            "cn-hangzhou",
            &["shop"],
            AppAccess::default()
        )
        .unwrap_err()
        .field,
        "access"
    );
    assert_eq!(
        assume_one_role("2222222222222222", "bad role")
            .unwrap_err()
            .field,
        "role_name"
    );
}

#[test]
fn arms_presets_name_the_documented_actions_and_resources() {
    let p = arms_apps(
        ArmsScope::TraceApps,
        "cn-hangzhou",
        &["shop-*", "cart"],
        AppAccess {
            read: true,
            edit: true,
            delete: false,
        },
    )
    .unwrap();
    assert_eq!(
        compact(&p),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:ReadTraceApp","arms:EditTraceApp"],"Resource":["acs:arms:cn-hangzhou:*:armsapp/shop-*","acs:arms:cn-hangzhou:*:armsapp/cart"]}]}"#
    );
    let rum = arms_apps(
        ArmsScope::RumApps,
        "*",
        &["*"],
        AppAccess {
            read: true,
            edit: true,
            delete: true,
        },
    )
    .unwrap();
    assert!(compact(&rum).contains(r#"["arms:ReadRumApp","arms:SaveRumApp","arms:DeleteRumApp"],"Resource":["acs:arms:*:*:armsweb/*"]"#));
    let prom = prometheus_instances("cn-beijing", "1111111111111111", &["c1"], false).unwrap();
    assert!(compact(&prom).contains(
        r#""Action":"arms:*","Resource":["acs:arms:cn-beijing:1111111111111111:prometheus/c1"]"#
    ));
    let one = assume_one_role("1111111111111111", "arms-viewer").unwrap();
    assert_eq!(
        compact(&one),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::1111111111111111:role/arms-viewer"}]}"#
    );
    assert!(compact(&read_trace_app_grant("*").unwrap())
        .contains(r#""Action":"arms:ReadTraceApp","Resource":"acs:arms:*:*:armsapp/*""#));
}

/// The builders hold names to the API's own rules (issue 21.5): a role
/// name has no `_` and a user name no `@` (RAM CreateRole / CreateUser
/// parameter rules), with the API rule's words.
#[test]
fn names_follow_the_api_rules() {
    let trust = |t: Trustee| trust_policy(&[t], &TrustConditions::default());
    let e = trust(Trustee::RamRole {
        account_id: "1111111111111111".into(),
        name: "ops_admin".into(),
    })
    .unwrap_err();
    assert_eq!(e.field, "role_name");
    assert!(
        e.rule_en.contains("letters, digits and `.` `-`"),
        "{}",
        e.rule_en
    );
    assert!(trust(Trustee::RamUser {
        account_id: "1111111111111111".into(),
        name: "bob@example".into(),
    })
    .is_err());
    assert!(trust(Trustee::RamUser {
        account_id: "1111111111111111".into(),
        name: "bob.smith_2".into(),
    })
    .is_ok());
}
