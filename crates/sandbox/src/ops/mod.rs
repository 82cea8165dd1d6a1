//! The operations: each reads its typed call from the parameters (ramp-core's
//! `Operation::from_params`, then the same rules the client checks), authorizes it,
//! and changes or reads the state.

mod attachments;
mod groups;
mod mfa;
mod policies;
mod rm;
mod roles;
mod sts;
mod users;

use ramp_core::api::{Operation, Service};
use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::eval::Context;
use ramp_core::policy::lint::{lint_text, Kind, Options as LintOptions, Tier};
use ramp_core::time::UtcTime;
use serde_json::{json, Value};

use crate::auth::Identity;
use crate::authz::{self, Enforcement, Question};
use crate::reply::{Fault, Reply};
use crate::rows::{Entity, Table};
use crate::world::Account;
use crate::Inner;

/// What an operation works with.
pub(crate) struct Ctx<'a> {
    pub(crate) inner: &'a mut Inner,
    pub(crate) who: &'a Identity,
    pub(crate) now: UtcTime,
    pub(crate) source_ip: &'a str,
    pub(crate) secure: bool,
    /// The request's `User-Agent` (`acs:UserAgent`), when it sent one.
    pub(crate) user_agent: Option<&'a str>,
    pub(crate) access_key_id: &'a str,
    pub(crate) enforcement: Enforcement,
    /// Set by operations that changed the state.
    pub(crate) changed: bool,
    pub(crate) soft_denial: Option<String>,
}

/// One operation.
pub(crate) type Op = fn(&mut Ctx<'_>, &[(String, String)]) -> Reply;

/// The operations of `service`, by action name.
fn table(service: Service) -> &'static [(&'static str, Op)] {
    match service {
        Service::Ram => &[
            ("CreateUser", users::create_user),
            ("GetUser", users::get_user),
            ("UpdateUser", users::update_user),
            ("DeleteUser", users::delete_user),
            ("ListUsers", users::list_users),
            ("CreateLoginProfile", users::create_login_profile),
            ("GetLoginProfile", users::get_login_profile),
            ("DeleteLoginProfile", users::delete_login_profile),
            ("CreateAccessKey", users::create_access_key),
            ("ListAccessKeys", users::list_access_keys),
            ("GetAccessKeyLastUsed", users::get_access_key_last_used),
            ("ListVirtualMFADevices", mfa::list_virtual_mfa_devices),
            ("DeleteAccessKey", users::delete_access_key),
            ("UpdateAccessKey", users::update_access_key),
            ("UnbindMFADevice", mfa::unbind_mfa_device),
            ("GetAccountAlias", users::get_account_alias),
            ("GetPasswordPolicy", users::get_password_policy),
            ("CreateGroup", groups::create_group),
            ("GetGroup", groups::get_group),
            ("ListGroups", groups::list_groups),
            ("DeleteGroup", groups::delete_group),
            ("AddUserToGroup", groups::add_user_to_group),
            ("RemoveUserFromGroup", groups::remove_user_from_group),
            ("ListGroupsForUser", groups::list_groups_for_user),
            ("ListUsersForGroup", groups::list_users_for_group),
            ("CreateRole", roles::create_role),
            ("GetRole", roles::get_role),
            ("UpdateRole", roles::update_role),
            ("DeleteRole", roles::delete_role),
            ("ListRoles", roles::list_roles),
            ("CreatePolicy", policies::create_policy),
            ("GetPolicy", policies::get_policy),
            ("CreatePolicyVersion", policies::create_policy_version),
            ("ListPolicyVersions", policies::list_policy_versions),
            (
                "SetDefaultPolicyVersion",
                policies::set_default_policy_version,
            ),
            ("DeletePolicyVersion", policies::delete_policy_version),
            ("DeletePolicy", policies::delete_policy),
            ("ListPolicies", policies::list_policies),
            ("AttachPolicyToUser", attachments::attach_to_user),
            ("AttachPolicyToGroup", attachments::attach_to_group),
            ("AttachPolicyToRole", attachments::attach_to_role),
            ("DetachPolicyFromUser", attachments::detach_from_user),
            ("DetachPolicyFromGroup", attachments::detach_from_group),
            ("DetachPolicyFromRole", attachments::detach_from_role),
            ("ListPoliciesForUser", attachments::list_for_user),
            ("ListPoliciesForGroup", attachments::list_for_group),
            ("ListPoliciesForRole", attachments::list_for_role),
        ],
        Service::Sts => &[
            ("AssumeRole", sts::assume_role),
            ("GetCallerIdentity", sts::get_caller_identity),
        ],
        Service::ResourceManager => &[
            ("AttachPolicy", rm::attach_policy),
            ("DetachPolicy", rm::detach_policy),
            ("ListPolicyAttachments", rm::list_policy_attachments),
            ("ListResourceGroups", rm::list_resource_groups),
        ],
        Service::Ims => &[
            ("GetDefaultDomain", rm::get_default_domain),
            ("UpdateLoginProfile", users::update_login_profile),
            ("GetLoginProfile", users::get_ims_login_profile),
        ],
    }
}

/// The operation `action` of `service`.
pub(crate) fn find(service: Service, action: &str) -> Option<Op> {
    table(service)
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, op)| *op)
}

/// Every action the sandbox answers for `service`.
pub fn actions(service: Service) -> impl Iterator<Item = &'static str> {
    table(service).iter().map(|(name, _)| *name)
}

/// Reads and checks a typed call.
pub(crate) fn parse<C: Operation>(params: &[(String, String)]) -> Result<C, Fault> {
    let call = C::from_params(params)?;
    call.validate()?;
    Ok(call)
}

/// A document RAM accepts (no error-tier lint finding: the same checks the
/// studio shows), or `MalformedPolicyDocument` naming the first problem.
pub(crate) fn check_document(param: &str, text: &str, kind: Kind) -> Result<(), Fault> {
    let report = lint_text(
        text,
        &LintOptions {
            kind: Some(kind),
            now: None,
        },
    );
    match report.findings.iter().find(|f| f.check.tier == Tier::Error) {
        Some(f) => Err(Fault::bad(
            "MalformedPolicyDocument",
            format!(
                "The policy document in {param} is malformed: {} [{}]",
                f.message(Lang::En),
                f.check.code
            ),
        )),
        None => Ok(()),
    }
}

impl Ctx<'_> {
    /// The caller's account.
    /// A user of the caller's account, or `EntityNotExist.User`.
    pub(crate) fn user(&self, name: &str) -> Result<&crate::world::User, Fault> {
        self.account().users.get(name).ok_or_else(users::no_user)
    }

    pub(crate) fn account(&self) -> &Account {
        self.inner
            .world
            .accounts
            .get(self.who.account())
            .expect("an authenticated caller's account exists")
    }

    /// The caller's account, to change the entities `touched` names — every
    /// one the change writes or removes: `--state` saves exactly those rows.
    pub(crate) fn account_mut(&mut self, touched: &[(Table, &str)]) -> &mut Account {
        self.changed = true;
        let id = self.who.account().to_owned();
        for (table, name) in touched {
            self.inner.touch(Entity {
                table: *table,
                account: id.clone(),
                name: (*name).to_owned(),
            });
        }
        self.inner
            .world
            .accounts
            .get_mut(&id)
            .expect("an authenticated caller's account exists")
    }

    /// The request's condition keys: everything the sandbox knows about the
    /// request, as the service would have it. A key the request does not
    /// carry is absent — its conditions do not match, a negated one does
    /// (docs/fidelity.md) — never "unknown", which would deny every call
    /// under a Deny conditioned on it.
    ///
    /// `acs:MFAPresent` is not set: RAM documents it as whether MFA was used
    /// at logon ("Policy elements"), and an AccessKey or STS-token call has
    /// no logon — the linter's W001 says the same.
    pub(crate) fn context(&self) -> Context {
        let mut context = Context::new()
            .missing_is_absent()
            .with("acs:CurrentTime", &self.now.to_string())
            .with("acs:SourceIp", self.source_ip)
            .with(
                "acs:SecureTransport",
                if self.secure { "true" } else { "false" },
            )
            .with("acs:AccessId", self.access_key_id)
            .with("acs:PrincipalARN", &self.who.caller().arn());
        if let Some(agent) = self.user_agent {
            context.insert("acs:UserAgent", agent);
        }
        context
    }

    /// Authorizes `action` on the catalogue's resource named `name` in the caller's account.
    pub(crate) fn allow(&mut self, action: &str, name: &str) -> Result<(), Fault> {
        let q = Question::on(action, self.who.account(), name, self.context());
        self.decide(q)
    }

    /// Authorizes the typed call's own action (`ram:CreateUser` for a
    /// `CreateUser`) on the resource named `name`: the action is named once,
    /// by the call's type.
    pub(crate) fn allow_call<C: ramp_core::api::Operation>(
        &mut self,
        _call: &C,
        name: &str,
    ) -> Result<(), Fault> {
        let action = format!("{}:{}", C::SERVICE.ram_code(), C::ACTION);
        self.allow(&action, name)
    }

    /// Authorizes a prepared question.
    pub(crate) fn decide(&mut self, q: Question<'_>) -> Result<(), Fault> {
        let account = self.account();
        if let Some(note) = authz::authorize(account, self.who, q, self.enforcement)? {
            self.soft_denial = Some(note);
        }
        Ok(())
    }
}

/// Unix seconds as the services write dates.
pub(crate) fn date(seconds: i64) -> String {
    UtcTime::from_unix_seconds(seconds).to_string()
}

/// A list wrapped the services' way: `{Plural: {Singular: [...]}}`.
pub(crate) fn wrapped(items: Vec<Value>, (plural, singular): (&str, &str)) -> Value {
    json!({ plural: { singular: items } })
}

/// One `Marker` page of named items after `marker`, `MaxItems` long (default
/// 100), in the list's wrapper, with `IsTruncated` and the next `Marker`.
pub(crate) fn page(
    items: Vec<(String, Value)>,
    marker: Option<&str>,
    max: Option<u32>,
    names: (&str, &str),
) -> Value {
    let max = max.unwrap_or(100) as usize;
    let mut rest: Vec<(String, Value)> = items
        .into_iter()
        .filter(|(name, _)| marker.is_none_or(|m| name.as_str() > m))
        .collect();
    let truncated = rest.len() > max;
    rest.truncate(max);
    let next = if truncated {
        rest.last().map(|(n, _)| n.clone())
    } else {
        None
    };
    let mut body = wrapped(rest.into_iter().map(|(_, v)| v).collect(), names);
    body["IsTruncated"] = json!(truncated);
    if let Some(m) = next {
        body["Marker"] = json!(m);
    }
    body
}

/// One `PageNumber` page (from 1; `PageSize` default 10) in the list's
/// wrapper, with the numbers and `TotalCount` (Resource Manager).
pub(crate) fn numbered(
    items: Vec<Value>,
    number: Option<u32>,
    size: Option<u32>,
    names: (&str, &str),
) -> Value {
    let number = number.unwrap_or(1).max(1);
    let size = size.unwrap_or(10).max(1);
    let total = items.len();
    let skip = (number as usize - 1).saturating_mul(size as usize);
    let page: Vec<Value> = items.into_iter().skip(skip).take(size as usize).collect();
    let mut body = wrapped(page, names);
    body["PageNumber"] = json!(number);
    body["PageSize"] = json!(size);
    body["TotalCount"] = json!(total);
    body
}

/// `None` for an empty optional string.
pub(crate) fn some(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| json!(s))
}
