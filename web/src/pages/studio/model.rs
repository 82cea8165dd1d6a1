//! The policy studio's state and everything it computes, with no server: the
//! document, its kind, lint findings with positions, the canonical layout,
//! templates (the flows' presets), a simulated decision, and a share fragment
//! (`#/studio?policy=…`, which never reaches a server).

use ramp_core::encoding::{percent_decode, percent_encode};
use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::build::{self, TrustConditions, Trustee};
use ramp_core::policy::catalogue::system_policy;
use ramp_core::policy::lint::{detect_kind, lint_text, Kind, Options, Tier};
pub use ramp_core::policy::simulate::Simulated;
use ramp_core::policy::simulate::{simulate, Question};
use ramp_core::policy::{parse_policy, print};
use serde::{Deserialize, Serialize};

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

impl Default for Draft {
    fn default() -> Self {
        Draft {
            text: template("arms-read-only").unwrap_or_default(),
            kind: "auto".into(),
            caller: "user:1680000000000001/alice".into(),
            action: "arms:GetTraceApp".into(),
            resource: "acs:arms:cn-hangzhou:1680000000000001:armsapp/shop".into(),
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

/// A template's document, in the canonical layout.
pub fn template(id: &str) -> Option<String> {
    let policy = match id {
        "arms-read-only" => system_policy("AliyunARMSReadOnlyAccess")?.policy()?,
        "arms-full" => system_policy("AliyunARMSFullAccess")?.policy()?,
        "assume-one-role" => build::assume_one_role("1680000000000001", "arms-viewer").ok()?,
        "trust-account" => build::trust_policy(
            &[Trustee::Account {
                account_id: "1680000000000002".into(),
            }],
            &TrustConditions {
                external_id: Some("ramp-example-external-id".into()),
                ..Default::default()
            },
        )
        .ok()?,
        "trust-account-mfa" => build::trust_policy(
            &[Trustee::RamUser {
                account_id: "1680000000000002".into(),
                name: "arms-reader".into(),
            }],
            &TrustConditions {
                require_mfa: true,
                ..Default::default()
            },
        )
        .ok()?,
        _ => return None,
    };
    Some(print(&policy))
}

/// One finding, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Its tier.
    pub tier: Tier,
    /// `E010`…
    pub code: &'static str,
    /// Line and column.
    pub line: u32,
    /// Column.
    pub column: u32,
    /// Byte offset (to place the cursor).
    pub offset: usize,
    /// The message and the fix.
    pub text: String,
}

impl Draft {
    /// The kind: as chosen, or detected.
    pub fn kind(&self) -> Kind {
        match self.kind.as_str() {
            "trust" => Kind::Trust,
            "permission" => Kind::Permission,
            _ => parse_policy(&self.text)
                .map(|p| detect_kind(&p))
                .unwrap_or(Kind::Permission),
        }
    }

    /// The findings, in document order.
    pub fn findings(&self, lang: Lang) -> Vec<Shown> {
        lint_text(
            &self.text,
            &Options {
                kind: Some(self.kind()),
                now: None,
            },
        )
        .findings
        .iter()
        .map(|f| Shown {
            tier: f.check.tier,
            code: f.check.code,
            line: f.loc.pos.line,
            column: f.loc.pos.column,
            offset: f.loc.pos.offset,
            text: f.message(lang),
        })
        .collect()
    }

    /// What the policy allows, one sentence per statement (empty when it does not parse).
    pub fn summary(&self, lang: Lang) -> Vec<String> {
        parse_policy(&self.text)
            .map(|p| ramp_core::policy::summary::summary(&p.policy, lang))
            .unwrap_or_default()
    }

    /// The findings gutter's marks: per line, the worst tier's class and every finding's text.
    pub fn marks(findings: &[Shown]) -> std::collections::BTreeMap<u32, (String, String)> {
        let mut marks = std::collections::BTreeMap::<u32, (Tier, String)>::new();
        for f in findings {
            let text = format!("{} {}", f.code, f.text);
            marks
                .entry(f.line)
                .and_modify(|(tier, all)| {
                    *tier = (*tier).min(f.tier);
                    all.push('\n');
                    all.push_str(&text);
                })
                .or_insert((f.tier, text));
        }
        marks
            .into_iter()
            .map(|(line, (tier, text))| (line, (tier.as_str().to_owned(), text)))
            .collect()
    }

    /// The document in the canonical layout, when it parses.
    pub fn formatted(&self) -> Option<String> {
        let parsed = parse_policy(&self.text).ok()?;
        parsed.problems.is_empty().then(|| print(&parsed.policy))
    }

    /// The decision for the simulator's request.
    pub fn simulate(&self) -> Result<Simulated, String> {
        simulate(
            &self.text,
            self.kind(),
            &Question {
                caller: &self.caller,
                action: &self.action,
                resource: &self.resource,
                resource_group: &self.resource_group,
                context: &self.context,
            },
        )
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

    #[test]
    fn templates_are_clean_and_simulate_as_expected() {
        for (id, _, _) in TEMPLATES {
            let d = Draft {
                text: template(id).unwrap(),
                ..Draft::default()
            };
            assert!(
                d.findings(Lang::En).iter().all(|f| f.tier != Tier::Error),
                "{id}"
            );
        }
        let d = Draft::default();
        assert_eq!(d.simulate().unwrap().decision, "Allow");
        let deny = Draft {
            action: "arms:DeleteTraceApp".into(),
            ..Draft::default()
        };
        assert_eq!(deny.simulate().unwrap().decision, "ImplicitDeny");
        let trust = Draft {
            text: template("trust-account").unwrap(),
            caller: "user:1680000000000002/bob".into(),
            action: "sts:AssumeRole".into(),
            resource: "acs:ram::1680000000000001:role/arms-viewer".into(),
            ..Draft::default()
        };
        assert_eq!(trust.kind(), Kind::Trust);
        let unknown = trust.simulate().unwrap();
        assert_eq!(
            unknown.decision, "Unknown",
            "no ExternalId given: cannot decide"
        );
        assert_eq!(unknown.missing, ["sts:ExternalId"]);
        let with_id = Draft {
            context: "sts:ExternalId=ramp-example-external-id".into(),
            ..trust
        };
        assert_eq!(with_id.simulate().unwrap().decision, "Allow");
    }

    #[test]
    fn findings_carry_positions_and_the_fragment_round_trips() {
        let text =
            "{\"Version\":\"1\",\n\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:Get*\"}]}";
        let d = Draft {
            text: text.into(),
            ..Draft::default()
        };
        let f = d.findings(Lang::En);
        assert!(
            f.iter().any(|f| f.tier == Tier::Error && f.line == 2),
            "{f:?}"
        );
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
