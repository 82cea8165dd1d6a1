//! The review's words: each step's state, what a run created (for the host
//! page's event), resource groups by name, the secrets as CSV.

use super::*;

pub(super) fn state_text(lang: Lang, step: &Step, s: &StepState) -> (&'static str, String) {
    use ramp_core::plan::Entity;
    match s {
        StepState::Pending => ("pending", tr(lang, "pending", "等待中").into()),
        StepState::Running => ("running", tr(lang, "running", "执行中").into()),
        StepState::Done => ("done", tr(lang, "done", "已完成").into()),
        // A secret that exists already is never shown again: say so.
        StepState::AlreadyThere => match step.creates {
            Some(Entity::LoginProfile { .. }) => (
                "already",
                tr(
                    lang,
                    "already there (password unchanged, not shown)",
                    "已存在（密码未更改，不显示）",
                )
                .into(),
            ),
            Some(Entity::AccessKey { .. }) => (
                "already",
                tr(
                    lang,
                    "already there (the user has an AccessKey; its secret is not shown again)",
                    "已存在（该用户已有 AccessKey，其 Secret 不会再次显示）",
                )
                .into(),
            ),
            _ => ("already", tr(lang, "already there", "已存在").into()),
        },
        StepState::Failed { code } if code == NO_ANSWER => (
            "failed",
            tr(
                lang,
                "unknown: no answer came — Apply again checks it",
                "未知：未收到应答——再次执行时会先检查",
            )
            .into(),
        ),
        StepState::Failed { code } => {
            ("failed", format!("{} ({code})", tr(lang, "failed", "失败")))
        }
    }
}

/// What a plan creates, for the host page's `ramp-applied` event: names and
/// ARNs, never a secret (AccessKeys and passwords are named by their user only).
pub(super) fn created(plan: &Plan) -> serde_json::Value {
    use ramp_core::plan::Entity;
    let items: Vec<serde_json::Value> = plan
        .steps
        .iter()
        .filter_map(|s| {
            let a = &s.account;
            Some(match s.creates.as_ref()? {
                Entity::User { name } => serde_json::json!({"type": "user", "name": name, "account": a, "arn": format!("acs:ram::{a}:user/{name}")}),
                Entity::Group { name } => serde_json::json!({"type": "group", "name": name, "account": a, "arn": format!("acs:ram::{a}:group/{name}")}),
                Entity::Role { name } => serde_json::json!({"type": "role", "name": name, "account": a, "arn": format!("acs:ram::{a}:role/{name}")}),
                Entity::Policy { name } => serde_json::json!({"type": "policy", "name": name, "account": a, "arn": format!("acs:ram::{a}:policy/{name}")}),
                Entity::AccessKey { user, .. } => serde_json::json!({"type": "access-key", "user": user, "account": a}),
                Entity::LoginProfile { user } => serde_json::json!({"type": "console-password", "user": user, "account": a}),
                Entity::Membership { user, group } => serde_json::json!({"type": "membership", "user": user, "group": group, "account": a}),
                Entity::Attachment { policy, .. } => serde_json::json!({"type": "attachment", "policy": policy, "account": a, "summary": s.summary}),
            })
        })
        .collect();
    serde_json::json!({ "created": items })
}

/// `text` with each resource group ID followed by its name: `rg-… (name)`.
pub(super) fn named_groups(text: String, groups: &[(String, String)]) -> String {
    groups
        .iter()
        .filter(|(id, name)| !name.is_empty() && name != id)
        .fold(text, |t, (id, name)| {
            t.replace(id.as_str(), &format!("{name} ({id})"))
        })
}

/// The secrets as a CSV like the console's download.
pub(super) fn csv(secrets: &[Shown]) -> String {
    let mut out = String::from("User Name,AccessKey ID,AccessKey Secret,Password\n");
    for s in secrets {
        match s {
            HandedSecret::AccessKey {
                user,
                access_key_id,
                secret,
            } => out.push_str(&format!("{user},{access_key_id},{},\n", secret.expose())),
            HandedSecret::Password { user, password } => {
                out.push_str(&format!("{user},,,{}\n", password.expose()))
            }
            HandedSecret::Sts { .. } => {}
        }
    }
    out
}
