//! The shell: header, navigation, the current page.

use ramp_core::lang::Lang;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::header::Header;
use crate::pages::not_built::NotBuilt;
use crate::pages::workbench::Workbench;
use crate::route::Route;
use crate::state::{AppAction, AppState};

/// The whole app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState {
        lang: browser::preferred_lang(),
        route: Route::from_hash(&browser::hash()),
    });

    {
        // Follow the fragment: links, back and forward.
        let state = state.clone();
        use_effect_with((), move |_| {
            let on_hash = Closure::<dyn Fn()>::new(move || {
                state.dispatch(AppAction::Navigate(Route::from_hash(&browser::hash())))
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
    use_effect_with(state.lang, |lang| browser::set_document_lang(*lang));

    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang: Lang| state.dispatch(AppAction::SetLang(lang)))
    };
    let lang = state.lang;
    let page = match state.route {
        Route::Workbench => html! { <Workbench {lang} /> },
        route => html! { <NotBuilt {lang} {route} /> },
    };
    html! {
        <div class="app">
            <Header {lang} route={state.route} {on_lang} />
            <main class="page" key={state.route.path()}>{ page }</main>
        </div>
    }
}
