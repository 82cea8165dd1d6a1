//! Who may assume a role, read from its trust policy: each principal an
//! `Allow` statement for `sts:AssumeRole` names — an account, a user or role
//! of an account, a cloud service, an identity provider, or anyone — with
//! the conditions it must meet (ExternalId, MFA, source IP, others).

use serde::{Deserialize, Serialize};

use crate::policy::eval::wildcard;
use crate::policy::model::{Effect, Statement};
use crate::policy::parse_policy;

/// What kind of principal may assume the role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Who {
    /// Any RAM identity an account's administrator allows (`acs:ram::B:root`).
    Account {
        /// The account ID.
        account: String,
    },
    /// One RAM user of an account.
    User {
        /// The account ID.
        account: String,
        /// The user.
        name: String,
    },
    /// One RAM role of an account.
    Role {
        /// The account ID.
        account: String,
        /// The role.
        name: String,
    },
    /// A cloud service (`ecs.aliyuncs.com`).
    Service {
        /// The service principal.
        name: String,
    },
    /// Users of a SAML or OIDC identity provider.
    Federated {
        /// The provider's ARN.
        provider: String,
    },
    /// `*`, or a principal Ramp cannot read: anyone it matches.
    Other {
        /// As written.
        text: String,
    },
}

impl Who {
    /// In a few words: `account 2222…`, `user ci of account 3333…`.
    pub fn describe(&self) -> String {
        match self {
            Who::Account { account } => format!("account {account}"),
            Who::User { account, name } => format!("user {name} of account {account}"),
            Who::Role { account, name } => format!("role {name} of account {account}"),
            Who::Service { name } => format!("service {name}"),
            Who::Federated { provider } => format!("identity provider {provider}"),
            Who::Other { text } if text == "*" => "anyone (*)".into(),
            Who::Other { text } => format!("`{text}`"),
        }
    }
}

/// One principal that may assume a role, and the conditions it must meet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Assumer {
    /// Who.
    #[serde(flatten)]
    pub who: Who,
    /// `sts:ExternalId` values it must present (empty: none asked).
    pub external_id: Vec<String>,
    /// It must have signed in with MFA (`acs:MFAPresent` true).
    pub mfa: bool,
    /// `acs:SourceIp` ranges it must call from (empty: anywhere).
    pub source_ip: Vec<String>,
    /// Other conditions, as `Operator key=value,…`.
    pub other_conditions: Vec<String>,
    /// The statement that allows it (0-based).
    pub statement: usize,
}

impl Assumer {
    /// Another account, with no ExternalId and no MFA asked of it.
    pub fn unguarded_other_account(&self, own: &str) -> bool {
        let other = match &self.who {
            Who::Account { account } | Who::User { account, .. } | Who::Role { account, .. } => {
                account != own
            }
            Who::Other { .. } => true,
            Who::Service { .. } | Who::Federated { .. } => false,
        };
        other && self.external_id.is_empty() && !self.mfa
    }
}

/// A RAM principal's ARN: `acs:ram::<account>:root|user/<n>|role/<n>`.
fn ram_principal(text: &str) -> Who {
    let other = || Who::Other {
        text: text.to_owned(),
    };
    let Some(rest) = text.strip_prefix("acs:ram::") else {
        // A bare account ID is accepted for an account.
        return if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            Who::Account {
                account: text.to_owned(),
            }
        } else {
            other()
        };
    };
    let Some((account, what)) = rest.split_once(':') else {
        return other();
    };
    let account = account.to_owned();
    match what.split_once('/') {
        None if what == "root" => Who::Account { account },
        Some(("user", name)) => Who::User {
            account,
            name: name.to_owned(),
        },
        Some(("role", name)) => Who::Role {
            account,
            name: name.to_owned(),
        },
        _ => other(),
    }
}

fn allows_assume_role(s: &Statement) -> bool {
    s.effect() == Some(Effect::Allow)
        && s.action.as_ref().is_some_and(|a| {
            a.texts()
                .any(|t| wildcard::matches(t, "sts:AssumeRole", true))
        })
}

/// Who may assume `principal` of `account`: for a role, everyone its trust
/// policy names; for a user or a group, no one.
pub fn of(account: &super::Account, principal: &super::account::Principal) -> Vec<Assumer> {
    match principal {
        super::account::Principal::Role(r) => account
            .roles
            .get(r)
            .map(|role| assumers(&role.trust_policy))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Everyone `trust_policy` lets assume the role (none when it cannot be read).
pub fn assumers(trust_policy: &str) -> Vec<Assumer> {
    let Ok(parsed) = parse_policy(trust_policy) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in parsed
        .policy
        .statements
        .iter()
        .filter(|s| allows_assume_role(s))
    {
        let Some(principal) = &s.principal else {
            continue;
        };
        let mut base = Assumer {
            who: Who::Other { text: "*".into() },
            external_id: Vec::new(),
            mfa: false,
            source_ip: Vec::new(),
            other_conditions: Vec::new(),
            statement: s.index,
        };
        for block in s.condition.iter().flat_map(|c| &c.blocks) {
            for key in &block.keys {
                let values: Vec<String> = key.values.texts().map(str::to_owned).collect();
                match key.key.value.to_ascii_lowercase().as_str() {
                    "sts:externalid" => base.external_id.extend(values),
                    "acs:mfapresent" => {
                        base.mfa = values.iter().any(|v| v.eq_ignore_ascii_case("true"))
                    }
                    "acs:sourceip" => base.source_ip.extend(values),
                    _ => base.other_conditions.push(format!(
                        "{} {}={}",
                        block.operator.value,
                        key.key.value,
                        values.join(",")
                    )),
                }
            }
        }
        if principal.wildcard {
            out.push(base.clone());
        }
        for entry in &principal.entries {
            for text in entry.values.texts() {
                let who = match entry.kind.value.to_ascii_lowercase().as_str() {
                    "ram" => ram_principal(text),
                    "service" => Who::Service {
                        name: text.to_owned(),
                    },
                    "federated" => Who::Federated {
                        provider: text.to_owned(),
                    },
                    _ => Who::Other {
                        text: text.to_owned(),
                    },
                };
                let who = match who {
                    Who::Other { .. } if text == "*" => Who::Other { text: "*".into() },
                    w => w,
                };
                out.push(Assumer {
                    who,
                    ..base.clone()
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_trust_policy_names_accounts_users_services_and_their_conditions() {
        let doc = r#"{"Version":"1","Statement":[
            {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::2222222222222222:root","acs:ram::3333333333333333:user/ci"]},
             "Condition":{"StringEquals":{"sts:ExternalId":"x-1"},"Bool":{"acs:MFAPresent":"true"},"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}},
            {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}},
            {"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::4444444444444444:root"}}]}"#;
        let a = assumers(doc);
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(
            a[0].who,
            Who::Account {
                account: "2222222222222222".into()
            }
        );
        assert_eq!(
            a[1].who,
            Who::User {
                account: "3333333333333333".into(),
                name: "ci".into()
            }
        );
        assert_eq!(
            (a[0].external_id.as_slice(), a[0].mfa),
            (&["x-1".to_owned()][..], true)
        );
        assert_eq!(a[0].source_ip, ["10.0.0.0/8"]);
        assert_eq!(
            a[2].who,
            Who::Service {
                name: "ecs.aliyuncs.com".into()
            }
        );
        assert!(!a[0].unguarded_other_account("1111111111111111"));
        let open = assumers(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"}}]}"#,
        );
        assert!(open[0].unguarded_other_account("1111111111111111"));
        assert!(!open[0].unguarded_other_account("2222222222222222"));
    }
}
