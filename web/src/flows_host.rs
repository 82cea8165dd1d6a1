//! The shell's stand-in for the flow pages: imports the flows module
//! (`flows/ramp-flows.js`, a second wasm build of this crate with the
//! teammate, team-group and share pages, the review and apply) the first
//! time a flow is opened, and mounts the page there with the language, the
//! step and the confirmed credentials (handed over in memory only).

use ramp_core::lang::Lang;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::connection::Connected;
use crate::i18n::tr;
use crate::modules;
use crate::route::Route;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct FlowHostProps {
    /// The flow.
    pub route: Route,
    /// Language.
    pub lang: Lang,
    /// Step (from the fragment).
    pub step: usize,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

fn set(o: &js_sys::Object, k: &str, v: JsValue) {
    let _ = js_sys::Reflect::set(o, &k.into(), &v);
}

/// The options the flows module's `mount` takes, for this page.
fn options(p: &FlowHostProps) -> JsValue {
    let o = js_sys::Object::new();
    let flow = match p.route {
        Route::Teammate => "teammate-access",
        Route::TeamGroup => "team-group",
        Route::Access => "access",
        Route::Change => "change-access",
        Route::Studio => "policy-studio",
        _ => "share-with-account",
    };
    set(&o, "flow", flow.into());
    set(&o, "lang", p.lang.tag().into());
    set(&o, "inApp", true.into());
    set(&o, "step", (p.step as u32).into());
    if let Some(c) = &p.connection {
        let k = js_sys::Object::new();
        set(
            &k,
            "accessKeyId",
            c.credentials.access_key_id.as_str().into(),
        );
        set(
            &k,
            "accessKeySecret",
            c.credentials.access_key_secret.expose().into(),
        );
        if let Some(t) = &c.credentials.security_token {
            set(&k, "securityToken", t.expose().into());
        }
        set(&k, "accountId", c.identity.account_id.as_str().into());
        set(&k, "arn", c.identity.arn.as_str().into());
        if let Some(alias) = &c.alias {
            set(&k, "alias", alias.as_str().into());
        }
        set(&o, "connection", k.into());
    }
    o.into()
}

fn call(handle: &JsValue, name: &str, arg: Option<&JsValue>) {
    if let Ok(f) = js_sys::Reflect::get(handle, &name.into()) {
        if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f) {
            let _ = match arg {
                Some(a) => f.call1(handle, a),
                None => f.call0(handle),
            };
        }
    }
}

/// The flow pages' root: `<main id="ramp-flow">`, the sibling [`crate::run`]
/// puts after the shell's root. Disjoint roots keep the two Yew instances
/// apart: Yew handles events at its root in the capture phase and both
/// instances brand their elements alike, so a shell root that contained the
/// flow would also run the flow's listeners' numbers as its own.
fn flow_root() -> Option<web_sys::HtmlElement> {
    let e = web_sys::window()?
        .document()?
        .get_element_by_id(crate::FLOW_ROOT)?;
    wasm_bindgen::JsCast::dyn_into(e).ok()
}

/// Mounts the flow page from the flows module.
#[component]
pub fn FlowHost(props: &FlowHostProps) -> Html {
    let lang = props.lang;
    let handle = use_mut_ref(|| None::<JsValue>);
    let failed = use_state(|| None::<String>);
    let loading = use_state(|| true);
    // The options as of the latest render: what a late mount starts with.
    let latest = use_mut_ref(|| JsValue::NULL);
    let current = options(props);
    *latest.borrow_mut() = current.clone();
    {
        // Mount once the module is in; unmount when the page goes.
        let (handle, failed, loading) = (handle.clone(), failed.clone(), loading.clone());
        let latest = latest.clone();
        use_effect_with(props.route, move |_| {
            // Cleared when the page goes, so a late import mounts nothing.
            let alive = std::rc::Rc::new(std::cell::Cell::new(true));
            let (alive2, handle2) = (alive.clone(), handle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let module = modules::load(modules::FLOWS).await;
                loading.set(false);
                if !alive2.get() {
                    return;
                }
                match module {
                    Ok(module) => {
                        let Some(el) = flow_root() else { return };
                        el.set_hidden(false);
                        let mount = js_sys::Reflect::get(&module, &"mount".into())
                            .ok()
                            .and_then(|f| {
                                wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok()
                            });
                        if let Some(mount) = mount {
                            match mount.call2(&JsValue::NULL, &el, &latest.borrow()) {
                                Ok(h) => *handle2.borrow_mut() = Some(h),
                                Err(e) => failed.set(Some(format!("{e:?}"))),
                            }
                        }
                    }
                    Err(e) => failed.set(Some(
                        js_sys::Reflect::get(&e, &"message".into())
                            .ok()
                            .and_then(|m| m.as_string())
                            .unwrap_or_else(|| "the flows module could not be loaded".into()),
                    )),
                }
            });
            move || {
                alive.set(false);
                if let Some(h) = handle.borrow_mut().take() {
                    call(&h, "unmount", None);
                }
                if let Some(el) = flow_root() {
                    el.set_hidden(true);
                }
            }
        });
    }
    {
        // New language, step or credentials: the mounted page follows.
        let handle = handle.clone();
        use_effect_with(
            (props.lang, props.step, props.connection.clone()),
            move |_| {
                if let Some(h) = handle.borrow().as_ref() {
                    call(h, "update", Some(&current));
                }
            },
        );
    }
    html! {
        <>
            if let Some(e) = &*failed {
                <p class="error" role="alert" data-testid="flows-error">{ tr(lang, "This page could not be loaded: ", "无法加载此页面：") }{ e }</p>
            }
            if *loading {
                <p class="page loading" role="status" data-testid="flows-loading">{ tr(lang, "Loading…", "正在加载…") }</p>
            }
        </>
    }
}
