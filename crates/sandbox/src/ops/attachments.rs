//! Policy attachments — account scope (RAM) and resource-group scope
//! (shared with Resource Manager's AttachPolicy) — and the lists of a
//! principal's policies.

use ramp_core::api::ram::{
    AttachPolicyToGroup, AttachPolicyToRole, AttachPolicyToUser, DetachPolicyFromGroup,
    DetachPolicyFromRole, DetachPolicyFromUser, ListPoliciesForGroup, ListPoliciesForRole,
    ListPoliciesForUser,
};
use serde_json::{json, Value};

use ramp_core::policy::catalogue::system_policy;

use super::policies::{kind_word, policy_exists, SYSTEM_PER_PRINCIPAL};
use super::{date, parse, some, Ctx};
use crate::reply::{Fault, Reply};
use crate::rows::{grant_key, Table};
use crate::world::{Account, Grant, PrincipalKind};

pub(super) fn principal_exists(
    account: &Account,
    kind: PrincipalKind,
    name: &str,
) -> Result<(), Fault> {
    let found = match kind {
        PrincipalKind::User => account.users.contains_key(name),
        PrincipalKind::Group => account.groups.contains_key(name),
        PrincipalKind::Role => account.roles.contains_key(name),
    };
    if found {
        Ok(())
    } else {
        let word = kind_word(kind);
        Err(Fault::not_exist(
            word,
            format!("The {} does not exist.", word.to_lowercase()),
        ))
    }
}

/// `None` for the account's scope (no ID, or the account ID); the resource group otherwise.
pub(super) fn scope(account: &Account, id: Option<&str>) -> Result<Option<String>, Fault> {
    match id {
        None => Ok(None),
        Some(id) if id == account.id => Ok(None),
        Some(id) if account.resource_groups.contains_key(id) => Ok(Some(id.to_owned())),
        Some(id) => Err(Fault::not_exist(
            "ResourceGroup",
            format!(
                "The resource group `{id}` does not exist in account {}.",
                account.id
            ),
        )),
    }
}

/// Attaches a policy; the caller has been authorized.
pub(super) fn attach(ctx: &mut Ctx<'_>, grant: Grant) -> Reply {
    let account = ctx.account();
    policy_exists(account, &grant.policy_type, &grant.policy_name)?;
    principal_exists(account, grant.kind, &grant.principal)?;
    let same_principal = |g: &&Grant| g.kind == grant.kind && g.principal == grant.principal;
    let word = kind_word(grant.kind);
    if account.grants.iter().filter(same_principal).any(|g| {
        g.policy_type == grant.policy_type
            && g.policy_name == grant.policy_name
            && g.resource_group == grant.resource_group
    }) {
        return Err(Fault::exists(
            &format!("{word}.Policy"),
            format!(
                "The {} has already been attached this policy.",
                word.to_lowercase()
            ),
        ));
    }
    let custom_limit = if grant.kind == PrincipalKind::User {
        10
    } else {
        5
    };
    let (limit, of_type) = if grant.policy_type == "System" {
        (SYSTEM_PER_PRINCIPAL, "System")
    } else {
        (custom_limit, "Custom")
    };
    let count = account
        .grants
        .iter()
        .filter(same_principal)
        .filter(|g| g.policy_type == of_type)
        .count();
    if count >= limit {
        return Err(Fault::limit(
            &format!("{word}.Policy"),
            format!("The count of {of_type} policies attached to the {} beyond the current limits ({limit}).", word.to_lowercase()),
        ));
    }
    ctx.account_mut(&[(Table::Grant, &grant_key(&grant))])
        .grants
        .push(grant);
    Ok(json!({}))
}

/// Detaches a policy; the caller has been authorized.
pub(super) fn detach(ctx: &mut Ctx<'_>, grant: &Grant) -> Reply {
    let account = ctx.account();
    policy_exists(account, &grant.policy_type, &grant.policy_name)?;
    principal_exists(account, grant.kind, &grant.principal)?;
    let matches = |g: &Grant| {
        g.kind == grant.kind
            && g.principal == grant.principal
            && g.policy_type == grant.policy_type
            && g.policy_name == grant.policy_name
            && g.resource_group == grant.resource_group
    };
    if !account.grants.iter().any(matches) {
        let word = kind_word(grant.kind);
        return Err(Fault::not_exist(
            &format!("{word}.Policy"),
            format!(
                "The policy is not attached to the {} at this scope.",
                word.to_lowercase()
            ),
        ));
    }
    ctx.account_mut(&[(Table::Grant, &grant_key(grant))])
        .grants
        .retain(|g| !matches(g));
    Ok(json!({}))
}

macro_rules! attach_op {
    ($($fn_name:ident, $call:ty, $field:ident, $kind:ident, $detach:literal;)*) => {$(
        pub(super) fn $fn_name(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
            let call: $call = parse(p)?;
            ctx.allow_call(&call, &call.$field)?;
            let resource_group = scope(ctx.account(), call.resource_group_id.as_deref())?;
            let grant = Grant {
                policy_type: call.policy_type,
                policy_name: call.policy_name,
                kind: PrincipalKind::$kind,
                principal: call.$field,
                resource_group,
                attached: ctx.now.unix_seconds(),
            };
            if $detach { detach(ctx, &grant) } else { attach(ctx, grant) }
        }
    )*};
}

attach_op! {
    attach_to_user, AttachPolicyToUser, user_name, User, false;
    attach_to_group, AttachPolicyToGroup, group_name, Group, false;
    attach_to_role, AttachPolicyToRole, role_name, Role, false;
    detach_from_user, DetachPolicyFromUser, user_name, User, true;
    detach_from_group, DetachPolicyFromGroup, group_name, Group, true;
    detach_from_role, DetachPolicyFromRole, role_name, Role, true;
}

pub(super) fn list_for(ctx: &Ctx<'_>, kind: PrincipalKind, name: &str) -> Reply {
    let account = ctx.account();
    principal_exists(account, kind, name)?;
    let policies: Vec<Value> = account
        .grants
        .iter()
        .filter(|g| g.kind == kind && g.principal == name && g.resource_group.is_none())
        .map(|g| {
            let (description, version) = if g.policy_type == "System" {
                system_policy(&g.policy_name).map_or((None, None), |s| {
                    (Some(s.summary_en.to_owned()), Some(s.version.to_owned()))
                })
            } else {
                account
                    .policies
                    .get(&g.policy_name)
                    .map_or((None, None), |p| {
                        (p.description.clone(), Some(p.default_version.clone()))
                    })
            };
            json!({
                "PolicyName": g.policy_name,
                "PolicyType": g.policy_type,
                "Description": some(&description),
                "DefaultVersion": some(&version),
                "AttachDate": date(g.attached),
            })
        })
        .collect();
    Ok(json!({ "Policies": { "Policy": policies } }))
}

pub(super) fn list_for_user(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListPoliciesForUser = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    list_for(ctx, PrincipalKind::User, &call.user_name)
}

pub(super) fn list_for_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListPoliciesForGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    list_for(ctx, PrincipalKind::Group, &call.group_name)
}

pub(super) fn list_for_role(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListPoliciesForRole = parse(p)?;
    ctx.allow_call(&call, &call.role_name)?;
    list_for(ctx, PrincipalKind::Role, &call.role_name)
}
