//! The page of a flow that is not built yet: says so plainly.

use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::i18n::{route_name, route_summary, t, Text};
use crate::route::Route;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct NotBuiltProps {
    /// Language.
    pub lang: Lang,
    /// The flow.
    pub route: Route,
}

/// "Not built yet", with what the flow will do.
#[component]
pub fn NotBuilt(props: &NotBuiltProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="not-built" data-testid="not-built">
            <h1>{ route_name(lang, props.route) }</h1>
            <p class="summary">{ route_summary(lang, props.route) }</p>
            <p class="notice">{ t(lang, Text::NotBuiltBody) }</p>
            <a class="button" href={format!("#{}", Route::Workbench.path())}>{ t(lang, Text::OpenWorkbench) }</a>
        </section>
    }
}
