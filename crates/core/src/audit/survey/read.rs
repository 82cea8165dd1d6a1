//! One read of a survey: the typed call it makes, the permission it needs,
//! and what its answer adds to the [`Account`] — including the reads it
//! leads to (the next page, each user's keys, each role's trust policy).

use crate::api::responses::{
    AccessKeyLastUsedResponse, AccessKeysResponse, CallerIdentityResponse, DefaultDomainResponse,
    GroupsResponse, LoginProfileResponse, PasswordPolicyResponse, PoliciesResponse,
    PolicyAttachmentsResponse, PolicyResponse, ResourceGroupsResponse, RoleResponse, RolesResponse,
    UserResponse, UsersResponse, VirtualMfaDevicesResponse,
};
use crate::api::{ram, rm, sts, ApiError, Call, Operation};
use crate::audit::account::*;
use crate::policy::catalogue::system_policy;

/// RAM's largest page of `Marker` lists.
const RAM_PAGE: u32 = 1000;
/// `ListGroups` pages at most 100 (its SDK says so).
const GROUP_PAGE: u32 = 100;
/// Resource Manager's largest page.
const RM_PAGE: u32 = 100;

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Read {
    Identity,
    Domain,
    PasswordPolicy,
    Users(Option<String>),
    Groups(Option<String>),
    Roles(Option<String>),
    CustomPolicies(Option<String>),
    ResourceGroups(u32),
    Attachments(u32),
    MfaDevices,
    Members(String, Option<String>),
    Role(String),
    Policy(PolicyType, String),
    Keys(String),
    KeyUse(String, String),
    Login(String),
    LastLogin(String),
}

/// Reads that follow from an answer.
pub(super) type Follow = Vec<Read>;

fn next_marker(truncated: bool, marker: Option<String>) -> Option<Option<String>> {
    (truncated && marker.as_deref().is_some_and(|m| !m.is_empty())).then_some(marker)
}

impl Read {
    /// The first reads of every survey.
    pub(super) fn start() -> Vec<Read> {
        vec![
            Read::Identity,
            Read::Domain,
            Read::PasswordPolicy,
            Read::Users(None),
            Read::Groups(None),
            Read::Roles(None),
            Read::CustomPolicies(None),
            Read::ResourceGroups(1),
            Read::Attachments(1),
            Read::MfaDevices,
        ]
    }

    /// The typed call.
    pub(super) fn call(&self) -> Call {
        match self {
            Read::Identity => sts::GetCallerIdentity {}.into(),
            Read::Domain => rm::GetDefaultDomain {}.into(),
            Read::PasswordPolicy => ram::GetPasswordPolicy {}.into(),
            Read::Users(marker) => ram::ListUsers {
                marker: marker.clone(),
                max_items: Some(RAM_PAGE),
            }
            .into(),
            Read::Groups(marker) => ram::ListGroups {
                marker: marker.clone(),
                max_items: Some(GROUP_PAGE),
            }
            .into(),
            Read::Roles(marker) => ram::ListRoles {
                marker: marker.clone(),
                max_items: Some(RAM_PAGE),
            }
            .into(),
            Read::CustomPolicies(marker) => ram::ListPolicies {
                policy_type: Some("Custom".into()),
                marker: marker.clone(),
                max_items: Some(RAM_PAGE),
            }
            .into(),
            Read::ResourceGroups(page) => rm::ListResourceGroups {
                page_number: Some(*page),
                page_size: Some(RM_PAGE),
                ..Default::default()
            }
            .into(),
            // With no filter, every attachment in the account, at account and
            // resource-group scope alike (Resource Manager's API reference).
            Read::Attachments(page) => rm::ListPolicyAttachments {
                page_number: Some(*page),
                page_size: Some(RM_PAGE),
                ..Default::default()
            }
            .into(),
            Read::MfaDevices => ram::ListVirtualMFADevices {}.into(),
            Read::Members(group, marker) => ram::ListUsersForGroup {
                group_name: group.clone(),
                marker: marker.clone(),
                max_items: Some(RAM_PAGE),
            }
            .into(),
            Read::Role(name) => ram::GetRole {
                role_name: name.clone(),
            }
            .into(),
            Read::Policy(policy_type, name) => ram::GetPolicy {
                policy_name: name.clone(),
                policy_type: policy_type.as_str().into(),
            }
            .into(),
            Read::Keys(user) => ram::ListAccessKeys {
                user_name: Some(user.clone()),
            }
            .into(),
            Read::KeyUse(user, key) => ram::GetAccessKeyLastUsed {
                user_name: user.clone(),
                user_access_key_id: key.clone(),
            }
            .into(),
            Read::Login(user) => ram::GetLoginProfile {
                user_name: user.clone(),
            }
            .into(),
            Read::LastLogin(user) => ram::GetUser {
                user_name: user.clone(),
            }
            .into(),
        }
    }

    /// One read of each kind (names are stand-ins), for the permissions a
    /// survey needs.
    pub(super) fn every_kind() -> Vec<Read> {
        let (u, k) = (String::from("u"), String::from("k"));
        let mut all = Read::start();
        all.extend([
            Read::Members(u.clone(), None),
            Read::Role(u.clone()),
            Read::Policy(PolicyType::Custom, u.clone()),
            Read::Keys(u.clone()),
            Read::KeyUse(u.clone(), k),
            Read::Login(u.clone()),
            Read::LastLogin(u),
        ]);
        all
    }

    /// What it reads, for a gap: `user alice`, or empty for the account.
    pub(super) fn subject(&self) -> String {
        match self {
            Read::Members(g, _) => format!("group {g}"),
            Read::Role(r) => format!("role {r}"),
            Read::Policy(t, p) => format!("{} policy {p}", t.as_str().to_lowercase()),
            Read::Keys(u) | Read::Login(u) | Read::LastLogin(u) => format!("user {u}"),
            Read::KeyUse(u, k) => format!("user {u}, AccessKey {k}"),
            _ => String::new(),
        }
    }

    /// What an absent entity means: a user without a login profile has no
    /// console access — not a failure.
    pub(super) fn absent_is_an_answer(&self) -> bool {
        matches!(self, Read::Login(_))
    }

    /// Adds the answer to `account` and says what to read next.
    #[allow(clippy::result_large_err)] // the whole answer is kept for the user
    pub(super) fn absorb(&self, account: &mut Account, body: &str) -> Result<Follow, ApiError> {
        let mut follow = Vec::new();
        match self {
            Read::Identity => {
                let who: CallerIdentityResponse = sts::GetCallerIdentity::parse_response(body)?;
                account.id = who.account_id;
                account.read_by = who.arn;
            }
            Read::Domain => {
                let d: DefaultDomainResponse = rm::GetDefaultDomain::parse_response(body)?;
                account.domain = d.default_domain_name;
            }
            Read::PasswordPolicy => {
                let p: PasswordPolicyResponse = ram::GetPasswordPolicy::parse_response(body)?;
                account.password_policy = Some(PasswordRules {
                    minimum_length: p.password_policy.minimum_password_length,
                    max_age_days: p.password_policy.max_password_age,
                });
            }
            Read::Users(_) => {
                let page: UsersResponse = ram::ListUsers::parse_response(body)?;
                for u in page.users.0 {
                    follow.push(Read::Keys(u.user_name.clone()));
                    follow.push(Read::Login(u.user_name.clone()));
                    let user = account.users.entry(u.user_name).or_default();
                    user.id = u.user_id;
                    user.display_name = u.display_name;
                    user.created = u.create_date;
                }
                if let Some(m) = next_marker(page.page.is_truncated, page.page.marker) {
                    follow.push(Read::Users(m));
                }
            }
            Read::Groups(_) => {
                let page: GroupsResponse = ram::ListGroups::parse_response(body)?;
                for g in page.groups.0 {
                    follow.push(Read::Members(g.group_name.clone(), None));
                    account.groups.entry(g.group_name).or_default().comments = g.comments;
                }
                if let Some(m) = next_marker(page.page.is_truncated, page.page.marker) {
                    follow.push(Read::Groups(m));
                }
            }
            Read::Roles(_) => {
                let page: RolesResponse = ram::ListRoles::parse_response(body)?;
                for r in page.roles.0 {
                    follow.push(Read::Role(r.role_name.clone()));
                    let role = account.roles.entry(r.role_name).or_default();
                    role.arn = r.arn.unwrap_or_default();
                    role.max_session_duration = r.max_session_duration;
                }
                if let Some(m) = next_marker(page.page.is_truncated, page.page.marker) {
                    follow.push(Read::Roles(m));
                }
            }
            Read::CustomPolicies(_) => {
                let page: PoliciesResponse = ram::ListPolicies::parse_response(body)?;
                for p in page.policies.0 {
                    follow.push(Read::Policy(PolicyType::Custom, p.policy_name));
                }
                if let Some(m) = next_marker(page.page.is_truncated, page.page.marker) {
                    follow.push(Read::CustomPolicies(m));
                }
            }
            Read::ResourceGroups(n) => {
                let page: ResourceGroupsResponse = rm::ListResourceGroups::parse_response(body)?;
                for g in page.resource_groups.0 {
                    account.resource_groups.insert(g.id, g.name);
                }
                if page.page.has_more() {
                    follow.push(Read::ResourceGroups(n + 1));
                }
            }
            Read::Attachments(n) => {
                let page: PolicyAttachmentsResponse =
                    rm::ListPolicyAttachments::parse_response(body)?;
                for a in page.policy_attachments.0 {
                    let Some(policy_type) = PolicyType::parse(&a.policy_type) else {
                        continue;
                    };
                    let Some(principal) = principal(&a.principal_type, &a.principal_name) else {
                        continue;
                    };
                    let system_unseen = policy_type == PolicyType::System
                        && !account.attachments.iter().any(|b| {
                            b.policy_type == PolicyType::System && b.policy == a.policy_name
                        });
                    if system_unseen {
                        follow.push(Read::Policy(PolicyType::System, a.policy_name.clone()));
                    }
                    account.attachments.push(Attachment {
                        policy: a.policy_name,
                        policy_type,
                        principal,
                        // The account ID is the account's own scope.
                        resource_group: Some(a.resource_group_id)
                            .filter(|rg| rg.starts_with("rg-")),
                        attached: a.attach_date,
                    });
                }
                if page.page.has_more() {
                    follow.push(Read::Attachments(n + 1));
                }
            }
            Read::MfaDevices => {
                let devices: VirtualMfaDevicesResponse =
                    ram::ListVirtualMFADevices::parse_response(body)?;
                for d in devices.virtual_mfa_devices.0 {
                    if let Some(owner) = d.user {
                        account.users.entry(owner.user_name).or_default().mfa_device =
                            Some(d.serial_number);
                    }
                }
            }
            Read::Members(group, _) => {
                let page: UsersResponse = ram::ListUsersForGroup::parse_response(body)?;
                let g = account.groups.entry(group.clone()).or_default();
                g.members
                    .extend(page.users.0.into_iter().map(|u| u.user_name));
                if let Some(m) = next_marker(page.page.is_truncated, page.page.marker) {
                    follow.push(Read::Members(group.clone(), m));
                }
            }
            Read::Role(name) => {
                let r: RoleResponse = ram::GetRole::parse_response(body)?;
                let role = account.roles.entry(name.clone()).or_default();
                role.trust_policy = r.role.assume_role_policy_document.unwrap_or_default();
                role.service_linked = r.role.is_service_linked_role.unwrap_or(false);
                if let Some(arn) = r.role.arn {
                    role.arn = arn;
                }
                if r.role.max_session_duration.is_some() {
                    role.max_session_duration = r.role.max_session_duration;
                }
            }
            Read::Policy(policy_type, name) => {
                let p: PolicyResponse = ram::GetPolicy::parse_response(body)?;
                let version = p.default_policy_version.unwrap_or_default();
                let document = version.policy_document;
                let differs = *policy_type == PolicyType::System
                    && document
                        .as_deref()
                        .is_some_and(|d| differs_from_catalogue(name, d));
                account.policies.push(PolicyDocument {
                    name: name.clone(),
                    policy_type: *policy_type,
                    version: version.version_id,
                    document,
                    differs_from_catalogue: differs,
                });
            }
            Read::Keys(user) => {
                let keys: AccessKeysResponse = ram::ListAccessKeys::parse_response(body)?;
                let u = account.users.entry(user.clone()).or_default();
                for k in keys.access_keys.0 {
                    follow.push(Read::KeyUse(user.clone(), k.access_key_id.clone()));
                    u.keys.push(Key {
                        id: k.access_key_id,
                        status: k.status.unwrap_or_else(|| "Active".into()),
                        created: k.create_date,
                        last_used: None,
                    });
                }
            }
            Read::KeyUse(user, key) => {
                let used: AccessKeyLastUsedResponse =
                    ram::GetAccessKeyLastUsed::parse_response(body)?;
                let keys = &mut account.users.entry(user.clone()).or_default().keys;
                if let Some(k) = keys.iter_mut().find(|k| &k.id == key) {
                    k.last_used = used.access_key_last_used.last_used_date;
                }
            }
            Read::Login(user) => {
                // An absent login profile arrives here as an empty body.
                if body.is_empty() {
                    return Ok(follow);
                }
                let lp: LoginProfileResponse = ram::GetLoginProfile::parse_response(body)?;
                account.users.entry(user.clone()).or_default().console = Some(Console {
                    password_reset_required: lp.login_profile.password_reset_required,
                    mfa_bind_required: lp.login_profile.mfa_bind_required,
                });
                // Only a user with a password can log on to the console.
                follow.push(Read::LastLogin(user.clone()));
            }
            Read::LastLogin(user) => {
                let u: UserResponse = ram::GetUser::parse_response(body)?;
                account.users.entry(user.clone()).or_default().last_login = u.user.last_login_date;
            }
        }
        Ok(follow)
    }
}

/// A Resource Manager principal (`alice@demo.onaliyun.com`,
/// `ops@group.demo.onaliyun.com`, `viewer@role.demo.onaliyunservice.com`).
fn principal(kind: &str, name: &str) -> Option<Principal> {
    let short = name.split('@').next().unwrap_or(name).to_owned();
    match kind {
        "IMSUser" => Some(Principal::User(short)),
        "IMSGroup" => Some(Principal::Group(short)),
        "ServiceRole" => Some(Principal::Role(short)),
        _ => None,
    }
}

/// The service's document of a system policy means something else than
/// the catalogue's (layout aside).
fn differs_from_catalogue(name: &str, document: &str) -> bool {
    system_policy(name)
        .and_then(|p| p.document)
        .is_some_and(|known| !crate::policy::same_meaning(document, known))
}
