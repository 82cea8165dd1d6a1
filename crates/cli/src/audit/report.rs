//! `ramp audit`'s outputs: a table for people and SARIF for code scanning;
//! JSON and CSV come from ramp-core's report, which the Access page shares.

use ramp_core::audit::findings::{Check, Finding};
use ramp_core::audit::report::{path_words, Report};
use ramp_core::lang::Lang;
use serde_json::{json, Value};

use crate::lint::sarif_level;

/// A report and the language to print it in.
pub(super) struct Printed<'a> {
    pub(super) report: Report<'a>,
    pub(super) lang: Lang,
}

impl Printed<'_> {
    pub(super) fn json(&self) {
        say!(
            "{}",
            serde_json::to_string_pretty(&self.report.json()).unwrap_or_default()
        );
    }

    pub(super) fn csv(&self) {
        say_raw!("{}", self.report.csv());
    }

    pub(super) fn sarif(&self) {
        let rules: Vec<Value> = Check::ALL
            .iter()
            .map(|c| json!({"id": c, "name": c.name(), "defaultConfiguration": {"level": sarif_level(c.tier())}}))
            .collect();
        let results: Vec<Value> = self
            .report
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
            self.report.account.id,
            self.report.account.read_by
        );
        say!();
        say!("{:<6} {:<28} {:<10} WHERE AND WHY", "TYPE", "NAME", "ARMS");
        for p in &self.report.model.principals {
            let mut first = true;
            for s in p
                .scopes
                .iter()
                .filter(|s| s.level != ramp_core::audit::Level::None || !s.denied_by.is_empty())
            {
                let scope = s.resource_group.as_deref().unwrap_or("account");
                let why: Vec<String> = s
                    .paths
                    .iter()
                    .chain(&s.denied_by)
                    .map(|p| path_words(self.lang, p))
                    .collect();
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
        if let Some(able) = self.report.who_can {
            say!();
            say!("Who can ({}):", able.len());
            for a in able {
                let why: Vec<String> = a.paths.iter().map(|p| path_words(self.lang, p)).collect();
                say!(
                    "  {} {} — {}: {}",
                    a.principal.kind(),
                    a.principal.name(),
                    a.decision,
                    why.join("; ")
                );
            }
        }
        if let Some(d) = self.report.drift {
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
        say!("Findings ({}):", self.report.findings.len());
        for f in self.report.findings {
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
        if !self.report.account.gaps.is_empty() {
            say!();
            say!("Not read ({}):", self.report.account.gaps.len());
            for g in &self.report.account.gaps {
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
