//! Custom policies and their versions, and the policy lists (attachments
//! are in attachments.rs).

use ramp_core::api::ram::{
    CreatePolicy, CreatePolicyVersion, DeletePolicy, DeletePolicyVersion, GetPolicy, ListPolicies,
    ListPolicyVersions, SetDefaultPolicyVersion,
};
use ramp_core::policy::catalogue::{system_policy, system_policy_ignore_case, SYSTEM_POLICIES};
use serde_json::{json, Value};

use ramp_core::policy::lint::Kind;

use super::{check_document, date, page, parse, some, Ctx};
use crate::reply::{Fault, Reply};
use crate::rows::{grant_key, Table};
use crate::world::{Account, CustomPolicy, Grant, PolicyVersion, PrincipalKind};

/// At most this many custom policies per account.
const POLICIES_PER_ACCOUNT: usize = 1500;
/// At most this many versions per custom policy.
const VERSIONS_PER_POLICY: usize = 5;
/// System policies per principal.
pub(super) const SYSTEM_PER_PRINCIPAL: usize = 20;

pub(super) fn no_policy() -> Fault {
    Fault::not_exist("Policy", "The policy does not exist.")
}

/// The policy exists: a system policy by exact name, or a custom policy of the account.
pub(super) fn policy_exists(account: &Account, policy_type: &str, name: &str) -> Result<(), Fault> {
    let found = match policy_type {
        "System" => system_policy(name).is_some(),
        _ => account.policies.contains_key(name),
    };
    if found {
        return Ok(());
    }
    if policy_type == "System" {
        if let Some(p) = system_policy_ignore_case(name) {
            return Err(Fault::not_exist(
                "Policy",
                format!("The policy does not exist: system policy names are case-sensitive; did you mean `{}`?", p.name),
            ));
        }
    }
    Err(no_policy())
}

pub(super) fn kind_word(kind: PrincipalKind) -> &'static str {
    match kind {
        PrincipalKind::User => "User",
        PrincipalKind::Group => "Group",
        PrincipalKind::Role => "Role",
    }
}

pub(super) fn attachment_count(account: &Account, policy_type: &str, name: &str) -> usize {
    account
        .grants
        .iter()
        .filter(|g| g.policy_type == policy_type && g.policy_name == name)
        .count()
}

/// A system policy's one version, as the services write it.
fn system_version_json(sp: &ramp_core::policy::catalogue::SystemPolicy) -> Value {
    json!({
        "VersionId": sp.version,
        "IsDefaultVersion": true,
        "PolicyDocument": sp.document.unwrap_or(""),
        "CreateDate": format!("{}T00:00:00Z", sp.updated),
    })
}

fn version_json(v: &PolicyVersion, default: bool) -> Value {
    json!({"VersionId": v.id, "IsDefaultVersion": default, "PolicyDocument": v.document, "CreateDate": date(v.created)})
}

fn custom_json(account: &Account, p: &CustomPolicy) -> Value {
    json!({
        "PolicyName": p.name,
        "PolicyType": "Custom",
        "Description": some(&p.description),
        "DefaultVersion": p.default_version,
        "AttachmentCount": attachment_count(account, "Custom", &p.name),
        "CreateDate": date(p.created),
        "UpdateDate": date(p.updated),
    })
}

pub(super) fn system_json(account: &Account, name: &str) -> Option<Value> {
    let p = system_policy(name)?;
    Some(json!({
        "PolicyName": p.name,
        "PolicyType": "System",
        "Description": p.summary_en,
        "DefaultVersion": p.version,
        "AttachmentCount": attachment_count(account, "System", p.name),
        "CreateDate": format!("{}T00:00:00Z", p.updated),
        "UpdateDate": format!("{}T00:00:00Z", p.updated),
    }))
}

pub(super) fn create_policy(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreatePolicy = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    check_document("PolicyDocument", &call.policy_document, Kind::Permission)?;
    let account = ctx.account();
    if account.policies.contains_key(&call.policy_name)
        || system_policy(&call.policy_name).is_some()
    {
        return Err(Fault::exists("Policy", "The policy does already EXIST."));
    }
    if account.policies.len() >= POLICIES_PER_ACCOUNT {
        return Err(Fault::limit(
            "Policy",
            format!(
                "The count of custom policies beyond the current limits ({POLICIES_PER_ACCOUNT})."
            ),
        ));
    }
    let now = ctx.now.unix_seconds();
    let policy = CustomPolicy {
        name: call.policy_name.clone(),
        description: call.description,
        default_version: "v1".into(),
        versions: vec![PolicyVersion {
            id: "v1".into(),
            document: call.policy_document,
            created: now,
        }],
        next_version: 2,
        created: now,
        updated: now,
    };
    let mut body = custom_json(account, &policy);
    if let Value::Object(m) = &mut body {
        m.remove("AttachmentCount");
        m.remove("UpdateDate");
    }
    ctx.account_mut(&[(Table::Policy, &call.policy_name)])
        .policies
        .insert(call.policy_name, policy);
    Ok(json!({ "Policy": body }))
}

pub(super) fn get_policy(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetPolicy = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    let account = ctx.account();
    policy_exists(account, &call.policy_type, &call.policy_name)?;
    if call.policy_type == "System" {
        let sp = system_policy(&call.policy_name).ok_or_else(no_policy)?;
        let body = system_json(account, sp.name).ok_or_else(no_policy)?;
        return Ok(json!({ "Policy": body, "DefaultPolicyVersion": system_version_json(sp) }));
    }
    let policy = account
        .policies
        .get(&call.policy_name)
        .ok_or_else(no_policy)?;
    let default = policy
        .versions
        .iter()
        .find(|v| v.id == policy.default_version)
        .map(|v| version_json(v, true));
    Ok(json!({ "Policy": custom_json(account, policy), "DefaultPolicyVersion": default }))
}

pub(super) fn create_policy_version(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreatePolicyVersion = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    check_document("PolicyDocument", &call.policy_document, Kind::Permission)?;
    let now = ctx.now.unix_seconds();
    let policy = ctx
        .account()
        .policies
        .get(&call.policy_name)
        .ok_or_else(no_policy)?;
    let rotate =
        call.rotate_strategy.as_deref() == Some("DeleteOldestNonDefaultVersionWhenLimitExceeded");
    if policy.versions.len() >= VERSIONS_PER_POLICY && !rotate {
        return Err(Fault::limit("Policy.Version", format!("The count of versions of the policy beyond the current limits ({VERSIONS_PER_POLICY}): delete one, or pass RotateStrategy=DeleteOldestNonDefaultVersionWhenLimitExceeded.")));
    }
    let policy = ctx
        .account_mut(&[(Table::Policy, &call.policy_name)])
        .policies
        .get_mut(&call.policy_name)
        .ok_or_else(no_policy)?;
    if policy.versions.len() >= VERSIONS_PER_POLICY {
        let default = policy.default_version.clone();
        if let Some(oldest) = policy.versions.iter().position(|v| v.id != default) {
            policy.versions.remove(oldest);
        }
    }
    let version = PolicyVersion {
        id: format!("v{}", policy.next_version),
        document: call.policy_document,
        created: now,
    };
    policy.next_version += 1;
    let is_default = call.set_as_default.unwrap_or(false);
    if is_default {
        policy.default_version = version.id.clone();
    }
    policy.updated = now;
    let body = version_json(&version, is_default);
    policy.versions.push(version);
    Ok(json!({ "PolicyVersion": body }))
}

pub(super) fn list_policy_versions(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListPolicyVersions = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    let account = ctx.account();
    policy_exists(account, &call.policy_type, &call.policy_name)?;
    if call.policy_type == "System" {
        let sp = system_policy(&call.policy_name).ok_or_else(no_policy)?;
        return Ok(json!({ "PolicyVersions": { "PolicyVersion": [system_version_json(sp)] } }));
    }
    let policy = account
        .policies
        .get(&call.policy_name)
        .ok_or_else(no_policy)?;
    let versions: Vec<Value> = policy
        .versions
        .iter()
        .map(|v| version_json(v, v.id == policy.default_version))
        .collect();
    Ok(json!({ "PolicyVersions": { "PolicyVersion": versions } }))
}

/// The custom policy `name`, when it has version `version`.
fn with_version<'a>(
    ctx: &'a Ctx<'_>,
    name: &str,
    version: &str,
) -> Result<&'a CustomPolicy, Fault> {
    let policy = ctx.account().policies.get(name).ok_or_else(no_policy)?;
    if !policy.versions.iter().any(|v| v.id == version) {
        return Err(Fault::not_exist(
            "Policy.Version",
            "The policy version does not exist.",
        ));
    }
    Ok(policy)
}

pub(super) fn set_default_policy_version(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: SetDefaultPolicyVersion = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    with_version(ctx, &call.policy_name, &call.version_id)?;
    let now = ctx.now.unix_seconds();
    if let Some(policy) = ctx
        .account_mut(&[(Table::Policy, &call.policy_name)])
        .policies
        .get_mut(&call.policy_name)
    {
        policy.default_version = call.version_id;
        policy.updated = now;
    }
    Ok(json!({}))
}

pub(super) fn delete_policy_version(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeletePolicyVersion = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    if with_version(ctx, &call.policy_name, &call.version_id)?.default_version == call.version_id {
        return Err(Fault::conflict(
            "Policy.Version.Default",
            "The default version of the policy cannot be deleted: make another version the default first (SetDefaultPolicyVersion).",
        ));
    }
    if let Some(policy) = ctx
        .account_mut(&[(Table::Policy, &call.policy_name)])
        .policies
        .get_mut(&call.policy_name)
    {
        policy.versions.retain(|v| v.id != call.version_id);
    }
    Ok(json!({}))
}

pub(super) fn delete_policy(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeletePolicy = parse(p)?;
    ctx.allow_call(&call, &call.policy_name)?;
    let account = ctx.account();
    let policy = account
        .policies
        .get(&call.policy_name)
        .ok_or_else(no_policy)?;
    let cascade = call.cascading_delete.unwrap_or(false);
    if !cascade {
        for kind in [
            PrincipalKind::User,
            PrincipalKind::Group,
            PrincipalKind::Role,
        ] {
            if account.grants.iter().any(|g| {
                g.policy_type == "Custom" && g.policy_name == call.policy_name && g.kind == kind
            }) {
                let word = kind_word(kind);
                // The documented DeletePolicy codes are DeleteConflict.Policy.User
                // and .Group; for a role the service answers
                // DeleteConflict.Role.Policy (the code terraform-provider-alicloud's
                // alicloud_ram_policy waits out on DeletePolicy) — docs/fidelity.md.
                let code = if kind == PrincipalKind::Role {
                    "Role.Policy".to_owned()
                } else {
                    format!("Policy.{word}")
                };
                return Err(Fault::conflict(
                    &code,
                    format!("The policy is attached to a {}: detach it first, or pass CascadingDelete=true.", word.to_lowercase()),
                ));
            }
        }
        if policy.versions.len() > 1 {
            return Err(Fault::conflict("Policy.Version", "The policy has more than one version: delete the non-default versions first, or pass CascadingDelete=true."));
        }
    }
    let attached = |g: &&Grant| g.policy_type == "Custom" && g.policy_name == call.policy_name;
    let grants: Vec<String> = ctx
        .account()
        .grants
        .iter()
        .filter(attached)
        .map(grant_key)
        .collect();
    let mut touched: Vec<(Table, &str)> =
        grants.iter().map(|k| (Table::Grant, k.as_str())).collect();
    touched.push((Table::Policy, &call.policy_name));
    let account = ctx.account_mut(&touched);
    account.grants.retain(|g| !attached(&g));
    account.policies.remove(&call.policy_name);
    Ok(json!({}))
}

pub(super) fn list_policies(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListPolicies = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let account = ctx.account();
    let want = |t: &str| call.policy_type.as_deref().is_none_or(|w| w == t);
    let mut items: Vec<(String, Value)> = Vec::new();
    if want("System") {
        items.extend(
            SYSTEM_POLICIES
                .iter()
                .filter_map(|s| Some((format!("S:{}", s.name), system_json(account, s.name)?))),
        );
    }
    if want("Custom") {
        items.extend(
            account
                .policies
                .values()
                .map(|p| (format!("C:{}", p.name), custom_json(account, p))),
        );
    }
    Ok(page(
        items,
        call.marker.as_deref(),
        call.max_items,
        ("Policies", "Policy"),
    ))
}
