//! An audit's results for tools and spreadsheets: the JSON every surface
//! writes (the CLI's `--format json`, the Access page's download) and the
//! CSV, one row per principal and scope. One definition, so they agree.

use serde_json::{json, Value};

use super::access::{Path, PrincipalAccess};
use super::account::{Account, Principal};
use super::drift::Drift;
use super::findings::Finding;
use super::who_can::Able;
use super::Model;
use crate::lang::Lang;

/// Everything an audit found.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// What was read.
    pub account: &'a Account,
    /// Everyone's ARMS access.
    pub model: &'a Model,
    /// The findings.
    pub findings: &'a [Finding],
    /// The answer to a who-can question, if one was asked.
    pub who_can: Option<&'a [Able]>,
    /// The comparison with a plan, if one was given.
    pub drift: Option<&'a Drift>,
}

/// A path in a few words: `group readers → AliyunARMSReadOnlyAccess v13 statement 0 at rg-shop`
/// (`用户组 readers → AliyunARMSReadOnlyAccess v13 第 0 条语句，范围 rg-shop`).
pub fn path_words(lang: Lang, p: &Path) -> String {
    let mut s = String::new();
    if let Some(g) = &p.via {
        s.push_str(&match lang {
            Lang::En => format!("group {g} → "),
            Lang::Zh => format!("用户组 {g} → "),
        });
    }
    s.push_str(&p.policy);
    if !p.version.is_empty() {
        s.push_str(&format!(" {}", p.version));
    }
    let deny = p.effect == "Deny";
    s.push_str(&match (lang, deny) {
        (Lang::En, false) => format!(" statement {}", p.statement),
        (Lang::En, true) => format!(" statement {} (Deny)", p.statement),
        (Lang::Zh, false) => format!(" 第 {} 条语句", p.statement),
        (Lang::Zh, true) => format!(" 第 {} 条语句（Deny）", p.statement),
    });
    if let Some(rg) = &p.resource_group {
        s.push_str(&match lang {
            Lang::En => format!(" at {rg}"),
            Lang::Zh => format!("，范围 {rg}"),
        });
    }
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl Report<'_> {
    /// A user's console, MFA, keys and last activity.
    fn user_facts(&self, p: &PrincipalAccess) -> Option<Value> {
        let Principal::User(name) = &p.principal else {
            return None;
        };
        let u = self.account.users.get(name)?;
        let last_key_use = u.keys.iter().filter_map(|k| k.last_used.as_deref()).max();
        let last_activity = [u.last_login.as_deref(), last_key_use]
            .into_iter()
            .flatten()
            .max();
        Some(json!({
            "console": u.console.is_some(),
            "mfa": u.mfa_device.is_some(),
            "keys": u.keys.iter().map(|k| json!({"id": k.id, "status": k.status, "created": k.created, "last-used": k.last_used})).collect::<Vec<_>>(),
            "last-login": u.last_login,
            "last-activity": last_activity,
        }))
    }

    /// One principal: type, name, ARN, level, scopes with paths, assumers, user facts.
    pub fn principal_json(&self, p: &PrincipalAccess) -> Value {
        let mut v = json!({
            "type": p.principal.kind(),
            "name": p.principal.name(),
            "arn": p.arn,
            "arms": p.arms.as_str(),
            "scopes": p.scopes,
        });
        if !p.assumers.is_empty() {
            v["assumers"] = json!(p.assumers);
        }
        if let Some(facts) = self.user_facts(p) {
            v["user"] = facts;
        }
        v
    }

    fn finding_json(f: &Finding) -> Value {
        json!({
            "code": f.code, "name": f.code.name(), "tier": f.tier.as_str(), "subject": f.subject,
            "message": f.message, "fix": f.fix, "message-zh": f.message_zh, "fix-zh": f.fix_zh,
        })
    }

    /// The whole report as JSON.
    pub fn json(&self) -> Value {
        let mut v = json!({
            "account": self.account.id,
            "read-by": self.account.read_by,
            "complete": self.account.gaps.is_empty(),
            "principals": self.model.principals.iter().map(|p| self.principal_json(p)).collect::<Vec<_>>(),
            "findings": self.findings.iter().map(Self::finding_json).collect::<Vec<_>>(),
            "gaps": self.account.gaps,
        });
        if let Some(able) = self.who_can {
            v["who-can"] = json!(able);
        }
        if let Some(d) = self.drift {
            v["drift"] = json!(d);
        }
        v
    }

    /// One row per principal and scope, with a header.
    pub fn csv(&self) -> String {
        let mut out = String::from("type,name,arn,arms,scope,level,paths,denied_by\n");
        for p in &self.model.principals {
            for s in &p.scopes {
                let paths: Vec<String> = s.paths.iter().map(|p| path_words(Lang::En, p)).collect();
                let denied: Vec<String> = s
                    .denied_by
                    .iter()
                    .map(|p| path_words(Lang::En, p))
                    .collect();
                out.push_str(&format!(
                    "{},{},{},{},{},{},{},{}\n",
                    p.principal.kind(),
                    csv_field(p.principal.name()),
                    csv_field(&p.arn),
                    p.arms.as_str(),
                    csv_field(s.resource_group.as_deref().unwrap_or("account")),
                    s.level.as_str(),
                    csv_field(&paths.join("; ")),
                    csv_field(&denied.join("; "))
                ));
            }
        }
        out
    }
}
