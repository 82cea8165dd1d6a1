//! The plan runner: a sans-IO state machine. [`Runner::next`] says what to do
//! (send this request, wait this long, or stop); [`Runner::feed`] takes the
//! answer and returns progress events and, once, any secret the answer held.
//! The browser, the CLI and the tests drive it with different transports.
//!
//! Before the first write, every user, group, role and custom policy the plan
//! creates is read: a name taken by something that differs stops the run
//! before anything is created, and one that matches is "already there".
//! Re-running is safe: an `EntityAlreadyExists.*` answer is checked against the
//! plan (with a read call where needed) and counts as "already there" when it
//! matches, as a conflict (naming each field that differs) when it does not;
//! an existing login profile keeps its password, which is not shown; an
//! AccessKey step looks at the user's keys first so a second run adds none.
//! A password is handed back only once the service accepted it, and a lost
//! answer fails its step as [`NO_ANSWER`], checked first on the next run.
//! Throttling, server errors and the `NoPermission` RAM returns right after
//! a fresh write are retried with bounded exponential backoff. On failure the runner stops and
//! [`Runner::rollback`] gives the steps that undo exactly what this run created.

use serde::Serialize;

use super::step::{Entity, Principal, SecretInput, Step};
use crate::api::error::ErrorClass;
use crate::api::responses::{
    AccessKeyResponse, AssumeRoleResponse, GroupResponse, PasswordPolicy, PasswordPolicyResponse,
    PolicyResponse, RoleResponse,
};
use crate::api::{ram, rm, ApiError, Call, Operation, Service};
use crate::credentials::Secret;
use crate::lang::{Lang, Localized};
use crate::request::ApiRequest;

/// Runs a list of steps (a plan's, or a rollback's).
#[derive(Debug, Clone)]
pub struct Runner {
    steps: Vec<Step>,
    states: Vec<StepState>,
    attempts: Vec<u32>,
    /// A request of this step was handed out and its answer never came.
    unanswered: Vec<bool>,
    due: Due,
    created: Vec<Created>,
    password_policy: Option<PasswordPolicy>,
    /// The password supplied for a step in flight, until its answer comes
    /// (handed back only when the service accepted it).
    held: Option<(usize, Secret)>,
    /// The name checks before the first write: the next step to look at
    /// (`None` once every name was checked).
    preflight: Option<usize>,
    /// Running a rollback: what is not there any more has nothing to undo.
    undoing: bool,
}

mod check;
mod messages;
mod outcome;
use check::short;
pub use messages::*;
use messages::{CheckFor, Created, Due};
mod rollback;

/// A call that links two things that exist (an attachment, a membership):
/// "already exists" means exactly what it asked for is there.
fn links(call: &Call) -> bool {
    matches!(
        call,
        Call::AttachPolicyToUser(_)
            | Call::AttachPolicyToGroup(_)
            | Call::AttachPolicyToRole(_)
            | Call::AttachPolicy(_)
            | Call::AddUserToGroup(_)
    )
}

impl Runner {
    /// A runner at the start of `steps`.
    pub fn new(steps: Vec<Step>) -> Runner {
        let n = steps.len();
        Runner {
            steps,
            states: vec![StepState::Pending; n],
            attempts: vec![0; n],
            unanswered: vec![false; n],
            due: Due::Nothing,
            created: Vec::new(),
            password_policy: None,
            held: None,
            preflight: Some(0),
            undoing: false,
        }
    }

    /// A runner for a rollback's steps ([`Runner::rollback`]): a step about
    /// something no longer there (a user an offboarding deleted) has
    /// nothing to undo and counts as already there.
    pub fn undoing(steps: Vec<Step>) -> Runner {
        Runner {
            undoing: true,
            ..Runner::new(steps)
        }
    }

    /// Makes a stopped run resumable: the failed step, and a step whose answer
    /// never came (the network failed), start again; steps done stay done, and
    /// what this run created stays on the rollback list. Safe because every
    /// creating step checks what already exists — and a step whose answer was
    /// lost is checked even where a fresh one would not be.
    pub fn resume(&mut self) {
        for (i, s) in self.states.iter_mut().enumerate() {
            if *s == StepState::Running {
                self.unanswered[i] = true;
            }
            if matches!(s, StepState::Failed { .. } | StepState::Running) {
                *s = StepState::Pending;
                self.attempts[i] = 0;
            }
        }
        self.due = Due::Nothing;
        self.held = None;
        // Names were checked before the first write; a step that failed is
        // checked again when it runs (EntityAlreadyExists, then a read).
        self.preflight = None;
    }

    /// The answer to `step`'s request never came (the transport failed):
    /// the step fails as "no answer" — it may or may not have taken effect —
    /// and the next run ([`Runner::resume`]) checks it before anything else.
    pub fn no_answer(&mut self, step: usize, why: &str) -> Fed {
        if step >= self.steps.len() || self.states[step] != StepState::Running {
            return Fed::default();
        }
        self.unanswered[step] = true;
        self.held = None;
        self.due = Due::Nothing;
        let what = self.steps[step].summary.clone();
        self.fail(
            step,
            NO_ANSWER,
            format!("{what}: no answer came ({why}). The call may or may not have taken effect; Apply again checks the account first and continues."),
            format!("{what}：未收到应答（{why}）。该调用可能已生效，也可能未生效；再次执行会先检查账号，再继续。"),
            Vec::new(),
        )
    }

    /// `step`'s request could not be sent (no credentials for its account, a
    /// request the signer refused): the step fails with the caller's reason,
    /// and nothing reached the service.
    pub fn not_sent(&mut self, step: usize, code: &str, en: String, zh: String) -> Fed {
        if step >= self.steps.len() || self.states[step] != StepState::Running {
            return Fed::default();
        }
        self.due = Due::Nothing;
        self.fail(step, code, en, zh, Vec::new())
    }

    /// The request of a step that [`Outgoing::needs`] a password, with
    /// `password` added (it goes to the signer, never into the plan). The
    /// runner holds the password until the answer comes and hands it back
    /// ([`HandedSecret::Password`]) only if the service accepted it.
    pub fn supply_password(&mut self, out: &Outgoing, password: Secret) -> ApiRequest {
        // In the signed form body, never in the query (access logs record queries).
        let mut request = out.request.clone();
        request.form.push((
            SecretInput::Password.param().to_owned(),
            password.expose().to_owned(),
        ));
        self.held = Some((out.step, password));
        request
    }

    /// A `Pending` event per step that has not started.
    pub fn pending(&self) -> Vec<Event> {
        self.states
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == StepState::Pending)
            .map(|(step, _)| Event::Pending { step })
            .collect()
    }

    /// Each step's state.
    pub fn states(&self) -> &[StepState] {
        &self.states
    }

    /// The account's password policy, once its step ran (to generate passwords).
    pub fn password_policy(&self) -> Option<&PasswordPolicy> {
        self.password_policy.as_ref()
    }

    /// Step `i`'s `call` to send: the step's own, or a check's read.
    fn outgoing(&self, i: usize, call: &Call, purpose: Purpose) -> Next {
        let step = &self.steps[i];
        Next::Send(Box::new(Outgoing {
            step: i,
            account: step.account.clone(),
            // Validated when the step was made or read; a secret is added by
            // `supply_password`, never taken from the plan.
            request: call.build(false),
            service: call.service(),
            purpose,
            needs: if purpose == Purpose::Apply {
                step.secret_input
            } else {
                None
            },
            credentials_from: step.credentials_from,
            event: Event::Running {
                step: i,
                attempt: self.attempts[i].max(1),
            },
        }))
    }

    /// What to do next.
    #[allow(clippy::should_implement_trait)] // not an iterator: answers are fed in between
    pub fn next(&mut self) -> Next {
        if let Some(i) = self
            .states
            .iter()
            .position(|s| matches!(s, StepState::Failed { .. }))
        {
            return Next::Stopped { step: i };
        }
        match self.due {
            Due::Check {
                step,
                why,
                sent: false,
            } => {
                if let Some(check) = self.check_request(step, why) {
                    self.due = Due::Check {
                        step,
                        why,
                        sent: true,
                    };
                    return self.outgoing(step, &check, Purpose::Check);
                }
            }
            Due::Retry {
                step,
                delay_ms,
                waited: false,
            } => {
                self.due = Due::Retry {
                    step,
                    delay_ms,
                    waited: true,
                };
                return Next::Wait { step, delay_ms };
            }
            Due::Retry {
                step, waited: true, ..
            } => {
                self.due = Due::Nothing;
                self.attempts[step] += 1;
                return self.outgoing(step, &self.steps[step].call, Purpose::Apply);
            }
            Due::Apply { step } => {
                self.due = Due::Nothing;
                return self.outgoing(step, &self.steps[step].call, Purpose::Apply);
            }
            Due::Check { .. } | Due::Nothing => {}
        }
        if let Some(next) = self.preflight() {
            return next;
        }
        let Some(i) = self.states.iter().position(|s| *s == StepState::Pending) else {
            return Next::Finished;
        };
        self.states[i] = StepState::Running;
        self.attempts[i] = 1;
        let look_first = self
            .check_first(i)
            .then(|| self.check_request(i, CheckFor::KeyBeforeCreating))
            .flatten();
        if let Some(req) = look_first {
            self.due = Due::Check {
                step: i,
                why: CheckFor::KeyBeforeCreating,
                sent: true,
            };
            return self.outgoing(i, &req, Purpose::Check);
        }
        self.outgoing(i, &self.steps[i].call, Purpose::Apply)
    }

    /// Feeds the answer to the request [`Runner::next`] handed out. An
    /// `EntityAlreadyExists` answer that needs a look at the existing entity
    /// returns no events: the next [`Runner::next`] hands out that check.
    pub fn feed(&mut self, step: usize, status: u16, body: &str) -> Fed {
        if step >= self.steps.len() || self.states[step] != StepState::Running {
            return Fed::default();
        }
        if let Due::Check {
            step: s,
            why,
            sent: true,
        } = self.due
        {
            if s == step {
                self.due = Due::Nothing;
                return self.checked(step, why, status, body);
            }
        }
        if (200..300).contains(&status) {
            return self.done(step, body);
        }
        let error = ApiError::parse(status, body);
        let attempt = self.attempts[step];
        let retryable = match error.class() {
            ErrorClass::Retry => true,
            // RAM answers NoPermission for a short while after a fresh write.
            ErrorClass::NoPermission => !self.created.is_empty(),
            _ => false,
        };
        if retryable && attempt < MAX_ATTEMPTS {
            let delay_ms = FIRST_DELAY_MS << (attempt - 1);
            self.due = Due::Retry {
                step,
                delay_ms,
                waited: false,
            };
            return Fed {
                events: vec![Event::Retrying {
                    step,
                    attempt,
                    delay_ms,
                    code: error.code.clone(),
                }],
                secret: None,
            };
        }
        // Removing what is not there: it is already gone.
        if error.class() == ErrorClass::NotFound && (self.steps[step].removes() || self.undoing) {
            return self.already_there(step);
        }
        if error.class() == ErrorClass::AlreadyExists {
            let exact = matches!(
                self.steps[step].creates,
                Some(Entity::Attachment { .. } | Entity::Membership { .. })
            ) || links(&self.steps[step].call);
            if exact {
                return self.already_there(step);
            }
            if self.check_request(step, CheckFor::Existing).is_some() {
                self.due = Due::Check {
                    step,
                    why: CheckFor::Existing,
                    sent: false,
                };
                return Fed::default();
            }
            return self.conflict(step, Vec::new());
        }
        self.fail_api(step, &error)
    }
}
