//! `ramp diff`'s comparison: the table of OLD/NEW pairs with their expected
//! verdicts (tests/data/diff-pairs.json, one rule of the comparison each),
//! every example request it gives checked by the evaluator, and a property
//! test — whenever NEW allows a request OLD does not, the comparison says
//! NEW grants new access (and the other way round).

use ramp_core::policy::compare::{compare, Change, Comparison, Direction, Kind};
use ramp_core::policy::eval::{evaluate, Attachment, Decision, NamedPolicy, Policies, Request};
use ramp_core::policy::{parse_policy, Policy};
use serde_json::Value;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn policy(text: &str) -> Policy {
    let parsed = parse_policy(text).unwrap();
    assert!(parsed.problems.is_empty(), "{text}: {:?}", parsed.problems);
    parsed.policy
}

/// What the evaluator (the sandbox's) decides for `req` under `p` alone.
fn decide(p: &Policy, kind: Kind, req: &Request) -> Decision {
    let named = |name: &str, policy: Policy| NamedPolicy {
        name: name.into(),
        policy,
    };
    let policies = match kind {
        Kind::Permission => Policies {
            attachments: vec![Attachment {
                policy: named("p", p.clone()),
                resource_group: None,
            }],
            ..Policies::default()
        },
        // The caller may call AssumeRole: only the trust policy decides.
        Kind::Trust => Policies {
            attachments: vec![Attachment {
                policy: named(
                    "any",
                    policy(
                        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                    ),
                ),
                resource_group: None,
            }],
            trust_policy: Some(named("trust", p.clone())),
            ..Policies::default()
        },
    };
    evaluate(req, &policies).decision
}

/// Each certain change's example is decided as the change says, by the evaluator.
fn examples_hold(old: &Policy, new: &Policy, c: &Comparison) {
    for change in c.changes.iter().filter(|c| c.certain) {
        let req = change.request();
        let (o, n) = (decide(old, c.kind, &req), decide(new, c.kind, &req));
        let (from, to) = match change.direction {
            Direction::Gained => (o, n),
            Direction::Lost => (n, o),
        };
        assert_eq!(to, Decision::Allow, "{change:?}");
        assert_ne!(from, Decision::Allow, "{change:?}");
    }
}

fn verdict(c: &Comparison) -> &'static str {
    let any = |d: Direction, certain: bool| c.toward(d).any(|x: &Change| x.certain == certain);
    match (
        any(Direction::Gained, true),
        any(Direction::Lost, true),
        c.changes.is_empty(),
    ) {
        (_, _, true) => "same",
        (true, true, _) => "both",
        (true, false, _) => "new",
        (false, true, _) => "lost",
        (false, false, _) => "undecided",
    }
}

#[test]
fn the_table_of_pairs_gets_its_verdicts() {
    let pairs: Vec<Value> = serde_json::from_str(include_str!("data/diff-pairs.json")).unwrap();
    assert!(pairs.len() >= 30);
    let mut kinds = (0, 0);
    for pair in &pairs {
        let name = pair["name"].as_str().unwrap();
        let old = policy(&pair["old"].to_string());
        let new = policy(&pair["new"].to_string());
        let kind = ramp_core::policy::lint::kind_of(&new);
        assert_eq!(kind.as_str(), pair["kind"], "{name}: kind detected");
        if kind == Kind::Trust {
            kinds.1 += 1;
        } else {
            kinds.0 += 1;
        }
        let c = compare(&old, &new, kind).unwrap();
        assert_eq!(verdict(&c), pair["expect"], "{name}: {:#?}", c.changes);
        examples_hold(&old, &new, &c);
        // The same pair the other way round: new and lost swap.
        let back = compare(&new, &old, kind).unwrap();
        let swapped = match verdict(&c) {
            "new" => "lost",
            "lost" => "new",
            v => v,
        };
        assert_eq!(verdict(&back), swapped, "{name}, reversed");
    }
    assert!(kinds.0 >= 10 && kinds.1 >= 10, "{kinds:?}");
}

#[test]
fn a_change_names_its_class_in_patterns() {
    let old = policy(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#,
    );
    let new = policy(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:*","Resource":"*"}]}"#,
    );
    let c = compare(&old, &new, Kind::Permission).unwrap();
    assert_eq!(c.changes.len(), 1);
    let action = &c.changes[0].parts[0];
    assert_eq!(action.matching, vec!["arms:*"]);
    assert_eq!(action.not_matching, vec!["arms:Get*"]);
    assert_eq!(c.changes[0].allowed_by, vec![0]);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
        proptest::sample::select(items).prop_map(str::to_owned)
    }

    fn condition() -> impl Strategy<Value = Option<String>> {
        proptest::option::weighted(
            0.5,
            pick(&[
                r#"{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}"#,
                r#"{"IpAddress":{"acs:SourceIp":["10.1.0.0/16","192.168.0.0/16"]}}"#,
                r#"{"NotIpAddress":{"acs:SourceIp":"10.1.0.0/16"}}"#,
                r#"{"Bool":{"acs:MFAPresent":"true"}}"#,
                r#"{"StringEquals":{"acs:SourceVpc":"vpc-a"}}"#,
                r#"{"StringLike":{"acs:SourceVpc":"vpc-*"}}"#,
                r#"{"StringNotEquals":{"acs:SourceVpc":["vpc-a","vpc-b"]}}"#,
                r#"{"StringEquals":{"sts:ExternalId":"ext-1"}}"#,
                r#"{"StringLike":{"sts:ExternalId":"*"}}"#,
                r#"{"Bool":{"acs:MFAPresent":"false"},"IpAddress":{"acs:SourceIp":"192.168.0.0/16"}}"#,
            ]),
        )
    }

    fn permission_statement() -> impl Strategy<Value = String> {
        let actions = &[
            "\"arms:*\"",
            "\"arms:Get*\"",
            "\"arms:GetTraceApp\"",
            "[\"arms:?et*\",\"cms:*\"]",
            "\"*\"",
            "\"ARMS:get*\"",
        ];
        (
            proptest::bool::weighted(0.7),
            proptest::bool::weighted(0.15),
            pick(actions),
            pick(&[
                "\"*\"",
                "\"acs:arms:*:*:armsapp/shop\"",
                "\"acs:arms:*:*:armsapp/*\"",
                "[\"acs:arms:cn-*:*:*\",\"acs:arms:*:*:armsapp/cart\"]",
            ]),
            condition(),
        )
            .prop_map(|(allow, not, action, resource, cond)| {
                format!(
                    r#"{{"Effect":"{}","{}":{action},"Resource":{resource}{}}}"#,
                    if allow { "Allow" } else { "Deny" },
                    if not { "NotAction" } else { "Action" },
                    cond.map(|c| format!(r#","Condition":{c}"#))
                        .unwrap_or_default()
                )
            })
    }

    fn trust_statement() -> impl Strategy<Value = String> {
        (
            proptest::bool::weighted(0.8),
            pick(&[
                r#"{"RAM":"acs:ram::1111111111111111:root"}"#,
                r#"{"RAM":"2222222222222222"}"#,
                r#"{"RAM":["acs:ram::1111111111111111:user/ci","acs:ram::2222222222222222:role/*"]}"#,
                r#"{"RAM":"acs:ram::1111111111111111:user/*"}"#,
                r#"{"Service":"ecs.aliyuncs.com"}"#,
                r#"{"Federated":"acs:ram::1111111111111111:saml-provider/*"}"#,
                r#""*""#,
            ]),
            condition(),
        )
            .prop_map(|(allow, principal, cond)| {
                format!(
                    r#"{{"Effect":"{}","Action":"sts:AssumeRole","Principal":{principal}{}}}"#,
                    if allow { "Allow" } else { "Deny" },
                    cond.map(|c| format!(r#","Condition":{c}"#)).unwrap_or_default()
                )
            })
    }

    fn document(statement: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        proptest::collection::vec(statement, 1..4)
            .prop_map(|s| format!(r#"{{"Version":"1","Statement":[{}]}}"#, s.join(",")))
    }

    fn context() -> impl Strategy<Value = Vec<(&'static str, String)>> {
        (
            pick(&[
                "10.1.2.3",
                "10.200.0.1",
                "192.168.1.1",
                "8.8.8.8",
                "2001:db8::1",
            ]),
            pick(&["true", "false"]),
            proptest::option::of(pick(&["vpc-a", "vpc-b", "vpc-c", "VPC-A"])),
            proptest::option::of(pick(&["ext-1", "ext-2"])),
        )
            .prop_map(|(ip, mfa, vpc, ext)| {
                let mut c = vec![("acs:SourceIp", ip), ("acs:MFAPresent", mfa)];
                c.extend(vpc.map(|v| ("acs:SourceVpc", v)));
                c.extend(ext.map(|v| ("sts:ExternalId", v)));
                c
            })
    }

    fn request(kind: Kind) -> impl Strategy<Value = Request> {
        (
            pick(&[
                "arms:GetTraceApp",
                "arms:SetX",
                "arms:DeleteTraceApp",
                "cms:GetMetric",
                "ram:CreateUser",
                "ARMS:gettraceapp",
            ]),
            pick(&[
                "acs:arms:cn-hangzhou:1:armsapp/shop",
                "acs:arms:us-east-1:1:armsapp/cart",
                "acs:arms:us-east-1:1:armsapp/other",
                "acs:ecs:cn-hangzhou:1:instance/i-1",
            ]),
            pick(&[
                "user:1111111111111111/ci",
                "user:1111111111111111/alice",
                "role:2222222222222222/deployer/s",
                "user:3333333333333333/bob",
                "service:ecs.aliyuncs.com",
                "service:ECS.aliyuncs.com",
                "service:fc.aliyuncs.com",
                "federated:acs:ram::1111111111111111:saml-provider/okta",
            ]),
            context(),
        )
            .prop_map(move |(action, resource, caller, ctx)| {
                let mut context = ramp_core::policy::eval::Context::new().missing_is_absent();
                for (k, v) in ctx {
                    context.insert(k, &v);
                }
                let trust = kind == Kind::Trust;
                Request {
                    caller: if trust {
                        ramp_core::policy::eval::Caller::parse(&caller).unwrap()
                    } else {
                        ramp_core::policy::eval::Caller::parse("user:1111111111111111/alice")
                            .unwrap()
                    },
                    action: if trust {
                        "sts:AssumeRole".into()
                    } else {
                        action
                    },
                    resource,
                    resource_group: None,
                    context,
                }
            })
    }

    fn check(old: &str, new: &str, kind: Kind, requests: &[Request]) -> Result<(), TestCaseError> {
        let (old, new) = (policy(old), policy(new));
        let c = compare(&old, &new, kind).unwrap();
        examples_hold(&old, &new, &c);
        for req in requests {
            let (o, n) = (decide(&old, kind, req), decide(&new, kind, req));
            if n == Decision::Allow && o != Decision::Allow {
                prop_assert!(
                    c.grants_new_access(),
                    "NEW allows {req:?}, OLD does not; diff: {:?}",
                    c.changes
                );
            }
            if o == Decision::Allow && n != Decision::Allow {
                prop_assert!(
                    c.toward(Direction::Lost).next().is_some(),
                    "OLD allowed {req:?}; diff: {:?}",
                    c.changes
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn new_access_is_never_missed_in_permission_policies(
            old in document(permission_statement()),
            new in document(permission_statement()),
            requests in proptest::collection::vec(request(Kind::Permission), 24),
        ) {
            check(&old, &new, Kind::Permission, &requests)?;
        }

        #[test]
        fn new_access_is_never_missed_in_trust_policies(
            old in document(trust_statement()),
            new in document(trust_statement()),
            requests in proptest::collection::vec(request(Kind::Trust), 24),
        ) {
            check(&old, &new, Kind::Trust, &requests)?;
        }
    }
}
