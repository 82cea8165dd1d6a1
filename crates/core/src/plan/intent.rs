//! Intents: what a person asks for, one per flow of the design. They hold no
//! secrets — passwords are generated (or asked for) when the plan runs.

use serde::{Deserialize, Serialize};

/// The account a side of a flow runs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Account ID (digits).
    pub id: String,
    /// The account alias / default domain prefix (`<alias>.onaliyun.com`); the ID when none is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
}

impl Account {
    /// The alias, or the account ID (the service's default).
    pub fn alias(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.id)
    }
}

/// ARMS access level: one system policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArmsAccess {
    /// `AliyunARMSFullAccess`.
    Full,
    /// `AliyunARMSReadOnlyAccess`.
    ReadOnly,
    /// `AliyunPrometheusMetricWriteAccess`: a collector or remote-write
    /// client writing metrics to Managed Service for Prometheus, nothing else.
    PrometheusWrite,
    /// `AliyunPrometheusMetricReadAccess`: PromQL queries and remote read.
    PrometheusRead,
}

impl ArmsAccess {
    /// Every level, broadest first.
    pub const ALL: [ArmsAccess; 4] = [
        ArmsAccess::Full,
        ArmsAccess::ReadOnly,
        ArmsAccess::PrometheusWrite,
        ArmsAccess::PrometheusRead,
    ];

    /// The system policy.
    pub fn policy(self) -> &'static str {
        match self {
            ArmsAccess::Full => "AliyunARMSFullAccess",
            ArmsAccess::ReadOnly => "AliyunARMSReadOnlyAccess",
            ArmsAccess::PrometheusWrite => "AliyunPrometheusMetricWriteAccess",
            ArmsAccess::PrometheusRead => "AliyunPrometheusMetricReadAccess",
        }
    }

    /// The level in words, with its policy.
    pub fn words(self, lang: crate::lang::Lang) -> String {
        let (en, zh) = match self {
            ArmsAccess::Full => ("full access", "完全访问"),
            ArmsAccess::ReadOnly => ("read-only", "只读"),
            ArmsAccess::PrometheusWrite => {
                ("Prometheus metric write only", "仅写入 Prometheus 指标")
            }
            ArmsAccess::PrometheusRead => ("Prometheus metric read only", "仅读取 Prometheus 指标"),
        };
        match lang {
            crate::lang::Lang::Zh => format!("{zh}（{}）", self.policy()),
            crate::lang::Lang::En => format!("{en} ({})", self.policy()),
        }
    }
}

/// Where a grant applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Scope {
    /// `None`: the whole account; `Some(rg-…)`: that resource group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
}

/// An optional app-scoped ARMS policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct AppScope {
    /// The custom policy's name.
    pub policy_name: String,
    /// Region ID or `*`.
    #[serde(default = "any")]
    pub region: String,
    /// Application Monitoring apps (`*`, `prefix*`, names).
    #[serde(default)]
    pub trace_apps: Vec<String>,
    /// Browser Monitoring apps.
    #[serde(default)]
    pub rum_apps: Vec<String>,
    /// Allow editing.
    #[serde(default)]
    pub edit: bool,
    /// Allow deleting.
    #[serde(default)]
    pub delete: bool,
}

fn console() -> Access {
    Access::Console {
        reset_required: true,
        mfa_required: true,
    }
}

fn is_console(a: &Access) -> bool {
    *a == console()
}

fn any() -> String {
    "*".into()
}

fn yes() -> bool {
    true
}

/// A new RAM user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct NewUser {
    /// Logon name.
    pub name: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// How a user signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "kebab-case",
    rename_all_fields = "kebab-case",
    tag = "mode",
    deny_unknown_fields
)]
pub enum Access {
    /// Console: a password generated to the account's policy (or typed in when applying).
    Console {
        /// Must change it at first logon.
        #[serde(default = "yes")]
        reset_required: bool,
        /// Must bind an MFA device.
        #[serde(default = "yes")]
        mfa_required: bool,
    },
    /// Programmatic: an AccessKey pair, shown once.
    Programmatic,
    /// Both a console password and an AccessKey. Alibaba Cloud advises one
    /// kind per user (a person signs in; a program holds a key); the wizard
    /// asks for an explicit confirmation before planning this.
    Both {
        /// Must change it at first logon.
        #[serde(default = "yes")]
        reset_required: bool,
        /// Must bind an MFA device.
        #[serde(default = "yes")]
        mfa_required: bool,
    },
}

impl Access {
    /// The console settings `(reset_required, mfa_required)`, when the user signs in to the console.
    pub fn console(&self) -> Option<(bool, bool)> {
        match *self {
            Access::Console {
                reset_required,
                mfa_required,
            }
            | Access::Both {
                reset_required,
                mfa_required,
            } => Some((reset_required, mfa_required)),
            Access::Programmatic => None,
        }
    }

    /// Whether the user gets an AccessKey.
    pub fn programmatic(&self) -> bool {
        matches!(self, Access::Programmatic | Access::Both { .. })
    }
}

/// Flow 1: one or more teammates get ARMS access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TeammateAccess {
    /// Where.
    pub account: Account,
    /// Who.
    pub users: Vec<NewUser>,
    /// How they sign in.
    pub access: Access,
    /// ARMS level.
    pub arms: ArmsAccess,
    /// Account or resource-group scope.
    #[serde(default)]
    pub scope: Scope,
    /// Optional app-scoped policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apps: Option<AppScope>,
}

/// Flow 2: a team group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TeamGroup {
    /// Where.
    pub account: Account,
    /// The group's name.
    pub group: String,
    /// Comments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// ARMS level.
    pub arms: ArmsAccess,
    /// Account or resource-group scope.
    #[serde(default)]
    pub scope: Scope,
    /// Existing users to add.
    #[serde(default)]
    pub members: Vec<String>,
    /// New users to create and add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_members: Vec<NewUser>,
    /// How the new users sign in (a console password by default).
    #[serde(default = "console", skip_serializing_if = "is_console")]
    pub new_member_access: Access,
    /// Optional app-scoped policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apps: Option<AppScope>,
}

/// Who in the accessing account may assume the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "kebab-case",
    rename_all_fields = "kebab-case",
    tag = "who",
    deny_unknown_fields
)]
pub enum Trusted {
    /// Any authorised RAM user or role of the account (its root).
    Account,
    /// One RAM user.
    User {
        /// User name.
        name: String,
    },
    /// One RAM role.
    Role {
        /// Role name.
        name: String,
    },
}

/// The resource owner's side of sharing ARMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OwnerSide {
    /// Account A.
    pub account: Account,
    /// The role's name.
    pub role: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Longest session, 3,600-43,200 seconds.
    #[serde(default = "hour")]
    pub max_session_duration: u32,
    /// The account whose identities may assume it (account B's ID).
    pub trusted_account: String,
    /// Who in that account.
    pub trusted: Trusted,
    /// Required `sts:ExternalId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Require MFA.
    #[serde(default)]
    pub require_mfa: bool,
    /// Only from these IP ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_ips: Vec<String>,
    /// ARMS level.
    pub arms: ArmsAccess,
    /// Account or resource-group scope.
    #[serde(default)]
    pub scope: Scope,
}

fn hour() -> u32 {
    3600
}

/// The accessing side of sharing ARMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct AccessingSide {
    /// Account B.
    pub account: Account,
    /// The user who will assume the role (created).
    pub user: String,
    /// `true`: `sts:AssumeRole` on this one role (a custom policy); `false`: `AliyunSTSAssumeRoleAccess`.
    #[serde(default = "yes")]
    pub least_privilege: bool,
    /// The custom policy's name (least privilege); by default
    /// `ramp-assume-<role>`, one per role, so a second share does not collide
    /// with the first ([`AccessingSide::policy_name`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
}

impl AccessingSide {
    /// The least-privilege policy's name: the one given, or
    /// `ramp-assume-<role>` (cut to RAM's 128 characters).
    pub fn policy_name(&self, role: &str) -> String {
        self.policy_name
            .clone()
            .unwrap_or_else(|| format!("ramp-assume-{role}").chars().take(128).collect())
    }
}

/// Flow 3: share ARMS with another account through a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ShareWithAccount {
    /// Account A's steps.
    pub owner: OwnerSide,
    /// Account B's steps (optional: B may run them later from the hand-off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessing: Option<AccessingSide>,
}

/// Flow 3, last step: assume the role and ask who we are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct VerifyAccess {
    /// The accessing account (whose credentials call STS).
    pub account: Account,
    /// The role.
    pub role_arn: String,
    /// Session name.
    pub session_name: String,
    /// ExternalId.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// 900 up to the role's maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
}

/// What a person asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "flow")]
pub enum Intent {
    /// Flow 1.
    TeammateAccess(TeammateAccess),
    /// Flow 2.
    TeamGroup(TeamGroup),
    /// Flow 3.
    ShareWithAccount(ShareWithAccount),
    /// Verification.
    VerifyAccess(VerifyAccess),
    /// Remove access (ARMS only, or offboard).
    RemoveAccess(RemoveAccess),
    /// Rotate an AccessKey.
    RotateKey(RotateKey),
    /// Change a role's trust policy.
    ChangeTrust(ChangeTrust),
    /// A new version of a custom policy.
    ChangePolicy(ChangePolicy),
}

impl Intent {
    /// It changes what exists, so its plan is made from the account as read.
    pub fn changes_account(&self) -> bool {
        matches!(
            self,
            Intent::RemoveAccess(_)
                | Intent::RotateKey(_)
                | Intent::ChangeTrust(_)
                | Intent::ChangePolicy(_)
        )
    }
}

/// What removing access takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Removal {
    /// ARMS only: the policies that grant it are detached at every scope,
    /// and the user leaves the groups that grant it (all reversible).
    RevokeArms,
    /// Everything: console logon, AccessKeys, MFA, groups, policies, the user.
    Offboard,
}

/// Which part of an offboarding runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OffboardPhase {
    /// Phase one, reversible: console logon off, AccessKeys inactive.
    #[default]
    Deactivate,
    /// Phase two, after the wait: delete keys, password, MFA binding,
    /// memberships, attachments and the user.
    Delete,
    /// Both phases in one run.
    AtOnce,
}

/// Flow 4: a teammate leaves or changes team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RemoveAccess {
    /// Where.
    pub account: Account,
    /// The users (existing).
    pub users: Vec<String>,
    /// ARMS only, or everything.
    pub removal: Removal,
    /// For an offboarding: which phase.
    #[serde(default)]
    pub phase: OffboardPhase,
}

/// Which part of a key rotation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RotatePhase {
    /// Create the second key (its secret shown once).
    Create,
    /// The new key is deployed: deactivate the old one (reversible).
    Deactivate,
    /// Nothing broke: delete the old key.
    Delete,
}

/// Flow 5: rotate a programmatic user's AccessKey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RotateKey {
    /// Where.
    pub account: Account,
    /// The user.
    pub user: String,
    /// The phase.
    pub phase: RotatePhase,
    /// The key being replaced (default: the user's only key, or its older one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_key: Option<String>,
    /// With two keys already, delete this unused one first to make room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_unused: Option<String>,
}

/// Flow 6: a role's new trust policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ChangeTrust {
    /// Where.
    pub account: Account,
    /// The role.
    pub role: String,
    /// The new trust policy (JSON text).
    pub trust_policy: String,
}

/// Flow 7: a new version of a custom policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ChangePolicy {
    /// Where.
    pub account: Account,
    /// The custom policy.
    pub policy: String,
    /// The new document (JSON text).
    pub document: String,
}
