//! The header: name, tagline, navigation to every flow, language switch.

use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::{route_name, t, tr, Text};
use crate::route::Route;

/// Header properties.
#[derive(Debug, Properties, PartialEq)]
pub struct HeaderProps {
    /// Current language.
    pub lang: Lang,
    /// Current page (highlighted).
    pub route: Route,
    /// Called with the other language when the switch is pressed.
    pub on_lang: Callback<Lang>,
    /// Who is signed in (shown on every page).
    #[prop_or_default]
    pub connection: Option<crate::connection::Connected>,
}

/// The app header.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
    let switch = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |_: MouseEvent| on_lang.emit(other))
    };
    html! {
        <header class="header">
            <div class="brand">
                <span class="logo">{ "Ramp" }</span>
                <span class="tagline">{ t(lang, Text::Tagline) }</span>
                <button class="lang-switch" data-testid="lang-switch" lang={other.tag()} onclick={switch}>
                    { t(lang, Text::SwitchLanguage) }
                </button>
            </div>
            <p class="signed-in" data-testid="signed-in">
                {
                    match &props.connection {
                        Some(c) => html! { <>{ tr(lang, "Signed in: ", "已登录：") }<code>{ c.label() }</code></> },
                        None => html! { <a href={format!("#{}", Route::Credentials.path())}>{ tr(lang, "Not signed in", "未登录") }</a> },
                    }
                }
            </p>
            <nav class="nav">
                { for Route::ALL.iter().map(|&r| {
                    let class = classes!("nav-link", (r == props.route).then_some("active"));
                    let onclick = Callback::from(move |e: MouseEvent| {
                        if !browser::may_leave(tr(lang,
                            "The secrets shown on this page are not marked as saved and will not be shown again. Leave anyway?",
                            "本页显示的密钥尚未标记为已保存，且不会再次显示。仍要离开吗？")) {
                            e.prevent_default();
                        }
                    });
                    let current = (r == props.route).then_some("page");
                    html! {
                        <a key={r.path()} {class} {onclick} aria-current={current} href={format!("#{}", r.path())} data-testid={format!("nav{}", r.path().replace('/', "-"))}>
                            { route_name(lang, r) }
                        </a>
                    }
                }) }
            </nav>
        </header>
    }
}
