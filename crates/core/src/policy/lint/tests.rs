//! Golden cases: every check finds its failing example and stays silent on its
//! passing one; plus behaviour around kinds, tiers and languages.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::checks::expand;
use super::*;

fn now() -> UtcTime {
    UtcTime::parse("2026-11-22T00:00:00Z").unwrap()
}

fn codes(check: &Check, example: &str) -> Vec<&'static str> {
    let text = expand(example);
    let findings = match check.scope {
        Scope::Set => lint_set(&parse_set(&text).unwrap_or_else(|e| panic!("{}: {e}", check.code))),
        scope => {
            let kind = match scope {
                Scope::Trust => Kind::Trust,
                _ => Kind::Permission,
            };
            lint_text(
                &text,
                &Options {
                    kind: Some(kind),
                    now: Some(now()),
                },
            )
            .findings
        }
    };
    findings.iter().map(|f| f.check.code).collect()
}

#[test]
fn every_check_finds_its_failing_example() {
    for c in CHECKS {
        let found = codes(c, c.bad);
        assert!(
            found.contains(&c.code),
            "{} ({}) missed its bad example; found {found:?}",
            c.code,
            c.name
        );
    }
}

#[test]
fn every_check_passes_its_fixed_example() {
    for c in CHECKS {
        let found = codes(c, c.good);
        assert!(
            !found.contains(&c.code),
            "{} ({}) fired on its good example",
            c.code,
            c.name
        );
    }
}

#[test]
fn the_catalogue_has_over_forty_checks_in_four_tiers_with_unique_codes() {
    assert!(CHECKS.len() >= 40, "{}", CHECKS.len());
    let mut seen = std::collections::HashSet::new();
    for c in CHECKS {
        assert!(seen.insert(c.code), "duplicate code {}", c.code);
        let letter = match c.tier {
            Tier::Error => 'E',
            Tier::Security => 'S',
            Tier::Warning => 'W',
            Tier::Suggestion => 'N',
        };
        assert!(
            c.code.starts_with(letter),
            "{} has tier {:?}",
            c.code,
            c.tier
        );
        assert!(!c.message_zh.is_empty() && !c.fix_zh.is_empty() && c.fix_en.ends_with('.'));
    }
    for tier in [Tier::Error, Tier::Security, Tier::Warning, Tier::Suggestion] {
        assert!(CHECKS.iter().any(|c| c.tier == tier));
    }
    assert!(CHECKS.iter().filter(|c| c.scope == Scope::Set).count() >= 6);
}

#[test]
fn kind_changes_the_rules() {
    let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"}}]}"#;
    let auto = lint_text(trust, &Options::default());
    assert_eq!(auto.kind, Kind::Trust);
    let auto_codes: Vec<_> = auto.findings.iter().map(|f| f.check.code).collect();
    assert!(
        auto_codes.contains(&"S004") && !auto_codes.contains(&"E009"),
        "{auto_codes:?}"
    );
    let forced = lint_text(
        trust,
        &Options {
            kind: Some(Kind::Permission),
            now: None,
        },
    );
    let forced_codes: Vec<_> = forced.findings.iter().map(|f| f.check.code).collect();
    assert!(
        forced_codes.contains(&"E009") && forced_codes.contains(&"E022"),
        "{forced_codes:?}"
    );
}

#[test]
fn findings_have_positions_paths_and_both_languages() {
    let text = "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"sts:GetCallerIdentty\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    let r = lint_text(text, &Options::default());
    let f = r
        .findings
        .iter()
        .find(|f| f.check.code == "W010")
        .expect("W010");
    assert_eq!((f.loc.pos.line, f.loc.pos.column), (6, 17));
    assert_eq!(f.loc.path, "Statement[0].Action");
    assert_eq!(f.hint.as_deref(), Some("sts:GetCallerIdentity"));
    assert!(f.message(Lang::En).contains("`sts:GetCallerIdentty`"));
    assert!(f.message(Lang::Zh).contains("不是该服务的操作"));
    assert!(f
        .fix(Lang::En)
        .starts_with("Did you mean `sts:GetCallerIdentity`?"));
    assert!(f
        .fix(Lang::Zh)
        .starts_with("是否应为 `sts:GetCallerIdentity`？"));
    assert_eq!(r.worst(), Some(Tier::Warning));
}

#[test]
fn malformed_json_is_one_error_with_line_and_column() {
    let r = lint_text(
        "{\n  \"Version\": \"1\",\n  \"Statement\": [}\n",
        &Options::default(),
    );
    assert_eq!(r.findings.len(), 1);
    let f = &r.findings[0];
    assert_eq!(f.check.code, "E001");
    assert_eq!(f.loc.pos.line, 3);
    assert!(f.message(Lang::Zh).contains("JSON"));
    assert!(r.parsed.is_none());
}

#[test]
fn the_example_policies_of_the_flows_are_free_of_errors() {
    for p in crate::policy::catalogue::SYSTEM_POLICIES {
        let Some(doc) = p.document else { continue };
        let r = lint_text(
            doc,
            &Options {
                kind: Some(Kind::Permission),
                now: Some(now()),
            },
        );
        let errors: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.check.tier == Tier::Error)
            .map(|f| f.check.code)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.name);
    }
}

#[test]
fn tiers_parse_and_order() {
    assert_eq!(Tier::parse("Security"), Some(Tier::Security));
    assert_eq!(Tier::parse("fatal"), None);
    assert!(Tier::Error < Tier::Suggestion);
    assert_eq!(Tier::Warning.label(Lang::Zh), "一般警告");
}

/// W013 and W021 follow the documented order (RAM, "Policy evaluation
/// process"): an account-scope Allow ends the evaluation, so a
/// resource-group Deny neither shadows it nor applies under it.
#[test]
fn shadowing_follows_the_scope_order() {
    let set_codes = |text: &str| -> Vec<&'static str> {
        lint_set(&parse_set(text).unwrap())
            .iter()
            .map(|f| f.check.code)
            .collect()
    };
    let allow = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:DeleteTraceApp","Resource":"*"}]}"#;
    let deny =
        r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"arms:Delete*","Resource":"*"}]}"#;
    // Account Allow, group Deny: the Allow takes effect; the Deny never applies.
    let found = set_codes(&format!("custom a {allow}\ncustom-rg rg-shop d {deny}"));
    assert!(
        !found.contains(&"W013") && found.contains(&"W021"),
        "{found:?}"
    );
    // Group Allow, account Deny: the Allow never takes effect.
    let found = set_codes(&format!("custom-rg rg-shop a {allow}\ncustom d {deny}"));
    assert!(
        found.contains(&"W013") && !found.contains(&"W021"),
        "{found:?}"
    );
    // Both in one group: shadowed there; in another group: not.
    let found = set_codes(&format!(
        "custom-rg rg-shop a {allow}\ncustom-rg rg-shop d {deny}"
    ));
    assert!(found.contains(&"W013"), "{found:?}");
    let found = set_codes(&format!(
        "custom-rg rg-shop a {allow}\ncustom-rg rg-other d {deny}"
    ));
    assert!(
        !found.contains(&"W013") && !found.contains(&"W021"),
        "{found:?}"
    );
}

fn trust_codes(text: &str) -> Vec<&'static str> {
    lint_text(
        text,
        &Options {
            kind: Some(Kind::Trust),
            now: Some(now()),
        },
    )
    .findings
    .iter()
    .map(|f| f.check.code)
    .collect()
}

/// OIDC identity providers are trust principals (`acs:ram::<id>:oidc-provider/<name>`,
/// the ARN AssumeRoleWithOIDC takes; STS API reference) — issue 20.6.
#[test]
fn an_oidc_provider_is_a_valid_federated_principal() {
    let oidc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"acs:ram::1111111111111111:oidc-provider/github"},"Condition":{"StringEquals":{"oidc:aud":"sts.aliyuncs.com"}}}]}"#;
    let found = trust_codes(oidc);
    assert!(
        !found.contains(&"E031") && !found.contains(&"E030"),
        "{found:?}"
    );
    // A made-up provider kind still is not.
    let found = trust_codes(&oidc.replace("oidc-provider", "ldap-provider"));
    assert!(found.contains(&"E031"), "{found:?}");
}

/// The AssumeRole ExternalId format binds what a request sends — what
/// StringEquals compares — not a StringLike pattern (issue 20.7).
#[test]
fn external_id_patterns_are_not_held_to_the_parameter_format() {
    let with = |op: &str, value: &str| {
        trust_codes(&format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":"acs:ram::2222222222222222:root"}},"Condition":{{"{op}":{{"sts:ExternalId":"{value}"}}}}}}]}}"#
        ))
    };
    assert!(!with("StringLike", "ramp-*").contains(&"E032"));
    assert!(
        with("StringLike", "ramp-*").contains(&"S007"),
        "a pattern is still loose"
    );
    assert!(with("StringEquals", "ramp *").contains(&"E032"));
    assert!(!with("StringEquals", "ramp-42").contains(&"E032"));
}

/// `Code` names each check by its code, in the catalogue's order, so code
/// that pushes a finding cannot mistype one (issue 21.3).
#[test]
fn codes_name_their_checks() {
    for (i, c) in CHECKS.iter().enumerate() {
        assert_eq!(check(c.code).map(|k| k.code), Some(c.code), "{i}");
    }
    assert_eq!(Code::E005.check().code, "E005");
    assert_eq!(Code::W021.check().name, "group-deny-overridden");
    assert!(check("Z999").is_none());
}
