//! Property tests of the policy language (native only): printing then parsing
//! gives back the same model; normalising twice changes nothing; printing is
//! idempotent; the parser never panics; the summary speaks once per statement.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use proptest::prelude::*;
use ramp_core::policy::model::*;
use ramp_core::policy::{normalize, parse_policy, print, without_locations};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}:[A-Za-z*?]{0,8}",
        "\\PC{0,10}",
        Just("*".to_owned()),
        Just("acs:ram::1234567890123456:root".to_owned())
    ]
}

fn located(value: String) -> Located<String> {
    Located {
        value,
        loc: Loc::default(),
    }
}

fn values() -> impl Strategy<Value = Values> {
    prop_oneof![
        text().prop_map(|t| Values {
            items: vec![located(t)],
            as_list: false,
            loc: Loc::default()
        }),
        proptest::collection::vec(text(), 0..4).prop_map(|ts| Values {
            items: ts.into_iter().map(located).collect(),
            as_list: true,
            loc: Loc::default()
        }),
    ]
}

fn principal() -> impl Strategy<Value = Principal> {
    prop_oneof![
        Just(Principal {
            loc: Loc::default(),
            wildcard: true,
            entries: vec![]
        }),
        proptest::collection::btree_map(
            prop_oneof![
                Just("RAM".to_owned()),
                Just("Service".to_owned()),
                Just("Federated".to_owned())
            ],
            values(),
            0..3
        )
        .prop_map(|m: BTreeMap<String, Values>| Principal {
            loc: Loc::default(),
            wildcard: false,
            entries: m
                .into_iter()
                .map(|(k, values)| PrincipalEntry {
                    kind: located(k),
                    values
                })
                .collect(),
        }),
    ]
}

fn condition() -> impl Strategy<Value = Condition> {
    proptest::collection::btree_map(
        "[A-Za-z]{1,12}",
        proptest::collection::btree_map("[a-z]{1,4}:[A-Za-z]{1,8}", values(), 0..3),
        0..3,
    )
    .prop_map(|m| Condition {
        loc: Loc::default(),
        blocks: m
            .into_iter()
            .map(|(op, keys)| ConditionBlock {
                operator: located(op),
                keys: keys
                    .into_iter()
                    .map(|(k, values)| ConditionKey {
                        key: located(k),
                        values,
                    })
                    .collect(),
            })
            .collect(),
    })
}

prop_compose! {
    fn statement()(sid in proptest::option::of("[A-Za-z0-9]{1,8}"),
                   effect in proptest::option::of(prop_oneof![Just("Allow".to_owned()), Just("Deny".to_owned()), text()]),
                   action in proptest::option::of(values()), not_action in proptest::option::of(values()),
                   resource in proptest::option::of(values()), principal in proptest::option::of(principal()),
                   condition in proptest::option::of(condition())) -> Statement {
        Statement {
            index: 0, loc: Loc::default(), sid: sid.map(located), effect: effect.map(located), action, not_action,
            resource, not_resource: None, principal, not_principal: None, condition,
        }
    }
}

prop_compose! {
    fn policy()(version in proptest::option::of(prop_oneof![Just("1".to_owned()), text()]),
                statements in proptest::collection::vec(statement(), 0..4), single in any::<bool>()) -> Policy {
        let as_list = !(single && statements.len() == 1);
        Policy {
            version: version.map(located),
            statements: statements.into_iter().enumerate().map(|(i, s)| Statement { index: i, ..s }).collect(),
            statement_as_list: as_list,
            loc: Loc::default(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parse_of_print_is_identity_on_the_model(p in policy()) {
        let text = print(&p);
        let parsed = parse_policy(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(parsed.problems.iter().all(|pr| pr.kind == ramp_core::policy::ProblemKind::EmptyList), "{:?}", parsed.problems);
        prop_assert_eq!(without_locations(&parsed.policy), p);
    }

    #[test]
    fn printing_is_idempotent(p in policy()) {
        let once = print(&p);
        let twice = print(&parse_policy(&once).expect("own output parses").policy);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn normalising_is_idempotent(p in policy()) {
        let n = normalize(&p);
        prop_assert_eq!(normalize(&n), n.clone());
        prop_assert!(n.statements.iter().all(|s| s.action.as_ref().is_none_or(|a| a.as_list)));
    }

    #[test]
    fn parser_never_panics(s in "\\PC{0,200}") {
        let _ = parse_policy(&s);
    }

    #[test]
    fn the_summary_has_one_sentence_per_statement_in_both_languages(p in policy()) {
        for lang in [ramp_core::lang::Lang::En, ramp_core::lang::Lang::Zh] {
            let said = ramp_core::policy::summary::summary(&p, lang);
            prop_assert_eq!(said.len(), p.statements.len());
            prop_assert!(said.iter().all(|s| s.ends_with('.') || s.ends_with('。')), "{:?}", said);
        }
    }

    #[test]
    fn parser_never_panics_on_json_like_noise(s in "[\\[\\]{}\":,0-9a-z\\\\ \n-]{0,200}") {
        let _ = parse_policy(&s);
    }
}

mod effect_symmetry {
    use proptest::prelude::*;
    use ramp_core::policy::eval::*;
    use ramp_core::policy::parse_policy;

    fn pattern() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-c]{1,2}:[A-Ca-c*?]{0,4}",
            Just("*".to_owned()),
            "[a-c]{1,2}:\\*"
        ]
    }

    fn policy(
        effect: &str,
        actions: &[String],
        resources: &[String],
        mfa: Option<bool>,
    ) -> NamedPolicy {
        let condition = mfa
            .map(|b| format!(r#","Condition":{{"Bool":{{"acs:MFAPresent":"{b}"}}}}"#))
            .unwrap_or_default();
        let json = format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"{effect}","Action":{},"Resource":{}{condition}}}]}}"#,
            serde_json::to_string(actions).unwrap(),
            serde_json::to_string(resources).unwrap()
        );
        NamedPolicy {
            name: "p".into(),
            policy: parse_policy(&json).unwrap().policy,
        }
    }

    proptest! {
        #[test]
        fn a_statement_that_allows_a_request_denies_it_when_flipped(
            actions in proptest::collection::vec(pattern(), 1..3),
            resources in proptest::collection::vec(prop_oneof![Just("*".to_owned()), "acs:[a-c*]{1,3}"], 1..3),
            mfa in proptest::option::of(any::<bool>()),
            action in "[a-c]{1,2}:[A-Ca-c]{0,4}", resource in "acs:[a-c]{1,3}", mfa_present in any::<bool>(),
        ) {
            let request = Request {
                caller: Caller::RamUser { account_id: "1".into(), name: "u".into() },
                action, resource, resource_group: None,
                context: Context::new().with("acs:MFAPresent", if mfa_present { "true" } else { "false" }),
            };
            let with = |effect| Policies {
                attachments: vec![Attachment { policy: policy(effect, &actions, &resources, mfa), resource_group: None }],
                ..Policies::default()
            };
            let allow = evaluate(&request, &with("Allow")).decision;
            let deny = evaluate(&request, &with("Deny")).decision;
            prop_assert_eq!(allow == Decision::Allow, deny == Decision::ExplicitDeny);
            prop_assert!(matches!(deny, Decision::ExplicitDeny | Decision::ImplicitDeny));
        }
    }
}
