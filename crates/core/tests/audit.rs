//! The access model, who-can and the findings of a messy account read
//! from a snapshot: direct, group and resource-group grants, an explicit
//! Deny that cancels a group's grant, an application-scoped policy, roles
//! trusted by other accounts, an administrator and stale keys.

#![cfg(not(target_arch = "wasm32"))]

use ramp_core::audit::access::ScopeAccess;
use ramp_core::audit::account::Principal;
use ramp_core::audit::assumers::Who;
use ramp_core::audit::findings::{findings, Check, Options};
use ramp_core::audit::who_can::{who_can, Question};
use ramp_core::audit::{model, Account, Level, Model, PrincipalAccess};
use ramp_core::time::UtcTime;

fn messy() -> Account {
    serde_json::from_str(include_str!("data/messy-account.json")).unwrap()
}

fn of<'a>(m: &'a Model, p: &Principal) -> &'a PrincipalAccess {
    m.principals.iter().find(|a| &a.principal == p).unwrap()
}

fn user(n: &str) -> Principal {
    Principal::User(n.into())
}

fn scope<'a>(a: &'a PrincipalAccess, rg: Option<&str>) -> &'a ScopeAccess {
    a.scopes
        .iter()
        .find(|s| s.resource_group.as_deref() == rg)
        .unwrap_or_else(|| panic!("{:?} has no scope {rg:?}: {:?}", a.principal, a.scopes))
}

#[test]
fn every_principal_gets_its_level_and_the_path_that_grants_it() {
    let m = model(&messy());
    let levels: Vec<(&str, &str)> = m
        .principals
        .iter()
        .map(|a| (a.principal.name(), a.arms.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            ("admin", "full"),
            ("alice", "full"),
            ("bob", "read-only"),
            ("carol", "none"),
            ("dave", "read-only"),
            ("erin", "read-only"),
            ("frank", "none"),
            ("ghost", "none"),
            ("empty", "none"),
            ("readers", "read-only"),
            ("cross-viewer", "read-only"),
            ("ecs-role", "none"),
            ("guarded", "full"),
        ]
    );
    // bob reads through his group, at the account's scope.
    let bob = scope(of(&m, &user("bob")), None);
    assert_eq!(bob.paths.len(), 1, "{:?}", bob.paths);
    assert_eq!(
        (
            bob.paths[0].via.as_deref(),
            bob.paths[0].policy.as_str(),
            bob.paths[0].effect.as_str()
        ),
        (Some("readers"), "AliyunARMSReadOnlyAccess", "Allow")
    );
    // carol is in the same group, and her own Deny takes it all away.
    let carol = scope(of(&m, &user("carol")), None);
    assert_eq!(carol.level, Level::None);
    assert!(carol
        .denied_by
        .iter()
        .any(|p| p.policy == "deny-arms" && p.via.is_none()));
    // dave: one action everywhere, read-only in the shop's resource group.
    let dave = of(&m, &user("dave"));
    assert_eq!(scope(dave, None).level, Level::Partial);
    let shop = scope(dave, Some("rg-shop"));
    assert_eq!(shop.level, Level::ReadOnly);
    assert!(shop
        .paths
        .iter()
        .any(|p| p.resource_group.as_deref() == Some("rg-shop")));
    // erin: some applications only, at the account's scope.
    let erin = scope(of(&m, &user("erin")), None);
    assert_eq!(erin.level, Level::Partial);
    assert_eq!(erin.paths[0].policy, "arms-shop-apps");
    assert_eq!(erin.paths[0].version, "v2");
    // A role trusted by another account shows who may act with its access.
    let cross = of(&m, &Principal::Role("cross-viewer".into()));
    assert_eq!(
        cross.assumers[0].who,
        Who::Account {
            account: "2222222222222222".into()
        }
    );
}

#[test]
fn who_can_names_each_principal_with_its_path() {
    let a = messy();
    let q = Question {
        action: "arms:UpdatePrometheusInstance".into(),
        resource: "acs:arms:cn-hangzhou:1111111111111111:prometheus/c-1".into(),
        resource_group: None,
    };
    let able = who_can(&a, &q);
    let names: Vec<&str> = able.iter().map(|w| w.principal.name()).collect();
    assert_eq!(names, ["admin", "alice", "guarded"]);
    let read = Question {
        action: "arms:GetTraceApp".into(),
        resource: "acs:arms:cn-hangzhou:1111111111111111:traceapp/p-1".into(),
        resource_group: Some("rg-shop".into()),
    };
    let able = who_can(&a, &read);
    let readers: Vec<&str> = able.iter().map(|w| w.principal.name()).collect();
    assert_eq!(
        readers,
        [
            "admin",
            "alice",
            "bob",
            "dave",
            "erin",
            "cross-viewer",
            "guarded"
        ]
    );
}

#[test]
fn the_findings_of_a_messy_account_each_on_its_principal() {
    let a = messy();
    let now = UtcTime::parse("2026-12-03T00:00:00Z").unwrap();
    let f = findings(&a, &model(&a), &Options::at(now));
    let got: Vec<(Check, String)> = f
        .iter()
        .map(|f| {
            (
                f.code,
                f.subject.rsplit(['/', ' ']).next().unwrap().to_owned(),
            )
        })
        .collect();
    let has = |c: Check, who: &str| got.contains(&(c, who.to_owned()));
    assert!(
        has(Check::A001, "cross-viewer") && !has(Check::A001, "guarded"),
        "{got:?}"
    );
    assert!(
        has(Check::A002, "frank") && !has(Check::A002, "alice"),
        "{got:?}"
    );
    assert!(
        has(Check::A003, "frank") && !has(Check::A003, "admin"),
        "{got:?}"
    );
    assert!(
        has(Check::A004, "ghost") && has(Check::A004, "frank"),
        "{got:?}"
    );
    assert_eq!(
        f.iter().filter(|f| f.code == Check::A004).count(),
        2,
        "the new key is in use: {got:?}"
    );
    assert!(
        has(Check::A005, "frank") && has(Check::A005, "ghost"),
        "{got:?}"
    );
    assert!(
        has(Check::A006, "ghost") && !has(Check::A006, "frank"),
        "{got:?}"
    );
    assert!(
        has(Check::A007, "admin") && !has(Check::A007, "alice"),
        "{got:?}"
    );
    assert!(
        has(Check::A008, "guarded") && !has(Check::A008, "alice"),
        "{got:?}"
    );
    assert!(
        has(Check::A009, "erin") && !has(Check::A009, "dave"),
        "{got:?}"
    );
    assert!(
        has(Check::A010, "admin") && !has(Check::A010, "alice"),
        "{got:?}"
    );
    // The system policies were not read here: the catalogue's are used, so none differs.
    assert!(!got.iter().any(|(c, _)| *c == Check::A013), "{got:?}");
    assert!(
        has(Check::A011, "empty") && !has(Check::A011, "readers"),
        "{got:?}"
    );
    assert!(
        has(Check::A012, "unused") && !has(Check::A012, "deny-arms"),
        "{got:?}"
    );
    // Every finding says it in both languages.
    assert!(f
        .iter()
        .all(|f| !f.message_zh.is_empty() && !f.fix_zh.is_empty()));
    // Thresholds are settings: at 400 days, frank's old key is not yet unused.
    let lenient = Options {
        unused_days: 600,
        ..Options::at(now)
    };
    let f = findings(&a, &model(&a), &lenient);
    assert!(!f
        .iter()
        .any(|f| f.code == Check::A004 && f.subject.ends_with("frank")));
}

#[test]
fn the_model_findings_and_who_can_cross_a_json_boundary_unchanged() {
    // The Access page gets them from the engine as JSON.
    let a = messy();
    let m = model(&a);
    let back: Model = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(back, m);
    let now = UtcTime::parse("2026-12-03T00:00:00Z").unwrap();
    let f = findings(&a, &m, &Options::at(now));
    let text = serde_json::to_string(&f).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<ramp_core::audit::findings::Finding>>(&text).unwrap(),
        f
    );
    let q = Question {
        action: "arms:GetTraceApp".into(),
        resource: "*".into(),
        resource_group: None,
    };
    let able = who_can(&a, &q);
    let text = serde_json::to_string(&able).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<ramp_core::audit::who_can::Able>>(&text).unwrap(),
        able
    );
    // And the snapshot itself.
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Account>(&text).unwrap(), a);
}
