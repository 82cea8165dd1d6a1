//! Authorization with ramp-core's evaluator: the caller's effective policies
//! (its own and its groups', at account and resource-group scope; a role's,
//! narrowed by the session policy), plus the trust policy for `sts:AssumeRole`.
//! A denial names the deciding layer, the action, the resource and the policies.

use ramp_core::policy::catalogue::{find_action, system_policy};
use ramp_core::policy::eval::{
    evaluate, Attachment, Context, Decision, Layer, NamedPolicy, Policies, Request,
};
use ramp_core::policy::{parse_policy, Policy};
use serde_json::json;

use crate::auth::Identity;
use crate::reply::Fault;
use crate::world::{Account, Grant, PrincipalKind};

/// Strict denies; soft allows and reports what strict would have denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Enforcement {
    /// Deny what the policies do not allow (the real service's behaviour).
    #[default]
    Strict,
    /// Allow everything, and report each call strict mode would deny.
    Soft,
}

/// One authorization question.
#[derive(Debug)]
pub struct Question<'a> {
    /// `ram:CreateUser`.
    pub action: &'a str,
    /// The resource ARN.
    pub resource: String,
    /// The resource group the resource is in.
    pub resource_group: Option<String>,
    /// Condition keys.
    pub context: Context,
    /// The role's trust policy (`sts:AssumeRole` only): its name and document.
    pub trust: Option<(String, String)>,
}

impl<'a> Question<'a> {
    /// `action` on the catalogue's resource for it in `account`, named `name`.
    pub fn on(action: &'a str, account: &str, name: &str, context: Context) -> Question<'a> {
        let resource =
            find_action(action).map_or_else(|| "*".to_owned(), |a| a.resource_arn(account, name));
        Question {
            action,
            resource,
            resource_group: None,
            context,
            trust: None,
        }
    }
}

fn parsed(name: &str, document: &str) -> Option<NamedPolicy> {
    parse_policy(document).ok().map(|p| NamedPolicy {
        name: name.to_owned(),
        policy: p.policy,
    })
}

/// The document of a granted policy, parsed.
pub fn grant_policy(account: &Account, grant: &Grant) -> Option<NamedPolicy> {
    if grant.policy_type == "System" {
        let policy: Policy = system_policy(&grant.policy_name)?.policy()?;
        Some(NamedPolicy {
            name: grant.policy_name.clone(),
            policy,
        })
    } else {
        let custom = account.policies.get(&grant.policy_name)?;
        parsed(&grant.policy_name, custom.document())
    }
}

/// The attachments that apply to the identity in its own account.
pub fn attachments(account: &Account, who: &Identity) -> Vec<Attachment> {
    let applies = |g: &Grant| match who {
        Identity::Root { .. } => false,
        Identity::User { name, .. } => {
            (g.kind == PrincipalKind::User && &g.principal == name)
                || (g.kind == PrincipalKind::Group
                    && account
                        .groups
                        .get(&g.principal)
                        .is_some_and(|grp| grp.members.contains_key(name)))
        }
        Identity::Session { role, .. } => g.kind == PrincipalKind::Role && &g.principal == role,
    };
    account
        .grants
        .iter()
        .filter(|g| applies(g))
        .filter_map(|g| {
            Some(Attachment {
                policy: grant_policy(account, g)?,
                resource_group: g.resource_group.clone(),
            })
        })
        .collect()
}

/// `Ok(None)` when allowed; `Ok(Some(why))` when soft mode let a denial through.
pub fn authorize(
    account: &Account,
    who: &Identity,
    q: Question<'_>,
    enforcement: Enforcement,
) -> Result<Option<String>, Fault> {
    let session_policy = match who {
        Identity::Session {
            policy: Some(doc), ..
        } => parsed("SessionPolicy", doc),
        _ => None,
    };
    let trust_policy = q.trust.as_ref().and_then(|(name, doc)| parsed(name, doc));
    let policies = Policies {
        attachments: attachments(account, who),
        session_policy,
        trust_policy,
    };
    let req = Request {
        caller: who.caller(),
        action: q.action.to_owned(),
        resource: q.resource.clone(),
        resource_group: q.resource_group.clone(),
        context: q.context,
    };
    let eval = evaluate(&req, &policies);
    if eval.decision == Decision::Allow {
        return Ok(None);
    }
    let layer = eval
        .layer
        .map(layer_name)
        .unwrap_or("AccountLevelIdentityBasedPolicy");
    let denial_kind = match eval.decision {
        Decision::ExplicitDeny => "ExplicitDeny",
        _ => "ImplicitDeny",
    };
    let mut matched: Vec<String> = eval
        .decisive
        .iter()
        .chain(&eval.matched)
        .map(|s| format!("{}#{} ({:?})", s.policy, s.statement + 1, s.effect))
        .collect();
    matched.dedup();
    let who_text = match who {
        Identity::Root { account } => format!("account {account}"),
        Identity::User { account, name } => format!("RAM user {name} of account {account}"),
        Identity::Session {
            account,
            role,
            session,
            ..
        } => {
            format!("session {session} of role {role} in account {account}")
        }
    };
    let reason = match (&eval.note, eval.layer) {
        (Some(note), _) => (*note).to_owned(),
        (None, Some(Layer::AssumeRolePolicy)) => format!(
            "the trust policy of the role does not allow {who_text} to assume it{}",
            missing(&eval.missing_keys)
        ),
        (None, Some(Layer::SessionPolicy)) => "the session policy does not allow it".to_owned(),
        (None, _) if denial_kind == "ExplicitDeny" => {
            format!("a Deny statement matched: {}", matched.join(", "))
        }
        (None, _) => format!(
            "no policy attached to {who_text} allows it{}",
            missing(&eval.missing_keys)
        ),
    };
    let root_assume =
        matches!(who, Identity::Root { .. }) && q.action.eq_ignore_ascii_case("sts:AssumeRole");
    let message = if root_assume {
        "Roles may not be assumed by root accounts.".to_owned()
    } else if eval.layer == Some(Layer::AssumeRolePolicy) {
        format!(
            "You are not authorized to do this action. No permission perform sts:AssumeRole on this Role. Maybe you should check the role's trust policy: {reason}. [{denial_kind} by {layer}; action {}; resource {}]",
            q.action, q.resource
        )
    } else {
        format!(
            "You are not authorized to do this action. You should be authorized by RAM: {reason}. [{denial_kind} by {layer}; action {}; resource {}]",
            q.action, q.resource
        )
    };
    if enforcement == Enforcement::Soft {
        return Ok(Some(message));
    }
    let (principal_type, display) = match who {
        Identity::Root { account } => ("Account", account.clone()),
        Identity::User { name, .. } => ("SubUser", name.clone()),
        Identity::Session { role, session, .. } => ("AssumedRoleUser", format!("{role}:{session}")),
    };
    let mut fault = Fault::new(403, "NoPermission", message);
    fault.access_denied_detail = Some(json!({
        "AuthAction": q.action,
        "AuthResource": q.resource,
        "AuthPrincipalType": principal_type,
        "AuthPrincipalOwnerId": who.account(),
        "AuthPrincipalDisplayName": display,
        "NoPermissionType": denial_kind,
        "PolicyType": layer,
        "MatchedPolicies": matched,
        "MissingContextKeys": eval.missing_keys,
    }));
    Err(fault)
}

fn missing(keys: &[String]) -> String {
    if keys.is_empty() {
        String::new()
    } else {
        format!(
            " (the request lacks the condition keys {})",
            keys.join(", ")
        )
    }
}

fn layer_name(layer: Layer) -> &'static str {
    match layer {
        Layer::SessionPolicy => "SessionPolicy",
        Layer::AccountLevelIdentityBasedPolicy => "AccountLevelIdentityBasedPolicy",
        Layer::ResourceGroupLevelIdentityBasedPolicy => "ResourceGroupLevelIdentityBasedPolicy",
        Layer::AssumeRolePolicy => "AssumeRolePolicy",
    }
}
