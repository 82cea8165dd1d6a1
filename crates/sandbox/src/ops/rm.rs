//! Resource Manager (policy attachments by principal name, resource groups)
//! and IMS's default domain.

use ramp_core::api::rm::{
    AttachPolicy, DetachPolicy, GetDefaultDomain, ListPolicyAttachments, ListResourceGroups,
};
use ramp_core::policy::catalogue::system_policy;
use serde_json::{json, Value};

use super::attachments::{attach, detach, scope};
use super::{date, numbered, parse, Ctx};
use crate::reply::{Fault, Reply};
use crate::world::{Account, Grant, PrincipalKind};

/// `alice@<alias>.onaliyun.com`, `team@group.<alias>.onaliyun.com`, `viewer@role.<alias>.onaliyunservice.com`.
fn principal_name(account: &Account, kind: PrincipalKind, name: &str) -> String {
    let alias = account.alias_or_id();
    match kind {
        PrincipalKind::User => format!("{name}@{alias}.onaliyun.com"),
        PrincipalKind::Group => format!("{name}@group.{alias}.onaliyun.com"),
        PrincipalKind::Role => format!("{name}@role.{alias}.onaliyunservice.com"),
    }
}

/// The principal's own name, when the domain is the account's.
fn read_principal(account: &Account, kind: PrincipalKind, full: &str) -> Result<String, Fault> {
    let (name, _) = full.split_once('@').unwrap_or((full, ""));
    if principal_name(account, kind, name) == full
        || (kind == PrincipalKind::User && full == format!("{name}@{}.onaliyun.com", account.id))
    {
        Ok(name.to_owned())
    } else {
        Err(Fault::bad(
            "InvalidParameter.PrincipalName",
            format!(
                "The parameter PrincipalName `{full}` is not a {} of account {}: expected `{}`.",
                kind.rm_name(),
                account.id,
                principal_name(account, kind, if name.is_empty() { "<name>" } else { name })
            ),
        ))
    }
}

fn grant_from(
    ctx: &Ctx<'_>,
    policy_type: String,
    policy_name: String,
    principal_type: &str,
    principal: &str,
    rg: &str,
) -> Result<Grant, Fault> {
    let account = ctx.account();
    let kind = PrincipalKind::from_rm_name(principal_type).ok_or_else(|| {
        Fault::bad(
            "InvalidParameter.PrincipalType",
            "The parameter PrincipalType must be IMSUser, IMSGroup or ServiceRole.",
        )
    })?;
    Ok(Grant {
        policy_type,
        policy_name,
        kind,
        principal: read_principal(account, kind, principal)?,
        resource_group: scope(account, Some(rg))?,
        attached: ctx.now.unix_seconds(),
    })
}

pub(super) fn attach_policy(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: AttachPolicy = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let grant = grant_from(
        ctx,
        call.policy_type,
        call.policy_name,
        &call.principal_type,
        &call.principal_name,
        &call.resource_group_id,
    )?;
    attach(ctx, grant)
}

pub(super) fn detach_policy(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DetachPolicy = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let grant = grant_from(
        ctx,
        call.policy_type,
        call.policy_name,
        &call.principal_type,
        &call.principal_name,
        &call.resource_group_id,
    )?;
    detach(ctx, &grant)
}

pub(super) fn list_policy_attachments(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListPolicyAttachments = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let account = ctx.account();
    let filter_scope = call
        .resource_group_id
        .as_deref()
        .map(|id| scope(account, Some(id)))
        .transpose()?;
    let items: Vec<Value> = account
        .grants
        .iter()
        .filter(|g| filter_scope.as_ref().is_none_or(|s| &g.resource_group == s))
        .filter(|g| {
            call.policy_type
                .as_deref()
                .is_none_or(|t| t == g.policy_type)
        })
        .filter(|g| {
            call.policy_name
                .as_deref()
                .is_none_or(|n| n == g.policy_name)
        })
        .filter(|g| {
            call.principal_type
                .as_deref()
                .is_none_or(|t| t == g.kind.rm_name())
        })
        .filter(|g| {
            call.principal_name
                .as_deref()
                .is_none_or(|n| n == principal_name(account, g.kind, &g.principal))
        })
        .map(|g| {
            let description = if g.policy_type == "System" {
                system_policy(&g.policy_name).map(|s| s.summary_en.to_owned())
            } else {
                account
                    .policies
                    .get(&g.policy_name)
                    .and_then(|p| p.description.clone())
            };
            json!({
                "PolicyName": g.policy_name,
                "PolicyType": g.policy_type,
                "Description": description,
                "PrincipalName": principal_name(account, g.kind, &g.principal),
                "PrincipalType": g.kind.rm_name(),
                "ResourceGroupId": g.resource_group.clone().unwrap_or_else(|| account.id.clone()),
                "AttachDate": date(g.attached),
            })
        })
        .collect();
    Ok(numbered(
        items,
        call.page_number,
        call.page_size,
        ("PolicyAttachments", "PolicyAttachment"),
    ))
}

pub(super) fn list_resource_groups(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListResourceGroups = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let account = ctx.account();
    let items: Vec<Value> = account
        .resource_groups
        .values()
        .filter(|g| {
            call.resource_group_id
                .as_deref()
                .is_none_or(|id| id == g.id)
        })
        .filter(|g| call.name.as_deref().is_none_or(|n| g.name.contains(n)))
        .map(|g| {
            json!({
                "Id": g.id,
                "Name": g.name,
                "DisplayName": g.display_name,
                "AccountId": account.id,
                "Status": "OK",
                "CreateDate": date(g.created),
            })
        })
        .collect();
    Ok(numbered(
        items,
        call.page_number,
        call.page_size,
        ("ResourceGroups", "ResourceGroup"),
    ))
}

pub(super) fn get_default_domain(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetDefaultDomain = parse(p)?;
    ctx.allow_call(&call, "*")?;
    Ok(json!({ "DefaultDomainName": ctx.account().default_domain() }))
}
