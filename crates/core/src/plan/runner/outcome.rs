//! What an answer makes of a step: done (with any secret it handed out),
//! already there, a conflict, or a failure with the service's words.

use super::*;

impl Runner {
    pub(super) fn fail(
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

    pub(super) fn fail_api(&mut self, i: usize, e: &ApiError) -> Fed {
        self.fail(
            i,
            &e.code,
            e.message(Lang::En),
            e.message(Lang::Zh),
            Vec::new(),
        )
    }

    pub(super) fn conflict(&mut self, i: usize, differences: Vec<Difference>) -> Fed {
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
    pub(super) fn secret_unknown(&mut self, i: usize) -> Fed {
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

    pub(super) fn already_there(&mut self, step: usize) -> Fed {
        self.states[step] = StepState::AlreadyThere;
        self.held = None;
        Fed {
            events: vec![Event::AlreadyThere { step }],
            secret: None,
        }
    }

    pub(super) fn done(&mut self, i: usize, body: &str) -> Fed {
        self.states[i] = StepState::Done;
        let step = &self.steps[i];
        let mut fed = Fed {
            events: vec![Event::Done { step: i }],
            secret: None,
        };
        let mut made_id = None;
        if let (Some((held, password)), Call::CreateLoginProfile(c)) =
            (self.held.take(), &step.call)
        {
            if held == i {
                fed.secret = Some(HandedSecret::Password {
                    user: c.user_name.clone(),
                    password,
                });
            }
        }
        match &step.call {
            Call::CreateAccessKey(c) => match serde_json::from_str::<AccessKeyResponse>(body) {
                Ok(r) => {
                    made_id = Some(r.access_key.access_key_id.clone());
                    if let Some(secret) = r.access_key.access_key_secret {
                        fed.secret = Some(HandedSecret::AccessKey {
                            user: c.user_name.clone().unwrap_or_default(),
                            access_key_id: r.access_key.access_key_id,
                            secret,
                        });
                    }
                }
                Err(e) => return self.fail_api(i, &ApiError::unreadable(body, &e.to_string())),
            },
            Call::AssumeRole(_) => match serde_json::from_str::<AssumeRoleResponse>(body) {
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
            Call::CreatePolicyVersion(_) => {
                made_id =
                    serde_json::from_str::<crate::api::responses::PolicyVersionResponse>(body)
                        .ok()
                        .map(|r| r.policy_version.version_id);
            }
            Call::GetPasswordPolicy(_) => {
                self.password_policy = serde_json::from_str::<PasswordPolicyResponse>(body)
                    .ok()
                    .map(|r| r.password_policy);
            }
            _ => {}
        }
        if step.creates.is_some() || !step.undo.is_empty() {
            self.created.push(Created {
                step: i,
                entity: step.creates.clone(),
                account: step.account.clone(),
                made_id,
            });
        }
        fed
    }
}
