//! Plans that change what an account holds, made from the messy account
//! (tests/data/messy-account.json): what each removes, in which order, what
//! each step's undo is, which steps are final, and what the notes say.

use ramp_core::api::responses::PolicyVersion;
use ramp_core::api::Call;
use ramp_core::audit::Account;
use ramp_core::lang::Localized;
use ramp_core::plan::intent::*;
use ramp_core::plan::{plan, plan_in, Intent, NoteKind, Plan};
use ramp_core::time::UtcTime;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn account() -> Account {
    serde_json::from_str(include_str!("data/messy-account.json")).unwrap()
}

fn now() -> UtcTime {
    UtcTime::parse("2026-12-04T00:00:00Z").unwrap()
}

fn a() -> ramp_core::plan::intent::Account {
    ramp_core::plan::intent::Account {
        id: "1111111111111111".into(),
        alias: None,
    }
}

fn planned(intent: Intent) -> Plan {
    plan_in(&intent, &account(), &[], now())
        .unwrap_or_else(|e| panic!("{}", e.message(ramp_core::lang::Lang::En)))
}

fn actions(p: &Plan) -> Vec<&'static str> {
    p.steps.iter().map(|s| s.action()).collect()
}

fn notes(p: &Plan, kind: NoteKind) -> Vec<&str> {
    p.notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.en.as_str())
        .collect()
}

fn remove(users: &[&str], removal: Removal, phase: OffboardPhase) -> Plan {
    planned(Intent::RemoveAccess(RemoveAccess {
        account: a(),
        users: users.iter().map(|u| u.to_string()).collect(),
        removal,
        phase,
    }))
}

#[test]
fn revoking_arms_leaves_the_arms_groups_and_detaches_at_every_scope_each_undoable() {
    let p = remove(
        &["bob", "dave"],
        Removal::RevokeArms,
        OffboardPhase::Deactivate,
    );
    assert_eq!(
        actions(&p),
        [
            "RemoveUserFromGroup",
            "DetachPolicy",
            "DetachPolicyFromUser"
        ]
    );
    // Each step's undo puts back exactly what it took.
    let undo: Vec<&str> = p.steps.iter().map(|s| s.undo[0].action()).collect();
    assert_eq!(
        undo,
        ["AddUserToGroup", "AttachPolicy", "AttachPolicyToUser"]
    );
    match (&p.steps[1].call, &p.steps[1].undo[0]) {
        (Call::DetachPolicy(d), Call::AttachPolicy(back)) => {
            assert_eq!(d.resource_group_id, "rg-shop");
            assert_eq!(d.principal_name, "dave@demo-a.onaliyun.com");
            assert_eq!(back.principal_name, d.principal_name);
        }
        other => panic!("{other:?}"),
    }
    assert!(p.steps.iter().all(|s| !s.irreversible));
    let access = notes(&p, NoteKind::Access);
    assert!(
        access.contains(&"bob: before, read-only ARMS access; after, no ARMS access"),
        "{access:?}"
    );
    assert!(
        access
            .iter()
            .any(|n| n.starts_with("dave: before, ") && n.ends_with("after, no ARMS access")),
        "{access:?}"
    );
    // Nothing of the plain-text plan file holds less than the typed one.
    let back = Plan::from_json(&p.to_json()).unwrap();
    assert_eq!(back, p);
}

#[test]
fn revoking_arms_from_an_administrator_warns_that_far_more_goes() {
    let p = remove(&["admin"], Removal::RevokeArms, OffboardPhase::Deactivate);
    assert_eq!(actions(&p), ["DetachPolicyFromUser"]);
    assert!(notes(&p, NoteKind::Warning)
        .iter()
        .any(|n| n.contains("AdministratorAccess grants far more than ARMS")));
}

#[test]
fn offboarding_phase_one_only_deactivates_and_warns_of_a_key_in_use() {
    let p = remove(&["frank"], Removal::Offboard, OffboardPhase::Deactivate);
    assert_eq!(
        actions(&p),
        ["UpdateLoginProfile", "UpdateAccessKey", "UpdateAccessKey"]
    );
    assert!(p.steps.iter().all(|s| !s.irreversible && s.undo.len() == 1));
    match &p.steps[0].undo[0] {
        Call::UpdateLoginProfile(c) => {
            assert_eq!(
                (c.user_principal_name.as_str(), c.status.as_str()),
                ("frank@demo-a.onaliyun.com", "Active")
            )
        }
        other => panic!("{other:?}"),
    }
    let warnings = notes(&p, NoteKind::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("LTAIfranknew was used 1 day(s) ago")
                && w.contains("a script may still use it")),
        "{warnings:?}"
    );
    // The key last used a year and a half ago is not said to be in use.
    assert!(
        !warnings.iter().any(|w| w.contains("LTAIfrankold")),
        "{warnings:?}"
    );
}

#[test]
fn offboarding_phase_two_deletes_last_in_the_order_ram_requires() {
    let p = remove(&["alice"], Removal::Offboard, OffboardPhase::Delete);
    // alice has a console password and an MFA device.
    assert_eq!(
        actions(&p),
        [
            "DetachPolicyFromUser",
            "DeleteLoginProfile",
            "UnbindMFADevice",
            "DeleteUser"
        ]
    );
    let user = p.steps.last().unwrap();
    assert!(user.irreversible);
    // The user goes after everything it held.
    assert_eq!(user.depends_on, [0, 1, 2]);
    assert!(p.steps[1].irreversible && p.steps[2].irreversible && !p.steps[0].irreversible);
    assert_eq!(notes(&p, NoteKind::Irreversible).len(), 1);
    let both = remove(&["frank"], Removal::Offboard, OffboardPhase::AtOnce);
    assert_eq!(
        actions(&both),
        [
            "UpdateLoginProfile",
            "UpdateAccessKey",
            "UpdateAccessKey",
            "DeleteLoginProfile",
            "DeleteAccessKey",
            "DeleteAccessKey",
            "DeleteUser"
        ]
    );
}

#[test]
fn a_user_that_is_not_there_or_another_account_is_refused_with_the_reason() {
    let err = plan_in(
        &Intent::RemoveAccess(RemoveAccess {
            account: a(),
            users: vec!["nobody".into()],
            removal: Removal::Offboard,
            phase: OffboardPhase::Deactivate,
        }),
        &account(),
        &[],
        now(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("nobody is not a user of account 1111111111111111"),
        "{err}"
    );
    let other = ramp_core::plan::intent::Account {
        id: "2222222222222222".into(),
        alias: None,
    };
    let err = plan_in(
        &Intent::RemoveAccess(RemoveAccess {
            account: other,
            users: vec!["alice".into()],
            removal: Removal::Offboard,
            phase: OffboardPhase::Deactivate,
        }),
        &account(),
        &[],
        now(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("the credentials read account 1111111111111111"),
        "{err}"
    );
    // Without the account read, a change cannot be planned at all.
    let err = plan(&Intent::RotateKey(RotateKey {
        account: a(),
        user: "frank".into(),
        phase: RotatePhase::Create,
        old_key: None,
        delete_unused: None,
    }))
    .unwrap_err();
    assert!(
        err.to_string().contains("from the account as read"),
        "{err}"
    );
}

fn rotate(
    phase: RotatePhase,
    old_key: Option<&str>,
    delete_unused: Option<&str>,
) -> Result<Plan, String> {
    plan_in(
        &Intent::RotateKey(RotateKey {
            account: a(),
            user: "frank".into(),
            phase,
            old_key: old_key.map(str::to_owned),
            delete_unused: delete_unused.map(str::to_owned),
        }),
        &account(),
        &[],
        now(),
    )
    .map_err(|e| e.to_string())
}

#[test]
fn rotating_with_two_keys_names_them_and_makes_room_only_when_asked() {
    let err = rotate(RotatePhase::Create, None, None).unwrap_err();
    assert!(
        err.contains("two AccessKeys")
            && err.contains("LTAIfrankold")
            && err.contains("\"delete-unused\""),
        "{err}"
    );
    let p = rotate(RotatePhase::Create, None, Some("LTAIfrankold")).unwrap();
    assert_eq!(actions(&p), ["DeleteAccessKey", "CreateAccessKey"]);
    assert!(p.steps[0].irreversible);
    assert_eq!(p.steps[1].depends_on, [0]);
    assert!(p.steps[1].returns_secret);
    // The key the user keeps is known, so a second run sees the new one as already there.
    assert_eq!(
        p.steps[1].creates,
        Some(ramp_core::plan::Entity::AccessKey {
            user: "frank".into(),
            besides: vec!["LTAIfranknew".into()]
        })
    );
}

#[test]
fn rotating_deactivates_the_old_key_reversibly_and_deletes_it_only_once_inactive() {
    let p = rotate(RotatePhase::Deactivate, None, None).unwrap();
    match (&p.steps[0].call, &p.steps[0].undo[0]) {
        (Call::UpdateAccessKey(off), Call::UpdateAccessKey(on)) => {
            assert_eq!(
                (off.user_access_key_id.as_str(), off.status.as_str()),
                ("LTAIfrankold", "Inactive")
            );
            assert_eq!(on.status, "Active");
        }
        other => panic!("{other:?}"),
    }
    let err = rotate(RotatePhase::Delete, Some("LTAIfrankold"), None).unwrap_err();
    assert!(err.contains("deactivate the old key first"), "{err}");
}

#[test]
fn a_new_trust_policy_says_who_gains_and_who_loses_and_is_undone_with_the_old_document() {
    let acct = account();
    let old = acct.roles["cross-viewer"].trust_policy.clone();
    let new = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::3333333333333333:root"]}}]}"#;
    let p = planned(Intent::ChangeTrust(ChangeTrust {
        account: a(),
        role: "cross-viewer".into(),
        trust_policy: new.into(),
    }));
    assert_eq!(actions(&p), ["UpdateRole"]);
    match &p.steps[0].undo[0] {
        Call::UpdateRole(u) => assert_eq!(
            u.new_assume_role_policy_document.as_deref(),
            Some(old.as_str())
        ),
        other => panic!("{other:?}"),
    }
    let gains = notes(&p, NoteKind::Gain);
    assert!(
        !gains.is_empty()
            && gains
                .iter()
                .all(|g| g.contains("3333333333333333") && g.contains("privilege escalation")),
        "{gains:?}"
    );
    assert!(!notes(&p, NoteKind::Loss).is_empty());
}

fn version(id: &str, default: bool) -> PolicyVersion {
    PolicyVersion {
        version_id: id.into(),
        is_default_version: default,
        policy_document: None,
        create_date: None,
    }
}

#[test]
fn a_sixth_policy_version_deletes_the_oldest_non_default_one_named_in_the_review() {
    let doc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"*"}]}"#;
    let intent = Intent::ChangePolicy(ChangePolicy {
        account: a(),
        policy: "arms-shop-apps".into(),
        document: doc.into(),
    });
    let five = [
        version("v2", true),
        version("v3", false),
        version("v4", false),
        version("v5", false),
        version("v6", false),
    ];
    let p = plan_in(&intent, &account(), &five, now()).unwrap();
    assert_eq!(actions(&p), ["DeletePolicyVersion", "CreatePolicyVersion"]);
    match &p.steps[0].call {
        Call::DeletePolicyVersion(d) => assert_eq!(d.version_id, "v3"),
        other => panic!("{other:?}"),
    }
    assert!(p.steps[0].irreversible);
    assert!(notes(&p, NoteKind::Irreversible)
        .iter()
        .any(|n| n.contains("its oldest non-default version, v3")));
    match &p.steps[1].undo[0] {
        Call::SetDefaultPolicyVersion(s) => assert_eq!(s.version_id, "v2"),
        other => panic!("{other:?}"),
    }
    // Fewer than five: nothing is deleted.
    let p = plan_in(&intent, &account(), &five[..2], now()).unwrap();
    assert_eq!(actions(&p), ["CreatePolicyVersion"]);
    assert!(
        !notes(&p, NoteKind::Info).is_empty(),
        "the comparison's verdict"
    );
}
