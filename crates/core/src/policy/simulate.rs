//! One policy document put to one question, as the studio and ramp-js ask it:
//! a permission policy attached to the caller (optionally at a resource
//! group), or a trust policy with `AliyunSTSAssumeRoleAccess` on the caller —
//! the decision, the deciding layer, the matched statements and the context
//! keys it could not decide without.

use crate::lang::{Lang, Localized};
use crate::policy::catalogue::system_policy;
use crate::policy::eval::{
    evaluate, Attachment, Caller, Context, Evaluation, NamedPolicy, Policies, Request,
};
use crate::policy::lint::Kind;
use crate::policy::parse_policy;

/// The question, as typed.
#[derive(Debug, Clone, Copy)]
pub struct Question<'a> {
    /// `user:ACCOUNT/NAME`, `role:ACCOUNT/ROLE/SESSION` or `root:ACCOUNT`.
    pub caller: &'a str,
    /// `service:Action`.
    pub action: &'a str,
    /// The resource ARN.
    pub resource: &'a str,
    /// The resource's group (empty: none).
    pub resource_group: &'a str,
    /// `key=value` lines.
    pub context: &'a str,
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Simulated {
    /// `Allow`, `ExplicitDeny`, `ImplicitDeny` or `Unknown`.
    pub decision: &'static str,
    /// The layer that decided.
    pub layer: Option<String>,
    /// The statements that matched (`policy#n (Effect)`).
    pub matched: Vec<String>,
    /// Keys the request lacks.
    pub missing: Vec<String>,
    /// When keys are missing: the decision for a request that carries none
    /// of them (the user may simply have left them empty).
    pub if_absent: Option<&'static str>,
    /// Why, in words (in the question's language).
    pub reason: String,
    /// The policies the simulated caller is assumed to hold.
    pub assumed: Vec<String>,
}

/// Reads context keys written one `key=value` per line (blank lines skipped);
/// the error names the line and the form to use.
pub fn context_lines(text: &str) -> Result<Vec<(String, String)>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (k, v) = line.split_once('=').ok_or_else(|| {
                format!("context `{line}`: write key=value, e.g. acs:MFAPresent=true")
            })?;
            Ok((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

/// Puts `question` to the policy `text` of `kind`; the error says what to
/// fix; the reason and the assumptions are in `lang`.
pub fn simulate(
    text: &str,
    kind: Kind,
    question: &Question<'_>,
    lang: Lang,
) -> Result<Simulated, String> {
    let parsed = parse_policy(text).map_err(|e| e.message(Lang::En))?;
    let caller = Caller::parse(question.caller)?;
    let mut context = Context::new();
    for (k, v) in context_lines(question.context)? {
        context.insert(&k, &v);
    }
    let named = NamedPolicy {
        name: "studio".into(),
        policy: parsed.policy,
    };
    let rg = question.resource_group.trim();
    let rg = (!rg.is_empty()).then(|| rg.to_owned());
    let policies = match kind {
        Kind::Trust => Policies {
            attachments: vec![Attachment {
                policy: NamedPolicy {
                    name: "AliyunSTSAssumeRoleAccess".into(),
                    policy: system_policy("AliyunSTSAssumeRoleAccess")
                        .and_then(|p| p.policy())
                        .ok_or("catalogue")?,
                },
                resource_group: None,
            }],
            trust_policy: Some(named),
            ..Policies::default()
        },
        Kind::Permission => Policies {
            attachments: vec![Attachment {
                policy: named,
                resource_group: rg.clone(),
            }],
            ..Policies::default()
        },
    };
    let req = Request {
        caller,
        action: question.action.trim().to_owned(),
        resource: question.resource.trim().to_owned(),
        resource_group: rg,
        context,
    };
    let e = evaluate(&req, &policies);
    let if_absent = (!e.missing_keys.is_empty()).then(|| {
        let absent = Request {
            context: req.context.clone().missing_is_absent(),
            ..req.clone()
        };
        evaluate(&absent, &policies).decision.name()
    });
    let zh = lang == Lang::Zh;
    let scope = match &req.resource_group {
        Some(rg) if zh => format!("资源组 {rg} 范围"),
        Some(rg) => format!("at the scope of resource group {rg}"),
        None if zh => "账号范围".to_owned(),
        None => "at account scope".to_owned(),
    };
    let assumed = match (kind, zh) {
        (Kind::Trust, false) => vec![
            "AliyunSTSAssumeRoleAccess, attached to the caller in its own account".to_owned(),
            "this document as the role's trust policy".to_owned(),
        ],
        (Kind::Trust, true) => vec![
            "调用者在其所属账号中被授予 AliyunSTSAssumeRoleAccess".to_owned(),
            "本文档作为该角色的信任策略".to_owned(),
        ],
        (Kind::Permission, false) => vec![format!(
            "this document only, attached to the caller {scope}"
        )],
        (Kind::Permission, true) => vec![format!("仅本文档，以{scope}授予调用者")],
    };
    let matched: Vec<String> = e
        .matched
        .iter()
        .map(|s| format!("{}#{} ({:?})", s.policy, s.statement + 1, s.effect))
        .collect();
    let reason = reason(&e, &matched, kind, lang);
    Ok(Simulated {
        decision: e.decision.name(),
        layer: e.layer.map(|l| format!("{l:?}")),
        matched,
        missing: e.missing_keys,
        if_absent,
        reason,
        assumed,
    })
}

/// Why the evaluation decided as it did, in words.
fn reason(e: &Evaluation, matched: &[String], kind: Kind, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    if let Some(note) = e.note {
        return match (note.starts_with("Roles may not"), zh) {
            (true, true) => {
                "根账号不能扮演角色：请以 RAM 用户或角色的身份调用 AssumeRole。".to_owned()
            }
            (false, true) => "根账号不受 RAM 策略约束。".to_owned(),
            (_, false) => note.to_owned(),
        };
    }
    let list = matched.join(", ");
    match (e.decision.name(), kind, zh) {
        ("Allow", _, false) => format!("Allowed by {list}."),
        ("Allow", _, true) => format!("由 {list} 允许。"),
        ("ExplicitDeny", _, false) => format!("Denied explicitly by {list}: an explicit Deny always wins."),
        ("ExplicitDeny", _, true) => format!("被 {list} 显式拒绝：显式拒绝始终优先。"),
        ("Unknown", _, false) => format!("It depends on {}, which the request does not give.", e.missing_keys.join(", ")),
        ("Unknown", _, true) => format!("取决于请求未提供的 {}。", e.missing_keys.join("、")),
        (_, Kind::Trust, false) => "No statement of the trust policy names this caller for this action with conditions it meets (or the caller lacks permission to call sts:AssumeRole): nothing allows it, so it is denied.".to_owned(),
        (_, Kind::Trust, true) => "信任策略中没有语句在调用者满足条件时允许其执行该操作（或调用者没有调用 sts:AssumeRole 的权限）：没有任何允许，因此被拒绝。".to_owned(),
        (_, Kind::Permission, false) => "No statement allows this action on this resource with conditions the request meets: nothing allows it, so it is denied.".to_owned(),
        (_, Kind::Permission, true) => "没有语句在请求满足条件时允许对该资源执行该操作：没有任何允许，因此被拒绝。".to_owned(),
    }
}
