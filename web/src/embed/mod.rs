//! The wizard inside another page: `mount(element, options)` (used by the
//! `<ramp-wizard>` custom element of `ramp-embed.js`) renders one flow into
//! an element — its own sign-in, its steps kept in the element (never the
//! host's URL or history), events to the host — and returns a handle to
//! update or unmount it.

pub mod prefill;

use ramp_core::lang::Lang;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use self::prefill::Prefill;
use crate::browser;
use crate::connection::Connected;
use crate::host::Host;
use crate::i18n::tr;
use crate::nav::Nav;
use crate::pages::access::AccessPage;
use crate::pages::credentials::CredentialsPage;
use crate::pages::share::SharePage;
use crate::pages::studio::StudioPage;
use crate::pages::team_group::TeamGroupPage;
use crate::pages::teammate::TeammatePage;
use crate::route::Route;
use crate::transport::{self, Server};
use ramp_core::lang::Localized;

/// The element's settings.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct EmbedProps {
    /// The flow shown.
    pub flow: Route,
    /// Language.
    pub lang: Lang,
    /// `light`, `dark` or `auto`.
    pub theme: AttrValue,
    /// The element (events go there).
    pub host: Host,
    /// The `ramp serve` this element's calls go to (its `proxy`), or why
    /// the `proxy` given cannot be one.
    pub server: Result<Server, AttrValue>,
    /// Mounted by the app's shell (the flows module loaded on demand): the
    /// shell owns the URL fragment, the step and the credentials.
    pub in_app: Option<InApp>,
}

/// What the app's shell hands the flows module.
#[derive(Debug, Clone, PartialEq)]
pub struct InApp {
    /// The step (from the fragment).
    pub step: usize,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

/// The flow an element's `flow` attribute names.
pub fn flow_of(name: &str) -> Option<Route> {
    Some(match name {
        "teammate-access" | "teammate" => Route::Teammate,
        "team-group" => Route::TeamGroup,
        "share-with-account" | "share" => Route::ShareAccount,
        "access" | "access-review" => Route::Access,
        "change-access" | "change" => Route::Change,
        "policy-studio" | "studio" => Route::Studio,
        "credentials" => Route::Credentials,
        _ => return None,
    })
}

/// One flow, embedded — or, from the app's shell, just the flow page.
#[component]
pub fn Embedded(props: &EmbedProps) -> Html {
    match &props.in_app {
        Some(app) => in_app(props.flow, props.lang, app),
        None => html! { <InElement ..props.clone() /> },
    }
}

fn in_app(flow: Route, lang: Lang, app: &InApp) -> Html {
    let (step, connection) = (app.step, app.connection.clone());
    match flow {
        Route::Teammate => html! { <TeammatePage {lang} {step} {connection} /> },
        Route::TeamGroup => html! { <TeamGroupPage {lang} {step} {connection} /> },
        Route::Access => html! { <AccessPage {lang} {connection} /> },
        Route::Change => html! { <crate::pages::change::ChangePage {lang} {connection} /> },
        Route::Studio => html! { <StudioPage {lang} /> },
        _ => html! { <SharePage {lang} {step} {connection} /> },
    }
}

/// The flow inside `<ramp-wizard>`: its own sign-in, steps and events.
#[component]
fn InElement(props: &EmbedProps) -> Html {
    match &props.server {
        Ok(server) => html! {
            <ContextProvider<Server> context={server.clone()}>
                <Connecting ..props.clone() />
            </ContextProvider<Server>>
        },
        Err(why) => html! {
            <Refused lang={props.lang} theme={props.theme.clone()} host={props.host.clone()} why={why.clone()} />
        },
    }
}

/// A `proxy` Ramp will not send signed calls to: said in the element and
/// to the host, and nothing is sent anywhere.
#[derive(Debug, Clone, PartialEq, Properties)]
struct RefusedProps {
    lang: Lang,
    theme: AttrValue,
    host: Host,
    why: AttrValue,
}

#[component]
fn Refused(props: &RefusedProps) -> Html {
    {
        let (host, why) = (props.host.clone(), props.why.clone());
        use_effect_with(why, move |why| {
            host.emit(
                "ramp-error",
                json!({"code": "Ramp.ProxyRefused", "message": why.to_string()}),
            );
        });
    }
    html! {
        <div class={classes!("app", "embedded", format!("theme-{}", props.theme))} lang={props.lang.tag()}>
            <p class="error" role="alert" data-testid="embed-error">
                { tr(props.lang, "This wizard is not set up safely, so it sends nothing: ", "此向导的配置不安全，因此不会发送任何请求：") }
                { props.why.clone() }
            </p>
        </div>
    }
}

/// The flow, its sign-in and its calls, all to this element's server.
#[component]
fn Connecting(props: &EmbedProps) -> Html {
    let lang = props.lang;
    let server = transport::use_server();
    let info = use_state(|| None);
    let connection = use_state(|| None::<Connected>);
    let step = use_state(|| 0usize);
    {
        let (info, host, flow) = (info.clone(), props.host.clone(), props.flow);
        use_effect_with(server.clone(), move |server| {
            let server = server.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = transport::info(&server).await;
                info.set(answer.clone());
                host.emit(
                    "ramp-ready",
                    json!({"flow": flow.path().trim_start_matches('/'), "server": answer.is_some()}),
                );
            });
        });
    }
    {
        // Another flow starts at its first step.
        let step = step.clone();
        use_effect_with(props.flow, move |_| step.set(0));
    }
    let nav = {
        let (step, host, flow) = (step.clone(), props.host.clone(), props.flow);
        Nav::Inside(Callback::from(move |s: usize| {
            step.set(s);
            host.emit(
                "ramp-step",
                json!({"flow": flow.path().trim_start_matches('/'), "step": s + 1}),
            );
        }))
    };
    let on_connect = {
        let connection = connection.clone();
        Callback::from(move |c| connection.set(Some(c)))
    };
    let on_forget = {
        let connection = connection.clone();
        Callback::from(move |()| connection.set(None))
    };
    let conn = (*connection).clone();
    let step = *step;
    let page = match props.flow {
        Route::Teammate => html! { <TeammatePage {lang} {step} connection={conn.clone()} /> },
        Route::TeamGroup => html! { <TeamGroupPage {lang} {step} connection={conn.clone()} /> },
        Route::ShareAccount => html! { <SharePage {lang} {step} connection={conn.clone()} /> },
        Route::Access => html! { <AccessPage {lang} connection={conn.clone()} /> },
        Route::Change => {
            html! { <crate::pages::change::ChangePage {lang} connection={conn.clone()} /> }
        }
        _ => html! { <StudioPage {lang} /> },
    };
    let needs_sign_in = !matches!(props.flow, Route::Studio);
    let sandbox = info
        .as_ref()
        .is_some_and(|i: &crate::connection::Info| i.is_sandbox());
    let signed_in = conn.as_ref().map(|c| {
        let forget = on_forget.reform(|_: MouseEvent| ());
        html! {
            <p class="signed-in" data-testid="embed-signed-in">
                { tr(lang, "Signed in as ", "当前身份：") }<code>{ &c.identity.arn }</code>{ " " }
                <button type="button" class="small" data-testid="forget" onclick={forget}>{ tr(lang, "Forget these credentials", "清除这些凭证") }</button>
            </p>
        }
    });
    html! {
        <div class={classes!("app", "embedded", format!("theme-{}", props.theme))} lang={lang.tag()}>
            if sandbox {
                <p class="sandbox-banner" role="note" data-testid="sandbox-banner">{ tr(lang, "Sandbox: this Ramp runs a local emulator of RAM and STS. Nothing real is touched; the demo keys only work here.", "沙箱模式：此 Ramp 运行本地 RAM/STS 模拟服务，不会触及真实资源；演示密钥仅在此处有效。") }</p>
            }
            <ContextProvider<Nav> context={nav}>
                <ContextProvider<Host> context={props.host.clone()}>
                    <main class="page">
                        <div class="embed-sign-in">
                            if needs_sign_in {
                                <p class="help" data-testid="embed-server">
                                    { tr(lang, "Your requests are signed in this page and sent to ", "您的请求在本页面内签名，并发送到 ") }
                                    <code>{ server.label() }</code>
                                    { tr(lang, " (the Ramp server your portal runs).", "（您的门户所运行的 Ramp 服务器）。") }
                                </p>
                            }
                            if props.flow == Route::Credentials || (needs_sign_in && conn.is_none()) {
                                <CredentialsPage {lang} info={(*info).clone()} connection={conn.clone()} {on_connect} {on_forget} />
                            } else {
                                { signed_in.unwrap_or_default() }
                            }
                        </div>
                        <div class="embed-flow">
                            if props.flow != Route::Credentials {
                                { page }
                            }
                        </div>
                    </main>
                </ContextProvider<Host>>
            </ContextProvider<Nav>>
        </div>
    }
}

fn text(options: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(options, &key.into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.trim().is_empty())
}

/// Reads `mount`'s options and writes the prefills into the flow's draft.
fn props_of(options: &JsValue) -> Result<EmbedProps, JsValue> {
    let name = text(options, "flow").unwrap_or_else(|| "share-with-account".into());
    let flow = flow_of(&name).ok_or_else(|| {
        js_sys::Error::new(&format!(
            "flow `{name}`: use teammate-access, team-group, share-with-account, access, policy-studio or credentials"
        ))
    })?;
    if let Some(assets) = text(options, "assets") {
        crate::modules::set_assets(&assets);
    }
    let prefill: Prefill = js_sys::Reflect::get(options, &"prefill".into())
        .ok()
        .filter(|v| v.is_object())
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| serde_json::from_str(&String::from(s)).ok())
        .unwrap_or_default();
    let draft = match flow {
        Route::Teammate => Some("teammate"),
        Route::TeamGroup => Some("team-group"),
        Route::ShareAccount => Some("share"),
        _ => None,
    };
    if let Some(key) = draft.filter(|_| prefill != Prefill::default()) {
        let current = browser::load_draft(key).unwrap_or_default();
        browser::save_draft(key, &prefill::apply(flow, &current, &prefill));
    }
    let host = js_sys::Reflect::get(options, &"host".into())
        .ok()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    let in_app = js_sys::Reflect::get(options, &"inApp".into())
        .is_ok_and(|v| v.is_truthy())
        .then(|| InApp {
            step: js_sys::Reflect::get(options, &"step".into())
                .ok()
                .and_then(|v| v.as_f64())
                .map_or(0, |n| n as usize),
            connection: js_sys::Reflect::get(options, &"connection".into())
                .ok()
                .filter(|c| c.is_object())
                .and_then(|c| connected(&c)),
        });
    let lang = text(options, "lang")
        .map(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    // Each element keeps its own server: an `https:` origin, or loopback.
    let server = match text(options, "proxy") {
        Some(proxy) => Server::at(&proxy).map_err(|e| AttrValue::from(e.message(lang))),
        None => Ok(Server::default()),
    };
    Ok(EmbedProps {
        flow,
        lang,
        server,
        theme: text(options, "theme")
            .unwrap_or_else(|| "light".into())
            .into(),
        host: Host(host),
        in_app,
    })
}

/// The credentials the shell handed over (memory only).
fn connected(c: &JsValue) -> Option<Connected> {
    let id = text(c, "accessKeyId")?;
    let mut credentials = ramp_core::credentials::Credentials::new(id, text(c, "accessKeySecret")?);
    if let Some(t) = text(c, "securityToken") {
        credentials = credentials.with_security_token(t);
    }
    Some(Connected {
        credentials,
        identity: ramp_core::api::responses::CallerIdentityResponse {
            account_id: text(c, "accountId")?,
            arn: text(c, "arn").unwrap_or_default(),
            ..Default::default()
        },
        alias: text(c, "alias"),
    })
}

/// A mounted wizard.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Mounted {
    handle: Option<yew::AppHandle<Embedded>>,
}

#[wasm_bindgen]
impl Mounted {
    /// New options (the element's attributes changed).
    pub fn update(&mut self, options: JsValue) -> Result<(), JsValue> {
        let props = props_of(&options)?;
        if let Some(h) = &mut self.handle {
            h.update(props);
        }
        Ok(())
    }

    /// Removes the wizard from its element.
    pub fn unmount(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
    }
}

/// Renders one flow into `element`. Options: `{flow, lang, theme, proxy,
/// assets, host, prefill: {account-id, role-name, user-name,
/// resource-group-id, app}}`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Mounted, JsValue> {
    let props = props_of(&options)?;
    let handle = yew::Renderer::<Embedded>::with_root_and_props(element, props).render();
    Ok(Mounted {
        handle: Some(handle),
    })
}
