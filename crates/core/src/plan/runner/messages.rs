//! What the runner and its driver say to each other: the next thing to do,
//! the request to send, the progress events, each step's state, the secrets
//! an answer handed out — and the runner's own bookkeeping types.

use super::*;

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
    /// The service it goes to.
    pub service: Service,
    /// Apply or check.
    pub purpose: Purpose,
    /// A secret the caller must supply ([`Runner::supply_password`]).
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
pub(super) struct Created {
    /// The step that created it.
    pub(super) step: usize,
    /// What it created; `None` for a step that changed what existed (its
    /// own `undo` calls reverse it).
    pub(super) entity: Option<Entity>,
    pub(super) account: String,
    /// The ID the service gave what was made: an AccessKey's, a policy version's.
    pub(super) made_id: Option<String>,
}

/// Why a read is sent before a step counts as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CheckFor {
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
pub(super) enum Due {
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
