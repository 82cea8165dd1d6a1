//! The policy studio's state and what it computes without the engine: the
//! document and the simulator's question, the templates (the flows'
//! presets, built by the engine), the canonical layout, the findings
//! gutter's marks, and a share fragment (`#/studio?policy=…`, which never
//! reaches a server). Linting, simulating and summarising are the engine's
//! (see `engine.rs`), run as the draft changes.

use std::collections::BTreeMap;

use ramp_core::encoding::{percent_decode, percent_encode};
use ramp_core::lang::Lang;
use ramp_core::policy::simulate::context_lines;
use ramp_core::policy::{parse_policy, print};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{Finding, Question};

/// The draft (a policy is not a secret; it is kept locally).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The document.
    pub text: String,
    /// `auto`, `permission` or `trust`.
    pub kind: String,
    /// Simulator: the caller (`user:ACCOUNT/NAME`…).
    pub caller: String,
    /// Simulator: the action.
    pub action: String,
    /// Simulator: the resource ARN.
    pub resource: String,
    /// Simulator: the resource's group (empty: none).
    pub resource_group: String,
    /// Simulator: `key=value` lines.
    pub context: String,
}

/// The simulator's default question for a permission policy: `(caller, action, resource)`.
pub const PERMISSION_QUESTION: (&str, &str, &str) = (
    "user:1680000000000001/alice",
    "arms:GetTraceApp",
    "acs:arms:cn-hangzhou:1680000000000001:armsapp/shop",
);

/// The simulator's default question for a trust policy: may account B's bob assume A's role?
pub const TRUST_QUESTION: (&str, &str, &str) = (
    "user:1680000000000002/bob",
    "sts:AssumeRole",
    "acs:ram::1680000000000001:role/arms-viewer",
);

impl Draft {
    /// The default question of the other kind becomes this kind's default
    /// (a question the user typed is kept).
    pub fn fit_question(&mut self, trust: bool) {
        let (from, to) = if trust {
            (PERMISSION_QUESTION, TRUST_QUESTION)
        } else {
            (TRUST_QUESTION, PERMISSION_QUESTION)
        };
        if (
            self.caller.as_str(),
            self.action.as_str(),
            self.resource.as_str(),
        ) == from
        {
            self.caller = to.0.into();
            self.action = to.1.into();
            self.resource = to.2.into();
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            // Filled with the ARMS read-only template once the engine is loaded.
            text: String::new(),
            kind: "auto".into(),
            caller: PERMISSION_QUESTION.0.into(),
            action: PERMISSION_QUESTION.1.into(),
            resource: PERMISSION_QUESTION.2.into(),
            resource_group: String::new(),
            context: String::new(),
        }
    }
}

/// The templates: `(id, English name, Chinese name)`.
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "arms-read-only",
        "ARMS read-only (AliyunARMSReadOnlyAccess)",
        "ARMS 只读（AliyunARMSReadOnlyAccess）",
    ),
    (
        "arms-full",
        "ARMS full (AliyunARMSFullAccess)",
        "ARMS 完全访问（AliyunARMSFullAccess）",
    ),
    ("assume-one-role", "May assume one role", "仅可扮演一个角色"),
    (
        "trust-account",
        "Trust: another account, with ExternalId",
        "信任策略：另一个账号，要求 ExternalId",
    ),
    (
        "trust-account-mfa",
        "Trust: another account's user, with MFA",
        "信任策略：另一个账号的用户，要求 MFA",
    ),
];

/// How the engine builds a template: a permission preset and its input, or a trust policy's input.
#[derive(Debug, Clone, PartialEq)]
pub enum Template {
    /// `permissionPolicy(preset, input)`.
    Permission(&'static str, serde_json::Value),
    /// `trustPolicy(input)`.
    Trust(serde_json::Value),
}

/// The template `id`.
pub fn template(id: &str) -> Option<Template> {
    Some(match id {
        "arms-read-only" | "arms-full" => Template::Permission(
            if id == "arms-full" {
                "arms-full"
            } else {
                "arms-read-only"
            },
            json!({}),
        ),
        "assume-one-role" => Template::Permission(
            "assume-one-role",
            json!({"accountId": "1680000000000001", "roleName": "arms-viewer"}),
        ),
        "trust-account" => Template::Trust(json!({
            "trustees": [{"type": "account", "accountId": "1680000000000002"}],
            "externalId": "ramp-example-external-id",
        })),
        "trust-account-mfa" => Template::Trust(json!({
            "trustees": [{"type": "user", "accountId": "1680000000000002", "name": "arms-reader"}],
            "requireMfa": true,
        })),
        _ => return None,
    })
}

/// The findings gutter's marks: per line, the worst tier's class and every finding's text.
pub fn marks(findings: &[Finding]) -> BTreeMap<u32, (String, String)> {
    let rank = |tier: &str| {
        ["error", "security", "warning", "suggestion"]
            .iter()
            .position(|t| *t == tier)
            .unwrap_or(4)
    };
    let mut marks = BTreeMap::<u32, (String, String)>::new();
    for f in findings {
        let text = format!("{} {}", f.code, f.message);
        marks
            .entry(f.line)
            .and_modify(|(tier, all)| {
                if rank(&f.tier) < rank(tier) {
                    *tier = f.tier.clone();
                }
                all.push('\n');
                all.push_str(&text);
            })
            .or_insert((f.tier.clone(), text));
    }
    marks
}

impl Draft {
    /// `Some(true)` for a trust policy, `Some(false)` for a permission policy, `None`: detect.
    pub fn chosen_kind(&self) -> Option<bool> {
        match self.kind.as_str() {
            "trust" => Some(true),
            "permission" => Some(false),
            _ => None,
        }
    }

    /// The simulator's question, or what is wrong with the context lines.
    pub fn question(&self, trust: bool, lang: Lang) -> Result<Question, String> {
        let context: BTreeMap<String, String> = context_lines(&self.context)?.into_iter().collect();
        Ok(Question {
            caller: self.caller.trim().to_owned(),
            action: self.action.trim().to_owned(),
            resource: self.resource.trim().to_owned(),
            resource_group: self.resource_group.trim().to_owned(),
            context,
            kind: if trust { "trust" } else { "permission" }.to_owned(),
            lang: lang.tag().to_owned(),
        })
    }

    /// The document in the canonical layout, when it parses.
    pub fn formatted(&self) -> Option<String> {
        let parsed = parse_policy(&self.text).ok()?;
        parsed.problems.is_empty().then(|| print(&parsed.policy))
    }

    /// `#/studio?policy=…`: the document in the URL fragment (never sent to a server).
    pub fn share_fragment(&self) -> String {
        format!("#/studio?policy={}", percent_encode(&self.text))
    }

    /// The document a share fragment carries.
    pub fn from_fragment(hash: &str) -> Option<String> {
        let (_, encoded) = hash.split_once("policy=")?;
        Some(percent_decode(
            encoded.split('&').next().unwrap_or_default(),
            false,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u32, tier: &str, code: &str) -> Finding {
        Finding {
            code: code.into(),
            tier: tier.into(),
            line,
            column: 1,
            offset: 0,
            message: format!("m{code}"),
            fix: String::new(),
        }
    }

    #[test]
    fn the_default_question_fits_the_kind_and_a_typed_one_is_kept() {
        let mut d = Draft::default();
        d.fit_question(true);
        assert_eq!(d.action, "sts:AssumeRole");
        d.fit_question(false);
        assert_eq!(d.action, "arms:GetTraceApp");
        d.action = "arms:ListTraceApps".into();
        d.fit_question(true);
        assert_eq!(d.action, "arms:ListTraceApps");
    }

    #[test]
    fn every_template_is_known_and_the_question_reads_the_context() {
        for (id, _, _) in TEMPLATES {
            assert!(template(id).is_some(), "{id}");
        }
        assert!(template("nope").is_none());
        let d = Draft {
            context: "sts:ExternalId = ramp-42\n\n acs:MFAPresent=true".into(),
            ..Draft::default()
        };
        let q = d.question(true, Lang::En).unwrap();
        assert_eq!(q.kind, "trust");
        assert_eq!(q.context["sts:ExternalId"], "ramp-42");
        assert_eq!(q.context.len(), 2);
        let bad = Draft {
            context: "acs:MFAPresent".into(),
            ..Draft::default()
        };
        assert!(bad
            .question(false, Lang::En)
            .unwrap_err()
            .contains("key=value"));
        assert_eq!(Draft::default().chosen_kind(), None);
    }

    #[test]
    fn marks_keep_the_worst_tier_and_the_fragment_round_trips() {
        let m = marks(&[
            finding(2, "suggestion", "N1"),
            finding(2, "error", "E1"),
            finding(5, "warning", "W1"),
        ]);
        assert_eq!(m[&2].0, "error");
        assert!(m[&2].1.contains("N1 mN1") && m[&2].1.contains("E1 mE1"));
        assert_eq!(m[&5].0, "warning");
        let d = Draft {
            text: "{\"Version\":\"1\",\n\"Statement\":[]}".into(),
            ..Draft::default()
        };
        assert!(d.formatted().is_some());
        assert_eq!(
            Draft::from_fragment(&d.share_fragment()).as_deref(),
            Some(d.text.as_str())
        );
        assert!(Draft {
            text: "{".into(),
            ..Draft::default()
        }
        .formatted()
        .is_none());
    }
}
