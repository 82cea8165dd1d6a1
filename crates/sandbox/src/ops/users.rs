//! RAM users, their console logon, their AccessKeys, and the account settings.

use ramp_core::api::ram::{
    CreateAccessKey, CreateLoginProfile, CreateUser, DeleteAccessKey, DeleteLoginProfile,
    DeleteUser, GetAccessKeyLastUsed, GetAccountAlias, GetLoginProfile, GetPasswordPolicy, GetUser,
    ListAccessKeys, ListUsers, UpdateAccessKey, UpdateUser,
};
use ramp_core::api::rm::{GetImsLoginProfile, UpdateLoginProfile};
use ramp_core::plan::password;
use serde_json::{json, Value};

use super::{date, page, parse, some, Ctx};
use crate::auth::{Identity, KeyOwner};
use crate::ids;
use crate::reply::{Fault, Reply};
use crate::rows::{grant_key, Table};
use crate::world::{Account, Grant, Key, LoginProfile, PrincipalKind, User};

/// At most this many AccessKeys per user.
const KEYS_PER_USER: usize = 2;

pub(super) fn no_user() -> Fault {
    Fault::not_exist("User", "The user does not exist.")
}

pub(super) fn user_json(u: &User) -> Value {
    json!({
        "UserId": u.id,
        "UserName": u.name,
        "DisplayName": some(&u.display_name),
        "Email": some(&u.email),
        "MobilePhone": some(&u.mobile_phone),
        "Comments": some(&u.comments),
        "CreateDate": date(u.created),
        "UpdateDate": date(u.updated),
    })
}

pub(super) fn create_user(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreateUser = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let now = ctx.now.unix_seconds();
    let account = ctx.account();
    if account.users.contains_key(&call.user_name) {
        return Err(Fault::exists("User", "The user does already EXIST."));
    }
    if account.users.len() >= account.users_quota {
        return Err(Fault::limit("User", format!("The count of users beyond the current limits: this account has at most {} RAM users.", account.users_quota)));
    }
    let user = User {
        id: ids::digits(16),
        name: call.user_name.clone(),
        display_name: call.display_name,
        email: call.email,
        mobile_phone: call.mobile_phone,
        comments: call.comments,
        created: now,
        updated: now,
        login_profile: None,
        keys: Vec::new(),
    };
    let body = json!({ "User": user_json(&user) });
    ctx.account_mut(&[(Table::User, &call.user_name)])
        .users
        .insert(call.user_name, user);
    Ok(body)
}

pub(super) fn get_user(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetUser = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let user = ctx.user(&call.user_name)?;
    Ok(json!({ "User": user_json(user) }))
}

pub(super) fn update_user(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: UpdateUser = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let now = ctx.now.unix_seconds();
    let account = ctx.account();
    if !account.users.contains_key(&call.user_name) {
        return Err(no_user());
    }
    if let Some(new) = &call.new_user_name {
        if new != &call.user_name && account.users.contains_key(new) {
            return Err(Fault::exists("User", "The user does already EXIST."));
        }
    }
    let touched = renamed(
        ctx.account(),
        &call.user_name,
        call.new_user_name.as_deref(),
    );
    let touched: Vec<(Table, &str)> = touched.iter().map(|(t, n)| (*t, n.as_str())).collect();
    let account = ctx.account_mut(&touched);
    let mut user = account.users.remove(&call.user_name).ok_or_else(no_user)?;
    if let Some(v) = call.new_display_name {
        user.display_name = Some(v);
    }
    if let Some(v) = call.new_email {
        user.email = Some(v);
    }
    if let Some(v) = call.new_mobile_phone {
        user.mobile_phone = Some(v);
    }
    if let Some(v) = call.new_comments {
        user.comments = Some(v);
    }
    user.updated = now;
    if let Some(new) = call.new_user_name {
        user.name = new.clone();
        for g in account.grants.iter_mut() {
            if g.kind == PrincipalKind::User && g.principal == call.user_name {
                g.principal = new.clone();
            }
        }
        for group in account.groups.values_mut() {
            if let Some(joined) = group.members.remove(&call.user_name) {
                group.members.insert(new.clone(), joined);
            }
        }
    }
    let body = json!({ "User": user_json(&user) });
    let (account_id, name, key_ids) = (
        account.id.clone(),
        user.name.clone(),
        user.keys.iter().map(|k| k.id.clone()).collect::<Vec<_>>(),
    );
    account.users.insert(user.name.clone(), user);
    for id in key_ids {
        ctx.inner
            .keys
            .insert(id, KeyOwner::User(account_id.clone(), name.clone()));
    }
    Ok(body)
}

/// What renaming `old` to `new` rewrites: both user rows, the user's
/// attachments under both names, the groups it is in.
fn renamed(account: &Account, old: &str, new: Option<&str>) -> Vec<(Table, String)> {
    let mut touched = vec![(Table::User, old.to_owned())];
    let Some(new) = new else {
        return touched;
    };
    touched.push((Table::User, new.to_owned()));
    for g in account
        .grants
        .iter()
        .filter(|g| g.kind == PrincipalKind::User && g.principal == old)
    {
        touched.push((Table::Grant, grant_key(g)));
        let moved = Grant {
            principal: new.to_owned(),
            ..g.clone()
        };
        touched.push((Table::Grant, grant_key(&moved)));
    }
    for group in account
        .groups
        .values()
        .filter(|g| g.members.contains_key(old))
    {
        touched.push((Table::Group, group.name.clone()));
    }
    touched
}

pub(super) fn delete_user(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeleteUser = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let account = ctx.account();
    let user = account.users.get(&call.user_name).ok_or_else(no_user)?;
    if !user.keys.is_empty() {
        return Err(Fault::conflict(
            "User.AccessKey",
            "The user has access keys: delete them first (DeleteAccessKey).",
        ));
    }
    if user.login_profile.is_some() {
        return Err(Fault::conflict(
            "User.LoginProfile",
            "The user has a login profile: delete it first (DeleteLoginProfile).",
        ));
    }
    if account
        .groups
        .values()
        .any(|g| g.members.contains_key(&call.user_name))
    {
        return Err(Fault::conflict(
            "User.Group",
            "The user is in a group: remove it first (RemoveUserFromGroup).",
        ));
    }
    if account
        .grants
        .iter()
        .any(|g| g.kind == crate::world::PrincipalKind::User && g.principal == call.user_name)
    {
        return Err(Fault::conflict(
            "User.Policy",
            "The user has attached policies: detach them first (DetachPolicyFromUser).",
        ));
    }
    ctx.account_mut(&[(Table::User, &call.user_name)])
        .users
        .remove(&call.user_name);
    Ok(json!({}))
}

pub(super) fn list_users(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListUsers = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let items = ctx
        .account()
        .users
        .values()
        .map(|u| (u.name.clone(), user_json(u)))
        .collect();
    Ok(page(
        items,
        call.marker.as_deref(),
        call.max_items,
        ("Users", "User"),
    ))
}

fn login_profile_json(name: &str, lp: &LoginProfile) -> Value {
    json!({
        "UserName": name,
        "PasswordResetRequired": lp.reset_required,
        "MFABindRequired": lp.mfa_bind_required,
        "CreateDate": date(lp.created),
    })
}

pub(super) fn create_login_profile(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreateLoginProfile = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let now = ctx.now.unix_seconds();
    let account = ctx.account();
    let user = account.users.get(&call.user_name).ok_or_else(no_user)?;
    if user.login_profile.is_some() {
        return Err(Fault::exists(
            "User.LoginProfile",
            "The login profile of the user does already EXIST.",
        ));
    }
    if let Some((rule, _)) =
        password::unmet_rule(&account.password_policy.to_core(), call.password.expose())
    {
        return Err(Fault::bad(
            "InvalidParameter.Password.TooWeak",
            format!("The parameter - \"Password\" does not meet the password policy: {rule}."),
        ));
    }
    let lp = LoginProfile {
        password: call.password.expose().to_owned(),
        reset_required: call.password_reset_required.unwrap_or(false),
        mfa_bind_required: call.mfa_bind_required.unwrap_or(false),
        created: now,
        inactive: false,
    };
    let body = json!({ "LoginProfile": login_profile_json(&call.user_name, &lp) });
    if let Some(u) = ctx
        .account_mut(&[(Table::User, &call.user_name)])
        .users
        .get_mut(&call.user_name)
    {
        u.login_profile = Some(lp);
    }
    Ok(body)
}

pub(super) fn get_login_profile(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetLoginProfile = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let user = ctx.user(&call.user_name)?;
    let lp = user.login_profile.as_ref().ok_or_else(|| {
        Fault::not_exist(
            "User.LoginProfile",
            "The login profile of the user does not exist.",
        )
    })?;
    Ok(json!({ "LoginProfile": login_profile_json(&call.user_name, lp) }))
}

pub(super) fn delete_login_profile(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeleteLoginProfile = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let user = ctx.user(&call.user_name)?;
    if user.login_profile.is_none() {
        return Err(Fault::not_exist(
            "User.LoginProfile",
            "The login profile of the user does not exist.",
        ));
    }
    if let Some(u) = ctx
        .account_mut(&[(Table::User, &call.user_name)])
        .users
        .get_mut(&call.user_name)
    {
        u.login_profile = None;
    }
    Ok(json!({}))
}

/// The user an AccessKey call is about: the named one, or the calling user.
fn key_user(ctx: &Ctx<'_>, named: &Option<String>) -> Result<String, Fault> {
    match (named, ctx.who) {
        (Some(n), _) => Ok(n.clone()),
        (None, Identity::User { name, .. }) => Ok(name.clone()),
        (None, _) => Err(Fault::bad(
            "MissingParameter",
            "The input parameter \"UserName\" that is mandatory for processing this request is not supplied: only a RAM user may leave it out.",
        )),
    }
}

pub(super) fn create_access_key(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: CreateAccessKey = parse(p)?;
    let name = key_user(ctx, &call.user_name)?;
    ctx.allow_call(&call, &name)?;
    let now = ctx.now.unix_seconds();
    let user = ctx.user(&name)?;
    if user.keys.len() >= KEYS_PER_USER {
        return Err(Fault::limit("User.AccessKey", format!("The count of access keys of the user beyond the current limits: a user has at most {KEYS_PER_USER}; delete one first.")));
    }
    let key = Key {
        id: ids::access_key_id(),
        secret: ids::secret(),
        status: "Active".into(),
        created: now,
        last_used: None,
    };
    let body = json!({ "AccessKey": {
        "AccessKeyId": key.id,
        "AccessKeySecret": key.secret,
        "Status": key.status,
        "CreateDate": date(now),
    }});
    let account_id = ctx.who.account().to_owned();
    ctx.inner
        .keys
        .insert(key.id.clone(), KeyOwner::User(account_id, name.clone()));
    if let Some(u) = ctx
        .account_mut(&[(Table::User, &name)])
        .users
        .get_mut(&name)
    {
        u.keys.push(key);
    }
    Ok(body)
}

pub(super) fn list_access_keys(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListAccessKeys = parse(p)?;
    let name = key_user(ctx, &call.user_name)?;
    ctx.allow_call(&call, &name)?;
    let user = ctx.user(&name)?;
    let keys: Vec<Value> = user
        .keys
        .iter()
        .map(|k| json!({"AccessKeyId": k.id, "Status": k.status, "CreateDate": date(k.created)}))
        .collect();
    Ok(json!({ "AccessKeys": { "AccessKey": keys } }))
}

pub(super) fn get_access_key_last_used(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetAccessKeyLastUsed = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    let user = ctx.user(&call.user_name)?;
    let key = user
        .keys
        .iter()
        .find(|k| k.id == call.user_access_key_id)
        .ok_or_else(|| {
            Fault::not_exist(
                "User.AccessKey",
                "The access key of the user does not exist.",
            )
        })?;
    // A key never used has no date (the service leaves it out too).
    Ok(json!({ "AccessKeyLastUsed": { "LastUsedDate": key.last_used.map(date) } }))
}

/// Changes `name`'s keys with `change`, when the user holds key `id`.
fn change_keys(
    ctx: &mut Ctx<'_>,
    name: &str,
    id: &str,
    change: impl FnOnce(&mut Vec<Key>),
) -> Result<(), Fault> {
    if !ctx.user(name)?.keys.iter().any(|k| k.id == id) {
        return Err(Fault::not_exist(
            "User.AccessKey",
            "The access key of the user does not exist.",
        ));
    }
    if let Some(u) = ctx.account_mut(&[(Table::User, name)]).users.get_mut(name) {
        change(&mut u.keys);
    }
    Ok(())
}

pub(super) fn delete_access_key(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: DeleteAccessKey = parse(p)?;
    let name = key_user(ctx, &call.user_name)?;
    ctx.allow_call(&call, &name)?;
    let id = call.user_access_key_id;
    change_keys(ctx, &name, &id, |keys| keys.retain(|k| k.id != id))?;
    ctx.inner.keys.remove(&id);
    Ok(json!({}))
}

pub(super) fn update_access_key(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: UpdateAccessKey = parse(p)?;
    let name = key_user(ctx, &call.user_name)?;
    ctx.allow_call(&call, &name)?;
    let (id, status) = (call.user_access_key_id, call.status);
    change_keys(ctx, &name, &id, |keys| {
        for k in keys.iter_mut().filter(|k| k.id == id) {
            k.status = status.clone();
        }
    })?;
    Ok(json!({}))
}

/// The user an IMS `UserPrincipalName` names, when its domain is the account's.
fn upn_user(ctx: &Ctx<'_>, upn: &str) -> Result<String, Fault> {
    let (name, domain) = upn.split_once('@').unwrap_or((upn, ""));
    let account = ctx.account();
    let own = [
        format!("{}.onaliyun.com", account.alias_or_id()),
        format!("{}.onaliyun.com", account.id),
    ];
    if !own.iter().any(|d| d == domain) {
        return Err(Fault::bad(
            "InvalidParameter.UserPrincipalName",
            format!(
                "The parameter UserPrincipalName `{upn}` is not in this account's domain: expected `{name}@{}`.",
                own[0]
            ),
        ));
    }
    Ok(name.to_owned())
}

fn no_login_profile() -> Fault {
    Fault::not_exist(
        "User.LoginProfile",
        "The login profile of the user does not exist.",
    )
}

/// IMS `GetLoginProfile`: the login profile with its `Status`.
pub(super) fn get_ims_login_profile(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetImsLoginProfile = parse(p)?;
    let name = upn_user(ctx, &call.user_principal_name)?;
    ctx.allow_call(&call, &name)?;
    let lp = ctx
        .user(&name)?
        .login_profile
        .as_ref()
        .ok_or_else(no_login_profile)?;
    Ok(json!({ "LoginProfile": {
        "UserPrincipalName": call.user_principal_name,
        "PasswordResetRequired": lp.reset_required,
        "MFABindRequired": lp.mfa_bind_required,
        "Status": if lp.inactive { "Inactive" } else { "Active" },
        "UpdateDate": date(lp.created),
    } }))
}

/// IMS `UpdateLoginProfile`: turns console logon on or off, keeping the password.
pub(super) fn update_login_profile(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: UpdateLoginProfile = parse(p)?;
    let name = upn_user(ctx, &call.user_principal_name)?;
    ctx.allow_call(&call, &name)?;
    if ctx.user(&name)?.login_profile.is_none() {
        return Err(no_login_profile());
    }
    if let Some(lp) = ctx
        .account_mut(&[(Table::User, &name)])
        .users
        .get_mut(&name)
        .and_then(|u| u.login_profile.as_mut())
    {
        lp.inactive = call.status == "Inactive";
    }
    Ok(json!({}))
}

pub(super) fn get_account_alias(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetAccountAlias = parse(p)?;
    ctx.allow_call(&call, "*")?;
    Ok(json!({ "AccountAlias": ctx.account().alias_or_id() }))
}

pub(super) fn get_password_policy(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: GetPasswordPolicy = parse(p)?;
    ctx.allow_call(&call, "*")?;
    let pp = &ctx.account().password_policy;
    Ok(json!({ "PasswordPolicy": {
        "MinimumPasswordLength": pp.minimum_length,
        "RequireLowercaseCharacters": pp.require_lowercase,
        "RequireUppercaseCharacters": pp.require_uppercase,
        "RequireNumbers": pp.require_numbers,
        "RequireSymbols": pp.require_symbols,
        "HardExpiry": false,
        "MaxPasswordAge": 0,
        "PasswordReusePrevention": 0,
        "MaxLoginAttemps": 5,
    }}))
}
