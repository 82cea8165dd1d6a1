//! The hand-off on the page: which server this is, the hand-off in words, what the role's trust requires, and reading the hand-off back from account A's role.

use super::*;

/// Which Ramp server this page is, on B's side: B signs in to B's account
/// here, so B must know whose server it is — above all when a link from
/// account A brought B here.
pub(super) fn where_am_i(lang: Lang, from_link: bool, origin: &str) -> Html {
    let (en, zh) = if from_link {
        (
            "This hand-off link opened the Ramp server at ",
            "此交接链接打开的是位于以下地址的 Ramp 服务器：",
        )
    } else {
        (
            "This page is the Ramp server at ",
            "本页面所在的 Ramp 服务器：",
        )
    };
    html! {
        <p class={if from_link { "notice" } else { "help" }} role="note" data-testid="handoff-origin">
            { tr(lang, en, zh) }<code>{ origin }</code>
            { tr(lang, ". Sign in to account B here only if your own organisation runs this server; otherwise open your own Ramp and paste the hand-off (or open its file) there.", "。仅当该服务器由您自己的组织运行时，才在此登录账号 B；否则请打开您自己的 Ramp，并在那里粘贴交接信息（或打开交接文件）。") }
        </p>
    }
}

/// The hand-off in words, before anything else: who shares what, with which conditions.
pub(super) fn handoff_words(lang: Lang, o: &OwnerSide) -> Html {
    html! {
        <dl class="handoff-words" data-testid="handoff-words">
            { for handoff_of::in_words(o, lang).into_iter().map(|(what, value)| html! { <><dt>{ what }</dt><dd>{ value }</dd></> }) }
        </dl>
    }
}

/// What the role's trust policy requires of the caller, shown with the
/// verification: when AssumeRole is refused, this is the list to check.
pub(super) fn conditions_hint(lang: Lang, o: &OwnerSide) -> Html {
    let mut needs = Vec::new();
    if let Some(id) = &o.external_id {
        needs.push(match lang {
            Lang::Zh => format!("ExternalId 为 {id}（sts:ExternalId）"),
            _ => format!("the ExternalId {id} (sts:ExternalId)"),
        });
    }
    if !o.source_ips.is_empty() {
        needs.push(match lang {
            Lang::Zh => format!("来源 IP 属于 {}（acs:SourceIp）", o.source_ips.join(", ")),
            _ => format!("a source IP in {} (acs:SourceIp)", o.source_ips.join(", ")),
        });
    }
    if needs.is_empty() {
        return html! {};
    }
    html! {
        <p class="help" data-testid="verify-conditions">
            { tr(lang, "If AssumeRole is refused, the role's trust policy requires: ", "若 AssumeRole 被拒绝，角色的信任策略要求：") }{ needs.join("; ") }
        </p>
    }
}

/// The hand-off of `role` as the account holds it: its trust policy and
/// session limit (GetRole) and its ARMS policies at account scope
/// (ListPoliciesForRole) and at resource-group scope (Resource Manager).
pub(super) async fn read_back(
    server: &Server,
    c: &Connected,
    alias: Option<String>,
    role: &str,
    lang: Lang,
) -> Result<OwnerSide, String> {
    let creds = &c.credentials;
    let got = transport::call(
        server,
        creds,
        &GetRole {
            role_name: role.to_owned(),
        },
    )
    .await
    .map_err(|e| e.message)?
    .role;
    let mut attached: Vec<Attachment> = transport::call(
        server,
        creds,
        &ListPoliciesForRole {
            role_name: role.to_owned(),
        },
    )
    .await
    .map_err(|e| e.message)?
    .policies
    .0
    .into_iter()
    .map(|p| (p.policy_name, None))
    .collect();
    if let Some(principal) = got.role_principal_name.clone() {
        let scoped = transport::call(
            server,
            creds,
            &ListPolicyAttachments {
                principal_type: Some("ServiceRole".into()),
                principal_name: Some(principal),
                page_size: Some(100),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| e.message)?;
        attached.extend(
            scoped
                .policy_attachments
                .0
                .into_iter()
                .filter(|a| a.resource_group_id.starts_with("rg-"))
                .map(|a| (a.policy_name, Some(a.resource_group_id))),
        );
    }
    let account = Account {
        id: c.identity.account_id.clone(),
        alias,
    };
    handoff_of::read_back(
        account,
        role,
        got.description,
        got.assume_role_policy_document
            .as_deref()
            .unwrap_or_default(),
        got.max_session_duration.unwrap_or(3600),
        &attached,
    )
    .map_err(|e| if lang == Lang::Zh { e.zh } else { e.en })
}
