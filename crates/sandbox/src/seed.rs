//! The accounts a sandbox starts with: the demo (account A, the resource
//! owner, and account B, the accessing account, each with an admin RAM user
//! and its AccessKey, plus a resource group in A), or a `--sandbox-config` file.

use serde::{Deserialize, Serialize};

use ramp_core::credentials::Credentials;

use crate::ids;
use crate::world::{
    Account, Grant, Key, PasswordPolicy, PrincipalKind, ResourceGroup, User, World,
};

/// An AccessKey handed out at start.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedKey {
    /// The user it belongs to (`None`: the account root).
    pub user: Option<String>,
    /// ID.
    pub access_key_id: String,
    /// Secret.
    pub access_key_secret: String,
}

impl std::fmt::Debug for SeedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeedKey")
            .field("user", &self.user)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl SeedKey {
    /// As signing credentials.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(self.access_key_id.clone(), self.access_key_secret.clone())
    }
}

/// One account of the seed, as `/api/info` and the start-up banner show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedAccount {
    /// 16 digits.
    pub id: String,
    /// Alias.
    pub alias: String,
    /// What it is for, e.g. "resource owner".
    pub purpose: String,
    /// The admin RAM user's key (AdministratorAccess).
    pub admin: SeedKey,
    /// The account root's key.
    pub root: SeedKey,
    /// Resource groups: `(id, name)`.
    pub resource_groups: Vec<(String, String)>,
}

/// A seed: the state and what to tell the user about it.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The state.
    pub world: World,
    /// The accounts.
    pub accounts: Vec<SeedAccount>,
}

/// One account in a `--sandbox-config` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AccountConfig {
    /// 16 digits.
    pub id: String,
    /// Alias (3-32 lowercase letters, digits, `-`).
    pub alias: String,
    /// What it is for.
    #[serde(default)]
    pub purpose: String,
    /// The admin user's name (default `admin`).
    #[serde(default = "admin")]
    pub admin_user: String,
    /// Fixed admin key (random when absent).
    pub admin_access_key_id: Option<String>,
    /// Fixed admin secret.
    pub admin_access_key_secret: Option<String>,
    /// Fixed root key (random when absent).
    pub root_access_key_id: Option<String>,
    /// Fixed root secret.
    pub root_access_key_secret: Option<String>,
    /// Resource group names to create.
    #[serde(default)]
    pub resource_groups: Vec<String>,
    /// The password policy (default: 8 characters, no classes required).
    pub password_policy: Option<PasswordPolicy>,
    /// The RAM user quota (default 1,000).
    pub users_quota: Option<usize>,
}

fn admin() -> String {
    "admin".to_owned()
}

/// A `--sandbox-config` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The accounts.
    pub accounts: Vec<AccountConfig>,
}

/// A bad sandbox configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Demo account A's ID.
pub const DEMO_ACCOUNT_A: &str = "1680000000000001";
/// Demo account B's ID.
pub const DEMO_ACCOUNT_B: &str = "1680000000000002";

/// The demo: A (resource owner) with resource group `rg-ramp-demo-arms`, and B (accessing account).
pub fn demo(now: i64) -> Seed {
    let config = Config {
        accounts: vec![
            AccountConfig {
                id: DEMO_ACCOUNT_A.into(),
                alias: "ramp-demo-a".into(),
                purpose: "resource owner (has the ARMS resources)".into(),
                admin_user: admin(),
                admin_access_key_id: None,
                admin_access_key_secret: None,
                root_access_key_id: None,
                root_access_key_secret: None,
                resource_groups: vec!["arms-production".into()],
                password_policy: Some(PasswordPolicy {
                    minimum_length: 12,
                    require_lowercase: true,
                    require_uppercase: true,
                    require_numbers: true,
                    require_symbols: true,
                }),
                users_quota: None,
            },
            AccountConfig {
                id: DEMO_ACCOUNT_B.into(),
                alias: "ramp-demo-b".into(),
                purpose: "accessing account (assumes A's role)".into(),
                admin_user: admin(),
                admin_access_key_id: None,
                admin_access_key_secret: None,
                root_access_key_id: None,
                root_access_key_secret: None,
                resource_groups: Vec::new(),
                password_policy: None,
                users_quota: None,
            },
        ],
    };
    from_config(&config, now).expect("the demo seed is valid")
}

/// Reads a `--sandbox-config` file's text (JSON).
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    serde_json::from_str(text).map_err(|e| {
        ConfigError(format!(
            "line {} column {}: {e}; expected {{\"accounts\": [{{\"id\": \"<16 digits>\", \"alias\": \"…\", \"resource-groups\": [\"…\"]}}]}}",
            e.line(),
            e.column()
        ))
    })
}

/// Builds the state a configuration describes, at time `now` (unix seconds).
pub fn from_config(config: &Config, now: i64) -> Result<Seed, ConfigError> {
    let mut world = World::default();
    let mut accounts = Vec::new();
    if config.accounts.is_empty() {
        return Err(ConfigError("accounts: list at least one account".into()));
    }
    for (i, a) in config.accounts.iter().enumerate() {
        let field = |name: &str| format!("accounts[{i}].{name}");
        if a.id.len() != 16 || !a.id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError(format!(
                "{}: `{}` must be 16 digits",
                field("id"),
                a.id
            )));
        }
        if world.accounts.contains_key(&a.id) {
            return Err(ConfigError(format!(
                "{}: `{}` is listed twice",
                field("id"),
                a.id
            )));
        }
        ramp_core::api::rules::name("AccountAlias", &a.alias, 32, "-")
            .map_err(|e| ConfigError(format!("{}: {e}", field("alias"))))?;
        ramp_core::api::rules::user_name("UserName", &a.admin_user)
            .map_err(|e| ConfigError(format!("{}: {e}", field("admin-user"))))?;
        let key = |id: &Option<String>, secret: &Option<String>, user: Option<String>| SeedKey {
            user,
            access_key_id: id.clone().unwrap_or_else(ids::access_key_id),
            access_key_secret: secret.clone().unwrap_or_else(ids::secret),
        };
        let admin_key = key(
            &a.admin_access_key_id,
            &a.admin_access_key_secret,
            Some(a.admin_user.clone()),
        );
        let root_key = key(&a.root_access_key_id, &a.root_access_key_secret, None);
        let stored = |k: &SeedKey| Key {
            id: k.access_key_id.clone(),
            secret: k.access_key_secret.clone(),
            status: "Active".into(),
            created: now,
            last_used: None,
        };
        let mut account = Account {
            id: a.id.clone(),
            alias: Some(a.alias.clone()),
            root_keys: vec![stored(&root_key)],
            password_policy: a.password_policy.clone().unwrap_or_default(),
            users_quota: a.users_quota.unwrap_or(1000),
            ..Account::default()
        };
        account.users.insert(
            a.admin_user.clone(),
            User {
                id: ids::digits(16),
                name: a.admin_user.clone(),
                display_name: Some("Sandbox administrator".into()),
                created: now,
                updated: now,
                keys: vec![stored(&admin_key)],
                ..User::default()
            },
        );
        account.grants.push(Grant {
            policy_type: "System".into(),
            policy_name: "AdministratorAccess".into(),
            kind: PrincipalKind::User,
            principal: a.admin_user.clone(),
            resource_group: None,
            attached: now,
        });
        let mut groups = Vec::new();
        for name in &a.resource_groups {
            let id = format!("rg-{}", ids::digits(15).to_lowercase());
            account.resource_groups.insert(
                id.clone(),
                ResourceGroup {
                    id: id.clone(),
                    name: name.clone(),
                    display_name: name.clone(),
                    created: now,
                },
            );
            groups.push((id, name.clone()));
        }
        world.accounts.insert(a.id.clone(), account);
        accounts.push(SeedAccount {
            id: a.id.clone(),
            alias: a.alias.clone(),
            purpose: a.purpose.clone(),
            admin: admin_key,
            root: root_key,
            resource_groups: groups,
        });
    }
    Ok(Seed { world, accounts })
}

/// The seed accounts as found in a saved state (keys as saved).
pub fn describe(world: &World) -> Vec<SeedAccount> {
    world
        .accounts
        .values()
        .filter_map(|a| {
            let root = a.root_keys.first()?;
            // The administrator: a user with AdministratorAccess and a key (the seed made one).
            let is_admin = |name: &str| {
                a.grants.iter().any(|g| {
                    g.kind == PrincipalKind::User
                        && g.principal == name
                        && g.policy_name == "AdministratorAccess"
                })
            };
            let (user, admin) = a
                .users
                .values()
                .filter(|u| is_admin(&u.name))
                .find_map(|u| Some((u, u.keys.first()?)))?;
            Some(SeedAccount {
                id: a.id.clone(),
                alias: a.alias_or_id().to_owned(),
                purpose: String::new(),
                admin: SeedKey {
                    user: Some(user.name.clone()),
                    access_key_id: admin.id.clone(),
                    access_key_secret: admin.secret.clone(),
                },
                root: SeedKey {
                    user: None,
                    access_key_id: root.id.clone(),
                    access_key_secret: root.secret.clone(),
                },
                resource_groups: a
                    .resource_groups
                    .values()
                    .map(|g| (g.id.clone(), g.name.clone()))
                    .collect(),
            })
        })
        .collect()
}
