//! The hand-off account A gives account B, built from what A's account
//! actually holds once the role exists (its trust policy, session limit and
//! ARMS attachments, read back), never from the draft that was meant to
//! create it: a failed or partial apply must not hand B values the real role
//! does not have.

use super::intent::{Account, ArmsAccess, OwnerSide, Scope, Trusted};
use crate::lang::{Lang, Localized};
use crate::policy::parse_policy;

/// An ARMS policy attached to the role: `(policy name, resource group)`, the
/// resource group `None` at account scope.
pub type Attachment = (String, Option<String>);

/// Why no hand-off can be made from the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoHandoff {
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

fn no(en: impl Into<String>, zh: impl Into<String>) -> NoHandoff {
    NoHandoff {
        en: en.into(),
        zh: zh.into(),
    }
}

/// The hand-off of role `role` in `account`, from its read-back trust policy,
/// maximum session duration and attached policies.
pub fn read_back(
    account: Account,
    role: &str,
    description: Option<String>,
    trust_policy: &str,
    max_session_duration: u32,
    attached: &[Attachment],
) -> Result<OwnerSide, NoHandoff> {
    let parsed = parse_policy(trust_policy).map_err(|_| {
        no(
            format!("The role {role}'s trust policy could not be read."),
            format!("无法读取角色 {role} 的信任策略。"),
        )
    })?;
    let mut trusted = None;
    let mut external_id = None;
    let mut require_mfa = false;
    let mut source_ips = Vec::new();
    for s in &parsed.policy.statements {
        if s.effect.as_ref().map(|e| e.value.as_str()) != Some("Allow") {
            continue;
        }
        let Some(p) = &s.principal else { continue };
        for e in p.entries.iter().filter(|e| e.kind.value == "RAM") {
            for arn in e.values.texts() {
                if let Some(t) = trustee(arn) {
                    trusted.get_or_insert(t);
                }
            }
        }
        for b in s.condition.iter().flat_map(|c| &c.blocks) {
            for k in &b.keys {
                let first = k.values.texts().next().map(str::to_owned);
                match (b.operator.value.as_str(), k.key.value.as_str()) {
                    ("StringEquals", "sts:ExternalId") => external_id = first,
                    ("Bool", "acs:MFAPresent") => {
                        require_mfa = first.as_deref() == Some("true");
                    }
                    ("IpAddress", "acs:SourceIp") => {
                        source_ips = k.values.texts().map(str::to_owned).collect();
                    }
                    _ => {}
                }
            }
        }
    }
    let Some((trusted_account, trusted)) = trusted else {
        return Err(no(
            format!("The role {role} trusts no other Alibaba Cloud account: there is nothing to hand off."),
            format!("角色 {role} 未信任任何其他阿里云账号：没有可交接的内容。"),
        ));
    };
    let arms = |level: ArmsAccess| {
        attached
            .iter()
            .find(|(p, _)| p == level.policy())
            .map(|(_, rg)| (level, rg.clone()))
    };
    let Some((arms, resource_group)) = ArmsAccess::ALL.into_iter().find_map(arms) else {
        return Err(no(
            format!("The role {role} holds no ARMS policy: attach one, then hand it off."),
            format!("角色 {role} 未被授予 ARMS 策略：请先授权，再交接。"),
        ));
    };
    Ok(OwnerSide {
        account,
        role: role.to_owned(),
        description,
        max_session_duration,
        trusted_account,
        trusted,
        external_id,
        require_mfa,
        source_ips,
        arms,
        scope: Scope { resource_group },
    })
}

/// Checks a hand-off that arrived from elsewhere (a link, a file) with the
/// same rules as typed input: a crafted one cannot name an account that is
/// not 16 digits, the same account on both sides, or values the service
/// would refuse. The error says what is wrong, in both languages.
pub fn check(o: &OwnerSide) -> Result<(), NoHandoff> {
    use crate::api::rules;
    let sixteen = |id: &str| id.len() == 16 && id.bytes().all(|b| b.is_ascii_digit());
    if !sixteen(&o.account.id) || !sixteen(&o.trusted_account) {
        return Err(no(
            "The hand-off's account IDs are not 16 digits: ask account A for a new one.",
            "交接信息中的账号 ID 不是 16 位数字：请向账号 A 索取新的交接信息。",
        ));
    }
    if o.account.id == o.trusted_account {
        return Err(no(
            "The hand-off names the same account on both sides: it is not a share with another account.",
            "交接信息的双方是同一个账号：这不是与另一个账号的共享。",
        ));
    }
    let rule = |r: Result<(), crate::api::Invalid>| {
        r.map_err(|e| {
            no(
                format!("The hand-off is not valid: {}", e.message(Lang::En)),
                format!("交接信息无效：{}", e.message(Lang::Zh)),
            )
        })
    };
    rule(rules::role_name("RoleName", &o.role))?;
    rule(rules::max_session_duration(
        "MaxSessionDuration",
        &o.max_session_duration.to_string(),
    ))?;
    if let Some(id) = &o.external_id {
        rule(rules::external_id("ExternalId", id))?;
    }
    match &o.trusted {
        Trusted::User { name } => rule(rules::user_name("UserName", name))?,
        Trusted::Role { name } => rule(rules::role_name("RoleName", name))?,
        Trusted::Account => {}
    }
    if let Some(rg) = &o.scope.resource_group {
        rule(rules::resource_group("ResourceGroupId", rg))?;
    }
    Ok(())
}

/// What a hand-off shares, in words: `(what, value)` rows for the person
/// who receives it, before anything else (no secret is in a hand-off).
pub fn in_words(o: &OwnerSide, lang: Lang) -> Vec<(&'static str, String)> {
    let zh = lang == Lang::Zh;
    let t = |en: &'static str, z: &'static str| if zh { z } else { en };
    let owner = match &o.account.alias {
        Some(alias) if alias != &o.account.id => format!("{alias} ({})", o.account.id),
        _ => o.account.id.clone(),
    };
    let level = o.arms.words(lang);
    let scope = match &o.scope.resource_group {
        Some(rg) if zh => format!("资源组 {rg}"),
        Some(rg) => format!("resource group {rg}"),
        None => t("the whole account", "整个账号").to_owned(),
    };
    let b = &o.trusted_account;
    let who = match (&o.trusted, zh) {
        (Trusted::Account, false) => {
            format!("account {b}: any of its users or roles that it allows to")
        }
        (Trusted::Account, true) => format!("账号 {b}：其中获得授权的任何用户或角色"),
        (Trusted::User { name }, false) => format!("the RAM user {name} of account {b}"),
        (Trusted::User { name }, true) => format!("账号 {b} 的 RAM 用户 {name}"),
        (Trusted::Role { name }, false) => format!("the RAM role {name} of account {b}"),
        (Trusted::Role { name }, true) => format!("账号 {b} 的 RAM 角色 {name}"),
    };
    let hours = f64::from(o.max_session_duration) / 3600.0;
    let session = if zh {
        format!("{} 秒（{hours} 小时）", o.max_session_duration)
    } else {
        format!("{} seconds ({hours} h)", o.max_session_duration)
    };
    let mfa = if o.require_mfa {
        t(
            "required: the person signs in to the console with MFA and switches to the role there (an AccessKey cannot meet it)",
            "必需：需在控制台使用 MFA 登录后切换到该角色（AccessKey 无法满足该条件）",
        )
    } else {
        t("not required", "不要求")
    };
    let mut rows = vec![
        (t("Owner account", "资源所有方账号"), owner),
        (
            t("Role", "角色"),
            format!("acs:ram::{}:role/{}", o.account.id, o.role),
        ),
        (t("ARMS access", "ARMS 权限"), format!("{level}, {scope}")),
        (t("Who may assume it", "可扮演者"), who),
        (
            "ExternalId",
            o.external_id
                .clone()
                .unwrap_or_else(|| t("not required", "不要求").to_owned()),
        ),
        ("MFA", mfa.to_owned()),
        (t("Longest session", "最长会话"), session),
    ];
    if !o.source_ips.is_empty() {
        rows.push((t("Only from", "仅限来源 IP"), o.source_ips.join(", ")));
    }
    rows
}

/// `acs:ram::<account>:root|user/<n>|role/<n>` as the account and who in it.
fn trustee(arn: &str) -> Option<(String, Trusted)> {
    let (account, rest) = arn.strip_prefix("acs:ram::")?.split_once(':')?;
    let who = match rest.split_once('/') {
        None if rest == "root" => Trusted::Account,
        Some(("user", n)) => Trusted::User { name: n.to_owned() },
        Some(("role", n)) => Trusted::Role { name: n.to_owned() },
        _ => return None,
    };
    Some((account.to_owned(), who))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn a() -> Account {
        Account {
            id: "1680000000000001".into(),
            alias: Some("demo-a".into()),
        }
    }

    #[test]
    fn the_hand_off_says_what_the_role_holds() {
        let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1680000000000002:root"]},"Condition":{"StringEquals":{"sts:ExternalId":"ext-held"},"Bool":{"acs:MFAPresent":"true"}}}]}"#;
        let o = read_back(
            a(),
            "arms-viewer",
            None,
            trust,
            7200,
            &[("AliyunARMSReadOnlyAccess".into(), Some("rg-abc".into()))],
        )
        .unwrap();
        assert_eq!(o.trusted_account, "1680000000000002");
        assert_eq!(o.trusted, Trusted::Account);
        assert_eq!(o.external_id.as_deref(), Some("ext-held"));
        assert!(o.require_mfa);
        assert_eq!(o.max_session_duration, 7200);
        assert_eq!(o.arms, ArmsAccess::ReadOnly);
        assert_eq!(o.scope.resource_group.as_deref(), Some("rg-abc"));
    }

    #[test]
    fn in_words_names_the_owner_the_level_and_the_conditions() {
        let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000002:root"},"Condition":{"Bool":{"acs:MFAPresent":"true"}}}]}"#;
        let o = read_back(
            a(),
            "arms-viewer",
            None,
            trust,
            7200,
            &[("AliyunARMSReadOnlyAccess".into(), None)],
        )
        .unwrap();
        let rows = in_words(&o, Lang::En);
        let text = |what: &str| rows.iter().find(|(w, _)| *w == what).unwrap().1.clone();
        assert_eq!(text("Owner account"), "demo-a (1680000000000001)");
        assert_eq!(
            text("ARMS access"),
            "read-only (AliyunARMSReadOnlyAccess), the whole account"
        );
        assert_eq!(text("ExternalId"), "not required");
        assert!(text("MFA").starts_with("required"));
        assert_eq!(text("Longest session"), "7200 seconds (2 h)");
        assert!(in_words(&o, Lang::Zh)
            .iter()
            .any(|(w, v)| *w == "可扮演者" && v.contains("账号 1680000000000002")));
    }

    #[test]
    fn a_role_without_the_planned_conditions_hands_off_none() {
        let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000002:user/bob"}}]}"#;
        let o = read_back(
            a(),
            "r",
            None,
            trust,
            3600,
            &[("AliyunARMSFullAccess".into(), None)],
        )
        .unwrap();
        assert_eq!((o.external_id, o.require_mfa), (None, false));
        assert_eq!(o.trusted, Trusted::User { name: "bob".into() });
        assert_eq!(o.arms, ArmsAccess::Full);
    }

    #[test]
    fn a_crafted_hand_off_is_refused_like_typed_input() {
        let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000002:root"}}]}"#;
        let good = read_back(
            a(),
            "arms-viewer",
            None,
            trust,
            3600,
            &[("AliyunARMSFullAccess".into(), None)],
        )
        .unwrap();
        assert!(check(&good).is_ok());
        let same = OwnerSide {
            trusted_account: good.account.id.clone(),
            ..good.clone()
        };
        assert!(check(&same).unwrap_err().en.contains("same account"));
        let short = OwnerSide {
            trusted_account: "12345".into(),
            ..good.clone()
        };
        assert!(check(&short).unwrap_err().en.contains("16 digits"));
        let bad_role = OwnerSide {
            role: "role with spaces".into(),
            ..good.clone()
        };
        assert!(check(&bad_role).unwrap_err().en.contains("RoleName"));
        let long_session = OwnerSide {
            max_session_duration: 999_999,
            ..good.clone()
        };
        assert!(check(&long_session).is_err());
        let bad_id = OwnerSide {
            external_id: Some("x".into()),
            ..good
        };
        assert!(check(&bad_id).unwrap_err().zh.contains("交接信息无效"));
    }

    #[test]
    fn no_arms_policy_or_no_other_account_is_no_hand_off() {
        let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#;
        assert!(read_back(
            a(),
            "r",
            None,
            trust,
            3600,
            &[("AliyunARMSFullAccess".into(), None)]
        )
        .is_err());
        let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000002:root"}}]}"#;
        assert!(read_back(a(), "r", None, trust, 3600, &[]).is_err());
    }
}
