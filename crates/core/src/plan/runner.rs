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
use crate::api::{ram, rm, ApiError, Call, Service};
use crate::credentials::Secret;
use crate::lang::{Lang, Localized};
use crate::policy::{normalize, parse_policy, without_locations};
use crate::request::ApiRequest;

/// At most this many attempts per call.
pub const MAX_ATTEMPTS: u32 = 6;
/// The first retry waits this long; each next one twice as long (2, 4, 8, 16, 32 s).
pub const FIRST_DELAY_MS: u64 = 2_000;

/// Where a step is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum StepState {
    /// Not started.
    Pending,
    /// Sent, waiting for the answer.
    Running,
    /// Done by this run.
    Done,
    /// Was already as planned.
    AlreadyThere,
    /// Failed.
    Failed {
        /// The error code.
        code: String,
    },
}

/// A progress event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "event")]
pub enum Event {
    /// Not started yet ([`Runner::pending`] lists these at the start).
    Pending {
        /// Step.
        step: usize,
    },
    /// The step is being sent.
    Running {
        /// Step.
        step: usize,
        /// 1 for the first attempt.
        attempt: u32,
    },
    /// Done.
    Done {
        /// Step.
        step: usize,
    },
    /// It already existed as planned.
    AlreadyThere {
        /// Step.
        step: usize,
    },
    /// Will be tried again after a delay.
    Retrying {
        /// Step.
        step: usize,
        /// The attempt that failed.
        attempt: u32,
        /// Wait this long.
        delay_ms: u64,
        /// Why.
        code: String,
    },
    /// Failed: the run stops.
    Failed {
        /// Step.
        step: usize,
        /// Error code (`Ramp.Conflict` for an existing entity that differs from the plan).
        code: String,
        /// English explanation.
        message_en: String,
        /// Chinese explanation.
        message_zh: String,
        /// For a conflict: each field where the account differs from the plan.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        differences: Vec<Difference>,
    },
}

/// One field where an existing entity differs from the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Difference {
    /// The API field (`DisplayName`, `MFABindRequired`, `AssumeRolePolicyDocument`, …).
    pub field: String,
    /// What the plan asks for.
    pub plan: String,
    /// What the account holds.
    pub account: String,
}

/// The answer to a request never came (the network failed, the page was
/// closed): the call may or may not have taken effect.
pub const NO_ANSWER: &str = "Ramp.NoAnswer";

/// A secret-bearing step whose answer was lost finds its entity there on the
/// next run: the service holds a secret Ramp never saw.
pub const SECRET_UNKNOWN: &str = "Ramp.SecretUnknown";

/// An existing entity differs from the plan.
pub const CONFLICT: &str = "Ramp.Conflict";

/// Why a request is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The step itself.
    Apply,
    /// A read to compare an existing entity with the plan.
    Check,
}

/// A request to sign and send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The step.
    pub step: usize,
    /// The account to sign for.
    pub account: String,
    /// What to sign (without any secret parameter).
    pub request: ApiRequest,
    /// Apply or check.
    pub purpose: Purpose,
    /// A secret parameter the caller must add ([`Outgoing::with_password`]).
    pub needs: Option<SecretInput>,
    /// Sign with the temporary credentials this step's answer handed out.
    pub credentials_from: Option<usize>,
    /// The progress event for this send (`Running`, with the attempt).
    pub event: Event,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Sign and send this, then [`Runner::feed`] the answer.
    Send(Box<Outgoing>),
    /// Sleep this long, then call [`Runner::next`] again.
    Wait {
        /// The step that will be retried.
        step: usize,
        /// Milliseconds.
        delay_ms: u64,
    },
    /// Every step is done or already there.
    Finished,
    /// A step failed; see [`Runner::rollback`].
    Stopped {
        /// The failed step.
        step: usize,
    },
}

/// A secret the service accepted or handed out, given to the caller once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandedSecret {
    /// A console password the service accepted (`CreateLoginProfile` succeeded).
    Password {
        /// The user.
        user: String,
        /// The password the caller supplied ([`Runner::supply_password`]).
        password: Secret,
    },
    /// A new AccessKey pair.
    AccessKey {
        /// The user.
        user: String,
        /// Its ID.
        access_key_id: String,
        /// Its secret.
        secret: Secret,
    },
    /// Temporary credentials.
    Sts {
        /// `STS.…`.
        access_key_id: String,
        /// Secret.
        secret: Secret,
        /// Token.
        token: Secret,
        /// Expiry.
        expiration: String,
    },
}

/// What one answer changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fed {
    /// Progress events.
    pub events: Vec<Event>,
    /// A secret to show once.
    pub secret: Option<HandedSecret>,
}

/// What this run created, for rollback.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Created {
    /// The step that created it.
    step: usize,
    entity: Entity,
    account: String,
    /// The AccessKey ID, for AccessKeys.
    access_key_id: Option<String>,
}

/// Why a read is sent before a step counts as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CheckFor {
    /// Before anything is created: does an entity of this name exist, and
    /// does it match the plan? (A conflict then stops the run before any write.)
    Preflight,
    /// The service said the entity exists: does it match the plan?
    Existing,
    /// Before creating an AccessKey for a user this run did not create:
    /// does the user hold one already? (A second run must not add a key.)
    KeyBeforeCreating,
}

/// What the runner owes its caller before taking the next pending step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    /// Nothing: take the next pending step.
    Nothing,
    /// A read about `step`, handed out already (`sent`) or not.
    Check {
        step: usize,
        why: CheckFor,
        sent: bool,
    },
    /// A retry of `step` after `delay_ms`, once the wait was handed out (`waited`).
    Retry {
        step: usize,
        delay_ms: u64,
        waited: bool,
    },
    /// `step` itself, after its check found nothing in the way.
    Apply { step: usize },
}

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
}

fn request_of(step: &Step) -> ApiRequest {
    let service = step.service().unwrap_or(Service::Ram);
    let mut req = ApiRequest::rpc(service.host(), &step.action, service.version());
    for (k, v) in &step.params {
        req = req.param(k, v);
    }
    req
}

impl Difference {
    /// `field` as the plan has it and as the account does (`(none)` when it has nothing).
    fn new(field: &str, plan: &str, account: Option<&str>) -> Difference {
        Difference {
            field: field.to_owned(),
            plan: plan.to_owned(),
            account: account
                .filter(|a| !a.is_empty())
                .unwrap_or("(none)")
                .to_owned(),
        }
    }
}

/// Notes `field` when the account's value is not the plan's.
fn differ(out: &mut Vec<Difference>, field: &str, plan: &str, account: Option<&str>) {
    if plan != account.unwrap_or_default() {
        out.push(Difference::new(field, plan, account));
    }
}

/// Notes a policy `field` whose documents differ beyond layout.
fn differ_policy(out: &mut Vec<Difference>, field: &str, plan: &str, account: Option<&str>) {
    if !account.is_some_and(|have| same_policy(plan, have)) {
        out.push(Difference::new(field, plan, account));
    }
}

/// A value short enough for a message (policy documents are long).
fn short(v: &str) -> String {
    const MAX: usize = 120;
    if v.chars().count() <= MAX {
        v.to_owned()
    } else {
        format!("{}…", v.chars().take(MAX).collect::<String>())
    }
}

fn same_policy(a: &str, b: &str) -> bool {
    match (parse_policy(a), parse_policy(b)) {
        (Ok(x), Ok(y)) => {
            without_locations(&normalize(&x.policy)) == without_locations(&normalize(&y.policy))
        }
        _ => a == b,
    }
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
        request
            .form
            .push(("Password".to_owned(), password.expose().to_owned()));
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

    fn outgoing(&self, i: usize, request: ApiRequest, purpose: Purpose) -> Next {
        let step = &self.steps[i];
        Next::Send(Box::new(Outgoing {
            step: i,
            account: step.account.clone(),
            request,
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
                if let Some(req) = self.check_request(step, why) {
                    self.due = Due::Check {
                        step,
                        why,
                        sent: true,
                    };
                    return self.outgoing(step, req, Purpose::Check);
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
                return self.outgoing(step, request_of(&self.steps[step]), Purpose::Apply);
            }
            Due::Apply { step } => {
                self.due = Due::Nothing;
                return self.outgoing(step, request_of(&self.steps[step]), Purpose::Apply);
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
            return self.outgoing(i, req, Purpose::Check);
        }
        self.outgoing(i, request_of(&self.steps[i]), Purpose::Apply)
    }

    /// The next name check before any write: every user, group, role and
    /// custom policy the plan creates is read first, so a name taken by
    /// something that differs stops the run before anything is created (and
    /// one that matches is already there, with no write at all).
    fn preflight(&mut self) -> Option<Next> {
        let from = self.preflight?;
        // The entities with a name to read are those `check_request` can read.
        let found = (from..self.steps.len()).find_map(|j| {
            let pending = self.states[j] == StepState::Pending;
            pending
                .then(|| self.check_request(j, CheckFor::Preflight))
                .flatten()
                .map(|req| (j, req))
        });
        let Some((j, req)) = found else {
            self.preflight = None;
            return None;
        };
        self.preflight = Some(j + 1);
        self.states[j] = StepState::Running;
        self.attempts[j] = 1;
        self.due = Due::Check {
            step: j,
            why: CheckFor::Preflight,
            sent: true,
        };
        Some(self.outgoing(j, req, Purpose::Check))
    }

    /// An AccessKey step looks at the user's keys first unless this run
    /// created the user and has not sent the step before: creating is not
    /// idempotent (each call adds a key), so a second run must not add one.
    fn check_first(&self, i: usize) -> bool {
        let Some(Entity::AccessKey { user }) = &self.steps[i].creates else {
            return false;
        };
        let created_user = self.created.iter().any(|c| {
            matches!(&c.entity, Entity::User { name } if name == user)
                && c.account == self.steps[i].account
        });
        !created_user || self.unanswered[i]
    }

    /// The read that shows whether an existing entity matches the step.
    fn check_request(&self, i: usize, why: CheckFor) -> Option<ApiRequest> {
        let step = &self.steps[i];
        let p = |k: &str| step.param(k).unwrap_or_default().to_owned();
        let req = match (step.creates.as_ref()?, why) {
            (Entity::AccessKey { user }, CheckFor::KeyBeforeCreating) => ram::ListAccessKeys {
                user_name: Some(user.clone()),
            }
            .request(),
            (_, CheckFor::KeyBeforeCreating) => return None,
            (Entity::LoginProfile { .. }, CheckFor::Preflight) => return None,
            (Entity::LoginProfile { user }, _) => ram::GetLoginProfile {
                user_name: user.clone(),
            }
            .request(),
            (Entity::User { .. }, _) => ram::GetUser {
                user_name: p("UserName"),
            }
            .request(),
            (Entity::Group { .. }, _) => ram::GetGroup {
                group_name: p("GroupName"),
            }
            .request(),
            (Entity::Role { .. }, _) => ram::GetRole {
                role_name: p("RoleName"),
            }
            .request(),
            (Entity::Policy { .. }, _) => ram::GetPolicy {
                policy_name: p("PolicyName"),
                policy_type: "Custom".into(),
            }
            .request(),
            _ => return None,
        };
        req.ok()
    }

    /// Where the existing entity (the check's answer) differs from the step;
    /// empty when it matches.
    #[allow(clippy::result_large_err)] // the whole answer is kept for the user
    fn differences(&self, i: usize, body: &str) -> Result<Vec<Difference>, ApiError> {
        let step = &self.steps[i];
        let mut out = Vec::new();
        match step.creates.as_ref() {
            Some(Entity::User { .. }) => {
                let u = ram::GetUser::parse_response(body)?.user;
                if let Some(d) = step.param("DisplayName") {
                    differ(&mut out, "DisplayName", d, u.display_name.as_deref());
                }
            }
            Some(Entity::Group { .. }) => {
                let g: GroupResponse = ram::GetGroup::parse_response(body)?;
                if let Some(c) = step.param("Comments") {
                    differ(&mut out, "Comments", c, g.group.comments.as_deref());
                }
            }
            Some(Entity::LoginProfile { .. }) => {
                let lp = ram::GetLoginProfile::parse_response(body)?.login_profile;
                let text = |b: bool| if b { "true" } else { "false" };
                if let Some(r) = step.param("PasswordResetRequired") {
                    differ(
                        &mut out,
                        "PasswordResetRequired",
                        r,
                        Some(text(lp.password_reset_required)),
                    );
                }
                if let Some(m) = step.param("MFABindRequired") {
                    differ(
                        &mut out,
                        "MFABindRequired",
                        m,
                        Some(text(lp.mfa_bind_required)),
                    );
                }
            }
            Some(Entity::Role { .. }) => {
                let r: RoleResponse = ram::GetRole::parse_response(body)?;
                let plan = step.param("AssumeRolePolicyDocument").unwrap_or_default();
                differ_policy(
                    &mut out,
                    "AssumeRolePolicyDocument",
                    plan,
                    r.role.assume_role_policy_document.as_deref(),
                );
                if let Some(d) = step.param("MaxSessionDuration") {
                    let have = r.role.max_session_duration.map(|n| n.to_string());
                    differ(&mut out, "MaxSessionDuration", d, have.as_deref());
                }
            }
            Some(Entity::Policy { .. }) => {
                let p: PolicyResponse = ram::GetPolicy::parse_response(body)?;
                let plan = step.param("PolicyDocument").unwrap_or_default();
                let have = p.default_policy_version.and_then(|v| v.policy_document);
                differ_policy(&mut out, "PolicyDocument", plan, have.as_deref());
            }
            _ => {}
        }
        Ok(out)
    }

    fn fail(
        &mut self,
        i: usize,
        code: &str,
        en: String,
        zh: String,
        differences: Vec<Difference>,
    ) -> Fed {
        self.states[i] = StepState::Failed {
            code: code.to_owned(),
        };
        self.held = None;
        Fed {
            events: vec![Event::Failed {
                step: i,
                code: code.to_owned(),
                message_en: en,
                message_zh: zh,
                differences,
            }],
            secret: None,
        }
    }

    fn fail_api(&mut self, i: usize, e: &ApiError) -> Fed {
        self.fail(
            i,
            &e.code,
            e.message(Lang::En),
            e.message(Lang::Zh),
            Vec::new(),
        )
    }

    fn conflict(&mut self, i: usize, differences: Vec<Difference>) -> Fed {
        let what = self.steps[i].summary.clone();
        let listed = |plan: &str, account: &str| {
            differences
                .iter()
                .map(|d| {
                    format!(
                        "{} ({plan} {}, {account} {})",
                        d.field,
                        short(&d.plan),
                        short(&d.account)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (en, zh) = if differences.is_empty() {
            (
                format!("{what}: it already exists and differs from the plan. Ramp does not overwrite it: rename it in the plan, or change or delete the existing one."),
                format!("{what}：已存在且与计划不一致。Ramp 不会覆盖：请在计划中改名，或修改、删除已有的实体。"),
            )
        } else {
            (
                format!("{what}: it already exists and differs from the plan in {}. Ramp does not overwrite it: change the plan to match, or change or delete the existing one.", listed("plan:", "account:")),
                format!("{what}：已存在，且与计划不一致：{}。Ramp 不会覆盖：请修改计划使其一致，或修改、删除已有的实体。", listed("计划：", "账号中：")),
            )
        };
        self.fail(i, CONFLICT, en, zh, differences)
    }

    /// A secret-bearing step whose earlier answer was lost, found done.
    fn secret_unknown(&mut self, i: usize) -> Fed {
        let what = self.steps[i].summary.clone();
        let (en, zh) = match &self.steps[i].creates {
            Some(Entity::LoginProfile { user }) => (
                format!("{what}: {user} now has a console password, set by the call whose answer was lost, so Ramp never showed it. Reset it in the console (or delete the login profile) and apply again."),
                format!("{what}：{user} 已有控制台密码，由未收到应答的那次调用设置，Ramp 从未显示过它。请在控制台重置密码（或删除登录配置）后再次执行。"),
            ),
            _ => (
                format!("{what}: the user now holds an AccessKey that the call whose answer was lost probably created; its secret was never shown. Delete that key (ListAccessKeys shows it) and apply again."),
                format!("{what}：该用户已有一个 AccessKey，可能由未收到应答的那次调用创建，其 Secret 从未显示。请删除该 AccessKey（ListAccessKeys 可查看）后再次执行。"),
            ),
        };
        self.fail(i, SECRET_UNKNOWN, en, zh, Vec::new())
    }

    fn already_there(&mut self, step: usize) -> Fed {
        self.states[step] = StepState::AlreadyThere;
        self.held = None;
        Fed {
            events: vec![Event::AlreadyThere { step }],
            secret: None,
        }
    }

    fn done(&mut self, i: usize, body: &str) -> Fed {
        self.states[i] = StepState::Done;
        let step = &self.steps[i];
        let mut fed = Fed {
            events: vec![Event::Done { step: i }],
            secret: None,
        };
        let mut access_key_id = None;
        if let Some((held, password)) = self.held.take() {
            if held == i {
                fed.secret = Some(HandedSecret::Password {
                    user: step.param("UserName").unwrap_or_default().to_owned(),
                    password,
                });
            }
        }
        match step.action.as_str() {
            "CreateAccessKey" => match serde_json::from_str::<AccessKeyResponse>(body) {
                Ok(r) => {
                    access_key_id = Some(r.access_key.access_key_id.clone());
                    if let Some(secret) = r.access_key.access_key_secret {
                        fed.secret = Some(HandedSecret::AccessKey {
                            user: step.param("UserName").unwrap_or_default().to_owned(),
                            access_key_id: r.access_key.access_key_id,
                            secret,
                        });
                    }
                }
                Err(e) => return self.fail_api(i, &ApiError::unreadable(body, &e.to_string())),
            },
            "AssumeRole" => match serde_json::from_str::<AssumeRoleResponse>(body) {
                Ok(r) => {
                    if let (Some(secret), Some(token)) = (
                        r.credentials.access_key_secret,
                        r.credentials.security_token,
                    ) {
                        fed.secret = Some(HandedSecret::Sts {
                            access_key_id: r.credentials.access_key_id,
                            secret,
                            token,
                            expiration: r.credentials.expiration,
                        });
                    }
                }
                Err(e) => return self.fail_api(i, &ApiError::unreadable(body, &e.to_string())),
            },
            "GetPasswordPolicy" => {
                self.password_policy = serde_json::from_str::<PasswordPolicyResponse>(body)
                    .ok()
                    .map(|r| r.password_policy);
            }
            _ => {}
        }
        if let Some(entity) = step.creates.clone() {
            self.created.push(Created {
                step: i,
                entity,
                account: step.account.clone(),
                access_key_id,
            });
        }
        fed
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
        if error.class() == ErrorClass::AlreadyExists {
            let exact = matches!(
                self.steps[step].creates,
                Some(Entity::Attachment { .. } | Entity::Membership { .. })
            );
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

    /// The answer to a check of `step`.
    fn checked(&mut self, step: usize, why: CheckFor, status: u16, body: &str) -> Fed {
        if why == CheckFor::Preflight {
            // Not there (or not readable by this caller): create it in turn,
            // where an EntityAlreadyExists answer is checked again.
            let unseen = !(200..300).contains(&status);
            let differences = if unseen {
                None
            } else {
                self.differences(step, body).ok()
            };
            return match differences {
                Some(d) if d.is_empty() => self.already_there(step),
                Some(d) => self.conflict(step, d),
                None => {
                    self.states[step] = StepState::Pending;
                    self.attempts[step] = 0;
                    Fed {
                        events: vec![Event::Pending { step }],
                        secret: None,
                    }
                }
            };
        }
        if !(200..300).contains(&status) {
            return self.fail_api(step, &ApiError::parse(status, body));
        }
        let lost_secret = self.unanswered[step] && {
            let s = &self.steps[step];
            s.secret_input.is_some() || s.returns_secret
        };
        match why {
            CheckFor::KeyBeforeCreating => match ram::ListAccessKeys::parse_response(body) {
                Ok(keys) if keys.access_keys.0.is_empty() => {
                    self.due = Due::Apply { step };
                    Fed::default()
                }
                Ok(_) if lost_secret => self.secret_unknown(step),
                Ok(_) => self.already_there(step),
                Err(e) => self.fail_api(step, &e),
            },
            CheckFor::Existing | CheckFor::Preflight => match self.differences(step, body) {
                Ok(d) if d.is_empty() && lost_secret => self.secret_unknown(step),
                Ok(d) if d.is_empty() => self.already_there(step),
                Ok(d) => self.conflict(step, d),
                Err(e) => self.fail_api(step, &e),
            },
        }
    }

    /// The steps that undo exactly what this run created, newest first
    /// (attachments and memberships before the users, groups, roles and
    /// policies they refer to).
    pub fn rollback(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for c in self.created.iter().rev() {
            let a = c.account.as_str();
            let step = match &c.entity {
                Entity::Attachment {
                    policy,
                    policy_type,
                    principal,
                    resource_group,
                } => attachment_undo(
                    a,
                    policy,
                    policy_type,
                    principal,
                    resource_group.as_deref(),
                    &self.steps[c.step],
                ),
                Entity::Membership { user, group } => Step::of(
                    &ram::RemoveUserFromGroup {
                        user_name: user.clone(),
                        group_name: group.clone(),
                    },
                    a,
                    format!("Remove {user} from {group}"),
                ),
                Entity::AccessKey { user } => Step::of(
                    &ram::DeleteAccessKey {
                        user_name: Some(user.clone()),
                        user_access_key_id: c.access_key_id.clone().unwrap_or_default(),
                    },
                    a,
                    format!("Delete the AccessKey this run created for {user}"),
                ),
                Entity::LoginProfile { user } => Step::of(
                    &ram::DeleteLoginProfile {
                        user_name: user.clone(),
                    },
                    a,
                    format!("Remove {user}'s console password"),
                ),
                Entity::User { name } => Step::of(
                    &ram::DeleteUser {
                        user_name: name.clone(),
                    },
                    a,
                    format!("Delete the user {name}"),
                ),
                Entity::Group { name } => Step::of(
                    &ram::DeleteGroup {
                        group_name: name.clone(),
                    },
                    a,
                    format!("Delete the group {name}"),
                ),
                Entity::Role { name } => Step::of(
                    &ram::DeleteRole {
                        role_name: name.clone(),
                    },
                    a,
                    format!("Delete the role {name}"),
                ),
                Entity::Policy { name } => Step::of(
                    &ram::DeletePolicy {
                        policy_name: name.clone(),
                        cascading_delete: None,
                    },
                    a,
                    format!("Delete the policy {name}"),
                ),
            };
            if let Ok(mut s) = step {
                s.id = steps.len();
                steps.push(s);
            }
        }
        steps
    }
}

fn attachment_undo(
    account: &str,
    policy: &str,
    policy_type: &str,
    principal: &Principal,
    resource_group: Option<&str>,
    attach: &Step,
) -> Result<Step, crate::api::Invalid> {
    let summary = format!("Detach {policy}");
    match (resource_group, principal) {
        (None, Principal::User(n)) => Step::of(
            &ram::DetachPolicyFromUser {
                policy_type: policy_type.into(),
                policy_name: policy.into(),
                user_name: n.clone(),
                resource_group_id: None,
            },
            account,
            format!("{summary} from user {n}"),
        ),
        (None, Principal::Group(n)) => Step::of(
            &ram::DetachPolicyFromGroup {
                policy_type: policy_type.into(),
                policy_name: policy.into(),
                group_name: n.clone(),
                resource_group_id: None,
            },
            account,
            format!("{summary} from group {n}"),
        ),
        (None, Principal::Role(n)) => Step::of(
            &ram::DetachPolicyFromRole {
                policy_type: policy_type.into(),
                policy_name: policy.into(),
                role_name: n.clone(),
                resource_group_id: None,
            },
            account,
            format!("{summary} from role {n}"),
        ),
        (Some(rg), _) => {
            // The same principal name and type the attach step used.
            let get = |k: &str| attach.param(k).unwrap_or_default().to_owned();
            Step::of(
                &rm::DetachPolicy {
                    policy_name: policy.into(),
                    policy_type: policy_type.into(),
                    principal_type: get("PrincipalType"),
                    principal_name: get("PrincipalName"),
                    resource_group_id: rg.into(),
                },
                account,
                format!("{summary} at resource group {rg}"),
            )
        }
    }
}
