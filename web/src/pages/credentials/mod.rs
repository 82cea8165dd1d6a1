//! Credentials: connect (a sandbox demo account, or a pasted AccessKey or STS
//! credentials, confirmed with GetCallerIdentity), assume a role, and take
//! the temporary credentials away (copy, `.env`, aliyun CLI profile) while
//! they count down. Secrets live in memory only.

pub mod model;

use ramp_core::api::ram::GetAccountAlias;
use ramp_core::api::sts::GetCallerIdentity;
use ramp_core::api::ApiError;
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::plan::export::temporary::{cli_profile, env_file};
use yew::prelude::*;

use self::model::{Field as F, Model, Msg};
use crate::browser;
use crate::components::copy::CopyButton;
use crate::components::countdown::{remaining_text, use_now};
use crate::components::field::Field;
use crate::connection::{Connected, Info};
use crate::engine;
use crate::i18n::{route_name, tr};
use crate::route::Route;
use crate::transport::{self, use_server, Server};

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CredentialsProps {
    /// Language.
    pub lang: Lang,
    /// What the server said about itself.
    pub info: Option<Info>,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
    /// Credentials confirmed.
    pub on_connect: Callback<Connected>,
    /// Forget them.
    pub on_forget: Callback<()>,
}

/// Confirms `creds` with GetCallerIdentity, then reports them connected.
/// A key the service does not know signs the page out (`on_forget`): the
/// page never shows "signed in" above the error that says it is not.
fn connect(
    server: Server,
    creds: Credentials,
    model: UseReducerHandle<Model>,
    on_connect: Callback<Connected>,
    on_forget: Callback<()>,
) {
    model.dispatch(Msg::Busy);
    wasm_bindgen_futures::spawn_local(async move {
        match transport::call(&server, &creds, &GetCallerIdentity {}).await {
            Ok(identity) => {
                // The alias names the account in the header (best effort:
                // a caller without ram:GetAccountAlias is still signed in).
                let alias = transport::call(&server, &creds, &GetAccountAlias {})
                    .await
                    .ok()
                    .map(|a| a.account_alias)
                    .filter(|a| !a.is_empty());
                model.dispatch(Msg::Done);
                model.dispatch(Msg::ClearPaste);
                on_connect.emit(Connected {
                    credentials: creds,
                    identity,
                    alias,
                });
            }
            Err(e) => {
                if e.code.starts_with("InvalidAccessKeyId") {
                    on_forget.emit(());
                }
                model.dispatch(Msg::Failed(e))
            }
        }
    });
}

/// Signs in as demo account `id`'s admin with the keys the server holds now
/// (re-read from `/api/info`: a restarted sandbox has new ones).
fn connect_demo(
    server: Server,
    id: String,
    lang: Lang,
    model: UseReducerHandle<Model>,
    on_connect: Callback<Connected>,
    on_forget: Callback<()>,
) {
    model.dispatch(Msg::Busy);
    wasm_bindgen_futures::spawn_local(async move {
        let fresh = transport::info(&server)
            .await
            .and_then(|i| i.accounts.into_iter().find(|a| a.id == id));
        match fresh {
            Some(a) => connect(server, a.admin.credentials(), model, on_connect, on_forget),
            None => {
                on_forget.emit(());
                model.dispatch(Msg::Failed(ApiError::local(
                    "Ramp.NoDemoAccount",
                    match lang {
                        Lang::Zh => format!("服务器上已没有演示账号 {id}：请重新加载页面。"),
                        _ => format!(
                            "The server no longer has the demo account {id}: reload the page."
                        ),
                    },
                )))
            }
        }
    });
}

/// The explained error of the last call.
fn error_view(lang: Lang, e: &ApiError) -> Html {
    html! {
        <section class="api-error" role="alert" data-testid="api-error">
            <h3>{ tr(lang, "The call failed", "调用失败") }</h3>
            <p><code data-testid="api-error-code">{ &e.code }</code>{ " " }{ &e.message }</p>
            if let Some(help) = e.explain(lang) {
                <p class="help">{ help }</p>
            }
            if let Some(id) = &e.request_id {
                <p class="request-id">{ "RequestId: " }<code>{ id }</code></p>
            }
        </section>
    }
}

/// The page.
#[component]
pub fn CredentialsPage(props: &CredentialsProps) -> Html {
    let lang = props.lang;
    let model = use_reducer(Model::default);
    let server = use_server();
    let now = use_now();
    let set = |field: F| {
        let model = model.clone();
        Callback::from(move |value: String| model.dispatch(Msg::Set(field, value)))
    };
    let paste_error = use_state(|| None::<(F, String)>);
    let revealed = use_state(|| false);
    let assume_error = use_state(|| None::<(F, String)>);
    let error_for = |state: &Option<(F, String)>, field: F| {
        state
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };

    // Ask before leaving while unsaved temporary credentials are on screen.
    {
        let guard = model.temporary.is_some() && !model.saved;
        use_effect_with(guard, move |guard| {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let window = web_sys::window();
            let handler = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
                |e: web_sys::BeforeUnloadEvent| {
                    e.prevent_default();
                    e.set_return_value("unsaved");
                },
            );
            if *guard {
                if let Some(w) = &window {
                    let _ = w.add_event_listener_with_callback(
                        "beforeunload",
                        handler.as_ref().unchecked_ref(),
                    );
                }
            }
            let active = *guard;
            move || {
                if active {
                    if let Some(w) = window {
                        let _ = w.remove_event_listener_with_callback(
                            "beforeunload",
                            handler.as_ref().unchecked_ref(),
                        );
                    }
                }
            }
        });
    }

    let banner = match &props.info {
        Some(info) if info.is_sandbox() => html! {
            <section class="demo" data-testid="demo-accounts">
                <h2>{ tr(lang, "Demo accounts", "演示账号") }</h2>
                <ul class="accounts">
                    { for info.accounts.iter().enumerate().map(|(i, a)| {
                        let onclick = {
                            let (server, model, on_connect, on_forget, id) = (server.clone(), model.clone(), props.on_connect.clone(), props.on_forget.clone(), a.id.clone());
                            Callback::from(move |_: MouseEvent| connect_demo(server.clone(), id.clone(), lang, model.clone(), on_connect.clone(), on_forget.clone()))
                        };
                        html! {
                            <li key={a.id.clone()}>
                                <span class="account"><code>{ &a.id }</code>{ format!(" ({}) ", a.alias) }<span class="purpose">{ &a.purpose }</span></span>
                                <button data-testid={format!("use-demo-{i}")} disabled={model.busy} {onclick}>
                                    { format!("{} {} · {}", tr(lang, "Sign in as", "登录为"), a.admin.user.clone().unwrap_or_default(), a.alias) }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        },
        Some(_) => html! {},
        None => {
            html! { <p class="notice" data-testid="no-server">{ tr(lang, "No Ramp server answers: the studio works offline, but calls need `ramp serve`.", "没有可用的 Ramp 服务：策略工作室可离线使用，但 API 调用需要运行 `ramp serve`。") }</p> }
        }
    };

    let on_paste_connect = {
        let (server, model, on_connect, on_forget, paste_error) = (
            server.clone(),
            model.clone(),
            props.on_connect.clone(),
            props.on_forget.clone(),
            paste_error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match model.pasted(lang) {
                Ok(creds) => {
                    paste_error.set(None);
                    connect(
                        server.clone(),
                        creds,
                        model.clone(),
                        on_connect.clone(),
                        on_forget.clone(),
                    );
                }
                Err(err) => paste_error.set(Some(err)),
            }
        })
    };

    let connected = match &props.connection {
        Some(c) => {
            let on_forget = {
                let (on_forget, model) = (props.on_forget.clone(), model.clone());
                Callback::from(move |_: MouseEvent| {
                    model.dispatch(Msg::ClearTemporary);
                    on_forget.emit(());
                })
            };
            html! {
                <section class="identity" data-testid="identity">
                    <h2>{ tr(lang, "Signed in with these credentials as", "当前凭证的身份") }</h2>
                    <dl>
                        <dt>{ tr(lang, "ARN", "ARN") }</dt><dd><code data-testid="identity-arn">{ &c.identity.arn }</code></dd>
                        <dt>{ tr(lang, "Identity type", "身份类型") }</dt><dd data-testid="identity-type">{ c.identity.identity_type.clone().unwrap_or_default() }</dd>
                        <dt>{ tr(lang, "Account ID", "账号 ID") }</dt><dd>{ &c.identity.account_id }</dd>
                    </dl>
                    <button class="secondary" data-testid="forget" onclick={on_forget}>{ tr(lang, "Forget these credentials", "清除这些凭证") }</button>
                </section>
            }
        }
        None => html! {
            <form class="paste" onsubmit={on_paste_connect}>
                <h2>{ tr(lang, "Or paste an AccessKey pair or STS credentials", "或粘贴 AccessKey 或 STS 临时凭证") }</h2>
                <Field id="paste-key-id" label={tr(lang, "AccessKey ID", "AccessKey ID")} value={model.key_id.clone()} on_input={set(F::KeyId)} error={error_for(&paste_error, F::KeyId)} />
                <Field id="paste-secret" secret=true label={tr(lang, "AccessKey secret", "AccessKey Secret")} value={model.secret.clone()} on_input={set(F::Secret)} error={error_for(&paste_error, F::Secret)} />
                <Field id="paste-token" secret=true label={tr(lang, "Security token (STS, optional)", "安全令牌（STS，可选）")} value={model.token.clone()} on_input={set(F::Token)} error={error_for(&paste_error, F::Token)} />
                <button type="submit" data-testid="connect" disabled={model.busy}>{ tr(lang, "Check who I am", "确认我的身份") }</button>
            </form>
        },
    };

    let on_assume = {
        let (server, model, assume_error, connection) = (
            server.clone(),
            model.clone(),
            assume_error.clone(),
            props.connection.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(c) = connection.clone() else { return };
            match model.assume_call(lang) {
                Ok(call) => {
                    assume_error.set(None);
                    model.dispatch(Msg::Busy);
                    let (model, server) = (model.clone(), server.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match transport::call(&server, &c.credentials, &call).await {
                            Ok(r) => model.dispatch(Msg::Assumed(Box::new(r))),
                            Err(e) => model.dispatch(Msg::Failed(e)),
                        }
                    });
                }
                Err(err) => assume_error.set(Some(err)),
            }
        })
    };
    // The session policy, linted by the engine as it is typed.
    let findings = engine::use_lint(model.policy.clone(), Some(false), lang);
    let assume = html! {
        <form class="assume" onsubmit={on_assume}>
            <h2>{ tr(lang, "Assume a role", "扮演角色") }</h2>
            if props.connection.is_none() {
                <p class="notice">{ tr(lang, "Connect first: choose a demo account or paste credentials above.", "请先连接：选择演示账号或在上方粘贴凭证。") }</p>
            }
            <Field id="role-arn" label={tr(lang, "Role ARN", "角色 ARN")} value={model.role_arn.clone()} on_input={set(F::RoleArn)} error={error_for(&assume_error, F::RoleArn)} />
            <Field id="session-name" label={tr(lang, "Session name", "会话名称")} value={model.session_name.clone()} on_input={set(F::SessionName)} error={error_for(&assume_error, F::SessionName)} />
            <Field id="duration" label={tr(lang, "Duration (seconds, 900 up to the role's maximum)", "会话时长（秒，900 至角色最大会话时长）")} value={model.duration.clone()} on_input={set(F::Duration)} error={error_for(&assume_error, F::Duration)} />
            <Field id="external-id" label={tr(lang, "ExternalId (if the role's trust policy asks for one)", "ExternalId（信任策略要求时填写）")} value={model.external_id.clone()} on_input={set(F::ExternalId)} error={error_for(&assume_error, F::ExternalId)} />
            <Field id="session-policy" multiline=true label={tr(lang, "Session policy (optional JSON; narrows the role)", "会话策略（可选 JSON，用于收窄角色权限）")} value={model.policy.clone()} on_input={set(F::Policy)} error={error_for(&assume_error, F::Policy)} />
            if !findings.is_empty() {
                <ul class="findings" data-testid="session-policy-findings">
                    { for findings.iter().map(|f| html! { <li class={format!("tier-{}", f.tier)}>{ format!("{}:{} {} {}", f.line, f.column, f.code, f.message) }</li> }) }
                </ul>
            }
            <button type="submit" data-testid="assume" disabled={model.busy || props.connection.is_none()}>{ tr(lang, "Assume the role", "扮演角色") }</button>
        </form>
    };

    let temporary = model.temporary.as_ref().map(|tmp| {
        let remaining = model.remaining(now).unwrap_or(0);
        let c = tmp.credentials.clone();
        let token = c.security_token.as_ref().map(|s| s.expose().to_owned()).unwrap_or_default();
        let env = env_file(&c, &tmp.expiration_text);
        let profile = cli_profile("ramp-sts", &c, "cn-hangzhou");
        let download = |name: &'static str, text: String| Callback::from(move |_: MouseEvent| browser::download(name, &text));
        let use_them = {
            let (model, on_connect, on_forget, creds) = (model.clone(), props.on_connect.clone(), props.on_forget.clone(), c.clone());
            Callback::from(move |_: MouseEvent| connect(server.clone(), creds.clone(), model.clone(), on_connect.clone(), on_forget.clone()))
        };
        let shown = |value: &str| if *revealed { value.to_owned() } else { "•".repeat(16) };
        let toggle = {
            let revealed = revealed.clone();
            Callback::from(move |_: MouseEvent| revealed.set(!*revealed))
        };
        let on_saved = {
            let model = model.clone();
            Callback::from(move |e: Event| {
                model.dispatch(Msg::ConfirmSaved(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
            })
        };
        html! {
            <section class="reveal" data-testid="temporary">
                <h2>{ tr(lang, "Temporary credentials", "临时凭证") }</h2>
                <p class="notice">{ tr(lang, "Available once: copy or download them now (the secret and token are hidden until you choose to show them). They are not stored anywhere.", "仅提供一次：请立即复制或下载（密钥和令牌默认隐藏，可选择显示）。它们不会被存储在任何地方。") }</p>
                <p><code data-testid="temporary-arn">{ &tmp.arn }</code></p>
                <dl>
                    <dt>{ "AccessKeyId" }</dt><dd><code data-testid="temporary-key-id">{ &c.access_key_id }</code><CopyButton {lang} small=true text={c.access_key_id.clone()} label={tr(lang, "Copy", "复制")} testid="copy-temporary-key-id" /></dd>
                    <dt>{ "AccessKeySecret" }</dt><dd><code data-testid="temporary-secret">{ shown(c.access_key_secret.expose()) }</code><CopyButton {lang} small=true text={c.access_key_secret.expose().to_owned()} label={tr(lang, "Copy", "复制")} testid="copy-temporary-secret" /></dd>
                    <dt>{ "SecurityToken" }</dt><dd><code class="token" data-testid="temporary-token">{ shown(&token) }</code><CopyButton {lang} small=true text={token.clone()} label={tr(lang, "Copy", "复制")} testid="copy-temporary-token" /></dd>
                    <dt>{ "Expiration" }</dt><dd>{ &tmp.expiration_text }{ " — " }{ tr(lang, "Expires in", "剩余有效期") }{ " " }<strong data-testid="countdown" aria-live="off">{ remaining_text(remaining, tr(lang, "expired", "已过期")) }</strong></dd>
                </dl>
                <div class="actions">
                    <button data-testid="reveal" aria-pressed={revealed.to_string()} onclick={toggle}>{ if *revealed { tr(lang, "Hide them", "隐藏") } else { tr(lang, "Show the secret and token", "显示密钥和令牌") } }</button>
                    <button data-testid="download-env" onclick={download("ramp-sts.env", env)}>{ tr(lang, "Download .env", "下载 .env") }</button>
                    <button data-testid="download-profile" onclick={download("ramp-sts-profile.json", profile)}>{ tr(lang, "Download aliyun CLI profile", "下载 aliyun CLI 配置") }</button>
                    <button data-testid="use-temporary" disabled={model.busy || remaining <= 0} onclick={use_them}>{ tr(lang, "Use these credentials in Ramp", "在 Ramp 中使用这些凭证") }</button>
                </div>
                <label class="confirm"><input type="checkbox" data-testid="saved" checked={model.saved} onchange={on_saved} />{ " " }{ tr(lang, "I have saved them; they will not be shown again after I leave", "我已保存；离开后不会再次显示") }</label>
            </section>
        }
    });

    html! {
        <section class="credentials" data-testid="credentials">
            <h1>{ route_name(lang, Route::Credentials) }</h1>
            <p class="summary">{ tr(lang, "Check who your credentials belong to, assume a RAM role, and take the temporary credentials with you. Keys stay in this tab's memory and are forgotten when it closes.", "查看凭证所属身份、扮演 RAM 角色并带走临时凭证。密钥只保存在本标签页内存中，关闭即清除。") }</p>
            { banner }
            { connected }
            if model.busy {
                <p class="busy" role="status" data-testid="busy">{ tr(lang, "Working…", "处理中…") }</p>
            }
            if let Some(e) = &model.error {
                { error_view(lang, e) }
            }
            { assume }
            { for temporary }
        </section>
    }
}
