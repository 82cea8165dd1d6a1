use super::*;

const DOC: &str = r#"{"Version":"1","Statement":{"Sid":"keep","Effect":"Allow","Action":"arms:Get*","Resource":"*"}}"#;

#[test]
fn visual_edits_round_trip_through_the_json_and_keep_the_rest() {
    let shown = read(DOC).unwrap();
    assert_eq!(shown[0].actions, ["arms:Get*"]);
    assert_eq!(shown[0].other, ["Sid"]);
    let t = apply(DOC, &Edit::Add(0, List::Action, " arms:List* ".into())).unwrap();
    let t = apply(&t, &Edit::Add(0, List::Action, "arms:List*".into())).unwrap();
    let t = apply(&t, &Edit::Effect(0, "Deny".into())).unwrap();
    let t = apply(
        &t,
        &Edit::AddCondition(
            0,
            "IpAddress".into(),
            "acs:SourceIp".into(),
            vec!["10.0.0.0/8".into(), " ".into()],
        ),
    )
    .unwrap();
    let back = read(&t).unwrap();
    assert_eq!(back[0].actions, ["arms:Get*", "arms:List*"], "no duplicate");
    assert_eq!(back[0].effect, "Deny");
    assert_eq!(
        back[0].conditions,
        [(
            "IpAddress".into(),
            "acs:SourceIp".into(),
            vec!["10.0.0.0/8".into()]
        )]
    );
    assert_eq!(back[0].other, ["Sid"], "Sid kept");
    // Written in the canonical layout the linter's reader accepts.
    let parsed = parse_policy(&t).unwrap();
    assert!(parsed.problems.is_empty());
    assert_eq!(print(&parsed.policy), t);
    let t = apply(&t, &Edit::RemoveCondition(0, 0)).unwrap();
    assert!(!t.contains("Condition"));
    let t = apply(&t, &Edit::Remove(0, List::Action, 0)).unwrap();
    assert_eq!(read(&t).unwrap()[0].actions, ["arms:List*"]);
}

#[test]
fn trust_statements_and_principals() {
    let t = apply(
        r#"{"Version":"1","Statement":[]}"#,
        &Edit::AddStatement { trust: true },
    )
    .unwrap();
    let t = apply(
        &t,
        &Edit::AddPrincipal(0, "RAM".into(), "acs:ram::2222222222222222:root".into()),
    )
    .unwrap();
    let t = apply(
        &t,
        &Edit::AddPrincipal(0, "Service".into(), "ecs.aliyuncs.com".into()),
    )
    .unwrap();
    let s = &read(&t).unwrap()[0];
    assert_eq!(s.actions, ["sts:AssumeRole"]);
    assert_eq!(s.principals.len(), 2);
    let t = apply(&t, &Edit::RemovePrincipal(0, 1)).unwrap();
    assert_eq!(
        read(&t).unwrap()[0].principals,
        [("RAM".into(), "acs:ram::2222222222222222:root".into())]
    );
    let t = apply(&t, &Edit::RemoveStatement(0)).unwrap();
    assert!(read(&t).unwrap().is_empty());
}

#[test]
fn broken_json_is_not_touched() {
    assert!(read("{ nope").is_err());
    assert_eq!(apply("{ nope", &Edit::AddStatement { trust: false }), None);
    assert_eq!(
        arn("arms", "cn-hangzhou", "", "armsapp/shop"),
        "acs:arms:cn-hangzhou:*:armsapp/shop"
    );
}
