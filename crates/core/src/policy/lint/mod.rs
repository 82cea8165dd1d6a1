//! The linter: a catalogue of checks ([`CHECKS`]), each with a stable code, one
//! of the console's four tiers, a message and a fix in English and Chinese, and
//! a failing and a passing example. Single-document checks know whether they
//! read a permission policy or a trust policy; set checks look at everything
//! attached to one identity.
//!
//! ```
//! use ramp_core::policy::lint::{lint_text, Options, Tier};
//! let report = lint_text(r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}"#, &Options::default());
//! let codes: Vec<&str> = report.findings.iter().map(|f| f.check.code).collect();
//! assert!(codes.contains(&"E005"));
//! assert_eq!(report.worst(), Some(Tier::Error));
//! ```

mod checks;
#[cfg(any(test, not(target_arch = "wasm32")))]
pub mod docs;
mod set;
pub(crate) mod single;

pub use checks::{check, expand, Check, Code, Scope, CHECKS};
pub use set::{lint_set, parse_set, Attached, IdentityFacts, PolicySet};
pub use single::GLOBAL_KEYS;

use super::model::Loc;
use super::{parse_policy, Parsed};
use crate::lang::{Lang, Localized};
use crate::time::UtcTime;

/// The console's four tiers, most severe first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// RAM rejects the document, or it cannot mean what it says.
    Error,
    /// It grants more than intended or can be abused.
    Security,
    /// It probably does not do what the author wants.
    Warning,
    /// Style and clarity.
    Suggestion,
}

impl Tier {
    /// `error`, `security`, `warning`, `suggestion`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Error => "error",
            Tier::Security => "security",
            Tier::Warning => "warning",
            Tier::Suggestion => "suggestion",
        }
    }

    /// The tier's name in `lang` (the console's words).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Tier::Error, Lang::En) => "error",
            (Tier::Security, Lang::En) => "security warning",
            (Tier::Warning, Lang::En) => "warning",
            (Tier::Suggestion, Lang::En) => "suggestion",
            (Tier::Error, Lang::Zh) => "错误",
            (Tier::Security, Lang::Zh) => "安全警告",
            (Tier::Warning, Lang::Zh) => "一般警告",
            (Tier::Suggestion, Lang::Zh) => "建议",
        }
    }

    /// Reads `error`, `security`, `warning` or `suggestion`.
    pub fn parse(s: &str) -> Option<Tier> {
        [Tier::Error, Tier::Security, Tier::Warning, Tier::Suggestion]
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// The two kinds of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An identity-based permission policy (also a session policy).
    Permission,
    /// A role's trust policy.
    Trust,
}

impl Kind {
    /// `permission` or `trust`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Permission => "permission",
            Kind::Trust => "trust",
        }
    }
}

/// Guesses the kind: a document with a `Principal` (or `sts:AssumeRole` without
/// `Resource` everywhere) is a trust policy.
pub fn detect_kind(parsed: &Parsed) -> Kind {
    kind_of(&parsed.policy)
}

/// [`detect_kind`] of a policy already read.
pub fn kind_of(policy: &crate::policy::Policy) -> Kind {
    let statements = &policy.statements;
    let principal = statements.iter().any(|s| s.principal.is_some());
    let assume_only = !statements.is_empty()
        && statements.iter().all(|s| {
            s.resource.is_none()
                && s.action
                    .as_ref()
                    .is_some_and(|a| a.texts().all(|t| t.eq_ignore_ascii_case("sts:AssumeRole")))
        });
    if principal || assume_only {
        Kind::Trust
    } else {
        Kind::Permission
    }
}

/// What the checks need besides the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The kind, or `None` to detect it.
    pub kind: Option<Kind>,
    /// The current time, for checks on dates (`None`: skip them).
    pub now: Option<UtcTime>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The check that found it.
    pub check: &'static Check,
    /// Where (for set findings: in the named policy, when known).
    pub loc: Loc,
    /// The policy it is in (set checks).
    pub policy: Option<String>,
    /// The offending value, put into the message.
    pub subject: String,
    /// The subject in Chinese, when it is itself a message (JSON errors, type errors).
    pub subject_zh: Option<String>,
    /// A concrete fix detail (the right spelling, the nearest action), put into the fix.
    pub hint: Option<String>,
}

fn fill(template: &str, value: &str) -> String {
    template.replace("{}", value)
}

/// The actions a user needs to set up MFA; a Deny without MFA must leave them open.
pub const MFA_SELF_SERVICE: &[&str] = &[
    "ram:CreateVirtualMFADevice",
    "ram:BindMFADevice",
    "ram:GetUserMFAInfo",
    "ram:ListVirtualMFADevices",
    "ram:ChangePassword",
];

impl Finding {
    /// The fix in `lang`.
    pub fn fix(&self, lang: Lang) -> String {
        let template = match lang {
            Lang::En => self.check.fix_en,
            Lang::Zh => self.check.fix_zh,
        };
        match (lang, self.hint.as_deref()) {
            (_, None) => template.to_owned(),
            (Lang::En, Some(hint)) => format!("Did you mean `{hint}`? {template}"),
            (Lang::Zh, Some(hint)) => format!("是否应为 `{hint}`？{template}"),
        }
    }
}

impl Localized for Finding {
    fn message(&self, lang: Lang) -> String {
        let template = match lang {
            Lang::En => self.check.message_en,
            Lang::Zh => self.check.message_zh,
        };
        let subject = match (lang, &self.subject_zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.subject,
        };
        fill(template, subject)
    }
}

/// The findings for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The kind it was linted as.
    pub kind: Kind,
    /// Findings, in source order.
    pub findings: Vec<Finding>,
    /// The parsed document (`None` when the JSON is malformed).
    pub parsed: Option<Parsed>,
}

impl Report {
    /// The most severe tier found.
    pub fn worst(&self) -> Option<Tier> {
        self.findings.iter().map(|f| f.check.tier).min()
    }
}

/// Lints one document.
pub fn lint_text(text: &str, options: &Options) -> Report {
    match parse_policy(text) {
        Err(e) => Report {
            kind: options.kind.unwrap_or(Kind::Permission),
            findings: vec![Finding {
                check: Code::E001.check(),
                loc: Loc {
                    pos: e.pos,
                    path: String::new(),
                },
                policy: None,
                subject: e.message(Lang::En),
                subject_zh: Some(e.message(Lang::Zh)),
                hint: None,
            }],
            parsed: None,
        },
        Ok(parsed) => {
            let kind = options.kind.unwrap_or_else(|| detect_kind(&parsed));
            let mut findings = single::lint(&parsed, text, kind, options.now);
            findings.sort_by_key(|f| (f.loc.pos.offset, f.check.tier, f.check.code));
            Report {
                kind,
                findings,
                parsed: Some(parsed),
            }
        }
    }
}

#[cfg(test)]
mod tests;
