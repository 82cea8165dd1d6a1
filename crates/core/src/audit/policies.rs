//! What an audit looks up again and again, prepared once: the policy
//! documents it evaluates (what the service answered for each policy, and
//! for a system policy it could not read, the catalogue's copy), each
//! principal's attachments and each user's groups — so the model of a
//! large account costs a lookup per principal, not a scan.

use std::collections::HashMap;

use super::account::{Account, PolicyType, Principal};
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

/// Parsed documents by type and name, and the account's indexes.
pub(crate) struct Documents {
    parsed: HashMap<(PolicyType, String), (String, Policy)>,
    /// Positions in `Account::attachments`, by principal.
    attachments_of: HashMap<Principal, Vec<usize>>,
    /// Each user's groups.
    groups_of: HashMap<String, Vec<String>>,
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
        let mut attachments_of: HashMap<Principal, Vec<usize>> = HashMap::new();
        for (i, a) in account.attachments.iter().enumerate() {
            attachments_of
                .entry(a.principal.clone())
                .or_default()
                .push(i);
        }
        let mut groups_of: HashMap<String, Vec<String>> = HashMap::new();
        for (name, g) in &account.groups {
            for m in &g.members {
                groups_of.entry(m.clone()).or_default().push(name.clone());
            }
        }
        Documents {
            parsed,
            attachments_of,
            groups_of,
        }
    }

    /// Positions of `principal`'s own attachments.
    pub(crate) fn attachments_of(&self, principal: &Principal) -> &[usize] {
        self.attachments_of
            .get(principal)
            .map_or(&[], Vec::as_slice)
    }

    /// The groups `user` is in.
    pub(crate) fn groups_of(&self, user: &str) -> &[String] {
        self.groups_of.get(user).map_or(&[], Vec::as_slice)
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
