//! A plan's steps and the entities they create.

use serde::{Deserialize, Serialize};

use crate::api::{Call, Invalid, Operation};

/// What a step creates (what a rollback deletes). Fields name the entity
/// (`user`, `group`, `policy`…) and need no further words.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Entity {
    /// A RAM user.
    User { name: String },
    /// A user's console password.
    LoginProfile { user: String },
    /// An AccessKey (its ID is only known from the answer). `besides`: the
    /// keys the user held when the plan was made (a rotation's old key);
    /// a key not among them means this one was already created.
    AccessKey {
        user: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        besides: Vec<String>,
    },
    /// A user group.
    Group { name: String },
    /// A user's membership of a group.
    Membership { user: String, group: String },
    /// A RAM role.
    Role { name: String },
    /// A custom policy.
    Policy { name: String },
    /// A policy attachment.
    Attachment {
        policy: String,
        /// `System` or `Custom`.
        policy_type: String,
        principal: Principal,
        /// `None`: account scope (RAM); `Some(rg)`: Resource Manager at that scope.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resource_group: Option<String>,
    },
}

/// Who a policy is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "name")]
pub enum Principal {
    /// A RAM user.
    User(String),
    /// A user group.
    Group(String),
    /// A RAM role.
    Role(String),
}

/// A secret the runner asks the caller for when the step runs (never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretInput {
    /// A console password (generated to the password policy, or typed in).
    Password,
}

impl SecretInput {
    /// The request parameter it fills.
    pub fn param(self) -> &'static str {
        match self {
            SecretInput::Password => "Password",
        }
    }

    /// What a step's call holds in its place until the step runs: a value
    /// that meets the parameter's rule, never sent (the runner sends the
    /// supplied secret instead) and never written (secrets are left out of
    /// a step's parameters).
    pub const STAND_IN: &'static str = "supplied-when-applying";
}

/// One API call of a plan. In JSON, the call is written as its `service`,
/// `action` and `params` (secrets left out), and read back through the same
/// typed request and rules as a call made here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "wire::Step", try_from = "wire::Step")]
pub struct Step {
    /// Position in the plan, from 0.
    pub id: usize,
    /// The account it runs in (ID).
    pub account: String,
    /// The request.
    pub call: Call,
    /// A secret parameter supplied when the step runs.
    pub secret_input: Option<SecretInput>,
    /// The answer carries a secret (AccessKey secret, STS credentials).
    pub returns_secret: bool,
    /// Runs with the temporary credentials another step returned.
    pub credentials_from: Option<usize>,
    /// What it creates.
    pub creates: Option<Entity>,
    /// Steps that must be done first.
    pub depends_on: Vec<usize>,
    /// The calls that undo it, for a step that changes or removes what
    /// exists (a detach is undone by an attach); a rollback sends them when
    /// this run did the step.
    pub undo: Vec<Call>,
    /// It cannot be undone (deleting a user, a key, a version): the review says so.
    pub irreversible: bool,
    /// What it does, in English ([`crate::plan::describe::summary`] says it in Chinese).
    pub summary: String,
}

impl Step {
    /// A step from a typed call, validated (by its own type: a plan's
    /// steps need only the rules of the calls they make).
    pub fn of<C: Operation + Clone + Into<Call>>(
        call: &C,
        account: &str,
        summary: impl Into<String>,
    ) -> Result<Step, Invalid> {
        // The call's secret parameter (a console password) is supplied when the step runs.
        let secret_input = call
            .params()
            .iter()
            .any(|(k, _)| C::is_secret(k))
            .then_some(SecretInput::Password);
        let mut step = Step::of_call(call.clone().into(), account, summary)?;
        step.secret_input = secret_input;
        Ok(step)
    }

    /// A step from a call already typed as [`Call`], validated.
    pub fn of_call(call: Call, account: &str, summary: impl Into<String>) -> Result<Step, Invalid> {
        call.validate()?;
        Ok(Step {
            id: 0,
            account: account.to_owned(),
            returns_secret: matches!(call, Call::CreateAccessKey(_) | Call::AssumeRole(_)),
            secret_input: None,
            call,
            credentials_from: None,
            creates: None,
            depends_on: Vec::new(),
            undo: Vec::new(),
            irreversible: false,
            summary: summary.into(),
        })
    }

    /// Marks the calls that undo it.
    pub fn undone_by(mut self, calls: impl IntoIterator<Item = Call>) -> Step {
        self.undo.extend(calls);
        self
    }

    /// Marks it as one that cannot be undone.
    pub fn irreversible(mut self) -> Step {
        self.irreversible = true;
        self
    }

    /// It removes something (a delete, detach, removal or unbinding): when
    /// the service says the thing does not exist, it is already done.
    pub fn removes(&self) -> bool {
        let a = self.action();
        ["Delete", "Detach", "Remove", "Unbind"]
            .iter()
            .any(|p| a.starts_with(p))
    }

    /// The action name.
    pub fn action(&self) -> &'static str {
        self.call.action()
    }

    /// The parameters that may be written down: every one but a secret.
    pub fn public_params(&self) -> Vec<(&'static str, String)> {
        let mut params = self.call.params();
        params.retain(|(k, _)| !self.call.is_secret(k));
        params
    }

    /// Marks what it creates.
    pub fn creating(mut self, entity: Entity) -> Step {
        self.creates = Some(entity);
        self
    }
}

/// A step as written in a plan file.
mod wire {
    use serde::{Deserialize, Serialize};

    use super::{Entity, SecretInput};
    use crate::api::{Call, Service};

    /// A call as written in a plan: its service, action and parameters.
    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case", deny_unknown_fields)]
    pub(super) struct Written {
        service: String,
        action: String,
        params: Vec<(String, String)>,
    }

    impl From<&Call> for Written {
        fn from(c: &Call) -> Written {
            let mut params = c.params();
            params.retain(|(k, _)| !c.is_secret(k));
            Written {
                service: c.service().code().to_owned(),
                action: c.action().to_owned(),
                params: params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            }
        }
    }

    impl Written {
        /// The typed call, validated (`extra` adds stand-ins for secrets).
        fn read(&self, extra: &[(String, String)]) -> Result<Call, String> {
            let service = Service::ALL
                .into_iter()
                .find(|s| s.code() == self.service)
                .ok_or_else(|| {
                    format!(
                        "unknown service `{}` (ram, sts, resourcemanager or ims)",
                        self.service
                    )
                })?;
            let mut params = self.params.clone();
            params.extend(extra.iter().cloned());
            Call::read(service, &self.action, &params)
                .ok_or_else(|| format!("unknown action `{}` in {}", self.action, self.service))?
                .and_then(|c| c.validate().map(|()| c))
                .map_err(|e| crate::lang::Localized::message(&e, crate::lang::Lang::En))
        }
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Step {
        id: usize,
        account: String,
        service: String,
        action: String,
        params: Vec<(String, String)>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        secret_input: Option<SecretInput>,
        #[serde(default)]
        returns_secret: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credentials_from: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        creates: Option<Entity>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        depends_on: Vec<usize>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        undo: Vec<Written>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        irreversible: bool,
        summary: String,
    }

    impl From<super::Step> for Step {
        fn from(s: super::Step) -> Step {
            Step {
                id: s.id,
                account: s.account.clone(),
                service: s.call.service().code().to_owned(),
                action: s.action().to_owned(),
                params: s
                    .public_params()
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
                secret_input: s.secret_input,
                returns_secret: s.returns_secret,
                credentials_from: s.credentials_from,
                creates: s.creates,
                depends_on: s.depends_on,
                undo: s.undo.iter().map(Written::from).collect(),
                irreversible: s.irreversible,
                summary: s.summary,
            }
        }
    }

    impl TryFrom<Step> for super::Step {
        type Error = String;

        fn try_from(w: Step) -> Result<super::Step, String> {
            let at = |what: String| format!("step {}: {what}", w.id + 1);
            let written = w.params.clone();
            let stand_in: Vec<(String, String)> = w
                .secret_input
                .iter()
                .map(|s| (s.param().to_owned(), SecretInput::STAND_IN.to_owned()))
                .collect();
            let call = Written {
                service: w.service.clone(),
                action: w.action.clone(),
                params: w.params.clone(),
            }
            .read(&stand_in)
            .map_err(at)?;
            let undo = w
                .undo
                .iter()
                .map(|u| u.read(&[]).map_err(|e| at(format!("undo: {e}"))))
                .collect::<Result<Vec<_>, _>>()?;
            if written.iter().any(|(k, _)| call.is_secret(k)) {
                return Err(at("a plan never holds a password: leave it out; `\"secret-input\": \"password\"` asks for it when the step runs".to_owned()));
            }
            let takes_secret = call.params().iter().any(|(k, _)| call.is_secret(k));
            if takes_secret != w.secret_input.is_some() {
                return Err(at(format!(
                    "`secret-input` is for a call with a password: {} {} one",
                    w.action,
                    if takes_secret { "needs" } else { "takes no" }
                )));
            }
            Ok(super::Step {
                id: w.id,
                account: w.account,
                returns_secret: w.returns_secret,
                call,
                secret_input: w.secret_input,
                credentials_from: w.credentials_from,
                creates: w.creates,
                depends_on: w.depends_on,
                undo,
                irreversible: w.irreversible,
                summary: w.summary,
            })
        }
    }
}
