//! Applying a plan from the browser: drives ramp-core's sans-IO runner with
//! the relay as transport — sign each outgoing request with the credentials
//! of its account, feed the answer back, wait when told to — and reports
//! progress, the secrets answers handed out (once), and how it ended.

use std::cell::RefCell;
use std::rc::Rc;

use ramp_core::api::{sts::GetCallerIdentity, ApiError, Operation};
use ramp_core::credentials::{Credentials, Secret};
use ramp_core::plan::password;
use ramp_core::plan::runner::{Difference, Event, Fed, HandedSecret, Next, Runner, StepState};
use ramp_core::plan::step::SecretInput;
use yew::Callback;

use crate::transport::{self, Server};

/// A secret to show once: only what the service accepted (a console
/// password) or handed out (an AccessKey, STS credentials).
pub type Shown = HandedSecret;

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Every step's state now.
    States(Vec<StepState>),
    /// A progress event.
    Event(Event),
    /// A secret to show once.
    Secret(Shown),
    /// A step failed with this answer.
    Failed {
        /// The step.
        step: usize,
        /// The service's error.
        error: ApiError,
        /// Ramp's own message in Chinese, when Ramp (not the service) stopped the step.
        message_zh: Option<String>,
        /// For a conflict: what differs, field by field.
        differences: Vec<Difference>,
    },
    /// `GetCallerIdentity` answered: the caller's ARN (the proof a verification wants).
    Identity(String),
    /// Every step done or already there.
    Finished,
}

/// The credentials to sign with in an account (by ID), if the user signed in there.
pub type CredentialsFor = Rc<dyn Fn(&str) -> Option<Credentials>>;

/// Runs `runner` to the end. `credentials` gives the credentials for an account ID;
/// console passwords are `typed` when the user chose one, else generated to the
/// account's password policy.
pub async fn drive(
    server: Server,
    runner: Rc<RefCell<Runner>>,
    credentials: CredentialsFor,
    typed: Option<Secret>,
    on_update: Callback<Update>,
) {
    let mut temporary: Vec<(usize, Credentials)> = Vec::new();
    for e in runner.borrow().pending() {
        on_update.emit(Update::Event(e));
    }
    loop {
        let next = runner.borrow_mut().next();
        match next {
            Next::Finished => {
                on_update.emit(Update::States(runner.borrow().states().to_vec()));
                on_update.emit(Update::Finished);
                return;
            }
            Next::Stopped { .. } => {
                on_update.emit(Update::States(runner.borrow().states().to_vec()));
                return;
            }
            Next::Wait { delay_ms, .. } => crate::browser::sleep(delay_ms).await,
            Next::Send(out) => {
                on_update.emit(Update::Event(out.event.clone()));
                on_update.emit(Update::States(runner.borrow().states().to_vec()));
                let creds = match out.credentials_from {
                    Some(step) => temporary
                        .iter()
                        .find(|(s, _)| *s == step)
                        .map(|(_, c)| c.clone()),
                    None => credentials(&out.account),
                };
                let Some(creds) = creds else {
                    let fed = runner.borrow_mut().not_sent(
                        out.step,
                        "Ramp.NoCredentials",
                        format!(
                            "No credentials for account {}: sign in to that account first.",
                            out.account
                        ),
                        format!("没有账号 {} 的凭证：请先登录该账号。", out.account),
                    );
                    report(&runner, fed, None, &on_update);
                    return;
                };
                let request = match out.needs {
                    Some(SecretInput::Password) => {
                        let policy = runner
                            .borrow()
                            .password_policy()
                            .cloned()
                            .unwrap_or_default();
                        let generated = || {
                            crate::browser::random_bytes(password::random_bytes_needed(&policy))
                                .map(|bytes| password::generate(&policy, &bytes))
                        };
                        let pw = match typed.clone().map_or_else(generated, Ok) {
                            Ok(pw) => pw,
                            Err(no) => {
                                // No secure randomness: no password at all (fails closed).
                                let fed = runner.borrow_mut().not_sent(
                                    out.step,
                                    "Ramp.NoRandomness",
                                    no.message(ramp_core::lang::Lang::En).to_owned(),
                                    no.message(ramp_core::lang::Lang::Zh).to_owned(),
                                );
                                report(&runner, fed, None, &on_update);
                                return;
                            }
                        };
                        // Held by the runner; handed back only if the service accepts it.
                        runner.borrow_mut().supply_password(&out, pw)
                    }
                    None => out.request.clone(),
                };
                let service = out.service;
                let (status, body) = match transport::send(&server, &creds, &request, service).await
                {
                    Ok(answer) => answer,
                    Err(error) => {
                        // No answer: the step fails (never stays "running") and
                        // the next Apply checks it first.
                        let fed = runner.borrow_mut().no_answer(out.step, &error.message);
                        report(&runner, fed, Some(error), &on_update);
                        return;
                    }
                };
                let fed = runner.borrow_mut().feed(out.step, status, &body);
                let who_am_i = request.action == <GetCallerIdentity as Operation>::ACTION;
                if who_am_i && (200..300).contains(&status) {
                    if let Ok(who) = serde_json::from_str::<
                        ramp_core::api::responses::CallerIdentityResponse,
                    >(&body)
                    {
                        on_update.emit(Update::Identity(who.arn));
                    }
                }
                if let Some(HandedSecret::Sts {
                    access_key_id,
                    secret: s,
                    token,
                    ..
                }) = &fed.secret
                {
                    temporary.push((
                        out.step,
                        Credentials::new(access_key_id.clone(), s.expose())
                            .with_security_token(token.expose()),
                    ));
                }
                // The service's own error, read only when a step failed.
                let failed = fed.events.iter().any(|e| matches!(e, Event::Failed { .. }));
                let answer = failed.then(|| ApiError::parse(status, &body));
                report(&runner, fed, answer, &on_update);
            }
        }
    }
}

/// Tells the page what one answer (or its absence) changed: each event, a
/// failure explained (the service's own error when it is the one that
/// failed, else the runner's), the secret, and every step's state.
fn report(
    runner: &Rc<RefCell<Runner>>,
    fed: Fed,
    answer: Option<ApiError>,
    on_update: &Callback<Update>,
) {
    for e in &fed.events {
        if let Event::Failed {
            step,
            code,
            message_en,
            message_zh,
            differences,
        } = e
        {
            let (error, message_zh) = match &answer {
                Some(parsed) if &parsed.code == code => (parsed.clone(), None),
                _ => (
                    ApiError::local(code, message_en.clone()),
                    Some(message_zh.clone()),
                ),
            };
            on_update.emit(Update::Failed {
                step: *step,
                error,
                message_zh,
                differences: differences.clone(),
            });
        }
        on_update.emit(Update::Event(e.clone()));
    }
    if let Some(secret) = fed.secret {
        on_update.emit(Update::Secret(secret));
    }
    on_update.emit(Update::States(runner.borrow().states().to_vec()));
}
