//! One policy document put to one question, as the studio and ramp-js ask it:
//! a permission policy attached to the caller (optionally at a resource
//! group), or a trust policy with `AliyunSTSAssumeRoleAccess` on the caller —
//! the decision, the deciding layer, the matched statements and the context
//! keys it could not decide without.

use crate::lang::{Lang, Localized};
use crate::policy::catalogue::system_policy;
use crate::policy::eval::{evaluate, Attachment, Caller, Context, NamedPolicy, Policies, Request};
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

/// Puts `question` to the policy `text` of `kind`; the error says what to fix.
pub fn simulate(text: &str, kind: Kind, question: &Question<'_>) -> Result<Simulated, String> {
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
    Ok(Simulated {
        decision: e.decision.name(),
        layer: e.layer.map(|l| format!("{l:?}")),
        matched: e
            .matched
            .iter()
            .map(|s| format!("{}#{} ({:?})", s.policy, s.statement + 1, s.effect))
            .collect(),
        missing: e.missing_keys,
    })
}
