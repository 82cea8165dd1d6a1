//! Where the app is connected: what `/api/info` says about the server, and
//! the credentials in use with the identity `GetCallerIdentity` confirmed.
//! Held in memory only — never in storage, cookies, URLs or history.

use ramp_core::api::responses::CallerIdentityResponse;
use ramp_core::credentials::Credentials;
use serde::Deserialize;

/// `/api/info`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Info {
    /// `sandbox`, `aliyun`, `loopback`, `offline`.
    pub mode: String,
    /// The sandbox's demo accounts (sandbox mode only).
    #[serde(default)]
    pub accounts: Vec<DemoAccount>,
}

impl Info {
    /// Nothing real is touched.
    pub fn is_sandbox(&self) -> bool {
        self.mode == "sandbox"
    }
}

/// A demo account of the sandbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DemoAccount {
    /// 16 digits.
    pub id: String,
    /// Alias.
    pub alias: String,
    /// What it is for.
    #[serde(default)]
    pub purpose: String,
    /// Its admin user's key.
    pub admin: DemoKey,
}

/// A demo AccessKey (sandbox only; worthless anywhere else).
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DemoKey {
    /// The user.
    pub user: Option<String>,
    /// ID.
    pub access_key_id: String,
    /// Secret.
    pub access_key_secret: String,
}

impl std::fmt::Debug for DemoKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoKey")
            .field("user", &self.user)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl DemoKey {
    /// As credentials.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(self.access_key_id.clone(), self.access_key_secret.clone())
    }
}

/// Credentials whose owner the service has confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    /// What signs the calls.
    pub credentials: Credentials,
    /// Who they belong to.
    pub identity: CallerIdentityResponse,
    /// The account's alias, when the service told it.
    pub alias: Option<String>,
}

impl Connected {
    /// Who is signed in, for the header: `alias (account ID) · user/name`.
    pub fn label(&self) -> String {
        let account = match &self.alias {
            Some(a) if !a.is_empty() && a != &self.identity.account_id => {
                format!("{a} ({})", self.identity.account_id)
            }
            _ => self.identity.account_id.clone(),
        };
        // `acs:ram::<id>:user/admin` → `user/admin`; the root → `root`.
        let who = self
            .identity
            .arn
            .rsplit_once(':')
            .map_or(self.identity.arn.as_str(), |(_, w)| w);
        format!("{account} · {who}")
    }
}
