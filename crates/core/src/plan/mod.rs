//! Onboarding plans: an [`Intent`] becomes the ordered API calls it needs
//! ([`plan`]), each labelled with its account, what it creates, what it
//! depends on and whether its answer carries a secret, together with the
//! policy documents and their lint findings. [`runner`] runs a plan without
//! doing any IO; [`export`] writes it for other tools.

pub mod describe;
pub mod export;
pub mod handoff;
pub mod intent;
mod make;
pub mod password;
pub mod runner;
pub mod step;

pub use intent::Intent;
pub use make::{plan, plan_in, READ_TRACE_APP_POLICY};
pub use step::{Entity, Principal, SecretInput, Step};

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};
use crate::policy::lint::{Code, Kind, Tier};

/// A policy document a plan creates (or a trust policy it sets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Document {
    /// The policy's name (the role's name for a trust policy).
    pub name: String,
    /// A permission policy or a trust policy.
    pub kind: Kind,
    /// The canonical text.
    pub text: String,
}

/// A lint finding on a plan's policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct PlanFinding {
    /// The policy (or the identity, for set checks).
    pub subject: String,
    /// The check.
    pub code: Code,
    /// Its tier.
    pub tier: Tier,
    /// Message (English).
    pub message: String,
    /// Fix (English).
    pub fix: String,
    /// Message (Simplified Chinese).
    #[serde(default)]
    pub message_zh: String,
    /// Fix (Simplified Chinese).
    #[serde(default)]
    pub fix_zh: String,
}

impl PlanFinding {
    /// The finding `f` on `subject` (a policy, or an identity for set checks),
    /// in both languages.
    pub fn of(subject: &str, f: &crate::policy::lint::Finding) -> PlanFinding {
        use crate::lang::{Lang, Localized as _};
        PlanFinding {
            subject: subject.to_owned(),
            code: Code::of(f.check),
            tier: f.check.tier,
            message: f.message(Lang::En),
            fix: f.fix(Lang::En),
            message_zh: f.message(Lang::Zh),
            fix_zh: f.fix(Lang::Zh),
        }
    }

    /// The message and the fix in `lang` (English when a re-imported plan lacks the Chinese).
    pub fn text(&self, lang: crate::lang::Lang) -> (&str, &str) {
        match lang {
            crate::lang::Lang::Zh if !self.message_zh.is_empty() => {
                (&self.message_zh, &self.fix_zh)
            }
            _ => (&self.message, &self.fix),
        }
    }
}

/// An intent turned into calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Plan {
    /// What was asked.
    pub intent: Intent,
    /// The calls, in order.
    pub steps: Vec<Step>,
    /// The documents it creates.
    pub documents: Vec<Document>,
    /// Lint findings on them (set checks per identity included).
    pub findings: Vec<PlanFinding>,
    /// What a change means, for its review: access before and after, a key
    /// still in use, who gains and who loses, what cannot be undone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// What a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A principal's ARMS access before and after.
    Access,
    /// New access: privilege escalation.
    Gain,
    /// Lost access: running workloads may break.
    Loss,
    /// Something may break, or more goes than asked.
    Warning,
    /// Steps that cannot be undone.
    Irreversible,
    /// What to do next.
    Info,
}

/// One note of a plan's review, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Note {
    /// What it is about.
    pub kind: NoteKind,
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Note {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

impl Plan {
    /// The plan as JSON (re-importable with [`Plan::from_json`]).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plans serialise");
        s.push('\n');
        s
    }

    /// Reads a plan written by [`Plan::to_json`].
    pub fn from_json(text: &str) -> Result<Plan, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The part of the plan that runs in `account`, renumbered from 0 — for
    /// the accessing side of a share, which runs its steps on its own from
    /// the hand-off. Only steps whose dependencies all run in `account` can be
    /// split off this way; a step depending on another account's step is an error.
    pub fn for_account(&self, account: &str) -> Result<Plan, String> {
        let kept: Vec<usize> = self
            .steps
            .iter()
            .filter(|s| s.account == account)
            .map(|s| s.id)
            .collect();
        let new_id = |old: usize| kept.iter().position(|&k| k == old);
        let mut steps = Vec::new();
        for &old in &kept {
            let mut s = self.steps[old].clone();
            s.id = steps.len();
            s.depends_on = s
                .depends_on
                .iter()
                .map(|&d| {
                    new_id(d)
                        .ok_or_else(|| format!("step {old} depends on step {d} of another account"))
                })
                .collect::<Result<_, _>>()?;
            if let Some(from) = s.credentials_from {
                s.credentials_from = Some(new_id(from).ok_or_else(|| {
                    format!("step {old} signs with another account's credentials")
                })?);
            }
            steps.push(s);
        }
        let named = |name: &str| {
            steps
                .iter()
                .any(|s: &Step| s.call.params().iter().any(|(_, v)| v == name))
        };
        Ok(Plan {
            intent: self.intent.clone(),
            documents: self
                .documents
                .iter()
                .filter(|d| named(&d.name))
                .cloned()
                .collect(),
            findings: self
                .findings
                .iter()
                .filter(|f| named(&f.subject))
                .cloned()
                .collect(),
            notes: self.notes.clone(),
            steps,
        })
    }
}

/// Why an intent cannot become a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// A parameter breaks a service rule.
    Invalid(crate::api::Invalid),
    /// A policy builder refused its input.
    Build(crate::policy::build::BuildError),
    /// The intent contradicts itself.
    Intent {
        /// English.
        en: String,
        /// Chinese.
        zh: String,
    },
}

impl PlanError {
    /// The field it is about: the API parameter (`RoleName`) or the builder's
    /// field (`account_id`); `None` when the intent as a whole is wrong.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            PlanError::Invalid(e) => Some(e.param),
            PlanError::Build(e) => Some(e.field),
            PlanError::Intent { .. } => None,
        }
    }
}

impl From<crate::api::Invalid> for PlanError {
    fn from(e: crate::api::Invalid) -> Self {
        PlanError::Invalid(e)
    }
}

impl From<crate::policy::build::BuildError> for PlanError {
    fn from(e: crate::policy::build::BuildError) -> Self {
        PlanError::Build(e)
    }
}

impl Localized for PlanError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PlanError::Invalid(e), l) => e.message(l),
            (PlanError::Build(e), l) => e.message(l),
            (PlanError::Intent { en, .. }, Lang::En) => en.clone(),
            (PlanError::Intent { zh, .. }, Lang::Zh) => zh.clone(),
        }
    }
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PlanError {}
