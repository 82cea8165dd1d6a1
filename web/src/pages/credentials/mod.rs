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
use crate::i18n::{route_name, t, Text};
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
            <h3>{ t(lang, Text::ErrorTitle) }</h3>
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
                <h2>{ t(lang, Text::DemoAccounts) }</h2>
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
                                    { format!("{} {} · {}", t(lang, Text::UseDemo), a.admin.user.clone().unwrap_or_default(), a.alias) }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        },
        Some(_) => html! {},
        None => html! { <p class="notice" data-testid="no-server">{ t(lang, Text::NoServer) }</p> },
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
                    <h2>{ t(lang, Text::ConnectedAs) }</h2>
                    <dl>
                        <dt>{ t(lang, Text::ArnLabel) }</dt><dd><code data-testid="identity-arn">{ &c.identity.arn }</code></dd>
                        <dt>{ t(lang, Text::IdentityTypeLabel) }</dt><dd data-testid="identity-type">{ c.identity.identity_type.clone().unwrap_or_default() }</dd>
                        <dt>{ t(lang, Text::AccountIdLabel) }</dt><dd>{ &c.identity.account_id }</dd>
                    </dl>
                    <button class="secondary" data-testid="forget" onclick={on_forget}>{ t(lang, Text::Forget) }</button>
                </section>
            }
        }
        None => html! {
            <form class="paste" onsubmit={on_paste_connect}>
                <h2>{ t(lang, Text::PasteKeys) }</h2>
                <Field id="paste-key-id" label={t(lang, Text::AccessKeyId)} value={model.key_id.clone()} on_input={set(F::KeyId)} error={error_for(&paste_error, F::KeyId)} />
                <Field id="paste-secret" secret=true label={t(lang, Text::AccessKeySecret)} value={model.secret.clone()} on_input={set(F::Secret)} error={error_for(&paste_error, F::Secret)} />
                <Field id="paste-token" secret=true label={t(lang, Text::SecurityToken)} value={model.token.clone()} on_input={set(F::Token)} error={error_for(&paste_error, F::Token)} />
                <button type="submit" data-testid="connect" disabled={model.busy}>{ t(lang, Text::Connect) }</button>
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
            <h2>{ t(lang, Text::AssumeTitle) }</h2>
            if props.connection.is_none() {
                <p class="notice">{ t(lang, Text::NotConnected) }</p>
            }
            <Field id="role-arn" label={t(lang, Text::RoleArn)} value={model.role_arn.clone()} on_input={set(F::RoleArn)} error={error_for(&assume_error, F::RoleArn)} />
            <Field id="session-name" label={t(lang, Text::SessionName)} value={model.session_name.clone()} on_input={set(F::SessionName)} error={error_for(&assume_error, F::SessionName)} />
            <Field id="duration" label={t(lang, Text::DurationSeconds)} value={model.duration.clone()} on_input={set(F::Duration)} error={error_for(&assume_error, F::Duration)} />
            <Field id="external-id" label={t(lang, Text::ExternalIdLabel)} value={model.external_id.clone()} on_input={set(F::ExternalId)} error={error_for(&assume_error, F::ExternalId)} />
            <Field id="session-policy" multiline=true label={t(lang, Text::SessionPolicy)} value={model.policy.clone()} on_input={set(F::Policy)} error={error_for(&assume_error, F::Policy)} />
            if !findings.is_empty() {
                <ul class="findings" data-testid="session-policy-findings">
                    { for findings.iter().map(|f| html! { <li class={format!("tier-{}", f.tier)}>{ format!("{}:{} {} {}", f.line, f.column, f.code, f.message) }</li> }) }
                </ul>
            }
            <button type="submit" data-testid="assume" disabled={model.busy || props.connection.is_none()}>{ t(lang, Text::AssumeButton) }</button>
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
                <h2>{ t(lang, Text::TemporaryTitle) }</h2>
                <p class="notice">{ t(lang, Text::ShownOnce) }</p>
                <p><code data-testid="temporary-arn">{ &tmp.arn }</code></p>
                <dl>
                    <dt>{ "AccessKeyId" }</dt><dd><code data-testid="temporary-key-id">{ &c.access_key_id }</code><CopyButton {lang} small=true text={c.access_key_id.clone()} label={t(lang, Text::Copy)} testid="copy-temporary-key-id" /></dd>
                    <dt>{ "AccessKeySecret" }</dt><dd><code data-testid="temporary-secret">{ shown(c.access_key_secret.expose()) }</code><CopyButton {lang} small=true text={c.access_key_secret.expose().to_owned()} label={t(lang, Text::Copy)} testid="copy-temporary-secret" /></dd>
                    <dt>{ "SecurityToken" }</dt><dd><code class="token" data-testid="temporary-token">{ shown(&token) }</code><CopyButton {lang} small=true text={token.clone()} label={t(lang, Text::Copy)} testid="copy-temporary-token" /></dd>
                    <dt>{ "Expiration" }</dt><dd>{ &tmp.expiration_text }{ " — " }{ t(lang, Text::ExpiresIn) }{ " " }<strong data-testid="countdown" aria-live="off">{ remaining_text(remaining, t(lang, Text::Expired)) }</strong></dd>
                </dl>
                <div class="actions">
                    <button data-testid="reveal" aria-pressed={revealed.to_string()} onclick={toggle}>{ t(lang, if *revealed { Text::Hide } else { Text::Show }) }</button>
                    <button data-testid="download-env" onclick={download("ramp-sts.env", env)}>{ t(lang, Text::DownloadEnv) }</button>
                    <button data-testid="download-profile" onclick={download("ramp-sts-profile.json", profile)}>{ t(lang, Text::DownloadProfile) }</button>
                    <button data-testid="use-temporary" disabled={model.busy || remaining <= 0} onclick={use_them}>{ t(lang, Text::UseTemporary) }</button>
                </div>
                <label class="confirm"><input type="checkbox" data-testid="saved" checked={model.saved} onchange={on_saved} />{ " " }{ t(lang, Text::SavedConfirm) }</label>
            </section>
        }
    });

    html! {
        <section class="credentials" data-testid="credentials">
            <h1>{ route_name(lang, Route::Credentials) }</h1>
            <p class="summary">{ t(lang, Text::CredentialsIntro) }</p>
            { banner }
            { connected }
            if model.busy {
                <p class="busy" role="status" data-testid="busy">{ t(lang, Text::Working) }</p>
            }
            if let Some(e) = &model.error {
                { error_view(lang, e) }
            }
            { assume }
            { for temporary }
        </section>
    }
}
