//! Parameter rules, as the services state them, with the error codes they
//! would answer — checked before anything is sent.

use crate::lang::{Lang, Localized};

/// A parameter that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The parameter, e.g. `UserName`.
    pub param: &'static str,
    /// The service's error code for it, e.g. `InvalidParameter.UserName.Length`.
    pub code: String,
    /// The value given; `None` for secrets (passwords), which are never echoed.
    pub value: Option<String>,
    /// The rule and the fix, English.
    pub rule_en: String,
    /// The rule and the fix, Chinese.
    pub rule_zh: String,
}

impl Invalid {
    /// A required parameter that was not given: `MissingParameter`.
    pub fn missing(param: &'static str) -> Invalid {
        Invalid {
            param,
            code: "MissingParameter".to_owned(),
            value: None,
            rule_en: format!("the input parameter \"{param}\" that is mandatory for processing this request is not supplied; add it"),
            rule_zh: format!("缺少必填参数 \"{param}\"，请添加"),
        }
    }
}

impl Localized for Invalid {
    fn message(&self, lang: Lang) -> String {
        let value = self
            .value
            .as_deref()
            .map(|v| format!(" `{v}`"))
            .unwrap_or_default();
        match lang {
            Lang::En => format!("{}{value}: {} ({})", self.param, self.rule_en, self.code),
            Lang::Zh => format!("{}{value}：{}（{}）", self.param, self.rule_zh, self.code),
        }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Invalid {}

fn fail(
    param: &'static str,
    suffix: &str,
    value: &str,
    en: String,
    zh: String,
) -> Result<(), Invalid> {
    let code = if suffix.is_empty() {
        format!("InvalidParameter.{param}")
    } else {
        format!("InvalidParameter.{param}.{suffix}")
    };
    Err(Invalid {
        param,
        code,
        value: Some(value.to_owned()),
        rule_en: en,
        rule_zh: zh,
    })
}

/// A name of `min..=max` characters drawn from letters, digits and `extra`:
/// `InvalidParameter.<Param>.Length` / `.InvalidChars`.
pub fn name(param: &'static str, value: &str, max: usize, extra: &str) -> Result<(), Invalid> {
    let n = value.chars().count();
    if n == 0 || n > max {
        return fail(
            param,
            "Length",
            value,
            format!("use 1-{max} characters"),
            format!("请使用 1-{max} 个字符"),
        );
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    {
        let shown: Vec<String> = extra.chars().map(|c| format!("`{c}`")).collect();
        let allowed = shown.join(" ");
        return fail(
            param,
            "InvalidChars",
            value,
            format!("use only letters, digits and {allowed}"),
            format!("只能使用字母、数字和 {allowed}"),
        );
    }
    Ok(())
}

/// Free text of at most `max` characters: `InvalidParameter.<Param>.Length`.
pub fn text(param: &'static str, value: &str, min: usize, max: usize) -> Result<(), Invalid> {
    let n = value.chars().count();
    if n < min || n > max {
        return fail(
            param,
            "Length",
            value,
            format!("use {min}-{max} characters"),
            format!("请使用 {min}-{max} 个字符"),
        );
    }
    Ok(())
}

/// A number in `min..=max`: `InvalidParameter.<Param>`.
pub fn range(param: &'static str, value: u32, min: u32, max: u32) -> Result<(), Invalid> {
    if value < min || value > max {
        return fail(
            param,
            "",
            &value.to_string(),
            format!("must be between {min} and {max}"),
            format!("取值须在 {min} 到 {max} 之间"),
        );
    }
    Ok(())
}

/// One of the listed values: `InvalidParameter.<Param>`.
pub fn one_of(param: &'static str, value: &str, allowed: &[&str]) -> Result<(), Invalid> {
    if !allowed.contains(&value) {
        let list = allowed.join(", ");
        return fail(
            param,
            "",
            value,
            format!("must be one of {list}"),
            format!("须为以下之一：{list}"),
        );
    }
    Ok(())
}

/// A policy document: 1..=`max` characters of valid JSON (`MalformedPolicyDocument` otherwise).
pub fn policy_document(param: &'static str, value: &str, max: usize) -> Result<(), Invalid> {
    text(param, value, 1, max)?;
    if let Err(e) = crate::policy::json::parse(value) {
        return Err(Invalid {
            param,
            code: "MalformedPolicyDocument".into(),
            value: None,
            rule_en: format!("not valid JSON: {}", e.message(Lang::En)),
            rule_zh: format!("不是合法的 JSON：{}", e.message(Lang::Zh)),
        });
    }
    Ok(())
}

/// A role ARN `acs:ram::<account-id>:role/<name>`: `InvalidParameter.RoleArn`.
pub fn role_arn(param: &'static str, value: &str) -> Result<(), Invalid> {
    let ok = value
        .strip_prefix("acs:ram::")
        .and_then(|r| r.split_once(":role/"))
        .is_some_and(|(acct, role)| {
            !acct.is_empty() && acct.bytes().all(|b| b.is_ascii_digit()) && !role.is_empty()
        });
    if !ok {
        return fail(
            param,
            "",
            value,
            "write acs:ram::<account-id>:role/<role-name>".into(),
            "请写 acs:ram::<账号ID>:role/<角色名>".into(),
        );
    }
    Ok(())
}

/// A resource group ID (`rg-…`, at most 18 characters) or an account ID (the whole account).
pub fn resource_group(param: &'static str, value: &str) -> Result<(), Invalid> {
    let rg = value.starts_with("rg-")
        && value.len() <= 18
        && value[3..].bytes().all(|b| b.is_ascii_alphanumeric())
        && value.len() > 3;
    let account =
        !value.is_empty() && value.len() <= 20 && value.bytes().all(|b| b.is_ascii_digit());
    if !(rg || account) {
        return fail(
            param,
            "",
            value,
            "write a resource group ID (rg-…) or the account ID for the whole account".into(),
            "请填写资源组 ID（rg-…），或填写账号 ID 表示整个账号".into(),
        );
    }
    Ok(())
}

/// An e-mail address: `InvalidParameter.<Param>.Format`.
pub fn email(param: &'static str, value: &str) -> Result<(), Invalid> {
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.contains(char::is_whitespace)
    });
    if !ok {
        return fail(
            param,
            "Format",
            value,
            "write an address such as alice@example.com".into(),
            "请填写邮箱地址，例如 alice@example.com".into(),
        );
    }
    Ok(())
}

/// A phone number `<country code>-<number>`: `InvalidParameter.<Param>.Format`.
pub fn mobile_phone(param: &'static str, value: &str) -> Result<(), Invalid> {
    let ok = value.split_once('-').is_some_and(|(cc, n)| {
        (1..=4).contains(&cc.len())
            && cc.bytes().all(|b| b.is_ascii_digit())
            && (4..=20).contains(&n.len())
            && n.bytes().all(|b| b.is_ascii_digit())
    });
    if !ok {
        return fail(
            param,
            "Format",
            value,
            "write <country code>-<number>, e.g. 86-18600008888".into(),
            "请写 <国家码>-<号码>，例如 86-18600008888".into(),
        );
    }
    Ok(())
}

/// A password: never echoed. Length 8-32 is checked here; the account's password
/// policy decides the rest (`InvalidParameter.Password.TooWeak`).
pub fn password(param: &'static str, value: &str) -> Result<(), Invalid> {
    let n = value.chars().count();
    if !(8..=32).contains(&n) {
        return Err(Invalid {
            param,
            code: format!("InvalidParameter.{param}.TooWeak"),
            value: None,
            rule_en: "use 8-32 characters that meet the account's password policy".into(),
            rule_zh: "请使用 8-32 个字符，并满足账号的密码策略".into(),
        });
    }
    Ok(())
}

/// `RoleSessionName`: 2-64 letters, digits, `.`, `@`, `-`, `_`.
pub fn role_session_name(param: &'static str, value: &str) -> Result<(), Invalid> {
    let n = value.len();
    if !(2..=64).contains(&n)
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".@-_".contains(&b))
    {
        return fail(
            param,
            "",
            value,
            "use 2-64 letters, digits, `.`, `@`, `-` or `_`".into(),
            "请使用 2-64 个字母、数字、`.`、`@`、`-` 或 `_`".into(),
        );
    }
    Ok(())
}

/// `ExternalId`: 2-1,224 characters of `[\w+=,.@:/-]`.
pub fn external_id(param: &'static str, value: &str) -> Result<(), Invalid> {
    if crate::policy::build::check_external_id(value).is_err() {
        return fail(
            param,
            "",
            value,
            "use 2-1,224 letters, digits or `_+=,.@:/-`".into(),
            "请使用 2-1224 个字母、数字或 `_+=,.@:/-`".into(),
        );
    }
    Ok(())
}

// Field rules, in the shape `call!` applies: `(param, value)`.

fn number(param: &'static str, value: &str) -> Result<u32, Invalid> {
    value.parse::<u32>().map_err(|_| Invalid {
        param,
        code: format!("InvalidParameter.{param}"),
        value: Some(value.to_owned()),
        rule_en: "must be a whole number".into(),
        rule_zh: "须为整数".into(),
    })
}

/// RAM user names: 1-64 letters, digits, `.`, `-`, `_`.
pub fn user_name(p: &'static str, v: &str) -> Result<(), Invalid> {
    name(p, v, 64, ".-_")
}
/// Group names: 1-64 letters, digits, `.`, `-`, `_`.
pub fn group_name(p: &'static str, v: &str) -> Result<(), Invalid> {
    name(p, v, 64, ".-_")
}
/// Role names: 1-64 letters, digits, `.`, `-`.
pub fn role_name(p: &'static str, v: &str) -> Result<(), Invalid> {
    name(p, v, 64, ".-")
}
/// Policy names: 1-128 letters, digits, `-`.
pub fn policy_name(p: &'static str, v: &str) -> Result<(), Invalid> {
    name(p, v, 128, "-")
}
/// Display names and comments: 1-128 characters.
pub fn short_text(p: &'static str, v: &str) -> Result<(), Invalid> {
    text(p, v, 1, 128)
}
/// Descriptions: 1-1,024 characters.
pub fn description(p: &'static str, v: &str) -> Result<(), Invalid> {
    text(p, v, 1, 1024)
}
/// Permission and trust policy documents: 1-6,144 characters of JSON.
pub fn document(p: &'static str, v: &str) -> Result<(), Invalid> {
    policy_document(p, v, 6144)
}
/// AssumeRole session policies: 1-2,048 characters of JSON, with STS's own codes
/// (`InvalidParameter.PolicySize`, `InvalidParameter.PolicyGrammar`).
pub fn session_policy(p: &'static str, v: &str) -> Result<(), Invalid> {
    policy_document(p, v, 2048).map_err(|mut e| {
        e.code = if e.code == "MalformedPolicyDocument" {
            "InvalidParameter.PolicyGrammar".into()
        } else {
            "InvalidParameter.PolicySize".into()
        };
        e
    })
}
/// A role's longest session: 3,600-43,200 seconds.
pub fn max_session_duration(p: &'static str, v: &str) -> Result<(), Invalid> {
    range(p, number(p, v)?, 3600, 43200)
}
/// An STS session: 900 seconds up to the role's maximum (43,200 at most).
pub fn duration_seconds(p: &'static str, v: &str) -> Result<(), Invalid> {
    range(p, number(p, v)?, 900, 43200)
}
/// `MaxItems`: 1-1,000.
pub fn max_items(p: &'static str, v: &str) -> Result<(), Invalid> {
    range(p, number(p, v)?, 1, 1000)
}
/// `PageSize`: 1-100.
pub fn page_size(p: &'static str, v: &str) -> Result<(), Invalid> {
    range(p, number(p, v)?, 1, 100)
}
/// `PageNumber`: from 1.
pub fn page_number(p: &'static str, v: &str) -> Result<(), Invalid> {
    range(p, number(p, v)?, 1, u32::MAX)
}
/// `PolicyType`: `System` or `Custom`.
pub fn policy_type(p: &'static str, v: &str) -> Result<(), Invalid> {
    one_of(p, v, &["System", "Custom"])
}
/// Resource Manager `PrincipalType`.
pub fn principal_type(p: &'static str, v: &str) -> Result<(), Invalid> {
    one_of(p, v, &["IMSUser", "IMSGroup", "ServiceRole"])
}
/// `RotateStrategy` of `CreatePolicyVersion`.
pub fn rotate_strategy(p: &'static str, v: &str) -> Result<(), Invalid> {
    one_of(
        p,
        v,
        &["None", "DeleteOldestNonDefaultVersionWhenLimitExceeded"],
    )
}
/// Resource Manager `PrincipalName`: `user@<alias>.onaliyun.com`,
/// `group@group.<alias>.onaliyun.com` or `role@role.<alias>.onaliyunservice.com`.
pub fn principal_name(p: &'static str, v: &str) -> Result<(), Invalid> {
    let ok = v.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty()
            && (domain.ends_with(".onaliyun.com") || domain.ends_with(".onaliyunservice.com"))
    });
    if !ok {
        return fail(
            p,
            "",
            v,
            "write <user>@<alias>.onaliyun.com, <group>@group.<alias>.onaliyun.com or <role>@role.<alias>.onaliyunservice.com".into(),
            "请写 <用户>@<别名>.onaliyun.com、<组>@group.<别名>.onaliyun.com 或 <角色>@role.<别名>.onaliyunservice.com".into(),
        );
    }
    Ok(())
}
/// `Status` of an AccessKey or a login profile: `Active` or `Inactive`.
pub fn key_status(p: &'static str, v: &str) -> Result<(), Invalid> {
    one_of(p, v, &["Active", "Inactive"])
}
/// A policy `VersionId`: `v` and a number.
pub fn version_id(p: &'static str, v: &str) -> Result<(), Invalid> {
    let ok = v
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return fail(p, "", v, "write v1, v2, …".into(), "请写 v1、v2 等".into());
    }
    Ok(())
}
/// An AccessKey ID.
pub fn access_key_id(p: &'static str, v: &str) -> Result<(), Invalid> {
    name(p, v, 128, "._-")
}
