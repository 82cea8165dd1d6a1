//! What a policy allows, in plain words: one sentence per statement —
//! who (trust policies), the effect, the actions grouped by service with how
//! many catalogue actions they reach and whether they read or change, the
//! resources, and the conditions — in English or Simplified Chinese.

use crate::lang::Lang;
use crate::policy::catalogue::{matching_actions, Access};
use crate::policy::model::{Condition, Principal, Statement, Values};
use crate::policy::Policy;

/// One sentence per statement of `policy`, in `lang`.
pub fn summary(policy: &Policy, lang: Lang) -> Vec<String> {
    policy
        .statements
        .iter()
        .map(|s| sentence(s, lang))
        .collect()
}

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

fn items(v: &Option<Values>) -> Vec<&str> {
    v.as_ref()
        .map(|v| v.items.iter().map(|i| i.value.as_str()).collect())
        .unwrap_or_default()
}

/// At most `n` items, then "and N more".
fn some(list: &[&str], n: usize, lang: Lang) -> String {
    let shown = list.iter().take(n).copied().collect::<Vec<_>>().join(", ");
    match list.len().saturating_sub(n) {
        0 => shown,
        more if zh(lang) => format!("{shown} 等 {} 项", list.len().max(more)),
        more => format!("{shown} and {more} more"),
    }
}

fn sentence(s: &Statement, lang: Lang) -> String {
    if let Some(t) = trust_sentence(s, lang) {
        return t;
    }
    let mut out = String::new();
    if let Some(p) = &s.principal {
        out.push_str(&who(p, lang));
        if !zh(lang) {
            out.push(' ');
        }
    }
    let allow = !matches!(s.effect.as_ref().map(|e| e.value.as_str()), Some("Deny"));
    out.push_str(match (allow, zh(lang)) {
        (true, false) => "Allows ",
        (false, false) => "Denies ",
        (true, true) => "允许",
        (false, true) => "拒绝",
    });
    let actions = items(&s.action);
    let not_actions = items(&s.not_action);
    if !not_actions.is_empty() {
        out.push_str(&if zh(lang) {
            format!("除 {} 以外的所有操作", some(&not_actions, 4, lang))
        } else {
            format!("every action except {}", some(&not_actions, 4, lang))
        });
    } else {
        out.push_str(&what(&actions, lang));
    }
    let resources = items(&s.resource);
    let not_resources = items(&s.not_resource);
    out.push_str(
        &match (zh(lang), resources.as_slice(), not_resources.is_empty()) {
            (_, [], true) => String::new(),
            (false, ["*"], _) => " on every resource".into(),
            (true, ["*"], _) => "，作用于所有资源".into(),
            (false, _, false) => format!(
                " on every resource except {}",
                some(&not_resources, 3, lang)
            ),
            (true, _, false) => format!(
                "，作用于除 {} 以外的所有资源",
                some(&not_resources, 3, lang)
            ),
            (false, r, _) => format!(" on {}", some(r, 3, lang)),
            (true, r, _) => format!("，作用于 {}", some(r, 3, lang)),
        },
    );
    if let Some(c) = &s.condition {
        out.push_str(&when(c, lang));
    }
    out.push_str(if zh(lang) { "。" } else { "." });
    out
}

/// A trust statement as a person says it: "Account 1234 may assume this
/// role, with any of its users or roles that are allowed to, only when …".
/// `None` when the statement is not only about `sts:AssumeRole`.
fn trust_sentence(s: &Statement, lang: Lang) -> Option<String> {
    let p = s.principal.as_ref()?;
    let actions = items(&s.action);
    if actions.is_empty()
        || !actions
            .iter()
            .all(|a| a.eq_ignore_ascii_case("sts:AssumeRole"))
    {
        return None;
    }
    let deny = matches!(s.effect.as_ref().map(|e| e.value.as_str()), Some("Deny"));
    let zh = zh(lang);
    let mut names = Vec::new();
    if p.wildcard {
        names.push(if zh {
            "任何人".to_owned()
        } else {
            "anyone".to_owned()
        });
    }
    for e in &p.entries {
        for v in e.values.texts() {
            let account_of = |rest: &str| {
                rest.split_once(':')
                    .map(|(a, w)| (a.to_owned(), w.to_owned()))
            };
            names.push(
                match (
                    e.kind.value.as_str(),
                    v.strip_prefix("acs:ram::").and_then(account_of),
                    zh,
                ) {
                    ("RAM", Some((a, w)), false) if w == "root" => {
                        format!("account {a}, with any of its users or roles that are allowed to,")
                    }
                    ("RAM", Some((a, w)), true) if w == "root" => {
                        format!("账号 {a}（及其获得授权的任何用户或角色）")
                    }
                    ("RAM", Some((a, w)), false) => match w.split_once('/') {
                        Some(("user", n)) => format!("the RAM user {n} of account {a}"),
                        Some(("role", n)) => format!("the RAM role {n} of account {a}"),
                        _ => format!("{w} of account {a}"),
                    },
                    ("RAM", Some((a, w)), true) => match w.split_once('/') {
                        Some(("user", n)) => format!("账号 {a} 的 RAM 用户 {n}"),
                        Some(("role", n)) => format!("账号 {a} 的 RAM 角色 {n}"),
                        _ => format!("账号 {a} 的 {w}"),
                    },
                    ("RAM", None, false) if v.bytes().all(|b| b.is_ascii_digit()) => {
                        format!("account {v}, with any of its users or roles that are allowed to,")
                    }
                    ("RAM", None, true) if v.bytes().all(|b| b.is_ascii_digit()) => {
                        format!("账号 {v}（及其获得授权的任何用户或角色）")
                    }
                    ("Service", _, false) => format!("the cloud service {v}"),
                    ("Service", _, true) => format!("云服务 {v}"),
                    ("Federated", _, false) => format!("users of the identity provider {v}"),
                    ("Federated", _, true) => format!("身份提供商 {v} 的用户"),
                    _ => v.to_owned(),
                },
            );
        }
    }
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    let who = some(&list, 3, lang);
    let mut out = if zh {
        // A space between Latin text and Chinese.
        let gap = if who.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            " "
        } else {
            ""
        };
        format!("{who}{gap}{}扮演该角色", if deny { "不得" } else { "可以" })
    } else {
        let mut w = who.trim_end_matches(',').to_owned();
        if let Some(first) = w.get(..1) {
            w = first.to_uppercase() + &w[1..];
        }
        let comma = if who.ends_with(',') { "," } else { "" };
        format!(
            "{w}{comma} {} assume this role",
            if deny { "may not" } else { "may" }
        )
    };
    if let Some(c) = &s.condition {
        let when = when(c, lang);
        // "may assume this role only when …": no comma before the condition in English.
        out.push_str(if zh {
            &when
        } else {
            when.trim_start_matches(',')
        });
    }
    out.push_str(if zh { "。" } else { "." });
    Some(out)
}

/// "sts:AssumeRole for account 1234 (any of its users or roles)".
fn who(p: &Principal, lang: Lang) -> String {
    if p.wildcard {
        return if zh(lang) {
            "任何人：".into()
        } else {
            "Anyone:".into()
        };
    }
    let mut names = Vec::new();
    for e in &p.entries {
        for v in &e.values.items {
            let v = v.value.as_str();
            let text = match (e.kind.value.as_str(), v.strip_prefix("acs:ram::")) {
                ("RAM", Some(rest)) => {
                    let (account, what) = rest.split_once(':').unwrap_or((rest, ""));
                    match (what, zh(lang)) {
                        ("root", false) => {
                            format!("account {account} (any of its users and roles it allows)")
                        }
                        ("root", true) => format!("账号 {account}（及其授权的任何用户和角色）"),
                        (w, false) => format!("{} of account {account}", w.replacen('/', " ", 1)),
                        (w, true) => format!("账号 {account} 的 {}", w.replacen('/', " ", 1)),
                    }
                }
                ("RAM", None) if v.chars().all(|c| c.is_ascii_digit()) => {
                    if zh(lang) {
                        format!("账号 {v}")
                    } else {
                        format!("account {v}")
                    }
                }
                ("Service", _) => {
                    if zh(lang) {
                        format!("云服务 {v}")
                    } else {
                        format!("the cloud service {v}")
                    }
                }
                ("Federated", _) => {
                    if zh(lang) {
                        format!("身份提供商 {v} 的用户")
                    } else {
                        format!("users of the identity provider {v}")
                    }
                }
                _ => v.to_owned(),
            };
            names.push(text);
        }
    }
    let list = names.iter().map(String::as_str).collect::<Vec<_>>();
    if zh(lang) {
        format!("{}：", some(&list, 3, lang))
    } else {
        let mut s = some(&list, 3, lang);
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        format!("{s}:")
    }
}

/// The actions, grouped by service with read/write counts from the catalogue.
fn what(actions: &[&str], lang: Lang) -> String {
    if actions.is_empty() {
        return if zh(lang) {
            "（无操作）".into()
        } else {
            "no action".into()
        };
    }
    if actions.contains(&"*") {
        return if zh(lang) {
            "所有云服务的所有操作".into()
        } else {
            "every action of every service".into()
        };
    }
    let mut services: Vec<(&str, Vec<&str>)> = Vec::new();
    for a in actions {
        let svc = a.split_once(':').map_or("?", |(s, _)| s);
        match services
            .iter_mut()
            .find(|(s, _)| s.eq_ignore_ascii_case(svc))
        {
            Some((_, list)) => list.push(a),
            None => services.push((svc, vec![a])),
        }
    }
    let parts: Vec<String> = services
        .iter()
        .map(|(svc, patterns)| {
            let (mut read, mut write) = (0, 0);
            let mut seen: Vec<&str> = Vec::new();
            for p in patterns {
                for (_, a) in matching_actions(p) {
                    if !seen.contains(&a.name) {
                        seen.push(a.name);
                        match a.access() {
                            Access::Read => read += 1,
                            Access::Write => write += 1,
                        }
                    }
                }
            }
            let listed = some(patterns, 3, lang);
            let svc = svc.to_uppercase();
            match (read + write, zh(lang)) {
                (0, false) => format!("{svc} ({listed})"),
                (0, true) => format!("{svc}（{listed}）"),
                (_, false) => {
                    format!("{svc}: {read} read and {write} write actions Ramp knows ({listed})")
                }
                (_, true) => {
                    format!("{svc}：Ramp 已知的 {read} 个读取和 {write} 个写入操作（{listed}）")
                }
            }
        })
        .collect();
    parts.join(if zh(lang) { "；" } else { "; " })
}

/// " when acs:SourceIp is in 10.0.0.0/8 and …".
fn when(c: &Condition, lang: Lang) -> String {
    let mut parts = Vec::new();
    for b in &c.blocks {
        let op = b.operator.value.as_str();
        let base = op.trim_end_matches("IfExists");
        let (en, zh_text) = match base {
            "StringEquals" | "NumericEquals" | "DateEquals" | "Bool" => ("is", "等于"),
            "StringNotEquals" | "NumericNotEquals" | "DateNotEquals" => ("is not", "不等于"),
            "StringEqualsIgnoreCase" => ("is (any case)", "等于（忽略大小写）"),
            "StringNotEqualsIgnoreCase" => ("is not (any case)", "不等于（忽略大小写）"),
            "StringLike" => ("matches", "匹配"),
            "StringNotLike" => ("does not match", "不匹配"),
            "NumericLessThan" | "DateLessThan" => ("is before/less than", "小于（早于）"),
            "NumericLessThanEquals" | "DateLessThanEquals" => ("is at most", "不大于（不晚于）"),
            "NumericGreaterThan" | "DateGreaterThan" => ("is after/greater than", "大于（晚于）"),
            "NumericGreaterThanEquals" | "DateGreaterThanEquals" => {
                ("is at least", "不小于（不早于）")
            }
            "IpAddress" => ("is in", "属于"),
            "NotIpAddress" => ("is not in", "不属于"),
            _ => (op, op),
        };
        let if_exists = op.ends_with("IfExists");
        for k in &b.keys {
            let values: Vec<&str> = k.values.items.iter().map(|v| v.value.as_str()).collect();
            let joined = values.join(if zh(lang) { " 或 " } else { " or " });
            parts.push(match (zh(lang), if_exists) {
                (false, false) => format!("{} {en} {joined}", k.key.value),
                (false, true) => format!("{} (if present) {en} {joined}", k.key.value),
                (true, false) => format!("{} {zh_text} {joined}", k.key.value),
                (true, true) => format!("{}（如存在）{zh_text} {joined}", k.key.value),
            });
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    if zh(lang) {
        format!("，条件：{}", parts.join("，且 "))
    } else {
        format!(", only when {}", parts.join(" and "))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::policy::parse_policy;

    fn say(text: &str, lang: Lang) -> Vec<String> {
        summary(&parse_policy(text).unwrap().policy, lang)
    }

    #[test]
    fn permission_policies_name_services_counts_resources_and_conditions() {
        let s = say(
            r#"{"Version":"1","Statement":[
              {"Effect":"Allow","Action":["arms:Get*","arms:List*"],"Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}},
              {"Effect":"Deny","Action":"ram:DeleteUser","Resource":"acs:ram:*:1111111111111111:user/alice"}]}"#,
            Lang::En,
        );
        assert_eq!(s.len(), 2);
        assert!(s[0].starts_with("Allows ARMS: "), "{}", s[0]);
        assert!(s[0].contains(" 0 write actions"), "{}", s[0]);
        assert!(
            s[0].ends_with(
                "on every resource, only when acs:SourceIp is in 10.0.0.0/8 or 192.168.0.0/16."
            ),
            "{}",
            s[0]
        );
        assert_eq!(
            s[1],
            "Denies RAM: 0 read and 1 write actions Ramp knows (ram:DeleteUser) on acs:ram:*:1111111111111111:user/alice."
        );
        let all = say(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            Lang::Zh,
        );
        assert_eq!(all, ["允许所有云服务的所有操作，作用于所有资源。"]);
    }

    #[test]
    fn trust_policies_say_who() {
        let s = say(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::2222222222222222:root"]},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-42"},"Bool":{"acs:MFAPresent":"true"}}}]}"#,
            Lang::En,
        );
        assert!(
            s[0].starts_with(
                "Account 2222222222222222, with any of its users or roles that are allowed to, may assume this role only when"
            ),
            "{}",
            s[0]
        );
        assert!(
            s[0].ends_with("only when sts:ExternalId is ramp-42 and acs:MFAPresent is true."),
            "{}",
            s[0]
        );
        let z = say(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:user/bob"}}]}"#,
            Lang::Zh,
        );
        assert!(
            z[0].starts_with("账号 2222222222222222 的 RAM 用户 bob 可以扮演该角色"),
            "{}",
            z[0]
        );
    }
}
