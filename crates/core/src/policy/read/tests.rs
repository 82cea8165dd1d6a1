use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn paths_name_keys_and_indexes() {
    assert_eq!(path_key("", "Statement"), "Statement");
    assert_eq!(path_index("Statement", 0), "Statement[0]");
    assert_eq!(path_index("Statement", 1234), "Statement[1234]");
    assert_eq!(
        path_key("Statement[12]", "Condition"),
        "Statement[12].Condition"
    );
    assert_eq!(
        path_key("Statement[0].Condition.IpAddress", "acs:SourceIp"),
        "Statement[0].Condition.IpAddress[\"acs:SourceIp\"]"
    );
    assert_eq!(path_key("", "a \"b\""), "[\"a \\\"b\\\"\"]");
    assert_eq!(path_key("", ""), "[\"\"]");
    assert_eq!(path_index("", usize::MAX), format!("[{}]", usize::MAX));
}

#[test]
fn reads_a_trust_policy_with_paths_and_positions() {
    let text = r#"{
  "Version": "1",
  "Statement": [{
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Principal": {"RAM": ["acs:ram::1234567890123456:root"]},
    "Condition": {"StringEquals": {"sts:ExternalId": "abc"}, "Bool": {"acs:MFAPresent": true}}
  }]
}"#;
    let parsed = parse_policy(text).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let s = &parsed.policy.statements[0];
    let action = s.action.as_ref().unwrap();
    assert!(!action.as_list);
    assert_eq!(
        (
            action.loc.pos.line,
            action.loc.pos.column,
            action.loc.path.as_str()
        ),
        (5, 15, "Statement[0].Action")
    );
    let p = s.principal.as_ref().unwrap();
    assert_eq!(
        p.entries[0].values.items[0].loc.path,
        "Statement[0].Principal.RAM[0]"
    );
    let c = s.condition.as_ref().unwrap();
    assert_eq!(
        c.blocks[0].keys[0].key.loc.path,
        r#"Statement[0].Condition.StringEquals["sts:ExternalId"]"#
    );
    assert_eq!(c.blocks[1].keys[0].values.items[0].value, "true");
}

#[test]
fn reports_structure_problems_and_keeps_going() {
    let text = r#"{"Version": "1", "Statement": {"effect": "Allow", "Action": ["ecs:*", 3], "Action": "x", "Resource": []}}"#;
    let parsed = parse_policy(text).unwrap();
    assert!(!parsed.policy.statement_as_list);
    let kinds: Vec<_> = parsed
        .problems
        .iter()
        .map(|p| (&p.kind, p.loc.path.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                &ProblemKind::UnknownKey {
                    key: "effect".into(),
                    suggestion: Some("Effect")
                },
                "Statement.effect"
            ),
            (
                &ProblemKind::WrongType {
                    expected: "a string or a list of strings",
                    found: "number"
                },
                "Statement.Action[1]"
            ),
            (
                &ProblemKind::DuplicateKey("Action".into()),
                "Statement.Action"
            ),
            (&ProblemKind::EmptyList, "Statement.Resource"),
        ]
    );
    assert_eq!(
        parsed.policy.statements[0]
            .action
            .as_ref()
            .unwrap()
            .items
            .len(),
        1
    );
}
