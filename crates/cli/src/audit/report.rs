//! `ramp audit`'s outputs: a table, JSON, CSV and SARIF, from one report.

use ramp_core::audit::access::{Path, PrincipalAccess};
use ramp_core::audit::account::Principal;
use ramp_core::audit::drift::Drift;
use ramp_core::audit::findings::{Check, Finding};
use ramp_core::audit::who_can::Able;
use ramp_core::audit::{Account, Model};
use ramp_core::lang::Lang;
use serde_json::{json, Value};

use crate::lint::sarif_level;

/// Everything an audit found.
pub(super) struct Report<'a> {
    pub(super) account: &'a Account,
    pub(super) model: &'a Model,
    pub(super) findings: &'a [Finding],
    pub(super) who_can: Option<&'a [Able]>,
    pub(super) drift: Option<&'a Drift>,
    pub(super) lang: Lang,
}

/// A path in a few words: `readers → AliyunARMSReadOnlyAccess v1 #0 @rg-shop`.
fn path_words(p: &Path) -> String {
    let mut s = String::new();
    if let Some(g) = &p.via {
        s.push_str(&format!("group {g} → "));
    }
    s.push_str(&p.policy);
    if !p.version.is_empty() {
        s.push_str(&format!(" {}", p.version));
    }
    s.push_str(&format!(" statement {}", p.statement));
    if p.effect == "Deny" {
        s.push_str(" (Deny)");
    }
    if let Some(rg) = &p.resource_group {
        s.push_str(&format!(" at {rg}"));
    }
    s
}

impl Report<'_> {
    /// The user facts a row shows: console, MFA, keys, last activity.
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

    fn principal_json(&self, p: &PrincipalAccess) -> Value {
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

    pub(super) fn json(&self) {
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
        say!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    }

    pub(super) fn csv(&self) {
        let field = |s: &str| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_owned()
            }
        };
        say!("type,name,arn,arms,scope,level,paths,denied_by");
        for p in &self.model.principals {
            for s in &p.scopes {
                let paths: Vec<String> = s.paths.iter().map(path_words).collect();
                let denied: Vec<String> = s.denied_by.iter().map(path_words).collect();
                say!(
                    "{},{},{},{},{},{},{},{}",
                    p.principal.kind(),
                    field(p.principal.name()),
                    field(&p.arn),
                    p.arms.as_str(),
                    field(s.resource_group.as_deref().unwrap_or("account")),
                    s.level.as_str(),
                    field(&paths.join("; ")),
                    field(&denied.join("; "))
                );
            }
        }
    }

    pub(super) fn sarif(&self) {
        let rules: Vec<Value> = Check::ALL
            .iter()
            .map(|c| json!({"id": c, "name": c.name(), "defaultConfiguration": {"level": sarif_level(c.tier())}}))
            .collect();
        let results: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                let (message, fix) = self.text_of(f);
                json!({
                    "ruleId": f.code,
                    "ruleIndex": Check::ALL.iter().position(|c| *c == f.code),
                    "level": sarif_level(f.tier),
                    "message": {"text": format!("{message} Fix: {fix}")},
                    "locations": [{"logicalLocations": [{"fullyQualifiedName": f.subject}]}],
                })
            })
            .collect();
        let v = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{"tool": {"driver": {"name": "ramp audit", "rules": rules}}, "results": results}],
        });
        say!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    }

    fn text_of<'f>(&self, f: &'f Finding) -> (&'f str, &'f str) {
        match self.lang {
            Lang::Zh => (&f.message_zh, &f.fix_zh),
            Lang::En => (&f.message, &f.fix),
        }
    }

    pub(super) fn text(&self) {
        say!(
            "Account {} (read by {})",
            self.account.id,
            self.account.read_by
        );
        say!();
        say!("{:<6} {:<28} {:<10} WHERE AND WHY", "TYPE", "NAME", "ARMS");
        for p in &self.model.principals {
            let mut first = true;
            for s in p
                .scopes
                .iter()
                .filter(|s| s.level != ramp_core::audit::Level::None || !s.denied_by.is_empty())
            {
                let scope = s.resource_group.as_deref().unwrap_or("account");
                let why: Vec<String> = s.paths.iter().chain(&s.denied_by).map(path_words).collect();
                let (kind, name, arms) = if first {
                    (p.principal.kind(), p.principal.name(), p.arms.as_str())
                } else {
                    ("", "", "")
                };
                say!(
                    "{kind:<6} {name:<28} {arms:<10} {scope}: {} — {}",
                    s.level.as_str(),
                    why.join("; ")
                );
                first = false;
            }
            if first {
                say!(
                    "{:<6} {:<28} {:<10}",
                    p.principal.kind(),
                    p.principal.name(),
                    p.arms.as_str()
                );
            }
            for a in &p.assumers {
                let mut guard = Vec::new();
                if !a.external_id.is_empty() {
                    guard.push("ExternalId".to_owned());
                }
                if a.mfa {
                    guard.push("MFA".to_owned());
                }
                if !a.source_ip.is_empty() {
                    guard.push(format!("from {}", a.source_ip.join(", ")));
                }
                guard.extend(a.other_conditions.iter().cloned());
                let guard = if guard.is_empty() {
                    "no condition".to_owned()
                } else {
                    guard.join(", ")
                };
                say!(
                    "{:<46} may be assumed by {} ({guard})",
                    "",
                    a.who.describe()
                );
            }
        }
        if let Some(able) = self.who_can {
            say!();
            say!("Who can ({}):", able.len());
            for a in able {
                let why: Vec<String> = a.paths.iter().map(path_words).collect();
                say!(
                    "  {} {} — {}: {}",
                    a.principal.kind(),
                    a.principal.name(),
                    a.decision,
                    why.join("; ")
                );
            }
        }
        if let Some(d) = self.drift {
            say!();
            say!("Against the plan:");
            for p in &d.planned {
                let state = serde_json::to_string(&p.state).unwrap_or_default();
                say!(
                    "  step {:<3} {:<15} {}",
                    p.step,
                    state.trim_matches('"'),
                    p.what
                );
                for diff in &p.differences {
                    say!("      {diff}");
                }
            }
            for e in &d.extra {
                say!(
                    "  extra           {} {} has {}",
                    e.principal.kind(),
                    e.principal.name(),
                    e.grant
                );
            }
        }
        say!();
        say!("Findings ({}):", self.findings.len());
        for f in self.findings {
            let (message, fix) = self.text_of(f);
            say!(
                "  {} {:<10} {}: {message}",
                serde_json::to_string(&f.code)
                    .unwrap_or_default()
                    .trim_matches('"'),
                f.tier.as_str(),
                f.subject
            );
            say!("      fix: {fix}");
        }
        if !self.account.gaps.is_empty() {
            say!();
            say!("Not read ({}):", self.account.gaps.len());
            for g in &self.account.gaps {
                say!(
                    "  {} {}: {} {} — needs {}",
                    g.action,
                    g.subject,
                    g.code,
                    g.message,
                    g.needs
                );
            }
        }
    }
}
