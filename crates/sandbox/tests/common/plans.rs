//! Running a plan, and reading an account, against the in-process
//! sandbox: ramp-core's runner and survey driven to their end.

use ramp_core::audit::survey::{Next as SurveyNext, Survey};
use ramp_core::audit::Account as Audited;
use ramp_core::credentials::{Credentials, Secret};
use ramp_core::plan::intent::Account;
use ramp_core::plan::runner::{Event, HandedSecret, Next, Runner, StepState};
use ramp_core::plan::Plan;

use super::Env;

/// What one run did.
#[derive(Debug, Default)]
pub struct Run {
    pub events: Vec<Event>,
    pub secrets: Vec<HandedSecret>,
    pub states: Vec<StepState>,
}

impl Env {
    pub fn creds_for(&self, account: &str) -> Credentials {
        if account == self.a() {
            self.admin_a()
        } else {
            self.admin_b()
        }
    }

    /// Drives `runner` to its end; `lose` says which sends lose their answer
    /// (the call reaches the service, the answer never comes back).
    pub fn drive(&self, runner: &mut Runner, lose: &mut dyn FnMut(&str) -> bool) -> Run {
        let mut run = Run::default();
        let mut temporary: Vec<(usize, Credentials)> = Vec::new();
        for _ in 0..200 {
            match runner.next() {
                Next::Send(out) => {
                    let request = match out.needs {
                        Some(_) => {
                            runner.supply_password(&out, Secret::new("Generated-Pass-2026!x"))
                        }
                        None => out.request.clone(),
                    };
                    let creds = match out.credentials_from {
                        Some(s) => temporary.iter().find(|(i, _)| *i == s).unwrap().1.clone(),
                        None => self.creds_for(&out.account),
                    };
                    let a = self.send_request(&creds, &request, &[]);
                    let (status, body) = (a.status, a.body);
                    let fed = if lose(&request.action) {
                        runner.no_answer(out.step, "connection reset")
                    } else {
                        runner.feed(out.step, status, &body)
                    };
                    run.events.extend(fed.events);
                    if let Some(s) = fed.secret {
                        if let HandedSecret::Sts {
                            access_key_id,
                            secret,
                            token,
                            ..
                        } = &s
                        {
                            temporary.push((
                                out.step,
                                Credentials::new(access_key_id.clone(), secret.expose())
                                    .with_security_token(token.expose()),
                            ));
                        }
                        run.secrets.push(s);
                    }
                }
                Next::Wait { .. } => self.now.set(self.now.get() + 1),
                Next::Finished | Next::Stopped { .. } => break,
            }
        }
        run.states = runner.states().to_vec();
        run
    }

    pub fn run(&self, p: &Plan) -> Run {
        self.drive(&mut Runner::new(p.steps.clone()), &mut |_| false)
    }

    pub fn account(&self, i: usize) -> Account {
        Account {
            id: self.seed.accounts[i].id.clone(),
            alias: Some(self.seed.accounts[i].alias.clone()),
        }
    }
}

impl Env {
    /// Reads account A (as its admin) with a survey, answering each call
    /// through the sandbox in order.
    pub fn survey_a(&self) -> Audited {
        self.survey_a_counted().0
    }

    /// [`Env::survey_a`], and the number of calls it made.
    pub fn survey_a_counted(&self) -> (Audited, usize) {
        let creds = self.admin_a();
        let mut survey = Survey::new(1);
        let mut calls = 0;
        for _ in 0..100_000 {
            match survey.next() {
                SurveyNext::Send(o) => {
                    calls += 1;
                    let a = self.send_request(&creds, &o.request, &[]);
                    survey.feed(o.id, a.status, &a.body);
                }
                SurveyNext::Wait { .. } => self.now.set(self.now.get() + 1),
                SurveyNext::Answers => unreachable!("one call at a time"),
                SurveyNext::Finished => return (survey.into_account(), calls),
                SurveyNext::Stopped(e) => panic!("the survey stopped: {e:?}"),
            }
        }
        panic!("the survey did not end")
    }
}
