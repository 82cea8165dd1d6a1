//! Findings over a whole account, in the linter's style: a code, a tier,
//! the principal, what is wrong and the fix, in English and Chinese. They
//! follow the seeds' advice — guard cross-account roles, MFA for console
//! users, separate people from programs, rotate and retire keys, keep access
//! short — and flag who can grant themselves more. Thresholds are [`Options`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::access::{Key, Model, Subject};
use super::account::{Account, PolicyType, Principal};
use super::policies::Documents;
use crate::policy::catalogue::{find_action, system_policy};
use crate::policy::eval::{evaluate, Context, Decision, Request};
use crate::policy::lint::single::ESCALATION;
use crate::policy::lint::Tier;
use crate::time::UtcTime;

macro_rules! checks {
    ($($code:ident $tier:ident $name:literal;)*) => {
        /// A finding's check: its code is its name, so a typo does not compile.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[allow(missing_docs)]
        pub enum Check { $($code),* }

        impl Check {
            /// Every check.
            pub const ALL: &[Check] = &[$(Check::$code),*];

            /// The tier.
            pub fn tier(self) -> Tier {
                match self { $(Check::$code => Tier::$tier),* }
            }

            /// A short name, e.g. `console-user-without-mfa`.
            pub fn name(self) -> &'static str {
                match self { $(Check::$code => $name),* }
            }
        }
    };
}

checks! {
    A001 Security "role-trusts-another-account-unguarded";
    A002 Security "console-user-without-mfa";
    A003 Warning "console-and-access-keys";
    A004 Warning "access-key-unused";
    A005 Suggestion "access-key-old";
    A006 Warning "user-inactive";
    A007 Security "can-grant-itself-more";
    A008 Suggestion "arms-full-and-read-only";
    A009 Warning "read-only-at-resource-group-without-read-trace-app";
    A010 Security "high-risk-system-policy";
    A011 Suggestion "group-without-members";
    A012 Suggestion "custom-policy-attached-nowhere";
    A013 Suggestion "system-policy-differs-from-catalogue";
}

/// The thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The time to judge ages against.
    pub now: UtcTime,
    /// A key or a user not used for this many days is stale.
    pub unused_days: i64,
    /// A key older than this many days is due for rotation.
    pub key_age_days: i64,
}

impl Options {
    /// 90 days for both, the seeds' rotation advice.
    pub fn at(now: UtcTime) -> Options {
        Options {
            now,
            unused_days: 90,
            key_age_days: 90,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Finding {
    /// The check.
    pub code: Check,
    /// Its tier.
    pub tier: Tier,
    /// The principal (its ARN) or the policy it is about.
    pub subject: String,
    /// What is wrong (English).
    pub message: String,
    /// How to fix it (English).
    pub fix: String,
    /// What is wrong (Simplified Chinese).
    pub message_zh: String,
    /// How to fix it (Simplified Chinese).
    pub fix_zh: String,
}

struct Out(Vec<Finding>);

impl Out {
    fn push(&mut self, code: Check, subject: String, en: (String, String), zh: (String, String)) {
        self.0.push(Finding {
            code,
            tier: code.tier(),
            subject,
            message: en.0,
            fix: en.1,
            message_zh: zh.0,
            fix_zh: zh.1,
        });
    }
}

/// Days from `then` to `now` (`None` when `then` is absent or unreadable).
fn days_since(then: Option<&str>, now: UtcTime) -> Option<i64> {
    let t = UtcTime::parse(then?).ok()?;
    Some((now.unix_seconds() - t.unix_seconds()) / 86_400)
}

/// Every finding of `account`, given its access `model`.
pub fn findings(account: &Account, model: &Model, o: &Options) -> Vec<Finding> {
    let mut out = Out(Vec::new());
    let docs = Documents::of(account);
    roles(account, &mut out);
    users(account, o, &mut out);
    escalation(account, &docs, &mut out);
    arms(account, model, &docs, &mut out);
    policies(account, &mut out);
    out.0
}

fn roles(account: &Account, out: &mut Out) {
    for p in account.roles.keys().map(|n| Principal::Role(n.clone())) {
        let role = &account.roles[p.name()];
        for a in super::assumers::assumers(&role.trust_policy) {
            if !a.unguarded_other_account(&account.id) {
                continue;
            }
            let who = serde_json::to_value(&a.who)
                .map(|v| v.to_string())
                .unwrap_or_default();
            out.push(
                Check::A001,
                p.arn(&account.id),
                (
                    format!("Role {} may be assumed by {who} with neither an ExternalId nor MFA (statement {}).", p.name(), a.statement),
                    "Add a StringEquals sts:ExternalId condition (agreed with the other account) or require acs:MFAPresent, or narrow the principal to the one user or role that needs it.".into(),
                ),
                (
                    format!("角色 {} 可被 {who} 扮演，且既不要求 ExternalId 也不要求 MFA（语句 {}）。", p.name(), a.statement),
                    "添加 StringEquals sts:ExternalId 条件（与对方账号约定），或要求 acs:MFAPresent，或把主体收窄到确需扮演的用户或角色。".into(),
                ),
            );
        }
    }
}

fn users(account: &Account, o: &Options, out: &mut Out) {
    for (name, u) in &account.users {
        let arn = Principal::User(name.clone()).arn(&account.id);
        let active_keys: Vec<_> = u.keys.iter().filter(|k| k.status == "Active").collect();
        if u.console.is_some() && u.mfa_device.is_none() {
            out.push(
                Check::A002,
                arn.clone(),
                (format!("{name} can sign in to the console with a password alone: no MFA device is bound."),
                 "Bind a virtual MFA device to the user (or require it at next logon), and keep MFA required in the account's security settings.".into()),
                (format!("{name} 仅凭密码即可登录控制台：未绑定 MFA 设备。"),
                 "为该用户绑定虚拟 MFA 设备（或要求下次登录时绑定），并在账号安全设置中保持必须使用 MFA。".into()),
            );
        }
        if u.console.is_some() && !active_keys.is_empty() {
            out.push(
                Check::A003,
                arn.clone(),
                (format!("{name} has console access and {} active AccessKey(s): one identity for a person and a program.", active_keys.len()),
                 "Give the program its own RAM user for its AccessKey, so the key can be rotated without touching the person's logon.".into()),
                (format!("{name} 既能登录控制台，又有 {} 个启用的 AccessKey：人和程序共用一个身份。", active_keys.len()),
                 "为程序单独创建 RAM 用户并使用其 AccessKey，这样轮换密钥不会影响人员登录。".into()),
            );
        }
        for k in &active_keys {
            let unused = match days_since(k.last_used.as_deref(), o.now) {
                Some(d) => d >= o.unused_days,
                None => days_since(k.created.as_deref(), o.now).is_some_and(|d| d >= o.unused_days),
            };
            if unused {
                out.push(
                    Check::A004,
                    arn.clone(),
                    (
                        format!(
                            "AccessKey {} of {name} has not been used for {} days or more.",
                            k.id, o.unused_days
                        ),
                        "Deactivate it, wait to see that nothing breaks, then delete it.".into(),
                    ),
                    (
                        format!(
                            "{name} 的 AccessKey {} 已有 {} 天或更久未使用。",
                            k.id, o.unused_days
                        ),
                        "先禁用该密钥，确认无业务受影响后再删除。".into(),
                    ),
                );
            }
            if days_since(k.created.as_deref(), o.now).is_some_and(|d| d >= o.key_age_days) {
                out.push(
                    Check::A005,
                    arn.clone(),
                    (format!("AccessKey {} of {name} is older than {} days.", k.id, o.key_age_days),
                     "Rotate it: create a second key, deploy it, watch the old key's last use stop, then deactivate and delete the old one.".into()),
                    (format!("{name} 的 AccessKey {} 已超过 {} 天。", k.id, o.key_age_days),
                     "轮换密钥：创建第二个密钥并部署，确认旧密钥不再被使用后，先禁用再删除旧密钥。".into()),
                );
            }
        }
        let logon_stale =
            days_since(u.last_login.as_deref(), o.now).is_none_or(|d| d >= o.unused_days);
        let keys_stale = u
            .keys
            .iter()
            .all(|k| days_since(k.last_used.as_deref(), o.now).is_none_or(|d| d >= o.unused_days));
        let old_enough =
            days_since(u.created.as_deref(), o.now).is_some_and(|d| d >= o.unused_days);
        if logon_stale && keys_stale && old_enough {
            out.push(
                Check::A006,
                arn,
                (format!("{name} has neither signed in nor used a key for {} days.", o.unused_days),
                 "If the person left or the program is gone, remove the user's access (Ramp's offboarding), or delete the user.".into()),
                (format!("{name} 已有 {} 天未登录也未使用密钥。", o.unused_days),
                 "若人员已离开或程序已下线，请移除其权限（Ramp 的离职流程）或删除该用户。".into()),
            );
        }
    }
}

fn escalation(account: &Account, docs: &Documents, out: &mut Out) {
    let principals = account
        .users
        .keys()
        .map(|n| Principal::User(n.clone()))
        .chain(account.roles.keys().map(|n| Principal::Role(n.clone())));
    // Decided once per set of attachments (see access::Key).
    let mut decided: HashMap<Key<'_>, Vec<&str>> = HashMap::new();
    for p in principals {
        let able = decided.entry(Key::of(docs, &p)).or_insert_with(|| {
            let subject = Subject::new(account, docs, &p);
            ESCALATION
                .iter()
                .copied()
                .filter(|action| {
                    let resource = find_action(action)
                        .map_or_else(|| "*".to_owned(), |a| a.resource_arn(&account.id, "*"));
                    let req = Request {
                        caller: subject.caller.clone(),
                        action: (*action).to_owned(),
                        resource,
                        resource_group: None,
                        context: Context::new(),
                    };
                    evaluate(&req, &subject.policies).decision == Decision::Allow
                })
                .collect()
        });
        if !able.is_empty() {
            out.push(
                Check::A007,
                p.arn(&account.id),
                (format!("{} {} can grant itself more access: it may call {}.", p.kind(), p.name(), able.join(", ")),
                 "Keep RAM administration with a few administrators (with MFA); give others only the service access they need.".into()),
                (format!("{} {} 可以给自己授予更多权限：它可以调用 {}。", p.kind(), p.name(), able.join("、")),
                 "RAM 管理权限只保留给少数（启用 MFA 的）管理员；其他人只授予所需的服务权限。".into()),
            );
        }
    }
}

fn arms(account: &Account, model: &Model, docs: &Documents, out: &mut Out) {
    let mut reads_apps: HashMap<(Key<'_>, &str), bool> = HashMap::new();
    for p in &model.principals {
        let links = super::access::applying(account, docs, &p.principal);
        let named = |n: &str| {
            links
                .iter()
                .any(|(_, a)| a.policy_type == PolicyType::System && a.policy == n)
        };
        if named("AliyunARMSFullAccess") && named("AliyunARMSReadOnlyAccess") {
            out.push(
                Check::A008,
                p.arn.clone(),
                (format!("{} {} has both AliyunARMSFullAccess and AliyunARMSReadOnlyAccess; the full access wins.", p.principal.kind(), p.principal.name()),
                 "Detach the one that is not meant: read-only, or full.".into()),
                (format!("{} {} 同时拥有 AliyunARMSFullAccess 和 AliyunARMSReadOnlyAccess，实际生效的是完全访问。", p.principal.kind(), p.principal.name()),
                 "解除不需要的那一个：只读或完全访问。".into()),
            );
        }
        let rg_read_only: Vec<&str> = links
            .iter()
            .filter(|(_, a)| {
                a.policy_type == PolicyType::System && a.policy == "AliyunARMSReadOnlyAccess"
            })
            .filter_map(|(_, a)| a.resource_group.as_deref())
            .collect();
        for rg in rg_read_only {
            let reads = *reads_apps
                .entry((Key::of(docs, &p.principal), rg))
                .or_insert_with(|| {
                    let subject = Subject::new(account, docs, &p.principal);
                    let req = Request {
                        caller: subject.caller.clone(),
                        action: "arms:ReadTraceApp".into(),
                        resource: format!("acs:arms:*:{}:armsapp/*", account.id),
                        resource_group: Some(rg.to_owned()),
                        context: Context::new(),
                    };
                    evaluate(&req, &subject.policies).decision == Decision::Allow
                });
            if !reads {
                out.push(
                    Check::A009,
                    p.arn.clone(),
                    (format!("{} {} has ARMS read-only at resource group {rg} but not arms:ReadTraceApp: the application list will be empty there.", p.principal.kind(), p.principal.name()),
                     format!("Also attach a custom policy allowing arms:ReadTraceApp at the account's scope (Ramp's {} does this).", crate::plan::READ_TRACE_APP_POLICY)),
                    (format!("{} {} 在资源组 {rg} 有 ARMS 只读权限，但没有 arms:ReadTraceApp：该处的应用列表将为空。", p.principal.kind(), p.principal.name()),
                     format!("在账号范围再授权一个允许 arms:ReadTraceApp 的自定义策略（Ramp 的 {} 即为此用）。", crate::plan::READ_TRACE_APP_POLICY)),
                );
            }
        }
    }
}

fn policies(account: &Account, out: &mut Out) {
    let mut seen = std::collections::BTreeSet::new();
    for a in &account.attachments {
        let risky = a.policy_type == PolicyType::System
            && system_policy(&a.policy).is_some_and(|s| s.high_risk);
        if risky && seen.insert((a.policy.clone(), a.principal.clone())) {
            let p = &a.principal;
            out.push(
                Check::A010,
                p.arn(&account.id),
                (format!("{} {} has the high-risk system policy {}.", p.kind(), p.name(), a.policy),
                 "Replace it with a policy that grants only what the work needs (for ARMS: AliyunARMSReadOnlyAccess or an application-scoped custom policy).".into()),
                (format!("{} {} 拥有高风险系统策略 {}。", p.kind(), p.name(), a.policy),
                 "改用只授予所需权限的策略（ARMS 可用 AliyunARMSReadOnlyAccess 或按应用限定的自定义策略）。".into()),
            );
        }
    }
    for (name, g) in &account.groups {
        if g.members.is_empty() {
            out.push(
                Check::A011,
                Principal::Group(name.clone()).arn(&account.id),
                (
                    format!("Group {name} has no members."),
                    "Delete it, or add the people it was made for.".into(),
                ),
                (
                    format!("用户组 {name} 没有成员。"),
                    "删除该用户组，或加入它所服务的成员。".into(),
                ),
            );
        }
    }
    for p in account.policies.iter() {
        let attached = account
            .attachments
            .iter()
            .any(|a| a.policy_type == p.policy_type && a.policy == p.name);
        if p.policy_type == PolicyType::Custom && !attached {
            out.push(
                Check::A012,
                format!("policy {}", p.name),
                (
                    format!("Custom policy {} is attached to no one.", p.name),
                    "Delete it if it is no longer needed.".into(),
                ),
                (
                    format!("自定义策略 {} 未授权给任何身份。", p.name),
                    "若已不需要，请删除。".into(),
                ),
            );
        }
        if p.differs_from_catalogue {
            out.push(
                Check::A013,
                format!("policy {}", p.name),
                (format!("System policy {} ({}) reads differently from Ramp's catalogue copy; the audit used the service's document.", p.name, p.version),
                 "Nothing to change in the account; update Ramp for its catalogue to match.".into()),
                (format!("系统策略 {}（{}）与 Ramp 目录中的副本不同；审计使用的是服务返回的文档。", p.name, p.version),
                 "账号无需变更；请更新 Ramp 以同步目录。".into()),
            );
        }
    }
}
