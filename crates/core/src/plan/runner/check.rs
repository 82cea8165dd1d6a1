//! Reading the account before a step counts as done: the name checks before
//! the first write, the read that tells an existing entity that matches the
//! plan ("already there") from one that differs (a conflict, field by field).

use super::*;

impl Difference {
    /// `field` as the plan has it and as the account does (`(none)` when it has nothing).
    pub(super) fn new(field: &str, plan: &str, account: Option<&str>) -> Difference {
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
pub(super) fn differ(out: &mut Vec<Difference>, field: &str, plan: &str, account: Option<&str>) {
    if plan != account.unwrap_or_default() {
        out.push(Difference::new(field, plan, account));
    }
}

/// Notes a policy `field` whose documents differ beyond layout.
pub(super) fn differ_policy(
    out: &mut Vec<Difference>,
    field: &str,
    plan: &str,
    account: Option<&str>,
) {
    if !account.is_some_and(|have| same_policy(plan, have)) {
        out.push(Difference::new(field, plan, account));
    }
}

/// A value short enough for a message (policy documents are long).
pub(super) fn short(v: &str) -> String {
    const MAX: usize = 120;
    if v.chars().count() <= MAX {
        v.to_owned()
    } else {
        format!("{}…", v.chars().take(MAX).collect::<String>())
    }
}

pub(super) fn same_policy(a: &str, b: &str) -> bool {
    match (parse_policy(a), parse_policy(b)) {
        (Ok(x), Ok(y)) => {
            without_locations(&normalize(&x.policy)) == without_locations(&normalize(&y.policy))
        }
        _ => a == b,
    }
}

impl Runner {
    /// The next name check before any write: every user, group, role and
    /// custom policy the plan creates is read first, so a name taken by
    /// something that differs stops the run before anything is created (and
    /// one that matches is already there, with no write at all).
    pub(super) fn preflight(&mut self) -> Option<Next> {
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
    pub(super) fn check_first(&self, i: usize) -> bool {
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
    pub(super) fn check_request(&self, i: usize, why: CheckFor) -> Option<ApiRequest> {
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
    pub(super) fn differences(&self, i: usize, body: &str) -> Result<Vec<Difference>, ApiError> {
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

    /// The answer to a check of `step`.
    pub(super) fn checked(&mut self, step: usize, why: CheckFor, status: u16, body: &str) -> Fed {
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
}
