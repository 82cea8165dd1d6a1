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
    if !account.is_some_and(|have| crate::policy::same_meaning(plan, have)) {
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
        Some(self.outgoing(j, &req, Purpose::Check))
    }

    /// An AccessKey step looks at the user's keys first unless this run
    /// created the user and has not sent the step before: creating is not
    /// idempotent (each call adds a key), so a second run must not add one.
    pub(super) fn check_first(&self, i: usize) -> bool {
        let Some(Entity::AccessKey { user, .. }) = &self.steps[i].creates else {
            return false;
        };
        let created_user = self.created.iter().any(|c| {
            matches!(&c.entity, Some(Entity::User { name }) if name == user)
                && c.account == self.steps[i].account
        });
        !created_user || self.unanswered[i]
    }

    /// A key the user held when the plan was made (not one this step created).
    fn known_key(&self, i: usize, id: &str) -> bool {
        matches!(&self.steps[i].creates, Some(Entity::AccessKey { besides, .. }) if besides.iter().any(|b| b == id))
    }

    /// The read that shows whether an existing entity matches the step (validated).
    pub(super) fn check_request(&self, i: usize, why: CheckFor) -> Option<Call> {
        let step = &self.steps[i];
        if step.creates.is_none() && why == CheckFor::Preflight {
            return in_place_request(&step.call);
        }
        let call: Call = match (step.creates.as_ref()?, why) {
            (Entity::AccessKey { user, .. }, CheckFor::KeyBeforeCreating) => ram::ListAccessKeys {
                user_name: Some(user.clone()),
            }
            .into(),
            (_, CheckFor::KeyBeforeCreating) => return None,
            (Entity::LoginProfile { .. }, CheckFor::Preflight) => return None,
            (Entity::LoginProfile { user }, _) => ram::GetLoginProfile {
                user_name: user.clone(),
            }
            .into(),
            (Entity::User { name }, _) => ram::GetUser {
                user_name: name.clone(),
            }
            .into(),
            (Entity::Group { name }, _) => ram::GetGroup {
                group_name: name.clone(),
            }
            .into(),
            (Entity::Role { name }, _) => ram::GetRole {
                role_name: name.clone(),
            }
            .into(),
            (Entity::Policy { name }, _) => ram::GetPolicy {
                policy_name: name.clone(),
                policy_type: "Custom".into(),
            }
            .into(),
            _ => return None,
        };
        // A name the service would refuse cannot be read: the step's own
        // call meets the same rule and says so when it runs.
        call.validate().ok().map(|()| call)
    }

    /// Where the existing entity (the check's answer) differs from the step;
    /// empty when it matches.
    #[allow(clippy::result_large_err)] // the whole answer is kept for the user
    pub(super) fn differences(&self, i: usize, body: &str) -> Result<Vec<Difference>, ApiError> {
        let step = &self.steps[i];
        let mut out = Vec::new();
        match &step.call {
            Call::CreateUser(c) => {
                let u = ram::GetUser::parse_response(body)?.user;
                if let Some(d) = &c.display_name {
                    differ(&mut out, "DisplayName", d, u.display_name.as_deref());
                }
            }
            Call::CreateGroup(c) => {
                let g: GroupResponse = ram::GetGroup::parse_response(body)?;
                if let Some(comments) = &c.comments {
                    differ(&mut out, "Comments", comments, g.group.comments.as_deref());
                }
            }
            Call::CreateLoginProfile(c) => {
                let lp = ram::GetLoginProfile::parse_response(body)?.login_profile;
                let flags = [
                    (
                        "PasswordResetRequired",
                        c.password_reset_required,
                        lp.password_reset_required,
                    ),
                    ("MFABindRequired", c.mfa_bind_required, lp.mfa_bind_required),
                ];
                for (field, plan, have) in flags {
                    if let Some(plan) = plan {
                        differ(&mut out, field, &plan.to_string(), Some(&have.to_string()));
                    }
                }
            }
            Call::CreateRole(c) => {
                let r: RoleResponse = ram::GetRole::parse_response(body)?;
                differ_policy(
                    &mut out,
                    "AssumeRolePolicyDocument",
                    &c.assume_role_policy_document,
                    r.role.assume_role_policy_document.as_deref(),
                );
                if let Some(d) = c.max_session_duration {
                    let have = r.role.max_session_duration.map(|n| n.to_string());
                    differ(
                        &mut out,
                        "MaxSessionDuration",
                        &d.to_string(),
                        have.as_deref(),
                    );
                }
            }
            Call::CreatePolicy(c) => {
                let p: PolicyResponse = ram::GetPolicy::parse_response(body)?;
                let have = p.default_policy_version.and_then(|v| v.policy_document);
                differ_policy(
                    &mut out,
                    "PolicyDocument",
                    &c.policy_document,
                    have.as_deref(),
                );
            }
            // Only what a check reads (`check_request`) has fields to compare.
            _ => {}
        }
        Ok(out)
    }

    /// The answer to a check of `step`.
    pub(super) fn checked(&mut self, step: usize, why: CheckFor, status: u16, body: &str) -> Fed {
        if why == CheckFor::Preflight && self.steps[step].creates.is_none() {
            // A change: already in the state it asks for, or still to do.
            let done = (200..300).contains(&status) && in_place(&self.steps[step].call, body);
            if done {
                return self.already_there(step);
            }
            self.states[step] = StepState::Pending;
            self.attempts[step] = 0;
            return Fed {
                events: vec![Event::Pending { step }],
                secret: None,
            };
        }
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
                Ok(keys)
                    if keys
                        .access_keys
                        .0
                        .iter()
                        .all(|k| self.known_key(step, &k.access_key_id)) =>
                {
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

/// The read that shows whether a change is already in place (validated);
/// `None` for a change that has none (a removal says so itself: "not there").
fn in_place_request(call: &Call) -> Option<Call> {
    let read: Call = match call {
        Call::UpdateRole(c) if c.new_assume_role_policy_document.is_some() => ram::GetRole {
            role_name: c.role_name.clone(),
        }
        .into(),
        Call::CreatePolicyVersion(ram::CreatePolicyVersion { policy_name, .. })
        | Call::SetDefaultPolicyVersion(ram::SetDefaultPolicyVersion { policy_name, .. }) => {
            ram::GetPolicy {
                policy_name: policy_name.clone(),
                policy_type: "Custom".into(),
            }
            .into()
        }
        Call::UpdateAccessKey(c) => ram::ListAccessKeys {
            user_name: c.user_name.clone(),
        }
        .into(),
        Call::UpdateLoginProfile(c) => rm::GetImsLoginProfile {
            user_principal_name: c.user_principal_name.clone(),
        }
        .into(),
        _ => return None,
    };
    read.validate().ok().map(|()| read)
}

/// Is the change `call` asks for already in place, by the read's answer?
fn in_place(call: &Call, body: &str) -> bool {
    match call {
        Call::UpdateRole(c) => ram::GetRole::parse_response(body).is_ok_and(|r| {
            match (
                &c.new_assume_role_policy_document,
                r.role.assume_role_policy_document,
            ) {
                (Some(want), Some(have)) => crate::policy::same_meaning(want, &have),
                _ => false,
            }
        }),
        Call::CreatePolicyVersion(c) => ram::GetPolicy::parse_response(body).is_ok_and(|p| {
            c.set_as_default == Some(true)
                && p.default_policy_version
                    .and_then(|v| v.policy_document)
                    .is_some_and(|have| crate::policy::same_meaning(&c.policy_document, &have))
        }),
        Call::SetDefaultPolicyVersion(c) => ram::GetPolicy::parse_response(body)
            .is_ok_and(|p| p.policy.default_version.as_deref() == Some(c.version_id.as_str())),
        Call::UpdateAccessKey(c) => ram::ListAccessKeys::parse_response(body).is_ok_and(|k| {
            k.access_keys.0.iter().any(|k| {
                k.access_key_id == c.user_access_key_id
                    && k.status.as_deref() == Some(c.status.as_str())
            })
        }),
        Call::UpdateLoginProfile(c) => rm::GetImsLoginProfile::parse_response(body)
            .is_ok_and(|p| p.login_profile.status.as_deref() == Some(c.status.as_str())),
        _ => false,
    }
}
