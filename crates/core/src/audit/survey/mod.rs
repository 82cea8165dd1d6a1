//! The survey: a sans-IO reader of a whole account, driven like the plan
//! runner. [`Survey::next`] hands out the next request (several may be in
//! flight at once, each with its own ID), a wait before a retry, or the end;
//! [`Survey::feed`] takes each answer. Lists are read to their last page.
//! Every call is a typed, validated [`Call`]. The reads that depend on a
//! principal (a group's members, a role's trust policy, a user's keys,
//! their last use, the console login) are a constant number per principal;
//! attachments at every scope come from one paged Resource Manager list.
//!
//! Throttling and server errors are retried with bounded exponential
//! backoff. A read the caller may not make (`NoPermission`) becomes a
//! [`Gap`] naming the call and the permission it needs, and the survey goes
//! on; credentials the service does not accept stop it.

mod read;

use std::collections::{BTreeMap, VecDeque};

use read::Read;

use crate::api::error::ErrorClass;
use crate::api::{ApiError, Call, Service};
use crate::audit::account::{Account, Gap};
use crate::plan::runner::{FIRST_DELAY_MS, MAX_ATTEMPTS, NO_ANSWER};
use crate::request::ApiRequest;

/// Requests in flight at once, unless the caller says otherwise.
pub const DEFAULT_IN_FLIGHT: usize = 8;

/// A request to sign and send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Pass back to [`Survey::feed`] with the answer.
    pub id: u64,
    /// The typed call.
    pub call: Call,
    /// The request (validated).
    pub request: ApiRequest,
    /// The service it goes to.
    pub service: Service,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Sign and send this; more may follow before any answer comes.
    Send(Box<Outgoing>),
    /// Sleep this long (the service asked to slow down), then ask again.
    Wait {
        /// Milliseconds.
        delay_ms: u64,
    },
    /// Nothing to send until an answer comes.
    Answers,
    /// Everything was read ([`Survey::account`]); gaps say what could not be.
    Finished,
    /// The service refused the credentials themselves, or could not be
    /// reached at all (code [`NO_ANSWER`]): nothing more can be read.
    Stopped(Box<ApiError>),
}

/// How far the survey is: calls answered, and calls known so far (lists
/// reveal more as they are read, so `known` grows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Answered.
    pub done: usize,
    /// Answered, in flight and queued.
    pub known: usize,
}

/// A survey of one account.
#[derive(Debug, Clone)]
pub struct Survey {
    account: Account,
    queue: VecDeque<(Read, u32)>,
    /// Each request out: its read, its attempt and the pause it was sent after.
    in_flight: BTreeMap<u64, (Read, u32, u64)>,
    next_id: u64,
    done: usize,
    delay_ms: u64,
    /// Pauses asked for so far ([`Next::Wait`]).
    pauses: u64,
    limit: usize,
    stopped: Option<ApiError>,
}

/// How long a throttled survey pauses.
pub const THROTTLED_PAUSE_MS: u64 = 1_000;
/// How often one read may be throttled before it becomes a gap.
const THROTTLED_ATTEMPTS: u32 = 20;

impl Default for Survey {
    fn default() -> Self {
        Survey::new(DEFAULT_IN_FLIGHT)
    }
}

/// Codes that mean the credentials themselves are refused.
fn credentials_refused(e: &ApiError) -> bool {
    let c = e.code.as_str();
    c.starts_with("InvalidAccessKeyId")
        || c.starts_with("InvalidSecurityToken")
        || matches!(
            c,
            "SignatureDoesNotMatch" | "IncompleteSignature" | "MissingSecurityToken"
        )
}

/// The actions a survey calls, as a RAM policy names them
/// (`ram:ListUsers`…): what a read-only auditor needs, and nothing more.
pub fn permissions() -> Vec<String> {
    let mut out: Vec<String> = Read::every_kind()
        .iter()
        .map(|r| {
            let call = r.call();
            format!("{}:{}", call.service().ram_code(), call.action())
        })
        // Anyone may ask who they are.
        .filter(|a| a != "sts:GetCallerIdentity")
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The smallest permission policy that lets a survey read everything.
pub fn reader_policy() -> String {
    let actions: Vec<String> = permissions().iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        "{{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {{\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        {}\n      ],\n      \"Resource\": \"*\"\n    }}\n  ]\n}}\n",
        actions.join(",\n        ")
    )
}

impl Survey {
    /// A survey that keeps at most `in_flight` requests out at once (at least one).
    pub fn new(in_flight: usize) -> Survey {
        Survey {
            account: Account::default(),
            queue: Read::start().into_iter().map(|r| (r, 1)).collect(),
            in_flight: BTreeMap::new(),
            next_id: 0,
            done: 0,
            delay_ms: 0,
            pauses: 0,
            limit: in_flight.max(1),
            stopped: None,
        }
    }

    /// What to do next.
    #[allow(clippy::should_implement_trait)] // not an iterator: answers are fed in between
    pub fn next(&mut self) -> Next {
        if let Some(e) = &self.stopped {
            return Next::Stopped(Box::new(e.clone()));
        }
        if self.delay_ms > 0 {
            let delay_ms = std::mem::take(&mut self.delay_ms);
            self.pauses += 1;
            return Next::Wait { delay_ms };
        }
        if self.in_flight.len() >= self.limit {
            return Next::Answers;
        }
        let Some((read, attempt)) = self.queue.pop_front() else {
            return if self.in_flight.is_empty() {
                Next::Finished
            } else {
                Next::Answers
            };
        };
        let call = read.call();
        let id = self.next_id;
        self.next_id += 1;
        self.in_flight.insert(id, (read, attempt, self.pauses));
        Next::Send(Box::new(Outgoing {
            id,
            request: call.build(true),
            service: call.service(),
            call,
        }))
    }

    /// The answer to request `id`.
    pub fn feed(&mut self, id: u64, status: u16, body: &str) {
        let Some((read, attempt, sent_after)) = self.in_flight.remove(&id) else {
            return;
        };
        let answer = if (200..300).contains(&status) {
            read.absorb(&mut self.account, body)
        } else {
            Err(ApiError::parse(status, body))
        };
        match answer {
            Ok(follow) => {
                self.done += 1;
                self.queue.extend(follow.into_iter().map(|r| (r, 1)));
            }
            Err(e) => self.failed(read, attempt, sent_after, e),
        }
    }

    /// Request `id` got no answer (the transport failed): retried like a
    /// server error, then recorded as a gap — unless nothing has answered
    /// yet, when the service is unreachable and the survey stops at once.
    pub fn no_answer(&mut self, id: u64, why: &str) {
        if let Some((read, attempt, _)) = self.in_flight.remove(&id) {
            let e = ApiError {
                status: 0,
                code: NO_ANSWER.into(),
                message: format!("{}: {why}", read.call().action()),
                ..ApiError::default()
            };
            if self.done == 0 {
                self.stopped = Some(e);
            } else {
                self.retry_or_gap(read, attempt, e);
            }
        }
    }

    fn failed(&mut self, read: Read, attempt: u32, sent_after: u64, e: ApiError) {
        if credentials_refused(&e) {
            self.stopped = Some(e);
            return;
        }
        match e.class() {
            ErrorClass::Retry if e.code.starts_with("Throttling") => {
                self.throttled(read, attempt, sent_after, e)
            }
            ErrorClass::NotFound if read.absent_is_an_answer() => {
                self.done += 1;
                // An empty answer: "none".
                let _ = read.absorb(&mut self.account, "");
            }
            // Deleted while the survey ran: nothing to record.
            ErrorClass::NotFound => self.done += 1,
            ErrorClass::Retry => self.retry_or_gap(read, attempt, e),
            _ => self.gap(&read, e),
        }
    }

    fn retry_or_gap(&mut self, read: Read, attempt: u32, e: ApiError) {
        if attempt < MAX_ATTEMPTS {
            self.delay_ms = self.delay_ms.max(FIRST_DELAY_MS << (attempt - 1));
            self.queue.push_front((read, attempt + 1));
        } else {
            self.gap(&read, e);
        }
    }

    /// Throttled: the services (and Ramp's relay) count calls per second,
    /// so the survey pauses one second and sends the read again first — not
    /// the runner's doubling back-off, which would idle a long survey for
    /// minutes. Answers to calls sent before the latest pause were throttled
    /// in the window that pause already waits out: they go again without
    /// another pause.
    fn throttled(&mut self, read: Read, attempt: u32, sent_after: u64, e: ApiError) {
        if attempt >= THROTTLED_ATTEMPTS {
            return self.gap(&read, e);
        }
        if sent_after == self.pauses {
            self.delay_ms = self.delay_ms.max(THROTTLED_PAUSE_MS);
        }
        self.queue.push_front((read, attempt + 1));
    }

    fn gap(&mut self, read: &Read, e: ApiError) {
        self.done += 1;
        let call = read.call();
        self.account.gaps.push(Gap {
            action: call.action().to_owned(),
            subject: read.subject(),
            code: e.code,
            message: e.message,
            needs: format!("{}:{}", call.service().ram_code(), call.action()),
        });
    }

    /// How far it is.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            known: self.done + self.in_flight.len() + self.queue.len(),
        }
    }

    /// What was read so far (all of it once [`Next::Finished`]).
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The account read, taken out of the survey.
    pub fn into_account(self) -> Account {
        self.account
    }
}

#[cfg(test)]
mod tests;
