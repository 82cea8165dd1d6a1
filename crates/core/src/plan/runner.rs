//! The plan runner: a sans-IO state machine. [`Runner::next`] says what to do
//! (send this request, wait this long, or stop); [`Runner::feed`] takes the
//! answer and returns progress events and, once, any secret the answer held.
//! The browser, the CLI and the tests drive it with different transports.
//!
//! Re-running is safe: an `EntityAlreadyExists.*` answer is checked against the
//! plan (with a read call where needed) and counts as "already there" when it
//! matches, as a conflict when it does not. Throttling, server errors and the
//! `NoPermission` RAM returns right after a fresh write are retried with
//! bounded exponential backoff. On failure the runner stops and
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
    },
}

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

impl Outgoing {
    /// The request with the password added (it goes to the signer, never to the plan).
    pub fn with_password(&self, password: &Secret) -> ApiRequest {
        self.request.clone().param("Password", password.expose())
    }
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

/// A secret an answer carried, handed to the caller once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandedSecret {
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

/// Runs a list of steps (a plan's, or a rollback's).
#[derive(Debug, Clone)]
pub struct Runner {
    steps: Vec<Step>,
    states: Vec<StepState>,
    attempts: Vec<u32>,
    /// A check is due (`false`) or out (`true`) for this step.
    checking: Option<(usize, bool)>,
    /// A retry of this step is due after this delay (`true` once the wait was handed out).
    waiting: Option<(usize, u64, bool)>,
    created: Vec<Created>,
    password_policy: Option<PasswordPolicy>,
}

fn request_of(step: &Step) -> ApiRequest {
    let service = step.service().unwrap_or(Service::Ram);
    let mut req = ApiRequest::rpc(service.host(), &step.action, service.version());
    for (k, v) in &step.params {
        req = req.param(k, v);
    }
    req
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
            checking: None,
            waiting: None,
            created: Vec::new(),
            password_policy: None,
        }
    }

    /// Makes a stopped run resumable: the failed step, and a step whose answer
    /// never came (the network failed), start again; steps done stay done, and
    /// what this run created stays on the rollback list. Safe because every
    /// creating step checks what already exists.
    pub fn resume(&mut self) {
        for (i, s) in self.states.iter_mut().enumerate() {
            if matches!(s, StepState::Failed { .. } | StepState::Running) {
                *s = StepState::Pending;
                self.attempts[i] = 0;
            }
        }
        self.checking = None;
        self.waiting = None;
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
        if let Some((i, false)) = self.checking {
            if let Some(req) = self.check_request(i) {
                self.checking = Some((i, true));
                return self.outgoing(i, req, Purpose::Check);
            }
        }
        match self.waiting {
            Some((step, delay_ms, false)) => {
                self.waiting = Some((step, delay_ms, true));
                return Next::Wait { step, delay_ms };
            }
            Some((i, _, true)) => {
                self.waiting = None;
                self.attempts[i] += 1;
                return self.outgoing(i, request_of(&self.steps[i]), Purpose::Apply);
            }
            None => {}
        }
        let Some(i) = self.states.iter().position(|s| *s == StepState::Pending) else {
            return Next::Finished;
        };
        self.states[i] = StepState::Running;
        self.attempts[i] = 1;
        self.outgoing(i, request_of(&self.steps[i]), Purpose::Apply)
    }

    /// The read that shows whether an existing entity matches the step.
    fn check_request(&self, i: usize) -> Option<ApiRequest> {
        let step = &self.steps[i];
        let p = |k: &str| step.param(k).unwrap_or_default().to_owned();
        let req = match step.creates.as_ref()? {
            Entity::User { .. } => ram::GetUser {
                user_name: p("UserName"),
            }
            .request(),
            Entity::Group { .. } => ram::GetGroup {
                group_name: p("GroupName"),
            }
            .request(),
            Entity::Role { .. } => ram::GetRole {
                role_name: p("RoleName"),
            }
            .request(),
            Entity::Policy { .. } => ram::GetPolicy {
                policy_name: p("PolicyName"),
                policy_type: "Custom".into(),
            }
            .request(),
            _ => return None,
        };
        req.ok()
    }

    /// Does the existing entity (the check's answer) match the step?
    #[allow(clippy::result_large_err)] // the whole answer is kept for the user
    fn matches(&self, i: usize, body: &str) -> Result<bool, ApiError> {
        let step = &self.steps[i];
        let want = |k: &str| step.param(k);
        Ok(match step.creates.as_ref() {
            Some(Entity::User { .. }) => {
                let u = ram::GetUser::parse_response(body)?.user;
                want("DisplayName").is_none_or(|d| u.display_name.as_deref() == Some(d))
            }
            Some(Entity::Group { .. }) => {
                let g: GroupResponse = ram::GetGroup::parse_response(body)?;
                want("Comments").is_none_or(|c| g.group.comments.as_deref() == Some(c))
            }
            Some(Entity::Role { .. }) => {
                let r: RoleResponse = ram::GetRole::parse_response(body)?;
                let trust_ok = match (
                    want("AssumeRolePolicyDocument"),
                    r.role.assume_role_policy_document.as_deref(),
                ) {
                    (Some(w), Some(have)) => same_policy(w, have),
                    _ => false,
                };
                let duration_ok = want("MaxSessionDuration").is_none_or(|d| {
                    r.role
                        .max_session_duration
                        .map(|n| n.to_string())
                        .as_deref()
                        == Some(d)
                });
                trust_ok && duration_ok
            }
            Some(Entity::Policy { .. }) => {
                let p: PolicyResponse = ram::GetPolicy::parse_response(body)?;
                match (
                    want("PolicyDocument"),
                    p.default_policy_version.and_then(|v| v.policy_document),
                ) {
                    (Some(w), Some(have)) => same_policy(w, &have),
                    _ => false,
                }
            }
            _ => true,
        })
    }

    fn fail(&mut self, i: usize, code: &str, en: String, zh: String) -> Fed {
        self.states[i] = StepState::Failed {
            code: code.to_owned(),
        };
        Fed {
            events: vec![Event::Failed {
                step: i,
                code: code.to_owned(),
                message_en: en,
                message_zh: zh,
            }],
            secret: None,
        }
    }

    fn fail_api(&mut self, i: usize, e: &ApiError) -> Fed {
        self.fail(i, &e.code, e.message(Lang::En), e.message(Lang::Zh))
    }

    fn conflict(&mut self, i: usize) -> Fed {
        let what = self.steps[i].summary.clone();
        self.fail(
            i,
            "Ramp.Conflict",
            format!("{what}: it already exists and differs from the plan. Ramp does not overwrite it: rename it in the plan, or change or delete the existing one."),
            format!("{what}：已存在且与计划不一致。Ramp 不会覆盖：请在计划中改名，或修改、删除已有的实体。"),
        )
    }

    fn done(&mut self, i: usize, body: &str) -> Fed {
        self.states[i] = StepState::Done;
        let step = &self.steps[i];
        let mut fed = Fed {
            events: vec![Event::Done { step: i }],
            secret: None,
        };
        let mut access_key_id = None;
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
        if self.checking == Some((step, true)) {
            self.checking = None;
            if !(200..300).contains(&status) {
                return self.fail_api(step, &ApiError::parse(status, body));
            }
            return match self.matches(step, body) {
                Ok(true) => {
                    self.states[step] = StepState::AlreadyThere;
                    Fed {
                        events: vec![Event::AlreadyThere { step }],
                        secret: None,
                    }
                }
                Ok(false) => self.conflict(step),
                Err(e) => self.fail_api(step, &e),
            };
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
            self.waiting = Some((step, delay_ms, false));
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
                self.states[step] = StepState::AlreadyThere;
                return Fed {
                    events: vec![Event::AlreadyThere { step }],
                    secret: None,
                };
            }
            if self.check_request(step).is_some() {
                self.checking = Some((step, false));
                return Fed::default();
            }
            return self.conflict(step);
        }
        self.fail_api(step, &error)
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
