//! Share ARMS with another account. Account A creates the role that trusts
//! account B (ExternalId, MFA, session limit) with ARMS policies, and hands
//! B a secret-free hand-off (link or file). Account B opens it, creates the
//! user who will assume the role with the permission to do so, and verifies
//! as that user: AssumeRole, then GetCallerIdentity. Every step says which
//! account it runs in.

pub mod model;

use std::rc::Rc;

use ramp_core::api::ram::{GetRole, ListPoliciesForRole};
use ramp_core::api::rm::ListPolicyAttachments;
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::plan::handoff::{self as handoff_of, Attachment};
use ramp_core::plan::intent::{Account, ArmsAccess, Intent, OwnerSide, VerifyAccess};
use ramp_core::plan::runner::HandedSecret;
use yew::prelude::*;

use self::model::{handoff_fragment, read_handoff, Draft, Side};
use crate::apply::Shown;
use crate::browser;
use crate::components::copy::CopyButton;
use crate::components::field::Field;
use crate::components::review::Review;
use crate::connection::Connected;
use crate::engine;
use crate::i18n::tr;
use crate::nav::Nav;
use crate::pages::flow::{
    account as flow_account, back_button, flow_page, plan_problem, use_account_facts, use_flow,
    use_plan, ArmsLevel, FlowProps, ScopeSelect, StepView,
};
use crate::route::Route;
use crate::transport::{self, use_server, Server};

/// The page.
mod handoff;
use self::handoff::*;

#[component]
pub fn SharePage(props: &FlowProps) -> Html {
    let lang = props.lang;
    let flow = use_flow::<Draft>("share", Route::ShareAccount, props.step);
    let facts = use_account_facts(props.connection.clone());
    // Filled while B's plan runs; a ref, so the run's review is not re-rendered from above.
    let new_key = use_mut_ref(|| None::<Credentials>);
    let verify_key = use_state(|| None::<Credentials>);
    let verify = use_state(|| None::<Rc<ramp_core::plan::Plan>>);
    let draft = (*flow.draft).clone();
    let steps = draft.steps();
    let step = flow.step.min(steps.len() - 1);
    let reviewing = step == steps.len() - 1;
    let account = flow_account(&props.connection, &facts);
    let flow = flow.checked(lang, steps, account.clone(), Draft::intent);
    let planned = use_plan(&draft, account.clone(), reviewing, Draft::intent);
    let no_plan = planned.clone().and_then(Result::err);
    let reviewed = planned.and_then(Result::ok);

    // A hand-off link opens this page on B's side with the hand-off filled in,
    // at the step that holds it. The newest link wins — also one opened in a
    // tab where Ramp already runs — and the user is told when it replaced one.
    let replaced = use_state(|| false);
    let from_link = use_state(|| false);
    {
        let (d, nav, replaced, from_link) = (
            flow.draft.clone(),
            flow.nav.clone(),
            replaced.clone(),
            from_link.clone(),
        );
        let hash = browser::hash();
        let link = (nav == Nav::Fragment && hash.contains("handoff=")).then_some(hash);
        use_effect_with(link, move |link| {
            if let Some(hash) = link.clone() {
                let before = read_handoff(&d.handoff, Lang::En).ok();
                let now = read_handoff(&hash, Lang::En).ok();
                replaced.set(before.is_some() && before != now);
                from_link.set(true);
                d.set(Draft {
                    side: Side::Accessing,
                    handoff: hash,
                    ..(*d).clone()
                });
                nav.go(Route::ShareAccount, 1);
            }
        });
    }
    let server = use_server();
    // A's hand-off: read back from the account once the apply succeeded.
    let held = use_state(|| None::<Result<OwnerSide, String>>);

    let side = |s: Side| {
        let d = flow.draft.clone();
        Callback::from(move |_: Event| {
            d.set(Draft {
                side: s,
                ..(*d).clone()
            });
        })
    };
    let next = flow.next(lang, steps, account.clone(), Draft::intent, None);
    // An ExternalId only from secure randomness; without it, the field says why.
    let no_randomness = use_state(|| false);
    let generate = {
        let (set, no_randomness) = (flow.edit(|d, v| d.external_id = v), no_randomness.clone());
        Callback::from(move |_: MouseEvent| match browser::random_nonce() {
            Ok(nonce) => set.emit(format!("ramp-{}", &nonce[..16])),
            Err(_) => no_randomness.set(true),
        })
    };
    let account_label = |id: &str| format!("{} {id}", tr(lang, "Runs in account", "执行账号"));

    let owner_trust = html! {
        <>
            <Field id="role" label={tr(lang, "Role name", "角色名称")} value={draft.role.clone()} on_input={flow.edit(|d, v| d.role = v)} error={flow.error_for("role")} />
            <Field id="trusted-account" label={tr(lang, "Account that may assume it (account B's ID)", "可扮演该角色的账号（账号 B 的 ID）")} value={draft.trusted_account.clone()} on_input={flow.edit(|d, v| d.trusted_account = v)} error={flow.error_for("trusted-account")} />
            <fieldset>
                <legend>{ tr(lang, "Who in that account", "对方账号中的谁") }</legend>
                { for [("account", tr(lang, " Any authorised user or role", " 任何已授权的用户或角色")), ("user", tr(lang, " One RAM user", " 一个 RAM 用户")), ("role", tr(lang, " One RAM role", " 一个 RAM 角色"))].into_iter().map(|(value, label)| {
                    let onchange = flow.edit(|d, v| d.trusted = v).reform(move |_: Event| value.to_owned());
                    html! { <label><input type="radio" name="trusted" data-testid={format!("trusted-who-{value}")} checked={draft.trusted == value} {onchange} />{ label }</label> }
                }) }
            </fieldset>
            if draft.trusted != "account" {
                <Field id="trusted-name" label={tr(lang, "Its name", "名称")} value={draft.trusted_name.clone()} on_input={flow.edit(|d, v| d.trusted_name = v)} error={flow.error_for("trusted-name")} />
            }
            <Field id="external-id" label={tr(lang, "Require this ExternalId (recommended)", "要求 ExternalId（推荐）")} value={draft.external_id.clone()} on_input={flow.edit(|d, v| d.external_id = v)} error={flow.error_for("external-id")}>
                <button type="button" class="small" data-testid="generate-external-id" onclick={generate}>{ tr(lang, "Generate", "生成") }</button>
            </Field>
            if *no_randomness {
                <p class="error" role="alert" data-testid="no-randomness">{ browser::NoRandomness.message(lang) }</p>
            }
            <label class="confirm"><input type="checkbox" data-testid="require-mfa" checked={draft.require_mfa} onchange={flow.toggle(|d, v| d.require_mfa = v)} />{ tr(lang, " Require MFA", " 要求 MFA") }</label>
            <Field id="max-session" label={tr(lang, "Longest session, seconds (3,600-43,200)", "最长会话时长（秒，3600-43200）")} value={draft.max_session.clone()} on_input={flow.edit(|d, v| d.max_session = v)} error={flow.error_for("max-session")} />
        </>
    };
    let owner_permissions = html! {
        <>
            <ArmsLevel {lang} value={if draft.read_only { ArmsAccess::ReadOnly } else { ArmsAccess::Full }} on_change={flow.choose(|d, v: ArmsAccess| d.read_only = v == ArmsAccess::ReadOnly)} />
            <ScopeSelect {lang} groups={facts.groups.clone()} value={draft.resource_group.clone()} on_change={flow.edit(|d, v| d.resource_group = v)} error={flow.error_for("resource-group")} />
        </>
    };
    let received = read_handoff(&draft.handoff, lang).ok();
    let accessing_form = html! {
        <>
            if *replaced {
                <p class="notice" role="status" data-testid="handoff-replaced">{ tr(lang, "A newer hand-off link replaced the one this page held.", "新的交接链接已替换此前的交接信息。") }</p>
            }
            { where_am_i(lang, *from_link, &server.label()) }
            if let Some(o) = &received { { handoff_words(lang, o) } }
            <label class="file">{ tr(lang, "Open the hand-off file ", "打开交接文件 ") }<input type="file" accept=".json,application/json,text/plain" data-testid="handoff-file" onchange={browser::on_file_text(flow.edit(|d, v| d.handoff = v))} /></label>
            <Field id="handoff" multiline=true label={tr(lang, "Hand-off from account A (link or file)", "账号 A 提供的交接信息（链接或文件）")} value={draft.handoff.clone()} on_input={flow.edit(|d, v| d.handoff = v)} error={flow.error_for("handoff")} />
            <Field id="user" label={tr(lang, "User who will assume the role (created here)", "将扮演角色的用户（在此创建）")} value={draft.user.clone()} on_input={flow.edit(|d, v| d.user = v)} error={flow.error_for("user")} />
            <label class="confirm"><input type="checkbox" data-testid="least-privilege" checked={draft.least_privilege} onchange={flow.toggle(|d, v| d.least_privilege = v)} />{ tr(lang, " Allow assuming this one role only (instead of AliyunSTSAssumeRoleAccess)", " 仅允许扮演这一个角色（而非 AliyunSTSAssumeRoleAccess）") }</label>
        </>
    };

    // The review: A's plan, or B's part of the whole share (split once per review).
    let b_account = account_of(props);
    let shown_plan = use_memo(
        (reviewed.clone(), draft.side, b_account.clone()),
        |(reviewed, side, b)| {
            reviewed.clone().map(|p| match side {
                Side::Owner => Ok(p),
                Side::Accessing => p.for_account(b).map(Rc::new),
            })
        },
    );
    let on_applied = (draft.side == Side::Owner).then(|| {
        let (server, held, connection, alias, role) = (
            server.clone(),
            held.clone(),
            props.connection.clone(),
            facts.alias.clone(),
            draft.role.trim().to_owned(),
        );
        Callback::from(move |()| {
            let Some(c) = connection.clone() else { return };
            let (server, held, alias, role) =
                (server.clone(), held.clone(), alias.clone(), role.clone());
            wasm_bindgen_futures::spawn_local(async move {
                held.set(Some(read_back(&server, &c, alias, &role, lang).await));
            });
        })
    });
    let review = (*shown_plan).clone().map(|shown| {
        let account = b_account.clone();
        let on_applied = on_applied.clone();
        match shown {
            Err(e) => html! { <p class="error" role="alert">{ e }</p> },
            Ok(p) => {
                let on_secret = {
                    let (new_key, user) = (new_key.clone(), draft.user.trim().to_owned());
                    Callback::from(move |s: Shown| {
                        if let HandedSecret::AccessKey { user: u, access_key_id, secret } = s {
                            if u == user {
                                *new_key.borrow_mut() = Some(Credentials::new(access_key_id, secret.expose()));
                            }
                        }
                    })
                };
                html! {
                    <>
                        <p class="account-label" data-testid="review-account">{ account_label(&p.steps.first().map(|s| s.account.clone()).unwrap_or(account)) }</p>
                        <Review key={format!("{:p}", Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} {on_secret} {on_applied} />
                    </>
                }
            }
        }
    });

    // A's hand-off: only what the account holds after a successful apply.
    let handoff = (draft.side == Side::Owner).then(|| match (*held).clone() {
        None => html! {},
        Some(Err(message)) => html! { <p class="error" role="alert" data-testid="handoff-error">{ message }</p> },
        Some(Ok(owner)) => {
            let origin = server.label();
            let link = format!("{origin}/{}", handoff_fragment(&owner));
            let file = serde_json::to_string_pretty(&owner).unwrap_or_default();
            let download = {
                let file = file.clone();
                Callback::from(move |_: MouseEvent| browser::download("ramp-handoff.json", &file))
            };
            html! {
                <section class="handoff" data-testid="handoff">
                    <h2>{ tr(lang, "Hand-off for account B", "交给账号 B 的交接信息") }</h2>
                    <p>{ tr(lang, "Read back from your account: what the role holds now. Secret-free: send the file (or its text) to account B's administrator, who opens it in their own Ramp — Share with another account → Account B: I received a hand-off.", "从您的账号读回：角色当前的实际配置。不含任何密钥：请将文件（或其文本）发送给账号 B 的管理员，由其在自己的 Ramp 中打开——与其他账号共享 → 账号 B：收到了交接信息。") }</p>
                    { handoff_words(lang, &owner) }
                    if owner.require_mfa {
                        <p class="notice" data-testid="handoff-mfa">{ tr(lang, "The role requires MFA: account B's user must sign in to the console with an MFA device and switch to the role there. Ramp creates that user with a console password and MFA binding, not an AccessKey, which could never meet the condition.", "该角色要求 MFA：账号 B 的用户必须在控制台使用 MFA 设备登录后切换到该角色。Ramp 会为其创建控制台密码并要求绑定 MFA，而不是 AccessKey（AccessKey 无法满足该条件）。") }</p>
                    }
                    <p><code data-testid="handoff-role-arn">{ format!("acs:ram::{}:role/{}", owner.account.id, owner.role) }</code></p>
                    <div class="actions">
                        <button data-testid="download-handoff" onclick={download}>{ tr(lang, "Download file", "下载文件") }</button>
                        <CopyButton {lang} text={file} label={tr(lang, "Copy as text", "复制为文本")} testid="copy-handoff-text" />
                    </div>
                    <p class="help" data-testid="handoff-link-note">{ tr(lang, "Or a link that opens this Ramp server, ", "或者一个打开本 Ramp 服务器的链接：") }<code>{ origin.clone() }</code>{ tr(lang, ": send it only if account B's administrator uses this same server — they would sign in to B here.", "仅当账号 B 的管理员也使用同一服务器时才发送——对方将在这里登录账号 B。") }</p>
                    <p class="link"><code data-testid="handoff-link">{ link.clone() }</code></p>
                    <div class="actions">
                        <CopyButton {lang} text={link.clone()} label={tr(lang, "Copy link", "复制链接")} testid="copy-handoff" />
                    </div>
                </section>
            }
        }
    });

    // B verifies as the new user.
    let needs_mfa = received.as_ref().is_some_and(|o| o.require_mfa);
    let verification = (draft.side == Side::Accessing && reviewed.is_some() && needs_mfa).then(|| html! {
        <section class="verify" data-testid="verify-mfa">
            <h2>{ tr(lang, "Verify in the console", "在控制台验证") }</h2>
            <p>{ tr(lang, "The role requires MFA, which a call signed with an AccessKey never carries. After applying: sign in to the console as the new user, bind the MFA device when asked, then use Switch Role with the role ARN above.", "该角色要求 MFA，而使用 AccessKey 签名的调用不会携带 MFA。执行后：以新用户身份登录控制台，按提示绑定 MFA 设备，然后用上面的角色 ARN 切换身份。") }</p>
        </section>
    }).or_else(|| (draft.side == Side::Accessing && reviewed.is_some()).then(|| {
        let on_verify = {
            let (verify, verify_key, new_key, handoff, user) = (verify.clone(), verify_key.clone(), new_key.clone(), draft.handoff.clone(), draft.user.trim().to_owned());
            let b = account_of(props);
            Callback::from(move |_: MouseEvent| {
                let Some(key) = new_key.borrow().clone() else { return };
                verify_key.set(Some(key));
                let Ok(owner) = read_handoff(&handoff, lang) else { return };
                let intent = Intent::VerifyAccess(VerifyAccess {
                    account: Account { id: b.clone(), alias: None },
                    role_arn: format!("acs:ram::{}:role/{}", owner.account.id, owner.role),
                    session_name: user.clone(),
                    external_id: owner.external_id.clone(),
                    duration_seconds: None,
                });
                let verify = verify.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(p) = engine::plan(&intent).await {
                        verify.set(Some(Rc::new(p)));
                    }
                });
            })
        };
        html! {
            <section class="verify" data-testid="verify">
                <h2>{ tr(lang, "Verify as the new user", "以新用户身份验证") }</h2>
                <p>{ tr(lang, "After applying: signs with the new user's AccessKey (held in this tab only) — AssumeRole, then GetCallerIdentity with the temporary credentials.", "执行后：使用新用户的 AccessKey（仅保存在本标签页）签名——先 AssumeRole，再用临时凭证调用 GetCallerIdentity。") }</p>
                <button data-testid="verify-button" onclick={on_verify}>{ tr(lang, "Plan the verification", "生成验证计划") }</button>
                if let (Some(p), Some(key)) = ((*verify).clone(), (*verify_key).clone()) {
                    <Review key={format!("{:p}", Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} signer={Some(key)} title={AttrValue::from(tr(lang, "Verification", "验证"))} apply_label={AttrValue::from(tr(lang, "Assume the role and check who I am", "扮演角色并确认身份"))} />
                    { for received.as_ref().map(|o| conditions_hint(lang, o)) }
                }
            </section>
        }
    }));

    let body = match step {
        0 => html! {
            <fieldset>
                <legend>{ tr(lang, "This browser is", "当前操作方") }</legend>
                <label><input type="radio" name="side" data-testid="side-owner" checked={draft.side == Side::Owner} onchange={side(Side::Owner)} />{ tr(lang, " Account A: it owns the ARMS resources", " 账号 A：拥有 ARMS 资源") }</label>
                <label><input type="radio" name="side" data-testid="side-accessing" checked={draft.side == Side::Accessing} onchange={side(Side::Accessing)} />{ tr(lang, " Account B: it received a hand-off", " 账号 B：收到了交接信息") }</label>
            </fieldset>
        },
        1 if draft.side == Side::Owner => owner_trust,
        2 if draft.side == Side::Owner => owner_permissions,
        _ => accessing_form,
    };
    let problem = (reviewing && reviewed.is_none())
        .then(|| plan_problem(lang, &flow, steps, account.clone(), Draft::intent, no_plan));

    let view = if reviewing {
        StepView::Review(html! {
            <>
                { for problem }
                { for review }
                { for handoff }
                { for verification }
                <div class="actions">{ back_button(lang, &flow, step - 1) }</div>
            </>
        })
    } else {
        StepView::Form {
            key: format!("{:?}{step}", draft.side),
            body,
            onsubmit: next,
        }
    };
    flow_page(lang, &flow, steps, step, &props.connection, view)
}

/// The signed-in account's ID.
fn account_of(props: &FlowProps) -> String {
    props
        .connection
        .as_ref()
        .map(|c| c.identity.account_id.clone())
        .unwrap_or_default()
}
