//! The policy documents an audit evaluates, parsed once: what the service
//! answered for each policy, and for a system policy it could not read, the
//! catalogue's copy.

use std::collections::HashMap;

use super::account::{Account, PolicyType};
use crate::policy::catalogue::system_policy;
use crate::policy::{parse_policy, Policy};

/// A version name, or nothing when it is not known (the catalogue writes
/// `unknown` for system policies whose version its sources do not give).
fn known(version: &str) -> &str {
    if version == "unknown" {
        ""
    } else {
        version
    }
}

/// Parsed documents by type and name.
pub(crate) struct Documents {
    parsed: HashMap<(PolicyType, String), (String, Policy)>,
}

impl Documents {
    /// Every document `account` names, parsed.
    pub(crate) fn of(account: &Account) -> Documents {
        let mut parsed = HashMap::new();
        for p in &account.policies {
            if let Some(policy) = p.document.as_deref().and_then(|d| parse_policy(d).ok()) {
                parsed.insert(
                    (p.policy_type, p.name.clone()),
                    (p.version.clone(), policy.policy),
                );
            }
        }
        for a in &account.attachments {
            let key = (a.policy_type, a.policy.clone());
            if a.policy_type == PolicyType::System && !parsed.contains_key(&key) {
                if let Some((version, policy)) = system_policy(&a.policy)
                    .and_then(|s| s.policy().map(|p| (known(s.version).to_owned(), p)))
                {
                    parsed.insert(key, (version, policy));
                }
            }
        }
        Documents { parsed }
    }

    /// The document of a policy (`None`: neither read nor known).
    pub(crate) fn get(&self, policy_type: PolicyType, name: &str) -> Option<&Policy> {
        self.parsed
            .get(&(policy_type, name.to_owned()))
            .map(|(_, p)| p)
    }

    /// Its default version (empty when unknown).
    pub(crate) fn version(&self, policy_type: PolicyType, name: &str) -> &str {
        self.parsed
            .get(&(policy_type, name.to_owned()))
            .map_or("", |(v, _)| v.as_str())
    }
}
