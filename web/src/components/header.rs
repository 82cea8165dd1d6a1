//! The header: name, tagline, navigation to every flow, language switch.

use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::{route_name, tr};
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
    /// The AccessKey ID the service said it does not know (the page signed out).
    #[prop_or_default]
    pub signed_out: Option<String>,
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
                <span class="tagline">{ tr(lang, "Alibaba Cloud RAM onboarding for ARMS", "面向 ARMS 的阿里云 RAM 自助开通") }</span>
                <button class="lang-switch" data-testid="lang-switch" lang={other.tag()} onclick={switch}>
                    { tr(lang, "中文", "English") }
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
            if let (None, Some(id)) = (&props.connection, &props.signed_out) {
                <p class="notice" role="alert" data-testid="signed-out">
                    { match lang {
                        Lang::Zh => format!("已退出登录：服务端不再识别 AccessKey {}（沙箱已重启，或该密钥已被删除或停用）。请重新登录。", masked(id)),
                        _ => format!("Signed out: the service no longer knows the AccessKey {} (the sandbox restarted, or the key was deleted or disabled). Sign in again.", masked(id)),
                    } }
                </p>
            }
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

/// `LTAI5tAbcdXyz` → `LTAI***Xyz`: enough to recognise, not to copy.
fn masked(id: &str) -> String {
    let n = id.chars().count();
    if n <= 7 {
        return "***".into();
    }
    let head: String = id.chars().take(4).collect();
    let tail: String = id.chars().skip(n - 3).collect();
    format!("{head}***{tail}")
}
