//! RAM (and IMS) answers: users, login profiles, AccessKeys, groups, roles,
//! policies, the account alias and password policy.

// Fields are the service's own, named as its API reference names them; a
// field has a doc only where its meaning is not its name.
#![allow(missing_docs)]

use serde::Deserialize;

use super::*;

/// A RAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct User {
    pub user_id: String,
    pub user_name: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub comments: Option<String>,
    pub create_date: Option<String>,
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
    pub request_id: String,
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
    pub request_id: String,
    #[serde(flatten)]
    pub page: Page,
    pub users: List<User>,
}

/// A console login profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct LoginProfile {
    pub user_name: String,
    /// Must change the password at next logon.
    pub password_reset_required: bool,
    /// Must bind an MFA device.
    #[serde(rename = "MFABindRequired")]
    pub mfa_bind_required: bool,
    pub create_date: Option<String>,
}

/// `CreateLoginProfile`, `GetLoginProfile`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct LoginProfileResponse {
    pub request_id: String,
    pub login_profile: LoginProfile,
}

/// An AccessKey; the secret only in `CreateAccessKey`'s answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKey {
    pub access_key_id: String,
    /// The secret (only when just created).
    pub access_key_secret: Option<Secret>,
    /// `Active` or `Inactive`.
    pub status: Option<String>,
    pub create_date: Option<String>,
}

/// `CreateAccessKey`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKeyResponse {
    pub request_id: String,
    pub access_key: AccessKey,
}

/// `ListAccessKeys`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKeysResponse {
    pub request_id: String,
    /// The keys (without secrets).
    pub access_keys: List<AccessKey>,
}

/// A user group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Group {
    pub group_id: Option<String>,
    pub group_name: String,
    pub comments: Option<String>,
    pub create_date: Option<String>,
    pub update_date: Option<String>,
    /// When the user joined (`ListGroupsForUser`).
    pub join_date: Option<String>,
}

/// `CreateGroup`, `GetGroup`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GroupResponse {
    pub request_id: String,
    pub group: Group,
}

/// `ListGroups` (paged), `ListGroupsForUser` (not paged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GroupsResponse {
    pub request_id: String,
    #[serde(flatten)]
    pub page: Page,
    pub groups: List<Group>,
}

/// When an AccessKey was last used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKeyLastUsed {
    /// Absent when the key was never used.
    pub last_used_date: Option<String>,
}

/// `GetAccessKeyLastUsed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessKeyLastUsedResponse {
    pub request_id: String,
    pub access_key_last_used: AccessKeyLastUsed,
}

/// The user an MFA device is bound to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct MfaUser {
    pub user_id: Option<String>,
    pub user_name: String,
    pub display_name: Option<String>,
}

/// A virtual MFA device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct VirtualMfaDevice {
    pub serial_number: String,
    /// When it was bound.
    pub activate_date: Option<String>,
    /// Absent while the device is bound to nobody.
    pub user: Option<MfaUser>,
}

/// `ListVirtualMFADevices`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct VirtualMfaDevicesResponse {
    pub request_id: String,
    #[serde(rename = "VirtualMFADevices")]
    pub virtual_mfa_devices: List<VirtualMfaDevice>,
}

/// A RAM role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Role {
    pub role_id: Option<String>,
    pub role_name: String,
    /// `acs:ram::<account-id>:role/<name>`.
    pub arn: Option<String>,
    pub description: Option<String>,
    /// The trust policy (a JSON string).
    pub assume_role_policy_document: Option<String>,
    /// Longest session, seconds.
    pub max_session_duration: Option<u32>,
    pub create_date: Option<String>,
    pub update_date: Option<String>,
    pub is_service_linked_role: Option<bool>,
    /// `<role>@role.<alias>.onaliyunservice.com`.
    pub role_principal_name: Option<String>,
}

/// `CreateRole`, `GetRole`, `UpdateRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RoleResponse {
    pub request_id: String,
    pub role: Role,
}

/// `ListRoles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RolesResponse {
    pub request_id: String,
    #[serde(flatten)]
    pub page: Page,
    pub roles: List<Role>,
}

/// A policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Policy {
    pub policy_name: String,
    /// `System` or `Custom`.
    pub policy_type: String,
    pub description: Option<String>,
    /// The default version, `v1`…
    pub default_version: Option<String>,
    pub attachment_count: Option<u32>,
    pub create_date: Option<String>,
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
    pub is_default_version: bool,
    /// The document (a JSON string).
    pub policy_document: Option<String>,
    pub create_date: Option<String>,
}

/// `CreatePolicy`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyResponse {
    pub request_id: String,
    pub policy: Policy,
    /// The default version (`GetPolicy`).
    pub default_policy_version: Option<PolicyVersion>,
}

/// `CreatePolicyVersion`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersionResponse {
    pub request_id: String,
    pub policy_version: PolicyVersion,
}

/// IMS `GetLoginProfile`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ImsLoginProfileResponse {
    pub request_id: String,
    pub login_profile: ImsLoginProfile,
}

/// A login profile as IMS answers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ImsLoginProfile {
    pub user_principal_name: String,
    /// `Active` or `Inactive`.
    pub status: Option<String>,
    #[serde(rename = "MFABindRequired")]
    pub mfa_bind_required: bool,
    pub password_reset_required: bool,
}

/// `ListPolicyVersions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersionsResponse {
    pub request_id: String,
    pub policy_versions: List<PolicyVersion>,
}

/// `ListPolicies`, `ListPoliciesForUser/Group/Role`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PoliciesResponse {
    pub request_id: String,
    /// Pagination (`ListPolicies`).
    #[serde(flatten)]
    pub page: Page,
    pub policies: List<Policy>,
}

/// `GetAccountAlias`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccountAliasResponse {
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
    pub request_id: String,
    pub password_policy: PasswordPolicy,
}
