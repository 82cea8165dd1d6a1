//! The sandbox's state: accounts and everything in them, and the STS sessions.
//! Plain data (serde): `--state` keeps it as one row per entity (`rows`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything the sandbox knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct World {
    /// Accounts by ID.
    pub accounts: BTreeMap<String, Account>,
    /// STS sessions by their temporary AccessKey ID.
    pub sessions: BTreeMap<String, Session>,
}

/// An Alibaba Cloud account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// 16 digits.
    pub id: String,
    /// The account alias; the default domain is `<alias>.onaliyun.com`.
    pub alias: Option<String>,
    /// The account's own AccessKeys (root).
    pub root_keys: Vec<Key>,
    /// RAM users by name.
    #[serde(default)]
    pub users: BTreeMap<String, User>,
    /// User groups by name.
    #[serde(default)]
    pub groups: BTreeMap<String, Group>,
    /// RAM roles by name.
    #[serde(default)]
    pub roles: BTreeMap<String, Role>,
    /// Custom policies by name.
    #[serde(default)]
    pub policies: BTreeMap<String, CustomPolicy>,
    /// Policy attachments, account- and resource-group-scoped.
    #[serde(default)]
    pub grants: Vec<Grant>,
    /// Resource groups by ID.
    #[serde(default)]
    pub resource_groups: BTreeMap<String, ResourceGroup>,
    /// The password policy.
    pub password_policy: PasswordPolicy,
    /// At most this many RAM users (the real default quota is 1,000).
    #[serde(default = "default_users_quota")]
    pub users_quota: usize,
}

fn default_users_quota() -> usize {
    1000
}

impl Default for Account {
    fn default() -> Self {
        Account {
            id: String::new(),
            alias: None,
            root_keys: Vec::new(),
            users: BTreeMap::new(),
            groups: BTreeMap::new(),
            roles: BTreeMap::new(),
            policies: BTreeMap::new(),
            grants: Vec::new(),
            resource_groups: BTreeMap::new(),
            password_policy: PasswordPolicy::default(),
            users_quota: default_users_quota(),
        }
    }
}

impl Account {
    /// The alias, or the account ID when none is set.
    pub fn alias_or_id(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.id)
    }

    /// `<alias>.onaliyun.com`.
    pub fn default_domain(&self) -> String {
        format!("{}.onaliyun.com", self.alias_or_id())
    }
}

/// An AccessKey pair. The secret is the sandbox's own invention; it is
/// persisted with `--state` so keys keep working across restarts.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// `LTAI…`.
    pub id: String,
    /// The secret.
    pub secret: String,
    /// `Active` or `Inactive`.
    pub status: String,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds of the last signed call the sandbox accepted with it.
    #[serde(default)]
    pub last_used: Option<i64>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("id", &self.id)
            .field("secret", &"***")
            .field("status", &self.status)
            .field("last_used", &self.last_used)
            .finish()
    }
}

/// A RAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// 16 digits.
    pub id: String,
    /// Logon name.
    pub name: String,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub mobile_phone: Option<String>,
    /// Comments.
    pub comments: Option<String>,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds.
    pub updated: i64,
    /// Console access.
    pub login_profile: Option<LoginProfile>,
    /// At most two.
    pub keys: Vec<Key>,
}

/// Console access of a user.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginProfile {
    /// The password (never answered).
    pub password: String,
    /// Change at next logon.
    pub reset_required: bool,
    /// Bind MFA at next logon.
    pub mfa_bind_required: bool,
    /// Unix seconds.
    pub created: i64,
    /// Console logon turned off (IMS `UpdateLoginProfile` `Status=Inactive`); the password is kept.
    #[serde(default)]
    pub inactive: bool,
}

impl std::fmt::Debug for LoginProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginProfile")
            .field("password", &"***")
            .field("reset_required", &self.reset_required)
            .field("mfa_bind_required", &self.mfa_bind_required)
            .field("inactive", &self.inactive)
            .finish()
    }
}

/// A user group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// 16 digits.
    pub id: String,
    /// Name.
    pub name: String,
    /// Comments.
    pub comments: Option<String>,
    /// Unix seconds.
    pub created: i64,
    /// Member user names with the time they joined.
    pub members: BTreeMap<String, i64>,
}

/// A RAM role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// 16 digits.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The trust policy document, as given.
    pub trust_policy: String,
    /// Seconds, 3,600-43,200.
    pub max_session_duration: u32,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds.
    pub updated: i64,
}

/// A custom policy and its versions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomPolicy {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// `v1`, `v2`…
    pub default_version: String,
    /// At most five.
    pub versions: Vec<PolicyVersion>,
    /// The number the next version gets.
    pub next_version: u32,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds.
    pub updated: i64,
}

impl CustomPolicy {
    /// The default version's document.
    pub fn document(&self) -> &str {
        self.versions
            .iter()
            .find(|v| v.id == self.default_version)
            .map_or("", |v| v.document.as_str())
    }
}

/// One version of a custom policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    /// `v1`…
    pub id: String,
    /// The document.
    pub document: String,
    /// Unix seconds.
    pub created: i64,
}

/// Who a policy is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PrincipalKind {
    /// A RAM user (`IMSUser`).
    User,
    /// A user group (`IMSGroup`).
    Group,
    /// A RAM role (`ServiceRole`).
    Role,
}

impl PrincipalKind {
    /// Resource Manager's name for it.
    pub fn rm_name(self) -> &'static str {
        match self {
            PrincipalKind::User => "IMSUser",
            PrincipalKind::Group => "IMSGroup",
            PrincipalKind::Role => "ServiceRole",
        }
    }

    /// From Resource Manager's name.
    pub fn from_rm_name(name: &str) -> Option<PrincipalKind> {
        [
            PrincipalKind::User,
            PrincipalKind::Group,
            PrincipalKind::Role,
        ]
        .into_iter()
        .find(|k| k.rm_name() == name)
    }
}

/// A policy attached to a principal at a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// `System` or `Custom`.
    pub policy_type: String,
    /// The policy.
    pub policy_name: String,
    /// User, group or role.
    pub kind: PrincipalKind,
    /// Its name.
    pub principal: String,
    /// `None` for the whole account, `Some(rg-…)` for a resource group.
    pub resource_group: Option<String>,
    /// Unix seconds.
    pub attached: i64,
}

/// A resource group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceGroup {
    /// `rg-…`.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// Display name.
    pub display_name: String,
    /// Unix seconds.
    pub created: i64,
}

/// The password policy (IMS `SetPasswordPolicy` fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct PasswordPolicy {
    /// 8-32.
    pub minimum_length: u32,
    /// Needs a lowercase letter.
    pub require_lowercase: bool,
    /// Needs an uppercase letter.
    pub require_uppercase: bool,
    /// Needs a digit.
    pub require_numbers: bool,
    /// Needs a symbol.
    pub require_symbols: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            minimum_length: 8,
            require_lowercase: false,
            require_uppercase: false,
            require_numbers: false,
            require_symbols: false,
        }
    }
}

impl PasswordPolicy {
    /// The same rules in ramp-core's type.
    pub fn to_core(&self) -> ramp_core::api::responses::PasswordPolicy {
        ramp_core::api::responses::PasswordPolicy {
            minimum_password_length: self.minimum_length,
            require_lowercase_characters: self.require_lowercase,
            require_uppercase_characters: self.require_uppercase,
            require_numbers: self.require_numbers,
            require_symbols: self.require_symbols,
            ..Default::default()
        }
    }
}

/// An assumed-role session.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// `STS.…`.
    pub access_key_id: String,
    /// The temporary secret.
    pub secret: String,
    /// The security token.
    pub token: String,
    /// The role's account.
    pub account: String,
    /// The role.
    pub role: String,
    /// The role's ID.
    pub role_id: String,
    /// `RoleSessionName`.
    pub session_name: String,
    /// The session policy, if any.
    pub policy: Option<String>,
    /// Unix seconds.
    pub expires: i64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &"***")
            .field("token", &"***")
            .field("role", &self.role)
            .field("session_name", &self.session_name)
            .field("expires", &self.expires)
            .finish()
    }
}
