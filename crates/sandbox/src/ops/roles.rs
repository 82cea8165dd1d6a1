//! RAM roles and their trust policies.

use ramp_core::api::ram::{CreateRole, DeleteRole, GetRole, ListRoles, UpdateRole};
use serde_json::{json, Value};

use ramp_core::policy::lint::Kind;

use super::{check_document, date, page, parse, some, Ctx};
use crate::ids;
use crate::reply::{Fault, Reply};
use crate::rows::Table;
use crate::world::{Account, PrincipalKind, Role};

/// At most this many roles per account.
const ROLES_PER_ACCOUNT: usize = 1000;

pub(super) fn no_role() -> Fault {
    Fault::not_exist("Role", "The role does not exist.")
}

/// `acs:ram::<account>:role/<name>`.
pub(crate) fn role_arn(account: &str, name: &str) -> String {
    format!("acs:ram::{account}:role/{name}")
}

fn role_json(account: &Account, r: &Role) -> Value {
    json!({
        "RoleId": r.id,
        "RoleName": r.name,
        "Arn": role_arn(&account.id, &r.name),
        "Description": some(&r.description),
        "AssumeRolePolicyDocument": r.trust_policy,
        "MaxSessionDuration": r.max_session_duration,
        "CreateDate": date(r.created),
        "UpdateDate": date(r.updated),
        "IsServiceLinkedRole": false,
        "RolePrincipalName": format!("{}@role.{}.onaliyunservice.com", r.name, account.alias_or_id()),
    })
}

pub(super) fn create_role(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreateRole = parse(p)?;
    ctx.allow_call(&call, &call.role_name)?;
    check_document(
        "AssumeRolePolicyDocument",
        &call.assume_role_policy_document,
        Kind::Trust,
    )?;
    let account = ctx.account();
    if account.roles.contains_key(&call.role_name) {
        return Err(Fault::exists("Role", "The role does already EXIST."));
    }
    if account.roles.len() >= ROLES_PER_ACCOUNT {
        return Err(Fault::limit("Role", format!("The count of roles beyond the current limits: an account has at most {ROLES_PER_ACCOUNT} RAM roles.")));
    }
    let now = ctx.now.unix_seconds();
    let role = Role {
        id: ids::digits(16),
        name: call.role_name.clone(),
        description: call.description,
        trust_policy: call.assume_role_policy_document,
        max_session_duration: call.max_session_duration.unwrap_or(3600),
        created: now,
        updated: now,
    };
    let body = json!({ "Role": role_json(account, &role) });
    ctx.account_mut(&[(Table::Role, &call.role_name)])
        .roles
        .insert(call.role_name, role);
    Ok(body)
}

pub(super) fn get_role(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetRole = parse(p)?;
    ctx.allow_call(&call, &call.role_name)?;
    let account = ctx.account();
    let role = account.roles.get(&call.role_name).ok_or_else(no_role)?;
    Ok(json!({ "Role": role_json(account, role) }))
}

pub(super) fn update_role(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: UpdateRole = parse(p)?;
    ctx.allow_call(&call, &call.role_name)?;
    if let Some(doc) = &call.new_assume_role_policy_document {
        check_document("NewAssumeRolePolicyDocument", doc, Kind::Trust)?;
    }
    if !ctx.account().roles.contains_key(&call.role_name) {
        return Err(no_role());
    }
    let now = ctx.now.unix_seconds();
    let account = ctx.account_mut(&[(Table::Role, &call.role_name)]);
    let role = account.roles.get_mut(&call.role_name).ok_or_else(no_role)?;
    if let Some(doc) = call.new_assume_role_policy_document {
        role.trust_policy = doc;
    }
    if let Some(max) = call.new_max_session_duration {
        role.max_session_duration = max;
    }
    if let Some(d) = call.new_description {
        role.description = Some(d);
    }
    role.updated = now;
    let role = role.clone();
    Ok(json!({ "Role": role_json(ctx.account(), &role) }))
}

pub(super) fn delete_role(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeleteRole = parse(p)?;
    ctx.allow_call(&call, &call.role_name)?;
    let account = ctx.account();
    if !account.roles.contains_key(&call.role_name) {
        return Err(no_role());
    }
    if account
        .grants
        .iter()
        .any(|g| g.kind == PrincipalKind::Role && g.principal == call.role_name)
    {
        return Err(Fault::conflict(
            "Role.Policy",
            "The role has attached policies: detach them first (DetachPolicyFromRole).",
        ));
    }
    ctx.account_mut(&[(Table::Role, &call.role_name)])
        .roles
        .remove(&call.role_name);
    Ok(json!({}))
}

pub(super) fn list_roles(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListRoles = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let account = ctx.account();
    let items = account
        .roles
        .values()
        .map(|r| {
            let mut v = role_json(account, r);
            if let Value::Object(m) = &mut v {
                m.remove("AssumeRolePolicyDocument");
            }
            (r.name.clone(), v)
        })
        .collect();
    Ok(page(
        items,
        call.marker.as_deref(),
        call.max_items,
        ("Roles", "Role"),
    ))
}
