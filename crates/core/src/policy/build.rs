//! Builders for the documents the flows create: role trust policies and the
//! permission-policy presets around ARMS and AssumeRole. Each builder checks its
//! inputs (naming the field, the rule and the fix) and returns the document in
//! the canonical layout, parsed back into the model.

use serde_json::{json, Map, Value};

#[cfg(test)]
use super::print::compact;
use super::{parse_policy, print, Policy};
use crate::lang::{Lang, Localized};

/// Who may assume a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trustee {
    /// Any authorised RAM user or role of another (or this) account: `acs:ram::<id>:root`.
    Account {
        /// Account ID.
        account_id: String,
    },
    /// One RAM user of an account.
    RamUser {
        /// Account ID.
        account_id: String,
        /// User name.
        name: String,
    },
    /// One RAM role of an account.
    RamRole {
        /// Account ID.
        account_id: String,
        /// Role name.
        name: String,
    },
    /// An Alibaba Cloud service of this account, e.g. `ecs.aliyuncs.com`.
    Service {
        /// Service principal.
        name: String,
    },
    /// A SAML identity provider (role-based SSO).
    SamlProvider {
        /// Account ID.
        account_id: String,
        /// Provider name.
        name: String,
        /// `true` for the international site (`signin.alibabacloud.com`).
        international: bool,
    },
}

/// Optional conditions of a trust policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustConditions {
    /// Require this `sts:ExternalId` (cross-account "confused deputy" guard).
    pub external_id: Option<String>,
    /// Require `acs:MFAPresent` = true.
    pub require_mfa: bool,
    /// Only from these IPs or CIDR ranges (`acs:SourceIp`).
    pub source_ips: Vec<String>,
}

/// A builder input that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// The field, e.g. `account_id`.
    pub field: &'static str,
    /// The value given (never a secret).
    pub value: String,
    /// The rule and fix in English.
    pub rule_en: String,
    /// The rule and fix in Chinese.
    pub rule_zh: String,
}

/// An API parameter rule broken by a builder's input: the same rule, the
/// same words (the builders check names with the API's own rules).
impl From<crate::api::rules::Invalid> for BuildError {
    fn from(e: crate::api::rules::Invalid) -> Self {
        BuildError {
            field: e.param,
            value: e.value.unwrap_or_default(),
            rule_en: e.rule_en,
            rule_zh: e.rule_zh,
        }
    }
}

impl Localized for BuildError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{} `{}`: {}", self.field, self.value, self.rule_en),
            Lang::Zh => format!("{} `{}`：{}", self.field, self.value, self.rule_zh),
        }
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for BuildError {}

fn check(
    ok: bool,
    field: &'static str,
    value: &str,
    rule_en: &'static str,
    rule_zh: &'static str,
) -> Result<(), BuildError> {
    if ok {
        Ok(())
    } else {
        Err(BuildError {
            field,
            value: value.to_owned(),
            rule_en: rule_en.to_owned(),
            rule_zh: rule_zh.to_owned(),
        })
    }
}

fn account(id: &str) -> Result<(), BuildError> {
    check(
        id.len() == 16 && id.bytes().all(|b| b.is_ascii_digit()),
        "account_id",
        id,
        "an Alibaba Cloud account ID is 16 digits; copy it from the console's account menu",
        "阿里云账号 ID 为 16 位数字；请从控制台账号菜单复制",
    )
}

/// RAM user and role names: 1-64 characters, letters, digits, `.`, `-`, `_`, `@`.
/// A RAM entity's name, by the API's own rule for that entity (one rule,
/// one wording: `api::rules`).
fn ram_name(field: &'static str, name: &str) -> Result<(), BuildError> {
    use crate::api::rules;
    Ok(match field {
        "user_name" => rules::user_name(field, name),
        "role_name" => rules::role_name(field, name),
        // SAML provider names (IMS CreateSAMLProvider): 1-128 letters, digits, `.`, `-`.
        _ => rules::name(field, name, 128, ".-"),
    }?)
}

/// Validates an `sts:ExternalId`: 2-1,224 characters of `[\w+=,.@:/-]`.
pub fn check_external_id(id: &str) -> Result<(), BuildError> {
    check(
        (2..=1224).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+=,.@:/-".contains(&b)),
        "external_id",
        id,
        "an ExternalId is 2-1,224 letters, digits or `_+=,.@:/-`; agree on it with the other account",
        "ExternalId 为 2-1224 个字母、数字或 `_+=,.@:/-`；请与对方账号约定",
    )
}

/// Validates an IP or CIDR range (IPv4 or IPv6).
pub fn check_ip_range(ip: &str) -> Result<(), BuildError> {
    // The evaluator's own reading of `IpAddress` values.
    check(
        crate::policy::eval::condition::value_fits("IpAddress", ip) == Some(true),
        "source_ips",
        ip,
        "write an IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.0/24",
        "请填写 IPv4 或 IPv6 地址或 CIDR 网段，例如 203.0.113.0/24",
    )
}

fn trustee_principal(t: &Trustee) -> Result<(&'static str, String), BuildError> {
    Ok(match t {
        Trustee::Account { account_id } => {
            account(account_id)?;
            ("RAM", format!("acs:ram::{account_id}:root"))
        }
        Trustee::RamUser { account_id, name } => {
            account(account_id)?;
            ram_name("user_name", name)?;
            ("RAM", format!("acs:ram::{account_id}:user/{name}"))
        }
        Trustee::RamRole { account_id, name } => {
            account(account_id)?;
            ram_name("role_name", name)?;
            ("RAM", format!("acs:ram::{account_id}:role/{name}"))
        }
        Trustee::Service { name } => {
            check(
                name.ends_with(".aliyuncs.com") && name.len() > ".aliyuncs.com".len(),
                "service",
                name,
                "a service principal looks like ecs.aliyuncs.com",
                "服务主体形如 ecs.aliyuncs.com",
            )?;
            ("Service", name.clone())
        }
        Trustee::SamlProvider {
            account_id, name, ..
        } => {
            account(account_id)?;
            ram_name("saml_provider", name)?;
            (
                "Federated",
                format!("acs:ram::{account_id}:saml-provider/{name}"),
            )
        }
    })
}

/// Builds a role trust policy: one `sts:AssumeRole` statement for the trustees, with the conditions.
pub fn trust_policy(
    trustees: &[Trustee],
    conditions: &TrustConditions,
) -> Result<Policy, BuildError> {
    check(
        !trustees.is_empty(),
        "trustees",
        "",
        "name at least one account, user, role, service or SAML provider that may assume the role",
        "请至少指定一个可扮演该角色的账号、用户、角色、服务或 SAML 身份提供商",
    )?;
    let mut principal: Map<String, Value> = Map::new();
    for t in trustees {
        let (kind, value) = trustee_principal(t)?;
        let list = principal.entry(kind).or_insert_with(|| json!([]));
        if let Value::Array(items) = list {
            if !items.iter().any(|v| v == &value) {
                items.push(Value::String(value));
            }
        }
    }
    let services_only = trustees
        .iter()
        .all(|t| matches!(t, Trustee::Service { .. }));
    let mut condition: Map<String, Value> = Map::new();
    let mut add = |op: &str, key: &str, value: Value| {
        let block = condition.entry(op).or_insert_with(|| json!({}));
        if let Value::Object(m) = block {
            m.insert(key.to_owned(), value);
        }
    };
    if let Some(id) = &conditions.external_id {
        check_external_id(id)?;
        add("StringEquals", "sts:ExternalId", json!(id));
    }
    if conditions.require_mfa {
        check(
            !services_only,
            "require_mfa",
            "true",
            "services do not sign in with MFA; require MFA only for users and roles",
            "云服务不使用 MFA 登录；仅对用户和角色要求 MFA",
        )?;
        add("Bool", "acs:MFAPresent", json!("true"));
    }
    if !conditions.source_ips.is_empty() {
        for ip in &conditions.source_ips {
            check_ip_range(ip)?;
        }
        add("IpAddress", "acs:SourceIp", json!(conditions.source_ips));
    }
    if let Some(Trustee::SamlProvider { international, .. }) = trustees
        .iter()
        .find(|t| matches!(t, Trustee::SamlProvider { .. }))
    {
        let host = if *international {
            "signin.alibabacloud.com"
        } else {
            "signin.aliyun.com"
        };
        add(
            "StringEquals",
            "saml:recipient",
            json!(format!("https://{host}/saml-role/sso")),
        );
    }
    let mut statement =
        json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal});
    if !condition.is_empty() {
        statement["Condition"] = Value::Object(condition);
    }
    Ok(document(vec![statement]))
}

/// A policy of these statements, in the canonical layout (positions point into it).
pub(crate) fn document(statements: Vec<Value>) -> Policy {
    let text = json!({"Version": "1", "Statement": statements}).to_string();
    let parsed = parse_policy(&text).expect("builders write valid JSON");
    debug_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    // Reparse the canonical layout so positions point into the text users see.
    parse_policy(&print(&parsed.policy))
        .expect("the printer writes valid JSON")
        .policy
}

mod arms;
pub use self::arms::*;

#[cfg(test)]
mod tests;
