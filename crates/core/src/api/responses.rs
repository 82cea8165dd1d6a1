//! Response bodies as typed values. Lists arrive wrapped the XML way
//! (`Users: {User: [...]}`); [`List`] reads that shape (and a bare array).
//! Every field but the identifying ones is optional, so older and newer
//! service versions both parse.

use serde::Deserialize;

use crate::credentials::Secret;

/// A list in the services' `Plural: {Singular: [...]}` wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape<T> {
            Bare(Vec<T>),
            Wrapped(std::collections::BTreeMap<String, Vec<T>>),
        }
        Ok(match Shape::deserialize(d)? {
            Shape::Bare(items) => List(items),
            Shape::Wrapped(map) => List(map.into_values().next().unwrap_or_default()),
        })
    }
}

/// A body with nothing but the request ID (deletes, attaches).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Empty {
    /// The request ID.
    #[serde(default)]
    pub request_id: String,
}

/// A RAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct User {
    /// ID.
    pub user_id: String,
    /// Logon name.
    pub user_name: String,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
    /// Comments.
    pub comments: Option<String>,
    /// Created.
    pub create_date: Option<String>,
    /// Updated.
    pub update_date: Option<String>,
    /// Last console logon.
    pub last_login_date: Option<String>,
    /// When it was attached to a policy (`ListEntitiesForPolicy`).
    pub attach_date: Option<String>,
    /// When it joined a group (`ListUsersForGroup`).
    pub join_date: Option<String>,
}

/// `CreateUser`, `GetUser`, `UpdateUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct UserResponse {
    /// The request ID.
    pub request_id: String,
    /// The user.
    pub user: User,
}

/// `Marker` pagination of RAM's list calls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Page {
    /// More results follow.
    pub is_truncated: bool,
    /// Pass as `Marker` to get them.
    pub marker: Option<String>,
}

/// `ListUsers`, `ListUsersForGroup`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct UsersResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination.
    #[serde(flatten)]
    pub page: Page,
    /// The users.
    pub users: List<User>,
}

/// A console login profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct LoginProfile {
    /// The user.
    pub user_name: String,
    /// Must change the password at next logon.
    pub password_reset_required: bool,
    /// Must bind an MFA device.
    #[serde(rename = "MFABindRequired")]
    pub mfa_bind_required: bool,
    /// Created.
    pub create_date: Option<String>,
}

/// `CreateLoginProfile`, `GetLoginProfile`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct LoginProfileResponse {
    /// The request ID.
    pub request_id: String,
    /// The profile.
    pub login_profile: LoginProfile,
}

/// An AccessKey; the secret only in `CreateAccessKey`'s answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKey {
    /// The ID.
    pub access_key_id: String,
    /// The secret (only when just created).
    pub access_key_secret: Option<Secret>,
    /// `Active` or `Inactive`.
    pub status: Option<String>,
    /// Created.
    pub create_date: Option<String>,
}

/// `CreateAccessKey`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKeyResponse {
    /// The request ID.
    pub request_id: String,
    /// The key.
    pub access_key: AccessKey,
}

/// `ListAccessKeys`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKeysResponse {
    /// The request ID.
    pub request_id: String,
    /// The keys (without secrets).
    pub access_keys: List<AccessKey>,
}

/// A user group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Group {
    /// ID.
    pub group_id: Option<String>,
    /// Name.
    pub group_name: String,
    /// Comments.
    pub comments: Option<String>,
    /// Created.
    pub create_date: Option<String>,
    /// Updated.
    pub update_date: Option<String>,
    /// When the user joined (`ListGroupsForUser`).
    pub join_date: Option<String>,
}

/// `CreateGroup`, `GetGroup`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GroupResponse {
    /// The request ID.
    pub request_id: String,
    /// The group.
    pub group: Group,
}

/// `ListGroupsForUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GroupsResponse {
    /// The request ID.
    pub request_id: String,
    /// The groups.
    pub groups: List<Group>,
}

/// A RAM role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Role {
    /// ID.
    pub role_id: Option<String>,
    /// Name.
    pub role_name: String,
    /// `acs:ram::<account-id>:role/<name>`.
    pub arn: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The trust policy (a JSON string).
    pub assume_role_policy_document: Option<String>,
    /// Longest session, seconds.
    pub max_session_duration: Option<u32>,
    /// Created.
    pub create_date: Option<String>,
    /// Updated.
    pub update_date: Option<String>,
    /// A service-linked role.
    pub is_service_linked_role: Option<bool>,
    /// `<role>@role.<alias>.onaliyunservice.com`.
    pub role_principal_name: Option<String>,
}

/// `CreateRole`, `GetRole`, `UpdateRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RoleResponse {
    /// The request ID.
    pub request_id: String,
    /// The role.
    pub role: Role,
}

/// `ListRoles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RolesResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination.
    #[serde(flatten)]
    pub page: Page,
    /// The roles.
    pub roles: List<Role>,
}

/// A policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Policy {
    /// Name.
    pub policy_name: String,
    /// `System` or `Custom`.
    pub policy_type: String,
    /// Description.
    pub description: Option<String>,
    /// The default version, `v1`…
    pub default_version: Option<String>,
    /// Attachments.
    pub attachment_count: Option<u32>,
    /// Created.
    pub create_date: Option<String>,
    /// Updated.
    pub update_date: Option<String>,
    /// When attached (`ListPoliciesFor*`).
    pub attach_date: Option<String>,
}

/// A policy version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersion {
    /// `v1`, `v2`…
    pub version_id: String,
    /// The default one.
    pub is_default_version: bool,
    /// The document (a JSON string).
    pub policy_document: Option<String>,
    /// Created.
    pub create_date: Option<String>,
}

/// `CreatePolicy`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyResponse {
    /// The request ID.
    pub request_id: String,
    /// The policy.
    pub policy: Policy,
    /// The default version (`GetPolicy`).
    pub default_policy_version: Option<PolicyVersion>,
}

/// `CreatePolicyVersion`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersionResponse {
    /// The request ID.
    pub request_id: String,
    /// The version.
    pub policy_version: PolicyVersion,
}

/// `ListPolicies`, `ListPoliciesForUser/Group/Role`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PoliciesResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination (`ListPolicies`).
    #[serde(flatten)]
    pub page: Page,
    /// The policies.
    pub policies: List<Policy>,
}

/// `GetAccountAlias`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccountAliasResponse {
    /// The request ID.
    pub request_id: String,
    /// The alias (the account ID when none is set).
    pub account_alias: String,
}

/// The account's password policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PasswordPolicy {
    /// 8-32.
    pub minimum_password_length: u32,
    /// Needs a lowercase letter.
    pub require_lowercase_characters: bool,
    /// Needs an uppercase letter.
    pub require_uppercase_characters: bool,
    /// Needs a digit.
    pub require_numbers: bool,
    /// Needs a symbol.
    pub require_symbols: bool,
    /// Expired passwords block logon.
    pub hard_expiry: bool,
    /// Days, 0 = never.
    pub max_password_age: u32,
    /// Previous passwords that may not be reused.
    pub password_reuse_prevention: u32,
    /// Failed attempts before a one-hour lock (the field is spelt `MaxLoginAttemps`).
    #[serde(rename = "MaxLoginAttemps")]
    pub max_login_attempts: u32,
}

/// `GetPasswordPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PasswordPolicyResponse {
    /// The request ID.
    pub request_id: String,
    /// The policy.
    pub password_policy: PasswordPolicy,
}

/// Temporary credentials from `AssumeRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct StsCredentials {
    /// `STS.…`
    pub access_key_id: String,
    /// Secret.
    pub access_key_secret: Option<Secret>,
    /// Token.
    pub security_token: Option<Secret>,
    /// `2015-04-09T11:52:19Z`.
    pub expiration: String,
}

/// The session `AssumeRole` created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssumedRoleUser {
    /// `acs:ram::<account>:role/<role>/<session>`.
    pub arn: String,
    /// `<role-id>:<session>`.
    pub assumed_role_id: String,
}

/// `AssumeRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssumeRoleResponse {
    /// The request ID.
    pub request_id: String,
    /// The credentials (secret).
    pub credentials: StsCredentials,
    /// The session.
    pub assumed_role_user: AssumedRoleUser,
    /// When set.
    pub source_identity: Option<String>,
}

/// `GetCallerIdentity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CallerIdentityResponse {
    /// The request ID.
    pub request_id: String,
    /// Digits.
    pub account_id: String,
    /// For a RAM user.
    pub user_id: Option<String>,
    /// For a role session.
    pub role_id: Option<String>,
    /// The principal.
    pub principal_id: Option<String>,
    /// `RAMUser`, `AssumedRoleUser`, `Account`.
    pub identity_type: Option<String>,
    /// The caller's ARN.
    pub arn: String,
}

/// `PageNumber` pagination of Resource Manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct NumberedPage {
    /// From 1.
    pub page_number: u32,
    /// 1-100.
    pub page_size: u32,
    /// All entries.
    pub total_count: u32,
}

impl NumberedPage {
    /// More pages follow.
    pub fn has_more(&self) -> bool {
        self.page_number.saturating_mul(self.page_size) < self.total_count
    }
}

/// A policy attachment in Resource Manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyAttachment {
    /// Policy.
    pub policy_name: String,
    /// `System` or `Custom`.
    pub policy_type: String,
    /// Description.
    pub description: Option<String>,
    /// `user@alias.onaliyun.com`…
    pub principal_name: String,
    /// `IMSUser`, `IMSGroup`, `ServiceRole`.
    pub principal_type: String,
    /// `rg-…` or the account ID.
    pub resource_group_id: String,
    /// When.
    pub attach_date: Option<String>,
}

/// `ListPolicyAttachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyAttachmentsResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination.
    #[serde(flatten)]
    pub page: NumberedPage,
    /// The attachments.
    pub policy_attachments: List<PolicyAttachment>,
}

/// A resource group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ResourceGroup {
    /// `rg-…`.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Owner.
    pub account_id: Option<String>,
    /// `Creating`, `OK`, `PendingDelete`.
    pub status: Option<String>,
    /// Created.
    pub create_date: Option<String>,
}

/// `ListResourceGroups`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ResourceGroupsResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination.
    #[serde(flatten)]
    pub page: NumberedPage,
    /// The groups.
    pub resource_groups: List<ResourceGroup>,
}

/// `GetDefaultDomain` (IMS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DefaultDomainResponse {
    /// The request ID.
    pub request_id: String,
    /// `<alias>.onaliyun.com`.
    pub default_domain_name: String,
}
