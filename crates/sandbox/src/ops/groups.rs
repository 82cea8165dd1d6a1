//! User groups and their members.

use ramp_core::api::ram::{
    AddUserToGroup, CreateGroup, DeleteGroup, GetGroup, ListGroups, ListGroupsForUser,
    ListUsersForGroup, RemoveUserFromGroup,
};
use serde_json::{json, Value};

use super::users::{no_user, user_json};
use super::{date, page, parse, some, Ctx};
use crate::ids;
use crate::reply::{Fault, Reply};
use crate::rows::Table;
use crate::world::{Group, PrincipalKind};

/// At most this many groups per account.
const GROUPS_PER_ACCOUNT: usize = 50;
/// A user is in at most this many groups.
const GROUPS_PER_USER: usize = 5;

fn no_group() -> Fault {
    Fault::not_exist("Group", "The group does not exist.")
}

fn group_json(g: &Group) -> Value {
    json!({
        "GroupId": g.id,
        "GroupName": g.name,
        "Comments": some(&g.comments),
        "CreateDate": date(g.created),
        "UpdateDate": date(g.created),
    })
}

pub(super) fn create_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreateGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    let account = ctx.account();
    if account.groups.contains_key(&call.group_name) {
        return Err(Fault::exists("Group", "The group does already EXIST."));
    }
    if account.groups.len() >= GROUPS_PER_ACCOUNT {
        return Err(Fault::limit("Group", format!("The count of groups beyond the current limits: an account has at most {GROUPS_PER_ACCOUNT} user groups.")));
    }
    let group = Group {
        id: ids::digits(16),
        name: call.group_name.clone(),
        comments: call.comments,
        created: ctx.now.unix_seconds(),
        members: Default::default(),
    };
    let body = json!({ "Group": group_json(&group) });
    ctx.account_mut(&[(Table::Group, &call.group_name)])
        .groups
        .insert(call.group_name, group);
    Ok(body)
}

pub(super) fn get_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    let g = ctx
        .account()
        .groups
        .get(&call.group_name)
        .ok_or_else(no_group)?;
    Ok(json!({ "Group": group_json(g) }))
}

pub(super) fn delete_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeleteGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    let account = ctx.account();
    let g = account.groups.get(&call.group_name).ok_or_else(no_group)?;
    if !g.members.is_empty() {
        return Err(Fault::conflict(
            "Group.User",
            "The group has users: remove them first (RemoveUserFromGroup).",
        ));
    }
    if account
        .grants
        .iter()
        .any(|x| x.kind == PrincipalKind::Group && x.principal == call.group_name)
    {
        return Err(Fault::conflict(
            "Group.Policy",
            "The group has attached policies: detach them first (DetachPolicyFromGroup).",
        ));
    }
    ctx.account_mut(&[(Table::Group, &call.group_name)])
        .groups
        .remove(&call.group_name);
    Ok(json!({}))
}

pub(super) fn add_user_to_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: AddUserToGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    let account = ctx.account();
    if !account.users.contains_key(&call.user_name) {
        return Err(no_user());
    }
    let g = account.groups.get(&call.group_name).ok_or_else(no_group)?;
    if g.members.contains_key(&call.user_name) {
        return Err(Fault::exists(
            "User.Group",
            "The user has already been in the group.",
        ));
    }
    let count = account
        .groups
        .values()
        .filter(|g| g.members.contains_key(&call.user_name))
        .count();
    if count >= GROUPS_PER_USER {
        return Err(Fault::limit("User.Group", format!("The count of groups of the user beyond the current limits: a user is in at most {GROUPS_PER_USER} groups.")));
    }
    let now = ctx.now.unix_seconds();
    if let Some(g) = ctx
        .account_mut(&[(Table::Group, &call.group_name)])
        .groups
        .get_mut(&call.group_name)
    {
        g.members.insert(call.user_name, now);
    }
    Ok(json!({}))
}

pub(super) fn remove_user_from_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: RemoveUserFromGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    let account = ctx.account();
    if !account.users.contains_key(&call.user_name) {
        return Err(no_user());
    }
    let g = account.groups.get(&call.group_name).ok_or_else(no_group)?;
    if !g.members.contains_key(&call.user_name) {
        return Err(Fault::not_exist(
            "User.Group",
            "The user is not in the group.",
        ));
    }
    if let Some(g) = ctx
        .account_mut(&[(Table::Group, &call.group_name)])
        .groups
        .get_mut(&call.group_name)
    {
        g.members.remove(&call.user_name);
    }
    Ok(json!({}))
}

pub(super) fn list_groups_for_user(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListGroupsForUser = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let account = ctx.account();
    if !account.users.contains_key(&call.user_name) {
        return Err(no_user());
    }
    let groups: Vec<Value> = account
        .groups
        .values()
        .filter_map(|g| {
            let joined = g.members.get(&call.user_name)?;
            Some(json!({"GroupId": g.id, "GroupName": g.name, "Comments": some(&g.comments), "JoinDate": date(*joined)}))
        })
        .collect();
    Ok(json!({ "Groups": { "Group": groups } }))
}

pub(super) fn list_groups(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListGroups = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let items = ctx
        .account()
        .groups
        .values()
        .map(|g| (g.name.clone(), group_json(g)))
        .collect();
    Ok(page(
        items,
        call.marker.as_deref(),
        call.max_items,
        ("Groups", "Group"),
    ))
}

pub(super) fn list_users_for_group(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListUsersForGroup = parse(p)?;
    ctx.allow_call(&call, &call.group_name)?;
    let account = ctx.account();
    let g = account.groups.get(&call.group_name).ok_or_else(no_group)?;
    let items = g
        .members
        .iter()
        .filter_map(|(name, joined)| {
            let u = account.users.get(name)?;
            let mut v = user_json(u);
            v["JoinDate"] = json!(date(*joined));
            Some((name.clone(), v))
        })
        .collect();
    Ok(page(
        items,
        call.marker.as_deref(),
        call.max_items,
        ("Users", "User"),
    ))
}
