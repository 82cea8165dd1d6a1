//! STS: AssumeRole (the caller's permission and the role's trust policy) and
//! GetCallerIdentity.

use ramp_core::api::sts::{AssumeRole, GetCallerIdentity};
use serde_json::json;

use super::roles::role_arn;
use ramp_core::policy::lint::Kind;

use super::{check_document, parse, Ctx};
use crate::auth::Identity;
use crate::authz::Question;
use crate::ids;
use crate::reply::{Fault, Reply};
use crate::rows::{Entity, Table};
use crate::world::Session;

/// Expired sessions are forgotten a day after they expire.
const KEEP_EXPIRED: i64 = 86_400;

pub(super) fn assume_role(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: AssumeRole = parse(p)?;
    let rest = call.role_arn.strip_prefix("acs:ram::").unwrap_or_default();
    let (role_account, role_name) = rest.split_once(":role/").ok_or_else(|| {
        Fault::bad(
            "InvalidParameter.RoleArn",
            "The parameter RoleArn is wrongly formed.",
        )
    })?;
    let no_role = || {
        Fault::not_exist(
            "Role",
            format!("The specified Role not exists: {}.", call.role_arn),
        )
    };
    let role = ctx
        .inner
        .world
        .accounts
        .get(role_account)
        .and_then(|a| a.roles.get(role_name))
        .cloned()
        .ok_or_else(no_role)?;
    let duration = call.duration_seconds.unwrap_or(3600);
    if duration < 900 || duration > role.max_session_duration {
        return Err(Fault::bad(
            "InvalidParameter.DurationSeconds",
            format!(
                "The Min/Max value of DurationSeconds is 15min/{}s: the role's MaxSessionDuration is {} seconds.",
                role.max_session_duration, role.max_session_duration
            ),
        ));
    }
    if let Some(policy) = &call.policy {
        check_document("Policy", policy, Kind::Permission).map_err(|f| {
            Fault::bad(
                "InvalidParameter.PolicyGrammar",
                format!(
                    "The parameter Policy has not passed grammar check: {}",
                    f.message
                ),
            )
        })?;
    }
    let mut context = ctx.context();
    if let Some(id) = &call.external_id {
        context.insert("sts:ExternalId", id);
    }
    let question = Question {
        resource: role_arn(role_account, role_name),
        trust: Some((
            format!("AssumeRolePolicyDocument of {role_name}"),
            role.trust_policy.clone(),
        )),
        ..Question::on("sts:AssumeRole", role_account, role_name, context)
    };
    ctx.decide(question)?;

    let now = ctx.now.unix_seconds();
    let access_key_id = ids::sts_access_key_id();
    let session = Session {
        access_key_id: access_key_id.clone(),
        secret: ids::secret(),
        token: ids::security_token(&access_key_id),
        account: role_account.to_owned(),
        role: role_name.to_owned(),
        role_id: role.id.clone(),
        session_name: call.role_session_name.clone(),
        policy: call.policy,
        expires: now + i64::from(duration),
    };
    let body = json!({
        "Credentials": {
            "AccessKeyId": session.access_key_id,
            "AccessKeySecret": session.secret,
            "SecurityToken": session.token,
            "Expiration": super::date(session.expires),
        },
        "AssumedRoleUser": {
            "Arn": format!("{}/{}", role_arn(role_account, role_name), call.role_session_name),
            "AssumedRoleId": format!("{}:{}", role.id, call.role_session_name),
        },
    });
    let expired: Vec<String> = ctx
        .inner
        .world
        .sessions
        .iter()
        .filter(|(_, s)| s.expires + KEEP_EXPIRED <= now)
        .map(|(id, _)| id.clone())
        .chain([access_key_id.clone()])
        .collect();
    ctx.changed = true;
    for id in expired {
        ctx.inner.touch(Entity {
            table: Table::Session,
            account: String::new(),
            name: id,
        });
    }
    let sessions = &mut ctx.inner.world.sessions;
    sessions.retain(|_, s| s.expires + KEEP_EXPIRED > now);
    sessions.insert(access_key_id, session);
    Ok(body)
}

pub(super) fn get_caller_identity(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let _: GetCallerIdentity = parse(p)?;
    // Like the real service, it needs no permission.
    Ok(match ctx.who {
        Identity::Root { account } => json!({
            "AccountId": account,
            "PrincipalId": account,
            "IdentityType": "Account",
            "Arn": format!("acs:ram::{account}:root"),
        }),
        Identity::User { account, name } => {
            let id = ctx
                .account()
                .users
                .get(name)
                .map(|u| u.id.clone())
                .unwrap_or_default();
            json!({
                "AccountId": account,
                "UserId": id,
                "PrincipalId": id,
                "IdentityType": "RAMUser",
                "Arn": format!("acs:ram::{account}:user/{name}"),
            })
        }
        Identity::Session {
            account,
            role,
            role_id,
            session,
            ..
        } => json!({
            "AccountId": account,
            "RoleId": role_id,
            "PrincipalId": format!("{role_id}:{session}"),
            "IdentityType": "AssumedRoleUser",
            "Arn": format!("acs:ram::{account}:assumed-role/{role}/{session}"),
        }),
    })
}
