//! The shell: header, navigation, the current page.

use ramp_core::lang::Lang;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::header::Header;
use crate::i18n::tr;
use crate::pages::credentials::CredentialsPage;
#[cfg(feature = "flows")]
use crate::pages::share::SharePage;
use crate::pages::start::StartPage;
#[cfg(feature = "flows")]
use crate::pages::studio::StudioPage;
#[cfg(feature = "flows")]
use crate::pages::team_group::TeamGroupPage;
#[cfg(feature = "flows")]
use crate::pages::teammate::TeammatePage;
use crate::pages::workbench::Workbench;
use crate::route::{step_from_hash, Route};
use crate::state::{AppAction, AppState};
use crate::transport;

/// The whole app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState {
        lang: browser::preferred_lang(),
        route: Route::from_hash(&browser::hash()),
        step: step_from_hash(&browser::hash()),
        info: None,
        connection: None,
        signed_out: None,
    });
    {
        // Ask the server what it is (sandbox, relay to Alibaba Cloud, or none).
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(info) = transport::info(&transport::Server::default()).await {
                    state.dispatch(AppAction::Info(info));
                }
            });
        });
    }

    {
        // Follow the fragment: links, back and forward.
        let state = state.clone();
        use_effect_with((), move |_| {
            let on_hash = Closure::<dyn Fn()>::new(move || {
                let hash = browser::hash();
                state.dispatch(AppAction::Navigate(
                    Route::from_hash(&hash),
                    step_from_hash(&hash),
                ))
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    on_hash.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        on_hash.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    {
        // A call (here or in the flows module) says the key is unknown: sign out and say why.
        let state = state.clone();
        use_effect_with((), move |_| {
            let on_unknown =
                Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    if let Some(id) = e.detail().as_string() {
                        state.dispatch(AppAction::KeyUnknown(id));
                    }
                });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    transport::KEY_UNKNOWN_EVENT,
                    on_unknown.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        transport::KEY_UNKNOWN_EVENT,
                        on_unknown.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    use_effect_with(state.lang, |lang| browser::set_document_lang(*lang));
    // After one visit the app, the studio and every export work offline.
    use_effect_with((), |_| browser::register_service_worker());
    let step = state.step;

    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang: Lang| {
            browser::remember_lang(lang);
            state.dispatch(AppAction::SetLang(lang))
        })
    };
    let lang = state.lang;
    let on_connect = {
        let state = state.clone();
        Callback::from(move |c| state.dispatch(AppAction::Connect(Box::new(c))))
    };
    let on_forget = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(AppAction::Forget))
    };
    let page = match state.route {
        Route::Start => html! {
            <StartPage {lang} info={state.info.clone()} connection={state.connection.clone()} />
        },
        Route::Workbench => html! { <Workbench {lang} /> },
        Route::Credentials => html! {
            <CredentialsPage {lang} info={state.info.clone()} connection={state.connection.clone()} {on_connect} {on_forget} />
        },
        #[cfg(feature = "flows")]
        Route::Teammate => {
            html! { <TeammatePage {lang} {step} connection={state.connection.clone()} /> }
        }
        #[cfg(feature = "flows")]
        Route::TeamGroup => {
            html! { <TeamGroupPage {lang} {step} connection={state.connection.clone()} /> }
        }
        #[cfg(feature = "flows")]
        Route::Access => {
            html! { <crate::pages::access::AccessPage {lang} connection={state.connection.clone()} /> }
        }
        #[cfg(feature = "flows")]
        Route::Change => {
            html! { <crate::pages::change::ChangePage {lang} connection={state.connection.clone()} /> }
        }
        #[cfg(feature = "flows")]
        Route::ShareAccount => {
            html! { <SharePage {lang} {step} connection={state.connection.clone()} /> }
        }
        #[cfg(feature = "flows")]
        Route::Studio => html! { <StudioPage {lang} /> },
        // The shell's build: the pages module renders these, loaded on demand.
        #[cfg(not(feature = "flows"))]
        Route::Teammate
        | Route::TeamGroup
        | Route::ShareAccount
        | Route::Access
        | Route::Change
        | Route::Studio => html! {
            <crate::flows_host::FlowHost key={state.route.path()} route={state.route} {lang} {step} connection={state.connection.clone()} />
        },
    };
    let sandbox = state.info.as_ref().is_some_and(|i| i.is_sandbox());
    html! {
        <div class="app">
            <Header {lang} route={state.route} {on_lang} connection={state.connection.clone()} signed_out={state.signed_out.clone()} />
            if sandbox {
                <p class="sandbox-banner" role="note" data-testid="sandbox-banner">{ tr(lang, "Sandbox: this Ramp runs a local emulator of RAM and STS. Nothing real is touched; the demo keys only work here.", "沙箱模式：此 Ramp 运行本地 RAM/STS 模拟服务，不会触及真实资源；演示密钥仅在此处有效。") }</p>
            }
            if state.route.is_flow() && cfg!(not(feature = "flows")) {
                // The flow page itself is in `<main id="ramp-flow">`, beside this root.
                { page }
            } else {
                <main class="page" key={state.route.path()}>{ page }</main>
            }
        </div>
    }
}
